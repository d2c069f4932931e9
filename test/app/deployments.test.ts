// Deployments end to end (issue 5, DESIGN §5, §8): Gatehouse as an environment's custom
// deployment protection rule, through the real Probot server with signed deliveries. GitHub is
// the in-memory world of test/support (pull request, approval issues, waiting runs, rules,
// deployments); every request each step makes is declared and asserted made, and every answer
// GitHub receives is recorded with its exact path and body.

import fs from 'node:fs';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import {
  aDeploymentWorld,
  callbackUrl,
  DEPLOYMENTS_TOKEN,
  type DeploymentWorld,
  decisionsOf,
  mockAnswer,
  mockCheckRunsAt,
  mockDeployments,
  mockGetRun,
  mockLogWrites,
  mockPendingDeployments,
  mockPullsOfCommit,
  mockRules,
  mockWaitingRuns,
  openPull,
  protectionRuleEvent,
  reportsOf,
} from '../support/deployment-world.ts';
import { aChangedFile, aPullRequest, aUser, HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  mockCreateCheckRun,
  mockCreateComment,
  mockReads,
  mockUpdateCheckRun,
  mockUpdateComment,
  outputOf,
  runsOf,
  type World,
} from '../support/github-world.ts';
import {
  addIssueComment,
  mockComments,
  mockCreateIssue,
  mockCreateIssueComment,
  mockGetIssue,
  mockIssueList,
  mockLogRead,
  mockPermission,
  mockPolicy,
  mockUpdateIssue,
} from '../support/request-world.ts';
import {
  type AppWorld,
  type AppWorldOptions,
  checkRunEvent,
  commentEvent,
  openAndApprove,
  openPullRequest,
  readable,
  startAppWorld,
  useAppWorlds,
} from './app-world.ts';
import { APP_ID } from './harness.ts';
import { examplePayload, INSTALLATION_ID } from './payloads.ts';

const apps = useAppWorlds();

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

interface Deploy {
  app: AppWorld;
  world: World;
  d: DeploymentWorld;
}

async function start(overrides: Partial<World> = {}, options: AppWorldOptions = {}): Promise<Deploy> {
  const world = aWorld({
    policy: DEPLOY_POLICY,
    permissions: { alice: ['write', 'write'], bob: ['write', 'write'] },
    ...overrides,
  });
  const app = await apps.start(world, options);
  const d = aDeploymentWorld(world);
  return { app, world, d };
}

/** A run of the deploy workflow waits for `environment`, for the commit, deployed by `creator`. */
function waitFor(
  d: DeploymentWorld,
  shape: {
    environment?: string;
    sha?: string;
    creator?: typeof users.author;
    runId?: number;
    triggeringActor?: typeof users.author;
  } = {},
) {
  const environment = shape.environment ?? PROD;
  const sha = shape.sha ?? HEAD_SHA;
  const creator = shape.creator ?? users.author;
  const runId = shape.runId ?? RUN_ID;
  d.runs.push({
    id: runId,
    sha,
    status: 'waiting',
    pending: [environment],
    actor: creator,
    triggeringActor: shape.triggeringActor ?? creator,
  });
  d.rules[environment] = { enabled: true, appId: APP_ID };
  d.deployments.push({ id: 9000 + d.deployments.length, sha, environment, creator, ref: 'drop-status' });
  return protectionRuleEvent({ environment, sha, runId, creator });
}

/**
 * Delivers one event at `at` with the GitHub requests `mock` declares; checks each was made and
 * nothing else was asked. Returns the App's answer.
 */
async function deliver(
  { app }: Deploy,
  at: string,
  delivery: { event: string; payload: unknown },
  mock: (scope: nock.Scope) => void,
  options: { status?: number; deliveryId?: string } = {},
) {
  app.world.clock = at;
  const scope = nock(app.api);
  // Every request GitHub receives counts against the installation's rate limit: counted here.
  let requests = 0;
  scope.on('request', () => {
    requests++;
  });
  mock(scope);
  const response = await app.harness.deliver(delivery.event, delivery.payload, {
    ...(options.deliveryId === undefined ? {} : { deliveryId: options.deliveryId }),
  });
  // Soft: a test that fails here still shows what GitHub was answered.
  expect.soft(app.harness.unmatched, 'every request to GitHub was declared').toEqual([]);
  expect.soft(nock.pendingMocks(), 'every declared request was made').toEqual([]);
  expect.soft(response.status, response.body).toBe(options.status ?? 200);
  app.harness.unmatched.length = 0;
  nock.cleanAll();
  return { ...response, requests };
}

/** One sweep at `at`: the installation's one repository, its open pull requests, then `mock`. */
async function sweep({ app, world }: Deploy, at: string, mock: (scope: nock.Scope) => void) {
  world.clock = at;
  const scope = nock(app.api);
  scope
    .get('/app/installations')
    .query({ per_page: 100 })
    .reply(200, [{ id: INSTALLATION_ID, account: { login: 'acme' }, suspended_at: null }])
    .get('/installation/repositories')
    .query({ per_page: 100 })
    .reply(200, {
      total_count: 1,
      repositories: [{ name: 'shop', owner: { login: 'acme' }, archived: false }],
    });
  mock(scope);
  const report = await app.harness.app.sweep?.tick();
  expect.soft(app.harness.unmatched, 'every request to GitHub was declared').toEqual([]);
  expect.soft(nock.pendingMocks(), 'every declared request was made').toEqual([]);
  app.harness.unmatched.length = 0;
  nock.cleanAll();
  return report;
}

/**
 * The sweep's listing of a repository: its open pull requests, each one's newest `gatehouse` run
 * (due when in progress with a wake-up time that has passed), and its open approval issues.
 */
function mockSweepListings({ world, d }: Deploy, scope: nock.Scope) {
  const open = d.pulls.filter((pull) => pull.state === 'open');
  scope
    .get('/repos/acme/shop/pulls')
    .query({ state: 'open', per_page: 100 })
    .reply(() => [200, open.map(() => aPullRequest(world.pr))]);
  for (const _pull of open)
    scope
      .get(`/repos/acme/shop/commits/${world.pr.headSha ?? HEAD_SHA}/check-runs`)
      .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'latest', per_page: 1 })
      .reply(() => {
        const latest = runsOf(world, world.pr.headSha ?? HEAD_SHA, 'gatehouse').at(-1);
        return [
          200,
          { total_count: latest === undefined ? 0 : 1, check_runs: latest === undefined ? [] : [latest] },
        ];
      });
  mockIssueList(d.issues, scope, 'open');
}

