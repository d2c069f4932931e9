// `gatehouse audit`: the decision records of the log branch, checked and summarised (DESIGN §9).
// Load (a local clone with git, or GitHub's API) → the pure audit core builds the report → render
// it. The records are read as raw texts, malformed ones included, so the core reports every file
// it cannot trust while the others still count.
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { count } from '../../core/audit/describe-audit.ts';
import {
  type AuditEntry,
  type AuditFilters,
  type AuditReport,
  type CheckRunEvidence,
  createAuditReport,
  DEFAULT_RUBBER_STAMP,
  type LogHistoryEvidence,
  type ProvenanceEvidence,
  renderAuditCsv,
  renderAuditHtml,
  renderAuditJson,
  renderAuditMarkdown,
} from '../../core/audit/index.ts';
import { parseDecisionRecord } from '../../core/decision-record.ts';
import { DECISIONS } from '../../core/registry.ts';
import { createGitHubClient, type GitHubClient } from '../../github/client.ts';
import { loadAuditRecords } from '../../github/load-audit-records.ts';
import { loadCheckRunEvidence } from '../../github/load-check-run-evidence.ts';
import { loadLogProvenance, UnknownAppError } from '../../github/load-log-provenance.ts';
import { describeRequestError, readStatus } from '../../github/request-error.ts';
import {
  findDecisionLogCommit,
  type LocalRepository,
  loadDecisionLogFilesAt,
  loadLogHistory,
  loadObjectRepository,
} from '../../local/git.ts';
import { createTrustedKeyring, KeyringError, type TrustedKeyring } from '../../local/trusted-keyring.ts';
import {
  CliError,
  type Command,
  checkPositionals,
  type Io,
  parseChoice,
  parseCommandArgs,
  parseText,
  UsageError,
  writeWarning,
} from '../command.ts';
import { parseRepositoryName, readApiUrls, readToken } from '../github-access.ts';

const FORMATS = ['md', 'json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (report: AuditReport) => string> = {
  md: renderAuditMarkdown,
  json: renderAuditJson,
  csv: renderAuditCsv,
  html: renderAuditHtml,
};

const DEFAULT_BRANCH = 'gatehouse-log';
const DEFAULT_PATH = 'decisions';

type Source = { kind: 'git'; dir: string } | { kind: 'repo'; owner: string; repo: string };

interface AuditOptions {
  source: Source;
  branch: string;
  path: string;
  ref?: string;
  pullRequest?: number;
  /** With --repo: the slug of the Gatehouse App whose runs anchor the records and whose bot writes the log. */
  app?: string;
  /** With --git: a public key file; each log commit must be signed by it. */
  trustedKey?: string;
  filters: AuditFilters;
  format: Format;
  output?: string;
  strict: boolean;
  verbose: boolean;
  rubberStamp?: { secondsPerFile: number; minimumSeconds: number };
}

