// A comment whose creation lost its answer is looked for before it is posted again (R3), and only
// among what Gatehouse's own account wrote: anyone can post a comment with the same text, and a
// look-alike by someone else must never stand for Gatehouse's. Against the GitHub simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { publishIssueComment } from '../../src/github/publish-approval-issue.ts';
import {
  ACTIONS_BOT,
  type GitHubSimulator,
  type RecordedRequest,
  startGitHubSimulator,
} from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';

let sim: GitHubSimulator;
let github: GitHubClient;
let issue: number;
const BODY = '**Expired:** the pending queue is full.';

beforeEach(async () => {
  sim = await startGitHubSimulator();
  github = createGitHubClient({
    auth: 'token',
    baseUrl: sim.url,
    spaceWrites: false,
    retryAfterBaseValue: 1,
  });
  issue = sim.addIssue({ title: 'Gatehouse: Drop orders.status', body: 'request', labels: ['gatehouse'] });
});
afterEach(async () => {
  await sim.close();
  sim.assertFaithful();
});

const isCommentCreation = (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/repos/acme/shop/issues/${issue}/comments`;

describe('publishIssueComment when GitHub lost the answer', () => {
  it('takes its own comment GitHub created, and posts no second one', async () => {
    sim.faults.inject(
      { method: 'POST', path: `/repos/acme/shop/issues/${issue}/comments` },
      { kind: 'applied', answer: 502 },
    );
    const id = await publishIssueComment(
      github,
      { owner: 'acme', repo: 'shop', issueNumber: issue },
      BODY,
      ACTIONS_BOT.id,
    );
    const comments = sim.commentsOn(issue);
    expect(comments.map((comment) => [(comment.user as { login: string }).login, comment.body])).toEqual([
      [ACTIONS_BOT.login, BODY],
    ]);
    expect(id).toBe(comments[0]?.id);
  });

  it('does not take a look-alike by someone else for its own, and posts its own', async () => {
    // While Gatehouse's post fails (nothing written), mallory posts exactly its text.
    sim.when(isCommentCreation, 1, () => sim.addComment(issue, users.mallory, BODY));
    sim.faults.inject(
      { method: 'POST', path: `/repos/acme/shop/issues/${issue}/comments` },
      { kind: 'status', status: 502 },
    );
    const id = await publishIssueComment(
      github,
      { owner: 'acme', repo: 'shop', issueNumber: issue },
      BODY,
      ACTIONS_BOT.id,
    );
    const comments = sim.commentsOn(issue);
    expect(comments.map((comment) => (comment.user as { login: string }).login)).toEqual([
      'mallory',
      ACTIONS_BOT.login,
    ]);
    expect(id).toBe(comments[1]?.id);
  });
});

describe('publishIssueComment when replicas each post it (converge)', () => {
  const since = '2000-01-01T00:00:00Z';

  it('deletes its own copy when another replica’s is older, and returns that one', async () => {
    // The other replica's copy lands first.
    const older = sim.addComment(issue, ACTIONS_BOT, BODY);
    const id = await publishIssueComment(
      github,
      { owner: 'acme', repo: 'shop', issueNumber: issue },
      BODY,
      ACTIONS_BOT.id,
      { since },
    );
    expect(id).toBe(older);
    expect(sim.commentsOn(issue).map((comment) => comment.id)).toEqual([older]);
  });

  it('keeps its own when it is the oldest, whatever others wrote', async () => {
    sim.addComment(issue, users.mallory, BODY);
    const id = await publishIssueComment(
      github,
      { owner: 'acme', repo: 'shop', issueNumber: issue },
      BODY,
      ACTIONS_BOT.id,
      { since },
    );
    expect(sim.commentsOn(issue).map((comment) => comment.id)).toEqual([expect.any(Number), id]);
  });
});
