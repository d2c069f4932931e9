// The handler on its own, with a stand-in orchestration: which gate each delivery recomputes, what
// is ignored, and how failures reach Probot. test/app/server.test.ts drives the same handler
// through the real server.
import { describe, expect, it, vi } from 'vitest';
import {
  type AppDependencies,
  type DeliveryContext,
  DeliveryFailedError,
  handleDelivery,
} from '../../src/app/app.ts';
import { createBotIdentityCache } from '../../src/app/bot-identity.ts';
import { DeliveryRejectedError } from '../../src/app/delivery.ts';
import { accounts, examplePayload, REPOSITORY } from './payloads.ts';

const APP_ID = 31337;
const NOW = new Date('2026-11-20T10:05:00Z');

function createLog() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function setUp(
  runPullRequestGate: AppDependencies['runPullRequestGate'] = vi.fn(async () => ({
    policy: 'valid' as const,
    state: 'pending' as const,
    requests: 4,
  })),
) {
  const installationRequest = vi.fn(async () => ({
    data: { id: accounts.gatehouse.id, login: accounts.gatehouse.login },
  }));
  const appRequest = vi.fn(async () => ({ data: { id: APP_ID, slug: 'gatehouse' } }));
  const app = { auth: vi.fn(async () => ({ request: appRequest }) as never) };
  const log = createLog();
  const deps: AppDependencies = { runPullRequestGate, identity: createBotIdentityCache(), now: () => NOW };
  const context = (name: string, payload: unknown): DeliveryContext =>
    ({
      name,
      id: 'delivery-1',
      payload,
      octokit: { request: installationRequest },
      log,
    }) as unknown as DeliveryContext;
  return { app, log, deps, context, runPullRequestGate, installationRequest };
}

const comment = (change: Record<string, unknown> = {}) =>
  examplePayload('issue_comment', 'created', {
    issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
    comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body: '/approve' },
    ...change,
  });