export const auditCommand: Command = {
  name: 'audit',
  usage:
    'gatehouse audit [--git DIR | --repo OWNER/NAME] [--branch NAME] [--path DIR] [--ref REF] [--pr N] [--app SLUG] [--trusted-key FILE] [--since DATE] [--until DATE] [--gate NAME] [--environment ENV] [--decision D] [--approver LOGIN] [--rule NAME] [--format md|json|csv|html] [--output FILE] [--strict] [--rubber-stamp-seconds-per-file N] [--verbose]',
  help: `Reads every decision record on the log branch, checks each one (a record that was edited after
Gatehouse wrote it, a file that is not a record, a record filed in the wrong place) and prints a
report: what was decided, by whom, how fast, and every integrity finding. A malformed record is a
finding; the other records still count. See docs/audit.md for the checks.

Where the records come from:
  --git DIR            a local clone (default: the current folder), offline: the ${DEFAULT_BRANCH}
                       branch, else origin/${DEFAULT_BRANCH}; one git ls-tree, one git cat-file
                       and one git log, which finds commits that rewrote the log (rewritten).
                       Anchors and GitHub's verification need --repo with --app
  --trusted-key FILE   with --git: a public key (GitHub's web-flow key,
                       https://github.com/web-flow.gpg, signs the App's commits); a log commit
                       not signed by it is unverified_commit. Needs gpg
  --repo OWNER/NAME    through the GitHub API, with GITHUB_TOKEN (or GH_TOKEN): one tree listing,
                       then one GraphQL query per 100 records
  --branch NAME        the log branch (default: ${DEFAULT_BRANCH})
  --path DIR           the log folder on it (default: ${DEFAULT_PATH})
  --ref REF            with --repo: cross-check the log against the gatehouse check runs on the
                       commit REF names (a branch, tag or SHA)
  --pr N               with --repo: the same for every commit of pull request N (with --ref too:
                       both)
  --app SLUG           with --repo: the Gatehouse App (its slug, as in github.com/apps/SLUG;
                       github-actions for the Action): check every record against the anchor in
                       that app's check run (digest_mismatch, unanchored, anchor_without_record)
                       and every log commit against GitHub's verification of that app's bot
                       (unverified_commit, rewritten). One request for the bot, one per 100 log
                       commits, one GraphQL query per 100 decided commits

Which decisions (all filters combine):
  --since DATE         decided on or after DATE (2026-01-31, or an ISO time with an offset)
  --until DATE         decided on or before DATE (a date includes that whole day, UTC)
  --gate NAME          a check name ("gatehouse: production"), a gate kind (pull_request,
                       deployment, request) or a glob ("gatehouse: prod*")
  --environment ENV    gates of this environment (a name or a glob)
  --decision D         ${DECISIONS.join(', ')}
  --approver LOGIN     decisions this login approved (with or without @)
  --rule NAME          decisions this rule matched (a name or a glob)
Names match case-insensitively. Integrity is checked over every record whatever the filters.

Output:
  --format F           md (default), json, csv or html (one file, no scripts)
  --output FILE        write the report to FILE instead of stdout; without --format, the
                       format is the name's: .html, .json, .csv or .md (else md)
  --strict             exit 1 when there is any integrity finding
  --rubber-stamp-seconds-per-file N
                       call an approval a rubber stamp when it came faster than N seconds per
                       changed file (default ${DEFAULT_RUBBER_STAMP.secondsPerFile}), and never sooner than ${DEFAULT_RUBBER_STAMP.minimumSeconds} s
  --verbose            timings and GitHub request counts on stderr (shown anyway on a terminal)

Without a log branch (Gatehouse writes it with its first decision) the report is empty, stderr
says "no decisions recorded yet", and the exit code is 0, with --strict too.

Exit codes: 0 audited (or nothing recorded yet), 1 findings with --strict or a read error (a
token GitHub refuses), 2 usage error.`,
  async run(args, io) {
    const options = parseAuditOptions(args);
    const progress = createProgress(io, options.verbose);
    const now = io.now().toISOString();
    const loaded =
      options.source.kind === 'git'
        ? await loadFromGit(options, options.source, io, progress)
        : await loadFromGitHub(options, options.source, io, progress);

    const checked = performance.now();
    const report = createAuditReport(loaded.entries, {
      filters: options.filters,
      now,
      source: loaded.source,
      ...(loaded.checkRuns === undefined ? {} : { checkRuns: loaded.checkRuns }),
      ...(loaded.checkedCommits === undefined ? {} : { checkedCommits: loaded.checkedCommits }),
      ...(loaded.provenance === undefined ? {} : { provenance: loaded.provenance }),
      ...(loaded.history === undefined ? {} : { history: loaded.history }),
      logPath: options.path,
      ...(options.rubberStamp === undefined ? {} : { rubberStamp: options.rubberStamp }),
    });
    const rendered = performance.now();
    const text = RENDERERS[options.format](report);
    const done = performance.now();
    const findings = report.findings.length;
    warnMalformed(report, io);
    progress.line(
      `checked ${count(loaded.entries.length, 'file')} in ${seconds(rendered - checked)}: ${count(findings, 'integrity finding')}; rendered ${options.format} in ${seconds(done - rendered)}`,
    );

    if (options.output === undefined) io.stdout.write(text);
    else {
      const path = resolve(io.cwd, options.output);
      try {
        await writeFile(path, text);
      } catch (error) {
        throw new CliError(`${options.output}: cannot write the report: ${describeFsError(error)}`);
      }
      io.stderr.write(
        `gatehouse: wrote the audit of ${count(loaded.entries.length, 'file')} (${count(findings, 'finding')}) to ${options.output}\n`,
      );
    }
    const [first] = report.findings;
    if (options.strict && first !== undefined) {
      const where = first.path ?? `check run ${first.checkRunId}`;
      io.stderr.write(
        `gatehouse: ${count(findings, 'integrity finding')} (--strict): ${where}: ${first.message}${findings > 1 ? ', …' : ''}\n`,
      );
      return 1;
    }
    return 0;
  },
};

