// The simulator's faults through Gatehouse's own client (createGitHubClient: plugin-retry and
// plugin-throttling, two retries), so each test shows what the client does with what GitHub
// answers: server errors retried with backoff, a secondary limit waited out for its retry-after, a
// primary limit until its reset, and a write GitHub applied whose answer was lost. Waits are real
// but tiny (retryAfterBaseValue: 1 ms a second); the simulator's clock moves by what the client
// says it waits, as GitHub's would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientLog, createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { NO_RETRY } from '../../src/github/request-error.ts';
import { type Fault, SECONDARY_MESSAGE } from './faults.ts';
import { type GitHubSimulator, RATE_LIMIT, type RecordedRequest, startGitHubSimulator } from './github.ts';

const repo = { owner: 'acme', repo: 'shop' };
let standIn: GitHubSimulator;
let messages: { level: string; text: string }[];

beforeEach(async () => {
  standIn = await startGitHubSimulator();
  messages = [];
});
afterEach(() => standIn.close());

/** A client whose log records what it says, and whose announced waits move the simulator's clock. */
function aClient(options: { moveClock?: boolean } = {}): GitHubClient {
  const say = (level: string) => (text: string) => {
    messages.push({ level, text });
    const wait = /retry \d+ of \d+ in (\d+) s$/.exec(text);
    if (wait && options.moveClock) standIn.advance(Number(wait[1]) * 1000);
  };
  const log: ClientLog = { debug: () => {}, info: () => {}, warn: say('warn'), error: say('error') };
  return createGitHubClient({
    auth: 'token',
    baseUrl: standIn.url,
    spaceWrites: false,
    retries: 2,
    retryAfterBaseValue: 1,
    log,
  });
}

const said = (level: string) => messages.filter((entry) => entry.level === level).map((entry) => entry.text);
const REPO = { method: 'GET', path: '/repos/acme/shop' };
const ISSUES = { method: 'POST', path: '/repos/acme/shop/issues' };
const outcomes = (requests: RecordedRequest[]) =>
  requests.map((request) => `${request.status}${request.fault === undefined ? '' : ` (${request.fault})`}`);

describe('server errors', () => {
  it.each([500, 502, 503] as const)('a %i is retried, and the retry succeeds', async (status) => {
    standIn.faults.inject(REPO, { kind: 'status', status });
    const { data } = await aClient().rest.repos.get(repo);
    expect(data.default_branch).toBe('main');
    expect(outcomes(standIn.requests)).toEqual([`${status} (status ${status})`, '200']);
  });

  it('three in a row exhaust the two retries: the request fails with the 502', async () => {
    standIn.faults.inject(REPO, { kind: 'status', status: 502 }, { times: 3 });
    await expect(aClient().rest.repos.get(repo)).rejects.toMatchObject({
      status: 502,
      message: 'Server Error',
    });
    expect(standIn.requests.filter((request) => request.fault === 'status 502')).toHaveLength(3);
  });
});

describe('a secondary rate limit', () => {
  it.each([403, 429] as const)(
    '(%i) is waited out for its retry-after, then the request succeeds',
    async (status) => {
      standIn.faults.inject(REPO, { kind: 'secondary', status, retryAfterSeconds: 7 });
      const { data } = await aClient().rest.repos.get(repo);
      expect(data.default_branch).toBe('main');
      expect(outcomes(standIn.requests)).toEqual([`${status} (secondary)`, '200']);
      expect(said('warn')).toEqual([
        'secondary rate limit on GET /repos/{owner}/{repo}: retry 1 of 2 in 7 s',
      ]);
    },
  );

  it('is answered as GitHub answers it: its message, retry-after, and the budget left', async () => {
    standIn.faults.inject(REPO, { kind: 'secondary' });
    const response = await fetch(`${standIn.url}/repos/acme/shop`);
    expect(response.status).toBe(403);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.headers.get('x-ratelimit-remaining')).toBe(String(RATE_LIMIT));
    expect(await response.json()).toMatchObject({ message: SECONDARY_MESSAGE });
  });

  it('on a write that creates something is retried too, although Gatehouse asks for no retries: nothing was written', async () => {
    standIn.faults.inject(ISSUES, { kind: 'secondary', retryAfterSeconds: 1 });
    await aClient().rest.issues.create({ ...repo, title: 'Approve', ...NO_RETRY });
    expect(standIn.state.issues.size).toBe(1);
    expect(outcomes(standIn.requests)).toEqual(['403 (secondary)', '201']);
  });
});

