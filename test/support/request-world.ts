// Approval issues on GitHub, kept in memory across the steps of a test, and nock mocks that serve
// and change them: what one step writes (an issue, a comment, a check run, a log commit, a
// dispatch) the next step reads back as GitHub would return it. Each step still declares every
// request it expects, so a test counts them all. Log writes and check runs reuse github-world.ts.
import type nock from 'nock';
import type { Actor, Request as GateRequest } from '../../src/core/model.ts';
import { createExplicitRequest } from '../../src/core/request.ts';
import type { GateEnvironment } from '../../src/gate/run-pull-request-gate.ts';
import { API, aGateClient, aGateEnvironment, github } from './github-client.ts';
import {
  APP_ID,
  aCheckRunList,
  aCommit,
  aFile,
  anError,
  anIssueComment,
  aPermission,
  aUser,
  example,
  HEAD_SHA,
  users,
} from './github-fixtures.ts';
import { aWorld, type World } from './github-world.ts';

type Json = Record<string, unknown>;

export const REQUEST_POLICY = `reviewers:
  platform: [alice, bob]
queue: { max_pending: 2 }
rules:
  - name: migrations
    if: { kinds: [migration] }
    reviewers: [platform]
    timeout: 4h
`;

export interface RequestWorld {
  /** Check runs, the log and ids, as github-world keeps them (its mocks write here). */
  base: World;
  policy: string | null;
  issues: Json[];
  comments: Map<number, Json[]>;
  dispatches: Json[];
  /** login → [role_name, permission] */
  permissions: Record<string, [string, string]>;
  /** ETag of each issue's comment listing, changed by every comment written. */
  etags: Map<number, number>;
}

export function aRequestWorld(overrides: Partial<RequestWorld> = {}): RequestWorld {
  return {
    base: aWorld(),
    policy: REQUEST_POLICY,
    issues: [],
    comments: new Map(),
    dispatches: [],
    permissions: { alice: ['write', 'write'], bob: ['write', 'write'], mallory: ['read', 'read'] },
    etags: new Map(),
    ...overrides,
  };
}

/** The migration request an agent's workflow sends. */
export function aMigrationRequest(overrides: Partial<{ requester: Actor; title: string }> = {}): GateRequest {
  return createExplicitRequest({
    repository: 'acme/shop',
    sha: HEAD_SHA,
    kind: 'migration',
    title: overrides.title ?? 'Run migration 001_drop_status',
    details: 'Drops the unused status column.',
    rollback: 'Restore the column from the nightly backup.',
    requester: overrides.requester ?? users.author,
  });
}

export const ISSUE_LIST_QUERY = { labels: 'gatehouse', sort: 'created', direction: 'asc', per_page: 100 };

/** One issue as GET /repos/{owner}/{repo}/issues/{issue_number} returns it. */
export function anIssue(shape: {
  number: number;
  user: Actor;
  title: string;
  body: string;
  state?: 'open' | 'closed';
  createdAt: string;
}): Json {
  const issue = example('GET /repos/{owner}/{repo}/issues/{issue_number}') as Json;
  return {
    ...issue,
    id: 500_000 + shape.number,
    number: shape.number,
    title: shape.title,
    body: shape.body,
    user: aUser(shape.user),
    state: shape.state ?? 'open',
    labels: [{ id: 1, name: 'gatehouse', color: 'ededed', default: false, description: null }],
    html_url: `https://github.com/acme/shop/issues/${shape.number}`,
    url: `https://api.github.com/repos/acme/shop/issues/${shape.number}`,
    comments: 0,
    pull_request: undefined,
    created_at: shape.createdAt,
    updated_at: shape.createdAt,
    closed_at: null,
  };
}

export function addIssue(world: RequestWorld, shape: Parameters<typeof anIssue>[0]): Json {
  const issue = anIssue(shape);
  world.issues.push(issue);
  world.comments.set(shape.number, []);
  return issue;
}

export function addIssueComment(
  world: RequestWorld,
  issue: number,
  user: Actor,
  body: string,
  at = world.base.clock,
  updatedAt?: string,
): number {
  const id = world.base.nextId++;
  const comment = anIssueComment({ id, user, body, createdAt: at, ...(updatedAt ? { updatedAt } : {}) });
  comment.html_url = `https://github.com/acme/shop/issues/${issue}#issuecomment-${id}`;
  comment.issue_url = `https://api.github.com/repos/acme/shop/issues/${issue}`;
  world.comments.get(issue)?.push(comment);
  world.etags.set(issue, (world.etags.get(issue) ?? 0) + 1);
  return id;
}

function etagOf(world: RequestWorld, issue: number): string {
  return `W/"comments-${issue}-${world.etags.get(issue) ?? 0}"`;
}

/** The default branch and the policy on it. */
export function mockPolicy(world: RequestWorld, scope: nock.Scope): void {
  scope
    .get('/repos/acme/shop')
    .reply(200, { ...(example('GET /repos/{owner}/{repo}') as Json), default_branch: 'main' });
  scope
    .get('/repos/acme/shop/contents/.github%2Fgatehouse.yml')
    .query({ ref: 'main' })
    .reply(() =>
      world.policy === null
        ? [404, anError('Not Found')]
        : [200, aFile('.github/gatehouse.yml', world.policy)],
    );
}

