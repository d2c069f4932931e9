// Did what was approved run, and did only that run? Each execution record against the decisions
// of its gate in the same log: the newest decision recorded before it ran must have let the gate
// pass, for the commit that ran, else a finding. The log decides, not the execution record's own
// `approved`, which is only what the App saw then. Each kind of execution has its gate:
//
// - a merge: the pull request's own gate (`gate.kind: pull_request`, by pull request number);
// - a deployment: the deployment gate of its environment and commit (`gate.kind: deployment`);
// - an agent's request: the request's gate (`gate.kind: request`, by request hash).
//
// A deployment the App recorded as created through the REST API (`execution.origin: api`) ran
// under no decision, whatever its gate decided: the App saw from GitHub's API that no protection
// rule held it.
//
// And the other way: gates whose newest decision passed with nothing recorded as run.
import type { DecisionRecord } from '../decision-record.ts';
import {
  type DeploymentExecutionRecord,
  type ExecutionRecord,
  type ExecutionType,
  type MergeExecutionRecord,
  type RequestExecutionRecord,
  readExecutionStart,
} from '../execution-record.ts';
import { PASSING_DECISIONS } from '../registry.ts';
import type {
  AuditExecutions,
  AuditFinding,
  AuditFindingCode,
  ExecutionRow,
  UnexecutedDecisionRow,
} from './audit-report.ts';
import type { ReadExecution, ReadRecord } from './evaluate-integrity.ts';

function isPassing(record: DecisionRecord): boolean {
  return PASSING_DECISIONS.includes(record.decision);
}

/** Sorts a list newest decision first (then by id), in place; each time parsed once, not per comparison. */
function sortNewestFirst(list: ReadRecord[]): void {
  const timed = list.map((read) => ({ read, at: Date.parse(read.record.times.decided_at) }));
  timed.sort((a, b) => b.at - a.at || (a.read.record.id < b.read.record.id ? 1 : -1));
  timed.forEach(({ read }, index) => {
    list[index] = read;
  });
}

/**
 * The gate a decision belongs to, as an execution names it: `merge` and `deployment` keys are the
 * gate (a pull request; an environment and commit), `request` keys the request hash.
 */
function gateKeyOfDecision(record: DecisionRecord): { type: ExecutionType; key: string } | undefined {
  const repository = record.repository.toLowerCase();
  if (record.gate.kind === 'pull_request' && record.subject.pull_request !== undefined)
    return { type: 'merge', key: `${repository}#${record.subject.pull_request}` };
  if (record.gate.kind === 'deployment' && record.gate.environment !== undefined)
    return {
      type: 'deployment',
      key: `${repository}@${record.subject.sha.toLowerCase()}:${record.gate.environment}`,
    };
  // Only agents report what ran: a request of a workflow job (no `agent`) never has a record.
  if (record.gate.kind === 'request' && record.agent !== undefined)
    return { type: 'request', key: `${repository}~${record.request.hash}` };
  return undefined;
}

function gateKeyOfExecution(record: ExecutionRecord): string {
  const repository = record.repository.toLowerCase();
  switch (record.execution.type) {
    case 'merge':
      return `${repository}#${(record as MergeExecutionRecord).subject.pull_request}`;
    case 'deployment': {
      const { subject } = record as DeploymentExecutionRecord;
      return `${repository}@${subject.sha.toLowerCase()}:${subject.environment}`;
    }
    case 'request':
      return `${repository}~${(record as RequestExecutionRecord).subject.request}`;
  }
}

/** A deployment's environment key without the commit: where to look for an approval of another one. */
function environmentKey(repository: string, environment: string): string {
  return `${repository.toLowerCase()}:${environment}`;
}

const FINDING: Record<ExecutionType, AuditFindingCode> = {
  merge: 'merged_unapproved',
  deployment: 'deployed_unapproved',
  request: 'ran_unapproved',
};

function describeRun(record: ExecutionRecord): string {
  const { execution } = record;
  switch (execution.type) {
    case 'merge':
      return `pull request #${(record as MergeExecutionRecord).subject.pull_request} was merged with head ${record.subject.sha.slice(0, 12)} by ${execution.by.login} at ${execution.at}`;
    case 'deployment':
      return `deployment ${execution.deployment} of ${record.subject.sha.slice(0, 12)} to ${(record as DeploymentExecutionRecord).subject.environment} (${execution.status}), created by ${execution.by.login}, ran at ${readExecutionStart(record)}`;
    case 'request':
      return `the request of approval issue #${(record as RequestExecutionRecord).subject.issue} ran (${execution.status}, reported by ${execution.by.login}) at ${readExecutionStart(record)}`;
  }
}

/** A deployment created through the REST API: no protection rule held it, so no decision covers it. */
function isApiDeployment(record: ExecutionRecord): boolean {
  return record.execution.type === 'deployment' && record.execution.origin === 'api';
}

function describeUnapproved(record: ExecutionRecord, last: ReadRecord | undefined): string {
  const what = describeRun(record);
  if (isApiDeployment(record))
    return `${what}, but it was created through the API by ${record.execution.by.login}, not by a workflow run the environment's protection rule held: no decision covers it`;
  const ran =
    record.execution.type === 'merge'
      ? 'merged'
      : record.execution.type === 'deployment'
        ? 'deployed'
        : 'run';
  if (last === undefined) return `${what}, and the log has no decision of its gate before that`;
  if (!isPassing(last.record))
    return `${what}, but the newest decision of its gate before that (${last.record.id}) is ${last.record.decision} for ${last.record.subject.sha.slice(0, 12)}: it was ${ran} against its gate`;
  return `${what}, but the newest decision of its gate before that (${last.record.id}, ${last.record.decision}) is for ${last.record.subject.sha.slice(0, 12)}: a commit nobody approved was ${ran}`;
}

