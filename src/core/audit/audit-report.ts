// The shape of an audit (`gatehouse audit`): what goes in (the files of the log branch, and
// optionally the check runs of a ref or pull request) and the report that comes out. The report
// is versioned: its JSON is a public contract (docs/audit.md), so a field is added, never renamed.
// Record rows use the decision record's own field names (`decided_at`); the rest is camelCase.
import type { ExecutionType } from '../execution-record.ts';
import type { Decision, GateKind, Level, Requirement, StatementSource, Tier } from '../registry.ts';

/** One file read from the log branch. */
export interface AuditEntry {
  /** Its path on the branch, e.g. `decisions/2026/03/<id>.md`. */
  path: string;
  text: string;
  /** The commit (or blob) it was read from, when the reader knows it. */
  commit?: string;
}

/** A `gatehouse` or `gatehouse: <environment>` check run, as the cross-check needs it. */
export interface CheckRunEvidence {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  /** The decision id Gatehouse put on the run. */
  externalId: string | null;
  completedAt: string | null;
  url?: string;
  /**
   * The run's title. With it, a failed run of an undecided gate (`Not ready for approval: …`,
   * `Blocked: …`), which has no record by design, is told apart from a rejection whose record is
   * missing; without it only successful runs are checked for a record.
   */
  title?: string;
}

/** A record anchor (core/record-anchor.ts) read from a check run of Gatehouse's own app. */
export interface AnchorEvidence {
  checkRunId: number;
  /** The decision id the run carries. */
  externalId: string | null;
  headSha: string;
  path: string;
  sha256: string;
  commit: string;
}

/**
 * A commit of the log branch that GitHub does not vouch for as Gatehouse's (not verified, not by
 * its bot, a merge), with the files it changed, as GitHub lists them.
 */
export interface ForeignLogCommit {
  sha: string;
  /** Why it is not Gatehouse's, in words: `not verified by GitHub (unsigned)`. */
  problem: string;
  files: { path: string; status: string; previousPath?: string }[];
}

/** What API mode knows beyond the files: the anchors of the records, and the log's foreign commits. */
export interface ProvenanceEvidence {
  anchors: AnchorEvidence[];
  foreignCommits: ForeignLogCommit[];
  /** The app whose check runs and bot the anchors and commits were checked against: `gatehouse`. */
  app: string;
}

/**
 * What offline mode knows (`--git DIR`): every commit of the log branch, oldest first, with the
 * files it changed as git lists them (renames detected). With a trusted key, `problem` says why a
 * commit is not signed by it; without one, signatures were not checked (`signatures: false`).
 */
export interface LogHistoryEvidence {
  commits: { sha: string; problem?: string; files: ForeignLogCommit['files'] }[];
  signatures: boolean;
}

/** Which decisions the report shows. Integrity is checked over every record regardless. */
export interface AuditFilters {
  /** Decided at or after this ISO time. */
  since?: string;
  /** Decided at or before this ISO time. */
  until?: string;
  /** A check name (`gatehouse: production`), a gate kind (`deployment`) or a glob (`gatehouse: prod*`). */
  gate?: string;
  /** An environment name or glob, case-insensitive. */
  environment?: string;
  decision?: Decision;
  /** A login among the approvers, case-insensitive, with or without `@`. */
  approver?: string;
  /** A rule name or glob, case-insensitive. */
  rule?: string;
}

/** An approval faster than max(minimumSeconds, secondsPerFile × changed files) is a rubber stamp. */
export interface RubberStampThreshold {
  secondsPerFile: number;
  minimumSeconds: number;
}

export const DEFAULT_RUBBER_STAMP: RubberStampThreshold = { secondsPerFile: 20, minimumSeconds: 60 };

/** A rule whose gates were all approved needs at least this many decisions to be called so. */
export const ALWAYS_APPROVED_MINIMUM = 5;
/** A rule is often expired, escalated or bypassed from this share of its decisions… */
export const FREQUENT_SHARE = 0.25;
/** …and at least this many of them. */
export const FREQUENT_MINIMUM = 3;

