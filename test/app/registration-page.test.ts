// Before the App is registered (no APP_ID), `npm start` serves Gatehouse's registration page, built
// from app.yml, and its setup step turns GitHub's code into the credentials of the next start.
// Each server is the real one startApp starts, in a folder of its own; GitHub is nock.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENT_REASONS, PERMISSION_REASONS } from '../../src/app/manifest-reasons.ts';
import { type AppHandle, type StartOptions, startApp } from '../../src/app/start-app.ts';
import { API, disableNetwork, findFreePort, get } from './harness.ts';

const SHIPPED_APP_YML = readFileSync('app.yml', 'utf8');
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n';
const CONVERSION = {
  id: 424242,
  slug: 'gatehouse-acme',
  name: 'Gatehouse Acme',
  owner: { login: 'octocat', type: 'User' },
  client_id: 'Iv1.0123456789abcdef',
  client_secret: 'client-secret',
  webhook_secret: 'webhook-secret-from-github-0123456789',
  pem: PEM,
  html_url: 'https://github.com/apps/gatehouse-acme',
};

const handles: AppHandle[] = [];

interface Setup {
  app: AppHandle;
  cwd: string;
}

/** Starts the App without APP_ID in a fresh folder holding `appYml` as its app.yml. */
async function startSetup(
  env: Record<string, string> = {},
  appYml = SHIPPED_APP_YML,
  options: StartOptions = {},
): Promise<Setup> {
  const cwd = mkdtempSync(join(tmpdir(), 'gatehouse-setup-'));
  writeFileSync(join(cwd, 'app.yml'), appYml);
  const app = await startApp(
    { HOST: '127.0.0.1', PORT: String(await findFreePort()), LOG_LEVEL: 'silent', ...env },
    { cwd, ...options },
  );
  handles.push(app);
  return { app, cwd };
}

beforeAll(() => disableNetwork());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  for (const app of handles) await app.stop();
});

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What a reader sees of a piece of HTML: its text, on one line. */
function readText(html: string): string {
  const blocks = /<\/?(p|li|td|th|tr|h1|h2|dd|dt|div|section|header|footer|ol|span)\b[^>]*>/g;
  return decodeEntities(
    html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(blocks, ' ')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The manifest the Register button posts, as the browser sends it. */
function readManifest(html: string): unknown {
  const value = /<input type="hidden" name="manifest" value="([^"]*)">/.exec(html)?.[1];
  if (value === undefined) throw new Error('the page has no manifest');
  return JSON.parse(decodeEntities(value));
}

/** Where the Register button posts, without its `state` (see readState). */
function readFormAction(html: string): string | undefined {
  const action = /<form action="([^"]*)" method="post">/.exec(html)?.[1];
  return action === undefined ? undefined : decodeEntities(action).replace(/\?state=[^&]*$/, '');
}

/** The `state` the Register button carries to GitHub, which GitHub hands back to the setup step. */
function readState(html: string): string {
  const action = /<form action="([^"]*)" method="post">/.exec(html)?.[1] ?? '';
  const state = new URL(decodeEntities(action)).searchParams.get('state');
  if (state === null) throw new Error('the Register button carries no state');
  return state;
}

/**
 * The setup step as GitHub sends the visitor back to it after the Register button: with the
 * one-time `code` and the `state` the page's button carried.
 */
async function returnFromGitHub(url: string, code: string): Promise<string> {
  const state = readState((await get(`${url}/`)).body);
  return `${url}/probot/setup?code=${encodeURIComponent(code)}&state=${state}`;
}

/** The body rows of the table in the section headed `heading`: each cell's text. */
function readTable(html: string, heading: string): string[][] {
  const section = html.split(`<h2>${heading}</h2>`)[1]?.split('</section>')[0];
  if (section === undefined) throw new Error(`the page has no section "${heading}"`);
  const body = section.split('<tbody>')[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => readText(cell[1] ?? '')),
  );
}

function expectNoStackTrace(body: string): void {
  expect(body).not.toMatch(/\n\s+at /);
  expect(body).not.toContain('.ts:');
}

