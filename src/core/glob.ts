// Globs without backtracking. A glob is parsed once into a small automaton (Thompson's
// construction) and a name is matched by walking all of the automaton's states at once, one
// character at a time, so matching costs at most (characters in the name) × (states in the glob),
// whatever the glob and the name: no input can make it backtrack. Transitions already computed
// are remembered per glob (a lazy DFA, bounded in size), so the usual cost is one lookup per
// character.
//
// Every character is a character: the name is read as code points (a lone surrogate is one
// character), and only `/` is special. Newlines, U+2028, U+2029, U+0085, `\r` and every other
// control character are matched by `*`, `?`, `**` and classes like any other character.
//
// Syntax: `*` (any characters but `/`), `**` as a whole segment (any number of folders, dot-folders
// included; `a/**/b` matches `a/b`, `a/**` matches `a`), `?` (one character but `/`), `[abc]`,
// `[a-z]`, `[!a]` / `[^a]`, `[[:alpha:]]`, `{a,b}` (nested, and may hold `/`), `{1..3}` and
// `{a..c}`, `(a|b)` and `@(a|b)`, `?(a|b)`, `*(a|b)`, `+(a|b)`, and `\` to escape. `!(…)` is
// refused: exclude files with a leading `!` entry in `paths`.

export interface Glob {
  readonly source: string;
  /** The automaton's states. */
  readonly states: readonly State[];
  readonly start: number;
  /** A glob without wildcards matches only this name. */
  readonly literal: string | undefined;
  // The shapes most globs have (a/**, **/b.rb, **/*.sql, src/*.ts), tested with string methods.
  readonly shapes: readonly Shape[] | undefined;
  /** Transitions already computed (the lazy DFA); reset when it grows past its bound. */
  cache: DfaCache;
}

/**
 * `prefix/` (optional) then, with `anyFolders`, any folders, then `folders/` (optional) then a last
 * segment that is `name` exactly, or ends with `ending` (the glob's last segment is `*ending`), or
 * anything at all (the glob ends with `/**`). Literal parts hold no wildcard.
 */
interface Shape {
  prefix: string;
  anyFolders: boolean;
  folders: string;
  last: { kind: 'name' | 'ending' | 'all'; text: string };
}

/** Counts the work done, for tests and benchmarks that assert on cost rather than on time. */
export interface MatchMeter {
  /** Characters read plus automaton states visited. */
  steps: number;
}

export type ParsedGlob = { ok: true; glob: Glob } | { ok: false; problem: string };

type State =
  | { kind: 'char'; code: number; out: number }
  | { kind: 'segment-char'; out: number } // any character but `/`
  | { kind: 'any-char'; out: number } // any character, `/` included
  | { kind: 'class'; negated: boolean; ranges: readonly (readonly [number, number])[]; out: number }
  | { kind: 'split'; out: number; out2: number }
  | { kind: 'match' };

type Node =
  | { t: 'char'; code: number }
  | { t: 'segment-char' }
  | { t: 'any-char' }
  | { t: 'class'; negated: boolean; ranges: [number, number][] }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'repeat'; min: 0 | 1; max: 1 | typeof Infinity; node: Node };

const SLASH = 0x2f;
const MAX_RANGE = 1000;
/** Bound of a glob's automaton: the cost of a match is at most characters × states. */
const MAX_STATES = 10_000;
/** Bound of the lazy DFA per glob: past it, the cache starts again empty. */
const MAX_DFA_STATES = 512;
const MAX_DFA_TRANSITIONS = 8192;

class GlobError extends Error {}

const missing = (kind: 'closing' | 'opening', char: string): GlobError =>
  new GlobError(`missing ${kind} "${char}" (write "\\${char}" to match it literally)`);

const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const seq = (items: Node[]): Node => ({ t: 'seq', items });
const char = (c: string): Node => ({ t: 'char', code: c.codePointAt(0) ?? 0 });
const literal = (text: string): Node => seq(Array.from(text, char));
const optional = (node: Node): Node => ({ t: 'repeat', min: 0, max: 1, node });
const anyChars = (): Node => ({ t: 'repeat', min: 0, max: Infinity, node: { t: 'any-char' } });

/** Reads a glob; `!` at the start is the caller's to handle (a negation), not part of the syntax. */
class Parser {
  private readonly chars: string[];
  private i = 0;

  constructor(source: string) {
    this.chars = Array.from(source);
  }

