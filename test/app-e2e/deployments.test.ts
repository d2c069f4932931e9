// Deployments end to end (issue 5, DESIGN §5, §8) on the GitHub simulator: Gatehouse is the custom
// deployment protection rule of an environment, the real App (Probot server, signed deliveries,
// GHE_HOST at the simulator, so every call goes to /api/v3: the Enterprise Server case is every
// scenario here) answers the waiting runs. Assertions are on what GitHub ends up holding: the
// answer GitHub took for the run (with the token's permissions), the run and the deployment's
// statuses, the `gatehouse: <env>` check run, the gate's comment, the statements on the log
// branch; the requests a step cost are budgets next to them (docs/app.md, "API budget").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { type SimulatedDeployment, SimulatedDeployments } from '../simulator/deployments.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, BOT, startAppScene } from './app-on-simulator.ts';

const DEPLOY_POLICY = `reviewers:
  platform: [alice, bob]
  backup: [carol]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    reviewers: [platform]
    timeout: 4h
    on_timeout: escalate
    escalate_to: [backup]
  - name: deploys
    if: { environments: ["**"] }
    reviewers: [platform]
    require: []
`;

const RUN_ID = 501;
const PROD = 'production';
const PROD_CHECK = `gatehouse: ${PROD}`;
const ANSWER_PATH = `/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule`;
/** The narrowed token the App answers with (D6), as GitHub minted it. */
const NARROWED = { permissions: { deployments: 'write', metadata: 'read' }, repositories: ['shop'] };

let scene: AppScene;
let deploys: SimulatedDeployments;

async function start(policy = DEPLOY_POLICY) {
  scene = await startAppScene();
  deploys = new SimulatedDeployments(scene.sim, scene.webhooks);
  scene.sim.setPermission(users.dave.login, 'admin');
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': policy }, 'Add a Gatehouse policy');
  for (const login of ['alice', 'bob', 'carol', users.author.login]) scene.sim.setPermission(login, 'write');
}

beforeEach(() => {
  // GitHub's description declares only 204 for the answer route; GitHub answers a run that no
  // longer waits with 422 (D2): that one answer is GitHub's real behaviour, not the App's mistake.
});

afterEach(async () => {
  const { sim } = scene;
  sim.violations.splice(
    0,
    sim.violations.length,
    ...sim.violations.filter((violation) => !/deployment_protection_rule 422: not a status/.test(violation)),
  );
  await scene.stop();
});

/** The counted requests `step` made, as `METHOD path`. */
async function countRequests<T>(step: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const before = scene.sim.requests.length;
  const result = await step();
  const requests = scene.sim.requests
    .slice(before)
    .filter((request) => request.counted)
    .map((request) => `${request.method} ${request.path}`);
  return { result, requests };
}

const MIGRATION = { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' };
const DESCRIPTION =
  '## Context\n\nUnused since March.\n\n## Rollback plan\n\nRestore it from the nightly snapshot.';

/** The author opens the migration's pull request (its own gate waits for alice or bob). */
async function openThePullRequest() {
  const pr = await scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: DESCRIPTION,
    files: MIGRATION,
    branch: 'drop-status',
  });
  expect(pr.delivery.status).toBe(200);
  return pr;
}

/** A run of the deploy workflow for `sha` waits for `environment` (Gatehouse's rule), by `creator`. */
function waitFor(
  sha: string,
  shape: { environment?: string; creator?: Actor; triggeringActor?: Actor; runId?: number } = {},
): SimulatedDeployment {
  return deploys.waitFor({
    runId: shape.runId ?? RUN_ID,
    environment: shape.environment ?? PROD,
    sha,
    ref: 'drop-status',
    creator: shape.creator ?? users.author,
    ...(shape.triggeringActor === undefined ? {} : { triggeringActor: shape.triggeringActor }),
    ruleAppId: APP.id,
  });
}

/** The App's check runs of `name` on `sha`, oldest first, as `[status, conclusion]`. */
function checkRuns(sha: string, name = PROD_CHECK) {
  return scene.sim.state.checkRuns
    .filter((run) => run.head_sha === sha && run.name === name && (run.app as { id: number }).id === APP.id)
    .map((run) => [run.status, run.conclusion]);
}

/** The gate's sticky comment of the deployment to `environment` on pull request `number`. */
function deploymentComment(number: number, environment = PROD) {
  return scene.sim
    .commentsOn(number)
    .find((comment) =>
      String(comment.body).includes(`<!-- gatehouse:gate ${encodeURIComponent(environment)} -->`),
    );
}

/** The first lines of the statements on the log branch, newest first. */
function statements(): string[] {
  const { sim } = scene;
  const lines: string[] = [];
  for (let sha = sim.state.refs.get('gatehouse-log'); sha !== undefined; ) {
    const commit = sim.state.commits.get(sha);
    if (commit === undefined) break;
    lines.push(commit.message.split('\n')[0] ?? '');
    sha = commit.parents[0];
  }
  return lines;
}

/** The answers GitHub received, as `[status, state or 'report']`. */
function answerLog() {
  return deploys.answers.map((answer) => [
    answer.status,
    (answer.body.state as string | undefined) ?? 'report',
  ]);
}

/** The states of the deployment's statuses, oldest first. */
function statusesOf(deployment: SimulatedDeployment) {
  return deployment.statuses.map((status) => status.state);
}

describe('a deployment of the head of an open pull request', () => {
  it('already approved for that head is approved at once: exactly one answer, recorded, with its own check run and comment (D1)', async () => {
    await start();
    const pr = await openThePullRequest();
    expect((await scene.users.comment(pr.number, users.alice, '/approve')).delivery.status).toBe(200);
    const deployment = waitFor(pr.headSha);
    const { result: delivery, requests } = await countRequests(() => deploys.requested(deployment));
    expect(delivery.status).toBe(200);
    // docs/app.md, API budget: the reads (the run, its deployments, the rule, the commit's pull
    // requests, the gate's), the log commit (3), the comment, the check run, the answer, and the
    // narrowed token the answer is sent with (minted once an hour per repository).
    expect(requests).toHaveLength(21);
    expect(requests).toContain(`POST /app/installations/${APP.installationId}/access_tokens`);
    // alice approved this very commit: the deployment's gate counts her approval too.
    expect(String(deploymentComment(pr.number)?.body)).not.toContain('stale');
    expect(deploys.answers).toHaveLength(1);
    const [answer] = deploys.answers;
    expect(answer?.path).toBe(ANSWER_PATH);
    expect(Object.keys(answer?.body ?? {}).sort()).toEqual(['comment', 'environment_name', 'state']);
    expect(answer?.body).toMatchObject({ environment_name: PROD, state: 'approved' });
    // Answered with a token that can do nothing but deployments, on this repository (D6).
    expect(answer).toMatchObject({ status: 204, by: BOT.login, tokenPermissions: NARROWED.permissions });
    expect(answer?.tokenRepositories).toEqual(NARROWED.repositories);
    expect(String(answer?.body.comment).length).toBeLessThanOrEqual(1024);
    expect(answer?.body.comment).toMatch(/^gatehouse: production: Approved by alice/);
    // GitHub let the run go on and queued the deployment.
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'queued']);
    expect(statements()[0]).toMatch(/^gatehouse: approved gatehouse: production by alice/);
    expect(checkRuns(pr.headSha)).toEqual([['completed', 'success']]);
    expect(deploymentComment(pr.number)).toMatchObject({ user: { login: BOT.login } });
  });
});
