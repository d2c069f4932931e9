/*
 * The command grammar: the one parser every runtime (App, Action, CLI) uses for PR and issue
 * comments (DESIGN §3, security cases C1–C5). Reading a comment:
 *
 * 1. Input. Only the first 65,536 UTF-16 code units are read (GitHub's comment limit). Line
 *    endings CRLF, CR and LF are all accepted. A NUL is read as U+FFFD. Nothing is normalized:
 *    no NFKC, no case folding beyond ASCII letters.
 *
 * 2. What is skipped, in document order (a small subset of CommonMark):
 *    - fenced code blocks: a line of up to 3 spaces, then 3 or more ``` or ~~~ (a backtick fence's
 *      info string may not contain a backtick), closed by a line of up to 3 spaces and at least as
 *      many of the same character, then only spaces or tabs; an unclosed fence runs to the end;
 *    - indented code: a non-blank line whose leading spaces and tabs reach column 4 (4 spaces or
 *      a tab);
 *    - blockquote lines: up to 3 spaces, then `>`;
 *    - HTML comments `<!-- … -->`. One that starts a line (after up to 3 spaces) may span lines
 *      and runs to the first `-->`; left unclosed, it hides the rest of the comment. One that
 *      starts after other text must close on the same line, or its `<!--` is plain text (as in
 *      CommonMark, where an unclosed inline comment is literal). `<!--` inside inline code
 *      (`` `<!--` ``) or escaped (`\<!--`) starts nothing. A removed comment leaves no text, but
 *      it still separates: `/appr<!-- -->ove` is not `/approve`.
 *    Everything that remains is prose. Lines of only spaces and tabs are blank; any other
 *    character (a no-break space, a zero-width space) makes a line non-blank.
 *
 * 3. The command is the FIRST non-blank prose line. Anything else first (`Looks good`, a list
 *    item, an HTML tag) means the comment holds no command, wherever a command appears later. A
 *    quote or a code block before it does not count: `> quoted` then `/approve` is an approval.
 *
 * 4. The command line is up to 3 spaces, `/`, a verb in ASCII letters (any case: `/APPROVE`),
 *    then a space, a tab or the end of the line. `/approvex`, `/approved-by-me`, `/approve.`,
 *    `/ approve`, `/approve` followed by a no-break space, and unknown verbs (`/deploy`) are not
 *    commands. The line is not a command at all if it holds, anywhere, a format character
 *    (Unicode Cf: zero-width U+200B–U+200F, U+2060, U+FEFF, bidi controls U+202A–U+202E and
 *    U+2066–U+2069, soft hyphen U+00AD, …), a control character other than tab, a lone
 *    surrogate, or a line or paragraph separator (U+2028, U+2029). Look-alike letters (Cyrillic
 *    а, Greek ο, fullwidth ／ａｐｐｒｏｖｅ, mathematical alphanumerics) are not ASCII, so they
 *    never form a verb.
 *
 * 5. The verbs. "Args" is the rest of the command line, trimmed; "the text" is the args plus all
 *    the following lines (comments removed, code and quotes kept), trimmed.
 *    - `/approve [option] [note]`: args (an option key or name, resolved by the gate evaluator)
 *      and the text as the note. `/approve cancel` withdraws one's approval; so do args whose
 *      first word is `cancel`, `canceled` or `cancelled` in any case, after anything that is not
 *      an ASCII letter or digit (`/approve cancel, wrong PR`, `/approve Cancelled`,
 *      `/approve **canceled**`), so that a withdrawal is never read as an approval. A longer word
 *      is an option or a note: `/approve cancellation-plan` approves.
 *    - `/remove-approve`: Prow's spelling of `/approve cancel`, read as exactly that; anything
 *      after it is ignored. It is the one verb with a hyphen.
 *    - `/reject [reason]`: the text is the reason, possibly empty (a bare `/reject` still blocks).
 *    - `/delay <when> [note]`: `when` is the first word of the args: a duration (`4h`, `1h30m`,
 *      see duration.ts) or an ISO-8601 date-time with a zone (`2026-11-22T02:00:00Z`,
 *      `2026-11-22T02:00+02:00`; seconds and fractions optional; `Z` or `±hh:mm` required),
 *      normalized to UTC. The rest of the text is the note. A missing, unreadable, zone-less or
 *      impossible (`2026-02-30T…`) time makes the command unusable, with a message saying why.
 *    - `/modify <instructions>`: the text; without any, the command is unusable.
 *    - `/ack [note]`: the text as the note.
 *    - `/recheck`: anything after it is ignored.
 *
 * 6. Conservative rules. (C5) When the first command is anything but `/reject` (including an
 *    unusable one), and a LATER prose line is itself a valid `/reject` line, the comment is a
 *    rejection, read from that line: its args plus the following lines are the reason. Any valid
 *    rejection blocks, whatever else the comment says. Short of a rejection, when the first
 *    command approves (`/approve` but not its withdrawal, `/ack`, `/delay`, usable or not) and a
 *    later prose line is a withdrawal (`/approve cancel…`, `/remove-approve`), the comment
 *    withdraws: a comment that says both is never read as an approval.
 *
 * 7. Statements that say something without a command: a review that approves, requests changes or
 *    was dismissed (`{ approving: true }`) holds a verdict of its own, so a first line of prose
 *    cannot hide what follows. In such a body a valid `/reject` line ANYWHERE in the prose makes
 *    it a rejection (read from the first such line); failing that, a withdrawal line anywhere
 *    makes it a withdrawal; failing both, the first line is read as in a comment (a command, or
 *    no command at all). A comment or a commenting review without a command says nothing, so for
 *    them rule 3 stands: `Looks good` then `/reject` holds no command.
 *
 * `parseCommand` never throws. `describeCommandText` shows raw text safely in logs.
 */
