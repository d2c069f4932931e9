// A completed deployment of an environment Gatehouse gates, recorded (issue 12). GitHub's API says
// what ran (the deployment and its statuses: the webhook only says which deployment to read), who
// created it (a workflow run's job, which the environment's protection rules held, or anyone
// through the REST API, which they did not: load-deployment-origin.ts), and only the runner's own
// statuses count (GitHub Actions' for a job, the creator's for the API's); the
// decision it followed is the one the gate's own check run on the deployed commit anchors (only
// this App can write its runs, and the anchor names the record's path and log commit). The
// record is named by the deployment: its first terminal status is recorded, once (a later
// `inactive`, when a newer deployment replaces it, writes nothing new).
import { createDeploymentExecutionRecord, type ExecutionRecord } from '../core/execution-record.ts';
import { parseRecordAnchor } from '../core/record-anchor.ts';
import { createCheckName } from '../core/registry.ts';
import { createRuleLookup } from '../github/deployment-protection.ts';
import { loadDecisionRecordAt } from '../github/load-decision-record.ts';
import { loadDeploymentOrigin } from '../github/load-deployment-origin.ts';
import {
  type DeploymentRun,
  loadDeploymentRun,
  readDeploymentProgress,
} from '../github/load-deployment-run.ts';
import { loadGateCheckRuns } from '../github/load-gate-check-runs.ts';
import { type ExecutionRun, publishExecutionRecord } from './publish-execution-record.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

type Repository = { owner: string; repo: string };

/** The newest decision the gate's check runs on the commit anchor, made before the deployment ran. */
async function findAnchoredDecision(
  env: GateEnvironment,
  repository: Repository,
  deployment: DeploymentRun,
  ranAt: string,
): Promise<ExecutionRecord['decision']> {
  const runs = await loadGateCheckRuns(
    env.github,
    { ...repository, sha: deployment.sha },
    env.self.appId,
    createCheckName(deployment.environment),
  );
  for (const run of [...runs].reverse()) {
    const anchor = parseRecordAnchor(run.text);
    if (anchor === undefined) continue;
    const record = await loadDecisionRecordAt(env.github, {
      ...repository,
      path: anchor.path,
      ref: anchor.commit,
    });
    if (
      record === undefined ||
      record.gate.kind !== 'deployment' ||
      record.gate.environment !== deployment.environment
    )
      continue;
    if (record.subject.sha.toLowerCase() !== deployment.sha.toLowerCase()) continue;
    if (Date.parse(record.times.decided_at) > Date.parse(ranAt)) continue;
    return { id: record.id, decision: record.decision, sha: record.subject.sha };
  }
  return undefined;
}

/** The workflow run of a status's log URL (`…/actions/runs/<id>/job/<id>`), when it is one of this repository. */
function readWorkflowRunUrl(logUrl: string | undefined, repository: Repository): string | undefined {
  if (logUrl === undefined) return undefined;
  const match = /^(https:\/\/[^/\s]+\/([^/\s]+)\/([^/\s]+)\/actions\/runs\/\d+)(?:[/?#]|$)/.exec(logUrl);
  if (match?.[1] === undefined) return undefined;
  const same =
    match[2]?.toLowerCase() === repository.owner.toLowerCase() &&
    match[3]?.toLowerCase() === repository.repo.toLowerCase();
  return same ? match[1] : undefined;
}

export async function recordDeploymentExecution(
  env: GateEnvironment,
  target: Repository & { deploymentId: number },
): Promise<ExecutionRun> {
  const repository = { owner: target.owner, repo: target.repo };
  const deployment = await loadDeploymentRun(env.github, {
    ...repository,
    deploymentId: target.deploymentId,
  });
  if (deployment === undefined) return { outcome: 'skipped', reason: 'GitHub has no such deployment' };
  // What no status, whoever posted it, can make a recorded run: refused before more reads.
  const byAnyone = readDeploymentProgress(deployment.statuses);
  if (byAnyone.outcome === undefined) return { outcome: 'skipped', reason: 'the deployment has not ended' };
  if (byAnyone.startedAt === undefined && !deployment.statuses.some((status) => status.state === 'success'))
    return {
      outcome: 'skipped',
      reason: `the deployment ended ${byAnyone.outcome.state} without having started`,
    };
  if (deployment.creator === undefined)
    return { outcome: 'skipped', reason: 'GitHub names no creator of the deployment' };
  // Only deployments Gatehouse was asked about: its own custom protection rule holds the environment.
  if (!(await createRuleLookup(env.github, repository, env.self.appId)(deployment.environment)))
    return { outcome: 'skipped', reason: `Gatehouse is no protection rule of ${deployment.environment}` };
  const { origin, counted, ignored } = await loadDeploymentOrigin(env.github, repository, deployment);
  if (ignored.length > 0)
    env.log.warn(
      {
        deployment: deployment.id,
        origin,
        ignored: ignored.map((status) => ({ state: status.state, at: status.at, by: status.creator?.login })),
      },
      'deployment statuses not posted by its runner are ignored',
    );
  // The runner's own statuses only: anyone's ended it above, perhaps not the runner's.
  const { outcome, startedAt } = readDeploymentProgress(counted);
  if (outcome === undefined) return { outcome: 'skipped', reason: 'the deployment has not ended' };
  // A deployment that failed before it started never ran: GitHub ends a rejected or cancelled
  // wait with `failure` or `error` (or marks it `inactive`) without an `in_progress` status.
  if (startedAt === undefined && outcome.state !== 'success')
    return { outcome: 'skipped', reason: `the deployment ended ${outcome.state} without having started` };
  const { creator } = deployment;
  const defaultBranch = (await env.github.rest.repos.get(repository)).data.default_branch;
  return publishExecutionRecord(env, repository, { defaultBranch }, async () => {
    const ranAt = startedAt ?? outcome.at;
    // A deployment created through the API followed no decision: none is looked for.
    const decision =
      origin === 'workflow_run' ? await findAnchoredDecision(env, repository, deployment, ranAt) : undefined;
    const workflowRun =
      origin === 'workflow_run' ? readWorkflowRunUrl(outcome.logUrl, repository) : undefined;
    return createDeploymentExecutionRecord({
      repository: `${target.owner}/${target.repo}`,
      deployment: deployment.id,
      environment: deployment.environment,
      sha: deployment.sha,
      ...(deployment.ref === '' ? {} : { ref: deployment.ref }),
      status: outcome.state,
      by: creator,
      ...(startedAt === undefined ? {} : { startedAt }),
      completedAt: outcome.at,
      origin,
      ...(decision === undefined ? {} : { decision }),
      links: {
        ...(/^https?:\/\//.test(deployment.url) ? { deployment: deployment.url } : {}),
        // The log a deployment of the API links is its creator's word (it may name any run): left out.
        ...(origin === 'workflow_run' && outcome.logUrl !== undefined && /^https?:\/\//.test(outcome.logUrl)
          ? { log: outcome.logUrl }
          : {}),
        ...(workflowRun === undefined ? {} : { workflow_run: workflowRun }),
      },
    });
  });
}
