// Environment sync, planning (DESIGN §2 `environments:`, issue 5): the protection the policy asks
// of each environment, compared with what GitHub has, as a plan of changes. Nothing is written
// here: apply.ts makes the changes, so a dry run is free.
//
// Only what the policy says is managed: a key it leaves out stays as GitHub has it. Risk rules
// whose `if.environments` match an environment add their reviewers to its required reviewers, so
// GitHub's own "Review deployments" button and `/approve` ask the same people.
import type { Policy } from '../../core/model.ts';
import { readReviewerGroup } from '../../core/model.ts';
import { matchesAnyGlob } from '../../core/path-match.ts';
import { MAX_ENVIRONMENT_REVIEWERS, type PolicyDocument } from '../../core/policy.ts';
import type { GitHubClient } from '../client.ts';
import { readStatus } from '../request-error.ts';
import { EnvironmentSyncError, guard, quote, refusal } from './errors.ts';

export interface RepositoryName {
  owner: string;
  repo: string;
}

export interface Reviewer {
  type: 'User' | 'Team';
  id: number;
  /** `alice` or `@acme/platform`, for people reading the plan. */
  name: string;
}

/** Gatehouse's App: its id (`integration_id`) and slug, as far as they are known. */
export interface AppIdentity {
  id?: number;
  slug?: string;
}

/** GitHub's `deployment_branch_policy`: null lets every branch deploy. */
export type BranchPolicySetting = { protected_branches: boolean; custom_branch_policies: boolean } | null;

export type EnvironmentChange =
  | { kind: 'create_environment' }
  | { kind: 'wait_timer'; from: number; to: number }
  | { kind: 'prevent_self_review'; from: boolean; to: boolean }
  | { kind: 'add_reviewer'; reviewer: Reviewer }
  | { kind: 'remove_reviewer'; reviewer: Reviewer }
  | { kind: 'deployment_branch_policy'; from: BranchPolicySetting; to: BranchPolicySetting }
  | { kind: 'add_branch_policy'; name: string }
  | { kind: 'remove_branch_policy'; name: string; id: number }
  | { kind: 'enable_protection_rule'; app: AppIdentity }
  | { kind: 'disable_protection_rule'; app: AppIdentity; ruleId: number };

/** The body of `PUT /repos/{owner}/{repo}/environments/{environment_name}`. */
export interface EnvironmentSettings {
  wait_timer?: number;
  prevent_self_review?: boolean;
  reviewers?: { type: 'User' | 'Team'; id: number }[];
  deployment_branch_policy?: BranchPolicySetting;
}

export interface EnvironmentPlan {
  name: string;
  exists: boolean;
  changes: EnvironmentChange[];
  /**
   * The PUT body, when the environment is created or one of its settings changes. It carries
   * GitHub's current value for every setting the policy leaves out, so nothing else is reset.
   */
  settings?: EnvironmentSettings;
}

export interface EnvironmentSyncPlan {
  environments: EnvironmentPlan[];
}

export interface EnvironmentSyncOptions {
  /** Gatehouse's App, by id (a number) or slug: needed where `gate` is set. */
  app?: number | string;
  /**
   * The policy's `environments:` as written (the merged document), to tell a key set to its
   * default (`wait_timer: 0`, `gate: false`) from a key left out. Without it, a setting at its
   * default value is taken as left out and not managed.
   */
  declared?: PolicyDocument['environments'];
}

// ---------------------------------------------------------------------------------------------
// What the policy asks.

/** One environment's managed settings; a key left undefined is not managed. */
export interface EnvironmentTarget {
  name: string;
  /** Logins and `@org/team` entries, lower case, each once. */
  reviewers?: string[];
  preventSelfReview?: boolean;
  waitTimer?: number;
  branches?: string[];
  gate?: boolean;
}

/**
 * The managed settings of every environment of the policy, or the problems that stop a sync:
 * more required reviewers than GitHub allows, a gate without the App to enable.
 */
