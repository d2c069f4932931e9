// The tables of a report, once, for both the Markdown and the HTML rendering. A cell says what
// kind of text it holds, so each renderer escapes it the right way: our own words as they are,
// names from the log (logins, rules, gates, paths) as code, free text from the log as prose.
import type {
  AuditRecordRow,
  AuditReport,
  ExecutionRow,
  LatencySummary,
  UnexecutedDecisionRow,
} from './audit-report.ts';
import { count, FINDING_MEANINGS, formatSeconds } from './describe-audit.ts';

export type AuditCell =
  /** Our own text (numbers, times, decision values): trusted. */
  | string
  /** A name read from the log: untrusted, shown as code. */
  | { name: string }
  /** Free text read from the log (reasons, actions): untrusted, cut to maxChars. */
  | { prose: string; maxChars: number }
  /** Cells shown one after another. */
  | AuditCell[];

export interface AuditTable {
  id: string;
  title: string;
  /** One paragraph under the title: what the table counts. */
  intro?: string;
  /** What to say instead of an empty table. */
  empty: string;
  headers: string[];
  rows: AuditCell[][];
  /** Rows left out by the limit, counted. */
  omitted: number;
}

export interface TableLimits {
  /** Record rows: the newest are kept. */
  records?: number;
  /** Rows of every other list. */
  rows?: number;
}

function limit<T>(rows: readonly T[], max: number | undefined, keep: 'first' | 'last' = 'first') {
  if (max === undefined || rows.length <= max) return { rows: [...rows], omitted: 0 };
  return { rows: keep === 'first' ? rows.slice(0, max) : rows.slice(-max), omitted: rows.length - max };
}

function latencyCells(summary: LatencySummary): AuditCell[] {
  return [String(summary.count), formatSeconds(summary.medianSeconds), formatSeconds(summary.p90Seconds)];
}

function names(values: readonly string[]): AuditCell {
  if (values.length === 0) return '–';
  return values.flatMap((value, index) => (index === 0 ? [{ name: value }] : [', ', { name: value }]));
}

function decidedBy(row: AuditRecordRow): AuditCell {
  const parts: AuditCell[] = [
    ...row.approvers.map((entry) => ({ name: entry.login })),
    ...(row.rejected_by ? [[{ name: row.rejected_by.login }, ' (rejected)']] : []),
    ...(row.modified_by ? [[{ name: row.modified_by.login }, ' (changes)']] : []),
  ];
  if (parts.length === 0) return '–';
  return parts.flatMap((part, index) => (index === 0 ? [part] : [', ', part]));
}

export function createFindingsTable(report: AuditReport): AuditTable {
  return {
    id: 'findings',
    title: 'Integrity',
    intro: 'Checked over every record read, whatever the filters.',
    empty:
      'Every record matches its id, is filed where it belongs, and appears once. Filters never hide a finding.',
    headers: ['finding', 'file', 'message'],
    rows: report.findings.map((finding) => [
      finding.code,
      finding.path === null ? `check run ${finding.checkRunId ?? '?'}` : { name: finding.path },
      { prose: finding.message, maxChars: 500 },
    ]),
    omitted: 0,
  };
}

/**
 * The findings by code, most frequent first (then by code), with what each means. Any code counts:
 * one this module has no words for yet is listed with an empty meaning, never dropped.
 */
export function countFindingsByCode(report: AuditReport): { code: string; count: number; meaning: string }[] {
  const counts = new Map<string, number>();
  for (const finding of report.findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  const meanings: Record<string, string | undefined> = FINDING_MEANINGS;
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => ({ code, count: n, meaning: meanings[code] ?? '' }));
}

/** The legend of the finding codes that occur. */
export function listFindingMeanings(report: AuditReport): [string, string][] {
  return [...new Set(report.findings.map((finding) => finding.code))].map((code) => [
    code,
    FINDING_MEANINGS[code],
  ]);
}

