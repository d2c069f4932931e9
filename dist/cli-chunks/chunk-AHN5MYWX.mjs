#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  createOptions,
  findSection,
  parseOption,
  parseOptionsSection,
  parseSections,
  pickText
} from "./chunk-3Z6X4TJG.mjs";
import {
  riskSchema
} from "./chunk-DITODJ3U.mjs";
import {
  require_dist
} from "./chunk-QZTRVKXB.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/core/spec.ts
var import_yaml = __toESM(require_dist(), 1);
var nonEmptyString = external_exports.string("expected text").trim().min(1, "expected a non-empty string");
var optionSchema = external_exports.union(
  [nonEmptyString, external_exports.strictObject({ name: nonEmptyString, description: external_exports.string().optional() })],
  { error: "expected an option name, or {name, description}" }
);
var FRONT_MATTER = {
  action: nonEmptyString,
  kind: nonEmptyString,
  environment: nonEmptyString,
  risk: riskSchema,
  cost: external_exports.number("expected a number of USD").nonnegative("expected a cost of 0 or more (USD)"),
  rollback: nonEmptyString,
  recommendation: nonEmptyString,
  options: external_exports.array(optionSchema, "expected a list of options")
};
var FRONT_MATTER_KEYS = Object.keys(FRONT_MATTER);
function parseSpec(text, path) {
  const problems = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let bodyStart = 0;
  let frontMatter = {};
  let lineOf = () => 1;
  if (lines[0]?.trimEnd() === "---") {
    const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === "---");
    if (close < 0) {
      problems.push({
        path,
        line: 1,
        column: 1,
        message: "front matter: no closing `---` line; end the front matter with a line of three dashes"
      });
    } else {
      bodyStart = close + 1;
      const read = parseFrontMatter(lines.slice(1, close).join("\n"), path);
      problems.push(...read.problems);
      frontMatter = read.values;
      lineOf = read.lineOf;
    }
  }
  const body = parseSections(lines.slice(bodyStart).join("\n"), bodyStart);
  const section = (key) => {
    const found = findSection(body.sections, key);
    return found === void 0 ? void 0 : { text: found.text, source: { path, line: found.bodyLine } };
  };
  const fromFrontMatter = (key) => {
    const value = frontMatter[key];
    return value === void 0 ? void 0 : { text: value, source: { path, line: lineOf(key) } };
  };
  const spec = { path, declaredRisk: { ...frontMatter.risk }, options: [] };
  const title = body.title === void 0 ? void 0 : { text: body.title.text, source: { path, line: body.title.line } };
  const preamble = body.preamble === void 0 ? void 0 : { text: body.preamble.text, source: { path, line: body.preamble.line } };
  const action = pickText(fromFrontMatter("action"), title);
  const context = pickText(section("context"), preamble);
  const riskAssessment = section("risk_assessment");
  const rollbackPlan = pickText(section("rollback_plan"), fromFrontMatter("rollback"));
  const recommendation = pickText(section("recommendation"), fromFrontMatter("recommendation"));
  if (action !== void 0) spec.action = action;
  if (frontMatter.kind !== void 0) spec.kind = frontMatter.kind;
  if (frontMatter.environment !== void 0) spec.environment = frontMatter.environment;
  if (context !== void 0) spec.context = context;
  if (riskAssessment !== void 0) spec.riskAssessment = riskAssessment;
  if (rollbackPlan !== void 0) spec.rollbackPlan = rollbackPlan;
  if (recommendation !== void 0) spec.recommendation = recommendation;
  const cost = maxCost(frontMatter.cost, frontMatter.risk?.cost);
  if (cost !== void 0) {
    spec.cost = cost;
    spec.declaredRisk.cost = cost;
  }
  const optionsSection = findSection(body.sections, "options");
  const sectionOptions = optionsSection === void 0 ? [] : parseOptionsSection(optionsSection);
  if (optionsSection !== void 0 && sectionOptions.length === 0) {
    problems.push({
      path,
      line: optionsSection.line,
      column: 1,
      message: "Options: no options found; list them as `- **Name**: description`"
    });
  }
  spec.options = sectionOptions.length > 0 ? sectionOptions : createOptions(
    (frontMatter.options ?? []).map(
      (option) => typeof option === "string" ? parseOption(option) : { name: option.name, description: option.description ?? "" }
    )
  );
  return { spec, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}
