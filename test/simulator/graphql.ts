// The GraphQL queries Gatehouse sends, answered from the simulator's state as GitHub answers them:
// a pull request's description edit time (load-head-history.ts) and blobs' texts by object id
// (load-audit-records.ts). Any other query is refused, so a new one cannot pass unnoticed.
import { anError } from '../support/github-fixtures.ts';
import { answerCheckSuites } from './graphql-check-suites.ts';

type Json = Record<string, unknown>;
type Answer = [number, unknown, Record<string, string>?];

/** GitHub's limit on a blob's `text` in GraphQL: longer texts come back truncated. */
const BLOB_TEXT_LIMIT = 512 * 1024;

export function answerGraphql(
  body: Json,
  blobs: ReadonlyMap<string, string>,
  checks: { runs: readonly Json[]; commits: ReadonlySet<string> } = { runs: [], commits: new Set() },
): Answer {
  const query = typeof body.query === 'string' ? body.query : '';
  const suites = answerCheckSuites(query, checks.runs, checks.commits);
  if (suites !== undefined) return suites;
  // No description edits in these scenarios (GitHub answers null for an unedited one).
  if (query.includes('lastEditedAt'))
    return [200, { data: { repository: { pullRequest: { lastEditedAt: null } } } }];
  const objects = [
    ...query.matchAll(
      /(\w+):\s*object\(oid:\s*"([0-9a-f]{40})"\)\s*\{\s*\.\.\.\s*on Blob\s*\{\s*text isTruncated isBinary\s*\}\s*\}/g,
    ),
  ];
  if (objects.length > 0) {
    const repository: Json = {};
    for (const [, alias = '', oid = ''] of objects) {
      const text = blobs.get(oid);
      repository[alias] =
        text === undefined
          ? null
          : {
              text: text.length > BLOB_TEXT_LIMIT ? text.slice(0, BLOB_TEXT_LIMIT) : text,
              isTruncated: text.length > BLOB_TEXT_LIMIT,
              isBinary: false,
            };
    }
    return [200, { data: { repository } }];
  }
  return [400, anError('Unsupported query')];
}
