// Execution records of deployments, end to end: the real App on the GitHub simulator, Gatehouse
// the custom protection rule of production. When a deployment it gated ends, GitHub delivers
// `deployment_status` (@octokit/webhooks-examples' Actions example, filled from the simulator);
// the App reads the deployment and its statuses back from the API and records what ran on the log
// branch, next to the decision it followed. `gatehouse audit --repo`, run as a process on what
// the App wrote, answers what ran without an approval and what was approved and never ran.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type DeploymentExecutionRecord,
  type ExecutionRecord,
  parseExecutionRecord,
} from '../../src/core/execution-record.ts';
import type { Actor } from '../../src/core/model.ts';
import { DeploymentStatuses } from '../simulator/deployment-statuses.ts';
import { type SimulatedDeployment, SimulatedDeployments } from '../simulator/deployments.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, startAppScene } from './app-on-simulator.ts';

const POLICY = `reviewers:
  platform: [alice, bob]
rules:
  - name: deploys
    if: { environments: ["**"] }
    reviewers: [platform]
    require: []
`;
const CLI = resolve('dist/cli.mjs');
const NODE_24 = resolve('node_modules/.bin/node');
const LOG = 'gatehouse-log';
const PROD = 'production';

vi.setConfig({ testTimeout: 30_000 });

let scene: AppScene;
let deploys: SimulatedDeployments;
let statuses: DeploymentStatuses;
let workdir: string;

beforeEach(async () => {
  scene = await startAppScene();
  deploys = new SimulatedDeployments(scene.sim, scene.webhooks);
  statuses = new DeploymentStatuses(scene.sim, deploys);
  workdir = mkdtempSync(join(tmpdir(), 'gatehouse-deploy-execution-'));
  scene.sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', users.author.login]) scene.sim.setPermission(login, 'write');
  await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': POLICY }, 'Add a policy');
});

afterEach(async () => {
  await scene.stop();
  rmSync(workdir, { recursive: true, force: true });
});

interface Report {
  findings: { code: string; message: string }[];
  executions: {
    records: number;
    byType: Record<string, number>;
    ranWithoutApproval: Record<string, unknown>[];
    approvedNeverRan: Record<string, unknown>[];
  };
}

