// A local stand-in for the GitHub REST API: a real HTTP server on 127.0.0.1 (ephemeral port)
// holding one repository in memory, for the bundled Action run as a child process. Bodies are
// built from the examples of GitHub's own REST description (@octokit/openapi, through
// test/support/github-fixtures.ts), so every field the Action reads has its real name and shape.
// Every request is recorded (method, path, status, whether it counts against the rate limit), GET
// answers carry an ETag and a matching If-None-Match gets a 304 that, as on GitHub, costs nothing.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../../src/core/model.ts';
import {
  aChangedFile,
  aCheckRun,
  aCommit,
  aFile,
  aGitCommit,
  aGitRef,
  anActivity,
  anError,
  anIssueComment,
  aPermission,
  aPullRequest,
  aReview,
  aTimelineEvent,
  aUser,
  type CheckRunShape,
  example,
  HEAD_SHA,
  OPENED_AT,
  type PullRequestShape,
  users,
} from '../support/github-fixtures.ts';
import { type AppRegistration, type Caller, SimulatedApp } from './app-installation.ts';

export type { Caller };

import { authenticatedUser } from './authenticated-user.ts';
import { listCommitFiles } from './commit-files.ts';
import { type CommitIdentity, verifyApiCommit } from './commit-verification.ts';
import { contentsWrites } from './contents-writes.ts';
import { answerFault, FaultPlan, loseAnswer, refuseSpentLimit } from './faults.ts';
import { answerGraphql } from './graphql.ts';
import { issueEvents } from './issue-events.ts';
import { type CheckedRequest, checkRequest, checkResponse } from './openapi.ts';
import {
  isRateLimited,
  RATE_LIMIT,
  rateLimitHeaders,
  refreshRateLimit,
  setRateLimitWindow,
} from './rate-limit.ts';

type Json = Record<string, unknown>;

export const OWNER = 'acme';
export const REPO = 'shop';
/** The app GITHUB_TOKEN writes as: GitHub Actions (its check runs carry this app id). */
export const ACTIONS_APP_ID = 15368;
export const ACTIONS_BOT: Actor = { id: 41898282, login: 'github-actions[bot]', type: 'Bot' };
export { RATE_LIMIT };

/** Who writes when no App is installed: a workflow's GITHUB_TOKEN. */
const ACTIONS_CALLER: Caller = {
  actor: ACTIONS_BOT,
  app: { id: ACTIONS_APP_ID, slug: 'github-actions', name: 'GitHub Actions' },
};
/** The repository's id, as its REST body and webhook payloads carry it. */
export const REPOSITORY_ID = 1296269;

/** A status, a JSON body (or none), and extra headers: one answer of the simulator. */
export type Answer = [number, unknown, Record<string, string>?];

/**
 * More of GitHub, kept in a module of its own (deployments, environments, …): it answers the
 * requests it knows, after the caller's credentials are checked, and `undefined` to the others.
 */
export type Router = (request: {
  method: string;
  /** The path without `/api/v3` and the query, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  body: Json;
  caller: Caller;
  /** The Authorization header as sent: which token (and so which permissions) made the request. */
  authorization: string | undefined;
  simulator: GitHubSimulator;
}) => Answer | undefined;

export interface RecordedRequest {
  method: string;
  /** The path without the query, percent-decoded. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** False for a 304 (conditional request answered from the client's cache) and for /rate_limit. */
  counted: boolean;
  /** Sent with If-None-Match: a conditional request. */
  conditional: boolean;
  body: unknown;
  /** The fault answered (test/simulator/faults.ts): `status 502`, `secondary`, `applied, then 502`… */
  fault?: string;
}

