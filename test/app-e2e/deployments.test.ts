// Deployments end to end (issue 5, DESIGN §5, §8) on the GitHub simulator: Gatehouse is the custom
// deployment protection rule of an environment, the real App (Probot server, signed deliveries,
// GHE_HOST at the simulator, so every call goes to /api/v3: the Enterprise Server case is every
// scenario here) answers the waiting runs. Assertions are on what GitHub ends up holding: the
// answer GitHub took for the run (with the token's permissions), the run and the deployment's
// statuses, the `gatehouse: <env>` check run, the gate's comment, the statements on the log
// branch; the requests a step cost are budgets next to them (docs/app.md, "API budget").
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

// A scene takes a second or two on a shared 2-core machine; the first also generates the App's key.
vi.setConfig({ testTimeout: 20_000 });

let scene: AppScene;
let deploys: SimulatedDeployments;

async function start(policy = DEPLOY_POLICY) {
  scene = await startAppScene();
  deploys = new SimulatedDeployments(scene.sim, scene.webhooks);
  scene.sim.setPermission(users.dave.login, 'admin');
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': policy }, 'Add a Gatehouse policy');
  for (const login of ['alice', 'bob', 'carol', users.author.login]) scene.sim.setPermission(login, 'write');
}

afterEach(async () => {
  await scene.stop();
});

/**
 * What the App logs, as Probot's logger writes it to the process's standard output (the App logs
 * at the level of GATEHOUSE_TEST_LOG_LEVEL, `info` for the test that reads it).
 */
function captureLogs() {
  const chunks: string[] = [];
  const keep = (data: unknown) => {
    chunks.push(typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8'));
  };
  const size = (data: unknown) =>
    typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
  const original = fs.write;
  // pino's destination (sonic-boom) writes to fd 1 with fs.write and a callback.
  const write = vi.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1) return (original as (...args: unknown[]) => void)(fd, data, ...rest);
    keep(data);
    const done = rest.at(-1) as (error: null, written: number) => void;
    process.nextTick(() => done(null, size(data)));
  }) as typeof fs.write);
  return {
    text: () => chunks.join(''),
    restore: () => write.mockRestore(),
  };
}

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

