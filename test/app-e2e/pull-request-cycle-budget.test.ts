// What one whole pull-request cycle costs against GitHub's rate limit: the migration opened (the
// request comment, a review request, a waiting check), alice's /approve, the green check and the
// decision record. Every request that counts is listed by name (304s and /rate_limit do not
// count) and printed, so a change that adds or saves one shows here. Issue 15 aims at 16 or fewer.
// The /approve reads the policy, the files, the activity and the waiting runs conditionally: the
// App read them at the opening, and GitHub answers 304s, which do not count.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import {
  commentLater,
  countRequests,
  decisionBudget,
  gateRunsOn,
  latestCheck,
  logMessages,
  openPullRequest,
  REPO,
  reads,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

describe('one pull-request cycle', () => {
  it('opens, asks, is approved and logged in 22 rate-limited requests, each one named', async () => {
    const app = await scenes.start();
    const { result: pr, requests: opening } = await countRequests(app, () => openPullRequest(app));
    expect(pr.delivery.status).toBe(200);
    const waiting = Number(gateRunsOn(app, pr.headSha).newest?.id);
    const { requests: approving } = await countRequests(app, () =>
      commentLater(app, pr.number, users.alice, '/approve'),
    );
    expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(logMessages(app)).toHaveLength(1);
    const cycle = [
      ...opening.map((line) => `opened   ${line}`),
      ...approving.map((line) => `/approve ${line}`),
    ];
    process.stdout.write(`one pull-request cycle: ${cycle.length} counted requests\n${cycle.join('\n')}\n`);
    expect(opening).toEqual([
      ...reads(pr.number, pr.headSha),
      `POST ${REPO}/issues/${pr.number}/comments`,
      `POST ${REPO}/pulls/${pr.number}/requested_reviewers`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/actions/runs`,
    ]);
    expect(approving).toEqual(decisionBudget(app, pr, 'alice', waiting));
    expect(cycle).toHaveLength(22);
  });
});
