// The charts of the HTML report, drawn as inline SVG by hand: no script, no font, no image, no
// reference to anything outside the page. Each chart has a <title> and a <desc> that say what it
// shows in words, a tooltip per bar, and the same numbers as a table for readers without sight
// of the chart (the page puts it under the chart).
import { DECISIONS, type Decision } from '../registry.ts';
import type { AuditReport } from './audit-report.ts';
import { count, formatSeconds } from './describe-audit.ts';
import { escapeHtml } from './escape-html.ts';
import { summarizeLatency } from './summarize-latency.ts';

export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

export interface Chart {
  id: string;
  title: string;
  /** What the chart shows, in words, every number included: the SVG's <desc>. */
  description: string;
  /** What the chart shows in one sentence, under its title. */
  caption: string;
  /** The first column of the data table. */
  categoryHeader: string;
  categories: string[];
  series: ChartSeries[];
  orientation: 'vertical' | 'horizontal';
  /** The axis of the categories, with its unit: `ISO week (UTC)`. */
  categoryAxis: string;
  /** The axis of the values, with its unit: `decisions per week`. */
  valueAxis: string;
  /**
   * The categories are consecutive periods: a period without a value is a gap in time, drawn as
   * one and left out of the chart's table, rather than a bar or a row of zeros.
   */
  timeline?: boolean;
}

export const DECISION_COLORS: Record<Decision, string> = {
  approved: '#2e7d32',
  delayed: '#81c784',
  auto_approved: '#64b5f6',
  notified: '#b0bec5',
  changes_requested: '#ef6c00',
  rejected: '#c62828',
  expired: '#6d4c41',
  escalated: '#8e24aa',
  pending: '#fbc02d',
};

/** Latency buckets of the histogram: up to (exclusive) this many seconds. */
const LATENCY_BUCKETS: [string, number][] = [
  ['< 1m', 60],
  ['1–5m', 300],
  ['5–15m', 900],
  ['15m–1h', 3_600],
  ['1–4h', 14_400],
  ['4–24h', 86_400],
  ['1–7d', 604_800],
  ['≥ 7d', Number.POSITIVE_INFINITY],
];

/** At most this many rules or reviewers get a bar; the tables list them all. */
const MAX_BARS = 20;

function decisionSeries(values: (decision: Decision) => number[]): ChartSeries[] {
  return DECISIONS.map((decision) => ({
    name: decision.replace('_', ' '),
    color: DECISION_COLORS[decision],
    values: values(decision),
  })).filter((series) => series.values.some((value) => value > 0));
}

