// The clients Probot builds for the App (context.octokit) carry Gatehouse's capped throttle and
// retry handlers, not Probot's own (which retry a primary rate limit three times, a secondary one
// never, and wait however long a reset takes): security cases R1 and R2 hold in the App too.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, disableNetwork, expectInstallationAndIdentity, type Harness, startHarness } from './harness.ts';
import { accounts, examplePayload } from './payloads.ts';

let harness: Harness;

beforeAll(async () => {
  disableNetwork();
  // A gate that reads the pull request with the client the App hands it.
  harness = await startHarness({
    runPullRequestGate: async (env, target) => {
      await env.github.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.number });
      return { policy: 'valid', state: 'pending', requests: 1 };
    },
  });
  expectInstallationAndIdentity();
  nock(API).get('/repos/acme/shop/pulls/7').reply(200, { number: 7 });
  expect((await harness.deliver('issue_comment', comment)).status).toBe(200);
});
afterAll(() => harness.stop());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every mocked request was made').toEqual([]);
  expect(harness.unmatched).toEqual([]);
});

const comment = examplePayload('issue_comment', 'created', {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
  comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body: '/recheck' },
});

function inSeconds(seconds: number): string {
  return String(Math.floor(Date.now() / 1000) + seconds);
}

describe("the App's GitHub client", () => {
  it('retries a secondary rate limit twice, then fails the delivery (R2)', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7')
      .times(3)
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' });
    expect((await harness.deliver('issue_comment', comment)).status).toBe(500);
  });

  it('waits out a primary rate limit that resets soon, at most twice (R1)', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7')
      .times(2)
      .reply(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(1) },
      )
      .get('/repos/acme/shop/pulls/7')
      .reply(200, { number: 7 });
    expect((await harness.deliver('issue_comment', comment)).status).toBe(200);
  });

  it('does not wait for a primary rate limit that resets in an hour: the delivery fails now (R1)', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7')
      .reply(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(3600) },
      );
    expect((await harness.deliver('issue_comment', comment)).status).toBe(500);
  });
});

describe('the App on GitHub Enterprise Server', () => {
  it('sends every request to GHE_HOST under /api/v3', async () => {
    const ghe = 'https://github.acme.test/api/v3';
    const enterprise = await startHarness({
      env: { GHE_HOST: 'github.acme.test' },
      runPullRequestGate: async (env, target) => {
        await env.github.rest.pulls.get({
          owner: target.owner,
          repo: target.repo,
          pull_number: target.number,
        });
        return { policy: 'valid', state: 'pending', requests: 1 };
      },
    });
    try {
      expectInstallationAndIdentity(ghe);
      nock(ghe).get('/repos/acme/shop/pulls/7').reply(200, { number: 7 });
      expect((await enterprise.deliver('issue_comment', comment)).status).toBe(200);
      expect(enterprise.unmatched).toEqual([]);
    } finally {
      await enterprise.stop();
    }
  });
});
