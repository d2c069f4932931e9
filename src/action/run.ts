// The Action's one function (STYLE: side effects come in through `io`; main.ts only calls it).
// Read the settings and the event once, build the client and the gate environment, run the mode,
// write the outputs and the job summary, and return the exit code: only this adapter fails a step.

import { formatDuration } from '../core/duration.ts';
import type { Actor, Request } from '../core/model.ts';
import { isRefusedAsNotReady } from '../core/readiness.ts';
import { createCheckName, PASSING_DECISIONS } from '../core/registry.ts';
import { createExplicitRequest } from '../core/request.ts';
import { parseSpec } from '../core/spec.ts';
import { listOpenCheckRuns, runOpenDeploymentGates } from '../gate/run-deployment-gate.ts';
import {
  type GateEnvironment,
  type GateLog,
  type GateRun,
  type GateScope,
  runPullRequestGate,
  sweepPullRequestGates,
  waitForPullRequestGate,
} from '../gate/run-pull-request-gate.ts';
import { createGitHubClient, type GitHubClient } from '../github/client.ts';
import { escapeCommandData, FileCommandError, renderFileCommand } from './file-commands.ts';
import { ACTION_OUTPUTS, type ActionSettings, type OutputName, parseActionSettings } from './inputs.ts';
import { planEvent } from './plan-event.ts';
import type { RequestGateOptions, RequestGateRun, RequestGates } from './request-gates.ts';
import { renderSummary } from './summary.ts';

export interface ActionIo {
  env: Record<string, string | undefined>;
  readFile: (path: string) => Promise<string>;
  appendFile: (path: string, text: string) => Promise<void>;
  now: () => Date;
  fetch?: typeof globalThis.fetch;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** How `wait` sleeps between polls; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
}

/** The Actions bot: whose token `github.token` is, and so Gatehouse's own account in the Action. */
export const ACTIONS_BOT = { appId: 15368, botId: 41898282, botLogin: 'github-actions[bot]' } as const;

/** Where precedent comes from in the Action: nowhere (the risk assessment's precedent source). */
export const PRECEDENT_IN_ACTION =
  'the Action takes no precedent from the decision log: any workflow of the repository can write to it as github-actions[bot]';

/** Said once per job when an `ask-once` policy meets the Action. */
export const ASK_ONCE_IN_ACTION =
  'mode ask-once works like ask in the Action: the decision log is written as github-actions[bot], which every workflow of the repository can commit as, so no earlier decision counts as precedent. Run the Gatehouse App for ask-once (docs/security.md, the Action’s trust boundary).';

/** What a mode decided, in the shape of the outputs. */
export interface ActionResult {
  mode: ActionSettings['mode'];
  decision?: string;
  tier?: string;
  approvers: string[];
  option?: string;
  modifications?: string;
  reason?: string;
  decisionId?: string;
  logCommit?: string;
  checkRunId?: number;
  requestUrl?: string;
  /** A line for the job log when the step fails. */
  failure?: string;
  request?: Request;
  /** Set when the request is refused as not ready for approval: what it lacks. */
  notReady?: string;
  notes: string[];
}

type Repo = { owner: string; repo: string };

interface Context {
  io: ActionIo;
  settings: ActionSettings;
  env: GateEnvironment;
  github: GitHubClient;
  repo: Repo;
  gates: RequestGates;
  eventName: string;
  event: unknown;
  serverUrl: string;
}

/** This job's workflow run, as GitHub shows it: `<server>/<owner>/<repo>/actions/runs/<id>`. */
export function createWorkflowRunLink(env: Readonly<Record<string, string | undefined>>): {
  workflowRun?: string;
} {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const id = env.GITHUB_RUN_ID ?? '';
  if (!/^[1-9]\d*$/.test(id) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^https?:\/\/[^\s/]+/.test(server))
    return {};
  return { workflowRun: `${server}/${repository}/actions/runs/${id}` };
}

