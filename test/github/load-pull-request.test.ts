import { describe, expect, it } from 'vitest';
import { loadChangedFiles, loadPullRequest } from '../../src/github/load-pull-request.ts';
import { API, aPlainClient, aTestClient, github, useNock } from '../support/github-client.ts';
import { aChangedFile, anError, aPullRequest, users } from '../support/github-fixtures.ts';

useNock();

const target = { owner: 'acme', repo: 'shop', number: 7 };
const FILES = '/repos/acme/shop/pulls/7/files';

/** Mocks `pages` pages of 100 files (the last one `last` long), linked like GitHub links them. */
function mockFilePages(pages: number, last = 100, advertiseMore = false) {
  const scope = github();
  for (let page = 1; page <= pages; page++) {
    const count = page === pages ? last : 100;
    const files = Array.from({ length: count }, (_, i) => aChangedFile(`src/f${(page - 1) * 100 + i}.ts`));
    const next = page < pages || advertiseMore;
    scope
      .get(FILES)
      .query(page === 1 ? { per_page: 100 } : { per_page: 100, page })
      .reply(200, files, next ? { link: `<${API}${FILES}?per_page=100&page=${page + 1}>; rel="next"` } : {});
  }
  return scope;
}

describe('loadPullRequest', () => {
  it('reads what the gate needs from the API, not from the payload', async () => {
    github()
      .get('/repos/acme/shop/pulls/7')
      .reply(
        200,
        aPullRequest({
          labels: ['db', 'risky'],
          changedFiles: 3,
          requestedReviewers: [users.alice],
          requestedTeams: ['Platform'],
        }),
      );
    const pr = await loadPullRequest(aTestClient(), target);
    expect(pr).toEqual({
      number: 7,
      repository: 'acme/shop',
      open: true,
      merged: false,
      draft: false,
      title: 'Drop the legacy orders.status column',
      body: expect.stringContaining('## Rollback plan'),
      url: 'https://github.com/acme/shop/pull/7',
      author: users.author,
      head: { sha: 'c0ffee0000000000000000000000000000000001', ref: 'drop-status', repository: 'acme/shop' },
      base: { ref: 'main', repository: 'acme/shop', defaultBranch: 'main' },
      labels: ['db', 'risky'],
      changedFiles: 3,
      createdAt: '2026-11-20T09:58:00Z',
      requestedReviewers: ['alice'],
      requestedTeams: ['platform'],
      fromFork: false,
    });
  });

  it('notices a pull request from a fork (S7)', async () => {
    github()
      .get('/repos/acme/shop/pulls/7')
      .reply(200, aPullRequest({ headRepository: 'mallory/shop', body: null }));
    const pr = await loadPullRequest(aTestClient(), target);
    expect(pr).toMatchObject({ fromFork: true, body: '', head: { repository: 'mallory/shop' } });
  });

  it('is undefined for a number that is no pull request', async () => {
    github().get('/repos/acme/shop/pulls/7').reply(404, anError('Not Found'));
    expect(await loadPullRequest(aTestClient(), target)).toBeUndefined();
  });

  it('lets other failures through', async () => {
    github().get('/repos/acme/shop/pulls/7').reply(401, anError('Bad credentials'));
    await expect(loadPullRequest(aTestClient(), target)).rejects.toMatchObject({ status: 401 });
  });
});

describe('loadChangedFiles', () => {
  it('follows the pages, 100 files each (R4)', async () => {
    mockFilePages(3, 50);
    const { files, complete } = await loadChangedFiles(aTestClient(), target, 250);
    expect(files).toHaveLength(250);
    expect(files.at(-1)).toEqual({ path: 'src/f249.ts', status: 'modified' });
    expect(complete).toBe(true);
  });

  it('counts a renamed file under both names', async () => {
    github()
      .get(FILES)
      .query({ per_page: 100 })
      .reply(200, [aChangedFile('archive/001.sql', 'renamed', 'db/migrations/001.sql')]);
    const { files } = await loadChangedFiles(aTestClient(), target, 1);
    expect(files).toEqual([
      { path: 'archive/001.sql', status: 'renamed' },
      { path: 'db/migrations/001.sql', status: 'renamed_from' },
    ]);
  });

  it('stops at GitHub’s cap of 3,000 files and says the list is incomplete', async () => {
    mockFilePages(30, 100, true);
    const { files, complete } = await loadChangedFiles(aPlainClient(), target, 3_500);
    expect(files).toHaveLength(3_000);
    expect(complete).toBe(false);
  });

  it('calls exactly 3,000 files complete when GitHub says there are 3,000', async () => {
    mockFilePages(30);
    expect((await loadChangedFiles(aPlainClient(), target, 3_000)).complete).toBe(true);
  });

  it('calls a list shorter than GitHub’s count incomplete', async () => {
    mockFilePages(1, 10);
    expect((await loadChangedFiles(aTestClient(), target, 11)).complete).toBe(false);
  });
});
