// A decision record as a log commit holds it: what an execution record names as the decision it
// followed. Read at that commit, so later changes to the branch cannot change what is read.
import { type DecisionRecord, parseDecisionRecord } from '../core/decision-record.ts';
import type { GitHubClient } from './client.ts';
import { loadFile } from './load-file.ts';

/**
 * The record at `path` in commit `ref`; undefined when it is not there or is no valid record.
 * Throws when GitHub did not answer usefully: the caller's work is retried, never decided on a guess.
 */
export async function loadDecisionRecordAt(
  github: GitHubClient,
  at: { owner: string; repo: string; path: string; ref: string },
): Promise<DecisionRecord | undefined> {
  const file = await loadFile(github, at);
  if (file.kind === 'error')
    throw new Error(`the decision record ${at.path} could not be read: ${file.error}`);
  if (file.kind !== 'file') return undefined;
  const parsed = parseDecisionRecord(file.text);
  return 'error' in parsed ? undefined : parsed.record;
}
