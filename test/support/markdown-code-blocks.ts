// The fenced code blocks of one section of a Markdown document, and its prose, so that a test can
// run what the docs show rather than a copy of it. Enough of CommonMark for our docs: ATX headings,
// fences of ``` or ~~~ (indented inside list items, the indent removed from their lines).

export interface CodeBlock {
  /** The info string: `sh`, `yaml`, `console`, … (empty when none). */
  info: string;
  /** The block's text, ending with a newline, as a reader copies it. */
  code: string;
  /** 1-based line of the opening fence in the document. */
  line: number;
}

export interface MarkdownSection {
  blocks: CodeBlock[];
  /** Everything outside the code blocks, whitespace runs as one space (as Markdown renders it). */
  prose: string;
}

/** The section under the heading whose text is `heading`, up to the next heading of its level or above. */
export function parseMarkdownSection(markdown: string, heading: string): MarkdownSection {
  const lines = markdown.split('\n');
  const section: MarkdownSection = { blocks: [], prose: '' };
  const prose: string[] = [];
  let level = 0;
  let fence: { marker: string; indent: number; block: CodeBlock } | undefined;
  for (const [index, line] of lines.entries()) {
    if (fence !== undefined) {
      const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (closing !== undefined && closing[0] === fence.marker[0] && closing.length >= fence.marker.length) {
        section.blocks.push(fence.block);
        fence = undefined;
      } else {
        const indent = Math.min(fence.indent, line.length - line.trimStart().length);
        fence.block.code += `${line.slice(indent)}\n`;
      }
      continue;
    }
    const title = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (title?.[1] !== undefined) {
      if (level > 0 && title[1].length <= level) break;
      if (level === 0 && title[2] === heading) level = title[1].length;
      continue;
    }
    if (level === 0) continue;
    const opening = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (opening?.[2] !== undefined) {
      fence = {
        marker: opening[2],
        indent: opening[1]?.length ?? 0,
        block: { info: opening[3] ?? '', code: '', line: index + 1 },
      };
      continue;
    }
    prose.push(line);
  }
  if (level === 0) throw new Error(`no heading "${heading}"`);
  section.prose = prose.join(' ').replace(/\s+/g, ' ').trim();
  return section;
}

/** The commands of a `console` block (its `$ ` lines), each with the output printed after it. */
export function parseConsoleBlock(block: CodeBlock): { command: string; output: string }[] {
  const runs: { command: string; output: string }[] = [];
  for (const line of block.code.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) runs.push({ command: line.slice(2), output: '' });
    else if (runs.length > 0) {
      const last = runs[runs.length - 1];
      if (last !== undefined) last.output += `${line}\n`;
    }
  }
  return runs;
}