  parse(): Node {
    const node = this.sequence('');
    const extra = this.chars[this.i];
    if (extra === ')') throw missing('opening', '(');
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.i + offset];
  }

  /** Items until one of `stops` (at this depth) or the end. */
  private sequence(stops: string): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && !stops.includes(c); c = this.peek()) {
      const before = this.chars[this.i - 1];
      this.i++;
      const next = this.peek();
      if (c === '\\') {
        if (next === undefined) items.push(char('\\'));
        else {
          items.push(char(next));
          this.i++;
        }
      } else if (c === '*' && next === '*') {
        while (this.peek() === '*') this.i++;
        const after = this.peek();
        const leftBound = before === undefined || '/{,(|'.includes(before);
        const rightBound = after === undefined || '/},)|'.includes(after);
        if (!(leftBound && rightBound))
          items.push(seq([{ t: 'repeat', min: 0, max: Infinity, node: { t: 'segment-char' } }]));
        else if (after === '/') {
          this.i++;
          items.push(optional(seq([anyChars(), char('/')]))); // any folders, each with its slash
        } else if (before === '/' && items.at(-1)?.t === 'char') {
          items.pop();
          items.push(optional(seq([char('/'), anyChars()]))); // `a/**` is `a` or anything under it
        } else items.push(anyChars());
      } else if (next === '(' && '*?+@!'.includes(c)) {
        if (c === '!')
          throw new GlobError('"!(…)" is not supported: exclude files with a "!" entry in paths');
        this.i++;
        const group = this.group();
        items.push(
          c === '@'
            ? group
            : { t: 'repeat', min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity, node: group },
        );
      } else if (c === '*') items.push({ t: 'repeat', min: 0, max: Infinity, node: { t: 'segment-char' } });
      else if (c === '?') items.push({ t: 'segment-char' });
      else if (c === '(') items.push(this.group());
      else if (c === ')') throw missing('opening', '(');
      else if (c === '[') items.push(this.characterClass());
      else if (c === ']') throw missing('opening', '[');
      else if (c === '{') items.push(this.braces());
      else items.push(char(c));
    }
    return seq(items);
  }

  /** After `(`: alternatives separated by `|`, up to `)`. */
  private group(): Node {
    const alts: Node[] = [this.sequence('|)')];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.sequence('|)'));
    }
    if (this.peek() !== ')') throw missing('closing', ')');
    this.i++;
    return { t: 'alt', alts };
  }

  /** After `{`: alternatives separated by `,`, a range `1..3`, or (without a comma) literal braces. */
  private braces(): Node {
    const open = this.i;
    const alts: Node[] = [this.sequence(',}')];
    while (this.peek() === ',') {
      this.i++;
      alts.push(this.sequence(',}'));
    }
    if (this.peek() !== '}') throw missing('closing', '}');
    this.i++;
    if (alts.length > 1) return { t: 'alt', alts };
    const inner = this.chars.slice(open, this.i - 1).join('');
    const range = expandRange(inner);
    if (range !== undefined) return { t: 'alt', alts: range.map(literal) };
    return seq([char('{'), ...(alts[0] ? [alts[0]] : []), char('}')]);
  }

  /** After `[`: one character (never `/`) in or out of a set. */
  private characterClass(): Node {
    let negated = false;
    if (this.peek() === '!' || this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw missing('closing', ']');
      this.i++;
      if (c === ']' && !first) break;
      first = false;
      if (c === '[' && this.peek() === ':') {
        const end = this.chars.indexOf(']', this.i);
        const name = end < 0 ? undefined : this.chars.slice(this.i + 1, end - 1).join('');
        const set = name !== undefined && this.chars[end - 1] === ':' ? POSIX[name] : undefined;
        if (set !== undefined) {
          ranges.push(...set);
          this.i = end + 1;
          continue;
        }
      }
      let low = c;
      if (c === '\\' && this.peek() !== undefined) low = this.chars[this.i++] ?? c;
      let high = low;
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.i++;
        high = this.chars[this.i++] ?? low;
        if (high === '\\' && this.peek() !== undefined) high = this.chars[this.i++] ?? high;
      }
      const lo = low.codePointAt(0) ?? 0;
      const hi = high.codePointAt(0) ?? 0;
      if (hi < lo) throw new GlobError(`range "${low}-${high}" is out of order`);
      ranges.push([lo, hi]);
    }
    return { t: 'class', negated, ranges };
  }
}

