// The throttling plugin passes every request through Bottleneck twice: the process-wide group that
// caps concurrent requests (10 per key) and each client's limiter that retries rate-limited
// requests. Bottleneck yields to the event loop with setTimeout(0), about 1 ms each, several times
// a job: a gate recompute's 14 sequential requests spent some 150 ms waiting in it, with nothing
// to wait for. These stand-ins keep the same rules without the timers; the plugin takes them as
// its `global` and `retryLimiter` (test/github/prompt-scheduling.test.ts pins that). With a Redis
// connection (replicas sharing Probot's limits) Bottleneck stays: its limits span processes.
import { sleep } from './sleep.ts';

type Task = (...args: unknown[]) => unknown;
/** Bottleneck's job options as the plugin passes them: a retry weighs 0 and is never held back. */
type JobOptions = { weight?: number } | undefined;
type FailedListener = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/** The plugin's concurrency cap: this many requests at once per key (the plugin's own number). */
export const MAX_CONCURRENT_REQUESTS = 10;

/** Splits Bottleneck's `schedule([options,] task, ...args)`. */
function splitSchedule(input: unknown[]): { options: JobOptions; task: Task; args: unknown[] } {
  if (typeof input[0] === 'function')
    return { options: undefined, task: input[0] as Task, args: input.slice(1) };
  return { options: input[0] as JobOptions, task: input[1] as Task, args: input.slice(2) };
}

/** At most `max` tasks at once, the others in arrival order; `onIdle` when none runs or waits. */
function createConcurrencyLimiter(max: number, onIdle: () => void) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    // The slot passes to the next task as it is.
    if (next !== undefined) return next();
    running -= 1;
    if (running === 0) onIdle();
  };
  return {
    async schedule(...input: unknown[]): Promise<unknown> {
      const { options, task, args } = splitSchedule(input);
      if (options?.weight === 0) return task(...args);
      if (running < max) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task(...args);
      } finally {
        release();
      }
    },
  };
}

/** A stand-in for the plugin's `global` group: `key(id).schedule(…)`, `max` at once per key. */
export function createConcurrencyGroup(max = MAX_CONCURRENT_REQUESTS) {
  const limiters = new Map<string, ReturnType<typeof createConcurrencyLimiter>>();
  return {
    key(id = '') {
      let limiter = limiters.get(id);
      if (limiter === undefined) {
        limiter = createConcurrencyLimiter(max, () => limiters.delete(id));
        limiters.set(id, limiter);
      }
      return limiter;
    },
  };
}

/** The schedulers made here: one handed down from another client's options is not this client's. */
const RETRY_SCHEDULERS = new WeakSet<object>();

/**
 * A stand-in for the plugin's `retryLimiter`, as Bottleneck runs it: when a task fails, the
 * `failed` listeners are asked; the first number one returns is the wait in milliseconds before
 * the task runs again, and none (or a listener that throws) fails the task with its error.
 */
export function createRetryScheduler(pause: (ms: number) => Promise<void> = sleep) {
  const listeners: FailedListener[] = [];
  const scheduler = {
    on(event: string, listener: FailedListener): void {
      if (event === 'failed') listeners.push(listener);
    },
    async schedule(...input: unknown[]): Promise<unknown> {
      const { task, args } = splitSchedule(input);
      for (let retryCount = 0; ; retryCount += 1) {
        try {
          return await task(...args);
        } catch (error) {
          const answers = await Promise.all(
            listeners.map(async (listener) => {
              try {
                return await listener(error, { args, retryCount });
              } catch {
                return undefined;
              }
            }),
          );
          const wait = answers.find((answer) => answer !== undefined && answer !== null);
          if (wait === undefined) throw error;
          await pause(Math.max(0, Math.trunc(Number(wait)) || 0));
        }
      }
    },
  };
  RETRY_SCHEDULERS.add(scheduler);
  return scheduler;
}

/** The process's one group: the cap holds across every client, as the plugin's own group does. */
const GLOBAL = createConcurrencyGroup();

/**
 * `options` with the stand-ins: in its `throttle`, the process's group and a retry scheduler of
 * the client's own (its listeners belong to that client), unless a Redis connection shares the
 * limits or the throttle already names them; and its `retry` settings moved to `promptRetry`
 * (src/github/prompt-retry.ts), plugin-retry turned off.
 */
export function withPromptScheduling<T extends { throttle?: object; retry?: object }>(options: T): T {
  const throttle = options.throttle as
    | { connection?: unknown; global?: unknown; retryLimiter?: unknown; enabled?: boolean }
    | undefined;
  const retry = options.retry as { enabled?: boolean } | undefined;
  const scheduled =
    throttle === undefined || throttle.enabled === false || throttle.connection !== undefined
      ? {}
      : {
          throttle: {
            ...throttle,
            global: throttle.global ?? GLOBAL,
            // Probot builds an installation's client from the options of the App's own client,
            // scheduler included; shared, every client's listener would count each retry.
            retryLimiter:
              throttle.retryLimiter === undefined || RETRY_SCHEDULERS.has(throttle.retryLimiter as object)
                ? createRetryScheduler()
                : throttle.retryLimiter,
          },
        };
  const retried = retry?.enabled === false ? {} : { retry: { enabled: false }, promptRetry: retry ?? {} };
  return { ...options, ...scheduled, ...retried };
}
