// An agent's request for approval, decided on an approval issue (DESIGN §10): the same gate as a
// workflow's explicit request (src/gate/run-request-gate.ts), run with the agent's token.
//
// Trust (DESIGN §11): Gatehouse's "own" account here IS the agent's token, which can write
// anything Gatehouse writes. So the gate runs with `sharedIdentity` (as in the Action): no trace,
// veto note or log record is trusted because that account wrote it, and the decision log is no
// precedent. The account's own comments never count as statements, and it is the request's
// requester (so never an approver); the person it acts for cannot approve either.
//
// Binding: the request hash covers what is asked and `subject.sha`, the commit the work is on:
// `--sha`, else the clone's HEAD, else the default branch's head. The same command in the same
// checkout asks once, whatever lands on the default branch meanwhile; other work (another commit)
// asks again.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderExecutionMark } from '../core/execution-report.ts';
import type { Actor, Request } from '../core/model.ts';
import type { RiskFactors } from '../core/policy-schema.ts';
import { createExplicitRequest, mergeRisk } from '../core/request.ts';
import { parseSpec } from '../core/spec.ts';
import type { GateEnvironment, GateLog } from '../gate/run-pull-request-gate.ts';
import {
  type KnownRequest,
  type RequestGateOptions,
  type RequestGateRun,
  runApprovalIssueGate,
  runRequestGate,
  waitForRequestDecision,
} from '../gate/run-request-gate.ts';
import { waitForDecision } from '../gate/wait-for-decision.ts';
import type { GitHubClient } from '../github/client.ts';
import { renderIssueMark } from '../github/load-approval-issues.ts';
import { loadSpentApproval, USED_LABEL } from '../github/load-spent-approval.ts';
import {
  closeApprovalIssue,
  publishIssueComment,
  publishIssueLabels,
} from '../github/publish-approval-issue.ts';
import { readStatus } from '../github/request-error.ts';
import { AgentSetupError, loadPerson, setupError } from './load-agent-context.ts';

export { AgentSetupError } from './load-agent-context.ts';

/** Where and as whom the agent asks: its token's account is the requester. */
export interface AgentContext {
  github: GitHubClient;
  owner: string;
  repo: string;
  now: () => Date;
  /** The token's account (loadAgentContext reads it); read with GET /user when not given. */
  requester?: Actor;
  /** The person the agent acts for, resolved to a numeric id: may not approve either. */
  onBehalfOf?: Actor;
  /** The agent's name, recorded on the issue and in the decision record. */
  agent?: string;
  /** The commit the request binds to; default: the default branch's head. */
  sha?: string;
  /** The working directory a relative `spec` path is read from; default: the process's. */
  cwd?: string;
  log?: GateLog;
  /** Waits between polls (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  /** How often a wait polls at first (conditional requests); default 5 s. */
  pollIntervalMs?: number;
}

/** What `gatehouse ask` takes (DESIGN §10); `toolCall` when the hook or MCP asks for a tool call. */
export interface AgentRequestInput {
  title: string;
  kind?: string;
  environment?: string;
  details?: string;
  rollback?: string;
  recommendation?: string;
  options?: string[];
  cost?: number;
  /** Path of a spec file, read from the working tree. */
  spec?: string;
  /** The person the agent acts for, by login (the hook, MCP): resolved to an account, never an approver. */
  onBehalfOf?: string;
  agent?: string;
  /** Risk the classifier or the requester declares: it can raise the tier, never lower it. */
  declaredRisk?: RiskFactors;
}

export type AgentDecision =
  | 'approved'
  | 'auto_approved'
  | 'rejected'
  | 'expired'
  | 'not_ready'
  | 'pending'
  | 'changes_requested'
  | 'delayed';

export interface AgentAnswer {
  decision: AgentDecision;
  tier?: 'proceed' | 'notify' | 'approve';
  option?: string;
  modifications?: string;
  reason?: string;
  requestUrl?: string;
  issueNumber?: number;
  decisionId?: string;
  /** The command that resumes the wait: `gatehouse status 42 --repo acme/shop --wait`. */
  resume?: string;
  /** DESIGN §10: 0 approved or auto-approved, 1 rejected, expired or not ready, 3 pending. */
  exitCode: 0 | 1 | 3;
}

export interface WaitChoice {
  /** Wait up to this long for a decision (conditional requests); 0: answer at once. */
  waitMs: number;
  /** An approval allows the asked call once (the hook): a used approval asks again. */
  singleUse?: boolean;
}

