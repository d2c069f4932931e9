// Environment sync on a push (issue 5): when a push to the default branch changes the policy, the
// App applies its `environments:` to GitHub, as `gatehouse sync-environments` would. Changing an
// environment needs the Administration permission, which app.yml does not ask for (it lets the
// App change any repository setting); without it, the App says in a check run on the pushed
// commit what would change and which command applies it.
import { escapeMarkdownInline, renderCode } from '../core/escape.ts';
import { DEFAULT_CONFIG_PATH } from '../core/registry.ts';
import type { GateEnvironment } from '../gate/run-pull-request-gate.ts';
import { applyEnvironmentSync } from '../github/environment-sync/apply.ts';
import { EnvironmentSyncError } from '../github/environment-sync/errors.ts';
import { type EnvironmentSyncPlan, planEnvironmentSync } from '../github/environment-sync/plan.ts';
import { countEnvironmentChanges, renderEnvironmentSyncPlan } from '../github/environment-sync/render.ts';
import { loadGateCheckRuns } from '../github/load-gate-check-runs.ts';
import { loadPolicy } from '../github/load-policy.ts';
import { publishCheckRun } from '../github/publish-check-run.ts';
import { createTraceKey } from '../github/traces.ts';

/** Not `gatehouse: …`, which names deployment gates: an environment may be called anything. */
export const SYNC_CHECK_NAME = 'gatehouse environments';

export type SyncOutcome = 'no_environments' | 'in_sync' | 'applied' | 'not_applied' | 'policy_not_valid';

export async function syncEnvironmentsOnPush(
  env: GateEnvironment,
  push: { owner: string; repo: string; sha: string; defaultBranch: string },
): Promise<SyncOutcome> {
  const repository = { owner: push.owner, repo: push.repo };
  const loaded = await loadPolicy(env.github, {
    ...repository,
    defaultBranch: push.defaultBranch,
    ref: push.sha,
    path: env.configPath ?? DEFAULT_CONFIG_PATH,
  });
  // An invalid policy is reported by every gate's check; there is nothing to apply.
  if (loaded.state !== 'valid') return 'policy_not_valid';
  if (Object.keys(loaded.policy.environments).length === 0) return 'no_environments';
  let plan: EnvironmentSyncPlan | undefined;
  try {
    plan = await planEnvironmentSync(env.github, repository, loaded.policy, {
      app: env.self.appId,
      ...(loaded.document.environments === undefined ? {} : { declared: loaded.document.environments }),
    });
    const changes = countEnvironmentChanges(plan);
    if (changes === 0) {
      await report(env, push, { outcome: 'in_sync', plan });
      return 'in_sync';
    }
    if (env.dryRun) {
      env.log.info({ changes }, 'dry run: would apply the environments of the policy');
      return 'not_applied';
    }
    await applyEnvironmentSync(env.github, repository, plan);
    env.log.info({ changes }, 'environments synced with the policy');
    await report(env, push, { outcome: 'applied', plan });
    return 'applied';
  } catch (error) {
    if (!(error instanceof EnvironmentSyncError)) throw error;
    env.log.warn({ problems: error.problems }, 'the environments of the policy could not be applied');
    await report(env, push, {
      outcome: 'not_applied',
      problems: error.problems,
      ...(plan === undefined ? {} : { plan }),
    });
    return 'not_applied';
  }
}

async function report(
  env: GateEnvironment,
  push: { owner: string; repo: string; sha: string },
  result: { outcome: 'in_sync' | 'applied' | 'not_applied'; plan?: EnvironmentSyncPlan; problems?: string[] },
): Promise<void> {
  if (env.dryRun) return;
  const diff = result.plan === undefined ? '' : renderEnvironmentSyncPlan(result.plan);
  const command = `gatehouse sync-environments --repo ${push.owner}/${push.repo} --app ${env.self.appId}`;
  const lines: string[] = [];
  let title: string;
  if (result.outcome === 'not_applied') {
    title = 'Environments not synced: run gatehouse sync-environments';
    lines.push(
      'Gatehouse could not apply the `environments:` of the policy:',
      '',
      ...(result.problems ?? []).map((problem) => `- ${escapeMarkdownInline(problem, 500)}`),
      '',
      `Apply it with a token that has the Administration permission on the repository (see docs/environment-sync.md), or give the App that permission: ${renderCode(command)}`,
    );
  } else {
    title =
      result.outcome === 'applied' ? 'Environments synced with the policy' : 'Environments match the policy';
  }
  if (diff !== '')
    lines.push(
      '',
      result.outcome === 'applied' ? 'Applied:' : 'Changes:',
      '',
      '```diff',
      diff.trimEnd(),
      '```',
    );
  const at = { owner: push.owner, repo: push.repo, sha: push.sha, appId: env.self.appId };
  const summary = lines.join('\n');
  await publishCheckRun(
    env.github,
    at,
    {
      name: SYNC_CHECK_NAME,
      status: 'completed',
      conclusion: result.outcome === 'not_applied' ? 'neutral' : 'success',
      title,
      summary: summary === '' ? title : summary,
      text: '',
      externalId: createTraceKey(['environments', push.sha, result.outcome, diff]),
    },
    await loadGateCheckRuns(env.github, at, env.self.appId, SYNC_CHECK_NAME),
    { replicas: env.replicas },
  );
}
