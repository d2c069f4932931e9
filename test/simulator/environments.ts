// Deployment environments of the simulator's repository, as GitHub configures them: the
// environment (wait timer, required reviewers, who may not review their own deployment, which
// branches may deploy), its deployment branch policies, and its custom deployment protection
// rules (the Apps it offers, enabling and disabling one). A router (`sim.extend(environments.router)`):
// the caller's credentials are checked before it answers, so an App token needs Actions: read to
// read an environment and Administration: write to change one (app-installation.ts), as on GitHub.
import type { Actor } from '../../src/core/model.ts';
import { anError, aUser, example } from '../support/github-fixtures.ts';
import { type Answer, type GitHubSimulator, OWNER, REPO, type Router } from './github.ts';

type Json = Record<string, unknown>;

/** GitHub's limits on an environment's settings (REST "Create or update an environment"). */
const MAX_WAIT_TIMER_MINUTES = 43_200;
const MAX_REVIEWERS = 6;

export type BranchPolicySetting = { protected_branches: boolean; custom_branch_policies: boolean } | null;

export interface SimulatedEnvironment {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Minutes a job waits before it may deploy; 0: none. */
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  branchPolicy: BranchPolicySetting;
  branchPolicies: { id: number; name: string; type: 'branch' | 'tag' }[];
  /** Enabled custom deployment protection rules: each an App's. */
  protectionRules: { id: number; app: { id: number; slug: string } }[];
}

const NOT_FOUND: Answer = [404, anError('Not Found')];

