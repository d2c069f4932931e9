// A thin front on the webhook middleware. Most deliveries change no gate (a comment without a
// command, an event Gatehouse does not act on): for those, Probot's middleware would still build
// an authenticated Octokit and a context, run the handler through the answer budget, and only then
// answer 200. The front reads the body once, verifies its signature itself, and answers such a
// delivery 200 at once, exactly as the middleware answers it.
//
// Anything else goes to the wrapped middleware unchanged, with the body it read on `request.body`
// (a string, which @octokit/webhooks' node middleware takes as the payload): a signature that does
// not verify, a body that is not JSON or does not fit its event, a delivery that does work. The
// middleware then verifies again and answers as it always has (400 for a bad signature, with its
// own message), so the front answers nothing but a verified delivery that changes nothing, and a
// body no GitHub delivery has (larger than GitHub's 25 MB cap, still coming after GitHub's 10 s, or
// compressed: bounded-body.ts), which it refuses before keeping it in memory (W10).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeMiddleware } from './answer-budget.ts';
import {
  answerRefusal,
  BODY_TIMEOUT_MS,
  type BodyLimits,
  MAX_BODY_BYTES,
  readBoundedBody,
} from './bounded-body.ts';

/** Why a verified delivery changes no gate, or undefined when it may (or cannot be told): it runs. */
export type Triage = (name: string, payload: unknown) => string | undefined;

export interface WebhookFrontOptions {
  path: string;
  secret: string;
  /**
   * The secret GitHub signed with before `secret`, during a rotation (W13). A delivery it verifies
   * is handed on signed with `secret`: the middleware behind checks the current secret only.
   */
  previousSecret?: string;
  triage: Triage;
  /** Bounds on a delivery's body (bounded-body.ts); GitHub's own by default. */
  limits?: BodyLimits;
  /** The debug line the handler writes for an ignored delivery, written here instead. */
  log: { debug: (fields: Record<string, unknown>, message: string) => void };
}

const JSON_BODY = /^\s*(application\/json)\s*(?:;|$)/u;
const DELIVERY_HEADERS = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'] as const;
// @octokit/webhooks decodes the body the same way before it verifies and parses it.
const decoder = new TextDecoder('utf-8', { fatal: false });

/** The path without trailing slashes, as @octokit/webhooks compares them. */
function trimSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Whether the wrapped middleware would read and verify this request as a delivery. */
function isDelivery(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST') return false;
  let pathname: string;
  try {
    pathname = new URL(trimSlashes(req.url ?? ''), 'http://localhost').pathname;
  } catch {
    return false;
  }
  if (pathname !== trimSlashes(path)) return false;
  const type = req.headers['content-type'];
  if (typeof type !== 'string' || !JSON_BODY.test(type)) return false;
  return DELIVERY_HEADERS.every((name) => typeof req.headers[name] === 'string');
}

/** GitHub's X-Hub-Signature-256 over the body, compared in constant time. */
export function verifySignature(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Which secret signed the body: the current one, the previous one (a rotation), or neither. */
function findSigner(options: WebhookFrontOptions, body: string, signature: string) {
  const secrets = { current: options.secret, previous: options.previousSecret };
  for (const [signer, secret] of Object.entries(secrets))
    if (secret && verifySignature(secret, body, signature)) return signer;
  return undefined;
}

/** Why the delivery changes nothing, when it parses and the triage says so. */
function findIgnoreReason(options: WebhookFrontOptions, name: string, body: string) {
  try {
    return options.triage(name, JSON.parse(body));
  } catch {
    // Not JSON, or a body that does not fit its event: the middleware refuses it as it always has.
    return undefined;
  }
}

export function createWebhookFront(next: NodeMiddleware, options: WebhookFrontOptions): NodeMiddleware {
  return async (req, res) => {
    if (!isDelivery(req, options.path)) return next(req, res);
    const reading = await readBoundedBody(
      req,
      options.limits ?? { maxBytes: MAX_BODY_BYTES, timeoutMs: BODY_TIMEOUT_MS },
    );
    if ('gone' in reading) {
      // The client went away while sending: nobody reads an answer.
      res.destroy();
      return true;
    }
    if ('refused' in reading) {
      options.log.debug({ status: reading.refused.status }, `refused: ${reading.refused.message}`);
      answerRefusal(res, reading.refused);
      return true;
    }
    const body = decoder.decode(reading.body);
    const name = req.headers['x-github-event'] as string;
    const id = req.headers['x-github-delivery'] as string;
    const signer = findSigner(options, body, req.headers['x-hub-signature-256'] as string);
    const reason = signer === undefined ? undefined : findIgnoreReason(options, name, body);
    if (reason === undefined) {
      (req as IncomingMessage & { body?: string }).body = body;
      // Verified above with the previous secret: the middleware behind knows the current one only.
      if (signer === 'previous') {
        options.log.debug({ delivery: id, event: name }, 'signed with WEBHOOK_SECRET_PREVIOUS');
        req.headers['x-hub-signature-256'] = sign(options.secret, body);
      }
      return next(req, res);
    }
    options.log.debug({ delivery: id, event: name }, `ignored: ${reason}`);
    answerOk(res);
    return true;
  };
}

/** The answer @octokit/webhooks gives a delivery whose handlers ended. */
function answerOk(res: ServerResponse): void {
  res
    .writeHead(200, { 'content-type': 'text/plain', accept: 'application/json', 'content-length': '3' })
    .end('ok\n');
}
