#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  parseRepositoryName,
  readApiUrls,
  readToken
} from "./chunk-E2NGQWWR.mjs";
import {
  checkPositionals,
  parseChoice,
  parseCommandArgs,
  parseText,
  writeWarning
} from "./chunk-KJCRXWLB.mjs";
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  checkLogCommit,
  createExecutionId,
  createExecutionKey,
  createExecutionRecordPath,
  createRecordDigest,
  isApprovedMerge,
  isExecutionRecordPath,
  parseExecutionRecord,
  parseRecordAnchor,
  readExecutionStart
} from "./chunk-5ODFQQ4B.mjs";
import {
  createGitHubClient
} from "./chunk-KV42ITB5.mjs";
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import "./chunk-PIRSD7FP.mjs";
import {
  createDecisionRecordPath,
  parseDecisionRecord
} from "./chunk-7JBWST6E.mjs";
import {
  BIDI_CONTROLS,
  createDecisionId,
  escapeMarkdownInline,
  renderCode
} from "./chunk-DQSC6Z5E.mjs";
import {
  formatDuration
} from "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import {
  DECISIONS,
  LEVELS,
  PASSING_DECISIONS,
  createCheckName,
  parseCheckName
} from "./chunk-5Q7N6AK2.mjs";
import {
  findDecisionLogCommit,
  loadDecisionLogFilesAt,
  loadLogHistory,
  loadObjectRepository
} from "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/commands/audit.ts
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";

// src/core/audit/describe-audit.ts
function formatSeconds(seconds3) {
  if (seconds3 === null) return "\u2013";
  return seconds3 < 0 ? `-${formatDuration(-seconds3 * 1e3)}` : formatDuration(seconds3 * 1e3);
}
function count(n, noun, plural = `${noun}s`) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}
function listFilters(filters) {
  return Object.entries(filters).filter((entry) => typeof entry[1] === "string");
}
var FINDING_MEANINGS = {
  malformed: "a file on the log branch that is not a valid decision record; the other records still count",
  id_mismatch: "the record no longer matches its id: it was edited after Gatehouse wrote it",
  path_mismatch: "the record is not filed where its id and decision time put it: moved, renamed or re-dated",
  inconsistent: "the record contradicts itself (its check name and environment disagree)",
  duplicate_id: "two files claim the same decision; only one counts",
  check_run_without_record: "a check run announced a decision the log does not have: a record is missing",
  record_without_check_run: "a record for an audited commit that no check run announced",
  digest_mismatch: "the record's bytes differ from the digest its check run anchored: it was edited",
  unanchored: "no check run of Gatehouse's app anchors this record: it was not written by Gatehouse",
  anchor_without_record: "a check run anchored a record the log no longer has: it was deleted or moved",
  unverified_commit: "a log commit GitHub did not verify as Gatehouse's bot wrote this record",
  rewritten: "a log commit not made by Gatehouse changed, deleted or moved an existing record",
  merged_unapproved: "a pull request was merged with a head the newest decision of its gate did not pass",
  deployed_unapproved: "a deployment ran a commit the newest decision of its gate did not pass",
  ran_unapproved: "an agent ran a request the newest decision of its gate did not pass"
};
function summarizeReport(report) {
  const { totals: totals2, integrity } = report;
  const decided = Object.entries(totals2.byDecision).filter(([, n]) => n > 0).map(([decision, n]) => `${n} ${decision.replace("_", " ")}`);
  const decisions = totals2.shown === totals2.records ? `${count(totals2.records, "decision")}${decided.length > 0 ? `: ${decided.join(", ")}` : ""}` : `${count(totals2.shown, "decision")} of ${totals2.records.toLocaleString("en-US")} match the filters${decided.length > 0 ? `: ${decided.join(", ")}` : ""}`;
  const findings = totals2.findings === 0 ? `no integrity findings over all ${count(integrity.files, "file")} read, whatever the filters` : `${count(totals2.findings, "integrity finding")} over all ${count(integrity.files, "file")} read, whatever the filters`;
  const crossCheck = integrity.crossCheck === null ? "not compared with check runs (needs --repo with --ref or --pr)" : `compared with ${count(integrity.crossCheck.checkRuns, "gatehouse check run")} on ${count(integrity.crossCheck.commits, "commit")}`;
  return { decisions, findings, crossCheck };
}

// src/core/audit/audit-report.ts
var DEFAULT_RUBBER_STAMP = { secondsPerFile: 20, minimumSeconds: 60 };
var ALWAYS_APPROVED_MINIMUM = 5;
var FREQUENT_SHARE = 0.25;
var FREQUENT_MINIMUM = 3;
var AUDIT_FINDING_CODES = [
  "malformed",
  "id_mismatch",
  "path_mismatch",
  "inconsistent",
  "duplicate_id",
  "check_run_without_record",
  "record_without_check_run",
  "digest_mismatch",
  "unanchored",
  "anchor_without_record",
  "unverified_commit",
  "rewritten",
  "merged_unapproved",
  "deployed_unapproved",
  "ran_unapproved"
];

// src/core/audit/create-iso-week.ts
var DAY_MS = 864e5;
var WEEK_MS = 7 * DAY_MS;
function createIsoWeek(ms) {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - weekday * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`, monday };
}

// src/core/audit/summarize-latency.ts
function summarizeLatency(seconds3) {
  if (seconds3.length === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const sorted = [...seconds3].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1];
  return { count: sorted.length, medianSeconds: median, p90Seconds: p90 };
}

// src/core/audit/evaluate-calibration.ts
var HUMAN_DECISIONS = ["approved", "rejected", "delayed", "changes_requested"];
var PROCEEDED_ON_TIMEOUT = /: no decision before the deadline; proceeding with the safe default /;
var MAX_FILLED_WEEKS = 520;
function seconds(from, to) {
  return (Date.parse(to) - Date.parse(from)) / 1e3;
}
function measureLatency(record) {
  return HUMAN_DECISIONS.includes(record.decision) ? seconds(record.times.requested_at, record.times.decided_at) : void 0;
}
function judgedApprovals(record) {
  return record.tier === "approve" && record.level !== "acknowledge" ? record.approvers : [];
}
function findRubberStamps(input, threshold) {
  const { record, path } = input;
  const files = record.subject.changed_files;
  const limit2 = Math.max(threshold.minimumSeconds, threshold.secondsPerFile * (files ?? 0));
  return judgedApprovals(record).flatMap((approver) => {
    const taken = seconds(record.times.requested_at, approver.at);
    if (taken >= limit2) return [];
    return [
      {
        id: record.id,
        path,
        login: approver.login,
        userId: approver.id,
        at: approver.at,
        seconds: taken,
        thresholdSeconds: limit2,
        changedFiles: files ?? null,
        rules: record.rules,
        environment: record.gate.environment ?? null
      }
    ];
  });
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function byCount(key) {
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    return b.decisions - a.decisions || (x === null ? 1 : 0) - (y === null ? 1 : 0) || compareText(x ?? "", y ?? "");
  };
}
function evaluateRuleLatency(inputs, stamps) {
  const rows = /* @__PURE__ */ new Map();
  for (const { record } of inputs) {
    const latency = measureLatency(record);
    for (const rule of record.rules.length === 0 ? [null] : [...new Set(record.rules)]) {
      let row = rows.get(rule);
      if (row === void 0) {
        row = { decisions: 0, latencies: [], approvals: 0, stamps: 0 };
        rows.set(rule, row);
      }
      row.decisions++;
      if (latency !== void 0) row.latencies.push(latency);
      row.approvals += judgedApprovals(record).length;
      row.stamps += stamps.get(record) ?? 0;
    }
  }
  return [...rows].map(
    ([rule, row]) => ({
      rule,
      decisions: row.decisions,
      ...summarizeLatency(row.latencies),
      approvals: row.approvals,
      rubberStamps: row.stamps
    })
  ).sort(byCount((row) => row.rule));
}
function evaluateEnvironmentLatency(inputs) {
  const rows = /* @__PURE__ */ new Map();
  for (const { record } of inputs) {
    const environment = record.gate.environment ?? null;
    let row = rows.get(environment);
    if (row === void 0) {
      row = { decisions: 0, latencies: [] };
      rows.set(environment, row);
    }
    row.decisions++;
    const latency = measureLatency(record);
    if (latency !== void 0) row.latencies.push(latency);
  }
  return [...rows].map(
    ([environment, row]) => ({
      environment,
      decisions: row.decisions,
      ...summarizeLatency(row.latencies)
    })
  ).sort(byCount((row) => row.environment));
}
function countRuleOutcomes(inputs, stamps) {
  const rules = /* @__PURE__ */ new Map();
  for (const { record } of inputs) {
    for (const rule of new Set(record.rules)) {
      let row = rules.get(rule);
      if (row === void 0) {
        row = {
          decisions: 0,
          passing: 0,
          approved: 0,
          autoApproved: 0,
          expired: 0,
          escalated: 0,
          proceededOnTimeout: 0,
          waived: 0,
          level: "acknowledge",
          stamps: 0
        };
        rules.set(rule, row);
      }
      row.decisions++;
      row.stamps += stamps.get(record) ?? 0;
      if (LEVELS.indexOf(record.level) > LEVELS.indexOf(row.level)) row.level = record.level;
      if (PASSING_DECISIONS.includes(record.decision)) row.passing++;
      if (record.decision === "approved" || record.decision === "delayed") row.approved++;
      if (record.decision === "auto_approved" || record.decision === "notified") row.autoApproved++;
      if (record.decision === "expired") row.expired++;
      if (record.decision === "escalated") row.escalated++;
      if (record.decision === "auto_approved" && PROCEEDED_ON_TIMEOUT.test(record.reason ?? ""))
        row.proceededOnTimeout++;
      else if (record.decision === "auto_approved" && record.tier !== "proceed") row.waived++;
    }
  }
  return [...rules].sort(([a], [b]) => compareText(a, b));
}
var LOWER = {
  approve: "lower its level to review or acknowledge, or its tier to notify",
  review: "lower its level to acknowledge, or its tier to notify",
  acknowledge: "lower its tier to notify (proceed, and record who was told)"
};
function suggestLower(rule, row) {
  const stamps = row.stamps === 0 ? "" : `; ${row.stamps} ${row.stamps === 1 ? "approval" : "approvals"} came faster than the request could be read`;
  return {
    rule,
    decisions: row.decisions,
    approved: row.approved,
    autoApproved: row.autoApproved,
    level: row.level,
    rubberStamps: row.stamps,
    suggestion: `all ${row.decisions} decisions passed as asked, none rejected or sent back${stamps}: ${LOWER[row.level]}`
  };
}
function suggestBypass(rule, row) {
  const unanswered = row.expired + row.escalated;
  const bypassed = unanswered + row.proceededOnTimeout + row.waived;
  const largest = Math.max(unanswered, row.proceededOnTimeout, row.waived);
  const suggestion = largest === unanswered ? "its requests often go unanswered: check that its reviewers and escalate_to reach people who can decide, and that its timeout fits how fast they answer" : largest === row.proceededOnTimeout ? "it often proceeds on timeout with its safe default, so nobody decides: make it a notify-tier rule, or make sure it reaches its reviewers" : "it is often waived (mode, allow or ask-once): if that is intended, lower its tier; if not, narrow allow or change the mode";
  return {
    rule,
    decisions: row.decisions,
    expired: row.expired,
    escalated: row.escalated,
    proceededOnTimeout: row.proceededOnTimeout,
    waived: row.waived,
    share: bypassed / row.decisions,
    suggestion
  };
}
function evaluatePrecedentGroup(inputs, precedent, stamps) {
  const group = inputs.filter((input) => input.precedent === precedent).map((input) => input.record);
  return {
    decisions: group.length,
    ...summarizeLatency(group.flatMap((record) => measureLatency(record) ?? [])),
    rejected: group.filter(
      (record) => record.decision === "rejected" || record.decision === "changes_requested"
    ).length,
    rubberStamps: group.reduce((sum, record) => sum + (stamps.get(record) ?? 0), 0)
  };
}
function emptyDecisionCounts() {
  return Object.fromEntries(DECISIONS.map((decision) => [decision, 0]));
}
function evaluateOverTime(inputs) {
  const weeks = /* @__PURE__ */ new Map();
  for (const { record } of inputs) {
    const { week, monday } = createIsoWeek(Date.parse(record.times.decided_at));
    let row = weeks.get(monday);
    if (row === void 0) {
      row = {
        week,
        start: new Date(monday).toISOString().slice(0, 10),
        total: 0,
        byDecision: emptyDecisionCounts()
      };
      weeks.set(monday, row);
    }
    row.total++;
    row.byDecision[record.decision]++;
  }
  const mondays = [...weeks.keys()].sort((a, b) => a - b);
  const first = mondays[0];
  const last = mondays.at(-1);
  if (first !== void 0 && last !== void 0 && (last - first) / WEEK_MS < MAX_FILLED_WEEKS) {
    for (let monday = first; monday < last; monday += WEEK_MS) {
      if (weeks.has(monday)) continue;
      const { week } = createIsoWeek(monday);
      weeks.set(monday, {
        week,
        start: new Date(monday).toISOString().slice(0, 10),
        total: 0,
        byDecision: emptyDecisionCounts()
      });
    }
  }
  return [...weeks].sort(([a], [b]) => a - b).map(([, row]) => row);
}
function evaluateReviewers(inputs, stamps) {
  const people = /* @__PURE__ */ new Map();
  const note = (person, decidedAt, requestedAt, at) => {
    let row = people.get(person.id);
    const when = Date.parse(decidedAt);
    if (row === void 0) {
      row = { login: person.login, lastAt: when, approvals: 0, rejections: 0, changes: 0, latencies: [] };
      people.set(person.id, row);
    } else if (when >= row.lastAt) {
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
  const stampCounts = /* @__PURE__ */ new Map();
  for (const stamp of stamps) stampCounts.set(stamp.userId, (stampCounts.get(stamp.userId) ?? 0) + 1);
  return [...people].map(
    ([id, row]) => ({
      login: row.login,
      id,
      approvals: row.approvals,
      rejections: row.rejections,
      changesRequested: row.changes,
      ...summarizeLatency(row.latencies),
      rubberStamps: stampCounts.get(id) ?? 0
    })
  ).sort((a, b) => {
    const total = (row) => row.approvals + row.rejections + row.changesRequested;
    return total(b) - total(a) || compareText(a.login.toLowerCase(), b.login.toLowerCase()) || a.id - b.id;
  });
}
function evaluateCalibration(inputs, threshold) {
  const stampsByRecord = /* @__PURE__ */ new Map();
  const rubberStamps = inputs.flatMap((input) => {
    const found = findRubberStamps(input, threshold);
    if (found.length > 0) stampsByRecord.set(input.record, found.length);
    return found;
  }).sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareText(a.id, b.id));
  const outcomes = countRuleOutcomes(inputs, stampsByRecord);
  return {
    thresholds: {
      rubberStamp: { secondsPerFile: threshold.secondsPerFile, minimumSeconds: threshold.minimumSeconds },
      alwaysApprovedMinimum: ALWAYS_APPROVED_MINIMUM,
      frequentShare: FREQUENT_SHARE,
      frequentMinimum: FREQUENT_MINIMUM
    },
    latency: {
      byRule: evaluateRuleLatency(inputs, stampsByRecord),
      byEnvironment: evaluateEnvironmentLatency(inputs)
    },
    rubberStamps,
    alwaysApproved: outcomes.filter(
      ([, row]) => row.decisions >= ALWAYS_APPROVED_MINIMUM && row.passing === row.decisions && row.approved > 0
    ).map(([rule, row]) => suggestLower(rule, row)),
    frequentlyBypassed: outcomes.filter(([, row]) => {
      const bypassed = row.expired + row.escalated + row.proceededOnTimeout + row.waived;
      return bypassed >= FREQUENT_MINIMUM && bypassed / row.decisions >= FREQUENT_SHARE;
    }).map(([rule, row]) => suggestBypass(rule, row)),
    firstTime: evaluatePrecedentGroup(inputs, "first_time", stampsByRecord),
    routine: evaluatePrecedentGroup(inputs, "routine", stampsByRecord),
    overTime: evaluateOverTime(inputs),
    byReviewer: evaluateReviewers(inputs, rubberStamps)
  };
}

// src/core/audit/evaluate-check-runs.ts
var DECISION_ID = /^[0-9a-f]{24}$/;
var UNDECIDED_TITLES = ["Not ready for approval", "Blocked:"];
function isGateCheckName(name) {
  return parseCheckName(name) !== null;
}
function announcesDecision(run) {
  if (run.status !== "completed" || run.externalId === null || !DECISION_ID.test(run.externalId))
    return false;
  if (run.conclusion === "success") return true;
  if (run.conclusion !== "failure" || run.title === void 0) return false;
  const title = run.title;
  return !UNDECIDED_TITLES.some((prefix) => title.startsWith(prefix));
}
function evaluateCheckRuns(records, ids, runs, commits) {
  const gateRuns = runs.filter((run) => isGateCheckName(run.name));
  const findings = [];
  for (const run of [...gateRuns].sort((a, b) => a.id - b.id)) {
    const id = run.externalId ?? "";
    if (!announcesDecision(run) || ids.has(id)) continue;
    findings.push({
      code: "check_run_without_record",
      path: null,
      id,
      checkRunId: run.id,
      message: `check run ${run.id} (${run.name}, ${run.conclusion} on ${run.headSha.slice(0, 12)}) announced decision ${id}, but the log has no record of it: the record was deleted, or the run was not written by Gatehouse`
    });
  }
  const audited = new Set((commits ?? gateRuns.map((run) => run.headSha)).map((sha) => sha.toLowerCase()));
  const announced = new Set(gateRuns.map((run) => run.externalId));
  for (const { record, path } of records) {
    if (!audited.has(record.subject.sha.toLowerCase()) || announced.has(record.id)) continue;
    findings.push({
      code: "record_without_check_run",
      path,
      id: record.id,
      checkRunId: null,
      message: `no ${record.gate.check} check run on ${record.subject.sha.slice(0, 12)} carries this record's id: the decision was never published on the commit, or the record was added to the log afterwards`
    });
  }
  return findings;
}

