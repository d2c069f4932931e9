// The decision log through the API, for `gatehouse audit --repo` (DESIGN §9): every file under
// the log path on the log branch, as raw text, in a handful of requests. One recursive tree
// listing names the files and their blob ids; GraphQL then reads up to 100 blobs a query, by
// blob id rather than by `branch:path`, so every text comes from the tree that was listed even if
// Gatehouse writes a decision meanwhile. 1,000 records cost 11 requests, not 1,001.
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

/** One file of the log: its path on the branch and its text, as an audit reads it. */
export interface LogFile {
  path: string;
  text: string;
}

export interface AuditLogLocation {
  owner: string;
  repo: string;
  branch: string;
  /** The folder of the log on the branch (`decisions`); empty for the whole branch. */
  path: string;
}

export type LoadedAuditRecords =
  | {
      state: 'read';
      /** The SHA of the branch's root tree that was listed. */
      tree: string;
      files: LogFile[];
    }
  /** The repository exists (the token can read it) but has no such branch, or no commit yet. */
  | { state: 'no_branch' }
  /** No such repository, or the token may not see it: GitHub answers 404 for both. */
  | { state: 'no_repository' };

export interface LoadAuditRecordsOptions {
  /** Called after each batch of texts: how many files are read so far, of how many. */
  onProgress?: (read: number, total: number) => void;
  /** Blobs per GraphQL query; at most 100. */
  batchSize?: number;
  /** Where GraphQL lives when it is not `POST /graphql` of the client's base URL (Enterprise Server). */
  graphqlUrl?: string;
}

interface TreeBlob {
  path: string;
  sha: string;
}

type TreeItem = { path?: string; type?: string; sha?: string };

const BLOB_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
export const MAX_BATCH = 100;

/**
 * Every file under `location.path` on the branch, with its text. Requests: one tree listing when
 * the tree is not truncated (GitHub stops at 100,000 entries or 7 MB; then the folders are
 * listed one by one), then one GraphQL query per 100 distinct blobs, plus one REST read per blob
 * GraphQL does not inline (binary, or too large).
 */
export async function loadAuditRecords(
  github: GitHubClient,
  location: AuditLogLocation,
  options: LoadAuditRecordsOptions = {},
): Promise<LoadedAuditRecords> {
  const folder = location.path.replace(/^\/+|\/+$/g, '');
  let root: { sha: string; tree: TreeItem[]; truncated: boolean };
  try {
    const { data } = await github.rest.git.getTree({
      owner: location.owner,
      repo: location.repo,
      tree_sha: location.branch,
      recursive: '1',
    });
    root = data;
  } catch (error) {
    const status = readStatus(error);
    // 409: the repository is empty, so it has no branch at all.
    if (status === 409) return { state: 'no_branch' };
    if (status === 404)
      return (await repositoryExists(github, location)) ? { state: 'no_branch' } : { state: 'no_repository' };
    throw error;
  }
  const blobs = root.truncated
    ? await listTruncatedFolder(github, location, root.sha, folder)
    : selectBlobs(root.tree, '', folder);
  const texts = await loadBlobTexts(github, location, [...new Set(blobs.map((blob) => blob.sha))], options);
  const files = blobs.map((blob) => ({ path: blob.path, text: texts.get(blob.sha) ?? '' }));
  return { state: 'read', tree: root.sha, files };
}

