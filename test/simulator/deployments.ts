// Deployments waiting for an environment's custom deployment protection rule (an App), as GitHub
// runs them: a workflow run waits, its deployment (with its creator) is `waiting`, GitHub sends
// the rule's App a `deployment_protection_rule` `requested` delivery, and the App answers once per
// run and environment with POST …/actions/runs/{run_id}/deployment_protection_rule (a second
// answer, or one for a run that no longer waits, gets 422). Status reports (an answer without a
// state) are kept as GitHub keeps them. People review in GitHub's own "Review deployments"
// dialog (a `deployment_review` delivery). Every answer is recorded with the permissions of the
// token it came with, so a test can see it was the narrowed one.
import { createRequire } from 'node:module';
import type { Actor } from '../../src/core/model.ts';
import { anError, aUser, example } from '../support/github-fixtures.ts';
import { type Answer, type GitHubSimulator, OWNER, REPO, REPOSITORY_ID, type Router } from './github.ts';
import type { SentDelivery, WebhookSender } from './webhooks.ts';

type Json = Record<string, unknown>;

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Json[];
}[];

/** Why GitHub refuses an answer for a run that does not wait for that environment (any more). */
export const NOT_WAITING = 'No pending deployment requests to approve or reject';

export interface WaitingEnvironment {
  name: string;
  /** The App whose custom protection rule holds the environment. */
  ruleAppId: number;
  /** The App has answered (approved or rejected): GitHub takes no second answer. */
  answered?: 'approved' | 'rejected';
  /** Required reviewers hold it too: an approval of the App alone does not release it. */
  requiredReviewers: boolean;
  /** Released: the run no longer waits for it. */
  released: boolean;
}

/** Who GitHub names as the creator of the statuses Actions posts for a workflow run's deployment. */
export const GITHUB_ACTIONS_BOT: Actor = { id: 41898282, login: 'github-actions[bot]', type: 'Bot' };

export interface SimulatedDeployment {
  id: number;
  /** The workflow run whose job it is; undefined for one created through the REST API. */
  runId?: number;
  sha: string;
  ref: string;
  environment: string;
  creator: Actor;
  /**
   * Its statuses, oldest first, as GET …/deployments/{id}/statuses lists them newest first; each by
   * `creator` (GitHub Actions when absent).
   */
  statuses: { state: string; description: string; created_at: string; log_url?: string; creator?: Actor }[];
}

export interface ProtectionAnswer {
  runId: number;
  /** The path as sent (percent-encoded, without /api/v3). */
  path: string;
  body: Json;
  status: number;
  /** Who answered, and the permissions of the token it came with (undefined: not a minted token). */
  by: string;
  tokenPermissions: Record<string, string> | undefined;
  tokenRepositories: string[] | undefined;
}

interface WaitingRun {
  id: number;
  sha: string;
  ref: string;
  environments: WaitingEnvironment[];
  approvals: Json[];
}

/** GitHub's example of `event` (`action`), copied. */
function exampleOf(event: string, action: string): Json {
  const group = examples.find((entry) => entry.name === event)?.examples ?? [];
  const found = group.find((entry) => entry.action === action) ?? group[0];
  if (found === undefined) throw new Error(`@octokit/webhooks-examples has no ${event}`);
  return structuredClone(found);
}

export class SimulatedDeployments {
  readonly runs = new Map<number, WaitingRun>();
  readonly deployments: SimulatedDeployment[] = [];
  /** Every answer and status report the answer route received, with GitHub's status. */
  readonly answers: ProtectionAnswer[] = [];
  private readonly sim: GitHubSimulator;
  /** Where deliveries go: the App's webhook endpoint (a restarted App listens on another port). */
  webhooks: WebhookSender;

  constructor(sim: GitHubSimulator, webhooks: WebhookSender) {
    this.sim = sim;
    this.webhooks = webhooks;
    sim.extend(this.router);
  }

  /** The answers GitHub took with a state (approved or rejected). */
  decisions(): ProtectionAnswer[] {
    return this.answers.filter((answer) => answer.status === 204 && 'state' in answer.body);
  }

  /** The status reports GitHub took (answers without a state). */
  reports(): ProtectionAnswer[] {
    return this.answers.filter((answer) => answer.status === 204 && !('state' in answer.body));
  }

  /** The workflow run as GitHub's API shows it now. */
  workflowRun(id: number): Json | undefined {
    return this.sim.state.workflowRuns.find((run) => run.id === id);
  }

