// Before the App is registered (no APP_ID), `npm start` serves Probot's registration page with the
// manifest from app.yml, and turns GitHub's answer into the credentials of the next start.
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { type AppHandle, startApp } from '../../src/app/start-app.ts';
import { API, disableNetwork, findFreePort, get } from './harness.ts';

let app: AppHandle;
const saveCredentials = vi.fn();

beforeAll(async () => {
  disableNetwork();
  app = await startApp(
    { HOST: '127.0.0.1', PORT: String(await findFreePort()), LOG_LEVEL: 'silent' },
    { saveCredentials },
  );
});
afterAll(async () => {
  await app.stop();
  nock.cleanAll();
});

function readManifest(html: string): unknown {
  const value = /name="manifest" id="manifest" value='([^']*)'/.exec(html)?.[1];
  if (value === undefined) throw new Error('the page has no manifest');
  return JSON.parse(value);
}

describe('the App without APP_ID', () => {
  it('starts in setup mode, with no sweep', () => {
    expect(app.mode).toBe('setup');
    expect(app.sweep).toBeUndefined();
    expect(app.url).toBe(`http://127.0.0.1:${app.port}`);
  });

  it('sends visitors of / to the registration page', async () => {
    const response = await get(`${app.url}/`);
    expect(response).toEqual({ status: 302, body: 'Found. Redirecting to /probot' });
  });

  it("serves the registration page with app.yml as the manifest, its redirect set to this server's setup step", async () => {
    const response = await get(`${app.url}/probot`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('action="https://github.com/settings/apps/new"');
    const appYml = parse(readFileSync('app.yml', 'utf8')) as Record<string, unknown>;
    expect(readManifest(response.body)).toEqual({
      ...appYml,
      version: 'v1',
      redirect_url: `${app.url}/probot/setup`,
    });
  });

  it("turns GitHub's code into the credentials of the next start, then sends the visitor to install the App", async () => {
    const github = nock(API).post('/app-manifests/code-from-github/conversions').reply(201, {
      id: 424242,
      slug: 'gatehouse-acme',
      client_id: 'Iv1.0123456789abcdef',
      client_secret: 'client-secret',
      webhook_secret: 'webhook-secret-from-github-0123456789',
      pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n',
      html_url: 'https://github.com/apps/gatehouse-acme',
    });
    const response = await get(`${app.url}/probot/setup?code=code-from-github`);
    expect(response).toEqual({
      status: 302,
      body: 'Found. Redirecting to https://github.com/apps/gatehouse-acme/installations/new',
    });
    expect(saveCredentials).toHaveBeenCalledWith({
      APP_ID: '424242',
      PRIVATE_KEY: '"-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"',
      WEBHOOK_SECRET: 'webhook-secret-from-github-0123456789',
      GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
      GITHUB_CLIENT_SECRET: 'client-secret',
    });
    github.done();
  });
});