export const AUDIT_FINDING_CODES = [
  'malformed',
  'id_mismatch',
  'path_mismatch',
  'inconsistent',
  'duplicate_id',
  'check_run_without_record',
  'record_without_check_run',
  'digest_mismatch',
  'unanchored',
  'anchor_without_record',
  'unverified_commit',
  'rewritten',
  'merged_unapproved',
  'deployed_unapproved',
  'ran_unapproved',
] as const;
export type AuditFindingCode = (typeof AUDIT_FINDING_CODES)[number];

export interface AuditFinding {
  code: AuditFindingCode;
  /** The file on the log branch; null for a check run that has no record. */
  path: string | null;
  /** The decision id concerned, when there is one. */
  id: string | null;
  /** The check run concerned, for the cross-check findings. */
  checkRunId: number | null;
  /** One line: what is wrong and what it means. */
  message: string;
}

export type Precedent = 'first_time' | 'routine';

/** One decision, as the report lists it. */
export interface AuditRecordRow {
  id: string;
  path: string;
  commit: string | null;
  decided_at: string;
  requested_at: string;
  decision: Decision;
  /** The check name. */
  gate: string;
  gate_kind: GateKind;
  environment: string | null;
  repository: string;
  sha: string;
  pull_request: number | null;
  action: string;
  kind: string | null;
  /** What the request lacked (`rollback_plan`, …); null for records written before Gatehouse said. */
  missing: Requirement[] | null;
  tier: Tier;
  level: Level;
  rules: string[];
  /** The record's `schema`: 1 for records written before approvers' notes were kept. */
  schema: number;
  /** `note`: what the approver wrote with the approval; null when none (or a schema 1 record). */
  approvers: { login: string; id: number; at: string; via: StatementSource; note: string | null }[];
  rejected_by: { login: string; id: number } | null;
  modified_by: { login: string; id: number } | null;
  /** requested_at → decided_at, for decisions a person made; null otherwise. */
  latency_seconds: number | null;
  changed_files: number | null;
  reason: string | null;
  option: string | null;
  /** Where to see the decision on GitHub: each link, or null. */
  links: {
    check_run: string | null;
    comment: string | null;
    pull_request: string | null;
    workflow_run: string | null;
  };
  /** The person an agent acted for, and the agent's name as it gave it. */
  on_behalf_of: { login: string; id: number } | null;
  agent: string | null;
  /** Whether its rules and kind had been approved before in this repository, by the log. */
  precedent: Precedent | null;
  /** Codes of the integrity findings about this record. */
  findings: AuditFindingCode[];
}

