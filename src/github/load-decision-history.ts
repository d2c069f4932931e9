// Prior decisions, for precedent and `ask-once` (DESIGN §2): read from the commit messages of the
// log branch in one request (the newest 100 decisions), not from its files. The same answer
// tells the log writer where the branch's tip is, so a decision is written without reading the
// ref again.
import { parseDecisionCommitMessage } from '../core/decision-record.ts';
import type { PriorDecision } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { describeRequestError, readStatus } from './request-error.ts';

/** The log branch's newest commit and its tree, as the log writer builds on it. */
export interface LogTip {
  commit: string;
  tree: string;
}

export interface DecisionHistory {
  /** Undefined when the log could not be read: precedent then counts as first time. */
  decisions?: PriorDecision[];
  /** The branch tip; null when the branch does not exist yet; undefined when unknown. */
  tip?: LogTip | null;
  error?: string;
}

/**
 * Decisions in the log, newest first. Only commits GitHub attributes to Gatehouse's bot count, so
 * a commit message alone written by someone who can push to the log branch adds no precedent.
 * (GitHub attributes commits by e-mail address; protect the log branch so that only the App may
 * push to it: docs/security.md.)
 */
export async function loadDecisionHistory(
  github: GitHubClient,
  log: { owner: string; repo: string; branch: string },
  botId: number,
): Promise<DecisionHistory> {
  let commits: Awaited<ReturnType<GitHubClient['rest']['repos']['listCommits']>>['data'];
  try {
    ({ data: commits } = await github.rest.repos.listCommits({
      owner: log.owner,
      repo: log.repo,
      sha: log.branch,
      per_page: 100,
    }));
  } catch (error) {
    // 404: no such branch; 409: the repository is empty. Either way, nothing was decided yet.
    const status = readStatus(error);
    if (status === 404 || status === 409) return { decisions: [], tip: null };
    return { error: describeRequestError(error) };
  }
  const decisions: PriorDecision[] = [];
  for (const commit of commits) {
    if (commit.author?.id !== botId) continue;
    const decision = parseDecisionCommitMessage(commit.commit.message);
    if (decision) decisions.push(decision);
  }
  const newest = commits[0];
  return {
    decisions,
    tip: newest === undefined ? null : { commit: newest.sha, tree: newest.commit.tree.sha },
  };
}
