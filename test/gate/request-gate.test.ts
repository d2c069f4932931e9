import { describe, expect, it } from 'vitest';
import { hashRequest } from '../../src/core/decision-id.ts';
import { parseDecisionCommitMessage } from '../../src/core/decision-record.ts';
import { runApprovalIssueGate, runRequestGate } from '../../src/gate/run-request-gate.ts';
import { renderRequestRecord } from '../../src/github/load-approval-issues.ts';
import { renderCheckRunState } from '../../src/github/load-gate-check-runs.ts';
import { renderTraceComment } from '../../src/github/traces.ts';
import { useNock } from '../support/github-client.ts';
import { aCheckRun, HEAD_SHA, SELF, users } from '../support/github-fixtures.ts';
import { mockCreateCheckRun, mockLogWrite, mockUpdateCheckRun } from '../support/github-world.ts';
import {
  addIssue,
  addIssueComment,
  aMigrationRequest,
  aRequestWorld,
  mockCheckRuns,
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
  type RequestWorld,
  requestStep,
} from '../support/request-world.ts';

useNock();

const target = { owner: 'acme', repo: 'shop' };
const options = { checkRun: true, dispatch: true };

/** Step: a new request is asked; it opens issue `number`. */
async function askNew(world: RequestWorld, number: number, at = '2026-11-20T10:00:00Z') {
  const request = aMigrationRequest();
  return requestStep(
    world,
    at,
    (scope) => {
      mockPolicy(world, scope);
      mockIssueList(world, scope, 'open');
      mockIssueList(world, scope, 'closed');
      mockCheckRuns(world, scope);
      mockLogRead(world, scope);
      mockCreateIssue(world, scope, (body) => (body.labels as string[])[0] === 'gatehouse');
      mockCreateIssueComment(world, scope, number, (body) => body.includes('<!-- gatehouse:request-data '));
      mockCreateCheckRun(world.base, scope, (body) => body.status === 'in_progress');
    },
    (env) => runRequestGate(env, target, request, options),
  );
}

/** The reads of recomputing issue `number` from an issue_comment event. */
function mockIssueReads(
  world: RequestWorld,
  scope: Parameters<Parameters<typeof requestStep>[2]>[0],
  number: number,
  logins: string[],
) {
  mockGetIssue(world, scope, number);
  mockComments(world, scope, number);
  mockPolicy(world, scope);
  mockCheckRuns(world, scope);
  mockLogRead(world, scope);
  for (const login of logins) mockPermission(world, scope, login);
}

function pendingRun(world: RequestWorld): number {
  return [...world.base.runs.values()].flat().at(-1)?.id as number;
}