export async function runAction(io: ActionIo, gates: RequestGates): Promise<number> {
  const eventName = io.env.GITHUB_EVENT_NAME ?? '';
  const parsed = parseActionSettings(io.env, eventName);
  if (!parsed.ok) {
    for (const problem of parsed.problems) io.stdout(`::error::${escapeCommandData(problem)}`);
    return 1;
  }
  const { settings } = parsed;
  const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) {
    io.stdout('::error::GITHUB_REPOSITORY is not set: run Gatehouse as a step of a GitHub Actions job');
    return 1;
  }
  const github = createGitHubClient({
    auth: settings.token,
    // A job's gate makes a handful of writes (a record's tree, commit and ref, a check run, a
    // comment): spacing each a second apart made an auto-tier run take seconds and buys nothing.
    // A sweep may write for every gate of the repository, so its writes stay spaced.
    spaceWrites: settings.mode === 'sweep',
    ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
    log: createClientLog(io),
  });
  let precedentIgnored = false;
  const env: GateEnvironment = {
    github,
    now: io.now,
    // Every workflow of the repository writes as this account: nothing it wrote is trusted by author.
    self: { ...ACTIONS_BOT, sharedIdentity: true },
    log: createGateLog(io),
    configPath: settings.config,
    ...(settings.dryRun ? { dryRun: true } : {}),
    ...createWorkflowRunLink(io.env),
    // Every workflow of the repository commits as github-actions[bot]: nothing read back from the
    // log is Gatehouse's for sure, so it is no precedent (DESIGN §11, docs/security.md).
    untrustedLog: {
      reason: PRECEDENT_IN_ACTION,
      onIgnored: () => {
        if (precedentIgnored) return;
        precedentIgnored = true;
        io.stdout(`::notice::${escapeCommandData(ASK_ONCE_IN_ACTION)}`);
      },
    },
  };
  let event: unknown = {};
  if (io.env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(await io.readFile(io.env.GITHUB_EVENT_PATH));
    } catch (error) {
      io.stdout(
        `::error::could not read the event file ${escapeCommandData(io.env.GITHUB_EVENT_PATH)}: ${escapeCommandData(String(error))}`,
      );
      return 1;
    }
  }
  const context: Context = {
    io,
    settings,
    env,
    github,
    repo: { owner, repo },
    gates,
    eventName,
    event,
    serverUrl: io.env.GITHUB_SERVER_URL ?? 'https://github.com',
  };
  if (settings.dryRun) io.stdout('dry run: Gatehouse computes and prints; it publishes nothing');

  let result: ActionResult;
  try {
    result = await runMode(context);
  } catch (error) {
    io.stdout(`::error::${escapeCommandData(explainError(error))}`);
    return 1;
  }
  if (precedentIgnored) result.notes.push(ASK_ONCE_IN_ACTION);
  try {
    await writeOutputs(io, result);
    await writeSummary(io, result);
  } catch (error) {
    io.stdout(
      `::error::${escapeCommandData(error instanceof FileCommandError ? error.message : String(error))}`,
    );
    return 1;
  }
  if (result.failure !== undefined) {
    io.stdout(`::error::${escapeCommandData(result.failure)}`);
    return 1;
  }
  return 0;
}

async function runMode(context: Context): Promise<ActionResult> {
  switch (context.settings.mode) {
    case 'handle':
      return handle(context);
    case 'sweep':
      return sweep(context);
    case 'gate':
      return gate(context);
    case 'request':
      return request(context);
  }
}

function gateOptions(): RequestGateOptions {
  // A check run on the SHA for the gate; a repository_dispatch per decision so that an agent's
  // workflow can resume (DESIGN §7).
  return { checkRun: true, dispatch: true };
}

// ---------------------------------------------------------------------------------------------
// handle

