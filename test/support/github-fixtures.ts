// Response bodies for mocked GitHub requests, built from the examples of GitHub's own REST
// description (@octokit/openapi), so every mock has the real field names and shapes; each builder
// overrides only what a test is about.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Actor } from '../../src/core/model.ts';

type Json = Record<string, unknown>;

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>;
  components: { examples: Record<string, { value: unknown }>; responses: Record<string, OpenApiResponse> };
}
interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, { examples?: Record<string, { value?: unknown; $ref?: string }> }>;
}

let api: OpenApi | undefined;
function openApi(): OpenApi {
  const require = createRequire(import.meta.url);
  api ??= JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as OpenApi;
  return api;
}

/** A deep copy of GitHub's example response for `METHOD /path`. */
export function example(route: string, status = '200', name?: string): Json | Json[] {
  const [method = '', path = ''] = route.split(' ');
  const spec = openApi();
  let response = spec.paths[path]?.[method.toLowerCase()]?.responses[status];
  if (response?.$ref) response = spec.components.responses[response.$ref.split('/').at(-1) ?? ''];
  const examples = response?.content?.['application/json']?.examples ?? {};
  const entry = name === undefined ? Object.values(examples)[0] : examples[name];
  if (entry === undefined) throw new Error(`no example for ${route} ${status} ${name ?? ''}`);
  const value = entry.$ref
    ? spec.components.examples[entry.$ref.split('/').at(-1) ?? '']?.value
    : entry.value;
  return structuredClone(value) as Json | Json[];
}

const templates = new Map<string, Json>();

/** The (first) example object of a route, copied; the lookup is done once per route. */
function one(route: string, status = '200', name?: string): Json {
  const key = `${route} ${status} ${name ?? ''}`;
  let template = templates.get(key);
  if (template === undefined) {
    const value = example(route, status, name);
    template = (Array.isArray(value) ? value[0] : value) as Json;
    templates.set(key, template);
  }
  return structuredClone(template);
}

export const OWNER = 'acme';
export const REPO = 'shop';
export const REPOSITORY = `${OWNER}/${REPO}`;
export const HEAD_SHA = 'c0ffee0000000000000000000000000000000001';
export const NEW_HEAD_SHA = 'c0ffee0000000000000000000000000000000002';
export const APP_ID = 4242;

export const users = {
  author: { id: 100, login: 'agent-author', type: 'User' },
  alice: { id: 1, login: 'alice', type: 'User' },
  bob: { id: 2, login: 'bob', type: 'User' },
  carol: { id: 3, login: 'carol', type: 'User' },
  dave: { id: 4, login: 'dave', type: 'User' },
  mallory: { id: 66, login: 'mallory', type: 'User' },
  gatehouse: { id: 999, login: 'gatehouse[bot]', type: 'Bot' },
} satisfies Record<string, Actor>;

export const SELF = { appId: APP_ID, botId: users.gatehouse.id, botLogin: users.gatehouse.login };

/** A user object as GitHub embeds it (simple-user). */
export function aUser(actor: Actor): Json {
  const simple = one('GET /repos/{owner}/{repo}/issues/{issue_number}/comments').user as Json;
  return {
    ...simple,
    login: actor.login,
    id: actor.id,
    type: actor.type,
    // As GitHub gives them: a bot's page is its app's, and `[bot]` is percent-encoded in URLs.
    html_url:
      actor.type === 'Bot'
        ? `https://github.com/apps/${actor.login.replace(/\[bot\]$/, '')}`
        : `https://github.com/${actor.login}`,
    url: `https://api.github.com/users/${encodeURIComponent(actor.login)}`,
  };
}

function aRepository(fullName: string, defaultBranch = 'main'): Json {
  const base = one('GET /repos/{owner}/{repo}/pulls/{pull_number}');
  const repo = structuredClone((base.base as Json).repo as Json);
  const [owner = '', name = ''] = fullName.split('/');
  return {
    ...repo,
    default_branch: defaultBranch,
    full_name: fullName,
    name,
    owner: { ...(repo.owner as Json), login: owner },
    html_url: `https://github.com/${fullName}`,
  };
}

export interface PullRequestShape {
  number?: number;
  state?: 'open' | 'closed';
  merged?: boolean;
  draft?: boolean;
  title?: string;
  body?: string | null;
  user?: Actor;
  headSha?: string;
  headRepository?: string;
  /** The head branch; default `drop-status`. */
  headRef?: string;
  /** GitHub's time of the opening; default {@link OPENED_AT}. */
  createdAt?: string;
  baseRef?: string;
  /** The repository's default branch (`base.repo.default_branch`); `main` unless a test says. */
  defaultBranch?: string;
  labels?: string[];
  changedFiles?: number;
  requestedReviewers?: Actor[];
  requestedTeams?: string[];
  /** A merge (test/simulator/merge-actions.ts): GitHub's merged_at, merged_by and merge_commit_sha. */
  merge?: { at: string; by: Actor; commit: string };
}

