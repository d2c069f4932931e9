// Trust, class 1 (issue 10): the policy comes from the default branch only. Through the real App:
// a pull request into a branch its author created, with a permissive policy on that branch, is
// judged by the default branch's policy, and under a check name of its own, so that the
// `gatehouse` check branch protection requires never turns green on the shared head; a policy
// that points the decision log at the default branch is invalid and commits nothing there; a pull
// request that changes a file the policy extends is a policy change.

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { APP_ID, aFile, HEAD_SHA, users } from '../support/github-fixtures.ts';
import {
  aWorld,
  CONFIG_PATH,
  mockCreateCheckRun,
  mockCreateComment,
  mockLogWrite,
  mockReads,
  mockRequestReviewers,
  outputOf,
  POLICY,
  runsOf,
} from '../support/github-world.ts';
import { OPENED_AT, pullRequestEvent, readable, step, useAppWorlds } from './app-world.ts';
import { API } from './harness.ts';

const apps = useAppWorlds();

/** What the attacker commits to the branch they created: every gate proceeds on its own. */
const PERMISSIVE = 'mode: auto\n';
const ATTACKER_BRANCH = 'mallory/staging';

/**
 * The attacker's branch serves its own permissive policy to whoever asks for it there. Returns a
 * function that says whether anyone did.
 */
function serveAttackerPolicy(): () => boolean {
  let read = false;
  nock(API)
    .get(CONFIG_PATH)
    .query({ ref: ATTACKER_BRANCH })
    .optionally()
    .reply(() => {
      read = true;
      return [200, aFile('.github/gatehouse.yml', PERMISSIVE)];
    });
  return () => read;
}

function conclusionsOf(runs: Record<string, unknown>[]): [unknown, unknown, unknown][] {
  return runs.map((run) => [run.name, run.status, run.conclusion]);
}

describe('a pull request into a branch its author created', () => {
  it('is judged by the default branch’s policy, under a check named for its base', async () => {
    const app = await apps.start(
      aWorld({ pr: { baseRef: ATTACKER_BRANCH }, files: ['db/migrations/001_drop_status.sql'] }),
    );
    const attackerPolicyRead = serveAttackerPolicy();
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.mallory), (scope) => {
      // mockReads serves the policy at ref=main only: the default branch's, which gates migrations.
      mockReads(app.world, scope);
      mockCreateComment(app.world, scope);
      mockRequestReviewers(app.world, scope, { reviewers: ['alice', 'bob'], team_reviewers: [] });
      mockCreateCheckRun(app.world, scope);
    });

    expect(attackerPolicyRead(), 'the policy on the attacker’s branch is never read').toBe(false);
    expect(run).toMatchObject({ policy: 'valid', state: 'pending', tier: 'approve', into: ATTACKER_BRANCH });
    expect(conclusionsOf(runsOf(app.world, HEAD_SHA))).toEqual([
      [`gatehouse (into ${ATTACKER_BRANCH})`, 'in_progress', null],
    ]);
    expect(runsOf(app.world, HEAD_SHA, 'gatehouse'), 'no `gatehouse` run on the shared head').toEqual([]);
  });

  it('that passes its own gate still leaves the `gatehouse` check of the head alone', async () => {
    // The attacker's branch already holds the migration: the pull request's diff is harmless.
    const app = await apps.start(aWorld({ pr: { baseRef: ATTACKER_BRANCH }, files: ['docs/readme.md'] }));
    const attackerPolicyRead = serveAttackerPolicy();
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.mallory), (scope) => {
      mockReads(app.world, scope);
      mockLogWrite(app.world, scope);
      mockCreateCheckRun(app.world, scope);
    });

    expect(attackerPolicyRead()).toBe(false);
    expect(run).toMatchObject({ policy: 'valid', state: 'auto_approved' });
    expect(conclusionsOf(runsOf(app.world, HEAD_SHA))).toEqual([
      [`gatehouse (into ${ATTACKER_BRANCH})`, 'completed', 'success'],
    ]);
    const required = runsOf(app.world, HEAD_SHA).filter(
      (check) => check.name === 'gatehouse' && check.conclusion === 'success',
    );
    expect(required, 'nothing satisfies the check branch protection requires').toEqual([]);
    // The record says which gate it was, so it is no evidence for the default branch's.
    const record = Object.values(app.world.log?.[0]?.files ?? {})[0] ?? '';
    expect(record).toContain(`check: gatehouse (into ${ATTACKER_BRANCH})`);
    expect(record).toContain(`into: ${ATTACKER_BRANCH}`);
  });

  it('into the default branch, named otherwise than main, gets the `gatehouse` check', async () => {
    const app = await apps.start(
      aWorld({ pr: { baseRef: 'trunk', defaultBranch: 'trunk' }, files: ['docs/readme.md'] }),
    );
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope);
      mockLogWrite(app.world, scope);
      mockCreateCheckRun(app.world, scope);
    });
    expect(run).toMatchObject({ policy: 'valid', state: 'auto_approved' });
    expect(run.into).toBeUndefined();
    expect(conclusionsOf(runsOf(app.world, HEAD_SHA))).toEqual([['gatehouse', 'completed', 'success']]);
  });
});

describe('a policy whose log.branch is the default branch', () => {
  it('is invalid: a failing check at the key, and no commit to the default branch', async () => {
    const app = await apps.start(
      aWorld({ policy: `${POLICY}log:\n  branch: main\n`, files: ['docs/readme.md'] }),
    );
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope, { gather: false });
      scope
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'all', per_page: 100 })
        .reply(200, { total_count: 0, check_runs: [] });
      mockCreateCheckRun(app.world, scope);
      // Nothing else is declared: a read or write of a git ref would be an unmatched request.
    });
    expect(run).toMatchObject({ policy: 'invalid' });
    expect(conclusionsOf(runsOf(app.world, HEAD_SHA))).toEqual([['gatehouse', 'completed', 'failure']]);
    const summary = readable(outputOf(runsOf(app.world, HEAD_SHA)[0]).summary);
    expect(summary).toContain(
      'log.branch: must not be the default branch "main": decision records would be committed to it; name a branch of its own, such as gatehouse-log (line 12, column 11)',
    );
    expect(app.world.log).toBeNull();
  });
});

describe('a pull request that changes a file the policy extends in this repository', () => {
  it('is a policy change: the gatehouse-config rule at the top tier', async () => {
    const app = await apps.start(
      aWorld({
        policy: 'extends: acme/shop:policies/base.yml\n',
        files: ['policies/base.yml'],
      }),
    );
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope);
      // The base, from the default branch (no ref: GitHub's default), holds the rules.
      scope
        .get('/repos/acme/shop/contents/policies%2Fbase.yml')
        .reply(200, aFile('policies/base.yml', POLICY));
      mockCreateComment(app.world, scope);
      // Asked of the people the default branch's policy names, and only of them.
      mockRequestReviewers(app.world, scope, { reviewers: ['alice', 'bob', 'carol'], team_reviewers: [] });
      mockCreateCheckRun(app.world, scope);
    });
    expect(run).toMatchObject({ policy: 'valid', state: 'pending', tier: 'approve' });
    const summary = readable(outputOf(runsOf(app.world, HEAD_SHA)[0]).summary);
    expect(summary).toContain('gatehouse-config');
    expect(summary).toContain('changes policies/base.yml: a change to the policy is always at the top tier');
  });
});
