// The plain data the engine works on. Adapters build these from GitHub (or a local git
// repository); the engine never fetches anything itself. Times are ISO-8601 strings.
import type { RiskFactors, RulePredicates } from './policy-schema.ts';
import type {
  Decision,
  GateKind,
  Level,
  Mode,
  OnTimeout,
  Permission,
  Requirement,
  StatementSource,
  Tier,
} from './registry.ts';

/** A GitHub account, identified by its numeric id (logins can be renamed and reclaimed). */
export interface Actor {
  id: number;
  login: string;
  /** GitHub's account type: `User`, `Bot` or `Organization`. */
  type: string;
}

// ---------------------------------------------------------------------------------------------
// Policy, after defaults are applied (see policy.ts: parsePolicy).

export interface GateOptions {
  approvals: number;
  /** Milliseconds, or null for no deadline. */
  timeoutMs: number | null;
  onTimeout: OnTimeout;
  escalateTo: string[];
  safeDefault: string | null;
}

export interface Rule extends GateOptions {
  name: string;
  /** Position in `rules:`, for messages such as `rules[2]`. */
  index: number;
  description: string | null;
  if: RulePredicates;
  risk: RiskFactors;
  /** True when the rule wrote no `risk:` at all: matching alone puts it at the approve tier. */
  riskImplied: boolean;
  level: Level;
  /** Reviewer group names; empty means anyone with write permission. */
  reviewers: string[];
  require: Requirement[];
}

export interface EnvironmentPolicy {
  reviewers: string[];
  preventSelfReview: boolean;
  waitTimer: number;
  branches: string[];
  gate: boolean;
}

/** An entry of `actions:`: which tool calls get an action kind and risk (DESIGN §10). */
export interface ActionEntry {
  kind: string;
  /** Position in `actions:`, for messages such as `actions[2]`. */
  index: number;
  /** Undefined only for `kind: unknown` without `match`. Lists of globs, each non-empty when set. */
  match?: { tool: string[]; command?: string[]; path?: string[]; url?: string[] };
  risk: RiskFactors;
  description: string | null;
}

export interface Policy {
  mode: Mode;
  allow: string[];
  /** Group name → entries: logins and `@org/team`. */
  reviewers: Record<string, string[]>;
  defaults: GateOptions & { invalidateOnPush: boolean; allowSelfApproval: boolean; allowBots: boolean };
  rules: Rule[];
  /** `actions:`, in order; empty when the policy has none. */
  actions: ActionEntry[];
  environments: Record<string, EnvironmentPolicy>;
  specs: { paths: string[] };
  log: { branch: string; path: string; checkRuns: boolean };
  queue: { maxPending: number };
  thresholds: { cost: { notify: number; approve: number } };
}

// ---------------------------------------------------------------------------------------------
// The request: what an approver is asked to approve.

export interface RequestOption {
  /** `a`, `b`, … in order; `/approve b` picks the second. */
  key: string;
  name: string;
  description: string;
}

/** A piece of request text and where it came from, so readiness problems can point at lines. */
export interface SourcedText {
  text: string;
  /** File and 1-based line where the text starts, when it came from a file. */
  source?: { path: string; line: number };
}

export interface Request {
  gate: {
    kind: GateKind;
    /** Set for deployment gates, and for requests aimed at an environment. */
    environment?: string;
    /**
     * The pull request's base when it is not the repository's default branch: the gate's check
     * is then named for that base (`gatehouse (into release/1.x)`), never `gatehouse`.
     */
    into?: string;
  };
  /** `owner/name`. */
  repository: string;
  subject: {
    /** The commit the decision binds to: PR head, deployment SHA, or the workflow's SHA. */
    sha: string;
    /** The branch the work targets: PR base branch, or the deployed ref. */
    targetBranch?: string;
    pullRequest?: number;
    url?: string;
  };
  /** The action kind (`deploy`, `migration`, `docs`, …), when one was declared. */
  kind?: string;
  action?: SourcedText;
  context?: SourcedText;
  riskAssessment?: SourcedText;
  rollbackPlan?: SourcedText;
  recommendation?: SourcedText;
  options: RequestOption[];
  /** Risk the requester declared (spec front matter, Action inputs). It can only raise the tier. */
  declaredRisk: RiskFactors;
  files: { paths: string[] /** False when GitHub's listing was cut off (3,000 files). */; complete: boolean };
  labels: string[];
  /** Who asks: the PR author, the agent, the workflow's actor. */
  requester: Actor;
  /** The person an agent acts for, when known. Also may not approve. */
  onBehalfOf?: Actor;
  /** The agent's name (`gatehouse ask --agent`): provenance only, not part of what is approved. */
  agent?: string;
  /** The spec file this request was built from. */
  spec?: { path: string };
}