// src/core/audit/evaluate-executions.ts
function isPassing(record) {
  return PASSING_DECISIONS.includes(record.decision);
}
function sortNewestFirst(list) {
  const timed = list.map((read) => ({ read, at: Date.parse(read.record.times.decided_at) }));
  timed.sort((a, b) => b.at - a.at || (a.read.record.id < b.read.record.id ? 1 : -1));
  timed.forEach(({ read }, index) => {
    list[index] = read;
  });
}
function gateKeyOfDecision(record) {
  const repository = record.repository.toLowerCase();
  if (record.gate.kind === "pull_request" && record.subject.pull_request !== void 0)
    return { type: "merge", key: `${repository}#${record.subject.pull_request}` };
  if (record.gate.kind === "deployment" && record.gate.environment !== void 0)
    return {
      type: "deployment",
      key: `${repository}@${record.subject.sha.toLowerCase()}:${record.gate.environment}`
    };
  if (record.gate.kind === "request" && record.agent !== void 0)
    return { type: "request", key: `${repository}~${record.request.hash}` };
  return void 0;
}
function gateKeyOfExecution(record) {
  const repository = record.repository.toLowerCase();
  switch (record.execution.type) {
    case "merge":
      return `${repository}#${record.subject.pull_request}`;
    case "deployment": {
      const { subject } = record;
      return `${repository}@${subject.sha.toLowerCase()}:${subject.environment}`;
    }
    case "request":
      return `${repository}~${record.subject.request}`;
  }
}
function environmentKey(repository, environment) {
  return `${repository.toLowerCase()}:${environment}`;
}
var FINDING = {
  merge: "merged_unapproved",
  deployment: "deployed_unapproved",
  request: "ran_unapproved"
};
function describeRun(record) {
  const { execution } = record;
  switch (execution.type) {
    case "merge":
      return `pull request #${record.subject.pull_request} was merged with head ${record.subject.sha.slice(0, 12)} by ${execution.by.login} at ${execution.at}`;
    case "deployment":
      return `deployment ${execution.deployment} of ${record.subject.sha.slice(0, 12)} to ${record.subject.environment} (${execution.status}), created by ${execution.by.login}, ran at ${readExecutionStart(record)}`;
    case "request":
      return `the request of approval issue #${record.subject.issue} ran (${execution.status}, reported by ${execution.by.login}) at ${readExecutionStart(record)}`;
  }
}
function isApiDeployment(record) {
  return record.execution.type === "deployment" && record.execution.origin === "api";
}
function describeUnapproved(record, last) {
  const what = describeRun(record);
  if (isApiDeployment(record))
    return `${what}, but it was created through the API by ${record.execution.by.login}, not by a workflow run the environment's protection rule held: no decision covers it`;
  const ran = record.execution.type === "merge" ? "merged" : record.execution.type === "deployment" ? "deployed" : "run";
  if (last === void 0) return `${what}, and the log has no decision of its gate before that`;
  if (!isPassing(last.record))
    return `${what}, but the newest decision of its gate before that (${last.record.id}) is ${last.record.decision} for ${last.record.subject.sha.slice(0, 12)}: it was ${ran} against its gate`;
  return `${what}, but the newest decision of its gate before that (${last.record.id}, ${last.record.decision}) is for ${last.record.subject.sha.slice(0, 12)}: a commit nobody approved was ${ran}`;
}
function createRow(read, approval) {
  const { record } = read;
  const { execution } = record;
  return {
    type: execution.type,
    id: record.id,
    path: read.path,
    repository: record.repository,
    pull_request: execution.type === "merge" ? record.subject.pull_request : null,
    environment: execution.type === "deployment" ? record.subject.environment : null,
    issue: execution.type === "request" ? record.subject.issue : null,
    sha: record.subject.sha,
    status: execution.type === "merge" ? null : execution.status,
    merge_commit: execution.type === "merge" ? execution.commit : null,
    ran_by: execution.by.login,
    ran_at: readExecutionStart(record),
    approved_sha: approval?.record.subject.sha ?? null,
    decision_id: approval?.record.id ?? null
  };
}
function evaluateExecutions(records, executions) {
  const executed = new Set(executions.map(({ record }) => record.execution.type));
  const decided = /* @__PURE__ */ new Map();
  const byEnvironment = /* @__PURE__ */ new Map();
  for (const read of records) {
    if (executed.size === 0) break;
    const gate = gateKeyOfDecision(read.record);
    if (gate === void 0 || !executed.has(gate.type)) continue;
    const entry = decided.get(gate.key) ?? { type: gate.type, list: [] };
    entry.list.push(read);
    decided.set(gate.key, entry);
    if (gate.type === "deployment" && read.record.gate.environment !== void 0) {
      const key = environmentKey(read.record.repository, read.record.gate.environment);
      byEnvironment.set(key, [...byEnvironment.get(key) ?? [], read]);
    }
  }
  for (const { list } of decided.values()) sortNewestFirst(list);
  for (const list of byEnvironment.values()) sortNewestFirst(list);
  const findings = [];
  const ranWithoutApproval = [];
  const ran = /* @__PURE__ */ new Set();
  const byType = { merge: 0, deployment: 0, request: 0 };
  const sorted = [...executions].sort(
    (a, b) => Date.parse(readExecutionStart(a.record)) - Date.parse(readExecutionStart(b.record))
  );
  for (const read of sorted) {
    const { record } = read;
    byType[record.execution.type]++;
    const key = gateKeyOfExecution(record);
    ran.add(key);
    const startedAt = Date.parse(readExecutionStart(record));
    const before = (list) => list.filter((decision) => Date.parse(decision.record.times.decided_at) <= startedAt);
    const own = before(decided.get(key)?.list ?? []);
    const [last] = own;
    const head = record.subject.sha.toLowerCase();
    if (last !== void 0 && isPassing(last.record) && last.record.subject.sha.toLowerCase() === head && !isApiDeployment(record))
      continue;
    const others = record.execution.type === "deployment" ? before(
      byEnvironment.get(
        environmentKey(record.repository, record.subject.environment)
      ) ?? []
    ) : own;
    const approval = own.find((decision) => isPassing(decision.record)) ?? others.find((decision) => isPassing(decision.record));
    ranWithoutApproval.push(createRow(read, approval));
    const code2 = FINDING[record.execution.type];
    read.findings.push(code2);
    findings.push({
      code: code2,
      path: read.path,
      id: record.id,
      checkRunId: null,
      message: describeUnapproved(record, last)
    });
  }
  const approvedNeverRan = [...decided.entries()].filter(
    ([key, { type, list }]) => byType[type] > 0 && !ran.has(key) && list[0] !== void 0 && isPassing(list[0].record)
  ).map(([, { type, list }]) => ({ type, read: list[0] })).map(({ type, read: { record, path } }) => ({
    type,
    id: record.id,
    path,
    repository: record.repository,
    pull_request: type === "merge" ? record.subject.pull_request ?? null : null,
    environment: type === "deployment" ? record.gate.environment ?? null : null,
    sha: record.subject.sha,
    decision: record.decision,
    decided_at: record.times.decided_at
  })).sort((a, b) => Date.parse(a.decided_at) - Date.parse(b.decided_at) || (a.id < b.id ? -1 : 1));
  return {
    findings,
    executions: { records: executions.length, byType, ranWithoutApproval, approvedNeverRan }
  };
}

// src/core/audit/evaluate-integrity.ts
function finding(code2, path, id, message) {
  return { code: code2, path, id, checkRunId: null, message };
}
function checkRecord(record, path) {
  const found = [];
  const expectedId = createDecisionId({
    repository: record.repository,
    gate: record.gate.check,
    sha: record.subject.sha,
    requestHash: record.request.hash,
    decision: record.decision
  });
  if (expectedId !== record.id) {
    found.push(
      finding(
        "id_mismatch",
        path,
        record.id,
        `the id does not match what the record says (repository, gate, commit, request, decision: ${record.decision}); it was changed after Gatehouse wrote it, or written by something else (expected id ${expectedId})`
      )
    );
  }
  const expectedCheck = createCheckName(record.gate.environment, record.gate.into);
  if (record.gate.check !== expectedCheck) {
    found.push(
      finding(
        "inconsistent",
        path,
        record.id,
        `gate.check is "${record.gate.check}" but its environment and base make it "${expectedCheck}": one of them was changed`
      )
    );
  }
  const expectedPath = createDecisionRecordPath(record, "");
  if (path !== expectedPath && !path.endsWith(`/${expectedPath}`)) {
    found.push(
      finding(
        "path_mismatch",
        path,
        record.id,
        `a record with id ${record.id} decided at ${record.times.decided_at} is filed as \u2026/${expectedPath}, not here: it was moved, renamed or its time changed`
      )
    );
  }
  return found;
}
function checkExecution(record, path) {
  const found = [];
  const expectedId = createExecutionId(createExecutionKey(record));
  const derivedFrom = {
    merge: "repository, pull request, merge commit",
    deployment: "repository, deployment",
    request: "repository, approval issue, report comment"
  }[record.execution.type];
  if (expectedId !== record.id)
    found.push(
      finding(
        "id_mismatch",
        path,
        record.id,
        `the id does not match what the execution record says (${derivedFrom}): it was changed after Gatehouse wrote it (expected id ${expectedId})`
      )
    );
  const approved = isApprovedMerge(record.decision, record.subject.sha);
  if (record.approved !== approved)
    found.push(
      finding(
        "inconsistent",
        path,
        record.id,
        `approved is ${record.approved}, but the decision it names is for ${record.decision?.sha.slice(0, 12) ?? "no commit"} and the commit that ran is ${record.subject.sha.slice(0, 12)}: one of them was changed`
      )
    );
  const expectedPath = createExecutionRecordPath(record, "");
  if (path !== expectedPath && !path.endsWith(`/${expectedPath}`))
    found.push(
      finding(
        "path_mismatch",
        path,
        record.id,
        `an execution record with id ${record.id} run at ${record.execution.at} is filed as \u2026/${expectedPath}, not here: it was moved, renamed or its time changed`
      )
    );
  return found;
}
function evaluateRecordIntegrity(entries) {
  const sorted = [...entries].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const findings = [];
  const byId = /* @__PURE__ */ new Map();
  const executions = /* @__PURE__ */ new Map();
  let malformed = 0;
  for (const entry of sorted) {
    if (isExecutionRecordPath(entry.path)) {
      const parsed2 = parseExecutionRecord(entry.text);
      if ("error" in parsed2) {
        malformed++;
        findings.push(
          finding("malformed", entry.path, null, `not a readable execution record: ${parsed2.error}`)
        );
        continue;
      }
      const own2 = checkExecution(parsed2.record, entry.path);
      findings.push(...own2);
      const kept = executions.get(parsed2.record.id);
      if (kept !== void 0) {
        findings.push(
          finding(
            "duplicate_id",
            entry.path,
            parsed2.record.id,
            `another file has the same id: ${kept.path}; only that one counts (each merge is written once)`
          )
        );
        continue;
      }
      const read2 = {
        record: parsed2.record,
        path: entry.path,
        findings: own2.map((item) => item.code)
      };
      if (entry.commit !== void 0) read2.commit = entry.commit;
      executions.set(parsed2.record.id, read2);
      continue;
    }
    const parsed = parseDecisionRecord(entry.text);
    if ("error" in parsed) {
      malformed++;
      findings.push(
        finding("malformed", entry.path, null, `not a readable decision record: ${parsed.error}`)
      );
      continue;
    }
    const own = checkRecord(parsed.record, entry.path);
    findings.push(...own);
    const read = {
      record: parsed.record,
      path: entry.path,
      findings: own.map((item) => item.code)
    };
    if (entry.commit !== void 0) read.commit = entry.commit;
    const copies = byId.get(parsed.record.id);
    if (copies) copies.push(read);
    else byId.set(parsed.record.id, [read]);
  }
  const records = [];
  for (const [id, copies] of byId) {
    const kept = copies.find((copy) => copy.findings.length === 0) ?? copies[0];
    records.push(kept);
    for (const copy of copies) {
      if (copy === kept) continue;
      copy.findings.push("duplicate_id");
      findings.push(
        finding(
          "duplicate_id",
          copy.path,
          id,
          `another file has the same id: ${kept.path}; only that one counts (each decision is written once)`
        )
      );
    }
  }
  records.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { records, executions: [...executions.values()], ids: new Set(byId.keys()), findings, malformed };
}

