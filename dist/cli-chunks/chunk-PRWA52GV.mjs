#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  createFileIndex,
  createPathRule,
  matchFiles,
  matchesAnyGlob,
  readReviewerGroup
} from "./chunk-M37EBWUR.mjs";
import {
  BLAST_RADIUS,
  DEFAULT_CONFIG_PATH,
  LEVELS,
  PASSING_DECISIONS,
  PRECEDENT,
  REVERSIBILITY,
  TIERS
} from "./chunk-5Q7N6AK2.mjs";

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
function compilePathRules(policy) {
  for (const rule of policy.rules) pathRuleOf(rule);
}
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

export {
  CONFIG_RULE_NAME,
  compareTiers,
  maxTier,
  compilePathRules,
  evaluateRisk
};
