// Security case W10 through the real App: a body no GitHub delivery has (larger than GitHub's
// 25 MB cap, compressed) is refused before it is kept in memory or parsed, reaches no handler and
// asks GitHub nothing, and the server goes on answering. Each body is signed with the App's secret,
// so only its size or encoding refuses it. (No module here loads nock: with it loaded, a request
// whose declared body never comes got no answer at all in this process, refused or not.)
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRawDelivery, signatureOf } from '../simulator/raw-deliveries.ts';
import { type AppScene, SECRET, startAppScene } from './app-on-simulator.ts';

let scene: AppScene;
beforeAll(async () => {
  scene = await startAppScene();
});
afterAll(() => scene.stop());

/** A comment delivery's JSON: signed, it would be read and planned. */
const BODY = Buffer.from(JSON.stringify({ action: 'created', comment: { body: '/approve' } }), 'utf8');

const signedHead = (body: Buffer, extra: string[]) => [
  'content-type: application/json',
  'x-github-event: issue_comment',
  'x-github-delivery: 5a1e0000-0000-4000-8000-000000000010',
  `x-hub-signature-256: ${signatureOf(SECRET, body)}`,
  ...extra,
];

/** Sends `head` and `body` on a raw socket to the App's webhook path; what it answered, at its close. */
function sendRaw(head: string[], body: Buffer = Buffer.alloc(0)): Promise<string> {
  const { port } = new URL(scene.app.url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(['POST /api/github/webhooks HTTP/1.1', 'host: 127.0.0.1', ...head, '', ''].join('\r\n'));
      if (body.length > 0) socket.write(body);
      setTimeout(() => socket.destroy(), 5000);
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function expectNothingRanAndServerUp(): Promise<void> {
  expect(scene.sim.requests).toEqual([]);
  const ping = await fetch(`${scene.app.url}/ping`);
  expect({ status: ping.status, body: await ping.text() }).toEqual({ status: 200, body: 'PONG' });
}

describe('a body no GitHub delivery has (W10)', () => {
  it('of 30 MB is refused 413 on its declared size, before it is read', async () => {
    const answer = await sendRaw(signedHead(BODY, [`content-length: ${30 * 1024 * 1024}`]));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('{"error":"Payload too large: more than 26214400 bytes"}');
    await expectNothingRanAndServerUp();
  });

  it('of 30 MB sent whole, signed, is refused without reaching a handler', async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024, 0x20);
    BODY.copy(huge);
    const outcome = await postRawDelivery(`${scene.app.url}/api/github/webhooks`, {
      event: 'issue_comment',
      body: huge,
      secret: SECRET,
    }).then(
      (response) => `status ${response.status}`,
      (error: NodeJS.ErrnoException) => `connection ${error.code}`,
    );
    // Refused on its declared size; the client may see the close before the answer while it sends.
    expect(['status 413', 'connection ECONNRESET', 'connection EPIPE']).toContain(outcome);
    await expectNothingRanAndServerUp();
  });

  it('compressed (a gzip bomb) is refused 415 without being inflated', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const answer = await sendRaw(
      signedHead(bomb, ['content-encoding: gzip', `content-length: ${bomb.length}`]),
      bomb,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 415 /);
    await expectNothingRanAndServerUp();
  });
});
