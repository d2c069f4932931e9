import { describe, expect, it } from 'vitest';
import { createExplicitRequest } from '../../src/core/request.ts';
import { runApprovalIssueGate, runRequestGate } from '../../src/gate/run-request-gate.ts';
import { useNock } from '../support/github-client.ts';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import { mockLogWrite } from '../support/github-world.ts';
import {
  addIssueComment,
  aRequestWorld,
  mockComments,
  mockCreateIssue,
  mockCreateIssueComment,
  mockDispatch,
  mockGetIssue,
  mockIssueList,
  mockLogRead,
  mockPermission,
  mockPolicy,
  mockUpdateIssue,
  requestStep,
} from '../support/request-world.ts';

useNock();

const target = { owner: 'acme', repo: 'shop' };
const options = { checkRun: false, dispatch: true };
const request = createExplicitRequest({
  repository: 'acme/shop',
  sha: HEAD_SHA,
  kind: 'migration',
  title: 'Drop orders.status',
  rollback: 'Restore the column',
  options: ['online', 'offline: take the shop down for 5 minutes'],
  requester: users.author,
});

describe('an approval that picks one of the request’s options', () => {
  it('returns the option and announces it, even right after the issue opened', async () => {
    const world = aRequestWorld();
    await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockLogRead(world, scope);
        mockCreateIssue(world, scope);
        mockCreateIssueComment(world, scope, 1);
      },
      (env) => runRequestGate(env, target, request, options),
    );
    // Ten seconds after the issue opened: no push can race it, so the push guard holds nothing.
    addIssueComment(world, 1, users.alice, '/approve offline', '2026-11-20T10:00:10Z');
    const { value } = await requestStep(
      world,
      '2026-11-20T10:02:00Z',
      (scope) => {
        mockGetIssue(world, scope, 1);
        mockComments(world, scope, 1);
        mockPolicy(world, scope);
        mockLogRead(world, scope);
        mockPermission(world, scope, 'alice');
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1);
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1);
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(value).toMatchObject({ state: 'approved', option: { key: 'b', name: 'offline' } });
    expect(world.dispatches[0]).toMatchObject({
      client_payload: { decision: 'approved', option: 'offline' },
    });
  });
});
