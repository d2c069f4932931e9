// The orchestration of gates that live on an APPROVAL ISSUE instead of a pull request: explicit
// requests ("may I run this migration?") and deployments of a commit without a PR. Same shape
// as the pull-request gate: load the policy from the default branch → gather the facts → evaluate
// → publish, every write idempotent (DESIGN §4), so a repeated run, a replayed comment event or a
// second waiting job changes nothing.
//
// One issue per request hash (DESIGN §1): the hash is found in the body (a hint) and confirmed
// by the request record, the issue's first comment by Gatehouse's bot, unedited (L5). A closed
// issue whose request was decided keeps its decision: the same request again gets the same answer.

import { parseCommand } from '../core/commands.ts';
import { hashRequest } from '../core/decision-id.ts';
import { renderPlainText } from '../core/escape.ts';
import type { Actor, Request, RequestOption } from '../core/model.ts';
import { formatPolicyProblem } from '../core/policy.ts';
import { describeNotReady } from '../core/readiness.ts';
import { createCheckName, DEFAULT_CONFIG_PATH, type Decision, type Tier } from '../core/registry.ts';
import { describeMissing } from '../core/render/approval-request.ts';
import { renderCheckRun, renderInvalidConfigCheckRun } from '../core/render/check-run.ts';
import { countRequests } from '../github/count-requests.ts';
import {
  type ApprovalIssue,
  loadApprovalIssue,
  loadApprovalIssues,
  parseWakeMarker,
  readIssueMarks,
  readRequestRecord,
  renderIssueMark,
} from '../github/load-approval-issues.ts';
import { loadGateCheckRuns, renderCheckRunState } from '../github/load-gate-check-runs.ts';
import { type LoadedPolicy, loadPolicy, type PolicyLoad } from '../github/load-policy.ts';
import { loadSpentApproval, USED_LABEL } from '../github/load-spent-approval.ts';
import { type IssueComment, loadIssueComments } from '../github/load-timeline.ts';
import { publishApprovalIssue, publishIssueComment } from '../github/publish-approval-issue.ts';
import { publishCheckRun } from '../github/publish-check-run.ts';
import { readStatus } from '../github/request-error.ts';
import {
  createTraceKey,
  publishTrace,
  readTraces,
  renderTraceComment,
  type Trace,
} from '../github/traces.ts';
import { gatherRequestGate, type RequestGate, reevaluateRequestGate } from './gather-request-gate.ts';
import { isFinal, publishRequestGate, renderApprovalIssueBody, wakeTime } from './publish-request-gate.ts';
import { createReconciledGates, type ReconciledGates } from './reconciled-gates.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';
import { type WaitOptions, waitForDecision } from './wait-for-decision.ts';

export interface RequestGateOptions {
  /** Publish the `gatehouse` / `gatehouse: <environment>` check run on request.subject.sha. */
  checkRun: boolean;
  /** Announce each decision as repository_dispatch `gatehouse-decision` (DESIGN §7). */
  dispatch: boolean;
  /** Labels of the approval issue; default ['gatehouse']. */
  labels?: string[];
  /** Deployment gates: who created the deployment or started its run; they may not approve it. */
  deployers?: Actor[];
  /**
   * An approval answers the asked call once (the agent's hook): an approval that was spent
   * (`gatehouse:used` ever added, GitHub's timeline says) is passed over and the call asks again.
   */
  singleUse?: boolean;
  /** What the caller knows of the request, which wins over the issue's record (see KnownRequest). */
  known?: KnownRequest;
}

/**
 * What the caller of an approval-issue gate knows of its request. Where Gatehouse's account is
 * shared (the Action, an agent's token), the issue's record was written by an account others
 * hold and can be deleted and posted again: what the caller knows wins, and a record that
 * disagrees with it answers nothing (`tampered`).
 */
