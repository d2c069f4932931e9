import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/core/decision-record.ts';
import { RETRIES } from '../../src/github/client.ts';
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

/** The record's file: written (FILE) and read (GET) through the contents API. */
const FILE = `/repos/acme/shop/contents/decisions%2F2026%2F11%2F${ID_A}.md`;
const TIP = { commit: 'c0', tree: 't0' };
/** PUT …/contents/{path} answered as GitHub answers a created file: its commit `sha`. */
function aFileCommit(sha: string) {
  return { content: null, commit: { sha, message: 'm', parents: [{ sha: 'c0' }] } };
}
const ORPHAN = () =>
  github()
    .post('/repos/acme/shop/git/trees', {
      tree: [
        { path: `decisions/2026/11/${ID_A}.md`, mode: '100644', type: 'blob', content: entry(ID_A).content },
      ],
    })
    .reply(201, aGitTree('t1', [`decisions/2026/11/${ID_A}.md`]))
    .post('/repos/acme/shop/git/commits', { message: entry(ID_A).message, tree: 't1', parents: [] })
    .reply(201, aGitCommit('c1', 't1'));

describe('publishDecisionRecord', () => {
  it('creates the log branch as an orphan on first use: no parent, no other file (R9)', async () => {
    github().get(REF).reply(404, anError('Not Found'));
    ORPHAN()
      .post('/repos/acme/shop/git/refs', { ref: 'refs/heads/gatehouse-log', sha: 'c1' })
      .reply(201, aGitRef('gatehouse-log', 'c1'));
    expect(await publishDecisionRecord(aTestClient(), entry(ID_A))).toEqual({
      commit: 'c1',
      outcome: 'created',
      attempts: 1,
    });
  });

  // One request on a branch that exists. GitHub signs a commit as an App's bot only when the App
  // sends no author, committer or signature of its own; precedent counts only commits GitHub
  // verified (load-decision-history). No `sha`: GitHub refuses to replace a file (append-only).
  it('adds the file to the branch in one contents write: message, content, branch, nothing else', async () => {
    let sent: Record<string, unknown> = {};
    github()
      .put(FILE, (body) => {
        sent = body;
        return true;
      })
      .reply(201, aFileCommit('c1'));
    const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP });
    expect(written).toEqual({ commit: 'c1', outcome: 'created', attempts: 1 });
    expect(sent).toEqual({
      message: entry(ID_A).message,
      content: Buffer.from(entry(ID_A).content).toString('base64'),
      branch: 'gatehouse-log',
    });
  });

  it('reads the ref first when the caller does not know the tip', async () => {
    github().get(REF).reply(200, aGitRef('gatehouse-log', 'c0')).put(FILE).reply(201, aFileCommit('c1'));
    const written = await publishDecisionRecord(aTestClient(), entry(ID_A));
    expect(written).toEqual({ commit: 'c1', outcome: 'created', attempts: 1 });
  });

  describe('never replaces a file at the record’s path (append-only)', () => {
    it('leaves a record already on the branch, whatever its bytes: unchanged, at the tip that holds it', async () => {
      // The same decision twice, or one re-evaluated beyond the history the caller read.
      github()
        .put(FILE)
        .reply(422, anError('Invalid request.\n\n"sha" wasn\'t supplied.'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'c5'))
        .get(FILE)
        .query({ ref: 'c5' })
        .reply(200, aFile(`decisions/2026/11/${ID_A}.md`, '---\nid: other bytes\n---\n'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP });
      expect(written).toEqual({ commit: 'c5', outcome: 'unchanged', attempts: 1 });
    });

    it('lets a 422 through when no file is at the path: the refusal was for something else', async () => {
      github()
        .put(FILE)
        .reply(422, anError('content is not valid Base64'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'c0'))
        .get(FILE)
        .query({ ref: 'c0' })
        .reply(404, anError('Not Found'));
      await expect(publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP })).rejects.toMatchObject({
        status: 422,
      });
    });
  });

  describe('with two writers at the same moment (R8)', () => {
    it('writes again when the branch moved under the write (409)', async () => {
      github()
        .put(FILE)
        .reply(409, anError('is at c1 but expected c0'))
        .put(FILE)
        .reply(201, aFileCommit('c2'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP });
      expect(written).toEqual({ commit: 'c2', outcome: 'created', attempts: 2 });
    });

    it('finds its record when a lost answer had landed it (R3)', async () => {
      github()
        .put(FILE)
        .times(1 + RETRIES) // a 502, and the client's own retries: the writer's first attempt
        .reply(502, anError('Server Error'))
        .put(FILE)
        .reply(422, anError('Invalid request.\n\n"sha" wasn\'t supplied.'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'c1'))
        .get(FILE)
        .query({ ref: 'c1' })
        .reply(200, aFile(`decisions/2026/11/${ID_A}.md`, entry(ID_A).content));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP });
      expect(written).toEqual({ commit: 'c1', outcome: 'unchanged', attempts: 2 });
    });

    it('builds on the branch another writer created first', async () => {
      ORPHAN()
        .post('/repos/acme/shop/git/refs')
        .reply(422, anError('Reference already exists'))
        .get(REF)
        .reply(200, aGitRef('gatehouse-log', 'cX'))
        .put(FILE)
        .reply(201, aFileCommit('c2'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: null });
      expect(written).toEqual({ commit: 'c2', outcome: 'created', attempts: 2 });
    });

    it('creates the branch again when it was deleted since the caller read it', async () => {
      github()
        .put(FILE)
        .reply(404, anError('Branch gatehouse-log not found'))
        .post('/repos/acme/shop/git/trees')
        .reply(201, aGitTree('t1', []))
        .post('/repos/acme/shop/git/commits', (body) => body.parents.length === 0)
        .reply(201, aGitCommit('c1', 't1'))
        .post('/repos/acme/shop/git/refs')
        .reply(201, aGitRef('gatehouse-log', 'c1'));
      const written = await publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP });
      expect(written).toEqual({ commit: 'c1', outcome: 'created', attempts: 2 });
    });
  });

  it(`fails visibly after ${MAX_LOG_ATTEMPTS} attempts when the branch keeps moving`, async () => {
    const scope = github();
    for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++)
      scope.put(FILE).reply(409, anError('is at c1 but expected c0'));
    await expect(publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP })).rejects.toThrow(
      new DecisionLogError(
        `the decision record decisions/2026/11/${ID_A}.md could not be committed to gatehouse-log after 5 attempts: the branch kept moving; the next event for this gate tries again`,
      ),
    );
  });

  it('lets a refusal other than a conflict through', async () => {
    github().put(FILE).reply(403, anError('Resource not accessible by integration'));
    await expect(publishDecisionRecord(aTestClient(), entry(ID_A), { tip: TIP })).rejects.toMatchObject({
      status: 403,
    });
  });
});
