// Which gate a `handle` run recomputes, from the workflow's event: the same triggers as the App
// builds them (src/app/plan-delivery.ts), read from the event file instead of a webhook. The event
// file is untrusted data: every field is checked before use, and nothing of it is ever executed.

import type { Actor } from '../core/model.ts';
import {
  COMMENT_ACTIONS,
  PULL_REQUEST_ACTIONS,
  type PullRequestTrigger,
  REVIEW_ACTIONS,
} from '../gate/run-pull-request-gate.ts';
import type { ApprovalIssueEdit } from '../gate/run-request-gate.ts';

export type EventPlan =
  | { kind: 'ignore'; reason: string }
  | { kind: 'pull_request'; number: number; trigger: PullRequestTrigger }
  | { kind: 'approval_issue'; issueNumber: number; edit?: ApprovalIssueEdit };

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function readActor(value: unknown): Actor | undefined {
  const account = object(value);
  if (account === undefined) return undefined;
  const { id, login, type } = account;
  if (typeof id !== 'number' || typeof login !== 'string') return undefined;
  return { id, login, type: typeof type === 'string' ? type : 'User' };
}

export function planEvent(eventName: string, payload: unknown): EventPlan {
  const event = object(payload) ?? {};
  const action = typeof event.action === 'string' ? event.action : '';
  const sender = readActor(event.sender);
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const number = object(event.pull_request)?.number ?? event.number;
      if (!(PULL_REQUEST_ACTIONS as readonly string[]).includes(action))
        return { kind: 'ignore', reason: `${eventName}.${action} does not change a gate` };
      if (typeof number !== 'number' || sender === undefined)
        return { kind: 'ignore', reason: `the ${eventName} event has no pull request` };
      return { kind: 'pull_request', number, trigger: { kind: 'pull_request', action, sender } };
    }
    case 'pull_request_review': {
      const number = object(event.pull_request)?.number;
      if (!(REVIEW_ACTIONS as readonly string[]).includes(action))
        return { kind: 'ignore', reason: `pull_request_review.${action} does not change a gate` };
      if (typeof number !== 'number' || sender === undefined)
        return { kind: 'ignore', reason: 'the review event has no pull request' };
      return { kind: 'pull_request', number, trigger: { kind: 'review', action, sender } };
    }
    case 'issue_comment': {
      const issue = object(event.issue);
      const comment = object(event.comment);
      const number = issue?.number;
      const author = readActor(comment?.user);
      if (!(COMMENT_ACTIONS as readonly string[]).includes(action))
        return { kind: 'ignore', reason: `issue_comment.${action} does not change a gate` };
      if (typeof number !== 'number' || comment === undefined || author === undefined || sender === undefined)
        return { kind: 'ignore', reason: 'the comment event has no issue or comment' };
      if (issue?.pull_request == null) {
        // An edit by someone other than the comment's author is recorded (L1), as on a PR.
        const previous = object(object(event.changes)?.body)?.from;
        const edited =
          action === 'edited' &&
          sender.id !== author.id &&
          typeof comment.id === 'number' &&
          typeof comment.updated_at === 'string';
        return edited
          ? {
              kind: 'approval_issue',
              issueNumber: number,
              edit: {
                commentId: comment.id as number,
                editor: sender,
                updatedAt: comment.updated_at as string,
                ...(typeof previous === 'string' ? { previousBody: previous } : {}),
              },
            }
          : { kind: 'approval_issue', issueNumber: number };
      }
      if (typeof comment.id !== 'number' || typeof comment.updated_at !== 'string')
        return { kind: 'ignore', reason: 'the comment event has no comment id' };
      const from = object(object(event.changes)?.body)?.from;
      return {
        kind: 'pull_request',
        number,
        trigger: {
          kind: 'comment',
          action: action as (typeof COMMENT_ACTIONS)[number],
          commentId: comment.id,
          commentAuthorId: author.id,
          sender,
          updatedAt: comment.updated_at,
          ...(action === 'edited' && typeof from === 'string' ? { previousBody: from } : {}),
        },
      };
    }
    default:
      return { kind: 'ignore', reason: `mode handle does nothing on ${eventName} events` };
  }
}