/** `gatehouse audit --repo acme/shop …` by the bundle, as a process. */
function audit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GITHUB_TOKEN: scene.sim.app?.issuePersonalToken(users.carol) ?? '',
    GITHUB_API_URL: `${scene.sim.url}/api/v3`,
    GITHUB_GRAPHQL_URL: `${scene.sim.url}/api/graphql`,
    NO_COLOR: '1',
  };
  return new Promise((done) => {
    execFile(
      NODE_24,
      [CLI, 'audit', '--repo', 'acme/shop', ...args],
      { cwd: workdir, env, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

async function auditJson(): Promise<Report> {
  const ran = await audit(['--format', 'json']);
  expect(ran.stderr).toBe('');
  return JSON.parse(ran.stdout) as Report;
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

/** The execution records on the log branch, parsed. */
function executions(): { path: string; record: ExecutionRecord }[] {
  return Object.entries(scene.sim.filesOnBranch(LOG))
    .filter(([path]) => path.endsWith('.execution.md'))
    .map(([path, text]) => {
      const parsed = parseExecutionRecord(text);
      if ('error' in parsed) throw new Error(`${path}: ${parsed.error}`);
      return { path, record: parsed.record };
    });
}

function decisionFiles(): [string, string][] {
  return Object.entries(scene.sim.filesOnBranch(LOG)).filter(
    ([path]) => path.endsWith('.md') && !path.endsWith('.execution.md'),
  );
}

/** The newest decision record of the deployment gate, as the log holds it. */
function deploymentDecisionId(): string {
  const ids = decisionFiles()
    .filter(([, text]) => text.includes('environment: production'))
    .map(([, text]) => /^id: ([0-9a-f]{24})$/m.exec(text)?.[1]);
  const id = ids.at(-1);
  if (id === undefined) throw new Error('no decision of the deployment gate');
  return id;
}

/** A run of the deploy workflow for `sha` waits for production (Gatehouse's rule), created by the author. */
function waitFor(sha: string, runId = 501): SimulatedDeployment {
  return deploys.waitFor({
    runId,
    environment: PROD,
    sha,
    ref: 'drop-status',
    creator: users.author,
    ruleAppId: APP.id,
  });
}

async function openApproved() {
  const pr = await scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: '## Rollback plan\n\nRestore it from the nightly snapshot.',
    files: { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' },
    branch: 'drop-status',
  });
  await scene.users.comment(pr.number, users.alice, '/approve');
  return pr;
}

describe('a deployment Gatehouse approved', () => {
  it('that ran and succeeded is recorded once, next to its decision: started, completed, status, links, who created it, the approved commit', async () => {
    const pr = await openApproved();
    const deployment = waitFor(pr.headSha);
    expect((await deploys.requested(deployment)).status).toBe(200);
    expect(deploys.decisions().map((answer) => answer.body.state)).toEqual(['approved']);
    const decisionsBefore = decisionFiles();
    const decision = deploymentDecisionId();

    // The statuses' times are held still while each is written, so they are exactly these.
    scene.sim.advance(60_000);
    const startedAt = scene.sim.clock;
    scene.sim.fixedClock = startedAt;
    const started = await countRequests(() => statuses.start(deployment));
    expect(started.result.status).toBe(200);
    // An in_progress status ends nothing: not a request.
    expect(started.requests).toEqual([]);
    expect(executions()).toEqual([]);
    const completedAt = new Date(Date.parse(startedAt) + 120_000).toISOString();
    scene.sim.fixedClock = completedAt;
    const finished = await countRequests(() => statuses.finish(deployment, 'success')).finally(() => {
      scene.sim.fixedClock = undefined;
      scene.sim.advance(120_000);
    });
    expect(finished.result.status).toBe(200);
    // docs/app.md, API budget: the deployment, its statuses, the workflow run they name, the
    // repository, the log's commits, the gate's check runs, the decision record at its anchor, and
    // the record written in one contents-API write (GitHub refuses it if the record exists: no read
    // first). The rule and the policy are what the App read when it answered the deployment: 304s,
    // which do not count.
    expect(
      finished.requests.map((request) => request.replace(/\/[0-9a-f]{24,40}(?=[./]|$)|\/\d+(?=\/|$)/g, '/…')),
    ).toEqual([
      'GET /repos/acme/shop/deployments/…',
      'GET /repos/acme/shop/deployments/…/statuses',
      'GET /repos/acme/shop/actions/runs/…',
      'GET /repos/acme/shop',
      'GET /repos/acme/shop/commits',
      'GET /repos/acme/shop/commits/…/check-runs',
      'GET /repos/acme/shop/contents/decisions/…/…/….md',
      'PUT /repos/acme/shop/contents/decisions/…/…/….execution.md',
    ]);

    const written = executions();
    expect(written).toHaveLength(1);
    const [{ path, record } = { path: '', record: undefined }] = written;
    expect(path).toMatch(new RegExp(`^decisions/\\d{4}/\\d\\d/${record?.id}\\.execution\\.md$`));
    expect(record).toEqual({
      schema: 1,
      kind: 'execution',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      repository: 'acme/shop',
      subject: { environment: PROD, sha: pr.headSha, ref: 'drop-status' },
      execution: {
        type: 'deployment',
        deployment: deployment.id,
        status: 'success',
        by: { id: users.author.id, login: users.author.login },
        started_at: startedAt,
        at: completedAt,
        origin: 'workflow_run',
      },
      decision: { id: decision, decision: 'approved', sha: pr.headSha },
      approved: true,
      links: {
        deployment: `https://api.github.com/repos/acme/shop/deployments/${deployment.id}`,
        log: statuses.logUrl(deployment),
        workflow_run: 'https://github.com/acme/shop/actions/runs/501',
      },
    } satisfies DeploymentExecutionRecord);
    // The decisions are as they were: an execution record is a file of its own.
    expect(decisionFiles()).toEqual(decisionsBefore);

    // A redelivery, and the `inactive` GitHub posts when a newer deployment replaces it: nothing new.
    expect((await statuses.deliver(deployment)).status).toBe(200);
    expect((await statuses.finish(deployment, 'inactive')).status).toBe(200);
    expect(executions()).toHaveLength(1);

    const report = await auditJson();
    expect(report.findings.filter((finding) => finding.code.endsWith('_unapproved'))).toEqual([]);
    expect(report.executions).toMatchObject({
      records: 1,
      byType: { merge: 0, deployment: 1, request: 0 },
      ranWithoutApproval: [],
    });
    // The pull request's own gate passed too, and no merge is recorded: not asked of this log.
    expect(report.executions.approvedNeverRan).toEqual([]);
    const table = await audit([]);
    expect(table.stdout).toContain(
      'Everything recorded as run (0 merges, 1 deployment, 0 agent requests) was the commit its gate passed.',
    );
  });

  it('rejected, it never started: GitHub ends it with failure, and nothing is recorded as run', async () => {
    const pr = await scene.users.openPullRequest({
      by: users.author,
      title: 'Drop the legacy orders.status column',
      body: '## Rollback plan\n\nRestore it from the nightly snapshot.',
      files: { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' },
      branch: 'drop-status',
    });
    const deployment = waitFor(pr.headSha);
    await deploys.requested(deployment);
    await scene.users.comment(pr.number, users.alice, '/reject the snapshot is a week old');
    expect(deployment.statuses.map((status) => status.state)).toEqual(['waiting', 'failure']);
    expect((await statuses.deliver(deployment)).status).toBe(200);
    expect(executions()).toEqual([]);
  });
});

describe('a deployment that ran without an approval', () => {
  it('is recorded as such, and the audit finds deployed_unapproved naming the commit that was approved', async () => {
    const pr = await openApproved();
    const approved = waitFor(pr.headSha);
    await deploys.requested(approved);
    await statuses.start(approved);
    await statuses.finish(approved, 'success');
    // A later commit's deployment still waits for Gatehouse when an admin bypasses the rule.
    const other = 'e'.repeat(40);
    scene.sim.advance(600_000);
    const bypassed = waitFor(other, 502);
    await statuses.start(bypassed);
    const finished = await statuses.finish(bypassed, 'failure');
    expect(finished.status, finished.body).toBe(200);

    const records = executions().map(({ record }) => record);
    expect(records.map((record) => [record.subject.sha, record.approved, record.decision?.decision])).toEqual(
      expect.arrayContaining([
        [pr.headSha, true, 'approved'],
        [other, false, undefined],
      ]),
    );
    const report = await auditJson();
    const found = report.findings.filter((finding) => finding.code === 'deployed_unapproved');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(`deployment ${bypassed.id} of eeeeeeeeeeee to production (failure)`);
    expect(report.executions.ranWithoutApproval).toEqual([
      expect.objectContaining({
        type: 'deployment',
        environment: PROD,
        sha: other,
        status: 'failure',
        ran_by: users.author.login,
        approved_sha: pr.headSha,
      }),
    ]);
    const table = (await audit([])).stdout;
    expect(table).toContain(
      `| \`production (failure)\` | \`eeeeeeeeeeee\` | \`${users.author.login}\` | ${report.executions.ranWithoutApproval[0]?.ran_at} | \`${pr.headSha.slice(0, 12)}\` |`,
    );
  });
});

describe('a deployment Gatehouse does not gate', () => {
  it('of an environment without its rule writes nothing, and an approved one that never ran is what was approved and never ran', async () => {
    const pr = await openApproved();
    const ran = waitFor(pr.headSha);
    await deploys.requested(ran);
    await statuses.start(ran);
    await statuses.finish(ran, 'success');
    const staging = deploys.waitFor({
      runId: 503,
      environment: 'staging',
      sha: pr.headSha,
      creator: users.author,
      ruleAppId: 99,
    });
    await statuses.start(staging);
    await statuses.finish(staging, 'success');
    expect(executions().map(({ record }) => record.subject)).toEqual([
      { environment: PROD, sha: pr.headSha, ref: 'drop-status' },
    ]);
    // Another commit approved for production whose deployment never started.
    scene.sim.advance(60_000);
    const pending = waitFor('f'.repeat(40), 504);
    await deploys.requested(pending);
    const issue = [...scene.sim.state.issues.values()].at(-1);
    await scene.users.comment(Number(issue?.number), users.bob, '/approve');
    expect(deploys.decisions().map((answer) => answer.runId)).toEqual([501, 504]);
    const report = await auditJson();
    expect(report.executions.approvedNeverRan).toEqual([
      expect.objectContaining({
        type: 'deployment',
        environment: PROD,
        sha: 'f'.repeat(40),
        decision: 'approved',
      }),
    ]);
  });
});

/** `by` calls GitHub's REST API with a token of their own (write access), as anyone with one can. */
async function callAs(
  by: Actor,
  method: 'POST',
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const token = scene.sim.app?.issuePersonalToken(by, 'write') ?? '';
  const response = await fetch(`${scene.sim.url}/api/v3/repos/acme/shop${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

describe('a deployment or status that is not the runner’s (docs/security.md)', () => {
  beforeEach(() => {
    scene.sim.setPermission(users.mallory.login, 'write');
  });

  it('a deployment of the approved commit created through the REST API, with its success, is recorded as not approved and found by the audit', async () => {
    const pr = await openApproved();
    const genuine = waitFor(pr.headSha);
    await deploys.requested(genuine);
    expect(deploys.decisions().map((answer) => answer.body.state)).toEqual(['approved']);
    scene.sim.advance(60_000);

    const created = await callAs(users.mallory, 'POST', '/deployments', {
      ref: pr.headSha,
      environment: PROD,
    });
    const forged = deploys.deployments.find((deployment) => deployment.id === created.id);
    if (forged === undefined) throw new Error('the simulator did not keep the deployment');
    await callAs(users.mallory, 'POST', `/deployments/${forged.id}/statuses`, {
      state: 'success',
      log_url: 'https://github.com/acme/shop/actions/runs/501/job/1',
    });
    expect((await statuses.deliver(forged)).status).toBe(200);

    const records = executions().map(({ record }) => record);
    expect(records).toEqual([
      expect.objectContaining({
        subject: { environment: PROD, sha: pr.headSha, ref: pr.headSha },
        execution: expect.objectContaining({
          deployment: forged.id,
          status: 'success',
          by: { id: users.mallory.id, login: users.mallory.login },
          origin: 'api',
        }),
        approved: false,
        links: { deployment: `https://api.github.com/repos/acme/shop/deployments/${forged.id}` },
      }),
    ]);
    expect(records[0]?.decision).toBeUndefined();
    const report = await auditJson();
    const found = report.findings.filter((finding) => finding.code === 'deployed_unapproved');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(
      `deployment ${forged.id} of ${pr.headSha.slice(0, 12)} to production`,
    );
    expect(found[0]?.message).toContain('created through the API');
    expect(report.executions.ranWithoutApproval).toEqual([
      expect.objectContaining({ type: 'deployment', sha: pr.headSha, ran_by: users.mallory.login }),
    ]);
  });

  it('a success posted by someone else on a genuine deployment is ignored; the runner’s own end is recorded, approved', async () => {
    const pr = await openApproved();
    const deployment = waitFor(pr.headSha);
    await deploys.requested(deployment);
    scene.sim.advance(60_000);
    await statuses.start(deployment);
    const startedAt = deployment.statuses.at(-1)?.created_at;
    scene.sim.advance(30_000);
    await callAs(users.mallory, 'POST', `/deployments/${deployment.id}/statuses`, {
      state: 'success',
      log_url: statuses.logUrl(deployment),
    });
    expect((await statuses.deliver(deployment)).status).toBe(200);
    expect(executions()).toEqual([]);

    scene.sim.advance(90_000);
    await statuses.finish(deployment, 'failure');
    const endedAt = deployment.statuses.at(-1)?.created_at;
    const records = executions().map(({ record }) => record);
    expect(records).toEqual([
      expect.objectContaining({
        execution: expect.objectContaining({
          deployment: deployment.id,
          status: 'failure',
          by: { id: users.author.id, login: users.author.login },
          started_at: startedAt,
          at: endedAt,
          origin: 'workflow_run',
        }),
        approved: true,
        links: expect.objectContaining({ workflow_run: 'https://github.com/acme/shop/actions/runs/501' }),
      }),
    ]);
  });
});
