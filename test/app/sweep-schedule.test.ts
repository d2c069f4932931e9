import { describe, expect, it, vi } from 'vitest';
import {
  STARTUP_SWEEP_DELAY_MS,
  type SweepReport,
  type SweepTimers,
  startSweepSchedule,
} from '../../src/app/sweep.ts';

const REPORT: SweepReport = { installations: 1, repositories: 2, gates: 3, failures: 0 };

/** Timers driven by hand: `fire()` is one interval passing, `start()` the startup delay. */
function createManualTimers() {
  const callbacks = new Map<number, () => void>();
  const once = new Map<number, () => void>();
  let next = 1;
  const timers: SweepTimers & { fire(): void; start(): void; intervals: number[]; delays: number[] } = {
    intervals: [],
    delays: [],
    setInterval(callback, ms) {
      timers.intervals.push(ms);
      callbacks.set(next, callback);
      return next++;
    },
    clearInterval(handle) {
      callbacks.delete(handle as number);
    },
    setTimeout(callback, ms) {
      timers.delays.push(ms);
      once.set(next, callback);
      return next++;
    },
    clearTimeout(handle) {
      once.delete(handle as number);
    },
    fire() {
      for (const callback of callbacks.values()) callback();
    },
    start() {
      for (const [handle, callback] of once) {
        once.delete(handle);
        callback();
      }
    },
  };
  return timers;
}

function createLog() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function deferred() {
  let resolve: (report: SweepReport) => void = () => undefined;
  const promise = new Promise<SweepReport>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('the sweep schedule', () => {
  it('sweeps soon after the start (the reconcile of what was missed), then once per interval', async () => {
    const timers = createManualTimers();
    const sweep = vi.fn(async () => REPORT);
    const log = createLog();
    const schedule = startSweepSchedule({ intervalMs: 300_000, sweep, log, timers });
    expect(timers.intervals).toEqual([300_000]);
    expect(timers.delays).toEqual([STARTUP_SWEEP_DELAY_MS]);
    expect(sweep).not.toHaveBeenCalled();
    timers.start();
    await vi.waitFor(() => expect(log.info).toHaveBeenCalledTimes(1));
    timers.fire();
    await vi.waitFor(() => expect(log.info).toHaveBeenCalledTimes(2));
    timers.fire();
    await vi.waitFor(() => expect(log.info).toHaveBeenCalledTimes(3));
    expect(sweep).toHaveBeenCalledTimes(3);
    await schedule.stop();
    // GATEHOUSE_SWEEP_DELAY: the first sweep comes when the operator says.
    const soon = createManualTimers();
    await startSweepSchedule({ intervalMs: 300_000, firstDelayMs: 0, sweep, log, timers: soon }).stop();
    expect(soon.delays).toEqual([0]);
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining(REPORT), 'sweep done');
    await schedule.stop();
  });

  it('never runs two sweeps at once: a tick during a sweep waits for it', async () => {
    const timers = createManualTimers();
    const running = deferred();
    const sweep = vi.fn(() => running.promise);
    const log = createLog();
    const schedule = startSweepSchedule({ intervalMs: 60_000, sweep, log, timers });
    const first = schedule.tick();
    timers.fire();
    const second = schedule.tick();
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith('the previous sweep is still running: this one is skipped');
    running.resolve(REPORT);
    await Promise.all([first, second]);
    await schedule.tick();
    expect(sweep).toHaveBeenCalledTimes(2);
    await schedule.stop();
  });

  it('logs a failed sweep and sweeps again at the next interval', async () => {
    const timers = createManualTimers();
    const sweep = vi.fn().mockRejectedValueOnce(new Error('GitHub is down')).mockResolvedValue(REPORT);
    const log = createLog();
    const schedule = startSweepSchedule({ intervalMs: 60_000, sweep, log, timers });
    await schedule.tick();
    expect(log.error).toHaveBeenCalledWith(
      { err: new Error('GitHub is down') },
      'sweep failed; the next one tries again',
    );
    await schedule.tick();
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining(REPORT), 'sweep done');
    await schedule.stop();
  });

  it('stops: waits for the running sweep, clears its timer and starts no other', async () => {
    const timers = createManualTimers();
    const running = deferred();
    const sweep = vi.fn(() => running.promise);
    const schedule = startSweepSchedule({ intervalMs: 60_000, sweep, log: createLog(), timers });
    void schedule.tick();
    let stopped = false;
    const stopping = schedule.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    running.resolve(REPORT);
    await stopping;
    timers.fire();
    await schedule.tick();
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('with an interval of 0 sets no timer, and still sweeps when asked', async () => {
    const timers = createManualTimers();
    const sweep = vi.fn(async () => REPORT);
    const schedule = startSweepSchedule({ intervalMs: 0, sweep, log: createLog(), timers });
    expect(timers.intervals).toEqual([]);
    await schedule.tick();
    expect(sweep).toHaveBeenCalledTimes(1);
    await schedule.stop();
  });

  it('on real timers does not keep the process alive by itself', async () => {
    const schedule = startSweepSchedule({
      intervalMs: 3_600_000,
      sweep: async () => REPORT,
      log: createLog(),
    });
    await schedule.stop();
  });
});
