// A shell line as the simple commands it runs (DESIGN §10), for classifying an agent's Bash calls.
// It follows what a POSIX shell or bash does with the line's structure: lists (`&&`, `||`, `;`,
// `&`, newlines), pipes, subshells, groups, `if`/`for`/`while`/`case`, functions, command and
// process substitutions (their commands are commands too), quoting (single, double, `$'…'` with
// its escapes, backslashes, concatenation: `p''sql` is `psql`), redirections and here-documents.
// It expands nothing: a word that holds a variable or a substitution is marked dynamic, and the
// caller decides what a dynamic command name means. Cost is bounded: the line's length, the
// nesting depth and the number of commands are capped, and past a cap the rest is unfollowable.

/** One word after quote removal. */
export interface ShellWord {
  text: string;
  /** Holds an unquoted or double-quoted expansion (`$X`, `${X}`, `$(…)`, backticks, `$((…))`). */
  dynamic: boolean;
  /** Holds an unquoted file-name pattern or brace expansion (`*`, `?`, `[`, `{a,b}`). */
  pattern: boolean;
  /** An assignment `NAME=value` (the name unquoted). */
  assignment: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `<>`, `>|`, `&>`, `&>>`, `>&`, `<&`, `<<<`, `<<`, `<<-`. */
  operator: string;
  target: ShellWord;
}

export interface SimpleCommand {
  type: 'command';
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** Here-document bodies and here-strings: what the command reads on its input. */
  input: { text: string; literal: boolean; unterminated?: boolean }[];
  /** The source text, for messages. */
  source: string;
}

export interface UnfollowablePart {
  type: 'unfollowable';
  reason: string;
  source: string;
}

export type ShellPart = SimpleCommand | UnfollowablePart;

/** Lines longer than this are not parsed: their whole is unfollowable. */
export const MAX_SHELL_LINE = 64 * 1024;
/** Substitutions, subshells and nested `bash -c` strings deeper than this are unfollowable. */
export const MAX_SHELL_DEPTH = 16;
/** Commands read from one line (all depths together); the rest is unfollowable. */
export const MAX_SHELL_COMMANDS = 1000;

class Unfollowable extends Error {}

/** Shared across the parsers of one line and the strings in it, so the caps hold for the whole. */
export interface ParseBudget {
  commands: number;
}

const METACHARACTERS = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const CONTROL_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '{',
  '}',
  '!',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The simple commands of a shell line, in order (a substitution's commands before the command that
 * holds it, a here-document's after it). What cannot be followed is an `unfollowable` part with the reason.
 */
export function parseShell(line: string, depth = 0, budget: ParseBudget = { commands: 0 }): ShellPart[] {
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

/** A here-document's delimiter as bash reads it: quote removal only, no expansion. */
function heredocDelimiter(raw: string): string {
  if (raw.includes("$'") || raw.includes('$"'))
    throw new Unfollowable('a here-document delimiter quoted with $\'…\' or $"…"');
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      out += raw[i + 1] ?? '';
      i++;
    } else if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, end === -1 ? raw.length : end);
      i = end === -1 ? raw.length : end;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && '$`"\\'.includes(raw[i + 1] ?? 'x')) i++;
        out += raw[i] ?? '';
        i++;
      }
    } else out += c;
  }
  return out;
}

function unfollowable(reason: string, source: string): UnfollowablePart {
  return { type: 'unfollowable', reason, source: source.length > 200 ? `${source.slice(0, 199)}…` : source };
}

interface PendingHeredoc {
  delimiter: string;
  literal: boolean;
  stripTabs: boolean;
  command: SimpleCommand;
}

type Token =
  | { t: 'word'; word: ShellWord }
  | { t: 'op'; op: string }
  | { t: 'redirect'; op: string }
  | { t: 'end' };

class Parser {
  pos = 0;
  parts: ShellPart[] = [];
  pendingHeredocs: PendingHeredoc[] = [];

  private readonly src: string;
  private readonly depth: number;
  private readonly budget: ParseBudget;

  constructor(src: string, depth: number, budget: ParseBudget) {
    this.src = src;
    this.depth = depth;
    this.budget = budget;
  }

