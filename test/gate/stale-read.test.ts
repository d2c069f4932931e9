// A read of the pull request right after a push that still shows the previous head (security case
// R5): the gate reads it again, 1 s and then 2 s later, and gates the head the delivery announced;
// an approval of the previous head never counts for it. Still another head after that, GitHub's
// answer stands.
import { describe, expect, it } from 'vitest';
import { STALE_READ_WAITS_MS } from '../../src/gate/load-pull-request-after-push.ts';
import { useNock } from '../support/github-client.ts';
import { aPullRequest, HEAD_SHA, NEW_HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  openPullRequest,
  PR_PATH,
  pushHead,
  runsOf,
  step,
  type World,
} from '../support/github-world.ts';

useNock();

/** The migration approved by alice on its first head, then a push of NEW_HEAD_SHA. */
async function approvedThenPushed(): Promise<World> {
  const world = aWorld({ permissions: { alice: ['write', 'write'] } });
  await openPullRequest(world);
  addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
  await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) => {
    mockReads(world, scope, { permissions: ['alice'] });
    mockLogWrite(world, scope);
    mockUpdateComment(world, scope, world.comments[0]?.id as number);
    mockUpdateCheckRun(
      world,
      scope,
      runsOf(world).at(-1)?.id as number,
      (body) => body.conclusion === 'success',
    );
  });
  pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:29:00Z');
  return world;
}

const synchronize = {
  kind: 'pull_request',
  action: 'synchronize',
  sender: users.author,
  headSha: NEW_HEAD_SHA,
} as const;

describe('a stale read of the pull request after a push (R5)', () => {
  it('is read again until it shows the announced head, which is gated: the old approval does not count', async () => {
    const world = await approvedThenPushed();
    const pauses: number[] = [];
    const { run } = await step(
      world,
      '2026-11-20T10:30:00Z',
      synchronize,
      (scope) => {
        // A replica behind the push answers the first read with the previous head.
        scope.get(PR_PATH).reply(200, aPullRequest({ ...world.pr, headSha: HEAD_SHA }));
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.head_sha === NEW_HEAD_SHA && body.status === 'in_progress',
        );
      },
      { pause: async (ms) => void pauses.push(ms) },
    );
    expect(pauses).toEqual([STALE_READ_WAITS_MS[0]]);
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA });
    expect(runsOf(world, NEW_HEAD_SHA).map((check) => check.status)).toEqual(['in_progress']);
  });

  it('stands when GitHub keeps showing another head: read three times in all, then taken as it is', async () => {
    const world = await approvedThenPushed();
    const pauses: number[] = [];
    const { run } = await step(
      world,
      '2026-11-20T10:30:00Z',
      { ...synchronize, headSha: 'f'.repeat(40) },
      (scope) => {
        scope
          .get(PR_PATH)
          .times(2)
          .reply(200, aPullRequest({ ...world.pr }));
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(world, scope, (body) => body.head_sha === NEW_HEAD_SHA);
      },
      { pause: async (ms) => void pauses.push(ms) },
    );
    expect(pauses).toEqual([...STALE_READ_WAITS_MS]);
    expect(run).toMatchObject({ headSha: NEW_HEAD_SHA });
  });
});

describe('a delivery that brings no head (a label, an edit)', () => {
  it('is not read again: a head newer than its own is no stale read', async () => {
    const world = await approvedThenPushed();
    const pauses: number[] = [];
    await step(
      world,
      '2026-11-20T10:30:00Z',
      { ...synchronize, action: 'labeled', headSha: HEAD_SHA },
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(world, scope, (body) => body.head_sha === NEW_HEAD_SHA);
      },
      { pause: async (ms) => void pauses.push(ms) },
    );
    expect(pauses).toEqual([]);
  });
});