/** `1..3`, `01..10`, `1..9..2`, `a..e`: the values, or undefined when it is no range. */
function expandRange(text: string): string[] | undefined {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(text);
  let values: string[];
  if (numeric) {
    const [, a = '', b = '', s] = numeric;
    const from = Number(a);
    const to = Number(b);
    const step = Math.abs(Number(s ?? 1)) || 1;
    if (Math.abs(to - from) / step >= MAX_RANGE)
      throw new GlobError(`range {${text}} has more than ${MAX_RANGE} values`);
    const width = /^-?0\d/.test(a) || /^-?0\d/.test(b) ? Math.max(a.length, b.length) : 0;
    values = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
      const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      values.push(v < 0 ? `-${digits}` : digits);
    }
  } else if (letters) {
    const from = letters[1]?.charCodeAt(0) ?? 0;
    const to = letters[2]?.charCodeAt(0) ?? 0;
    values = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? 1 : -1)
      values.push(String.fromCharCode(v));
  } else return undefined;
  return values;
}

/** Thompson's construction: each node becomes a fragment with dangling exits, patched in order. */
function compile(root: Node): { states: State[]; start: number } {
  const states: State[] = [];
  type Exit = { state: number; second: boolean };
  type Fragment = { start: number; exits: Exit[] };
  const patch = (exits: readonly Exit[], target: number) => {
    for (const exit of exits) {
      const state = states[exit.state];
      if (state === undefined || state.kind === 'match') continue;
      if (exit.second && state.kind === 'split') state.out2 = target;
      else state.out = target;
    }
  };
  const add = (state: State): number => states.push(state) - 1;
  const build = (node: Node): Fragment => {
    switch (node.t) {
      case 'char':
      case 'segment-char':
      case 'any-char':
      case 'class': {
        const state: State =
          node.t === 'char'
            ? { kind: 'char', code: node.code, out: -1 }
            : node.t === 'class'
              ? { kind: 'class', negated: node.negated, ranges: node.ranges, out: -1 }
              : { kind: node.t, out: -1 };
        const id = add(state);
        return { start: id, exits: [{ state: id, second: false }] };
      }
      case 'seq': {
        if (node.items.length === 0) {
          const id = add({ kind: 'split', out: -1, out2: -1 });
          return {
            start: id,
            exits: [
              { state: id, second: false },
              { state: id, second: true },
            ],
          };
        }
        let fragment: Fragment | undefined;
        for (const item of node.items) {
          const next = build(item);
          if (fragment === undefined) fragment = next;
          else {
            patch(fragment.exits, next.start);
            fragment = { start: fragment.start, exits: next.exits };
          }
        }
        return fragment as Fragment;
      }
      case 'alt': {
        let fragment = build(node.alts[0] ?? seq([]));
        for (const alt of node.alts.slice(1)) {
          const other = build(alt);
          const id = add({ kind: 'split', out: fragment.start, out2: other.start });
          fragment = { start: id, exits: [...fragment.exits, ...other.exits] };
        }
        return fragment;
      }
      case 'repeat': {
        const body = build(node.node);
        const id = add({ kind: 'split', out: body.start, out2: -1 });
        const leave: Exit = { state: id, second: true };
        if (node.max === 1) return { start: node.min === 0 ? id : body.start, exits: [...body.exits, leave] };
        patch(body.exits, id); // loop back
        return { start: node.min === 0 ? id : body.start, exits: [leave] };
      }
    }
  };
  const fragment = build(root);
  const match = add({ kind: 'match' });
  patch(fragment.exits, match);
  return { states, start: fragment.start };
}

function literalOf(node: Node): string | undefined {
  if (node.t !== 'seq') return undefined;
  let text = '';
  for (const item of node.items) {
    if (item.t !== 'char') return undefined;
    text += String.fromCodePoint(item.code);
  }
  return text;
}

const SPECIAL = /[*?[\]{}()!+@\\]/;

