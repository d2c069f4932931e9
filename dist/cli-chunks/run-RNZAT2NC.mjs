#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  checkLogCommit,
  createExecutionId,
  createExecutionKey,
  createExecutionRecordPath,
  createPullRequestRequest,
  createRecordDigest,
  describeNeed,
  evaluateGate,
  isApprovedMerge,
  isExecutionRecordPath,
  loadAgentContext,
  parseExecutionRecord,
  parseRecordAnchor,
  parseSpec,
  readApproval,
  readExecutionStart,
  renderApprovalRequest,
  renderCheckRun,
  requestApproval
} from "./chunk-GQLGEMEA.mjs";
import {
  createGitHubClient
} from "./chunk-IUAWMKOS.mjs";
import {
  MAX_ENVIRONMENT_REVIEWERS,
  POLICY_DEFAULTS,
  formatDuration,
  formatPolicyProblem,
  loadFile,
  loadPolicy,
  parseDuration,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends
} from "./chunk-OKDCQHHN.mjs";
import {
  BIDI_CONTROLS,
  GitError,
  createDecisionId,
  createDecisionRecordPath,
  escapeMarkdownInline,
  hashRequest,
  loadChangedFiles,
  loadConfigValue,
  loadDecisionLog,
  loadDecisionLogFiles,
  loadFileAtCommit,
  loadHeadCommit,
  loadLogHistory,
  loadMergeBase,
  loadObjectRepository,
  loadRepository,
  parseDecisionRecord,
  renderCode,
  resolveBranchName,
  resolveCommit
} from "./chunk-TQVKTJNK.mjs";
import "./chunk-QZTRVKXB.mjs";
import {
  CliError,
  UsageError,
  hookCommand
} from "./chunk-CN2JQIOH.mjs";
import "./chunk-MHDVFN3P.mjs";
import {
  createFileIndex,
  createPathRule,
  matchFiles,
  matchesAnyGlob,
  readReviewerGroup
} from "./chunk-7BJKTZYL.mjs";
import {
  suggest
} from "./chunk-M5LWBTWZ.mjs";
import {
  describeRequestError,
  policySchema,
  readStatus
} from "./chunk-OR7DPDQB.mjs";
import {
  external_exports
} from "./chunk-NVVDLLUC.mjs";
import {
  DECISIONS,
  DEFAULT_CONFIG_PATH,
  LEVELS,
  PASSING_DECISIONS,
  createCheckName,
  parseCheckName
} from "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/command.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
function parseCommandArgs(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(config.options ?? {})));
  }
}
function checkPositionals(positionals, max) {
  if (positionals.length <= max) return;
  const extra = positionals.slice(max).join(" ");
  throw new UsageError(max === 0 ? `unexpected argument: ${extra}` : `too many arguments: ${extra}`);
}
function describeParseError(error, options) {
  const message = error instanceof Error ? error.message : String(error);
  const code3 = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (code3) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const close = quoted?.startsWith("--") === true ? suggest(quoted.slice(2), [...options, "help", "debug"]) : void 0;
      return `unknown option ${quoted ?? message}${close === void 0 ? "" : ` (did you mean --${close}?)`}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return quoted === void 0 ? message : `option ${quoted.replace(/ <value>$/, "")} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument: ${quoted ?? message}`;
    default:
      return message;
  }
}
function parseChoice(name, value, choices) {
  if (value === void 0) return void 0;
  if (choices.includes(value)) return value;
  throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`);
}
function parseText(name, value) {
  if (value === void 0) return void 0;
  if (value.trim() === "") throw new UsageError(`--${name} needs a non-empty value`);
  return value;
}
async function loadTextFile(path, shownAs) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code3 = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
    switch (code3) {
      case "ENOENT":
      case "ENOTDIR":
        throw new CliError(`${shownAs}: no such file`);
      case "EISDIR":
        throw new CliError(`${shownAs}: is a directory, expected a file`);
      case "EACCES":
      case "EPERM":
        throw new CliError(`${shownAs}: permission denied`);
      default:
        throw new CliError(
          `${shownAs}: cannot read: ${error instanceof Error ? error.message : String(error)}`
        );
    }
  }
}
function writeWarning(io, message) {
  io.stderr.write(`gatehouse: warning: ${message}
`);
}

// src/cli/github-access.ts
function readToken(env) {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  return token === void 0 || token === "" ? void 0 : token;
}
function readApiUrls(env) {
  const baseUrl = env.GITHUB_API_URL?.replace(/\/+$/, "");
  if (baseUrl === void 0 || baseUrl === "" || baseUrl === "https://api.github.com") return {};
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || baseUrl.replace(/\/api\/v3$/, "/api/graphql");
  return { baseUrl, graphqlUrl: graphqlUrl === baseUrl ? `${baseUrl}/graphql` : graphqlUrl };
}
function parseRepositoryName(value) {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  return match?.[1] === void 0 || match[2] === void 0 ? void 0 : { owner: match[1], repo: match[2] };
}

// src/cli/agent-answer.ts
var ANSWER_FORMATS = ["text", "json"];
var DEFAULT_WAIT_MS = 60 * 6e4;
function parseWait(wait, timeout) {
  if (timeout !== void 0 && wait !== true) throw new UsageError("--timeout needs --wait");
  if (wait !== true) return 0;
  if (timeout === void 0) return DEFAULT_WAIT_MS;
  const ms = parseDuration(timeout);
  if (ms === void 0 || ms <= 0)
    throw new UsageError(`--timeout must be a duration such as 30s, 15m or 2h, got "${timeout}"`);
  return ms;
}
function parseRepo(value) {
  if (value === void 0) return void 0;
  const name = parseRepositoryName(value);
  if (name === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}
async function loadCliAgentContext(io, options) {
  return asSetup(
    () => loadAgentContext({
      env: io.env,
      cwd: io.cwd,
      now: io.now,
      warn: (message) => writeWarning(io, message),
      ...io.sleep === void 0 ? {} : { sleep: io.sleep },
      ...options.repo === void 0 ? {} : { repo: options.repo },
      ...options.onBehalfOf === void 0 ? {} : { onBehalfOf: options.onBehalfOf },
      ...options.agent === void 0 ? {} : { agent: options.agent },
      ...options.sha === void 0 ? {} : { sha: options.sha }
    })
  );
}
async function asSetup(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw new CliError(error.message, 2);
    throw error;
  }
}
function writeAnswer(answer, format, io) {
  if (format === "json") {
    const { exitCode: _exit, ...fields } = answer;
    io.stdout.write(`${JSON.stringify(fields, null, 2)}
`);
    return answer.exitCode;
  }
  const lines = [`${answer.decision}${answer.tier === void 0 ? "" : ` (tier ${answer.tier})`}`];
  if (answer.option !== void 0) lines.push(`option: ${answer.option}`);
  if (answer.modifications !== void 0) lines.push(`modifications: ${answer.modifications}`);
  if (answer.reason !== void 0) lines.push(`reason: ${answer.reason}`);
  if (answer.requestUrl !== void 0) lines.push(`request: ${answer.requestUrl}`);
  if (answer.resume !== void 0) lines.push(`resume: ${answer.resume}`);
  io.stdout.write(`${lines.join("\n")}
`);
  return answer.exitCode;
}

