import { describe, expect, it } from 'vitest';
import { mergeOctokitOptions } from '../../src/app/octokit.ts';

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