describe('a request gate on an approval issue', () => {
  it('opens one issue for a request and reuses it when the same request comes again', async () => {
    const world = aRequestWorld();
    const first = await askNew(world, 1);
    expect(first.value).toMatchObject({
      policy: 'valid',
      state: 'pending',
      tier: 'approve',
      issueNumber: 1,
      issueUrl: 'https://github.com/acme/shop/issues/1',
      waitingFor: '1 approval from platform',
      deadline: '2026-11-20T14:00:00.000Z',
      expiredForQueue: [],
      requests: 9,
    });
    expect(world.issues[0]).toMatchObject({ title: 'Gatehouse: Run migration 001_drop_status' });
    expect(world.issues[0]?.body).toContain(`<!-- gatehouse:request ${hashRequest(aMigrationRequest())} -->`);
    expect(world.issues[0]?.body).toContain('<!-- gatehouse:wake 2026-11-20T14:00:00.000Z -->');

    // The same request again: found by its hash and record; nothing is written.
    const again = await requestStep(
      world,
      '2026-11-20T10:01:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockComments(world, scope, 1);
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
      },
      (env) => runRequestGate(env, target, aMigrationRequest(), options),
    );
    expect(again.value).toMatchObject({ state: 'pending', issueNumber: 1, requests: 6 });
    expect(world.issues).toHaveLength(1);
  });

  it('approved on the issue: recorded, announced once, closed; a replay writes nothing', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    const [pending] = world.base.runs.get(world.base.runs.keys().next().value ?? '') ?? [];
    addIssueComment(world, 1, users.alice, '/approve', '2026-11-20T10:04:00Z');

    const approved = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockLogWrite(world.base, scope);
        mockUpdateIssue(
          world,
          scope,
          1,
          (body) => typeof body.body === 'string' && body.body.startsWith('**Approved** by alice.'),
        );
        mockUpdateCheckRun(world.base, scope, pending?.id as number, (body) => body.conclusion === 'success');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Approved** by alice.'));
        mockUpdateIssue(
          world,
          scope,
          1,
          (body) => body.state === 'closed' && body.state_reason === 'completed',
        );
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(approved.value).toMatchObject({
      state: 'approved',
      approvers: [users.alice],
      issueNumber: 1,
      logCommit: expect.stringMatching(/^commit/),
      requests: 15,
    });
    expect(approved.value?.waitingFor).toBeUndefined();
    expect(parseDecisionCommitMessage(world.base.log?.[0]?.message ?? '')).toMatchObject({
      decision: 'approved',
      id: approved.value?.decisionId,
    });
    expect(world.dispatches).toEqual([
      {
        event_type: 'gatehouse-decision',
        client_payload: {
          decision: 'approved',
          option: null,
          modifications: null,
          decision_id: approved.value?.decisionId,
          request_hash: hashRequest(aMigrationRequest()),
          issue: 1,
          sha: aMigrationRequest().subject.sha,
          environment: null,
        },
      },
    ]);
    expect(world.issues[0]?.state).toBe('closed');

    // The same event again: the same reads, nothing written.
    const replay = await requestStep(
      world,
      '2026-11-20T10:06:00Z',
      (scope) => mockIssueReads(world, scope, 1, ['alice']),
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(replay.value).toMatchObject({ state: 'approved', requests: 7 });
    expect(world.dispatches).toHaveLength(1);

    // The same request asked again: the closed issue's decision stands; no new issue.
    const again = await requestStep(
      world,
      '2026-11-20T11:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockComments(world, scope, 1);
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
        mockPermission(world, scope, 'alice');
      },
      (env) => runRequestGate(env, target, aMigrationRequest(), options),
    );
    expect(again.value).toMatchObject({
      state: 'approved',
      issueNumber: 1,
      decisionId: approved.value?.decisionId,
    });
    expect(world.issues).toHaveLength(1);
  });

  it('says why a vague request is not put to anyone, so the requester can fix it', async () => {
    const world = aRequestWorld();
    const vague = aMigrationRequest({ title: 'Migrate' });
    const { value } = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
        // No approval issue: only the check run, failing with what is missing.
        mockCreateCheckRun(world.base, scope, (body) => body.conclusion === 'failure');
      },
      (env) => runRequestGate(env, target, vague, options),
    );
    expect(value).toMatchObject({
      state: 'pending',
      ready: false,
      reason: 'not ready for approval: action is too short to act on ("Migrate")',
    });
    expect(value.issueNumber).toBeUndefined();
    expect(world.issues).toEqual([]);
  });

  it('does not count the requester’s own approval', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    addIssueComment(world, 1, users.author, '/approve', '2026-11-20T10:04:00Z');
    world.permissions['agent-author'] = ['write', 'write'];
    const run = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['agent-author']);
        // The request shows how the statement was counted: the body is updated, nothing else.
        mockUpdateIssue(world, scope, 1, (body) => String(body.body).includes('is the requester'));
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.status === 'in_progress');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(run.value).toMatchObject({
      state: 'pending',
      approvers: [],
      waitingFor: '1 approval from platform',
    });
    expect(world.dispatches).toEqual([]);
  });

  it('ignores an issue whose request record is forged or edited', async () => {
    const world = aRequestWorld();
    const request = aMigrationRequest();
    const marker = `<!-- gatehouse:request ${hashRequest(request)} -->`;
    // #1: opened by the bot, but the record comment is mallory's.
    addIssue(world, {
      number: 1,
      user: users.gatehouse,
      title: 'x',
      body: marker,
      createdAt: '2026-11-20T09:00:00Z',
    });
    addIssueComment(world, 1, users.mallory, renderRequestRecord(request), '2026-11-20T09:00:00Z');
    addIssueComment(world, 1, users.mallory, '/approve', '2026-11-20T09:01:00Z');
    // #2: the bot's record, edited afterwards.
    addIssue(world, {
      number: 2,
      user: users.gatehouse,
      title: 'x',
      body: marker,
      createdAt: '2026-11-20T09:00:00Z',
    });
    addIssueComment(
      world,
      2,
      users.gatehouse,
      renderRequestRecord(request),
      '2026-11-20T09:00:00Z',
      '2026-11-20T09:30:00Z',
    );
    // #3: opened by mallory.
    addIssue(world, {
      number: 3,
      user: users.mallory,
      title: 'x',
      body: marker,
      createdAt: '2026-11-20T09:00:00Z',
    });

    const run = await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockComments(world, scope, 1);
        mockComments(world, scope, 2);
        mockIssueList(world, scope, 'closed');
        mockCheckRuns(world, scope);
        mockLogRead(world, scope);
        mockCreateIssue(world, scope);
        mockCreateIssueComment(world, scope, 4, (body) => body.includes('gatehouse:request-data'));
        mockCreateCheckRun(world.base, scope);
      },
      (env) => runRequestGate(env, target, request, { ...options, labels: ['gatehouse'] }),
    );
    expect(run.value).toMatchObject({ state: 'pending', issueNumber: 4 });
    expect(run.log.messages('warn')).toEqual([
      'an approval issue without a genuine request record: ignored',
      'an approval issue without a genuine request record: ignored',
    ]);

    // Recomputing the forged issue itself finds no request: not a Gatehouse approval issue.
    const forged = await requestStep(
      world,
      '2026-11-20T10:01:00Z',
      (scope) => {
        mockGetIssue(world, scope, 1);
        mockComments(world, scope, 1);
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(forged.value).toBeUndefined();
  });
});

