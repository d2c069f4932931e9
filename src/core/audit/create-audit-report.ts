// An audit of the decision log: read → check integrity over every record → cross-check with
// check runs (when given) → filter → calibrate. Pure: the files, the runs and the time come in.
import type { DecisionRecord } from '../decision-record.ts';
import { DECISIONS, type Decision } from '../registry.ts';
import {
  AUDIT_FINDING_CODES,
  type AuditEntry,
  type AuditFilters,
  type AuditFinding,
  type AuditRecordRow,
  type AuditReport,
  type CheckRunEvidence,
  DEFAULT_RUBBER_STAMP,
  type LogHistoryEvidence,
  type Precedent,
  type ProvenanceEvidence,
  type RubberStampThreshold,
} from './audit-report.ts';
import { type CalibrationInput, evaluateCalibration, measureLatency } from './evaluate-calibration.ts';
import { evaluateCheckRuns, isGateCheckName } from './evaluate-check-runs.ts';
import { evaluateExecutions } from './evaluate-executions.ts';
import { evaluateRecordIntegrity, type ReadRecord } from './evaluate-integrity.ts';
import { evaluatePrecedents } from './evaluate-precedents.ts';
import { evaluateLogHistory, evaluateProvenance } from './evaluate-provenance.ts';
import { createAuditFilter } from './match-audit-filters.ts';

export interface AuditOptions {
  filters: AuditFilters;
  /** When the report is made (ISO time). */
  now: string;
  /** Where the entries came from, in words: `gatehouse-log@1a2b3c:decisions in /src/shop`. */
  source: string;
  /** The gate check runs of the audited ref or pull request (`--repo` with `--ref` or `--pr`). */
  checkRuns?: CheckRunEvidence[];
  /** The commits whose check runs were listed; by default, the commits the runs are on. */
  checkedCommits?: string[];
  rubberStamp?: RubberStampThreshold;
  /** API mode with the App named: the records' anchors and the log's foreign commits. */
  provenance?: ProvenanceEvidence;
  /** Offline mode: the log branch's history, for rewrites (and signatures, with a trusted key). */
  history?: LogHistoryEvidence;
  /** The log folder on the branch (`decisions`), whose files are records. */
  logPath?: string;
}

/** What the provenance checks proved, in words, for every report: an unchecked log says so. */
function describeProvenance(options: AuditOptions): AuditReport['integrity']['provenance'] {
  if (options.provenance !== undefined)
    return {
      checked: true,
      why: `each record against the anchor in ${options.provenance.app}'s check run, each log commit against GitHub's verification of ${options.provenance.app}'s bot`,
    };
  const apiOnly =
    "anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG";
  if (options.history !== undefined)
    return {
      checked: false,
      why: `offline: ${options.history.commits.length} log commits checked for rewritten records${options.history.signatures ? ' and for a signature by the trusted key' : ''}; ${apiOnly}`,
    };
  return { checked: false, why: `not checked (no --app SLUG): ${apiOnly}` };
}

const FILTER_KEYS = ['since', 'until', 'gate', 'environment', 'decision', 'approver', 'rule'] as const;

/** The filters in a fixed key order, without unset ones, so the JSON report is stable. */
function normalizeFilters(filters: AuditFilters): AuditFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) out[key] = value;
  }
  return out as AuditFilters;
}

function createRow(read: ReadRecord, precedent: Precedent | null): AuditRecordRow {
  const { record } = read;
  const latency = measureLatency(record);
  return {
    id: record.id,
    path: read.path,
    commit: read.commit ?? null,
    decided_at: record.times.decided_at,
    requested_at: record.times.requested_at,
    decision: record.decision,
    gate: record.gate.check,
    gate_kind: record.gate.kind,
    environment: record.gate.environment ?? null,
    repository: record.repository,
    sha: record.subject.sha,
    pull_request: record.subject.pull_request ?? null,
    action: record.request.action,
    kind: record.request.kind ?? null,
    missing: record.request.missing ? [...record.request.missing] : null,
    tier: record.tier,
    level: record.level,
    rules: record.rules,
    schema: record.schema,
    approvers: record.approvers.map(({ login, id, at, via, note }) => ({
      login,
      id,
      at,
      via,
      note: note ?? null,
    })),
    rejected_by: record.rejected_by ? { login: record.rejected_by.login, id: record.rejected_by.id } : null,
    modified_by: record.modified_by ? { login: record.modified_by.login, id: record.modified_by.id } : null,
    latency_seconds: latency ?? null,
    changed_files: record.subject.changed_files ?? null,
    reason: record.reason ?? null,
    option: record.option ?? null,
    links: {
      check_run: record.links.check_run ?? null,
      comment: record.links.comment ?? null,
      pull_request: record.links.pull_request ?? null,
      workflow_run: record.links.workflow_run ?? null,
    },
    on_behalf_of: record.on_behalf_of
      ? { login: record.on_behalf_of.login, id: record.on_behalf_of.id }
      : null,
    agent: record.agent ?? null,
    precedent,
    findings: [...read.findings],
  };
}

