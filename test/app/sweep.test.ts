// The periodic sweep through the real App: the installations and repositories come from GitHub as
// the App sees them, and each repository's due gates are recomputed by the shared orchestration.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sweepPullRequestGates } from '../../src/gate/run-pull-request-gate.ts';
import {
  API,
  APP_ID,
  disableNetwork,
  expectInstallationAndIdentity,
  type Harness,
  startHarness,
} from './harness.ts';
import { INSTALLATION_ID, REPOSITORY } from './payloads.ts';

let harness: Harness;
const sweep = vi.fn(sweepPullRequestGates);

beforeAll(async () => {
  disableNetwork();
  harness = await startHarness({ sweepPullRequestGates: sweep });
});
afterAll(() => harness.stop());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every mocked request was made').toEqual([]);
  expect(harness.unmatched).toEqual([]);
});

const SHOP = `/repos/${REPOSITORY.owner}/${REPOSITORY.name}`;

/** The sweep's deployment half of a repository with no approval issue open and no run waiting. */
function nothingElseDue(repository: string): void {
  nock(API)
    .get(`${repository}/issues`)
    .query({ state: 'open', labels: 'gatehouse', sort: 'created', direction: 'asc', per_page: 100 })
    .reply(200, [])
    .get(`${repository}/actions/runs`)
    .query({ status: 'waiting', per_page: 100 })
    .reply(200, { total_count: 0, workflow_runs: [] });
}

describe('a sweep', () => {
  it('recomputes the due gates of every repository of every active installation, skipping archived ones', async () => {
    expectInstallationAndIdentity();
    nock(API)
      .get('/app/installations')
      .query({ per_page: 100 })
      .reply(200, [
        { id: INSTALLATION_ID, account: { login: 'acme' }, suspended_at: null },
        { id: 8, account: { login: 'suspended-org' }, suspended_at: '2026-01-01T00:00:00Z' },
      ])
      .get('/installation/repositories')
      .query({ per_page: 100 })
      .reply(200, {
        total_count: 2,
        repositories: [
          { name: REPOSITORY.name, owner: { login: REPOSITORY.owner }, archived: false },
          { name: 'attic', owner: { login: REPOSITORY.owner }, archived: true },
        ],
      })
      // Open pull requests whose gates have no deadline coming: nothing is due.
      .get(`${SHOP}/pulls`)
      .query({ state: 'open', per_page: 100 })
      .reply(200, [
        { number: 7, head: { sha: 'c0ffee' }, base: { ref: 'main', repo: { default_branch: 'main' } } },
        // A pull request into another base: its gate's check is named for that base.
        {
          number: 8,
          head: { sha: 'c0ffee' },
          base: { ref: 'release/1.x', repo: { default_branch: 'main' } },
        },
      ])
      .get(`${SHOP}/commits/c0ffee/check-runs`)
      .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'latest', per_page: 1 })
      .reply(200, { total_count: 0, check_runs: [] })
      .get(`${SHOP}/commits/c0ffee/check-runs`)
      .query({ check_name: 'gatehouse (into release/1.x)', app_id: APP_ID, filter: 'latest', per_page: 1 })
      .reply(200, { total_count: 0, check_runs: [] });
    // No approval issue is open and no deployment waits.
    nothingElseDue(SHOP);

    const report = await harness.app.sweep?.tick();

    expect(report).toEqual({ installations: 1, repositories: 1, gates: 0, failures: 0 });
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(sweep.mock.calls[0]?.[0].self).toEqual({ appId: APP_ID, botId: 999, botLogin: 'gatehouse[bot]' });
    expect(sweep.mock.calls[0]?.[1]).toEqual({ owner: REPOSITORY.owner, repo: REPOSITORY.name });
  });

  it('goes on past a repository that fails, and counts it', async () => {
    nock(API)
      .get('/app/installations')
      .query({ per_page: 100 })
      .reply(200, [{ id: INSTALLATION_ID, account: { login: 'acme' }, suspended_at: null }])
      .get('/installation/repositories')
      .query({ per_page: 100 })
      .reply(200, {
        total_count: 2,
        repositories: [
          { name: 'broken', owner: { login: REPOSITORY.owner } },
          { name: REPOSITORY.name, owner: { login: REPOSITORY.owner } },
        ],
      })
      .get(`/repos/${REPOSITORY.owner}/broken/pulls`)
      .query(true)
      .reply(404, { message: 'Not Found' })
      .get(`${SHOP}/pulls`)
      .query(true)
      .reply(200, []);
    nothingElseDue(SHOP);

    expect(await harness.app.sweep?.tick()).toEqual({
      installations: 1,
      repositories: 2,
      gates: 0,
      failures: 1,
    });
  });

  it('goes on past an installation whose repositories cannot be listed', async () => {
    nock(API)
      .get('/app/installations')
      .query({ per_page: 100 })
      .reply(200, [
        { id: 9, account: { login: 'gone' }, suspended_at: null },
        { id: INSTALLATION_ID, account: { login: 'acme' }, suspended_at: null },
      ])
      .post('/app/installations/9/access_tokens')
      .reply(404, { message: 'Not Found' })
      .get('/installation/repositories')
      .query({ per_page: 100 })
      .reply(200, { total_count: 0, repositories: [] });

    expect(await harness.app.sweep?.tick()).toEqual({
      installations: 2,
      repositories: 0,
      gates: 0,
      failures: 1,
    });
  });

  it('that cannot list the installations fails as a whole and is logged, leaving the schedule running', async () => {
    nock(API).get('/app/installations').query({ per_page: 100 }).reply(401, { message: 'Bad credentials' });
    expect(await harness.app.sweep?.tick()).toBeUndefined();
  });

  it('reads what did not change since the last sweep as 304s, which cost no rate limit', async () => {
    const etag = { etag: 'W/"same"' };
    const conditional = (value: string | null): boolean => value === 'W/"same"';
    const listings = (scope: nock.Scope, changed: boolean) => {
      const read = (path: string, query: Record<string, string | number>, body: unknown) => {
        const interceptor = scope.get(path).query(query);
        if (changed) interceptor.reply(200, body as nock.Body, etag);
        else interceptor.matchHeader('if-none-match', conditional).reply(304, '');
      };
      read(
        '/installation/repositories',
        { per_page: 100 },
        {
          total_count: 1,
          repositories: [{ name: REPOSITORY.name, owner: { login: REPOSITORY.owner }, archived: false }],
        },
      );
      read(`${SHOP}/pulls`, { state: 'open', per_page: 100 }, []);
      read(
        `${SHOP}/issues`,
        { state: 'open', labels: 'gatehouse', sort: 'created', direction: 'asc', per_page: 100 },
        [],
      );
      read(
        `${SHOP}/actions/runs`,
        { status: 'waiting', per_page: 100 },
        { total_count: 0, workflow_runs: [] },
      );
    };
    const installations = () =>
      nock(API)
        .get('/app/installations')
        .query({ per_page: 100 })
        .reply(200, [{ id: INSTALLATION_ID, account: { login: 'acme' }, suspended_at: null }]);

    installations();
    listings(nock(API), true);
    const first = await harness.app.sweep?.tick();
    installations();
    listings(nock(API), false);
    const second = await harness.app.sweep?.tick();
    // The same answers, from the cache: every read of the repository was a 304.
    expect(second).toEqual(first);
    expect(second).toEqual({ installations: 1, repositories: 1, gates: 0, failures: 0 });
  });
});