// src/core/audit/evaluate-precedents.ts
function subjectsOf(record) {
  const target = record.subject.target_branch;
  const key = (type, name) => JSON.stringify([record.repository.toLowerCase(), target ?? null, type, name]);
  const subjects = record.rules.map((rule) => key("rule", rule));
  if (record.request.kind !== void 0) subjects.push(key("kind", record.request.kind));
  return subjects;
}
function approvedBefore(approvals, pullRequest) {
  if (approvals === void 0) return false;
  if (approvals.outsidePullRequests || pullRequest === void 0) return true;
  return approvals.pullRequests.size > 1 || !approvals.pullRequests.has(pullRequest);
}
function evaluatePrecedents(records) {
  const timed = records.map((record) => ({ record, at: Date.parse(record.times.decided_at) }));
  timed.sort((a, b) => a.at - b.at || (a.record.id < b.record.id ? -1 : 1));
  const approvals = /* @__PURE__ */ new Map();
  const precedents = /* @__PURE__ */ new Map();
  let index = 0;
  while (index < timed.length) {
    const at = timed[index]?.at;
    let end = index;
    while (end < timed.length && timed[end]?.at === at) end++;
    const batch = timed.slice(index, end).map(({ record }) => ({ record, subjects: subjectsOf(record) }));
    for (const { record, subjects } of batch) {
      const pullRequest = record.subject.pull_request;
      precedents.set(
        record,
        subjects.length === 0 ? null : subjects.every((subject) => approvedBefore(approvals.get(subject), pullRequest)) ? "routine" : "first_time"
      );
    }
    for (const { record, subjects } of batch) {
      if (!PASSING_DECISIONS.includes(record.decision) || record.subject.target_branch === void 0)
        continue;
      for (const subject of subjects) {
        let entry = approvals.get(subject);
        if (entry === void 0) {
          entry = { outsidePullRequests: false, pullRequests: /* @__PURE__ */ new Set() };
          approvals.set(subject, entry);
        }
        if (record.subject.pull_request === void 0) entry.outsidePullRequests = true;
        else entry.pullRequests.add(record.subject.pull_request);
      }
    }
    index = end;
  }
  return precedents;
}

// src/core/audit/evaluate-provenance.ts
function finding2(code2, path, id, checkRunId, message) {
  return { code: code2, path, id, checkRunId, message };
}
function evaluateProvenance(entries, records, evidence, folder) {
  const findings = [];
  const texts = new Map(entries.map((entry) => [entry.path, entry.text]));
  const anchorsByPath = /* @__PURE__ */ new Map();
  for (const anchor of evidence.anchors) {
    const list = anchorsByPath.get(anchor.path) ?? [];
    list.push(anchor);
    anchorsByPath.set(anchor.path, list);
  }
  for (const { record, path } of records) {
    const anchors = anchorsByPath.get(path) ?? [];
    if (anchors.length === 0) {
      findings.push(
        finding2(
          "unanchored",
          path,
          record.id,
          null,
          `no check run of ${evidence.app} on ${record.subject.sha.slice(0, 12)} anchors this file: Gatehouse did not write it here (added by hand, copied, or moved)`
        )
      );
      continue;
    }
    const anchored = new Set(anchors.map((anchor) => anchor.sha256));
    const digest = createRecordDigest(texts.get(path) ?? "");
    if (anchored.has(digest)) continue;
    const [first] = anchors;
    findings.push(
      finding2(
        "digest_mismatch",
        path,
        record.id,
        first?.checkRunId ?? null,
        `the file's SHA-256 is ${digest.slice(0, 16)}\u2026, but check run ${first?.checkRunId} anchored ${first?.sha256.slice(0, 16)}\u2026 (log commit ${first?.commit.slice(0, 12)}): the record was changed after Gatehouse wrote it`
      )
    );
  }
  const seen = /* @__PURE__ */ new Set();
  for (const anchor of [...evidence.anchors].sort((a, b) => a.checkRunId - b.checkRunId)) {
    if (texts.has(anchor.path) || seen.has(anchor.path)) continue;
    seen.add(anchor.path);
    findings.push(
      finding2(
        "anchor_without_record",
        anchor.path,
        anchor.externalId,
        anchor.checkRunId,
        `check run ${anchor.checkRunId} on ${anchor.headSha.slice(0, 12)} anchored this record (log commit ${anchor.commit.slice(0, 12)}), but the log has no such file: it was deleted or moved`
      )
    );
  }
  for (const commit of evidence.foreignCommits) findings.push(...evaluateForeignCommit(commit, folder));
  return findings;
}
function isWithin(file, folder) {
  const within = folder === "" ? "" : `${folder}/`;
  return file.path.startsWith(within) || file.previousPath?.startsWith(within) === true;
}
function describeChange(status) {
  return status === "removed" ? "deleted" : status === "renamed" ? "moved" : "changed";
}
function changedPath(file) {
  return file.status === "renamed" && file.previousPath !== void 0 ? file.previousPath : file.path;
}
function evaluateForeignCommit(commit, folder) {
  const short = commit.sha.slice(0, 12);
  return commit.files.filter((file) => isWithin(file, folder)).map(
    (file) => file.status === "added" || file.status === "copied" ? finding2(
      "unverified_commit",
      file.path,
      null,
      null,
      `added by log commit ${short}, which is not Gatehouse's: ${commit.problem}`
    ) : finding2(
      "rewritten",
      changedPath(file),
      null,
      null,
      `${describeChange(file.status)} by log commit ${short}, which is not Gatehouse's (${commit.problem}): a record is never changed after it is written`
    )
  );
}
function evaluateLogHistory(history, folder) {
  const findings = [];
  for (const commit of history.commits) {
    if (commit.problem !== void 0) {
      findings.push(...evaluateForeignCommit({ ...commit, problem: commit.problem }, folder));
      continue;
    }
    const short = commit.sha.slice(0, 12);
    const touched = commit.files.filter((file) => isWithin(file, folder));
    const added = touched.filter((file) => file.status === "added" || file.status === "copied");
    for (const file of touched) {
      if (added.includes(file)) continue;
      findings.push(
        finding2(
          "rewritten",
          changedPath(file),
          null,
          null,
          `${describeChange(file.status)} by log commit ${short}: a record is never changed after it is written`
        )
      );
    }
    if (added.length > 1)
      for (const file of added.slice(1))
        findings.push(
          finding2(
            "rewritten",
            file.path,
            null,
            null,
            `added by log commit ${short} together with ${added.length - 1} other file(s): Gatehouse adds one record per commit`
          )
        );
  }
  return findings;
}

// src/core/audit/match-audit-filters.ts
function createNameTest(pattern) {
  const wanted = pattern.toLowerCase();
  if (!/[*?]/.test(wanted)) return (name) => name.toLowerCase() === wanted;
  const source = wanted.split("").map((char) => char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).join("");
  const regex = new RegExp(`^${source}$`, "s");
  return (name) => regex.test(name.toLowerCase());
}
function parseTime(name, value) {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`audit filter ${name}: not an ISO time: ${value}`);
  return ms;
}
function createAuditFilter(filters) {
  const since = filters.since === void 0 ? void 0 : parseTime("since", filters.since);
  const until = filters.until === void 0 ? void 0 : parseTime("until", filters.until);
  const gate = filters.gate === void 0 ? void 0 : createNameTest(filters.gate);
  const environment = filters.environment === void 0 ? void 0 : createNameTest(filters.environment);
  const rule = filters.rule === void 0 ? void 0 : createNameTest(filters.rule);
  const approver = filters.approver?.replace(/^@/, "").toLowerCase();
  const { decision } = filters;
  return (record) => {
    if (since !== void 0 || until !== void 0) {
      const decidedAt = Date.parse(record.times.decided_at);
      if (since !== void 0 && decidedAt < since) return false;
      if (until !== void 0 && decidedAt > until) return false;
    }
    if (decision !== void 0 && record.decision !== decision) return false;
    if (gate && !gate(record.gate.check) && !gate(record.gate.kind)) return false;
    if (environment && (record.gate.environment === void 0 || !environment(record.gate.environment)))
      return false;
    if (rule && !record.rules.some(rule)) return false;
    if (approver !== void 0 && !record.approvers.some((entry) => entry.login.toLowerCase() === approver))
      return false;
    return true;
  };
}

// src/core/audit/create-audit-report.ts
function describeProvenance(options) {
  if (options.provenance !== void 0)
    return {
      checked: true,
      why: `each record against the anchor in ${options.provenance.app}'s check run, each log commit against GitHub's verification of ${options.provenance.app}'s bot`
    };
  const apiOnly = "anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG";
  if (options.history !== void 0)
    return {
      checked: false,
      why: `offline: ${options.history.commits.length} log commits checked for rewritten records${options.history.signatures ? " and for a signature by the trusted key" : ""}; ${apiOnly}`
    };
  return { checked: false, why: `not checked (no --app SLUG): ${apiOnly}` };
}
var FILTER_KEYS = ["since", "until", "gate", "environment", "decision", "approver", "rule"];
function normalizeFilters(filters) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== void 0) out[key] = value;
  }
  return out;
}
function createRow2(read, precedent) {
  const { record } = read;
  const latency = measureLatency(record);
  return {
    id: record.id,
    path: read.path,
    commit: read.commit ?? null,
    decided_at: record.times.decided_at,
    requested_at: record.times.requested_at,
    decision: record.decision,
    gate: record.gate.check,
    gate_kind: record.gate.kind,
    environment: record.gate.environment ?? null,
    repository: record.repository,
    sha: record.subject.sha,
    pull_request: record.subject.pull_request ?? null,
    action: record.request.action,
    kind: record.request.kind ?? null,
    missing: record.request.missing ? [...record.request.missing] : null,
    tier: record.tier,
    level: record.level,
    rules: record.rules,
    schema: record.schema,
    approvers: record.approvers.map(({ login, id, at, via, note }) => ({
      login,
      id,
      at,
      via,
      note: note ?? null
    })),
    rejected_by: record.rejected_by ? { login: record.rejected_by.login, id: record.rejected_by.id } : null,
    modified_by: record.modified_by ? { login: record.modified_by.login, id: record.modified_by.id } : null,
    latency_seconds: latency ?? null,
    changed_files: record.subject.changed_files ?? null,
    reason: record.reason ?? null,
    option: record.option ?? null,
    links: {
      check_run: record.links.check_run ?? null,
      comment: record.links.comment ?? null,
      pull_request: record.links.pull_request ?? null,
      workflow_run: record.links.workflow_run ?? null
    },
    on_behalf_of: record.on_behalf_of ? { login: record.on_behalf_of.login, id: record.on_behalf_of.id } : null,
    agent: record.agent ?? null,
    precedent,
    findings: [...read.findings]
  };
}
function sortByTime(records) {
  return records.map((read) => ({ read, at: Date.parse(read.record.times.decided_at) })).sort(
    (a, b) => a.at - b.at || (a.read.record.id < b.read.record.id ? -1 : a.read.record.id > b.read.record.id ? 1 : 0)
  ).map(({ read }) => read);
}
function sortFindings(findings) {
  const order = (finding3) => AUDIT_FINDING_CODES.indexOf(finding3.code);
  return findings.sort((a, b) => {
    if (a.path !== b.path) {
      if (a.path === null) return 1;
      if (b.path === null) return -1;
      return a.path < b.path ? -1 : 1;
    }
    return order(a) - order(b) || (a.checkRunId ?? 0) - (b.checkRunId ?? 0);
  });
}
function createAuditReport(entries, options) {
  const filters = normalizeFilters(options.filters);
  const matches = createAuditFilter(filters);
  const integrity = evaluateRecordIntegrity(entries);
  const findings = [...integrity.findings];
  if (options.checkRuns !== void 0) {
    const crossCheck = evaluateCheckRuns(
      integrity.records,
      integrity.ids,
      options.checkRuns,
      options.checkedCommits
    );
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding3 of crossCheck)
      if (finding3.path !== null) byPath.get(finding3.path)?.findings.push(finding3.code);
    findings.push(...crossCheck);
  }
  if (options.provenance !== void 0) {
    const found = evaluateProvenance(entries, integrity.records, options.provenance, options.logPath ?? "");
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding3 of found)
      if (finding3.path !== null) byPath.get(finding3.path)?.findings.push(finding3.code);
    findings.push(...found);
  }
  if (options.history !== void 0) {
    const found = evaluateLogHistory(options.history, options.logPath ?? "");
    const byPath = new Map(integrity.records.map((read) => [read.path, read]));
    for (const finding3 of found)
      if (finding3.path !== null) byPath.get(finding3.path)?.findings.push(finding3.code);
    findings.push(...found);
  }
  const executions = evaluateExecutions(integrity.records, integrity.executions);
  findings.push(...executions.findings);
  const precedents = evaluatePrecedents(integrity.records.map((read) => read.record));
  const shown = sortByTime(integrity.records.filter((read) => matches(read.record)));
  const byDecision = Object.fromEntries(DECISIONS.map((decision) => [decision, 0]));
  for (const read of shown) byDecision[read.record.decision]++;
  const precedentOf = (record) => precedents.get(record) ?? null;
  const inputs = shown.map((read) => ({
    record: read.record,
    path: read.path,
    precedent: precedentOf(read.record)
  }));
  const gateRuns = options.checkRuns?.filter((run) => isGateCheckName(run.name));
  const commits = new Set(
    (options.checkedCommits ?? gateRuns?.map((run) => run.headSha) ?? []).map((sha) => sha.toLowerCase())
  );
  return {
    version: 1,
    source: options.source,
    generatedAt: options.now,
    filters,
    integrity: {
      scope: "all_records",
      files: entries.length,
      crossCheck: gateRuns ? { checkRuns: gateRuns.length, commits: commits.size } : null,
      provenance: describeProvenance(options)
    },
    totals: {
      records: integrity.records.length,
      shown: shown.length,
      malformed: integrity.malformed,
      findings: findings.length,
      byDecision
    },
    records: shown.map((read) => createRow2(read, precedentOf(read.record))),
    findings: sortFindings(findings),
    executions: executions.executions,
    calibration: evaluateCalibration(inputs, options.rubberStamp ?? DEFAULT_RUBBER_STAMP)
  };
}

