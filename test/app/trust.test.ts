// The trust model end to end (issue 10, DESIGN §11), through the real Probot server: a writer of
// the repository tries to open a closed gate with what they can write (a push, a force-push, a
// retarget, an edit of the description, a deleted comment), and what GitHub ends up holding (the
// check runs on the head, the decision log) shows the gate stayed closed.

import { describe, expect, it } from 'vitest';
import { aCheckRun, aTimelineEvent, HEAD_SHA, NEW_HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  outputOf,
  pushHead,
  runsOf,
  type World,
} from '../support/github-world.ts';
import {
  commentEvent,
  decide,
  openAndApprove,
  openPullRequest,
  pullRequestEvent,
  startAppWorld,
  step,
  useAppWorlds,
} from './app-world.ts';

const apps = useAppWorlds();

/** Status and conclusion of the newest `gatehouse` run on a commit. */
function newestRun(world: World, sha = HEAD_SHA): [unknown, unknown] {
  const run = runsOf(world, sha, 'gatehouse').at(-1);
  return [run?.status, run?.conclusion];
}

const writers = { alice: ['write', 'write'], mallory: ['write', 'write'] } as Record<
  string,
  [string, string]
>;

describe('an approval is bound to the head it was given on, by GitHub’s records (class 2)', () => {
  it('does not come back with a force-push back to the approved commit', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openAndApprove(app);
    expect(newestRun(world)).toEqual(['completed', 'success']);

    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:09:30Z', users.mallory);
    await step(
      app,
      '2026-11-20T10:10:00Z',
      pullRequestEvent('synchronize', users.mallory, NEW_HEAD_SHA),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(world, scope, (body) => body.head_sha === NEW_HEAD_SHA);
      },
    );
    // mallory force-pushes the branch back to the commit alice approved, after her approval.
    pushHead(world, HEAD_SHA, '2026-11-20T10:20:00Z', users.mallory, 'force_push');
    const run = await step(
      app,
      '2026-11-20T10:21:00Z',
      pullRequestEvent('synchronize', users.mallory, HEAD_SHA),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
          body.includes('became the head of this request'),
        );
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.head_sha === HEAD_SHA && body.status === 'in_progress',
        );
      },
    );
    expect(run).toMatchObject({ state: 'pending', headSha: HEAD_SHA });
    // The commit's newest `gatehouse` run, the one branch protection reads, is pending again.
    expect(newestRun(world)).toEqual(['in_progress', null]);
    expect(world.log).toHaveLength(1);
  });

  it('does not count for a commit Gatehouse saw earlier elsewhere, pushed onto the branch after it', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openAndApprove(app);
    // The commit had a run of Gatehouse's from long before (another pull request's head): the
    // time Gatehouse first saw it must not date its arrival here.
    world.runs.set(NEW_HEAD_SHA, [
      { ...aCheckRun({ id: 77, headSha: NEW_HEAD_SHA, startedAt: '2026-11-20T08:00:00Z' }), actions: [] },
    ]);
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:20:00Z', users.mallory);
    const run = await step(
      app,
      '2026-11-20T10:21:00Z',
      pullRequestEvent('synchronize', users.mallory, NEW_HEAD_SHA),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(world, scope, (body) => body.head_sha === NEW_HEAD_SHA);
        mockUpdateCheckRun(world, scope, 77);
      },
    );
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA });
    expect(newestRun(world, NEW_HEAD_SHA)).toEqual(['in_progress', null]);
  });

  it('lets no last pusher approve, though the synchronize delivery was lost', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openPullRequest(app);
    // alice pushes to the branch; GitHub's delivery of it never reaches Gatehouse.
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:10:00Z', users.alice);
    const id = addComment(world, users.alice, '/approve', '2026-11-20T10:12:00Z');
    const run = await step(
      app,
      '2026-11-20T10:13:00Z',
      commentEvent('created', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:12:00Z',
      }),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
          body.includes('is the last pusher'),
        );
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(world, scope, (body) =>
          String((body.output as { text?: string } | undefined)?.text).includes('"login":"alice"'),
        );
      },
    );
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA, approvers: [] });
    expect(newestRun(world, NEW_HEAD_SHA)).toEqual(['in_progress', null]);
    expect(world.log).toBeNull();
  });

  it('asks again after the pull request is retargeted to another base', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openAndApprove(app);
    // mallory moves the base away and back: what the approval was for is another diff.
    world.events.push(
      aTimelineEvent({
        id: 501,
        event: 'base_ref_changed',
        at: '2026-11-20T10:20:00Z',
        actor: users.mallory,
      }),
    );
    const run = await step(
      app,
      '2026-11-20T10:21:00Z',
      pullRequestEvent('edited', users.mallory),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
          body.includes('base ref changed'),
        );
        mockCreateCheckRun(world, scope, (body) => body.status === 'in_progress');
      },
    );
    expect(run).toMatchObject({ state: 'pending' });
    expect(newestRun(world)).toEqual(['in_progress', null]);
    expect(world.log).toHaveLength(1);
  });
});

