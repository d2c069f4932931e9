// Conditional reads for clients that read the same resources again and again (the App's
// deliveries and its sweep): every GET is sent with the ETag of the last answer for its URL (and
// media type), and GitHub's 304 for an unchanged resource, which does not count against the rate
// limit, is answered from the cache. A 304 means the resource is what it was, so the cached
// answer is exactly GitHub's. The cache keeps the most recently used URLs, at most `maxEntries`
// of them and `maxBytes` of answers (measured as JSON), so its memory stays bounded however many
// installations and pull requests the process serves. A full page with no next page is not kept:
// an entry added after it starts a new page, and the full page's own ETag would not change to say so.
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

interface CachedResponse {
  etag: string;
  response: unknown;
  /** The answer's size as JSON, counted against `maxBytes`. */
  bytes: number;
}

export interface ConditionalCache {
  /** Adds conditional reads to the client; `scope` keeps clients of different tokens apart. */
  attach(github: GitHubClient, scope: string): void;
  /** Answers served from the cache (304s), for reports. */
  readonly hits: number;
}

export interface ConditionalCacheLimits {
  /** URLs kept (default 5,000). */
  maxEntries?: number;
  /** Answers kept, in bytes of JSON (default 32 MiB); a larger answer is not kept at all. */
  maxBytes?: number;
}

export function createConditionalCache(limits: ConditionalCacheLimits = {}): ConditionalCache {
  const { maxEntries = 5_000, maxBytes = 32 * 1024 * 1024 } = limits;
  const entries = new Map<string, CachedResponse>();
  let bytes = 0;
  let hits = 0;
  const forget = (key: string) => {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  };
  const remember = (key: string, value: CachedResponse) => {
    forget(key);
    if (value.bytes > maxBytes) return;
    entries.set(key, value);
    bytes += value.bytes;
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      forget(oldest);
    }
  };
  return {
    get hits() {
      return hits;
    },
    attach(github, scope) {
      github.hook.wrap('request', async (request, options) => {
        if (options.method !== 'GET') return request(options);
        const { url, headers } = github.request.endpoint.parse(options);
        // GitHub's answers vary with the media type asked for: one ETag per URL and type.
        const key = `${scope} ${headers.accept ?? ''} ${url}`;
        const cached = entries.get(key);
        if (cached !== undefined) options.headers = { ...options.headers, 'if-none-match': cached.etag };
        try {
          const response = await request(options);
          const etag = (response.headers as { etag?: string }).etag;
          if (etag === undefined || isFullLastPage(response, url)) forget(key);
          else
            remember(key, {
              etag,
              response: structuredClone(response),
              bytes: JSON.stringify(response.data ?? null).length,
            });
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