describe('the pending queue', () => {
  it('expires the oldest pending request when one more would exceed max_pending', async () => {
    const world = aRequestWorld();
    const quiet = { checkRun: false, dispatch: false };
    const ask = (
      title: string,
      number: number,
      at: string,
      extra: (scope: Parameters<Parameters<typeof requestStep>[2]>[0]) => void = () => {},
    ) =>
      requestStep(
        world,
        at,
        (scope) => {
          mockPolicy(world, scope);
          mockIssueList(world, scope, 'open');
          mockIssueList(world, scope, 'closed');
          mockLogRead(world, scope);
          extra(scope);
          mockCreateIssue(world, scope);
          mockCreateIssueComment(world, scope, number, (body) => body.includes('gatehouse:request-data'));
        },
        (env) => runRequestGate(env, target, aMigrationRequest({ title }), quiet),
      );
    await ask('Migration A', 1, '2026-11-20T10:00:00Z');
    await ask('Migration B', 2, '2026-11-20T10:10:00Z');
    // max_pending 2: the third request expires #1 (a notice, the record, closed) before opening #3.
    const third = await ask('Migration C', 3, '2026-11-20T10:20:00Z', (scope) => {
      mockComments(world, scope, 1);
      mockCreateIssueComment(world, scope, 1, (body) =>
        body.startsWith('**Expired:** the pending queue is full (max_pending 2)'),
      );
      mockLogRead(world, scope);
      mockLogWrite(world.base, scope);
      mockUpdateIssue(world, scope, 1, (body) => String(body.body).startsWith('**Expired**'));
      mockCreateIssueComment(world, scope, 1, (body) =>
        body.startsWith('**Expired**: the pending queue is full'),
      );
      mockUpdateIssue(
        world,
        scope,
        1,
        (body) => body.state === 'closed' && body.state_reason === 'not_planned',
      );
    });
    expect(third.value).toMatchObject({ state: 'pending', issueNumber: 3, expiredForQueue: [1] });
    expect(world.issues.map((issue) => [issue.number, issue.state])).toEqual([
      [1, 'closed'],
      [2, 'open'],
      [3, 'open'],
    ]);
    const [commit] = world.base.log ?? [];
    expect(parseDecisionCommitMessage(commit?.message ?? '')).toMatchObject({ decision: 'expired' });
    const content = Object.values(commit?.files ?? {})[0] ?? '';
    expect(content).toContain('the pending queue is full (max_pending 2)');
  });
});

