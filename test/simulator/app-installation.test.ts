// The simulator with an App installed answers credentials as GitHub does: the App's JWT on the
// /app routes only, installation tokens it minted (narrowed ones within their permissions) on
// everything else, and what a token writes is the App's bot's. Plain fetch, as a client sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAppKey } from '../support/app-key.ts';
import { TEST_BOT as BOT, callSimulator, createJwt, TEST_APP } from './client-side.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';

const APP_ID = TEST_APP.id;
const INSTALLATION_ID = TEST_APP.installationId;
const key = generateAppKey();

let sim: GitHubSimulator;

async function call(method: string, path: string, credential: string | undefined, body?: unknown) {
  const { status, data } = await callSimulator(sim, method, path, credential, body);
  return { status, data };
}

async function mint(body: unknown = {}): Promise<string> {
  const answer = await call(
    'POST',
    `/app/installations/${INSTALLATION_ID}/access_tokens`,
    createJwt(key),
    body,
  );
  expect(answer.status).toBe(201);
  return String(answer.data.token);
}

beforeAll(async () => {
  sim = await startGitHubSimulator();
  sim.installApp({
    id: APP_ID,
    slug: 'gatehouse',
    name: 'Gatehouse',
    privateKey: key,
    installationId: INSTALLATION_ID,
    permissions: {
      checks: 'write',
      issues: 'write',
      pull_requests: 'write',
      contents: 'write',
      deployments: 'write',
    },
    events: ['pull_request'],
    bot: BOT,
  });
  sim.setFile('README.md', 'Shop\n');
});
afterAll(() => sim.close());