// src/core/audit/render-audit-csv.ts
var COLUMNS = [
  ["id", (row) => row.id],
  ["decided_at", (row) => row.decided_at],
  ["requested_at", (row) => row.requested_at],
  ["decision", (row) => row.decision],
  ["gate", (row) => row.gate],
  ["gate_kind", (row) => row.gate_kind],
  ["environment", (row) => row.environment],
  ["repository", (row) => row.repository],
  ["sha", (row) => row.sha],
  ["pull_request", (row) => row.pull_request],
  ["action", (row) => row.action],
  ["kind", (row) => row.kind],
  ["missing", (row) => row.missing?.join("; ") ?? null],
  ["tier", (row) => row.tier],
  ["level", (row) => row.level],
  ["rules", (row) => row.rules.join("; ")],
  [
    "approvers",
    (row) => row.approvers.map((entry) => `${entry.login} (${entry.id}) at ${entry.at} via ${entry.via}`).join("; ")
  ],
  ["rejected_by", (row) => row.rejected_by ? `${row.rejected_by.login} (${row.rejected_by.id})` : null],
  ["modified_by", (row) => row.modified_by ? `${row.modified_by.login} (${row.modified_by.id})` : null],
  ["latency_seconds", (row) => row.latency_seconds],
  ["changed_files", (row) => row.changed_files],
  ["precedent", (row) => row.precedent],
  ["option", (row) => row.option],
  ["reason", (row) => row.reason],
  ["findings", (row) => row.findings.join(" ")],
  ["path", (row) => row.path],
  ["commit", (row) => row.commit]
];
function renderCell(value) {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function renderAuditCsv(report) {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const row of report.records) lines.push(COLUMNS.map(([, read]) => renderCell(read(row))).join(","));
  return `${lines.join("\r\n")}\r
`;
}

// src/core/audit/create-audit-tables.ts
function limit(rows, max, keep = "first") {
  if (max === void 0 || rows.length <= max) return { rows: [...rows], omitted: 0 };
  return { rows: keep === "first" ? rows.slice(0, max) : rows.slice(-max), omitted: rows.length - max };
}
function latencyCells(summary) {
  return [String(summary.count), formatSeconds(summary.medianSeconds), formatSeconds(summary.p90Seconds)];
}
function names(values) {
  if (values.length === 0) return "\u2013";
  return values.flatMap((value, index) => index === 0 ? [{ name: value }] : [", ", { name: value }]);
}
function decidedBy(row) {
  const parts = [
    ...row.approvers.map((entry) => ({ name: entry.login })),
    ...row.rejected_by ? [[{ name: row.rejected_by.login }, " (rejected)"]] : [],
    ...row.modified_by ? [[{ name: row.modified_by.login }, " (changes)"]] : []
  ];
  if (parts.length === 0) return "\u2013";
  return parts.flatMap((part, index) => index === 0 ? [part] : [", ", part]);
}
function createFindingsTable(report) {
  return {
    id: "findings",
    title: "Integrity",
    intro: "Checked over every record read, whatever the filters.",
    empty: "Every record matches its id, is filed where it belongs, and appears once. Filters never hide a finding.",
    headers: ["finding", "file", "message"],
    rows: report.findings.map((finding3) => [
      finding3.code,
      finding3.path === null ? `check run ${finding3.checkRunId ?? "?"}` : { name: finding3.path },
      { prose: finding3.message, maxChars: 500 }
    ]),
    omitted: 0
  };
}
function countFindingsByCode(report) {
  const counts = /* @__PURE__ */ new Map();
  for (const finding3 of report.findings) counts.set(finding3.code, (counts.get(finding3.code) ?? 0) + 1);
  const meanings = FINDING_MEANINGS;
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([code2, n]) => ({ code: code2, count: n, meaning: meanings[code2] ?? "" }));
}
function listFindingMeanings(report) {
  return [...new Set(report.findings.map((finding3) => finding3.code))].map((code2) => [
    code2,
    FINDING_MEANINGS[code2]
  ]);
}
function listEmptyWeeks(report) {
  const runs = [];
  let weeks = 0;
  let first;
  let last;
  const close = () => {
    if (first !== void 0) runs.push(first === last ? first : `${first} to ${last}`);
    first = void 0;
  };
  for (const week of report.calibration.overTime) {
    if (week.total !== 0) {
      close();
      continue;
    }
    weeks++;
    first ??= week.week;
    last = week.week;
  }
  close();
  return { runs, weeks };
}
var MAX_NAMED_GAPS = 5;
function describeEmptyWeeks(report) {
  const { runs, weeks } = listEmptyWeeks(report);
  if (weeks === 0) return "";
  const named = runs.slice(0, MAX_NAMED_GAPS).join(", ");
  const more = runs.length > MAX_NAMED_GAPS ? ` and ${runs.length - MAX_NAMED_GAPS} more stretches` : "";
  return ` ${count(weeks, "week")} without a decision ${weeks === 1 ? "is" : "are"} left out: ${named}${more}.`;
}
function createCalibrationTables(report, limits = {}) {
  const { calibration } = report;
  const { rubberStamp } = calibration.thresholds;
  const stamps = limit(calibration.rubberStamps, limits.rows);
  const reviewers = limit(calibration.byReviewer, limits.rows);
  const seen = Object.keys(report.totals.byDecision).filter(
    (decision) => calibration.overTime.some((week) => week.byDecision[decision] !== 0)
  );
  return [
    {
      id: "latency-by-rule",
      title: "Approval latency by rule",
      intro: "From the request to the decision, for decisions a person made (approved, delayed, rejected, changes requested). Rubber stamps are counted over the approvals of approve-tier gates.",
      empty: "No decisions.",
      headers: ["rule", "decisions", "timed", "median", "p90", "approvals", "rubber stamps"],
      rows: calibration.latency.byRule.map((row) => [
        row.rule === null ? "(no rule)" : { name: row.rule },
        String(row.decisions),
        ...latencyCells(row),
        String(row.approvals),
        String(row.rubberStamps)
      ]),
      omitted: 0
    },
    {
      id: "latency-by-environment",
      title: "Approval latency by environment",
      empty: "No decisions.",
      headers: ["environment", "decisions", "timed", "median", "p90"],
      rows: calibration.latency.byEnvironment.map((row) => [
        row.environment === null ? "(none: pull request or request gates)" : { name: row.environment },
        String(row.decisions),
        ...latencyCells(row)
      ]),
      omitted: 0
    },
    {
      id: "rubber-stamps",
      title: "Rubber stamps",
      intro: `Approvals given sooner after the request than max(${formatSeconds(rubberStamp.minimumSeconds)}, ${formatSeconds(rubberStamp.secondsPerFile)} per changed file): faster than a person could have read it.`,
      empty: "None.",
      headers: ["approver", "approved at", "after", "threshold", "changed files", "rules", "record"],
      rows: stamps.rows.map((stamp) => [
        { name: stamp.login },
        stamp.at,
        formatSeconds(stamp.seconds),
        formatSeconds(stamp.thresholdSeconds),
        stamp.changedFiles === null ? "unknown" : String(stamp.changedFiles),
        names(stamp.rules),
        { name: stamp.id }
      ]),
      omitted: stamps.omitted
    },
    {
      id: "always-approved",
      title: "Always approved",
      intro: `Rules with at least ${calibration.thresholds.alwaysApprovedMinimum} decisions that all passed as asked (none rejected, sent back, expired or escalated).`,
      empty: "None.",
      headers: ["rule", "decisions", "approved", "auto-approved", "level", "suggestion"],
      rows: calibration.alwaysApproved.map((row) => [
        { name: row.rule },
        String(row.decisions),
        String(row.approved),
        String(row.autoApproved),
        row.level,
        row.suggestion
      ]),
      omitted: 0
    },
    {
      id: "often-bypassed",
      title: "Often expired, escalated or bypassed",
      intro: `Rules where at least ${Math.round(calibration.thresholds.frequentShare * 100)}% of the decisions (and at least ${calibration.thresholds.frequentMinimum}) expired, escalated, proceeded on timeout or were waived.`,
      empty: "None.",
      headers: [
        "rule",
        "decisions",
        "expired",
        "escalated",
        "proceeded on timeout",
        "waived",
        "share",
        "suggestion"
      ],
      rows: calibration.frequentlyBypassed.map((row) => [
        { name: row.rule },
        String(row.decisions),
        String(row.expired),
        String(row.escalated),
        String(row.proceededOnTimeout),
        String(row.waived),
        `${Math.round(row.share * 100)}%`,
        row.suggestion
      ]),
      omitted: 0
    },
    {
      id: "precedent",
      title: "First-time and routine decisions",
      intro: "First-time: a rule or the kind of the decision had not passed before in this repository (by the whole log, as precedent is computed).",
      empty: "No decisions.",
      headers: ["precedent", "decisions", "timed", "median", "p90", "rejected or sent back", "rubber stamps"],
      rows: [
        ["first time", calibration.firstTime],
        ["routine", calibration.routine]
      ].map(([name, group]) => [
        name,
        String(group.decisions),
        ...latencyCells(group),
        String(group.rejected),
        String(group.rubberStamps)
      ]),
      omitted: 0
    },
    {
      id: "by-reviewer",
      title: "By reviewer",
      intro: "Latency here is from the request to that person\u2019s own approval, rejection or request for changes.",
      empty: "Nobody approved, rejected or asked for changes.",
      headers: [
        "reviewer",
        "id",
        "approvals",
        "rejections",
        "changes requested",
        "median",
        "p90",
        "rubber stamps"
      ],
      rows: reviewers.rows.map((row) => [
        { name: row.login },
        String(row.id),
        String(row.approvals),
        String(row.rejections),
        String(row.changesRequested),
        formatSeconds(row.medianSeconds),
        formatSeconds(row.p90Seconds),
        String(row.rubberStamps)
      ]),
      omitted: reviewers.omitted
    },
    {
      id: "over-time",
      title: "Decisions over time",
      intro: `Per ISO week (Monday to Sunday, UTC).${describeEmptyWeeks(report)}`,
      empty: "No decisions.",
      headers: ["week", "from", "total", ...seen.map((decision) => decision.replace("_", " "))],
      rows: calibration.overTime.flatMap(
        (week) => week.total === 0 ? [] : [
          [
            week.week,
            week.start,
            String(week.total),
            ...seen.map((decision) => String(week.byDecision[decision]))
          ]
        ]
      ),
      omitted: 0
    }
  ];
}
function createRecordsTable(report, limits = {}) {
  const shown = limit(report.records, limits.records, "last");
  return {
    id: "decisions",
    title: "Decisions",
    ...shown.omitted > 0 ? {
      intro: `The newest ${count(shown.rows.length, "decision")} of ${report.records.length.toLocaleString("en-US")}.`
    } : {},
    empty: "No decisions match.",
    headers: [
      "decided at",
      "decision",
      "gate",
      "commit",
      "PR",
      "rules",
      "decided by",
      "latency",
      "action",
      "reason",
      "id"
    ],
    rows: shown.rows.map((row) => [
      row.decided_at,
      row.findings.length === 0 ? row.decision : `${row.decision} \u26A0 ${row.findings.join(", ")}`,
      { name: row.gate },
      { name: row.sha.slice(0, 12) },
      row.pull_request === null ? "\u2013" : `#${row.pull_request}`,
      names(row.rules),
      decidedBy(row),
      formatSeconds(row.latency_seconds),
      row.action === "" ? "\u2013" : { prose: row.action, maxChars: 120 },
      row.reason === null || row.reason === "" ? "\u2013" : { prose: row.reason, maxChars: 160 },
      { name: row.id }
    ]),
    omitted: shown.omitted
  };
}
function describeExecution(row) {
  if (row.type === "merge") return `#${row.pull_request ?? "?"} merged`;
  if (row.type === "deployment") return `${row.environment ?? "?"} (${row.status ?? "?"})`;
  return `request of #${row.issue ?? "?"} (${row.status ?? "?"})`;
}
function describeUnexecuted(row) {
  if (row.type === "merge") return `merge of #${row.pull_request ?? "?"}`;
  if (row.type === "deployment") return `deploy to ${row.environment ?? "?"}`;
  return "agent request";
}
function createExecutionTables(report, limits = {}) {
  const { executions } = report;
  const unapproved = limit(executions.ranWithoutApproval, limits.rows);
  const unexecuted = limit(executions.approvedNeverRan, limits.rows);
  if (executions.records === 0)
    return [
      {
        id: "ran-without-approval",
        title: "What ran, and what was approved and never ran",
        empty: "Nothing is recorded as run in this log: the App records merges of gated pull requests, completed deployments of gated environments and agents' reports of approved requests from this version on (the Action and the CLI do not), so neither question is answered here.",
        headers: [],
        rows: [],
        omitted: 0
      }
    ];
  const { byType } = executions;
  const counted = [
    count(byType.merge, "merge"),
    count(byType.deployment, "deployment"),
    count(byType.request, "agent request")
  ].join(", ");
  const missing = ["merge", "deployment", "request"].filter((type) => byType[type] === 0);
  const kinds = { merge: "merges", deployment: "deployments", request: "agent requests" };
  return [
    {
      id: "ran-without-approval",
      title: "What ran without an approval",
      intro: `What ran (${counted} recorded) with a commit the newest decision of its gate before it ran did not pass, over every record.`,
      empty: `Everything recorded as run (${counted}) was the commit its gate passed.`,
      headers: ["what ran", "commit", "by", "at", "approved commit"],
      rows: unapproved.rows.map((row) => [
        { name: describeExecution(row) },
        { name: row.sha.slice(0, 12) },
        { name: row.ran_by },
        row.ran_at,
        row.approved_sha === null ? "none" : { name: row.approved_sha.slice(0, 12) }
      ]),
      omitted: unapproved.omitted
    },
    {
      id: "approved-never-ran",
      title: "What was approved and never ran",
      intro: `Gates that passed with nothing recorded as run: a pull request still open or closed unmerged, a deployment that never started, a request the agent did not report, or one that ran before Gatehouse recorded it.${missing.length === 0 ? "" : ` Not answered for ${missing.map((type) => kinds[type]).join(" or ")}: this log records none.`}`,
      empty: "Every gate that passed has what it approved recorded as run.",
      headers: ["what", "commit", "decision", "decided at"],
      rows: unexecuted.rows.map((row) => [
        { name: describeUnexecuted(row) },
        { name: row.sha.slice(0, 12) },
        row.decision,
        row.decided_at
      ]),
      omitted: unexecuted.omitted
    }
  ];
}

