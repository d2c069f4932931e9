// A look at the HTML report (not a test): renders `gatehouse audit --format html` for logs of
// 400 and 10,000 synthetic decisions, with a few weeks without decisions and a few integrity
// findings, and screenshots each page in headless Chromium at 1280 and 400 px wide so a person
// can see how it reads. Prints each page's size, its render time and the screenshot paths. Without
// Chromium it says so and only renders. Run: npm run check:report [-- --out DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSyntheticRecord } from '../bench/synthetic-decisions.ts';
import { type AuditEntry, createAuditReport, renderAuditHtml } from '../src/core/audit/index.ts';
import { createDecisionRecordPath, renderDecisionRecord } from '../src/core/decision-record.ts';

const SIZES = [400, 10_000];
const WIDTHS = [1280, 400];
/** Tall enough for the header, the findings, the charts and the calibration of either page. */
const HEIGHT = 5_000;

/**
 * `size` decisions with a stretch of weeks without any in the middle (a tenth of the log's span
 * and at least three weeks), three edited records, one filed in the wrong month, one file that is
 * not a record, and one long free-text reason with a URL in it.
 */
function createEntries(size: number): AuditEntry[] {
  const half = Math.floor(size / 2);
  const gap = Math.max(300, Math.floor(size / 10));
  const entries: AuditEntry[] = [];
  for (let n = 0; n < size; n++) {
    const record = createSyntheticRecord(n < half ? n : n + gap);
    const path = createDecisionRecordPath(record, 'decisions');
    if (n === 7)
      record.reason =
        'Rolled back after https://status.example.com/incidents/2026-03-02-checkout-latency-regression showed p99 over 4 s; see the runbook at docs/runbooks/checkout/rollback-procedure.md';
    if (n % Math.floor(size / 3) === 5 && record.decision === 'approved') record.decision = 'rejected';
    const filed = n === 11 ? path.replace(/decisions\/(\d{4})\/\d{2}\//, 'decisions/$1/13/') : path;
    entries.push({ path: filed, text: renderDecisionRecord(record) });
  }
  entries.push({ path: 'decisions/2024/03/notes.md', text: '# notes kept by hand\n' });
  return entries;
}

function findChromium(): string | undefined {
  const named = process.env.CHROMIUM;
  if (named !== undefined && named !== '') return named;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(candidate)) return candidate;
  return undefined;
}

function screenshot(chromium: string, page: string, png: string, width: number): void {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-check-report-profile-'));
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--screenshot=${png}`,
        `--window-size=${width},${HEIGHT}`,
        pathToFileURL(page).href,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'gatehouse-check-report-')));
mkdirSync(out, { recursive: true });
const chromium = findChromium();

console.log(`gatehouse audit --format html (Node ${process.version}), pages in ${out}`);
for (const size of SIZES) {
  const entries = createEntries(size);
  const report = createAuditReport(entries, {
    filters: {},
    now: '2026-12-07T12:00:00Z',
    source: `synthetic log of ${size.toLocaleString('en-US')} decisions`,
  });
  const start = performance.now();
  const html = renderAuditHtml(report);
  const renderMs = performance.now() - start;
  const page = join(out, `audit-${size}.html`);
  writeFileSync(page, html);
  console.log(
    `  ${size.toLocaleString('en-US').padStart(6)} records: ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, rendered in ${renderMs.toFixed(0)} ms, ${report.findings.length} findings: ${page}`,
  );
  if (chromium === undefined) continue;
  for (const width of WIDTHS) {
    const png = join(out, `audit-${size}-${width}px.png`);
    const shotStart = performance.now();
    try {
      screenshot(chromium, page, png, width);
    } catch (error) {
      console.log(
        `           ${String(width).padStart(4)} px: ${chromium} failed: ${(error as Error).message}`,
      );
      process.exitCode = 1;
      continue;
    }
    console.log(
      `           ${String(width).padStart(4)} px: ${png} (${((performance.now() - shotStart) / 1000).toFixed(1)} s)`,
    );
  }
}
if (chromium === undefined)
  console.log('  no Chromium found (set CHROMIUM=/path/to/chromium): rendered only, no screenshots');
