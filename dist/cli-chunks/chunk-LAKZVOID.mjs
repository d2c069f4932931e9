#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
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
} from "./chunk-XQ6YNGI2.mjs";
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
  const q = JSON.stringify;
  return sha256Hex(
    `{"decision":${q(input.decision)},"gate":${q(input.gate)},"repository":${q(input.repository.toLowerCase())},"requestHash":${q(input.requestHash)},"sha":${q(input.sha.toLowerCase())}}`
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
var GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var GITHUB_TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
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
function renderMention(actor) {
  const name = actor.login.startsWith("@") ? actor.login.slice(1) : actor.login;
  const [owner, team, ...rest] = name.split("/");
  const valid = owner !== void 0 && GITHUB_LOGIN.test(owner) && rest.length === 0 && (team === void 0 || GITHUB_TEAM_SLUG.test(team));
  return valid ? `@${name}` : escapeMarkdownInline(actor.login);
}
function renderCode(text2) {
  const content = stripControls(text2).replace(/\n/g, " ").replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`) || " ";
  let longestRun = 0;
  for (const [run] of content.matchAll(/`+/g)) longestRun = Math.max(longestRun, run.length);
  const fence = "`".repeat(longestRun + 1);
  const allSpaces = /^ +$/.test(content);
  const pad = content.startsWith("`") || content.endsWith("`") || !allSpaces && content.startsWith(" ") && content.endsWith(" ");
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}
function renderCommentJson(value) {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
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
function describeNotReady(readiness) {
  return `not ready for approval: ${readiness.missing.map((gap) => gap.problem).join(", ")}`;
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
  const bare = plain.replace(/(?<=.)[.!?:;]+$/, "");
  return PLACEHOLDER.test(bare) || PLACEHOLDER.test(plain);
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

// src/local/git.ts
var GitError = class extends Error {
  name = "GitError";
};
var MAX_BUFFER = 512 * 1024 * 1024;
function describeFailure(args, stderr, code) {
  const first = stderr.split("\n").map((line) => line.trim()).find((line) => line !== "");
  return `git ${args[0] ?? ""} failed${first === void 0 ? ` (exit ${code})` : `: ${first.replace(/^(?:fatal|error): /, "")}`}`;
}
function isMissingGit(error) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}
function execGit(cwd, env, args) {
  return new Promise((resolve, reject) => {
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
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr: stderr.toString("utf8") });
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
  const stdout = await new Promise((resolve, reject) => {
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
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(describeFailure(["cat-file"], Buffer.concat(err).toString("utf8"), code ?? "signal"))
        );
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(`${objects.join("\n")}
`);
  });
  return parseBatchOutput(stdout, objects.length);
}
function parseBatchOutput(output, count) {
  const blobs = [];
  let at = 0;
  while (blobs.length < count) {
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
async function findDecisionLogCommit(repo, branch) {
  const local = await resolveCommit(repo, `refs/heads/${branch}`);
  if (local !== void 0) return { ref: branch, commit: local };
  const remote = await resolveCommit(repo, `refs/remotes/origin/${branch}`);
  return remote === void 0 ? void 0 : { ref: `origin/${branch}`, commit: remote };
}
async function loadDecisionLogFilesAt(repo, commit, path, options = { markdownOnly: false }) {
  const folder = path.replace(/^\/+|\/+$/g, "");
  const entries = (await loadTreeEntries(repo, commit, folder === "" ? "." : folder, { recursive: true })).filter((entry) => entry.type === "blob" && (!options.markdownOnly || entry.path.endsWith(".md")));
  const blobs = await loadBlobs(
    repo,
    entries.map((entry) => entry.object)
  );
  return entries.map((entry, index) => ({ path: entry.path, text: blobs[index]?.toString("utf8") }));
}
async function loadDecisionLogFiles(repo, log, options = { markdownOnly: false }) {
  const found = await findDecisionLogCommit(repo, log.branch);
  if (found === void 0) return void 0;
  return { ...found, files: await loadDecisionLogFilesAt(repo, found.commit, log.path, options) };
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
var STATUSES = {
  A: "added",
  M: "modified",
  T: "modified",
  D: "removed",
  R: "renamed",
  C: "copied"
};
async function loadLogHistory(repo, commit, options = {}) {
  const signed = options.gnupgHome !== void 0;
  const env = signed ? { ...repo.env, GNUPGHOME: options.gnupgHome } : repo.env;
  const format = signed ? "%x01%H %G?" : "%x01%H";
  const output = await git({ dir: repo.dir, env }, [
    "-c",
    "log.showRoot=true",
    "log",
    "-z",
    "--reverse",
    "--first-parent",
    "-m",
    "-M",
    "--no-color",
    "--name-status",
    `--format=${format}`,
    commit,
    "--"
  ]);
  const tokens = splitNul(output).map((token) => token.replace(/^\n+/, ""));
  const commits = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? "";
    if (token.startsWith("")) {
      const [sha = "", signature] = token.slice(1).split(" ");
      commits.push({ sha, ...signed ? { signature: signature ?? "N" } : {}, files: [] });
      continue;
    }
    const current = commits.at(-1);
    if (current === void 0 || token === "") continue;
    const status = STATUSES[token[0] ?? ""] ?? "modified";
    if (status === "renamed" || status === "copied") {
      const previousPath = tokens[++index] ?? "";
      current.files.push({ path: tokens[++index] ?? "", status, previousPath });
    } else current.files.push({ path: tokens[++index] ?? "", status });
  }
  return commits;
}

export {
  bytesToHex,
  utf8ToBytes,
  sha256,
  renderCanonicalJson,
  hashRequest,
  createDecisionId,
  createRequestMarker,
  BIDI_CONTROLS,
  escapeMarkdownInline,
  renderUntrustedBlock,
  renderPlainText,
  renderMention,
  renderCode,
  renderCommentJson,
  evaluateReadiness,
  describeNotReady,
  createDecisionRecord,
  renderDecisionRecord,
  parseRecordFile,
  parseDecisionRecord,
  createDecisionRecordPath,
  renderDecisionCommitMessage,
  parseDecisionCommitMessage,
  GitError,
  loadRepository,
  loadObjectRepository,
  resolveCommit,
  resolveBranchName,
  loadMergeBase,
  loadChangedFiles,
  loadHeadCommit,
  loadFileAtCommit,
  loadConfigValue,
  loadTreeEntries,
  loadBlobs,
  findDecisionLogCommit,
  loadDecisionLogFilesAt,
  loadDecisionLogFiles,
  loadDecisionLog,
  loadLogHistory
};