// src/core/audit/escape-html.ts
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
var CONTROLS = new RegExp("(?![\\t\\n\\r])\\p{Cc}", "gu");
function escapeHtml(text) {
  return text.replace(CONTROLS, "").replace(BIDI_CONTROLS, "").replace(/[&<>"']/g, (char) => ENTITIES[char] ?? "");
}

// src/core/audit/render-audit-charts.ts
var DECISION_COLORS = {
  approved: "#2e7d32",
  delayed: "#81c784",
  auto_approved: "#64b5f6",
  notified: "#b0bec5",
  changes_requested: "#ef6c00",
  rejected: "#c62828",
  expired: "#6d4c41",
  escalated: "#8e24aa",
  pending: "#fbc02d"
};
var LATENCY_BUCKETS = [
  ["< 1m", 60],
  ["1\u20135m", 300],
  ["5\u201315m", 900],
  ["15m\u20131h", 3600],
  ["1\u20134h", 14400],
  ["4\u201324h", 86400],
  ["1\u20137d", 604800],
  ["\u2265 7d", Number.POSITIVE_INFINITY]
];
var MAX_BARS = 20;
function decisionSeries(values) {
  return DECISIONS.map((decision) => ({
    name: decision.replace("_", " "),
    color: DECISION_COLORS[decision],
    values: values(decision)
  })).filter((series) => series.values.some((value) => value > 0));
}
function createLatencyChart(report) {
  const latencies = report.records.flatMap(
    (row) => row.latency_seconds === null ? [] : [row.latency_seconds]
  );
  const counts = LATENCY_BUCKETS.map(() => 0);
  for (const latency of latencies) {
    const index = LATENCY_BUCKETS.findIndex(([, upTo]) => latency < upTo);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const summary = summarizeLatency(latencies);
  return {
    id: "chart-latency",
    title: "Approval latency",
    caption: latencies.length === 0 ? "No decision made by a person matches the filters." : `How long people took from the request to their decision, over ${count(latencies.length, "decision")}: median ${formatSeconds(summary.medianSeconds)}, 90th percentile ${formatSeconds(summary.p90Seconds)}.`,
    description: latencies.length === 0 ? "No decision made by a person matches the filters." : `How long people took from the request to their decision, over ${count(latencies.length, "decision")}: median ${formatSeconds(summary.medianSeconds)}, 90th percentile ${formatSeconds(summary.p90Seconds)}. ${LATENCY_BUCKETS.map(([label], index) => `${label}: ${counts[index]}`).join("; ")}.`,
    categoryHeader: "latency",
    categories: LATENCY_BUCKETS.map(([label]) => label),
    series: [{ name: "decisions", color: "#1565c0", values: counts }],
    orientation: "vertical",
    categoryAxis: "time from request to decision (m minutes, h hours, d days)",
    valueAxis: "decisions"
  };
}
function createOverTimeChart(report) {
  const weeks = report.calibration.overTime;
  const empty = weeks.filter((week) => week.total === 0).length;
  const busiest = weeks.reduce(
    (best, week) => best === void 0 || week.total > best.total ? week : best,
    void 0
  );
  const description = busiest === void 0 ? "No decisions match the filters." : `Decisions per ISO week, by decision, over ${count(weeks.length, "week")} from ${weeks[0]?.week} to ${weeks.at(-1)?.week}${empty > 0 ? ` (${count(empty, "week")} without any, shaded)` : ""}; the busiest week was ${busiest.week} with ${count(busiest.total, "decision")}.`;
  return {
    id: "chart-over-time",
    title: "Decisions over time",
    caption: description,
    description,
    categoryHeader: "week",
    categories: weeks.map((week) => week.week),
    series: decisionSeries((decision) => weeks.map((week) => week.byDecision[decision])),
    orientation: "vertical",
    categoryAxis: "ISO week (Monday to Sunday, UTC)",
    valueAxis: "decisions per week",
    timeline: true
  };
}
function createRuleChart(report) {
  const byRule = /* @__PURE__ */ new Map();
  for (const row of report.records) {
    for (const rule of row.rules.length === 0 ? ["(no rule)"] : new Set(row.rules)) {
      let counts = byRule.get(rule);
      if (counts === void 0) {
        counts = Object.fromEntries(DECISIONS.map((decision) => [decision, 0]));
        byRule.set(rule, counts);
      }
      counts[row.decision]++;
    }
  }
  const total = (counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const rules = [...byRule].sort(([a, x], [b, y]) => total(y) - total(x) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_BARS);
  return {
    id: "chart-by-rule",
    title: "Decisions by rule",
    caption: rules.length === 0 ? "No decisions match the filters." : `Decisions per matched rule, by decision, for the ${count(rules.length, "rule")} with the most decisions.`,
    description: rules.length === 0 ? "No decisions match the filters." : `Decisions per matched rule, by decision, for the ${count(rules.length, "rule")} with the most decisions: ${rules.map(([rule, counts]) => `${rule} ${total(counts)}`).join(", ")}.`,
    categoryHeader: "rule",
    categories: rules.map(([rule]) => rule),
    series: decisionSeries((decision) => rules.map(([, counts]) => counts[decision])),
    orientation: "horizontal",
    categoryAxis: "rule",
    valueAxis: "decisions (one decision counts for each rule it matched)"
  };
}
function createReviewerChart(report) {
  const reviewers = report.calibration.byReviewer.slice(0, MAX_BARS);
  return {
    id: "chart-by-reviewer",
    title: "Decisions by reviewer",
    caption: reviewers.length === 0 ? "Nobody approved, rejected or asked for changes in the decisions that match the filters." : `Approvals, rejections and requests for changes per person, for the ${count(reviewers.length, "reviewer")} who decided most.`,
    description: reviewers.length === 0 ? "Nobody approved, rejected or asked for changes in the decisions that match the filters." : `Approvals, rejections and requests for changes per person, for the ${count(reviewers.length, "reviewer")} who decided most: ${reviewers.map((row) => `${row.login} ${row.approvals} approved, ${row.rejections} rejected, ${row.changesRequested} changes, median ${formatSeconds(row.medianSeconds)}`).join("; ")}.`,
    categoryHeader: "reviewer",
    categories: reviewers.map((row) => row.login),
    series: [
      { name: "approvals", color: DECISION_COLORS.approved, values: reviewers.map((row) => row.approvals) },
      { name: "rejections", color: DECISION_COLORS.rejected, values: reviewers.map((row) => row.rejections) },
      {
        name: "changes requested",
        color: DECISION_COLORS.changes_requested,
        values: reviewers.map((row) => row.changesRequested)
      }
    ].filter((series) => series.values.some((value) => value > 0)),
    orientation: "horizontal",
    categoryAxis: "reviewer",
    valueAxis: "decisions made by the reviewer"
  };
}
var WIDTH = 720;
var NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
function niceCeiling(n) {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return Math.round((NICE_STEPS.find((step) => step * power >= n) ?? 10) * power);
}
function round(n) {
  return String(Math.round(n * 10) / 10);
}
function shorten(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}\u2026`;
}
function totals(chart) {
  return chart.categories.map(
    (_, index) => chart.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0)
  );
}
function renderLegend(chart, y) {
  if (chart.series.length < 2) return [];
  let x = 8;
  return chart.series.map((series) => {
    const item = `<g><rect x="${x}" y="${y - 9}" width="10" height="10" fill="${series.color}"/><text x="${x + 14}" y="${y}">${escapeHtml(series.name)}</text></g>`;
    x += 24 + series.name.length * 7;
    return item;
  });
}
function listGaps(chart) {
  const sums = totals(chart);
  const gaps = [];
  sums.forEach((sum, index) => {
    if (sum !== 0) return;
    const last = gaps.at(-1);
    if (last !== void 0 && last[1] === index - 1) last[1] = index;
    else gaps.push([index, index]);
  });
  return gaps;
}
function ticks(max) {
  return max % 2 === 0 ? [0, max / 2, max] : [0, max];
}
function formatCount(n) {
  return n.toLocaleString("en-US");
}
function axisLabel(x, y, text, rotate = false) {
  return rotate ? `<text class="axis-label" x="${round(-y)}" y="${round(x)}" transform="rotate(-90)" text-anchor="middle">${escapeHtml(text)}</text>` : `<text class="axis-label" x="${round(x)}" y="${round(y)}" text-anchor="middle">${escapeHtml(text)}</text>`;
}
function renderVertical(chart) {
  const height = 290;
  const [left, right, top, bottom] = [60, 12, chart.series.length > 1 ? 30 : 12, 56];
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const sums = totals(chart);
  const max = niceCeiling(Math.max(0, ...sums));
  const step = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(48, Math.max(1, step * 0.8));
  const labelEvery = Math.max(1, Math.ceil(chart.categories.length / Math.floor(plotWidth / 64)));
  const y = (value) => top + plotHeight - value / max * plotHeight;
  const body = [...renderLegend(chart, 16)];
  if (chart.timeline === true && sums.some((sum) => sum > 0)) {
    for (const [first, last] of listGaps(chart)) {
      const x = left + first * step;
      const width = (last - first + 1) * step;
      const span = first === last ? `${chart.categories[first]}: no decisions` : `${chart.categories[first]} to ${chart.categories[last]}: no decisions (${last - first + 1} ${chart.categoryHeader}s)`;
      body.push(
        `<rect class="gap" x="${round(x)}" y="${top}" width="${round(width)}" height="${plotHeight}"><title>${escapeHtml(span)}</title></rect>`
      );
      if (width >= 72)
        body.push(
          `<text class="gap-label" x="${round(x + width / 2)}" y="${round(top + plotHeight / 2)}" text-anchor="middle">no decisions</text>`
        );
      else if (width >= 14)
        body.push(
          `<text class="gap-label" x="${round(-(top + plotHeight / 2))}" y="${round(x + width / 2 + 4)}" transform="rotate(-90)" text-anchor="middle">no decisions</text>`
        );
    }
  }
  body.push(
    `<line x1="${left}" y1="${round(y(0))}" x2="${WIDTH - right}" y2="${round(y(0))}" class="axis"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${round(y(0))}" class="axis"/>`
  );
  for (const tick of ticks(max)) {
    body.push(
      `<text x="${left - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${formatCount(tick)}</text>`,
      `<line x1="${left}" y1="${round(y(tick))}" x2="${WIDTH - right}" y2="${round(y(tick))}" class="grid"/>`
    );
  }
  chart.categories.forEach((category, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[index] ?? 0;
      if (value === 0) continue;
      body.push(
        `<rect x="${round(x)}" y="${round(y(base + value))}" width="${round(barWidth)}" height="${round(y(base) - y(base + value))}" fill="${series.color}"><title>${escapeHtml(`${category}: ${value} ${series.name}`)}</title></rect>`
      );
      base += value;
    }
    if (index % labelEvery === 0) {
      body.push(
        `<text x="${round(x + barWidth / 2)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(shorten(category, 10))}</text>`
      );
    }
  });
  body.push(
    axisLabel(left + plotWidth / 2, height - 10, chart.categoryAxis),
    axisLabel(14, top + plotHeight / 2, chart.valueAxis, true)
  );
  return { body, height };
}
function renderHorizontal(chart) {
  const rowHeight = 22;
  const [left, right, top, bottom] = [196, 48, chart.series.length > 1 ? 30 : 8, 48];
  const plotHeight = Math.max(1, chart.categories.length) * rowHeight;
  const height = top + plotHeight + bottom;
  const plotWidth = WIDTH - left - right;
  const sums = totals(chart);
  const max = niceCeiling(Math.max(1, ...sums));
  const x = (value) => left + value / max * plotWidth;
  const axisY = top + plotHeight + 4;
  const body = [
    ...renderLegend(chart, 16),
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" class="axis"/>`,
    `<line x1="${left}" y1="${axisY}" x2="${left + plotWidth}" y2="${axisY}" class="axis"/>`
  ];
  for (const tick of ticks(max)) {
    body.push(
      `<line x1="${round(x(tick))}" y1="${top}" x2="${round(x(tick))}" y2="${axisY}" class="grid"/>`,
      `<text x="${round(x(tick))}" y="${axisY + 14}" text-anchor="middle">${formatCount(tick)}</text>`
    );
  }
  chart.categories.forEach((category, index) => {
    const y = top + index * rowHeight;
    body.push(
      `<text x="${left - 6}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(category)}</title>${escapeHtml(shorten(category, 24))}</text>`
    );
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[index] ?? 0;
      if (value === 0) continue;
      body.push(
        `<rect x="${round(x(base))}" y="${y + 4}" width="${round(x(value) - left)}" height="${rowHeight - 8}" fill="${series.color}"><title>${escapeHtml(`${category}: ${value} ${series.name}`)}</title></rect>`
      );
      base += value;
    }
    body.push(`<text x="${round(x(base) + 4)}" y="${y + 15}">${formatCount(sums[index] ?? 0)}</text>`);
  });
  body.push(
    axisLabel(left + plotWidth / 2, axisY + 34, chart.valueAxis),
    axisLabel(14, top + plotHeight / 2, chart.categoryAxis, true)
  );
  return { body, height };
}
function renderChart(chart) {
  const { body, height } = chart.orientation === "vertical" ? renderVertical(chart) : renderHorizontal(chart);
  return [
    `<svg class="chart" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>`,
    ...body,
    "</svg>"
  ].join("\n");
}

// src/core/audit/render-audit-html.ts
var STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; --bad: #b42318; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
@media (max-width: 600px) { main { padding: 12px; } }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
header .period { margin: 0 0 12px; font-size: 16px; }
.headline li { margin: 2px 0; }
.finding { color: var(--bad); font-weight: 600; }
/* Tokens from the log (ids, SHAs, logins, rules, times) never break inside; a table too wide for
   the window scrolls sideways instead. Paths break only after a slash. */
