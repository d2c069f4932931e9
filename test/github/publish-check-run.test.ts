import { describe, expect, it } from 'vitest';
import type { GateCheckRun } from '../../src/github/load-gate-check-runs.ts';
import {
  CHECK_ACTIONS,
  type CheckRunPublication,
  publishCheckRun,
  toCheckRunTime,
} from '../../src/github/publish-check-run.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { APP_ID, aCheckRun, aCheckRunList, anError, HEAD_SHA } from '../support/github-fixtures.ts';

useNock();

const at = { owner: 'acme', repo: 'shop', sha: HEAD_SHA, appId: APP_ID };
const pending: CheckRunPublication = {
  name: 'gatehouse',
  status: 'in_progress',
  title: 'Waiting for 1 approval',
  summary: '**Waiting for approval** — 0 of 1 approval.',
  text: '<!-- gatehouse:reviewers-requested -->',
  externalId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
};
const approved: CheckRunPublication = {
  name: 'gatehouse',
  status: 'completed',
  conclusion: 'success',
  title: 'Approved by alice',
  summary: '**Approved** by alice.',
  text: '',
  externalId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
};

function existing(
  publication: CheckRunPublication,
  id: number,
  changes: Partial<GateCheckRun> = {},
): GateCheckRun {
  return {
    id,
    externalId: publication.externalId,
    status: publication.status,
    conclusion: publication.conclusion ?? null,
    startedAt: '2026-11-20T10:00:00Z',
    title: publication.title,
    summary: publication.summary,
    text: publication.text,
    url: `https://github.com/acme/shop/runs/${id}`,
    ...changes,
  };
}

