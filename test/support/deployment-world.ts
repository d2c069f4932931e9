// Deployments waiting for Gatehouse, kept in memory across the steps of a test next to the pull
// request (github-world.ts) and the approval issues (request-world.ts), and nock mocks that serve
// and change them: the workflow runs that wait, their pending deployments, the environments'
// protection rules, the deployments and their creators, and the one answer per (run, environment)
// GitHub accepts. Every answer and status report GitHub receives is recorded with its exact path
// and body. Response bodies start from GitHub's own examples (@octokit/openapi).
import type nock from 'nock';
import type { Actor } from '../../src/core/model.ts';
import {
  APP_ID,
  aCheckRunList,
  aGitCommit,
  aGitRef,
  aGitTree,
  anError,
  aUser,
  example,
  PR_NUMBER,
} from './github-fixtures.ts';
import { runsOf, type World } from './github-world.ts';
import { aRequestWorld, type RequestWorld } from './request-world.ts';

type Json = Record<string, unknown>;

export const REPOSITORY_ID = 4242;

export interface WaitingRunShape {
  id: number;
  sha: string;
  /** `waiting` while a protection rule holds it; `completed` once rejected or cancelled. */
  status: 'waiting' | 'in_progress' | 'completed';
  conclusion?: string | null;
  /** The environments GitHub lists as pending deployments of the run. */
  pending: string[];
  actor: Actor;
  triggeringActor: Actor;
  /** The repository the run belongs to (its id); another repository's run is never this one's. */
  repositoryId?: number;
  /**
   * Environments that keep waiting after Gatehouse approved (they have required reviewers too):
   * the run stays `waiting` and the environment stays pending.
   */
  otherRules?: string[];
}

export interface AnswerRecord {
  runId: number;
  /** The request path as sent (percent-encoded). */
  path: string;
  body: Json;
  /** The status GitHub answered. */
  status: number;
  /** The Authorization header it came with: the narrowed token (D6). */
  authorization: string | null;
}

/** The token the App mints to answer deployments: `deployments: write` on the one repository. */
export const DEPLOYMENTS_TOKEN = 'ghs_deploymentsonly000000000000000000';

export interface DeploymentWorld {
  pr: World;
  issues: RequestWorld;
  runs: WaitingRunShape[];
  /** Environment name → Gatehouse's rule there (absent: no custom rule of Gatehouse). */
  rules: Record<string, { enabled: boolean; appId: number }>;
  deployments: { id: number; sha: string; environment: string; creator: Actor; ref: string }[];
  /** Open pull requests by their head commit: what GET …/commits/{sha}/pulls lists. */
  pulls: {
    number: number;
    headSha: string;
    state: 'open' | 'closed';
    /** Closed by a merge (GitHub's `merged_at` is set). */
    merged?: boolean;
    baseRepo?: string;
    /** The base branch; `main`, the repository's default branch, unless a test says. */
    baseRef?: string;
    commits?: string[];
  }[];
  answers: AnswerRecord[];
  /** Whether the App has minted its narrowed answering token yet (once per App started). */
  answerTokenMinted?: boolean;
  /** The narrowed tokens minted: the full URL asked and the body sent. */
  answerTokens: { url: string; body: Json }[];
  /** Paths of the environment requests as sent (percent-encoded), to check their encoding. */
  environmentRequests: string[];
}

export function aDeploymentWorld(pr: World, overrides: Partial<Omit<DeploymentWorld, 'pr'>> = {}) {
  const world: DeploymentWorld = {
    pr,
    issues: aRequestWorld({ base: pr, policy: pr.policy }),
    runs: [],
    rules: {},
    deployments: [],
    pulls: [],
    answers: [],
    answerTokens: [],
    environmentRequests: [],
    ...overrides,
  };
  return world;
}

/** The answers with a state (approved / rejected), without the status reports. */
export function decisionsOf(world: DeploymentWorld): AnswerRecord[] {
  return world.answers.filter((answer) => answer.status === 204 && 'state' in answer.body);
}

/** The status reports GitHub took (answers without a state). */
export function reportsOf(world: DeploymentWorld): AnswerRecord[] {
  return world.answers.filter((answer) => answer.status === 204 && !('state' in answer.body));
}

const RUNS = '/repos/acme/shop/actions/runs';

