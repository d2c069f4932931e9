// Security case W13 through the real App: while the webhook secret is rotated, deliveries signed
// with the previous secret (WEBHOOK_SECRET_PREVIOUS) are taken like those signed with the current
// one, a delivery signed with neither is refused, and once the previous secret is unset (a fresh
// App on the same GitHub) a delivery signed with it is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRawDelivery } from '../simulator/raw-deliveries.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, SECRET, startAppScene } from './app-on-simulator.ts';
import { latestCheck, logMessages, openPullRequest, startPullRequestScene } from './pull-request-scene.ts';

const PREVIOUS = '3c1f9e0b7a5d4c2e8f6a0b1c9d7e5f3a';
const SIGNATURE_MISMATCH =
  '{"error":"Error: [@octokit/webhooks] signature does not match event payload and secret"}';

let scene: AppScene;
beforeAll(async () => {
  scene = await startPullRequestScene(undefined, { WEBHOOK_SECRET_PREVIOUS: PREVIOUS });
});
afterAll(() => scene.stop());

/** alice's `/approve` on `number`, as GitHub delivers it: its bytes. */
function approvalOn(app: AppScene, number: number): Buffer {
  app.sim.advance(60_000);
  const id = app.sim.addComment(number, users.alice, '/approve');
  const comment = app.sim.commentsOn(number).find((entry) => entry.id === id) ?? {};
  return Buffer.from(
    JSON.stringify(app.webhooks.issueComment('created', number, comment, users.alice)),
    'utf8',
  );
}

function deliver(app: AppScene, body: Buffer, secret: string) {
  return postRawDelivery(`${app.app.url}/api/github/webhooks`, { event: 'issue_comment', body, secret });
}

describe('a webhook secret being rotated (W13)', () => {
  it('takes a delivery signed with the previous secret: an /approve opens the gate', async () => {
    const pr = await openPullRequest(scene);
    expect(latestCheck(scene, pr.headSha)[0]).toBe('in_progress');
    expect(await deliver(scene, approvalOn(scene, pr.number), PREVIOUS)).toEqual({
      status: 200,
      body: 'ok\n',
    });
    expect(latestCheck(scene, pr.headSha)).toEqual(['completed', 'success', 'Approved by alice']);
    expect(logMessages(scene)).toHaveLength(1);
  });

  it('refuses a delivery signed with neither secret, and asks GitHub nothing', async () => {
    const pr = await openPullRequest(scene);
    const before = scene.sim.requests.length;
    const answer = await deliver(scene, approvalOn(scene, pr.number), 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(answer).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expect(scene.sim.requests.slice(before)).toEqual([]);
    expect(latestCheck(scene, pr.headSha)[0]).toBe('in_progress');
  });

  it('refuses the previous secret once it is unset', async () => {
    const after = await startAppScene({ running: scene.sim });
    try {
      const pr = await openPullRequest(after);
      const answer = await deliver(after, approvalOn(after, pr.number), PREVIOUS);
      expect(answer).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
      expect(latestCheck(after, pr.headSha)[0]).toBe('in_progress');
      // The current secret still opens it.
      expect((await deliver(after, approvalOn(after, pr.number), SECRET)).status).toBe(200);
      expect(latestCheck(after, pr.headSha)[1]).toBe('success');
    } finally {
      await after.stop();
    }
  });
});
