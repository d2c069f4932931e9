// End-to-end steps through the real App: a delivery goes in signed, the App recomputes the gate
// from the simulated GitHub of test/support/github-world.ts (which keeps what each step writes),
// and every request GitHub receives is declared by the step and asserted made.
import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { parsePolicy } from '../../src/core/policy.ts';
import type { GateRun } from '../../src/gate/run-pull-request-gate.ts';
import { HEAD_SHA, PR_NUMBER, users } from '../support/github-fixtures.ts';
import {
  addComment,
  mockCreateCheckRun,
  mockCreateComment,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  runsOf,
  type World,
} from '../support/github-world.ts';
import { API, disableNetwork, expectInstallationAndIdentity, type Harness, startHarness } from './harness.ts';
import { examplePayload, REPOSITORY } from './payloads.ts';

export interface AppWorld {
  harness: Harness;
  world: World;
  /** Where GitHub's REST API is for this App: api.github.com, or an Enterprise Server's /api/v3. */
  api: string;
}

export interface AppWorldOptions {
  /** More of the App's environment (GHE_HOST, GHE_PROTOCOL). */
  env?: Record<string, string>;
  /** Where the App is expected to find GitHub's API with that environment; default api.github.com. */
  api?: string;
}

/** The App on a fresh server whose clock is the world's; its first request mints a token and reads who it is. */
export async function startAppWorld(world: World, options: AppWorldOptions = {}): Promise<AppWorld> {
  const api = options.api ?? API;
  const harness = await startHarness({ now: () => new Date(world.clock), env: options.env ?? {} });
  expectInstallationAndIdentity(api);
  return { harness, world, api };
}

/** Network off for the file; each test's App started with `start` is stopped after it. */
export function useAppWorlds(): { start(world: World, options?: AppWorldOptions): Promise<AppWorld> } {
  let current: AppWorld | undefined;
  beforeAll(disableNetwork);
  afterEach(async () => {
    await current?.harness.stop();
    current = undefined;
    nock.cleanAll();
  });
  return {
    async start(world, options = {}) {
      current = await startAppWorld(world, options);
      return current;
    },
  };
}

/** Delivers one event at `at`, with the GitHub requests `mock` declares; returns the gate run. */
export async function step(
  { harness, world, api }: AppWorld,
  at: string,
  delivery: { event: string; payload: unknown; deliveryId?: string },
  mock: (scope: nock.Scope) => void,
): Promise<GateRun> {
  world.clock = at;
  const scope = nock(api);
  mock(scope);
  // After a pull request's gate, the App looks for deployments of its head waiting for Gatehouse
  // (none here: test/app/deployments*.test.ts has them).
  const defaultBranch = world.pr.defaultBranch ?? 'main';
  if (world.policy !== null && parsePolicy(world.policy, { file: '.github/gatehouse.yml', defaultBranch }).ok)
    scope
      .get('/repos/acme/shop/actions/runs')
      .query({ status: 'waiting', head_sha: world.pr.headSha ?? HEAD_SHA, per_page: '100' })
      .reply(200, { total_count: 0, workflow_runs: [] });
  const calls = harness.runPullRequestGate.mock.results.length;
  const response = await harness.deliver(delivery.event, delivery.payload, {
    ...(delivery.deliveryId === undefined ? {} : { deliveryId: delivery.deliveryId }),
  });
  expect(harness.unmatched, 'every request to GitHub was declared').toEqual([]);
  expect(response, response.body).toMatchObject({ status: 200 });
  const pending = nock.pendingMocks();
  expect(pending, 'every declared request was made').toEqual([]);
  const results = harness.runPullRequestGate.mock.results;
  expect(results.length).toBe(calls + 1);
  return (await results.at(-1)?.value) as GateRun;
}

export function pullRequestEvent(action: string, sender: Actor, headSha = HEAD_SHA) {
  return {
    event: 'pull_request',
    payload: examplePayload('pull_request', 'opened', {
      action,
      number: PR_NUMBER,
      pull_request: { number: PR_NUMBER, head: { sha: headSha } },
      sender,
    }),
  };
}

