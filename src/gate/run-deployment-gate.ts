// The gate of a deployment: one environment, one commit (DESIGN §1, §5). Where reviewers will see
// it: the open pull request whose head is exactly that commit (the request is a second sticky
// comment there, `gatehouse: <environment>`), or else one approval issue for the commit. Approvals
// bind to the deployment's SHA (S5): an approval given on a pull request for another commit does
// not open it, and those who created the deployment or started its run cannot approve it (D4).
//
// Answering GitHub (the App, as the environment's custom protection rule) comes after the gate is
// published, and so after its decision record: a crash in between leaves a decided gate and a run
// that still waits, and the next reconcile answers it (X1, X2). Answering twice is harmless:
// GitHub refuses the second answer with a 4xx, which is final (D2).
import type { Actor, Request } from '../core/model.ts';
import { createCheckName, type Decision, PASSING_DECISIONS, readCheckEnvironment } from '../core/registry.ts';
import { createExplicitRequest, createPullRequestRequest } from '../core/request.ts';
import type { GitHubClient } from '../github/client.ts';
import {
  answerProtectionRule,
  createRuleLookup,
  loadDeploymentCreators,
  loadWaitingRuns,
  type WaitingRun,
} from '../github/deployment-protection.ts';
import { loadApprovalIssues, readRequestRecord } from '../github/load-approval-issues.ts';
import { parseCheckRunState } from '../github/load-gate-check-runs.ts';
import { loadChangedFiles, loadPullRequest } from '../github/load-pull-request.ts';
import { loadIssueComments } from '../github/load-timeline.ts';
import { createTraceKey, publishTrace, readTraces, type Trace } from '../github/traces.ts';
import { toPullRequestInput } from './gather-pull-request-gate.ts';
import {
  type GateEnvironment,
  type GateRun,
  type PullRequestTrigger,
  runPullRequestGate,
  serialized,
} from './run-pull-request-gate.ts';
import {
  DEFAULT_ISSUE_LABELS,
  type RequestGateOptions,
  type RequestGateRun,
  runRequestGate,
} from './run-request-gate.ts';

type Repository = { owner: string; repo: string };

export interface DeploymentTarget extends Repository {
  environment: string;
  sha: string;
  /** The deployed ref (a branch or tag name), when known. */
  ref?: string;
}

export interface DeploymentGateRun {
  environment: string;
  sha: string;
  /** Where the request lives: the pull request of the commit, or an approval issue. */
  route: 'pull_request' | 'approval_issue';
  pullRequest?: number;
  issueNumber?: number;
  policy: GateRun['policy'];
  state?: Decision;
  /** The answer for the deployment, once the gate is decided for good. */
  answer?: 'approved' | 'rejected';
  /** Where the gate stands, in one line, for GitHub's deployment page. */
  summary: string;
  /** Where people decide. */
  requestUrl?: string;
  decisionId?: string;
  error?: string;
  requests: number;
}

/**
 * The pull requests of this repository that contain the commit: the open one whose head it is
 * exactly, if any, and the others (merged, or moved on to another head).
 */
async function findPullRequests(
  env: GateEnvironment,
  target: DeploymentTarget,
): Promise<{ head?: number; others: OtherPullRequest[] }> {
  const { data } = await env.github.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
    owner: target.owner,
    repo: target.repo,
    commit_sha: target.sha,
    per_page: 100,
  });
  const name = `${target.owner}/${target.repo}`.toLowerCase();
  const pulls = data
    .filter((pull) => pull.base.repo.full_name.toLowerCase() === name)
    .sort((a, b) => a.number - b.number);
  const head = pulls.find((pull) => pull.state === 'open' && pull.head.sha === target.sha)?.number;
  const others = pulls
    .filter((pull) => pull.number !== head)
    .map((pull) => ({
      number: pull.number,
      headSha: pull.head.sha,
      open: pull.state === 'open',
      merged: pull.merged_at != null,
    }));
  return head === undefined ? { others } : { head, others };
}

interface OtherPullRequest {
  number: number;
  headSha: string;
  open: boolean;
  merged: boolean;
}

