// A GitHub client and gate environment for tests: the real factory (so throttling and retries
// are the ones that run in production), against nock with the network disabled, every mock
// asserted used, and waits shrunk to milliseconds.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { GateEnvironment } from '../../src/gate/run-pull-request-gate.ts';
import {
  type ClientTuning,
  createGitHubClient,
  type GitHubClient,
  gitHubClientDefaults,
} from '../../src/github/client.ts';
import { SELF } from './github-fixtures.ts';

export const API = 'https://api.github.com';

/** Nock for every test of the file: no real network, and no mock left unused. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, 'every mocked request was made').toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

export function github(): nock.Scope {
  return nock(API);
}

export interface LogEntry {
  level: string;
  message: string;
  fields?: unknown;
}

/** Collects what a client or the orchestration logs. */
export function aLog() {
  const entries: LogEntry[] = [];
  const at =
    (level: string) =>
    (first: unknown, second?: string): void => {
      if (typeof first === 'string') entries.push({ level, message: first });
      else entries.push({ level, message: second ?? '', fields: first });
    };
  return {
    entries,
    messages: (level?: string) =>
      entries.filter((entry) => level === undefined || entry.level === level).map((entry) => entry.message),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

export function aTestClient(tuning: ClientTuning & { log?: ReturnType<typeof aLog> } = {}): GitHubClient {
  const { log, ...rest } = tuning;
  return createGitHubClient({
    auth: 'ghs_test_token',
    retryAfterBaseValue: 1,
    spaceWrites: false,
    ...rest,
    ...(log === undefined ? {} : { log }),
  });
}

export const NOW = '2026-11-20T12:00:00.000Z';

export function aGateEnvironment(overrides: Partial<GateEnvironment> & { at?: string } = {}) {
  const log = aLog();
  const { at, ...rest } = overrides;
  const env: GateEnvironment = {
    github: aTestClient(),
    now: () => new Date(at ?? NOW),
    self: SELF,
    log,
    ...rest,
  };
  return { env, log };
}

/**
 * The production client's plugins and retry settings, without the throttling plugin's scheduling:
 * for orchestration tests, which make hundreds of requests and do not test rate limits (those are
 * client.test.ts's). Retries stay, so a write that must not be retried blindly (R3) is tested as
 * it runs.
 */
export function aGateClient(): GitHubClient {
  const defaults = gitHubClientDefaults(undefined, { retryAfterBaseValue: 1, spaceWrites: false });
  return new (Octokit.plugin(retry, paginateRest, restEndpointMethods))({
    auth: 'ghs_test_token',
    retry: defaults.retry,
  }) as GitHubClient;
}

/**
 * A client without the throttling and retry plugins, for tests of listings with many pages: each
 * plugin schedules every request through Bottleneck, which costs milliseconds a request. The
 * plugins' own behaviour is tested with aTestClient in client.test.ts.
 */
export function aPlainClient(): GitHubClient {
  return new (Octokit.plugin(paginateRest, restEndpointMethods))({ auth: 'ghs_test_token' }) as GitHubClient;
}
