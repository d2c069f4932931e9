// A GitHub App registered on the simulator and installed on its repository, as GitHub checks it:
// the App authenticates as itself with a JWT signed by its private key (app-jwt.ts) on the /app
// routes, mints installation tokens there (optionally narrowed to repositories and permissions,
// recorded on the token), and every other request must carry a token GitHub minted and still
// holds: an unknown or expired one is answered 401, a route outside the token's permissions 403.
// What a token writes is written by the App's bot account (`<slug>[bot]`, type Bot).
import { createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import type { Actor } from '../../src/core/model.ts';
import { anError, aUser, example } from '../support/github-fixtures.ts';
import { looksLikeJwt, verifyAppJwt } from './app-jwt.ts';

type Json = Record<string, unknown>;
type Answer = [number, unknown, Record<string, string>?];

export interface AppRegistration {
  id: number;
  slug: string;
  name: string;
  /** PEM of the App's private key; the simulator keeps only its public half. */
  privateKey: string;
  installationId: number;
  /** What the installation was granted (app.yml's `default_permissions`). */
  permissions: Record<string, string>;
  events: string[];
  /** The bot account GitHub created with the App. */
  bot: Actor;
}

/** Who a request acts as: what it writes is that account's, check runs are that app's. */
export interface Caller {
  actor: Actor;
  app: { id: number; slug: string; name: string };
}

export interface MintedToken {
  token: string;
  installationId: number;
  permissions: Record<string, string>;
  /** Names of the repositories the token was narrowed to; undefined: every one of the installation. */
  repositories: string[] | undefined;
  expiresAt: string;
}

/** Installation tokens live an hour (GitHub's rule). */
export const TOKEN_LIFETIME_MS = 60 * 60_000;

const NOT_ACCESSIBLE = 'Resource not accessible by integration';

/**
 * The permission a repository route needs (GitHub's "Permissions required for GitHub Apps"), by
 * the segment after `/repos/{owner}/{repo}`; reads need `read`, everything else `write`.
 * `metadata` is granted to every token.
 */
function permissionFor(method: string, segments: string[]): string | string[] {
  const [area = '', , sub = '', leaf = ''] = segments;
  if (area === 'actions' && leaf === 'deployment_protection_rule') return 'deployments';
  if (area === 'actions' && leaf === 'pending_deployments' && method !== 'GET') return 'deployments';
  if (area === 'commits' && (sub === 'check-runs' || sub === 'check-suites')) return 'checks';
  if (area === 'commits' && sub === 'pulls') return 'pull_requests';
  switch (area) {
    case '':
    case 'collaborators':
    case 'installation':
      return 'metadata';
    case 'check-runs':
    case 'check-suites':
      return 'checks';
    case 'pulls':
      return 'pull_requests';
    // A pull request's conversation is an issue's: either permission reaches it.
    case 'issues':
      return ['issues', 'pull_requests'];
    case 'contents':
    case 'git':
    case 'commits':
    case 'activity':
    case 'dispatches':
      return 'contents';
    case 'actions':
      return 'actions';
    case 'deployments':
      return 'deployments';
    case 'environments':
      return method === 'GET' ? 'actions' : 'administration';
    default:
      return 'metadata';
  }
}

function grants(permissions: Record<string, string>, name: string, level: 'read' | 'write'): boolean {
  if (name === 'metadata' && level === 'read') return true;
  const granted = permissions[name];
  return granted === 'write' || (granted === 'read' && level === 'read');
}

export class SimulatedApp {
  readonly tokens = new Map<string, MintedToken>();
  /** Personal tokens, by token: the person each acts as. */
  private readonly personalTokens = new Map<string, Actor>();
  private readonly writingTokens = new Set<string>();
  /**
   * Other accounts the App is installed on: GET /app/installations lists them after the
   * simulator's own; GitHub mints no token here for them (403 suspended, 404 uninstalled since).
   */
  readonly otherInstallations: { id: number; account: string; suspended: boolean }[] = [];
  /** The installation's repositories besides the simulator's one: listed only, their routes 404. */
  readonly otherRepositories: { name: string; archived: boolean }[] = [];
  readonly registration: AppRegistration;
  private readonly repository: { owner: string; repo: string; id: number };
  private readonly publicKey: KeyObject;

  constructor(registration: AppRegistration, repository: { owner: string; repo: string; id: number }) {
    this.registration = registration;
    this.repository = repository;
    this.publicKey = createPublicKey(registration.privateKey);
  }

  get caller(): Caller {
    const { id, slug, name, bot } = this.registration;
    return { actor: bot, app: { id, slug, name } };
  }

  /**
   * Checks the request's credentials for `path` (without the /api/v3 prefix). Returns the caller
   * it acts as, or the refusal GitHub would answer. `nowMs` is GitHub's clock.
   */
  authenticate(
    method: string,
    path: string,
    authorization: string | undefined,
    nowMs: number,
  ): { caller: Caller } | { refusal: Answer } {
    const credential = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const isAppRoute = path === '/app' || path.startsWith('/app/') || this.isRepositoryInstallation(path);
    if (credential === undefined) {
      // Unauthenticated requests reach only public data; this repository is private.
      return isAppRoute || path.startsWith('/repos/')
        ? { refusal: [401, anError('Requires authentication')] }
        : { caller: this.anonymous() };
    }
    if (looksLikeJwt(credential)) {
      // The JWT is signed with the App's own clock; the simulator's movable clock is GitHub's
      // view of "now" only for what it stamps, so the JWT is checked against the real time.
      const check = verifyAppJwt(
        credential,
        this.publicKey,
        this.registration.id,
        Math.floor(Date.now() / 1000),
      );
      if ('refused' in check) return { refusal: [401, anError(check.refused)] };
      if (!isAppRoute) return { refusal: [403, anError(NOT_ACCESSIBLE)] };
      return { caller: this.caller };
    }
    const person = this.personalTokens.get(credential);
    if (person !== undefined) {
      // A person's token acts as them; a read-only one writes nothing, and apps' routes refuse it.
      if (isAppRoute) return { refusal: [401, anError('A JSON web token could not be decoded')] };
      const writes = this.writingTokens.has(credential);
      if (!writes && method !== 'GET' && method !== 'HEAD' && !(method === 'POST' && path === '/graphql'))
        return { refusal: [403, anError(NOT_ACCESSIBLE)] };
      return { caller: { actor: person, app: { id: 0, slug: '', name: '' } } };
    }
    const token = this.tokens.get(credential);
    if (token === undefined || Date.parse(token.expiresAt) <= nowMs)
      return { refusal: [401, anError('Bad credentials')] };
    if (isAppRoute && path !== '/installation/repositories')
      return {
        refusal: [401, anError('A JSON web token could not be decoded')],
      };
    const denied = this.checkPermission(method, path, token);
    return denied === undefined ? { caller: this.caller } : { refusal: denied };
  }

  /**
   * A person's read-only token (a fine-grained personal access token with read access to the
   * repository), as `gh auth token` gives the CLI: it reads as that person, and writes nothing.
   */
  issuePersonalToken(person: Actor, access: 'read' | 'write' = 'read'): string {
    const token = `github_pat_${randomBytes(20).toString('hex')}`;
    this.personalTokens.set(token, person);
    // `write`: issues and contents write, as an agent's token for `gatehouse ask` has.
    if (access === 'write') this.writingTokens.add(token);
    return token;
  }

  /** Serves the App's own routes, or undefined for any other path. */
  route(method: string, path: string, body: Json, nowMs: number): Answer | undefined {
    const { registration } = this;
    if (method === 'GET' && path === '/app') return [200, this.appBody()];
    if (method === 'GET' && path === '/app/installations')
      return [
        200,
        [this.installationBody(), ...this.otherInstallations.map((other) => this.otherBody(other))],
      ];
    const mint = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === 'POST' && mint) {
      const other = this.otherInstallations.find((entry) => entry.id === Number(mint[1]));
      if (other?.suspended === true) return [403, anError('This installation has been suspended')];
      if (Number(mint[1]) !== registration.installationId) return [404, anError('Not Found')];
      return this.mint(body, nowMs);
    }
    if (method === 'GET' && this.isRepositoryInstallation(path)) return [200, this.installationBody()];
    if (method === 'GET' && path === '/installation/repositories') {
      const repository = example('GET /repos/{owner}/{repo}') as Json;
      const listed = [{ name: this.repository.repo, archived: false }, ...this.otherRepositories];
      return [
        200,
        {
          total_count: listed.length,
          repository_selection: 'all',
          repositories: listed.map((entry, index) => ({
            ...repository,
            // The example leaves out `language`, which GitHub always sends.
            language: null,
            id: this.repository.id + index,
            name: entry.name,
            full_name: `${this.repository.owner}/${entry.name}`,
            owner: { ...(repository.owner as Json), login: this.repository.owner },
            archived: entry.archived,
          })),
        },
      ];
    }
    return undefined;
  }

  private anonymous(): Caller {
    return { actor: { id: 0, login: '', type: 'User' }, app: { id: 0, slug: '', name: '' } };
  }

  private isRepositoryInstallation(path: string): boolean {
    return path === `/repos/${this.repository.owner}/${this.repository.repo}/installation`;
  }

  private checkPermission(method: string, path: string, token: MintedToken): Answer | undefined {
    const repo = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    const level = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
    if (repo !== null) {
      // A repository the token was not narrowed to does not exist for it.
      if (token.repositories !== undefined && !token.repositories.includes(repo[2] ?? ''))
        return [404, anError('Not Found')];
      const needed = permissionFor(method, (repo[3] ?? '').split('/').slice(1));
      const names = Array.isArray(needed) ? needed : [needed];
      return names.some((name) => grants(token.permissions, name, level))
        ? undefined
        : [403, anError(NOT_ACCESSIBLE)];
    }
    if (/^\/orgs\/[^/]+\/teams\//.test(path))
      return grants(token.permissions, 'members', 'read') ? undefined : [403, anError(NOT_ACCESSIBLE)];
    return undefined;
  }

  private mint(body: Json, nowMs: number): Answer {
    const { registration } = this;
    const asked = (body.permissions ?? undefined) as Record<string, string> | undefined;
    if (asked !== undefined) {
      // GitHub refuses to mint more than the installation holds.
      for (const [name, level] of Object.entries(asked))
        if (!grants(registration.permissions, name, level === 'write' ? 'write' : 'read'))
          return [422, anError(`The permissions requested are not granted to this installation.`)];
    }
    const names = Array.isArray(body.repositories) ? (body.repositories as string[]) : undefined;
    if (names?.some((name) => name !== this.repository.repo))
      return [
        422,
        anError(
          'There is at least one repository that does not exist or is not accessible to the parent installation.',
        ),
      ];
    const permissions = { ...(asked ?? registration.permissions), metadata: 'read' };
    const minted: MintedToken = {
      token: `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`,
      installationId: registration.installationId,
      permissions,
      repositories: names,
      expiresAt: new Date(nowMs + TOKEN_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.tokens.set(minted.token, minted);
    const template = example('POST /app/installations/{installation_id}/access_tokens', '201') as Json;
    const { repositories: _all, ...rest } = template;
    return [
      201,
      {
        ...rest,
        token: minted.token,
        expires_at: minted.expiresAt,
        permissions,
        repository_selection: names === undefined ? 'all' : 'selected',
        ...(names === undefined
          ? {}
          : {
              repositories: (_all as Json[]).slice(0, 1).map((entry) => ({
                ...entry,
                id: this.repository.id,
                name: this.repository.repo,
                full_name: `${this.repository.owner}/${this.repository.repo}`,
              })),
            }),
      },
    ];
  }

  private appBody(): Json {
    const { id, slug, name, permissions, events } = this.registration;
    const app = example('GET /app') as Json;
    return {
      ...app,
      id,
      slug,
      name,
      owner: { ...(app.owner as Json), login: this.repository.owner, type: 'Organization' },
      html_url: `https://github.com/apps/${slug}`,
      permissions: { ...permissions, metadata: 'read' },
      events,
    };
  }

  private installationBody(): Json {
    const { id, installationId, permissions, events } = this.registration;
    const installation = example('GET /repos/{owner}/{repo}/installation') as Json;
    return {
      ...installation,
      id: installationId,
      app_id: id,
      app_slug: this.registration.slug,
      // The description (ghes-3.19) makes `account` a simple user AND an enterprise (allOf where
      // anyOf is meant): the enterprise's fields are added, so GitHub's real answer passes it.
      account: {
        ...(installation.account as Json),
        login: this.repository.owner,
        type: 'Organization',
        name: this.repository.owner,
        slug: this.repository.owner,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
      },
      target_type: 'Organization',
      repository_selection: 'all',
      access_tokens_url: `https://api.github.com/app/installations/${installationId}/access_tokens`,
      permissions: { ...permissions, metadata: 'read' },
      events,
      suspended_at: null,
      suspended_by: null,
    };
  }

  private otherBody(other: { id: number; account: string; suspended: boolean }): Json {
    const body = this.installationBody();
    return {
      ...body,
      id: other.id,
      account: { ...(body.account as Json), login: other.account, name: other.account, slug: other.account },
      access_tokens_url: `https://api.github.com/app/installations/${other.id}/access_tokens`,
      suspended_at: other.suspended ? '2026-01-01T00:00:00Z' : null,
      suspended_by: other.suspended ? aUser({ id: 1, login: other.account, type: 'User' }) : null,
    };
  }

  /** The bot's user object, as GET /users/{slug}[bot] answers. */
  botBody(): Json {
    return { ...aUser(this.registration.bot), type: 'Bot' };
  }
}
