// `gatehouse hook claude-code` as Claude Code runs it: the bundled CLI started as a process for
// each tool call, fed Claude Code's PreToolUse (and PostToolUse) JSON on stdin, with the agent's
// personal token, on an Enterprise Server's API URL at the GitHub simulator, whose default branch
// holds the starter policy (docs/examples/agents.yml). Assertions are on the hook's answer and on
// what GitHub ends up holding (issues, comments, decision records).
//
// No App runs: nothing in the hook waits for one. Every run recomputes the request's decision from
// GitHub itself (the authorised `/approve` on the issue), as `gatehouse ask` does
// (src/agent/request-approval.ts), and writes what it writes with the agent's token.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushedCommit } from '../simulator/commit-verification.ts';
import type { GitHubSimulator } from '../simulator/github.ts';
import { HistoryActions } from '../simulator/history-actions.ts';
import { WebhookSender } from '../simulator/webhooks.ts';
import { startAgentSimulator } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const CLOCK = pathToFileURL(resolve('test/action-e2e/runner-clock.mjs')).href;
/** The agent's account: it asks, it holds the token, it can never approve. */
const AGENT = { id: 900, login: 'claude-agent', type: 'User' };
const MINUTE = 60_000;

/** The starter policy as a team copies it: the reviewers replaced by people of the repository. */
const STARTER = readFileSync(resolve('docs/examples/agents.yml'), 'utf8');
const POLICY = STARTER.replace('platform: ["@acme/platform", alice]', 'platform: [alice, bob]');

let sim: GitHubSimulator;
let workdir: string;
let cache: string;
let token: string;
let session = 0;

beforeEach(async () => {
  ({ sim, token } = await startAgentSimulator({ agent: AGENT, writers: ['alice', 'bob'] }));
  commitPolicy(POLICY);
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-hook-e2e-'));
  cache = join(workdir, 'cache');
  session++;
});

/** A commit on the default branch (no App listens for its push). */
function commitToMain(files: Record<string, string>, message: string): void {
  for (const [path, text] of Object.entries(files)) sim.setFile(path, text);
  const history = new HistoryActions(
    sim,
    new WebhookSender(sim, { url: `${sim.url}/nobody`, secret: 'unused' }),
  );
  history.writeToBranch('main', files, message, pushedCommit(users.dave));
}

function commitPolicy(text: string): void {
  commitToMain({ '.github/gatehouse.yml': text }, 'Gate the agents');
}

