// `gatehouse mcp`'s server (DESIGN §10): the tools request_approval and get_approval over an
// agent's approval request. Everything it touches outside itself comes in as deps, so tests run
// it over an in-memory transport with fakes and the CLI runs it on stdio with the real thing.
// Every failure is a tool result with isError and one line: the server itself never fails.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AgentAnswer, AgentContext, AgentRequestInput, WaitChoice } from '../agent/request-approval.ts';
import { describeRequestError, readStatus } from '../github/request-error.ts';
import {
  approvalOutput,
  GET_APPROVAL_DESCRIPTION,
  type GetApprovalArguments,
  getApprovalInput,
  MAX_WAIT_SECONDS,
  REQUEST_APPROVAL_DESCRIPTION,
  type RequestApprovalArguments,
  requestApprovalInput,
  TOOL_NAMES,
} from './approval-tool-schemas.ts';
import { renderApprovalResult, renderToolError } from './render-approval-result.ts';

export interface GatehouseMcpDeps {
  version: string;
  /** Where and as whom to ask (token, API URL, repository); throws one line when it cannot. */
  loadContext(): Promise<AgentContext>;
  requestApproval(context: AgentContext, input: AgentRequestInput, wait: WaitChoice): Promise<AgentAnswer>;
  readApproval(context: AgentContext, issueNumber: number, wait: WaitChoice): Promise<AgentAnswer>;
  /** The agent's name for every request (`--agent`); else the call's `agent`, else the client's name. */
  agent?: string;
  /** Diagnostics, one line each: stderr, never the protocol's stdout. */
  log(line: string): void;
}

export function createGatehouseMcpServer(deps: GatehouseMcpDeps): McpServer {
  const server = new McpServer(
    { name: 'gatehouse', version: deps.version },
    {
      instructions: `Gatehouse gates risky actions on approvals by people on GitHub. Before an action that could be risky (a production deploy, a migration, deleting data, publishing, spending money, touching credentials), call ${TOOL_NAMES.request} and act only on its decision.`,
    },
  );
  let context: Promise<AgentContext> | undefined;
  // Loaded on the first call, so a missing token is a tool error the model can report, not a
  // server that fails to start; kept once it loads, retried after a failure.
  const loadContext = (): Promise<AgentContext> => {
    context ??= deps.loadContext().catch((error: unknown) => {
      context = undefined;
      throw error;
    });
    return context;
  };
  // The requests this session asked, by issue number: get_approval reads those with the request
  // in hand (the issue's record is written with the agent's token and may have been replaced).
  const asked = new Map<number, AgentRequestInput>();

  server.registerTool(
    TOOL_NAMES.request,
    {
      title: 'Ask for approval',
      description: REQUEST_APPROVAL_DESCRIPTION,
      inputSchema: requestApprovalInput,
      outputSchema: approvalOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      answered(TOOL_NAMES.request, deps, async () => {
        const client = server.server.getClientVersion()?.name;
        const input = createRequestInput(args, deps.agent ?? args.agent ?? client);
        const answer = await deps.requestApproval(await loadContext(), input, waitFor(args.wait_seconds));
        if (answer.issueNumber !== undefined) asked.set(answer.issueNumber, input);
        return answer;
      }),
  );

  server.registerTool(
    TOOL_NAMES.get,
    {
      title: 'Read an approval',
      description: GET_APPROVAL_DESCRIPTION,
      inputSchema: getApprovalInput,
      outputSchema: approvalOutput,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args: GetApprovalArguments) =>
      answered(TOOL_NAMES.get, deps, async () => {
        const loaded = await loadContext();
        const issueNumber = parseRequestId(args.id, loaded);
        const input = asked.get(issueNumber);
        if (input !== undefined) return deps.requestApproval(loaded, input, waitFor(args.wait_seconds));
        return deps.readApproval(loaded, issueNumber, waitFor(args.wait_seconds));
      }),
  );
  return server;
}

/** A tool's answer, or its failure as one line (logged to stderr as well). */
async function answered(tool: string, deps: GatehouseMcpDeps, work: () => Promise<AgentAnswer>) {
  try {
    return renderApprovalResult(await work());
  } catch (error) {
    const line = describeFailure(error);
    deps.log(`gatehouse mcp: ${tool}: ${line}`);
    return renderToolError(line);
  }
}

/** An expected refusal keeps its own words; a GitHub error says so, with its status. */
function describeFailure(error: unknown): string {
  if (error instanceof RequestIdError) return error.message;
  const status = readStatus(error);
  if (status === 401) return 'GitHub refused the token (HTTP 401): set GITHUB_TOKEN to a valid token';
  if (status !== undefined) return `GitHub refused the request: ${describeRequestError(error)}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function waitFor(seconds: number | undefined): WaitChoice {
  return { waitMs: Math.round(Math.min(seconds ?? 0, MAX_WAIT_SECONDS) * 1000) };
}

function createRequestInput(args: RequestApprovalArguments, agent: string | undefined): AgentRequestInput {
  const input: AgentRequestInput = { title: args.title };
  if (args.kind !== undefined) input.kind = args.kind;
  if (args.environment !== undefined) input.environment = args.environment;
  if (args.details !== undefined) input.details = args.details;
  if (args.rollback !== undefined) input.rollback = args.rollback;
  if (args.recommendation !== undefined) input.recommendation = args.recommendation;
  if (args.options !== undefined && args.options.length > 0) input.options = args.options;
  if (args.cost !== undefined) input.cost = args.cost;
  if (args.risk !== undefined) input.declaredRisk = args.risk;
  if (args.on_behalf_of !== undefined) input.onBehalfOf = args.on_behalf_of.replace(/^@/, '');
  if (agent !== undefined) input.agent = agent;
  return input;
}

class RequestIdError extends Error {
  override name = 'RequestIdError';
}

/** `42`, `"#42"` or the request's URL, of this server's repository only. */
export function parseRequestId(id: number | string, context: Pick<AgentContext, 'owner' | 'repo'>): number {
  if (typeof id === 'number') return id;
  const number = /^#?(\d+)$/.exec(id.trim())?.[1];
  if (number !== undefined && Number(number) > 0) return Number(number);
  const url = /\/([^/\s]+)\/([^/\s]+)\/issues\/(\d+)(?:[/?#]\S*)?$/.exec(id.trim());
  if (url === null)
    throw new RequestIdError(
      `id must be the request's number (42) or its request_url (…/issues/42), got ${JSON.stringify(id)}`,
    );
  const [, owner = '', repo = '', issue = ''] = url;
  const here = `${context.owner}/${context.repo}`;
  if (`${owner}/${repo}`.toLowerCase() !== here.toLowerCase())
    throw new RequestIdError(`${id} is a request of ${owner}/${repo}: this server asks in ${here}`);
  return Number(issue);
}
