// `gatehouse mcp` run in-process (`run(['mcp', …], io)`) with its stdin and stdout as streams,
// reached by the SDK's own Client over a transport on those two streams (the SDK's stdio client
// would spawn a process), with an agent's token against the GitHub simulator. Assertions are on
// what the tools answer, what the server says on stderr, its exit code once stdin closes, and
// what GitHub ends up holding.
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { POLICY } from '../action-e2e/scenario.ts';
import { callTool } from '../mcp/mcp-client.ts';
import { type AgentScene, startAgentScene } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const MIGRATION = { title: 'Drop orders.status', kind: 'migration', rollback: 'Restore the column' };

/** The client's half of stdio: it writes the server's stdin and reads the server's stdout. */
class StreamClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly buffer = new ReadBuffer();
  private readonly toServer: PassThrough;
  private readonly fromServer: PassThrough;

  constructor(toServer: PassThrough, fromServer: PassThrough) {
    this.toServer = toServer;
    this.fromServer = fromServer;
  }

  async start(): Promise<void> {
    this.fromServer.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message !== null; message = this.buffer.readMessage())
        this.onmessage?.(message);
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.toServer.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.toServer.end();
    this.onclose?.();
  }
}

interface Served {
  client: Client;
  stdin: PassThrough;
  stderr: () => string;
  /** Closes stdin (the client goes away) and gives the command's exit code. */
  stop: () => Promise<number>;
}

let scene: AgentScene;

beforeEach(async () => {
  scene = await startAgentScene(POLICY);
});

afterEach(async () => {
  await scene.stop();
});

async function serve(args: string[], env: Record<string, string | undefined> = {}): Promise<Served> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let stderr = '';
  const io = {
    ...scene.io({ env }),
    stdin,
    stdout,
    stderr: { write: (text: string) => (stderr += text) },
  };
  const exited = run(['mcp', ...args], io);
  const client = new Client({ name: 'claude-code', version: '2.0.0' });
  await client.connect(new StreamClientTransport(stdin, stdout));
  return {
    client,
    stdin,
    stderr: () => stderr,
    stop: async () => {
      await client.close();
      return exited;
    },
  };
}

describe('gatehouse mcp, in-process on its stdin and stdout', () => {
  it('opens an approval issue, answers pending with its URL, then approved after /approve; exit 0 when stdin closes', async () => {
    const served = await serve(['--repo', 'acme/shop', '--agent', 'release-bot']);
    const { tools } = await served.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['request_approval', 'get_approval']);

    const first = await callTool(served, 'request_approval', MIGRATION);
    expect(first.isError, first.text).toBe(false);
    const id = Number(first.structured?.id);
    const url = `https://github.com/acme/shop/issues/${id}`;
    expect(first.structured).toMatchObject({ decision: 'pending', tier: 'approve', request_url: url });
    const [issue] = scene.issues();
    expect(issue).toMatchObject({ number: id, state: 'open', title: 'Gatehouse: Drop orders.status' });
    expect(String(issue?.body)).toContain('(agent release\\-bot)');

    scene.sim.addComment(id, users.alice, '/approve');
    const decided = await callTool(served, 'get_approval', { id: url });
    expect(decided.structured).toMatchObject({ decision: 'approved', id });
    expect(scene.logRecords()).toHaveLength(1);

    expect(await served.stop()).toBe(0);
    expect(served.stderr()).toBe('');
  });

  it('waits up to wait_seconds on the clock, and answers the approval given meanwhile', async () => {
    scene.whileAsleep = (nth) => {
      if (nth === 1) scene.sim.addComment(Number(scene.issues()[0]?.number), users.bob, '/approve');
    };
    const served = await serve(['--repo', 'acme/shop']);
    const answer = await callTool(served, 'request_approval', { ...MIGRATION, wait_seconds: 30 });
    expect(answer.structured).toMatchObject({ decision: 'approved' });
    expect(await served.stop()).toBe(0);
  });

  it('records the person the agent acts for, who cannot approve', async () => {
    const served = await serve(['--repo', 'acme/shop']);
    const first = await callTool(served, 'request_approval', { ...MIGRATION, on_behalf_of: '@alice' });
    const id = Number(first.structured?.id);
    expect(String(scene.sim.state.issues.get(id)?.body)).toContain('on behalf of alice');
    scene.sim.addComment(id, users.alice, '/approve');
    expect((await callTool(served, 'get_approval', { id })).structured).toMatchObject({
      decision: 'pending',
    });
    scene.sim.addComment(id, users.bob, '/approve');
    expect((await callTool(served, 'get_approval', { id })).structured).toMatchObject({
      decision: 'approved',
    });
    expect(await served.stop()).toBe(0);
  });

  it('answers a missing token as a tool error in one line, and serves on', async () => {
    const served = await serve(['--repo', 'acme/shop'], { GITHUB_TOKEN: undefined });
    const answer = await callTool(served, 'request_approval', MIGRATION);
    expect(answer).toEqual({
      isError: true,
      text: 'set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository',
      structured: undefined,
    });
    expect((await callTool(served, 'get_approval', { id: 1 })).isError).toBe(true);
    expect(scene.sim.requests).toEqual([]);
    expect(await served.stop()).toBe(0);
    expect(served.stderr()).toBe(
      [
        'gatehouse mcp: request_approval: set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository',
        'gatehouse mcp: get_approval: set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository',
        '',
      ].join('\n'),
    );
  });

  it('says on stderr that a line on stdin is not JSON-RPC, and reads on', async () => {
    const served = await serve(['--repo', 'acme/shop']);
    served.stdin.write('this is not JSON\n');
    const { tools } = await served.client.listTools();
    expect(tools).toHaveLength(2);
    expect(await served.stop()).toBe(0);
    expect(served.stderr()).toMatch(/^gatehouse mcp: .*JSON/);
    expect(served.stderr().split('\n')).toHaveLength(2);
  });
});

describe('gatehouse mcp usage errors: exit 2 before serving', () => {
  it.each([
    [['extra'], 'gatehouse mcp: unexpected argument: extra'],
    [['--repo', 'shop'], 'gatehouse mcp: --repo must be OWNER/NAME, such as acme/shop, got "shop"'],
    [['--agent', ' '], 'gatehouse mcp: --agent needs a non-empty value'],
  ])('%j', async (args, line) => {
    const ran = await scene.gatehouse(['mcp', ...args]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.split('\n')[0]).toBe(line);
  });

  it('exits 1 in one line without a stdin to serve on', async () => {
    const ran = await scene.gatehouse(['mcp', '--repo', 'acme/shop']);
    expect(ran).toEqual({
      code: 1,
      stdout: '',
      stderr: 'gatehouse: mcp serves on stdin, and this process has none\n',
    });
  });
});
