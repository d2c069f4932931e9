// A fast path for reading decision-record front matter. `yaml` is thorough and therefore slow
// (~0.25 ms a record, most of an audit of 10,000 records). The front matter renderDecisionRecord
// writes uses a small part of YAML: block maps with lower-case keys, block lists of scalars or of
// maps, `[]` and `{}`, plain, quoted and literal-block scalars. This reads exactly that part and
// gives up (returns undefined) on anything else, so the caller falls back to `yaml` for the full
// language and its error messages. It never accepts a text `yaml` would refuse or read otherwise:
// a property test compares both over rendered and randomly damaged records.

type Value = string | number | Value[] | { [key: string]: Value };

/** Thrown inside the parser to give up; never escapes it. */
const GIVE_UP = Symbol('give up');

/**
 * Characters the fast path leaves to `yaml`: tabs, carriage returns and other controls, the BOM,
 * the Unicode line breaks, non-characters and lone surrogates (with the `u` flag, a surrogate
 * pair is one code point, so only a lone half matches the range).
 */
const UNUSUAL = /(?!\n)\p{Cc}|[\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/u;
/**
 * The same characters by UTF-16 code unit, every surrogate included: a superset of UNUSUAL that a
 * non-Unicode regex scans about ten times faster, so UNUSUAL runs only on a text that has one.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const MAYBE_UNUSUAL = /[\0-\t\v-\x1f\x7f-\x9f\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;

/** `key:` and what follows, at a known indentation. Keys are what the record schema uses. */
const ENTRY = /^([a-z][a-z_]*):(?: (.*))?$/;

/** Plain scalars that the core schema reads as something other than a string. */
const CORE_SPECIAL =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)?$/;

/** An integer the fast path reads itself: no sign, no leading zero, safely within a double. */
const SIMPLE_INT = /^(?:0|[1-9][0-9]{0,14})$/;

/** First characters that make a plain scalar mean something else, or that `yaml` refuses or trims. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@` ]/;

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

function giveUp(): never {
  throw GIVE_UP;
}

function indentOf(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

/**
 * False when CORE_SPECIAL cannot match: the text starts with a letter that starts none of
 * null, true, false (most plain scalars: logins, names, URLs), so the long regex is skipped.
 */
function mayBeSpecial(text: string): boolean {
  const lower = text.charCodeAt(0) | 32;
  return lower < 97 || lower > 122 || lower === 110 || lower === 116 || lower === 102;
}

function readPlain(text: string): string | number {
  if (
    text === '' ||
    INDICATOR_START.test(text) ||
    text.endsWith(' ') ||
    text.endsWith(':') ||
    text.includes(': ') ||
    text.includes(' #')
  )
    giveUp();
  if (mayBeSpecial(text) && CORE_SPECIAL.test(text)) return SIMPLE_INT.test(text) ? Number(text) : giveUp();
  return text;
}

/** A double-quoted scalar that opens and closes on this line, with nothing after it. */
function readDoubleQuoted(text: string): string {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') return i === text.length - 1 ? out : giveUp();
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = text[++i] ?? giveUp();
    const simple = DOUBLE_QUOTE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : giveUp();
    const digits = text.slice(i + 1, i + 1 + length);
    const code = digits.length === length && HEX_DIGITS.test(digits) ? Number.parseInt(digits, 16) : giveUp();
    out += code <= 0x10ffff ? String.fromCodePoint(code) : giveUp();
    i += length;
  }
  return giveUp();
}

/** A single-quoted scalar that opens and closes on this line, with nothing after it. */
function readSingleQuoted(text: string): string {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char !== "'") out += char;
    else if (text[i + 1] === "'") {
      out += "'";
      i++;
    } else return i === text.length - 1 ? out : giveUp();
  }
  return giveUp();
}

function readScalar(text: string): string | number {
  if (text.startsWith('"')) return readDoubleQuoted(text);
  if (text.startsWith("'")) return readSingleQuoted(text);
  return readPlain(text);
}

