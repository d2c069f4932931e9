// Benchmark (not a test): what matching changed files against `paths:` globs costs, in the
// ordinary case and in the worst case found, 3,000 names × 500 rules each. Prints figures,
// asserts nothing. Steps are the matcher's own count (characters read plus automaton states
// visited), the machine-independent measure the tests bound.
// Run: npm run bench:paths            (add --picomatch to time the former matcher on the same shapes)
import picomatch from 'picomatch';
import { type MatchMeter, matchGlob, parseGlob } from '../src/core/glob.ts';
import { createFileIndex, createPathRule, matchFiles } from '../src/core/path-match.ts';

const FILES = 3_000;
const RULES = 500;
const RUNS = 5;

const areas = ['api', 'web', 'db', 'infra', 'billing', 'auth', 'search', 'mobile', 'docs', 'tools'];

interface Case {
  name: string;
  files: string[];
  rules: string[][];
}

// The shapes people write, as in bench/evaluate.ts.
const ordinary: Case = {
  name: 'ordinary',
  files: Array.from({ length: FILES }, (_, i) => {
    const area = areas[i % areas.length];
    return `services/${area}/module-${i % 97}/src/file-${i}.${i % 3 === 0 ? 'sql' : 'ts'}`;
  }),
  rules: Array.from({ length: RULES }, (_, i) => {
    const area = areas[i % areas.length];
    return i % 5 === 0
      ? [`services/${area}/module-${i % 97}/**`]
      : i % 5 === 1
        ? [`**/file-${i}.sql`]
        : i % 5 === 2
          ? [`services/${area}/module-${i % 97}/src/*.ts`, `!services/${area}/module-${i % 97}/src/file-0.ts`]
          : i % 5 === 3
            ? [`services/${area}/module-${(i * 7) % 97}/src/file-${i}.ts`]
            : [`services/${area}/{module-1,module-2}/**/*.sql`];
  }),
};

// Names of a few hundred characters (long runs of one letter, deep folders, line terminators)
// against globs with many stars, stacked globstars, nested alternatives and extglob repetition:
// the inputs that make a backtracking matcher take time exponential or polynomial of high degree.
// No glob has a literal base folder, name or extension, so the index prunes nothing.
const NAME_LENGTH = 400;
const adversarial: Case = {
  name: 'adversarial',
  files: Array.from({ length: FILES }, (_, i) => {
    const depth = i % 50;
    const run = 'a'.repeat(NAME_LENGTH - 2 * depth - 2);
    const tail = ['\n', '\u2028', 'b\r', '.sq', '\u0085'][i % 5];
    return `${'a/'.repeat(depth)}${run}${i % 7 === 0 ? '\n' : ''}${tail}`;
  }),
  rules: Array.from({ length: RULES }, (_, i) => {
    const stars = 6 + (i % 10);
    const shapes = [
      `**/${'*a'.repeat(stars)}*c`,
      `${'**/'.repeat(2 + (i % 6))}*a*a*a*c`,
      `**/*(a|aa|aaa)*(a|aa)+(a)c`,
      `{a,aa,aaa}{a,aa,aaa}{a,aa}*{a,aa}*${'?'.repeat(1 + (i % 5))}c`,
      `**/${'?*'.repeat(stars)}.sql`,
    ];
    return [shapes[i % shapes.length] ?? '**', `!**/${'*a'.repeat(3)}*d`];
  }),
};

