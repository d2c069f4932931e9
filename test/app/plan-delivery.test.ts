import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../src/app/delivery.ts';
import { type DeliveryPlan, planDelivery } from '../../src/app/plan-delivery.ts';
import { accounts, examplePayload, INSTALLATION_ID, REPOSITORY } from './payloads.ts';

function plan(event: string, action: string | undefined, change: Record<string, unknown> = {}): DeliveryPlan {
  const delivery = parseDelivery(event, examplePayload(event, action, change));
  if (delivery === undefined) throw new Error(`${event} is not handled`);
  return planDelivery(delivery);
}

const target = (number: number) => ({ owner: REPOSITORY.owner, repo: REPOSITORY.name, number });
const alice = { ...accounts.alice };
const onPullRequest = {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
};
const ownCheckRun = (action: string, change: Record<string, unknown> = {}) => ({
  check_run: {
    id: 555,
    name: 'gatehouse',
    head_sha: 'c0ffee',
    app: { id: 31337 },
    output: { title: 'Waiting for 1 approval', summary: 'the request as the clicker saw it' },
    pull_requests: [{ number: 7, base: { ref: 'main', sha: 'b', repo: { id: REPOSITORY.id } } }],
    ...change,
  },
  ...(action === 'requested_action' ? { requested_action: { identifier: 'approve' } } : {}),
});

