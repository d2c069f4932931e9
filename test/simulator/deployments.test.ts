// The deployment protection rule's answer route as GitHub serves it to an installed App: it needs
// a token with `deployments: write` (a token narrowed to `checks: write` is refused), takes one
// answer per run and environment (a second gets 422), and a rejection fails the run and its
// deployment. Plain fetch, as a client sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAppKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { TEST_BOT as BOT, callSimulator, createJwt as signJwt, TEST_APP } from './client-side.ts';
import { SimulatedDeployments } from './deployments.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';
import { WebhookSender } from './webhooks.ts';

const APP_ID = TEST_APP.id;
const INSTALLATION_ID = TEST_APP.installationId;
const SHA = 'd00d000000000000000000000000000000000003';

const key = generateAppKey();
const createJwt = () => signJwt(key);

let sim: GitHubSimulator;
let deploys: SimulatedDeployments;

async function call(method: string, path: string, credential: string, body?: unknown) {
  const { status, data, empty } = await callSimulator(sim, method, `/api/v3${path}`, credential, body);
  return { status, data: empty ? null : (data as unknown) };
}

async function mint(permissions: Record<string, string>): Promise<string> {
  const answer = await call('POST', `/app/installations/${INSTALLATION_ID}/access_tokens`, createJwt(), {
    repositories: ['shop'],
    permissions,
  });
  expect(answer.status).toBe(201);
  return String((answer.data as { token: string }).token);
}

beforeAll(async () => {
  sim = await startGitHubSimulator();
  sim.installApp({
    id: APP_ID,
    slug: 'gatehouse',
    name: 'Gatehouse',
    privateKey: key,
    installationId: INSTALLATION_ID,
    permissions: { deployments: 'write', checks: 'write', actions: 'read' },
    events: ['deployment_protection_rule'],
    bot: BOT,
  });
  deploys = new SimulatedDeployments(
    sim,
    new WebhookSender(sim, { url: 'http://127.0.0.1:9/', secret: 's' }),
  );
});

afterAll(async () => {
  await sim.close();
  sim.violations.splice(
    0,
    sim.violations.length,
    ...sim.violations.filter((violation) => !/deployment_protection_rule 422: not a status/.test(violation)),
  );
  sim.assertFaithful();
});

const ANSWER = (runId: number) => `/repos/acme/shop/actions/runs/${runId}/deployment_protection_rule`;

describe('the answer to a deployment protection rule', () => {
  it('needs deployments: write: a token narrowed to checks is refused, one narrowed to deployments is taken once', async () => {
    const deployment = deploys.waitFor({
      runId: 601,
      environment: 'production',
      sha: SHA,
      creator: users.bob,
      ruleAppId: APP_ID,
    });
    const checksOnly = await mint({ checks: 'write' });
    const answer = { environment_name: 'production', state: 'approved', comment: 'ok' };
    expect((await call('POST', ANSWER(601), checksOnly, answer)).status).toBe(403);
    const deploymentsOnly = await mint({ deployments: 'write' });
    expect((await call('POST', ANSWER(601), deploymentsOnly, answer)).status).toBe(204);
    // GitHub takes one answer per run and environment.
    expect((await call('POST', ANSWER(601), deploymentsOnly, answer)).status).toBe(422);
    expect(deploys.answers.map((entry) => [entry.status, entry.tokenPermissions])).toEqual([
      [204, { deployments: 'write', metadata: 'read' }],
      [422, { deployments: 'write', metadata: 'read' }],
    ]);
    expect(deploys.workflowRun(601)).toMatchObject({ status: 'in_progress' });
    expect(deployment.statuses.map((status) => status.state)).toEqual(['waiting', 'queued']);
    // The App's other reads: the run's pending deployments (none left) and its deployment's creator.
    const full = await mint({ actions: 'read', deployments: 'write' });
    expect(await call('GET', '/repos/acme/shop/actions/runs/601/pending_deployments', full)).toEqual({
      status: 200,
      data: [],
    });
    const listed = await call('GET', `/repos/acme/shop/deployments?sha=${SHA}&environment=production`, full);
    expect(listed.data).toMatchObject([{ id: deployment.id, creator: { login: 'bob' } }]);
  });

  it('a rejection fails the run and its deployment; a status report without a state leaves it waiting', async () => {
    const deployment = deploys.waitFor({
      runId: 602,
      environment: 'staging area',
      sha: SHA,
      creator: users.bob,
      ruleAppId: APP_ID,
    });
    const token = await mint({ deployments: 'write' });
    const path = ANSWER(602);
    expect(
      (await call('POST', path, token, { environment_name: 'staging area', comment: 'waiting' })).status,
    ).toBe(204);
    expect(deploys.workflowRun(602)).toMatchObject({ status: 'waiting' });
    expect(
      (
        await call('POST', path, token, {
          environment_name: 'staging area',
          state: 'rejected',
          comment: 'no',
        })
      ).status,
    ).toBe(204);
    expect(deploys.workflowRun(602)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(deployment.statuses.map((status) => status.state)).toEqual(['waiting', 'failure']);
    // An environment the run does not wait for: 422.
    expect(
      (await call('POST', path, token, { environment_name: 'production', state: 'approved', comment: 'x' }))
        .status,
    ).toBe(422);
  });
});
