#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  BIDI_CONTROLS,
  createDecisionId,
  escapeMarkdownInline,
  evaluateReadiness,
  hashRequest,
  renderCode,
  renderPlainText,
  renderUntrustedBlock
} from "./chunk-DQSC6Z5E.mjs";
import {
  require_dist
} from "./chunk-QZTRVKXB.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  DECISIONS,
  GATE_KINDS,
  LEVELS,
  REQUIREMENTS,
  STATEMENT_SOURCES,
  TIERS,
  createCheckName
} from "./chunk-5Q7N6AK2.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/core/decision-record.ts
var import_yaml = __toESM(require_dist(), 1);

// src/core/yaml-subset.ts
var GIVE_UP = /* @__PURE__ */ Symbol("give up");
var UNUSUAL = new RegExp("(?!\\n)\\p{Cc}|[\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF\\uD800-\\uDFFF]", "u");
var MAYBE_UNUSUAL = /[\0-\t\v-\x1f\x7f-\x9f\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;
var ENTRY = /^([a-z][a-z_]*):(?: (.*))?$/;
var CORE_SPECIAL = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)?$/;
var SIMPLE_INT = /^(?:0|[1-9][0-9]{0,14})$/;
var INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@` ]/;
var DOUBLE_QUOTE_ESCAPES = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1B",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v",
  N: "\x85",
  _: "\xA0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\"
};
var HEX_DIGITS = /^[0-9a-fA-F]+$/;
function giveUp() {
  throw GIVE_UP;
}
function indentOf(line) {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}
function mayBeSpecial(text2) {
  const lower = text2.charCodeAt(0) | 32;
  return lower < 97 || lower > 122 || lower === 110 || lower === 116 || lower === 102;
}
function readPlain(text2) {
  if (text2 === "" || INDICATOR_START.test(text2) || text2.endsWith(" ") || text2.endsWith(":") || text2.includes(": ") || text2.includes(" #"))
    giveUp();
  if (mayBeSpecial(text2) && CORE_SPECIAL.test(text2)) return SIMPLE_INT.test(text2) ? Number(text2) : giveUp();
  return text2;
}
function readDoubleQuoted(text2) {
  let out = "";
  for (let i = 1; i < text2.length; i++) {
    const char = text2[i];
    if (char === '"') return i === text2.length - 1 ? out : giveUp();
    if (char !== "\\") {
      out += char;
      continue;
    }
    const next = text2[++i] ?? giveUp();
    const simple = DOUBLE_QUOTE_ESCAPES[next];
    if (simple !== void 0) {
      out += simple;
      continue;
    }
    const length = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : giveUp();
    const digits = text2.slice(i + 1, i + 1 + length);
    const code = digits.length === length && HEX_DIGITS.test(digits) ? Number.parseInt(digits, 16) : giveUp();
    out += code <= 1114111 ? String.fromCodePoint(code) : giveUp();
    i += length;
  }
  return giveUp();
}
function readSingleQuoted(text2) {
  let out = "";
  for (let i = 1; i < text2.length; i++) {
    const char = text2[i];
    if (char !== "'") out += char;
    else if (text2[i + 1] === "'") {
      out += "'";
      i++;
    } else return i === text2.length - 1 ? out : giveUp();
  }
  return giveUp();
}
function readScalar(text2) {
  if (text2.startsWith('"')) return readDoubleQuoted(text2);
  if (text2.startsWith("'")) return readSingleQuoted(text2);
  return readPlain(text2);
}
function endOfKey(line, from) {
  let at = from;
  let code = line.charCodeAt(at);
  if (!(code >= 97 && code <= 122)) giveUp();
  do
    code = line.charCodeAt(++at);
  while (code >= 97 && code <= 122 || code === 95);
  if (code !== 58) giveUp();
  return at + 1 === line.length || line.charCodeAt(at + 1) === 32 ? at : giveUp();
}
var Reader = class {
  index = 0;
  lines;
  constructor(lines) {
    this.lines = lines;
  }
  /** The whole text as one block map at column 0. */
  read() {
    const map = this.readMap(0);
    return this.index === this.lines.length ? map : giveUp();
  }
  readMap(indent) {
    const map = {};
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      const colon = endOfKey(line, indent);
      const key = line.slice(indent, colon);
      if (Object.hasOwn(map, key)) giveUp();
      this.index++;
      map[key] = this.readValue(colon + 1 === line.length ? void 0 : line.slice(colon + 2), indent);
    }
    return map;
  }
  /** What follows `key:` on its line (`rest`), and the lines below it when that is nothing. */
  readValue(rest, indent) {
    if (rest === void 0) return this.readNested(indent);
    if (rest === "[]") return [];
    if (rest === "{}") return {};
    if (rest === "|" || rest === "|-" || rest === "|+") return this.readLiteral(rest, indent);
    return readScalar(rest);
  }
  /** A block map or list indented under a key at `indent`. */
  readNested(indent) {
    const line = this.lines[this.index] ?? giveUp();
    const inner = indentOf(line);
    if (inner <= indent) giveUp();
    return line.startsWith("- ", inner) ? this.readList(inner) : this.readMap(inner);
  }
  readList(indent) {
    const list = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent || !line.startsWith("- ", indent)) giveUp();
      const item = line.slice(indent + 2);
      if (ENTRY.test(item)) {
        this.lines[this.index] = `${" ".repeat(indent + 2)}${item}`;
        list.push(this.readMap(indent + 2));
      } else {
        list.push(readScalar(item));
        this.index++;
      }
    }
    return list;
  }
  /** A literal block scalar under a key at `indent`, without an indentation indicator. */
  readLiteral(header, indent) {
    const content = [];
    let contentIndent = 0;
    let leadingBlank = 0;
    let trailing = 0;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      const lineIndent = indentOf(line);
      if (lineIndent === line.length) {
        if (contentIndent === 0) leadingBlank = Math.max(leadingBlank, lineIndent);
        else if (lineIndent > contentIndent) giveUp();
        content.push("");
        trailing++;
      } else {
        if (lineIndent <= indent) break;
        if (contentIndent === 0) {
          if (leadingBlank > lineIndent) giveUp();
          contentIndent = lineIndent;
        } else if (lineIndent < contentIndent) giveUp();
        content.push(line.slice(contentIndent));
        trailing = 0;
      }
      this.index++;
    }
    if (contentIndent === 0 || this.index === this.lines.length) giveUp();
    const body = content.slice(0, content.length - trailing).join("\n");
    if (header === "|-") return body;
    if (header === "|") return `${body}
