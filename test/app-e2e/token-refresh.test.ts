// Security case R7 through the real App: GitHub stops taking the installation token the App holds
// (revoked, or expired early by GitHub's clock) in the middle of its work. The App mints a new
// token once and goes on: the /approve decides the gate. A token refused again stays refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedApp } from '../simulator/app-installation.ts';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import { latestCheck, logMessages, openPullRequest, startPullRequestScene } from './pull-request-scene.ts';

let scene: AppScene;
beforeAll(async () => {
  scene = await startPullRequestScene();
});
afterAll(() => scene.stop());

const minted = () =>
  scene.sim.requests.filter(
    (request) => request.method === 'POST' && request.path.endsWith('/access_tokens'),
  );

describe('an installation token GitHub no longer takes (R7)', () => {
  it('is replaced once, and the decision goes on', async () => {
    const pr = await openPullRequest(scene);
    const before = minted().length;
    // @octokit/auth-app retries a 401 on a token minted less than 5 s ago (GitHub's replication
    // lag), up to 3 times over seconds; a token revoked mid-decision is older than that.
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    // GitHub forgets every token it issued: the App's cached one now answers 401 "Bad credentials".
    (scene.sim.app as SimulatedApp).tokens.clear();
    scene.sim.advance(60_000);
    const approval = await scene.users.comment(pr.number, users.alice, '/approve');
    expect(approval.delivery.status).toBe(200);
    expect(latestCheck(scene, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(logMessages(scene)).toHaveLength(1);
    expect(minted().length - before).toBe(1);
    // One request was refused with the old token, then the same request went again with the new one.
    expect(scene.sim.requests.filter((request) => request.status === 401)).toHaveLength(1);
  });
});