export function createEnvironmentTargets(
  policy: Pick<Policy, 'environments' | 'reviewers' | 'rules'>,
  options: EnvironmentSyncOptions = {},
): { targets: EnvironmentTarget[]; problems: string[] } {
  const targets: EnvironmentTarget[] = [];
  const problems: string[] = [];
  for (const [name, environment] of Object.entries(policy.environments)) {
    const written = options.declared?.[name];
    const isSet = <K extends keyof NonNullable<typeof written>>(key: K, isDefault: boolean) =>
      written === undefined ? !isDefault : written[key] !== undefined;
    const target: EnvironmentTarget = { name };

    const rules = policy.rules.filter(
      (rule) => rule.if.environments !== undefined && matchesAnyGlob(name, rule.if.environments),
    );
    const groups = [...environment.reviewers, ...rules.flatMap((rule) => rule.reviewers)];
    const entries = [
      ...new Set(groups.flatMap((group) => readReviewerGroup(policy, group) ?? []).map(lower)),
    ];
    if (entries.length > MAX_ENVIRONMENT_REVIEWERS) {
      const from = [
        ...(environment.reviewers.length > 0 ? [`environments.${quote(name)}.reviewers`] : []),
        ...rules.map((rule) => `rule ${rule.name}`),
      ];
      problems.push(
        `${quote(name)}: ${entries.length} required reviewers (${entries.join(', ')}) from ${from.join(' and ')}; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} per environment: name a team instead of its members, or fewer people`,
      );
    }
    if (entries.length > 0) target.reviewers = entries;
    if (isSet('prevent_self_review', !environment.preventSelfReview))
      target.preventSelfReview = environment.preventSelfReview;
    if (isSet('wait_timer', environment.waitTimer === 0)) target.waitTimer = environment.waitTimer;
    if (environment.branches.length > 0) target.branches = [...new Set(environment.branches)];
    if (isSet('gate', !environment.gate)) {
      target.gate = environment.gate;
      if (environment.gate && options.app === undefined) {
        problems.push(
          `${quote(name)}: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App`,
        );
      }
    }
    targets.push(target);
  }
  return { targets, problems };
}

// ---------------------------------------------------------------------------------------------
// Planning: read what GitHub has, compare.

/**
 * Reads each environment of the policy from GitHub (the environment, then its branch policies
 * and custom protection rules where the policy manages them) and lists the changes that would
 * make it match. Nothing is written. Throws {@link EnvironmentSyncError}.
 */
export async function planEnvironmentSync(
  github: GitHubClient,
  repository: RepositoryName,
  policy: Pick<Policy, 'environments' | 'reviewers' | 'rules'>,
  options: EnvironmentSyncOptions = {},
): Promise<EnvironmentSyncPlan> {
  const { targets, problems } = createEnvironmentTargets(policy, options);
  if (problems.length > 0) throw new EnvironmentSyncError(problems);
  const reviewers = await loadReviewers(github, [
    ...new Set(targets.flatMap((target) => target.reviewers ?? [])),
  ]);
  const environments: EnvironmentPlan[] = [];
  for (const target of targets) {
    const current = await loadEnvironment(github, repository, target);
    environments.push(
      await planEnvironment(github, repository, target, current, {
        reviewers,
        ...(options.app === undefined ? {} : { app: options.app }),
      }),
    );
  }
  return { environments };
}

/** GitHub's current protection of one environment; undefined when it does not exist. */
interface CurrentEnvironment {
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: Reviewer[];
  branchPolicy: BranchPolicySetting;
  /** Branch name patterns (tag patterns are left alone): read when the policy manages branches. */
  branchPolicies: { id: number; name: string }[];
  /** Enabled custom protection rules: read when the policy manages `gate`. */
  protectionRules: { id: number; app: { id: number; slug: string } }[];
}

export const ENVIRONMENT = '/repos/{owner}/{repo}/environments/{environment_name}';

