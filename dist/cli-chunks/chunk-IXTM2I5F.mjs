#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  loadCachedPolicy,
  resolveCacheDir
} from "./chunk-MHDVFN3P.mjs";
import {
  CONFIG_RULE_NAME,
  compareTiers,
  evaluateRisk,
  maxTier
} from "./chunk-PRWA52GV.mjs";
import {
  createActionGlob,
  matchActionGlob
} from "./chunk-B3DK6FVU.mjs";
import {
  suggest
} from "./chunk-PIRSD7FP.mjs";
import {
  BLAST_RADIUS,
  DEFAULT_CONFIG_PATH,
  PRECEDENT,
  REVERSIBILITY,
  SENSITIVITY
} from "./chunk-5Q7N6AK2.mjs";

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
  if (typeof input.cwd === "string" && input.cwd.startsWith("/")) parsed.cwd = input.cwd;
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
  try {
    classification = deps.assess(load.policy, input.call);
  } catch (error) {
    return deny(`cannot classify the ${input.call.tool} call: ${firstLine(error)}`);
  }
  const { tier } = classification;
  if (tier === "proceed")
    return { decision: "allow", reason: `Gatehouse: proceed tier (${describeKind(classification)})` };
  if (!cached.fresh)
    return deny(`${classification.summary} needs GitHub, which cannot be reached (${cached.why})`);
  const context = await deps.connect(input.cwd);
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