describe('an edit of a command comment by someone else (L1)', () => {
  it('is recorded once as a trace and fails the gate closed', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    const rejection = addIssueComment(
      world,
      1,
      users.alice,
      '/reject not during the sale',
      '2026-11-20T10:04:00Z',
    );
    const comment = world.comments.get(1)?.find((entry) => entry.id === rejection);
    if (comment === undefined) throw new Error('no comment');
    comment.body = 'LGTM';
    comment.updated_at = '2026-11-20T10:05:00Z';
    const edit = {
      commentId: rejection,
      editor: users.mallory,
      updatedAt: '2026-11-20T10:05:00Z',
      previousBody: '/reject not during the sale',
    };
    const run = await requestStep(
      world,
      '2026-11-20T10:05:10Z',
      (scope) => {
        mockIssueReads(world, scope, 1, []);
        mockCreateIssueComment(world, scope, 1, (body) => body.includes('<!-- gatehouse:trace '));
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) =>
          String(body.body).startsWith('**Blocked: an approval comment was edited**'),
        );
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.conclusion === 'failure');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Rejected**'));
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options, edit),
    );
    expect(run.value).toMatchObject({ state: 'rejected' });
    expect(run.value?.reason).toContain('mallory');

    // The same delivery again: the trace is found by its key; nothing is written.
    const replay = await requestStep(
      world,
      '2026-11-20T10:06:00Z',
      (scope) => mockIssueReads(world, scope, 1, []),
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options, edit),
    );
    expect(replay.value).toMatchObject({ state: 'rejected', requests: 6 });
  });
});