/** Text as a reader sees it: markdown escapes and zero-width spaces gone. */
function readable(markdown: unknown): string {
  return String(markdown)
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

/**
 * The deployment is requested and waits: its gate on the pull request is published (a second
 * sticky comment, its own check run) and one status report says where to decide.
 */
async function requestPending(deployment: SimulatedDeployment) {
  const { result: delivery, requests } = await countRequests(() => deploys.requested(deployment));
  expect(delivery.status).toBe(200);
  expect(deploys.reports().at(-1)?.body.environment_name).toBe(deployment.environment);
  return requests;
}

/** `by` comments `body` on pull request `number`; the App answers the delivery 200 (or `status`). */
async function commentOn(number: number, by: Actor, body: string, status = 200) {
  const { result, requests } = await countRequests(() => scene.users.comment(number, by, body));
  expect(result.delivery.status, result.delivery.body).toBe(status);
  return requests;
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
    // requests, the gate's), the record (one contents-API write: the pull request's record started
    // the log), the comment, the check run, the answer, and the
    // narrowed token the answer is sent with (minted once an hour per repository). The policy,
    // the files, the activity and alice's permission are what the /approve read: 304s.
    expect(requests).toHaveLength(15);
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

  it('is decided by the pull request into the default branch, not by an earlier one of the same head into the author’s own branch', async () => {
    await start();
    const pr = await openThePullRequest();
    await commentOn(pr.number, users.alice, '/approve');
    // mallory opened #5 of the same head into a branch of her own first: its diff is hers to choose.
    const { state } = scene.sim;
    const own = state.pulls.get(pr.number);
    if (own === undefined) throw new Error('no pull request');
    state.pulls.set(5, {
      shape: { ...own.shape, number: 5, user: users.mallory, baseRef: 'mallory/staging', title: 'mine' },
      files: ['README.md'],
      reviews: [],
    });
    state.commitPulls[pr.headSha] = [5, ...(state.commitPulls[pr.headSha] ?? [])];
    const { requests } = await countRequests(() => deploys.requested(waitFor(pr.headSha)));
    expect(
      requests.filter((request) => request.includes('/pulls/5') || request.includes('/issues/5')),
    ).toEqual([]);
    expect(deploys.answers.map((answer) => answer.body.state)).toEqual(['approved']);
    expect(checkRuns(pr.headSha)).toEqual([['completed', 'success']]);
  });

  it('waits with one status report saying where to decide, and is approved by a later /approve on the pull request', async () => {
    await start();
    const pr = await openThePullRequest();
    const deployment = waitFor(pr.headSha);
    const pending = await requestPending(deployment);
    // docs/app.md: reads, the comment, the check run, one status report (and the narrowed token).
    // The policy, the files and the activity are what the opening read: 304s.
    expect(pending).toHaveLength(14);
    expect(deploys.decisions()).toEqual([]);
    const reports = deploys.reports();
    expect(reports).toHaveLength(1);
    expect(Object.keys(reports[0]?.body ?? {}).sort()).toEqual(['comment', 'environment_name']);
    expect(reports[0]?.tokenPermissions).toEqual(NARROWED.permissions);
    expect(reports[0]?.body.environment_name).toBe(PROD);
    expect(reports[0]?.body.comment).toContain(String(deploymentComment(pr.number)?.html_url));
    expect(reports[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
    expect(String(reports[0]?.body.comment).length).toBeLessThanOrEqual(1024);
    expect(checkRuns(pr.headSha)).toEqual([['in_progress', null]]);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
    expect(statusesOf(deployment)).toEqual(['waiting']);

    const approving = await commentOn(pr.number, users.alice, '/approve');
    // docs/app.md: both gates recomputed and recorded (the pull request's record starts the log:
    // tree, commit, ref; the deployment's is one contents-API write), the deployment answered.
    // What the opening and the deployment's delivery read and did not change since is a 304 (the
    // policy, the files, the activity, the waiting run, its pending deployments and the rule;
    // alice's permission for the second gate).
    expect(approving).toHaveLength(20);
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(statements()).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: approved gatehouse by alice/),
    ]);
    expect(checkRuns(pr.headSha)).toEqual([['completed', 'success']]);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'queued']);
  });

  it('answers, on an /approve of the pull request, its head’s deployment only: a run of another commit that waits too is left waiting', async () => {
    await start();
    const pr = await openThePullRequest();
    const other = waitFor('d00d000000000000000000000000000000000004', { runId: 502 });
    await requestPending(other);
    const deployment = waitFor(pr.headSha);
    await requestPending(deployment);
    const before = scene.sim.requests.length;
    await commentOn(pr.number, users.alice, '/approve');
    expect(deploys.decisions().map((answer) => [answer.runId, answer.body.state])).toEqual([
      [RUN_ID, 'approved'],
    ]);
    // Not even looked at: its pending deployments are not read, its gate not evaluated.
    const paths = scene.sim.requests.slice(before).map((request) => request.path);
    expect(paths.filter((path) => path.includes('/runs/502') || path.includes('d00d'))).toEqual([]);
    expect(paths).toContain(`/repos/acme/shop/actions/runs/${RUN_ID}/pending_deployments`);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
    expect(deploys.workflowRun(502)).toMatchObject({ status: 'waiting' });
    expect(statusesOf(other)).toEqual(['waiting']);
  });

  it('is rejected by /reject with a reason: answered rejected, recorded', async () => {
    await start();
    const pr = await openThePullRequest();
    const deployment = waitFor(pr.headSha);
    await requestPending(deployment);
    await commentOn(pr.number, users.alice, '/reject the snapshot is a week old');
    const decisions = deploys.decisions();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.body).toMatchObject({ environment_name: PROD, state: 'rejected' });
    expect(decisions[0]?.body.comment).toMatch(/^gatehouse: production: Rejected by alice/);
    expect(statements()[0]).toMatch(/^gatehouse: rejected gatehouse: production by alice/);
    expect(checkRuns(pr.headSha).at(-1)).toEqual(['completed', 'failure']);
    // GitHub failed the run and the deployment.
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'failure']);
  });

  it.each([
    ['the deployment creator', { creator: users.bob }, users.bob],
    [
      'the triggering actor of a re-run',
      { creator: users.author, triggeringActor: users.alice },
      users.alice,
    ],
  ] as const)(
    'cannot be approved by %s (D4), though the pull request itself can',
    async (_who, shape, approver) => {
      await start();
      const pr = await openThePullRequest();
      await requestPending(waitFor(pr.headSha, shape));
      await commentOn(pr.number, approver, '/approve');
      expect(deploys.decisions()).toEqual([]);
      // The pull request's own gate counts the approval; the deployment's says why it does not.
      expect(statements()).toEqual([
        expect.stringMatching(new RegExp(`^gatehouse: approved gatehouse by ${approver.login}`)),
      ]);
      expect(readable(deploymentComment(pr.number)?.body)).toContain(
        `ignored: @${approver.login} is the deployer`,
      );
      expect(checkRuns(pr.headSha)).toEqual([['in_progress', null]]);
      expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
    },
  );
});

