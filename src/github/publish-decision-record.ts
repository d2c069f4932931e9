// The decision log (DESIGN §5): one file per decision, committed to the log branch through the
// Git Data API, never through a checkout. The branch starts as an orphan (no parent, no other
// files, so no workflow of the default branch runs on its pushes: R9). A concurrent writer, or a
// person pushing to the branch, makes the ref update fail as not a fast-forward: the commit is
// rebuilt on the new tip and tried again, a few times, then the failure is reported (R8). The same
// decision twice writes nothing: its file is named by the decision id.
//
// Append-only: a file already at the record's path is never replaced, even with other bytes (a
// decision re-evaluated beyond the history the caller read, or links that differ from run to run):
// a rewritten record is what the audit reports as tampering. Whether the file exists costs one
// read, saved when the caller's history vouches that it does not (DecisionHistory.complete).
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

function isConflict(error: unknown): boolean {
  const status = readStatus(error);
  return status === 422 || status === 409;
}

async function loadTip(github: GitHubClient, entry: DecisionLogEntry): Promise<LogTip | null> {
  let commit: string;
  try {
    const { data } = await github.rest.git.getRef({
      owner: entry.owner,
      repo: entry.repo,
      ref: `heads/${entry.branch}`,
    });
    commit = data.object.sha;
  } catch (error) {
    if (readStatus(error) === 404) return null;
    throw error;
  }
  const { data } = await github.rest.git.getCommit({
    owner: entry.owner,
    repo: entry.repo,
    commit_sha: commit,
  });
  return { commit, tree: data.tree.sha };
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

/**
 * Commits the record, unless a file is at its path already (`unchanged`, whatever its bytes).
 * `tip` is the branch tip as the caller last read it (null: the branch does not exist), which
 * saves reading it again; without it the ref is read first. `absent: true` says the caller's
 * history shows no file of this decision at `tip`, which saves reading the file.
 */
export async function publishDecisionRecord(
  github: GitHubClient,
  entry: DecisionLogEntry,
  options: { tip?: LogTip | null; absent?: boolean } = {},
): Promise<PublishedDecisionRecord> {
  const { owner, repo } = entry;
  const file = { path: entry.path, mode: '100644' as const, type: 'blob' as const, content: entry.content };
  let tip = options.tip;
  for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++) {
    const retrying = attempt > 1;
    const vouched = options.absent === true && tip !== undefined && !retrying;
    if (tip === undefined || retrying) tip = await loadTip(github, entry);
    if (tip !== null && !vouched && (await fileExists(github, entry, tip.commit)))
      return { commit: tip.commit, outcome: 'unchanged', attempts: attempt };

    const tree = await github.rest.git.createTree({
      owner,
      repo,
      tree: [file],
      ...(tip === null ? {} : { base_tree: tip.tree }),
    });
    // The same file already there: the tree did not change.
    if (tip !== null && tree.data.sha === tip.tree)
      return { commit: tip.commit, outcome: 'unchanged', attempts: attempt };
    const commit = await github.rest.git.createCommit({
      owner,
      repo,
      message: entry.message,
      tree: tree.data.sha,
      parents: tip === null ? [] : [tip.commit],
    });
    try {
      if (tip === null) {
        await github.rest.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${entry.branch}`,
          sha: commit.data.sha,
          ...NO_RETRY,
        });
      } else {
        await github.rest.git.updateRef({
          owner,
          repo,
          ref: `heads/${entry.branch}`,
          sha: commit.data.sha,
          force: false,
        });
      }
      return { commit: commit.data.sha, outcome: 'created', attempts: attempt };
    } catch (error) {
      // Not a fast-forward, or the branch was created meanwhile: rebuild on the new tip. A lost
      // answer (R3) is checked the same way: the next attempt finds the file if it landed.
      if (!isConflict(error) && !isTransient(error)) throw error;
    }
  }
  throw new DecisionLogError(
    `the decision record ${entry.path} could not be committed to ${entry.branch} after ${MAX_LOG_ATTEMPTS} attempts: the branch kept moving; the next event for this gate tries again`,
  );
}