function maxCost(...costs) {
  const given = costs.filter((cost) => cost !== void 0);
  return given.length === 0 ? void 0 : Math.max(...given);
}
function parseFrontMatter(yaml, path) {
  const counter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(yaml, { lineCounter: counter, prettyErrors: false });
  const at = (offset) => {
    const position = counter.linePos(offset ?? 0);
    return { line: position.line + 1, column: position.col };
  };
  const problem = (offset, where, message) => ({
    path,
    ...at(offset),
    message: `front matter${where === "" ? "" : ` ${where}`}: ${message}`
  });
  if (doc.errors.length > 0) {
    return {
      values: {},
      problems: doc.errors.map((error) => problem(error.pos[0], "", error.message)),
      lineOf: () => 1
    };
  }
  if (doc.contents === null || (0, import_yaml.isScalar)(doc.contents) && doc.contents.value === null) {
    return { values: {}, problems: [], lineOf: () => 1 };
  }
  if (!(0, import_yaml.isMap)(doc.contents)) {
    return {
      values: {},
      problems: [problem(doc.contents.range[0], "", `expected keys such as ${FRONT_MATTER_KEYS.join(", ")}`)],
      lineOf: () => 1
    };
  }
  const values = {};
  const problems = [];
  const valueLines = /* @__PURE__ */ new Map();
  for (const pair of doc.contents.items) {
    const keyNode = (0, import_yaml.isScalar)(pair.key) ? pair.key : void 0;
    const key = keyNode === void 0 ? void 0 : String(keyNode.value);
    const keyOffset = keyNode?.range?.[0] ?? pair.key?.range?.[0];
    if (key === void 0 || !isFrontMatterKey(key)) {
      problems.push(
        problem(
          keyOffset,
          "",
          `unknown key ${JSON.stringify(key ?? String(pair.key))}; expected one of ${FRONT_MATTER_KEYS.join(", ")}`
        )
      );
      continue;
    }
    const valueNode = pair.value;
    valueLines.set(key, startLine(valueNode, at) ?? at(keyOffset).line);
    const raw = valueNode === null ? null : valueNode.toJSON();
    const parsed = FRONT_MATTER[key].safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const issuePath = [
        key,
        ...issue.path.map((segment) => indexOrKey(String(segment)))
      ];
      if (issue.code === "unrecognized_keys") {
        for (const unknown of issue.keys) {
          const node2 = findKeyNode(doc.contents, [...issuePath, unknown]);
          problems.push(
            problem(
              node2?.range?.[0] ?? keyOffset,
              formatPath(issuePath),
              `unknown key ${JSON.stringify(unknown)}`
            )
          );
        }
        continue;
      }
      const node = doc.getIn(issuePath, true);
      problems.push(
        problem(node?.range?.[0] ?? keyOffset, formatPath(issuePath), describeIssue(issue, node))
      );
    }
    if (key === "risk") {
      const valid = salvageRisk(raw);
      if (valid !== void 0) values[key] = valid;
    }
  }
  return {
    values,
    problems,
    lineOf: (key) => valueLines.get(key) ?? 1
  };
}
function isFrontMatterKey(key) {
  return Object.hasOwn(FRONT_MATTER, key);
}
function salvageRisk(raw) {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return void 0;
  const valid = {};
  for (const [factor, value] of Object.entries(raw)) {
    const schema = riskSchema.shape[factor];
    const parsed = schema?.safeParse(value);
    if (parsed?.success === true && parsed.data !== void 0) valid[factor] = parsed.data;
  }
  return valid;
}
function formatPath(path) {
  return path.map(
    (segment, index) => typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`
  ).join("");
}
function describeIssue(issue, node) {
  if (issue.code === "invalid_value") {
    const got = (0, import_yaml.isScalar)(node) ? ` (got ${JSON.stringify(node.value)})` : "";
    return `expected one of ${issue.values.map(String).join(", ")}${got}`;
  }
  return issue.message;
}
function indexOrKey(segment) {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}
function startLine(node, at) {
  if (node?.range === void 0 || node.range === null) return void 0;
  const line = at(node.range[0]).line;
  const block = (0, import_yaml.isScalar)(node) && (node.type === import_yaml.Scalar.BLOCK_LITERAL || node.type === import_yaml.Scalar.BLOCK_FOLDED);
  return block ? line + 1 : line;
}
function findKeyNode(root, path) {
  let node = root;
  for (const [index, segment] of path.entries()) {
    if ((0, import_yaml.isMap)(node)) {
      const pair = node.items.find(
        (item) => (0, import_yaml.isScalar)(item.key) && String(item.key.value) === String(segment)
      );
      if (pair === void 0) return void 0;
      if (index === path.length - 1) return pair.key;
      node = pair.value;
    } else if ((0, import_yaml.isSeq)(node)) {
      node = node.items[Number(segment)];
    } else {
      return void 0;
    }
  }
  return void 0;
}

export {
  parseSpec
};
