// The one sticky comment of a gate (DESIGN §5): the approval request, updated in place and never
// posted twice. It is found among the comments already read for the timeline (no extra request):
// the newest comment by Gatehouse's bot that holds a request marker. Its text is for people only;
// the engine reads no state from it.
import { parseRequestMarkers } from '../core/decision-id.ts';
import type { GitHubClient } from './client.ts';
import type { PullRequestTarget } from './load-pull-request.ts';
import type { IssueComment } from './load-timeline.ts';
import { isTransient, NO_RETRY } from './request-error.ts';

export interface PublishedComment {
  id: number;
  url: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Gatehouse's request comment on the pull request: the newest of them, if several exist. */
export function findRequestComment(
  comments: readonly IssueComment[],
  botId: number,
): IssueComment | undefined {
  return comments
    .filter((comment) => comment.author?.id === botId && parseRequestMarkers(comment.body).length > 0)
    .sort((a, b) => a.id - b.id)
    .at(-1);
}

/**
 * Updates the request comment when its text differs, or creates it when there is none and
 * `create` says the gate should have one. Returns undefined when there is none and none is made.
 */
export async function publishRequestComment(
  github: GitHubClient,
  target: PullRequestTarget,
  body: string,
  options: { existing: IssueComment | undefined; create: boolean; botId: number; now: () => Date },
): Promise<PublishedComment | undefined> {
  const { existing } = options;
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
  try {
    return await post();
  } catch (error) {
    if (!isTransient(error)) throw error;
    // R3: the comment may exist although the answer was lost; look at the newest comments first.
    const recent = await github.rest.issues.listComments({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      since,
      per_page: 100,
    });
    const found = recent.data.find(
      (comment) => comment.user?.id === options.botId && parseRequestMarkers(comment.body ?? '').length > 0,
    );
    if (found) return { id: found.id, url: found.html_url, outcome: 'created' };
    return await post();
  }
}