async function handle(context: Context): Promise<ActionResult> {
  const { io, env, repo, eventName, event } = context;
  const plan = planEvent(eventName, event);
  const result: ActionResult = { mode: 'handle', approvers: [], notes: [] };
  if (plan.kind === 'ignore') {
    io.stdout(`nothing to do: ${plan.reason}`);
    result.reason = plan.reason;
    return result;
  }
  const sender = (event as { sender?: { id?: unknown } }).sender?.id;
  if (sender === env.self.botId) {
    io.stdout('nothing to do: the event is Gatehouse’s own');
    return result;
  }
  if (plan.kind === 'approval_issue') {
    const run = await context.gates.runApprovalIssueGate(
      env,
      { ...repo, issueNumber: plan.issueNumber },
      gateOptions(),
      plan.edit,
    );
    if (run === undefined) {
      io.stdout(`nothing to do: #${plan.issueNumber} is not a Gatehouse approval issue`);
      return result;
    }
    return fromRequestRun('handle', run);
  }
  const target = { ...repo, number: plan.number };
  // What the event already names is read beside the gate, not after it (each read is a round
  // trip): the default branch's policy, and the head's open check runs. Both are read again when
  // the pull request says otherwise now.
  const named = readEventNames(event);
  const listed = named.headSha === undefined ? undefined : listOpenCheckRuns(env, target, named.headSha);
  const run = await runPullRequestGate(
    env,
    target,
    plan.trigger,
    named.defaultBranch === undefined ? {} : { defaultBranch: named.defaultBranch },
  );
  const fromGate = fromGateRun(context, run, plan.number);
  if (run.headSha === undefined || run.policy !== 'valid') return fromGate;
  // The same statement may decide a deploy job's gate of the head (`gatehouse: <environment>`).
  const deployments = await runOpenDeploymentGates(env, target, run.headSha, plan.trigger, run.into, listed);
  for (const deployment of deployments)
    io.stdout(
      `${createCheckName(deployment.environment, deployment.into)}: ${deployment.title ?? deployment.state ?? ''}`,
    );
  const opened = [run, ...deployments].some(
    (gate) => gate.final === true && (gate.state === 'approved' || gate.state === 'delayed'),
  );
  if (opened) await rerunWaitingRuns(context, run.headSha);
  return fromGate;
}

/** The default branch and the pull request's head as the event names them, when it does. */
function readEventNames(event: unknown): { defaultBranch?: string; headSha?: string } {
  const payload = event as {
    repository?: { default_branch?: unknown };
    pull_request?: { head?: { sha?: unknown } };
  };
  const defaultBranch = payload.repository?.default_branch;
  const headSha = payload.pull_request?.head?.sha;
  return {
    ...(typeof defaultBranch === 'string' && defaultBranch !== '' ? { defaultBranch } : {}),
    ...(typeof headSha === 'string' && /^[0-9a-f]{40,64}$/.test(headSha) ? { headSha } : {}),
  };
}

/**
 * Re-runs the failed jobs of the workflow runs of `sha`: a `gate` job without `wait` failed
 * while the gate was pending, and passes now. Runs still in progress, and this run, are left
 * alone. Needs `actions: write`; without it the re-run is skipped with a warning.
 */
