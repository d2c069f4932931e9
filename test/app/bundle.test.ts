// dist/app.mjs as a server runs it: `node dist/app.mjs` in a folder holding only app.yml (no
// package.json, no node_modules), on Node 24 and on the oldest Node a bundle must run on.
// check:fresh proves dist/ is the build of the sources the other App tests exercise.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RUNTIMES } from '../action-e2e/scenario.ts';
import { appKey } from '../support/app-key.ts';
import { findFreePort, get, SECRET } from './harness.ts';

const BUNDLE = resolve('dist/app.mjs');
const running: { child: ChildProcess; dir: string }[] = [];

afterEach(() => {
  for (const { child, dir } of running.splice(0)) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

async function startBundle(node: string, env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-app-bundle-'));
  copyFileSync('app.yml', join(dir, 'app.yml'));
  const port = await findFreePort();
  const child = spawn(node, [BUNDLE], {
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
  });
  running.push({ child, dir });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`dist/app.mjs exited ${child.exitCode}: ${output}`);
    const up = await get(`${url}/ping`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (up) return url;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`dist/app.mjs did not answer: ${output}`);
}

function deliverPing(url: string, signature: string, body: string): Promise<number> {
  return new Promise((done, fail) => {
    const sent = request(
      `${url}/api/github/webhooks`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
          'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
          'x-hub-signature-256': signature,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    sent.on('error', fail);
    sent.end(body);
  });
}

describe.each(RUNTIMES)('dist/app.mjs on $name, with app.yml and nothing installed', ({ node }) => {
  it('serves the registration page before the App has an APP_ID', async () => {
    const url = await startBundle(node, {});
    const page = await get(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Register Gatehouse as a GitHub App');
  });

  it('takes webhooks signed with its secret and refuses any other signature', async () => {
    const url = await startBundle(node, {
      APP_ID: '31337',
      PRIVATE_KEY: appKey(),
      WEBHOOK_SECRET: SECRET,
    });
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const signed = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    expect(await deliverPing(url, signed, body)).toBe(200);
    expect(await deliverPing(url, `sha256=${'0'.repeat(64)}`, body)).toBe(400);
    expect((await get(`${url}/`)).body).toContain('Gatehouse is running');
  });
});