async function loadEnvironment(
  github: GitHubClient,
  repository: RepositoryName,
  target: EnvironmentTarget,
): Promise<CurrentEnvironment | undefined> {
  const where = { ...repository, environment_name: target.name };
  const read = `reading environment ${quote(target.name)} of ${repository.owner}/${repository.repo}`;
  let data: unknown;
  try {
    data = (await github.request(`GET ${ENVIRONMENT}`, where)).data;
  } catch (error) {
    // A repository the token cannot see answers 404 too: the caller checks the repository first.
    if (readStatus(error) === 404) return undefined;
    throw refusal(error, read, 'read');
  }
  const current = readEnvironment(data);
  if (target.branches !== undefined && current.branchPolicy?.custom_branch_policies === true) {
    const policies = await guard(read, 'read', () =>
      github.paginate(`GET ${ENVIRONMENT}/deployment-branch-policies`, { ...where, per_page: 100 }),
    );
    current.branchPolicies = policies
      .filter((policy) => policy.type !== 'tag' && typeof policy.id === 'number')
      .map((policy) => ({ id: policy.id as number, name: policy.name ?? '' }));
  }
  if (target.gate !== undefined) {
    const { data: rules } = await guard(read, 'read', () =>
      github.request(`GET ${ENVIRONMENT}/deployment_protection_rules`, where),
    );
    current.protectionRules = (rules.custom_deployment_protection_rules ?? []).map((rule) => ({
      id: rule.id,
      app: { id: rule.app.id, slug: rule.app.slug },
    }));
  }
  return current;
}

/** The settings in `GET …/environments/{name}`: built-in rules appear only when set. */
function readEnvironment(data: unknown): CurrentEnvironment {
  const environment = (data ?? {}) as { protection_rules?: unknown; deployment_branch_policy?: unknown };
  const current: CurrentEnvironment = {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: readBranchPolicySetting(environment.deployment_branch_policy),
    branchPolicies: [],
    protectionRules: [],
  };
  const rules = Array.isArray(environment.protection_rules) ? environment.protection_rules : [];
  for (const rule of rules as Record<string, unknown>[]) {
    if (rule.type === 'wait_timer' && typeof rule.wait_timer === 'number')
      current.waitTimer = rule.wait_timer;
    if (rule.type !== 'required_reviewers') continue;
    current.preventSelfReview = rule.prevent_self_review === true;
    const reviewers = Array.isArray(rule.reviewers) ? (rule.reviewers as Record<string, unknown>[]) : [];
    for (const { type, reviewer } of reviewers) {
      const account = (reviewer ?? {}) as {
        id?: unknown;
        login?: unknown;
        slug?: unknown;
        html_url?: unknown;
      };
      if ((type !== 'User' && type !== 'Team') || typeof account.id !== 'number') continue;
      current.reviewers.push({ type, id: account.id, name: reviewerName(type, account) });
    }
  }
  return current;
}

function readBranchPolicySetting(value: unknown): BranchPolicySetting {
  if (value === null || typeof value !== 'object') return null;
  const setting = value as { protected_branches?: unknown; custom_branch_policies?: unknown };
  return {
    protected_branches: setting.protected_branches === true,
    custom_branch_policies: setting.custom_branch_policies === true,
  };
}

/** `alice`, or `@org/slug` from a team's `html_url` (…/orgs/{org}/teams/{slug}). */
function reviewerName(
  type: 'User' | 'Team',
  account: { login?: unknown; slug?: unknown; html_url?: unknown; id?: unknown },
): string {
  if (type === 'User') return typeof account.login === 'string' ? account.login : `user ${account.id}`;
  const url = typeof account.html_url === 'string' ? account.html_url : '';
  const team = /\/orgs\/([^/]+)\/teams\/([^/]+)$/.exec(url);
  if (team) return `@${team[1]}/${team[2]}`;
  return typeof account.slug === 'string' ? `@${account.slug}` : `team ${account.id}`;
}

