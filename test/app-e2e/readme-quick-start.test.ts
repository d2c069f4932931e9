// README's "App quick start", steps 3 and 4, followed literally against the GitHub simulator with
// the real App: the policy is read from README.md's own code block and committed to the default
// branch, alice and bob are writers, and a pull request adds a migration. Assertions are on what
// GitHub ends up holding (check runs on the head, comments, review requests, the log branch), with
// the requests each step cost as budgets next to them (docs/app.md, "API budget").
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import { parseMarkdownSection } from '../support/markdown-code-blocks.ts';
import { APP, type AppScene, BOT, startAppScene } from './app-on-simulator.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const quickStart = parseMarkdownSection(README, 'App quick start');

/** Step 3: the policy block, and the path the prose says to commit it to. */
function readPolicy(): { path: string; text: string } {
  const block = quickStart.blocks.find((entry) => entry.info === 'yaml');
  const path = /to the repository's default branch, `([^`]+)`/.exec(quickStart.prose)?.[1];
  if (block === undefined || path === undefined) throw new Error("README's App quick start step 3 changed");
  return { path, text: block.code };
}

const MIGRATION = {
  'db/migrations/20261120_drop_orders_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n',
};
const DESCRIPTION = [
  '## Context',
  '',
  'The column has been unused since the March release.',
  '',
  '## Rollback plan',
  '',
  'Restore the column from the nightly snapshot and redeploy.',
].join('\n');

let scene: AppScene;

beforeEach(async () => {
  scene = await startAppScene();
  const { sim, users: people } = scene;
  // Step 3: the policy on the default branch, committed by a maintainer.
  sim.setPermission(users.dave.login, 'admin');
  const policy = readPolicy();
  const before = sim.requests.length;
  const commit = await people.commit(
    users.dave,
    'main',
    { [policy.path]: policy.text },
    'Add a Gatehouse policy',
  );
  expect(commit.delivery.status).toBe(200);
  // The first delivery: the App's identity (GET /app with its JWT, then its bot as the
  // installation), an installation token, and the policy read to sync its environments (none).
  expect(
    sim.requests.slice(before).map((request) => `${request.status} ${request.method} ${request.path}`),
  ).toEqual([
    '200 GET /app',
    `201 POST /app/installations/${APP.installationId}/access_tokens`,
    `200 GET /users/${BOT.login}`,
    `200 GET /repos/acme/shop/contents/${policy.path}`,
  ]);
  // The people the policy names are writers; so is the author, who pushes a branch of the repository.
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
});

afterEach(async () => {
  // Nothing the App asked was refused (no 401 or 403 for its tokens, no route the simulator does
  // not serve), except reading the log branch before its first record, which GitHub answers 404.
  const refused = scene.sim.requests.filter((request) => request.status >= 400);
  await scene.stop();
  for (const request of refused)
    expect(`${request.status} ${request.method} ${request.path} ${request.query.sha}`).toBe(
      '404 GET /repos/acme/shop/commits gatehouse-log',
    );
});

/** The requests made while `step` ran that count against the rate limit, as `METHOD path`. */
async function countRequests(step: () => Promise<unknown>): Promise<string[]> {
  const before = scene.sim.requests.length;
  await step();
  return scene.sim.requests
    .slice(before)
    .filter((request: RecordedRequest) => request.counted)
    .map((request) => `${request.method} ${request.path}`);
}

/** The newest `gatehouse` run of the App on `sha`, with the buttons GitHub shows on it. */
function gateRunOn(sha: string) {
  const runs = scene.sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && run.name === 'gatehouse' && (run.app as { id: number }).id === APP.id,
  );
  const newest = runs.at(-1);
  const buttons = (scene.sim.state.checkRunActions.get(Number(newest?.id)) ?? []).map(
    (action) => action.label,
  );
  return { runs, newest, buttons };
}

function openMigration(body = DESCRIPTION) {
  return scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body,
    files: MIGRATION,
  });
}

