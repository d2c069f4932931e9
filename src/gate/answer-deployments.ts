// Answering GitHub for the deployments that wait for Gatehouse, the environments' custom
// protection rule (DESIGN §8): which runs wait, whose gate each one is, and one answer per (run,
// environment) once the gate is decided. The answer comes after the gate is published, and so
// after its decision record: a crash in between leaves a decided gate and a run that still waits,
// which the next reconcile answers (X1, X2). Answering twice is harmless: GitHub refuses the
// second answer with a 4xx, which is final (D2).

import { mergeActors } from '../core/model.ts';
import { createCheckName, type Decision } from '../core/registry.ts';
import type { GitHubClient } from '../github/client.ts';
import {
  answerProtectionRule,
  createRuleLookup,
  loadDeploymentCreators,
  loadWaitingRuns,
  type WaitingRun,
} from '../github/deployment-protection.ts';
import { parseCheckRunState } from '../github/load-gate-check-runs.ts';
import { type DeploymentGateRun, runDeploymentGate } from './run-deployment-gate.ts';
import type { GateEnvironment, PullRequestTrigger } from './run-pull-request-gate.ts';
import type { RequestGateOptions } from './run-request-gate.ts';

type Repository = { owner: string; repo: string };

export interface AnsweredDeployment {
  runId: number;
  environment: string;
  sha: string;
  /** Where the gate stands, for a status report while it waits. */
  summary: string;
  state?: Decision;
  answer?: 'approved' | 'rejected';
  /** GitHub refused the answer (the run was cancelled or answered already): final, not retried. */
  refused?: number;
  route?: DeploymentGateRun['route'];
}

/**
 * Recomputes the gate of every deployment that waits for Gatehouse (optionally only those of one
 * commit, or of one run), and answers GitHub for each that is decided. The App calls it on a
 * deployment_protection_rule delivery, after any event that may decide a gate, and on every
 * sweep (the reconcile: a lost delivery or a restart never leaves a deployment to GitHub's
 * 30-day timeout, D3/W12). Each (commit, environment) is evaluated once even when several runs
 * wait for it.
 */
export async function answerWaitingRuns(
  env: GateEnvironment,
  repository: Repository,
  options: {
    sha?: string;
    /** Only these runs (a delivery's own run, read already). */
    runs?: WaitingRun[];
    trigger?: PullRequestTrigger;
    requestOptions: RequestGateOptions;
    /**
     * The sweep: evaluate only the gates that may have changed without an event, which are those
     * with no check run yet (a lost delivery), a completed one (decided, perhaps not answered:
     * a crash) or a wake-up time that has come; the others wait for their next event.
     */
    onlyDue?: boolean;
  },
): Promise<AnsweredDeployment[]> {
  const runs =
    options.runs ??
    (await loadWaitingRuns(env.github, repository, options.sha === undefined ? {} : { sha: options.sha }));
  const isGatehouseRule = createRuleLookup(env.github, repository, env.self.appId);
  const gates = new Map<string, Promise<DeploymentGateRun>>();
  const answered: AnsweredDeployment[] = [];
  for (const run of runs) {
    for (const environment of run.environments) {
      if (!(await isGatehouseRule(environment))) continue;
      const key = JSON.stringify([run.sha, environment]);
      let pending = gates.get(key);
      if (
        pending === undefined &&
        options.onlyDue === true &&
        !(await isDue(env, repository, run.sha, environment))
      )
        continue;
      if (pending === undefined) {
        pending = evaluateWaiting(env, repository, run, environment, options);
        gates.set(key, pending);
      }
      const gate = await pending;
      const entry: AnsweredDeployment = {
        runId: run.id,
        environment,
        sha: run.sha,
        summary: gate.summary,
        route: gate.route,
      };
      if (gate.state !== undefined) entry.state = gate.state;
      answered.push(entry);
      if (gate.answer === undefined) continue;
      entry.answer = gate.answer;
      if (env.dryRun) {
        env.log.info(
          { run: run.id, environment, answer: gate.answer },
          'dry run: would answer the deployment',
        );
        continue;
      }
      const result = await answerProtectionRule(await answeringClient(env, repository), repository, {
        runId: run.id,
        environment,
        state: gate.answer,
        comment: gate.summary,
      });
      if (result.outcome === 'refused') {
        entry.refused = result.status;
        env.log.info(
          { run: run.id, environment, status: result.status, message: result.message },
          'GitHub refused the answer: the run was cancelled or answered already; nothing to retry',
        );
      } else {
        env.log.info(
          { run: run.id, environment, answer: gate.answer },
          `deployment to ${environment} ${gate.answer}`,
        );
      }
    }
  }
  return answered;
}

/** Who answers GitHub: the narrowed client when the runtime has one (D6), else the gate's own. */
export async function answeringClient(env: GateEnvironment, repository: Repository): Promise<GitHubClient> {
  return env.deploymentClient === undefined ? env.github : env.deploymentClient(repository);
}

/** Whether the sweep should evaluate the gate of (commit, environment): see `onlyDue`. */
async function isDue(
  env: GateEnvironment,
  repository: Repository,
  sha: string,
  environment: string,
): Promise<boolean> {
  const { data } = await env.github.rest.checks.listForRef({
    ...repository,
    ref: sha,
    check_name: createCheckName(environment),
    app_id: env.self.appId,
    filter: 'latest',
    per_page: 1,
  });
  const latest = data.check_runs.find((run) => run.app?.id === env.self.appId);
  if (latest === undefined || latest.status === 'completed') return true;
  const wake = parseCheckRunState(latest.output.text ?? '').wake;
  return wake !== undefined && Date.parse(wake) <= env.now().getTime();
}

async function evaluateWaiting(
  env: GateEnvironment,
  repository: Repository,
  run: WaitingRun,
  environment: string,
  options: { trigger?: PullRequestTrigger; requestOptions: RequestGateOptions },
): Promise<DeploymentGateRun> {
  const creators = await loadDeploymentCreators(env.github, repository, { sha: run.sha, environment });
  const deployers = mergeActors(creators, run.actors);
  return runDeploymentGate(
    env,
    { ...repository, environment, sha: run.sha, ...(run.ref === undefined ? {} : { ref: run.ref }) },
    {
      deployers,
      requestOptions: options.requestOptions,
      ...(options.trigger === undefined ? {} : { trigger: options.trigger }),
    },
  );
}
