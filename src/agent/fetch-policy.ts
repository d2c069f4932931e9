// The network half of the hook's policy cache: the repository's default branch and its policy
// (extends included, through load-policy.ts), each GET sent with the ETag of the cached answer so
// that an unchanged file costs a 304 (no rate limit), and parsed again in full. Loaded only when
// the cache is stale or missing: it carries the policy parser.

import { DEFAULT_CONFIG_PATH } from '../core/registry.ts';
import type { GitHubClient } from '../github/client.ts';
import { loadPolicy } from '../github/load-policy.ts';
import { describeRequestError, readStatus } from '../github/request-error.ts';
import { CACHE_VERSION, type CachedResponse, type FetchPolicy } from './policy-cache.ts';

export const fetchPolicy: FetchPolicy = async (github, location, cached, now) => {
  const known: Record<string, CachedResponse> = { ...cached?.responses };
  const used: Record<string, CachedResponse> = {};
  sendWithETags(github, known, used);
  const repository = `${location.owner}/${location.repo}`;
  let defaultBranch: string;
  try {
    const { data } = await github.rest.repos.get({ owner: location.owner, repo: location.repo });
    defaultBranch = data.default_branch;
  } catch (error) {
    return { error: `cannot read ${repository} from GitHub: ${describeRequestError(error)}` };
  }
  const load = await loadPolicy(github, {
    owner: location.owner,
    repo: location.repo,
    path: DEFAULT_CONFIG_PATH,
    defaultBranch,
  });
  switch (load.state) {
    case 'unreadable':
      return { error: load.error };
    case 'invalid':
      return { load: { state: 'invalid', file: load.file, problems: load.problems } };
    case 'absent':
    case 'valid': {
      const policy =
        load.state === 'valid'
          ? { state: 'valid' as const, policy: load.policy }
          : { state: 'absent' as const };
      return {
        load: policy,
        file: {
          version: CACHE_VERSION,
          api: location.api,
          repository,
          fetchedAt: now.toISOString(),
          defaultBranch,
          policy,
          responses: used,
        },
      };
    }
  }
};

/** Every GET with the ETag of its last answer; a 304 is answered with that answer. */
function sendWithETags(
  github: GitHubClient,
  known: Record<string, CachedResponse>,
  used: Record<string, CachedResponse>,
): void {
  github.hook.wrap('request', async (request, options) => {
    if (options.method !== 'GET') return request(options);
    const url = github.request.endpoint.parse(options).url;
    const cached = known[url];
    if (cached !== undefined) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      const etag = (response.headers as { etag?: string }).etag;
      if (etag !== undefined) used[url] = { etag, response };
      return response;
    } catch (error) {
      if (readStatus(error) !== 304 || cached === undefined) throw error;
      used[url] = cached;
      return structuredClone(cached.response) as Awaited<ReturnType<typeof request>>;
    }
  });
}