async function rerunWaitingRuns(context: Context, sha: string): Promise<void> {
  const { github, repo, io, settings } = context;
  const current = Number(io.env.GITHUB_RUN_ID);
  const { data } = await github.request('GET /repos/{owner}/{repo}/actions/runs', {
    ...repo,
    head_sha: sha,
    per_page: 100,
  });
  for (const run of data.workflow_runs) {
    if (Number(run.id) === current) continue;
    if (run.status === 'waiting' || run.status === 'action_required') {
      io.stdout(
        `workflow run ${run.id} (${run.name ?? ''}) is ${run.status}: its reviewers approve it in GitHub`,
      );
      continue;
    }
    if (run.status !== 'completed' || run.conclusion !== 'failure') continue;
    if (settings.dryRun) {
      io.stdout(`dry run: would re-run the failed jobs of workflow run ${run.id}`);
      continue;
    }
    try {
      await github.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', {
        ...repo,
        run_id: Number(run.id),
      });
      io.stdout(
        `re-ran the failed jobs of workflow run ${run.id} (${run.name ?? ''}): the gate of ${sha} is approved`,
      );
    } catch (error) {
      io.stdout(
        `::warning::${escapeCommandData(`could not re-run workflow run ${run.id}: ${explainError(error)}`)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// sweep

async function sweep(context: Context): Promise<ActionResult> {
  const { env, repo, io } = context;
  const pulls = await sweepPullRequestGates(env, repo);
  const requests = await context.gates.sweepRequestGates(env, repo, gateOptions());
  io.stdout(`sweep: ${pulls.length} pull request gate(s) and ${requests.length} request gate(s) recomputed`);
  return {
    mode: 'sweep',
    approvers: [],
    notes: [],
    reason: `${pulls.length + requests.length} gate(s) recomputed`,
  };
}

// ---------------------------------------------------------------------------------------------
// gate and request

async function gate(context: Context): Promise<ActionResult> {
  const { io, github, repo, settings } = context;
  const sha = io.env.GITHUB_SHA ?? '';
  if (sha === '') return failed('gate', 'GITHUB_SHA is not set: nothing to gate');
  const { data: pulls } = await github.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
    ...repo,
    commit_sha: sha,
  });
  // The pull request into the default branch first: one a writer opened of the same head into a
  // branch of their own must not answer for it (DESIGN §11).
  const intoDefault = (pull: (typeof pulls)[number]) =>
    pull.base.ref === pull.base.repo.default_branch ? 0 : 1;
  const open = pulls
    .filter((pull) => pull.state === 'open' && pull.head.sha === sha)
    .sort((a, b) => intoDefault(a) - intoDefault(b) || a.number - b.number)[0];
  // A commit that is no open pull request's head (a push to main after a merge): an explicit
  // request bound to (repo, environment, GITHUB_SHA) on an approval issue, naming the merged
  // pull request when there is one.
  if (open === undefined) return requestFlow(context, 'gate', await createRequest(context, pulls[0]?.number));
  // The pull request of exactly this commit (G6): its own gate, or with `environment` the gate of
  // deploying its head there, asked on the pull request where its reviewers already are.
  const target = { ...repo, number: open.number };
  const scope: GateScope & { sha: string } = { sha };
  if (settings.environment !== undefined) {
    scope.environment = settings.environment;
    scope.deployers = await readDeployers(io.env, github);
  }
  let run: GateRun;
  if (settings.wait) {
    const started = io.now().getTime();
    const waited = await waitForPullRequestGate(context.env, target, scope, {
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
      onProgress: (progress, elapsedMs) =>
        io.stdout(
          renderProgress({ ...progress, approvers: progress.approvers ?? [] }, elapsedMs, settings.timeoutMs),
        ),
    });
    io.stdout(
      `waited ${formatDuration(io.now().getTime() - started)} over ${waited.polls} poll(s), ${waited.notModified} not modified`,
    );
    run = waited.run;
    if (waited.timedOut && run.final !== true && run.headSha === sha) {
      const result = fromGateRun(context, run, open.number);
      result.failure = `still ${result.decision ?? 'pending'} after ${formatDuration(settings.timeoutMs)}: ${result.requestUrl ?? 'see the pull request'}`;
      return finish(context, result);
    }
  } else {
    run = await runPullRequestGate(
      context.env,
      target,
      scope.environment === undefined ? { kind: 'recheck' } : { kind: 'deployment' },
      scope,
    );
  }
  if (run.headSha !== sha)
    return failed(
      'gate',
      `pull request #${open.number} moved to ${run.headSha ?? 'another commit'}: this job runs ${sha}`,
    );
  return finish(context, fromGateRun(context, run, open.number));
}

/**
 * Who started this deployment, who may not approve it (D4): the workflow's actor, and the one who
 * re-ran it when that is someone else. GitHub gives the latter's login only: its id is read from
 * the API (one request, on a re-run by someone else only).
 */
export async function readDeployers(env: ActionIo['env'], github: GitHubClient): Promise<Actor[]> {
  const deployers: Actor[] = [];
  const actor = env.GITHUB_ACTOR;
  const id = Number(env.GITHUB_ACTOR_ID);
  if (actor !== undefined && actor !== '' && Number.isSafeInteger(id) && id > 0)
    deployers.push({ id, login: actor, type: actor.endsWith('[bot]') ? 'Bot' : 'User' });
  const triggering = env.GITHUB_TRIGGERING_ACTOR;
  if (triggering !== undefined && triggering !== '' && triggering.toLowerCase() !== actor?.toLowerCase()) {
    const { data } = await github.rest.users.getByUsername({ username: triggering });
    deployers.push({ id: data.id, login: data.login, type: data.type });
  }
  return deployers;
}

async function request(context: Context): Promise<ActionResult> {
  return requestFlow(context, 'request', await createRequest(context, undefined));
}

