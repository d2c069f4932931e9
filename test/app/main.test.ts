// `npm start` as a process: the command of package.json's start script, run by the project's
// Node 24 in a folder with app.yml and package.json (and a .env file where a test writes one).
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { appKey } from '../support/app-key.ts';
import { findFreePort, get, SECRET } from './harness.ts';

const NODE_24 = resolve('node_modules/.bin/node');

function createWorkdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-start-'));
  copyFileSync('app.yml', join(dir, 'app.yml'));
  copyFileSync('package.json', join(dir, 'package.json'));
  return dir;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Run {
  cwd: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs the start script's command with `env` (and PATH) in a fresh folder, with `dotEnv` as its .env. */
function start(env: Record<string, string>, dotEnv?: string): Run {
  const [command, ...args] = packageJson.scripts.start.split(' ');
  expect(command).toBe('node');
  const cwd = createWorkdir();
  if (dotEnv !== undefined) writeFileSync(join(cwd, '.env'), dotEnv);
  const child = spawn(
    NODE_24,
    args.map((arg) => (arg.endsWith('.ts') ? resolve(arg) : arg)),
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
  return { cwd, child, exited };
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await get(url).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not answer`);
}

const APP = { APP_ID: '31337', PRIVATE_KEY: appKey(), LOG_LEVEL: 'warn' };

describe('npm start', () => {
  describe.each([
    ['unset', {}],
    ['empty', { WEBHOOK_SECRET: '' }],
    ['"development"', { WEBHOOK_SECRET: 'development' }],
    ['low in entropy', { WEBHOOK_SECRET: 'aaaaaaaaaaaaaaaaaaaaaaaa' }],
  ])('with WEBHOOK_SECRET %s (W6)', (_case, secret) => {
    it('refuses to start: exit code 1 and one line that says why', async () => {
      const { exited } = start({ ...APP, ...secret });
      const { code, stderr, stdout } = await exited;
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(
        /^gatehouse: not started: WEBHOOK_SECRET .+: use the secret GitHub shows for the App/,
      );
      expect(stdout).not.toContain('Listening');
    }, 20_000);
  });

  it('without APP_ID serves the registration page, writes nothing, and stops on SIGTERM', async () => {
    const port = await findFreePort();
    const { child, exited, cwd } = start({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' });
    await waitForServer(`http://127.0.0.1:${port}/`);
    const page = await get(`http://127.0.0.1:${port}/`);
    expect(page.body).toContain('<h1>Register Gatehouse as a GitHub App</h1>');
    expect(page.body).toContain('&quot;name&quot;:&quot;Gatehouse&quot;');
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(existsSync(join(cwd, '.env'))).toBe(false);
  }, 20_000);

  it('with APP_ID, a key and a strong secret runs the App, and stops on SIGINT', async () => {
    const port = await findFreePort();
    const { child, exited } = start({
      ...APP,
      WEBHOOK_SECRET: SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    await waitForServer(`http://127.0.0.1:${port}/ping`);
    expect(await get(`http://127.0.0.1:${port}/probot`)).toMatchObject({ status: 404 });
    child.kill('SIGINT');
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain('gatehouse: SIGINT, stopping');
  }, 20_000);

  it('reads what the environment leaves unset from .env, as the registration page writes it', async () => {
    const port = await findFreePort();
    const key = `"${appKey().replace(/\n/g, '\\n')}"`;
    const dotEnv = `APP_ID=31337\nPRIVATE_KEY=${key}\nWEBHOOK_SECRET=${SECRET}\nPORT=1\n`;
    const { child, exited } = start({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' }, dotEnv);
    await waitForServer(`http://127.0.0.1:${port}/ping`);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 20_000);
});
