import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/core/decision-record.ts';
import {
  createDecisionLogEntry,
  type DecisionLogEntry,
  DecisionLogError,
  MAX_LOG_ATTEMPTS,
  publishDecisionRecord,
} from '../../src/github/publish-decision-record.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { aFile, aGitCommit, aGitRef, aGitTree, anError } from '../support/github-fixtures.ts';

useNock();

const ID_A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const ID_B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
function entry(id: string): DecisionLogEntry {
  return {
    owner: 'acme',
    repo: 'shop',
    branch: 'gatehouse-log',
    path: `decisions/2026/11/${id}.md`,
    content: `---\nid: ${id}\n---\n`,
    message: `gatehouse: approved gatehouse by alice\n\nGatehouse-Decision: approved\nGatehouse-Rules: migrations\nGatehouse-Decided-At: 2026-11-20T10:00:00Z\nGatehouse-Decision-Id: ${id}`,
  };
}
const REF = '/repos/acme/shop/git/ref/heads%2Fgatehouse-log';
const UPDATE = '/repos/acme/shop/git/refs/heads%2Fgatehouse-log';

describe('createDecisionLogEntry', () => {
  // Defence in depth: a policy naming the default branch is invalid already (policy-meaning tests).
  it.each(['main', 'Main', 'refs/heads/main'])(
    'refuses log branch %s when the default branch is main: no record is committed there',
    (branch) => {
      const record = { id: ID_A } as DecisionRecord;
      expect(() =>
        createDecisionLogEntry(
          { owner: 'acme', repo: 'shop' },
          record,
          { branch, path: 'decisions' },
          'main',
        ),
      ).toThrow(
        new DecisionLogError(
          `log.branch: must not be the default branch "main": the decision record ${ID_A} was not committed`,
        ),
      );
    },
  );
});