/** The reads that find the waiting run of a delivery and whether the deployment is Gatehouse's. */
function mockRunReads(
  d: DeploymentWorld,
  scope: nock.Scope,
  runId = RUN_ID,
  environment = PROD,
  sha = HEAD_SHA,
) {
  mockGetRun(d, scope, runId);
  mockPendingDeployments(d, scope, runId);
  mockRules(d, scope, environment);
  mockDeployments(d, scope, sha, environment);
  mockPullsOfCommit(d, scope, sha);
}

/**
 * The reads of the waiting runs the sweep answers: every run, its pending deployments, the rule;
 * then, in a full pass (the App's first sweep, and one every 30 minutes), the gate's evaluation
 * (its deployments and pull requests read; the caller declares the gate's own reads). Between
 * full passes, the gate's newest check run is read first, to tell whether the gate is due.
 */
function mockReconcileReads(
  d: DeploymentWorld,
  scope: nock.Scope,
  runId = RUN_ID,
  environment = PROD,
  sha = HEAD_SHA,
  options: { pass?: 'full' | 'due' | 'not_due' } = {},
) {
  mockWaitingRuns(d, scope);
  mockPendingDeployments(d, scope, runId);
  mockRules(d, scope, environment);
  const pass = options.pass ?? 'full';
  if (pass !== 'full')
    scope
      .get(`/repos/acme/shop/commits/${sha}/check-runs`)
      .query({ check_name: `gatehouse: ${environment}`, app_id: APP_ID, filter: 'latest', per_page: 1 })
      .reply(() => {
        const latest = runsOf(d.pr, sha, `gatehouse: ${environment}`).at(-1);
        return [
          200,
          { total_count: latest === undefined ? 0 : 1, check_runs: latest === undefined ? [] : [latest] },
        ];
      });
  if (pass === 'not_due') return;
  mockDeployments(d, scope, sha, environment);
  mockPullsOfCommit(d, scope, sha);
}

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

/** The comment of the deployment gate on the pull request (the second sticky comment). */
function deploymentComment(world: World, environment = PROD) {
  return world.comments.find((comment) =>
    String(comment.body).includes(`<!-- gatehouse:gate ${encodeURIComponent(environment)} -->`),
  );
}

/** The pull request is opened (its own gate waits for alice or bob) and its reviewers asked. */
async function openThePullRequest(deploy: Deploy) {
  await openPullRequest(deploy.app);
  // GitHub lists the requested reviewers on the pull request from now on.
  deploy.world.pr.requestedReviewers = [users.alice, users.bob];
  openPull(deploy.d, HEAD_SHA);
}

/**
 * The deployment is requested and waits: its gate on the pull request is published (a second
 * sticky comment, its own check run) and one status report says where to decide.
 */
async function requestPendingOnPullRequest(
  deploy: Deploy,
  at: string,
  delivery: { event: string; payload: unknown },
  environment = PROD,
  deliveryId?: string,
) {
  const { world, d } = deploy;
  const check = `gatehouse: ${environment}`;
  await deliver(
    deploy,
    at,
    delivery,
    (scope) => {
      mockRunReads(d, scope, RUN_ID, environment);
      mockReads(world, scope, { checkName: check });
      mockCreateComment(world, scope, (body) =>
        String(body).includes(`<!-- gatehouse:gate ${encodeURIComponent(environment)} -->`),
      );
      mockCreateCheckRun(world, scope, (body) => body.name === check && body.status === 'in_progress');
      mockAnswer(d, scope, RUN_ID);
    },
    deliveryId === undefined ? {} : { deliveryId },
  );
}

/**
 * `author` comments `body` on the pull request at 10:04 (delivered at 10:05): the pull request's
 * own gate is recomputed, then the deployment of its head, whose answer `answer` declares.
 */
async function commentOnPullRequest(
  deploy: Deploy,
  author: typeof users.alice,
  body: string,
  mocks: {
    /** The pull request's own gate: decided (a record, a new check run) or still waiting. */
    prGate: 'decided' | 'pending';
    /** The deployment's gate: decided or still waiting. */
    deployment: 'decided' | 'pending';
    environment?: string;
    answer?: (scope: nock.Scope) => void;
    status?: number;
  },
) {
  const { world, d } = deploy;
  const environment = mocks.environment ?? PROD;
  const check = `gatehouse: ${environment}`;
  const prComment = world.comments[0]?.id as number;
  const prRun = runsOf(world, HEAD_SHA, 'gatehouse').at(-1)?.id as number;
  const deployComment = deploymentComment(world, environment)?.id as number;
  const deployRun = runsOf(world, HEAD_SHA, check).at(-1)?.id as number;
  const id = addComment(world, author, body, '2026-11-20T10:04:00Z');
  const records = (mocks.prGate === 'decided' ? 1 : 0) + (mocks.deployment === 'decided' ? 1 : 0);
  await deliver(
    deploy,
    '2026-11-20T10:05:00Z',
    commentEvent('created', { id, author, body, updatedAt: '2026-11-20T10:04:00Z' }),
    (scope) => {
      mockReads(world, scope, { permissions: [author.login] });
      mockLogWrites(world, scope, records);
      mockUpdateComment(world, scope, prComment);
      if (mocks.prGate === 'decided') {
        mockCreateCheckRun(world, scope, (sent) => sent.name === 'gatehouse');
        mockUpdateCheckRun(world, scope, prRun, (sent) => sent.conclusion === 'neutral');
      } else {
        mockUpdateCheckRun(world, scope, prRun, (sent) => sent.status === 'in_progress');
      }
      mockWaitingRuns(d, scope, HEAD_SHA);
      mockPendingDeployments(d, scope, RUN_ID);
      mockRules(d, scope, environment);
      mockDeployments(d, scope, HEAD_SHA, environment);
      mockPullsOfCommit(d, scope, HEAD_SHA);
      mockReads(world, scope, { permissions: [author.login], checkName: check });
      mockUpdateComment(world, scope, deployComment);
      if (mocks.deployment === 'decided') {
        mockCreateCheckRun(world, scope, (sent) => sent.name === check);
        mockUpdateCheckRun(world, scope, deployRun, (sent) => sent.conclusion === 'neutral');
      } else {
        mockUpdateCheckRun(world, scope, deployRun, (sent) => sent.status === 'in_progress');
      }
      mocks.answer?.(scope);
    },
    mocks.status === undefined ? {} : { status: mocks.status },
  );
  return id;
}