describe('publishCheckRun', () => {
  it('creates a pending run with Approve and Reject buttons', async () => {
    github()
      .post('/repos/acme/shop/check-runs', {
        name: 'gatehouse',
        head_sha: HEAD_SHA,
        status: 'in_progress',
        external_id: pending.externalId,
        output: { title: pending.title, summary: pending.summary, text: pending.text },
        actions: [
          { label: 'Approve', identifier: 'approve', description: 'Approve the request for this commit' },
          { label: 'Reject', identifier: 'reject', description: 'Reject the request: a veto' },
        ],
      })
      .reply(201, aCheckRun({ id: 11 }));
    const run = await publishCheckRun(aTestClient(), at, pending, []);
    expect(run).toEqual({
      id: 11,
      url: 'https://github.com/acme/shop/runs/11',
      outcome: 'created',
      superseded: [],
    });
  });

  it('creates it with the time its evaluation started, from which its deadlines count', async () => {
    github()
      .post('/repos/acme/shop/check-runs', (body) => body.started_at === '2026-11-20T10:00:00Z')
      .reply(201, aCheckRun({ id: 12 }));
    const run = await publishCheckRun(
      aTestClient(),
      at,
      { ...pending, startedAt: '2026-11-20T10:00:00Z' },
      [],
    );
    expect(run).toMatchObject({ id: 12, outcome: 'created' });
  });

  it('says times as GitHub keeps them on a run: to the whole second', () => {
    expect(toCheckRunTime('2026-11-20T10:00:07.913Z')).toBe('2026-11-20T10:00:07Z');
    expect(toCheckRunTime('2026-11-20T10:00:07Z')).toBe('2026-11-20T10:00:07Z');
  });

  it('keeps the buttons within GitHub’s limits', () => {
    for (const action of CHECK_ACTIONS) {
      expect(action.label.length).toBeLessThanOrEqual(20);
      expect(action.identifier.length).toBeLessThanOrEqual(20);
      expect(action.description.length).toBeLessThanOrEqual(40);
    }
  });

  it('writes nothing when the run already says the same', async () => {
    const run = await publishCheckRun(aTestClient(), at, pending, [existing(pending, 11)]);
    expect(run.outcome).toBe('unchanged');
  });

  it('updates the run in place while the decision is the same', async () => {
    const next = { ...pending, title: 'Waiting for 1 of 2 approvals', summary: 'one more' };
    github()
      .patch(
        '/repos/acme/shop/check-runs/11',
        (body) => body.output.title === next.title && body.actions.length === 2,
      )
      .reply(200, aCheckRun({ id: 11 }));
    const run = await publishCheckRun(aTestClient(), at, next, [existing(pending, 11)]);
    expect(run.outcome).toBe('updated');
  });

  it('turns a waiting run into the decision in place: one request, the buttons gone', async () => {
    github()
      .patch(
        '/repos/acme/shop/check-runs/11',
        (body) =>
          body.status === 'completed' &&
          body.conclusion === 'success' &&
          body.external_id === approved.externalId &&
          body.output.title === approved.title &&
          body.actions.length === 0,
      )
      .reply(200, aCheckRun({ id: 11, status: 'completed', conclusion: 'success' }));
    const run = await publishCheckRun(aTestClient(), at, approved, [existing(pending, 11)]);
    expect(run).toMatchObject({ id: 11, outcome: 'updated', superseded: [] });
  });

  it('records a new decision as a new run when the waiting run anchors a decision of its own (a delay)', async () => {
    const delayed: CheckRunPublication = {
      ...pending,
      title: 'Approved by alice, effective at 2026-11-21 10:00 UTC',
      text: `Decision record: \`decisions/2026/11/${'c'.repeat(24)}.md\`, SHA-256 \`${'d'.repeat(64)}\`, log commit \`${'e'.repeat(40)}\``,
      externalId: 'cccccccccccccccccccccccc',
    };
    github()
      .post(
        '/repos/acme/shop/check-runs',
        (body) =>
          body.status === 'completed' &&
          body.conclusion === 'success' &&
          body.external_id === approved.externalId &&
          body.actions.length === 0,
      )
      .reply(201, aCheckRun({ id: 12, status: 'completed', conclusion: 'success' }))
      .patch('/repos/acme/shop/check-runs/11', {
        status: 'completed',
        conclusion: 'neutral',
        output: {
          title: 'Superseded by a newer evaluation of this gate',
          summary: delayed.summary,
          text: delayed.text,
        },
        actions: [],
      })
      .reply(200, aCheckRun({ id: 11, status: 'completed', conclusion: 'neutral' }));
    const run = await publishCheckRun(aTestClient(), at, approved, [existing(delayed, 11)]);
    expect(run).toMatchObject({ id: 12, outcome: 'created', superseded: [11] });
  });

  it('records a new decision as a new run when the waiting run is a decision’s without an anchor (its log commit was not known)', async () => {
    const delayed: CheckRunPublication = {
      ...pending,
      title: 'Approved by alice, effective at 2026-11-21 10:00 UTC',
      text: '<!-- gatehouse:decision -->',
      externalId: 'cccccccccccccccccccccccc',
    };
    github()
      .post('/repos/acme/shop/check-runs', (body) => body.external_id === approved.externalId)
      .reply(201, aCheckRun({ id: 12, status: 'completed', conclusion: 'success' }))
      .patch('/repos/acme/shop/check-runs/11', (body) => body.conclusion === 'neutral')
      .reply(200, aCheckRun({ id: 11, status: 'completed', conclusion: 'neutral' }));
    const run = await publishCheckRun(aTestClient(), at, approved, [existing(delayed, 11)]);
    expect(run).toMatchObject({ id: 12, outcome: 'created', superseded: [11] });
  });

  it('records another request as a new run: a waiting run keeps the request it showed, from its start', async () => {
    // What a run shows is what approvals after its start were for (readRequestShownSince).
    const shown = (hash: string) => `<!-- gatehouse:request-shown ${hash.repeat(64)} -->`;
    const before = { ...pending, text: shown('1') };
    const after = { ...pending, text: shown('2'), externalId: 'dddddddddddddddddddddddd' };
    github()
      .post('/repos/acme/shop/check-runs', (body) => body.external_id === after.externalId)
      .reply(201, aCheckRun({ id: 12 }))
      .patch(
        '/repos/acme/shop/check-runs/11',
        (body) => body.conclusion === 'neutral' && body.output.text === before.text,
      )
      .reply(200, aCheckRun({ id: 11, status: 'completed', conclusion: 'neutral' }));
    const run = await publishCheckRun(aTestClient(), at, after, [existing(before, 11)]);
    expect(run).toMatchObject({ id: 12, outcome: 'created', superseded: [11] });
  });

  it('completes a pending run an earlier evaluation left behind, when the newest already says the decision', async () => {
    // The evaluation that created run 12 failed before it superseded run 11: the next one finishes it.
    github()
      .patch(
        '/repos/acme/shop/check-runs/11',
        (body) => body.status === 'completed' && body.conclusion === 'neutral' && body.actions.length === 0,
      )
      .reply(200, aCheckRun({ id: 11, status: 'completed', conclusion: 'neutral' }));
    const run = await publishCheckRun(aTestClient(), at, approved, [
      existing(pending, 11),
      existing(approved, 12),
    ]);
    expect(run).toMatchObject({ id: 12, outcome: 'unchanged', superseded: [11] });
  });

  it('never reopens a completed run: the same decision in progress again is a new run', async () => {
    github()
      .post('/repos/acme/shop/check-runs', (body) => body.status === 'in_progress')
      .reply(201, aCheckRun({ id: 13 }));
    const blocked = existing(pending, 11, { status: 'completed', conclusion: 'failure' });
    const run = await publishCheckRun(aTestClient(), at, pending, [blocked]);
    expect(run).toMatchObject({ id: 13, outcome: 'created', superseded: [] });
  });

  describe('when GitHub created the run but the answer was lost (R3)', () => {
    it('finds it by external id instead of creating a second one', async () => {
      github()
        .post('/repos/acme/shop/check-runs')
        .reply(502, anError('Server Error'))
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'all', per_page: 100 })
        .reply(200, aCheckRunList([aCheckRun({ id: 14, externalId: pending.externalId })]));
      const run = await publishCheckRun(aTestClient(), at, pending, []);
      expect(run).toMatchObject({ id: 14, outcome: 'created' });
    });

    it('creates it once more when it is not there', async () => {
      github()
        .post('/repos/acme/shop/check-runs')
        .reply(504, anError('Gateway Timeout'))
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query(true)
        .reply(200, aCheckRunList([aCheckRun({ id: 9, externalId: pending.externalId, appId: 1 })]))
        .post('/repos/acme/shop/check-runs')
        .reply(201, aCheckRun({ id: 15 }));
      const run = await publishCheckRun(aTestClient(), at, pending, []);
      expect(run).toMatchObject({ id: 15, outcome: 'created' });
    });

    it('does not look up after a refusal', async () => {
      github().post('/repos/acme/shop/check-runs').reply(422, anError('Validation Failed'));
      await expect(publishCheckRun(aTestClient(), at, pending, [])).rejects.toMatchObject({ status: 422 });
    });
  });

  it('cuts a summary over GitHub’s limit', async () => {
    github()
      .post('/repos/acme/shop/check-runs', (body) => body.output.summary.length === 65_535)
      .reply(201, aCheckRun({ id: 16 }));
    await publishCheckRun(aTestClient(), at, { ...pending, summary: 'x'.repeat(70_000) }, []);
  });
});