export const PR_NUMBER = 7;

/** GET /repos/{owner}/{repo}/pulls/{pull_number}. */
export function aPullRequest(shape: PullRequestShape = {}): Json {
  const pull = one('GET /repos/{owner}/{repo}/pulls/{pull_number}');
  const number = shape.number ?? PR_NUMBER;
  const head = pull.head as Json;
  const base = pull.base as Json;
  const label = (pull.labels as Json[])[0] ?? {};
  const team = (pull.requested_teams as Json[])[0] ?? {};
  return {
    ...pull,
    number,
    html_url: `https://github.com/${REPOSITORY}/pull/${number}`,
    created_at: shape.createdAt ?? OPENED_AT,
    state: shape.state ?? 'open',
    merged: shape.merged ?? false,
    ...(shape.merge === undefined
      ? {}
      : {
          merged: true,
          merged_at: shape.merge.at,
          closed_at: shape.merge.at,
          merged_by: aUser(shape.merge.by),
          merge_commit_sha: shape.merge.commit,
        }),
    draft: shape.draft ?? false,
    locked: false,
    title: shape.title ?? 'Drop the legacy orders.status column',
    body:
      shape.body === undefined
        ? '## Context\n\nThe column has been unused since the March release.\n\n## Rollback plan\n\nRestore the column from the nightly snapshot and redeploy.'
        : shape.body,
    user: aUser(shape.user ?? users.author),
    labels: (shape.labels ?? []).map((name, index) => ({ ...label, id: index + 1, name })),
    changed_files: shape.changedFiles ?? 1,
    requested_reviewers: (shape.requestedReviewers ?? []).map(aUser),
    requested_teams: (shape.requestedTeams ?? []).map((slug, index) => ({
      ...team,
      id: index + 1,
      slug,
      name: slug,
    })),
    head: {
      ...head,
      sha: shape.headSha ?? HEAD_SHA,
      ref: shape.headRef ?? 'drop-status',
      repo: aRepository(shape.headRepository ?? REPOSITORY),
    },
    base: {
      ...base,
      ref: shape.baseRef ?? 'main',
      repo: aRepository(REPOSITORY, shape.defaultBranch ?? 'main'),
    },
  };
}

/** One entry of GET /repos/{owner}/{repo}/pulls/{pull_number}/files. */
export function aChangedFile(filename: string, status = 'modified', previous?: string): Json {
  const file = one('GET /repos/{owner}/{repo}/pulls/{pull_number}/files');
  return {
    ...file,
    filename,
    status,
    ...(previous === undefined ? {} : { previous_filename: previous }),
  };
}

export interface CommentShape {
  id: number;
  user: Actor;
  body: string;
  createdAt?: string;
  updatedAt?: string;
  viaApp?: string;
}

export const T0 = '2026-11-20T10:00:00Z';
/** When the fixtures' pull request was opened, a little before the scenarios start. */
export const OPENED_AT = '2026-11-20T09:58:00Z';
/** When its head branch was first pushed, before the opening. */
export const FIRST_PUSH_AT = '2026-11-20T09:57:00Z';

/** One entry of GET /repos/{owner}/{repo}/activity: a push to a branch, by GitHub's log. */
export function anActivity(shape: {
  after: string;
  before?: string;
  at: string;
  actor: Actor;
  type?: 'push' | 'force_push' | 'branch_creation';
  ref?: string;
}): Json {
  // The description's example still has an older shape (pushed_at, push_type, pusher); the
  // schema, which GitHub answers in, has timestamp, activity_type and actor.
  const {
    pushed_at: _at,
    push_type: _type,
    pusher: _pusher,
    ...entry
  } = one('GET /repos/{owner}/{repo}/activity');
  return {
    ...entry,
    before: shape.before ?? '0000000000000000000000000000000000000000',
    after: shape.after,
    ref: shape.ref ?? 'refs/heads/drop-status',
    timestamp: shape.at,
    activity_type: shape.type ?? 'push',
    actor: aUser(shape.actor),
  };
}

/** The check suites of a commit (GET …/commits/{ref}/check-suites): the App's own, created at `at`. */
export function aCheckSuiteList(shape: { sha: string; appId: number; at: string }[]): Json {
  const list = example('GET /repos/{owner}/{repo}/commits/{ref}/check-suites') as Json;
  const template = (list.check_suites as Json[])[0] as Json;
  const suites = shape.map((suite, index) => ({
    ...template,
    id: 9000 + index,
    head_sha: suite.sha,
    created_at: suite.at,
    updated_at: suite.at,
    app: { ...(template.app as Json), id: suite.appId },
  }));
  return { total_count: suites.length, check_suites: suites };
}

