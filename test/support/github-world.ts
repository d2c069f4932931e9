// A pull request's state on GitHub, kept in memory across the steps of a test, and nock mocks
// that serve and change it: what one step writes (a comment, a check run, a log commit) the next
// step reads back, exactly as GitHub would return it. Each step still declares every request it
// expects, so a test counts them all.
import type nock from 'nock';
import { parseRequestMarkers } from '../../src/core/decision-id.ts';
import type { Actor } from '../../src/core/model.ts';
import { createCheckName } from '../../src/core/registry.ts';
import {
  type GateEnvironment,
  type PullRequestTrigger,
  runPullRequestGate,
} from '../../src/gate/run-pull-request-gate.ts';
import { API, aGateClient, aGateEnvironment, github } from './github-client.ts';
import {
  APP_ID,
  aChangedFile,
  aCheckRun,
  aCheckRunList,
  aCheckSuiteList,
  aCommit,
  aFile,
  aGitCommit,
  aGitRef,
  aGitTree,
  anActivity,
  anError,
  anIssueComment,
  aPermission,
  aPullRequest,
  aReview,
  aTeamMember,
  aTimelineEvent,
  type CommitShape,
  FIRST_PUSH_AT,
  HEAD_SHA,
  type PullRequestShape,
  type ReviewShape,
  users,
} from './github-fixtures.ts';

type Json = Record<string, unknown>;

export interface World {
  pr: PullRequestShape;
  policy: string | null;
  files: string[];
  comments: Json[];
  reviews: Json[];
  /** Check runs by head SHA. */
  runs: Map<string, Json[]>;
  /** Newest first; null while the log branch does not exist. */
  log: LogCommit[] | null;
  /** login → [role_name, permission] */
  permissions: Record<string, [string, string]>;
  teams: Record<string, Actor[]>;
  /** Spec files at the head commit, by path. */
  contents: Record<string, string>;
  nextId: number;
  /** The clock of the step being mocked: times GitHub stamps on what it creates. */
  clock: string;
  reviewRequests: Json[];
  /** Pushes to the head branch by GitHub's activity log, newest first (see {@link pushHead}). */
  pushes: { sha: string; before: string; at: string; by: Actor; type: 'push' | 'force_push' }[];
  /** Issue events of the pull request's timeline (force pushes, base changes, renames, labels). */
  events: Json[];
  /** GitHub's time of the description's last edit (`lastEditedAt`), or null. */
  descriptionEditedAt: string | null;
}

export interface LogCommit {
  sha: string;
  tree: string;
  message: string;
  files: Record<string, string>;
  /**
   * Who GitHub says made it and whether it verified the signature; by default what the App's own
   * commits show (aCommit): authored by Gatehouse's bot, signed by GitHub, verified.
   */
  github?: Pick<CommitShape, 'author' | 'committer' | 'verification'>;
}

export const POLICY = `reviewers:
  platform: [alice, bob]
  backup: [carol]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    reviewers: [platform]
    timeout: 4h
    on_timeout: escalate
    escalate_to: [backup]
`;

export function aWorld(overrides: Partial<World> = {}): World {
  return {
    pr: {},
    policy: POLICY,
    files: ['db/migrations/001_drop_status.sql'],
    comments: [],
    reviews: [],
    runs: new Map(),
    log: null,
    permissions: {},
    teams: {},
    contents: {},
    nextId: 1000,
    clock: '2026-11-20T10:00:00Z',
    reviewRequests: [],
    pushes: [],
    events: [],
    descriptionEditedAt: null,
    ...overrides,
  };
}

/** A push of a new head to the pull request's branch at `at`, as GitHub's activity log records it. */
export function pushHead(
  world: World,
  sha: string,
  at: string,
  by: Actor = users.author,
  type: 'push' | 'force_push' = 'push',
): void {
  world.pushes.unshift({ sha, before: headOf(world), at, by, type });
  world.pr.headSha = sha;
  if (type === 'force_push')
    world.events.push(aTimelineEvent({ id: world.nextId++, event: 'head_ref_force_pushed', at, actor: by }));
}