interface GitCommitEntry {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** The account that wrote it (through the API: the token's); default github-actions[bot]. */
  author?: Actor | null;
  /** Who GitHub says committed it, and its verification (commit-verification.ts); default: GitHub signed it. */
  committer?: Actor | null;
  verification?: { verified: boolean; reason: string };
}

export interface RepositoryState {
  defaultBranch: string;
  /** Files by ref (branch name or commit SHA), then path. A ref missing here reads the default branch. */
  contents: Record<string, Record<string, string>>;
  pulls: Map<number, { shape: PullRequestShape; files: string[]; reviews: Json[] }>;
  /** Pull request numbers by commit SHA (GET /commits/{sha}/pulls). */
  commitPulls: Record<string, number[]>;
  issues: Map<number, Json>;
  /** Issue (and pull request) comments by issue number. */
  comments: Map<number, Json[]>;
  checkRuns: Json[];
  /** login → permission (admin, maintain, write, triage, read, none). */
  permissions: Record<string, string>;
  /** Known accounts by login. */
  users: Record<string, Actor>;
  teams: Record<string, string[]>;
  refs: Map<string, string>;
  commits: Map<string, GitCommitEntry>;
  /** Tree SHA → path → blob SHA. */
  trees: Map<string, Record<string, string>>;
  blobs: Map<string, string>;
  dispatches: Json[];
  workflowRuns: Json[];
  reruns: { runId: number; kind: 'rerun' | 'rerun-failed-jobs' }[];
  /** GitHub's activity log by full ref (`refs/heads/…`), newest first. */
  activity: Map<string, Json[]>;
  /** Issue events of the timeline (review_requested, …) by issue or pull request number. */
  events: Map<number, Json[]>;
  /** The buttons (requested actions) of each check run by id: GitHub shows them, its API does not return them. */
  checkRunActions: Map<number, Json[]>;
  /** When each edited review (by id) was last edited: the timeline's `reviewed` event shows it, REST does not. */
  reviewEditedAt: Map<number, string>;
  nextId: number;
  rateRemaining: number;
  /** When the rate limit's window resets: epoch seconds on the simulator's clock (rate-limit.ts). */
  rateReset: number;
}

type Hook = { matches: (request: RecordedRequest) => boolean; nth: number; seen: number; run: () => void };

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function roleOf(permission: string): string {
  return permission === 'none' ? 'none' : permission;
}

/** The permission the collaborator API reports: maintain reads as write, triage as read. */
function legacyPermission(permission: string): string {
  if (permission === 'maintain') return 'write';
  if (permission === 'triage') return 'read';
  return permission;
}

function anIssue(number: number, fields: Json, user: Actor): Json {
  const issue = (example('POST /repos/{owner}/{repo}/issues', '201') as Json) ?? {};
  const label = ((issue.labels as Json[] | undefined) ?? [])[0] ?? {};
  const labels = ((fields.labels as (string | Json)[] | undefined) ?? []).map((entry, index) => ({
    ...label,
    id: index + 1,
    name: typeof entry === 'string' ? entry : entry.name,
  }));
  const { pull_request: _pull, ...rest } = issue;
  return {
    ...rest,
    id: number * 1000,
    number,
    title: fields.title ?? '',
    body: fields.body ?? null,
    state: 'open',
    state_reason: null,
    labels,
    assignees: [],
    assignee: null,
    milestone: null,
    comments: 0,
    locked: false,
    user: aUser(user),
    url: `https://api.github.com/repos/${OWNER}/${REPO}/issues/${number}`,
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
    closed_at: null,
    closed_by: null,
  };
}

function aWorkflowRun(shape: {
  id: number;
  status: string;
  conclusion?: string | null;
  headSha?: string;
  event?: string;
}): Json {
  const list = example('GET /repos/{owner}/{repo}/actions/runs') as Json;
  const run = structuredClone((list.workflow_runs as Json[])[0] ?? {});
  return {
    ...run,
    id: shape.id,
    status: shape.status,
    conclusion: shape.conclusion ?? null,
    head_sha: shape.headSha ?? HEAD_SHA,
    event: shape.event ?? 'push',
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${shape.id}`,
    url: `https://api.github.com/repos/${OWNER}/${REPO}/actions/runs/${shape.id}`,
  };
}

/** The conclusions the `status` filter of GET /actions/runs also accepts. */
const CONCLUSIONS = new Set([
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'skipped',
  'stale',
  'success',
  'timed_out',
]);

export class GitHubSimulator {
  readonly state: RepositoryState;
  readonly requests: RecordedRequest[] = [];
  /**
   * Whether each answer is checked against GitHub's REST description. Tests keep it on; a
   * benchmark (bench/burst.ts) turns it off, so that it times the App rather than this check.
   */
  checkResponses = true;
  /** Requests GitHub would refuse and (prefixed `response:`) answers GitHub would never give. */
  readonly violations: string[] = [];
  private readonly server: Server;
  private readonly hooks: Hook[] = [];
  /** Faults to answer with: `github.faults.inject(match, fault)`, `.random({ seed, rate, faults })`. */
  readonly faults = new FaultPlan();
  private port = 0;
  /** What GitHub stamps on what it creates: the real time (moved by `advance`), unless a test fixes it. */
  fixedClock: string | undefined;
  /** How far GitHub's clock runs ahead of the real time; runs of the Action read the same clock. */
  clockOffsetMs = 0;
  /** The App installed on the repository (`installApp`); without one, tokens are not checked. */
  app: SimulatedApp | undefined;
  /** Who the request being served acts as (set from its credentials). */
  private caller: Caller = ACTIONS_CALLER;
  /** Routers (GET /user, and those added by `extend`), asked in order before the simulator's own routes. */
  private readonly routers: Router[] = [authenticatedUser, issueEvents, contentsWrites];

  /** Adds a router (see {@link Router}): GitHub's other resources, each in its own module. */
  extend(router: Router): this {
    this.routers.push(router);
    return this;
  }

  /** Who made the request being answered: the App's bot, or github-actions[bot] for a workflow's token. */
  get currentCaller(): Caller {
    return this.caller;
  }
  /** `/api/v3` when the request came the Enterprise Server way: its links keep the prefix. */
  private apiPrefix = '';

  get clock(): string {
    return this.fixedClock ?? new Date(Date.now() + this.clockOffsetMs).toISOString();
  }

  /** Lets `ms` pass for GitHub (and for the Action runs that share its clock). */
  advance(ms: number): void {
    this.clockOffsetMs += ms;
  }

  constructor() {
    this.state = {
      defaultBranch: 'main',
      contents: { main: {} },
      pulls: new Map(),
      commitPulls: {},
      issues: new Map(),
      comments: new Map(),
      checkRuns: [],
      permissions: {},
      users: Object.fromEntries(
        [...Object.values(users), ACTIONS_BOT].map((user) => [user.login, user as Actor]),
      ),
      teams: {},
      refs: new Map(),
      commits: new Map(),
      trees: new Map(),
      blobs: new Map(),
      dispatches: [],
      workflowRuns: [],
      reruns: [],
      activity: new Map(),
      events: new Map(),
      checkRunActions: new Map(),
      reviewEditedAt: new Map(),
      nextId: 1000,
      rateRemaining: RATE_LIMIT,
      rateReset: 0,
    };
    this.server = createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        this.violations.push(
          `response: ${request.method} ${request.url} 500: the simulator failed: ${String(error)}`,
        );
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify(anError(String(error))));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  // -------------------------------------------------------------------------------------------
  // Setting the scene.

  /**
   * Registers an App and installs it on the repository: from now on every request must carry
   * the App's JWT or a token minted for it, and what a token writes is the App's bot's.
   */
  installApp(registration: AppRegistration): SimulatedApp {
    this.app = new SimulatedApp(registration, { owner: OWNER, repo: REPO, id: REPOSITORY_ID });
    this.state.users[registration.bot.login] = registration.bot;
    return this.app;
  }

  setFile(path: string, text: string, ref = this.state.defaultBranch): void {
    this.state.contents[ref] = { ...(this.state.contents[ref] ?? {}), [path]: text };
  }

  /** The rate limit from now on: `remaining` counted requests left, a reset `resetInMs` away (rate-limit.ts). */
  setRateLimit(window: { remaining: number; resetInMs?: number }): void {
    setRateLimitWindow(this.state, Date.now() + this.clockOffsetMs, window);
  }