  /**
   * A push runs the deploy workflow: run `runId` of `sha` on `ref`, started by `creator` (re-run by
   * `triggeringActor`), reaches its deploy job and waits for `environment`, whose custom
   * protection rule is the App `ruleAppId`'s. GitHub creates the deployment (`waiting`).
   */
  waitFor(shape: {
    runId: number;
    environment: string;
    sha: string;
    creator: Actor;
    ruleAppId: number;
    ref?: string;
    triggeringActor?: Actor;
    requiredReviewers?: boolean;
  }): SimulatedDeployment {
    const ref = shape.ref ?? 'main';
    this.sim.addWorkflowRun({ id: shape.runId, status: 'waiting', headSha: shape.sha });
    const run = this.workflowRun(shape.runId) as Json;
    Object.assign(run, {
      name: 'Deploy',
      head_branch: ref,
      actor: aUser(shape.creator),
      triggering_actor: aUser(shape.triggeringActor ?? shape.creator),
      repository: {
        ...(run.repository as Json),
        id: REPOSITORY_ID,
        name: REPO,
        full_name: `${OWNER}/${REPO}`,
      },
    });
    const environment: WaitingEnvironment = {
      name: shape.environment,
      ruleAppId: shape.ruleAppId,
      requiredReviewers: shape.requiredReviewers ?? false,
      released: false,
    };
    const existing = this.runs.get(shape.runId);
    if (existing) existing.environments.push(environment);
    else
      this.runs.set(shape.runId, {
        id: shape.runId,
        sha: shape.sha,
        ref,
        environments: [environment],
        approvals: [],
      });
    const deployment: SimulatedDeployment = {
      id: this.sim.state.nextId++,
      runId: shape.runId,
      sha: shape.sha,
      ref,
      environment: shape.environment,
      creator: shape.creator,
      statuses: [{ state: 'waiting', description: '', created_at: this.sim.clock }],
    };
    this.deployments.push(deployment);
    return deployment;
  }

  /** The run is cancelled (by someone, in the UI): it no longer waits for anything. */
  cancel(runId: number): void {
    const run = this.workflowRun(runId);
    if (run !== undefined) Object.assign(run, { status: 'completed', conclusion: 'cancelled' });
    for (const environment of this.runs.get(runId)?.environments ?? []) environment.released = true;
  }

  /**
   * GitHub asks the rule's App: the `deployment_protection_rule` `requested` delivery of the
   * deployment (no example in @octokit/webhooks-examples: the webhook schema's fields, filled from
   * state). `callbackUrl` replaces the run's callback (a forged payload).
   */
  requested(deployment: SimulatedDeployment, options: { callbackUrl?: string } = {}): Promise<SentDelivery> {
    const envelope = exampleOf('deployment_review', 'requested');
    const installationId = this.sim.app?.registration.installationId;
    const payload: Json = {
      action: 'requested',
      environment: deployment.environment,
      event: 'push',
      sha: deployment.sha,
      ref: `refs/heads/${deployment.ref}`,
      deployment_callback_url:
        options.callbackUrl ??
        `${this.sim.url}/api/v3/repos/${OWNER}/${REPO}/actions/runs/${deployment.runId}/deployment_protection_rule`,
      deployment: this.deploymentBody(deployment),
      pull_requests: [],
      repository: this.sim.repository(),
      organization: { ...(envelope.organization as Json), login: OWNER },
      ...(installationId === undefined
        ? {}
        : {
            installation: {
              id: installationId,
              node_id: Buffer.from(`023:Integration Installation${installationId}`).toString('base64'),
            },
          }),
      sender: aUser(deployment.creator),
    };
    return this.webhooks.deliver('deployment_protection_rule', payload);
  }

  /**
   * `by` approves (or rejects) run `runId`'s deployments in GitHub's "Review deployments" dialog
   * with `comment`: GitHub records the review, releases the environments whose required reviewers
   * hold them (an approval), and delivers `deployment_review`.
   */
  reviewDeployments(
    runId: number,
    by: Actor,
    state: 'approved' | 'rejected',
    comment: string,
  ): Promise<SentDelivery> {
    const run = this.runs.get(runId);
    const workflowRun = this.workflowRun(runId);
    if (run === undefined || workflowRun === undefined) throw new Error(`no waiting run ${runId}`);
    const pending = run.environments.filter((environment) => !environment.released);
    const template = (
      example('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals') as Json[]
    )[0] as Json;
    run.approvals.push({
      ...template,
      state,
      comment,
      user: aUser(by),
      environments: pending.map((environment) => this.environmentBody(environment.name)),
    });
    if (state === 'approved')
      for (const environment of pending) if (environment.requiredReviewers) environment.released = true;
    this.settle(run);
    const {
      environment: _environment,
      requestor: _requestor,
      reviewers: _reviewers,
      workflow_job_run: job,
      ...base
    } = exampleOf('deployment_review', 'requested');
    const installationId = this.sim.app?.registration.installationId;
    return this.webhooks.deliver('deployment_review', {
      ...base,
      action: state,
      approver: aUser(by),
      comment,
      since: this.sim.clock,
      reviewers: [],
      workflow_run: {
        ...(base.workflow_run as Json),
        ...workflowRun,
        repository: base.repository,
        head_repository: base.repository,
      },
      workflow_job_runs: pending.map((environment, index) => ({
        ...(job as Json),
        id: runId * 10 + index,
        environment: environment.name,
        status: 'waiting',
        conclusion: null,
      })),
      repository: this.sim.repository(),
      organization: { ...(base.organization as Json), login: OWNER },
      ...(installationId === undefined
        ? {}
        : { installation: { ...(base.installation as Json), id: installationId } }),
      sender: aUser(by),
    });
  }

