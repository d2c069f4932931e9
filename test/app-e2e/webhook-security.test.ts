// Webhook ingress (security cases W1–W3, W5, W7, W8; W10 in webhook-body-limits.test.ts) through the real App against the GitHub
// simulator. Each refused delivery carries a body that, signed properly, runs a gate (the first
// test shows it does: the check on the head turns green); a refusal must leave GitHub unasked.
// Refusals go to an App that has never accepted a delivery, so its installation token and its
// identity are not cached: a delivery that got through would ask GitHub for them at least, and
// that App's simulator must have recorded no request at all.
// (GitHub's documented signature test vector needs no GitHub: test/app/webhook-security.test.ts.)
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRawDelivery, type RawDelivery, signatureOf } from '../simulator/raw-deliveries.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, SECRET, startAppScene } from './app-on-simulator.ts';
import {
  checkHistory,
  countRequests,
  latestCheck,
  logMessages,
  openPullRequest,
  REPO,
  reads,
  readsAgain,
  requestComment,
  startPullRequestScene,
} from './pull-request-scene.ts';

/** The id GitHub gave the control delivery, which a replay repeats. */
const CONTROL_ID = '4f1f2e6a-cc78-11e3-81ab-4c9367dc0958';

/** Only ever receives deliveries that must be refused. */
let refusing: AppScene;
/** Receives deliveries that must be accepted: a policy, and the migration opened and waiting. */
let accepting: AppScene;
let pr: { number: number; headSha: string };
/** alice's `/approve` on the pull request, as GitHub delivers it: its bytes. */
let BODY: Buffer;
let approval: Record<string, unknown>;

beforeAll(async () => {
  [refusing, accepting] = await Promise.all([startAppScene(), startPullRequestScene()]);
  pr = await openPullRequest(accepting);
  expect(latestCheck(accepting, pr.headSha)[0]).toBe('in_progress');
  accepting.sim.advance(60_000);
  const id = accepting.sim.addComment(pr.number, users.alice, '/approve');
  const comment = accepting.sim.commentsOn(pr.number).find((entry) => entry.id === id) ?? {};
  approval = accepting.webhooks.issueComment('created', pr.number, comment, users.alice);
  BODY = Buffer.from(JSON.stringify(approval), 'utf8');
});
afterAll(async () => {
  await Promise.all([refusing.stop(), accepting.stop()]);
});

function deliverTo(scene: AppScene, delivery: Omit<RawDelivery, 'secret'> & { secret?: string }) {
  return postRawDelivery(`${scene.app.url}/api/github/webhooks`, { secret: SECRET, ...delivery });
}

/** Every request made from index `start` on, 304s included, as `METHOD path`. */
function madeSince(scene: AppScene, start: number): string[] {
  return scene.sim.requests.slice(start).map((request) => `${request.method} ${request.path}`);
}

function expectNothingRan(): void {
  expect(refusing.sim.requests).toEqual([]);
  expect(refusing.sim.state.checkRuns).toEqual([]);
}

const SIGNATURE_MISMATCH =
  '{"error":"Error: [@octokit/webhooks] signature does not match event payload and secret"}';

describe('a delivery signed with the App secret', () => {
  it('runs the gate of its pull request (the control for every refusal below)', async () => {
    const { result: response, requests } = await countRequests(accepting, () =>
      deliverTo(accepting, { event: 'issue_comment', body: BODY, deliveryId: CONTROL_ID }),
    );
    expect(response).toEqual({ status: 200, body: 'ok\n' });
    expect(checkHistory(accepting, pr.headSha)).toEqual([['completed', 'success']]);
    expect(latestCheck(accepting, pr.headSha)[2]).toBe('Approved by alice');
    // The policy, the files, the activity and the deployment listing are 304s: read at the opening.
    expect(requests.slice(0, 5)).toEqual([
      ...readsAgain(pr.number, pr.headSha),
      `GET ${REPO}/collaborators/alice/permission`,
    ]);
    expect(requests).toHaveLength(10);
  });

  it('replayed under the same id changes nothing and costs only reads (docs/app.md, API budget)', async () => {
    const history = checkHistory(accepting, pr.headSha);
    const comment = requestComment(accepting, pr.number);
    const { result: response, requests } = await countRequests(accepting, () =>
      deliverTo(accepting, { event: 'issue_comment', body: BODY, deliveryId: CONTROL_ID }),
    );
    expect(response).toEqual({ status: 200, body: 'ok\n' });
    expect(checkHistory(accepting, pr.headSha)).toEqual(history);
    expect(requestComment(accepting, pr.number)).toEqual(comment);
    expect(logMessages(accepting)).toHaveLength(1);
    // "the same delivery replayed": all reads, and only those that changed since the control
    // count; alice's permission and the listing of runs waiting for a deployment are 304s.
    expect(requests).toEqual(readsAgain(pr.number, pr.headSha));
  });

  it('of an event the App does not act on is answered 200 and asks GitHub nothing', async () => {
    for (const [event, payload] of [
      ['pull_request', accepting.webhooks.pullRequest('assigned', pr.number, users.dave)],
      [
        'star',
        {
          action: 'created',
          starred_at: accepting.sim.clock,
          repository: approval.repository,
          installation: approval.installation,
          sender: approval.sender,
        },
      ],
    ] as const) {
      const { result: response, requests } = await countRequests(accepting, () =>
        deliverTo(accepting, { event, body: Buffer.from(JSON.stringify(payload), 'utf8') }),
      );
      expect(response.status, `${event}: ${response.body}`).toBe(200);
      expect(requests, event).toEqual([]);
    }
  });
});

