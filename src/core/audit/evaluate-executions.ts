// Did what was approved run, and did only that run? Each execution record (a merge) against the
// decisions of its pull request's gate in the same log: the merged head must be the commit of the
// newest passing decision recorded before the merge, else `merged_unapproved`. The log decides,
// not the execution record's own `approved`, which is only what the App saw at the time.
// And the other way: the passing decisions of pull requests that no execution record follows.
import type { DecisionRecord } from '../decision-record.ts';
import { PASSING_DECISIONS } from '../registry.ts';
import type { AuditExecutions, AuditFinding, ExecutionRow } from './audit-report.ts';
import type { ReadExecution, ReadRecord } from './evaluate-integrity.ts';

function pullRequestKey(repository: string, number: number): string {
  return `${repository.toLowerCase()}#${number}`;
}

function isPassingPullRequestDecision(record: DecisionRecord): boolean {
  return (
    record.gate.kind === 'pull_request' &&
    record.subject.pull_request !== undefined &&
    PASSING_DECISIONS.includes(record.decision)
  );
}

export function evaluateExecutions(
  records: readonly ReadRecord[],
  executions: readonly ReadExecution[],
): { findings: AuditFinding[]; executions: AuditExecutions } {
  const passing = new Map<string, ReadRecord[]>();
  for (const read of records) {
    const { record } = read;
    if (!isPassingPullRequestDecision(record)) continue;
    const key = pullRequestKey(record.repository, record.subject.pull_request as number);
    passing.set(key, [...(passing.get(key) ?? []), read]);
  }
  const newestFirst = (a: ReadRecord, b: ReadRecord) =>
    Date.parse(b.record.times.decided_at) - Date.parse(a.record.times.decided_at);

  const findings: AuditFinding[] = [];
  const ranWithoutApproval: ExecutionRow[] = [];
  const merged = new Set<string>();
  const sorted = [...executions].sort(
    (a, b) => Date.parse(a.record.execution.at) - Date.parse(b.record.execution.at),
  );
  for (const read of sorted) {
    const { record } = read;
    const key = pullRequestKey(record.repository, record.subject.pull_request);
    merged.add(key);
    const mergedAt = Date.parse(record.execution.at);
    const [newest] = (passing.get(key) ?? [])
      .filter((decision) => Date.parse(decision.record.times.decided_at) <= mergedAt)
      .sort(newestFirst);
    if (newest !== undefined && newest.record.subject.sha.toLowerCase() === record.subject.sha.toLowerCase())
      continue;
    const row: ExecutionRow = {
      id: record.id,
      path: read.path,
      repository: record.repository,
      pull_request: record.subject.pull_request,
      sha: record.subject.sha,
      merge_commit: record.execution.commit,
      merged_by: record.execution.by.login,
      merged_at: record.execution.at,
      approved_sha: newest?.record.subject.sha ?? null,
      decision_id: newest?.record.id ?? null,
    };
    ranWithoutApproval.push(row);
    read.findings.push('merged_unapproved');
    const head = record.subject.sha.slice(0, 12);
    findings.push({
      code: 'merged_unapproved',
      path: read.path,
      id: record.id,
      checkRunId: null,
      message:
        newest === undefined
          ? `pull request #${record.subject.pull_request} was merged with head ${head} by ${record.execution.by.login} at ${record.execution.at}, and the log has no passing decision of its gate before that`
          : `pull request #${record.subject.pull_request} was merged with head ${head} by ${record.execution.by.login} at ${record.execution.at}, but the newest passing decision of its gate (${newest.record.id}, ${newest.record.decision}) is for ${newest.record.subject.sha.slice(0, 12)}: a commit nobody approved was merged`,
    });
  }

  const approvedNeverRan = [...passing.entries()]
    .filter(([key]) => !merged.has(key))
    .map(([, decisions]) => [...decisions].sort(newestFirst)[0] as ReadRecord)
    .map(({ record, path }) => ({
      id: record.id,
      path,
      repository: record.repository,
      pull_request: record.subject.pull_request as number,
      sha: record.subject.sha,
      decision: record.decision,
      decided_at: record.times.decided_at,
    }))
    .sort((a, b) => Date.parse(a.decided_at) - Date.parse(b.decided_at) || (a.id < b.id ? -1 : 1));

  return {
    findings,
    executions: { records: executions.length, ranWithoutApproval, approvedNeverRan },
  };
}
