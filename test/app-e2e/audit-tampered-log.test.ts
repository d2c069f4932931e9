// The App records two decisions on the GitHub simulator (an approval, a rejection); then someone
// who can push to the log branch tampers with it, each way issue 12 lists, and the bundled CLI,
// run as a process with --app (and the same sources in process), finds each one under --strict
// (exit 1, with the finding's code);
// the untouched log passes (exit 0). Between cases the branch is put back where the App left it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { createRecordDigest, parseRecordAnchor, renderRecordAnchor } from '../../src/core/record-anchor.ts';
import { pushedCommit } from '../simulator/commit-verification.ts';
import { users } from '../support/github-fixtures.ts';
import { createTamperings, forgeApproval } from '../support/log-tampering.ts';
import { parseMarkdownSection } from '../support/markdown-code-blocks.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';

const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const policy = parseMarkdownSection(README, 'App quick start').blocks.find((block) => block.info === 'yaml');
const LOG = 'gatehouse-log';

let scene: AppScene;
let workdir: string;
let token: string;
let cleanTip: string;
let approved: { path: string; text: string };
let rejected: { path: string; text: string };

interface Finding {
  code: string;
  path: string | null;
}

type Runner = 'the bundle, as a process' | 'the sources, in process';
const RUNNERS: Runner[] = ['the bundle, as a process', 'the sources, in process'];

function auditEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GITHUB_TOKEN: token,
    GITHUB_API_URL: `${scene.sim.url}/api/v3`,
    GITHUB_GRAPHQL_URL: `${scene.sim.url}/api/graphql`,
    NO_COLOR: '1',
  };
}

function readFindings(stdout: string): Finding[] {
  return stdout === '' ? [] : (JSON.parse(stdout) as { findings: Finding[] }).findings;
}

/** `gatehouse audit --repo acme/shop --app gatehouse --format json …`, by the bundle or the sources. */
async function audit(
  args: string[],
  runner: Runner,
): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  const argv = ['audit', '--repo', 'acme/shop', '--app', 'gatehouse', '--format', 'json', ...args];
  if (runner === 'the sources, in process') {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: workdir,
      env: auditEnv(),
      now: () => new Date(scene.sim.clock),
    });
    return { code, findings: readFindings(stdout), stderr };
  }
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, ...argv],
      { cwd: workdir, env: auditEnv(), encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, findings: readFindings(stdout), stderr });
      },
    );
  });
}

/** mallory pushes the log branch to hold exactly `files`: one unsigned commit of hers. */
function pushAsUser(files: Record<string, string>, message: string): string {
  const tip = scene.sim.state.refs.get(LOG) ?? '';
  const sha = scene.history.writeCommit([tip], files, message, pushedCommit(users.mallory));
  scene.history.moveBranch(LOG, tip, sha, users.mallory, 'push');
  return sha;
}

function edit(
  record: { path: string; text: string },
  from: string | RegExp,
  to: string | ((match: string, ...groups: string[]) => string),
): Record<string, string> {
  const files = scene.sim.filesOnBranch(LOG);
  const text = typeof to === 'string' ? record.text.replace(from, to) : record.text.replace(from, to);
  expect(text).not.toBe(record.text);
  return { ...files, [record.path]: text };
}

beforeAll(async () => {
  scene = await startAppScene();
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-tamper-e2e-'));
  const { sim, users: people } = scene;
  sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
  if (policy === undefined) throw new Error("README's App quick start has no policy block");
  await people.commit(users.dave, 'main', { '.github/gatehouse.yml': policy.code }, 'Add a policy');
  const change = (name: string) => ({
    by: users.author,
    title: `Drop the legacy orders.${name} column`,
    body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
    files: { [`db/migrations/002_drop_${name}.sql`]: `ALTER TABLE orders DROP COLUMN ${name};\n` },
  });
  const first = await people.openPullRequest(change('status'));
  await people.comment(first.number, users.alice, '/approve');
  const second = await people.openPullRequest({ ...change('notes'), branch: 'drop-notes' });
  await people.comment(second.number, users.alice, '/reject the snapshot is a week old');
  token = sim.app?.issuePersonalToken(users.carol) ?? '';
  cleanTip = sim.state.refs.get(LOG) ?? '';
  const files = Object.entries(sim.filesOnBranch(LOG));
  expect(files).toHaveLength(2);
  const find = (decision: string) => {
    const found = files.find(([, text]) => text.includes(`\ndecision: ${decision}\n`));
    if (found === undefined) throw new Error(`no ${decision} record`);
    return { path: found[0], text: found[1] };
  };
  approved = find('approved');
  rejected = find('rejected');
}, 60_000);

