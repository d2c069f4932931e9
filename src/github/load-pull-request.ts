// A pull request as the gate needs it, re-read from the API on every event: a webhook payload
// says what happened, never what is true now (W11, S2). Also its changed files, paginated up to
// GitHub's cap of 3,000 (R4): past the cap the list is marked incomplete and the engine fails
// closed.
import type { Actor } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
}

export interface PullRequestSnapshot {
  number: number;
  /** `owner/name` of the base repository, the one the gate is for. */
  repository: string;
  open: boolean;
  merged: boolean;
  draft: boolean;
  title: string;
  body: string;
  url: string;
  /** GitHub's time of the opening. */
  createdAt: string;
  author: Actor;
  head: { sha: string; ref: string; repository: string | undefined };
  /** `defaultBranch`: the repository's, as GitHub says now (`base.repo.default_branch`). */
  base: { ref: string; repository: string; defaultBranch: string };
  labels: string[];
  /** How many files GitHub says the PR changes: the file list is complete when it has as many. */
  changedFiles: number;
  /** Reviewers already requested: logins and team slugs, lower case. */
  requestedReviewers: string[];
  requestedTeams: string[];
  /** True when the head lives in another repository (a fork: S7). */
  fromFork: boolean;
}

/**
 * The base of a pull request that is not the repository's default branch, which its gate's
 * check is named for (`gatehouse (into release/1.x)`); undefined for the default branch.
 */
export function readInto(pr: { base: { ref: string; defaultBranch: string } }): string | undefined {
  return pr.base.ref === pr.base.defaultBranch ? undefined : pr.base.ref;
}

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3_000;

export function createActor(user: { id: number; login: string; type?: string }): Actor {
  return { id: user.id, login: user.login, type: user.type ?? 'User' };
}

/** The pull request, or undefined when there is none with that number (an issue, or deleted). */
export async function loadPullRequest(
  github: GitHubClient,
  target: PullRequestTarget,
): Promise<PullRequestSnapshot | undefined> {
  let data: Awaited<ReturnType<GitHubClient['rest']['pulls']['get']>>['data'];
  try {
    ({ data } = await github.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
    }));
  } catch (error) {
    if (readStatus(error) === 404) return undefined;
    throw error;
  }
  const repository = data.base.repo.full_name;
  const headRepository = data.head.repo?.full_name;
  return {
    number: data.number,
    repository,
    open: data.state === 'open',
    merged: data.merged,
    draft: data.draft === true,
    title: data.title,
    body: data.body ?? '',
    url: data.html_url,
    createdAt: data.created_at,
    author: createActor(data.user),
    head: { sha: data.head.sha, ref: data.head.ref, repository: headRepository },
    base: { ref: data.base.ref, repository, defaultBranch: data.base.repo.default_branch },
    labels: data.labels.map((label) => label.name),
    changedFiles: data.changed_files,
    requestedReviewers: (data.requested_reviewers ?? []).map((user) => user.login.toLowerCase()),
    requestedTeams: (data.requested_teams ?? []).map((team) => team.slug.toLowerCase()),
    fromFork: headRepository?.toLowerCase() !== repository.toLowerCase(),
  };
}

export interface ChangedFile {
  path: string;
  status: string;
}

/**
 * The files a pull request changes, 100 a page, at most 3,000. A renamed file counts under both
 * names, so moving a file out of a guarded folder still matches the folder's rules.
 * `complete` is false when GitHub has more than it lists.
 */
export async function loadChangedFiles(
  github: GitHubClient,
  target: PullRequestTarget,
  expected: number,
): Promise<{ files: ChangedFile[]; complete: boolean }> {
  const files: ChangedFile[] = [];
  let listed = 0;
  await github.paginate(
    github.rest.pulls.listFiles,
    { owner: target.owner, repo: target.repo, pull_number: target.number, per_page: 100 },
    (response, done) => {
      for (const file of response.data) {
        listed++;
        files.push({ path: file.filename, status: file.status });
        if (file.previous_filename !== undefined && file.previous_filename !== file.filename)
          files.push({ path: file.previous_filename, status: 'renamed_from' });
      }
      if (listed >= MAX_LISTED_FILES) done();
      return [];
    },
  );
  return { files, complete: expected <= MAX_LISTED_FILES && listed >= expected };
}