// ---------------------------------------------------------------------------------------------
// Facts: the GitHub timeline and authorisation, as read at decision time.

/** One thing someone said to the gate: a comment, a review, a button click, a deployment review. */
export interface Statement {
  source: StatementSource;
  /** Unique within its source, e.g. the comment id. */
  id: string;
  author: Actor;
  /** The text as GitHub stores it now. For reviews, the review body. */
  body: string;
  createdAt: string;
  /**
   * Comments and reviews: when it was last edited (GitHub sets it equal to createdAt until an
   * edit). An edited approval never counts, whatever its source; a review's comes from the issue
   * timeline's `reviewed` event (the REST reviews list has none).
   */
  updatedAt?: string;
  /** Accounts other than the author seen editing it, when known (webhook sender, edit history). */
  editors?: Actor[];
  /** Reviews: GitHub's state. A review counts for its commit only. */
  reviewState?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  /** Reviews, check-run buttons and deployment reviews: the commit the statement was made on. */
  commitId?: string;
  /** Check-run buttons and deployment reviews: what was clicked. */
  action?: 'approve' | 'reject';
  /** Set when an app posted it on the author's behalf (`performed_via_github_app`). */
  viaApp?: string;
  /** A recorded rejection put back because its comment was deleted or edited away. */
  restored?: 'deleted' | 'edited';
}

export type TeamMembers = { members: number[] } | { error: string };

/**
 * A rejection Gatehouse has counted, as it recorded it where only Gatehouse can write (the App's
 * check runs): it stands when its comment is deleted or edited away (DESIGN §11).
 */
export interface RecordedVeto {
  source: StatementSource;
  statementId: string;
  author: Actor;
  reason: string;
  /** When the rejection was made (the statement's time). */
  at: string;
}

/** A decision already in the log, used for precedent and `ask-once`. */
export interface PriorDecision {
  id: string;
  decision: Decision;
  kind?: string;
  rules: string[];
  at: string;
  requestHash?: string;
  /** The pull request it decided, if any: a PR's own earlier decisions are no precedent for it. */
  pullRequest?: number;
  /**
   * The branch the decided work targeted (a pull request's base, a deployed ref): a decision is
   * precedent only for requests with the same target, and one without a target for none.
   */
  target?: string;
}

export interface Facts {
  /**
   * The commit the gate is on now, and GitHub's time from which a statement counts for it: when it
   * became the head of this pull request (pushed, force-pushed, base changed, opened) or when the
   * approval issue was opened. Never a commit date (S3), never Gatehouse's own clock or notes.
   */
  head: {
    sha: string;
    since: string;
    /** What happened at `since`, in words: `pushed`, `force-pushed`, `base changed`, `opened`. */
    sinceEvent?: string;
    /** A push brought this head after the request was opened: the push guard window applies. */
    pushed?: boolean;
  };
  /** GitHub's time of the request's last change: approvals given before it were for another request. */
  requestChange?: { at: string; what: string };
  statements: Statement[];
  /** User id → repository permission at decision time. A user missing here is not counted. */
  permissions: Record<number, Permission>;
  /** `org/team` (lower case, no `@`) → member ids, or why they could not be read. */
  teams: Record<string, TeamMembers>;
  /** The PR author, and the last pusher. */
  author?: Actor;
  lastPusher?: Actor;
  /**
   * Deployment gates: who created the deployment, and who started or re-ran the workflow run that
   * waits for it (D4). None of them may approve it.
   */
  deployers?: Actor[];
  /** Gatehouse's own accounts, never counted as approvers. */
  selfIds: number[];
  /** Decisions already in this repository's log. Undefined when the log could not be read or is not trusted. */
  history?: PriorDecision[];
  /** Why there is no history, when it is not that the log could not be read (the Action's log). */
  historyNote?: string;
  /** When the request was first posted: deadlines count from here. */
  requestedAt: string;
  /** Rejections Gatehouse counted before, from its own records: vetoes that must not vanish. */
  recordedVetoes?: RecordedVeto[];
  /**
   * The paths in this repository that are policy (the policy file, and a same-repository file it
   * extends), when not only `.github/gatehouse.yml`: a change to any of them is gated at the top.
   */
  policyFiles?: string[];
}

