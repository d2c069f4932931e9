// GitHub's verification of commits on the simulator, as precedent reads it (load-decision-history):
// what a token makes through the Git Data API with nothing custom is signed by GitHub for its bot;
// anything with custom author information, or pushed with git, is not.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { users } from '../support/github-fixtures.ts';
import { noReplyEmail } from './commit-verification.ts';
import { ACTIONS_BOT, type GitHubSimulator, startGitHubSimulator } from './github.ts';

const repo = { owner: 'acme', repo: 'shop' };
let sim: GitHubSimulator;
let github: GitHubClient;

beforeAll(async () => {
  sim = await startGitHubSimulator();
  github = createGitHubClient({ auth: 'token', baseUrl: sim.url, spaceWrites: false, retries: 0 });
});
afterAll(() => sim.close());
afterEach(() => sim.assertFaithful());

async function commitOnNewBranch(branch: string, extra: Record<string, unknown>) {
  const tree = await github.rest.git.createTree({
    ...repo,
    tree: [{ path: 'a.md', mode: '100644', type: 'blob', content: 'a\n' }],
  });
  const { data } = await github.rest.git.createCommit({
    ...repo,
    message: 'm',
    tree: tree.data.sha,
    parents: [],
    ...extra,
  });
  await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: data.sha });
  const { data: listed } = await github.rest.repos.listCommits({ ...repo, sha: branch });
  return { created: data, listed: listed[0] };
}

describe('a commit made through the Git Data API', () => {
  it('with no author, committer or signature of its own is signed by GitHub for the token’s bot', async () => {
    const { created, listed } = await commitOnNewBranch('plain', {});
    expect(created.verification).toMatchObject({ verified: true, reason: 'valid' });
    expect(listed?.commit.verification).toMatchObject({ verified: true, reason: 'valid' });
    expect(listed?.author?.login).toBe(ACTIONS_BOT.login);
    expect(listed?.committer?.login).toBe('web-flow');
  });

  it('with custom author information is unsigned, and by the account its e-mail names', async () => {
    const identity = { name: 'Gatehouse', email: noReplyEmail(users.gatehouse) };
    const { created, listed } = await commitOnNewBranch('custom', { author: identity, committer: identity });
    expect(created.verification).toMatchObject({ verified: false, reason: 'unsigned' });
    expect(listed?.commit.verification).toMatchObject({ verified: false, reason: 'unsigned' });
    expect(listed?.author?.login).toBe(users.gatehouse.login);
    expect(listed?.committer?.login).toBe(users.gatehouse.login);
  });
});