describe('GitHub refusing an answer (D2)', () => {
  it('a duplicate requested delivery after the answer: the second answer gets 422, which is final, and the delivery succeeds', async () => {
    await start();
    const pr = await openThePullRequest();
    // The environment has required reviewers too: the run waits on after Gatehouse approved.
    const deployment = deploys.waitFor({
      runId: RUN_ID,
      environment: PROD,
      sha: pr.headSha,
      ref: 'drop-status',
      creator: users.author,
      ruleAppId: APP.id,
      requiredReviewers: true,
    });
    await requestPending(deployment);
    await commentOn(pr.number, users.alice, '/approve');
    // GitHub delivers the same `requested` delivery again.
    expect((await deploys.requested(deployment)).status).toBe(200);
    expect(answerLog()).toEqual([
      [204, 'report'],
      [204, 'approved'],
      [422, 'approved'],
    ]);
    expect(statements().filter((line) => line.includes('gatehouse: production'))).toHaveLength(1);
    // Still waiting for its required reviewers, as GitHub holds it.
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
  });

  it('a run cancelled before the answer: GitHub’s 422 is final and logged, the delivery succeeds, and the next sweep leaves the run alone', async () => {
    // This App logs at `info`, into what the test reads instead of the standard output.
    const logged = captureLogs();
    const level = process.env.GATEHOUSE_TEST_LOG_LEVEL;
    process.env.GATEHOUSE_TEST_LOG_LEVEL = 'info';
    try {
      await start();
      const pr = await openThePullRequest();
      await requestPending(waitFor(pr.headSha));
      // The run is cancelled just before the answer arrives (after Gatehouse read it).
      scene.sim.when(
        (request) => request.method === 'POST' && request.path.endsWith('/deployment_protection_rule'),
        1,
        () => deploys.cancel(RUN_ID),
      );
      await commentOn(pr.number, users.alice, '/approve');
      expect(answerLog()).toEqual([
        [204, 'report'],
        [422, 'approved'],
      ]);
      expect(logged.text()).toContain(
        'GitHub refused the answer: the run was cancelled or answered already; nothing to retry',
      );
      // The run no longer waits: the sweep does not list it, nothing more is sent.
      const { requests } = await countRequests(async () => scene.app.sweep?.tick());
      expect(requests).toContain('GET /repos/acme/shop/actions/runs');
      expect(requests.filter((request) => request.startsWith('POST'))).toEqual([]);
      expect(deploys.answers).toHaveLength(2);
      expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    } finally {
      if (level === undefined) delete process.env.GATEHOUSE_TEST_LOG_LEVEL;
      else process.env.GATEHOUSE_TEST_LOG_LEVEL = level;
      logged.restore();
    }
  });
});

