import { describe, expect, it } from 'vitest';
import { createExplicitRequest } from '../../src/core/request.ts';
import { runApprovalIssueGate, runRequestGate, sweepRequestGates } from '../../src/gate/run-request-gate.ts';
import { useNock } from '../support/github-client.ts';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import { mockCreateCheckRun, mockLogWrite } from '../support/github-world.ts';
import {
  addIssue,
  aMigrationRequest,
  aRequestWorld,
  mockCheckRuns,
  mockGetIssue,
  mockIssueList,
  mockLogRead,
  mockPolicy,
  REQUEST_POLICY,
  requestStep,
} from '../support/request-world.ts';

useNock();

const target = { owner: 'acme', repo: 'shop' };
const options = { checkRun: true, dispatch: true };

describe('a request gate and its policy', () => {
  it('does nothing without a policy', async () => {
    const world = aRequestWorld({ policy: null });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => mockPolicy(world, scope),
      (env) => runRequestGate(env, target, aMigrationRequest(), options),
    );
    expect(value).toMatchObject({ policy: 'absent', approvers: [], expiredForQueue: [], requests: 2 });
  });

  it('fails the request’s check run when the policy is invalid', async () => {
    const world = aRequestWorld({ policy: 'mode: sometimes\n' });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockCheckRuns(world, scope);
        mockCreateCheckRun(world.base, scope, (body) => body.conclusion === 'failure');
      },
      (env) => runRequestGate(env, target, aMigrationRequest(), options),
    );
    expect(value).toMatchObject({ policy: 'invalid', checkRunId: expect.any(Number) });
    expect(value.error).toContain('mode');
  });

  it('lets an allowed kind proceed: recorded and green, no issue opened', async () => {
    const world = aRequestWorld({ policy: `allow: [docs]\n${REQUEST_POLICY}` });
    const request = createExplicitRequest({
      repository: 'acme/shop',
      sha: HEAD_SHA,
      kind: 'docs',
      title: 'Fix a typo',
      requester: users.author,
    });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
        mockLogWrite(world.base, scope);
        mockCreateCheckRun(world.base, scope, (body) => body.conclusion === 'success');
      },
      (env) => runRequestGate(env, target, request, options),
    );
    expect(value).toMatchObject({ policy: 'valid', state: 'auto_approved', tier: 'notify' });
    expect(value.issueNumber).toBeUndefined();
    expect(world.issues).toEqual([]);
  });

  it('writes nothing on a dry run of a new request', async () => {
    const world = aRequestWorld();
    const { value, log } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
      },
      (env) => runRequestGate(env, target, aMigrationRequest(), options),
      { dryRun: true },
    );
    expect(value).toMatchObject({ state: 'pending', requests: 6 });
    expect(log.messages('info')).toContain('dry run: would open an approval issue');
  });
});

describe('recomputing an issue that is not a Gatehouse approval issue', () => {
  it('returns undefined for an issue someone else opened, or a missing one', async () => {
    const world = aRequestWorld();
    addIssue(world, {
      number: 5,
      user: users.mallory,
      title: 'x',
      body: '',
      createdAt: '2026-11-20T09:00:00Z',
    });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockGetIssue(world, scope, 5);
        mockGetIssue(world, scope, 6);
      },
      async (env) => [
        await runApprovalIssueGate(env, { ...target, issueNumber: 5 }, options),
        await runApprovalIssueGate(env, { ...target, issueNumber: 6 }, options),
      ],
    );
    expect(value).toEqual([undefined, undefined]);
  });

  it('the sweep skips issues without a wake-up time', async () => {
    const world = aRequestWorld();
    addIssue(world, {
      number: 5,
      user: users.gatehouse,
      title: 'x',
      body: 'no marker',
      createdAt: '2026-11-20T09:00:00Z',
    });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => mockIssueList(world, scope, 'open'),
      (env) => sweepRequestGates(env, target, options),
    );
    expect(value).toEqual([]);
  });
});