describe('the App without APP_ID', () => {
  let setup: Setup;
  let page: string;
  const appYml = parse(SHIPPED_APP_YML) as {
    default_permissions: Record<string, string>;
    default_events: string[];
  };

  beforeAll(async () => {
    setup = await startSetup();
    const response = await get(`${setup.app.url}/`);
    expect(response.status).toBe(200);
    page = response.body;
  });

  it('starts in setup mode, with no sweep', () => {
    expect(setup.app.mode).toBe('setup');
    expect(setup.app.sweep).toBeUndefined();
    expect(setup.app.url).toBe(`http://127.0.0.1:${setup.app.port}`);
  });

  it("serves Gatehouse's registration page at /, and sends Probot's old address there", async () => {
    expect(readText(page)).toContain('Register Gatehouse as a GitHub App');
    expect(readText(page)).toContain('Gatehouse is an approval gate for GitHub');
    expect(page).not.toMatch(/probot\/static|<script|<img|<link/i);
    expect(await get(`${setup.app.url}/probot`)).toEqual({ status: 302, body: 'Found. Redirecting to /' });
  });

  it("posts app.yml as the manifest to GitHub, its redirect set to this server's setup step", () => {
    expect(readFormAction(page)).toBe('https://github.com/settings/apps/new');
    expect(readManifest(page)).toEqual({
      ...parse(SHIPPED_APP_YML),
      version: 'v1',
      redirect_url: `${setup.app.url}/probot/setup`,
    });
  });

  it("lists app.yml's permissions, each with its access and a reason", () => {
    const rows = readTable(page, 'The permissions it will ask for');
    expect(rows.map(([permission, access]) => [permission?.split(' ').at(-1), access])).toEqual(
      Object.entries(appYml.default_permissions),
    );
    expect(rows.map((row) => row[2])).toEqual(
      Object.keys(appYml.default_permissions).map((permission) => PERMISSION_REASONS[permission]),
    );
  });

  it("lists app.yml's events, each with a reason", () => {
    expect(readTable(page, 'The events it will receive')).toEqual(
      appYml.default_events.map((event) => [event, EVENT_REASONS[event]]),
    );
  });

  it("says the App is created for the visitor's account on github.com", () => {
    expect(readText(page)).toContain('On github.com Set GHE_HOST to create it on a GitHub Enterprise Server');
    expect(readText(page)).toContain('For Your personal account');
  });

  it("warns that the webhook URL is app.yml's placeholder, and says what to set and where", () => {
    const text = readText(page);
    expect(text).toContain('Webhook URL https://gatehouse.example.com/api/github/webhooks');
    expect(text).toContain("This is app.yml's placeholder, not your server.");
    expect(text).toContain(
      `Set hook_attributes.url in ${join(setup.cwd, 'app.yml')} to this server's public address followed by /api/github/webhooks`,
    );
  });

  it('answers an unknown address with a page that leads back, and a setup step without code with what to do', async () => {
    const missing = await get(`${setup.app.url}/api/github/webhooks`);
    expect(missing.status).toBe(404);
    expect(readText(missing.body)).toContain('Open the registration page');
    const noCode = await get(`${setup.app.url}/probot/setup`);
    expect(noCode.status).toBe(400);
    expect(readText(noCode.body)).toContain('It was opened without a code');
  });
});

