// Execution records, end to end: the real App on the GitHub simulator records each merge of a
// gated pull request on the log branch, next to (never inside) the decision it followed, and
// `gatehouse audit --repo`, run as a process, answers what ran without an approval.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { parseExecutionRecord } from '../../src/core/execution-record.ts';
import { MergeActions } from '../simulator/merge-actions.ts';
import { users } from '../support/github-fixtures.ts';
import { parseMarkdownSection } from '../support/markdown-code-blocks.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const policy = parseMarkdownSection(README, 'App quick start').blocks.find((block) => block.info === 'yaml');
const LOG = 'gatehouse-log';

let scene: AppScene;
let merges: MergeActions;
let workdir: string;

beforeEach(async () => {
  scene = await startAppScene();
  merges = new MergeActions(scene.sim, scene.webhooks);
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-execution-e2e-'));
  scene.sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', users.author.login]) scene.sim.setPermission(login, 'write');
  if (policy === undefined) throw new Error("README's App quick start has no policy block");
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': policy.code }, 'Add a policy');
});

afterEach(async () => {
  await scene.stop();
  rmSync(workdir, { recursive: true, force: true });
});

interface Report {
  totals: { records: number; malformed: number; findings: number };
  findings: { code: string; path: string | null; message: string }[];
  executions: {
    records: number;
    ranWithoutApproval: {
      pull_request: number;
      sha: string;
      merge_commit: string;
      ran_by: string;
      approved_sha: string | null;
    }[];
    approvedNeverRan: { pull_request: number }[];
  };
}

/** `gatehouse audit --repo acme/shop --app gatehouse …`: by the bundle as a process, or by the sources in process. */
async function audit(
  args: string[],
  runner: 'process' | 'in process' = 'process',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const token = scene.sim.app?.issuePersonalToken(users.carol) ?? '';
  const argv = ['audit', '--repo', 'acme/shop', '--app', 'gatehouse', ...args];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GITHUB_TOKEN: token,
    GITHUB_API_URL: `${scene.sim.url}/api/v3`,
    GITHUB_GRAPHQL_URL: `${scene.sim.url}/api/graphql`,
    NO_COLOR: '1',
  };
  if (runner === 'in process') {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: workdir,
      env,
      now: () => new Date(scene.sim.clock),
    });
    return { code, stdout, stderr };
  }
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, ...argv],
      { cwd: workdir, env, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

function requestsSince(served: number): unknown[] {
  return scene.sim.requests
    .slice(served)
    .filter((request) => request.counted)
    .map((request) => `${request.method} ${request.path}`);
}

function logFiles(kind: 'decision' | 'execution'): [string, string][] {
  return Object.entries(scene.sim.filesOnBranch(LOG)).filter(
    ([path]) => path.endsWith('.execution.md') === (kind === 'execution'),
  );
}

async function openAndApprove() {
  const pr = await scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
    files: { 'db/migrations/002_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' },
  });
  await scene.users.comment(pr.number, users.alice, '/approve');
  const [decision] = logFiles('decision');
  if (decision === undefined) throw new Error('the App recorded no decision');
  return { pr, decision };
}

