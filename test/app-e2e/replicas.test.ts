// Two App processes (GATEHOUSE_REPLICAS=2) behind one GitHub, fed the same deliveries and different
// deliveries of one gate at the same moment, must leave exactly what one process leaves: one
// sticky comment, the check history [superseded pending run, decided run], one record per
// decision, reviewers asked once. 24 trials, each a pull request of its own: even trials send
// every delivery to both replicas at once; odd ones send `opened` to one and a `/recheck` to the
// other, then the `/approve` to one and a `/recheck` to the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, BOT } from './app-on-simulator.ts';
import { MIGRATION } from './pull-request-scene.ts';
import { type ReplicaScene, startReplicaScene } from './replica-scene.ts';

const TRIALS = 24;
const LOG_BRANCH = 'gatehouse-log';

let scene: ReplicaScene;
beforeAll(async () => {
  scene = await startReplicaScene(2);
});
afterAll(async () => {
  await scene.stop();
});

/** What GitHub holds for pull request `number` with head `sha`. */
function stateOf(number: number, sha: string) {
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

function open(trial: number) {
  return scene.users.openPullRequest({
    by: users.author,
    title: `Drop the legacy column ${trial}`,
    body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
    files: {
      [`db/migrations/${String(trial).padStart(3, '0')}_drop.sql`]: Object.values(MIGRATION)[0] ?? '',
    },
  });
}

describe(`two replicas, ${TRIALS} trials`, () => {
  it.each(Array.from({ length: TRIALS }, (_, trial) => trial))(
    'trial %i leaves what one process leaves',
    async (trial) => {
      const { sim } = scene;
      let number: number;
      let headSha: string;
      if (trial % 2 === 0) {
        const pr = await open(trial);
        expect(pr.delivery.status, pr.delivery.body).toBe(200);
        ({ number, headSha } = pr);
      } else {
        let pr: Awaited<ReturnType<typeof open>> | undefined;
        const held = await scene.hold(async (people) => {
          pr = await open(trial);
          await people.comment(pr.number, users.author, '/recheck');
        });
        if (pr === undefined) throw new Error('no pull request');
        ({ number, headSha } = pr);
        for (const answer of await scene.deliverAtOnce(held)) expect(answer.status, answer.body).toBe(200);
      }
      expect(stateOf(number, headSha)).toEqual({
        stickyComments: 1,
        history: [['gatehouse', 'in_progress', null]],
        records: [],
        reviewersAsked: ['alice', 'bob'],
      });

      sim.advance(60_000);
      if (trial % 2 === 0) {
        const { delivery } = await scene.users.comment(number, users.alice, '/approve');
        expect(delivery.status, delivery.body).toBe(200);
      } else {
        const held = await scene.hold(async (people) => {
          await people.comment(number, users.alice, '/approve');
          await people.comment(number, users.bob, '/recheck');
        });
        for (const answer of await scene.deliverAtOnce(held)) expect(answer.status, answer.body).toBe(200);
      }
      expect(stateOf(number, headSha)).toEqual({
        stickyComments: 1,
        history: [
          ['gatehouse', 'completed', 'neutral'],
          ['gatehouse', 'completed', 'success'],
        ],
        records: ['approved'],
        reviewersAsked: ['alice', 'bob'],
      });
    },
  );

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
      `${leases.length} leases held by the other replica, ${deletions.length} duplicate comments deleted`,
    );
    expect(leases.length).toBeGreaterThan(0);
  });
});