describe('the simulator with an App installed', () => {
  describe('authenticating as the App', () => {
    it('answers GET /app and the repository installation to a JWT signed by the App key', async () => {
      const app = await call('GET', '/app', createJwt(key));
      expect(app).toMatchObject({ status: 200, data: { id: APP_ID, slug: 'gatehouse', name: 'Gatehouse' } });
      const installation = await call('GET', '/api/v3/repos/acme/shop/installation', createJwt(key));
      expect(installation).toMatchObject({ status: 200, data: { id: INSTALLATION_ID, app_id: APP_ID } });
    });

    it('refuses a JWT signed by another key, an expired one and one of another App', async () => {
      const refusals = await Promise.all([
        call('GET', '/app', createJwt(generateAppKey())),
        call('GET', '/app', createJwt(key, { iat: 1_000, exp: 1_500 })),
        call('GET', '/app', createJwt(key, { iss: 7 })),
      ]);
      expect(refusals.map((answer) => [answer.status, answer.data.message])).toEqual([
        [401, 'A JSON web token could not be decoded'],
        [
          401,
          "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
        ],
        [401, 'Integration not found'],
      ]);
    });

    it('does not let the JWT act on the repository', async () => {
      const answer = await call('GET', '/repos/acme/shop/contents/README.md', createJwt(key));
      expect(answer).toMatchObject({
        status: 403,
        data: { message: 'Resource not accessible by integration' },
      });
    });
  });

  describe('installation tokens', () => {
    it('serves a token it minted, and refuses an unknown one or none', async () => {
      const token = await mint();
      expect((await call('GET', '/repos/acme/shop/contents/README.md', token)).status).toBe(200);
      const unknown = await call(
        'GET',
        '/repos/acme/shop/contents/README.md',
        'ghs_notonegithubminted000000000000',
      );
      expect(unknown).toMatchObject({ status: 401, data: { message: 'Bad credentials' } });
      expect((await call('GET', '/repos/acme/shop/contents/README.md', undefined)).status).toBe(401);
    });

    it("lets a token expire an hour after minting on GitHub's clock, while the App's JWT is checked by the real time", async () => {
      const token = await mint();
      const offset = sim.clockOffsetMs;
      try {
        sim.advance(59 * 60_000);
        expect((await call('GET', '/repos/acme/shop/contents/README.md', token)).status).toBe(200);
        sim.advance(60_000);
        const expired = await call('GET', '/repos/acme/shop/contents/README.md', token);
        expect(expired).toMatchObject({ status: 401, data: { message: 'Bad credentials' } });
        // The App signs its JWT with its host's clock, as GitHub accepts it: a new token is minted.
        const fresh = await mint();
        expect((await call('GET', '/repos/acme/shop/contents/README.md', fresh)).status).toBe(200);
      } finally {
        sim.clockOffsetMs = offset;
      }
    });

    it('records a narrowed token and keeps it to deployments: a pull request read is 403', async () => {
      const token = await mint({ repositories: ['shop'], permissions: { deployments: 'write' } });
      expect(sim.app?.tokens.get(token)).toMatchObject({
        repositories: ['shop'],
        permissions: { deployments: 'write', metadata: 'read' },
      });
      const pulls = await call('GET', '/api/v3/repos/acme/shop/pulls', token);
      expect(pulls).toMatchObject({
        status: 403,
        data: { message: 'Resource not accessible by integration' },
      });
      const comment = await call('POST', '/repos/acme/shop/issues/1/comments', token, { body: 'hi' });
      expect(comment.status).toBe(403);
      // Metadata comes with every token.
      expect((await call('GET', '/repos/acme/shop', token)).status).toBe(200);
    });

    it('refuses to mint more than the installation holds', async () => {
      const answer = await call(
        'POST',
        `/app/installations/${INSTALLATION_ID}/access_tokens`,
        createJwt(key),
        {
          permissions: { administration: 'write' },
        },
      );
      expect(answer.status).toBe(422);
    });

    it('writes as the App: its bot comments, its app owns the check run', async () => {
      const token = await mint();
      sim.setPermission('alice', 'write');
      const issue = await call('POST', '/repos/acme/shop/issues', token, { title: 'Approve the deploy' });
      const comment = await call('POST', `/repos/acme/shop/issues/${issue.data.number}/comments`, token, {
        body: 'Waiting for approval',
      });
      expect(comment.data.user).toMatchObject({ id: BOT.id, login: BOT.login, type: 'Bot' });
      const run = await call('POST', '/repos/acme/shop/check-runs', token, {
        name: 'gatehouse',
        head_sha: 'c0ffee0000000000000000000000000000000001',
        actions: [{ label: 'Approve', description: 'Approve', identifier: 'approve' }],
      });
      expect(run.data.app).toMatchObject({ id: APP_ID, slug: 'gatehouse' });
      expect(sim.state.checkRunActions.get(Number(run.data.id))).toEqual([
        { label: 'Approve', description: 'Approve', identifier: 'approve' },
      ]);
    });
  });

  describe('the Enterprise Server prefix', () => {
    it('keeps /api/v3 in the links of a paginated answer, and serves GraphQL at /api/graphql', async () => {
      const token = await mint();
      for (let index = 0; index < 3; index++) sim.addIssue({ title: `issue ${index}` });
      const page = await fetch(`${sim.url}/api/v3/repos/acme/shop/issues?per_page=1`, {
        headers: { authorization: `token ${token}` },
      });
      expect(page.headers.get('link')).toContain(`${sim.url}/api/v3/repos/acme/shop/issues?`);
      const graphql = await call('POST', '/api/graphql', token, {
        query: 'query { repository { pullRequest { lastEditedAt } } }',
      });
      expect(graphql.status).toBe(200);
    });
  });

  describe("a person's token", () => {
    const carol = { id: 3, login: 'carol', type: 'User' as const };

    it('reads as that person and writes nothing when issued to read', async () => {
      const token = sim.app?.issuePersonalToken(carol) ?? '';
      expect((await call('GET', '/repos/acme/shop/issues', token)).status).toBe(200);
      expect((await call('POST', '/repos/acme/shop/issues', token, { title: 'Deploy' })).status).toBe(403);
    });

    it('opens issues as that person when issued to write (an agent asking for approval)', async () => {
      const token = sim.app?.issuePersonalToken(carol, 'write') ?? '';
      const opened = await call('POST', '/repos/acme/shop/issues', token, { title: 'Deploy' });
      expect(opened).toMatchObject({ status: 201, data: { title: 'Deploy', user: { login: 'carol' } } });
    });
  });
});