describe('a deployment of the head of an open pull request', () => {
  it('already approved for that head is approved at once: exactly one answer, recorded, with its own check run and comment (D1)', async () => {
    const deploy = await start();
    const { app, world, d } = deploy;
    await openAndApprove(app);
    world.pr.requestedReviewers = [users.alice, users.bob];
    openPull(d, HEAD_SHA);
    const delivery = waitFor(d);
    const { requests } = await deliver(deploy, '2026-11-20T10:10:00Z', delivery, (scope) => {
      mockRunReads(d, scope);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockLogWrites(world, scope);
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockAnswer(d, scope, RUN_ID);
    });
    // The API budget of docs/app.md: 14 reads (the run, its deployments, the rule, the commit’s
    // pull requests, the gate's), the log commit (3), the comment, the check run, the answer, and
    // the narrowed token the answer is sent with (minted once an hour per repository).
    expect(requests).toBe(21);
    // alice approved this very commit at 10:04: the deployment's gate counts her approval too.
    expect(readable(deploymentComment(world)?.body)).not.toContain('stale');
    expect(d.answers).toHaveLength(1);
    const [answer] = d.answers;
    expect(answer?.path).toBe(`/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule`);
    expect(Object.keys(answer?.body ?? {}).sort()).toEqual(['comment', 'environment_name', 'state']);
    expect(answer?.body).toMatchObject({ environment_name: PROD, state: 'approved' });
    // Answered with a token that can do nothing but deployments, on this repository (D6).
    expect(answer?.authorization).toBe(`token ${DEPLOYMENTS_TOKEN}`);
    expect(String(answer?.body.comment).length).toBeLessThanOrEqual(1024);
    expect(answer?.body.comment).toMatch(/^gatehouse: production: Approved by alice/);
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: approved gatehouse: production by alice/);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => [run.status, run.conclusion])).toEqual([
      ['completed', 'success'],
    ]);
    expect(deploymentComment(world)).toBeDefined();
  });

  it('is decided by the pull request into the default branch, not by an earlier one of the same head into the author’s own branch', async () => {
    const deploy = await start();
    const { app, world, d } = deploy;
    await openAndApprove(app);
    world.pr.requestedReviewers = [users.alice, users.bob];
    // mallory opened #5 of the same head into a branch of her own first: its diff is hers to choose.
    d.pulls.push({ number: 5, headSha: HEAD_SHA, state: 'open', baseRef: 'mallory/staging' });
    openPull(d, HEAD_SHA);
    // Only #7's reads are declared: reading #5 would be an undeclared request.
    await deliver(deploy, '2026-11-20T10:10:00Z', waitFor(d), (scope) => {
      mockRunReads(d, scope);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockLogWrites(world, scope);
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockAnswer(d, scope, RUN_ID);
    });
    expect(d.answers.map((answer) => answer.body.state)).toEqual(['approved']);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => [run.status, run.conclusion])).toEqual([
      ['completed', 'success'],
    ]);
  });

  it('waits with one status report saying where to decide, and is approved by a later /approve on the pull request', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    await openThePullRequest(deploy);
    await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));

    expect(decisionsOf(d)).toEqual([]);
    const reports = reportsOf(d);
    expect(reports).toHaveLength(1);
    expect(Object.keys(reports[0]?.body ?? {}).sort()).toEqual(['comment', 'environment_name']);
    const request = deploymentComment(world);
    expect(reports[0]?.body.environment_name).toBe(PROD);
    expect(reports[0]?.body.comment).toContain(String(request?.html_url));
    expect(reports[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
    expect(String(reports[0]?.body.comment).length).toBeLessThanOrEqual(1024);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => [run.name, run.status])).toEqual([
      [PROD_CHECK, 'in_progress'],
    ]);

    await commentOnPullRequest(deploy, users.alice, '/approve', {
      prGate: 'decided',
      deployment: 'decided',
      answer: (scope) => mockAnswer(d, scope, RUN_ID),
    });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: approved gatehouse by alice/),
    ]);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => [run.status, run.conclusion])).toEqual([
      ['completed', 'neutral'],
      ['completed', 'success'],
    ]);
  });

  it('is rejected by /reject with a reason: answered rejected, recorded', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    await openThePullRequest(deploy);
    await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));
    await commentOnPullRequest(deploy, users.alice, '/reject the snapshot is a week old', {
      prGate: 'decided',
      deployment: 'decided',
      answer: (scope) => mockAnswer(d, scope, RUN_ID),
    });
    const decisions = decisionsOf(d);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.body).toMatchObject({ environment_name: PROD, state: 'rejected' });
    expect(decisions[0]?.body.comment).toMatch(/^gatehouse: production: Rejected by alice/);
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: rejected gatehouse: production by alice/);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).at(-1)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
    expect(d.runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
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
      const deploy = await start();
      const { world, d } = deploy;
      await openThePullRequest(deploy);
      await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d, shape));
      await commentOnPullRequest(deploy, approver, '/approve', { prGate: 'decided', deployment: 'pending' });
      expect(decisionsOf(d)).toEqual([]);
      // The pull request's own gate counts the approval; the deployment's says why it does not.
      expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
        expect.stringMatching(new RegExp(`^gatehouse: approved gatehouse by ${approver.login}`)),
      ]);
      expect(readable(deploymentComment(world)?.body)).toContain(
        `ignored: @${approver.login} is the deployer`,
      );
      expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => run.status)).toEqual(['in_progress']);
    },
  );
});

const OTHER_SHA = 'd00d000000000000000000000000000000000003';

/**
 * The deployment of a commit that is no pull request's head is requested and waits: an approval
 * issue is opened for it (its first comment the request record), its check run published on the
 * commit, and one status report names the issue.
 */
async function requestPendingOnIssue(
  deploy: Deploy,
  at: string,
  delivery: { event: string; payload: unknown },
  sha = OTHER_SHA,
  environment = PROD,
) {
  const { world, d } = deploy;
  const issues = d.issues;
  const check = `gatehouse: ${environment}`;
  const number = 1 + Math.max(0, ...issues.issues.map((issue) => issue.number as number));
  await deliver(deploy, at, delivery, (scope) => {
    mockRunReads(d, scope, RUN_ID, environment, sha);
    mockPolicy(issues, scope);
    mockIssueList(issues, scope, 'open');
    mockIssueList(issues, scope, 'closed');
    mockCheckRunsAt(world, scope, sha, check);
    mockLogRead(issues, scope);
    mockCreateIssue(
      issues,
      scope,
      (body) => (body.labels as string[] | undefined)?.includes('gatehouse') === true,
    );
    mockCreateIssueComment(issues, scope, number, (body) => body.includes('gatehouse:request-data'));
    mockCreateCheckRun(
      world,
      scope,
      (body) => body.name === check && body.head_sha === sha && body.status === 'in_progress',
    );
    mockAnswer(d, scope, RUN_ID);
  });
  return number;
}

