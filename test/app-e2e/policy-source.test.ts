// Trust, class 1 (issue 10) on the simulator, through the real App: the policy comes from the
// default branch only. A pull request into a branch its author created, with a permissive policy
// on that branch, is judged by the default branch's policy, and under a check name of its own, so
// that the `gatehouse` check branch protection requires never turns green on the shared head; a
// policy that points the decision log at the default branch is invalid and commits nothing there;
// a pull request that changes a file the policy extends is a policy change.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  CONFIG_PATH,
  countRequests,
  everyRunOn,
  LOG_BRANCH,
  logRecords,
  MIGRATION,
  openMigration,
  outputOf,
  POLICY,
  readable,
  runsOn,
  useGateScenes,
} from './gate-scene.ts';

const scenes = useGateScenes();

/** What the attacker commits to the branch they created: every gate proceeds on its own. */
const PERMISSIVE = 'mode: auto\n';
const ATTACKER_BRANCH = 'mallory/staging';

/** mallory creates her branch from the default branch, with her own policy on it. */
async function createAttackerBranch(scene: AppScene, files: Record<string, string> = {}) {
  const pushed = await scene.history.pushToBranch(
    users.mallory,
    ATTACKER_BRANCH,
    { [CONFIG_PATH]: PERMISSIVE, ...files },
    'Relax the policy',
  );
  expect(pushed.delivery.status).toBe(200);
}

/** The commits of `branch` that the default branch does not have. */
function commitsOnlyOn(scene: AppScene, branch: string): Set<string> {
  const { state } = scene.sim;
  const walk = (tip: string | undefined) => {
    const seen = new Set<string>();
    for (let sha = tip; sha !== undefined && !seen.has(sha); sha = state.commits.get(sha)?.parents[0])
      seen.add(sha);
    return seen;
  };
  const shared = walk(state.refs.get(state.defaultBranch));
  return new Set([...walk(state.refs.get(branch))].filter((sha) => !shared.has(sha)));
}

/** Reads of the policy file on the attacker's branch: by its name or one of its own commits. */
function attackerPolicyReads(scene: AppScene): string[] {
  const own = commitsOnlyOn(scene, ATTACKER_BRANCH);
  return scene.sim.requests
    .filter(
      (request) =>
        request.path === `/repos/acme/shop/contents/${CONFIG_PATH}` &&
        (request.query.ref === ATTACKER_BRANCH || own.has(request.query.ref ?? '')),
    )
    .map((request) => `${request.method} ${request.path}?ref=${request.query.ref}`);
}

