// Benchmark (not a test): the time from start to answer of `gatehouse hook claude-code` for an
// allowed tool call under a fresh cached policy (no network), as Claude Code runs it before every
// tool call: `node dist/cli.mjs hook claude-code < allowed-call.json`, against `node -e ''` fed the
// same stdin. Two calls: a `Read` under a tiny policy, and a `Bash` `git status` under the starter
// policy (docs/examples/agents.yml), what agents run most: its command is parsed and matched
// against every entry of the starter's `actions:`. The two run in turn, pair by pair; the figure is the median of
// the pairs' ratios (wall time), which holds when the machine's speed drifts. Aim: within 1.5x.
// Run after `npm run build`: npm run bench:hook
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_VERSION, type PolicyCacheFile, policyCachePath } from '../src/agent/policy-cache.ts';
import { parsePolicy } from '../src/core/policy.ts';

const RUNS = 30;
const AIM = 1.5;

interface BenchCase {
  name: string;
  policy: string;
  tool: string;
  input: (home: string) => Record<string, unknown>;
}

const CASES: BenchCase[] = [
  {
    name: 'Read, tiny policy',
    policy: 'mode: ask\nreviewers:\n  platform: [alice]\n',
    tool: 'Read',
    input: (home) => ({ file_path: join(home, 'README.md') }),
  },
  {
    name: 'Bash git status, starter policy',
    policy: readFileSync('docs/examples/agents.yml', 'utf8'),
    tool: 'Bash',
    input: () => ({ command: 'git status', description: 'Show the working tree status' }),
  },
];

const results = CASES.map(bench);
for (const result of results) process.stdout.write(`${result}\n`);

/** One case in its own cache directory: the hook's answer once, then RUNS pairs. */
function bench(benchCase: BenchCase): string {
  const home = mkdtempSync(join(tmpdir(), 'gatehouse-bench-hook-'));
  try {
    writeCache(home, benchCase.policy);
    const call = JSON.stringify({
      session_id: 'bench',
      transcript_path: join(home, 'session.jsonl'),
      cwd: home,
      permission_mode: 'default',
      hook_event_name: 'PreToolUse',
      tool_name: benchCase.tool,
      tool_input: benchCase.input(home),
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
    if (!first.out.includes('"permissionDecision":"allow"'))
      throw new Error(`${benchCase.name}: the hook did not allow the call: ${first.out}${first.err}`);
    process.stdout.write(
      `${benchCase.name}: ${first.out.trim()}\n${first.err === '' ? '' : `stderr: ${first.err.trim()}\n`}`,
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
    return `${benchCase.name}: hook median ${median(hookMs).toFixed(1)} ms; node -e '': median ${median(nodeMs).toFixed(1)} ms; ratio (median of ${RUNS} pairs): ${median(ratios).toFixed(2)}x (aim: within ${AIM}x)`;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The policy as the hook keeps it: parsed, fresh for the whole run (no network). */
function writeCache(home: string, text: string): void {
  const parsed = parsePolicy(text, { file: '.github/gatehouse.yml', defaultBranch: 'main' });
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
    fetchedAt: new Date().toISOString(),
    defaultBranch: 'main',
    policy: { state: 'valid', policy: parsed.policy },
    responses: {},
  };
  const path = policyCachePath(location);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(cache), { mode: 0o600 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
