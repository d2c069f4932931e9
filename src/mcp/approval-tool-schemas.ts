// The two tools' arguments and results as an MCP client lists them (DESIGN §10): names,
// descriptions written for the model that reads them, and zod schemas the SDK turns into JSON
// Schema and checks every call against.
import { z } from 'zod';
import type { AgentDecision } from '../agent/request-approval.ts';
import { riskSchema } from '../core/policy-schema.ts';

/**
 * The longest a tool call waits for a decision. MCP clients give up on a request after about a
 * minute (the SDK's client after 60 s), so a wait stays below that; longer waits are repeated calls.
 */
export const MAX_WAIT_SECONDS = 50;

export const TOOL_NAMES = { request: 'request_approval', get: 'get_approval' } as const;

const DECISIONS = [
  'approved',
  'auto_approved',
  'rejected',
  'expired',
  'not_ready',
  'pending',
  'changes_requested',
  'delayed',
] as const satisfies readonly AgentDecision[];

const waitSeconds = z
  .number()
  .min(0, { error: `wait_seconds must be between 0 and ${MAX_WAIT_SECONDS}` })
  .optional()
  .describe(
    `How long to wait for a person's decision before answering, in seconds (default 0: answer at once; at most ${MAX_WAIT_SECONDS}, larger values are cut to ${MAX_WAIT_SECONDS} so the call ends before your client's request timeout). To wait longer, call get_approval again.`,
  );

const text = (field: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`),
    })
    .trim()
    .min(1, { error: `${field} must not be empty` });

export const requestApprovalInput = {
  title: text('title').describe(
    'What you are about to do, in one line a reviewer understands without context: "Drop the orders.status column in production". Required.',
  ),
  kind: text('kind')
    .optional()
    .describe(
      "The kind of action, as the repository's policy names kinds (db-migration, deploy, publish, infra-apply…). Rules of the policy select by kind; an unknown kind is judged by the policy's default.",
    ),
  environment: text('environment')
    .optional()
    .describe('The environment the action touches (production, staging…), when it touches one.'),
  details: text('details')
    .optional()
    .describe(
      'What exactly will run and why: the command, the statement, the files, what you checked. Markdown. Reviewers decide from this.',
    ),
  rollback: text('rollback')
    .optional()
    .describe('How to undo it if it goes wrong. Reviewers and policies may require a rollback plan.'),
  recommendation: text('recommendation')
    .optional()
    .describe('Which option you recommend and why, when you offer options.'),
  options: z
    .array(text('each option'))
    .optional()
    .describe(
      'Alternatives the reviewer can choose between ("run now", "run tonight at 02:00"); the answer says which one was chosen.',
    ),
  cost: z
    .number()
    .min(0, { error: 'cost must be 0 or more (US dollars)' })
    .optional()
    .describe("Estimated cost in US dollars, tiered by the policy's cost thresholds."),
  risk: riskSchema
    .optional()
    .describe(
      'The risk you see in the action (reversibility, blast_radius, sensitivity, external…). What you declare can only raise the approval tier the policy gives, never lower it: when in doubt, declare the higher risk.',
    ),
  on_behalf_of: text('on_behalf_of')
    .optional()
    .describe(
      'The GitHub login of the person you act for. They are recorded as the requester with you and, like you, cannot approve this request.',
    ),
  agent: text('agent')
    .optional()
    .describe(
      'Your name as reviewers should see it (claude-code, codex…), when the server was not started with one.',
    ),
  wait_seconds: waitSeconds,
};

export const getApprovalInput = {
  id: z
    .union([
      z
        .number()
        .int({ error: 'id must be an issue number' })
        .positive({ error: 'id must be an issue number' }),
      text('id'),
    ])
    .describe('The request to read: the id (issue number) or request_url that request_approval returned.'),
  wait_seconds: waitSeconds,
};

export const approvalOutput = {
  decision: z
    .enum(DECISIONS)
    .describe(
      'approved or auto_approved: go ahead. pending or delayed: not yet, do not proceed. rejected, expired, not_ready, changes_requested: do not proceed.',
    ),
  tier: z
    .enum(['proceed', 'notify', 'approve'])
    .optional()
    .describe("The policy's tier for the request: proceed and notify need no person, approve does."),
  option: z.string().optional().describe('The option the approver chose, when options were offered.'),
  modifications: z.string().optional().describe('Changes the approver asked for: apply them.'),
  reason: z.string().optional().describe('Why the request ended as it did, or what it waits for.'),
  request_url: z.string().optional().describe('The approval issue where people decide.'),
  id: z.number().int().optional().describe('The approval issue number: pass it to get_approval.'),
};

export type ApprovalOutput = z.infer<z.ZodObject<typeof approvalOutput>>;
export type RequestApprovalArguments = z.infer<z.ZodObject<typeof requestApprovalInput>>;
export type GetApprovalArguments = z.infer<z.ZodObject<typeof getApprovalInput>>;

export const REQUEST_APPROVAL_DESCRIPTION = `Ask the people of this GitHub repository for approval before an action that could be risky: a production deploy, a database migration, deleting data, publishing a package, spending money, touching credentials. The request becomes an approval issue that reviewers decide under the repository's policy (read from its default branch on GitHub, never from your working copy); asking again with the same fields finds the same issue.

Act on the decision: approved or auto_approved, go ahead (apply any modifications, use the chosen option); pending, do not proceed yet: tell the user the request_url and call get_approval with the id later; rejected, expired, not_ready or changes_requested, do not proceed and tell the user why. You can never approve your own request, nor can the person you act for. Waits at most ${MAX_WAIT_SECONDS} seconds per call (wait_seconds).`;

export const GET_APPROVAL_DESCRIPTION = `Read the decision on an approval request that request_approval opened, by its id or request_url, waiting up to wait_seconds (at most ${MAX_WAIT_SECONDS}) for a person to decide. Go ahead only when the decision is approved or auto_approved; while pending, call again later (or tell the user the request_url); otherwise do not proceed.`;
