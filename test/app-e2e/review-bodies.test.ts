// Review bodies have one meaning (issue 10, class 8), end to end: the real App against the GitHub
// simulator; each test asserts the check runs GitHub ends up holding on the head, the sticky
// comment and the log branch, with the requests each review cost as budgets next to them.
import { describe, expect, it } from 'vitest';
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
  openAndApprove,
  openPullRequest,
  readable,
  recountBudget,
  requestComment,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

async function start(): Promise<AppScene> {
  return scenes.start();
}

type Pull = { number: number; headSha: string };

/** A minute later, alice submits a review of the head with `body`; the App answers 200. */
async function submitReview(app: AppScene, pr: Pull, state: string, body: string) {
  app.sim.advance(60_000);
  const delivery = await app.users.review(pr.number, users.alice, state, body);
  expect(delivery.status, delivery.body).toBe(200);
}

describe('an approving review', () => {
  it('whose body says /reject too risky rejects: recorded, and the gatehouse check on the head fails', async () => {
    const app = await start();
    const pr = await openPullRequest(app);
    const pending = Number(gateRunsOn(app, pr.headSha).newest?.id);
    const { requests } = await countRequests(app, () =>
      submitReview(app, pr, 'APPROVED', '/reject too risky'),
    );
    expect(checkHistory(app, pr.headSha)).toEqual([['completed', 'failure']]);
    expect(latestCheck(app, pr.headSha)[1]).toBe('failure');
    expect(logMessages(app)[0]).toMatch(/^gatehouse: rejected gatehouse by alice/);
    expect(readable(requestComment(app, pr.number).body)).toContain('too risky');
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', pending));
  });

  it('whose body says LGTM, then /reject on a later line, rejects too', async () => {
    const app = await start();
    const pr = await openPullRequest(app);
    const pending = Number(gateRunsOn(app, pr.headSha).newest?.id);
    const { requests } = await countRequests(app, () =>
      submitReview(app, pr, 'APPROVED', 'LGTM overall.\n\n/reject the lock on orders is too long'),
    );
    expect(latestCheck(app, pr.headSha)[1]).toBe('failure');
    expect(logMessages(app)[0]).toMatch(/^gatehouse: rejected gatehouse by alice/);
    expect(requests).toEqual(decisionBudget(app, pr, 'alice', pending));
  });

  it('whose body says /approve cancel, after an earlier approval, withdraws it: the gate is pending again', async () => {
    const app = await start();
    const pr = await openAndApprove(app);
    const { requests } = await countRequests(app, () => submitReview(app, pr, 'APPROVED', '/approve cancel'));
    expect(latestCheck(app, pr.headSha).slice(0, 2)).toEqual(['in_progress', null]);
    expect(readable(requestComment(app, pr.number).body)).toContain('counted: withdraws earlier statements');
    // The approval stays in the log; a withdrawal is not a decision.
    expect(logMessages(app)).toHaveLength(1);
    expect(requests).toEqual(recountBudget(app, pr));
  });
});

describe('a comment', () => {
  it.each(['/approve cancelled', '/remove-approve'])(
    '%s withdraws an earlier approval: the gate is pending again',
    async (body) => {
      const app = await start();
      const pr = await openAndApprove(app);
      const { requests } = await countRequests(app, () => commentLater(app, pr.number, users.alice, body));
      expect(latestCheck(app, pr.headSha).slice(0, 2)).toEqual(['in_progress', null]);
      expect(readable(requestComment(app, pr.number).body)).toContain(
        'counted: withdraws earlier statements',
      );
      expect(logMessages(app)).toHaveLength(1);
      expect(requests).toEqual(recountBudget(app, pr));
    },
  );
});
