// The front on the webhook middleware (src/app/webhook-front.ts), on a real Node server in this
// process, in front of a stand-in for the middleware that says what it was handed: a verified
// delivery that changes no gate is answered 200 as @octokit/webhooks answers it; everything else
// reaches the middleware with the body still readable.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BodyLimits } from '../../src/app/bounded-body.ts';
import { createWebhookFront, type Triage, verifySignature } from '../../src/app/webhook-front.ts';
import { postRawDelivery, signatureOf } from '../simulator/raw-deliveries.ts';

const SECRET = 'front secret';
const PATH = '/api/github/webhooks';
const CONVERSATION = Buffer.from(JSON.stringify({ action: 'created', body: 'looks good' }), 'utf8');
const COMMAND = Buffer.from(JSON.stringify({ action: 'created', body: '/approve' }), 'utf8');

/** Ignores what has no command; throws for a body without an action, as a body that fits no event. */
const triage: Triage = (_name, payload) => {
  const { action, body } = payload as { action?: string; body?: string };
  if (action === undefined) throw new Error('does not fit its event');
  return body?.startsWith('/') ? undefined : 'no command';
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/**
 * The front before a middleware that answers 299 with what it read from `request.body` (and, in
 * the header `x-signed-with-secret`, whether the signature it was handed is the current secret's).
 */
async function start(limits?: BodyLimits, previousSecret?: string) {
  const logged: string[] = [];
  const front = createWebhookFront(
    async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
      const signed =
        req.headers['x-hub-signature-256'] === signatureOf(SECRET, Buffer.from(String(req.body)));
      res
        .writeHead(299, { 'content-type': 'text/plain', 'x-signed-with-secret': String(signed) })
        .end(`next: ${String(req.body)}`);
      return true;
    },
    {
      path: PATH,
      secret: SECRET,
      triage,
      ...(limits === undefined ? {} : { limits }),
      ...(previousSecret === undefined ? {} : { previousSecret }),
      log: { debug: (fields, message) => logged.push(`${JSON.stringify(fields)} ${message}`) },
    },
  );
  server = createServer((req, res) => void front(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${PATH}`, port, logged };
}

describe('a verified delivery that changes no gate', () => {
  it('is answered 200 "ok" at once, as Probot answers it, with the handler’s debug line', async () => {
    const { url, logged } = await start();
    const answer = await postRawDelivery(url, {
      event: 'issue_comment',
      body: CONVERSATION,
      secret: SECRET,
      deliveryId: 'd-1',
    });
    expect(answer).toEqual({ status: 200, body: 'ok\n' });
    expect(logged).toEqual(['{"delivery":"d-1","event":"issue_comment"} ignored: no command']);
  });

  it('is answered with @octokit/webhooks’ headers', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'd-2',
        'x-hub-signature-256': signatureOf(SECRET, CONVERSATION),
      },
      body: CONVERSATION,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('accept')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe('3');
  });
});

describe('a delivery the front does not answer reaches the middleware with its body', () => {
  it('when it may change a gate', async () => {
    const { url, logged } = await start();
    const answer = await postRawDelivery(url, { event: 'issue_comment', body: COMMAND, secret: SECRET });
    expect(answer).toEqual({ status: 299, body: `next: ${COMMAND.toString('utf8')}` });
    expect(logged).toEqual([]);
  });

  it.each([
    ['signed with another secret', { secret: 'another secret' }],
    ['with a signature of other bytes', { signature: signatureOf(SECRET, COMMAND) }],
    ['with an empty signature', { signature: '' }],
    ['with the signature header twice', { signature: [signatureOf(SECRET, CONVERSATION), 'x'] }],
  ])('when it is %s, though its body changes nothing', async (_case, delivery) => {
    const { url, logged } = await start();
    const answer = await postRawDelivery(url, {
      event: 'issue_comment',
      body: CONVERSATION,
      secret: SECRET,
      ...delivery,
    });
    expect(answer).toEqual({ status: 299, body: `next: ${CONVERSATION.toString('utf8')}` });
    expect(logged).toEqual([]);
  });

  it.each([
    ['a body that is not JSON', Buffer.from('{"action": "created", ', 'utf8')],
    ['a body that does not fit its event', Buffer.from('{"body":"no action"}', 'utf8')],
  ])('when it is signed but carries %s', async (_case, body) => {
    const { url } = await start();
    const answer = await postRawDelivery(url, { event: 'issue_comment', body, secret: SECRET });
    expect(answer).toEqual({ status: 299, body: `next: ${body.toString('utf8')}` });
  });

  it.each([
    ['a GET', { method: 'GET', path: PATH, headers: {} }],
    ['another path', { method: 'POST', path: '/elsewhere', headers: {} }],
    ['a body that is not JSON', { method: 'POST', path: PATH, headers: { 'content-type': 'text/plain' } }],
    ['no delivery headers', { method: 'POST', path: PATH, headers: { 'content-type': 'application/json' } }],
  ])('untouched (the body still unread) for %s', async (_case, request) => {
    const { url } = await start();
    const { origin } = new URL(url);
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.method === 'GET' ? {} : { body: 'raw' }),
    });
    expect(response.status).toBe(299);
    expect(await response.text()).toBe('next: undefined');
  });

  it('untouched for a URL that does not parse', async () => {
    const { port } = await start();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end(`POST //[ HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 299 /);
  });
});