export interface KnownRequest {
  /** The request the caller asked: the record must hash to it, and this one is evaluated. */
  request?: Request;
  /** Who asks (the token's account): the record must name them as its requester. */
  requester?: Actor;
  /** Whom the caller says it acts for: may not approve, whatever the record says. */
  onBehalfOf?: Actor;
}

export interface RequestGateRun {
  policy: 'absent' | 'unreadable' | 'invalid' | 'valid';
  state?: Decision;
  /** Decided for good: a deployment waiting for this gate can be answered. */
  final?: boolean;
  /** Whether the request has what its rules require; false: refused as not ready (DESIGN §6). */
  ready?: boolean;
  /** What a request not ready for approval lacks: `not ready for approval: no rollback plan`. */
  notReady?: string;
  /** Where the gate stands, in one line: its check run's title. */
  title?: string;
  /** The commit the request binds to, and its environment: which deployments wait for it. */
  sha?: string;
  environment?: string;
  tier?: Tier;
  decisionId?: string;
  logCommit?: string;
  checkRunId?: number;
  issueNumber?: number;
  issueUrl?: string;
  option?: RequestOption;
  modifications?: string;
  reason?: string;
  approvers: Actor[];
  expiredForQueue: number[];
  error?: string;
  requests: number;
  /** What is still missing, for progress lines: e.g. "1 of 2 approvals from platform". */
  waitingFor?: string;
  deadline?: string;
  /** Why the issue's request record cannot be the caller's request: it answers nothing. */
  tampered?: string;
}

export const DEFAULT_ISSUE_LABELS = ['gatehouse'];

type Target = { owner: string; repo: string };
type RunValue = Omit<RequestGateRun, 'requests'>;

function labelsOf(options: RequestGateOptions): string[] {
  return options.labels !== undefined && options.labels.length > 0 ? options.labels : DEFAULT_ISSUE_LABELS;
}

/** The policy from the default branch (DESIGN §2): never from the commit asking to be approved. */
async function loadRequestPolicy(env: GateEnvironment, target: Target): Promise<PolicyLoad> {
  let defaultBranch: string;
  try {
    ({
      data: { default_branch: defaultBranch },
    } = await env.github.rest.repos.get({ ...target }));
  } catch (error) {
    return {
      state: 'unreadable',
      error: `the repository could not be read (HTTP ${readStatus(error) ?? '?'})`,
    };
  }
  return loadPolicy(env.github, { ...target, defaultBranch, path: env.configPath ?? DEFAULT_CONFIG_PATH });
}

function notValid(loaded: Exclude<PolicyLoad, { state: 'valid' }>, env: GateEnvironment): RunValue {
  const run: RunValue = { policy: loaded.state, approvers: [], expiredForQueue: [] };
  if (loaded.state === 'unreadable') run.error = loaded.error;
  if (loaded.state === 'invalid') run.error = loaded.problems.map(formatPolicyProblem).join('\n');
  if (loaded.state === 'absent')
    env.log.info({}, `no ${env.configPath ?? DEFAULT_CONFIG_PATH}: Gatehouse does nothing here`);
  return run;
}

