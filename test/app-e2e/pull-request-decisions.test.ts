// The decisions reviewers make by comment, and the approvals that do not count, each with the
// reason the approval request shows: the real App against the GitHub simulator, asserting on what
// GitHub ends up holding (the check history on the head, the sticky comment, the log branch) with
// the requests each decision cost as budgets next to them.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { ACTIONS_BOT } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  checkHistory,
  commentLater,
  countRequests,
  decisionBudget,
  gateRunsOn,
  latestCheck,
  logMessages,
  openPullRequest,
  POLICY,
  REPO,
  readable,
  readsAgain,
  requestComment,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

/** The App on a repository with `policy`, and the migration opened: a request comment, a waiting check. */
async function opened(policy = POLICY) {
  const app = await scenes.start(policy);
  const pr = await openPullRequest(app);
  expect(pr.delivery.status).toBe(200);
  expect(latestCheck(app, pr.headSha)).toEqual(['in_progress', null, 'Waiting for 1 approval from platform']);
  return { app, pr };
}

/** The ids a decision's writes name: the sticky comment and the waiting run it supersedes. */
function idsOf(app: AppScene, pr: { number: number; headSha: string }) {
  return { comment: requestComment(app, pr.number).id, run: Number(gateRunsOn(app, pr.headSha).runs[0]?.id) };
}

/**
 * A statement that does not count: the 4 reads that changed since the opening, the permission
 * (none for a bot), the comment, the same run updated; the deployment listing is a 304.
 */
function ignoredBudget(app: AppScene, pr: { number: number; headSha: string }, login?: string) {
  const ids = idsOf(app, pr);
  return [
    ...readsAgain(pr.number, pr.headSha),
    ...(login === undefined ? [] : [`GET ${REPO}/collaborators/${login}/permission`]),
    `PATCH ${REPO}/issues/comments/${ids.comment}`,
    `PATCH ${REPO}/check-runs/${ids.run}`,
  ];
}

describe('an /approve', () => {
  it('from a listed reviewer with write permission approves: log commit, updated comment, a new check run', async () => {
    const { app, pr } = await opened();
    const request = requestComment(app, pr.number);
    const { requests } = await countRequests(app, () =>
      commentLater(app, pr.number, users.alice, '/approve'),
    );
    const [message, ...older] = logMessages(app);
    expect(older).toEqual([]);
    expect(message).toMatch(/^gatehouse: approved gatehouse by alice/);
    // The check history on the commit: the waiting run completed in place with the decision.
    expect(checkHistory(app, pr.headSha)).toEqual([['completed', 'success']]);
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    const updated = requestComment(app, pr.number);
    expect(updated.id).toBe(request.id);
    expect(updated.body).toContain('counted for migrations');
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', idsOf(app, pr).run));
  });

  it.each([
    [
      'the author',
      users.author,
      'write',
      'ignored: @agent-author is the PR author and the requester and the last pusher (self-approval is off)',
    ],
    ['a reviewer with read permission', users.bob, 'read', 'ignored: @bob has read permission'],
    ['a reviewer without access', users.alice, undefined, 'ignored: @alice has none permission'],
    ['someone outside the reviewer groups', users.dave, 'write', 'ignored: @dave is not in platform'],
  ] as const)(
    'from %s is ignored, and the request says why',
    async (_who, person: Actor, permission, reason) => {
      const { app, pr } = await opened();
      if (permission === undefined) delete app.sim.state.permissions[person.login];
      else app.sim.setPermission(person.login, permission);
      const { requests } = await countRequests(app, () => commentLater(app, pr.number, person, '/approve'));
      // Still waiting, on the same run: nothing recorded, nothing decided.
      expect(checkHistory(app, pr.headSha)).toEqual([['in_progress', null]]);
      expect(latestCheck(app, pr.headSha)[2]).toBe('Waiting for 1 approval from platform');
      expect(readable(requestComment(app, pr.number).body)).toContain(reason);
      expect(app.sim.state.refs.has('gatehouse-log')).toBe(false);
      expect(requests).toEqual(ignoredBudget(app, pr, person.login));
    },
  );
});

