// Who created a deployment, as far as GitHub's API ties it (docs/security.md, "Execution records
// are the runner's word"). Anyone with write access, or a workflow with `deployments: write`, can
// create a deployment of any environment through the REST API, and no protection rule sees it.
// A deployment counts as a workflow job's only when GitHub Actions itself posted its statuses
// (`github-actions[bot]`), their logs name one run of this repository, and that run is of the
// deployment's commit and was started by the deployment's creator (Actions names the run's actor).
// Its statuses then count only from GitHub Actions; a deployment of the API counts only its
// creator's. Anyone else's status is ignored.
import type { DeploymentOrigin } from '../core/execution-record.ts';
import type { GitHubClient } from './client.ts';
import type { DeploymentRun, DeploymentStatusEntry } from './load-deployment-run.ts';
import { readStatus } from './request-error.ts';

type Repository = { owner: string; repo: string };

/** GitHub Actions' bot account: the creator of the statuses Actions posts for a job's deployment. */
export const GITHUB_ACTIONS_BOT = { id: 41898282, login: 'github-actions[bot]' } as const;

export interface DeploymentOriginReading {
  origin: DeploymentOrigin;
  /** The workflow run's id, for `workflow_run`. */
  runId?: number;
  /** The statuses that count: the runner's own, oldest first. */
  counted: DeploymentStatusEntry[];
  /** The statuses someone else posted, ignored. */
  ignored: DeploymentStatusEntry[];
}

/** The statuses a deployment's job posts: when it starts, and when it ends. */
const JOB_STATES = new Set(['in_progress', 'success', 'failure', 'error']);

function isActionsBot(account: { id: number; login: string } | undefined): boolean {
  return account?.id === GITHUB_ACTIONS_BOT.id && account.login === GITHUB_ACTIONS_BOT.login;
}

/** The run id of a status's log URL (`…/<owner>/<repo>/actions/runs/<id>…`), when of this repository. */
export function readLogRunId(logUrl: string | undefined, repository: Repository): number | undefined {
  if (logUrl === undefined) return undefined;
  const match = /^https:\/\/[^/\s]+\/([^/\s]+)\/([^/\s]+)\/actions\/runs\/(\d+)(?:[/?#]|$)/.exec(logUrl);
  if (match === null) return undefined;
  const same =
    match[1]?.toLowerCase() === repository.owner.toLowerCase() &&
    match[2]?.toLowerCase() === repository.repo.toLowerCase();
  const id = Number(match[3]);
  return same && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

interface RunItem {
  head_sha: string;
  actor?: { id: number } | null;
  triggering_actor?: { id: number } | null;
}

/** Whether run `runId` of this repository is of the deployment's commit and its creator's. */
async function isDeploymentsRun(
  github: GitHubClient,
  repository: Repository,
  runId: number,
  deployment: DeploymentRun,
): Promise<boolean> {
  let run: RunItem;
  try {
    ({ data: run } = (await github.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
      ...repository,
      run_id: runId,
    })) as { data: RunItem });
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
  const creator = deployment.creator?.id;
  return (
    run.head_sha.toLowerCase() === deployment.sha.toLowerCase() &&
    creator !== undefined &&
    (run.actor?.id === creator || run.triggering_actor?.id === creator)
  );
}

export async function loadDeploymentOrigin(
  github: GitHubClient,
  repository: Repository,
  deployment: DeploymentRun,
): Promise<DeploymentOriginReading> {
  // The runs the logs of Actions' statuses from the job name (the job's start and its end; those
  // of the wait before it may link elsewhere).
  const runIds = new Set(
    deployment.statuses
      .filter((status) => isActionsBot(status.creator) && JOB_STATES.has(status.state))
      .map((status) => readLogRunId(status.logUrl, repository)),
  );
  const [runId] = runIds;
  const split = (counts: (status: DeploymentStatusEntry) => boolean) => ({
    counted: deployment.statuses.filter(counts),
    ignored: deployment.statuses.filter((status) => !counts(status)),
  });
  // Statuses of Actions whose logs name no run, several runs, or another repository's: no one run.
  if (
    runIds.size === 1 &&
    runId !== undefined &&
    !isActionsBot(deployment.creator) &&
    (await isDeploymentsRun(github, repository, runId, deployment))
  )
    return { origin: 'workflow_run', runId, ...split((status) => isActionsBot(status.creator)) };
  const creator = deployment.creator?.id;
  return { origin: 'api', ...split((status) => creator !== undefined && status.creator?.id === creator) };
}
