// Which gate a delivery recomputes, and with which trigger. Pure: the handler gathers the App's own
// identity and calls the orchestration; this file only reads the (already shape-checked) payload.

import { parseCommand } from '../core/commands.ts';
import { DEPLOYMENT_OUTCOMES } from '../core/execution-record.ts';
import { hasExecutionMark } from '../core/execution-report.ts';
import type { Actor } from '../core/model.ts';
import { CHECK_NAME, DEFAULT_CONFIG_PATH, parseCheckName } from '../core/registry.ts';
import {
  COMMENT_ACTIONS,
  type GateScope,
  PULL_REQUEST_ACTIONS,
  type PullRequestTrigger,
  REVIEW_ACTIONS,
} from '../gate/run-pull-request-gate.ts';
import {
  type ApprovalIssueDeletion,
  type ApprovalIssueEdit,
  DEFAULT_ISSUE_LABELS,
} from '../gate/run-request-gate.ts';
import type { PullRequestTarget } from '../github/load-pull-request.ts';
import { createActor, type Delivery } from './delivery.ts';

/** What a delivery leads to. */
export type DeliveryPlan =
  | { kind: 'ignore'; reason: string }
  | { kind: 'note'; level: 'info' | 'warn'; message: string; fields: Record<string, unknown> }
  | {
      kind: 'gate';
      installationId: number;
      targets: PullRequestTarget[];
      trigger: PullRequestTrigger;
      /** The check run's app, for check_run deliveries: only Gatehouse's own runs count. */
      checkRunAppId?: number | null;
      /** Gatehouse's own comments recompute nothing (they would only echo its last update). */
      ignoreWhenSenderIsSelf: boolean;
      /** A deployment gate's check run was clicked: that gate, not the pull request's own. */
      scope?: GateScope;
    }
  /** A comment on an issue that may be an approval issue (a deployment or request without a PR). */
  | (ApprovalIssueComment & { kind: 'approval_issue' })
  /** A deployment waits for Gatehouse, the environment's custom protection rule. */
  | {
      kind: 'deployment';
      installationId: number;
      repository: Repository & { id: number };
      environment: string;
      callbackUrl: string;
      /** The deployment's SHA as the payload says; the run read from the API decides. */
      sha: string;
      creator?: Actor;
    }
  /** Approve / Reject on a deployment gate's run of a commit with no pull request: its approval issue. */
  | {
      kind: 'approval_issue_click';
      installationId: number;
      repository: Repository;
      sha: string;
      environment: string;
      checkRunId: number;
      checkRunAppId: number | null;
      action: string;
      sender: Actor;
      runSummary?: string;
    }
  /** A pull request was merged: its execution record (the API, not the payload, says the merge). */
  | { kind: 'execution'; installationId: number; target: PullRequestTarget }
  /** A deployment ended: its execution record, when Gatehouse gates its environment (the API says). */
  | { kind: 'deployment_execution'; installationId: number; repository: Repository; deploymentId: number }
  /**
   * A comment that may be an agent's execution report on an approval issue: the issue's gate is
   * recomputed as for any comment, then the report recorded (the API says whose it is).
   */
  | (ApprovalIssueComment & { kind: 'request_execution'; commentId: number })
  /** The policy changed on the default branch: apply its `environments:` to GitHub. */
  | {
      kind: 'sync_environments';
      installationId: number;
      repository: Repository;
      sha: string;
      defaultBranch: string;
    }
  /** A required reviewer answered in GitHub's own "Review deployments" dialog. */
  | {
      kind: 'deployment_review';
      installationId: number;
      repository: Repository;
      runId: number;
      sha: string;
      environments: string[];
      action: 'approve' | 'reject';
      reviewer: Actor;
      at: string;
    };

type Repository = { owner: string; repo: string };

