#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  CONFIG_RULE_NAME,
  evaluateRisk
} from "./chunk-PRWA52GV.mjs";
import {
  readReviewerGroup
} from "./chunk-M37EBWUR.mjs";
import {
  bytesToHex,
  createDecisionId,
  createRequestMarker,
  escapeMarkdownInline,
  evaluateReadiness,
  hashRequest,
  renderCanonicalJson,
  renderCode,
  renderPlainText,
  renderUntrustedBlock,
  sha256,
  utf8ToBytes
} from "./chunk-DQSC6Z5E.mjs";
import {
  createOptions,
  findSection,
  parseOption,
  parseOptionsSection,
  parseSections,
  pickText
} from "./chunk-3Z6X4TJG.mjs";
import {
  formatDuration,
  parseDuration
} from "./chunk-HJOLEIQ3.mjs";
import {
  BLAST_RADIUS,
  CHECK_NAME,
  PERMISSIONS,
  PRECEDENT,
  REVERSIBILITY,
  SENSITIVITY,
  VERBS,
  createCheckName
} from "./chunk-5Q7N6AK2.mjs";

// src/core/request.ts
function createPullRequestRequest(pr, specs, environment) {
  const sorted = [...specs].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const artifact = sorted[0];
  const fromPr = parsePullRequestText(pr);
  const request = {
    gate: {
      ...environment === void 0 ? { kind: "pull_request" } : { kind: "deployment", environment },
      ...pr.into === void 0 ? {} : { into: pr.into }
    },
    repository: pr.repository,
    subject: {
      sha: pr.headSha,
      targetBranch: pr.baseRef,
      pullRequest: pr.number,
      ...pr.url === void 0 ? {} : { url: pr.url }
    },
    ...mergeText(artifact, fromPr),
    declaredRisk: mergeRisk(sorted.map((spec) => spec.declaredRisk)),
    files: { paths: [...pr.files.paths], complete: pr.files.complete },
    labels: [...pr.labels],
    requester: pr.author
  };
  const kind = sorted.find((spec) => spec.kind !== void 0)?.kind;
  if (kind !== void 0) request.kind = kind;
  if (artifact !== void 0) request.spec = { path: artifact.path };
  return request;
}
function createExplicitRequest(input) {
  const { spec } = input;
  const environment = given(input.environment) ?? spec?.environment;
  const kind = given(input.kind) ?? spec?.kind;
  const title = given(input.title);
  const inputOptions = createOptions(
    (input.options ?? []).filter((option) => given(option)).map(parseOption)
  );
  const fromInputs = { options: inputOptions };
  setText(fromInputs, "action", title);
  setText(fromInputs, "context", given(input.details));
  setText(fromInputs, "rollbackPlan", given(input.rollback));
  setText(fromInputs, "recommendation", given(input.recommendation));
  const kindOfGate = environment !== void 0 && kind === void 0 && title === void 0 ? "deployment" : "request";
  const declaredRisk = mergeRisk([
    spec?.declaredRisk ?? {},
    input.cost === void 0 ? {} : { cost: input.cost }
  ]);
  const request = {
    gate: environment === void 0 ? { kind: kindOfGate } : { kind: kindOfGate, environment },
    repository: input.repository,
    subject: {
      sha: input.sha,
      ...input.targetBranch === void 0 ? {} : { targetBranch: input.targetBranch }
    },
    ...mergeText(fromInputs, spec ?? { options: [] }),
    declaredRisk,
    files: { paths: [], complete: true },
    labels: [],
    requester: input.requester
  };
  if (kindOfGate === "deployment" && environment !== void 0 && request.action === void 0)
    request.action = { text: renderDeploymentAction(input.sha, environment, input.targetBranch) };
  if (kind !== void 0) request.kind = kind;
  if (input.onBehalfOf !== void 0) request.onBehalfOf = input.onBehalfOf;
  if (spec !== void 0) request.spec = { path: spec.path };
  return request;
}
function renderDeploymentAction(sha, environment, ref) {
  return `Deploy ${sha.slice(0, 12)}${ref === void 0 ? "" : ` (${ref})`} to ${environment}`;
}
function parsePullRequestText(pr) {
  const body = parseSections(pr.body);
  const section = (key) => {
    const found = findSection(body.sections, key);
    return found === void 0 ? void 0 : found.text;
  };
  const optionsSection = findSection(body.sections, "options");
  const text = {
    options: optionsSection === void 0 ? [] : parseOptionsSection(optionsSection)
  };
  setText(text, "action", given(pr.title));
  const context = section("context");
  setText(
    text,
    "context",
    context === void 0 || context.trim() === "" ? body.preamble?.text ?? context : context
  );
  setText(text, "riskAssessment", section("risk_assessment"));
  setText(text, "rollbackPlan", section("rollback_plan"));
  setText(text, "recommendation", section("recommendation"));
  return text;
}
function mergeText(first, second) {
  const merged = {
    options: first !== void 0 && first.options.length > 0 ? first.options : second.options
  };
  for (const field of ["action", "context", "riskAssessment", "rollbackPlan", "recommendation"]) {
    const value = pickText(first?.[field], second[field]);
    if (value !== void 0) merged[field] = value;
  }
  return merged;
}
function setText(target, field, text) {
  if (text !== void 0) target[field] = { text };
}
function given(text) {
  return text === void 0 || text.trim() === "" ? void 0 : text.trim();
}
function mergeRisk(declarations) {
  const merged = {};
  for (const risk of declarations) {
    if (risk.reversibility !== void 0)
      merged.reversibility = higher(REVERSIBILITY, merged.reversibility, risk.reversibility);
    if (risk.blast_radius !== void 0)
      merged.blast_radius = higher(BLAST_RADIUS, merged.blast_radius, risk.blast_radius);
    if (risk.sensitivity !== void 0)
      merged.sensitivity = higher(SENSITIVITY, merged.sensitivity, risk.sensitivity);
    if (risk.precedent !== void 0) merged.precedent = higher(PRECEDENT, merged.precedent, risk.precedent);
    if (risk.cost !== void 0) merged.cost = Math.max(merged.cost ?? 0, risk.cost);
    if (risk.external !== void 0) merged.external = (merged.external ?? false) || risk.external;
  }
  return merged;
}
function higher(order, current, next) {
  return current === void 0 || order.indexOf(next) > order.indexOf(current) ? next : current;
}

