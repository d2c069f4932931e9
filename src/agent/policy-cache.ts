// The agent hook's copy of a repository's policy (DESIGN §10): read from the repository's DEFAULT
// branch through the API (extends included, by load-policy.ts), never from the working tree, and
// kept on disk per API host and repository with GitHub's ETags. Fresh for POLICY_FRESH_MS, it
// answers with no network and without loading the policy parser (the hook runs before every tool
// call); then every file is revalidated with a conditional request (a 304 costs no rate limit) and
// parsed again. A cache file whose shape is wrong is refetched, never trusted.
import { dirname, join } from 'node:path';
import type { Policy } from '../core/model.ts';
import type { PolicyProblem } from '../core/policy.ts';
import type { GitHubClient } from '../github/client.ts';
import { nodeFs } from './node-fs.ts';

/**
 * Five minutes: a policy merged on the default branch reaches every agent within that time, and a
 * busy agent (hundreds of tool calls an hour) revalidates about twelve times an hour, each a 304.
 */
export const POLICY_FRESH_MS = 5 * 60_000;

export const CACHE_VERSION = 1;

export interface CachedResponse {
  etag: string;
  response: unknown;
}

/** What the hook decides by: the default branch's policy, parsed; absent; or invalid. */
export type HookPolicy =
  | { state: 'valid'; policy: Policy }
  | { state: 'absent' }
  | { state: 'invalid'; file: string; problems: PolicyProblem[] };

export interface PolicyCacheFile {
  version: typeof CACHE_VERSION;
  /** `https://api.github.com`, or an Enterprise Server's `/api/v3`. */
  api: string;
  repository: string;
  fetchedAt: string;
  defaultBranch: string;
  /** Only valid and absent policies are kept: an invalid one is asked for again at once. */
  policy: Extract<HookPolicy, { state: 'valid' | 'absent' }>;
  /** GitHub's answers by URL with their ETags, for conditional revalidation. */
  responses: Record<string, CachedResponse>;
}

export interface PolicyCacheLocation {
  /** `$XDG_CACHE_HOME/gatehouse` (else `~/.cache/gatehouse`). */
  dir: string;
  api: string;
  owner: string;
  repo: string;
}

export type CachedPolicy =
  /** `fresh`: from a cache younger than POLICY_FRESH_MS, or just fetched or revalidated. */
  | { load: HookPolicy; fresh: true }
  /** GitHub could not be asked (`why`); the policy of a stale cache, good for proceed-tier calls only. */
  | { load: HookPolicy; fresh: false; why: string }
  | { load: undefined; why: string };

/** The network half, loaded only when the cache is stale or missing (it carries the parser). */
export type FetchPolicy = (
  github: GitHubClient,
  location: PolicyCacheLocation,
  cached: PolicyCacheFile | undefined,
  now: Date,
) => Promise<{ load: HookPolicy; file?: PolicyCacheFile } | { error: string }>;

export interface PolicyCacheDeps {
  now: () => Date;
  /** A client for the API, or a reason there is none (no token); created only when needed. */
  connect: () => Promise<GitHubClient | { unavailable: string }>;
  fetch: FetchPolicy;
  warn: (message: string) => void;
}

/** `$XDG_CACHE_HOME/gatehouse`, else `$HOME/.cache/gatehouse`. */
export function resolveCacheDir(env: Record<string, string | undefined>): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg?.startsWith('/')) return join(xdg, 'gatehouse');
  const home = env.HOME;
  return home === undefined || home === '' ? undefined : join(home, '.cache', 'gatehouse');
}

export function policyCachePath(location: PolicyCacheLocation): string {
  const host = new URL(location.api).host.replace(/[^\w.-]/g, '_');
  return join(location.dir, 'policy', host, location.owner, `${location.repo}.json`);
}

/** The repository's policy: from a fresh cache, else fetched or revalidated and cached again. */
export async function loadCachedPolicy(
  location: PolicyCacheLocation,
  deps: PolicyCacheDeps,
): Promise<CachedPolicy> {
  const path = policyCachePath(location);
  const cached = readCache(path, location, deps.warn);
  const now = deps.now().getTime();
  if (cached !== undefined) {
    const age = now - Date.parse(cached.fetchedAt);
    if (age >= 0 && age < POLICY_FRESH_MS) return { load: cached.policy, fresh: true };
  }
  const github = await deps.connect();
  if ('unavailable' in github) return { load: undefined, why: github.unavailable };
  const fetched = await deps.fetch(github, location, cached, deps.now());
  if ('error' in fetched) {
    if (cached === undefined) return { load: undefined, why: fetched.error };
    return { load: cached.policy, fresh: false, why: fetched.error };
  }
  if (fetched.file !== undefined) writeCache(path, fetched.file);
  return { load: fetched.load, fresh: true };
}

// ---------------------------------------------------------------------------------------------
// The file: 0600 in a 0700 directory, written whole (a rename), checked whole when read.

// Synchronous node:fs (see node-fs.ts): a few small files, and fs/promises would cost the hook's start.
function writeCache(path: string, file: PolicyCacheFile): void {
  const { mkdirSync, renameSync, rmSync, writeFileSync } = nodeFs();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // No node:crypto here (it costs the hook's start): the process id keeps writers apart.
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written costs the next call a conditional request, nothing more.
    rmSync(temporary, { force: true });
  }
}

function readCache(
  path: string,
  location: PolicyCacheLocation,
  warn: (message: string) => void,
): PolicyCacheFile | undefined {
  let text: string;
  try {
    text = nodeFs().readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const repository = `${location.owner}/${location.repo}`;
  if (isCacheFile(value) && value.api === location.api && value.repository === repository) return value;
  warn(`the policy cache ${path} is not one Gatehouse wrote; fetching the policy again`);
  return undefined;
}

function isCacheFile(value: unknown): value is PolicyCacheFile {
  if (!isRecord(value)) return false;
  return (
    value.version === CACHE_VERSION &&
    typeof value.api === 'string' &&
    typeof value.repository === 'string' &&
    typeof value.fetchedAt === 'string' &&
    !Number.isNaN(Date.parse(value.fetchedAt)) &&
    typeof value.defaultBranch === 'string' &&
    isRecord(value.policy) &&
    (value.policy.state === 'absent' ||
      (value.policy.state === 'valid' && isPolicyShape(value.policy.policy))) &&
    isRecord(value.responses) &&
    Object.values(value.responses).every(
      (entry) => isRecord(entry) && typeof entry.etag === 'string' && isRecord(entry.response),
    )
  );
}

/**
 * The parsed policy's shape, as parsePolicy gives it, checked without loading the parser: every
 * section present with its type, every rule an object with a name. Corruption (a truncated or
 * edited file) is caught here; what it cannot catch is said in docs/agents.md (the threat model).
 */
function isPolicyShape(value: unknown): value is Policy {
  if (!isRecord(value)) return false;
  const { mode, allow, reviewers, defaults, rules, environments, specs, log, queue, thresholds } = value;
  return (
    typeof mode === 'string' &&
    isStringList(allow) &&
    isRecord(reviewers) &&
    Object.values(reviewers).every(isStringList) &&
    isRecord(defaults) &&
    Array.isArray(rules) &&
    rules.every((rule) => isRecord(rule) && typeof rule.name === 'string' && isRecord(rule.if)) &&
    isRecord(environments) &&
    isRecord(specs) &&
    isStringList(specs.paths) &&
    isRecord(log) &&
    typeof log.branch === 'string' &&
    isRecord(queue) &&
    isRecord(thresholds) &&
    isRecord(thresholds.cost)
  );
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