describe('a deployment of a commit that is no open pull request’s head', () => {
  it('without a pull request and without a rollback plan is refused as not ready: answered rejected, with what is missing', async () => {
    // The deploys rule asks for a rollback plan (the default for level approve), and nothing
    // about a bare deployment gives one: nobody could ever approve it, and no deadline would end it.
    const deploy = await start({ policy: DEPLOY_POLICY.replace('    require: []\n', '') });
    const { world, d } = deploy;
    const issues = d.issues;
    const delivery = waitFor(d, { sha: OTHER_SHA });
    await deliver(deploy, '2026-11-20T10:10:00Z', delivery, (scope) => {
      mockRunReads(d, scope, RUN_ID, PROD, OTHER_SHA);
      mockPolicy(issues, scope);
      mockIssueList(issues, scope, 'open');
      mockIssueList(issues, scope, 'closed');
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(issues, scope);
      // Not ready: nobody is asked (no approval issue); the check fails at once and says why,
      // showing the request as it is: the deployment of that commit.
      mockCreateCheckRun(world, scope, (body) => {
        const output = (body.output ?? {}) as { title?: string; summary?: string };
        return (
          body.name === PROD_CHECK &&
          body.conclusion === 'failure' &&
          String(output.title).startsWith('Not ready for approval') &&
          readable(output.summary).includes(`Deploy ${OTHER_SHA.slice(0, 12)}`)
        );
      });
      mockAnswer(d, scope, RUN_ID);
    });
    expect(reportsOf(d)).toEqual([]);
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'rejected',
        comment: expect.stringMatching(/^gatehouse: production: Not ready for approval: no rollback plan/),
      },
    ]);
    expect(d.issues.issues).toEqual([]);
  });

  it('of a merged commit asks with the merged pull request as its artifact: its title, rollback plan and files', async () => {
    // The deploys rule asks for a rollback plan (the default for level approve): the merged pull
    // request's description has one, so the request is ready for approval.
    const deploy = await start({ policy: DEPLOY_POLICY.replace('    require: []\n', '') });
    const { world, d } = deploy;
    const issues = d.issues;
    d.pulls.push({ number: 7, headSha: HEAD_SHA, state: 'closed', merged: true, commits: [OTHER_SHA] });
    const delivery = waitFor(d, { sha: OTHER_SHA });
    const created: string[] = [];
    await deliver(deploy, '2026-11-20T10:10:00Z', delivery, (scope) => {
      mockRunReads(d, scope, RUN_ID, PROD, OTHER_SHA);
      scope
        .get('/repos/acme/shop/pulls/7')
        .reply(
          200,
          aPullRequest({
            number: 7,
            state: 'closed',
            merged: true,
            title: 'Drop orders.status',
            body: '## Context\nThe column is unused.\n\n## Rollback Plan\nRestore the column from the nightly snapshot.',
          }),
        )
        .get('/repos/acme/shop/pulls/7/files')
        .query({ per_page: 100 })
        .reply(200, [aChangedFile('db/migrations/001_drop_status.sql')]);
      mockPolicy(issues, scope);
      mockIssueList(issues, scope, 'open');
      mockIssueList(issues, scope, 'closed');
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(issues, scope);
      mockCreateIssue(issues, scope, (body) => {
        created.push(String(body.body));
        return true;
      });
      mockCreateIssueComment(issues, scope, 1, (body) => body.includes('gatehouse:request-data'));
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.head_sha === OTHER_SHA);
      mockAnswer(d, scope, RUN_ID);
    });
    expect(decisionsOf(d)).toEqual([]);
    const body = created[0] ?? '';
    expect(body).toContain('Drop orders.status');
    expect(body).toContain('Restore the column from the nightly snapshot.');
    // The path rule matched the merged pull request's files, next to the deployment's own rule.
    expect(body).toMatch(/migrations/);
    expect(body).not.toMatch(/Not ready for approval/);
    expect(reportsOf(d)[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
  });

  it('is not approved by the approvals of the pull request’s head: it waits on an approval issue, and the status report names it (S5)', async () => {
    const deploy = await start();
    const { app, world, d } = deploy;
    await openAndApprove(app);
    // The commit is on the pull request's branch, an earlier one than its head.
    d.pulls.push({ number: 7, headSha: HEAD_SHA, state: 'open', commits: [OTHER_SHA, HEAD_SHA] });
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:10:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    expect(decisionsOf(d)).toEqual([]);
    const reports = reportsOf(d);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.body).toEqual({
      environment_name: PROD,
      comment: expect.stringContaining(`https://github.com/acme/shop/issues/${number}`),
    });
    expect(reports[0]?.body.comment).toMatch(/^gatehouse: production: Waiting for/);
    // The report says why the pull request's approvals do not open it.
    expect(reports[0]?.body.comment).toContain(
      `Approvals on #7 (head ${HEAD_SHA.slice(0, 12)}) are for another commit than ${OTHER_SHA.slice(0, 12)} and do not count for this deployment.`,
    );
    // The pull request's approval is in the log; the deployment's gate has none.
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse by alice/),
    ]);
    expect(d.issues.issues[0]).toMatchObject({ number, state: 'open' });
    expect(runsOf(world, OTHER_SHA, PROD_CHECK).map((run) => [run.status, run.conclusion])).toEqual([
      ['in_progress', null],
    ]);
  });
});

/** An `issue_comment` delivery on approval issue `number` (labelled `gatehouse`, no pull request). */
function issueCommentEvent(
  action: 'created' | 'deleted',
  number: number,
  comment: { id: number; author: typeof users.alice; body: string; at: string },
  sender = comment.author,
) {
  return {
    event: 'issue_comment',
    payload: examplePayload('issue_comment', 'created', {
      action,
      issue: { number, pull_request: null, labels: [{ name: 'gatehouse' }] },
      comment: {
        id: comment.id,
        user: comment.author,
        body: comment.body,
        created_at: comment.at,
        updated_at: comment.at,
      },
      sender,
    }),
  };
}

/** The reads of an approval issue's gate, recomputed from one of its comments. */
function mockIssueGateReads({ world, d }: Deploy, scope: nock.Scope, number: number) {
  mockGetIssue(d.issues, scope, number);
  mockComments(d.issues, scope, number);
  mockPolicy(d.issues, scope);
  mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
  mockLogRead(d.issues, scope);
  mockPermission(d.issues, scope, 'alice');
}

/** The reads of the deployment gate of OTHER_SHA on its approval issue, found by its request. */
function mockRequestGateReads({ world, d }: Deploy, scope: nock.Scope, number: number) {
  mockPolicy(d.issues, scope);
  mockIssueList(d.issues, scope, 'open');
  mockIssueList(d.issues, scope, 'closed');
  mockComments(d.issues, scope, number);
  mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
  mockLogRead(d.issues, scope);
  mockPermission(d.issues, scope, 'alice');
}