function describe(
  gate: RequestGate,
  published: { decisionId: string; logCommit?: string; checkRunId?: number },
): RunValue {
  const { result, issue } = gate;
  const run: RunValue = {
    policy: 'valid',
    state: result.state,
    final: isFinal(result, gate.now),
    ready: result.readiness.ready,
    title: renderCheckRun(gate.request, result, gate.policy, { now: gate.now }).title,
    sha: gate.request.subject.sha,
    ...(gate.request.gate.environment === undefined ? {} : { environment: gate.request.gate.environment }),
    tier: result.risk.tier,
    decisionId: published.decisionId,
    approvers: result.approvers.map((approval) => approval.approver),
    expiredForQueue: [],
  };
  if (published.logCommit !== undefined) run.logCommit = published.logCommit;
  if (published.checkRunId !== undefined) run.checkRunId = published.checkRunId;
  if (issue !== undefined) {
    run.issueNumber = issue.number;
    run.issueUrl = issue.url;
  }
  if (result.option !== undefined) run.option = result.option;
  if (result.modification !== undefined) run.modifications = result.modification.instructions;
  const reason = result.rejection?.reason ?? result.reason;
  if (reason !== undefined) run.reason = reason;
  if (result.problems.length > 0 && run.reason === undefined) run.reason = result.problems.join('; ');
  // A request nobody is asked to approve yet says why, so an agent can fix it and ask again.
  if (!result.readiness.ready) {
    run.notReady = describeNotReady(result.readiness);
    run.reason ??= run.notReady;
  }
  if (!isFinal(result, gate.now)) {
    run.waitingFor =
      result.state === 'delayed' ? `the delay until ${result.effectiveAt ?? '?'}` : describeMissing(result);
    // The next moment the gate changes by itself: a deadline, the escalation's, a delay's end.
    const deadline = wakeTime(result, gate.now) ?? result.deadline;
    if (deadline !== undefined) run.deadline = deadline;
  }
  return run;
}

/** The issue's comments, and the request its record holds if it is a genuine Gatehouse record. */
type IssueRead = { comments: IssueComment[]; request: Request | undefined };

async function readIssue(
  env: GateEnvironment,
  target: Target,
  issue: ApprovalIssue,
  seen?: Map<number, IssueRead>,
): Promise<IssueRead> {
  const known = seen?.get(issue.number);
  if (known !== undefined) return known;
  const read = await readComments(env, target, issue);
  seen?.set(issue.number, read);
  return read;
}

async function readComments(env: GateEnvironment, target: Target, issue: ApprovalIssue): Promise<IssueRead> {
  const comments = await loadIssueComments(env.github, { ...target, number: issue.number });
  return { comments, request: readRequestRecord(comments, env.self.botId, `${target.owner}/${target.repo}`) };
}

/** An issue of these that records exactly this request, oldest first. */
async function findIssue(
  env: GateEnvironment,
  target: Target,
  issues: readonly ApprovalIssue[],
  hash: string,
  seen: Map<number, IssueRead>,
  passed: ReadonlySet<number> = new Set(),
): Promise<{ issue: ApprovalIssue; comments: IssueComment[] } | undefined> {
  for (const issue of issues) {
    if (!issue.bodyHashes.includes(hash) || passed.has(issue.number)) continue;
    if (issue.labels?.includes(USED_LABEL) === true) continue;
    const { comments, request } = await readIssue(env, target, issue, seen);
    // A single-use approval that was spent (a `used` mark) answers nothing again: the same
    // request asks anew. A forged mark can only make it ask again, never open a gate.
    if (readIssueMarks(comments, env.self.botId).some((mark) => mark.type === 'used')) continue;
    if (request !== undefined && hashRequest(request) === hash) return { issue, comments };
    env.log.warn({ issue: issue.number }, 'an approval issue without a genuine request record: ignored');
  }
  return undefined;
}

export async function runRequestGate(
  env: GateEnvironment,
  target: Target,
  request: Request,
  options: RequestGateOptions,
): Promise<RequestGateRun> {
  const { value, requests } = await countRequests(env.github, () =>
    evaluateRequest(env, target, request, options),
  );
  const run: RequestGateRun = { ...value, requests };
  env.log.info({ ...target, ...run }, `request gate ${target.owner}/${target.repo}`);
  return run;
}

