import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import type { AuditReport } from '../../src/core/audit/index.ts';
import { createAuditFiles, createLogRecords, createRecordAt, MALFORMED } from './audit-log.ts';
import {
  commitOrphanBranch,
  createIo,
  createRepository,
  createTempDir,
  removeAll,
  type TestRepository,
} from './repository.ts';

afterAll(removeAll);

const records = createLogRecords();
const id = (name: string) => records.find((record) => record.name === name)?.record.id ?? name;

/** A clone whose gatehouse-log branch holds `files`, and a main branch with one commit. */
function createLogRepository(files = createAuditFiles(records), branch = 'gatehouse-log'): TestRepository {
  const repo = createRepository();
  repo.write('README.md', '# shop\n');
  repo.commit('Initial commit');
  commitOrphanBranch(repo, branch, files);
  return repo;
}

/** The working tree's top level as git spells it (the report names it). */
function topLevel(repo: TestRepository): string {
  return repo.git(['rev-parse', '--show-toplevel']).trim();
}

async function audit(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {},
) {
  const io = createIo(options.cwd ?? shared.dir, options.env ?? shared.env);
  if (options.tty) Object.assign(io.stderr, { isTTY: true });
  const code = await run(['audit', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** What stderr says about the log's file that is not a record, whatever the format. */
const MALFORMED_WARNING = (path = MALFORMED.path) =>
  `gatehouse: warning: ${path}: not a readable decision record: expected the file to start with a \`---\` line (YAML front matter); the other records still count\n`;

async function auditJson(
  args: string[],
  options: Parameters<typeof audit>[1] & { err?: string } = {},
): Promise<AuditReport> {
  const { code, out, err } = await audit([...args, '--format', 'json'], options);
  expect({ code, err }).toEqual({ code: 0, err: options.err ?? MALFORMED_WARNING() });
  return JSON.parse(out) as AuditReport;
}

const shared = createLogRepository();

describe('gatehouse audit', () => {
  describe('of a clone whose log has five decisions, a tampered record, a misplaced one and a file that is not a record', () => {
    it('prints the Markdown report: the decisions, every integrity finding and the calibration', async () => {
      const { code, out, err } = await audit([]);
      expect({ code, err }).toEqual({ code: 0, err: MALFORMED_WARNING() });
      const tip = shared.git(['rev-parse', 'gatehouse-log']).slice(0, 12);
      expect(out.replaceAll(topLevel(shared), '<clone>').replace(tip, '<tip>')).toMatchInlineSnapshot(`
        "# Gatehouse audit

        - **Decisions:** 5 decisions: 4 approved, 1 expired.
        - **Integrity:** **3 integrity findings over all 6 files read, whatever the filters**.
        - **Check runs:** not compared with check runs (needs --repo with --ref or --pr).
        - **Provenance:** offline: 6 log commits checked for rewritten records; anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG.
        - **Rubber stamps:** 1 approval faster than the request could be read.
        - **Filters:** none.
        - **Source:** \`gatehouse-log@<tip>:decisions in <clone>\`, audited at 2026-03-02T12:00:00.000Z.

        ## Integrity

        Checked over every record read, whatever the filters.

        | finding | file | message |
        | --- | --- | --- |
        | path_mismatch | \`decisions/2025/12/da32a4e39ca9cfc79475ad7c.md\` | a record with id da32a4e39ca9cfc79475ad7c decided at 2026\\-02\\-21T08:00:01Z is filed as …/2026/02/da32a4e39ca9cfc79475ad7c.md, not here: it was moved, renamed or its time changed |
        | id_mismatch | \`decisions/2026/02/465fbbc145a598266dee55c8.md\` | the id does not match what the record says \\(repository, gate, commit, request, decision: approved\\); it was changed after Gatehouse wrote it, or written by something else \\(expected id a53428ea75525800b06ccc5c\\) |
        | malformed | \`decisions/2026/02/notes.md\` | not a readable decision record: expected the file to start with a \\\`\\-\\-\\-\\\` line \\(YAML front matter\\) |

        - \`path_mismatch\`: the record is not filed where its id and decision time put it: moved, renamed or re-dated.
        - \`id_mismatch\`: the record no longer matches its id: it was edited after Gatehouse wrote it.
        - \`malformed\`: a file on the log branch that is not a valid decision record; the other records still count.

        ## Executions

        ### What ran, and what was approved and never ran

        Nothing is recorded as run in this log: the App records merges of gated pull requests, completed deployments of gated environments and agents' reports of approved requests from this version on (the Action and the CLI do not), so neither question is answered here.

        ## Calibration

        ### Approval latency by rule

        From the request to the decision, for decisions a person made (approved, delayed, rejected, changes requested). Rubber stamps are counted over the approvals of approve-tier gates.

        | rule | decisions | timed | median | p90 | approvals | rubber stamps |
        | --- | --- | --- | --- | --- | --- | --- |
        | \`migrations\` | 2 | 2 | 1h45m | 2h | 2 | 0 |
        | \`staging-deploys\` | 2 | 1 | 20s | 20s | 1 | 1 |
        | \`production-deploys\` | 1 | 1 | 1h | 1h | 1 | 0 |

        ### Approval latency by environment

        | environment | decisions | timed | median | p90 |
        | --- | --- | --- | --- | --- |
        | \`staging\` | 2 | 1 | 20s | 20s |
        | (none: pull request or request gates) | 2 | 2 | 1h45m | 2h |
        | \`production\` | 1 | 1 | 1h | 1h |

        ### Rubber stamps

        Approvals given sooner after the request than max(1m, 20s per changed file): faster than a person could have read it.

        | approver | approved at | after | threshold | changed files | rules | record |
        | --- | --- | --- | --- | --- | --- | --- |
        | \`dave\` | 2026-03-01T09:00:20Z | 20s | 1m | 0 | \`staging-deploys\` | \`e714950403f813b308575b65\` |

        ### Always approved

        None.

        ### Often expired, escalated or bypassed

        None.

        ### First-time and routine decisions

        First-time: a rule or the kind of the decision had not passed before in this repository (by the whole log, as precedent is computed).

        | precedent | decisions | timed | median | p90 | rejected or sent back | rubber stamps |
        | --- | --- | --- | --- | --- | --- | --- |
        | first time | 4 | 3 | 1h | 1h30m | 0 | 1 |
        | routine | 1 | 1 | 2h | 2h | 0 | 0 |

        ### By reviewer

        Latency here is from the request to that person’s own approval, rejection or request for changes.

        | reviewer | id | approvals | rejections | changes requested | median | p90 | rubber stamps |
        | --- | --- | --- | --- | --- | --- | --- | --- |
        | \`carol\` | 3 | 1 | 1 | 0 | 1h45m | 2h | 0 |
        | \`alice\` | 1 | 1 | 0 | 0 | 1h | 1h | 0 |
        | \`bob\` | 2 | 1 | 0 | 0 | 1h | 1h | 0 |
        | \`dave\` | 4 | 1 | 0 | 0 | 20s | 20s | 1 |

        ### Decisions over time

        Per ISO week (Monday to Sunday, UTC). 1 week without a decision is left out: 2026-W05.

        | week | from | total | approved | expired |
        | --- | --- | --- | --- | --- |
        | 2026-W04 | 2026-01-19 | 1 | 1 | 0 |
        | 2026-W06 | 2026-02-02 | 1 | 1 | 0 |
        | 2026-W07 | 2026-02-09 | 1 | 1 | 0 |
        | 2026-W08 | 2026-02-16 | 1 | 0 | 1 |
        | 2026-W09 | 2026-02-23 | 1 | 1 | 0 |

        ## Decisions

        | decided at | decision | gate | commit | PR | rules | decided by | latency | action | reason | id |
        | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
        | 2026-01-20T10:30:00Z | approved | \`gatehouse\` | \`111111111111\` | #41 | \`migrations\` | \`bob\`, \`carol\` | 1h30m | Add users.email\\_verified | – | \`f4e757dab10d089dfbf63396\` |
        | 2026-02-03T11:00:00Z | approved ⚠ id_mismatch | \`gatehouse\` | \`222222222222\` | #42 | \`migrations\` | \`carol\` (rejected) | 2h | Drop the orders table | the table is still read by billing | \`465fbbc145a598266dee55c8\` |
        | 2026-02-10T15:00:00Z | approved | \`gatehouse: production\` | \`333333333333\` | – | \`production-deploys\` | \`alice\` | 1h | Deploy v2.3.0 to production | – | \`39366abffd76b16f20d1de47\` |
        | 2026-02-21T08:00:01Z | expired ⚠ path_mismatch | \`gatehouse: staging\` | \`444444444444\` | – | \`staging-deploys\` | – | – | Deploy v2.4.0\\-rc.1 to staging | staging\\-deploys: no decision within 1d | \`da32a4e39ca9cfc79475ad7c\` |
        | 2026-03-01T09:00:20Z | approved | \`gatehouse: staging\` | \`555555555555\` | – | \`staging-deploys\` | \`dave\` | 20s | Deploy v2.4.0 to staging | – | \`e714950403f813b308575b65\` |
        "
      `);
    });

    it('prints the JSON report: the records that count, oldest first, and every finding with its file', async () => {
      const report = await auditJson([]);
      expect(report).toMatchObject({
        version: 1,
        source: `gatehouse-log@${shared.git(['rev-parse', 'gatehouse-log']).slice(0, 12)}:decisions in ${topLevel(shared)}`,
        generatedAt: '2026-03-02T12:00:00.000Z',
        filters: {},
        integrity: { scope: 'all_records', files: 6, crossCheck: null },
        totals: { records: 5, shown: 5, malformed: 1, findings: 3 },
      });
      expect(report.records.map((row) => [row.id, row.decision, row.findings])).toEqual([
        [id('migration'), 'approved', []],
        [id('rejected-migration'), 'approved', ['id_mismatch']],
        [id('production'), 'approved', []],
        [id('staging-expired'), 'expired', ['path_mismatch']],
        [id('staging-quick'), 'approved', []],
      ]);
      expect(report.findings.map((finding) => [finding.code, finding.path])).toEqual([
        ['path_mismatch', `decisions/2025/12/${id('staging-expired')}.md`],
        ['id_mismatch', `decisions/2026/02/${id('rejected-migration')}.md`],
        ['malformed', MALFORMED.path],
      ]);
    });

    it('prints CSV: one header line and one line per decision, CRLF-separated', async () => {
      const { code, out } = await audit(['--format', 'csv']);
      expect(code).toBe(0);
      const lines = out.split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe(
        'id,decided_at,requested_at,decision,gate,gate_kind,environment,repository,sha,pull_request,action,kind,missing,tier,level,rules,approvers,rejected_by,modified_by,latency_seconds,changed_files,precedent,option,reason,findings,path,commit',
      );
      expect(lines.slice(1, -1).map((line) => line.split(',').slice(0, 4))).toEqual([
        [id('migration'), '2026-01-20T10:30:00Z', '2026-01-20T09:00:00Z', 'approved'],
        [id('rejected-migration'), '2026-02-03T11:00:00Z', '2026-02-03T09:00:00Z', 'approved'],
        [id('production'), '2026-02-10T15:00:00Z', '2026-02-10T14:00:00Z', 'approved'],
        [id('staging-expired'), '2026-02-21T08:00:01Z', '2026-02-20T08:00:00Z', 'expired'],
        [id('staging-quick'), '2026-03-01T09:00:20Z', '2026-03-01T09:00:00Z', 'approved'],
      ]);
      expect(lines[1]).toContain(
        ',gatehouse,pull_request,,acme/shop,1111111111111111111111111111111111111111,41,',
      );
    });

    it('prints one HTML page with its charts as inline SVG and no script at all', async () => {
      const { code, out } = await audit(['--format', 'html']);
      expect(code).toBe(0);
      expect(out).toMatch(/^<!DOCTYPE html>/i);
      expect(out).toContain('<svg');
      expect(out).toContain(id('rejected-migration'));
      expect(out).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    });

    it('reads the clone named by --git from any folder', async () => {
      const report = await auditJson(['--git', shared.dir], { cwd: createTempDir() });
      expect(report.totals.records).toBe(5);
    });
  });

  describe('filters', () => {
    it.each([
      { args: ['--since', '2026-02-10'], shown: ['production', 'staging-expired', 'staging-quick'] },
      { args: ['--until', '2026-02-03'], shown: ['migration', 'rejected-migration'] },
      { args: ['--since', '2026-02-03', '--until', '2026-02-03'], shown: ['rejected-migration'] },
      {
        args: ['--since', '2026-02-10T15:00:00Z'],
        shown: ['production', 'staging-expired', 'staging-quick'],
      },
      {
        args: ['--until', '2026-02-10T16:00:00+01:00'],
        shown: ['migration', 'rejected-migration', 'production'],
      },
      { args: ['--gate', 'gatehouse: staging'], shown: ['staging-expired', 'staging-quick'] },
      { args: ['--gate', 'pull_request'], shown: ['migration', 'rejected-migration'] },
      { args: ['--environment', 'production'], shown: ['production'] },
      { args: ['--decision', 'expired'], shown: ['staging-expired'] },
      { args: ['--approver', '@Carol'], shown: ['migration'] },
      { args: ['--rule', 'staging-*'], shown: ['staging-expired', 'staging-quick'] },
      { args: ['--rule', 'migrations', '--approver', 'dave'], shown: [] },
    ])('$args shows $shown, and still reports every finding', async ({ args, shown }) => {
      const report = await auditJson(args);
      expect(report.records.map((row) => row.id)).toEqual(shown.map(id));
      expect(report.totals).toMatchObject({ records: 5, shown: shown.length, findings: 3 });
    });

    it('puts the filters, as given, into the report', async () => {
      const report = await auditJson([
        '--since',
        '2026-02-01',
        '--decision',
        'approved',
        '--gate',
        'gatehouse',
      ]);
      expect(report.filters).toEqual({
        since: '2026-02-01T00:00:00.000Z',
        gate: 'gatehouse',
        decision: 'approved',
      });
    });
  });

  describe('--strict', () => {
    it('exits 1 when there is any integrity finding, naming the first on stderr', async () => {
      const { code, out, err } = await audit(['--strict', '--decision', 'rejected']);
      expect(code).toBe(1);
      expect(out).toContain('# Gatehouse audit');
      expect(err).toBe(
        `${MALFORMED_WARNING()}gatehouse: 3 integrity findings (--strict): decisions/2025/12/${id('staging-expired')}.md: a record with id ${id('staging-expired')} decided at 2026-02-21T08:00:01Z is filed as …/2026/02/${id('staging-expired')}.md, not here: it was moved, renamed or its time changed, …\n`,
      );
    });

    it('exits 0 when every record can be trusted', async () => {
      const clean = createLogRepository(records.map(({ path, text }) => ({ path, text })));
      const { code, err } = await audit(['--strict'], { cwd: clean.dir, env: clean.env });
      expect({ code, err }).toEqual({ code: 0, err: '' });
    });
  });

  describe('--rubber-stamp-seconds-per-file', () => {
    it('judges approvals against the threshold given: two hours a file makes the migration approvals rubber stamps', async () => {
      const before = await auditJson([]);
      const after = await auditJson(['--rubber-stamp-seconds-per-file', '7200']);
      expect(before.calibration.rubberStamps.map((stamp) => stamp.login)).toEqual(['dave']);
      expect(after.calibration.thresholds.rubberStamp).toEqual({ secondsPerFile: 7200, minimumSeconds: 60 });
      expect(after.calibration.rubberStamps.map((stamp) => stamp.login).sort()).toEqual([
        'bob',
        'carol',
        'dave',
      ]);
    });
  });

  describe('--output', () => {
    it('writes the report to the file, and only a note to stderr', async () => {
      const dir = createTempDir();
      const { code, out, err } = await audit(['--format', 'html', '--output', 'audit.html'], {
        cwd: dir,
        env: shared.env,
      });
      // The clone is not in dir: --git is needed. Without it, the folder is not a repository.
      expect(code).toBe(1);
      expect(err).toMatch(/^gatehouse: \.: not a git repository/);
      const written = await audit(['--git', shared.dir, '--format', 'html', '--output', 'audit.html'], {
        cwd: dir,
        env: shared.env,
      });
      expect({ code: written.code, out: written.out, err: written.err }).toEqual({
        code: 0,
        out: '',
        err: `${MALFORMED_WARNING()}gatehouse: wrote the audit of 6 files (3 findings) to audit.html\n`,
      });
      expect(readFileSync(join(dir, 'audit.html'), 'utf8')).toContain('<svg');
      expect(out).toBe('');
    });

    it.each([
      ['audit.html', (text: string) => /^<!DOCTYPE html>/i.test(text) && text.includes('<svg')],
      ['audit.JSON', (text: string) => (JSON.parse(text) as AuditReport).totals.records === 5],
      ['audit.csv', (text: string) => text.split('\r\n').length > 2],
      ['audit.md', (text: string) => text.startsWith('# Gatehouse audit\n')],
      ['audit', (text: string) => text.startsWith('# Gatehouse audit\n')],
      ['audit.report.txt', (text: string) => text.startsWith('# Gatehouse audit\n')],
    ])('picks the format from the name %s when --format is not given', async (name, matches) => {
      const dir = createTempDir();
      const { code, err } = await audit(['--git', shared.dir, '--output', name], {
        cwd: dir,
        env: shared.env,
      });
      expect({ code, err }).toEqual({
        code: 0,
        err: `${MALFORMED_WARNING()}gatehouse: wrote the audit of 6 files (3 findings) to ${name}\n`,
      });
      expect(matches(readFileSync(join(dir, name), 'utf8'))).toBe(true);
    });

    it('takes a --format that agrees with the name', async () => {
      const dir = createTempDir();
      const { code } = await audit(['--git', shared.dir, '--format', 'json', '--output', 'a.json'], {
        cwd: dir,
        env: shared.env,
      });
      expect(code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toMatchObject({ version: 1 });
    });

    it('is a usage error when --format contradicts the name, naming both', async () => {
      const dir = createTempDir();
      const { code, out, err } = await audit(['--format', 'md', '--output', 'audit.html'], { cwd: dir });
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.split('\n')[0]).toBe(
        'gatehouse audit: --format md contradicts --output audit.html, the name of an HTML file: drop --format, or name the file .md',
      );
      expect(existsSync(join(dir, 'audit.html'))).toBe(false);
    });

    it('fails with exit 1 when the file is a folder', async () => {
      const { code, err } = await audit(['--output', '.']);
      expect({ code, err }).toEqual({
        code: 1,
        err: `${MALFORMED_WARNING()}gatehouse: .: cannot write the report: is a directory\n`,
      });
    });

    it('fails with exit 1 when the file cannot be written', async () => {
      const { code, err } = await audit(['--output', 'no/such/folder/audit.md']);
      expect({ code, err }).toEqual({
        code: 1,
        err: `${MALFORMED_WARNING()}gatehouse: no/such/folder/audit.md: cannot write the report: no such folder\n`,
      });
      expect(existsSync(join(shared.dir, 'no'))).toBe(false);
    });
  });

  describe('where the log is', () => {
    it('reads origin/gatehouse-log when there is no local branch', async () => {
      const repo = createLogRepository();
      const tip = repo.git(['rev-parse', 'gatehouse-log']).trim();
      repo.git(['update-ref', 'refs/remotes/origin/gatehouse-log', tip]);
      repo.git(['branch', '--quiet', '-D', 'gatehouse-log']);
      const report = await auditJson([], { cwd: repo.dir, env: repo.env });
      expect(report.source).toBe(`origin/gatehouse-log@${tip.slice(0, 12)}:decisions in ${topLevel(repo)}`);
      expect(report.totals.records).toBe(5);
    });

    it('reads a bare clone, such as a mirror', async () => {
      const bare = join(createTempDir(), 'shop.git');
      shared.git(['clone', '--quiet', '--bare', shared.dir, bare]);
      const report = await auditJson(['--git', bare], { cwd: createTempDir() });
      expect(report.totals).toMatchObject({ records: 5, findings: 3 });
    });

    it('reads another branch and folder with --branch and --path', async () => {
      const repo = createLogRepository(
        createAuditFiles(records).map((file) => ({ path: `audit/${file.path}`, text: file.text })),
        'decisions/log',
      );
      const report = await auditJson(['--branch', 'decisions/log', '--path', 'audit/decisions/'], {
        cwd: repo.dir,
        env: repo.env,
        err: MALFORMED_WARNING(`audit/${MALFORMED.path}`),
      });
      expect(report.totals).toMatchObject({ records: 5, findings: 3 });
      expect(report.findings.map((finding) => finding.path)).toContain('audit/decisions/2026/02/notes.md');
    });

    it('finds no records in a folder the branch does not have', async () => {
      const report = await auditJson(['--path', 'elsewhere'], { err: '' });
      expect(report.integrity.files).toBe(0);
      expect(report.totals).toMatchObject({ records: 0, findings: 0 });
    });
  });

  describe('of a log written on a GitHub Enterprise Server at an IP address or a one-label name', () => {
    const at = (webUrl: string, digit: string) => createRecordAt(webUrl, digit.repeat(40));

    it('reads every record: their links are http(s) URLs with a host', async () => {
      const repo = createLogRepository([
        at('http://10.0.0.5', 'a'),
        at('http://ghe:8080', 'b'),
        at('https://[fd00::5]:8443', 'c'),
      ]);
      const report = await auditJson([], { cwd: repo.dir, env: repo.env, err: '' });
      expect(report.totals).toMatchObject({ records: 3, malformed: 0, findings: 0 });
    });

    it('still finds a record whose link is a javascript: or a file: URL', async () => {
      const files = [at('javascript:alert(1)//', 'd'), at('file:///etc', 'e'), at('http://ghe:8080', 'f')];
      const repo = createLogRepository(files);
      const { code, out } = await audit(['--format', 'json'], { cwd: repo.dir, env: repo.env });
      expect(code).toBe(0);
      const report = JSON.parse(out) as AuditReport;
      expect(report.totals).toMatchObject({ records: 1, malformed: 2, findings: 2 });
      const refused = [files[0]?.path, files[1]?.path].sort();
      expect(report.findings.map((finding) => [finding.code, finding.path, finding.message])).toEqual(
        refused.map((path) => [
          'malformed',
          path,
          'not a readable decision record: subject.url: expected an http(s) URL; links.check_run: expected an http(s) URL',
        ]),
      );
    });
  });

  describe('progress', () => {
    it('writes nothing to stderr but warnings when stderr is not a terminal', async () => {
      expect((await audit(['--format', 'json'])).err).toBe(MALFORMED_WARNING());
    });

    it('names five malformed files at most, and counts the rest', async () => {
      const files = Array.from({ length: 7 }, (_, i) => ({
        path: `decisions/2026/02/notes-${i}.md`,
        text: '# notes\n',
      }));
      const repo = createLogRepository(files);
      const { code, err } = await audit(['--format', 'json'], { cwd: repo.dir, env: repo.env });
      expect(code).toBe(0);
      expect(err.split('\n')).toEqual([
        ...[0, 1, 2, 3, 4].map((i) => MALFORMED_WARNING(`decisions/2026/02/notes-${i}.md`).trimEnd()),
        'gatehouse: warning: … and 2 more malformed files: the report lists them all',
        '',
      ]);
    });

    it('says how long each step took with --verbose, on stderr only', async () => {
      const { code, out, err } = await audit(['--format', 'json', '--verbose']);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ version: 1 });
      const tip = shared.git(['rev-parse', 'gatehouse-log']).slice(0, 12);
      expect(err.replace(/\d+\.\d\d s/g, 'T s')).toBe(
        [
          `gatehouse: read 6 files and 6 log commits from gatehouse-log (${tip}) in T s`,
          MALFORMED_WARNING().trimEnd(),
          'gatehouse: checked 6 files in T s: 3 integrity findings; rendered json in T s',
          '',
        ].join('\n'),
      );
    });

    it('says the same on a terminal without --verbose', async () => {
      const { err } = await audit(['--format', 'csv'], { tty: true });
      expect(err).toMatch(
        /^gatehouse: read 6 files and 6 log commits from gatehouse-log \(\w{12}\) in \d+\.\d\d s\n/,
      );
    });
  });

  describe('before Gatehouse has recorded a decision (no log branch)', () => {
    const fresh = () => {
      const repo = createRepository();
      repo.write('README.md', 'x\n');
      repo.commit('Initial commit');
      return repo;
    };

    it('says no decisions are recorded yet, prints the empty report and exits 0', async () => {
      const repo = fresh();
      const { code, out, err } = await audit([], { cwd: repo.dir, env: repo.env });
      expect({ code, err }).toEqual({
        code: 0,
        err: `gatehouse: no decisions recorded yet (no gatehouse-log branch in ${topLevel(repo)}); if origin has one, fetch it: git fetch origin gatehouse-log:gatehouse-log\n`,
      });
      expect(out).toMatch(/^# Gatehouse audit\n\n- \*\*Decisions:\*\* 0 decisions\.\n/);
    });

    it('exits 0 with --strict too: nothing to check is not a finding', async () => {
      const repo = fresh();
      const { code, out } = await audit(['--strict', '--format', 'json'], { cwd: repo.dir, env: repo.env });
      expect(code).toBe(0);
      expect((JSON.parse(out) as AuditReport).totals).toMatchObject({ records: 0, findings: 0 });
    });

    it('names the branch --branch asked for', async () => {
      const repo = fresh();
      const { code, err } = await audit(['--branch', 'decisions'], { cwd: repo.dir, env: repo.env });
      expect(code).toBe(0);
      expect(err).toMatch(/^gatehouse: no decisions recorded yet \(no decisions branch in /);
    });
  });

  describe('when it cannot audit', () => {
    it('says so when --git names a folder that is not a repository', async () => {
      const dir = createTempDir();
      const { code, err } = await audit(['--git', dir], {
        env: { ...shared.env, GIT_CEILING_DIRECTORIES: '/' },
      });
      expect({ code, err }).toEqual({
        code: 1,
        err: `gatehouse: ${dir}: not a git repository: audit reads the gatehouse-log branch of a local clone (or pass --repo OWNER/NAME)\n`,
      });
    });

    it('says so when --git names a folder that does not exist', async () => {
      const dir = join(createTempDir(), 'missing');
      const { code, err } = await audit(['--git', dir]);
      expect({ code, err }).toEqual({ code: 1, err: `gatehouse: ${dir}: no such folder\n` });
    });

    it.each([
      [
        ['--git', '.', '--repo', 'acme/shop'],
        '--git and --repo exclude each other: audit a local clone or a GitHub repository',
      ],
      [['--repo', 'shop'], '--repo must be OWNER/NAME, such as acme/shop, got "shop"'],
      [['--ref', 'main'], '--ref reads check runs from GitHub: use it with --repo OWNER/NAME'],
      [['--pr', '7'], '--pr reads check runs from GitHub: use it with --repo OWNER/NAME'],
      [['--repo', 'acme/shop', '--pr', '0'], '--pr must be a pull request number, got "0"'],
      [['--since', '2026-13-01'], '--since: 2026-13-01 is not a date in the calendar'],
      [['--until', '2026-02-30'], '--until: 2026-02-30 is not a date in the calendar'],
      [
        ['--since', 'yesterday'],
        '--since must be a date (2026-01-31) or an ISO time with an offset (2026-01-31T09:00:00Z), got "yesterday"',
      ],
      [
        ['--until', '2026-01-31T10:00'],
        '--until must be a date (2026-01-31) or an ISO time with an offset (2026-01-31T09:00:00Z), got "2026-01-31T10:00"',
      ],
      [
        ['--since', '2026-03-01', '--until', '2026-02-01'],
        '--since 2026-03-01 is after --until 2026-02-01: nothing could match',
      ],
      [
        ['--decision', 'approve'],
        `--decision must be one of pending, approved, rejected, expired, auto_approved, notified, delayed, changes_requested, escalated, got "approve"`,
      ],
      [['--format', 'pdf'], '--format must be one of md, json, csv, html, got "pdf"'],
      [
        ['--branch=-gatehouse-log'],
        '--branch must be a branch name, such as gatehouse-log, got "-gatehouse-log"',
      ],
      [['--branch', 'a..b'], '--branch must be a branch name, such as gatehouse-log, got "a..b"'],
      [
        ['--path', 'decisions/../secrets'],
        '--path must be a folder on the log branch, such as decisions, got "decisions/../secrets"',
      ],
      [
        ['--rubber-stamp-seconds-per-file', '0'],
        '--rubber-stamp-seconds-per-file must be a positive number of seconds, got "0"',
      ],
      [['--gate', ''], '--gate needs a non-empty value'],
      [['--approver'], 'option --approver needs a value'],
      [['decisions'], 'unexpected argument: decisions'],
      [['--json'], 'unknown option --json'],
    ])('exits 2 for %j: %s', async (args, message) => {
      const { code, out, err } = await audit(args);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.split('\n').slice(0, 2)).toEqual([
        `gatehouse audit: ${message}`,
        expect.stringMatching(/^usage: gatehouse audit \[--git DIR \| --repo OWNER\/NAME\]/),
      ]);
    });
  });
});
