// Benchmark (not a test): how many rate-limited GitHub requests `gatehouse audit --repo … --app
// gatehouse --strict` costs on a log the App wrote, per 100 records. The real App writes RECORDS
// decisions on the GitHub simulator (each a pull request opened and approved), then the audit runs
// in process against it and every request it sent is counted (a 304 or /rate_limit costs nothing,
// as on GitHub). Run: npm run bench:audit-api [-- RECORDS]
import { readFileSync } from 'node:fs';
import { startAppScene } from '../test/app-e2e/app-on-simulator.ts';
import { users } from '../test/support/github-fixtures.ts';
import { parseMarkdownSection } from '../test/support/markdown-code-blocks.ts';

(globalThis as { __GATEHOUSE_VERSION__?: string }).__GATEHOUSE_VERSION__ = 'bench';
const { run } = await import('../src/cli/run.ts');

const RECORDS = Number(process.argv[2] ?? 100);
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const policy = parseMarkdownSection(README, 'App quick start').blocks.find((block) => block.info === 'yaml');
if (policy === undefined) throw new Error("README's App quick start has no policy block");

const scene = await startAppScene();
const { sim, users: people } = scene;
try {
  sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', users.author.login]) sim.setPermission(login, 'write');
  await people.commit(users.dave, 'main', { '.github/gatehouse.yml': policy.code }, 'Add a policy');
  const started = Date.now();
  for (let i = 0; i < RECORDS; i++) {
    const pull = await people.openPullRequest({
      by: users.author,
      title: `Drop the legacy orders.c${i} column`,
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: { [`db/migrations/${1000 + i}_drop_c${i}.sql`]: `ALTER TABLE orders DROP COLUMN c${i};\n` },
    });
    await people.comment(pull.number, users.alice, '/approve');
  }
  const records = Object.keys(sim.filesOnBranch('gatehouse-log')).filter((path) => path.endsWith('.md'));
  const written = Date.now() - started;

  const before = sim.requests.length;
  let stdout = '';
  let stderr = '';
  const code = await run(
    ['audit', '--repo', 'acme/shop', '--app', 'gatehouse', '--strict', '--format', 'json'],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GITHUB_TOKEN: sim.app?.issuePersonalToken(users.carol) ?? '',
        GITHUB_API_URL: `${sim.url}/api/v3`,
        GITHUB_GRAPHQL_URL: `${sim.url}/api/graphql`,
      },
      now: () => new Date(sim.clock),
    },
  );
  const sent = sim.requests.slice(before);
  const counted = sent.filter((request) => request.counted);
  const routes = new Map<string, number>();
  for (const request of counted) {
    const route = `${request.method} ${request.path.replace(/\/[0-9a-f]{40}\b/g, '/{sha}').replace(/\/\d+\b/g, '/{n}')}`;
    routes.set(route, (routes.get(route) ?? 0) + 1);
  }
  const findings =
    code === 0 ? (JSON.parse(stdout) as { findings: unknown[] }).findings.length : `exit ${code}`;
  console.log(
    `records on the log: ${records.length} (written by the App in ${(written / 1000).toFixed(1)} s)`,
  );
  console.log(
    `audit --repo --app --strict: exit ${code}, findings ${findings}${stderr === '' ? '' : `, stderr: ${stderr.trim()}`}`,
  );
  console.log(`requests: ${sent.length} sent, ${counted.length} rate-limited`);
  for (const [route, count] of [...routes].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(count).padStart(4)}  ${route}`);
  console.log(
    `rate-limited requests per 100 records: ${((counted.length * 100) / Math.max(records.length, 1)).toFixed(1)}`,
  );
} finally {
  await scene.stop();
}
