// What the decisions teach about the gates (docs/audit.md, "Calibration"): how long people take,
// which approvals came too fast to have been read, which rules always pass as asked (candidates
// for a lower level or tier) and which are often left to expire, escalate or be waived.
import type { DecisionRecord } from '../decision-record.ts';
import { DECISIONS, type Decision, LEVELS, type Level, PASSING_DECISIONS } from '../registry.ts';
import {
  ALWAYS_APPROVED_MINIMUM,
  type AlwaysApprovedRule,
  type AuditCalibration,
  type EnvironmentLatency,
  FREQUENT_MINIMUM,
  FREQUENT_SHARE,
  type FrequentlyBypassedRule,
  type Precedent,
  type PrecedentGroup,
  type ReviewerActivity,
  type RubberStamp,
  type RubberStampThreshold,
  type RuleLatency,
  type WeekCount,
} from './audit-report.ts';
import { createIsoWeek, WEEK_MS } from './create-iso-week.ts';
import { summarizeLatency } from './summarize-latency.ts';

/** Decisions a person made: their latency is how long people took. */
const HUMAN_DECISIONS: readonly Decision[] = ['approved', 'rejected', 'delayed', 'changes_requested'];

/** The reason evaluateGate gives a gate that proceeded with its safe default on timeout. */
const PROCEEDED_ON_TIMEOUT = /: no decision before the deadline; proceeding with the safe default /;

/** Beyond this many weeks, empty weeks are not filled in (one stray date must not make 5,000 bars). */
const MAX_FILLED_WEEKS = 520;

export interface CalibrationInput {
  record: DecisionRecord;
  path: string;
  precedent: Precedent | null;
}