/** One event of GET /repos/{owner}/{repo}/issues/{issue_number}/timeline (an issue event). */
export function aTimelineEvent(shape: {
  id: number;
  event: string;
  at: string;
  actor: Actor;
  label?: string;
}): Json {
  const entry = one('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline');
  const { label: _label, ...rest } = entry;
  return {
    ...rest,
    id: shape.id,
    event: shape.event,
    created_at: shape.at,
    actor: aUser(shape.actor),
    ...(shape.label === undefined ? {} : { label: { name: shape.label, color: 'ededed' } }),
  };
}

/** One entry of GET /repos/{owner}/{repo}/issues/{issue_number}/comments. */
export function anIssueComment(shape: CommentShape): Json {
  const comment = one('GET /repos/{owner}/{repo}/issues/{issue_number}/comments');
  const created = shape.createdAt ?? T0;
  return {
    ...comment,
    id: shape.id,
    html_url: `https://github.com/${REPOSITORY}/pull/${PR_NUMBER}#issuecomment-${shape.id}`,
    url: `https://api.github.com/repos/${REPOSITORY}/issues/comments/${shape.id}`,
    issue_url: `https://api.github.com/repos/${REPOSITORY}/issues/${PR_NUMBER}`,
    body: shape.body,
    user: aUser(shape.user),
    created_at: created,
    updated_at: shape.updatedAt ?? created,
    performed_via_github_app:
      shape.viaApp === undefined
        ? null
        : { id: 77, slug: shape.viaApp, name: shape.viaApp, owner: aUser(users.dave) },
  };
}

export interface ReviewShape {
  id: number;
  user: Actor;
  state: string;
  commitId?: string;
  body?: string;
  submittedAt?: string;
}

/** One entry of GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews. */
export function aReview(shape: ReviewShape): Json {
  const review = one('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews');
  return {
    ...review,
    id: shape.id,
    user: aUser(shape.user),
    state: shape.state,
    body: shape.body ?? '',
    commit_id: shape.commitId ?? HEAD_SHA,
    submitted_at: shape.submittedAt ?? T0,
  };
}

export interface CheckRunShape {
  id: number;
  headSha?: string;
  status?: string;
  conclusion?: string | null;
  externalId?: string;
  title?: string;
  summary?: string;
  text?: string | null;
  startedAt?: string;
  appId?: number;
  name?: string;
}

/** A check run as GET /repos/{owner}/{repo}/check-runs/{check_run_id} returns it. */
export function aCheckRun(shape: CheckRunShape): Json {
  const run = one('GET /repos/{owner}/{repo}/check-runs/{check_run_id}');
  const status = shape.status ?? 'in_progress';
  return {
    ...run,
    id: shape.id,
    name: shape.name ?? 'gatehouse',
    head_sha: shape.headSha ?? HEAD_SHA,
    external_id: shape.externalId ?? '',
    html_url: `https://github.com/${REPOSITORY}/runs/${shape.id}`,
    url: `https://api.github.com/repos/${REPOSITORY}/check-runs/${shape.id}`,
    status,
    conclusion: shape.conclusion ?? null,
    started_at: shape.startedAt ?? T0,
    completed_at: status === 'completed' ? (shape.startedAt ?? T0) : null,
    output: {
      ...(run.output as Json),
      title: shape.title ?? 'Waiting for 1 approval',
      summary: shape.summary ?? '',
      text: shape.text ?? null,
      annotations_count: 0,
    },
    app: { ...(run.app as Json), id: shape.appId ?? APP_ID, slug: 'gatehouse', name: 'Gatehouse' },
    pull_requests: [],
  };
}

/** GET /repos/{owner}/{repo}/commits/{ref}/check-runs. */
export function aCheckRunList(runs: Json[]): Json {
  return { total_count: runs.length, check_runs: runs };
}

/** GET /repos/{owner}/{repo}/contents/{path} for a file. */
export function aFile(path: string, text: string): Json {
  const file = example(
    'GET /repos/{owner}/{repo}/contents/{path}',
    '200',
    'response-if-content-is-a-file',
  ) as Json;
  const content = Buffer.from(text, 'utf8').toString('base64');
  return {
    ...file,
    name: path.split('/').at(-1),
    path,
    size: Buffer.byteLength(text),
    content: content.replace(/(.{60})/g, '$1\n'),
  };
}

/** GET /repos/{owner}/{repo}/contents/{path} for a file over 1 MB: no content inlined. */
export function aLargeFile(path: string, size: number): Json {
  return { ...aFile(path, ''), size, encoding: 'none', content: '' };
}

