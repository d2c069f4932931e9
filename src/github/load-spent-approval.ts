// Whether a single-use approval on an approval issue was spent (DESIGN §10: "once"). Spending
// adds the `gatehouse:used` label; GitHub records that as a `labeled` event on the issue's
// timeline, which nobody can delete. Comments, labels and the issue's state can all be undone by
// whoever holds the token that spent it (the agent's own token), so none of them is the proof:
// a `labeled` event for the label ever, by anyone, is. Anyone else adding the label can only
// make Gatehouse ask again, never open a gate.
import type { GitHubClient } from './client.ts';
import type { ApprovalIssue, IssueMark } from './load-approval-issues.ts';

/** The label that spends a single-use approval. */
export const USED_LABEL = 'gatehouse:used';

/**
 * True when the issue carries the label or a `used` mark now (free: read already), else when its
 * timeline shows the label was ever added (one read, made only for an approval about to be used).
 */
export async function loadSpentApproval(
  github: GitHubClient,
  target: { owner: string; repo: string },
  issue: ApprovalIssue,
  marks: readonly IssueMark[],
): Promise<boolean> {
  if (issue.labels?.includes(USED_LABEL) === true || marks.some((mark) => mark.type === 'used')) return true;
  const events = await github.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
    owner: target.owner,
    repo: target.repo,
    issue_number: issue.number,
    per_page: 100,
  });
  return events.some(
    (event) =>
      event.event === 'labeled' &&
      'label' in event &&
      (event.label as { name?: unknown } | undefined)?.name === USED_LABEL,
  );
}