import { parseDuration } from './duration.ts';
import { VERBS, type Verb } from './registry.ts';

/** Characters of a comment read; the rest is ignored (GitHub's comment limit). */
export const MAX_COMMENT_LENGTH = 65_536;

export type DelayUntil = { durationMs: number } | { at: string };

export type ParsedCommand =
  | { verb: 'approve'; cancel: false; args: string; note: string }
  | { verb: 'approve'; cancel: true }
  | { verb: 'reject'; reason: string }
  | { verb: 'delay'; until: DelayUntil; note: string }
  | { verb: 'modify'; instructions: string }
  | { verb: 'ack'; note: string }
  | { verb: 'recheck' };

/** A command, a command addressed to Gatehouse that cannot be used (and why), or `null`: no command. */
/** How to read a body: `approving` for a statement that holds a verdict without a command (rule 7). */
export interface ParseOptions {
  approving?: boolean;
}

export type CommandParse =
  | { ok: true; command: ParsedCommand }
  | { ok: false; verb: Verb; error: string }
  | null;

/** Where a removed HTML comment was: it separates, but shows nothing. */
const GAP = '\0';

/** A line left after skipping, with `prose` false for code and quote lines. */
type Line = { text: string; prose: boolean };

type Fence = { char: string; length: number };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;
const BLOCK_COMMENT = /^ {0,3}<!--/;
const BLANK = /^[ \t\0]*$/;
/** Characters that keep a line from being a command: controls but tab (and the gap), Cf, Cs, Zl, Zp. */
const FORBIDDEN = /(?![\t\0])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const COMMAND = /^([ \0]*)\/([A-Za-z]+(?:-[A-Za-z]+)*)\0*(?=[ \t]|$)/;
/** The args of a withdrawal: `cancel`, `canceled` or `cancelled` first, after anything but ASCII letters and digits. */
const CANCEL = /^[^A-Za-z0-9]*[Cc][Aa][Nn][Cc][Ee][Ll](?:[Ll]?[Ee][Dd])?(?![A-Za-z0-9_])/;
/** Prow's spelling of `/approve cancel`. */
const REMOVE_APPROVE = 'remove-approve';
const WITHDRAWAL = { verb: 'approve', cancel: true } as const;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const ISO_TIME_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const WHEN_EXAMPLES = 'a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)';