// src/core/shell/parse-shell.ts
var MAX_SHELL_LINE = 64 * 1024;
var MAX_SHELL_DEPTH = 16;
var MAX_SHELL_COMMANDS = 1e3;
var Unfollowable = class extends Error {
};
var METACHARACTERS = /* @__PURE__ */ new Set([" ", "	", "\n", ";", "&", "|", "(", ")", "<", ">"]);
var CONTROL_WORDS = /* @__PURE__ */ new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "{",
  "}",
  "!"
]);
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseShell(line, depth = 0, budget = { commands: 0 }) {
  if (line.length > MAX_SHELL_LINE)
    return [unfollowable(`the command is longer than ${MAX_SHELL_LINE / 1024} KiB`, line)];
  if (depth > MAX_SHELL_DEPTH)
    return [unfollowable(`the command nests deeper than ${MAX_SHELL_DEPTH} levels`, line)];
  const parser = new Parser(line, depth, budget);
  try {
    parser.parseList(null);
    if (parser.pos < line.length) throw new Unfollowable(`unexpected "${line[parser.pos]}"`);
    if (parser.pendingHeredocs.length > 0) parser.readHeredocs();
  } catch (error) {
    if (!(error instanceof Unfollowable)) throw error;
    parser.parts.push(unfollowable(error.message, line));
  }
  return parser.parts;
}
function heredocDelimiter(raw) {
  if (raw.includes("$'") || raw.includes('$"'))
    throw new Unfollowable(`a here-document delimiter quoted with $'\u2026' or $"\u2026"`);
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? "";
    if (c === "\\") {
      out += raw[i + 1] ?? "";
      i++;
    } else if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, end === -1 ? raw.length : end);
      i = end === -1 ? raw.length : end;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === "\\" && '$`"\\'.includes(raw[i + 1] ?? "x")) i++;
        out += raw[i] ?? "";
        i++;
      }
    } else out += c;
  }
  return out;
}
function unfollowable(reason, source) {
  return { type: "unfollowable", reason, source: source.length > 200 ? `${source.slice(0, 199)}\u2026` : source };
}
var Parser = class _Parser {
  pos = 0;
  parts = [];
  pendingHeredocs = [];
  src;
  depth;
  budget;
  constructor(src, depth, budget) {
    this.src = src;
    this.depth = depth;
    this.budget = budget;
  }
  /** Reads commands until `closer` (`)`, `}` handled as words, `esac`, `;;`) or the end. */
  parseList(closer) {
    for (; ; ) {
      const token = this.peek();
      if (token.t === "end") {
        if (closer === ")") throw new Unfollowable('unbalanced parentheses: a "(" is not closed');
        return;
      }
      if (token.t === "op") {
        if (token.op === ")") {
          if (closer === ")" || closer === "case-item") return;
          throw new Unfollowable('unbalanced parentheses: a ")" closes nothing');
        }
        if (token.op === ";;" || token.op === ";&" || token.op === ";;&") {
          if (closer === "case-item") return;
          throw new Unfollowable(`"${token.op}" outside a case`);
        }
        this.next();
        if (token.op === "\n" && this.pendingHeredocs.length > 0) this.readHeredocs();
        if (token.op === "(") {
          this.enter(() => this.parseList(")"));
          this.expectOp(")");
        }
        continue;
      }
      if (closer === "case-item" && token.t === "word" && token.word.text === "esac" && !token.word.dynamic)
        return;
      this.parseCommand(closer);
    }
  }
  enter(inner) {
    if (this.depth + this.nesting >= MAX_SHELL_DEPTH)
      throw new Unfollowable(`the command nests deeper than ${MAX_SHELL_DEPTH} levels`);
    this.nesting++;
    try {
      inner();
    } finally {
      this.nesting--;
    }
  }
  nesting = 0;
  expectOp(op) {
    const token = this.next();
    if (token.t !== "op" || token.op !== op) throw new Unfollowable(`expected "${op}"`);
  }
  parseCommand(closer) {
    const start = this.pos;
    const command = { type: "command", words: [], redirects: [], input: [], source: "" };
    let atStart = true;
    for (; ; ) {
      const token = this.peek();
      if (token.t === "end" || token.t === "op") {
        if (token.t === "op" && token.op === "(" && command.words.length === 1 && this.peekFunctionParens()) {
          command.words = [];
          atStart = true;
          continue;
        }
        break;
      }
      this.next();
      if (token.t === "redirect") {
        this.readRedirect(token.op, command);
        continue;
      }
      const word = token.word;
      if (atStart && command.words.length === 0 && !word.dynamic && CONTROL_WORDS.has(word.text)) continue;
      if (atStart && command.words.length === 0 && !word.dynamic && word.text === "function") {
        const name = this.peek();
        if (name.t === "word") this.next();
        const parens = this.peek();
        if (parens.t === "op" && parens.op === "(") this.peekFunctionParens();
        continue;
      }
      if (atStart && command.words.length === 0 && !word.dynamic && (word.text === "for" || word.text === "select")) {
        this.skipForHeader();
        return;
      }
      if (atStart && command.words.length === 0 && !word.dynamic && word.text === "case") {
        this.parseCase();
        return;
      }
      if (word.text === "esac" && closer === "case-item" && command.words.length === 0) return;
      atStart = false;
      command.words.push(word);
    }
    command.source = this.src.slice(start, this.pos).trim();
    if (command.words.length === 0 && command.redirects.length === 0) return;
    this.addPart(command);
  }
  addPart(part) {
    this.budget.commands++;
    if (this.budget.commands > MAX_SHELL_COMMANDS)
      throw new Unfollowable(`the command runs more than ${MAX_SHELL_COMMANDS} commands`);
    this.parts.push(part);
  }
  /** After a function's name: `(` `)` follow. */
  peekFunctionParens() {
    const match = /^\(\s*\)/.exec(this.src.slice(this.pos, this.pos + 100));
    if (!match) return false;
    this.pos += match[0].length;
    this.lookahead = void 0;
    return true;
  }
  /** `for NAME in words; do` up to `do`: the words' substitutions are read, the rest skipped. */
  skipForHeader() {
    for (; ; ) {
      const token = this.peek();
      if (token.t === "end") return;
      if (token.t === "op" && (token.op === ";" || token.op === "\n")) return;
      if (token.t === "op" && token.op === "((") return;
      if (token.t === "word" && token.word.text === "do" && !token.word.dynamic) return;
      this.next();
    }
  }
  /** `case WORD in PATTERN) LIST ;; … esac`, best effort. */
  parseCase() {
    const subject = this.next();
    const keyword = this.next();
    if (subject.t !== "word" || keyword.t !== "word" || keyword.word.text !== "in")
      throw new Unfollowable("a case statement that cannot be read");
    for (; ; ) {
      let token = this.peek();
      while (token.t === "op" && (token.op === "\n" || token.op === ";")) {
        this.next();
        if (this.pendingHeredocs.length > 0) this.readHeredocs();
        token = this.peek();
      }
      if (token.t === "end") throw new Unfollowable("a case statement without esac");
      if (token.t === "word" && token.word.text === "esac") {
        this.next();
        return;
      }
      if (token.t === "op" && token.op === "(") this.next();
      for (; ; ) {
        const part = this.next();
        if (part.t === "op" && part.op === ")") break;
        if (part.t === "end") throw new Unfollowable('a case pattern without ")"');
        if (part.t === "word" || part.t === "op" && part.op === "|") continue;
        throw new Unfollowable("a case pattern that cannot be read");
      }
      this.enter(() => this.parseList("case-item"));
      const end = this.peek();
      if (end.t === "op" && (end.op === ";;" || end.op === ";&" || end.op === ";;&")) this.next();
    }
  }
  readRedirect(op, command) {
    const token = this.next();
    if (token.t !== "word") throw new Unfollowable(`a redirection "${op}" without a target`);
    if (op === "<<" || op === "<<-") {
      const raw = this.lastWordSource.replace(/^(?:[ \t\r]|\\\n)+/, "");
      const literal = /['"\\]/.test(raw);
      this.pendingHeredocs.push({
        delimiter: heredocDelimiter(raw),
        literal,
        stripTabs: op === "<<-",
        command
      });
      return;
    }
    if (op === "<<<") command.input.push({ text: token.word.text, literal: !token.word.dynamic });
    command.redirects.push({ operator: op, target: token.word });
  }
  /** The bodies of the here-documents opened on the line just ended. */
  readHeredocs() {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const heredoc of pending) {
      const lines = [];
      let found = false;
      while (this.pos < this.src.length) {
        const end = this.src.indexOf("\n", this.pos);
        const stop = end === -1 ? this.src.length : end;
        let text = this.src.slice(this.pos, stop);
        this.pos = end === -1 ? this.src.length : end + 1;
        if (heredoc.stripTabs) text = text.replace(/^\t+/, "");
        if (text === heredoc.delimiter) {
          found = true;
          break;
        }
        lines.push(text);
      }
      const body = lines.join("\n") + (lines.length > 0 ? "\n" : "");
      if (!heredoc.literal) this.scanExpansions(body);
      heredoc.command.input.push({
        text: body,
        literal: heredoc.literal,
        ...found ? {} : { unterminated: true }
      });
    }
  }
  /** The substitutions of an unquoted here-document's body run: read them. */
  scanExpansions(body) {
    const inner = new _Parser(body, this.depth + this.nesting, this.budget);
    inner.readDoubleQuotedBody(null);
    for (const part of inner.parts) this.parts.push(part);
  }
  // -------------------------------------------------------------------------------------------
  // Tokens.
  lookahead;
  lastWordSource = "";
  peek() {
    if (!this.lookahead) {
      const start = this.pos;
      const token = this.scan();
      this.lookahead = { token, end: this.pos, start, wordSource: this.src.slice(start, this.pos) };
      if (token.t !== "end") this.pos = start;
    }
    return this.lookahead.token;
  }
  next() {
    const token = this.peek();
    const lookahead = this.lookahead;
    if (lookahead) {
      this.pos = lookahead.end;
      this.lastWordSource = lookahead.wordSource;
    }
    this.lookahead = void 0;
    return token;
  }
  scan() {
    const src = this.src;
    for (; ; ) {
      const c2 = src[this.pos];
      if (c2 === " " || c2 === "	" || c2 === "\r") this.pos++;
      else if (c2 === "\\" && src[this.pos + 1] === "\n") this.pos += 2;
      else if (c2 === "#") {
        while (this.pos < src.length && src[this.pos] !== "\n") this.pos++;
      } else break;
    }
    if (this.pos >= src.length) return { t: "end" };
    const redirect = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:&>>|&>|<<<|<<-|<<|<>|>>|>\||>&|<&|>|<)/.exec(
      src.slice(this.pos, this.pos + 40)
    );
    if (redirect && src[this.pos + redirect[0].length] !== "(") {
      const op = redirect[0].replace(/^(?:\d+|\{[A-Za-z_]\w*\})/, "");
      this.pos += redirect[0].length;
      const fd = /^(?:\d+|-)(?=[\s;&|)<>]|$)/.exec(src.slice(this.pos, this.pos + 20));
      if ((op === ">&" || op === "<&") && fd) {
        this.pos += fd[0].length;
        return this.scan();
      }
      return { t: "redirect", op };
    }
    for (const op of [";;&", "&&", "||", ";;", ";&", "|&"]) {
      if (src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: "op", op: op === "|&" ? "|" : op };
      }
    }
    const c = src[this.pos] ?? "";
    if (c === "(" && src[this.pos + 1] === "(") {
      this.pos += 2;
      this.skipBalanced("(", ")", 2, true);
      return { t: "op", op: ";" };
    }
    if (";&|()\n".includes(c)) {
      this.pos++;
      return { t: "op", op: c };
    }
    return { t: "word", word: this.readWord() };
  }
  readWord() {
    const src = this.src;
    const word = { text: "", dynamic: false, pattern: false, assignment: false };
    const start = this.pos;
    while (this.pos < src.length) {
      const c = src[this.pos] ?? "";
      if ((c === "<" || c === ">") && src[this.pos + 1] === "(") {
        this.pos += 2;
        this.substitution(")");
        word.dynamic = true;
        word.text += "/dev/fd/63";
        continue;
      }
      if (METACHARACTERS.has(c)) break;
      if (c === "\\") {
        const n = src[this.pos + 1];
        if (n === void 0) {
          this.pos++;
          break;
        }
        this.pos += 2;
        if (n !== "\n") word.text += n;
        continue;
      }
      if (c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new Unfollowable("unbalanced quotes: a ' is not closed");
        word.text += src.slice(this.pos + 1, end);
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        const inner = this.readDoubleQuotedBody('"');
        word.text += inner.text;
        if (inner.dynamic) word.dynamic = true;
        continue;
      }
      if (c === "$") {
        const n = src[this.pos + 1];
        if (n === "'") {
          this.pos += 2;
          word.text += this.readAnsiC();
          continue;
        }
        if (n === '"') {
          this.pos++;
          continue;
        }
        if (this.readDollar(word)) continue;
        word.text += "$";
        this.pos++;
        continue;
      }
      if (c === "`") {
        this.pos++;
        this.backtick();
        word.dynamic = true;
        word.text += "`\u2026`";
        continue;
      }
      if (c === "*" || c === "?" || c === "[" && /^\[[^\s;&|()<>]*\]/.test(src.slice(this.pos, this.pos + 200)))
        word.pattern = true;
      if (c === "{" && /^\{[^\s{}]*[,.][^\s{}]*\}/.test(src.slice(this.pos, this.pos + 200)))
        word.pattern = true;
      if (c === "=" && !word.assignment && NAME.test(src.slice(start, this.pos)) && word.text === src.slice(start, this.pos))
        word.assignment = true;
      word.text += c;
      this.pos++;
    }
    if (this.pos === start) throw new Unfollowable(`unexpected "${src[this.pos] ?? ""}"`);
    return word;
  }
  /** After `$`: a variable, `${…}`, `$(…)` or `$((…))`; false when the `$` is literal. */
  readDollar(word) {
    const src = this.src;
    const n = src[this.pos + 1] ?? "";
    if (n === "(" && src[this.pos + 2] === "(") {
      this.pos += 3;
      this.skipBalanced("(", ")", 2, true);
      word.dynamic = true;
      word.text += "$((\u2026))";
      return true;
    }
    if (n === "(") {
      this.pos += 2;
      this.substitution(")");
      word.dynamic = true;
      word.text += "$(\u2026)";
      return true;
    }
    if (n === "{") {
      this.pos += 2;
      this.skipBalanced("{", "}", 1, true);
      word.dynamic = true;
      word.text += "${\u2026}";
      return true;
    }
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(src.slice(this.pos + 1, this.pos + 200));
    if (!name) return false;
    this.pos += 1 + name[0].length;
    word.dynamic = true;
    word.text += `$${name[0]}`;
    return true;
  }
  /** The inside of "…" (or a here-document's body when `closer` is null): text, and its substitutions read. */
  readDoubleQuotedBody(closer) {
    const src = this.src;
    const out = { text: "", dynamic: false };
    while (this.pos < src.length) {
      const c = src[this.pos] ?? "";
      if (closer !== null && c === closer) {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const n = src[this.pos + 1] ?? "";
        if ('$`"\\\n'.includes(n) && n !== "") {
          if (n !== "\n") out.text += n;
          this.pos += 2;
        } else {
          out.text += c;
          this.pos++;
        }
        continue;
      }
      if (c === "$") {
        if (this.readDollar(out)) continue;
      }
      if (c === "`") {
        this.pos++;
        this.backtick();
        out.dynamic = true;
        continue;
      }
      out.text += c;
      this.pos++;
    }
    if (closer !== null) throw new Unfollowable('unbalanced quotes: a " is not closed');
    return out;
  }
  /** `$(…)`, `<(…)`, `>(…)`: the commands inside are parts. */
  substitution(closer) {
    this.enter(() => {
      const saved = this.lookahead;
      this.lookahead = void 0;
      this.parseList(closer);
      this.expectOp(")");
      this.lookahead = saved;
    });
  }
  /** `` `…` ``: the text up to the closing backtick, unescaped, parsed as a line of its own. */
  backtick() {
    const src = this.src;
    let text = "";
    while (this.pos < src.length && src[this.pos] !== "`") {
      if (src[this.pos] === "\\" && "$`\\".includes(src[this.pos + 1] ?? "x")) {
        text += src[this.pos + 1];
        this.pos += 2;
      } else {
        text += src[this.pos];
        this.pos++;
      }
    }
    if (this.pos >= src.length) throw new Unfollowable("unbalanced quotes: a ` is not closed");
    this.pos++;
    for (const part of parseShell(text, this.depth + this.nesting + 1, this.budget)) this.parts.push(part);
  }
  /** Skips to the matching closer (`depth` openers already read); substitutions inside are read. */
  skipBalanced(open, close, depth, expand) {
    const src = this.src;
    let level = depth;
    while (this.pos < src.length) {
      const c = src[this.pos] ?? "";
      if (c === "\\") {
        this.pos += 2;
        continue;
      }
      if (c === "'" && open === "{") {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new Unfollowable("unbalanced quotes: a ' is not closed");
        this.pos = end + 1;
        continue;
      }
      if (expand && c === "$" && src[this.pos + 1] === "(" && src[this.pos + 2] !== "(") {
        this.pos += 2;
        this.substitution(")");
        continue;
      }
      if (expand && c === "`") {
        this.pos++;
        this.backtick();
        continue;
      }
      if (c === open) level++;
      else if (c === close) {
        level--;
        if (level === 0 || close === ")" && depth === 2 && level === 1 && src[this.pos + 1] === ")") {
          this.pos += level === 0 ? 1 : 2;
          return;
        }
      }
      this.pos++;
    }
    throw new Unfollowable(`unbalanced "${open}": it is not closed`);
  }
  /** `$'…'`: ANSI-C quoting, decoded as bash does. */
  readAnsiC() {
    const src = this.src;
    let out = "";
    while (this.pos < src.length) {
      const c = src[this.pos] ?? "";
      if (c === "'") {
        this.pos++;
        return out;
      }
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const n = src[this.pos + 1] ?? "";
      this.pos += 2;
      const simple = {
        a: "\x07",
        b: "\b",
        e: "\x1B",
        E: "\x1B",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "	",
        v: "\v",
        "\\": "\\",
        "'": "'",
        '"': '"',
        "?": "?"
      };
      const known = simple[n];
      if (known !== void 0) {
        out += known;
        continue;
      }
      const hex = (max) => {
        const match = new RegExp(`^[0-9A-Fa-f]{1,${max}}`).exec(src.slice(this.pos, this.pos + max));
        if (!match) return void 0;
        this.pos += match[0].length;
        return Number.parseInt(match[0], 16);
      };
      if (n === "x") {
        const code = hex(2);
        out += code === void 0 ? "\\x" : String.fromCharCode(code);
      } else if (n === "u" || n === "U") {
        const code = hex(n === "u" ? 4 : 8);
        out += code === void 0 || code > 1114111 ? `\\${n}` : String.fromCodePoint(code);
      } else if (n >= "0" && n <= "7") {
        const match = /^[0-7]{0,2}/.exec(src.slice(this.pos, this.pos + 2));
        const digits = n + (match?.[0] ?? "");
        this.pos += digits.length - 1;
        out += String.fromCharCode(Number.parseInt(digits, 8) & 255);
      } else if (n === "c") {
        const ch = src[this.pos] ?? "";
        this.pos++;
        out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) ^ 64);
      } else {
        out += `\\${n}`;
      }
    }
    throw new Unfollowable("unbalanced quotes: a $' is not closed");
  }
};