describe('the registration page with other settings', () => {
  it('shows no warning once app.yml names a real webhook URL', async () => {
    const appYml = SHIPPED_APP_YML.replace(
      'https://gatehouse.example.com/api/github/webhooks',
      'https://gatehouse.acme.io/api/github/webhooks',
    );
    const { app } = await startSetup({}, appYml);
    const { body } = await get(`${app.url}/`);
    expect(readText(body)).toContain('Webhook URL https://gatehouse.acme.io/api/github/webhooks');
    expect(body).not.toContain('class="callout warning"');
  });

  it.each([
    ['http://localhost:3000/api/github/webhooks', 'GitHub cannot reach this address: it names this machine.'],
    ['gatehouse.acme.io/api/github/webhooks', 'This is not an http(s) URL: GitHub will refuse the manifest.'],
  ])('warns when the webhook URL is %s', async (url, warning) => {
    const appYml = SHIPPED_APP_YML.replace('https://gatehouse.example.com/api/github/webhooks', url);
    const { app } = await startSetup({}, appYml);
    const text = readText((await get(`${app.url}/`)).body);
    expect(text).toContain(warning);
    expect(text).toContain(`The webhook URL is still ${url}: fix it first`);
  });

  it('answers only reads: a delivery posted to it finds nothing, and /ping answers for health checks', async () => {
    const { app } = await startSetup();
    const response = await fetch(`${app.url}/api/github/webhooks`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await get(`${app.url}/ping`)).toEqual({ status: 200, body: 'PONG' });
  });

  it('with GH_ORG, creates the App for that organisation', async () => {
    const { app } = await startSetup({ GH_ORG: 'acme' });
    const { body } = await get(`${app.url}/`);
    expect(readFormAction(body)).toBe('https://github.com/organizations/acme/settings/apps/new');
    expect(readText(body)).toContain('For The organisation acme (GH_ORG)');
  });

  it('with GHE_HOST, creates the App on that Enterprise Server', async () => {
    const { app } = await startSetup({ GHE_HOST: 'github.acme.com', GH_ORG: 'platform' });
    const { body } = await get(`${app.url}/`);
    expect(readFormAction(body)).toBe('https://github.acme.com/organizations/platform/settings/apps/new');
    expect(readText(body)).toContain('On GitHub Enterprise Server at github.acme.com (GHE_HOST)');
  });

  it("escapes app.yml's name, description and webhook URL, and posts them unchanged", async () => {
    const hostile = {
      name: `<script>alert("name")</script> & 'Co'`,
      description: `</textarea><img src=x onerror="alert('description')">`,
      hook_attributes: { url: `https://x.example.com/"><script>alert(1)</script>` },
      default_permissions: { checks: 'write', '<b>bold</b>': 'read' },
      default_events: ['push', '<i>event</i>'],
    };
    const { app } = await startSetup({}, JSON.stringify(hostile));
    const { status, body } = await get(`${app.url}/`);
    expect(status).toBe(200);
    expect(body).not.toMatch(/<script|<img|<b>|<i>|<\/textarea>/);
    expect(readText(body)).toContain(`Register <script>alert("name")</script> & 'Co' as a GitHub App`);
    expect(readText(body)).toContain(`Description </textarea><img src=x onerror="alert('description')">`);
    expect(readManifest(body)).toMatchObject(hostile);
    expect(readTable(body, 'The permissions it will ask for')[1]?.[2]).toBe(
      'No reason given: Gatehouse does not ask for this permission; it was added to app.yml.',
    );
  });
});