describe("README's App quick start", () => {
  it('asks alice and bob with a request comment and a waiting check; /approve from alice turns it green and logs it', async () => {
    const { sim, users: people } = scene;
    let pr: Awaited<ReturnType<typeof openMigration>> | undefined;
    const opening = await countRequests(async () => {
      pr = await openMigration();
    });
    if (pr === undefined) throw new Error('not opened');
    expect(pr.delivery.status).toBe(200);

    const waiting = gateRunOn(pr.headSha);
    expect(waiting.runs).toHaveLength(1);
    expect(waiting.newest).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      app: { id: APP.id, slug: APP.slug },
      output: { title: 'Waiting for 1 approval from platform' },
    });
    expect(waiting.buttons).toEqual(['Approve', 'Reject']);
    const comments = sim.commentsOn(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ user: { id: BOT.id, login: BOT.login, type: 'Bot' } });
    expect(String(comments[0]?.body)).toContain('needs 1 approval from **platform** (`alice`, `bob`)');
    const requested = (sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
    // docs/app.md, API budget: opened → 7 reads, the comment, the review request, the check run
    // (10), and the one listing of the head's runs waiting for a deployment.
    expect(opening).toHaveLength(11);

    let approval: Awaited<ReturnType<typeof people.comment>> | undefined;
    const approving = await countRequests(async () => {
      approval = await people.comment(pr?.number ?? 0, users.alice, '/approve');
    });
    expect(approval?.delivery.status).toBe(200);
    const approved = gateRunOn(pr.headSha);
    expect(approved.newest).toMatchObject({ status: 'completed', conclusion: 'success' });
    const log = sim.filesOnBranch('gatehouse-log');
    const records = Object.values(log);
    expect(records).toHaveLength(1);
    expect(records[0]).toContain('alice');
    expect(records[0]).toContain(pr.headSha);
    // docs/app.md, API budget: /approve → 4 reads, 1 permission, tree + commit + ref, comment, the
    // waiting check run completed in place (10); the policy, the files, the activity and the listing of runs
    // waiting for a deployment are what the opening read: 304s, which do not count.
    expect(approving).toHaveLength(10);
  });

  // "A comment `/approve` from one of them (or a click, or an approving review) turns the check green."
  const ways = [
    [
      'a click on Approve',
      (run: number, _number: number) => scene.users.clickButton(run, 'approve', users.bob),
    ],
    [
      'an approving review',
      (_run: number, number: number) => scene.users.review(number, users.bob, 'APPROVED'),
    ],
  ] as const;
  for (const [way, approve] of ways) {
    it(`turns the check green on ${way} from bob`, async () => {
      const pr = await openMigration();
      const run = Number(gateRunOn(pr.headSha).newest?.id);
      const delivery = await approve(run, pr.number);
      expect(delivery.status).toBe(200);
      expect(gateRunOn(pr.headSha).newest).toMatchObject({ status: 'completed', conclusion: 'success' });
      const records = Object.values(scene.sim.filesOnBranch('gatehouse-log'));
      expect(records).toHaveLength(1);
      expect(records[0]).toContain('bob');
      expect(records[0]).toContain(pr.headSha);
    });
  }

  it('says what a migration without a rollback plan is missing, and asks nobody', async () => {
    const { sim } = scene;
    let pr: Awaited<ReturnType<typeof openMigration>> | undefined;
    const opening = await countRequests(async () => {
      pr = await openMigration('## Context\n\nThe column has been unused since the March release.');
    });
    if (pr === undefined) throw new Error('not opened');
    expect(pr.delivery.status).toBe(200);
    const gate = gateRunOn(pr.headSha);
    expect(gate.newest).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Not ready for approval: no rollback plan' },
    });
    expect(gate.buttons).toEqual([]);
    const [comment, ...more] = sim.commentsOn(pr.number);
    expect(more).toEqual([]);
    expect(comment).toMatchObject({ user: { id: BOT.id, type: 'Bot' } });
    expect(String(comment?.body)).toContain(
      '### Not ready for approval\n\n- no rollback plan, required by rule **migrations**\n\nAdd what is missing to the request; nobody is asked to approve it until then.',
    );
    expect(sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    // 7 reads, the comment and the check run; no review request; the deployment listing.
    expect(opening).toHaveLength(10);
  });

  it('lets a pull request that touches nothing risky pass on its own', async () => {
    const { sim, users: people } = scene;
    let pr: Awaited<ReturnType<typeof openMigration>> | undefined;
    const opening = await countRequests(async () => {
      pr = await people.openPullRequest({
        by: users.author,
        title: 'Fix a typo in the README',
        body: 'Typo.',
        files: { 'README.md': 'Shop\n' },
      });
    });
    if (pr === undefined) throw new Error('not opened');
    expect(pr.delivery.status).toBe(200);
    expect(gateRunOn(pr.headSha).newest).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Auto-approved: low risk' },
    });
    expect(sim.commentsOn(pr.number)).toEqual([]);
    expect(sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    const records = Object.values(sim.filesOnBranch('gatehouse-log'));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain(pr.headSha);
    // 7 reads, the log commit (tree, commit, ref), the check run, the deployment listing.
    expect(opening).toHaveLength(12);
  });
});
