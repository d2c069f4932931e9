// A merged pull request as GitHub's API tells it: the merge commit, who merged and when. The
// webhook's payload says the same, but an execution record is evidence, so it is read back from
// the API with the App's own token rather than taken from a body anyone holding the secret signs.
import type { GitHubClient } from './client.ts';
import type { PullRequestTarget } from './load-pull-request.ts';

export interface MergedPullRequest {
  number: number;
  /** The head commit that was merged. */
  headSha: string;
  baseRef: string;
  defaultBranch: string;
  mergeCommit: string;
  mergedBy: { id: number; login: string };
  mergedAt: string;
  url: string;
}

export type MergeLoad =
  | { state: 'merged'; pull: MergedPullRequest }
  | { state: 'not_merged'; reason: string };

export async function loadMergedPullRequest(
  github: GitHubClient,
  target: PullRequestTarget,
): Promise<MergeLoad> {
  const { data } = await github.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
  });
  if (data.merged !== true || data.merged_at === null || data.merged_at === undefined)
    return { state: 'not_merged', reason: `pull request #${target.number} is not merged` };
  if (data.merge_commit_sha === null || data.merged_by === null || data.merged_by === undefined)
    return {
      state: 'not_merged',
      reason: `GitHub does not say the merge commit or who merged pull request #${target.number}`,
    };
  return {
    state: 'merged',
    pull: {
      number: data.number,
      headSha: data.head.sha,
      baseRef: data.base.ref,
      defaultBranch: data.base.repo.default_branch,
      mergeCommit: data.merge_commit_sha,
      mergedBy: { id: data.merged_by.id, login: data.merged_by.login },
      mergedAt: data.merged_at,
      url: data.html_url,
    },
  };
}