async function evaluateRequest(
  env: GateEnvironment,
  target: Target,
  request: Request,
  options: RequestGateOptions,
): Promise<RunValue> {
  const loaded = await loadRequestPolicy(env, target);
  if (loaded.state !== 'valid') {
    const run = notValid(loaded, env);
    if (loaded.state === 'invalid' && options.checkRun && !env.dryRun) {
      const view = renderInvalidConfigCheckRun(loaded.problems.map(formatPolicyProblem), loaded.file);
      const name = createCheckName(request.gate.environment);
      const at = { ...target, sha: request.subject.sha };
      const { conclusion } = view;
      const published = await publishCheckRun(
        env.github,
        { ...at, appId: env.self.appId },
        {
          name,
          status: view.status,
          ...(conclusion === undefined ? {} : { conclusion }),
          title: view.title,
          summary: view.summary,
          text: renderCheckRunState({ reviewersRequested: false }),
          externalId: view.externalId,
        },
        await loadGateCheckRuns(env.github, at, env.self.appId, name),
        { replicas: env.replicas },
      );
      run.checkRunId = published.id;
    }
    return run;
  }
  const { policy } = loaded;
  const labels = labelsOf(options);
  const hash = hashRequest(request);
  const open = await loadApprovalIssues(env.github, target, { state: 'open', labels, botId: env.self.botId });

  // 1. The pending issue of this request, if there is one (a spent approval reopened is not).
  const seen = new Map<number, IssueRead>();
  const spent = new Set<number>();
  for (;;) {
    const pending = await findIssue(env, target, open, hash, seen, spent);
    if (pending === undefined) break;
    const gate = await gatherRequestGate(env, target, loaded, request, pending, options);
    if (await isSpent(env, target, gate, options)) {
      spent.add(pending.issue.number);
      continue;
    }
    return describe(gate, await publishRequestGate(env, target, gate, options));
  }

  // 2. A closed issue of this request that holds a decision: it stands, unless it was a
  // single-use approval already spent.
  const closed = await loadApprovalIssues(env.github, target, {
    state: 'closed',
    labels,
    botId: env.self.botId,
  });
  const newestFirst = [...closed].reverse();
  for (;;) {
    const decided = await findIssue(env, target, newestFirst, hash, seen, spent);
    if (decided === undefined) break;
    const gate = await gatherRequestGate(env, target, loaded, request, decided, options);
    if (await isSpent(env, target, gate, options)) {
      spent.add(decided.issue.number);
      continue;
    }
    if (isFinal(gate.result, gate.now) || gate.result.state === 'changes_requested')
      return describe(gate, await publishRequestGate(env, target, gate, options));
    env.log.info(
      { issue: decided.issue.number },
      'a closed approval issue without a decision: a new one is opened',
    );
    break;
  }

  // 3. A new request: evaluate; open an issue unless it proceeds without asking anyone, or is not
  // ready for approval: nobody is asked to approve a vague request (DESIGN §6). Its check run
  // fails and says what is missing; the requester fixes the request and asks again.
  const first = await gatherRequestGate(env, target, loaded, request, undefined, options);
  const proceeds = first.result.state === 'auto_approved' && first.result.problems.length === 0;
  if (proceeds || !first.result.readiness.ready)
    return describe(first, await publishRequestGate(env, target, first, options));
  if (env.dryRun) {
    env.log.info({ hash }, 'dry run: would open an approval issue');
    return describe(first, { decisionId: renderCheckRun(request, first.result, policy).externalId });
  }

  // The queue bound: opening one more expires the oldest pending ones.
  const expiredForQueue = await expireForQueue(env, target, loaded, open, seen, options);

  const view = renderCheckRun(request, first.result, policy, { now: first.now });
  const title = renderPlainText(`Gatehouse: ${request.action?.text ?? describeGate(request)}`, 200).replace(
    /\s+/g,
    ' ',
  );
  const issue = await publishApprovalIssue(
    env.github,
    target,
    { title, body: renderApprovalIssueBody(first, view.summary), labels, request },
    env.self.botId,
  );
  // Deadlines count from the issue; its body is rendered again only if that changes it.
  const gate = reevaluateRequestGate(first, issue);
  const run = describe(gate, await publishRequestGate(env, target, gate, options));
  run.expiredForQueue = expiredForQueue;
  return run;
}

/**
 * Whether this gate's approval was spent already: asked only of a single-use approval that opens
 * the gate now, so the timeline is read only when an approval is about to be used.
 */
