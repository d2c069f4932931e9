// Benchmark (not a test): how long `gatehouse audit --git DIR --format json` takes on a decision
// log of 10,000 records, in-process, as a user runs it: read the branch (one git ls-tree, one git
// cat-file --batch), parse and check every record, build the report, render it. The aim is under
// two seconds. Run: npm run bench:audit
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditReport, renderAuditJson } from '../src/core/audit/index.ts';
import { createDecisionId } from '../src/core/decision-id.ts';
import {
  createDecisionRecordPath,
  type DecisionRecord,
  renderDecisionRecord,
} from '../src/core/decision-record.ts';
import { createCheckName, type Decision } from '../src/core/registry.ts';
import { loadDecisionLogFiles, loadObjectRepository } from '../src/local/git.ts';

// run.ts reads the version the bundler (or vitest) inlines; here there is neither.
(globalThis as { __GATEHOUSE_VERSION__?: string }).__GATEHOUSE_VERSION__ = 'bench';
const { run } = await import('../src/cli/run.ts');

const RECORDS = 10_000;
const RUNS = 5;
const AIM_MS = 2_000;

// ---------------------------------------------------------------------------------------------
// A log as a busy repository accumulates it over two years: pull-request gates and deployments
// to three environments, approvals by a few people, some rejections, expiries and changes asked.

const people = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const environments = ['production', 'staging', 'eu-production'];
const rules = ['migrations', 'production-deploys', 'credentials', 'billing', 'infra', 'docs'];
const outcomes: Decision[] = [
  'approved',
  'approved',
  'approved',
  'approved',
  'approved',
  'auto_approved',
  'notified',
  'rejected',
  'expired',
  'changes_requested',
  'delayed',
];
const hex = (n: number, length: number) => n.toString(16).padStart(length, '0').slice(-length);

function createRecord(i: number): DecisionRecord {
  const deployment = i % 3 === 0;
  const environment = deployment ? environments[i % environments.length] : undefined;
  const decision = outcomes[i % outcomes.length] ?? 'approved';
  const sha = `${hex(i * 2654435761, 8)}${hex(i, 32)}`;
  const requestHash = `${hex(i * 40503, 16)}`.repeat(4);
  const check = createCheckName(environment);
  const requested = Date.parse('2024-03-01T08:00:00Z') + i * 6_300_000;
  const decided = requested + (10 + (i % 240)) * 60_000;
  const at = new Date(decided).toISOString().replace('.000Z', 'Z');
  const approverCount = decision === 'approved' || decision === 'delayed' ? 1 + (i % 2) : 0;
  const approvers = Array.from({ length: approverCount }, (_, k) => {
    const person = (i + k * 3) % people.length;
    return {
      id: person + 1,
      login: people[person] ?? 'alice',
      at,
      via: k === 0 ? ('comment' as const) : ('review' as const),
    };
  });
  const matched = [
    rules[i % rules.length] ?? 'docs',
    ...(i % 4 === 0 ? [rules[(i + 1) % rules.length] ?? 'infra'] : []),
  ];
  const record: DecisionRecord = {
    schema: 1,
    id: createDecisionId({ repository: 'acme/shop', gate: check, sha, requestHash, decision }),
    repository: 'acme/shop',
    gate:
      environment === undefined
        ? { kind: 'pull_request', check }
        : { kind: 'deployment', check, environment },
    subject: deployment
      ? { sha, target_branch: 'main' }
      : {
          sha,
          pull_request: 1000 + i,
          target_branch: 'main',
          url: `https://github.com/acme/shop/pull/${1000 + i}`,
        },
    request: {
      hash: requestHash,
      action: deployment
        ? `Deploy release 2026.${i} to ${environment}`
        : `Change ${matched.join(' and ')} (#${1000 + i})`,
      kind: deployment ? 'deploy' : matched[0] === 'migrations' ? 'migration' : 'change',
    },
    tier: decision === 'auto_approved' ? 'proceed' : decision === 'notified' ? 'notify' : 'approve',
    level: 'approve',
    rules: matched,
    decision,
    approvers,
    times: {
      requested_at: new Date(requested).toISOString().replace('.000Z', 'Z'),
      decided_at: at,
      ...(decision === 'delayed' ? { effective_at: new Date(decided + 3_600_000).toISOString() } : {}),
      deadline: new Date(requested + 86_400_000).toISOString(),
    },
    links: {
      check_run: `https://github.com/acme/shop/runs/${500_000 + i}`,
      ...(deployment ? {} : { pull_request: `https://github.com/acme/shop/pull/${1000 + i}` }),
    },
    requester:
      i % 2 === 0
        ? { id: 900, login: 'deploy-agent[bot]', type: 'Bot' }
        : { id: 100 + (i % 7), login: `dev${i % 7}`, type: 'User' },
  };
  if (decision === 'rejected') {
    record.rejected_by = { id: 2, login: 'bob' };
    record.reason = 'Not during the freeze: the billing run starts at 02:00 UTC.';
  }
  if (decision === 'changes_requested') {
    record.modified_by = { id: 3, login: 'carol' };
    record.modifications = 'Take a snapshot of the table first, and link it in the rollback plan.';
  }
  if (decision === 'expired') record.reason = `no decision before ${record.times.deadline}`;
  if (environment !== undefined && i % 5 === 0) record.on_behalf_of = { id: 1, login: 'alice' };
  return record;
}

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
    const record = createRecord(i);
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
  console.log(`  findings   ${findings.toLocaleString('en-US')} (expected 0: every record is well-formed)`);
  console.log(`  aim        under ${AIM_MS} ms: ${total < AIM_MS ? 'met' : 'MISSED'}`);
} finally {
  rmSync(repo.dir, { recursive: true, force: true });
}
