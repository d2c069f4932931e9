// The one factory of GitHub clients (STYLE: "Octokit clients are built by our own factory with an
// injectable fetch"). Throttling and retries are capped: a rate limit is waited out a few times,
// then the request fails visibly instead of retrying forever (security-cases R1, R2).
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { promptRetry } from './prompt-retry.ts';
import { withPromptScheduling } from './prompt-scheduling.ts';

/**
 * The same plugins, in the same order, as Probot's own `ProbotOctokit`; `promptRetry` does
 * plugin-retry's work when withPromptScheduling turned that off.
 */
const GitHubOctokit = Octokit.plugin(throttling, retry, promptRetry, paginateRest, restEndpointMethods);

/**
 * What the GitHub layer needs of a client. An Octokit from {@link createGitHubClient} has it,
 * and so has Probot's `context.octokit`, which is built from the same plugins.
 */
export type GitHubClient = Pick<
  InstanceType<typeof GitHubOctokit>,
  'rest' | 'paginate' | 'request' | 'graphql' | 'hook'
>;

export interface ClientLog {
  debug: (message: string) => unknown;
  info: (message: string) => unknown;
  warn: (message: string) => unknown;
  error: (message: string) => unknown;
}

/** Times a rate-limited request, or one that failed with a server error, is retried. */
export const RETRIES = 2;
/** A rate limit that resets later than this is not waited for: the request fails now. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 600;
/**
 * Statuses never retried by the retry plugin: client errors are answers, not accidents, and 403
 * and 429 rate limits belong to the throttling plugin, whose retries are capped.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

export interface ClientTuning {
  /** Retries of a rate-limited request (primary or secondary), and of server errors. Default 2. */
  retries?: number;
  /** Milliseconds per second of `retry-after` and backoff. Default 1000; tests make it small. */
  retryAfterBaseValue?: number;
  /** The longest rate-limit wait, in seconds, before failing instead. Default 600. */
  maxWaitSeconds?: number;
  /**
   * Space writes one second apart and notification-triggering writes three, as GitHub asks of
   * integrators (default). Tests turn it off so that they run in milliseconds.
   */
  spaceWrites?: boolean;
}

type ThrottleGroup = NonNullable<ThrottlingOptions['write']>;
type ThrottleHandler = NonNullable<ThrottlingOptions['onRateLimit']>;
type Task = (...args: unknown[]) => unknown;

/** Stands in for the throttling plugin's write groups when writes are not spaced. */
const UNSPACED = {
  key: () => ({
    schedule: (_options: unknown, task: Task, ...args: unknown[]) => Promise.resolve(task(...args)),
  }),
} as unknown as ThrottleGroup;

type LimitHandler = (
  retryAfter: number,
  options: { method: string; url: string },
  octokit: { log: ClientLog },
  retryCount: number,
) => boolean;

function capped(kind: string, retries: number, maxWaitSeconds: number): LimitHandler {
  return (retryAfter, options, octokit, retryCount) => {
    const request = `${options.method} ${options.url}`;
    if (retryCount >= retries) {
      octokit.log.error(
        `${kind} on ${request}: giving up after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'}`,
      );
      return false;
    }
    if (retryAfter > maxWaitSeconds) {
      octokit.log.error(
        `${kind} on ${request}: it resets in ${retryAfter} s, longer than the ${maxWaitSeconds} s Gatehouse waits; giving up`,
      );
      return false;
    }
    octokit.log.warn(`${kind} on ${request}: retry ${retryCount + 1} of ${retries} in ${retryAfter} s`);
    return true;
  };
}

/**
 * The throttle, retry and request options of every Gatehouse client, for `new Octokit(…)` or
 * `ProbotOctokit.defaults(…)`: rate limits are waited out (the primary one until its reset plus
 * one second, a secondary one for its `retry-after`, else 60 s) at most `retries` times (and
 * never longer than `maxWaitSeconds`), server errors and network failures retried at most
 * `retries` times, client errors never.
 */
export function gitHubClientDefaults(fetch?: typeof globalThis.fetch, tuning: ClientTuning = {}) {
  const retries = tuning.retries ?? RETRIES;
  const maxWaitSeconds = tuning.maxWaitSeconds ?? MAX_RATE_LIMIT_WAIT_SECONDS;
  const retryAfterBaseValue = tuning.retryAfterBaseValue ?? 1000;
  const throttle: ThrottlingOptions = {
    onRateLimit: capped('rate limit', retries, maxWaitSeconds) as ThrottleHandler,
    onSecondaryRateLimit: capped('secondary rate limit', retries, maxWaitSeconds) as ThrottleHandler,
    retryAfterBaseValue,
  };
  if (tuning.spaceWrites === false) {
    throttle.write = UNSPACED;
    throttle.notifications = UNSPACED;
  }
  return {
    throttle,
    retry: { doNotRetry: DO_NOT_RETRY, retries, retryAfterBaseValue },
    ...(fetch === undefined ? {} : { request: { fetch } }),
  };
}

export interface GitHubClientOptions extends ClientTuning {
  /** A token: an installation token, `GITHUB_TOKEN`, or a personal token. */
  auth?: string;
  /** Defaults to the global fetch; tests pass their own or intercept the global one. */
  fetch?: typeof globalThis.fetch;
  /** `https://api.github.com` by default; `https://<host>/api/v3` for GitHub Enterprise Server. */
  baseUrl?: string;
  log?: ClientLog;
}

export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const { auth, fetch, baseUrl, log, ...tuning } = options;
  return new GitHubOctokit({
    ...withPromptScheduling(gitHubClientDefaults(fetch, tuning)),
    userAgent: 'gatehouse',
    ...(auth === undefined ? {} : { auth }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(log === undefined ? {} : { log }),
  });
}
