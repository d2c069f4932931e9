// A decision log for the audit tests, made by the engine itself: each record is what Gatehouse
// would have written after evaluating a real gate (policy, request, statements) with
// createDecisionRecord and renderDecisionRecord. Plus the files an audit must notice: a record
// edited after it was written, a file that is not a record, and a record filed in the wrong place.
import {
  createDecisionRecord,
  createDecisionRecordPath,
  type DecisionRecord,
  renderDecisionRecord,
} from '../../src/core/decision-record.ts';
import { evaluateGate } from '../../src/core/gate.ts';
import type { Actor, Facts, Request, Statement } from '../../src/core/model.ts';
import { parsePolicy } from '../../src/core/policy.ts';
import type { Decision } from '../../src/core/registry.ts';
import { createExplicitRequest, createPullRequestRequest } from '../../src/core/request.ts';
import { createDecisionLogEntry } from '../../src/github/publish-decision-record.ts';

export const AUDIT_POLICY = `mode: ask
reviewers:
  platform: [alice, dave]
  dba: [bob, carol]
defaults:
  timeout: 24h
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    risk: { reversibility: irreversible, blast_radius: production }
    reviewers: [dba]
    approvals: 2
  - name: production-deploys
    if: { environments: [production] }
    risk: { blast_radius: production }
    reviewers: [platform]
  - name: staging-deploys
    if: { environments: [staging] }
    risk: { external: true }
    reviewers: [platform]
environments:
  production: { reviewers: [platform] }
  staging: { reviewers: [platform] }
`;

export const people = {
  agent: { id: 100, login: 'agent-author', type: 'Bot' },
  alice: { id: 1, login: 'alice', type: 'User' },
  bob: { id: 2, login: 'bob', type: 'User' },
  carol: { id: 3, login: 'carol', type: 'User' },
  dave: { id: 4, login: 'dave', type: 'User' },
} satisfies Record<string, Actor>;

export interface LogRecord {
  /** What the test calls it. */
  name: string;
  record: DecisionRecord;
  path: string;
  text: string;
}

