// The Octokit class Probot builds every client from (the App's, and each installation's
// `context.octokit`), with Gatehouse's capped throttle and retry options, and tokens minted at the
// App's GitHub (GitHub Enterprise Server included).
import { ProbotOctokit } from 'probot';
import { promptRetry } from '../github/prompt-retry.ts';
import { withPromptScheduling } from '../github/prompt-scheduling.ts';
import { refreshInstallationToken } from './refresh-installation-token.ts';

type Options = Record<string, unknown>;

function isPlainObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * `options` with `defaults` laid over them, one level deep: Gatehouse's handlers win, and what
 * Probot adds to the same groups (the throttle's per-installation id, a Redis connection) stays.
 */
export function mergeOctokitOptions(options: Options, defaults: Options): Options {
  const merged: Options = { ...options };
  for (const [key, value] of Object.entries(defaults)) {
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? { ...current, ...value } : value;
  }
  return merged;
}

/**
 * `options` whose app authentication mints tokens at `options.baseUrl`. Probot hands
 * @octokit/auth-app a `request` of its own without the base URL, so a token minted by name
 * (`auth({ type: 'installation', permissions })`, the narrowed token that answers deployments)
 * was asked of api.github.com even on GitHub Enterprise Server. Tokens minted on the way of a
 * request already follow that request's base URL; this makes the two agree.
 */
export function withAuthAtBaseUrl(options: Options): Options {
  const { baseUrl, auth } = options;
  if (typeof baseUrl !== 'string' || !isPlainObject(auth)) return options;
  const request = auth.request as { defaults?: (defaults: { baseUrl: string }) => unknown } | undefined;
  if (typeof request?.defaults !== 'function') return options;
  return { ...options, auth: { ...auth, request: request.defaults({ baseUrl }) } };
}

/**
 * ProbotOctokit with `defaults` (from `gitHubClientDefaults`). A plain `ProbotOctokit.defaults(object)`
 * is not enough: Probot sets its own throttle handlers on every client it builds, and those would
 * replace ours (Probot's retry a primary rate limit twice and never a secondary one). The function
 * form runs after Probot's options are in, so the capped handlers are the ones in effect.
 */
export function createAppOctokit(defaults: Options): typeof ProbotOctokit {
  // Per client: each gets a retry scheduler of its own (src/github/prompt-scheduling.ts).
  return ProbotOctokit.plugin(promptRetry, refreshInstallationToken).defaults((options: Options) =>
    withPromptScheduling(mergeOctokitOptions(withAuthAtBaseUrl(options), defaults)),
  );
}
