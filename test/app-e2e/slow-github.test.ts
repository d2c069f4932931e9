// Security case W9 through the real App with its own answer budget: when GitHub is slow (each
// read of the pull request takes seconds), an /approve is acknowledged 202 before its work is done,
// and the process then finishes that work: the check turns green and the decision is recorded.
// (The crash after the acknowledgement is test/app-e2e/crash-recovery.test.ts: the sweep.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_BUDGET_MS } from '../../src/app/start-app.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';
import { latestCheck, logMessages, MIGRATION, POLICY, POLICY_PATH } from './pull-request-scene.ts';

let scene: AppScene;
beforeAll(async () => {
  scene = await startAppScene({ answerBudgetMs: ANSWER_BUDGET_MS });
  const { sim, users: people } = scene;
  sim.setPermission(users.dave.login, 'admin');
  await people.commit(users.dave, 'main', { [POLICY_PATH]: POLICY }, 'Set up the repository');
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
});
afterAll(() => scene.stop());

describe('a GitHub slower than the answer budget (W9)', () => {
  it('has an /approve acknowledged 202 before its work is done, and the process finishes it', async () => {
    const pr = await scene.users.openPullRequest({
      by: users.author,
      title: 'Drop the legacy orders.status column',
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: MIGRATION,
    });
    await scene.app.idle();
    expect(latestCheck(scene, pr.headSha)[0]).toBe('in_progress');

    // Each read of the pull request now takes 3 seconds, several times the budget.
    scene.sim.faults.inject(
      { method: 'GET', path: `/repos/acme/shop/pulls/${pr.number}` },
      { kind: 'delay', ms: 3000 },
      { times: 5 },
    );
    scene.sim.advance(60_000);
    const approval = await scene.users.comment(pr.number, users.alice, '/approve');
    expect(approval.delivery.status).toBe(202);
    // Acknowledged while the work was still waiting on GitHub: nothing was decided yet.
    expect(latestCheck(scene, pr.headSha)[0]).toBe('in_progress');
    expect(logMessages(scene)).toEqual([]);

    await scene.app.idle();
    expect(latestCheck(scene, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(logMessages(scene)).toHaveLength(1);
  });
});
