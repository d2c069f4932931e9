// A deployment's job runs and ends, as GitHub Actions reports it: once the run is released, GitHub
// posts the deployment's `in_progress` status when the job starts and a terminal one (success,
// failure, error) when it ends, and sends a `deployment_status` delivery for each. The delivery is
// GitHub's Actions example from @octokit/webhooks-examples (the one with `workflow_run` and
// `installation`), filled from the simulator's state.
import { createRequire } from 'node:module';
import { aUser } from '../support/github-fixtures.ts';
import { GITHUB_ACTIONS_BOT, type SimulatedDeployment, type SimulatedDeployments } from './deployments.ts';
import { type GitHubSimulator, OWNER, REPO } from './github.ts';
import type { SentDelivery } from './webhooks.ts';

type Json = Record<string, unknown>;

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Json[];
}[];

/** GitHub's example of a `deployment_status` from a workflow run's deployment job. */
function actionsExample(): Json {
  const group = examples.find((entry) => entry.name === 'deployment_status')?.examples ?? [];
  const found = group.find((entry) => entry.workflow_run !== undefined && entry.installation !== undefined);
  if (found === undefined)
    throw new Error('@octokit/webhooks-examples has no deployment_status of a workflow run');
  return structuredClone(found);
}

export class DeploymentStatuses {
  private readonly sim: GitHubSimulator;
  private readonly deployments: SimulatedDeployments;

  constructor(sim: GitHubSimulator, deployments: SimulatedDeployments) {
    this.sim = sim;
    this.deployments = deployments;
  }

  /** The job's log, as GitHub links it from the deployment's statuses. */
  logUrl(deployment: SimulatedDeployment): string {
    if (deployment.runId === undefined) throw new Error(`deployment ${deployment.id} is no workflow run's`);
    return `https://github.com/${OWNER}/${REPO}/actions/runs/${deployment.runId}/job/${deployment.id * 10}`;
  }

  /** The deployment job starts: `in_progress`. */
  start(deployment: SimulatedDeployment): Promise<SentDelivery> {
    return this.post(deployment, 'in_progress');
  }

  /** The deployment job ends with `state`. */
  finish(
    deployment: SimulatedDeployment,
    state: 'success' | 'failure' | 'error' | 'inactive',
  ): Promise<SentDelivery> {
    const run = deployment.runId === undefined ? undefined : this.deployments.workflowRun(deployment.runId);
    if (run !== undefined && state !== 'inactive')
      Object.assign(run, { status: 'completed', conclusion: state === 'success' ? 'success' : 'failure' });
    return this.post(deployment, state);
  }

  /** GitHub posts a status and delivers it. */
  private post(deployment: SimulatedDeployment, state: string): Promise<SentDelivery> {
    this.push(deployment, state);
    return this.deliver(deployment);
  }

  /** A status posted without a delivery (one GitHub did not send, or the App missed). */
  push(deployment: SimulatedDeployment, state: string): void {
    deployment.statuses.push({
      state,
      description: '',
      created_at: this.sim.clock,
      log_url: this.logUrl(deployment),
    });
  }

  /** The `deployment_status` delivery of the deployment's newest status (again: a redelivery). */
  deliver(deployment: SimulatedDeployment, overrides: { sender?: Json } = {}): Promise<SentDelivery> {
    const example = actionsExample();
    const status = deployment.statuses.at(-1);
    if (status === undefined) throw new Error(`deployment ${deployment.id} has no status`);
    const installationId = this.sim.app?.registration.installationId;
    const creator = aUser(deployment.creator);
    const url = `https://api.github.com/repos/${OWNER}/${REPO}/deployments/${deployment.id}`;
    const payload: Json = {
      ...example,
      action: 'created',
      deployment_status: {
        ...(example.deployment_status as Json),
        id: deployment.id * 100 + deployment.statuses.length,
        state: status.state,
        environment: deployment.environment,
        creator: aUser(status.creator ?? GITHUB_ACTIONS_BOT),
        log_url: status.log_url,
        target_url: status.log_url,
        created_at: status.created_at,
        updated_at: status.created_at,
        deployment_url: url,
      },
      deployment: {
        ...(example.deployment as Json),
        id: deployment.id,
        url,
        sha: deployment.sha,
        ref: deployment.ref,
        environment: deployment.environment,
        original_environment: deployment.environment,
        creator,
        statuses_url: `${url}/statuses`,
      },
      // A deployment created through the REST API belongs to no workflow run.
      workflow_run:
        deployment.runId === undefined
          ? null
          : { ...(example.workflow_run as Json), ...(this.deployments.workflowRun(deployment.runId) ?? {}) },
      repository: this.sim.repository(),
      organization: { ...(example.organization as Json), login: OWNER },
      ...(installationId === undefined
        ? {}
        : { installation: { ...(example.installation as Json), id: installationId } }),
      sender: overrides.sender ?? (status.creator === undefined ? creator : aUser(status.creator)),
    };
    return this.deployments.webhooks.deliver('deployment_status', payload);
  }
}
