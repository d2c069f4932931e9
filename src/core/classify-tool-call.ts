// INTERFACE STUB (issue 13): the shell-aware classifier of an agent's tool calls (DESIGN §10).
// The implementation replaces this file; the types are the contract other modules code against.
import type { Policy } from './model.ts';
import type { RiskFactors } from './policy-schema.ts';

/** One tool call as an agent makes it: Claude Code's `tool_name` and `tool_input`. */
export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
}

/** One simple command of a shell line (or the whole call for other tools), classified. */
export interface ClassifiedPart {
  /** What was classified, as a person reads it: `psql -c 'drop table users'`, `Write .env`. */
  text: string;
  /** The `actions:` kind it matched; `unknown` when it could not be followed; undefined: no entry matched. */
  kind: string | undefined;
  /** The entry's risk (empty when none). */
  risk: RiskFactors;
  /** Why it is `unknown`: `the command name is a variable ($CMD)`. */
  reason?: string;
}

export interface ToolCallClassification {
  /** The kind of the part whose tier is highest: the request's kind. */
  kind: string | undefined;
  /** Every part's risk merged: each factor at the highest any part reaches. */
  risk: RiskFactors;
  parts: ClassifiedPart[];
  /** One line for the approver and for the request's action: `Bash: terraform apply -auto-approve`. */
  summary: string;
}

/** Classifies a tool call under the policy's `actions:`; pure, no I/O. */
export function classifyToolCall(_policy: Policy, call: ToolCall): ToolCallClassification {
  throw new Error(`classifyToolCall is not implemented yet (${call.tool})`);
}