describe('environment names (D5)', () => {
  it.each([
    ['a slash', 'prod/eu', 'prod%2Feu'],
    ['a space', 'staging area', 'staging%20area'],
    ['non-ASCII letters', 'Produktion-Zürich', 'Produktion-Z%C3%BCrich'],
  ])(
    'with %s: path parameters percent-encoded, the body’s environment_name exact',
    async (_what, environment, encoded) => {
      await start();
      const pr = await openThePullRequest();
      await requestPending(waitFor(pr.headSha, { environment }));
      await commentOn(pr.number, users.alice, '/approve');
      const rules = scene.sim.requests.filter((request) =>
        request.path.endsWith('/deployment_protection_rules'),
      );
      // Recorded decoded: the simulator matched the encoded segment as one environment's name.
      expect(rules.map((request) => request.path)).toEqual([
        `/repos/acme/shop/environments/${environment}/deployment_protection_rules`,
        `/repos/acme/shop/environments/${environment}/deployment_protection_rules`,
      ]);
      // The second read is a 304: the same environment's rules, unchanged since the first.
      expect(rules.map((request) => request.status)).toEqual([200, 304]);
      expect(deploys.answers.map((answer) => answer.body)).toEqual([
        {
          environment_name: environment,
          comment: expect.stringContaining(`gatehouse: ${environment}: Waiting for`),
        },
        {
          environment_name: environment,
          state: 'approved',
          comment: expect.stringContaining(`gatehouse: ${environment}: Approved by alice`),
        },
      ]);
      expect(checkRuns(pr.headSha, `gatehouse: ${environment}`).at(-1)).toEqual(['completed', 'success']);
      expect(deploymentComment(pr.number, environment)?.body).toContain(`<!-- gatehouse:gate ${encoded} -->`);
    },
  );
});

describe('a callback URL that is not this repository’s run', () => {
  it.each([
    ['another repository’s run', (url: string) => url.replace('/acme/shop/', '/evil/other/')],
    [
      'a URL that is no run’s callback',
      (url: string) => url.replace('/deployment_protection_rule', '/cancel'),
    ],
    ['a run id that is no number', (url: string) => url.replace(`/runs/${RUN_ID}/`, '/runs/x/')],
  ])('%s is ignored: nothing read, nothing answered', async (_what, forge) => {
    await start();
    const deployment = waitFor('d00d000000000000000000000000000000000003');
    const callbackUrl = forge(
      `${scene.sim.url}/api/v3/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule`,
    );
    const { result, requests } = await countRequests(() => deploys.requested(deployment, { callbackUrl }));
    expect(result.status).toBe(200);
    expect(requests).toEqual([]);
    expect(deploys.answers).toEqual([]);
  });

  it('names a run id of this repository that belongs to another repository: ignored after reading it', async () => {
    await start();
    const deployment = waitFor('d00d000000000000000000000000000000000003');
    Object.assign(deploys.workflowRun(RUN_ID) ?? {}, {
      repository: { ...(deploys.workflowRun(RUN_ID)?.repository as object), id: 9999 },
    });
    const { requests } = await countRequests(() => deploys.requested(deployment));
    expect(requests).toEqual([`GET /repos/acme/shop/actions/runs/${RUN_ID}`]);
    expect(deploys.answers).toEqual([]);
  });
});

describe('a review in GitHub’s own “Review deployments” dialog', () => {
  it('counts like a /approve by the same person: recorded on the pull request’s timeline, the deployment answered', async () => {
    await start();
    const pr = await openThePullRequest();
    const deployment = waitFor(pr.headSha);
    await requestPending(deployment);
    const delivery = await deploys.reviewDeployments(RUN_ID, users.alice, 'approved', 'ship it');
    expect(delivery.status, delivery.body).toBe(200);
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(statements()[0]).toMatch(/^gatehouse: approved gatehouse: production by alice/);
    // Written into the pull request's timeline, once, by the App.
    const traces = scene.sim
      .commentsOn(pr.number)
      .filter((comment) => String(comment.body).includes('gatehouse:trace'));
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ user: { login: BOT.login } });
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'queued']);
  });
});

/** A commit on main that is no pull request's head: what a push to main deploys. */
const OTHER_SHA = 'd00d000000000000000000000000000000000003';

/** Gatehouse's approval issues (labelled `gatehouse`), oldest first. */
function approvalIssues() {
  return [...scene.sim.state.issues.values()].filter((issue) =>
    (issue.labels as { name: string }[]).some((label) => label.name === 'gatehouse'),
  );
}

/**
 * The deployment of OTHER_SHA is requested and waits: an approval issue is opened (its first
 * comment the request record), its check run published on the commit, one status report names it.
 */