export interface LatencySummary {
  /** How many latencies were measured. */
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface RuleLatency extends LatencySummary {
  /** Null for decisions no rule matched. */
  rule: string | null;
  decisions: number;
  /** Approvals given on approve-tier gates of the rule (the ones a rubber stamp is judged on). */
  approvals: number;
  rubberStamps: number;
}

export interface EnvironmentLatency extends LatencySummary {
  /** Null for gates without an environment (pull requests, requests). */
  environment: string | null;
  decisions: number;
}

export interface RubberStamp {
  id: string;
  path: string;
  login: string;
  userId: number;
  /** When the approval was given. */
  at: string;
  seconds: number;
  thresholdSeconds: number;
  changedFiles: number | null;
  rules: string[];
  environment: string | null;
}

export interface AlwaysApprovedRule {
  rule: string;
  decisions: number;
  /** Approved by people (`approved`, `delayed`). */
  approved: number;
  /** Passed without a person (`auto_approved`, `notified`). */
  autoApproved: number;
  /** The highest level its gates asked for. */
  level: Level;
  rubberStamps: number;
  suggestion: string;
}

export interface FrequentlyBypassedRule {
  rule: string;
  decisions: number;
  expired: number;
  escalated: number;
  /** Auto-approved with the safe default when nobody decided before the deadline. */
  proceededOnTimeout: number;
  /** Let through below its tier by the mode, `allow` or ask-once precedent. */
  waived: number;
  /** (expired + escalated + proceededOnTimeout + waived) / decisions. */
  share: number;
  suggestion: string;
}

export interface PrecedentGroup extends LatencySummary {
  decisions: number;
  /** Rejected or sent back with changes requested. */
  rejected: number;
  rubberStamps: number;
}

export interface WeekCount {
  /** ISO week, e.g. `2026-W10`. */
  week: string;
  /** Its Monday, e.g. `2026-03-02`. */
  start: string;
  total: number;
  byDecision: Record<Decision, number>;
}

export interface ReviewerActivity extends LatencySummary {
  login: string;
  id: number;
  approvals: number;
  rejections: number;
  changesRequested: number;
  rubberStamps: number;
}

export interface AuditCalibration {
  thresholds: {
    rubberStamp: RubberStampThreshold;
    alwaysApprovedMinimum: number;
    frequentShare: number;
    frequentMinimum: number;
  };
  latency: { byRule: RuleLatency[]; byEnvironment: EnvironmentLatency[] };
  rubberStamps: RubberStamp[];
  alwaysApproved: AlwaysApprovedRule[];
  frequentlyBypassed: FrequentlyBypassedRule[];
  firstTime: PrecedentGroup;
  routine: PrecedentGroup;
  overTime: WeekCount[];
  byReviewer: ReviewerActivity[];
}

/** An execution (a merge, a deployment, an agent's request) the log's decisions do not cover. */
export interface ExecutionRow {
  /** What ran. */
  type: ExecutionType;
  /** The execution record's id and file. */
  id: string;
  path: string;
  repository: string;
  /** The pull request merged (a merge); null otherwise. */
  pull_request: number | null;
  /** The environment deployed to (a deployment); null otherwise. */
  environment: string | null;
  /** The approval issue of the request (an agent's request); null otherwise. */
  issue: number | null;
  /** The commit that ran: the merged head, the deployed commit, the request's commit. */
  sha: string;
  /** How it ended (a deployment's or a request's status); null for a merge. */
  status: string | null;
  /** The merge commit (a merge); null otherwise. */
  merge_commit: string | null;
  /** Who merged, who created the deployment, who reported the request's run. */
  ran_by: string;
  /** When it ran: when it started when known, else when it ended. */
  ran_at: string;
  /** The commit of the newest passing decision of the gate before it ran; null: none. */
  approved_sha: string | null;
  decision_id: string | null;
}

/** A passing decision no execution record follows. */
export interface UnexecutedDecisionRow {
  /** What was approved to run. */
  type: ExecutionType;
  id: string;
  path: string;
  repository: string;
  /** The pull request (a merge's gate); null otherwise. */
  pull_request: number | null;
  /** The environment (a deployment's gate); null otherwise. */
  environment: string | null;
  sha: string;
  decision: Decision;
  decided_at: string;
}

/**
 * What ran and what was approved, over every record (filters do not apply): merges of pull
 * requests and completed deployments, as the App records them, and agents' reports of approved
 * requests, as the App copies them from the approval issue.
 */
export interface AuditExecutions {
  /** Execution records read. */
  records: number;
  /** Execution records read, by what ran. */
  byType: Record<ExecutionType, number>;
  /** What ran without an approval: the newest decision of its gate before it ran did not pass that commit. */
  ranWithoutApproval: ExecutionRow[];
  /**
   * What was approved and never ran: per gate whose newest decision passed, that one, with nothing
   * recorded as run; only for the kinds of which the log holds at least one execution record.
   */
  approvedNeverRan: UnexecutedDecisionRow[];
}

export interface AuditReport {
  version: 1;
  /** Where the records came from, as the reader describes it. */
  source: string;
  generatedAt: string;
  filters: AuditFilters;
  integrity: {
    /** Always `all_records`: filters never hide a finding. */
    scope: 'all_records';
    /** Files read from the log. */
    files: number;
    /** The check runs compared with the records, or null when none were read. */
    crossCheck: { checkRuns: number; commits: number } | null;
    /**
     * Whether the log's provenance was checked, and in words what was and what was not: API mode
     * with --app checks anchors and GitHub's verification; offline mode only the log's history.
     */
    provenance: { checked: boolean; why: string };
  };
  totals: {
    /** Records that could be read (duplicates left out). */
    records: number;
    /** Records that pass the filters. */
    shown: number;
    malformed: number;
    findings: number;
    /** Shown records per decision. */
    byDecision: Record<Decision, number>;
  };
  records: AuditRecordRow[];
  findings: AuditFinding[];
  executions: AuditExecutions;
  calibration: AuditCalibration;
}
