// Environment sync against nock (network disabled, every mock asserted used), with GitHub's
// answers built from the examples of its REST description, so field names and shapes are real.
import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/policy.ts';
import type { GitHubClient } from '../../src/github/client.ts';
import { applyEnvironmentSync } from '../../src/github/environment-sync/apply.ts';
import { EnvironmentSyncError } from '../../src/github/environment-sync/errors.ts';
import {
  type BranchPolicySetting,
  createEnvironmentTargets,
  type EnvironmentSyncOptions,
  planEnvironmentSync,
} from '../../src/github/environment-sync/plan.ts';
import { renderEnvironmentSyncPlan } from '../../src/github/environment-sync/render.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { anError, example } from '../support/github-fixtures.ts';

useNock();

type Json = Record<string, unknown>;

const REPOSITORY = { owner: 'acme', repo: 'shop' };
const ENVIRONMENTS = '/repos/acme/shop/environments';
const APP = { id: 4242, slug: 'gatehouse' };
const TEAM_ID = 77;
const people = { alice: 1, bob: 2, carol: 3 } as const;

const POLICY = `
reviewers:
  platform: ["@acme/platform", alice]
  release: [bob]
rules:
  - name: deploys
    if: { environments: ["prod*"] }
    reviewers: [release]
  - name: staging-only
    if: { environments: [staging] }
    reviewers: [platform]
environments:
  production:
    reviewers: [platform]
    prevent_self_review: true
    wait_timer: 5
    branches: [main, "release/*"]
    gate: true
`;

