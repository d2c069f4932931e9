// Writes one execution record on the log branch (issue 12), whatever ran: read the policy for the
// log's place, read the log's recent history (the decision the execution followed is found in it,
// and whether the branch exists yet), build the record, and commit it unless this is a dry run;
// the writer commits nothing when the file is there already (a redelivery). The decision records
// are never touched.
import {
  createExecutionRecordPath,
  type ExecutionRecord,
  renderExecutionCommitMessage,
  renderExecutionRecord,
} from '../core/execution-record.ts';
import { isSameBranch } from '../core/policy.ts';
import { DEFAULT_CONFIG_PATH } from '../core/registry.ts';
import { type DecisionHistory, loadDecisionHistory } from '../github/load-decision-history.ts';
import { loadFile } from '../github/load-file.ts';
import { loadPolicy } from '../github/load-policy.ts';
import { publishDecisionRecord } from '../github/publish-decision-record.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

export type ExecutionRun =
  | {
      outcome: 'created' | 'unchanged' | 'dry_run';
      path: string;
      record: ExecutionRecord;
      logCommit?: string;
    }
  | { outcome: 'skipped'; reason: string };

/** The log as the record's builder sees it: where it lives, and its recent decisions. */
export interface ExecutionLog {
  branch: string;
  path: string;
  history: DecisionHistory;
}

export async function publishExecutionRecord(
  env: GateEnvironment,
  repository: { owner: string; repo: string },
  options: {
    defaultBranch: string;
    /** Whose log commits count as decisions: the App's bot, or an agent's account for its requests. */
    decisionsBy?: number;
  },
  build: (log: ExecutionLog) => Promise<ExecutionRecord | { skipped: string }>,
): Promise<ExecutionRun> {
  const { github, log } = env;
  const loaded = await loadPolicy(github, {
    ...repository,
    defaultBranch: options.defaultBranch,
    path: env.configPath ?? DEFAULT_CONFIG_PATH,
  });
  if (loaded.state === 'absent') return { outcome: 'skipped', reason: 'no policy: nothing was gated' };
  // Transient: fail the delivery, so that GitHub's redelivery records the execution later.
  if (loaded.state === 'unreadable') throw new Error(`the policy could not be read: ${loaded.error}`);
  if (loaded.state === 'invalid')
    return { outcome: 'skipped', reason: 'the policy is invalid: it names no log to write to' };
  const location = loaded.policy.log;
  if (isSameBranch(location.branch, options.defaultBranch))
    return { outcome: 'skipped', reason: 'log.branch is the default branch: nothing is committed there' };

  const history = await loadDecisionHistory(
    github,
    { ...repository, branch: location.branch },
    options.decisionsBy ?? env.self.botId,
    log,
  );
  if (history.error !== undefined) throw new Error(`the decision log could not be read: ${history.error}`);
  const record = await build({ branch: location.branch, path: location.path, history });
  if ('skipped' in record) return { outcome: 'skipped', reason: record.skipped };
  const path = createExecutionRecordPath(record, location.path);

  if (env.dryRun === true) {
    // A redelivery: the execution is recorded already (whatever the log's decisions say by now).
    // A real run learns it from the writer, which GitHub refuses to overwrite a file for.
    if (history.tip != null) {
      const existing = await loadFile(github, { ...repository, path, ref: history.tip.commit });
      if (existing.kind === 'file')
        return { outcome: 'unchanged', path, record, logCommit: history.tip.commit };
    }
    log.info({ path, approved: record.approved }, 'dry run: would commit the execution record');
    return { outcome: 'dry_run', path, record };
  }
  const written = await publishDecisionRecord(
    github,
    {
      ...repository,
      branch: location.branch,
      path,
      content: renderExecutionRecord(record),
      message: renderExecutionCommitMessage(record),
    },
    // Read just above (or there is no log branch yet): the writer need not look again.
    history.tip === undefined ? {} : { tip: history.tip },
  );
  log.info(
    {
      path,
      type: record.execution.type,
      approved: record.approved,
      decision: record.decision?.id,
      commit: written.commit,
    },
    record.approved
      ? `${record.execution.type} recorded: the approved commit`
      : `${record.execution.type} recorded: NOT the approved commit`,
  );
  return { outcome: written.outcome, path, record, logCommit: written.commit };
}
