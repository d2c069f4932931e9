import { describe, expect, it } from 'vitest';
import { mergeOctokitOptions, withAuthAtBaseUrl } from '../../src/app/octokit.ts';

describe("the App's client options", () => {
  const capped = () => false;
  const probots = () => true;

  it("put Gatehouse's throttle handlers over Probot's, keeping what Probot adds to the group", () => {
    const merged = mergeOctokitOptions(
      {
        throttle: { enabled: true, id: '7077', onRateLimit: probots, onSecondaryRateLimit: probots },
        userAgent: 'probot',
      },
      { throttle: { onRateLimit: capped, onSecondaryRateLimit: capped }, retry: { retries: 2 } },
    );
    expect(merged).toEqual({
      throttle: { enabled: true, id: '7077', onRateLimit: capped, onSecondaryRateLimit: capped },
      retry: { retries: 2 },
      userAgent: 'probot',
    });
  });

  it('replace values that are not plain objects', () => {
    const fetch = () => undefined;
    expect(mergeOctokitOptions({ request: undefined, log: 'x' }, { request: { fetch }, log: 'y' })).toEqual({
      request: { fetch },
      log: 'y',
    });
  });
});

describe("the App's token minting", () => {
  const request = Object.assign(() => undefined, {
    defaults: (defaults: { baseUrl: string }) => ({ mintsAt: defaults.baseUrl }),
  });

  it('asks the GitHub Enterprise Server the App is configured for', () => {
    const options = withAuthAtBaseUrl({
      baseUrl: 'https://ghe.example.com/api/v3',
      auth: { appId: 1, request },
    });
    expect(options.auth).toEqual({ appId: 1, request: { mintsAt: 'https://ghe.example.com/api/v3' } });
  });

  it('is left as Probot set it on github.com (no base URL)', () => {
    const options = { auth: { appId: 1, request } };
    expect(withAuthAtBaseUrl(options)).toBe(options);
  });
});
