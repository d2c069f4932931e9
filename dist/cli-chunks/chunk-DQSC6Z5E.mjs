#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  REQUIREMENTS
} from "./chunk-5Q7N6AK2.mjs";

// src/core/escape.ts
var ZWSP = "\u200B";
var BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var OTHER_CONTROLS = /[\p{Cc}\uFEFF]/gu;
var INVISIBLE = /[\s\p{Cc}\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
var LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
var MARKDOWN_PUNCTUATION = new Set("\\`*_{}[]()+-!|~$=".split(""));
var GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var GITHUB_TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
function stripControls(text) {
  return text.replace(LINE_BREAKS, "\n").replace(BIDI_CONTROLS, "").replace(/\t/g, " ").replace(OTHER_CONTROLS, (char) => char === "\n" ? char : "");
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
function fitPrefix(text, maxChars, render, countRest = false) {
  const chars = [];
  let visible = 0;
  let units = 0;
  for (const char of text) {
    if (!INVISIBLE.test(char) && ++visible > maxChars) break;
    chars.push(char);
    units += char.length;
  }
  if (units === text.length) {
    const shown = render(text);
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
  if (units < text.length) rest += countRest ? Array.from(text.slice(units)).length : 1;
  return { shown: render(chars.slice(0, low).join("")), rest };
}
function escapeMarkdownInline(text, maxChars = Number.POSITIVE_INFINITY) {
  const render = (source) => escapeLine(
    stripControls(source).replace(/\s*\n\s*/g, " ").trim()
  );
  if (maxChars === Number.POSITIVE_INFINITY) return render(text);
  const whole = fitPrefix(text, maxChars, render);
  return whole.rest === 0 ? whole.shown : `${fitPrefix(text, maxChars - 1, render).shown}\u2026`;
}
function renderBlock(text) {
  const paragraphs = [[]];
  for (const rawLine of stripControls(text).split("\n")) {
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
function renderUntrustedBlock(text, maxChars = UNTRUSTED_BLOCK_MAX_CHARS) {
  const { shown, rest } = fitPrefix(text, maxChars, renderBlock, true);
  if (rest === 0) return shown;
  const note = `\u2026 (truncated, ${rest} more characters)`;
  return shown === "" ? note : `${shown}

${note}`;
}
function renderPlainText(text, maxChars = Number.POSITIVE_INFINITY) {
  const line = stripControls(text).replace(/\s*\n\s*/g, " ").trim().replace(/[@#]/g, `$&${ZWSP}`).replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`);
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
function renderCode(text) {
  const content = stripControls(text).replace(/\n/g, " ").replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`) || " ";
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
function parseCommentJson(body, pattern, schema) {
  const json = pattern.exec(body)?.[1];
  if (json === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return void 0;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : void 0;
}

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
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes[bytes[i]];
  }
  return hex;
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
function sha256Hex(text) {
  return bytesToHex(sha256(utf8ToBytes(text)));
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
function evaluateText(label, text, minWords) {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return `no ${label}`;
  if (isPlaceholder(trimmed)) return `${label} is a placeholder (${quote(trimmed)})`;
  if (countWords(trimmed) < minWords) return `${label} is too short to act on (${quote(trimmed)})`;
  return void 0;
}
function isPlaceholder(text) {
  const plain = text.trim().replace(/^(?:[-*+>]\s+)+/, "").replace(/^[*_`"'([]+|[*_`"')\]]+$/g, "").replace(/\s+/g, " ").toLowerCase();
  if (PLACEHOLDER_PREFIX.test(plain)) return true;
  const bare = plain.replace(/(?<=.)[.!?:;]+$/, "");
  return PLACEHOLDER.test(bare) || PLACEHOLDER.test(plain);
}
function countWords(text) {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
function quote(text) {
  const line = text.replace(/\s+/g, " ");
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 59)}\u2026` : line);
}

export {
  BIDI_CONTROLS,
  escapeMarkdownInline,
  renderUntrustedBlock,
  renderPlainText,
  renderMention,
  renderCode,
  renderCommentJson,
  parseCommentJson,
  bytesToHex,
  utf8ToBytes,
  sha256,
  renderCanonicalJson,
  hashRequest,
  createDecisionId,
  createRequestMarker,
  evaluateReadiness,
  describeNotReady
};
