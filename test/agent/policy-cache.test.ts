import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type FetchPolicy,
  loadCachedPolicy,
  POLICY_FRESH_MS,
  type PolicyCacheFile,
  policyCachePath,
} from '../../src/agent/policy-cache.ts';
import type { Policy } from '../../src/core/model.ts';

const POLICY = {
  mode: 'ask',
  allow: [],
  reviewers: { platform: ['alice'] },
  defaults: {},
  rules: [],
  environments: {},
  specs: { paths: [] },
  log: { branch: 'gatehouse-log' },
  queue: {},
  thresholds: { cost: {} },
} as unknown as Policy;
const T0 = new Date('2026-12-07T06:00:00Z');

function setup() {
  const location = {
    dir: mkdtempSync(join(tmpdir(), 'gatehouse-cache-')),
    api: 'https://api.github.com',
    owner: 'acme',
    repo: 'shop',
  };
  const fetches: (PolicyCacheFile | undefined)[] = [];
  const fetch =
    (mode: ((mode: ReturnType<typeof Object>) => unknown) | 'same' | 'changed' | 'down'): FetchPolicy =>
    async (_github, _location, cached, now) => {
      fetches.push(cached);
      if (mode === 'down') return { error: 'connect ECONNREFUSED' };
      const policy = mode === 'changed' ? { ...POLICY, mode: 'always' } : POLICY;
      const load = { state: 'valid' as const, policy: policy as Policy };
      return {
        load,
        file: {
          version: 1,
          api: location.api,
          repository: 'acme/shop',
          fetchedAt: now.toISOString(),
          defaultBranch: 'main',
          policy: load,
          responses: {},
        },
      };
    };
  const deps = (now: Date, how: Parameters<typeof fetch>[0], connect = true) => ({
    now: () => now,
    warn: () => {},
    connect: async () => (connect ? ({} as never) : { unavailable: 'set GITHUB_TOKEN' }),
    fetch: fetch(how),
  });
  return { location, fetches, deps };
}

describe('the hook policy cache', () => {
  it('fetches when missing, keeps the file 0600, and answers from it while fresh without GitHub', async () => {
    const { location, fetches, deps } = setup();
    expect(await loadCachedPolicy(location, deps(T0, 'same'))).toMatchObject({
      fresh: true,
      load: { state: 'valid' },
    });
    expect(statSync(policyCachePath(location)).mode & 0o777).toBe(0o600);
    const later = new Date(T0.getTime() + POLICY_FRESH_MS - 1);
    expect(await loadCachedPolicy(location, deps(later, 'same', false))).toMatchObject({
      fresh: true,
      load: { state: 'valid', policy: { mode: 'ask' } },
    });
    expect(fetches).toHaveLength(1);
  });

  it('revalidates a stale cache, handing the fetch its ETags, and takes a changed policy', async () => {
    const { location, fetches, deps } = setup();
    await loadCachedPolicy(location, deps(T0, 'same'));
    const stale = new Date(T0.getTime() + POLICY_FRESH_MS);
    expect(await loadCachedPolicy(location, deps(stale, 'changed'))).toMatchObject({
      fresh: true,
      load: { state: 'valid', policy: { mode: 'always' } },
    });
    expect(fetches[1]?.fetchedAt).toBe(T0.toISOString());
    const cached = JSON.parse(readFileSync(policyCachePath(location), 'utf8')) as PolicyCacheFile;
    expect(cached.fetchedAt).toBe(stale.toISOString());
  });

  it('answers from a stale cache, not fresh, when GitHub cannot be reached', async () => {
    const { location, deps } = setup();
    await loadCachedPolicy(location, deps(T0, 'same'));
    const stale = new Date(T0.getTime() + POLICY_FRESH_MS + 1);
    expect(await loadCachedPolicy(location, deps(stale, 'down'))).toMatchObject({
      fresh: false,
      why: 'connect ECONNREFUSED',
    });
  });

  it('gives nothing from a stale cache without a token', async () => {
    const { location, deps } = setup();
    await loadCachedPolicy(location, deps(T0, 'same'));
    const stale = new Date(T0.getTime() + POLICY_FRESH_MS + 1);
    expect(await loadCachedPolicy(location, deps(stale, 'same', false))).toEqual({
      load: undefined,
      why: 'set GITHUB_TOKEN',
    });
  });

  it.each([
    ['not JSON', '{"version":1,'],
    [
      'a policy of the wrong shape',
      JSON.stringify({
        version: 1,
        api: 'https://api.github.com',
        repository: 'acme/shop',
        fetchedAt: T0.toISOString(),
        defaultBranch: 'main',
        policy: { state: 'valid', policy: { mode: 'auto' } },
        responses: {},
      }),
    ],
    [
      'another repository',
      JSON.stringify({
        version: 1,
        api: 'https://api.github.com',
        repository: 'evil/shop',
        fetchedAt: T0.toISOString(),
        defaultBranch: 'main',
        policy: { state: 'absent' },
        responses: {},
      }),
    ],
  ])('refetches a corrupt cache (%s), never trusting it', async (_what, text) => {
    const { location, fetches, deps } = setup();
    const path = policyCachePath(location);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    expect(await loadCachedPolicy(location, deps(T0, 'same'))).toMatchObject({
      fresh: true,
      load: { state: 'valid', policy: { mode: 'ask' } },
    });
    expect(fetches).toEqual([undefined]);
  });
});
