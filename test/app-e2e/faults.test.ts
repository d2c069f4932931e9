// The App when GitHub fails: 20 pull-request cycles (opened → /approve or /reject → decided) on
// one repository, first on a GitHub that never fails, then with a fifth of every request the App
// makes answered with a fault drawn from a seeded PRNG: server errors, 429s, primary and secondary
// rate limits, and writes GitHub applied whose answer was lost. A delivery the App answers with
// anything but 2xx is redelivered, as an operator (or a redelivery job) asks GitHub to; one
// answered 2xx never is. Every gate must end as it ends without faults: the same check history
// on its head, one sticky comment, one record per decision on the log branch.
//
// Retries cost no real seconds: the client's retry-after and backoff run at 1 ms per second
// (app-on-simulator.ts), and every pull request is opened before a single minute passes on the
// simulator's clock, so that a primary rate limit resets within what the client waits for.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import type { Fault } from '../simulator/faults.ts';
import type { SentDelivery } from '../simulator/webhooks.ts';
import { appKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, BOT } from './app-on-simulator.ts';
import { checkHistory, latestCheck, MIGRATION, startPullRequestScene } from './pull-request-scene.ts';

const CYCLES = 20;
const LOG_BRANCH = 'gatehouse-log';
/** A run of the cycles takes 10 to 20 s on a busy machine: more than the default 30 s is allowed. */
const RUN_TIMEOUT_MS = 120_000;
/** Redeliveries of one delivery before the test gives up on it. */
const MAX_REDELIVERIES = 8;

const FAULTS: Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'secondary', status: 403, retryAfterSeconds: 60 },
  { kind: 'secondary', status: 429, retryAfterSeconds: 5 },
  { kind: 'primary', status: 429, resetInMs: 30_000 },
  { kind: 'applied', answer: 502 },
  { kind: 'applied', answer: 'destroy' },
];

/** Every fourth cycle is rejected, the others approved. */
const statementOf = (cycle: number) => (cycle % 4 === 3 ? '/reject the snapshot is a week old' : '/approve');

let scene: AppScene | undefined;
beforeAll(() => {
  appKey();
});
afterEach(async () => {
  await scene?.stop();
  scene = undefined;
});

/** Redelivers a delivery the App did not accept (non-2xx) under its own id, until it does. */
async function acceptedEventually(app: AppScene, first: SentDelivery): Promise<number> {
  let delivery = first;
  let redeliveries = 0;
  while (delivery.status < 200 || delivery.status > 299) {
    expect(redeliveries, `${first.event} ${first.id} is never accepted: ${delivery.body}`).toBeLessThan(
      MAX_REDELIVERIES,
    );
    delivery = await app.webhooks.deliver(first.event, first.payload, first.id);
    redeliveries++;
  }
  return redeliveries;
}

/** What GitHub holds for the gate of pull request `number` with head `sha`: what faults must not change. */
function outcomeOf(app: AppScene, number: number, sha: string) {
  const comments = app.sim.commentsOn(number).filter((comment) => (comment.user as Actor).id === BOT.id);
  const runs = app.sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && (run.app as { id: number }).id === APP.id,
  );
  const records = Object.values(app.sim.filesOnBranch(LOG_BRANCH)).filter((text) =>
    new RegExp(`^\\s*pull_request: ${number}$`, 'm').test(text),
  );
  return {
    check: latestCheck(app, sha),
    history: checkHistory(app, sha),
    // One run per check name and decision (external id) on a head: none created twice.
    runsPerDecision: [...new Set(runs.map((run) => `${run.name} ${run.external_id}`))].map(
      (key) => runs.filter((run) => `${run.name} ${run.external_id}` === key).length,
    ),
    stickyComments: comments.length,
    records: records.map((text) => /^decision: (\S+)$/m.exec(text)?.[1]),
  };
}

/** Opens CYCLES pull requests, lets a minute pass, and decides each: the outcome of every gate. */
async function runCycles(app: AppScene) {
  let redeliveries = 0;
  const opened: { number: number; headSha: string }[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const pr = await app.users.openPullRequest({
      by: users.author,
      title: `Drop the legacy column ${cycle}`,
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: {
        [`db/migrations/${String(cycle).padStart(3, '0')}_drop.sql`]: Object.values(MIGRATION)[0] ?? '',
      },
    });
    redeliveries += await acceptedEventually(app, pr.delivery);
    opened.push(pr);
  }
  app.sim.advance(60_000);
  for (const [cycle, pr] of opened.entries()) {
    const { delivery } = await app.users.comment(pr.number, users.alice, statementOf(cycle));
    redeliveries += await acceptedEventually(app, delivery);
  }
  return { outcomes: opened.map((pr) => outcomeOf(app, pr.number, pr.headSha)), redeliveries };
}

describe(`${CYCLES} pull-request cycles`, () => {
  let faultFree: ReturnType<typeof outcomeOf>[] = [];

  it(
    'on a GitHub that never fails: each decided, one comment, one record each, nothing redelivered',
    async () => {
      scene = await startPullRequestScene();
      const { outcomes, redeliveries } = await runCycles(scene);
      expect(redeliveries).toBe(0);
      for (const [cycle, outcome] of outcomes.entries()) {
        const approved = statementOf(cycle) === '/approve';
        expect(outcome).toEqual({
          check: ['completed', approved ? 'success' : 'failure', expect.any(String)],
          history: [['completed', approved ? 'success' : 'failure']],
          runsPerDecision: [1],
          stickyComments: 1,
          records: [approved ? 'approved' : 'rejected'],
        });
      }
      faultFree = outcomes;
    },
    RUN_TIMEOUT_MS,
  );

  it.each([1, 3])(
    'with a fifth of all requests faulted (seed %i): every gate ends as without faults',
    async (seed) => {
      expect(faultFree, 'the fault-free run ran first').toHaveLength(CYCLES);
      scene = await startPullRequestScene();
      scene.sim.faults.random({ seed, rate: 0.2, faults: FAULTS });
      const { outcomes, redeliveries } = await runCycles(scene);
      const faulted = scene.sim.requests.filter((request) => request.fault !== undefined);
      console.info(
        `seed ${seed}: ${faulted.length} faults in ${scene.sim.requests.length} requests, ${redeliveries} redeliveries`,
      );
      expect(faulted.filter((request) => request.fault?.startsWith('applied')).length).toBeGreaterThan(0);
      for (const [cycle, outcome] of outcomes.entries())
        expect({ cycle, ...outcome }).toEqual({ cycle, ...faultFree[cycle] });
      scene.sim.faults.clear();
    },
    RUN_TIMEOUT_MS,
  );
});