/** Each entry's account or team id: `GET /users/{username}`, `GET /orgs/{org}/teams/{team_slug}`. */
async function loadReviewers(github: GitHubClient, entries: string[]): Promise<Map<string, Reviewer>> {
  const reviewers = new Map<string, Reviewer>();
  for (const entry of entries) {
    if (entry.startsWith('@')) {
      const [org = '', slug = ''] = entry.slice(1).split('/');
      const team = await guard(
        `reading team ${entry}`,
        'team',
        () => github.request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug }),
        `there is no team ${entry}, or the token cannot see it: the token needs the Members: read organization permission on ${org}`,
      );
      reviewers.set(entry, { type: 'Team', id: team.data.id, name: entry });
    } else {
      const user = await guard(
        `reading user ${entry}`,
        'user',
        () => github.request('GET /users/{username}', { username: entry }),
        `there is no GitHub account ${entry}: fix the login in the policy's reviewers`,
      );
      if (user.data.type === 'Organization')
        throw new EnvironmentSyncError([
          `${entry} is an organization, not a person: name a team of it as @${entry}/team instead`,
        ]);
      reviewers.set(entry, { type: 'User', id: Number(user.data.id), name: entry });
    }
  }
  return reviewers;
}

async function planEnvironment(
  github: GitHubClient,
  repository: RepositoryName,
  target: EnvironmentTarget,
  current: CurrentEnvironment | undefined,
  known: { reviewers: Map<string, Reviewer>; app?: number | string },
): Promise<EnvironmentPlan> {
  const changes: EnvironmentChange[] = [];
  const settings: EnvironmentSettings = current
    ? {
        wait_timer: current.waitTimer,
        prevent_self_review: current.preventSelfReview,
        reviewers: current.reviewers.map(({ type, id }) => ({ type, id })),
        deployment_branch_policy: current.branchPolicy,
      }
    : {};
  if (current === undefined) changes.push({ kind: 'create_environment' });
  const was = current ?? {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: null,
    branchPolicies: [],
    protectionRules: [],
  };
  let settingsChanged = current === undefined;

  if (target.waitTimer !== undefined) {
    settings.wait_timer = target.waitTimer;
    if (target.waitTimer !== was.waitTimer) {
      changes.push({ kind: 'wait_timer', from: was.waitTimer, to: target.waitTimer });
      settingsChanged = true;
    }
  }
  if (target.preventSelfReview !== undefined) {
    settings.prevent_self_review = target.preventSelfReview;
    if (target.preventSelfReview !== was.preventSelfReview) {
      changes.push({
        kind: 'prevent_self_review',
        from: was.preventSelfReview,
        to: target.preventSelfReview,
      });
      settingsChanged = true;
    }
  }
  if (target.reviewers !== undefined) {
    const wanted = uniqueReviewers(
      target.reviewers
        .map((entry) => known.reviewers.get(entry))
        .filter((reviewer) => reviewer !== undefined),
    );
    const key = (reviewer: Reviewer) => `${reviewer.type}:${reviewer.id}`;
    const have = new Set(was.reviewers.map(key));
    const keep = new Set(wanted.map(key));
    const removed = was.reviewers.filter((reviewer) => !keep.has(key(reviewer)));
    const added = wanted.filter((reviewer) => !have.has(key(reviewer)));
    for (const reviewer of removed) changes.push({ kind: 'remove_reviewer', reviewer });
    for (const reviewer of added) changes.push({ kind: 'add_reviewer', reviewer });
    settings.reviewers = wanted.map(({ type, id }) => ({ type, id }));
    if (removed.length > 0 || added.length > 0) settingsChanged = true;
  }
  if (target.branches !== undefined) {
    const custom = { protected_branches: false, custom_branch_policies: true };
    settings.deployment_branch_policy = custom;
    if (was.branchPolicy?.custom_branch_policies !== true) {
      changes.push({ kind: 'deployment_branch_policy', from: was.branchPolicy, to: custom });
      settingsChanged = true;
    }
    const wanted = new Set(target.branches);
    for (const policy of was.branchPolicies)
      if (!wanted.has(policy.name))
        changes.push({ kind: 'remove_branch_policy', name: policy.name, id: policy.id });
    const have = new Set(was.branchPolicies.map((policy) => policy.name));
    for (const name of target.branches)
      if (!have.has(name)) changes.push({ kind: 'add_branch_policy', name });
  }
  if (target.gate !== undefined) {
    const change = await planProtectionRule(
      github,
      repository,
      target,
      was,
      current !== undefined,
      known.app,
    );
    if (change !== undefined) changes.push(change);
  }
  return {
    name: target.name,
    exists: current !== undefined,
    changes,
    ...(settingsChanged ? { settings } : {}),
  };
}

