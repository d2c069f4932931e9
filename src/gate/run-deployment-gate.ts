// The gate of a deployment: one environment, one commit (DESIGN §1, §5). Where reviewers will see
// it: the open pull request whose head is exactly that commit (the request is a second sticky
// comment there, `gatehouse: <environment>`), or else one approval issue for the commit. Approvals
// bind to the deployment's SHA (S5): an approval given on a pull request for another commit does
// not open it, and those who created the deployment or started its run cannot approve it (D4).
//
// This module evaluates and publishes the gate; answer-deployments.ts answers GitHub for it.
import type { Actor, Request } from '../core/model.ts';
import { isRefusedAsNotReady } from '../core/readiness.ts';
import { createCheckName, type Decision, PASSING_DECISIONS, parseCheckName } from '../core/registry.ts';
import { createExplicitRequest, createPullRequestRequest } from '../core/request.ts';
import { loadChangedFiles, loadPullRequest } from '../github/load-pull-request.ts';
import { toPullRequestInput } from './gather-pull-request-gate.ts';
import {
  type GateEnvironment,
  type GateRun,
  type PullRequestTrigger,
  runPullRequestGate,
  serialized,
} from './run-pull-request-gate.ts';
import { type RequestGateOptions, runRequestGate } from './run-request-gate.ts';

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
 * exactly, if any, and the others (merged, or moved on to another head). A pull request into the
 * default branch comes first: a writer can open a pull request of the same head into a branch of
 * their own, whose diff (what the path rules see) they choose, and it must not decide the
 * deployment in place of the one into the default branch (DESIGN §11).
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
  const intoDefault = (pull: (typeof data)[number]) =>
    pull.base.ref === pull.base.repo.default_branch ? 0 : 1;
  const pulls = data
    .filter((pull) => pull.base.repo.full_name.toLowerCase() === name)
    .sort((a, b) => intoDefault(a) - intoDefault(b) || a.number - b.number);
  const head = pulls.find((pull) => pull.state === 'open' && pull.head.sha === target.sha)?.number;
  const others = pulls
    .filter((pull) => pull.number !== head)
    .map((pull) => ({
      number: pull.number,
      headSha: pull.head.sha,
      open: pull.state === 'open',
      merged: pull.merged_at != null,
      intoDefault: intoDefault(pull) === 0,
    }));
  return head === undefined ? { others } : { head, others };
}

interface OtherPullRequest {
  number: number;
  headSha: string;
  open: boolean;
  merged: boolean;
  intoDefault: boolean;
}

export async function findPullRequestOfHead(
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
  // Named `Deploy <commit> (<ref>) to <environment>` (renderDeploymentAction), as the Action's
  // deploy jobs are: what is asked is plain from the deployment itself; a rollback plan is not
  // (DESIGN §6).
  return createExplicitRequest({
    repository: `${target.owner}/${target.repo}`,
    sha: target.sha,
    ...(target.ref === undefined ? {} : { targetBranch: target.ref }),
    environment: target.environment,
    requester,
  });
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
  if (isRefusedAsNotReady(state, ready)) return 'rejected';
  if (state === undefined || final !== true) return undefined;
  return PASSING_DECISIONS.includes(state) ? 'approved' : 'rejected';
}

function summarize(environment: string, line: string, url: string | undefined): string {
  return `${createCheckName(environment)}: ${line}${url === undefined ? '' : ` ${url}`}`;
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
  // One merged into the default branch wins over one merged into another base.
  const merged =
    pulls.others.filter((pull) => pull.merged && pull.intoDefault).at(-1) ??
    pulls.others.filter((pull) => pull.merged).at(-1);
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
      summarize(environment, run.title ?? run.error ?? `the policy is ${run.policy}`, run.issueUrl) +
      describeOtherHeads(sha, pulls.others),
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

/** The listing runOpenDeploymentGates reads, started early (beside the gate's own reads) by a caller. */
export interface OpenCheckRunListing {
  sha: string;
  data: Promise<Awaited<ReturnType<GateEnvironment['github']['rest']['checks']['listForRef']>>['data']>;
}

/** This App's latest check runs of a commit: one listing of up to 100. */
export function listOpenCheckRuns(
  env: GateEnvironment,
  target: { owner: string; repo: string },
  sha: string,
): OpenCheckRunListing {
  const data = env.github.rest.checks
    .listForRef({
      owner: target.owner,
      repo: target.repo,
      ref: sha,
      app_id: env.self.appId,
      filter: 'latest',
      per_page: 100,
    })
    .then((response) => response.data);
  // Awaited only when the gate's head is still this commit.
  data.catch(() => undefined);
  return { sha, data };
}

/**
 * Recomputes the deployment gates of a pull request's head that are still open: this App's
 * `gatehouse: <environment>` runs on the head that are in progress (one listing), of this pull
 * request's base (`into`: its base when it is not the default branch, as its own gate's run says).
 * The Action's `handle` uses it, so that a `/approve` on the pull request also decides a deploy
 * job's gate of that commit. Who may not approve each is kept on its check run.
 */
export async function runOpenDeploymentGates(
  env: GateEnvironment,
  target: { owner: string; repo: string; number: number },
  headSha: string,
  trigger: PullRequestTrigger,
  into?: string,
  listed?: OpenCheckRunListing,
): Promise<GateRun[]> {
  const data = await (listed !== undefined && listed.sha === headSha
    ? listed.data
    : listOpenCheckRuns(env, target, headSha).data);
  const environments = data.check_runs.flatMap((run) => {
    const named = parseCheckName(run.name);
    return run.app?.id === env.self.appId &&
      run.status !== 'completed' &&
      named?.environment !== undefined &&
      named.into === into
      ? [named.environment]
      : [];
  });
  const runs: GateRun[] = [];
  for (const environment of [...new Set(environments)].sort())
    runs.push(await runPullRequestGate(env, target, trigger, { environment }));
  return runs;
}
