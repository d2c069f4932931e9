// What the orchestration publishes beyond the first request: review requests once per head and
// only for a ready request, escalation, the wake-up time the sweep reads, the log before the
// green check, spec files, and dry runs.
import { describe, expect, it } from 'vitest';
import type { PullRequestTrigger } from '../../src/gate/run-pull-request-gate.ts';
import { parseTraceMarker } from '../../src/github/traces.ts';
import { useNock } from '../support/github-client.ts';
import { aChangedFile, anError, HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  commented,
  mockCreateCheckRun,
  mockCreateComment,
  mockHeadHistory,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  openPullRequest,
  outputOf,
  runsOf,
  step,
} from '../support/github-world.ts';

useNock();

type Json = Record<string, unknown>;
const recheck: PullRequestTrigger = { kind: 'recheck' };

const output = outputOf;

describe('review requests', () => {
  it('are sent once per head, not on every event', async () => {
    const world = aWorld();
    await openPullRequest(world);
    await step(world, '2026-11-20T10:01:00Z', recheck, (scope) => mockReads(world, scope));
    await step(
      world,
      '2026-11-20T10:02:00Z',
      { kind: 'review', action: 'submitted', sender: users.dave },
      (scope) => mockReads(world, scope),
    );
    expect(world.reviewRequests).toEqual([{ reviewers: ['alice', 'bob'], team_reviewers: [] }]);
    expect(output(runsOf(world)[0]).text).toContain('<!-- gatehouse:reviewers-requested -->');
  });

  it('wait until the request is ready for approval', async () => {
    const world = aWorld({ pr: { body: 'Dropping it.' } });
    const first = await step(
      world,
      '2026-11-20T10:00:00Z',
      { kind: 'pull_request', action: 'opened', sender: users.author },
      (scope) => {
        mockReads(world, scope);
        mockCreateComment(world, scope, (body) =>
          body.startsWith('**Not ready for approval** — no rollback plan.'),
        );
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.conclusion === 'failure' && (body.actions as unknown[]).length === 0,
        );
      },
    );
    expect(first.run).toMatchObject({ state: 'pending', requests: 9 });
    expect(output(runsOf(world)[0]).title).toBe('Not ready for approval: no rollback plan');

    world.pr.body = '## Rollback plan\n\nRestore the column from the nightly snapshot.';
    const edited = await step(
      world,
      '2026-11-20T10:10:00Z',
      { kind: 'pull_request', action: 'edited', sender: users.author },
      (scope) => {
        mockReads(world, scope);
        mockUpdateComment(world, scope, world.comments[0]?.id as number);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        // The failed run is never reopened: the request, ready now, gets a new one with buttons.
        mockCreateCheckRun(
          world,
          scope,
          (body) => body.status === 'in_progress' && (body.actions as unknown[]).length === 2,
        );
      },
    );
    expect(edited.run).toMatchObject({ state: 'pending', requests: 10 });
  });

  it('wait while the pull request is a draft', async () => {
    const world = aWorld({ pr: { draft: true } });
    await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope);
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope);
    });
    expect(world.reviewRequests).toEqual([]);
    world.pr.draft = false;
    await step(
      world,
      '2026-11-20T10:05:00Z',
      { kind: 'pull_request', action: 'ready_for_review', sender: users.author },
      (scope) => {
        mockReads(world, scope);
        mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
        mockUpdateCheckRun(world, scope, runsOf(world)[0]?.id as number);
      },
    );
    expect(world.reviewRequests).toHaveLength(1);
  });
});

