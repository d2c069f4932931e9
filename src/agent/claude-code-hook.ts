// Claude Code's PreToolUse and PostToolUse hooks (DESIGN §10): one tool call in, Claude Code's
// answer out. The tool call is classified under the default branch's policy; the proceed tier is
// allowed (with no network when the cached policy is fresh), the notify tier is allowed and
// recorded, the approve tier asks on an approval issue and is allowed only once approved, for
// exactly that call, once. Every failure is a deny with one line saying why: a hook that errors is
// a call Claude Code runs anyway.
import type { ToolCall, ToolCallAssessment, ToolCallClassification } from '../core/classify-tool-call.ts';
import type { Policy } from '../core/model.ts';
import type { CachedPolicy } from './policy-cache.ts';
import type {
  AgentAnswer,
  AgentContext,
  AgentRequestInput,
  ExecutionReport,
  WaitChoice,
} from './request-approval.ts';

/** What Claude Code sends on stdin, narrowed to what the hook reads. */
export interface HookInput {
  event: 'PreToolUse' | 'PostToolUse';
  call: ToolCall;
  toolUseId?: string;
  /** Claude Code's working directory: a request binds to the HEAD of the clone it is in. */
  cwd?: string;
  /** PostToolUse: what the tool returned. */
  response?: unknown;
}

export type PermissionDecision = 'allow' | 'deny' | 'ask';

export interface PreToolUseOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: PermissionDecision;
    permissionDecisionReason: string;
  };
}

/** What the PreToolUse run leaves for the PostToolUse run of the same `tool_use_id`. */
export interface ToolUseApproval {
  repository: string;
  issueNumber: number;
}

export interface HookSettings {
  repository: string;
  agent: string;
  onBehalfOf?: string;
  waitMs: number;
}

export interface HookDeps {
  now: () => Date;
  warn: (message: string) => void;
  loadPolicy: () => Promise<CachedPolicy>;
  /** The call's classification and tier under the policy (the core's assessToolCall). */
  assess: (policy: Policy, call: ToolCall) => ToolCallAssessment;
  /**
   * A context for the agent's requests, or why there is none (no token). Given the call's working
   * directory, the request binds to the HEAD of the clone there (else the default branch's head).
   */
  connect: (cwd?: string) => Promise<AgentContext | { unavailable: string }>;
  requestApproval: (
    context: AgentContext,
    input: AgentRequestInput,
    wait: WaitChoice,
  ) => Promise<AgentAnswer>;
  recordExecution: (context: AgentContext, issueNumber: number, report: ExecutionReport) => Promise<void>;
  saveToolUse: (toolUseId: string, approval: ToolUseApproval) => Promise<void>;
  /** Reads and forgets: an execution is recorded once. */
  takeToolUse: (toolUseId: string) => Promise<ToolUseApproval | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Input.

/** Claude Code's hook JSON, or one line saying what is wrong with it. */
export function parseHookInput(text: string): HookInput | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'the hook input is not JSON (expected Claude Code hook JSON on stdin)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'the hook input is not a JSON object (expected Claude Code hook JSON on stdin)' };
  const input = value as Record<string, unknown>;
  const event = input.hook_event_name;
  if (event !== undefined && event !== 'PreToolUse' && event !== 'PostToolUse')
    return {
      problem: `hook_event_name is ${JSON.stringify(event)}: this hook answers PreToolUse and PostToolUse`,
    };
  const tool = input.tool_name;
  if (typeof tool !== 'string' || tool === '') return { problem: 'the hook input has no tool_name' };
  const toolInput = input.tool_input ?? {};
  if (typeof toolInput !== 'object' || toolInput === null || Array.isArray(toolInput))
    return { problem: `tool_input of ${tool} is not an object` };
  const parsed: HookInput = {
    event: event === 'PostToolUse' ? 'PostToolUse' : 'PreToolUse',
    call: { tool, input: toolInput as Record<string, unknown> },
  };
  if (typeof input.tool_use_id === 'string' && input.tool_use_id !== '') parsed.toolUseId = input.tool_use_id;
  if (typeof input.cwd === 'string' && input.cwd.startsWith('/')) parsed.cwd = input.cwd;
  if ('tool_response' in input) parsed.response = input.tool_response;
  return parsed;
}

