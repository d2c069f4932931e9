// Publish what the engine decided for a gate on an approval issue (DESIGN §5, §7), each write
// idempotent and skipped when it would change nothing: the decision record first (X1: no check
// turns green before its audit entry exists), the issue body (the sticky approval request), the
// check run on the request's commit, the escalation notice; then, once per decision id, the
// `gatehouse-decision` announcement and a closing comment that marks it sent, and the issue closed.
import { createDecisionRecord, type DecisionRecord, renderDecisionRecord } from '../core/decision-record.ts';
import { escapeMarkdownInline, renderCode } from '../core/escape.ts';
import { type GateResult, readReviewerGroup } from '../core/model.ts';
import { createRecordDigest, prependRecordAnchor, type RecordAnchor } from '../core/record-anchor.ts';
import { renderCheckRun } from '../core/render/check-run.ts';
import { renderIssueMark, renderWakeMarker } from '../github/load-approval-issues.ts';
import { renderCheckRunState } from '../github/load-gate-check-runs.ts';
import {
  closeApprovalIssue,
  publishApprovalIssueBody,
  publishIssueComment,
} from '../github/publish-approval-issue.ts';
import { publishCheckRun } from '../github/publish-check-run.ts';
import { createDecisionLogEntry, publishDecisionRecord } from '../github/publish-decision-record.ts';
import { publishDispatch } from '../github/publish-dispatch.ts';
import { createTraceKey, publishTrace } from '../github/traces.ts';
import type { RequestGate } from './gather-request-gate.ts';
import { decisionTime, isDecided, recently } from './publish-pull-request-gate.ts';
import type { GateEnvironment } from './run-pull-request-gate.ts';

export interface PublishedRequestGate {
  decisionId: string;
  checkRunId?: number;
  logCommit?: string;
  dispatched?: boolean;
  closed?: boolean;
}

/** A decision the requester can act on: the gate will not change by itself any more. */
export function isFinal(result: GateResult, now: string): boolean {
  switch (result.state) {
    case 'approved':
    case 'rejected':
    case 'expired':
    case 'auto_approved':
    case 'notified':
      return result.problems.length === 0 || result.state === 'rejected' || result.state === 'expired';
    case 'delayed':
      return result.effectiveAt !== undefined && Date.parse(result.effectiveAt) <= Date.parse(now);
    default:
      return false;
  }
}

/** The next moment the gate changes without an event: a deadline, the escalation's, a delay's end. */
export function wakeTime(result: GateResult, now: string): string | undefined {
  const times = [result.deadline, result.escalation?.deadline, result.effectiveAt].filter(
    (time): time is string => time !== undefined && Date.parse(time) > Date.parse(now),
  );
  if (times.length === 0) return undefined;
  return new Date(Math.min(...times.map((time) => Date.parse(time)))).toISOString();
}

/** The issue body: the approval request, with the sweep's wake-up time hidden at its end. */
export function renderApprovalIssueBody(gate: RequestGate, summary: string): string {
  const wake = isFinal(gate.result, gate.now) ? undefined : wakeTime(gate.result, gate.now);
  return wake === undefined ? summary : `${summary}\n${renderWakeMarker(wake)}`;
}

function recordBody(record: DecisionRecord): string {
  const text = renderDecisionRecord(record);
  const end = text.indexOf('\n---\n', 4);
  return end === -1 ? text : text.slice(end + 5).trimStart();
}

function renderClosing(gate: RequestGate, decisionId: string, dispatched: boolean): string {
  const { result } = gate;
  const by = result.approvers.map((approval) => escapeMarkdownInline(approval.approver.login, 80)).join(', ');
  let line: string;
  switch (result.state) {
    case 'approved':
    case 'delayed':
      line = `**Approved** by ${by || 'the approvers'}.`;
      break;
    case 'rejected':
      line = `**Rejected**${result.rejection ? ` by ${escapeMarkdownInline(result.rejection.by.login, 80)}` : ''}.`;
      break;
    case 'expired':
      line = `**Expired**: ${escapeMarkdownInline(result.reason ?? 'no decision before the deadline', 300)}.`;
      break;
    case 'changes_requested':
      line = `**Changes requested**${result.modification ? ` by ${escapeMarkdownInline(result.modification.by.login, 80)}` : ''}; the request stays open.`;
      break;
    default:
      line = `**${result.state.replace('_', '-')}**.`;
  }
  const announced = dispatched ? ' Announced as `gatehouse-decision`.' : '';
  return `${line} Decision ${renderCode(decisionId)}.${announced}\n\n${renderIssueMark({ type: 'decided', id: decisionId, dispatched })}`;
}