  addPullRequest(shape: PullRequestShape & { number: number }, files: string[]): void {
    this.state.pulls.set(shape.number, { shape, files, reviews: [] });
    const sha = shape.headSha ?? HEAD_SHA;
    this.state.commitPulls[sha] = [...(this.state.commitPulls[sha] ?? []), shape.number];
    // Its branch was pushed a minute before the pull request was opened, as GitHub's log shows.
    const opened = Date.parse(shape.createdAt ?? OPENED_AT);
    this.state.activity.set('refs/heads/drop-status', [
      anActivity({
        after: sha,
        at: new Date(opened - 60_000).toISOString(),
        actor: shape.user ?? users.author,
        type: 'branch_creation',
      }),
    ]);
  }

  /**
   * A push of `sha` to pull request `number`'s branch at `at` by `actor`: the pull request's head
   * moves, and GitHub's activity log gets the push on top (before = the previous head).
   */
  push(number: number, sha: string, shape: { at: string; actor: Actor; type?: 'push' | 'force_push' }): void {
    const pull = this.state.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    const before = pull.shape.headSha ?? HEAD_SHA;
    pull.shape = { ...pull.shape, headSha: sha };
    this.state.commitPulls[before] = (this.state.commitPulls[before] ?? []).filter((n) => n !== number);
    this.state.commitPulls[sha] = [...(this.state.commitPulls[sha] ?? []), number];
    const ref = 'refs/heads/drop-status';
    this.state.activity.set(ref, [
      anActivity({ before, after: sha, at: shape.at, actor: shape.actor, type: shape.type ?? 'push' }),
      ...(this.state.activity.get(ref) ?? []),
    ]);
  }

  /**
   * A check run created by any workflow of the repository with its GITHUB_TOKEN: GitHub Actions'
   * app id, whatever name, head and start time that workflow chose.
   */
  addCheckRun(shape: Omit<CheckRunShape, 'id' | 'appId'>): number {
    const id = this.state.nextId++;
    const run = aCheckRun({ ...shape, id, appId: ACTIONS_APP_ID });
    this.state.checkRuns.push({
      ...run,
      app: { ...(run.app as Json), slug: 'github-actions', name: 'GitHub Actions' },
    });
    return id;
  }

  addReview(number: number, user: Actor, state: string, commitId = HEAD_SHA): number {
    const id = this.state.nextId++;
    this.state.pulls
      .get(number)
      ?.reviews.push(aReview({ id, user, state, commitId, submittedAt: this.clock }));
    return id;
  }

  addIssue(fields: { title: string; body?: string; labels?: string[] }, user: Actor = ACTIONS_BOT): number {
    const number = this.state.nextId++;
    this.state.issues.set(number, {
      ...anIssue(number, fields, user),
      created_at: this.clock,
      updated_at: this.clock,
    });
    return number;
  }

  /** A comment by `user` on issue or pull request `number`, as GitHub would list it. */
  addComment(number: number, user: Actor, body: string): number {
    const id = this.state.nextId++;
    const comment = anIssueComment({ id, user, body, createdAt: this.clock });
    comment.html_url = `https://github.com/${OWNER}/${REPO}/issues/${number}#issuecomment-${id}`;
    comment.issue_url = `https://api.github.com/repos/${OWNER}/${REPO}/issues/${number}`;
    this.state.comments.set(number, [...(this.state.comments.get(number) ?? []), comment]);
    const issue = this.state.issues.get(number);
    if (issue !== undefined) issue.comments = (issue.comments as number) + 1;
    return id;
  }

  /**
   * Moves issue `number` and its comments `ms` into the past, as if that much time had passed
   * since they were written: approvals given right after a request are held stale (the push
   * guard), and deadlines count from the issue.
   */
  age(number: number, ms: number): void {
    const back = (time: unknown) =>
      typeof time === 'string' ? new Date(Date.parse(time) - ms).toISOString() : time;
    const issue = this.state.issues.get(number);
    if (issue !== undefined) {
      issue.created_at = back(issue.created_at);
      issue.updated_at = back(issue.updated_at);
    }
    for (const comment of this.commentsOn(number)) {
      comment.created_at = back(comment.created_at);
      comment.updated_at = back(comment.updated_at);
    }
  }

  setPermission(login: string, permission: string): void {
    this.state.permissions[login] = permission;
  }

  addWorkflowRun(shape: { id: number; status: string; conclusion?: string | null; headSha?: string }): void {
    this.state.workflowRuns.push(aWorkflowRun(shape));
  }

  /**
   * Runs `action` just before the `nth` request that `matches` is served (1 = the first), so a
   * test can, say, have alice comment while the Action waits, after its second poll.
   */
  when(matches: (request: RecordedRequest) => boolean, nth: number, action: () => void): void {
    this.hooks.push({ matches, nth, seen: 0, run: action });
  }

  // -------------------------------------------------------------------------------------------
  // Reading what happened.

  /** Throws, listing them, if any exchange strayed from GitHub's REST description; then starts afresh. */
  assertFaithful(): void {
    const found = this.violations.splice(0);
    if (found.length > 0)
      throw new Error(`Not what GitHub accepts or answers (@octokit/openapi):\n  ${found.join('\n  ')}`);
  }

  /** Requests that count against the rate limit: everything but 304s and GET /rate_limit. */
  counted(): RecordedRequest[] {
    return this.requests.filter((request) => request.counted);
  }

  commentsOn(number: number): Json[] {
    return this.state.comments.get(number) ?? [];
  }

