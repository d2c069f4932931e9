// Conditional reads for clients that read the same resources again and again (the App's sweep):
// every GET is sent with the ETag of the last answer for its URL, and GitHub's 304 for an
// unchanged resource, which does not count against the rate limit, is answered from the cache.
// A 304 means the resource is what it was, so the cached answer is exactly GitHub's. The cache
// keeps the newest `maxEntries` URLs. A full page with no next page is not kept: an entry added
// after it starts a new page, and the full page's own ETag would not change to say so.
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

interface CachedResponse {
  etag: string;
  response: unknown;
}

export interface ConditionalCache {
  /** Adds conditional reads to the client; `scope` keeps clients of different tokens apart. */
  attach(github: GitHubClient, scope: string): void;
  /** Answers served from the cache (304s), for reports. */
  readonly hits: number;
}

export function createConditionalCache(maxEntries = 5_000): ConditionalCache {
  const entries = new Map<string, CachedResponse>();
  let hits = 0;
  const remember = (key: string, value: CachedResponse) => {
    entries.delete(key);
    entries.set(key, value);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };
  return {
    get hits() {
      return hits;
    },
    attach(github, scope) {
      github.hook.wrap('request', async (request, options) => {
        if (options.method !== 'GET') return request(options);
        const { url } = github.request.endpoint.parse(options);
        const key = `${scope} ${url}`;
        const cached = entries.get(key);
        if (cached !== undefined) options.headers = { ...options.headers, 'if-none-match': cached.etag };
        try {
          const response = await request(options);
          const etag = (response.headers as { etag?: string }).etag;
          if (etag === undefined || isFullLastPage(response, url)) entries.delete(key);
          else remember(key, { etag, response: structuredClone(response) });
          return response;
        } catch (error) {
          if (readStatus(error) !== 304 || cached === undefined) throw error;
          hits++;
          remember(key, cached);
          // A copy: callers may sort or change what they were given.
          return structuredClone(cached.response) as Awaited<ReturnType<typeof request>>;
        }
      });
    },
  };
}

/**
 * A list page holding `per_page` entries (30 unless asked) with no `next` link. A listing that
 * carries its `total_count` (check runs, workflow runs) is not one: a new entry changes the count,
 * and so the page's ETag.
 */
function isFullLastPage(response: { data: unknown; headers: Record<string, unknown> }, url: string): boolean {
  const link = response.headers.link;
  if (typeof link === 'string' && link.includes('rel="next"')) return false;
  const perPage = Number(new URL(url, 'https://api.github.com').searchParams.get('per_page') ?? 30);
  return Array.isArray(response.data) && response.data.length >= perPage;
}