/** The head branch's activity, newest first: the recorded pushes, then its first push. */
export function activityOf(world: World): Json[] {
  const pushes = world.pushes.map((push) =>
    anActivity({ after: push.sha, before: push.before, at: push.at, actor: push.by, type: push.type }),
  );
  const first = world.pushes.at(-1)?.before ?? headOf(world);
  return [
    ...pushes,
    anActivity({ after: first, at: FIRST_PUSH_AT, actor: users.author, type: 'branch_creation' }),
  ];
}

/**
 * The pull request's timeline as GitHub lists it: its issue events, its comments as `commented`
 * events and its reviews as `reviewed` events (whose state GitHub writes in lower case).
 */
export function timelineOf(world: World): Json[] {
  const commented = world.comments.map((comment) => ({
    ...comment,
    event: 'commented',
    actor: comment.user,
  }));
  const reviewed = world.reviews.map((review) => ({
    ...review,
    event: 'reviewed',
    state: String(review.state).toLowerCase(),
    updated_at: review.updated_at ?? review.submitted_at,
  }));
  return [...world.events, ...commented, ...reviewed];
}

function headOf(world: World): string {
  return world.pr.headSha ?? HEAD_SHA;
}

export function addComment(world: World, user: Actor, body: string, at = world.clock): number {
  const id = world.nextId++;
  world.comments.push(anIssueComment({ id, user, body, createdAt: at }));
  return id;
}

export function addReview(world: World, review: Omit<ReviewShape, 'id'>): number {
  const id = world.nextId++;
  world.reviews.push(aReview({ id, ...review }));
  return id;
}

/**
 * Pages of 100, linked like GitHub links them. `items` is read when GitHub answers, so a write
 * earlier in the same step (a trace comment) is listed; the number of pages is fixed when mocked.
 */
function pages(scope: nock.Scope, path: string, query: Json, items: Json[] | (() => Json[])): void {
  const list = typeof items === 'function' ? items : () => items;
  const count = Math.max(1, Math.ceil(list().length / 100));
  for (let page = 1; page <= count; page++) {
    const next = page < count ? { link: `<${API}${path}?per_page=100&page=${page + 1}>; rel="next"` } : {};
    scope
      .get(path)
      .query(page === 1 ? query : { ...query, page })
      .reply(() => [200, list().slice((page - 1) * 100, page * 100), next]);
  }
}

/** The pull request's own check: `gatehouse`, or `gatehouse (into <base>)` off the default branch. */
export function gateCheckName(world: World): string {
  const base = world.pr.baseRef ?? 'main';
  return createCheckName(undefined, base === (world.pr.defaultBranch ?? 'main') ? undefined : base);
}

export const PR_PATH = '/repos/acme/shop/pulls/7';
export const CONFIG_PATH = '/repos/acme/shop/contents/.github%2Fgatehouse.yml';

/**
 * The reads of every recompute: the pull request, the policy, and (with a valid policy) files,
 * comments, reviews, Gatehouse's check runs on the head and the log branch's commits; then the
 * permission of each login in `permissions` and the members of each team in `teams`.
 */