  /** GitHub's side of the routes the App uses. */
  readonly router: Router = ({ method, path, query, body, caller, authorization, simulator }) => {
    const prefix = `/repos/${OWNER}/${REPO}`;
    if (!path.startsWith(`${prefix}/`)) return undefined;
    const segments = path.slice(prefix.length + 1).split('/');
    const [area, b = '', c = '', d = ''] = segments;
    if (area === 'actions' && b === 'runs' && segments.length === 4) {
      const run = this.runs.get(Number(c));
      if (method === 'GET' && d === 'pending_deployments')
        return run === undefined ? undefined : [200, this.pendingBody(run)];
      if (method === 'GET' && d === 'approvals') return run === undefined ? undefined : [200, run.approvals];
      if (method === 'POST' && d === 'deployment_protection_rule') {
        const token = simulator.app?.tokens.get(
          /^(?:bearer|token)\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '',
        );
        const answer = this.answer(Number(c), body);
        this.answers.push({
          runId: Number(c),
          path,
          body,
          status: answer[0],
          by: caller.actor.login,
          tokenPermissions: token?.permissions,
          tokenRepositories: token?.repositories,
        });
        return answer;
      }
      return undefined;
    }
    if (
      area === 'environments' &&
      c === 'deployment_protection_rules' &&
      segments.length === 3 &&
      method === 'GET'
    )
      return this.rulesOf(decodeURIComponent(b));
    if (area === 'deployments' && method === 'POST') return this.createByApi(b, c, body, caller.actor);
    if (area === 'deployments' && method === 'GET') {
      if (b === '') {
        const list = this.deployments.filter(
          (deployment) =>
            (query.sha === undefined || deployment.sha === query.sha) &&
            (query.environment === undefined || deployment.environment === query.environment) &&
            (query.ref === undefined || deployment.ref === query.ref),
        );
        return [200, list.reverse().map((deployment) => this.deploymentBody(deployment))];
      }
      const deployment = this.deployments.find((entry) => entry.id === Number(b));
      if (deployment === undefined) return [404, anError('Not Found')];
      if (c === '') return [200, this.deploymentBody(deployment)];
      if (c === 'statuses' && d === '') return [200, this.statusesBody(deployment)];
    }
    return undefined;
  };

  /**
   * POST …/deployments (a deployment of `ref`, a commit's SHA here) and POST …/deployments/{id}/statuses,
   * by whoever calls: GitHub runs no protection rule for them and names the caller as creator.
   */
  private createByApi(id: string, statuses: string, body: Json, by: Actor): Answer | undefined {
    if (id === '') {
      const sha = String(body.ref ?? '');
      if (!/^[0-9a-f]{40}$/.test(sha)) return [422, anError('No ref found')];
      const deployment: SimulatedDeployment = {
        id: this.sim.state.nextId++,
        sha,
        ref: sha,
        environment: String(body.environment ?? 'production'),
        creator: by,
        statuses: [],
      };
      this.deployments.push(deployment);
      return [201, this.deploymentBody(deployment)];
    }
    const deployment = this.deployments.find((entry) => entry.id === Number(id));
    if (deployment === undefined || statuses !== 'statuses') return undefined;
    const logUrl = body.log_url ?? body.target_url;
    deployment.statuses.push({
      state: String(body.state),
      description: String(body.description ?? ''),
      created_at: this.sim.clock,
      ...(typeof logUrl === 'string' ? { log_url: logUrl } : {}),
      creator: by,
    });
    return [201, this.statusesBody(deployment)[0]];
  }