describe('a veto on a deployment’s approval issue is durable (class 4)', () => {
  it('still rejects when a writer deletes the /reject: the check run says so, and a re-run after a restart is rejected again', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:00:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    const pendingRun = runsOf(world, OTHER_SHA, PROD_CHECK)[0]?.id as number;
    const rejection = {
      id: 0,
      author: users.alice,
      body: '/reject the snapshot is a week old',
      at: '2026-11-20T10:04:00Z',
    };
    rejection.id = addIssueComment(d.issues, number, users.alice, rejection.body, rejection.at);
    await deliver(
      deploy,
      '2026-11-20T10:05:00Z',
      issueCommentEvent('created', number, rejection),
      (scope) => {
        mockIssueGateReads(deploy, scope, number);
        mockLogWrites(world, scope);
        mockUpdateIssue(d.issues, scope, number, (body) => typeof body.body === 'string');
        mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'failure');
        mockUpdateCheckRun(world, scope, pendingRun);
        mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('**Rejected** by alice'));
        mockUpdateIssue(d.issues, scope, number, (body) => body.state === 'closed');
        // The run waiting for the commit is answered.
        mockWaitingRuns(d, scope, OTHER_SHA);
        mockPendingDeployments(d, scope, RUN_ID);
        mockRules(d, scope, PROD);
        mockDeployments(d, scope, OTHER_SHA, PROD);
        mockPullsOfCommit(d, scope, OTHER_SHA);
        mockRequestGateReads(deploy, scope, number);
        mockAnswer(d, scope, RUN_ID);
      },
    );
    const rejected = runsOf(world, OTHER_SHA, PROD_CHECK).at(-1);
    // The veto is recorded on the gate's own check run, where only the App writes.
    expect(String(outputOf(rejected).text)).toContain('<!-- gatehouse:vetoes ');

    // mallory, who can write, deletes alice's comment on the closed issue.
    d.issues.comments.set(
      number,
      (d.issues.comments.get(number) ?? []).filter((comment) => comment.id !== rejection.id),
    );
    await deliver(
      deploy,
      '2026-11-20T10:10:00Z',
      issueCommentEvent('deleted', number, rejection, users.mallory),
      (scope) => {
        mockIssueGateReads(deploy, scope, number);
        // The request and the run say why it is still rejected: the comment was deleted.
        mockUpdateIssue(d.issues, scope, number, (body) =>
          String(body.body).includes('was deleted after Gatehouse saw it'),
        );
        mockUpdateCheckRun(world, scope, rejected?.id as number, (body) =>
          JSON.stringify(body).includes('was deleted after Gatehouse saw it'),
        );
        mockWaitingRuns(d, scope, OTHER_SHA);
      },
    );
    expect(runsOf(world, OTHER_SHA, PROD_CHECK).at(-1)).toMatchObject({
      id: rejected?.id,
      status: 'completed',
      conclusion: 'failure',
    });

    // A fresh process knows only what GitHub holds. The deploy job is re-run: the closed issue's
    // decision stands, no new issue is opened, and GitHub is answered rejected again.
    await deploy.app.harness.stop();
    const restarted = await startAppWorld(world);
    d.answerTokenMinted = false;
    try {
      const rerun = waitFor(d, { sha: OTHER_SHA, runId: 502 });
      await deliver({ ...deploy, app: restarted }, '2026-11-20T10:20:00Z', rerun, (scope) => {
        mockRunReads(d, scope, 502, PROD, OTHER_SHA);
        mockRequestGateReads(deploy, scope, number);
        mockAnswer(d, scope, 502);
      });
    } finally {
      await restarted.harness.stop();
    }
    expect(decisionsOf(d).map((answer) => [answer.runId, answer.body])).toEqual([
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
    expect(d.issues.issues).toHaveLength(1);
    expect(d.issues.issues[0]).toMatchObject({ number, state: 'closed' });
    // One record: the rejection, when it was made.
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: rejected gatehouse: production by alice/),
    ]);
  });
});

describe('time', () => {
  it('/delay 2h answers approved when the delay ends, at the sweep after it and not before', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    await openThePullRequest(deploy);
    await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));
    await commentOnPullRequest(deploy, users.alice, '/delay 2h', {
      prGate: 'decided',
      deployment: 'decided',
    });
    expect(decisionsOf(d)).toEqual([]);
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: delayed gatehouse: production by alice/);

    // 12:03: the delay (until 12:04) has not ended. The App's first sweep evaluates every waiting
    // deployment (what was missed while it was down); nothing is answered.
    await sweep(deploy, '2026-11-20T12:03:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockReconcileReads(d, scope);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
    });
    expect(decisionsOf(d)).toEqual([]);

    // 12:03:30: a sweep between full reconciles looks only at gates that are due: this one's
    // wake-up time (12:04) has not come, so it is not even evaluated.
    await sweep(deploy, '2026-11-20T12:03:30Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockReconcileReads(d, scope, RUN_ID, PROD, HEAD_SHA, { pass: 'not_due' });
    });
    expect(decisionsOf(d)).toEqual([]);

    // 12:05: it has; the pull request's own gate is due too.
    const prRun = runsOf(world, HEAD_SHA, 'gatehouse').at(-1)?.id as number;
    const deployRun = runsOf(world, HEAD_SHA, PROD_CHECK).at(-1)?.id as number;
    const report = await sweep(deploy, '2026-11-20T12:05:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrites(world, scope, 2);
      mockUpdateComment(world, scope, world.comments[0]?.id as number);
      mockCreateCheckRun(world, scope, (body) => body.name === 'gatehouse');
      mockUpdateCheckRun(world, scope, prRun);
      // Between full passes, and due: its wake-up time has come.
      mockReconcileReads(d, scope, RUN_ID, PROD, HEAD_SHA, { pass: 'due' });
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockUpdateComment(world, scope, deploymentComment(world)?.id as number);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK);
      mockUpdateCheckRun(world, scope, deployRun);
      mockAnswer(d, scope, RUN_ID);
    });
    expect(report).toMatchObject({ failures: 0 });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    // Each gate's log: the delay when it was given, the approval when it took effect (before the answer).
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: approved gatehouse by alice/),
      expect.stringMatching(/^gatehouse: delayed gatehouse: production by alice/),
      expect.stringMatching(/^gatehouse: delayed gatehouse by alice/),
    ]);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).at(-1)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
  });
});

/** The deployment rule with a deadline: an hour, then `onTimeout`. */
function timedPolicy(onTimeout: 'reject' | 'escalate'): string {
  const then =
    onTimeout === 'escalate' ? 'on_timeout: escalate\n    escalate_to: [backup]' : 'on_timeout: reject';
  return `${DEPLOY_POLICY}    timeout: 1h\n    ${then}\n`;
}

