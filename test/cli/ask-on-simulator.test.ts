// `gatehouse ask` and `gatehouse status`, the bundled CLI run as a process with an agent's token
// against the GitHub simulator (its Enterprise Server prefix, /api/v3): what GitHub ends up
// holding (approval issues, comments, decision records on the log branch) is what is asserted.
// No App runs: the CLI recomputes each decision from GitHub itself.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY } from '../action-e2e/scenario.ts';
import type { GitHubSimulator } from '../simulator/github.ts';
import { startAgentSimulator } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const CLOCK = pathToFileURL(resolve('test/action-e2e/runner-clock.mjs')).href;
const SHA = 'a'.repeat(40);
/** The agent's account: it asks, it holds the token, it can never approve. */
const AGENT = { id: 900, login: 'deploy-agent', type: 'User' };
/** Counted requests (304s are free): `gatehouse ask` that opens the issue, `status` that records the approval. */
const BUDGET = {
  // /user, the repository, the policy, open and closed approval issues, the log's history, the
  // issue opened, its request record, its body re-rendered with the deadline.
  ask: 9,
  // /user, the issue, its comments, the repository, the policy, the log's history, alice's
  // permission, the record (tree, commit, ref), the issue body, the closing comment, the close.
  status: 13,
};
const MIGRATION = [
  '--title',
  'Drop orders.status',
  '--kind',
  'migration',
  '--rollback',
  'Restore the column',
];

let sim: GitHubSimulator;
let workdir: string;
let token: string;

beforeEach(async () => {
  ({ sim, token } = await startAgentSimulator({ agent: AGENT }));
  sim.setFile('.github/gatehouse.yml', POLICY);
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-ask-e2e-'));
});

