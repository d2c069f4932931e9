#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/core/glob.ts
var SLASH = 47;
var MAX_RANGE = 1e3;
var MAX_STATES = 1e4;
var MAX_DFA_STATES = 512;
var MAX_DFA_TRANSITIONS = 8192;
var GlobError = class extends Error {
};
var missing = (kind, char2) => new GlobError(`missing ${kind} "${char2}" (write "\\${char2}" to match it literally)`);
var POSIX = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122]
  ],
  alpha: [
    [65, 90],
    [97, 122]
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32]
  ],
  cntrl: [
    [0, 31],
    [127, 127]
  ],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126]
  ],
  space: [
    [9, 13],
    [32, 32]
  ],
  upper: [[65, 90]],
  word: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122]
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102]
  ]
};
var seq = (items) => ({ t: "seq", items });
var char = (c) => ({ t: "char", code: c.codePointAt(0) ?? 0 });
var literal = (text) => seq(Array.from(text, char));
var optional = (node) => ({ t: "repeat", min: 0, max: 1, node });
var anyChars = () => ({ t: "repeat", min: 0, max: Infinity, node: { t: "any-char" } });
var Parser = class {
  chars;
  i = 0;
  constructor(source) {
    this.chars = Array.from(source);
  }
  parse() {
    const node = this.sequence("");
    const extra = this.chars[this.i];
    if (extra === ")") throw missing("opening", "(");
    return node;
  }
  peek(offset = 0) {
    return this.chars[this.i + offset];
  }
  /** Items until one of `stops` (at this depth) or the end. */
  sequence(stops) {
    const items = [];
    for (let c = this.peek(); c !== void 0 && !stops.includes(c); c = this.peek()) {
      const before = this.chars[this.i - 1];
      this.i++;
      const next = this.peek();
      if (c === "\\") {
        if (next === void 0) items.push(char("\\"));
        else {
          items.push(char(next));
          this.i++;
        }
      } else if (c === "*" && next === "*") {
        while (this.peek() === "*") this.i++;
        const after = this.peek();
        const leftBound = before === void 0 || "/{,(|".includes(before);
        const rightBound = after === void 0 || "/},)|".includes(after);
        if (!(leftBound && rightBound))
          items.push(seq([{ t: "repeat", min: 0, max: Infinity, node: { t: "segment-char" } }]));
        else if (after === "/") {
          this.i++;
          items.push(optional(seq([anyChars(), char("/")])));
        } else if (before === "/" && items.at(-1)?.t === "char") {
          items.pop();
          items.push(optional(seq([char("/"), anyChars()])));
        } else items.push(anyChars());
      } else if (next === "(" && "*?+@!".includes(c)) {
        if (c === "!")
          throw new GlobError('"!(\u2026)" is not supported: exclude files with a "!" entry in paths');
        this.i++;
        const group = this.group();
        items.push(
          c === "@" ? group : { t: "repeat", min: c === "+" ? 1 : 0, max: c === "?" ? 1 : Infinity, node: group }
        );
      } else if (c === "*") items.push({ t: "repeat", min: 0, max: Infinity, node: { t: "segment-char" } });
      else if (c === "?") items.push({ t: "segment-char" });
      else if (c === "(") items.push(this.group());
      else if (c === ")") throw missing("opening", "(");
      else if (c === "[") items.push(this.characterClass());
      else if (c === "]") throw missing("opening", "[");
      else if (c === "{") items.push(this.braces());
      else items.push(char(c));
    }
    return seq(items);
  }
  /** After `(`: alternatives separated by `|`, up to `)`. */
  group() {
    const alts = [this.sequence("|)")];
    while (this.peek() === "|") {
      this.i++;
      alts.push(this.sequence("|)"));
    }
    if (this.peek() !== ")") throw missing("closing", ")");
    this.i++;
    return { t: "alt", alts };
  }
  /** After `{`: alternatives separated by `,`, a range `1..3`, or (without a comma) literal braces. */
  braces() {
    const open = this.i;
    const alts = [this.sequence(",}")];
    while (this.peek() === ",") {
      this.i++;
      alts.push(this.sequence(",}"));
    }
    if (this.peek() !== "}") throw missing("closing", "}");
    this.i++;
    if (alts.length > 1) return { t: "alt", alts };
    const inner = this.chars.slice(open, this.i - 1).join("");
    const range = expandRange(inner);
    if (range !== void 0) return { t: "alt", alts: range.map(literal) };
    return seq([char("{"), ...alts[0] ? [alts[0]] : [], char("}")]);
  }
  /** After `[`: one character (never `/`) in or out of a set. */
  characterClass() {
    let negated = false;
    if (this.peek() === "!" || this.peek() === "^") {
      negated = true;
      this.i++;
    }
    const ranges = [];
    let first = true;
    for (; ; ) {
      const c = this.peek();
      if (c === void 0) throw missing("closing", "]");
      this.i++;
      if (c === "]" && !first) break;
      first = false;
      if (c === "[" && this.peek() === ":") {
        const end = this.chars.indexOf("]", this.i);
        const name = end < 0 ? void 0 : this.chars.slice(this.i + 1, end - 1).join("");
        const set = name !== void 0 && this.chars[end - 1] === ":" ? POSIX[name] : void 0;
        if (set !== void 0) {
          ranges.push(...set);
          this.i = end + 1;
          continue;
        }
      }
      let low = c;
      if (c === "\\" && this.peek() !== void 0) low = this.chars[this.i++] ?? c;
      let high = low;
      if (this.peek() === "-" && this.peek(1) !== void 0 && this.peek(1) !== "]") {
        this.i++;
        high = this.chars[this.i++] ?? low;
        if (high === "\\" && this.peek() !== void 0) high = this.chars[this.i++] ?? high;
      }
      const lo = low.codePointAt(0) ?? 0;
      const hi = high.codePointAt(0) ?? 0;
      if (hi < lo) throw new GlobError(`range "${low}-${high}" is out of order`);
      ranges.push([lo, hi]);
    }
    return { t: "class", negated, ranges };
  }
};
function expandRange(text) {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(text);
  let values;
  if (numeric) {
    const [, a = "", b = "", s] = numeric;
    const from = Number(a);
    const to = Number(b);
    const step2 = Math.abs(Number(s ?? 1)) || 1;
    if (Math.abs(to - from) / step2 >= MAX_RANGE)
      throw new GlobError(`range {${text}} has more than ${MAX_RANGE} values`);
    const width = /^-?0\d/.test(a) || /^-?0\d/.test(b) ? Math.max(a.length, b.length) : 0;
    values = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step2 : -step2) {
      const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), "0");
      values.push(v < 0 ? `-${digits}` : digits);
    }
  } else if (letters) {
    const from = letters[1]?.charCodeAt(0) ?? 0;
    const to = letters[2]?.charCodeAt(0) ?? 0;
    values = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? 1 : -1)
      values.push(String.fromCharCode(v));
  } else return void 0;
  return values;
}
function compile(root) {
  const states = [];
  const patch = (exits, target) => {
    for (const exit of exits) {
      const state = states[exit.state];
      if (state === void 0 || state.kind === "match") continue;
      if (exit.second && state.kind === "split") state.out2 = target;
      else state.out = target;
    }
  };
  const add = (state) => states.push(state) - 1;
  const build = (node) => {
    switch (node.t) {
      case "char":
      case "segment-char":
      case "any-char":
      case "class": {
        const state = node.t === "char" ? { kind: "char", code: node.code, out: -1 } : node.t === "class" ? { kind: "class", negated: node.negated, ranges: node.ranges, out: -1 } : { kind: node.t, out: -1 };
        const id = add(state);
        return { start: id, exits: [{ state: id, second: false }] };
      }
      case "seq": {
        if (node.items.length === 0) {
          const id = add({ kind: "split", out: -1, out2: -1 });
          return {
            start: id,
            exits: [
              { state: id, second: false },
              { state: id, second: true }
            ]
          };
        }
        let fragment2;
        for (const item of node.items) {
          const next = build(item);
          if (fragment2 === void 0) fragment2 = next;
          else {
            patch(fragment2.exits, next.start);
            fragment2 = { start: fragment2.start, exits: next.exits };
          }
        }
        return fragment2;
      }
      case "alt": {
        let fragment2 = build(node.alts[0] ?? seq([]));
        for (const alt of node.alts.slice(1)) {
          const other = build(alt);
          const id = add({ kind: "split", out: fragment2.start, out2: other.start });
          fragment2 = { start: id, exits: [...fragment2.exits, ...other.exits] };
        }
        return fragment2;
      }
      case "repeat": {
        const body = build(node.node);
        const id = add({ kind: "split", out: body.start, out2: -1 });
        const leave = { state: id, second: true };
        if (node.max === 1) return { start: node.min === 0 ? id : body.start, exits: [...body.exits, leave] };
        patch(body.exits, id);
        return { start: node.min === 0 ? id : body.start, exits: [leave] };
      }
    }
  };
  const fragment = build(root);
  const match = add({ kind: "match" });
  patch(fragment.exits, match);
  return { states, start: fragment.start };
}
function literalOf(node) {
  if (node.t !== "seq") return void 0;
  let text = "";
  for (const item of node.items) {
    if (item.t !== "char") return void 0;
    text += String.fromCodePoint(item.code);
  }
  return text;
}
var SPECIAL = /[*?[\]{}()!+@\\]/;
function shapeOf(source) {
  const segments = source.split("/");
  const globstar = segments.indexOf("**");
  if (segments.lastIndexOf("**") !== globstar) return void 0;
  const last = segments.at(-1) ?? "";
  const literal2 = (list) => list.every((segment) => segment !== "" && !SPECIAL.test(segment));
  const before = globstar < 0 ? segments.slice(0, -1) : segments.slice(0, globstar);
  const folders = globstar < 0 || globstar === segments.length - 1 ? [] : segments.slice(globstar + 1, -1);
  if (!literal2(before) || !literal2(folders)) return void 0;
  let end;
  if (globstar === segments.length - 1) {
    if (before.length === 0) return void 0;
    end = { kind: "all", text: "" };
  } else if (last !== "" && !SPECIAL.test(last)) end = { kind: "name", text: last };
  else if (last.startsWith("*") && last.length > 1 && !SPECIAL.test(last.slice(1)))
    end = { kind: "ending", text: last.slice(1) };
  else return void 0;
  return { prefix: before.join("/"), anyFolders: globstar >= 0, folders: folders.join("/"), last: end };
}
function matchShape(shape, name) {
  const { prefix, last, folders } = shape;
  let from = 0;
  if (prefix !== "") {
    if (!name.startsWith(prefix)) return false;
    if (name.length === prefix.length) return last.kind === "all";
    if (name.charCodeAt(prefix.length) !== SLASH) return false;
    from = prefix.length + 1;
  }
  if (last.kind === "all") return true;
  const slash = name.lastIndexOf("/");
  const end = slash < from ? from : slash;
  const segment = slash < from ? from : slash + 1;
  if (last.kind === "name") {
    if (name.length - segment !== last.text.length || !name.startsWith(last.text, segment)) return false;
  } else if (name.length - segment < last.text.length || !name.endsWith(last.text)) return false;
  if (!shape.anyFolders) {
    return folders === "" ? slash < from : end - from === folders.length && name.startsWith(folders, from);
  }
  if (folders === "" || end - from === folders.length && name.startsWith(folders, from)) return true;
  const at = end - folders.length;
  return at > from && name.charCodeAt(at - 1) === SLASH && name.startsWith(folders, at);
}
function shapesOf(source) {
  let expanded = [source];
  for (; ; ) {
    const brace = /\{([^{}]*)\}/.exec(expanded[0] ?? "");
    if (brace === null) break;
    const words = (brace[1] ?? "").split(",");
    if (words.length < 2 || words.some((word) => SPECIAL.test(word) || word.includes("/"))) return void 0;
    if (expanded.length * words.length > 32) return void 0;
    expanded = expanded.flatMap((text) => {
      const at = text.indexOf(brace[0]);
      return words.map((word) => text.slice(0, at) + word + text.slice(at + brace[0].length));
    });
  }
  const shapes = [];
  for (const text of expanded) {
    const shape = shapeOf(text);
    if (shape === void 0) return void 0;
    shapes.push(shape);
  }
  return shapes;
}
function parseGlob(source) {
  let root;
  try {
    root = new Parser(source).parse();
  } catch (error) {
    if (error instanceof GlobError) return { ok: false, problem: error.message };
    throw error;
  }
  const { states, start } = compile(root);
  if (states.length > MAX_STATES) {
    return {
      ok: false,
      problem: `too large: it expands to ${states.length} states, at most ${MAX_STATES} (split it into several globs, or use fewer ranges)`
    };
  }
  const text = literalOf(root);
  const shapes = text === void 0 ? shapesOf(source) : void 0;
  return {
    ok: true,
    glob: {
      source,
      states,
      start,
      literal: text,
      shapes,
      cache: createCache()
    }
  };
}
var SHORTCUT_LENGTH = 1e3;
function compileAcceptedGlob(source) {
  if (source.length <= SHORTCUT_LENGTH) {
    if (!SPECIAL.test(source)) return deferAutomaton(source, source, void 0);
    const shapes = shapesOf(source);
    if (shapes !== void 0) return deferAutomaton(source, void 0, shapes);
  }
  const parsed = parseGlob(source);
  return parsed.ok ? parsed.glob : void 0;
}
function deferAutomaton(source, literal2, shapes) {
  let automaton;
  const build = () => {
    automaton ??= compile(new Parser(source).parse());
    return automaton;
  };
  return {
    source,
    get states() {
      return build().states;
    },
    get start() {
      return build().start;
    },
    literal: literal2,
    shapes,
    cache: createCache()
  };
}
function createCache() {
  return { byKey: /* @__PURE__ */ new Map(), transitions: 0, start: void 0 };
}
function closure(glob, from, meter) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [...from];
  const consuming = [];
  let accepts2 = false;
  while (stack.length > 0) {
    const id = stack.pop() ?? -1;
    if (id < 0 || seen.has(id)) continue;
    seen.add(id);
    if (meter) meter.steps++;
    const state = glob.states[id];
    if (state === void 0) continue;
    if (state.kind === "split") stack.push(state.out2, state.out);
    else if (state.kind === "match") accepts2 = true;
    else consuming.push(id);
  }
  consuming.sort((a, b) => a - b);
  const key = `${accepts2 ? 1 : 0}:${consuming.join(",")}`;
  const cached = glob.cache.byKey.get(key);
  if (cached) return cached;
  const created = { states: consuming, accepts: accepts2, ascii: [], next: /* @__PURE__ */ new Map() };
  if (glob.cache.byKey.size >= MAX_DFA_STATES) glob.cache = createCache();
  glob.cache.byKey.set(key, created);
  return created;
}
function accepts(state, code) {
  switch (state.kind) {
    case "char":
      return state.code === code;
    case "segment-char":
      return code !== SLASH;
    case "any-char":
      return true;
    case "class":
      return code !== SLASH && state.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== state.negated;
    default:
      return false;
  }
}
function step(glob, from, code, meter) {
  const known = code < 128 ? from.ascii[code] : from.next.get(code);
  if (known) return known;
  const targets = [];
  for (const id of from.states) {
    const state = glob.states[id];
    if (meter) meter.steps++;
    if (state !== void 0 && state.kind !== "split" && state.kind !== "match" && accepts(state, code))
      targets.push(state.out);
  }
  const cache = glob.cache;
  const next = closure(glob, targets, meter);
  if (cache === glob.cache) {
    if (cache.transitions >= MAX_DFA_TRANSITIONS) glob.cache = createCache();
    else {
      if (code < 128) from.ascii[code] = next;
      else from.next.set(code, next);
      cache.transitions++;
    }
  }
  return next;
}
function matchGlob(glob, name, meter) {
  if (glob.literal !== void 0) {
    if (meter) meter.steps += 1;
    return name === glob.literal;
  }
  if (glob.shapes !== void 0) {
    if (meter) meter.steps += glob.shapes.length * (name.length + 1);
    return glob.shapes.some((shape) => matchShape(shape, name));
  }
  let current = glob.cache.start ?? closure(glob, [glob.start], meter);
  glob.cache.start = current;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 55296 && code <= 56319) {
      code = name.codePointAt(i) ?? code;
      if (code > 65535) i++;
    }
    const known = code < 128 ? current.ascii[code] : void 0;
    current = known ?? step(glob, current, code, meter);
    if (current.states.length === 0 && !current.accepts) {
      if (meter) meter.steps += i + 1;
      return false;
    }
  }
  if (meter) meter.steps += name.length;
  return current.accepts;
}

export {
  parseGlob,
  compileAcceptedGlob,
  matchGlob
};
