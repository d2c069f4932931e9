// What opening a pull request leads to under each state of the policy, with the real App against
// the GitHub simulator: assertions on what GitHub ends up holding (the check runs on the head, the
// conversation, review requests, the log branch), and the requests each opening cost as budgets.
import { describe, expect, it } from 'vitest';
import { APP, BOT } from './app-on-simulator.ts';
import {
  countRequests,
  gateRunsOn,
  openPullRequest,
  REPO,
  readable,
  reads,
  requestComment,
  usePullRequestScenes,
} from './pull-request-scene.ts';

const scenes = usePullRequestScenes();
const start = scenes.start;

describe('a pull request opened', () => {
  it('in a repository without a policy gets no check and no comment', async () => {
    const app = await start(null);
    const { result: pr, requests } = await countRequests(app, () => openPullRequest(app));
    expect(pr.delivery.status).toBe(200);
    expect(app.sim.state.checkRuns).toEqual([]);
    expect(app.sim.commentsOn(pr.number)).toEqual([]);
    expect(app.sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    expect(app.sim.state.refs.has('gatehouse-log')).toBe(false);
    // The App's first delivery: who it is and a token (once per process); then the pull request
    // and the policy (404), nothing more.
    expect(requests).toEqual([
      'GET /app',
      `POST /app/installations/${APP.installationId}/access_tokens`,
      `GET /users/${BOT.login}`,
      `GET ${REPO}/pulls/${pr.number}`,
      `GET ${REPO}/contents/.github/gatehouse.yml`,
    ]);
  });

  it('under an invalid policy gets a failing check that lists every problem', async () => {
    const app = await start('mode: sometimes\nrules:\n  - name: x\n    paths: [a]\n');
    const { result: pr, requests } = await countRequests(app, () => openPullRequest(app));
    expect(pr.delivery.status).toBe(200);
    const { runs, newest, buttons } = gateRunsOn(app, pr.headSha);
    expect(runs).toHaveLength(1);
    expect(newest).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(buttons).toEqual([]);
    expect((newest?.output as { summary?: string } | undefined)?.summary).toMatchInlineSnapshot(`
      "**Invalid configuration** — \`.github/gatehouse.yml\` has 2 problems. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.

      - mode: expected one of "auto", "ask\\-once", "ask" or "always", got "sometimes" (line 1, column 7)
      - rules\\[0\\]: unknown key "paths" \\(did you mean "if.paths"?\\) (line 4, column 5)"
    `);
    expect(app.sim.commentsOn(pr.number)).toEqual([]);
    expect(app.sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    // The pull request and the policy; the run to update (none yet), the failing run. No
    // deployment listing: nothing is waiting under a policy that does not parse.
    expect(requests).toEqual([
      `GET ${REPO}/pulls/${pr.number}`,
      `GET ${REPO}/contents/.github/gatehouse.yml`,
      `GET ${REPO}/commits/${pr.headSha}/check-runs`,
      `POST ${REPO}/check-runs`,
    ]);
  });

  it('that changes nothing risky is approved on its own and recorded', async () => {
    const app = await start();
    const { result: pr, requests } = await countRequests(app, () =>
      openPullRequest(app, { 'docs/readme.md': 'How to run the shop.\n' }),
    );
    expect(pr.delivery.status).toBe(200);
    const { runs, newest } = gateRunsOn(app, pr.headSha);
    expect(runs).toHaveLength(1);
    expect(newest).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Auto-approved: low risk' },
    });
    expect(app.sim.commentsOn(pr.number)).toEqual([]);
    expect(app.sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    const records = Object.values(app.sim.filesOnBranch('gatehouse-log'));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain(pr.headSha);
    // docs/app.md, API budget: 7 reads, the log commit (tree, commit, ref), the check run, and
    // the listing of the head's runs waiting for a deployment.
    expect(requests).toEqual([
      ...reads(pr.number, pr.headSha),
      `POST ${REPO}/git/trees`,
      `POST ${REPO}/git/commits`,
      `POST ${REPO}/git/refs`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/actions/runs`,
    ]);
  });

  it('that changes a migration waits: a request comment, review requests and a pending check', async () => {
    const app = await start();
    const { result: pr, requests } = await countRequests(app, () => openPullRequest(app));
    expect(pr.delivery.status).toBe(200);
    const { runs, newest, buttons } = gateRunsOn(app, pr.headSha);
    expect(runs).toHaveLength(1);
    expect(newest).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      output: { title: 'Waiting for 1 approval from platform' },
    });
    expect(buttons).toEqual(['Approve', 'Reject']);
    expect(readable(requestComment(app, pr.number).body)).toContain('needs 1 approval from **platform**');
    const requested = (app.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
    expect(app.sim.state.refs.has('gatehouse-log')).toBe(false);
    // docs/app.md, API budget: 7 reads, the comment, the review request, the check run, and the
    // listing of the head's runs waiting for a deployment.
    expect(requests).toEqual([
      ...reads(pr.number, pr.headSha),
      `POST ${REPO}/issues/${pr.number}/comments`,
      `POST ${REPO}/pulls/${pr.number}/requested_reviewers`,
      `POST ${REPO}/check-runs`,
      `GET ${REPO}/actions/runs`,
    ]);
  });
});