async function findPullRequestOfHead(
  env: GateEnvironment,
  target: DeploymentTarget,
): Promise<number | undefined> {
  return (await findPullRequests(env, target)).head;
}

/**
 * Why the approvals of a pull request that holds the commit do not open its deployment (S5): they
 * were given for another head.
 */
function describeOtherHeads(sha: string, others: OtherPullRequest[]): string {
  const moved = others.filter((pull) => pull.open && pull.headSha !== sha);
  if (moved.length === 0) return '';
  const list = moved.map((pull) => `#${pull.number} (head ${pull.headSha.slice(0, 12)})`).join(', ');
  return ` Approvals on ${list} are for another commit than ${sha.slice(0, 12)} and do not count for this deployment.`;
}

/** The deployment's request for a commit without a pull request of its own. */
export function createDeploymentRequest(target: DeploymentTarget, requester: Actor): Request {
  const request = createExplicitRequest({
    repository: `${target.owner}/${target.repo}`,
    sha: target.sha,
    ...(target.ref === undefined ? {} : { targetBranch: target.ref }),
    environment: target.environment,
    requester,
  });
  // What is asked is plain from the deployment itself; a rollback plan is not (DESIGN §6).
  const ref = target.ref === undefined ? '' : ` (${target.ref})`;
  request.action = { text: `Deploy ${target.sha.slice(0, 12)}${ref} to ${target.environment}` };
  return request;
}

/**
 * The deployment's request built from the merged pull request that brought the commit: bound to
 * the deployed commit, not to the pull request's head. Undefined when the pull request cannot be
 * read (the deployment is then asked with what it says itself).
 */
async function createMergedRequest(
  env: GateEnvironment,
  target: DeploymentTarget,
  number: number,
): Promise<Request | undefined> {
  const pullTarget = { owner: target.owner, repo: target.repo, number };
  const pr = await loadPullRequest(env.github, pullTarget);
  if (pr === undefined) return undefined;
  const files = await loadChangedFiles(env.github, pullTarget, pr.changedFiles);
  const bind = { headSha: target.sha, ...(target.ref === undefined ? {} : { baseRef: target.ref }) };
  return createPullRequestRequest(toPullRequestInput(pr, files, bind), [], target.environment);
}

/** Unknown requester: a deployment GitHub names no creator for. Id 0 matches no account. */
const NOBODY: Actor = { id: 0, login: 'unknown', type: 'User' };

function answerOf(
  state: Decision | undefined,
  final: boolean | undefined,
  ready: boolean | undefined,
): 'approved' | 'rejected' | undefined {
  // A request not ready for approval is refused (DESIGN §6): nobody is asked, and no deadline
  // would ever end the wait, so the deployment is rejected with what is missing.
  if (ready === false && (state === 'pending' || state === 'escalated')) return 'rejected';
  if (state === undefined || final !== true) return undefined;
  return PASSING_DECISIONS.includes(state) ? 'approved' : 'rejected';
}

function summarize(environment: string, line: string, url: string | undefined): string {
  return `${createCheckName(environment)}: ${line}${url === undefined ? '' : ` ${url}`}`;
}

function describeRequestRun(run: RequestGateRun): string {
  const by = run.approvers.map((actor) => actor.login).join(', ');
  switch (run.state) {
    case undefined:
      return run.error ?? `the policy is ${run.policy}`;
    case 'approved':
    case 'delayed':
      return `Approved by ${by}`;
    case 'auto_approved':
      return 'Proceeds without approval (proceed tier)';
    case 'notified':
      return 'Proceeds; reviewers were notified (notify tier)';
    case 'rejected':
      return `Rejected${by === '' ? '' : ` by ${by}`}${run.reason === undefined ? '' : `: ${run.reason}`}`;
    case 'expired':
      return `Expired without a decision${run.reason === undefined ? '' : `: ${run.reason}`}`;
    case 'changes_requested':
      return `Changes requested${run.modifications === undefined ? '' : `: ${run.modifications}`}`;
    default:
      return run.ready === false
        ? `Refused: ${run.reason ?? 'not ready for approval'}`
        : `Waiting for ${run.waitingFor ?? 'approval'}`;
  }
}

