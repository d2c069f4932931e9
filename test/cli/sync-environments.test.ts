// `gatehouse sync-environments`: run in-process against nock (network disabled, every mocked
// request asserted made), with GitHub's answers shaped like the real ones.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { github, useNock } from '../support/github-client.ts';
import { aFile, anError, example } from '../support/github-fixtures.ts';
import { createIo, createTempDir, removeAll } from './repository.ts';

useNock();
afterAll(removeAll);

type Json = Record<string, unknown>;

const TOKEN = 'ghp_sync_test_token';
const CONFIG = '/repos/acme/shop/contents/.github%2Fgatehouse.yml';
const PRODUCTION = '/repos/acme/shop/environments/production';
const APP = { id: 4242, slug: 'gatehouse' };

const POLICY = `reviewers:
  platform: ["@acme/platform", alice]
environments:
  production: { reviewers: [platform], wait_timer: 5, gate: true }
`;

/** Requests nock had no mock for: a write the command should not have made shows up here. */
let unmatched: string[] = [];
const onNoMatch = (request: { method?: string; path?: string; url?: string }) => {
  unmatched.push(`${request.method} ${request.path ?? request.url}`);
};
beforeEach(() => {
  unmatched = [];
  nock.emitter.on('no match', onNoMatch);
});
afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch);
});

