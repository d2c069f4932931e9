// The check-run history an audit cross-checks the decision log against (DESIGN §5: "check-run
// history is the audit trail on each commit"): every Gatehouse run on the commit a ref names, or
// on each commit of a pull request, re-runs included (`filter=all`). Runs are kept by name,
// `gatehouse` and `gatehouse: <environment>`, whichever app wrote them: a run of that name from
// another app is exactly what an audit wants to see.
import { type CheckRunEvidence, isGateCheckName } from '../core/audit/index.ts';
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

export type LoadedCheckRunEvidence =
  | {
      state: 'read';
      checkRuns: CheckRunEvidence[];
      /** The commits whose runs were listed: the ref's, and the pull request's. */
      commits: string[];
    }
  | { state: 'no_ref'; ref: string }
  | { state: 'no_pull_request'; pullRequest: number };

export interface CheckRunSubjects {
  owner: string;
  repo: string;
  /** A branch, tag or commit SHA. */
  ref?: string;
  /** A pull request: the runs on each of its commits (GitHub lists at most 250). */
  pullRequest?: number;
}

/**
 * The Gatehouse check runs on the ref's commit and on the pull request's commits, oldest first,
 * each run once. Requests: one to resolve the ref to its commit, one per 100 commits of the pull
 * request, then one per 100 runs of each commit.
 */
export async function loadCheckRunEvidence(
  github: GitHubClient,
  subjects: CheckRunSubjects,
): Promise<LoadedCheckRunEvidence> {
  const { owner, repo } = subjects;
  const commits: string[] = [];
  if (subjects.ref !== undefined) {
    const sha = await resolveRef(github, owner, repo, subjects.ref);
    if (sha === undefined) return { state: 'no_ref', ref: subjects.ref };
    commits.push(sha);
  }
  if (subjects.pullRequest !== undefined) {
    try {
      const listed = await github.paginate(github.rest.pulls.listCommits, {
        owner,
        repo,
        pull_number: subjects.pullRequest,
        per_page: 100,
      });
      commits.push(...listed.map((commit) => commit.sha));
    } catch (error) {
      if (readStatus(error) === 404) return { state: 'no_pull_request', pullRequest: subjects.pullRequest };
      throw error;
    }
  }
  const unique = [...new Set(commits)];
  const runs = new Map<number, CheckRunEvidence>();
  for (const ref of unique) {
    const listed = await github.paginate(github.rest.checks.listForRef, {
      owner,
      repo,
      ref,
      filter: 'all',
      per_page: 100,
    });
    for (const run of listed) {
      if (!isGateCheckName(run.name)) continue;
      runs.set(run.id, {
        id: run.id,
        name: run.name,
        headSha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion,
        externalId: run.external_id === '' ? null : run.external_id,
        completedAt: run.completed_at,
        ...(run.html_url === null ? {} : { url: run.html_url }),
        ...(run.output.title === null ? {} : { title: run.output.title }),
      });
    }
  }
  return { state: 'read', checkRuns: [...runs.values()].sort((a, b) => a.id - b.id), commits: unique };
}

/** The commit a branch, tag or SHA names on GitHub (`application/vnd.github.sha`: the SHA alone). */
async function resolveRef(
  github: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await github.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner,
      repo,
      ref,
      headers: { accept: 'application/vnd.github.sha' },
    });
    const sha = String(data).trim();
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
      throw new Error(`GitHub resolved ${ref} to "${sha.slice(0, 80)}", not a commit SHA`);
    return sha;
  } catch (error) {
    // 404: no such branch or tag; 422: no commit for that SHA.
    const status = readStatus(error);
    if (status === 404 || status === 422) return undefined;
    throw error;
  }
}
