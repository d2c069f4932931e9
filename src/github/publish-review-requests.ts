// Review requests to the people and teams who may approve (DESIGN §5): logins as reviewers,
// `@org/team` of the repository's own organisation as team reviewers (GitHub cannot request
// other organisations' teams). Never the PR author, nobody already requested, nobody who already
// reviewed this commit. A refusal (422: not a collaborator, …) is logged; the gate does not
// depend on it.
import type { GitHubClient } from './client.ts';
import type { PullRequestSnapshot, PullRequestTarget } from './load-pull-request.ts';
import { describeRequestError } from './request-error.ts';

/** GitHub accepts at most this many reviewers (and teams) in one request. */
export const MAX_REVIEW_REQUESTS = 15;

export interface ReviewRequests {
  reviewers: string[];
  teams: string[];
}

/** Who to request from reviewer-group entries, after the exclusions above. */
export function selectReviewRequests(
  entries: readonly string[],
  pr: Pick<PullRequestSnapshot, 'author' | 'requestedReviewers' | 'requestedTeams'>,
  target: PullRequestTarget,
  reviewedBy: readonly string[],
): ReviewRequests {
  const org = target.owner.toLowerCase();
  const skip = new Set([pr.author.login.toLowerCase(), ...pr.requestedReviewers, ...reviewedBy]);
  const reviewers = new Set<string>();
  const teams = new Set<string>();
  for (const entry of entries) {
    if (entry.startsWith('@')) {
      const [owner, slug, ...rest] = entry.slice(1).toLowerCase().split('/');
      if (
        owner === org &&
        slug !== undefined &&
        slug !== '' &&
        rest.length === 0 &&
        !pr.requestedTeams.includes(slug)
      )
        teams.add(slug);
    } else if (!skip.has(entry.toLowerCase()) && !entry.toLowerCase().endsWith('[bot]')) {
      reviewers.add(entry.toLowerCase());
    }
  }
  return {
    reviewers: [...reviewers].slice(0, MAX_REVIEW_REQUESTS),
    teams: [...teams].slice(0, MAX_REVIEW_REQUESTS),
  };
}

export async function publishReviewRequests(
  github: GitHubClient,
  target: PullRequestTarget,
  requests: ReviewRequests,
  log: { warn: (fields: unknown, message?: string) => void },
): Promise<boolean> {
  if (requests.reviewers.length === 0 && requests.teams.length === 0) return false;
  try {
    await github.rest.pulls.requestReviewers({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
      reviewers: requests.reviewers,
      team_reviewers: requests.teams,
    });
    return true;
  } catch (error) {
    log.warn(
      { ...requests, error: describeRequestError(error) },
      'GitHub refused the review requests; the gate does not depend on them',
    );
    return false;
  }
}