async function createRequest(context: Context, pullRequest: number | undefined): Promise<Request> {
  const { io, settings, repo } = context;
  const requester: Actor = {
    id: Number(io.env.GITHUB_ACTOR_ID ?? 0),
    login: io.env.GITHUB_ACTOR ?? 'unknown',
    type: (io.env.GITHUB_ACTOR ?? '').endsWith('[bot]') ? 'Bot' : 'User',
  };
  let spec: ReturnType<typeof parseSpec>['spec'] | undefined;
  if (settings.spec !== undefined) {
    // Read from the workspace this job checked out (never a pull request head it did not).
    const workspace = io.env.GITHUB_WORKSPACE ?? '.';
    if (settings.spec.split(/[\\/]/).includes('..'))
      throw new InputError(`input spec: ${settings.spec} leaves the workspace; give a path inside it`);
    const text = await io.readFile(`${workspace}/${settings.spec}`).catch(() => {
      throw new InputError(
        `input spec: ${settings.spec} was not found in the workspace; check out the repository first`,
      );
    });
    const parsed = parseSpec(text, settings.spec);
    for (const problem of parsed.problems)
      io.stdout(
        `::warning file=${escapeCommandData(problem.path)},line=${problem.line}::${escapeCommandData(problem.message)}`,
      );
    spec = parsed.spec;
  }
  const details =
    pullRequest === undefined
      ? settings.details
      : [settings.details, `Pull request: #${pullRequest}`].filter((text) => text !== undefined).join('\n\n');
  const built = createExplicitRequest({
    repository: `${repo.owner}/${repo.repo}`,
    sha: io.env.GITHUB_SHA ?? '',
    ...(io.env.GITHUB_REF_NAME ? { targetBranch: io.env.GITHUB_REF_NAME } : {}),
    ...optionalFields(settings),
    ...(details === undefined ? {} : { details }),
    options: settings.options,
    requester,
    ...(spec === undefined ? {} : { spec }),
  });
  if (pullRequest !== undefined) built.subject.pullRequest = pullRequest;
  return built;
}

function optionalFields(settings: ActionSettings) {
  const fields: { environment?: string; kind?: string; title?: string; rollback?: string; cost?: number } =
    {};
  if (settings.environment !== undefined) fields.environment = settings.environment;
  if (settings.kind !== undefined) fields.kind = settings.kind;
  if (settings.title !== undefined) fields.title = settings.title;
  if (settings.rollback !== undefined) fields.rollback = settings.rollback;
  if (settings.cost !== undefined) fields.cost = settings.cost;
  return fields;
}

async function requestFlow(
  context: Context,
  mode: 'gate' | 'request',
  built: Request,
): Promise<ActionResult> {
  const { io, env, repo, settings, gates } = context;
  let run: RequestGateRun;
  if (settings.wait) {
    const started = io.now().getTime();
    const waited = await gates.waitForRequestDecision(env, repo, built, {
      ...gateOptions(),
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
      onProgress: (progress, elapsedMs) => io.stdout(renderProgress(progress, elapsedMs, settings.timeoutMs)),
    });
    io.stdout(
      `waited ${formatDuration(io.now().getTime() - started)} over ${waited.polls} poll(s), ${waited.notModified} not modified`,
    );
    run = waited;
    const result = fromRequestRun(mode, run, built);
    if (waited.timedOut && result.decision === 'pending')
      result.failure = `still pending after ${formatDuration(settings.timeoutMs)}: ${result.requestUrl ?? 'see the approval request'}`;
    return finish(context, result);
  }
  run = await gates.runRequestGate(env, repo, built, gateOptions());
  return finish(context, fromRequestRun(mode, run, built));
}

/**
 * One progress line of a wait: where the gate stands, who approved, what is missing, time left.
 * A request not ready for approval says so and why: no approval counts until it is.
 */
