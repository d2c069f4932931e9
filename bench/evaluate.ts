// Benchmark (not a test): how long the engine takes to evaluate a pull request of 3,000 files
// against a policy of 500 path rules, with a realistic timeline of statements.
// Run: npm run bench
import { evaluateGate } from '../src/core/gate.ts';
import type { Facts, Request, Statement } from '../src/core/model.ts';
import { parsePolicy } from '../src/core/policy.ts';
import { changedFiles, FILES, policyYaml, RULES } from './gate-fixture.ts';

const RUNS = 200;

const files = changedFiles;
const yaml = policyYaml;

const parsed = parsePolicy(yaml, { file: 'bench.yml' });
if (!parsed.ok) throw new Error(`benchmark policy is invalid: ${parsed.problems[0]?.message}`);
const policy = parsed.policy;

const head = 'c0ffee0000000000000000000000000000000001';
const request: Request = {
  gate: { kind: 'pull_request' },
  repository: 'acme/monorepo',
  subject: { sha: head, targetBranch: 'main', pullRequest: 1 },
  action: { text: 'Refactor every service' },
  rollbackPlan: { text: 'Revert the merge commit and redeploy.' },
  options: [],
  declaredRisk: {},
  files: { paths: files, complete: true },
  labels: [],
  requester: { id: 100, login: 'agent', type: 'Bot' },
};
const statements: Statement[] = Array.from({ length: 100 }, (_, i) => ({
  source: 'comment',
  id: `c${i}`,
  author: { id: i % 2 ? 1 : 2, login: i % 2 ? 'alice' : 'bob', type: 'User' },
  body: i % 10 === 0 ? '/approve' : 'a comment in the discussion',
  createdAt: new Date(Date.parse('2026-11-20T10:05:00Z') + i * 1000).toISOString(),
}));
const facts: Facts = {
  head: { sha: head, since: '2026-11-20T10:00:00Z' },
  statements,
  permissions: { 1: 'write', 2: 'write' },
  teams: {},
  selfIds: [],
  history: [],
  requestedAt: '2026-11-20T10:00:00Z',
};
const now = '2026-11-20T12:00:00Z';

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const first = time(() => evaluateGate(policy, request, facts, now));
const samples = Array.from({ length: RUNS }, () =>
  time(() => evaluateGate(policy, request, facts, now)),
).sort((a, b) => a - b);
const result = evaluateGate(policy, request, facts, now);
const pick = (q: number) =>
  (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(2);

console.log(
  `evaluate: ${FILES} files × ${RULES} path rules, ${statements.length} comments (${process.version})`,
);
console.log(
  `  matched rules: ${result.risk.rules.length}, tier: ${result.risk.tier}, state: ${result.state}`,
);
console.log(`  first run (compiles globs): ${first.toFixed(2)} ms`);
console.log(`  median: ${pick(0.5)} ms   p90: ${pick(0.9)} ms   max: ${pick(1)} ms   (${RUNS} runs)`);
