// Execution records of agents' requests, end to end: the real App on the GitHub simulator, and an
// agent (Claude Code's hook, `gatehouse hook claude-code`, run in-process with the agent's
// personal token) that asks on an approval issue, runs the approved call, and reports it there
// (PostToolUse). GitHub delivers the report's `issue_comment`; the App reads it back from the API
// and records it on the log branch next to the request's decision. A report by anyone but the
// requester is ignored. `gatehouse audit --repo`, run as a process, counts it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { type ExecutionRecord, parseExecutionRecord } from '../../src/core/execution-record.ts';
import type { Actor } from '../../src/core/model.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const LOG = 'gatehouse-log';
/** The agent's account: it asks, it holds the token, it can never approve. */
const AGENT: Actor = { id: 900, login: 'claude-agent', type: 'User' };
const STARTER = readFileSync(resolve('docs/examples/agents.yml'), 'utf8');
const POLICY = STARTER.replace('platform: ["@acme/platform", alice]', 'platform: [alice, bob]');

vi.setConfig({ testTimeout: 30_000 });

let scene: AppScene;
let workdir: string;
let token: string;
let calls = 0;

beforeEach(async () => {
  scene = await startAppScene();
  scene.sim.state.users[AGENT.login] = AGENT;
  for (const login of ['alice', 'bob', AGENT.login, users.mallory.login])
    scene.sim.setPermission(login, 'write');
  token = scene.sim.app?.issuePersonalToken(AGENT, 'write') ?? '';
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-request-execution-'));
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': POLICY }, 'Gate the agents');
});

afterEach(async () => {
  await scene.stop();
  rmSync(workdir, { recursive: true, force: true });
});

/** `gatehouse hook claude-code [--post]` in-process, as Claude Code runs it: the JSON on stdin. */
async function hook(input: Record<string, unknown>, post = false): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const argv = ['hook', 'claude-code', ...(post ? ['--post'] : []), '--repo', 'acme/shop', '--wait', '0s'];
  const code = await run(post ? argv.filter((arg) => arg !== '--wait' && arg !== '0s') : argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    stdin: Readable.from([JSON.stringify(input)]),
    cwd: workdir,
    env: {
      PATH: process.env.PATH,
      HOME: workdir,
      GITHUB_TOKEN: token,
      GITHUB_API_URL: `${scene.sim.url}/api/v3`,
      XDG_CACHE_HOME: join(workdir, 'cache'),
    },
    now: () => new Date(scene.sim.clock),
  });
  return { code, stdout };
}

function bash(command: string): Record<string, unknown> {
  calls++;
  return {
    session_id: '8c35adc1-5f2e-4a8b-9d1e-000000000001',
    transcript_path: join(workdir, 'session.jsonl'),
    cwd: workdir,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: `Run ${command}` },
    tool_use_id: `toolu_01${String(calls).padStart(20, '0')}`,
  };
}

function executions(): ExecutionRecord[] {
  return Object.entries(scene.sim.filesOnBranch(LOG))
    .filter(([path]) => path.endsWith('.execution.md'))
    .map(([path, text]) => {
      const parsed = parseExecutionRecord(text);
      if ('error' in parsed) throw new Error(`${path}: ${parsed.error}`);
      return parsed.record;
    });
}

function executionTexts(): string[] {
  return Object.entries(scene.sim.filesOnBranch(LOG))
    .filter(([path]) => path.endsWith('.execution.md'))
    .map(([, text]) => text);
}

/** GitHub delivers `issue_comment.created` for a comment made through the API. */
async function deliverComment(number: number, id: number, by: Actor) {
  const comment = scene.sim.commentsOn(number).find((entry) => entry.id === id);
  if (comment === undefined) throw new Error(`no comment ${id}`);
  return scene.webhooks.deliver('issue_comment', scene.webhooks.issueComment('created', number, comment, by));
}

