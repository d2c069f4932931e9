// Writes to an approval issue: open it with its request record, keep its body (the sticky
// approval request) current, post Gatehouse's marked notices, close it once decided. Creating
// an issue or a comment is never retried blindly (R3): when the answer is lost, the issue (or the
// comment) is looked for first, by its exact title and body, and created again only if missing.
import type { Request } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { keepOldestComment } from './keep-oldest-comment.ts';
import { type ApprovalIssue, renderRequestRecord } from './load-approval-issues.ts';
import { publishOnce } from './publish-once.ts';
import { NO_RETRY } from './request-error.ts';

type IssueData = {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  created_at: string;
  user?: { id: number } | null;
};

export async function publishApprovalIssue(
  github: GitHubClient,
  target: { owner: string; repo: string },
  issue: { title: string; body: string; labels: string[]; request: Request },
  /** Gatehouse's own account: only what it wrote can be the issue whose creation lost its answer. */
  authorId: number,
): Promise<ApprovalIssue> {
  const data = await publishOnce<IssueData>(
    async () =>
      (
        await github.rest.issues.create({
          owner: target.owner,
          repo: target.repo,
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          ...NO_RETRY,
        })
      ).data,
    () => findOpenIssue(github, target, issue, authorId),
  );
  await publishIssueComment(
    github,
    { ...target, issueNumber: data.number },
    renderRequestRecord(issue.request),
    authorId,
  );
  return {
    number: data.number,
    url: data.html_url,
    open: true,
    title: data.title,
    body: data.body ?? issue.body,
    createdAt: data.created_at,
    bodyHashes: [],
  };
}

/**
 * The newest open issue Gatehouse opened with exactly this title, body and labels: one whose
 * creation lost its answer. Anyone can open an issue with the same text; only Gatehouse's counts.
 */
async function findOpenIssue(
  github: GitHubClient,
  target: { owner: string; repo: string },
  issue: { title: string; body: string; labels: string[] },
  authorId: number,
): Promise<IssueData | undefined> {
  const { data } = await github.rest.issues.listForRepo({
    owner: target.owner,
    repo: target.repo,
    state: 'open',
    labels: issue.labels.join(','),
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  });
  return data.find(
    (found) => found.user?.id === authorId && found.title === issue.title && found.body === issue.body,
  );
}

/** Updates the body when it differs; returns whether it wrote. */
export async function publishApprovalIssueBody(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  current: string,
  body: string,
): Promise<boolean> {
  if (current === body) return false;
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
  });
  return true;
}

export async function publishIssueComment(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  body: string,
  /** Gatehouse's own account: a comment by anyone else with the same body is not the lost one. */
  authorId: number,
  /** Replicas may each post it (DESIGN §8): the oldest since `since` stays (keep-oldest-comment.ts). */
  converge?: { since: string },
): Promise<number> {
  const issue = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber };
  const id = await publishOnce(
    async () => (await github.rest.issues.createComment({ ...issue, body, ...NO_RETRY })).data.id,
    async () => {
      // A comment with exactly this body: Gatehouse's notices carry their decision id or time.
      const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });
      return comments.findLast((comment) => comment.user?.id === authorId && comment.body === body)?.id;
    },
  );
  if (converge === undefined) return id;
  const kept = await keepOldestComment(
    github,
    target,
    id,
    (comment) => comment.user?.id === authorId && comment.body === body,
    converge.since,
  );
  return kept?.id ?? id;
}

export async function closeApprovalIssue(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  reason: 'completed' | 'not_planned',
): Promise<void> {
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    state: 'closed',
    state_reason: reason,
  });
}

/** Adds labels to an approval issue (GitHub records each as a `labeled` event on its timeline). */
export async function publishIssueLabels(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  labels: string[],
): Promise<void> {
  await github.rest.issues.addLabels({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    labels,
  });
}
