// Gatehouse's own accounts, read from the API once per process: the App (GET /app, as the App)
// and its bot user (GET /users/{slug}[bot]). Payload fields that look like identity hints are not
// used: whose comments are Gatehouse's own must come from GitHub, not from the request.

export interface BotIdentity {
  appId: number;
  botId: number;
  botLogin: string;
}

/** The two requests the look-up makes; a ProbotOctokit fits. */
export interface IdentityClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

export interface BotIdentityCache {
  /** `asApp` is authenticated as the App (JWT); `asInstallation` with an installation token. */
  load(asApp: () => Promise<IdentityClient>, asInstallation: IdentityClient): Promise<BotIdentity>;
}

function readNumber(data: unknown, key: string): number {
  const value = (data as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number') throw new Error(`GitHub's answer has no numeric "${key}"`);
  return value;
}

function readString(data: unknown, key: string): string {
  const value = (data as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'string' || value === '') throw new Error(`GitHub's answer has no "${key}"`);
  return value;
}

/** A cache of one look-up; a failed look-up is forgotten, so the next delivery tries again. */
export function createBotIdentityCache(): BotIdentityCache {
  let pending: Promise<BotIdentity> | undefined;
  return {
    load(asApp, asInstallation) {
      pending ??= (async () => {
        const app = await (await asApp()).request('GET /app');
        const appId = readNumber(app.data, 'id');
        const slug = readString(app.data, 'slug');
        const user = await asInstallation.request('GET /users/{username}', { username: `${slug}[bot]` });
        return { appId, botId: readNumber(user.data, 'id'), botLogin: readString(user.data, 'login') };
      })();
      const current = pending;
      current.catch(() => {
        if (pending === current) pending = undefined;
      });
      return current;
    },
  };
}
