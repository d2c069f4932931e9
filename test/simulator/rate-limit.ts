// The simulator's primary rate limit as GitHub keeps it: a budget of RATE_LIMIT counted requests
// per window of an hour, the window's reset fixed when it opens (epoch seconds on the simulator's
// clock, so `advance(ms)` can bring it). Once the budget is spent, every request but GET
// /rate_limit is refused with a 403 until the reset, as GitHub refuses it.

export const RATE_LIMIT = 5000;
export const RATE_WINDOW_MS = 3_600_000;

/** The part of the simulator's state the window lives in. */
export interface RateLimitState {
  rateRemaining: number;
  /** When the current window ends: epoch seconds. 0 before the first request opens one. */
  rateReset: number;
}

/** Opens a new window when the clock has passed the reset of the last one. */
export function refreshRateLimit(state: RateLimitState, nowMs: number): void {
  if (nowMs < state.rateReset * 1000) return;
  state.rateRemaining = RATE_LIMIT;
  state.rateReset = Math.floor((nowMs + RATE_WINDOW_MS) / 1000);
}

/** Spends what is left of the window on a test: `remaining` requests, and a reset `resetInMs` away. */
export function setRateLimitWindow(
  state: RateLimitState,
  nowMs: number,
  window: { remaining: number; resetInMs?: number },
): void {
  state.rateRemaining = window.remaining;
  state.rateReset = Math.floor((nowMs + (window.resetInMs ?? RATE_WINDOW_MS)) / 1000);
}

/** Whether this request is refused: the budget is spent and it is not the free GET /rate_limit. */
export function isRateLimited(state: RateLimitState, path: string): boolean {
  return state.rateRemaining <= 0 && path !== '/rate_limit';
}

/** The x-ratelimit-* headers of every answer. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(state.rateRemaining),
    'x-ratelimit-used': String(RATE_LIMIT - state.rateRemaining),
    'x-ratelimit-reset': String(state.rateReset),
    'x-ratelimit-resource': 'core',
  };
}