  /** POST …/deployment_protection_rule: the one answer per (run, environment), or a status report. */
  private answer(runId: number, body: Json): Answer {
    const run = this.runs.get(runId);
    if (run === undefined) return [404, anError('Not Found')];
    const environment = run.environments.find((entry) => entry.name === body.environment_name);
    if (environment === undefined || environment.released || environment.answered !== undefined)
      return [422, anError(NOT_WAITING)];
    const state = body.state as 'approved' | 'rejected' | undefined;
    if (state === undefined) return [204, undefined];
    environment.answered = state;
    const deployment = this.deploymentOf(runId, environment.name);
    if (state === 'rejected') {
      for (const entry of run.environments) entry.released = true;
      Object.assign(this.workflowRun(runId) ?? {}, { status: 'completed', conclusion: 'failure' });
      deployment?.statuses.push({
        state: 'failure',
        description: String(body.comment ?? ''),
        created_at: this.sim.clock,
      });
      return [204, undefined];
    }
    if (!environment.requiredReviewers) environment.released = true;
    this.settle(run);
    return [204, undefined];
  }

  /** A run whose environments are all released goes on: its deployments are queued. */
  private settle(run: WaitingRun): void {
    const workflowRun = this.workflowRun(run.id);
    if (workflowRun?.status !== 'waiting' || run.environments.some((entry) => !entry.released)) return;
    workflowRun.status = 'in_progress';
    for (const environment of run.environments)
      this.deploymentOf(run.id, environment.name)?.statuses.push({
        state: 'queued',
        description: '',
        created_at: this.sim.clock,
      });
  }

  private deploymentOf(runId: number, environment: string): SimulatedDeployment | undefined {
    return this.deployments.findLast((entry) => entry.runId === runId && entry.environment === environment);
  }

  private environmentBody(name: string): Json {
    const template = (
      (example('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments') as Json[])[0] as Json
    ).environment as Json;
    return {
      ...template,
      name,
      url: `https://api.github.com/repos/${OWNER}/${REPO}/environments/${encodeURIComponent(name)}`,
      html_url: `https://github.com/${OWNER}/${REPO}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
    };
  }

  private pendingBody(run: WaitingRun): Json[] {
    const template = (
      example('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments') as Json[]
    )[0] as Json;
    return run.environments
      .filter((environment) => !environment.released)
      .map((environment, index) => ({
        ...template,
        environment: { ...this.environmentBody(environment.name), id: 161_000_000 + index },
        wait_timer: 0,
        wait_timer_started_at: null,
        current_user_can_approve: false,
        reviewers: [],
      }));
  }

  /**
   * The custom rules of an environment some waiting run waits for. (Environments' own
   * configuration is test/simulator/environments.ts's; this answers only what the waits imply.)
   */
  private rulesOf(name: string): Answer | undefined {
    const apps = new Set(
      [...this.runs.values()].flatMap((run) =>
        run.environments.filter((entry) => entry.name === name).map((entry) => entry.ruleAppId),
      ),
    );
    if (apps.size === 0) return undefined;
    const template = (
      example('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules') as {
        custom_deployment_protection_rules: Json[];
      }
    ).custom_deployment_protection_rules[0] as Json;
    const installed = this.sim.app?.registration;
    const rules = [...apps].map((appId, index) => ({
      ...template,
      id: 3 + index,
      enabled: true,
      app: {
        ...(template.app as Json),
        id: appId,
        slug: appId === installed?.id ? installed.slug : `app-${appId}`,
      },
    }));
    return [200, { total_count: rules.length, custom_deployment_protection_rules: rules }];
  }

  private deploymentBody(deployment: SimulatedDeployment): Json {
    const template = (example('GET /repos/{owner}/{repo}/deployments') as Json[])[0] as Json;
    return {
      ...template,
      id: deployment.id,
      sha: deployment.sha,
      ref: deployment.ref,
      environment: deployment.environment,
      original_environment: deployment.environment,
      creator: aUser(deployment.creator),
      url: `https://api.github.com/repos/${OWNER}/${REPO}/deployments/${deployment.id}`,
      statuses_url: `https://api.github.com/repos/${OWNER}/${REPO}/deployments/${deployment.id}/statuses`,
    };
  }

  private statusesBody(deployment: SimulatedDeployment): Json[] {
    const template = (
      example('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses') as Json[]
    )[0] as Json;
    return [...deployment.statuses].reverse().map((status, index) => ({
      ...template,
      id: deployment.id * 100 + deployment.statuses.length - index,
      // The REST API's schema has no `waiting` state (a webhook's has): it lists one as `pending`.
      state: status.state === 'waiting' ? 'pending' : status.state,
      description: status.description,
      ...(status.log_url === undefined ? {} : { log_url: status.log_url, target_url: status.log_url }),
      creator: aUser(status.creator ?? GITHUB_ACTIONS_BOT),
      environment: deployment.environment,
      created_at: status.created_at,
      updated_at: status.created_at,
      deployment_url: `https://api.github.com/repos/${OWNER}/${REPO}/deployments/${deployment.id}`,
    }));
  }
}