/** At most this many malformed files are named on stderr; the report lists them all. */
const MALFORMED_WARNINGS = 5;

/** Files that are not records are read errors too: said on stderr, whatever the format. */
function warnMalformed(report: AuditReport, io: Io): void {
  const malformed = report.findings.filter((finding) => finding.code === 'malformed');
  for (const finding of malformed.slice(0, MALFORMED_WARNINGS))
    writeWarning(io, `${finding.path}: ${finding.message}; the other records still count`);
  if (malformed.length > MALFORMED_WARNINGS)
    writeWarning(
      io,
      `… and ${count(malformed.length - MALFORMED_WARNINGS, 'more malformed file')}: the report lists them all`,
    );
}

// ---------------------------------------------------------------------------------------------
// Options.

function parseAuditOptions(args: string[]): AuditOptions {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      git: { type: 'string' },
      repo: { type: 'string' },
      branch: { type: 'string' },
      path: { type: 'string' },
      ref: { type: 'string' },
      pr: { type: 'string' },
      app: { type: 'string' },
      'trusted-key': { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      gate: { type: 'string' },
      environment: { type: 'string' },
      decision: { type: 'string' },
      approver: { type: 'string' },
      rule: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      strict: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'rubber-stamp-seconds-per-file': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  checkPositionals(positionals, 0);
  const git = parseText('git', values.git);
  const repo = parseText('repo', values.repo);
  if (git !== undefined && repo !== undefined)
    throw new UsageError('--git and --repo exclude each other: audit a local clone or a GitHub repository');
  const source = repo === undefined ? { kind: 'git' as const, dir: git ?? '.' } : parseRepository(repo);
  const ref = parseText('ref', values.ref);
  const pullRequest = parsePullRequest(values.pr);
  if (source.kind === 'git' && (ref !== undefined || pullRequest !== undefined)) {
    throw new UsageError(
      `${ref === undefined ? '--pr' : '--ref'} reads check runs from GitHub: use it with --repo OWNER/NAME`,
    );
  }
  const options: AuditOptions = {
    source,
    branch: parseBranch(values.branch),
    path: parseLogPath(values.path),
    filters: parseFilters(values),
    format: 'md',
    strict: values.strict === true,
    verbose: values.verbose === true,
  };
  const app = parseText('app', values.app);
  if (app !== undefined) {
    if (source.kind === 'git')
      throw new UsageError(
        '--app reads check runs and commit signatures from GitHub: use it with --repo OWNER/NAME',
      );
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/i.test(app))
      throw new UsageError(`--app must be a GitHub App's slug, such as gatehouse, got "${app}"`);
    options.app = app.toLowerCase();
  }
  const trustedKey = parseText('trusted-key', values['trusted-key']);
  if (trustedKey !== undefined) {
    if (source.kind !== 'git')
      throw new UsageError(
        "--trusted-key checks the signatures of a local clone with gpg: use it with --git DIR (with --repo, --app checks GitHub's verification)",
      );
    options.trustedKey = trustedKey;
  }
  if (ref !== undefined) options.ref = ref;
  if (pullRequest !== undefined) options.pullRequest = pullRequest;
  const output = parseText('output', values.output);
  if (output !== undefined) options.output = output;
  options.format = chooseFormat(parseChoice('format', values.format, FORMATS), output);
  const perFile = values['rubber-stamp-seconds-per-file'];
  if (perFile !== undefined) {
    options.rubberStamp = {
      secondsPerFile: parsePositiveNumber('rubber-stamp-seconds-per-file', perFile),
      minimumSeconds: DEFAULT_RUBBER_STAMP.minimumSeconds,
    };
  }
  return options;
}

