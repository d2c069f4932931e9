// What people do on the simulator reaches an App as GitHub delivers it: the state changes first,
// then a delivery in the shape of @octokit/webhooks-examples, filled from that state and signed
// with the webhook secret. A small receiver checks the signature as an App would.

import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAppKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';
import { UserActions } from './user-actions.ts';
import { WebhookSender } from './webhooks.ts';

type Json = Record<string, unknown>;

const SECRET = 'f1e2d3c4b5a69788796a5b4c3d2e1f00';
const INSTALLATION_ID = 58_213_907;
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Json[];
}[];

let sim: GitHubSimulator;
let receiver: Server;
let people: UserActions;
const received: { event: string; payload: Json; signed: boolean }[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator();
  sim.installApp({
    id: 1_048_576,
    slug: 'gatehouse',
    name: 'Gatehouse',
    privateKey: generateAppKey(),
    installationId: INSTALLATION_ID,
    permissions: { checks: 'write' },
    events: ['pull_request'],
    bot: { id: 187_423_551, login: 'gatehouse[bot]', type: 'Bot' },
  });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const signed = await verify(SECRET, text, String(request.headers['x-hub-signature-256']));
      received.push({
        event: String(request.headers['x-github-event']),
        payload: JSON.parse(text) as Json,
        signed,
      });
      response.writeHead(signed ? 200 : 400).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const { port } = receiver.address() as AddressInfo;
  people = new UserActions(sim, new WebhookSender(sim, { url: `http://127.0.0.1:${port}/`, secret: SECRET }));
});
afterAll(async () => {
  await new Promise((done) => receiver.close(done));
  await sim.close();
});

/** The top-level keys of GitHub's example of `event`.`action`. */
function exampleKeys(event: string, action: string): string[] {
  const example = examples
    .find((group) => group.name === event)
    ?.examples.find((entry) => entry.action === action);
  return Object.keys(example ?? {});
}

