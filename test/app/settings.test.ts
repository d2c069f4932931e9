import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AppSettingsError,
  DEFAULT_SWEEP_DELAY_MS,
  DEFAULT_SWEEP_INTERVAL_MS,
  findWebhookSecretProblem,
  loadAppSettings,
} from '../../src/app/settings.ts';
import { appKey } from '../support/app-key.ts';

const privateKey = appKey();
const SECRET = 'a8f5f167f44f4964e6c998dee827110c';
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-settings-'));
const APP = { APP_ID: '123', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET };

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadAppSettings(env, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(AppSettingsError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('the App settings', () => {
  describe('without APP_ID or a key', () => {
    it('are for the registration page, which needs no webhook secret', () => {
      expect(loadAppSettings({}, dir)).toEqual({
        mode: 'setup',
        port: 3000,
        host: undefined,
        logLevel: 'info',
        baseUrl: 'https://api.github.com',
        webUrl: 'https://github.com',
        enterpriseHost: undefined,
        organization: undefined,
        webhookProxyUrl: undefined,
      });
    });

    it('say where the App will be created: GH_ORG, GHE_HOST and GHE_PROTOCOL', () => {
      expect(
        loadAppSettings({ GH_ORG: 'acme', GHE_HOST: 'github.acme.com:8443', GHE_PROTOCOL: 'http' }, dir),
      ).toMatchObject({
        mode: 'setup',
        baseUrl: 'http://github.acme.com:8443/api/v3',
        webUrl: 'http://github.acme.com:8443',
        enterpriseHost: 'github.acme.com:8443',
        organization: 'acme',
      });
    });

    it('refuse a GH_ORG that is not an organisation login', () => {
      expect(refusal({ GH_ORG: 'acme/../evil' })).toBe(
        'GH_ORG is "acme/../evil": expected the login of an organisation, such as acme (letters, digits and hyphens)',
      );
    });

    it('refuse a private key without APP_ID', () => {
      expect(refusal({ PRIVATE_KEY: privateKey })).toBe(
        'a private key is set but APP_ID is not: set APP_ID to the App ID',
      );
    });
  });

  describe('with APP_ID, a key and a strong secret', () => {
    it('run the App with the defaults', () => {
      expect(loadAppSettings(APP, dir)).toEqual({
        mode: 'app',
        port: 3000,
        host: undefined,
        logLevel: 'info',
        baseUrl: 'https://api.github.com',
        appId: 123,
        privateKey,
        webhookSecret: SECRET,
        redisUrl: undefined,
        sweepIntervalMs: DEFAULT_SWEEP_INTERVAL_MS,
        sweepDelayMs: DEFAULT_SWEEP_DELAY_MS,
        replicas: 1,
      });
    });

    it('read every setting the docs list', () => {
      const settings = loadAppSettings(
        {
          ...APP,
          PORT: '8080',
          HOST: '0.0.0.0',
          LOG_LEVEL: 'DEBUG',
          GHE_HOST: 'github.acme.test',
          GHE_PROTOCOL: 'http',
          REDIS_URL: 'redis://cache:6379',
          GATEHOUSE_SWEEP_INTERVAL: '15m',
          GATEHOUSE_SWEEP_DELAY: '2m',
          GATEHOUSE_REPLICAS: '3',
          WEBHOOK_SECRET_PREVIOUS: 'b7e1d2c3a4f5061728394a5b6c7d8e9f',
        },
        dir,
      );
      expect(settings).toMatchObject({
        previousWebhookSecret: 'b7e1d2c3a4f5061728394a5b6c7d8e9f',
        port: 8080,
        host: '0.0.0.0',
        logLevel: 'debug',
        baseUrl: 'http://github.acme.test/api/v3',
        redisUrl: 'redis://cache:6379',
        sweepIntervalMs: 900_000,
        sweepDelayMs: 120_000,
        replicas: 3,
      });
    });

    it('run the first sweep at once with GATEHOUSE_SWEEP_DELAY=0', () => {
      expect(loadAppSettings({ ...APP, GATEHOUSE_SWEEP_DELAY: '0' }, dir)).toMatchObject({
        sweepDelayMs: 0,
      });
    });

    it.each(['0', 'two', '-1', '1.5'])('refuse GATEHOUSE_REPLICAS=%s, saying what it takes', (text) => {
      expect(() => loadAppSettings({ ...APP, GATEHOUSE_REPLICAS: text }, dir)).toThrow(
        `GATEHOUSE_REPLICAS is "${text}": expected how many App processes serve the same installations, such as 1 or 3`,
      );
    });

    it('turn the sweep off with GATEHOUSE_SWEEP_INTERVAL=0', () => {
      expect(loadAppSettings({ ...APP, GATEHOUSE_SWEEP_INTERVAL: '0' }, dir)).toMatchObject({
        sweepIntervalMs: 0,
      });
    });

    it('read the key from PRIVATE_KEY_PATH', () => {
      writeFileSync(join(dir, 'app.pem'), privateKey);
      const { PRIVATE_KEY: _, ...rest } = APP;
      expect(loadAppSettings({ ...rest, PRIVATE_KEY_PATH: 'app.pem' }, dir)).toMatchObject({ privateKey });
    });

    it('read a key written on one line with \\n escapes, as the registration page writes it', () => {
      const oneLine = `"${privateKey.replace(/\n/g, '\\n')}"`;
      expect(loadAppSettings({ ...APP, PRIVATE_KEY: oneLine }, dir)).toMatchObject({ privateKey });
    });
  });

  describe('refuse to start (W6)', () => {
    it.each([
      ['unset', undefined, 'WEBHOOK_SECRET is not set'],
      ['empty', '', 'WEBHOOK_SECRET is not set'],
      ['blank', '   ', 'WEBHOOK_SECRET is not set'],
      ["Probot's default", 'development', 'WEBHOOK_SECRET is "development", Probot\'s public default'],
      ['short', 'abc123XYZ', 'WEBHOOK_SECRET is 9 characters, fewer than 16'],
      ['one repeated character', 'x'.repeat(40), 'WEBHOOK_SECRET repeats one character'],
      ['a short pattern repeated', 'abcabcabcabcabcabc', 'WEBHOOK_SECRET repeats too few characters'],
    ])('when WEBHOOK_SECRET is %s', (_case, secret, message) => {
      expect(refusal({ ...APP, WEBHOOK_SECRET: secret })).toContain(message);
    });

    it('with a message that says how to fix it', () => {
      expect(findWebhookSecretProblem(undefined)).toBe(
        'WEBHOOK_SECRET is not set: use the secret GitHub shows for the App, e.g. from `openssl rand -hex 32`',
      );
    });

    it('when WEBHOOK_SECRET_PREVIOUS is weak, or the current secret again', () => {
      expect(refusal({ ...APP, WEBHOOK_SECRET_PREVIOUS: 'development' })).toMatch(
        /^WEBHOOK_SECRET_PREVIOUS is "development", Probot's public default/,
      );
      expect(refusal({ ...APP, WEBHOOK_SECRET_PREVIOUS: 'short' })).toMatch(
        /^WEBHOOK_SECRET_PREVIOUS is 5 characters/,
      );
      expect(refusal({ ...APP, WEBHOOK_SECRET_PREVIOUS: SECRET })).toMatch(
        /^WEBHOOK_SECRET_PREVIOUS is the same as WEBHOOK_SECRET/,
      );
    });

    it.each([
      [{ APP_ID: 'my-app' }, 'APP_ID is "my-app": expected the App\'s numeric ID'],
      [{ PRIVATE_KEY: undefined }, 'APP_ID is set but there is no private key'],
      [{ PRIVATE_KEY: 'not a key' }, 'PRIVATE_KEY is not a PEM private key'],
      [{ PRIVATE_KEY_PATH: 'app.pem' }, 'PRIVATE_KEY and PRIVATE_KEY_PATH are both set'],
      [
        { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'missing.pem' },
        'PRIVATE_KEY_PATH is "missing.pem": the file cannot be read (ENOENT)',
      ],
      [{ PORT: 'http' }, 'PORT is "http": expected a whole number from 1 to 65535'],
      [{ PORT: '70000' }, 'PORT is "70000"'],
      [
        { LOG_LEVEL: 'loud' },
        'LOG_LEVEL is "loud": expected one of trace, debug, info, warn, error, fatal, silent',
      ],
      [
        { GHE_HOST: 'https://github.acme.test' },
        'GHE_HOST is "https://github.acme.test": expected a host name',
      ],
      [{ GHE_PROTOCOL: 'ftp' }, 'GHE_PROTOCOL is "ftp"'],
      [
        { GATEHOUSE_SWEEP_INTERVAL: '10s' },
        'GATEHOUSE_SWEEP_INTERVAL is "10s": expected a duration of at least 1m',
      ],
      [{ GATEHOUSE_SWEEP_INTERVAL: 'often' }, 'GATEHOUSE_SWEEP_INTERVAL is "often"'],
      [
        { GATEHOUSE_SWEEP_DELAY: 'soon' },
        'GATEHOUSE_SWEEP_DELAY is "soon": expected a duration of at most 1h',
      ],
      [{ GATEHOUSE_SWEEP_DELAY: '2h' }, 'GATEHOUSE_SWEEP_DELAY is "2h"'],
    ])('when %o', (change, message) => {
      expect(refusal({ ...APP, ...change })).toContain(message);
    });
  });
});