export function renderPreToolUse(decision: PermissionDecision, reason: string): PreToolUseOutput {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: decision,
      permissionDecisionReason: reason,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PreToolUse.

export interface PreToolUseAnswer {
  decision: PermissionDecision;
  reason: string;
}

export async function answerPreToolUse(
  input: HookInput,
  settings: HookSettings,
  deps: HookDeps,
): Promise<PreToolUseAnswer> {
  const deny = (reason: string): PreToolUseAnswer => ({ decision: 'deny', reason: `Gatehouse: ${reason}` });
  const cached = await deps.loadPolicy();
  if (cached.load === undefined) return deny(`no policy to decide by: ${cached.why}`);
  const { load } = cached;
  switch (load.state) {
    case 'absent':
      return {
        decision: 'allow',
        reason: `Gatehouse: ${settings.repository} has no .github/gatehouse.yml on its default branch; nothing is gated`,
      };
    case 'invalid': {
      const first = load.problems[0];
      const more = load.problems.length > 1 ? ` (and ${load.problems.length - 1} more)` : '';
      return deny(
        `the policy on the default branch is invalid, so every gated call is denied until it is fixed: ${first === undefined ? load.file : `${first.file}:${first.line}:${first.column} ${first.path}: ${first.message}`}${more}`,
      );
    }
    case 'valid':
      break;
  }

  let classification: ToolCallAssessment;
  try {
    classification = deps.assess(load.policy, input.call);
  } catch (error) {
    return deny(`cannot classify the ${input.call.tool} call: ${firstLine(error)}`);
  }

  const { tier } = classification;
  if (tier === 'proceed')
    return { decision: 'allow', reason: `Gatehouse: proceed tier (${describeKind(classification)})` };
  // Below: only what GitHub decides now may let the call through.
  if (!cached.fresh)
    return deny(`${classification.summary} needs GitHub, which cannot be reached (${cached.why})`);

  const context = await deps.connect(input.cwd);
  if ('unavailable' in context)
    return deny(`${classification.summary} is ${tier} tier: ${context.unavailable}`);
  const request: AgentRequestInput = {
    title: classification.summary,
    ...(classification.kind === undefined ? {} : { kind: classification.kind }),
    declaredRisk: classification.risk,
    details: renderParts(classification),
    agent: settings.agent,
    ...(settings.onBehalfOf === undefined ? {} : { onBehalfOf: settings.onBehalfOf }),
  };
  let answer: AgentAnswer;
  try {
    answer =
      tier === 'notify'
        ? await deps.requestApproval(context, request, { waitMs: 0 })
        : await deps.requestApproval(context, request, { waitMs: settings.waitMs, singleUse: true });
  } catch (error) {
    return deny(`cannot ask for approval of ${classification.summary}: ${firstLine(error)}`);
  }
  const answered = answerFrom(answer, classification.summary);
  if (answered.decision === 'allow' && answer.issueNumber !== undefined && input.toolUseId !== undefined) {
    try {
      await deps.saveToolUse(input.toolUseId, {
        repository: settings.repository,
        issueNumber: answer.issueNumber,
      });
    } catch (error) {
      deps.warn(
        `cannot keep the approval for PostToolUse, its execution will not be recorded: ${firstLine(error)}`,
      );
    }
  }
  return answered;
}

function answerFrom(answer: AgentAnswer, summary: string): PreToolUseAnswer {
  const url = answer.requestUrl === undefined ? '' : ` (${answer.requestUrl})`;
  const because = answer.reason === undefined ? '' : `: ${answer.reason}`;
  switch (answer.decision) {
    case 'approved':
    case 'auto_approved':
      return {
        decision: 'allow',
        reason: `Gatehouse: ${answer.decision === 'approved' ? 'approved' : 'allowed and recorded'}${url}`,
      };
    case 'pending':
      return {
        decision: 'deny',
        reason: `Gatehouse: waiting for approval of ${summary}${url}. Do not try another way; once a person has approved it, retry exactly the same command (an approval allows that command once).`,
      };
    case 'delayed':
      return {
        decision: 'deny',
        reason: `Gatehouse: approved, but not yet in effect${because}${url}. Retry exactly the same command later.`,
      };
    case 'changes_requested':
      return {
        decision: 'deny',
        reason: `Gatehouse: the approver asked for changes to ${summary}${url}: ${answer.modifications ?? answer.reason ?? '(no details)'}. Change the command accordingly; the changed command is a new request.`,
      };
    case 'rejected':
      return { decision: 'deny', reason: `Gatehouse: rejected${because}${url}. Do not run ${summary}.` };
    case 'expired':
      return {
        decision: 'deny',
        reason: `Gatehouse: the request expired without a decision${because}${url}.`,
      };
    case 'not_ready':
      return {
        decision: 'deny',
        reason: `Gatehouse: the request is not ready to be decided${because}${url}.`,
      };
  }
}

function describeKind(classification: ToolCallClassification): string {
  return classification.kind === undefined
    ? classification.summary
    : `${classification.kind}: ${classification.summary}`;
}

/** The request's details: every part the approver is asked about, with its kind. */
function renderParts(classification: ToolCallClassification): string {
  const lines = classification.parts.map((part) => {
    const kind = part.kind === undefined ? 'no kind' : part.kind;
    return `- \`${part.text.replace(/`/g, "'")}\`: ${kind}${part.reason === undefined ? '' : ` (${part.reason})`}`;
  });
  return ['The agent asks to run:', ...lines].join('\n');
}

// ---------------------------------------------------------------------------------------------
// PostToolUse.

/** Records the outcome of an approved call as its execution; a call that needed no approval costs nothing. */
export async function recordPostToolUse(
  input: HookInput,
  deps: Pick<HookDeps, 'now' | 'connect' | 'recordExecution' | 'takeToolUse'>,
): Promise<{ recorded: number } | { nothing: true } | { problem: string }> {
  if (input.toolUseId === undefined) return { nothing: true };
  const approval = await deps.takeToolUse(input.toolUseId);
  if (approval === undefined) return { nothing: true };
  const context = await deps.connect();
  if ('unavailable' in context)
    return {
      problem: `cannot record the execution on issue #${approval.issueNumber}: ${context.unavailable}`,
    };
  const failed = describeFailure(input.response);
  const report: ExecutionReport = {
    status: failed === undefined ? 'succeeded' : 'failed',
    completedAt: deps.now().toISOString(),
    detail: failed ?? 'the tool call completed',
  };
  try {
    await deps.recordExecution(context, approval.issueNumber, report);
  } catch (error) {
    return { problem: `cannot record the execution on issue #${approval.issueNumber}: ${firstLine(error)}` };
  }
  return { recorded: approval.issueNumber };
}

/** A tool response that says it failed (Bash's `interrupted`, an `error`, a non-zero `exitCode`). */
function describeFailure(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const r = response as Record<string, unknown>;
  if (typeof r.error === 'string' && r.error !== '') return `tool error: ${r.error.split('\n')[0]}`;
  if (r.interrupted === true) return 'interrupted';
  const code = r.exitCode ?? r.exit_code;
  if (typeof code === 'number' && code !== 0) return `exit ${code}`;
  if (r.success === false) return 'the tool reported failure';
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
