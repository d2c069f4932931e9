// The App answers GitHub by its budget: work that ends in time gets its own answer, work still
// running is answered 202 and left to the process. Timers and work are released by hand.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AnswerBudget,
  type BudgetTimers,
  createAnswerBudget,
  type NodeMiddleware,
} from '../../src/app/answer-budget.ts';

/** Timers that fire only when the test says so. */
function handTimers(): BudgetTimers & { fire(): void } {
  const pending = new Set<() => void>();
  return {
    setTimeout: (callback) => {
      pending.add(callback);
      return callback;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as () => void);
    },
    fire: () => {
      for (const callback of [...pending]) {
        pending.delete(callback);
        callback();
      }
    },
  };
}

/**
 * Probot's webhook middleware as the budget sees it: it reads the body and runs the handler, whose
 * work the test ends by hand (`finish`: answered and ended; `timeOut`: the middleware's own 9 s
 * timeout answers 202 and settles while the work goes on; `end`: the work ends after that).
 */
function handMiddleware(budget: AnswerBudget) {
  const received: {
    id: string;
    payload: string;
    finish: (status: number, body?: string) => void;
    timeOut: () => void;
    end: () => void;
  }[] = [];
  const middleware: NodeMiddleware = async (req, res) => {
    // What the budget must leave alone, this stand-in answers at once (as Probot's would: 404, 415, 400).
    const delivery = String(req.headers['content-type']).includes('json') && req.headers['x-github-delivery'];
    if (req.url !== '/api/github/webhooks' || !delivery) {
      res.writeHead(418).end('left to Probot');
      return true;
    }
    const id = String(req.headers['x-github-delivery']);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // A signature that does not verify: refused, no handler runs.
    if (req.headers['x-hub-signature-256'] === 'sha256=forged') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('signature does not match\n');
      return true;
    }
    let endWork: () => void = () => undefined;
    const work = budget.track(id, new Promise<void>((resolve) => (endWork = resolve)));
    await new Promise<void>((settle) => {
      received.push({
        id,
        payload: Buffer.concat(chunks).toString('utf8'),
        finish: (status, body = 'ok\n') => {
          endWork();
          void work.then(() => {
            res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
            settle();
          });
        },
        timeOut: () => {
          res.writeHead(202, { 'content-type': 'text/plain' }).end('still processing\n');
          settle();
        },
        end: endWork,
      });
    });
    return true;
  };
  return { received, middleware };
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function aServer() {
  const timers = handTimers();
  const budget = createAnswerBudget({ budgetMs: 3_000, timers });
  const work = handMiddleware(budget);
  const middleware = budget.wrap(work.middleware, { path: '/api/github/webhooks' });
  server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const deliver = async (
    id = 'd-1',
    change: Record<string, string | undefined> = {},
    path = '/api/github/webhooks',
  ) => {
    const headers: Record<string, string | undefined> = {
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': id,
      'x-hub-signature-256': 'sha256=00',
      ...change,
    };
    for (const [name, value] of Object.entries(headers)) if (value === undefined) delete headers[name];
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: headers as Record<string, string>,
      body: '{"comment":"café 👍"}',
    });
    return { status: response.status, body: await response.text() };
  };
  /** Sends a delivery's headers and the start of its body only; `finish` sends the rest. */
  const startSlowly = (id: string, signature: string) => {
    const body = Buffer.from('{"comment":"café 👍"}', 'utf8');
    let finish: () => void = () => undefined;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${url}/api/github/webhooks`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(body.length),
            'x-github-event': 'issue_comment',
            'x-github-delivery': id,
            'x-hub-signature-256': signature,
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.write(body.subarray(0, 4));
      finish = () => request.end(body.subarray(4));
    });
    return { answer, finish: () => finish() };
  };
  /** Waits until the work of `count` deliveries was received. */
  const received = async (count: number) => {
    while (work.received.length < count) await new Promise((resolve) => setImmediate(resolve));
    return work.received;
  };
  return { budget, timers, deliver, received, startSlowly };
}

describe('answering a delivery by the budget', () => {
  it('forwards the answer of work that ends in time, with the body as GitHub sent its bytes', async () => {
    const { deliver, received } = await aServer();
    const answer = deliver();
    const [work] = await received(1);
    expect(work?.payload).toBe('{"comment":"café 👍"}');
    work?.finish(200);
    expect(await answer).toEqual({ status: 200, body: 'ok\n' });
  });

  it('forwards a failure in time with its status, so that GitHub can redeliver it', async () => {
    const { deliver, received, budget } = await aServer();
    const answer = deliver();
    const [work] = await received(1);
    work?.finish(500, '{"error":"DeliveryFailedError: delivery d-1 failed"}');
    expect(await answer).toEqual({
      status: 500,
      body: '{"error":"DeliveryFailedError: delivery d-1 failed"}',
    });
    expect(budget.answered('d-1')).toBe(false);
  });

  it('answers 202 when the budget runs out, and says so to the handler until the work ends', async () => {
    const { deliver, received, budget, timers } = await aServer();
    const answer = deliver('d-2');
    const [work] = await received(1);
    expect(budget.answered('d-2')).toBe(false);
    timers.fire();
    expect(await answer).toEqual({ status: 202, body: 'still processing\n' });
    expect(budget.answered('d-2')).toBe(true);
    let idle = false;
    const waiting = budget.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    // The handler retried and gave up: its late 500 goes nowhere.
    work?.finish(500, 'failed');
    await waiting;
    expect(budget.answered('d-2')).toBe(false);
  });

  it('takes the wrapped middleware’s own 202 (its 9 s timeout) as late too, until the work ends', async () => {
    const { deliver, received, budget } = await aServer();
    const answer = deliver('d-3');
    const [work] = await received(1);
    work?.timeOut();
    expect((await answer).status).toBe(202);
    // The wrapped middleware has settled; the work has not.
    expect(budget.answered('d-3')).toBe(true);
    work?.end();
    await budget.idle();
    expect(budget.answered('d-3')).toBe(false);
  });

  it.each([
    ['another path', {}, '/elsewhere'],
    ['another content type', { 'content-type': 'text/plain' }, '/api/github/webhooks'],
    ['no delivery id', { 'x-github-delivery': undefined }, '/api/github/webhooks'],
  ])('leaves %s to the wrapped middleware as it is', async (_, headers, path) => {
    const { deliver } = await aServer();
    const answer = await deliver('d-4', headers, path);
    expect(answer).toEqual({ status: 418, body: 'left to Probot' });
  });
});

describe('a request whose signature is not verified yet', () => {
  it('gets no 202 while its body is still coming: the budget counts from the verified delivery’s work', async () => {
    const { timers, startSlowly, budget } = await aServer();
    const forged = startSlowly('d-7', 'sha256=forged');
    await new Promise((resolve) => setTimeout(resolve, 20));
    timers.fire();
    expect(budget.answered('d-7')).toBe(false);
    forged.finish();
    expect(await forged.answer).toEqual({ status: 400, body: 'signature does not match\n' });
  });

  it('cannot mark a genuine delivery of the same id as answered 202, so its failure still reaches GitHub', async () => {
    const { timers, startSlowly, budget, deliver, received } = await aServer();
    // A forger who learnt a delivery's id sends an unsigned copy, slowly, and outlasts the budget.
    const forged = startSlowly('d-8', 'sha256=forged');
    await new Promise((resolve) => setTimeout(resolve, 20));
    timers.fire();
    const genuine = deliver('d-8');
    const [work] = await received(1);
    // The handler asks whether its delivery was answered 202: it was not, so it fails to GitHub (500).
    expect(budget.answered('d-8')).toBe(false);
    work?.finish(500, 'failed');
    expect(await genuine).toEqual({ status: 500, body: 'failed' });
    forged.finish();
    expect((await forged.answer).status).toBe(400);
  });
});