afterEach(() => {
  // Back to the log the App wrote (a force push, as a person could).
  const tip = scene.sim.state.refs.get(LOG) ?? '';
  if (tip !== cleanTip) scene.history.moveBranch(LOG, tip, cleanTip, users.dave, 'force_push');
});

afterAll(async () => {
  await scene?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

describe.each(RUNNERS)('gatehouse audit --repo --app --strict, on a log the App wrote, by %s', (runner) => {
  it('anchors each record in its check run: path, SHA-256 of the bytes, log commit', () => {
    const anchors = scene.sim.state.checkRuns
      .map((run) => parseRecordAnchor(((run.output ?? {}) as { text?: string }).text))
      .filter((anchor) => anchor !== undefined);
    expect(anchors.map((anchor) => anchor.path).sort()).toEqual([approved.path, rejected.path].sort());
  });

  it('passes the untouched log, exit 0', async () => {
    const result = await audit(['--strict'], runner);
    expect(result.findings).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(
    createTamperings({
      files: () => scene.sim.filesOnBranch(LOG),
      approved: () => approved,
      rejected: () => rejected,
    }),
  )('finds $tampering, exit 1', async ({ change, found }) => {
    pushAsUser(change(), 'Fix the log');
    const result = await audit(['--strict'], runner);
    expect(result.code, result.stderr).toBe(1);
    for (const expected of found)
      expect(result.findings).toContainEqual(
        expect.objectContaining({ code: expected.code, path: expected.path() }),
      );
  });

  it('finds a record a user added, with an id recomputed by the public algorithm, exit 1', async () => {
    const { path, text } = forgeApproval(rejected);
    pushAsUser({ ...scene.sim.filesOnBranch(LOG), [path]: text }, 'Add a decision');
    const result = await audit(['--strict'], runner);
    expect(result.code, result.stderr).toBe(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'unanchored', path }));
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'unverified_commit', path }));
    expect(result.findings.map((finding) => finding.code)).not.toContain('id_mismatch');
  });

  it('finds a record re-committed by a user with its exact bytes (the anchor matches; the commit does not), exit 1', async () => {
    // mallory takes the branch back to before the App's last record and commits it again herself.
    const appCommit = scene.sim.state.commits.get(cleanTip);
    const parent = appCommit?.parents[0] ?? '';
    scene.history.moveBranch(LOG, cleanTip, parent, users.mallory, 'force_push');
    const restored = scene.sim.filesOnBranch(LOG);
    const missing = [approved, rejected].find((record) => restored[record.path] === undefined);
    if (missing === undefined) throw new Error('the last App commit added no record');
    pushAsUser({ ...restored, [missing.path]: missing.text }, 'Restore the decision');
    expect(scene.sim.filesOnBranch(LOG)[missing.path]).toBe(missing.text);
    const result = await audit(['--strict'], runner);
    expect(result.code, result.stderr).toBe(1);
    expect(result.findings.map((finding) => `${finding.code} ${finding.path}`)).toEqual([
      `unverified_commit ${missing.path}`,
    ]);
  });

  it("finds an edit even when another app's check run on the commit anchors the edited bytes, exit 1", async () => {
    // Any app (or workflow) with checks: write can post a run whose text looks like an anchor.
    const files = edit(approved, /login: alice/, 'login: bob');
    const edited = files[approved.path] ?? '';
    const commit = pushAsUser(files, 'Fix the log');
    const ours = scene.sim.state.checkRuns.find(
      (checkRun) =>
        parseRecordAnchor(((checkRun.output ?? {}) as { text?: string }).text)?.path === approved.path,
    );
    if (ours === undefined) throw new Error('no anchor of the approved record');
    const forged = renderRecordAnchor({ path: approved.path, sha256: createRecordDigest(edited), commit });
    scene.sim.state.checkRuns.push({
      ...ours,
      id: 9_999_001,
      app: { ...(ours.app as object), id: 4242, slug: 'helpful-bot', name: 'Helpful bot' },
      output: { ...(ours.output as object), text: forged },
    });
    try {
      const result = await audit(['--strict'], runner);
      expect(result.code, result.stderr).toBe(1);
      expect(result.findings).toContainEqual(
        expect.objectContaining({ code: 'digest_mismatch', path: approved.path }),
      );
    } finally {
      scene.sim.state.checkRuns.pop();
    }
  });

  it('lists the findings without --strict, exit 0', async () => {
    pushAsUser(edit(approved, /login: alice/, 'login: bob'), 'Fix the log');
    const result = await audit([], runner);
    expect(result.code, result.stderr).toBe(0);
    expect(result.findings.map((finding) => finding.code)).toContain('digest_mismatch');
  });
});
