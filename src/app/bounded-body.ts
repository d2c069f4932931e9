// A delivery's body, read with bounds (security case W10). GitHub caps a webhook payload at 25 MB,
// sends it at once (its whole delivery has 10 seconds) and never compresses it, so a body that is
// larger, slower or encoded is no delivery of GitHub's: it is refused before it is kept in memory,
// let alone parsed. The refusal closes the connection, so the rest of such a body is never read.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** GitHub's cap on a payload, "25 MB", read generously: 25 MiB. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** GitHub gives a whole delivery 10 seconds; a body still coming after that is no delivery. */
export const BODY_TIMEOUT_MS = 10_000;

export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

export type BodyReading =
  | { body: Buffer }
  | { refused: { status: 408 | 413 | 415; message: string } }
  | { gone: true };

/** Why the request's headers alone refuse its body (an encoding, a declared size), if they do. */
function refuseByHeaders(req: IncomingMessage, limits: BodyLimits): BodyReading | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    return { refused: { status: 415, message: `Unsupported "Content-Encoding": ${encoding.slice(0, 40)}` } };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes)
    return { refused: { status: 413, message: `Payload too large: more than ${limits.maxBytes} bytes` } };
  return undefined;
}

/** Reads the body whole, unless it is larger than `maxBytes` or not all there within `timeoutMs`. */
export function readBoundedBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyReading> {
  const early = refuseByHeaders(req, limits);
  if (early !== undefined) return Promise.resolve(early);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (reading: BodyReading) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      // Not read any further: what is still coming is left to the closed connection.
      if (!('body' in reading)) req.pause();
      resolve(reading);
    };
    const timer = setTimeout(
      () =>
        finish({
          refused: { status: 408, message: `The body did not arrive within ${limits.timeoutMs} ms` },
        }),
      limits.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes)
        return finish({
          refused: { status: 413, message: `Payload too large: more than ${limits.maxBytes} bytes` },
        });
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => finish({ gone: true }));
    req.on('aborted', () => finish({ gone: true }));
    req.on('end', () => finish({ body: Buffer.concat(chunks) }));
  });
}

/** Answers a refused body as @octokit/webhooks answers its refusals (JSON), and closes the connection. */
export function answerRefusal(res: ServerResponse, refusal: { status: number; message: string }): void {
  const body = JSON.stringify({ error: refusal.message });
  res.shouldKeepAlive = false;
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    accept: 'application/json',
    connection: 'close',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body, () => res.socket?.destroy());
}