/** What ran after an approval (the PostToolUse hook, the agent's report): the decision's execution. */
export interface ExecutionReport {
  status: 'succeeded' | 'failed';
  startedAt?: string;
  completedAt: string;
  /** One line: `exit 0`, `tool error: …`. */
  detail?: string;
}

/** Agent requests live on approval issues with this label; no check run, no dispatch. */
const GATE_OPTIONS: RequestGateOptions = { checkRun: false, dispatch: false };
const DEFAULT_POLL_MS = 5_000;

const SILENT: GateLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export async function requestApproval(
  context: AgentContext,
  input: AgentRequestInput,
  wait: WaitChoice,
): Promise<AgentAnswer> {
  const env = await createGateEnvironment(context);
  const request = await createAgentRequest(context, env, input);
  const target = { owner: context.owner, repo: context.repo };
  const options: RequestGateOptions = {
    ...GATE_OPTIONS,
    ...(wait.singleUse === true ? { singleUse: true } : {}),
  };
  const run = await guarded('asking for approval', () =>
    wait.waitMs > 0
      ? waitForRequestDecision(env, target, request, {
          ...options,
          timeoutMs: wait.waitMs,
          pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
          ...(context.sleep === undefined ? {} : { sleep: context.sleep }),
          isSettled,
        })
      : runRequestGate(env, target, request, options),
  );
  return spend(context, env, run, wait);
}

export async function readApproval(
  context: AgentContext,
  issueNumber: number,
  wait: WaitChoice,
): Promise<AgentAnswer> {
  const env = await createGateEnvironment(context);
  const target = { owner: context.owner, repo: context.repo, issueNumber };
  // No request in hand: the issue's record is read, but it must name this token's account as
  // its requester, and whom this caller acts for may not approve whatever the record says.
  const known: KnownRequest = {
    requester: { id: env.self.botId, login: env.self.botLogin, type: 'User' },
    ...(context.onBehalfOf === undefined ? {} : { onBehalfOf: context.onBehalfOf }),
  };
  const read = () => runApprovalIssueGate(env, target, { ...GATE_OPTIONS, known });
  const run = await guarded(`reading #${issueNumber}`, async () => {
    if (wait.waitMs <= 0) return read();
    const waited = await waitForDecision(env.github, env.now, {
      timeoutMs: wait.waitMs,
      pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
      ...(context.sleep === undefined ? {} : { sleep: context.sleep }),
      first: async () => (await read()) ?? { requests: 0, missing: true as const },
      recompute: async () => (await read()) ?? undefined,
      watch: () => [
        {
          route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
          parameters: { owner: context.owner, repo: context.repo, issue_number: issueNumber, per_page: 100 },
        },
      ],
      isSettled: (run, now) => 'missing' in run || run.tampered !== undefined || isSettled(run, now),
      wakeOf: (run) => ('missing' in run ? undefined : run.deadline),
    });
    return 'missing' in waited.run ? undefined : waited.run;
  });
  if (run === undefined)
    throw new AgentSetupError(
      `#${issueNumber} in ${context.owner}/${context.repo} is not an approval issue of this account's requests`,
    );
  if (run.issueNumber === undefined) {
    run.issueNumber = issueNumber;
  }
  if (wait.singleUse === true && (await isSpent(context, env, run)))
    return {
      ...answerOf(context, run),
      decision: 'expired',
      reason: 'this approval was used already: ask again for a new one',
      exitCode: 1,
    };
  return spend(context, env, run, wait);
}

/** Records the execution of an approved request on its approval issue (never by editing the decision). */
export async function recordExecution(
  context: AgentContext,
  issueNumber: number,
  report: ExecutionReport,
): Promise<void> {
  const env = await createGateEnvironment(context);
  const body = renderExecution(report);
  await guarded(`recording the execution on #${issueNumber}`, () =>
    publishIssueComment(
      env.github,
      { owner: context.owner, repo: context.repo, issueNumber },
      body,
      env.self.botId,
    ),
  );
}

/** The execution comment: readable lines and a hidden mark (no decision is changed by it). */
export function renderExecution(report: ExecutionReport): string {
  const detail = report.detail?.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);
  const lines = [
    `**Execution:** ${report.status}${detail === undefined || detail === '' ? '' : ` (${escapeInline(detail)})`}`,
    '',
    ...(report.startedAt === undefined ? [] : [`- Started: ${escapeInline(report.startedAt)}`]),
    `- Completed: ${escapeInline(report.completedAt)}`,
  ];
  const mark = renderExecutionMark({
    status: report.status,
    ...(report.startedAt === undefined ? {} : { startedAt: report.startedAt }),
    completedAt: report.completedAt,
  });
  return `${lines.join('\n')}\n\n${mark}`;
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~@&]/g, (character) => `\\${character}`);
}

