// The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script and
// no reference to anything outside the page, so it can be archived, mailed or attached to an
// audit and opened anywhere, years later, offline. A Content-Security-Policy forbids loading
// anything, as a second line of defence. Every text from the log is escaped.
import type { AuditReport } from './audit-report.ts';
import {
  type AuditCell,
  type AuditTable,
  createCalibrationTables,
  createFindingsTable,
  createRecordsTable,
  listFindingMeanings,
} from './create-audit-tables.ts';
import { listFilters, summarizeReport } from './describe-audit.ts';
import { escapeHtml } from './escape-html.ts';
import {
  type Chart,
  createLatencyChart,
  createOverTimeChart,
  createReviewerChart,
  createRuleChart,
  renderChart,
} from './render-audit-charts.ts';

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
.headline li { margin: 2px 0; }
.finding { color: #b42318; font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.intro, figcaption { color: var(--muted); }
figure { margin: 16px 0; }
.chart { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.chart text { fill: var(--ink); }
.chart .axis { stroke: var(--muted); }
.chart .grid { stroke: var(--line); stroke-dasharray: 2 3; }
details { margin: 4px 0 12px; }
.warn { color: var(--warn); }
`;

/** Forbids loading anything at all; the inline style is the only thing the page may use. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

function renderCell(cell: AuditCell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  if (Array.isArray(cell)) return cell.map(renderCell).join('');
  if ('name' in cell) return `<code>${escapeHtml(cell.name)}</code>`;
  const chars = Array.from(cell.prose.replace(/\s+/g, ' ').trim());
  const text =
    chars.length > cell.maxChars ? `${chars.slice(0, cell.maxChars - 1).join('')}…` : chars.join('');
  return text === '' ? '–' : escapeHtml(text);
}

function isNumeric(cell: AuditCell): boolean {
  return typeof cell === 'string' && /^-?[\d,.]+%?$/.test(cell);
}

/** A table, every row of it: the page has no size limit (tables are made without limits). */
function renderTable(table: AuditTable, heading: 'h2' | 'h3'): string[] {
  const lines = [`<section id="${table.id}">`, `<${heading}>${escapeHtml(table.title)}</${heading}>`];
  if (table.rows.length === 0) return [...lines, `<p>${escapeHtml(table.empty)}</p>`, '</section>'];
  if (table.intro !== undefined) lines.push(`<p class="intro">${escapeHtml(table.intro)}</p>`);
  lines.push(
    '<table>',
    `<thead><tr>${table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...table.rows.map(
      (cells) =>
        `<tr>${cells.map((cell) => `<td${isNumeric(cell) ? ' class="num"' : ''}>${renderCell(cell)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table>',
  );
  return [...lines, '</section>'];
}

/** A chart, its caption, and its numbers as a table for readers who cannot see it. */
function renderFigure(chart: Chart): string[] {
  const rows = chart.categories.map((category, index) => [
    `<th scope="row">${escapeHtml(category)}</th>`,
    ...chart.series.map((series) => `<td class="num">${series.values[index] ?? 0}</td>`),
  ]);
  return [
    `<figure id="${chart.id}">`,
    renderChart(chart),
    `<figcaption>${escapeHtml(chart.description)}</figcaption>`,
    '<details>',
    `<summary>${escapeHtml(chart.title)}: the numbers</summary>`,
    '<table>',
    `<thead><tr><th scope="col">${escapeHtml(chart.categoryHeader)}</th>${chart.series.map((series) => `<th scope="col">${escapeHtml(series.name)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
    '</details>',
    '</figure>',
  ];
}

export function renderAuditHtml(report: AuditReport): string {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const findings = report.totals.findings;
  const body: string[] = [
    '<h1>Gatehouse audit</h1>',
    '<ul class="headline">',
    `<li><strong>Decisions:</strong> ${escapeHtml(summary.decisions)}.</li>`,
    `<li><strong>Integrity:</strong> <span${findings > 0 ? ' class="finding"' : ''}>${escapeHtml(summary.findings)}</span>.</li>`,
    `<li><strong>Check runs:</strong> ${escapeHtml(summary.crossCheck)}.</li>`,
    `<li><strong>Rubber stamps:</strong> ${report.calibration.rubberStamps.length} approvals faster than the request could be read.</li>`,
    `<li><strong>Filters:</strong> ${filters.length === 0 ? 'none' : filters.map(([name, value]) => `--${escapeHtml(name)} <code>${escapeHtml(value)}</code>`).join(', ')}.</li>`,
    `<li><strong>Source:</strong> <code>${escapeHtml(report.source)}</code>, audited at ${escapeHtml(report.generatedAt)}.</li>`,
    '</ul>',
    ...renderTable(createFindingsTable(report), 'h2'),
  ];
  const meanings = listFindingMeanings(report);
  if (meanings.length > 0) {
    body.push(
      '<ul>',
      ...meanings.map(
        ([code, meaning]) => `<li><code>${escapeHtml(code)}</code>: ${escapeHtml(meaning)}.</li>`,
      ),
      '</ul>',
    );
  }
  body.push(
    '<section id="charts">',
    '<h2>Charts</h2>',
    ...[createLatencyChart, createOverTimeChart, createRuleChart, createReviewerChart].flatMap((create) =>
      renderFigure(create(report)),
    ),
    '</section>',
    '<h2>Calibration</h2>',
    ...createCalibrationTables(report).flatMap((table) => renderTable(table, 'h3')),
    ...renderTable(createRecordsTable(report), 'h2'),
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>Gatehouse audit: ${escapeHtml(report.generatedAt)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