describe('a click on the deployment gate’s check run of a commit without a pull request', () => {
  it('is written on its approval issue and counts like a /approve by the clicker: the deployment answered', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:00:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    const pendingRun = runsOf(world, OTHER_SHA, PROD_CHECK)[0];
    const click = checkRunEvent(
      'requested_action',
      { id: pendingRun?.id as number, headSha: OTHER_SHA, appId: APP_ID, summary: 'the request' },
      users.alice,
    );
    const payload = click.payload as { check_run: Record<string, unknown> };
    payload.check_run.name = PROD_CHECK;
    payload.check_run.pull_requests = [];
    await deliver(deploy, '2026-11-20T10:05:00Z', click, (scope) => {
      // The deployment's approval issue, found by its request record, gets the click as a trace.
      mockIssueList(d.issues, scope, 'open');
      mockComments(d.issues, scope, number);
      mockComments(d.issues, scope, number);
      mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('gatehouse:trace'));
      // The issue's gate, recomputed: approved, recorded, closed.
      mockGetIssue(d.issues, scope, number);
      mockComments(d.issues, scope, number);
      mockPolicy(d.issues, scope);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockPermission(d.issues, scope, 'alice');
      mockLogWrites(world, scope);
      mockUpdateIssue(d.issues, scope, number, (body) => typeof body.body === 'string');
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockUpdateCheckRun(world, scope, pendingRun?.id as number);
      mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('**Approved**'));
      mockUpdateIssue(d.issues, scope, number, (body) => body.state === 'closed');
      // The runs waiting for the commit are answered.
      mockWaitingRuns(d, scope, OTHER_SHA);
      mockPendingDeployments(d, scope, RUN_ID);
      mockRules(d, scope, PROD);
      mockDeployments(d, scope, OTHER_SHA, PROD);
      mockPullsOfCommit(d, scope, OTHER_SHA);
      mockPolicy(d.issues, scope);
      mockIssueList(d.issues, scope, 'open');
      mockIssueList(d.issues, scope, 'closed');
      mockComments(d.issues, scope, number);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockPermission(d.issues, scope, 'alice');
      mockAnswer(d, scope, RUN_ID);
    });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    // One record: the second evaluation found it in the log.
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
    ]);
    expect(
      readable(
        d.issues.comments.get(number)?.find((comment) => String(comment.body).includes('gatehouse:trace'))
          ?.body,
      ),
    ).toContain('clicked **Approve**');
  });
});

describe('a deadline', () => {
  it('with on_timeout: reject expires the gate at the first sweep after it: answered rejected, recorded', async () => {
    const deploy = await start({ policy: timedPolicy('reject') });
    const { world, d } = deploy;
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:00:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    const pendingRun = runsOf(world, OTHER_SHA, PROD_CHECK)[0]?.id as number;
    const report = await sweep(deploy, '2026-11-20T11:01:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      // The issue is due: its gate expires, is recorded, closed.
      mockGetIssue(d.issues, scope, number);
      mockComments(d.issues, scope, number);
      mockPolicy(d.issues, scope);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockLogWrites(world, scope);
      mockUpdateIssue(d.issues, scope, number, (body) => typeof body.body === 'string');
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'failure');
      mockUpdateCheckRun(world, scope, pendingRun);
      mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('**Expired**'));
      mockUpdateIssue(d.issues, scope, number, (body) => body.state === 'closed');
      // The waiting run: its gate is the closed issue's decision, answered.
      mockReconcileReads(d, scope, RUN_ID, PROD, OTHER_SHA);
      mockPolicy(d.issues, scope);
      mockIssueList(d.issues, scope, 'open');
      mockIssueList(d.issues, scope, 'closed');
      mockComments(d.issues, scope, number);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockAnswer(d, scope, RUN_ID);
    });
    expect(report).toMatchObject({ failures: 0 });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'rejected',
        comment: expect.stringMatching(/^gatehouse: production: Expired/),
      },
    ]);
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: expired gatehouse: production/),
    ]);
    expect(d.issues.issues[0]).toMatchObject({ state: 'closed' });
  });

  it('with on_timeout: escalate escalates at the first sweep after it: a notice to the backup approvers, no answer', async () => {
    const deploy = await start({ policy: timedPolicy('escalate') });
    const { world, d } = deploy;
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:00:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    const pendingRun = runsOf(world, OTHER_SHA, PROD_CHECK)[0]?.id as number;
    await sweep(deploy, '2026-11-20T11:01:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockGetIssue(d.issues, scope, number);
      mockComments(d.issues, scope, number);
      mockPolicy(d.issues, scope);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockLogWrites(world, scope);
      mockUpdateIssue(d.issues, scope, number, (body) => typeof body.body === 'string');
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK);
      mockUpdateCheckRun(world, scope, pendingRun);
      mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('@carol'));
      mockReconcileReads(d, scope, RUN_ID, PROD, OTHER_SHA);
      mockPolicy(d.issues, scope);
      mockIssueList(d.issues, scope, 'open');
      mockComments(d.issues, scope, number);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
    });
    expect(decisionsOf(d)).toEqual([]);
    expect(reportsOf(d)).toHaveLength(1);
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: escalated gatehouse: production/);
    expect(readable(d.issues.comments.get(number)?.at(-1)?.body)).toContain('@carol');
    expect(d.issues.issues[0]).toMatchObject({ state: 'open' });
    expect(d.runs[0]).toMatchObject({ status: 'waiting' });
  });
});