/** Runs of weeks without a decision, as `2026-W12 to 2026-W15` (or one week). */
export function listEmptyWeeks(report: AuditReport): { runs: string[]; weeks: number } {
  const runs: string[] = [];
  let weeks = 0;
  let first: string | undefined;
  let last: string | undefined;
  const close = () => {
    if (first !== undefined) runs.push(first === last ? first : `${first} to ${last}`);
    first = undefined;
  };
  for (const week of report.calibration.overTime) {
    if (week.total !== 0) {
      close();
      continue;
    }
    weeks++;
    first ??= week.week;
    last = week.week;
  }
  close();
  return { runs, weeks };
}

/** At most this many runs of empty weeks are named in the over-time table's intro. */
const MAX_NAMED_GAPS = 5;

function describeEmptyWeeks(report: AuditReport): string {
  const { runs, weeks } = listEmptyWeeks(report);
  if (weeks === 0) return '';
  const named = runs.slice(0, MAX_NAMED_GAPS).join(', ');
  const more = runs.length > MAX_NAMED_GAPS ? ` and ${runs.length - MAX_NAMED_GAPS} more stretches` : '';
  return ` ${count(weeks, 'week')} without a decision ${weeks === 1 ? 'is' : 'are'} left out: ${named}${more}.`;
}

