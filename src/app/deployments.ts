// The App's deployment side: Gatehouse as the custom protection rule of an environment (DESIGN
// §8). A `requested` delivery is checked against the API before anything is evaluated: the run
// must be this repository's, still waiting, and waiting for that environment (the payload only
// says which run to look at). Every event that may decide a gate ends by answering the runs that
// wait for it; the sweep does the same for runs whose delivery was lost (D3, W12).

import type { DeliveryPlan } from '../app/plan-delivery.ts';
import { mergeActors } from '../core/model.ts';
import { type AnsweredDeployment, answeringClient, answerWaitingRuns } from '../gate/answer-deployments.ts';
import type { ReconciledGates } from '../gate/reconciled-gates.ts';
import { recordDeploymentStatement } from '../gate/record-deployment-statement.ts';
import { runDeploymentGate } from '../gate/run-deployment-gate.ts';
import type { GateEnvironment } from '../gate/run-pull-request-gate.ts';
import {
  type RequestGateOptions,
  runApprovalIssueGate,
  sweepRequestGates,
} from '../gate/run-request-gate.ts';
import {
  answerProtectionRule,
  createRuleLookup,
  loadDeploymentCreators,
  loadWaitingRun,
  parseCallbackRunId,
} from '../github/deployment-protection.ts';

/** The App's approval issues: a check run on the commit; no repository_dispatch (the Action's). */
export const APP_REQUEST_OPTIONS: RequestGateOptions = { checkRun: true, dispatch: false };

type Plan<K extends DeliveryPlan['kind']> = Extract<DeliveryPlan, { kind: K }>;

/**
 * A deployment waits for Gatehouse: evaluate its gate, answer it when decided, or else leave one
 * status report on the run that says where to decide (GitHub keeps at most 10 per deployment:
 * one per delivery stays well within that).
 */
export async function handleDeploymentRequested(
  env: GateEnvironment,
  plan: Plan<'deployment'>,
): Promise<AnsweredDeployment | undefined> {
  const { log } = env;
  const repository = { owner: plan.repository.owner, repo: plan.repository.repo };
  const runId = parseCallbackRunId(plan.callbackUrl, repository);
  if (runId === undefined) {
    log.warn(
      { callback: plan.callbackUrl },
      'the deployment callback URL is not a workflow run of this repository: ignored',
    );
    return undefined;
  }
  const run = await loadWaitingRun(env.github, plan.repository, runId);
  if (run === undefined) {
    log.info(
      { run: runId },
      'the workflow run no longer waits (finished, cancelled, or not this repository’s)',
    );
    return undefined;
  }
  if (!run.environments.includes(plan.environment)) {
    log.info({ run: runId, environment: plan.environment }, 'the run does not wait for this environment');
    return undefined;
  }
  if (run.sha !== plan.sha)
    log.warn(
      { run: runId, payload: plan.sha, run_sha: run.sha },
      'the payload names another commit than the run: the run’s is gated',
    );
  const answered = await answerWaitingRuns(env, repository, {
    runs: [
      {
        ...run,
        environments: [plan.environment],
        actors: mergeActors(plan.creator === undefined ? [] : [plan.creator], run.actors),
      },
    ],
    requestOptions: APP_REQUEST_OPTIONS,
  });
  const entry = answered[0];
  if (entry !== undefined && entry.answer === undefined && !env.dryRun) {
    const report = await answerProtectionRule(await answeringClient(env, repository), repository, {
      runId,
      environment: plan.environment,
      comment: entry.summary,
    });
    if (report.outcome === 'refused')
      log.info(
        { run: runId, status: report.status },
        'GitHub refused the status report: the run no longer waits',
      );
  }
  return entry;
}

/** A comment on an approval issue: recompute its gate, then answer the deployments waiting for it. */
export async function handleApprovalIssueComment(
  env: GateEnvironment,
  plan: Plan<'approval_issue'>,
): Promise<void> {
  const repository = plan.repository;
  const run = await runApprovalIssueGate(
    env,
    { ...repository, issueNumber: plan.issueNumber },
    APP_REQUEST_OPTIONS,
    plan.edit,
    plan.deletion,
  );
  if (run === undefined) {
    env.log.debug({ issue: plan.issueNumber }, 'not a Gatehouse approval issue');
    return;
  }
  if (run.policy === 'unreadable')
    throw new Error(
      `the policy of ${repository.owner}/${repository.repo} could not be read (${run.error ?? 'no answer'})`,
    );
  if (run.policy === 'valid' && run.environment !== undefined && run.sha !== undefined)
    await answerWaitingRuns(env, repository, { sha: run.sha, requestOptions: APP_REQUEST_OPTIONS });
}