// src/core/shell/remote-command.ts
function walkOptions(args, options) {
  const values = [];
  const seen = /* @__PURE__ */ new Set();
  let i = 0;
  while (i < args.length) {
    const word = args[i];
    if (word === void 0) break;
    const text = word.text;
    if (text === "--") return { rest: args.slice(i + 1), values, seen };
    if (!text.startsWith("-") || text === "-") break;
    if (word.dynamic) return { problem: `option ${text} is a variable or substitution` };
    if (text.startsWith("--")) {
      const eq = text.indexOf("=");
      const name = eq === -1 ? text : text.slice(0, eq);
      seen.add(name);
      if (options.valued.has(name)) {
        if (eq !== -1) values.push([name, text.slice(eq + 1)]);
        else {
          if (args[i + 1]?.dynamic) return { problem: `option ${name} takes a variable or substitution` };
          values.push([name, args[i + 1]?.text ?? ""]);
          i++;
        }
      } else if (!options.flags.has(name) || eq !== -1 && !/^=(?:true|false)$/.test(text.slice(eq)))
        return { problem: `option ${text} is not known here` };
      i++;
      continue;
    }
    let j = 1;
    for (; j < text.length; j++) {
      const option = `-${text[j]}`;
      seen.add(option);
      if (options.valued.has(option)) {
        if (j < text.length - 1) values.push([option, text.slice(j + 1)]);
        else {
          if (args[i + 1]?.dynamic) return { problem: `option ${option} takes a variable or substitution` };
          values.push([option, args[i + 1]?.text ?? ""]);
          i++;
        }
        break;
      }
      if (!options.flags.has(option)) return { problem: `option ${text} is not known here` };
    }
    i++;
  }
  return { rest: args.slice(i), values, seen };
}
var set = (...items) => new Set(items);
var SSH = {
  flags: set(..."46AaCfGgKkMNnqsTtVvXxYy".split("").map((c) => `-${c}`)),
  valued: set(..."BbcDEeFIiJLlmOopQRSWw".split("").map((c) => `-${c}`))
};
var SSH_COMMAND_KEYS = /^(proxycommand|localcommand|knownhostscommand|remotecommand)\s*[=\s]\s*(.*)$/is;
function ssh(args, hasInput) {
  const walked = walkOptions(args, SSH);
  if ("problem" in walked)
    return {
      unfollowable: `ssh ${walked.problem}: the remote command cannot be told`
    };
  for (const [option, value] of walked.values) {
    if (option === "-F")
      return {
        unfollowable: `ssh -F ${value} reads a config file that can run commands, which cannot be read here`
      };
    const key = option === "-o" ? SSH_COMMAND_KEYS.exec(value) : null;
    if (key)
      return { unfollowable: `ssh -o ${key[1]} runs a command of its own, which is not followed here` };
  }
  const [host, ...command] = walked.rest;
  if (host === void 0 || ["-V", "-G", "-O", "-N"].some((o) => walked.seen.has(o)))
    return { nothing: true };
  if (host.dynamic)
    return {
      unfollowable: `ssh to a host from a variable or substitution (${host.text}), which can hold a command too`
    };
  if (command.length === 0)
    return hasInput ? { input: "ssh <<" } : { unfollowable: "ssh without a command runs a login shell that reads its commands from its input" };
  if (command.some((word) => word.dynamic))
    return {
      unfollowable: "ssh of a command that holds a variable or substitution, expanded before it is sent"
    };
  return { line: command.map((word) => word.text).join(" "), what: "ssh" };
}
var KUBECTL_GLOBAL = set(
  "-n",
  "--namespace",
  "--context",
  "--kubeconfig",
  "--cluster",
  "--user",
  "-s",
  "--server",
  "--token",
  "--as",
  "--as-group",
  "--request-timeout",
  "-v",
  "--v"
);
function kubectl(args) {
  let i = 0;
  while (i < args.length && args[i]?.text.startsWith("-")) {
    const text = args[i]?.text ?? "";
    i += KUBECTL_GLOBAL.has(text) ? 2 : 1;
  }
  if (args[i]?.text !== "exec") {
    const end = args.findIndex((word) => word.text === "--");
    i = args.slice(0, end === -1 ? args.length : end).findIndex((word) => word.text === "exec");
    if (i === -1) return void 0;
  }
  const dashes = args.findIndex((word, index) => index > i && word.text === "--");
  if (dashes === -1) {
    if (args.slice(i + 1).some((word) => word.text === "-h" || word.text === "--help"))
      return { nothing: true };
    return { unfollowable: 'kubectl exec without "--": the command cannot be told from the pod' };
  }
  const words = args.slice(dashes + 1);
  return words.length === 0 ? { unfollowable: 'kubectl exec with nothing after "--"' } : { words };
}
var DOCKER_GLOBAL = {
  flags: set("-D", "--debug", "--tls", "--tlsverify"),
  valued: set(
    "-H",
    "--host",
    "-c",
    "--context",
    "--config",
    "-l",
    "--log-level",
    "--tlscacert",
    "--tlscert",
    "--tlskey"
  )
};
var DOCKER_EXEC = {
  flags: set("-d", "--detach", "-i", "--interactive", "-t", "--tty", "--privileged"),
  valued: set("-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys")
};
var DOCKER_RUN = {
  flags: set(
    "-d",
    "--detach",
    "-i",
    "--interactive",
    "-t",
    "--tty",
    "--rm",
    "--privileged",
    "-P",
    "--publish-all",
    "--init",
    "--read-only",
    "--no-healthcheck",
    "--oom-kill-disable",
    "-q",
    "--quiet",
    "--sig-proxy"
  ),
  valued: set(
    ...["-a", "--attach", "--add-host", "--annotation", "--blkio-weight", "--cap-add", "--cap-drop"],
    ...["--cgroup-parent", "--cgroupns", "--cidfile", "--cpu-period", "--cpu-quota", "--cpu-shares", "-c"],
    ...["--cpus", "--cpuset-cpus", "--cpuset-mems", "--device", "--device-cgroup-rule", "--dns"],
    ...["--dns-option", "--dns-search", "--domainname", "--entrypoint", "-e", "--env", "--env-file"],
    ...["--expose", "--gpus", "--group-add", "--health-cmd", "--health-interval", "--health-retries"],
    ...["--health-start-period", "--health-timeout", "-h", "--hostname", "--ip", "--ip6", "--ipc"],
    ...["--isolation", "--kernel-memory", "-l", "--label", "--label-file", "--link", "--log-driver"],
    ...["--log-opt", "--mac-address", "-m", "--memory", "--memory-reservation", "--memory-swap"],
    ...["--memory-swappiness", "--mount", "--name", "--network", "--net", "--network-alias"],
    ...["--oom-score-adj", "--pid", "--pids-limit", "--platform", "-p", "--publish", "--pull"],
    ...["--restart", "--runtime", "--security-opt", "--shm-size", "--stop-signal", "--stop-timeout"],
    ...["--storage-opt", "--sysctl", "--tmpfs", "--ulimit", "-u", "--user", "--userns", "--uts"],
    ...["-v", "--volume", "--volume-driver", "--volumes-from", "-w", "--workdir", "--detach-keys"]
  )
};
var COMPOSE_GLOBAL = {
  flags: set("--dry-run", "--compatibility", "--all-resources"),
  valued: set(
    "-f",
    "--file",
    "-p",
    "--project-name",
    "--profile",
    "--env-file",
    "--project-directory",
    "--ansi",
    "--progress",
    "--parallel"
  )
};
var COMPOSE_EXEC = {
  flags: set("-d", "--detach", "--privileged", "-T", "--no-TTY", "--no-tty"),
  valued: set("-e", "--env", "--index", "-u", "--user", "-w", "--workdir")
};
var COMPOSE_RUN = {
  flags: set(
    ...["-d", "--detach", "--rm", "--no-deps", "--service-ports", "--use-aliases", "--build", "-T"],
    ...["--no-TTY", "-i", "--interactive", "--quiet-pull", "--remove-orphans", "-P", "--tty", "-t"]
  ),
  valued: set(
    ...["--entrypoint", "-e", "--env", "--env-from-file", "-l", "--label", "--name", "-p", "--publish"],
    ...["-u", "--user", "-v", "--volume", "-w", "--workdir", "--cap-add", "--cap-drop", "--pull"]
  )
};
function inContainer(what, args, options, hasCommand) {
  const walked = walkOptions(args, options);
  if ("problem" in walked) return { unfollowable: `${what} ${walked.problem}: the command cannot be told` };
  const entrypoint = walked.values.find(([option]) => option === "--entrypoint")?.[1];
  const [target, ...command] = walked.rest;
  if (target === void 0) return { nothing: true };
  if (target.dynamic)
    return {
      unfollowable: `${what} of a container or image from a variable or substitution (${target.text})`
    };
  if (entrypoint !== void 0 && entrypoint !== "") {
    const word = { text: entrypoint, dynamic: false, pattern: false, assignment: false };
    return { words: [word, ...command] };
  }
  if (command.length === 0)
    return hasCommand ? { unfollowable: `${what} without a command` } : { nothing: true };
  return { words: command };
}
function compose(what, args) {
  const walked = walkOptions(args, COMPOSE_GLOBAL);
  if ("problem" in walked)
    return args.some((word) => word.text === "exec" || word.text === "run") ? { unfollowable: `${what} ${walked.problem}: the command cannot be told` } : void 0;
  const [verb, ...rest] = walked.rest;
  if (verb?.text === "exec") return inContainer(`${what} exec`, rest, COMPOSE_EXEC, true);
  if (verb?.text === "run") return inContainer(`${what} run`, rest, COMPOSE_RUN, false);
  return void 0;
}
var RUNNING_VERBS = /* @__PURE__ */ new Set(["exec", "run", "compose"]);
function docker(args) {
  const walked = walkOptions(args, DOCKER_GLOBAL);
  if ("problem" in walked)
    return args.some((word) => RUNNING_VERBS.has(word.text)) ? { unfollowable: `docker ${walked.problem}: the command cannot be told` } : void 0;
  let [verb, ...rest] = walked.rest;
  if (verb?.text === "container") [verb, ...rest] = rest;
  if (verb?.text === "exec") return inContainer("docker exec", rest, DOCKER_EXEC, true);
  if (verb?.text === "run") return inContainer("docker run", rest, DOCKER_RUN, false);
  if (verb?.text === "compose") return compose("docker compose", rest);
  return void 0;
}
function readRemoteCommand(name, args, hasInput) {
  switch (name) {
    case "ssh":
      return ssh(args, hasInput);
    case "kubectl":
      return kubectl(args);
    case "docker":
    case "podman":
      return docker(args);
    case "docker-compose":
      return compose("docker-compose", args);
    default:
      return void 0;
  }
}

