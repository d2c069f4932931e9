// What someone says to a deployment's gate outside any comment, written into the gate's
// timeline so that it counts like a command and lands in the decision record: a review in
// GitHub's own "Review deployments" dialog, or a click on a deployment gate's check run of a
// commit without a pull request (L5: only traces by Gatehouse's bot, never edited, are trusted).
import type { Actor } from '../core/model.ts';
import { loadApprovalIssues, readRequestRecord } from '../github/load-approval-issues.ts';
import { loadIssueComments } from '../github/load-timeline.ts';
import { createTraceKey, publishTrace, readTraces, type Trace } from '../github/traces.ts';
import {
  type DeploymentGateRun,
  type DeploymentTarget,
  findPullRequestOfHead,
} from './run-deployment-gate.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';
import { DEFAULT_ISSUE_LABELS } from './run-request-gate.ts';

/**
 * Writes what someone said to a deployment's gate outside any comment into the gate's timeline as
 * a trace, once (by its key): a review in GitHub's own "Review deployments" dialog, or a click on
 * the `gatehouse: <environment>` run's Approve / Reject of a commit that has an approval issue.
 * It then counts like a `/approve` or `/reject` by the same person and lands in the decision
 * record. The timeline is the pull request whose head is the commit, else the deployment's
 * approval issue; `only: 'approval_issue'` skips the pull request (a click on a pull request's
 * run is handled there). Returns where it was written, or undefined when no gate exists yet.
 */
export async function recordDeploymentStatement(
  env: GateEnvironment,
  target: DeploymentTarget,
  statement: {
    source: 'deployment_review' | 'check_action';
    action: 'approve' | 'reject';
    actor: Actor;
    at: string;
    /** What identifies the event: the run and time of a review, the clicked run and its summary. */
    key: readonly (string | number)[];
  },
  only?: 'approval_issue',
): Promise<{ number: number; route: DeploymentGateRun['route'] } | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  const pull = only === 'approval_issue' ? undefined : await findPullRequestOfHead(env, target);
  const number = pull ?? (await findDeploymentIssue(env, target));
  if (number === undefined) return undefined;
  const route = pull === undefined ? 'approval_issue' : 'pull_request';
  const at = Number.isNaN(Date.parse(statement.at))
    ? env.now().toISOString()
    : new Date(statement.at).toISOString();
  const key = createTraceKey([
    statement.source,
    ...statement.key,
    target.environment,
    statement.actor.id,
    statement.action,
  ]);
  const comments = await loadIssueComments(env.github, { ...repository, number });
  if (readTraces(comments, env.self).keys.has(key)) return { number, route };
  const { id, login, type } = statement.actor;
  const trace: Trace = {
    type: statement.source,
    action: statement.action,
    actor: { id, login, type },
    sha: target.sha,
    environment: target.environment,
    at,
    key,
  };
  if (env.dryRun) env.log.info({ trace }, 'dry run: would record the statement');
  else await publishTrace(env.github, { ...repository, number }, trace);
  return { number, route };
}

/** The open approval issue whose request is this deployment (commit and environment). */
async function findDeploymentIssue(
  env: GateEnvironment,
  target: DeploymentTarget,
): Promise<number | undefined> {
  const repository = { owner: target.owner, repo: target.repo };
  const issues = await loadApprovalIssues(env.github, repository, {
    state: 'open',
    labels: DEFAULT_ISSUE_LABELS,
    botId: env.self.botId,
  });
  for (const issue of issues) {
    const comments = await loadIssueComments(env.github, { ...repository, number: issue.number });
    const request = readRequestRecord(comments, env.self.botId, `${target.owner}/${target.repo}`);
    if (request?.subject.sha === target.sha && request.gate.environment === target.environment)
      return issue.number;
  }
  return undefined;
}
