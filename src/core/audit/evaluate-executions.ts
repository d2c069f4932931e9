// Did what was approved run, and did only that run? Each execution record (a merge) against the
// decisions of its pull request's gate in the same log: the newest decision recorded before the
// merge must have let the gate pass, for the merged head, else `merged_unapproved`. The log
// decides, not the execution record's own `approved`, which is only what the App saw then.
// And the other way: pull requests whose newest decision passed, with no execution record.
import type { DecisionRecord } from '../decision-record.ts';
import { PASSING_DECISIONS } from '../registry.ts';
import type { AuditExecutions, AuditFinding, ExecutionRow } from './audit-report.ts';
import type { ReadExecution, ReadRecord } from './evaluate-integrity.ts';

function pullRequestKey(repository: string, number: number): string {
  return `${repository.toLowerCase()}#${number}`;
}

function isPassing(record: DecisionRecord): boolean {
  return PASSING_DECISIONS.includes(record.decision);
}

const newestFirst = (a: ReadRecord, b: ReadRecord) =>
  Date.parse(b.record.times.decided_at) - Date.parse(a.record.times.decided_at) ||
  (a.record.id < b.record.id ? 1 : -1);

function describeMerge(execution: ReadExecution['record']): string {
  return `pull request #${execution.subject.pull_request} was merged with head ${execution.subject.sha.slice(0, 12)} by ${execution.execution.by.login} at ${execution.execution.at}`;
}

export function evaluateExecutions(
  records: readonly ReadRecord[],
  executions: readonly ReadExecution[],
): { findings: AuditFinding[]; executions: AuditExecutions } {
  // The decisions of each pull request's own gate (not deployment gates of its commits), newest first.
  const decided = new Map<string, ReadRecord[]>();
  for (const read of records) {
    const { record } = read;
    if (record.gate.kind !== 'pull_request' || record.subject.pull_request === undefined) continue;
    const key = pullRequestKey(record.repository, record.subject.pull_request);
    decided.set(key, [...(decided.get(key) ?? []), read]);
  }
  for (const list of decided.values()) list.sort(newestFirst);

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
    const before = (decided.get(key) ?? []).filter(
      (decision) => Date.parse(decision.record.times.decided_at) <= mergedAt,
    );
    const [last] = before;
    const approval = before.find((decision) => isPassing(decision.record));
    const head = record.subject.sha.toLowerCase();
    if (last !== undefined && isPassing(last.record) && last.record.subject.sha.toLowerCase() === head)
      continue;
    ranWithoutApproval.push({
      id: record.id,
      path: read.path,
      repository: record.repository,
      pull_request: record.subject.pull_request,
      sha: record.subject.sha,
      merge_commit: record.execution.commit,
      merged_by: record.execution.by.login,
      merged_at: record.execution.at,
      approved_sha: approval?.record.subject.sha ?? null,
      decision_id: approval?.record.id ?? null,
    });
    read.findings.push('merged_unapproved');
    const message =
      last === undefined
        ? `${describeMerge(record)}, and the log has no decision of its gate before that`
        : !isPassing(last.record)
          ? `${describeMerge(record)}, but the newest decision of its gate before that (${last.record.id}) is ${last.record.decision} for ${last.record.subject.sha.slice(0, 12)}: it was merged against its gate`
          : `${describeMerge(record)}, but the newest decision of its gate before that (${last.record.id}, ${last.record.decision}) is for ${last.record.subject.sha.slice(0, 12)}: a commit nobody approved was merged`;
    findings.push({ code: 'merged_unapproved', path: read.path, id: record.id, checkRunId: null, message });
  }

  const approvedNeverRan = [...decided.entries()]
    .filter(([key, list]) => !merged.has(key) && list[0] !== undefined && isPassing(list[0].record))
    .map(([, list]) => list[0] as ReadRecord)
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