describe('a decision other than /approve', () => {
  it('/reject rejects: recorded, the check fails', async () => {
    const { app, pr } = await opened();
    const { requests } = await countRequests(app, () =>
      commentLater(app, pr.number, users.alice, '/reject the snapshot is a week old'),
    );
    expect(logMessages(app)[0]).toMatch(/^gatehouse: rejected gatehouse by alice/);
    expect(checkHistory(app, pr.headSha)).toEqual([['completed', 'failure']]);
    expect(readable(requestComment(app, pr.number).body)).toContain('the snapshot is a week old');
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', idsOf(app, pr).run));
  });

  it('/modify asks for changes: recorded, the check stays closed until a push', async () => {
    const { app, pr } = await opened();
    const { requests } = await countRequests(app, () =>
      commentLater(app, pr.number, users.alice, '/modify add an index first'),
    );
    expect(logMessages(app)).toHaveLength(1);
    expect(latestCheck(app, pr.headSha)).toEqual(['in_progress', null, 'Changes requested by alice']);
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', idsOf(app, pr).run));
  });

  it('/delay approves, effective later: recorded, the check waits for that time', async () => {
    const { app, pr } = await opened();
    // alice writes on a whole minute (GitHub's clock, which the App shares, stands still there).
    const minute = Math.ceil((Date.parse(app.sim.clock) + 60_000) / 60_000) * 60_000;
    app.sim.fixedClock = new Date(minute).toISOString();
    const { requests } = await countRequests(app, () =>
      commentLater(app, pr.number, users.alice, '/delay 2h'),
    );
    const effective = new Date(minute + 2 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(logMessages(app)).toHaveLength(1);
    expect(latestCheck(app, pr.headSha)).toEqual([
      'in_progress',
      null,
      `Approved by alice, effective at ${effective} UTC`,
    ]);
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', idsOf(app, pr).run));
  });

  it('/ack acknowledges a gate at the acknowledge level', async () => {
    const app = await scenes.start(
      POLICY.replace('reviewers: [platform]', 'reviewers: [platform]\n    level: acknowledge'),
    );
    const pr = await openPullRequest(app);
    expect(latestCheck(app, pr.headSha)[0]).toBe('in_progress');
    const { requests } = await countRequests(app, () => commentLater(app, pr.number, users.alice, '/ack'));
    expect(logMessages(app)).toHaveLength(1);
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', idsOf(app, pr).run));
  });
});

describe('an approval that does not count', () => {
  it('from a bot account is ignored', async () => {
    const { app, pr } = await opened();
    const { requests } = await countRequests(app, () =>
      commentLater(app, pr.number, ACTIONS_BOT, '/approve'),
    );
    expect(checkHistory(app, pr.headSha)).toEqual([['in_progress', null]]);
    expect(readable(requestComment(app, pr.number).body)).toContain(
      'ignored: @github-actions[bot] is a bot account',
    );
    expect(app.sim.state.refs.has('gatehouse-log')).toBe(false);
    // Bots never count (allow_bots is off), so their permission is not even read.
    expect(requests).toEqual(ignoredBudget(app, pr));
  });

  it('edited after posting is ignored: post a new comment (L2)', async () => {
    const { app, pr } = await opened();
    const { id } = await commentLater(app, pr.number, users.alice, 'Looks fine to me.');
    app.sim.advance(60_000);
    const { result: edit, requests } = await countRequests(app, () =>
      app.users.editComment(pr.number, id, users.alice, '/approve'),
    );
    expect(edit.status, edit.body).toBe(200);
    expect(checkHistory(app, pr.headSha)).toEqual([['in_progress', null]]);
    expect(readable(requestComment(app, pr.number).body)).toContain(
      'ignored: an edited approval never counts; post a new comment',
    );
    expect(app.sim.state.refs.has('gatehouse-log')).toBe(false);
    expect(requests).toEqual(ignoredBudget(app, pr, 'alice'));
  });
});
