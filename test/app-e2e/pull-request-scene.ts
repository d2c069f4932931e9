// The pull-request scenes of the App on the simulator: a repository whose default branch holds a
// policy (committed by a maintainer, which also lets the App learn who it is), alice, bob and the
// author as writers, and what GitHub ends up holding read back: the `gatehouse` runs on a head
// with their buttons, the sticky request comment, the log branch's records.
import { afterEach, beforeAll, expect } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import type { OpenedPullRequest } from '../simulator/user-actions.ts';
import { appKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { POLICY } from '../support/github-world.ts';
import { APP, type AppScene, BOT, startAppScene } from './app-on-simulator.ts';

export { POLICY };
export const POLICY_PATH = '.github/gatehouse.yml';
export const MIGRATION = { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' };
const DESCRIPTION = '## Rollback plan\n\nRestore the column from the nightly snapshot.';

/**
 * Scenes for a test file: the App's key made once before its tests, each test's scene (started
 * with `start`) stopped after it, failing the test if the App sent GitHub anything it refuses.
 */
export function usePullRequestScenes(): { start(policy?: string | null): Promise<AppScene> } {
  let current: AppScene | undefined;
  beforeAll(() => {
    appKey();
  });
  afterEach(async () => {
    const scene = current;
    current = undefined;
    await scene?.stop();
  });
  return {
    async start(policy) {
      current = await startPullRequestScene(policy);
      return current;
    },
  };
}

/**
 * The App on a fresh simulator; `policy` (null: none) committed to main by dave, an admin. The
 * commit's delivery is answered 200 before the scene is handed over.
 */
export async function startPullRequestScene(
  policy: string | null = POLICY,
  env: Record<string, string> = {},
): Promise<AppScene> {
  const scene = await startAppScene({ env });
  const { sim, users: people } = scene;
  sim.setPermission(users.dave.login, 'admin');
  const files = policy === null ? { 'README.md': 'Shop\n' } : { [POLICY_PATH]: policy };
  const { delivery } = await people.commit(users.dave, 'main', files, 'Set up the repository');
  expect(delivery.status).toBe(200);
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
  return scene;
}

export const REPO = '/repos/acme/shop';

/**
 * The seven reads of the first recompute of pull request `number` with a valid policy (docs/app.md,
 * "API budget"): the pull request, the policy, its files, its timeline, the runs on its head, the
 * log branch's commits and the branch's activity.
 */
export function reads(number: number, headSha: string): string[] {
  return [
    `GET ${REPO}/pulls/${number}`,
    `GET ${REPO}/contents/${POLICY_PATH}`,
    `GET ${REPO}/pulls/${number}/files`,
    `GET ${REPO}/issues/${number}/timeline`,
    `GET ${REPO}/commits/${headSha}/check-runs`,
    `GET ${REPO}/commits`,
    `GET ${REPO}/activity`,
  ];
}

/**
 * The reads of a later recompute of the same head that count: the policy, the files and the
 * branch's activity are what the App read last time, so GitHub answers them 304, which does not
 * count against the rate limit (docs/app.md, "API budget").
 */
export function readsAgain(number: number, headSha: string): string[] {
  return [
    `GET ${REPO}/pulls/${number}`,
    `GET ${REPO}/issues/${number}/timeline`,
    `GET ${REPO}/commits/${headSha}/check-runs`,
    `GET ${REPO}/commits`,
  ];
}

/**
 * The writes of a decision record: one contents-API write on a log branch that exists; the first
 * record creates the branch as an orphan instead (tree, commit, ref).
 */
export function recordWrites(path: string | 'first record'): string[] {
  return path === 'first record'
    ? [`POST ${REPO}/git/trees`, `POST ${REPO}/git/commits`, `POST ${REPO}/git/refs`]
    : [`PUT ${REPO}/contents/${path}`];
}

/**
 * docs/app.md, API budget: a decision that counts on a head the App has gated → the 4 reads that
 * changed, `login`'s permission, the record (`recordWrites`), the comment, and the run `waiting`
 * completed in place with the decision; the listing of the head's runs waiting for a deployment did not
 * change, a 304. `log`: the log's first record (a fresh repository), or one on a log that exists
 * (the new file's path is read from the branch); there the log's listing did not change since the
 * opening either, a 304 (a missing branch's 404 is not cached).
 */
export function decisionBudget(
  scene: AppScene,
  pr: { number: number; headSha: string },
  login: string,
  waiting: number,
  log: 'first record' | 'log exists' = 'first record',
): string[] {
  const again = readsAgain(pr.number, pr.headSha);
  return [
    ...(log === 'first record' ? again : again.filter((line) => line !== `GET ${REPO}/commits`)),
    `GET ${REPO}/collaborators/${login}/permission`,
    ...recordWrites(log === 'first record' ? log : newestRecordPath(scene)),
    `PATCH ${REPO}/issues/comments/${requestComment(scene, pr.number).id}`,
    `PATCH ${REPO}/check-runs/${waiting}`,
  ];
}

/**
 * A gate that waits again after `login`'s statement stopped counting (withdrawn, edited,
 * dismissed): the 4 reads that changed, the comment, a new waiting run; nothing logged. `login`'s
 * permission, read for the statement, and the listing of waiting runs are 304s.
 */
export function recountBudget(scene: AppScene, pr: { number: number; headSha: string }): string[] {
  return [
    ...readsAgain(pr.number, pr.headSha),
    `PATCH ${REPO}/issues/comments/${requestComment(scene, pr.number).id}`,
    `POST ${REPO}/check-runs`,
  ];
}

/** The requests made while `step` ran that count against the rate limit, as `METHOD path`, and its result. */
export async function countRequests<T>(
  scene: AppScene,
  step: () => Promise<T>,
): Promise<{ result: T; requests: string[] }> {
  const before = scene.sim.requests.length;
  const result = await step();
  const requests = scene.sim.requests
    .slice(before)
    .filter((request) => request.counted)
    .map((request) => `${request.method} ${request.path}`);
  return { result, requests };
}

/** The App's `gatehouse` runs on `sha`, oldest first, the newest one, and the buttons GitHub shows on it. */
export function gateRunsOn(scene: AppScene, sha: string) {
  const runs = scene.sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && run.name === 'gatehouse' && (run.app as { id: number }).id === APP.id,
  );
  const newest = runs.at(-1);
  const buttons = (scene.sim.state.checkRunActions.get(Number(newest?.id)) ?? []).map(
    (action) => action.label,
  );
  return { runs, newest, buttons };
}

/** The newest run on `sha` as [status, conclusion, title]. */
export function latestCheck(scene: AppScene, sha: string): [unknown, unknown, unknown] {
  const { newest } = gateRunsOn(scene, sha);
  return [newest?.status, newest?.conclusion, (newest?.output as { title?: string } | undefined)?.title];
}

/** Every run on `sha` as [status, conclusion], oldest first: the check history GitHub shows. */
export function checkHistory(scene: AppScene, sha: string): [unknown, unknown][] {
  return gateRunsOn(scene, sha).runs.map((run) => [run.status, run.conclusion]);
}

/** The App's sticky request comment on `number` (the only comment its bot writes there), as the test reads it. */
export function requestComment(scene: AppScene, number: number): { id: number; body: string } {
  const mine = scene.sim.commentsOn(number).filter((comment) => (comment.user as Actor).id === BOT.id);
  expect(mine, 'one sticky comment by the App').toHaveLength(1);
  return { id: Number(mine[0]?.id), body: String(mine[0]?.body) };
}

/** Rendered text without its Markdown escapes and the zero-width spaces that break mentions. */
export function readable(markdown: unknown): string {
  return String(markdown)
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

/** The path of the file the log branch's newest commit added. */
export function newestRecordPath(scene: AppScene): string {
  const { state } = scene.sim;
  const tip = state.commits.get(state.refs.get('gatehouse-log') ?? '');
  const parent = state.commits.get(tip?.parents[0] ?? '');
  const files = state.trees.get(tip?.tree ?? '') ?? {};
  const before = state.trees.get(parent?.tree ?? '') ?? {};
  const added = Object.keys(files).filter((path) => before[path] === undefined);
  expect(added).toHaveLength(1);
  return added[0] ?? '';
}

/** The log branch's commits, newest first: their messages. */
export function logMessages(scene: AppScene): string[] {
  const { state } = scene.sim;
  const messages: string[] = [];
  let sha = state.refs.get('gatehouse-log');
  while (sha !== undefined) {
    const commit = state.commits.get(sha);
    if (commit === undefined) break;
    messages.push(commit.message);
    sha = commit.parents[0];
  }
  return messages;
}

/** The author opens a pull request that changes a migration (with a rollback plan), or `files`. */
export function openPullRequest(
  scene: AppScene,
  files: Record<string, string> = MIGRATION,
): Promise<OpenedPullRequest> {
  return scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: DESCRIPTION,
    files,
  });
}

/** A minute passes, then `by` comments `body` on `number`; the App answers 200. */
export async function commentLater(scene: AppScene, number: number, by: Actor, body: string) {
  scene.sim.advance(60_000);
  const comment = await scene.users.comment(number, by, body);
  expect(comment.delivery.status, comment.delivery.body).toBe(200);
  return comment;
}

/** Opens the migration and has alice approve it with a comment: the check is green. */
export async function openAndApprove(scene: AppScene): Promise<OpenedPullRequest> {
  const pr = await openPullRequest(scene);
  expect(pr.delivery.status).toBe(200);
  await commentLater(scene, pr.number, users.alice, '/approve');
  expect(latestCheck(scene, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
  return pr;
}