export async function publishRequestGate(
  env: GateEnvironment,
  target: { owner: string; repo: string },
  gate: RequestGate,
  options: { checkRun: boolean; dispatch: boolean },
): Promise<PublishedRequestGate> {
  const { github, log, self } = env;
  const { policy, request, result, facts, issue } = gate;
  const dryRun = env.dryRun === true;
  const view = renderCheckRun(request, result, policy, { now: gate.now });
  const published: PublishedRequestGate = { decisionId: view.externalId };
  const issueTarget = issue === undefined ? undefined : { ...target, issueNumber: issue.number };

  // 1. The decision log.
  let record: DecisionRecord | undefined;
  let anchor: RecordAnchor | undefined;
  if (isDecided(result)) {
    const links: DecisionRecord['links'] = issue === undefined ? {} : { comment: issue.url };
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
    const entry = createDecisionLogEntry(target, record, policy.log, gate.defaultBranch);
    if (logged) log.debug({ id: record.id }, 'the decision is in the log already');
    else if (dryRun) log.info({ id: record.id }, 'dry run: would commit the decision record');
    else {
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

  // 2. The issue body: the approval request.
  if (issueTarget !== undefined && issue !== undefined) {
    const body = renderApprovalIssueBody(gate, view.summary);
    if (dryRun) log.info({ issue: issue.number }, 'dry run: would update the approval issue');
    else await publishApprovalIssueBody(github, issueTarget, issue.body, body);
  }

  // 3. The check run on the request's commit.
  if (options.checkRun) {
    const state = renderCheckRunState({
      ...(view.status === 'in_progress' ? optional('wake', wakeTime(result, gate.now)) : {}),
      reviewersRequested: false,
      deployers: gate.deployers,
      // Where only Gatehouse writes its runs (the App), the vetoes that count now stand from here
      // on, each with its issue: only this issue's gate reads them back.
      ...(env.self.sharedIdentity === true || issue === undefined
        ? {}
        : { vetoes: result.vetoes.map((veto) => ({ ...veto, issue: issue.number })) }),
      ...(record === undefined ? {} : { decision: true }),
    });
    const text = prependRecordAnchor(
      record !== undefined && policy.log.checkRuns ? `${state}\n\n${recordBody(record)}` : state,
      anchor,
    );
    if (dryRun) log.info({ title: view.title }, 'dry run: would publish the check run');
    else {
      const run = await publishCheckRun(
        github,
        { ...target, sha: request.subject.sha, appId: self.appId },
        {
          name: view.name,
          status: view.status,
          ...(view.conclusion === undefined ? {} : { conclusion: view.conclusion }),
          title: view.title,
          summary: view.summary,
          text,
          externalId: view.externalId,
        },
        gate.runs,
        { replicas: env.replicas },
      );
      published.checkRunId = run.id;
    }
  }
  if (issueTarget === undefined || issue === undefined || dryRun) return published;

  // 4. Escalation: one notice mentioning the backup approvers.
  if (result.state === 'escalated' && result.escalation !== undefined) {
    const key = createTraceKey([
      'escalation',
      request.repository,
      issue.number,
      gate.requestHash,
      result.escalation.at,
    ]);
    if (!gate.traceKeys.has(key)) {
      const backups = [
        ...new Set(result.escalation.to.flatMap((group) => readReviewerGroup(policy, group) ?? [])),
      ];
      await publishTrace(
        github,
        { ...target, number: issue.number },
        { type: 'escalation', to: backups, at: result.escalation.at, key },
      );
    }
  }

  // 5. The announcement and the closing comment, once per decision id; the issue closed.
  const final = isFinal(result, gate.now);
  if (final || result.state === 'changes_requested') {
    const marked = gate.marks.filter((mark) => mark.type === 'decided' && mark.id === view.externalId);
    const sent = marked.some((mark) => mark.type === 'decided' && mark.dispatched);
    // Once per decision id; a decision marked without an announcement is announced by the first
    // run that is asked to announce (the App handles the issue, a waiting job asks for dispatch).
    if (marked.length === 0 || (options.dispatch && !sent)) {
      if (options.dispatch) {
        await publishDispatch(github, target, {
          decision: result.state,
          option: result.option?.name ?? null,
          modifications: result.modification?.instructions ?? null,
          decision_id: view.externalId,
          request_hash: gate.requestHash,
          issue: issue.number,
          sha: request.subject.sha,
          environment: request.gate.environment ?? null,
        });
        published.dispatched = true;
      }
      await publishIssueComment(
        github,
        issueTarget,
        renderClosing(gate, view.externalId, options.dispatch),
        self.botId,
        env.replicas === undefined ? undefined : { since: recently(env) },
      );
    }
  }
  if (final && issue.open) {
    await closeApprovalIssue(
      github,
      issueTarget,
      result.state === 'rejected' || result.state === 'expired' ? 'not_planned' : 'completed',
    );
    published.closed = true;
  }
  return published;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}
