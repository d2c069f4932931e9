// Webhook ingress (security cases W1–W5, W7, W8) through the real server. Each refused delivery
// carries a body that, signed properly, runs a gate (the first test shows it does); a refusal must
// leave the orchestration uncalled and GitHub unasked. Refusals go to a server that has never
// accepted a delivery, so the installation token and the App's identity are not cached there: a
// delivery that got through would ask GitHub for them, and those look-ups must still be waiting.
import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GateRun } from '../../src/gate/run-pull-request-gate.ts';
import {
  disableNetwork,
  expectInstallationAndIdentity,
  get,
  type Harness,
  SECRET,
  startHarness,
} from './harness.ts';
import { accounts, examplePayload } from './payloads.ts';

const PENDING: GateRun = { policy: 'valid', state: 'pending', requests: 0 };

const approval = examplePayload('issue_comment', 'created', {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
  comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body: '/approve' },
});
const BODY = Buffer.from(JSON.stringify(approval), 'utf8');

/** Only ever receives deliveries that must be refused. */
let harness: Harness;
/** Receives deliveries that must be accepted. */
let accepting: Harness;
let github: nock.Scope;

beforeAll(async () => {
  disableNetwork();
  harness = await startHarness({ runPullRequestGate: async () => PENDING });
  accepting = await startHarness({ runPullRequestGate: async () => PENDING });
});
afterAll(async () => {
  await Promise.all([harness.stop(), accepting.stop()]);
  nock.cleanAll();
});
afterEach(() => {
  nock.cleanAll();
  for (const each of [harness, accepting]) {
    each.runPullRequestGate.mockClear();
    each.unmatched.length = 0;
  }
});

/** Sets up what a gate would ask GitHub first, so that a refusal can be shown to have asked nothing. */
function watchGitHub(): void {
  github = expectInstallationAndIdentity();
}

function expectNothingRan(): void {
  expect(harness.runPullRequestGate).not.toHaveBeenCalled();
  expect(github.isDone()).toBe(false);
  expect(github.pendingMocks()).toHaveLength(3);
  expect(harness.unmatched).toEqual([]);
}

const SIGNATURE_MISMATCH =
  '{"error":"Error: [@octokit/webhooks] signature does not match event payload and secret"}';

describe('a delivery signed with the App secret', () => {
  it('runs the gate of its pull request (the control for every refusal below)', async () => {
    watchGitHub();
    const response = await accepting.deliver('issue_comment', undefined, { rawBody: BODY });
    expect(response).toEqual({ status: 200, body: 'ok\n' });
    expect(accepting.runPullRequestGate).toHaveBeenCalledTimes(1);
    github.done();
    expect(accepting.unmatched).toEqual([]);
  });
});

