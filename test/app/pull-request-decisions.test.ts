// Pull-request gates end to end, part 2: the decisions reviewers make by comment, and the
// approvals that do not count, each with the reason the approval request shows.

import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  mockUpdateCheckRun,
  mockUpdateComment,
  POLICY,
  runsOf,
} from '../support/github-world.ts';
import {
  commentEvent,
  decide,
  latestCheck,
  openPullRequest,
  readable,
  step,
  useAppWorlds,
} from './app-world.ts';

const apps = useAppWorlds();

describe('an /approve', () => {
  it('from a listed reviewer with write permission approves: log commit, updated comment, a new check run', async () => {
    const app = await apps.start(aWorld({ permissions: { alice: ['write', 'write'] } }));
    await openPullRequest(app);
    const [pending] = runsOf(app.world);
    const request = app.world.comments[0];
    const id = addComment(app.world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const run = await step(
      app,
      '2026-11-20T10:05:00Z',
      commentEvent('created', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:04:00Z',
      }),
      (scope) => {
        mockReads(app.world, scope, { permissions: ['alice'] });
        mockLogWrite(app.world, scope);
        mockUpdateComment(app.world, scope, request?.id as number);
        mockCreateCheckRun(
          app.world,
          scope,
          (body) => body.status === 'completed' && body.conclusion === 'success',
        );
        mockUpdateCheckRun(app.world, scope, pending?.id as number, (body) => body.conclusion === 'neutral');
      },
    );
    expect(run).toMatchObject({ state: 'approved', logCommit: app.world.log?.[0]?.sha });
    expect(app.world.log?.[0]?.message).toMatch(/^gatehouse: approved gatehouse by alice/);
    // The check history on the commit: the pending run superseded, the decision a new run.
    expect(runsOf(app.world).map((check) => [check.status, check.conclusion])).toEqual([
      ['completed', 'neutral'],
      ['completed', 'success'],
    ]);
    expect(request?.body).toContain('counted for migrations');
  });

  it.each([
    [
      'the author',
      users.author,
      ['write', 'write'],
      'ignored: @agent-author is the PR author and the requester and the last pusher (self-approval is off)',
    ],
    ['a reviewer with read permission', users.bob, ['read', 'read'], 'ignored: @bob has read permission'],
    ['a reviewer without access', users.alice, undefined, 'ignored: @alice has none permission'],
    [
      'someone outside the reviewer groups',
      users.dave,
      ['write', 'write'],
      'ignored: @dave is not in platform',
    ],
  ] as const)('from %s is ignored, and the request says why', async (_who, person, permission, reason) => {
    const world = aWorld(
      permission === undefined ? {} : { permissions: { [person.login]: [...permission] } },
    );
    const app = await apps.start(world);
    await openPullRequest(app);
    const [pending] = runsOf(world);
    const request = world.comments[0];
    const id = addComment(world, person, '/approve', '2026-11-20T10:04:00Z');
    const run = await step(
      app,
      '2026-11-20T10:05:00Z',
      commentEvent('created', { id, author: person, body: '/approve', updatedAt: '2026-11-20T10:04:00Z' }),
      (scope) => {
        mockReads(world, scope, { permissions: [person.login] });
        mockUpdateComment(world, scope, request?.id as number);
        mockUpdateCheckRun(world, scope, pending?.id as number, (body) => body.status === 'in_progress');
      },
    );
    expect(run).toMatchObject({ state: 'pending' });
    expect(readable(request?.body)).toContain(reason);
    expect(world.log).toBeNull();
  });
});

describe('a decision other than /approve', () => {
  it('/reject rejects: recorded, the check fails', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { run } = await decide(app, '/reject the snapshot is a week old', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, ids.run, (body) => body.conclusion === 'neutral');
    });
    expect(run).toMatchObject({ state: 'rejected' });
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: rejected gatehouse by alice/);
  });

  it('/modify asks for changes: recorded, the check stays closed until a push', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { run } = await decide(app, '/modify add an index first', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope);
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'changes_requested' });
    expect(latestCheck(world)).toEqual(['in_progress', null, 'Changes requested by alice']);
  });

  it('/delay approves, effective later: recorded, the check waits for that time', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { run } = await decide(app, '/delay 2h', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope);
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'delayed' });
    expect(latestCheck(world)).toEqual([
      'in_progress',
      null,
      'Approved by alice, effective at 2026-11-20 12:04 UTC',
    ]);
  });

  it('/ack acknowledges a gate at the acknowledge level', async () => {
    const world = aWorld({
      permissions: { alice: ['write', 'write'] },
      policy: POLICY.replace('reviewers: [platform]', 'reviewers: [platform]\n    level: acknowledge'),
    });
    const app = await apps.start(world);
    await openPullRequest(app);
    const { run } = await decide(app, '/ack', (scope, ids) => {
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope);
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'approved' });
    expect(latestCheck(world)).toEqual(['completed', 'success', 'Approved by alice']);
  });
});

describe('an approval that does not count', () => {
  it('from a bot account is ignored', async () => {
    const world = aWorld();
    const app = await apps.start(world);
    await openPullRequest(app);
    const bot = { id: 41898282, login: 'github-actions[bot]', type: 'Bot' };
    const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
    const id = addComment(world, bot, '/approve', '2026-11-20T10:04:00Z');
    const run = await step(
      app,
      '2026-11-20T10:05:00Z',
      commentEvent('created', { id, author: bot, body: '/approve', updatedAt: '2026-11-20T10:04:00Z' }),
      (scope) => {
        // Bots never count (allow_bots is off), so their permission is not even read.
        mockReads(world, scope);
        mockUpdateComment(world, scope, ids.comment);
        mockUpdateCheckRun(world, scope, ids.run);
      },
    );
    expect(run).toMatchObject({ state: 'pending' });
    expect(readable(world.comments[0]?.body)).toContain('ignored: @github-actions[bot] is a bot account');
  });

  it('edited after posting is ignored: post a new comment (L2)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
    const id = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const edited = world.comments.at(-1);
    if (edited) edited.updated_at = '2026-11-20T10:06:00Z';
    const run = await step(
      app,
      '2026-11-20T10:07:00Z',
      commentEvent('edited', {
        id,
        author: users.alice,
        body: '/approve',
        updatedAt: '2026-11-20T10:06:00Z',
      }),
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, ids.comment);
        mockUpdateCheckRun(world, scope, ids.run);
      },
    );
    expect(run).toMatchObject({ state: 'pending' });
    expect(readable(world.comments[0]?.body)).toContain(
      'ignored: an edited approval never counts; post a new comment',
    );
  });
});