export function mockReads(
  world: World,
  scope: nock.Scope,
  options: {
    permissions?: string[];
    teams?: string[];
    specs?: string[];
    /** Stop after the policy: it is absent, invalid or fails. */
    gather?: boolean;
    /** Answer the policy read with this error status, as often as the client tries. */
    policyError?: { status: number; times: number };
    /**
     * The gate's check name: `gatehouse`, or `gatehouse: <environment>` for a deployment gate;
     * by default the pull request's own, named for its base when that is not the default branch.
     */
    checkName?: string;
    /** Whether the description's last edit is read (GraphQL): only where runs prove nothing, the Action. */
    description?: boolean;
  } = {},
): void {
  const own = gateCheckName(world);
  scope.get(PR_PATH).reply(() => [200, aPullRequest({ changedFiles: world.files.length, ...world.pr })]);
  if (world.pr.state === 'closed') return;
  if (options.policyError) {
    scope
      .get(CONFIG_PATH)
      .query({ ref: world.pr.defaultBranch ?? 'main' })
      .times(options.policyError.times)
      .reply(options.policyError.status, anError('Bad Gateway'));
    return;
  }
  scope
    .get(CONFIG_PATH)
    .query({ ref: world.pr.defaultBranch ?? 'main' })
    .reply(() =>
      world.policy === null
        ? [404, anError('Not Found')]
        : [200, aFile('.github/gatehouse.yml', world.policy)],
    );
  if (options.gather === false || world.policy === null) return;
  pages(
    scope,
    PR_PATH.concat('/files'),
    { per_page: 100 },
    world.files.map((file) => aChangedFile(file)),
  );
  pages(scope, '/repos/acme/shop/issues/7/timeline', { per_page: 100 }, () => timelineOf(world));
  mockHeadHistory(world, scope, options.description);
  scope
    .get(`/repos/acme/shop/commits/${headOf(world)}/check-runs`)
    .query({ check_name: options.checkName ?? own, app_id: APP_ID, filter: 'all', per_page: 100 })
    .reply(() => [200, aCheckRunList(runsOf(world, headOf(world), options.checkName ?? own))]);
  mockCarriedVetoes(world, scope, options.checkName ?? own);
  // A deployment gate also reads the pull request's own runs: when the head was first seen.
  if (options.checkName !== undefined && options.checkName !== own)
    scope
      .get(`/repos/acme/shop/commits/${headOf(world)}/check-runs`)
      .query({ check_name: own, app_id: APP_ID, filter: 'all', per_page: 100 })
      .reply(() => [200, aCheckRunList(runsOf(world, headOf(world), own))]);
  scope
    .get('/repos/acme/shop/commits')
    .query({ sha: 'gatehouse-log', per_page: 100 })
    .reply(() =>
      world.log === null
        ? [404, anError('No commit found for SHA: gatehouse-log')]
        : [
            200,
            world.log.map((commit) =>
              aCommit({ ...commit.github, sha: commit.sha, tree: commit.tree, message: commit.message }),
            ),
          ],
    );
  for (const path of options.specs ?? []) {
    scope
      .get(`/repos/acme/shop/contents/${encodeURIComponent(path)}`)
      .query({ ref: headOf(world) })
      .reply(() => {
        const text = world.contents[path];
        return text === undefined ? [404, anError('Not Found')] : [200, aFile(path, text)];
      });
  }
  for (const login of options.permissions ?? []) {
    scope.get(`/repos/acme/shop/collaborators/${login}/permission`).reply(() => {
      const user = Object.values(users).find((candidate) => candidate.login === login);
      const role = world.permissions[login];
      if (user === undefined || role === undefined) return [404, anError('Not Found')];
      return [200, aPermission(user, role[0], role[1])];
    });
  }
  for (const team of options.teams ?? []) {
    const [org, slug] = team.split('/');
    scope
      .get(`/orgs/${org}/teams/${slug}/members`)
      .query({ per_page: 100 })
      .reply(() => {
        const members = world.teams[team];
        return members === undefined
          ? [403, anError('Resource not accessible by integration')]
          : [200, members.map(aTeamMember)];
      });
  }
}

/**
 * The reads that date the head and the request besides the timeline (load-head-history.ts): the
 * head branch's activity and, when no spec file is the request, the description's last edit.
 */
export function mockHeadHistory(
  world: World,
  scope: nock.Scope,
  // Only the Action reads the description's last edit (the App binds to what its runs showed).
  description = false,
): void {
  const fork = world.pr.headRepository !== undefined && world.pr.headRepository !== 'acme/shop';
  if (fork) {
    // A fork's branch has no activity log here: the App's check suite dates the head.
    const pushed = world.pushes[0]?.at ?? FIRST_PUSH_AT;
    scope
      .get(`/repos/acme/shop/commits/${headOf(world)}/check-suites`)
      .query({ app_id: APP_ID, per_page: 100 })
      .reply(() => [200, aCheckSuiteList([{ sha: headOf(world), appId: APP_ID, at: pushed }])]);
  } else {
    scope
      .get('/repos/acme/shop/activity')
      .query({ ref: 'refs/heads/drop-status', direction: 'desc', per_page: 30 })
      .reply(() => [200, activityOf(world)]);
  }
  if (description)
    scope
      .post('/graphql', (body) => String(body.query).includes('lastEditedAt'))
      .reply(() => [
        200,
        { data: { repository: { pullRequest: { lastEditedAt: world.descriptionEditedAt } } } },
      ]);
}

/**
 * On a head Gatehouse has no run of yet, the runs of the earlier heads the activity log names,
 * newest first, until one has runs (at most three): the vetoes recorded there are carried.
 */
