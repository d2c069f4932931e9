// Gather → evaluate for a gate on an approval issue (an explicit request, or a deployment of a
// commit without a pull request). The same reads and rules as a pull-request gate, from the
// issue instead of the PR: its comments (every page) are the statements; Gatehouse's check runs
// on the request's commit and the decision log are read once; permissions once per author,
// teams once each. There are no pushes on an issue: approvals bind to the request hash (one
// issue per hash) and to the request's SHA, and the head is "seen" when the issue was opened.

import { hashRequest } from '../core/decision-id.ts';
import { evaluateGate, parseDeletedVeto, restoreVetoes } from '../core/gate.ts';
import {
  type Actor,
  type Facts,
  type GateResult,
  mergeActors,
  type Policy,
  type Request,
} from '../core/model.ts';
import { createCheckName } from '../core/registry.ts';
import { type ApprovalIssue, type IssueMark, readIssueMarks } from '../github/load-approval-issues.ts';
import { type DecisionHistory, loadDecisionHistory } from '../github/load-decision-history.ts';
import {
  type GateCheckRun,
  loadGateCheckRuns,
  mergeVetoes,
  summarizeGateCheckRuns,
} from '../github/load-gate-check-runs.ts';
import type { LoadedPolicy } from '../github/load-policy.ts';
import { createStatements, type IssueComment } from '../github/load-timeline.ts';
import { readTraces, type TraceComment } from '../github/traces.ts';
import { createPrecedentFacts } from './create-precedent-facts.ts';
import { loadAuthorization } from './load-authorization.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';
import type { ApprovalIssueDeletion } from './run-request-gate.ts';

export interface RequestGate {
  policy: Policy;
  /** The repository's default branch, where the policy was read: never the decision log's branch. */
  defaultBranch: string;
  request: Request;
  requestHash: string;
  /** Undefined while the request has no issue yet (its first evaluation). */
  issue?: ApprovalIssue;
  facts: Facts;
  result: GateResult;
  now: string;
  comments: IssueComment[];
  runs: GateCheckRun[];
  /** Deployment gates: who may not approve (D4), from this run's caller and the check runs. */
  deployers: Actor[];
  traces: TraceComment[];
  traceKeys: Set<string>;
  marks: IssueMark[];
  history: DecisionHistory;
}

export async function gatherRequestGate(
  env: GateEnvironment,
  target: { owner: string; repo: string },
  loaded: LoadedPolicy,
  request: Request,
  issue: { issue: ApprovalIssue; comments: IssueComment[] } | undefined,
  options: { checkRun: boolean; deployers?: Actor[]; deletion?: ApprovalIssueDeletion },
): Promise<RequestGate> {
  const { github, self } = env;
  const { policy } = loaded;
  const comments = issue?.comments ?? [];
  const [runs, history] = await Promise.all([
    options.checkRun
      ? loadGateCheckRuns(
          github,
          { ...target, sha: request.subject.sha },
          self.appId,
          createCheckName(request.gate.environment),
        )
      : Promise.resolve([]),
    loadDecisionHistory(github, { ...target, branch: policy.log.branch }, self.botId, env.log),
  ]);
  const now = env.now().toISOString();
  const requestHash = hashRequest(request);
  const precedent = createPrecedentFacts(env, policy, history, requestHash);
  const { trusted, keys } = readTraces(comments, self);
  const statements = createStatements({
    comments,
    reviews: [],
    traces: trusted,
    botId: self.botId,
    environment: request.gate.environment,
  });
  const runState = summarizeGateCheckRuns(runs, issue === undefined ? {} : { issue: issue.issue.number });
  // Vetoes are durable (DESIGN §11): those the issue's runs recorded, and one in a comment this
  // delivery says was deleted. Not where other workflows write as Gatehouse (the Action): a veto
  // read back from there could be forged. An issue not yet opened has none.
  const recordedVetoes =
    self.sharedIdentity === true || issue === undefined
      ? []
      : mergeVetoes(
          runState.vetoes,
          options.deletion === undefined
            ? []
            : parseDeletedVeto({ id: options.deletion.commentId, ...options.deletion }, [self.botId]),
        );
  const { permissions, teams } = await loadAuthorization(github, target, {
    policy,
    request,
    // The authors of vetoes that vanished are judged too: their permission is read like anyone's.
    statements: restoreVetoes(statements, recordedVetoes),
    botId: self.botId,
    history: precedent.history,
    policyFiles: loaded.files,
  });

  const requestedAt = issue?.issue.createdAt ?? now;
  const deployers = mergeActors(runState.deployers, options.deployers ?? []);
  const facts: Facts = {
    head: { sha: request.subject.sha, since: requestedAt, sinceEvent: 'requested' },
    statements,
    permissions,
    teams,
    selfIds: [self.botId],
    requestedAt,
    policyFiles: loaded.files,
    ...precedent,
    ...(deployers.length === 0 ? {} : { deployers }),
    ...(recordedVetoes.length === 0 ? {} : { recordedVetoes }),
  };
  const marks = readIssueMarks(comments, self.botId);
  const gate: RequestGate = {
    policy,
    defaultBranch: loaded.defaultBranch,
    request,
    requestHash,
    facts,
    result: evaluateGate(policy, request, facts, now),
    now,
    comments,
    runs,
    deployers,
    traces: trusted,
    traceKeys: keys,
    marks,
    history,
  };
  if (issue !== undefined) gate.issue = issue.issue;
  return reevaluateRequestGate(gate);
}

/**
 * Evaluates again with what changed without a read: the issue now exists (deadlines count from
 * its creation), or Gatehouse expired it because the pending queue was full (its notice says so).
 */
export function reevaluateRequestGate(gate: RequestGate, issue?: ApprovalIssue): RequestGate {
  const next: RequestGate = { ...gate };
  if (issue !== undefined) {
    next.issue = issue;
    next.facts = {
      ...gate.facts,
      head: { ...gate.facts.head, since: issue.createdAt },
      requestedAt: issue.createdAt,
    };
  }
  const result = evaluateGate(next.policy, next.request, next.facts, next.now);
  const expiry = next.marks.find((mark) => mark.type === 'queue_expired');
  if (expiry !== undefined && expiry.type === 'queue_expired' && isOpenState(result.state)) {
    const waited = Date.parse(expiry.at) - Date.parse(next.facts.requestedAt);
    next.result = {
      ...result,
      state: 'expired',
      reason: `the pending queue is full (max_pending ${expiry.maxPending})`,
      expiredAfterMs: Math.max(0, waited),
    };
  } else {
    next.result = result;
  }
  return next;
}

function isOpenState(state: GateResult['state']): boolean {
  return state === 'pending' || state === 'escalated' || state === 'changes_requested';
}