/** Oldest first, then by id; each time parsed once. */
function sortByTime(records: ReadRecord[]): ReadRecord[] {
  return records
    .map((read) => ({ read, at: Date.parse(read.record.times.decided_at) }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        (a.read.record.id < b.read.record.id ? -1 : a.read.record.id > b.read.record.id ? 1 : 0),
    )
    .map(({ read }) => read);
}

function sortFindings(findings: AuditFinding[]): AuditFinding[] {
  const order = (finding: AuditFinding) => AUDIT_FINDING_CODES.indexOf(finding.code);
  return findings.sort((a, b) => {
    if (a.path !== b.path) {
      if (a.path === null) return 1;
      if (b.path === null) return -1;
      return a.path < b.path ? -1 : 1;
    }
    return order(a) - order(b) || (a.checkRunId ?? 0) - (b.checkRunId ?? 0);
  });
}

export function createAuditReport(entries: readonly AuditEntry[], options: AuditOptions): AuditReport {
  const filters = normalizeFilters(options.filters);
  const matches = createAuditFilter(filters);
  const integrity = evaluateRecordIntegrity(entries);
  const findings = [...integrity.findings];
  if (options.checkRuns !== undefined) {
    const crossCheck = evaluateCheckRuns(
      integrity.records,
      integrity.ids,
      options.checkRuns,
      options.checkedCommits,
    );
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding of crossCheck)
      if (finding.path !== null) byPath.get(finding.path)?.findings.push(finding.code);
    findings.push(...crossCheck);
  }
  if (options.provenance !== undefined) {
    const found = evaluateProvenance(entries, integrity.records, options.provenance, options.logPath ?? '');
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding of found)
      if (finding.path !== null) byPath.get(finding.path)?.findings.push(finding.code);
    findings.push(...found);
  }
  if (options.history !== undefined) {
    const found = evaluateLogHistory(options.history, options.logPath ?? '');
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding of found)
      if (finding.path !== null) byPath.get(finding.path)?.findings.push(finding.code);
    findings.push(...found);
  }

  const executions = evaluateExecutions(integrity.records, integrity.executions);
  findings.push(...executions.findings);

  const precedents = evaluatePrecedents(integrity.records.map((read) => read.record));
  const shown = sortByTime(integrity.records.filter((read) => matches(read.record)));
  const byDecision = Object.fromEntries(DECISIONS.map((decision) => [decision, 0])) as Record<
    Decision,
    number
  >;
  for (const read of shown) byDecision[read.record.decision]++;
  const precedentOf = (record: DecisionRecord) => precedents.get(record) ?? null;
  const inputs: CalibrationInput[] = shown.map((read) => ({
    record: read.record,
    path: read.path,
    precedent: precedentOf(read.record),
  }));
  const gateRuns = options.checkRuns?.filter((run) => isGateCheckName(run.name));
  const commits = new Set(
    (options.checkedCommits ?? gateRuns?.map((run) => run.headSha) ?? []).map((sha) => sha.toLowerCase()),
  );

  return {
    version: 1,
    source: options.source,
    generatedAt: options.now,
    filters,
    integrity: {
      scope: 'all_records',
      files: entries.length,
      crossCheck: gateRuns ? { checkRuns: gateRuns.length, commits: commits.size } : null,
      provenance: describeProvenance(options),
    },
    totals: {
      records: integrity.records.length,
      shown: shown.length,
      malformed: integrity.malformed,
      findings: findings.length,
      byDecision,
    },
    records: shown.map((read) => createRow(read, precedentOf(read.record))),
    findings: sortFindings(findings),
    executions: executions.executions,
    calibration: evaluateCalibration(inputs, options.rubberStamp ?? DEFAULT_RUBBER_STAMP),
  };
}
