// When the pull request's head became its head, who put it there, and when the request last
// changed, from GitHub's own records only (DESIGN §11). Gatehouse's first sight of a commit, a
// commit date or a check run anyone can create would let a writer move these times; GitHub's
// timestamps cannot be moved:
//
// - the repository activity log (`GET /repos/{owner}/{repo}/activity?ref=…`): every push, force
//   push and branch creation on the head branch, with GitHub's time and the pusher's account, so a
//   force-push back to an earlier head, a branch created at a commit first seen elsewhere, or a
//   lost `synchronize` delivery cannot lend the head an earlier time or hide the last pusher;
// - the pull request's timeline (read once with its comments and reviews: load-timeline.ts):
//   force pushes, base changes (a retargeted pull request asks again), reopening, title changes
//   and label changes, with GitHub's times;
// - in the Action, whose check runs prove nothing, the description's last edit (`lastEditedAt`,
//   GraphQL), when the description is the request (the App binds to what its runs showed);
// - where the activity log cannot be read (a fork's branch, an Enterprise Server before 3.17): the
//   time GitHub created the App's check suite for the commit, which GitHub stamps when the commit
//   reaches the repository.
import type { Actor } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { createActor, type PullRequestSnapshot, type PullRequestTarget } from './load-pull-request.ts';
import type { TimelineEvent } from './load-timeline.ts';
import { describeRequestError, readStatus } from './request-error.ts';

/** Timeline events after which nothing said before counts for the head: it changed, or its base did. */
const HEAD_EVENTS = new Set([
  'head_ref_force_pushed',
  'head_ref_restored',
  'base_ref_changed',
  'base_ref_force_pushed',
  'automatic_base_change_succeeded',
  'reopened',
]);

/** How many entries of the head branch's activity are read: the newest, and earlier heads for vetoes. */
const ACTIVITY_PAGE = 30;

export interface HeadHistory {
  /** GitHub's time from which a statement counts for the current head of this pull request. */
  since: string;
  /** What `since` is: `opened` (the first head), `pushed`, `force-pushed`, `base changed`, … */
  sinceEvent: string;
  /** A push brought the head after the pull request was opened: the push guard applies. */
  pushed: boolean;
  /** Who put the current head on the branch, by GitHub's activity log. */
  pusher?: Actor;
  /** Earlier heads of the branch, newest first (where vetoes recorded on them are carried from). */
  previousHeads: string[];
  /** GitHub's time of the newest title change. */
  titleChangedAt?: string;
  /** The newest addition or removal of a label a rule names. */
  labelChange?: { at: string; what: string };
  /**
   * Why GitHub's records do not show how the current head got there (the activity log lags behind
   * the pull request): then `since` is the evaluation time and nothing said earlier counts.
   */
  problem?: string;
}

interface Activity {
  before: string;
  after: string;
  timestamp: string;
  activity_type: string;
  actor: { id: number; login: string; type?: string } | null;
}

const ZERO_SHA = /^0+$/;

/** What GitHub's activity log says of the head branch, or when GitHub created the App's check suite. */
export type HeadActivity = { entries: Activity[] } | { unreadable: string; checkSuiteCreatedAt?: string };

/**
 * The head's history, from the timeline's issue events and the head branch's activity. `labels`
 * are the labels the policy's rules name: adding or removing one of them changes the request.
 */