describe('user actions and their webhook deliveries', () => {
  it('opens a pull request: head commit, activity, pull request, then a signed pull_request.opened', async () => {
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'Add a migration',
      body: '## Rollback plan\n\nRevert.',
      files: { 'db/migrations/1.sql': 'select 1;\n' },
      branch: 'add-migration',
    });
    expect(pr.delivery.status).toBe(200);
    expect(sim.pull(pr.number)).toMatchObject({
      head: { sha: pr.headSha, ref: 'add-migration' },
      user: { login: users.author.login },
    });
    expect(sim.state.activity.get('refs/heads/add-migration')?.[0]).toMatchObject({
      after: pr.headSha,
      activity_type: 'branch_creation',
    });
    const delivery = received.at(-1);
    expect(delivery?.signed).toBe(true);
    expect(delivery?.event).toBe('pull_request');
    expect(Object.keys(delivery?.payload ?? {})).toEqual(
      expect.arrayContaining([...exampleKeys('pull_request', 'opened'), 'installation']),
    );
    expect(delivery?.payload).toMatchObject({
      action: 'opened',
      number: pr.number,
      installation: { id: INSTALLATION_ID },
      repository: { full_name: 'acme/shop', id: sim.repository().id },
      sender: { login: users.author.login, id: users.author.id },
      pull_request: { number: pr.number, head: { sha: pr.headSha } },
    });
  });

  it('labels and unlabels: on the pull request and its timeline, then pull_request.labeled / unlabeled', async () => {
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'Risky',
      body: '',
      files: { 'b.txt': 'b\n' },
    });
    expect((await people.label(pr.number, 'risky', users.dave)).status).toBe(200);
    expect(((sim.pull(pr.number)?.labels ?? []) as Json[]).map((label) => label.name)).toEqual(['risky']);
    const labeled = received.at(-1);
    expect(labeled?.signed).toBe(true);
    expect(Object.keys(labeled?.payload ?? {})).toEqual(
      expect.arrayContaining([...exampleKeys('pull_request', 'labeled'), 'installation']),
    );
    expect(labeled?.payload).toMatchObject({
      action: 'labeled',
      number: pr.number,
      label: { name: 'risky' },
      sender: { login: users.dave.login },
      pull_request: { labels: [{ name: 'risky' }] },
    });
    await expect(people.label(pr.number, 'risky', users.dave)).rejects.toThrow('already has label risky');
    expect((await people.unlabel(pr.number, 'risky', users.alice)).status).toBe(200);
    expect(sim.pull(pr.number)?.labels).toEqual([]);
    expect(received.at(-1)?.payload).toMatchObject({ action: 'unlabeled', label: { name: 'risky' } });
    const timeline = (sim.state.events.get(pr.number) ?? []).filter((entry) => entry.label !== undefined);
    expect(
      timeline.map((entry) => [entry.event, (entry.actor as Json).login, (entry.label as Json).name]),
    ).toEqual([
      ['labeled', 'dave', 'risky'],
      ['unlabeled', 'alice', 'risky'],
    ]);
  });

  it('comments, edits and deletes: issue_comment created, edited (with the former body), deleted', async () => {
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'x',
      body: '',
      files: { 'a.txt': 'a\n' },
    });
    const { id } = await people.comment(pr.number, users.alice, '/approve');
    expect(sim.commentsOn(pr.number).map((comment) => comment.body)).toEqual(['/approve']);
    await people.editComment(pr.number, id, users.alice, '/reject not now');
    await people.deleteComment(pr.number, id, users.alice);
    expect(sim.commentsOn(pr.number)).toEqual([]);
    const [created, edited, deleted] = received.slice(-3);
    expect(created?.payload).toMatchObject({
      action: 'created',
      issue: { number: pr.number, pull_request: { html_url: sim.pull(pr.number)?.html_url } },
      comment: { id, body: '/approve', user: { login: 'alice' } },
      sender: { login: 'alice' },
    });
    expect(edited?.payload).toMatchObject({
      action: 'edited',
      changes: { body: { from: '/approve' } },
      comment: { id, body: '/reject not now' },
    });
    expect(deleted?.payload).toMatchObject({ action: 'deleted', comment: { id } });
    expect([created, edited, deleted].every((delivery) => delivery?.signed)).toBe(true);
  });

  it('reviews the head and clicks a check run button', async () => {
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'y',
      body: '',
      files: { 'b.txt': 'b\n' },
    });
    await people.review(pr.number, users.bob, 'APPROVED', 'fine');
    expect(received.at(-1)?.payload).toMatchObject({
      action: 'submitted',
      review: { state: 'approved', commit_id: pr.headSha, user: { login: 'bob' }, body: 'fine' },
      pull_request: { number: pr.number },
    });
    // As GitHub lists it, the state stays in upper case.
    expect(sim.state.pulls.get(pr.number)?.reviews.at(-1)).toMatchObject({ state: 'APPROVED' });
    const run = sim.addCheckRun({ headSha: pr.headSha });
    await people.clickButton(run, 'approve', users.bob);
    expect(received.at(-1)).toMatchObject({
      event: 'check_run',
      payload: {
        action: 'requested_action',
        requested_action: { identifier: 'approve' },
        check_run: { id: run, head_sha: pr.headSha, pull_requests: [{ number: pr.number }] },
        sender: { login: 'bob' },
      },
    });
  });

  it('edits and dismisses a review: pull_request_review edited (with the former body) and dismissed', async () => {
    const pr = await people.openPullRequest({
      by: users.author,
      title: 'z',
      body: '',
      files: { 'c.txt': 'c\n' },
    });
    const submitted = await people.review(pr.number, users.bob, 'APPROVED', 'fine');
    const id = Number((submitted.payload.review as Json).id);
    sim.advance(60_000);
    await people.editReview(pr.number, id, users.bob, 'fine, after all');
    const edited = received.at(-1);
    expect(Object.keys(edited?.payload ?? {})).toEqual(
      expect.arrayContaining(exampleKeys('pull_request_review', 'submitted')),
    );
    expect(edited?.payload).toMatchObject({
      action: 'edited',
      changes: { body: { from: 'fine' } },
      review: { id, body: 'fine, after all', state: 'approved' },
    });
    await people.dismissReview(pr.number, id, users.dave, 'Approved the wrong branch');
    expect(received.at(-1)?.payload).toMatchObject({
      action: 'dismissed',
      review: { id, state: 'dismissed' },
      sender: { login: 'dave' },
    });
    expect(sim.state.pulls.get(pr.number)?.reviews.at(-1)).toMatchObject({ state: 'DISMISSED' });
    // The edit time, which the timeline's `reviewed` entry shows, and the dismissal by dave.
    const review = sim.state.pulls.get(pr.number)?.reviews.at(-1);
    expect(Date.parse(String(sim.state.reviewEditedAt.get(id)))).toBeGreaterThanOrEqual(
      Date.parse(String(review?.submitted_at)) + 60_000,
    );
    expect(sim.state.events.get(pr.number)?.at(-1)).toMatchObject({
      event: 'review_dismissed',
      actor: { login: 'dave' },
      dismissed_review: { review_id: id, state: 'approved', dismissal_message: 'Approved the wrong branch' },
    });
  });

  it('commits to the default branch: the branch moves and a push is delivered', async () => {
    const { sha } = await people.commit(users.dave, 'main', { 'docs/a.md': 'a\n' }, 'Add docs');
    expect(sim.state.refs.get('main')).toBe(sha);
    expect(sim.state.contents.main?.['docs/a.md']).toBe('a\n');
    expect(received.at(-1)).toMatchObject({
      event: 'push',
      signed: true,
      payload: {
        ref: 'refs/heads/main',
        after: sha,
        created: true,
        commits: [{ id: sha, added: ['docs/a.md'] }],
        repository: { default_branch: 'main' },
      },
    });
  });
});