/** Reads one comment or review body. See the grammar above. */
export function parseCommand(body: string, options: ParseOptions = {}): CommandParse {
  if (typeof body !== 'string') return null;
  const lines = readLines(body);
  const first = lines.findIndex((line) => line.prose && !BLANK.test(line.text));
  const firstLine = lines[first];
  if (firstLine === undefined) return null;
  const command = matchCommandLine(firstLine.text);
  // Rule 7: a verdict without a command is still read for vetoes and withdrawals.
  if (command === undefined && options.approving !== true) return null;
  if (command?.verb !== 'reject') {
    let withdrawal: CommandParse = null;
    for (let index = first + 1; index < lines.length; index++) {
      const line = lines[index];
      if (line === undefined || !line.prose) continue;
      const later = matchCommandLine(line.text);
      if (later === undefined) continue;
      if (later.verb === 'reject') return readVerb('reject', later.rest, lines.slice(index + 1));
      if (withdrawal === null && isWithdrawal(later)) withdrawal = { ok: true, command: WITHDRAWAL };
    }
    if (withdrawal !== null && (command === undefined || approves(command))) return withdrawal;
  }
  if (command === undefined) return null;
  return readVerb(command.verb, command.rest, lines.slice(first + 1));
}

/** Whether a command line withdraws an approval: `/approve cancel…` or `/remove-approve`. */
function isWithdrawal(line: CommandLine): boolean {
  return line.verb === REMOVE_APPROVE || (line.verb === 'approve' && CANCEL.test(readArgs(line.rest)));
}

/** Whether a first command line approves (so a later withdrawal overrides it). */
function approves(line: CommandLine): boolean {
  return line.verb === 'ack' || line.verb === 'delay' || (line.verb === 'approve' && !isWithdrawal(line));
}

/**
 * The text with every code point outside printable ASCII, and the backslash, written as `\u{XXXX}`:
 * zero-width, bidi, look-alike and control characters (newlines too) become visible and cannot
 * forge log lines.
 */
