// Security case X3: two App processes (GATEHOUSE_REPLICAS=2) behind one GitHub, fed the same
// deliveries and different deliveries of one gate at the same moment, must leave exactly what one
// process leaves: one sticky comment, one check run (the waiting run, completed with the
// decision), one record per decision, reviewers asked once. Each trial is a pull request of its
// own: even trials send every delivery to both replicas at once; odd ones send `opened` to one and
// a `/recheck` to the other, then the `/approve` to one and a `/recheck` to the other. 24 trials on a GitHub that never
// fails, then 10 where a fifth of all requests fail (a delivery not accepted is redelivered to
// either replica, as GitHub redelivers to the App's one URL when asked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import type { Fault } from '../simulator/faults.ts';
import type { SentDelivery } from '../simulator/webhooks.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, BOT } from './app-on-simulator.ts';
import { MIGRATION } from './pull-request-scene.ts';
import { type ReplicaScene, startReplicaScene } from './replica-scene.ts';

const LOG_BRANCH = 'gatehouse-log';
const FAULTS: Fault[] = [
  { kind: 'status', status: 502 },
  { kind: 'secondary', status: 429, retryAfterSeconds: 5 },
  { kind: 'applied', answer: 502 },
];

/** What GitHub holds for pull request `number` with head `sha`. */
function stateOf(scene: ReplicaScene, number: number, sha: string) {
  const { sim } = scene;
  const runs = sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && (run.app as { id: number }).id === APP.id,
  );
  const records = Object.values(sim.filesOnBranch(LOG_BRANCH)).filter((text) =>
    new RegExp(`^\\s*pull_request: ${number}$`, 'm').test(text),
  );
  const pull = sim.state.pulls.get(number);
  return {
    stickyComments: sim.commentsOn(number).filter((comment) => (comment.user as Actor).id === BOT.id).length,
    history: runs.map((run) => [run.name, run.status, run.conclusion]),
    records: records.map((text) => /^decision: (\S+)$/m.exec(text)?.[1]),
    reviewersAsked: (pull?.shape.requestedReviewers ?? []).map((reviewer) => reviewer.login),
  };
}

/** One trial: a pull request opened and approved through the replicas, with what GitHub holds after each step. */
async function runTrial(scene: ReplicaScene, trial: number) {
  const accepted = async (answers: SentDelivery[]) => {
    for (const answer of answers) expect((await scene.redeliver(answer)).status).toBe(200);
  };
  const open = () =>
    scene.users.openPullRequest({
      by: users.author,
      title: `Drop the legacy column ${trial}`,
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: {
        [`db/migrations/${String(trial).padStart(3, '0')}_drop.sql`]: Object.values(MIGRATION)[0] ?? '',
      },
    });
  let pr: Awaited<ReturnType<typeof open>> | undefined;
  if (trial % 2 === 0) {
    pr = await open();
    await accepted([pr.delivery]);
  } else {
    const held = await scene.hold(async (people) => {
      pr = await open();
      await people.comment(pr.number, users.author, '/recheck');
    });
    await accepted(await scene.deliverAtOnce(held));
  }
  if (pr === undefined) throw new Error('no pull request');
  const { number, headSha } = pr;
  const opened = stateOf(scene, number, headSha);

  scene.sim.advance(60_000);
  if (trial % 2 === 0) {
    const { delivery } = await scene.users.comment(number, users.alice, '/approve');
    await accepted([delivery]);
  } else {
    const held = await scene.hold(async (people) => {
      await people.comment(number, users.alice, '/approve');
      await people.comment(number, users.bob, '/recheck');
    });
    await accepted(await scene.deliverAtOnce(held));
  }
  return { opened, decided: stateOf(scene, number, headSha) };
}

/** What one process leaves after `opened`, and after the `/approve`. */
const ONE_PROCESS = {
  opened: {
    stickyComments: 1,
    history: [['gatehouse', 'in_progress', null]],
    records: [],
    reviewersAsked: ['alice', 'bob'],
  },
  decided: {
    stickyComments: 1,
    history: [['gatehouse', 'completed', 'success']],
    records: ['approved'],
    reviewersAsked: ['alice', 'bob'],
  },
};

const trials = (count: number) => Array.from({ length: count }, (_, trial) => trial);

describe('two replicas on a GitHub that never fails, 24 trials', () => {
  let scene: ReplicaScene;
  beforeAll(async () => {
    scene = await startReplicaScene(2);
  });
  afterAll(async () => {
    await scene.stop();
  });

  it.each(trials(24))('trial %i leaves what one process leaves', async (trial) => {
    expect(await runTrial(scene, trial)).toEqual(ONE_PROCESS);
  });

  it('raced: replicas met at leases and at sticky comments, and GitHub arbitrated', () => {
    const leases = scene.sim.requests.filter(
      (request) =>
        request.method === 'POST' &&
        String((request.body as { ref?: unknown } | null)?.ref).startsWith('refs/gatehouse/') &&
        request.status === 422,
    );
    const deletions = scene.sim.requests.filter(
      (request) => request.method === 'DELETE' && request.path.includes('/issues/comments/'),
    );
    console.info(
      `${leases.length} leases held by the other replica, ${deletions.length} deletions of duplicate comments`,
    );
    expect(leases.length).toBeGreaterThan(0);
    expect(deletions.length).toBeGreaterThan(0);
  });
});

describe('two replicas with a fifth of all requests faulted (seed 7), 10 trials', () => {
  let scene: ReplicaScene;
  beforeAll(async () => {
    scene = await startReplicaScene(2);
    scene.sim.faults.random({ seed: 7, rate: 0.2, faults: FAULTS });
  });
  afterAll(async () => {
    scene.sim.faults.clear();
    await scene.stop();
  });

  it.each(trials(10))('trial %i leaves what one process leaves without faults', async (trial) => {
    expect(await runTrial(scene, trial)).toEqual(ONE_PROCESS);
  });
});
