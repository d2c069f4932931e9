// A pull request's history as users change it on the simulator: each change is in GitHub's
// records first (the head, the branch's activity log with its pusher, the timeline), then
// delivered in the shape GitHub sends (`synchronize` with before/after, `edited` with `changes`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';
import { HistoryActions } from './history-actions.ts';
import { UserActions } from './user-actions.ts';
import { WebhookSender } from './webhooks.ts';

type Json = Record<string, unknown>;

let sim: GitHubSimulator;
let receiver: Server;
let people: UserActions;
let history: HistoryActions;
const received: { event: string; id: string; payload: Json }[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        event: String(request.headers['x-github-event']),
        id: String(request.headers['x-github-delivery']),
        payload: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json,
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const { port } = receiver.address() as AddressInfo;
  const webhooks = new WebhookSender(sim, { url: `http://127.0.0.1:${port}/`, secret: 's' });
  people = new UserActions(sim, webhooks);
  history = new HistoryActions(sim, webhooks);
});
afterAll(async () => {
  await new Promise((done) => receiver.close(done));
  await sim.close();
});

function open() {
  return people.openPullRequest({
    by: users.author,
    title: 'Add a migration',
    body: 'Plan.',
    files: { 'db/1.sql': 'select 1;\n' },
  });
}

describe('the history of a pull request', () => {
  it('a push: the new head on top of the old, the pusher in the activity log, then synchronize', async () => {
    const pr = await open();
    const pushed = await history.push(pr.number, users.mallory, {
      files: { 'db/2.sql': 'x\n' },
      message: 'More',
    });
    expect(sim.pull(pr.number)).toMatchObject({ head: { sha: pushed.sha } });
    expect(sim.state.commits.get(pushed.sha)?.parents).toEqual([pr.headSha]);
    expect(sim.state.activity.get(`refs/heads/${pr.branch}`)?.[0]).toMatchObject({
      before: pr.headSha,
      after: pushed.sha,
      activity_type: 'push',
      actor: { login: users.mallory.login },
    });
    expect(sim.state.events.get(pr.number)?.at(-1)).toMatchObject({ event: 'committed', sha: pushed.sha });
    expect(received.at(-1)).toMatchObject({
      event: 'pull_request',
      payload: { action: 'synchronize', before: pr.headSha, after: pushed.sha, sender: { login: 'mallory' } },
    });
  });

  it('a force push back to an earlier commit: force_push in the log, head_ref_force_pushed on the timeline', async () => {
    const pr = await open();
    const pushed = await history.push(pr.number, users.author, {
      files: { 'db/2.sql': 'x\n' },
      message: 'More',
    });
    await history.forcePush(pr.number, users.mallory, { to: pr.headSha });
    expect(sim.pull(pr.number)).toMatchObject({ head: { sha: pr.headSha } });
    expect(sim.state.activity.get(`refs/heads/${pr.branch}`)?.[0]).toMatchObject({
      before: pushed.sha,
      after: pr.headSha,
      activity_type: 'force_push',
    });
    expect(sim.state.events.get(pr.number)?.at(-1)).toMatchObject({
      event: 'head_ref_force_pushed',
      actor: { login: 'mallory' },
    });
  });

  it('a lost push is in GitHub’s records but never delivered', async () => {
    const pr = await open();
    const count = received.length;
    const pushed = await history.push(
      pr.number,
      users.alice,
      { files: { 'a.md': 'a\n' }, message: 'a' },
      { lost: true },
    );
    expect(pushed.delivery).toBeUndefined();
    expect(received).toHaveLength(count);
    expect(sim.state.activity.get(`refs/heads/${pr.branch}`)?.[0]).toMatchObject({ after: pushed.sha });
  });

  it('a retarget, an edit, closing and reopening, each with its timeline entry and delivery', async () => {
    const pr = await open();
    await history.retarget(pr.number, users.mallory, 'release');
    expect(sim.pull(pr.number)).toMatchObject({ base: { ref: 'release' } });
    expect(received.at(-1)?.payload).toMatchObject({
      action: 'edited',
      changes: { base: { ref: { from: 'main' } } },
    });
    await history.edit(pr.number, users.mallory, { title: 'Renamed', body: 'New plan.' });
    expect(sim.pull(pr.number)).toMatchObject({ title: 'Renamed', body: 'New plan.' });
    expect(received.at(-1)?.payload).toMatchObject({
      action: 'edited',
      changes: { title: { from: 'Add a migration' }, body: { from: 'Plan.' } },
    });
    await history.close(pr.number, users.author);
    expect(sim.pull(pr.number)).toMatchObject({ state: 'closed' });
    await history.reopen(pr.number, users.author);
    expect(sim.pull(pr.number)).toMatchObject({ state: 'open' });
    expect(received.at(-1)?.payload).toMatchObject({ action: 'reopened' });
    expect(sim.state.events.get(pr.number)?.map((event) => event.event)).toEqual([
      'committed',
      'base_ref_changed',
      'renamed',
      'closed',
      'reopened',
    ]);
  });

  it('a push to the default branch is a push delivery; a redelivery keeps its id', async () => {
    const pushed = await history.pushToDefaultBranch(
      users.dave,
      { '.github/gatehouse.yml': 'mode: auto\n' },
      'Policy',
    );
    expect(sim.state.contents.main?.['.github/gatehouse.yml']).toBe('mode: auto\n');
    expect(pushed.delivery.payload).toMatchObject({ ref: 'refs/heads/main', after: pushed.sha });
    const again = await history.redeliver(pushed.delivery);
    expect(again.id).toBe(pushed.delivery.id);
    expect(received.at(-1)?.id).toBe(pushed.delivery.id);
  });
});