describe('the setup step GitHub sends the visitor back to', () => {
  it.each([
    ['without a state', ''],
    ['with a state this server did not give', `&state=${'0'.repeat(32)}`],
  ])(
    'refuses a code that comes %s: GitHub is not asked and .env is not written (CSRF)',
    async (_case, state) => {
      // A page elsewhere sends the operator's browser here with the code of an App its author created.
      const github = nock(API).post('/app-manifests/attackers-code/conversions').reply(201, CONVERSION);
      const { app, cwd } = await startSetup();
      const { status, body } = await get(`${app.url}/probot/setup?code=attackers-code${state}`);
      expect(status).toBe(403);
      expect(readText(body)).toContain('This registration did not start here');
      expect(github.isDone()).toBe(false);
      expect(existsSync(join(cwd, '.env'))).toBe(false);
      nock.cleanAll();
    },
  );

  it('carries an unguessable state on the Register button, a new one for each server', async () => {
    const first = readState((await get(`${(await startSetup()).app.url}/`)).body);
    const second = readState((await get(`${(await startSetup()).app.url}/`)).body);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it("turns GitHub's code into .env, then shows what to do next", async () => {
    const github = nock(API).post('/app-manifests/code-from-github/conversions').reply(201, CONVERSION);
    const { app, cwd } = await startSetup();
    const response = await get(await returnFromGitHub(app.url, 'code-from-github'));
    github.done();
    expect(response.status).toBe(200);
    expect(parseEnv(readFileSync(join(cwd, '.env'), 'utf8'))).toEqual({
      APP_ID: '424242',
      PRIVATE_KEY: PEM,
      WEBHOOK_SECRET: 'webhook-secret-from-github-0123456789',
      GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
      GITHUB_CLIENT_SECRET: 'client-secret',
    });
    const text = readText(response.body);
    expect(text).toContain('Gatehouse Acme is registered on GitHub');
    expect(text).toContain(
      `Its credentials are in ${join(cwd, '.env')}, readable by you only: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET.`,
    );
    expect(response.body).toContain('href="https://github.com/apps/gatehouse-acme/installations/new"');
    expect(text).toContain('Restart npm start.');
    expect(text).toContain('Add a policy.');
    expect(text).toContain('Protect the default branch.');
    expect(text).toContain('Require the gatehouse check from this App (App ID 424242)');
    // The shipped app.yml's placeholder went to GitHub: the page says where to change it.
    expect(response.body).toContain('href="https://github.com/settings/apps/gatehouse-acme"');
    expect(response.body).not.toContain(PEM.split('\n')[1] as string);
    expect(response.body).not.toContain('webhook-secret-from-github');
  });

  it('shows the same page again on a reload, without asking GitHub a second time', async () => {
    const github = nock(API).post('/app-manifests/once/conversions').once().reply(201, CONVERSION);
    const { app } = await startSetup();
    const first = await get(await returnFromGitHub(app.url, 'once'));
    const again = await get(await returnFromGitHub(app.url, 'once'));
    github.done();
    expect(again).toEqual(first);
  });

  it("escapes the values of GitHub's answer", async () => {
    nock(API)
      .post('/app-manifests/hostile/conversions')
      .reply(201, { ...CONVERSION, name: '<img src=x onerror=alert(1)>' });
    const { app } = await startSetup();
    const { body } = await get(await returnFromGitHub(app.url, 'hostile'));
    expect(body).not.toContain('<img');
    expect(readText(body)).toContain('<img src=x onerror=alert(1)> is registered on GitHub');
  });

  it('when GitHub refuses the code, writes nothing and says what to do, without a stack trace', async () => {
    const github = nock(API)
      .post('/app-manifests/expired/conversions')
      .reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    const { app, cwd } = await startSetup({ GH_ORG: 'acme' });
    const { status, body } = await get(await returnFromGitHub(app.url, 'expired'));
    github.done();
    expect(status).toBe(502);
    expect(existsSync(join(cwd, '.env'))).toBe(false);
    const text = readText(body);
    expect(text).toContain('GitHub did not hand over the App’s credentials');
    expect(text).toContain('got no answer it could use: HTTP 404: Not Found.');
    expect(text).toContain("GitHub's code works once, within an hour. Nothing was written to .env.");
    expect(body).toContain('href="https://github.com/organizations/acme/settings/apps"');
    expectNoStackTrace(body);
  });

  it('refuses an answer whose App address is not a web address, and writes nothing', async () => {
    nock(API)
      .post('/app-manifests/odd/conversions')
      .reply(201, { ...CONVERSION, html_url: 'javascript:alert(1)' });
    const { app, cwd } = await startSetup();
    const { status, body } = await get(await returnFromGitHub(app.url, 'odd'));
    expect(status).toBe(502);
    expect(body).not.toContain('javascript:');
    expect(readText(body)).toContain(
      'got no answer it could use: GitHub answered with an App address that is not a web address.',
    );
    expect(existsSync(join(cwd, '.env'))).toBe(false);
  });

  it('when the credentials cannot be written, says the App exists and how to finish by hand', async () => {
    nock(API).post('/app-manifests/unsaved/conversions').reply(201, CONVERSION);
    const { app, cwd } = await startSetup();
    mkdirSync(join(cwd, '.env'));
    const { status, body } = await get(await returnFromGitHub(app.url, 'unsaved'));
    expect(status).toBe(500);
    const text = readText(body);
    expect(text).toContain('The App was created, but its credentials were not saved');
    expect(text).toContain(`writing its credentials to ${join(cwd, '.env')} failed: EISDIR`);
    expect(text).toContain('press Generate a private key');
    expect(text).toContain('Write APP_ID=424242, PRIVATE_KEY_PATH');
    expectNoStackTrace(body);
  });

  it('writes where saveCredentials says, when a caller gives one', async () => {
    nock(API).post('/app-manifests/elsewhere/conversions').reply(201, CONVERSION);
    const saved: Record<string, string | undefined>[] = [];
    const { app } = await startSetup({}, SHIPPED_APP_YML, {
      saveCredentials: (values) => saved.push(values),
    });
    expect((await get(await returnFromGitHub(app.url, 'elsewhere'))).status).toBe(200);
    expect(saved).toEqual([expect.objectContaining({ APP_ID: '424242', PRIVATE_KEY: PEM })]);
  });
});

describe('starting without APP_ID is refused', () => {
  it('without app.yml in the folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gatehouse-setup-'));
    await expect(startApp({ PORT: '1' }, { cwd })).rejects.toThrow(
      `app.yml cannot be read in ${cwd} (ENOENT): the registration page sends it to GitHub; run npm start in the Gatehouse folder`,
    );
  });

  it('with default_events that are not a list', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gatehouse-setup-'));
    writeFileSync(join(cwd, 'app.yml'), 'name: Gatehouse\ndefault_events: push\n');
    await expect(startApp({ PORT: '1' }, { cwd })).rejects.toThrow(
      'app.yml default_events: expected a list of event names',
    );
  });

  it('with a GH_ORG that is not an organisation login', async () => {
    await expect(startApp({ PORT: '1', GH_ORG: 'acme/evil' })).rejects.toThrow(
      'GH_ORG is "acme/evil": expected the login of an organisation',
    );
  });
});
