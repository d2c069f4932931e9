// The decision log (DESIGN §5): one file per decision, committed to the log branch through the
// API, never through a checkout. The branch starts as an orphan (no parent, no other files, so
// no workflow of the default branch runs on its pushes: R9), made through the Git Data API (tree,
// commit, ref). Every later record is one request to the contents API, `PUT …/contents/{path}`
// with the branch and no `sha`: GitHub commits the file on the branch's tip, and refuses (422) to
// overwrite a file already at the path. That refusal is the append-only guarantee: a file at the
// record's path is never replaced, even with other bytes (a decision re-evaluated beyond the
// history the caller read, or links that differ from run to run), since a rewritten record is
// what the audit reports as tampering. The same decision twice writes nothing: its file is named
// by the decision id. The branch moving under the write (409), a lost answer (R3) or another
// writer creating the branch first are tried again, a few times, then reported (R8).
//
// Both ways, the App sends no author, committer or signature: GitHub then signs the commit as the
// App's bot (or github-actions[bot] in the Action), which is what the audit and precedent count.
import {
  createDecisionRecordPath,
  type DecisionRecord,
  renderDecisionCommitMessage,
  renderDecisionRecord,
} from '../core/decision-record.ts';
import { isSameBranch } from '../core/policy.ts';
import type { GitHubClient } from './client.ts';
import type { LogTip } from './load-decision-history.ts';
import { isTransient, NO_RETRY, readStatus } from './request-error.ts';

/** Attempts at landing one decision before giving up visibly. */
export const MAX_LOG_ATTEMPTS = 5;

export interface DecisionLogEntry {
  owner: string;
  repo: string;
  branch: string;
  /** `decisions/2026/03/<id>.md` */
  path: string;
  content: string;
  message: string;
}

/**
 * The log entry of a decision record: where the policy's `log:` says it goes, and its commit
 * message. Never the repository's default branch (DESIGN §5, §11): a policy that names it is
 * invalid already, and the writer refuses it again here, so that no path commits records there.
 */
export function createDecisionLogEntry(
  repository: { owner: string; repo: string },
  record: DecisionRecord,
  log: { branch: string; path: string },
  defaultBranch: string,
): DecisionLogEntry {
  if (isSameBranch(log.branch, defaultBranch))
    throw new DecisionLogError(
      `log.branch: must not be the default branch "${defaultBranch}": the decision record ${record.id} was not committed`,
    );
  return {
    owner: repository.owner,
    repo: repository.repo,
    branch: log.branch,
    path: createDecisionRecordPath(record, log.path),
    content: renderDecisionRecord(record),
    message: renderDecisionCommitMessage(record),
  };
}

export interface PublishedDecisionRecord {
  /** The log commit that holds the record (the tip, when it was there already). */
  commit: string;
  outcome: 'created' | 'unchanged';
  attempts: number;
}

export class DecisionLogError extends Error {
  override name = 'DecisionLogError';
}

/** The commit at the tip of the log branch, or null when the branch does not exist. */
async function readTip(github: GitHubClient, entry: DecisionLogEntry): Promise<string | null> {
  try {
    const { data } = await github.rest.git.getRef({
      owner: entry.owner,
      repo: entry.repo,
      ref: `heads/${entry.branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (readStatus(error) === 404) return null;
    throw error;
  }
}

async function fileExists(github: GitHubClient, entry: DecisionLogEntry, commit: string): Promise<boolean> {
  try {
    await github.rest.repos.getContent({
      owner: entry.owner,
      repo: entry.repo,
      path: entry.path,
      ref: commit,
    });
    return true;
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
}

/** The first commit of a new log branch: the record alone, no parent. Null: the branch exists now. */
async function createOrphanBranch(github: GitHubClient, entry: DecisionLogEntry): Promise<string | null> {
  const { owner, repo } = entry;
  const tree = await github.rest.git.createTree({
    owner,
    repo,
    tree: [{ path: entry.path, mode: '100644', type: 'blob', content: entry.content }],
  });
  const commit = await github.rest.git.createCommit({
    owner,
    repo,
    message: entry.message,
    tree: tree.data.sha,
    parents: [],
  });
  try {
    await github.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${entry.branch}`,
      sha: commit.data.sha,
      ...NO_RETRY,
    });
    return commit.data.sha;
  } catch (error) {
    // Created meanwhile by another writer, or a lost answer (R3): the next attempt reads the ref.
    if (readStatus(error) === 422 || isTransient(error)) return null;
    throw error;
  }
}

type Attempt = PublishedDecisionRecord | 'again' | 'no-branch';

/** One contents-API write on an existing branch; a 422 is a file at the path only if it is there. */
async function addFile(github: GitHubClient, entry: DecisionLogEntry, attempt: number): Promise<Attempt> {
  try {
    const { data } = await github.rest.repos.createOrUpdateFileContents({
      owner: entry.owner,
      repo: entry.repo,
      path: entry.path,
      branch: entry.branch,
      message: entry.message,
      content: Buffer.from(entry.content, 'utf8').toString('base64'),
    });
    if (data.commit.sha === undefined) throw new DecisionLogError(`GitHub named no commit for ${entry.path}`);
    return { commit: data.commit.sha, outcome: 'created', attempts: attempt };
  } catch (error) {
    const status = readStatus(error);
    if (status === 422) {
      // The refusal to overwrite: the record is there (whatever its bytes), at the tip or below.
      const tip = await readTip(github, entry);
      if (tip === null) return 'no-branch';
      if (await fileExists(github, entry, tip))
        return { commit: tip, outcome: 'unchanged', attempts: attempt };
      throw error;
    }
    if (status === 404) return 'no-branch';
    // The branch moved under the write, or no answer (it may have landed: the next try says so).
    if (status === 409 || isTransient(error)) return 'again';
    throw error;
  }
}

/**
 * Commits the record, unless a file is at its path already (`unchanged`, whatever its bytes).
 * `tip` is the branch tip as the caller last read it (null: the branch does not exist); without
 * it the ref is read first. Only whether the branch exists matters: GitHub writes on its tip.
 */
export async function publishDecisionRecord(
  github: GitHubClient,
  entry: DecisionLogEntry,
  options: { tip?: LogTip | null } = {},
): Promise<PublishedDecisionRecord> {
  let exists: boolean | undefined = options.tip === undefined ? undefined : options.tip !== null;
  for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++) {
    if (exists === undefined) exists = (await readTip(github, entry)) !== null;
    if (!exists) {
      const commit = await createOrphanBranch(github, entry);
      if (commit !== null) return { commit, outcome: 'created', attempts: attempt };
      exists = undefined;
      continue;
    }
    const result = await addFile(github, entry, attempt);
    if (result === 'no-branch') exists = false;
    else if (result !== 'again') return result;
  }
  throw new DecisionLogError(
    `the decision record ${entry.path} could not be committed to ${entry.branch} after ${MAX_LOG_ATTEMPTS} attempts: the branch kept moving; the next event for this gate tries again`,
  );
}