describe('a delivery without X-Hub-Signature-256 (W1)', () => {
  it('is refused with 400 when it carries only the SHA-1 X-Hub-Signature', async () => {
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`;
    const response = await deliverTo(refusing, {
      event: 'issue_comment',
      body: BODY,
      signature: null,
      headers: { 'x-hub-signature': sha1 },
    });
    expect(response).toEqual({
      status: 400,
      body: '{"error":"Required headers missing: x-hub-signature-256"}',
    });
    expectNothingRan();
  });

  it('is refused with 400 when it carries no signature at all', async () => {
    const response = await deliverTo(refusing, { event: 'issue_comment', body: BODY, signature: null });
    expect(response.status).toBe(400);
    expectNothingRan();
  });
});

describe('a delivery whose signature does not match (W2)', () => {
  it('is refused when one byte of the body changed after signing', async () => {
    const signature = signatureOf(SECRET, BODY);
    const altered = Buffer.from(BODY);
    const at = altered.indexOf('/approve');
    altered[at + 1] = 'A'.charCodeAt(0);
    const response = await deliverTo(refusing, { event: 'issue_comment', body: altered, signature });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });

  it('is refused when it was signed with another secret', async () => {
    const response = await deliverTo(refusing, {
      event: 'issue_comment',
      body: BODY,
      secret: `${SECRET.slice(0, -1)}0`,
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });

  it('is refused as before when it is a comment without a command, which a signed one would have answered 200', async () => {
    const conversation = Buffer.from(
      JSON.stringify({ ...approval, comment: { ...(approval.comment as object), body: 'Looks good.' } }),
      'utf8',
    );
    expect(await deliverTo(refusing, { event: 'issue_comment', body: conversation })).toEqual({
      status: 200,
      body: 'ok\n',
    });
    for (const forged of [{ secret: `${SECRET.slice(0, -1)}0` }, { signature: signatureOf(SECRET, BODY) }]) {
      const response = await deliverTo(refusing, { event: 'issue_comment', body: conversation, ...forged });
      expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    }
    expect(
      (await deliverTo(refusing, { event: 'issue_comment', body: conversation, signature: null })).body,
    ).toBe('{"error":"Required headers missing: x-hub-signature-256"}');
    expectNothingRan();
  });
});

describe('a delivery with a malformed signature (W3)', () => {
  const good = () => signatureOf(SECRET, BODY);

  it.each([
    ['one hex digit short', () => good().slice(0, -1)],
    ['one hex digit long', () => `${good()}0`],
    ['non-hex digits of the right length', () => `sha256=${'z'.repeat(64)}`],
    ['no sha256= prefix', () => good().slice('sha256='.length)],
    ['a sha1= prefix', () => good().replace('sha256=', 'sha1=')],
    ['an empty value', () => ''],
    ['uppercase hex', () => `sha256=${good().slice('sha256='.length).toUpperCase()}`],
    ['the header twice', () => [good(), good()]],
  ])('is refused with %s', async (_case, signature) => {
    const response = await deliverTo(refusing, {
      event: 'issue_comment',
      body: BODY,
      signature: signature(),
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });

  it('is refused when the header is 1 MB, before Probot sees it, and the server stays up', async () => {
    const outcome = await deliverTo(refusing, {
      event: 'issue_comment',
      body: BODY,
      signature: `sha256=${'a'.repeat(1024 * 1024)}`,
    }).then(
      (response) => `status ${response.status}`,
      (error: NodeJS.ErrnoException) => `connection ${error.code}`,
    );
    // Node's HTTP server refuses headers over 16 KB with 431 and closes the connection; the client
    // may see the close before the answer while it is still sending.
    expect(['status 431', 'connection ECONNRESET', 'connection EPIPE']).toContain(outcome);
    expectNothingRan();
    const ping = await fetch(`${refusing.app.url}/ping`);
    expect({ status: ping.status, body: await ping.text() }).toEqual({ status: 200, body: 'PONG' });
  });
});

describe('a delivery with emoji, bidi controls and characters outside the BMP (W5)', () => {
  // Literal UTF-8 in the body, as GitHub sends it: 👍 (U+1F44D), RLO (U+202E), 𝕏 (U+1D54F), é.
  // The bidi controls are on the note's line: on the command line they would make it no command,
  // and a comment without one is not recomputed at all.
  const text = '/approve 👍 𝕏 café\n\u202Eevil\u202C';
  const raw = () =>
    Buffer.from(
      JSON.stringify({ ...approval, comment: { ...(approval.comment as object), body: text } }),
      'utf8',
    );

  it('verifies over its raw bytes', async () => {
    expect(raw().toString('utf8')).toContain('👍');
    const before = accepting.sim.requests.length;
    const { result: response, requests } = await countRequests(accepting, () =>
      deliverTo(accepting, { event: 'issue_comment', body: raw() }),
    );
    expect(response.status).toBe(200);
    // The gate of its pull request ran: it read the pull request and the rest again, all of it
    // unchanged since the replay above, so every read was a 304, which costs nothing.
    expect(madeSince(accepting, before).slice(0, 7)).toEqual(reads(pr.number, pr.headSha));
    expect(requests).toEqual([]);
  });

  it('is refused when re-serialized with \\u escapes under the original signature', async () => {
    const original = raw();
    const signature = signatureOf(SECRET, original);
    // Without the u flag the pattern sees UTF-16 units, so 𝕏 becomes its two surrogate escapes.
    const escaped = original
      .toString('utf8')
      .replace(/[^\x20-\x7e]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(JSON.parse(escaped)).toEqual(JSON.parse(original.toString('utf8')));
    const response = await deliverTo(refusing, {
      event: 'issue_comment',
      body: Buffer.from(escaped, 'utf8'),
      signature,
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });
});

describe('a delivery whose body does not fit its X-GitHub-Event (W8)', () => {
  it('is refused with 400 when a pull_request body comes as issue_comment', async () => {
    const opened = accepting.webhooks.pullRequest('opened', pr.number, users.author);
    const response = await deliverTo(refusing, {
      event: 'issue_comment',
      body: Buffer.from(JSON.stringify(opened), 'utf8'),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      error:
        'DeliveryRejectedError: the body of this "issue_comment" delivery does not fit that event: issue: Invalid input: expected object, received undefined; comment: Invalid input: expected object, received undefined',
    });
    expectNothingRan();
  });

  it('is refused with 400 when an issue_comment body comes as pull_request_review', async () => {
    const response = await deliverTo(refusing, { event: 'pull_request_review', body: BODY });
    expect(response.status).toBe(400);
    expectNothingRan();
  });
});

describe('a delivery that fails inside the gate (W7)', () => {
  it('is answered 500 and reprocessed when GitHub redelivers it under the same id', async () => {
    // GitHub answers 502 to every read of the pull request, retries included, for this delivery.
    const path = `${REPO}/pulls/${pr.number}`;
    accepting.sim.faults.inject({ method: 'GET', path }, { kind: 'status', status: 502 }, { times: 10 });
    const deliveryId = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    const before = accepting.sim.requests.length;
    const first = await deliverTo(accepting, { event: 'issue_comment', body: BODY, deliveryId });
    expect(first.status).toBe(500);
    expect(JSON.parse(first.body)).toEqual({
      error: `DeliveryFailedError: delivery ${deliveryId} failed: Server Error`,
    });
    // The first read and its two retries failed; nothing was written.
    const failed = accepting.sim.requests.slice(before);
    expect(failed.map((request) => `${request.status} ${request.method} ${request.path}`)).toEqual([
      `502 GET ${path}`,
      `502 GET ${path}`,
      `502 GET ${path}`,
    ]);
    accepting.sim.faults.clear();
    const { result: redelivery, requests } = await countRequests(accepting, () =>
      deliverTo(accepting, { event: 'issue_comment', body: BODY, deliveryId }),
    );
    expect(redelivery).toEqual({ status: 200, body: 'ok\n' });
    // Reprocessed: every read again, all of them 304s (nothing changed since the last delivery).
    expect(madeSince(accepting, failed.length + before).slice(0, 7)).toEqual(reads(pr.number, pr.headSha));
    expect(requests).toEqual([]);
  });
});
