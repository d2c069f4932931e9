#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
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
  readExtends,
  require_dist
} from "./chunk-LKPHHQUB.mjs";
import {
  readApproval,
  requestApproval
} from "./chunk-72PQZNOP.mjs";
import {
  CONFIG_RULE_NAME,
  CliError,
  UsageError,
  createFileIndex,
  createPathRule,
  evaluateRisk,
  hookCommand,
  matchFiles,
  matchesAnyGlob,
  readReviewerGroup
} from "./chunk-QI6GV2O7.mjs";
import {
  suggest
} from "./chunk-J4JOOFMN.mjs";
import {
  describeRequestError,
  external_exports,
  policySchema,
  readStatus,
  riskSchema
} from "./chunk-VBP3ASAH.mjs";
import {
  BLAST_RADIUS,
  DECISIONS,
  DEFAULT_CONFIG_PATH,
  GATE_KINDS,
  LEVELS,
  PASSING_DECISIONS,
  PERMISSIONS,
  PRECEDENT,
  REQUIREMENTS,
  REVERSIBILITY,
  SENSITIVITY,
  STATEMENT_SOURCES,
  TIERS,
  VERBS,
  createCheckName,
  parseCheckName
} from "./chunk-JA7WA2U2.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/local/git.ts
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";

// src/core/decision-record.ts
var import_yaml = __toESM(require_dist(), 1);

// node_modules/@noble/hashes/_u64.js
var fromNumH = (n) => n / 2 ** 32 | 0;
var fromNumL = (n) => n >>> 0;
function setU64FromNum(view, byteOffset, n, isLE) {
  const h = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE ? l : h, isLE);
  view.setUint32(byteOffset + 4, isLE ? h : l, isLE);
}

// node_modules/@noble/hashes/utils.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle = (title) => title ? `"${title}" ` : "";
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes(value, length, title = "") {
  if (isBytes(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber(length, "length");
  const bytes = isBytes(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes)
    throw new TypeError(message);
  throw new RangeError(message);
}
var aobject = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
};
var aopts = (value, label) => {
  aobject(value, label);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`"${label}" expected plain object`);
  if (Object.hasOwn(value, "__proto__"))
    throw new TypeError(`"${label}.__proto__" is not allowed`);
};
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
var hasHexBuiltin = /* @__PURE__ */ (() => (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
))();
var hexes = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function bytesToHex(bytes) {
  abytes(bytes);
  if (hasHexBuiltin)
    return bytes.toHex();
  let hex2 = "";
  for (let i = 0; i < bytes.length; i++) {
    hex2 += hexes[bytes[i]];
  }
  return hex2;
}
function utf8ToBytes(str) {
  if (typeof str !== "string")
    throw new TypeError("string expected");
  const encoded = new TextEncoder().encode(str);
  try {
    return new Uint8Array(encoded);
  } finally {
    clean(encoded);
  }
}
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.canXOF = tmp.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
var oidNist = (suffix) => ({
  // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
  // Larger suffix values would need base-128 OID encoding and a different length byte.
  oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
});

// node_modules/@noble/hashes/_md.js
function Chi(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD = class {
  blockLen;
  outputLen;
  canXOF = false;
  padOffset;
  isLE;
  // For partial updates less than block size
  buffer;
  view;
  finished = false;
  length = 0;
  pos = 0;
  destroyed = false;
  constructor(blockLen, outputLen, padOffset, isLE) {
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE;
    this.buffer = new Uint8Array(blockLen);
    this.view = createView(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { view, buffer, blockLen } = this;
    const len = data.length;
    let processed = false;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        processed = true;
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
        processed = true;
      }
    }
    this.length += data.length;
    if (processed)
      this.roundClean();
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const { buffer, view, blockLen, isLE } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    buffer.fill(0, pos);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      buffer.fill(0);
    }
    setU64FromNum(view, blockLen - 8, this.length * 8, isLE);
    this.process(view, 0);
    this.roundClean();
    const oview = out === buffer ? view : createView(out);
    const len = this.outputLen;
    const outLen = len / 4;
    const state = this.get();
    if (len % 4 || outLen > state.length)
      throw new Error("invalid outputLen");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state[i], isLE);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneIntoMeta(to) {
    const { buffer, length, finished, destroyed, pos } = this;
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    if (pos)
      to.buffer.set(buffer);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
};
var SHA256_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);

