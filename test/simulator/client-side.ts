// What the simulator's own tests use to talk to it as an App's client does, with plain fetch: the
// App's identity and key, its JWT as universal-github-app-jwt makes it, and its requests.
import { createSign } from 'node:crypto';
import type { Actor } from '../../src/core/model.ts';
import type { GitHubSimulator } from './github.ts';

/** The App as GitHub registered it, with ids of the size github.com hands out today. */
export const TEST_APP = { id: 1_048_576, slug: 'gatehouse', name: 'Gatehouse', installationId: 58_213_907 };
export const TEST_BOT: Actor = { id: 187_423_551, login: 'gatehouse[bot]', type: 'Bot' };

/** A JWT as universal-github-app-jwt makes it; `claims` override the defaults. */
export function createJwt(privateKey: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 30, exp: now + 570, iss: TEST_APP.id, ...claims })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey, 'base64url')}`;
}

export interface Answered {
  status: number;
  /** The JSON body; `{}` when there was none (see `empty`). */
  data: Record<string, unknown>;
  empty: boolean;
}

/** One request to the simulator at `path` (with `/api/v3` for an Enterprise Server's), as a client sends it. */
export async function callSimulator(
  sim: GitHubSimulator,
  method: string,
  path: string,
  credential: string | undefined,
  body?: unknown,
): Promise<Answered> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/vnd.github+json',
      ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    data: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    empty: text === '',
  };
}
