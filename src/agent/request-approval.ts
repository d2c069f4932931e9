// INTERFACE STUB (issue 13): an agent's request for approval, decided on an approval issue
// (DESIGN §10). The implementation replaces this file; the types are the contract that
// `gatehouse ask`, `status`, `hook claude-code` and `mcp` code against.

import type { RiskFactors } from '../core/policy-schema.ts';
import type { GitHubClient } from '../github/client.ts';

/** Where and as whom the agent asks: its token's account is the requester. */
export interface AgentContext {
  github: GitHubClient;
  owner: string;
  repo: string;
  now: () => Date;
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

export async function requestApproval(
  _context: AgentContext,
  _input: AgentRequestInput,
  _wait: WaitChoice,
): Promise<AgentAnswer> {
  throw new Error('requestApproval is not implemented yet');
}

export async function readApproval(
  _context: AgentContext,
  _issueNumber: number,
  _wait: WaitChoice,
): Promise<AgentAnswer> {
  throw new Error('readApproval is not implemented yet');
}

/** What ran after an approval (the PostToolUse hook, the agent's report): the decision's execution. */
export interface ExecutionReport {
  status: 'succeeded' | 'failed';
  startedAt?: string;
  completedAt: string;
  /** One line: `exit 0`, `tool error: …`. */
  detail?: string;
}

/** Records the execution of an approved request on its approval issue (never by editing the decision). */
export async function recordExecution(
  _context: AgentContext,
  _issueNumber: number,
  _report: ExecutionReport,
): Promise<void> {
  throw new Error('recordExecution is not implemented yet');
}
