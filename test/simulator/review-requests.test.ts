// Review requests as GitHub takes them: collaborators only, never the author, each one recorded on
// the pull request and as a `review_requested` event of its timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { PR_NUMBER, users } from '../support/github-fixtures.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';

const target = { owner: 'acme', repo: 'shop', pull_number: PR_NUMBER };
let sim: GitHubSimulator;
let github: GitHubClient;

beforeAll(async () => {
  sim = await startGitHubSimulator();
  sim.addPullRequest({ number: PR_NUMBER }, ['db/migrations/1.sql']);
  sim.setPermission('alice', 'write');
  sim.setPermission(users.author.login, 'write');
  github = createGitHubClient({ auth: 'token', baseUrl: sim.url, spaceWrites: false, retries: 0 });
});
afterAll(() => sim.close());

describe('review requests', () => {
  it('refuses the author and people who are not collaborators, requesting nobody', async () => {
    await expect(
      github.rest.pulls.requestReviewers({ ...target, reviewers: [users.author.login] }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      github.rest.pulls.requestReviewers({ ...target, reviewers: ['alice', 'mallory'] }),
    ).rejects.toMatchObject({ status: 422 });
    expect(sim.pull(PR_NUMBER)?.requested_reviewers).toEqual([]);
  });

  it('records a collaborator on the pull request and on its timeline', async () => {
    const { data } = await github.rest.pulls.requestReviewers({ ...target, reviewers: ['alice'] });
    expect(data.requested_reviewers?.map((user) => user.login)).toEqual(['alice']);
    const { data: timeline } = await github.rest.issues.listEventsForTimeline({
      owner: 'acme',
      repo: 'shop',
      issue_number: PR_NUMBER,
    });
    expect(timeline.filter((entry) => entry.event === 'review_requested')).toMatchObject([
      { requested_reviewer: { login: 'alice' } },
    ]);
  });
});
