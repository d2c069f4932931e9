// The Probot application: every delivery is checked against its event, mapped to the pull
// request gate it concerns, and handed to the shared orchestration, which recomputes the gate
// from GitHub. Nothing here decides anything; nothing is kept between deliveries but the App's
// own identity.
import type { ApplicationFunction, Logger, Probot, ProbotOctokit } from 'probot';
import { answerWaitingRuns } from '../gate/answer-deployments.ts';
import { recordExecution } from '../gate/record-execution.ts';
import {
  coalesced,
  type GateEnvironment,
  type GateRun,
  type GateScope,
  type PullRequestTrigger,
} from '../gate/run-pull-request-gate.ts';
import type { ClientTuning } from '../github/client.ts';
import type { ConditionalCache } from '../github/conditional-cache.ts';
import type { ReplicaArbitration } from '../github/creation-lease.ts';
import type { PullRequestTarget } from '../github/load-pull-request.ts';
import { describeRequestError, readStatus } from '../github/request-error.ts';
import { sleep } from '../github/sleep.ts';
import type { BotIdentity, BotIdentityCache } from './bot-identity.ts';
import { parseDelivery } from './delivery.ts';
import { createDeploymentClientFactory } from './deployment-token.ts';
import {
  APP_REQUEST_OPTIONS,
  handleApprovalIssueClick,
  handleApprovalIssueComment,
  handleDeploymentRequested,
  handleDeploymentReview,
} from './deployments.ts';
import { type DeliveryPlan, planDelivery } from './plan-delivery.ts';
import { recordRunExecution } from './record-run-execution.ts';
import { syncEnvironmentsOnPush } from './sync-on-push.ts';

export type RunPullRequestGate = (
  env: GateEnvironment,
  target: PullRequestTarget,
  trigger: PullRequestTrigger,
  scope?: GateScope,
) => Promise<GateRun>;

export interface AppDependencies {
  runPullRequestGate: RunPullRequestGate;
  identity: BotIdentityCache;
  now: () => Date;
  configPath?: string;
  /** The per-process queue that runs work on one gate at a time (X3). */
  serialize?: GateEnvironment['serialize'];
  /** The same queue, batching the deliveries that wait for one gate into one recompute. */
  coalesce?: GateEnvironment['coalesce'];
  /** The GitHub client's tuning, for the narrowed clients that answer deployments (D6). */
  clientTuning?: ClientTuning;
  /** Other processes serve the same installations (GATEHOUSE_REPLICAS): arbitrate through GitHub. */
  replicas?: ReplicaArbitration;
  /**
   * Conditional reads shared with the sweep: a resource a delivery read before (the policy, the
   * files, the log) and that has not changed since costs a 304, which GitHub does not count.
   */
  cache?: ConditionalCache;
  /** Whether the delivery was already answered 202 while its work runs (src/app/answer-budget.ts). */
  answered?: (deliveryId: string) => boolean;
  /** Keeps a delivery's work known until it ends (src/app/answer-budget.ts). */
  track?: <T>(deliveryId: string, work: Promise<T>) => Promise<T>;
  /** How work answered 202 is retried when it fails: the waits before each new attempt. */
  lateRetry?: LateRetry;
}

export interface LateRetry {
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

/** Three more attempts over about 40 s: long enough for GitHub's 5xx and secondary limits to pass. */
export const LATE_RETRY_DELAYS_MS = [2_000, 8_000, 30_000] as const;

/** The part of Probot's Context a delivery handler uses. */
export interface DeliveryContext {
  name: string;
  /** X-GitHub-Delivery: the same on a redelivery. */
  id: string;
  payload: unknown;
  octokit: ProbotOctokit;
  log: Logger;
}

/** A delivery that failed after it was accepted: answered 500, so GitHub can redeliver it (W7). */
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
  readonly status = 500;
}

/** Why a gate plan does not apply to Gatehouse's own account, or undefined when it does. */
function findSelfReason(
  plan: Extract<DeliveryPlan, { kind: 'gate' }>,
  self: BotIdentity,
): string | undefined {
  if (plan.checkRunAppId !== undefined && plan.checkRunAppId !== self.appId)
    // K1: another app (or a workflow) may post a check run with Gatehouse's name.
    return `the check run belongs to app ${plan.checkRunAppId ?? '(none)'}, not to Gatehouse (app ${self.appId})`;
  if (plan.ignoreWhenSenderIsSelf && 'sender' in plan.trigger && plan.trigger.sender?.id === self.botId)
    return "Gatehouse's own comment";
  return undefined;
}