async function isSpent(
  env: GateEnvironment,
  target: Target,
  gate: RequestGate,
  options: RequestGateOptions,
): Promise<boolean> {
  if (options.singleUse !== true || gate.issue === undefined) return false;
  const { state } = gate.result;
  if (state !== 'approved' && state !== 'delayed') return false;
  return loadSpentApproval(env.github, target, gate.issue, gate.marks);
}

function describeGate(request: Request): string {
  const environment = request.gate.environment;
  if (request.gate.kind === 'deployment' && environment !== undefined)
    return `deploy ${request.subject.sha.slice(0, 12)} to ${environment}`;
  return `${request.kind ?? 'request'} on ${request.subject.sha.slice(0, 12)}`;
}

/**
 * Expires the oldest pending approval issues so that, with the one about to be opened, at most
 * `maxPending` are open: a notice (the key: a replay finds it), the `expired` record, the issue
 * closed. Issues without a genuine request record are not Gatehouse's pending requests.
 */
async function expireForQueue(
  env: GateEnvironment,
  target: Target,
  loaded: LoadedPolicy,
  open: readonly ApprovalIssue[],
  seen: Map<number, IssueRead>,
  options: RequestGateOptions,
): Promise<number[]> {
  const maxPending = loaded.policy.queue.maxPending;
  const candidates = open.filter((issue) => issue.bodyHashes.length > 0);
  if (maxPending <= 0 || candidates.length < maxPending) return [];
  let excess = candidates.length - maxPending + 1;
  const expired: number[] = [];
  for (const issue of candidates) {
    if (excess <= 0) break;
    const read = await readIssue(env, target, issue, seen);
    if (read.request === undefined) continue;
    excess--;
    const at = env.now().toISOString();
    const issueTarget = { ...target, issueNumber: issue.number };
    const notice = `**Expired:** the pending queue is full (max_pending ${maxPending}); this is the oldest pending request. Ask again to get a new approval issue.\n\n${renderIssueMark({ type: 'queue_expired', maxPending, at })}`;
    const id = await publishIssueComment(env.github, issueTarget, notice, env.self.botId);
    const comments: IssueComment[] = [
      ...read.comments,
      {
        id,
        body: notice,
        author: { id: env.self.botId, login: env.self.botLogin, type: 'Bot' },
        createdAt: at,
        updatedAt: at,
        url: '',
      },
    ];
    const gate = await gatherRequestGate(env, target, loaded, read.request, { issue, comments }, options);
    await publishRequestGate(env, target, gate, options);
    expired.push(issue.number);
  }
  return expired;
}

/**
 * An `issue_comment` `edited` delivery: who edited which comment. GitHub does not say later who
 * edited a comment, so an edit by anyone but its author is recorded as a trace (L1), as on PRs.
 */
export interface ApprovalIssueEdit {
  commentId: number;
  editor: Actor;
  /** The comment's `updated_at` from the delivery: with the editor, the trace's key. */
  updatedAt: string;
  /** `changes.body.from`, when the delivery has it. */
  previousBody?: string;
}

/**
 * An `issue_comment` `deleted` delivery: the comment as GitHub last held it. A /reject there is
 * GitHub's signed word that the veto was made, and it stands (DESIGN §11) even when no run of the
 * gate had recorded it yet.
 */
export interface ApprovalIssueDeletion {
  commentId: number;
  body: string;
  createdAt: string;
  author: Actor;
}

export async function runApprovalIssueGate(
  env: GateEnvironment,
  target: { owner: string; repo: string; issueNumber: number },
  options: RequestGateOptions,
  edit?: ApprovalIssueEdit,
  deletion?: ApprovalIssueDeletion,
): Promise<RequestGateRun | undefined> {
  const { value, requests } = await countRequests(env.github, () =>
    evaluateIssue(env, target, options, edit, deletion),
  );
  if (value === undefined) return undefined;
  const run: RequestGateRun = { ...value, requests };
  env.log.info({ ...target, ...run }, `approval issue ${target.owner}/${target.repo}#${target.issueNumber}`);
  return run;
}

