// The retry of a request whose installation token GitHub refused (R7), on a client with a stand-in
// auth strategy and fetch: one new token and one more try, only for an installation token's 401.
import { Octokit } from '@octokit/core';
import { describe, expect, it } from 'vitest';
import { refreshInstallationToken } from '../../src/app/refresh-installation-token.ts';

const Client = Octokit.plugin(refreshInstallationToken);

/** A client whose token is `tokens[n]` after n refreshes, and a GitHub that takes `accepted` only. */
function aClient(options: { accepted: string[]; scheme?: 'token' | 'bearer'; refreshFails?: boolean }) {
  const tokens = ['old', 'new', 'newer'];
  let current = 0;
  const sent: string[] = [];
  const octokit = new Client({
    authStrategy: () => {
      const auth = async (request: { refresh?: boolean } = {}) => {
        if (request.refresh === true) {
          if (options.refreshFails) throw new Error('installationId option is required');
          current += 1;
        }
        return { type: 'token', token: tokens[current] };
      };
      return Object.assign(auth, {
        hook: async (request: (options: unknown) => Promise<unknown>, route: string, parameters: object) => {
          const endpoint = (
            request as unknown as {
              endpoint: { merge: (r: string, p: object) => { headers: Record<string, string> } };
            }
          ).endpoint.merge(route, parameters);
          endpoint.headers.authorization = `${options.scheme ?? 'token'} ${tokens[current]}`;
          return request(endpoint);
        },
      });
    },
    request: {
      fetch: async (_url: string, init: { headers: Record<string, string> }) => {
        const token = String(init.headers.authorization).split(' ')[1] ?? '';
        sent.push(token);
        const ok = options.accepted.includes(token);
        return new Response(JSON.stringify(ok ? { number: 7 } : { message: 'Bad credentials' }), {
          status: ok ? 200 : 401,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  });
  return { octokit, sent };
}

const get = (octokit: InstanceType<typeof Client>) => octokit.request('GET /repos/acme/shop/pulls/7');

describe('a request whose installation token GitHub refused (401)', () => {
  it('goes again once, with a new token', async () => {
    const { octokit, sent } = aClient({ accepted: ['new'] });
    await expect(get(octokit)).resolves.toMatchObject({ status: 200 });
    expect(sent).toEqual(['old', 'new']);
  });

  it('fails when the new token is refused too: no second refresh', async () => {
    const { octokit, sent } = aClient({ accepted: [] });
    await expect(get(octokit)).rejects.toMatchObject({ status: 401 });
    expect(sent).toEqual(['old', 'new']);
  });

  it('fails with the 401 when no new token can be had (not an installation’s client)', async () => {
    const { octokit, sent } = aClient({ accepted: ['new'], refreshFails: true });
    await expect(get(octokit)).rejects.toMatchObject({ status: 401 });
    expect(sent).toEqual(['old']);
  });

  it('leaves a refused JWT to @octokit/auth-app', async () => {
    const { octokit, sent } = aClient({ accepted: ['new'], scheme: 'bearer' });
    await expect(get(octokit)).rejects.toMatchObject({ status: 401 });
    expect(sent).toEqual(['old']);
  });
});
