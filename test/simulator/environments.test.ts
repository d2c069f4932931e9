// Environments as GitHub configures them, through the simulator's router: settings read back as
// protection rules, GitHub's validation, branch policies only under custom branch policies, the
// Apps that can protect an environment, and the Administration permission every change needs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateAppKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { TEST_BOT as BOT, callSimulator, createJwt as signJwt, TEST_APP } from './client-side.ts';
import { SimulatedEnvironments } from './environments.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';

const APP_ID = TEST_APP.id;
const INSTALLATION_ID = TEST_APP.installationId;
const STAGING = '/repos/acme/shop/environments/staging';

const key = generateAppKey();
const createJwt = () => signJwt(key);

let sim: GitHubSimulator;
const environments = new SimulatedEnvironments();
let token: string;

type Json = Record<string, unknown>;

async function call(method: string, path: string, body?: unknown, credential = token) {
  const { status, data } = await callSimulator(sim, method, path, credential, body);
  return { status, data: data as Json };
}

async function mint(permissions?: Record<string, string>): Promise<string> {
  const answer = await call(
    'POST',
    `/app/installations/${INSTALLATION_ID}/access_tokens`,
    permissions === undefined ? {} : { permissions },
    createJwt(),
  );
  expect(answer.status).toBe(201);
  return String(answer.data.token);
}

beforeAll(async () => {
  sim = await startGitHubSimulator();
  sim.installApp({
    id: APP_ID,
    slug: 'gatehouse',
    name: 'Gatehouse',
    privateKey: key,
    installationId: INSTALLATION_ID,
    permissions: { actions: 'read', administration: 'write', deployments: 'write' },
    events: ['deployment_protection_rule'],
    bot: BOT,
  });
  sim.extend(environments.router);
  token = await mint();
});
beforeEach(() => environments.environments.clear());
afterAll(async () => {
  await sim.close();
  sim.assertFaithful();
});

describe('an environment', () => {
  it('is created by PUT and read back with its settings as protection rules', async () => {
    const put = await call('PUT', STAGING, {
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [{ type: 'User', id: users.alice.id }],
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
    });
    expect(put.status).toBe(200);
    const { status, data } = await call('GET', STAGING);
    expect(status).toBe(200);
    expect(data).toMatchObject({
      name: 'staging',
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
      protection_rules: [
        { type: 'wait_timer', wait_timer: 5 },
        {
          type: 'required_reviewers',
          prevent_self_review: true,
          reviewers: [{ type: 'User', reviewer: { login: 'alice', id: users.alice.id } }],
        },
        { type: 'branch_policy' },
      ],
    });
    const list = await call('GET', '/repos/acme/shop/environments');
    expect(list.data).toMatchObject({ total_count: 1, environments: [{ name: 'staging' }] });
  });

  it('keeps the settings a PUT leaves out, and lists no built-in rule that is not set', async () => {
    environments.set('staging', { waitTimer: 30 });
    await call('PUT', STAGING, { prevent_self_review: false });
    expect((await call('GET', STAGING)).data.protection_rules).toMatchObject([
      { type: 'wait_timer', wait_timer: 30 },
    ]);
    await call('PUT', STAGING, { wait_timer: 0 });
    expect((await call('GET', STAGING)).data.protection_rules).toEqual([]);
  });

  it('refuses what GitHub refuses, changing nothing', async () => {
    environments.set('staging', { waitTimer: 5 });
    const refused = [
      { deployment_branch_policy: { protected_branches: true, custom_branch_policies: true } },
      { wait_timer: 43_201 },
      { reviewers: Array.from({ length: 7 }, () => ({ type: 'User', id: users.alice.id })) },
      { reviewers: [{ type: 'User', id: 404_404 }] },
    ];
    for (const body of refused) expect((await call('PUT', STAGING, body)).status).toBe(422);
    expect(environments.environments.get('staging')).toMatchObject({ waitTimer: 5, reviewers: [] });
  });

  it('is gone after DELETE', async () => {
    environments.set('staging');
    expect((await call('DELETE', STAGING)).status).toBe(204);
    expect((await call('GET', STAGING)).status).toBe(404);
  });

  it('takes a name with a slash, percent-encoded', async () => {
    expect((await call('PUT', '/repos/acme/shop/environments/prod%2Feu', {})).status).toBe(200);
    expect(environments.environments.has('prod/eu')).toBe(true);
  });
});

describe('deployment branch policies', () => {
  const POLICIES = `${STAGING}/deployment-branch-policies`;

  it('exist only while the environment restricts deployments to name patterns', async () => {
    environments.set('staging');
    expect((await call('POST', POLICIES, { name: 'main' })).status).toBe(404);
    await call('PUT', STAGING, {
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    const created = await call('POST', POLICIES, { name: 'release/*' });
    expect(created).toMatchObject({ status: 200, data: { name: 'release/*', type: 'branch' } });
    expect((await call('POST', POLICIES, { name: 'release/*' })).status).toBe(303);
    expect((await call('GET', POLICIES)).data).toMatchObject({
      total_count: 1,
      branch_policies: [{ name: 'release/*' }],
    });
    expect((await call('DELETE', `${POLICIES}/${String(created.data.id)}`)).status).toBe(204);
    expect((await call('GET', POLICIES)).data).toMatchObject({ total_count: 0 });
  });
});

describe('custom deployment protection rules', () => {
  const RULES = `${STAGING}/deployment_protection_rules`;

  it('offer the installed App that takes deployment_protection_rule, and enable it once', async () => {
    environments.set('staging');
    expect((await call('GET', `${RULES}/apps`)).data).toMatchObject({
      total_count: 1,
      available_custom_deployment_protection_rule_integrations: [{ id: APP_ID, slug: 'gatehouse' }],
    });
    const enabled = await call('POST', RULES, { integration_id: APP_ID });
    expect(enabled).toMatchObject({ status: 201, data: { enabled: true, app: { id: APP_ID } } });
    expect((await call('POST', RULES, { integration_id: 15368 })).status).toBe(404);
    expect((await call('GET', RULES)).data).toMatchObject({
      total_count: 1,
      custom_deployment_protection_rules: [{ app: { slug: 'gatehouse' } }],
    });
    expect((await call('DELETE', `${RULES}/${String(enabled.data.id)}`)).status).toBe(204);
    expect(environments.environments.get('staging')?.protectionRules).toEqual([]);
  });
});

describe('a token without the Administration permission', () => {
  it('reads environments with Actions: read, and is refused every change with a 403', async () => {
    environments.set('staging', { waitTimer: 5 });
    const reader = await mint({ actions: 'read' });
    expect((await call('GET', STAGING, undefined, reader)).status).toBe(200);
    const refused = await call('PUT', STAGING, { wait_timer: 10 }, reader);
    expect(refused).toMatchObject({
      status: 403,
      data: { message: 'Resource not accessible by integration' },
    });
    expect((await call('DELETE', STAGING, undefined, reader)).status).toBe(403);
    expect(
      (await call('POST', `${STAGING}/deployment_protection_rules`, { integration_id: APP_ID }, reader))
        .status,
    ).toBe(403);
    expect(environments.environments.get('staging')).toMatchObject({ waitTimer: 5, protectionRules: [] });
  });

  it('without Actions: read cannot read them either', async () => {
    environments.set('staging');
    const other = await mint({ deployments: 'write' });
    expect((await call('GET', STAGING, undefined, other)).status).toBe(403);
  });
});