function invalid(message: string): Answer {
  return [422, anError(`Validation Failed: ${message}`)];
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class SimulatedEnvironments {
  /** The repository's environments by name. */
  readonly environments = new Map<string, SimulatedEnvironment>();
  private nextId = 161_088_068;
  /** Answers `/repos/{owner}/{repo}/environments…`; undefined for every other path. */
  readonly router: Router = (request) => this.route(request);

  /**
   * Environment `name`, created (or changed) as an administrator would in the repository's
   * settings: nothing is recorded as a request.
   */
  set(
    name: string,
    settings: Partial<Omit<SimulatedEnvironment, 'id' | 'name' | 'createdAt' | 'updatedAt'>> = {},
    at = new Date().toISOString(),
  ): SimulatedEnvironment {
    const environment = this.environments.get(name) ?? {
      id: this.nextId++,
      name,
      createdAt: at,
      updatedAt: at,
      waitTimer: 0,
      preventSelfReview: false,
      reviewers: [],
      branchPolicy: null,
      branchPolicies: [],
      protectionRules: [],
    };
    Object.assign(environment, settings, { updatedAt: at });
    this.environments.set(name, environment);
    return environment;
  }

  private route(request: Parameters<Router>[0]): Answer | undefined {
    const prefix = `/repos/${OWNER}/${REPO}/environments`;
    const { method, path, query, body, simulator } = request;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
    const [name = '', area = '', id = '', leaf = ''] = path
      .slice(prefix.length + 1)
      .split('/')
      .map(decode);
    if (name === '') {
      if (method !== 'GET') return NOT_FOUND;
      const all = [...this.environments.values()].map((entry) => this.body(entry, simulator));
      return [200, { total_count: all.length, environments: all }];
    }
    const environment = this.environments.get(name);
    if (area === '') {
      if (method === 'PUT') return this.put(name, body, simulator);
      if (environment === undefined) return NOT_FOUND;
      if (method === 'GET') return [200, this.body(environment, simulator)];
      if (method === 'DELETE') {
        this.environments.delete(name);
        return [204, undefined];
      }
      return NOT_FOUND;
    }
    if (environment === undefined) return NOT_FOUND;
    if (area === 'deployment-branch-policies')
      return this.branchPolicies(method, environment, id, body, query, `${simulator.url}${path}`);
    if (area === 'deployment_protection_rules')
      return this.protectionRules(method, environment, id, leaf, body, simulator);
    return NOT_FOUND;
  }

  /** PUT …/environments/{name}: creates it, or changes the settings the body names. */
  private put(name: string, body: Json, simulator: GitHubSimulator): Answer {
    const { wait_timer: waitTimer, prevent_self_review: preventSelfReview } = body;
    if (waitTimer !== undefined && (!Number.isInteger(waitTimer) || Number(waitTimer) < 0))
      return invalid('wait_timer must be a whole number of minutes');
    if (typeof waitTimer === 'number' && waitTimer > MAX_WAIT_TIMER_MINUTES)
      return invalid(`wait_timer must be at most ${MAX_WAIT_TIMER_MINUTES}`);
    const reviewers = body.reviewers as { type?: unknown; id?: unknown }[] | null | undefined;
    if (Array.isArray(reviewers)) {
      if (reviewers.length > MAX_REVIEWERS) return invalid(`at most ${MAX_REVIEWERS} reviewers`);
      for (const reviewer of reviewers) {
        if (reviewer.type === 'User' && this.user(Number(reviewer.id), simulator) === undefined)
          return invalid(`no user with id ${String(reviewer.id)}`);
        if (reviewer.type !== 'User' && reviewer.type !== 'Team')
          return invalid('a reviewer is a User or a Team');
      }
    }
    const setting = body.deployment_branch_policy as BranchPolicySetting | undefined;
    // GitHub takes exactly one of the two kinds of branch policy, or null for every branch.
    if (setting != null && setting.protected_branches === setting.custom_branch_policies)
      return invalid('exactly one of protected_branches and custom_branch_policies must be true');
    const changes: Partial<SimulatedEnvironment> = {};
    if (typeof waitTimer === 'number') changes.waitTimer = waitTimer;
    if (typeof preventSelfReview === 'boolean') changes.preventSelfReview = preventSelfReview;
    if (Array.isArray(reviewers))
      changes.reviewers = reviewers.map((reviewer) => ({
        type: reviewer.type as 'User' | 'Team',
        id: Number(reviewer.id),
      }));
    if (setting !== undefined) {
      changes.branchPolicy = setting === null ? null : { ...setting };
      // Leaving custom branch policies drops the patterns GitHub held for them.
      if (setting?.custom_branch_policies !== true) changes.branchPolicies = [];
    }
    return [200, this.body(this.set(name, changes, simulator.clock), simulator)];
  }

  private branchPolicies(
    method: string,
    environment: SimulatedEnvironment,
    id: string,
    body: Json,
    query: Record<string, string>,
    self: string,
  ): Answer {
    // These routes exist only while the environment restricts deployments to name patterns.
    if (environment.branchPolicy?.custom_branch_policies !== true) return NOT_FOUND;
    const entry = (policy: SimulatedEnvironment['branchPolicies'][number]) => ({
      id: policy.id,
      node_id: Buffer.from(`GateBranchPolicy${policy.id}`).toString('base64'),
      name: policy.name,
      type: policy.type,
    });
    if (id === '') {
      if (method === 'GET') {
        const perPage = Math.min(100, Number(query.per_page ?? 30) || 30);
        const page = Math.max(1, Number(query.page ?? 1) || 1);
        return [
          200,
          {
            total_count: environment.branchPolicies.length,
            branch_policies: environment.branchPolicies
              .slice((page - 1) * perPage, page * perPage)
              .map(entry),
          },
        ];
      }
      if (method !== 'POST') return NOT_FOUND;
      if (typeof body.name !== 'string' || body.name === '') return invalid('name is required');
      const type = body.type === 'tag' ? 'tag' : 'branch';
      const existing = environment.branchPolicies.find(
        (policy) => policy.name === body.name && policy.type === type,
      );
      // The same pattern again: GitHub sends the client to the policy it already has.
      if (existing !== undefined) return [303, undefined, { location: `${self}/${existing.id}` }];
      const policy = { id: this.nextId++, name: body.name, type } as const;
      environment.branchPolicies.push(policy);
      return [200, entry(policy)];
    }
    const index = environment.branchPolicies.findIndex((policy) => policy.id === Number(id));
    const policy = environment.branchPolicies[index];
    if (policy === undefined) return NOT_FOUND;
    if (method === 'GET') return [200, entry(policy)];
    if (method === 'PUT') {
      if (typeof body.name !== 'string' || body.name === '') return invalid('name is required');
      policy.name = body.name;
      return [200, entry(policy)];
    }
    if (method === 'DELETE') {
      environment.branchPolicies.splice(index, 1);
      return [204, undefined];
    }
    return NOT_FOUND;
  }

  private protectionRules(
    method: string,
    environment: SimulatedEnvironment,
    id: string,
    leaf: string,
    body: Json,
    simulator: GitHubSimulator,
  ): Answer {
    const offered = this.offeredApps(simulator);
    if (id === 'apps' && leaf === '' && method === 'GET')
      return [
        200,
        {
          total_count: offered.length,
          available_custom_deployment_protection_rule_integrations: offered.map((app) => this.appBody(app)),
        },
      ];
    const rule = (entry: SimulatedEnvironment['protectionRules'][number]) => ({
      id: entry.id,
      node_id: Buffer.from(`DeploymentProtectionRule${entry.id}`).toString('base64'),
      enabled: true,
      app: this.appBody(entry.app),
    });
    if (id === '') {
      if (method === 'GET')
        return [
          200,
          {
            total_count: environment.protectionRules.length,
            custom_deployment_protection_rules: environment.protectionRules.map(rule),
          },
        ];
      if (method !== 'POST') return NOT_FOUND;
      const app = offered.find((candidate) => candidate.id === body.integration_id);
      // GitHub's description declares only the 201: an App that cannot protect the environment
      // is not found; enabling one twice is refused as invalid (the validator flags that answer,
      // and rightly: a client should read the rules before enabling one).
      if (app === undefined) return NOT_FOUND;
      if (environment.protectionRules.some((entry) => entry.app.id === app.id))
        return invalid('the integration already protects this environment');
      const entry = { id: this.nextId++, app };
      environment.protectionRules.push(entry);
      return [201, rule(entry)];
    }
    const index = environment.protectionRules.findIndex((entry) => entry.id === Number(id));
    const found = environment.protectionRules[index];
    if (found === undefined || leaf !== '') return NOT_FOUND;
    if (method === 'GET') return [200, rule(found)];
    if (method === 'DELETE') {
      environment.protectionRules.splice(index, 1);
      return [204, undefined];
    }
    return NOT_FOUND;
  }

  /** The Apps that can protect an environment: installed on the repository, subscribed to the event. */
  private offeredApps(simulator: GitHubSimulator): { id: number; slug: string }[] {
    const registration = simulator.app?.registration;
    if (registration === undefined || !registration.events.includes('deployment_protection_rule')) return [];
    return [{ id: registration.id, slug: registration.slug }];
  }

  private appBody(app: { id: number; slug: string }): Json {
    return {
      id: app.id,
      node_id: Buffer.from(`Integration${app.id}`).toString('base64'),
      slug: app.slug,
      integration_url: `https://api.github.com/apps/${app.slug}`,
    };
  }

  private user(id: number, simulator: GitHubSimulator): Actor | undefined {
    return Object.values(simulator.state.users).find((user) => user.id === id);
  }

  /** The environment's REST body: built-in protection rules appear only when set, as on GitHub. */
  private body(environment: SimulatedEnvironment, simulator: GitHubSimulator): Json {
    const template = example('GET /repos/{owner}/{repo}/environments/{environment_name}') as Json;
    const [, reviewersTemplate] = template.protection_rules as Json[];
    const team = ((reviewersTemplate?.reviewers as Json[] | undefined)?.[1]?.reviewer ?? {}) as Json;
    const rules: Json[] = [];
    const ruleId = (offset: number) => environment.id * 10 + offset;
    const nodeId = (id: number) => Buffer.from(`Gate${id}`).toString('base64');
    if (environment.waitTimer > 0)
      rules.push({
        id: ruleId(1),
        node_id: nodeId(ruleId(1)),
        type: 'wait_timer',
        wait_timer: environment.waitTimer,
      });
    if (environment.reviewers.length > 0)
      rules.push({
        id: ruleId(2),
        node_id: nodeId(ruleId(2)),
        type: 'required_reviewers',
        prevent_self_review: environment.preventSelfReview,
        reviewers: environment.reviewers.map((reviewer) => {
          const user = reviewer.type === 'User' ? this.user(reviewer.id, simulator) : undefined;
          return {
            type: reviewer.type,
            reviewer: user === undefined ? { ...team, id: reviewer.id } : aUser(user),
          };
        }),
      });
    if (environment.branchPolicy !== null)
      rules.push({ id: ruleId(3), node_id: nodeId(ruleId(3)), type: 'branch_policy' });
    const name = encodeURIComponent(environment.name);
    return {
      ...template,
      id: environment.id,
      node_id: Buffer.from(`Environment${environment.id}`).toString('base64'),
      name: environment.name,
      url: `https://api.github.com/repos/${OWNER}/${REPO}/environments/${name}`,
      html_url: `https://github.com/${OWNER}/${REPO}/deployments/activity_log?environments_filter=${name}`,
      created_at: environment.createdAt,
      updated_at: environment.updatedAt,
      protection_rules: rules,
      deployment_branch_policy: environment.branchPolicy,
    };
  }
}