async function repositoryExists(github: GitHubClient, location: AuditLogLocation): Promise<boolean> {
  try {
    await github.rest.repos.get({ owner: location.owner, repo: location.repo });
    return true;
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
}

/** The blobs of a tree listing (paths relative to it, under `prefix`) that lie in `folder`. */
function selectBlobs(items: readonly TreeItem[], prefix: string, folder: string): TreeBlob[] {
  const within = folder === '' ? '' : `${folder}/`;
  const blobs: TreeBlob[] = [];
  for (const item of items) {
    if (item.type !== 'blob' || item.path === undefined || item.sha === undefined) continue;
    const path = `${prefix}${item.path}`;
    if (path.startsWith(within)) blobs.push({ path, sha: item.sha });
  }
  return blobs;
}

/** The log folder of a tree too large to list at once: walked down to it, then listed folder by folder. */
async function listTruncatedFolder(
  github: GitHubClient,
  location: AuditLogLocation,
  rootSha: string,
  folder: string,
): Promise<TreeBlob[]> {
  let sha = rootSha;
  let prefix = '';
  for (const segment of folder === '' ? [] : folder.split('/')) {
    const { data } = await github.rest.git.getTree({
      owner: location.owner,
      repo: location.repo,
      tree_sha: sha,
    });
    const next = data.tree.find((item) => item.type === 'tree' && item.path === segment);
    if (next?.sha === undefined) return [];
    sha = next.sha;
    prefix = `${prefix}${segment}/`;
  }
  return listTree(github, location, sha, prefix);
}

async function listTree(
  github: GitHubClient,
  location: AuditLogLocation,
  sha: string,
  prefix: string,
): Promise<TreeBlob[]> {
  const at = { owner: location.owner, repo: location.repo, tree_sha: sha };
  const { data: whole } = await github.rest.git.getTree({ ...at, recursive: '1' });
  if (!whole.truncated) return selectBlobs(whole.tree, prefix, '');
  const { data: level } = await github.rest.git.getTree(at);
  const blobs = selectBlobs(level.tree, prefix, '');
  for (const item of level.tree) {
    if (item.type === 'tree' && item.sha !== undefined && item.path !== undefined)
      blobs.push(...(await listTree(github, location, item.sha, `${prefix}${item.path}/`)));
  }
  return blobs;
}

interface BlobAnswer {
  text: string | null;
  isTruncated: boolean;
  isBinary: boolean | null;
}

interface GraphQlAnswer {
  data?: { repository: Record<string, BlobAnswer | null> | null } | null;
  errors?: { type?: string; message: string }[];
}

/** The texts of blobs, by id: one GraphQL query per batch, one at a time (as GitHub asks of integrators). */
async function loadBlobTexts(
  github: GitHubClient,
  location: AuditLogLocation,
  shas: readonly string[],
  options: LoadAuditRecordsOptions,
): Promise<Map<string, string>> {
  const size = Math.min(Math.max(1, options.batchSize ?? MAX_BATCH), MAX_BATCH);
  const texts = new Map<string, string>();
  for (let start = 0; start < shas.length; start += size) {
    const batch = shas.slice(start, start + size);
    const fields = batch.map((sha, index) => {
      if (!BLOB_ID.test(sha)) throw new Error(`GitHub listed a blob with an unexpected id: ${sha}`);
      return `b${index}: object(oid: "${sha}") { ... on Blob { text isTruncated isBinary } }`;
    });
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    const { data: answer } = await github.request(
      options.graphqlUrl === undefined ? 'POST /graphql' : `POST ${options.graphqlUrl}`,
      { query, variables: { owner: location.owner, name: location.repo } },
    );
    const repository = (answer as GraphQlAnswer).data?.repository;
    if (repository === undefined || repository === null) {
      const message = (answer as GraphQlAnswer).errors?.map((error) => error.message).join('; ');
      throw new Error(`GitHub GraphQL did not return the records: ${message ?? 'no data'}`);
    }
    for (const [index, sha] of batch.entries()) {
      const blob = repository[`b${index}`];
      if (blob === undefined || blob === null)
        throw new Error(`GitHub has no blob ${sha}, which the tree lists`);
      texts.set(
        sha,
        blob.text === null || blob.isTruncated ? await loadBlobText(github, location, sha) : blob.text,
      );
    }
    options.onProgress?.(Math.min(start + size, shas.length), shas.length);
  }
  return texts;
}

/** A blob GraphQL did not inline, through REST (base64, up to 100 MB). */
async function loadBlobText(github: GitHubClient, location: AuditLogLocation, sha: string): Promise<string> {
  const { data } = await github.rest.git.getBlob({
    owner: location.owner,
    repo: location.repo,
    file_sha: sha,
  });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}
