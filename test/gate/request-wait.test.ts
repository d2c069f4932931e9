import { describe, expect, it } from 'vitest';
import { sweepRequestGates, waitForRequestDecision } from '../../src/gate/run-request-gate.ts';
import { useNock } from '../support/github-client.ts';
import { users } from '../support/github-fixtures.ts';
import { mockCreateCheckRun, mockLogWrite } from '../support/github-world.ts';
import {
  addIssueComment,
  aMigrationRequest,
  aRequestWorld,
  mockCheckRuns,
  mockComments,
  mockCreateIssue,
  mockCreateIssueComment,
  mockDispatch,
  mockGetIssue,
  mockIssueList,
  mockLogRead,
  mockPermission,
  mockPolicy,
  mockPoll,
  mockUpdateIssue,
  type RequestWorld,
  requestStep,
} from '../support/request-world.ts';

useNock();

const target = { owner: 'acme', repo: 'shop' };
const options = { checkRun: false, dispatch: true };
const T0 = Date.parse('2026-11-20T10:00:00Z');

/** A clock the fake sleep moves: waiting costs no real time. */
function aClock() {
  const clock = { now: T0, slept: [] as number[] };
  return {
    clock,
    now: () => new Date(clock.now),
    sleep: (then?: (count: number) => void) => async (ms: number) => {
      clock.now += ms;
      clock.slept.push(ms);
      then?.(clock.slept.length);
    },
  };
}

type Scope = Parameters<Parameters<typeof requestStep>[2]>[0];

/** The first run of the wait: the request is new, its issue #1 is opened. */
function mockAsk(world: RequestWorld, scope: Scope) {
  mockPolicy(world, scope);
  mockIssueList(world, scope, 'open');
  mockIssueList(world, scope, 'closed');
  mockLogRead(world, scope);
  mockCreateIssue(world, scope);
  mockCreateIssueComment(world, scope, 1, (body) => body.includes('gatehouse:request-data'));
}

/** A recompute of issue #1 after its comments changed (no check run: `checkRun: false`). */
function mockRecompute(world: RequestWorld, scope: Scope, logins: string[] = []) {
  mockGetIssue(world, scope, 1);
  mockComments(world, scope, 1);
  mockPolicy(world, scope);
  mockLogRead(world, scope);
  for (const login of logins) mockPermission(world, scope, login);
}

function mockCheckRunsFor(world: RequestWorld, scope: Scope) {
  mockCheckRuns(world, scope);
}

function mockCreateCheckRunFor(world: RequestWorld, scope: Scope) {
  mockCreateCheckRun(world.base, scope, (body) => body.status === 'in_progress');
}

describe('waiting for a decision on an approval issue', () => {
  it('polls with If-None-Match, skips the recompute on 304, and ends when alice approves on the 3rd poll', async () => {
    const world = aRequestWorld();
    const { clock, now, sleep } = aClock();
    const progress: string[] = [];
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockAsk(world, scope);
        mockPoll(world, scope, 1); // 1: 200, nothing new; a recompute, nothing written
        mockRecompute(world, scope);
        mockPoll(world, scope, 1); // 2: 304
        mockPoll(world, scope, 1); // 3: 200, alice's approval
        mockRecompute(world, scope, ['alice']);
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) => String(body.body).startsWith('**Approved** by alice.'));
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Approved** by alice.'));
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) =>
        waitForRequestDecision(env, target, aMigrationRequest(), {
          ...options,
          timeoutMs: 3_600_000,
          pollIntervalMs: 30_000,
          sleep: sleep((count) => {
            if (count === 3)
              addIssueComment(world, 1, users.alice, '/approve', new Date(clock.now - 1000).toISOString());
          }),
          onProgress: (run, elapsed) =>
            progress.push(`${elapsed / 1000}s ${run.state} ${run.waitingFor ?? '-'}`),
        }),
      { now },
    );
    expect(value).toMatchObject({
      state: 'approved',
      approvers: [users.alice],
      issueNumber: 1,
      polls: 3,
      notModified: 1,
      timedOut: false,
    });
    // The creation (7), three polls, two recomputes (5 and 6 reads) and the decision's writes (7).
    expect(value.requests).toBe(7 + 3 + 5 + 6 + 7);
    expect(clock.slept).toEqual([30_000, 30_000, 45_000]);
    expect(progress).toEqual([
      '0s pending 1 approval from platform',
      '30s pending 1 approval from platform',
      '60s pending 1 approval from platform',
      '105s approved -',
    ]);
    expect(world.dispatches).toHaveLength(1);
  });

  it('times out with the gate still pending, backing off to a minute while nothing changes', async () => {
    const world = aRequestWorld();
    const { clock, now, sleep } = aClock();
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockAsk(world, scope);
        mockPoll(world, scope, 1);
        mockRecompute(world, scope);
        for (let poll = 2; poll <= 7; poll++) mockPoll(world, scope, 1);
      },
      (env) =>
        waitForRequestDecision(env, target, aMigrationRequest(), {
          ...options,
          timeoutMs: 300_000,
          pollIntervalMs: 30_000,
          sleep: sleep(),
        }),
      { now },
    );
    expect(value).toMatchObject({ state: 'pending', polls: 7, notModified: 6, timedOut: true });
    expect(clock.slept).toEqual([30_000, 30_000, 45_000, 60_000, 60_000, 60_000, 15_000]);
  });
});

