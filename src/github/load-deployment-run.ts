// A deployment and how it went, from GitHub's API (never from a webhook's payload): the commit,
// the environment, who created it, and its statuses with who posted each. Which statuses count is
// the caller's to say (`readDeploymentProgress`): anyone with write access can post one. GitHub
// lists a deployment's statuses newest first.
import { DEPLOYMENT_OUTCOMES, type DeploymentOutcome } from '../core/execution-record.ts';
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

type Account = { id: number; login: string };

export interface DeploymentStatusEntry {
  state: string;
  at: string;
  logUrl?: string;
  /** Who posted it, as GitHub names them. */
  creator?: Account;
}

export interface DeploymentRun {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  creator?: Account;
  /** The API URL of the deployment. */
  url: string;
  /** Its statuses, oldest first. */
  statuses: DeploymentStatusEntry[];
}

export interface DeploymentProgress {
  /** The first `in_progress` status. */
  startedAt?: string;
  /** The first terminal status; undefined while the deployment has not ended. */
  outcome?: { state: DeploymentOutcome; at: string; logUrl?: string };
}

function isOutcome(state: string): state is DeploymentOutcome {
  return (DEPLOYMENT_OUTCOMES as readonly string[]).includes(state);
}

/** When it started and how it ended, by the statuses given (oldest first). */
export function readDeploymentProgress(statuses: readonly DeploymentStatusEntry[]): DeploymentProgress {
  const started = statuses.find((status) => status.state === 'in_progress');
  const ended = statuses.find((status) => isOutcome(status.state));
  const progress: DeploymentProgress = {};
  if (started !== undefined) progress.startedAt = started.at;
  if (ended !== undefined && isOutcome(ended.state))
    progress.outcome = {
      state: ended.state,
      at: ended.at,
      ...(ended.logUrl === undefined ? {} : { logUrl: ended.logUrl }),
    };
  return progress;
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
  const listed = await github.paginate(github.rest.repos.listDeploymentStatuses, {
    ...repository,
    deployment_id: target.deploymentId,
    per_page: 100,
  });
  const oldestFirst = [...listed].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id,
  );
  const statuses = oldestFirst.map((status): DeploymentStatusEntry => {
    const logUrl = status.log_url || status.target_url || undefined;
    return {
      state: status.state,
      at: status.created_at,
      ...(logUrl === undefined ? {} : { logUrl }),
      ...(status.creator == null ? {} : { creator: { id: status.creator.id, login: status.creator.login } }),
    };
  });
  const run: DeploymentRun = {
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    environment: deployment.environment,
    url: deployment.url,
    statuses,
  };
  if (deployment.creator != null)
    run.creator = { id: deployment.creator.id, login: deployment.creator.login };
  return run;
}