/** The extensions `--output` picks a format by, when `--format` is not given. */
const EXTENSIONS = new Map<string, Format>([
  ['.md', 'md'],
  ['.json', 'json'],
  ['.csv', 'csv'],
  ['.html', 'html'],
]);
const FILE_KINDS: Record<Format, string> = {
  md: 'a Markdown file',
  json: 'a JSON file',
  csv: 'a CSV file',
  html: 'an HTML file',
};

/** --format, else the format --output's name says (`audit.html`), else Markdown. */
function chooseFormat(given: Format | undefined, output: string | undefined): Format {
  const named = output === undefined ? undefined : EXTENSIONS.get(extname(output).toLowerCase());
  if (given !== undefined && named !== undefined && given !== named) {
    throw new UsageError(
      `--format ${given} contradicts --output ${output}, the name of ${FILE_KINDS[named]}: drop --format, or name the file .${given}`,
    );
  }
  return given ?? named ?? 'md';
}

function parseRepository(value: string): Source {
  const name = parseRepositoryName(value);
  if (name === undefined)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { kind: 'repo', ...name };
}

function parsePullRequest(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new UsageError(`--pr must be a pull request number, got "${value}"`);
  return Number(value);
}

function parsePositiveNumber(name: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`--${name} must be a positive number of seconds, got "${value}"`);
  return number;
}

/** A branch name git would accept, and never one that could pass for an option. */
function parseBranch(value: string | undefined): string {
  const branch = parseText('branch', value) ?? DEFAULT_BRANCH;
  if (
    !/^[\w][\w./-]*$/.test(branch) ||
    /\.\.|\/\/|\/$|\.lock$|\.$/.test(branch) ||
    branch.split('/').some((part) => part.startsWith('.'))
  )
    throw new UsageError(`--branch must be a branch name, such as ${DEFAULT_BRANCH}, got "${branch}"`);
  return branch;
}