describe('the merge of a gated pull request', () => {
  it('approved, then merged: one execution record of the approved commit, the decision untouched, the audit clean', async () => {
    const { pr, decision } = await openAndApprove();
    scene.sim.advance(60_000);
    const served = scene.sim.requests.length;
    const merged = await merges.merge(pr.number, users.dave);
    // What recording a merge costs the installation: the merge, the log's commits, the decision's
    // record, then the execution record in one contents-API write (refused if the merge is
    // recorded already). The policy is what the App read for the approval: a 304, which does not
    // count.
    expect(requestsSince(served)).toEqual([
      `GET /repos/acme/shop/pulls/${pr.number}`,
      'GET /repos/acme/shop/commits',
      expect.stringMatching(/^GET \/repos\/acme\/shop\/contents\/decisions\/\d{4}\/\d{2}\/[0-9a-f]{24}\.md$/),
      expect.stringMatching(
        /^PUT \/repos\/acme\/shop\/contents\/decisions\/\d{4}\/\d{2}\/[0-9a-f]{24}\.execution\.md$/,
      ),
    ]);

    expect(logFiles('decision')).toEqual([decision]);
    const executions = logFiles('execution');
    expect(executions).toHaveLength(1);
    const [path, text] = executions[0] as [string, string];
    expect(path).toMatch(/^decisions\/\d{4}\/\d{2}\/[0-9a-f]{24}\.execution\.md$/);
    const parsed = parseExecutionRecord(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.record).toMatchObject({
      kind: 'execution',
      repository: 'acme/shop',
      subject: { pull_request: pr.number, sha: pr.headSha, target_branch: 'main' },
      execution: { type: 'merge', commit: merged.commit, by: { id: users.dave.id, login: 'dave' } },
      decision: { decision: 'approved', sha: pr.headSha },
      approved: true,
    });
    expect(decision[0]).toContain(parsed.record.decision?.id);

    const found = await audit(['--format', 'json', '--strict']);
    expect(found.code, found.stderr).toBe(0);
    const report = JSON.parse(found.stdout) as Report;
    expect(report.findings).toEqual([]);
    expect(report.totals).toMatchObject({ records: 1, malformed: 0, findings: 0 });
    expect(report.executions).toEqual({
      records: 1,
      byType: { merge: 1, deployment: 0, request: 0 },
      ranWithoutApproval: [],
      approvedNeverRan: [],
    });

    const markdown = await audit([]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain('### What ran without an approval');
    expect(markdown.stdout).toContain(
      'Everything recorded as run (1 merge, 0 deployments, 0 agent requests) was the commit its gate passed.',
    );
  });

  it('a push after the approval, merged without a new one: the record says so, and the audit finds merged_unapproved', async () => {
    const { pr } = await openAndApprove();
    const pushed = await scene.history.push(pr.number, users.author, {
      files: { 'db/migrations/003_drop_orders.sql': 'DROP TABLE orders;\n' },
      message: 'Drop the orders table too',
    });
    // An admin merges the new head, which nobody approved (the simulator enforces no protection).
    const merged = await merges.merge(pr.number, users.dave);
    expect(merged.head).toBe(pushed.sha);

    const executions = logFiles('execution');
    expect(executions).toHaveLength(1);
    const parsed = parseExecutionRecord((executions[0] as [string, string])[1]);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.record).toMatchObject({
      subject: { sha: pushed.sha },
      decision: { decision: 'approved', sha: pr.headSha },
      approved: false,
    });

    const found = await audit(['--format', 'json', '--strict'], 'in process');
    expect(found.code).toBe(1);
    const report = JSON.parse(found.stdout) as Report;
    expect(report.findings.map((finding) => [finding.code, finding.path])).toEqual([
      ['merged_unapproved', (executions[0] as [string, string])[0]],
    ]);
    const table = (await audit([], 'in process')).stdout;
    expect(table).toContain('What ran without an approval');
    expect(table).toMatch(new RegExp(`\\| \`#${pr.number} merged\` \\| .*${pushed.sha.slice(0, 12)}`));
    expect(report.executions.ranWithoutApproval).toEqual([
      expect.objectContaining({
        pull_request: pr.number,
        sha: pushed.sha,
        merge_commit: merged.commit,
        ran_by: 'dave',
        approved_sha: pr.headSha,
      }),
    ]);
  });

  it('approved, then vetoed, then merged by an admin: the record names the rejection, and the audit finds it', async () => {
    const { pr } = await openAndApprove();
    await scene.users.comment(pr.number, users.bob, '/reject not during the freeze');
    await merges.merge(pr.number, users.dave);

    const [execution] = logFiles('execution');
    const parsed = parseExecutionRecord(execution?.[1] ?? '');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.record).toMatchObject({
      decision: { decision: 'rejected', sha: pr.headSha },
      approved: false,
    });

    const found = await audit(['--format', 'json', '--strict'], 'in process');
    expect(found.code).toBe(1);
    const report = JSON.parse(found.stdout) as Report;
    expect(report.findings.map((finding) => finding.code)).toEqual(['merged_unapproved']);
    expect(report.executions.approvedNeverRan).toEqual([]);
  });

  it('a redelivered closed event writes nothing new', async () => {
    const { pr } = await openAndApprove();
    const merged = await merges.merge(pr.number, users.dave);
    const tip = scene.sim.state.refs.get(LOG);
    const served = scene.sim.requests.length;
    const again = await scene.history.redeliver(merged.delivery);
    expect(again.status).toBe(200);
    expect(scene.sim.state.refs.get(LOG)).toBe(tip);
    // The one write tried is the record's, which GitHub refuses: the file is there (no `sha`).
    const writes = scene.sim.requests.slice(served).filter((request) => request.method !== 'GET');
    const [path] = logFiles('execution')[0] ?? [];
    expect(writes.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      `PUT /repos/acme/shop/contents/${path} 422`,
    ]);
    expect(logFiles('execution')).toHaveLength(1);
  });

  it('an approved pull request not merged yet is what was approved and never ran', async () => {
    const { pr } = await openAndApprove();
    const other = await scene.users.openPullRequest({
      by: users.author,
      title: 'Add an index on orders.created_at',
      body: '## Rollback plan\n\nDrop the index.',
      files: { 'db/migrations/004_index.sql': 'CREATE INDEX orders_created_at ON orders (created_at);\n' },
    });
    await scene.users.comment(other.number, users.bob, '/approve');
    await merges.merge(other.number, users.dave);

    const found = await audit(['--format', 'json'], 'in process');
    expect(found.code, found.stderr).toBe(0);
    const report = JSON.parse(found.stdout) as Report;
    expect(report.executions.records).toBe(1);
    expect(report.executions.approvedNeverRan.map((row) => row.pull_request)).toEqual([pr.number]);
    const table = (await audit([], 'in process')).stdout;
    expect(table).toContain('What was approved and never ran');
    expect(table).toMatch(new RegExp(`\\| \`merge of #${pr.number}\` \\| .*\\| approved \\|`));
  });
});