export function createCalibrationTables(report: AuditReport, limits: TableLimits = {}): AuditTable[] {
  const { calibration } = report;
  const { rubberStamp } = calibration.thresholds;
  const stamps = limit(calibration.rubberStamps, limits.rows);
  const reviewers = limit(calibration.byReviewer, limits.rows);
  const seen = Object.keys(report.totals.byDecision).filter((decision) =>
    calibration.overTime.some((week) => (week.byDecision as Record<string, number>)[decision] !== 0),
  );
  return [
    {
      id: 'latency-by-rule',
      title: 'Approval latency by rule',
      intro:
        'From the request to the decision, for decisions a person made (approved, delayed, rejected, changes requested). Rubber stamps are counted over the approvals of approve-tier gates.',
      empty: 'No decisions.',
      headers: ['rule', 'decisions', 'timed', 'median', 'p90', 'approvals', 'rubber stamps'],
      rows: calibration.latency.byRule.map((row) => [
        row.rule === null ? '(no rule)' : { name: row.rule },
        String(row.decisions),
        ...latencyCells(row),
        String(row.approvals),
        String(row.rubberStamps),
      ]),
      omitted: 0,
    },
    {
      id: 'latency-by-environment',
      title: 'Approval latency by environment',
      empty: 'No decisions.',
      headers: ['environment', 'decisions', 'timed', 'median', 'p90'],
      rows: calibration.latency.byEnvironment.map((row) => [
        row.environment === null ? '(none: pull request or request gates)' : { name: row.environment },
        String(row.decisions),
        ...latencyCells(row),
      ]),
      omitted: 0,
    },
    {
      id: 'rubber-stamps',
      title: 'Rubber stamps',
      intro: `Approvals given sooner after the request than max(${formatSeconds(rubberStamp.minimumSeconds)}, ${formatSeconds(rubberStamp.secondsPerFile)} per changed file): faster than a person could have read it.`,
      empty: 'None.',
      headers: ['approver', 'approved at', 'after', 'threshold', 'changed files', 'rules', 'record'],
      rows: stamps.rows.map((stamp) => [
        { name: stamp.login },
        stamp.at,
        formatSeconds(stamp.seconds),
        formatSeconds(stamp.thresholdSeconds),
        stamp.changedFiles === null ? 'unknown' : String(stamp.changedFiles),
        names(stamp.rules),
        { name: stamp.id },
      ]),
      omitted: stamps.omitted,
    },
    {
      id: 'always-approved',
      title: 'Always approved',
      intro: `Rules with at least ${calibration.thresholds.alwaysApprovedMinimum} decisions that all passed as asked (none rejected, sent back, expired or escalated).`,
      empty: 'None.',
      headers: ['rule', 'decisions', 'approved', 'auto-approved', 'level', 'suggestion'],
      rows: calibration.alwaysApproved.map((row) => [
        { name: row.rule },
        String(row.decisions),
        String(row.approved),
        String(row.autoApproved),
        row.level,
        row.suggestion,
      ]),
      omitted: 0,
    },
    {
      id: 'often-bypassed',
      title: 'Often expired, escalated or bypassed',
      intro: `Rules where at least ${Math.round(calibration.thresholds.frequentShare * 100)}% of the decisions (and at least ${calibration.thresholds.frequentMinimum}) expired, escalated, proceeded on timeout or were waived.`,
      empty: 'None.',
      headers: [
        'rule',
        'decisions',
        'expired',
        'escalated',
        'proceeded on timeout',
        'waived',
        'share',
        'suggestion',
      ],
      rows: calibration.frequentlyBypassed.map((row) => [
        { name: row.rule },
        String(row.decisions),
        String(row.expired),
        String(row.escalated),
        String(row.proceededOnTimeout),
        String(row.waived),
        `${Math.round(row.share * 100)}%`,
        row.suggestion,
      ]),
      omitted: 0,
    },
    {
      id: 'precedent',
      title: 'First-time and routine decisions',
      intro:
        'First-time: a rule or the kind of the decision had not passed before in this repository (by the whole log, as precedent is computed).',
      empty: 'No decisions.',
      headers: ['precedent', 'decisions', 'timed', 'median', 'p90', 'rejected or sent back', 'rubber stamps'],
      rows: (
        [
          ['first time', calibration.firstTime],
          ['routine', calibration.routine],
        ] as const
      ).map(([name, group]) => [
        name,
        String(group.decisions),
        ...latencyCells(group),
        String(group.rejected),
        String(group.rubberStamps),
      ]),
      omitted: 0,
    },
    {
      id: 'by-reviewer',
      title: 'By reviewer',
      intro:
        'Latency here is from the request to that person’s own approval, rejection or request for changes.',
      empty: 'Nobody approved, rejected or asked for changes.',
      headers: [
        'reviewer',
        'id',
        'approvals',
        'rejections',
        'changes requested',
        'median',
        'p90',
        'rubber stamps',
      ],
      rows: reviewers.rows.map((row) => [
        { name: row.login },
        String(row.id),
        String(row.approvals),
        String(row.rejections),
        String(row.changesRequested),
        formatSeconds(row.medianSeconds),
        formatSeconds(row.p90Seconds),
        String(row.rubberStamps),
      ]),
      omitted: reviewers.omitted,
    },
    {
      id: 'over-time',
      title: 'Decisions over time',
      intro: `Per ISO week (Monday to Sunday, UTC).${describeEmptyWeeks(report)}`,
      empty: 'No decisions.',
      headers: ['week', 'from', 'total', ...seen.map((decision) => decision.replace('_', ' '))],
      rows: calibration.overTime.flatMap((week) =>
        week.total === 0
          ? []
          : [
              [
                week.week,
                week.start,
                String(week.total),
                ...seen.map((decision) => String((week.byDecision as Record<string, number>)[decision])),
              ],
            ],
      ),
      omitted: 0,
    },
  ];
}

export function createRecordsTable(report: AuditReport, limits: TableLimits = {}): AuditTable {
  const shown = limit(report.records, limits.records, 'last');
  return {
    id: 'decisions',
    title: 'Decisions',
    ...(shown.omitted > 0
      ? {
          intro: `The newest ${count(shown.rows.length, 'decision')} of ${report.records.length.toLocaleString('en-US')}.`,
        }
      : {}),
    empty: 'No decisions match.',
    headers: [
      'decided at',
      'decision',
      'gate',
      'commit',
      'PR',
      'rules',
      'decided by',
      'latency',
      'action',
      'reason',
      'id',
    ],
    rows: shown.rows.map((row) => [
      row.decided_at,
      row.findings.length === 0 ? row.decision : `${row.decision} ⚠ ${row.findings.join(', ')}`,
      { name: row.gate },
      { name: row.sha.slice(0, 12) },
      row.pull_request === null ? '–' : `#${row.pull_request}`,
      names(row.rules),
      decidedBy(row),
      formatSeconds(row.latency_seconds),
      row.action === '' ? '–' : { prose: row.action, maxChars: 120 },
      row.reason === null || row.reason === '' ? '–' : { prose: row.reason, maxChars: 160 },
      { name: row.id },
    ]),
    omitted: shown.omitted,
  };
}

