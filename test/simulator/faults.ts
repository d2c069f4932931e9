// Faults the simulator answers with, as GitHub answers them, so that tests see what Gatehouse's
// client (plugin-retry, plugin-throttling) does on the real thing:
// - server errors: 500, 502, 503 with GitHub's `{"message":"Server Error"}`-style bodies;
// - the primary rate limit: 403 (or 429), `x-ratelimit-remaining: 0`, `x-ratelimit-reset` on the
//   simulator's clock (throttling waits until the reset plus one second);
// - a secondary rate limit: 403 (or 429), "You have exceeded a secondary rate limit", `retry-after`
//   (throttling knows it by that message and waits `retry-after` seconds);
// - a delay before answering (real milliseconds, keep it small);
// - a write GitHub applies whose answer is lost: a 502, or the connection destroyed (R3).
// A test injects them for the requests a predicate matches (the nth, for so many times), or at
// random at a rate from a seeded PRNG: the same seed faults the same requests of the same run.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './github.ts';
import { type RateLimitState, rateLimitHeaders } from './rate-limit.ts';

export type Fault =
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'primary'; status?: 403 | 429; resetInMs?: number }
  | { kind: 'secondary'; status?: 403 | 429; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'applied'; answer: 502 | 'destroy' };

/** What a request matches: a predicate, or a method and a path (exact, or a pattern). */
export type RequestMatch =
  | ((request: RecordedRequest) => boolean)
  | { method?: string; path?: string | RegExp };

/** How GitHub words a secondary rate limit (docs: "Rate limits for the REST API"). */
export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';
export const PRIMARY_MESSAGE = 'API rate limit exceeded for installation ID 1.';
const DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** The label a faulted request is recorded with: `status 502`, `secondary`, `applied, then 502`… */
export function labelFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status':
      return `status ${fault.status}`;
    case 'primary':
    case 'secondary':
      return fault.kind;
    case 'delay':
      return `delay ${fault.ms}ms`;
    case 'applied':
      return `applied, then ${fault.answer === 'destroy' ? 'destroyed' : fault.answer}`;
  }
}

function matches(match: RequestMatch, request: RecordedRequest): boolean {
  if (typeof match === 'function') return match(request);
  if (match.method !== undefined && match.method !== request.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === request.path : match.path.test(request.path);
}

/** mulberry32: a small PRNG whose sequence a seed fixes. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rule {
  match: RequestMatch;
  fault: Fault;
  from: number;
  to: number;
  seen: number;
}

interface RandomRule {
  match: RequestMatch;
  faults: Fault[];
  rate: number;
  next: () => number;
}

export class FaultPlan {
  private readonly rules: Rule[] = [];
  private readonly randoms: RandomRule[] = [];

  /**
   * Answers the `nth` request that `match` matches (1 = the first) and the `times - 1` after it
   * with `fault`. `times: Infinity` faults every one from the nth on.
   */
  inject(match: RequestMatch, fault: Fault, options: { nth?: number; times?: number } = {}): this {
    const from = options.nth ?? 1;
    this.rules.push({ match, fault, from, to: from + (options.times ?? 1) - 1, seen: 0 });
    return this;
  }

  /**
   * Faults each request `match` matches (every request by default) with probability `rate`,
   * choosing among `faults`, drawn from a PRNG seeded with `seed`: one draw per matching request,
   * in arrival order, so the same seed and the same requests fault the same ones.
   */
  random(options: { seed: number; rate: number; faults: Fault[]; match?: RequestMatch }): this {
    if (options.faults.length === 0) throw new Error('random faults: give at least one fault');
    this.randoms.push({
      match: options.match ?? {},
      faults: options.faults,
      rate: options.rate,
      next: seeded(options.seed),
    });
    return this;
  }

  /** Stops injecting: the rules and random faults given so far are dropped. */
  clear(): void {
    this.rules.length = 0;
    this.randoms.length = 0;
  }

  /** The fault of this request, if any. Called once per request, in arrival order. */
  pick(request: RecordedRequest): Fault | undefined {
    let picked: Fault | undefined;
    for (const rule of this.rules) {
      if (!matches(rule.match, request)) continue;
      rule.seen++;
      if (picked === undefined && rule.seen >= rule.from && rule.seen <= rule.to) picked = rule.fault;
    }
    // Every random rule draws for every request it matches, faulted or not, so that its sequence
    // stays tied to the requests and not to what the other rules did.
    for (const rule of this.randoms) {
      if (!matches(rule.match, request)) continue;
      const hit = rule.next() < rule.rate;
      const choice = rule.faults[Math.floor(rule.next() * rule.faults.length)];
      if (picked === undefined && hit) picked = choice;
    }
    return picked;
  }
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  response.writeHead(status, { ...JSON_TYPE, ...headers });
  response.end(JSON.stringify(body));
}

/** A server error's body: GitHub sends `{"message":"Server Error"}` with its 500s and 502s. */
function serverError(status: number): unknown {
  return { message: status === 503 ? 'Service Unavailable' : 'Server Error' };
}

/**
 * Answers a fault that stands in for the whole answer (a server error, a rate limit), and says
 * so; a delay is waited out and the request goes on; an `applied` fault goes on too, its answer
 * lost afterwards by {@link loseAnswer}. `nowMs` is the simulator's clock.
 */
export async function answerFault(
  fault: Fault,
  record: RecordedRequest,
  response: ServerResponse,
  limit: RateLimitState,
  nowMs: number,
): Promise<boolean> {
  record.fault = labelFault(fault);
  const headers = rateLimitHeaders(limit);
  switch (fault.kind) {
    case 'delay':
      await new Promise((done) => setTimeout(done, fault.ms));
      return false;
    case 'applied':
      return false;
    case 'status':
      record.status = fault.status;
      send(response, fault.status, headers, serverError(fault.status));
      return true;
    case 'primary': {
      const reset = Math.floor((nowMs + (fault.resetInMs ?? 60_000)) / 1000);
      record.status = fault.status ?? 403;
      record.counted = false;
      send(
        response,
        record.status,
        {
          ...headers,
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': headers['x-ratelimit-limit'] ?? '',
          'x-ratelimit-reset': String(reset),
        },
        { message: PRIMARY_MESSAGE, documentation_url: `${DOCS}#about-primary-rate-limits` },
      );
      return true;
    }
    case 'secondary':
      record.status = fault.status ?? 403;
      record.counted = false;
      send(
        response,
        record.status,
        { ...headers, 'retry-after': String(fault.retryAfterSeconds ?? 60) },
        { message: SECONDARY_MESSAGE, documentation_url: `${DOCS}#about-secondary-rate-limits` },
      );
      return true;
  }
}

/** The primary rate limit the simulator's own budget ran out of: refused until the reset. */
export function refuseSpentLimit(record: RecordedRequest, response: ServerResponse, limit: RateLimitState) {
  record.fault = 'primary';
  record.status = 403;
  record.counted = false;
  send(response, 403, rateLimitHeaders(limit), {
    message: PRIMARY_MESSAGE,
    documentation_url: `${DOCS}#about-primary-rate-limits`,
  });
}

/**
 * After an `applied` fault's write took effect: the answer is lost, as a 502 or a connection
 * destroyed before any byte of it. Returns true when it took over the answer.
 */
export function loseAnswer(
  fault: Fault | undefined,
  record: RecordedRequest,
  response: ServerResponse,
): boolean {
  if (fault?.kind !== 'applied') return false;
  if (fault.answer === 'destroy') {
    response.socket?.destroy();
    return true;
  }
  record.status = 502;
  send(response, 502, {}, serverError(502));
  return true;
}