export function mockIssueList(world: RequestWorld, scope: nock.Scope, state: 'open' | 'closed'): void {
  scope
    .get('/repos/acme/shop/issues')
    .query({ state, ...ISSUE_LIST_QUERY })
    .reply(() => [200, world.issues.filter((issue) => issue.state === state)]);
}

export function mockGetIssue(world: RequestWorld, scope: nock.Scope, number: number): void {
  scope.get(`/repos/acme/shop/issues/${number}`).reply(() => {
    const issue = world.issues.find((entry) => entry.number === number);
    return issue === undefined ? [404, anError('Not Found')] : [200, issue];
  });
}

export function mockComments(world: RequestWorld, scope: nock.Scope, number: number): void {
  scope
    .get(`/repos/acme/shop/issues/${number}/comments`)
    .query({ per_page: 100 })
    .reply(() => [200, world.comments.get(number) ?? [], { etag: etagOf(world, number) }]);
}

/** The wait's conditional read: 304 when the ETag sent is the current one. */
export function mockPoll(world: RequestWorld, scope: nock.Scope, number: number): void {
  scope
    .get(`/repos/acme/shop/issues/${number}/comments`)
    .query({ per_page: 100 })
    .reply((request: Request) => {
      const sent = request.headers.get('if-none-match');
      const current = etagOf(world, number);
      if (sent === current) return [304, ''];
      return [200, world.comments.get(number) ?? [], { etag: current }];
    });
}

export function mockLogRead(world: RequestWorld, scope: nock.Scope): void {
  scope
    .get('/repos/acme/shop/commits')
    .query({ sha: 'gatehouse-log', per_page: 100 })
    .reply(() =>
      world.base.log === null
        ? [404, anError('No commit found for SHA: gatehouse-log')]
        : [
            200,
            world.base.log.map((commit) =>
              aCommit({ ...commit.github, sha: commit.sha, tree: commit.tree, message: commit.message }),
            ),
          ],
    );
}

export function mockCheckRuns(world: RequestWorld, scope: nock.Scope, name = 'gatehouse'): void {
  scope
    .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
    .query({ check_name: name, app_id: APP_ID, filter: 'all', per_page: 100 })
    .reply(() => [200, aCheckRunList(world.base.runs.get(HEAD_SHA) ?? [])]);
}

export function mockPermission(world: RequestWorld, scope: nock.Scope, login: string): void {
  scope.get(`/repos/acme/shop/collaborators/${login}/permission`).reply(() => {
    const user = Object.values(users).find((candidate) => candidate.login === login);
    const role = world.permissions[login];
    if (user === undefined || role === undefined) return [404, anError('Not Found')];
    return [200, aPermission(user, role[0], role[1])];
  });
}

export function mockCreateIssue(
  world: RequestWorld,
  scope: nock.Scope,
  check: (body: Json) => boolean = () => true,
) {
  scope
    .post('/repos/acme/shop/issues', (body) => check(body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const number = 1 + Math.max(0, ...world.issues.map((issue) => issue.number as number));
      const issue = addIssue(world, {
        number,
        user: users.gatehouse,
        title: body.title as string,
        body: body.body as string,
        createdAt: world.base.clock,
      });
      return [201, issue];
    });
}

export function mockCreateIssueComment(
  world: RequestWorld,
  scope: nock.Scope,
  number: number,
  check: (body: string) => boolean = () => true,
) {
  scope
    .post(`/repos/acme/shop/issues/${number}/comments`, (body) => check(String(body.body)))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const id = addIssueComment(world, number, users.gatehouse, body.body as string);
      return [201, world.comments.get(number)?.find((comment) => comment.id === id)];
    });
}

export function mockUpdateIssue(
  world: RequestWorld,
  scope: nock.Scope,
  number: number,
  check: (body: Json) => boolean = () => true,
) {
  scope
    .patch(`/repos/acme/shop/issues/${number}`, (body) => check(body))
    .reply(async (request: Request) => {
      const body = (await request.json()) as Json;
      const issue = world.issues.find((entry) => entry.number === number);
      if (issue === undefined) return [404, anError('Not Found')];
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'closed') {
        issue.state = 'closed';
        issue.closed_at = world.base.clock;
      }
      return [200, issue];
    });
}

export function mockDispatch(world: RequestWorld, scope: nock.Scope) {
  scope
    .post('/repos/acme/shop/dispatches', (body) => body.event_type === 'gatehouse-decision')
    .reply(async (request: Request) => {
      world.dispatches.push((await request.json()) as Json);
      return [204, ''];
    });
}

/** Runs one step at `at` with a fresh client, and checks every mocked request was made. */
export async function requestStep<T>(
  world: RequestWorld,
  at: string,
  mock: (scope: nock.Scope) => void,
  run: (env: GateEnvironment) => Promise<T>,
  overrides: Partial<GateEnvironment> = {},
): Promise<{ value: T; log: ReturnType<typeof aGateEnvironment>['log'] }> {
  world.base.clock = at;
  const scope = github();
  mock(scope);
  const { env, log } = aGateEnvironment({ at, github: aGateClient(), ...overrides });
  const value = await run(env);
  scope.done();
  return { value, log };
}

export { API };