describe('deadlines', () => {
  it('record the next wake-up time on the pending run for the sweep', async () => {
    const world = aWorld();
    await openPullRequest(world);
    expect(output(runsOf(world)[0]).text).toBe(
      [
        '<!-- gatehouse:pusher {"id":100,"login":"agent-author","type":"User"} -->',
        // The request the run shows: an approval given after it is for this request.
        '<!-- gatehouse:request-shown 9bbe346ec952e7a196006c96f7da38a4b29f59c96a10b1097476328daa5b6018 -->',
        '<!-- gatehouse:wake 2026-11-20T14:00:00.000Z -->',
        '<!-- gatehouse:reviewers-requested -->',
      ].join('\n'),
    );
  });

  it('escalate once: the backup approvers are mentioned and asked, and the escalation is logged', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const pending = runsOf(world)[0]?.id as number;
    const { run } = await step(world, '2026-11-20T14:01:00Z', { kind: 'sweep' }, (scope) => {
      mockReads(world, scope);
      mockLogWrite(world, scope);
      mockUpdateComment(world, scope, world.comments[0]?.id as number, (body) =>
        body.startsWith('**Escalated** to backup'),
      );
      mockUpdateCheckRun(
        world,
        scope,
        pending,
        (body) => body.status === 'in_progress' && (body.actions as unknown[]).length === 2,
      );
      mockCreateComment(
        world,
        scope,
        (body) => body.includes('@carol') && parseTraceMarker(body)?.type === 'escalation',
      );
      mockRequestReviewers(world, scope, { reviewers: ['carol'], team_reviewers: [] });
    });
    expect(run).toMatchObject({ state: 'escalated', requests: 14 });
    expect(output(runsOf(world).at(-1))).toMatchObject({ title: 'Escalated to backup' });
    expect(output(runsOf(world).at(-1)).text).toContain('<!-- gatehouse:wake 2026-11-20T18:00:00.000Z -->');
    expect(world.log?.[0]?.message).toContain('Gatehouse-Decision: escalated');

    const again = await step(world, '2026-11-20T14:05:00Z', { kind: 'sweep' }, (scope) =>
      mockReads(world, scope),
    );
    expect(again.run).toMatchObject({ state: 'escalated', requests: 7 });
  });
});

describe('the decision log comes first (X1)', () => {
  it('leaves the check pending when the record cannot be written, so the next event tries again', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    world.comments.push({
      ...(world.comments[0] as Json),
      id: 1500,
      user: { ...(world.comments[0]?.user as Json), login: 'alice', id: 1, type: 'User' },
      body: '/approve',
      created_at: '2026-11-20T10:04:00Z',
      updated_at: '2026-11-20T10:04:00Z',
    });
    const attempt = step(world, '2026-11-20T10:05:00Z', recheck, (scope) => {
      mockReads(world, scope, { permissions: ['alice'] });
      scope
        .post('/repos/acme/shop/git/trees')
        .reply(201, { sha: 't1', url: '', tree: [], truncated: false })
        .post('/repos/acme/shop/git/commits')
        .reply(201, { sha: 'c1', tree: { sha: 't1' }, parents: [] })
        .post('/repos/acme/shop/git/refs')
        .reply(403, anError('Resource not accessible by integration'));
    });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect(runsOf(world).map((run) => run.status)).toEqual(['in_progress']);
  });
});

describe('requests that proceed on their own', () => {
  it('get a green check and a log entry, and no comment', async () => {
    const world = aWorld({ files: ['README.md'] });
    const { run } = await step(
      world,
      '2026-11-20T10:00:00Z',
      { kind: 'pull_request', action: 'opened', sender: users.author },
      (scope) => {
        mockReads(world, scope);
        mockLogWrite(world, scope);
        mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
      },
    );
    expect(run).toMatchObject({ state: 'auto_approved', requests: 11 });
    expect(world.comments).toEqual([]);
    expect(world.log?.[0]?.message).toContain('Gatehouse-Decided-At: 2026-11-20T10:00:00.000Z');
  });
});

