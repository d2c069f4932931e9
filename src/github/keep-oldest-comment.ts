// Replicas (DESIGN §8) that each found no comment of a kind each post one: comments can be
// deleted, so they converge instead of locking. Every replica reads the recent comments after its
// own creation, so of two creators the later one always sees both and deletes its own; the
// oldest stays. A comment another replica deleted first is gone already.
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

export interface ListedComment {
  id: number;
  html_url: string;
  body?: string | undefined;
  user: { id: number } | null;
}

/**
 * After creating comment `created` on issue `target`, keeps the oldest comment since `since`
 * that `same` accepts: deletes `created` when an older one exists, and returns the one kept.
 */
export async function keepOldestComment(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  created: number,
  same: (comment: ListedComment) => boolean,
  since: string,
): Promise<ListedComment | undefined> {
  const { data } = await github.rest.issues.listComments({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    since,
    per_page: 100,
  });
  const oldest = data.filter(same).sort((a, b) => a.id - b.id)[0];
  if (oldest === undefined || oldest.id >= created) return undefined;
  try {
    await github.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: created });
  } catch (error) {
    // Deleted already, by another replica that saw both.
    if (readStatus(error) !== 404) throw error;
  }
  return oldest;
}