export function commentEvent(
  action: 'created' | 'edited' | 'deleted',
  comment: { id: number; author: Actor; body: string; updatedAt: string },
  sender: Actor = comment.author,
) {
  return {
    event: 'issue_comment',
    payload: examplePayload('issue_comment', 'created', {
      action,
      issue: { number: PR_NUMBER, pull_request: { url: `${API}/repos/acme/shop/pulls/${PR_NUMBER}` } },
      comment: { id: comment.id, user: comment.author, body: comment.body, updated_at: comment.updatedAt },
      sender,
    }),
  };
}

export function reviewEvent(action: string, review: { id: number; author: Actor; state: string }) {
  return {
    event: 'pull_request_review',
    payload: examplePayload('pull_request_review', 'submitted', {
      action,
      review: { id: review.id, user: review.author, state: review.state.toLowerCase() },
      pull_request: { number: PR_NUMBER },
      sender: review.author,
    }),
  };
}

export function checkRunEvent(
  action: 'requested_action' | 'rerequested',
  run: { id: number; headSha?: string; summary?: string; appId: number },
  sender: Actor,
  identifier = 'approve',
) {
  return {
    event: 'check_run',
    payload: examplePayload('check_run', action, {
      check_run: {
        id: run.id,
        name: 'gatehouse',
        head_sha: run.headSha ?? HEAD_SHA,
        app: { id: run.appId },
        output: { title: 'Waiting', summary: run.summary ?? '' },
        pull_requests: [{ number: PR_NUMBER, base: { ref: 'main', sha: 'b', repo: { id: REPOSITORY.id } } }],
      },
      ...(action === 'requested_action' ? { requested_action: { identifier } } : {}),
      sender,
    }),
  };
}

export const OPENED_AT = '2026-11-20T10:00:00Z';

/** The newest check run on the head: status, conclusion, title. */
export function latestCheck(world: World): [unknown, unknown, unknown] {
  const check = runsOf(world).at(-1);
  return [check?.status, check?.conclusion, (check?.output as { title?: string } | undefined)?.title];
}

/** Rendered text without its Markdown escapes and the zero-width spaces that break mentions. */
export function readable(markdown: unknown): string {
  return String(markdown)
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

/** The PR is opened: the request is posted, reviews are requested, the check waits. */
export function openPullRequest(app: AppWorld) {
  return step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
    mockReads(app.world, scope);
    mockCreateComment(app.world, scope);
    mockRequestReviewers(app.world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
    mockCreateCheckRun(app.world, scope);
  });
}

/** alice writes `body` at 10:04; the App hears of it at 10:05. Returns the comment id. */
export async function decide(app: AppWorld, body: string, mock: (scope: nock.Scope, ids: Ids) => void) {
  const { world } = app;
  const ids = { run: runsOf(world)[0]?.id as number, comment: world.comments[0]?.id as number };
  const id = addComment(world, users.alice, body, '2026-11-20T10:04:00Z');
  const run = await step(
    app,
    '2026-11-20T10:05:00Z',
    commentEvent('created', { id, author: users.alice, body, updatedAt: '2026-11-20T10:04:00Z' }),
    (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mock(scope, ids);
    },
  );
  return { run, id };
}

export interface Ids {
  run: number;
  comment: number;
}

/** Opens the PR and has alice approve it: the gate is approved and logged. Returns the comment id. */
export async function openAndApprove(app: AppWorld): Promise<number> {
  await openPullRequest(app);
  const { world } = app;
  const { run, id } = await decide(app, '/approve', (scope, ids) => {
    mockLogWrite(world, scope);
    mockUpdateComment(world, scope, ids.comment);
    mockCreateCheckRun(world, scope);
    mockUpdateCheckRun(world, scope, ids.run);
  });
  expect(run).toMatchObject({ state: 'approved' });
  return id;
}
