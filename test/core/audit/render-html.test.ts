import { describe, expect, it } from 'vitest';
import { createAuditReport, renderAuditHtml } from '../../../src/core/audit/index.ts';
import { aLog, aRecord } from './audit-log.ts';
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
      "<svg class="chart" role="img" aria-labelledby="chart-over-time-title chart-over-time-desc" viewBox="0 0 720 290" width="720" height="290">
      <title id="chart-over-time-title">Decisions over time</title>
      <desc id="chart-over-time-desc">Decisions per ISO week, by decision, over 2 weeks from 2026-W10 to 2026-W11; the busiest week was 2026-W10 with 1 decision.</desc>
      <g><rect x="8" y="7" width="10" height="10" fill="#2e7d32"/><text x="22" y="16">approved</text></g>
      <g><rect x="88" y="7" width="10" height="10" fill="#c62828"/><text x="102" y="16">rejected</text></g>
      <line x1="60" y1="234" x2="708" y2="234" class="axis"/>
      <line x1="60" y1="30" x2="60" y2="234" class="axis"/>
      <text x="54" y="238" text-anchor="end">0</text>
      <line x1="60" y1="234" x2="708" y2="234" class="grid"/>
      <text x="54" y="34" text-anchor="end">1</text>
      <line x1="60" y1="30" x2="708" y2="30" class="grid"/>
      <rect x="198" y="30" width="48" height="204" fill="#2e7d32"><title>2026-W10: 1 approved</title></rect>
      <text x="222" y="250" text-anchor="middle">2026-W10</text>
      <rect x="522" y="30" width="48" height="204" fill="#c62828"><title>2026-W11: 1 rejected</title></rect>
      <text x="546" y="250" text-anchor="middle">2026-W11</text>
      <text class="axis-label" x="384" y="280" text-anchor="middle">ISO week (Monday to Sunday, UTC)</text>
      <text class="axis-label" x="-132" y="14" transform="rotate(-90)" text-anchor="middle">decisions per week</text>
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
    for (const [, , body] of figures)
      expect(body).toMatch(/<details>\n<summary>[^<]+<\/summary>\n<div class="scroll">\n<table>/);
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
    expect(page).toContain(`<td class="prose">${'why '.repeat(39)}why…</td>`);
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

