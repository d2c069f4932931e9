import { describe, expect, it } from 'vitest';
import { parseDecisionCommitMessage, parseDecisionRecord } from '../../src/core/decision-record.ts';
import { useNock } from '../support/github-client.ts';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  commented,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  mockUpdateCheckRun,
  mockUpdateComment,
  opened,
  openPullRequest,
  outputOf,
  runsOf,
  step,
} from '../support/github-world.ts';

useNock();

describe('a pull-request gate, end to end', () => {
  it('goes from opened to approved and logged with a fixed number of requests per step', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });

    // 1. Opened: 8 reads; the request comment, the review requests and the pending check run.
    const first = await openPullRequest(world);
    expect(first.run).toMatchObject({ policy: 'valid', state: 'pending', requests: 10 });
    const [pending] = runsOf(world);
    expect(pending).toMatchObject({
      status: 'in_progress',
      output: { title: 'Waiting for 1 approval from platform' },
    });
    const sticky = world.comments[0]?.id as number;

    // 2. /approve: 7 reads and alice's permission; the log (orphan branch: tree, commit, ref), the
    // comment, and the waiting check run completed as approved, in place.
    const approval = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    const second = await step(world, '2026-11-20T10:05:00Z', commented(approval), (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, sticky, (body) => body.startsWith('**Approved** by alice.'));
      mockUpdateCheckRun(
        world,
        scope,
        pending?.id as number,
        (body) => body.conclusion === 'success' && (body.actions as unknown[]).length === 0,
      );
    });
    expect(second.run).toMatchObject({ state: 'approved', requests: 13, logCommit: 'commit1003' });
    expect(
      runsOf(world).map((run) => [run.status, run.conclusion, (run.output as { title: string }).title]),
    ).toEqual([['completed', 'success', 'Approved by alice']]);

    // The record: named by the decision id, decided when alice approved, on the orphan branch.
    const [commit] = world.log ?? [];
    expect(parseDecisionCommitMessage(commit?.message ?? '')).toMatchObject({
      id: second.run.decisionId,
      decision: 'approved',
      rules: ['migrations'],
      at: '2026-11-20T10:04:00.000Z',
    });
    const [path, content] = Object.entries(commit?.files ?? {})[0] ?? [];
    expect(path).toBe(`decisions/2026/11/${second.run.decisionId}.md`);
    const parsed = parseDecisionRecord(content ?? '');
    expect('record' in parsed && parsed.record).toMatchObject({
      decision: 'approved',
      approvers: [{ id: 1, login: 'alice', at: '2026-11-20T10:04:00Z', via: 'comment' }],
      links: {
        pull_request: 'https://github.com/acme/shop/pull/7',
        comment: expect.stringContaining(`#issuecomment-${sticky}`),
      },
      times: { requested_at: '2026-11-20T10:00:00.000Z', decided_at: '2026-11-20T10:04:00.000Z' },
    });

    // 3. The same delivery again: the same reads, and nothing written.
    const third = await step(world, '2026-11-20T10:06:00Z', commented(approval), (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
    });
    expect(third.run).toMatchObject({ state: 'approved', requests: 8, checkRunId: runsOf(world)[0]?.id });
    expect(world.comments).toHaveLength(2);
    expect(world.log).toHaveLength(1);
  });

  it('costs only the extra pages for a long comment history', async () => {
    const world = aWorld();
    await openPullRequest(world);
    for (let i = 0; i < 249; i++)
      addComment(world, i % 2 === 0 ? users.bob : users.dave, `Looks good, question ${i}`);
    const { run } = await step(world, '2026-11-20T10:05:00Z', { kind: 'recheck' }, (scope) =>
      mockReads(world, scope),
    );
    // 7 reads, with the 250 comments on three pages instead of one.
    expect(run).toMatchObject({ state: 'pending', requests: 9 });
  });
});

