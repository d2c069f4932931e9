// Writes to an approval issue: open it with its request record, keep its body (the sticky
// approval request) current, post Gatehouse's marked notices, close it once decided. Creating
// an issue is never retried blindly (R3): a lost answer would leave two issues; the next run
// finds the one that exists by its request hash.
import type { Request } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { type ApprovalIssue, renderRequestRecord } from './load-approval-issues.ts';
import { NO_RETRY } from './request-error.ts';

export async function publishApprovalIssue(
  github: GitHubClient,
  target: { owner: string; repo: string },
  issue: { title: string; body: string; labels: string[]; request: Request },
): Promise<ApprovalIssue> {
  const { data } = await github.rest.issues.create({
    owner: target.owner,
    repo: target.repo,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    ...NO_RETRY,
  });
  await github.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: data.number,
    body: renderRequestRecord(issue.request),
    ...NO_RETRY,
  });
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
): Promise<number> {
  const { data } = await github.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
    ...NO_RETRY,
  });
  return data.id;
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
