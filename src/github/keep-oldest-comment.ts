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
 * that `same` accepts and deletes every other: `created` when an older one exists, and any copy
 * another replica left (a replica whose answer was lost cannot tell its copy from another's).
 * Returns the one kept when it is not `created`.
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
  const [oldest, ...copies] = data.filter(same).sort((a, b) => a.id - b.id);
  await deleteComments(
    github,
    target,
    copies.map((copy) => copy.id),
  );
  return oldest === undefined || oldest.id === created ? undefined : oldest;
}

/** Deletes the comments; one another replica deleted first is gone already. */
export async function deleteComments(
  github: GitHubClient,
  target: { owner: string; repo: string },
  ids: readonly number[],
): Promise<void> {
  for (const id of ids) {
    try {
      await github.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
    } catch (error) {
      if (readStatus(error) !== 404) throw error;
    }
  }
}
