// Reviews that change after they were given, end to end: the real App against the GitHub
// simulator, a review edited by its author or dismissed by a maintainer, and what GitHub ends up
// holding on the head (the check, the sticky comment's account of each statement, the log).
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  checkHistory,
  countRequests,
  latestCheck,
  logMessages,
  openPullRequest,
  readable,
  readsAgain,
  recountBudget,
  requestComment,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

type Pull = { number: number; headSha: string };

/** A minute later, alice submits a review of the head; returns its id. */
async function aliceReviews(app: AppScene, pr: Pull, state: string, body: string): Promise<number> {
  app.sim.advance(60_000);
  const delivery = await app.users.review(pr.number, users.alice, state, body);
  expect(delivery.status, delivery.body).toBe(200);
  return Number((delivery.payload.review as { id: number }).id);
}

describe('an approving review', () => {
  it('edited after it was submitted no longer counts: the gate waits again (L2)', async () => {
    const app = await scenes.start();
    const pr = await openPullRequest(app);
    const id = await aliceReviews(app, pr, 'APPROVED', 'Looks right.');
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    app.sim.advance(60_000);
    const { result: edit, requests } = await countRequests(app, () =>
      app.users.editReview(pr.number, id, users.alice, 'Looks right. Ship it.'),
    );
    expect(edit.status, edit.body).toBe(200);
    expect(latestCheck(app, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
    expect(readable(requestComment(app, pr.number).body)).toContain(
      'ignored: an edited approval never counts; submit a new review',
    );
    // The approval's record stays in the log: it was a decision when it was made.
    expect(logMessages(app)).toHaveLength(1);
    expect(requests).toEqual(recountBudget(app, pr));
  });

  it('dismissed by a maintainer no longer counts: the gate waits again', async () => {
    const app = await scenes.start();
    const pr = await openPullRequest(app);
    const id = await aliceReviews(app, pr, 'APPROVED', '');
    expect(latestCheck(app, pr.headSha)[1]).toBe('success');
    app.sim.advance(60_000);
    const { result: dismissal, requests } = await countRequests(app, () =>
      app.users.dismissReview(pr.number, id, users.dave, 'Approved before the snapshot was checked'),
    );
    expect(dismissal.status, dismissal.body).toBe(200);
    expect(latestCheck(app, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
    expect(readable(requestComment(app, pr.number).body)).toContain('the review was dismissed');
    expect(requests).toEqual(recountBudget(app, pr));
  });
});

describe('a review with /reject', () => {
  it('dismissed by a maintainer still vetoes: vetoes are durable', async () => {
    const app = await scenes.start();
    const pr = await openPullRequest(app);
    const id = await aliceReviews(app, pr, 'CHANGES_REQUESTED', '/reject the lock on orders is too long');
    expect(latestCheck(app, pr.headSha)[1]).toBe('failure');
    const history = checkHistory(app, pr.headSha);
    app.sim.advance(60_000);
    const { result: dismissal, requests } = await countRequests(app, () =>
      app.users.dismissReview(pr.number, id, users.dave, 'Discussed offline'),
    );
    expect(dismissal.status, dismissal.body).toBe(200);
    expect(latestCheck(app, pr.headSha)).toEqual([
      'completed',
      'failure',
      'Rejected by alice: the lock on orders is too long',
    ]);
    expect(checkHistory(app, pr.headSha)).toEqual(history);
    expect(logMessages(app)).toHaveLength(1);
    expect(logMessages(app)[0]).toMatch(/^gatehouse: rejected gatehouse by alice/);
    // Recomputed to the same decision: nothing to write. alice's permission and the deployment
    // listing are what the App read for her /reject: 304s.
    expect(requests).toEqual(readsAgain(pr.number, pr.headSha));
  });
});