  /** The files at the tip of `branch` on the git data side (the decision log), path → text. */
  filesOnBranch(branch: string): Record<string, string> {
    const tip = this.state.refs.get(branch);
    const commit = tip === undefined ? undefined : this.state.commits.get(tip);
    const tree = commit === undefined ? undefined : this.state.trees.get(commit.tree);
    return Object.fromEntries(
      Object.entries(tree ?? {}).map(([path, blob]) => [path, this.state.blobs.get(blob) ?? '']),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Serving.

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const method = request.method ?? 'GET';
    // Enterprise Server: REST under /api/v3, GraphQL at /api/graphql.
    this.apiPrefix = url.pathname.startsWith('/api/') ? '/api/v3' : '';
    const path = url.pathname.replace(/^\/api\/v3/, '').replace(/^\/api\/graphql$/, '/graphql');
    const query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = {
      method,
      path: safeDecode(path),
      query,
      status: 0,
      counted: true,
      conditional: request.headers['if-none-match'] !== undefined,
      body,
    };
    const checked = checkRequest({ method, url: request.url ?? '/', body: text === '' ? undefined : body });
    this.violations.push(...checked.violations);
    const accepted = checked.violations.length === 0;
    for (const hook of accepted ? this.hooks : []) {
      if (hook.matches(record) && ++hook.seen === hook.nth) hook.run();
    }
    // Faults (faults.ts): an injected one, or the primary rate limit once its budget is spent.
    const nowMs = Date.now() + this.clockOffsetMs;
    refreshRateLimit(this.state, nowMs);
    const fault = this.faults.pick(record);
    if (fault !== undefined && (await answerFault(fault, record, response, this.state, nowMs))) {
      this.requests.push(record);
      return;
    }
    if (isRateLimited(this.state, path)) {
      refuseSpentLimit(record, response, this.state);
      this.requests.push(record);
      return;
    }
    const [status, payload, extra] = accepted
      ? this.answer(request, method, path, query, (body ?? {}) as Json)
      : refusal(checked);
    if (accepted && this.checkResponses)
      this.violations.push(...checkResponse(checked, status, payload).map((v) => `response: ${v}`));
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...extra };
    let out = payload === undefined ? '' : JSON.stringify(payload);
    let finalStatus = status;
    if (method === 'GET' && status === 200) {
      const etag = `W/"${sha1(out)}"`;
      headers.etag = etag;
      if (request.headers['if-none-match'] === etag) {
        finalStatus = 304;
        out = '';
      }
    }
    record.status = finalStatus;
    record.counted = finalStatus !== 304 && path !== '/rate_limit';
    if (record.counted) this.state.rateRemaining = Math.max(0, this.state.rateRemaining - 1);
    this.requests.push(record);
    Object.assign(headers, rateLimitHeaders(this.state), {
      'x-github-media-type': 'github.v3; format=json',
    });
    if (loseAnswer(fault, record, response)) return;
    if (finalStatus === 204 || finalStatus === 304) delete headers['content-type'];
    response.writeHead(finalStatus, headers);
    response.end(finalStatus === 204 || finalStatus === 304 ? undefined : out);
  }

  /** The answer to one request: the App's credentials checked first, when an App is installed. */
  private answer(
    request: IncomingMessage,
    method: string,
    path: string,
    query: Record<string, string>,
    body: Json,
  ): [number, unknown, Record<string, string>?] {
    this.caller = ACTIONS_CALLER;
    if (this.app !== undefined) {
      const nowMs = Date.parse(this.clock);
      const auth = this.app.authenticate(method, path, request.headers.authorization, nowMs);
      if ('refusal' in auth) return auth.refusal;
      this.caller = auth.caller;
      const answered = this.app.route(method, path, body, nowMs);
      if (answered !== undefined) return answered;
    }
    for (const router of this.routers) {
      const answered = router({
        method,
        path,
        query,
        body,
        caller: this.caller,
        authorization: request.headers.authorization,
        simulator: this,
      });
      if (answered !== undefined) return answered;
    }
    return this.route(method, path, query, body);
  }

  private route(
    method: string,
    rawPath: string,
    query: Record<string, string>,
    body: Json,
  ): [number, unknown, Record<string, string>?] {
    if (method === 'GET' && rawPath === '/rate_limit') return [200, this.rateLimit()];
    if (method === 'POST' && rawPath === '/graphql')
      return answerGraphql(body, this.state.blobs, {
        runs: this.state.checkRuns,
        commits: new Set([...this.state.commits.keys(), ...Object.keys(this.state.contents)]),
      });
    const users = /^\/users\/([^/]+)$/.exec(rawPath);
    if (method === 'GET' && users) return this.user(safeDecode(users[1] ?? ''));
    const team = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(rawPath);
    if (method === 'GET' && team) {
      const members = this.state.teams[`${team[1]}/${team[2]}`];
      if (members === undefined) return [404, anError('Not Found')];
      return this.page(
        members.map((login) => aUser(this.actor(login))),
        query,
        rawPath,
      );
    }
    const prefix = `/repos/${OWNER}/${REPO}`;
    if (!rawPath.startsWith(prefix)) return [404, anError('Not Found')];
    // Path parameters are percent-encoded by Octokit (contents paths, git refs): decode each segment.
    const rest = rawPath.slice(prefix.length);
    const segments = rest.split('/').map(safeDecode);
    const [, a = '', b = '', c = '', d = ''] = segments;
    const at = `${method} ${segments.length > 1 ? `/${a}` : ''}`;
    if (at === 'POST /pulls' && c === 'requested_reviewers') return this.requestReviewers(Number(b), body);
    switch (at) {
      case 'GET ':
        return [200, this.repository()];
      case 'GET /activity':
        return [200, (this.state.activity.get(query.ref ?? '') ?? []).slice(0, Number(query.per_page ?? 30))];
      case 'GET /contents':
        return this.content(segments.slice(2).join('/'), query.ref);
      case 'GET /pulls':
      case 'POST /pulls':
        return this.pullsRoute(method, b, c, query);
      case 'GET /commits':
        if (c === 'pulls') {
          const numbers = this.state.commitPulls[b] ?? [];
          return [200, numbers.map((number) => this.pull(number)).filter((pull) => pull !== undefined)];
        }
        if (c === 'check-runs') return this.checkRunsFor(b, query);
        if (b === '') return this.listCommits(query);
        return this.commit(b);
      case 'GET /issues':
      case 'POST /issues':
      case 'PATCH /issues':
        return this.issuesRoute(method, b, c, d, query, body);
      case 'GET /check-runs':
        return this.findCheckRun(Number(b));
      case 'POST /check-runs':
        return this.createCheckRun(body);
      case 'PATCH /check-runs':
        return this.updateCheckRun(Number(b), body);
      case 'GET /collaborators':
        return this.permission(b);
      case 'GET /git':
      case 'POST /git':
      case 'PATCH /git':
        return this.git(method, b, segments.slice(3).join('/'), query, body);
      case 'POST /dispatches':
        if (typeof body.event_type !== 'string' || body.event_type === '') return [422, anError('Invalid')];
        this.state.dispatches.push(body);
        return [204, undefined];
      case 'GET /actions':
      case 'POST /actions':
        return this.actions(method, b, c, d, query);
      default:
        return [404, anError('Not Found')];
    }
  }