describe('handling a delivery', () => {
  it('runs the gate of its pull request with the App as the GitHub client, its identity and the clock', async () => {
    const { app, deps, context, runPullRequestGate, log } = setUp();
    const delivery = context('issue_comment', comment());
    await handleDelivery(app, delivery, deps);
    expect(runPullRequestGate).toHaveBeenCalledWith(
      {
        github: delivery.octokit,
        now: deps.now,
        self: { appId: APP_ID, botId: accounts.gatehouse.id, botLogin: accounts.gatehouse.login },
        log,
        // Deployments are answered with a token narrowed to them (D6).
        deploymentClient: expect.any(Function),
      },
      { owner: REPOSITORY.owner, repo: REPOSITORY.name, number: 7 },
      expect.objectContaining({ kind: 'comment', commentId: 31 }),
      undefined,
    );
  });

  it('passes the configured policy path on', async () => {
    const { app, deps, context, runPullRequestGate } = setUp();
    await handleDelivery(app, context('issue_comment', comment()), {
      ...deps,
      configPath: '.github/gates.yml',
    });
    expect(vi.mocked(runPullRequestGate).mock.calls[0]?.[0]).toMatchObject({
      configPath: '.github/gates.yml',
    });
  });

  it("ignores Gatehouse's own comments, which would only echo its last update", async () => {
    const { app, deps, context, runPullRequestGate, log } = setUp();
    await handleDelivery(app, context('issue_comment', comment({ sender: accounts.gatehouse })), deps);
    expect(runPullRequestGate).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledWith(expect.anything(), "ignored: Gatehouse's own comment");
  });

  it('still runs the gate when someone else edits a comment of Gatehouse (L5)', async () => {
    const { app, deps, context, runPullRequestGate } = setUp();
    const edited = comment({
      action: 'edited',
      comment: { user: accounts.gatehouse },
      sender: accounts.mallory,
    });
    await handleDelivery(app, context('issue_comment', edited), deps);
    expect(runPullRequestGate).toHaveBeenCalledTimes(1);
  });

  it('ignores a button click on a gatehouse check run of another app (K1)', async () => {
    const { app, deps, context, runPullRequestGate, log } = setUp();
    const click = examplePayload('check_run', 'requested_action', {
      check_run: {
        name: 'gatehouse',
        app: { id: 4 },
        pull_requests: [{ number: 7, base: { repo: { id: REPOSITORY.id } } }],
      },
      requested_action: { identifier: 'approve' },
    });
    await handleDelivery(app, context('check_run', click), deps);
    expect(runPullRequestGate).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledWith(
      expect.anything(),
      'ignored: the check run belongs to app 4, not to Gatehouse (app 31337)',
    );
  });

  it('reads its own identity once for many deliveries', async () => {
    const { app, deps, context, installationRequest } = setUp();
    await handleDelivery(app, context('issue_comment', comment()), deps);
    await handleDelivery(app, context('issue_comment', comment()), deps);
    expect(app.auth).toHaveBeenCalledTimes(1);
    expect(installationRequest).toHaveBeenCalledTimes(1);
  });

  it('does nothing for a delivery that leads nowhere, and asks GitHub nothing', async () => {
    const { app, deps, context, runPullRequestGate, log } = setUp();
    await handleDelivery(app, context('pull_request', examplePayload('pull_request', 'closed')), deps);
    await handleDelivery(app, context('ping', { zen: 'Design for failure.' }), deps);
    expect(runPullRequestGate).not.toHaveBeenCalled();
    expect(app.auth).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledWith(
      { delivery: 'delivery-1', event: 'pull_request' },
      'ignored: pull_request.closed does not change a gate',
    );
  });

  it('logs a note at its level', async () => {
    const { app, deps, context, log } = setUp();
    await handleDelivery(app, context('installation', examplePayload('installation', 'deleted')), deps);
    expect(log.info).toHaveBeenCalledWith(
      expect.objectContaining({ delivery: 'delivery-1' }),
      'installation deleted',
    );
  });

  it('refuses a body that does not fit its event, before any work (W8)', async () => {
    const { app, deps, context, runPullRequestGate } = setUp();
    await expect(
      handleDelivery(app, context('issue_comment', examplePayload('pull_request', 'opened')), deps),
    ).rejects.toThrow(DeliveryRejectedError);
    expect(runPullRequestGate).not.toHaveBeenCalled();
    expect(app.auth).not.toHaveBeenCalled();
  });

  describe('when the gate fails', () => {
    it('logs the failure with the delivery id and fails the delivery with 500, so GitHub can redeliver it (W7)', async () => {
      const cause = Object.assign(new Error('Not Found'), { status: 404 });
      const { app, deps, context, log } = setUp(vi.fn().mockRejectedValue(cause));
      const failure = handleDelivery(app, context('issue_comment', comment()), deps);
      await expect(failure).rejects.toThrow(DeliveryFailedError);
      await expect(failure).rejects.toMatchObject({
        status: 500,
        cause,
        message: 'delivery delivery-1 failed: Not Found',
      });
      expect(log.error).toHaveBeenCalledWith(
        { delivery: 'delivery-1', event: 'issue_comment', err: cause },
        'delivery delivery-1 (issue_comment) failed: GitHub shows it as failed and a redelivery retries it',
      );
    });

    it('fails the delivery when the policy could not be read, and publishes nothing', async () => {
      const { app, deps, context } = setUp(
        vi.fn(async () => ({ policy: 'unreadable' as const, error: 'GitHub answered 502', requests: 2 })),
      );
      await expect(handleDelivery(app, context('issue_comment', comment()), deps)).rejects.toMatchObject({
        status: 500,
        message:
          'delivery delivery-1 failed: the policy of acme/shop#7 could not be read (GitHub answered 502); nothing was published',
      });
    });

    it('fails the delivery when its own identity cannot be read', async () => {
      const { app, deps, context, runPullRequestGate } = setUp();
      app.auth.mockRejectedValueOnce(new Error('bad credentials'));
      await expect(handleDelivery(app, context('issue_comment', comment()), deps)).rejects.toMatchObject({
        status: 500,
      });
      expect(runPullRequestGate).not.toHaveBeenCalled();
    });
  });
});
