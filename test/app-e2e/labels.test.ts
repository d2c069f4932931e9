// Labels that a rule follows (`if: { labels: [...] }`), end to end: the real App against the GitHub
// simulator, a person adding or removing the label, and what GitHub ends up holding.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import {
  checkHistory,
  commentLater,
  countRequests,
  latestCheck,
  logMessages,
  openPullRequest,
  REPO,
  readable,
  readsAgain,
  requestComment,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const POLICY = `reviewers:
  platform: [alice, bob]
rules:
  - name: risky
    if: { labels: [risky] }
    reviewers: [platform]
`;

/** A change no path rule covers: only the label makes it risky. */
const CODE = { 'src/orders.ts': 'export const orders = [];\n' };

const scenes = usePullRequestScenes();

describe('a label a rule follows', () => {
  it('added to a pull request that passed on its own asks for approval', async () => {
    const app = await scenes.start(POLICY);
    const pr = await openPullRequest(app, CODE);
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Auto-approved: low risk']);
    expect(app.sim.commentsOn(pr.number)).toEqual([]);
    app.sim.advance(60_000);
    const { result: labeled, requests } = await countRequests(app, () =>
      app.users.label(pr.number, 'risky', users.dave),
    );
    expect(labeled.status, labeled.body).toBe(200);
    // A new run waits on the head (the newest run of a name is the one branch protection reads).
    expect(checkHistory(app, pr.headSha)).toEqual([
      ['completed', 'success'],
      ['in_progress', null],
    ]);
    expect(latestCheck(app, pr.headSha)[2]).toBe('Waiting for 1 approval from platform');
    expect(readable(requestComment(app, pr.number).body)).toContain('Matched because labels: risky');
    const requested = (app.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
    // The 4 reads that changed since the opening (the policy, files, activity and deployment
    // listing are 304s), the comment, the review request, the check run.
    expect(requests).toEqual([
      ...readsAgain(pr.number, pr.headSha),
      `POST ${REPO}/issues/${pr.number}/comments`,
      `POST ${REPO}/pulls/${pr.number}/requested_reviewers`,
      `POST ${REPO}/check-runs`,
    ]);
  });

  it('removed after an approval lets the pull request pass on its own; added again, the old approval is stale', async () => {
    const app = await scenes.start(POLICY);
    const pr = await openPullRequest(app, CODE);
    app.sim.advance(60_000);
    expect((await app.users.label(pr.number, 'risky', users.dave)).status).toBe(200);
    await commentLater(app, pr.number, users.alice, '/approve');
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);

    app.sim.advance(60_000);
    const unlabeling = await countRequests(app, () => app.users.unlabel(pr.number, 'risky', users.dave));
    expect(unlabeling.result.status).toBe(200);
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Auto-approved: low risk']);
    expect(readable(requestComment(app, pr.number).body)).toMatch(
      /`\/approve` — stale: given before the request changed \(the label risky was removed at [^)]+\); approve again/,
    );
    // The same request as at the opening, auto-approved again: its record is in the log already.
    // alice's permission and the deployment listing did not change: 304s.
    expect(logMessages(app)).toHaveLength(2);
    expect(unlabeling.requests).toEqual([
      ...readsAgain(pr.number, pr.headSha),
      `PATCH ${REPO}/issues/comments/${requestComment(app, pr.number).id}`,
      `POST ${REPO}/check-runs`,
    ]);

    app.sim.advance(60_000);
    const relabeling = await countRequests(app, () => app.users.label(pr.number, 'risky', users.dave));
    expect(relabeling.result.status).toBe(200);
    expect(latestCheck(app, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
    expect(readable(requestComment(app, pr.number).body)).toMatch(
      /`\/approve` — stale: given before the request changed \(the label risky was added at [^)]+\); approve again/,
    );
    // Still asked (nobody reviewed): no new review request; the comment and a new waiting run.
    // Nothing was logged since the removal: the log's commits are a 304 too.
    expect(relabeling.requests).toEqual([
      `GET ${REPO}/pulls/${pr.number}`,
      `GET ${REPO}/issues/${pr.number}/timeline`,
      `GET ${REPO}/commits/${pr.headSha}/check-runs`,
      `PATCH ${REPO}/issues/comments/${requestComment(app, pr.number).id}`,
      `POST ${REPO}/check-runs`,
    ]);
  });
});
