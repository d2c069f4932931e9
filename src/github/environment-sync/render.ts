// Environment sync, rendering: a plan from plan.ts for people reading it, as a diff with one line
// per change, and the number of changes it holds.
import { quote } from './errors.ts';
import type { AppIdentity, BranchPolicySetting, EnvironmentChange, EnvironmentSyncPlan } from './plan.ts';

export function countEnvironmentChanges(plan: EnvironmentSyncPlan): number {
  return plan.environments.reduce((sum, environment) => sum + environment.changes.length, 0);
}

/** The plan as a diff, one line per change (`+` added, `-` removed, `~` changed). */
export function renderEnvironmentSyncPlan(plan: EnvironmentSyncPlan): string {
  const lines = plan.environments.flatMap((environment) =>
    environment.changes.map((change) => renderChange(change, quote(environment.name))),
  );
  return lines.length === 0 ? 'nothing to change\n' : `${lines.join('\n')}\n`;
}

function renderChange(change: EnvironmentChange, name: string): string {
  switch (change.kind) {
    case 'create_environment':
      return `+ ${name}: create environment`;
    case 'wait_timer':
      return `~ ${name}: wait_timer ${change.from} → ${change.to}`;
    case 'prevent_self_review':
      return `~ ${name}: prevent_self_review ${change.from} → ${change.to}`;
    case 'add_reviewer':
      return `+ ${name}: required reviewer ${change.reviewer.name}`;
    case 'remove_reviewer':
      return `- ${name}: required reviewer ${change.reviewer.name}`;
    case 'deployment_branch_policy':
      return `~ ${name}: deployment branches ${describeBranchPolicy(change.from)} → ${describeBranchPolicy(change.to)}`;
    case 'add_branch_policy':
      return `+ ${name}: deployment branch ${change.name}`;
    case 'remove_branch_policy':
      return `- ${name}: deployment branch ${change.name}`;
    case 'enable_protection_rule':
      return `+ ${name}: custom protection rule ${describeApp(change.app)}`;
    case 'disable_protection_rule':
      return `- ${name}: custom protection rule ${describeApp(change.app)}`;
  }
}

function describeBranchPolicy(setting: BranchPolicySetting): string {
  if (setting === null) return 'all';
  return setting.custom_branch_policies ? 'selected' : 'protected';
}

export function describeApp(app: AppIdentity): string {
  if (app.slug !== undefined && app.id !== undefined) return `${app.slug} (app ${app.id})`;
  return app.slug ?? `app ${app.id}`;
}
