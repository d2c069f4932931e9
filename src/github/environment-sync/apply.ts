// Environment sync, applying (DESIGN §2 `environments:`, issue 5): a plan from plan.ts made with
// the REST calls that make each change. Plan and apply are split so a dry run is free.
import type { GitHubClient } from '../client.ts';
import { EnvironmentSyncError, guard, quote } from './errors.ts';
import {
  ENVIRONMENT,
  type EnvironmentChange,
  type EnvironmentPlan,
  type EnvironmentSyncPlan,
  loadApp,
  type RepositoryName,
} from './plan.ts';
import { countEnvironmentChanges, describeApp } from './render.ts';

export interface EnvironmentSyncResult {
  /** Changes made, and the environments they were made to. */
  applied: number;
  environments: number;
}

/**
 * Makes the plan's changes, environment by environment: the settings (which also create the
 * environment and switch it to selected branches), then branch policies, then the protection
 * rule. Stops at the first refusal, saying what was already done; the next plan picks up the rest.
 */
export async function applyEnvironmentSync(
  github: GitHubClient,
  repository: RepositoryName,
  plan: EnvironmentSyncPlan,
): Promise<EnvironmentSyncResult> {
  const result: EnvironmentSyncResult = { applied: 0, environments: 0 };
  const total = countEnvironmentChanges(plan);
  for (const environment of plan.environments) {
    if (environment.changes.length === 0) continue;
    try {
      await applyEnvironment(github, repository, environment, (done) => {
        result.applied += done;
      });
    } catch (error) {
      const problems = error instanceof EnvironmentSyncError ? error.problems : [String(error)];
      throw new EnvironmentSyncError([
        ...problems,
        `${result.applied} of ${total} changes were applied before this; run the sync again to finish`,
      ]);
    }
    result.environments += 1;
  }
  return result;
}

async function applyEnvironment(
  github: GitHubClient,
  repository: RepositoryName,
  plan: EnvironmentPlan,
  onApplied: (changes: number) => void,
): Promise<void> {
  const where = { ...repository, environment_name: plan.name };
  const name = quote(plan.name);
  const settingsChanges = plan.changes.filter((change) => SETTINGS_CHANGES.has(change.kind)).length;
  if (plan.settings !== undefined) {
    const settings = plan.settings;
    await guard(`updating environment ${name}`, 'write', () =>
      github.request(`PUT ${ENVIRONMENT}`, { ...where, ...settings }),
    );
    onApplied(settingsChanges);
  }
  for (const change of plan.changes) {
    switch (change.kind) {
      case 'remove_branch_policy':
        await guard(`removing branch policy ${change.name} of ${name}`, 'write', () =>
          github.request(`DELETE ${ENVIRONMENT}/deployment-branch-policies/{branch_policy_id}`, {
            ...where,
            branch_policy_id: change.id,
          }),
        );
        break;
      case 'add_branch_policy':
        await guard(`adding branch policy ${change.name} to ${name}`, 'write', () =>
          github.request(`POST ${ENVIRONMENT}/deployment-branch-policies`, {
            ...where,
            name: change.name,
            type: 'branch',
          }),
        );
        break;
      case 'enable_protection_rule': {
        const app =
          change.app.id === undefined
            ? await loadApp(github, repository, plan.name, change.app.slug ?? '')
            : change.app;
        await guard(`enabling ${describeApp(app)} on ${name}`, 'write', () =>
          github.request(`POST ${ENVIRONMENT}/deployment_protection_rules`, {
            ...where,
            integration_id: app.id as number,
          }),
        );
        break;
      }
      case 'disable_protection_rule':
        await guard(`disabling ${describeApp(change.app)} on ${name}`, 'write', () =>
          github.request(`DELETE ${ENVIRONMENT}/deployment_protection_rules/{protection_rule_id}`, {
            ...where,
            protection_rule_id: change.ruleId,
          }),
        );
        break;
      default:
        // Settings changes were all made by the one PUT above.
        continue;
    }
    onApplied(1);
  }
}

/** Changes that the PUT of the environment's settings makes. */
const SETTINGS_CHANGES = new Set<EnvironmentChange['kind']>([
  'create_environment',
  'wait_timer',
  'prevent_self_review',
  'add_reviewer',
  'remove_reviewer',
  'deployment_branch_policy',
]);