const policy = (() => {
  const parsed = parsePolicy(AUDIT_POLICY, { file: '.github/gatehouse.yml' });
  if (!parsed.ok) throw new Error(`AUDIT_POLICY is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.policy;
})();

function comment(id: number, author: Actor, body: string, at: string): Statement {
  return { source: 'comment', id: `c${id}`, author, body, createdAt: at, updatedAt: at };
}

function decide(
  name: string,
  request: Request,
  statements: Statement[],
  times: { requestedAt: string; decidedAt: string },
  expected: Decision,
  webUrl = 'https://github.com',
): LogRecord {
  const facts: Facts = {
    // The commit was pushed ten minutes before the request, well outside the push guard.
    head: {
      sha: request.subject.sha,
      since: new Date(Date.parse(times.requestedAt) - 600_000).toISOString(),
    },
    statements,
    permissions: { 1: 'write', 2: 'write', 3: 'maintain', 4: 'admin', 100: 'write' },
    teams: {},
    selfIds: [],
    history: [],
    requestedAt: times.requestedAt,
  };
  const result = evaluateGate(policy, request, facts, times.decidedAt);
  if (result.state !== expected) throw new Error(`${name}: expected ${expected}, got ${result.state}`);
  const record = createDecisionRecord(request, result, {
    ...times,
    links: { check_run: `${webUrl}/acme/shop/runs/${1000 + statements.length}` },
  });
  return {
    name,
    record,
    path: createDecisionRecordPath(record, 'decisions'),
    text: renderDecisionRecord(record),
  };
}

function pullRequest(number: number, sha: string, title: string, paths: string[]): Request {
  const request = createPullRequestRequest(
    {
      repository: 'acme/shop',
      number,
      title,
      body: '## Rollback Plan\n\nRevert the pull request and run the down migration.',
      author: people.agent,
      headSha: sha,
      baseRef: 'main',
      labels: [],
      files: { paths, complete: true },
    },
    [],
  );
  request.kind = 'migration';
  return request;
}

function deployment(environment: string, sha: string, release: string): Request {
  const request = createExplicitRequest({
    repository: 'acme/shop',
    sha,
    targetBranch: 'main',
    environment,
    rollback: 'Redeploy the previous release.',
    requester: people.agent,
  });
  // A deploy job's request: the gate stays a deployment, and the action says what is deployed.
  request.action = { text: `Deploy ${release} to ${environment}` };
  return request;
}

export const SHAS = {
  migration: '1111111111111111111111111111111111111111',
  rejectedMigration: '2222222222222222222222222222222222222222',
  production: '3333333333333333333333333333333333333333',
  staging: '4444444444444444444444444444444444444444',
  quickStaging: '5555555555555555555555555555555555555555',
} as const;

/**
 * Five decisions, by the engine, oldest first:
 * - `migration`: PR #41 approved by bob and carol (rule migrations), January;
 * - `rejected-migration`: PR #42 rejected by carol, February;
 * - `production`: a production deployment approved by alice, February;
 * - `staging-expired`: a staging deployment nobody answered, expired, February;
 * - `staging-quick`: a staging deployment dave approved 20 seconds after it was asked, March.
 */
export function createLogRecords(): LogRecord[] {
  return [
    decide(
      'migration',
      pullRequest(41, SHAS.migration, 'Add users.email_verified', ['db/migrations/002.sql']),
      [
        comment(1, people.bob, '/approve', '2026-01-20T10:00:00Z'),
        comment(2, people.carol, '/approve', '2026-01-20T10:30:00Z'),
      ],
      { requestedAt: '2026-01-20T09:00:00Z', decidedAt: '2026-01-20T10:30:00Z' },
      'approved',
    ),
    decide(
      'rejected-migration',
      pullRequest(42, SHAS.rejectedMigration, 'Drop the orders table', ['db/migrations/003.sql']),
      [comment(3, people.carol, '/reject the table is still read by billing', '2026-02-03T11:00:00Z')],
      { requestedAt: '2026-02-03T09:00:00Z', decidedAt: '2026-02-03T11:00:00Z' },
      'rejected',
    ),
    decide(
      'production',
      deployment('production', SHAS.production, 'v2.3.0'),
      [comment(4, people.alice, '/approve', '2026-02-10T15:00:00Z')],
      { requestedAt: '2026-02-10T14:00:00Z', decidedAt: '2026-02-10T15:00:00Z' },
      'approved',
    ),
    decide(
      'staging-expired',
      deployment('staging', SHAS.staging, 'v2.4.0-rc.1'),
      [],
      { requestedAt: '2026-02-20T08:00:00Z', decidedAt: '2026-02-21T08:00:01Z' },
      'expired',
    ),
    decide(
      'staging-quick',
      deployment('staging', SHAS.quickStaging, 'v2.4.0'),
      [comment(5, people.dave, '/approve', '2026-03-01T09:00:20Z')],
      { requestedAt: '2026-03-01T09:00:00Z', decidedAt: '2026-03-01T09:00:20Z' },
      'approved',
    ),
  ];
}

/**
 * A migration approved by bob and carol on the GitHub at `webUrl` (an Enterprise Server), as the
 * App's log writer files it: its pull request and check run linked there.
 */
export function createRecordAt(webUrl: string, sha: string): { path: string; text: string } {
  const request = pullRequest(43, sha, 'Add orders.shipped_at', ['db/migrations/004.sql']);
  request.subject.url = `${webUrl}/acme/shop/pull/43`;
  const { record } = decide(
    `migration at ${webUrl}`,
    request,
    [
      comment(6, people.bob, '/approve', '2026-02-12T10:00:00Z'),
      comment(7, people.carol, '/approve', '2026-02-12T10:30:00Z'),
    ],
    { requestedAt: '2026-02-12T09:00:00Z', decidedAt: '2026-02-12T10:30:00Z' },
    'approved',
    webUrl,
  );
  const entry = createDecisionLogEntry(
    { owner: 'acme', repo: 'shop' },
    record,
    { branch: 'gatehouse-log', path: 'decisions' },
    'main',
  );
  return { path: entry.path, text: entry.content };
}

/**
 * The rejected migration, edited after it was written to say it was approved: the front matter
 * only, as someone with push access to the log branch might do it.
 */
export function createTamperedRecord(original: LogRecord): { path: string; text: string } {
  const text = original.text.replace(/^decision: rejected$/m, 'decision: approved');
  if (text === original.text) throw new Error('the tampering did not change the record');
  return { path: original.path, text };
}

/** A file in the log that is not a decision record. */
export const MALFORMED = {
  path: 'decisions/2026/02/notes.md',
  text: '# Notes\n\nSomeone kept notes in the decision log.\n',
};

/** A valid record filed under a month it was not decided in: moved, or its time edited. */
export function createMisplacedRecord(original: LogRecord): { path: string; text: string } {
  const path = original.path.replace(/\/\d{4}\/\d{2}\//, '/2025/12/');
  if (path === original.path) throw new Error('the record did not move');
  return { path, text: original.text };
}

/**
 * `count` production deployments, each of its own commit, approved by alice an hour after the
 * request: a log long enough to need several GraphQL queries.
 */
export function createRecordSeries(count: number): { path: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const sha = `${(0xa0000000 + i).toString(16)}${'0'.repeat(32)}`;
    const day = new Date(Date.parse('2025-06-01T00:00:00Z') + i * 86_400_000);
    const requestedAt = day.toISOString().replace('.000Z', 'Z');
    const decidedAt = new Date(day.getTime() + 3_600_000).toISOString().replace('.000Z', 'Z');
    const { path, text } = decide(
      `series ${i}`,
      deployment('production', sha, `v1.${i}.0`),
      [comment(1000 + i, people.alice, '/approve', decidedAt)],
      { requestedAt, decidedAt },
      'approved',
    );
    return { path, text };
  });
}

/** Every file of the test log: the five decisions as written, and the three an audit must notice. */
export function createAuditFiles(
  records: LogRecord[] = createLogRecords(),
): { path: string; text: string }[] {
  const byName = (name: string) => {
    const found = records.find((record) => record.name === name);
    if (found === undefined) throw new Error(`no record ${name}`);
    return found;
  };
  return [
    byName('migration'),
    createTamperedRecord(byName('rejected-migration')),
    byName('production'),
    createMisplacedRecord(byName('staging-expired')),
    byName('staging-quick'),
    MALFORMED,
  ].map(({ path, text }) => ({ path, text }));
}
