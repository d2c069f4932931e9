// Benchmark (not a test): how long the hook's offline classification takes on the starter policy
// (docs/examples/agents.yml), for everyday lines and for the largest line it accepts. The aim is a
// few milliseconds per call, far inside a hook's time limit. Run: npm run bench:classify
import { readFileSync } from 'node:fs';
import { assessToolCall } from '../src/core/classify-tool-call.ts';
import { formatPolicyProblem, parsePolicy } from '../src/core/policy.ts';
import { MAX_SHELL_LINE } from '../src/core/shell/parse-shell.ts';

const text = readFileSync(new URL('../docs/examples/agents.yml', import.meta.url), 'utf8');
const parsed = parsePolicy(text, { file: 'docs/examples/agents.yml' });
if (!parsed.ok) throw new Error(parsed.problems.map(formatPolicyProblem).join('\n'));
const policy = parsed.policy;

const everyday = [
  'npm test && git add -A && git commit -m "wip" && git push',
  'cd infra && terraform plan && terraform apply -auto-approve',
  "sudo -u postgres psql -c 'select 1' | tee out.log",
  'bash -c "find db -name \'*.sql\' -exec psql -f {} \\;"',
];
const longest = `echo ${'a$(b) "c" '.repeat(Math.floor((MAX_SHELL_LINE - 10) / 12))}`;
const pathological = Array.from({ length: 999 }, (_, i) => `p''sql${i} ${'x'.repeat(40)}`).join(';');

function time(label: string, command: string, runs: number): void {
  const start = performance.now();
  for (let i = 0; i < runs; i++) assessToolCall(policy, { tool: 'Bash', input: { command } });
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(40)} ${ms.toFixed(3)} ms per call (${command.length} characters)`);
}

for (const line of everyday) time(line.slice(0, 40), line, 2_000);
time('the longest line accepted', longest, 5);
time('999 commands on one line', pathological, 5);
time('64 KiB of "["', `echo ${'['.repeat(MAX_SHELL_LINE - 10)}`, 5);
time('64 KiB of "a ("', 'a ('.repeat(Math.floor((MAX_SHELL_LINE - 10) / 3)), 5);
time(
  '64 KiB of quotes and escapes',
  `echo ${'"\\$x" $\'\\x41\' '.repeat(Math.floor((MAX_SHELL_LINE - 10) / 16))}`,
  5,
);
time(
  '64 KiB in one heredoc',
  `bash <<EOF\n${'psql -c x\n'.repeat(Math.floor((MAX_SHELL_LINE - 30) / 10))}EOF`,
  5,
);
