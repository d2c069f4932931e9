// The trust model end to end (issue 10, docs/security.md) on the simulator, through the real
// App: a writer of the repository tries to open a closed gate with what they can write (a push,
// a force push, a retarget, an edit of the description, a deleted comment), and what GitHub ends
// up holding (the App's check runs on the head, the sticky comment, the decision log) shows the
// gate stayed closed.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { POLICY } from '../support/github-world.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  countRequests,
  logRecords,
  MINUTE,
  openMigration,
  outputOf,
  readable,
  runsOn,
  useGateScenes,
  verdictOn,
} from './gate-scene.ts';

const scenes = useGateScenes();

const WAITING = ['in_progress', null, 'Waiting for 1 approval from platform'];

/** The App's sticky comment on pull request `number` (its first comment there). */
function stickyComment(scene: AppScene, number: number): string {
  const [first] = scene.sim
    .commentsOn(number)
    .filter((comment) => (comment.user as { login: string }).login === 'gatehouse[bot]');
  return String(first?.body);
}

/** alice writes `body` on pull request `number`; returns the comment's id. */
async function aliceSays(scene: AppScene, number: number, body: string): Promise<number> {
  const said = await scene.users.comment(number, users.alice, body);
  expect(said.delivery.status, said.delivery.body).toBe(200);
  scene.sim.advance(MINUTE);
  return said.id;
}

const INDEX = { 'db/migrations/002_index.sql': 'CREATE INDEX orders_created ON orders (created_at);\n' };

describe('an approval is bound to the head it was given on, by GitHub’s records (class 2)', () => {
  it('does not come back with a force-push back to the approved commit', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pr.headSha)[1]).toBe('success');

    const pushed = await scene.history.push(pr.number, users.mallory, {
      files: INDEX,
      message: 'Add an index',
    });
    expect(pushed.delivery?.status).toBe(200);
    expect(verdictOn(scene, pushed.sha)).toEqual(WAITING);
    scene.sim.advance(10 * MINUTE);
    // mallory force-pushes the branch back to the commit alice approved, after her approval.
    const { result: back, counted } = await countRequests(scene, () =>
      scene.history.forcePush(pr.number, users.mallory, { to: pr.headSha }),
    );
    expect(back.delivery?.status).toBe(200);
    // The commit's newest `gatehouse` run, the one branch protection reads, is pending again.
    expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
    expect(runsOn(scene, pr.headSha).buttons).toEqual(['Approve', 'Reject']);
    expect(stickyComment(scene, pr.number)).toContain('became the head of this request');
    expect(Object.keys(logRecords(scene))).toHaveLength(1);
    // What changed: the pull request, its timeline, the activity log; the sticky comment's update
    // and the new run. Every other read is a 304 (the head's runs, files, policy, log, alice's
    // permission, the deployment listing: as the App last read them). Nobody is asked again
    // (alice and bob still are).
    expect(counted).toHaveLength(5);
  });

  it('does not count for a commit Gatehouse saw earlier elsewhere, pushed onto the branch after it', async () => {
    const scene = await scenes.start();
    // The commit had a run of Gatehouse's from long before (another pull request's head, since
    // closed): the time Gatehouse first saw it must not date its arrival here. (Less than the
    // installation token's hour passes: the App's token cache runs on the real clock.)
    const earlier = await openMigration(scene, { files: INDEX });
    expect(verdictOn(scene, earlier.headSha)).toEqual(WAITING);
    await scene.history.close(earlier.number, users.mallory);
    scene.sim.advance(30 * MINUTE);
    const pr = await openMigration(scene);
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pr.headSha)[1]).toBe('success');
    scene.sim.advance(5 * MINUTE);
    const { result: pushed, counted } = await countRequests(scene, () =>
      scene.history.push(pr.number, users.mallory, { to: earlier.headSha }),
    );
    expect(pushed.delivery?.status).toBe(200);
    // The commit's run now shows this request, with alice's approval counted as stale: given
    // before the commit became this pull request's head, by GitHub's activity log.
    const { newest } = runsOn(scene, earlier.headSha);
    const summary = readable(outputOf(newest).summary);
    expect(summary).toMatch(/`\/approve` — stale: given before [0-9a-f]{7} became the head of this request/);
    expect(outputOf(newest).text).toContain('"login":"mallory"');
    // 5 reads (the files, the policy, alice's permission and the deployment listing are 304s),
    // the sticky comment, the run.
    expect(counted).toHaveLength(7);
    expect(verdictOn(scene, earlier.headSha)).toEqual(WAITING);
    expect(Object.keys(logRecords(scene))).toHaveLength(1);
  });

  it('lets no last pusher approve, though the synchronize delivery was lost', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    // alice pushes to the branch; GitHub's delivery of it never reaches Gatehouse.
    const pushed = await scene.history.push(
      pr.number,
      users.alice,
      { files: INDEX, message: 'Add an index' },
      { lost: true },
    );
    expect(pushed.delivery).toBeUndefined();
    scene.sim.advance(2 * MINUTE);
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pushed.sha)).toEqual(WAITING);
    expect(stickyComment(scene, pr.number)).toContain('is the last pusher');
    // The run records the pusher GitHub's activity log names.
    const { newest } = runsOn(scene, pushed.sha);
    expect(outputOf(newest).text).toContain('"login":"alice"');
    expect(logRecords(scene)).toEqual({});
  });

  it('asks again after the pull request is retargeted to another base', async () => {
    const scene = await scenes.start();
    scene.sim.state.refs.set('release', scene.sim.state.refs.get('main') ?? '');
    scene.sim.state.contents.release = { ...scene.sim.state.contents.main };
    const pr = await openMigration(scene);
    await aliceSays(scene, pr.number, '/approve');
    // mallory moves the base away and back: what the approval was for is another diff.
    expect((await scene.history.retarget(pr.number, users.mallory, 'release')).status).toBe(200);
    scene.sim.advance(MINUTE);
    const { result: back, counted } = await countRequests(scene, () =>
      scene.history.retarget(pr.number, users.mallory, 'main'),
    );
    expect(back.status).toBe(200);
    expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
    expect(stickyComment(scene, pr.number)).toContain('base ref changed');
    expect(Object.keys(logRecords(scene))).toHaveLength(1);
    // The pull request, its timeline, the head's runs, the sticky comment, the new run: the
    // policy of main, the files and the log are as the App read them before the move (304s).
    expect(counted).toHaveLength(5);
  });
});