/** The policy and, unless `undeclared`, its `environments:` as written. */
function aPolicy(text: string, undeclared = false) {
  const parsed = parsePolicy(text, { file: '.github/gatehouse.yml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const declared = parsed.document.environments;
  return {
    policy: parsed.policy,
    options: (extra: EnvironmentSyncOptions = {}): EnvironmentSyncOptions => ({
      ...(undeclared || declared === undefined ? {} : { declared }),
      ...extra,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// GitHub's answers.

interface ReviewerShape {
  type: 'User' | 'Team';
  id: number;
  name: string;
}

function aReviewerAccount({ type, id, name }: ReviewerShape): Json {
  const reviewers = (
    (example('GET /repos/{owner}/{repo}/environments/{environment_name}') as Json).protection_rules as Json[]
  ).find((rule) => rule.type === 'required_reviewers')?.reviewers as Json[];
  const sample = reviewers.find((entry) => entry.type === type)?.reviewer as Json;
  if (type === 'User') return { type, reviewer: { ...sample, id, login: name } };
  const [org = '', slug = ''] = name.slice(1).split('/');
  return {
    type,
    reviewer: { ...sample, id, slug, name: slug, html_url: `https://github.com/orgs/${org}/teams/${slug}` },
  };
}

/** GET /repos/{owner}/{repo}/environments/{environment_name}: built-in rules only where set. */
function anEnvironment(
  name: string,
  shape: {
    waitTimer?: number;
    reviewers?: ReviewerShape[];
    preventSelfReview?: boolean;
    branchPolicy?: BranchPolicySetting;
  } = {},
): Json {
  const environment = example('GET /repos/{owner}/{repo}/environments/{environment_name}') as Json;
  const rules: Json[] = [];
  if (shape.waitTimer !== undefined)
    rules.push({ id: 3736, node_id: 'MDQ6R2F0ZTM3MzY=', type: 'wait_timer', wait_timer: shape.waitTimer });
  if (shape.reviewers !== undefined && shape.reviewers.length > 0) {
    rules.push({
      id: 3755,
      node_id: 'MDQ6R2F0ZTM3NTU=',
      type: 'required_reviewers',
      prevent_self_review: shape.preventSelfReview ?? false,
      reviewers: shape.reviewers.map(aReviewerAccount),
    });
  }
  const branchPolicy = shape.branchPolicy ?? null;
  if (branchPolicy !== null) rules.push({ id: 3756, node_id: 'MDQ6R2F0ZTM3NTY=', type: 'branch_policy' });
  return {
    ...environment,
    name,
    url: `https://api.github.com/repos/acme/shop/environments/${encodeURIComponent(name)}`,
    protection_rules: rules,
    deployment_branch_policy: branchPolicy,
  };
}

const SELECTED = { protected_branches: false, custom_branch_policies: true };

function aBranchPolicyList(policies: { id: number; name: string; type?: 'branch' | 'tag' }[]): Json {
  return {
    total_count: policies.length,
    branch_policies: policies.map((policy) => ({
      node_id: 'MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzE=',
      type: 'branch',
      ...policy,
    })),
  };
}

function aProtectionRule(id: number, app: { id: number; slug: string }): Json {
  const rule = example(
    'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
    '201',
  ) as Json;
  return {
    ...rule,
    id,
    app: {
      ...(rule.app as Json),
      id: app.id,
      slug: app.slug,
      integration_url: `https://api.github.com/apps/${app.slug}`,
    },
  };
}

function aProtectionRuleList(rules: Json[]): Json {
  return { total_count: rules.length, custom_deployment_protection_rules: rules };
}

function anAppList(apps: { id: number; slug: string }[]): Json {
  return {
    total_count: apps.length,
    available_custom_deployment_protection_rule_integrations: apps.map((app) => ({
      ...app,
      node_id: 'GHT58kRlcGxveW1lbnRTdTY!bbcy',
      integration_url: `https://api.github.com/apps/${app.slug}`,
    })),
  };
}

function aUserAccount(login: keyof typeof people): Json {
  return {
    ...(example('GET /users/{username}', '200', 'default-response') as Json),
    login,
    id: people[login],
    type: 'User',
  };
}

function aTeam(slug: string, id: number): Json {
  return {
    ...(example('GET /orgs/{org}/teams/{team_slug}') as Json),
    id,
    slug,
    html_url: `https://github.com/orgs/acme/teams/${slug}`,
  };
}

/** The reviewer look-ups of POLICY's production: the team, alice, and bob (from rule deploys). */
function mockReviewers(scope: nock.Scope): nock.Scope {
  return scope
    .get('/orgs/acme/teams/platform')
    .reply(200, aTeam('platform', TEAM_ID))
    .get('/users/alice')
    .reply(200, aUserAccount('alice'))
    .get('/users/bob')
    .reply(200, aUserAccount('bob'));
}

/** Every request the client sends, as `METHOD /path`, to show what was (not) written. */
function recordRequests(client: GitHubClient): string[] {
  const requests: string[] = [];
  client.hook.before('request', (options) => {
    requests.push(`${options.method} ${options.url}`);
  });
  return requests;
}

/** Every request's method and path as sent on the wire, answered or not. */
function recordUrls(client: GitHubClient): string[] {
  const urls: string[] = [];
  const path = (url: string) => url.replace('https://api.github.com', '');
  client.hook.after('request', (response, options) => {
    urls.push(`${options.method} ${path(response.url)}`);
  });
  client.hook.error('request', (error, options) => {
    const url = (error as { request?: { url?: string } }).request?.url ?? '';
    urls.push(`${options.method} ${path(url)}`);
    throw error;
  });
  return urls;
}

const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET '));

// ---------------------------------------------------------------------------------------------

describe('environment sync', () => {
  describe('when the environment does not exist yet', () => {
    it('creates it with every setting, then its branch policies and the gate, found by slug', async () => {
      const { policy, options } = aPolicy(POLICY);
      const put: Json[] = [];
      const posted: Json[] = [];
      const scope = mockReviewers(github())
        .get(`${ENVIRONMENTS}/production`)
        .reply(404, anError('Not Found'))
        .put(`${ENVIRONMENTS}/production`, (body: Json) => put.push(body) > 0)
        .reply(200, anEnvironment('production'))
        .post(`${ENVIRONMENTS}/production/deployment-branch-policies`, (body: Json) => posted.push(body) > 0)
        .times(2)
        .reply(
          200,
          example('POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies'),
        )
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules/apps`)
        .query({ per_page: 100 })
        .reply(200, anAppList([{ id: 1, slug: 'a-custom-app' }, APP]))
        .post(`${ENVIRONMENTS}/production/deployment_protection_rules`, { integration_id: APP.id })
        .reply(201, aProtectionRule(12, APP));
      const client = aTestClient();

      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options({ app: 'gatehouse' }));
      expect(renderEnvironmentSyncPlan(plan)).toMatchInlineSnapshot(`
        "+ production: create environment
        ~ production: wait_timer 0 → 5
        ~ production: prevent_self_review false → true
        + production: required reviewer @acme/platform
        + production: required reviewer alice
        + production: required reviewer bob
        ~ production: deployment branches all → selected
        + production: deployment branch main
        + production: deployment branch release/*
        + production: custom protection rule gatehouse
        "
      `);
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 10, environments: 1 });
      scope.done();
      expect(put).toEqual([
        {
          wait_timer: 5,
          prevent_self_review: true,
          reviewers: [
            { type: 'Team', id: TEAM_ID },
            { type: 'User', id: people.alice },
            { type: 'User', id: people.bob },
          ],
          deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
        },
      ]);
      expect(posted).toEqual([
        { name: 'main', type: 'branch' },
        { name: 'release/*', type: 'branch' },
      ]);
    });
  });

  describe('when GitHub already has what the policy says', () => {
    it('reads, plans nothing and writes nothing', async () => {
      const { policy, options } = aPolicy(POLICY);
      const scope = mockReviewers(github())
        .get(`${ENVIRONMENTS}/production`)
        .reply(
          200,
          anEnvironment('production', {
            waitTimer: 5,
            preventSelfReview: true,
            reviewers: [
              { type: 'User', id: people.bob, name: 'bob' },
              { type: 'Team', id: TEAM_ID, name: '@acme/platform' },
              { type: 'User', id: people.alice, name: 'alice' },
            ],
            branchPolicy: SELECTED,
          }),
        )
        .get(`${ENVIRONMENTS}/production/deployment-branch-policies`)
        .query({ per_page: 100 })
        .reply(
          200,
          aBranchPolicyList([
            { id: 361471, name: 'release/*' },
            { id: 361472, name: 'main' },
          ]),
        )
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(200, aProtectionRuleList([aProtectionRule(12, APP)]));
      const client = aTestClient();
      const requests = recordRequests(client);

      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options({ app: APP.id }));
      expect(renderEnvironmentSyncPlan(plan)).toBe('nothing to change\n');
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 0, environments: 0 });
      scope.done();
      expect(requests).toHaveLength(6);
      expect(writes(requests)).toEqual([]);
    });
  });

  describe('when the required reviewers differ', () => {
    it('adds the team and the rule-derived reviewer, removes the other, and keeps settings the policy leaves out', async () => {
      const { policy, options } = aPolicy(`
reviewers:
  platform: ["@acme/platform", alice]
  release: [bob]
rules:
  - name: deploys
    if: { environments: ["prod*"] }
    reviewers: [release]
environments:
  production: { reviewers: [platform] }
`);
      const put: Json[] = [];
      const scope = mockReviewers(github())
        .get(`${ENVIRONMENTS}/production`)
        .reply(
          200,
          anEnvironment('production', {
            waitTimer: 30,
            preventSelfReview: true,
            reviewers: [
              { type: 'User', id: people.carol, name: 'carol' },
              { type: 'User', id: people.alice, name: 'alice' },
            ],
          }),
        )
        .put(`${ENVIRONMENTS}/production`, (body: Json) => put.push(body) > 0)
        .reply(200, anEnvironment('production'));
      const client = aTestClient();
      const requests = recordRequests(client);

      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options());
      expect(renderEnvironmentSyncPlan(plan)).toMatchInlineSnapshot(`
        "- production: required reviewer carol
        + production: required reviewer @acme/platform
        + production: required reviewer bob
        "
      `);
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 3, environments: 1 });
      scope.done();
      expect(put).toEqual([
        {
          wait_timer: 30,
          prevent_self_review: true,
          reviewers: [
            { type: 'Team', id: TEAM_ID },
            { type: 'User', id: people.alice },
            { type: 'User', id: people.bob },
          ],
          deployment_branch_policy: null,
        },
      ]);
      expect(writes(requests)).toEqual(['PUT /repos/{owner}/{repo}/environments/{environment_name}']);
    });

    it('names a team reviewer GitHub already has by its organization and slug', async () => {
      const { policy, options } = aPolicy(`
reviewers:
  release: [bob]
environments:
  production: { reviewers: [release] }
`);
      const scope = github()
        .get('/users/bob')
        .reply(200, aUserAccount('bob'))
        .get(`${ENVIRONMENTS}/production`)
        .reply(
          200,
          anEnvironment('production', {
            reviewers: [
              { type: 'Team', id: TEAM_ID, name: '@acme/platform' },
              { type: 'User', id: people.bob, name: 'bob' },
            ],
          }),
        );
      const plan = await planEnvironmentSync(aTestClient(), REPOSITORY, policy, options());
      scope.done();
      expect(renderEnvironmentSyncPlan(plan)).toBe('- production: required reviewer @acme/platform\n');
      expect(plan.environments[0]?.settings?.reviewers).toEqual([{ type: 'User', id: people.bob }]);
    });

    it('refuses more than 6 required reviewers, naming the environment and where they come from, before any request', async () => {
      const { policy, options } = aPolicy(`
reviewers:
  platform: [alice, bob, carol, dave]
  release: [erin, frank, Alice, grace]
rules:
  - name: deploys
    if: { environments: ["prod*"] }
    reviewers: [release]
environments:
  production: { reviewers: [platform] }
`);
      const client = aTestClient();
      const requests = recordRequests(client);
      const planned = planEnvironmentSync(client, REPOSITORY, policy, options());
      await expect(planned).rejects.toThrow(EnvironmentSyncError);
      await expect(planned).rejects.toThrow(
        'production: 7 required reviewers (alice, bob, carol, dave, erin, frank, grace) from environments.production.reviewers and rule deploys; GitHub allows at most 6 per environment: name a team instead of its members, or fewer people',
      );
      expect(requests).toEqual([]);
    });

    it('says which login does not exist', async () => {
      const { policy, options } = aPolicy(
        'reviewers: { ops: [ghost] }\nenvironments: { production: { reviewers: [ops] } }\n',
      );
      github().get('/users/ghost').reply(404, anError('Not Found'));
      await expect(planEnvironmentSync(aTestClient(), REPOSITORY, policy, options())).rejects.toThrow(
        "reading user ghost: there is no GitHub account ghost: fix the login in the policy's reviewers",
      );
    });

    it('says which team it cannot see, and the permission that would show it', async () => {
      const { policy, options } = aPolicy(
        'reviewers: { ops: ["@acme/secret"] }\nenvironments: { production: { reviewers: [ops] } }\n',
      );
      github().get('/orgs/acme/teams/secret').reply(404, anError('Not Found'));
      await expect(planEnvironmentSync(aTestClient(), REPOSITORY, policy, options())).rejects.toThrow(
        'reading team @acme/secret: there is no team @acme/secret, or the token cannot see it: the token needs the Members: read organization permission on acme',
      );
    });

    it('refuses an organization as a person', async () => {
      const { policy, options } = aPolicy(
        'reviewers: { ops: [acme] }\nenvironments: { production: { reviewers: [ops] } }\n',
      );
      github()
        .get('/users/acme')
        .reply(200, { ...aUserAccount('alice'), login: 'acme', type: 'Organization' });
      await expect(planEnvironmentSync(aTestClient(), REPOSITORY, policy, options())).rejects.toThrow(
        'acme is an organization, not a person: name a team of it as @acme/team instead',
      );
    });
  });

  describe('branch policies', () => {
    it('adds the missing patterns and removes the others, leaving tag patterns alone', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { branches: [main, "release/*"] }\n');
      const scope = github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production', { branchPolicy: SELECTED }))
        .get(`${ENVIRONMENTS}/production/deployment-branch-policies`)
        .query({ per_page: 100 })
        .reply(
          200,
          aBranchPolicyList([
            { id: 361472, name: 'main' },
            { id: 361480, name: 'hotfix/*' },
            { id: 361481, name: 'v*', type: 'tag' },
          ]),
        )
        .delete(`${ENVIRONMENTS}/production/deployment-branch-policies/361480`)
        .reply(204)
        .post(`${ENVIRONMENTS}/production/deployment-branch-policies`, { name: 'release/*', type: 'branch' })
        .reply(200, {
          id: 361490,
          node_id: 'MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0OTA=',
          name: 'release/*',
          type: 'branch',
        });
      const client = aTestClient();
      const requests = recordRequests(client);

      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options());
      expect(renderEnvironmentSyncPlan(plan)).toBe(
        '- production: deployment branch hotfix/*\n+ production: deployment branch release/*\n',
      );
      expect(plan.environments[0]?.settings).toBeUndefined();
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 2, environments: 1 });
      scope.done();
      expect(writes(requests)).toEqual([
        'DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}',
        'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
      ]);
    });

    it('switches an environment open to every branch, or to protected ones, to selected branches first', async () => {
      const { policy, options } = aPolicy(
        'environments:\n  production: { branches: [main] }\n  staging: { branches: [main] }\n',
      );
      const put: Json[] = [];
      const scope = github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production', { waitTimer: 3 }))
        .get(`${ENVIRONMENTS}/staging`)
        .reply(
          200,
          anEnvironment('staging', {
            branchPolicy: { protected_branches: true, custom_branch_policies: false },
          }),
        )
        .put(`${ENVIRONMENTS}/production`, (body: Json) => put.push(body) > 0)
        .reply(200, anEnvironment('production'))
        .post(`${ENVIRONMENTS}/production/deployment-branch-policies`, { name: 'main', type: 'branch' })
        .reply(
          200,
          example('POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies'),
        )
        .put(`${ENVIRONMENTS}/staging`, (body: Json) => put.push(body) > 0)
        .reply(200, anEnvironment('staging'))
        .post(`${ENVIRONMENTS}/staging/deployment-branch-policies`, { name: 'main', type: 'branch' })
        .reply(
          200,
          example('POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies'),
        );
      const client = aTestClient();
      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options());
      expect(renderEnvironmentSyncPlan(plan)).toMatchInlineSnapshot(`
        "~ production: deployment branches all → selected
        + production: deployment branch main
        ~ staging: deployment branches protected → selected
        + staging: deployment branch main
        "
      `);
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 4, environments: 2 });
      scope.done();
      expect(put).toEqual([
        { wait_timer: 3, prevent_self_review: false, reviewers: [], deployment_branch_policy: SELECTED },
        { wait_timer: 0, prevent_self_review: false, reviewers: [], deployment_branch_policy: SELECTED },
      ]);
    });
  });

  describe('the gate', () => {
    it('enables the App, found by slug among the apps GitHub offers the environment', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { gate: true }\n');
      const other = { id: 5, slug: 'other-check' };
      const scope = github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(200, aProtectionRuleList([aProtectionRule(3, other)]))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules/apps`)
        .query({ per_page: 100 })
        .reply(200, anAppList([other, APP]))
        .post(`${ENVIRONMENTS}/production/deployment_protection_rules`, { integration_id: APP.id })
        .reply(201, aProtectionRule(12, APP));
      const client = aTestClient();
      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options({ app: 'GateHouse' }));
      expect(renderEnvironmentSyncPlan(plan)).toBe(
        '+ production: custom protection rule gatehouse (app 4242)\n',
      );
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 1, environments: 1 });
      scope.done();
    });

    it('says so when the App is not among those GitHub offers', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { gate: true }\n');
      github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(200, aProtectionRuleList([]))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules/apps`)
        .query({ per_page: 100 })
        .reply(200, anAppList([{ id: 5, slug: 'other-check' }]));
      await expect(
        planEnvironmentSync(aTestClient(), REPOSITORY, policy, options({ app: 'gatehouse' })),
      ).rejects.toThrow(
        '--app gatehouse: no such App can protect environment production of acme/shop (available: other-check); install the App on the repository, or pass its numeric id',
      );
    });

    it('disables the App where gate is false, and leaves other apps alone', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { gate: false }\n');
      const scope = github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(
          200,
          aProtectionRuleList([aProtectionRule(3, { id: 5, slug: 'other-check' }), aProtectionRule(12, APP)]),
        )
        .delete(`${ENVIRONMENTS}/production/deployment_protection_rules/12`)
        .reply(204);
      const client = aTestClient();
      const requests = recordRequests(client);
      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options({ app: APP.id }));
      expect(renderEnvironmentSyncPlan(plan)).toBe(
        '- production: custom protection rule gatehouse (app 4242)\n',
      );
      expect(await applyEnvironmentSync(client, REPOSITORY, plan)).toEqual({ applied: 1, environments: 1 });
      scope.done();
      expect(writes(requests)).toEqual([
        'DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}',
      ]);
    });

    it('needs the App to know which rule is its own when gate is false and rules are enabled', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { gate: false }\n');
      github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(200, aProtectionRuleList([aProtectionRule(12, APP)]));
      await expect(planEnvironmentSync(aTestClient(), REPOSITORY, policy, options())).rejects.toThrow(
        "production: gate is false and the environment has custom protection rules (gatehouse): pass --app SLUG|ID to say which of them is Gatehouse's",
      );
    });

    it('needs the App where gate is true, for every such environment, before any request', async () => {
      const { policy, options } = aPolicy(
        'environments:\n  production: { gate: true }\n  "eu west": { gate: true }\n',
      );
      const client = aTestClient();
      const requests = recordRequests(client);
      const error = await planEnvironmentSync(client, REPOSITORY, policy, options()).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(EnvironmentSyncError);
      expect((error as EnvironmentSyncError).problems).toEqual([
        "production: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App",
        `"eu west": gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App`,
      ]);
      expect(requests).toEqual([]);
    });
  });

  describe('environment names', () => {
    it('are URL-encoded exactly in every path: a/b as a%2Fb, ünï code as %C3%BCn%C3%AF%20code', async () => {
      const { policy, options } = aPolicy(
        'environments:\n  a/b: { wait_timer: 1, gate: true }\n  ünï code: { wait_timer: 2 }\n',
      );
      const scope = github()
        .get('/repos/acme/shop/environments/a%2Fb')
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop/environments/%C3%BCn%C3%AF%20code')
        .reply(200, anEnvironment('ünï code'))
        .put('/repos/acme/shop/environments/a%2Fb', { wait_timer: 1 })
        .reply(200, anEnvironment('a/b'))
        .post('/repos/acme/shop/environments/a%2Fb/deployment_protection_rules', { integration_id: APP.id })
        .reply(201, aProtectionRule(12, APP))
        .put('/repos/acme/shop/environments/%C3%BCn%C3%AF%20code', {
          wait_timer: 2,
          prevent_self_review: false,
          reviewers: [],
          deployment_branch_policy: null,
        })
        .reply(200, anEnvironment('ünï code'));
      const client = aTestClient();
      const paths = recordUrls(client);
      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options({ app: APP.id }));
      expect(renderEnvironmentSyncPlan(plan)).toMatchInlineSnapshot(`
        "+ "a/b": create environment
        ~ "a/b": wait_timer 0 → 1
        + "a/b": custom protection rule app 4242
        ~ "ünï code": wait_timer 0 → 2
        "
      `);
      await applyEnvironmentSync(client, REPOSITORY, plan);
      scope.done();
      expect(paths).toEqual([
        'GET /repos/acme/shop/environments/a%2Fb',
        'GET /repos/acme/shop/environments/%C3%BCn%C3%AF%20code',
        'PUT /repos/acme/shop/environments/a%2Fb',
        'POST /repos/acme/shop/environments/a%2Fb/deployment_protection_rules',
        'PUT /repos/acme/shop/environments/%C3%BCn%C3%AF%20code',
      ]);
    });
  });

  describe('when GitHub refuses', () => {
    it('names the permission the token lacks, with what GitHub asks for', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { wait_timer: 5 }\n');
      github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(403, anError('Resource not accessible by personal access token'), {
          'x-accepted-github-permissions': 'administration=read',
        });
      await expect(planEnvironmentSync(aTestClient(), REPOSITORY, policy, options())).rejects.toThrow(
        'reading environment production of acme/shop: GitHub denied it (HTTP 403: Resource not accessible by personal access token): the token needs the Administration repository permission (read to plan, write to apply) (GitHub asks for administration=read)',
      );
    });

    it('says what was applied before a write was refused, so a second run finishes', async () => {
      const { policy, options } = aPolicy(
        'environments:\n  production: { wait_timer: 5 }\n  staging: { wait_timer: 1 }\n',
      );
      const scope = github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/staging`)
        .reply(200, anEnvironment('staging'))
        .put(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production', { waitTimer: 5 }))
        .put(`${ENVIRONMENTS}/staging`)
        .reply(404, anError('Not Found'));
      const client = aTestClient();
      const plan = await planEnvironmentSync(client, REPOSITORY, policy, options());
      const error = await applyEnvironmentSync(client, REPOSITORY, plan).catch((caught: unknown) => caught);
      scope.done();
      expect((error as EnvironmentSyncError).problems).toEqual([
        'updating environment staging: GitHub denied it (HTTP 404: Not Found): the token needs the Administration repository permission with write access (a classic token: the repo scope, and admin on the repository)',
        '1 of 2 changes were applied before this; run the sync again to finish',
      ]);
    });

    it('says when the token itself is refused, and passes other failures on in one line', async () => {
      const { policy, options } = aPolicy('environments:\n  production: { gate: true }\n');
      github().get(`${ENVIRONMENTS}/production`).reply(401, anError('Bad credentials'));
      await expect(
        planEnvironmentSync(aTestClient(), REPOSITORY, policy, options({ app: 1 })),
      ).rejects.toThrow(
        'reading environment production of acme/shop: GitHub refused the token (401): set GITHUB_TOKEN to a valid token',
      );
      github()
        .get(`${ENVIRONMENTS}/production`)
        .reply(200, anEnvironment('production'))
        .get(`${ENVIRONMENTS}/production/deployment_protection_rules`)
        .reply(422, anError('Unprocessable'));
      await expect(
        planEnvironmentSync(aTestClient(), REPOSITORY, policy, options({ app: 1 })),
      ).rejects.toThrow('reading environment production of acme/shop: HTTP 422: Unprocessable');
    });
  });
});

describe('createEnvironmentTargets', () => {
  it('manages only what the policy writes, as declared', () => {
    const { policy, options } = aPolicy(
      'environments:\n  production: { wait_timer: 0, prevent_self_review: false, gate: false }\n  staging: {}\n',
    );
    expect(createEnvironmentTargets(policy, options())).toEqual({
      targets: [
        { name: 'production', preventSelfReview: false, waitTimer: 0, gate: false },
        { name: 'staging' },
      ],
      problems: [],
    });
  });

  it('without the written document, takes a setting at its default as left out', () => {
    const { policy, options } = aPolicy(
      'environments:\n  production: { wait_timer: 0, prevent_self_review: false, gate: false }\n  staging: { wait_timer: 4, prevent_self_review: true, branches: [main, main] }\n',
      true,
    );
    expect(createEnvironmentTargets(policy, options())).toEqual({
      targets: [
        { name: 'production' },
        { name: 'staging', preventSelfReview: true, waitTimer: 4, branches: ['main'] },
      ],
      problems: [],
    });
  });

  it('takes required reviewers from every rule naming the environment by glob, each entry once', () => {
    const { policy, options } = aPolicy(
      POLICY.replace('\nenvironments:', '\nenvironments:\n  staging: {}\n  prod-eu: {}\n  preview: {}'),
    );
    const { targets } = createEnvironmentTargets(policy, options({ app: 1 }));
    expect(targets.map((target) => [target.name, target.reviewers])).toEqual([
      ['staging', ['@acme/platform', 'alice']],
      ['prod-eu', ['bob']],
      ['preview', undefined],
      ['production', ['@acme/platform', 'alice', 'bob']],
    ]);
  });
});
