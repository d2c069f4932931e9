// Publish what the engine decided (DESIGN §5), each write idempotent and skipped when it would
// change nothing: the decision record first (no gate turns green before its audit entry exists:
// X1), then the sticky request comment, review requests (once per head), the check run, and on
// escalation one notice that mentions and requests the backup approvers.
import { createDecisionRecord, type DecisionRecord, renderDecisionRecord } from '../core/decision-record.ts';
import { type GateResult, readReviewerGroup } from '../core/model.ts';
import { createRecordDigest, prependRecordAnchor, type RecordAnchor } from '../core/record-anchor.ts';
import { PASSING_DECISIONS } from '../core/registry.ts';
import { renderCheckRun } from '../core/render/check-run.ts';
import { renderCheckRunState } from '../github/load-gate-check-runs.ts';
import type { PullRequestTarget } from '../github/load-pull-request.ts';
import { type CheckRunAnnotation, publishCheckRun, toCheckRunTime } from '../github/publish-check-run.ts';
import { createDecisionLogEntry, publishDecisionRecord } from '../github/publish-decision-record.ts';
import { findRequestComments, publishRequestComment } from '../github/publish-request-comment.ts';
import { publishReviewRequests, selectReviewRequests } from '../github/publish-review-requests.ts';
import { createTraceKey, publishTrace } from '../github/traces.ts';
import type { PullRequestGate } from './gather-pull-request-gate.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

export interface PublishedGate {
  decisionId: string;
  /** The check run's title: where the gate stands, in one line. */
  title: string;
  /** The request comment's address, when there is one. */
  commentUrl?: string;
  checkRunId?: number;
  commentId?: number;
  logCommit?: string;
}

/**
 * Whether the state is a decision to record. Pending is not; nor is a passing state the gate
 * still blocks on a problem (an unreadable team or spec): the check fails, nothing is recorded.
 */
export function isDecided(result: GateResult): boolean {
  if (result.state === 'pending') return false;
  return !(PASSING_DECISIONS.includes(result.state) && result.problems.length > 0);
}

