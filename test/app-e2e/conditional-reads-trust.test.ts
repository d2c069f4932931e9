// Every delivery reads GitHub conditionally (src/github/conditional-cache.ts): an unchanged answer
// is a 304 served from the App's cache. A 304 only ever stands for the very answer GitHub would
// give now, so nothing stale opens a gate: a permission revoked, or an approval deleted, after the
// App cached the read that counted it, is seen at the next decision.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { commentLater, latestCheck, openAndApprove, usePullRequestScenes } from './pull-request-scene.ts';

const scenes = usePullRequestScenes();

/** The requests of the App's next recompute, and how each was answered. */
function since(scene: Awaited<ReturnType<typeof scenes.start>>, from: number) {
  return scene.sim.requests
    .slice(from)
    .map((request) => `${request.method} ${request.path} ${request.status}`);
}

describe('conditional reads never answer with what GitHub no longer says', () => {
  it('a permission revoked after the App cached its read: the approval stops counting at the next delivery', async () => {
    const scene = await scenes.start();
    const pr = await openAndApprove(scene);
    scene.sim.setPermission(users.alice.login, 'read');
    const from = scene.sim.requests.length;
    await commentLater(scene, pr.number, users.bob, '/recheck');
    // The recompute did read through the cache (the policy, unchanged, is a 304)…
    expect(since(scene, from)).toContainEqual(expect.stringMatching(/^GET .*\/contents\/.*304$/));
    // …and alice's permission afresh: her approval no longer counts.
    expect(since(scene, from)).toContain('GET /repos/acme/shop/collaborators/alice/permission 200');
    expect(latestCheck(scene, pr.headSha)[1]).not.toBe('success');
  });

  it('an approval deleted after the App cached the comments that held it: the gate waits again', async () => {
    const scene = await scenes.start();
    const pr = await openAndApprove(scene);
    const approval = scene.sim
      .commentsOn(pr.number)
      .find(
        (comment) => comment.body === '/approve' && (comment.user as { id: number }).id === users.alice.id,
      );
    scene.sim.advance(60_000);
    const from = scene.sim.requests.length;
    expect((await scene.users.deleteComment(pr.number, Number(approval?.id), users.alice)).status).toBe(200);
    expect(since(scene, from)).toContainEqual(expect.stringMatching(/ 304$/));
    expect(latestCheck(scene, pr.headSha)[1]).not.toBe('success');
  });
});