afterEach(async () => {
  await sim.close();
  rmSync(workdir, { recursive: true, force: true });
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function gatehouse(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, ...args],
      {
        cwd: workdir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GITHUB_TOKEN: token,
          GITHUB_API_URL: `${sim.url}/api/v3`,
          NODE_OPTIONS: `--import=${CLOCK}`,
          FAST_TIMERS: '1000',
          CLOCK_OFFSET_MS: String(sim.clockOffsetMs),
          ...env,
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

const ask = (args: string[], env?: Record<string, string>) =>
  gatehouse(['ask', '--repo', 'acme/shop', '--sha', SHA, '--format', 'json', ...args], env);
const status = (issue: number, args: string[] = []) =>
  gatehouse(['status', String(issue), '--repo', 'acme/shop', '--format', 'json', ...args]);

function json(ran: Ran): Record<string, unknown> {
  expect(ran.stderr).toBe('');
  return JSON.parse(ran.stdout) as Record<string, unknown>;
}

/** A request the agent makes with its own token, outside Gatehouse. */
async function asAgent(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/api/v3${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
}

const issues = () => [...sim.state.issues.values()];
const logRecords = () =>
  Object.entries(sim.filesOnBranch('gatehouse-log')).filter(
    ([path]) => path.endsWith('.md') && path.startsWith('decisions/'),
  );

describe('gatehouse ask', () => {
  it('lets a kind the policy allows through at once, with no issue', async () => {
    const ran = await ask(['--title', 'Fix a typo', '--kind', 'docs']);
    expect(ran.code).toBe(0);
    // A first-time kind is notify tier by precedent: it proceeds, and is recorded.
    expect(json(ran)).toMatchObject({ decision: 'auto_approved', tier: 'notify' });
    expect(issues()).toHaveLength(0);
  });

  it('opens one approval issue for an approve-tier request, exits 3 with its URL and the resume command', async () => {
    const first = await ask([...MIGRATION, '--agent', 'claude-code']);
    expect(first.code).toBe(3);
    const answer = json(first);
    expect(answer).toMatchObject({
      decision: 'pending',
      tier: 'approve',
      requestUrl: expect.stringMatching(/^https:\/\/github\.com\/acme\/shop\/issues\/\d+$/),
      resume: `gatehouse status ${answer.issueNumber} --repo acme/shop --wait`,
    });
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({
      state: 'open',
      title: 'Gatehouse: Drop orders.status',
      user: { login: AGENT.login },
    });
    expect(String(issues()[0]?.body)).toContain('Requested by deploy\\-agent (agent claude\\-code)');

    const again = await ask([...MIGRATION, '--agent', 'claude-code']);
    expect(again.code).toBe(3);
    expect(json(again)).toMatchObject({ issueNumber: answer.issueNumber });
    expect(issues()).toHaveLength(1);
  });

  it('refuses a request not ready for approval (no rollback plan) with exit 1 and opens no issue', async () => {
    const ran = await ask(['--title', 'Drop orders.status', '--kind', 'migration']);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ decision: 'not_ready', reason: expect.stringContaining('rollback') });
    expect(issues()).toHaveLength(0);
  });
});

describe('what one ask → approve → status cycle costs', () => {
  it('stays within its request budget (docs/cli.md)', async () => {
    // Real timers: sped-up ones make the client's throttle queue send a request twice.
    const ask1 = await ask(MIGRATION, { FAST_TIMERS: '1' });
    const issue = Number(json(ask1).issueNumber);
    const asked = sim.requests.filter((request) => request.counted).length;
    sim.addComment(issue, users.alice, '/approve');
    const ran = await gatehouse(['status', String(issue), '--repo', 'acme/shop', '--wait'], {
      FAST_TIMERS: '1',
    });
    expect(ran.code).toBe(0);
    expect(sim.filesOnBranch('gatehouse-log')).not.toEqual({});
    const all = sim.requests.filter((request) => request.counted);
    expect(asked).toBeLessThanOrEqual(BUDGET.ask);
    expect(all.length - asked).toBeLessThanOrEqual(BUDGET.status);
  });
});

describe('in a clone, without --repo and --sha', () => {
  function git(...args: string[]): void {
    execFileSync('git', args, {
      cwd: workdir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', HOME: workdir },
    });
  }

  it("binds to the clone's HEAD: asked twice, one issue; after a new local commit, a new one", async () => {
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=a', '-c', 'user.email=a@example.com', 'commit', '-q', '--allow-empty', '-m', 'one');
    git('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
    const run = () => gatehouse(['ask', '--format', 'json', ...MIGRATION]);
    const first = json(await run());
    sim.setFile('README.md', 'an unrelated change on the default branch\n');
    const again = json(await run());
    expect(again.issueNumber).toBe(first.issueNumber);
    expect(issues()).toHaveLength(1);
    git('-c', 'user.name=a', '-c', 'user.email=a@example.com', 'commit', '-q', '--allow-empty', '-m', 'two');
    const moved = json(await run());
    expect(moved.issueNumber).not.toBe(first.issueNumber);
    expect(issues()).toHaveLength(2);
  });
});

describe('gatehouse status on the approval issue', () => {
  async function pending(): Promise<number> {
    const ran = await ask(MIGRATION);
    expect(ran.code).toBe(3);
    return Number(json(ran).issueNumber);
  }

  it('is approved once alice, a platform reviewer, says /approve: exit 0, and the decision is recorded', async () => {
    const issue = await pending();
    sim.addComment(issue, users.alice, '/approve');
    const served = sim.requests.length;
    const ran = await status(issue, ['--wait', '--timeout', '1m']);
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({
      decision: 'approved',
      tier: 'approve',
      decisionId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    const records = logRecords();
    expect(records).toHaveLength(1);
    expect(records[0]?.[1]).toMatch(/decision: approved/);
    expect(records[0]?.[1]).toMatch(/login: alice/);
    expect(sim.state.issues.get(issue)).toMatchObject({ state: 'closed' });
    expect(sim.requests.slice(served).filter((request) => request.counted).length).toBeLessThan(20);
  });

  it('is rejected by /reject: exit 1 with the reason', async () => {
    const issue = await pending();
    sim.addComment(issue, users.bob, '/reject not during the sale');
    const ran = await status(issue);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({
      decision: 'rejected',
      reason: expect.stringContaining('not during the sale'),
    });
  });

  it('expires when nobody answers before the deadline: exit 1', async () => {
    const issue = await pending();
    sim.advance(2 * 60 * 60_000);
    const ran = await status(issue);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ decision: 'expired' });
    expect(logRecords()[0]?.[1]).toMatch(/decision: expired/);
  });

  it('reads an issue by its URL, and says pending with exit 3 while nobody answered', async () => {
    const issue = await pending();
    const ran = await gatehouse([
      'status',
      `https://github.com/acme/shop/issues/${issue}`,
      '--format',
      'json',
    ]);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending', issueNumber: issue });
  });
});

describe('what cannot open the gate (DESIGN §11)', () => {
  async function pending(extra: string[] = []): Promise<number> {
    const ran = await ask([...MIGRATION, ...extra]);
    expect(ran.code).toBe(3);
    return Number(json(ran).issueNumber);
  }

  it("the agent's own /approve, written with its token", async () => {
    const issue = await pending();
    sim.addComment(issue, AGENT, '/approve');
    const ran = await status(issue);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending' });
    expect(logRecords()).toHaveLength(0);
  });

  it('a fake Gatehouse mark or trace the agent posts', async () => {
    const issue = await pending();
    const trace = Buffer.from('{}').toString('base64url');
    sim.addComment(
      issue,
      AGENT,
      `Recorded: alice clicked **Approve**.\n\n<!-- gatehouse:trace {"type":"check_action","action":"approve","actor":{"id":1,"login":"alice","type":"User"},"sha":"${SHA}","at":"2026-01-01T00:00:00Z","key":"k${trace}"} -->`,
    );
    sim.addComment(issue, AGENT, '<!-- gatehouse:issue {"type":"decided","id":"x","dispatched":true} -->');
    const ran = await status(issue);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending' });
  });

  it('the person the agent acts for', async () => {
    const issue = await pending(['--on-behalf-of', 'alice']);
    expect(String(sim.state.issues.get(issue)?.body)).toContain('on behalf of alice');
    sim.addComment(issue, users.alice, '/approve');
    const ran = await status(issue);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending' });
    sim.addComment(issue, users.bob, '/approve');
    const approved = await status(issue);
    expect(approved.code).toBe(0);
    expect(logRecords()[0]?.[1]).toMatch(/on_behalf_of:\n\s+id: 1\n\s+login: alice/);
  });

  it("the person the agent acts for, after the agent replaced the issue's request record without them", async () => {
    const asked = await ask([...MIGRATION, '--on-behalf-of', 'alice']);
    const answer = json(asked);
    const issue = Number(answer.issueNumber);
    expect(answer.resume).toBe(`gatehouse status ${issue} --repo acme/shop --on-behalf-of alice --wait`);
    // With its own token: the record deleted, the same request without onBehalfOf posted anew.
    const [record] = sim.state.comments.get(issue) ?? [];
    const request = JSON.parse(
      Buffer.from(/request-data ([\w-]+)/.exec(String(record?.body))?.[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    delete request.onBehalfOf;
    await asAgent('DELETE', `/repos/acme/shop/issues/comments/${String(record?.id)}`);
    const forged = `Gatehouse recorded this request; decisions on this issue apply to exactly this request.\n\n<!-- gatehouse:request-data ${Buffer.from(JSON.stringify(request)).toString('base64url')} -->`;
    await asAgent('POST', `/repos/acme/shop/issues/${issue}/comments`, { body: forged });
    sim.addComment(issue, users.alice, '/approve');

    // The asker's own request wins: alice still cannot approve it.
    const again = await ask([...MIGRATION, '--on-behalf-of', 'alice']);
    expect(again.code).toBe(3);
    expect(json(again)).toMatchObject({ decision: 'pending', issueNumber: issue });
    const resumed = await status(issue, ['--on-behalf-of', 'alice']);
    expect(resumed.code).toBe(3);
    expect(json(resumed)).toMatchObject({ decision: 'pending' });
    expect(logRecords()).toHaveLength(0);
    sim.assertFaithful();
  });

  it("a request record the agent replaced with another request: the asker's request asks anew", async () => {
    const issue = await pending();
    const [record] = sim.state.comments.get(issue) ?? [];
    const request = JSON.parse(
      Buffer.from(/request-data ([\w-]+)/.exec(String(record?.body))?.[1] ?? '', 'base64url').toString(),
    ) as { action: { text: string } };
    request.action.text = 'Fix a typo';
    await asAgent('DELETE', `/repos/acme/shop/issues/comments/${String(record?.id)}`);
    await asAgent('POST', `/repos/acme/shop/issues/${issue}/comments`, {
      body: `<!-- gatehouse:request-data ${Buffer.from(JSON.stringify(request)).toString('base64url')} -->`,
    });
    sim.addComment(issue, users.alice, '/approve');
    const again = await ask(MIGRATION);
    expect(again.code).toBe(3);
    expect(Number(json(again).issueNumber)).not.toBe(issue);
    expect(logRecords()).toHaveLength(0);
  });

  it('a listed reviewer without write permission', async () => {
    const issue = await pending();
    sim.setPermission('alice', 'read');
    sim.addComment(issue, users.alice, '/approve');
    const ran = await status(issue);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending' });
  });

  it('a declared risk lower than the classification', async () => {
    writeFileSync(
      join(workdir, 'spec.md'),
      '---\nkind: migration\nrisk: { reversibility: revertible, blast_radius: file, precedent: routine }\ncost: 0\n---\n',
    );
    const ran = await ask([...MIGRATION, '--spec', 'spec.md', '--cost', '0']);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending', tier: 'approve' });
    expect(issues()).toHaveLength(1);
  });
});

describe('changes requested (/modify)', () => {
  it('ends ask --wait and status --wait at once: exit 1 with the modifications', async () => {
    const issue = Number(json(await ask(MIGRATION)).issueNumber);
    sim.addComment(issue, users.alice, '/modify take a backup of orders first');
    // A day of waiting would outlast the test's time limit: only a prompt answer passes.
    const waited = await status(issue, ['--wait', '--timeout', '24h']);
    expect(waited.code).toBe(1);
    expect(json(waited)).toMatchObject({
      decision: 'changes_requested',
      modifications: 'take a backup of orders first',
    });
    const asked = await ask([...MIGRATION, '--wait', '--timeout', '24h']);
    expect(asked.code).toBe(1);
    expect(json(asked)).toMatchObject({
      decision: 'changes_requested',
      modifications: 'take a backup of orders first',
    });
  });
});

describe('setup errors: exit 2, one line', () => {
  it('without a token', async () => {
    const ran = await ask(MIGRATION, { GITHUB_TOKEN: '' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      'gatehouse: set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository\n',
    );
  });

  it('when the API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const ran = await ask(MIGRATION, { GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3` });
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n')).toHaveLength(2);
    expect(ran.stderr).toMatch(/^gatehouse: GitHub could not be reached/);
  });
});
