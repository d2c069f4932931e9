// The bundled Action records two decisions on the GitHub simulator (an approval, a rejection) as
// github-actions[bot]; then a writer of the repository tampers with the log branch from their own
// clone, each way issue 12 lists, and `gatehouse audit --repo --app github-actions --strict` finds
// each one (exit 1, the finding's code); the untouched log passes (exit 0). What this proves, and
// what it cannot (any workflow can write as github-actions[bot]), is in docs/audit.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { parseRecordAnchor } from '../../src/core/record-anchor.ts';
import { pushedCommit } from '../simulator/commit-verification.ts';
import { type GitHubSimulator, startGitHubSimulator } from '../simulator/github.ts';
import { HistoryActions } from '../simulator/history-actions.ts';
import type { WebhookSender } from '../simulator/webhooks.ts';
import { users } from '../support/github-fixtures.ts';
import { createTamperings, forgeApproval } from '../support/log-tampering.ts';
import { anEvent, runAction } from './run-action.ts';
import { issueOf, POLICY } from './scenario.ts';

const LOG = 'gatehouse-log';
const BUNDLE = resolve('dist/action.mjs');

let sim: GitHubSimulator;
let history: HistoryActions;
let workdir: string;
let cleanTip: string;
let approved: { path: string; text: string };
let rejected: { path: string; text: string };

interface Finding {
  code: string;
  path: string | null;
}

/** `gatehouse audit --repo acme/shop --app github-actions --format json …`, in process. */
async function audit(args: string[]): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    ['audit', '--repo', 'acme/shop', '--app', 'github-actions', '--format', 'json', ...args],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: workdir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GITHUB_TOKEN: 'a-reader-token',
        GITHUB_API_URL: sim.url,
        NO_COLOR: '1',
      },
      now: () => new Date(sim.clock),
    },
  );
  return {
    code,
    findings: stdout === '' ? [] : (JSON.parse(stdout) as { findings: Finding[] }).findings,
    stderr,
  };
}

/** One request through the bundled Action, decided by `comment`: the first run asks, the second reads the answer. */
async function decide(title: string, comment: string, runId: number): Promise<void> {
  const inputs = { mode: 'request', title, kind: 'migration', rollback: 'Restore the column' };
  const invocation = {
    bundle: BUNDLE,
    apiUrl: sim.url,
    clockOffsetMs: sim.clockOffsetMs,
    eventName: 'workflow_dispatch',
    event: anEvent('workflow_dispatch', undefined),
    // A commit the repository holds (GITHUB_SHA), as on GitHub: its check suites carry the anchors.
    sha: mainCommit(),
    inputs,
  };
  const asked = await runAction({ ...invocation, runId });
  expect(asked.outputs.decision, asked.stdout).toBe('pending');
  sim.age(issueOf(asked), 60_000);
  sim.addComment(issueOf(asked), users.alice, comment);
  const answered = await runAction({ ...invocation, runId: runId + 1 });
  expect(answered.outputs.decision, answered.stdout).toMatch(/^(approved|rejected)$/);
}

function mainCommit(): string {
  const sha = sim.state.refs.get(sim.state.defaultBranch);
  if (sha === undefined) throw new Error('the default branch has no commit');
  return sha;
}

/** mallory pushes the log branch to hold exactly `files`: one unsigned commit of hers. */
function pushAsUser(files: Record<string, string>, message: string): string {
  const tip = sim.state.refs.get(LOG) ?? '';
  const sha = history.writeCommit([tip], files, message, pushedCommit(users.mallory));
  history.moveBranch(LOG, tip, sha, users.mallory, 'push');
  return sha;
}

beforeAll(async () => {
  sim = await startGitHubSimulator();
  // Only the git data the tampering writes; no delivery reaches anyone here.
  history = new HistoryActions(sim, undefined as unknown as WebhookSender);
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-action-tamper-'));
  sim.setFile('.github/gatehouse.yml', POLICY);
  history.writeToBranch(
    'main',
    { '.github/gatehouse.yml': POLICY },
    'Add a policy',
    pushedCommit(users.dave),
  );
  for (const login of ['alice', 'bob', 'carol']) sim.setPermission(login, 'write');
  await decide('Drop orders.status', '/approve', 8001);
  await decide('Drop orders.notes', '/reject the snapshot is a week old', 8101);
  cleanTip = sim.state.refs.get(LOG) ?? '';
  const files = Object.entries(sim.filesOnBranch(LOG)).filter(([path]) => path.startsWith('decisions/'));
  expect(files).toHaveLength(2);
  const find = (decision: string) => {
    const found = files.find(([, text]) => text.includes(`\ndecision: ${decision}\n`));
    if (found === undefined) throw new Error(`no ${decision} record`);
    return { path: found[0], text: found[1] };
  };
  approved = find('approved');
  rejected = find('rejected');
}, 120_000);

afterEach(() => {
  // Back to the log the Action wrote (a force push, as any writer could).
  const tip = sim.state.refs.get(LOG) ?? '';
  if (tip !== cleanTip) history.moveBranch(LOG, tip, cleanTip, users.dave, 'force_push');
});

afterAll(async () => {
  await sim?.close();
  sim?.assertFaithful();
  rmSync(workdir, { recursive: true, force: true });
});

describe('gatehouse audit --repo --app github-actions --strict, on a log the Action wrote', () => {
  it("anchors each record in its workflow's check run: path, SHA-256 of the bytes, log commit", () => {
    const anchors = sim.state.checkRuns
      .map((checkRun) => parseRecordAnchor(((checkRun.output ?? {}) as { text?: string }).text))
      .filter((anchor) => anchor !== undefined);
    expect(anchors.map((anchor) => anchor.path).sort()).toEqual([approved.path, rejected.path].sort());
  });

  it('passes the untouched log, exit 0', async () => {
    const result = await audit(['--strict']);
    expect(result.findings).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(
    createTamperings({
      files: () => sim.filesOnBranch(LOG),
      approved: () => approved,
      rejected: () => rejected,
    }),
  )('finds $tampering, exit 1', async ({ change, found }) => {
    pushAsUser(change(), 'Fix the log');
    const result = await audit(['--strict']);
    expect(result.code, result.stderr).toBe(1);
    for (const expected of found)
      expect(result.findings).toContainEqual(
        expect.objectContaining({ code: expected.code, path: expected.path() }),
      );
  });

  it('finds a record a user added, with an id recomputed by the public algorithm, exit 1', async () => {
    const { path, text } = forgeApproval(rejected);
    pushAsUser({ ...sim.filesOnBranch(LOG), [path]: text }, 'Add a decision');
    const result = await audit(['--strict']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'unanchored', path }));
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'unverified_commit', path }));
  });

  it('finds a record re-committed by a user with its exact bytes, exit 1', async () => {
    const actionCommit = sim.state.commits.get(cleanTip);
    const parent = actionCommit?.parents[0] ?? '';
    history.moveBranch(LOG, cleanTip, parent, users.mallory, 'force_push');
    const restored = sim.filesOnBranch(LOG);
    const missing = [approved, rejected].find((record) => restored[record.path] === undefined);
    if (missing === undefined) throw new Error('the last Action commit added no record');
    pushAsUser({ ...restored, [missing.path]: missing.text }, 'Restore the decision');
    const result = await audit(['--strict']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.findings.map((finding) => `${finding.code} ${finding.path}`)).toEqual([
      `unverified_commit ${missing.path}`,
    ]);
  });
});
