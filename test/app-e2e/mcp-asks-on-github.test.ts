// `gatehouse mcp` as an agent's MCP client runs it: the bundled CLI started as a process through
// the SDK's own StdioClientTransport, with the agent's personal token, on an Enterprise Server's
// API URL at the GitHub simulator, where the App and a policy run. Assertions are on what GitHub
// ends up holding (issues, comments) and on what the tools answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');

const POLICY = `reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { kinds: [db-migration] }
    risk: { reversibility: irreversible, blast_radius: production }
    reviewers: [platform]
    timeout: 1h
    on_timeout: reject
`;

const MIGRATION = {
  title: 'Drop the orders.status column',
  kind: 'db-migration',
  environment: 'production',
  details: '`psql "$DATABASE_URL" -c "ALTER TABLE orders DROP COLUMN status"`',
  rollback: 'Restore the column from the nightly snapshot.',
};

interface Served {
  client: Client;
  stderr: () => string;
}

let scene: AppScene;
let workdir: string;
let served: Served[] = [];

beforeEach(async () => {
  scene = await startAppScene();
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-mcp-e2e-'));
  for (const login of ['alice', 'bob', users.author.login]) scene.sim.setPermission(login, 'write');
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': POLICY }, 'Add a policy');
});

afterEach(async () => {
  for (const { client } of served) await client.close();
  served = [];
  await scene.stop();
  rmSync(workdir, { recursive: true, force: true });
});

/** `gatehouse mcp --repo acme/shop` started by the SDK's client, as the agent's token's account. */
async function serve(env: Record<string, string>): Promise<Served> {
  const transport = new StdioClientTransport({
    command: NODE_24,
    args: [CLI, 'mcp', '--repo', 'acme/shop'],
    cwd: workdir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GITHUB_API_URL: `${scene.sim.url}/api/v3`, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'claude-code', version: '2.0.0' });
  await client.connect(transport);
  const entry = { client, stderr: () => stderr };
  served.push(entry);
  return entry;
}

interface Answer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  const result = await client.callTool({ name, arguments: args });
  return {
    isError: result.isError === true,
    text: (result.content as { text?: string }[]).map((part) => part.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

function issuesOnGitHub() {
  return [...scene.sim.state.issues.values()];
}

describe('gatehouse mcp, run by an MCP client against GitHub', () => {
  it('answers a call without a token as a tool error in one line, writes nothing, and serves on', async () => {
    const { client, stderr } = await serve({});
    const served = scene.sim.requests.length;
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['request_approval', 'get_approval']);
    const answer = await call(client, 'request_approval', MIGRATION);
    expect(answer).toEqual({
      isError: true,
      text: 'set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository',
      structured: undefined,
    });
    expect((await call(client, 'get_approval', { id: 1 })).isError).toBe(true);
    expect(issuesOnGitHub()).toEqual([]);
    expect(scene.sim.requests).toHaveLength(served);
    expect(stderr()).toContain('gatehouse mcp: request_approval: set GITHUB_TOKEN (or GH_TOKEN)');
  });

  describe('with a token that can open issues', () => {
    it('opens one approval issue for a migration, finds it again, and answers approved after alice approves', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client, stderr } = await serve({ GITHUB_TOKEN: token });

      const first = await call(client, 'request_approval', MIGRATION);
      expect(first.isError, first.text).toBe(false);
      expect(first.structured).toMatchObject({ decision: 'pending', tier: 'approve' });
      const id = Number(first.structured?.id);
      const url = String(first.structured?.request_url);
      expect(url).toBe(`https://github.com/acme/shop/issues/${id}`);
      expect(first.text).toContain(`Tell the user the request is at ${url}`);
      expect(first.text).toContain(`call get_approval with id ${id}`);

      const opened = issuesOnGitHub();
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatchObject({
        number: id,
        html_url: url,
        state: 'open',
        user: { login: users.author.login },
      });
      expect(String(opened[0]?.title)).toContain(MIGRATION.title);
      expect(String(opened[0]?.body)).toContain('ALTER TABLE orders DROP COLUMN status');

      const again = await call(client, 'request_approval', MIGRATION);
      expect(again.structured).toMatchObject({ decision: 'pending', id, request_url: url });
      expect(issuesOnGitHub()).toHaveLength(1);

      const waiting = await call(client, 'get_approval', { id: url });
      expect(waiting.structured).toMatchObject({ decision: 'pending', id });

      await scene.users.comment(id, users.alice, '/approve');
      const approved = await call(client, 'get_approval', { id });
      expect(approved.isError, approved.text).toBe(false);
      expect(approved.structured).toMatchObject({ decision: 'approved', id, request_url: url });
      expect(approved.text).toMatch(/^Approved on .*: go ahead/);
      expect(issuesOnGitHub()).toHaveLength(1);
      expect(scene.sim.commentsOn(id).some((comment) => comment.body === '/approve')).toBe(true);
      expect(stderr()).toBe('');
    });

    it('answers rejected with the reason after bob says /reject', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client } = await serve({ GITHUB_TOKEN: token });
      const id = Number((await call(client, 'request_approval', MIGRATION)).structured?.id);
      await scene.users.comment(id, users.bob, '/reject not during the sale');
      const read = await call(client, 'get_approval', { id });
      expect(read.isError, read.text).toBe(false);
      expect(read.structured).toMatchObject({
        decision: 'rejected',
        id,
        reason: expect.stringContaining('not during the sale'),
      });
    });

    it('answers expired when nobody answered before the deadline', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client } = await serve({ GITHUB_TOKEN: token });
      const id = Number((await call(client, 'request_approval', MIGRATION)).structured?.id);
      // Two hours pass for the issue (the rule's timeout is one).
      scene.sim.age(id, 2 * 60 * 60_000);
      const read = await call(client, 'get_approval', { id });
      expect(read.structured).toMatchObject({ decision: 'expired', id });
      expect(scene.sim.state.issues.get(id)).toMatchObject({ state: 'closed' });
    });

    it('answers not_ready, and opens no issue, for a migration asked without a rollback plan', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client } = await serve({ GITHUB_TOKEN: token });
      const { rollback: _rollback, ...unready } = MIGRATION;
      const answer = await call(client, 'request_approval', unready);
      expect(answer.isError, answer.text).toBe(false);
      expect(answer.structured).toMatchObject({
        decision: 'not_ready',
        reason: expect.stringContaining('rollback'),
      });
      expect(issuesOnGitHub()).toEqual([]);
    });

    it('is not single use: an approved request answers approved again, on the same issue', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client } = await serve({ GITHUB_TOKEN: token });
      const id = Number((await call(client, 'request_approval', MIGRATION)).structured?.id);
      await scene.users.comment(id, users.alice, '/approve');
      expect((await call(client, 'get_approval', { id })).structured).toMatchObject({ decision: 'approved' });
      expect((await call(client, 'request_approval', MIGRATION)).structured).toMatchObject({
        decision: 'approved',
        id,
      });
      expect(issuesOnGitHub()).toHaveLength(1);
    });

    it('never counts the agent itself as an approver', async () => {
      const token = scene.sim.app?.issuePersonalToken(users.author, 'write') ?? '';
      const { client } = await serve({ GITHUB_TOKEN: token });
      const first = await call(client, 'request_approval', MIGRATION);
      const id = Number(first.structured?.id);
      await scene.users.comment(id, users.author, '/approve');
      const read = await call(client, 'get_approval', { id });
      expect(read.structured).toMatchObject({ decision: 'pending', id });
    });
  });
});
