// Benchmark (not a test): `gatehouse plan` on a branch of 3,000 changed files under a policy of 500
// path rules (bench/gate-fixture.ts), against `git diff --name-only` of the same change, the command
// it is compared with. The fixture is a git repository under a temporary folder: the policy
// committed on main, the files committed on a branch checked out. The first plan parses the
// policy and keeps it parsed (~/.cache/gatehouse/plan); the pairs after it find it there, as a
// developer's second plan does. The two run in turn, pair by
// pair; the figure is the median of the pairs' ratios (wall time). Aim: within 3x.
// Run after `npm run build`: npm run bench:plan        (--keep prints the fixture's folder and keeps it)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { changedFiles, FILES, policyYaml, RULES } from './gate-fixture.ts';

const RUNS = 20;
const AIM = 3;
const CLI = resolve('dist/cli.mjs');

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-plan-'));
// Outside the repository: plan keeps the policy it parsed under ~/.cache (a file git would list).
const home = mkdtempSync(join(tmpdir(), 'gatehouse-bench-plan-home-'));
const keep = process.argv.includes('--keep');
try {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/gatehouse.yml'), policyYaml);
  git('add', '.');
  git('commit', '--quiet', '-m', 'Gatehouse policy');
  git('switch', '--quiet', '-c', 'refactor');
  for (const [i, path] of changedFiles.entries()) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), `-- file ${i}\n`);
  }
  git('add', '.');
  git('commit', '--quiet', '-m', 'Refactor every service');
  const mergeBase = git('merge-base', 'main', 'HEAD');

  const time = (command: string, args: string[]) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    return { ms, out: result.stdout };
  };
  const plan = [process.execPath, [CLI, 'plan', '--base', 'main', '--format', 'json']] as const;
  const diff = ['git', ['diff', '--name-only', mergeBase]] as const;

  // The first plan parses the policy (and keeps it); the others find it parsed.
  const cold = time(plan[0], [...plan[1]]);
  const first = JSON.parse(cold.out) as {
    files: { count: number };
    tier: string;
    rules: unknown[];
  };
  const listed = time(diff[0], [...diff[1]])
    .out.trim()
    .split('\n').length;
  if (first.files.count !== FILES || listed !== FILES)
    throw new Error(`expected ${FILES} changed files; plan saw ${first.files.count}, git diff ${listed}`);
  const planMs: number[] = [];
  const diffMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = time(plan[0], [...plan[1]]).ms;
    const b = time(diff[0], [...diff[1]]).ms;
    planMs.push(a);
    diffMs.push(b);
    ratios.push(a / b);
  }
  process.stdout.write(
    `plan: ${FILES} changed files × ${RULES} path rules (${process.version}): tier ${first.tier}, ${first.rules.length} matched rules\n` +
      `first plan (parses the policy): ${cold.ms.toFixed(1)} ms\n` +
      `gatehouse plan median ${median(planMs).toFixed(1)} ms; git diff --name-only: median ${median(diffMs).toFixed(1)} ms; ratio (median of ${RUNS} pairs): ${median(ratios).toFixed(2)}x (aim: within ${AIM}x)\n`,
  );
  if (keep) process.stdout.write(`fixture kept: ${dir}\n`);
} finally {
  rmSync(home, { recursive: true, force: true });
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
