// Traces: what the timeline cannot show by itself, written into it by Gatehouse (DESIGN §4, L5).
// A check-run button click leaves no comment, and GitHub does not say who edited a comment, so
// Gatehouse records both as comments of its own bot with a hidden marker. Recomputing later reads
// them back and gives the same answer. Only traces by Gatehouse's bot that nobody edited are
// trusted; a user who writes the marker, or edits Gatehouse's comment, forges nothing.
//
// Every trace carries a key derived from the delivery's content, so a replayed or duplicated
// delivery (W7, W8) finds its key already written and adds nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  escapeMarkdownInline,
  parseCommentJson,
  renderCode,
  renderCommentJson,
  renderMention,
} from '../core/escape.ts';
import type { Actor } from '../core/model.ts';
import { createCheckName } from '../core/registry.ts';
import type { GitHubClient } from './client.ts';
import { keepOldestComment } from './keep-oldest-comment.ts';
import type { PullRequestTarget } from './load-pull-request.ts';
import type { IssueComment } from './load-timeline.ts';
import { NO_RETRY } from './request-error.ts';

const actor = z.strictObject({
  id: z.int().positive(),
  login: z.string().min(1).max(100),
  type: z.string().min(1).max(40),
});
const key = z.string().regex(/^[0-9a-f]{24}$/);
const time = z.iso.datetime({ offset: true });

const sha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);
/** GitHub caps environment names at 255 characters. */
const environment = z.string().min(1).max(255);

const traceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('check_action'),
    action: z.enum(['approve', 'reject']),
    actor,
    sha,
    /** The deployment gate whose run was clicked; absent for the pull request's own gate. */
    environment: environment.optional(),
    at: time,
    key,
  }),
  // A review in GitHub's own "Review deployments" dialog (the deployment_review event): GitHub
  // keeps no time for it in its API, so Gatehouse writes it into the timeline when it happens.
  z.strictObject({
    type: z.literal('deployment_review'),
    action: z.enum(['approve', 'reject']),
    actor,
    sha,
    environment,
    at: time,
    key,
  }),
  z.strictObject({ type: z.literal('edit'), comment: z.int().positive(), editor: actor, at: time, key }),
  z.strictObject({
    type: z.literal('escalation'),
    to: z.array(z.string().min(1).max(200)).max(50),
    at: time,
    key,
  }),
]);

export type Trace = z.infer<typeof traceSchema>;

/** A trace read back, with the comment that holds it. */
export interface TraceComment {
  commentId: number;
  /** GitHub's time for the comment: when the trace was written. */
  createdAt: string;
  trace: Trace;
}

const MARKER = /<!-- gatehouse:trace (\{[^<>]*\}) -->/;

/** The key of a trace: 24 hex characters of a SHA-256 over what identifies the delivery. */
export function createTraceKey(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/** The hidden marker; `<`, `>` and `&` are escaped inside the JSON so it cannot end the comment. */
export function renderTraceMarker(trace: Trace): string {
  return `<!-- gatehouse:trace ${renderCommentJson(trace)} -->`;
}

/** The trace in a comment body, if it holds a well-formed one. */
export function parseTraceMarker(body: string): Trace | undefined {
  return parseCommentJson(body, MARKER, traceSchema);
}

/**
 * The traces of a timeline. `trusted` are those in comments by Gatehouse's bot (by numeric id)
 * that were never edited (L5), and none at all where the account is shared with every workflow
 * of the repository (the Action's `github-actions[bot]`): there a trace proves nothing (DESIGN
 * §11). `keys` are the keys of every trace Gatehouse's bot wrote, edited or not, so that a replay
 * never writes one again.
 */
export function readTraces(
  comments: readonly IssueComment[],
  self: { botId: number; sharedIdentity?: boolean | undefined },
): { trusted: TraceComment[]; keys: Set<string> } {
  const trusted: TraceComment[] = [];
  const keys = new Set<string>();
  for (const comment of comments) {
    if (comment.author?.id !== self.botId) continue;
    const trace = parseTraceMarker(comment.body);
    if (trace === undefined) continue;
    keys.add(trace.key);
    if (comment.updatedAt === comment.createdAt && self.sharedIdentity !== true)
      trusted.push({ commentId: comment.id, createdAt: comment.createdAt, trace });
  }
  return { trusted, keys };
}

function describeActor(who: Actor): string {
  return escapeMarkdownInline(who.login, 80);
}

/** The readable line above the marker: what was recorded, for people reading the timeline. */
export function renderTraceComment(trace: Trace, context: { commentAuthor?: string } = {}): string {
  let line: string;
  switch (trace.type) {
    case 'check_action': {
      const button = trace.action === 'approve' ? 'Approve' : 'Reject';
      line = `Recorded: ${describeActor(trace.actor)} clicked **${button}** on the ${renderCode(createCheckName(trace.environment))} check run of commit ${renderCode(trace.sha.slice(0, 12))}. It counts as a ${renderCode(`/${trace.action}`)} given for that commit${trace.environment === undefined ? '' : ' and that environment'}.`;
      break;
    }
    case 'deployment_review': {
      const verb = trace.action === 'approve' ? 'approved' : 'rejected';
      line = `Recorded: ${describeActor(trace.actor)} ${verb} the deployment of commit ${renderCode(trace.sha.slice(0, 12))} to ${renderCode(trace.environment)} in GitHub's **Review deployments**. It counts as a ${renderCode(`/${trace.action}`)} for that deployment gate.`;
      break;
    }
    case 'edit': {
      const author =
        context.commentAuthor === undefined ? '' : ` by ${escapeMarkdownInline(context.commentAuthor, 80)}`;
      line = `Recorded: ${describeActor(trace.editor)} edited comment ${trace.comment}${author}. A command comment edited by anyone but its author fails the gate.`;
      break;
    }
    case 'escalation': {
      const mentions = trace.to.map((entry) => renderMention({ login: entry })).join(', ');
      line = `**Escalated:** no decision before the deadline. ${mentions || 'The backup approvers'}: you can approve this request too; see the request above.`;
      break;
    }
  }
  return `${line}\n\n${renderTraceMarker(trace)}`;
}

/** Posts a trace comment (never retried blindly: a lost answer is found by its key next time). */
export async function publishTrace(
  github: GitHubClient,
  target: PullRequestTarget,
  trace: Trace,
  context: {
    commentAuthor?: string;
    /** Replicas may each post it (DESIGN §8): the oldest by `authorId` since `since` stays. */
    converge?: { since: string; authorId: number };
  } = {},
): Promise<{ id: number; createdAt: string }> {
  const body = renderTraceComment(trace, context);
  const { data } = await github.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
    ...NO_RETRY,
  });
  const { converge } = context;
  if (converge === undefined) return { id: data.id, createdAt: data.created_at };
  const kept = await keepOldestComment(
    github,
    { owner: target.owner, repo: target.repo, issueNumber: target.number },
    data.id,
    (comment) => comment.user?.id === converge.authorId && comment.body === body,
    converge.since,
  );
  return kept === undefined
    ? { id: data.id, createdAt: data.created_at }
    : { id: kept.id, createdAt: data.created_at };
}
