import { describe, expect, it } from 'vitest';
import { createLeaseRef, createUnderLease } from '../../src/github/creation-lease.ts';
import { publishCheckRun } from '../../src/github/publish-check-run.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { APP_ID, aCheckRun, aCheckRunList, anError, HEAD_SHA } from '../support/github-fixtures.ts';

useNock();

const at = { owner: 'acme', repo: 'shop', sha: HEAD_SHA };
const REF = createLeaseRef(HEAD_SHA, ['check-run', 'gatehouse', 'a'.repeat(24), 0]);
const quick = { polls: 3, pollMs: 0 };
const noSleep = async () => undefined;

describe('createLeaseRef', () => {
  it('names the lease under refs/gatehouse/, by the commit and a digest of what is created', () => {
    expect(REF).toMatch(new RegExp(`^refs/gatehouse/leases/${HEAD_SHA}/[0-9a-f]{32}$`));
    expect(createLeaseRef(HEAD_SHA, ['check-run', 'gatehouse', 'a'.repeat(24), 11])).not.toBe(REF);
  });
});

describe('createUnderLease', () => {
  const leaseTaken = () => github().post('/repos/acme/shop/git/refs', { ref: REF, sha: HEAD_SHA });

  it('creates when this replica takes the lease', async () => {
    leaseTaken().reply(201, { ref: REF, object: { sha: HEAD_SHA } });
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => 'theirs',
    );
    expect(made).toEqual({ value: 'mine', found: false });
  });

  it('takes what the replica holding the lease created', async () => {
    leaseTaken().reply(422, anError('Reference already exists'));
    let looks = 0;
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => (++looks === 2 ? 'theirs' : undefined),
      noSleep,
    );
    expect(made).toEqual({ value: 'theirs', found: true });
    expect(looks).toBe(2);
  });

  it('contends the next generation of the lease when nothing appears within the wait', async () => {
    leaseTaken().reply(422, anError('Reference already exists'));
    github()
      .post('/repos/acme/shop/git/refs', { ref: `${REF}/2`, sha: HEAD_SHA })
      .reply(201, {});
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => undefined,
      noSleep,
    );
    expect(made).toEqual({ value: 'mine', found: false });
  });

  it('creates after all when no generation brings it: the holders crashed', async () => {
    leaseTaken().reply(422, anError('Reference already exists'));
    github()
      .post('/repos/acme/shop/git/refs', { ref: `${REF}/2`, sha: HEAD_SHA })
      .reply(422, anError('Reference already exists'))
      .post('/repos/acme/shop/git/refs', { ref: `${REF}/3`, sha: HEAD_SHA })
      .reply(422, anError('Reference already exists'));
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => undefined,
      noSleep,
    );
    expect(made).toEqual({ value: 'mine', found: false });
  });

  it('waits between looks on the real clock by default', async () => {
    leaseTaken().reply(422, anError('Reference already exists'));
    let looks = 0;
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      { polls: 3, pollMs: 1 },
      async () => 'mine',
      async () => (++looks === 2 ? 'theirs' : undefined),
    );
    expect(made).toEqual({ value: 'theirs', found: true });
  });

  it('looks first when the answer to its own lease was lost', async () => {
    leaseTaken().reply(502, anError('Server Error'));
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => 'found',
      noSleep,
    );
    expect(made).toEqual({ value: 'found', found: true });
  });

  it('creates unarbitrated when GitHub refuses the ref for another reason', async () => {
    leaseTaken().reply(403, anError('Resource not accessible by integration'));
    const made = await createUnderLease(
      aTestClient(),
      at,
      REF,
      quick,
      async () => 'mine',
      async () => 'found',
    );
    expect(made).toEqual({ value: 'mine', found: false });
  });
});

describe('publishCheckRun with replicas', () => {
  const pending = {
    name: 'gatehouse',
    status: 'in_progress' as const,
    title: 'Waiting for 1 approval',
    summary: 'Waiting',
    text: '',
    externalId: 'a'.repeat(24),
  };

  it('creates the run under its lease', async () => {
    github()
      .post('/repos/acme/shop/git/refs', { ref: REF, sha: HEAD_SHA })
      .reply(201, { ref: REF, object: { sha: HEAD_SHA } })
      .post('/repos/acme/shop/check-runs')
      .reply(201, aCheckRun({ id: 11 }));
    const run = await publishCheckRun(aTestClient(), { ...at, appId: APP_ID }, pending, [], {
      replicas: quick,
    });
    expect(run).toMatchObject({ id: 11, outcome: 'created' });
  });

  it('takes the run another replica created, and gives it this evaluation’s text', async () => {
    github()
      .post('/repos/acme/shop/git/refs')
      .reply(422, anError('Reference already exists'))
      .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
      .query(true)
      .reply(
        200,
        aCheckRunList([
          aCheckRun({
            id: 12,
            externalId: pending.externalId,
            title: 'Older',
          }),
        ]),
      )
      .patch('/repos/acme/shop/check-runs/12', (body) => body.output?.title === pending.title)
      .reply(200, aCheckRun({ id: 12 }));
    const run = await publishCheckRun(aTestClient(), { ...at, appId: APP_ID }, pending, [], {
      replicas: quick,
    });
    expect(run).toMatchObject({ id: 12, outcome: 'updated' });
  });
});
