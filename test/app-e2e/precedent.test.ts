// Precedent end to end on the simulator (issue 10, class 6): under `mode: ask-once` a kind of
// change approved once proceeds the next time, but only on records Gatehouse wrote and GitHub
// vouches for (docs/security.md), and only for the same target branch. A commit someone pushed to
// the log branch with the bot's e-mail, or a record of a pull request into another branch, leaves
// the gate asking. The records the App relies on are the ones it wrote through GitHub's API,
// which GitHub signs for its bot (test/simulator/commit-verification.ts).
import { describe, expect, it } from 'vitest';
import { parseDecisionCommitMessage } from '../../src/core/decision-record.ts';
import { pushedCommit, verifyApiCommit } from '../simulator/commit-verification.ts';
import { users } from '../support/github-fixtures.ts';
import { type AppScene, BOT } from './app-on-simulator.ts';
import {
  countRequests,
  LOG_BRANCH,
  logMessages,
  MINUTE,
  openMigration,
  POLICY,
  useGateScenes,
  verdictOn,
} from './gate-scene.ts';

const scenes = useGateScenes();
const ASK_ONCE = `mode: ask-once\n${POLICY}`;
const WAITING = ['in_progress', null, 'Waiting for 1 approval from platform'];

/** A migration of pull request #6 into `target`, approved by alice, as the App's log commit says it. */
function approvedMigration(target: string): string {
  return [
    'gatehouse: approved gatehouse by alice',
    '',
    'Gatehouse-Decision: approved',
    'Gatehouse-Rules: migrations',
    'Gatehouse-Pull-Request: 6',
    `Gatehouse-Target: ${target}`,
    'Gatehouse-Decided-At: 2026-11-19T10:00:00Z',
    `Gatehouse-Request: ${'e'.repeat(64)}`,
    `Gatehouse-Decision-Id: ${'d'.repeat(24)}`,
  ].join('\n');
}

/** How GET /commits lists the log branch's tip: author, committer, verification. */
function listedTip(scene: AppScene) {
  const tip = scene.sim.state.commits.get(scene.sim.state.refs.get(LOG_BRANCH) ?? '');
  return { author: tip?.author?.login, committer: tip?.committer?.login, verification: tip?.verification };
}

/** alice approves pull request `number`; its gate turns green and is recorded. */
async function aliceApproves(scene: AppScene, number: number) {
  const approval = await scene.users.comment(number, users.alice, '/approve');
  expect(approval.delivery.status).toBe(200);
  scene.sim.advance(MINUTE);
}

describe('a migration pull request under mode ask-once', () => {
  it('reads the record the way precedent needs it', () => {
    expect(parseDecisionCommitMessage(approvedMigration('main'))).toMatchObject({
      decision: 'approved',
      rules: ['migrations'],
      pullRequest: 6,
      target: 'main',
    });
  });

  describe('still asks', () => {
    it('when the only record is a commit pushed with the bot’s e-mail, which GitHub did not verify', async () => {
      const scene = await scenes.start({ policy: ASK_ONCE });
      // mallory pushes the record with the bot's e-mail as author and committer: GitHub
      // attributes the commit to the bot's account by its e-mail, but did not sign it.
      const forged = await scene.history.pushToBranch(
        users.mallory,
        LOG_BRANCH,
        { 'decisions/2026/11/forged.md': 'approved\n' },
        approvedMigration('main'),
        pushedCommit(BOT),
      );
      expect(forged.delivery.status).toBe(200);
      expect(listedTip(scene)).toEqual({
        author: BOT.login,
        committer: BOT.login,
        verification: { verified: false, reason: 'unsigned' },
      });
      const pr = await openMigration(scene);
      expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
      expect(String(scene.sim.commentsOn(pr.number)[0]?.body)).toContain('never approved before for main');
    });

    it('when the only record, verified, is of a pull request into another branch', async () => {
      const scene = await scenes.start({ policy: ASK_ONCE });
      scene.sim.state.refs.set('release', scene.sim.state.refs.get('main') ?? '');
      scene.sim.state.contents.release = { ...scene.sim.state.contents.main };
      // A migration into release, approved by alice: the App records it, GitHub signs it.
      const intoRelease = await openMigration(scene, { base: 'release' });
      expect(verdictOn(scene, intoRelease.headSha, 'gatehouse (into release)')[0]).toBe('in_progress');
      await aliceApproves(scene, intoRelease.number);
      expect(verdictOn(scene, intoRelease.headSha, 'gatehouse (into release)')[1]).toBe('success');
      expect(logMessages(scene)).toHaveLength(1);
      expect(logMessages(scene)[0]).toContain('Gatehouse-Target: release');
      expect(listedTip(scene)).toEqual({
        author: BOT.login,
        committer: 'web-flow',
        verification: { verified: true, reason: 'valid' },
      });

      const pr = await openMigration(scene);
      expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
      expect(String(scene.sim.commentsOn(pr.number)[0]?.body)).toContain('never approved before for main');
    });

    it('when the only record, verified, was written before records named their target', async () => {
      const scene = await scenes.start({ policy: ASK_ONCE });
      // A record an earlier version of the App wrote through GitHub's API: signed for its bot.
      const old = approvedMigration('main').replace('Gatehouse-Target: main\n', '');
      scene.history.writeToBranch(
        LOG_BRANCH,
        { 'decisions/2026/11/old.md': 'approved\n' },
        old,
        verifyApiCommit(BOT, {}, scene.sim.state.users),
      );
      expect(listedTip(scene).verification).toEqual({ verified: true, reason: 'valid' });
      const pr = await openMigration(scene);
      expect(verdictOn(scene, pr.headSha)).toEqual(WAITING);
    });
  });

  it('proceeds on a record GitHub verified as the App’s, for the same branch', async () => {
    const scene = await scenes.start({ policy: ASK_ONCE });
    const first = await openMigration(scene);
    expect(verdictOn(scene, first.headSha)).toEqual(WAITING);
    await aliceApproves(scene, first.number);
    expect(listedTip(scene).verification).toEqual({ verified: true, reason: 'valid' });

    const { result: pr, counted } = await countRequests(scene, () =>
      openMigration(scene, {
        files: { 'db/migrations/002_drop_notes.sql': 'ALTER TABLE orders DROP COLUMN notes;\n' },
      }),
    );
    expect(verdictOn(scene, pr.headSha).slice(0, 2)).toEqual(['completed', 'success']);
    expect(scene.sim.commentsOn(pr.number)).toEqual([]);
    expect(scene.sim.pull(pr.number)?.requested_reviewers).toEqual([]);
    const messages = logMessages(scene);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain(`Gatehouse-Pull-Request: ${pr.number}`);
    expect(messages[0]).toContain('Gatehouse-Target: main');
    // 6 reads (the policy of main is a 304: as the first pull request's gate read it), the record
    // (one contents-API write: the log branch exists), the run; the repository's listing of runs
    // waiting for a deployment is a 304, as the first pull request's gate read it.
    expect(counted.map((line) => line.replace(/\/[0-9a-f]{24,40}(?=[./]|$)|\/\d+(?=\/|$)/g, '/…'))).toEqual([
      'GET /repos/acme/shop/pulls/…',
      'GET /repos/acme/shop/pulls/…/files',
      'GET /repos/acme/shop/issues/…/timeline',
      'GET /repos/acme/shop/commits/…/check-runs',
      'GET /repos/acme/shop/commits',
      'GET /repos/acme/shop/activity',
      'PUT /repos/acme/shop/contents/decisions/…/…/….md',
      'POST /repos/acme/shop/check-runs',
    ]);
  });
});