`;
    return `${body}
${"\n".repeat(trailing)}`;
  }
};
function parseYamlSubset(text2) {
  if (MAYBE_UNUSUAL.test(text2) && UNUSUAL.test(text2)) return void 0;
  try {
    return new Reader(text2.split("\n")).read();
  } catch (error) {
    if (error === GIVE_UP) return void 0;
    throw error;
  }
}

// src/core/decision-record.ts
var RECORD_SCHEMA = 2;
var NOTE_MAX_CHARS = 2e3;
var ID = /^[0-9a-f]{24}$/;
var HASH = /^[0-9a-f]{64}$/;
var REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
var COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
var hex = (pattern, length) => external_exports.string().regex(pattern, `expected ${length} hex digits`);
var text = external_exports.string().min(1, "expected a non-empty string");
var time = external_exports.iso.datetime({
  offset: true,
  message: "expected an ISO-8601 time such as 2026-03-02T10:00:00Z"
});
function isHttpUrl(value) {
  if (!/^https?:\/\/[^\s\\\p{Cc}]+$/iu.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}
var link = external_exports.string().refine(isHttpUrl, "expected an http(s) URL");
var person = external_exports.strictObject({ id: external_exports.int().positive(), login: text });
var decisionRecordSchema = external_exports.strictObject({
  schema: external_exports.union([external_exports.literal(1), external_exports.literal(2)]),
  id: hex(ID, 24),
  repository: external_exports.string().regex(REPOSITORY, "expected owner/name"),
  gate: external_exports.strictObject({
    kind: external_exports.enum(GATE_KINDS),
    check: text,
    environment: text.exactOptional(),
    into: text.exactOptional()
  }),
  subject: external_exports.strictObject({
    sha: external_exports.string().regex(COMMIT_SHA, "expected a commit SHA"),
    pull_request: external_exports.int().positive().exactOptional(),
    target_branch: text.exactOptional(),
    changed_files: external_exports.int().nonnegative().exactOptional(),
    url: link.exactOptional()
  }),
  request: external_exports.strictObject({
    hash: hex(HASH, 64),
    action: external_exports.string(),
    kind: text.exactOptional(),
    spec: text.exactOptional(),
    missing: external_exports.array(external_exports.enum(REQUIREMENTS)).exactOptional()
  }),
  tier: external_exports.enum(TIERS),
  level: external_exports.enum(LEVELS),
  rules: external_exports.array(text),
  decision: external_exports.enum(DECISIONS),
  approvers: external_exports.array(
    external_exports.strictObject({
      id: external_exports.int().positive(),
      login: text,
      at: time,
      via: external_exports.enum(STATEMENT_SOURCES),
      option: text.exactOptional(),
      note: text.exactOptional()
    })
  ),
  rejected_by: person.exactOptional(),
  modified_by: person.exactOptional(),
  times: external_exports.strictObject({
    requested_at: time,
    decided_at: time,
    effective_at: time.exactOptional(),
    deadline: time.exactOptional()
  }),
  links: external_exports.strictObject({
    check_run: link.exactOptional(),
    comment: link.exactOptional(),
    pull_request: link.exactOptional(),
    workflow_run: link.exactOptional()
  }),
  reason: external_exports.string().exactOptional(),
  option: text.exactOptional(),
  modifications: external_exports.string().exactOptional(),
  requester: external_exports.strictObject({ id: external_exports.int().positive(), login: text, type: text }),
  on_behalf_of: person.exactOptional(),
  agent: text.exactOptional()
}).superRefine((record, context) => {
  if (record.schema !== 1) return;
  record.approvers.forEach((approver, index) => {
    if (approver.note !== void 0)
      context.addIssue({
        code: "custom",
        path: ["approvers", index, "note"],
        message: "not a field of schema 1 (notes came with schema 2)"
      });
  });
});
var TIME = time._zod?.def?.pattern;
var isPlain = (value) => typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
var isText = (value) => typeof value === "string" && value.length > 0;
var isPositiveInt = (value) => typeof value === "number" && Number.isSafeInteger(value) && value > 0;
var isCount = (value) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
var isTime = (value) => typeof value === "string" && TIME instanceof RegExp && TIME.test(value);
var isLink = (value) => typeof value === "string" && isHttpUrl(value);
var matches = (pattern) => (value) => typeof value === "string" && pattern.test(value);
var isOneOf = (list) => (value) => typeof value === "string" && list.includes(value);
function isListOf(value, valid) {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!valid(value[index])) return false;
  return true;
}
function hasOnly(value, keys) {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}
function copyOptional(from, to, key, valid) {
  if (!Object.hasOwn(from, key)) return true;
  if (!valid(from[key])) return false;
  to[key] = from[key];
  return true;
}
function readFields(value, fields) {
  if (!isPlain(value) || !hasOnly(value, Object.keys(fields))) return void 0;
  const out = {};
  for (const [key, valid] of Object.entries(fields))
    if (!copyOptional(value, out, key, valid)) return void 0;
  return out;
}
function readPerson(value) {
  if (!isPlain(value) || !hasOnly(value, ["id", "login"])) return void 0;
  return isPositiveInt(value.id) && isText(value.login) ? { id: value.id, login: value.login } : void 0;
}
var RECORD_KEYS = Object.keys(decisionRecordSchema.shape);
var isGateKind = isOneOf(GATE_KINDS);
var isVia = isOneOf(STATEMENT_SOURCES);
var isRequirement = isOneOf(REQUIREMENTS);
var TIMES = { requested_at: isTime, decided_at: isTime, effective_at: isTime, deadline: isTime };
var LINKS = { check_run: isLink, comment: isLink, pull_request: isLink, workflow_run: isLink };
function readApprover(value, schema) {
  if (!isPlain(value) || !hasOnly(value, ["id", "login", "at", "via", "option", "note"])) return void 0;
  if (!isPositiveInt(value.id) || !isText(value.login) || !isTime(value.at) || !isVia(value.via))
    return void 0;
  const out = { id: value.id, login: value.login, at: value.at, via: value.via };
  if (!copyOptional(value, out, "option", isText)) return void 0;
  if (schema === 1 && Object.hasOwn(value, "note")) return void 0;
  return copyOptional(value, out, "note", isText) ? out : void 0;
}
function readValidRecord(data) {
  if (!isPlain(data) || !hasOnly(data, RECORD_KEYS)) return void 0;
  const { schema, gate, subject, request, rules, approvers } = data;
  if (schema !== 1 && schema !== 2) return void 0;
  if (!matches(ID)(data.id) || !matches(REPOSITORY)(data.repository)) return void 0;
  if (!isPlain(gate) || !hasOnly(gate, ["kind", "check", "environment", "into"])) return void 0;
  if (!isGateKind(gate.kind) || !isText(gate.check)) return void 0;
  const outGate = { kind: gate.kind, check: gate.check };
  if (!copyOptional(gate, outGate, "environment", isText) || !copyOptional(gate, outGate, "into", isText))
    return void 0;
  if (!isPlain(subject) || !hasOnly(subject, ["sha", "pull_request", "target_branch", "changed_files", "url"]))
    return void 0;
  if (!matches(COMMIT_SHA)(subject.sha)) return void 0;
  const outSubject = { sha: subject.sha };
  if (!copyOptional(subject, outSubject, "pull_request", isPositiveInt) || !copyOptional(subject, outSubject, "target_branch", isText) || !copyOptional(subject, outSubject, "changed_files", isCount) || !copyOptional(subject, outSubject, "url", isLink))
    return void 0;
  if (!isPlain(request) || !hasOnly(request, ["hash", "action", "kind", "spec", "missing"])) return void 0;
  if (!matches(HASH)(request.hash) || typeof request.action !== "string") return void 0;
  const outRequest = { hash: request.hash, action: request.action };
  if (!copyOptional(request, outRequest, "kind", isText) || !copyOptional(request, outRequest, "spec", isText))
    return void 0;
  if (Object.hasOwn(request, "missing")) {
    const { missing } = request;
    if (!isListOf(missing, isRequirement)) return void 0;
    outRequest.missing = [...missing];
  }
  if (!isOneOf(TIERS)(data.tier) || !isOneOf(LEVELS)(data.level) || !isOneOf(DECISIONS)(data.decision))
    return void 0;
  if (!isListOf(rules, isText) || !Array.isArray(approvers)) return void 0;
  const outApprovers = [];
  for (let index = 0; index < approvers.length; index++) {
    const read = readApprover(approvers[index], schema);
    if (read === void 0) return void 0;
    outApprovers.push(read);
  }
  const out = {
    schema,
    id: data.id,
    repository: data.repository,
    gate: outGate,
    subject: outSubject,
    request: outRequest,
    tier: data.tier,
    level: data.level,
    rules: [...rules],
    decision: data.decision,
    approvers: outApprovers
  };
  for (const key of ["rejected_by", "modified_by"]) {
    if (!Object.hasOwn(data, key)) continue;
    const person2 = readPerson(data[key]);
    if (person2 === void 0) return void 0;
    out[key] = person2;
  }
  const times = readFields(data.times, TIMES);
  if (times === void 0 || !Object.hasOwn(times, "requested_at") || !Object.hasOwn(times, "decided_at"))
    return void 0;
  const links = readFields(data.links, LINKS);
  if (links === void 0) return void 0;
  out.times = times;
  out.links = links;
  if (!copyOptional(data, out, "reason", (value) => typeof value === "string") || !copyOptional(data, out, "option", isText) || !copyOptional(data, out, "modifications", (value) => typeof value === "string"))
    return void 0;
  const { requester } = data;
  if (!isPlain(requester) || !hasOnly(requester, ["id", "login", "type"])) return void 0;
  if (!isPositiveInt(requester.id) || !isText(requester.login) || !isText(requester.type)) return void 0;
  out.requester = { id: requester.id, login: requester.login, type: requester.type };
  if (Object.hasOwn(data, "on_behalf_of")) {
    const person2 = readPerson(data.on_behalf_of);
    if (person2 === void 0) return void 0;
    out.on_behalf_of = person2;
  }
  if (!copyOptional(data, out, "agent", isText)) return void 0;
  return out;
}
function describeReason(result) {
  if (result.rejection) return result.rejection.reason;
  if (result.reason !== void 0) return result.reason;
  const [tampered] = result.tampering;
  if (tampered) {
    return `edited approval comment: comment ${tampered.statementId} by ${tampered.author.login} was edited by ${tampered.editor.login}`;
  }
  if (result.problems.length > 0) return result.problems.join("; ");
  switch (result.state) {
    case "expired":
      return result.deadline === void 0 ? "no decision before the deadline" : `no decision before ${result.deadline}`;
    case "escalated":
      return `no decision before the deadline: escalated to ${result.escalation?.to.join(", ") ?? "the backup approvers"}`;
    case "auto_approved":
      return result.risk.waived ?? `${result.risk.tier} tier: low risk`;
    case "notified":
      return result.risk.waived ?? `${result.risk.tier} tier: proceeds and is recorded`;
    case "pending":
      return result.readiness.ready ? void 0 : `not ready for approval: ${result.readiness.missing.map((gap) => gap.problem).join(", ")}`;
    default:
      return void 0;
  }
}
var EVERY_REQUIREMENT = REQUIREMENTS.map((requirement) => ({ requirement, rule: "" }));
function defined(values) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== void 0));
}
function boundNote(note) {
  const trimmed = note?.trim() ?? "";
  if (trimmed === "") return void 0;
  const chars = Array.from(trimmed);
  if (chars.length <= NOTE_MAX_CHARS) return trimmed;
  return `${chars.slice(0, NOTE_MAX_CHARS).join("").trimEnd()} \u2026 (cut: ${chars.length - NOTE_MAX_CHARS} more characters)`;
}
function createDecisionRecord(request, result, context) {
  const check = createCheckName(request.gate.environment, request.gate.into);
  const requestHash = hashRequest(request);
  const id = createDecisionId({
    repository: request.repository,
    gate: check,
    sha: request.subject.sha,
    requestHash,
    decision: result.state
  });
  const modifier = result.state === "changes_requested" ? result.modification?.by : void 0;
  return defined({
    schema: RECORD_SCHEMA,
    id,
    repository: request.repository,
    gate: defined({
      kind: request.gate.kind,
      check,
      environment: request.gate.environment,
      into: request.gate.into
    }),
    subject: defined({
      sha: request.subject.sha,
      pull_request: request.subject.pullRequest,
      target_branch: request.subject.targetBranch,
      changed_files: request.files.complete ? request.files.paths.length : void 0,
      url: request.subject.url
    }),
    request: defined({
      hash: requestHash,
      action: request.action?.text ?? "",
      kind: request.kind,
      spec: request.spec?.path,
      missing: evaluateReadiness(request, EVERY_REQUIREMENT).missing.map((gap) => gap.requirement)
    }),
    tier: result.risk.tier,
    level: result.risk.level,
    rules: result.risk.rules.map((rule) => rule.name),
    decision: result.state,
    approvers: result.approvers.map(
      (approval) => defined({
        id: approval.approver.id,
        login: approval.approver.login,
        at: approval.at,
        via: approval.source,
        option: approval.option,
        note: boundNote(approval.note)
      })
    ),
    rejected_by: result.rejection ? { id: result.rejection.by.id, login: result.rejection.by.login } : void 0,
    modified_by: modifier ? { id: modifier.id, login: modifier.login } : void 0,
    times: defined({
      requested_at: context.requestedAt,
      decided_at: context.decidedAt,
      effective_at: result.effectiveAt,
      deadline: result.deadline
    }),
    links: defined({ ...context.links }),
    reason: describeReason(result),
    option: result.option?.key,
    modifications: result.modification?.instructions,
    requester: { id: request.requester.id, login: request.requester.login, type: request.requester.type },
    on_behalf_of: request.onBehalfOf ? { id: request.onBehalfOf.id, login: request.onBehalfOf.login } : void 0,
    agent: request.agent
  });
}
var KEY_ORDER = [
  "schema",
  "id",
  "repository",
  "gate",
  "subject",
  "request",
  "tier",
  "level",
  "rules",
  "decision",
  "option",
  "approvers",
  "rejected_by",
  "modified_by",
  "reason",
  "modifications",
  "times",
  "links",
  "requester",
  "on_behalf_of",
  "agent"
];
var UNSAFE_IN_YAML = new RegExp(BIDI_CONTROLS.source);
function renderFrontMatter(record) {
  const ordered = Object.fromEntries(
    KEY_ORDER.filter((key) => record[key] !== void 0).map((key) => [key, record[key]])
  );
  const document = new import_yaml.Document(ordered, { aliasDuplicateObjects: false });
  (0, import_yaml.visit)(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && UNSAFE_IN_YAML.test(node.value)) node.type = import_yaml.Scalar.QUOTE_DOUBLE;
    }
  });
  return document.toString({ lineWidth: 0 }).replace(BIDI_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
var DECISION_HEADINGS = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
  auto_approved: "Auto-approved",
  notified: "Proceeded (notify tier)",
  delayed: "Approved with a delay",
  changes_requested: "Changes requested",
  escalated: "Escalated"
};
function renderLink(label, url) {
  if (url === void 0) return void 0;
  if (!/^https?:\/\//.test(url)) return `${label}: ${renderCode(url)}`;
  return `[${label}](${url.replace(/[\s<>()\\[\]`]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`)})`;
}
function renderTime(time2) {
  return /^[\dT:.+Z-]+$/.test(time2) ? time2 : escapeMarkdownInline(time2);
}
function renderPerson(person2) {
  return `${escapeMarkdownInline(person2.login)} (id ${person2.id})`;
}
function renderBody(record) {
  const lines = [];
  const item = (label, value) => {
    if (value !== void 0 && value !== "") lines.push(`- **${label}:** ${value}`);
  };
  const action = escapeMarkdownInline(record.request.action);
  lines.push(`# ${DECISION_HEADINGS[record.decision]}: ${action === "" ? "no action stated" : action}`, "");
  lines.push("## Request", "");
  item("Action", action || "_not stated_");
  item("Kind", record.request.kind === void 0 ? void 0 : escapeMarkdownInline(record.request.kind));
  item(
    "Gate",
    `${renderCode(record.gate.check)} (${record.gate.kind.replace("_", " ")}) in ${renderCode(record.repository)}`
  );
  const subject = [`commit ${renderCode(record.subject.sha)}`];
  if (record.subject.pull_request !== void 0) subject.push(`pull request #${record.subject.pull_request}`);
  if (record.subject.target_branch !== void 0)
    subject.push(`into ${renderCode(record.subject.target_branch)}`);
  const files = record.subject.changed_files;
  if (files !== void 0) subject.push(`${files} changed ${files === 1 ? "file" : "files"}`);
  item("Subject", subject.join(", "));
  item("Spec", record.request.spec === void 0 ? void 0 : renderCode(record.request.spec));
  const missing = record.request.missing ?? [];
  item(
    "Missing",
    missing.length === 0 ? void 0 : missing.map((name) => name.replace("_", " ")).join(", ")
  );
  item(
    "Requested by",
    `${renderPerson(record.requester)}, ${escapeMarkdownInline(record.requester.type)}` + (record.on_behalf_of ? `, on behalf of ${renderPerson(record.on_behalf_of)}` : "") + (record.agent ? `, agent ${escapeMarkdownInline(record.agent)}` : "")
  );
  item("Request hash", renderCode(record.request.hash));
  item(
    "Risk",
    `tier ${record.tier}, level ${record.level}; rules: ${record.rules.length === 0 ? "none matched" : record.rules.map((rule) => escapeMarkdownInline(rule)).join(", ")}`
  );
  lines.push("");
  lines.push("## Approval", "");
  item(
    "Decision",
    `${record.decision}${record.option === void 0 ? "" : `, option ${escapeMarkdownInline(record.option)}`}`
  );
  if (record.approvers.length > 0) {
    lines.push("- **Approved by:**");
    for (const approver of record.approvers) {
      lines.push(
        `  - ${renderPerson(approver)} at ${renderTime(approver.at)} via ${approver.via.replace("_", " ")}` + (approver.option === void 0 ? "" : `, option ${escapeMarkdownInline(approver.option)}`)
      );
    }
  }
  for (const approver of record.approvers) {
    if (approver.note === void 0) continue;
    const quoted = renderUntrustedBlock(approver.note, NOTE_MAX_CHARS * 5).split("\n").map((line) => line === "" ? ">" : `> ${line}`).join("\n");
    lines.push("", `**Note from ${renderPerson(approver)}**`, "", quoted);
  }
  if (record.approvers.some((approver) => approver.note !== void 0)) lines.push("");
  item("Rejected by", record.rejected_by && renderPerson(record.rejected_by));
  item("Changes requested by", record.modified_by && renderPerson(record.modified_by));
  if (record.reason !== void 0)
    lines.push("", "**Reason**", "", renderUntrustedBlock(record.reason, 2e4) || "_none given_");
  if (record.modifications !== void 0) {
    lines.push(
      "",
      "**Requested changes**",
      "",
      renderUntrustedBlock(record.modifications, 2e4) || "_none given_"
    );
  }
  lines.push("");
  lines.push("## Execution", "");
  item("Requested at", renderTime(record.times.requested_at));
  item("Decided at", renderTime(record.times.decided_at));
  item("Effective at", record.times.effective_at && renderTime(record.times.effective_at));
  item("Deadline", record.times.deadline && renderTime(record.times.deadline));
  const links = [
    renderLink("check run", record.links.check_run),
    renderLink("comment", record.links.comment),
    renderLink("pull request", record.links.pull_request),
    renderLink("workflow run", record.links.workflow_run)
  ].filter((entry) => entry !== void 0);
  item("Links", links.length === 0 ? void 0 : links.join(" \xB7 "));
  return `${lines.join("\n")}
`;
}
function renderDecisionRecord(record) {
  return `---
${renderFrontMatter(record)}---

${renderBody(record)}`;
}
function parseFrontMatter(text2) {
  const fast = parseYamlSubset(text2);
  if (fast !== void 0) return { data: fast };
  const document = (0, import_yaml.parseDocument)(text2, { uniqueKeys: true, prettyErrors: false });
  const [yamlError] = document.errors;
  if (yamlError) {
    const position = yamlError.linePos?.[0];
    const where = position ? ` (line ${position.line + 1}, column ${position.col})` : "";
    return { error: `front matter is not valid YAML: ${yamlError.message}${where}` };
  }
  return { data: document.toJS() };
}
function findClosingLine(text2) {
  for (let at = text2.indexOf("\n---", 3); at !== -1; at = text2.indexOf("\n---", at + 1)) {
    const after = at + 4;
    if (after === text2.length || text2.charCodeAt(after) === 10) return at;
  }
  return -1;
}
function parseRecordFile(source, schema, readValid) {
  const text2 = source.includes("\r\n") ? source.replace(/\r\n/g, "\n") : source;
  if (text2 !== "---" && !text2.startsWith("---\n"))
    return { error: "expected the file to start with a `---` line (YAML front matter)" };
  const end = findClosingLine(text2);
  if (end === -1) return { error: "expected a `---` line that closes the front matter" };
  const frontMatter = parseFrontMatter(text2.slice(4, end));
  if ("error" in frontMatter) return frontMatter;
  const valid = readValid?.(frontMatter.data);
  if (valid !== void 0) return { data: valid };
  const parsed = schema.safeParse(frontMatter.data);
  if (!parsed.success) {
    return {
      error: parsed.error.issues.map(
        (issue) => `${issue.path.length === 0 ? "(front matter)" : issue.path.join(".")}: ${issue.message}`
      ).join("; ")
    };
  }
  return { data: parsed.data };
}
function parseDecisionRecord(source) {
  const read = parseRecordFile(source, decisionRecordSchema, readValidRecord);
  return "error" in read ? read : { record: read.data };
}
function createDecisionRecordPath(record, logPath) {
  return createDecisionPath(record.id, record.times.decided_at, logPath);
}
function createDecisionPath(id, decidedAtTime, logPath) {
  const decidedAt = new Date(decidedAtTime);
  if (Number.isNaN(decidedAt.getTime())) throw new RangeError(`not a time: ${decidedAtTime}`);
  if (!/^[0-9a-f]{24}$/.test(id)) throw new RangeError(`not a decision id: ${id}`);
  const year = String(decidedAt.getUTCFullYear()).padStart(4, "0");
  const month = String(decidedAt.getUTCMonth() + 1).padStart(2, "0");
  const base = logPath.replace(/\/+$/, "");
  return `${base === "" ? "" : `${base}/`}${year}/${month}/${id}.md`;
}
var TRAILERS = {
  decision: "Gatehouse-Decision",
  rules: "Gatehouse-Rules",
  kind: "Gatehouse-Kind",
  pullRequest: "Gatehouse-Pull-Request",
  target: "Gatehouse-Target",
  decidedAt: "Gatehouse-Decided-At",
  request: "Gatehouse-Request",
  id: "Gatehouse-Decision-Id"
};
function trailerValue(text2) {
  return Array.from(
    text2.replace(/[\p{Cc}\u2028\u2029\u0085]/gu, " ").replace(BIDI_CONTROLS, "").trim()
  ).slice(0, 200).join("");
}
function renderDecisionCommitMessage(record) {
  const people = record.approvers.length > 0 ? record.approvers.map((approver) => approver.login) : record.rejected_by ? [record.rejected_by.login] : record.modified_by ? [record.modified_by.login] : [];
  const by = people.length === 0 ? "policy" : people.join(", ");
  const subject = renderPlainText(`gatehouse: ${record.decision} ${record.gate.check} by ${by}`, 200);
  const exact = (text2) => text2 !== void 0 && trailerValue(text2) === text2 ? text2 : void 0;
  const kind = exact(record.request.kind);
  const target = exact(record.subject.target_branch);
  const trailers = [
    `${TRAILERS.decision}: ${record.decision}`,
    `${TRAILERS.rules}: ${record.rules.join(", ")}`,
    ...kind === void 0 ? [] : [`${TRAILERS.kind}: ${kind}`],
    ...record.subject.pull_request === void 0 ? [] : [`${TRAILERS.pullRequest}: ${record.subject.pull_request}`],
    ...target === void 0 ? [] : [`${TRAILERS.target}: ${target}`],
    `${TRAILERS.decidedAt}: ${trailerValue(record.times.decided_at)}`,
    `${TRAILERS.request}: ${record.request.hash}`,
    `${TRAILERS.id}: ${record.id}`
  ];
  return `${subject}

${trailers.join("\n")}`;
}
function parseDecisionCommitMessage(message) {
  const paragraphs = message.replace(/\r\n/g, "\n").trimEnd().split(/\n\s*\n/);
  if (paragraphs.length < 2) return void 0;
  const values = /* @__PURE__ */ new Map();
  for (const line of (paragraphs.at(-1) ?? "").split("\n")) {
    const match = /^(Gatehouse-[A-Za-z-]+): ?(.*)$/.exec(line);
    if (match?.[1] !== void 0 && !values.has(match[1])) values.set(match[1], (match[2] ?? "").trim());
  }
  const id = values.get(TRAILERS.id) ?? "";
  const decision = values.get(TRAILERS.decision) ?? "";
  const at = values.get(TRAILERS.decidedAt) ?? "";
  if (!/^[0-9a-f]{24}$/.test(id) || !DECISIONS.includes(decision)) return void 0;
  if (Number.isNaN(Date.parse(at))) return void 0;
  const prior = {
    id,
    decision,
    rules: (values.get(TRAILERS.rules) ?? "").split(",").map((rule) => rule.trim()).filter((rule) => rule !== ""),
    at
  };
  const kind = values.get(TRAILERS.kind);
  if (kind !== void 0 && kind !== "") prior.kind = kind;
  const request = values.get(TRAILERS.request);
  if (request !== void 0 && /^[0-9a-f]{64}$/.test(request)) prior.requestHash = request;
  const pullRequest = values.get(TRAILERS.pullRequest);
  if (pullRequest !== void 0 && /^[1-9]\d{0,9}$/.test(pullRequest))
    prior.pullRequest = Number(pullRequest);
  const target = values.get(TRAILERS.target);
  if (target !== void 0 && target !== "") prior.target = target;
  return prior;
}

export {
  RECORD_SCHEMA,
  NOTE_MAX_CHARS,
  decisionRecordSchema,
  readValidRecord,
  boundNote,
  createDecisionRecord,
  renderDecisionRecord,
  parseRecordFile,
  parseDecisionRecord,
  createDecisionRecordPath,
  createDecisionPath,
  renderDecisionCommitMessage,
  parseDecisionCommitMessage
};
