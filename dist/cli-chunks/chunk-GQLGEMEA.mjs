#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  RETRIES,
  createGitHubClient
} from "./chunk-IUAWMKOS.mjs";
import {
  formatDuration,
  formatPolicyProblem,
  isSameBranch,
  loadPolicy,
  parseDuration
} from "./chunk-OKDCQHHN.mjs";
import {
  bytesToHex,
  createDecisionId,
  createDecisionRecord,
  createDecisionRecordPath,
  createRequestMarker,
  describeNotReady,
  escapeMarkdownInline,
  evaluateReadiness,
  hashRequest,
  loadConfigValue,
  loadHeadCommit,
  loadRepository,
  parseDecisionCommitMessage,
  parseRecordFile,
  renderCanonicalJson,
  renderCode,
  renderCommentJson,
  renderDecisionCommitMessage,
  renderDecisionRecord,
  renderMention,
  renderPlainText,
  renderUntrustedBlock,
  sha256,
  utf8ToBytes
} from "./chunk-TQVKTJNK.mjs";
import {
  require_dist
} from "./chunk-QZTRVKXB.mjs";
import {
  CONFIG_RULE_NAME,
  evaluateRisk,
  mergeActors,
  readReviewerGroup
} from "./chunk-7BJKTZYL.mjs";
import {
  NO_RETRY,
  describeRequestError,
  isTransient,
  readStatus,
  riskSchema
} from "./chunk-OR7DPDQB.mjs";
import {
  external_exports
} from "./chunk-NVVDLLUC.mjs";
import {
  BLAST_RADIUS,
  CHECK_NAME,
  DECISIONS,
  DEFAULT_CONFIG_PATH,
  PASSING_DECISIONS,
  PERMISSIONS,
  PRECEDENT,
  REVERSIBILITY,
  SENSITIVITY,
  STATEMENT_SOURCES,
  VERBS,
  createCheckName
} from "./chunk-XQ6YNGI2.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/agent/request-approval.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

// src/core/execution-record.ts
var import_yaml = __toESM(require_dist(), 1);
var EXECUTION_SUFFIX = ".execution.md";
var EXECUTION_TYPES = ["merge", "deployment", "request"];
var DEPLOYMENT_OUTCOMES = ["success", "failure", "error", "inactive"];
var REQUEST_OUTCOMES = ["succeeded", "failed"];
var hex = (length) => external_exports.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} hex digits`);
var sha = external_exports.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "expected a commit SHA");
var time = external_exports.iso.datetime({
  offset: true,
  message: "expected an ISO-8601 time such as 2026-03-02T10:00:00Z"
});
var url = external_exports.string().regex(/^https?:\/\/[^\s\\\p{Cc}]+$/iu, "expected an http(s) URL").exactOptional();
var account = external_exports.strictObject({ id: external_exports.int().positive(), login: external_exports.string().min(1) });
var base = {
  schema: external_exports.literal(1),
  kind: external_exports.literal("execution"),
  id: hex(24),
  repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected owner/name"),
  decision: external_exports.strictObject({ id: hex(24), decision: external_exports.enum(DECISIONS), sha }).exactOptional(),
  approved: external_exports.boolean()
};
var mergeSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({
    pull_request: external_exports.int().positive(),
    sha,
    target_branch: external_exports.string().min(1).exactOptional()
  }),
  execution: external_exports.strictObject({ type: external_exports.literal("merge"), commit: sha, by: account, at: time }),
  links: external_exports.strictObject({ pull_request: url })
});
var deploymentSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({
    environment: external_exports.string().min(1),
    sha,
    ref: external_exports.string().min(1).exactOptional()
  }),
  execution: external_exports.strictObject({
    type: external_exports.literal("deployment"),
    deployment: external_exports.int().positive(),
    status: external_exports.enum(DEPLOYMENT_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time
  }),
  links: external_exports.strictObject({ deployment: url, log: url, workflow_run: url })
});
var requestSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({ issue: external_exports.int().positive(), request: hex(64), sha }),
  execution: external_exports.strictObject({
    type: external_exports.literal("request"),
    comment: external_exports.int().positive(),
    status: external_exports.enum(REQUEST_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time
  }),
  links: external_exports.strictObject({ issue: url, comment: url })
});
var executionSchema = external_exports.object({ execution: external_exports.looseObject({ type: external_exports.enum(EXECUTION_TYPES) }) });
var SCHEMAS = { merge: mergeSchema, deployment: deploymentSchema, request: requestSchema };
function createExecutionKey(record) {
  const { repository } = record;
  switch (record.execution.type) {
    case "merge":
      return {
        type: "merge",
        repository,
        pullRequest: record.subject.pull_request,
        commit: record.execution.commit
      };
    case "deployment":
      return { type: "deployment", repository, deployment: record.execution.deployment };
    case "request":
      return {
        type: "request",
        repository,
        issue: record.subject.issue,
        comment: record.execution.comment
      };
  }
}
function createExecutionId(key2) {
  const input = "type" in key2 ? key2 : { type: "merge", ...key2 };
  const repository = input.repository.toLowerCase();
  const canonical = input.type === "merge" ? {
    execution: "merge",
    repository,
    pull_request: input.pullRequest,
    commit: input.commit.toLowerCase()
  } : input.type === "deployment" ? { execution: "deployment", repository, deployment: input.deployment } : { execution: "request", repository, issue: input.issue, comment: input.comment };
  return bytesToHex(sha256(utf8ToBytes(renderCanonicalJson(canonical)))).slice(0, 24);
}
function createExecutionRecordPath(record, logPath) {
  const at = new Date(record.execution.at);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${record.execution.at}`);
  if (!/^[0-9a-f]{24}$/.test(record.id)) throw new RangeError(`not an execution id: ${record.id}`);
  const year = String(at.getUTCFullYear()).padStart(4, "0");
  const month = String(at.getUTCMonth() + 1).padStart(2, "0");
  const base2 = logPath.replace(/\/+$/, "");
  return `${base2 === "" ? "" : `${base2}/`}${year}/${month}/${record.id}${EXECUTION_SUFFIX}`;
}
function isExecutionRecordPath(path) {
  return path.endsWith(EXECUTION_SUFFIX);
}
function isApprovedMerge(decision, head) {
  return decision !== void 0 && PASSING_DECISIONS.includes(decision.decision) && decision.sha.toLowerCase() === head.toLowerCase();
}
function readExecutionStart(record) {
  const { execution } = record;
  return execution.type !== "merge" && execution.started_at !== void 0 ? execution.started_at : execution.at;
}
function parseExecutionRecord(source) {
  const typed = parseRecordFile(source, executionSchema);
  if ("error" in typed) return typed;
  const schema = SCHEMAS[typed.data.execution.type];
  const read = parseRecordFile(source, schema);
  return "error" in read ? read : { record: read.data };
}

// src/core/execution-report.ts
var time2 = external_exports.iso.datetime({ offset: true });
var markSchema = external_exports.strictObject({
  status: external_exports.enum(REQUEST_OUTCOMES),
  startedAt: time2.exactOptional(),
  completedAt: time2
});
function renderExecutionMark(mark) {
  const json = JSON.stringify({
    status: mark.status,
    ...mark.startedAt === void 0 ? {} : { startedAt: mark.startedAt },
    completedAt: mark.completedAt
  }).replace(/</g, "\\u003c").replace(/-->/g, "--\\u003e");
  return `<!-- gatehouse:execution ${json} -->`;
}

// src/core/markdown-sections.ts
var SECTION_NAMES = {
  context: "context",
  "risk assessment": "risk_assessment",
  risk: "risk_assessment",
  "rollback plan": "rollback_plan",
  rollback: "rollback_plan",
  recommendation: "recommendation",
  options: "options"
};
function parseSectionKey(heading) {
  const name = heading.trim().replace(/^[*_]+|[*_]+$/g, "").replace(/\s*:$/, "").replace(/\s+/g, " ").toLowerCase();
  return SECTION_NAMES[name] ?? null;
}
function parseSections(markdown, lineOffset = 0) {
  const { lines, headings } = scanLines(markdown);
  const fileLine = (index) => index + 1 + lineOffset;
  const result = { sections: [] };
  const first = headings[0];
  let titleIndex = -1;
  if (first !== void 0 && first.level === 1 && first.key === null) {
    titleIndex = first.index;
    result.title = { text: first.text, line: fileLine(first.index) };
  }
  const firstKnown = headings.find((heading) => heading.key !== null);
  const preambleLines = lines.slice(0, firstKnown?.index ?? lines.length);
  if (titleIndex >= 0) preambleLines[titleIndex] = "";
  const preamble = trimBlock(preambleLines, 0);
  if (preamble !== void 0) result.preamble = { text: preamble.text, line: fileLine(preamble.start) };
  for (const [position, heading] of headings.entries()) {
    if (heading.index === titleIndex) continue;
    const next = headings.slice(position + 1).find((later) => later.level <= heading.level || later.key !== null);
    const body = trimBlock(lines.slice(heading.index + 1, next?.index ?? lines.length), heading.index + 1);
    result.sections.push({
      heading: heading.text,
      level: heading.level,
      key: heading.key,
      text: body?.text ?? "",
      line: fileLine(heading.index),
      bodyLine: fileLine(body?.start ?? heading.index)
    });
  }
  return result;
}
function findSection(sections, key2) {
  return sections.find((section) => section.key === key2);
}
function parseListItems(markdown) {
  const items = [];
  let baseIndent;
  let open = false;
  let blankBefore = false;
  for (const line of scanLines(markdown).lines) {
    if (line.trim() === "") {
      blankBefore = true;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const marker = /^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/.exec(line);
    if (marker !== null && (baseIndent === void 0 || indent <= baseIndent + 1)) {
      baseIndent ??= indent;
      items.push([marker[1] ?? ""]);
      open = true;
    } else if (open && (!blankBefore || indent > (baseIndent ?? 0))) {
      items.at(-1)?.push(line.trim());
    } else {
      open = false;
    }
    blankBefore = false;
  }
  return items.map(
    (parts) => parts.map((part) => part.trim()).filter((part) => part !== "").join(" ")
  );
}
function scanLines(markdown) {
  const lines = markdown.split(/\r\n|\r|\n/);
  const headings = [];
  let fence;
  let inComment = false;
  for (const [index, raw] of lines.entries()) {
    if (fence !== void 0) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw);
      if (close?.[1] !== void 0 && close[1][0] === fence.char && close[1].length >= fence.length)
        fence = void 0;
      continue;
    }
    const { text, open } = stripComments(raw, inComment);
    inComment = open;
    lines[index] = text;
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (opening?.[1] !== void 0 && !(opening[1][0] === "`" && (opening[2] ?? "").includes("`"))) {
      fence = { char: opening[1][0] ?? "`", length: opening[1].length };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(text);
    if (heading?.[1] !== void 0) {
      const content = (heading[2] ?? "").replace(/(?:^|[ \t]+)#+$/, "").trim();
      headings.push({ index, level: heading[1].length, text: content, key: parseSectionKey(content) });
    }
  }
  return { lines, headings };
}
function stripComments(line, inComment) {
  let text = "";
  let rest = line;
  let open = inComment;
  for (; ; ) {
    if (open) {
      const end = rest.indexOf("-->");
      if (end < 0) return { text, open: true };
      rest = rest.slice(end + 3);
      open = false;
    }
    const start = rest.indexOf("<!--");
    if (start < 0) return { text: text + rest, open: false };
    text += rest.slice(0, start);
    rest = rest.slice(start + 4);
    open = true;
  }
}
function trimBlock(lines, firstIndex) {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start < 0) return void 0;
  const end = lines.findLastIndex((line) => line.trim() !== "");
  return {
    text: lines.slice(start, end + 1).join("\n").trimEnd(),
    start: firstIndex + start
  };
}

