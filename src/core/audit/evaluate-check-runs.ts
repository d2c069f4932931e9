// The log against the check-run history (DESIGN §5: the runs on a commit are its audit trail).
// Gatehouse commits a record before it publishes the run that carries its id, so every decided
// run has a record and every record of an audited commit has a run. Either missing is a finding.
import { parseCheckName } from '../registry.ts';
import type { AuditFinding, CheckRunEvidence } from './audit-report.ts';
import type { ReadRecord } from './evaluate-integrity.ts';

const DECISION_ID = /^[0-9a-f]{24}$/;

/**
 * Titles of failed runs that decided nothing, so have no record by design (the check-run
 * titles of src/core/render/check-run.ts): a request not ready for approval, a blocked gate.
 */
const UNDECIDED_TITLES = ['Not ready for approval', 'Blocked:'];

export function isGateCheckName(name: string): boolean {
  return parseCheckName(name) !== null;
}

/** A completed run that announced a decision, so must have a record. */
function announcesDecision(run: CheckRunEvidence): boolean {
  if (run.status !== 'completed' || run.externalId === null || !DECISION_ID.test(run.externalId))
    return false;
  if (run.conclusion === 'success') return true;
  if (run.conclusion !== 'failure' || run.title === undefined) return false;
  const title = run.title;
  return !UNDECIDED_TITLES.some((prefix) => title.startsWith(prefix));
}

/**
 * Findings from comparing the records with the runs. `commits` are the SHAs whose runs were
 * listed (by default, those the runs are on): only their records are expected to have a run.
 */
export function evaluateCheckRuns(
  records: readonly ReadRecord[],
  ids: ReadonlySet<string>,
  runs: readonly CheckRunEvidence[],
  commits?: readonly string[],
): AuditFinding[] {
  const gateRuns = runs.filter((run) => isGateCheckName(run.name));
  const findings: AuditFinding[] = [];
  for (const run of [...gateRuns].sort((a, b) => a.id - b.id)) {
    const id = run.externalId ?? '';
    if (!announcesDecision(run) || ids.has(id)) continue;
    findings.push({
      code: 'check_run_without_record',
      path: null,
      id,
      checkRunId: run.id,
      message: `check run ${run.id} (${run.name}, ${run.conclusion} on ${run.headSha.slice(0, 12)}) announced decision ${id}, but the log has no record of it: the record was deleted, or the run was not written by Gatehouse`,
    });
  }

  const audited = new Set((commits ?? gateRuns.map((run) => run.headSha)).map((sha) => sha.toLowerCase()));
  const announced = new Set(gateRuns.map((run) => run.externalId));
  for (const { record, path } of records) {
    if (!audited.has(record.subject.sha.toLowerCase()) || announced.has(record.id)) continue;
    findings.push({
      code: 'record_without_check_run',
      path,
      id: record.id,
      checkRunId: null,
      message: `no ${record.gate.check} check run on ${record.subject.sha.slice(0, 12)} carries this record's id: the decision was never published on the commit, or the record was added to the log afterwards`,
    });
  }
  return findings;
}
