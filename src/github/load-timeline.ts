// The pull request's timeline as the engine reads it, 100 events a page (R4: an approval in
// comment #31 or review #101 is seen): comments, reviews (with GitHub's time of their last edit,
// which the reviews listing lacks) and the issue events that date the head and the request (force
// pushes, base changes, renames, labels: load-head-history.ts), in one listing. They become
// Statements together with what Gatehouse's own traces add (button clicks, edits by others:
// traces.ts). An approval issue's comments are read with `loadIssueComments`.
import type { Actor, Statement } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { createActor, type PullRequestTarget } from './load-pull-request.ts';
import type { TraceComment } from './traces.ts';

export interface IssueComment {
  id: number;
  body: string;
  /** Missing for a deleted account ("ghost"). */
  author?: Actor;
  createdAt: string;
  updatedAt: string;
  url: string;
  /** The app's slug, when an app posted it on the author's behalf (A5). */
  viaApp?: string;
}

export interface Review {
  id: number;
  body: string;
  author?: Actor;
  /** Missing while a review is pending (not submitted). */
  submittedAt?: string;
  state: string;
  commitId: string;
  /**
   * When the review was last edited, from the issue timeline's `reviewed` event (the REST list
   * of reviews has no such field). Unlike `submittedAt` when the body was edited afterwards.
   */
  updatedAt?: string;
}

export async function loadIssueComments(
  github: GitHubClient,
  target: PullRequestTarget,
): Promise<IssueComment[]> {
  const data = await github.paginate(github.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  return data.map((comment) => {
    const entry: IssueComment = {
      id: comment.id,
      body: comment.body ?? '',
      createdAt: comment.created_at,
      updatedAt: comment.updated_at,
      url: comment.html_url,
    };
    if (comment.user) entry.author = createActor(comment.user);
    const app = comment.performed_via_github_app;
    if (app) entry.viaApp = app.slug ?? app.name;
    return entry;
  });
}

/** An issue event of the timeline, as load-head-history.ts reads it. */
export interface TimelineEvent {
  event: string;
  createdAt: string;
  actor?: Actor;
  /** `labeled` / `unlabeled`: the label's name. */
  label?: string;
}

export interface PullRequestTimeline {
  comments: IssueComment[];
  reviews: Review[];
  events: TimelineEvent[];
}

type TimelineEntry = {
  event?: string;
  id?: number;
  body?: string | null;
  user?: { id: number; login: string; type?: string } | null;
  actor?: { id: number; login: string; type?: string } | null;
  created_at?: string;
  updated_at?: string;
  submitted_at?: string;
  html_url?: string;
  state?: string;
  commit_id?: string;
  label?: { name?: string };
  performed_via_github_app?: { slug?: string; name: string } | null;
};

/** The pull request's comments, reviews and issue events, from its timeline. */
export async function loadPullRequestTimeline(
  github: GitHubClient,
  target: PullRequestTarget,
): Promise<PullRequestTimeline> {
  const entries = (await github.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  })) as TimelineEntry[];
  const timeline: PullRequestTimeline = { comments: [], reviews: [], events: [] };
  for (const entry of entries) {
    if (entry.event === 'commented' && entry.id !== undefined && entry.created_at !== undefined) {
      const comment: IssueComment = {
        id: entry.id,
        body: entry.body ?? '',
        createdAt: entry.created_at,
        updatedAt: entry.updated_at ?? entry.created_at,
        url: entry.html_url ?? '',
      };
      if (entry.user) comment.author = createActor(entry.user);
      const app = entry.performed_via_github_app;
      if (app) comment.viaApp = app.slug ?? app.name;
      timeline.comments.push(comment);
    } else if (entry.event === 'reviewed' && entry.id !== undefined) {
      const review: Review = {
        id: entry.id,
        body: entry.body ?? '',
        // The timeline writes review states in lower case; the reviews listing in upper case.
        state: (entry.state ?? '').toUpperCase(),
        commitId: entry.commit_id ?? '',
      };
      if (entry.user) review.author = createActor(entry.user);
      if (entry.submitted_at) {
        review.submittedAt = entry.submitted_at;
        if (entry.updated_at && Date.parse(entry.updated_at) > Date.parse(entry.submitted_at))
          review.updatedAt = entry.updated_at;
      }
      timeline.reviews.push(review);
    } else if (entry.event !== undefined && entry.created_at !== undefined) {
      const event: TimelineEvent = { event: entry.event, createdAt: entry.created_at };
      if (entry.actor) event.actor = createActor(entry.actor);
      if (entry.label?.name !== undefined) event.label = entry.label.name;
      timeline.events.push(event);
    }
  }
  return timeline;
}

const REVIEW_STATES = new Set(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']);

/**
 * The statements of the timeline: people's comments (with who else edited them, from edit
 * traces), submitted reviews bound to their commit, and check-run button clicks from traces.
 * Gatehouse's own comments are not statements; comments of deleted accounts are dropped.
 */
export function createStatements(input: {
  comments: IssueComment[];
  reviews: Review[];
  traces: TraceComment[];
  botId: number;
  /** The deployment gate being evaluated: button clicks and deployment reviews count for their own gate only. */
  environment?: string | undefined;
}): Statement[] {
  const editors = new Map<number, Actor[]>();
  for (const { trace } of input.traces) {
    if (trace.type !== 'edit') continue;
    const list = editors.get(trace.comment) ?? [];
    if (!list.some((editor) => editor.id === trace.editor.id)) list.push(trace.editor);
    editors.set(trace.comment, list);
  }
  const statements: Statement[] = [];
  for (const comment of input.comments) {
    if (comment.author === undefined || comment.author.id === input.botId) continue;
    const statement: Statement = {
      source: 'comment',
      id: String(comment.id),
      author: comment.author,
      body: comment.body,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt,
    };
    const edited = editors.get(comment.id);
    if (edited) statement.editors = edited;
    if (comment.viaApp !== undefined) statement.viaApp = comment.viaApp;
    statements.push(statement);
  }
  for (const review of input.reviews) {
    if (review.author === undefined || review.submittedAt === undefined || !REVIEW_STATES.has(review.state))
      continue;
    const statement: Statement = {
      source: 'review',
      id: String(review.id),
      author: review.author,
      body: review.body,
      createdAt: review.submittedAt,
      reviewState: review.state as NonNullable<Statement['reviewState']>,
      commitId: review.commitId,
    };
    // An edited review is judged like an edited comment: an approval edited later never counts.
    if (review.updatedAt !== undefined) statement.updatedAt = review.updatedAt;
    statements.push(statement);
  }
  for (const { commentId, createdAt, trace } of input.traces) {
    if (trace.type !== 'check_action' && trace.type !== 'deployment_review') continue;
    if (trace.environment !== input.environment) continue;
    statements.push({
      source: trace.type,
      id: String(commentId),
      author: trace.actor,
      body: '',
      createdAt,
      commitId: trace.sha,
      action: trace.action,
    });
  }
  return statements;
}
