// Where and as whom an agent asks: which repository a clone's origin names, the commit at its
// HEAD, the token's account and the person it acts for, read from GitHub (the simulator).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AgentContextInput,
  AgentSetupError,
  loadAgentContext,
  parseRemoteUrl,
} from '../../src/agent/load-agent-context.ts';
import { POLICY } from '../action-e2e/scenario.ts';
import { createRepository, removeAll } from '../cli/repository.ts';
import { startGitHubSimulator } from '../simulator/github.ts';
import { AGENT, type AgentScene, startAgentScene } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const SHOP = { owner: 'acme', repo: 'shop' };

describe('the repository of an origin remote', () => {
  it.each([
    ['git@github.com:acme/shop.git', { owner: 'acme', repo: 'shop' }],
    ['https://github.com/acme/shop', { owner: 'acme', repo: 'shop' }],
    ['https://github.com/acme/shop.git/', { owner: 'acme', repo: 'shop' }],
    ['ssh://git@ghe.example.com:2222/platform/deploy-tools.git', { owner: 'platform', repo: 'deploy-tools' }],
    ['/srv/git/shop', { owner: 'git', repo: 'shop' }],
  ])('%s is %o', (url, expected) => {
    expect(parseRemoteUrl(url)).toEqual(expected);
  });

  it('is nothing for a URL without an owner and a name', () => {
    expect(parseRemoteUrl('shop')).toBeUndefined();
  });
});

describe('the agent context, against the GitHub simulator', () => {
  let scene: AgentScene;

  beforeEach(async () => {
    scene = await startAgentScene(POLICY);
  });

  afterEach(async () => {
    await scene.stop();
    removeAll();
  });

  const load = (input: Partial<AgentContextInput> & { env?: Record<string, string | undefined> }) =>
    loadAgentContext({
      cwd: scene.dir,
      now: () => new Date(scene.sim.clock),
      ...input,
      env: { ...scene.env, ...input.env },
    });

  function clone(origin?: string) {
    const repo = createRepository();
    if (origin !== undefined) repo.git(['remote', 'add', 'origin', origin]);
    return repo;
  }

  it("in a clone: the repository its origin names, the commit at its HEAD, the token's account as requester", async () => {
    const repo = clone('https://github.com/acme/shop.git');
    repo.write('README.md', '# shop\n');
    const head = repo.commit('First');
    const context = await load({ cwd: repo.dir, env: repo.env });
    expect(context).toMatchObject({ owner: 'acme', repo: 'shop', sha: head, requester: AGENT });
    expect(context.onBehalfOf).toBeUndefined();
  });

  it('--repo and --sha win over the clone; a clone without commits binds to no commit', async () => {
    const repo = clone('git@github.com:acme/shop.git');
    const unborn = await load({ cwd: repo.dir, env: repo.env });
    expect(unborn).toMatchObject({ owner: 'acme', repo: 'shop' });
    expect(unborn.sha).toBeUndefined();
    const given = await load({
      cwd: repo.dir,
      env: repo.env,
      repo: { owner: 'acme', repo: 'other' },
      sha: 'c'.repeat(40),
      agent: 'claude-code',
    });
    expect(given).toMatchObject({ owner: 'acme', repo: 'other', sha: 'c'.repeat(40), agent: 'claude-code' });
  });

  it('asks which repository in a clone without an origin, and outside any clone', async () => {
    const repo = clone();
    await expect(load({ cwd: repo.dir, env: repo.env })).rejects.toThrow(
      'which repository? give --repo OWNER/NAME, or run inside a clone whose origin is on GitHub',
    );
    await expect(load({})).rejects.toBeInstanceOf(AgentSetupError);
  });

  it('resolves --on-behalf-of to the account, and names an unknown login', async () => {
    const context = await load({ repo: SHOP, onBehalfOf: 'alice' });
    expect(context.onBehalfOf).toEqual(users.alice);
    await expect(load({ repo: SHOP, onBehalfOf: 'nobody-here' })).rejects.toThrow(
      '--on-behalf-of nobody-here: no such GitHub user',
    );
  });

  it('takes GH_TOKEN without GITHUB_TOKEN, an API URL with a trailing slash, and the fetch it is given', async () => {
    const asked: string[] = [];
    const context = await load({
      repo: SHOP,
      env: { GITHUB_TOKEN: '', GH_TOKEN: scene.token, GITHUB_API_URL: `${scene.sim.url}/api/v3/` },
      fetch: (url, init) => {
        asked.push(String(url));
        return fetch(url, init);
      },
    });
    expect(context.requester).toEqual(AGENT);
    expect(asked).toEqual([`${scene.sim.url}/api/v3/user`]);
  });

  it('refuses a token GitHub refuses (401), in one line that says what to do', async () => {
    await expect(load({ repo: SHOP, env: { GITHUB_TOKEN: 'github_pat_revoked' } })).rejects.toThrow(
      "GitHub refused the token (401) reading the token's account (GET /user): set GITHUB_TOKEN to a valid token",
    );
  });
});

describe("an installation token, which cannot read GET /user (a workflow's GITHUB_TOKEN)", () => {
  it('is github-actions[bot] on an Actions runner, and a setup error anywhere else', async () => {
    const sim = await startGitHubSimulator();
    try {
      const env = { GITHUB_TOKEN: 'ghs_workflow', GITHUB_API_URL: `${sim.url}/api/v3` };
      const input = { cwd: '/', now: () => new Date(sim.clock), repo: SHOP };
      const context = await loadAgentContext({ ...input, env: { ...env, GITHUB_ACTIONS: 'true' } });
      expect(context.requester).toEqual({ id: 41898282, login: 'github-actions[bot]', type: 'Bot' });
      await expect(loadAgentContext({ ...input, env })).rejects.toThrow(
        /^GitHub answered 403 reading the token's account \(GET \/user\): .*Resource not accessible by integration/,
      );
    } finally {
      await sim.close();
    }
  });
});
