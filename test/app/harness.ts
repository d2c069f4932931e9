// The App as GitHub sees it: the real Probot server, started by startApp on 127.0.0.1 with a
// freshly generated key and a strong secret, receiving deliveries signed over their raw bytes.
// Every request to GitHub goes to nock; the network is off.
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import nock from 'nock';
import { vi } from 'vitest';
import type { RunPullRequestGate } from '../../src/app/app.ts';
import { type AppHandle, type StartOptions, startApp } from '../../src/app/start-app.ts';
import { appKey } from '../support/app-key.ts';
import { APP_ID } from '../support/github-fixtures.ts';
import { accounts, INSTALLATION_ID } from './payloads.ts';

export { APP_ID };
export const API = 'https://api.github.com';
export const APP_SLUG = 'gatehouse';
export const SECRET = '5d6f1c2b8e0a4f97b3c1d2e4f6a8b0c2';
export const INSTALLATION_TOKEN = 'ghs_installationtoken0000000000000000';

/** A port nothing listens on (Probot's server cannot be told to pick one). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Turns the network off for the test file, except for the App's own server on loopback. */
export function disableNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
}

export interface DeliveryResponse {
  status: number;
  body: string;
}

export interface DeliverOptions {
  /** Signs with this secret instead of the App's. */
  secret?: string;
  /** Sends this X-Hub-Signature-256 as it is (a list sends the header several times); null sends none. */
  signature?: string | string[] | null;
  deliveryId?: string;
  /** Sends these bytes instead of the JSON of the payload (signed as they are, unless `signature`). */
  rawBody?: Buffer;
  /** More headers, or undefined to leave one out. */
  headers?: Record<string, string | string[] | undefined>;
}

export interface Harness {
  app: AppHandle;
  url: string;
  /** The orchestration as the App calls it: the real one (or the one given), watched. */
  runPullRequestGate: ReturnType<typeof vi.fn<RunPullRequestGate>>;
  /** Requests the App made to GitHub that no interceptor answered, as `METHOD path`. */
  unmatched: string[];
  /** Posts a signed delivery to the webhook path and returns the answer. */
  deliver(event: string, payload: unknown, options?: DeliverOptions): Promise<DeliveryResponse>;
  /** Posts bytes with exactly these headers. */
  post(headers: OutgoingHttpHeaders, body: Buffer): Promise<DeliveryResponse>;
  stop(): Promise<void>;
}

export interface HarnessOptions extends Omit<StartOptions, 'runPullRequestGate'> {
  env?: Record<string, string | undefined>;
  runPullRequestGate?: RunPullRequestGate;
}

function send(
  url: string,
  method: string,
  headers: OutgoingHttpHeaders,
  body?: Buffer,
): Promise<DeliveryResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

export function get(url: string): Promise<DeliveryResponse> {
  return send(url, 'GET', {});
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { env = {}, runPullRequestGate, ...startOptions } = options;
  const unmatched: string[] = [];
  const record = (request: { method: string; url: string }) => {
    const url = new URL(request.url);
    // Requests to the App's own server on loopback pass through nock too.
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return;
    unmatched.push(`${request.method} ${url.origin}${decodeURIComponent(url.pathname)}`);
  };
  nock.emitter.on('no match', record);
  const spy = vi.fn<RunPullRequestGate>();
  const port = await findFreePort();
  const app = await startApp(
    {
      APP_ID: String(APP_ID),
      PRIVATE_KEY: appKey(),
      WEBHOOK_SECRET: SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.GATEHOUSE_TEST_LOG_LEVEL ?? 'silent',
      GATEHOUSE_SWEEP_INTERVAL: '0',
      ...env,
    },
    {
      clientTuning: { spaceWrites: false, retryAfterBaseValue: 1 },
      // Tests read a delivery's outcome from its answer: the 9 s Probot waited, unless one tests the budget.
      answerBudgetMs: 9_000,
      ...startOptions,
      runPullRequestGate: (...args) => spy(...args),
    },
  );
  if (runPullRequestGate !== undefined) spy.mockImplementation(runPullRequestGate);
  else {
    const { runPullRequestGate: real } = await import('../../src/gate/run-pull-request-gate.ts');
    spy.mockImplementation(real);
  }
  const webhookUrl = `${app.url}/api/github/webhooks`;
  const post = (headers: OutgoingHttpHeaders, body: Buffer) => send(webhookUrl, 'POST', headers, body);
  return {
    app,
    url: app.url,
    runPullRequestGate: spy,
    unmatched,
    post,
    async deliver(event, payload, deliverOptions = {}) {
      const body = deliverOptions.rawBody ?? Buffer.from(JSON.stringify(payload), 'utf8');
      const signature =
        deliverOptions.signature === undefined
          ? await sign(deliverOptions.secret ?? SECRET, body.toString('utf8'))
          : deliverOptions.signature;
      const headers: OutgoingHttpHeaders = {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/044aadd',
        'x-github-event': event,
        'x-github-delivery': deliverOptions.deliveryId ?? randomUUID(),
        'x-github-hook-installation-target-type': 'integration',
        ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
      };
      for (const [name, value] of Object.entries(deliverOptions.headers ?? {})) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      return post(headers, body);
    },
    async stop() {
      nock.emitter.removeListener('no match', record);
      await app.stop();
    },
  };
}

/**
 * The requests every gate starts with on a fresh server: an installation token, and the App's own
 * identity (read once per process). Returns the scope, to assert it was used (or not).
 */
export function expectInstallationAndIdentity(base = API): nock.Scope {
  return nock(base)
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, {
      token: INSTALLATION_TOKEN,
      expires_at: '2099-01-01T00:00:00Z',
      permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'write' },
      repository_selection: 'all',
    })
    .get('/app')
    .reply(200, { id: APP_ID, slug: APP_SLUG, name: 'Gatehouse', owner: { login: 'acme' } })
    .get(`/users/${encodeURIComponent(`${APP_SLUG}[bot]`)}`)
    .reply(200, { ...accounts.gatehouse });
}