afterEach(async () => {
  await sim.close();
  rmSync(workdir, { recursive: true, force: true });
  expect(sim.violations).toEqual([]);
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** One process, as Claude Code starts a command hook: the JSON on stdin, the answer on stdout. */
function run(command: string[], stdin: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command[0] ?? NODE_24, command.slice(1), {
      cwd: workdir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: workdir,
        GITHUB_TOKEN: token,
        GITHUB_API_URL: `${sim.url}/api/v3`,
        XDG_CACHE_HOME: cache,
        NODE_OPTIONS: `--import=${CLOCK}`,
        CLOCK_OFFSET_MS: String(sim.clockOffsetMs),
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

const HOOK = [NODE_24, CLI, 'hook', 'claude-code', '--repo', 'acme/shop', '--wait', '0s'];

let calls = 0;
/** Claude Code's PreToolUse input for one tool call (its common fields and the call). */
function preToolUse(tool: string, input: Record<string, unknown>): Record<string, unknown> {
  calls++;
  return {
    session_id: `8c35adc1-5f2e-4a8b-9d1e-${String(session).padStart(12, '0')}`,
    transcript_path: join(workdir, '.claude', 'projects', 'shop', 'session.jsonl'),
    cwd: workdir,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: `toolu_01${String(calls).padStart(20, '0')}`,
  };
}

const bash = (command: string) =>
  preToolUse('Bash', { command, description: `Run ${command}`, timeout: 120_000 });

/** The PostToolUse input Claude Code sends after the call `pre` asked about ran. */
function postToolUse(pre: Record<string, unknown>, response: Record<string, unknown>) {
  return { ...pre, hook_event_name: 'PostToolUse', tool_response: response };
}

interface Decision {
  permissionDecision: string;
  permissionDecisionReason: string;
}

/** The hook's answer to `input`, as Claude Code reads it (exit 0 and hookSpecificOutput). */
async function ask(input: Record<string, unknown> | string, env: Record<string, string> = {}) {
  const ran = await run(HOOK, typeof input === 'string' ? input : JSON.stringify(input), env);
  expect(ran.code, ran.stderr).toBe(0);
  const output = JSON.parse(ran.stdout) as { hookSpecificOutput: Decision & { hookEventName: string } };
  expect(output.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  return { ...output.hookSpecificOutput, stderr: ran.stderr };
}

const issues = () => [...sim.state.issues.values()];
const openIssues = () => issues().filter((issue) => issue.state === 'open');
const logRecords = () =>
  Object.entries(sim.filesOnBranch('gatehouse-log')).filter(
    ([path]) => path.endsWith('.md') && path.startsWith('decisions/'),
  );
const issueNumberIn = (reason: string) => Number(/\/issues\/(\d+)/.exec(reason)?.[1]);

/** Lets `ms` pass for GitHub and for every hook process started after it. */
const advance = (ms: number) => sim.advance(ms);

describe('a read', () => {
  it('is allowed at once; under the cached policy, with no request at all; stale, revalidated with a 304', async () => {
    const read = await ask(preToolUse('Read', { file_path: join(workdir, 'src/app.ts') }));
    expect(read).toMatchObject({ permissionDecision: 'allow', stderr: '' });
    expect(read.permissionDecisionReason).toBe(
      `Gatehouse: proceed tier (read-only: Read: ${join(workdir, 'src/app.ts')})`,
    );
    expect(issues()).toEqual([]);

    const served = sim.requests.length;
    const status = await ask(bash('git status'));
    expect(status).toMatchObject({ permissionDecision: 'allow', stderr: '' });
    expect(status.permissionDecisionReason).toMatch(/^Gatehouse: proceed tier \(read-only: /);
    expect(sim.requests.length - served).toBe(0);

    advance(6 * MINUTE);
    const revalidating = sim.requests.length;
    expect((await ask(bash('git status'))).permissionDecision).toBe('allow');
    const revalidated = sim.requests.slice(revalidating);
    expect(revalidated.length).toBeGreaterThan(0);
    expect(revalidated.every((request) => request.conditional && request.status === 304)).toBe(true);

    // Revalidated means fresh again: the next call costs nothing.
    const again = sim.requests.length;
    expect((await ask(bash('git diff'))).permissionDecision).toBe('allow');
    expect(sim.requests.length - again).toBe(0);
  });
});

describe('a migration command', () => {
  const MIGRATE = 'npm run migrate';

  it('opens one approval issue and is denied with its URL while pending; asked again, no second issue', async () => {
    const first = await ask(bash(MIGRATE));
    expect(first.permissionDecision).toBe('deny');
    expect(issues()).toHaveLength(1);
    const issue = issues()[0];
    const url = `https://github.com/acme/shop/issues/${issue?.number}`;
    expect(first.permissionDecisionReason).toBe(
      `Gatehouse: waiting for approval of Bash: ${MIGRATE} (${url}). Do not try another way; once a person has approved it, retry exactly the same command (an approval allows that command once).`,
    );
    expect(issue).toMatchObject({ state: 'open', user: { login: AGENT.login } });
    expect(String(issue?.title)).toContain(MIGRATE);
    expect(String(issue?.body)).toContain('npm run migrate');
    expect(issue?.labels).toEqual([expect.objectContaining({ name: 'gatehouse' })]);

    const second = await ask(bash(MIGRATE));
    expect(second.permissionDecision).toBe('deny');
    expect(second.permissionDecisionReason).toContain(url);
    expect(issues()).toHaveLength(1);
  });

  it("is allowed once after alice's /approve; the third run asks again on a new issue", async () => {
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, users.alice, '/approve');

    const retry = await ask(bash(MIGRATE));
    expect(retry.permissionDecision).toBe('allow');
    expect(retry.permissionDecisionReason).toBe(
      `Gatehouse: approved (https://github.com/acme/shop/issues/${number})`,
    );
    expect(sim.state.issues.get(number)).toMatchObject({ state: 'closed' });
    expect(sim.commentsOn(number).some((comment) => String(comment.body).startsWith('**Used:**'))).toBe(true);
    const records = logRecords();
    expect(records).toHaveLength(1);
    expect(records[0]?.[1]).toMatch(/decision: approved/);
    expect(records[0]?.[1]).toMatch(/login: alice/);

    const third = await ask(bash(MIGRATE));
    expect(third.permissionDecision).toBe('deny');
    const asked = issueNumberIn(third.permissionDecisionReason);
    expect(asked).not.toBe(number);
    expect(third.permissionDecisionReason).toMatch(
      /^Gatehouse: waiting for approval of Bash: npm run migrate/,
    );
    expect(openIssues().map((issue) => issue.number)).toEqual([asked]);
  });

  it('approved, does not allow another migration command: that one asks on its own issue', async () => {
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, users.alice, '/approve');

    const other = await ask(bash("psql -c 'drop table users'"));
    expect(other.permissionDecision).toBe('deny');
    expect(other.permissionDecisionReason).toMatch(/^Gatehouse: waiting for approval of Bash: psql/);
    expect(issueNumberIn(other.permissionDecisionReason)).not.toBe(number);
    expect(issues()).toHaveLength(2);

    // The approved one is still there for exactly its command.
    expect((await ask(bash(MIGRATE))).permissionDecision).toBe('allow');
  });

  it('is denied with the reason after a /reject', async () => {
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, users.bob, '/reject not during the sale');
    const retry = await ask(bash(MIGRATE));
    expect(retry.permissionDecision).toBe('deny');
    expect(retry.permissionDecisionReason).toContain('not during the sale');
    expect(retry.permissionDecisionReason).toContain(`https://github.com/acme/shop/issues/${number}`);
    expect(retry.permissionDecisionReason).toMatch(/^Gatehouse: rejected/);
    expect(logRecords()[0]?.[1]).toMatch(/decision: rejected/);
  });

  it("is denied when nobody answered before the rule's timeout (4h, on_timeout: reject)", async () => {
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    advance(4 * 60 * MINUTE + MINUTE);
    const retry = await ask(bash(MIGRATE));
    expect(retry.permissionDecision).toBe('deny');
    expect(retry.permissionDecisionReason).toBe(
      `Gatehouse: the request expired without a decision: agent-production-changes: no decision within 4h (https://github.com/acme/shop/issues/${number}).`,
    );
    expect(logRecords()[0]?.[1]).toMatch(/decision: expired/);
  });

  it("binds to the checkout's HEAD: merges to the default branch meanwhile change nothing; a local commit asks again", async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=a', '-c', 'user.email=a@example.com', ...args], {
        cwd: workdir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', HOME: workdir },
      });
    git('init', '-q', '-b', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'the agent works here');
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    commitToMain({ 'README.md': 'a teammate merged something\n' }, 'Merge pull request #12');
    const again = await ask(bash(MIGRATE));
    expect(again.permissionDecisionReason).toContain(`/issues/${number})`);
    expect(issues()).toHaveLength(1);

    sim.addComment(number, users.alice, '/approve');
    commitToMain({ 'README.md': 'and another\n' }, 'Merge pull request #13');
    expect(await ask(bash(MIGRATE))).toMatchObject({
      permissionDecision: 'allow',
      permissionDecisionReason: `Gatehouse: approved (https://github.com/acme/shop/issues/${number})`,
    });

    // Other work (a new commit in the checkout) is another request.
    git('commit', '-q', '--allow-empty', '-m', 'the migration changed');
    const moved = await ask(bash(MIGRATE));
    expect(moved.permissionDecision).toBe('deny');
    expect(issueNumberIn(moved.permissionDecisionReason)).not.toBe(number);
  });

  it("never counts the agent's own /approve, written with its token", async () => {
    const first = await ask(bash(MIGRATE));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, AGENT, '/approve');
    const retry = await ask(bash(MIGRATE));
    expect(retry.permissionDecision).toBe('deny');
    expect(retry.permissionDecisionReason).toMatch(/^Gatehouse: waiting for approval/);
    expect(logRecords()).toHaveLength(0);
    expect(sim.state.issues.get(number)).toMatchObject({ state: 'open' });
  });
});

