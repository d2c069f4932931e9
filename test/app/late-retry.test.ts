// Work answered 202 is the process's to finish: when it fails, the handler runs it again, with
// growing waits, and says so; when every attempt fails it says the sweep is left to reconcile it.
import { describe, expect, it, vi } from 'vitest';
import { type AppDependencies, type DeliveryContext, handleDelivery } from '../../src/app/app.ts';
import { createBotIdentityCache } from '../../src/app/bot-identity.ts';
import type { GateRun } from '../../src/gate/run-pull-request-gate.ts';
import { accounts, examplePayload } from './payloads.ts';

const payload = examplePayload('issue_comment', 'created', {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
  comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body: '/approve' },
});

function setUp(outcomes: (GateRun | Error)[], answered: boolean) {
  const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const waits: number[] = [];
  let attempts = 0;
  const deps: AppDependencies = {
    runPullRequestGate: async () => {
      const outcome = outcomes[attempts++] ?? new Error('no more outcomes');
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    identity: createBotIdentityCache(),
    now: () => new Date('2026-11-20T10:05:00Z'),
    answered: (id) => answered && id === 'delivery-1',
    lateRetry: {
      delaysMs: [2_000, 8_000, 30_000],
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
  };
  const request = vi.fn(async () => ({
    data: { id: accounts.gatehouse.id, login: accounts.gatehouse.login },
  }));
  const app = {
    auth: vi.fn(async () => ({ request: async () => ({ data: { id: 31337, slug: 'gatehouse' } }) }) as never),
  };
  const context = {
    name: 'issue_comment',
    id: 'delivery-1',
    payload,
    octokit: { request },
    log,
  } as unknown as DeliveryContext;
  return { run: () => handleDelivery(app, context, deps), log, waits, attempts: () => attempts };
}

const approved: GateRun = { policy: 'valid', state: 'approved', requests: 12 };
const outage = Object.assign(new Error('GitHub answered 502'), { status: 502 });

describe('a delivery whose work failed after it was answered 202', () => {
  it('is run again after a wait, and finishes', async () => {
    const { run, log, waits, attempts } = setUp([outage, approved], true);
    await expect(run()).resolves.toBeUndefined();
    expect(attempts()).toBe(2);
    expect(waits).toEqual([2_000]);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ delivery: 'delivery-1', attempt: 2, delayMs: 2_000 }),
      'delivery delivery-1 (issue_comment) failed after it was answered 202: retrying in 2000 ms',
    );
    expect(log.info).toHaveBeenCalledWith(
      expect.objectContaining({ attempt: 2 }),
      'delivery delivery-1 finished on a retry',
    );
  });

  it('gives up after its attempts, with waits that grow, and leaves the gate to the sweep', async () => {
    const { run, log, waits, attempts } = setUp([outage, outage, outage, outage, approved], true);
    await expect(run()).resolves.toBeUndefined();
    expect(attempts()).toBe(4);
    expect(waits).toEqual([2_000, 8_000, 30_000]);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ delivery: 'delivery-1', err: outage }),
      'delivery delivery-1 (issue_comment) failed 4 times after it was answered 202: the sweep reconciles its gate',
    );
  });
});

describe('a delivery whose work failed before it was answered', () => {
  it('is failed with 500 at once (GitHub redelivers it), not retried here', async () => {
    const { run, waits, attempts } = setUp([outage, approved], false);
    await expect(run()).rejects.toMatchObject({ status: 500 });
    expect(attempts()).toBe(1);
    expect(waits).toEqual([]);
  });
});