describe('spec files', () => {
  const SPEC = `---
action: Drop the orders.status column
kind: migration
risk: { reversibility: irreversible }
---
# Drop orders.status

## Context

Unused since March; the reporting job was moved to orders.state.

## Rollback Plan

Restore the column from the nightly snapshot, then redeploy the previous release.
`;

  it('are read at the head commit from the base repository, also for a fork (S7)', async () => {
    const world = aWorld({
      pr: { headRepository: 'mallory/shop' },
      files: ['db/migrations/001_drop_status.sql', 'docs/specs/drop-status.md'],
      contents: { 'docs/specs/drop-status.md': SPEC },
    });
    const { run } = await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope, { specs: ['docs/specs/drop-status.md'] });
      mockCreateComment(world, scope, (body) => body.includes('spec `docs/specs/drop-status.md`'));
      mockRequestReviewers(world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
      mockCreateCheckRun(world, scope);
    });
    expect(run).toMatchObject({ state: 'pending', requests: 11 });
  });

  it('get annotations on their lines when the request is not ready, sent with the new run only', async () => {
    const withoutRollback = SPEC.replace(/## Rollback Plan[\s\S]*$/, '## Rollback Plan\n\nTBD\n');
    const world = aWorld({
      files: ['db/migrations/001_drop_status.sql', 'docs/specs/drop-status.md'],
      contents: { 'docs/specs/drop-status.md': withoutRollback },
    });
    let annotations: unknown;
    await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope, { specs: ['docs/specs/drop-status.md'] });
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => {
        annotations = (body.output as { annotations?: unknown }).annotations;
        return true;
      });
    });
    expect(annotations).toEqual([
      {
        path: 'docs/specs/drop-status.md',
        start_line: 14,
        end_line: 14,
        annotation_level: 'failure',
        title: 'Not ready for approval',
        message: 'rollback plan is a placeholder ("TBD"), required by rule migrations',
      },
    ]);

    // An update in place sends none: GitHub would add them to the run a second time.
    const [pending] = runsOf(world);
    const approval = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    await step(world, '2026-11-20T10:05:00Z', commented(approval), (scope) => {
      mockReads(world, scope, { specs: ['docs/specs/drop-status.md'], permissions: ['alice'] });
      mockUpdateComment(world, scope, world.comments[0]?.id as number);
      mockUpdateCheckRun(
        world,
        scope,
        pending?.id as number,
        (body) => (body.output as { annotations?: unknown }).annotations === undefined,
      );
    });
  });

  it('block the gate when one is too large to read: its risk is unknown', async () => {
    const world = aWorld({ files: ['docs/specs/huge.md'] });
    const { run } = await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope);
      scope.get('/repos/acme/shop/contents/docs%2Fspecs%2Fhuge.md').query({ ref: HEAD_SHA }).reply(200, {
        type: 'file',
        encoding: 'none',
        size: 5_000_000,
        content: '',
        path: 'docs/specs/huge.md',
      });
      mockCreateComment(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
    });
    expect(run).toMatchObject({ state: 'auto_approved' });
    expect(output(runsOf(world)[0]).title).toBe(
      'Blocked: spec file docs/specs/huge.md could not be used: it is too large to read (5000000 bytes; at most 1000000 are re…',
    );
    // Blocked, so nothing is recorded as decided.
    expect(world.log).toBeNull();
  });
});

describe('a dry run', () => {
  it('reads and evaluates, and writes nothing', async () => {
    const world = aWorld();
    const { run, log } = await step(
      world,
      '2026-11-20T10:00:00Z',
      { kind: 'pull_request', action: 'opened', sender: users.author },
      (scope) => mockReads(world, scope),
      { dryRun: true },
    );
    expect(run).toMatchObject({ state: 'pending', requests: 7 });
    expect(log.messages('info')).toEqual(
      expect.arrayContaining([
        'dry run: would publish the request comment',
        'dry run: would request reviews',
        'dry run: would publish the check run',
      ]),
    );
  });
});