// src/core/shell/resolve-command.ts
var SHELLS = /* @__PURE__ */ new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "busybox-sh"]);
var INTERPRETERS = {
  python: ["-c"],
  node: ["-e", "--eval", "-p", "--print"],
  nodejs: ["-e", "--eval", "-p", "--print"],
  deno: ["eval"],
  bun: ["-e", "--eval", "-p", "--print"],
  perl: ["-e", "-E"],
  ruby: ["-e"],
  php: ["-r"],
  lua: ["-e"],
  Rscript: ["-e"],
  osascript: ["-e"],
  pwsh: ["-c", "-command", "-Command"],
  powershell: ["-c", "-command", "-Command"]
};
var GIT_RUNNING_KEYS = /^(?:alias\..*=\s*!|core\.(?:sshcommand|pager|editor|fsmonitor|hookspath)=|sequence\.editor=|diff\.external=|credential\.helper=\s*!|(?:filter|diff|merge)\..*\.(?:clean|smudge|process|textconv|driver|command)=)/i;
var MAX_PREFIXES = 32;
function parseShellCommands(line, depth = 0, budget = { commands: 0 }) {
  return parseShell(line, depth, budget).flatMap((part) => resolvePart(part, depth, budget));
}
function resolvePart(part, depth, budget) {
  if (part.type === "unfollowable") return [part];
  return resolveCommand(part, depth, budget);
}
function basename(name) {
  const slash = name.lastIndexOf("/");
  return slash === -1 ? name : name.slice(slash + 1);
}
function interpreterOf(name) {
  const base = basename(name).replace(/(?:\d+(?:\.\d+)*)?(?:\.exe)?$/, "");
  return Object.hasOwn(INTERPRETERS, base) ? base : void 0;
}
function resolveCommand(command, depth, budget) {
  const source = command.source;
  const paths = command.redirects.filter(
    (redirect) => redirect.operator !== "<<<" && redirect.operator !== "<<" && redirect.operator !== "<<-"
  ).map((redirect) => redirect.target.text);
  const mentions = [
    ...command.words.map((word) => word.text),
    ...paths,
    ...command.input.map((input) => input.text)
  ];
  const fail = (reason) => [{ type: "unfollowable", reason, source }];
  const followed = [];
  const follow = (line, what) => {
    if (depth + 1 > MAX_SHELL_DEPTH) {
      followed.push({
        type: "unfollowable",
        reason: `${what} nests deeper than ${MAX_SHELL_DEPTH} levels`,
        source
      });
      return;
    }
    followed.push(...parseShellCommands(line, depth + 1, budget));
  };
  let words = command.words;
  while (words[0]?.assignment) words = words.slice(1);
  for (let round = 0; words.length > 0; round++) {
    if (round === MAX_PREFIXES) return fail(`more than ${MAX_PREFIXES} prefixes before the command`);
    const name2 = words[0];
    if (name2 === void 0) break;
    if (name2.dynamic) return fail(`the command name comes from a variable or substitution (${name2.text})`);
    if (name2.pattern) return fail(`the command name is a file-name pattern (${name2.text})`);
    const base2 = basename(name2.text);
    const args2 = words.slice(1);
    const stripped = stripPrefix(base2, args2);
    if (stripped === "not-a-prefix") break;
    if ("unfollowable" in stripped) return fail(stripped.unfollowable);
    if (stripped.follow !== void 0) follow(stripped.follow.line, stripped.follow.what);
    if (stripped.extra)
      for (const extra of stripped.extra) followed.push(...resolveWords(extra, source, depth, budget));
    words = stripped.rest;
    while (words[0]?.assignment) words = words.slice(1);
    if (stripped.done) {
      return [
        ...followed,
        ...words.length > 0 || paths.length > 0 ? [toCommand(words, paths, mentions, source)] : []
      ];
    }
  }
  const name = words[0];
  if (name === void 0)
    return [...followed, ...paths.length > 0 ? [toCommand([], paths, mentions, source)] : []];
  if (name.dynamic) return fail(`the command name comes from a variable or substitution (${name.text})`);
  if (name.pattern) return fail(`the command name is a file-name pattern (${name.text})`);
  const base = basename(name.text);
  const args = words.slice(1);
  if (base === "alias") {
    for (const word of args) {
      const eq = word.text.indexOf("=");
      if (eq <= 0) continue;
      if (word.dynamic) return fail(`alias of a variable or substitution (${word.text})`);
      follow(word.text.slice(eq + 1), "alias");
    }
    return [...followed, toCommand(words, paths, mentions, source)];
  }
  const remote = readRemoteCommand(base, args, command.input.length > 0);
  if (remote !== void 0) {
    if ("unfollowable" in remote) return fail(remote.unfollowable);
    if ("line" in remote) follow(remote.line, remote.what);
    if ("input" in remote) for (const body of command.input) follow(body.text, remote.input);
    if ("words" in remote) followed.push(...resolveWords(remote.words, source, depth, budget, command.input));
    return [...followed, toCommand(words, paths, mentions, source)];
  }
  if (base === "source" || base === ".")
    return fail(`${base} runs the commands of a file, which cannot be read here`);
  if (base === "eval") {
    if (args.some((word) => word.dynamic)) return fail("eval of a variable or substitution");
    follow(args.map((word) => word.text).join(" "), "eval");
    return followed;
  }
  if (SHELLS.has(base)) {
    const shell = readShellArgs(args);
    if (shell.command !== void 0) {
      if (shell.command.dynamic) return fail(`${base} -c of a variable or substitution`);
      follow(shell.command.text, `${base} -c`);
      return followed;
    }
    if (shell.script !== void 0)
      return fail(`${base} runs a script file (${shell.script}), which cannot be read here`);
    const input = command.input;
    if (input.length === 0)
      return fail(`${base} reads the commands to run from its input, which cannot be read here`);
    for (const body of input) {
      if (body.unterminated && body.text.trim() === "")
        return fail(`${base} reads a here-document that is not closed`);
      follow(body.text, `${base} <<`);
    }
    return followed;
  }
  const interpreter = interpreterOf(name.text);
  if (interpreter !== void 0) {
    const inline = INTERPRETERS[interpreter] ?? [];
    const option = args.find(
      (word) => inline.includes(word.text) || /^-[A-Za-z]+$/.test(word.text) && inline.some((o) => o.length === 2 && word.text.endsWith(o.slice(1)))
    );
    if (option !== void 0)
      return fail(`${base} ${option.text} runs inline code, which cannot be read here`);
    if ((args.length === 0 || args.every((word) => word.text === "-" || word.text.startsWith("-"))) && command.input.length > 0)
      return fail(`${base} runs the code on its input, which cannot be read here`);
  }
  if (base === "git") {
    const git = normalizeGit(args);
    if ("unfollowable" in git) return fail(git.unfollowable);
    return [...followed, toCommand([name, ...git.args], paths, mentions, source)];
  }
  if (base === "find") {
    const found = splitFindExec(args);
    for (const exec of found.execs) followed.push(...resolveWords(exec, source, depth, budget));
    return [...followed, toCommand([name, ...found.args], paths, mentions, source)];
  }
  if (base === "watch") {
    const rest = skipOptions(
      args,
      /* @__PURE__ */ new Set(["-n", "--interval", "-d", "--differences"]),
      /* @__PURE__ */ new Set(["-n", "--interval"])
    );
    if (rest.length > 0) follow(rest.map((word) => word.text).join(" "), "watch");
    return followed;
  }
  return [...followed, toCommand(words, paths, mentions, source)];
}
function resolveWords(words, source, depth, budget, input = []) {
  if (depth + 1 > MAX_SHELL_DEPTH)
    return [
      { type: "unfollowable", reason: `the command nests deeper than ${MAX_SHELL_DEPTH} levels`, source }
    ];
  return resolveCommand({ type: "command", words, redirects: [], input, source }, depth + 1, budget);
}
function toCommand(words, paths, mentions, source) {
  return { type: "command", words: words.map((word) => word.text), paths, mentions, source };
}
function skipOptions(args, flags, valued) {
  let i = 0;
  while (i < args.length) {
    const text = args[i]?.text ?? "";
    if (text === "--") return args.slice(i + 1);
    if (!text.startsWith("-") || text === "-") break;
    if (text.startsWith("--")) {
      const name = text.split("=")[0] ?? text;
      i += valued.has(name) && !text.includes("=") ? 2 : 1;
      continue;
    }
    let consumed = 1;
    for (let j = 1; j < text.length; j++) {
      const option = `-${text[j]}`;
      if (valued.has(option)) {
        if (j === text.length - 1) consumed = 2;
        break;
      }
      if (!flags.has(option) && !/^-\d$/.test(option)) break;
    }
    i += consumed;
  }
  return args.slice(i);
}
var set2 = (...items) => new Set(items);
function stripPrefix(name, args) {
  switch (name) {
    case "sudo":
      return {
        rest: skipOptions(
          args,
          set2(
            "-E",
            "-H",
            "-n",
            "-S",
            "-b",
            "-i",
            "-s",
            "-k",
            "-K",
            "-A",
            "-P",
            "-B",
            "-N",
            "--preserve-env",
            "--login",
            "--shell",
            "--non-interactive",
            "--stdin",
            "--background"
          ),
          set2(
            "-u",
            "-g",
            "-C",
            "-h",
            "-p",
            "-r",
            "-t",
            "-U",
            "-D",
            "-R",
            "-T",
            "--user",
            "--group",
            "--chdir",
            "--prompt",
            "--role",
            "--type",
            "--host",
            "--other-user",
            "--chroot",
            "--close-from",
            "--command-timeout"
          )
        )
      };
    case "doas":
      return { rest: skipOptions(args, set2("-n", "-s", "-L"), set2("-u", "-C")) };
    case "coproc":
      return { rest: args[1]?.text === "{" && !args[1].dynamic ? args.slice(2) : args };
    case "nohup":
    case "builtin":
    case "noglob":
    case "unbuffer":
      return { rest: args };
    case "time":
      return {
        rest: skipOptions(
          args,
          set2("-p", "-v", "-a", "--portability", "--verbose", "--append"),
          set2("-o", "-f", "--output", "--format")
        )
      };
    case "command":
      if (args.some((word) => word.text === "-v" || word.text === "-V")) return "not-a-prefix";
      return { rest: skipOptions(args, set2("-p"), set2()) };
    case "exec":
      return { rest: skipOptions(args, set2("-c", "-l"), set2("-a")) };
    case "nice":
      return { rest: skipOptions(args, set2(), set2("-n", "--adjustment")) };
    case "ionice":
      return {
        rest: skipOptions(args, set2("-t"), set2("-c", "-n", "-p", "-P", "-u", "--class", "--classdata"))
      };
    case "chrt":
      return {
        rest: skipOptions(
          args,
          set2("-a", "-b", "-d", "-f", "-i", "-o", "-r", "-R", "-v", "-m", "-p"),
          set2("-T", "-P", "-D")
        ).slice(1)
      };
    case "taskset":
      return { rest: skipOptions(args, set2("-a", "-c", "--all-tasks", "--cpu-list"), set2()).slice(1) };
    case "stdbuf":
      return { rest: skipOptions(args, set2(), set2("-i", "-o", "-e", "--input", "--output", "--error")) };
    case "timeout": {
      const rest = skipOptions(
        args,
        set2("-v", "--preserve-status", "--foreground", "--verbose"),
        set2("-s", "-k", "--signal", "--kill-after")
      );
      return { rest: rest.slice(1) };
    }
    case "xargs": {
      const rest = skipOptions(
        args,
        set2(
          "-0",
          "-r",
          "-t",
          "-p",
          "-x",
          "-o",
          "--null",
          "--no-run-if-empty",
          "--verbose",
          "--interactive",
          "--exit",
          "--open-tty"
        ),
        set2(
          "-I",
          "-L",
          "-n",
          "-P",
          "-s",
          "-d",
          "-E",
          "-a",
          "--max-args",
          "--max-lines",
          "--max-procs",
          "--max-chars",
          "--delimiter",
          "--eof",
          "--arg-file",
          "--replace",
          "-i",
          "-e",
          "-l"
        )
      );
      return {
        rest: rest.length > 0 ? rest : [{ text: "echo", dynamic: false, pattern: false, assignment: false }]
      };
    }
    case "env": {
      let i = 0;
      let split;
      while (i < args.length) {
        const text = args[i]?.text ?? "";
        if (text === "--") {
          i++;
          break;
        }
        if (text === "-S" || text === "--split-string") {
          split = args[i + 1]?.text;
          if (args[i + 1]?.dynamic) return { unfollowable: "env -S of a variable or substitution" };
          i += 2;
          break;
        }
        if (text.startsWith("-S") || text.startsWith("--split-string=")) {
          if (args[i]?.dynamic) return { unfollowable: "env -S of a variable or substitution" };
          split = text.startsWith("-S") ? text.slice(2) : text.slice("--split-string=".length);
          i++;
          break;
        }
        if (text === "-u" || text === "-C" || text === "--unset" || text === "--chdir") {
          i += 2;
          continue;
        }
        if (text.startsWith("-")) {
          i++;
          continue;
        }
        break;
      }
      let after = args.slice(i);
      const functions = [];
      while (after[0] !== void 0 && /^[^=]+=/.test(after[0].text)) {
        const text = after[0].text;
        if (/^BASH_FUNC_/.test(text)) {
          if (after[0].dynamic)
            return { unfollowable: "env of a bash function from a variable or substitution" };
          functions.push(text.slice(text.indexOf("=") + 1).replace(/^\s*\(\s*\)/, ""));
        }
        after = after.slice(1);
      }
      if (split !== void 0) {
        const parts = parseShell(split);
        const first = parts[0];
        if (parts.length !== 1 || first === void 0 || first.type !== "command")
          return { unfollowable: "env -S with a string that is not one command" };
        return { rest: [...first.words, ...after] };
      }
      return functions.length === 0 ? { rest: after } : { rest: after, follow: { line: functions.join("\n"), what: "env BASH_FUNC_" } };
    }
    default:
      return "not-a-prefix";
  }
}
function readShellArgs(args) {
  let wantsCommand = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === void 0) break;
    const text = word.text;
    if (text === "--") {
      const next = args[i + 1];
      return wantsCommand ? next ? { command: next } : {} : next ? { script: next.text } : {};
    }
    if (text === "-o" || text === "-O" || text === "+o" || text === "+O" || text === "--rcfile" || text === "--init-file") {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(text)) {
      if (text.startsWith("-") && text.includes("c")) wantsCommand = true;
      if (text === "-s") return {};
      continue;
    }
    if (text.startsWith("--")) continue;
    return wantsCommand ? { command: word } : { script: text };
  }
  return {};
}
function normalizeGit(args) {
  let i = 0;
  while (i < args.length) {
    const word = args[i];
    const text = word?.text ?? "";
    if (text === "-c" || text === "--config-env") {
      const value = args[i + 1];
      if (value !== void 0 && (value.dynamic || GIT_RUNNING_KEYS.test(value.text)))
        return { unfollowable: `git -c ${value.text} runs a command of its own` };
      i += 2;
      continue;
    }
    if (text.startsWith("-c") && text.length > 2) {
      if (GIT_RUNNING_KEYS.test(text.slice(2)))
        return { unfollowable: `git ${text} runs a command of its own` };
      i++;
      continue;
    }
    if (text === "-C" || text === "--git-dir" || text === "--work-tree" || text === "--namespace") {
      i += 2;
      continue;
    }
    if (text.startsWith("-")) {
      i++;
      continue;
    }
    break;
  }
  return { args: args.slice(i) };
}
function splitFindExec(args) {
  const own = [];
  const execs = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === void 0) break;
    if (["-exec", "-execdir", "-ok", "-okdir"].includes(word.text)) {
      own.push(word);
      const exec = [];
      i++;
      while (i < args.length && args[i]?.text !== ";" && args[i]?.text !== "+") {
        const next = args[i];
        if (next) exec.push(next);
        i++;
      }
      if (exec.length > 0) execs.push(exec);
      continue;
    }
    own.push(word);
  }
  return { args: own, execs };
}