  /** Reads commands until `closer` (`)`, `}` handled as words, `esac`, `;;`) or the end. */
  parseList(closer: ')' | 'case-item' | null): void {
    for (;;) {
      const token = this.peek();
      if (token.t === 'end') {
        if (closer === ')') throw new Unfollowable('unbalanced parentheses: a "(" is not closed');
        return;
      }
      if (token.t === 'op') {
        if (token.op === ')') {
          if (closer === ')' || closer === 'case-item') return;
          throw new Unfollowable('unbalanced parentheses: a ")" closes nothing');
        }
        if (token.op === ';;' || token.op === ';&' || token.op === ';;&') {
          if (closer === 'case-item') return;
          throw new Unfollowable(`"${token.op}" outside a case`);
        }
        this.next();
        if (token.op === '\n' && this.pendingHeredocs.length > 0) this.readHeredocs();
        if (token.op === '(') {
          this.enter(() => this.parseList(')'));
          this.expectOp(')');
        }
        continue;
      }
      if (closer === 'case-item' && token.t === 'word' && token.word.text === 'esac' && !token.word.dynamic)
        return;
      this.parseCommand(closer);
    }
  }

  private enter(inner: () => void): void {
    if (this.depth + this.nesting >= MAX_SHELL_DEPTH)
      throw new Unfollowable(`the command nests deeper than ${MAX_SHELL_DEPTH} levels`);
    this.nesting++;
    try {
      inner();
    } finally {
      this.nesting--;
    }
  }
  private nesting = 0;

  private expectOp(op: string): void {
    const token = this.next();
    if (token.t !== 'op' || token.op !== op) throw new Unfollowable(`expected "${op}"`);
  }

  private parseCommand(closer: ')' | 'case-item' | null): void {
    const start = this.pos;
    const command: SimpleCommand = { type: 'command', words: [], redirects: [], input: [], source: '' };
    let atStart = true;
    for (;;) {
      const token = this.peek();
      if (token.t === 'end' || token.t === 'op') {
        // `name() { …; }`: a function definition; its body is read as commands.
        if (token.t === 'op' && token.op === '(' && command.words.length === 1 && this.peekFunctionParens()) {
          command.words = [];
          atStart = true;
          continue;
        }
        break;
      }
      this.next();
      if (token.t === 'redirect') {
        this.readRedirect(token.op, command);
        continue;
      }
      const word = token.word;
      if (atStart && command.words.length === 0 && !word.dynamic && CONTROL_WORDS.has(word.text)) continue;
      // `function name [()] { …; }`: as `name() { …; }`, the body is read as commands.
      if (atStart && command.words.length === 0 && !word.dynamic && word.text === 'function') {
        const name = this.peek();
        if (name.t === 'word') this.next();
        const parens = this.peek();
        if (parens.t === 'op' && parens.op === '(') this.peekFunctionParens();
        continue;
      }
      if (
        atStart &&
        command.words.length === 0 &&
        !word.dynamic &&
        (word.text === 'for' || word.text === 'select')
      ) {
        this.skipForHeader();
        return;
      }
      if (atStart && command.words.length === 0 && !word.dynamic && word.text === 'case') {
        this.parseCase();
        return;
      }
      if (word.text === 'esac' && closer === 'case-item' && command.words.length === 0) return;
      atStart = false;
      command.words.push(word);
    }
    command.source = this.src.slice(start, this.pos).trim();
    if (command.words.length === 0 && command.redirects.length === 0) return;
    this.addPart(command);
  }

  private addPart(part: ShellPart): void {
    this.budget.commands++;
    if (this.budget.commands > MAX_SHELL_COMMANDS)
      throw new Unfollowable(`the command runs more than ${MAX_SHELL_COMMANDS} commands`);
    this.parts.push(part);
  }

  /** After a function's name: `(` `)` follow. */
  private peekFunctionParens(): boolean {
    const match = /^\(\s*\)/.exec(this.src.slice(this.pos, this.pos + 100));
    if (!match) return false;
    this.pos += match[0].length;
    this.lookahead = undefined;
    return true;
  }

  /** `for NAME in words; do` up to `do`: the words' substitutions are read, the rest skipped. */
  private skipForHeader(): void {
    for (;;) {
      const token = this.peek();
      if (token.t === 'end') return;
      if (token.t === 'op' && (token.op === ';' || token.op === '\n')) return;
      if (token.t === 'op' && token.op === '((') return;
      if (token.t === 'word' && token.word.text === 'do' && !token.word.dynamic) return;
      this.next();
    }
  }

