// What API mode can prove about the log beyond its files (issue 12, docs/audit.md): the anchors
// the App put in its check runs, and the log commits GitHub does not vouch for as the App's.
// Requests: one for the App's bot account; the log's commits, 100 a page (each with GitHub's
// `verification` and author id); one GraphQL query per 100 commits the records decided (their
// check suites and runs, with texts); and one commit read per foreign log commit, for the files it
// changed (none on an untouched log).

import type { AnchorEvidence, ForeignLogCommit, ProvenanceEvidence } from '../core/audit/audit-report.ts';
import { parseRecordAnchor } from '../core/record-anchor.ts';
import type { GitHubClient } from './client.ts';
import { checkLogCommit } from './load-decision-history.ts';
import { readStatus } from './request-error.ts';

export interface ProvenanceLocation {
  owner: string;
  repo: string;
  branch: string;
  /** The slug of the App whose check runs anchor the records and whose bot writes the log. */
  app: string;
}

export class UnknownAppError extends Error {
  override name = 'UnknownAppError';
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Commits per GraphQL query; their check suites and runs, 100 each at most. */
const BATCH = 100;

export async function loadLogProvenance(
  github: GitHubClient,
  location: ProvenanceLocation,
  subjects: readonly string[],
  options: { graphqlUrl?: string } = {},
): Promise<ProvenanceEvidence> {
  const botId = await loadBotId(github, location.app);
  const foreignCommits = await loadForeignCommits(github, location, botId);
  const anchors = await loadAnchors(github, location, subjects, options.graphqlUrl);
  return { anchors, foreignCommits, app: location.app };
}

async function loadBotId(github: GitHubClient, app: string): Promise<number> {
  try {
    const { data } = await github.rest.users.getByUsername({ username: `${app}[bot]` });
    return data.id;
  } catch (error) {
    if (readStatus(error) === 404)
      throw new UnknownAppError(`--app ${app}: GitHub has no account ${app}[bot]`);
    throw error;
  }
}

async function loadForeignCommits(
  github: GitHubClient,
  location: ProvenanceLocation,
  botId: number,
): Promise<ForeignLogCommit[]> {
  const at = { owner: location.owner, repo: location.repo };
  let commits: Awaited<ReturnType<GitHubClient['rest']['repos']['listCommits']>>['data'];
  try {
    commits = await github.paginate(github.rest.repos.listCommits, {
      ...at,
      sha: location.branch,
      per_page: 100,
    });
  } catch (error) {
    const status = readStatus(error);
    if (status === 404 || status === 409) return [];
    throw error;
  }
  const foreign: ForeignLogCommit[] = [];
  for (const commit of commits) {
    const problem = checkLogCommit(commit, botId);
    if (problem === undefined) continue;
    const { data } = await github.rest.repos.getCommit({ ...at, ref: commit.sha });
    foreign.push({
      sha: commit.sha,
      problem,
      files: (data.files ?? []).map((file) => ({
        path: file.filename,
        status: file.status,
        ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }),
      })),
    });
  }
  return foreign;
}

interface RunNode {
  databaseId: number | null;
  externalId: string | null;
  text: string | null;
}
interface SuiteNode {
  app: { slug: string } | null;
  checkRuns: { nodes: (RunNode | null)[] | null } | null;
}
interface GraphQlAnswer {
  data?: {
    repository: Record<string, { checkSuites: { nodes: (SuiteNode | null)[] | null } | null } | null> | null;
  } | null;
  errors?: { message: string }[];
}

/** The anchors on the App's check runs (all of them, not only the latest) of each commit. */
async function loadAnchors(
  github: GitHubClient,
  location: ProvenanceLocation,
  subjects: readonly string[],
  graphqlUrl: string | undefined,
): Promise<AnchorEvidence[]> {
  const shas = [...new Set(subjects.map((sha) => sha.toLowerCase()))].filter((sha) => SHA.test(sha));
  const anchors: AnchorEvidence[] = [];
  for (let start = 0; start < shas.length; start += BATCH) {
    const batch = shas.slice(start, start + BATCH);
    const fields = batch.map(
      (sha, index) =>
        `c${index}: object(oid: "${sha}") { ... on Commit { checkSuites(first: 100) { nodes { app { slug } checkRuns(first: 100, filterBy: {checkType: ALL}) { nodes { databaseId externalId text } } } } } }`,
    );
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    const { data: answer } = await github.request(
      graphqlUrl === undefined ? 'POST /graphql' : `POST ${graphqlUrl}`,
      {
        query,
        variables: { owner: location.owner, name: location.repo },
      },
    );
    const repository = (answer as GraphQlAnswer).data?.repository;
    if (repository === undefined || repository === null) {
      const message = (answer as GraphQlAnswer).errors?.map((error) => error.message).join('; ');
      throw new Error(`GitHub GraphQL did not return the check runs: ${message ?? 'no data'}`);
    }
    for (const [index, sha] of batch.entries()) {
      for (const suite of repository[`c${index}`]?.checkSuites?.nodes ?? []) {
        // Only the named App's runs: any other app can write a run named `gatehouse`.
        if (suite?.app?.slug !== location.app) continue;
        for (const run of suite.checkRuns?.nodes ?? []) {
          const anchor = parseRecordAnchor(run?.text);
          if (anchor === undefined || run === null || run.databaseId === null) continue;
          anchors.push({ ...anchor, checkRunId: run.databaseId, externalId: run.externalId, headSha: sha });
        }
      }
    }
  }
  return anchors;
}