// The attack as it happens: the policy is the ordinary one (it comes from the default branch, and
// no pull request can change it), the names are crafted: long, under the folders the globs name,
// with the extensions they look for, full of near-matches and line terminators.
const crafted: Case = {
  name: 'crafted names, ordinary policy',
  files: Array.from({ length: FILES }, (_, i) => {
    const area = areas[i % areas.length];
    const stem = `file-${i}`.repeat(1 + (NAME_LENGTH >> 4));
    const ending = ['.sql', '.ts', '\n.sql', '.sql\u2028', '\r.ts'][i % 5];
    return `services/${area}/module-${i % 97}/src/${'\n'.repeat(i % 3)}${stem}${ending}`;
  }),
  rules: ordinary.rules,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function run(c: Case): void {
  const characters = c.files.reduce((sum, name) => sum + name.length, 0);
  const compileStart = performance.now();
  const rules = c.rules.map((globs) => createPathRule(globs));
  const compileMs = performance.now() - compileStart;
  const states = c.rules.flat().map((glob) => {
    const parsed = parseGlob(glob.replace(/^!/, ''));
    return parsed.ok ? parsed.glob.states.length : 0;
  });
  const times: number[] = [];
  let meter: MatchMeter = { steps: 0 };
  let perFileWorst = 0;
  let matched = 0;
  for (let r = 0; r < RUNS; r++) {
    meter = { steps: 0 };
    const start = performance.now();
    const index = createFileIndex(c.files);
    matched = 0;
    for (const rule of rules) matched += matchFiles(rule, index, meter).length;
    times.push(performance.now() - start);
  }
  // The costliest single name: every rule's globs against it alone, on the automata as they are.
  for (const name of c.files.filter((_, i) => i % 50 === 0)) {
    const one: MatchMeter = { steps: 0 };
    const index = createFileIndex([name]);
    for (const rule of rules) matchFiles(rule, index, one);
    perFileWorst = Math.max(perFileWorst, one.steps);
  }
  const evaluationMs = median(times);
  console.log(
    `${c.name}: ${c.files.length} names (mean ${Math.round(characters / c.files.length)} characters) × ${c.rules.length} rules (up to ${Math.max(...states)} states per glob)`,
  );
  console.log(`  compile: ${compileMs.toFixed(1)} ms   rules matched: ${matched}`);
  console.log(
    `  per evaluation: ${evaluationMs.toFixed(1)} ms median of ${RUNS}, max ${Math.max(...times).toFixed(1)} ms; ${meter.steps.toLocaleString('en')} steps`,
  );
  console.log(
    `  per file: ${((evaluationMs * 1000) / c.files.length).toFixed(1)} µs mean; worst name ${perFileWorst.toLocaleString('en')} steps for all ${c.rules.length} rules`,
  );
  // A cold glob on one long name: every transition is new, the bound characters × states is reached.
  const cold = parseGlob(`**/${'*a'.repeat(15)}*c`);
  if (cold.ok) {
    const name = 'a'.repeat(NAME_LENGTH);
    const one: MatchMeter = { steps: 0 };
    const start = performance.now();
    matchGlob(cold.glob, name, one);
    if (c === adversarial)
      console.log(
        `  one cold glob (${cold.glob.states.length} states) on one ${NAME_LENGTH}-character name: ${one.steps.toLocaleString('en')} steps, ${(performance.now() - start).toFixed(2)} ms`,
      );
  }
}

console.log(`path matching (${process.version})`);
run(ordinary);
run(crafted);
run(adversarial);

if (process.argv.includes('--picomatch')) {
  // The former matcher (picomatch regular expressions), one glob on one name of growing length,
  // stopping once a single match takes over a second.
  const glob = `**/${'*a'.repeat(8)}*c`;
  const regex = picomatch.makeRe(glob, { dot: true, strictBrackets: true });
  console.log(`picomatch, ${glob} on one name of n letters:`);
  for (let n = 16; n <= 4096; n *= 2) {
    const start = performance.now();
    regex.test('a'.repeat(n));
    const ms = performance.now() - start;
    console.log(`  n = ${n}: ${ms.toFixed(1)} ms`);
    if (ms > 1000) break;
  }
  const parsed = parseGlob(glob);
  if (parsed.ok) {
    const meter: MatchMeter = { steps: 0 };
    const start = performance.now();
    matchGlob(parsed.glob, 'a'.repeat(4096), meter);
    console.log(
      `  glob.ts, the same glob on n = 4096: ${(performance.now() - start).toFixed(2)} ms, ${meter.steps.toLocaleString('en')} steps`,
    );
  }
}