// ---------------------------------------------------------------------------------------------

async function createGateEnvironment(context: AgentContext): Promise<GateEnvironment> {
  const requester =
    context.requester ??
    (await guarded("reading the token's account (GET /user)", async () => {
      const { data } = await context.github.request('GET /user');
      return { id: Number(data.id), login: data.login, type: data.type ?? 'User' };
    }));
  context.requester = requester;
  return {
    github: context.github,
    now: context.now,
    // The token's account writes Gatehouse's issues, comments and records, and the agent holds
    // that token: nothing is trusted because this account wrote it (DESIGN §11).
    self: { appId: 0, botId: requester.id, botLogin: requester.login, sharedIdentity: true },
    log: context.log ?? SILENT,
    untrustedLog: { reason: "the decision log is written with the agent's own token" },
  };
}

async function createAgentRequest(
  context: AgentContext,
  env: GateEnvironment,
  input: AgentRequestInput,
): Promise<Request> {
  const repository = `${context.owner}/${context.repo}`;
  const sha = context.sha ?? (await loadDefaultHead(context));
  const spec = input.spec === undefined ? undefined : await loadSpec(input.spec, context.cwd);
  const requester = context.requester ?? { id: env.self.botId, login: env.self.botLogin, type: 'User' };
  // The hook and the MCP server name the person by login: resolved to an id here, or the
  // person would be neither recorded nor kept from approving (DESIGN §11).
  const onBehalfOf =
    context.onBehalfOf ??
    (input.onBehalfOf === undefined ? undefined : await loadPerson(context.github, input.onBehalfOf));
  const request = createExplicitRequest({
    repository,
    sha,
    ...definedText({
      environment: input.environment,
      kind: input.kind,
      title: input.title,
      details: input.details,
      rollback: input.rollback,
      recommendation: input.recommendation,
    }),
    ...(input.options === undefined ? {} : { options: input.options }),
    ...(input.cost === undefined ? {} : { cost: input.cost }),
    requester,
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
    ...(spec === undefined ? {} : { spec }),
  });
  // Declared risk only ever raises the tier: each factor takes the higher level.
  if (input.declaredRisk !== undefined)
    request.declaredRisk = mergeRisk([request.declaredRisk, input.declaredRisk]);
  const agent = input.agent ?? context.agent;
  if (agent !== undefined && agent.trim() !== '') request.agent = agent.trim().slice(0, 100);
  return request;
}

function definedText(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

async function loadSpec(path: string, cwd: string | undefined) {
  let text: string;
  try {
    text = await readFile(resolve(cwd ?? '.', path), 'utf8');
  } catch {
    throw new AgentSetupError(`--spec ${path}: no such file, or it cannot be read`);
  }
  return parseSpec(text, path).spec;
}

async function loadDefaultHead(context: AgentContext): Promise<string> {
  return guarded(`reading ${context.owner}/${context.repo}`, async () => {
    const { data: repository } = await context.github.request('GET /repos/{owner}/{repo}', {
      owner: context.owner,
      repo: context.repo,
    });
    const { data: commit } = await context.github.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner: context.owner,
      repo: context.repo,
      ref: repository.default_branch,
    });
    return commit.sha;
  });
}

/** GitHub's refusals and an unreachable API as setup errors; a 404 says which repository. */
async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw error;
    if (readStatus(error) === 404)
      throw new AgentSetupError(
        `${what}: not found, or the token cannot read it (GitHub answers 404 for both)`,
      );
    if (typeof error === 'object' && error !== null && ('status' in error || isNetworkError(error)))
      throw setupError(what, error);
    throw error;
  }
}

function isNetworkError(error: object): boolean {
  return (
    error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message))
  );
}

/**
 * When an agent's wait is over: decided, a delayed approval in effect, or changes requested (the
 * Action keeps waiting on /modify; an agent gets the instructions at once, to ask anew).
 */
function isSettled(run: RequestGateRun, now: number): boolean {
  if (run.policy !== 'valid' || run.state === undefined) return true;
  if (run.state === 'pending' || run.state === 'escalated') return false;
  if (run.state === 'delayed') return run.deadline === undefined || Date.parse(run.deadline) <= now;
  return true;
}