describe('a delivery without X-Hub-Signature-256 (W1)', () => {
  it('is refused with 400 when it carries only the SHA-1 X-Hub-Signature', async () => {
    watchGitHub();
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`;
    const response = await harness.deliver('issue_comment', undefined, {
      rawBody: BODY,
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
    watchGitHub();
    const response = await harness.deliver('issue_comment', undefined, { rawBody: BODY, signature: null });
    expect(response.status).toBe(400);
    expectNothingRan();
  });
});

describe('a delivery whose signature does not match (W2)', () => {
  it('is refused when one byte of the body changed after signing', async () => {
    watchGitHub();
    const signature = await sign(SECRET, BODY.toString('utf8'));
    const altered = Buffer.from(BODY);
    const at = altered.indexOf('/approve');
    altered[at + 1] = 'A'.charCodeAt(0);
    const response = await harness.deliver('issue_comment', undefined, { rawBody: altered, signature });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });

  it('is refused when it was signed with another secret', async () => {
    watchGitHub();
    const response = await harness.deliver('issue_comment', undefined, {
      rawBody: BODY,
      secret: `${SECRET.slice(0, -1)}0`,
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });
});

describe("GitHub's documented test vector (W2)", () => {
  let vectorHarness: Harness;
  beforeAll(async () => {
    vectorHarness = await startHarness({
      env: { WEBHOOK_SECRET: "It's a Secret to Everybody" },
      runPullRequestGate: async () => PENDING,
    });
  });
  afterAll(() => vectorHarness.stop());

  const VECTOR = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('verifies: "Hello, World!" passes the signature check and fails only as JSON', async () => {
    const response = await vectorHarness.deliver('ping', undefined, {
      rawBody: Buffer.from('Hello, World!', 'utf8'),
      signature: VECTOR,
    });
    expect(response).toEqual({ status: 400, body: '{"error":"SyntaxError: Invalid JSON"}' });
  });

  it('with one digit changed does not verify', async () => {
    const response = await vectorHarness.deliver('ping', undefined, {
      rawBody: Buffer.from('Hello, World!', 'utf8'),
      signature: VECTOR.replace(/7$/, '8'),
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
  });
});

describe('a delivery with a malformed signature (W3)', () => {
  const good = () => sign(SECRET, BODY.toString('utf8'));

  it.each([
    ['one hex digit short', async () => (await good()).slice(0, -1)],
    ['one hex digit long', async () => `${await good()}0`],
    ['non-hex digits of the right length', async () => `sha256=${'z'.repeat(64)}`],
    ['no sha256= prefix', async () => (await good()).slice('sha256='.length)],
    ['a sha1= prefix', async () => (await good()).replace('sha256=', 'sha1=')],
    ['an empty value', async () => ''],
    ['uppercase hex', async () => `sha256=${(await good()).slice('sha256='.length).toUpperCase()}`],
    ['the header twice', async () => [await good(), await good()]],
  ])('is refused with %s', async (_case, signature) => {
    watchGitHub();
    const response = await harness.deliver('issue_comment', undefined, {
      rawBody: BODY,
      signature: await signature(),
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });

  it('is refused when the header is 1 MB, before Probot sees it, and the server stays up', async () => {
    watchGitHub();
    const outcome = await harness
      .deliver('issue_comment', undefined, { rawBody: BODY, signature: `sha256=${'a'.repeat(1024 * 1024)}` })
      .then(
        (response) => `status ${response.status}`,
        (error: NodeJS.ErrnoException) => `connection ${error.code}`,
      );
    // Node's HTTP server refuses headers over 16 KB with 431 and closes the connection; the client
    // may see the close before the answer while it is still sending.
    expect(['status 431', 'connection ECONNRESET', 'connection EPIPE']).toContain(outcome);
    expectNothingRan();
    expect(await get(`${harness.url}/ping`)).toEqual({ status: 200, body: 'PONG' });
  });
});

describe('a delivery with emoji, bidi controls and characters outside the BMP (W5)', () => {
  // Literal UTF-8 in the body, as GitHub sends it: 👍 (U+1F44D), RLO (U+202E), 𝕏 (U+1D54F), é.
  const text = '/approve 👍 \u202Eevil\u202C 𝕏 café';
  const raw = Buffer.from(
    JSON.stringify(
      examplePayload('issue_comment', 'created', {
        ...approval,
        comment: { ...(approval.comment as object), body: text },
      }),
    ),
    'utf8',
  );

  it('verifies over its raw bytes', async () => {
    expect(raw.toString('utf8')).toContain('👍');
    const response = await accepting.deliver('issue_comment', undefined, { rawBody: raw });
    expect(response.status).toBe(200);
    expect(accepting.runPullRequestGate).toHaveBeenCalledTimes(1);
  });

  it('is refused when re-serialized with \\u escapes under the original signature', async () => {
    watchGitHub();
    const signature = await sign(SECRET, raw.toString('utf8'));
    // Without the u flag the pattern sees UTF-16 units, so 𝕏 becomes its two surrogate escapes.
    const escaped = raw
      .toString('utf8')
      .replace(/[^\x20-\x7e]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(JSON.parse(escaped)).toEqual(JSON.parse(raw.toString('utf8')));
    const response = await harness.deliver('issue_comment', undefined, {
      rawBody: Buffer.from(escaped, 'utf8'),
      signature,
    });
    expect(response).toEqual({ status: 400, body: SIGNATURE_MISMATCH });
    expectNothingRan();
  });
});

describe('a delivery whose body does not fit its X-GitHub-Event (W8)', () => {
  it('is refused with 400 when a pull_request body comes as issue_comment', async () => {
    watchGitHub();
    const response = await harness.deliver('issue_comment', examplePayload('pull_request', 'opened'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      error:
        'DeliveryRejectedError: the body of this "issue_comment" delivery does not fit that event: issue: Invalid input: expected object, received undefined; comment: Invalid input: expected object, received undefined',
    });
    expectNothingRan();
  });

  it('is refused with 400 when an issue_comment body comes as pull_request_review', async () => {
    watchGitHub();
    const response = await harness.deliver('pull_request_review', approval);
    expect(response.status).toBe(400);
    expectNothingRan();
  });
});

describe('a delivery that fails inside the gate (W7)', () => {
  it('is answered 500 and reprocessed when GitHub redelivers it under the same id', async () => {
    accepting.runPullRequestGate.mockRejectedValueOnce(new Error('GitHub answered 502'));
    const deliveryId = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    const first = await accepting.deliver('issue_comment', undefined, { rawBody: BODY, deliveryId });
    expect(first.status).toBe(500);
    expect(JSON.parse(first.body)).toEqual({
      error: `DeliveryFailedError: delivery ${deliveryId} failed: GitHub answered 502`,
    });
    const redelivery = await accepting.deliver('issue_comment', undefined, { rawBody: BODY, deliveryId });
    expect(redelivery).toEqual({ status: 200, body: 'ok\n' });
    expect(accepting.runPullRequestGate).toHaveBeenCalledTimes(2);
  });
});
