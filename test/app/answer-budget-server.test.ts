// The budget on the real Probot server: a delivery whose gate is still running is answered 202,
// and when that work fails the process runs it again and finishes it.
import { connect } from 'node:net';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { GateRun } from '../../src/gate/run-pull-request-gate.ts';
import { disableNetwork, expectInstallationAndIdentity, startHarness } from './harness.ts';
import { accounts, examplePayload } from './payloads.ts';

const approval = examplePayload('issue_comment', 'created', {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
  comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body: '/approve' },
});

afterEach(() => {
  nock.cleanAll();
});

describe('a delivery whose gate outlives the answer budget', () => {
  it('is answered 202, and its work is retried by the process when it fails', async () => {
    disableNetwork();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const outcomes: string[] = [];
    const harness = await startHarness({
      // The budget runs out at once: the gate below waits for the test.
      answerBudgetMs: 0,
      lateRetry: { delaysMs: [0, 0], sleep: async () => undefined },
      runPullRequestGate: async (): Promise<GateRun> => {
        await released;
        if (outcomes.length === 0) {
          outcomes.push('failed');
          throw Object.assign(new Error('GitHub answered 502'), { status: 502 });
        }
        outcomes.push('approved');
        return { policy: 'valid', state: 'approved', requests: 12 };
      },
    });
    try {
      expectInstallationAndIdentity();
      expect(await harness.deliver('issue_comment', approval)).toEqual({
        status: 202,
        body: 'still processing\n',
      });
      expect(outcomes).toEqual([]);
      release();
      await harness.app.idle();
      expect(outcomes).toEqual(['failed', 'approved']);
    } finally {
      await harness.stop();
    }
  });
});

describe('a request that is not (yet) a verified delivery', () => {
  it('is never answered 202: an unsigned body sent slowly past the budget is refused when it arrives, and no gate runs', async () => {
    const harness = await startHarness({ answerBudgetMs: 0 });
    try {
      const body = Buffer.from(JSON.stringify(approval), 'utf8');
      const { port } = new URL(harness.url);
      // Raw bytes on a socket (nock would hold an http.request's body until it ends).
      const answer = new Promise<{ status: number; early: boolean }>((resolve, reject) => {
        let sentAll = false;
        let text = '';
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            [
              'POST /api/github/webhooks HTTP/1.1',
              `Host: 127.0.0.1:${port}`,
              'Content-Type: application/json',
              `Content-Length: ${body.length}`,
              'X-GitHub-Event: issue_comment',
              'X-GitHub-Delivery: forged-1',
              `X-Hub-Signature-256: sha256=${'0'.repeat(64)}`,
              'Connection: close',
              '',
              '',
            ].join('\r\n'),
          );
          // Half the body, then a pause far past the budget (0 ms) before the rest.
          socket.write(body.subarray(0, 10));
          setTimeout(() => {
            sentAll = true;
            socket.write(body.subarray(10));
          }, 200);
        });
        socket.on('data', (chunk: Buffer) => {
          const first = text === '';
          text += chunk.toString('utf8');
          if (first) resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), early: !sentAll });
        });
        socket.on('error', reject);
      });
      const { status, early } = await answer;
      expect(early).toBe(false);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(harness.runPullRequestGate).not.toHaveBeenCalled();
    } finally {
      await harness.stop();
    }
  });
});
