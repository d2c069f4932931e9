// Approval issues: where a gate lives when there is no pull request (DESIGN §1, §5): an explicit
// request from a workflow or agent, or a deployment of a commit without a PR. The issue body is
// Gatehouse's sticky approval request; the request itself is kept in the issue's FIRST comment,
// written by Gatehouse's bot, as a hidden base64url JSON marker. Only an unedited bot comment is
// trusted (L5): the title and body can be edited by anyone with triage rights and are never read
// back as the request.
import { renderCommentJson } from '../core/escape.ts';
import type { Request } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { createActor } from './load-pull-request.ts';
import type { IssueComment } from './load-timeline.ts';

export interface ApprovalIssue {
  number: number;
  url: string;
  open: boolean;
  title: string;
  body: string;
  createdAt: string;
  /** When anything on it last changed (a comment, its body, a label): what the sweep compares. */
  updatedAt?: string;
  /** The request marker in the body (`<!-- gatehouse:request <hash> -->`): a hint, never trusted. */
  bodyHashes: string[];
  /** Its labels' names as listed (a hint: anyone with triage rights changes them). */
  labels?: string[];
}

const RECORD = /<!-- gatehouse:request-data ([A-Za-z0-9_-]+) -->/;
const MARK = /<!-- gatehouse:issue (\{[^<>]*\}) -->/;
const WAKE = /<!-- gatehouse:wake (\d{4}-\d\d-\d\dT[0-9:.]+Z) -->/;
const BODY_HASH = /<!-- gatehouse:request ([0-9a-f]{64}) -->/g;

/** The first comment of an approval issue: a readable line and the request, hidden. */
export function renderRequestRecord(request: Request): string {
  const data = Buffer.from(JSON.stringify(request), 'utf8').toString('base64url');
  return `Gatehouse recorded this request; decisions on this issue apply to exactly this request.\n\n<!-- gatehouse:request-data ${data} -->`;
}

function isActor(value: unknown): boolean {
  const actor = value as { id?: unknown; login?: unknown; type?: unknown } | null;
  return (
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.id === 'number' &&
    typeof actor.login === 'string' &&
    typeof actor.type === 'string'
  );
}

/** The request in a record comment's body, if it holds a well-formed one. */
export function parseRequestRecord(body: string): Request | undefined {
  const match = RECORD.exec(body);
  if (match?.[1] === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const request = value as Partial<Request> | null;
  if (typeof request !== 'object' || request === null) return undefined;
  if (typeof request.repository !== 'string' || typeof request.subject?.sha !== 'string') return undefined;
  if (typeof request.gate?.kind !== 'string' || !Array.isArray(request.options)) return undefined;
  if (!Array.isArray(request.labels) || !Array.isArray(request.files?.paths)) return undefined;
  if (typeof request.declaredRisk !== 'object' || !isActor(request.requester)) return undefined;
  if (request.onBehalfOf !== undefined && !isActor(request.onBehalfOf)) return undefined;
  return request as Request;
}

/**
 * The request an approval issue records: its first comment, only when Gatehouse's bot wrote it,
 * nobody edited it, and it names this repository.
 */
export function readRequestRecord(
  comments: readonly IssueComment[],
  botId: number,
  repository: string,
): Request | undefined {
  const first = [...comments].sort((a, b) => a.id - b.id)[0];
  if (first?.author?.id !== botId || first.updatedAt !== first.createdAt) return undefined;
  const request = parseRequestRecord(first.body);
  if (request === undefined || request.repository.toLowerCase() !== repository.toLowerCase())
    return undefined;
  return request;
}

/**
 * What Gatehouse marked on an issue: a decision announced/closed, a queue expiry, a single-use
 * approval spent (the agent's hook ran the call it approved: the same call again asks again).
 */
export type IssueMark =
  | { type: 'decided'; id: string; dispatched: boolean }
  | { type: 'queue_expired'; maxPending: number; at: string }
  | { type: 'used'; id: string; at: string };

export function renderIssueMark(mark: IssueMark): string {
  return `<!-- gatehouse:issue ${renderCommentJson(mark)} -->`;
}

function parseIssueMark(body: string): IssueMark | undefined {
  const match = MARK.exec(body);
  if (match?.[1] === undefined) return undefined;
  try {
    const value = JSON.parse(match[1]) as Partial<IssueMark> & Record<string, unknown>;
    if (value.type === 'decided' && typeof value.id === 'string' && typeof value.dispatched === 'boolean')
      return { type: 'decided', id: value.id, dispatched: value.dispatched };
    if (
      value.type === 'queue_expired' &&
      typeof value.maxPending === 'number' &&
      typeof value.at === 'string'
    )
      return { type: 'queue_expired', maxPending: value.maxPending, at: value.at };
    if (value.type === 'used' && typeof value.id === 'string' && typeof value.at === 'string')
      return { type: 'used', id: value.id, at: value.at };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Marks in comments by Gatehouse's bot; a queue expiry counts only when unedited (L5). */
export function readIssueMarks(comments: readonly IssueComment[], botId: number): IssueMark[] {
  const marks: IssueMark[] = [];
  for (const comment of comments) {
    if (comment.author?.id !== botId) continue;
    const mark = parseIssueMark(comment.body);
    if (mark === undefined) continue;
    if (mark.type === 'queue_expired' && comment.updatedAt !== comment.createdAt) continue;
    marks.push(mark);
  }
  return marks;
}

/** The wake-up time hidden in the body (a hint for the sweep: a forged one only costs a recompute). */
export function renderWakeMarker(wake: string): string {
  return `<!-- gatehouse:wake ${wake} -->`;
}

export function parseWakeMarker(body: string): string | undefined {
  return WAKE.exec(body)?.[1];
}

/**
 * Approval issues Gatehouse's bot opened with these labels, oldest first. Pull requests (which
 * the issues listing also returns) and issues by anyone else are left out.
 */
export async function loadApprovalIssues(
  github: GitHubClient,
  target: { owner: string; repo: string },
  options: { state: 'open' | 'closed'; labels: string[]; botId: number },
): Promise<ApprovalIssue[]> {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner: target.owner,
    repo: target.repo,
    state: options.state,
    labels: options.labels.join(','),
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  return issues
    .filter((issue) => issue.pull_request === undefined && issue.user?.id === options.botId)
    .map((issue) => ({
      number: issue.number,
      url: issue.html_url,
      open: issue.state === 'open',
      title: issue.title,
      body: issue.body ?? '',
      createdAt: issue.created_at,
      updatedAt: issue.updated_at,
      bodyHashes: Array.from((issue.body ?? '').matchAll(BODY_HASH), (match) => match[1] ?? ''),
      labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    }))
    .sort((a, b) => a.number - b.number);
}

/** One approval issue, or undefined when the number is a pull request or no issue at all. */
export async function loadApprovalIssue(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  botId: number,
): Promise<ApprovalIssue | undefined> {
  let data: Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data'];
  try {
    ({ data } = await github.rest.issues.get({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
    }));
  } catch (error) {
    if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 410)
      return undefined;
    throw error;
  }
  if (data.pull_request !== undefined && data.pull_request !== null) return undefined;
  if (data.user === null || createActor(data.user).id !== botId) return undefined;
  const body = data.body ?? '';
  return {
    number: data.number,
    url: data.html_url,
    open: data.state === 'open',
    title: data.title,
    body,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    bodyHashes: Array.from(body.matchAll(BODY_HASH), (match) => match[1] ?? ''),
    labels: data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
  };
}