async function createEnvironment(
  app: Pick<Probot, 'auth'>,
  context: DeliveryContext,
  deps: AppDependencies,
): Promise<GateEnvironment> {
  const installationId = (context.payload as { installation?: { id?: unknown } }).installation?.id;
  // The sweep uses the same scope: both read with this installation's token.
  if (typeof installationId === 'number')
    deps.cache?.attach(context.octokit, `installation ${installationId}`);
  const self = await deps.identity.load(() => app.auth(), context.octokit);
  return {
    github: context.octokit,
    now: deps.now,
    self,
    log: context.log,
    ...(deps.configPath === undefined ? {} : { configPath: deps.configPath }),
    ...(deps.serialize === undefined ? {} : { serialize: deps.serialize }),
    ...(deps.replicas === undefined ? {} : { replicas: deps.replicas }),
    ...(deps.coalesce === undefined ? {} : { coalesce: deps.coalesce }),
    ...(typeof installationId === 'number'
      ? { deploymentClient: createDeploymentClientFactory(app, installationId, deps.clientTuning) }
      : {}),
  };
}

async function runGates(
  env: GateEnvironment,
  context: DeliveryContext,
  plan: Extract<DeliveryPlan, { kind: 'gate' }>,
  deps: AppDependencies,
): Promise<void> {
  const reason = findSelfReason(plan, env.self);
  if (reason !== undefined) {
    context.log.debug({ delivery: context.id, event: context.name }, `ignored: ${reason}`);
    return;
  }
  // The orchestration logs each run (with the delivery id, which Probot puts on context.log).
  for (const target of plan.targets) {
    const run = await deps.runPullRequestGate(env, target, plan.trigger, plan.scope);
    // An unreadable policy is a transient failure: fail the delivery so that it is retried,
    // never publish a red check for it.
    if (run.policy === 'unreadable')
      throw new Error(
        `the policy of ${target.owner}/${target.repo}#${target.number} could not be read (${run.error ?? 'no answer'}); nothing was published`,
      );
    // What decided the pull request's gate may decide a deployment of its head too.
    if (run.policy === 'valid' && run.headSha !== undefined)
      await answerDeploymentsOfHead(env, { owner: target.owner, repo: target.repo }, run.headSha);
  }
}

/**
 * Answers the deployments of the head that wait for Gatehouse. An installation without the Actions
 * permission (an App registered for pull-request gates only) cannot list them: that is said once
 * per delivery and the pull request's gate stands.
 */
async function answerDeploymentsOfHead(
  env: GateEnvironment,
  repository: { owner: string; repo: string },
  sha: string,
): Promise<void> {
  try {
    // Deliveries of one head that wait together share one listing: it reads what all their gates wrote.
    const key = `deployments of ${repository.owner}/${repository.repo}@${sha}`;
    await coalesced(env, key, '', undefined, () =>
      answerWaitingRuns(env, repository, { sha, requestOptions: APP_REQUEST_OPTIONS }),
    );
  } catch (error) {
    if (readStatus(error) !== 403) throw error;
    env.log.warn(
      { error: describeRequestError(error) },
      'deployment gates need the Actions (read) and Deployments (write) permissions: no deployment was looked at',
    );
  }
}

async function runPlan(
  app: Pick<Probot, 'auth'>,
  context: DeliveryContext,
  plan: Exclude<DeliveryPlan, { kind: 'ignore' | 'note' }>,
  deps: AppDependencies,
): Promise<void> {
  const env = await createEnvironment(app, context, deps);
  switch (plan.kind) {
    case 'gate':
      return runGates(env, context, plan, deps);
    case 'approval_issue':
      if (plan.sender.id === env.self.botId) {
        context.log.debug({ delivery: context.id }, "ignored: Gatehouse's own comment");
        return;
      }
      return handleApprovalIssueComment(env, plan);
    case 'deployment':
      await handleDeploymentRequested(env, plan);
      return;
    case 'deployment_review':
      return handleDeploymentReview(env, plan);
    case 'approval_issue_click':
      // K1: only this App's runs; another app may name a run like Gatehouse's.
      if (plan.checkRunAppId !== env.self.appId) {
        context.log.debug({ delivery: context.id }, 'ignored: the check run is not Gatehouse’s');
        return;
      }
      if (plan.sender.id === env.self.botId) return;
      return handleApprovalIssueClick(env, plan);
    case 'execution': {
      const run = await recordExecution(env, plan.target);
      if (run.outcome === 'skipped')
        context.log.debug(
          { delivery: context.id, pull: plan.target.number },
          `no execution record: ${run.reason}`,
        );
      return;
    }
    case 'deployment_execution':
    case 'request_execution':
      return recordRunExecution(env, context, plan);
    case 'sync_environments':
      await syncEnvironmentsOnPush(env, {
        ...plan.repository,
        sha: plan.sha,
        defaultBranch: plan.defaultBranch,
      });
      return;
  }
}