describe('planning a delivery', () => {
  describe('pull_request', () => {
    it.each(['opened', 'synchronize', 'reopened', 'ready_for_review', 'labeled', 'unlabeled', 'edited'])(
      '%s recomputes the gate of the pull request',
      (action) => {
        // The head the delivery announces, for a read of the pull request that has not seen it yet (R5).
        const { head } = examplePayload('pull_request', 'opened').pull_request as { head: { sha: string } };
        expect(plan('pull_request', 'opened', { action, number: 12 })).toEqual({
          kind: 'gate',
          installationId: INSTALLATION_ID,
          targets: [target(12)],
          trigger: { kind: 'pull_request', action, sender: alice, headSha: head.sha },
          ignoreWhenSenderIsSelf: false,
        });
      },
    );

    it('closed with merged: true records the execution of the pull request (the API says the merge)', () => {
      const closed = examplePayload('pull_request', 'closed', { number: 12 });
      const merged = { ...closed, pull_request: { ...(closed.pull_request as object), merged: true } };
      const delivery = parseDelivery('pull_request', merged);
      if (delivery === undefined) throw new Error('pull_request is not handled');
      expect(planDelivery(delivery)).toEqual({
        kind: 'execution',
        installationId: INSTALLATION_ID,
        target: target(12),
      });
    });

    it.each(['closed', 'assigned', 'review_requested', 'converted_to_draft'])(
      '%s changes nothing',
      (action) => {
        expect(plan('pull_request', 'opened', { action })).toEqual({
          kind: 'ignore',
          reason: `pull_request.${action} does not change a gate`,
        });
      },
    );
  });

  describe('issue_comment', () => {
    it.each(['created', 'edited', 'deleted'])('%s on a pull request recomputes its gate', (action) => {
      const payload = {
        ...onPullRequest,
        action,
        comment: {
          id: 31,
          updated_at: '2026-11-20T10:05:00Z',
          user: accounts.alice,
          body: '/reject not yet',
        },
        ...(action === 'edited' ? { changes: { body: { from: 'on hold' } } } : {}),
      };
      expect(plan('issue_comment', 'created', payload)).toEqual({
        kind: 'gate',
        installationId: INSTALLATION_ID,
        targets: [target(7)],
        trigger: {
          kind: 'comment',
          action,
          commentId: 31,
          commentAuthorId: accounts.alice.id,
          sender: alice,
          updatedAt: '2026-11-20T10:05:00Z',
          ...(action === 'edited' ? { previousBody: 'on hold' } : {}),
          // A deleted comment is carried as GitHub last held it: a /reject there still stands.
          ...(action === 'deleted'
            ? {
                deleted: {
                  author: alice,
                  body: '/reject not yet',
                  createdAt: '2019-05-15T15:20:21Z',
                },
              }
            : {}),
        },
        ignoreWhenSenderIsSelf: true,
      });
    });

    it('edited by someone else names both: the author and the editor (L1)', () => {
      const payload = {
        ...onPullRequest,
        action: 'edited',
        comment: { id: 31, updated_at: 'later', user: accounts.alice, body: 'on hold' },
        changes: { body: { from: '/approve' } },
        sender: accounts.mallory,
      };
      const result = plan('issue_comment', 'edited', payload);
      expect(result).toMatchObject({
        trigger: { commentAuthorId: accounts.alice.id, sender: accounts.mallory },
      });
    });

    it('on an issue without the gatehouse label changes nothing', () => {
      expect(
        plan('issue_comment', 'created', {
          issue: { pull_request: null, labels: [] },
          comment: { body: '/approve' },
        }),
      ).toEqual({
        kind: 'ignore',
        reason: 'a comment on an issue that is no approval issue',
      });
    });

    it('on an issue labelled gatehouse recomputes that approval issue (the API decides whether it is one)', () => {
      expect(
        plan('issue_comment', 'created', {
          issue: { number: 12, pull_request: null, labels: [{ name: 'gatehouse' }] },
          comment: { body: '/approve' },
        }),
      ).toEqual({
        kind: 'approval_issue',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
        issueNumber: 12,
        sender: alice,
      });
    });

    it('edited on an approval issue carries who edited which comment (L1)', () => {
      expect(
        plan('issue_comment', 'created', {
          action: 'edited',
          issue: { number: 12, pull_request: null, labels: [{ name: 'gatehouse' }] },
          comment: { id: 44, user: accounts.bob, updated_at: '2026-11-20T10:05:00Z', body: '/approve' },
          changes: { body: { from: '/reject' } },
        }),
      ).toMatchObject({
        kind: 'approval_issue',
        edit: { commentId: 44, editor: alice, updatedAt: '2026-11-20T10:05:00Z', previousBody: '/reject' },
      });
    });

    it("created with an agent's execution mark also records the report (the API says whose it is)", () => {
      const mark = '<!-- gatehouse:execution {"status":"succeeded","completedAt":"2026-11-20T10:05:00Z"} -->';
      const change = (action: string) => ({
        action,
        issue: { number: 12, pull_request: null, labels: [{ name: 'gatehouse' }] },
        comment: {
          id: 45,
          user: accounts.bob,
          updated_at: '2026-11-20T10:05:00Z',
          body: `**Execution:** succeeded\n\n${mark}`,
        },
      });
      expect(plan('issue_comment', 'created', change('created'))).toEqual({
        kind: 'request_execution',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
        issueNumber: 12,
        sender: alice,
        commentId: 45,
      });
      // An edit adds no report: only a new comment is one.
      expect(plan('issue_comment', 'created', change('edited'))).toMatchObject({ kind: 'approval_issue' });
    });

    it('deleted on an approval issue carries the comment as GitHub last held it (a /reject there stands)', () => {
      expect(
        plan('issue_comment', 'created', {
          action: 'deleted',
          issue: { number: 12, pull_request: null, labels: [{ name: 'gatehouse' }] },
          comment: {
            id: 44,
            user: accounts.bob,
            created_at: '2026-11-20T10:04:00Z',
            updated_at: '2026-11-20T10:04:00Z',
            body: '/reject not during the sale',
          },
        }),
      ).toMatchObject({
        kind: 'approval_issue',
        issueNumber: 12,
        sender: alice,
        deletion: {
          commentId: 44,
          body: '/reject not during the sale',
          createdAt: '2026-11-20T10:04:00Z',
          author: { id: accounts.bob.id, login: accounts.bob.login, type: accounts.bob.type },
        },
      });
    });

    it('with an action GitHub may add later changes nothing', () => {
      expect(plan('issue_comment', 'created', { ...onPullRequest, action: 'pinned' })).toMatchObject({
        kind: 'ignore',
      });
    });
  });

  describe('pull_request_review', () => {
    it.each(['submitted', 'edited', 'dismissed'])('%s recomputes the gate', (action) => {
      expect(plan('pull_request_review', 'submitted', { action, pull_request: { number: 9 } })).toEqual({
        kind: 'gate',
        installationId: INSTALLATION_ID,
        targets: [target(9)],
        trigger: { kind: 'review', action, sender: alice },
        ignoreWhenSenderIsSelf: false,
      });
    });

    it('of another kind changes nothing', () => {
      expect(plan('pull_request_review', 'submitted', { action: 'requested' })).toMatchObject({
        kind: 'ignore',
      });
    });
  });

  describe('check_run', () => {
    it('requested_action on the gatehouse check is a button click for its head', () => {
      expect(plan('check_run', 'requested_action', ownCheckRun('requested_action'))).toEqual({
        kind: 'gate',
        installationId: INSTALLATION_ID,
        targets: [target(7)],
        trigger: {
          kind: 'check_action',
          action: 'approve',
          sender: alice,
          headSha: 'c0ffee',
          checkRunId: 555,
          runSummary: 'the request as the clicker saw it',
        },
        checkRunAppId: 31337,
        ignoreWhenSenderIsSelf: false,
      });
    });

    it('requested_action on a run without a summary carries none', () => {
      const payload = ownCheckRun('requested_action', { output: { title: null, summary: null } });
      expect(plan('check_run', 'requested_action', payload)).toMatchObject({
        trigger: { kind: 'check_action' },
      });
      expect(plan('check_run', 'requested_action', payload)).not.toHaveProperty('trigger.runSummary');
    });

    it('rerequested recomputes from the API and approves nothing by itself (K2)', () => {
      expect(plan('check_run', 'rerequested', ownCheckRun('rerequested'))).toMatchObject({
        kind: 'gate',
        trigger: { kind: 'recheck', sender: alice },
        checkRunAppId: 31337,
      });
    });

    it('on a check run of another name changes nothing', () => {
      expect(plan('check_run', 'rerequested', ownCheckRun('rerequested', { name: 'ci' }))).toEqual({
        kind: 'ignore',
        reason: 'check run "ci" is not a gatehouse check',
      });
    });

    it('on a deployment gate’s run of a commit without a pull request goes to its approval issue', () => {
      expect(
        plan(
          'check_run',
          'requested_action',
          ownCheckRun('requested_action', { name: 'gatehouse: production', pull_requests: [] }),
        ),
      ).toEqual({
        kind: 'approval_issue_click',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
        sha: 'c0ffee',
        environment: 'production',
        checkRunId: 555,
        checkRunAppId: 31337,
        action: 'approve',
        sender: alice,
        runSummary: 'the request as the clicker saw it',
      });
    });

    it('re-run on a deployment gate’s run without a pull request changes nothing', () => {
      expect(
        plan(
          'check_run',
          'rerequested',
          ownCheckRun('rerequested', { name: 'gatehouse: production', pull_requests: [] }),
        ),
      ).toMatchObject({ kind: 'ignore' });
    });

    it('on a deployment gate’s run recomputes that gate of the pull request', () => {
      expect(
        plan(
          'check_run',
          'requested_action',
          ownCheckRun('requested_action', { name: 'gatehouse: prod/eu west' }),
        ),
      ).toMatchObject({ kind: 'gate', scope: { environment: 'prod/eu west' } });
    });

    it('without an app is passed on with no app id, so that it is not taken for Gatehouse (K1)', () => {
      expect(plan('check_run', 'rerequested', ownCheckRun('rerequested', { app: null }))).toMatchObject({
        checkRunAppId: null,
      });
    });

    it('names only pull requests of this repository, never one of another (A10)', () => {
      const pulls = [
        { number: 7, base: { repo: { id: REPOSITORY.id } } },
        { number: 8, base: { repo: { id: 1 } } },
      ];
      expect(
        plan('check_run', 'rerequested', ownCheckRun('rerequested', { pull_requests: pulls })),
      ).toMatchObject({
        targets: [target(7)],
      });
    });

    it("of a fork's pull request, which GitHub lists with none, changes nothing (S7)", () => {
      expect(plan('check_run', 'rerequested', ownCheckRun('rerequested', { pull_requests: [] }))).toEqual({
        kind: 'ignore',
        reason: 'the check run names no pull request of this repository',
      });
    });

    it('requested_action without the action changes nothing', () => {
      const payload = { ...ownCheckRun('rerequested'), action: 'requested_action', requested_action: null };
      expect(plan('check_run', 'rerequested', payload)).toMatchObject({ kind: 'ignore' });
    });

    it.each(['created', 'completed'])('%s changes nothing', (action) => {
      expect(plan('check_run', 'rerequested', { ...ownCheckRun(action), action })).toMatchObject({
        kind: 'ignore',
      });
    });
  });

  describe('push', () => {
    const commits = (files: string[]) => [{ id: 'a', added: [], removed: [], modified: files }];

    it('changing the policy on the default branch syncs the environments at the pushed commit', () => {
      expect(
        plan('push', undefined, {
          ref: 'refs/heads/main',
          after: 'f'.repeat(40),
          commits: commits(['.github/gatehouse.yml']),
        }),
      ).toEqual({
        kind: 'sync_environments',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
        sha: 'f'.repeat(40),
        defaultBranch: 'main',
      });
    });

    it('leaving the policy as it was on the default branch changes nothing', () => {
      expect(
        plan('push', undefined, { ref: 'refs/heads/main', commits: commits(['src/a.ts']) }),
      ).toMatchObject({
        kind: 'ignore',
      });
    });

    it('to the decision log branch changes nothing (R9)', () => {
      expect(plan('push', undefined, { ref: 'refs/heads/gatehouse-log', deleted: false })).toEqual({
        kind: 'ignore',
        reason: 'a push to refs/heads/gatehouse-log, not to the default branch',
      });
    });

    it('deleting the default branch changes nothing', () => {
      expect(plan('push', undefined, { ref: 'refs/heads/main', deleted: true })).toMatchObject({
        kind: 'ignore',
      });
    });
  });

  it('installation is noted', () => {
    expect(plan('installation', 'created')).toMatchObject({
      kind: 'note',
      message: 'installation created',
      fields: { installation: INSTALLATION_ID, account: 'Codertocat', sender: 'alice' },
    });
  });

  describe('deployment_protection_rule', () => {
    const requested = {
      action: 'requested',
      environment: 'production',
      event: 'push',
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      deployment_callback_url: `https://api.github.com/repos/${REPOSITORY.owner}/${REPOSITORY.name}/actions/runs/77/deployment_protection_rule`,
      deployment: { id: 5, sha: 'a'.repeat(40), creator: accounts.alice },
      repository: { id: REPOSITORY.id, name: REPOSITORY.name, owner: { login: REPOSITORY.owner } },
      installation: { id: INSTALLATION_ID },
      sender: accounts.alice,
    };

    it('requested asks for the deployment gate, with the payload’s hints for the API to confirm', () => {
      const delivery = parseDelivery('deployment_protection_rule', requested);
      expect(delivery && planDelivery(delivery)).toEqual({
        kind: 'deployment',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name, id: REPOSITORY.id },
        environment: 'production',
        callbackUrl: requested.deployment_callback_url,
        sha: 'a'.repeat(40),
        creator: alice,
      });
    });

    it('another action asks nothing', () => {
      const delivery = parseDelivery('deployment_protection_rule', { ...requested, action: 'answered' });
      expect(delivery && planDelivery(delivery)).toMatchObject({ kind: 'ignore' });
    });

    it('a body without the callback URL is refused before any work (W8)', () => {
      const { deployment_callback_url: _, ...body } = requested;
      expect(() => parseDelivery('deployment_protection_rule', body)).toThrow(/deployment_callback_url/);
    });
  });

  describe('deployment_review', () => {
    const review = (action: string) => ({
      action,
      since: '2026-11-20T10:05:00Z',
      environment: 'production',
      approver: accounts.bob,
      comment: 'ship it',
      workflow_run: { id: 77, head_sha: 'b'.repeat(40) },
      workflow_job_runs: [
        { id: 1, environment: 'production' },
        { id: 2, environment: 'staging' },
      ],
      repository: { id: REPOSITORY.id, name: REPOSITORY.name, owner: { login: REPOSITORY.owner } },
      installation: { id: INSTALLATION_ID },
      sender: accounts.bob,
    });

    it.each([
      ['approved', 'approve'],
      ['rejected', 'reject'],
    ])('%s is a statement by the reviewer on each environment of the run', (action, verb) => {
      const delivery = parseDelivery('deployment_review', review(action));
      expect(delivery && planDelivery(delivery)).toEqual({
        kind: 'deployment_review',
        installationId: INSTALLATION_ID,
        repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
        runId: 77,
        sha: 'b'.repeat(40),
        environments: ['production', 'staging'],
        action: verb,
        reviewer: { id: accounts.bob.id, login: accounts.bob.login, type: accounts.bob.type },
        at: '2026-11-20T10:05:00Z',
      });
    });

    it('requested is no decision', () => {
      const delivery = parseDelivery('deployment_review', review('requested'));
      expect(delivery && planDelivery(delivery)).toMatchObject({ kind: 'ignore' });
    });
  });

  describe('deployment_status', () => {
    it.each(['success', 'failure', 'error', 'inactive'])(
      '%s: the deployment ended, its execution is recorded',
      (state) => {
        expect(
          plan('deployment_status', 'created', {
            deployment_status: { state },
            deployment: { id: 145988746 },
          }),
        ).toEqual({
          kind: 'deployment_execution',
          installationId: INSTALLATION_ID,
          repository: { owner: REPOSITORY.owner, repo: REPOSITORY.name },
          deploymentId: 145988746,
        });
      },
    );

    it.each(['in_progress', 'queued', 'waiting', 'pending'])('%s is no end of a deployment', (state) => {
      expect(plan('deployment_status', 'created', { deployment_status: { state } })).toEqual({
        kind: 'ignore',
        reason: `a deployment status ${state} is no end of a deployment`,
      });
    });
  });
});