describe('a delivery whose sender goes away while sending the body', () => {
  it('is dropped, and the server keeps answering', async () => {
    const { url, port } = await start();
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          [
            `POST ${PATH} HTTP/1.1`,
            'host: 127.0.0.1',
            'content-type: application/json',
            'x-github-event: issue_comment',
            'x-github-delivery: d-3',
            `x-hub-signature-256: ${signatureOf(SECRET, CONVERSATION)}`,
            `content-length: ${CONVERSATION.length}`,
            '',
            '{"action"',
          ].join('\r\n'),
        );
        setImmediate(() => socket.destroy());
        socket.on('close', () => resolve());
      });
    });
    const answer = await postRawDelivery(url, { event: 'issue_comment', body: CONVERSATION, secret: SECRET });
    expect(answer.status).toBe(200);
  });
});

/**
 * Sends a delivery's head, then `parts` of its body `gapMs` apart, on a raw socket; resolves with
 * what the server answered when it closes the connection (or `settleMs` after the last part).
 */
function sendRaw(
  port: number,
  head: string[],
  parts: (string | Buffer)[],
  options: { gapMs?: number; settleMs?: number } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', async () => {
      socket.write([`POST ${PATH} HTTP/1.1`, 'host: 127.0.0.1', ...head, '', ''].join('\r\n'));
      for (const part of parts) {
        if (socket.destroyed) break;
        await new Promise((wait) => setTimeout(wait, options.gapMs ?? 0));
        if (!socket.destroyed) socket.write(part);
      }
      setTimeout(() => socket.destroy(), options.settleMs ?? 2000);
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const deliveryHead = (extra: string[]) => [
  'content-type: application/json',
  'x-github-event: issue_comment',
  'x-github-delivery: d-big',
  `x-hub-signature-256: ${signatureOf(SECRET, CONVERSATION)}`,
  ...extra,
];

describe('a body no GitHub delivery has (W10)', () => {
  const limits = { maxBytes: 1024, timeoutMs: 300 };

  it('is refused 413 on its declared size alone, before a byte of it is read', async () => {
    const { port } = await start(limits);
    const answer = await sendRaw(port, deliveryHead(['content-length: 31457280']), []);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('{"error":"Payload too large: more than 1024 bytes"}');
    expect(answer).not.toContain('next:');
  });

  it('is refused 413 once more of it arrives than the cap, sent in chunks without a declared size', async () => {
    const { port, url } = await start(limits);
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const parts = Array.from({ length: 8 }, () => chunk('x'.repeat(400)));
    const answer = await sendRaw(port, deliveryHead(['transfer-encoding: chunked']), parts, { gapMs: 5 });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain('next:');
    // The server goes on answering.
    expect(
      (await postRawDelivery(url, { event: 'issue_comment', body: CONVERSATION, secret: SECRET })).status,
    ).toBe(200);
  });

  it('is refused 408 when it is still coming after the deadline (slowloris)', async () => {
    const { port } = await start(limits);
    const body = CONVERSATION.toString('utf8');
    const parts = [...body].slice(0, 10);
    const answer = await sendRaw(port, deliveryHead([`content-length: ${CONVERSATION.length}`]), parts, {
      gapMs: 100,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).not.toContain('next:');
  });

  it('is refused 415 when compressed (GitHub never compresses a delivery), unread', async () => {
    const { port } = await start(limits);
    const answer = await sendRaw(
      port,
      deliveryHead(['content-encoding: gzip', 'content-length: 31457280']),
      [],
    );
    expect(answer).toMatch(/^HTTP\/1\.1 415 /);
    expect(answer).not.toContain('next:');
  });

  it('is read whole when it is at the cap', async () => {
    const { url } = await start({ maxBytes: CONVERSATION.length, timeoutMs: 1000 });
    expect(
      await postRawDelivery(url, { event: 'issue_comment', body: CONVERSATION, secret: SECRET }),
    ).toEqual({
      status: 200,
      body: 'ok\n',
    });
  });
});

/** A delivery of `body` signed with `secret`, on a raw socket that the server closes after answering. */
function sendSigned(port: number, body: Buffer, secret: string): Promise<string> {
  const head = [
    'content-type: application/json',
    'x-github-event: issue_comment',
    'x-github-delivery: d-signed',
    `x-hub-signature-256: ${signatureOf(secret, body)}`,
    `content-length: ${body.length}`,
    'connection: close',
  ];
  return sendRaw(port, head, [body]);
}

describe('during a secret rotation (W13)', () => {
  const PREVIOUS = 'the secret before';

  it('answers a delivery signed with the previous secret that changes no gate', async () => {
    const { url } = await start(undefined, PREVIOUS);
    expect(
      await postRawDelivery(url, { event: 'issue_comment', body: CONVERSATION, secret: PREVIOUS }),
    ).toEqual({
      status: 200,
      body: 'ok\n',
    });
  });

  it('hands one that may change a gate on signed with the current secret, which the middleware checks', async () => {
    const { port } = await start(undefined, PREVIOUS);
    const answer = await sendSigned(port, COMMAND, PREVIOUS);
    expect(answer).toMatch(/^HTTP\/1\.1 299 /);
    expect(answer.toLowerCase()).toContain('x-signed-with-secret: true');
    expect(answer).toContain(`next: ${COMMAND.toString('utf8')}`);
  });

  it('hands one signed with neither secret on as it came, for the middleware to refuse', async () => {
    const { port } = await start(undefined, PREVIOUS);
    const answer = await sendSigned(port, CONVERSATION, 'a third secret');
    expect(answer).toMatch(/^HTTP\/1\.1 299 /);
    expect(answer.toLowerCase()).toContain('x-signed-with-secret: false');
  });

  it('takes no previous secret once it is unset: the old signature is handed on unverified', async () => {
    const { port } = await start();
    const answer = await sendSigned(port, CONVERSATION, PREVIOUS);
    expect(answer).toMatch(/^HTTP\/1\.1 299 /);
    expect(answer.toLowerCase()).toContain('x-signed-with-secret: false');
  });
});

describe('verifySignature', () => {
  it('accepts GitHub’s documented test vector', () => {
    expect(
      verifySignature(
        "It's a Secret to Everybody",
        'Hello, World!',
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      ),
    ).toBe(true);
  });

  it('refuses another digest, a shorter one and uppercase hex', () => {
    const good = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    for (const signature of [good.replace('757', '758'), good.slice(0, -1), good.toUpperCase()])
      expect(verifySignature("It's a Secret to Everybody", 'Hello, World!', signature)).toBe(false);
  });
});