async function requestPendingOnIssue(deployment: SimulatedDeployment) {
  const delivery = await deploys.requested(deployment);
  expect(delivery.status, delivery.body).toBe(200);
  const issue = approvalIssues().at(-1);
  if (issue === undefined) throw new Error('no approval issue was opened');
  expect(String(scene.sim.commentsOn(Number(issue.number))[0]?.body)).toContain('gatehouse:request-data');
  expect(checkRuns(OTHER_SHA)).toEqual([['in_progress', null]]);
  return Number(issue.number);
}

describe('a deployment of a commit that is no open pull request’s head', () => {
  it('without a pull request and without a rollback plan is refused as not ready: answered rejected, with what is missing', async () => {
    // The deploys rule asks for a rollback plan (the default for level approve), and nothing
    // about a bare deployment gives one: nobody could ever approve it, and no deadline would end it.
    await start(DEPLOY_POLICY.replace('    require: []\n', ''));
    const deployment = waitFor(OTHER_SHA);
    expect((await deploys.requested(deployment)).status).toBe(200);
    expect(deploys.reports()).toEqual([]);
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'rejected',
        comment: expect.stringMatching(/^gatehouse: production: Not ready for approval: no rollback plan/),
      },
    ]);
    // Not ready: nobody is asked (no approval issue); the check fails at once and says why,
    // showing the request as it is: the deployment of that commit.
    expect(approvalIssues()).toEqual([]);
    const run = scene.sim.state.checkRuns.find((entry) => entry.name === PROD_CHECK);
    expect(run).toMatchObject({ head_sha: OTHER_SHA, status: 'completed', conclusion: 'failure' });
    const output = run?.output as { title: string; summary: string };
    expect(output.title).toMatch(/^Not ready for approval/);
    expect(readable(output.summary)).toContain(`Deploy ${OTHER_SHA.slice(0, 12)}`);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'failure']);
  });

  it('of a merged commit asks with the merged pull request as its artifact: its title, rollback plan and files', async () => {
    await start(DEPLOY_POLICY.replace('    require: []\n', ''));
    // The merged pull request's description has a rollback plan, so the request is ready for approval.
    scene.sim.state.pulls.set(7, {
      shape: {
        number: 7,
        state: 'closed',
        merged: true,
        title: 'Drop orders.status',
        body: '## Context\nThe column is unused.\n\n## Rollback Plan\nRestore the column from the nightly snapshot.',
        user: users.author,
        headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      },
      files: ['db/migrations/001_drop_status.sql'],
      reviews: [],
    });
    scene.sim.state.commitPulls[OTHER_SHA] = [7];
    const number = await requestPendingOnIssue(waitFor(OTHER_SHA));
    expect(deploys.decisions()).toEqual([]);
    const body = String(scene.sim.state.issues.get(number)?.body);
    expect(body).toContain('Drop orders.status');
    expect(body).toContain('Restore the column from the nightly snapshot.');
    // The path rule matched the merged pull request's files, next to the deployment's own rule.
    expect(body).toMatch(/migrations/);
    expect(body).not.toMatch(/Not ready for approval/);
    expect(deploys.reports()[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
  });

  it('is not approved by the approvals of the pull request’s head: it waits on an approval issue, and the status report names it (S5)', async () => {
    await start();
    const pr = await openThePullRequest();
    await commentOn(pr.number, users.alice, '/approve');
    // The commit is on the pull request's branch, an earlier one than its head.
    scene.sim.state.commitPulls[OTHER_SHA] = [pr.number];
    const number = await requestPendingOnIssue(waitFor(OTHER_SHA));
    expect(deploys.decisions()).toEqual([]);
    const reports = deploys.reports();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.body).toEqual({
      environment_name: PROD,
      comment: expect.stringContaining(`https://github.com/acme/shop/issues/${number}`),
    });
    expect(reports[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
    // The report says why the pull request's approvals do not open it.
    expect(reports[0]?.body.comment).toContain(
      `Approvals on #${pr.number} (head ${pr.headSha.slice(0, 12)}) are for another commit than ${OTHER_SHA.slice(0, 12)} and do not count for this deployment.`,
    );
    // The pull request's approval is in the log; the deployment's gate has none.
    expect(statements()).toEqual([expect.stringMatching(/^gatehouse: approved gatehouse by alice/)]);
    expect(scene.sim.state.issues.get(number)).toMatchObject({ state: 'open' });
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
  });
});

describe('a veto on a deployment’s approval issue is durable (class 4)', () => {
  it('still rejects when a writer deletes the /reject: the check run says so, and a re-run after a restart is rejected again', async () => {
    await start();
    const number = await requestPendingOnIssue(waitFor(OTHER_SHA));
    const { id: rejection } = await scene.users.comment(
      number,
      users.alice,
      '/reject the snapshot is a week old',
    );
    const rejected = scene.sim.state.checkRuns.filter((run) => run.name === PROD_CHECK).at(-1);
    expect(rejected).toMatchObject({ status: 'completed', conclusion: 'failure' });
    // The veto is recorded on the gate's own check run, where only the App writes.
    expect(String((rejected?.output as { text?: string } | undefined)?.text)).toContain(
      '<!-- gatehouse:vetoes ',
    );
    expect(scene.sim.state.issues.get(number)).toMatchObject({ state: 'closed' });
    expect(
      scene.sim.commentsOn(number).some((comment) => String(comment.body).includes('**Rejected** by alice')),
    ).toBe(true);

    // mallory, who can write, deletes alice's comment on the closed issue.
    expect((await scene.users.deleteComment(number, rejection, users.mallory)).status).toBe(200);
    const after = scene.sim.state.checkRuns.filter((run) => run.name === PROD_CHECK).at(-1);
    expect(after).toMatchObject({ id: rejected?.id, status: 'completed', conclusion: 'failure' });
    // The request and the run say why it is still rejected: the comment was deleted.
    expect(JSON.stringify(after?.output)).toContain('was deleted after Gatehouse saw it');
    expect(String(scene.sim.state.issues.get(number)?.body)).toContain('was deleted after Gatehouse saw it');

    // A fresh process knows only what GitHub holds. The deploy job is re-run: the closed issue's
    // decision stands, no new issue is opened, and GitHub is answered rejected again.
    await scene.app.stop();
    scene = await startAppScene({ running: scene.sim });
    deploys.webhooks = scene.webhooks;
    const rerun = waitFor(OTHER_SHA, { runId: 502 });
    expect((await deploys.requested(rerun)).status).toBe(200);
    expect(deploys.decisions().map((answer) => [answer.runId, answer.body])).toEqual([
      [
        RUN_ID,
        {
          environment_name: PROD,
          state: 'rejected',
          comment: expect.stringMatching(/^gatehouse: production: Rejected by alice/),
        },
      ],
      [
        502,
        {
          environment_name: PROD,
          state: 'rejected',
          comment: expect.stringMatching(/^gatehouse: production: Rejected by alice/),
        },
      ],
    ]);
    expect(approvalIssues()).toHaveLength(1);
    // One record: the rejection, when it was made.
    expect(statements()).toEqual([
      expect.stringMatching(/^gatehouse: rejected gatehouse: production by alice/),
    ]);
    expect(deploys.workflowRun(502)).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });
});

describe('a click on the deployment gate’s check run of a commit without a pull request', () => {
  it('is written on its approval issue and counts like a /approve by the clicker: the deployment answered', async () => {
    await start();
    const deployment = waitFor(OTHER_SHA);
    const number = await requestPendingOnIssue(deployment);
    const pending = scene.sim.state.checkRuns.find((run) => run.name === PROD_CHECK);
    expect((await scene.users.clickButton(Number(pending?.id), 'approve', users.alice)).status).toBe(200);
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    // One record: the second evaluation found it in the log.
    expect(statements()).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
    ]);
    const trace = scene.sim
      .commentsOn(number)
      .find((comment) => String(comment.body).includes('gatehouse:trace'));
    expect(readable(trace?.body)).toContain('clicked **Approve**');
    expect(scene.sim.state.issues.get(number)).toMatchObject({ state: 'closed' });
    expect(statusesOf(deployment)).toEqual(['waiting', 'queued']);
  });
});

