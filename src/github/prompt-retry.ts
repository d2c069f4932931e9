// @octokit/plugin-retry runs every request through a Bottleneck of its own, made for that request,
// which yields to the event loop with setTimeout(0) several times before the request goes out
// (src/github/prompt-scheduling.ts says what that costs). This plugin retries by the same rules in
// a loop, with no timer but the wait between attempts; withPromptScheduling turns plugin-retry off
// and hands its options here as `promptRetry`.
//
// The rules, as plugin-retry 8 has them: an answer of 400 or more whose status is not in
// `doNotRetry` (a network failure is one: status 500) is retried `request.retries` times (default
// `retries`), the n-th retry after n² × `retryAfterBaseValue` ms; GraphQL's "Something went wrong
// while executing your query" counts as a 500. Rate limits (403, 429) are the throttling plugin's.
import type { Octokit } from '@octokit/core';
import { RequestError } from '@octokit/request-error';
import { sleep } from './sleep.ts';

export interface PromptRetrySettings {
  doNotRetry?: readonly number[];
  retries?: number;
  retryAfterBaseValue?: number;
  /** Tests replace the wait. */
  sleep?: (ms: number) => Promise<void>;
}

interface RequestOptions {
  request: { retries?: number; retryCount?: number };
}

/** What a failed attempt carries when it may be retried: plugin-retry's `error.request.request`. */
interface RetryNote {
  retries?: number;
  retryAfter?: number;
}

type Request = (options: RequestOptions) => Promise<{ data?: { errors?: Array<{ message?: string }> } }>;

const GRAPHQL_FAILURE = /Something went wrong while executing your query/;

export function promptRetry(octokit: Octokit, octokitOptions: object) {
  const settings = (octokitOptions as { promptRetry?: PromptRetrySettings }).promptRetry;
  if (settings === undefined) return {};
  const doNotRetry = settings.doNotRetry ?? [400, 401, 403, 404, 410, 422, 451];
  const retries = settings.retries ?? 3;
  const base = settings.retryAfterBaseValue ?? 1000;
  const pause = settings.sleep ?? sleep;

  /** Notes on the error how often and after how long it may be retried, then throws it. */
  const note = (error: unknown, options: RequestOptions): never => {
    const failure = error as { status?: number; request?: { request?: RetryNote } };
    if (failure?.request?.request === undefined) throw error;
    const status = failure.status ?? 0;
    if (status >= 400 && !doNotRetry.includes(status)) {
      const retryAfter = ((options.request.retryCount ?? 0) + 1) ** 2;
      failure.request.request = {
        ...failure.request.request,
        retries: options.request.retries ?? retries,
        retryAfter,
      };
    }
    throw error;
  };

  octokit.hook.error('request', (error, options) => note(error, options as unknown as RequestOptions));
  octokit.hook.wrap('request', async (request, endpoint) => {
    const options = endpoint as unknown as RequestOptions;
    const attempt = async () => {
      const response = await (request as unknown as Request)(options);
      const message = response.data?.errors?.[0]?.message;
      if (message !== undefined && GRAPHQL_FAILURE.test(message))
        note(
          new RequestError(message, 500, { request: endpoint as never, response: response as never }),
          options,
        );
      return response;
    };
    for (let retryCount = 0; ; retryCount += 1) {
      try {
        return (await attempt()) as never;
      } catch (error) {
        const retry = (error as { request?: { request?: RetryNote } })?.request?.request;
        options.request.retryCount = retryCount + 1;
        if (!(Math.trunc(retry?.retries ?? 0) > retryCount)) throw error;
        await pause(Math.trunc(retry?.retryAfter ?? 0) * base);
      }
    }
  });
  return {};
}