describe('an approval withdrawn by deleting its comment (L3)', () => {
  it('puts the gate back to pending with a new check run', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    const [pending] = runsOf(world);
    const sticky = world.comments[0]?.id as number;
    const approval = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    await step(world, '2026-11-20T10:05:00Z', commented(approval), (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, sticky);
      mockUpdateCheckRun(world, scope, pending?.id as number, (body) => body.conclusion === 'success');
    });

    world.comments = world.comments.filter((comment) => comment.id !== approval);
    const deleted = { ...commented(approval), action: 'deleted' } as const;
    const { run } = await step(world, '2026-11-20T10:09:00Z', deleted, (scope) => {
      mockReads(world, scope);
      mockUpdateComment(world, scope, sticky, (body) => body.startsWith('**Waiting for approval**'));
      mockCreateCheckRun(world, scope, (body) => body.status === 'in_progress');
    });
    expect(run).toMatchObject({ state: 'pending' });
    expect(runsOf(world).map((check) => [check.status, check.conclusion ?? null])).toEqual([
      ['completed', 'success'],
      ['in_progress', null],
    ]);
  });
});

describe('a replayed delivery', () => {
  it('changes nothing', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const replay = await step(world, '2026-11-20T10:01:00Z', opened, (scope) => mockReads(world, scope));
    expect(replay.run).toMatchObject({ state: 'pending', requests: 7 });
    expect(world.comments).toHaveLength(1);
    expect(runsOf(world)).toHaveLength(1);
  });
});

describe('the policy states', () => {
  it('does nothing without a policy, and says so', async () => {
    const world = aWorld({ policy: null });
    const { run, log } = await step(world, '2026-11-20T10:00:00Z', opened, (scope) =>
      mockReads(world, scope),
    );
    expect(run).toEqual({ policy: 'absent', headSha: HEAD_SHA, requests: 2 });
    expect(log.messages('info')).toContain('no .github/gatehouse.yml on main: Gatehouse does nothing here');
  });

  it('publishes nothing while the policy cannot be read, and returns the error', async () => {
    const world = aWorld();
    const { run } = await step(world, '2026-11-20T10:00:00Z', opened, (scope) => {
      mockReads(world, scope, { policyError: { status: 502, times: 3 } });
    });
    expect(run).toMatchObject({
      policy: 'unreadable',
      error: '.github/gatehouse.yml on main: HTTP 502: Bad Gateway',
    });
  });
});

describe('the policy states, continued', () => {
  it('fails the check with every problem of an invalid policy, and posts nothing else', async () => {
    const world = aWorld({ policy: 'mode: sometimes\nrules:\n  - name: x\n    approvals: 0\n' });
    const { run } = await step(world, '2026-11-20T10:00:00Z', opened, (scope) => {
      mockReads(world, scope, { gather: false });
      scope
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query(true)
        .reply(200, { total_count: 0, check_runs: [] });
      mockCreateCheckRun(
        world,
        scope,
        (body) => body.status === 'completed' && body.conclusion === 'failure',
      );
    });
    expect(run).toMatchObject({ policy: 'invalid', requests: 4 });
    const [failing] = runsOf(world);
    expect(outputOf(failing).title).toBe('Invalid configuration: 2 problems');
    expect(outputOf(failing).summary).toMatchInlineSnapshot(`
      "**Invalid configuration** — \`.github/gatehouse.yml\` has 2 problems. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.

      - mode: expected one of "auto", "ask\\-once", "ask" or "always", got "sometimes" (line 1, column 7)
      - rules\\[0\\].approvals: expected at least 1, got 0 (line 4, column 16)"
    `);
  });
});

describe('what is not a gate', () => {
  it('leaves a closed or merged pull request alone', async () => {
    const world = aWorld({ pr: { state: 'closed', merged: true } });
    const { run } = await step(world, '2026-11-20T10:00:00Z', opened, (scope) => mockReads(world, scope));
    expect(run).toEqual({ policy: 'not_loaded', skipped: 'closed', headSha: HEAD_SHA, requests: 1 });
  });

  it('leaves an issue alone', async () => {
    const world = aWorld();
    const { run } = await step(world, '2026-11-20T10:00:00Z', commented(5), (scope) => {
      scope.get('/repos/acme/shop/pulls/7').reply(404, { message: 'Not Found' });
    });
    expect(run).toEqual({ policy: 'not_loaded', skipped: 'not_a_pull_request', requests: 1 });
  });
});