describe('the reconcile (a sweep)', () => {
  it('answers a deployment whose requested delivery was lost, the pull request being approved for that head (D3, W12)', async () => {
    await start();
    const pr = await openThePullRequest();
    await commentOn(pr.number, users.alice, '/approve');
    const deployment = waitFor(pr.headSha); // GitHub never delivers it.
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    // alice approved this very commit: the deployment's gate counts her approval too.
    expect(readable(deploymentComment(pr.number)?.body)).not.toContain('stale');
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(statusesOf(deployment)).toEqual(['waiting', 'queued']);
  });

  it('answers a deployment decided on its approval issue while the App was down, and leaves runs of environments without Gatehouse’s rule alone', async () => {
    await start();
    const number = await requestPendingOnIssue(waitFor(OTHER_SHA));
    // Another run waits for an environment whose custom rule is another app's.
    deploys.waitFor({
      runId: 502,
      environment: 'staging',
      sha: OTHER_SHA,
      creator: users.author,
      ruleAppId: 77,
    });
    // alice approves on the issue; the App is down and never hears of it.
    scene.sim.addComment(number, users.alice, '/approve');
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    expect(deploys.decisions().map((answer) => [answer.runId, answer.body])).toEqual([
      [
        RUN_ID,
        {
          environment_name: PROD,
          state: 'approved',
          comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
        },
      ],
    ]);
    expect(statements()).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
    ]);
    expect(deploys.workflowRun(502)).toMatchObject({ status: 'waiting' });
    expect(deploys.answers.filter((answer) => answer.runId === 502)).toEqual([]);
  });
});

