// Pull-request gates end to end, part 3: pushes, replays, reviews, check-run buttons and a
// concurrent writer of the decision log.

import { describe, expect, it } from 'vitest';
import {
  APP_ID,
  aGitCommit,
  aGitRef,
  aGitTree,
  anError,
  NEW_HEAD_SHA,
  users,
} from '../support/github-fixtures.ts';
import {
  addComment,
  addReview,
  aWorld,
  mockCreateCheckRun,
  mockCreateComment,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  pushHead,
  runsOf,
} from '../support/github-world.ts';
import {
  checkRunEvent,
  commentEvent,
  decide,
  openAndApprove,
  openPullRequest,
  pullRequestEvent,
  reviewEvent,
  step,
  useAppWorlds,
} from './app-world.ts';

const apps = useAppWorlds();

describe('a push after the approval', () => {
  it('puts the gate back to pending on the new head: the approval was for the old one (S1)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openAndApprove(app);
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:09:30Z');
    const run = await step(
      app,
      '2026-11-20T10:10:00Z',
      pullRequestEvent('synchronize', users.author, NEW_HEAD_SHA),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.head_sha === NEW_HEAD_SHA && body.status === 'in_progress',
        );
      },
    );
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA });
    expect(world.log).toHaveLength(1);
  });
});

describe('a replayed delivery', () => {
  it('of the approval, with the same delivery id, writes nothing: no second comment, check run or log commit (W7)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
    const id = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const delivery = {
      ...commentEvent('created', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:04:00Z',
      }),
      deliveryId: 'f7a7d3a0-0000-4000-8000-000000000001',
    };
    await step(app, '2026-11-20T10:05:00Z', delivery, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope);
      mockUpdateCheckRun(world, scope, ids.run);
    });
    const before = {
      comments: structuredClone(world.comments),
      runs: structuredClone(runsOf(world)),
      log: world.log?.length,
    };
    const replay = await step(app, '2026-11-20T10:06:00Z', delivery, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
    });
    expect(replay).toMatchObject({ state: 'approved' });
    expect({ comments: world.comments, runs: runsOf(world), log: world.log?.length }).toEqual(before);
  });

  it('of the approval under a new delivery id writes nothing either (W8)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    const id = await openAndApprove(app);
    const log = world.log?.length;
    const run = await step(
      app,
      '2026-11-20T10:09:00Z',
      commentEvent('created', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:04:00Z',
      }),
      (scope) => mockReads(world, scope, { permissions: ['alice'] }),
    );
    expect(run).toMatchObject({ state: 'approved' });
    expect(world.log?.length).toBe(log);
  });
});

describe('an approving review', () => {
  it('for the head approves like /approve', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
    const id = addReview(world, {
      user: users.alice,
      state: 'APPROVED',
      submittedAt: '2026-11-20T10:04:00Z',
    });
    const run = await step(
      app,
      '2026-11-20T10:05:00Z',
      reviewEvent('submitted', { id, author: users.alice, state: 'APPROVED' }),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockLogWrite(world, scope);
        mockUpdateComment(world, scope, ids.comment);
        mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
        mockUpdateCheckRun(world, scope, ids.run);
      },
    );
    expect(run).toMatchObject({ state: 'approved' });
  });
});

describe('the check run', () => {
  it('Approve button, clicked by a reviewer, is recorded as a statement and approves', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const [pending] = runsOf(world);
    const summary = (pending?.output as { summary?: string } | undefined)?.summary ?? '';
    const ids = { run: pending?.id as number, comment: world.comments[0]?.id as number };
    const click = checkRunEvent(
      'requested_action',
      { id: ids.run, appId: APP_ID, summary },
      users.alice,
      'approve',
    );
    const run = await step(app, '2026-11-20T10:05:00Z', click, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      // The click is kept as a trace comment by Gatehouse, so every later run reads it too.
      mockCreateComment(world, scope, (body) => body.includes('gatehouse:trace'));
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'approved' });
  });

  it('Re-run recomputes from GitHub and, with nothing new, changes nothing (K2)', async () => {
    const world = aWorld();
    const app = await apps.start(world);
    await openPullRequest(app);
    const [pending] = runsOf(world);
    const before = structuredClone(runsOf(world));
    const rerun = checkRunEvent('rerequested', { id: pending?.id as number, appId: APP_ID }, users.alice);
    const run = await step(app, '2026-11-20T10:05:00Z', rerun, (scope) => mockReads(world, scope));
    expect(run).toMatchObject({ state: 'pending' });
    expect(runsOf(world)).toEqual(before);
  });
});

describe('two writers of the decision log at once', () => {
  it("both land once: the App's record is rebuilt on the other writer's commit (R8)", async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    world.log = [{ sha: 'commit0', tree: 'tree0', message: 'chore: start the decision log', files: {} }];
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
    let path = '';
    const { run } = await decide(app, '/approve', (scope) => {
      scope
        // First attempt, on the tip the App read: the other writer moved the branch meanwhile.
        .post('/repos/acme/shop/git/trees', (body) => {
          path = body.tree[0].path;
          return body.base_tree === 'tree0';
        })
        .reply(201, aGitTree('treeA', ['x']))
        .post('/repos/acme/shop/git/commits', (body) => body.parents[0] === 'commit0')
        .reply(201, aGitCommit('commitA', 'treeA', ['commit0']))
        .patch('/repos/acme/shop/git/refs/heads%2Fgatehouse-log', { sha: 'commitA', force: false })
        .reply(422, anError('Update is not a fast forward'))
        // Second attempt, on the other writer's commit, where this record is not yet.
        .get('/repos/acme/shop/git/ref/heads%2Fgatehouse-log')
        .reply(200, aGitRef('gatehouse-log', 'commitB'))
        .get('/repos/acme/shop/git/commits/commitB')
        .reply(200, aGitCommit('commitB', 'treeB', ['commit0']))
        .get((uri) => uri.startsWith('/repos/acme/shop/contents/decisions'))
        .query({ ref: 'commitB' })
        .reply(404, anError('Not Found'))
        .post(
          '/repos/acme/shop/git/trees',
          (body) => body.base_tree === 'treeB' && body.tree[0].path === path,
        )
        .reply(201, aGitTree('treeC', ['x']))
        .post('/repos/acme/shop/git/commits', (body) => body.parents[0] === 'commitB')
        .reply(201, aGitCommit('commitC', 'treeC', ['commitB']))
        .patch('/repos/acme/shop/git/refs/heads%2Fgatehouse-log', { sha: 'commitC', force: false })
        .reply(200, aGitRef('gatehouse-log', 'commitC'));
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope);
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'approved', logCommit: 'commitC' });
    expect(path).toMatch(/^decisions\/2026\/11\/.+\.md$/);
  });
});