describe('the sweep of approval issues', () => {
  it('recomputes an issue whose deadline has passed, and leaves the others', async () => {
    const world = aRequestWorld();
    // #1 was opened at 10:00 (deadline 14:00).
    await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => mockAsk(world, scope),
      (env) =>
        import('../../src/gate/run-request-gate.ts').then(({ runRequestGate }) =>
          runRequestGate(env, target, aMigrationRequest(), options),
        ),
    );
    expect(world.issues[0]?.body).toContain('<!-- gatehouse:wake 2026-11-20T14:00:00.000Z -->');

    // Before the deadline: one listing, nothing recomputed.
    const early = await requestStep(
      world,
      '2026-11-20T13:00:00Z',
      (scope) => mockIssueList(world, scope, 'open'),
      (env) => sweepRequestGates(env, target, options),
    );
    expect(early.value).toEqual([]);

    // After it: expired (on_timeout reject), recorded, announced, closed.
    const late = await requestStep(
      world,
      '2026-11-20T14:01:00Z',
      (scope) => {
        mockIssueList(world, scope, 'open');
        mockRecompute(world, scope);
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) => typeof body.body === 'string');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Expired**'));
        mockUpdateIssue(
          world,
          scope,
          1,
          (body) => body.state === 'closed' && body.state_reason === 'not_planned',
        );
      },
      (env) => sweepRequestGates(env, target, options),
    );
    expect(late.value).toMatchObject([{ state: 'expired', issueNumber: 1 }]);
    expect(world.issues[0]?.body).not.toContain('gatehouse:wake');
  });
});

describe('the cost of waiting (measured, for the API budget)', () => {
  it('ten minutes at the default 30 s interval: 12 polls, 11 of them 304s; one recompute', async () => {
    const world = aRequestWorld();
    const { now, sleep } = aClock();
    const withRuns = { checkRun: true, dispatch: true };
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockAsk(world, scope);
        mockCheckRunsFor(world, scope);
        mockCreateCheckRunFor(world, scope);
        mockPoll(world, scope, 1);
        mockRecompute(world, scope);
        mockCheckRunsFor(world, scope);
        for (let poll = 2; poll <= 12; poll++) mockPoll(world, scope, 1);
      },
      (env) =>
        waitForRequestDecision(env, target, aMigrationRequest(), {
          ...withRuns,
          timeoutMs: 600_000,
          pollIntervalMs: 30_000,
          sleep: sleep(),
        }),
      { now },
    );
    // 9 to open the request, 12 polls (11 answered 304: no rate limit), 6 for the one recompute.
    expect(value).toMatchObject({ polls: 12, notModified: 11, timedOut: true, requests: 9 + 12 + 6 });
  });

  it('polling every 10 s without conditional requests: every poll a full recompute of 6 requests', async () => {
    const world = aRequestWorld();
    const withRuns = { checkRun: true, dispatch: true };
    await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockAsk(world, scope);
        mockCheckRunsFor(world, scope);
        mockCreateCheckRunFor(world, scope);
      },
      (env) =>
        import('../../src/gate/run-request-gate.ts').then((m) =>
          m.runRequestGate(env, target, aMigrationRequest(), withRuns),
        ),
    );
    let requests = 0;
    for (let second = 10; second <= 60; second += 10) {
      const { value } = await requestStep(
        world,
        new Date(T0 + second * 1000).toISOString(),
        (scope) => {
          mockPolicy(world, scope);
          mockIssueList(world, scope, 'open');
          mockComments(world, scope, 1);
          mockCheckRunsFor(world, scope);
          mockLogRead(world, scope);
        },
        (env) =>
          import('../../src/gate/run-request-gate.ts').then((m) =>
            m.runRequestGate(env, target, aMigrationRequest(), withRuns),
          ),
      );
      requests += value.requests;
    }
    expect(requests).toBe(36);
  });
});