describe('an approval is bound to the request it was given for (class 3)', () => {
  it('does not carry over an edit of the rollback plan: no new record says alice approved the new text', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openAndApprove(app);
    // mallory edits the rollback plan alice approved.
    world.pr.body =
      '## Context\n\nThe column is unused.\n\n## Rollback plan\n\nRestore the column from the weekly archive instead.';
    const run = await step(
      app,
      '2026-11-20T10:21:00Z',
      pullRequestEvent('edited', users.mallory),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
          body.includes('before the request changed'),
        );
        mockCreateCheckRun(world, scope, (body) => body.status === 'in_progress');
      },
    );
    expect(run).toMatchObject({ state: 'pending', approvers: [] });
    expect(newestRun(world)).toEqual(['in_progress', null]);
    // One record: alice's approval of the text she saw. None for the new text.
    expect(world.log).toHaveLength(1);

    // alice reads the new rollback plan and approves it: that approval counts, and is recorded.
    const id = addComment(world, users.alice, '/approve', '2026-11-20T10:30:00Z');
    const again = await step(
      app,
      '2026-11-20T10:31:00Z',
      commentEvent('created', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:30:00Z',
      }),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockLogWrite(world, scope);
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
        mockUpdateCheckRun(world, scope, runsOf(world).at(-1)?.id as number);
      },
    );
    expect(again).toMatchObject({ state: 'approved', approvers: ['alice'] });
    expect(newestRun(world)).toEqual(['completed', 'success']);
    expect(world.log).toHaveLength(2);
  });
});

describe('a veto Gatehouse has seen is durable (class 4)', () => {
  it('still blocks when a writer deletes the /reject, after a restart too, and on the next head', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { run: rejected, id } = await decide(app, '/reject the rollback plan is untested', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(rejected).toMatchObject({ state: 'rejected' });
    expect(String(outputOf(runsOf(world).at(-1)).text)).toContain('<!-- gatehouse:vetoes ');

    // mallory, who can write, deletes alice's comment.
    world.comments = world.comments.filter((comment) => comment.id !== id);
    const deleted = commentEvent(
      'deleted',
      {
        id,
        author: users.alice,
        body: '/reject the rollback plan is untested',
        updatedAt: '2026-11-20T10:04:00Z',
      },
      users.mallory,
    );
    const after = await step(app, '2026-11-20T10:10:00Z', deleted, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockUpdateComment(world, scope, world.comments[0]?.id as number);
      // The run says why: the rejection's comment was deleted, and it still blocks.
      mockUpdateCheckRun(world, scope, runsOf(world).at(-1)?.id as number, (body) =>
        JSON.stringify(body).includes('was deleted after Gatehouse saw it'),
      );
    });
    expect(after).toMatchObject({ state: 'rejected', reason: 'the rollback plan is untested' });
    expect(newestRun(world)).toEqual(['completed', 'failure']);

    // A fresh process knows nothing but what GitHub holds: the veto is still there.
    await app.harness.stop();
    const restarted = await startAppWorld(world);
    try {
      pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:20:00Z', users.author);
      const next = await step(
        restarted,
        '2026-11-20T10:21:00Z',
        pullRequestEvent('synchronize', users.author, NEW_HEAD_SHA),
        (scope) => {
          mockReads(world, scope, { permissions: ['alice'] });
          // The veto, carried from the earlier head's run, rejects the new head: its own record.
          mockLogWrite(world, scope);
          mockUpdateComment(world, scope, world.comments[0]?.id as number);
          mockCreateCheckRun(
            world,
            scope,
            (body) => body.head_sha === NEW_HEAD_SHA && body.conclusion === 'failure',
          );
        },
      );
      expect(next).toMatchObject({ state: 'rejected', headSha: NEW_HEAD_SHA });
      expect(newestRun(world, NEW_HEAD_SHA)).toEqual(['completed', 'failure']);
    } finally {
      await restarted.harness.stop();
    }
  });

  it('is lifted by its author’s own newer statement, not by the deletion', async () => {
    const world = aWorld({ permissions: writers });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { id } = await decide(app, '/reject not yet', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, ids.run);
    });
    world.comments = world.comments.filter((comment) => comment.id !== id);
    const approval = addComment(world, users.alice, '/approve', '2026-11-20T10:30:00Z');
    const run = await step(
      app,
      '2026-11-20T10:31:00Z',
      commentEvent('created', {
        id: approval,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:30:00Z',
      }),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockLogWrite(world, scope);
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
      },
    );
    expect(run).toMatchObject({ state: 'approved', approvers: ['alice'] });
    expect(newestRun(world)).toEqual(['completed', 'success']);
  });
});

describe('every path is a path (class 7)', () => {
  it.each([
    ['a newline', 'db/migrations/002_drop\nstatus.sql'],
    ['a line separator', 'db/migrations/002\u2028drop.sql'],
    ['a carriage return at the end', 'db/migrations/002_drop.sql\r'],
  ])('gates a migration whose name holds %s', async (_, path) => {
    const world = aWorld({ permissions: writers, files: [path] });
    const app = await apps.start(world);
    const run = await openPullRequest(app);
    expect(run).toMatchObject({ state: 'pending', tier: 'approve' });
    expect(newestRun(world)).toEqual(['in_progress', null]);
  });
});
