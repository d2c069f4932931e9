// The budget on the real Probot server: a delivery whose gate is still running is answered 202,
// and when that work fails the process runs it again and finishes it.
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
