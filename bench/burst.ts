// Benchmark (not a test): a burst of 300 signed issue_comment deliveries on one pull request, 16
// at a time, to the real App (startApp, with its own answer budget) on the GitHub simulator, and
// the same burst to a Probot app that does nothing. Most comments are conversation; 10 are an
// /approve by a reviewer of the rule. Prints deliveries a second, the median and 99th percentile
// answer times of both, the ratio of the rates, and the API requests the burst cost the App (all
// made after the answers are counted: the App finishes its accepted work first).
// Aim: at least half the no-op app's rate, and a p99 answer under 1 s.
// Run: npm run bench:burst
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { type Probot, run } from 'probot';
import { ANSWER_BUDGET_MS } from '../src/app/start-app.ts';
import { type AppScene, SECRET, startAppScene } from '../test/app-e2e/app-on-simulator.ts';
import {
  type BurstOutcome,
  createCommentMix,
  prepareBurst,
  sendBurst,
  summarizeBurst,
} from '../test/app-e2e/comment-burst.ts';
import { WebhookSender } from '../test/simulator/webhooks.ts';
import { appKey } from '../test/support/app-key.ts';
import { users } from '../test/support/github-fixtures.ts';

// The end-to-end scenes' policy and migration (test/app-e2e/pull-request-scene.ts), written out:
// that module loads nock, whose interception of every HTTP request would be timed too.
const POLICY_PATH = '.github/gatehouse.yml';
const POLICY = `reviewers:
  platform: [alice, bob]
  backup: [carol]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    reviewers: [platform]
    timeout: 4h
    on_timeout: escalate
    escalate_to: [backup]
`;
const MIGRATION = { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' };

const SIZE = 300;
const CONCURRENCY = 16;
// Spread evenly: one in 30, the first after 15 comments.
const APPROVALS = Array.from({ length: 10 }, (_, index) => 15 + index * 30);

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * The App on the simulator, the policy on main, and the migration opened and waiting for approval.
 * Another pull request goes through a whole cycle first: the simulator compiles its OpenAPI
 * validators on first use, which is the test double's cost, not the App's.
 */
async function openedScene(): Promise<{ scene: AppScene; number: number }> {
  const scene = await startAppScene({ answerBudgetMs: ANSWER_BUDGET_MS });
  const { sim, users: people } = scene;
  // The simulator shares this process with the App: its checks of each answer against GitHub's
  // REST description (the tests' job) would be timed as the App's.
  sim.checkResponses = false;
  sim.setPermission(users.dave.login, 'admin');
  await people.commit(users.dave, 'main', { [POLICY_PATH]: POLICY }, 'Set up the repository');
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
  const warmUp = await people.openPullRequest({
    by: users.author,
    title: 'Warm up',
    body: '## Rollback plan\n\nNone needed.',
    files: { 'db/migrations/000_warm_up.sql': 'SELECT 1;\n' },
  });
  await people.comment(warmUp.number, users.alice, '/approve');
  await scene.app.idle();
  const pr = await people.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
    files: MIGRATION,
  });
  await scene.app.idle();
  return { scene, number: pr.number };
}

/** A Probot app that does nothing, on its own port, with the same secret. */
async function startNoOpApp() {
  const port = await findFreePort();
  const server = await run(
    (app: Probot) => {
      app.onAny(async () => undefined);
    },
    {
      env: {
        APP_ID: '1',
        PRIVATE_KEY: appKey(),
        WEBHOOK_SECRET: SECRET,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'silent',
      },
    },
  );
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, stop: () => server.stop() };
}

function describe(name: string, outcome: BurstOutcome): string {
  const { perSecond, medianMs, p99Ms } = summarizeBurst(outcome);
  const statuses = new Map<number, number>();
  for (const answer of outcome.answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const answered = [...statuses].map(([status, count]) => `${count}×${status}`).join(' ');
  return `${name.padEnd(16)} ${perSecond.toFixed(0).padStart(6)}/s  median ${medianMs.toFixed(1).padStart(7)} ms  p99 ${p99Ms.toFixed(1).padStart(7)} ms  (${answered})`;
}

const { scene, number } = await openedScene();
const comments = createCommentMix(SIZE, [users.bob, users.author, users.dave], users.alice, APPROVALS);
const payloads = prepareBurst(scene.sim, scene.webhooks, number, comments);
// Warm both servers' connections and code paths with one delivery that changes nothing.
const warm = prepareBurst(scene.sim, scene.webhooks, number, [{ by: users.bob, body: 'warming up' }]);
await sendBurst(scene.webhooks, warm, 1);

const before = scene.sim.counted().length;
const gatehouse = await sendBurst(scene.webhooks, payloads, CONCURRENCY);
await scene.app.idle();
const requests = scene.sim.counted().length - before;

const noOp = await startNoOpApp();
const noOpSender = new WebhookSender(scene.sim, { url: noOp.url, secret: SECRET });
await sendBurst(noOpSender, warm, 1);
const baseline = await sendBurst(noOpSender, payloads, CONCURRENCY);
await noOp.stop();
await scene.stop();

const ratio = summarizeBurst(gatehouse).perSecond / summarizeBurst(baseline).perSecond;
/** The answers of the deliveries with (or without) an /approve, as a burst of their own. */
const part = (outcome: BurstOutcome, approve: boolean): BurstOutcome => ({
  answers: outcome.answers.filter((_, index) => APPROVALS.includes(index) === approve),
  elapsedMs: outcome.elapsedMs,
});
const times = (outcome: BurstOutcome) => {
  const { medianMs, p99Ms } = summarizeBurst(outcome);
  return `median ${medianMs.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms`;
};
process.stdout.write(
  [
    `burst: ${SIZE} issue_comment deliveries on one pull request, ${CONCURRENCY} at a time, ${APPROVALS.length} of them /approve (run ${randomBytes(2).toString('hex')})`,
    describe('gatehouse', gatehouse),
    describe('no-op probot', baseline),
    `rate ratio (gatehouse / no-op): ${ratio.toFixed(2)}  (aim: at least 0.5; p99 under 1000 ms)`,
    `gatehouse, the ${SIZE - APPROVALS.length} without a command: ${times(part(gatehouse, false))}`,
    `gatehouse, the ${APPROVALS.length} /approve (each waits for the gate's recompute): ${times(part(gatehouse, true))}`,
    `API requests the burst cost gatehouse: ${requests} (${(requests / SIZE).toFixed(2)} a delivery)`,
    '',
  ].join('\n'),
);
