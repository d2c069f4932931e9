import { describe, expect, it } from 'vitest';
import { loadAuditRecords } from '../../src/github/load-audit-records.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { anError, example } from '../support/github-fixtures.ts';
import { aBlobsAnswer, answerBlobs, aTree, blobId, type Json, treeId } from './load-audit-fixtures.ts';

useNock();

const LOG = { owner: 'acme', repo: 'shop', branch: 'gatehouse-log', path: 'decisions' };
const TREES = '/repos/acme/shop/git/trees';

function records(count: number): { path: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `decisions/2026/${String((i % 12) + 1).padStart(2, '0')}/${String(i).padStart(24, '0')}.md`,
    text: `---\nschema: 1\nid: ${String(i).padStart(24, '0')}\n---\n`,
  }));
}

describe('loading the decision log through the API', () => {
  it('lists the tree once and reads 150 records in two GraphQL queries of at most 100 blobs', async () => {
    const files = records(150);
    const texts = new Map(files.map((file) => [blobId(file.text), file.text]));
    const queries: { query: string; variables: unknown }[] = [];
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(
        200,
        aTree('a'.repeat(40), [
          { path: 'README.md', text: '# log\n' },
          { path: 'decisions', tree: treeId('d') },
          ...files,
        ]),
      )
      .post('/graphql')
      .times(2)
      .reply(async (request: Request) => {
        const body = (await request.json()) as { query: string; variables: unknown };
        queries.push(body);
        return [200, aBlobsAnswer(body, texts)];
      });
    const progress: [number, number][] = [];
    const loaded = await loadAuditRecords(aTestClient(), LOG, {
      onProgress: (read, total) => progress.push([read, total]),
    });
    scope.done();
    expect(loaded.state).toBe('read');
    if (loaded.state !== 'read') return;
    expect(loaded.tree).toBe('a'.repeat(40));
    expect(loaded.files).toEqual(files);
    expect(queries.map((query) => query.query.match(/object\(oid:/g)?.length)).toEqual([100, 50]);
    expect(queries[0]?.variables).toEqual({ owner: 'acme', name: 'shop' });
    expect(progress).toEqual([
      [100, 150],
      [150, 150],
    ]);
  });

  it('reads a text that appears under two paths once, and gives it to both', async () => {
    const [record = { path: '', text: '' }] = records(1);
    const copy = { path: 'decisions/2025/12/copy.md', text: record.text };
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(200, aTree('b'.repeat(40), [record, copy]))
      .post('/graphql', (body: { query: string }) => body.query.match(/object\(oid:/g)?.length === 1)
      .reply(answerBlobs(new Map([[blobId(record.text), record.text]])));
    const loaded = await loadAuditRecords(aTestClient(), LOG);
    scope.done();
    expect(loaded).toEqual({ state: 'read', tree: 'b'.repeat(40), files: [record, copy] });
  });

  it('reads only the files under the log path', async () => {
    const inside = { path: 'audit/decisions/2026/01/a.md', text: 'a' };
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(
        200,
        aTree('c'.repeat(40), [
          { path: 'audit/decisions-old/x.md', text: 'x' },
          { path: 'decisions/2026/01/b.md', text: 'b' },
          inside,
        ]),
      )
      .post('/graphql')
      .reply(answerBlobs(new Map([[blobId('a'), 'a']])));
    const loaded = await loadAuditRecords(aTestClient(), { ...LOG, path: '/audit/decisions/' });
    scope.done();
    expect(loaded.state === 'read' && loaded.files).toEqual([inside]);
  });

  it('makes no GraphQL query when the log folder is empty', async () => {
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(200, aTree('d'.repeat(40), [{ path: 'README.md', text: 'hi' }]));
    expect(await loadAuditRecords(aTestClient(), LOG)).toEqual({
      state: 'read',
      tree: 'd'.repeat(40),
      files: [],
    });
    scope.done();
  });

  it('lists the log folder by folder when GitHub truncates the recursive listing', async () => {
    const root = 'e'.repeat(40);
    const decisions = treeId('decisions');
    const year = treeId('2026');
    const january = { path: 'decisions/2026/01/a.md', text: 'january' };
    const february = { path: 'decisions/2026/02/b.md', text: 'february' };
    const stray = { path: 'decisions/stray.md', text: 'stray' };
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(200, aTree(root, [{ path: 'decisions', tree: decisions }], true))
      // The root, one level: where the log folder is.
      .get(`${TREES}/${root}`)
      .reply(
        200,
        aTree(root, [
          { path: 'README.md', text: 'hi' },
          { path: 'decisions', tree: decisions },
        ]),
      )
      // The log folder, recursively: still too large.
      .get(`${TREES}/${decisions}`)
      .query({ recursive: '1' })
      .reply(200, aTree(decisions, [], true))
      .get(`${TREES}/${decisions}`)
      .reply(
        200,
        aTree(decisions, [
          { path: '2026', tree: year },
          { path: 'stray.md', text: stray.text },
        ]),
      )
      // A year, recursively: small enough.
      .get(`${TREES}/${year}`)
      .query({ recursive: '1' })
      .reply(
        200,
        aTree(year, [
          { path: '01', tree: treeId('01') },
          { path: '01/a.md', text: january.text },
          { path: '02', tree: treeId('02') },
          { path: '02/b.md', text: february.text },
        ]),
      )
      .post('/graphql')
      .reply(answerBlobs(new Map([january, february, stray].map((f) => [blobId(f.text), f.text]))));
    const loaded = await loadAuditRecords(aTestClient(), LOG);
    scope.done();
    expect(loaded.state === 'read' && loaded.files).toEqual([stray, january, february]);
  });

  it('finds nothing when a truncated tree has no log folder', async () => {
    const root = 'f'.repeat(40);
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(200, aTree(root, [], true))
      .get(`${TREES}/${root}`)
      .reply(200, aTree(root, [{ path: 'README.md', text: 'hi' }]));
    expect(await loadAuditRecords(aTestClient(), LOG)).toEqual({ state: 'read', tree: root, files: [] });
    scope.done();
  });

  it('reads a blob GraphQL does not inline (binary or too large) through REST', async () => {
    const big = { path: 'decisions/2026/01/big.md', text: `---\n${'x'.repeat(100)}\n` };
    const sha = blobId(big.text);
    const blob = example('GET /repos/{owner}/{repo}/git/blobs/{file_sha}') as Json;
    const scope = github()
      .get(`${TREES}/gatehouse-log`)
      .query({ recursive: '1' })
      .reply(200, aTree('1'.repeat(40), [big]))
      .post('/graphql')
      .reply(answerBlobs(new Map([[sha, big.text.slice(0, 10)]]), { isTruncated: true }))
      .get(`/repos/acme/shop/git/blobs/${sha}`)
      .reply(200, {
        ...blob,
        sha,
        size: big.text.length,
        encoding: 'base64',
        content: Buffer.from(big.text).toString('base64'),
      });
    const loaded = await loadAuditRecords(aTestClient(), LOG);
    scope.done();
    expect(loaded.state === 'read' && loaded.files).toEqual([big]);
  });

  describe('when the log cannot be listed', () => {
    it('says no_branch when the repository exists but the branch does not', async () => {
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(200, example('GET /repos/{owner}/{repo}'));
      expect(await loadAuditRecords(aTestClient(), LOG)).toEqual({ state: 'no_branch' });
      scope.done();
    });

    it('passes a refused repository lookup on, with its status', async () => {
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(403, anError('Resource not accessible by personal access token'));
      await expect(loadAuditRecords(aTestClient(), LOG)).rejects.toMatchObject({ status: 403 });
      scope.done();
    });

    it('says no_branch for an empty repository', async () => {
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(409, anError('Git Repository is empty.'));
      expect(await loadAuditRecords(aTestClient(), LOG)).toEqual({ state: 'no_branch' });
      scope.done();
    });

    it('says no_repository when GitHub does not show the repository either', async () => {
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(404, anError('Not Found'));
      expect(await loadAuditRecords(aTestClient(), LOG)).toEqual({ state: 'no_repository' });
      scope.done();
    });

    it('passes a refused token on as the request error, with its status', async () => {
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(401, anError('Bad credentials'));
      await expect(loadAuditRecords(aTestClient(), LOG)).rejects.toMatchObject({ status: 401 });
      scope.done();
    });

    it('fails with GraphQL’s own words when a query returns no data', async () => {
      const [record = { path: '', text: '' }] = records(1);
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(200, aTree('2'.repeat(40), [record]))
        .post('/graphql')
        .reply(200, {
          data: { repository: null },
          errors: [
            {
              type: 'NOT_FOUND',
              path: ['repository'],
              locations: [{ line: 1, column: 50 }],
              message: "Could not resolve to a Repository with the name 'acme/shop'.",
            },
          ],
        });
      await expect(loadAuditRecords(aTestClient(), LOG)).rejects.toThrow(
        "GitHub GraphQL did not return the records: Could not resolve to a Repository with the name 'acme/shop'.",
      );
      scope.done();
    });

    it('fails when GitHub has no blob the tree listed', async () => {
      const [record = { path: '', text: '' }] = records(1);
      const scope = github()
        .get(`${TREES}/gatehouse-log`)
        .query({ recursive: '1' })
        .reply(200, aTree('3'.repeat(40), [record]))
        .post('/graphql')
        .reply(answerBlobs(new Map()));
      await expect(loadAuditRecords(aTestClient(), LOG)).rejects.toThrow(
        `GitHub has no blob ${blobId(record.text)}, which the tree lists`,
      );
      scope.done();
    });
  });
});