function createRow(read: ReadExecution, approval: ReadRecord | undefined): ExecutionRow {
  const { record } = read;
  const { execution } = record;
  return {
    type: execution.type,
    id: record.id,
    path: read.path,
    repository: record.repository,
    pull_request: execution.type === 'merge' ? (record as MergeExecutionRecord).subject.pull_request : null,
    environment:
      execution.type === 'deployment' ? (record as DeploymentExecutionRecord).subject.environment : null,
    issue: execution.type === 'request' ? (record as RequestExecutionRecord).subject.issue : null,
    sha: record.subject.sha,
    status: execution.type === 'merge' ? null : execution.status,
    merge_commit: execution.type === 'merge' ? execution.commit : null,
    ran_by: execution.by.login,
    ran_at: readExecutionStart(record),
    approved_sha: approval?.record.subject.sha ?? null,
    decision_id: approval?.record.id ?? null,
  };
}

export function evaluateExecutions(
  records: readonly ReadRecord[],
  executions: readonly ReadExecution[],
): { findings: AuditFinding[]; executions: AuditExecutions } {
  // The decisions of each gate, newest first; and of each environment, for a deployment of a
  // commit its gate never decided (an approval of another commit is worth naming).
  // Only gates of a type some execution has are ever looked up (each type keys its gates its own
  // way, and approvals of a type with no execution are left out below): the others are skipped.
  const executed = new Set(executions.map(({ record }) => record.execution.type));
  const decided = new Map<string, { type: ExecutionType; list: ReadRecord[] }>();
  const byEnvironment = new Map<string, ReadRecord[]>();
  for (const read of records) {
    if (executed.size === 0) break;
    const gate = gateKeyOfDecision(read.record);
    if (gate === undefined || !executed.has(gate.type)) continue;
    const entry = decided.get(gate.key) ?? { type: gate.type, list: [] };
    entry.list.push(read);
    decided.set(gate.key, entry);
    if (gate.type === 'deployment' && read.record.gate.environment !== undefined) {
      const key = environmentKey(read.record.repository, read.record.gate.environment);
      byEnvironment.set(key, [...(byEnvironment.get(key) ?? []), read]);
    }
  }
  for (const { list } of decided.values()) sortNewestFirst(list);
  for (const list of byEnvironment.values()) sortNewestFirst(list);

  const findings: AuditFinding[] = [];
  const ranWithoutApproval: ExecutionRow[] = [];
  const ran = new Set<string>();
  const byType: Record<ExecutionType, number> = { merge: 0, deployment: 0, request: 0 };
  const sorted = [...executions].sort(
    (a, b) => Date.parse(readExecutionStart(a.record)) - Date.parse(readExecutionStart(b.record)),
  );
  for (const read of sorted) {
    const { record } = read;
    byType[record.execution.type]++;
    const key = gateKeyOfExecution(record);
    ran.add(key);
    const startedAt = Date.parse(readExecutionStart(record));
    const before = (list: readonly ReadRecord[]) =>
      list.filter((decision) => Date.parse(decision.record.times.decided_at) <= startedAt);
    const own = before(decided.get(key)?.list ?? []);
    const [last] = own;
    const head = record.subject.sha.toLowerCase();
    if (
      last !== undefined &&
      isPassing(last.record) &&
      last.record.subject.sha.toLowerCase() === head &&
      !isApiDeployment(record)
    )
      continue;
    const others =
      record.execution.type === 'deployment'
        ? before(
            byEnvironment.get(
              environmentKey(record.repository, (record as DeploymentExecutionRecord).subject.environment),
            ) ?? [],
          )
        : own;
    const approval =
      own.find((decision) => isPassing(decision.record)) ??
      others.find((decision) => isPassing(decision.record));
    ranWithoutApproval.push(createRow(read, approval));
    const code = FINDING[record.execution.type];
    read.findings.push(code);
    findings.push({
      code,
      path: read.path,
      id: record.id,
      checkRunId: null,
      message: describeUnapproved(record, last),
    });
  }

  // A kind the log has no execution of (a log older than its records, an Action-only setup) would
  // list every approval of that kind as never run: it is left out instead.
  const approvedNeverRan: UnexecutedDecisionRow[] = [...decided.entries()]
    .filter(
      ([key, { type, list }]) =>
        byType[type] > 0 && !ran.has(key) && list[0] !== undefined && isPassing(list[0].record),
    )
    .map(([, { type, list }]) => ({ type, read: list[0] as ReadRecord }))
    .map(({ type, read: { record, path } }) => ({
      type,
      id: record.id,
      path,
      repository: record.repository,
      pull_request: type === 'merge' ? (record.subject.pull_request ?? null) : null,
      environment: type === 'deployment' ? (record.gate.environment ?? null) : null,
      sha: record.subject.sha,
      decision: record.decision,
      decided_at: record.times.decided_at,
    }))
    .sort((a, b) => Date.parse(a.decided_at) - Date.parse(b.decided_at) || (a.id < b.id ? -1 : 1));

  return {
    findings,
    executions: { records: executions.length, byType, ranWithoutApproval, approvedNeverRan },
  };
}