/** What ran, in a few words: `#7 merged`, `production (success)`, `request of #12 (succeeded)`. */
function describeExecution(row: ExecutionRow): string {
  if (row.type === 'merge') return `#${row.pull_request ?? '?'} merged`;
  if (row.type === 'deployment') return `${row.environment ?? '?'} (${row.status ?? '?'})`;
  return `request of #${row.issue ?? '?'} (${row.status ?? '?'})`;
}

function describeUnexecuted(row: UnexecutedDecisionRow): string {
  if (row.type === 'merge') return `merge of #${row.pull_request ?? '?'}`;
  if (row.type === 'deployment') return `deploy to ${row.environment ?? '?'}`;
  return 'agent request';
}

/** The two questions about executions: what ran without an approval, what was approved and never ran. */
export function createExecutionTables(report: AuditReport, limits: TableLimits = {}): AuditTable[] {
  const { executions } = report;
  const unapproved = limit(executions.ranWithoutApproval, limits.rows);
  const unexecuted = limit(executions.approvedNeverRan, limits.rows);
  // A log with nothing recorded as run (an Action-only setup, or a log older than execution
  // records) would list every approval as never run: say why there is no answer instead.
  if (executions.records === 0)
    return [
      {
        id: 'ran-without-approval',
        title: 'What ran, and what was approved and never ran',
        empty:
          "Nothing is recorded as run in this log: the App records merges of gated pull requests, completed deployments of gated environments and agents' reports of approved requests from this version on (the Action and the CLI do not), so neither question is answered here.",
        headers: [],
        rows: [],
        omitted: 0,
      },
    ];
  const { byType } = executions;
  const counted = [
    count(byType.merge, 'merge'),
    count(byType.deployment, 'deployment'),
    count(byType.request, 'agent request'),
  ].join(', ');
  const missing = (['merge', 'deployment', 'request'] as const).filter((type) => byType[type] === 0);
  const kinds = { merge: 'merges', deployment: 'deployments', request: 'agent requests' };
  return [
    {
      id: 'ran-without-approval',
      title: 'What ran without an approval',
      intro: `What ran (${counted} recorded) with a commit the newest decision of its gate before it ran did not pass, over every record.`,
      empty: `Everything recorded as run (${counted}) was the commit its gate passed.`,
      headers: ['what ran', 'commit', 'by', 'at', 'approved commit'],
      rows: unapproved.rows.map((row) => [
        { name: describeExecution(row) },
        { name: row.sha.slice(0, 12) },
        { name: row.ran_by },
        row.ran_at,
        row.approved_sha === null ? 'none' : { name: row.approved_sha.slice(0, 12) },
      ]),
      omitted: unapproved.omitted,
    },
    {
      id: 'approved-never-ran',
      title: 'What was approved and never ran',
      intro: `Gates that passed with nothing recorded as run: a pull request still open or closed unmerged, a deployment that never started, a request the agent did not report, or one that ran before Gatehouse recorded it.${missing.length === 0 ? '' : ` Not answered for ${missing.map((type) => kinds[type]).join(' or ')}: this log records none.`}`,
      empty: 'Every gate that passed has what it approved recorded as run.',
      headers: ['what', 'commit', 'decision', 'decided at'],
      rows: unexecuted.rows.map((row) => [
        { name: describeUnexecuted(row) },
        { name: row.sha.slice(0, 12) },
        row.decision,
        row.decided_at,
      ]),
      omitted: unexecuted.omitted,
    },
  ];
}
