import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { saveEnvFile } from '../../src/app/env-file.ts';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\nAAAA\n-----END RSA PRIVATE KEY-----\n';

describe('the env file the registration page writes', () => {
  it('holds the new credentials, the key on one line that Node reads back whole', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-env-')), '.env');
    saveEnvFile(path, {
      APP_ID: '123',
      PRIVATE_KEY: `"${PEM}"`,
      WEBHOOK_SECRET: 'abc123',
      WEBHOOK_PROXY_URL: undefined,
    });
    expect(readFileSync(path, 'utf8')).toBe(
      'APP_ID=123\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\nAAAA\\n-----END RSA PRIVATE KEY-----\\n"\nWEBHOOK_SECRET=abc123\n',
    );
    expect(parseEnv(readFileSync(path, 'utf8'))).toEqual({
      APP_ID: '123',
      PRIVATE_KEY: PEM,
      WEBHOOK_SECRET: 'abc123',
    });
  });

  it('keeps what the file held and is readable by its owner only', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-env-')), '.env');
    writeFileSync(path, 'PORT=4000\nLOG_LEVEL=debug\n', { mode: 0o644 });
    saveEnvFile(path, { LOG_LEVEL: 'info', GITHUB_CLIENT_SECRET: 'x y' });
    expect(parseEnv(readFileSync(path, 'utf8'))).toEqual({
      PORT: '4000',
      LOG_LEVEL: 'info',
      GITHUB_CLIENT_SECRET: 'x y',
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a value it could not write back faithfully', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-env-')), '.env');
    expect(() => saveEnvFile(path, { NAME: 'say "hi"' })).toThrow('a value with a double quote');
  });
});
