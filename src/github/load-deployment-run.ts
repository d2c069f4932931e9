// A deployment and how it went, from GitHub's API (never from a webhook's payload): the commit,
// the environment, who created it, when it started (its first `in_progress` status) and how it
// ended (its first terminal status: success, failure, error or inactive). GitHub lists a
// deployment's statuses newest first.
import { DEPLOYMENT_OUTCOMES, type DeploymentOutcome } from '../core/execution-record.ts';
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

export interface DeploymentRun {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  creator?: { id: number; login: string };
  /** The API URL of the deployment. */
  url: string;
  startedAt?: string;
  /** The first terminal status; undefined while the deployment has not ended. */
  outcome?: { state: DeploymentOutcome; at: string; logUrl?: string };
}

function isOutcome(state: string): state is DeploymentOutcome {
  return (DEPLOYMENT_OUTCOMES as readonly string[]).includes(state);
}

/** The deployment, or undefined when GitHub has no such deployment in the repository. */
export async function loadDeploymentRun(
  github: GitHubClient,
  target: { owner: string; repo: string; deploymentId: number },
): Promise<DeploymentRun | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  let deployment: Awaited<ReturnType<GitHubClient['rest']['repos']['getDeployment']>>['data'];
  try {
    ({ data: deployment } = await github.rest.repos.getDeployment({
      ...repository,
      deployment_id: target.deploymentId,
    }));
  } catch (error) {
    if (readStatus(error) === 404) return undefined;
    throw error;
  }
  const statuses = await github.paginate(github.rest.repos.listDeploymentStatuses, {
    ...repository,
    deployment_id: target.deploymentId,
    per_page: 100,
  });
  const oldestFirst = [...statuses].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id,
  );
  const started = oldestFirst.find((status) => status.state === 'in_progress');
  const ended = oldestFirst.find((status) => isOutcome(status.state));
  const run: DeploymentRun = {
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    environment: deployment.environment,
    url: deployment.url,
  };
  if (deployment.creator != null)
    run.creator = { id: deployment.creator.id, login: deployment.creator.login };
  if (started !== undefined) run.startedAt = started.created_at;
  if (ended !== undefined && isOutcome(ended.state)) {
    const logUrl = ended.log_url || ended.target_url || undefined;
    run.outcome = { state: ended.state, at: ended.created_at, ...(logUrl === undefined ? {} : { logUrl }) };
  }
  return run;
}
