// The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script and
// no reference to anything outside the page, so it can be archived, mailed or attached to an
// audit and opened anywhere, years later, offline. A Content-Security-Policy forbids loading
// anything, as a second line of defence. Every text from the log is escaped.
import type { AuditReport } from './audit-report.ts';
import {
  type AuditCell,
  type AuditTable,
  countFindingsByCode,
  createCalibrationTables,
  createExecutionTables,
  createFindingsTable,
  createRecordsTable,
} from './create-audit-tables.ts';
import { count, listFilters, summarizeReport } from './describe-audit.ts';
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
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; --bad: #b42318; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
@media (max-width: 600px) { main { padding: 12px; } }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
header .period { margin: 0 0 12px; font-size: 16px; }
.headline li { margin: 2px 0; }
.finding { color: var(--bad); font-weight: 600; }
/* Tokens from the log (ids, SHAs, logins, rules, times) never break inside; a table too wide for
   the window scrolls sideways instead. Paths break only after a slash. */
code, .token, td, th[scope="row"], .period time { white-space: nowrap; }
td.prose, td.text { white-space: normal; }
code.path { white-space: normal; }
code.path > span { white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.prose { min-width: 16em; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
.intro, figcaption p { color: var(--muted); }
figure { margin: 16px 0 24px; }
figcaption h3 { margin: 0 0 2px; }
figcaption p { margin: 0 0 6px; }
.chart { display: block; width: 100%; min-width: 520px; max-width: 720px; height: auto; font: 11px system-ui, sans-serif; }
.chart text { fill: var(--ink); }
.chart .axis-label { fill: var(--muted); font-size: 12px; }
.chart .axis { stroke: var(--muted); }
.chart .grid { stroke: var(--line); stroke-dasharray: 2 3; }
.chart .gap { fill: #f6f8fa; }
.chart .gap-label { fill: var(--muted); font-style: italic; }
details { margin: 4px 0 12px; }
summary { cursor: pointer; }
.warn { color: var(--warn); }
`;

/** Forbids loading anything at all; the inline style is the only thing the page may use. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** A code's findings are listed open up to this many; more are folded under their count. */
const OPEN_FINDINGS = 20;

/** A path or a source, breakable only after a slash or at a space, never inside a name. */
function renderPath(text: string): string {
  const parts = text.split(/(?<=[/\s])/).filter((part) => part !== '');
  return `<code class="path">${parts.map((part) => `<span>${escapeHtml(part)}</span>`).join('<wbr>')}</code>`;
}

/** Hyphenated words up to this long are kept on one line; a longer one may break at a hyphen. */
const MAX_UNBROKEN = 40;

/**
 * Text that wraps at spaces only: a browser also breaks after a hyphen, which would cut
 * `2026-W12`, `eu-production` or a date in two, so hyphenated words are kept whole.
 */
function renderProse(text: string): string {
  return escapeHtml(text).replace(/[^\s<>]*-[^\s<>]*/g, (word) =>
    Array.from(word).length <= MAX_UNBROKEN ? `<span class="token">${word}</span>` : word,
  );
}

function renderCell(cell: AuditCell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  if (Array.isArray(cell)) return cell.map(renderCell).join('');
  if ('name' in cell)
    return cell.name.includes('/') ? renderPath(cell.name) : `<code>${escapeHtml(cell.name)}</code>`;
  const chars = Array.from(cell.prose.replace(/\s+/g, ' ').trim());
  const text =
    chars.length > cell.maxChars ? `${chars.slice(0, cell.maxChars - 1).join('')}…` : chars.join('');
  return text === '' ? '–' : renderProse(text);
}

/**
 * How a cell wraps: free text and our own sentences at spaces; everything else (numbers, times,
 * names, lists of names) not at all. Not wrapping is the default, so 10,000 rows carry no class.
 */
function cellClass(cell: AuditCell): string {
  if (typeof cell === 'string') {
    if (/^-?[\d,.]+%?$/.test(cell)) return ' class="num"';
    return /\s/.test(cell) ? ' class="text"' : '';
  }
  return !Array.isArray(cell) && 'prose' in cell ? ' class="prose"' : '';
}

function renderRows(headers: string[], rows: string[]): string[] {
  return [
    '<div class="scroll">',
    '<table>',
    `<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
  ];
}

/** A table, every row of it: the page has no size limit (tables are made without limits). */
function renderTable(table: AuditTable, heading: 'h2' | 'h3'): string[] {
  const lines = [`<section id="${table.id}">`, `<${heading}>${escapeHtml(table.title)}</${heading}>`];
  if (table.rows.length === 0) return [...lines, `<p>${escapeHtml(table.empty)}</p>`, '</section>'];
  if (table.intro !== undefined) lines.push(`<p class="intro">${renderProse(table.intro)}</p>`);
  lines.push(
    ...renderRows(
      table.headers,
      table.rows.map(
        (cells) =>
          `<tr>${cells.map((cell) => `<td${cellClass(cell)}>${renderCell(cell)}</td>`).join('')}</tr>`,
      ),
    ),
  );
  return [...lines, '</section>'];
}

/** A chart under its title, and its numbers as a table for readers who cannot see it. */
function renderFigure(chart: Chart): string[] {
  const rows = chart.categories.flatMap((category, index) => {
    const values = chart.series.map((series) => series.values[index] ?? 0);
    if (chart.timeline === true && values.every((value) => value === 0)) return [];
    return [
      `<tr><th scope="row">${escapeHtml(category)}</th>${values.map((value) => `<td class="num">${value}</td>`).join('')}</tr>`,
    ];
  });
  const left = chart.categories.length - rows.length;
  return [
    `<figure id="${chart.id}">`,
    `<figcaption><h3>${escapeHtml(chart.title)}</h3><p>${renderProse(chart.caption)}</p></figcaption>`,
    '<div class="scroll">',
    renderChart(chart),
    '</div>',
    '<details>',
    `<summary>${escapeHtml(chart.title)}: the numbers${left > 0 ? ` (${escapeHtml(count(left, chart.categoryHeader))} without any left out)` : ''}</summary>`,
    ...renderRows([chart.categoryHeader, ...chart.series.map((series) => series.name)], rows),
    '</details>',
    '</figure>',
  ];
}

/** The repositories the shown records are of: one, in practice. */
function listRepositories(report: AuditReport): string[] {
  return [...new Set(report.records.map((row) => row.repository))].sort();
}

/** From and to: the filters' bounds where given, else the first and the last decision shown. */
function describePeriod(report: AuditReport): { html: string; text: string } {
  const first = report.records[0]?.decided_at;
  const last = report.records.at(-1)?.decided_at;
  const from = report.filters.since ?? first;
  const to = report.filters.until ?? last;
  if (from === undefined || to === undefined) {
    if (from === undefined && to === undefined) return { html: 'no decisions', text: 'no decisions' };
    const only = (from ?? to) as string;
    const word = from === undefined ? 'until' : 'since';
    return { html: `${word} <time>${escapeHtml(only)}</time> (--${word})`, text: `${word} ${only}` };
  }
  const origin = (bound: string | undefined, flag: string, decision: string) =>
    bound === undefined ? decision : `--${flag}`;
  const fromOrigin = origin(report.filters.since, 'since', 'the first decision');
  const toOrigin = origin(report.filters.until, 'until', 'the last decision');
  const note =
    report.filters.since === undefined && report.filters.until === undefined
      ? 'the first and the last decision'
      : `from ${fromOrigin}, to ${toOrigin}`;
  return {
    html: `<time>${escapeHtml(from)}</time> to <time>${escapeHtml(to)}</time> (${escapeHtml(note)})`,
    text: `${from} to ${to}`,
  };
}

function renderHeader(report: AuditReport): { lines: string[]; title: string } {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const findings = report.totals.findings;
  const repositories = listRepositories(report);
  const period = describePeriod(report);
  const named = repositories.slice(0, 3);
  const repositoryHtml =
    repositories.length === 0
      ? 'no repository (no decision matches)'
      : `${named.map((name) => `<span class="token">${escapeHtml(name)}</span>`).join(', ')}${repositories.length > named.length ? ` and ${repositories.length - named.length} more` : ''}`;
  const title = `Gatehouse audit${repositories.length === 0 ? '' : ` of ${named.join(', ')}`}, ${period.text}`;
  return {
    title,
    lines: [
      '<header>',
      `<h1>Gatehouse audit${repositories.length === 0 ? '' : ` of ${repositoryHtml}`}</h1>`,
      `<p class="period"><strong>Period:</strong> ${period.html}</p>`,
      '<ul class="headline">',
      ...(repositories.length === 0 ? [`<li><strong>Repository:</strong> ${repositoryHtml}.</li>`] : []),
      `<li><strong>Decisions:</strong> ${escapeHtml(summary.decisions)}.</li>`,
      `<li><strong>Integrity:</strong> <span${findings > 0 ? ' class="finding"' : ''}>${escapeHtml(summary.findings)}</span>.</li>`,
      `<li><strong>Check runs:</strong> ${escapeHtml(summary.crossCheck)}.</li>`,
      `<li><strong>Provenance:</strong> ${escapeHtml(report.integrity.provenance.why)}.</li>`,
      `<li><strong>Rubber stamps:</strong> ${escapeHtml(count(report.calibration.rubberStamps.length, 'approval'))} faster than the request could be read.</li>`,
      `<li><strong>Filters:</strong> ${filters.length === 0 ? 'none' : filters.map(([name, value]) => `--${escapeHtml(name)} <code>${escapeHtml(value)}</code>`).join(', ')}.</li>`,
      `<li><strong>Source:</strong> ${renderPath(report.source)}, audited at <span class="token">${escapeHtml(report.generatedAt)}</span>.</li>`,
      '</ul>',
      '</header>',
    ],
  };
}

/** A safe fragment id for a finding code, whatever the code. */
function anchorOf(code: string): string {
  return `finding-${code.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`;
}

/**
 * The findings, first: their counts by code with what each code means, then each code's findings.
 * Generic over the code, so a new code needs no change here.
 */
function renderFindings(report: AuditReport): string[] {
  const lines = [
    '<section id="findings">',
    '<h2>Findings</h2>',
    '<p class="intro">Integrity is checked over every record read, whatever the filters.</p>',
  ];
  const counts = countFindingsByCode(report);
  if (counts.length === 0)
    return [...lines, `<p>${escapeHtml(createFindingsTable(report).empty)}</p>`, '</section>'];
  lines.push(
    ...renderRows(
      ['finding', 'count', 'what it means'],
      counts.map(
        ({ code, count: n, meaning }) =>
          `<tr><td><code>${escapeHtml(code)}</code></td><td class="num">${n}</td><td class="prose">${meaning === '' ? '–' : escapeHtml(meaning)}</td></tr>`,
      ),
    ),
  );
  for (const { code, count: n } of counts) {
    const rows = report.findings
      .filter((finding) => finding.code === code)
      .map((finding) => {
        const where =
          finding.path === null
            ? `<td>check run ${escapeHtml(String(finding.checkRunId ?? '?'))}</td>`
            : `<td>${renderPath(finding.path)}</td>`;
        const id = finding.id === null ? '–' : `<code>${escapeHtml(finding.id)}</code>`;
        return `<tr>${where}<td>${id}</td><td class="prose">${renderCell({ prose: finding.message, maxChars: 500 })}</td></tr>`;
      });
    lines.push(
      `<details id="${escapeHtml(anchorOf(code))}"${n <= OPEN_FINDINGS ? ' open' : ''}>`,
      `<summary><code>${escapeHtml(code)}</code>: ${escapeHtml(count(n, 'finding'))}</summary>`,
      ...renderRows(['file', 'decision', 'message'], rows),
      '</details>',
    );
  }
  return [...lines, '</section>'];
}

export function renderAuditHtml(report: AuditReport): string {
  const header = renderHeader(report);
  const body: string[] = [
    ...header.lines,
    ...renderFindings(report),
    '<section id="executions">',
    '<h2>Executions</h2>',
    ...createExecutionTables(report).flatMap((table) => renderTable(table, 'h3')),
    '</section>',
    '<section id="charts">',
    '<h2>Charts</h2>',
    ...[createLatencyChart, createOverTimeChart, createRuleChart, createReviewerChart].flatMap((create) =>
      renderFigure(create(report)),
    ),
    '</section>',
    '<section id="calibration">',
    '<h2>Calibration</h2>',
    ...createCalibrationTables(report).flatMap((table) => renderTable(table, 'h3')),
    '</section>',
    ...renderTable(createRecordsTable(report), 'h2'),
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(header.title)}</title>`,
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