// src/core/spec.ts
var import_yaml2 = __toESM(require_dist(), 1);
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
  const section = (key2) => {
    const found = findSection(body.sections, key2);
    return found === void 0 ? void 0 : { text: found.text, source: { path, line: found.bodyLine } };
  };
  const fromFrontMatter = (key2) => {
    const value = frontMatter[key2];
    return value === void 0 ? void 0 : { text: value, source: { path, line: lineOf(key2) } };
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
function parseOptionsSection(section) {
  return createOptions(
    parseListItems(section.text).map(parseOption).filter((option) => option.name !== "")
  );
}
function parseOption(text) {
  const label = /^(?:\*\*|__)?(?:\([a-z]\)|[a-z][.)])(?:\*\*|__)?\s+/i;
  const rest = text.trim().replace(label, "");
  const bold = /^(\*\*|__)(.+?)\1\s*(.*)$/.exec(rest);
  if (bold !== null) {
    return {
      name: cleanName((bold[2] ?? "").replace(label, "")),
      description: (bold[3] ?? "").replace(/^(?::|\s-|-|—|–)\s*/, "").trim()
    };
  }
  const separator = /:(?:\s+|$)|\s+-\s+|\s*[—–]\s*/.exec(rest);
  if (separator === null) return { name: cleanName(rest), description: "" };
  return {
    name: cleanName(rest.slice(0, separator.index)),
    description: rest.slice(separator.index + separator[0].length).trim()
  };
}
function createOptions(options) {
  return options.map((option, index) => ({ key: optionKey(index), ...option }));
}
function optionKey(index) {
  let key2 = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    key2 = String.fromCharCode(97 + (rest - 1) % 26) + key2;
  }
  return key2;
}
function cleanName(name) {
  return name.trim().replace(/:$/, "").replace(/^[*_`]+|[*_`]+$/g, "").trim();
}
function pickText(...candidates) {
  return candidates.find((candidate) => candidate !== void 0 && candidate.text.trim() !== "") ?? candidates.find((c) => c !== void 0);
}
function maxCost(...costs) {
  const given2 = costs.filter((cost) => cost !== void 0);
  return given2.length === 0 ? void 0 : Math.max(...given2);
}
function parseFrontMatter(yaml, path) {
  const counter = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(yaml, { lineCounter: counter, prettyErrors: false });
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
  if (doc.contents === null || (0, import_yaml2.isScalar)(doc.contents) && doc.contents.value === null) {
    return { values: {}, problems: [], lineOf: () => 1 };
  }
  if (!(0, import_yaml2.isMap)(doc.contents)) {
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
    const keyNode = (0, import_yaml2.isScalar)(pair.key) ? pair.key : void 0;
    const key2 = keyNode === void 0 ? void 0 : String(keyNode.value);
    const keyOffset = keyNode?.range?.[0] ?? pair.key?.range?.[0];
    if (key2 === void 0 || !isFrontMatterKey(key2)) {
      problems.push(
        problem(
          keyOffset,
          "",
          `unknown key ${JSON.stringify(key2 ?? String(pair.key))}; expected one of ${FRONT_MATTER_KEYS.join(", ")}`
        )
      );
      continue;
    }
    const valueNode = pair.value;
    valueLines.set(key2, startLine(valueNode, at) ?? at(keyOffset).line);
    const raw = valueNode === null ? null : valueNode.toJSON();
    const parsed = FRONT_MATTER[key2].safeParse(raw);
    if (parsed.success) {
      values[key2] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const issuePath = [
        key2,
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
    if (key2 === "risk") {
      const valid = salvageRisk(raw);
      if (valid !== void 0) values[key2] = valid;
    }
  }
  return {
    values,
    problems,
    lineOf: (key2) => valueLines.get(key2) ?? 1
  };
}
function isFrontMatterKey(key2) {
  return Object.hasOwn(FRONT_MATTER, key2);
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
    const got = (0, import_yaml2.isScalar)(node) ? ` (got ${JSON.stringify(node.value)})` : "";
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
  const block = (0, import_yaml2.isScalar)(node) && (node.type === import_yaml2.Scalar.BLOCK_LITERAL || node.type === import_yaml2.Scalar.BLOCK_FOLDED);
  return block ? line + 1 : line;
}
function findKeyNode(root, path) {
  let node = root;
  for (const [index, segment] of path.entries()) {
    if ((0, import_yaml2.isMap)(node)) {
      const pair = node.items.find(
        (item) => (0, import_yaml2.isScalar)(item.key) && String(item.key.value) === String(segment)
      );
      if (pair === void 0) return void 0;
      if (index === path.length - 1) return pair.key;
      node = pair.value;
    } else if ((0, import_yaml2.isSeq)(node)) {
      node = node.items[Number(segment)];
    } else {
      return void 0;
    }
  }
  return void 0;
}

// src/core/request.ts
function createPullRequestRequest(pr, specs, environment2) {
  const sorted = [...specs].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const artifact = sorted[0];
  const fromPr = parsePullRequestText(pr);
  const request = {
    gate: {
      ...environment2 === void 0 ? { kind: "pull_request" } : { kind: "deployment", environment: environment2 },
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
  const environment2 = given(input.environment) ?? spec?.environment;
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
  const kindOfGate = environment2 !== void 0 && kind === void 0 && title === void 0 ? "deployment" : "request";
  const declaredRisk = mergeRisk([
    spec?.declaredRisk ?? {},
    input.cost === void 0 ? {} : { cost: input.cost }
  ]);
  const request = {
    gate: environment2 === void 0 ? { kind: kindOfGate } : { kind: kindOfGate, environment: environment2 },
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
  if (kindOfGate === "deployment" && environment2 !== void 0 && request.action === void 0)
    request.action = { text: renderDeploymentAction(input.sha, environment2, input.targetBranch) };
  if (kind !== void 0) request.kind = kind;
  if (input.onBehalfOf !== void 0) request.onBehalfOf = input.onBehalfOf;
  if (spec !== void 0) request.spec = { path: spec.path };
  return request;
}
function renderDeploymentAction(sha3, environment2, ref) {
  return `Deploy ${sha3.slice(0, 12)}${ref === void 0 ? "" : ` (${ref})`} to ${environment2}`;
}
function parsePullRequestText(pr) {
  const body = parseSections(pr.body);
  const section = (key2) => {
    const found = findSection(body.sections, key2);
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
  const time4 = new Date(iso);
  if (Number.isNaN(time4.getTime())) return escapeMarkdownInline(iso, 80);
  const [date = "", clock = ""] = time4.toISOString().split("T");
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
    const key2 = inline(option.key, 20);
    const chosen = result.option?.key === option.key ? " **(chosen)**" : "";
    const description = option.description.trim() === "" ? "" : `: ${inline(option.description, budget.optionDescription)}`;
    lines.push(
      `- **${key2}** \u2014 ${inline(option.name, budget.listEntry)}${description}${chosen} \u2014 pick with ${renderCode(`/approve ${truncateText(option.key, 20)}`)}`
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
  const cut2 = compact.slice(0, APPROVAL_REQUEST_MAX_CHARS - marker.length - 100);
  return `${cut2.slice(0, cut2.lastIndexOf("\n"))}

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
function renderCheckRun(request, result, policy, options = {}) {
  const name = createCheckName(request.gate.environment, request.gate.into);
  const outcome = evaluateOutcome(result, options.now);
  const view = {
    name,
    status: outcome.status,
    title: renderPlainText(outcome.title, CHECK_TITLE_MAX_CHARS),
    summary: renderApprovalRequest(request, result, policy),
    externalId: createDecisionId({
      repository: request.repository,
      gate: name,
      sha: request.subject.sha,
      requestHash: hashRequest(request),
      decision: result.state
    })
  };
  if (outcome.conclusion !== void 0) view.conclusion = outcome.conclusion;
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

// src/github/count-requests.ts
async function countRequests(github, run) {
  let requests = 0;
  const count = () => {
    requests++;
  };
  github.hook.before("request", count);
  try {
    const value = await run();
    return { value, requests };
  } finally {
    github.hook.remove("request", count);
  }
}

// src/github/load-pull-request.ts
function createActor(user) {
  return { id: user.id, login: user.login, type: user.type ?? "User" };
}

// src/github/load-approval-issues.ts
var RECORD = /<!-- gatehouse:request-data ([A-Za-z0-9_-]+) -->/;
var MARK = /<!-- gatehouse:issue (\{[^<>]*\}) -->/;
var BODY_HASH = /<!-- gatehouse:request ([0-9a-f]{64}) -->/g;
function renderRequestRecord(request) {
  const data = Buffer.from(JSON.stringify(request), "utf8").toString("base64url");
  return `Gatehouse recorded this request; decisions on this issue apply to exactly this request.

<!-- gatehouse:request-data ${data} -->`;
}
function isActor(value) {
  const actor2 = value;
  return typeof actor2 === "object" && actor2 !== null && typeof actor2.id === "number" && typeof actor2.login === "string" && typeof actor2.type === "string";
}
function parseRequestRecord(body) {
  const match = RECORD.exec(body);
  if (match?.[1] === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    return void 0;
  }
  const request = value;
  if (typeof request !== "object" || request === null) return void 0;
  if (typeof request.repository !== "string" || typeof request.subject?.sha !== "string") return void 0;
  if (typeof request.gate?.kind !== "string" || !Array.isArray(request.options)) return void 0;
  if (!Array.isArray(request.labels) || !Array.isArray(request.files?.paths)) return void 0;
  if (typeof request.declaredRisk !== "object" || !isActor(request.requester)) return void 0;
  if (request.onBehalfOf !== void 0 && !isActor(request.onBehalfOf)) return void 0;
  return request;
}
function readRequestRecord(comments, botId, repository) {
  const first = [...comments].sort((a, b) => a.id - b.id)[0];
  if (first?.author?.id !== botId || first.updatedAt !== first.createdAt) return void 0;
  const request = parseRequestRecord(first.body);
  if (request === void 0 || request.repository.toLowerCase() !== repository.toLowerCase())
    return void 0;
  return request;
}
function renderIssueMark(mark) {
  return `<!-- gatehouse:issue ${renderCommentJson(mark)} -->`;
}
function parseIssueMark(body) {
  const match = MARK.exec(body);
  if (match?.[1] === void 0) return void 0;
  try {
    const value = JSON.parse(match[1]);
    if (value.type === "decided" && typeof value.id === "string" && typeof value.dispatched === "boolean")
      return { type: "decided", id: value.id, dispatched: value.dispatched };
    if (value.type === "queue_expired" && typeof value.maxPending === "number" && typeof value.at === "string")
      return { type: "queue_expired", maxPending: value.maxPending, at: value.at };
    if (value.type === "used" && typeof value.id === "string" && typeof value.at === "string")
      return { type: "used", id: value.id, at: value.at };
  } catch {
    return void 0;
  }
  return void 0;
}
function readIssueMarks(comments, botId) {
  const marks = [];
  for (const comment of comments) {
    if (comment.author?.id !== botId) continue;
    const mark = parseIssueMark(comment.body);
    if (mark === void 0) continue;
    if (mark.type === "queue_expired" && comment.updatedAt !== comment.createdAt) continue;
    marks.push(mark);
  }
  return marks;
}
function renderWakeMarker(wake) {
  return `<!-- gatehouse:wake ${wake} -->`;
}
async function loadApprovalIssues(github, target, options) {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner: target.owner,
    repo: target.repo,
    state: options.state,
    labels: options.labels.join(","),
    sort: "created",
    direction: "asc",
    per_page: 100
  });
  return issues.filter((issue) => issue.pull_request === void 0 && issue.user?.id === options.botId).map((issue) => ({
    number: issue.number,
    url: issue.html_url,
    open: issue.state === "open",
    title: issue.title,
    body: issue.body ?? "",
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    bodyHashes: Array.from((issue.body ?? "").matchAll(BODY_HASH), (match) => match[1] ?? ""),
    labels: issue.labels.map((label) => typeof label === "string" ? label : label.name ?? "")
  })).sort((a, b) => a.number - b.number);
}
async function loadApprovalIssue(github, target, botId) {
  let data;
  try {
    ({ data } = await github.rest.issues.get({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber
    }));
  } catch (error) {
    if (error.status === 404 || error.status === 410)
      return void 0;
    throw error;
  }
  if (data.pull_request !== void 0 && data.pull_request !== null) return void 0;
  if (data.user === null || createActor(data.user).id !== botId) return void 0;
  const body = data.body ?? "";
  return {
    number: data.number,
    url: data.html_url,
    open: data.state === "open",
    title: data.title,
    body,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    bodyHashes: Array.from(body.matchAll(BODY_HASH), (match) => match[1] ?? ""),
    labels: data.labels.map((label) => typeof label === "string" ? label : label.name ?? "")
  };
}

// src/core/gate.ts
var PUSH_GUARD_MS = 3e4;
function shortSha(sha3) {
  return sha3.slice(0, 7);
}
function isBot(actor2) {
  return actor2.type === "Bot" || actor2.login.toLowerCase().endsWith("[bot]");
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
function membership(actor2, groups, policy, facts) {
  const unknown = [];
  for (const group of groups) {
    for (const entry of readReviewerGroup(policy, group) ?? []) {
      if (!entry.startsWith("@")) {
        if (entry.toLowerCase() === actor2.login.toLowerCase()) return { member: true, unknown: [] };
        continue;
      }
      const team = facts.teams[entry.slice(1).toLowerCase()];
      if (team === void 0 || "error" in team)
        unknown.push(`${entry} (${team ? team.error : "not looked up"})`);
      else if (team.members.includes(actor2.id)) return { member: true, unknown: [] };
    }
  }
  return { member: false, unknown };
}
function selfRoles(actor2, request, facts) {
  const roles = [
    [facts.author, "the PR author"],
    [request.requester, "the requester"],
    [request.onBehalfOf, "the person the requester acts for"],
    [facts.lastPusher, "the last pusher"],
    ...(facts.deployers ?? []).map((deployer) => [deployer, "the deployer"])
  ];
  return [...new Set(roles.filter(([party]) => party?.id === actor2.id).map(([, role]) => role))];
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
  const isGateReviewer = (actor2) => anyoneWithWrite || requirements.some((req) => membership(actor2, groupsOf(req), policy, facts).member);
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

// src/github/load-gate-check-runs.ts
var actorSchema = external_exports.strictObject({
  id: external_exports.int().positive(),
  login: external_exports.string().min(1),
  type: external_exports.string().min(1)
});
var PUSHER = /<!-- gatehouse:pusher (\{[^<>]*\}) -->/;
var WAKE = /<!-- gatehouse:wake (\d{4}-\d\d-\d\dT[\d:.]+Z) -->/;
var REQUESTED = "<!-- gatehouse:reviewers-requested -->";
var DEPLOYERS = /<!-- gatehouse:deployers (\[[^<>]*\]) -->/;
var VETOES = /<!-- gatehouse:vetoes (\[[^<>]*\]) -->/;
var REQUEST = /<!-- gatehouse:request-shown ([0-9a-f]{64}) -->/;
var MAX_VETOES = 20;
var vetoSchema = external_exports.strictObject({
  source: external_exports.enum(STATEMENT_SOURCES),
  statementId: external_exports.string().min(1).max(40),
  author: actorSchema,
  reason: external_exports.string().max(MAX_VETO_REASON),
  at: external_exports.iso.datetime({ offset: true }),
  issue: external_exports.int().positive().exactOptional()
});
function renderActorJson(actors) {
  const strip = ({ id, login, type }) => ({ id, login, type });
  return JSON.stringify(Array.isArray(actors) ? actors.map(strip) : strip(actors)).replace(/[<>&]/g, "");
}
function parseJson(text) {
  if (text === void 0) return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function renderCheckRunState(state) {
  const lines = [];
  if (state.pusher) lines.push(`<!-- gatehouse:pusher ${renderActorJson(state.pusher)} -->`);
  if (state.deployers !== void 0 && state.deployers.length > 0)
    lines.push(`<!-- gatehouse:deployers ${renderActorJson(state.deployers)} -->`);
  if (state.vetoes !== void 0 && state.vetoes.length > 0) {
    const vetoes = state.vetoes.slice(0, MAX_VETOES).map(({ source, statementId, author, reason, at, issue }) => ({
      source,
      statementId,
      author: { id: author.id, login: author.login, type: author.type },
      reason,
      at,
      ...issue === void 0 ? {} : { issue }
    }));
    lines.push(`<!-- gatehouse:vetoes ${renderCommentJson(vetoes)} -->`);
  }
  if (state.request !== void 0) lines.push(`<!-- gatehouse:request-shown ${state.request} -->`);
  if (state.wake !== void 0) lines.push(`<!-- gatehouse:wake ${new Date(state.wake).toISOString()} -->`);
  if (state.reviewersRequested) lines.push(REQUESTED);
  return lines.join("\n");
}
function parseCheckRunState(text) {
  const state = { reviewersRequested: text.includes(REQUESTED), deployers: [], vetoes: [] };
  const pusher = actorSchema.safeParse(parseJson(PUSHER.exec(text)?.[1]));
  if (pusher.success) state.pusher = pusher.data;
  const deployers = external_exports.array(actorSchema).max(20).safeParse(parseJson(DEPLOYERS.exec(text)?.[1]));
  if (deployers.success) state.deployers = deployers.data;
  const vetoes = external_exports.array(vetoSchema).max(MAX_VETOES).safeParse(parseJson(VETOES.exec(text)?.[1]));
  if (vetoes.success) state.vetoes = vetoes.data;
  const request = REQUEST.exec(text)?.[1];
  if (request !== void 0) state.request = request;
  const wake = WAKE.exec(text)?.[1];
  if (wake !== void 0 && !Number.isNaN(Date.parse(wake))) state.wake = wake;
  return state;
}
async function loadGateCheckRuns(github, at, appId, name = CHECK_NAME) {
  const runs = await github.paginate(github.rest.checks.listForRef, {
    owner: at.owner,
    repo: at.repo,
    ref: at.sha,
    check_name: name,
    app_id: appId,
    filter: "all",
    per_page: 100
  });
  return runs.filter((run) => run.app?.id === appId && run.name === name && run.head_sha === at.sha).map((run) => ({
    id: run.id,
    externalId: run.external_id ?? "",
    status: run.status,
    conclusion: run.conclusion,
    startedAt: run.started_at,
    title: run.output.title ?? "",
    summary: run.output.summary ?? "",
    text: run.output.text ?? "",
    url: run.html_url ?? ""
  })).sort((a, b) => a.id - b.id);
}
function summarizeGateCheckRuns(runs, scope = {}) {
  const summary = {
    reviewersRequested: false,
    deployers: [],
    vetoes: []
  };
  for (const run of runs) {
    const state = parseCheckRunState(run.text);
    if (state.pusher) summary.pusher = state.pusher;
    summary.deployers = mergeActors(summary.deployers, state.deployers);
    summary.vetoes = mergeVetoes(
      summary.vetoes,
      state.vetoes.filter((veto) => veto.issue === scope.issue)
    );
    if (state.wake !== void 0) summary.wake = state.wake;
    else delete summary.wake;
    if (state.reviewersRequested) summary.reviewersRequested = true;
    const started = run.startedAt === null ? Number.NaN : Date.parse(run.startedAt);
    if (!Number.isNaN(started) && (summary.seenAt === void 0 || started < Date.parse(summary.seenAt)))
      summary.seenAt = new Date(started).toISOString();
  }
  return summary;
}
function mergeVetoes(...lists) {
  const merged = [];
  for (const list of lists)
    for (const veto of list)
      if (!merged.some((known) => known.source === veto.source && known.statementId === veto.statementId))
        merged.push(veto);
  return merged;
}

// src/github/load-spent-approval.ts
var USED_LABEL = "gatehouse:used";
async function loadSpentApproval(github, target, issue, marks) {
  if (issue.labels?.includes(USED_LABEL) === true || marks.some((mark) => mark.type === "used")) return true;
  const events = await github.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
    owner: target.owner,
    repo: target.repo,
    issue_number: issue.number,
    per_page: 100
  });
  return events.some(
    (event) => event.event === "labeled" && "label" in event && event.label?.name === USED_LABEL
  );
}

// src/github/load-timeline.ts
async function loadIssueComments(github, target) {
  const data = await github.paginate(github.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100
  });
  return data.map((comment) => {
    const entry = {
      id: comment.id,
      body: comment.body ?? "",
      createdAt: comment.created_at,
      updatedAt: comment.updated_at,
      url: comment.html_url
    };
    if (comment.user) entry.author = createActor(comment.user);
    const app = comment.performed_via_github_app;
    if (app) entry.viaApp = app.slug ?? app.name;
    return entry;
  });
}
var REVIEW_STATES = /* @__PURE__ */ new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]);
function createStatements(input) {
  const editors = /* @__PURE__ */ new Map();
  for (const { trace } of input.traces) {
    if (trace.type !== "edit") continue;
    const list = editors.get(trace.comment) ?? [];
    if (!list.some((editor) => editor.id === trace.editor.id)) list.push(trace.editor);
    editors.set(trace.comment, list);
  }
  const statements = [];
  for (const comment of input.comments) {
    if (comment.author === void 0 || comment.author.id === input.botId) continue;
    const statement = {
      source: "comment",
      id: String(comment.id),
      author: comment.author,
      body: comment.body,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt
    };
    const edited = editors.get(comment.id);
    if (edited) statement.editors = edited;
    if (comment.viaApp !== void 0) statement.viaApp = comment.viaApp;
    statements.push(statement);
  }
  for (const review of input.reviews) {
    if (review.author === void 0 || review.submittedAt === void 0 || !REVIEW_STATES.has(review.state))
      continue;
    const statement = {
      source: "review",
      id: String(review.id),
      author: review.author,
      body: review.body,
      createdAt: review.submittedAt,
      reviewState: review.state,
      commitId: review.commitId
    };
    if (review.updatedAt !== void 0) statement.updatedAt = review.updatedAt;
    statements.push(statement);
  }
  for (const { commentId, createdAt, trace } of input.traces) {
    if (trace.type !== "check_action" && trace.type !== "deployment_review") continue;
    if (trace.environment !== input.environment) continue;
    statements.push({
      source: trace.type,
      id: String(commentId),
      author: trace.actor,
      body: "",
      createdAt,
      commitId: trace.sha,
      action: trace.action
    });
  }
  return statements;
}

// src/github/keep-oldest-comment.ts
async function keepOldestComment(github, target, created, same, since) {
  const { data } = await github.rest.issues.listComments({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    since,
    per_page: 100
  });
  const [oldest, ...copies] = data.filter(same).sort((a, b) => a.id - b.id);
  await deleteComments(
    github,
    target,
    copies.map((copy) => copy.id)
  );
  return oldest === void 0 || oldest.id === created ? void 0 : oldest;
}
async function deleteComments(github, target, ids) {
  for (const id of ids) {
    try {
      await github.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
    } catch (error) {
      if (readStatus(error) !== 404) throw error;
    }
  }
}

// src/github/publish-once.ts
async function publishOnce(post, find, attempts = RETRIES + 1) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw error;
      const found = await find();
      if (found !== void 0) return found;
    }
  }
}

// src/github/publish-approval-issue.ts
async function publishApprovalIssue(github, target, issue, authorId) {
  const data = await publishOnce(
    async () => (await github.rest.issues.create({
      owner: target.owner,
      repo: target.repo,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      ...NO_RETRY
    })).data,
    () => findOpenIssue(github, target, issue, authorId)
  );
  await publishIssueComment(
    github,
    { ...target, issueNumber: data.number },
    renderRequestRecord(issue.request),
    authorId
  );
  return {
    number: data.number,
    url: data.html_url,
    open: true,
    title: data.title,
    body: data.body ?? issue.body,
    createdAt: data.created_at,
    bodyHashes: []
  };
}
async function findOpenIssue(github, target, issue, authorId) {
  const { data } = await github.rest.issues.listForRepo({
    owner: target.owner,
    repo: target.repo,
    state: "open",
    labels: issue.labels.join(","),
    sort: "created",
    direction: "desc",
    per_page: 100
  });
  return data.find(
    (found) => found.user?.id === authorId && found.title === issue.title && found.body === issue.body
  );
}
async function publishApprovalIssueBody(github, target, current, body) {
  if (current === body) return false;
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body
  });
  return true;
}
async function publishIssueComment(github, target, body, authorId, converge) {
  const issue = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber };
  const id = await publishOnce(
    async () => (await github.rest.issues.createComment({ ...issue, body, ...NO_RETRY })).data.id,
    async () => {
      const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });
      return comments.findLast((comment) => comment.user?.id === authorId && comment.body === body)?.id;
    }
  );
  if (converge === void 0) return id;
  const kept = await keepOldestComment(
    github,
    target,
    id,
    (comment) => comment.user?.id === authorId && comment.body === body,
    converge.since
  );
  return kept?.id ?? id;
}
async function closeApprovalIssue(github, target, reason) {
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    state: "closed",
    state_reason: reason
  });
}
async function publishIssueLabels(github, target, labels) {
  await github.rest.issues.addLabels({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    labels
  });
}

// src/github/creation-lease.ts
import { createHash } from "node:crypto";
function createLeaseRef(sha3, parts) {
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
  return `refs/gatehouse/leases/${sha3}/${digest}`;
}
async function takeLease(github, at, ref) {
  try {
    await github.rest.git.createRef({ owner: at.owner, repo: at.repo, ref, sha: at.sha, ...NO_RETRY });
    return true;
  } catch (error) {
    return !(readStatus(error) === 422 || isTransient(error));
  }
}
var LEASE_GENERATIONS = 3;
async function createUnderLease(github, at, ref, arbitration, create, find, sleep = (ms) => new Promise((done) => setTimeout(done, ms))) {
  for (let generation = 1; generation <= LEASE_GENERATIONS; generation++) {
    const lease = generation === 1 ? ref : `${ref}/${generation}`;
    if (await takeLease(github, at, lease)) return { value: await create(), found: false };
    for (let poll = 0; poll < arbitration.polls; poll++) {
      const found = await find();
      if (found !== void 0) return { value: found, found: true };
      await sleep(arbitration.pollMs);
    }
  }
  return { value: await create(), found: false };
}

// src/github/publish-check-run.ts
var CHECK_OUTPUT_MAX_CHARS = 65535;
var CHECK_ACTIONS = [
  { label: "Approve", identifier: "approve", description: "Approve the request for this commit" },
  { label: "Reject", identifier: "reject", description: "Reject the request: a veto" }
];
var CHECK_ANNOTATIONS_MAX = 50;
function cut(text) {
  return text.length <= CHECK_OUTPUT_MAX_CHARS ? text : `${text.slice(0, CHECK_OUTPUT_MAX_CHARS - 2)}
\u2026`;
}
function unchanged(run, publication) {
  return run.status === publication.status && (publication.status !== "completed" || run.conclusion === publication.conclusion) && run.title === publication.title && run.summary === cut(publication.summary) && run.text === cut(publication.text);
}
function updatable(run, publication) {
  if (run.externalId !== publication.externalId) return false;
  return run.status !== "completed" || publication.status === "completed";
}
function fields(publication, withAnnotations = false) {
  const completed = publication.status === "completed";
  const annotations = withAnnotations ? (publication.annotations ?? []).slice(0, CHECK_ANNOTATIONS_MAX) : [];
  return {
    status: publication.status,
    ...completed && publication.conclusion !== void 0 ? { conclusion: publication.conclusion } : {},
    external_id: publication.externalId,
    output: {
      title: publication.title,
      summary: cut(publication.summary),
      text: cut(publication.text),
      ...annotations.length === 0 ? {} : {
        annotations: annotations.map((note) => ({
          path: note.path,
          start_line: note.line,
          end_line: note.line,
          annotation_level: note.level,
          title: note.title.slice(0, 255),
          message: note.message.slice(0, 64e3)
        }))
      }
    },
    actions: completed ? [] : CHECK_ACTIONS.map((action) => ({ ...action }))
  };
}
async function publishCheckRun(github, at, publication, existing, options = {}) {
  const latest2 = existing.at(-1);
  if (latest2 && updatable(latest2, publication)) {
    const same2 = unchanged(latest2, publication);
    if (!same2)
      await github.rest.checks.update({
        owner: at.owner,
        repo: at.repo,
        check_run_id: latest2.id,
        ...fields(publication)
      });
    const superseded2 = await supersede(github, at, existing, latest2.id);
    return { id: latest2.id, url: latest2.url, outcome: same2 ? "unchanged" : "updated", superseded: superseded2 };
  }
  const created = await createRun(github, at, publication, latest2?.id ?? 0, options.replicas);
  const superseded = await supersede(github, at, existing, created.id);
  if (created.found === void 0)
    return { id: created.id, url: created.url, outcome: "created", superseded };
  const same = unchanged(created.found, publication);
  if (!same)
    await github.rest.checks.update({
      owner: at.owner,
      repo: at.repo,
      check_run_id: created.id,
      ...fields(publication)
    });
  return { id: created.id, url: created.url, outcome: same ? "unchanged" : "updated", superseded };
}
async function supersede(github, at, existing, kept) {
  const superseded = [];
  for (const run of existing) {
    if (run.status === "completed" || run.id === kept) continue;
    await github.rest.checks.update({
      owner: at.owner,
      repo: at.repo,
      check_run_id: run.id,
      status: "completed",
      conclusion: "neutral",
      output: {
        title: "Superseded by a newer evaluation of this gate",
        summary: cut(run.summary || "A newer evaluation of this gate replaced this one."),
        text: run.text
      },
      actions: []
    });
    superseded.push(run.id);
  }
  return superseded;
}
async function createRun(github, at, publication, newerThan, replicas) {
  const post = async () => {
    const { data } = await github.rest.checks.create({
      owner: at.owner,
      repo: at.repo,
      name: publication.name,
      head_sha: at.sha,
      ...publication.startedAt === void 0 ? {} : { started_at: publication.startedAt },
      ...fields(publication, true),
      ...NO_RETRY
    });
    return { id: data.id, url: data.html_url ?? "" };
  };
  const find = async () => {
    const runs = await loadGateCheckRuns(github, at, at.appId, publication.name);
    return runs.find((run) => run.id > newerThan && run.externalId === publication.externalId);
  };
  const create = () => publishOnce(post, async () => {
    const found = await find();
    return found === void 0 ? void 0 : { id: found.id, url: found.url };
  });
  if (replicas === void 0) return create();
  const ref = createLeaseRef(at.sha, ["check-run", publication.name, publication.externalId, newerThan]);
  const leased = await createUnderLease(
    github,
    at,
    ref,
    replicas,
    create,
    async () => {
      const found = await find();
      return found === void 0 ? void 0 : { id: found.id, url: found.url, found };
    }
  );
  return leased.value;
}

// src/github/traces.ts
import { createHash as createHash2 } from "node:crypto";
var actor = external_exports.strictObject({
  id: external_exports.int().positive(),
  login: external_exports.string().min(1).max(100),
  type: external_exports.string().min(1).max(40)
});
var key = external_exports.string().regex(/^[0-9a-f]{24}$/);
var time3 = external_exports.iso.datetime({ offset: true });
var sha2 = external_exports.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);
var environment = external_exports.string().min(1).max(255);
var traceSchema = external_exports.discriminatedUnion("type", [
  external_exports.strictObject({
    type: external_exports.literal("check_action"),
    action: external_exports.enum(["approve", "reject"]),
    actor,
    sha: sha2,
    /** The deployment gate whose run was clicked; absent for the pull request's own gate. */
    environment: environment.optional(),
    at: time3,
    key
  }),
  // A review in GitHub's own "Review deployments" dialog (the deployment_review event): GitHub
  // keeps no time for it in its API, so Gatehouse writes it into the timeline when it happens.
  external_exports.strictObject({
    type: external_exports.literal("deployment_review"),
    action: external_exports.enum(["approve", "reject"]),
    actor,
    sha: sha2,
    environment,
    at: time3,
    key
  }),
  external_exports.strictObject({ type: external_exports.literal("edit"), comment: external_exports.int().positive(), editor: actor, at: time3, key }),
  external_exports.strictObject({
    type: external_exports.literal("escalation"),
    to: external_exports.array(external_exports.string().min(1).max(200)).max(50),
    at: time3,
    key
  })
]);
var MARKER = /<!-- gatehouse:trace (\{[^<>]*\}) -->/;
function createTraceKey(parts) {
  return createHash2("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24);
}
function renderTraceMarker(trace) {
  return `<!-- gatehouse:trace ${renderCommentJson(trace)} -->`;
}
function parseTraceMarker(body) {
  const match = MARKER.exec(body);
  if (match?.[1] === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(match[1]);
  } catch {
    return void 0;
  }
  const parsed = traceSchema.safeParse(value);
  return parsed.success ? parsed.data : void 0;
}
function readTraces(comments, self) {
  const trusted = [];
  const keys = /* @__PURE__ */ new Set();
  for (const comment of comments) {
    if (comment.author?.id !== self.botId) continue;
    const trace = parseTraceMarker(comment.body);
    if (trace === void 0) continue;
    keys.add(trace.key);
    if (comment.updatedAt === comment.createdAt && self.sharedIdentity !== true)
      trusted.push({ commentId: comment.id, createdAt: comment.createdAt, trace });
  }
  return { trusted, keys };
}
function describeActor(who) {
  return escapeMarkdownInline(who.login, 80);
}
function renderTraceComment(trace, context = {}) {
  let line;
  switch (trace.type) {
    case "check_action": {
      const button = trace.action === "approve" ? "Approve" : "Reject";
      line = `Recorded: ${describeActor(trace.actor)} clicked **${button}** on the ${renderCode(createCheckName(trace.environment))} check run of commit ${renderCode(trace.sha.slice(0, 12))}. It counts as a ${renderCode(`/${trace.action}`)} given for that commit${trace.environment === void 0 ? "" : " and that environment"}.`;
      break;
    }
    case "deployment_review": {
      const verb = trace.action === "approve" ? "approved" : "rejected";
      line = `Recorded: ${describeActor(trace.actor)} ${verb} the deployment of commit ${renderCode(trace.sha.slice(0, 12))} to ${renderCode(trace.environment)} in GitHub's **Review deployments**. It counts as a ${renderCode(`/${trace.action}`)} for that deployment gate.`;
      break;
    }
    case "edit": {
      const author = context.commentAuthor === void 0 ? "" : ` by ${escapeMarkdownInline(context.commentAuthor, 80)}`;
      line = `Recorded: ${describeActor(trace.editor)} edited comment ${trace.comment}${author}. A command comment edited by anyone but its author fails the gate.`;
      break;
    }
    case "escalation": {
      const mentions = trace.to.map((entry) => renderMention({ login: entry })).join(", ");
      line = `**Escalated:** no decision before the deadline. ${mentions || "The backup approvers"}: you can approve this request too; see the request above.`;
      break;
    }
  }
  return `${line}

${renderTraceMarker(trace)}`;
}
async function publishTrace(github, target, trace, context = {}) {
  const body = renderTraceComment(trace, context);
  const { data } = await github.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
    ...NO_RETRY
  });
  const { converge } = context;
  if (converge === void 0) return { id: data.id, createdAt: data.created_at };
  const kept = await keepOldestComment(
    github,
    { owner: target.owner, repo: target.repo, issueNumber: target.number },
    data.id,
    (comment) => comment.user?.id === converge.authorId && comment.body === body,
    converge.since
  );
  return kept === void 0 ? { id: data.id, createdAt: data.created_at } : { id: kept.id, createdAt: data.created_at };
}

// src/github/load-decision-history.ts
var WEB_FLOW_LOGIN = "web-flow";
function checkLogCommit(commit, botId) {
  const verification = commit.commit.verification;
  if (verification?.verified !== true || verification.reason !== "valid")
    return `not verified by GitHub (${verification?.reason ?? "no verification"})`;
  if (commit.author?.id !== botId) return `authored by ${commit.author?.login ?? "no GitHub account"}`;
  const committer = commit.committer;
  if (committer?.id !== botId && committer?.login !== WEB_FLOW_LOGIN)
    return `committed by ${committer?.login ?? "no GitHub account"}`;
  if ((commit.parents?.length ?? 0) > 1) return "a merge commit";
  return void 0;
}
async function loadDecisionHistory(github, log, botId, logger) {
  let commits;
  try {
    ({ data: commits } = await github.rest.repos.listCommits({
      owner: log.owner,
      repo: log.repo,
      sha: log.branch,
      per_page: 100
    }));
  } catch (error) {
    const status = readStatus(error);
    if (status === 404 || status === 409) return { decisions: [], tip: null, complete: true };
    return { error: describeRequestError(error) };
  }
  const decisions = [];
  const written = /* @__PURE__ */ new Map();
  let skipped = 0;
  let others = 0;
  for (const commit of commits) {
    const decision = parseDecisionCommitMessage(commit.commit.message);
    if (decision === void 0) {
      others++;
      continue;
    }
    const problem = checkLogCommit(commit, botId);
    if (problem !== void 0) {
      skipped++;
      logger?.debug(
        { commit: commit.sha, decision: decision.id, problem },
        `log commit ${commit.sha} is no record of Gatehouse's: ${problem}`
      );
      continue;
    }
    decisions.push(decision);
    written.set(decision.id, commit.sha);
  }
  const newest = commits[0];
  const rootListed = (commits.at(-1)?.parents?.length ?? 0) === 0;
  return {
    decisions,
    commits: written,
    tip: newest === void 0 ? null : { commit: newest.sha, tree: newest.commit.tree.sha },
    ...skipped === 0 ? {} : { skipped },
    complete: rootListed && skipped === 0 && others === 0
  };
}

// src/gate/create-precedent-facts.ts
function createPrecedentFacts(env, policy, history, requestHash) {
  if (history.skipped !== void 0)
    env.log.info(
      { skipped: history.skipped, branch: policy.log.branch },
      `${history.skipped} decision commit(s) on ${policy.log.branch} are not signed by GitHub as Gatehouse's and count as no precedent`
    );
  if (env.untrustedLog !== void 0) {
    if (policy.mode === "ask-once") env.untrustedLog.onIgnored?.();
    return { historyNote: env.untrustedLog.reason };
  }
  if (history.error !== void 0)
    env.log.warn(
      { error: history.error },
      "the decision log could not be read: precedent counts as first time"
    );
  const decisions = history.decisions?.filter((decision) => decision.requestHash !== requestHash);
  return decisions === void 0 ? {} : { history: decisions };
}

// src/github/load-permissions.ts
function readPermission(answer) {
  const role = answer.role_name?.toLowerCase();
  if (role !== void 0 && PERMISSIONS.includes(role)) return role;
  const base2 = answer.permission?.toLowerCase();
  return base2 !== void 0 && PERMISSIONS.includes(base2) ? base2 : "none";
}
async function loadPermissions(github, repository, people) {
  const entries = await Promise.all(
    people.map(async (person) => {
      try {
        const { data } = await github.rest.repos.getCollaboratorPermissionLevel({
          owner: repository.owner,
          repo: repository.repo,
          username: person.login
        });
        if (data.user !== null && data.user.id !== person.id) return [person.id, "none"];
        return [person.id, readPermission(data)];
      } catch (error) {
        if (readStatus(error) === 404) return [person.id, "none"];
        throw error;
      }
    })
  );
  return Object.fromEntries(entries);
}
async function loadTeams(github, teams) {
  const entries = await Promise.all(
    teams.map(async (team) => {
      const [org, slug, ...rest] = team.split("/");
      if (org === void 0 || slug === void 0 || rest.length > 0 || org === "" || slug === "")
        return [team, { error: `"${team}" is not an org/team name` }];
      try {
        const members = await github.paginate(github.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100
        });
        return [team, { members: members.map((member) => member.id) }];
      } catch (error) {
        return [team, { error: describeRequestError(error) }];
      }
    })
  );
  return Object.fromEntries(entries);
}

// src/gate/load-authorization.ts
async function loadAuthorization(github, repository, gate) {
  const { policy } = gate;
  const authorTeams = listTeamsNeeded(policy);
  const [permissions, teamsForAuthors] = await Promise.all([
    loadPermissions(
      github,
      repository,
      listStatementAuthors(gate.statements, [gate.botId], { allowBots: policy.defaults.allowBots })
    ),
    loadTeams(github, authorTeams)
  ]);
  const risk = evaluateRisk(policy, gate.request, {
    history: gate.history,
    teams: teamsForAuthors,
    policyFiles: gate.policyFiles
  });
  const teams = {
    ...teamsForAuthors,
    ...await loadTeams(
      github,
      listTeamsNeeded(policy, risk).filter((team) => !authorTeams.includes(team))
    )
  };
  return { permissions, teams };
}

// src/gate/gather-request-gate.ts
async function gatherRequestGate(env, target, loaded, request, issue, options) {
  const { github, self } = env;
  const { policy } = loaded;
  const comments = issue?.comments ?? [];
  const [runs, history] = await Promise.all([
    options.checkRun ? loadGateCheckRuns(
      github,
      { ...target, sha: request.subject.sha },
      self.appId,
      createCheckName(request.gate.environment)
    ) : Promise.resolve([]),
    loadDecisionHistory(github, { ...target, branch: policy.log.branch }, self.botId, env.log)
  ]);
  const now = env.now().toISOString();
  const requestHash = hashRequest(request);
  const precedent = createPrecedentFacts(env, policy, history, requestHash);
  const { trusted, keys } = readTraces(comments, self);
  const statements = createStatements({
    comments,
    reviews: [],
    traces: trusted,
    botId: self.botId,
    environment: request.gate.environment
  });
  const runState = summarizeGateCheckRuns(runs, issue === void 0 ? {} : { issue: issue.issue.number });
  const recordedVetoes = self.sharedIdentity === true || issue === void 0 ? [] : mergeVetoes(
    runState.vetoes,
    options.deletion === void 0 ? [] : parseDeletedVeto({ id: options.deletion.commentId, ...options.deletion }, [self.botId])
  );
  const { permissions, teams } = await loadAuthorization(github, target, {
    policy,
    request,
    // The authors of vetoes that vanished are judged too: their permission is read like anyone's.
    statements: restoreVetoes(statements, recordedVetoes),
    botId: self.botId,
    history: precedent.history,
    policyFiles: loaded.files
  });
  const requestedAt = issue?.issue.createdAt ?? now;
  const deployers = mergeActors(runState.deployers, options.deployers ?? []);
  const facts = {
    head: { sha: request.subject.sha, since: requestedAt, sinceEvent: "requested" },
    statements,
    permissions,
    teams,
    selfIds: [self.botId],
    requestedAt,
    policyFiles: loaded.files,
    ...precedent,
    ...deployers.length === 0 ? {} : { deployers },
    ...recordedVetoes.length === 0 ? {} : { recordedVetoes }
  };
  const marks = readIssueMarks(comments, self.botId);
  const gate = {
    policy,
    defaultBranch: loaded.defaultBranch,
    request,
    requestHash,
    facts,
    result: evaluateGate(policy, request, facts, now),
    now,
    comments,
    runs,
    deployers,
    traces: trusted,
    traceKeys: keys,
    marks,
    history
  };
  if (issue !== void 0) gate.issue = issue.issue;
  return reevaluateRequestGate(gate);
}
function reevaluateRequestGate(gate, issue) {
  const next = { ...gate };
  if (issue !== void 0) {
    next.issue = issue;
    next.facts = {
      ...gate.facts,
      head: { ...gate.facts.head, since: issue.createdAt },
      requestedAt: issue.createdAt
    };
  }
  const result = evaluateGate(next.policy, next.request, next.facts, next.now);
  const expiry = next.marks.find((mark) => mark.type === "queue_expired");
  if (expiry !== void 0 && expiry.type === "queue_expired" && isOpenState(result.state)) {
    const waited = Date.parse(expiry.at) - Date.parse(next.facts.requestedAt);
    next.result = {
      ...result,
      state: "expired",
      reason: `the pending queue is full (max_pending ${expiry.maxPending})`,
      expiredAfterMs: Math.max(0, waited)
    };
  } else {
    next.result = result;
  }
  return next;
}
function isOpenState(state) {
  return state === "pending" || state === "escalated" || state === "changes_requested";
}

// src/core/record-anchor.ts
function createRecordDigest(text) {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
var PATH = /^[A-Za-z0-9._\-/]{1,300}$/;
var ANCHOR = /^Decision record: `([A-Za-z0-9._\-/]{1,300})`, SHA-256 `([0-9a-f]{64})`, log commit `([0-9a-f]{40}(?:[0-9a-f]{24})?)`$/;
function renderRecordAnchor(anchor) {
  if (!PATH.test(anchor.path)) return void 0;
  return `Decision record: \`${anchor.path}\`, SHA-256 \`${anchor.sha256}\`, log commit \`${anchor.commit}\``;
}
function parseRecordAnchor(text) {
  if (text === null || text === void 0) return void 0;
  const end = text.indexOf("\n");
  const match = ANCHOR.exec(end === -1 ? text : text.slice(0, end));
  if (match === null) return void 0;
  const [, path = "", digest = "", commit = ""] = match;
  return { path, sha256: digest, commit };
}
function prependRecordAnchor(text, anchor) {
  const line = anchor === void 0 ? void 0 : renderRecordAnchor(anchor);
  if (line === void 0) return text;
  return text === "" ? line : `${line}

${text}`;
}

// src/github/publish-decision-record.ts
var MAX_LOG_ATTEMPTS = 5;
function createDecisionLogEntry(repository, record, log, defaultBranch) {
  if (isSameBranch(log.branch, defaultBranch))
    throw new DecisionLogError(
      `log.branch: must not be the default branch "${defaultBranch}": the decision record ${record.id} was not committed`
    );
  return {
    owner: repository.owner,
    repo: repository.repo,
    branch: log.branch,
    path: createDecisionRecordPath(record, log.path),
    content: renderDecisionRecord(record),
    message: renderDecisionCommitMessage(record)
  };
}
var DecisionLogError = class extends Error {
  name = "DecisionLogError";
};
function isConflict(error) {
  const status = readStatus(error);
  return status === 422 || status === 409;
}
async function loadTip(github, entry) {
  let commit;
  try {
    const { data: data2 } = await github.rest.git.getRef({
      owner: entry.owner,
      repo: entry.repo,
      ref: `heads/${entry.branch}`
    });
    commit = data2.object.sha;
  } catch (error) {
    if (readStatus(error) === 404) return null;
    throw error;
  }
  const { data } = await github.rest.git.getCommit({
    owner: entry.owner,
    repo: entry.repo,
    commit_sha: commit
  });
  return { commit, tree: data.tree.sha };
}
async function fileExists(github, entry, commit) {
  try {
    await github.rest.repos.getContent({
      owner: entry.owner,
      repo: entry.repo,
      path: entry.path,
      ref: commit
    });
    return true;
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
}
async function publishDecisionRecord(github, entry, options = {}) {
  const { owner, repo } = entry;
  const file = { path: entry.path, mode: "100644", type: "blob", content: entry.content };
  let tip = options.tip;
  for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++) {
    const retrying = attempt > 1;
    const vouched = options.absent === true && tip !== void 0 && !retrying;
    if (tip === void 0 || retrying) tip = await loadTip(github, entry);
    if (tip !== null && !vouched && await fileExists(github, entry, tip.commit))
      return { commit: tip.commit, outcome: "unchanged", attempts: attempt };
    const tree = await github.rest.git.createTree({
      owner,
      repo,
      tree: [file],
      ...tip === null ? {} : { base_tree: tip.tree }
    });
    if (tip !== null && tree.data.sha === tip.tree)
      return { commit: tip.commit, outcome: "unchanged", attempts: attempt };
    const commit = await github.rest.git.createCommit({
      owner,
      repo,
      message: entry.message,
      tree: tree.data.sha,
      parents: tip === null ? [] : [tip.commit]
    });
    try {
      if (tip === null) {
        await github.rest.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${entry.branch}`,
          sha: commit.data.sha,
          ...NO_RETRY
        });
      } else {
        await github.rest.git.updateRef({
          owner,
          repo,
          ref: `heads/${entry.branch}`,
          sha: commit.data.sha,
          force: false
        });
      }
      return { commit: commit.data.sha, outcome: "created", attempts: attempt };
    } catch (error) {
      if (!isConflict(error) && !isTransient(error)) throw error;
    }
  }
  throw new DecisionLogError(
    `the decision record ${entry.path} could not be committed to ${entry.branch} after ${MAX_LOG_ATTEMPTS} attempts: the branch kept moving; the next event for this gate tries again`
  );
}

// src/github/publish-dispatch.ts
var DISPATCH_EVENT = "gatehouse-decision";
async function publishDispatch(github, target, payload) {
  await github.rest.repos.createDispatchEvent({
    owner: target.owner,
    repo: target.repo,
    event_type: DISPATCH_EVENT,
    client_payload: { ...payload }
  });
}

// src/gate/publish-pull-request-gate.ts
function isDecided(result) {
  if (result.state === "pending") return false;
  return !(PASSING_DECISIONS.includes(result.state) && result.problems.length > 0);
}
function latest(times) {
  return times.length === 0 ? void 0 : times.reduce((a, b) => Date.parse(b) > Date.parse(a) ? b : a);
}
function decisionTime(gate) {
  const { result, facts, now } = gate;
  const requestedAt = Date.parse(facts.requestedAt);
  let time4;
  switch (result.state) {
    case "approved":
    case "delayed":
      time4 = latest(result.approvers.map((approval) => approval.at));
      break;
    case "rejected": {
      const tampered = result.tampering[0];
      time4 = tampered ? latest(
        gate.traces.flatMap(
          ({ trace }) => trace.type === "edit" && String(trace.comment) === tampered.statementId ? [trace.at] : []
        )
      ) : result.rejection?.at;
      break;
    }
    case "changes_requested":
      time4 = result.modification?.at;
      break;
    case "expired":
      time4 = result.expiredAfterMs === void 0 ? void 0 : new Date(requestedAt + result.expiredAfterMs).toISOString();
      break;
    case "escalated":
      time4 = result.escalation?.at;
      break;
    case "auto_approved":
    case "notified":
      time4 = result.option === void 0 ? facts.requestedAt : void 0;
      break;
    default:
      break;
  }
  return time4 === void 0 || Number.isNaN(Date.parse(time4)) ? now : new Date(time4).toISOString();
}
function recently(env) {
  return new Date(env.now().getTime() - 6e4).toISOString();
}

// src/gate/publish-request-gate.ts
function isFinal(result, now) {
  switch (result.state) {
    case "approved":
    case "rejected":
    case "expired":
    case "auto_approved":
    case "notified":
      return result.problems.length === 0 || result.state === "rejected" || result.state === "expired";
    case "delayed":
      return result.effectiveAt !== void 0 && Date.parse(result.effectiveAt) <= Date.parse(now);
    default:
      return false;
  }
}
function wakeTime(result, now) {
  const times = [result.deadline, result.escalation?.deadline, result.effectiveAt].filter(
    (time4) => time4 !== void 0 && Date.parse(time4) > Date.parse(now)
  );
  if (times.length === 0) return void 0;
  return new Date(Math.min(...times.map((time4) => Date.parse(time4)))).toISOString();
}
function renderApprovalIssueBody(gate, summary) {
  const wake = isFinal(gate.result, gate.now) ? void 0 : wakeTime(gate.result, gate.now);
  return wake === void 0 ? summary : `${summary}
${renderWakeMarker(wake)}`;
}
function recordBody(record) {
  const text = renderDecisionRecord(record);
  const end = text.indexOf("\n---\n", 4);
  return end === -1 ? text : text.slice(end + 5).trimStart();
}
function renderClosing(gate, decisionId, dispatched) {
  const { result } = gate;
  const by = result.approvers.map((approval) => escapeMarkdownInline(approval.approver.login, 80)).join(", ");
  let line;
  switch (result.state) {
    case "approved":
    case "delayed":
      line = `**Approved** by ${by || "the approvers"}.`;
      break;
    case "rejected":
      line = `**Rejected**${result.rejection ? ` by ${escapeMarkdownInline(result.rejection.by.login, 80)}` : ""}.`;
      break;
    case "expired":
      line = `**Expired**: ${escapeMarkdownInline(result.reason ?? "no decision before the deadline", 300)}.`;
      break;
    case "changes_requested":
      line = `**Changes requested**${result.modification ? ` by ${escapeMarkdownInline(result.modification.by.login, 80)}` : ""}; the request stays open.`;
      break;
    default:
      line = `**${result.state.replace("_", "-")}**.`;
  }
  const announced = dispatched ? " Announced as `gatehouse-decision`." : "";
  return `${line} Decision ${renderCode(decisionId)}.${announced}

${renderIssueMark({ type: "decided", id: decisionId, dispatched })}`;
}
async function publishRequestGate(env, target, gate, options) {
  const { github, log, self } = env;
  const { policy, request, result, facts, issue } = gate;
  const dryRun = env.dryRun === true;
  const view = renderCheckRun(request, result, policy, { now: gate.now });
  const published = { decisionId: view.externalId };
  const issueTarget = issue === void 0 ? void 0 : { ...target, issueNumber: issue.number };
  let record;
  let anchor;
  if (isDecided(result)) {
    const links = issue === void 0 ? {} : { comment: issue.url };
    if (env.workflowRun !== void 0) links.workflow_run = env.workflowRun;
    record = createDecisionRecord(request, result, {
      decidedAt: decisionTime(gate),
      requestedAt: facts.requestedAt,
      links
    });
    const logged = gate.history.decisions?.some((decision) => decision.id === record?.id) === true;
    const entry = createDecisionLogEntry(target, record, policy.log, gate.defaultBranch);
    if (logged) log.debug({ id: record.id }, "the decision is in the log already");
    else if (dryRun) log.info({ id: record.id }, "dry run: would commit the decision record");
    else {
      const written = await publishDecisionRecord(
        github,
        entry,
        gate.history.tip === void 0 ? {} : { tip: gate.history.tip, absent: gate.history.complete === true }
      );
      published.logCommit = written.commit;
    }
    const commit = published.logCommit ?? gate.history.commits?.get(record.id);
    if (commit !== void 0)
      anchor = { path: entry.path, sha256: createRecordDigest(entry.content), commit };
  }
  if (issueTarget !== void 0 && issue !== void 0) {
    const body = renderApprovalIssueBody(gate, view.summary);
    if (dryRun) log.info({ issue: issue.number }, "dry run: would update the approval issue");
    else await publishApprovalIssueBody(github, issueTarget, issue.body, body);
  }
  if (options.checkRun) {
    const state = renderCheckRunState({
      ...view.status === "in_progress" ? optional("wake", wakeTime(result, gate.now)) : {},
      reviewersRequested: false,
      deployers: gate.deployers,
      // Where only Gatehouse writes its runs (the App), the vetoes that count now stand from here
      // on, each with its issue: only this issue's gate reads them back.
      ...env.self.sharedIdentity === true || issue === void 0 ? {} : { vetoes: result.vetoes.map((veto) => ({ ...veto, issue: issue.number })) }
    });
    const text = prependRecordAnchor(
      record !== void 0 && policy.log.checkRuns ? `${state}

${recordBody(record)}` : state,
      anchor
    );
    if (dryRun) log.info({ title: view.title }, "dry run: would publish the check run");
    else {
      const run = await publishCheckRun(
        github,
        { ...target, sha: request.subject.sha, appId: self.appId },
        {
          name: view.name,
          status: view.status,
          ...view.conclusion === void 0 ? {} : { conclusion: view.conclusion },
          title: view.title,
          summary: view.summary,
          text,
          externalId: view.externalId
        },
        gate.runs,
        { replicas: env.replicas }
      );
      published.checkRunId = run.id;
    }
  }
  if (issueTarget === void 0 || issue === void 0 || dryRun) return published;
  if (result.state === "escalated" && result.escalation !== void 0) {
    const key2 = createTraceKey([
      "escalation",
      request.repository,
      issue.number,
      gate.requestHash,
      result.escalation.at
    ]);
    if (!gate.traceKeys.has(key2)) {
      const backups = [
        ...new Set(result.escalation.to.flatMap((group) => readReviewerGroup(policy, group) ?? []))
      ];
      await publishTrace(
        github,
        { ...target, number: issue.number },
        { type: "escalation", to: backups, at: result.escalation.at, key: key2 }
      );
    }
  }
  const final = isFinal(result, gate.now);
  if (final || result.state === "changes_requested") {
    const marked = gate.marks.filter((mark) => mark.type === "decided" && mark.id === view.externalId);
    const sent = marked.some((mark) => mark.type === "decided" && mark.dispatched);
    if (marked.length === 0 || options.dispatch && !sent) {
      if (options.dispatch) {
        await publishDispatch(github, target, {
          decision: result.state,
          option: result.option?.name ?? null,
          modifications: result.modification?.instructions ?? null,
          decision_id: view.externalId,
          request_hash: gate.requestHash,
          issue: issue.number,
          sha: request.subject.sha,
          environment: request.gate.environment ?? null
        });
        published.dispatched = true;
      }
      await publishIssueComment(
        github,
        issueTarget,
        renderClosing(gate, view.externalId, options.dispatch),
        self.botId,
        env.replicas === void 0 ? void 0 : { since: recently(env) }
      );
    }
  }
  if (final && issue.open) {
    await closeApprovalIssue(
      github,
      issueTarget,
      result.state === "rejected" || result.state === "expired" ? "not_planned" : "completed"
    );
    published.closed = true;
  }
  return published;
}
function optional(key2, value) {
  return value === void 0 ? {} : { [key2]: value };
}

// src/gate/wait-for-decision.ts
var MAX_POLL_INTERVAL_MS = 6e4;
async function waitForDecision(github, clock, options) {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve2) => setTimeout(resolve2, ms)));
  const start = clock().getTime();
  const elapsed = () => clock().getTime() - start;
  let run = await options.first();
  let requests = run.requests;
  let polls = 0;
  let notModified = 0;
  options.onProgress?.(run, elapsed());
  let watched = options.watch(run);
  const done = (timedOut) => ({ run, requests, polls, notModified, timedOut });
  if (options.isSettled(run, clock().getTime()) || watched.length === 0) return done(false);
  const etags = /* @__PURE__ */ new Map();
  let interval = Math.max(1, options.pollIntervalMs);
  let wake = options.wakeOf(run);
  let computedAt = clock().getTime();
  for (; ; ) {
    const left = options.timeoutMs - elapsed();
    if (left <= 0) return done(true);
    await sleep(Math.min(interval, left));
    polls++;
    const polled = await countRequests(github, () => pollLists(github, watched, etags));
    requests += polled.requests;
    const now = clock().getTime();
    const due = wake !== void 0 && Date.parse(wake) <= now && Date.parse(wake) > computedAt;
    if (polled.value || due) {
      computedAt = clock().getTime();
      const next = await options.recompute();
      if (next === void 0) return done(false);
      requests += next.requests;
      run = next;
      watched = options.watch(run);
      wake = options.wakeOf(run);
      interval = Math.max(1, options.pollIntervalMs);
    } else {
      notModified++;
      interval = Math.min(Math.max(interval * 1.5, 1), MAX_POLL_INTERVAL_MS);
    }
    options.onProgress?.(run, elapsed());
    if (options.isSettled(run, clock().getTime())) return done(false);
  }
}
async function pollLists(github, lists, etags) {
  let changed = false;
  for (const list of lists) {
    const key2 = JSON.stringify([list.route, list.parameters]);
    const etag = etags.get(key2);
    try {
      const response = await github.request(list.route, {
        ...list.parameters,
        headers: etag === void 0 ? {} : { "if-none-match": etag }
      });
      changed = true;
      const full = Array.isArray(response.data) && response.data.length >= 100;
      const next = response.headers.etag;
      if (next === void 0 || full) etags.delete(key2);
      else etags.set(key2, next);
    } catch (error) {
      if (readStatus(error) !== 304) throw error;
    }
  }
  return changed;
}

// src/gate/run-request-gate.ts
var DEFAULT_ISSUE_LABELS = ["gatehouse"];
function labelsOf(options) {
  return options.labels !== void 0 && options.labels.length > 0 ? options.labels : DEFAULT_ISSUE_LABELS;
}
async function loadRequestPolicy(env, target) {
  let defaultBranch;
  try {
    ({
      data: { default_branch: defaultBranch }
    } = await env.github.rest.repos.get({ ...target }));
  } catch (error) {
    return {
      state: "unreadable",
      error: `the repository could not be read (HTTP ${readStatus(error) ?? "?"})`
    };
  }
  return loadPolicy(env.github, { ...target, defaultBranch, path: env.configPath ?? DEFAULT_CONFIG_PATH });
}
function notValid(loaded, env) {
  const run = { policy: loaded.state, approvers: [], expiredForQueue: [] };
  if (loaded.state === "unreadable") run.error = loaded.error;
  if (loaded.state === "invalid") run.error = loaded.problems.map(formatPolicyProblem).join("\n");
  if (loaded.state === "absent")
    env.log.info({}, `no ${env.configPath ?? DEFAULT_CONFIG_PATH}: Gatehouse does nothing here`);
  return run;
}
function describe(gate, published) {
  const { result, issue } = gate;
  const run = {
    policy: "valid",
    state: result.state,
    final: isFinal(result, gate.now),
    ready: result.readiness.ready,
    title: renderCheckRun(gate.request, result, gate.policy, { now: gate.now }).title,
    sha: gate.request.subject.sha,
    ...gate.request.gate.environment === void 0 ? {} : { environment: gate.request.gate.environment },
    tier: result.risk.tier,
    decisionId: published.decisionId,
    approvers: result.approvers.map((approval) => approval.approver),
    expiredForQueue: []
  };
  if (published.logCommit !== void 0) run.logCommit = published.logCommit;
  if (published.checkRunId !== void 0) run.checkRunId = published.checkRunId;
  if (issue !== void 0) {
    run.issueNumber = issue.number;
    run.issueUrl = issue.url;
  }
  if (result.option !== void 0) run.option = result.option;
  if (result.modification !== void 0) run.modifications = result.modification.instructions;
  const reason = result.rejection?.reason ?? result.reason;
  if (reason !== void 0) run.reason = reason;
  if (result.problems.length > 0 && run.reason === void 0) run.reason = result.problems.join("; ");
  if (!result.readiness.ready) {
    run.notReady = describeNotReady(result.readiness);
    run.reason ??= run.notReady;
  }
  if (!isFinal(result, gate.now)) {
    run.waitingFor = result.state === "delayed" ? `the delay until ${result.effectiveAt ?? "?"}` : describeMissing(result);
    const deadline = wakeTime(result, gate.now) ?? result.deadline;
    if (deadline !== void 0) run.deadline = deadline;
  }
  return run;
}
async function readIssue(env, target, issue, seen) {
  const known = seen?.get(issue.number);
  if (known !== void 0) return known;
  const read = await readComments(env, target, issue);
  seen?.set(issue.number, read);
  return read;
}
async function readComments(env, target, issue) {
  const comments = await loadIssueComments(env.github, { ...target, number: issue.number });
  return { comments, request: readRequestRecord(comments, env.self.botId, `${target.owner}/${target.repo}`) };
}
async function findIssue(env, target, issues, hash, seen, passed = /* @__PURE__ */ new Set()) {
  for (const issue of issues) {
    if (!issue.bodyHashes.includes(hash) || passed.has(issue.number)) continue;
    if (issue.labels?.includes(USED_LABEL) === true) continue;
    const { comments, request } = await readIssue(env, target, issue, seen);
    if (readIssueMarks(comments, env.self.botId).some((mark) => mark.type === "used")) continue;
    if (request !== void 0 && hashRequest(request) === hash) return { issue, comments };
    env.log.warn({ issue: issue.number }, "an approval issue without a genuine request record: ignored");
  }
  return void 0;
}
async function runRequestGate(env, target, request, options) {
  const { value, requests } = await countRequests(
    env.github,
    () => evaluateRequest(env, target, request, options)
  );
  const run = { ...value, requests };
  env.log.info({ ...target, ...run }, `request gate ${target.owner}/${target.repo}`);
  return run;
}
async function evaluateRequest(env, target, request, options) {
  const loaded = await loadRequestPolicy(env, target);
  if (loaded.state !== "valid") {
    const run2 = notValid(loaded, env);
    if (loaded.state === "invalid" && options.checkRun && !env.dryRun) {
      const view2 = renderInvalidConfigCheckRun(loaded.problems.map(formatPolicyProblem), loaded.file);
      const name = createCheckName(request.gate.environment);
      const at = { ...target, sha: request.subject.sha };
      const { conclusion } = view2;
      const published = await publishCheckRun(
        env.github,
        { ...at, appId: env.self.appId },
        {
          name,
          status: view2.status,
          ...conclusion === void 0 ? {} : { conclusion },
          title: view2.title,
          summary: view2.summary,
          text: renderCheckRunState({ reviewersRequested: false }),
          externalId: view2.externalId
        },
        await loadGateCheckRuns(env.github, at, env.self.appId, name),
        { replicas: env.replicas }
      );
      run2.checkRunId = published.id;
    }
    return run2;
  }
  const { policy } = loaded;
  const labels = labelsOf(options);
  const hash = hashRequest(request);
  const open = await loadApprovalIssues(env.github, target, { state: "open", labels, botId: env.self.botId });
  const seen = /* @__PURE__ */ new Map();
  const spent = /* @__PURE__ */ new Set();
  for (; ; ) {
    const pending = await findIssue(env, target, open, hash, seen, spent);
    if (pending === void 0) break;
    const gate2 = await gatherRequestGate(env, target, loaded, request, pending, options);
    if (await isSpent(env, target, gate2, options)) {
      spent.add(pending.issue.number);
      continue;
    }
    return describe(gate2, await publishRequestGate(env, target, gate2, options));
  }
  const closed = await loadApprovalIssues(env.github, target, {
    state: "closed",
    labels,
    botId: env.self.botId
  });
  const newestFirst = [...closed].reverse();
  for (; ; ) {
    const decided = await findIssue(env, target, newestFirst, hash, seen, spent);
    if (decided === void 0) break;
    const gate2 = await gatherRequestGate(env, target, loaded, request, decided, options);
    if (await isSpent(env, target, gate2, options)) {
      spent.add(decided.issue.number);
      continue;
    }
    if (isFinal(gate2.result, gate2.now) || gate2.result.state === "changes_requested")
      return describe(gate2, await publishRequestGate(env, target, gate2, options));
    env.log.info(
      { issue: decided.issue.number },
      "a closed approval issue without a decision: a new one is opened"
    );
    break;
  }
  const first = await gatherRequestGate(env, target, loaded, request, void 0, options);
  const proceeds = first.result.state === "auto_approved" && first.result.problems.length === 0;
  if (proceeds || !first.result.readiness.ready)
    return describe(first, await publishRequestGate(env, target, first, options));
  if (env.dryRun) {
    env.log.info({ hash }, "dry run: would open an approval issue");
    return describe(first, { decisionId: renderCheckRun(request, first.result, policy).externalId });
  }
  const expiredForQueue = await expireForQueue(env, target, loaded, open, seen, options);
  const view = renderCheckRun(request, first.result, policy, { now: first.now });
  const title = renderPlainText(`Gatehouse: ${request.action?.text ?? describeGate(request)}`, 200).replace(
    /\s+/g,
    " "
  );
  const issue = await publishApprovalIssue(
    env.github,
    target,
    { title, body: renderApprovalIssueBody(first, view.summary), labels, request },
    env.self.botId
  );
  const gate = reevaluateRequestGate(first, issue);
  const run = describe(gate, await publishRequestGate(env, target, gate, options));
  run.expiredForQueue = expiredForQueue;
  return run;
}
async function isSpent(env, target, gate, options) {
  if (options.singleUse !== true || gate.issue === void 0) return false;
  const { state } = gate.result;
  if (state !== "approved" && state !== "delayed") return false;
  return loadSpentApproval(env.github, target, gate.issue, gate.marks);
}
function describeGate(request) {
  const environment2 = request.gate.environment;
  if (request.gate.kind === "deployment" && environment2 !== void 0)
    return `deploy ${request.subject.sha.slice(0, 12)} to ${environment2}`;
  return `${request.kind ?? "request"} on ${request.subject.sha.slice(0, 12)}`;
}
async function expireForQueue(env, target, loaded, open, seen, options) {
  const maxPending = loaded.policy.queue.maxPending;
  const candidates = open.filter((issue) => issue.bodyHashes.length > 0);
  if (maxPending <= 0 || candidates.length < maxPending) return [];
  let excess = candidates.length - maxPending + 1;
  const expired = [];
  for (const issue of candidates) {
    if (excess <= 0) break;
    const read = await readIssue(env, target, issue, seen);
    if (read.request === void 0) continue;
    excess--;
    const at = env.now().toISOString();
    const issueTarget = { ...target, issueNumber: issue.number };
    const notice = `**Expired:** the pending queue is full (max_pending ${maxPending}); this is the oldest pending request. Ask again to get a new approval issue.

${renderIssueMark({ type: "queue_expired", maxPending, at })}`;
    const id = await publishIssueComment(env.github, issueTarget, notice, env.self.botId);
    const comments = [
      ...read.comments,
      {
        id,
        body: notice,
        author: { id: env.self.botId, login: env.self.botLogin, type: "Bot" },
        createdAt: at,
        updatedAt: at,
        url: ""
      }
    ];
    const gate = await gatherRequestGate(env, target, loaded, read.request, { issue, comments }, options);
    await publishRequestGate(env, target, gate, options);
    expired.push(issue.number);
  }
  return expired;
}
async function runApprovalIssueGate(env, target, options, edit, deletion) {
  const { value, requests } = await countRequests(
    env.github,
    () => evaluateIssue(env, target, options, edit, deletion)
  );
  if (value === void 0) return void 0;
  const run = { ...value, requests };
  env.log.info({ ...target, ...run }, `approval issue ${target.owner}/${target.repo}#${target.issueNumber}`);
  return run;
}
async function evaluateIssue(env, target, options, edit, deletion) {
  const repository = { owner: target.owner, repo: target.repo };
  const issue = await loadApprovalIssue(env.github, target, env.self.botId);
  if (issue === void 0) return void 0;
  const { comments, request: recorded } = await readIssue(env, repository, issue);
  if (recorded === void 0) return void 0;
  const known = resolveKnownRequest(recorded, options.known);
  if ("tampered" in known)
    return { policy: "valid", tampered: known.tampered, approvers: [], expiredForQueue: [] };
  const { request } = known;
  const loaded = await loadRequestPolicy(env, repository);
  if (loaded.state !== "valid") return notValid(loaded, env);
  if (edit !== void 0) comments.push(...await recordEdit(env, target, comments, edit));
  const gathering = deletion === void 0 ? options : { ...options, deletion };
  const gate = await gatherRequestGate(env, repository, loaded, request, { issue, comments }, gathering);
  if (!issue.open && !isFinal(gate.result, gate.now))
    return describe(gate, { decisionId: renderCheckRun(request, gate.result, loaded.policy).externalId });
  return describe(gate, await publishRequestGate(env, repository, gate, options));
}
function resolveKnownRequest(recorded, known) {
  if (known === void 0) return { request: recorded };
  if (known.request !== void 0 && hashRequest(known.request) !== hashRequest(recorded))
    return { tampered: "its request record is not the request asked (it was replaced)" };
  const request = { ...known.request ?? recorded };
  if (known.requester !== void 0 && recorded.requester.id !== known.requester.id)
    return {
      tampered: `its request record names ${recorded.requester.login}, not this token's account, as requester`
    };
  if (known.onBehalfOf !== void 0) request.onBehalfOf = known.onBehalfOf;
  return { request };
}
async function recordEdit(env, target, comments, edit) {
  const { self } = env;
  const comment = comments.find((entry) => entry.id === edit.commentId);
  if (comment?.author === void 0) return [];
  if (edit.editor.id === comment.author.id || comment.author.id === self.botId || edit.editor.id === self.botId)
    return [];
  const heldCommand = edit.previousBody !== void 0 && parseCommand(edit.previousBody) !== null;
  if (parseCommand(comment.body) === null && !heldCommand) return [];
  const key2 = createTraceKey(["edit", edit.commentId, edit.updatedAt, edit.editor.id]);
  if (readTraces(comments, self).keys.has(key2)) return [];
  const at = Number.isNaN(Date.parse(edit.updatedAt)) ? env.now().toISOString() : new Date(edit.updatedAt).toISOString();
  const { id, login, type } = edit.editor;
  const trace = { type: "edit", comment: edit.commentId, editor: { id, login, type }, at, key: key2 };
  if (env.dryRun) {
    env.log.info({ trace }, "dry run: would record a trace comment");
    return [];
  }
  const context = { commentAuthor: comment.author.login };
  const posted = await publishTrace(
    env.github,
    { owner: target.owner, repo: target.repo, number: target.issueNumber },
    trace,
    context
  );
  return [
    {
      id: posted.id,
      body: renderTraceComment(trace, context),
      author: { id: self.botId, login: self.botLogin, type: "Bot" },
      createdAt: posted.createdAt,
      updatedAt: posted.createdAt,
      url: ""
    }
  ];
}
function isSettled(run, now) {
  if (run.policy !== "valid" || run.state === void 0) return true;
  if (run.state === "pending" || run.state === "escalated" || run.state === "changes_requested") return false;
  if (run.state === "delayed") return run.deadline === void 0 || Date.parse(run.deadline) <= now;
  return true;
}
async function waitForRequestDecision(env, target, request, options) {
  let issueNumber;
  const known = { ...options.known, request };
  const waited = await waitForDecision(env.github, env.now, {
    ...options,
    first: async () => {
      const run = await runRequestGate(env, target, request, options);
      issueNumber = run.issueNumber;
      return run;
    },
    recompute: () => issueNumber === void 0 ? Promise.resolve(void 0) : runApprovalIssueGate(env, { ...target, issueNumber }, { ...options, known }),
    watch: () => issueNumber === void 0 ? [] : [
      {
        route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
        parameters: { ...target, issue_number: issueNumber, per_page: 100 }
      }
    ],
    isSettled: (run, now) => run.tampered !== void 0 || (options.isSettled ?? isSettled)(run, now),
    wakeOf: (run) => run.deadline
  });
  return {
    ...waited.run,
    requests: waited.requests,
    polls: waited.polls,
    notModified: waited.notModified,
    timedOut: waited.timedOut
  };
}

// src/agent/load-agent-context.ts
var AgentSetupError = class extends Error {
  name = "AgentSetupError";
};
var ACTIONS_USER = { id: 41898282, login: "github-actions[bot]", type: "Bot" };
async function loadAgentContext(input) {
  const token = input.env.GITHUB_TOKEN || input.env.GH_TOKEN;
  if (token === void 0 || token === "")
    throw new AgentSetupError(
      "set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository"
    );
  const local = await loadRepository(input.cwd, input.env);
  const target = input.repo ?? (local === void 0 ? void 0 : await readOrigin(local));
  if (target === void 0)
    throw new AgentSetupError(
      "which repository? give --repo OWNER/NAME, or run inside a clone whose origin is on GitHub"
    );
  const baseUrl = input.env.GITHUB_API_URL?.replace(/\/+$/, "");
  const warn = input.warn ?? (() => {
  });
  const github = createGitHubClient({
    auth: token,
    // An agent's request makes a handful of writes; spacing each a second apart buys nothing.
    spaceWrites: false,
    ...baseUrl === void 0 || baseUrl === "" ? {} : { baseUrl },
    ...input.fetch === void 0 ? {} : { fetch: input.fetch },
    log: { debug: () => {
    }, info: () => {
    }, warn, error: warn }
  });
  const requester = await loadRequester(github, input.env);
  const context = { github, ...target, now: input.now, requester, cwd: input.cwd };
  if (input.onBehalfOf !== void 0) context.onBehalfOf = await loadPerson(github, input.onBehalfOf);
  if (input.agent !== void 0) context.agent = input.agent;
  if (input.sleep !== void 0) context.sleep = input.sleep;
  const sha3 = input.sha ?? (local === void 0 ? void 0 : (await loadHeadCommit(local))?.sha);
  if (sha3 !== void 0 && sha3 !== "") context.sha = sha3;
  return context;
}
function parseRemoteUrl(url2) {
  const match = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url2.trim());
  return match?.[1] === void 0 || match[2] === void 0 ? void 0 : { owner: match[1], repo: match[2] };
}
async function readOrigin(local) {
  const url2 = await loadConfigValue(local, "remote.origin.url");
  return url2 === void 0 ? void 0 : parseRemoteUrl(url2);
}
async function loadRequester(github, env) {
  try {
    const { data } = await github.request("GET /user");
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    const status = readStatus(error);
    if (status === 403 && env.GITHUB_ACTIONS === "true") return ACTIONS_USER;
    throw setupError("reading the token's account (GET /user)", error);
  }
}
async function loadPerson(github, login) {
  try {
    const { data } = await github.request("GET /users/{username}", { username: login });
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    if (readStatus(error) === 404) throw new AgentSetupError(`--on-behalf-of ${login}: no such GitHub user`);
    throw setupError(`looking up --on-behalf-of ${login}`, error);
  }
}
function setupError(what, error) {
  const status = readStatus(error);
  if (status === 401)
    return new AgentSetupError(`GitHub refused the token (401) ${what}: set GITHUB_TOKEN to a valid token`);
  if (status === void 0 || status === 500 && !hasResponse(error))
    return new AgentSetupError(
      `GitHub could not be reached ${what}: ${describeRequestError(error)} (check GITHUB_API_URL and the network)`
    );
  return new AgentSetupError(`GitHub answered ${status} ${what}: ${describeRequestError(error)}`);
}
function hasResponse(error) {
  return typeof error === "object" && error !== null && "response" in error && error.response !== void 0;
}

// src/agent/request-approval.ts
var GATE_OPTIONS = { checkRun: false, dispatch: false };
var DEFAULT_POLL_MS = 5e3;
var SILENT = { debug: () => {
}, info: () => {
}, warn: () => {
}, error: () => {
} };
async function requestApproval(context, input, wait) {
  const env = await createGateEnvironment(context);
  const request = await createAgentRequest(context, env, input);
  const target = { owner: context.owner, repo: context.repo };
  const options = {
    ...GATE_OPTIONS,
    ...wait.singleUse === true ? { singleUse: true } : {}
  };
  const run = await guarded(
    "asking for approval",
    () => wait.waitMs > 0 ? waitForRequestDecision(env, target, request, {
      ...options,
      timeoutMs: wait.waitMs,
      pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
      ...context.sleep === void 0 ? {} : { sleep: context.sleep },
      isSettled: isSettled2
    }) : runRequestGate(env, target, request, options)
  );
  return spend(context, env, run, wait);
}
async function readApproval(context, issueNumber, wait) {
  const env = await createGateEnvironment(context);
  const target = { owner: context.owner, repo: context.repo, issueNumber };
  const known = {
    requester: { id: env.self.botId, login: env.self.botLogin, type: "User" },
    ...context.onBehalfOf === void 0 ? {} : { onBehalfOf: context.onBehalfOf }
  };
  const read = () => runApprovalIssueGate(env, target, { ...GATE_OPTIONS, known });
  const run = await guarded(`reading #${issueNumber}`, async () => {
    if (wait.waitMs <= 0) return read();
    const waited = await waitForDecision(env.github, env.now, {
      timeoutMs: wait.waitMs,
      pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
      ...context.sleep === void 0 ? {} : { sleep: context.sleep },
      first: async () => await read() ?? { requests: 0, missing: true },
      recompute: async () => await read() ?? void 0,
      watch: () => [
        {
          route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
          parameters: { owner: context.owner, repo: context.repo, issue_number: issueNumber, per_page: 100 }
        }
      ],
      isSettled: (run2, now) => "missing" in run2 || run2.tampered !== void 0 || isSettled2(run2, now),
      wakeOf: (run2) => "missing" in run2 ? void 0 : run2.deadline
    });
    return "missing" in waited.run ? void 0 : waited.run;
  });
  if (run === void 0)
    throw new AgentSetupError(
      `#${issueNumber} in ${context.owner}/${context.repo} is not an approval issue of this account's requests`
    );
  if (run.issueNumber === void 0) {
    run.issueNumber = issueNumber;
  }
  if (wait.singleUse === true && await isSpent2(context, env, run))
    return {
      ...answerOf(context, run),
      decision: "expired",
      reason: "this approval was used already: ask again for a new one",
      exitCode: 1
    };
  return spend(context, env, run, wait);
}
async function recordExecution(context, issueNumber, report) {
  const env = await createGateEnvironment(context);
  const body = renderExecution(report);
  await guarded(
    `recording the execution on #${issueNumber}`,
    () => publishIssueComment(
      env.github,
      { owner: context.owner, repo: context.repo, issueNumber },
      body,
      env.self.botId
    )
  );
}
function renderExecution(report) {
  const detail = report.detail?.replace(/[\r\n\u2028\u2029]+/g, " ").slice(0, 300);
  const lines = [
    `**Execution:** ${report.status}${detail === void 0 || detail === "" ? "" : ` (${escapeInline(detail)})`}`,
    "",
    ...report.startedAt === void 0 ? [] : [`- Started: ${escapeInline(report.startedAt)}`],
    `- Completed: ${escapeInline(report.completedAt)}`
  ];
  const mark = renderExecutionMark({
    status: report.status,
    ...report.startedAt === void 0 ? {} : { startedAt: report.startedAt },
    completedAt: report.completedAt
  });
  return `${lines.join("\n")}

${mark}`;
}
function escapeInline(text) {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~@&]/g, (character) => `\\${character}`);
}
async function createGateEnvironment(context) {
  const requester = context.requester ?? await guarded("reading the token's account (GET /user)", async () => {
    const { data } = await context.github.request("GET /user");
    return { id: Number(data.id), login: data.login, type: data.type ?? "User" };
  });
  context.requester = requester;
  return {
    github: context.github,
    now: context.now,
    // The token's account writes Gatehouse's issues, comments and records, and the agent holds
    // that token: nothing is trusted because this account wrote it (DESIGN §11).
    self: { appId: 0, botId: requester.id, botLogin: requester.login, sharedIdentity: true },
    log: context.log ?? SILENT,
    untrustedLog: { reason: "the decision log is written with the agent's own token" }
  };
}
async function createAgentRequest(context, env, input) {
  const repository = `${context.owner}/${context.repo}`;
  const sha3 = context.sha ?? await loadDefaultHead(context);
  const spec = input.spec === void 0 ? void 0 : await loadSpec(input.spec, context.cwd);
  const requester = context.requester ?? { id: env.self.botId, login: env.self.botLogin, type: "User" };
  const onBehalfOf = context.onBehalfOf ?? (input.onBehalfOf === void 0 ? void 0 : await loadPerson(context.github, input.onBehalfOf));
  const request = createExplicitRequest({
    repository,
    sha: sha3,
    ...definedText({
      environment: input.environment,
      kind: input.kind,
      title: input.title,
      details: input.details,
      rollback: input.rollback,
      recommendation: input.recommendation
    }),
    ...input.options === void 0 ? {} : { options: input.options },
    ...input.cost === void 0 ? {} : { cost: input.cost },
    requester,
    ...onBehalfOf === void 0 ? {} : { onBehalfOf },
    ...spec === void 0 ? {} : { spec }
  });
  if (input.declaredRisk !== void 0)
    request.declaredRisk = mergeRisk([request.declaredRisk, input.declaredRisk]);
  const agent = input.agent ?? context.agent;
  if (agent !== void 0 && agent.trim() !== "") request.agent = agent.trim().slice(0, 100);
  return request;
}
function definedText(fields2) {
  return Object.fromEntries(
    Object.entries(fields2).filter((entry) => entry[1] !== void 0)
  );
}
async function loadSpec(path, cwd) {
  let text;
  try {
    text = await readFile(resolve(cwd ?? ".", path), "utf8");
  } catch {
    throw new AgentSetupError(`--spec ${path}: no such file, or it cannot be read`);
  }
  return parseSpec(text, path).spec;
}
async function loadDefaultHead(context) {
  return guarded(`reading ${context.owner}/${context.repo}`, async () => {
    const { data: repository } = await context.github.request("GET /repos/{owner}/{repo}", {
      owner: context.owner,
      repo: context.repo
    });
    const { data: commit } = await context.github.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner: context.owner,
      repo: context.repo,
      ref: repository.default_branch
    });
    return commit.sha;
  });
}
async function guarded(what, work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw error;
    if (readStatus(error) === 404)
      throw new AgentSetupError(
        `${what}: not found, or the token cannot read it (GitHub answers 404 for both)`
      );
    if (typeof error === "object" && error !== null && ("status" in error || isNetworkError(error)))
      throw setupError(what, error);
    throw error;
  }
}
function isNetworkError(error) {
  return error instanceof TypeError || error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message);
}
function isSettled2(run, now) {
  if (run.policy !== "valid" || run.state === void 0) return true;
  if (run.state === "pending" || run.state === "escalated") return false;
  if (run.state === "delayed") return run.deadline === void 0 || Date.parse(run.deadline) <= now;
  return true;
}
async function isSpent2(context, env, run) {
  if (run.state !== "approved" && run.state !== "delayed") return false;
  const issue = { number: run.issueNumber ?? 0, url: "", open: false, title: "", body: "", createdAt: "" };
  return loadSpentApproval(
    env.github,
    { owner: context.owner, repo: context.repo },
    { ...issue, bodyHashes: [] },
    []
  );
}
async function spend(context, env, run, wait) {
  const answer = answerOf(context, run);
  if (wait.singleUse !== true || answer.decision !== "approved" || run.issueNumber === void 0)
    return answer;
  const target = { owner: context.owner, repo: context.repo, issueNumber: run.issueNumber };
  const mark = renderIssueMark({ type: "used", id: run.decisionId ?? "", at: context.now().toISOString() });
  await guarded(`marking #${run.issueNumber} used`, async () => {
    await publishIssueLabels(env.github, target, [USED_LABEL]);
    await publishIssueComment(
      env.github,
      target,
      `**Used:** the approved call was answered once; the same call again asks for a new approval.

${mark}`,
      env.self.botId
    );
    await closeApprovalIssue(env.github, target, "completed");
  });
  return answer;
}
function answerOf(context, run) {
  if (run.tampered !== void 0)
    throw new AgentSetupError(
      `#${run.issueNumber ?? "?"} in ${context.owner}/${context.repo} answers nothing: ${run.tampered}. Ask again for a new approval`
    );
  if (run.policy === "absent")
    return {
      decision: "auto_approved",
      reason: "no .github/gatehouse.yml on the default branch: Gatehouse gates nothing here",
      exitCode: 0
    };
  if (run.policy !== "valid")
    throw new AgentSetupError(
      `the policy of ${context.owner}/${context.repo} is ${run.policy}: ${(run.error ?? "").split("\n").join("; ")}`
    );
  const answer = { decision: "pending", exitCode: 3 };
  if (run.tier !== void 0) answer.tier = run.tier;
  if (run.option !== void 0) answer.option = run.option.name;
  if (run.modifications !== void 0) answer.modifications = run.modifications;
  if (run.reason !== void 0) answer.reason = run.reason;
  if (run.issueUrl !== void 0) answer.requestUrl = run.issueUrl;
  if (run.issueNumber !== void 0) answer.issueNumber = run.issueNumber;
  if (run.decisionId !== void 0) answer.decisionId = run.decisionId;
  if (run.ready === false) return { ...answer, decision: "not_ready", exitCode: 1 };
  switch (run.state) {
    case "approved":
      return { ...answer, decision: "approved", exitCode: 0 };
    case "auto_approved":
    case "notified":
      return { ...answer, decision: "auto_approved", exitCode: 0 };
    case "delayed":
      if (run.deadline === void 0 || Date.parse(run.deadline) <= context.now().getTime())
        return { ...answer, decision: "approved", exitCode: 0 };
      return withResume(context, { ...answer, decision: "delayed", exitCode: 3 });
    case "rejected":
      return { ...answer, decision: "rejected", exitCode: 1 };
    case "expired":
      return { ...answer, decision: "expired", exitCode: 1 };
    case "changes_requested":
      return { ...answer, decision: "changes_requested", exitCode: 1 };
    default:
      if (run.waitingFor !== void 0 && answer.reason === void 0)
        answer.reason = `waiting for ${run.waitingFor}`;
      return withResume(context, answer);
  }
}
function withResume(context, answer) {
  if (answer.issueNumber === void 0) return answer;
  return {
    ...answer,
    // Whom the agent acts for goes with it: the issue's record, which the token wrote, cannot drop it.
    resume: `gatehouse status ${answer.issueNumber} --repo ${context.owner}/${context.repo}${context.onBehalfOf === void 0 ? "" : ` --on-behalf-of ${context.onBehalfOf.login}`} --wait`
  };
}

export {
  createExecutionKey,
  createExecutionId,
  createExecutionRecordPath,
  isExecutionRecordPath,
  isApprovedMerge,
  readExecutionStart,
  parseExecutionRecord,
  parseSpec,
  createPullRequestRequest,
  describeNeed,
  renderApprovalRequest,
  renderCheckRun,
  evaluateGate,
  checkLogCommit,
  createRecordDigest,
  parseRecordAnchor,
  AgentSetupError,
  loadAgentContext,
  requestApproval,
  readApproval,
  recordExecution,
  renderExecution
};
