// GitHub's answers to what loadAuditRecords asks (a tree listing, GraphQL blob queries), for the
// API tests of the audit: trees shaped like GitHub's own example, blob ids as git computes them.
import { createHash } from 'node:crypto';
import { example } from '../support/github-fixtures.ts';

export type Json = Record<string, unknown>;

/** The blob id git gives a text: what GitHub lists in a tree. */
export function blobId(text: string): string {
  return createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex');
}

export function treeId(name: string): string {
  return createHash('sha1').update(`tree ${name}`).digest('hex');
}

type Entry = { path: string; text: string } | { path: string; tree: string };

/** GET /repos/{owner}/{repo}/git/trees/{tree_sha}, shaped like GitHub's own example. */
export function aTree(sha: string, entries: Entry[], truncated = false): Json {
  const answer = example(
    'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
    '200',
    'response-recursively-retrieving-a-tree',
  ) as Json;
  const [template = {}] = answer.tree as Json[];
  return {
    ...answer,
    sha,
    url: `https://api.github.com/repos/acme/shop/git/trees/${sha}`,
    truncated,
    tree: entries.map((entry) => {
      const id = 'text' in entry ? blobId(entry.text) : entry.tree;
      return 'text' in entry
        ? {
            ...template,
            path: entry.path,
            sha: id,
            size: Buffer.byteLength(entry.text),
            url: `https://api.github.com/repos/acme/shop/git/blobs/${id}`,
          }
        : {
            path: entry.path,
            mode: '040000',
            type: 'tree',
            sha: id,
            url: `https://api.github.com/repos/acme/shop/git/trees/${id}`,
          };
    }),
  };
}

/** The answer of POST /graphql to the query loadAuditRecords sends: one aliased blob per id. */
export function aBlobsAnswer(body: { query: string }, texts: Map<string, string>, override: Json = {}): Json {
  const repository: Json = {};
  for (const [, alias, id] of body.query.matchAll(/(b\d+): object\(oid: "([0-9a-f]+)"\)/g)) {
    const text = texts.get(id ?? '');
    repository[alias ?? ''] =
      text === undefined ? null : { text, isTruncated: false, isBinary: false, ...override };
  }
  return { data: { repository } };
}

/** A nock reply to POST /graphql with the texts it asks for. */
export function answerBlobs(texts: Map<string, string>, override: Json = {}) {
  return async (request: Request): Promise<[number, Json]> => [
    200,
    aBlobsAnswer((await request.json()) as { query: string }, texts, override),
  ];
}