/** Whether a single-use approval on this issue was spent already (GitHub's timeline says). */
async function isSpent(context: AgentContext, env: GateEnvironment, run: RequestGateRun): Promise<boolean> {
  if (run.state !== 'approved' && run.state !== 'delayed') return false;
  const issue = { number: run.issueNumber ?? 0, url: '', open: false, title: '', body: '', createdAt: '' };
  return loadSpentApproval(
    env.github,
    { owner: context.owner, repo: context.repo },
    { ...issue, bodyHashes: [] },
    [],
  );
}

/**
 * The answer, and for a single-use approval that is given now: the `used` mark and the issue
 * closed, so the same call asks again next time (DESIGN §10: "once").
 */
async function spend(
  context: AgentContext,
  env: GateEnvironment,
  run: RequestGateRun,
  wait: WaitChoice,
): Promise<AgentAnswer> {
  const answer = answerOf(context, run);
  if (wait.singleUse !== true || answer.decision !== 'approved' || run.issueNumber === undefined)
    return answer;
  const target = { owner: context.owner, repo: context.repo, issueNumber: run.issueNumber };
  const mark = renderIssueMark({ type: 'used', id: run.decisionId ?? '', at: context.now().toISOString() });
  await guarded(`marking #${run.issueNumber} used`, async () => {
    // The label first: its `labeled` event on the timeline is what nobody can undo; the mark
    // and the closing are for people (and spare the timeline read while they stand).
    await publishIssueLabels(env.github, target, [USED_LABEL]);
    await publishIssueComment(
      env.github,
      target,
      `**Used:** the approved call was answered once; the same call again asks for a new approval.\n\n${mark}`,
      env.self.botId,
    );
    await closeApprovalIssue(env.github, target, 'completed');
  });
  return answer;
}

function answerOf(context: AgentContext, run: RequestGateRun): AgentAnswer {
  if (run.tampered !== undefined)
    throw new AgentSetupError(
      `#${run.issueNumber ?? '?'} in ${context.owner}/${context.repo} answers nothing: ${run.tampered}. Ask again for a new approval`,
    );
  if (run.policy === 'absent')
    return {
      decision: 'auto_approved',
      reason: 'no .github/gatehouse.yml on the default branch: Gatehouse gates nothing here',
      exitCode: 0,
    };
  if (run.policy !== 'valid')
    throw new AgentSetupError(
      `the policy of ${context.owner}/${context.repo} is ${run.policy}: ${(run.error ?? '').split('\n').join('; ')}`,
    );
  const answer: AgentAnswer = { decision: 'pending', exitCode: 3 };
  if (run.tier !== undefined) answer.tier = run.tier;
  if (run.option !== undefined) answer.option = run.option.name;
  if (run.modifications !== undefined) answer.modifications = run.modifications;
  if (run.reason !== undefined) answer.reason = run.reason;
  if (run.issueUrl !== undefined) answer.requestUrl = run.issueUrl;
  if (run.issueNumber !== undefined) answer.issueNumber = run.issueNumber;
  if (run.decisionId !== undefined) answer.decisionId = run.decisionId;
  if (run.ready === false) return { ...answer, decision: 'not_ready', exitCode: 1 };
  switch (run.state) {
    case 'approved':
      return { ...answer, decision: 'approved', exitCode: 0 };
    case 'auto_approved':
    case 'notified':
      return { ...answer, decision: 'auto_approved', exitCode: 0 };
    case 'delayed':
      if (run.deadline === undefined || Date.parse(run.deadline) <= context.now().getTime())
        return { ...answer, decision: 'approved', exitCode: 0 };
      return withResume(context, { ...answer, decision: 'delayed', exitCode: 3 });
    case 'rejected':
      return { ...answer, decision: 'rejected', exitCode: 1 };
    case 'expired':
      return { ...answer, decision: 'expired', exitCode: 1 };
    case 'changes_requested':
      // The request must change, and a changed request is a new one: this one is not approved.
      return { ...answer, decision: 'changes_requested', exitCode: 1 };
    default:
      if (run.waitingFor !== undefined && answer.reason === undefined)
        answer.reason = `waiting for ${run.waitingFor}`;
      return withResume(context, answer);
  }
}

function withResume(context: AgentContext, answer: AgentAnswer): AgentAnswer {
  if (answer.issueNumber === undefined) return answer;
  return {
    ...answer,
    // Whom the agent acts for goes with it: the issue's record, which the token wrote, cannot drop it.
    resume: `gatehouse status ${answer.issueNumber} --repo ${context.owner}/${context.repo}${context.onBehalfOf === undefined ? '' : ` --on-behalf-of ${context.onBehalfOf.login}`} --wait`,
  };
}
