// An agent's answer as an MCP tool result: the structured fields a program reads, and one short
// text a model acts on (go ahead, wait and tell the user where, or stop and say why). Pure.
import type { AgentAnswer } from '../agent/request-approval.ts';
import { type ApprovalOutput, MAX_WAIT_SECONDS, TOOL_NAMES } from './approval-tool-schemas.ts';

export interface ApprovalToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent: ApprovalOutput;
}

export interface ToolErrorResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError: true;
}

export function renderApprovalResult(answer: AgentAnswer): ApprovalToolResult {
  const structured: ApprovalOutput = { decision: answer.decision };
  if (answer.tier !== undefined) structured.tier = answer.tier;
  if (answer.option !== undefined) structured.option = answer.option;
  if (answer.modifications !== undefined) structured.modifications = answer.modifications;
  if (answer.reason !== undefined) structured.reason = answer.reason;
  if (answer.requestUrl !== undefined) structured.request_url = answer.requestUrl;
  if (answer.issueNumber !== undefined) structured.id = answer.issueNumber;
  return { content: [{ type: 'text', text: renderApprovalText(answer) }], structuredContent: structured };
}

/** One line for the model: a failed call, never a crash. */
export function renderToolError(message: string): ToolErrorResult {
  const line = message.split('\n').find((part) => part.trim() !== '') ?? 'failed';
  return { content: [{ type: 'text', text: line.trim() }], isError: true };
}

/** Text people wrote (a reason, modifications) is quoted, so it reads as data, not as instructions. */
function quoted(value: string | undefined): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function renderApprovalText(answer: AgentAnswer): string {
  const where = answer.requestUrl === undefined ? '' : ` on ${answer.requestUrl}`;
  const because = answer.reason === undefined ? '' : ` Reason: ${quoted(answer.reason)}.`;
  const stop = 'Do not proceed with the action, and tell the user why.';
  switch (answer.decision) {
    case 'approved':
      return [
        `Approved${where}: go ahead with exactly the action you asked for.`,
        answer.option === undefined ? '' : ` Use the chosen option: ${quoted(answer.option)}.`,
        answer.modifications === undefined
          ? ''
          : ` Apply the approver's modifications: ${quoted(answer.modifications)}.`,
      ].join('');
    case 'auto_approved':
      return `Approved by the repository's policy (tier ${answer.tier ?? 'proceed'}), no person needed: go ahead.${
        answer.requestUrl === undefined ? '' : ` It is recorded${where}.`
      }`;
    case 'pending':
    case 'delayed':
      return [
        answer.decision === 'pending'
          ? `Waiting for a person to approve${where}.`
          : `Approved but delayed${where}.`,
        because,
        ' Do not proceed yet.',
        answer.requestUrl === undefined ? '' : ` Tell the user the request is at ${answer.requestUrl}, then`,
        answer.requestUrl === undefined ? ' Call' : ' call',
        ` ${TOOL_NAMES.get} with id ${answer.issueNumber ?? '(the request number)'} to learn the decision`,
        ` (wait_seconds up to ${MAX_WAIT_SECONDS} waits for it).`,
      ].join('');
    case 'rejected':
      return `Rejected${where}.${because} ${stop}`;
    case 'changes_requested':
      return `Changes requested${where}.${because}${
        answer.modifications === undefined ? '' : ` Requested: ${quoted(answer.modifications)}.`
      } Do not proceed as asked: change the plan and ask again with ${TOOL_NAMES.request}.`;
    case 'expired':
      return `The request expired without an approval${where}.${because} ${stop} Ask again with ${TOOL_NAMES.request} if it is still needed.`;
    case 'not_ready':
      return `The request is not ready for approval${where}.${because} ${stop}`;
  }
}
