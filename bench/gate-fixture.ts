// The gate the speed benchmarks share: 3,000 changed files across ten services and a policy of
// 500 path rules of the shapes people write (folder globs, extension globs anywhere, exact files,
// negations, brace sets). bench/evaluate.ts evaluates it in process; bench/plan.ts commits it to a
// git repository and runs `gatehouse plan` on it.

export const FILES = 3_000;
export const RULES = 500;

const areas = ['api', 'web', 'db', 'infra', 'billing', 'auth', 'search', 'mobile', 'docs', 'tools'];

export const changedFiles: string[] = Array.from({ length: FILES }, (_, i) => {
  const area = areas[i % areas.length];
  return `services/${area}/module-${i % 97}/src/file-${i}.${i % 3 === 0 ? 'sql' : 'ts'}`;
});

const rules = Array.from({ length: RULES }, (_, i) => {
  const area = areas[i % areas.length];
  const globs =
    i % 5 === 0
      ? [`services/${area}/module-${i % 97}/**`]
      : i % 5 === 1
        ? [`**/file-${i}.sql`]
        : i % 5 === 2
          ? [`services/${area}/module-${i % 97}/src/*.ts`, `!services/${area}/module-${i % 97}/src/file-0.ts`]
          : i % 5 === 3
            ? [`services/${area}/module-${(i * 7) % 97}/src/file-${i}.ts`]
            : [`services/${area}/{module-1,module-2}/**/*.sql`];
  return `  - name: rule-${i}\n    if: { paths: ${JSON.stringify(globs)} }\n    risk: { blast_radius: ${i % 2 ? 'module' : 'production'} }\n    reviewers: [platform]`;
});

/** `.github/gatehouse.yml` of the gate. */
export const policyYaml = `reviewers:\n  platform: [alice, bob]\nrules:\n${rules.join('\n')}\n`;
