import { describe, expect, it } from 'vitest';
import { AppSettingsError } from '../../src/app/settings.ts';
import { startApp } from '../../src/app/start-app.ts';
import { createPrivateKey, SECRET } from './harness.ts';

describe('starting the App', () => {
  it('with REDIS_URL but without the ioredis package Probot loads for it is refused, before listening', async () => {
    const start = startApp({
      APP_ID: '4242',
      PRIVATE_KEY: createPrivateKey(),
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
      startApp({ APP_ID: '4242', PRIVATE_KEY: createPrivateKey(), WEBHOOK_SECRET: 'development', PORT: '1' }),
    ).rejects.toThrow('WEBHOOK_SECRET is "development"');
  });
});
