// The report as Markdown, for a terminal and a job summary: the answers first (how many
// decisions, whether the log can be trusted), then the tables. Everything from the log is
// untrusted: names go in code spans, prose through escapeMarkdownInline, `|` escaped in cells.
import { escapeMarkdownInline, renderCode } from '../escape.ts';
import type { AuditReport } from './audit-report.ts';
import {
  type AuditCell,
  type AuditTable,
  createCalibrationTables,
  createExecutionTables,
  createFindingsTable,
  createRecordsTable,
  listFindingMeanings,
} from './create-audit-tables.ts';
import { count, listFilters, summarizeReport } from './describe-audit.ts';

/** A job summary holds 1 MiB: beyond these, the newest records are shown and the rest counted. */
const LIMITS = { records: 1_000, rows: 200 };

/** A name in a table cell: a code span, its pipes escaped for the table. */
function code(text: string): string {
  return renderCode(text).replace(/\|/g, '\\|');
}

function renderCell(cell: AuditCell): string {
  if (typeof cell === 'string') return cell;
  if (Array.isArray(cell)) return cell.map(renderCell).join('');
  if ('name' in cell) return code(cell.name);
  return escapeMarkdownInline(cell.prose, cell.maxChars) || '–';
}

function renderTable(table: AuditTable, level: '##' | '###'): string[] {
  const lines = [`${level} ${table.title}`, ''];
  if (table.rows.length === 0) return [...lines, table.empty, ''];
  if (table.intro !== undefined) lines.push(table.intro, '');
  lines.push(
    `| ${table.headers.join(' | ')} |`,
    `| ${table.headers.map(() => '---').join(' | ')} |`,
    ...table.rows.map((cells) => `| ${cells.map(renderCell).join(' | ')} |`),
  );
  if (table.omitted > 0)
    lines.push('', `… and ${count(table.omitted, 'more row')}: use --format json or csv for all.`);
  return [...lines, ''];
}

export function renderAuditMarkdown(report: AuditReport): string {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const lines: string[] = [
    '# Gatehouse audit',
    '',
    `- **Decisions:** ${summary.decisions}.`,
    `- **Integrity:** ${report.totals.findings === 0 ? summary.findings : `**${summary.findings}**`}.`,
    `- **Check runs:** ${summary.crossCheck}.`,
    `- **Provenance:** ${report.integrity.provenance.why}.`,
    `- **Rubber stamps:** ${count(report.calibration.rubberStamps.length, 'approval')} faster than the request could be read.`,
    `- **Filters:** ${filters.length === 0 ? 'none' : filters.map(([name, value]) => `--${name} ${code(value)}`).join(', ')}.`,
    `- **Source:** ${code(report.source)}, audited at ${report.generatedAt}.`,
    '',
  ];
  lines.push(...renderTable(createFindingsTable(report), '##'));
  const meanings = listFindingMeanings(report);
  if (meanings.length > 0) lines.push(...meanings.map(([name, meaning]) => `- \`${name}\`: ${meaning}.`), '');
  lines.push('## Executions', '');
  for (const table of createExecutionTables(report, LIMITS)) lines.push(...renderTable(table, '###'));
  lines.push('## Calibration', '');
  for (const table of createCalibrationTables(report, LIMITS)) lines.push(...renderTable(table, '###'));
  lines.push(...renderTable(createRecordsTable(report, LIMITS), '##'));
  return `${lines.join('\n').trimEnd()}\n`;
}