describe('spec files, continued', () => {
  it('skips a spec listed as changed but gone at the head, and blocks on more than it reads', async () => {
    const specs = Array.from({ length: 21 }, (_, i) => `docs/specs/s${String(i).padStart(2, '0')}.md`);
    const world = aWorld({ files: specs });
    const { run } = await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope, { specs: specs.slice(0, 20) });
      mockCreateComment(world, scope, (body) =>
        body.includes('the pull request changes 21 spec files; Gatehouse reads at most 20: split it'),
      );
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'failure');
    });
    expect(run).toMatchObject({ state: 'auto_approved', requests: 29 });
  });

  it('fails the run when a spec cannot be read now, so nothing is published on a guess', async () => {
    const world = aWorld({ files: ['docs/specs/a.md'] });
    const attempt = step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      // The run stops at the spec: the description's edit time is never asked for.
      mockReads(world, scope, { description: false });
      scope
        .get('/repos/acme/shop/contents/docs%2Fspecs%2Fa.md')
        .query({ ref: HEAD_SHA })
        .times(3)
        .reply(500, anError('Server Error'));
    });
    await expect(attempt).rejects.toThrow(
      'spec file docs/specs/a.md could not be read: HTTP 500: Server Error',
    );
  });
});

describe('a dry run, continued', () => {
  it('logs the trace, the record and the escalation it would write', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'] } });
    await openPullRequest(world);
    const trigger: PullRequestTrigger = {
      kind: 'check_action',
      action: 'approve',
      sender: users.alice,
      headSha: HEAD_SHA,
      checkRunId: runsOf(world)[0]?.id as number,
    };
    const approved = await step(
      world,
      '2026-11-20T10:05:00Z',
      trigger,
      (scope) => {
        mockReads(world, scope, { permissions: ['alice'] });
      },
      { dryRun: true },
    );
    expect(approved.run).toMatchObject({ state: 'approved', requests: 8 });
    expect(approved.log.messages('info')).toEqual(
      expect.arrayContaining([
        'dry run: would record a trace comment',
        'dry run: would commit the decision record',
      ]),
    );

    const escalated = await step(
      world,
      '2026-11-20T14:01:00Z',
      { kind: 'sweep' },
      (scope) => mockReads(world, scope),
      {
        dryRun: true,
      },
    );
    expect(escalated.run).toMatchObject({ state: 'escalated', requests: 7 });
    expect(escalated.log.messages('info')).toContain('dry run: would announce the escalation');
  });

  it('logs the invalid-configuration check it would publish', async () => {
    const world = aWorld({ policy: 'mode: sometimes\n' });
    const { run, log } = await step(
      world,
      '2026-11-20T10:00:00Z',
      recheck,
      (scope) => mockReads(world, scope, { gather: false }),
      {
        dryRun: true,
      },
    );
    expect(run).toMatchObject({ policy: 'invalid', requests: 2 });
    expect(log.messages('info')).toContain('dry run: would publish the invalid-configuration check');
  });
});

describe('an unreadable decision log', () => {
  it('counts precedent as first time and says so', async () => {
    const world = aWorld({ files: ['README.md'] });
    const { run, log } = await step(world, '2026-11-20T10:00:00Z', recheck, (scope) => {
      mockReads(world, scope, { gather: false });
      scope
        .get('/repos/acme/shop/pulls/7/files')
        .query(true)
        .reply(200, [aChangedFile('README.md')]);
      scope.get('/repos/acme/shop/issues/7/timeline').query(true).reply(200, []);
      mockHeadHistory(world, scope);
      scope
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query(true)
        .reply(200, { total_count: 0, check_runs: [] });
      scope.get('/repos/acme/shop/commits').query(true).times(3).reply(502, anError('Bad Gateway'));
      // Without the log's tip the writer reads the ref itself.
      scope.get('/repos/acme/shop/git/ref/heads%2Fgatehouse-log').reply(404, anError('Not Found'));
      mockLogWrite(world, scope);
      mockCreateCheckRun(world, scope, (body) => body.conclusion === 'success');
    });
    expect(run).toMatchObject({ state: 'auto_approved' });
    expect(log.messages('warn')).toContain(
      'the decision log could not be read: precedent counts as first time',
    );
  });
});