/**
 * Why a delivery changes no gate (its plan is `ignore`), for the front that answers such deliveries
 * before Probot (src/app/webhook-front.ts); undefined for one that may, or that the handler refuses.
 */
export function findIgnoreReason(name: string, payload: unknown): string | undefined {
  const delivery = parseDelivery(name, payload);
  if (delivery === undefined) return undefined;
  const plan = planDelivery(delivery);
  return plan.kind === 'ignore' ? plan.reason : undefined;
}

/**
 * Handles one delivery. A body that does not fit its event is refused (400); a failure after that
 * is logged with the delivery id and rethrown as a 500, so that GitHub shows the delivery as failed
 * and a redelivery reprocesses it.
 */
export async function handleDelivery(
  app: Pick<Probot, 'auth'>,
  context: DeliveryContext,
  deps: AppDependencies,
): Promise<void> {
  const delivery = parseDelivery(context.name, context.payload);
  if (delivery === undefined) return;
  const plan = planDelivery(delivery);
  const fields = { delivery: context.id, event: context.name };
  switch (plan.kind) {
    case 'ignore':
      context.log.debug(fields, `ignored: ${plan.reason}`);
      return;
    case 'note':
      context.log[plan.level]({ ...fields, ...plan.fields }, plan.message);
      return;
    default:
      try {
        await runPlan(app, context, plan, deps);
      } catch (error) {
        // Answered 202 already: GitHub will not redeliver it, so the process finishes the work.
        if (deps.answered?.(context.id) === true) return retryLate(app, context, plan, deps, error);
        context.log.error(
          { ...fields, err: error },
          `delivery ${context.id} (${context.name}) failed: GitHub shows it as failed and a redelivery retries it`,
        );
        throw new DeliveryFailedError(
          `delivery ${context.id} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
  }
}

/**
 * Runs the plan of a delivery answered 202 again after each failure, with growing waits, and says
 * so in the log; when every attempt failed, the sweep is the last resort (docs/app.md).
 */
async function retryLate(
  app: Pick<Probot, 'auth'>,
  context: DeliveryContext,
  plan: Exclude<DeliveryPlan, { kind: 'ignore' | 'note' }>,
  deps: AppDependencies,
  firstError: unknown,
): Promise<void> {
  const retry = deps.lateRetry ?? {
    delaysMs: LATE_RETRY_DELAYS_MS,
    sleep,
  };
  const fields = { delivery: context.id, event: context.name };
  let error = firstError;
  for (const [index, delayMs] of retry.delaysMs.entries()) {
    context.log.warn(
      { ...fields, err: error, attempt: index + 2, delayMs },
      `delivery ${context.id} (${context.name}) failed after it was answered 202: retrying in ${delayMs} ms`,
    );
    await retry.sleep(delayMs);
    try {
      await runPlan(app, context, plan, deps);
      context.log.info({ ...fields, attempt: index + 2 }, `delivery ${context.id} finished on a retry`);
      return;
    } catch (next) {
      error = next;
    }
  }
  context.log.error(
    { ...fields, err: error },
    `delivery ${context.id} (${context.name}) failed ${retry.delaysMs.length + 1} times after it was answered 202: the sweep reconciles its gate`,
  );
}

/** The Probot application function. */
export function createGatehouseApp(deps: AppDependencies): ApplicationFunction {
  return (app) => {
    app.onAny(async (context) => {
      // Probot hands every listener its Context; the type of onAny names only the webhook event.
      const delivery = context as unknown as DeliveryContext;
      const work = handleDelivery(app, delivery, deps);
      await (deps.track === undefined ? work : deps.track(delivery.id, work));
    });
  };
}
