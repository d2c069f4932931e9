// The stand-ins for Bottleneck in the throttling plugin (src/github/prompt-scheduling.ts): the same
// rules (a cap on requests at once, retries when a listener asks for them), no timers of their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createConcurrencyGroup,
  createRetryScheduler,
  withPromptScheduling,
} from '../../src/github/prompt-scheduling.ts';
import { findPackage } from '../support/find-package.ts';

/** A task that waits for the test to release it. */
function gated() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((done) => {
    release = done;
  });
  return { released, release };
}

describe('createConcurrencyGroup', () => {
  it('runs at most `max` tasks at once per key, the others in arrival order', async () => {
    const group = createConcurrencyGroup(2);
    const gates = [gated(), gated(), gated()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      group.key('installation 1').schedule(
        {},
        async (value: unknown) => {
          started.push(index);
          await gate.released;
          return value;
        },
        `task ${index}`,
      ),
    );
    // Another key has a cap of its own.
    expect(await group.key('installation 2').schedule(async () => 'other')).toBe('other');
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.release();
    await runs[1];
    await new Promise((done) => setImmediate(done));
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.release();
    gates[2]?.release();
    expect(await Promise.all(runs)).toEqual(['task 0', 'task 1', 'task 2']);
  });

  it('never holds back a retry (weight 0), and frees the slot of a task that failed', async () => {
    const group = createConcurrencyGroup(1);
    const gate = gated();
    const holding = group.key().schedule({}, () => gate.released);
    expect(await group.key().schedule({ weight: 0 }, () => 'retry')).toBe('retry');
    gate.release();
    await holding;
    await expect(group.key().schedule({}, () => Promise.reject(new Error('502')))).rejects.toThrow('502');
    expect(await group.key().schedule({}, () => 'next')).toBe('next');
  });
});

describe('createRetryScheduler', () => {
  it('runs a task again after the wait a `failed` listener returns, with the count of retries', async () => {
    const waits: number[] = [];
    const scheduler = createRetryScheduler(async (ms) => {
      waits.push(ms);
    });
    const seen: Array<[string, unknown[], number]> = [];
    scheduler.on('failed', (error, info) => {
      seen.push([(error as Error).message, info.args, info.retryCount]);
      return info.retryCount < 2 ? 1500.7 : undefined;
    });
    scheduler.on('done', () => 0);
    let attempts = 0;
    const run = scheduler.schedule(async (request: unknown) => {
      attempts += 1;
      throw new Error(`${String(request)} failed ${attempts}`);
    }, 'GET /pulls/7');
    await expect(run).rejects.toThrow('GET /pulls/7 failed 3');
    expect(seen).toEqual([
      ['GET /pulls/7 failed 1', ['GET /pulls/7'], 0],
      ['GET /pulls/7 failed 2', ['GET /pulls/7'], 1],
      ['GET /pulls/7 failed 3', ['GET /pulls/7'], 2],
    ]);
    expect(waits).toEqual([1500, 1500]);
  });

  it('fails the task when a listener throws, and returns what a task returns', async () => {
    const scheduler = createRetryScheduler();
    scheduler.on('failed', () => {
      throw new Error('listener broke');
    });
    await expect(scheduler.schedule({}, () => Promise.reject(new Error('403')))).rejects.toThrow('403');
    expect(await scheduler.schedule({}, (value: unknown) => value, 'ok')).toBe('ok');
  });

  it('waits on a real timer by default', async () => {
    const scheduler = createRetryScheduler();
    scheduler.on('failed', (_error, info) => (info.retryCount === 0 ? 'not a number' : undefined));
    let attempts = 0;
    expect(
      await scheduler.schedule(async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('once');
        return attempts;
      }),
    ).toBe(2);
  });
});

describe('withPromptScheduling', () => {
  const throttle = { onRateLimit: () => false, onSecondaryRateLimit: () => false };

  it('gives every client the one group and a retry scheduler of its own', () => {
    const first = withPromptScheduling({ throttle }).throttle as Record<string, unknown>;
    const second = withPromptScheduling({ throttle }).throttle as Record<string, unknown>;
    expect(first.global).toBeDefined();
    expect(first.global).toBe(second.global);
    expect(first.retryLimiter).toBeDefined();
    expect(first.retryLimiter).not.toBe(second.retryLimiter);
    expect(first.onRateLimit).toBe(throttle.onRateLimit);
  });

  it('gives a client built from another client’s options (as Probot builds an installation’s) a scheduler of its own', () => {
    const app = withPromptScheduling({ throttle });
    const installation = withPromptScheduling({ ...app }).throttle as Record<string, unknown>;
    expect(installation.retryLimiter).toBeDefined();
    expect(installation.retryLimiter).not.toBe((app.throttle as Record<string, unknown>).retryLimiter);
    // One the caller brought (not made here) is kept.
    const own = { on: () => undefined, schedule: async () => undefined };
    expect(
      (
        withPromptScheduling({ throttle: { ...throttle, retryLimiter: own } }).throttle as Record<
          string,
          unknown
        >
      ).retryLimiter,
    ).toBe(own);
  });

  it('leaves Bottleneck in place with a Redis connection (limits shared by replicas), or without a throttle', () => {
    const clustered = { throttle: { ...throttle, connection: {} } };
    expect(withPromptScheduling(clustered).throttle).toBe(clustered.throttle);
    const disabled = { throttle: { enabled: false } };
    expect(withPromptScheduling(disabled).throttle).toBe(disabled.throttle);
    expect(withPromptScheduling({})).not.toHaveProperty('throttle');
  });

  it('moves the retry settings to the prompt retry plugin and turns plugin-retry off, unless retries are off', () => {
    const retry = { doNotRetry: [404], retries: 2, retryAfterBaseValue: 1 };
    expect(withPromptScheduling({ retry })).toEqual({ retry: { enabled: false }, promptRetry: retry });
    expect(withPromptScheduling({})).toEqual({ retry: { enabled: false }, promptRetry: {} });
    const off = { retry: { enabled: false } };
    expect(withPromptScheduling(off)).toEqual(off);
  });
});

describe('the throttling plugin', () => {
  it('takes its global group and retry limiter from the throttle options (what the stand-ins rely on)', () => {
    const plugin = readFileSync(
      join(findPackage('@octokit/plugin-throttling', '.'), 'dist-bundle/index.js'),
      'utf8',
    );
    expect(plugin).toContain('octokitOptions.throttle\n  );');
    expect(plugin).toContain('state.global = state.global ?? groups.global;');
    expect(plugin).toContain('state.retryLimiter = state.retryLimiter ?? new Bottleneck();');
    expect(plugin).toContain('state.retryLimiter.on("failed", async function(error, info) {');
    expect(plugin).toContain('return state.retryLimiter.schedule(doRequest, state, request, options);');
    expect(plugin).toContain(
      '(isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);',
    );
  });
});
