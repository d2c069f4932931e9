// Prior decisions, for precedent and `ask-once` (DESIGN §2): read from the commit messages of the
// log branch in one request (the newest 100 decisions), not from its files. The same answer
// tells the log writer whether the branch exists, so a decision is written without reading the
// ref again.
//
// Only commits GitHub vouches for count (DESIGN §11). The App writes its log commits through the
// API as its installation (the Git Data API for the branch's first, the contents API after),
// with no author, committer or signature of its own, so GitHub signs them itself ("signature
// verification for bots"): the author is the App's bot, the committer GitHub's `web-flow`
// account, and `verification` says `verified: true`, reason `valid`. Anyone who can push to the
// log branch can write a commit with the bot's e-mail address, which GitHub attributes to the
// bot, but not one that GitHub signed as the bot's.
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
  /** The log commit that wrote each of `decisions`, by decision id: what a record's anchor names. */
  commits?: Map<string, string>;
  /** The branch tip; null when the branch does not exist yet; undefined when unknown. */
  tip?: LogTip | null;
  /** Decision commits passed over: not signed by GitHub as Gatehouse's bot (see below). */
  skipped?: number;
  error?: string;
}

/**
 * GitHub's own account, committer of what it signs (web UI commits, merges, and the commits an
 * App makes through the API). Matched by login: its id differs on each Enterprise Server, and the
 * login is GitHub's, never a user's.
 */
export const WEB_FLOW_LOGIN = 'web-flow';

type ListedCommit = Awaited<ReturnType<GitHubClient['rest']['repos']['listCommits']>>['data'][number];

/**
 * Why GitHub does not vouch for a log commit as Gatehouse's, or undefined when it does: signed and
 * verified by GitHub, authored by the bot's account (by numeric id), committed by the bot or by
 * GitHub itself, with at most one parent (Gatehouse never writes a merge commit).
 */
export function checkLogCommit(commit: ListedCommit, botId: number): string | undefined {
  const verification = commit.commit.verification;
  if (verification?.verified !== true || verification.reason !== 'valid')
    return `not verified by GitHub (${verification?.reason ?? 'no verification'})`;
  if (commit.author?.id !== botId) return `authored by ${commit.author?.login ?? 'no GitHub account'}`;
  const committer = commit.committer;
  if (committer?.id !== botId && committer?.login !== WEB_FLOW_LOGIN)
    return `committed by ${committer?.login ?? 'no GitHub account'}`;
  if ((commit.parents?.length ?? 0) > 1) return 'a merge commit';
  return undefined;
}

/**
 * Decisions in the log, newest first. Only commits GitHub signed and verified as Gatehouse's bot
 * count ({@link checkLogCommit}): a commit pushed to the log branch with the bot's e-mail address
 * adds nothing, and is logged at debug level and counted in `skipped`.
 */
export async function loadDecisionHistory(
  github: GitHubClient,
  log: { owner: string; repo: string; branch: string },
  botId: number,
  logger?: { debug: (fields: unknown, message?: string) => void },
): Promise<DecisionHistory> {
  let commits: ListedCommit[];
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
  const written = new Map<string, string>();
  let skipped = 0;
  for (const commit of commits) {
    const decision = parseDecisionCommitMessage(commit.commit.message);
    if (decision === undefined) continue;
    const problem = checkLogCommit(commit, botId);
    if (problem !== undefined) {
      skipped++;
      logger?.debug(
        { commit: commit.sha, decision: decision.id, problem },
        `log commit ${commit.sha} is no record of Gatehouse's: ${problem}`,
      );
      continue;
    }
    decisions.push(decision);
    written.set(decision.id, commit.sha);
  }
  const newest = commits[0];
  return {
    decisions,
    commits: written,
    tip: newest === undefined ? null : { commit: newest.sha, tree: newest.commit.tree.sha },
    ...(skipped === 0 ? {} : { skipped }),
  };
}