describe('a veto on an approval issue is durable (class 4)', () => {
  /** alice's `/reject` on issue 1 at 10:04, evaluated at 10:05: rejected, recorded, closed. */
  async function rejectOnIssue(world: RequestWorld, overrides: Parameters<typeof requestStep>[4] = {}) {
    const id = addIssueComment(world, 1, users.alice, '/reject not during the sale', '2026-11-20T10:04:00Z');
    const run = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) => typeof body.body === 'string');
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.conclusion === 'failure');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Rejected** by alice.'));
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
      overrides,
    );
    expect(run.value).toMatchObject({ state: 'rejected' });
    return id;
  }

  function newestRunText(world: RequestWorld): string {
    const run = [...world.base.runs.values()].flat().at(-1);
    return String((run?.output as { text?: unknown } | undefined)?.text);
  }

  function deleteComment(world: RequestWorld, id: number): void {
    world.comments.set(
      1,
      (world.comments.get(1) ?? []).filter((comment) => comment.id !== id),
    );
  }

  it('is recorded on the issue’s check run and still rejects after a writer deletes the comment', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    const id = await rejectOnIssue(world);
    expect(newestRunText(world)).toContain('<!-- gatehouse:vetoes ');
    expect(newestRunText(world)).toContain(`"statementId":"${id}"`);
    expect(newestRunText(world)).toContain('"issue":1');

    // mallory deletes alice's comment; the next evaluation (here without the delivery: a sweep,
    // or a new request for the same thing) reads the veto back from the run.
    deleteComment(world, id);
    const after = await requestStep(
      world,
      '2026-11-20T10:10:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockUpdateIssue(world, scope, 1, (body) =>
          String(body.body).includes('was deleted after Gatehouse saw it'),
        );
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) =>
          JSON.stringify(body).includes('was deleted after Gatehouse saw it'),
        );
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(after.value).toMatchObject({ state: 'rejected', reason: 'not during the sale' });
    expect(world.dispatches).toHaveLength(1);
  });

  it('still rejects when a writer edits the /reject away and deletes Gatehouse’s trace of the edit', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    const id = await rejectOnIssue(world);
    const comment = world.comments.get(1)?.find((entry) => entry.id === id);
    if (comment === undefined) throw new Error('no comment');
    comment.body = 'LGTM';
    comment.updated_at = '2026-11-20T10:06:00Z';
    const edit = {
      commentId: id,
      editor: users.mallory,
      updatedAt: '2026-11-20T10:06:00Z',
      previousBody: '/reject not during the sale',
    };
    const edited = await requestStep(
      world,
      '2026-11-20T10:06:10Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockCreateIssueComment(world, scope, 1, (body) => body.includes('<!-- gatehouse:trace '));
        mockUpdateIssue(world, scope, 1, (body) => typeof body.body === 'string');
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.conclusion === 'failure');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options, edit),
    );
    // The edit is tampering (L1), and the veto stays recorded on the run as it was made.
    expect(edited.value).toMatchObject({ state: 'rejected' });
    expect(edited.value?.reason).toContain('mallory');
    expect(newestRunText(world)).toContain(`"statementId":"${id}"`);
    // mallory deletes the trace that names her too: the veto itself was recorded where she cannot write.
    world.comments.set(
      1,
      (world.comments.get(1) ?? []).filter((entry) => !String(entry.body).includes('<!-- gatehouse:trace ')),
    );
    const after = await requestStep(
      world,
      '2026-11-20T10:10:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockUpdateIssue(world, scope, 1, (body) => String(body.body).includes('was edited away'));
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) =>
          JSON.stringify(body).includes('was edited away after Gatehouse saw it'),
        );
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(after.value).toMatchObject({ state: 'rejected', reason: 'not during the sale' });
  });

  it('counts a /reject that GitHub’s deletion delivery shows, though no run recorded it', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    // The comment was made and deleted before Gatehouse evaluated it (its delivery was lost).
    const deletion = {
      commentId: 4242,
      body: '/reject not during the sale',
      createdAt: '2026-11-20T10:04:00Z',
      author: users.alice,
    };
    const run = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => {
        mockIssueReads(world, scope, 1, ['alice']);
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) => typeof body.body === 'string');
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.conclusion === 'failure');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Rejected** by alice.'));
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options, undefined, deletion),
    );
    expect(run.value).toMatchObject({ state: 'rejected', reason: 'not during the sale' });
    expect(newestRunText(world)).toContain('"statementId":"4242"');
  });

  it('reads back only the vetoes recorded for this issue, not another gate’s of the same commit', async () => {
    const world = aRequestWorld();
    await askNew(world, 1);
    const veto = {
      source: 'comment' as const,
      author: users.alice,
      reason: 'not during the sale',
      at: '2026-11-20T09:00:00Z',
    };
    // An earlier run of the same name on the commit: a pull request's gate and another issue's.
    world.base.runs.get(HEAD_SHA)?.unshift(
      aCheckRun({
        id: 1,
        externalId: 'another-gate',
        status: 'completed',
        conclusion: 'failure',
        text: renderCheckRunState({
          reviewersRequested: false,
          vetoes: [
            { ...veto, statementId: '901' },
            { ...veto, statementId: '902', issue: 9 },
          ],
        }),
      }),
    );
    const run = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => mockIssueReads(world, scope, 1, []),
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(run.value).toMatchObject({ state: 'pending' });
  });

  it('is neither recorded nor read back by the Action, where any workflow can write Gatehouse’s runs', async () => {
    const world = aRequestWorld();
    const action = { self: { ...SELF, sharedIdentity: true } };
    await askNew(world, 1);
    const id = await rejectOnIssue(world, action);
    expect(newestRunText(world)).not.toContain('gatehouse:vetoes');

    // The Action's trust boundary (docs/security.md): a deleted veto is gone; the closed issue
    // is left as it is, and the same request asked again gets a new issue.
    deleteComment(world, id);
    const after = await requestStep(
      world,
      '2026-11-20T10:10:00Z',
      (scope) => mockIssueReads(world, scope, 1, []),
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
      action,
    );
    expect(after.value).toMatchObject({ state: 'pending' });
  });
});