/** A workflow run as GET /repos/{owner}/{repo}/actions/runs/{run_id} returns it. */
export function aWorkflowRun(run: WaitingRunShape): Json {
  const base = example('GET /repos/{owner}/{repo}/actions/runs/{run_id}') as Json;
  const repository = base.repository as Json;
  return {
    ...base,
    id: run.id,
    name: 'Deploy',
    head_sha: run.sha,
    head_branch: 'drop-status',
    event: 'push',
    status: run.status,
    conclusion: run.conclusion ?? null,
    url: `https://api.github.com${RUNS}/${run.id}`,
    html_url: `https://github.com/acme/shop/actions/runs/${run.id}`,
    actor: aUser(run.actor),
    triggering_actor: aUser(run.triggeringActor),
    repository: {
      ...repository,
      id: run.repositoryId ?? REPOSITORY_ID,
      name: 'shop',
      full_name: 'acme/shop',
      owner: { ...(repository.owner as Json), login: 'acme' },
    },
    head_repository: { ...(base.head_repository as Json), id: REPOSITORY_ID, full_name: 'acme/shop' },
    pull_requests: [],
  };
}

function runOf(world: DeploymentWorld, id: number): WaitingRunShape | undefined {
  return world.runs.find((run) => run.id === id);
}

/** GET …/actions/runs/{run_id}. */
export function mockGetRun(world: DeploymentWorld, scope: nock.Scope, id: number): void {
  scope.get(`${RUNS}/${id}`).reply(() => {
    const run = runOf(world, id);
    return run === undefined ? [404, anError('Not Found')] : [200, aWorkflowRun(run)];
  });
}

