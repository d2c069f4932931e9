// Benchmark (not a test): the time from start to answer of `gatehouse hook claude-code` for an
// allowed, read-only tool call under a fresh cached policy (no network), as Claude Code runs it
// before every tool call: `node dist/cli.mjs hook claude-code < allowed-call.json`, against
// `node -e ''` fed the same stdin. The two run in turn, pair by pair; the figure is the median of
// the pairs' ratios (wall time), which holds when the machine's speed drifts. Aim: within 1.5x.
// Run after `npm run build`: npm run bench:hook
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_VERSION, type PolicyCacheFile, policyCachePath } from '../src/agent/policy-cache.ts';
import { parsePolicy } from '../src/core/policy.ts';

const RUNS = 30;
const AIM = 1.5;

const home = mkdtempSync(join(tmpdir(), 'gatehouse-bench-hook-'));
try {
  const parsed = parsePolicy('mode: ask\nreviewers:\n  platform: [alice]\n', {
    file: '.github/gatehouse.yml',
    defaultBranch: 'main',
  });
  if (!parsed.ok) throw new Error('the bench policy is invalid');
  const location = {
    dir: join(home, 'gatehouse'),
    api: 'https://api.github.com',
    owner: 'acme',
    repo: 'shop',
  };
  const cache: PolicyCacheFile = {
    version: CACHE_VERSION,
    api: location.api,
    repository: 'acme/shop',
    // Fresh for the whole run: the hook must not touch the network.
    fetchedAt: new Date().toISOString(),
    defaultBranch: 'main',
    policy: { state: 'valid', policy: parsed.policy },
    responses: {},
  };
  const path = policyCachePath(location);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(cache), { mode: 0o600 });
  const call = JSON.stringify({
    session_id: 'bench',
    cwd: home,
    hook_event_name: 'PreToolUse',
    tool_name: 'Read',
    tool_input: { file_path: join(home, 'README.md') },
    tool_use_id: 'toolu_bench',
  });
  const env = { PATH: process.env.PATH, XDG_CACHE_HOME: home, HOME: home };
  const time = (args: string[]) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { input: call, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, out: result.stdout, err: result.stderr };
  };
  const hook = ['dist/cli.mjs', 'hook', 'claude-code', '--repo', 'acme/shop'];
  const first = time(hook);
  process.stdout.write(
    `answer: ${first.out.trim()}\n${first.err === '' ? '' : `stderr: ${first.err.trim()}\n`}`,
  );
  time(['-e', '']);
  const hookMs: number[] = [];
  const nodeMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = time(hook).ms;
    const b = time(['-e', '']).ms;
    hookMs.push(a);
    nodeMs.push(b);
    ratios.push(a / b);
  }
  const ratio = median(ratios);
  process.stdout.write(
    `hook: median ${median(hookMs).toFixed(1)} ms; node -e '': median ${median(nodeMs).toFixed(1)} ms; ratio (median of ${RUNS} pairs): ${ratio.toFixed(2)}x (aim: within ${AIM}x)\n`,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
