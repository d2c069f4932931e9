// The server `npm start` runs before the App is registered: the registration page at `/`, and the
// setup step GitHub sends the visitor back to (`/probot/setup?code=…`, the address Probot's page
// used), which turns the code into the App's credentials and saves them. It receives no webhooks.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubClient } from '../github/client.ts';
import { convertManifestCode, type RegisteredApp } from '../github/convert-manifest-code.ts';
import { describeRequestError } from '../github/request-error.ts';
import { type AppYml, createManifest, readWebhookUrl } from './app-manifest.ts';
import { renderRegistrationPage } from './registration-page.ts';
import type { SetupModeSettings } from './settings.ts';
import {
  renderConversionErrorPage,
  renderForeignRegistrationPage,
  renderMissingCodePage,
  renderNextStepsPage,
  renderNotFoundPage,
  renderSaveErrorPage,
  renderUnexpectedErrorPage,
} from './setup-pages.ts';

export interface SetupLog {
  info(message: string): void;
  error(message: string): void;
}

export interface RegistrationServerOptions {
  settings: SetupModeSettings;
  appYml: AppYml;
  appYmlPath: string;
  /** Where `save` writes, as the next-steps page names it. */
  savedTo: string;
  save: (values: Record<string, string | undefined>) => void;
  /** Unauthenticated: the conversion needs only the code. */
  client: GitHubClient;
  log: SetupLog;
}

export interface RegistrationServer {
  /** The address listened on (`127.0.0.1`, `[::1]`). */
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Pages that load nothing and run nothing; the setup step's address (with its code) is not sent on. */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

function send(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, HEADERS).end(page);
}

function readHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

/** This server as the visitor reached it, behind a proxy too (as Probot's page computed it). */
function readBaseUrl(req: IncomingMessage): string {
  const forwarded = readHeader(req, 'x-forwarded-proto');
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  const protocol = forwarded === 'http' || forwarded === 'https' ? forwarded : encrypted ? 'https' : 'http';
  return `${protocol}://${readHeader(req, 'x-forwarded-host') ?? readHeader(req, 'host') ?? 'localhost'}`;
}

/**
 * Whether `given` is this server's state. A plain comparison: the state defends against a page
 * elsewhere, which sees neither it nor how long this server takes to compare.
 */
function isOwnState(given: string | null, state: string): boolean {
  return given === state;
}

function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

export async function startRegistrationServer(
  options: RegistrationServerOptions,
): Promise<RegistrationServer> {
  const { settings, appYml, log } = options;
  // GitHub hands the Register button's `state` back to the setup step (its manifest flow): only a
  // registration started from this server's page is finished, so a page elsewhere cannot send the
  // operator's browser here with the code of an App someone else created (CSRF).
  const state = randomBytes(16).toString('hex');
  /** A reload of the next-steps page shows it again: GitHub's code works only once. */
  const finished = new Map<string, string>();

  async function finishRegistration(code: string, baseUrl: string): Promise<[number, string]> {
    const done = finished.get(code);
    if (done !== undefined) return [200, done];
    let app: RegisteredApp;
    try {
      app = await convertManifestCode(options.client, code);
    } catch (error) {
      const reason = describeRequestError(error);
      log.error(`gatehouse: GitHub did not convert the registration code: ${reason}`);
      const owner =
        settings.organization === undefined
          ? ''
          : `/organizations/${encodeURIComponent(settings.organization)}`;
      return [
        502,
        renderConversionErrorPage({ reason, appsUrl: `${settings.webUrl}${owner}/settings/apps` }),
      ];
    }
    try {
      options.save(app.credentials);
    } catch (error) {
      const reason = describeError(error);
      log.error(
        `gatehouse: the credentials of App ${app.id} were not saved to ${options.savedTo}: ${reason}`,
      );
      return [500, renderSaveErrorPage({ app, savedTo: options.savedTo, reason, webUrl: settings.webUrl })];
    }
    log.info(
      `gatehouse: App ${app.id} registered, its credentials saved to ${options.savedTo}: install it, then restart npm start`,
    );
    const webhookUrl = readWebhookUrl(createManifest(appYml, baseUrl, settings.webhookProxyUrl));
    const page = renderNextStepsPage({ app, savedTo: options.savedTo, webhookUrl, webUrl: settings.webUrl });
    finished.set(code, page);
    return [200, page];
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://setup');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 404, renderNotFoundPage());
    const baseUrl = readBaseUrl(req);
    switch (url.pathname) {
      case '/':
        return send(
          res,
          200,
          renderRegistrationPage({
            appYml,
            state,
            manifest: createManifest(appYml, baseUrl, settings.webhookProxyUrl),
            appYmlPath: options.appYmlPath,
            webUrl: settings.webUrl,
            enterpriseHost: settings.enterpriseHost,
            organization: settings.organization,
          }),
        );
      case '/probot':
        // The address of Probot's page, which a bookmark or an older doc may hold.
        res.writeHead(302, { location: '/', 'content-type': 'text/plain' }).end('Found. Redirecting to /');
        return;
      case '/probot/setup': {
        const code = url.searchParams.get('code') ?? '';
        if (code === '') return send(res, 400, renderMissingCodePage());
        if (!isOwnState(url.searchParams.get('state'), state)) {
          log.error('gatehouse: the setup step was opened without the state of this server: nothing done');
          return send(res, 403, renderForeignRegistrationPage());
        }
        const [status, page] = await finishRegistration(code, baseUrl);
        return send(res, status, page);
      }
      case '/ping':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
        return;
      default:
        return send(res, 404, renderNotFoundPage());
    }
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      log.error(
        `gatehouse: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`,
      );
      if (!res.headersSent) send(res, 500, renderUnexpectedErrorPage());
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `PORT ${settings.port} is already in use: stop what listens there, or set PORT to another port`,
            )
          : error,
      );
    });
    server.listen({ port: settings.port, host: settings.host ?? 'localhost' }, resolve);
  });
  const { address, family, port } = server.address() as AddressInfo;
  return {
    host: family === 'IPv6' ? `[${address}]` : address,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
