// Who counts, as the orchestration reads it from GitHub: button clicks and edits recorded as
// traces, forged or edited traces ignored, permissions and teams read at decision time, the last
// pusher, and approvals bound to the head.
import { describe, expect, it } from 'vitest';
import type { PullRequestTrigger } from '../../src/gate/run-pull-request-gate.ts';
import { parseTraceMarker, renderTraceComment } from '../../src/github/traces.ts';
import { useNock } from '../support/github-client.ts';
import {
  APP_ID,
  aCheckRun,
  anIssueComment,
  HEAD_SHA,
  NEW_HEAD_SHA,
  users,
} from '../support/github-fixtures.ts';
import {
  addComment,
  addReview,
  aWorld,
  commented,
  mockCreateCheckRun,
  mockCreateComment,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  openPullRequest,
  outputOf,
  pushHead,
  runsOf,
  step,
  type World,
} from '../support/github-world.ts';

useNock();

type Json = Record<string, unknown>;

function titleOf(run: Json | undefined): string {
  return outputOf(run).title;
}

function summaryOf(run: Json | undefined): string {
  return outputOf(run).summary;
}

function click(world: World, sender = users.alice, action = 'approve'): PullRequestTrigger {
  const run = runsOf(world).at(-1);
  return {
    kind: 'check_action',
    action,
    sender,
    headSha: HEAD_SHA,
    checkRunId: run?.id as number,
    runSummary: summaryOf(run),
  };
}

/** The writes of a pending gate that becomes decided: log, comment, the waiting run completed in place. */
function mockDecision(world: World, scope: Parameters<typeof mockReads>[1], conclusion: string) {
  const pending = runsOf(world).at(-1)?.id as number;
  mockLogWrite(world, scope);
  mockUpdateComment(world, scope, world.comments[0]?.id as number);
  mockUpdateCheckRun(world, scope, pending, (body) => body.conclusion === conclusion);
}

describe('check-run buttons', () => {
  it('record the click in the timeline and count it like /approve; a replay adds nothing', async () => {
    const world = aWorld({ permissions: { alice: ['admin', 'admin'] } });
    await openPullRequest(world);
    const trigger = click(world);

    const { run } = await step(world, '2026-11-20T10:05:00Z', trigger, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockCreateComment(world, scope, (body) => parseTraceMarker(body)?.type === 'check_action');
      mockDecision(world, scope, 'success');
    });
    expect(run).toMatchObject({ state: 'approved', requests: 14 });
    const trace = parseTraceMarker(String(world.comments[1]?.body));
    expect(trace).toMatchObject({
      type: 'check_action',
      action: 'approve',
      actor: users.alice,
      sha: HEAD_SHA,
    });
    expect(titleOf(runsOf(world).at(-1))).toBe('Approved by alice');
    const record = Object.values(world.log?.[0]?.files ?? {})[0];
    expect(record).toContain('via: check_action');

    const replay = await step(world, '2026-11-20T10:06:00Z', trigger, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
    });
    expect(replay.run).toMatchObject({ state: 'approved', requests: 8 });
    expect(world.comments).toHaveLength(2);
  });

  it('judge the clicker like a commenter: a read-only user counts for nothing (A1)', async () => {
    const world = aWorld({ permissions: { dave: ['read', 'read'] } });
    await openPullRequest(world);
    const { run } = await step(world, '2026-11-20T10:05:00Z', click(world, users.dave), (scope) => {
      mockReads(world, scope, { permissions: ['dave'] });
      mockCreateComment(world, scope);
      mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
        body.includes('ignored: @\u200Bdave has read permission \\(write or more needed\\)'),
      );
      mockUpdateCheckRun(
        world,
        scope,
        runsOf(world)[0]?.id as number,
        (body) => body.status === 'in_progress',
      );
    });
    expect(run).toMatchObject({ state: 'pending' });
  });

  it('ignore a button Gatehouse does not offer', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const { run, log } = await step(
      world,
      '2026-11-20T10:05:00Z',
      click(world, users.alice, 'merge'),
      (scope) => mockReads(world, scope),
    );
    expect(run).toMatchObject({ state: 'pending', requests: 7 });
    expect(log.messages('warn')).toContain('a check-run button Gatehouse does not offer: ignored');
  });

  it('bind a click on an older head’s run to that head: stale for the new one (S4)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    const old = click(world);
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:04:30Z');
    const { run } = await step(world, '2026-11-20T10:05:00Z', old, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      scope
        .get(`/repos/acme/shop/check-runs/${old.kind === 'check_action' ? old.checkRunId : 0}`)
        .reply(200, runsOf(world)[0]);
      mockCreateComment(world, scope, (body) => parseTraceMarker(body)?.type === 'check_action');
      mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
      mockCreateCheckRun(
        world,
        scope,
        (body) => body.head_sha === NEW_HEAD_SHA && body.status === 'in_progress',
      );
      mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
        body.includes('stale: given for c0ffee0, the head is now c0ffee0'),
      );
    });
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA });
  });
});