// src/core/commands.ts
var MAX_COMMENT_LENGTH = 65536;
var GAP = "\0";
var FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
var FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
var BLOCKQUOTE = /^ {0,3}>/;
var BLOCK_COMMENT = /^ {0,3}<!--/;
var BLANK = /^[ \t\0]*$/;
var FORBIDDEN = /(?![\t\0])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
var COMMAND = /^([ \0]*)\/([A-Za-z]+(?:-[A-Za-z]+)*)\0*(?=[ \t]|$)/;
var CANCEL = /^[^A-Za-z0-9]*[Cc][Aa][Nn][Cc][Ee][Ll](?:[Ll]?[Ee][Dd])?(?![A-Za-z0-9_])/;
var REMOVE_APPROVE = "remove-approve";
var WITHDRAWAL = { verb: "approve", cancel: true };
var ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
var ISO_TIME_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
var WHEN_EXAMPLES = "a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)";
function parseCommand(body, options = {}) {
  if (typeof body !== "string") return null;
  const lines = readLines(body);
  const first = lines.findIndex((line) => line.prose && !BLANK.test(line.text));
  const firstLine = lines[first];
  if (firstLine === void 0) return null;
  const command = matchCommandLine(firstLine.text);
  if (command === void 0 && options.approving !== true) return null;
  if (command?.verb !== "reject") {
    let withdrawal = null;
    for (let index = first + 1; index < lines.length; index++) {
      const line = lines[index];
      if (line === void 0 || !line.prose) continue;
      const later = matchCommandLine(line.text);
      if (later === void 0) continue;
      if (later.verb === "reject") return readVerb("reject", later.rest, lines.slice(index + 1));
      if (withdrawal === null && isWithdrawal(later)) withdrawal = { ok: true, command: WITHDRAWAL };
    }
    if (withdrawal !== null && (command === void 0 || approves(command))) return withdrawal;
  }
  if (command === void 0) return null;
  return readVerb(command.verb, command.rest, lines.slice(first + 1));
}
function isWithdrawal(line) {
  return line.verb === REMOVE_APPROVE || line.verb === "approve" && CANCEL.test(readArgs(line.rest));
}
function approves(line) {
  return line.verb === "ack" || line.verb === "delay" || line.verb === "approve" && !isWithdrawal(line);
}
function readLines(body) {
  const raw = body.slice(0, MAX_COMMENT_LENGTH).replaceAll("\0", "\uFFFD").split(/\r\n|\r|\n/);
  const lines = [];
  let fence;
  let index = 0;
  while (index < raw.length) {
    const line = raw[index] ?? "";
    index++;
    if (fence !== void 0) {
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close !== void 0 && close[0] === fence.char && close.length >= fence.length) fence = void 0;
      lines.push({ text: line, prose: false });
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    const marker = open?.[1];
    if (marker !== void 0 && !(marker[0] === "`" && (open?.[2] ?? "").includes("`"))) {
      fence = { char: marker[0] ?? "`", length: marker.length };
      lines.push({ text: line, prose: false });
      continue;
    }
    if (isIndented(line) && !BLANK.test(line) || BLOCKQUOTE.test(line)) {
      lines.push({ text: line, prose: false });
      continue;
    }
    const start = line.indexOf("<!--");
    if (BLOCK_COMMENT.test(line) && line.indexOf("-->", start + 2) < 0) {
      let rest = "";
      while (index < raw.length) {
        const next = raw[index] ?? "";
        index++;
        const end = next.indexOf("-->");
        if (end >= 0) {
          rest = removeInlineComments(next.slice(end + 3));
          break;
        }
      }
      lines.push({ text: `${line.slice(0, start)}${GAP}${rest}`, prose: true });
      continue;
    }
    lines.push({ text: removeInlineComments(line), prose: true });
  }
  return lines;
}
function isIndented(line) {
  let column = 0;
  for (const char of line) {
    if (char === " ") column++;
    else if (char === "	") column += 4 - column % 4;
    else break;
    if (column >= 4) return true;
  }
  return false;
}
function removeInlineComments(line) {
  let text = "";
  let from = 0;
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === "\\") {
      index += 2;
    } else if (char === "`") {
      const run = backtickRun(line, index);
      const close = findBacktickRun(line, index + run, run);
      index = close < 0 ? index + run : close + run;
    } else if (line.startsWith("<!--", index)) {
      const end = line.indexOf("-->", index + 2);
      if (end < 0) break;
      text += line.slice(from, index) + GAP;
      index = end + 3;
      from = index;
    } else {
      index++;
    }
  }
  return text + line.slice(from);
}
function backtickRun(line, start) {
  let end = start;
  while (line[end] === "`") end++;
  return end - start;
}
function findBacktickRun(line, from, length) {
  let index = line.indexOf("`", from);
  while (index >= 0) {
    const run = backtickRun(line, index);
    if (run === length) return index;
    index = line.indexOf("`", index + run);
  }
  return -1;
}
function matchCommandLine(text) {
  if (FORBIDDEN.test(text)) return void 0;
  const match = COMMAND.exec(text);
  if (match === null) return void 0;
  const indent = (match[1] ?? "").replaceAll(GAP, "");
  const verb = (match[2] ?? "").toLowerCase();
  if (indent.length > 3 || !(isVerb(verb) || verb === REMOVE_APPROVE)) return void 0;
  return { verb, rest: text.slice(match[0].length) };
}
function isVerb(word) {
  return VERBS.includes(word);
}
function readArgs(rest) {
  return rest.replaceAll(GAP, "").trim();
}
function readVerb(verb, rest, following) {
  const args = readArgs(rest);
  const text = [args, ...following.map((line) => line.text.replaceAll(GAP, ""))].join("\n").trim();
  switch (verb) {
    case REMOVE_APPROVE:
      return { ok: true, command: WITHDRAWAL };
    case "approve":
      return CANCEL.test(args) ? { ok: true, command: WITHDRAWAL } : { ok: true, command: { verb, cancel: false, args, note: text } };
    case "reject":
      return { ok: true, command: { verb, reason: text } };
    case "delay":
      return readDelay(args, text);
    case "modify":
      return text === "" ? { ok: false, verb, error: "say what to change after /modify" } : { ok: true, command: { verb, instructions: text } };
    case "ack":
      return { ok: true, command: { verb, note: text } };
    case "recheck":
      return { ok: true, command: { verb } };
  }
}
function readDelay(args, text) {
  const when = /^\S*/.exec(args)?.[0] ?? "";
  const note = text.slice(when.length).trim();
  if (when === "") return { ok: false, verb: "delay", error: `say when after /delay: ${WHEN_EXAMPLES}` };
  const durationMs = parseDuration(when);
  if (durationMs !== void 0) return { ok: true, command: { verb: "delay", until: { durationMs }, note } };
  const at = parseZonedTime(when);
  if (at !== void 0) return { ok: true, command: { verb: "delay", until: { at }, note } };
  const shown = quote(when);
  const error = ISO_TIME.test(when) ? `${shown} is not a real date and time` : ISO_TIME_WITHOUT_ZONE.test(when) ? `${shown} has no time zone: add Z for UTC or an offset such as +02:00` : `could not read ${shown} as ${WHEN_EXAMPLES}`;
  return { ok: false, verb: "delay", error };
}
function parseZonedTime(text) {
  const match = ISO_TIME.exec(text);
  if (match === null) return void 0;
  const [, year, month, day, hour, minute, second = "0", fraction = "", sign, offsetHour, offsetMinute] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const oh = Number(offsetHour ?? 0);
  const om = Number(offsetMinute ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return void 0;
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return void 0;
  const date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, Number(fraction.padEnd(3, "0").slice(0, 3)));
  const offsetMs = (sign === "-" ? -1 : 1) * (oh * 60 + om) * 6e4;
  return new Date(date.getTime() - offsetMs).toISOString();
}
function daysInMonth(year, month) {
  if (month === 2) return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function quote(word) {
  const chars = Array.from(word);
  return `"${chars.length > 64 ? `${chars.slice(0, 64).join("")}\u2026` : word}"`;
}

// src/core/gate.ts
var PUSH_GUARD_MS = 3e4;
function shortSha(sha) {
  return sha.slice(0, 7);
}
function isBot(actor) {
  return actor.type === "Bot" || actor.login.toLowerCase().endsWith("[bot]");
}
function hasWrite(permission) {
  return PERMISSIONS.indexOf(permission) >= PERMISSIONS.indexOf("write");
}
function intentOfCommand(parsed, createdAt) {
  if (parsed === null) return void 0;
  if (!parsed.ok) return { kind: "invalid", verb: parsed.verb, error: parsed.error };
  const { command } = parsed;
  switch (command.verb) {
    case "approve":
      return command.cancel ? { kind: "cancel" } : { kind: "approve", verb: "approve", args: command.args, note: command.note };
    case "ack":
      return { kind: "approve", verb: "ack", args: "", note: command.note };
    case "delay":
      return {
        kind: "approve",
        verb: "delay",
        args: "",
        note: command.note,
        // A duration counts from the statement.
        effectiveAt: "at" in command.until ? command.until.at : new Date(Date.parse(createdAt) + command.until.durationMs).toISOString()
      };
    case "reject":
      return { kind: "reject", reason: command.reason };
    case "modify":
      return { kind: "modify", instructions: command.instructions };
    case "recheck":
      return void 0;
  }
}
function readIntent(statement) {
  switch (statement.source) {
    case "comment":
      return intentOfCommand(parseCommand(statement.body), statement.createdAt);
    case "review":
      return readReviewIntent(statement);
    case "check_action":
    case "deployment_review":
      if (statement.action === "approve")
        return { kind: "approve", verb: "approve", args: "", note: statement.body };
      if (statement.action === "reject") {
        const reason = statement.body.trim() || `rejected with the ${statement.source === "check_action" ? "check-run button" : "deployment review"}`;
        return { kind: "reject", reason };
      }
      return void 0;
  }
}
function readReviewIntent(statement) {
  const state = statement.reviewState;
  if (state === "COMMENTED") return intentOfCommand(parseCommand(statement.body), statement.createdAt);
  if (state !== "APPROVED" && state !== "CHANGES_REQUESTED" && state !== "DISMISSED") return void 0;
  const said = intentOfCommand(parseCommand(statement.body, { approving: true }), statement.createdAt);
  if (said?.kind === "reject") return said;
  switch (state) {
    case "APPROVED":
      if (said === void 0 || said.kind === "approve" && said.verb === "approve")
        return {
          kind: "approve",
          verb: "approve",
          args: said?.args ?? "",
          // An `/approve` in the body: what follows it, as in a comment; else the whole body.
          note: said?.kind === "approve" ? said.note : statement.body.trim()
        };
      return said;
    case "CHANGES_REQUESTED":
      return {
        kind: "modify",
        instructions: said?.kind === "modify" ? said.instructions : statement.body.trim()
      };
    case "DISMISSED":
      return { kind: "invalid", verb: "review", error: "the review was dismissed" };
  }
}
function verbOf(intent) {
  switch (intent.kind) {
    case "approve":
      return intent.verb;
    case "cancel":
      return "approve cancel";
    case "invalid":
      return intent.verb;
    default:
      return intent.kind;
  }
}
function resolveOption(args, options) {
  const text = args.trim().toLowerCase();
  if (text === "") return void 0;
  const firstToken = text.split(/\s+/, 1)[0] ?? "";
  const byKey = options.find((option) => option.key.toLowerCase() === firstToken.replace(/[).:,]$/, ""));
  if (byKey) return byKey;
  return options.find((option) => {
    const name = option.name.toLowerCase();
    return text === name || text.startsWith(name) && /^[\s.,:;!)-]/.test(text.slice(name.length));
  });
}
function removeOptionFromNote(note, args, option) {
  const text = args.trim();
  const first = text.split(/\s+/, 1)[0] ?? "";
  const name = option.name.toLowerCase();
  let said;
  if (first.replace(/[).:,]$/, "").toLowerCase() === option.key.toLowerCase()) said = first;
  else if (text.slice(0, name.length).toLowerCase() === name) said = text.slice(0, name.length);
  if (said === void 0 || !note.startsWith(said)) return note;
  return note.slice(said.length).replace(/^[\s.,:;!)-]+/, "");
}
function collectRequirements(policy, risk) {
  if (risk.tier !== "approve" || risk.waived !== void 0) return [];
  const defaults = policy.defaults;
  const fromDefaults = (name, require2) => ({
    name,
    level: "approve",
    needed: defaults.approvals,
    groups: [],
    require: require2,
    timeoutMs: defaults.timeoutMs,
    onTimeout: defaults.onTimeout,
    escalateTo: defaults.escalateTo,
    safeDefault: defaults.safeDefault
  });
  const requirements = [];
  for (const matched of risk.rules) {
    if (matched.tier !== "approve") continue;
    if (matched.name === CONFIG_RULE_NAME) {
      requirements.push({
        ...fromDefaults(CONFIG_RULE_NAME, ["action"]),
        groups: Object.keys(policy.reviewers)
      });
      continue;
    }
    const rule = policy.rules.find((candidate) => candidate.name === matched.name);
    if (!rule) continue;
    requirements.push({
      name: rule.name,
      level: rule.level,
      needed: rule.level === "approve" ? rule.approvals : 1,
      groups: rule.reviewers,
      require: rule.require,
      timeoutMs: rule.timeoutMs,
      onTimeout: rule.onTimeout,
      escalateTo: rule.escalateTo,
      safeDefault: rule.safeDefault
    });
  }
  if (requirements.length === 0) requirements.push(fromDefaults("defaults", ["action", "rollback_plan"]));
  return requirements;
}
function deadlineOf(requirement, requestedAt, now) {
  if (requirement.timeoutMs === null) return void 0;
  const first = requestedAt + requirement.timeoutMs;
  const escalates = requirement.onTimeout === "escalate";
  return {
    first,
    final: escalates ? first + requirement.timeoutMs : first,
    escalated: escalates && now >= first
  };
}
function membership(actor, groups, policy, facts) {
  const unknown = [];
  for (const group of groups) {
    for (const entry of readReviewerGroup(policy, group) ?? []) {
      if (!entry.startsWith("@")) {
        if (entry.toLowerCase() === actor.login.toLowerCase()) return { member: true, unknown: [] };
        continue;
      }
      const team = facts.teams[entry.slice(1).toLowerCase()];
      if (team === void 0 || "error" in team)
        unknown.push(`${entry} (${team ? team.error : "not looked up"})`);
      else if (team.members.includes(actor.id)) return { member: true, unknown: [] };
    }
  }
  return { member: false, unknown };
}
function selfRoles(actor, request, facts) {
  const roles = [
    [facts.author, "the PR author"],
    [request.requester, "the requester"],
    [request.onBehalfOf, "the person the requester acts for"],
    [facts.lastPusher, "the last pusher"],
    ...(facts.deployers ?? []).map((deployer) => [deployer, "the deployer"])
  ];
  return [...new Set(roles.filter(([party]) => party?.id === actor.id).map(([, role]) => role))];
}
function givenForEarlierHead(statement, facts) {
  return statement.commitId !== void 0 && statement.commitId !== facts.head.sha || Date.parse(statement.createdAt) < Date.parse(facts.head.since);
}
function staleness(statement, facts) {
  const head = facts.head;
  if (statement.commitId !== void 0 && statement.commitId !== head.sha)
    return `stale: given for ${shortSha(statement.commitId)}, the head is now ${shortSha(head.sha)}`;
  const given2 = Date.parse(statement.createdAt);
  const since = Date.parse(head.since);
  if (given2 < since) {
    const event = head.sinceEvent === void 0 ? "" : ` (${head.sinceEvent} ${head.since})`;
    return `stale: given before ${shortSha(head.sha)} became the head of this request${event}; approve again`;
  }
  if (statement.commitId === void 0 && head.pushed === true && given2 < since + PUSH_GUARD_MS) {
    return `stale: given within ${formatDuration(PUSH_GUARD_MS)} of the push of ${shortSha(head.sha)}, before it could be reviewed; approve again`;
  }
  const change = facts.requestChange;
  if (change !== void 0 && given2 < Date.parse(change.at))
    return `stale: given before the request changed (${change.what} at ${change.at}); approve again`;
  return void 0;
}
var MAX_VETO_REASON = 200;
function restoreVetoes(statements, vetoes) {
  const restored = [...statements];
  for (const veto of vetoes) {
    const index = restored.findIndex(
      (statement2) => statement2.source === veto.source && statement2.id === veto.statementId
    );
    const present = restored[index];
    if (present !== void 0 && readIntent(present)?.kind === "reject") continue;
    const statement = {
      source: veto.source,
      id: veto.statementId,
      author: veto.author,
      body: veto.source === "comment" || veto.source === "review" ? `/reject ${veto.reason}` : veto.reason,
      createdAt: veto.at,
      restored: present === void 0 ? "deleted" : "edited"
    };
    if (veto.source === "review") statement.reviewState = "COMMENTED";
    if (veto.source === "check_action" || veto.source === "deployment_review") statement.action = "reject";
    if (present?.editors !== void 0) statement.editors = present.editors;
    if (present === void 0) restored.push(statement);
    else restored[index] = statement;
  }
  return restored;
}
function parseDeletedVeto(comment, selfIds) {
  const parsed = parseCommand(comment.body);
  if (selfIds.includes(comment.author.id) || !parsed?.ok || parsed.command.verb !== "reject") return [];
  return [
    {
      source: "comment",
      statementId: String(comment.id),
      author: comment.author,
      reason: parsed.command.reason.slice(0, MAX_VETO_REASON),
      at: comment.createdAt
    }
  ];
}
function describeStatement(statement) {
  const { source, id, author, createdAt } = statement;
  return { source, id, author, createdAt };
}
function byTime(a, b) {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
function evaluateGate(policy, request, facts, now) {
  const nowMs = Date.parse(now);
  const risk = evaluateRisk(policy, request, {
    history: facts.history,
    historyNote: facts.historyNote,
    teams: facts.teams,
    policyFiles: facts.policyFiles
  });
  const requirements = collectRequirements(policy, risk);
  const requestedAt = Date.parse(facts.requestedAt);
  const deadlines = new Map(requirements.map((req) => [req.name, deadlineOf(req, requestedAt, nowMs)]));
  const groupsOf = (req) => deadlines.get(req.name)?.escalated ? [...req.groups, ...req.escalateTo] : req.groups;
  const verdicts = [];
  const tampering = [];
  const problems = [...risk.problems];
  const standing = /* @__PURE__ */ new Map();
  const statements = restoreVetoes(facts.statements, facts.recordedVetoes ?? []);
  for (const statement of statements.sort(byTime)) {
    if (facts.selfIds.includes(statement.author.id)) continue;
    const foreignEditor = statement.editors?.find((editor) => editor.id !== statement.author.id);
    const intent = readIntent(statement) ?? (foreignEditor ? { kind: "invalid", verb: "edited", error: "" } : void 0);
    if (!intent) continue;
    const verdict = {
      statement: describeStatement(statement),
      verb: verbOf(intent),
      counted: false,
      reason: ""
    };
    verdicts.push(verdict);
    const who = `@${statement.author.login}`;
    const edited = statement.updatedAt !== void 0 && statement.updatedAt !== statement.createdAt;
    const permission = facts.permissions[statement.author.id];
    if (foreignEditor) {
      tampering.push({ statementId: statement.id, author: statement.author, editor: foreignEditor });
      verdict.reason = `tampering: edited by @${foreignEditor.login}, who did not write it`;
      if (statement.restored === void 0) continue;
    }
    if (isBot(statement.author) && !policy.defaults.allowBots) {
      verdict.reason = `ignored: ${who} is a bot account`;
    } else if (statement.viaApp !== void 0) {
      verdict.reason = `ignored: posted through the app ${statement.viaApp} on ${who}'s behalf`;
    } else if (intent.kind === "invalid") {
      verdict.reason = `ignored: ${intent.error}`;
    } else if (edited && intent.kind === "approve") {
      verdict.reason = `ignored: an edited approval never counts; ${statement.source === "review" ? "submit a new review" : "post a new comment"}`;
    } else if (permission === void 0) {
      verdict.reason = `ignored: ${who}'s permission could not be read`;
    } else if (!hasWrite(permission)) {
      verdict.reason = `ignored: ${who} has ${permission} permission (write or more needed)`;
    } else {
      const previous = standing.get(statement.author.id);
      if (previous) previous.verdict.reason = `superseded: ${who} said /${verdict.verb} later`;
      standing.set(statement.author.id, { statement, intent, verdict });
    }
  }
  const anyoneWithWrite = requirements.length === 0 || requirements.some((req) => req.groups.length === 0);
  const isGateReviewer = (actor) => anyoneWithWrite || requirements.some((req) => membership(actor, groupsOf(req), policy, facts).member);
  const allGroups = [...new Set(requirements.flatMap(groupsOf))];
  const approvals = [];
  const progress = requirements.map((req) => ({
    rule: req.name,
    level: req.level,
    needed: req.needed,
    approvals: [],
    reviewers: groupsOf(req)
  }));
  const rejections = [];
  const modifications = [];
  const unreadableTeams = /* @__PURE__ */ new Set();
  for (const entry of standing.values()) {
    const { statement, intent, verdict } = entry;
    const who = `@${statement.author.login}`;
    if (intent.kind === "cancel") {
      verdict.counted = true;
      verdict.reason = "counted: withdraws earlier statements";
      continue;
    }
    if (intent.kind !== "approve") {
      if (!isGateReviewer(statement.author)) {
        verdict.reason = `ignored: ${who} is not among the reviewers of this gate (${allGroups.join(", ")})`;
        continue;
      }
      if (intent.kind === "modify" && policy.defaults.invalidateOnPush && givenForEarlierHead(statement, facts)) {
        verdict.reason = `addressed: the head moved to ${shortSha(facts.head.sha)} after the request for changes`;
        continue;
      }
      verdict.counted = true;
      verdict.reason = intent.kind === "reject" ? "counted: a rejection blocks the gate" : "counted: changes requested";
      if (statement.restored !== void 0) {
        const what = statement.restored === "deleted" ? "deleted" : "edited away";
        verdict.reason = `counted: a rejection blocks the gate; its ${statement.source === "comment" ? "comment" : statement.source} was ${what} after Gatehouse saw it, and the veto stands until ${who} withdraws it`;
        problems.push(
          `tampering: the rejection by ${who} of ${statement.createdAt} was ${what}; it still blocks (DESIGN \xA711)`
        );
      }
      (intent.kind === "reject" ? rejections : modifications).push(entry);
      continue;
    }
    const roles = policy.defaults.allowSelfApproval ? [] : selfRoles(statement.author, request, facts);
    if (roles.length > 0) {
      verdict.reason = `ignored: ${who} is ${roles.join(" and ")} (self-approval is off)`;
      continue;
    }
    const stale = policy.defaults.invalidateOnPush ? staleness(statement, facts) : void 0;
    if (stale) {
      verdict.reason = stale;
      continue;
    }
    const option = resolveOption(intent.args, request.options);
    const approval = {
      approver: statement.author,
      at: statement.createdAt,
      statementId: statement.id,
      source: statement.source,
      verb: intent.verb
    };
    if (option) approval.option = option.key;
    const note = option ? removeOptionFromNote(intent.note, intent.args, option) : intent.note;
    if (note) approval.note = note;
    if (intent.effectiveAt) approval.effectiveAt = intent.effectiveAt;
    if (requirements.length === 0) {
      verdict.counted = true;
      verdict.reason = risk.tier === "notify" ? "counted: acknowledged" : "counted: noted";
      approvals.push(approval);
      continue;
    }
    const countedFor = [];
    const reasons = [];
    requirements.forEach((req, i) => {
      const deadline = deadlines.get(req.name);
      if (deadline && Date.parse(statement.createdAt) >= deadline.final) {
        reasons.push(`after the deadline of ${req.name}`);
        return;
      }
      if (req.level !== "acknowledge" && intent.verb === "ack") {
        reasons.push(`/ack acknowledges; ${req.name} needs /approve`);
        return;
      }
      if (req.groups.length > 0) {
        const { member, unknown } = membership(statement.author, groupsOf(req), policy, facts);
        if (!member) {
          for (const team of unknown) unreadableTeams.add(team);
          reasons.push(
            unknown.length > 0 ? `${who}'s membership could not be confirmed: ${unknown.join(", ")}` : `${who} is not in ${groupsOf(req).join(", ")}`
          );
          return;
        }
      }
      progress[i]?.approvals.push(approval);
      countedFor.push(req.name);
    });
    if (countedFor.length > 0) {
      verdict.counted = true;
      verdict.reason = `counted for ${countedFor.join(", ")}`;
      approvals.push(approval);
    } else {
      verdict.reason = `ignored: ${[...new Set(reasons)].join("; ")}`;
    }
  }
  for (const team of unreadableTeams)
    problems.push(`team ${team} could not be read: its members were not counted (fail closed)`);
  const readiness = evaluateReadiness(
    request,
    requirements.flatMap((req) => req.require.map((requirement) => ({ requirement, rule: req.name })))
  );
  const result = {
    state: "pending",
    risk,
    progress,
    statements: verdicts,
    approvers: approvals,
    readiness,
    tampering,
    problems,
    vetoes: rejections.flatMap(
      ({ statement, intent }) => intent.kind === "reject" ? [
        {
          source: statement.source,
          statementId: statement.id,
          author: statement.author,
          reason: intent.reason.slice(0, MAX_VETO_REASON),
          at: statement.createdAt
        }
      ] : []
    )
  };
  decideState(result, {
    policy,
    request,
    requirements,
    deadlines,
    rejections,
    modifications,
    nowMs,
    requestedAt
  });
  return result;
}
function decideState(result, decided) {
  const { policy, request, requirements, deadlines, rejections, modifications, nowMs, requestedAt } = decided;
  const { risk } = result;
  const firstTampering = result.tampering[0];
  if (firstTampering) {
    result.state = "rejected";
    result.rejection = {
      by: firstTampering.editor,
      at: new Date(nowMs).toISOString(),
      reason: `tampering: @${firstTampering.editor.login} edited a command comment written by @${firstTampering.author.login}`
    };
    result.reason = result.rejection.reason;
    return;
  }
  if (policy.mode === "auto" && risk.waived !== void 0) {
    result.state = risk.tier === "notify" ? "notified" : "auto_approved";
    result.reason = risk.waived;
    return;
  }
  const rejection = rejections[0];
  if (rejection?.intent.kind === "reject") {
    result.state = "rejected";
    result.rejection = {
      by: rejection.statement.author,
      at: rejection.statement.createdAt,
      reason: rejection.intent.reason
    };
    result.reason = rejection.intent.reason;
    return;
  }
  if (requirements.length === 0) {
    result.state = risk.tier === "notify" && risk.waived === void 0 ? "notified" : "auto_approved";
    result.reason = risk.waived ?? (risk.tier === "notify" ? "notify tier: proceeds and is recorded" : "low risk");
    return;
  }
  if (!result.readiness.ready) return;
  const modification = modifications[0];
  if (modification?.intent.kind === "modify") {
    result.state = "changes_requested";
    result.modification = {
      by: modification.statement.author,
      at: modification.statement.createdAt,
      instructions: modification.intent.instructions
    };
    return;
  }
  let proceededOnTimeout;
  let pendingDeadline;
  requirements.forEach((req, i) => {
    const met = (result.progress[i]?.approvals.length ?? 0) >= req.needed;
    const deadline = deadlines.get(req.name);
    if (met || !deadline) return;
    if (nowMs < deadline.final) {
      const next = deadline.escalated ? deadline.final : deadline.first;
      pendingDeadline = Math.min(pendingDeadline ?? next, next);
      if (deadline.escalated) {
        result.escalation = {
          at: new Date(deadline.first).toISOString(),
          to: req.escalateTo,
          deadline: new Date(deadline.final).toISOString()
        };
      }
      return;
    }
    const waited = deadline.final - requestedAt;
    if (req.onTimeout === "proceed") {
      const option2 = req.safeDefault === null ? void 0 : resolveOption(req.safeDefault, request.options);
      if (option2) {
        proceededOnTimeout ??= { rule: req.name, option: option2 };
        return;
      }
      result.problems.push(
        `${req.name}: the safe default "${req.safeDefault}" is not one of the request's options, so the gate expires`
      );
    }
    result.state = "expired";
    result.expiredAfterMs ??= waited;
    result.reason ??= `${req.name}: no decision within ${formatDuration(waited)}`;
  });
  if (result.state === "expired") return;
  if (pendingDeadline !== void 0) result.deadline = new Date(pendingDeadline).toISOString();
  const unmet = requirements.some((req, i) => {
    const met = (result.progress[i]?.approvals.length ?? 0) >= req.needed;
    return !met && !(proceededOnTimeout && nowMs >= (deadlines.get(req.name)?.final ?? Number.POSITIVE_INFINITY));
  });
  if (unmet) {
    if (result.escalation) result.state = "escalated";
    return;
  }
  const counted = result.progress.flatMap((entry) => entry.approvals);
  const chosen = [...new Set(counted.flatMap((approval) => approval.option ? [approval.option] : []))];
  if (chosen.length > 1) {
    result.problems.push(
      `approvers chose different options (${chosen.join(", ")}): agree on one, then approve again`
    );
    return;
  }
  const option = request.options.find((candidate) => candidate.key === chosen[0]) ?? proceededOnTimeout?.option;
  if (option) result.option = option;
  if (proceededOnTimeout && counted.length === 0) {
    result.state = "auto_approved";
    result.reason = `${proceededOnTimeout.rule}: no decision before the deadline; proceeding with the safe default "${proceededOnTimeout.option.name}"`;
    return;
  }
  const effectiveAt = counted.flatMap((approval) => approval.effectiveAt ? [approval.effectiveAt] : []).sort().at(-1);
  if (effectiveAt !== void 0) result.effectiveAt = effectiveAt;
  result.state = effectiveAt !== void 0 && Date.parse(effectiveAt) > nowMs ? "delayed" : "approved";
}
function listStatementAuthors(statements, selfIds = [], options = {}) {
  const authors = /* @__PURE__ */ new Map();
  for (const statement of statements) {
    if (selfIds.includes(statement.author.id) || authors.has(statement.author.id)) continue;
    if (isBot(statement.author) && options.allowBots !== true) continue;
    if (readIntent(statement)) authors.set(statement.author.id, statement.author);
  }
  return [...authors.values()];
}
function listTeamsNeeded(policy, risk) {
  const entries = [
    ...policy.rules.flatMap((rule) => rule.if.authors ?? []),
    ...risk ? collectRequirements(policy, risk).flatMap((req) => [...req.groups, ...req.escalateTo]) : []
  ].flatMap((entry) => readReviewerGroup(policy, entry) ?? [entry]);
  return [
    ...new Set(entries.filter((entry) => entry.startsWith("@")).map((entry) => entry.slice(1).toLowerCase()))
  ].sort();
}

// src/core/render/approval-request.ts
var APPROVAL_REQUEST_MAX_CHARS = 6e4;
var FULL_BUDGET = {
  action: 1e3,
  context: 6e3,
  riskText: 3e3,
  rollback: 3e3,
  recommendation: 2e3,
  reason: 1500,
  optionsShown: 10,
  optionDescription: 400,
  rulesShown: 15,
  filesPerRule: 20,
  filesTotal: 100,
  pathChars: 160,
  statementsShown: 50,
  problemsShown: 30,
  progressShown: 15,
  groupsShown: 5,
  entriesShown: 20,
  listEntry: 300
};
var COMPACT_BUDGET = {
  action: 300,
  context: 1500,
  riskText: 800,
  rollback: 800,
  recommendation: 500,
  reason: 500,
  optionsShown: 10,
  optionDescription: 150,
  rulesShown: 5,
  filesPerRule: 5,
  filesTotal: 25,
  pathChars: 100,
  statementsShown: 10,
  problemsShown: 10,
  progressShown: 5,
  groupsShown: 3,
  entriesShown: 5,
  listEntry: 150
};
function truncateText(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function inline(text, max) {
  return escapeMarkdownInline(text, max);
}
function formatTime(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return escapeMarkdownInline(iso, 80);
  const [date = "", clock = ""] = time.toISOString().split("T");
  const seconds = clock.slice(6, 8);
  return `${date} ${seconds === "00" ? clock.slice(0, 5) : clock.slice(0, 8)} UTC`;
}
function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
function groupsText(reviewers) {
  if (reviewers.length === 0) return void 0;
  if (reviewers.length === 1) return reviewers[0];
  return `${reviewers.slice(0, -1).join(", ")} or ${reviewers.at(-1)}`;
}
function describeProgress(progress) {
  const from = groupsText(progress.reviewers);
  const suffix = from === void 0 ? "" : ` from ${from}`;
  if (progress.level === "acknowledge") {
    const by = progress.approvals.map((approval) => approval.approver.login);
    return by.length > 0 ? `acknowledged by ${by.join(", ")}` : `no acknowledgement yet${suffix}`;
  }
  return `${progress.approvals.length} of ${plural(progress.needed, "approval")}${suffix}`;
}
function describeMissing(result) {
  const unmet = result.progress.filter((entry) => entry.approvals.length < entry.needed);
  if (unmet.length === 0) return "a decision";
  const parts = unmet.map((entry) => {
    const from = groupsText(entry.reviewers);
    const suffix = from === void 0 ? "" : ` from ${from}`;
    if (entry.level === "acknowledge") return `an acknowledgement${suffix}`;
    const missing = entry.needed - entry.approvals.length;
    if (missing === entry.needed) return `${plural(entry.needed, "approval")}${suffix}`;
    return `${missing} of ${plural(entry.needed, "approval")}${suffix}`;
  });
  return parts.join("; ");
}
function gateOptionsOf(requirement, policy) {
  return policy.rules.find((rule) => rule.name === requirement) ?? policy.defaults;
}
function describeExpiry(result) {
  return result.expiredAfterMs === void 0 ? void 0 : formatDuration(result.expiredAfterMs);
}
function describeNeed(level, needed) {
  if (level === "acknowledge") return "one acknowledgement";
  return level === "review" ? "one approval" : plural(needed, "approval");
}
function approverLogins(result) {
  return [...new Set(result.approvers.map((approval) => approval.approver.login))];
}
var SOURCE_NAMES = {
  comment: "comment",
  review: "review",
  check_action: "check-run button",
  deployment_review: "deployment review"
};
function renderStateLine(result, budget) {
  const [tampered] = result.tampering;
  if (tampered) {
    return [
      `**Blocked: an approval comment was edited** \u2014 comment ${inline(tampered.statementId, 80)} by ${inline(tampered.author.login, 80)} was edited by ${inline(tampered.editor.login, 80)}. A command comment edited by anyone but its author fails the gate.`
    ];
  }
  const progress = result.progress.map(describeProgress);
  const waitingFor = progress.length > 0 ? inline(progress.join("; "), budget.listEntry) : "waiting for a decision";
  switch (result.state) {
    case "rejected": {
      const by = result.rejection ? ` by ${inline(result.rejection.by.login, 80)}` : "";
      const reason = renderUntrustedBlock(result.rejection?.reason ?? result.reason ?? "", budget.reason);
      return [`**Rejected**${by}.`, ...reason ? ["", reason] : []];
    }
    case "expired": {
      const after = describeExpiry(result);
      return [`**Expired** \u2014 no decision${after === void 0 ? "" : ` within ${after}`}.`];
    }
    case "changes_requested": {
      const by = result.modification ? ` by ${inline(result.modification.by.login, 80)}` : "";
      const instructions = renderUntrustedBlock(result.modification?.instructions ?? "", budget.reason);
      return [
        `**Changes requested**${by}. The gate stays closed until the request is updated and approved.`,
        ...instructions ? ["", instructions] : []
      ];
    }
    default:
      break;
  }
  if (result.problems.length > 0)
    return [`**Blocked** \u2014 ${plural(result.problems.length, "problem")}, see below.`];
  if (!result.readiness.ready && (result.state === "pending" || result.state === "escalated")) {
    const gaps = result.readiness.missing.map((gap) => inline(gap.problem, budget.listEntry)).join(", ");
    return [`**Not ready for approval** \u2014 ${gaps}.`];
  }
  const approvers = approverLogins(result).map((login) => inline(login, 80));
  const option = result.option ? ` \u2014 option ${inline(result.option.key, 20)}: ${inline(result.option.name, budget.listEntry)}` : "";
  switch (result.state) {
    case "approved":
      return [`**Approved** by ${approvers.join(", ") || "nobody"}${option}.`];
    case "delayed":
      return [
        `**Approved, effective at ${result.effectiveAt === void 0 ? "a later time" : formatTime(result.effectiveAt)}** by ${approvers.join(", ")}${option}.`
      ];
    case "auto_approved":
      return [
        `**Auto-approved** \u2014 ${inline(result.reason ?? result.risk.waived ?? "low risk", budget.listEntry)}${option}.`
      ];
    case "notified":
      return [
        "**Proceeding** \u2014 notify tier, recorded. Acknowledge with `/ack` if you like; nothing waits for it."
      ];
    case "escalated":
      return [
        `**Escalated** to ${inline(groupsText(result.escalation?.to ?? []) ?? "the backup approvers", budget.listEntry)} \u2014 ${waitingFor}.`
      ];
    default: {
      if (result.progress.length > 0 && result.progress.every((entry) => entry.level === "acknowledge")) {
        const from = groupsText([...new Set(result.progress.flatMap((entry) => entry.reviewers))]);
        return [
          `**Waiting for an acknowledgement**${from === void 0 ? "" : ` from ${inline(from, budget.listEntry)}`}.`
        ];
      }
      return [`**Waiting for approval** \u2014 ${waitingFor}.`];
    }
  }
}
function renderText(text, max, missing) {
  return renderUntrustedBlock(text ?? "", max) || `_${missing}_`;
}
function renderActionSection(request, budget) {
  const lines = [
    "### Action requested",
    "",
    renderText(request.action?.text, budget.action, "No action stated."),
    ""
  ];
  const facts = [];
  const requester = inline(request.requester.login, 80);
  facts.push(
    `Requested by ${requester}${request.requester.type === "User" ? "" : ` (${inline(request.requester.type, 40)})`}` + (request.onBehalfOf ? ` on behalf of ${inline(request.onBehalfOf.login, 80)}` : "") + (request.agent ? ` (agent ${inline(request.agent, 80)})` : "")
  );
  if (request.kind !== void 0) facts.push(`kind ${renderCode(truncateText(request.kind, 80))}`);
  if (request.gate.environment !== void 0) {
    facts.push(`environment ${renderCode(truncateText(request.gate.environment, 120))}`);
  }
  facts.push(`commit ${renderCode(request.subject.sha.slice(0, 12))}`);
  if (request.subject.targetBranch !== void 0) {
    facts.push(`into ${renderCode(truncateText(request.subject.targetBranch, 120))}`);
  }
  if (request.spec !== void 0)
    facts.push(`spec ${renderCode(truncateText(request.spec.path, budget.pathChars))}`);
  lines.push(`${facts.join(" \xB7 ")}`, "");
  return lines;
}
function renderRiskSection(request, result, policy, budget) {
  const { risk } = result;
  const lines = ["### Risk assessment", "", `**Tier:** ${risk.tier} \xB7 **Level:** ${risk.level}`, ""];
  if (risk.factors.length > 0) {
    lines.push("| Factor | Value | Tier | From |", "| --- | --- | --- | --- |");
    for (const factor of risk.factors.slice(0, 20)) {
      lines.push(
        `| ${inline(factor.factor, 40)} | ${inline(factor.value, 80)} | ${factor.tier} | ${inline(factor.from, budget.listEntry)} |`
      );
    }
    lines.push("");
  } else {
    lines.push("No risk factors were set or computed.", "");
  }
  if (risk.rules.length > 0) {
    lines.push("**Matched rules**", "");
    let filesLeft = budget.filesTotal;
    for (const rule of risk.rules.slice(0, budget.rulesShown)) {
      const description = policy.rules.find((candidate) => candidate.name === rule.name)?.description;
      const reasons = inline(rule.reasons.join("; "), 2 * budget.listEntry);
      lines.push(
        `- **${inline(rule.name, 100)}** (${rule.tier} tier, ${rule.level} level)` + (description ? `: ${inline(description.replace(/[.\s]+$/, ""), budget.listEntry)}` : "") + (reasons ? `. Matched because ${reasons}` : "")
      );
      const shown = rule.files.slice(0, Math.min(budget.filesPerRule, filesLeft));
      filesLeft -= shown.length;
      for (const file of shown) lines.push(`  - ${renderCode(truncateText(file, budget.pathChars))}`);
      const more = Math.max(rule.filesMatched, rule.files.length) - shown.length;
      if (more > 0) lines.push(`  - and ${plural(more, "more file")}`);
    }
    if (risk.rules.length > budget.rulesShown)
      lines.push(`- and ${plural(risk.rules.length - budget.rulesShown, "more rule")}`);
    lines.push("");
  } else {
    lines.push("No rule matched.", "");
  }
  if (risk.waived !== void 0)
    lines.push(`**Proceeds without approval:** ${inline(risk.waived, budget.listEntry)}`, "");
  lines.push(
    "**The requester's assessment**",
    "",
    renderText(request.riskAssessment?.text, budget.riskText, "None given."),
    ""
  );
  return lines;
}
function renderOptionsSection(request, result, budget) {
  if (request.options.length === 0) return [];
  const lines = ["### Options", ""];
  for (const option of request.options.slice(0, budget.optionsShown)) {
    const key = inline(option.key, 20);
    const chosen = result.option?.key === option.key ? " **(chosen)**" : "";
    const description = option.description.trim() === "" ? "" : `: ${inline(option.description, budget.optionDescription)}`;
    lines.push(
      `- **${key}** \u2014 ${inline(option.name, budget.listEntry)}${description}${chosen} \u2014 pick with ${renderCode(`/approve ${truncateText(option.key, 20)}`)}`
    );
  }
  if (request.options.length > budget.optionsShown) {
    lines.push(`- and ${plural(request.options.length - budget.optionsShown, "more option")}`);
  }
  lines.push("");
  return lines;
}
function renderGroupEntries(group, policy, budget) {
  const entries = policy.reviewers[group];
  if (entries === void 0) return `**${inline(group, 100)}** (not defined under \`reviewers:\`)`;
  const shown = entries.slice(0, budget.entriesShown).map((entry) => renderCode(truncateText(entry, 60)));
  const more = entries.length > shown.length ? `, and ${entries.length - shown.length} more` : "";
  return `**${inline(group, 100)}** (${shown.join(", ")}${more})`;
}
function renderGroups(groups, policy, budget) {
  const shown = groups.slice(0, budget.groupsShown).map((group) => renderGroupEntries(group, policy, budget));
  if (groups.length > shown.length) shown.push(plural(groups.length - shown.length, "more group"));
  return shown.join(" or ");
}
function renderHowToDecide(request, result, policy, budget) {
  if (result.state === "notified") return [];
  const open = ["pending", "escalated", "changes_requested", "delayed"].includes(result.state);
  if (!open) return [];
  const lines = ["### How to decide", "", "**Who can approve**", ""];
  for (const progress of result.progress.slice(0, budget.progressShown)) {
    const needs = describeNeed(progress.level, progress.needed);
    const from = progress.reviewers.length === 0 ? "anyone with write permission" : renderGroups(progress.reviewers, policy, budget);
    const given2 = progress.approvals.map(
      (approval) => `${inline(approval.approver.login, 80)}${approval.option === void 0 ? "" : ` (option ${inline(approval.option, 20)})`}`
    );
    const sofar = given2.length === 0 ? "" : ` So far: ${given2.join(", ")}.`;
    lines.push(`- **${inline(progress.rule, 100)}** needs ${needs} from ${from}.${sofar}`);
  }
  if (result.progress.length > budget.progressShown) {
    lines.push(`- and ${plural(result.progress.length - budget.progressShown, "more rule")}`);
  }
  if (result.progress.length === 0) lines.push("- Anyone with write permission.");
  lines.push(
    "",
    [
      policy.defaults.allowSelfApproval ? void 0 : "The author of the change, the requester, whoever the request acts for and the last pusher cannot approve it.",
      policy.defaults.allowBots ? void 0 : "Bot accounts never count.",
      "People are counted once each, by account, with write permission checked when the gate is decided."
    ].filter((sentence) => sentence !== void 0).join(" "),
    ""
  );
  const acknowledgeOnly = result.progress.length > 0 && result.progress.every((entry) => entry.level === "acknowledge");
  const where = request.subject.pullRequest === void 0 ? "here" : "on this pull request";
  lines.push(`**Commands** (comment ${where}, the command on the first line of the comment)`, "");
  if (acknowledgeOnly) {
    lines.push("- `/ack` \u2014 acknowledge; one acknowledgement is enough");
  } else {
    const picks = request.options.slice(0, budget.optionsShown).map((option) => renderCode(`/approve ${truncateText(option.key, 20)}`));
    lines.push(
      `- \`/approve\` \u2014 approve${picks.length > 0 ? `; name an option to pick it: ${picks.join(", ")}` : ""}`,
      "- `/approve cancel` \u2014 withdraw your approval"
    );
  }
  lines.push("- `/reject <reason>` \u2014 reject; one rejection blocks the gate");
  if (!acknowledgeOnly) {
    lines.push(
      "- `/delay <when>` \u2014 approve, effective later: `/delay 2h` or `/delay 2026-03-02T22:00:00Z`",
      "- `/modify <instructions>` \u2014 ask for changes; the gate stays closed"
    );
  }
  if (result.progress.some((entry) => entry.level === "acknowledge") && !acknowledgeOnly) {
    lines.push("- `/ack` \u2014 acknowledge, where a rule asks only for an acknowledgement");
  }
  lines.push("");
  if (request.subject.pullRequest !== void 0 && !acknowledgeOnly) {
    lines.push(
      "A pull request review counts too: **Approve** as `/approve`, **Request changes** as `/modify`, for the commit it was given on.",
      ""
    );
  }
  lines.push(...renderDeadline(result, policy, budget));
  return lines;
}
function renderDeadline(result, policy, budget) {
  const lines = [];
  if (result.escalation) {
    const to = renderGroups(result.escalation.to, policy, budget);
    lines.push(
      `**Escalated** at ${formatTime(result.escalation.at)} to ${to || "nobody"}: they can approve too.` + (result.escalation.deadline === void 0 ? "" : ` Final deadline: ${formatTime(result.escalation.deadline)}.`),
      ""
    );
    return lines;
  }
  if (result.deadline === void 0) return lines;
  const unmet = result.progress.find((entry) => entry.approvals.length < entry.needed);
  const options = gateOptionsOf(unmet?.rule ?? "", policy);
  let then;
  switch (options.onTimeout) {
    case "escalate": {
      const to = renderGroups(options.escalateTo, policy, budget);
      then = to ? `the request escalates to ${to}` : "the request escalates";
      break;
    }
    case "proceed":
      then = options.safeDefault === null ? "the request expires" : `it proceeds with the safe default, option ${inline(options.safeDefault, 80)}`;
      break;
    default:
      then = "the request is rejected";
  }
  lines.push(`**Deadline:** ${formatTime(result.deadline)}. Without a decision by then, ${then}.`, "");
  return lines;
}
function renderReadiness(result, budget) {
  if (result.readiness.ready || result.readiness.missing.length === 0) return [];
  const lines = ["### Not ready for approval", ""];
  for (const gap of result.readiness.missing.slice(0, 20)) {
    const where = gap.source ? ` (${renderCode(truncateText(gap.source.path, budget.pathChars))} line ${gap.source.line})` : "";
    lines.push(
      `- ${inline(gap.problem, budget.listEntry)}${where}, required by rule **${inline(gap.rule, 100)}**`
    );
  }
  lines.push("", "Add what is missing to the request; nobody is asked to approve it until then.", "");
  return lines;
}
function renderProblems(result, budget) {
  const problems = [
    ...result.tampering.map(
      (entry) => `edited approval comment: comment ${entry.statementId} by ${entry.author.login} was edited by ${entry.editor.login}`
    ),
    ...result.problems,
    ...result.risk.problems
  ];
  if (problems.length === 0) return [];
  const lines = ["### Problems", ""];
  for (const problem of problems.slice(0, budget.problemsShown))
    lines.push(`- ${inline(problem, budget.listEntry)}`);
  if (problems.length > budget.problemsShown) {
    lines.push(`- and ${plural(problems.length - budget.problemsShown, "more problem")}`);
  }
  lines.push("");
  return lines;
}
function renderVerb(verb) {
  if (verb === void 0) return "no command";
  return VERBS.includes(verb) || verb === "approve cancel" ? `\`/${verb}\`` : inline(verb, 40);
}
function renderStatement(verdict, budget) {
  const { statement } = verdict;
  return `- ${SOURCE_NAMES[statement.source]} ${inline(statement.id, 40)} by ${inline(statement.author.login, 80)}, ${formatTime(statement.createdAt)}: ${renderVerb(verdict.verb)} \u2014 ${inline(verdict.reason, budget.listEntry)}`;
}
function renderStatements(result, budget) {
  if (result.statements.length === 0) return [];
  const lines = [
    "<details>",
    `<summary>How each statement was counted (${result.statements.length})</summary>`,
    ""
  ];
  for (const verdict of result.statements.slice(0, budget.statementsShown))
    lines.push(renderStatement(verdict, budget));
  if (result.statements.length > budget.statementsShown) {
    lines.push(`- and ${plural(result.statements.length - budget.statementsShown, "more statement")}`);
  }
  lines.push("", "</details>", "");
  return lines;
}
function renderWithBudget(request, result, policy, budget, marker) {
  const lines = [
    ...renderStateLine(result, budget),
    "",
    ...renderActionSection(request, budget),
    "### Context",
    "",
    renderText(request.context?.text, budget.context, "None given."),
    "",
    ...renderRiskSection(request, result, policy, budget),
    "### Rollback plan",
    "",
    renderText(request.rollbackPlan?.text, budget.rollback, "None given."),
    "",
    "### Recommendation",
    "",
    renderText(request.recommendation?.text, budget.recommendation, "None given."),
    "",
    ...renderOptionsSection(request, result, budget),
    ...renderHowToDecide(request, result, policy, budget),
    ...renderReadiness(result, budget),
    ...renderProblems(result, budget),
    ...renderStatements(result, budget),
    marker
  ];
  return lines.join("\n");
}
function renderApprovalRequest(request, result, policy) {
  const marker = createRequestMarker(hashRequest(request));
  const full = renderWithBudget(request, result, policy, FULL_BUDGET, marker);
  if (full.length <= APPROVAL_REQUEST_MAX_CHARS) return full;
  const compact = renderWithBudget(request, result, policy, COMPACT_BUDGET, marker);
  if (compact.length <= APPROVAL_REQUEST_MAX_CHARS) return compact;
  const cut = compact.slice(0, APPROVAL_REQUEST_MAX_CHARS - marker.length - 100);
  return `${cut.slice(0, cut.lastIndexOf("\n"))}

\u2026 (truncated)

${marker}`;
}

// src/core/render/check-run.ts
var CHECK_TITLE_MAX_CHARS = 120;
var IN_PROGRESS = { status: "in_progress" };
var SUCCESS = { status: "completed", conclusion: "success" };
var FAILURE = { status: "completed", conclusion: "failure" };
function evaluateOutcome(result, now) {
  const tamperers = [...new Set(result.tampering.map((entry) => entry.editor.login))];
  if (tamperers.length > 0)
    return { ...FAILURE, title: `Edited approval comment: tampering by ${tamperers.join(", ")}` };
  switch (result.state) {
    case "rejected": {
      const by = result.rejection ? ` by ${result.rejection.by.login}` : "";
      const reason = result.rejection?.reason ?? result.reason;
      return { ...FAILURE, title: `Rejected${by}${reason ? `: ${reason}` : ""}` };
    }
    case "expired": {
      const after = describeExpiry(result);
      return {
        ...FAILURE,
        title: after === void 0 ? "Expired without a decision" : `Expired after ${after} without a decision`
      };
    }
    default:
      break;
  }
  const [problem, ...more] = result.problems;
  if (problem !== void 0) {
    return { ...FAILURE, title: `Blocked: ${problem}${more.length > 0 ? ` (and ${more.length} more)` : ""}` };
  }
  const undecided = result.state === "pending" || result.state === "escalated";
  if (undecided && !result.readiness.ready) {
    return {
      ...FAILURE,
      title: `Not ready for approval: ${result.readiness.missing.map((gap) => gap.problem).join(", ")}`
    };
  }
  const approvers = approverLogins(result).join(", ");
  const option = result.option ? ` (option ${result.option.key})` : "";
  switch (result.state) {
    case "approved":
      return { ...SUCCESS, title: `Approved by ${approvers}${option}` };
    case "delayed": {
      const effectiveAt = result.effectiveAt;
      const effective = effectiveAt !== void 0 && now !== void 0 && Date.parse(now) >= Date.parse(effectiveAt);
      const when = effectiveAt === void 0 ? "later" : `at ${formatTime(effectiveAt)}`;
      return {
        ...effective ? SUCCESS : IN_PROGRESS,
        title: `Approved by ${approvers}, effective ${when}${option}`
      };
    }
    case "auto_approved":
      return { ...SUCCESS, title: `Auto-approved: ${result.reason ?? result.risk.waived ?? "low risk"}` };
    case "notified":
      return { ...SUCCESS, title: "Proceeding: notify tier, recorded" };
    case "changes_requested":
      return {
        ...IN_PROGRESS,
        title: `Changes requested${result.modification ? ` by ${result.modification.by.login}` : ""}`
      };
    case "escalated":
      return {
        ...IN_PROGRESS,
        title: `Escalated to ${result.escalation?.to.join(", ") || "the backup approvers"}`
      };
    default:
      return { ...IN_PROGRESS, title: `Waiting for ${describeMissing(result)}` };
  }
}
function renderCheckRunHead(request, result, options = {}) {
  const outcome = evaluateOutcome(result, options.now);
  const head = {
    name: createCheckName(request.gate.environment, request.gate.into),
    status: outcome.status,
    title: renderPlainText(outcome.title, CHECK_TITLE_MAX_CHARS)
  };
  if (outcome.conclusion !== void 0) head.conclusion = outcome.conclusion;
  return head;
}
function renderCheckRun(request, result, policy, options = {}) {
  const { conclusion, ...head } = renderCheckRunHead(request, result, options);
  const view = {
    ...head,
    summary: renderApprovalRequest(request, result, policy),
    externalId: createDecisionId({
      repository: request.repository,
      gate: head.name,
      sha: request.subject.sha,
      requestHash: hashRequest(request),
      decision: result.state
    })
  };
  if (conclusion !== void 0) view.conclusion = conclusion;
  return view;
}
var CONFIG_PROBLEMS_SHOWN = 100;
function renderConfigProblem(problem, file) {
  const match = /^(?<where>.+?):(?<line>\d+):(?<column>\d+) (?<rest>.*)$/s.exec(problem);
  if (!match?.groups) return escapeMarkdownInline(problem, 500);
  const { where = "", line = "", column = "", rest = "" } = match.groups;
  const elsewhere = where === file ? "" : ` in ${renderCode(where)}`;
  return `${escapeMarkdownInline(rest, 500)} (line ${line}, column ${column}${elsewhere})`;
}
function renderInvalidConfigCheckRun(problems, file) {
  const count = `${problems.length} ${problems.length === 1 ? "problem" : "problems"}`;
  const lines = [
    `**Invalid configuration** \u2014 ${renderCode(file)} has ${count}. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.`,
    "",
    ...problems.slice(0, CONFIG_PROBLEMS_SHOWN).map((problem) => `- ${renderConfigProblem(problem, file)}`)
  ];
  if (problems.length > CONFIG_PROBLEMS_SHOWN)
    lines.push(`- and ${problems.length - CONFIG_PROBLEMS_SHOWN} more`);
  return {
    name: CHECK_NAME,
    status: "completed",
    conclusion: "failure",
    title: `Invalid configuration: ${count}`,
    summary: lines.join("\n"),
    externalId: `invalid-config-${bytesToHex(sha256(utf8ToBytes(renderCanonicalJson({ file, problems })))).slice(0, 24)}`
  };
}

export {
  createPullRequestRequest,
  createExplicitRequest,
  mergeRisk,
  parseCommand,
  describeMissing,
  describeNeed,
  renderApprovalRequest,
  renderCheckRunHead,
  renderCheckRun,
  renderInvalidConfigCheckRun,
  MAX_VETO_REASON,
  restoreVetoes,
  parseDeletedVeto,
  evaluateGate,
  listStatementAuthors,
  listTeamsNeeded
};
