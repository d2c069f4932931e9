// Markdown split into the sections an approval request is made of (DESIGN §6): the same headings
// give a spec file's and a pull request description's context, risk assessment, rollback plan,
// recommendation and options. Only what a request needs is parsed: ATX headings outside fenced
// code and HTML comments, and top-level list items. Setext headings (`Title\n=====`) are not
// headings here.

export type SectionKey = 'context' | 'risk_assessment' | 'rollback_plan' | 'recommendation' | 'options';

/** A piece of text and the 1-based line it starts on. */
export interface SourcedTextLike {
  text: string;
  line: number;
}

export interface Section {
  /** The heading's text, without `#`s. */
  heading: string;
  /** 1 for `#`, up to 6. */
  level: number;
  /** The request field the heading names, or null for any other heading. */
  key: SectionKey | null;
  /** The body, trimmed, with HTML comments removed; subsections with unknown names included. */
  text: string;
  /** 1-based line of the heading. */
  line: number;
  /** 1-based line where the body's text starts; the heading's line when the body is empty. */
  bodyLine: number;
}

export interface ParsedSections {
  /** The document's first heading, when it is level 1 and not a known section name. */
  title?: SourcedTextLike;
  /** Text before the first known heading (unknown headings included, the title excluded). */
  preamble?: SourcedTextLike;
  sections: Section[];
}

const SECTION_NAMES: Record<string, SectionKey> = {
  context: 'context',
  'risk assessment': 'risk_assessment',
  risk: 'risk_assessment',
  'rollback plan': 'rollback_plan',
  rollback: 'rollback_plan',
  recommendation: 'recommendation',
  options: 'options',
};

/** The section a heading names: case-insensitive, emphasis and a trailing colon ignored. */
export function parseSectionKey(heading: string): SectionKey | null {
  const name = heading
    .trim()
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\s*:$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return SECTION_NAMES[name] ?? null;
}

interface Heading {
  index: number;
  level: number;
  text: string;
  key: SectionKey | null;
}

/**
 * Splits Markdown into a title, a preamble and sections. `lineOffset` is the number of lines that
 * precede `markdown` in its file (e.g. front matter), so that every line number is the file's.
 */
export function parseSections(markdown: string, lineOffset = 0): ParsedSections {
  const { lines, headings } = scanLines(markdown);
  const fileLine = (index: number) => index + 1 + lineOffset;
  const result: ParsedSections = { sections: [] };

  const first = headings[0];
  let titleIndex = -1;
  if (first !== undefined && first.level === 1 && first.key === null) {
    titleIndex = first.index;
    result.title = { text: first.text, line: fileLine(first.index) };
  }

  const firstKnown = headings.find((heading) => heading.key !== null);
  const preambleLines = lines.slice(0, firstKnown?.index ?? lines.length);
  if (titleIndex >= 0) preambleLines[titleIndex] = '';
  const preamble = trimBlock(preambleLines, 0);
  if (preamble !== undefined) result.preamble = { text: preamble.text, line: fileLine(preamble.start) };

  for (const [position, heading] of headings.entries()) {
    if (heading.index === titleIndex) continue;
    const next = headings
      .slice(position + 1)
      .find((later) => later.level <= heading.level || later.key !== null);
    const body = trimBlock(lines.slice(heading.index + 1, next?.index ?? lines.length), heading.index + 1);
    result.sections.push({
      heading: heading.text,
      level: heading.level,
      key: heading.key,
      text: body?.text ?? '',
      line: fileLine(heading.index),
      bodyLine: fileLine(body?.start ?? heading.index),
    });
  }
  return result;
}

/** The first section with this key: when a document repeats a heading, the first one counts. */
export function findSection(sections: readonly Section[], key: SectionKey): Section | undefined {
  return sections.find((section) => section.key === key);
}

/**
 * The top-level items of the Markdown lists in `markdown`, each as one line of text: continuation
 * lines and nested items are joined to their item with spaces. Text outside lists is skipped.
 */
export function parseListItems(markdown: string): string[] {
  const items: string[][] = [];
  let baseIndent: number | undefined;
  let open = false;
  let blankBefore = false;
  for (const line of scanLines(markdown).lines) {
    if (line.trim() === '') {
      blankBefore = true;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const marker = /^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/.exec(line);
    if (marker !== null && (baseIndent === undefined || indent <= baseIndent + 1)) {
      baseIndent ??= indent;
      items.push([marker[1] ?? '']);
      open = true;
    } else if (open && (!blankBefore || indent > (baseIndent ?? 0))) {
      items.at(-1)?.push(line.trim());
    } else {
      open = false;
    }
    blankBefore = false;
  }
  return items.map((parts) =>
    parts
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join(' '),
  );
}

/**
 * The document's lines with HTML comments blanked out (line numbers kept), and its ATX headings.
 * Nothing inside fenced code counts as a heading or a comment.
 */
function scanLines(markdown: string): { lines: string[]; headings: Heading[] } {
  const lines = markdown.split(/\r\n|\r|\n/);
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  for (const [index, raw] of lines.entries()) {
    if (fence !== undefined) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw);
      if (close?.[1] !== undefined && close[1][0] === fence.char && close[1].length >= fence.length)
        fence = undefined;
      continue;
    }
    const { text, open } = stripComments(raw, inComment);
    inComment = open;
    lines[index] = text;
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (opening?.[1] !== undefined && !(opening[1][0] === '`' && (opening[2] ?? '').includes('`'))) {
      fence = { char: opening[1][0] ?? '`', length: opening[1].length };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(text);
    if (heading?.[1] !== undefined) {
      const content = (heading[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
      headings.push({ index, level: heading[1].length, text: content, key: parseSectionKey(content) });
    }
  }
  return { lines, headings };
}

/** One line without its HTML comments; `open` says whether a comment continues past it. */
function stripComments(line: string, inComment: boolean): { text: string; open: boolean } {
  let text = '';
  let rest = line;
  let open = inComment;
  for (;;) {
    if (open) {
      const end = rest.indexOf('-->');
      if (end < 0) return { text, open: true };
      rest = rest.slice(end + 3);
      open = false;
    }
    const start = rest.indexOf('<!--');
    if (start < 0) return { text: text + rest, open: false };
    text += rest.slice(0, start);
    rest = rest.slice(start + 4);
    open = true;
  }
}

/** Lines without leading and trailing blank lines, or undefined when all are blank. */
function trimBlock(lines: string[], firstIndex: number): { text: string; start: number } | undefined {
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start < 0) return undefined;
  const end = lines.findLastIndex((line) => line.trim() !== '');
  return {
    text: lines
      .slice(start, end + 1)
      .join('\n')
      .trimEnd(),
    start: firstIndex + start,
  };
}