describe('traces Gatehouse did not write (L5)', () => {
  it('are ignored when someone else posts the marker', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const forged = renderTraceComment({
      type: 'check_action',
      action: 'approve',
      actor: users.alice,
      sha: HEAD_SHA,
      at: '2026-11-20T10:04:00Z',
      key: 'f0f0f0f0f0f0f0f0f0f0f0f0',
    });
    addComment(world, users.mallory, forged, '2026-11-20T10:04:00Z');
    const { run } = await step(world, '2026-11-20T10:05:00Z', commented(1002, users.mallory), (scope) =>
      mockReads(world, scope),
    );
    expect(run).toMatchObject({ state: 'pending', requests: 7 });
  });

  it('are ignored when Gatehouse’s own trace comment was edited', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    world.comments.push(
      anIssueComment({
        id: 1500,
        user: users.gatehouse,
        body: renderTraceComment({
          type: 'check_action',
          action: 'approve',
          actor: users.alice,
          sha: HEAD_SHA,
          at: '2026-11-20T10:04:00Z',
          key: 'abababababababababababab',
        }),
        createdAt: '2026-11-20T10:04:00Z',
        updatedAt: '2026-11-20T10:09:00Z',
      }),
    );
    const { run } = await step(world, '2026-11-20T10:10:00Z', { kind: 'recheck' }, (scope) =>
      mockReads(world, scope),
    );
    expect(run).toMatchObject({ state: 'pending', requests: 7 });
  });
});

describe('a command comment edited by someone else (L1)', () => {
  it('is recorded as an edit trace and rejects the gate as tampering', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    const id = addComment(world, users.alice, 'Looks fine to me', '2026-11-20T10:04:00Z');
    const comment = world.comments.find((entry) => entry.id === id) as Json;
    comment.body = '/approve';
    comment.updated_at = '2026-11-20T10:08:00Z';
    const edited: PullRequestTrigger = {
      kind: 'comment',
      action: 'edited',
      commentId: id,
      commentAuthorId: users.alice.id,
      sender: users.mallory,
      updatedAt: '2026-11-20T10:08:00Z',
    };
    const { run } = await step(world, '2026-11-20T10:09:00Z', edited, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockCreateComment(world, scope, (body) => parseTraceMarker(body)?.type === 'edit');
      mockDecision(world, scope, 'failure');
    });
    expect(run).toMatchObject({ state: 'rejected' });
    expect(titleOf(runsOf(world).at(-1))).toBe('Edited approval comment: tampering by mallory');
    expect(world.log?.[0]?.message).toContain('Gatehouse-Decided-At: 2026-11-20T10:08:00.000Z');

    // The replayed delivery finds its trace and writes nothing more.
    const replay = await step(world, '2026-11-20T10:10:00Z', edited, (scope) =>
      mockReads(world, scope, { permissions: ['alice'] }),
    );
    expect(replay.run).toMatchObject({ state: 'rejected', requests: 8 });
  });

  it('rejects the gate when someone else edits a /reject away, so a veto cannot vanish quietly', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    const id = addComment(world, users.alice, '/reject not during the sale', '2026-11-20T10:04:00Z');
    const comment = world.comments.find((entry) => entry.id === id) as Json;
    comment.body = 'Looks fine to me';
    comment.updated_at = '2026-11-20T10:08:00Z';
    const edited: PullRequestTrigger = {
      kind: 'comment',
      action: 'edited',
      commentId: id,
      commentAuthorId: users.alice.id,
      sender: users.mallory,
      updatedAt: '2026-11-20T10:08:00Z',
      previousBody: '/reject not during the sale',
    };
    const { run } = await step(world, '2026-11-20T10:09:00Z', edited, (scope) => {
      mockReads(world, scope);
      mockCreateComment(world, scope, (body) => parseTraceMarker(body)?.type === 'edit');
      mockDecision(world, scope, 'failure');
    });
    expect(run).toMatchObject({ state: 'rejected' });
    expect(titleOf(runsOf(world).at(-1))).toBe('Edited approval comment: tampering by mallory');
  });

  it('is not recorded when the author edits their own comment, or the comment holds no command', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const id = addComment(world, users.bob, 'typo fixed', '2026-11-20T10:04:00Z');
    const byAuthor = { ...(commented(id, users.bob, 'edited') as Json) } as PullRequestTrigger;
    const { run } = await step(world, '2026-11-20T10:05:00Z', byAuthor, (scope) => mockReads(world, scope));
    expect(run.requests).toBe(7);
    const byOther: PullRequestTrigger = {
      kind: 'comment',
      action: 'edited',
      commentId: id,
      commentAuthorId: users.bob.id,
      sender: users.mallory,
      updatedAt: '2026-11-20T10:05:00Z',
    };
    const other = await step(world, '2026-11-20T10:06:00Z', byOther, (scope) => mockReads(world, scope));
    expect(other.run.requests).toBe(7);
  });
});