describe('a deployment gate on an approval issue', () => {
  it('counts a review from GitHub’s Review deployments dialog, recorded on the issue, for its own environment only', async () => {
    const world = aRequestWorld();
    const request = { ...aMigrationRequest(), gate: { kind: 'request' as const, environment: 'production' } };
    const check = 'gatehouse: production';
    await requestStep(
      world,
      '2026-11-20T10:00:00Z',
      (scope) => {
        mockPolicy(world, scope);
        mockIssueList(world, scope, 'open');
        mockIssueList(world, scope, 'closed');
        mockCheckRuns(world, scope, check);
        mockLogRead(world, scope);
        mockCreateIssue(world, scope, () => true);
        mockCreateIssueComment(world, scope, 1, (body) => body.includes('<!-- gatehouse:request-data '));
        mockCreateCheckRun(world.base, scope, (body) => body.name === check);
      },
      (env) => runRequestGate(env, target, request, options),
    );
    const review = (environment: string, key: string) =>
      renderTraceComment({
        type: 'deployment_review',
        action: 'approve',
        actor: users.alice,
        sha: request.subject.sha,
        environment,
        at: '2026-11-20T10:04:00Z',
        key,
      });
    // alice approved the deployment to staging: that is no statement for production.
    addIssueComment(world, 1, users.gatehouse, review('staging', 'a'.repeat(24)), '2026-11-20T10:04:00Z');
    const staging = await requestStep(
      world,
      '2026-11-20T10:05:00Z',
      (scope) => {
        mockGetIssue(world, scope, 1);
        mockComments(world, scope, 1);
        mockPolicy(world, scope);
        mockCheckRuns(world, scope, check);
        mockLogRead(world, scope);
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(staging.value).toMatchObject({ state: 'pending', approvers: [] });

    // Then production: it counts like her /approve.
    addIssueComment(world, 1, users.gatehouse, review('production', 'b'.repeat(24)), '2026-11-20T10:06:00Z');
    const production = await requestStep(
      world,
      '2026-11-20T10:07:00Z',
      (scope) => {
        mockGetIssue(world, scope, 1);
        mockComments(world, scope, 1);
        mockPolicy(world, scope);
        mockCheckRuns(world, scope, check);
        mockLogRead(world, scope);
        mockPermission(world, scope, 'alice');
        mockLogWrite(world.base, scope);
        mockUpdateIssue(world, scope, 1, (body) => typeof body.body === 'string');
        mockUpdateCheckRun(world.base, scope, pendingRun(world), (body) => body.conclusion === 'success');
        mockDispatch(world, scope);
        mockCreateIssueComment(world, scope, 1, (body) => body.startsWith('**Approved** by alice.'));
        mockUpdateIssue(world, scope, 1, (body) => body.state === 'closed');
      },
      (env) => runApprovalIssueGate(env, { ...target, issueNumber: 1 }, options),
    );
    expect(production.value).toMatchObject({ state: 'approved', approvers: [users.alice] });
  });
});