async function sync(
  args: string[],
  env: Record<string, string | undefined> = { GITHUB_TOKEN: TOKEN },
  files: Record<string, string> = {},
) {
  const dir = createTempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const io = createIo(dir, env);
  const code = await run(['sync-environments', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

function aRepository(): Json {
  return {
    ...(example('GET /repos/{owner}/{repo}') as Json),
    name: 'shop',
    full_name: 'acme/shop',
    default_branch: 'main',
  };
}

function anEnvironment(waitTimer = 0): Json {
  const environment = example('GET /repos/{owner}/{repo}/environments/{environment_name}') as Json;
  return {
    ...environment,
    name: 'production',
    protection_rules:
      waitTimer > 0
        ? [{ id: 3736, node_id: 'MDQ6R2F0ZTM3MzY=', type: 'wait_timer', wait_timer: waitTimer }]
        : [],
    deployment_branch_policy: null,
  };
}

function aProtectionRuleList(rules: { id: number; app: { id: number; slug: string } }[]): Json {
  return {
    total_count: rules.length,
    custom_deployment_protection_rules: rules.map((rule) => ({
      id: rule.id,
      node_id: 'IEH37kRlcGxveW1lbnRTdGF0ddiv',
      enabled: true,
      app: {
        ...rule.app,
        node_id: 'GHT58kRlcGxveW1lbnRTdTY!bbcy',
        integration_url: `https://api.github.com/apps/${rule.app.slug}`,
      },
    })),
  };
}

/** The repository, its policy on the default branch, the reviewers, and production as it is. */
function mockReads(scope: nock.Scope, policy = POLICY): nock.Scope {
  return scope
    .get('/repos/acme/shop')
    .matchHeader('authorization', `token ${TOKEN}`)
    .reply(200, aRepository())
    .get(CONFIG)
    .query({ ref: 'main' })
    .reply(200, aFile('.github/gatehouse.yml', policy))
    .get('/orgs/acme/teams/platform')
    .reply(200, { ...(example('GET /orgs/{org}/teams/{team_slug}') as Json), id: 77, slug: 'platform' })
    .get('/users/alice')
    .reply(200, {
      ...(example('GET /users/{username}', '200', 'default-response') as Json),
      login: 'alice',
      id: 1,
    })
    .get(PRODUCTION)
    .reply(200, anEnvironment())
    .get(`${PRODUCTION}/deployment_protection_rules`)
    .reply(200, aProtectionRuleList([]))
    .get(`${PRODUCTION}/deployment_protection_rules/apps`)
    .query({ per_page: 100 })
    .reply(200, {
      total_count: 1,
      available_custom_deployment_protection_rule_integrations: [
        {
          ...APP,
          node_id: 'GHT58kRlcGxveW1lbnRTdTY!bbcy',
          integration_url: 'https://api.github.com/apps/gatehouse',
        },
      ],
    });
}

const CHANGES = [
  '~ production: wait_timer 0 → 5',
  '+ production: required reviewer @acme/platform',
  '+ production: required reviewer alice',
  '+ production: custom protection rule gatehouse (app 4242)',
  '',
].join('\n');

describe('gatehouse sync-environments', () => {
  describe('with --dry-run', () => {
    it('prints the exact changes and writes nothing', async () => {
      const scope = mockReads(github());
      const result = await sync(['--repo', 'acme/shop', '--app', 'gatehouse', '--dry-run']);
      scope.done();
      expect(result).toEqual({
        code: 0,
        out: CHANGES,
        err: 'gatehouse: dry run: 4 changes to acme/shop not applied\n',
      });
      expect(unmatched).toEqual([]);
    });

    it('prints the plan as JSON with --format json', async () => {
      const scope = mockReads(github());
      const { code, out } = await sync([
        '--repo',
        'acme/shop',
        '--app',
        'gatehouse',
        '--dry-run',
        '--format',
        'json',
      ]);
      scope.done();
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual({
        repository: 'acme/shop',
        dryRun: true,
        changes: 4,
        environments: [
          {
            name: 'production',
            exists: true,
            changes: [
              { kind: 'wait_timer', from: 0, to: 5 },
              { kind: 'add_reviewer', reviewer: { type: 'Team', id: 77, name: '@acme/platform' } },
              { kind: 'add_reviewer', reviewer: { type: 'User', id: 1, name: 'alice' } },
              { kind: 'enable_protection_rule', app: APP },
            ],
            settings: {
              wait_timer: 5,
              prevent_self_review: false,
              reviewers: [
                { type: 'Team', id: 77 },
                { type: 'User', id: 1 },
              ],
              deployment_branch_policy: null,
            },
          },
        ],
      });
    });
  });

  describe('without --dry-run', () => {
    it('prints the changes, applies them with the exact requests, and says what it did', async () => {
      const scope = mockReads(github())
        .put(PRODUCTION, {
          wait_timer: 5,
          prevent_self_review: false,
          reviewers: [
            { type: 'Team', id: 77 },
            { type: 'User', id: 1 },
          ],
          deployment_branch_policy: null,
        })
        .reply(200, anEnvironment(5))
        .post(`${PRODUCTION}/deployment_protection_rules`, { integration_id: APP.id })
        .reply(
          201,
          example(
            'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
            '201',
          ),
        );
      const result = await sync(['--repo', 'acme/shop', '--app', 'gatehouse'], { GH_TOKEN: TOKEN });
      scope.done();
      expect(result).toEqual({
        code: 0,
        out: CHANGES,
        err: 'gatehouse: applied 4 changes to 1 environment of acme/shop\n',
      });
    });

    it('says there is nothing to change, and writes nothing, when GitHub is up to date', async () => {
      const scope = github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'release' })
        .reply(200, aFile('.github/gatehouse.yml', 'environments:\n  production: { wait_timer: 5 }\n'))
        .get(PRODUCTION)
        .reply(200, anEnvironment(5));
      const result = await sync(['--repo', 'acme/shop', '--ref', 'release']);
      scope.done();
      expect(result).toEqual({ code: 0, out: 'nothing to change\n', err: '' });
      expect(unmatched).toEqual([]);
    });
  });

  describe('with --config FILE', () => {
    it('syncs the local policy, where gate: false disables the App', async () => {
      const scope = github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(PRODUCTION)
        .reply(200, anEnvironment())
        .get(`${PRODUCTION}/deployment_protection_rules`)
        .reply(200, aProtectionRuleList([{ id: 12, app: APP }]))
        .delete(`${PRODUCTION}/deployment_protection_rules/12`)
        .reply(204);
      const result = await sync(
        ['--repo', 'acme/shop', '--config', 'policy.yml', '--app', '4242'],
        undefined,
        {
          'policy.yml': 'environments:\n  production: { gate: false, wait_timer: 0 }\n',
        },
      );
      scope.done();
      expect(result).toEqual({
        code: 0,
        out: '- production: custom protection rule gatehouse (app 4242)\n',
        err: 'gatehouse: applied 1 change to 1 environment of acme/shop\n',
      });
    });

    it('reads the policy its extends: names through the API, as Gatehouse would', async () => {
      const scope = github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get('/repos/acme/.github/contents/.github%2Fgatehouse.yml')
        .reply(200, aFile('.github/gatehouse.yml', 'environments:\n  staging: { wait_timer: 2 }\n'))
        .get('/repos/acme/shop/environments/staging')
        .reply(200, { ...anEnvironment(2), name: 'staging' })
        .get(PRODUCTION)
        .reply(200, anEnvironment(1));
      const result = await sync(['--repo', 'acme/shop', '--config', 'policy.yml', '--dry-run'], undefined, {
        'policy.yml': 'extends: acme/.github\nenvironments:\n  production: { wait_timer: 1 }\n',
      });
      scope.done();
      expect(result).toEqual({ code: 0, out: 'nothing to change\n', err: '' });
    });

    it('fails when the base policy cannot be read', async () => {
      github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get('/repos/acme/.github/contents/.github%2Fgatehouse.yml')
        .reply(404, anError('Not Found'));
      const result = await sync(['--repo', 'acme/shop', '--config', 'policy.yml'], undefined, {
        'policy.yml': 'extends: acme/.github\n',
      });
      expect(result).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: policy.yml: extends: acme/.github:.github/gatehouse.yml: not found\n',
      });
    });
  });

  describe('when the policy is not usable', () => {
    it('prints every problem of an invalid policy, exits 1 and reads no environment', async () => {
      const scope = github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(
          200,
          aFile(
            '.github/gatehouse.yml',
            'environments:\n  production: { prevent_self_review: maybe, wait_timer: -1 }\n',
          ),
        );
      const result = await sync(['--repo', 'acme/shop', '--app', 'gatehouse']);
      scope.done();
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toBe(
        [
          '.github/gatehouse.yml:2:38 environments.production.prevent_self_review: expected true or false, got "maybe"',
          '.github/gatehouse.yml:2:57 environments.production.wait_timer: expected at least 0, got -1',
          'gatehouse: the policy is invalid (2 problems): nothing was synced',
          '',
        ].join('\n'),
      );
    });

    it('says so when the repository has no policy', async () => {
      github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(404, anError('Not Found'));
      expect(await sync(['--repo', 'acme/shop'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: acme/shop has no .github/gatehouse.yml on main: nothing to sync (or pass --config FILE)\n',
      });
    });

    it('says so when the policy cannot be read', async () => {
      github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(403, anError('Resource not accessible by personal access token'));
      expect(await sync(['--repo', 'acme/shop'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: cannot read the policy of acme/shop: .github/gatehouse.yml on main: HTTP 403: Resource not accessible by personal access token\n',
      });
    });

    it('has nothing to do for a policy without environments', async () => {
      github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'mode: ask\n'));
      expect(await sync(['--repo', 'acme/shop'])).toEqual({
        code: 0,
        out: '',
        err: 'gatehouse: acme/shop:.github/gatehouse.yml@main has no environments: nothing to sync\n',
      });
    });

    it('asks for --app where gate is true, before reading any environment', async () => {
      const scope = github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', POLICY));
      const result = await sync(['--repo', 'acme/shop', '--dry-run']);
      scope.done();
      expect(result).toEqual({
        code: 1,
        out: '',
        err: "gatehouse: production: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App\n",
      });
    });
  });

  describe('when GitHub refuses', () => {
    it('names the permission the token lacks, without a stack trace', async () => {
      github()
        .get('/repos/acme/shop')
        .reply(200, aRepository())
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'environments:\n  production: { wait_timer: 5 }\n'))
        .get(PRODUCTION)
        .reply(200, anEnvironment())
        .put(PRODUCTION)
        .reply(403, anError('Must have admin rights to Repository.'), {
          'x-accepted-github-permissions': 'administration=write',
        });
      expect(await sync(['--repo', 'acme/shop'])).toEqual({
        code: 1,
        out: '~ production: wait_timer 0 → 5\n',
        err: [
          'gatehouse: updating environment production: GitHub denied it (HTTP 403: Must have admin rights to Repository.): the token needs the Administration repository permission with write access (a classic token: the repo scope, and admin on the repository) (GitHub asks for administration=write)',
          'gatehouse: 0 of 1 changes were applied before this; run the sync again to finish',
          '',
        ].join('\n'),
      });
    });

    it('tells a missing repository from a refused token', async () => {
      github().get('/repos/acme/shop').reply(404, anError('Not Found'));
      expect(await sync(['--repo', 'acme/shop'])).toMatchObject({
        code: 1,
        err: 'gatehouse: acme/shop: no such repository, or the token cannot read it (GitHub answers 404 for both)\n',
      });
      github().get('/repos/acme/shop').reply(401, anError('Bad credentials'));
      expect(await sync(['--repo', 'acme/shop'])).toMatchObject({
        code: 1,
        err: 'gatehouse: GitHub refused the token (401): set GITHUB_TOKEN to a token that can read acme/shop\n',
      });
      github().get('/repos/acme/shop').reply(451, anError('Repository access blocked'));
      expect(await sync(['--repo', 'acme/shop'])).toMatchObject({
        code: 1,
        err: 'gatehouse: reading acme/shop from GitHub failed: HTTP 451: Repository access blocked\n',
      });
    });

    it('warns while it waits out a secondary rate limit, then gives up in one line', async () => {
      const limited = anError(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      );
      github().get('/repos/acme/shop').times(3).reply(403, limited, { 'retry-after': '1' });
      const { code, err } = await sync(['--repo', 'acme/shop']);
      expect(code).toBe(1);
      expect(err.split('\n')).toEqual([
        'gatehouse: warning: secondary rate limit on GET /repos/{owner}/{repo}: retry 1 of 2 in 1 s',
        'gatehouse: warning: secondary rate limit on GET /repos/{owner}/{repo}: retry 2 of 2 in 1 s',
        'gatehouse: warning: secondary rate limit on GET /repos/{owner}/{repo}: giving up after 2 retries',
        'gatehouse: reading acme/shop from GitHub failed: HTTP 403: You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        '',
      ]);
    });

    it('needs a token', async () => {
      expect(await sync(['--repo', 'acme/shop'], {})).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: sync-environments changes acme/shop through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token with the Administration permission on it (read for --dry-run, write to apply)\n',
      });
    });
  });

  it('talks to GitHub Enterprise Server at GITHUB_API_URL', async () => {
    const scope = nock('https://ghe.example.com/api/v3')
      .get('/repos/acme/shop')
      .reply(200, aRepository())
      .get(CONFIG)
      .query({ ref: 'main' })
      .reply(200, aFile('.github/gatehouse.yml', 'environments:\n  production: { wait_timer: 5 }\n'))
      .get(PRODUCTION)
      .reply(200, anEnvironment(5));
    const result = await sync(['--repo', 'acme/shop'], {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
    });
    scope.done();
    expect(result).toEqual({ code: 0, out: 'nothing to change\n', err: '' });
  });

  describe('usage errors', () => {
    it.each([
      [[], '--repo OWNER/NAME is required: the repository to sync'],
      [['--repo', 'acme'], '--repo must be OWNER/NAME, such as acme/shop, got "acme"'],
      [
        ['--repo', 'acme/shop', '--config', 'p.yml', '--ref', 'main'],
        '--config and --ref exclude each other: read the policy from a file or from a ref',
      ],
      [
        ['--repo', 'acme/shop', '--app', 'not an app'],
        '--app must be the App\'s slug (as in github.com/apps/SLUG) or numeric id, got "not an app"',
      ],
      [['--repo', 'acme/shop', '--format', 'csv'], '--format must be one of md, json, got "csv"'],
      [['--repo', 'acme/shop', 'extra'], 'unexpected argument: extra'],
    ])('%j: %s', async (args, message) => {
      expect(await sync(args)).toEqual({
        code: 2,
        out: '',
        err: `gatehouse sync-environments: ${message}\nusage: gatehouse sync-environments --repo OWNER/NAME [--config FILE] [--ref REF] [--app SLUG|ID] [--dry-run] [--format md|json]\n`,
      });
    });
  });
});