describe('reviewers from a team', () => {
  const TEAM_POLICY = `reviewers:
  platform: ["@acme/platform"]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    reviewers: [platform]
`;

  it('count by team membership read at decision time (A8)', async () => {
    const world = aWorld({
      policy: TEAM_POLICY,
      permissions: { alice: ['write', 'write'] },
      teams: { 'acme/platform': [users.alice, users.bob] },
    });
    await step(world, '2026-11-20T10:00:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope);
      mockCreateComment(world, scope);
      mockRequestReviewers(world, scope, { reviewers: [], team_reviewers: ['platform'] });
      mockCreateCheckRun(world, scope);
    });
    addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const { run } = await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope, { permissions: ['alice'], teams: ['acme/platform'] });
      mockDecision(world, scope, 'success');
    });
    expect(run).toMatchObject({ state: 'approved', requests: 14 });
  });

  it('fail closed, and say so, when the team cannot be read', async () => {
    const world = aWorld({ policy: TEAM_POLICY, permissions: { alice: ['write', 'write'] } });
    await step(world, '2026-11-20T10:00:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope);
      mockCreateComment(world, scope);
      mockRequestReviewers(world, scope, { reviewers: [], team_reviewers: ['platform'] });
      mockCreateCheckRun(world, scope);
    });
    addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const { run } = await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope, { permissions: ['alice'], teams: ['acme/platform'] });
      mockUpdateComment(world, scope, world.comments[0]?.id as number);
      // Still pending, so the same run, now failed: blocked until the team can be read.
      mockUpdateCheckRun(
        world,
        scope,
        runsOf(world)[0]?.id as number,
        (body) => body.conclusion === 'failure' && (body.actions as unknown[]).length === 0,
      );
    });
    expect(run).toMatchObject({ state: 'pending', requests: 11 });
    expect(titleOf(runsOf(world).at(-1))).toBe(
      'Blocked: team @\u200Bacme/platform (HTTP 403: Resource not accessible by integration) could not be read: its members were no…',
    );
  });
});

describe('the last pusher (A3)', () => {
  it('is recorded from synchronize on the new head’s run, and cannot approve', async () => {
    const world = aWorld({ permissions: { bob: ['write', 'write'] } });
    await openPullRequest(world);
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:01:30Z', users.bob);
    const pushed: PullRequestTrigger = { kind: 'pull_request', action: 'synchronize', sender: users.bob };
    await step(world, '2026-11-20T10:02:00Z', pushed, (scope) => {
      mockReads(world, scope);
      mockUpdateComment(world, scope, world.comments[0]?.id as number);
      mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
      mockCreateCheckRun(world, scope, (body) =>
        String((body.output as Json).text).includes(
          '<!-- gatehouse:pusher {"id":2,"login":"bob","type":"User"} -->',
        ),
      );
    });
    const id = addComment(world, users.bob, '/approve', '2026-11-20T10:04:00Z');
    const { run } = await step(world, '2026-11-20T10:05:00Z', commented(id, users.bob), (scope) => {
      mockReads(world, scope, { permissions: ['bob'] });
      mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
        body.includes('ignored: @\u200Bbob is the last pusher \\(self\\-approval is off\\)'),
      );
      mockUpdateCheckRun(world, scope, runsOf(world, NEW_HEAD_SHA)[0]?.id as number);
    });
    expect(run).toMatchObject({ state: 'pending', headSha: NEW_HEAD_SHA });
  });
});