// src/core/classify-tool-call.ts
var GATEHOUSE_CONFIG_KIND = CONFIG_RULE_NAME;
var UNKNOWN_KIND = "unknown";
var CACHE_DIR_NAME = "gatehouse";
var DEFAULT_UNKNOWN_RISK = { precedent: "novel" };
var GATEHOUSE_CONFIG_RISK = { blast_radius: "production", precedent: "novel" };
var BUILT_IN_TOOLS = [
  "Agent",
  "AskUserQuestion",
  "Bash",
  "BashOutput",
  "Edit",
  "EnterPlanMode",
  "ExitPlanMode",
  "Glob",
  "Grep",
  "KillBash",
  "KillShell",
  "LS",
  "ListMcpResourcesTool",
  "LSP",
  "MultiEdit",
  "NotebookEdit",
  "NotebookRead",
  "Read",
  "ReadMcpResourceTool",
  "SlashCommand",
  "Skill",
  "Task",
  "TodoRead",
  "TodoWrite",
  "WebFetch",
  "WebSearch"
];
var WRITING_TOOLS = /* @__PURE__ */ new Set(["Write", "Edit", "MultiEdit", "NotebookEdit"]);
var READING_TOOLS = /* @__PURE__ */ new Set(["Read", "NotebookRead", "Glob", "Grep", "LS", "WebSearch", "WebFetch"]);
var GUARD_MARKERS = [
  ".claude/settings.json",
  ".claude/settings.local.json",
  ".claude/hooks",
  "claude-code/managed-settings.json",
  ".mcp.json",
  `.cache/${CACHE_DIR_NAME}`,
  "xdg_cache_home"
];
var compiled = /* @__PURE__ */ new WeakMap();
function compileList(globs, command) {
  return globs.map((glob) => createActionGlob(glob, command));
}
function compileEntry(entry) {
  const match = entry.match;
  if (match === void 0) return void 0;
  let found = compiled.get(entry);
  if (!found) {
    found = { entry, tool: compileList(match.tool, false) };
    if (match.command) found.command = compileList(match.command, true);
    if (match.path) found.path = compileList(match.path, false);
    if (match.url) found.url = compileList(match.url, false);
    compiled.set(entry, found);
  }
  return found;
}
var MAX_TEXT = 200;
function shorten(text) {
  const line = text.replace(/\s*\n\s*/g, " \u23CE ");
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}\u2026` : line;
}
function normalizeForGuard(text) {
  let out = text.toLowerCase().replaceAll("\\", "/");
  for (let i = 0; i < 8 && /\/\.\/|\/\//.test(out); i++)
    out = out.replaceAll("/./", "/").replaceAll("//", "/");
  return out;
}
function findGuard(text, options) {
  const normalized = normalizeForGuard(text);
  for (const marker of GUARD_MARKERS) if (normalized.includes(marker)) return marker;
  if (/(?:^|[/\s=])\.claude\/?(?:$|[\s;'"])/.test(normalized)) return ".claude";
  for (const file of options.policyFiles ?? [DEFAULT_CONFIG_PATH]) {
    const wanted = normalizeForGuard(file);
    if (normalized.includes(wanted)) return file;
    const name = wanted.slice(wanted.lastIndexOf("/") + 1);
    if (name.length > 0 && new RegExp(`(?:^|[/\\s=])${escapeRegExp(name)}(?:$|[\\s;'"])`).test(normalized))
      return file;
  }
  if (options.cacheDir !== void 0 && normalized.includes(normalizeForGuard(options.cacheDir)))
    return options.cacheDir;
  return void 0;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function stringsOf(value, out, budget = { left: 1e3 }) {
  if (budget.left-- <= 0) return out;
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out, budget);
  else if (value !== null && typeof value === "object")
    for (const item of Object.values(value)) stringsOf(item, out, budget);
  return out;
}
function rawParts(call, options) {
  const input = call.input;
  if (call.tool === "Bash") {
    const command = input.command;
    if (typeof command !== "string")
      return [{ text: "Bash", paths: [], unfollowable: "the call has no command text" }];
    const lineGuard = findGuard(command, options);
    return parseShellCommands(command).map((part2) => {
      if (part2.type === "unfollowable")
        return { text: shorten(part2.source), paths: [], unfollowable: part2.reason, ...guardOf(lineGuard) };
      const text = part2.words.join(" ");
      const commands = part2.words.length === 0 ? void 0 : [text];
      const name = part2.words[0];
      if (name?.includes("/"))
        commands?.push([name.slice(name.lastIndexOf("/") + 1), ...part2.words.slice(1)].join(" "));
      const guard2 = part2.mentions.map((mention) => findGuard(mention, options)).find((found) => found !== void 0);
      const shown2 = [text, ...part2.paths.map((path) => `> ${path}`)].filter((item) => item !== "").join(" ");
      return {
        text: shorten(shown2),
        ...commands ? { commands } : {},
        paths: part2.paths,
        ...guardOf(guard2 ?? lineGuard)
      };
    });
  }
  const paths = ["file_path", "path", "notebook_path"].map((key) => input[key]).filter((value) => typeof value === "string");
  const url = typeof input.url === "string" ? input.url : void 0;
  const shown = paths[0] ?? url ?? (typeof input.pattern === "string" ? input.pattern : void 0);
  const part = { text: shorten(shown === void 0 ? call.tool : `${call.tool} ${shown}`), paths };
  if (url !== void 0) part.url = url;
  const guardTexts = WRITING_TOOLS.has(call.tool) ? paths : READING_TOOLS.has(call.tool) ? [] : stringsOf(input, []);
  const guard = guardTexts.map((text) => findGuard(text, options)).find((found) => found !== void 0);
  if (guard !== void 0) part.guard = guard;
  return [part];
}
function guardOf(guard) {
  return guard === void 0 ? {} : { guard };
}
function pathForms(path, cwd) {
  const forms = /* @__PURE__ */ new Set();
  const clean = path.replace(/\/{2,}/g, "/").replace(/(^|\/)(?:\.\/)+/g, "$1");
  forms.add(clean);
  if (cwd !== void 0 && cwd !== "") {
    const base = cwd.endsWith("/") ? cwd : `${cwd}/`;
    if (clean.startsWith(base)) forms.add(clean.slice(base.length));
  }
  if (clean.startsWith("/")) forms.add(clean.replace(/^\/+/, ""));
  return [...forms];
}
function entryMatches(entry, tool, part, cwd) {
  if (!entry.tool.some((glob) => matchActionGlob(glob, tool))) return false;
  if (entry.command) {
    const commands = part.commands;
    if (!commands || !entry.command.some((glob) => commands.some((text) => matchActionGlob(glob, text))))
      return false;
  }
  if (entry.path) {
    const forms = part.paths.flatMap((path) => pathForms(path, cwd));
    if (!entry.path.some((glob) => forms.some((form) => matchActionGlob(glob, form)))) return false;
  }
  if (entry.url) {
    const url = part.url;
    if (url === void 0 || !entry.url.some((glob) => matchActionGlob(glob, url))) return false;
  }
  return true;
}
var NOBODY = { id: 0, login: "agent", type: "User" };
function evaluatePartTier(policy, kind, risk) {
  if (kind === GATEHOUSE_CONFIG_KIND) return "approve";
  const request = {
    gate: { kind: "request" },
    repository: "",
    subject: { sha: "" },
    options: [],
    declaredRisk: risk,
    files: { paths: [], complete: true },
    labels: [],
    requester: NOBODY
  };
  if (kind !== void 0) request.kind = kind;
  const assessment = evaluateRisk(policy, request);
  const tier = maxTier(
    ...assessment.factors.filter((factor) => !factor.from.startsWith("computed")).map((factor) => factor.tier),
    ...assessment.rules.map((rule) => rule.tier)
  );
  return assessment.waived !== void 0 ? "proceed" : tier;
}
function mergeRisk(risks) {
  const merged = {};
  const higher = (order, a, b) => a === void 0 ? b : b === void 0 ? a : order.indexOf(b) > order.indexOf(a) ? b : a;
  for (const risk of risks) {
    const reversibility = higher(REVERSIBILITY, merged.reversibility, risk.reversibility);
    if (reversibility) merged.reversibility = reversibility;
    const blast = higher(BLAST_RADIUS, merged.blast_radius, risk.blast_radius);
    if (blast) merged.blast_radius = blast;
    const sensitivity = higher(SENSITIVITY, merged.sensitivity, risk.sensitivity);
    if (sensitivity) merged.sensitivity = sensitivity;
    const precedent = higher(PRECEDENT, merged.precedent, risk.precedent);
    if (precedent) merged.precedent = precedent;
    if (risk.cost !== void 0) merged.cost = Math.max(merged.cost ?? 0, risk.cost);
    if (risk.external !== void 0) merged.external = merged.external === true || risk.external;
  }
  return merged;
}
function unknownRisk(policy) {
  const entries = policy.actions.filter((entry) => entry.kind === UNKNOWN_KIND && entry.match === void 0);
  return entries.length === 0 ? { ...DEFAULT_UNKNOWN_RISK } : mergeRisk(entries.map((entry) => entry.risk));
}
function isBuiltIn(tool) {
  return BUILT_IN_TOOLS.includes(tool);
}
function classifyPart(policy, call, part) {
  const base = { text: part.text };
  if (part.guard !== void 0) {
    return {
      ...base,
      kind: GATEHOUSE_CONFIG_KIND,
      risk: { ...GATEHOUSE_CONFIG_RISK },
      reason: `it touches ${part.guard}, part of the agent's own gate: a person decides`,
      tier: "approve"
    };
  }
  if (part.unfollowable !== void 0) {
    const risk = unknownRisk(policy);
    return {
      ...base,
      kind: UNKNOWN_KIND,
      risk,
      reason: part.unfollowable,
      tier: evaluatePartTier(policy, UNKNOWN_KIND, risk)
    };
  }
  let best;
  for (const entry of policy.actions) {
    const compiledEntry = compileEntry(entry);
    if (!compiledEntry || !entryMatches(compiledEntry, call.tool, part, call.cwd)) continue;
    const tier = evaluatePartTier(policy, entry.kind, entry.risk);
    if (best === void 0 || compareTiers(tier, best.tier ?? "proceed") > 0)
      best = { ...base, kind: entry.kind, risk: { ...entry.risk }, tier };
  }
  if (best) return best;
  if (!isBuiltIn(call.tool)) {
    const risk = unknownRisk(policy);
    return {
      ...base,
      kind: UNKNOWN_KIND,
      risk,
      reason: `${call.tool} is not one of Claude Code's built-in tools and no actions: entry matches it`,
      tier: evaluatePartTier(policy, UNKNOWN_KIND, risk)
    };
  }
  return { ...base, kind: void 0, risk: {}, tier: evaluatePartTier(policy, void 0, {}) };
}
function assessToolCall(policy, call, options = {}) {
  const parts = rawParts(call, options).map((part) => classifyPart(policy, call, part));
  let top;
  for (const part of parts) {
    if (top === void 0) {
      top = part;
      continue;
    }
    const order = compareTiers(part.tier ?? "proceed", top.tier ?? "proceed");
    if (order > 0 || order === 0 && top.kind === void 0 && part.kind !== void 0) top = part;
  }
  const tier = top?.tier ?? evaluatePartTier(policy, void 0, {});
  return {
    kind: top?.kind,
    risk: mergeRisk(parts.map((part) => part.risk)),
    parts,
    summary: summarize(call),
    tier
  };
}
function summarize(call) {
  const input = call.input;
  const first = [
    input.command,
    input.file_path,
    input.notebook_path,
    input.path,
    input.url,
    input.pattern,
    input.query
  ].find((value) => typeof value === "string");
  if (first !== void 0) return `${call.tool}: ${shorten(first)}`;
  let json = "";
  try {
    json = JSON.stringify(input) ?? "";
  } catch {
    json = "";
  }
  return json === "" || json === "{}" ? call.tool : `${call.tool}: ${shorten(json)}`;
}

