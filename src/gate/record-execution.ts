// The merge of a gated pull request, recorded (issue 12): read the merge from GitHub, find the
// newest decision of the pull request's gate in the log before it, and commit an execution record
// next to the decisions. The decision record itself is never touched (the log is append-only and
// its records anchored). The record is named by the merge, so a redelivery writes nothing new.
import { createDecisionPath, parseDecisionRecord } from '../core/decision-record.ts';
import {
  createExecutionRecord,
  createExecutionRecordPath,
  type ExecutionRecord,
  renderExecutionCommitMessage,
  renderExecutionRecord,
} from '../core/execution-record.ts';
import { isSameBranch } from '../core/policy.ts';
import { DEFAULT_CONFIG_PATH } from '../core/registry.ts';
import type { GitHubClient } from '../github/client.ts';
import { type DecisionHistory, loadDecisionHistory } from '../github/load-decision-history.ts';
import { loadFile } from '../github/load-file.ts';
import { loadMergedPullRequest, type MergedPullRequest } from '../github/load-merged-pull-request.ts';
import { loadPolicy } from '../github/load-policy.ts';
import type { PullRequestTarget } from '../github/load-pull-request.ts';
import { publishDecisionRecord } from '../github/publish-decision-record.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

/** Decisions of the pull request read back, newest first, before giving up on finding its gate's. */
const MAX_RECORDS_READ = 5;

export type ExecutionRun =
  | {
      outcome: 'created' | 'unchanged' | 'dry_run';
      path: string;
      record: ExecutionRecord;
      logCommit?: string;
    }
  | { outcome: 'skipped'; reason: string };

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
    const file = await loadFile(github, {
      owner: target.owner,
      repo: target.repo,
      path: createDecisionPath(candidate.id, candidate.at, logPath),
      ref: commit,
    });
    if (file.kind === 'error')
      throw new Error(`the decision record ${candidate.id} could not be read: ${file.error}`);
    if (file.kind !== 'file') continue;
    const parsed = parseDecisionRecord(file.text);
    if ('error' in parsed) continue;
    const { record } = parsed;
    if (record.id !== candidate.id || record.gate.kind !== 'pull_request') continue;
    if (record.subject.pull_request !== pull.number) continue;
    return { id: record.id, decision: record.decision, sha: record.subject.sha };
  }
  return undefined;
}

export async function recordExecution(
  env: GateEnvironment,
  target: PullRequestTarget,
): Promise<ExecutionRun> {
  const { github, log } = env;
  const merged = await loadMergedPullRequest(github, target);
  if (merged.state !== 'merged') return { outcome: 'skipped', reason: merged.reason };
  const { pull } = merged;
  const loaded = await loadPolicy(github, {
    owner: target.owner,
    repo: target.repo,
    defaultBranch: pull.defaultBranch,
    path: env.configPath ?? DEFAULT_CONFIG_PATH,
  });
  if (loaded.state === 'absent')
    return { outcome: 'skipped', reason: 'no policy: the pull request was not gated' };
  // Transient: fail the delivery, so that GitHub's redelivery records the merge later.
  if (loaded.state === 'unreadable') throw new Error(`the policy could not be read: ${loaded.error}`);
  if (loaded.state === 'invalid')
    return { outcome: 'skipped', reason: 'the policy is invalid: it names no log to write to' };
  const logLocation = loaded.policy.log;
  if (isSameBranch(logLocation.branch, pull.defaultBranch))
    return { outcome: 'skipped', reason: 'log.branch is the default branch: nothing is committed there' };

  const repository = { owner: target.owner, repo: target.repo };
  const history = await loadDecisionHistory(
    github,
    { ...repository, branch: logLocation.branch },
    env.self.botId,
    log,
  );
  if (history.error !== undefined) throw new Error(`the decision log could not be read: ${history.error}`);
  const decision = await findLastDecision(github, target, pull, history, logLocation.path);
  const record = createExecutionRecord({
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
  const path = createExecutionRecordPath(record, logLocation.path);

  // A redelivery: the merge is recorded already (whatever the log's decisions say by now).
  if (history.tip != null) {
    const existing = await loadFile(github, { ...repository, path, ref: history.tip.commit });
    if (existing.kind === 'file')
      return { outcome: 'unchanged', path, record, logCommit: history.tip.commit };
  }
  if (env.dryRun === true) {
    log.info({ path, approved: record.approved }, 'dry run: would commit the execution record');
    return { outcome: 'dry_run', path, record };
  }
  const written = await publishDecisionRecord(
    github,
    {
      ...repository,
      branch: logLocation.branch,
      path,
      content: renderExecutionRecord(record),
      message: renderExecutionCommitMessage(record),
    },
    // Read just above at this tip (or there is no log branch yet): the writer need not look again.
    history.tip === undefined ? {} : { tip: history.tip, absent: true },
  );
  log.info(
    { path, approved: record.approved, decision: decision?.id, commit: written.commit },
    record.approved
      ? `merge of #${pull.number} recorded: the approved commit`
      : `merge of #${pull.number} recorded: NOT the approved commit`,
  );
  return { outcome: written.outcome, path, record, logCommit: written.commit };
}
