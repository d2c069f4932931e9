import { describe, expect, it } from 'vitest';
import { AppSettingsError } from '../../src/app/settings.ts';
import { startApp } from '../../src/app/start-app.ts';
import { appKey } from '../support/app-key.ts';
import { disableNetwork, get, SECRET, startHarness } from './harness.ts';

describe('starting the App', () => {
  it('with REDIS_URL but without the ioredis package Probot loads for it is refused, before listening', async () => {
    const start = startApp({
      APP_ID: '4242',
      PRIVATE_KEY: appKey(),
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: '1',
    });
    await expect(start).rejects.toThrow(AppSettingsError);
    await expect(start).rejects.toThrow(
      'REDIS_URL is set but the ioredis package is not installed: run `npm install ioredis@5` next to Gatehouse, or unset REDIS_URL',
    );
  });

  it('with a weak secret is refused before anything else happens (W6)', async () => {
    await expect(
      startApp({ APP_ID: '4242', PRIVATE_KEY: appKey(), WEBHOOK_SECRET: 'development', PORT: '1' }),
    ).rejects.toThrow('WEBHOOK_SECRET is "development"');
  });

  it('registered, answers / with a status page instead of the registration page', async () => {
    disableNetwork();
    const harness = await startHarness();
    try {
      const { status, body } = await get(`${harness.url}/`);
      expect(status).toBe(200);
      expect(body).toContain('<h1>Gatehouse is running</h1>');
      expect(body).toContain(
        'GitHub sends its webhooks to\n<code>/api/github/webhooks</code> on this server',
      );
      expect(body).not.toContain('name="manifest"');
      expect((await get(`${harness.url}/probot`)).status).toBe(404);
    } finally {
      await harness.stop();
    }
  });
});
