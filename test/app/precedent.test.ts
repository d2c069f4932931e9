// Precedent end to end (issue 10, class 6): under `mode: ask-once` a kind of change approved once
// proceeds the next time, but only on records Gatehouse wrote and GitHub vouches for (DESIGN
// §11), and only for the same target branch. A commit someone pushed to the log branch with the
// bot's e-mail, or a record of a pull request into another branch, leaves the gate asking.

import { describe, expect, it } from 'vitest';
import { parseDecisionCommitMessage } from '../../src/core/decision-record.ts';
import { users } from '../support/github-fixtures.ts';
import {
  aWorld,
  type LogCommit,
  mockCreateCheckRun,
  mockLogWrite,
  mockReads,
  POLICY,
  runsOf,
} from '../support/github-world.ts';
import {
  latestCheck,
  OPENED_AT,
  openPullRequest,
  pullRequestEvent,
  step,
  useAppWorlds,
} from './app-world.ts';

const apps = useAppWorlds();

/** A migration of pull request #6 into `target`, approved by alice, as the App's log commit says it. */
function approvedMigration(target: string, github?: LogCommit['github']): LogCommit {
  const message = [
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
  return {
    sha: 'prior',
    tree: 'prior-tree',
    message,
    files: {},
    ...(github === undefined ? {} : { github }),
  };
}

function askOnceWorld(log: LogCommit[]) {
  return aWorld({ policy: `mode: ask-once\n${POLICY}`, log });
}

describe('a migration pull request under mode ask-once', () => {
  it('reads the record the way precedent needs it', () => {
    expect(parseDecisionCommitMessage(approvedMigration('main').message)).toMatchObject({
      decision: 'approved',
      rules: ['migrations'],
      pullRequest: 6,
      target: 'main',
    });
  });

  describe('still asks', () => {
    it('when the only record is a commit pushed with the bot’s e-mail, which GitHub did not verify', async () => {
      // GitHub attributes the commit to the bot's account by its e-mail, but did not sign it.
      const forged = approvedMigration('main', {
        author: users.gatehouse,
        committer: users.gatehouse,
        verification: { verified: false, reason: 'unsigned' },
      });
      const app = await apps.start(askOnceWorld([forged]));
      const run = await openPullRequest(app);
      expect(run).toMatchObject({ state: 'pending' });
      expect(latestCheck(app.world)).toEqual(['in_progress', null, 'Waiting for 1 approval from platform']);
      expect(String(app.world.comments[0]?.body)).toContain('never approved before for main');
    });

    it('when the only record, verified, is of a pull request into another branch', async () => {
      const app = await apps.start(askOnceWorld([approvedMigration('release')]));
      const run = await openPullRequest(app);
      expect(run).toMatchObject({ state: 'pending' });
      expect(latestCheck(app.world)).toEqual(['in_progress', null, 'Waiting for 1 approval from platform']);
    });

    it('when the only record, verified, was written before records named their target', async () => {
      const old = approvedMigration('main');
      old.message = old.message.replace('Gatehouse-Target: main\n', '');
      const app = await apps.start(askOnceWorld([old]));
      const run = await openPullRequest(app);
      expect(run).toMatchObject({ state: 'pending' });
      expect(latestCheck(app.world)).toEqual(['in_progress', null, 'Waiting for 1 approval from platform']);
    });
  });

  it('proceeds on a record GitHub verified as the App’s, for the same branch', async () => {
    const app = await apps.start(askOnceWorld([approvedMigration('main')]));
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope);
      mockLogWrite(app.world, scope);
      mockCreateCheckRun(app.world, scope);
    });
    expect(run).toMatchObject({ state: 'auto_approved' });
    expect(runsOf(app.world)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(app.world.log?.[0]?.message).toContain('Gatehouse-Target: main');
  });
});
