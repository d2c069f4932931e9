// Waiting for a decision (the Action's `wait: true`, DESIGN §7) without spending the rate limit:
// between recomputes, only conditional reads of where a decision can appear (comments, reviews,
// the pull request itself), each with the ETag of its last answer. GitHub answers an unchanged
// resource with 304, which does not count against the rate limit. A change, or a deadline,
// escalation or delay coming due, recomputes the gate; quiet polls back off ×1.5 up to a minute.
import type { GitHubClient } from '../github/client.ts';
import { countRequests } from '../github/count-requests.ts';
import { readStatus } from '../github/request-error.ts';
import { sleep } from '../github/sleep.ts';

/** Backoff of the wait while nothing changes: ×1.5 up to a minute. */
export const MAX_POLL_INTERVAL_MS = 60_000;

/** A resource GitHub can answer conditionally (lists with `per_page: 100` in the parameters). */
export interface WatchedList {
  route:
    | 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'
    | 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline'
    | 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
  parameters: Record<string, string | number>;
}

export interface WaitOptions {
  timeoutMs: number;
  pollIntervalMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WaitOutcome<R> {
  run: R;
  /** Every request of the wait, the first evaluation and each recompute included. */
  requests: number;
  polls: number;
  notModified: number;
  timedOut: boolean;
}

/**
 * Evaluates once, then polls the watched lists until `isSettled` says the run is decided, the
 * gate is gone (`recompute` gives undefined), or the timeout passes.
 */
export async function waitForDecision<R extends { requests: number }>(
  github: GitHubClient,
  clock: () => Date,
  options: WaitOptions & {
    first: () => Promise<R>;
    recompute: () => Promise<R | undefined>;
    /** What to watch for this run; none means there is nothing to wait on. */
    watch: (run: R) => WatchedList[];
    isSettled: (run: R, now: number) => boolean;
    /** The next moment the gate changes by itself (a deadline, an escalation, a delay). */
    wakeOf: (run: R) => string | undefined;
    onProgress?: (run: R, elapsedMs: number) => void;
  },
): Promise<WaitOutcome<R>> {
  const pause = options.sleep ?? sleep;
  const start = clock().getTime();
  const elapsed = () => clock().getTime() - start;
  let run = await options.first();
  let requests = run.requests;
  let polls = 0;
  let notModified = 0;
  options.onProgress?.(run, elapsed());
  let watched = options.watch(run);
  const done = (timedOut: boolean): WaitOutcome<R> => ({ run, requests, polls, notModified, timedOut });
  if (options.isSettled(run, clock().getTime()) || watched.length === 0) return done(false);

  const etags = new Map<string, string>();
  let interval = Math.max(1, options.pollIntervalMs);
  let wake = options.wakeOf(run);
  let computedAt = clock().getTime();
  for (;;) {
    const left = options.timeoutMs - elapsed();
    if (left <= 0) return done(true);
    await pause(Math.min(interval, left));
    polls++;
    const polled = await countRequests(github, () => pollLists(github, watched, etags));
    requests += polled.requests;
    // A deadline, escalation or delay that came since the last recompute changes the gate
    // without any new comment; one that had passed already does not call for another.
    const now = clock().getTime();
    const due = wake !== undefined && Date.parse(wake) <= now && Date.parse(wake) > computedAt;
    if (polled.value || due) {
      computedAt = clock().getTime();
      const next = await options.recompute();
      if (next === undefined) return done(false);
      requests += next.requests;
      run = next;
      watched = options.watch(run);
      wake = options.wakeOf(run);
      interval = Math.max(1, options.pollIntervalMs);
    } else {
      notModified++;
      interval = Math.min(Math.max(interval * 1.5, 1), MAX_POLL_INTERVAL_MS);
    }
    options.onProgress?.(run, elapsed());
    if (options.isSettled(run, clock().getTime())) return done(false);
  }
}

/**
 * Reads each list with `If-None-Match`; true when any changed. A list with a full first page
 * gets no ETag kept: its new entries land on later pages, whose changes page 1's ETag does not
 * show, so it counts as changed on every poll.
 */
async function pollLists(
  github: GitHubClient,
  lists: readonly WatchedList[],
  etags: Map<string, string>,
): Promise<boolean> {
  let changed = false;
  for (const list of lists) {
    const key = JSON.stringify([list.route, list.parameters]);
    const etag = etags.get(key);
    try {
      const response = await github.request(list.route, {
        ...list.parameters,
        headers: etag === undefined ? {} : { 'if-none-match': etag },
      } as never);
      // Any full answer is a change: the first one too, since something may have come between
      // the evaluation and this first look.
      changed = true;
      const full = Array.isArray(response.data) && response.data.length >= 100;
      const next = (response.headers as { etag?: string }).etag;
      if (next === undefined || full) etags.delete(key);
      else etags.set(key, next);
    } catch (error) {
      if (readStatus(error) !== 304) throw error;
    }
  }
  return changed;
}
