// Untrusted text (PR titles, spec sections, comments, file names) rendered into what Gatehouse
// posts. Nothing a requester writes may become Markdown, HTML, an @-mention, an issue reference,
// a hidden marker, or reorder the page with bidi controls (security-cases.md, "untrusted text
// escaped"). Everything here is pure string work; GitHub Flavored Markdown is the target.

const ZWSP = '\u200B';

/** Bidi controls (Trojan Source, CVE-2021-42574): ALM, LRM, RLM, LRE…RLO, LRI…PDI. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** C0 and C1 controls (tab and line feed are kept by the caller) and the BOM. */
const OTHER_CONTROLS = /[\p{Cc}\uFEFF]/gu;

/** Characters that may render as nothing: whitespace (collapsed), controls and bidi (removed). */
const INVISIBLE = /[\s\p{Cc}\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** ASCII punctuation that can start Markdown syntax; a backslash makes each one literal. */
const MARKDOWN_PUNCTUATION = new Set('\\`*_{}[]()+-!|~$='.split(''));

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GITHUB_TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Removes bidi controls and other invisible control characters; line breaks become `\n`. */
function stripControls(text: string): string {
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(/\t/g, ' ')
    .replace(OTHER_CONTROLS, (char) => (char === '\n' ? char : ''));
}

/**
 * Escapes one line that has no line breaks left. `GH-123` autolinks like `#123`, so it gets a
 * zero-width space too; a leading `1.` would start an ordered list.
 */
function escapeLine(line: string): string {
  let out = '';
  for (const char of line.replace(/\b(GH)-(?=\d)/gi, `$1${ZWSP}-`)) {
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '@') out += `@${ZWSP}`;
    else if (char === '#') out += `\\#${ZWSP}`;
    else if (MARKDOWN_PUNCTUATION.has(char)) out += `\\${char}`;
    else out += char;
  }
  return out.replace(/^(\d+)\./, '$1\\.');
}

/**
 * The rendering of the longest prefix of `text` (in code points, so no surrogate pair is split)
 * that fits in `maxChars`, and how many code points were left out (0 when all of it fits; with
 * `countRest` false, just 1 when any were). Every visible character renders as at least one, which
 * bounds the work however long the text is.
 */
function fitPrefix(
  text: string,
  maxChars: number,
  render: (source: string) => string,
  countRest = false,
): { shown: string; rest: number } {
  const chars: string[] = [];
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
    if (render(chars.slice(0, middle).join('')).length <= maxChars) low = middle;
    else high = middle - 1;
  }
  let rest = chars.length - low;
  if (units < text.length) rest += countRest ? Array.from(text.slice(units)).length : 1;
  return { shown: render(chars.slice(0, low).join('')), rest };
}

/**
 * Text shown inline in Markdown (titles, names, option names, logins): every Markdown and HTML
 * character made literal, `@name` and `#123` made inert with a zero-width space (GitHub links
 * neither `@\u200Bname` nor `#\u200B123`), line breaks collapsed to spaces, bidi controls removed.
 * With `maxChars`, the escaped text is cut to fit, ending with `…`.
 */
export function escapeMarkdownInline(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const render = (source: string) =>
    escapeLine(
      stripControls(source)
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
    );
  if (maxChars === Number.POSITIVE_INFINITY) return render(text);
  const whole = fitPrefix(text, maxChars, render);
  return whole.rest === 0 ? whole.shown : `${fitPrefix(text, maxChars - 1, render).shown}…`;
}

/** The rendering of `text` as a block of Markdown paragraphs, without truncation. */
function renderBlock(text: string): string {
  const paragraphs: string[][] = [[]];
  for (const rawLine of stripControls(text).split('\n')) {
    // Leading spaces would make an indented code block; trailing ones a hard break.
    const line = rawLine.trim();
    const current = paragraphs[paragraphs.length - 1] ?? [];
    if (line === '') {
      if (current.length > 0) paragraphs.push([]);
    } else {
      current.push(escapeLine(line));
    }
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\\\n'))
    .join('\n\n');
}

/** Default budget of one untrusted block, in rendered characters. */
export const UNTRUSTED_BLOCK_MAX_CHARS = 4_000;

/**
 * Multi-line requester text (context, rollback plan, …) as Markdown paragraphs: each line escaped
 * like `escapeMarkdownInline`, line breaks kept as hard breaks, blank lines as paragraph breaks.
 * The rendering stays within `maxChars` characters; the rest is cut and counted:
 * `… (truncated, N more characters)`. Empty when the text has nothing visible.
 */
export function renderUntrustedBlock(text: string, maxChars: number = UNTRUSTED_BLOCK_MAX_CHARS): string {
  const { shown, rest } = fitPrefix(text, maxChars, renderBlock, true);
  if (rest === 0) return shown;
  const note = `… (truncated, ${rest} more characters)`;
  return shown === '' ? note : `${shown}\n\n${note}`;
}

/**
 * Plain text for places GitHub does not render as Markdown (check-run titles, commit messages):
 * one line, bidi controls removed, `@`, `#` and HTML comment delimiters made inert with a
 * zero-width space, cut to `maxChars` with `…`. `<` stays: these places show text as text.
 */
export function renderPlainText(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const line = stripControls(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/[@#]/g, `$&${ZWSP}`)
    .replace(/<!--/g, `<${ZWSP}!--`)
    .replace(/-->/g, `--${ZWSP}>`);
  const chars = Array.from(line);
  if (chars.length <= maxChars) return line;
  return `${chars
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`;
}

/**
 * A real @-mention, for people and teams Gatehouse itself chose to notify. Only a valid login
 * (`alice`) or team (`acme/platform`, with or without the `@`) becomes a mention; anything else
 * is rendered escaped, so a crafted name can never mention someone else or inject Markdown.
 */
export function renderMention(actor: { login: string }): string {
  const name = actor.login.startsWith('@') ? actor.login.slice(1) : actor.login;
  const [owner, team, ...rest] = name.split('/');
  const valid =
    owner !== undefined &&
    GITHUB_LOGIN.test(owner) &&
    rest.length === 0 &&
    (team === undefined || GITHUB_TEAM_SLUG.test(team));
  return valid ? `@${name}` : escapeMarkdownInline(actor.login);
}

/**
 * An inline code span that holds any text literally: the fence is one backtick longer than the
 * longest run inside, and padded when the text starts or ends with a backtick or a space. Line
 * breaks become spaces, bidi controls are removed, and `<!--` / `-->` get a zero-width space so a
 * file name can never forge Gatehouse's hidden markers in the raw comment.
 */
export function renderCode(text: string): string {
  const content =
    stripControls(text).replace(/\n/g, ' ').replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`) ||
    ' ';
  let longestRun = 0;
  for (const [run] of content.matchAll(/`+/g)) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  const allSpaces = /^ +$/.test(content);
  const pad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (!allSpaces && content.startsWith(' ') && content.endsWith(' '));
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/**
 * JSON for a hidden `<!-- … -->` marker: `<`, `>` and `&` written as `\u` escapes, so the text
 * cannot end the comment early; JSON.parse reads it back unchanged.
 */
export function renderCommentJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The value of the first hidden marker `pattern` finds in `body` (its group 1 is the JSON), when it
 * is well-formed JSON that `schema` accepts; undefined otherwise.
 */
export function parseCommentJson<T>(
  body: string,
  pattern: RegExp,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): T | undefined {
  const json = pattern.exec(body)?.[1];
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