function audit(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GITHUB_TOKEN: scene.sim.app?.issuePersonalToken(users.carol) ?? '',
    GITHUB_API_URL: `${scene.sim.url}/api/v3`,
    NO_COLOR: '1',
  };
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, 'audit', '--repo', 'acme/shop', '--format', 'json'],
      { cwd: workdir, env, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

/** The agent asks, alice approves, the agent's call is allowed and runs, and the agent reports it. */
async function approvedAndRun() {
  const first = await hook(bash('npm run migrate'));
  expect(first.code).toBe(0);
  const number = Number(/\/issues\/(\d+)/.exec(first.stdout)?.[1]);
  expect(number).toBeGreaterThan(0);
  await scene.users.comment(number, users.alice, '/approve');
  scene.sim.advance(60_000);
  const pre = bash('npm run migrate');
  const allowed = await hook(pre);
  expect(JSON.parse(allowed.stdout).hookSpecificOutput.permissionDecision).toBe('allow');
  scene.sim.advance(30_000);
  const posted = await hook(
    { ...pre, hook_event_name: 'PostToolUse', tool_response: { stdout: 'migrated\n', interrupted: false } },
    true,
  );
  expect(posted.code).toBe(0);
  const report = scene.sim
    .commentsOn(number)
    .find((comment) => String(comment.body).includes('<!-- gatehouse:execution '));
  if (report === undefined) throw new Error('the agent reported nothing');
  // The time the agent reported, as its mark says it.
  const mark = /<!-- gatehouse:execution (\{.*?\}) -->/.exec(String(report.body))?.[1] ?? '{}';
  const reportedAt = (JSON.parse(mark) as { completedAt?: string }).completedAt;
  return { number, reportId: Number(report.id), reportedAt };
}

describe("an agent's report that an approved call ran", () => {
  it('is recorded by the App next to the decision it followed, once; the audit counts it as approved and run', async () => {
    const { number, reportId, reportedAt } = await approvedAndRun();
    const decisions = Object.entries(scene.sim.filesOnBranch(LOG)).filter(
      ([path]) => path.endsWith('.md') && !path.endsWith('.execution.md'),
    );
    expect(decisions).toHaveLength(1);
    const decisionId = /^id: ([0-9a-f]{24})$/m.exec(decisions[0]?.[1] ?? '')?.[1];

    expect((await deliverComment(number, reportId, AGENT)).status).toBe(200);
    expect(executions()).toEqual([
      {
        schema: 1,
        kind: 'execution',
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        repository: 'acme/shop',
        subject: { issue: number, request: expect.stringMatching(/^[0-9a-f]{64}$/), sha: expect.any(String) },
        execution: {
          type: 'request',
          comment: reportId,
          status: 'succeeded',
          by: { id: AGENT.id, login: AGENT.login },
          at: reportedAt,
        },
        decision: { id: decisionId, decision: 'approved', sha: expect.any(String) },
        approved: true,
        links: {
          issue: `https://github.com/acme/shop/issues/${number}`,
          comment: expect.stringContaining(`/issues/${number}#issuecomment-${reportId}`),
        },
      },
    ]);
    // A redelivery writes nothing new.
    expect((await deliverComment(number, reportId, AGENT)).status).toBe(200);
    expect(executions()).toHaveLength(1);

    const ran = await audit();
    expect(ran.stderr).toBe('');
    const report = JSON.parse(ran.stdout) as {
      findings: { code: string }[];
      executions: {
        byType: Record<string, number>;
        ranWithoutApproval: unknown[];
        approvedNeverRan: unknown[];
      };
    };
    expect(report.findings.map((finding) => finding.code)).not.toContain('ran_unapproved');
    expect(report.executions).toEqual({
      records: 1,
      byType: { merge: 0, deployment: 0, request: 1 },
      ranWithoutApproval: [],
      approvedNeverRan: [],
    });
  });

  it("is ignored when anyone but the requester writes it: mallory's forged mark records nothing", async () => {
    const { number } = await approvedAndRun();
    const forged = [
      '**Execution:** succeeded',
      '',
      `<!-- gatehouse:execution {"status":"succeeded","completedAt":"${scene.sim.clock}"} -->`,
    ].join('\n');
    const sent = await scene.users.comment(number, users.mallory, forged);
    expect(sent.delivery.status).toBe(200);
    expect(executions()).toEqual([]);
    // The same delivery for the agent's own report is recorded: only the author differs.
    const genuine = scene.sim
      .commentsOn(number)
      .find(
        (comment) =>
          comment.user !== undefined &&
          String(comment.body).startsWith('**Execution:**') &&
          (comment.user as { id: number }).id === AGENT.id,
      );
    expect((await deliverComment(number, Number(genuine?.id), AGENT)).status).toBe(200);
    expect(executions().map((record) => record.execution.by.login)).toEqual([AGENT.login]);
  });

  it('is ignored once anyone has edited it: a report mallory rewrote before the App read it records nothing', async () => {
    const { number, reportId } = await approvedAndRun();
    const report = scene.sim.commentsOn(number).find((comment) => comment.id === reportId);
    // Mallory, a writer, rewrites the agent's report before its delivery is handled: the record
    // would say what the requester never reported.
    const rewritten = String(report?.body).replace('"status":"succeeded"', '"status":"failed"');
    expect(rewritten).toContain('"status":"failed"');
    scene.sim.advance(5_000);
    expect((await scene.users.editComment(number, reportId, users.mallory, rewritten)).status).toBe(200);
    expect((await deliverComment(number, reportId, AGENT)).status).toBe(200);
    expect(executions()).toEqual([]);
  });

  it("escapes what it renders: the reporter's login is Markdown text in the record", async () => {
    const { number, reportId } = await approvedAndRun();
    await deliverComment(number, reportId, AGENT);
    const [text] = executionTexts();
    expect(text).toContain('**Reported by:** claude\\-agent (id 900)');
    expect(text).not.toContain('<!--');
  });
});