function seconds(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/** requested_at → decided_at for a decision a person made; undefined otherwise. */
export function measureLatency(record: DecisionRecord): number | undefined {
  return HUMAN_DECISIONS.includes(record.decision)
    ? seconds(record.times.requested_at, record.times.decided_at)
    : undefined;
}

/**
 * Approvals judged for rubber-stamping: those on approve-tier gates that asked more than an
 * acknowledgement (an `/ack` is meant to be quick).
 */
function judgedApprovals(record: DecisionRecord) {
  return record.tier === 'approve' && record.level !== 'acknowledge' ? record.approvers : [];
}

function findRubberStamps(input: CalibrationInput, threshold: RubberStampThreshold): RubberStamp[] {
  const { record, path } = input;
  const files = record.subject.changed_files;
  const limit = Math.max(threshold.minimumSeconds, threshold.secondsPerFile * (files ?? 0));
  return judgedApprovals(record).flatMap((approver) => {
    const taken = seconds(record.times.requested_at, approver.at);
    if (taken >= limit) return [];
    return [
      {
        id: record.id,
        path,
        login: approver.login,
        userId: approver.id,
        at: approver.at,
        seconds: taken,
        thresholdSeconds: limit,
        changedFiles: files ?? null,
        rules: record.rules,
        environment: record.gate.environment ?? null,
      },
    ];
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most decisions first, then by name; the row without a name (null) after named ones. */
function byCount<T extends { decisions: number }>(key: (row: T) => string | null) {
  return (a: T, b: T) => {
    const [x, y] = [key(a), key(b)];
    return (
      b.decisions - a.decisions ||
      (x === null ? 1 : 0) - (y === null ? 1 : 0) ||
      compareText(x ?? '', y ?? '')
    );
  };
}

function evaluateRuleLatency(
  inputs: readonly CalibrationInput[],
  stamps: ReadonlyMap<DecisionRecord, number>,
) {
  const rows = new Map<
    string | null,
    { decisions: number; latencies: number[]; approvals: number; stamps: number }
  >();
  for (const { record } of inputs) {
    const latency = measureLatency(record);
    for (const rule of record.rules.length === 0 ? [null] : [...new Set(record.rules)]) {
      let row = rows.get(rule);
      if (row === undefined) {
        row = { decisions: 0, latencies: [], approvals: 0, stamps: 0 };
        rows.set(rule, row);
      }
      row.decisions++;
      if (latency !== undefined) row.latencies.push(latency);
      row.approvals += judgedApprovals(record).length;
      row.stamps += stamps.get(record) ?? 0;
    }
  }
  return [...rows]
    .map(
      ([rule, row]): RuleLatency => ({
        rule,
        decisions: row.decisions,
        ...summarizeLatency(row.latencies),
        approvals: row.approvals,
        rubberStamps: row.stamps,
      }),
    )
    .sort(byCount((row) => row.rule));
}

function evaluateEnvironmentLatency(inputs: readonly CalibrationInput[]): EnvironmentLatency[] {
  const rows = new Map<string | null, { decisions: number; latencies: number[] }>();
  for (const { record } of inputs) {
    const environment = record.gate.environment ?? null;
    let row = rows.get(environment);
    if (row === undefined) {
      row = { decisions: 0, latencies: [] };
      rows.set(environment, row);
    }
    row.decisions++;
    const latency = measureLatency(record);
    if (latency !== undefined) row.latencies.push(latency);
  }
  return [...rows]
    .map(
      ([environment, row]): EnvironmentLatency => ({
        environment,
        decisions: row.decisions,
        ...summarizeLatency(row.latencies),
      }),
    )
    .sort(byCount((row) => row.environment));
}

interface RuleOutcomes {
  decisions: number;
  passing: number;
  approved: number;
  autoApproved: number;
  expired: number;
  escalated: number;
  proceededOnTimeout: number;
  waived: number;
  level: Level;
  stamps: number;
}

function countRuleOutcomes(inputs: readonly CalibrationInput[], stamps: ReadonlyMap<DecisionRecord, number>) {
  const rules = new Map<string, RuleOutcomes>();
  for (const { record } of inputs) {
    for (const rule of new Set(record.rules)) {
      let row = rules.get(rule);
      if (row === undefined) {
        row = {
          decisions: 0,
          passing: 0,
          approved: 0,
          autoApproved: 0,
          expired: 0,
          escalated: 0,
          proceededOnTimeout: 0,
          waived: 0,
          level: 'acknowledge',
          stamps: 0,
        };
        rules.set(rule, row);
      }
      row.decisions++;
      row.stamps += stamps.get(record) ?? 0;
      if (LEVELS.indexOf(record.level) > LEVELS.indexOf(row.level)) row.level = record.level;
      if (PASSING_DECISIONS.includes(record.decision)) row.passing++;
      if (record.decision === 'approved' || record.decision === 'delayed') row.approved++;
      if (record.decision === 'auto_approved' || record.decision === 'notified') row.autoApproved++;
      if (record.decision === 'expired') row.expired++;
      if (record.decision === 'escalated') row.escalated++;
      if (record.decision === 'auto_approved' && PROCEEDED_ON_TIMEOUT.test(record.reason ?? ''))
        row.proceededOnTimeout++;
      else if (record.decision === 'auto_approved' && record.tier !== 'proceed') row.waived++;
    }
  }
  return [...rules].sort(([a], [b]) => compareText(a, b));
}

const LOWER: Record<Level, string> = {
  approve: 'lower its level to review or acknowledge, or its tier to notify',
  review: 'lower its level to acknowledge, or its tier to notify',
  acknowledge: 'lower its tier to notify (proceed, and record who was told)',
};

function suggestLower(rule: string, row: RuleOutcomes): AlwaysApprovedRule {
  const stamps =
    row.stamps === 0
      ? ''
      : `; ${row.stamps} ${row.stamps === 1 ? 'approval' : 'approvals'} came faster than the request could be read`;
  return {
    rule,
    decisions: row.decisions,
    approved: row.approved,
    autoApproved: row.autoApproved,
    level: row.level,
    rubberStamps: row.stamps,
    suggestion: `all ${row.decisions} decisions passed as asked, none rejected or sent back${stamps}: ${LOWER[row.level]}`,
  };
}

function suggestBypass(rule: string, row: RuleOutcomes): FrequentlyBypassedRule {
  const unanswered = row.expired + row.escalated;
  const bypassed = unanswered + row.proceededOnTimeout + row.waived;
  const largest = Math.max(unanswered, row.proceededOnTimeout, row.waived);
  const suggestion =
    largest === unanswered
      ? 'its requests often go unanswered: check that its reviewers and escalate_to reach people who can decide, and that its timeout fits how fast they answer'
      : largest === row.proceededOnTimeout
        ? 'it often proceeds on timeout with its safe default, so nobody decides: make it a notify-tier rule, or make sure it reaches its reviewers'
        : 'it is often waived (mode, allow or ask-once): if that is intended, lower its tier; if not, narrow allow or change the mode';
  return {
    rule,
    decisions: row.decisions,
    expired: row.expired,
    escalated: row.escalated,
    proceededOnTimeout: row.proceededOnTimeout,
    waived: row.waived,
    share: bypassed / row.decisions,
    suggestion,
  };
}

function evaluatePrecedentGroup(
  inputs: readonly CalibrationInput[],
  precedent: Precedent,
  stamps: ReadonlyMap<DecisionRecord, number>,
): PrecedentGroup {
  const group = inputs.filter((input) => input.precedent === precedent).map((input) => input.record);
  return {
    decisions: group.length,
    ...summarizeLatency(group.flatMap((record) => measureLatency(record) ?? [])),
    rejected: group.filter(
      (record) => record.decision === 'rejected' || record.decision === 'changes_requested',
    ).length,
    rubberStamps: group.reduce((sum, record) => sum + (stamps.get(record) ?? 0), 0),
  };
}

function emptyDecisionCounts(): Record<Decision, number> {
  return Object.fromEntries(DECISIONS.map((decision) => [decision, 0])) as Record<Decision, number>;
}

function evaluateOverTime(inputs: readonly CalibrationInput[]): WeekCount[] {
  const weeks = new Map<number, WeekCount>();
  for (const { record } of inputs) {
    const { week, monday } = createIsoWeek(Date.parse(record.times.decided_at));
    let row = weeks.get(monday);
    if (row === undefined) {
      row = {
        week,
        start: new Date(monday).toISOString().slice(0, 10),
        total: 0,
        byDecision: emptyDecisionCounts(),
      };
      weeks.set(monday, row);
    }
    row.total++;
    row.byDecision[record.decision]++;
  }
  const mondays = [...weeks.keys()].sort((a, b) => a - b);
  const first = mondays[0];
  const last = mondays.at(-1);
  if (first !== undefined && last !== undefined && (last - first) / WEEK_MS < MAX_FILLED_WEEKS) {
    for (let monday = first; monday < last; monday += WEEK_MS) {
      if (weeks.has(monday)) continue;
      const { week } = createIsoWeek(monday);
      weeks.set(monday, {
        week,
        start: new Date(monday).toISOString().slice(0, 10),
        total: 0,
        byDecision: emptyDecisionCounts(),
      });
    }
  }
  return [...weeks].sort(([a], [b]) => a - b).map(([, row]) => row);
}

function evaluateReviewers(
  inputs: readonly CalibrationInput[],
  stamps: readonly RubberStamp[],
): ReviewerActivity[] {
  const people = new Map<
    number,
    {
      login: string;
      lastAt: number;
      approvals: number;
      rejections: number;
      changes: number;
      latencies: number[];
    }
  >();
  const note = (
    person: { id: number; login: string },
    decidedAt: string,
    requestedAt: string,
    at: string,
  ) => {
    let row = people.get(person.id);
    const when = Date.parse(decidedAt);
    if (row === undefined) {
      row = { login: person.login, lastAt: when, approvals: 0, rejections: 0, changes: 0, latencies: [] };
      people.set(person.id, row);
    } else if (when >= row.lastAt) {
      // Logins can be renamed: show the newest one.
      row.login = person.login;
      row.lastAt = when;
    }
    row.latencies.push(seconds(requestedAt, at));
    return row;
  };
  for (const { record } of inputs) {
    const { requested_at: requestedAt, decided_at: decidedAt } = record.times;
    for (const approver of record.approvers) note(approver, decidedAt, requestedAt, approver.at).approvals++;
    if (record.rejected_by) note(record.rejected_by, decidedAt, requestedAt, decidedAt).rejections++;
    if (record.modified_by) note(record.modified_by, decidedAt, requestedAt, decidedAt).changes++;
  }
  const stampCounts = new Map<number, number>();
  for (const stamp of stamps) stampCounts.set(stamp.userId, (stampCounts.get(stamp.userId) ?? 0) + 1);
  return [...people]
    .map(
      ([id, row]): ReviewerActivity => ({
        login: row.login,
        id,
        approvals: row.approvals,
        rejections: row.rejections,
        changesRequested: row.changes,
        ...summarizeLatency(row.latencies),
        rubberStamps: stampCounts.get(id) ?? 0,
      }),
    )
    .sort((a, b) => {
      const total = (row: ReviewerActivity) => row.approvals + row.rejections + row.changesRequested;
      return total(b) - total(a) || compareText(a.login.toLowerCase(), b.login.toLowerCase()) || a.id - b.id;
    });
}

/** Calibration over the records a report shows (the period and the filters chosen). */
export function evaluateCalibration(
  inputs: readonly CalibrationInput[],
  threshold: RubberStampThreshold,
): AuditCalibration {
  const stampsByRecord = new Map<DecisionRecord, number>();
  const rubberStamps = inputs
    .flatMap((input) => {
      const found = findRubberStamps(input, threshold);
      if (found.length > 0) stampsByRecord.set(input.record, found.length);
      return found;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareText(a.id, b.id));
  const outcomes = countRuleOutcomes(inputs, stampsByRecord);
  return {
    thresholds: {
      rubberStamp: { secondsPerFile: threshold.secondsPerFile, minimumSeconds: threshold.minimumSeconds },
      alwaysApprovedMinimum: ALWAYS_APPROVED_MINIMUM,
      frequentShare: FREQUENT_SHARE,
      frequentMinimum: FREQUENT_MINIMUM,
    },
    latency: {
      byRule: evaluateRuleLatency(inputs, stampsByRecord),
      byEnvironment: evaluateEnvironmentLatency(inputs),
    },
    rubberStamps,
    alwaysApproved: outcomes
      .filter(
        ([, row]) =>
          row.decisions >= ALWAYS_APPROVED_MINIMUM && row.passing === row.decisions && row.approved > 0,
      )
      .map(([rule, row]) => suggestLower(rule, row)),
    frequentlyBypassed: outcomes
      .filter(([, row]) => {
        const bypassed = row.expired + row.escalated + row.proceededOnTimeout + row.waived;
        return bypassed >= FREQUENT_MINIMUM && bypassed / row.decisions >= FREQUENT_SHARE;
      })
      .map(([rule, row]) => suggestBypass(rule, row)),
    firstTime: evaluatePrecedentGroup(inputs, 'first_time', stampsByRecord),
    routine: evaluatePrecedentGroup(inputs, 'routine', stampsByRecord),
    overTime: evaluateOverTime(inputs),
    byReviewer: evaluateReviewers(inputs, rubberStamps),
  };
}
