// The server under test, reached the way an agent reaches it: the SDK's own Client, here over an
// in-memory transport, with fake approval functions that answer what a scene sets.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type {
  AgentAnswer,
  AgentContext,
  AgentRequestInput,
  WaitChoice,
} from '../../src/agent/request-approval.ts';
import {
  createGatehouseMcpServer,
  type GatehouseMcpDeps,
} from '../../src/mcp/create-gatehouse-mcp-server.ts';

export interface Asked {
  input?: AgentRequestInput;
  issueNumber?: number;
  wait: WaitChoice;
  repository: string;
}

export interface McpScene {
  client: Client;
  /** What the fakes were asked, in order. */
  asked: Asked[];
  /** Lines the server logged (its stderr). */
  logged: string[];
  close(): Promise<void>;
}

const CONTEXT = { owner: 'acme', repo: 'shop', now: () => new Date('2026-12-07T09:00:00Z') };

export interface SceneOptions {
  answer?: AgentAnswer | ((asked: Asked) => AgentAnswer);
  failure?: unknown;
  loadContext?: GatehouseMcpDeps['loadContext'];
  agent?: string;
  clientName?: string;
}

export async function startMcpScene(options: SceneOptions = {}): Promise<McpScene> {
  const asked: Asked[] = [];
  const logged: string[] = [];
  const respond = async (entry: Asked): Promise<AgentAnswer> => {
    asked.push(entry);
    if (options.failure !== undefined) throw options.failure;
    const { answer = { decision: 'pending', exitCode: 3 } } = options;
    return typeof answer === 'function' ? answer(entry) : answer;
  };
  const server = createGatehouseMcpServer({
    version: '9.9.9',
    loadContext:
      options.loadContext ??
      (async () => ({ ...CONTEXT, github: {} as AgentContext['github'] }) satisfies AgentContext),
    requestApproval: (context: AgentContext, input: AgentRequestInput, wait: WaitChoice) =>
      respond({ input, wait, repository: `${context.owner}/${context.repo}` }),
    readApproval: (context: AgentContext, issueNumber: number, wait: WaitChoice) =>
      respond({ issueNumber, wait, repository: `${context.owner}/${context.repo}` }),
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    log: (line) => logged.push(line),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: options.clientName ?? 'test-agent', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    asked,
    logged,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function callTool(
  scene: Pick<McpScene, 'client'>,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolOutcome> {
  const result = await scene.client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  return {
    isError: result.isError === true,
    text: content.map((part) => part.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}