/**
 * A review in GitHub's own dialog: written into the gate's timeline and the gate recomputed, so
 * that it is in the decision log whether or not the run still waits; then the waiting runs of the
 * commit are answered.
 */
export async function handleDeploymentReview(
  env: GateEnvironment,
  plan: Plan<'deployment_review'>,
): Promise<void> {
  const { repository } = plan;
  const isGatehouseRule = createRuleLookup(env.github, repository, env.self.appId);
  for (const environment of plan.environments) {
    // A review of an environment Gatehouse does not protect is GitHub's business alone.
    if (!(await isGatehouseRule(environment))) continue;
    const target = { ...repository, environment, sha: plan.sha };
    const recorded = await recordDeploymentStatement(env, target, {
      source: 'deployment_review',
      action: plan.action,
      actor: plan.reviewer,
      at: plan.at,
      key: [plan.runId, plan.at],
    });
    if (recorded === undefined) {
      env.log.info(
        { environment, sha: plan.sha },
        'a deployment review for a deployment Gatehouse has no gate for',
      );
      continue;
    }
    // The deployers kept on the gate's check runs are read with the gate; the creators here.
    const deployers = await loadDeploymentCreators(env.github, repository, { sha: plan.sha, environment });
    await runDeploymentGate(env, target, { deployers, requestOptions: APP_REQUEST_OPTIONS });
  }
  await answerWaitingRuns(env, repository, { sha: plan.sha, requestOptions: APP_REQUEST_OPTIONS });
}

/**
 * How often the sweep evaluates every waiting deployment, not only the due ones: a comment whose
 * delivery was lost changes a gate without making it due, and is picked up by the next full pass.
 */
export const FULL_RECONCILE_INTERVAL_MS = 30 * 60_000;

export type SweepDeployments = (
  env: GateEnvironment,
  repository: { owner: string; repo: string },
  reconciled?: ReconciledGates,
) => Promise<number>;

/**
 * The sweep's deployment half, per repository: approval issues that are due or changed since
 * `reconciled` saw them (sweepRequestGates), then the runs that wait for Gatehouse, evaluated and answered when decided. This is the
 * reconcile (D3, W12, X1, X2): the first sweep after a start, and one every
 * FULL_RECONCILE_INTERVAL_MS, evaluates every waiting deployment, so a delivery lost while the App
 * was down or a crash between a decision and its answer is picked up; the sweeps between look only
 * at gates that are due (no check run yet, decided, or a deadline or delay that has come), which
 * costs three reads per waiting deployment instead of a full evaluation. Returns a function that
 * keeps, in memory, when each repository had its last full pass.
 */
export function createDeploymentSweep(now: () => Date): SweepDeployments {
  const lastFull = new Map<string, number>();
  return async (env, repository, reconciled) => {
    const key = `${repository.owner}/${repository.repo}`.toLowerCase();
    const at = now().getTime();
    const last = lastFull.get(key);
    const full = last === undefined || at - last >= FULL_RECONCILE_INTERVAL_MS;
    if (full) lastFull.set(key, at);
    const issues = await sweepRequestGates(env, repository, APP_REQUEST_OPTIONS, reconciled);
    const answered = await answerWaitingRuns(env, repository, {
      requestOptions: APP_REQUEST_OPTIONS,
      onlyDue: !full,
    });
    return issues.length + answered.length;
  };
}

/**
 * A click on Approve or Reject of a deployment gate's run on a commit that is no open pull
 * request's head: the gate lives on an approval issue, where the click is written as a trace (as
 * on a pull request), then the issue's gate is recomputed and the waiting runs answered.
 */
export async function handleApprovalIssueClick(
  env: GateEnvironment,
  plan: Plan<'approval_issue_click'>,
): Promise<void> {
  const { repository } = plan;
  if (plan.action !== 'approve' && plan.action !== 'reject') {
    env.log.warn({ action: plan.action }, 'a check-run button Gatehouse does not offer: ignored');
    return;
  }
  const recorded = await recordDeploymentStatement(
    env,
    { ...repository, environment: plan.environment, sha: plan.sha },
    {
      source: 'check_action',
      action: plan.action,
      actor: plan.sender,
      at: env.now().toISOString(),
      key: [plan.checkRunId, plan.runSummary ?? ''],
    },
    'approval_issue',
  );
  if (recorded === undefined) {
    env.log.info(
      { environment: plan.environment, sha: plan.sha },
      'no approval issue for this deployment: the click is ignored',
    );
    return;
  }
  await handleApprovalIssueComment(env, {
    kind: 'approval_issue',
    installationId: plan.installationId,
    repository,
    issueNumber: recorded.number,
    sender: plan.sender,
  });
}