  /** `case WORD in PATTERN) LIST ;; … esac`, best effort. */
  private parseCase(): void {
    const subject = this.next();
    const keyword = this.next();
    if (subject.t !== 'word' || keyword.t !== 'word' || keyword.word.text !== 'in')
      throw new Unfollowable('a case statement that cannot be read');
    for (;;) {
      let token = this.peek();
      while (token.t === 'op' && (token.op === '\n' || token.op === ';')) {
        this.next();
        if (this.pendingHeredocs.length > 0) this.readHeredocs();
        token = this.peek();
      }
      if (token.t === 'end') throw new Unfollowable('a case statement without esac');
      if (token.t === 'word' && token.word.text === 'esac') {
        this.next();
        return;
      }
      // The pattern: words and `|` up to `)`, with an optional leading `(`.
      if (token.t === 'op' && token.op === '(') this.next();
      for (;;) {
        const part = this.next();
        if (part.t === 'op' && part.op === ')') break;
        if (part.t === 'end') throw new Unfollowable('a case pattern without ")"');
        if (part.t === 'word' || (part.t === 'op' && part.op === '|')) continue;
        throw new Unfollowable('a case pattern that cannot be read');
      }
      this.enter(() => this.parseList('case-item'));
      const end = this.peek();
      if (end.t === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) this.next();
    }
  }

