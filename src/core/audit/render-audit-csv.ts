// The report as CSV: one row per shown record, RFC 4180 (CRLF, quotes doubled), for a
// spreadsheet. Record text is untrusted, and a cell a spreadsheet would read as a formula
// (`=`, `+`, `-`, `@`, tab, carriage return first) is made text with a leading `'`.
import type { AuditRecordRow, AuditReport } from './audit-report.ts';

const COLUMNS: [string, (row: AuditRecordRow) => string | number | null][] = [
  ['id', (row) => row.id],
  ['decided_at', (row) => row.decided_at],
  ['requested_at', (row) => row.requested_at],
  ['decision', (row) => row.decision],
  ['gate', (row) => row.gate],
  ['gate_kind', (row) => row.gate_kind],
  ['environment', (row) => row.environment],
  ['repository', (row) => row.repository],
  ['sha', (row) => row.sha],
  ['pull_request', (row) => row.pull_request],
  ['action', (row) => row.action],
  ['kind', (row) => row.kind],
  ['missing', (row) => row.missing?.join('; ') ?? null],
  ['tier', (row) => row.tier],
  ['level', (row) => row.level],
  ['rules', (row) => row.rules.join('; ')],
  [
    'approvers',
    (row) =>
      row.approvers.map((entry) => `${entry.login} (${entry.id}) at ${entry.at} via ${entry.via}`).join('; '),
  ],
  ['rejected_by', (row) => (row.rejected_by ? `${row.rejected_by.login} (${row.rejected_by.id})` : null)],
  ['modified_by', (row) => (row.modified_by ? `${row.modified_by.login} (${row.modified_by.id})` : null)],
  ['latency_seconds', (row) => row.latency_seconds],
  ['changed_files', (row) => row.changed_files],
  ['precedent', (row) => row.precedent],
  ['option', (row) => row.option],
  ['reason', (row) => row.reason],
  ['findings', (row) => row.findings.join(' ')],
  ['path', (row) => row.path],
  ['commit', (row) => row.commit],
];

function renderCell(value: string | number | null): string {
  if (value === null) return '';
  // Numbers are ours; only text can carry a formula.
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderAuditCsv(report: AuditReport): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const row of report.records) lines.push(COLUMNS.map(([, read]) => renderCell(read(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