function shapeOf(source: string): Shape | undefined {
  const segments = source.split('/');
  const globstar = segments.indexOf('**');
  if (segments.lastIndexOf('**') !== globstar) return undefined;
  const last = segments.at(-1) ?? '';
  const literal = (list: string[]) => list.every((segment) => segment !== '' && !SPECIAL.test(segment));
  const before = globstar < 0 ? segments.slice(0, -1) : segments.slice(0, globstar);
  const folders = globstar < 0 || globstar === segments.length - 1 ? [] : segments.slice(globstar + 1, -1);
  if (!literal(before) || !literal(folders)) return undefined;
  let end: Shape['last'];
  if (globstar === segments.length - 1) {
    if (before.length === 0) return undefined;
    end = { kind: 'all', text: '' };
  } else if (last !== '' && !SPECIAL.test(last)) end = { kind: 'name', text: last };
  else if (last.startsWith('*') && last.length > 1 && !SPECIAL.test(last.slice(1)))
    end = { kind: 'ending', text: last.slice(1) };
  else return undefined;
  return { prefix: before.join('/'), anyFolders: globstar >= 0, folders: folders.join('/'), last: end };
}

function matchShape(shape: Shape, name: string): boolean {
  const { prefix, last, folders } = shape;
  let from = 0;
  if (prefix !== '') {
    if (!name.startsWith(prefix)) return false;
    if (name.length === prefix.length) return last.kind === 'all';
    if (name.charCodeAt(prefix.length) !== SLASH) return false;
    from = prefix.length + 1;
  }
  if (last.kind === 'all') return true;
  // Without slicing: the last segment is name[segment..], the folders before it name[from..end).
  const slash = name.lastIndexOf('/');
  const end = slash < from ? from : slash;
  const segment = slash < from ? from : slash + 1;
  if (last.kind === 'name') {
    if (name.length - segment !== last.text.length || !name.startsWith(last.text, segment)) return false;
  } else if (name.length - segment < last.text.length || !name.endsWith(last.text)) return false;
  if (!shape.anyFolders) {
    return folders === '' ? slash < from : end - from === folders.length && name.startsWith(folders, from);
  }
  if (folders === '' || (end - from === folders.length && name.startsWith(folders, from))) return true;
  const at = end - folders.length;
  return at > from && name.charCodeAt(at - 1) === SLASH && name.startsWith(folders, at);
}

/** The shapes of a glob, its simple braces (`{a,b}` of plain words) expanded, up to 32 of them. */
function shapesOf(source: string): Shape[] | undefined {
  let expanded = [source];
  for (;;) {
    const brace = /\{([^{}]*)\}/.exec(expanded[0] ?? '');
    if (brace === null) break;
    const words = (brace[1] ?? '').split(',');
    if (words.length < 2 || words.some((word) => SPECIAL.test(word) || word.includes('/'))) return undefined;
    if (expanded.length * words.length > 32) return undefined;
    expanded = expanded.flatMap((text) => {
      const at = text.indexOf(brace[0]);
      return words.map((word) => text.slice(0, at) + word + text.slice(at + brace[0].length));
    });
  }
  const shapes: Shape[] = [];
  for (const text of expanded) {
    const shape = shapeOf(text);
    if (shape === undefined) return undefined;
    shapes.push(shape);
  }
  return shapes;
}

/** Parses a glob (without a leading negating `!`); a problem is one line for the user. */
export function parseGlob(source: string): ParsedGlob {
  let root: Node;
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
      problem: `too large: it expands to ${states.length} states, at most ${MAX_STATES} (split it into several globs, or use fewer ranges)`,
    };
  }
  const text = literalOf(root);
  const shapes = text === undefined ? shapesOf(source) : undefined;
  return {
    ok: true,
    glob: {
      source,
      states,
      start,
      literal: text,
      shapes,
      cache: createCache(),
    },
  };
}

/**
 * Sources this short have an automaton far below MAX_STATES: each character adds at most four
 * states (`/**` is a character, a split, any character and its loop), so 1,000 stay under 4,001.
 */
const SHORTCUT_LENGTH = 1_000;

/**
 * A glob the policy check has accepted, for matching: `parseGlob`'s glob, but a literal (no
 * special character) or one with shapes (most globs) is neither parsed nor compiled now, since
 * matching it reads only its literal or shapes; its automaton is built if anything asks for it.
 * Those sources always parse (the Parser throws only on `(`, `)`, `[`, `]` or an unclosed `{`,
 * which shapes never hold), so the answer is the same. Undefined for a glob `parseGlob` refuses.
 */
