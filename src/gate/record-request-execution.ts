// An agent's report that an approved request ran, recorded (issue 12). The agent leaves a comment
// with an execution mark on its approval issue (src/agent/request-approval.ts); the App reads the
// issue and its comments from the API (the delivery only says which comment to look at) and
// copies the report into an execution record, next to the request's decision. Only the
// requester's own report counts: the comment's author, as GitHub says, must be the approval
// issue's author or the requester its request record names (that record being the issue author's
// own first, unedited comment). Anyone else's mark is ignored, and logged.
import { hashRequest } from '../core/decision-id.ts';
import { createDecisionPath } from '../core/decision-record.ts';
import { createRequestExecutionRecord, type ExecutionRecord } from '../core/execution-record.ts';
import { parseExecutionMark } from '../core/execution-report.ts';
import type { Request } from '../core/model.ts';
import { readRequestRecord } from '../github/load-approval-issues.ts';
import { loadDecisionRecordAt } from '../github/load-decision-record.ts';
import { createActor } from '../github/load-pull-request.ts';
import { loadIssueComments } from '../github/load-timeline.ts';
import { readStatus } from '../github/request-error.ts';
import { type ExecutionLog, type ExecutionRun, publishExecutionRecord } from './publish-execution-record.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

type Repository = { owner: string; repo: string };

/** Decisions of the request read back, newest first, before giving up on finding one. */
const MAX_RECORDS_READ = 5;

/** The newest decision of the request's gate in the log before it ran, by the request's hash. */
async function findRequestDecision(
  env: GateEnvironment,
  repository: Repository,
  log: ExecutionLog,
  requestHash: string,
  ranAt: string,
): Promise<ExecutionRecord['decision']> {
  const candidates = (log.history.decisions ?? [])
    .filter(
      (decision) => decision.requestHash === requestHash && Date.parse(decision.at) <= Date.parse(ranAt),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_RECORDS_READ);
  for (const candidate of candidates) {
    const commit = log.history.commits?.get(candidate.id);
    if (commit === undefined) continue;
    const path = createDecisionPath(candidate.id, candidate.at, log.path);
    const record = await loadDecisionRecordAt(env.github, { ...repository, path, ref: commit });
    if (
      record === undefined ||
      record.id !== candidate.id ||
      record.gate.kind !== 'request' ||
      record.request.hash !== requestHash
    )
      continue;
    return { id: record.id, decision: record.decision, sha: record.subject.sha };
  }
  return undefined;
}

export async function recordRequestExecution(
  env: GateEnvironment,
  target: Repository & { issueNumber: number; commentId: number },
): Promise<ExecutionRun> {
  const { github, log } = env;
  const repository = { owner: target.owner, repo: target.repo };
  let issue: Awaited<ReturnType<typeof github.rest.issues.get>>['data'];
  try {
    ({ data: issue } = await github.rest.issues.get({ ...repository, issue_number: target.issueNumber }));
  } catch (error) {
    if (readStatus(error) === 404 || readStatus(error) === 410)
      return { outcome: 'skipped', reason: 'no such issue' };
    throw error;
  }
  if (issue.pull_request != null || issue.user == null)
    return { outcome: 'skipped', reason: 'not an approval issue' };
  const author = createActor(issue.user);
  const comments = await loadIssueComments(github, { ...repository, number: target.issueNumber });
  const comment = comments.find((entry) => entry.id === target.commentId);
  if (comment === undefined) return { outcome: 'skipped', reason: 'the comment is gone' };
  const mark = parseExecutionMark(comment.body);
  if (mark === undefined) return { outcome: 'skipped', reason: 'the comment holds no execution report' };
  // Anyone with write access can edit anyone's comment: an edited report is no longer the
  // requester's word (L5), whoever the author GitHub names.
  if (comment.updatedAt !== comment.createdAt) {
    log.warn(
      {
        issue: target.issueNumber,
        comment: comment.id,
        createdAt: comment.createdAt,
        updatedAt: comment.updatedAt,
      },
      `an execution report on #${target.issueNumber} was edited after it was posted: ignored`,
    );
    return { outcome: 'skipped', reason: 'the report was edited' };
  }
  const request: Request | undefined = readRequestRecord(
    comments,
    author.id,
    `${target.owner}/${target.repo}`,
  );
  if (request === undefined)
    return { outcome: 'skipped', reason: "the issue holds no request record of its author's" };
  const reporter = comment.author;
  if (reporter === undefined || (reporter.id !== author.id && reporter.id !== request.requester.id)) {
    log.warn(
      {
        issue: target.issueNumber,
        comment: comment.id,
        by: reporter?.login,
        requester: request.requester.login,
      },
      `an execution report on #${target.issueNumber} by ${reporter?.login ?? 'a deleted account'}, not the requester: ignored`,
    );
    return { outcome: 'skipped', reason: 'the report is not the requester’s' };
  }
  const defaultBranch = (await github.rest.repos.get(repository)).data.default_branch;
  const requestHash = hashRequest(request);
  // The request's decisions are in log commits of the issue author's (an agent writes its own).
  return publishExecutionRecord(
    env,
    repository,
    { defaultBranch, decisionsBy: author.id },
    async (logView) => {
      const decision = await findRequestDecision(
        env,
        repository,
        logView,
        requestHash,
        mark.startedAt ?? mark.completedAt,
      );
      return createRequestExecutionRecord({
        repository: `${target.owner}/${target.repo}`,
        issue: target.issueNumber,
        request: requestHash,
        sha: request.subject.sha,
        comment: comment.id,
        status: mark.status,
        by: reporter,
        ...(mark.startedAt === undefined ? {} : { startedAt: mark.startedAt }),
        completedAt: mark.completedAt,
        ...(decision === undefined ? {} : { decision }),
        links: {
          ...(/^https?:\/\//.test(issue.html_url) ? { issue: issue.html_url } : {}),
          ...(/^https?:\/\//.test(comment.url) ? { comment: comment.url } : {}),
        },
      });
    },
  );
}
