// `gate` with an `environment` in a deploy job whose commit is the head of an open pull request:
// the deployment's gate (`gatehouse: production`) is asked on the pull request itself, in a
// second sticky comment next to the pull request's own, and a `/approve` there decides it. Who
// runs the deploy job cannot approve it (D4).
import { describe, expect, it } from 'vitest';
import type { GitHubSimulator, RecordedRequest } from '../simulator/github.ts';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import { useScenario } from './scenario.ts';

const POLICY = `mode: ask
reviewers:
  platform: [alice, bob]
rules:
  - name: production
    if: { environments: [production] }
    risk: { blast_radius: production }
    reviewers: [platform]
    timeout: 1h
    on_timeout: reject
`;

const scenario = useScenario(POLICY);
const deploy = { mode: 'gate', environment: 'production', wait: 'true', 'poll-interval': '1s' };

function openPullRequest(github: GitHubSimulator): void {
  github.addPullRequest(
    {
      number: 7,
      headSha: HEAD_SHA,
      title: 'Ship the new checkout',
      body: '## Context\nThe new checkout flow.\n\n## Rollback Plan\nDeploy the previous release tag again.',
      user: users.dave,
    },
    ['src/checkout.ts'],
  );
}

/** A poll of the wait on the pull request: a conditional read of its timeline. */
const isPoll = (request: RecordedRequest) =>
  request.conditional && request.method === 'GET' && request.path === '/repos/acme/shop/issues/7/timeline';

describe('a deploy job of a pull request’s head', () => {
  it('asks on the pull request and continues when a reviewer approves there; the deployer’s own /approve does not count', async () => {
    const { github } = scenario;
    openPullRequest(github);
    github.when(isPoll, 2, () => github.addComment(7, users.carol, '/approve'));
    github.when(isPoll, 4, () => github.addComment(7, users.alice, '/approve'));
    const run = await scenario.run({
      inputs: deploy,
      sha: HEAD_SHA,
      actor: 'carol',
      actorId: users.carol.id,
    });

    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      decision: 'approved',
      approvers: '["alice"]',
      'request-url': 'https://github.com/acme/shop/pull/7',
    });
    // No approval issue: the pull request is where its reviewers are.
    expect(github.state.issues.size).toBe(0);
    const gateComments = github
      .commentsOn(7)
      .filter((comment) => String(comment.body).includes('<!-- gatehouse:gate production -->'));
    expect(gateComments).toHaveLength(1);
    expect(String(gateComments[0]?.body)).toMatch(/carol\S{0,12} is the deployer/);
    const runs = github.state.checkRuns.filter((entry) => entry.name === 'gatehouse: production');
    expect(runs.at(-1)).toMatchObject({ head_sha: HEAD_SHA, status: 'completed', conclusion: 'success' });
    expect(run.stdout).toMatch(/waited \S+ over \d+ poll\(s\), \d+ not modified/);
    // Each poll reads the timeline (comments, reviews, pushes) and the pull request with
    // If-None-Match: a quiet poll is two 304s, neither of which counts against the rate limit.
    const watched = new Set(['/repos/acme/shop/issues/7/timeline', '/repos/acme/shop/pulls/7']);
    const quiet = github.requests.filter(
      (request) => request.conditional && watched.has(request.path) && request.status === 304,
    );
    expect(quiet.length).toBeGreaterThanOrEqual(2);
    expect(quiet.every((request) => !request.counted)).toBe(true);
  });

  it('without wait fails with the pull request’s link while pending, and a later handle re-runs it once approved', async () => {
    const { github } = scenario;
    openPullRequest(github);
    const first = await scenario.run({
      inputs: { mode: 'gate', environment: 'production' },
      sha: HEAD_SHA,
      actor: 'carol',
      actorId: users.carol.id,
      runId: 601,
    });
    expect(first.code).toBe(1);
    expect(first.outputs).toMatchObject({
      decision: 'pending',
      'request-url': 'https://github.com/acme/shop/pull/7',
    });
    expect(first.stdout).toContain('waiting for approval: https://github.com/acme/shop/pull/7');

    github.addWorkflowRun({ id: 601, status: 'completed', conclusion: 'failure', headSha: HEAD_SHA });
    const id = github.addComment(7, users.alice, '/approve');
    const user = { login: users.alice.login, id: users.alice.id, type: 'User' };
    const handled = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: {
        action: 'created',
        issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
        comment: { id, body: '/approve', user, updated_at: new Date().toISOString() },
        sender: user,
        repository: { name: 'shop', owner: { login: 'acme' } },
      },
      actor: 'alice',
      runId: 602,
    });
    expect(handled.code, handled.stdout).toBe(0);
    expect(handled.stdout).toMatch(/gatehouse: production: Approved by alice/);
    expect(github.state.reruns).toEqual([{ runId: 601, kind: 'rerun-failed-jobs' }]);
  });
});