export function createLatencyChart(report: AuditReport): Chart {
  const latencies = report.records.flatMap((row) =>
    row.latency_seconds === null ? [] : [row.latency_seconds],
  );
  const counts = LATENCY_BUCKETS.map(() => 0);
  for (const latency of latencies) {
    const index = LATENCY_BUCKETS.findIndex(([, upTo]) => latency < upTo);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const summary = summarizeLatency(latencies);
  return {
    id: 'chart-latency',
    title: 'Approval latency',
    caption:
      latencies.length === 0
        ? 'No decision made by a person matches the filters.'
        : `How long people took from the request to their decision, over ${count(latencies.length, 'decision')}: median ${formatSeconds(summary.medianSeconds)}, 90th percentile ${formatSeconds(summary.p90Seconds)}.`,
    description:
      latencies.length === 0
        ? 'No decision made by a person matches the filters.'
        : `How long people took from the request to their decision, over ${count(latencies.length, 'decision')}: median ${formatSeconds(summary.medianSeconds)}, 90th percentile ${formatSeconds(summary.p90Seconds)}. ${LATENCY_BUCKETS.map(([label], index) => `${label}: ${counts[index]}`).join('; ')}.`,
    categoryHeader: 'latency',
    categories: LATENCY_BUCKETS.map(([label]) => label),
    series: [{ name: 'decisions', color: '#1565c0', values: counts }],
    orientation: 'vertical',
    categoryAxis: 'time from request to decision (m minutes, h hours, d days)',
    valueAxis: 'decisions',
  };
}

export function createOverTimeChart(report: AuditReport): Chart {
  const weeks = report.calibration.overTime;
  const empty = weeks.filter((week) => week.total === 0).length;
  const busiest = weeks.reduce<{ week: string; total: number } | undefined>(
    (best, week) => (best === undefined || week.total > best.total ? week : best),
    undefined,
  );
  const description =
    busiest === undefined
      ? 'No decisions match the filters.'
      : `Decisions per ISO week, by decision, over ${count(weeks.length, 'week')} from ${weeks[0]?.week} to ${weeks.at(-1)?.week}${empty > 0 ? ` (${count(empty, 'week')} without any, shaded)` : ''}; the busiest week was ${busiest.week} with ${count(busiest.total, 'decision')}.`;
  return {
    id: 'chart-over-time',
    title: 'Decisions over time',
    caption: description,
    description,
    categoryHeader: 'week',
    categories: weeks.map((week) => week.week),
    series: decisionSeries((decision) => weeks.map((week) => week.byDecision[decision])),
    orientation: 'vertical',
    categoryAxis: 'ISO week (Monday to Sunday, UTC)',
    valueAxis: 'decisions per week',
    timeline: true,
  };
}

export function createRuleChart(report: AuditReport): Chart {
  const byRule = new Map<string, Record<Decision, number>>();
  for (const row of report.records) {
    for (const rule of row.rules.length === 0 ? ['(no rule)'] : new Set(row.rules)) {
      let counts = byRule.get(rule);
      if (counts === undefined) {
        counts = Object.fromEntries(DECISIONS.map((decision) => [decision, 0])) as Record<Decision, number>;
        byRule.set(rule, counts);
      }
      counts[row.decision]++;
    }
  }
  const total = (counts: Record<Decision, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const rules = [...byRule]
    .sort(([a, x], [b, y]) => total(y) - total(x) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_BARS);
  return {
    id: 'chart-by-rule',
    title: 'Decisions by rule',
    caption:
      rules.length === 0
        ? 'No decisions match the filters.'
        : `Decisions per matched rule, by decision, for the ${count(rules.length, 'rule')} with the most decisions.`,
    description:
      rules.length === 0
        ? 'No decisions match the filters.'
        : `Decisions per matched rule, by decision, for the ${count(rules.length, 'rule')} with the most decisions: ${rules.map(([rule, counts]) => `${rule} ${total(counts)}`).join(', ')}.`,
    categoryHeader: 'rule',
    categories: rules.map(([rule]) => rule),
    series: decisionSeries((decision) => rules.map(([, counts]) => counts[decision])),
    orientation: 'horizontal',
    categoryAxis: 'rule',
    valueAxis: 'decisions (one decision counts for each rule it matched)',
  };
}

export function createReviewerChart(report: AuditReport): Chart {
  const reviewers = report.calibration.byReviewer.slice(0, MAX_BARS);
  return {
    id: 'chart-by-reviewer',
    title: 'Decisions by reviewer',
    caption:
      reviewers.length === 0
        ? 'Nobody approved, rejected or asked for changes in the decisions that match the filters.'
        : `Approvals, rejections and requests for changes per person, for the ${count(reviewers.length, 'reviewer')} who decided most.`,
    description:
      reviewers.length === 0
        ? 'Nobody approved, rejected or asked for changes in the decisions that match the filters.'
        : `Approvals, rejections and requests for changes per person, for the ${count(reviewers.length, 'reviewer')} who decided most: ${reviewers.map((row) => `${row.login} ${row.approvals} approved, ${row.rejections} rejected, ${row.changesRequested} changes, median ${formatSeconds(row.medianSeconds)}`).join('; ')}.`,
    categoryHeader: 'reviewer',
    categories: reviewers.map((row) => row.login),
    series: [
      { name: 'approvals', color: DECISION_COLORS.approved, values: reviewers.map((row) => row.approvals) },
      { name: 'rejections', color: DECISION_COLORS.rejected, values: reviewers.map((row) => row.rejections) },
      {
        name: 'changes requested',
        color: DECISION_COLORS.changes_requested,
        values: reviewers.map((row) => row.changesRequested),
      },
    ].filter((series) => series.values.some((value) => value > 0)),
    orientation: 'horizontal',
    categoryAxis: 'reviewer',
    valueAxis: 'decisions made by the reviewer',
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing.

const WIDTH = 720;

/** Leading digits of an axis maximum: fine enough that the longest bar fills most of the plot. */
const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest nice number (NICE_STEPS × 10ⁿ) at or above n (at least 1). */
function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return Math.round((NICE_STEPS.find((step) => step * power >= n) ?? 10) * power);
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** At most `max` characters, with `…`, for a label; the whole text goes in its tooltip. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function totals(chart: Chart): number[] {
  return chart.categories.map((_, index) =>
    chart.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0),
  );
}

function renderLegend(chart: Chart, y: number): string[] {
  if (chart.series.length < 2) return [];
  let x = 8;
  return chart.series.map((series) => {
    const item = `<g><rect x="${x}" y="${y - 9}" width="10" height="10" fill="${series.color}"/><text x="${x + 14}" y="${y}">${escapeHtml(series.name)}</text></g>`;
    x += 24 + series.name.length * 7;
    return item;
  });
}

/** Runs of consecutive categories without a value: [first index, last index]. */
export function listGaps(chart: Chart): [number, number][] {
  const sums = totals(chart);
  const gaps: [number, number][] = [];
  sums.forEach((sum, index) => {
    if (sum !== 0) return;
    const last = gaps.at(-1);
    if (last !== undefined && last[1] === index - 1) last[1] = index;
    else gaps.push([index, index]);
  });
  return gaps;
}

/** Ticks of a value axis from 0 to max: counts are whole, so a middle tick only where it is one. */
function ticks(max: number): number[] {
  return max % 2 === 0 ? [0, max / 2, max] : [0, max];
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function axisLabel(x: number, y: number, text: string, rotate = false): string {
  return rotate
    ? `<text class="axis-label" x="${round(-y)}" y="${round(x)}" transform="rotate(-90)" text-anchor="middle">${escapeHtml(text)}</text>`
    : `<text class="axis-label" x="${round(x)}" y="${round(y)}" text-anchor="middle">${escapeHtml(text)}</text>`;
}

function renderVertical(chart: Chart): { body: string[]; height: number } {
  const height = 290;
  const [left, right, top, bottom] = [60, 12, chart.series.length > 1 ? 30 : 12, 56];
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const sums = totals(chart);
  const max = niceCeiling(Math.max(0, ...sums));
  const step = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(48, Math.max(1, step * 0.8));
  const labelEvery = Math.max(1, Math.ceil(chart.categories.length / Math.floor(plotWidth / 64)));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const body: string[] = [...renderLegend(chart, 16)];
  if (chart.timeline === true && sums.some((sum) => sum > 0)) {
    // A stretch of time without decisions is shaded and says so, rather than left to look like
    // missing data.
    for (const [first, last] of listGaps(chart)) {
      const x = left + first * step;
      const width = (last - first + 1) * step;
      const span =
        first === last
          ? `${chart.categories[first]}: no decisions`
          : `${chart.categories[first]} to ${chart.categories[last]}: no decisions (${last - first + 1} ${chart.categoryHeader}s)`;
      body.push(
        `<rect class="gap" x="${round(x)}" y="${top}" width="${round(width)}" height="${plotHeight}"><title>${escapeHtml(span)}</title></rect>`,
      );
      // Across the gap where it is wide enough, else upright along it.
      if (width >= 72)
        body.push(
          `<text class="gap-label" x="${round(x + width / 2)}" y="${round(top + plotHeight / 2)}" text-anchor="middle">no decisions</text>`,
        );
      else if (width >= 14)
        body.push(
          `<text class="gap-label" x="${round(-(top + plotHeight / 2))}" y="${round(x + width / 2 + 4)}" transform="rotate(-90)" text-anchor="middle">no decisions</text>`,
        );
    }
  }
  body.push(
    `<line x1="${left}" y1="${round(y(0))}" x2="${WIDTH - right}" y2="${round(y(0))}" class="axis"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${round(y(0))}" class="axis"/>`,
  );
  for (const tick of ticks(max)) {
    body.push(
      `<text x="${left - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${formatCount(tick)}</text>`,
      `<line x1="${left}" y1="${round(y(tick))}" x2="${WIDTH - right}" y2="${round(y(tick))}" class="grid"/>`,
    );
  }
  chart.categories.forEach((category, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[index] ?? 0;
      if (value === 0) continue;
      body.push(
        `<rect x="${round(x)}" y="${round(y(base + value))}" width="${round(barWidth)}" height="${round(y(base) - y(base + value))}" fill="${series.color}"><title>${escapeHtml(`${category}: ${value} ${series.name}`)}</title></rect>`,
      );
      base += value;
    }
    if (index % labelEvery === 0) {
      body.push(
        `<text x="${round(x + barWidth / 2)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(shorten(category, 10))}</text>`,
      );
    }
  });
  body.push(
    axisLabel(left + plotWidth / 2, height - 10, chart.categoryAxis),
    axisLabel(14, top + plotHeight / 2, chart.valueAxis, true),
  );
  return { body, height };
}

function renderHorizontal(chart: Chart): { body: string[]; height: number } {
  const rowHeight = 22;
  const [left, right, top, bottom] = [196, 48, chart.series.length > 1 ? 30 : 8, 48];
  const plotHeight = Math.max(1, chart.categories.length) * rowHeight;
  const height = top + plotHeight + bottom;
  const plotWidth = WIDTH - left - right;
  const sums = totals(chart);
  const max = niceCeiling(Math.max(1, ...sums));
  const x = (value: number) => left + (value / max) * plotWidth;
  const axisY = top + plotHeight + 4;
  const body: string[] = [
    ...renderLegend(chart, 16),
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" class="axis"/>`,
    `<line x1="${left}" y1="${axisY}" x2="${left + plotWidth}" y2="${axisY}" class="axis"/>`,
  ];
  for (const tick of ticks(max)) {
    body.push(
      `<line x1="${round(x(tick))}" y1="${top}" x2="${round(x(tick))}" y2="${axisY}" class="grid"/>`,
      `<text x="${round(x(tick))}" y="${axisY + 14}" text-anchor="middle">${formatCount(tick)}</text>`,
    );
  }
  chart.categories.forEach((category, index) => {
    const y = top + index * rowHeight;
    body.push(
      `<text x="${left - 6}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(category)}</title>${escapeHtml(shorten(category, 24))}</text>`,
    );
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[index] ?? 0;
      if (value === 0) continue;
      body.push(
        `<rect x="${round(x(base))}" y="${y + 4}" width="${round(x(value) - left)}" height="${rowHeight - 8}" fill="${series.color}"><title>${escapeHtml(`${category}: ${value} ${series.name}`)}</title></rect>`,
      );
      base += value;
    }
    body.push(`<text x="${round(x(base) + 4)}" y="${y + 15}">${formatCount(sums[index] ?? 0)}</text>`);
  });
  body.push(
    axisLabel(left + plotWidth / 2, axisY + 34, chart.valueAxis),
    axisLabel(14, top + plotHeight / 2, chart.categoryAxis, true),
  );
  return { body, height };
}

/** The chart as an inline SVG element. */
export function renderChart(chart: Chart): string {
  const { body, height } = chart.orientation === 'vertical' ? renderVertical(chart) : renderHorizontal(chart);
  return [
    `<svg class="chart" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>`,
    ...body,
    '</svg>',
  ].join('\n');
}