code, .token, td, th[scope="row"], .period time { white-space: nowrap; }
td.prose, td.text { white-space: normal; }
code.path { white-space: normal; }
code.path > span { white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.prose { min-width: 16em; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
.intro, figcaption p { color: var(--muted); }
figure { margin: 16px 0 24px; }
figcaption h3 { margin: 0 0 2px; }
figcaption p { margin: 0 0 6px; }
.chart { display: block; width: 100%; min-width: 520px; max-width: 720px; height: auto; font: 11px system-ui, sans-serif; }
.chart text { fill: var(--ink); }
.chart .axis-label { fill: var(--muted); font-size: 12px; }
.chart .axis { stroke: var(--muted); }
.chart .grid { stroke: var(--line); stroke-dasharray: 2 3; }
.chart .gap { fill: #f6f8fa; }
.chart .gap-label { fill: var(--muted); font-style: italic; }
details { margin: 4px 0 12px; }
summary { cursor: pointer; }
.warn { color: var(--warn); }
`;
var CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
var OPEN_FINDINGS = 20;
function renderPath(text) {
  const parts = text.split(/(?<=[/\s])/).filter((part) => part !== "");
  return `<code class="path">${parts.map((part) => `<span>${escapeHtml(part)}</span>`).join("<wbr>")}</code>`;
}
var MAX_UNBROKEN = 40;
function renderProse(text) {
  return escapeHtml(text).replace(
    /[^\s<>]*-[^\s<>]*/g,
    (word) => Array.from(word).length <= MAX_UNBROKEN ? `<span class="token">${word}</span>` : word
  );
}
function renderCell2(cell) {
  if (typeof cell === "string") return escapeHtml(cell);
  if (Array.isArray(cell)) return cell.map(renderCell2).join("");
  if ("name" in cell)
    return cell.name.includes("/") ? renderPath(cell.name) : `<code>${escapeHtml(cell.name)}</code>`;
  const chars = Array.from(cell.prose.replace(/\s+/g, " ").trim());
  const text = chars.length > cell.maxChars ? `${chars.slice(0, cell.maxChars - 1).join("")}\u2026` : chars.join("");
  return text === "" ? "\u2013" : renderProse(text);
}
function cellClass(cell) {
  if (typeof cell === "string") {
    if (/^-?[\d,.]+%?$/.test(cell)) return ' class="num"';
    return /\s/.test(cell) ? ' class="text"' : "";
  }
  return !Array.isArray(cell) && "prose" in cell ? ' class="prose"' : "";
}
function renderRows(headers, rows) {
  return [
    '<div class="scroll">',
    "<table>",
    `<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows,
    "</tbody>",
    "</table>",
    "</div>"
  ];
}
function renderTable(table, heading) {
  const lines = [`<section id="${table.id}">`, `<${heading}>${escapeHtml(table.title)}</${heading}>`];
  if (table.rows.length === 0) return [...lines, `<p>${escapeHtml(table.empty)}</p>`, "</section>"];
  if (table.intro !== void 0) lines.push(`<p class="intro">${renderProse(table.intro)}</p>`);
  lines.push(
    ...renderRows(
      table.headers,
      table.rows.map(
        (cells) => `<tr>${cells.map((cell) => `<td${cellClass(cell)}>${renderCell2(cell)}</td>`).join("")}</tr>`
      )
    )
  );
  return [...lines, "</section>"];
}
function renderFigure(chart) {
  const rows = chart.categories.flatMap((category, index) => {
    const values = chart.series.map((series) => series.values[index] ?? 0);
    if (chart.timeline === true && values.every((value) => value === 0)) return [];
    return [
      `<tr><th scope="row">${escapeHtml(category)}</th>${values.map((value) => `<td class="num">${value}</td>`).join("")}</tr>`
    ];
  });
  const left = chart.categories.length - rows.length;
  return [
    `<figure id="${chart.id}">`,
    `<figcaption><h3>${escapeHtml(chart.title)}</h3><p>${renderProse(chart.caption)}</p></figcaption>`,
    '<div class="scroll">',
    renderChart(chart),
    "</div>",
    "<details>",
    `<summary>${escapeHtml(chart.title)}: the numbers${left > 0 ? ` (${escapeHtml(count(left, chart.categoryHeader))} without any left out)` : ""}</summary>`,
    ...renderRows([chart.categoryHeader, ...chart.series.map((series) => series.name)], rows),
    "</details>",
    "</figure>"
  ];
}
function listRepositories(report) {
  return [...new Set(report.records.map((row) => row.repository))].sort();
}
function describePeriod(report) {
  const first = report.records[0]?.decided_at;
  const last = report.records.at(-1)?.decided_at;
  const from = report.filters.since ?? first;
  const to = report.filters.until ?? last;
  if (from === void 0 || to === void 0) {
    if (from === void 0 && to === void 0) return { html: "no decisions", text: "no decisions" };
    const only = from ?? to;
    const word = from === void 0 ? "until" : "since";
    return { html: `${word} <time>${escapeHtml(only)}</time> (--${word})`, text: `${word} ${only}` };
  }
  const origin = (bound, flag, decision) => bound === void 0 ? decision : `--${flag}`;
  const fromOrigin = origin(report.filters.since, "since", "the first decision");
  const toOrigin = origin(report.filters.until, "until", "the last decision");
  const note = report.filters.since === void 0 && report.filters.until === void 0 ? "the first and the last decision" : `from ${fromOrigin}, to ${toOrigin}`;
  return {
    html: `<time>${escapeHtml(from)}</time> to <time>${escapeHtml(to)}</time> (${escapeHtml(note)})`,
    text: `${from} to ${to}`
  };
}
function renderHeader(report) {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const findings = report.totals.findings;
  const repositories = listRepositories(report);
  const period = describePeriod(report);
  const named = repositories.slice(0, 3);
  const repositoryHtml = repositories.length === 0 ? "no repository (no decision matches)" : `${named.map((name) => `<span class="token">${escapeHtml(name)}</span>`).join(", ")}${repositories.length > named.length ? ` and ${repositories.length - named.length} more` : ""}`;
  const title = `Gatehouse audit${repositories.length === 0 ? "" : ` of ${named.join(", ")}`}, ${period.text}`;
  return {
    title,
    lines: [
      "<header>",
      `<h1>Gatehouse audit${repositories.length === 0 ? "" : ` of ${repositoryHtml}`}</h1>`,
      `<p class="period"><strong>Period:</strong> ${period.html}</p>`,
      '<ul class="headline">',
      ...repositories.length === 0 ? [`<li><strong>Repository:</strong> ${repositoryHtml}.</li>`] : [],
      `<li><strong>Decisions:</strong> ${escapeHtml(summary.decisions)}.</li>`,
      `<li><strong>Integrity:</strong> <span${findings > 0 ? ' class="finding"' : ""}>${escapeHtml(summary.findings)}</span>.</li>`,
      `<li><strong>Check runs:</strong> ${escapeHtml(summary.crossCheck)}.</li>`,
      `<li><strong>Provenance:</strong> ${escapeHtml(report.integrity.provenance.why)}.</li>`,
      `<li><strong>Rubber stamps:</strong> ${escapeHtml(count(report.calibration.rubberStamps.length, "approval"))} faster than the request could be read.</li>`,
      `<li><strong>Filters:</strong> ${filters.length === 0 ? "none" : filters.map(([name, value]) => `--${escapeHtml(name)} <code>${escapeHtml(value)}</code>`).join(", ")}.</li>`,
      `<li><strong>Source:</strong> ${renderPath(report.source)}, audited at <span class="token">${escapeHtml(report.generatedAt)}</span>.</li>`,
      "</ul>",
      "</header>"
    ]
  };
}
function anchorOf(code2) {
  return `finding-${code2.toLowerCase().replace(/[^a-z0-9_-]+/g, "-")}`;
}
function renderFindings(report) {
  const lines = [
    '<section id="findings">',
    "<h2>Findings</h2>",
    '<p class="intro">Integrity is checked over every record read, whatever the filters.</p>'
  ];
  const counts = countFindingsByCode(report);
  if (counts.length === 0)
    return [...lines, `<p>${escapeHtml(createFindingsTable(report).empty)}</p>`, "</section>"];
  lines.push(
    ...renderRows(
      ["finding", "count", "what it means"],
      counts.map(
        ({ code: code2, count: n, meaning }) => `<tr><td><code>${escapeHtml(code2)}</code></td><td class="num">${n}</td><td class="prose">${meaning === "" ? "\u2013" : escapeHtml(meaning)}</td></tr>`
      )
    )
  );
  for (const { code: code2, count: n } of counts) {
    const rows = report.findings.filter((finding3) => finding3.code === code2).map((finding3) => {
      const where = finding3.path === null ? `<td>check run ${escapeHtml(String(finding3.checkRunId ?? "?"))}</td>` : `<td>${renderPath(finding3.path)}</td>`;
      const id = finding3.id === null ? "\u2013" : `<code>${escapeHtml(finding3.id)}</code>`;
      return `<tr>${where}<td>${id}</td><td class="prose">${renderCell2({ prose: finding3.message, maxChars: 500 })}</td></tr>`;
    });
    lines.push(
      `<details id="${escapeHtml(anchorOf(code2))}"${n <= OPEN_FINDINGS ? " open" : ""}>`,
      `<summary><code>${escapeHtml(code2)}</code>: ${escapeHtml(count(n, "finding"))}</summary>`,
      ...renderRows(["file", "decision", "message"], rows),
      "</details>"
    );
  }
  return [...lines, "</section>"];
}
function renderAuditHtml(report) {
  const header = renderHeader(report);
  const body = [
    ...header.lines,
    ...renderFindings(report),
    '<section id="executions">',
    "<h2>Executions</h2>",
    ...createExecutionTables(report).flatMap((table) => renderTable(table, "h3")),
    "</section>",
    '<section id="charts">',
    "<h2>Charts</h2>",
    ...[createLatencyChart, createOverTimeChart, createRuleChart, createReviewerChart].flatMap(
      (create) => renderFigure(create(report))
    ),
    "</section>",
    '<section id="calibration">',
    "<h2>Calibration</h2>",
    ...createCalibrationTables(report).flatMap((table) => renderTable(table, "h3")),
    "</section>",
    ...renderTable(createRecordsTable(report), "h2")
  ];
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(header.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
    ""
  ].join("\n");
}

// src/core/audit/render-audit-json.ts
function renderAuditJson(report) {
  return `${JSON.stringify(report, null, 2)}
`;
}

// src/core/audit/render-audit-markdown.ts
var LIMITS = { records: 1e3, rows: 200 };
function code(text) {
  return renderCode(text).replace(/\|/g, "\\|");
}
function renderCell3(cell) {
  if (typeof cell === "string") return cell;
  if (Array.isArray(cell)) return cell.map(renderCell3).join("");
  if ("name" in cell) return code(cell.name);
  return escapeMarkdownInline(cell.prose, cell.maxChars) || "\u2013";
}
function renderTable2(table, level) {
  const lines = [`${level} ${table.title}`, ""];
  if (table.rows.length === 0) return [...lines, table.empty, ""];
  if (table.intro !== void 0) lines.push(table.intro, "");
  lines.push(
    `| ${table.headers.join(" | ")} |`,
    `| ${table.headers.map(() => "---").join(" | ")} |`,
    ...table.rows.map((cells) => `| ${cells.map(renderCell3).join(" | ")} |`)
  );
  if (table.omitted > 0)
    lines.push("", `\u2026 and ${count(table.omitted, "more row")}: use --format json or csv for all.`);
  return [...lines, ""];
}
function renderAuditMarkdown(report) {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const lines = [
    "# Gatehouse audit",
    "",
    `- **Decisions:** ${summary.decisions}.`,
    `- **Integrity:** ${report.totals.findings === 0 ? summary.findings : `**${summary.findings}**`}.`,
    `- **Check runs:** ${summary.crossCheck}.`,
    `- **Provenance:** ${report.integrity.provenance.why}.`,
    `- **Rubber stamps:** ${count(report.calibration.rubberStamps.length, "approval")} faster than the request could be read.`,
    `- **Filters:** ${filters.length === 0 ? "none" : filters.map(([name, value]) => `--${name} ${code(value)}`).join(", ")}.`,
    `- **Source:** ${code(report.source)}, audited at ${report.generatedAt}.`,
    ""
  ];
  lines.push(...renderTable2(createFindingsTable(report), "##"));
  const meanings = listFindingMeanings(report);
  if (meanings.length > 0) lines.push(...meanings.map(([name, meaning]) => `- \`${name}\`: ${meaning}.`), "");
  lines.push("## Executions", "");
  for (const table of createExecutionTables(report, LIMITS)) lines.push(...renderTable2(table, "###"));
  lines.push("## Calibration", "");
  for (const table of createCalibrationTables(report, LIMITS)) lines.push(...renderTable2(table, "###"));
  lines.push(...renderTable2(createRecordsTable(report, LIMITS), "##"));
  return `${lines.join("\n").trimEnd()}
`;
}

// src/github/load-audit-records.ts
var BLOB_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
var MAX_BATCH = 100;
async function loadAuditRecords(github, location, options = {}) {
  const folder = location.path.replace(/^\/+|\/+$/g, "");
  let root;
  try {
    const { data } = await github.rest.git.getTree({
      owner: location.owner,
      repo: location.repo,
      tree_sha: location.branch,
      recursive: "1"
    });
    root = data;
  } catch (error) {
    const status = readStatus(error);
    if (status === 409) return { state: "no_branch" };
    if (status === 404)
      return await repositoryExists(github, location) ? { state: "no_branch" } : { state: "no_repository" };
    throw error;
  }
  const blobs = root.truncated ? await listTruncatedFolder(github, location, root.sha, folder) : selectBlobs(root.tree, "", folder);
  const texts = await loadBlobTexts(github, location, [...new Set(blobs.map((blob) => blob.sha))], options);
  const files = blobs.map((blob) => ({ path: blob.path, text: texts.get(blob.sha) ?? "" }));
  return { state: "read", tree: root.sha, files };
}
async function repositoryExists(github, location) {
  try {
    await github.rest.repos.get({ owner: location.owner, repo: location.repo });
    return true;
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
}
function selectBlobs(items, prefix, folder) {
  const within = folder === "" ? "" : `${folder}/`;
  const blobs = [];
  for (const item of items) {
    if (item.type !== "blob" || item.path === void 0 || item.sha === void 0) continue;
    const path = `${prefix}${item.path}`;
    if (path.startsWith(within)) blobs.push({ path, sha: item.sha });
  }
  return blobs;
}
async function listTruncatedFolder(github, location, rootSha, folder) {
  let sha = rootSha;
  let prefix = "";
  for (const segment of folder === "" ? [] : folder.split("/")) {
    const { data } = await github.rest.git.getTree({
      owner: location.owner,
      repo: location.repo,
      tree_sha: sha
    });
    const next = data.tree.find((item) => item.type === "tree" && item.path === segment);
    if (next?.sha === void 0) return [];
    sha = next.sha;
    prefix = `${prefix}${segment}/`;
  }
  return listTree(github, location, sha, prefix);
}
async function listTree(github, location, sha, prefix) {
  const at = { owner: location.owner, repo: location.repo, tree_sha: sha };
  const { data: whole } = await github.rest.git.getTree({ ...at, recursive: "1" });
  if (!whole.truncated) return selectBlobs(whole.tree, prefix, "");
  const { data: level } = await github.rest.git.getTree(at);
  const blobs = selectBlobs(level.tree, prefix, "");
  for (const item of level.tree) {
    if (item.type === "tree" && item.sha !== void 0 && item.path !== void 0)
      blobs.push(...await listTree(github, location, item.sha, `${prefix}${item.path}/`));
  }
  return blobs;
}
async function loadBlobTexts(github, location, shas, options) {
  const size = Math.min(Math.max(1, options.batchSize ?? MAX_BATCH), MAX_BATCH);
  const texts = /* @__PURE__ */ new Map();
  for (let start = 0; start < shas.length; start += size) {
    const batch = shas.slice(start, start + size);
    const fields = batch.map((sha, index) => {
      if (!BLOB_ID.test(sha)) throw new Error(`GitHub listed a blob with an unexpected id: ${sha}`);
      return `b${index}: object(oid: "${sha}") { ... on Blob { text isTruncated isBinary } }`;
    });
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields.join(" ")} } }`;
    const { data: answer } = await github.request(
      options.graphqlUrl === void 0 ? "POST /graphql" : `POST ${options.graphqlUrl}`,
      { query, variables: { owner: location.owner, name: location.repo } }
    );
    const repository = answer.data?.repository;
    if (repository === void 0 || repository === null) {
      const message = answer.errors?.map((error) => error.message).join("; ");
      throw new Error(`GitHub GraphQL did not return the records: ${message ?? "no data"}`);
    }
    for (const [index, sha] of batch.entries()) {
      const blob = repository[`b${index}`];
      if (blob === void 0 || blob === null)
        throw new Error(`GitHub has no blob ${sha}, which the tree lists`);
      texts.set(
        sha,
        blob.text === null || blob.isTruncated ? await loadBlobText(github, location, sha) : blob.text
      );
    }
    options.onProgress?.(Math.min(start + size, shas.length), shas.length);
  }
  return texts;
}
async function loadBlobText(github, location, sha) {
  const { data } = await github.rest.git.getBlob({
    owner: location.owner,
    repo: location.repo,
    file_sha: sha
  });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}

// src/github/load-check-run-evidence.ts
async function loadCheckRunEvidence(github, subjects) {
  const { owner, repo } = subjects;
  const commits = [];
  if (subjects.ref !== void 0) {
    const sha = await resolveRef(github, owner, repo, subjects.ref);
    if (sha === void 0) return { state: "no_ref", ref: subjects.ref };
    commits.push(sha);
  }
  if (subjects.pullRequest !== void 0) {
    try {
      const listed = await github.paginate(github.rest.pulls.listCommits, {
        owner,
        repo,
        pull_number: subjects.pullRequest,
        per_page: 100
      });
      commits.push(...listed.map((commit) => commit.sha));
    } catch (error) {
      if (readStatus(error) === 404) return { state: "no_pull_request", pullRequest: subjects.pullRequest };
      throw error;
    }
  }
  const unique = [...new Set(commits)];
  const runs = /* @__PURE__ */ new Map();
  for (const ref of unique) {
    const listed = await github.paginate(github.rest.checks.listForRef, {
      owner,
      repo,
      ref,
      filter: "all",
      per_page: 100
    });
    for (const run of listed) {
      if (!isGateCheckName(run.name)) continue;
      runs.set(run.id, {
        id: run.id,
        name: run.name,
        headSha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion,
        externalId: run.external_id === "" ? null : run.external_id,
        completedAt: run.completed_at,
        ...run.html_url === null ? {} : { url: run.html_url },
        ...run.output.title === null ? {} : { title: run.output.title }
      });
    }
  }
  return { state: "read", checkRuns: [...runs.values()].sort((a, b) => a.id - b.id), commits: unique };
}
async function resolveRef(github, owner, repo, ref) {
  try {
    const { data } = await github.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner,
      repo,
      ref,
      headers: { accept: "application/vnd.github.sha" }
    });
    const sha = String(data).trim();
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
      throw new Error(`GitHub resolved ${ref} to "${sha.slice(0, 80)}", not a commit SHA`);
    return sha;
  } catch (error) {
    const status = readStatus(error);
    if (status === 404 || status === 422) return void 0;
    throw error;
  }
}

// src/github/load-log-provenance.ts
var UnknownAppError = class extends Error {
  name = "UnknownAppError";
};
var SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
var BATCH = 100;
async function loadLogProvenance(github, location, subjects, options = {}) {
  const botId = await loadBotId(github, location.app);
  const foreignCommits = await loadForeignCommits(github, location, botId);
  const anchors = await loadAnchors(github, location, subjects, options.graphqlUrl);
  return { anchors, foreignCommits, app: location.app };
}
async function loadBotId(github, app) {
  try {
    const { data } = await github.rest.users.getByUsername({ username: `${app}[bot]` });
    return data.id;
  } catch (error) {
    if (readStatus(error) === 404)
      throw new UnknownAppError(`--app ${app}: GitHub has no account ${app}[bot]`);
    throw error;
  }
}
async function loadForeignCommits(github, location, botId) {
  const at = { owner: location.owner, repo: location.repo };
  let commits;
  try {
    commits = await github.paginate(github.rest.repos.listCommits, {
      ...at,
      sha: location.branch,
      per_page: 100
    });
  } catch (error) {
    const status = readStatus(error);
    if (status === 404 || status === 409) return [];
    throw error;
  }
  const foreign = [];
  for (const commit of commits) {
    const problem = checkLogCommit(commit, botId);
    if (problem === void 0) continue;
    const { data } = await github.rest.repos.getCommit({ ...at, ref: commit.sha });
    foreign.push({
      sha: commit.sha,
      problem,
      files: (data.files ?? []).map((file) => ({
        path: file.filename,
        status: file.status,
        ...file.previous_filename === void 0 ? {} : { previousPath: file.previous_filename }
      }))
    });
  }
  return foreign;
}
async function loadAnchors(github, location, subjects, graphqlUrl) {
  const shas = [...new Set(subjects.map((sha) => sha.toLowerCase()))].filter((sha) => SHA.test(sha));
  const anchors = [];
  for (let start = 0; start < shas.length; start += BATCH) {
    const batch = shas.slice(start, start + BATCH);
    const fields = batch.map(
      (sha, index) => `c${index}: object(oid: "${sha}") { ... on Commit { checkSuites(first: 100) { nodes { app { slug } checkRuns(first: 100, filterBy: {checkType: ALL}) { nodes { databaseId externalId text } } } } } }`
    );
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields.join(" ")} } }`;
    const { data: answer } = await github.request(
      graphqlUrl === void 0 ? "POST /graphql" : `POST ${graphqlUrl}`,
      {
        query,
        variables: { owner: location.owner, name: location.repo }
      }
    );
    const repository = answer.data?.repository;
    if (repository === void 0 || repository === null) {
      const message = answer.errors?.map((error) => error.message).join("; ");
      throw new Error(`GitHub GraphQL did not return the check runs: ${message ?? "no data"}`);
    }
    for (const [index, sha] of batch.entries()) {
      for (const suite of repository[`c${index}`]?.checkSuites?.nodes ?? []) {
        if (suite?.app?.slug !== location.app) continue;
        for (const run of suite.checkRuns?.nodes ?? []) {
          const anchor = parseRecordAnchor(run?.text);
          if (anchor === void 0 || run === null || run.databaseId === null) continue;
          anchors.push({ ...anchor, checkRunId: run.databaseId, externalId: run.externalId, headSha: sha });
        }
      }
    }
  }
  return anchors;
}

