// Can the log be trusted? Every file is parsed against the record schema, its id recomputed from
// what it says, its place in the log checked, and ids counted. A file that fails is a finding,
// never a reason to stop: the other records still count.
import { createDecisionId } from '../decision-id.ts';
import { createDecisionRecordPath, type DecisionRecord, parseDecisionRecord } from '../decision-record.ts';
import {
  createExecutionId,
  createExecutionKey,
  createExecutionRecordPath,
  type ExecutionRecord,
  isApprovedMerge,
  isExecutionRecordPath,
  parseExecutionRecord,
} from '../execution-record.ts';
import { createCheckName } from '../registry.ts';
import type { AuditEntry, AuditFinding, AuditFindingCode } from './audit-report.ts';

/** A record that could be read, with where it came from and what is wrong with it. */
export interface ReadRecord {
  record: DecisionRecord;
  path: string;
  commit?: string;
  findings: AuditFindingCode[];
}

/** An execution record (`*.execution.md`) that could be read. */
export interface ReadExecution {
  record: ExecutionRecord;
  path: string;
  commit?: string;
  findings: AuditFindingCode[];
}

export interface RecordIntegrity {
  /** Readable records, one per id (the other copies are `duplicate_id` findings), by path. */
  records: ReadRecord[];
  /** Readable execution records, one per id, by path. */
  executions: ReadExecution[];
  /** Every id seen in a readable file, duplicates included. */
  ids: Set<string>;
  findings: AuditFinding[];
  malformed: number;
}

function finding(code: AuditFindingCode, path: string, id: string | null, message: string): AuditFinding {
  return { code, path, id, checkRunId: null, message };
}

/** The findings about one readable record on its own. */
function checkRecord(record: DecisionRecord, path: string): AuditFinding[] {
  const found: AuditFinding[] = [];
  const expectedId = createDecisionId({
    repository: record.repository,
    gate: record.gate.check,
    sha: record.subject.sha,
    requestHash: record.request.hash,
    decision: record.decision,
  });
  if (expectedId !== record.id) {
    found.push(
      finding(
        'id_mismatch',
        path,
        record.id,
        `the id does not match what the record says (repository, gate, commit, request, decision: ${record.decision}); it was changed after Gatehouse wrote it, or written by something else (expected id ${expectedId})`,
      ),
    );
  }
  const expectedCheck = createCheckName(record.gate.environment, record.gate.into);
  if (record.gate.check !== expectedCheck) {
    found.push(
      finding(
        'inconsistent',
        path,
        record.id,
        `gate.check is "${record.gate.check}" but its environment and base make it "${expectedCheck}": one of them was changed`,
      ),
    );
  }
  const expectedPath = createDecisionRecordPath(record, '');
  if (path !== expectedPath && !path.endsWith(`/${expectedPath}`)) {
    found.push(
      finding(
        'path_mismatch',
        path,
        record.id,
        `a record with id ${record.id} decided at ${record.times.decided_at} is filed as …/${expectedPath}, not here: it was moved, renamed or its time changed`,
      ),
    );
  }
  return found;
}

/** The findings about one readable execution record on its own. */
function checkExecution(record: ExecutionRecord, path: string): AuditFinding[] {
  const found: AuditFinding[] = [];
  const expectedId = createExecutionId(createExecutionKey(record));
  const derivedFrom = {
    merge: 'repository, pull request, merge commit',
    deployment: 'repository, deployment',
    request: 'repository, approval issue, report comment',
  }[record.execution.type];
  if (expectedId !== record.id)
    found.push(
      finding(
        'id_mismatch',
        path,
        record.id,
        `the id does not match what the execution record says (${derivedFrom}): it was changed after Gatehouse wrote it (expected id ${expectedId})`,
      ),
    );
  const approved = isApprovedMerge(record.decision, record.subject.sha);
  if (record.approved !== approved)
    found.push(
      finding(
        'inconsistent',
        path,
        record.id,
        `approved is ${record.approved}, but the decision it names is for ${record.decision?.sha.slice(0, 12) ?? 'no commit'} and the commit that ran is ${record.subject.sha.slice(0, 12)}: one of them was changed`,
      ),
    );
  const expectedPath = createExecutionRecordPath(record, '');
  if (path !== expectedPath && !path.endsWith(`/${expectedPath}`))
    found.push(
      finding(
        'path_mismatch',
        path,
        record.id,
        `an execution record with id ${record.id} run at ${record.execution.at} is filed as …/${expectedPath}, not here: it was moved, renamed or its time changed`,
      ),
    );
  return found;
}

export function evaluateRecordIntegrity(entries: readonly AuditEntry[]): RecordIntegrity {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const findings: AuditFinding[] = [];
  const byId = new Map<string, ReadRecord[]>();
  const executions = new Map<string, ReadExecution>();
  let malformed = 0;
  for (const entry of sorted) {
    if (isExecutionRecordPath(entry.path)) {
      const parsed = parseExecutionRecord(entry.text);
      if ('error' in parsed) {
        malformed++;
        findings.push(
          finding('malformed', entry.path, null, `not a readable execution record: ${parsed.error}`),
        );
        continue;
      }
      const own = checkExecution(parsed.record, entry.path);
      findings.push(...own);
      const kept = executions.get(parsed.record.id);
      if (kept !== undefined) {
        findings.push(
          finding(
            'duplicate_id',
            entry.path,
            parsed.record.id,
            `another file has the same id: ${kept.path}; only that one counts (each merge is written once)`,
          ),
        );
        continue;
      }
      const read: ReadExecution = {
        record: parsed.record,
        path: entry.path,
        findings: own.map((item) => item.code),
      };
      if (entry.commit !== undefined) read.commit = entry.commit;
      executions.set(parsed.record.id, read);
      continue;
    }
    const parsed = parseDecisionRecord(entry.text);
    if ('error' in parsed) {
      malformed++;
      findings.push(
        finding('malformed', entry.path, null, `not a readable decision record: ${parsed.error}`),
      );
      continue;
    }
    const own = checkRecord(parsed.record, entry.path);
    findings.push(...own);
    const read: ReadRecord = {
      record: parsed.record,
      path: entry.path,
      findings: own.map((item) => item.code),
    };
    if (entry.commit !== undefined) read.commit = entry.commit;
    const copies = byId.get(parsed.record.id);
    if (copies) copies.push(read);
    else byId.set(parsed.record.id, [read]);
  }

  // One copy of each id counts: the first by path that has no finding of its own, else the first.
  const records: ReadRecord[] = [];
  for (const [id, copies] of byId) {
    const kept = copies.find((copy) => copy.findings.length === 0) ?? (copies[0] as ReadRecord);
    records.push(kept);
    for (const copy of copies) {
      if (copy === kept) continue;
      copy.findings.push('duplicate_id');
      findings.push(
        finding(
          'duplicate_id',
          copy.path,
          id,
          `another file has the same id: ${kept.path}; only that one counts (each decision is written once)`,
        ),
      );
    }
  }
  records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { records, executions: [...executions.values()], ids: new Set(byId.keys()), findings, malformed };
}