/** GET …/actions/runs/{run_id}/pending_deployments. */
export function mockPendingDeployments(world: DeploymentWorld, scope: nock.Scope, id: number): void {
  const template = (
    example('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments') as Json[]
  )[0] as Json;
  scope.get(`${RUNS}/${id}/pending_deployments`).reply(() => {
    const run = runOf(world, id);
    if (run === undefined) return [404, anError('Not Found')];
    return [
      200,
      run.pending.map((name, index) => ({
        ...template,
        environment: {
          ...(template.environment as Json),
          id: 161_000_000 + index,
          name,
          url: `https://api.github.com/repos/acme/shop/environments/${encodeURIComponent(name)}`,
          html_url: `https://github.com/acme/shop/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
        },
        wait_timer: 0,
        current_user_can_approve: false,
        reviewers: [],
      })),
    ];
  });
}

/** GET …/actions/runs?status=waiting[&head_sha=…]: the runs waiting now, each page of 100. */
export function mockWaitingRuns(world: DeploymentWorld, scope: nock.Scope, sha?: string): void {
  scope
    .get(RUNS)
    .query({ status: 'waiting', ...(sha === undefined ? {} : { head_sha: sha }), per_page: '100' })
    .reply(() => {
      const runs = world.runs.filter(
        (run) => run.status === 'waiting' && (sha === undefined || run.sha === sha),
      );
      return [200, { total_count: runs.length, workflow_runs: runs.map(aWorkflowRun) }];
    });
}

/** The path of an environment's resource: the name percent-encoded as one path segment (D5). */
export function environmentPath(environment: string): string {
  return `/repos/acme/shop/environments/${encodeURIComponent(environment)}`;
}

/** GET …/environments/{environment_name}/deployment_protection_rules. */
export function mockRules(world: DeploymentWorld, scope: nock.Scope, environment: string): void {
  const template = (
    example('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules') as {
      custom_deployment_protection_rules: Json[];
    }
  ).custom_deployment_protection_rules[0] as Json;
  scope.get(`${environmentPath(environment)}/deployment_protection_rules`).reply((request: Request) => {
    // The path as sent, still percent-encoded.
    world.environmentRequests.push(new URL(request.url).pathname);
    const rule = world.rules[environment];
    const rules =
      rule === undefined
        ? []
        : [
            {
              ...template,
              id: 3,
              enabled: rule.enabled,
              app: {
                ...(template.app as Json),
                id: rule.appId,
                slug: rule.appId === APP_ID ? 'gatehouse' : 'other',
              },
            },
          ];
    return [200, { total_count: rules.length, custom_deployment_protection_rules: rules }];
  });
}

/** GET …/deployments?sha&environment: the deployments of the commit to the environment. */
export function mockDeployments(
  world: DeploymentWorld,
  scope: nock.Scope,
  sha: string,
  environment: string,
): void {
  const template = (example('GET /repos/{owner}/{repo}/deployments') as Json[])[0] as Json;
  scope
    .get('/repos/acme/shop/deployments')
    .query({ sha, environment, per_page: '100' })
    .reply(() => [
      200,
      world.deployments
        .filter((deployment) => deployment.sha === sha && deployment.environment === environment)
        .map((deployment) => ({
          ...template,
          id: deployment.id,
          sha,
          ref: deployment.ref,
          environment,
          original_environment: environment,
          creator: aUser(deployment.creator),
          url: `https://api.github.com/repos/acme/shop/deployments/${deployment.id}`,
        })),
    ]);
}

/** GET …/commits/{commit_sha}/pulls: the pull requests that contain the commit. */
export function mockPullsOfCommit(world: DeploymentWorld, scope: nock.Scope, sha: string): void {
  const template = (example('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls') as Json[])[0] as Json;
  scope
    .get(`/repos/acme/shop/commits/${sha}/pulls`)
    .query({ per_page: '100' })
    .reply(() => [
      200,
      world.pulls
        .filter((pull) => pull.headSha === sha || (pull.commits ?? []).includes(sha))
        .map((pull) => {
          const base = template.base as Json;
          const head = template.head as Json;
          const fullName = pull.baseRepo ?? 'acme/shop';
          return {
            ...template,
            number: pull.number,
            state: pull.state,
            merged_at: pull.merged === true ? '2026-11-20T09:00:00Z' : null,
            html_url: `https://github.com/${fullName}/pull/${pull.number}`,
            head: { ...head, sha: pull.headSha },
            base: {
              ...base,
              ref: pull.baseRef ?? 'main',
              repo: { ...(base.repo as Json), full_name: fullName, default_branch: 'main' },
            },
          };
        }),
    ]);
}

/** Why GitHub refuses an answer for a run that no longer waits for the environment. */
export const NOT_WAITING = 'No pending deployment requests to approve or reject';

/**
 * POST …/actions/runs/{run_id}/deployment_protection_rule, as GitHub handles it: 204 and the
 * environment released (approved: unless another rule still holds it; rejected: the run fails),
 * or 422 when the run does not wait for that environment (cancelled, answered already). A status
 * report (no state) changes nothing. `reply` overrides GitHub's answer (a crash, a 500).
 */
export function mockAnswer(
  world: DeploymentWorld,
  scope: nock.Scope,
  id: number,
  options: {
    environment?: string;
    reply?: 'error' | number;
    /** The run is cancelled just before the answer arrives (after Gatehouse read it). */
    cancelFirst?: boolean;
  } = {},
): void {
  // The first answer of an App mints the narrowed token; later ones reuse it (cached by auth-app).
  if (!world.answerTokenMinted) {
    world.answerTokenMinted = true;
    scope
      .post(
        '/app/installations/7077/access_tokens',
        (body: Json) =>
          JSON.stringify(body) ===
          JSON.stringify({ repositories: ['shop'], permissions: { deployments: 'write' } }),
      )
      .reply(async (request: Request) => {
        world.answerTokens.push({ url: request.url, body: (await request.json()) as Json });
        return [
          201,
          {
            token: DEPLOYMENTS_TOKEN,
            expires_at: '2099-01-01T00:00:00Z',
            permissions: { deployments: 'write' },
            repository_selection: 'selected',
            repositories: [{ id: 4242, name: 'shop', full_name: 'acme/shop' }],
          },
        ];
      });
  }
  const path = `${RUNS}/${id}/deployment_protection_rule`;
  const interceptor = scope.post(path, (body: Json) =>
    options.environment === undefined ? true : body.environment_name === options.environment,
  );
  if (options.reply === 'error') {
    interceptor.replyWithError('socket hang up');
    return;
  }
  interceptor.reply(async (request: Request) => {
    const body = (await request.json()) as Json;
    const sentPath = new URL(request.url).pathname;
    const authorization = request.headers.get('authorization');
    const record = (status: number) =>
      world.answers.push({ runId: id, path: sentPath, body, status, authorization });
    if (typeof options.reply === 'number') {
      record(options.reply);
      return [options.reply, anError('Server Error')];
    }
    const run = runOf(world, id);
    if (options.cancelFirst === true && run !== undefined) {
      run.status = 'completed';
      run.conclusion = 'cancelled';
      run.pending = [];
    }
    const environment = body.environment_name as string;
    const answered = world.answers.some(
      (answer) =>
        answer.runId === id &&
        answer.status === 204 &&
        answer.body.environment_name === environment &&
        'state' in answer.body,
    );
    if (run === undefined || run.status !== 'waiting' || !run.pending.includes(environment) || answered) {
      record(422);
      return [422, anError(NOT_WAITING)];
    }
    record(204);
    if (body.state === 'rejected') {
      run.pending = run.pending.filter((name) => name !== environment);
      run.status = 'completed';
      run.conclusion = 'failure';
    } else if (body.state === 'approved' && !(run.otherRules ?? []).includes(environment)) {
      run.pending = run.pending.filter((name) => name !== environment);
      if (run.pending.length === 0) run.status = 'in_progress';
    }
    return [204, ''];
  });
}

/** The callback URL GitHub sends for a run of a repository. */
export function callbackUrl(id: number, repository = 'acme/shop'): string {
  return `https://api.github.com/repos/${repository}/actions/runs/${id}/deployment_protection_rule`;
}

/**
 * A `deployment_protection_rule` `requested` delivery, shaped after the webhook schema
 * (`webhook-deployment-protection-rule-requested`): the environment, the deployment (its SHA
 * and creator), the callback URL, the pull requests GitHub associates with it.
 */
export function protectionRuleEvent(shape: {
  environment: string;
  sha: string;
  runId: number;
  creator: Actor;
  deploymentId?: number;
  callback?: string;
  sender?: Actor;
}): { event: string; payload: Json } {
  const deployment = (example('GET /repos/{owner}/{repo}/deployments') as Json[])[0] as Json;
  return {
    event: 'deployment_protection_rule',
    payload: {
      action: 'requested',
      environment: shape.environment,
      event: 'push',
      sha: shape.sha,
      ref: 'refs/heads/drop-status',
      deployment_callback_url: shape.callback ?? callbackUrl(shape.runId),
      deployment: {
        ...deployment,
        id: shape.deploymentId ?? 9001,
        sha: shape.sha,
        ref: 'drop-status',
        environment: shape.environment,
        original_environment: shape.environment,
        creator: aUser(shape.creator),
      },
      pull_requests: [],
      repository: {
        id: REPOSITORY_ID,
        node_id: 'R_kgDOAAAQkg',
        name: 'shop',
        full_name: 'acme/shop',
        private: true,
        default_branch: 'main',
        owner: { login: 'acme', id: 5000, type: 'Organization' },
      },
      organization: { login: 'acme', id: 5000 },
      installation: { id: 7077, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzA3Nw==' },
      sender: aUser(shape.sender ?? shape.creator),
    },
  };
}

/** The pull request of the test world is open with its head at `sha`. */
export function openPull(world: DeploymentWorld, sha: string): void {
  world.pulls.push({ number: PR_NUMBER, headSha: sha, state: 'open' });
}

/**
 * `count` records written to the log branch in one step (a pull request's own gate and a
 * deployment's gate decided by the same event): each one built on the tip at the time it is
 * written, as GitHub's Git Data API sees it.
 */
export function mockLogWrites(pr: World, scope: nock.Scope, count = 1): void {
  for (let index = 0; index < count; index++) {
    const created = pr.log === null && index === 0;
    let path = '';
    let content = '';
    let n = 0;
    scope
      .post('/repos/acme/shop/git/trees', (body: Json) => {
        const tip = pr.log?.[0];
        return tip === undefined ? body.base_tree === undefined : body.base_tree === tip.tree;
      })
      .reply(async (request: Request) => {
        const body = (await request.json()) as Json;
        const entry = (body.tree as Json[])[0] as Json;
        path = entry.path as string;
        content = entry.content as string;
        n = pr.nextId++;
        return [201, aGitTree(`tree${n}`, [path])];
      })
      .post('/repos/acme/shop/git/commits', (body: Json) => {
        const tip = pr.log?.[0];
        const parents = (body.parents ?? []) as string[];
        return tip === undefined ? parents.length === 0 : parents[0] === tip.sha;
      })
      .reply(async (request: Request) => {
        const message = ((await request.json()) as Json).message as string;
        const tip = pr.log?.[0];
        const commit = {
          sha: `commit${n}`,
          tree: `tree${n}`,
          message,
          files: { ...(tip?.files ?? {}), [path]: content },
        };
        pr.log = [commit, ...(pr.log ?? [])];
        return [201, aGitCommit(commit.sha, commit.tree, tip === undefined ? [] : [tip.sha])];
      });
    if (created)
      scope
        .post('/repos/acme/shop/git/refs', (body: Json) => body.ref === 'refs/heads/gatehouse-log')
        .reply(() => [201, aGitRef('gatehouse-log', pr.log?.[0]?.sha ?? '')]);
    else
      scope
        .patch(
          '/repos/acme/shop/git/refs/heads%2Fgatehouse-log',
          (body: Json) => body.sha === pr.log?.[0]?.sha,
        )
        .reply(() => [200, aGitRef('gatehouse-log', pr.log?.[0]?.sha ?? '')]);
  }
}

/** Gatehouse's check runs of one name on any commit (the approval-issue route's commit). */
export function mockCheckRunsAt(pr: World, scope: nock.Scope, sha: string, name: string): void {
  scope
    .get(`/repos/acme/shop/commits/${sha}/check-runs`)
    .query({ check_name: name, app_id: APP_ID, filter: 'all', per_page: 100 })
    .reply(() => [200, aCheckRunList(runsOf(pr, sha, name))]);
}