// src/local/trusted-keyring.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var KeyringError = class extends Error {
  name = "KeyringError";
  /** True when gpg itself is missing: a set-up problem (exit 2), not a finding. */
  missingGpg;
  constructor(message, missingGpg = false) {
    super(message);
    this.missingGpg = missingGpg;
  }
};
function runGpg(home, args, env) {
  return new Promise((resolve2, reject) => {
    execFile(
      "gpg",
      args,
      { env: { ...env, GNUPGHOME: home }, windowsHide: true },
      (error, _stdout, stderr) => {
        if (error === null) return resolve2();
        if ("code" in error && error.code === "ENOENT")
          return reject(
            new KeyringError(
              "gpg is not installed or not on PATH: --trusted-key checks signatures with it",
              true
            )
          );
        const first = String(stderr).split("\n").map((line) => line.trim()).find((line) => line !== "");
        reject(new KeyringError(`gpg could not import the key: ${first ?? `exit ${error.code}`}`));
      }
    );
  });
}
async function createTrustedKeyring(file, env) {
  const home = await mkdtemp(join(tmpdir(), "gatehouse-gnupg-"));
  const dispose = () => rm(home, { recursive: true, force: true });
  try {
    await runGpg(home, ["--batch", "--quiet", "--import", "--", file], env);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { home, dispose };
}

// src/cli/commands/audit.ts
var FORMATS = ["md", "json", "csv", "html"];
var RENDERERS = {
  md: renderAuditMarkdown,
  json: renderAuditJson,
  csv: renderAuditCsv,
  html: renderAuditHtml
};
var DEFAULT_BRANCH = "gatehouse-log";
var DEFAULT_PATH = "decisions";
var auditCommand = {
  name: "audit",
  usage: "gatehouse audit [--git DIR | --repo OWNER/NAME] [--branch NAME] [--path DIR] [--ref REF] [--pr N] [--app SLUG] [--trusted-key FILE] [--since DATE] [--until DATE] [--gate NAME] [--environment ENV] [--decision D] [--approver LOGIN] [--rule NAME] [--format md|json|csv|html] [--output FILE] [--strict] [--rubber-stamp-seconds-per-file N] [--verbose]",
  help: `Reads every decision record on the log branch, checks each one (a record that was edited after
Gatehouse wrote it, a file that is not a record, a record filed in the wrong place) and prints a
report: what was decided, by whom, how fast, and every integrity finding. A malformed record is a
finding; the other records still count. See docs/audit.md for the checks.

Where the records come from:
  --git DIR            a local clone (default: the current folder), offline: the ${DEFAULT_BRANCH}
                       branch, else origin/${DEFAULT_BRANCH}; one git ls-tree, one git cat-file
                       and one git log, which finds commits that rewrote the log (rewritten).
                       Anchors and GitHub's verification need --repo with --app
  --trusted-key FILE   with --git: a public key (GitHub's web-flow key,
                       https://github.com/web-flow.gpg, signs the App's commits); a log commit
                       not signed by it is unverified_commit. Needs gpg
  --repo OWNER/NAME    through the GitHub API, with GITHUB_TOKEN (or GH_TOKEN): one tree listing,
                       then one GraphQL query per 100 records
  --branch NAME        the log branch (default: ${DEFAULT_BRANCH})
  --path DIR           the log folder on it (default: ${DEFAULT_PATH})
  --ref REF            with --repo: cross-check the log against the gatehouse check runs on the
                       commit REF names (a branch, tag or SHA)
  --pr N               with --repo: the same for every commit of pull request N (with --ref too:
                       both)
  --app SLUG           with --repo: the Gatehouse App (its slug, as in github.com/apps/SLUG;
                       github-actions for the Action): check every record against the anchor in
                       that app's check run (digest_mismatch, unanchored, anchor_without_record)
                       and every log commit against GitHub's verification of that app's bot
                       (unverified_commit, rewritten). One request for the bot, one per 100 log
                       commits, one GraphQL query per 100 decided commits

Which decisions (all filters combine):
  --since DATE         decided on or after DATE (2026-01-31, or an ISO time with an offset)
  --until DATE         decided on or before DATE (a date includes that whole day, UTC)
  --gate NAME          a check name ("gatehouse: production"), a gate kind (pull_request,
                       deployment, request) or a glob ("gatehouse: prod*")
  --environment ENV    gates of this environment (a name or a glob)
  --decision D         ${DECISIONS.join(", ")}
  --approver LOGIN     decisions this login approved (with or without @)
  --rule NAME          decisions this rule matched (a name or a glob)
Names match case-insensitively. Integrity is checked over every record whatever the filters.

Output:
  --format F           md (default), json, csv or html (one file, no scripts)
  --output FILE        write the report to FILE instead of stdout; without --format, the
                       format is the name's: .html, .json, .csv or .md (else md)
  --strict             exit 1 when there is any integrity finding
  --rubber-stamp-seconds-per-file N
                       call an approval a rubber stamp when it came faster than N seconds per
                       changed file (default ${DEFAULT_RUBBER_STAMP.secondsPerFile}), and never sooner than ${DEFAULT_RUBBER_STAMP.minimumSeconds} s
  --verbose            timings and GitHub request counts on stderr (shown anyway on a terminal)

Without a log branch (Gatehouse writes it with its first decision) the report is empty, stderr
says "no decisions recorded yet", and the exit code is 0, with --strict too.

Exit codes: 0 audited (or nothing recorded yet), 1 findings with --strict or a read error (a
token GitHub refuses), 2 usage error.`,
  async run(args, io) {
    const options = parseAuditOptions(args);
    const progress = createProgress(io, options.verbose);
    const now = io.now().toISOString();
    const loaded = options.source.kind === "git" ? await loadFromGit(options, options.source, io, progress) : await loadFromGitHub(options, options.source, io, progress);
    const checked = performance.now();
    const report = createAuditReport(loaded.entries, {
      filters: options.filters,
      now,
      source: loaded.source,
      ...loaded.checkRuns === void 0 ? {} : { checkRuns: loaded.checkRuns },
      ...loaded.checkedCommits === void 0 ? {} : { checkedCommits: loaded.checkedCommits },
      ...loaded.provenance === void 0 ? {} : { provenance: loaded.provenance },
      ...loaded.history === void 0 ? {} : { history: loaded.history },
      logPath: options.path,
      ...options.rubberStamp === void 0 ? {} : { rubberStamp: options.rubberStamp }
    });
    const rendered = performance.now();
    const text = RENDERERS[options.format](report);
    const done = performance.now();
    const findings = report.findings.length;
    warnMalformed(report, io);
    progress.line(
      `checked ${count(loaded.entries.length, "file")} in ${seconds2(rendered - checked)}: ${count(findings, "integrity finding")}; rendered ${options.format} in ${seconds2(done - rendered)}`
    );
    if (options.output === void 0) io.stdout.write(text);
    else {
      const path = resolve(io.cwd, options.output);
      try {
        await writeFile(path, text);
      } catch (error) {
        throw new CliError(`${options.output}: cannot write the report: ${describeFsError(error)}`);
      }
      io.stderr.write(
        `gatehouse: wrote the audit of ${count(loaded.entries.length, "file")} (${count(findings, "finding")}) to ${options.output}
`
      );
    }
    const [first] = report.findings;
    if (options.strict && first !== void 0) {
      const where = first.path ?? `check run ${first.checkRunId}`;
      io.stderr.write(
        `gatehouse: ${count(findings, "integrity finding")} (--strict): ${where}: ${first.message}${findings > 1 ? ", \u2026" : ""}
`
      );
      return 1;
    }
    return 0;
  }
};
var MALFORMED_WARNINGS = 5;
function warnMalformed(report, io) {
  const malformed = report.findings.filter((finding3) => finding3.code === "malformed");
  for (const finding3 of malformed.slice(0, MALFORMED_WARNINGS))
    writeWarning(io, `${finding3.path}: ${finding3.message}; the other records still count`);
  if (malformed.length > MALFORMED_WARNINGS)
    writeWarning(
      io,
      `\u2026 and ${count(malformed.length - MALFORMED_WARNINGS, "more malformed file")}: the report lists them all`
    );
}
function parseAuditOptions(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      git: { type: "string" },
      repo: { type: "string" },
      branch: { type: "string" },
      path: { type: "string" },
      ref: { type: "string" },
      pr: { type: "string" },
      app: { type: "string" },
      "trusted-key": { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      gate: { type: "string" },
      environment: { type: "string" },
      decision: { type: "string" },
      approver: { type: "string" },
      rule: { type: "string" },
      format: { type: "string" },
      output: { type: "string" },
      strict: { type: "boolean" },
      verbose: { type: "boolean" },
      "rubber-stamp-seconds-per-file": { type: "string" }
    },
    allowPositionals: true,
    strict: true
  });
  checkPositionals(positionals, 0);
  const git = parseText("git", values.git);
  const repo = parseText("repo", values.repo);
  if (git !== void 0 && repo !== void 0)
    throw new UsageError("--git and --repo exclude each other: audit a local clone or a GitHub repository");
  const source = repo === void 0 ? { kind: "git", dir: git ?? "." } : parseRepository(repo);
  const ref = parseText("ref", values.ref);
  const pullRequest = parsePullRequest(values.pr);
  if (source.kind === "git" && (ref !== void 0 || pullRequest !== void 0)) {
    throw new UsageError(
      `${ref === void 0 ? "--pr" : "--ref"} reads check runs from GitHub: use it with --repo OWNER/NAME`
    );
  }
  const options = {
    source,
    branch: parseBranch(values.branch),
    path: parseLogPath(values.path),
    filters: parseFilters(values),
    format: "md",
    strict: values.strict === true,
    verbose: values.verbose === true
  };
  const app = parseText("app", values.app);
  if (app !== void 0) {
    if (source.kind === "git")
      throw new UsageError(
        "--app reads check runs and commit signatures from GitHub: use it with --repo OWNER/NAME"
      );
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/i.test(app))
      throw new UsageError(`--app must be a GitHub App's slug, such as gatehouse, got "${app}"`);
    options.app = app.toLowerCase();
  }
  const trustedKey = parseText("trusted-key", values["trusted-key"]);
  if (trustedKey !== void 0) {
    if (source.kind !== "git")
      throw new UsageError(
        "--trusted-key checks the signatures of a local clone with gpg: use it with --git DIR (with --repo, --app checks GitHub's verification)"
      );
    options.trustedKey = trustedKey;
  }
  if (ref !== void 0) options.ref = ref;
  if (pullRequest !== void 0) options.pullRequest = pullRequest;
  const output = parseText("output", values.output);
  if (output !== void 0) options.output = output;
  options.format = chooseFormat(parseChoice("format", values.format, FORMATS), output);
  const perFile = values["rubber-stamp-seconds-per-file"];
  if (perFile !== void 0) {
    options.rubberStamp = {
      secondsPerFile: parsePositiveNumber("rubber-stamp-seconds-per-file", perFile),
      minimumSeconds: DEFAULT_RUBBER_STAMP.minimumSeconds
    };
  }
  return options;
}
var EXTENSIONS = /* @__PURE__ */ new Map([
  [".md", "md"],
  [".json", "json"],
  [".csv", "csv"],
  [".html", "html"]
]);
var FILE_KINDS = {
  md: "a Markdown file",
  json: "a JSON file",
  csv: "a CSV file",
  html: "an HTML file"
};
function chooseFormat(given, output) {
  const named = output === void 0 ? void 0 : EXTENSIONS.get(extname(output).toLowerCase());
  if (given !== void 0 && named !== void 0 && given !== named) {
    throw new UsageError(
      `--format ${given} contradicts --output ${output}, the name of ${FILE_KINDS[named]}: drop --format, or name the file .${given}`
    );
  }
  return given ?? named ?? "md";
}
function parseRepository(value) {
  const name = parseRepositoryName(value);
  if (name === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { kind: "repo", ...name };
}
function parsePullRequest(value) {
  if (value === void 0) return void 0;
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new UsageError(`--pr must be a pull request number, got "${value}"`);
  return Number(value);
}
function parsePositiveNumber(name, value) {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`--${name} must be a positive number of seconds, got "${value}"`);
  return number;
}
function parseBranch(value) {
  const branch = parseText("branch", value) ?? DEFAULT_BRANCH;
  if (!/^[\w][\w./-]*$/.test(branch) || /\.\.|\/\/|\/$|\.lock$|\.$/.test(branch) || branch.split("/").some((part) => part.startsWith(".")))
    throw new UsageError(`--branch must be a branch name, such as ${DEFAULT_BRANCH}, got "${branch}"`);
  return branch;
}
function parseLogPath(value) {
  const path = (parseText("path", value) ?? DEFAULT_PATH).replace(/^[./]+$/, "").replace(/^\/+|\/+$/g, "");
  if (path.split("/").some((part) => part === ".." || part === "." || path !== "" && part === ""))
    throw new UsageError(
      `--path must be a folder on the log branch, such as ${DEFAULT_PATH}, got "${value}"`
    );
  return path;
}
var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
function parseDate(name, value) {
  if (value === void 0) return void 0;
  const date = DATE.exec(value);
  if (date !== null) {
    const [, year, month, day] = date.map(Number);
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
      throw new UsageError(`--${name}: ${value} is not a date in the calendar`);
    return new Date(name === "since" ? start : start + 864e5 - 1).toISOString();
  }
  const ms = TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--${name} must be a date (2026-01-31) or an ISO time with an offset (2026-01-31T09:00:00Z), got "${value}"`
    );
  }
  return new Date(ms).toISOString();
}
function parseFilters(values) {
  const text = (name) => {
    const value = values[name];
    return parseText(name, typeof value === "string" ? value : void 0);
  };
  const since = parseDate("since", text("since"));
  const until = parseDate("until", text("until"));
  if (since !== void 0 && until !== void 0 && since > until)
    throw new UsageError(`--since ${values.since} is after --until ${values.until}: nothing could match`);
  const decision = parseChoice("decision", text("decision"), DECISIONS);
  const filters = {};
  if (since !== void 0) filters.since = since;
  if (until !== void 0) filters.until = until;
  if (decision !== void 0) filters.decision = decision;
  for (const key of ["gate", "environment", "approver", "rule"]) {
    const value = text(key);
    if (value !== void 0) filters[key] = value;
  }
  return filters;
}
var SIGNED_BY_KEY = /* @__PURE__ */ new Set(["G", "U", "X", "Y"]);
var SIGNATURE_PROBLEMS = {
  N: "not signed",
  B: "a bad signature",
  E: "not signed by the trusted key",
  R: "signed by a revoked key"
};
async function loadHistoryFromGit(options, repo, commit, io) {
  if (options.trustedKey === void 0) {
    const commits = await loadLogHistory(repo, commit);
    return { commits: commits.map(({ sha, files }) => ({ sha, files })), signatures: false };
  }
  let keyring;
  try {
    keyring = await createTrustedKeyring(resolve(io.cwd, options.trustedKey), io.env);
  } catch (error) {
    if (error instanceof KeyringError)
      throw new CliError(`--trusted-key: ${error.message}`, error.missingGpg ? 2 : 1);
    throw error;
  }
  try {
    const commits = await loadLogHistory(repo, commit, { gnupgHome: keyring.home });
    return {
      commits: commits.map(
        ({ sha, files, signature = "N" }) => SIGNED_BY_KEY.has(signature) ? { sha, files } : { sha, files, problem: SIGNATURE_PROBLEMS[signature] ?? `signature check ${signature}` }
      ),
      signatures: true
    };
  } finally {
    await keyring.dispose();
  }
}
async function loadFromGit(options, source, io, progress) {
  const started = performance.now();
  const repo = await loadObjectRepository(resolve(io.cwd, source.dir), io.env);
  if (repo === void 0) {
    throw new CliError(
      `${source.dir}: not a git repository: audit reads the ${options.branch} branch of a local clone (or pass --repo OWNER/NAME)`
    );
  }
  const log = await findDecisionLogCommit(repo, options.branch);
  if (log === void 0) {
    io.stderr.write(
      `gatehouse: no decisions recorded yet (no ${options.branch} branch in ${repo.dir}); if origin has one, fetch it: git fetch origin ${options.branch}:${options.branch}
`
    );
    return { entries: [], source: `no ${options.branch} branch in ${repo.dir}` };
  }
  const loadingHistory = loadHistoryFromGit(options, repo, log.commit, io);
  loadingHistory.catch(() => {
  });
  const files = await loadDecisionLogFilesAt(repo, log.commit, options.path);
  const entries = [];
  for (const file of files) {
    if (file.text === void 0) writeWarning(io, `${log.ref}:${file.path}: git could not read it`);
    entries.push({ path: file.path, text: file.text ?? "" });
  }
  const history = await loadingHistory;
  progress.line(
    `read ${count(entries.length, "file")} and ${count(history.commits.length, "log commit")} from ${log.ref} (${log.commit.slice(0, 12)}) in ${seconds2(performance.now() - started)}`
  );
  return {
    entries,
    history,
    source: `${log.ref}@${log.commit.slice(0, 12)}:${options.path || "."} in ${repo.dir}`
  };
}
async function loadFromGitHub(options, source, io, progress) {
  const name = `${source.owner}/${source.repo}`;
  const token = readToken(io.env);
  if (token === void 0) {
    throw new CliError(
      `--repo reads ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read it, or audit a clone with --git DIR`
    );
  }
  const api = readApiUrls(io.env);
  const github = createGitHubClient({
    auth: token,
    // An audit only reads. Its GraphQL queries are reads too, but the throttling plugin spaces
    // every POST a second apart as if it were a write: 100 queries would wait 100 s for nothing.
    // They are still sent one at a time, and rate limits are still waited out (capped).
    spaceWrites: false,
    ...api.baseUrl === void 0 ? {} : { baseUrl: api.baseUrl },
    log: {
      debug: () => {
      },
      info: () => {
      },
      warn: (message) => writeWarning(io, message),
      error: (message) => writeWarning(io, message)
    }
  });
  const requests = countRequests(github);
  const started = performance.now();
  const log = { owner: source.owner, repo: source.repo, branch: options.branch, path: options.path };
  const loaded = await withGitHubErrors(
    name,
    () => loadAuditRecords(github, log, {
      ...api.graphqlUrl === void 0 ? {} : { graphqlUrl: api.graphqlUrl },
      onProgress: (read, total) => progress.update(`reading ${name}: ${count(read, "record")} of ${total.toLocaleString("en-US")}`)
    })
  );
  progress.update("");
  if (loaded.state === "no_repository")
    throw new CliError(
      `${name}: no such repository, or the token cannot read it (GitHub answers 404 for both)`
    );
  let result;
  if (loaded.state === "no_branch") {
    io.stderr.write(`gatehouse: no decisions recorded yet (no ${options.branch} branch in ${name})
`);
    result = { entries: [], source: `no ${options.branch} branch in ${name}` };
  } else {
    progress.line(
      `read ${count(loaded.files.length, "file")} from ${name} ${options.branch} in ${seconds2(performance.now() - started)} with ${requests.describe()}`
    );
    result = {
      entries: loaded.files,
      source: `${name}@${options.branch}:${options.path || "."} (tree ${loaded.tree.slice(0, 12)})`
    };
  }
  if (options.app !== void 0) {
    const before = requests.total();
    const subjects = result.entries.flatMap((entry) => {
      const parsed = parseDecisionRecord(entry.text);
      return "error" in parsed ? [] : [parsed.record.subject.sha];
    });
    const app = options.app;
    result.provenance = await withGitHubErrors(name, async () => {
      try {
        return await loadLogProvenance(
          github,
          { owner: source.owner, repo: source.repo, branch: options.branch, app },
          subjects,
          api.graphqlUrl === void 0 ? {} : { graphqlUrl: api.graphqlUrl }
        );
      } catch (error) {
        if (error instanceof UnknownAppError) throw new CliError(error.message);
        throw error;
      }
    });
    progress.line(
      `checked ${count(result.provenance.anchors.length, "anchor")} of ${app} and ${count(result.provenance.foreignCommits.length, "foreign log commit")} with ${count(requests.total() - before, "request")}`
    );
  }
  if (options.ref !== void 0 || options.pullRequest !== void 0) {
    const before = requests.total();
    const evidence = await withGitHubErrors(
      name,
      () => loadCheckRunEvidence(github, {
        owner: source.owner,
        repo: source.repo,
        ...options.ref === void 0 ? {} : { ref: options.ref },
        ...options.pullRequest === void 0 ? {} : { pullRequest: options.pullRequest }
      })
    );
    if (evidence.state === "no_ref")
      throw new CliError(`--ref ${evidence.ref}: no such branch, tag or commit in ${name}`);
    if (evidence.state === "no_pull_request")
      throw new CliError(`--pr ${evidence.pullRequest}: ${name} has no such pull request`);
    result.checkRuns = evidence.checkRuns;
    result.checkedCommits = evidence.commits;
    progress.line(
      `read ${count(evidence.checkRuns.length, "gatehouse check run")} on ${count(evidence.commits.length, "commit")} with ${count(requests.total() - before, "request")}`
    );
  }
  return result;
}
async function withGitHubErrors(repository, read) {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const status = readStatus(error);
    if (status === 401)
      throw new CliError(
        `GitHub refused the token (401): set GITHUB_TOKEN to a token that can read ${repository}`
      );
    if (status === 403) {
      throw new CliError(
        `GitHub denied the request (403): ${describeRequestError(error)}; the token needs read access to the contents (and, for --ref and --pr, the checks) of ${repository}`
      );
    }
    throw new CliError(`reading ${repository} from GitHub failed: ${describeRequestError(error)}`);
  }
}
var REQUEST_KINDS = [
  { name: "tree listing", test: /\/git\/trees\// },
  { name: "GraphQL query", plural: "GraphQL queries", test: /graphql$/ },
  { name: "blob read", test: /\/git\/blobs\// },
  { name: "check-run listing", test: /\/check-runs$/ },
  { name: "pull request commit listing", test: /\/pulls\/[^/]+\/commits$/ },
  { name: "log commit listing", test: /\/commits$/ },
  { name: "user lookup", test: /^\/users\// },
  { name: "ref lookup", test: /\/commits\/[^/]+$/ },
  { name: "repository lookup", test: /^\/repos\/[^/]+\/[^/]+$/ }
];
function countRequests(github) {
  const other = { name: "other request", test: /$/ };
  const counts = /* @__PURE__ */ new Map();
  github.hook.before("request", (request) => {
    const path = request.url.split("?")[0] ?? "";
    const kind = REQUEST_KINDS.find((entry) => entry.test.test(path)) ?? other;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  const total = () => [...counts.values()].reduce((sum, n) => sum + n, 0);
  return {
    total,
    describe: () => `${count(total(), "request")} (${[...counts].map(([kind, n]) => count(n, kind.name, kind.plural)).join(", ")})`
  };
}
function createProgress(io, verbose) {
  const terminal = io.stderr.isTTY === true;
  let shown = false;
  return {
    line(text) {
      if (verbose || terminal) io.stderr.write(`gatehouse: ${text}
`);
    },
    update(text) {
      if (!terminal) return;
      if (text === "") {
        if (shown) io.stderr.write("\r\x1B[K");
        shown = false;
        return;
      }
      io.stderr.write(`\r\x1B[Kgatehouse: ${text}`);
      shown = true;
    }
  };
}
function seconds2(ms) {
  return `${(ms / 1e3).toFixed(ms < 1e4 ? 2 : 1)} s`;
}
function describeFsError(error) {
  const code2 = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
  if (code2 === "ENOENT") return "no such folder";
  if (code2 === "EISDIR") return "is a directory";
  if (code2 === "EACCES" || code2 === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
export {
  auditCommand
};
