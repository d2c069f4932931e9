import { describe, expect, it } from 'vitest';
import { createReconciledGates } from '../../src/gate/reconciled-gates.ts';
import { sweepPullRequestGates } from '../../src/gate/run-pull-request-gate.ts';
import { aGateEnvironment, aTestClient, github, useNock } from '../support/github-client.ts';
import { APP_ID, aCheckRun, aCheckRunList, anError, aPullRequest } from '../support/github-fixtures.ts';
import {
  aWorld,
  mockCreateComment,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  mockUpdateCheckRun,
  mockUpdateComment,
  openPullRequest,
  runsOf,
} from '../support/github-world.ts';

useNock();

const SHA_8 = 'c0ffee0000000000000000000000000000000008';
const SHA_9 = 'c0ffee0000000000000000000000000000000009';
const SHA_10 = 'c0ffee0000000000000000000000000000000010';

function latestRunOf(sha: string, run: Record<string, unknown> | undefined) {
  return github()
    .get(`/repos/acme/shop/commits/${sha}/check-runs`)
    .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'all', per_page: 20 })
    .reply(200, aCheckRunList(run === undefined ? [] : [run]));
}

describe('sweepPullRequestGates', () => {
  it('re-evaluates, of the gates reconciled before, only those whose wake-up time has passed', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const now = '2026-11-20T14:01:00Z';
    world.clock = now;

    github()
      .get('/repos/acme/shop/pulls')
      .query({ state: 'open', per_page: 100 })
      .reply(200, [
        aPullRequest(),
        aPullRequest({ number: 8, headSha: SHA_8 }),
        aPullRequest({ number: 9, headSha: SHA_9 }),
        aPullRequest({ number: 10, headSha: SHA_10 }),
      ]);
    latestRunOf(world.pr.headSha ?? 'c0ffee0000000000000000000000000000000001', runsOf(world)[0]);
    // #8 waits until tomorrow; #9 is decided; #10 has no gatehouse run at all.
    latestRunOf(
      SHA_8,
      aCheckRun({ id: 81, headSha: SHA_8, text: '<!-- gatehouse:wake 2026-11-21T10:00:00.000Z -->' }),
    );
    latestRunOf(
      SHA_9,
      aCheckRun({
        id: 91,
        headSha: SHA_9,
        status: 'completed',
        conclusion: 'success',
        text: '<!-- gatehouse:wake 2026-11-20T11:00:00.000Z -->',
      }),
    );
    latestRunOf(SHA_10, undefined);

    const scope = github();
    mockReads(world, scope);
    mockLogWrite(world, scope);
    mockUpdateComment(world, scope, world.comments[0]?.id as number);
    mockUpdateCheckRun(world, scope, runsOf(world)[0]?.id as number);
    mockCreateComment(world, scope);
    mockRequestReviewers(world, scope, { reviewers: ['carol'], team_reviewers: [] });

    // An earlier sweep of this process recomputed #8 and #10 as they are now.
    const reconciled = createReconciledGates();
    for (const [number, sha] of [
      [8, SHA_8],
      [10, SHA_10],
    ] as const)
      reconciled.remember(`acme/shop#${number}`, `${sha} ${String(aPullRequest().updated_at)}`);

    const { env, log } = aGateEnvironment({ at: now, github: aTestClient() });
    const runs = await sweepPullRequestGates(env, { owner: 'acme', repo: 'shop' }, reconciled);
    expect(runs).toEqual([expect.objectContaining({ state: 'escalated', requests: 14 })]);
    expect(log.messages('error')).toEqual([]);
  });

  it('goes on with the other gates when one fails, and logs it', async () => {
    const world = aWorld();
    await openPullRequest(world);
    const now = '2026-11-20T14:01:00Z';
    github()
      .get('/repos/acme/shop/pulls')
      .query(true)
      .reply(200, [aPullRequest()])
      .get('/repos/acme/shop/pulls/7')
      .reply(401, anError('Bad credentials'));
    latestRunOf('c0ffee0000000000000000000000000000000001', runsOf(world)[0]);
    const { env, log } = aGateEnvironment({ at: now, github: aTestClient() });
    expect(await sweepPullRequestGates(env, { owner: 'acme', repo: 'shop' })).toEqual([]);
    expect(log.messages('error')).toEqual(['sweep: the gate of #7 failed']);
  });
});

describe('the gates a sweep reconciled', () => {
  it('are known at the version they were recomputed at, case aside, and the oldest are forgotten first', () => {
    const reconciled = createReconciledGates(2);
    reconciled.remember('Acme/Shop#1', 'a 1');
    reconciled.remember('acme/shop#2', 'b 1');
    expect(reconciled.has('acme/shop#1', 'a 1')).toBe(true);
    expect(reconciled.has('acme/shop#1', 'a 2')).toBe(false);
    reconciled.remember('acme/shop#1', 'a 2');
    reconciled.remember('acme/shop#3', 'c 1');
    expect(reconciled.has('acme/shop#2', 'b 1')).toBe(false);
    expect(reconciled.has('acme/shop#1', 'a 2')).toBe(true);
    expect(reconciled.has('acme/shop#3', 'c 1')).toBe(true);
  });
});