export function compileAcceptedGlob(source: string): Glob | undefined {
  if (source.length <= SHORTCUT_LENGTH) {
    if (!SPECIAL.test(source)) return deferAutomaton(source, source, undefined);
    const shapes = shapesOf(source);
    if (shapes !== undefined) return deferAutomaton(source, undefined, shapes);
  }
  const parsed = parseGlob(source);
  return parsed.ok ? parsed.glob : undefined;
}

function deferAutomaton(source: string, literal: string | undefined, shapes: Shape[] | undefined): Glob {
  let automaton: { states: State[]; start: number } | undefined;
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
    literal,
    shapes,
    cache: createCache(),
  };
}

// The lazy DFA: a set of automaton states, with the sets it moves to on each character read.
interface DfaState {
  states: readonly number[];
  accepts: boolean;
  /** Transitions on ASCII characters, by code; others in `next`. */
  ascii: (DfaState | undefined)[];
  next: Map<number, DfaState>;
}

interface DfaCache {
  byKey: Map<string, DfaState>;
  transitions: number;
  start: DfaState | undefined;
}

function createCache(): DfaCache {
  return { byKey: new Map(), transitions: 0, start: undefined };
}

/** The states reachable from `from` without reading a character, as a DFA state. */
function closure(glob: Glob, from: readonly number[], meter: MatchMeter | undefined): DfaState {
  const seen = new Set<number>();
  const stack = [...from];
  const consuming: number[] = [];
  let accepts = false;
  while (stack.length > 0) {
    const id = stack.pop() ?? -1;
    if (id < 0 || seen.has(id)) continue;
    seen.add(id);
    if (meter) meter.steps++;
    const state = glob.states[id];
    if (state === undefined) continue;
    if (state.kind === 'split') stack.push(state.out2, state.out);
    else if (state.kind === 'match') accepts = true;
    else consuming.push(id);
  }
  consuming.sort((a, b) => a - b);
  const key = `${accepts ? 1 : 0}:${consuming.join(',')}`;
  const cached = glob.cache.byKey.get(key);
  if (cached) return cached;
  const created: DfaState = { states: consuming, accepts, ascii: [], next: new Map() };
  if (glob.cache.byKey.size >= MAX_DFA_STATES) glob.cache = createCache();
  glob.cache.byKey.set(key, created);
  return created;
}

function accepts(state: State, code: number): boolean {
  switch (state.kind) {
    case 'char':
      return state.code === code;
    case 'segment-char':
      return code !== SLASH;
    case 'any-char':
      return true;
    case 'class':
      return code !== SLASH && state.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== state.negated;
    default:
      return false;
  }
}

function step(glob: Glob, from: DfaState, code: number, meter: MatchMeter | undefined): DfaState {
  const known = code < 0x80 ? from.ascii[code] : from.next.get(code);
  if (known) return known;
  const targets: number[] = [];
  for (const id of from.states) {
    const state = glob.states[id];
    if (meter) meter.steps++;
    if (state !== undefined && state.kind !== 'split' && state.kind !== 'match' && accepts(state, code))
      targets.push(state.out);
  }
  const cache = glob.cache;
  const next = closure(glob, targets, meter);
  // Remember the transition unless the cache was just reset (then `from` belongs to the old one).
  if (cache === glob.cache) {
    if (cache.transitions >= MAX_DFA_TRANSITIONS) glob.cache = createCache();
    else {
      if (code < 0x80) from.ascii[code] = next;
      else from.next.set(code, next);
      cache.transitions++;
    }
  }
  return next;
}

/** Whether `name` matches: at most (characters) × (states) steps, whatever the glob and the name. */
export function matchGlob(glob: Glob, name: string, meter?: MatchMeter): boolean {
  if (glob.literal !== undefined) {
    if (meter) meter.steps += 1;
    return name === glob.literal;
  }
  if (glob.shapes !== undefined) {
    if (meter) meter.steps += glob.shapes.length * (name.length + 1);
    return glob.shapes.some((shape) => matchShape(shape, name));
  }
  let current: DfaState = glob.cache.start ?? closure(glob, [glob.start], meter);
  glob.cache.start = current;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      code = name.codePointAt(i) ?? code;
      if (code > 0xffff) i++;
    }
    const known: DfaState | undefined = code < 0x80 ? current.ascii[code] : undefined;
    current = known ?? step(glob, current, code, meter);
    if (current.states.length === 0 && !current.accepts) {
      if (meter) meter.steps += i + 1;
      return false;
    }
  }
  if (meter) meter.steps += name.length;
  return current.accepts;
}