describe('a request its rule would need more for', () => {
  it('is denied as not ready, and no issue is opened', async () => {
    commitPolicy(
      `${POLICY.replace(
        'rules:\n',
        'rules:\n  - name: force-push-with-a-plan\n    if: { kinds: [force-push] }\n    level: approve\n    reviewers: [platform]\n    require: [action, rollback_plan]\n',
      )}`,
    );
    const pushed = await ask(bash('git push --force origin main'));
    expect(pushed.permissionDecision).toBe('deny');
    expect(pushed.permissionDecisionReason).toMatch(/^Gatehouse: the request is not ready to be decided/);
    expect(pushed.permissionDecisionReason).toContain('rollback');
    expect(issues()).toEqual([]);
  });
});

describe('PostToolUse (--post)', () => {
  const POST = [NODE_24, CLI, 'hook', 'claude-code', '--post', '--repo', 'acme/shop'];

  it('records the execution of an approved call on its approval issue', async () => {
    const first = await ask(bash('npm run migrate'));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, users.alice, '/approve');
    const pre = bash('npm run migrate');
    expect((await ask(pre)).permissionDecision).toBe('allow');

    const ran = await run(
      POST,
      JSON.stringify(
        postToolUse(pre, { stdout: 'migrated 3 tables\n', stderr: '', interrupted: false, isImage: false }),
      ),
    );
    expect(ran).toEqual({ code: 0, stdout: '', stderr: '' });
    const execution = sim
      .commentsOn(number)
      .filter((comment) => String(comment.body).startsWith('**Execution:**'));
    expect(execution).toHaveLength(1);
    expect(String(execution[0]?.body)).toMatch(/^\*\*Execution:\*\* succeeded/);
  });

  it('records a failed call as failed', async () => {
    const first = await ask(bash('npm run migrate'));
    const number = issueNumberIn(first.permissionDecisionReason);
    sim.addComment(number, users.alice, '/approve');
    const pre = bash('npm run migrate');
    expect((await ask(pre)).permissionDecision).toBe('allow');
    const ran = await run(POST, JSON.stringify(postToolUse(pre, { error: 'Exit code 1\nrelation missing' })));
    expect(ran.code).toBe(0);
    const execution = sim
      .commentsOn(number)
      .filter((comment) => String(comment.body).startsWith('**Execution:**'));
    expect(String(execution[0]?.body)).toMatch(/^\*\*Execution:\*\* failed/);
  });

  it('costs no request for a call that needed no approval', async () => {
    const pre = bash('git status');
    expect((await ask(pre)).permissionDecision).toBe('allow');
    const served = sim.requests.length;
    const ran = await run(
      POST,
      JSON.stringify(postToolUse(pre, { stdout: 'On branch main\n', stderr: '', interrupted: false })),
    );
    expect(ran).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sim.requests.length - served).toBe(0);
  });
});

