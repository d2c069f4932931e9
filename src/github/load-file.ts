// One file through the contents API, as text. Used for the policy (base branch), its `extends:`
// base (that repository's default branch) and spec files (the PR's head commit, read from the base
// repository, which serves a fork's commits too: S7).
import type { GitHubClient } from './client.ts';
import { describeRequestError, readStatus } from './request-error.ts';

/** Larger files are not read: no policy or spec needs more, and the API inlines at most 1 MB. */
export const MAX_FILE_BYTES = 1_000_000;

export type FileLoad =
  | { kind: 'file'; text: string }
  | { kind: 'missing' }
  /** Exists but cannot be used: a folder, a symlink, too large. */
  | { kind: 'unusable'; reason: string }
  /** GitHub did not answer usefully (5xx, network, rate limit, permission): try again later. */
  | { kind: 'error'; error: string };

export async function loadFile(
  github: GitHubClient,
  file: { owner: string; repo: string; path: string; ref?: string },
): Promise<FileLoad> {
  let data: unknown;
  try {
    const response = await github.rest.repos.getContent({
      owner: file.owner,
      repo: file.repo,
      path: file.path,
      ...(file.ref === undefined ? {} : { ref: file.ref }),
    });
    data = response.data;
  } catch (error) {
    if (readStatus(error) === 404) return { kind: 'missing' };
    return { kind: 'error', error: describeRequestError(error) };
  }
  if (Array.isArray(data)) return { kind: 'unusable', reason: 'it is a folder, not a file' };
  const entry = data as { type?: unknown; size?: unknown; encoding?: unknown; content?: unknown };
  if (entry.type !== 'file') return { kind: 'unusable', reason: `it is a ${String(entry.type)}, not a file` };
  const size = typeof entry.size === 'number' ? entry.size : 0;
  if (size > MAX_FILE_BYTES || entry.encoding !== 'base64' || typeof entry.content !== 'string') {
    return {
      kind: 'unusable',
      reason: `it is too large to read (${size} bytes; at most ${MAX_FILE_BYTES} are read)`,
    };
  }
  return { kind: 'file', text: Buffer.from(entry.content, 'base64').toString('utf8') };
}