async function evaluateIssue(
  env: GateEnvironment,
  target: { owner: string; repo: string; issueNumber: number },
  options: RequestGateOptions,
  edit: ApprovalIssueEdit | undefined,
  deletion: ApprovalIssueDeletion | undefined,
): Promise<RunValue | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  const issue = await loadApprovalIssue(env.github, target, env.self.botId);
  if (issue === undefined) return undefined;
  const { comments, request: recorded } = await readIssue(env, repository, issue);
  if (recorded === undefined) return undefined;
  const known = resolveKnownRequest(recorded, options.known);
  if ('tampered' in known)
    return { policy: 'valid', tampered: known.tampered, approvers: [], expiredForQueue: [] };
  const { request } = known;
  const loaded = await loadRequestPolicy(env, repository);
  if (loaded.state !== 'valid') return notValid(loaded, env);
  if (edit !== undefined) comments.push(...(await recordEdit(env, target, comments, edit)));
  const gathering = deletion === undefined ? options : { ...options, deletion };
  const gate = await gatherRequestGate(env, repository, loaded, request, { issue, comments }, gathering);
  // A closed issue nobody decided stays as it is: the request is asked again on a new issue.
  if (!issue.open && !isFinal(gate.result, gate.now))
    return describe(gate, { decisionId: renderCheckRun(request, gate.result, loaded.policy).externalId });
  return describe(gate, await publishRequestGate(env, repository, gate, options));
}

/**
 * The request to evaluate: the caller's own when it has one (the record must hash to it), else
 * the record's, which must name the caller as requester; whom the caller acts for always wins.
 */
export function resolveKnownRequest(
  recorded: Request,
  known: KnownRequest | undefined,
): { request: Request } | { tampered: string } {
  if (known === undefined) return { request: recorded };
  if (known.request !== undefined && hashRequest(known.request) !== hashRequest(recorded))
    return { tampered: 'its request record is not the request asked (it was replaced)' };
  const request: Request = { ...(known.request ?? recorded) };
  if (known.requester !== undefined && recorded.requester.id !== known.requester.id)
    return {
      tampered: `its request record names ${recorded.requester.login}, not this token's account, as requester`,
    };
  if (known.onBehalfOf !== undefined) request.onBehalfOf = known.onBehalfOf;
  return { request };
}

/** The edit trace a foreign edit of a command comment calls for, written once (by its key). */
async function recordEdit(
  env: GateEnvironment,
  target: { owner: string; repo: string; issueNumber: number },
  comments: readonly IssueComment[],
  edit: ApprovalIssueEdit,
): Promise<IssueComment[]> {
  const { self } = env;
  const comment = comments.find((entry) => entry.id === edit.commentId);
  if (comment?.author === undefined) return [];
  if (
    edit.editor.id === comment.author.id ||
    comment.author.id === self.botId ||
    edit.editor.id === self.botId
  )
    return [];
  const heldCommand = edit.previousBody !== undefined && parseCommand(edit.previousBody) !== null;
  if (parseCommand(comment.body) === null && !heldCommand) return [];
  const key = createTraceKey(['edit', edit.commentId, edit.updatedAt, edit.editor.id]);
  if (readTraces(comments, self).keys.has(key)) return [];
  const at = Number.isNaN(Date.parse(edit.updatedAt))
    ? env.now().toISOString()
    : new Date(edit.updatedAt).toISOString();
  const { id, login, type } = edit.editor;
  const trace: Trace = { type: 'edit', comment: edit.commentId, editor: { id, login, type }, at, key };
  if (env.dryRun) {
    env.log.info({ trace }, 'dry run: would record a trace comment');
    return [];
  }
  const context = { commentAuthor: comment.author.login };
  const posted = await publishTrace(
    env.github,
    { owner: target.owner, repo: target.repo, number: target.issueNumber },
    trace,
    context,
  );
  return [
    {
      id: posted.id,
      body: renderTraceComment(trace, context),
      author: { id: self.botId, login: self.botLogin, type: 'Bot' },
      createdAt: posted.createdAt,
      updatedAt: posted.createdAt,
      url: '',
    },
  ];
}

