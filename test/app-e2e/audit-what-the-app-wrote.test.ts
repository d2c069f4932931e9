// The App decides on the GitHub simulator, then the bundled CLI, run as a process the way a user
// runs it (`gatehouse audit --repo OWNER/NAME` with a person's token, on an Enterprise Server's
// API URL), reads that log back through the API: what one runtime writes, another can prove.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { parseMarkdownSection } from '../support/markdown-code-blocks.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const policy = parseMarkdownSection(README, 'App quick start').blocks.find((block) => block.info === 'yaml');

let scene: AppScene;
let workdir: string;

beforeEach(async () => {
  scene = await startAppScene();
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-e2e-'));
  scene.sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', users.author.login]) scene.sim.setPermission(login, 'write');
  if (policy === undefined) throw new Error("README's App quick start has no policy block");
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': policy.code }, 'Add a policy');
});

afterEach(async () => {
  await scene.stop();
  rmSync(workdir, { recursive: true, force: true });
});

function audit(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, 'audit', '--repo', 'acme/shop', ...args],
      {
        cwd: workdir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GITHUB_TOKEN: token,
          GITHUB_API_URL: `${scene.sim.url}/api/v3`,
          GITHUB_GRAPHQL_URL: `${scene.sim.url}/api/graphql`,
          NO_COLOR: '1',
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

describe('gatehouse audit --repo, on what the App recorded', () => {
  it('finds the approval alice gave, on the commit she approved, with no finding under --strict', async () => {
    const { sim, users: people } = scene;
    const token = sim.app?.issuePersonalToken(users.carol) ?? '';
    const before = await audit(['--strict'], token);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stderr).toContain('no decisions recorded yet');

    const pr = await people.openPullRequest({
      by: users.author,
      title: 'Drop the legacy orders.status column',
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: { 'db/migrations/002_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' },
    });
    await people.comment(pr.number, users.alice, '/approve');
    expect(Object.keys(sim.filesOnBranch('gatehouse-log'))).toHaveLength(1);

    const served = sim.requests.length;
    const found = await audit(['--approver', 'alice', '--format', 'json', '--strict'], token);
    expect(found.code, found.stderr).toBe(0);
    const report = JSON.parse(found.stdout) as {
      totals: { records: number; malformed: number; findings: number };
      records: { decision: string; approvers: { login: string }[]; sha: string; pull_request: number }[];
      findings: unknown[];
    };
    expect(report.findings).toEqual([]);
    expect(report.totals).toMatchObject({ records: 1, malformed: 0, findings: 0 });
    expect(report.records).toHaveLength(1);
    expect(report.records[0]).toMatchObject({
      decision: 'approved',
      approvers: [expect.objectContaining({ login: 'alice' })],
      sha: pr.headSha,
      pull_request: pr.number,
    });
    // What the audit costs against the reader's rate limit (docs/cli.md): one tree listing, and
    // one GraphQL query for up to 100 records' texts.
    const reads = sim.requests.slice(served).filter((request) => request.counted);
    expect(reads.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /repos/acme/shop/git/trees/gatehouse-log',
      'POST /graphql',
    ]);
  });
});
