// Benchmark (not a test): how long `gatehouse audit --git DIR --format json` takes on a decision
// log of 10,000 records, in-process, as a user runs it: read the branch (one git ls-tree, one git
// cat-file --batch), parse and check every record, build the report, render it. The aim is under
// two seconds. Run: npm run bench:audit
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditReport, renderAuditHtml, renderAuditJson } from '../src/core/audit/index.ts';
import { createDecisionRecordPath, renderDecisionRecord } from '../src/core/decision-record.ts';
import { loadDecisionLogFiles, loadObjectRepository } from '../src/local/git.ts';
import { createSyntheticRecord } from './synthetic-decisions.ts';

// run.ts reads the version the bundler (or vitest) inlines; here there is neither.
(globalThis as { __GATEHOUSE_VERSION__?: string }).__GATEHOUSE_VERSION__ = 'bench';
const { run } = await import('../src/cli/run.ts');

const RECORDS = 10_000;
const RUNS = 5;
const AIM_MS = 2_000;

/** A repository whose gatehouse-log branch has one commit per decision, written by one git fast-import. */
function createLogRepository(): { dir: string; env: Record<string, string | undefined> } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-audit-'));
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(dir, '.none'),
  };
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir, env });
  const chunks: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const record = createSyntheticRecord(i);
    const text = renderDecisionRecord(record);
    const message = `gatehouse: ${record.decision} ${record.gate.check}`;
    const time = Math.floor(Date.parse(record.times.decided_at) / 1000);
    chunks.push(
      'commit refs/heads/gatehouse-log',
      `committer gatehouse[bot] <gatehouse@example.com> ${time} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 100644 inline ${createDecisionRecordPath(record, 'decisions')}`,
      `data ${Buffer.byteLength(text)}`,
      text,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    env,
    input: `${chunks.join('\n')}\n`,
    maxBuffer: 1 << 30,
  });
  return { dir, env };
}

// ---------------------------------------------------------------------------------------------

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

const setupStart = performance.now();
const repo = createLogRepository();
const setupMs = performance.now() - setupStart;
try {
  const now = '2026-03-02T12:00:00.000Z';
  const audit = async (): Promise<{ ms: number; bytes: number }> => {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      cwd: repo.dir,
      env: repo.env,
      now: () => new Date(now),
    };
    const start = performance.now();
    const code = await run(['audit', '--git', repo.dir, '--format', 'json'], io);
    const elapsed = performance.now() - start;
    if (code !== 0) throw new Error(`gatehouse audit exited ${code}: ${err}`);
    return { ms: elapsed, bytes: Buffer.byteLength(out) };
  };

  const cold = await audit();
  const totals = [cold.ms];
  for (let i = 1; i < RUNS; i++) totals.push((await audit()).ms);

  // The same work in its three phases, to see where the time goes.
  const reads: number[] = [];
  const reports: number[] = [];
  const renders: number[] = [];
  const htmlRenders: number[] = [];
  let htmlBytes = 0;
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const local = await loadObjectRepository(repo.dir, repo.env);
    const log = local && (await loadDecisionLogFiles(local, { branch: 'gatehouse-log', path: 'decisions' }));
    if (log === undefined) throw new Error('the benchmark log is missing');
    const entries = log.files.map((file) => ({ path: file.path, text: file.text ?? '' }));
    reads.push(performance.now() - t);
    t = performance.now();
    const report = createAuditReport(entries, { filters: {}, now, source: 'bench' });
    reports.push(performance.now() - t);
    t = performance.now();
    renderAuditJson(report);
    renders.push(performance.now() - t);
    t = performance.now();
    htmlBytes = Buffer.byteLength(renderAuditHtml(report));
    htmlRenders.push(performance.now() - t);
    findings = report.findings.length;
  }

  const total = median(totals);
  console.log(
    `gatehouse audit --git <dir> --format json, ${RECORDS.toLocaleString('en-US')} records (Node ${process.version}, ${process.platform} ${process.arch})`,
  );
  console.log(`  log built with one git fast-import in ${(setupMs / 1000).toFixed(1)} s`);
  console.log(
    `  total      ${ms(total)}  median of ${RUNS} (first run ${cold.ms.toFixed(0)} ms), ${Math.round(RECORDS / (total / 1000)).toLocaleString('en-US')} records/s`,
  );
  console.log(`  read       ${ms(median(reads))}  git ls-tree + git cat-file --batch`);
  console.log(`  report     ${ms(median(reports))}  parse and check every record, build the report`);
  console.log(`  render     ${ms(median(renders))}  JSON, ${(cold.bytes / 1e6).toFixed(1)} MB`);
  console.log(
    `  html       ${ms(median(htmlRenders))}  the same report as one HTML page (--format html), ${(htmlBytes / 1e6).toFixed(1)} MB`,
  );
  console.log(`  findings   ${findings.toLocaleString('en-US')} (expected 0: every record is well-formed)`);
  console.log(`  aim        under ${AIM_MS} ms: ${total < AIM_MS ? 'met' : 'MISSED'}`);
} finally {
  rmSync(repo.dir, { recursive: true, force: true });
}