/** Whether a wait is over: decided, or a delayed approval in effect. */
function isSettled(run: RequestGateRun, now: number): boolean {
  if (run.policy !== 'valid' || run.state === undefined) return true;
  if (run.state === 'pending' || run.state === 'escalated' || run.state === 'changes_requested') return false;
  if (run.state === 'delayed') return run.deadline === undefined || Date.parse(run.deadline) <= now;
  return true;
}

export async function waitForRequestDecision(
  env: GateEnvironment,
  target: { owner: string; repo: string },
  request: Request,
  options: RequestGateOptions &
    WaitOptions & {
      onProgress?: (run: RequestGateRun, elapsedMs: number) => void;
      /** When the wait is over; default: decided, or a delayed approval in effect (the Action). */
      isSettled?: (run: RequestGateRun, now: number) => boolean;
    },
): Promise<RequestGateRun & { polls: number; notModified: number; timedOut: boolean }> {
  let issueNumber: number | undefined;
  // Each recompute evaluates the request the caller asked, never the issue's record (which the
  // shared account can replace): a record that does not hash to it answers nothing.
  const known: KnownRequest = { ...options.known, request };
  const waited = await waitForDecision(env.github, env.now, {
    ...options,
    first: async () => {
      const run = await runRequestGate(env, target, request, options);
      issueNumber = run.issueNumber;
      return run;
    },
    recompute: () =>
      issueNumber === undefined
        ? Promise.resolve(undefined)
        : runApprovalIssueGate(env, { ...target, issueNumber }, { ...options, known }),
    watch: () =>
      issueNumber === undefined
        ? []
        : [
            {
              route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
              parameters: { ...target, issue_number: issueNumber, per_page: 100 },
            },
          ],
    isSettled: (run, now) => run.tampered !== undefined || (options.isSettled ?? isSettled)(run, now),
    wakeOf: (run) => run.deadline,
  });
  return {
    ...waited.run,
    requests: waited.requests,
    polls: waited.polls,
    notModified: waited.notModified,
    timedOut: waited.timedOut,
  };
}

/** Recomputes the open approval issues whose deadline, escalation or delay has come. */
/**
 * Recomputes the open approval issues of the repository that are due (their deadline or delay has
 * come) or not reconciled at their `updated_at`: a new issue nobody answered yet, a comment whose
 * delivery was lost (a comment changes the issue's `updated_at`), a crash between the decision
 * record and the issue's label, closing comment or close (a decided issue stays open until it is
 * closed). See sweepPullRequestGates for `reconciled`.
 */
export async function sweepRequestGates(
  env: GateEnvironment,
  target: { owner: string; repo: string },
  options: RequestGateOptions,
  reconciled: ReconciledGates = createReconciledGates(),
): Promise<RequestGateRun[]> {
  const now = env.now().getTime();
  const open = await loadApprovalIssues(env.github, target, {
    state: 'open',
    labels: labelsOf(options),
    botId: env.self.botId,
  });
  const runs: RequestGateRun[] = [];
  for (const issue of open) {
    const wake = parseWakeMarker(issue.body);
    const due = wake !== undefined && Date.parse(wake) <= now;
    const key = `${target.owner}/${target.repo}#${issue.number}`;
    const version = issue.updatedAt ?? issue.createdAt;
    if (!due && reconciled.has(key, version)) continue;
    try {
      const run = await runApprovalIssueGate(env, { ...target, issueNumber: issue.number }, options);
      if (run !== undefined) runs.push(run);
      if (run?.policy !== 'unreadable') reconciled.remember(key, version);
    } catch (error) {
      env.log.error({ err: error, issue: issue.number }, `sweep: the gate of issue #${issue.number} failed`);
    }
  }
  return runs;
}