/**
 * Where the `:` after the key at `from` is, for a line that is `key:` or `key: value` (ENTRY,
 * read by hand: most of the fast path's time is spent here); gives up on anything else.
 */
function endOfKey(line: string, from: number): number {
  let at = from;
  let code = line.charCodeAt(at);
  if (!(code >= 97 && code <= 122)) giveUp();
  do code = line.charCodeAt(++at);
  while ((code >= 97 && code <= 122) || code === 95);
  if (code !== 58) giveUp();
  return at + 1 === line.length || line.charCodeAt(at + 1) === 32 ? at : giveUp();
}

class Reader {
  private index = 0;
  private readonly lines: string[];
  constructor(lines: string[]) {
    this.lines = lines;
  }

  /** The whole text as one block map at column 0. */
  read(): { [key: string]: Value } {
    const map = this.readMap(0);
    return this.index === this.lines.length ? map : giveUp();
  }

  private readMap(indent: number): { [key: string]: Value } {
    const map: { [key: string]: Value } = {};
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      const colon = endOfKey(line, indent);
      const key = line.slice(indent, colon);
      if (Object.hasOwn(map, key)) giveUp();
      this.index++;
      map[key] = this.readValue(colon + 1 === line.length ? undefined : line.slice(colon + 2), indent);
    }
    return map;
  }

  /** What follows `key:` on its line (`rest`), and the lines below it when that is nothing. */
  private readValue(rest: string | undefined, indent: number): Value {
    if (rest === undefined) return this.readNested(indent);
    if (rest === '[]') return [];
    if (rest === '{}') return {};
    if (rest === '|' || rest === '|-' || rest === '|+') return this.readLiteral(rest, indent);
    return readScalar(rest);
  }

  /** A block map or list indented under a key at `indent`. */
  private readNested(indent: number): Value {
    const line = this.lines[this.index] ?? giveUp();
    const inner = indentOf(line);
    if (inner <= indent) giveUp();
    return line.startsWith('- ', inner) ? this.readList(inner) : this.readMap(inner);
  }

  private readList(indent: number): Value[] {
    const list: Value[] = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent || !line.startsWith('- ', indent)) giveUp();
      const item = line.slice(indent + 2);
      if (ENTRY.test(item)) {
        // `- key: value` opens a map whose keys line up after the dash.
        this.lines[this.index] = `${' '.repeat(indent + 2)}${item}`;
        list.push(this.readMap(indent + 2));
      } else {
        list.push(readScalar(item));
        this.index++;
      }
    }
    return list;
  }

  /** A literal block scalar under a key at `indent`, without an indentation indicator. */
  private readLiteral(header: '|' | '|-' | '|+', indent: number): string {
    const content: string[] = [];
    let contentIndent = 0;
    let leadingBlank = 0;
    let trailing = 0;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      const lineIndent = indentOf(line);
      if (lineIndent === line.length) {
        // A blank line: before the content, inside it or after it. Spaces beyond the content's
        // indentation would be content (or, before it, an error): left to `yaml`.
        if (contentIndent === 0) leadingBlank = Math.max(leadingBlank, lineIndent);
        else if (lineIndent > contentIndent) giveUp();
        content.push('');
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
    // Content that ends the text, or has nothing but blank lines, is left to `yaml`.
    if (contentIndent === 0 || this.index === this.lines.length) giveUp();
    const body = content.slice(0, content.length - trailing).join('\n');
    if (header === '|-') return body;
    if (header === '|') return `${body}\n`;
    return `${body}\n${'\n'.repeat(trailing)}`;
  }
}

/**
 * The front matter as `yaml` would read it (core schema, unique keys), when it is written in the
 * subset described at the top of this file; undefined otherwise, and then only `yaml` can say.
 */
export function parseYamlSubset(text: string): { [key: string]: Value } | undefined {
  if (MAYBE_UNUSUAL.test(text) && UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text.split('\n')).read();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
