// A burst of comments on one pull request, on the simulator, with the App's own answer budget:
// comments without a command cost GitHub nothing, and a burst with one /approve in it ends with the
// green check and exactly one decision record, every delivery answered 2xx.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_BUDGET_MS } from '../../src/app/start-app.ts';
import { appKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, startAppScene } from './app-on-simulator.ts';
import { createCommentMix, prepareBurst, sendBurst } from './comment-burst.ts';
import {
  checkHistory,
  decisionBudget,
  gateRunsOn,
  latestCheck,
  logMessages,
  MIGRATION,
  POLICY,
  POLICY_PATH,
} from './pull-request-scene.ts';

let scene: AppScene | undefined;
beforeAll(() => void appKey(), 30_000);
vi.setConfig({ testTimeout: 60_000 });
afterEach(async () => {
  await scene?.stop();
  scene = undefined;
});

/** The App with its own answer budget, the policy on main, and the migration opened and waiting. */
async function opened() {
  scene = await startAppScene({ answerBudgetMs: ANSWER_BUDGET_MS });
  const { sim, users: people } = scene;
  sim.setPermission(users.dave.login, 'admin');
  await people.commit(users.dave, 'main', { [POLICY_PATH]: POLICY }, 'Set up the repository');
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
  const pr = await people.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
    files: MIGRATION,
  });
  await scene.app.idle();
  expect(latestCheck(scene, pr.headSha)).toEqual([
    'in_progress',
    null,
    'Waiting for 1 approval from platform',
  ]);
  return { scene, pr };
}

const talkers = [users.bob, users.author, users.dave];

describe('a burst of comments on one pull request', () => {
  it('without a command costs GitHub no request at all', async () => {
    const { scene, pr } = await opened();
    const payloads = prepareBurst(
      scene.sim,
      scene.webhooks,
      pr.number,
      createCommentMix(48, talkers, users.alice, []),
    );
    const before = scene.sim.counted().length;
    const { answers } = await sendBurst(scene.webhooks, payloads, 8);
    await scene.app.idle();
    expect(answers.map((answer) => answer.status)).toEqual(Array(48).fill(200));
    expect(scene.sim.counted().slice(before)).toEqual([]);
    expect(latestCheck(scene, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
  });

  it('with one /approve among them ends with the green check and exactly one record, for one decision’s requests', async () => {
    const { scene, pr } = await opened();
    const waiting = Number(gateRunsOn(scene, pr.headSha).runs[0]?.id);
    const comments = createCommentMix(60, talkers, users.alice, [23]);
    const payloads = prepareBurst(scene.sim, scene.webhooks, pr.number, comments);
    const before = scene.sim.counted().length;
    const { answers } = await sendBurst(scene.webhooks, payloads, 16);
    await scene.app.idle();
    expect(answers.every((answer) => answer.status === 200 || answer.status === 202)).toBe(true);
    expect(latestCheck(scene, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(checkHistory(scene, pr.headSha)).toEqual([['completed', 'success']]);
    expect(logMessages(scene)).toHaveLength(1);
    // Only the /approve cost anything: one decision, as a single comment makes it.
    const requests = scene.sim
      .counted()
      .slice(before)
      .map((request) => `${request.method} ${request.path}`);
    expect(requests).toEqual(decisionBudget(scene, pr, 'alice', waiting));
  });
});
