// A push to the default branch that changes the policy, through the real App against the GitHub
// simulator: its `environments:` are applied to GitHub when the App may change environments, and
// otherwise a check run on the pushed commit says what would change and which command applies
// it. Assertions are on the environment GitHub ends up holding and the check run on the commit,
// with the requests the push cost as budgets next to them.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedEnvironments } from '../simulator/environments.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, type SceneOptions, startAppScene } from './app-on-simulator.ts';

type Json = Record<string, unknown>;

const POLICY = 'environments:\n  staging: { wait_timer: 5 }\n';

let scene: AppScene | undefined;
afterEach(async () => {
  await scene?.stop();
  scene = undefined;
});

/**
 * The App installed (with `options`), and staging as an administrator set it up: alice must
 * approve, only protected branches deploy, no wait timer. The policy below manages only the timer.
 */
async function startScene(options: SceneOptions = {}) {
  scene = await startAppScene(options);
  const environments = new SimulatedEnvironments();
  scene.sim.extend(environments.router);
  environments.set('staging', {
    reviewers: [{ type: 'User', id: users.alice.id }],
    branchPolicy: { protected_branches: true, custom_branch_policies: false },
  });
  scene.sim.setPermission(users.dave.login, 'admin');
  return { ...scene, environments };
}

/** dave pushes the policy to main; returns the commit and the requests its delivery cost. */
async function pushPolicy(current: AppScene, policy = POLICY) {
  const before = current.sim.requests.length;
  const commit = await current.users.commit(
    users.dave,
    'main',
    { '.github/gatehouse.yml': policy },
    'Manage the environments',
  );
  expect(commit.delivery.status).toBe(200);
  const requests = current.sim.requests
    .slice(before)
    .map((request) => `${request.status} ${request.method} ${request.path}`);
  return { sha: commit.sha, requests };
}

/** The App's `gatehouse environments` runs on `sha`. */
function syncRunsOn(current: AppScene, sha: string): Json[] {
  return current.sim.state.checkRuns.filter(
    (run) =>
      run.head_sha === sha &&
      run.name === 'gatehouse environments' &&
      (run.app as { id: number }).id === APP.id,
  );
}

describe('a push that changes the policy on the default branch', () => {
  it('applies the environments when the App may change them, and says so on the commit', async () => {
    const { environments, ...current } = await startScene({ extraPermissions: { administration: 'write' } });

    const { sha, requests } = await pushPolicy(current);

    // The wait timer is GitHub's now; what the policy leaves out (reviewers, branches) is kept.
    expect(environments.environments.get('staging')).toMatchObject({
      waitTimer: 5,
      preventSelfReview: false,
      reviewers: [{ type: 'User', id: users.alice.id }],
      branchPolicy: { protected_branches: true, custom_branch_policies: false },
    });
    const put = current.sim.requests.find((request) => request.method === 'PUT');
    expect(put?.body).toEqual({
      wait_timer: 5,
      prevent_self_review: false,
      reviewers: [{ type: 'User', id: users.alice.id }],
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
    });
    const runs = syncRunsOn(current, sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Environments synced with the policy' },
    });
    expect(String((runs[0]?.output as Json | undefined)?.summary)).toContain('~ staging: wait_timer 0 → 5');
    // The first delivery: the App's identity and token, then the policy at the pushed commit,
    // staging as GitHub has it, the one PUT, and the check run (looked for, then created).
    expect(requests).toEqual([
      '200 GET /app',
      `201 POST /app/installations/${APP.installationId}/access_tokens`,
      `200 GET /users/${APP.slug}[bot]`,
      '200 GET /repos/acme/shop/contents/.github/gatehouse.yml',
      '200 GET /repos/acme/shop/environments/staging',
      '200 PUT /repos/acme/shop/environments/staging',
      `200 GET /repos/acme/shop/commits/${sha}/check-runs`,
      '201 POST /repos/acme/shop/check-runs',
    ]);
  });

  it("creates an environment the policy names: its reviewers, branches, and Gatehouse's App as its protection rule", async () => {
    const { environments, ...current } = await startScene({ extraPermissions: { administration: 'write' } });
    // docs/environment-sync.md's example, with people for teams.
    const policy = [
      'reviewers:',
      '  platform: [alice]',
      '  release: [bob]',
      'rules:',
      '  - name: deploys',
      '    if: { environments: ["prod*"] }',
      '    reviewers: [release]',
      'environments:',
      '  production: { reviewers: [platform], prevent_self_review: true, wait_timer: 5, branches: [main], gate: true }',
      '',
    ].join('\n');

    const { sha, requests } = await pushPolicy(current, policy);

    expect(environments.environments.get('production')).toMatchObject({
      waitTimer: 5,
      preventSelfReview: true,
      reviewers: [
        { type: 'User', id: users.alice.id },
        { type: 'User', id: users.bob.id },
      ],
      branchPolicy: { protected_branches: false, custom_branch_policies: true },
      branchPolicies: [{ name: 'main', type: 'branch' }],
      protectionRules: [{ app: { id: APP.id, slug: APP.slug } }],
    });
    const [run, ...more] = syncRunsOn(current, sha);
    expect(more).toEqual([]);
    expect(run).toMatchObject({
      conclusion: 'success',
      output: { title: 'Environments synced with the policy' },
    });
    const summary = String((run?.output as Json | undefined)?.summary);
    expect(summary).toContain('+ production: create environment');
    expect(summary).toContain('+ production: deployment branch main');
    expect(summary).toContain('+ production: custom protection rule');
    // The policy, both people, the environment (404: not there yet), the PUT that creates it,
    // the branch policy and the protection rule, the check run; after the App's identity.
    expect(requests.slice(3)).toEqual([
      '200 GET /repos/acme/shop/contents/.github/gatehouse.yml',
      '200 GET /users/alice',
      '200 GET /users/bob',
      '404 GET /repos/acme/shop/environments/production',
      '200 PUT /repos/acme/shop/environments/production',
      '200 POST /repos/acme/shop/environments/production/deployment-branch-policies',
      '201 POST /repos/acme/shop/environments/production/deployment_protection_rules',
      `200 GET /repos/acme/shop/commits/${sha}/check-runs`,
      '201 POST /repos/acme/shop/check-runs',
    ]);
  });

  it('without the Administration permission applies nothing and says on the commit what to run', async () => {
    const { environments, ...current } = await startScene();

    const { sha, requests } = await pushPolicy(current);

    expect(environments.environments.get('staging')).toMatchObject({ waitTimer: 0 });
    const runs = syncRunsOn(current, sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      output: { title: 'Environments not synced: run gatehouse sync-environments' },
    });
    const summary = String((runs[0]?.output as Json | undefined)?.summary);
    expect(summary).toContain('Administration');
    expect(summary).toContain(`gatehouse sync-environments --repo acme/shop --app ${APP.id}`);
    expect(summary).toContain('~ staging: wait_timer 0 → 5');
    // GitHub refused the change (403 for a token without Administration): nothing else was tried.
    expect(requests.filter((request) => /^4/.test(request))).toEqual([
      '403 PUT /repos/acme/shop/environments/staging',
    ]);
    expect(requests).toHaveLength(8);
  });
});
