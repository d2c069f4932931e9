// An issue's timeline keeps what was done to it: labels added and removed, closing and reopening,
// each with its actor, in GitHub's shapes; a deleted comment leaves nothing behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { users } from '../support/github-fixtures.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';

let sim: GitHubSimulator;
let github: GitHubClient;

beforeEach(async () => {
  sim = await startGitHubSimulator();
  github = createGitHubClient({ auth: 'token', baseUrl: sim.url, spaceWrites: false, retries: 0 });
});
afterEach(() => sim.close());

describe('issue timeline events', () => {
  it('records labeled, unlabeled, closed and reopened, and they outlive the label and the state', async () => {
    const number = sim.addIssue({ title: 'Gatehouse: deploy', labels: ['gatehouse'] });
    const at = { owner: 'acme', repo: 'shop', issue_number: number };
    const commentId = sim.addComment(number, users.alice, 'a note');
    await github.rest.issues.addLabels({ ...at, labels: ['gatehouse:used', 'gatehouse'] });
    await github.rest.issues.update({ ...at, state: 'closed', state_reason: 'completed' });
    await github.rest.issues.removeLabel({ ...at, name: 'gatehouse:used' });
    await github.rest.issues.update({ ...at, state: 'open' });
    await github.rest.issues.deleteComment({ owner: 'acme', repo: 'shop', comment_id: commentId });

    const { data: issue } = await github.rest.issues.get(at);
    expect(issue.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([
      'gatehouse',
    ]);
    expect(issue.state).toBe('open');
    const timeline = await github.paginate(github.rest.issues.listEventsForTimeline, {
      ...at,
      per_page: 100,
    });
    expect(
      timeline.map((event) => [
        event.event,
        'label' in event ? (event.label as { name: string }).name : undefined,
        'actor' in event ? event.actor?.login : undefined,
      ]),
    ).toEqual([
      ['labeled', 'gatehouse:used', 'github-actions[bot]'],
      ['closed', undefined, 'github-actions[bot]'],
      ['unlabeled', 'gatehouse:used', 'github-actions[bot]'],
      ['reopened', undefined, 'github-actions[bot]'],
    ]);
    await expect(github.rest.issues.removeLabel({ ...at, name: 'gatehouse:used' })).rejects.toMatchObject({
      status: 404,
    });
    sim.assertFaithful();
  });
});