// src/cli/commands/hook.ts
var DEFAULT_WAIT_MS = 5e4;
var DEFAULT_API = "https://api.github.com";
var hookCommand = {
  name: "hook",
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
    const created = import("./client-6XEDHPV4.mjs").then(
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
        fetch: async (...args) => (await import("./fetch-policy-TR5M53AZ.mjs")).fetchPolicy(...args),
        warn
      }
    ),
    assess: (policy, call) => assessToolCall(policy, call, dir === void 0 ? {} : { cacheDir: dir }),
    connect: async (cwd) => {
      const github = await connectClient();
      if ("unavailable" in github) return github;
      const sha = cwd === void 0 ? void 0 : await loadCheckoutHead(cwd, io.env);
      return {
        github,
        owner,
        repo,
        now: io.now,
        ...sha === void 0 ? {} : { sha },
        ...io.sleep === void 0 ? {} : { sleep: io.sleep }
      };
    },
    requestApproval: async (context, input, wait) => (await import("./request-approval-AFBP3I3L.mjs")).requestApproval(context, input, wait),
    recordExecution: async (context, issueNumber, report) => (await import("./request-approval-AFBP3I3L.mjs")).recordExecution(context, issueNumber, report),
    saveToolUse: async (id, approval) => dir === void 0 ? noCache() : (await import("./tool-use-state-ESVE7IQ6.mjs")).saveToolUse(dir, id, approval),
    takeToolUse: async (id) => dir === void 0 ? void 0 : (await import("./tool-use-state-ESVE7IQ6.mjs")).takeToolUse(dir, id)
  };
}
async function loadCheckoutHead(cwd, env) {
  try {
    const { loadRepository, loadHeadCommit } = await import("./git-3EK6ZZ7H.mjs");
    const local = await loadRepository(cwd, env);
    const sha = local === void 0 ? void 0 : (await loadHeadCommit(local))?.sha;
    return sha === void 0 || sha === "" ? void 0 : sha;
  } catch {
    return void 0;
  }
}
async function readStdin(io) {
  if (io.readStdin !== void 0) return io.readStdin();
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
  DEFAULT_WAIT_MS,
  hookCommand,
  runHookCommand,
  runClaudeCodeHook
};