/**
 * Evaluates and publishes the gate of one deployment. `deployers` are the people who may not
 * approve it: the deployment's creator and the run's actors. Answers nothing: see
 * answerWaitingRuns.
 */
export async function runDeploymentGate(
  env: GateEnvironment,
  target: DeploymentTarget,
  options: { deployers: Actor[]; trigger?: PullRequestTrigger; requestOptions: RequestGateOptions },
): Promise<DeploymentGateRun> {
  const { environment, sha } = target;
  const repository = { owner: target.owner, repo: target.repo };
  const pulls = await findPullRequests(env, target);
  const number = pulls.head;
  if (number !== undefined) {
    const run = await runPullRequestGate(
      env,
      { ...repository, number },
      options.trigger ?? { kind: 'deployment' },
      {
        environment,
        deployers: options.deployers,
      },
    );
    // The pull request moved on between the two reads: this deployment's commit is no longer its
    // head, and the next event (or sweep) finds the commit's own route.
    const answer = run.headSha === sha ? answerOf(run.state, run.final, run.ready) : undefined;
    const gate: DeploymentGateRun = {
      environment,
      sha,
      route: 'pull_request',
      pullRequest: number,
      policy: run.policy,
      summary: summarize(
        environment,
        run.title ?? run.error ?? `the policy is ${run.policy}`,
        run.requestUrl,
      ),
      requests: run.requests + 1,
    };
    if (run.state !== undefined) gate.state = run.state;
    if (answer !== undefined) gate.answer = answer;
    if (run.requestUrl !== undefined) gate.requestUrl = run.requestUrl;
    if (run.decisionId !== undefined) gate.decisionId = run.decisionId;
    if (run.error !== undefined) gate.error = run.error;
    return gate;
  }
  // A merged commit (the usual deploy from the default branch) is asked with its pull request as
  // the artifact: its title, description and rollback plan, and its files for the path rules.
  const merged = pulls.others.filter((pull) => pull.merged).at(-1);
  const request =
    (merged === undefined ? undefined : await createMergedRequest(env, target, merged.number)) ??
    createDeploymentRequest(target, options.deployers[0] ?? NOBODY);
  const run = await serialized(env, `${target.owner}/${target.repo}@${sha}:${environment}`, () =>
    runRequestGate(env, repository, request, { ...options.requestOptions, deployers: options.deployers }),
  );
  const gate: DeploymentGateRun = {
    environment,
    sha,
    route: 'approval_issue',
    policy: run.policy,
    summary:
      summarize(environment, describeRequestRun(run), run.issueUrl) + describeOtherHeads(sha, pulls.others),
    requests: run.requests + 1,
  };
  const answer = answerOf(run.state, run.final, run.ready);
  if (run.state !== undefined) gate.state = run.state;
  if (answer !== undefined) gate.answer = answer;
  if (run.issueNumber !== undefined) gate.issueNumber = run.issueNumber;
  if (run.issueUrl !== undefined) gate.requestUrl = run.issueUrl;
  if (run.decisionId !== undefined) gate.decisionId = run.decisionId;
  if (run.error !== undefined) gate.error = run.error;
  return gate;
}

export interface AnsweredDeployment {
  runId: number;
  environment: string;
  sha: string;
  /** Where the gate stands, for a status report while it waits. */
  summary: string;
  state?: Decision;
  answer?: 'approved' | 'rejected';
  /** GitHub refused the answer (the run was cancelled or answered already): final, not retried. */
  refused?: number;
  route?: DeploymentGateRun['route'];
}

/**
 * Recomputes the gate of every deployment that waits for Gatehouse (optionally only those of one
 * commit, or of one run), and answers GitHub for each that is decided. The App calls it on a
 * deployment_protection_rule delivery, after any event that may decide a gate, and on every
 * sweep (the reconcile: a lost delivery or a restart never leaves a deployment to GitHub's
 * 30-day timeout, D3/W12). Each (commit, environment) is evaluated once even when several runs
 * wait for it.
 */
