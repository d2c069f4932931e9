import { describe, expect, it, vi } from 'vitest';
import { createBotIdentityCache, type IdentityClient } from '../../src/app/bot-identity.ts';

function client(answers: Record<string, unknown>): IdentityClient & { request: ReturnType<typeof vi.fn> } {
  return {
    request: vi.fn(async (route: string, parameters?: Record<string, unknown>) => {
      const key = parameters?.username === undefined ? route : `${route} ${String(parameters.username)}`;
      if (!(key in answers)) throw new Error(`unexpected ${key}`);
      const answer = answers[key];
      if (answer instanceof Error) throw answer;
      return { data: answer };
    }),
  };
}

describe("Gatehouse's own identity", () => {
  it('comes from GET /app and the bot user of its slug', async () => {
    const asApp = client({ 'GET /app': { id: 31337, slug: 'gatehouse-acme' } });
    const asInstallation = client({
      'GET /users/{username} gatehouse-acme[bot]': { id: 9999, login: 'gatehouse-acme[bot]', type: 'Bot' },
    });
    const cache = createBotIdentityCache();
    expect(await cache.load(async () => asApp, asInstallation)).toEqual({
      appId: 31337,
      botId: 9999,
      botLogin: 'gatehouse-acme[bot]',
    });
  });

  it('is read once per process', async () => {
    const asApp = client({ 'GET /app': { id: 1, slug: 'g' } });
    const asInstallation = client({ 'GET /users/{username} g[bot]': { id: 2, login: 'g[bot]' } });
    const cache = createBotIdentityCache();
    await Promise.all([
      cache.load(async () => asApp, asInstallation),
      cache.load(async () => asApp, asInstallation),
    ]);
    await cache.load(async () => asApp, asInstallation);
    expect(asApp.request).toHaveBeenCalledTimes(1);
    expect(asInstallation.request).toHaveBeenCalledTimes(1);
  });

  it('is read again after a failed look-up', async () => {
    const failing = client({ 'GET /app': new Error('502') });
    const asApp = client({ 'GET /app': { id: 1, slug: 'g' } });
    const asInstallation = client({ 'GET /users/{username} g[bot]': { id: 2, login: 'g[bot]' } });
    const cache = createBotIdentityCache();
    await expect(cache.load(async () => failing, asInstallation)).rejects.toThrow('502');
    expect(await cache.load(async () => asApp, asInstallation)).toMatchObject({ botId: 2 });
  });

  it.each([
    [{ slug: 'g' }, 'GitHub\'s answer has no numeric "id"'],
    [{ id: 1 }, 'GitHub\'s answer has no "slug"'],
    [null, 'GitHub\'s answer has no numeric "id"'],
  ])('is refused when GitHub answers %o', async (app, message) => {
    const cache = createBotIdentityCache();
    await expect(cache.load(async () => client({ 'GET /app': app }), client({}))).rejects.toThrow(message);
  });
});