  private rateLimit(): Json {
    const core = {
      limit: RATE_LIMIT,
      remaining: this.state.rateRemaining,
      reset: this.state.rateReset,
      used: RATE_LIMIT - this.state.rateRemaining,
    };
    return { resources: { core }, rate: core };
  }

  private actor(login: string): Actor {
    return this.state.users[login] ?? { id: 5000 + sha1(login).charCodeAt(0), login, type: 'User' };
  }

  private user(login: string): [number, unknown] {
    const known = this.state.users[login];
    if (known === undefined) return [404, anError('Not Found')];
    const template = example('GET /users/{username}') as Json;
    return [200, { ...template, ...aUser(known), name: known.login }];
  }

  /** The repository's REST body (webhook payloads carry the same). */
  repository(): Json {
    // Not a fork, so no `parent` or `source`; the example leaves out `language`, which GitHub always sends.
    const { parent: _parent, source: _source, ...repo } = example('GET /repos/{owner}/{repo}') as Json;
    return {
      ...repo,
      id: REPOSITORY_ID,
      language: null,
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      default_branch: this.state.defaultBranch,
      owner: { ...(repo.owner as Json), login: OWNER },
      html_url: `https://github.com/${OWNER}/${REPO}`,
    };
  }

  private content(path: string, ref: string | undefined): [number, unknown] {
    // A commit (or branch) only the git data side holds, such as the decision log's: its tree,
    // as GitHub serves any commit.
    const known = ref === undefined || this.state.contents[ref] !== undefined;
    const commit = known ? undefined : this.state.commits.get(this.resolve(ref) ?? '');
    const blob = commit === undefined ? undefined : this.state.trees.get(commit.tree)?.[path];
    if (blob !== undefined && this.state.blobs.has(blob))
      return [200, aFile(path, this.state.blobs.get(blob) ?? '')];
    const files =
      this.state.contents[ref ?? this.state.defaultBranch] ?? this.state.contents[this.state.defaultBranch];
    const text = files?.[path];
    if (text === undefined) return [404, anError('Not Found')];
    return [200, aFile(path, text)];
  }

  /** Pull request `number`'s REST body (webhook payloads carry the same), or undefined. */
  pull(number: number): Json | undefined {
    const pull = this.state.pulls.get(number);
    if (pull === undefined) return undefined;
    const shown = aPullRequest({
      changedFiles: pull.files.length,
      defaultBranch: this.state.defaultBranch,
      ...pull.shape,
      number,
    });
    // GitHub moves a pull request's updated_at with every comment and review on it.
    const times = [
      shown.created_at,
      ...this.commentsOn(number).map((comment) => comment.updated_at),
      ...pull.reviews.map(
        (review) => this.state.reviewEditedAt.get(Number(review.id)) ?? review.submitted_at,
      ),
    ].filter((time): time is string => typeof time === 'string');
    return { ...shown, updated_at: times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) };
  }