export async function answerWaitingRuns(
  env: GateEnvironment,
  repository: Repository,
  options: {
    sha?: string;
    /** Only these runs (a delivery's own run, read already). */
    runs?: WaitingRun[];
    trigger?: PullRequestTrigger;
    requestOptions: RequestGateOptions;
    /**
     * The sweep: evaluate only the gates that may have changed without an event, which are those
     * with no check run yet (a lost delivery), a completed one (decided, perhaps not answered:
     * a crash) or a wake-up time that has come; the others wait for their next event.
     */
    onlyDue?: boolean;
  },
): Promise<AnsweredDeployment[]> {
  const runs =
    options.runs ??
    (await loadWaitingRuns(env.github, repository, options.sha === undefined ? {} : { sha: options.sha }));
  const isGatehouseRule = createRuleLookup(env.github, repository, env.self.appId);
  const gates = new Map<string, Promise<DeploymentGateRun>>();
  const answered: AnsweredDeployment[] = [];
  for (const run of runs) {
    for (const environment of run.environments) {
      if (!(await isGatehouseRule(environment))) continue;
      const key = JSON.stringify([run.sha, environment]);
      let pending = gates.get(key);
      if (
        pending === undefined &&
        options.onlyDue === true &&
        !(await isDue(env, repository, run.sha, environment))
      )
        continue;
      if (pending === undefined) {
        pending = evaluateWaiting(env, repository, run, environment, options);
        gates.set(key, pending);
      }
      const gate = await pending;
      const entry: AnsweredDeployment = {
        runId: run.id,
        environment,
        sha: run.sha,
        summary: gate.summary,
        route: gate.route,
      };
      if (gate.state !== undefined) entry.state = gate.state;
      answered.push(entry);
      if (gate.answer === undefined) continue;
      entry.answer = gate.answer;
      if (env.dryRun) {
        env.log.info(
          { run: run.id, environment, answer: gate.answer },
          'dry run: would answer the deployment',
        );
        continue;
      }
      const result = await answerProtectionRule(await answeringClient(env, repository), repository, {
        runId: run.id,
        environment,
        state: gate.answer,
        comment: gate.summary,
      });
      if (result.outcome === 'refused') {
        entry.refused = result.status;
        env.log.info(
          { run: run.id, environment, status: result.status, message: result.message },
          'GitHub refused the answer: the run was cancelled or answered already; nothing to retry',
        );
      } else {
        env.log.info(
          { run: run.id, environment, answer: gate.answer },
          `deployment to ${environment} ${gate.answer}`,
        );
      }
    }
  }
  return answered;
}

/** Who answers GitHub: the narrowed client when the runtime has one (D6), else the gate's own. */
export async function answeringClient(env: GateEnvironment, repository: Repository): Promise<GitHubClient> {
  return env.deploymentClient === undefined ? env.github : env.deploymentClient(repository);
}

/** Whether the sweep should evaluate the gate of (commit, environment): see `onlyDue`. */
async function isDue(
  env: GateEnvironment,
  repository: Repository,
  sha: string,
  environment: string,
): Promise<boolean> {
  const { data } = await env.github.rest.checks.listForRef({
    ...repository,
    ref: sha,
    check_name: createCheckName(environment),
    app_id: env.self.appId,
    filter: 'latest',
    per_page: 1,
  });
  const latest = data.check_runs.find((run) => run.app?.id === env.self.appId);
  if (latest === undefined || latest.status === 'completed') return true;
  const wake = parseCheckRunState(latest.output.text ?? '').wake;
  return wake !== undefined && Date.parse(wake) <= env.now().getTime();
}

async function evaluateWaiting(
  env: GateEnvironment,
  repository: Repository,
  run: WaitingRun,
  environment: string,
  options: { trigger?: PullRequestTrigger; requestOptions: RequestGateOptions },
): Promise<DeploymentGateRun> {
  const creators = await loadDeploymentCreators(env.github, repository, { sha: run.sha, environment });
  const deployers = [...creators];
  for (const actor of run.actors)
    if (!deployers.some((known) => known.id === actor.id)) deployers.push(actor);
  return runDeploymentGate(
    env,
    { ...repository, environment, sha: run.sha, ...(run.ref === undefined ? {} : { ref: run.ref }) },
    {
      deployers,
      requestOptions: options.requestOptions,
      ...(options.trigger === undefined ? {} : { trigger: options.trigger }),
    },
  );
}

