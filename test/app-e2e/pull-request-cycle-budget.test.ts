// What one whole pull-request cycle costs against GitHub's rate limit: the migration opened (the
// request comment, a review request, a waiting check), alice's /approve, the green check and the
// decision record. Every request that counts is listed by name (304s and /rate_limit do not
// count) and printed, so a change that adds or saves one shows here. Issue 15 aims at 16 or fewer.
// Two figures: the cycle that writes a repository's first record (the log branch is created, an
// orphan: tree, commit, ref) and a cycle on a repository whose log exists, the steady state users
// see (the record is one contents-API write). The /approve reads the policy, the files, the
// activity and the waiting runs conditionally: the App read them at the opening, and GitHub
// answers 304s, which do not count.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  commentLater,
  countRequests,
  decisionBudget,
  gateRunsOn,
  latestCheck,
  logMessages,
  openPullRequest,
  POLICY_PATH,
  REPO,
  reads,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

/** One cycle, opened to logged, its counted requests printed under `title`. */
async function runCycle(app: AppScene, title: string) {
  const { result: pr, requests: opening } = await countRequests(app, () => openPullRequest(app));
  expect(pr.delivery.status).toBe(200);
  const waiting = Number(gateRunsOn(app, pr.headSha).newest?.id);
  const { requests: approving } = await countRequests(app, () =>
    commentLater(app, pr.number, users.alice, '/approve'),
  );
  expect(latestCheck(app, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
  const cycle = [
    ...opening.map((line) => `opened   ${line}`),
    ...approving.map((line) => `/approve ${line}`),
  ];
  process.stdout.write(`${title}: ${cycle.length} counted requests\n${cycle.join('\n')}\n`);
  return { pr, waiting, opening, approving, cycle };
}

describe('one pull-request cycle', () => {
  it('writes the first record (creating the log branch) in 21 rate-limited requests, each one named', async () => {
    const app = await scenes.start();
    const { pr, waiting, opening, approving, cycle } = await runCycle(
      app,
      "one pull-request cycle, the repository's first record",
    );
    expect(logMessages(app)).toHaveLength(1);
    expect(opening).toEqual([
      ...reads(pr.number, pr.headSha),
      `POST ${REPO}/issues/${pr.number}/comments`,
      `POST ${REPO}/pulls/${pr.number}/requested_reviewers`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/actions/runs`,
    ]);
    expect(approving).toEqual(decisionBudget(app, pr, 'alice', waiting));
    expect(cycle).toHaveLength(21);
  });

  // The steady state: bob approved the repository's first pull request, so the log exists and the
  // policy and the repository's runs waiting for a deployment are what the App read then (304s). alice approves this one: her permission is read
  // afresh, as for a reviewer the App has not seen (one she approved before would be a 304).
  it('on a repository whose log exists, in 16 rate-limited requests, each one named', async () => {
    const app = await scenes.start();
    const first = await openPullRequest(app);
    await commentLater(app, first.number, users.bob, '/approve');
    expect(logMessages(app)).toHaveLength(1);
    const { pr, waiting, opening, approving, cycle } = await runCycle(
      app,
      'one pull-request cycle, a repository whose log exists',
    );
    expect(logMessages(app)).toHaveLength(2);
    expect(opening).toEqual([
      ...reads(pr.number, pr.headSha).filter((line) => line !== `GET ${REPO}/contents/${POLICY_PATH}`),
      `POST ${REPO}/issues/${pr.number}/comments`,
      `POST ${REPO}/pulls/${pr.number}/requested_reviewers`,
      `POST ${REPO}/check-runs`,
    ]);
    expect(approving).toEqual(decisionBudget(app, pr, 'alice', waiting, 'log exists'));
    expect(cycle).toHaveLength(16);
  });
});