  /**
   * POST …/pulls/{n}/requested_reviewers as GitHub answers it: reviewers must be collaborators
   * and not the author (422 otherwise, nobody requested), teams must exist; each request is a
   * `review_requested` event on the timeline, by the caller.
   */
  private requestReviewers(number: number, body: Json): [number, unknown] {
    const pull = this.state.pulls.get(number);
    if (pull === undefined) return [404, anError('Not Found')];
    const logins = ((body.reviewers as string[] | undefined) ?? []).map((login) => this.actor(login));
    const slugs = (body.team_reviewers as string[] | undefined) ?? [];
    const author = (pull.shape.user ?? users.author).id;
    if (logins.some((user) => user.id === author))
      return [422, anError('Review cannot be requested from pull request author.')];
    const collaborator = (login: string) => (this.state.permissions[login] ?? 'none') !== 'none';
    if (
      logins.some((user) => !collaborator(user.login)) ||
      slugs.some((slug) => this.state.teams[`${OWNER}/${slug}`] === undefined)
    )
      return [
        422,
        anError(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${OWNER}/${REPO} repository.`,
        ),
      ];
    const requested = pull.shape.requestedReviewers ?? [];
    const fresh = logins.filter((user) => !requested.some((entry) => entry.id === user.id));
    pull.shape = {
      ...pull.shape,
      requestedReviewers: [...requested, ...fresh],
      requestedTeams: [...new Set([...(pull.shape.requestedTeams ?? []), ...slugs])],
    };
    const events = this.state.events.get(number) ?? [];
    for (const user of fresh)
      events.push({
        ...aTimelineEvent({
          id: this.state.nextId++,
          event: 'review_requested',
          at: this.clock,
          actor: this.caller.actor,
        }),
        requested_reviewer: aUser(user),
        review_requester: aUser(this.caller.actor),
      });
    this.state.events.set(number, events);
    return [201, this.pull(number)];
  }

  private pullsRoute(
    method: string,
    b: string,
    c: string,
    query: Record<string, string>,
  ): [number, unknown, Record<string, string>?] {
    if (b === '') {
      const all = [...this.state.pulls.keys()].map((number) => this.pull(number) as Json);
      return this.page(
        all.filter((pull) => (query.state ?? 'open') === 'all' || pull.state === (query.state ?? 'open')),
        query,
        `/repos/${OWNER}/${REPO}/pulls`,
      );
    }
    const number = Number(b);
    const pull = this.state.pulls.get(number);
    if (pull === undefined) return [404, anError('Not Found')];
    const base = `/repos/${OWNER}/${REPO}/pulls/${number}`;
    if (method === 'GET' && c === '') return [200, this.pull(number)];
    if (method === 'GET' && c === 'files')
      return this.page(
        pull.files.map((file) => aChangedFile(file)),
        query,
        `${base}/files`,
      );
    if (method === 'GET' && c === 'reviews') return this.page(pull.reviews, query, `${base}/reviews`);
    if (method === 'GET' && c === 'commits')
      return [
        200,
        [aCommit({ sha: pull.shape.headSha ?? HEAD_SHA, message: 'change', author: users.author })],
      ];
    if (method === 'POST' && c === 'requested_reviewers') return [201, this.pull(number)];
    return [404, anError('Not Found')];
  }

  private issuesRoute(
    method: string,
    b: string,
    c: string,
    d: string,
    query: Record<string, string>,
    body: Json,
  ): [number, unknown, Record<string, string>?] {
    if (b === 'comments' && method === 'PATCH') {
      const id = Number(c);
      for (const list of this.state.comments.values()) {
        const comment = list.find((entry) => entry.id === id);
        if (comment === undefined) continue;
        comment.body = body.body;
        comment.updated_at = this.clock;
        return [200, comment];
      }
      return [404, anError('Not Found')];
    }
    if (b === '' && method === 'GET') {
      const state = query.state ?? 'open';
      const labels = (query.labels ?? '').split(',').filter((label) => label !== '');
      const issues = [...this.state.issues.values()].filter(
        (issue) =>
          (state === 'all' || issue.state === state) &&
          labels.every((label) => (issue.labels as Json[]).some((entry) => entry.name === label)) &&
          (query.creator === undefined || (issue.user as Json).login === query.creator),
      );
      return this.page(
        query.direction === 'asc' ? issues : issues.reverse(),
        query,
        `/repos/${OWNER}/${REPO}/issues`,
      );
    }
    if (b === '' && method === 'POST') {
      if (typeof body.title !== 'string' || body.title === '') return [422, anError('Validation Failed')];
      const number = this.addIssue(
        {
          title: body.title,
          ...(typeof body.body === 'string' ? { body: body.body } : {}),
          labels: (body.labels as string[] | undefined) ?? [],
        },
        this.caller.actor,
      );
      return [201, this.state.issues.get(number)];
    }
    const number = Number(b);
    const issue = this.state.issues.get(number);
    const isPull = this.state.pulls.has(number);
    if (issue === undefined && !isPull) return [404, anError('Not Found')];
    if (c === '' && method === 'GET') return [200, issue ?? this.pull(number)];
    if (c === '' && method === 'PATCH' && issue !== undefined) {
      for (const key of ['title', 'body', 'state', 'state_reason'] as const)
        if (body[key] !== undefined) issue[key] = body[key];
      if (Array.isArray(body.labels))
        issue.labels = anIssue(number, { labels: body.labels }, ACTIONS_BOT).labels;
      if (body.state === 'closed') issue.closed_at = this.clock;
      issue.updated_at = this.clock;
      return [200, issue];
    }
    if (c === 'timeline' && method === 'GET') {
      // Comments as `commented` events and reviews as `reviewed` ones (states in lower case).
      const commented = this.commentsOn(number).map((comment) => ({
        ...comment,
        event: 'commented',
        actor: comment.user,
      }));
      const reviewed = (this.state.pulls.get(number)?.reviews ?? []).map((review) => ({
        ...review,
        event: 'reviewed',
        state: String(review.state).toLowerCase(),
        updated_at: this.state.reviewEditedAt.get(Number(review.id)) ?? review.submitted_at,
      }));
      return this.page(
        [...commented, ...reviewed, ...(this.state.events.get(number) ?? [])],
        query,
        `/repos/${OWNER}/${REPO}/issues/${number}/timeline`,
      );
    }
    if (c === 'comments' && d === '' && method === 'GET') {
      const since = query.since;
      const list = this.commentsOn(number).filter(
        (comment) => since === undefined || (comment.updated_at as string) >= since,
      );
      return this.page(list, query, `/repos/${OWNER}/${REPO}/issues/${number}/comments`);
    }
    if (c === 'comments' && d === '' && method === 'POST') {
      if (typeof body.body !== 'string') return [422, anError('Validation Failed')];
      const id = this.addComment(number, this.caller.actor, body.body);
      return [201, this.commentsOn(number).find((comment) => comment.id === id)];
    }
    if (c === 'labels' && method === 'POST' && issue !== undefined) {
      const names = [
        ...(issue.labels as Json[]).map((label) => label.name as string),
        ...((body.labels as string[]) ?? []),
      ];
      issue.labels = anIssue(number, { labels: [...new Set(names)] }, ACTIONS_BOT).labels;
      return [200, issue.labels];
    }
    return [404, anError('Not Found')];
  }

  private checkRunsFor(sha: string, query: Record<string, string>): [number, unknown] {
    let runs = this.state.checkRuns.filter(
      (run) =>
        run.head_sha === sha &&
        (query.check_name === undefined || run.name === query.check_name) &&
        (query.app_id === undefined || String((run.app as Json).id) === query.app_id),
    );
    // `filter` is `latest` unless `all` is asked: only the newest run of each name (per app).
    if (query.filter !== 'all') {
      const newest = new Map<string, Json>();
      for (const run of runs) newest.set(`${String((run.app as Json).id)} ${String(run.name)}`, run);
      runs = [...newest.values()];
    }
    const perPage = Math.min(100, Number(query.per_page ?? 30) || 30);
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    return [200, { total_count: runs.length, check_runs: runs.slice((page - 1) * perPage, page * perPage) }];
  }

  private findCheckRun(id: number): [number, unknown] {
    const run = this.state.checkRuns.find((entry) => entry.id === id);
    return run === undefined ? [404, anError('Not Found')] : [200, run];
  }

  private checkRunFrom(id: number, body: Json, previous?: Json): Json {
    if (Array.isArray(body.actions)) this.state.checkRunActions.set(id, body.actions as Json[]);
    const output = (body.output ?? {}) as Json;
    const old = (previous?.output ?? {}) as Json;
    const status =
      (body.status as string | undefined) ?? (body.conclusion === undefined ? undefined : 'completed');
    const run = aCheckRun({
      id,
      name: (body.name as string | undefined) ?? (previous?.name as string),
      headSha: (body.head_sha as string | undefined) ?? (previous?.head_sha as string),
      status: status ?? (previous?.status as string | undefined) ?? 'queued',
      conclusion:
        (body.conclusion as string | undefined) ??
        (previous?.conclusion as string | null | undefined) ??
        null,
      externalId:
        (body.external_id as string | undefined) ?? (previous?.external_id as string | undefined) ?? '',
      title: (output.title as string | undefined) ?? (old.title as string | undefined) ?? '',
      summary: (output.summary as string | undefined) ?? (old.summary as string | undefined) ?? '',
      text: (output.text as string | undefined) ?? (old.text as string | null | undefined) ?? null,
      // GitHub keeps the started_at a run is created with (to the second), else stamps its own time.
      startedAt:
        (previous?.started_at as string | undefined) ??
        (typeof body.started_at === 'string' ? toWholeSecond(body.started_at) : this.clock),
      appId: this.caller.app.id,
    });
    const { slug, name } = this.caller.app;
    return { ...run, app: { ...(run.app as Json), slug, name, html_url: `https://github.com/apps/${slug}` } };
  }

  private createCheckRun(body: Json): [number, unknown] {
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string')
      return [422, anError('Invalid request')];
    const run = this.checkRunFrom(this.state.nextId++, body);
    this.state.checkRuns.push(run);
    return [201, run];
  }

  private updateCheckRun(id: number, body: Json): [number, unknown] {
    const index = this.state.checkRuns.findIndex((entry) => entry.id === id);
    if (index === -1) return [404, anError('Not Found')];
    const run = this.checkRunFrom(id, body, this.state.checkRuns[index]);
    this.state.checkRuns[index] = run;
    return [200, run];
  }

  private permission(login: string): [number, unknown] {
    const permission = this.state.permissions[login];
    const user = this.state.users[login];
    if (user === undefined) return [404, anError('Not Found')];
    const level = permission ?? 'none';
    return [200, aPermission(user, roleOf(level), legacyPermission(level))];
  }

  // ----- The git data API, for the decision log branch.

  private resolve(ref: string): string | undefined {
    const branch = ref.replace(/^(refs\/)?heads\//, '');
    return this.state.refs.get(branch) ?? (this.state.commits.has(ref) ? ref : undefined);
  }

  private listCommits(query: Record<string, string>): [number, unknown, Record<string, string>?] {
    const start = this.resolve(query.sha ?? this.state.defaultBranch);
    if (start === undefined) return [404, anError(`No commit found for SHA: ${query.sha}`)];
    const list: Json[] = [];
    for (let sha: string | undefined = start; sha !== undefined; ) {
      const commit = this.state.commits.get(sha);
      if (commit === undefined) break;
      list.push(aCommit({ sha, tree: commit.tree, parents: commit.parents, ...listedIdentity(commit) }));
      sha = commit.parents[0];
    }
    return this.page(list, query, `/repos/${OWNER}/${REPO}/commits`);
  }

  private commit(ref: string): [number, unknown] {
    const sha = this.resolve(ref);
    const commit = sha === undefined ? undefined : this.state.commits.get(sha);
    if (sha === undefined || commit === undefined) return [422, anError(`No commit found for SHA: ${ref}`)];
    const parent = commit.parents[0] === undefined ? undefined : this.state.commits.get(commit.parents[0]);
    const files = listCommitFiles(
      this.state.trees.get(commit.tree) ?? {},
      parent === undefined ? {} : (this.state.trees.get(parent.tree) ?? {}),
      { owner: OWNER, repo: REPO, sha },
    );
    return [
      200,
      { ...aCommit({ sha, tree: commit.tree, parents: commit.parents, ...listedIdentity(commit) }), files },
    ];
  }

  private git(
    method: string,
    kind: string,
    rest: string,
    query: Record<string, string>,
    body: Json,
  ): [number, unknown] {
    if (method === 'GET' && kind === 'ref') {
      const sha = this.state.refs.get(rest.replace(/^heads\//, ''));
      return sha === undefined
        ? [404, anError('Not Found')]
        : [200, aGitRef(rest.replace(/^heads\//, ''), sha)];
    }
    if (method === 'POST' && kind === 'refs') {
      const branch = String(body.ref).replace(/^refs\/heads\//, '');
      if (this.state.refs.has(branch)) return [422, anError('Reference already exists')];
      this.state.refs.set(branch, String(body.sha));
      return [201, aGitRef(branch, String(body.sha))];
    }
    if (method === 'PATCH' && kind === 'refs') {
      const branch = rest.replace(/^heads\//, '');
      const tip = this.state.refs.get(branch);
      if (tip === undefined) return [422, anError('Reference does not exist')];
      const next = String(body.sha);
      if (body.force !== true && this.state.commits.get(next)?.parents[0] !== tip)
        return [422, anError('Update is not a fast forward')];
      this.state.refs.set(branch, next);
      return [200, aGitRef(branch, next)];
    }
    if (method === 'POST' && kind === 'trees') {
      const base = typeof body.base_tree === 'string' ? this.state.trees.get(body.base_tree) : {};
      if (base === undefined) return [422, anError('Invalid tree')];
      const entries = { ...base };
      for (const entry of (body.tree as Json[] | undefined) ?? []) {
        const content = String(entry.content ?? '');
        const blob = sha1(`blob ${content}`);
        this.state.blobs.set(blob, content);
        entries[String(entry.path)] = blob;
      }
      const sha = sha1(`tree ${JSON.stringify(Object.entries(entries).sort())}`);
      this.state.trees.set(sha, entries);
      return [201, this.treeBody(sha, entries)];
    }
    if (method === 'GET' && kind === 'trees') {
      const sha = this.state.trees.has(rest) ? rest : this.state.commits.get(this.resolve(rest) ?? '')?.tree;
      const entries = sha === undefined ? undefined : this.state.trees.get(sha);
      if (sha === undefined || entries === undefined) return [404, anError('Not Found')];
      return [200, this.treeBody(sha, entries)];
    }
    if (method === 'GET' && kind === 'blobs') {
      const content = this.state.blobs.get(rest);
      if (content === undefined) return [404, anError('Not Found')];
      const blob = example('GET /repos/{owner}/{repo}/git/blobs/{file_sha}') as Json;
      return [
        200,
        {
          ...blob,
          sha: rest,
          size: Buffer.byteLength(content),
          encoding: 'base64',
          content: Buffer.from(content).toString('base64'),
        },
      ];
    }
    if (method === 'POST' && kind === 'commits') {
      const parents = (body.parents as string[] | undefined) ?? [];
      const sha = sha1(`commit ${body.tree} ${parents.join(',')} ${body.message} ${this.state.nextId++}`);
      const identity = verifyApiCommit(this.caller.actor, body, this.state.users);
      this.state.commits.set(sha, {
        sha,
        tree: String(body.tree),
        parents,
        message: String(body.message),
        ...identity,
      });
      return [
        201,
        {
          ...aGitCommit(sha, String(body.tree), parents),
          verification: gitVerification(identity, this.clock),
        },
      ];
    }
    if (method === 'GET' && kind === 'commits') {
      const commit = this.state.commits.get(rest);
      if (commit === undefined) return [404, anError('Not Found')];
      return [200, { ...aGitCommit(commit.sha, commit.tree, commit.parents), message: commit.message }];
    }
    void query;
    return [404, anError('Not Found')];
  }

  private treeBody(sha: string, entries: Record<string, string>): Json {
    const tree = example('GET /repos/{owner}/{repo}/git/trees/{tree_sha}') as Json;
    const template = ((tree.tree as Json[] | undefined) ?? [])[0] ?? {};
    return {
      ...tree,
      sha,
      truncated: false,
      tree: Object.entries(entries).map(([path, blob]) => ({
        ...template,
        path,
        mode: '100644',
        type: 'blob',
        sha: blob,
        size: Buffer.byteLength(this.state.blobs.get(blob) ?? ''),
      })),
    };
  }

  // ----- Workflow runs.

  private actions(
    method: string,
    b: string,
    c: string,
    d: string,
    query: Record<string, string>,
  ): [number, unknown] {
    if (b !== 'runs') return [404, anError('Not Found')];
    if (method === 'GET' && c === '') {
      const runs = this.state.workflowRuns.filter(
        (run) =>
          (query.status === undefined ||
            (CONCLUSIONS.has(query.status) ? run.conclusion : run.status) === query.status) &&
          (query.head_sha === undefined || run.head_sha === query.head_sha) &&
          (query.event === undefined || run.event === query.event),
      );
      return [200, { total_count: runs.length, workflow_runs: runs }];
    }
    const run = this.state.workflowRuns.find((entry) => entry.id === Number(c));
    if (run === undefined) return [404, anError('Not Found')];
    if (method === 'GET' && d === '') return [200, run];
    if (method === 'POST' && (d === 'rerun' || d === 'rerun-failed-jobs')) {
      if (run.status !== 'completed') return [403, anError('This workflow run is not completed')];
      this.state.reruns.push({ runId: Number(c), kind: d });
      run.status = 'queued';
      run.conclusion = null;
      return [201, {}];
    }
    return [404, anError('Not Found')];
  }

  /** Pages as GitHub pages them: `per_page` (default 30, at most 100), `page`, a `link` header. */
  private page(
    items: Json[],
    query: Record<string, string>,
    path: string,
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Number(query.per_page ?? 30) || 30);
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URLSearchParams({ ...query, per_page: String(perPage), page: String(page + 1) });
      const end = new URLSearchParams({ ...query, per_page: String(perPage), page: String(last) });
      const root = `${this.url}${this.apiPrefix}`;
      headers.link = `<${root}${path}?${next}>; rel="next", <${root}${path}?${end}>; rel="last"`;
    }
    return [200, items.slice((page - 1) * perPage, page * perPage), headers];
  }
}

/** GitHub's answer to a request it does not accept: 404 for a route it does not have, else 400. */
function refusal(checked: CheckedRequest): [number, Json] {
  const status = checked.unknownRoute ? 404 : 400;
  const reason = checked.violations.join('; ');
  return [
    status,
    {
      ...anError(`${status === 404 ? 'Not Found' : 'Bad Request'}: not a request GitHub accepts: ${reason}`),
      status: String(status),
    },
  ];
}

/** A time to the whole second, as GitHub keeps the times it is given. */
function toWholeSecond(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}

/** How GET /commits lists a stored commit: its author, committer and GitHub's verification. */
function listedIdentity(commit: GitCommitEntry) {
  return {
    message: commit.message,
    author: commit.author === undefined ? ACTIONS_BOT : commit.author,
    ...(commit.committer === undefined ? {} : { committer: commit.committer }),
    ...(commit.verification === undefined ? {} : { verification: commit.verification }),
  };
}

/** The `verification` of a git commit object, as POST /git/commits answers it. */
function gitVerification(identity: CommitIdentity, at: string): Json {
  const signed = identity.verification.verified;
  return {
    ...identity.verification,
    signature: signed ? '-----BEGIN PGP SIGNATURE-----\n…\n-----END PGP SIGNATURE-----\n' : null,
    payload: signed ? 'tree …' : null,
    verified_at: signed ? at : null,
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function startGitHubSimulator(): Promise<GitHubSimulator> {
  return new GitHubSimulator().start();
}
