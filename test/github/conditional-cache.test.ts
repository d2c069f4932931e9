// The conditional cache against nock: a repeated GET carries the last ETag, and GitHub's 304 is
// answered with the cached response, unchanged and free of the rate limit.
import { describe, expect, it } from 'vitest';
import { createConditionalCache } from '../../src/github/conditional-cache.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';

useNock();

const PULLS = '/repos/acme/shop/pulls';

function pullsList(github: ReturnType<typeof aTestClient>) {
  return github.request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'shop', state: 'open' });
}

describe('a conditional cache', () => {
  it('sends the last ETag and answers a 304 from the cache, a copy each time', async () => {
    const cache = createConditionalCache();
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    github()
      .get(PULLS)
      .query({ state: 'open' })
      .reply(200, [{ number: 7 }], { etag: 'W/"a"' });
    github()
      .get(PULLS)
      .query({ state: 'open' })
      .matchHeader('if-none-match', 'W/"a"')
      .times(2)
      .reply(304, '');

    const first = await pullsList(client);
    (first.data as { number: number }[]).push({ number: 99 });
    const second = await pullsList(client);
    expect(second.data).toEqual([{ number: 7 }]);
    (second.data as { number: number }[]).length = 0;
    expect((await pullsList(client)).data).toEqual([{ number: 7 }]);
    expect(cache.hits).toBe(2);
  });

  it('takes a changed resource’s new answer and ETag', async () => {
    const cache = createConditionalCache();
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    github()
      .get(PULLS)
      .query({ state: 'open' })
      .reply(200, [{ number: 7 }], { etag: 'W/"a"' });
    github()
      .get(PULLS)
      .query({ state: 'open' })
      .matchHeader('if-none-match', 'W/"a"')
      .reply(200, [{ number: 8 }], { etag: 'W/"b"' });
    github().get(PULLS).query({ state: 'open' }).matchHeader('if-none-match', 'W/"b"').reply(304, '');
    await pullsList(client);
    expect((await pullsList(client)).data).toEqual([{ number: 8 }]);
    expect((await pullsList(client)).data).toEqual([{ number: 8 }]);
    expect(cache.hits).toBe(1);
  });

  it('keeps clients of different scopes apart, leaves writes alone, and forgets the oldest URL beyond its size', async () => {
    const cache = createConditionalCache({ maxEntries: 1 });
    const one = aTestClient();
    const two = aTestClient();
    cache.attach(one, 'installation 1');
    cache.attach(two, 'installation 2');
    const sent: (string | null)[] = [];
    const record = (request: Request) => sent.push(request.headers.get('if-none-match'));
    github()
      .get(PULLS)
      .query({ state: 'open' })
      .times(3)
      .reply((request: Request) => {
        record(request);
        return [200, [{ number: 7 }], { etag: 'W/"a"' }];
      });
    github()
      .post('/repos/acme/shop/issues')
      .reply((request: Request) => {
        record(request);
        return [201, { number: 1 }];
      });
    await pullsList(one);
    // Another scope: not the first one's ETag.
    await pullsList(two);
    // A write: never conditional.
    await one.request('POST /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'shop', title: 'x' });
    // The second scope's entry pushed the first one's out (size 1): asked afresh.
    await pullsList(one);
    expect(sent).toEqual([null, null, null, null]);
    expect(cache.hits).toBe(0);
  });

  it('keeps no full last page, whose ETag cannot tell of a page added after it; a page with a next one is kept', async () => {
    const cache = createConditionalCache();
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    const list = (page: number) =>
      client.request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'shop', per_page: 2, page });
    const sent: (string | null)[] = [];
    const reply = (body: unknown[], headers: Record<string, string>) => (request: Request) => {
      sent.push(request.headers.get('if-none-match'));
      return [200, body, { etag: 'W/"same"', ...headers }];
    };
    const next = '<https://api.github.com/repos/acme/shop/pulls?per_page=2&page=2>; rel="next"';
    github()
      .get(PULLS)
      .query({ per_page: 2, page: 1 })
      .times(2)
      .reply(reply([{ number: 1 }, { number: 2 }], { link: next }));
    github()
      .get(PULLS)
      .query({ per_page: 2, page: 2 })
      .times(2)
      .reply(reply([{ number: 3 }, { number: 4 }], {}));
    for (const page of [1, 2, 1, 2]) await list(page);
    // Page 1 (a next page follows) is asked with its ETag; page 2 (full, the last) afresh.
    expect(sent).toEqual([null, null, 'W/"same"', null]);
  });

  it('keeps a full page that carries its total count: a new entry changes the count and the ETag', async () => {
    const cache = createConditionalCache();
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    const RUNS = '/repos/acme/shop/commits/abc/check-runs';
    const sent: (string | null)[] = [];
    github()
      .get(RUNS)
      .query({ per_page: 1 })
      .times(2)
      .reply((request: Request) => {
        sent.push(request.headers.get('if-none-match'));
        return [200, { total_count: 1, check_runs: [{ id: 1 }] }, { etag: 'W/"one"' }];
      });
    for (let i = 0; i < 2; i++)
      await client.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
        owner: 'acme',
        repo: 'shop',
        ref: 'abc',
        per_page: 1,
      });
    expect(sent).toEqual([null, 'W/"one"']);
  });

  it('keeps answers within its byte budget: the oldest goes first, and an answer larger than the budget is not kept', async () => {
    // [{"number":7}] is 14 bytes of JSON: two fit in 30, three do not.
    const cache = createConditionalCache({ maxBytes: 30 });
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    const list = (base: string) =>
      client.request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'shop', base });
    const sent: string[] = [];
    github()
      .get(PULLS)
      .query(true)
      .times(7)
      .reply((request: Request) => {
        const state = new URL(request.url).searchParams.get('base') ?? '';
        sent.push(`${state} ${request.headers.get('if-none-match') ?? '-'}`);
        const body = state === 'all' ? [{ number: 7, title: 'x'.repeat(40) }] : [{ number: 7 }];
        return [200, body, { etag: `W/"${state}"` }];
      });
    for (const state of ['open', 'closed', 'all', 'closed', 'open', 'all', 'open']) await list(state);
    expect(sent).toEqual([
      'open -',
      'closed -',
      // Larger than the whole budget: not kept, and nothing pushed out for it.
      'all -',
      'closed W/"closed"',
      'open W/"open"',
      'all -',
      'open W/"open"',
    ]);
    const third = createConditionalCache({ maxBytes: 30 });
    const other = aTestClient();
    third.attach(other, 'installation 1');
    const seen: string[] = [];
    github()
      .get(PULLS)
      .query(true)
      .times(4)
      .reply((request: Request) => {
        const state = new URL(request.url).searchParams.get('base') ?? '';
        seen.push(`${state} ${request.headers.get('if-none-match') ?? '-'}`);
        return [200, [{ number: 7 }], { etag: `W/"${state}"` }];
      });
    for (const state of ['open', 'closed', 'merged', 'open'])
      await other.request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'shop', base: state });
    // The third answer pushed the oldest (open) out: asked afresh.
    expect(seen).toEqual(['open -', 'closed -', 'merged -', 'open -']);
  });

  it('keeps one ETag per media type of a URL: a raw file is never answered with its JSON', async () => {
    const cache = createConditionalCache();
    const client = aTestClient();
    cache.attach(client, 'installation 1');
    const FILE = '/repos/acme/shop/contents/README.md';
    const sent: string[] = [];
    github()
      .get(FILE)
      .times(4)
      .reply((request: Request) => {
        const raw = request.headers.get('accept') === 'application/vnd.github.raw';
        sent.push(`${raw ? 'raw' : 'json'} ${request.headers.get('if-none-match') ?? '-'}`);
        if (request.headers.get('if-none-match') !== null) return [304, ''];
        return raw
          ? [200, 'Shop', { etag: 'W/"raw"', 'content-type': 'text/plain' }]
          : [200, { name: 'README.md' }, { etag: 'W/"json"' }];
      });
    const read = (accept?: string) =>
      client.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: 'acme',
        repo: 'shop',
        path: 'README.md',
        ...(accept === undefined ? {} : { headers: { accept } }),
      });
    await read();
    await read('application/vnd.github.raw');
    expect((await read()).data).toEqual({ name: 'README.md' });
    expect((await read('application/vnd.github.raw')).data).toBe('Shop');
    expect(sent).toEqual(['json -', 'raw -', 'json W/"json"', 'raw W/"raw"']);
  });
});