export function mockCarriedVetoes(world: World, scope: nock.Scope, checkName: string): void {
  const fork = world.pr.headRepository !== undefined && world.pr.headRepository !== 'acme/shop';
  if (fork || runsOf(world, headOf(world), checkName).length > 0) return;
  const earlier = world.pushes.map((push) => push.before).filter((sha, i, all) => all.indexOf(sha) === i);
  for (const sha of earlier.slice(0, 3)) {
    const runs = runsOf(world, sha, checkName);
    scope
      .get(`/repos/acme/shop/commits/${sha}/check-runs`)
      .query({ check_name: checkName, app_id: APP_ID, filter: 'all', per_page: 100 })
      .reply(() => [200, aCheckRunList(runs)]);
    if (runs.length > 0) return;
  }
}

/** POST of a comment by Gatehouse's bot; `check` sees the body. */
export function mockCreateComment(
  world: World,
  scope: nock.Scope,
  check: (body: string) => boolean = () => true,
) {
  scope
    .post('/repos/acme/shop/issues/7/comments', (body) => check(body.body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const id = world.nextId++;
      const comment = anIssueComment({
        id,
        user: users.gatehouse,
        body: body.body as string,
        createdAt: world.clock,
      });
      world.comments.push(comment);
      return [201, comment];
    });
}

export function mockUpdateComment(
  world: World,
  scope: nock.Scope,
  id: number,
  check: (body: string) => boolean = () => true,
) {
  scope
    .patch(`/repos/acme/shop/issues/comments/${id}`, (body) => check(body.body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const comment = world.comments.find((entry) => entry.id === id);
      if (comment === undefined) return [404, anError('Not Found')];
      comment.body = body.body;
      comment.updated_at = world.clock;
      return [200, comment];
    });
}

function runFromBody(world: World, id: number, sha: string, body: Json, previous?: Json): Json {
  const output = (body.output ?? {}) as Json;
  const old = (previous?.output ?? {}) as Json;
  const run = aCheckRun({
    id,
    name: (body.name as string | undefined) ?? (previous?.name as string | undefined) ?? 'gatehouse',
    headSha: sha,
    status: (body.status as string | undefined) ?? (previous?.status as string),
    conclusion:
      (body.conclusion as string | undefined) ?? (previous?.conclusion as string | null | undefined) ?? null,
    externalId: (body.external_id as string | undefined) ?? (previous?.external_id as string),
    title: (output.title as string | undefined) ?? (old.title as string),
    summary: (output.summary as string | undefined) ?? (old.summary as string),
    text: (output.text as string | undefined) ?? (old.text as string | null),
    startedAt: (previous?.started_at as string | undefined) ?? world.clock,
  });
  return { ...run, actions: body.actions ?? previous?.actions ?? [] };
}

/** POST of a check run; `check` sees the request body. */
export function mockCreateCheckRun(
  world: World,
  scope: nock.Scope,
  check: (body: Json) => boolean = () => true,
) {
  scope
    .post('/repos/acme/shop/check-runs', (body) => check(body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const sha = body.head_sha as string;
      const run = runFromBody(world, world.nextId++, sha, body);
      world.runs.set(sha, [...(world.runs.get(sha) ?? []), run]);
      return [201, run];
    });
}

export function mockUpdateCheckRun(
  world: World,
  scope: nock.Scope,
  id: number,
  check: (body: Json) => boolean = () => true,
) {
  scope
    .patch(`/repos/acme/shop/check-runs/${id}`, (body) => check(body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      for (const [sha, runs] of world.runs) {
        const index = runs.findIndex((run) => run.id === id);
        if (index === -1) continue;
        const run = runFromBody(world, id, sha, body, runs[index]);
        runs[index] = run;
        return [200, run];
      }
      return [404, anError('Not Found')];
    });
}

export function mockRequestReviewers(
  world: World,
  scope: nock.Scope,
  expected: { reviewers: string[]; team_reviewers: string[] },
) {
  scope.post(PR_PATH.concat('/requested_reviewers'), expected).reply(async (request: Request) => {
    world.reviewRequests.push((await request.json()) as Json);
    return [201, aPullRequest(world.pr)];
  });
}

