// The retry plugin without Bottleneck (src/github/prompt-retry.ts), on an Octokit with only it
// and a fetch that answers as the test says: what is retried, how often, after how long.
import { Octokit } from '@octokit/core';
import { describe, expect, it } from 'vitest';
import { type PromptRetrySettings, promptRetry } from '../../src/github/prompt-retry.ts';

const RetryingOctokit = Octokit.plugin(promptRetry);

/** A client whose fetch answers with `statuses` in turn (a number, or a GraphQL body for 200). */
function aClient(answers: Array<number | object | Error>, settings: PromptRetrySettings | undefined) {
  const waits: number[] = [];
  const seen: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    const [status, body] = typeof answer === 'number' ? [answer, { message: 'x' }] : [200, answer];
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  const client = new RetryingOctokit({
    request: { fetch },
    ...(settings === undefined
      ? {}
      : { promptRetry: { ...settings, sleep: async (ms: number) => void waits.push(ms) } }),
  });
  return { client, waits, seen };
}

const read = (client: Octokit, options: object = {}) =>
  client.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop', ...options });

describe('promptRetry', () => {
  it('retries a server error after 1, then 4 × the base, and gives up after `retries`', async () => {
    const { client, waits, seen } = aClient([502, 502, 502, 200], { retries: 2, retryAfterBaseValue: 10 });
    await expect(read(client)).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([10, 40]);
  });

  it('returns the answer of a retry that succeeds', async () => {
    const { client, seen } = aClient([504, 200], { retries: 2, retryAfterBaseValue: 1 });
    expect((await read(client)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('retries a network failure, as a 500', async () => {
    const { client, seen } = aClient([new TypeError('fetch failed'), 200], {
      retries: 1,
      retryAfterBaseValue: 1,
    });
    expect((await read(client)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('never retries a status in doNotRetry (by default plugin-retry’s), nor a request that asks for none', async () => {
    for (const [status, settings] of [
      [404, {}],
      [409, { doNotRetry: [409] }],
    ] as const) {
      const { client, seen } = aClient([status, 200], settings);
      await expect(read(client)).rejects.toMatchObject({ status });
      expect(seen).toHaveLength(1);
    }
    const { client, seen } = aClient([502, 200], { retries: 2 });
    await expect(read(client, { request: { retries: 0 } })).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(1);
  });

  it('retries GraphQL’s "Something went wrong", and gives its answer when it holds another error', async () => {
    const failure = { data: null, errors: [{ message: 'Something went wrong while executing your query.' }] };
    const { client, seen } = aClient([failure, { data: { viewer: { login: 'octocat' } } }], {
      retries: 1,
      retryAfterBaseValue: 1,
    });
    expect(await client.graphql('{ viewer { login } }')).toEqual({ viewer: { login: 'octocat' } });
    expect(seen).toEqual(['POST /graphql', 'POST /graphql']);
    const other = aClient([{ data: { viewer: null }, errors: [{ message: 'Could not resolve' }] }], {
      retries: 1,
    });
    await expect(other.client.graphql('{ viewer { login } }')).rejects.toThrow('Could not resolve');
    expect(other.seen).toHaveLength(1);
  });

  it('waits on a real timer by default', async () => {
    const fetch: typeof globalThis.fetch = async () => new Response('{}', { status: 200 });
    let calls = 0;
    const flaky: typeof globalThis.fetch = async (input, init) => {
      calls += 1;
      return calls === 1 ? new Response('{"message":"x"}', { status: 500 }) : fetch(input, init);
    };
    const client = new RetryingOctokit({
      request: { fetch: flaky },
      promptRetry: { retryAfterBaseValue: 1 },
    });
    expect((await read(client)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('does nothing without its settings, and passes on an error that is no request’s', async () => {
    const { client, seen } = aClient([502, 200], undefined);
    await expect(read(client)).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(1);
    const hooked = aClient([], { retries: 3 });
    hooked.client.hook.before('request', () => {
      throw new Error('not a request error');
    });
    await expect(read(hooked.client)).rejects.toThrow('not a request error');
    expect(hooked.seen).toEqual([]);
  });
});