describe('a pull request into a branch its author created', () => {
  it('is judged by the default branch’s policy, under a check named for its base', async () => {
    const scene = await scenes.start();
    await createAttackerBranch(scene);
    const { result: pr, counted } = await countRequests(scene, () =>
      openMigration(scene, { by: users.mallory, base: ATTACKER_BRANCH }),
    );

    expect(attackerPolicyReads(scene), 'the policy on the attacker’s branch is never read').toEqual([]);
    expect(everyRunOn(scene, pr.headSha)).toEqual([
      [`gatehouse (into ${ATTACKER_BRANCH})`, 'in_progress', null],
    ]);
    expect(runsOn(scene, pr.headSha).runs, 'no `gatehouse` run on the shared head').toEqual([]);
    // The default branch's policy gates migrations: platform is asked.
    const requested = (scene.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
    expect(String(scene.sim.commentsOn(pr.number)[0]?.body)).toContain('needs 1 approval from **platform**');
    // 7 reads, the comment, the review request, the run, the deployment listing.
    expect(counted).toHaveLength(11);
  });

  it('that passes its own gate still leaves the `gatehouse` check of the head alone', async () => {
    const scene = await scenes.start();
    // The attacker's branch already holds the migration: the pull request's diff is harmless.
    await createAttackerBranch(scene, MIGRATION);
    const pr = await openMigration(scene, {
      by: users.mallory,
      base: ATTACKER_BRANCH,
      files: { 'docs/readme.md': 'Shop\n' },
    });

    expect(attackerPolicyReads(scene)).toEqual([]);
    expect(everyRunOn(scene, pr.headSha)).toEqual([
      [`gatehouse (into ${ATTACKER_BRANCH})`, 'completed', 'success'],
    ]);
    const required = scene.sim.state.checkRuns.filter(
      (check) =>
        check.head_sha === pr.headSha && check.name === 'gatehouse' && check.conclusion === 'success',
    );
    expect(required, 'nothing satisfies the check branch protection requires').toEqual([]);
    // The record says which gate it was, so it is no evidence for the default branch's.
    const records = Object.values(logRecords(scene));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain(`check: gatehouse (into ${ATTACKER_BRANCH})`);
    expect(records[0]).toContain(`into: ${ATTACKER_BRANCH}`);
  });

  it('into the default branch, named otherwise than main, gets the `gatehouse` check', async () => {
    const scene = await scenes.start({ defaultBranch: 'trunk' });
    const pr = await openMigration(scene, { files: { 'docs/readme.md': 'Shop\n' } });
    expect(everyRunOn(scene, pr.headSha)).toEqual([['gatehouse', 'completed', 'success']]);
    expect(outputOf(runsOn(scene, pr.headSha).newest).title).toBe('Auto-approved: low risk');
    const records = Object.values(logRecords(scene));
    expect(records).toHaveLength(1);
    expect(records[0]).not.toContain('into:');
  });
});

describe('a policy whose log.branch is the default branch', () => {
  it('is invalid: a failing check at the key, and no commit to the default branch', async () => {
    const scene = await scenes.start({ policy: `${POLICY}log:\n  branch: main\n` });
    const main = scene.sim.state.refs.get('main');
    const { result: pr, counted } = await countRequests(scene, () =>
      openMigration(scene, { files: { 'docs/readme.md': 'Shop\n' } }),
    );
    expect(everyRunOn(scene, pr.headSha)).toEqual([['gatehouse', 'completed', 'failure']]);
    const summary = readable(outputOf(runsOn(scene, pr.headSha).newest).summary);
    expect(summary).toContain(
      'log.branch: must not be the default branch "main": decision records would be committed to it; name a branch of its own, such as gatehouse-log (line 12, column 11)',
    );
    expect(scene.sim.state.refs.get('main')).toBe(main);
    expect(scene.sim.state.refs.has(LOG_BRANCH)).toBe(false);
    // Not a read or write of a git ref, nor any comment or review request.
    expect(counted.filter((request) => request.includes('/git/') || !request.startsWith('GET '))).toEqual([
      'POST /repos/acme/shop/check-runs',
    ]);
  });
});

describe('a pull request that changes a file the policy extends in this repository', () => {
  it('is a policy change: the gatehouse-config rule at the top tier', async () => {
    const scene = await scenes.start({
      policy: 'extends: acme/shop:policies/base.yml\n',
      files: { 'policies/base.yml': POLICY },
    });
    const pr = await openMigration(scene, { files: { 'policies/base.yml': `${POLICY}# looser\n` } });
    const { newest } = runsOn(scene, pr.headSha);
    expect(newest).toMatchObject({ status: 'in_progress', conclusion: null });
    const summary = readable(outputOf(newest).summary);
    expect(summary).toContain('gatehouse-config');
    expect(summary).toContain('changes policies/base.yml: a change to the policy is always at the top tier');
    // Asked of the people the default branch's policy names, and only of them.
    const requested = (scene.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob', 'carol']);
    // The base, read from the default branch.
    const baseReads = scene.sim.requests.filter(
      (request) => request.path === '/repos/acme/shop/contents/policies/base.yml',
    );
    expect(baseReads.length).toBeGreaterThan(0);
    expect(
      baseReads.every((request) => request.query.ref === undefined || request.query.ref === 'main'),
    ).toBe(true);
  });
});
