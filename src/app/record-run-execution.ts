// The App's side of execution records for what is not a merge (issue 12): a deployment that
// ended, and an agent's report on its approval issue (whose gate is recomputed first, as for any
// comment there: a comment that carries a report may carry a /reject too).
import { recordDeploymentExecution } from '../gate/record-deployment-execution.ts';
import { recordRequestExecution } from '../gate/record-request-execution.ts';
import type { GateEnvironment } from '../gate/run-pull-request-gate.ts';
import { handleApprovalIssueComment } from './deployments.ts';
import type { DeliveryPlan } from './plan-delivery.ts';

type Plan = Extract<DeliveryPlan, { kind: 'deployment_execution' | 'request_execution' }>;

export async function recordRunExecution(
  env: GateEnvironment,
  context: { id: string; log: { debug: (fields: object, message: string) => void } },
  plan: Plan,
): Promise<void> {
  if (plan.kind === 'deployment_execution') {
    const run = await recordDeploymentExecution(env, { ...plan.repository, deploymentId: plan.deploymentId });
    if (run.outcome === 'skipped')
      context.log.debug(
        { delivery: context.id, deployment: plan.deploymentId },
        `no execution record: ${run.reason}`,
      );
    return;
  }
  const { commentId, ...comment } = plan;
  if (plan.sender.id !== env.self.botId)
    await handleApprovalIssueComment(env, { ...comment, kind: 'approval_issue' });
  const run = await recordRequestExecution(env, {
    ...plan.repository,
    issueNumber: plan.issueNumber,
    commentId,
  });
  if (run.outcome === 'skipped')
    context.log.debug(
      { delivery: context.id, issue: plan.issueNumber, comment: commentId },
      `no execution record: ${run.reason}`,
    );
}
