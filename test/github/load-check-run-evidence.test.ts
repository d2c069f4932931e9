import { describe, expect, it } from 'vitest';
import { loadCheckRunEvidence } from '../../src/github/load-check-run-evidence.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { aCheckRun, aCheckRunList, anError, example } from '../support/github-fixtures.ts';

useNock();

const SHA_1 = 'c0ffee0000000000000000000000000000000001';
const SHA_2 = 'c0ffee0000000000000000000000000000000002';

type Json = Record<string, unknown>;

/** One entry of GET /repos/{owner}/{repo}/pulls/{pull_number}/commits. */
function aPullRequestCommit(sha: string): Json {
  const [commit = {}] = example('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits') as Json[];
  return { ...commit, sha };
}

/** GET /repos/{owner}/{repo}/commits/{ref} with `Accept: application/vnd.github.sha`: the SHA as text. */
function resolves(scope: ReturnType<typeof github>, ref: string, sha: string) {
  return scope
    .get(`/repos/acme/shop/commits/${ref}`)
    .matchHeader('accept', 'application/vnd.github.sha')
    .reply(200, sha, { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
}

function aRun(id: number, name: string, headSha: string, externalId = ''): Json {
  return aCheckRun({ id, name, headSha, externalId, status: 'completed', conclusion: 'success' });
}

describe('loading the check-run evidence of an audit', () => {
  it('keeps the gatehouse runs of the commit a ref names, re-runs included, and leaves other checks out', async () => {
    const scope = resolves(github(), 'main', SHA_1)
      .get(`/repos/acme/shop/commits/${SHA_1}/check-runs`)
      .query({ filter: 'all', per_page: '100' })
      .reply(
        200,
        aCheckRunList([
          aRun(12, 'gatehouse: production', SHA_1, 'aaaaaaaaaaaaaaaaaaaaaaaa'),
          aRun(11, 'gatehouse', SHA_1, 'bbbbbbbbbbbbbbbbbbbbbbbb'),
          aRun(10, 'build', SHA_1),
          aRun(9, 'gatehouse-lint', SHA_1),
          aRun(8, 'gatehouse', SHA_1),
        ]),
      );
    const loaded = await loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', ref: 'main' });
    scope.done();
    expect(loaded).toEqual({
      state: 'read',
      commits: [SHA_1],
      checkRuns: [
        {
          id: 8,
          name: 'gatehouse',
          headSha: SHA_1,
          status: 'completed',
          conclusion: 'success',
          externalId: null,
          completedAt: '2026-11-20T10:00:00Z',
          url: 'https://github.com/acme/shop/runs/8',
          title: 'Waiting for 1 approval',
        },
        expect.objectContaining({ id: 11, name: 'gatehouse', externalId: 'bbbbbbbbbbbbbbbbbbbbbbbb' }),
        expect.objectContaining({
          id: 12,
          name: 'gatehouse: production',
          externalId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        }),
      ],
    });
  });

  it('reads the runs of every commit of a pull request, and of the ref, each commit and run once', async () => {
    const scope = resolves(github(), 'main', SHA_2)
      .get('/repos/acme/shop/pulls/7/commits')
      .query({ per_page: '100' })
      .reply(200, [aPullRequestCommit(SHA_1), aPullRequestCommit(SHA_2)])
      .get(`/repos/acme/shop/commits/${SHA_1}/check-runs`)
      .query({ filter: 'all', per_page: '100' })
      .reply(200, aCheckRunList([aRun(1, 'gatehouse', SHA_1)]))
      // The branch points at the pull request's head: its runs are listed once.
      .get(`/repos/acme/shop/commits/${SHA_2}/check-runs`)
      .query({ filter: 'all', per_page: '100' })
      .reply(200, aCheckRunList([aRun(2, 'gatehouse', SHA_2)]));
    const loaded = await loadCheckRunEvidence(aTestClient(), {
      owner: 'acme',
      repo: 'shop',
      ref: 'main',
      pullRequest: 7,
    });
    scope.done();
    expect(loaded.state === 'read' && loaded.checkRuns.map((run) => [run.id, run.headSha])).toEqual([
      [1, SHA_1],
      [2, SHA_2],
    ]);
    expect(loaded.state === 'read' && loaded.commits).toEqual([SHA_2, SHA_1]);
  });

  it('says no_pull_request for a pull request GitHub does not have', async () => {
    const scope = github()
      .get('/repos/acme/shop/pulls/999/commits')
      .query({ per_page: '100' })
      .reply(404, anError('Not Found'));
    expect(
      await loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', pullRequest: 999 }),
    ).toEqual({
      state: 'no_pull_request',
      pullRequest: 999,
    });
    scope.done();
  });

  it('says no_ref for a ref GitHub cannot resolve', async () => {
    const scope = github()
      .get('/repos/acme/shop/commits/nope')
      .reply(422, anError('No commit found for SHA: nope'));
    expect(await loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', ref: 'nope' })).toEqual({
      state: 'no_ref',
      ref: 'nope',
    });
    scope.done();
  });

  it('fails when GitHub answers a ref lookup with something that is not a SHA', async () => {
    const scope = github()
      .get('/repos/acme/shop/commits/main')
      .reply(200, '<html>sign in</html>', { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
    await expect(
      loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', ref: 'main' }),
    ).rejects.toThrow('GitHub resolved main to "<html>sign in</html>", not a commit SHA');
    scope.done();
  });

  it.each([
    [
      'the ref lookup',
      (scope: ReturnType<typeof github>) => scope.get('/repos/acme/shop/commits/main'),
      { ref: 'main' },
    ],
    [
      'the commit listing of the pull request',
      (scope: ReturnType<typeof github>) =>
        scope.get('/repos/acme/shop/pulls/7/commits').query({ per_page: '100' }),
      { pullRequest: 7 },
    ],
  ])('passes a refusal of %s on, with its status', async (_what, mock, subjects) => {
    const scope = mock(github()).reply(403, anError('Resource not accessible by personal access token'));
    await expect(
      loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', ...subjects }),
    ).rejects.toMatchObject({ status: 403 });
    scope.done();
  });

  it('passes other failures on, with their status', async () => {
    const scope = resolves(github(), 'main', SHA_1)
      .get(`/repos/acme/shop/commits/${SHA_1}/check-runs`)
      .query({ filter: 'all', per_page: '100' })
      .reply(403, anError('Resource not accessible by personal access token'));
    await expect(
      loadCheckRunEvidence(aTestClient(), { owner: 'acme', repo: 'shop', ref: 'main' }),
    ).rejects.toMatchObject({ status: 403 });
    scope.done();
  });
});
