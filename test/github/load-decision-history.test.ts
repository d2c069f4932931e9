import { describe, expect, it } from 'vitest';
import { loadDecisionHistory } from '../../src/github/load-decision-history.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { aCommit, anError, type CommitShape, users, WEB_FLOW } from '../support/github-fixtures.ts';

useNock();

const ID_A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const ID_B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const log = { owner: 'acme', repo: 'shop', branch: 'gatehouse-log' };
const COMMITS = '/repos/acme/shop/commits';

function message(id: string, target = 'main'): string {
  return `gatehouse: approved gatehouse by alice\n\nGatehouse-Decision: approved\nGatehouse-Rules: migrations\nGatehouse-Pull-Request: 6\nGatehouse-Target: ${target}\nGatehouse-Decided-At: 2026-11-20T10:00:00Z\nGatehouse-Decision-Id: ${id}`;
}
function decision(id: string, target = 'main') {
  return {
    id,
    decision: 'approved',
    rules: ['migrations'],
    pullRequest: 6,
    target,
    at: '2026-11-20T10:00:00Z',
  };
}

function aLog(...commits: CommitShape[]) {
  github().get(COMMITS).query({ sha: 'gatehouse-log', per_page: 100 }).reply(200, commits.map(aCommit));
}

function aLogger() {
  const lines: { fields: unknown; message: string | undefined }[] = [];
  return { lines, debug: (fields: unknown, message?: string) => lines.push({ fields, message }) };
}

describe('loadDecisionHistory', () => {
  it('reads prior decisions from the commits GitHub signed as Gatehouse’s bot, in one request', async () => {
    aLog(
      { sha: 'c2', tree: 't2', message: message(ID_B) },
      { sha: 'c0', message: 'Initial commit', author: null, committer: null },
    );
    expect(await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).toEqual({
      decisions: [decision(ID_B)],
      commits: new Map([[ID_B, 'c2']]),
      tip: { commit: 'c2', tree: 't2' },
    });
  });

  it('counts a verified commit whose committer is the bot itself', async () => {
    aLog({ sha: 'c1', message: message(ID_A), committer: users.gatehouse });
    expect((await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).decisions).toEqual([
      decision(ID_A),
    ]);
  });

  it('keeps a record for another target branch with its target, for the engine to compare', async () => {
    aLog({ sha: 'c1', message: message(ID_A, 'release') });
    expect((await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).decisions).toEqual([
      decision(ID_A, 'release'),
    ]);
  });

  describe('when someone who can push writes a decision commit', () => {
    it.each<[string, Partial<CommitShape>, string]>([
      [
        'pushed with the bot’s e-mail, unsigned',
        { committer: users.gatehouse, verification: { verified: false, reason: 'unsigned' } },
        'not verified by GitHub (unsigned)',
      ],
      [
        'signed by a user with the bot’s e-mail as committer',
        { committer: users.gatehouse, verification: { verified: false, reason: 'bad_email' } },
        'not verified by GitHub (bad_email)',
      ],
      [
        'with a verified flag but another reason',
        { verification: { verified: true, reason: 'unknown_key' } },
        'not verified by GitHub (unknown_key)',
      ],
      [
        'signed and verified as mallory',
        { author: users.mallory, committer: users.mallory },
        'authored by mallory',
      ],
      [
        'made in GitHub’s web editor by mallory',
        { author: users.mallory, committer: WEB_FLOW },
        'authored by mallory',
      ],
      [
        'authored as the bot, committed and signed by mallory',
        { committer: users.mallory },
        'committed by mallory',
      ],
      [
        'merged by GitHub from a pull request into the log branch',
        { parents: ['c0', 'c9'] },
        'a merge commit',
      ],
    ])('skips one %s, logs it at debug level and counts it', async (_case, forged, problem) => {
      aLog(
        { sha: 'c2', tree: 't2', message: message(ID_B), ...forged },
        { sha: 'c1', message: message(ID_A) },
      );
      const logger = aLogger();
      expect(await loadDecisionHistory(aTestClient(), log, users.gatehouse.id, logger)).toEqual({
        decisions: [decision(ID_A)],
        commits: new Map([[ID_A, 'c1']]),
        tip: { commit: 'c2', tree: 't2' },
        skipped: 1,
      });
      expect(logger.lines).toEqual([
        {
          fields: { commit: 'c2', decision: ID_B, problem },
          message: `log commit c2 is no record of Gatehouse's: ${problem}`,
        },
      ]);
    });

    it('does not count commits that are no decision at all', async () => {
      aLog({ sha: 'c1', message: 'Add a README', author: users.mallory, committer: users.mallory });
      expect(await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).toEqual({
        decisions: [],
        commits: new Map(),
        tip: { commit: 'c1', tree: 'tree-of-c1' },
      });
    });
  });

  it('has no decisions and no tip before the branch exists', async () => {
    github().get(COMMITS).query(true).reply(404, anError('No commit found for SHA: gatehouse-log'));
    expect(await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).toEqual({
      decisions: [],
      tip: null,
    });
  });

  it('says so when the log cannot be read', async () => {
    github().get(COMMITS).query(true).times(3).reply(500, anError('Server Error'));
    expect(await loadDecisionHistory(aTestClient(), log, users.gatehouse.id)).toEqual({
      error: 'HTTP 500: Server Error',
    });
  });
});