describe('publishDecisionRecord', () => {
  it('creates the log branch as an orphan on first use: no parent, no other file (R9)', async () => {
    github()
      .get(REF)
      .reply(404, anError('Not Found'))
      .post('/repos/acme/shop/git/trees', {
        tree: [
          {
            path: `decisions/2026/11/${ID_A}.md`,
            mode: '100644',
            type: 'blob',
            content: entry(ID_A).content,
          },
        ],
      })
      .reply(201, aGitTree('t1', [`decisions/2026/11/${ID_A}.md`]))
      .post('/repos/acme/shop/git/commits', { message: entry(ID_A).message, tree: 't1', parents: [] })
      .reply(201, aGitCommit('c1', 't1'))
      .post('/repos/acme/shop/git/refs', { ref: 'refs/heads/gatehouse-log', sha: 'c1' })
      .reply(201, aGitRef('gatehouse-log', 'c1'));
    expect(await publishDecisionRecord(aTestClient(), entry(ID_A))).toEqual({
      commit: 'c1',
      outcome: 'created',
      attempts: 1,
    });
  });

  // GitHub signs a commit as an App's bot only when the App sends no author, committer or
  // signature of its own; precedent counts only commits GitHub verified (load-decision-history).
  it('sends no author, committer or signature, so that GitHub signs the commit as the App', async () => {
    let sent: Record<string, unknown> = {};
    github()
      .post('/repos/acme/shop/git/trees')
      .reply(201, aGitTree('t1', []))
      .post('/repos/acme/shop/git/commits', (body) => {
        sent = body;
        return true;
      })
      .reply(201, aGitCommit('c1', 't1', ['c0']))
      .patch(UPDATE, { sha: 'c1', force: false })
      .reply(200, aGitRef('gatehouse-log', 'c1'));
    await publishDecisionRecord(aTestClient(), entry(ID_A), {
      tip: { commit: 'c0', tree: 't0' },
      absent: true,
    });
    expect(Object.keys(sent).sort()).toEqual(['message', 'parents', 'tree']);
  });

  it('adds to the branch tip it was given, without reading the ref', async () => {
    github()
      .post('/repos/acme/shop/git/trees', (body) => body.base_tree === 't0')
      .reply(201, aGitTree('t1', []))
      .post('/repos/acme/shop/git/commits', (body) => body.parents[0] === 'c0')
      .reply(201, aGitCommit('c1', 't1', ['c0']))
      .patch(UPDATE, { sha: 'c1', force: false })
      .reply(200, aGitRef('gatehouse-log', 'c1'));
    const written = await publishDecisionRecord(aTestClient(), entry(ID_A), {
      tip: { commit: 'c0', tree: 't0' },
      absent: true,
    });
    expect(written).toEqual({ commit: 'c1', outcome: 'created', attempts: 1 });
  });

  it('writes nothing when the same record is there already (same decision twice)', async () => {
    github().post('/repos/acme/shop/git/trees').reply(201, aGitTree('t0', []));
    const written = await publishDecisionRecord(aTestClient(), entry(ID_A), {
      tip: { commit: 'c0', tree: 't0' },
      absent: true,
    });
    expect(written).toEqual({ commit: 'c0', outcome: 'unchanged', attempts: 1 });
  });

  describe('never replaces a file at the record’s path (append-only)', () => {
    const CONTENT = `/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_A}.md`;

    it('leaves a record already on the branch with other bytes as it was: unchanged, nothing written', async () => {
      // A decision re-evaluated beyond the history the caller read, with links that differ now.
      github()
        .get(CONTENT)
        .query({ ref: 'c0' })
        .reply(200, aFile(`decisions/2026/11/${ID_A}.md`, '---\nid: other bytes\n---\n'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), {
        tip: { commit: 'c0', tree: 't0' },
      });
      expect(written).toEqual({ commit: 'c0', outcome: 'unchanged', attempts: 1 });
    });

    it('reads whether the file is there when the caller’s history cannot vouch, then writes', async () => {
      github()
        .get(CONTENT)
        .query({ ref: 'c0' })
        .reply(404, anError('Not Found'))
        .post('/repos/acme/shop/git/trees', (body) => body.base_tree === 't0')
        .reply(201, aGitTree('t1', []))
        .post('/repos/acme/shop/git/commits', (body) => body.parents[0] === 'c0')
        .reply(201, aGitCommit('c1', 't1', ['c0']))
        .patch(UPDATE, { sha: 'c1', force: false })
        .reply(200, aGitRef('gatehouse-log', 'c1'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), {
        tip: { commit: 'c0', tree: 't0' },
      });
      expect(written).toEqual({ commit: 'c1', outcome: 'created', attempts: 1 });
    });

    it('reads the file too when it had to read the tip itself', async () => {
      github()
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'c0'))
        .get('/repos/acme/shop/git/commits/c0')
        .reply(200, aGitCommit('c0', 't0'))
        .get(CONTENT)
        .query({ ref: 'c0' })
        .reply(200, aFile(`decisions/2026/11/${ID_A}.md`, 'edited by hand'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { absent: true });
      expect(written).toEqual({ commit: 'c0', outcome: 'unchanged', attempts: 1 });
    });
  });

  describe('with two writers at the same moment (R8)', () => {
    it('lands both exactly once: the second rebuilds on the new tip and retries', async () => {
      // Both writers saw c0. Writer A lands c1; writer B's update is not a fast-forward.
      github()
        .post(
          '/repos/acme/shop/git/trees',
          (body) => body.tree[0].path.endsWith(`${ID_A}.md`) && body.base_tree === 't0',
        )
        .reply(201, aGitTree('tA', []))
        .post('/repos/acme/shop/git/commits', (body) => body.tree === 'tA' && body.parents[0] === 'c0')
        .reply(201, aGitCommit('cA', 'tA', ['c0']))
        .patch(UPDATE, { sha: 'cA', force: false })
        .reply(200, aGitRef('gatehouse-log', 'cA'))
        .post(
          '/repos/acme/shop/git/trees',
          (body) => body.tree[0].path.endsWith(`${ID_B}.md`) && body.base_tree === 't0',
        )
        .reply(201, aGitTree('tB0', []))
        .post('/repos/acme/shop/git/commits', (body) => body.tree === 'tB0')
        .reply(201, aGitCommit('cB0', 'tB0', ['c0']))
        .patch(UPDATE, { sha: 'cB0', force: false })
        .reply(422, anError('Update is not a fast forward'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'cA'))
        .get('/repos/acme/shop/git/commits/cA')
        .reply(200, aGitCommit('cA', 'tA', ['c0']))
        .get(`/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_B}.md`)
        .query({ ref: 'cA' })
        .reply(404, anError('Not Found'))
        .post('/repos/acme/shop/git/trees', (body) => body.base_tree === 'tA')
        .reply(201, aGitTree('tB', []))
        .post('/repos/acme/shop/git/commits', (body) => body.tree === 'tB' && body.parents[0] === 'cA')
        .reply(201, aGitCommit('cB', 'tB', ['cA']))
        .patch(UPDATE, { sha: 'cB', force: false })
        .reply(200, aGitRef('gatehouse-log', 'cB'));
      const client = aTestClient();
      const tip = { commit: 'c0', tree: 't0' };
      const a = await publishDecisionRecord(client, entry(ID_A), { tip, absent: true });
      const b = await publishDecisionRecord(client, entry(ID_B), { tip, absent: true });
      expect([a, b]).toEqual([
        { commit: 'cA', outcome: 'created', attempts: 1 },
        { commit: 'cB', outcome: 'created', attempts: 2 },
      ]);
    });

    it('finds its record on the new tip when the other writer wrote the same decision', async () => {
      github()
        .post('/repos/acme/shop/git/trees')
        .reply(201, aGitTree('tA', []))
        .post('/repos/acme/shop/git/commits')
        .reply(201, aGitCommit('cA2', 'tA', ['c0']))
        .patch(UPDATE)
        .reply(422, anError('Update is not a fast forward'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'cA'))
        .get('/repos/acme/shop/git/commits/cA')
        .reply(200, aGitCommit('cA', 'tA', ['c0']))
        .get(`/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_A}.md`)
        .query({ ref: 'cA' })
        .reply(200, aFile(`decisions/2026/11/${ID_A}.md`, entry(ID_A).content));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), {
        tip: { commit: 'c0', tree: 't0' },
        absent: true,
      });
      expect(written).toEqual({ commit: 'cA', outcome: 'unchanged', attempts: 2 });
    });

    it('builds on the branch another writer created first', async () => {
      github()
        .post('/repos/acme/shop/git/trees')
        .reply(201, aGitTree('t1', []))
        .post('/repos/acme/shop/git/commits')
        .reply(201, aGitCommit('c1', 't1'))
        .post('/repos/acme/shop/git/refs')
        .reply(422, anError('Reference already exists'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'cX'))
        .get('/repos/acme/shop/git/commits/cX')
        .reply(200, aGitCommit('cX', 'tX'))
        .get(`/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_A}.md`)
        .query({ ref: 'cX' })
        .reply(404, anError('Not Found'))
        .post('/repos/acme/shop/git/trees', (body) => body.base_tree === 'tX')
        .reply(201, aGitTree('t2', []))
        .post('/repos/acme/shop/git/commits', (body) => body.parents[0] === 'cX')
        .reply(201, aGitCommit('c2', 't2', ['cX']))
        .patch(UPDATE, { sha: 'c2', force: false })
        .reply(200, aGitRef('gatehouse-log', 'c2'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: null });
      expect(written).toEqual({ commit: 'c2', outcome: 'created', attempts: 2 });
    });
  });

  it(`fails visibly after ${MAX_LOG_ATTEMPTS} attempts when the branch keeps moving`, async () => {
    const scope = github();
    for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        scope
          .get(REF)
          .reply(200, aGitRef('gatehouse-log', `c${attempt}`))
          .get(`/repos/acme/shop/git/commits/c${attempt}`)
          .reply(200, aGitCommit(`c${attempt}`, `t${attempt}`))
          .get(`/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_A}.md`)
          .query({ ref: `c${attempt}` })
          .reply(404, anError('Not Found'));
      }
      scope
        .post('/repos/acme/shop/git/trees')
        .reply(201, aGitTree(`n${attempt}`, []))
        .post('/repos/acme/shop/git/commits')
        .reply(201, aGitCommit(`m${attempt}`, `n${attempt}`))
        .patch(UPDATE)
        .reply(422, anError('Update is not a fast forward'));
    }
    await expect(
      publishDecisionRecord(aTestClient(), entry(ID_A), { tip: { commit: 'c1', tree: 't1' }, absent: true }),
    ).rejects.toThrow(
      new DecisionLogError(
        `the decision record decisions/2026/11/${ID_A}.md could not be committed to gatehouse-log after 5 attempts: the branch kept moving; the next event for this gate tries again`,
      ),
    );
  });

  it('lets a refusal other than a conflict through', async () => {
    github()
      .post('/repos/acme/shop/git/trees')
      .reply(201, aGitTree('t1', []))
      .post('/repos/acme/shop/git/commits')
      .reply(201, aGitCommit('c1', 't1', ['c0']))
      .patch(UPDATE)
      .reply(403, anError('Resource not accessible by integration'));
    await expect(
      publishDecisionRecord(aTestClient(), entry(ID_A), { tip: { commit: 'c0', tree: 't0' }, absent: true }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