// src/cli/commands/ask.ts
var askCommand = {
  name: "ask",
  summary: "ask for approval on GitHub before doing something (an agent or a script)",
  usage: "gatehouse ask --title TEXT [--kind K] [--environment E] [--details T] [--rollback T] [--recommendation T] [--option O]... [--cost USD] [--spec FILE] [--on-behalf-of LOGIN] [--agent NAME] [--repo OWNER/NAME] [--sha SHA] [--wait [--timeout D]] [--format text|json]",
  help: `Asks for approval of one action under the policy of the repository's default branch. A kind the
policy lets through (allow:, a proceed or notify tier) is answered at once, with no issue. Otherwise
Gatehouse opens an approval issue (the same request again finds the same issue) and the people
the policy names decide there with /approve, /reject, /modify or /delay. The token's account is the
requester and can never approve, nor can --on-behalf-of; what is declared can raise the risk,
never lower it.

  --title TEXT          the action asked for, in one line (required)
  --kind K              the action kind the policy's rules and allow: list match
  --environment E       the environment the action targets
  --details T           the context: why, what it touches
  --rollback T          how to undo it (required by approve-level rules)
  --recommendation T    what the requester recommends
  --option O            an option the approver can pick (repeat it; "name: description")
  --cost USD            the cost in US dollars, for the cost factor
  --spec FILE           a spec file (front matter and sections) from the working tree
  --on-behalf-of LOGIN  the person the agent acts for: recorded, and never an approver
  --agent NAME          the agent's name, recorded on the issue and in the decision record
  --repo OWNER/NAME     the repository (default: the clone's origin)
  --sha SHA             the commit the request binds to (default: the clone's HEAD, else the
                        default branch's head); another commit asks again
  --wait                wait for a decision, with conditional requests (304s cost no rate limit)
  --timeout D           how long --wait waits (30s, 15m, 2h; default 1h)
  --format text|json    text (default), or JSON: decision, tier, option, modifications, reason,
                        requestUrl, issueNumber, decisionId, resume (the command that waits on)

Needs GITHUB_TOKEN (or GH_TOKEN) with issues: write on the repository; GITHUB_API_URL for
Enterprise Server. Exit codes: 0 approved or auto-approved, 1 rejected, expired or not ready for
approval, 3 pending (the output names the issue and the command that resumes), 2 usage or setup
error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: false,
      options: {
        title: { type: "string" },
        kind: { type: "string" },
        environment: { type: "string" },
        details: { type: "string" },
        rollback: { type: "string" },
        recommendation: { type: "string" },
        option: { type: "string", multiple: true },
        cost: { type: "string" },
        spec: { type: "string" },
        "on-behalf-of": { type: "string" },
        agent: { type: "string" },
        repo: { type: "string" },
        sha: { type: "string" },
        wait: { type: "boolean" },
        timeout: { type: "string" },
        format: { type: "string" }
      }
    });
    checkPositionals(positionals, 0);
    const title = parseText("title", values.title);
    if (title === void 0) throw new UsageError("--title is required: what do you ask to do?");
    const waitMs = parseWait(values.wait, values.timeout);
    const format = parseChoice("format", values.format, ANSWER_FORMATS) ?? "text";
    const repo = parseRepo(values.repo);
    const sha = parseSha(values.sha);
    const onBehalfOf = parseText("on-behalf-of", values["on-behalf-of"]);
    const agent = parseText("agent", values.agent);
    const input = {
      title,
      ...texts({
        kind: parseText("kind", values.kind),
        environment: parseText("environment", values.environment),
        details: parseText("details", values.details),
        rollback: parseText("rollback", values.rollback),
        recommendation: parseText("recommendation", values.recommendation),
        spec: parseText("spec", values.spec)
      }),
      ...values.option === void 0 ? {} : { options: values.option },
      ...values.cost === void 0 ? {} : { cost: parseCost(values.cost) },
      ...onBehalfOf === void 0 ? {} : { onBehalfOf },
      ...agent === void 0 ? {} : { agent }
    };
    const context = await loadCliAgentContext(io, {
      ...repo === void 0 ? {} : { repo },
      ...onBehalfOf === void 0 ? {} : { onBehalfOf },
      ...agent === void 0 ? {} : { agent },
      ...sha === void 0 ? {} : { sha }
    });
    const answer = await asSetup(() => requestApproval(context, input, { waitMs }));
    return writeAnswer(answer, format, io);
  }
};
function texts(fields) {
  return Object.fromEntries(
    Object.entries(fields).filter((entry) => entry[1] !== void 0)
  );
}
function parseCost(value) {
  const cost = Number(value);
  if (value.trim() === "" || !Number.isFinite(cost) || cost < 0)
    throw new UsageError(`--cost must be an amount in US dollars such as 12.50, got "${value}"`);
  return cost;
}
function parseSha(value) {
  if (value === void 0) return void 0;
  if (!/^[0-9a-f]{40}$/i.test(value))
    throw new UsageError(`--sha must be a full 40-digit commit SHA, got "${value}"`);
  return value.toLowerCase();
}

// src/cli/commands/audit.ts
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";

// src/core/audit/describe-audit.ts
function formatSeconds(seconds3) {
  if (seconds3 === null) return "\u2013";
  return seconds3 < 0 ? `-${formatDuration(-seconds3 * 1e3)}` : formatDuration(seconds3 * 1e3);
}
function count(n, noun, plural2 = `${noun}s`) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural2}`;
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
function announcesDecision(run2) {
  if (run2.status !== "completed" || run2.externalId === null || !DECISION_ID.test(run2.externalId))
    return false;
  if (run2.conclusion === "success") return true;
  if (run2.conclusion !== "failure" || run2.title === void 0) return false;
  const title = run2.title;
  return !UNDECIDED_TITLES.some((prefix) => title.startsWith(prefix));
}
function evaluateCheckRuns(records, ids, runs, commits) {
  const gateRuns = runs.filter((run2) => isGateCheckName(run2.name));
  const findings = [];
  for (const run2 of [...gateRuns].sort((a, b) => a.id - b.id)) {
    const id = run2.externalId ?? "";
    if (!announcesDecision(run2) || ids.has(id)) continue;
    findings.push({
      code: "check_run_without_record",
      path: null,
      id,
      checkRunId: run2.id,
      message: `check run ${run2.id} (${run2.name}, ${run2.conclusion} on ${run2.headSha.slice(0, 12)}) announced decision ${id}, but the log has no record of it: the record was deleted, or the run was not written by Gatehouse`
    });
  }
  const audited = new Set((commits ?? gateRuns.map((run2) => run2.headSha)).map((sha) => sha.toLowerCase()));
  const announced = new Set(gateRuns.map((run2) => run2.externalId));
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
var newestFirst = (a, b) => Date.parse(b.record.times.decided_at) - Date.parse(a.record.times.decided_at) || (a.record.id < b.record.id ? 1 : -1);
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
function describeUnapproved(record, last) {
  const what = describeRun(record);
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
  const decided = /* @__PURE__ */ new Map();
  const byEnvironment = /* @__PURE__ */ new Map();
  for (const read of records) {
    const gate = gateKeyOfDecision(read.record);
    if (gate === void 0) continue;
    const entry = decided.get(gate.key) ?? { type: gate.type, list: [] };
    entry.list.push(read);
    decided.set(gate.key, entry);
    if (gate.type === "deployment" && read.record.gate.environment !== void 0) {
      const key = environmentKey(read.record.repository, read.record.gate.environment);
      byEnvironment.set(key, [...byEnvironment.get(key) ?? [], read]);
    }
  }
  for (const { list } of decided.values()) list.sort(newestFirst);
  for (const list of byEnvironment.values()) list.sort(newestFirst);
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
    if (last !== void 0 && isPassing(last.record) && last.record.subject.sha.toLowerCase() === head)
      continue;
    const others = record.execution.type === "deployment" ? before(
      byEnvironment.get(
        environmentKey(record.repository, record.subject.environment)
      ) ?? []
    ) : own;
    const approval = own.find((decision) => isPassing(decision.record)) ?? others.find((decision) => isPassing(decision.record));
    ranWithoutApproval.push(createRow(read, approval));
    const code3 = FINDING[record.execution.type];
    read.findings.push(code3);
    findings.push({
      code: code3,
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
function finding(code3, path, id, message) {
  return { code: code3, path, id, checkRunId: null, message };
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
    const batch = timed.slice(index, end).map(({ record }) => record);
    for (const record of batch) {
      const subjects = subjectsOf(record);
      const pullRequest = record.subject.pull_request;
      precedents.set(
        record,
        subjects.length === 0 ? null : subjects.every((subject) => approvedBefore(approvals.get(subject), pullRequest)) ? "routine" : "first_time"
      );
    }
    for (const record of batch) {
      if (!PASSING_DECISIONS.includes(record.decision) || record.subject.target_branch === void 0)
        continue;
      for (const subject of subjectsOf(record)) {
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
function finding2(code3, path, id, checkRunId, message) {
  return { code: code3, path, id, checkRunId, message };
}
function evaluateProvenance(entries, records, evidence, folder) {
  const findings = [];
  const texts2 = new Map(entries.map((entry) => [entry.path, entry.text]));
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
    const digest = createRecordDigest(texts2.get(path) ?? "");
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
    if (texts2.has(anchor.path) || seen.has(anchor.path)) continue;
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
  const gateRuns = options.checkRuns?.filter((run2) => isGateCheckName(run2.name));
  const commits = new Set(
    (options.checkedCommits ?? gateRuns?.map((run2) => run2.headSha) ?? []).map((sha) => sha.toLowerCase())
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
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([code3, n]) => ({ code: code3, count: n, meaning: meanings[code3] ?? "" }));
}
function listFindingMeanings(report) {
  return [...new Set(report.findings.map((finding3) => finding3.code))].map((code3) => [
    code3,
    FINDING_MEANINGS[code3]
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
function anchorOf(code3) {
  return `finding-${code3.toLowerCase().replace(/[^a-z0-9_-]+/g, "-")}`;
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
        ({ code: code3, count: n, meaning }) => `<tr><td><code>${escapeHtml(code3)}</code></td><td class="num">${n}</td><td class="prose">${meaning === "" ? "\u2013" : escapeHtml(meaning)}</td></tr>`
      )
    )
  );
  for (const { code: code3, count: n } of counts) {
    const rows = report.findings.filter((finding3) => finding3.code === code3).map((finding3) => {
      const where = finding3.path === null ? `<td>check run ${escapeHtml(String(finding3.checkRunId ?? "?"))}</td>` : `<td>${renderPath(finding3.path)}</td>`;
      const id = finding3.id === null ? "\u2013" : `<code>${escapeHtml(finding3.id)}</code>`;
      return `<tr>${where}<td>${id}</td><td class="prose">${renderCell2({ prose: finding3.message, maxChars: 500 })}</td></tr>`;
    });
    lines.push(
      `<details id="${escapeHtml(anchorOf(code3))}"${n <= OPEN_FINDINGS ? " open" : ""}>`,
      `<summary><code>${escapeHtml(code3)}</code>: ${escapeHtml(count(n, "finding"))}</summary>`,
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
  const texts2 = await loadBlobTexts(github, location, [...new Set(blobs.map((blob) => blob.sha))], options);
  const files = blobs.map((blob) => ({ path: blob.path, text: texts2.get(blob.sha) ?? "" }));
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
  const texts2 = /* @__PURE__ */ new Map();
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
      texts2.set(
        sha,
        blob.text === null || blob.isTruncated ? await loadBlobText(github, location, sha) : blob.text
      );
    }
    options.onProgress?.(Math.min(start + size, shas.length), shas.length);
  }
  return texts2;
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
    for (const run2 of listed) {
      if (!isGateCheckName(run2.name)) continue;
      runs.set(run2.id, {
        id: run2.id,
        name: run2.name,
        headSha: run2.head_sha,
        status: run2.status,
        conclusion: run2.conclusion,
        externalId: run2.external_id === "" ? null : run2.external_id,
        completedAt: run2.completed_at,
        ...run2.html_url === null ? {} : { url: run2.html_url },
        ...run2.output.title === null ? {} : { title: run2.output.title }
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
        for (const run2 of suite.checkRuns?.nodes ?? []) {
          const anchor = parseRecordAnchor(run2?.text);
          if (anchor === void 0 || run2 === null || run2.databaseId === null) continue;
          anchors.push({ ...anchor, checkRunId: run2.databaseId, externalId: run2.externalId, headSha: sha });
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
  return new Promise((resolve5, reject) => {
    execFile(
      "gpg",
      args,
      { env: { ...env, GNUPGHOME: home }, windowsHide: true },
      (error, _stdout, stderr) => {
        if (error === null) return resolve5();
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
  summary: "check and summarise the decision records of the gatehouse-log branch",
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
  const log = await loadDecisionLogFiles(repo, { branch: options.branch, path: options.path });
  if (log === void 0) {
    io.stderr.write(
      `gatehouse: no decisions recorded yet (no ${options.branch} branch in ${repo.dir}); if origin has one, fetch it: git fetch origin ${options.branch}:${options.branch}
`
    );
    return { entries: [], source: `no ${options.branch} branch in ${repo.dir}` };
  }
  const entries = [];
  for (const file of log.files) {
    if (file.text === void 0) writeWarning(io, `${log.ref}:${file.path}: git could not read it`);
    entries.push({ path: file.path, text: file.text ?? "" });
  }
  const history = await loadHistoryFromGit(options, repo, log.commit, io);
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
  const code3 = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
  if (code3 === "ENOENT") return "no such folder";
  if (code3 === "EISDIR") return "is a directory";
  if (code3 === "EACCES" || code3 === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

// src/cli/commands/mcp.ts
var mcpCommand = {
  name: "mcp",
  summary: "serve request_approval and get_approval to an agent (an MCP server on stdio)",
  usage: "gatehouse mcp [--repo OWNER/NAME] [--agent NAME]",
  help: `Serves the Model Context Protocol on stdin and stdout until stdin closes, for agents that ask
on their own initiative. An MCP client (Claude Code, an IDE, your own agent) starts it as a
command. Tools:
  request_approval   opens (or finds) the approval issue for an action and answers its decision:
                     approved, auto_approved, pending (with the issue's URL), rejected, expired,
                     not_ready; waits up to wait_seconds (at most 50, inside clients' timeouts)
  get_approval       reads the decision of a request by its number or URL, waiting the same way

Requests are decided on GitHub under the policy on the repository's default branch, never the
policy in the working tree. Needs GITHUB_TOKEN (or GH_TOKEN) of the account the agent asks as,
which can open issues on the repository; GITHUB_API_URL points at GitHub Enterprise Server. A
missing token or an unreachable API is answered as a tool error, and the server keeps serving.
Only protocol goes to stdout; diagnostics go to stderr. See docs/agents.md.

Options:
  --repo OWNER/NAME    the repository the requests are opened in (default: the GitHub repository of
                       the clone's origin remote, in the current directory)
  --agent NAME         the agent's name on every request (default: the name the tool call gives,
                       else the MCP client's own name)

Exit codes: 0 stdin closed, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { repo: { type: "string" }, agent: { type: "string" } },
      allowPositionals: true,
      strict: true
    });
    checkPositionals(positionals, 0);
    const repo = parseText("repo", values.repo);
    const repository = repo === void 0 ? void 0 : parseRepository2(repo);
    const agent = parseText("agent", values.agent);
    if (io.stdin === void 0) throw new CliError("mcp serves on stdin, and this process has none");
    const log = (line) => {
      io.stderr.write(`${line}
`);
    };
    const { serveGatehouseMcp } = await import("./serve-gatehouse-mcp-K3HBXS4J.mjs");
    await serveGatehouseMcp(
      {
        version: "1.0.0",
        loadContext: () => loadAgentContext({
          env: io.env,
          cwd: io.cwd,
          now: io.now,
          ...repository === void 0 ? {} : { repo: repository },
          ...io.sleep === void 0 ? {} : { sleep: io.sleep },
          warn: (message) => io.stderr.write(`gatehouse mcp: ${message}
`)
        }),
        requestApproval,
        readApproval,
        ...agent === void 0 ? {} : { agent },
        log
      },
      io.stdin,
      io.stdout
    );
    return 0;
  }
};
function parseRepository2(value) {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (match === null) throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}

// src/cli/commands/plan.ts
import { readFile as readFile2, realpath } from "node:fs/promises";
import { isAbsolute, join as join2, relative, resolve as resolve2, sep } from "node:path";

// src/core/render/markdown-text.ts
var ESCAPABLE = /[!-/:-@[-`{-~]/;
var ENTITIES2 = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
var HEADING = /^(#{1,6})\s+(.*?)\s*$/;
var TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
var ZERO_WIDTH_SPACE = /\u200B/g;
var CONTROLS2 = new RegExp("\\p{Cc}", "gu");
function renderMarkdownAsText(markdown) {
  const lines = markdown.split("\n");
  const out = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*<\/?details>\s*$/.test(line)) continue;
    const summary = /^\s*<summary>(.*)<\/summary>\s*$/.exec(line);
    if (summary !== null) {
      out.push(renderInline(summary[1] ?? ""));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const text2 = renderInline(heading[2] ?? "");
      const level = heading[1]?.length ?? 1;
      out.push(text2);
      if (level <= 2) out.push((level === 1 ? "=" : "-").repeat(Array.from(text2).length));
      continue;
    }
    if (line.startsWith("|") && TABLE_DELIMITER.test(lines[index + 1] ?? "")) {
      const rows = [splitRow(line)];
      index += 2;
      while (index < lines.length && (lines[index] ?? "").startsWith("|"))
        rows.push(splitRow(lines[index++] ?? ""));
      index--;
      out.push(...renderTable3(rows));
      continue;
    }
    out.push(renderInline(line.replace(/(?:\\| {2,})$/, "")));
  }
  const text = out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  return `${text.replace(ZERO_WIDTH_SPACE, "").replace(BIDI_CONTROLS, "").replace(CONTROLS2, (char) => char === "\n" ? char : "\uFFFD")}
`;
}
function splitRow(line) {
  const cells = [];
  let cell = "";
  const body = line.trim().replace(/^\|/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === "\\" && body[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (char === "|") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  if (cell.trim() !== "") cells.push(cell);
  return cells.map((text) => renderInline(text.trim()));
}
function renderTable3(rows) {
  const widths = [];
  for (const row of rows)
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Array.from(cell).length);
    });
  const render = (row) => widths.map((width, column) => {
    const cell = row[column] ?? "";
    return cell + " ".repeat(width - Array.from(cell).length);
  }).join("  ").trimEnd();
  const [header = [], ...body] = rows;
  return [render(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(render)];
}
function renderInline(text) {
  const parts = [];
  const delimiters = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (char === "\\" && ESCAPABLE.test(text[i + 1] ?? "")) {
      parts.push(text[i + 1] ?? "");
      i += 2;
    } else if (char === "`") {
      const run2 = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const end = findClosingRun(text, i + run2.length, run2.length);
      if (end === -1) {
        parts.push(run2);
        i += run2.length;
      } else {
        const content = text.slice(i + run2.length, end);
        parts.push(/^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content);
        i = end + run2.length;
      }
    } else if (char === "&") {
      const entity = /^&(amp|lt|gt|quot|#39);/.exec(text.slice(i));
      parts.push(entity === null ? "&" : ENTITIES2[entity[1] ?? ""] ?? "&");
      i += entity === null ? 1 : entity[0].length;
    } else if (char === "*" || char === "_") {
      const run2 = char === "*" ? /^\*+/.exec(text.slice(i))?.[0] ?? "*" : /^_+/.exec(text.slice(i))?.[0] ?? "_";
      const before = text[i - 1] ?? " ";
      const after = text[i + run2.length] ?? " ";
      const left = !/\s/.test(after) && (char === "*" || !/[\p{L}\p{N}]/u.test(before));
      const right = !/\s/.test(before) && (char === "*" || !/[\p{L}\p{N}]/u.test(after));
      delimiters.push({ part: parts.length, char, length: run2.length, open: left, close: right });
      parts.push(run2);
      i += run2.length;
    } else {
      parts.push(char);
      i++;
    }
  }
  const openers = [];
  for (const delimiter of delimiters) {
    const opener = delimiter.close ? openers.findLast((candidate) => candidate.char === delimiter.char) : void 0;
    if (opener !== void 0) {
      openers.splice(openers.indexOf(opener), 1);
      parts[opener.part] = "";
      parts[delimiter.part] = "";
    } else if (delimiter.open) openers.push(delimiter);
  }
  return parts.join("");
}
function findClosingRun(text, from, length) {
  let i = text.indexOf("`", from);
  while (i !== -1) {
    const run2 = /^`+/.exec(text.slice(i))?.[0].length ?? 1;
    if (run2 === length) return i;
    i = text.indexOf("`", i + run2);
  }
  return -1;
}

// src/core/plan.ts
var PLAN_VERSION = 1;
function formatPolicySource(source) {
  return source.kind === "base" ? `base:${source.ref}` : `file:${source.path}`;
}
function createPlan(input) {
  const common = {
    version: PLAN_VERSION,
    repository: input.repository,
    base: { ...input.base },
    head: { ...input.head },
    policy: { source: formatPolicySource(input.policySource) },
    files: { count: input.files.paths.length, complete: input.files.complete },
    specs: input.specs.map((spec) => ({
      path: spec.path,
      problems: spec.problems.map(({ line, column, message }) => ({ line, column, message }))
    })),
    log: input.log === void 0 ? null : { ...input.log },
    notes: [...input.notes]
  };
  if (input.policy === void 0) {
    const { notes: notes2, ...before2 } = common;
    return { ...before2, state: "no_policy", notes: notes2 };
  }
  const { policy, request, result, now } = input;
  const check = renderCheckRun(request, result, policy, { now });
  const gate = {
    kind: request.gate.kind,
    check: createCheckName(request.gate.environment, request.gate.into)
  };
  if (request.gate.environment !== void 0) gate.environment = request.gate.environment;
  const summary = {
    hash: hashRequest(request),
    markdown: renderApprovalRequest(request, result, policy)
  };
  if (request.action !== void 0) summary.action = request.action.text;
  if (request.kind !== void 0) summary.kind = request.kind;
  if (request.spec !== void 0) summary.spec = request.spec.path;
  const checkSummary = { name: check.name, status: check.status, title: check.title };
  if (check.conclusion !== void 0) checkSummary.conclusion = check.conclusion;
  const { notes, ...before } = common;
  return {
    ...before,
    gate,
    state: result.state,
    tier: result.risk.tier,
    level: result.risk.level,
    ...result.risk.waived === void 0 ? {} : { waived: result.risk.waived },
    factors: result.risk.factors.map((factor) => ({ ...factor })),
    rules: result.risk.rules.map((rule) => ({ ...rule, reasons: [...rule.reasons], files: [...rule.files] })),
    requirements: result.progress.map((progress) => ({
      rule: progress.rule,
      level: progress.level,
      needed: progress.needed,
      reviewers: progress.reviewers.map((group) => ({
        group,
        entries: [...policy.reviewers[group] ?? []]
      }))
    })),
    readiness: {
      ready: result.readiness.ready,
      missing: result.readiness.missing.map((gap) => ({ ...gap }))
    },
    problems: [...result.problems],
    notes,
    request: summary,
    check: checkSummary
  };
}
function code2(text) {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}
function plural(count3, one, many = `${one}s`) {
  return `${count3} ${count3 === 1 ? one : many}`;
}
function describePolicySource(plan) {
  const source = plan.policy.source;
  if (source.startsWith("base:")) {
    return `the default branch's policy (${code2(source)}): what Gatehouse would use; no branch can relax its own gate`;
  }
  return `${code2(source)}: a working-tree file, given with --config (Gatehouse would read the default branch's)`;
}
function renderHeader2(plan) {
  const merge = plan.base.mergeBase === plan.base.sha ? "" : `, merge base ${code2(plan.base.mergeBase.slice(0, 7))}`;
  const files = plan.files.count === 0 ? "no changed files" : plural(plan.files.count, "changed file");
  const lines = [
    `- **Base:** ${code2(plan.base.ref)} at ${code2(plan.base.sha.slice(0, 7))}${merge}; a pull request would target ${code2(plan.base.branch)}`,
    `- **Head:** ${code2(plan.head.sha.slice(0, 7))}, ${files} (commits, uncommitted edits and untracked files)`,
    `- **Policy:** ${describePolicySource(plan)}`
  ];
  if (plan.state === "no_policy") return lines;
  const { log } = plan;
  lines.push(
    log === null ? "- **Precedent:** no local decision log, so precedent counts as first_time" : `- **Precedent:** ${plural(log.records, "decision record")} on ${code2(log.ref)}` + (log.malformed === 0 ? "" : ` (${log.malformed} malformed, skipped)`)
  );
  return lines;
}
function renderRequirement(requirement) {
  const needs = describeNeed(requirement.level, requirement.needed);
  const from = requirement.reviewers.length === 0 ? "anyone with write permission" : requirement.reviewers.map(
    ({ group, entries }) => `${group} (${entries.length === 0 ? "not defined" : entries.join(", ")})`
  ).join(" or ");
  return `- **${requirement.rule}** (${requirement.level} level) needs ${needs} from ${from}`;
}
function renderRule(rule) {
  const lines = [`- **${rule.name}** (${rule.tier} tier, ${rule.level} level): ${rule.reasons.join("; ")}`];
  for (const file of rule.files) lines.push(`  - ${code2(file)}`);
  const more = rule.filesMatched - rule.files.length;
  if (more > 0) lines.push(`  - and ${plural(more, "more file")}`);
  return lines;
}
function renderPlanMarkdown(plan) {
  if (plan.state === "no_policy") {
    return [
      "# Gatehouse plan",
      "",
      ...renderHeader2(plan),
      "",
      plan.policy.source.startsWith("base:") ? `**No policy: Gatehouse would do nothing.** There is no policy file on the default branch (${code2(plan.policy.source)}), so nothing is gated or recorded.` : "**No policy: Gatehouse would do nothing.** There is no policy file, so nothing is gated or recorded.",
      ""
    ].join("\n");
  }
  const lines = [`# Gatehouse plan: ${code2(plan.gate.check)} (${plan.gate.kind.replace("_", " ")} gate)`, ""];
  lines.push(...renderHeader2(plan), "");
  lines.push(
    `**Tier:** ${plan.tier} \xB7 **Level:** ${plan.level} \xB7 **State:** ${plan.state} \xB7 **Check:** ${plan.check.status}${plan.check.conclusion === void 0 ? "" : ` (${plan.check.conclusion})`}: ${plan.check.title}`,
    ""
  );
  if (plan.waived !== void 0) lines.push(`Proceeds without approval: ${plan.waived}`, "");
  lines.push("## Matched rules", "");
  lines.push(...plan.rules.length === 0 ? ["No rule matched."] : plan.rules.flatMap(renderRule), "");
  if (plan.factors.length > 0) {
    lines.push("## Risk factors", "");
    for (const factor of plan.factors)
      lines.push(`- ${factor.factor}: ${factor.value} \u2192 ${factor.tier} (${factor.from})`);
    lines.push("");
  }
  lines.push("## Who must approve", "");
  if (plan.requirements.length === 0) {
    lines.push(`Nobody: the change would proceed (${plan.state}).`);
  } else {
    lines.push(...plan.requirements.map(renderRequirement));
  }
  lines.push("");
  if (!plan.readiness.ready) {
    lines.push("## Not ready for approval", "");
    for (const gap of plan.readiness.missing) {
      const where = gap.source === void 0 ? "" : `${gap.source.path}:${gap.source.line}: `;
      lines.push(`- ${where}${gap.problem}, required by rule **${gap.rule}**`);
    }
    lines.push("");
  }
  if (plan.problems.length > 0) {
    lines.push("## Problems", "");
    for (const problem of plan.problems) lines.push(`- ${problem}`);
    lines.push("");
  }
  lines.push("The request Gatehouse would post:", "", plan.request.markdown, "");
  return lines.join("\n");
}
function renderPlanText(plan) {
  return renderMarkdownAsText(renderPlanMarkdown(plan));
}

// src/cli/commands/plan.ts
var FORMATS2 = ["text", "md", "json"];
var RENDERERS2 = {
  text: renderPlanText,
  md: renderPlanMarkdown,
  json: (plan) => `${JSON.stringify(plan, null, 2)}
`
};
var DEFAULT_BASES = ["origin/HEAD", "main", "master"];
var planCommand = {
  name: "plan",
  summary: "show what would be gated on the local change, and the request Gatehouse would post",
  usage: "gatehouse plan [--spec FILE] [--base REF] [--environment ENV] [--kind KIND] [--config FILE] [--extends-file FILE] [--format text|md|json]",
  help: `Evaluates the gate a pull request from this working tree would get, offline: the changed
files are everything that differs from the merge base with the base ref (commits, staged and
unstaged edits) plus untracked files that are not ignored, so you can plan before committing.

The policy is read from the default branch (origin/HEAD, else main, else master:
${DEFAULT_CONFIG_PATH} as committed there), as Gatehouse reads it from the repository's default
branch whatever the base, so no branch can relax its own gate or another's. Spec files are the changed
files under the policy's specs.paths, read from the working tree. Precedent comes from the local
gatehouse-log branch (or origin/gatehouse-log). Nothing is fetched; no token is needed.

Options:
  --base REF           the branch the change would merge into (default: origin/HEAD, else main,
                       else master)
  --spec FILE          read this spec file too (any path), as if the change added it; with
                       several specs the request is built from the first by path, as Gatehouse does
  --environment ENV    plan the deployment gate for this environment instead of the PR gate
  --kind KIND          the action kind (deploy, migration, docs, \u2026); overrides a spec's kind:
  --config FILE        use this policy file instead of the default branch's, to try a policy change
  --extends-file FILE  a local copy of the policy that extends: names (nothing is fetched)
  --format F           text (default: plain text to read in a terminal), md (the same as
                       Markdown, for a job summary or a comment) or json (described in
                       docs/cli.md)

Exit codes: 0 planned (whatever the tier), 1 invalid policy or a file that cannot be read,
2 usage error.`,
  async run(args, io) {
    const options = parsePlanOptions(args);
    const repo = await loadRepository(io.cwd, io.env);
    if (repo === void 0) {
      throw new CliError(
        "not inside a git repository: plan reads the changes of a local clone; run it there"
      );
    }
    const head = await loadHeadCommit(repo);
    if (head === void 0)
      throw new CliError("HEAD has no commit yet: commit something (or check out a branch) first");
    const base = await resolveBase(repo, options.base);
    const mergeBase = await loadMergeBase(repo, base.sha, head.sha);
    if (mergeBase === void 0)
      throw new CliError(`${base.ref} and HEAD have no commit in common: name the base with --base REF`);
    const paths = await loadChangedFiles(repo, mergeBase);
    const policyBase = await resolveDefaultBase(repo, base, options.base);
    const loaded = await loadPolicy2(repo, policyBase, options, io);
    if (loaded === "invalid") return 1;
    const { source, policy, notes } = loaded;
    const context = {
      repository: await loadRepositoryName(repo),
      base: { ref: base.ref, branch: base.branch, sha: base.sha, mergeBase },
      head: { sha: head.sha },
      policySource: source,
      files: { paths, complete: true }
    };
    if (policy === void 0) {
      writePlan(createPlan({ ...context, specs: [], notes, policy: void 0 }), options, io);
      return 0;
    }
    const specs = await loadSpecs(repo, policy, paths, options.spec, io);
    const now = io.now().toISOString();
    const history = await loadHistory(repo, policy, notes);
    const userName = await loadConfigValue(repo, "user.name");
    const author = { id: 0, login: userName ?? "you", type: "User" };
    const parsed = specs.map((entry) => entry.spec);
    const artifact = [...parsed].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)[0];
    const request = createPullRequestRequest(
      {
        repository: context.repository,
        // No pull request exists yet; the number is not part of what is asked or hashed.
        number: 0,
        title: artifact?.action?.text ?? head.subject,
        body: head.body,
        author,
        headSha: head.sha,
        baseRef: base.branch,
        // Into another base than the default branch: the check Gatehouse would publish is named for it.
        ...base.branch === policyBase.branch ? {} : { into: base.branch },
        labels: [],
        files: { paths, complete: true }
      },
      parsed,
      options.environment
    );
    if (options.kind !== void 0) request.kind = options.kind;
    const facts = {
      head: { sha: head.sha, since: now },
      statements: [],
      permissions: {},
      teams: {},
      selfIds: [],
      requestedAt: now,
      ...history.decisions === void 0 ? {} : { history: history.decisions }
    };
    const result = evaluateGate(policy, request, facts, now);
    const plan = createPlan({
      ...context,
      specs: specs.map(({ spec, problems }) => ({ path: spec.path, problems })),
      log: history.log,
      notes,
      policy,
      request,
      result,
      now
    });
    writePlan(plan, options, io);
    return 0;
  }
};
function parsePlanOptions(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      spec: { type: "string" },
      base: { type: "string" },
      environment: { type: "string" },
      kind: { type: "string" },
      config: { type: "string" },
      "extends-file": { type: "string" },
      format: { type: "string" }
    },
    allowPositionals: true,
    strict: true
  });
  checkPositionals(positionals, 0);
  const options = { format: parseChoice("format", values.format, FORMATS2) ?? "text" };
  const texts2 = {
    spec: parseText("spec", values.spec),
    base: parseText("base", values.base),
    environment: parseText("environment", values.environment),
    kind: parseText("kind", values.kind),
    config: parseText("config", values.config),
    extendsFile: parseText("extends-file", values["extends-file"])
  };
  for (const [key, value] of Object.entries(texts2)) {
    if (value !== void 0) options[key] = value;
  }
  return options;
}
function writePlan(plan, options, io) {
  for (const note of plan.notes) io.stderr.write(`gatehouse: note: ${note}
`);
  io.stdout.write(RENDERERS2[options.format](plan));
}
async function resolveBase(repo, given) {
  const candidates = given === void 0 ? DEFAULT_BASES : [given];
  for (const ref of candidates) {
    const sha = await resolveCommit(repo, ref);
    if (sha === void 0) continue;
    const branch = await resolveBranchName(repo, ref);
    return { ref: ref === "origin/HEAD" ? `origin/${branch}` : ref, branch, sha };
  }
  throw new CliError(
    given === void 0 ? `no base branch: none of ${DEFAULT_BASES.join(", ")} exists here; name the branch the change would merge into with --base REF` : `--base ${given}: no such branch or commit here (fetch it, or name another with --base REF)`
  );
}
async function resolveDefaultBase(repo, base, given) {
  if (given === void 0) return base;
  try {
    return await resolveBase(repo, void 0);
  } catch {
    return base;
  }
}
function describeSource(source) {
  return source.kind === "base" ? `${source.ref}:${source.path}` : source.path;
}
async function loadPolicy2(repo, base, options, io) {
  const source = options.config === void 0 ? { kind: "base", ref: base.ref, path: DEFAULT_CONFIG_PATH } : { kind: "file", path: options.config };
  const text = options.config === void 0 ? await loadFileAtCommit(repo, base.sha, DEFAULT_CONFIG_PATH) : await loadTextFile(resolve2(io.cwd, options.config), options.config);
  const notes = [];
  if (options.config === void 0) {
    const note = await compareWorkingTreePolicy(repo, base, text);
    if (note !== void 0) notes.push(note);
  }
  if (text === void 0) return { source, policy: void 0, notes };
  const file = describeSource(source);
  const target = readExtends(text);
  let baseDocument;
  if (target !== void 0 && options.extendsFile !== void 0) {
    const extended = parsePolicyDocument(
      await loadTextFile(resolve2(io.cwd, options.extendsFile), options.extendsFile),
      {
        file: options.extendsFile
      }
    );
    if (!extended.ok) return printProblems(extended.problems, io);
    baseDocument = extended.document;
  } else if (target !== void 0) {
    notes.push(
      `extends: ${target} was not merged (nothing is fetched offline): the plan uses ${file} on its own; pass --extends-file FILE with a copy of it`
    );
  }
  const parsed = parsePolicy(
    text,
    baseDocument === void 0 ? { file, defaultBranch: base.branch } : { file, base: baseDocument, defaultBranch: base.branch }
  );
  if (!parsed.ok) return printProblems(parsed.problems, io);
  return { source, policy: parsed.policy, notes };
}
async function compareWorkingTreePolicy(repo, base, committed) {
  const local = await readFile2(join2(repo.dir, DEFAULT_CONFIG_PATH), "utf8").catch(() => void 0);
  if (local === void 0 || local === committed) return void 0;
  const tryIt = `--config ${DEFAULT_CONFIG_PATH}`;
  return committed === void 0 ? `${DEFAULT_CONFIG_PATH} is in your working tree but not committed on ${base.ref} yet, and Gatehouse reads the policy from ${base.ref}: commit it and merge it into ${base.branch}, or try this copy now with ${tryIt}` : `${DEFAULT_CONFIG_PATH} in your working tree differs from ${base.ref}'s; the plan uses ${base.ref}'s, as Gatehouse would (try yours with ${tryIt})`;
}
function printProblems(problems, io) {
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
  return "invalid";
}
async function loadSpecs(repo, policy, paths, forced, io) {
  const texts2 = /* @__PURE__ */ new Map();
  for (const path of matchFiles(createPathRule(policy.specs.paths), createFileIndex(paths))) {
    const text = await readFile2(join2(repo.dir, path), "utf8").catch(() => void 0);
    if (text !== void 0) texts2.set(path, text);
  }
  if (forced !== void 0) {
    const absolute = resolve2(io.cwd, forced);
    const text = await loadTextFile(absolute, forced);
    texts2.set(await toRepositoryPath(repo, absolute, forced), text);
  }
  const specs = [...texts2].map(([path, text]) => parseSpec(text, path));
  for (const { problems } of specs) {
    for (const problem of problems)
      io.stderr.write(`${problem.path}:${problem.line}:${problem.column} ${problem.message}
`);
  }
  return specs;
}
async function toRepositoryPath(repo, absolute, given) {
  const real = await realpath(absolute).catch(() => absolute);
  const inside = relative(repo.dir, real);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? given : inside.split(sep).join("/");
}
async function loadHistory(repo, policy, notes) {
  const log = await loadDecisionLog(repo, policy.log);
  if (log === void 0) {
    notes.push(
      `no local decision log: precedent counts as first_time (git fetch origin ${policy.log.branch}:${policy.log.branch})`
    );
    return { decisions: void 0, log: void 0 };
  }
  if (log.malformed.length > 0) {
    const count3 = log.malformed.length;
    notes.push(
      `skipped ${count3} malformed decision ${count3 === 1 ? "record" : "records"} in ${log.ref}:${policy.log.path} (first: ${log.malformed[0]?.path})`
    );
  }
  const decisions = log.records.map((record) => {
    const prior = {
      id: record.id,
      decision: record.decision,
      rules: [...record.rules],
      at: record.times.decided_at,
      requestHash: record.request.hash
    };
    if (record.request.kind !== void 0) prior.kind = record.request.kind;
    if (record.subject.pull_request !== void 0) prior.pullRequest = record.subject.pull_request;
    if (record.subject.target_branch !== void 0) prior.target = record.subject.target_branch;
    return prior;
  });
  return { decisions, log: { ref: log.ref, records: log.records.length, malformed: log.malformed.length } };
}
var REMOTE_URL = /^(?:[a-z][\w+.-]*:\/\/(?:[^@/]+@)?[^/]+\/|[^@/:]+@[^:/]+:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i;
async function loadRepositoryName(repo) {
  const url = await loadConfigValue(repo, "remote.origin.url");
  const match = url === void 0 ? null : REMOTE_URL.exec(url);
  if (match?.[1] !== void 0 && match[2] !== void 0) return `${match[1]}/${match[2]}`;
  const folder = repo.dir.split(/[\\/]/).at(-1) ?? "repository";
  return `local/${folder.replace(/[^\w.-]/g, "-") || "repository"}`;
}

// src/core/json-schema.ts
var POLICY_SCHEMA_ID = "https://raw.githubusercontent.com/gatehouse/gatehouse/main/docs/gatehouse.schema.json";
var SCHEMA_DEFAULTS = [
  ["mode", POLICY_DEFAULTS.mode],
  ["allow", POLICY_DEFAULTS.allow],
  ["defaults.approvals", POLICY_DEFAULTS.defaults.approvals],
  ["defaults.on_timeout", POLICY_DEFAULTS.defaults.on_timeout],
  ["defaults.invalidate_on_push", POLICY_DEFAULTS.defaults.invalidate_on_push],
  ["defaults.allow_self_approval", POLICY_DEFAULTS.defaults.allow_self_approval],
  ["defaults.allow_bots", POLICY_DEFAULTS.defaults.allow_bots],
  ["rules.[].level", POLICY_DEFAULTS.rule.level],
  ["specs.paths", POLICY_DEFAULTS.specs.paths],
  ["log.branch", POLICY_DEFAULTS.log.branch],
  ["log.path", POLICY_DEFAULTS.log.path],
  ["log.check_runs", POLICY_DEFAULTS.log.check_runs],
  ["queue.max_pending", POLICY_DEFAULTS.queue.max_pending],
  ["thresholds.cost.notify", POLICY_DEFAULTS.thresholds.cost.notify],
  ["thresholds.cost.approve", POLICY_DEFAULTS.thresholds.cost.approve]
];
var SCHEMA_DESCRIPTIONS = [
  [
    "rules",
    "Risk rules, in order. Every rule whose predicates match applies; see docs/configuration.md#rules."
  ],
  ["environments", "Environments by name, with the protection Gatehouse keeps in sync with GitHub."],
  ["specs", "Spec files: approval artifacts that a PR adds or changes."],
  ["log", "The decision log: one Markdown file per decision, committed to its own branch."],
  ["queue", "Limits on pending requests."],
  ["thresholds.cost", "Where the cost factor (USD) moves from proceed to notify to approve."]
];
function createPolicyJsonSchema() {
  const { $schema, title, description, ...rest } = external_exports.toJSONSchema(policySchema, {
    io: "input"
  });
  const schema = { $schema, $id: POLICY_SCHEMA_ID, title, description, ...rest };
  for (const [path, value] of SCHEMA_DEFAULTS) schemaAt(schema, path).default = value;
  for (const [path, description2] of SCHEMA_DESCRIPTIONS) {
    const node = schemaAt(schema, path);
    node.description ??= description2;
  }
  return schema;
}
function renderPolicyJsonSchema(schema = createPolicyJsonSchema()) {
  return `${JSON.stringify(schema, null, 2)}
`;
}
function schemaAt(schema, path) {
  let node = schema;
  for (const segment of path.split(".")) {
    if (segment === "[]") node = asSchema(node?.items);
    else if (segment === "*") node = asSchema(node?.additionalProperties);
    else node = asSchema(asSchema(node?.properties)?.[segment]);
  }
  if (node === void 0) throw new Error(`no key ${path} in the policy schema`);
  return node;
}
function asSchema(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}

// src/cli/commands/schema.ts
var schemaCommand = {
  name: "schema",
  summary: "print the JSON Schema of .github/gatehouse.yml",
  usage: "gatehouse schema",
  help: `Prints the JSON Schema of .github/gatehouse.yml, generated from the same
schema that validate, the App and the Action use. Point an editor at it for completion:

  gatehouse schema > gatehouse.schema.json
  # yaml-language-server: $schema=./gatehouse.schema.json   (first line of the policy file)

Exit codes: 0 printed, 2 usage error.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs({ args, options: {}, allowPositionals: true, strict: true });
    checkPositionals(positionals, 0);
    io.stdout.write(renderPolicyJsonSchema());
    return 0;
  }
};

// src/cli/commands/status.ts
var statusCommand = {
  name: "status",
  summary: "read (or wait for) the decision on an agent's approval request",
  usage: "gatehouse status <url|number> [--repo OWNER/NAME] [--on-behalf-of LOGIN] [--wait [--timeout D]] [--format text|json]",
  help: `Reads the decision on an approval issue that gatehouse ask (or an agent's hook or MCP server)
opened, recomputed from GitHub now: the authorised people's comments, the deadline, the policy
of the default branch. It is the command gatehouse ask prints to resume a wait.

  <url|number>        the issue: its URL, or its number in --repo
  --repo OWNER/NAME   the repository (default: the one in the URL, else the clone's origin)
  --on-behalf-of LOGIN  the person the agent acts for: never an approver, whatever the issue
                      records (the issue is written with the agent's token)
  --wait              wait for a decision, with conditional requests (304s cost no rate limit)
  --timeout D         how long --wait waits (30s, 15m, 2h; default 1h)
  --format text|json  text (default), or JSON: decision, tier, option, modifications, reason,
                      requestUrl, issueNumber, decisionId, resume

Needs GITHUB_TOKEN (or GH_TOKEN); GITHUB_API_URL for Enterprise Server.
Exit codes: 0 approved or auto-approved, 1 rejected, expired or not ready, 3 still pending,
2 usage or setup error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        repo: { type: "string" },
        "on-behalf-of": { type: "string" },
        wait: { type: "boolean" },
        timeout: { type: "string" },
        format: { type: "string" }
      }
    });
    checkPositionals(positionals, 1);
    const [given] = positionals;
    if (given === void 0) throw new UsageError("which request? give its issue URL or number");
    const { issueNumber, repo: fromUrl } = parseIssue(given);
    const repo = parseRepo(values.repo) ?? fromUrl;
    const waitMs = parseWait(values.wait, values.timeout);
    const format = parseChoice("format", values.format, ANSWER_FORMATS) ?? "text";
    const onBehalfOf = values["on-behalf-of"]?.trim();
    const context = await loadCliAgentContext(io, {
      ...repo === void 0 ? {} : { repo },
      ...onBehalfOf === void 0 || onBehalfOf === "" ? {} : { onBehalfOf }
    });
    const answer = await asSetup(() => readApproval(context, issueNumber, { waitMs }));
    return writeAnswer(answer, format, io);
  }
};
function parseIssue(text) {
  const plain = /^#?(\d+)$/.exec(text);
  if (plain?.[1] !== void 0) return { issueNumber: Number(plain[1]) };
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/issues\/(\d+)(?:[/?#].*)?$/.exec(text);
  const repo = url?.[1] === void 0 ? void 0 : parseRepositoryName(url[1]);
  if (url?.[2] !== void 0 && repo !== void 0) return { issueNumber: Number(url[2]), repo };
  throw new UsageError(`expected an issue number or URL, got "${text}"`);
}

// src/cli/commands/sync-environments.ts
import { resolve as resolve3 } from "node:path";

// src/github/environment-sync/errors.ts
var EnvironmentSyncError = class extends Error {
  name = "EnvironmentSyncError";
  problems;
  constructor(problems) {
    super(problems.join("\n"));
    this.problems = problems;
  }
};
async function guard(doing, need, request, notFound) {
  try {
    return await request();
  } catch (error) {
    if (notFound !== void 0 && readStatus(error) === 404)
      throw new EnvironmentSyncError([`${doing}: ${notFound}`]);
    throw refusal(error, doing, need);
  }
}
var PERMISSION = {
  read: "the Administration repository permission (read to plan, write to apply)",
  write: "the Administration repository permission with write access (a classic token: the repo scope, and admin on the repository)",
  user: "read access to public user profiles",
  team: "the Members organization permission (read)"
};
function refusal(error, doing, need) {
  const status = readStatus(error);
  if (status === 401)
    return new EnvironmentSyncError([
      `${doing}: GitHub refused the token (401): set GITHUB_TOKEN to a valid token`
    ]);
  if (status === 403 || status === 404) {
    const asked = acceptedPermissions(error);
    return new EnvironmentSyncError([
      `${doing}: GitHub denied it (${describeRequestError(error)}): the token needs ${PERMISSION[need]}${asked === void 0 ? "" : ` (GitHub asks for ${asked})`}`
    ]);
  }
  return new EnvironmentSyncError([`${doing}: ${describeRequestError(error)}`]);
}
function acceptedPermissions(error) {
  const response = error.response;
  const header = response?.headers?.["x-accepted-github-permissions"];
  return typeof header === "string" && header !== "" ? header : void 0;
}
function quote(name) {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
}

// src/github/environment-sync/plan.ts
function createEnvironmentTargets(policy, options = {}) {
  const targets = [];
  const problems = [];
  for (const [name, environment] of Object.entries(policy.environments)) {
    const written = options.declared?.[name];
    const isSet = (key, isDefault) => written === void 0 ? !isDefault : written[key] !== void 0;
    const target = { name };
    const rules = policy.rules.filter(
      (rule) => rule.if.environments !== void 0 && matchesAnyGlob(name, rule.if.environments)
    );
    const groups = [...environment.reviewers, ...rules.flatMap((rule) => rule.reviewers)];
    const entries = [
      ...new Set(groups.flatMap((group) => readReviewerGroup(policy, group) ?? []).map(lower))
    ];
    if (entries.length > MAX_ENVIRONMENT_REVIEWERS) {
      const from = [
        ...environment.reviewers.length > 0 ? [`environments.${quote(name)}.reviewers`] : [],
        ...rules.map((rule) => `rule ${rule.name}`)
      ];
      problems.push(
        `${quote(name)}: ${entries.length} required reviewers (${entries.join(", ")}) from ${from.join(" and ")}; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} per environment: name a team instead of its members, or fewer people`
      );
    }
    if (entries.length > 0) target.reviewers = entries;
    if (isSet("prevent_self_review", !environment.preventSelfReview))
      target.preventSelfReview = environment.preventSelfReview;
    if (isSet("wait_timer", environment.waitTimer === 0)) target.waitTimer = environment.waitTimer;
    if (environment.branches.length > 0) target.branches = [...new Set(environment.branches)];
    if (isSet("gate", !environment.gate)) {
      target.gate = environment.gate;
      if (environment.gate && options.app === void 0) {
        problems.push(
          `${quote(name)}: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App`
        );
      }
    }
    targets.push(target);
  }
  return { targets, problems };
}
async function planEnvironmentSync(github, repository, policy, options = {}) {
  const { targets, problems } = createEnvironmentTargets(policy, options);
  if (problems.length > 0) throw new EnvironmentSyncError(problems);
  const reviewers = await loadReviewers(github, [
    ...new Set(targets.flatMap((target) => target.reviewers ?? []))
  ]);
  const environments = [];
  for (const target of targets) {
    const current = await loadEnvironment(github, repository, target);
    environments.push(
      await planEnvironment(github, repository, target, current, {
        reviewers,
        ...options.app === void 0 ? {} : { app: options.app }
      })
    );
  }
  return { environments };
}
var ENVIRONMENT = "/repos/{owner}/{repo}/environments/{environment_name}";
async function loadEnvironment(github, repository, target) {
  const where = { ...repository, environment_name: target.name };
  const read = `reading environment ${quote(target.name)} of ${repository.owner}/${repository.repo}`;
  let data;
  try {
    data = (await github.request(`GET ${ENVIRONMENT}`, where)).data;
  } catch (error) {
    if (readStatus(error) === 404) return void 0;
    throw refusal(error, read, "read");
  }
  const current = readEnvironment(data);
  if (target.branches !== void 0 && current.branchPolicy?.custom_branch_policies === true) {
    const policies = await guard(
      read,
      "read",
      () => github.paginate(`GET ${ENVIRONMENT}/deployment-branch-policies`, { ...where, per_page: 100 })
    );
    current.branchPolicies = policies.filter((policy) => policy.type !== "tag" && typeof policy.id === "number").map((policy) => ({ id: policy.id, name: policy.name ?? "" }));
  }
  if (target.gate !== void 0) {
    const { data: rules } = await guard(
      read,
      "read",
      () => github.request(`GET ${ENVIRONMENT}/deployment_protection_rules`, where)
    );
    current.protectionRules = (rules.custom_deployment_protection_rules ?? []).map((rule) => ({
      id: rule.id,
      app: { id: rule.app.id, slug: rule.app.slug }
    }));
  }
  return current;
}
function readEnvironment(data) {
  const environment = data ?? {};
  const current = {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: readBranchPolicySetting(environment.deployment_branch_policy),
    branchPolicies: [],
    protectionRules: []
  };
  const rules = Array.isArray(environment.protection_rules) ? environment.protection_rules : [];
  for (const rule of rules) {
    if (rule.type === "wait_timer" && typeof rule.wait_timer === "number")
      current.waitTimer = rule.wait_timer;
    if (rule.type !== "required_reviewers") continue;
    current.preventSelfReview = rule.prevent_self_review === true;
    const reviewers = Array.isArray(rule.reviewers) ? rule.reviewers : [];
    for (const { type, reviewer } of reviewers) {
      const account = reviewer ?? {};
      if (type !== "User" && type !== "Team" || typeof account.id !== "number") continue;
      current.reviewers.push({ type, id: account.id, name: reviewerName(type, account) });
    }
  }
  return current;
}
function readBranchPolicySetting(value) {
  if (value === null || typeof value !== "object") return null;
  const setting = value;
  return {
    protected_branches: setting.protected_branches === true,
    custom_branch_policies: setting.custom_branch_policies === true
  };
}
function reviewerName(type, account) {
  if (type === "User") return typeof account.login === "string" ? account.login : `user ${account.id}`;
  const url = typeof account.html_url === "string" ? account.html_url : "";
  const team = /\/orgs\/([^/]+)\/teams\/([^/]+)$/.exec(url);
  if (team) return `@${team[1]}/${team[2]}`;
  return typeof account.slug === "string" ? `@${account.slug}` : `team ${account.id}`;
}
async function loadReviewers(github, entries) {
  const reviewers = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    if (entry.startsWith("@")) {
      const [org = "", slug = ""] = entry.slice(1).split("/");
      const team = await guard(
        `reading team ${entry}`,
        "team",
        () => github.request("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug }),
        `there is no team ${entry}, or the token cannot see it: the token needs the Members: read organization permission on ${org}`
      );
      reviewers.set(entry, { type: "Team", id: team.data.id, name: entry });
    } else {
      const user = await guard(
        `reading user ${entry}`,
        "user",
        () => github.request("GET /users/{username}", { username: entry }),
        `there is no GitHub account ${entry}: fix the login in the policy's reviewers`
      );
      if (user.data.type === "Organization")
        throw new EnvironmentSyncError([
          `${entry} is an organization, not a person: name a team of it as @${entry}/team instead`
        ]);
      reviewers.set(entry, { type: "User", id: Number(user.data.id), name: entry });
    }
  }
  return reviewers;
}
async function planEnvironment(github, repository, target, current, known) {
  const changes = [];
  const settings = current ? {
    wait_timer: current.waitTimer,
    prevent_self_review: current.preventSelfReview,
    reviewers: current.reviewers.map(({ type, id }) => ({ type, id })),
    deployment_branch_policy: current.branchPolicy
  } : {};
  if (current === void 0) changes.push({ kind: "create_environment" });
  const was = current ?? {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: null,
    branchPolicies: [],
    protectionRules: []
  };
  let settingsChanged = current === void 0;
  if (target.waitTimer !== void 0) {
    settings.wait_timer = target.waitTimer;
    if (target.waitTimer !== was.waitTimer) {
      changes.push({ kind: "wait_timer", from: was.waitTimer, to: target.waitTimer });
      settingsChanged = true;
    }
  }
  if (target.preventSelfReview !== void 0) {
    settings.prevent_self_review = target.preventSelfReview;
    if (target.preventSelfReview !== was.preventSelfReview) {
      changes.push({
        kind: "prevent_self_review",
        from: was.preventSelfReview,
        to: target.preventSelfReview
      });
      settingsChanged = true;
    }
  }
  if (target.reviewers !== void 0) {
    const wanted = uniqueReviewers(
      target.reviewers.map((entry) => known.reviewers.get(entry)).filter((reviewer) => reviewer !== void 0)
    );
    const key = (reviewer) => `${reviewer.type}:${reviewer.id}`;
    const have = new Set(was.reviewers.map(key));
    const keep = new Set(wanted.map(key));
    const removed = was.reviewers.filter((reviewer) => !keep.has(key(reviewer)));
    const added = wanted.filter((reviewer) => !have.has(key(reviewer)));
    for (const reviewer of removed) changes.push({ kind: "remove_reviewer", reviewer });
    for (const reviewer of added) changes.push({ kind: "add_reviewer", reviewer });
    settings.reviewers = wanted.map(({ type, id }) => ({ type, id }));
    if (removed.length > 0 || added.length > 0) settingsChanged = true;
  }
  if (target.branches !== void 0) {
    const custom = { protected_branches: false, custom_branch_policies: true };
    settings.deployment_branch_policy = custom;
    if (was.branchPolicy?.custom_branch_policies !== true) {
      changes.push({ kind: "deployment_branch_policy", from: was.branchPolicy, to: custom });
      settingsChanged = true;
    }
    const wanted = new Set(target.branches);
    for (const policy of was.branchPolicies)
      if (!wanted.has(policy.name))
        changes.push({ kind: "remove_branch_policy", name: policy.name, id: policy.id });
    const have = new Set(was.branchPolicies.map((policy) => policy.name));
    for (const name of target.branches)
      if (!have.has(name)) changes.push({ kind: "add_branch_policy", name });
  }
  if (target.gate !== void 0) {
    const change = await planProtectionRule(
      github,
      repository,
      target,
      was,
      current !== void 0,
      known.app
    );
    if (change !== void 0) changes.push(change);
  }
  return {
    name: target.name,
    exists: current !== void 0,
    changes,
    ...settingsChanged ? { settings } : {}
  };
}
async function planProtectionRule(github, repository, target, was, exists, app) {
  const ours = was.protectionRules.find((rule) => app !== void 0 && isApp(rule.app, app));
  if (target.gate === true) {
    if (ours !== void 0 || app === void 0) return void 0;
    if (typeof app === "number") return { kind: "enable_protection_rule", app: { id: app } };
    const identity = exists ? await loadApp(github, repository, target.name, app) : { slug: app };
    return { kind: "enable_protection_rule", app: identity };
  }
  if (was.protectionRules.length === 0) return void 0;
  if (app === void 0) {
    const apps = was.protectionRules.map((rule) => rule.app.slug).join(", ");
    throw new EnvironmentSyncError([
      `${quote(target.name)}: gate is false and the environment has custom protection rules (${apps}): pass --app SLUG|ID to say which of them is Gatehouse's`
    ]);
  }
  return ours === void 0 ? void 0 : { kind: "disable_protection_rule", app: ours.app, ruleId: ours.id };
}
function isApp(candidate, app) {
  return typeof app === "number" ? candidate.id === app : candidate.slug.toLowerCase() === app.toLowerCase();
}
async function loadApp(github, repository, environment, slug) {
  const apps = await guard(
    `listing the protection rule apps of environment ${quote(environment)}`,
    "write",
    () => github.paginate(`GET ${ENVIRONMENT}/deployment_protection_rules/apps`, {
      ...repository,
      environment_name: environment,
      per_page: 100
    })
  );
  const found = apps.find((candidate) => isApp({ id: candidate.id ?? 0, slug: candidate.slug ?? "" }, slug));
  if (found?.id === void 0) {
    const offered = apps.map((candidate) => candidate.slug).join(", ") || "none";
    throw new EnvironmentSyncError([
      `--app ${slug}: no such App can protect environment ${quote(environment)} of ${repository.owner}/${repository.repo} (available: ${offered}); install the App on the repository, or pass its numeric id`
    ]);
  }
  return { id: found.id, slug: found.slug ?? slug };
}
function uniqueReviewers(reviewers) {
  const seen = /* @__PURE__ */ new Set();
  return reviewers.filter((reviewer) => {
    const key = `${reviewer.type}:${reviewer.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function lower(entry) {
  return entry.toLowerCase();
}

// src/github/environment-sync/render.ts
function countEnvironmentChanges(plan) {
  return plan.environments.reduce((sum, environment) => sum + environment.changes.length, 0);
}
function renderEnvironmentSyncPlan(plan) {
  const lines = plan.environments.flatMap(
    (environment) => environment.changes.map((change) => renderChange(change, quote(environment.name)))
  );
  return lines.length === 0 ? "nothing to change\n" : `${lines.join("\n")}
`;
}
function renderChange(change, name) {
  switch (change.kind) {
    case "create_environment":
      return `+ ${name}: create environment`;
    case "wait_timer":
      return `~ ${name}: wait_timer ${change.from} \u2192 ${change.to}`;
    case "prevent_self_review":
      return `~ ${name}: prevent_self_review ${change.from} \u2192 ${change.to}`;
    case "add_reviewer":
      return `+ ${name}: required reviewer ${change.reviewer.name}`;
    case "remove_reviewer":
      return `- ${name}: required reviewer ${change.reviewer.name}`;
    case "deployment_branch_policy":
      return `~ ${name}: deployment branches ${describeBranchPolicy(change.from)} \u2192 ${describeBranchPolicy(change.to)}`;
    case "add_branch_policy":
      return `+ ${name}: deployment branch ${change.name}`;
    case "remove_branch_policy":
      return `- ${name}: deployment branch ${change.name}`;
    case "enable_protection_rule":
      return `+ ${name}: custom protection rule ${describeApp(change.app)}`;
    case "disable_protection_rule":
      return `- ${name}: custom protection rule ${describeApp(change.app)}`;
  }
}
function describeBranchPolicy(setting) {
  if (setting === null) return "all";
  return setting.custom_branch_policies ? "selected" : "protected";
}
function describeApp(app) {
  if (app.slug !== void 0 && app.id !== void 0) return `${app.slug} (app ${app.id})`;
  return app.slug ?? `app ${app.id}`;
}

// src/github/environment-sync/apply.ts
async function applyEnvironmentSync(github, repository, plan) {
  const result = { applied: 0, environments: 0 };
  const total = countEnvironmentChanges(plan);
  for (const environment of plan.environments) {
    if (environment.changes.length === 0) continue;
    try {
      await applyEnvironment(github, repository, environment, (done) => {
        result.applied += done;
      });
    } catch (error) {
      const problems = error instanceof EnvironmentSyncError ? error.problems : [String(error)];
      throw new EnvironmentSyncError([
        ...problems,
        `${result.applied} of ${total} changes were applied before this; run the sync again to finish`
      ]);
    }
    result.environments += 1;
  }
  return result;
}
async function applyEnvironment(github, repository, plan, onApplied) {
  const where = { ...repository, environment_name: plan.name };
  const name = quote(plan.name);
  const settingsChanges = plan.changes.filter((change) => SETTINGS_CHANGES.has(change.kind)).length;
  if (plan.settings !== void 0) {
    const settings = plan.settings;
    await guard(
      `updating environment ${name}`,
      "write",
      () => github.request(`PUT ${ENVIRONMENT}`, { ...where, ...settings })
    );
    onApplied(settingsChanges);
  }
  for (const change of plan.changes) {
    switch (change.kind) {
      case "remove_branch_policy":
        await guard(
          `removing branch policy ${change.name} of ${name}`,
          "write",
          () => github.request(`DELETE ${ENVIRONMENT}/deployment-branch-policies/{branch_policy_id}`, {
            ...where,
            branch_policy_id: change.id
          })
        );
        break;
      case "add_branch_policy":
        await guard(
          `adding branch policy ${change.name} to ${name}`,
          "write",
          () => github.request(`POST ${ENVIRONMENT}/deployment-branch-policies`, {
            ...where,
            name: change.name,
            type: "branch"
          })
        );
        break;
      case "enable_protection_rule": {
        const app = change.app.id === void 0 ? await loadApp(github, repository, plan.name, change.app.slug ?? "") : change.app;
        await guard(
          `enabling ${describeApp(app)} on ${name}`,
          "write",
          () => github.request(`POST ${ENVIRONMENT}/deployment_protection_rules`, {
            ...where,
            integration_id: app.id
          })
        );
        break;
      }
      case "disable_protection_rule":
        await guard(
          `disabling ${describeApp(change.app)} on ${name}`,
          "write",
          () => github.request(`DELETE ${ENVIRONMENT}/deployment_protection_rules/{protection_rule_id}`, {
            ...where,
            protection_rule_id: change.ruleId
          })
        );
        break;
      default:
        continue;
    }
    onApplied(1);
  }
}
var SETTINGS_CHANGES = /* @__PURE__ */ new Set([
  "create_environment",
  "wait_timer",
  "prevent_self_review",
  "add_reviewer",
  "remove_reviewer",
  "deployment_branch_policy"
]);

// src/cli/commands/sync-environments.ts
var FORMATS3 = ["md", "json"];
var syncEnvironmentsCommand = {
  name: "sync-environments",
  summary: "apply the policy's environments: (reviewers, wait timer, branches, gate) to GitHub",
  usage: "gatehouse sync-environments --repo OWNER/NAME [--config FILE] [--ref REF] [--app SLUG|ID] [--dry-run] [--format md|json]",
  help: `Compares the protection of each environment under environments: in the policy with what GitHub
has, prints the changes (+ added, - removed, ~ changed), and applies them. Only what the policy
sets is managed; a setting it leaves out stays as it is. Required reviewers are the environment's
reviewers: groups plus the reviewers of every rule whose if.environments matches it, so GitHub's
"Review deployments" button asks the same people as /approve. See docs/environment-sync.md.

Needs GITHUB_TOKEN (or GH_TOKEN): a fine-grained token with the Administration permission on the
repository (read for --dry-run, write to apply), and Members: read on the organization when the
policy names teams. GITHUB_API_URL points at GitHub Enterprise Server.

Options:
  --repo OWNER/NAME    the repository whose environments are synced (required)
  --config FILE        use this local policy file instead of the repository's ${DEFAULT_CONFIG_PATH}
  --ref REF            read ${DEFAULT_CONFIG_PATH} from this branch, tag or SHA (default: the
                       repository's default branch)
  --app SLUG|ID        Gatehouse's GitHub App, enabled as the custom deployment protection rule
                       where gate: true (and disabled where gate: false); required by gate: true
  --dry-run            print the changes and apply nothing
  --format md|json     the changes as lines for people (default) or as JSON

Exit codes: 0 synced (or nothing to change), 1 invalid policy or a request GitHub refused,
2 usage error.`,
  async run(args, io) {
    const options = parseSyncOptions(args);
    const name = `${options.repository.owner}/${options.repository.repo}`;
    const github = createClient(io, name);
    const loaded = await loadSyncPolicy(github, options, io);
    if (loaded === void 0) return 1;
    if (Object.keys(loaded.policy.environments).length === 0) {
      io.stderr.write(`gatehouse: ${loaded.shownAs} has no environments: nothing to sync
`);
      return 0;
    }
    const plan = await synced(
      () => planEnvironmentSync(github, options.repository, loaded.policy, {
        ...options.app === void 0 ? {} : { app: options.app },
        ...loaded.declared === void 0 ? {} : { declared: loaded.declared }
      })
    );
    const changes = countEnvironmentChanges(plan);
    io.stdout.write(
      options.format === "json" ? renderJson(name, plan, options.dryRun) : renderEnvironmentSyncPlan(plan)
    );
    if (changes === 0) return 0;
    if (options.dryRun) {
      io.stderr.write(`gatehouse: dry run: ${count2(changes, "change")} to ${name} not applied
`);
      return 0;
    }
    const result = await synced(() => applyEnvironmentSync(github, options.repository, plan));
    io.stderr.write(
      `gatehouse: applied ${count2(result.applied, "change")} to ${count2(result.environments, "environment")} of ${name}
`
    );
    return 0;
  }
};
function parseSyncOptions(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      repo: { type: "string" },
      config: { type: "string" },
      ref: { type: "string" },
      app: { type: "string" },
      "dry-run": { type: "boolean" },
      format: { type: "string" }
    },
    allowPositionals: true,
    strict: true
  });
  checkPositionals(positionals, 0);
  const repo = parseText("repo", values.repo);
  if (repo === void 0) throw new UsageError("--repo OWNER/NAME is required: the repository to sync");
  const config = parseText("config", values.config);
  const ref = parseText("ref", values.ref);
  if (config !== void 0 && ref !== void 0)
    throw new UsageError("--config and --ref exclude each other: read the policy from a file or from a ref");
  const app = parseApp(parseText("app", values.app));
  const options = {
    repository: parseRepository3(repo),
    dryRun: values["dry-run"] === true,
    format: parseChoice("format", values.format, FORMATS3) ?? "md"
  };
  if (config !== void 0) options.config = config;
  if (ref !== void 0) options.ref = ref;
  if (app !== void 0) options.app = app;
  return options;
}
function parseRepository3(value) {
  const name = parseRepositoryName(value);
  if (name === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}
function parseApp(value) {
  if (value === void 0) return void 0;
  if (/^[1-9]\d{0,11}$/.test(value)) return Number(value);
  if (/^[a-z0-9][a-z0-9-]*$/i.test(value)) return value;
  throw new UsageError(
    `--app must be the App's slug (as in github.com/apps/SLUG) or numeric id, got "${value}"`
  );
}
function createClient(io, name) {
  const token = readToken(io.env);
  if (token === void 0) {
    throw new CliError(
      `sync-environments changes ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token with the Administration permission on it (read for --dry-run, write to apply)`
    );
  }
  const { baseUrl } = readApiUrls(io.env);
  const warn = (message) => writeWarning(io, message);
  return createGitHubClient({
    auth: token,
    // A sync makes a handful of writes, one after another; spacing each a second apart (GitHub's
    // advice for bulk writes) would only slow it down. Rate limits are still waited out (capped).
    spaceWrites: false,
    ...baseUrl === void 0 ? {} : { baseUrl },
    // Rate-limit waits and give-ups are worth a line on stderr; request chatter is not.
    log: { debug: ignore, info: ignore, warn, error: warn }
  });
}
function ignore() {
}
async function synced(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EnvironmentSyncError) throw new CliError(error.problems.join("\ngatehouse: "));
    throw error;
  }
}
async function loadDefaultBranch(github, repository) {
  const name = `${repository.owner}/${repository.repo}`;
  try {
    const { data } = await github.request("GET /repos/{owner}/{repo}", { ...repository });
    return data.default_branch;
  } catch (error) {
    const status = readStatus(error);
    if (status === 404)
      throw new CliError(
        `${name}: no such repository, or the token cannot read it (GitHub answers 404 for both)`
      );
    if (status === 401)
      throw new CliError(`GitHub refused the token (401): set GITHUB_TOKEN to a token that can read ${name}`);
    throw new CliError(`reading ${name} from GitHub failed: ${describeRequestError(error)}`);
  }
}
async function loadSyncPolicy(github, options, io) {
  const defaultBranch = await loadDefaultBranch(github, options.repository);
  if (options.config !== void 0) return loadLocalPolicy(github, options.config, io);
  const ref = options.ref ?? defaultBranch;
  const name = `${options.repository.owner}/${options.repository.repo}`;
  const loaded = await loadPolicy(github, {
    ...options.repository,
    defaultBranch,
    ref,
    path: DEFAULT_CONFIG_PATH
  });
  switch (loaded.state) {
    case "absent":
      io.stderr.write(
        `gatehouse: ${name} has no ${DEFAULT_CONFIG_PATH} on ${ref}: nothing to sync (or pass --config FILE)
`
      );
      return void 0;
    case "unreadable":
      throw new CliError(`cannot read the policy of ${name}: ${loaded.error}`);
    case "invalid":
      return printProblems2(loaded.problems, io);
    case "valid":
      return {
        policy: loaded.policy,
        ...loaded.document.environments === void 0 ? {} : { declared: loaded.document.environments },
        shownAs: `${name}:${DEFAULT_CONFIG_PATH}@${ref}`
      };
  }
}
async function loadLocalPolicy(github, config, io) {
  const text = await loadTextFile(resolve3(io.cwd, config), config);
  const extended = readExtends(text);
  const target = extended === void 0 ? void 0 : parseExtendsTarget(extended);
  let base;
  if (target !== void 0 && !("error" in target)) {
    const baseFile = `${target.owner}/${target.repo}:${target.path}`;
    const file = await loadFile(github, target);
    if (file.kind !== "file") {
      const why = file.kind === "missing" ? "not found" : file.kind === "error" ? file.error : file.reason;
      throw new CliError(`${config}: extends: ${baseFile}: ${why}`);
    }
    const document = parsePolicyDocument(file.text, { file: baseFile });
    if (!document.ok) return printProblems2(document.problems, io);
    base = document.document;
  }
  const parsed = parsePolicy(text, base === void 0 ? { file: config } : { file: config, base });
  if (!parsed.ok) return printProblems2(parsed.problems, io);
  return {
    policy: parsed.policy,
    shownAs: config,
    ...parsed.document.environments === void 0 ? {} : { declared: parsed.document.environments }
  };
}
function printProblems2(problems, io) {
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
  io.stderr.write(
    `gatehouse: the policy is invalid (${count2(problems.length, "problem")}): nothing was synced
`
  );
  return void 0;
}
function renderJson(repository, plan, dryRun) {
  return `${JSON.stringify({ repository, dryRun, changes: countEnvironmentChanges(plan), ...plan }, null, 2)}
`;
}
function count2(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// src/cli/commands/validate.ts
import { realpath as realpath2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join3, relative as relative2, resolve as resolve4 } from "node:path";
var validateCommand = {
  name: "validate",
  summary: "check a policy file offline",
  usage: "gatehouse validate [FILE | --config FILE] [--extends-file FILE]",
  help: `Checks a policy file with the same code the App and the Action use, and prints every
problem as file:line:column path: message, all of them in one run. The file is FILE (or
--config FILE, as plan takes it); it defaults to ${DEFAULT_CONFIG_PATH} at the top of the git
repository (or of the current folder outside git).

Options:
  --config FILE        the policy file to check (the same as naming it as an argument)
  --extends-file FILE  a local copy of the policy that extends: names, merged under the file as
                       Gatehouse would merge it. Without it a file with extends: is checked on
                       its own (nothing is fetched) and a warning says so.

Exit codes: 0 valid, 1 invalid or unreadable, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { config: { type: "string" }, "extends-file": { type: "string" } },
      allowPositionals: true,
      strict: true
    });
    checkPositionals(positionals, 1);
    const config = parseText("config", values.config);
    if (config !== void 0 && positionals[0] !== void 0)
      throw new UsageError(`${positionals[0]} and --config ${config} both name the file: give it once`);
    const file = await locatePolicyFile(config ?? positionals[0], io);
    const text = await loadTextFile(file.path, file.shownAs);
    const target = readExtends(text);
    let base;
    const extendsFile = values["extends-file"];
    if (extendsFile !== void 0 && target === void 0) {
      writeWarning(io, `${file.shownAs} has no extends:, so --extends-file ${extendsFile} was not merged`);
    } else if (extendsFile !== void 0) {
      const parsed = parsePolicyDocument(await loadTextFile(resolve4(io.cwd, extendsFile), extendsFile), {
        file: extendsFile
      });
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
        return 1;
      }
      base = parsed.document;
    } else if (target !== void 0) {
      writeWarning(
        io,
        `extends: ${target} was not merged (nothing is fetched offline): ${file.shownAs} is checked on its own; pass --extends-file FILE with a copy of it`
      );
    }
    const result = parsePolicy(
      text,
      base === void 0 ? { file: file.shownAs } : { file: file.shownAs, base }
    );
    if (!result.ok) {
      for (const problem of result.problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
      return 1;
    }
    const { policy } = result;
    const rules = `${policy.rules.length} ${policy.rules.length === 1 ? "rule" : "rules"}`;
    const merged = base === void 0 ? "" : `, merged with ${extendsFile}`;
    io.stdout.write(`${file.shownAs}: valid (mode ${policy.mode}, ${rules}${merged})
`);
    return 0;
  }
};
async function locatePolicyFile(given, io) {
  if (given !== void 0) return { path: resolve4(io.cwd, given), shownAs: given };
  const cwd = await realpath2(io.cwd).catch(() => io.cwd);
  const repository = await loadRepository(io.cwd, io.env);
  const path = join3(repository?.dir ?? cwd, DEFAULT_CONFIG_PATH);
  const shownAs = relative2(cwd, path);
  return { path, shownAs: shownAs === "" || isAbsolute2(shownAs) ? path : shownAs };
}

// src/cli/run.ts
var COMMANDS = [
  validateCommand,
  planCommand,
  auditCommand,
  syncEnvironmentsCommand,
  askCommand,
  statusCommand,
  hookCommand,
  mcpCommand,
  schemaCommand
];
var VERSION = "1.0.0";
function renderUsage() {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "usage: gatehouse <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run gatehouse <command> --help (or gatehouse help <command>) for its options.",
    "Global options: --help (-h), --version (-V), --debug (the stack trace of an unexpected error).",
    "validate, plan, schema and audit --git run offline from the local repository (no network, no",
    "token); audit --repo, sync-environments, ask, status, hook and mcp use the GitHub API",
    "(GITHUB_TOKEN).",
    ""
  ].join("\n");
}
var VERSION_FLAGS = ["--version", "-V", "-v", "version"];
var GLOBAL_OPTIONS = ["--help", "--version", "--debug"];
function takeGlobalFlags(argv) {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  return {
    args: [...flags.filter((arg) => arg !== "--debug" && arg !== "--help" && arg !== "-h"), ...rest],
    debug: flags.includes("--debug"),
    help: flags.includes("--help") || flags.includes("-h")
  };
}
async function run(argv, io) {
  const { args, debug, help } = takeGlobalFlags(argv);
  const [name, ...rest] = args;
  if (name === void 0 || name === "help") {
    const asked = name === "help" ? rest[0] : void 0;
    if (asked !== void 0) {
      const topic = COMMANDS.find((command2) => command2.name === asked);
      return topic === void 0 ? writeUnknown(asked, io) : writeHelp(topic, io);
    }
    if (help || name === "help") {
      io.stdout.write(renderUsage());
      return 0;
    }
    io.stderr.write(renderUsage());
    return 2;
  }
  if (VERSION_FLAGS.includes(name)) {
    io.stdout.write(`${VERSION}
`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === void 0) return writeUnknown(name, io);
  if (help) return writeHelp(command, io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`gatehouse ${command.name}: ${error.message}
usage: ${command.usage}
`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    const expected = error instanceof CliError || error instanceof GitError;
    io.stderr.write(`gatehouse: ${expected ? message : `unexpected error: ${message.split("\n")[0]}`}
`);
    if (debug && error instanceof Error && error.stack !== void 0) io.stderr.write(`${error.stack}
`);
    else if (!expected) io.stderr.write("gatehouse: run again with --debug for the stack trace\n");
    return error instanceof CliError ? error.exitCode : 1;
  }
}
function writeUnknown(name, io) {
  const option = name.startsWith("-");
  const candidates = option ? GLOBAL_OPTIONS.filter((flag) => flag.startsWith("--")) : COMMANDS.map((command) => command.name);
  const close = suggest(option ? name.replace(/^-+/, "") : name, candidates.map(bare));
  const what = option ? `unknown option ${name}${close === void 0 ? "" : ` (did you mean --${close}?)`}` : `unknown command "${name}"${close === void 0 ? "" : ` (did you mean "${close}"?)`}`;
  io.stderr.write(`gatehouse: ${what}
${renderUsage()}`);
  return 2;
}
function bare(flag) {
  return flag.replace(/^-+/, "");
}
function writeHelp(command, io) {
  io.stdout.write(`usage: ${command.usage}

${command.help}
`);
  return 0;
}
export {
  COMMANDS,
  VERSION,
  run
};