describe('an approval is bound to the request it was given for (class 3)', () => {
  it('does not carry over an edit of the rollback plan: no new record says alice approved the new text', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    await aliceSays(scene, pr.number, '/approve');
    // mallory edits the rollback plan alice approved.
    const { result: edited, counted } = await countRequests(scene, () =>
      scene.history.edit(pr.number, users.mallory, {
        body: '## Context\n\nThe column is unused.\n\n## Rollback plan\n\nRestore the column from the weekly archive instead.',
      }),
    );
    expect(edited.status).toBe(200);
    // 4 reads (the policy, files, activity, alice's permission and the deployment listing are
    // 304s), the sticky comment, the new run.
    expect(counted).toHaveLength(6);
    scene.sim.advance(MINUTE);
    expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
    expect(stickyComment(scene, pr.number)).toContain('before the request changed');
    // One record: alice's approval of the text she saw. None for the new text.
    expect(Object.keys(logRecords(scene))).toHaveLength(1);

    // alice reads the new rollback plan and approves it: that approval counts, and is recorded.
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pr.headSha)[1]).toBe('success');
    const records = Object.values(logRecords(scene));
    expect(records).toHaveLength(2);
    expect(records.every((record) => record.includes('alice'))).toBe(true);
  });

  it('does not count an approval of the old text with a later one of the new: the run that showed the old request is not rewritten to show the new one', async () => {
    const twoApprovals = POLICY.replace(
      '    reviewers: [platform]\n',
      '    reviewers: [platform]\n    approvals: 2\n',
    );
    const scene = await scenes.start({ policy: twoApprovals });
    const pr = await openMigration(scene);
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 of 2 approvals from platform',
    ]);
    // mallory edits the rollback plan alice approved; bob then approves the new text.
    const edited = await scene.history.edit(pr.number, users.mallory, {
      body: '## Context\n\nThe column is unused.\n\n## Rollback plan\n\nRestore the column from the weekly archive instead.',
    });
    expect(edited.status).toBe(200);
    scene.sim.advance(MINUTE);
    const said = await scene.users.comment(pr.number, users.bob, '/approve');
    expect(said.delivery.status, said.delivery.body).toBe(200);
    // One approval of the text as it is now, bob's: the gate still waits for a second.
    expect(verdictOn(scene, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 of 2 approvals from platform',
    ]);
    expect(stickyComment(scene, pr.number)).toContain('before the request changed');
    expect(Object.keys(logRecords(scene))).toHaveLength(0);
  });
});