export function describeCommandText(text: string): string {
  const read = String(text).slice(0, MAX_COMMENT_LENGTH);
  let shown = '';
  for (const char of read) {
    const code = char.codePointAt(0) ?? 0;
    shown +=
      code >= 0x20 && code <= 0x7e && char !== '\\'
        ? char
        : `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
  }
  return read.length < String(text).length ? `${shown} [truncated]` : shown;
}

function readLines(body: string): Line[] {
  const raw = body
    .slice(0, MAX_COMMENT_LENGTH)
    .replaceAll('\0', '\uFFFD')
    .split(/\r\n|\r|\n/);
  const lines: Line[] = [];
  let fence: Fence | undefined;
  let index = 0;
  while (index < raw.length) {
    const line = raw[index] ?? '';
    index++;
    if (fence !== undefined) {
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close !== undefined && close[0] === fence.char && close.length >= fence.length) fence = undefined;
      lines.push({ text: line, prose: false });
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    const marker = open?.[1];
    if (marker !== undefined && !(marker[0] === '`' && (open?.[2] ?? '').includes('`'))) {
      fence = { char: marker[0] ?? '`', length: marker.length };
      lines.push({ text: line, prose: false });
      continue;
    }
    if ((isIndented(line) && !BLANK.test(line)) || BLOCKQUOTE.test(line)) {
      lines.push({ text: line, prose: false });
      continue;
    }
    const start = line.indexOf('<!--');
    if (BLOCK_COMMENT.test(line) && line.indexOf('-->', start + 2) < 0) {
      // A comment block: hidden up to the line holding `-->`, whose rest joins this line.
      let rest = '';
      while (index < raw.length) {
        const next = raw[index] ?? '';
        index++;
        const end = next.indexOf('-->');
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

/** Whether leading spaces and tabs reach column 4, as for CommonMark indented code. */
function isIndented(line: string): boolean {
  let column = 0;
  for (const char of line) {
    if (char === ' ') column++;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
    if (column >= 4) return true;
  }
  return false;
}

/** Removes the `<!-- … -->` closed on this line, outside inline code and escapes. */
function removeInlineComments(line: string): string {
  let text = '';
  let from = 0;
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === '\\') {
      index += 2;
    } else if (char === '`') {
      const run = backtickRun(line, index);
      const close = findBacktickRun(line, index + run, run);
      index = close < 0 ? index + run : close + run;
    } else if (line.startsWith('<!--', index)) {
      const end = line.indexOf('-->', index + 2);
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

function backtickRun(line: string, start: number): number {
  let end = start;
  while (line[end] === '`') end++;
  return end - start;
}

/** Where the next run of exactly `length` backticks starts, or -1. */
function findBacktickRun(line: string, from: number, length: number): number {
  let index = line.indexOf('`', from);
  while (index >= 0) {
    const run = backtickRun(line, index);
    if (run === length) return index;
    index = line.indexOf('`', index + run);
  }
  return -1;
}

/** A command line: its verb (or `remove-approve`) and the text after it. */
type CommandLine = { verb: Verb | typeof REMOVE_APPROVE; rest: string };

/** The verb of a command line and the text after it, or undefined when the line is no command. */
function matchCommandLine(text: string): CommandLine | undefined {
  if (FORBIDDEN.test(text)) return undefined;
  const match = COMMAND.exec(text);
  if (match === null) return undefined;
  const indent = (match[1] ?? '').replaceAll(GAP, '');
  const verb = (match[2] ?? '').toLowerCase();
  if (indent.length > 3 || !(isVerb(verb) || verb === REMOVE_APPROVE)) return undefined;
  return { verb, rest: text.slice(match[0].length) };
}

function isVerb(word: string): word is Verb {
  return (VERBS as readonly string[]).includes(word);
}

function readArgs(rest: string): string {
  return rest.replaceAll(GAP, '').trim();
}

function readVerb(verb: CommandLine['verb'], rest: string, following: readonly Line[]): CommandParse {
  const args = readArgs(rest);
  const text = [args, ...following.map((line) => line.text.replaceAll(GAP, ''))].join('\n').trim();
  switch (verb) {
    case REMOVE_APPROVE:
      return { ok: true, command: WITHDRAWAL };
    case 'approve':
      return CANCEL.test(args)
        ? { ok: true, command: WITHDRAWAL }
        : { ok: true, command: { verb, cancel: false, args, note: text } };
    case 'reject':
      return { ok: true, command: { verb, reason: text } };
    case 'delay':
      return readDelay(args, text);
    case 'modify':
      return text === ''
        ? { ok: false, verb, error: 'say what to change after /modify' }
        : { ok: true, command: { verb, instructions: text } };
    case 'ack':
      return { ok: true, command: { verb, note: text } };
    case 'recheck':
      return { ok: true, command: { verb } };
  }
}

/** `/delay <when> [note]`: `when` is the first word of the command line, never of a later line. */
function readDelay(args: string, text: string): CommandParse {
  const when = /^\S*/.exec(args)?.[0] ?? '';
  const note = text.slice(when.length).trim();
  if (when === '') return { ok: false, verb: 'delay', error: `say when after /delay: ${WHEN_EXAMPLES}` };
  const durationMs = parseDuration(when);
  if (durationMs !== undefined) return { ok: true, command: { verb: 'delay', until: { durationMs }, note } };
  const at = parseZonedTime(when);
  if (at !== undefined) return { ok: true, command: { verb: 'delay', until: { at }, note } };
  const shown = quote(when);
  const error = ISO_TIME.test(when)
    ? `${shown} is not a real date and time`
    : ISO_TIME_WITHOUT_ZONE.test(when)
      ? `${shown} has no time zone: add Z for UTC or an offset such as +02:00`
      : `could not read ${shown} as ${WHEN_EXAMPLES}`;
  return { ok: false, verb: 'delay', error };
}

/** A date-time with a zone, checked field by field (Date.parse accepts 2026-02-30), as UTC ISO. */
function parseZonedTime(text: string): string | undefined {
  const match = ISO_TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', sign, offsetHour, offsetMinute] =
    match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const oh = Number(offsetHour ?? 0);
  const om = Number(offsetMinute ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offsetMs = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return new Date(date.getTime() - offsetMs).toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function quote(word: string): string {
  const chars = Array.from(word);
  return `"${chars.length > 64 ? `${chars.slice(0, 64).join('')}…` : word}"`;
}
