// Review bodies have one meaning (issue 10, class 8), end to end: signed deliveries through the
// real Probot server, GitHub a stateful world; each test asserts the check run GitHub ends up
// holding on the head, not only the requests made.

import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import {
  addComment,
  addReview,
  aWorld,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  mockUpdateCheckRun,
  mockUpdateComment,
  runsOf,
  type World,
} from '../support/github-world.ts';
import {
  type AppWorld,
  commentEvent,
  latestCheck,
  openAndApprove,
  openPullRequest,
  readable,
  reviewEvent,
  step,
  useAppWorlds,
} from './app-world.ts';

const apps = useAppWorlds();

/** alice submits a review with `body` at `at`; the App hears of it a minute later. */
function submitReview(
  app: AppWorld,
  state: string,
  body: string,
  at: string,
  mock: Parameters<typeof step>[3],
) {
  const id = addReview(app.world, { user: users.alice, state, body, submittedAt: at });
  const heard = new Date(Date.parse(at) + 60_000).toISOString();
  return step(app, heard, reviewEvent('submitted', { id, author: users.alice, state }), mock);
}

/** The request comment and the newest check run on the head. */
function idsOf(world: World) {
  return { comment: world.comments[0]?.id as number, run: runsOf(world).at(-1)?.id as number };
}

describe('an approving review', () => {
  it('whose body says /reject too risky rejects: recorded, and the gatehouse check on the head fails', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = idsOf(world);
    const run = await submitReview(app, 'APPROVED', '/reject too risky', '2026-11-20T10:04:00Z', (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, ids.run, (body) => body.conclusion === 'neutral');
    });
    expect(run).toMatchObject({ state: 'rejected' });
    expect(runsOf(world).map((check) => [check.status, check.conclusion])).toEqual([
      ['completed', 'neutral'],
      ['completed', 'failure'],
    ]);
    expect(latestCheck(world)[1]).toBe('failure');
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: rejected gatehouse by alice/);
    expect(readable(world.comments[0]?.body)).toContain('too risky');
  });

  it('whose body says LGTM, then /reject on a later line, rejects too', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openPullRequest(app);
    const ids = idsOf(world);
    const body = 'LGTM overall.\n\n/reject the lock on orders is too long';
    const run = await submitReview(app, 'APPROVED', body, '2026-11-20T10:04:00Z', (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (created) => created.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, ids.run);
    });
    expect(run).toMatchObject({ state: 'rejected' });
    expect(latestCheck(world)[1]).toBe('failure');
  });

  it('whose body says /approve cancel, after an earlier approval, withdraws it: the gate is pending again', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    const app = await apps.start(world);
    await openAndApprove(app);
    expect(latestCheck(world)).toEqual(['completed', 'success', 'Approved by alice']);
    const ids = idsOf(world);
    const run = await submitReview(app, 'APPROVED', '/approve cancel', '2026-11-20T10:06:00Z', (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockUpdateComment(world, scope, ids.comment);
      mockCreateCheckRun(world, scope, (body) => body.status === 'in_progress');
    });
    expect(run).toMatchObject({ state: 'pending' });
    expect(latestCheck(world).slice(0, 2)).toEqual(['in_progress', null]);
    expect(readable(world.comments[0]?.body)).toContain('counted: withdraws earlier statements');
  });
});

describe('a comment', () => {
  it.each(['/approve cancelled', '/remove-approve'])(
    '%s withdraws an earlier approval: the gate is pending again',
    async (body) => {
      const world = aWorld({ permissions: { alice: ['write', 'write'] } });
      const app = await apps.start(world);
      await openAndApprove(app);
      const ids = idsOf(world);
      const id = addComment(world, users.alice, body, '2026-11-20T10:06:00Z');
      const run = await step(
        app,
        '2026-11-20T10:07:00Z',
        commentEvent('created', {
          id,
          author: users.alice,
          body,
          updatedAt: '2026-11-20T10:06:00Z',
        }),
        (scope) => {
          mockReads(world, scope, { permissions: ['alice'] });
          mockUpdateComment(world, scope, ids.comment);
          mockCreateCheckRun(world, scope, (body) => body.status === 'in_progress');
        },
      );
      expect(run).toMatchObject({ state: 'pending' });
      expect(latestCheck(world).slice(0, 2)).toEqual(['in_progress', null]);
      expect(readable(world.comments[0]?.body)).toContain('counted: withdraws earlier statements');
    },
  );
});