export function renderProgress(
  run: { state?: string; approvers: readonly (string | Actor)[]; waitingFor?: string; notReady?: string },
  elapsedMs: number,
  timeoutMs: number,
): string {
  const approvers = run.approvers
    .map((approver) => `@${typeof approver === 'string' ? approver : approver.login}`)
    .join(', ');
  const standing =
    run.notReady !== undefined
      ? [run.notReady]
      : [
          approvers === '' ? 'no approvals yet' : `approved by ${approvers}`,
          run.waitingFor === undefined ? undefined : `waiting for ${run.waitingFor}`,
        ];
  return [
    `${run.state ?? 'pending'}`,
    ...standing,
    `${formatDuration(Math.max(0, timeoutMs - elapsedMs))} left`,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

/** Sets `failure` unless the decision lets the job go ahead; applies `human-in-loop`. */
function finish(context: Context, result: ActionResult): ActionResult {
  const { settings, io } = context;
  const decision = result.decision;
  if (!settings.humanInLoop) {
    if (decision === 'auto_approved' || decision === 'notified')
      io.stdout(
        `human-in-loop: false: the policy lets ${settings.kind ?? 'this request'} proceed without a person (${result.reason ?? 'allowed'})`,
      );
    else
      io.stdout(
        `::warning::${escapeCommandData(`human-in-loop: false is ignored: the policy does not allow autonomy for ${settings.kind === undefined ? 'this request' : `kind ${settings.kind}`} here; a workflow cannot turn its own gate off`)}`,
      );
  }
  if (result.failure !== undefined || context.settings.mode === 'handle') return result;
  // Refused as not ready (DESIGN §6): nobody was asked, so there is nothing to wait for.
  if (result.notReady !== undefined) {
    result.decision = 'rejected';
    result.failure = result.notReady;
    return result;
  }
  if (decision === undefined) result.failure ??= result.reason ?? 'no decision was made';
  else if (decision === 'pending')
    result.failure = `waiting for approval${result.requestUrl === undefined ? '' : `: ${result.requestUrl}`}${result.reason === undefined ? '' : ` (${result.reason})`}`;
  else if (!PASSING_DECISIONS.includes(decision as never))
    result.failure = `${decision}${result.reason === undefined ? '' : `: ${result.reason}`}`;
  if (settings.dryRun && result.failure !== undefined && decision === 'pending') {
    io.stdout(`dry run: the job would fail: ${result.failure}`);
    delete result.failure;
  }
  return result;
}

function failed(mode: ActionResult['mode'], failure: string): ActionResult {
  return { mode, approvers: [], notes: [], failure };
}

function fromGateRun(context: Context, run: GateRun, number: number): ActionResult {
  const result: ActionResult = {
    mode: context.settings.mode,
    approvers: run.approvers ?? [],
    notes: [],
    requestUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/pull/${number}`,
  };
  if (run.state !== undefined) result.decision = run.state;
  if (run.tier !== undefined) result.tier = run.tier;
  if (run.option !== undefined) result.option = run.option;
  if (run.modifications !== undefined) result.modifications = run.modifications;
  if (run.reason !== undefined) result.reason = run.reason;
  // A /delay approves from its time on: until then the job must not go ahead.
  if (run.state === 'delayed' && run.final !== true)
    result.failure = `approved from ${run.wake ?? 'a later time'} on (/delay): run the job again then`;
  if (run.decisionId !== undefined) result.decisionId = run.decisionId;
  if (run.logCommit !== undefined) result.logCommit = run.logCommit;
  if (run.checkRunId !== undefined) result.checkRunId = run.checkRunId;
  if (isRefusedAsNotReady(run.state, run.ready)) result.notReady = run.notReady ?? 'not ready for approval';
  const why =
    run.error ?? (run.skipped === undefined ? undefined : `skipped: ${run.skipped.replace(/_/g, ' ')}`);
  if (why !== undefined) result.reason = why;
  else if (run.policy === 'absent') result.reason = 'no policy on the default branch';
  else if (run.policy === 'invalid') result.reason = 'the policy is invalid: see the gatehouse check run';
  return result;
}

function fromRequestRun(mode: ActionResult['mode'], run: RequestGateRun, built?: Request): ActionResult {
  const result: ActionResult = { mode, approvers: run.approvers.map((actor) => actor.login), notes: [] };
  if (built !== undefined) result.request = built;
  if (run.state !== undefined) result.decision = run.state;
  if (run.tier !== undefined) result.tier = run.tier;
  if (run.option !== undefined) result.option = run.option.name;
  if (run.modifications !== undefined) result.modifications = run.modifications;
  const reason = run.reason ?? run.error ?? (run.policy === 'valid' ? undefined : `policy ${run.policy}`);
  if (reason !== undefined) result.reason = reason;
  if (run.decisionId !== undefined) result.decisionId = run.decisionId;
  if (run.logCommit !== undefined) result.logCommit = run.logCommit;
  if (run.checkRunId !== undefined) result.checkRunId = run.checkRunId;
  if (run.issueUrl !== undefined) result.requestUrl = run.issueUrl;
  if (isRefusedAsNotReady(run.state, run.ready)) result.notReady = run.notReady ?? 'not ready for approval';
  return result;
}

// ---------------------------------------------------------------------------------------------
// outputs, summary, logs, errors

export function createOutputs(result: ActionResult): Record<OutputName, string> {
  const { request: _request, notes: _notes, failure: _failure, notReady: _notReady, ...rest } = result;
  return {
    decision: result.decision ?? '',
    tier: result.tier ?? '',
    approvers: JSON.stringify(result.approvers),
    option: result.option ?? '',
    modifications: result.modifications ?? '',
    reason: result.reason ?? '',
    'decision-id': result.decisionId ?? '',
    'log-commit': result.logCommit ?? '',
    'check-run-id': result.checkRunId === undefined ? '' : String(result.checkRunId),
    'request-url': result.requestUrl ?? '',
    result: JSON.stringify(rest),
  };
}

async function writeOutputs(io: ActionIo, result: ActionResult): Promise<void> {
  const outputs = createOutputs(result);
  const text = (Object.keys(ACTION_OUTPUTS) as OutputName[])
    .map((name) => renderFileCommand(name, outputs[name]))
    .join('');
  if (io.env.GITHUB_OUTPUT) await io.appendFile(io.env.GITHUB_OUTPUT, text);
  else io.stdout(`outputs: ${outputs.result}`);
}

async function writeSummary(io: ActionIo, result: ActionResult): Promise<void> {
  if (io.env.GITHUB_STEP_SUMMARY) await io.appendFile(io.env.GITHUB_STEP_SUMMARY, renderSummary(result));
}

export class InputError extends Error {
  override name = 'InputError';
}

/** Which permission a refused request needs, from its path. */
export function explainForbidden(method: string, url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+(?:\/api\/v3)?/, '');
  const write = method !== 'GET';
  const permission = /\/issues|\/labels/.test(path)
    ? 'issues'
    : /\/check-runs|\/check-suites|\/commits\/[^/]+\/check/.test(path)
      ? 'checks'
      : /\/pulls|\/requested_reviewers/.test(path)
        ? 'pull-requests'
        : /\/actions\//.test(path)
          ? 'actions'
          : 'contents';
  return `GitHub refused ${method} ${path}: add \`${permission}: ${write ? 'write' : 'read'}\` to the job's permissions`;
}

export function explainError(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const failure = error as {
    status?: unknown;
    request?: { method?: unknown; url?: unknown };
    message?: unknown;
  };
  if (failure?.status === 403 && typeof failure.request?.url === 'string')
    return explainForbidden(String(failure.request.method ?? 'GET'), failure.request.url);
  return error instanceof Error ? error.message : String(error);
}

/** A log line that cannot become a workflow command: one line, never starting with `::`. */
export function renderLogLine(text: string): string {
  const line = text.replace(/\r?\n|\r/g, ' ');
  return line.startsWith('::') ? ` ${line}` : line;
}

function createGateLog(io: ActionIo): GateLog {
  const line = (prefix: string) => (fields: unknown, message?: string) => {
    const text = message ?? (typeof fields === 'string' ? fields : JSON.stringify(fields));
    io.stdout(prefix === '' ? renderLogLine(text) : `${prefix}${escapeCommandData(text)}`);
  };
  return { debug: line('::debug::'), info: line(''), warn: line('::warning::'), error: line('::error::') };
}

function createClientLog(io: ActionIo) {
  return {
    debug: (message: string) => io.stdout(`::debug::${escapeCommandData(message)}`),
    info: (message: string) => io.stdout(renderLogLine(message)),
    warn: (message: string) => io.stdout(`::warning::${escapeCommandData(message)}`),
    error: (message: string) => io.stdout(`::error::${escapeCommandData(message)}`),
  };
}