/** The log folder, without leading or trailing slashes; `.` and `/` mean the whole branch. */
function parseLogPath(value: string | undefined): string {
  const path = (parseText('path', value) ?? DEFAULT_PATH).replace(/^[./]+$/, '').replace(/^\/+|\/+$/g, '');
  if (path.split('/').some((part) => part === '..' || part === '.' || (path !== '' && part === '')))
    throw new UsageError(
      `--path must be a folder on the log branch, such as ${DEFAULT_PATH}, got "${value}"`,
    );
  return path;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * `2026-01-31` or an ISO time with an offset, as an ISO time in UTC. A date alone is the start of
 * that day for --since and its end for --until, so `--since D --until D` is the whole day.
 */
function parseDate(name: 'since' | 'until', value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = DATE.exec(value);
  if (date !== null) {
    const [, year, month, day] = date.map(Number) as [number, number, number, number];
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
      throw new UsageError(`--${name}: ${value} is not a date in the calendar`);
    return new Date(name === 'since' ? start : start + 86_400_000 - 1).toISOString();
  }
  const ms = TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--${name} must be a date (2026-01-31) or an ISO time with an offset (2026-01-31T09:00:00Z), got "${value}"`,
    );
  }
  return new Date(ms).toISOString();
}

function parseFilters(values: Record<string, string | boolean | undefined>): AuditFilters {
  const text = (name: string) => {
    const value = values[name];
    return parseText(name, typeof value === 'string' ? value : undefined);
  };
  const since = parseDate('since', text('since'));
  const until = parseDate('until', text('until'));
  if (since !== undefined && until !== undefined && since > until)
    throw new UsageError(`--since ${values.since} is after --until ${values.until}: nothing could match`);
  const decision = parseChoice('decision', text('decision'), DECISIONS);
  const filters: AuditFilters = {};
  if (since !== undefined) filters.since = since;
  if (until !== undefined) filters.until = until;
  if (decision !== undefined) filters.decision = decision;
  for (const key of ['gate', 'environment', 'approver', 'rule'] as const) {
    const value = text(key);
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

// ---------------------------------------------------------------------------------------------
// Reading the log.

interface LoadedLog {
  entries: AuditEntry[];
  source: string;
  checkRuns?: CheckRunEvidence[];
  checkedCommits?: string[];
  provenance?: ProvenanceEvidence;
  history?: LogHistoryEvidence;
}

/** `%G?` answers that mean the commit was signed by a key of the keyring (only the trusted key). */
const SIGNED_BY_KEY = new Set(['G', 'U', 'X', 'Y']);
const SIGNATURE_PROBLEMS: Record<string, string> = {
  N: 'not signed',
  B: 'a bad signature',
  E: 'not signed by the trusted key',
  R: 'signed by a revoked key',
};

/** The log's history, offline; with --trusted-key, each commit's signature checked against it. */
async function loadHistoryFromGit(
  options: AuditOptions,
  repo: LocalRepository,
  commit: string,
  io: Io,
): Promise<LogHistoryEvidence> {
  if (options.trustedKey === undefined) {
    const commits = await loadLogHistory(repo, commit);
    return { commits: commits.map(({ sha, files }) => ({ sha, files })), signatures: false };
  }
  let keyring: TrustedKeyring;
  try {
    keyring = await createTrustedKeyring(resolve(io.cwd, options.trustedKey), io.env);
  } catch (error) {
    if (error instanceof KeyringError)
      throw new CliError(`--trusted-key: ${error.message}`, error.missingGpg ? 2 : 1);
    throw error;
  }
  try {
    const commits = await loadLogHistory(repo, commit, { gnupgHome: keyring.home });
    return {
      commits: commits.map(({ sha, files, signature = 'N' }) =>
        SIGNED_BY_KEY.has(signature)
          ? { sha, files }
          : { sha, files, problem: SIGNATURE_PROBLEMS[signature] ?? `signature check ${signature}` },
      ),
      signatures: true,
    };
  } finally {
    await keyring.dispose();
  }
}

async function loadFromGit(
  options: AuditOptions,
  source: { dir: string },
  io: Io,
  progress: Progress,
): Promise<LoadedLog> {
  const started = performance.now();
  const repo = await loadObjectRepository(resolve(io.cwd, source.dir), io.env);
  if (repo === undefined) {
    throw new CliError(
      `${source.dir}: not a git repository: audit reads the ${options.branch} branch of a local clone (or pass --repo OWNER/NAME)`,
    );
  }
  const log = await findDecisionLogCommit(repo, options.branch);
  if (log === undefined) {
    // A first run: Gatehouse writes the branch with its first decision. Not an error, and not a
    // finding for --strict: there is nothing to check (a clone may just not have fetched it).
    io.stderr.write(
      `gatehouse: no decisions recorded yet (no ${options.branch} branch in ${repo.dir}); if origin has one, fetch it: git fetch origin ${options.branch}:${options.branch}\n`,
    );
    return { entries: [], source: `no ${options.branch} branch in ${repo.dir}` };
  }
  // The history walk (one git log) runs beside the file read, on another core; a failure of the
  // read is still the one reported, as before.
  const loadingHistory = loadHistoryFromGit(options, repo, log.commit, io);
  loadingHistory.catch(() => {});
  const files = await loadDecisionLogFilesAt(repo, log.commit, options.path);
  const entries: AuditEntry[] = [];
  for (const file of files) {
    if (file.text === undefined) writeWarning(io, `${log.ref}:${file.path}: git could not read it`);
    entries.push({ path: file.path, text: file.text ?? '' });
  }
  const history = await loadingHistory;
  progress.line(
    `read ${count(entries.length, 'file')} and ${count(history.commits.length, 'log commit')} from ${log.ref} (${log.commit.slice(0, 12)}) in ${seconds(performance.now() - started)}`,
  );
  return {
    entries,
    history,
    source: `${log.ref}@${log.commit.slice(0, 12)}:${options.path || '.'} in ${repo.dir}`,
  };
}

async function loadFromGitHub(
  options: AuditOptions,
  source: { owner: string; repo: string },
  io: Io,
  progress: Progress,
): Promise<LoadedLog> {
  const name = `${source.owner}/${source.repo}`;
  const token = readToken(io.env);
  if (token === undefined) {
    throw new CliError(
      `--repo reads ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read it, or audit a clone with --git DIR`,
    );
  }
  const api = readApiUrls(io.env);
  const github = createGitHubClient({
    auth: token,
    // An audit only reads. Its GraphQL queries are reads too, but the throttling plugin spaces
    // every POST a second apart as if it were a write: 100 queries would wait 100 s for nothing.
    // They are still sent one at a time, and rate limits are still waited out (capped).
    spaceWrites: false,
    ...(api.baseUrl === undefined ? {} : { baseUrl: api.baseUrl }),
    log: {
      debug: () => {},
      info: () => {},
      warn: (message) => writeWarning(io, message),
      error: (message) => writeWarning(io, message),
    },
  });
  const requests = countRequests(github);
  const started = performance.now();
  const log = { owner: source.owner, repo: source.repo, branch: options.branch, path: options.path };
  const loaded = await withGitHubErrors(name, () =>
    loadAuditRecords(github, log, {
      ...(api.graphqlUrl === undefined ? {} : { graphqlUrl: api.graphqlUrl }),
      onProgress: (read, total) =>
        progress.update(`reading ${name}: ${count(read, 'record')} of ${total.toLocaleString('en-US')}`),
    }),
  );
  progress.update('');
  if (loaded.state === 'no_repository')
    throw new CliError(
      `${name}: no such repository, or the token cannot read it (GitHub answers 404 for both)`,
    );
  let result: LoadedLog;
  if (loaded.state === 'no_branch') {
    // Not an error (see loadFromGit); check runs, if asked for, are still compared: a run that
    // announced a decision with no log to hold it is a finding.
    io.stderr.write(`gatehouse: no decisions recorded yet (no ${options.branch} branch in ${name})\n`);
    result = { entries: [], source: `no ${options.branch} branch in ${name}` };
  } else {
    progress.line(
      `read ${count(loaded.files.length, 'file')} from ${name} ${options.branch} in ${seconds(performance.now() - started)} with ${requests.describe()}`,
    );
    result = {
      entries: loaded.files,
      source: `${name}@${options.branch}:${options.path || '.'} (tree ${loaded.tree.slice(0, 12)})`,
    };
  }
  if (options.app !== undefined) {
    const before = requests.total();
    const subjects = result.entries.flatMap((entry) => {
      const parsed = parseDecisionRecord(entry.text);
      return 'error' in parsed ? [] : [parsed.record.subject.sha];
    });
    const app = options.app;
    result.provenance = await withGitHubErrors(name, async () => {
      try {
        return await loadLogProvenance(
          github,
          { owner: source.owner, repo: source.repo, branch: options.branch, app },
          subjects,
          api.graphqlUrl === undefined ? {} : { graphqlUrl: api.graphqlUrl },
        );
      } catch (error) {
        if (error instanceof UnknownAppError) throw new CliError(error.message);
        throw error;
      }
    });
    progress.line(
      `checked ${count(result.provenance.anchors.length, 'anchor')} of ${app} and ${count(result.provenance.foreignCommits.length, 'foreign log commit')} with ${count(requests.total() - before, 'request')}`,
    );
  }
  if (options.ref !== undefined || options.pullRequest !== undefined) {
    const before = requests.total();
    const evidence = await withGitHubErrors(name, () =>
      loadCheckRunEvidence(github, {
        owner: source.owner,
        repo: source.repo,
        ...(options.ref === undefined ? {} : { ref: options.ref }),
        ...(options.pullRequest === undefined ? {} : { pullRequest: options.pullRequest }),
      }),
    );
    if (evidence.state === 'no_ref')
      throw new CliError(`--ref ${evidence.ref}: no such branch, tag or commit in ${name}`);
    if (evidence.state === 'no_pull_request')
      throw new CliError(`--pr ${evidence.pullRequest}: ${name} has no such pull request`);
    result.checkRuns = evidence.checkRuns;
    result.checkedCommits = evidence.commits;
    progress.line(
      `read ${count(evidence.checkRuns.length, 'gatehouse check run')} on ${count(evidence.commits.length, 'commit')} with ${count(requests.total() - before, 'request')}`,
    );
  }
  return result;
}

/** GitHub's refusals, as one line that says what to do. */
async function withGitHubErrors<T>(repository: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const status = readStatus(error);
    if (status === 401)
      throw new CliError(
        `GitHub refused the token (401): set GITHUB_TOKEN to a token that can read ${repository}`,
      );
    if (status === 403) {
      throw new CliError(
        `GitHub denied the request (403): ${describeRequestError(error)}; the token needs read access to the contents (and, for --ref and --pr, the checks) of ${repository}`,
      );
    }
    throw new CliError(`reading ${repository} from GitHub failed: ${describeRequestError(error)}`);
  }
}

const REQUEST_KINDS = [
  { name: 'tree listing', test: /\/git\/trees\// },
  { name: 'GraphQL query', plural: 'GraphQL queries', test: /graphql$/ },
  { name: 'blob read', test: /\/git\/blobs\// },
  { name: 'check-run listing', test: /\/check-runs$/ },
  { name: 'pull request commit listing', test: /\/pulls\/[^/]+\/commits$/ },
  { name: 'log commit listing', test: /\/commits$/ },
  { name: 'user lookup', test: /^\/users\// },
  { name: 'ref lookup', test: /\/commits\/[^/]+$/ },
  { name: 'repository lookup', test: /^\/repos\/[^/]+\/[^/]+$/ },
];

/** Counts every request the client sends (retries included), by kind, for --verbose. */
function countRequests(github: GitHubClient) {
  const other = { name: 'other request', test: /$/ };
  const counts = new Map<{ name: string; plural?: string }, number>();
  github.hook.before('request', (request) => {
    const path = request.url.split('?')[0] ?? '';
    const kind = REQUEST_KINDS.find((entry) => entry.test.test(path)) ?? other;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  const total = () => [...counts.values()].reduce((sum, n) => sum + n, 0);
  return {
    total,
    describe: () =>
      `${count(total(), 'request')} (${[...counts].map(([kind, n]) => count(n, kind.name, kind.plural)).join(', ')})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Progress, on stderr only: never mixed into a report on stdout.

interface Progress {
  /** A summary line: shown with --verbose or on a terminal. */
  line(text: string): void;
  /** A line updated in place while a long read runs: on a terminal only. '' clears it. */
  update(text: string): void;
}

function createProgress(io: Io, verbose: boolean): Progress {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let shown = false;
  return {
    line(text) {
      if (verbose || terminal) io.stderr.write(`gatehouse: ${text}\n`);
    },
    update(text) {
      if (!terminal) return;
      if (text === '') {
        if (shown) io.stderr.write('\r\x1b[K');
        shown = false;
        return;
      }
      io.stderr.write(`\r\x1b[Kgatehouse: ${text}`);
      shown = true;
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