describe('bad input and setup: one line on stderr, a safe answer, no stack trace', () => {
  function expectOneLine(stderr: string) {
    expect(stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  }

  it('malformed JSON: deny', async () => {
    const answer = await ask('{"tool_name": "Bash", "tool_input": {"command": "ls"');
    expect(answer.permissionDecision).toBe('deny');
    expectOneLine(answer.stderr);
  });

  it('--post with malformed JSON: exit 1 and one line (PostToolUse cannot block)', async () => {
    const ran = await run(
      [NODE_24, CLI, 'hook', 'claude-code', '--post', '--repo', 'acme/shop'],
      '{"tool_name"',
    );
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expectOneLine(ran.stderr);
  });

  it('no tool_name: deny', async () => {
    const { tool_name: _, ...input } = bash('ls');
    const answer = await ask(input);
    expect(answer.permissionDecision).toBe('deny');
    expect(answer.permissionDecisionReason).toContain('tool_name');
    expectOneLine(answer.stderr);
  });

  it('no token, for a gated call: deny; a read under the fresh cached policy: allow', async () => {
    await ask(bash('git status'));
    const gated = await ask(bash('npm run migrate'), { GITHUB_TOKEN: '' });
    expect(gated.permissionDecision).toBe('deny');
    expect(gated.permissionDecisionReason).toContain('GITHUB_TOKEN');
    expectOneLine(gated.stderr);
    expect(issues()).toEqual([]);
    const read = await ask(bash('git status'), { GITHUB_TOKEN: '' });
    expect(read).toMatchObject({ permissionDecision: 'allow', stderr: '' });
  });

  it('an unreachable API (a closed port): deny a gated call; a read from the cached policy, stale or not, is allowed', async () => {
    await ask(bash('git status'));
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    // Another API is another cache: nothing is known of its policy, so even a read is denied.
    const unknown = await ask(bash('git status'), { GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3` });
    expect(unknown.permissionDecision).toBe('deny');
    expect(unknown.permissionDecisionReason).toMatch(/^Gatehouse: no policy to decide by: /);
    expectOneLine(unknown.stderr);

    // GitHub itself goes away: its address is a closed port now. (Timers sped up: the client's retry.)
    await sim.close();
    const quick = { FAST_TIMERS: '100' };
    const gated = await ask(bash('npm run migrate'), quick);
    expect(gated.permissionDecision).toBe('deny');
    expectOneLine(gated.stderr);
    expect(issues()).toEqual([]);
    expect(await ask(bash('git status'), quick)).toMatchObject({ permissionDecision: 'allow', stderr: '' });
    advance(6 * MINUTE);
    // Stale, and GitHub cannot be asked: the cached policy still answers a read.
    expect(await ask(bash('git status'), quick)).toMatchObject({ permissionDecision: 'allow', stderr: '' });
    const staleGated = await ask(bash('npm run migrate'), quick);
    expect(staleGated.permissionDecision).toBe('deny');
    expect(staleGated.permissionDecisionReason).toMatch(
      /^Gatehouse: Bash: npm run migrate needs GitHub, which cannot be reached \(.*fetch failed|ECONNREFUSED/,
    );
    expectOneLine(staleGated.stderr);
  });
});

describe('the quick start in docs/agents.md', () => {
  /** The PreToolUse and PostToolUse commands of the `.claude/settings.json` the docs show. */
  function documentedCommands(): { pre: string; post: string } {
    const docs = readFileSync(resolve('docs/agents.md'), 'utf8');
    const section = docs.slice(docs.indexOf('\n## Claude Code\n'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    const settings = JSON.parse(block ?? '') as {
      hooks: Record<
        string,
        { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[]
      >;
    };
    const command = (event: string) => {
      const hook = settings.hooks[event]?.[0]?.hooks[0];
      expect(hook?.type).toBe('command');
      return String(hook?.command);
    };
    return { pre: command('PreToolUse'), post: command('PostToolUse') };
  }

  /** The documented command line, with `gatehouse` the bundle this checkout built. */
  function asRun(command: string): string[] {
    const words = command.split(' ');
    expect(words[0]).toBe('gatehouse');
    return [NODE_24, CLI, ...words.slice(1)];
  }

  it('gates a migration and records its execution with exactly the documented command lines', async () => {
    const { pre, post } = documentedCommands();
    expect(pre).toContain('--repo acme/shop');
    const hook = asRun(pre);
    // Polls sped up (the wait's 5 s between conditional requests); its deadline is the clock's.
    const answer = async (input: Record<string, unknown>) => {
      const ran = await run(hook, JSON.stringify(input), { FAST_TIMERS: '1000' });
      expect(ran.code, ran.stderr).toBe(0);
      return (JSON.parse(ran.stdout) as { hookSpecificOutput: Decision }).hookSpecificOutput;
    };
    expect((await answer(bash('git status'))).permissionDecision).toBe('allow');

    // The documented wait (50 s): alice approves on the issue while the hook waits for her.
    const migrate = bash('npm run migrate');
    const waiting = answer(migrate);
    // Once the issue holds its request record (its first comment), alice answers.
    await until(() => issues().length === 1 && sim.commentsOn(Number(issues()[0]?.number)).length === 1);
    sim.addComment(Number(issues()[0]?.number), users.alice, '/approve');
    const approved = await waiting;
    expect(approved.permissionDecision).toBe('allow');
    const number = issueNumberIn(approved.permissionDecisionReason);
    expect(number).toBe(issues()[0]?.number);

    const ran = await run(
      asRun(post),
      JSON.stringify(postToolUse(migrate, { stdout: 'ok\n', stderr: '', interrupted: false })),
    );
    expect(ran).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(
      sim.commentsOn(number).some((comment) => String(comment.body).startsWith('**Execution:** succeeded')),
    ).toBe(true);
  });
});

/** Waits (a few seconds at most) for what another process does to GitHub. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((done) => setTimeout(done, 10));
  expect(condition()).toBe(true);
}