/**
 * Writes what someone said to a deployment's gate outside any comment into the gate's timeline as
 * a trace, once (by its key): a review in GitHub's own "Review deployments" dialog, or a click on
 * the `gatehouse: <environment>` run's Approve / Reject of a commit that has an approval issue.
 * It then counts like a `/approve` or `/reject` by the same person and lands in the decision
 * record. The timeline is the pull request whose head is the commit, else the deployment's
 * approval issue; `only: 'approval_issue'` skips the pull request (a click on a pull request's
 * run is handled there). Returns where it was written, or undefined when no gate exists yet.
 */
export async function recordDeploymentStatement(
  env: GateEnvironment,
  target: DeploymentTarget,
  statement: {
    source: 'deployment_review' | 'check_action';
    action: 'approve' | 'reject';
    actor: Actor;
    at: string;
    /** What identifies the event: the run and time of a review, the clicked run and its summary. */
    key: readonly (string | number)[];
  },
  only?: 'approval_issue',
): Promise<{ number: number; route: DeploymentGateRun['route'] } | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  const pull = only === 'approval_issue' ? undefined : await findPullRequestOfHead(env, target);
  const number = pull ?? (await findDeploymentIssue(env, target));
  if (number === undefined) return undefined;
  const route = pull === undefined ? 'approval_issue' : 'pull_request';
  const at = Number.isNaN(Date.parse(statement.at))
    ? env.now().toISOString()
    : new Date(statement.at).toISOString();
  const key = createTraceKey([
    statement.source,
    ...statement.key,
    target.environment,
    statement.actor.id,
    statement.action,
  ]);
  const comments = await loadIssueComments(env.github, { ...repository, number });
  if (readTraces(comments, env.self.botId).keys.has(key)) return { number, route };
  const { id, login, type } = statement.actor;
  const trace: Trace = {
    type: statement.source,
    action: statement.action,
    actor: { id, login, type },
    sha: target.sha,
    environment: target.environment,
    at,
    key,
  };
  if (env.dryRun) env.log.info({ trace }, 'dry run: would record the statement');
  else await publishTrace(env.github, { ...repository, number }, trace);
  return { number, route };
}

/** The open approval issue whose request is this deployment (commit and environment). */
async function findDeploymentIssue(
  env: GateEnvironment,
  target: DeploymentTarget,
): Promise<number | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  const issues = await loadApprovalIssues(env.github, repository, {
    state: 'open',
    labels: DEFAULT_ISSUE_LABELS,
    botId: env.self.botId,
  });
  for (const issue of issues) {
    const comments = await loadIssueComments(env.github, { ...repository, number: issue.number });
    const request = readRequestRecord(comments, env.self.botId, `${target.owner}/${target.repo}`);
    if (request?.subject.sha === target.sha && request.gate.environment === target.environment)
      return issue.number;
  }
  return undefined;
}

/**
 * Recomputes the deployment gates of a pull request's head that are still open: this App's
 * `gatehouse: <environment>` runs on the head that are in progress (one listing). The Action's
 * `handle` uses it, so that a `/approve` on the pull request also decides a deploy job's gate of
 * that commit. Who may not approve each is kept on its check run.
 */
export async function runOpenDeploymentGates(
  env: GateEnvironment,
  target: { owner: string; repo: string; number: number },
  headSha: string,
  trigger: PullRequestTrigger,
): Promise<GateRun[]> {
  const { data } = await env.github.rest.checks.listForRef({
    owner: target.owner,
    repo: target.repo,
    ref: headSha,
    app_id: env.self.appId,
    filter: 'latest',
    per_page: 100,
  });
  const environments = data.check_runs.flatMap((run) => {
    const environment = readCheckEnvironment(run.name);
    return run.app?.id === env.self.appId && run.status !== 'completed' && typeof environment === 'string'
      ? [environment]
      : [];
  });
  const runs: GateRun[] = [];
  for (const environment of [...new Set(environments)].sort())
    runs.push(await runPullRequestGate(env, target, trigger, { environment }));
  return runs;
}