describe('the HTML report, as a reader meets it', () => {
  const html = renderAuditHtml(aSmallReport());

  it('names the repository and the period in its header', () => {
    const header = /<header>([\s\S]*?)<\/header>/.exec(html)?.[1] ?? '';
    expect(header).toContain('<h1>Gatehouse audit of <span class="token">acme/shop</span></h1>');
    // --since bounds the period; the last decision ends it.
    expect(header).toContain(
      '<p class="period"><strong>Period:</strong> <time>2026-03-01T00:00:00.000Z</time> to <time>2026-03-10T09:45:00Z</time> (from --since, to the last decision)</p>',
    );
    expect(html).toContain(
      '<title>Gatehouse audit of acme/shop, 2026-03-01T00:00:00.000Z to 2026-03-10T09:45:00Z</title>',
    );
  });

  it('without filters, the period is from the first decision to the last', () => {
    const page = renderAuditHtml(
      createAuditReport(
        aLog(
          aRecord({
            decision: 'approved',
            requestedAt: '2026-01-05T09:00:00Z',
            decidedAt: '2026-01-05T09:30:00Z',
          }),
          aRecord({
            decision: 'approved',
            requestedAt: '2026-02-05T09:00:00Z',
            decidedAt: '2026-02-06T10:00:00Z',
          }),
        ),
        { filters: {}, now: '2026-04-01T00:00:00Z', source: 'a log' },
      ),
    );
    expect(page).toContain(
      '<time>2026-01-05T09:30:00Z</time> to <time>2026-02-06T10:00:00Z</time> (the first and the last decision)',
    );
  });

  it('puts the findings first, counted by code, then the executions, before the charts, the calibration and the decisions', () => {
    const sections = Array.from(html.matchAll(/<section id="([^"]+)">/g), (match) => match[1]);
    expect(sections.slice(0, 5)).toEqual([
      'findings',
      'executions',
      'ran-without-approval',
      'charts',
      'calibration',
    ]);
    expect(sections.at(-1)).toBe('decisions');
    const findings = /<section id="findings">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(findings).toContain(
      '<tr><td><code>malformed</code></td><td class="num">1</td><td class="prose">a file on the log branch that is not a valid decision record; the other records still count</td></tr>',
    );
    expect(findings).toContain('<summary><code>malformed</code>: 1 finding</summary>');
  });

  it('lists a finding of any code, even one it has no words for', () => {
    const report = aSmallReport();
    report.findings.push(
      { code: 'anchor_missing' as never, path: null, id: 'abc', checkRunId: null, message: 'not anchored' },
      { code: 'anchor_missing' as never, path: null, id: 'abd', checkRunId: null, message: 'not anchored' },
    );
    const page = renderAuditHtml(report);
    expect(page).toContain(
      '<tr><td><code>anchor_missing</code></td><td class="num">2</td><td class="prose">–</td></tr>',
    );
    expect(page).toContain('<details id="finding-anchor_missing" open>');
    expect(page).toContain('<summary><code>anchor_missing</code>: 2 findings</summary>');
  });

  it('titles every chart and labels both its axes', () => {
    const figures = Array.from(
      html.matchAll(/<figure id="[^"]+">([\s\S]*?)<\/figure>/g),
      (match) => match[1] ?? '',
    );
    expect(figures).toHaveLength(4);
    const titles = figures.map((figure) => /<figcaption><h3>([^<]+)<\/h3>/.exec(figure)?.[1]);
    expect(titles).toEqual([
      'Approval latency',
      'Decisions over time',
      'Decisions by rule',
      'Decisions by reviewer',
    ]);
    const labels = figures.map((figure) =>
      Array.from(figure.matchAll(/<text class="axis-label"[^>]*>([^<]+)<\/text>/g), (match) => match[1]),
    );
    expect(labels).toEqual([
      ['time from request to decision (m minutes, h hours, d days)', 'decisions'],
      ['ISO week (Monday to Sunday, UTC)', 'decisions per week'],
      ['decisions (one decision counts for each rule it matched)', 'rule'],
      ['decisions made by the reviewer', 'reviewer'],
    ]);
  });

  describe('with weeks without decisions', () => {
    const page = renderAuditHtml(
      createAuditReport(
        aLog(
          aRecord({
            decision: 'approved',
            requestedAt: '2026-03-02T09:00:00Z',
            decidedAt: '2026-03-02T09:30:00Z',
          }),
          aRecord({
            decision: 'rejected',
            requestedAt: '2026-03-23T09:00:00Z',
            decidedAt: '2026-03-23T09:30:00Z',
          }),
        ),
        { filters: {}, now: '2026-04-01T00:00:00Z', source: 'a log' },
      ),
    );

    it('shows no row of zeros, and says which weeks it left out', () => {
      expect(page).not.toMatch(/2026-W1[12]<\/(?:td|th)>/);
      const table = /<section id="over-time">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
      expect(table).toContain(
        '2 weeks without a decision are left out: <span class="token">2026-W11</span> to <span class="token">2026-W12.</span>',
      );
      expect(table.match(/<tr><td/g)).toHaveLength(2);
      expect(page).toContain(
        '<summary>Decisions over time: the numbers (2 weeks without any left out)</summary>',
      );
    });

    it('draws them as a gap that says so', () => {
      const svg = /<svg[^>]*aria-labelledby="chart-over-time-title[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
      expect(svg).toMatch(
        /<rect class="gap" [^>]*><title>2026-W11 to 2026-W12: no decisions \(2 weeks\)<\/title><\/rect>/,
      );
      expect(svg).toContain('>no decisions</text>');
    });
  });

  it('never breaks a token inside: ids, SHAs, logins and times stay whole, paths break after a slash, wide tables scroll', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/overflow-wrap:\s*anywhere|word-break:\s*break-all/);
    expect(style).toMatch(
      /code, \.token, td, th\[scope="row"\], \.period time \{ white-space: nowrap; \}\ntd\.prose, td\.text \{ white-space: normal; \}/,
    );
    expect(style).toContain('.scroll { overflow-x: auto;');
    // Every table scrolls inside its own box rather than squeezing its cells.
    expect(html.match(/<table>/g)?.length).toBe(html.match(/<div class="scroll">\n<table>/g)?.length);
    // Times, decisions and numbers in cells are single tokens.
    expect(html).toContain('<td>2026-03-02T10:01:30Z</td><td>approved</td>');
    expect(html).toContain('<td><code>cd158f49aaf8bc21ad2ee629</code></td>');
    // A path breaks only after a slash.
    expect(html).toContain(
      '<code class="path"><span>decisions/</span><wbr><span>2026/</span><wbr><span>03/</span><wbr><span>notes.md</span></code>',
    );
  });

  it('escapes a path from the log wherever it shows it', () => {
    const page = renderAuditHtml(
      createAuditReport([{ path: `decisions/${HOSTILE}.md`, text: 'nothing' }], {
        filters: {},
        now: '2026-04-01T00:00:00Z',
        source: `a log ${HOSTILE}`,
      }),
    );
    expect(page).not.toContain(HOSTILE);
    expect(listTags(page).map((tag) => tag.name)).not.toContain('img');
    expect(page).toContain('<span>&lt;img </span><wbr><span>src=x </span>');
  });
});
