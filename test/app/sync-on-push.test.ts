// A push to the default branch that changes the policy, through the real App: its `environments:`
// are applied to GitHub when the App may change environments, and otherwise a check run on the
// pushed commit says what would change and which command applies it.
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aCheckRun, aFile, example } from '../support/github-fixtures.ts';
import {
  API,
  APP_ID,
  disableNetwork,
  expectInstallationAndIdentity,
  type Harness,
  startHarness,
} from './harness.ts';
import { examplePayload } from './payloads.ts';

type Json = Record<string, unknown>;

// A fresh App per test: each mints its installation token and reads who it is once.
let harness: Harness;
beforeAll(disableNetwork);
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every mocked request was made').toEqual([]);
  expect(harness.unmatched).toEqual([]);
});

const SHA = 'f'.repeat(40);
const POLICY = 'environments:\n  staging: { wait_timer: 5 }\n';

function aPush(): Json {
  return examplePayload('push', undefined, {
    ref: 'refs/heads/main',
    after: SHA,
    deleted: false,
    repository: { default_branch: 'main' },
    commits: [{ id: SHA, added: [], removed: [], modified: ['.github/gatehouse.yml'] }],
  });
}

/** The policy at the pushed commit, and staging as GitHub has it: no wait timer. */
function policyAndStaging(scope: nock.Scope): nock.Scope {
  const staging = example('GET /repos/{owner}/{repo}/environments/{environment_name}') as Json;
  return scope
    .get('/repos/acme/shop/contents/.github%2Fgatehouse.yml')
    .query({ ref: SHA })
    .reply(200, aFile('.github/gatehouse.yml', POLICY))
    .get('/repos/acme/shop/environments/staging')
    .reply(200, { ...staging, name: 'staging', protection_rules: [], deployment_branch_policy: null });
}

/** The `gatehouse environments` check run the App publishes on the pushed commit. */
function expectCheckRun(scope: nock.Scope, seen: Json[]): nock.Scope {
  return scope
    .get(`/repos/acme/shop/commits/${SHA}/check-runs`)
    .query({ check_name: 'gatehouse environments', app_id: APP_ID, filter: 'all', per_page: 100 })
    .reply(200, { total_count: 0, check_runs: [] })
    .post('/repos/acme/shop/check-runs', (body: Json) => {
      seen.push(body);
      return true;
    })
    .reply(201, aCheckRun({ id: 5, name: 'gatehouse environments', headSha: SHA }));
}

describe('a push that changes the policy on the default branch', () => {
  it('applies the environments when the App may change them, and says so on the commit', async () => {
    expectInstallationAndIdentity();
    const puts: Json[] = [];
    const runs: Json[] = [];
    const scope = policyAndStaging(nock(API))
      .put('/repos/acme/shop/environments/staging', (body: Json) => {
        puts.push(body);
        return true;
      })
      .reply(200, example('PUT /repos/{owner}/{repo}/environments/{environment_name}') as Json);
    expectCheckRun(scope, runs);

    const response = await harness.deliver('push', aPush());

    expect(response.status).toBe(200);
    expect(puts).toEqual([
      { wait_timer: 5, prevent_self_review: false, reviewers: [], deployment_branch_policy: null },
    ]);
    expect(runs[0]).toMatchObject({
      name: 'gatehouse environments',
      head_sha: SHA,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Environments synced with the policy' },
    });
    expect(String((runs[0]?.output as Json | undefined)?.summary)).toContain('~ staging: wait_timer 0 → 5');
  });

  it('without the Administration permission applies nothing and says on the commit what to run', async () => {
    expectInstallationAndIdentity();
    const runs: Json[] = [];
    const scope = policyAndStaging(nock(API))
      .put('/repos/acme/shop/environments/staging')
      .reply(403, { message: 'Resource not accessible by integration' });
    expectCheckRun(scope, runs);

    const response = await harness.deliver('push', aPush());

    expect(response.status).toBe(200);
    expect(runs[0]).toMatchObject({
      name: 'gatehouse environments',
      conclusion: 'neutral',
      output: { title: 'Environments not synced: run gatehouse sync-environments' },
    });
    const summary = String((runs[0]?.output as Json | undefined)?.summary);
    expect(summary).toContain('Administration');
    expect(summary).toContain(`gatehouse sync-environments --repo acme/shop --app ${APP_ID}`);
    expect(summary).toContain('~ staging: wait_timer 0 → 5');
  });
});
