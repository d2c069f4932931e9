// Where and as whom an agent asks, from the CLI's environment (DESIGN §10): the token
// (GITHUB_TOKEN, else GH_TOKEN), the API (GITHUB_API_URL for Enterprise Server), the repository
// (--repo, else the clone's `origin`), who asks (the token's account), for whom (--on-behalf-of,
// resolved to a numeric id) and the commit the request binds to (--sha, else the clone's HEAD).
import type { Actor } from '../core/model.ts';
import { createGitHubClient, type GitHubClient } from '../github/client.ts';
import { createActor } from '../github/load-pull-request.ts';
import { describeRequestError, readStatus } from '../github/request-error.ts';
import { loadConfigValue, loadHeadCommit, loadRepository } from '../local/git.ts';
import type { AgentContext } from './request-approval.ts';

/** A setup problem (no token, no repository, GitHub unreachable): one line, exit 2 in the CLI. */
export class AgentSetupError extends Error {
  override name = 'AgentSetupError';
}

/** The user GitHub Actions' GITHUB_TOKEN writes as (GET /user refuses an installation token). */
const ACTIONS_USER: Actor = { id: 41898282, login: 'github-actions[bot]', type: 'Bot' };

export interface AgentContextInput {
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /** `OWNER/NAME`; default: the `origin` remote of the clone `cwd` is in. */
  repo?: { owner: string; repo: string };
  onBehalfOf?: string;
  agent?: string;
  /** The commit the request binds to; default: the clone's HEAD, else the default branch's head. */
  sha?: string;
  /** How a wait sleeps between polls; default real timers. */
  sleep?: (ms: number) => Promise<void>;
  /** Warnings of the client (rate-limit waits): one line each. */
  warn?: (message: string) => void;
  fetch?: typeof globalThis.fetch;
}

export async function loadAgentContext(input: AgentContextInput): Promise<AgentContext> {
  const token = input.env.GITHUB_TOKEN || input.env.GH_TOKEN;
  if (token === undefined || token === '')
    throw new AgentSetupError(
      'set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository',
    );
  const local = await loadRepository(input.cwd, input.env);
  const target = input.repo ?? (local === undefined ? undefined : await readOrigin(local));
  if (target === undefined)
    throw new AgentSetupError(
      'which repository? give --repo OWNER/NAME, or run inside a clone whose origin is on GitHub',
    );
  const baseUrl = input.env.GITHUB_API_URL?.replace(/\/+$/, '');
  const warn = input.warn ?? (() => {});
  const github = createGitHubClient({
    auth: token,
    // An agent's request makes a handful of writes; spacing each a second apart buys nothing.
    spaceWrites: false,
    ...(baseUrl === undefined || baseUrl === '' ? {} : { baseUrl }),
    ...(input.fetch === undefined ? {} : { fetch: input.fetch }),
    log: { debug: () => {}, info: () => {}, warn, error: warn },
  });
  const requester = await loadRequester(github, input.env);
  const context: AgentContext = { github, ...target, now: input.now, requester, cwd: input.cwd };
  if (input.onBehalfOf !== undefined) context.onBehalfOf = await loadPerson(github, input.onBehalfOf);
  if (input.agent !== undefined) context.agent = input.agent;
  if (input.sleep !== undefined) context.sleep = input.sleep;
  const sha = input.sha ?? (local === undefined ? undefined : (await loadHeadCommit(local))?.sha);
  if (sha !== undefined && sha !== '') context.sha = sha;
  return context;
}

/** `git@github.com:acme/shop.git`, `https://ghe.example/acme/shop`: the last two path segments. */
export function parseRemoteUrl(url: string): { owner: string; repo: string } | undefined {
  const match = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match?.[1] === undefined || match[2] === undefined ? undefined : { owner: match[1], repo: match[2] };
}

async function readOrigin(local: Parameters<typeof loadConfigValue>[0]) {
  const url = await loadConfigValue(local, 'remote.origin.url');
  return url === undefined ? undefined : parseRemoteUrl(url);
}

/** The token's account: the requester, who can never approve (DESIGN §3, §10). */
async function loadRequester(github: GitHubClient, env: AgentContextInput['env']): Promise<Actor> {
  try {
    const { data } = await github.request('GET /user');
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    const status = readStatus(error);
    // An installation token cannot read /user; on an Actions runner it is github-actions[bot].
    if (status === 403 && env.GITHUB_ACTIONS === 'true') return ACTIONS_USER;
    throw setupError("reading the token's account (GET /user)", error);
  }
}

/** The person an agent acts for, by login; an unknown login is a setup error. */
export async function loadPerson(github: GitHubClient, login: string): Promise<Actor> {
  try {
    const { data } = await github.request('GET /users/{username}', { username: login });
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    if (readStatus(error) === 404) throw new AgentSetupError(`--on-behalf-of ${login}: no such GitHub user`);
    throw setupError(`looking up --on-behalf-of ${login}`, error);
  }
}

/** GitHub's refusal or an unreachable API, as one line that says what to do. */
export function setupError(what: string, error: unknown): AgentSetupError {
  const status = readStatus(error);
  if (status === 401)
    return new AgentSetupError(`GitHub refused the token (401) ${what}: set GITHUB_TOKEN to a valid token`);
  // Octokit reports a request that got no answer (refused, DNS, TLS) as a 500 without a response.
  if (status === undefined || (status === 500 && !hasResponse(error)))
    return new AgentSetupError(
      `GitHub could not be reached ${what}: ${describeRequestError(error)} (check GITHUB_API_URL and the network)`,
    );
  return new AgentSetupError(`GitHub answered ${status} ${what}: ${describeRequestError(error)}`);
}

function hasResponse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'response' in error && error.response !== undefined;
}
