// Webhook ingress that needs no GitHub: GitHub's documented signature test vector (W2), through
// the real server with its own secret. Every other ingress case (refusals that leave GitHub
// unasked, redeliveries after a failure) runs against the GitHub simulator:
// test/app-e2e/webhook-security.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateRun } from '../../src/gate/run-pull-request-gate.ts';
import { disableNetwork, type Harness, startHarness } from './harness.ts';

const PENDING: GateRun = { policy: 'valid', state: 'pending', requests: 0 };

const SIGNATURE_MISMATCH =
  '{"error":"Error: [@octokit/webhooks] signature does not match event payload and secret"}';

describe("GitHub's documented test vector (W2)", () => {
  let vectorHarness: Harness;
  beforeAll(async () => {
    disableNetwork();
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