export function readHeadHistory(
  pr: PullRequestSnapshot,
  events: readonly TimelineEvent[],
  activity: HeadActivity,
  options: { now: string; labels: readonly string[] },
): HeadHistory {
  const ruleLabels = new Set(options.labels.map((label) => label.toLowerCase()));
  const history: HeadHistory = {
    since: pr.createdAt,
    sinceEvent: 'opened',
    pushed: false,
    previousHeads: [],
  };
  const raise = (at: string | undefined, event: string, pushed: boolean) => {
    if (at === undefined || Number.isNaN(Date.parse(at))) return;
    if (Date.parse(at) > Date.parse(history.since)) {
      history.since = new Date(at).toISOString();
      history.sinceEvent = event;
      history.pushed = pushed;
    }
  };

  for (const { event, createdAt: at, label = '' } of events) {
    if (HEAD_EVENTS.has(event)) raise(at, event.replaceAll('_', ' '), event === 'head_ref_force_pushed');
    else if (event === 'renamed') history.titleChangedAt = latest(history.titleChangedAt, at);
    else if ((event === 'labeled' || event === 'unlabeled') && ruleLabels.has(label.toLowerCase())) {
      if (latest(history.labelChange?.at, at) === at)
        history.labelChange = {
          at,
          what: `the label ${label} was ${event === 'labeled' ? 'added' : 'removed'}`,
        };
    }
  }

  if ('entries' in activity) {
    const [newest, ...older] = activity.entries;
    if (newest === undefined || newest.after !== pr.head.sha) {
      history.problem =
        newest === undefined
          ? `GitHub's activity log shows no push to ${pr.head.ref}`
          : `GitHub's activity log does not show ${pr.head.sha.slice(0, 7)} as the head of ${pr.head.ref} yet`;
    } else {
      const event =
        newest.activity_type === 'force_push'
          ? 'force-pushed'
          : newest.activity_type === 'branch_creation'
            ? 'branch created'
            : 'pushed';
      // A branch created or pushed before the pull request was opened leaves `opened` standing.
      raise(newest.timestamp, event, true);
      if (newest.actor) history.pusher = createActor(newest.actor);
      for (const entry of [newest, ...older])
        if (!ZERO_SHA.test(entry.before) && !history.previousHeads.includes(entry.before))
          history.previousHeads.push(entry.before);
    }
  } else if (activity.checkSuiteCreatedAt !== undefined) {
    raise(activity.checkSuiteCreatedAt, 'pushed', true);
  } else {
    history.problem = `${activity.unreadable}, and GitHub shows no check suite of Gatehouse's for ${pr.head.sha.slice(0, 7)} yet`;
  }
  if (history.problem !== undefined) {
    // Fail closed: without GitHub's word on when this head arrived, nothing said before now counts.
    raise(options.now, 'seen', false);
    history.sinceEvent = 'first seen now: not yet in GitHub’s records';
  }
  return history;
}

/** The later of two times; the second when the first is undefined. */
function latest(a: string | undefined, b: string): string {
  return a === undefined || Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The head branch's newest activity; where it cannot be read (a fork's branch, an Enterprise
 * Server before 3.17), when GitHub created the App's check suite for the head commit.
 */
export async function loadHeadActivity(
  github: GitHubClient,
  pr: PullRequestSnapshot,
  appId: number,
): Promise<HeadActivity> {
  const [owner = '', repo = ''] = pr.repository.split('/');
  let unreadable: string;
  if (pr.fromFork || pr.head.repository === undefined) {
    unreadable = 'the head branch lives in a fork, whose activity log Gatehouse does not read';
  } else {
    try {
      const { data } = await github.request('GET /repos/{owner}/{repo}/activity', {
        owner,
        repo,
        ref: `refs/heads/${pr.head.ref}`,
        direction: 'desc',
        per_page: ACTIVITY_PAGE,
      });
      return { entries: data as Activity[] };
    } catch (error) {
      const status = readStatus(error);
      if (status !== 404 && status !== 403) throw error;
      unreadable = `the activity log could not be read (${describeRequestError(error)})`;
    }
  }
  const { data } = await github.rest.checks.listSuitesForRef({
    owner,
    repo,
    ref: pr.head.sha,
    app_id: appId,
    per_page: 100,
  });
  const times = data.check_suites
    .filter((suite) => suite.app?.id === appId && suite.head_sha === pr.head.sha && suite.created_at)
    .map((suite) => suite.created_at as string);
  return times.length === 0
    ? { unreadable }
    : { unreadable, checkSuiteCreatedAt: times.reduce((a, b) => latest(a, b)) };
}

/**
 * When the pull request's description was last edited, by GitHub (`lastEditedAt`, GraphQL);
 * undefined if never, or when GraphQL cannot be reached (said in the log: then an edit of the
 * description does not ask again, as it never did before this check existed).
 */
export async function loadDescriptionEdit(
  github: GitHubClient,
  target: PullRequestTarget,
  log: { warn: (fields: unknown, message?: string) => void },
): Promise<string | undefined> {
  try {
    const answer = await github.graphql<{
      repository: { pullRequest: { lastEditedAt: string | null } | null } | null;
    }>(
      'query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { lastEditedAt } } }',
      { owner: target.owner, repo: target.repo, number: target.number },
    );
    return answer.repository?.pullRequest?.lastEditedAt ?? undefined;
  } catch (error) {
    log.warn(
      { error: describeRequestError(error) },
      'the description’s last edit could not be read (GraphQL): an edit after an approval is not noticed',
    );
    return undefined;
  }
}