describe('a crash between the decision record and the answer (X1, X2)', () => {
  it('GitHub answers 500: the delivery fails, and the next sweep answers without a second record', async () => {
    await start();
    const pr = await openThePullRequest();
    await requestPending(waitFor(pr.headSha));
    // Sent once, never retried: a write GitHub may have applied is not sent again blindly.
    scene.sim.faults.inject(
      { method: 'POST', path: `/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule` },
      { kind: 'status', status: 500 },
    );
    await commentOn(pr.number, users.alice, '/approve', 500);
    const faulted = scene.sim.requests.filter(
      (request) => request.path.endsWith('/deployment_protection_rule') && request.fault,
    );
    expect(faulted).toHaveLength(1);
    expect(deploys.decisions()).toEqual([]);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
    const records = statements();
    expect(records[0]).toMatch(/^gatehouse: approved gatehouse: production by alice/);

    scene.sim.faults.clear();
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(statements()).toEqual(records);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
  });

  it('GitHub applies the answer and the connection drops: the delivery fails, and the next sweep sends nothing more and records nothing more', async () => {
    await start();
    const pr = await openThePullRequest();
    await requestPending(waitFor(pr.headSha));
    scene.sim.faults.inject(
      { method: 'POST', path: `/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule` },
      { kind: 'applied', answer: 'destroy' },
    );
    await commentOn(pr.number, users.alice, '/approve', 500);
    // GitHub took it: the run goes on.
    expect(answerLog()).toEqual([
      [204, 'report'],
      [204, 'approved'],
    ]);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
    const records = statements();
    scene.sim.faults.clear();
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    expect(deploys.answers).toHaveLength(2);
    expect(statements()).toEqual(records);
    expect(records.filter((line) => line.includes('gatehouse: production'))).toHaveLength(1);
  });
});

/** The deployment rule with a deadline: an hour, then `onTimeout`. */
function timedPolicy(onTimeout: 'reject' | 'escalate'): string {
  const then =
    onTimeout === 'escalate' ? 'on_timeout: escalate\n    escalate_to: [backup]' : 'on_timeout: reject';
  return `${DEPLOY_POLICY}    timeout: 1h\n    ${then}\n`;
}