describe('the reconcile (a sweep)', () => {
  it('answers a deployment whose requested delivery was lost, the pull request being approved for that head (D3, W12)', async () => {
    const deploy = await start();
    const { app, world, d } = deploy;
    await openAndApprove(app);
    world.pr.requestedReviewers = [users.alice, users.bob];
    openPull(d, HEAD_SHA);
    waitFor(d); // GitHub never delivers it.
    const report = await sweep(deploy, '2026-11-20T10:10:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockReconcileReads(d, scope);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockLogWrites(world, scope);
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockAnswer(d, scope, RUN_ID);
    });
    // alice approved this very commit at 10:04: the deployment's gate counts her approval too.
    expect(readable(deploymentComment(world)?.body)).not.toContain('stale');
    expect(report).toMatchObject({ failures: 0 });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
  });

  it('answers a deployment decided on its approval issue while the App was down, and leaves runs of environments without Gatehouse’s rule alone', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    const number = await requestPendingOnIssue(
      deploy,
      '2026-11-20T10:00:00Z',
      waitFor(d, { sha: OTHER_SHA }),
    );
    // Another run waits for an environment whose custom rule is another app's.
    d.runs.push({
      id: 502,
      sha: OTHER_SHA,
      status: 'waiting',
      pending: ['staging'],
      actor: users.author,
      triggeringActor: users.author,
    });
    d.rules.staging = { enabled: true, appId: 77 };
    // alice approves on the issue; the App is down and never hears of it.
    addIssueComment(d.issues, number, users.alice, '/approve', '2026-11-20T10:30:00Z');
    const pendingRun = runsOf(world, OTHER_SHA, PROD_CHECK)[0]?.id as number;
    const report = await sweep(deploy, '2026-11-20T10:40:00Z', (scope) => {
      mockSweepListings(deploy, scope);
      mockWaitingRuns(d, scope);
      mockPendingDeployments(d, scope, RUN_ID);
      mockPendingDeployments(d, scope, 502);
      mockRules(d, scope, PROD);
      mockDeployments(d, scope, OTHER_SHA, PROD);
      mockPullsOfCommit(d, scope, OTHER_SHA);
      mockPolicy(d.issues, scope);
      mockIssueList(d.issues, scope, 'open');
      mockComments(d.issues, scope, number);
      mockCheckRunsAt(world, scope, OTHER_SHA, PROD_CHECK);
      mockLogRead(d.issues, scope);
      mockPermission(d.issues, scope, 'alice');
      mockLogWrites(world, scope);
      mockUpdateIssue(d.issues, scope, number, (body) => typeof body.body === 'string');
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockUpdateCheckRun(world, scope, pendingRun);
      mockCreateIssueComment(d.issues, scope, number, (body) => body.includes('**Approved**'));
      mockUpdateIssue(d.issues, scope, number, (body) => body.state === 'closed');
      mockRules(d, scope, 'staging');
      mockAnswer(d, scope, RUN_ID);
    });
    expect(report).toMatchObject({ failures: 0 });
    expect(decisionsOf(d).map((answer) => [answer.runId, answer.body])).toEqual([
      [
        RUN_ID,
        {
          environment_name: PROD,
          state: 'approved',
          comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
        },
      ],
    ]);
    expect(world.log?.map((commit) => commit.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^gatehouse: approved gatehouse: production by alice/),
    ]);
    expect(d.runs.find((run) => run.id === 502)).toMatchObject({ status: 'waiting', pending: ['staging'] });
  });
});

describe('a crash between the decision record and the answer (X1, X2)', () => {
  it.each([
    ['GitHub answers 500', 500],
    ['the connection drops', 'error'],
  ] as const)(
    '%s: the delivery fails, and the next sweep answers without a second record',
    async (_how, reply) => {
      const deploy = await start();
      const { world, d } = deploy;
      await openThePullRequest(deploy);
      await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));
      await commentOnPullRequest(deploy, users.alice, '/approve', {
        prGate: 'decided',
        deployment: 'decided',
        // Sent once, never retried: a write GitHub may have applied is not sent again blindly.
        answer: (scope) => mockAnswer(d, scope, RUN_ID, { reply }),
        status: 500,
      });
      expect(decisionsOf(d)).toEqual([]);
      expect(d.runs[0]).toMatchObject({ status: 'waiting' });
      const records = world.log?.length;
      expect(world.log?.[0]?.message).toMatch(/^gatehouse: approved gatehouse: production by alice/);

      const report = await sweep(deploy, '2026-11-20T10:10:00Z', (scope) => {
        mockSweepListings(deploy, scope);
        mockReconcileReads(d, scope);
        // Everything is published already: only the answer is missing.
        mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
        mockAnswer(d, scope, RUN_ID);
      });
      expect(report).toMatchObject({ failures: 0 });
      expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
        {
          environment_name: PROD,
          state: 'approved',
          comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
        },
      ]);
      expect(world.log).toHaveLength(records ?? -1);
      expect(world.log?.filter((commit) => commit.message.includes('gatehouse: production'))).toHaveLength(1);
    },
  );
});

describe('GitHub refusing an answer (D2)', () => {
  it('a duplicate requested delivery after the answer: the second answer gets 422, which is final, and the delivery succeeds', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    await openThePullRequest(deploy);
    const delivery = waitFor(d);
    // The environment has required reviewers too: the run waits on after Gatehouse approved.
    if (d.runs[0]) d.runs[0].otherRules = [PROD];
    const deliveryId = '4f2b6c1e-0d7a-4e55-9a43-2f6a1c9e8b10';
    await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', delivery, PROD, deliveryId);
    await commentOnPullRequest(deploy, users.alice, '/approve', {
      prGate: 'decided',
      deployment: 'decided',
      answer: (scope) => mockAnswer(d, scope, RUN_ID),
    });
    // GitHub delivers the same `requested` delivery again (a redelivery: the same id).
    await deliver(
      deploy,
      '2026-11-20T10:06:00Z',
      delivery,
      (scope) => {
        mockRunReads(d, scope);
        mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
        mockAnswer(d, scope, RUN_ID);
      },
      { deliveryId },
    );
    expect(d.answers.map((answer) => [answer.status, answer.body.state ?? 'report'])).toEqual([
      [204, 'report'],
      [204, 'approved'],
      [422, 'approved'],
    ]);
    expect(world.log?.filter((commit) => commit.message.includes('gatehouse: production'))).toHaveLength(1);
  });

  it('a run cancelled before the answer: GitHub’s 422 is final and logged, the delivery succeeds, and the next sweep leaves the run alone', async () => {
    // This App logs at `info`, into what the test reads instead of the standard output.
    const logged = captureLogs();
    const level = process.env.GATEHOUSE_TEST_LOG_LEVEL;
    process.env.GATEHOUSE_TEST_LOG_LEVEL = 'info';
    try {
      const deploy = await start();
      const { d } = deploy;
      await openThePullRequest(deploy);
      await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));
      await commentOnPullRequest(deploy, users.alice, '/approve', {
        prGate: 'decided',
        deployment: 'decided',
        answer: (scope) => mockAnswer(d, scope, RUN_ID, { cancelFirst: true }),
      });
      expect(d.answers.map((answer) => [answer.status, answer.body.state ?? 'report'])).toEqual([
        [204, 'report'],
        [422, 'approved'],
      ]);
      expect(logged.text()).toContain(
        'GitHub refused the answer: the run was cancelled or answered already; nothing to retry',
      );
      // The run no longer waits: the sweep does not list it, nothing more is sent.
      await sweep(deploy, '2026-11-20T10:10:00Z', (scope) => {
        mockSweepListings(deploy, scope);
        mockWaitingRuns(d, scope);
      });
      expect(d.answers).toHaveLength(2);
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
      const deploy = await start();
      const { world, d } = deploy;
      await openThePullRequest(deploy);
      await requestPendingOnPullRequest(
        deploy,
        '2026-11-20T10:02:00Z',
        waitFor(d, { environment }),
        environment,
      );
      await commentOnPullRequest(deploy, users.alice, '/approve', {
        prGate: 'decided',
        deployment: 'decided',
        environment,
        answer: (scope) => mockAnswer(d, scope, RUN_ID),
      });
      expect(d.environmentRequests).toEqual([
        `/repos/acme/shop/environments/${encoded}/deployment_protection_rules`,
        `/repos/acme/shop/environments/${encoded}/deployment_protection_rules`,
      ]);
      expect(d.answers.map((answer) => answer.body)).toEqual([
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
      expect(runsOf(world, HEAD_SHA, `gatehouse: ${environment}`).at(-1)).toMatchObject({
        status: 'completed',
        conclusion: 'success',
      });
      expect(deploymentComment(world, environment)?.body).toContain(`<!-- gatehouse:gate ${encoded} -->`);
    },
  );
});