/**
 * The writes of one record on the log branch: created as an orphan if absent (tree, commit, ref),
 * else one contents-API write with no `sha` (GitHub refuses to replace a file then: 422).
 */
export function mockLogWrite(world: World, scope: nock.Scope) {
  const tip = world.log?.[0];
  const n = world.nextId++;
  if (tip !== undefined) {
    scope
      .put(
        /^\/repos\/acme\/shop\/contents\//,
        (body) => body.branch === 'gatehouse-log' && body.sha === undefined,
      )
      .reply(async (request: Request) => {
        const body = (await request.json()) as Json;
        const path = decodeURIComponent(
          new URL(request.url).pathname.replace('/repos/acme/shop/contents/', ''),
        );
        if (tip.files[path] !== undefined)
          return [422, anError('Invalid request.\n\n"sha" wasn\'t supplied.')];
        const content = Buffer.from(String(body.content), 'base64').toString('utf8');
        const commit = {
          sha: `commit${n}`,
          tree: `tree${n}`,
          message: String(body.message),
          files: { ...tip.files, [path]: content },
        };
        world.log = [commit, ...(world.log ?? [])];
        return [201, { content: null, commit: aGitCommit(commit.sha, commit.tree, [tip.sha]) }];
      });
    return;
  }
  let path = '';
  let content = '';
  scope
    .post('/repos/acme/shop/git/trees', (body) => body.base_tree === undefined)
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const entry = (body.tree as Json[])[0] as Json;
      path = entry.path as string;
      content = entry.content as string;
      return [201, aGitTree(`tree${n}`, [path])];
    })
    .post('/repos/acme/shop/git/commits', (body) => body.parents.length === 0)
    .reply(async (request: Request) => {
      const message = ((await request.json()) as Json).message as string;
      const commit = { sha: `commit${n}`, tree: `tree${n}`, message, files: { [path]: content } };
      world.log = [commit];
      return [201, aGitCommit(commit.sha, commit.tree, [])];
    })
    .post('/repos/acme/shop/git/refs', { ref: 'refs/heads/gatehouse-log', sha: `commit${n}` })
    .reply(201, aGitRef('gatehouse-log', `commit${n}`));
}

/** The check runs on a commit, all of them or only those of one check name (as GitHub filters). */
export function runsOf(world: World, sha = HEAD_SHA, name?: string): Json[] {
  const runs = world.runs.get(sha) ?? [];
  return name === undefined ? runs : runs.filter((run) => run.name === name);
}

// ---------------------------------------------------------------------------------------------
// Steps of a scenario.

export const target = { owner: 'acme', repo: 'shop', number: 7 };
export const opened: PullRequestTrigger = { kind: 'pull_request', action: 'opened', sender: users.author };

export function commented(
  commentId: number,
  author = users.alice,
  action: 'created' | 'edited' = 'created',
): PullRequestTrigger {
  return {
    kind: 'comment',
    action,
    commentId,
    commentAuthorId: author.id,
    sender: author,
    updatedAt: '2026-11-20T10:04:00Z',
  };
}

/** Runs one step at `at`, with a fresh client, and checks every mocked request was made. */
export async function step(
  world: World,
  at: string,
  trigger: PullRequestTrigger,
  mock: (scope: ReturnType<typeof github>) => void,
  overrides: Partial<GateEnvironment> = {},
) {
  world.clock = at;
  const scope = github();
  mock(scope);
  const { env, log } = aGateEnvironment({ at, github: aGateClient(), ...overrides });
  const run = await runPullRequestGate(env, target, trigger);
  scope.done();
  return { run, log };
}

/** Step 1 of the cycle: the PR is opened and the request posted. */
export async function openPullRequest(world: World) {
  return step(world, '2026-11-20T10:00:00Z', opened, (scope) => {
    mockReads(world, scope);
    mockCreateComment(world, scope, (body) => parseRequestMarkers(body).length === 1);
    mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
    mockCreateCheckRun(
      world,
      scope,
      (body) => body.status === 'in_progress' && (body.actions as unknown[]).length === 2,
    );
  });
}

/** A check run's output, as the world holds it. */
export function outputOf(run: Json | undefined): { title: string; summary: string; text: string | null } {
  return (run?.output ?? { title: '', summary: '', text: null }) as {
    title: string;
    summary: string;
    text: string | null;
  };
}
