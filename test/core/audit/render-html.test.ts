import { describe, expect, it } from 'vitest';
import { createAuditReport, renderAuditHtml } from '../../../src/core/audit/index.ts';
import { aSmallReport, HOSTILE } from './sample-report.ts';

/** Every start tag of a page: its name (lower case) and its attribute text. */
function listTags(html: string): { name: string; attributes: string }[] {
  return Array.from(html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g), (match) => ({
    name: (match[1] ?? '').toLowerCase(),
    attributes: match[2] ?? '',
  }));
}

/** The SVG charts of a page: each one's title and description. */
function listCharts(html: string): { title: string; desc: string; bars: number }[] {
  return Array.from(html.matchAll(/<svg\b[^>]*>([\s\S]*?)<\/svg>/g), (match) => {
    const svg = match[1] ?? '';
    return {
      title: /<title id="[^"]+">([^<]*)<\/title>/.exec(svg)?.[1] ?? '',
      desc: /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '',
      bars: svg.match(/<rect /g)?.length ?? 0,
    };
  });
}

describe('the HTML report', () => {
  const html = renderAuditHtml(aSmallReport());

  it('is one page with its four charts, each titled and described', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const charts = listCharts(html);
    expect(charts.map((chart) => chart.title)).toEqual([
      'Approval latency',
      'Decisions over time',
      'Decisions by rule',
      'Decisions by reviewer',
    ]);
    for (const chart of charts) {
      expect(chart.desc.length).toBeGreaterThan(20);
      expect(chart.bars).toBeGreaterThan(0);
    }
    expect(charts[0]?.desc).toBe(
      'How long people took from the request to their decision, over 2 decisions: median 23m15s, 90th percentile 45m. &lt; 1m: 0; 1–5m: 1; 5–15m: 0; 15m–1h: 1; 1–4h: 0; 4–24h: 0; 1–7d: 0; ≥ 7d: 0.',
    );
  });

  it('draws the bars from the data', () => {
    const svg = /<svg[^>]*aria-labelledby="chart-over-time-title[\s\S]*?<\/svg>/.exec(html)?.[0];
    expect(svg).toMatchInlineSnapshot(`
      "<svg class="chart" role="img" aria-labelledby="chart-over-time-title chart-over-time-desc" viewBox="0 0 720 260" width="720" height="260">
      <title id="chart-over-time-title">Decisions over time</title>
      <desc id="chart-over-time-desc">Decisions per ISO week, by decision, over 2 weeks from 2026-W10 to 2026-W11; the busiest week was 2026-W10 with 1 decision.</desc>
      <g><rect x="8" y="7" width="10" height="10" fill="#2e7d32"/><text x="22" y="16">approved</text></g>
      <g><rect x="88" y="7" width="10" height="10" fill="#c62828"/><text x="102" y="16">rejected</text></g>
      <line x1="44" y1="220" x2="708" y2="220" class="axis"/>
      <text x="38" y="224" text-anchor="end">0</text>
      <line x1="44" y1="220" x2="708" y2="220" class="grid"/>
      <text x="38" y="34" text-anchor="end">1</text>
      <line x1="44" y1="30" x2="708" y2="30" class="grid"/>
      <rect x="186" y="30" width="48" height="190" fill="#2e7d32"><title>2026-W10: 1 approved</title></rect>
      <text x="210" y="236" text-anchor="middle">2026-W10</text>
      <rect x="518" y="30" width="48" height="190" fill="#c62828"><title>2026-W11: 1 rejected</title></rect>
      <text x="542" y="236" text-anchor="middle">2026-W11</text>
      </svg>"
    `);
  });

  it('gives each chart its numbers as a table', () => {
    const figures = Array.from(html.matchAll(/<figure id="([^"]+)">([\s\S]*?)<\/figure>/g));
    expect(figures.map((figure) => figure[1])).toEqual([
      'chart-latency',
      'chart-over-time',
      'chart-by-rule',
      'chart-by-reviewer',
    ]);
    for (const [, , body] of figures) expect(body).toMatch(/<details>\n<summary>[^<]+<\/summary>\n<table>/);
    expect(html).toContain(
      '<tr><th scope="row">2026-W10</th><td class="num">1</td><td class="num">0</td></tr>',
    );
  });

  it('has no script and refers to nothing outside itself', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    const tags = listTags(html);
    expect(tags.length).toBeGreaterThan(100);
    const names = new Set(tags.map((tag) => tag.name));
    for (const name of [
      'script',
      'iframe',
      'object',
      'embed',
      'link',
      'img',
      'image',
      'use',
      'foreignobject',
      'base',
    ])
      expect(names).not.toContain(name);
    for (const tag of tags) {
      expect(tag.attributes).not.toMatch(/\b(?:src|href|xlink:href|srcset|action|formaction)\s*=/i);
      expect(tag.attributes).not.toMatch(/\bon[a-z]+\s*=/i);
      expect(tag.attributes).not.toMatch(/url\(/i);
    }
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import|\/\//);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });

  it('shows what the log says only as text', () => {
    const hostile = renderAuditHtml(aSmallReport({ hostile: true }));
    expect(hostile).not.toContain(HOSTILE);
    const escaped = '&lt;img src=x onerror=alert(1)&gt;';
    // The login (rubber stamps, reviewers, decisions, the reviewer chart and its table) and the
    // action and reason of the records.
    expect(hostile.split(escaped).length - 1).toBeGreaterThanOrEqual(8);
    const tags = listTags(hostile);
    expect(tags.map((tag) => tag.name)).not.toContain('img');
    for (const tag of tags) expect(tag.attributes).not.toMatch(/\bon[a-z]+\s*=|\bsrc\s*=/i);
    // A URL in a record is text, never a link.
    expect(hostile).toContain('=HYPERLINK(&quot;https://evil.example&quot;)');
    expect(hostile).not.toMatch(/<a\b/);
  });

  it('removes controls that could reorder or break what an auditor reads', () => {
    const report = aSmallReport();
    const row = report.records[0];
    if (row) row.action = 'Deploy \u202Egnp.exe\u0007 now';
    expect(renderAuditHtml(report)).toContain('Deploy gnp.exe now');
  });

  it('cuts long text from the log, and shows all of the rest', () => {
    const report = aSmallReport();
    const row = report.records[1];
    if (row) row.reason = `${'why '.repeat(100)}\n\nend`;
    const page = renderAuditHtml(report);
    expect(page).toContain(`<td>${'why '.repeat(39)}why…</td>`);
    expect(page).not.toContain('end</td>');
  });

  it('says so when there is nothing to show', () => {
    const empty = renderAuditHtml(
      createAuditReport([], { filters: {}, now: '2026-04-01T00:00:00Z', source: 'an empty log' }),
    );
    expect(listCharts(empty).map((chart) => chart.desc)).toEqual([
      'No decision made by a person matches the filters.',
      'No decisions match the filters.',
      'No decisions match the filters.',
      'Nobody approved, rejected or asked for changes in the decisions that match the filters.',
    ]);
    expect(empty).toContain('<p>No decisions match.</p>');
  });
});