describe('a callback URL that is not this repository’s run', () => {
  it.each([
    ['another repository’s run', callbackUrl(777, 'evil/other')],
    ['a URL that is no run’s callback', 'https://api.github.com/repos/acme/shop/actions/runs/777/cancel'],
    [
      'a run id that is no number',
      'https://api.github.com/repos/acme/shop/actions/runs/x/deployment_protection_rule',
    ],
  ])('%s is ignored: nothing read, nothing answered', async (_what, url) => {
    const deploy = await start();
    const { d } = deploy;
    const delivery = waitFor(d);
    (delivery.payload as { deployment_callback_url: string }).deployment_callback_url = url;
    await deliver(deploy, '2026-11-20T10:02:00Z', delivery, () => {});
    expect(d.answers).toEqual([]);
  });

  it('names a run id of this repository that belongs to another repository: ignored after reading it', async () => {
    const deploy = await start();
    const { d } = deploy;
    const delivery = waitFor(d);
    if (d.runs[0]) d.runs[0].repositoryId = 9999;
    await deliver(deploy, '2026-11-20T10:02:00Z', delivery, (scope) => mockGetRun(d, scope, RUN_ID));
    expect(d.answers).toEqual([]);
  });
});

describe('a review in GitHub’s own “Review deployments” dialog', () => {
  it('counts like a /approve by the same person: recorded on the pull request’s timeline, the deployment answered', async () => {
    const deploy = await start();
    const { world, d } = deploy;
    await openThePullRequest(deploy);
    await requestPendingOnPullRequest(deploy, '2026-11-20T10:02:00Z', waitFor(d));
    const deployComment = deploymentComment(world)?.id as number;
    const deployRun = runsOf(world, HEAD_SHA, PROD_CHECK).at(-1)?.id as number;
    // GitHub's example is of `requested`; an `approved` review names no single environment.
    const {
      environment: _environment,
      requestor: _requestor,
      ...base
    } = examplePayload('deployment_review', 'requested');
    const review = {
      event: 'deployment_review',
      payload: {
        ...base,
        action: 'approved',
        approver: aUser(users.alice),
        comment: 'ship it',
        since: '2026-11-20T10:04:00Z',
        workflow_run: { ...(base.workflow_run as object), id: RUN_ID, head_sha: HEAD_SHA, status: 'waiting' },
        workflow_job_runs: [
          {
            id: 1,
            name: 'deploy',
            environment: PROD,
            status: 'waiting',
            conclusion: null,
            html_url: '',
            created_at: '2026-11-20T10:01:00Z',
            updated_at: '2026-11-20T10:04:00Z',
          },
        ],
        sender: aUser(users.alice),
      },
    };
    await deliver(deploy, '2026-11-20T10:05:00Z', review, (scope) => {
      // Gatehouse is the environment's rule, so the review is its business too ...
      mockRules(d, scope, PROD);
      // ... and is written into the pull request's timeline, once.
      mockPullsOfCommit(d, scope, HEAD_SHA);
      scope
        .get('/repos/acme/shop/issues/7/comments')
        .query({ per_page: 100 })
        .reply(() => [200, world.comments]);
      mockCreateComment(world, scope, (body) => String(body).includes('gatehouse:trace'));
      // The deployment's gate, recomputed with it (who may not approve: the creators, and those
      // kept on its check runs, read with the gate).
      mockDeployments(d, scope, HEAD_SHA, PROD);
      mockPullsOfCommit(d, scope, HEAD_SHA);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockLogWrites(world, scope);
      mockUpdateComment(world, scope, deployComment);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockUpdateCheckRun(world, scope, deployRun);
      // Then the runs waiting for the commit are answered.
      mockWaitingRuns(d, scope, HEAD_SHA);
      mockPendingDeployments(d, scope, RUN_ID);
      mockRules(d, scope, PROD);
      mockDeployments(d, scope, HEAD_SHA, PROD);
      mockPullsOfCommit(d, scope, HEAD_SHA);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockAnswer(d, scope, RUN_ID);
    });
    expect(decisionsOf(d).map((answer) => answer.body)).toEqual([
      {
        environment_name: PROD,
        state: 'approved',
        comment: expect.stringMatching(/^gatehouse: production: Approved by alice/),
      },
    ]);
    expect(world.log?.[0]?.message).toMatch(/^gatehouse: approved gatehouse: production by alice/);
  });
});

describe('on GitHub Enterprise Server (GHE_HOST)', () => {
  const GHE_API = 'https://ghe.example.com/api/v3';

  it('mints the narrowed token at the server’s API and answers the deployment there', async () => {
    const deploy = await start({}, { env: { GHE_HOST: 'ghe.example.com' }, api: GHE_API });
    const { app, world, d } = deploy;
    await openAndApprove(app);
    world.pr.requestedReviewers = [users.alice, users.bob];
    openPull(d, HEAD_SHA);
    // Every request below is declared at the server's API only: one to api.github.com is undeclared.
    await deliver(deploy, '2026-11-20T10:10:00Z', waitFor(d), (scope) => {
      mockRunReads(d, scope);
      mockReads(world, scope, { permissions: ['alice'], checkName: PROD_CHECK });
      mockLogWrites(world, scope);
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.name === PROD_CHECK && body.conclusion === 'success');
      mockAnswer(d, scope, RUN_ID);
    });
    expect(d.answerTokens).toEqual([
      {
        url: `${GHE_API}/app/installations/${INSTALLATION_ID}/access_tokens`,
        body: { repositories: ['shop'], permissions: { deployments: 'write' } },
      },
    ]);
    expect(decisionsOf(d)).toEqual([
      expect.objectContaining({
        path: `/api/v3/repos/acme/shop/actions/runs/${RUN_ID}/deployment_protection_rule`,
        body: expect.objectContaining({ environment_name: PROD, state: 'approved' }),
        authorization: `token ${DEPLOYMENTS_TOKEN}`,
      }),
    ]);
    expect(runsOf(world, HEAD_SHA, PROD_CHECK).map((run) => [run.status, run.conclusion])).toEqual([
      ['completed', 'success'],
    ]);
  });
});
