// `gatehouse audit --repo`: the log read through the API, run in-process against nock (network
// disabled, every mocked request asserted made), with GitHub's answers shaped like the real ones.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import type { AuditReport } from '../../src/core/audit/index.ts';
import { answerBlobs, aTree, blobId } from '../github/load-audit-fixtures.ts';
import { github, useNock } from '../support/github-client.ts';
import { aCheckRun, aCheckRunList, anError, example } from '../support/github-fixtures.ts';
import { createLogRecords, createRecordSeries, SHAS } from './audit-log.ts';
import { createIo, createTempDir } from './repository.ts';

useNock();

const TOKEN = 'ghp_audit_test_token';
const TREE = '/repos/acme/shop/git/trees/gatehouse-log';
const ROOT = '7'.repeat(40);

const records = createLogRecords();
const id = (name: string) => records.find((record) => record.name === name)?.record.id ?? name;

async function audit(
  args: string[],
  env: Record<string, string | undefined> = { GITHUB_TOKEN: TOKEN },
  tty = false,
) {
  const io = createIo(createTempDir(), env);
  if (tty) Object.assign(io.stderr, { isTTY: true });
  const code = await run(['audit', '--repo', 'acme/shop', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** The log's tree listing and the GraphQL queries that read `files`. */
function mockLog(scope: nock.Scope, files: { path: string; text: string }[], queries: number): nock.Scope {
  return scope
    .get(TREE)
    .query({ recursive: '1' })
    .matchHeader('authorization', `token ${TOKEN}`)
    .reply(200, aTree(ROOT, [{ path: 'README.md', text: '# Decision log\n' }, ...files]))
    .post('/graphql')
    .times(queries)
    .matchHeader('authorization', `token ${TOKEN}`)
    .reply(answerBlobs(new Map(files.map((file) => [blobId(file.text), file.text]))));
}

const timed = (text: string) => text.replace(/\d+\.\d\d s/g, 'T s');

describe('gatehouse audit --repo', () => {
  it('reads 150 records with one tree listing and two GraphQL queries, and says so with --verbose', async () => {
    const files = createRecordSeries(150);
    const scope = mockLog(github(), files, 2);
    const { code, out, err } = await audit(['--format', 'json', '--verbose']);
    scope.done();
    expect(code).toBe(0);
    const report = JSON.parse(out) as AuditReport;
    expect(report.source).toBe(`acme/shop@gatehouse-log:decisions (tree ${ROOT.slice(0, 12)})`);
    expect(report.totals).toMatchObject({ records: 150, shown: 150, malformed: 0, findings: 0 });
    expect(timed(err)).toBe(
      [
        'gatehouse: read 150 files from acme/shop gatehouse-log in T s with 3 requests (1 tree listing, 2 GraphQL queries)',
        'gatehouse: checked 150 files in T s: 0 integrity findings; rendered json in T s',
        '',
      ].join('\n'),
    );
  });

  it('shows its progress in place on a terminal, and clears it before the summary', async () => {
    const files = createRecordSeries(150);
    const scope = mockLog(github(), files, 2);
    const { code, err } = await audit(['--format', 'csv'], { GH_TOKEN: TOKEN }, true);
    scope.done();
    expect(code).toBe(0);
    expect(timed(err)).toBe(
      [
        '\r\x1b[Kgatehouse: reading acme/shop: 100 records of 150',
        '\r\x1b[Kgatehouse: reading acme/shop: 150 records of 150',
        '\r\x1b[K',
        'gatehouse: read 150 files from acme/shop gatehouse-log in T s with 3 requests (1 tree listing, 2 GraphQL queries)\n',
        'gatehouse: checked 150 files in T s: 0 integrity findings; rendered csv in T s\n',
      ].join(''),
    );
  });

  it('reports tampered and malformed records read through the API like those of a clone', async () => {
    const tampered = {
      path: records[1]?.path ?? '',
      text: (records[1]?.text ?? '').replace(/^decision: rejected$/m, 'decision: approved'),
    };
    const files = [records[0], tampered, { path: 'decisions/2026/02/notes.md', text: '# Notes\n' }].map(
      (file) => ({
        path: file?.path ?? '',
        text: file?.text ?? '',
      }),
    );
    const scope = mockLog(github(), files, 1);
    const { code, out } = await audit(['--format', 'json', '--strict']);
    scope.done();
    expect(code).toBe(1);
    expect((JSON.parse(out) as AuditReport).findings.map((finding) => [finding.code, finding.path])).toEqual([
      ['id_mismatch', records[1]?.path],
      ['malformed', 'decisions/2026/02/notes.md'],
    ]);
  });

  it('says in the report, not on stderr, that without --app the anchors were not checked', async () => {
    const files = [records[0], records[1]].map((file) => ({
      path: file?.path ?? '',
      text: file?.text ?? '',
    }));
    const PROVENANCE =
      "not checked (no --app SLUG): anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG";
    let scope = mockLog(github(), files, 1);
    const json = await audit(['--format', 'json', '--strict']);
    scope.done();
    expect({ code: json.code, err: json.err }).toEqual({ code: 0, err: '' });
    expect((JSON.parse(json.out) as AuditReport).integrity.provenance).toEqual({
      checked: false,
      why: PROVENANCE,
    });
    scope = mockLog(github(), files, 1);
    const markdown = await audit(['--strict']);
    scope.done();
    expect({ code: markdown.code, err: markdown.err }).toEqual({ code: 0, err: '' });
    expect(markdown.out).toContain(`\n- **Provenance:** ${PROVENANCE}.\n`);
  });

  describe('cross-checked with check runs', () => {
    const log = records.map(({ path, text }) => ({ path, text }));

    it('--ref finds a run whose decision the log lacks and a record no run announced', async () => {
      const unknown = 'abcdefabcdefabcdefabcdef';
      const scope = mockLog(github(), log, 1)
        .get('/repos/acme/shop/commits/main')
        .matchHeader('accept', 'application/vnd.github.sha')
        .reply(200, SHAS.production, { 'content-type': 'application/vnd.github.sha; charset=utf-8' })
        .get(`/repos/acme/shop/commits/${SHAS.production}/check-runs`)
        .query({ filter: 'all', per_page: '100' })
        .reply(
          200,
          aCheckRunList([
            aCheckRun({
              id: 501,
              name: 'gatehouse: production',
              headSha: SHAS.production,
              status: 'completed',
              conclusion: 'success',
              externalId: unknown,
              title: 'Approved by alice',
            }),
            aCheckRun({
              id: 502,
              name: 'build',
              headSha: SHAS.production,
              status: 'completed',
              conclusion: 'success',
            }),
          ]),
        );
      const { code, out, err } = await audit(['--ref', 'main', '--format', 'json', '--strict', '--verbose']);
      scope.done();
      expect(code).toBe(1);
      const report = JSON.parse(out) as AuditReport;
      expect(report.integrity.crossCheck).toEqual({ checkRuns: 1, commits: 1 });
      expect(
        report.findings.map((finding) => [finding.code, finding.path, finding.id, finding.checkRunId]),
      ).toEqual([
        ['record_without_check_run', records[2]?.path, id('production'), null],
        ['check_run_without_record', null, unknown, 501],
      ]);
      expect(timed(err)).toContain('gatehouse: read 1 gatehouse check run on 1 commit with 2 requests\n');
      expect(err).toContain('gatehouse: 2 integrity findings (--strict)');
    });

    it('--pr reads the runs of each commit of the pull request: every decision announced, nothing found', async () => {
      const [commit = {}] = example('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits') as Record<
        string,
        unknown
      >[];
      const run = (runId: number, sha: string, name: string, conclusion: string, title: string) =>
        aCheckRun({
          id: runId,
          name,
          headSha: sha,
          status: 'completed',
          conclusion,
          externalId:
            name === 'gatehouse' ? id(title === 'Approved' ? 'migration' : 'rejected-migration') : '',
          title,
        });
      const scope = mockLog(github(), log, 1)
        .get('/repos/acme/shop/pulls/41/commits')
        .query({ per_page: '100' })
        .reply(200, [
          { ...commit, sha: SHAS.migration },
          { ...commit, sha: SHAS.rejectedMigration },
        ])
        .get(`/repos/acme/shop/commits/${SHAS.migration}/check-runs`)
        .query({ filter: 'all', per_page: '100' })
        .reply(200, aCheckRunList([run(601, SHAS.migration, 'gatehouse', 'success', 'Approved')]))
        .get(`/repos/acme/shop/commits/${SHAS.rejectedMigration}/check-runs`)
        .query({ filter: 'all', per_page: '100' })
        .reply(
          200,
          aCheckRunList([run(602, SHAS.rejectedMigration, 'gatehouse', 'failure', 'Rejected by carol')]),
        );
      const { code, out, err } = await audit(['--pr', '41', '--format', 'json', '--strict', '--verbose']);
      scope.done();
      expect(code).toBe(0);
      const report = JSON.parse(out) as AuditReport;
      expect(report.integrity.crossCheck).toEqual({ checkRuns: 2, commits: 2 });
      expect(report.findings).toEqual([]);
      expect(timed(err)).toContain('gatehouse: read 2 gatehouse check runs on 2 commits with 3 requests\n');
    });

    it('--strict names the check run when a run announced the only decision missing from the log', async () => {
      const unknown = 'abcdefabcdefabcdefabcdef';
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(200, aTree(ROOT, [{ path: 'README.md', text: '# Decision log\n' }]))
        .get(`/repos/acme/shop/commits/${SHAS.staging}`)
        .reply(200, SHAS.staging, { 'content-type': 'application/vnd.github.sha; charset=utf-8' })
        .get(`/repos/acme/shop/commits/${SHAS.staging}/check-runs`)
        .query({ filter: 'all', per_page: '100' })
        .reply(
          200,
          aCheckRunList([
            aCheckRun({
              id: 701,
              name: 'gatehouse: staging',
              headSha: SHAS.staging,
              status: 'completed',
              conclusion: 'failure',
              externalId: unknown,
              title: 'Rejected by dave',
            }),
          ]),
        );
      const { code, err } = await audit(['--ref', SHAS.staging, '--strict', '--format', 'json']);
      scope.done();
      expect(code).toBe(1);
      expect(err).toBe(
        `gatehouse: 1 integrity finding (--strict): check run 701: check run 701 (gatehouse: staging, failure on ${SHAS.staging.slice(0, 12)}) announced decision ${unknown}, but the log has no record of it: the record was deleted, or the run was not written by Gatehouse\n`,
      );
    });

    it('says so when the ref does not exist', async () => {
      const scope = mockLog(github(), log, 1)
        .get('/repos/acme/shop/commits/nope')
        .reply(422, anError('No commit found for SHA: nope'));
      expect(await audit(['--ref', 'nope'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: --ref nope: no such branch, tag or commit in acme/shop\n',
      });
      scope.done();
    });

    it('says so when the pull request does not exist', async () => {
      const scope = mockLog(github(), log, 1)
        .get('/repos/acme/shop/pulls/999/commits')
        .query({ per_page: '100' })
        .reply(404, anError('Not Found'));
      expect(await audit(['--pr', '999'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: --pr 999: acme/shop has no such pull request\n',
      });
      scope.done();
    });
  });

  describe('when GitHub says no', () => {
    it('explains a refused token (401)', async () => {
      const scope = github().get(TREE).query({ recursive: '1' }).reply(401, anError('Bad credentials'));
      expect(await audit([])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: GitHub refused the token (401): set GITHUB_TOKEN to a token that can read acme/shop\n',
      });
      scope.done();
    });

    it('waits out a secondary rate limit, saying so on stderr, and goes on', async () => {
      const files = createRecordSeries(1);
      const scope = mockLog(
        github()
          .get(TREE)
          .query({ recursive: '1' })
          .reply(
            403,
            anError(
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            ),
            {
              'retry-after': '1',
            },
          ),
        files,
        1,
      );
      const { code, err } = await audit(['--format', 'json']);
      scope.done();
      expect(code).toBe(0);
      expect(err).toBe(
        'gatehouse: warning: secondary rate limit on GET /repos/{owner}/{repo}/git/trees/{tree_sha}: retry 1 of 2 in 1 s\n',
      );
    });

    it('explains a denied request (403)', async () => {
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(403, anError('Resource not accessible by personal access token'));
      const { code, err } = await audit([]);
      expect({ code, err }).toEqual({
        code: 1,
        err: 'gatehouse: GitHub denied the request (403): HTTP 403: Resource not accessible by personal access token; the token needs read access to the contents (and, for --ref and --pr, the checks) of acme/shop\n',
      });
      scope.done();
    });

    it('says no decisions are recorded yet, and exits 0 even with --strict, when the repository has no gatehouse-log branch', async () => {
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(200, example('GET /repos/{owner}/{repo}'));
      const { code, out, err } = await audit(['--strict', '--format', 'json']);
      scope.done();
      expect({ code, err }).toEqual({
        code: 0,
        err: 'gatehouse: no decisions recorded yet (no gatehouse-log branch in acme/shop)\n',
      });
      expect((JSON.parse(out) as AuditReport).totals).toMatchObject({ records: 0, findings: 0 });
    });

    it('still finds a check run that announced a decision when there is no log branch: it was deleted', async () => {
      const decided = 'abcdefabcdefabcdefabcdef';
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(200, example('GET /repos/{owner}/{repo}'))
        .get('/repos/acme/shop/commits/main')
        .matchHeader('accept', 'application/vnd.github.sha')
        .reply(200, SHAS.production, { 'content-type': 'application/vnd.github.sha; charset=utf-8' })
        .get(`/repos/acme/shop/commits/${SHAS.production}/check-runs`)
        .query({ filter: 'all', per_page: '100' })
        .reply(
          200,
          aCheckRunList([
            aCheckRun({
              id: 501,
              name: 'gatehouse',
              headSha: SHAS.production,
              status: 'completed',
              conclusion: 'success',
              externalId: decided,
              title: 'Approved by alice',
            }),
          ]),
        );
      const { code, out } = await audit(['--ref', 'main', '--strict', '--format', 'json']);
      scope.done();
      expect(code).toBe(1);
      expect((JSON.parse(out) as AuditReport).findings.map((finding) => [finding.code, finding.id])).toEqual([
        ['check_run_without_record', decided],
      ]);
    });

    it('says the repository is not there, or not visible to the token', async () => {
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(404, anError('Not Found'))
        .get('/repos/acme/shop')
        .reply(404, anError('Not Found'));
      expect((await audit([])).err).toBe(
        'gatehouse: acme/shop: no such repository, or the token cannot read it (GitHub answers 404 for both)\n',
      );
      scope.done();
    });

    it('passes on what GraphQL said when a query returns no data', async () => {
      const [record = { path: '', text: '' }] = records;
      const scope = github()
        .get(TREE)
        .query({ recursive: '1' })
        .reply(200, aTree(ROOT, [record]))
        .post('/graphql')
        .reply(200, {
          data: null,
          errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
        });
      expect((await audit([])).err).toBe(
        'gatehouse: reading acme/shop from GitHub failed: GitHub GraphQL did not return the records: Resource not accessible by integration\n',
      );
      scope.done();
    });

    it('asks for a token before sending any request', async () => {
      expect(await audit([], {})).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: --repo reads acme/shop through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read it, or audit a clone with --git DIR\n',
      });
    });
  });

  it('talks to GitHub Enterprise Server when GITHUB_API_URL names it', async () => {
    const files = createRecordSeries(2);
    const scope = nock('https://ghe.example.com')
      .get('/api/v3/repos/acme/shop/git/trees/gatehouse-log')
      .query({ recursive: '1' })
      .reply(200, aTree(ROOT, files))
      .post('/api/graphql')
      .reply(answerBlobs(new Map(files.map((file) => [blobId(file.text), file.text]))));
    const { code, out } = await audit(['--format', 'json'], {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
    });
    scope.done();
    expect(code).toBe(0);
    expect((JSON.parse(out) as AuditReport).totals.records).toBe(2);
  });
});
