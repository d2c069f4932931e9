// Markdown as plain text, for a terminal: the subset Gatehouse's renderers write (headings, lists,
// emphasis, code spans, backslash escapes, entities, pipe tables, <details>, hidden markers), shown
// as a reader of the rendered page would see it. The wording stays the renderers' own; only the
// markup goes. Control characters never reach the terminal (file names may hold any of them).
import { BIDI_CONTROLS } from '../escape.ts';

/** ASCII punctuation, which a backslash makes literal in CommonMark. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const ZERO_WIDTH_SPACE = /\u200B/g;
/** C0 and C1 controls but the line feed: shown as U+FFFD, never sent to the terminal. */
const CONTROLS = /\p{Cc}/gu;

export function renderMarkdownAsText(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*<\/?details>\s*$/.test(line)) continue;
    const summary = /^\s*<summary>(.*)<\/summary>\s*$/.exec(line);
    if (summary !== null) {
      out.push(renderInline(summary[1] ?? ''));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const text = renderInline(heading[2] ?? '');
      const level = heading[1]?.length ?? 1;
      out.push(text);
      if (level <= 2) out.push((level === 1 ? '=' : '-').repeat(Array.from(text).length));
      continue;
    }
    if (line.startsWith('|') && TABLE_DELIMITER.test(lines[index + 1] ?? '')) {
      const rows = [splitRow(line)];
      index += 2;
      while (index < lines.length && (lines[index] ?? '').startsWith('|'))
        rows.push(splitRow(lines[index++] ?? ''));
      index--;
      out.push(...renderTable(rows));
      continue;
    }
    out.push(renderInline(line.replace(/(?:\\| {2,})$/, '')));
  }
  const text = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return `${text
    .replace(ZERO_WIDTH_SPACE, '')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, (char) => (char === '\n' ? char : '\uFFFD'))}\n`;
}

/** The cells of `| a | b \| c |`, an escaped pipe staying in its cell. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && body[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (char === '|') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (cell.trim() !== '') cells.push(cell);
  return cells.map((text) => renderInline(text.trim()));
}

/** Columns padded to their widest cell, the header underlined. */
function renderTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Array.from(cell).length);
    });
  const render = (row: string[]) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        return cell + ' '.repeat(width - Array.from(cell).length);
      })
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(render)];
}

interface Delimiter {
  /** Where the run starts in `parts`. */
  part: number;
  char: '*' | '_';
  length: number;
  open: boolean;
  close: boolean;
}

/**
 * One line of inline Markdown as text: escapes and entities decoded, code spans as their content,
 * emphasis markers that pair up removed (`first_time` and `2 * 3` keep theirs, as CommonMark does).
 */
function renderInline(text: string): string {
  const parts: string[] = [];
  const delimiters: Delimiter[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      parts.push(text[i + 1] ?? '');
      i += 2;
    } else if (char === '`') {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? '`';
      const end = findClosingRun(text, i + run.length, run.length);
      if (end === -1) {
        parts.push(run);
        i += run.length;
      } else {
        const content = text.slice(i + run.length, end);
        parts.push(/^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content);
        i = end + run.length;
      }
    } else if (char === '&') {
      const entity = /^&(amp|lt|gt|quot|#39);/.exec(text.slice(i));
      parts.push(entity === null ? '&' : (ENTITIES[entity[1] ?? ''] ?? '&'));
      i += entity === null ? 1 : entity[0].length;
    } else if (char === '*' || char === '_') {
      const run =
        char === '*' ? (/^\*+/.exec(text.slice(i))?.[0] ?? '*') : (/^_+/.exec(text.slice(i))?.[0] ?? '_');
      const before = text[i - 1] ?? ' ';
      const after = text[i + run.length] ?? ' ';
      const left = !/\s/.test(after) && (char === '*' || !/[\p{L}\p{N}]/u.test(before));
      const right = !/\s/.test(before) && (char === '*' || !/[\p{L}\p{N}]/u.test(after));
      delimiters.push({ part: parts.length, char, length: run.length, open: left, close: right });
      parts.push(run);
      i += run.length;
    } else {
      parts.push(char);
      i++;
    }
  }
  // Each closer pairs with the nearest opener of the same character before it; both are dropped.
  const openers: Delimiter[] = [];
  for (const delimiter of delimiters) {
    const opener = delimiter.close
      ? openers.findLast((candidate) => candidate.char === delimiter.char)
      : undefined;
    if (opener !== undefined) {
      openers.splice(openers.indexOf(opener), 1);
      parts[opener.part] = '';
      parts[delimiter.part] = '';
    } else if (delimiter.open) openers.push(delimiter);
  }
  return parts.join('');
}

/** Where the backtick run of exactly `length` that closes a code span starts, or -1. */
function findClosingRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i !== -1) {
    const run = /^`+/.exec(text.slice(i))?.[0].length ?? 1;
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}