describe('a deadline', () => {
  it('with on_timeout: reject expires the gate at the first sweep after it: answered rejected, recorded', async () => {
    await start(timedPolicy('reject'));
    const deployment = waitFor(OTHER_SHA);
    const number = await requestPendingOnIssue(deployment);
    // An hour and a minute pass: the issue and its comments were written that long ago (the
    // clock is not moved: the App's installation token, minted now, would outlive it).
    scene.sim.age(number, 61 * 60_000);
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'rejected',
        comment: expect.stringMatching(/^gatehouse: production: Expired/),
      },
    ]);
    expect(statements()).toEqual([expect.stringMatching(/^gatehouse: expired gatehouse: production/)]);
    expect(scene.sim.state.issues.get(number)).toMatchObject({ state: 'closed' });
    expect(scene.sim.commentsOn(number).some((comment) => String(comment.body).includes('**Expired**'))).toBe(
      true,
    );
    expect(checkRuns(OTHER_SHA).at(-1)).toEqual(['completed', 'failure']);
    expect(statusesOf(deployment)).toEqual(['waiting', 'failure']);
  });

  it('with on_timeout: escalate escalates at the first sweep after it: a notice to the backup approvers, no answer', async () => {
    await start(timedPolicy('escalate'));
    const number = await requestPendingOnIssue(waitFor(OTHER_SHA));
    scene.sim.age(number, 61 * 60_000);
    const report = await scene.app.sweep?.tick();
    expect(report).toMatchObject({ failures: 0 });
    expect(deploys.decisions()).toEqual([]);
    expect(deploys.reports()).toHaveLength(1);
    expect(statements()[0]).toMatch(/^gatehouse: escalated gatehouse: production/);
    expect(readable(scene.sim.commentsOn(number).at(-1)?.body)).toContain('@carol');
    expect(scene.sim.state.issues.get(number)).toMatchObject({ state: 'open' });
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'waiting' });
  });
});

describe('time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('/delay 2h answers approved when the delay ends, at the sweep after it and not before', async () => {
    // The App and the simulator run in this process: one faked Date moves both (tokens expire and
    // are minted again as they would over two hours).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await start();
    const pr = await openThePullRequest();
    await requestPending(waitFor(pr.headSha));
    await commentOn(pr.number, users.alice, '/delay 2h');
    expect(deploys.decisions()).toEqual([]);
    expect(statements()[0]).toMatch(/^gatehouse: delayed gatehouse: production by alice/);

    // A minute before the delay ends. The App's first sweep evaluates every waiting deployment
    // (what was missed while it was down); nothing is answered.
    vi.setSystemTime(Date.now() + 119 * 60_000);
    expect(await scene.app.sweep?.tick()).toMatchObject({ failures: 0 });
    expect(deploys.decisions()).toEqual([]);

    // Half a minute on: a sweep between full reconciles looks only at gates that are due: this
    // one's wake-up time has not come, so it is not even evaluated.
    vi.setSystemTime(Date.now() + 30_000);
    const mark = scene.sim.requests.length;
    const { result: notDue, requests } = await countRequests(async () => scene.app.sweep?.tick());
    expect(notDue).toMatchObject({ failures: 0 });
    expect(deploys.decisions()).toEqual([]);
    // Not evaluated: neither its deployments nor the commit's pull requests are read.
    const asked = scene.sim.requests.slice(mark).map((request) => `${request.method} ${request.path}`);
    expect(asked.filter((request) => /\/deployments|\/commits\/[^/]+\/pulls$/.test(request))).toEqual([]);
    // docs/app.md: a sweep between full passes, per waiting deployment that is not due: the
    // listing, its pending deployments and the rule (unchanged: 304s, free) and the gate's newest
    // check run; with the installation's listing, that is all the sweep costs.
    expect(requests).toEqual([
      'GET /app/installations',
      `GET /repos/acme/shop/commits/${pr.headSha}/check-runs`,
    ]);
    expect(asked).toContain('GET /repos/acme/shop/actions/runs');

    // Two minutes on, it has; the pull request's own gate is due too.
    vi.setSystemTime(Date.now() + 120_000);
    expect(await scene.app.sweep?.tick()).toMatchObject({ failures: 0 });
    expect(deploys.decisions().map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    // Each gate's log: the delay when it was given, the approval when it took effect (before the answer).
    expect(statements()).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: approved gatehouse by alice/),
      expect.stringMatching(/^gatehouse: delayed gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: delayed gatehouse by alice/),
    ]);
    expect(checkRuns(pr.headSha).at(-1)).toEqual(['completed', 'success']);
    expect(deploys.workflowRun(RUN_ID)).toMatchObject({ status: 'in_progress' });
  });
});