// ---------------------------------------------------------------------------------------------
// Results.

export interface MatchedRule {
  name: string;
  tier: Tier;
  level: Level;
  /** Why it matched, in words: `paths db/migrations/** matched 3 files`. */
  reasons: string[];
  /** Changed files that matched `paths`, at most MATCHED_FILES_SHOWN of them. */
  files: string[];
  filesMatched: number;
}

export interface FactorVerdict {
  factor: string;
  value: string;
  tier: Tier;
  /** Where the value came from: a rule name, `declared`, `computed`. */
  from: string;
}

export interface RiskAssessment {
  tier: Tier;
  level: Level;
  factors: FactorVerdict[];
  rules: MatchedRule[];
  /** Why the request proceeds although its tier is higher (mode, allow, precedent), if it does. */
  waived?: string;
  /** Problems that force the top tier, e.g. an incomplete file list. */
  problems: string[];
}

export interface StatementVerdict {
  statement: { source: StatementSource; id: string; author: Actor; createdAt: string };
  /** The command read from it, if any. */
  verb?: string;
  counted: boolean;
  /** `counted`, or why not: `ignored: @bob has read permission`, `stale: …`. */
  reason: string;
}

export interface Approval {
  approver: Actor;
  at: string;
  statementId: string;
  source: StatementSource;
  verb: 'approve' | 'ack' | 'delay';
  option?: string;
  note?: string;
  /** `/delay`: when the approval takes effect. */
  effectiveAt?: string;
}

export interface RuleProgress {
  rule: string;
  level: Level;
  needed: number;
  /** Approvals that count towards this rule. */
  approvals: Approval[];
  /** Groups whose members may approve; empty means anyone with write permission. */
  reviewers: string[];
}

/** A requirement the request does not meet, e.g. `no rollback plan`. */
export interface ReadinessGap {
  requirement: Requirement;
  /** The rule that requires it. */
  rule: string;
  problem: string;
  /** Where to point an annotation, when the request came from a file. */
  source?: { path: string; line: number };
}

export interface Readiness {
  ready: boolean;
  missing: ReadinessGap[];
}

export interface GateResult {
  state: Decision;
  risk: RiskAssessment;
  progress: RuleProgress[];
  statements: StatementVerdict[];
  approvers: Approval[];
  rejection?: { by: Actor; at: string; reason: string };
  modification?: { by: Actor; at: string; instructions: string };
  /** Delayed approvals: when they take effect. */
  effectiveAt?: string;
  option?: RequestOption;
  /** Why the gate ended as it did when no person decided: waiver, timeout outcome, tampering. */
  reason?: string;
  deadline?: string;
  /** Expired gates: how long the request waited, from the request to its final deadline. */
  expiredAfterMs?: number;
  escalation?: { at: string; to: string[]; deadline?: string };
  readiness: Readiness;
  /** The rejections that count now, to be recorded so that they stand if their comment vanishes. */
  vetoes: RecordedVeto[];
  /** Edits by someone other than the author of a comment that held a command (L1). */
  tampering: { statementId: string; author: Actor; editor: Actor }[];
  /** Conditions that fail the gate closed (team look-up failed, …), each one line. */
  problems: string[];
}

/** The entries of a reviewer group, or undefined when the policy has no such group. */
export function readReviewerGroup(policy: Pick<Policy, 'reviewers'>, name: string): string[] | undefined {
  return Object.hasOwn(policy.reviewers, name) ? policy.reviewers[name] : undefined;
}

/** The accounts of all the lists, each (by numeric id) once, in first-seen order. */
export function mergeActors(...lists: readonly (readonly Actor[])[]): Actor[] {
  const merged: Actor[] = [];
  for (const list of lists)
    for (const actor of list) if (!merged.some((known) => known.id === actor.id)) merged.push(actor);
  return merged;
}