describe('approvals and pushes (S1, S2)', () => {
  it('an approval of the old head does not carry over to the new one', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockDecision(world, scope, 'success');
    });
    pushHead(world, NEW_HEAD_SHA, '2026-11-20T10:29:00Z');
    const { run } = await step(
      world,
      '2026-11-20T10:30:00Z',
      { kind: 'pull_request', action: 'synchronize', sender: users.author },
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
        mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
          body.includes(
            'stale: given before c0ffee0 became the head of this request \\(pushed 2026\\-11\\-20T10:29:00.000Z\\)',
          ),
        );
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.head_sha === NEW_HEAD_SHA && body.status === 'in_progress',
        );
      },
    );
    expect(run).toMatchObject({ state: 'pending' });
    expect(titleOf(runsOf(world, HEAD_SHA).at(-1))).toBe('Approved by alice');
  });
});

describe('reviews and app-posted comments', () => {
  it('count a review approval for the head it was given on, from a writer (A2, S4)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'], dave: ['read', 'read'] } });
    await openPullRequest(world);
    addReview(world, { user: users.dave, state: 'APPROVED', submittedAt: '2026-11-20T10:03:00Z' });
    addReview(world, {
      user: users.bob,
      state: 'APPROVED',
      commitId: NEW_HEAD_SHA,
      submittedAt: '2026-11-20T10:03:00Z',
    });
    addReview(world, { user: users.alice, state: 'APPROVED', submittedAt: '2026-11-20T10:04:00Z' });
    const { run } = await step(
      world,
      '2026-11-20T10:05:00Z',
      { kind: 'review', action: 'submitted', sender: users.alice },
      (scope) => {
        mockReads(world, scope, { permissions: ['dave', 'bob', 'alice'] });
        mockDecision(world, scope, 'success');
      },
    );
    expect(run).toMatchObject({ state: 'approved', requests: 15 });
    const record = Object.values(world.log?.[0]?.files ?? {})[0];
    expect(record).toContain('via: review');
    expect(record).not.toContain('login: dave');
    expect(record).not.toContain('login: bob');
  });

  it('do not count a comment an app posted on someone’s behalf (A5)', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    world.comments.push(
      anIssueComment({
        id: 1600,
        user: users.alice,
        body: '/approve',
        createdAt: '2026-11-20T10:04:00Z',
        viaApp: 'chat-ops',
      }),
    );
    const { run } = await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
        body.includes("ignored: posted through the app chat\\-ops on @\u200Balice's behalf"),
      );
      mockUpdateCheckRun(world, scope, runsOf(world)[0]?.id as number);
    });
    expect(run).toMatchObject({ state: 'pending' });
  });
});

describe('button clicks that are no statement', () => {
  it('ignore a click on a run that is not Gatehouse’s', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const trigger: PullRequestTrigger = {
      kind: 'check_action',
      action: 'approve',
      sender: users.alice,
      headSha: HEAD_SHA,
      checkRunId: 4,
    };
    const { run, log } = await step(world, '2026-11-20T10:05:00Z', trigger, (scope) => {
      mockReads(world, scope);
      scope
        .get('/repos/acme/shop/check-runs/4')
        .reply(200, aCheckRun({ id: 4, appId: 1, name: 'gatehouse' }));
    });
    expect(run).toMatchObject({ state: 'pending', requests: 8 });
    expect(log.messages('warn')).toContain('a button click on a check run that is not Gatehouse’s: ignored');
  });

  it('ignore a click on Gatehouse’s run of the same head for a pull request into another base', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const trigger: PullRequestTrigger = {
      kind: 'check_action',
      action: 'approve',
      sender: users.alice,
      headSha: HEAD_SHA,
      checkRunId: 4,
    };
    const { run, log } = await step(world, '2026-11-20T10:05:00Z', trigger, (scope) => {
      mockReads(world, scope);
      scope
        .get('/repos/acme/shop/check-runs/4')
        .reply(200, aCheckRun({ id: 4, appId: APP_ID, name: 'gatehouse (into mallory/staging)' }));
    });
    expect(run).toMatchObject({ state: 'pending' });
    expect(log.messages('warn')).toContain('a button click on a check run that is not Gatehouse’s: ignored');
    expect(world.comments.filter((comment) => String(comment.body).includes('clicked'))).toEqual([]);
  });

  it('ignore Gatehouse’s own account', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const { run } = await step(world, '2026-11-20T10:05:00Z', click(world, users.gatehouse), (scope) =>
      mockReads(world, scope),
    );
    expect(run.requests).toBe(7);
  });
});
