// Benchmark (not a test): the Action's auto tier as a runner runs it, the bundled dist/action.mjs
// as a process, against `node -e ''`. A pull request that changes only the README is opened on a
// simulated GitHub (test/simulator, in this process) whose policy gates migrations: `handle` reads
// the gate, finds nothing that needs approval, publishes the green check and exits 0. The two run
// in turn, pair by pair; the figure is the median of the pairs' ratios (wall time). Aim: within 3x.
// Run after `npm run build`: npm run bench:action
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { anEvent, parseOutputFile, readActionYml, resolveStepEnv } from '../test/action-e2e/run-action.ts';
import { startGitHubSimulator } from '../test/simulator/github.ts';
import { HEAD_SHA, users } from '../test/support/github-fixtures.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const AIM = 3;
const BUNDLE = resolve('dist/action.mjs');
const POLICY = `reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    risk: { reversibility: irreversible, blast_radius: production }
    reviewers: [platform]
`;

const sim = await startGitHubSimulator();
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-action-'));
try {
  sim.setFile('.github/gatehouse.yml', POLICY);
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'github_output');
  // Each run a new pull request with a head of its own: every run decides, records and publishes.
  let opened = 0;
  const openPullRequest = () => {
    opened += 1;
    const number = 100 + opened;
    const headSha = HEAD_SHA.slice(0, -6) + String(opened).padStart(6, '0');
    sim.addPullRequest({ number, headSha }, ['README.md']);
    const event = anEvent('pull_request', 'opened', {
      number,
      pull_request: { number, head: { sha: headSha } },
      // As GitHub sends it: the repository's default branch, the one the simulated pull request names.
      repository: { default_branch: 'main' },
      sender: { login: users.author.login, id: users.author.id, type: 'User' },
    });
    writeFileSync(eventPath, JSON.stringify(event));
  };
  const github = {
    token: 'ghs_standin0000000000000000000000000000',
    action_path: resolve('.'),
    workspace: dir,
    event_name: 'pull_request',
    repository: 'acme/shop',
    sha: HEAD_SHA,
    api_url: sim.url,
    server_url: 'https://github.com',
  };
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: dir,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: HEAD_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: users.author.login,
    GITHUB_ACTOR_ID: String(users.author.id),
    GITHUB_RUN_ID: '9001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: dir,
    GITHUB_ACTION_PATH: github.action_path,
    GITHUB_API_URL: sim.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${sim.url}/graphql`,
    ...resolveStepEnv(readActionYml(), {}, github),
    // To profile the Action: BENCH_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/profiles'.
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  };
  // Asynchronous: the simulator answers from this process's event loop while the Action runs.
  const time = (args: string[]) =>
    new Promise<{ ms: number; code: number; out: string }>((done) => {
      if (args[0] === BUNDLE) openPullRequest();
      writeFileSync(outputPath, '');
      const start = process.hrtime.bigint();
      execFile(process.execPath, args, { cwd: dir, env, encoding: 'utf8' }, (error, out, err) => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        done({ ms, code: error === null ? 0 : Number(error.code ?? -1), out: out + err });
      });
    });
  const first = await time([BUNDLE]);
  const { outputs } = parseOutputFile(readFileSync(outputPath, 'utf8'));
  if (first.code !== 0 || outputs.tier !== 'proceed' || outputs.decision !== 'auto_approved')
    throw new Error(
      `the Action did not pass the pull request at the auto tier: ${JSON.stringify(outputs)}\n${first.out}`,
    );
  const requests = sim.requests.length;
  const counted = sim.counted().length;
  process.stdout.write(
    `action: ${outputs.tier} tier, decision ${outputs.decision}; ${requests} requests (${counted} counted): ${sim.requests.map((request) => `${request.method} ${request.path}${request.method === 'GET' && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query)}` : ''} ${request.status}`).join(', ')}\n`,
  );
  await time(['-e', '']);
  const actionMs: number[] = [];
  const nodeMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = (await time([BUNDLE])).ms;
    const b = (await time(['-e', ''])).ms;
    actionMs.push(a);
    nodeMs.push(b);
    ratios.push(a / b);
  }
  process.stdout.write(
    `action (auto tier, ${process.version}): median ${median(actionMs).toFixed(1)} ms; node -e '': median ${median(nodeMs).toFixed(1)} ms; ratio (median of ${RUNS} pairs): ${median(ratios).toFixed(2)}x (aim: within ${AIM}x)\n`,
  );
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
