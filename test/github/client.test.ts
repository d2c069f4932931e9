import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createGitHubClient,
  DO_NOT_RETRY,
  type GitHubClient,
  gitHubClientDefaults,
} from '../../src/github/client.ts';
import { NO_RETRY } from '../../src/github/request-error.ts';
import { aLog, aTestClient, github, useNock } from '../support/github-client.ts';
import { anError, aPullRequest } from '../support/github-fixtures.ts';

useNock();

const PULL = '/repos/acme/shop/pulls/7';
const FIXED_NOW = new Date('2026-11-20T12:00:00.000Z');
const nowSeconds = Math.floor(FIXED_NOW.getTime() / 1000);

function readPull(client: GitHubClient) {
  return client.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 7 });
}

const exhausted = (resetIn: number) => ({
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-used': '5000',
  'x-ratelimit-reset': String(nowSeconds + resetIn),
});

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';

describe('the GitHub client factory', () => {
  beforeEach(() => {
    // Only the clock: the plugins' timers run for real, scaled to milliseconds.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('when the primary rate limit is exhausted (R1)', () => {
    it('waits until the reset plus one second, then succeeds', async () => {
      const log = aLog();
      github()
        .get(PULL)
        .reply(403, anError('API rate limit exceeded for installation ID 1.'), exhausted(2))
        .get(PULL)
        .reply(200, aPullRequest());
      const { data } = await readPull(aTestClient({ log }));
      expect(data.number).toBe(7);
      expect(log.messages('warn')).toEqual([
        'rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retry 1 of 2 in 3 s',
      ]);
    });

    it('gives up after two retries, so the failure is visible', async () => {
      const log = aLog();
      github()
        .get(PULL)
        .times(3)
        .reply(403, anError('API rate limit exceeded for installation ID 1.'), exhausted(0));
      await expect(readPull(aTestClient({ log }))).rejects.toMatchObject({ status: 403 });
      expect(log.messages('warn')).toHaveLength(2);
      expect(log.messages('error')).toEqual([
        'rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: giving up after 2 retries',
      ]);
    });

    it('fails at once when the reset is further away than it waits', async () => {
      const log = aLog();
      github()
        .get(PULL)
        .reply(403, anError('API rate limit exceeded for installation ID 1.'), exhausted(3600));
      await expect(readPull(aTestClient({ log }))).rejects.toMatchObject({ status: 403 });
      expect(log.messages('error')).toEqual([
        'rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: it resets in 3601 s, longer than the 600 s Gatehouse waits; giving up',
      ]);
    });
  });

  describe('when a secondary rate limit is hit (R2)', () => {
    it('honours retry-after', async () => {
      const log = aLog();
      github()
        .get(PULL)
        .reply(403, anError(SECONDARY), { 'retry-after': '7' })
        .get(PULL)
        .reply(200, aPullRequest());
      await readPull(aTestClient({ log }));
      expect(log.messages('warn')).toEqual([
        'secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retry 1 of 2 in 7 s',
      ]);
    });

    it('waits 60 s without retry-after, and gives up after the cap, also on 429', async () => {
      const log = aLog();
      github().get(PULL).times(3).reply(429, anError(SECONDARY));
      await expect(readPull(aTestClient({ log }))).rejects.toMatchObject({ status: 429 });
      expect(log.messages('warn')).toEqual([
        'secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retry 1 of 2 in 60 s',
        'secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retry 2 of 2 in 60 s',
      ]);
    });

    it('takes the cap it is given', async () => {
      github().get(PULL).reply(403, anError(SECONDARY), { 'retry-after': '1' });
      const log = aLog();
      await expect(readPull(aTestClient({ retries: 0, log }))).rejects.toMatchObject({ status: 403 });
      expect(log.messages('error')).toEqual([
        'secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: giving up after 0 retries',
      ]);
    });
  });

  describe('when GitHub fails', () => {
    it('retries a server error twice at most', async () => {
      github().get(PULL).times(3).reply(502, anError('Server Error'));
      await expect(readPull(aTestClient())).rejects.toMatchObject({ status: 502 });
    });

    it('succeeds when a retry does', async () => {
      github().get(PULL).reply(504, anError('Gateway Timeout')).get(PULL).reply(200, aPullRequest());
      const { data } = await readPull(aTestClient());
      expect(data.title).toBe('Drop the legacy orders.status column');
    });

    it.each([400, 401, 403, 404, 409, 422])('never retries a %i answer', async (status) => {
      github().get(PULL).reply(status, anError('No.'));
      await expect(readPull(aTestClient())).rejects.toMatchObject({ status });
    });

    it('does not retry a write that asked not to be retried (R3)', async () => {
      github().post('/repos/acme/shop/issues/7/comments').reply(502, anError('Server Error'));
      await expect(
        aTestClient().rest.issues.createComment({
          owner: 'acme',
          repo: 'shop',
          issue_number: 7,
          body: 'x',
          ...NO_RETRY,
        }),
      ).rejects.toMatchObject({ status: 502 });
    });
  });

  it('sends requests through the fetch it is given', async () => {
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      seen.push(
        `${init?.method ?? 'GET'} ${String(input)} ${new Headers(init?.headers).get('authorization')}`,
      );
      return new Response(JSON.stringify(aPullRequest()), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const client = createGitHubClient({ auth: 'ghs_abc', fetch, baseUrl: 'https://ghe.example.com/api/v3' });
    await readPull(client);
    expect(seen).toEqual(['GET https://ghe.example.com/api/v3/repos/acme/shop/pulls/7 token ghs_abc']);
  });

  describe('gitHubClientDefaults', () => {
    it('spaces writes as GitHub asks unless told not to, and never retries client errors', () => {
      const defaults = gitHubClientDefaults();
      expect(defaults.throttle).not.toHaveProperty('write');
      expect(defaults.retry).toEqual({ doNotRetry: DO_NOT_RETRY, retries: 2, retryAfterBaseValue: 1000 });
      expect(defaults).not.toHaveProperty('request');
      expect(gitHubClientDefaults(undefined, { spaceWrites: false }).throttle).toHaveProperty('write');
    });

    it('gives Probot’s own client the same caps', async () => {
      github()
        .get(PULL)
        .times(3)
        .reply(403, anError('API rate limit exceeded for installation ID 1.'), exhausted(0));
      const Octokit = ProbotOctokit.defaults(gitHubClientDefaults(undefined, { retryAfterBaseValue: 1 }));
      const client: GitHubClient = new Octokit({ auth: { token: 'ghs_abc' }, log: aLog() });
      await expect(readPull(client)).rejects.toMatchObject({ status: 403 });
    });
  });
});