describe('the primary rate limit', () => {
  it('injected (403, remaining 0, a reset 30 s away) is waited for until the reset plus a second', async () => {
    standIn.faults.inject(REPO, { kind: 'primary', resetInMs: 30_000 });
    const { data } = await aClient().rest.repos.get(repo);
    expect(data.default_branch).toBe('main');
    expect(outcomes(standIn.requests)).toEqual(['403 (primary)', '200']);
    // The reset is in whole seconds: 30 s away, less the part of a second already gone.
    expect(said('warn')).toEqual([
      expect.stringMatching(/^rate limit on GET \/repos\/\{owner\}\/\{repo\}: retry 1 of 2 in 3[01] s$/),
    ]);
  });

  it('as a 429 is waited for the same way', async () => {
    standIn.faults.inject(REPO, { kind: 'primary', status: 429, resetInMs: 5_000 });
    await aClient().rest.repos.get(repo);
    expect(outcomes(standIn.requests)).toEqual(['429 (primary)', '200']);
  });

  describe('of the simulator itself, once its budget is spent', () => {
    it('refuses every request but GET /rate_limit until the reset', async () => {
      const client = aClient();
      standIn.setRateLimit({ remaining: 1, resetInMs: 20_000 });
      await client.rest.repos.get(repo);
      const refused = await fetch(`${standIn.url}/repos/acme/shop/issues`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      const { data } = await client.rest.rateLimit.get();
      expect(data.rate).toMatchObject({ remaining: 0, used: RATE_LIMIT });
      expect(Number(refused.headers.get('x-ratelimit-reset'))).toBe(data.rate.reset);
    });

    it('is waited for: the retry after the reset finds a new window', async () => {
      standIn.setRateLimit({ remaining: 0, resetInMs: 20_000 });
      const { data, headers } = await aClient({ moveClock: true }).rest.repos.get(repo);
      expect(data.default_branch).toBe('main');
      expect(outcomes(standIn.requests)).toEqual(['403 (primary)', '200']);
      expect(headers['x-ratelimit-remaining']).toBe(String(RATE_LIMIT - 1));
    });

    it('fails the request when the reset never comes, after two retries, and says so', async () => {
      standIn.setRateLimit({ remaining: 0, resetInMs: 20_000 });
      await expect(aClient().rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
      expect(outcomes(standIn.requests)).toEqual(['403 (primary)', '403 (primary)', '403 (primary)']);
      expect(said('error')).toEqual(['rate limit on GET /repos/{owner}/{repo}: giving up after 2 retries']);
    });

    it('is not waited for when the reset is further away than the client waits (600 s)', async () => {
      standIn.setRateLimit({ remaining: 0, resetInMs: 3_600_000 });
      await expect(aClient().rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
      expect(standIn.requests).toHaveLength(1);
      expect(said('error')).toEqual([
        expect.stringContaining('longer than the 600 s Gatehouse waits; giving up'),
      ]);
    });
  });
});

describe('a write GitHub applies but whose answer is lost', () => {
  const create = (client: GitHubClient, options = {}) =>
    client.rest.issues.create({ ...repo, title: 'Approve', ...options });

  it('creating an issue, retried by the client (502): GitHub creates it twice', async () => {
    standIn.faults.inject(ISSUES, { kind: 'applied', answer: 502 });
    const { data } = await create(aClient());
    expect(outcomes(standIn.requests)).toEqual(['502 (applied, then 502)', '201']);
    expect(standIn.state.issues.size).toBe(2);
    expect([...standIn.state.issues.keys()].at(-1)).toBe(data.number);
  });

  it('creating an issue, with the connection destroyed: the client retries it as a network error, twice created', async () => {
    standIn.faults.inject(ISSUES, { kind: 'applied', answer: 'destroy' });
    await create(aClient());
    expect(outcomes(standIn.requests)).toEqual(['201 (applied, then destroyed)', '201']);
    expect(standIn.state.issues.size).toBe(2);
  });

  it('creating an issue without retries, as Gatehouse creates it: the call fails and one issue exists', async () => {
    standIn.faults.inject(ISSUES, { kind: 'applied', answer: 502 });
    await expect(create(aClient(), NO_RETRY)).rejects.toMatchObject({ status: 502 });
    expect(standIn.state.issues.size).toBe(1);
  });

  it('updating an issue, retried: applied twice, which leaves it as one update would', async () => {
    const number = standIn.addIssue({ title: 'Approve' });
    standIn.faults.inject(
      { method: 'PATCH', path: `/repos/acme/shop/issues/${number}` },
      { kind: 'applied', answer: 502 },
    );
    await aClient().rest.issues.update({ ...repo, issue_number: number, state: 'closed' });
    expect(outcomes(standIn.requests)).toEqual(['502 (applied, then 502)', '200']);
    expect(standIn.state.issues.get(number)).toMatchObject({ state: 'closed' });
  });
});

describe('a delay', () => {
  it('answers late, and answers', async () => {
    standIn.faults.inject(REPO, { kind: 'delay', ms: 20 });
    const { data } = await aClient().rest.repos.get(repo);
    expect(data.default_branch).toBe('main');
    expect(outcomes(standIn.requests)).toEqual(['200 (delay 20ms)']);
  });
});

describe('random faults from a seed', () => {
  const FAULTS: Fault[] = [
    { kind: 'status', status: 502 },
    { kind: 'secondary', retryAfterSeconds: 1 },
  ];

  /** Twenty reads of a fresh simulator under a 30% fault rate: which requests were faulted, which reads failed. */
  async function readUnderFaults(seed: number): Promise<{ faulted: string[]; failed: number }> {
    const simulator = await startGitHubSimulator();
    try {
      for (let n = 1; n <= 20; n++) simulator.addIssue({ title: `Issue ${n}` });
      const numbers = [...simulator.state.issues.keys()];
      simulator.faults.random({ seed, rate: 0.3, faults: FAULTS });
      const client = createGitHubClient({
        baseUrl: simulator.url,
        spaceWrites: false,
        retries: 2,
        retryAfterBaseValue: 1,
        log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      });
      let failed = 0;
      for (const number of numbers)
        await client.rest.issues.get({ ...repo, issue_number: number }).catch(() => failed++);
      const faulted = simulator.requests.flatMap((request, index) =>
        request.fault === undefined ? [] : [`#${index} ${request.fault}`],
      );
      return { faulted, failed };
    } finally {
      await simulator.close();
    }
  }

  it('fault the same requests for the same seed, and others for another', async () => {
    const first = await readUnderFaults(7);
    expect(first.faulted.length).toBeGreaterThan(0);
    expect(await readUnderFaults(7)).toEqual(first);
    expect((await readUnderFaults(8)).faulted).not.toEqual(first.faulted);
  });

  it('are hidden by the retries, unless one request draws three in a row', async () => {
    const { faulted, failed } = await readUnderFaults(11);
    console.info(
      `seed 11, 30% faults on 20 reads: ${faulted.length} faulted requests, ${failed} reads failed`,
    );
    expect(faulted.length).toBeGreaterThan(0);
    expect(failed).toBe(0);
  });
});
