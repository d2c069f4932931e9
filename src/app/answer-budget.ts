// GitHub waits 10 seconds for an answer to a delivery; Probot's webhook middleware
// (@octokit/webhooks) answers 202 after 9 s of work, and a failure after that is lost. The App
// answers by its own budget instead, well inside the window: work that ends in time is answered
// as Probot's middleware answers it (200, 400, 500); work still running is answered 202, and the
// delivery's handler, which learns it here, finishes that work itself and retries it on failure
// (src/app/app.ts).
//
// Probot's server takes its webhook middleware from `probot.getNodeMiddleware()`, which passes no
// timeout, so start-app.ts replaces that method with `wrap`. The wrapped middleware still does all
// the work (it reads the body, verifies the signature in constant time and runs the handlers);
// for a delivery, it answers into a stand-in, and `wrap` forwards that answer when it comes in
// time, or answers 202 when the budget runs out first. Other requests reach it unchanged.
//
// The budget starts when the delivery's handler starts (`track`), that is once the wrapped
// middleware has read the body and verified its signature: a request still sending its body, or
// one whose signature does not verify, is never answered 202 and marks nothing. Which request a
// handler belongs to is carried by the request's own async context, never by its delivery id,
// which anyone can put in a header: a forged copy of a genuine delivery's id cannot make that
// delivery's failure look answered.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Node request handler as Probot's server chains them (with no `next`): true when it answered. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface BudgetTimers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface AnswerBudget {
  /** Probot's webhook middleware, answering deliveries by the budget. */
  wrap(original: NodeMiddleware, options: { path: string }): NodeMiddleware;
  /** Whether the delivery was answered 202 while its work still runs: its failure is the process's to retry. */
  answered(deliveryId: string): boolean;
  /** Keeps the delivery's work (its handler's) known until it ends, answered in time or not. */
  track<T>(deliveryId: string, work: Promise<T>): Promise<T>;
  /** Resolves when the work of every delivery received so far has ended (a stop waits for it). */
  idle(): Promise<void>;
}

/** An answer as @octokit/webhooks writes it: `response.writeHead(status, headers).end(body)`. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_BODY = /^\s*(application\/json)\s*(?:;|$)/u;
const DELIVERY_HEADERS = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'] as const;

/** The path without trailing slashes, as @octokit/webhooks compares them. */
function trimSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** The delivery's id, when the request is a delivery the wrapped middleware will run. */
function readDeliveryId(req: IncomingMessage, path: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(trimSlashes(req.url ?? ''), 'http://localhost').pathname;
  } catch {
    return undefined;
  }
  if (pathname !== trimSlashes(path) || req.method !== 'POST') return undefined;
  const type = req.headers['content-type'];
  if (typeof type !== 'string' || !JSON_BODY.test(type)) return undefined;
  if (DELIVERY_HEADERS.some((name) => req.headers[name] === undefined)) return undefined;
  const id = req.headers['x-github-delivery'];
  return typeof id === 'string' ? id : undefined;
}

/** A response that keeps what is written to it, for `wrap` to forward or drop. */
function createStandIn(onAnswer: (answer: Answer) => void) {
  return {
    writeHead: (status: number, headers: Record<string, string> = {}) => ({
      end: (body = '') => onAnswer({ status, headers, body: String(body) }),
    }),
  };
}

/** The request a handler runs for: `arm` starts its budget, once. */
interface RequestInFlight {
  arm(): void;
}

export function createAnswerBudget(options: { budgetMs: number; timers?: BudgetTimers }): AnswerBudget {
  const timers: BudgetTimers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  // Deliveries answered 202, and the handlers running per delivery (a redelivery may share an id).
  // A mark goes when the delivery's handlers have all ended, or, when none ran (a body refused
  // after the 202), when the wrapped middleware settles.
  const late = new Set<string>();
  const inFlight = new AsyncLocalStorage<RequestInFlight>();
  const active = new Map<string, number>();
  const running = new Set<Promise<unknown>>();
  const keep = (promise: Promise<unknown>) => {
    const kept: Promise<unknown> = promise.then(
      () => running.delete(kept),
      () => running.delete(kept),
    );
    running.add(kept);
  };
  const ended = (id: string) => {
    const count = (active.get(id) ?? 1) - 1;
    if (count > 0) active.set(id, count);
    else {
      active.delete(id);
      late.delete(id);
    }
  };
  return {
    answered: (id) => late.has(id),
    track: (id, work) => {
      // The handler runs: the signature verified. Its own request's budget starts now.
      inFlight.getStore()?.arm();
      active.set(id, (active.get(id) ?? 0) + 1);
      const settled = work.finally(() => ended(id));
      keep(settled);
      return settled;
    },
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    wrap:
      (original, { path }) =>
      (req, res) => {
        const id = readDeliveryId(req, path);
        if (id === undefined) return original(req, res);
        return new Promise<boolean>((resolve, reject) => {
          let answered = false;
          const send = (answer: Answer) => {
            answered = true;
            res.writeHead(answer.status, answer.headers).end(answer.body);
            resolve(true);
          };
          let timer: unknown;
          const arm = () => {
            if (answered || timer !== undefined) return;
            timer = timers.setTimeout(() => {
              if (answered) return;
              late.add(id);
              send({
                status: 202,
                headers: { 'content-type': 'text/plain', accept: 'application/json' },
                body: 'still processing\n',
              });
            }, options.budgetMs);
          };
          const disarm = () => {
            if (timer !== undefined) timers.clearTimeout(timer);
          };
          const standIn = createStandIn((answer) => {
            disarm();
            if (answered) return;
            // The wrapped middleware's own timeout (9 s) answers 202 too: the work is then late,
            // when work runs (its timeout also runs while an unverified body is still coming).
            if (answer.status === 202 && timer !== undefined) late.add(id);
            send(answer);
          });
          // The wrapped middleware settles when the work ends, or when its own timeout answered.
          const settled = inFlight
            .run({ arm }, () => original(req, standIn as unknown as ServerResponse))
            .then(
              (handled) => {
                if (!answered) resolve(handled);
              },
              (error: unknown) => {
                if (!answered) reject(error);
              },
            );
          keep(
            settled.finally(() => {
              disarm();
              if (!active.has(id)) late.delete(id);
            }),
          );
        });
      },
  };
}