describe('a veto Gatehouse has seen is durable (class 4)', () => {
  it('still blocks when a writer deletes the /reject, after a restart too, and on the next head', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const id = await aliceSays(scene, pr.number, '/reject the rollback plan is untested');
    expect(verdictOn(scene, pr.headSha).slice(0, 2)).toEqual(['completed', 'failure']);
    const rejected = runsOn(scene, pr.headSha).newest;
    expect(outputOf(rejected).text).toContain('<!-- gatehouse:vetoes ');

    // mallory, who can write, deletes alice's comment.
    const { result: deleted, counted } = await countRequests(scene, () =>
      scene.users.deleteComment(pr.number, id, users.mallory),
    );
    expect(deleted.status).toBe(200);
    // 4 reads (the policy, files, activity, alice's permission and the deployment listing are
    // 304s), the sticky comment, the run's update.
    expect(counted).toHaveLength(6);
    scene.sim.advance(MINUTE);
    // The run says why: the rejection's comment was deleted, and it still blocks.
    const after = runsOn(scene, pr.headSha).newest;
    expect(after).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(JSON.stringify(after?.output)).toContain('was deleted after Gatehouse saw it');
    expect(JSON.stringify(after?.output)).toContain('the rollback plan is untested');

    // A fresh process knows nothing but what GitHub holds: the veto is still there.
    await scene.restart();
    const pushed = await scene.history.push(pr.number, users.author, {
      files: INDEX,
      message: 'Add an index',
    });
    expect(pushed.delivery?.status).toBe(200);
    // The veto, carried from the earlier head's run, rejects the new head: its own record.
    expect(verdictOn(scene, pushed.sha).slice(0, 2)).toEqual(['completed', 'failure']);
    const records = Object.values(logRecords(scene));
    expect(records).toHaveLength(2);
    expect(records.some((record) => record.includes(pushed.sha))).toBe(true);
  });

  it('is lifted by its author’s own newer statement, not by the deletion', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const id = await aliceSays(scene, pr.number, '/reject not yet');
    expect(verdictOn(scene, pr.headSha)[1]).toBe('failure');
    expect((await scene.users.deleteComment(pr.number, id, users.mallory)).status).toBe(200);
    scene.sim.advance(MINUTE);
    expect(verdictOn(scene, pr.headSha)[1]).toBe('failure');
    await aliceSays(scene, pr.number, '/approve');
    expect(verdictOn(scene, pr.headSha).slice(0, 2)).toEqual(['completed', 'success']);
  });
});

describe('every path is a path (class 7)', () => {
  it.each([
    ['a newline', 'db/migrations/002_drop\nstatus.sql'],
    ['a line separator', 'db/migrations/002\u2028drop.sql'],
    ['a carriage return at the end', 'db/migrations/002_drop.sql\r'],
  ])('gates a migration whose name holds %s', async (_, path) => {
    const scene = await scenes.start();
    const pr = await openMigration(scene, { files: { [path]: 'ALTER TABLE orders DROP COLUMN status;\n' } });
    expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
    const requested = (scene.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
  });
});