// node_modules/@noble/hashes/sha2.js
var SHA256_K = /* @__PURE__ */ Uint32Array.from([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var SHA256_W = /* @__PURE__ */ new Uint32Array(64);
var SHA2_32B = class extends HashMD {
  // We cannot use array here since array allows indexing by variable
  // which means optimizer/compiler cannot use registers.
  // Numeric initializers matter: starting the fields as `undefined` changes
  // V8's field representation and makes sha256 3x slower (measured).
  A = 0;
  B = 0;
  C = 0;
  D = 0;
  E = 0;
  F = 0;
  G = 0;
  H = 0;
  constructor(outputLen, IV) {
    super(64, outputLen, 8, false);
    this.A = IV[0] | 0;
    this.B = IV[1] | 0;
    this.C = IV[2] | 0;
    this.D = IV[3] | 0;
    this.E = IV[4] | 0;
    this.F = IV[5] | 0;
    this.G = IV[6] | 0;
    this.H = IV[7] | 0;
  }
  get() {
    const { A, B, C, D, E, F, G, H } = this;
    return [A, B, C, D, E, F, G, H];
  }
  // prettier-ignore
  set(A, B, C, D, E, F, G, H) {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }
  _cloneInto(to) {
    (to ||= new this.constructor()).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      SHA256_W[i] = view.getUint32(offset, false);
    for (let i = 16; i < 64; i++) {
      const W15 = SHA256_W[i - 15];
      const W2 = SHA256_W[i - 2];
      const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
      const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
      SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
    }
    let { A, B, C, D, E, F, G, H } = this;
    for (let i = 0; i < 64; i++) {
      const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
      const T1 = H + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
      const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
      const T2 = sigma0 + Maj(A, B, C) | 0;
      H = G;
      G = F;
      F = E;
      E = D + T1 | 0;
      D = C;
      C = B;
      B = A;
      A = T1 + T2 | 0;
    }
    A = A + this.A | 0;
    B = B + this.B | 0;
    C = C + this.C | 0;
    D = D + this.D | 0;
    E = E + this.E | 0;
    F = F + this.F | 0;
    G = G + this.G | 0;
    H = H + this.H | 0;
    this.set(A, B, C, D, E, F, G, H);
  }
  roundClean() {
    clean(SHA256_W);
  }
  destroy() {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
};
var _SHA256 = class extends SHA2_32B {
  constructor() {
    super(32, SHA256_IV);
  }
};
var sha256 = /* @__PURE__ */ createHasher(
  () => new _SHA256(),
  /* @__PURE__ */ oidNist(1)
);

// src/core/decision-id.ts
function renderCanonicalJson(value) {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
    if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol") {
      throw new TypeError(`not JSON: a ${typeof value}`);
    }
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => item === void 0 ? "null" : renderCanonicalJson(item)).join(",")}]`;
  }
  const members = Object.entries(value).filter(([, member]) => member !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([key, member]) => `${JSON.stringify(key)}:${renderCanonicalJson(member)}`);
  return `{${members.join(",")}}`;
}
function sha256Hex(text2) {
  return bytesToHex(sha256(utf8ToBytes(text2)));
}
function hashRequest(request) {
  return sha256Hex(
    renderCanonicalJson({
      gate: { kind: request.gate.kind, environment: request.gate.environment, into: request.gate.into },
      repository: request.repository.toLowerCase(),
      subject: { sha: request.subject.sha.toLowerCase() },
      kind: request.kind,
      action: request.action?.text,
      context: request.context?.text,
      riskAssessment: request.riskAssessment?.text,
      rollbackPlan: request.rollbackPlan?.text,
      recommendation: request.recommendation?.text,
      options: request.options.map(({ key, name, description }) => ({ key, name, description })),
      declaredRisk: request.declaredRisk
    })
  );
}
function createDecisionId(input) {
  return sha256Hex(
    renderCanonicalJson({
      repository: input.repository.toLowerCase(),
      gate: input.gate,
      sha: input.sha.toLowerCase(),
      requestHash: input.requestHash,
      decision: input.decision
    })
  ).slice(0, 24);
}
function createRequestMarker(requestHash) {
  if (!/^[0-9a-f]{64}$/.test(requestHash)) {
    throw new TypeError(`a request hash is 64 lower-case hex characters, got ${JSON.stringify(requestHash)}`);
  }
  return `<!-- gatehouse:request ${requestHash} -->`;
}

// src/core/escape.ts
var ZWSP = "\u200B";
var BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var OTHER_CONTROLS = /[\p{Cc}\uFEFF]/gu;
var INVISIBLE = /[\s\p{Cc}\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
var LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
var MARKDOWN_PUNCTUATION = new Set("\\`*_{}[]()+-!|~$=".split(""));
function stripControls(text2) {
  return text2.replace(LINE_BREAKS, "\n").replace(BIDI_CONTROLS, "").replace(/\t/g, " ").replace(OTHER_CONTROLS, (char) => char === "\n" ? char : "");
}
function escapeLine(line) {
  let out = "";
  for (const char of line.replace(/\b(GH)-(?=\d)/gi, `$1${ZWSP}-`)) {
    if (char === "&") out += "&amp;";
    else if (char === "<") out += "&lt;";
    else if (char === ">") out += "&gt;";
    else if (char === "@") out += `@${ZWSP}`;
    else if (char === "#") out += `\\#${ZWSP}`;
    else if (MARKDOWN_PUNCTUATION.has(char)) out += `\\${char}`;
    else out += char;
  }
  return out.replace(/^(\d+)\./, "$1\\.");
}
function fitPrefix(text2, maxChars, render, countRest = false) {
  const chars = [];
  let visible = 0;
  let units = 0;
  for (const char of text2) {
    if (!INVISIBLE.test(char) && ++visible > maxChars) break;
    chars.push(char);
    units += char.length;
  }
  if (units === text2.length) {
    const shown = render(text2);
    if (shown.length <= maxChars) return { shown, rest: 0 };
  }
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (render(chars.slice(0, middle).join("")).length <= maxChars) low = middle;
    else high = middle - 1;
  }
  let rest = chars.length - low;
  if (units < text2.length) rest += countRest ? Array.from(text2.slice(units)).length : 1;
  return { shown: render(chars.slice(0, low).join("")), rest };
}
function escapeMarkdownInline(text2, maxChars = Number.POSITIVE_INFINITY) {
  const render = (source) => escapeLine(
    stripControls(source).replace(/\s*\n\s*/g, " ").trim()
  );
  if (maxChars === Number.POSITIVE_INFINITY) return render(text2);
  const whole = fitPrefix(text2, maxChars, render);
  return whole.rest === 0 ? whole.shown : `${fitPrefix(text2, maxChars - 1, render).shown}\u2026`;
}
function renderBlock(text2) {
  const paragraphs = [[]];
  for (const rawLine of stripControls(text2).split("\n")) {
    const line = rawLine.trim();
    const current = paragraphs[paragraphs.length - 1] ?? [];
    if (line === "") {
      if (current.length > 0) paragraphs.push([]);
    } else {
      current.push(escapeLine(line));
    }
  }
  return paragraphs.filter((lines) => lines.length > 0).map((lines) => lines.join("\\\n")).join("\n\n");
}
var UNTRUSTED_BLOCK_MAX_CHARS = 4e3;
function renderUntrustedBlock(text2, maxChars = UNTRUSTED_BLOCK_MAX_CHARS) {
  const { shown, rest } = fitPrefix(text2, maxChars, renderBlock, true);
  if (rest === 0) return shown;
  const note = `\u2026 (truncated, ${rest} more characters)`;
  return shown === "" ? note : `${shown}

${note}`;
}
function renderPlainText(text2, maxChars = Number.POSITIVE_INFINITY) {
  const line = stripControls(text2).replace(/\s*\n\s*/g, " ").trim().replace(/[@#]/g, `$&${ZWSP}`).replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`);
  const chars = Array.from(line);
  if (chars.length <= maxChars) return line;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join("").trimEnd()}\u2026`;
}
function renderCode(text2) {
  const content = stripControls(text2).replace(/\n/g, " ").replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`) || " ";
  let longestRun = 0;
  for (const [run2] of content.matchAll(/`+/g)) longestRun = Math.max(longestRun, run2.length);
  const fence = "`".repeat(longestRun + 1);
  const allSpaces = /^ +$/.test(content);
  const pad = content.startsWith("`") || content.endsWith("`") || !allSpaces && content.startsWith(" ") && content.endsWith(" ");
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

// src/core/readiness.ts
var FIELDS = {
  action: { label: "action", read: (request) => request.action },
  context: { label: "context", read: (request) => request.context },
  risk_assessment: { label: "risk assessment", read: (request) => request.riskAssessment },
  rollback_plan: { label: "rollback plan", read: (request) => request.rollbackPlan }
};
var MIN_WORDS = {
  action: 2,
  context: 3,
  risk_assessment: 3,
  rollback_plan: 3
};
var PLACEHOLDER = /^(?:tbd|todo|tba|fixme|n\/a|none|nothing|-+|—|–|\?+|\.{3}|…|later|see above|see below|same as before)$/;
var PLACEHOLDER_PREFIX = /^(?:tbd|todo|tba|fixme)(?:\s*[:(\-—–]|$)/;
function evaluateReadiness(request, required) {
  const missing = [];
  for (const requirement of REQUIREMENTS) {
    const demand = required.find((entry) => entry.requirement === requirement);
    if (demand === void 0) continue;
    const field = FIELDS[requirement];
    const value = field.read(request);
    const problem = evaluateText(field.label, value?.text, MIN_WORDS[requirement]);
    if (problem === void 0) continue;
    const gap = { requirement, rule: demand.rule, problem };
    const source = value?.source ?? (request.spec === void 0 ? void 0 : { path: request.spec.path, line: 1 });
    if (source !== void 0) gap.source = source;
    missing.push(gap);
  }
  return { ready: missing.length === 0, missing };
}
function evaluateText(label, text2, minWords) {
  const trimmed = text2?.trim() ?? "";
  if (trimmed === "") return `no ${label}`;
  if (isPlaceholder(trimmed)) return `${label} is a placeholder (${quote(trimmed)})`;
  if (countWords(trimmed) < minWords) return `${label} is too short to act on (${quote(trimmed)})`;
  return void 0;
}
function isPlaceholder(text2) {
  const plain = text2.trim().replace(/^(?:[-*+>]\s+)+/, "").replace(/^[*_`"'([]+|[*_`"')\]]+$/g, "").replace(/\s+/g, " ").toLowerCase();
  if (PLACEHOLDER_PREFIX.test(plain)) return true;
  const bare2 = plain.replace(/(?<=.)[.!?:;]+$/, "");
  return PLACEHOLDER.test(bare2) || PLACEHOLDER.test(plain);
}
function countWords(text2) {
  return text2.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
function quote(text2) {
  const line = text2.replace(/\s+/g, " ");
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 59)}\u2026` : line);
}

// src/core/yaml-subset.ts
var GIVE_UP = /* @__PURE__ */ Symbol("give up");
var UNUSUAL = new RegExp("(?!\\n)\\p{Cc}|[\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF\\uD800-\\uDFFF]", "u");
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
  let count3 = 0;
  while (line.charCodeAt(count3) === 32) count3++;
  return count3;
}
function readPlain(text2) {
  if (text2 === "" || INDICATOR_START.test(text2) || text2.endsWith(" ") || text2.endsWith(":") || text2.includes(": ") || text2.includes(" #"))
    giveUp();
  if (CORE_SPECIAL.test(text2)) return SIMPLE_INT.test(text2) ? Number(text2) : giveUp();
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
    const code3 = digits.length === length && HEX_DIGITS.test(digits) ? Number.parseInt(digits, 16) : giveUp();
    out += code3 <= 1114111 ? String.fromCodePoint(code3) : giveUp();
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
      const match = ENTRY.exec(line.slice(indent)) ?? giveUp();
      const key = match[1];
      if (Object.hasOwn(map, key)) giveUp();
      this.index++;
      map[key] = this.readValue(match[2], indent);
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
  if (UNUSUAL.test(text2)) return void 0;
  try {
    return new Reader(text2.split("\n")).read();
  } catch (error) {
    if (error === GIVE_UP) return void 0;
    throw error;
  }
}

// src/core/decision-record.ts
var hex = (length) => external_exports.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} hex digits`);
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
var recordSchema = external_exports.strictObject({
  schema: external_exports.literal(1),
  id: hex(24),
  repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected owner/name"),
  gate: external_exports.strictObject({
    kind: external_exports.enum(GATE_KINDS),
    check: text,
    environment: text.exactOptional(),
    into: text.exactOptional()
  }),
  subject: external_exports.strictObject({
    sha: external_exports.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "expected a commit SHA"),
    pull_request: external_exports.int().positive().exactOptional(),
    target_branch: text.exactOptional(),
    changed_files: external_exports.int().nonnegative().exactOptional(),
    url: link.exactOptional()
  }),
  request: external_exports.strictObject({
    hash: hex(64),
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
      option: text.exactOptional()
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
  on_behalf_of: person.exactOptional()
});
var EVERY_REQUIREMENT = REQUIREMENTS.map((requirement) => ({ requirement, rule: "" }));
var UNSAFE_IN_YAML = new RegExp(BIDI_CONTROLS.source);
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
function parseDecisionRecord(source) {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  if (lines[0] !== "---")
    return { error: "expected the file to start with a `---` line (YAML front matter)" };
  const end = lines.indexOf("---", 1);
  if (end === -1) return { error: "expected a `---` line that closes the front matter" };
  const frontMatter = parseFrontMatter(lines.slice(1, end).join("\n"));
  if ("error" in frontMatter) return frontMatter;
  const parsed = recordSchema.safeParse(frontMatter.data);
  if (!parsed.success) {
    return {
      error: parsed.error.issues.map(
        (issue) => `${issue.path.length === 0 ? "(front matter)" : issue.path.join(".")}: ${issue.message}`
      ).join("; ")
    };
  }
  return { record: parsed.data };
}
function createDecisionRecordPath(record, logPath) {
  const decidedAt = new Date(record.times.decided_at);
  if (Number.isNaN(decidedAt.getTime())) throw new RangeError(`not a time: ${record.times.decided_at}`);
  if (!/^[0-9a-f]{24}$/.test(record.id)) throw new RangeError(`not a decision id: ${record.id}`);
  const year = String(decidedAt.getUTCFullYear()).padStart(4, "0");
  const month = String(decidedAt.getUTCMonth() + 1).padStart(2, "0");
  const base = logPath.replace(/\/+$/, "");
  return `${base === "" ? "" : `${base}/`}${year}/${month}/${record.id}.md`;
}

// src/local/git.ts
var GitError = class extends Error {
  name = "GitError";
};
var MAX_BUFFER = 512 * 1024 * 1024;
function describeFailure(args, stderr, code3) {
  const first = stderr.split("\n").map((line) => line.trim()).find((line) => line !== "");
  return `git ${args[0] ?? ""} failed${first === void 0 ? ` (exit ${code3})` : `: ${first.replace(/^(?:fatal|error): /, "")}`}`;
}
function isMissingGit(error) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}
function execGit(cwd, env, args) {
  return new Promise((resolve5, reject) => {
    execFile(
      "git",
      [...args],
      { cwd, env, encoding: "buffer", maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(
            new GitError(
              isMissingGit(error) ? existsSync(cwd) ? "git is not installed or not on PATH: gatehouse reads the local repository with git" : `${cwd}: no such folder` : describeFailure(args, stderr.toString("utf8"), String(error.code ?? error.message))
            )
          );
          return;
        }
        resolve5({ code: error === null ? 0 : Number(error.code), stdout, stderr: stderr.toString("utf8") });
      }
    );
  });
}
async function git(repo, args) {
  const output = await execGit(repo.dir, repo.env, args);
  if (output.code !== 0) throw new GitError(describeFailure(args, output.stderr, output.code));
  return output.stdout;
}
function splitNul(output) {
  const records = output.toString("utf8").split("\0");
  if (records.at(-1) === "") records.pop();
  return records;
}
function firstLine(output) {
  return output.toString("utf8").split("\n", 1)[0] ?? "";
}
async function loadRepository(cwd, env) {
  const output = await execGit(cwd, env, ["rev-parse", "--show-toplevel"]);
  if (output.code !== 0) return void 0;
  const dir = firstLine(output.stdout);
  return dir === "" ? void 0 : { dir, env };
}
async function loadObjectRepository(cwd, env) {
  const worktree = await loadRepository(cwd, env);
  if (worktree !== void 0) return worktree;
  const output = await execGit(cwd, env, ["rev-parse", "--absolute-git-dir"]);
  const dir = firstLine(output.stdout);
  return output.code !== 0 || dir === "" ? void 0 : { dir, env };
}
async function resolveCommit(repo, ref) {
  const output = await execGit(repo.dir, repo.env, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${ref}^{commit}`
  ]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : void 0;
}
async function resolveBranchName(repo, ref) {
  const output = await execGit(repo.dir, repo.env, [
    "rev-parse",
    "--verify",
    "--symbolic-full-name",
    "--end-of-options",
    ref
  ]);
  const full = output.code === 0 ? firstLine(output.stdout) : "";
  const branch = /^refs\/heads\/(.+)$/.exec(full)?.[1] ?? /^refs\/remotes\/[^/]+\/(.+)$/.exec(full)?.[1];
  return branch ?? ref;
}
async function loadMergeBase(repo, a, b) {
  const output = await execGit(repo.dir, repo.env, ["merge-base", a, b]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && sha !== "" ? sha : void 0;
}
async function loadChangedFiles(repo, since) {
  const [changed, untracked] = await Promise.all([
    git(repo, [
      "-c",
      "core.quotePath=false",
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      "--no-ext-diff",
      since,
      "--"
    ]),
    git(repo, ["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", ":/"])
  ]);
  return [.../* @__PURE__ */ new Set([...splitNul(changed), ...splitNul(untracked)])].sort();
}
async function loadHeadCommit(repo) {
  const output = await execGit(repo.dir, repo.env, [
    "log",
    "-1",
    "--no-show-signature",
    "--format=%H%x00%s%x00%b",
    "HEAD",
    "--"
  ]);
  if (output.code !== 0) return void 0;
  const [sha = "", subject = "", body = ""] = output.stdout.toString("utf8").split("\0");
  return { sha: sha.trim(), subject, body: body.trimEnd() };
}
async function loadFileAtCommit(repo, commit, path) {
  const [entry] = await loadTreeEntries(repo, commit, path, { recursive: false });
  if (entry === void 0 || entry.type !== "blob") return void 0;
  return (await git(repo, ["cat-file", "blob", entry.object])).toString("utf8");
}
async function loadConfigValue(repo, key) {
  const output = await execGit(repo.dir, repo.env, ["config", "--get", key]);
  const value = firstLine(output.stdout).trim();
  return output.code === 0 && value !== "" ? value : void 0;
}
async function loadTreeEntries(repo, commit, path, options) {
  const args = ["ls-tree", "-z", "--full-tree", ...options.recursive ? ["-r"] : [], commit, "--", path];
  const entries = [];
  for (const record of splitNul(await git(repo, args))) {
    const tab = record.indexOf("	");
    const [mode = "", type = "", object = ""] = record.slice(0, tab).split(" ");
    if (tab > 0) entries.push({ mode, type, object, path: record.slice(tab + 1) });
  }
  return entries;
}
async function loadBlobs(repo, objects) {
  if (objects.length === 0) return [];
  const stdout = await new Promise((resolve5, reject) => {
    const child = spawn("git", ["cat-file", "--batch", "--buffer"], {
      cwd: repo.dir,
      env: repo.env,
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on(
      "error",
      (error) => reject(
        isMissingGit(error) ? new GitError("git is not installed or not on PATH") : new GitError(error.message)
      )
    );
    child.on("close", (code3) => {
      if (code3 === 0) resolve5(Buffer.concat(out));
      else
        reject(
          new GitError(describeFailure(["cat-file"], Buffer.concat(err).toString("utf8"), code3 ?? "signal"))
        );
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(`${objects.join("\n")}
`);
  });
  return parseBatchOutput(stdout, objects.length);
}
function parseBatchOutput(output, count3) {
  const blobs = [];
  let at = 0;
  while (blobs.length < count3) {
    const end = output.indexOf(10, at);
    if (end === -1) throw new GitError("git cat-file --batch ended early");
    const header = output.toString("utf8", at, end).split(" ");
    at = end + 1;
    if (header.length !== 3) {
      blobs.push(void 0);
      continue;
    }
    const size = Number(header[2]);
    if (!Number.isSafeInteger(size) || at + size > output.length)
      throw new GitError("git cat-file --batch: unexpected output");
    blobs.push(header[1] === "blob" ? output.subarray(at, at + size) : void 0);
    at += size + 1;
  }
  return blobs;
}
async function loadDecisionLogFiles(repo, log, options = { markdownOnly: false }) {
  let ref = log.branch;
  let commit = await resolveCommit(repo, `refs/heads/${log.branch}`);
  if (commit === void 0) {
    ref = `origin/${log.branch}`;
    commit = await resolveCommit(repo, `refs/remotes/origin/${log.branch}`);
  }
  if (commit === void 0) return void 0;
  const folder = log.path.replace(/^\/+|\/+$/g, "");
  const entries = (await loadTreeEntries(repo, commit, folder === "" ? "." : folder, { recursive: true })).filter((entry) => entry.type === "blob" && (!options.markdownOnly || entry.path.endsWith(".md")));
  const blobs = await loadBlobs(
    repo,
    entries.map((entry) => entry.object)
  );
  const files = entries.map((entry, index) => ({ path: entry.path, text: blobs[index]?.toString("utf8") }));
  return { ref, commit, files };
}
async function loadDecisionLog(repo, log) {
  const loaded = await loadDecisionLogFiles(repo, log, { markdownOnly: true });
  if (loaded === void 0) return void 0;
  const records = [];
  const malformed = [];
  for (const file of loaded.files) {
    const parsed = file.text === void 0 ? { error: "git could not read it" } : parseDecisionRecord(file.text);
    if ("record" in parsed) records.push(parsed.record);
    else malformed.push({ path: file.path, error: parsed.error });
  }
  return { ref: loaded.ref, records, malformed };
}

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

// src/cli/commands/audit.ts
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";

// src/core/audit/describe-audit.ts
function formatSeconds(seconds3) {
  if (seconds3 === null) return "\u2013";
  return seconds3 < 0 ? `-${formatDuration(-seconds3 * 1e3)}` : formatDuration(seconds3 * 1e3);
}
function count(n, noun, plural3 = `${noun}s`) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural3}`;
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
  record_without_check_run: "a record for an audited commit that no check run announced"
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
  "record_without_check_run"
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
  const note = (person2, decidedAt, requestedAt, at) => {
    let row = people.get(person2.id);
    const when = Date.parse(decidedAt);
    if (row === void 0) {
      row = { login: person2.login, lastAt: when, approvals: 0, rejections: 0, changes: 0, latencies: [] };
      people.set(person2.id, row);
    } else if (when >= row.lastAt) {
      row.login = person2.login;
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
function evaluateRecordIntegrity(entries) {
  const sorted = [...entries].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const findings = [];
  const byId = /* @__PURE__ */ new Map();
  let malformed = 0;
  for (const entry of sorted) {
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
  return { records, ids: new Set(byId.keys()), findings, malformed };
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
var FILTER_KEYS = ["since", "until", "gate", "environment", "decision", "approver", "rule"];
function normalizeFilters(filters) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== void 0) out[key] = value;
  }
  return out;
}
function createRow(read, precedent) {
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
    approvers: record.approvers.map(({ login, id, at, via }) => ({ login, id, at, via })),
    rejected_by: record.rejected_by ? { login: record.rejected_by.login, id: record.rejected_by.id } : null,
    modified_by: record.modified_by ? { login: record.modified_by.login, id: record.modified_by.id } : null,
    latency_seconds: latency ?? null,
    changed_files: record.subject.changed_files ?? null,
    reason: record.reason ?? null,
    option: record.option ?? null,
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
  const order = (finding2) => AUDIT_FINDING_CODES.indexOf(finding2.code);
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
    for (const finding2 of crossCheck)
      if (finding2.path !== null) byPath.get(finding2.path)?.findings.push(finding2.code);
    findings.push(...crossCheck);
  }
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
      crossCheck: gateRuns ? { checkRuns: gateRuns.length, commits: commits.size } : null
    },
    totals: {
      records: integrity.records.length,
      shown: shown.length,
      malformed: integrity.malformed,
      findings: findings.length,
      byDecision
    },
    records: shown.map((read) => createRow(read, precedentOf(read.record))),
    findings: sortFindings(findings),
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
  const text2 = typeof value === "number" ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text2) ? `"${text2.replace(/"/g, '""')}"` : text2;
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
    rows: report.findings.map((finding2) => [
      finding2.code,
      finding2.path === null ? `check run ${finding2.checkRunId ?? "?"}` : { name: finding2.path },
      { prose: finding2.message, maxChars: 500 }
    ]),
    omitted: 0
  };
}
function listFindingMeanings(report) {
  return [...new Set(report.findings.map((finding2) => finding2.code))].map((code3) => [
    code3,
    FINDING_MEANINGS[code3]
  ]);
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
      intro: "Per ISO week (Monday to Sunday, UTC).",
      empty: "No decisions.",
      headers: ["week", "from", "total", ...seen.map((decision) => decision.replace("_", " "))],
      rows: calibration.overTime.map((week) => [
        week.week,
        week.start,
        String(week.total),
        ...seen.map((decision) => String(week.byDecision[decision]))
      ]),
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

// src/core/audit/escape-html.ts
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
var CONTROLS = new RegExp("(?![\\t\\n\\r])\\p{Cc}", "gu");
function escapeHtml(text2) {
  return text2.replace(CONTROLS, "").replace(BIDI_CONTROLS, "").replace(/[&<>"']/g, (char) => ENTITIES[char] ?? "");
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
    description: latencies.length === 0 ? "No decision made by a person matches the filters." : `How long people took from the request to their decision, over ${count(latencies.length, "decision")}: median ${formatSeconds(summary.medianSeconds)}, 90th percentile ${formatSeconds(summary.p90Seconds)}. ${LATENCY_BUCKETS.map(([label], index) => `${label}: ${counts[index]}`).join("; ")}.`,
    categoryHeader: "latency",
    categories: LATENCY_BUCKETS.map(([label]) => label),
    series: [{ name: "decisions", color: "#1565c0", values: counts }],
    orientation: "vertical"
  };
}
function createOverTimeChart(report) {
  const weeks = report.calibration.overTime;
  const busiest = weeks.reduce(
    (best, week) => best === void 0 || week.total > best.total ? week : best,
    void 0
  );
  return {
    id: "chart-over-time",
    title: "Decisions over time",
    description: busiest === void 0 ? "No decisions match the filters." : `Decisions per ISO week, by decision, over ${count(weeks.length, "week")} from ${weeks[0]?.week} to ${weeks.at(-1)?.week}; the busiest week was ${busiest.week} with ${count(busiest.total, "decision")}.`,
    categoryHeader: "week",
    categories: weeks.map((week) => week.week),
    series: decisionSeries((decision) => weeks.map((week) => week.byDecision[decision])),
    orientation: "vertical"
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
    description: rules.length === 0 ? "No decisions match the filters." : `Decisions per matched rule, by decision, for the ${count(rules.length, "rule")} with the most decisions: ${rules.map(([rule, counts]) => `${rule} ${total(counts)}`).join(", ")}.`,
    categoryHeader: "rule",
    categories: rules.map(([rule]) => rule),
    series: decisionSeries((decision) => rules.map(([, counts]) => counts[decision])),
    orientation: "horizontal"
  };
}
function createReviewerChart(report) {
  const reviewers = report.calibration.byReviewer.slice(0, MAX_BARS);
  return {
    id: "chart-by-reviewer",
    title: "Decisions by reviewer",
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
    orientation: "horizontal"
  };
}
var WIDTH = 720;
function niceCeiling(n) {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5].find((step) => step * power >= n) ?? 10) * power;
}
function round(n) {
  return String(Math.round(n * 10) / 10);
}
function shorten(text2, max) {
  const chars = Array.from(text2);
  return chars.length <= max ? text2 : `${chars.slice(0, max - 1).join("")}\u2026`;
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
function renderVertical(chart) {
  const height = 260;
  const [left, right, top, bottom] = [44, 12, chart.series.length > 1 ? 30 : 12, 40];
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const sums = totals(chart);
  const max = niceCeiling(Math.max(0, ...sums));
  const step = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(48, Math.max(1, step * 0.8));
  const labelEvery = Math.max(1, Math.ceil(chart.categories.length / Math.floor(plotWidth / 64)));
  const y = (value) => top + plotHeight - value / max * plotHeight;
  const body = [
    ...renderLegend(chart, 16),
    `<line x1="${left}" y1="${round(y(0))}" x2="${WIDTH - right}" y2="${round(y(0))}" class="axis"/>`
  ];
  for (const tick of max % 2 === 0 ? [0, max / 2, max] : [0, max]) {
    body.push(
      `<text x="${left - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${round(tick)}</text>`,
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
  return { body, height };
}
function renderHorizontal(chart) {
  const rowHeight = 22;
  const [left, right, top, bottom] = [170, 48, chart.series.length > 1 ? 30 : 8, 8];
  const height = top + Math.max(1, chart.categories.length) * rowHeight + bottom;
  const plotWidth = WIDTH - left - right;
  const sums = totals(chart);
  const max = Math.max(1, ...sums);
  const body = [...renderLegend(chart, 16)];
  chart.categories.forEach((category, index) => {
    const y = top + index * rowHeight;
    body.push(
      `<text x="${left - 6}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(category)}</title>${escapeHtml(shorten(category, 24))}</text>`
    );
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[index] ?? 0;
      if (value === 0) continue;
      const x = left + base / max * plotWidth;
      body.push(
        `<rect x="${round(x)}" y="${y + 4}" width="${round(value / max * plotWidth)}" height="${rowHeight - 8}" fill="${series.color}"><title>${escapeHtml(`${category}: ${value} ${series.name}`)}</title></rect>`
      );
      base += value;
    }
    body.push(
      `<text x="${round(left + base / max * plotWidth + 4)}" y="${y + 15}">${sums[index] ?? 0}</text>`
    );
  });
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
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
.headline li { margin: 2px 0; }
.finding { color: #b42318; font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.intro, figcaption { color: var(--muted); }
figure { margin: 16px 0; }
.chart { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.chart text { fill: var(--ink); }
.chart .axis { stroke: var(--muted); }
.chart .grid { stroke: var(--line); stroke-dasharray: 2 3; }
details { margin: 4px 0 12px; }
.warn { color: var(--warn); }
`;
var CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
function renderCell2(cell) {
  if (typeof cell === "string") return escapeHtml(cell);
  if (Array.isArray(cell)) return cell.map(renderCell2).join("");
  if ("name" in cell) return `<code>${escapeHtml(cell.name)}</code>`;
  const chars = Array.from(cell.prose.replace(/\s+/g, " ").trim());
  const text2 = chars.length > cell.maxChars ? `${chars.slice(0, cell.maxChars - 1).join("")}\u2026` : chars.join("");
  return text2 === "" ? "\u2013" : escapeHtml(text2);
}
function isNumeric(cell) {
  return typeof cell === "string" && /^-?[\d,.]+%?$/.test(cell);
}
function renderTable(table, heading) {
  const lines = [`<section id="${table.id}">`, `<${heading}>${escapeHtml(table.title)}</${heading}>`];
  if (table.rows.length === 0) return [...lines, `<p>${escapeHtml(table.empty)}</p>`, "</section>"];
  if (table.intro !== void 0) lines.push(`<p class="intro">${escapeHtml(table.intro)}</p>`);
  lines.push(
    "<table>",
    `<thead><tr>${table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...table.rows.map(
      (cells) => `<tr>${cells.map((cell) => `<td${isNumeric(cell) ? ' class="num"' : ""}>${renderCell2(cell)}</td>`).join("")}</tr>`
    ),
    "</tbody>",
    "</table>"
  );
  return [...lines, "</section>"];
}
function renderFigure(chart) {
  const rows = chart.categories.map((category, index) => [
    `<th scope="row">${escapeHtml(category)}</th>`,
    ...chart.series.map((series) => `<td class="num">${series.values[index] ?? 0}</td>`)
  ]);
  return [
    `<figure id="${chart.id}">`,
    renderChart(chart),
    `<figcaption>${escapeHtml(chart.description)}</figcaption>`,
    "<details>",
    `<summary>${escapeHtml(chart.title)}: the numbers</summary>`,
    "<table>",
    `<thead><tr><th scope="col">${escapeHtml(chart.categoryHeader)}</th>${chart.series.map((series) => `<th scope="col">${escapeHtml(series.name)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.map((cells) => `<tr>${cells.join("")}</tr>`).join("\n")}</tbody>`,
    "</table>",
    "</details>",
    "</figure>"
  ];
}
function renderAuditHtml(report) {
  const summary = summarizeReport(report);
  const filters = listFilters(report.filters);
  const findings = report.totals.findings;
  const body = [
    "<h1>Gatehouse audit</h1>",
    '<ul class="headline">',
    `<li><strong>Decisions:</strong> ${escapeHtml(summary.decisions)}.</li>`,
    `<li><strong>Integrity:</strong> <span${findings > 0 ? ' class="finding"' : ""}>${escapeHtml(summary.findings)}</span>.</li>`,
    `<li><strong>Check runs:</strong> ${escapeHtml(summary.crossCheck)}.</li>`,
    `<li><strong>Rubber stamps:</strong> ${report.calibration.rubberStamps.length} approvals faster than the request could be read.</li>`,
    `<li><strong>Filters:</strong> ${filters.length === 0 ? "none" : filters.map(([name, value]) => `--${escapeHtml(name)} <code>${escapeHtml(value)}</code>`).join(", ")}.</li>`,
    `<li><strong>Source:</strong> <code>${escapeHtml(report.source)}</code>, audited at ${escapeHtml(report.generatedAt)}.</li>`,
    "</ul>",
    ...renderTable(createFindingsTable(report), "h2")
  ];
  const meanings = listFindingMeanings(report);
  if (meanings.length > 0) {
    body.push(
      "<ul>",
      ...meanings.map(
        ([code3, meaning]) => `<li><code>${escapeHtml(code3)}</code>: ${escapeHtml(meaning)}.</li>`
      ),
      "</ul>"
    );
  }
  body.push(
    '<section id="charts">',
    "<h2>Charts</h2>",
    ...[createLatencyChart, createOverTimeChart, createRuleChart, createReviewerChart].flatMap(
      (create) => renderFigure(create(report))
    ),
    "</section>",
    "<h2>Calibration</h2>",
    ...createCalibrationTables(report).flatMap((table) => renderTable(table, "h3")),
    ...renderTable(createRecordsTable(report), "h2")
  );
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>Gatehouse audit: ${escapeHtml(report.generatedAt)}</title>`,
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
function code(text2) {
  return renderCode(text2).replace(/\|/g, "\\|");
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
    `- **Rubber stamps:** ${count(report.calibration.rubberStamps.length, "approval")} faster than the request could be read.`,
    `- **Filters:** ${filters.length === 0 ? "none" : filters.map(([name, value]) => `--${name} ${code(value)}`).join(", ")}.`,
    `- **Source:** ${code(report.source)}, audited at ${report.generatedAt}.`,
    ""
  ];
  lines.push(...renderTable2(createFindingsTable(report), "##"));
  const meanings = listFindingMeanings(report);
  if (meanings.length > 0) lines.push(...meanings.map(([name, meaning]) => `- \`${name}\`: ${meaning}.`), "");
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
  usage: "gatehouse audit [--git DIR | --repo OWNER/NAME] [--branch NAME] [--path DIR] [--ref REF] [--pr N] [--since DATE] [--until DATE] [--gate NAME] [--environment ENV] [--decision D] [--approver LOGIN] [--rule NAME] [--format md|json|csv|html] [--output FILE] [--strict] [--rubber-stamp-seconds-per-file N] [--verbose]",
  help: `Reads every decision record on the log branch, checks each one (a record that was edited after
Gatehouse wrote it, a file that is not a record, a record filed in the wrong place) and prints a
report: what was decided, by whom, how fast, and every integrity finding. A malformed record is a
finding; the other records still count. See docs/audit.md for the checks.

Where the records come from:
  --git DIR            a local clone (default: the current folder), offline: the ${DEFAULT_BRANCH}
                       branch, else origin/${DEFAULT_BRANCH}; one git ls-tree and one git cat-file
  --repo OWNER/NAME    through the GitHub API, with GITHUB_TOKEN (or GH_TOKEN): one tree listing,
                       then one GraphQL query per 100 records
  --branch NAME        the log branch (default: ${DEFAULT_BRANCH})
  --path DIR           the log folder on it (default: ${DEFAULT_PATH})
  --ref REF            with --repo: cross-check the log against the gatehouse check runs on the
                       commit REF names (a branch, tag or SHA)
  --pr N               with --repo: the same for every commit of pull request N (with --ref too:
                       both)

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
      ...options.rubberStamp === void 0 ? {} : { rubberStamp: options.rubberStamp }
    });
    const rendered = performance.now();
    const text2 = RENDERERS[options.format](report);
    const done = performance.now();
    const findings = report.findings.length;
    warnMalformed(report, io);
    progress.line(
      `checked ${count(loaded.entries.length, "file")} in ${seconds2(rendered - checked)}: ${count(findings, "integrity finding")}; rendered ${options.format} in ${seconds2(done - rendered)}`
    );
    if (options.output === void 0) io.stdout.write(text2);
    else {
      const path = resolve(io.cwd, options.output);
      try {
        await writeFile(path, text2);
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
  const malformed = report.findings.filter((finding2) => finding2.code === "malformed");
  for (const finding2 of malformed.slice(0, MALFORMED_WARNINGS))
    writeWarning(io, `${finding2.path}: ${finding2.message}; the other records still count`);
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
  const git2 = parseText("git", values.git);
  const repo = parseText("repo", values.repo);
  if (git2 !== void 0 && repo !== void 0)
    throw new UsageError("--git and --repo exclude each other: audit a local clone or a GitHub repository");
  const source = repo === void 0 ? { kind: "git", dir: git2 ?? "." } : parseRepository(repo);
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
function chooseFormat(given2, output) {
  const named = output === void 0 ? void 0 : EXTENSIONS.get(extname(output).toLowerCase());
  if (given2 !== void 0 && named !== void 0 && given2 !== named) {
    throw new UsageError(
      `--format ${given2} contradicts --output ${output}, the name of ${FILE_KINDS[named]}: drop --format, or name the file .${given2}`
    );
  }
  return given2 ?? named ?? "md";
}
function parseRepository(value) {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (match?.[1] === void 0 || match[2] === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { kind: "repo", owner: match[1], repo: match[2] };
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
  const text2 = (name) => {
    const value = values[name];
    return parseText(name, typeof value === "string" ? value : void 0);
  };
  const since = parseDate("since", text2("since"));
  const until = parseDate("until", text2("until"));
  if (since !== void 0 && until !== void 0 && since > until)
    throw new UsageError(`--since ${values.since} is after --until ${values.until}: nothing could match`);
  const decision = parseChoice("decision", text2("decision"), DECISIONS);
  const filters = {};
  if (since !== void 0) filters.since = since;
  if (until !== void 0) filters.until = until;
  if (decision !== void 0) filters.decision = decision;
  for (const key of ["gate", "environment", "approver", "rule"]) {
    const value = text2(key);
    if (value !== void 0) filters[key] = value;
  }
  return filters;
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
  progress.line(
    `read ${count(entries.length, "file")} from ${log.ref} (${log.commit.slice(0, 12)}) in ${seconds2(performance.now() - started)}`
  );
  return {
    entries,
    source: `${log.ref}@${log.commit.slice(0, 12)}:${options.path || "."} in ${repo.dir}`
  };
}
async function loadFromGitHub(options, source, io, progress) {
  const name = `${source.owner}/${source.repo}`;
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (token === void 0 || token === "") {
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
function readApiUrls(env) {
  const baseUrl = env.GITHUB_API_URL?.replace(/\/+$/, "");
  if (baseUrl === void 0 || baseUrl === "" || baseUrl === "https://api.github.com") return {};
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || baseUrl.replace(/\/api\/v3$/, "/api/graphql");
  return { baseUrl, graphqlUrl: graphqlUrl === baseUrl ? `${baseUrl}/graphql` : graphqlUrl };
}
async function withGitHubErrors(repository, read) {
  try {
    return await read();
  } catch (error) {
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
    line(text2) {
      if (verbose || terminal) io.stderr.write(`gatehouse: ${text2}
`);
    },
    update(text2) {
      if (!terminal) return;
      if (text2 === "") {
        if (shown) io.stderr.write("\r\x1B[K");
        shown = false;
        return;
      }
      io.stderr.write(`\r\x1B[Kgatehouse: ${text2}`);
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
    const { serveGatehouseMcp } = await import("./serve-gatehouse-mcp-LHMYY4P4.mjs");
    await serveGatehouseMcp(
      {
        version: "1.0.0",
        loadContext: () => loadAgentContext(io, repository),
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
async function loadAgentContext(io, repository) {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (token === void 0 || token === "")
    throw new CliError(
      "no GitHub token: start gatehouse mcp with GITHUB_TOKEN (or GH_TOKEN) set to a token that can open issues on the repository"
    );
  const { owner, repo } = repository ?? await loadOriginRepository(io);
  const baseUrl = io.env.GITHUB_API_URL?.replace(/\/+$/, "");
  const ignore2 = () => void 0;
  const warn = (message) => io.stderr.write(`gatehouse mcp: ${message}
`);
  const github = createGitHubClient({
    auth: token,
    spaceWrites: false,
    ...baseUrl === void 0 || baseUrl === "" ? {} : { baseUrl },
    log: { debug: ignore2, info: ignore2, warn, error: warn }
  });
  return { github, owner, repo, now: io.now };
}
async function loadOriginRepository(io) {
  const local = await loadRepository(io.cwd, io.env);
  const url = local === void 0 ? void 0 : await loadConfigValue(local, "remote.origin.url");
  const match = url === void 0 ? null : /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  if (match === null)
    throw new CliError(
      `${io.cwd}: no GitHub origin remote to ask in: start gatehouse mcp with --repo OWNER/NAME`
    );
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}

// src/cli/commands/plan.ts
import { readFile as readFile2, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, resolve as resolve2, sep } from "node:path";

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
  const firstLine2 = lines[first];
  if (firstLine2 === void 0) return null;
  const command = matchCommandLine(firstLine2.text);
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
  let text2 = "";
  let from = 0;
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === "\\") {
      index += 2;
    } else if (char === "`") {
      const run2 = backtickRun(line, index);
      const close = findBacktickRun(line, index + run2, run2);
      index = close < 0 ? index + run2 : close + run2;
    } else if (line.startsWith("<!--", index)) {
      const end = line.indexOf("-->", index + 2);
      if (end < 0) break;
      text2 += line.slice(from, index) + GAP;
      index = end + 3;
      from = index;
    } else {
      index++;
    }
  }
  return text2 + line.slice(from);
}
function backtickRun(line, start) {
  let end = start;
  while (line[end] === "`") end++;
  return end - start;
}
function findBacktickRun(line, from, length) {
  let index = line.indexOf("`", from);
  while (index >= 0) {
    const run2 = backtickRun(line, index);
    if (run2 === length) return index;
    index = line.indexOf("`", index + run2);
  }
  return -1;
}
function matchCommandLine(text2) {
  if (FORBIDDEN.test(text2)) return void 0;
  const match = COMMAND.exec(text2);
  if (match === null) return void 0;
  const indent = (match[1] ?? "").replaceAll(GAP, "");
  const verb = (match[2] ?? "").toLowerCase();
  if (indent.length > 3 || !(isVerb(verb) || verb === REMOVE_APPROVE)) return void 0;
  return { verb, rest: text2.slice(match[0].length) };
}
function isVerb(word) {
  return VERBS.includes(word);
}
function readArgs(rest) {
  return rest.replaceAll(GAP, "").trim();
}
function readVerb(verb, rest, following) {
  const args = readArgs(rest);
  const text2 = [args, ...following.map((line) => line.text.replaceAll(GAP, ""))].join("\n").trim();
  switch (verb) {
    case REMOVE_APPROVE:
      return { ok: true, command: WITHDRAWAL };
    case "approve":
      return CANCEL.test(args) ? { ok: true, command: WITHDRAWAL } : { ok: true, command: { verb, cancel: false, args, note: text2 } };
    case "reject":
      return { ok: true, command: { verb, reason: text2 } };
    case "delay":
      return readDelay(args, text2);
    case "modify":
      return text2 === "" ? { ok: false, verb, error: "say what to change after /modify" } : { ok: true, command: { verb, instructions: text2 } };
    case "ack":
      return { ok: true, command: { verb, note: text2 } };
    case "recheck":
      return { ok: true, command: { verb } };
  }
}
function readDelay(args, text2) {
  const when = /^\S*/.exec(args)?.[0] ?? "";
  const note = text2.slice(when.length).trim();
  if (when === "") return { ok: false, verb: "delay", error: `say when after /delay: ${WHEN_EXAMPLES}` };
  const durationMs = parseDuration(when);
  if (durationMs !== void 0) return { ok: true, command: { verb: "delay", until: { durationMs }, note } };
  const at = parseZonedTime(when);
  if (at !== void 0) return { ok: true, command: { verb: "delay", until: { at }, note } };
  const shown = quote2(when);
  const error = ISO_TIME.test(when) ? `${shown} is not a real date and time` : ISO_TIME_WITHOUT_ZONE.test(when) ? `${shown} has no time zone: add Z for UTC or an offset such as +02:00` : `could not read ${shown} as ${WHEN_EXAMPLES}`;
  return { ok: false, verb: "delay", error };
}
function parseZonedTime(text2) {
  const match = ISO_TIME.exec(text2);
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
function quote2(word) {
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
        return { kind: "approve", verb: "approve", args: said?.args ?? "", note: statement.body.trim() };
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
  const text2 = args.trim().toLowerCase();
  if (text2 === "") return void 0;
  const firstToken = text2.split(/\s+/, 1)[0] ?? "";
  const byKey = options.find((option) => option.key.toLowerCase() === firstToken.replace(/[).:,]$/, ""));
  if (byKey) return byKey;
  return options.find((option) => {
    const name = option.name.toLowerCase();
    return text2 === name || text2.startsWith(name) && /^[\s.,:;!)-]/.test(text2.slice(name.length));
  });
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
    if (intent.note) approval.note = intent.note;
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
function truncateText(text2, max) {
  const chars = Array.from(text2);
  return chars.length <= max ? text2 : `${chars.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function inline(text2, max) {
  return escapeMarkdownInline(text2, max);
}
function formatTime(iso) {
  const time2 = new Date(iso);
  if (Number.isNaN(time2.getTime())) return escapeMarkdownInline(iso, 80);
  const [date = "", clock = ""] = time2.toISOString().split("T");
  const seconds3 = clock.slice(6, 8);
  return `${date} ${seconds3 === "00" ? clock.slice(0, 5) : clock.slice(0, 8)} UTC`;
}
function plural(count3, one, many = `${one}s`) {
  return `${count3} ${count3 === 1 ? one : many}`;
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
function renderText(text2, max, missing) {
  return renderUntrustedBlock(text2 ?? "", max) || `_${missing}_`;
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
    `Requested by ${requester}${request.requester.type === "User" ? "" : ` (${inline(request.requester.type, 40)})`}` + (request.onBehalfOf ? ` on behalf of ${inline(request.onBehalfOf.login, 80)}` : "")
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
      const text3 = renderInline(heading[2] ?? "");
      const level = heading[1]?.length ?? 1;
      out.push(text3);
      if (level <= 2) out.push((level === 1 ? "=" : "-").repeat(Array.from(text3).length));
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
  const text2 = out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  return `${text2.replace(ZERO_WIDTH_SPACE, "").replace(BIDI_CONTROLS, "").replace(CONTROLS2, (char) => char === "\n" ? char : "\uFFFD")}
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
  return cells.map((text2) => renderInline(text2.trim()));
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
function renderInline(text2) {
  const parts = [];
  const delimiters = [];
  let i = 0;
  while (i < text2.length) {
    const char = text2[i] ?? "";
    if (char === "\\" && ESCAPABLE.test(text2[i + 1] ?? "")) {
      parts.push(text2[i + 1] ?? "");
      i += 2;
    } else if (char === "`") {
      const run2 = /^`+/.exec(text2.slice(i))?.[0] ?? "`";
      const end = findClosingRun(text2, i + run2.length, run2.length);
      if (end === -1) {
        parts.push(run2);
        i += run2.length;
      } else {
        const content = text2.slice(i + run2.length, end);
        parts.push(/^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content);
        i = end + run2.length;
      }
    } else if (char === "&") {
      const entity = /^&(amp|lt|gt|quot|#39);/.exec(text2.slice(i));
      parts.push(entity === null ? "&" : ENTITIES2[entity[1] ?? ""] ?? "&");
      i += entity === null ? 1 : entity[0].length;
    } else if (char === "*" || char === "_") {
      const run2 = char === "*" ? /^\*+/.exec(text2.slice(i))?.[0] ?? "*" : /^_+/.exec(text2.slice(i))?.[0] ?? "_";
      const before = text2[i - 1] ?? " ";
      const after = text2[i + run2.length] ?? " ";
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
function findClosingRun(text2, from, length) {
  let i = text2.indexOf("`", from);
  while (i !== -1) {
    const run2 = /^`+/.exec(text2.slice(i))?.[0].length ?? 1;
    if (run2 === length) return i;
    i = text2.indexOf("`", i + run2);
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
function code2(text2) {
  const longest = Math.max(0, ...Array.from(text2.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text2}${fence}` : `${fence} ${text2} ${fence}`;
}
function plural2(count3, one, many = `${one}s`) {
  return `${count3} ${count3 === 1 ? one : many}`;
}
function describePolicySource(plan) {
  const source = plan.policy.source;
  if (source.startsWith("base:")) {
    return `the default branch's policy (${code2(source)}): what Gatehouse would use; no branch can relax its own gate`;
  }
  return `${code2(source)}: a working-tree file, given with --config (Gatehouse would read the default branch's)`;
}
function renderHeader(plan) {
  const merge = plan.base.mergeBase === plan.base.sha ? "" : `, merge base ${code2(plan.base.mergeBase.slice(0, 7))}`;
  const files = plan.files.count === 0 ? "no changed files" : plural2(plan.files.count, "changed file");
  const lines = [
    `- **Base:** ${code2(plan.base.ref)} at ${code2(plan.base.sha.slice(0, 7))}${merge}; a pull request would target ${code2(plan.base.branch)}`,
    `- **Head:** ${code2(plan.head.sha.slice(0, 7))}, ${files} (commits, uncommitted edits and untracked files)`,
    `- **Policy:** ${describePolicySource(plan)}`
  ];
  if (plan.state === "no_policy") return lines;
  const { log } = plan;
  lines.push(
    log === null ? "- **Precedent:** no local decision log, so precedent counts as first_time" : `- **Precedent:** ${plural2(log.records, "decision record")} on ${code2(log.ref)}` + (log.malformed === 0 ? "" : ` (${log.malformed} malformed, skipped)`)
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
  if (more > 0) lines.push(`  - and ${plural2(more, "more file")}`);
  return lines;
}
function renderPlanMarkdown(plan) {
  if (plan.state === "no_policy") {
    return [
      "# Gatehouse plan",
      "",
      ...renderHeader(plan),
      "",
      plan.policy.source.startsWith("base:") ? `**No policy: Gatehouse would do nothing.** There is no policy file on the default branch (${code2(plan.policy.source)}), so nothing is gated or recorded.` : "**No policy: Gatehouse would do nothing.** There is no policy file, so nothing is gated or recorded.",
      ""
    ].join("\n");
  }
  const lines = [`# Gatehouse plan: ${code2(plan.gate.check)} (${plan.gate.kind.replace("_", " ")} gate)`, ""];
  lines.push(...renderHeader(plan), "");
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
function findSection(sections, key) {
  return sections.find((section) => section.key === key);
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
    const { text: text2, open } = stripComments(raw, inComment);
    inComment = open;
    lines[index] = text2;
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text2);
    if (opening?.[1] !== void 0 && !(opening[1][0] === "`" && (opening[2] ?? "").includes("`"))) {
      fence = { char: opening[1][0] ?? "`", length: opening[1].length };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(text2);
    if (heading?.[1] !== void 0) {
      const content = (heading[2] ?? "").replace(/(?:^|[ \t]+)#+$/, "").trim();
      headings.push({ index, level: heading[1].length, text: content, key: parseSectionKey(content) });
    }
  }
  return { lines, headings };
}
function stripComments(line, inComment) {
  let text2 = "";
  let rest = line;
  let open = inComment;
  for (; ; ) {
    if (open) {
      const end = rest.indexOf("-->");
      if (end < 0) return { text: text2, open: true };
      rest = rest.slice(end + 3);
      open = false;
    }
    const start = rest.indexOf("<!--");
    if (start < 0) return { text: text2 + rest, open: false };
    text2 += rest.slice(0, start);
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
function parseSpec(text2, path) {
  const problems = [];
  const lines = text2.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
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
      const read = parseFrontMatter2(lines.slice(1, close).join("\n"), path);
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
function parseOptionsSection(section) {
  return createOptions(
    parseListItems(section.text).map(parseOption).filter((option) => option.name !== "")
  );
}
function parseOption(text2) {
  const label = /^(?:\*\*|__)?(?:\([a-z]\)|[a-z][.)])(?:\*\*|__)?\s+/i;
  const rest = text2.trim().replace(label, "");
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
  let key = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    key = String.fromCharCode(97 + (rest - 1) % 26) + key;
  }
  return key;
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
function parseFrontMatter2(yaml, path) {
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
function parsePullRequestText(pr) {
  const body = parseSections(pr.body);
  const section = (key) => {
    const found = findSection(body.sections, key);
    return found === void 0 ? void 0 : found.text;
  };
  const optionsSection = findSection(body.sections, "options");
  const text2 = {
    options: optionsSection === void 0 ? [] : parseOptionsSection(optionsSection)
  };
  setText(text2, "action", given(pr.title));
  const context = section("context");
  setText(
    text2,
    "context",
    context === void 0 || context.trim() === "" ? body.preamble?.text ?? context : context
  );
  setText(text2, "riskAssessment", section("risk_assessment"));
  setText(text2, "rollbackPlan", section("rollback_plan"));
  setText(text2, "recommendation", section("recommendation"));
  return text2;
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
function setText(target, field, text2) {
  if (text2 !== void 0) target[field] = { text: text2 };
}
function given(text2) {
  return text2 === void 0 || text2.trim() === "" ? void 0 : text2.trim();
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
  const texts = {
    spec: parseText("spec", values.spec),
    base: parseText("base", values.base),
    environment: parseText("environment", values.environment),
    kind: parseText("kind", values.kind),
    config: parseText("config", values.config),
    extendsFile: parseText("extends-file", values["extends-file"])
  };
  for (const [key, value] of Object.entries(texts)) {
    if (value !== void 0) options[key] = value;
  }
  return options;
}
function writePlan(plan, options, io) {
  for (const note of plan.notes) io.stderr.write(`gatehouse: note: ${note}
`);
  io.stdout.write(RENDERERS2[options.format](plan));
}
async function resolveBase(repo, given2) {
  const candidates = given2 === void 0 ? DEFAULT_BASES : [given2];
  for (const ref of candidates) {
    const sha = await resolveCommit(repo, ref);
    if (sha === void 0) continue;
    const branch = await resolveBranchName(repo, ref);
    return { ref: ref === "origin/HEAD" ? `origin/${branch}` : ref, branch, sha };
  }
  throw new CliError(
    given2 === void 0 ? `no base branch: none of ${DEFAULT_BASES.join(", ")} exists here; name the branch the change would merge into with --base REF` : `--base ${given2}: no such branch or commit here (fetch it, or name another with --base REF)`
  );
}
async function resolveDefaultBase(repo, base, given2) {
  if (given2 === void 0) return base;
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
  const text2 = options.config === void 0 ? await loadFileAtCommit(repo, base.sha, DEFAULT_CONFIG_PATH) : await loadTextFile(resolve2(io.cwd, options.config), options.config);
  const notes = [];
  if (options.config === void 0) {
    const note = await compareWorkingTreePolicy(repo, base, text2);
    if (note !== void 0) notes.push(note);
  }
  if (text2 === void 0) return { source, policy: void 0, notes };
  const file = describeSource(source);
  const target = readExtends(text2);
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
    text2,
    baseDocument === void 0 ? { file, defaultBranch: base.branch } : { file, base: baseDocument, defaultBranch: base.branch }
  );
  if (!parsed.ok) return printProblems(parsed.problems, io);
  return { source, policy: parsed.policy, notes };
}
async function compareWorkingTreePolicy(repo, base, committed) {
  const local = await readFile2(join(repo.dir, DEFAULT_CONFIG_PATH), "utf8").catch(() => void 0);
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
  const texts = /* @__PURE__ */ new Map();
  for (const path of matchFiles(createPathRule(policy.specs.paths), createFileIndex(paths))) {
    const text2 = await readFile2(join(repo.dir, path), "utf8").catch(() => void 0);
    if (text2 !== void 0) texts.set(path, text2);
  }
  if (forced !== void 0) {
    const absolute = resolve2(io.cwd, forced);
    const text2 = await loadTextFile(absolute, forced);
    texts.set(await toRepositoryPath(repo, absolute, forced), text2);
  }
  const specs = [...texts].map(([path, text2]) => parseSpec(text2, path));
  for (const { problems } of specs) {
    for (const problem of problems)
      io.stderr.write(`${problem.path}:${problem.line}:${problem.column} ${problem.message}
`);
  }
  return specs;
}
async function toRepositoryPath(repo, absolute, given2) {
  const real = await realpath(absolute).catch(() => absolute);
  const inside = relative(repo.dir, real);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? given2 : inside.split(sep).join("/");
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
function quote3(name) {
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
        ...environment.reviewers.length > 0 ? [`environments.${quote3(name)}.reviewers`] : [],
        ...rules.map((rule) => `rule ${rule.name}`)
      ];
      problems.push(
        `${quote3(name)}: ${entries.length} required reviewers (${entries.join(", ")}) from ${from.join(" and ")}; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} per environment: name a team instead of its members, or fewer people`
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
          `${quote3(name)}: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App`
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
  const read = `reading environment ${quote3(target.name)} of ${repository.owner}/${repository.repo}`;
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
      `${quote3(target.name)}: gate is false and the environment has custom protection rules (${apps}): pass --app SLUG|ID to say which of them is Gatehouse's`
    ]);
  }
  return ours === void 0 ? void 0 : { kind: "disable_protection_rule", app: ours.app, ruleId: ours.id };
}
function isApp(candidate, app) {
  return typeof app === "number" ? candidate.id === app : candidate.slug.toLowerCase() === app.toLowerCase();
}
async function loadApp(github, repository, environment, slug) {
  const apps = await guard(
    `listing the protection rule apps of environment ${quote3(environment)}`,
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
      `--app ${slug}: no such App can protect environment ${quote3(environment)} of ${repository.owner}/${repository.repo} (available: ${offered}); install the App on the repository, or pass its numeric id`
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
    (environment) => environment.changes.map((change) => renderChange(change, quote3(environment.name)))
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
  const name = quote3(plan.name);
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
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (match?.[1] === void 0 || match[2] === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { owner: match[1], repo: match[2] };
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
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (token === void 0 || token === "") {
    throw new CliError(
      `sync-environments changes ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token with the Administration permission on it (read for --dry-run, write to apply)`
    );
  }
  const baseUrl = io.env.GITHUB_API_URL?.replace(/\/+$/, "");
  const warn = (message) => writeWarning(io, message);
  return createGitHubClient({
    auth: token,
    // A sync makes a handful of writes, one after another; spacing each a second apart (GitHub's
    // advice for bulk writes) would only slow it down. Rate limits are still waited out (capped).
    spaceWrites: false,
    ...baseUrl === void 0 || baseUrl === "" ? {} : { baseUrl },
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
  const text2 = await loadTextFile(resolve3(io.cwd, config), config);
  const extended = readExtends(text2);
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
  const parsed = parsePolicy(text2, base === void 0 ? { file: config } : { file: config, base });
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
import { isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve as resolve4 } from "node:path";
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
    const text2 = await loadTextFile(file.path, file.shownAs);
    const target = readExtends(text2);
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
      text2,
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
async function locatePolicyFile(given2, io) {
  if (given2 !== void 0) return { path: resolve4(io.cwd, given2), shownAs: given2 };
  const cwd = await realpath2(io.cwd).catch(() => io.cwd);
  const repository = await loadRepository(io.cwd, io.env);
  const path = join2(repository?.dir ?? cwd, DEFAULT_CONFIG_PATH);
  const shownAs = relative2(cwd, path);
  return { path, shownAs: shownAs === "" || isAbsolute2(shownAs) ? path : shownAs };
}

// src/cli/run.ts
var COMMANDS = [
  validateCommand,
  planCommand,
  auditCommand,
  syncEnvironmentsCommand,
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
    "Everything runs offline from the local repository (no network, no token), except audit --repo,",
    "sync-environments, hook and mcp, which use the GitHub API.",
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
