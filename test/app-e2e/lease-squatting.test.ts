// Replicas arbitrate check-run creation through lease refs (refs/gatehouse/leases/…, see
// src/github/creation-lease.ts). Anyone with write access can push refs there: a writer who holds
// every lease the App will ask for (their names are digests of what the App creates, which a
// writer can compute) only makes each replica wait for a run that never comes, then create its
// own. What a replica takes as "the winner's run" is only ever a run of Gatehouse's own app: a
// workflow's run named `gatehouse`, green, is never taken for it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, startAppScene } from './app-on-simulator.ts';
import { latestCheck, MIGRATION, POLICY, POLICY_PATH } from './pull-request-scene.ts';

// Every creation waits out all its lease generations: short looks keep the test short.
const SHORT_ARBITRATION = { polls: 3, pollMs: 10 };
vi.setConfig({ testTimeout: 60_000 });

let scene: AppScene | undefined;
afterEach(async () => {
  await scene?.stop();
  scene = undefined;
});

/** refs where every lease is already taken, as if a writer had pushed each one first. */
class SquattedRefs extends Map<string, string> {
  override has(key: string): boolean {
    return key.startsWith('refs/gatehouse/leases/') || super.has(key);
  }
}

describe('a writer who holds every lease ref', () => {
  it('delays the check run, never replaces it: the App still creates its own pending run, and a workflow’s green decoy is not taken', async () => {
    scene = await startAppScene({ env: { GATEHOUSE_REPLICAS: '2' }, replicaArbitration: SHORT_ARBITRATION });
    const { sim, users: people } = scene;
    sim.setPermission(users.dave.login, 'admin');
    await people.commit(users.dave, 'main', { [POLICY_PATH]: POLICY }, 'Set up the repository');
    for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
    const squatted = new SquattedRefs(sim.state.refs);
    sim.state.refs = squatted;
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'Drop the legacy orders.status column',
      body: '## Rollback plan\n\nRestore the column from the nightly snapshot.',
      files: MIGRATION,
    });
    expect(pr.delivery.status).toBe(200);
    // A workflow of the writer's posts a green `gatehouse` run on the head.
    const decoy = sim.addCheckRun({
      headSha: pr.headSha,
      name: 'gatehouse',
      status: 'completed',
      conclusion: 'success',
    });
    // The next delivery (a comment) recomputes: every lease it asks for is held too.
    sim.advance(60_000);
    const recheck = await people.comment(pr.number, users.bob as Actor, '/recheck');
    expect(recheck.delivery.status).toBe(200);
    const runs = sim.state.checkRuns.filter((run) => run.head_sha === pr.headSha);
    const own = runs.filter((run) => (run.app as { id: number }).id === APP.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.map((run) => run.conclusion)).not.toContain('success');
    expect(latestCheck(scene, pr.headSha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
    expect(runs.find((run) => run.id === decoy)?.conclusion).toBe('success');
    expect(
      sim.requests.some(
        (request) =>
          request.method === 'POST' && request.path.endsWith('/git/refs') && request.status === 422,
      ),
    ).toBe(true);
  });
});
