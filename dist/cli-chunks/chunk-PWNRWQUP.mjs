#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  loadCachedPolicy,
  matchGlob,
  parseGlob,
  resolveCacheDir,
  suggest
} from "./chunk-TPZQNM3M.mjs";
import {
  BLAST_RADIUS,
  DEFAULT_CONFIG_PATH,
  LEVELS,
  PASSING_DECISIONS,
  PRECEDENT,
  REVERSIBILITY,
  TIERS
} from "./chunk-JA7WA2U2.mjs";

// src/core/model.ts
function readReviewerGroup(policy, name) {
  return Object.hasOwn(policy.reviewers, name) ? policy.reviewers[name] : void 0;
}

// src/core/path-match.ts
var WILDCARD = /[*?[\]{}()!+@\\]/;
function compileGlob(source) {
  const parsed = parseGlob(source);
  return parsed.ok ? parsed.glob : void 0;
}
function compileIncluding(source) {
  const glob = compileGlob(source) ?? compileGlob("**");
  if (glob === void 0) throw new Error('unreachable: "**" is a glob');
  return glob;
}
function baseOf(glob) {
  const segments = glob.split("/");
  if (!segments.some((segment) => WILDCARD.test(segment))) return glob;
  const literal = [];
  for (const segment of segments.slice(0, -1)) {
    if (WILDCARD.test(segment)) break;
    literal.push(segment);
  }
  return literal.join("/");
}
function createPathRule(globs) {
  const rule = { positive: [], negative: [] };
  for (const glob of globs) {
    if (glob.startsWith("!")) {
      const excluded = compileGlob(glob.slice(1));
      if (excluded !== void 0) rule.negative.push(excluded);
      continue;
    }
    const last = glob.slice(glob.lastIndexOf("/") + 1);
    const compiled = { base: baseOf(glob), glob: compileIncluding(glob) };
    if (!WILDCARD.test(last)) compiled.basename = last;
    else if (/^\*\.[^/]+$/.test(last) && !WILDCARD.test(last.slice(2)))
      compiled.extension = extensionOf(last);
    rule.positive.push(compiled);
  }
  return rule;
}
function extensionOf(name) {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
}
function createFileIndex(paths) {
  const sorted = [...paths].sort();
  const byBasename = /* @__PURE__ */ new Map();
  const byExtension = /* @__PURE__ */ new Map();
  const add = (map, key, i) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  sorted.forEach((path, i) => {
    const name = path.slice(path.lastIndexOf("/") + 1);
    add(byBasename, name, i);
    add(byExtension, extensionOf(name), i);
  });
  return { sorted, byBasename, byExtension };
}
function lowerBound(sorted, key) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if ((sorted[mid] ?? "") < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function isUnder(path, base) {
  return base === "" || path.startsWith(base) && (path.length === base.length || path[base.length] === "/");
}
function forEachCandidate(glob, index, visit) {
  const { sorted } = index;
  let start = 0;
  let end = sorted.length;
  if (glob.base !== "") {
    start = lowerBound(sorted, glob.base);
    end = lowerBound(sorted, `${glob.base}\uFFFF`);
  }
  const named = glob.basename !== void 0 ? index.byBasename.get(glob.basename) ?? [] : glob.extension !== void 0 ? index.byExtension.get(glob.extension) ?? [] : void 0;
  if (named !== void 0 && named.length < end - start) {
    for (const i of named) if (i >= start && i < end) visit(i);
  } else {
    for (let i = start; i < end; i++) visit(i);
  }
}
function matchFiles(rule, index, meter) {
  const matched = [];
  const seen = rule.positive.length > 1 ? /* @__PURE__ */ new Set() : void 0;
  for (const glob of rule.positive) {
    forEachCandidate(glob, index, (i) => {
      const path = index.sorted[i] ?? "";
      if (seen?.has(i) || !isUnder(path, glob.base) || !matchGlob(glob.glob, path, meter)) return;
      for (const excluded of rule.negative) if (matchGlob(excluded, path, meter)) return;
      seen?.add(i);
      matched.push(i);
    });
  }
  if (seen) matched.sort((a, b) => a - b);
  return matched.map((i) => index.sorted[i] ?? "");
}
function matchesAnyGlob(name, globs, meter) {
  return globs.some((source) => {
    const negated = source.startsWith("!");
    const glob = compileGlob(negated ? source.slice(1) : source);
    return glob === void 0 || matchGlob(glob, name, meter) !== negated;
  });
}

// src/core/risk.ts
var MATCHED_FILES_SHOWN = 20;
var CONFIG_RULE_NAME = "gatehouse-config";
var FACTOR_TIERS = {
  reversibility: tiersOf(REVERSIBILITY),
  blast_radius: tiersOf(BLAST_RADIUS),
  sensitivity: { internal: "proceed", customer_data: "notify", credentials: "approve", payments: "approve" },
  precedent: tiersOf(PRECEDENT)
};
function tiersOf(levels) {
  return Object.fromEntries(levels.map((level, i) => [level, TIERS[i]]));
}
function compareTiers(a, b) {
  return TIERS.indexOf(a) - TIERS.indexOf(b);
}
function maxTier(...tiers) {
  return tiers.reduce((high, tier) => compareTiers(tier, high) > 0 ? tier : high, "proceed");
}
function maxLevel(levels) {
  return levels.reduce(
    (high, level) => high === void 0 || LEVELS.indexOf(level) > LEVELS.indexOf(high) ? level : high,
    void 0
  );
}
function evaluateFactors(risk, policy, from) {
  const verdicts = [];
  const add = (factor, value, tier) => verdicts.push({ factor, value, tier, from });
  if (risk.reversibility)
    add("reversibility", risk.reversibility, FACTOR_TIERS.reversibility[risk.reversibility]);
  if (risk.blast_radius) add("blast_radius", risk.blast_radius, FACTOR_TIERS.blast_radius[risk.blast_radius]);
  if (risk.cost !== void 0) {
    const { notify, approve } = policy.thresholds.cost;
    const tier = risk.cost >= approve ? "approve" : risk.cost >= notify ? "notify" : "proceed";
    add("cost", `${risk.cost} USD`, tier);
  }
  if (risk.sensitivity) add("sensitivity", risk.sensitivity, FACTOR_TIERS.sensitivity[risk.sensitivity]);
  if (risk.precedent) add("precedent", risk.precedent, FACTOR_TIERS.precedent[risk.precedent]);
  if (risk.external !== void 0)
    add("external", String(risk.external), risk.external ? "approve" : "proceed");
  return verdicts;
}
var compiledPaths = /* @__PURE__ */ new WeakMap();
function pathRuleOf(rule) {
  const globs = rule.if.paths;
  if (!globs) return void 0;
  let compiled = compiledPaths.get(rule);
  if (!compiled) {
    compiled = createPathRule(globs);
    compiledPaths.set(rule, compiled);
  }
  return compiled;
}
function lower(values) {
  return new Set(values.map((value) => value.toLowerCase()));
}
function isAuthorIn(actor, entries, policy, context) {
  let unknown = false;
  const check = (entry) => {
    if (entry.startsWith("@")) {
      const team = context.teams?.[entry.slice(1).toLowerCase()];
      if (!team || "error" in team) {
        unknown = true;
        return false;
      }
      return team.members.includes(actor.id);
    }
    return entry.toLowerCase() === actor.login.toLowerCase();
  };
  const found = entries.some((entry) => {
    const group = readReviewerGroup(policy, entry);
    return group ? group.some(check) : check(entry);
  });
  return found ? true : unknown ? "unknown" : false;
}
function matchRule(rule, request, files, policy, context) {
  const predicates = rule.if;
  const reasons = [];
  let files_ = [];
  const pathRule = pathRuleOf(rule);
  if (pathRule) {
    if (!request.files.complete) {
      reasons.push("paths: the changed-file list is incomplete, so the rule applies (fail closed)");
    } else {
      files_ = matchFiles(pathRule, files);
      if (files_.length === 0) return void 0;
      reasons.push(`paths: ${files_.length} changed ${files_.length === 1 ? "file matches" : "files match"}`);
    }
  }
  if (predicates.labels) {
    const wanted = lower(predicates.labels);
    const found = request.labels.filter((label) => wanted.has(label.toLowerCase()));
    if (found.length === 0) return void 0;
    reasons.push(`labels: ${found.join(", ")}`);
  }
  if (predicates.environments) {
    const environment = request.gate.environment;
    if (environment === void 0 || !matchesAnyGlob(environment, predicates.environments)) return void 0;
    reasons.push(`environment: ${environment}`);
  }
  if (predicates.branches) {
    const branch = request.subject.targetBranch;
    if (branch === void 0 || !matchesAnyGlob(branch, predicates.branches)) return void 0;
    reasons.push(`branch: ${branch}`);
  }
  if (predicates.authors) {
    const match = isAuthorIn(request.requester, predicates.authors, policy, context);
    if (match === false) return void 0;
    reasons.push(
      match === true ? `author: ${request.requester.login}` : `author: team membership of ${request.requester.login} could not be read, so the rule applies (fail closed)`
    );
  }
  if (predicates.kinds) {
    if (request.kind === void 0 || !predicates.kinds.includes(request.kind)) return void 0;
    reasons.push(`kind: ${request.kind}`);
  }
  if (predicates.cost_over !== void 0) {
    const cost = request.declaredRisk.cost;
    if (cost === void 0 || !(cost > predicates.cost_over)) return void 0;
    reasons.push(`cost: ${cost} USD is over ${predicates.cost_over} USD`);
  }
  if (reasons.length === 0) reasons.push("the rule has no conditions: it applies to every request");
  return { reasons, files: files_ };
}
function ruleTier(rule, policy) {
  if (rule.riskImplied) return "approve";
  return maxTier(...evaluateFactors(rule.risk, policy, rule.name).map((verdict) => verdict.tier));
}
function approvedBefore(history, test) {
  return history.some((decision) => PASSING_DECISIONS.includes(decision.decision) && test(decision));
}
function selectPrecedents(history, request) {
  const { pullRequest, targetBranch } = request.subject;
  if (targetBranch === void 0) return [];
  return history.filter(
    (decision) => decision.target === targetBranch && (pullRequest === void 0 || decision.pullRequest !== pullRequest)
  );
}
function computePrecedent(ruleNames, request, history, historyNote = "the decision log could not be read") {
  const subjects = [
    ...ruleNames.map((name) => ({
      label: `rule ${name}`,
      test: (d) => d.rules.includes(name)
    })),
    ...request.kind === void 0 ? [] : [{ label: `kind ${request.kind}`, test: (d) => d.kind === request.kind }]
  ];
  if (subjects.length === 0) return void 0;
  if (history === void 0) return { value: "first_time", note: historyNote };
  const target = request.subject.targetBranch;
  if (target === void 0)
    return { value: "first_time", note: "the request has no target branch to have a precedent for" };
  const precedents = selectPrecedents(history, request);
  const firstTime = subjects.filter((subject) => !approvedBefore(precedents, subject.test));
  const labels = (list) => list.map((subject) => subject.label).join(", ");
  return firstTime.length === 0 ? { value: "routine", note: `approved before for ${target}: ${labels(subjects)}` } : { value: "first_time", note: `never approved before for ${target}: ${labels(firstTime)}` };
}
function evaluateRisk(policy, request, context = {}) {
  const files = createFileIndex(request.files.paths);
  const problems = [];
  const rules = [];
  const matchedRules = [];
  for (const rule of policy.rules) {
    const match = matchRule(rule, request, files, policy, context);
    if (!match) continue;
    matchedRules.push(rule);
    rules.push({
      name: rule.name,
      tier: ruleTier(rule, policy),
      level: rule.level,
      reasons: match.reasons,
      files: match.files.slice(0, MATCHED_FILES_SHOWN),
      filesMatched: match.files.length
    });
  }
  const policyFiles = context.policyFiles ?? [DEFAULT_CONFIG_PATH];
  const touched = policyFiles.filter((file) => request.files.paths.includes(file));
  if (touched.length > 0) {
    rules.push({
      name: CONFIG_RULE_NAME,
      tier: "approve",
      level: "approve",
      reasons: [`changes ${touched.join(", ")}: a change to the policy is always at the top tier`],
      files: touched,
      filesMatched: touched.length
    });
  }
  if (!request.files.complete) {
    problems.push(
      "GitHub listed only part of the changed files (it stops at 3,000): rules with paths apply as if they matched."
    );
  }
  const factors = [
    ...matchedRules.flatMap((rule) => evaluateFactors(rule.risk, policy, rule.name)),
    ...evaluateFactors(request.declaredRisk, policy, "declared by the requester")
  ];
  const precedent = computePrecedent(
    matchedRules.map((rule) => rule.name),
    request,
    context.history,
    context.historyNote
  );
  if (precedent) {
    factors.push({
      factor: "precedent",
      value: precedent.value,
      tier: FACTOR_TIERS.precedent[precedent.value],
      from: `computed: ${precedent.note}`
    });
  }
  if (policy.mode === "always") {
    factors.push({
      factor: "mode",
      value: "always",
      tier: "approve",
      from: "policy: every request needs approval"
    });
  }
  const tier = maxTier(...factors.map((factor) => factor.tier), ...rules.map((rule) => rule.tier));
  const approveRules = rules.filter((rule) => rule.tier === "approve");
  const level = maxLevel(approveRules.map((rule) => rule.level)) ?? "approve";
  const assessment = { tier, level, factors: strongestPerFactor(factors), rules, problems };
  const waived = evaluateWaiver(policy, request, rules, precedent?.value, touched.length > 0);
  if (waived !== void 0 && tier !== "proceed") assessment.waived = waived;
  return assessment;
}
function strongestPerFactor(factors) {
  const strongest = /* @__PURE__ */ new Map();
  for (const verdict of factors) {
    const current = strongest.get(verdict.factor);
    if (!current || compareTiers(verdict.tier, current.tier) > 0) strongest.set(verdict.factor, verdict);
  }
  return [...strongest.values()];
}
function evaluateWaiver(policy, request, rules, precedent, touchesConfig) {
  if (touchesConfig) return void 0;
  if (policy.mode === "auto") return "mode auto: Gatehouse records but never blocks";
  if (policy.mode === "always") return void 0;
  const gatingRules = rules.filter((rule) => rule.tier !== "proceed");
  if (request.kind !== void 0 && policy.allow.includes(request.kind) && gatingRules.length === 0) {
    return `kind ${request.kind} is allowed by the policy`;
  }
  if (policy.mode === "ask-once" && precedent === "routine") {
    return "mode ask-once: the same kind of change was approved before";
  }
  return void 0;
}

// src/agent/assess-tool-call-tier.ts
function assessToolCallTier(policy, classification, who) {
  const request = {
    gate: { kind: "request" },
    repository: who.repository,
    subject: { sha: "" },
    ...classification.kind === void 0 ? {} : { kind: classification.kind },
    action: { text: classification.summary },
    options: [],
    declaredRisk: classification.risk,
    files: { paths: [], complete: true },
    labels: [],
    requester: { id: 0, login: who.agent, type: "Bot" }
  };
  const risk = evaluateRisk(policy, request);
  return risk.waived === void 0 ? risk.tier : "proceed";
}

// src/agent/claude-code-hook.ts
function parseHookInput(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "the hook input is not JSON (expected Claude Code hook JSON on stdin)" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { problem: "the hook input is not a JSON object (expected Claude Code hook JSON on stdin)" };
  const input = value;
  const event = input.hook_event_name;
  if (event !== void 0 && event !== "PreToolUse" && event !== "PostToolUse")
    return {
      problem: `hook_event_name is ${JSON.stringify(event)}: this hook answers PreToolUse and PostToolUse`
    };
  const tool = input.tool_name;
  if (typeof tool !== "string" || tool === "") return { problem: "the hook input has no tool_name" };
  const toolInput = input.tool_input ?? {};
  if (typeof toolInput !== "object" || toolInput === null || Array.isArray(toolInput))
    return { problem: `tool_input of ${tool} is not an object` };
  const parsed = {
    event: event === "PostToolUse" ? "PostToolUse" : "PreToolUse",
    call: { tool, input: toolInput }
  };
  if (typeof input.tool_use_id === "string" && input.tool_use_id !== "") parsed.toolUseId = input.tool_use_id;
  if ("tool_response" in input) parsed.response = input.tool_response;
  return parsed;
}
function renderPreToolUse(decision, reason) {
  return {
    hookSpecificOutput: {
      hookEventName: "PreToolUse",
      permissionDecision: decision,
      permissionDecisionReason: reason
    }
  };
}
async function answerPreToolUse(input, settings, deps) {
  const deny = (reason) => ({ decision: "deny", reason: `Gatehouse: ${reason}` });
  const cached = await deps.loadPolicy();
  if (cached.load === void 0) return deny(`no policy to decide by: ${cached.why}`);
  const { load } = cached;
  switch (load.state) {
    case "absent":
      return {
        decision: "allow",
        reason: `Gatehouse: ${settings.repository} has no .github/gatehouse.yml on its default branch; nothing is gated`
      };
    case "invalid": {
      const first = load.problems[0];
      const more = load.problems.length > 1 ? ` (and ${load.problems.length - 1} more)` : "";
      return deny(
        `the policy on the default branch is invalid, so every gated call is denied until it is fixed: ${first === void 0 ? load.file : `${first.file}:${first.line}:${first.column} ${first.path}: ${first.message}`}${more}`
      );
    }
    case "valid":
      break;
  }
  let classification;
  let tier;
  try {
    classification = deps.classify(load.policy, input.call);
    tier = deps.assessTier(load.policy, classification);
  } catch (error) {
    return deny(`cannot classify the ${input.call.tool} call: ${firstLine(error)}`);
  }
  if (tier === "proceed")
    return { decision: "allow", reason: `Gatehouse: proceed tier (${describeKind(classification)})` };
  if (!cached.fresh)
    return deny(`${classification.summary} needs GitHub, which cannot be reached (${cached.why})`);
  const context = await deps.connect();
  if ("unavailable" in context)
    return deny(`${classification.summary} is ${tier} tier: ${context.unavailable}`);
  const request = {
    title: classification.summary,
    ...classification.kind === void 0 ? {} : { kind: classification.kind },
    declaredRisk: classification.risk,
    details: renderParts(classification),
    agent: settings.agent,
    ...settings.onBehalfOf === void 0 ? {} : { onBehalfOf: settings.onBehalfOf }
  };
  let answer;
  try {
    answer = tier === "notify" ? await deps.requestApproval(context, request, { waitMs: 0 }) : await deps.requestApproval(context, request, { waitMs: settings.waitMs, singleUse: true });
  } catch (error) {
    return deny(`cannot ask for approval of ${classification.summary}: ${firstLine(error)}`);
  }
  const answered = answerFrom(answer, classification.summary);
  if (answered.decision === "allow" && answer.issueNumber !== void 0 && input.toolUseId !== void 0) {
    try {
      await deps.saveToolUse(input.toolUseId, {
        repository: settings.repository,
        issueNumber: answer.issueNumber
      });
    } catch (error) {
      deps.warn(
        `cannot keep the approval for PostToolUse, its execution will not be recorded: ${firstLine(error)}`
      );
    }
  }
  return answered;
}
function answerFrom(answer, summary) {
  const url = answer.requestUrl === void 0 ? "" : ` (${answer.requestUrl})`;
  const because = answer.reason === void 0 ? "" : `: ${answer.reason}`;
  switch (answer.decision) {
    case "approved":
    case "auto_approved":
      return {
        decision: "allow",
        reason: `Gatehouse: ${answer.decision === "approved" ? "approved" : "allowed and recorded"}${url}`
      };
    case "pending":
      return {
        decision: "deny",
        reason: `Gatehouse: waiting for approval of ${summary}${url}. Do not try another way; once a person has approved it, retry exactly the same command (an approval allows that command once).`
      };
    case "delayed":
      return {
        decision: "deny",
        reason: `Gatehouse: approved, but not yet in effect${because}${url}. Retry exactly the same command later.`
      };
    case "changes_requested":
      return {
        decision: "deny",
        reason: `Gatehouse: the approver asked for changes to ${summary}${url}: ${answer.modifications ?? answer.reason ?? "(no details)"}. Change the command accordingly; the changed command is a new request.`
      };
    case "rejected":
      return { decision: "deny", reason: `Gatehouse: rejected${because}${url}. Do not run ${summary}.` };
    case "expired":
      return {
        decision: "deny",
        reason: `Gatehouse: the request expired without a decision${because}${url}.`
      };
    case "not_ready":
      return {
        decision: "deny",
        reason: `Gatehouse: the request is not ready to be decided${because}${url}.`
      };
  }
}
function describeKind(classification) {
  return classification.kind === void 0 ? classification.summary : `${classification.kind}: ${classification.summary}`;
}
function renderParts(classification) {
  const lines = classification.parts.map((part) => {
    const kind = part.kind === void 0 ? "no kind" : part.kind;
    return `- \`${part.text.replace(/`/g, "'")}\`: ${kind}${part.reason === void 0 ? "" : ` (${part.reason})`}`;
  });
  return ["The agent asks to run:", ...lines].join("\n");
}
async function recordPostToolUse(input, deps) {
  if (input.toolUseId === void 0) return { nothing: true };
  const approval = await deps.takeToolUse(input.toolUseId);
  if (approval === void 0) return { nothing: true };
  const context = await deps.connect();
  if ("unavailable" in context)
    return {
      problem: `cannot record the execution on issue #${approval.issueNumber}: ${context.unavailable}`
    };
  const failed = describeFailure(input.response);
  const report = {
    status: failed === void 0 ? "succeeded" : "failed",
    completedAt: deps.now().toISOString(),
    detail: failed ?? "the tool call completed"
  };
  try {
    await deps.recordExecution(context, approval.issueNumber, report);
  } catch (error) {
    return { problem: `cannot record the execution on issue #${approval.issueNumber}: ${firstLine(error)}` };
  }
  return { recorded: approval.issueNumber };
}
function describeFailure(response) {
  if (typeof response !== "object" || response === null) return void 0;
  const r = response;
  if (typeof r.error === "string" && r.error !== "") return `tool error: ${r.error.split("\n")[0]}`;
  if (r.interrupted === true) return "interrupted";
  const code = r.exitCode ?? r.exit_code;
  if (typeof code === "number" && code !== 0) return `exit ${code}`;
  if (r.success === false) return "the tool reported failure";
  return void 0;
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

// src/core/classify-tool-call.ts
function classifyToolCall(_policy, call) {
  throw new Error(`classifyToolCall is not implemented yet (${call.tool})`);
}

// src/cli/cli-error.ts
var CliError = class extends Error {
  name = "CliError";
  exitCode;
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
};
var UsageError = class extends CliError {
  name = "UsageError";
  constructor(message) {
    super(message, 2);
  }
};

// src/cli/commands/hook.ts
var DEFAULT_WAIT_MS = 5e4;
var DEFAULT_API = "https://api.github.com";
var hookCommand = {
  name: "hook",
  summary: "Claude Code's PreToolUse/PostToolUse hook: gate an agent's tool calls on GitHub",
  usage: "gatehouse hook claude-code [--post] [--repo OWNER/NAME] [--wait DURATION] [--agent NAME] [--on-behalf-of LOGIN]",
  help: `Reads Claude Code's hook JSON on stdin and answers it on stdout. The tool call is classified
under the actions: of ${DEFAULT_CONFIG_PATH} on the repository's default branch (read through the
API and cached under $XDG_CACHE_HOME/gatehouse, never from the working tree). Proceed tier: allow.
Notify tier: allow, recorded on GitHub. Approve tier: an approval issue is opened (or found) and
waited on up to --wait; approved: allow, once; otherwise deny with the reason and the request's
URL. See docs/agents.md#claude-code for the .claude/settings.json lines.

Needs GITHUB_TOKEN (or GH_TOKEN) for anything above the proceed tier, and to refresh the cached
policy; GITHUB_API_URL points at GitHub Enterprise Server.

Options:
  --post               the PostToolUse hook: record an approved call's outcome on its approval
                       issue (a call that needed no approval costs nothing)
  --repo OWNER/NAME    the repository whose policy and approval issues are used (default:
                       $GITHUB_REPOSITORY)
  --wait DURATION      how long to wait for a decision before denying as pending (default 50s;
                       keep it under the hook's timeout)
  --agent NAME         the agent named on requests (default: claude-code)
  --on-behalf-of LOGIN the person the agent acts for (who may not approve)

Exit codes: 0 with a decision on stdout (deny included), 2 usage error (Claude Code blocks the call).`,
  run: (args, io) => runClaudeCodeHook(args, io)
};
var VALUE_OPTIONS = ["repo", "wait", "agent", "on-behalf-of"];
function parseHookArgs(args) {
  const values = {};
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === "post" && inline === void 0) {
      values.post = true;
      continue;
    }
    if (!VALUE_OPTIONS.includes(name)) {
      const close = suggest(name, ["post", ...VALUE_OPTIONS, "help", "debug"]);
      throw new UsageError(
        `unknown option --${name}${close === void 0 ? "" : ` (did you mean --${close}?)`}`
      );
    }
    const value = inline ?? args[++i];
    if (value === void 0 || inline === void 0 && value.startsWith("--"))
      throw new UsageError(`option --${name} needs a value`);
    values[name] = value;
  }
  return { values, positionals };
}
function parseText(name, value) {
  if (value === void 0) return void 0;
  if (value.trim() === "") throw new UsageError(`--${name} needs a non-empty value`);
  return value;
}
function parseHookOptions(args, io) {
  const { values, positionals } = parseHookArgs(args);
  if (positionals[0] !== "claude-code")
    throw new UsageError(
      positionals[0] === void 0 ? "name the agent: hook claude-code" : `unknown agent "${positionals[0]}": hook claude-code`
    );
  if (positionals.length > 1) throw new UsageError(`too many arguments: ${positionals.slice(1).join(" ")}`);
  const repository = parseText("repo", values.repo) ?? io.env.GITHUB_REPOSITORY;
  if (repository === void 0 || repository === "")
    throw new UsageError(
      "--repo OWNER/NAME is required (or GITHUB_REPOSITORY): the repository whose policy gates the agent"
    );
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || repository.split("/").some((part) => /^\.+$/.test(part)))
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${repository}"`);
  const wait = parseText("wait", values.wait);
  const waitMs = wait === void 0 ? DEFAULT_WAIT_MS : parseWait(wait);
  const onBehalfOf = parseText("on-behalf-of", values["on-behalf-of"]);
  return {
    post: values.post === true,
    repository,
    waitMs,
    agent: parseText("agent", values.agent) ?? "claude-code",
    ...onBehalfOf === void 0 ? {} : { onBehalfOf }
  };
}
async function runHookCommand(args, io) {
  try {
    return await runClaudeCodeHook(args, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    io.stderr.write(
      usage ? `gatehouse hook: ${error.message}
usage: ${hookCommand.usage}
` : `gatehouse: unexpected error: ${firstLine2(error)}
`
    );
    return 2;
  }
}
function parseWait(text) {
  const match = /^(\d{1,5})(s|m)?$/.exec(text);
  if (match?.[1] === void 0)
    throw new UsageError(`--wait must be a duration such as 50s or 2m, got "${text}"`);
  return Number(match[1]) * (match[2] === "m" ? 6e4 : 1e3);
}
async function runClaudeCodeHook(args, io, overrides = {}) {
  const options = parseHookOptions(args, io);
  const warn = (message) => io.stderr.write(`gatehouse: ${message}
`);
  const text = await readStdin(io);
  const input = parseHookInput(text);
  if ("problem" in input) {
    warn(input.problem);
    if (options.post) return 1;
    io.stdout.write(`${JSON.stringify(renderPreToolUse("deny", `Gatehouse: ${input.problem}`))}
`);
    return 0;
  }
  const deps = { ...createDeps(options, io, warn), ...overrides };
  return options.post ? post(input, options, deps, warn) : pre(input, options, deps, io, warn);
}
async function pre(input, options, deps, io, warn) {
  let answer;
  try {
    answer = await answerPreToolUse(input, options, deps);
  } catch (error) {
    answer = { decision: "deny", reason: `Gatehouse: unexpected error: ${firstLine2(error)}` };
  }
  if (answer.decision === "deny") warn(answer.reason.replace(/^Gatehouse: /, `denied ${input.call.tool}: `));
  io.stdout.write(`${JSON.stringify(renderPreToolUse(answer.decision, answer.reason))}
`);
  return 0;
}
async function post(input, options, deps, warn) {
  try {
    const result = await recordPostToolUse(input, {
      ...deps,
      takeToolUse: async (id) => {
        const approval = await deps.takeToolUse(id);
        return approval?.repository === options.repository ? approval : void 0;
      }
    });
    if ("problem" in result) {
      warn(result.problem);
      return 1;
    }
    return 0;
  } catch (error) {
    warn(`cannot record the execution: ${firstLine2(error)}`);
    return 1;
  }
}
function createDeps(options, io, warn) {
  const [owner = "", repo = ""] = options.repository.split("/");
  const api = (io.env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, "");
  const dir = resolveCacheDir(io.env);
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  let client;
  const connectClient = async (shared = true) => {
    if (token === void 0 || token === "")
      return {
        unavailable: "set GITHUB_TOKEN (or GH_TOKEN) for the hook: a token that can read the policy and open issues"
      };
    if (shared && client !== void 0) return client;
    const created = import("./client-ORXSR3RM.mjs").then(
      ({ createGitHubClient }) => createGitHubClient({
        auth: token,
        ...api === DEFAULT_API ? {} : { baseUrl: api },
        spaceWrites: false,
        // The hook answers inside Claude Code's time limit: one retry, no long rate-limit waits.
        retries: 1,
        maxWaitSeconds: 5,
        log: { debug: ignore, info: ignore, warn, error: warn }
      })
    );
    if (!shared) return created;
    client ??= created;
    return client;
  };
  const noCache = () => Promise.reject(new Error("no cache directory: set XDG_CACHE_HOME or HOME"));
  return {
    now: io.now,
    warn,
    loadPolicy: () => dir === void 0 ? Promise.resolve({ load: void 0, why: "no cache directory: set XDG_CACHE_HOME or HOME" }) : loadCachedPolicy(
      { dir, api, owner, repo },
      {
        now: io.now,
        // Its own client: the ETags of the policy's reads apply to those reads only.
        connect: () => connectClient(false),
        fetch: async (...args) => (await import("./fetch-policy-QLM4U2BI.mjs")).fetchPolicy(...args),
        warn
      }
    ),
    classify: classifyToolCall,
    assessTier: (policy, classification) => assessToolCallTier(policy, classification, { repository: options.repository, agent: options.agent }),
    connect: async () => {
      const github = await connectClient();
      return "unavailable" in github ? github : { github, owner, repo, now: io.now };
    },
    requestApproval: async (context, input, wait) => (await import("./request-approval-G6L5AEWT.mjs")).requestApproval(context, input, wait),
    recordExecution: async (context, issueNumber, report) => (await import("./request-approval-G6L5AEWT.mjs")).recordExecution(context, issueNumber, report),
    saveToolUse: async (id, approval) => dir === void 0 ? noCache() : (await import("./tool-use-state-ESVE7IQ6.mjs")).saveToolUse(dir, id, approval),
    takeToolUse: async (id) => dir === void 0 ? void 0 : (await import("./tool-use-state-ESVE7IQ6.mjs")).takeToolUse(dir, id)
  };
}
async function readStdin(io) {
  if (io.stdin === void 0) return "";
  const chunks = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
function ignore() {
}
function firstLine2(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export {
  readReviewerGroup,
  createPathRule,
  createFileIndex,
  matchFiles,
  matchesAnyGlob,
  CONFIG_RULE_NAME,
  evaluateRisk,
  CliError,
  UsageError,
  DEFAULT_WAIT_MS,
  hookCommand,
  runHookCommand,
  runClaudeCodeHook
};
