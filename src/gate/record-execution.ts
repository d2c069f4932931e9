// The merge of a gated pull request, recorded (issue 12): read the merge from GitHub, find the
// newest decision of the pull request's gate in the log before it, and commit an execution record
// next to the decisions. The decision record itself is never touched (the log is append-only and
// its records anchored). The record is named by the merge, so a redelivery writes nothing new.
import { createDecisionPath } from '../core/decision-record.ts';
import { createExecutionRecord, type ExecutionRecord } from '../core/execution-record.ts';
import type { GitHubClient } from '../github/client.ts';
import type { DecisionHistory } from '../github/load-decision-history.ts';
import { loadDecisionRecordAt } from '../github/load-decision-record.ts';
import { loadMergedPullRequest, type MergedPullRequest } from '../github/load-merged-pull-request.ts';
import type { PullRequestTarget } from '../github/load-pull-request.ts';
import { type ExecutionRun, publishExecutionRecord } from './publish-execution-record.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

/** Decisions of the pull request read back, newest first, before giving up on finding its gate's. */
const MAX_RECORDS_READ = 5;

export type { ExecutionRun } from './publish-execution-record.ts';

/**
 * The newest decision of the pull request's own gate (not a deployment gate of its head) decided
 * before the merge: an approval a later rejection overrode does not count. The log commits' trailers name the candidates; each candidate's
 * record is read from the log commit GitHub verified as Gatehouse's, for its gate and commit.
 */
async function findLastDecision(
  github: GitHubClient,
  target: PullRequestTarget,
  pull: MergedPullRequest,
  history: DecisionHistory,
  logPath: string,
): Promise<ExecutionRecord['decision']> {
  const mergedAt = Date.parse(pull.mergedAt);
  const candidates = (history.decisions ?? [])
    .filter((decision) => decision.pullRequest === pull.number && Date.parse(decision.at) <= mergedAt)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_RECORDS_READ);
  for (const candidate of candidates) {
    const commit = history.commits?.get(candidate.id);
    if (commit === undefined) continue;
    const record = await loadDecisionRecordAt(github, {
      owner: target.owner,
      repo: target.repo,
      path: createDecisionPath(candidate.id, candidate.at, logPath),
      ref: commit,
    });
    if (record === undefined || record.id !== candidate.id || record.gate.kind !== 'pull_request') continue;
    if (record.subject.pull_request !== pull.number) continue;
    return { id: record.id, decision: record.decision, sha: record.subject.sha };
  }
  return undefined;
}

export async function recordExecution(
  env: GateEnvironment,
  target: PullRequestTarget,
): Promise<ExecutionRun> {
  const merged = await loadMergedPullRequest(env.github, target);
  if (merged.state !== 'merged') return { outcome: 'skipped', reason: merged.reason };
  const { pull } = merged;
  const run = await publishExecutionRecord(
    env,
    { owner: target.owner, repo: target.repo },
    { defaultBranch: pull.defaultBranch },
    async (log) => {
      const decision = await findLastDecision(env.github, target, pull, log.history, log.path);
      return createExecutionRecord({
        repository: `${target.owner}/${target.repo}`,
        pullRequest: pull.number,
        headSha: pull.headSha,
        targetBranch: pull.baseRef,
        mergeCommit: pull.mergeCommit,
        mergedBy: pull.mergedBy,
        mergedAt: pull.mergedAt,
        url: pull.url,
        ...(decision === undefined ? {} : { decision }),
      });
    },
  );
  // What was skipped for want of a policy: the pull request was not gated.
  if (run.outcome === 'skipped' && run.reason.startsWith('no policy'))
    return { outcome: 'skipped', reason: 'no policy: the pull request was not gated' };
  return run;
}
