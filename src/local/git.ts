// The local git adapter: what `gatehouse plan` and `gatehouse audit` read from a clone, offline.
// Every call is `git` with an argument array (never a shell), machine output is read with `-z`
// (NUL-separated, so any file name is safe), and user-given refs are resolved to commit ids with
// `--end-of-options` before they reach any other command, so a ref can never act as an option.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { DecisionRecord } from '../core/decision-record.ts';

/** A failed git command, or git missing. The message is one line for the user. */
export class GitError extends Error {
  override name = 'GitError';
}

export interface LocalRepository {
  /** The working-tree top level: every path below is relative to it. */
  dir: string;
  env: Record<string, string | undefined>;
}

interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Large enough for `ls-tree -r` of a log with 100,000 records. */
const MAX_BUFFER = 512 * 1024 * 1024;

function describeFailure(args: readonly string[], stderr: string, code: number | string): string {
  const first = stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  return `git ${args[0] ?? ''} failed${first === undefined ? ` (exit ${code})` : `: ${first.replace(/^(?:fatal|error): /, '')}`}`;
}

function isMissingGit(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** Runs git and returns its exit code and output, whatever the code; throws only when git cannot run. */
function execGit(cwd: string, env: LocalRepository['env'], args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, env, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(
            new GitError(
              isMissingGit(error)
                ? existsSync(cwd)
                  ? 'git is not installed or not on PATH: gatehouse reads the local repository with git'
                  : `${cwd}: no such folder`
                : describeFailure(args, stderr.toString('utf8'), String(error.code ?? error.message)),
            ),
          );
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}

async function git(repo: LocalRepository, args: readonly string[]): Promise<Buffer> {
  const output = await execGit(repo.dir, repo.env, args);
  if (output.code !== 0) throw new GitError(describeFailure(args, output.stderr, output.code));
  return output.stdout;
}

/** NUL-separated records, without the empty one after the last NUL. */
function splitNul(output: Buffer): string[] {
  const records = output.toString('utf8').split('\0');
  if (records.at(-1) === '') records.pop();
  return records;
}

function firstLine(output: Buffer): string {
  return output.toString('utf8').split('\n', 1)[0] ?? '';
}

/** The repository `cwd` is in, or undefined when it is not in a git working tree. */
export async function loadRepository(
  cwd: string,
  env: LocalRepository['env'],
): Promise<LocalRepository | undefined> {
  const output = await execGit(cwd, env, ['rev-parse', '--show-toplevel']);
  if (output.code !== 0) return undefined;
  const dir = firstLine(output.stdout);
  return dir === '' ? undefined : { dir, env };
}

/**
 * The repository `cwd` is in, for reading refs and objects only: a working tree's top level, or
 * the git directory of a bare clone (`git clone --mirror`); undefined outside any repository.
 */
export async function loadObjectRepository(
  cwd: string,
  env: LocalRepository['env'],
): Promise<LocalRepository | undefined> {
  const worktree = await loadRepository(cwd, env);
  if (worktree !== undefined) return worktree;
  const output = await execGit(cwd, env, ['rev-parse', '--absolute-git-dir']);
  const dir = firstLine(output.stdout);
  return output.code !== 0 || dir === '' ? undefined : { dir, env };
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(repo: LocalRepository, ref: string): Promise<string | undefined> {
  const output = await execGit(repo.dir, repo.env, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/**
 * The commits of full ref names (`refs/heads/…`), undefined for each that names none, in one
 * `git for-each-ref` (a peeled tag counts as its commit, as `^{commit}` reads it).
 */
export async function resolveFullRefs(
  repo: LocalRepository,
  refs: readonly string[],
): Promise<(string | undefined)[]> {
  const output = await execGit(repo.dir, repo.env, [
    'for-each-ref',
    '--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)',
    '--',
    ...refs,
  ]);
  const found = new Map<string, string>();
  if (output.code === 0) {
    for (const line of output.stdout.toString('utf8').split('\n')) {
      const [name = '', type, sha, peeledType, peeled] = line.split('\0');
      const commit = type === 'commit' ? sha : peeledType === 'commit' ? peeled : undefined;
      if (commit !== undefined && commit !== '') found.set(name, commit);
    }
  }
  return refs.map((ref) => found.get(ref));
}

/**
 * The branch a ref stands for, as a pull request would target it: `main` for `main`,
 * `origin/main` and `origin/HEAD` (when it points at main); the ref itself for a tag or a SHA.
 */
export async function resolveBranchName(repo: LocalRepository, ref: string): Promise<string> {
  const output = await execGit(repo.dir, repo.env, [
    'rev-parse',
    '--verify',
    '--symbolic-full-name',
    '--end-of-options',
    ref,
  ]);
  const full = output.code === 0 ? firstLine(output.stdout) : '';
  const branch = /^refs\/heads\/(.+)$/.exec(full)?.[1] ?? /^refs\/remotes\/[^/]+\/(.+)$/.exec(full)?.[1];
  return branch ?? ref;
}

export async function loadMergeBase(
  repo: LocalRepository,
  a: string,
  b: string,
): Promise<string | undefined> {
  const output = await execGit(repo.dir, repo.env, ['merge-base', a, b]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && sha !== '' ? sha : undefined;
}

/**
 * The files a pull request from this working tree would change: everything that differs from
 * `since` (commits, staged and unstaged edits, deletions) plus untracked files that are not
 * ignored. Renames count as a deletion and an addition, so both paths are gated.
 */
export async function loadChangedFiles(repo: LocalRepository, since: string): Promise<string[]> {
  const [changed, untracked] = await Promise.all([loadDiffedFiles(repo, since), loadUntrackedFiles(repo)]);
  return mergeChangedFiles(changed, untracked);
}

/** The files that differ from `since`: commits, staged and unstaged edits, deletions (renames split). */
export async function loadDiffedFiles(repo: LocalRepository, since: string): Promise<string[]> {
  return splitNul(
    await git(repo, [
      '-c',
      'core.quotePath=false',
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      since,
      '--',
    ]),
  );
}

/**
 * Untracked files that are not ignored, by their path from the top level: this needs no commit,
 * so a caller can start it first (it takes as long as the diff on a large tree). `repo.dir` may
 * be any folder of the working tree.
 */
export async function loadUntrackedFiles(repo: LocalRepository): Promise<string[]> {
  return splitNul(
    await git(repo, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', ':/']),
  );
}

/** The changed files of {@link loadChangedFiles}: each path once, sorted. */
export function mergeChangedFiles(changed: readonly string[], untracked: readonly string[]): string[] {
  return [...new Set([...changed, ...untracked])].sort();
}

export interface HeadCommit {
  sha: string;
  subject: string;
  body: string;
}

export async function loadHeadCommit(repo: LocalRepository): Promise<HeadCommit | undefined> {
  const output = await execGit(repo.dir, repo.env, [
    'log',
    '-1',
    '--no-show-signature',
    '--format=%H%x00%s%x00%b',
    'HEAD',
    '--',
  ]);
  if (output.code !== 0) return undefined;
  const [sha = '', subject = '', body = ''] = output.stdout.toString('utf8').split('\0');
  return { sha: sha.trim(), subject, body: body.trimEnd() };
}

/**
 * A file's text at a commit, or undefined when the commit has no file there (or a folder, or a
 * submodule). One `git cat-file --batch` for `<commit>:<path>`; a path with a line break, which that
 * line-based input cannot carry, is read through `ls-tree` instead.
 */
export async function loadFileAtCommit(
  repo: LocalRepository,
  commit: string,
  path: string,
): Promise<string | undefined> {
  if (!/[\r\n]/.test(path) && /^[0-9a-f]{40,64}$/.test(commit)) {
    const [blob] = await loadBlobs(repo, [`${commit}:${path}`]);
    return blob?.toString('utf8');
  }
  const [entry] = await loadTreeEntries(repo, commit, path, { recursive: false });
  if (entry === undefined || entry.type !== 'blob') return undefined;
  return (await git(repo, ['cat-file', 'blob', entry.object])).toString('utf8');
}

/** `git config --get`, or undefined when unset. */
export async function loadConfigValue(repo: LocalRepository, key: string): Promise<string | undefined> {
  const output = await execGit(repo.dir, repo.env, ['config', '--get', key]);
  const value = firstLine(output.stdout).trim();
  return output.code === 0 && value !== '' ? value : undefined;
}

/**
 * Several `git config --get` at once, in one process: each key's value (the last one set, as
 * `--get` reads it), or undefined when unset. Keys are given as git lists them: section and name in
 * lower case (`remote.origin.url`).
 */
export async function loadConfigValues<K extends string>(
  repo: LocalRepository,
  keys: readonly K[],
): Promise<Record<K, string | undefined>> {
  const values = Object.fromEntries(keys.map((key) => [key, undefined])) as Record<K, string | undefined>;
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const output = await execGit(repo.dir, repo.env, [
    'config',
    '-z',
    '--get-regexp',
    `^(${escaped.join('|')})$`,
  ]);
  // Exit 1: none of them is set.
  if (output.code !== 0) return values;
  for (const record of splitNul(output.stdout)) {
    const newline = record.indexOf('\n');
    const name = newline < 0 ? record : record.slice(0, newline);
    const value = newline < 0 ? '' : (record.slice(newline + 1).split('\n', 1)[0] ?? '').trim();
    const key = keys.find((candidate) => candidate === name);
    if (key !== undefined) values[key] = value === '' ? undefined : value;
  }
  return values;
}

export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
}

/** `git ls-tree -z` at a commit, under `path`: every blob below it when recursive. */
export async function loadTreeEntries(
  repo: LocalRepository,
  commit: string,
  path: string,
  options: { recursive: boolean },
): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-z', '--full-tree', ...(options.recursive ? ['-r'] : []), commit, '--', path];
  const entries: TreeEntry[] = [];
  for (const record of splitNul(await git(repo, args))) {
    const tab = record.indexOf('\t');
    const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ');
    if (tab > 0) entries.push({ mode, type, object, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * The contents of many blobs through one `git cat-file --batch` process, in the order asked.
 * A blob git does not have comes back undefined.
 */
export async function loadBlobs(
  repo: LocalRepository,
  objects: readonly string[],
): Promise<(Buffer | undefined)[]> {
  const found = await loadObjects(repo, objects);
  return found.map((object) => (object?.type === 'blob' ? object.data : undefined));
}

export interface GitObject {
  /** The object id the name resolved to. */
  object: string;
  type: string;
  data: Buffer;
}

/**
 * Many objects by name (`<sha>`, `<ref>^{commit}`, `<rev>:<path>`) through one `git cat-file
 * --batch` process, in the order asked: the names are read from stdin, so none can act as an
 * option. A name that resolves to nothing (missing, ambiguous) comes back undefined. A name must
 * not hold a line break (the input is one name a line): the caller checks.
 */
export async function loadObjects(
  repo: LocalRepository,
  names: readonly string[],
): Promise<(GitObject | undefined)[]> {
  if (names.length === 0) return [];
  const stdout = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], {
      cwd: repo.dir,
      env: repo.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        isMissingGit(error)
          ? new GitError('git is not installed or not on PATH')
          : new GitError(error.message),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(describeFailure(['cat-file'], Buffer.concat(err).toString('utf8'), code ?? 'signal')),
        );
    });
    // Ignore EPIPE here: a git that died early is reported by `close` above.
    child.stdin.on('error', () => {});
    child.stdin.end(`${names.join('\n')}\n`);
  });
  return parseBatchOutput(stdout, names.length);
}

/** `<object> <type> <size>` before an object's contents; anything else is a name that resolved to nothing. */
const BATCH_HEADER = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;

/** `<object> <type> <size>\n<contents>\n` per object, or `<name> missing\n` (or `ambiguous`). */
function parseBatchOutput(output: Buffer, count: number): (GitObject | undefined)[] {
  const objects: (GitObject | undefined)[] = [];
  let at = 0;
  while (objects.length < count) {
    const end = output.indexOf(0x0a, at);
    if (end === -1) throw new GitError('git cat-file --batch ended early');
    const header = BATCH_HEADER.exec(output.toString('utf8', at, end));
    at = end + 1;
    if (header === null) {
      objects.push(undefined);
      continue;
    }
    const size = Number(header[3]);
    if (!Number.isSafeInteger(size) || at + size > output.length)
      throw new GitError('git cat-file --batch: unexpected output');
    objects.push({ object: header[1] ?? '', type: header[2] ?? '', data: output.subarray(at, at + size) });
    at += size + 1;
  }
  return objects;
}

export interface DecisionLog {
  /** The ref the log was read from: the local branch, else `origin/<branch>`. */
  ref: string;
  records: DecisionRecord[];
  /** Files under the log path that are not decision records, and why. */
  malformed: { path: string; error: string }[];
}

export interface DecisionLogFiles {
  /** The ref the log was read from: the local branch, else `origin/<branch>`. */
  ref: string;
  /** The commit that ref points to: every file below is read from it. */
  commit: string;
  /** Every file under the log path, by path; `text` is undefined when git could not read it. */
  files: { path: string; text: string | undefined }[];
}

/** The log branch's ref (local, else `origin/<branch>`) and commit, or undefined when neither exists. */
export async function findDecisionLogCommit(
  repo: LocalRepository,
  branch: string,
): Promise<{ ref: string; commit: string } | undefined> {
  const [local, remote] = await resolveFullRefs(repo, decisionLogRefs(branch));
  return pickDecisionLogCommit(branch, local, remote);
}

/** The refs the log branch is read from, in order: the local branch, then origin's. */
export function decisionLogRefs(branch: string): [local: string, remote: string] {
  return [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`];
}

/** The log's ref and commit from the commits of {@link decisionLogRefs}: the local branch first. */
export function pickDecisionLogCommit(
  branch: string,
  local: string | undefined,
  remote: string | undefined,
): { ref: string; commit: string } | undefined {
  if (local !== undefined) return { ref: branch, commit: local };
  return remote === undefined ? undefined : { ref: `origin/${branch}`, commit: remote };
}

/**
 * Every file under `path` at a log commit, as raw text. One `ls-tree` and one `cat-file
 * --batch`, however many files there are. `markdownOnly` keeps the `.md` files (what precedent
 * reads); an audit reads everything, so that a stray file is reported rather than overlooked.
 */
export async function loadDecisionLogFilesAt(
  repo: LocalRepository,
  commit: string,
  path: string,
  options: { markdownOnly: boolean } = { markdownOnly: false },
): Promise<DecisionLogFiles['files']> {
  const folder = path.replace(/^\/+|\/+$/g, '');
  const entries = (
    await loadTreeEntries(repo, commit, folder === '' ? '.' : folder, { recursive: true })
  ).filter((entry) => entry.type === 'blob' && (!options.markdownOnly || entry.path.endsWith('.md')));
  const blobs = await loadBlobs(
    repo,
    entries.map((entry) => entry.object),
  );
  return entries.map((entry, index) => ({ path: entry.path, text: blobs[index]?.toString('utf8') }));
}

/**
 * Every file under the log path on the log branch (local, else `origin/<branch>`), as raw text,
 * or undefined when neither branch exists (see {@link loadDecisionLogFilesAt}).
 */
export async function loadDecisionLogFiles(
  repo: LocalRepository,
  log: { branch: string; path: string },
  options: { markdownOnly: boolean } = { markdownOnly: false },
): Promise<DecisionLogFiles | undefined> {
  const found = await findDecisionLogCommit(repo, log.branch);
  if (found === undefined) return undefined;
  return { ...found, files: await loadDecisionLogFilesAt(repo, found.commit, log.path, options) };
}

/**
 * The decision records on the log branch (local, else `origin/<branch>`), or undefined when
 * neither exists. One `ls-tree` and one `cat-file --batch`, however many records there are.
 */
export async function loadDecisionLog(
  repo: LocalRepository,
  log: { branch: string; path: string },
  /** Where the log branch is: a caller that has already asked git passes its answer. */
  find: (branch: string) => Promise<{ ref: string; commit: string } | undefined> = (branch) =>
    findDecisionLogCommit(repo, branch),
): Promise<DecisionLog | undefined> {
  const found = await find(log.branch);
  if (found === undefined) return undefined;
  const loaded = {
    ...found,
    files: await loadDecisionLogFilesAt(repo, found.commit, log.path, { markdownOnly: true }),
  };
  if (loaded.files.length === 0) return { ref: loaded.ref, records: [], malformed: [] };
  // The record parser, and the YAML and schema libraries under it, only for a log with files.
  const { parseDecisionRecord } = await import('../core/decision-record.ts');
  const records: DecisionRecord[] = [];
  const malformed: DecisionLog['malformed'] = [];
  for (const file of loaded.files) {
    const parsed =
      file.text === undefined ? { error: 'git could not read it' } : parseDecisionRecord(file.text);
    if ('record' in parsed) records.push(parsed.record);
    else malformed.push({ path: file.path, error: parsed.error });
  }
  return { ref: loaded.ref, records, malformed };
}

export interface LogHistoryCommit {
  sha: string;
  /** `%G?`: G good, U good with unknown validity, N none, B bad, E cannot check…; with a keyring only. */
  signature?: string;
  files: {
    path: string;
    status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied';
    previousPath?: string;
  }[];
}

const STATUSES: Record<string, LogHistoryCommit['files'][number]['status']> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
};

/**
 * Every commit of the log branch up to `commit`, oldest first, with the files each changed (its
 * first parent's diff; renames detected; the root commit as all added). One `git log`. With
 * `gnupgHome`, each commit's signature is checked against that keyring (`%G?`, as
 * `git verify-commit` checks it), in the same run.
 */
export async function loadLogHistory(
  repo: LocalRepository,
  commit: string,
  options: { gnupgHome?: string } = {},
): Promise<LogHistoryCommit[]> {
  const signed = options.gnupgHome !== undefined;
  const env = signed ? { ...repo.env, GNUPGHOME: options.gnupgHome } : repo.env;
  const format = signed ? '%x01%H %G?' : '%x01%H';
  const output = await git({ dir: repo.dir, env }, [
    '-c',
    'log.showRoot=true',
    'log',
    '-z',
    '--reverse',
    '--first-parent',
    '-m',
    '-M',
    '--no-color',
    '--name-status',
    `--format=${format}`,
    commit,
    '--',
  ]);
  const tokens = splitNul(output).map((token) => token.replace(/^\n+/, ''));
  const commits: LogHistoryCommit[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    if (token.startsWith('\x01')) {
      const [sha = '', signature] = token.slice(1).split(' ');
      commits.push({ sha, ...(signed ? { signature: signature ?? 'N' } : {}), files: [] });
      continue;
    }
    const current = commits.at(-1);
    if (current === undefined || token === '') continue;
    const status = STATUSES[token[0] ?? ''] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const previousPath = tokens[++index] ?? '';
      current.files.push({ path: tokens[++index] ?? '', status, previousPath });
    } else current.files.push({ path: tokens[++index] ?? '', status });
  }
  return commits;
}
