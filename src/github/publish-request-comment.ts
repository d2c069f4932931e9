// The one sticky comment of a gate (DESIGN §5): the approval request, updated in place and never
// posted twice. It is found among the comments already read for the timeline (no extra request):
// the newest comment by Gatehouse's bot that holds a request marker. Its text is for people only;
// the engine reads no state from it.
import { parseRequestMarkers } from '../core/decision-id.ts';
import type { GitHubClient } from './client.ts';
import { deleteComments, keepOldestComment, type ListedComment } from './keep-oldest-comment.ts';
import type { PullRequestTarget } from './load-pull-request.ts';
import type { IssueComment } from './load-timeline.ts';
import { isTransient, NO_RETRY } from './request-error.ts';

export interface PublishedComment {
  id: number;
  url: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

const GATE_MARKER = /<!-- gatehouse:gate (\S+) -->/;

/**
 * The marker that tells a deployment gate's request comment from the pull request's own: one
 * sticky comment per gate (DESIGN §5). The environment is URL-encoded, so no name can end the
 * HTML comment. The pull request's own gate has none, as before deployment gates existed.
 */
export function renderGateMarker(environment: string | undefined): string {
  return environment === undefined ? '' : `<!-- gatehouse:gate ${encodeURIComponent(environment)} -->`;
}

function readGateMarker(body: string): string | undefined {
  const encoded = GATE_MARKER.exec(body)?.[1];
  if (encoded === undefined) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

function isRequestCommentOf(body: string, environment: string | undefined): boolean {
  return parseRequestMarkers(body).length > 0 && readGateMarker(body) === environment;
}

/**
 * Gatehouse's request comment of a gate on the pull request: the oldest, if several exist, the
 * one replicas that both created one converge on (the others are deleted).
 */
export function findRequestComment(
  comments: readonly IssueComment[],
  botId: number,
  environment?: string,
): IssueComment | undefined {
  return findRequestComments(comments, botId, environment)[0];
}

/** All of Gatehouse's request comments of a gate, oldest first: more than one only after a race. */
export function findRequestComments(
  comments: readonly IssueComment[],
  botId: number,
  environment?: string,
): IssueComment[] {
  return comments
    .filter((comment) => comment.author?.id === botId && isRequestCommentOf(comment.body, environment))
    .sort((a, b) => a.id - b.id);
}

/**
 * Updates the request comment when its text differs, or creates it when there is none and
 * `create` says the gate should have one. Returns undefined when there is none and none is made.
 */
export async function publishRequestComment(
  github: GitHubClient,
  target: PullRequestTarget,
  body: string,
  options: {
    existing: IssueComment | undefined;
    create: boolean;
    botId: number;
    now: () => Date;
    environment?: string | undefined;
    /**
     * Replicas may each have created one (DESIGN §8): after creating, the comments are read again
     * and every replica keeps the oldest, deleting its own when it is not.
     */
    replicas?: boolean | undefined;
    /** Copies beside `existing` that replicas left (a race that failed before it converged): deleted. */
    duplicates?: readonly IssueComment[] | undefined;
  },
): Promise<PublishedComment | undefined> {
  const { existing, environment } = options;
  await deleteComments(
    github,
    target,
    (options.duplicates ?? []).map((copy) => copy.id),
  );
  const marker = renderGateMarker(environment);
  if (marker !== '') body = `${body}\n${marker}`;
  if (existing) {
    if (existing.body === body) return { id: existing.id, url: existing.url, outcome: 'unchanged' };
    await github.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    return { id: existing.id, url: existing.url, outcome: 'updated' };
  }
  if (!options.create) return undefined;
  const since = new Date(options.now().getTime() - 60_000).toISOString();
  const post = async (): Promise<PublishedComment> => {
    const { data } = await github.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      body,
      ...NO_RETRY,
    });
    return { id: data.id, url: data.html_url, outcome: 'created' };
  };
  const created = await postOnce(
    github,
    target,
    post,
    (comment) => isOwnRequestComment(comment, options.botId, environment),
    since,
  );
  return options.replicas === true
    ? await convergeOnOldest(
        github,
        target,
        created,
        body,
        (comment) => isOwnRequestComment(comment, options.botId, environment),
        since,
      )
    : created;
}

function isOwnRequestComment(
  comment: ListedComment,
  botId: number,
  environment: string | undefined,
): boolean {
  return comment.user?.id === botId && isRequestCommentOf(comment.body ?? '', environment);
}

function listRecent(github: GitHubClient, target: PullRequestTarget, since: string) {
  return github.rest.issues.listComments({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    since,
    per_page: 100,
  });
}

async function postOnce(
  github: GitHubClient,
  target: PullRequestTarget,
  post: () => Promise<PublishedComment>,
  own: (comment: ListedComment) => boolean,
  since: string,
): Promise<PublishedComment> {
  try {
    return await post();
  } catch (error) {
    if (!isTransient(error)) throw error;
    // R3: the comment may exist although the answer was lost; look at the newest comments first.
    const recent = await listRecent(github, target, since);
    const found = recent.data.find(own);
    if (found) return { id: found.id, url: found.html_url, outcome: 'created' };
    return await post();
  }
}

/** Replicas may each have created one: the oldest stays, with this replica's text when it differs. */
async function convergeOnOldest(
  github: GitHubClient,
  target: PullRequestTarget,
  created: PublishedComment,
  body: string,
  own: (comment: ListedComment) => boolean,
  since: string,
): Promise<PublishedComment> {
  const issue = { owner: target.owner, repo: target.repo, issueNumber: target.number };
  const oldest = await keepOldestComment(github, issue, created.id, own, since);
  if (oldest === undefined) return created;
  if (oldest.body !== body)
    await github.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: oldest.id,
      body,
    });
  return { id: oldest.id, url: oldest.html_url, outcome: oldest.body === body ? 'unchanged' : 'updated' };
}