  private readRedirect(op: string, command: SimpleCommand): void {
    const token = this.next();
    if (token.t !== 'word') throw new Unfollowable(`a redirection "${op}" without a target`);
    if (op === '<<' || op === '<<-') {
      // The delimiter is the word with its quotes removed and nothing expanded: `<<${X}` ends at a
      // line `${X}`, not at whatever the expansion would give.
      const raw = this.lastWordSource.replace(/^(?:[ \t\r]|\\\n)+/, '');
      const literal = /['"\\]/.test(raw);
      this.pendingHeredocs.push({
        delimiter: heredocDelimiter(raw),
        literal,
        stripTabs: op === '<<-',
        command,
      });
      return;
    }
    if (op === '<<<') command.input.push({ text: token.word.text, literal: !token.word.dynamic });
    command.redirects.push({ operator: op, target: token.word });
  }

  /** The bodies of the here-documents opened on the line just ended. */
  readHeredocs(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const heredoc of pending) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const end = this.src.indexOf('\n', this.pos);
        const stop = end === -1 ? this.src.length : end;
        let text = this.src.slice(this.pos, stop);
        this.pos = end === -1 ? this.src.length : end + 1;
        if (heredoc.stripTabs) text = text.replace(/^\t+/, '');
        if (text === heredoc.delimiter) {
          found = true;
          break;
        }
        lines.push(text);
      }
      const body = lines.join('\n') + (lines.length > 0 ? '\n' : '');
      if (!heredoc.literal) this.scanExpansions(body);
      // bash reads a here-document that is not closed up to the end of the input, with a warning.
      heredoc.command.input.push({
        text: body,
        literal: heredoc.literal,
        ...(found ? {} : { unterminated: true }),
      });
    }
  }

  /** The substitutions of an unquoted here-document's body run: read them. */
  private scanExpansions(body: string): void {
    const inner = new Parser(body, this.depth + this.nesting, this.budget);
    inner.readDoubleQuotedBody(null);
    for (const part of inner.parts) this.parts.push(part);
  }

  // -------------------------------------------------------------------------------------------
  // Tokens.

  private lookahead: { token: Token; end: number; start: number; wordSource: string } | undefined;
  private lastWordSource = '';

  private peek(): Token {
    if (!this.lookahead) {
      const start = this.pos;
      const token = this.scan();
      this.lookahead = { token, end: this.pos, start, wordSource: this.src.slice(start, this.pos) };
      // At the end (after blanks and a comment) the position stays there: nothing is left to read.
      if (token.t !== 'end') this.pos = start;
    }
    return this.lookahead.token;
  }

  private next(): Token {
    const token = this.peek();
    const lookahead = this.lookahead;
    if (lookahead) {
      this.pos = lookahead.end;
      this.lastWordSource = lookahead.wordSource;
    }
    this.lookahead = undefined;
    return token;
  }

  private scan(): Token {
    const src = this.src;
    // Blanks, line continuations and comments.
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else break;
    }
    if (this.pos >= src.length) return { t: 'end' };
    const redirect = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:&>>|&>|<<<|<<-|<<|<>|>>|>\||>&|<&|>|<)/.exec(
      src.slice(this.pos, this.pos + 40),
    );
    // `<(…)` and `>(…)` are process substitutions, read as words.
    if (redirect && src[this.pos + redirect[0].length] !== '(') {
      const op = redirect[0].replace(/^(?:\d+|\{[A-Za-z_]\w*\})/, '');
      this.pos += redirect[0].length;
      // `2>&1`, `>&-`: a file descriptor, not a file.
      const fd = /^(?:\d+|-)(?=[\s;&|)<>]|$)/.exec(src.slice(this.pos, this.pos + 20));
      if ((op === '>&' || op === '<&') && fd) {
        this.pos += fd[0].length;
        return this.scan();
      }
      return { t: 'redirect', op };
    }
    for (const op of [';;&', '&&', '||', ';;', ';&', '|&']) {
      if (src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', op: op === '|&' ? '|' : op };
      }
    }
    const c = src[this.pos] ?? '';
    if (c === '(' && src[this.pos + 1] === '(') {
      // `(( arithmetic ))`: nothing runs but its substitutions.
      this.pos += 2;
      this.skipBalanced('(', ')', 2, true);
      return { t: 'op', op: ';' };
    }
    if (';&|()\n'.includes(c)) {
      this.pos++;
      return { t: 'op', op: c };
    }
    return { t: 'word', word: this.readWord() };
  }

  private readWord(): ShellWord {
    const src = this.src;
    const word: ShellWord = { text: '', dynamic: false, pattern: false, assignment: false };
    const start = this.pos;
    // Process substitution `<(…)` / `>(…)` as a word of its own.
    while (this.pos < src.length) {
      const c = src[this.pos] ?? '';
      if ((c === '<' || c === '>') && src[this.pos + 1] === '(') {
        this.pos += 2;
        this.substitution(')');
        word.dynamic = true;
        word.text += '/dev/fd/63';
        continue;
      }
      if (METACHARACTERS.has(c)) break;
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === undefined) {
          this.pos++;
          break;
        }
        this.pos += 2;
        if (n !== '\n') word.text += n;
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
      if (c === '$') {
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
        word.text += '$';
        this.pos++;
        continue;
      }
      if (c === '`') {
        this.pos++;
        this.backtick();
        word.dynamic = true;
        word.text += '`…`';
        continue;
      }
      // `[` is a pattern only with its `]` (`[` and `[[` alone are the test commands).
      if (
        c === '*' ||
        c === '?' ||
        (c === '[' && /^\[[^\s;&|()<>]*\]/.test(src.slice(this.pos, this.pos + 200)))
      )
        word.pattern = true;
      if (c === '{' && /^\{[^\s{}]*[,.][^\s{}]*\}/.test(src.slice(this.pos, this.pos + 200)))
        word.pattern = true;
      if (
        c === '=' &&
        !word.assignment &&
        NAME.test(src.slice(start, this.pos)) &&
        word.text === src.slice(start, this.pos)
      )
        word.assignment = true;
      word.text += c;
      this.pos++;
    }
    if (this.pos === start) throw new Unfollowable(`unexpected "${src[this.pos] ?? ''}"`);
    return word;
  }

  /** After `$`: a variable, `${…}`, `$(…)` or `$((…))`; false when the `$` is literal. */
  private readDollar(word: { text: string; dynamic: boolean }): boolean {
    const src = this.src;
    const n = src[this.pos + 1] ?? '';
    if (n === '(' && src[this.pos + 2] === '(') {
      this.pos += 3;
      this.skipBalanced('(', ')', 2, true);
      word.dynamic = true;
      word.text += '$((…))';
      return true;
    }
    if (n === '(') {
      this.pos += 2;
      this.substitution(')');
      word.dynamic = true;
      word.text += '$(…)';
      return true;
    }
    if (n === '{') {
      this.pos += 2;
      this.skipBalanced('{', '}', 1, true);
      word.dynamic = true;
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text shows where an expansion was
      word.text += '${…}';
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
  readDoubleQuotedBody(closer: '"' | null): { text: string; dynamic: boolean } {
    const src = this.src;
    const out = { text: '', dynamic: false };
    while (this.pos < src.length) {
      const c = src[this.pos] ?? '';
      if (closer !== null && c === closer) {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = src[this.pos + 1] ?? '';
        if ('$`"\\\n'.includes(n) && n !== '') {
          if (n !== '\n') out.text += n;
          this.pos += 2;
        } else {
          out.text += c;
          this.pos++;
        }
        continue;
      }
      if (c === '$') {
        if (this.readDollar(out)) continue;
      }
      if (c === '`') {
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
  private substitution(closer: ')'): void {
    this.enter(() => {
      const saved = this.lookahead;
      this.lookahead = undefined;
      this.parseList(closer);
      this.expectOp(')');
      this.lookahead = saved;
    });
  }

  /** `` `…` ``: the text up to the closing backtick, unescaped, parsed as a line of its own. */
  private backtick(): void {
    const src = this.src;
    let text = '';
    while (this.pos < src.length && src[this.pos] !== '`') {
      if (src[this.pos] === '\\' && '$`\\'.includes(src[this.pos + 1] ?? 'x')) {
        text += src[this.pos + 1];
        this.pos += 2;
      } else {
        text += src[this.pos];
        this.pos++;
      }
    }
    if (this.pos >= src.length) throw new Unfollowable('unbalanced quotes: a ` is not closed');
    this.pos++;
    for (const part of parseShell(text, this.depth + this.nesting + 1, this.budget)) this.parts.push(part);
  }

  /** Skips to the matching closer (`depth` openers already read); substitutions inside are read. */
  private skipBalanced(open: string, close: string, depth: number, expand: boolean): void {
    const src = this.src;
    let level = depth;
    while (this.pos < src.length) {
      const c = src[this.pos] ?? '';
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === "'" && open === '{') {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new Unfollowable("unbalanced quotes: a ' is not closed");
        this.pos = end + 1;
        continue;
      }
      if (expand && c === '$' && src[this.pos + 1] === '(' && src[this.pos + 2] !== '(') {
        this.pos += 2;
        this.substitution(')');
        continue;
      }
      if (expand && c === '`') {
        this.pos++;
        this.backtick();
        continue;
      }
      if (c === open) level++;
      else if (c === close) {
        level--;
        if (level === 0 || (close === ')' && depth === 2 && level === 1 && src[this.pos + 1] === ')')) {
          this.pos += level === 0 ? 1 : 2;
          return;
        }
      }
      this.pos++;
    }
    throw new Unfollowable(`unbalanced "${open}": it is not closed`);
  }

  /** `$'…'`: ANSI-C quoting, decoded as bash does. */
  private readAnsiC(): string {
    const src = this.src;
    let out = '';
    while (this.pos < src.length) {
      const c = src[this.pos] ?? '';
      if (c === "'") {
        this.pos++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const n = src[this.pos + 1] ?? '';
      this.pos += 2;
      const simple: Record<string, string> = {
        a: '\x07',
        b: '\b',
        e: '\x1b',
        E: '\x1b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        v: '\v',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '?': '?',
      };
      const known = simple[n];
      if (known !== undefined) {
        out += known;
        continue;
      }
      const hex = (max: number) => {
        const match = new RegExp(`^[0-9A-Fa-f]{1,${max}}`).exec(src.slice(this.pos, this.pos + max));
        if (!match) return undefined;
        this.pos += match[0].length;
        return Number.parseInt(match[0], 16);
      };
      if (n === 'x') {
        const code = hex(2);
        out += code === undefined ? '\\x' : String.fromCharCode(code);
      } else if (n === 'u' || n === 'U') {
        const code = hex(n === 'u' ? 4 : 8);
        out += code === undefined || code > 0x10ffff ? `\\${n}` : String.fromCodePoint(code);
      } else if (n >= '0' && n <= '7') {
        const match = /^[0-7]{0,2}/.exec(src.slice(this.pos, this.pos + 2));
        const digits = n + (match?.[0] ?? '');
        this.pos += digits.length - 1;
        out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
      } else if (n === 'c') {
        const ch = src[this.pos] ?? '';
        this.pos++;
        out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) ^ 0x40);
      } else {
        out += `\\${n}`;
      }
    }
    throw new Unfollowable("unbalanced quotes: a $' is not closed");
  }
}