async function planProtectionRule(
  github: GitHubClient,
  repository: RepositoryName,
  target: EnvironmentTarget,
  was: CurrentEnvironment,
  exists: boolean,
  app: number | string | undefined,
): Promise<EnvironmentChange | undefined> {
  const ours = was.protectionRules.find((rule) => app !== undefined && isApp(rule.app, app));
  if (target.gate === true) {
    // `app` is never missing here: createEnvironmentTargets refused a gate without it.
    if (ours !== undefined || app === undefined) return undefined;
    if (typeof app === 'number') return { kind: 'enable_protection_rule', app: { id: app } };
    // A slug becomes an id through the apps GitHub offers this environment; a new environment
    // has none to list yet, so that look-up waits until it exists (applyEnvironmentSync).
    const identity = exists ? await loadApp(github, repository, target.name, app) : { slug: app };
    return { kind: 'enable_protection_rule', app: identity };
  }
  if (was.protectionRules.length === 0) return undefined;
  if (app === undefined) {
    const apps = was.protectionRules.map((rule) => rule.app.slug).join(', ');
    throw new EnvironmentSyncError([
      `${quote(target.name)}: gate is false and the environment has custom protection rules (${apps}): pass --app SLUG|ID to say which of them is Gatehouse's`,
    ]);
  }
  return ours === undefined ? undefined : { kind: 'disable_protection_rule', app: ours.app, ruleId: ours.id };
}

function isApp(candidate: { id: number; slug: string }, app: number | string): boolean {
  return typeof app === 'number' ? candidate.id === app : candidate.slug.toLowerCase() === app.toLowerCase();
}

/** `GET …/deployment_protection_rules/apps`: the App's integration id, found by its slug. */
export async function loadApp(
  github: GitHubClient,
  repository: RepositoryName,
  environment: string,
  slug: string,
): Promise<AppIdentity> {
  const apps = await guard(
    `listing the protection rule apps of environment ${quote(environment)}`,
    'write',
    () =>
      github.paginate(`GET ${ENVIRONMENT}/deployment_protection_rules/apps`, {
        ...repository,
        environment_name: environment,
        per_page: 100,
      }),
  );
  const found = apps.find((candidate) => isApp({ id: candidate.id ?? 0, slug: candidate.slug ?? '' }, slug));
  if (found?.id === undefined) {
    const offered = apps.map((candidate) => candidate.slug).join(', ') || 'none';
    throw new EnvironmentSyncError([
      `--app ${slug}: no such App can protect environment ${quote(environment)} of ${repository.owner}/${repository.repo} (available: ${offered}); install the App on the repository, or pass its numeric id`,
    ]);
  }
  return { id: found.id, slug: found.slug ?? slug };
}

function uniqueReviewers(reviewers: Reviewer[]): Reviewer[] {
  const seen = new Set<string>();
  return reviewers.filter((reviewer) => {
    const key = `${reviewer.type}:${reviewer.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lower(entry: string): string {
  return entry.toLowerCase();
}