/** GET /repos/{owner}/{repo}/collaborators/{username}/permission. */
export function aPermission(actor: Actor, roleName: string, permission: string): Json {
  const answer = one('GET /repos/{owner}/{repo}/collaborators/{username}/permission');
  return {
    ...answer,
    role_name: roleName,
    permission,
    user: { ...(answer.user as Json), ...aUser(actor), role_name: roleName },
  };
}

/** GitHub's own account: the committer of what GitHub signs (web commits, merges, an App's API commits). */
export const WEB_FLOW = { id: 19864447, login: 'web-flow', type: 'User' } satisfies Actor;

export interface CommitShape {
  sha: string;
  message: string;
  tree?: string;
  /** The GitHub account the author's e-mail belongs to; null for none. Default: Gatehouse's bot. */
  author?: Actor | null;
  /** The committer's account; null for none. Default: GitHub (web-flow), which signed it. */
  committer?: Actor | null;
  /** GitHub's verification of the signature. Default: verified, `valid` (GitHub signed it). */
  verification?: { verified: boolean; reason: string };
  parents?: string[];
}

/**
 * One entry of GET /repos/{owner}/{repo}/commits. By default a log commit as the App writes it:
 * through the Git Data API with no author or committer of its own, so GitHub signs it with its
 * key ("signature verification for bots"), the author is Gatehouse's bot and the committer
 * GitHub's web-flow account.
 */
export function aCommit(shape: CommitShape): Json {
  const commit = one('GET /repos/{owner}/{repo}/commits');
  const inner = commit.commit as Json;
  const verification = shape.verification ?? { verified: true, reason: 'valid' };
  const author = shape.author === undefined ? users.gatehouse : shape.author;
  const committer = shape.committer === undefined ? WEB_FLOW : shape.committer;
  return {
    ...commit,
    sha: shape.sha,
    commit: {
      ...inner,
      message: shape.message,
      tree: { ...(inner.tree as Json), sha: shape.tree ?? `tree-of-${shape.sha}` },
      verification: {
        ...(inner.verification as Json),
        ...verification,
        ...(verification.reason === 'unsigned'
          ? { signature: null, payload: null, verified_at: null }
          : {
              signature: '-----BEGIN PGP SIGNATURE-----\n…\n-----END PGP SIGNATURE-----\n',
              payload: `tree ${shape.tree ?? `tree-of-${shape.sha}`}\n…`,
              verified_at: '2026-11-20T10:00:00Z',
            }),
      },
    },
    author: author === null ? null : aUser(author),
    committer: committer === null ? null : aUser(committer),
    ...(shape.parents === undefined
      ? {}
      : {
          parents: shape.parents.map((sha) => ({
            sha,
            url: `https://api.github.com/repos/acme/shop/commits/${sha}`,
            html_url: `https://github.com/acme/shop/commit/${sha}`,
          })),
        }),
  };
}

/** GET /repos/{owner}/{repo}/git/ref/{ref}, POST …/git/refs, PATCH …/git/refs/{ref}. */
export function aGitRef(branch: string, sha: string): Json {
  const ref = one('GET /repos/{owner}/{repo}/git/ref/{ref}');
  return { ...ref, ref: `refs/heads/${branch}`, object: { ...(ref.object as Json), sha } };
}

/** GET or POST a git commit. */
export function aGitCommit(sha: string, tree: string, parents: string[] = []): Json {
  const commit = one('POST /repos/{owner}/{repo}/git/commits', '201');
  return {
    ...commit,
    sha,
    tree: { ...(commit.tree as Json), sha: tree },
    parents: parents.map((parent) => ({
      sha: parent,
      url: `https://api.github.com/repos/${REPOSITORY}/git/commits/${parent}`,
      html_url: `https://github.com/${REPOSITORY}/commit/${parent}`,
    })),
  };
}

/** POST /repos/{owner}/{repo}/git/trees. */
export function aGitTree(sha: string, paths: string[]): Json {
  const tree = one('POST /repos/{owner}/{repo}/git/trees', '201');
  const entry = (tree.tree as Json[])[0] ?? {};
  return { ...tree, sha, truncated: false, tree: paths.map((path) => ({ ...entry, path })) };
}

/** POST /repos/{owner}/{repo}/issues/{issue_number}/comments and PATCH of a comment. */
export function aCreatedComment(id: number, body: string, at = T0): Json {
  return anIssueComment({ id, user: users.gatehouse, body, createdAt: at });
}

/** One entry of GET /orgs/{org}/teams/{team_slug}/members. */
export function aTeamMember(actor: Actor): Json {
  return aUser(actor);
}

/** An error body as GitHub sends it. */
export function anError(message: string): Json {
  return { message, documentation_url: 'https://docs.github.com/rest' };
}