interface ApprovalIssueComment {
  installationId: number;
  repository: Repository;
  issueNumber: number;
  sender: Actor;
  edit?: ApprovalIssueEdit;
  /** `deleted`: the comment as GitHub's delivery last showed it (a /reject there still stands). */
  deletion?: ApprovalIssueDeletion;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function ignore(reason: string): DeliveryPlan {
  return { kind: 'ignore', reason };
}

/** The plan for one pull request of the delivery's repository. */
function gateOf(
  payload: { installation: { id: number }; repository: { name: string; owner: { login: string } } },
  number: number,
  trigger: PullRequestTrigger,
  ignoreWhenSenderIsSelf: boolean,
): DeliveryPlan {
  return {
    kind: 'gate',
    installationId: payload.installation.id,
    targets: [{ owner: payload.repository.owner.login, repo: payload.repository.name, number }],
    trigger,
    ignoreWhenSenderIsSelf,
  };
}

export function planDelivery(delivery: Delivery): DeliveryPlan {
  switch (delivery.name) {
    case 'pull_request': {
      const { payload } = delivery;
      if (payload.action === 'closed' && payload.pull_request.merged === true)
        return {
          kind: 'execution',
          installationId: payload.installation.id,
          target: {
            owner: payload.repository.owner.login,
            repo: payload.repository.name,
            number: payload.number,
          },
        };
      if (!isOneOf(PULL_REQUEST_ACTIONS, payload.action))
        return ignore(`pull_request.${payload.action} does not change a gate`);
      const headSha = payload.pull_request.head?.sha;
      const trigger = {
        kind: 'pull_request',
        action: payload.action,
        sender: createActor(payload.sender),
        ...(headSha === undefined ? {} : { headSha }),
      } as const;
      return gateOf(payload, payload.number, trigger, false);
    }
    case 'issue_comment': {
      const { payload } = delivery;
      if (!isOneOf(COMMENT_ACTIONS, payload.action))
        return ignore(`issue_comment.${payload.action} does not change a gate`);
      // Most comments are conversation: without a command on either side they change no gate (and
      // Gatehouse's own comments, whose deliveries come back to it, hold none), so they cost nothing.
      // An agent's execution report holds no command but is recorded (planApprovalIssue).
      if (holdsNoCommand(payload) && !reportsExecution(payload))
        return ignore(`issue_comment.${payload.action} of a comment that holds no Gatehouse command`);
      if (payload.issue.pull_request == null) return planApprovalIssue(payload);
      const trigger: PullRequestTrigger = {
        kind: 'comment',
        action: payload.action,
        commentId: payload.comment.id,
        commentAuthorId: payload.comment.user.id,
        sender: createActor(payload.sender),
        updatedAt: payload.comment.updated_at,
        // An edit that removes a command (a /reject edited away) is tampering too.
        ...readPreviousBody(payload),
        ...readDeletedComment(payload),
      };
      return gateOf(payload, payload.issue.number, trigger, true);
    }
    case 'pull_request_review': {
      const { payload } = delivery;
      if (!isOneOf(REVIEW_ACTIONS, payload.action))
        return ignore(`pull_request_review.${payload.action} does not change a gate`);
      const trigger = {
        kind: 'review',
        action: payload.action,
        sender: createActor(payload.sender),
      } as const;
      return gateOf(payload, payload.pull_request.number, trigger, false);
    }
    case 'check_run': {
      const { payload } = delivery;
      const run = payload.check_run;
      if (payload.action !== 'requested_action' && payload.action !== 'rerequested')
        return ignore(`check_run.${payload.action} does not change a gate`);
      // A gate of a pull request into another base than the default branch is named for it
      // (`gatehouse (into release/1.x)`); each pull request's gate reads back only runs of its own
      // name, so a click on another base's run opens nothing on this one.
      const named = parseCheckName(run.name);
      if (named === null) return ignore(`check run "${run.name}" is not a ${CHECK_NAME} check`);
      const { environment } = named;
      // Only pull requests of this repository: a check run also lists pull requests of other
      // repositories that share the commit, and a fork's own runs list none (S7: nothing to gate).
      const targets = run.pull_requests
        .filter((pull) => pull.base.repo.id === payload.repository.id)
        .map((pull) => ({
          owner: payload.repository.owner.login,
          repo: payload.repository.name,
          number: pull.number,
        }));
      const sender = createActor(payload.sender);
      if (
        targets.length === 0 &&
        environment !== undefined &&
        named.into === undefined &&
        payload.action === 'requested_action'
      ) {
        // A deployment gate's run of a commit without a pull request: its approval issue decides.
        if (payload.requested_action == null) return ignore('check_run.requested_action without an action');
        const summary = run.output?.summary;
        return {
          kind: 'approval_issue_click',
          installationId: payload.installation.id,
          repository: { owner: payload.repository.owner.login, repo: payload.repository.name },
          sha: run.head_sha,
          environment,
          checkRunId: run.id,
          checkRunAppId: run.app?.id ?? null,
          action: payload.requested_action.identifier,
          sender,
          ...(summary == null ? {} : { runSummary: summary }),
        };
      }
      if (targets.length === 0) return ignore('the check run names no pull request of this repository');
      let trigger: PullRequestTrigger;
      if (payload.action === 'rerequested') {
        // K2: "Re-run" recomputes from the API; the click itself approves nothing.
        trigger = { kind: 'recheck', sender };
      } else {
        if (payload.requested_action == null) return ignore('check_run.requested_action without an action');
        const summary = run.output?.summary;
        trigger = {
          kind: 'check_action',
          action: payload.requested_action.identifier,
          sender,
          headSha: run.head_sha,
          checkRunId: run.id,
          // What the clicker saw: a click on a changed run is a new statement, a replay is not.
          ...(summary == null ? {} : { runSummary: summary }),
        };
      }
      return {
        kind: 'gate',
        installationId: payload.installation.id,
        targets,
        trigger,
        checkRunAppId: run.app?.id ?? null,
        ignoreWhenSenderIsSelf: false,
        ...(environment === undefined ? {} : { scope: { environment } }),
      };
    }
    case 'push': {
      const { payload } = delivery;
      const defaultRef = `refs/heads/${payload.repository.default_branch}`;
      // R9: the decision log lives on its own branch; its commits (and any other branch's) are
      // never a reason to do anything.
      if (payload.ref !== defaultRef) return ignore(`a push to ${payload.ref}, not to the default branch`);
      if (payload.deleted === true) return ignore('the default branch was deleted');
      const touched = (payload.commits ?? []).some((commit) =>
        [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(
          DEFAULT_CONFIG_PATH,
        ),
      );
      // Every gate reads the policy when it runs; only the environments need applying.
      return touched
        ? {
            kind: 'sync_environments',
            installationId: payload.installation.id,
            repository: { owner: payload.repository.owner.login, repo: payload.repository.name },
            sha: payload.after,
            defaultBranch: payload.repository.default_branch,
          }
        : ignore(`a push to the default branch that leaves ${DEFAULT_CONFIG_PATH} as it was`);
    }
    case 'installation': {
      const { payload } = delivery;
      return {
        kind: 'note',
        level: 'info',
        message: `installation ${payload.action}`,
        fields: {
          installation: payload.installation.id,
          account: payload.installation.account?.login,
          sender: payload.sender.login,
        },
      };
    }
    case 'deployment_protection_rule': {
      const { payload } = delivery;
      if (payload.action !== 'requested')
        return ignore(`deployment_protection_rule.${payload.action} asks nothing of Gatehouse`);
      const creator = payload.deployment.creator;
      return {
        kind: 'deployment',
        installationId: payload.installation.id,
        repository: {
          owner: payload.repository.owner.login,
          repo: payload.repository.name,
          id: payload.repository.id,
        },
        environment: payload.environment,
        callbackUrl: payload.deployment_callback_url,
        sha: payload.deployment.sha,
        ...(creator == null ? {} : { creator: createActor(creator) }),
      };
    }
    case 'deployment_status': {
      const { payload } = delivery;
      const state = payload.deployment_status.state;
      if (!isOneOf(DEPLOYMENT_OUTCOMES, state))
        return ignore(`a deployment status ${state} is no end of a deployment`);
      return {
        kind: 'deployment_execution',
        installationId: payload.installation.id,
        repository: { owner: payload.repository.owner.login, repo: payload.repository.name },
        deploymentId: payload.deployment.id,
      };
    }
    case 'deployment_review': {
      const { payload } = delivery;
      if (payload.action !== 'approved' && payload.action !== 'rejected')
        return ignore(`deployment_review.${payload.action} is no decision`);
      const run = payload.workflow_run;
      const reviewer = payload.approver ?? payload.sender;
      if (run == null) return ignore('the deployment review names no workflow run');
      const environments = [
        ...new Set([
          ...(payload.workflow_job_runs ?? []).map((job) => job.environment),
          ...(payload.environment === undefined ? [] : [payload.environment]),
        ]),
      ];
      return {
        kind: 'deployment_review',
        installationId: payload.installation.id,
        repository: { owner: payload.repository.owner.login, repo: payload.repository.name },
        runId: run.id,
        sha: run.head_sha,
        environments,
        action: payload.action === 'approved' ? 'approve' : 'reject',
        reviewer: createActor(reviewer),
        at: payload.since,
      };
    }
  }
}

/**
 * The bodies a comment delivery could change a gate by: the comment as created, both sides of an
 * edit (editing a command away is tampering), a deleted comment as GitHub last showed it (a
 * /reject there still stands). Undefined when the delivery lacks one: then the gate is recomputed.
 */
function readCommentBodies(payload: { action: string; comment: object }): string[] | undefined {
  const { body } = payload.comment as { body?: unknown };
  if (typeof body !== 'string') return undefined;
  if (payload.action !== 'edited') return [body];
  const { previousBody } = readPreviousBody(payload);
  return previousBody === undefined ? undefined : [body, previousBody];
}

/**
 * Whether no body of the delivery holds a command, read by the parser the gate reads comments with
 * (src/core/gate.ts readIntent, the edit trace, the deleted veto): a comment the gate reads no
 * command from is no statement, and an edit or deletion of one records nothing.
 */
function holdsNoCommand(payload: { action: string; comment: object }): boolean {
  const bodies = readCommentBodies(payload);
  return bodies?.every((body) => parseCommand(body) === null) === true;
}

/** A new comment on an issue (not a pull request) carrying an agent's execution mark. */
function reportsExecution(payload: {
  action: string;
  issue: { pull_request?: unknown };
  comment: { body?: string | null | undefined };
}): boolean {
  return (
    payload.action === 'created' &&
    payload.issue.pull_request == null &&
    hasExecutionMark(payload.comment.body ?? '')
  );
}

/** Only issues labelled as approval issues are read; the label is a hint, the API decides (L5). */
function planApprovalIssue(payload: {
  action: string;
  installation: { id: number };
  repository: { name: string; owner: { login: string } };
  issue: { number: number; labels?: { name: string }[] | undefined };
  comment: {
    id: number;
    user: { id: number; login: string; type: string };
    updated_at: string;
    body?: string | null | undefined;
  };
  sender: { id: number; login: string; type: string };
}): DeliveryPlan {
  const labelled = (payload.issue.labels ?? []).some((label) => DEFAULT_ISSUE_LABELS.includes(label.name));
  if (!labelled) return ignore('a comment on an issue that is no approval issue');
  const sender = createActor(payload.sender);
  const plan: DeliveryPlan = {
    kind: 'approval_issue',
    installationId: payload.installation.id,
    repository: { owner: payload.repository.owner.login, repo: payload.repository.name },
    issueNumber: payload.issue.number,
    sender,
  };
  if (payload.action === 'edited')
    plan.edit = {
      commentId: payload.comment.id,
      editor: sender,
      updatedAt: payload.comment.updated_at,
      ...readPreviousBody(payload),
    };
  const { deleted } = readDeletedComment(payload);
  if (deleted !== undefined) plan.deletion = { commentId: payload.comment.id, ...deleted };
  // The body is only a hint of which comment to read: the report is read back from the API.
  if (payload.action === 'created' && hasExecutionMark(payload.comment.body ?? ''))
    return { ...plan, kind: 'request_execution', commentId: payload.comment.id };
  return plan;
}

/** The comment of an `issue_comment.deleted` delivery, as GitHub last held it. */
function readDeletedComment(payload: {
  action: string;
  comment: { user: { id: number; login: string; type: string } };
}): { deleted?: { body: string; createdAt: string; author: Actor } } {
  const { body, created_at: createdAt } = payload.comment as { body?: unknown; created_at?: unknown };
  if (payload.action !== 'deleted' || typeof body !== 'string' || typeof createdAt !== 'string') return {};
  return { deleted: { body, createdAt, author: createActor(payload.comment.user) } };
}

/** `changes.body.from` of an `issue_comment.edited` delivery: the body before the edit. */
function readPreviousBody(payload: { action: string }): { previousBody?: string } {
  const changes = (payload as { changes?: { body?: { from?: unknown } } }).changes;
  const from = changes?.body?.from;
  return payload.action === 'edited' && typeof from === 'string' ? { previousBody: from } : {};
}
