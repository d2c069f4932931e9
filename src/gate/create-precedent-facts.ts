// What precedent (`ask-once`, DESIGN §2) may rest on in this runtime. The App's log commits are
// signed by GitHub as its own bot, and load-decision-history keeps only those; the Action's are
// `github-actions[bot]`'s, an identity every workflow of the repository shares, so nothing it reads
// back from the log is trusted (DESIGN §11) and the runtime says so through `untrustedLog`.
import type { Facts, Policy } from '../core/model.ts';
import type { DecisionHistory } from '../github/load-decision-history.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

/**
 * The history and its note for the facts: the decisions GitHub vouches for, less the request's
 * own (its earlier decisions would change the risk, and in ask-once the state, of the very
 * request they decided); none at all where the runtime does not trust its log.
 */
export function createPrecedentFacts(
  env: GateEnvironment,
  policy: Policy,
  history: DecisionHistory,
  requestHash: string,
): Pick<Facts, 'history' | 'historyNote'> {
  if (history.skipped !== undefined)
    env.log.info(
      { skipped: history.skipped, branch: policy.log.branch },
      `${history.skipped} decision commit(s) on ${policy.log.branch} are not signed by GitHub as Gatehouse's and count as no precedent`,
    );
  if (env.untrustedLog !== undefined) {
    if (policy.mode === 'ask-once') env.untrustedLog.onIgnored?.();
    return { historyNote: env.untrustedLog.reason };
  }
  if (history.error !== undefined)
    env.log.warn(
      { error: history.error },
      'the decision log could not be read: precedent counts as first time',
    );
  const decisions = history.decisions?.filter((decision) => decision.requestHash !== requestHash);
  return decisions === undefined ? {} : { history: decisions };
}
