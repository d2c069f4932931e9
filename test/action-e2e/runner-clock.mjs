// Preloaded into the bundled Action's process (`node --import`) by the end-to-end runs, so that
// its time is the test's to set while the bundle itself is unchanged:
// - FAST_TIMERS=n: every timer fires n times sooner. The client's write spacing (1 s, and 3 s
//   before a notifying write, as GitHub asks of integrators) and the wait loop's polls shrink.
// - CLOCK_OFFSET_MS=ms: the clock reads that much later, as the GitHub stand-in's does after
//   `advance(ms)`: the Action and GitHub keep one time, and a deadline passes when both move.
const factor = Number(process.env.FAST_TIMERS ?? 1);
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
if (!Number.isFinite(factor) || factor < 1)
  throw new Error(`FAST_TIMERS must be a number ≥ 1, got ${factor}`);
if (!Number.isFinite(offset)) throw new Error(`CLOCK_OFFSET_MS must be a number, got ${offset}`);

if (factor !== 1) {
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = function fastSetTimeout(callback, delay, ...args) {
    const ms = typeof delay === 'number' && delay > 0 ? delay / factor : delay;
    return realSetTimeout(callback, ms, ...args);
  };
}

if (offset !== 0) {
  const RealDate = Date;
  globalThis.Date = class MovedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  };
}
