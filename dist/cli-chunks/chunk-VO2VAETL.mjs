#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  checkActionGlob
} from "./chunk-B3DK6FVU.mjs";
import {
  parseGlob
} from "./chunk-U2RKVWYE.mjs";
import {
  mayNameExtends
} from "./chunk-7TLEHQL6.mjs";
import {
  suggest
} from "./chunk-PIRSD7FP.mjs";
import {
  policySchema
} from "./chunk-DITODJ3U.mjs";
import {
  parseDuration
} from "./chunk-HJOLEIQ3.mjs";
import {
  require_dist
} from "./chunk-QZTRVKXB.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  DEFAULT_CONFIG_PATH,
  DEFAULT_LOG_BRANCH
} from "./chunk-5Q7N6AK2.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/core/policy-locations.ts
var import_yaml = __toESM(require_dist(), 1);
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
function formatPath(path) {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === "" ? "(root)" : text;
}
function parseYaml(text) {
  const lineCounter = new import_yaml.LineCounter();
  const document = (0, import_yaml.parseDocument)(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const source = { document, lineCounter };
  const problems = [];
  const lines = /* @__PURE__ */ new Set();
  for (const error of [...document.errors, ...document.warnings]) {
    if (error.code === "DUPLICATE_KEY") continue;
    const { line, column } = positionAt(source, error.pos[0]);
    if (lines.has(line)) continue;
    lines.add(line);
    const message = error.code === "MULTIPLE_DOCS" ? "a second document starts here (---): expected one" : error.message;
    problems.push({ line, column, path: "(syntax)", message: describeYamlError(message) });
  }
  if (problems.length === 0) checkNodes(source, document.contents, [], problems);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  try {
    return { ok: true, source, value: document.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ line: 1, column: 1, path: "(syntax)", message: describeYamlError(message) }]
    };
  }
}
function locate(source, path) {
  const found = walk(source, path);
  const value = found.node;
  const range = value?.range;
  const empty = (0, import_yaml.isScalar)(value) && range !== void 0 && range !== null && range[0] === range[1];
  const target = found.alias ?? (found.complete && empty && found.key ? found.key : value ?? found.key);
  return positionAt(source, target?.range?.[0] ?? 0);
}
function locateKey(source, path) {
  const found = walk(source, path);
  if (found.complete && found.key && !found.alias) return positionAt(source, found.key.range?.[0] ?? 0);
  return locate(source, path);
}
function hasPath(source, path) {
  return walk(source, path).complete;
}
function sortProblems(problems) {
  return problems.map((problem, order) => ({ problem, order })).sort(
    (a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order
  ).map(({ problem }) => problem);
}
function walk(source, path) {
  let node = source.document.contents ?? void 0;
  let key;
  let alias;
  for (const segment of path) {
    if ((0, import_yaml.isAlias)(node)) {
      alias ??= node;
      node = node.resolve(source.document) ?? void 0;
    }
    let next;
    let nextKey;
    if ((0, import_yaml.isMap)(node)) {
      for (const pair of node.items) {
        if ((0, import_yaml.isScalar)(pair.key) && String(pair.key.value) === String(segment)) {
          nextKey = pair.key;
          next = pair.value ?? void 0;
          if (next === void 0) next = pair.key;
        }
      }
    } else if ((0, import_yaml.isSeq)(node) && typeof segment === "number") {
      next = node.items[segment] ?? void 0;
    }
    if (next === void 0) return { node, key, alias, complete: false };
    node = next;
    key = nextKey;
  }
  return { node, key, alias, complete: true };
}
function positionAt(source, offset) {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}
function checkNodes(source, node, path, problems) {
  if ((0, import_yaml.isAlias)(node) && node.resolve(source.document) === void 0) {
    const at = positionAt(source, node.range?.[0] ?? 0);
    problems.push({
      ...at,
      path: formatPath(path),
      message: `invalid YAML: no anchor &${node.source} before this alias`
    });
  } else if ((0, import_yaml.isMap)(node)) {
    const seen = /* @__PURE__ */ new Set();
    for (const pair of node.items) {
      const key = pair.key;
      const at = positionAt(source, key?.range?.[0] ?? node.range?.[0] ?? 0);
      if (!(0, import_yaml.isScalar)(key)) {
        problems.push({
          ...at,
          path: formatPath(path),
          message: "expected a plain key, got a list or mapping as a key"
        });
        continue;
      }
      const name = String(key.value);
      if (name === "__proto__") {
        problems.push({ ...at, path: formatPath(path), message: 'the key "__proto__" is not allowed' });
      } else if (seen.has(name)) {
        problems.push({
          ...at,
          path: formatPath(path),
          message: `duplicate key "${name}": each key may appear once`
        });
      }
      seen.add(name);
      checkNodes(source, pair.value, [...path, name], problems);
    }
  } else if ((0, import_yaml.isSeq)(node)) {
    node.items.forEach((item, index) => {
      checkNodes(source, item, [...path, index], problems);
    });
  }
}
function describeYamlError(message) {
  const first = (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
  return `invalid YAML: ${first}`;
}

// src/core/policy-merge.ts
var import_yaml2 = __toESM(require_dist(), 1);
var LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
function readExtends(text) {
  if (!mayNameExtends(text)) return void 0;
  try {
    const contents = (0, import_yaml2.parseDocument)(text).contents;
    if (!(0, import_yaml2.isMap)(contents)) return void 0;
    const value = contents.get("extends");
    return typeof value === "string" && value !== "" ? value : void 0;
  } catch {
    return void 0;
  }
}
function parseExtendsTarget(value) {
  const expected = "expected owner/repo or owner/repo:path/to/policy.yml";
  const colon = value.indexOf(":");
  const repository = colon === -1 ? value : value.slice(0, colon);
  const path = colon === -1 ? DEFAULT_CONFIG_PATH : value.slice(colon + 1);
  const [owner, repo, ...rest] = repository.split("/");
  if (owner === void 0 || repo === void 0 || rest.length > 0) {
    return { error: `${expected}, got "${value}"` };
  }
  if (!LOGIN.test(owner)) {
    return {
      error: `"${owner}" is not a GitHub account name (letters, digits and single hyphens): ${expected}`
    };
  }
  if (!REPOSITORY.test(repo) || repo === "." || repo === "..") {
    return { error: `"${repo}" is not a repository name (letters, digits, ".", "_" and "-"): ${expected}` };
  }
  if (path === "") return { error: `nothing after ":" in "${value}": ${expected}` };
  if (path.startsWith("/") || path.split("/").some((part) => part === ".." || part === "." || part === "")) {
    return { error: `"${path}" must be a plain path inside the repository, such as .github/gatehouse.yml` };
  }
  return { owner, repo, path };
}
function mergePolicyDocuments(base, local) {
  return mergeWithOrigins(base, local).document;
}
function mergeWithOrigins(base, local) {
  const document = {};
  const mode = local.mode ?? base.mode;
  if (mode !== void 0) document.mode = mode;
  const allow = local.allow ?? base.allow;
  if (allow !== void 0) document.allow = allow;
  const actions = local.actions ?? base.actions;
  if (actions !== void 0) document.actions = actions;
  const reviewers = mergeEntries(base.reviewers, local.reviewers);
  if (reviewers !== void 0) document.reviewers = reviewers;
  const defaults = mergeEntries(base.defaults, local.defaults);
  if (defaults !== void 0) document.defaults = defaults;
  const { rules, origins } = mergeRules(base.rules, local.rules);
  if (rules !== void 0) document.rules = rules;
  const environments = mergeEntries(base.environments, local.environments);
  if (environments !== void 0) document.environments = environments;
  const specs = mergeEntries(base.specs, local.specs);
  if (specs !== void 0) document.specs = specs;
  const log = mergeEntries(base.log, local.log);
  if (log !== void 0) document.log = log;
  const queue = mergeEntries(base.queue, local.queue);
  if (queue !== void 0) document.queue = queue;
  const thresholds = mergeThresholds(base.thresholds, local.thresholds);
  if (thresholds !== void 0) document.thresholds = thresholds;
  return { document, ruleOrigins: origins };
}
function mergeEntries(base, local) {
  if (base === void 0) return local;
  if (local === void 0) return base;
  return { ...base, ...local };
}
function mergeThresholds(base, local) {
  const merged = mergeEntries(base, local);
  if (merged === void 0) return void 0;
  const cost = mergeEntries(base?.cost, local?.cost);
  return cost === void 0 ? merged : { ...merged, cost };
}
function mergeRules(base, local) {
  const rules = [];
  const origins = [];
  (base ?? []).forEach((rule, index) => {
    rules.push(rule);
    origins.push({ from: "base", index });
  });
  (local ?? []).forEach((rule, index) => {
    const at = rules.findIndex(
      (candidate, position) => origins[position]?.from === "base" && candidate.name === rule.name
    );
    if (at !== -1) {
      rules[at] = rule;
      origins[at] = { from: "local", index };
    } else {
      rules.push(rule);
      origins.push({ from: "local", index });
    }
  });
  return { rules: base === void 0 && local === void 0 ? void 0 : rules, origins };
}

// src/core/policy.ts
var POLICY_DEFAULTS = {
  mode: "ask",
  allow: [],
  defaults: {
    approvals: 1,
    on_timeout: "reject",
    invalidate_on_push: true,
    allow_self_approval: false,
    allow_bots: false
  },
  rule: {
    level: "approve",
    /** For level `approve`; the other levels require nothing by default. */
    require: ["action", "rollback_plan"]
  },
  environment: { prevent_self_review: false, wait_timer: 0, gate: false },
  specs: { paths: ["docs/specs/**/*.md"] },
  log: { branch: DEFAULT_LOG_BRANCH, path: "decisions", check_runs: true },
  queue: { max_pending: 50 },
  thresholds: { cost: { notify: 0.1, approve: 100 } }
};
var MAX_ENVIRONMENT_REVIEWERS = 6;
var MAX_TIMEOUT_MS = 365 * 864e5;
function formatPolicyProblem(problem) {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message}`;
}
function parsePolicy(text, options) {
  const shaped = parseShape(text);
  const readable = shaped.ok ? shaped : shaped.withoutUnknownKeys;
  const shapeProblems = shaped.ok ? [] : shaped.problems;
  if (readable === void 0) return { ok: false, problems: withFile(shapeProblems, options.file) };
  const { source, document: local } = readable;
  const merged = options.base === void 0 ? { document: local, ruleOrigins: void 0 } : mergeWithOrigins(options.base, local);
  const findings = [
    ...checkExtends(local),
    ...checkMeaning(merged.document),
    ...checkLogBranch(merged.document, options.defaultBranch)
  ];
  if (findings.length > 0 || shapeProblems.length > 0) {
    const place = {
      source,
      ruleOrigins: merged.ruleOrigins,
      base: options.base !== void 0,
      extends: local.extends
    };
    const problems = sortProblems([
      ...shapeProblems,
      ...findings.map((finding) => placeFinding(finding, place))
    ]);
    return { ok: false, problems: withFile(problems, options.file) };
  }
  return { ok: true, policy: normalizePolicy(merged.document), document: merged.document };
}
function parsePolicyDocument(text, options) {
  const shaped = parseShape(text);
  return shaped.ok ? { ok: true, document: shaped.document } : { ok: false, problems: withFile(shaped.problems, options.file) };
}
function withFile(problems, file) {
  return problems.map((problem) => ({ file, ...problem }));
}
function parseShape(text) {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const { source, value } = parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const { line, column } = locate(source, []);
    return {
      ok: false,
      problems: [
        {
          line,
          column,
          path: "(root)",
          message: `expected a mapping of settings (key: value), got ${describeValue(value)}`
        }
      ]
    };
  }
  const result = policySchema.safeParse(value, { error: describeIssue });
  if (result.success) return { ok: true, source, document: result.data };
  const { issues } = result.error;
  const problems = sortProblems(issues.flatMap((issue) => issueProblems(issue, source, value)));
  if (!issues.every((issue) => issue.code === "unrecognized_keys")) return { ok: false, problems };
  const stripped = policySchema.safeParse(withoutKeys(value, issues), { error: describeIssue });
  return stripped.success ? { ok: false, problems, withoutUnknownKeys: { source, document: stripped.data } } : { ok: false, problems };
}
function withoutKeys(value, issues) {
  const copy = structuredClone(value);
  for (const issue of issues) {
    const parent = valueAt(copy, issue.path);
    if (parent === null || typeof parent !== "object") continue;
    for (const key of issue.keys) delete parent[key];
  }
  return copy;
}
function issueProblems(issue, source, input) {
  const path = issue.path.map((segment) => typeof segment === "number" ? segment : String(segment));
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      ...locateKey(source, [...path, key]),
      path: formatPath(path),
      message: unknownKeyMessage(path, key)
    }));
  }
  if (issue.code === "invalid_key") {
    return [{ ...locateKey(source, path), path: formatPath(path), message: issue.message }];
  }
  const parent = path.slice(0, -1);
  const last = path.at(-1);
  if (issue.code === "invalid_type" && typeof last === "string" && valueAt(input, path) === void 0) {
    return [
      { ...locate(source, parent), path: formatPath(parent), message: `missing required key "${last}"` }
    ];
  }
  const got = issue.code === "invalid_format" ? `, got ${describeValue(valueAt(input, path))}` : "";
  return [{ ...locate(source, path), path: formatPath(path), message: issue.message + got }];
}
function yamlScalar(text) {
  const plain = /^[A-Za-z_][\w./-]*$/.test(text) && !/^(?:true|false|null)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}
function valueAt(value, path) {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return void 0;
    current = current[segment];
  }
  return current;
}
function describeIssue(issue) {
  switch (issue.code) {
    case "invalid_type": {
      const got = describeValue(issue.input);
      if (issue.expected === "array") {
        const hint = typeof issue.input === "string" ? ` (a list of one is written [${yamlScalar(issue.input)}])` : "";
        return `${expectedList(issue.inst)}, got ${got}${hint}`;
      }
      const whole = issue.inst instanceof external_exports.ZodNumber && issue.inst.isInt;
      return `expected ${whole ? EXPECTED.int : EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    }
    case "invalid_value": {
      const values = issue.values.map((value) => JSON.stringify(value));
      const options = values.length === 1 ? values[0] : `one of ${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
      const candidates = issue.values.filter((value) => typeof value === "string");
      const suggestion = typeof issue.input === "string" ? suggest(issue.input, candidates) : void 0;
      return `expected ${options}, got ${describeValue(issue.input)}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
    }
    case "too_small":
      if (issue.origin === "array") return `expected at least ${issue.minimum} entries`;
      if (issue.origin === "string") return "expected a non-empty string";
      return `expected ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}, got ${describeValue(issue.input)}`;
    case "too_big":
      if (issue.origin === "array") return `expected at most ${issue.maximum} entries`;
      return `expected ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}, got ${describeValue(issue.input)}`;
    case "invalid_key": {
      const inner = issue.issues[0]?.message ?? "expected a different name";
      return `invalid name ${describeValue(issue.input)}: ${inner}`;
    }
    case "invalid_format":
      return `expected text matching ${issue.pattern ?? issue.format}`;
    default:
      return `${describeValue(issue.input)} is not valid here`;
  }
}
var EXPECTED = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  record: "a mapping (name: value)",
  array: "a list"
};
function expectedList(schema) {
  if (schema instanceof external_exports.ZodType) {
    const probe = schema.safeParse([], { error: describeIssue });
    const message = probe.success ? void 0 : probe.error.issues[0]?.message;
    if (message?.startsWith("expected a non-empty list")) return message;
  }
  return "expected a list";
}
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
function unknownKeyMessage(parent, key) {
  const known = knownKeys(parent);
  const close = suggest(key, known);
  if (close !== void 0) return `unknown key "${key}" (did you mean "${close}"?)`;
  for (const child of known) {
    if (knownKeys([...parent, child]).includes(key))
      return `unknown key "${key}" (did you mean "${child}.${key}"?)`;
  }
  return known.length > 0 ? `unknown key "${key}" (expected one of: ${known.join(", ")})` : `unknown key "${key}"`;
}
function knownKeys(path) {
  let schema = policySchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof external_exports.ZodObject) schema = schema.shape[String(segment)];
    else if (schema instanceof external_exports.ZodArray) schema = schema.element;
    else if (schema instanceof external_exports.ZodRecord) schema = schema.valueType;
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof external_exports.ZodObject ? Object.keys(schema.shape) : [];
}
function unwrap(schema) {
  return schema instanceof external_exports.ZodOptional ? unwrap(schema.unwrap()) : schema;
}
var LOGIN2 = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;
var TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
function checkExtends(local) {
  if (local.extends === void 0) return [];
  const target = parseExtendsTarget(local.extends);
  return "error" in target ? [{ path: ["extends"], message: target.error }] : [];
}
function checkLogBranch(document, defaultBranch) {
  if (defaultBranch === void 0) return [];
  const branch = document.log?.branch ?? POLICY_DEFAULTS.log.branch;
  if (!isSameBranch(branch, defaultBranch)) return [];
  return [
    {
      path: ["log", "branch"],
      message: `must not be the default branch "${defaultBranch}": decision records would be committed to it; name a branch of its own, such as ${POLICY_DEFAULTS.log.branch}`
    }
  ];
}
function isSameBranch(a, b) {
  const plain = (name) => name.replace(/^refs\/heads\//, "").toLowerCase();
  return plain(a) === plain(b);
}
function checkMeaning(document) {
  return [
    ...checkGroups(document),
    ...checkGroupReferences(document),
    ...checkRuleNames(document),
    ...checkGlobs(document),
    ...checkTimeouts(document),
    ...checkThresholds(document),
    ...checkEnvironmentReviewers(document),
    ...checkActions(document)
  ];
}
var RESERVED_KINDS = ["gatehouse-config"];
function checkActions(document) {
  const findings = [];
  (document.actions ?? []).forEach((action, index) => {
    const at = ["actions", index];
    if (RESERVED_KINDS.includes(action.kind)) {
      findings.push({
        path: [...at, "kind"],
        message: `"${action.kind}" is Gatehouse's own kind (a call that touches the agent's hook or the policy), always at the approve tier: choose another name`
      });
    }
    const match = action.match;
    if (match === void 0) {
      if (action.kind !== "unknown")
        findings.push({
          path: at,
          message: 'missing "match" (tool, command, path or url): only kind: unknown may leave it out, to set the risk of what cannot be followed'
        });
      return;
    }
    if (Object.keys(match).length === 0) {
      findings.push({ path: [...at, "match"], message: "give tool, command, path or url" });
      return;
    }
    if (match.tool === void 0 && match.command === void 0) {
      findings.push({
        path: [...at, "match"],
        message: "give tool (the tool names this applies to, such as [Write, Edit]): it defaults to Bash only when command is given"
      });
    }
    for (const key of ["tool", "command", "path", "url"]) {
      const value = match[key];
      if (value === void 0) continue;
      const list = typeof value === "string" ? [value] : value;
      list.forEach((glob, position) => {
        const problem = checkActionGlob(glob, key === "command");
        if (problem === void 0) return;
        const path = typeof value === "string" ? [...at, "match", key] : [...at, "match", key, position];
        findings.push({ path, message: `invalid glob "${glob}": ${problem}` });
      });
    }
  });
  return findings;
}
function checkGroups(document) {
  const findings = [];
  for (const [group, entries] of Object.entries(document.reviewers ?? {})) {
    entries.forEach((entry, index) => {
      const message = reviewerEntryProblem(entry);
      if (message !== void 0) findings.push({ path: ["reviewers", group, index], message });
    });
  }
  return findings;
}
function reviewerEntryProblem(entry) {
  if (LOGIN2.test(entry) || TEAM.test(entry)) return void 0;
  if (entry.startsWith("@") && !entry.includes("/") && LOGIN2.test(entry.slice(1))) {
    return `"${entry}" is neither a login nor a team: write a login without "@" (${entry.slice(1)}) or a team as @org/team`;
  }
  if (!entry.startsWith("@") && TEAM.test(`@${entry}`))
    return `"${entry}" looks like a team: write it as @${entry}`;
  return `expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "${entry}"`;
}
function groupReferences(document) {
  const references = [];
  if (document.defaults?.escalate_to) {
    references.push({ path: ["defaults", "escalate_to"], groups: document.defaults.escalate_to });
  }
  (document.rules ?? []).forEach((rule, index) => {
    if (rule.reviewers) references.push({ path: ["rules", index, "reviewers"], groups: rule.reviewers });
    if (rule.escalate_to)
      references.push({ path: ["rules", index, "escalate_to"], groups: rule.escalate_to });
  });
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    if (environment.reviewers)
      references.push({ path: ["environments", name, "reviewers"], groups: environment.reviewers });
  }
  return references;
}
function checkGroupReferences(document) {
  const defined = Object.keys(document.reviewers ?? {});
  const findings = [];
  for (const { path, groups } of groupReferences(document)) {
    groups.forEach((group, index) => {
      if (defined.includes(group)) return;
      const close = suggest(group, defined);
      const hint = close !== void 0 ? ` (did you mean "${close}"?)` : defined.length > 0 ? `: define it under reviewers: (defined: ${defined.join(", ")})` : ": define it under reviewers:";
      findings.push({ path: [...path, index], message: `unknown reviewer group "${group}"${hint}` });
    });
  }
  return findings;
}
function checkRuleNames(document) {
  const seen = /* @__PURE__ */ new Set();
  const findings = [];
  (document.rules ?? []).forEach((rule, index) => {
    if (seen.has(rule.name)) {
      findings.push({
        path: ["rules", index, "name"],
        message: `duplicate rule name "${rule.name}": rule names must be unique`
      });
    }
    seen.add(rule.name);
  });
  return findings;
}
function checkGlobs(document) {
  const lists = [];
  (document.rules ?? []).forEach((rule, index) => {
    for (const key of ["paths", "branches", "environments"]) {
      const globs = rule.if?.[key];
      if (globs) lists.push({ path: ["rules", index, "if", key], globs });
    }
  });
  if (document.specs?.paths) lists.push({ path: ["specs", "paths"], globs: document.specs.paths });
  const findings = [];
  for (const { path, globs } of lists) {
    globs.forEach((glob, index) => {
      const message = globProblem(glob);
      if (message !== void 0) findings.push({ path: [...path, index], message });
    });
  }
  return findings;
}
function globProblem(glob) {
  const pattern = glob.startsWith("!") ? glob.slice(1) : glob;
  if (pattern === "") return 'expected a glob after "!"';
  const relative = pattern.replace(/^(?:\.?\/)+/, "");
  if (relative !== pattern) {
    return `expected a glob relative to the repository root, without a leading "/" or "./": write "${glob.startsWith("!") ? "!" : ""}${relative}"`;
  }
  const parsed = parseGlob(pattern);
  return parsed.ok ? void 0 : `invalid glob "${glob}": ${parsed.problem}`;
}
var TIMEOUT_KEYS = ["on_timeout", "escalate_to", "safe_default"];
function checkTimeouts(document) {
  const defaults = document.defaults ?? {};
  const rules = document.rules ?? [];
  const findings = [];
  const durations = [];
  if (defaults.timeout !== void 0)
    durations.push({ path: ["defaults", "timeout"], text: defaults.timeout });
  rules.forEach((rule, index) => {
    if (rule.timeout !== void 0) durations.push({ path: ["rules", index, "timeout"], text: rule.timeout });
  });
  for (const { path, text } of durations) {
    const ms = parseDuration(text);
    if (ms === void 0 || ms > MAX_TIMEOUT_MS) {
      findings.push({ path, message: `expected a timeout of at most 365d, got "${text}"` });
    } else if (ms === 0) {
      findings.push({ path, message: "expected a timeout above zero (leave timeout out for no deadline)" });
    }
  }
  if (defaults.on_timeout === "proceed" && defaults.safe_default === void 0) {
    findings.push({
      path: ["defaults", "on_timeout"],
      message: '"proceed" needs safe_default (the option taken when nobody answers) in defaults'
    });
  }
  if (defaults.on_timeout === "escalate" && defaults.escalate_to === void 0) {
    findings.push({
      path: ["defaults", "on_timeout"],
      message: '"escalate" needs escalate_to (the backup reviewer groups) in defaults'
    });
  }
  rules.forEach((rule, index) => {
    if (rule.on_timeout === "proceed" && (rule.safe_default ?? defaults.safe_default) === void 0) {
      findings.push({
        path: ["rules", index, "on_timeout"],
        message: '"proceed" needs safe_default (the option taken when nobody answers) on this rule or in defaults'
      });
    }
    if (rule.on_timeout === "escalate" && (rule.escalate_to ?? defaults.escalate_to) === void 0) {
      findings.push({
        path: ["rules", index, "on_timeout"],
        message: '"escalate" needs escalate_to (the backup reviewer groups) on this rule or in defaults'
      });
    }
    if ((rule.timeout ?? defaults.timeout) !== void 0) return;
    for (const key of TIMEOUT_KEYS) {
      if (rule[key] !== void 0) {
        findings.push({
          path: ["rules", index, key],
          message: "has no effect without timeout: set timeout on this rule or in defaults"
        });
      }
    }
  });
  if (defaults.timeout === void 0) {
    for (const key of TIMEOUT_KEYS) {
      if (defaults[key] === void 0) continue;
      if (rules.some((rule) => rule.timeout !== void 0 && rule[key] === void 0)) continue;
      findings.push({
        path: ["defaults", key],
        message: "has no effect without timeout: set timeout in defaults or on the rules that use it"
      });
    }
  }
  return findings;
}
function checkThresholds(document) {
  const cost = document.thresholds?.cost;
  const notify = cost?.notify ?? POLICY_DEFAULTS.thresholds.cost.notify;
  const approve = cost?.approve ?? POLICY_DEFAULTS.thresholds.cost.approve;
  if (notify <= approve) return [];
  const atNotify = {
    path: ["thresholds", "cost", "notify"],
    message: `expected at most thresholds.cost.approve (${approve}), got ${notify}`
  };
  const atApprove = {
    path: ["thresholds", "cost", "approve"],
    message: `expected at least thresholds.cost.notify (${notify}), got ${approve}`
  };
  if (cost?.notify === void 0) return [atApprove];
  return [cost.approve === void 0 ? atNotify : { ...atNotify, alternatives: [atApprove] }];
}
function checkEnvironmentReviewers(document) {
  const groups = document.reviewers ?? {};
  const findings = [];
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    const entries = /* @__PURE__ */ new Set();
    for (const group of environment.reviewers ?? []) {
      if (!Object.hasOwn(groups, group)) continue;
      for (const entry of groups[group] ?? []) entries.add(entry.toLowerCase());
    }
    if (entries.size > MAX_ENVIRONMENT_REVIEWERS) {
      findings.push({
        path: ["environments", name, "reviewers"],
        message: `expands to ${entries.size} logins and teams; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} required reviewers per environment`
      });
    }
  }
  return findings;
}
function placeFinding(finding, place) {
  if (!place.base) {
    return {
      ...locate(place.source, finding.path),
      path: formatPath(finding.path),
      message: finding.message
    };
  }
  for (const candidate of [finding, ...finding.alternatives ?? []]) {
    const { from, path: path2 } = toLocalPath(candidate.path, place.ruleOrigins);
    if (from === "local" && hasPath(place.source, path2)) {
      return { ...locate(place.source, path2), path: formatPath(path2), message: candidate.message };
    }
  }
  const { path } = toLocalPath(finding.path, place.ruleOrigins);
  const base = place.extends !== void 0 ? `the base policy (extends: ${place.extends})` : "the base policy";
  return { line: 1, column: 1, path: formatPath(path), message: `${finding.message} (from ${base})` };
}
function toLocalPath(path, ruleOrigins) {
  const [head, index, ...rest] = path;
  if (ruleOrigins === void 0 || head !== "rules" || typeof index !== "number")
    return { from: "local", path };
  const origin = ruleOrigins[index];
  return origin === void 0 ? { from: "local", path } : { from: origin.from, path: ["rules", origin.index, ...rest] };
}
function normalizePolicy(document) {
  const d = document.defaults ?? {};
  const defaults = {
    approvals: d.approvals ?? POLICY_DEFAULTS.defaults.approvals,
    timeoutMs: timeoutMs(d.timeout) ?? null,
    onTimeout: d.on_timeout ?? POLICY_DEFAULTS.defaults.on_timeout,
    escalateTo: d.escalate_to ?? [],
    safeDefault: d.safe_default ?? null,
    invalidateOnPush: d.invalidate_on_push ?? POLICY_DEFAULTS.defaults.invalidate_on_push,
    allowSelfApproval: d.allow_self_approval ?? POLICY_DEFAULTS.defaults.allow_self_approval,
    allowBots: d.allow_bots ?? POLICY_DEFAULTS.defaults.allow_bots
  };
  const rules = (document.rules ?? []).map((rule, index) => {
    const level = rule.level ?? POLICY_DEFAULTS.rule.level;
    return {
      name: rule.name,
      index,
      description: rule.description ?? null,
      if: rule.if ?? {},
      risk: rule.risk ?? {},
      riskImplied: rule.risk === void 0,
      level,
      reviewers: rule.reviewers ?? [],
      require: rule.require ?? (level === "approve" ? [...POLICY_DEFAULTS.rule.require] : []),
      approvals: rule.approvals ?? defaults.approvals,
      timeoutMs: rule.timeout !== void 0 ? timeoutMs(rule.timeout) ?? null : defaults.timeoutMs,
      onTimeout: rule.on_timeout ?? defaults.onTimeout,
      escalateTo: rule.escalate_to ?? defaults.escalateTo,
      safeDefault: rule.safe_default ?? defaults.safeDefault
    };
  });
  const actions = (document.actions ?? []).map((action, index) => {
    const entry = {
      kind: action.kind,
      index,
      risk: action.risk ?? {},
      description: action.description ?? null
    };
    const match = action.match;
    if (match !== void 0) {
      const list = (value) => value === void 0 ? void 0 : typeof value === "string" ? [value] : value;
      entry.match = { tool: list(match.tool) ?? ["Bash"] };
      for (const key of ["command", "path", "url"]) {
        const globs = list(match[key]);
        if (globs !== void 0) entry.match[key] = globs;
      }
    }
    return entry;
  });
  const environments = {};
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    environments[name] = {
      reviewers: environment.reviewers ?? [],
      preventSelfReview: environment.prevent_self_review ?? POLICY_DEFAULTS.environment.prevent_self_review,
      waitTimer: environment.wait_timer ?? POLICY_DEFAULTS.environment.wait_timer,
      branches: environment.branches ?? [],
      gate: environment.gate ?? POLICY_DEFAULTS.environment.gate
    };
  }
  return {
    mode: document.mode ?? POLICY_DEFAULTS.mode,
    allow: document.allow ?? [...POLICY_DEFAULTS.allow],
    // Without a prototype, a look-up such as reviewers['constructor'] finds nothing.
    reviewers: Object.assign(/* @__PURE__ */ Object.create(null), document.reviewers),
    defaults,
    rules,
    actions,
    environments,
    specs: { paths: document.specs?.paths ?? [...POLICY_DEFAULTS.specs.paths] },
    log: {
      branch: document.log?.branch ?? POLICY_DEFAULTS.log.branch,
      path: document.log?.path ?? POLICY_DEFAULTS.log.path,
      checkRuns: document.log?.check_runs ?? POLICY_DEFAULTS.log.check_runs
    },
    queue: { maxPending: document.queue?.max_pending ?? POLICY_DEFAULTS.queue.max_pending },
    thresholds: {
      cost: {
        notify: document.thresholds?.cost?.notify ?? POLICY_DEFAULTS.thresholds.cost.notify,
        approve: document.thresholds?.cost?.approve ?? POLICY_DEFAULTS.thresholds.cost.approve
      }
    }
  };
}
function timeoutMs(text) {
  return text === void 0 ? void 0 : parseDuration(text);
}

export {
  parseYaml,
  locate,
  readExtends,
  parseExtendsTarget,
  mergePolicyDocuments,
  POLICY_DEFAULTS,
  MAX_ENVIRONMENT_REVIEWERS,
  MAX_TIMEOUT_MS,
  formatPolicyProblem,
  parsePolicy,
  parsePolicyDocument,
  isSameBranch
};