function latest(times: readonly string[]): string | undefined {
  return times.length === 0 ? undefined : times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/**
 * When the decision was made, from the facts rather than the clock, so that every event that
 * recomputes the same decision writes the same record: the approval that completed the quorum,
 * the rejection, the request for changes, the deadline. The clock only where the facts name no
 * moment (an edit whose trace is missing, a timeout that proceeded).
 */
export function decisionTime(gate: Pick<PullRequestGate, 'result' | 'facts' | 'traces' | 'now'>): string {
  const { result, facts, now } = gate;
  const requestedAt = Date.parse(facts.requestedAt);
  let time: string | undefined;
  switch (result.state) {
    case 'approved':
    case 'delayed':
      time = latest(result.approvers.map((approval) => approval.at));
      break;
    case 'rejected': {
      const tampered = result.tampering[0];
      time = tampered
        ? latest(
            gate.traces.flatMap(({ trace }) =>
              trace.type === 'edit' && String(trace.comment) === tampered.statementId ? [trace.at] : [],
            ),
          )
        : result.rejection?.at;
      break;
    }
    case 'changes_requested':
      time = result.modification?.at;
      break;
    case 'expired':
      time =
        result.expiredAfterMs === undefined
          ? undefined
          : new Date(requestedAt + result.expiredAfterMs).toISOString();
      break;
    case 'escalated':
      time = result.escalation?.at;
      break;
    case 'auto_approved':
    case 'notified':
      time = result.option === undefined ? facts.requestedAt : undefined;
      break;
    default:
      break;
  }
  return time === undefined || Number.isNaN(Date.parse(time)) ? now : new Date(time).toISOString();
}

/** The next moment the gate changes without an event: a deadline, the escalation's, a delay's end. */
export function wakeTime(result: GateResult, now: string): string | undefined {
  const times = [result.deadline, result.escalation?.deadline, result.effectiveAt].filter(
    (time): time is string => time !== undefined && Date.parse(time) > Date.parse(now),
  );
  if (times.length === 0) return undefined;
  return new Date(Math.min(...times.map((time) => Date.parse(time)))).toISOString();
}

/** Reviewer-group entries (logins and `@org/team`) of the given groups, once each. */
function entriesOf(gate: PullRequestGate, groups: readonly string[]): string[] {
  return [...new Set(groups.flatMap((group) => readReviewerGroup(gate.policy, group) ?? []))];
}

/** The record's body: the readable part of the log file, for the check run's details. */
function recordBody(record: DecisionRecord): string {
  const text = renderDecisionRecord(record);
  const end = text.indexOf('\n---\n', 4);
  return end === -1 ? text : text.slice(end + 5).trimStart();
}

export async function publishPullRequestGate(
  env: GateEnvironment,
  target: PullRequestTarget,
  gate: PullRequestGate,
): Promise<PublishedGate> {
  const { github, log, self } = env;
  const { pr, policy, request, result, facts } = gate;
  const dryRun = env.dryRun === true;
  const view = renderCheckRun(request, result, policy, { now: gate.now });
  const published: PublishedGate = { decisionId: view.externalId, title: view.title };
  const { environment } = gate.scope;
  const [existingComment, ...duplicateComments] = findRequestComments(gate.comments, self.botId, environment);

  // 1. The decision log.
  let record: DecisionRecord | undefined;
  let anchor: RecordAnchor | undefined;
  if (isDecided(result)) {
    const links: DecisionRecord['links'] = { pull_request: pr.url };
    if (existingComment) links.comment = existingComment.url;
    if (env.workflowRun !== undefined) links.workflow_run = env.workflowRun;
    record = createDecisionRecord(request, result, {
      decidedAt: decisionTime(gate),
      requestedAt: facts.requestedAt,
      links,
    });
    // Only a record GitHub verified as the App's is taken as written: a commit anyone pushed with
    // the decision's id in its message must not stop the real record (the writer, which names the
    // file by the id, commits nothing when the same record is there already).
    const logged = gate.history.decisions?.some((decision) => decision.id === record?.id) === true;
    const entry = createDecisionLogEntry(target, record, policy.log, gate.pr.base.defaultBranch);
    if (logged) {
      log.debug({ id: record.id }, 'the decision is in the log already');
    } else if (dryRun) {
      log.info({ id: record.id, branch: policy.log.branch }, 'dry run: would commit the decision record');
    } else {
      const written = await publishDecisionRecord(
        github,
        entry,
        gate.history.tip === undefined ? {} : { tip: gate.history.tip },
      );
      published.logCommit = written.commit;
    }
    // The anchor: the record's exact bytes, bound into the check run (record-anchor.ts).
    const commit = published.logCommit ?? gate.history.commits?.get(record.id);
    if (commit !== undefined)
      anchor = { path: entry.path, sha256: createRecordDigest(entry.content), commit };
  }

  // 2. The sticky request comment: made for any gate that asks people something, or is blocked.
  // The request as the check run's summary shows it: the same text.
  const body = view.summary;
  if (dryRun) {
    log.info({ comment: existingComment?.id }, 'dry run: would publish the request comment');
  } else {
    const comment = await publishRequestComment(github, target, body, {
      existing: existingComment,
      create: result.state !== 'auto_approved' || result.problems.length > 0,
      botId: self.botId,
      now: env.now,
      environment,
      replicas: env.replicas !== undefined,
      duplicates: duplicateComments,
    });
    if (comment) {
      published.commentId = comment.id;
      published.commentUrl = comment.url;
    }
  }

  // 3. Review requests, once per head, when the request is ready to be decided.
  let reviewersRequested = gate.runState.reviewersRequested;
  const askNow =
    !reviewersRequested &&
    !pr.draft &&
    result.state === 'pending' &&
    result.readiness.ready &&
    result.problems.length === 0;
  if (askNow) {
    const groups = result.progress
      .filter((entry) => entry.approvals.length < entry.needed)
      .flatMap((entry) => entry.reviewers);
    const requests = selectReviewRequests(entriesOf(gate, groups), pr, target, reviewedHead(gate));
    if (dryRun) log.info(requests, 'dry run: would request reviews');
    else await publishReviewRequests(github, target, requests, log);
    reviewersRequested = true;
  }

  // 4. The check run.
  const state = renderCheckRunState({
    ...(gate.runState.pusher === undefined ? {} : { pusher: gate.runState.pusher }),
    ...(view.status === 'in_progress' ? optional('wake', wakeTime(result, gate.now)) : {}),
    reviewersRequested,
    deployers: gate.runState.deployers,
    // What the run shows: an approval given after it is for this request (gather-pull-request-gate).
    request: gate.shownHash,
    // Where only Gatehouse writes its runs (the App), the vetoes that count now stand from here on.
    ...(env.self.sharedIdentity === true ? {} : { vetoes: result.vetoes }),
    ...(record === undefined ? {} : { decision: true }),
  });
  const text = prependRecordAnchor(
    record !== undefined && policy.log.checkRuns ? `${state}\n\n${recordBody(record)}` : state,
    anchor,
  );
  if (dryRun) {
    log.info(
      { title: view.title, status: view.status, conclusion: view.conclusion },
      'dry run: would publish the check run',
    );
  } else {
    const run = await publishCheckRun(
      github,
      { owner: target.owner, repo: target.repo, sha: pr.head.sha, appId: self.appId },
      {
        name: view.name,
        status: view.status,
        ...(view.conclusion === undefined ? {} : { conclusion: view.conclusion }),
        title: view.title,
        summary: view.summary,
        text,
        externalId: view.externalId,
        annotations: createAnnotations(gate),
        startedAt: toCheckRunTime(gate.now),
      },
      gate.runs,
      { replicas: env.replicas },
    );
    published.checkRunId = run.id;
  }

  // 5. Escalation: one notice mentioning the backup approvers, and review requests to them.
  if (result.state === 'escalated' && result.escalation !== undefined) {
    const key = createTraceKey([
      'escalation',
      request.repository,
      pr.number,
      pr.head.sha,
      result.escalation.at,
      // The pull request's own gate keeps the key it had before deployment gates existed.
      ...(environment === undefined ? [] : [environment]),
    ]);
    if (!gate.traceKeys.has(key)) {
      const backups = entriesOf(gate, result.escalation.to);
      if (dryRun) {
        log.info({ backups }, 'dry run: would announce the escalation');
      } else {
        await publishTrace(
          github,
          target,
          { type: 'escalation', to: backups, at: result.escalation.at, key },
          env.replicas === undefined ? {} : { converge: { since: recently(env), authorId: self.botId } },
        );
        const requests = selectReviewRequests(backups, pr, target, reviewedHead(gate));
        await publishReviewRequests(github, target, requests, log);
      }
    }
  }
  return published;
}

/** Logins (lower case) who reviewed the head commit already: no request to them. */
function reviewedHead(gate: PullRequestGate): string[] {
  return gate.reviews.flatMap((review) =>
    review.author !== undefined && review.commitId === gate.pr.head.sha
      ? [review.author.login.toLowerCase()]
      : [],
  );
}

/** A minute before now: replicas' copies of one comment are posted within it (keep-oldest-comment.ts). */
export function recently(env: Pick<GateEnvironment, 'now'>): string {
  return new Date(env.now().getTime() - 60_000).toISOString();
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

/**
 * Notes on the spec file's lines (DESIGN §6): what keeps the request from being ready, and what
 * could not be read from its front matter or sections.
 */
export function createAnnotations(
  gate: Pick<PullRequestGate, 'result' | 'specProblems'>,
): CheckRunAnnotation[] {
  const gaps: CheckRunAnnotation[] = gate.result.readiness.missing.flatMap((gap) =>
    gap.source === undefined
      ? []
      : [
          {
            path: gap.source.path,
            line: gap.source.line,
            level: 'failure' as const,
            title: 'Not ready for approval',
            message: `${gap.problem}, required by rule ${gap.rule}`,
          },
        ],
  );
  const problems = gate.specProblems.map((problem) => ({
    path: problem.path,
    line: problem.line,
    level: 'warning' as const,
    title: 'Spec file problem',
    message: problem.message,
  }));
  return [...gaps, ...problems];
}
