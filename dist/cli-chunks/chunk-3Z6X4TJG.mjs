#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/core/markdown-sections.ts
var SECTION_NAMES = {
  context: "context",
  "risk assessment": "risk_assessment",
  risk: "risk_assessment",
  "rollback plan": "rollback_plan",
  rollback: "rollback_plan",
  recommendation: "recommendation",
  options: "options"
};
function parseSectionKey(heading) {
  const name = heading.trim().replace(/^[*_]+|[*_]+$/g, "").replace(/\s*:$/, "").replace(/\s+/g, " ").toLowerCase();
  return SECTION_NAMES[name] ?? null;
}
function parseSections(markdown, lineOffset = 0) {
  const { lines, headings } = scanLines(markdown);
  const fileLine = (index) => index + 1 + lineOffset;
  const result = { sections: [] };
  const first = headings[0];
  let titleIndex = -1;
  if (first !== void 0 && first.level === 1 && first.key === null) {
    titleIndex = first.index;
    result.title = { text: first.text, line: fileLine(first.index) };
  }
  const firstKnown = headings.find((heading) => heading.key !== null);
  const preambleLines = lines.slice(0, firstKnown?.index ?? lines.length);
  if (titleIndex >= 0) preambleLines[titleIndex] = "";
  const preamble = trimBlock(preambleLines, 0);
  if (preamble !== void 0) result.preamble = { text: preamble.text, line: fileLine(preamble.start) };
  for (const [position, heading] of headings.entries()) {
    if (heading.index === titleIndex) continue;
    const next = headings.slice(position + 1).find((later) => later.level <= heading.level || later.key !== null);
    const body = trimBlock(lines.slice(heading.index + 1, next?.index ?? lines.length), heading.index + 1);
    result.sections.push({
      heading: heading.text,
      level: heading.level,
      key: heading.key,
      text: body?.text ?? "",
      line: fileLine(heading.index),
      bodyLine: fileLine(body?.start ?? heading.index)
    });
  }
  return result;
}
function findSection(sections, key) {
  return sections.find((section) => section.key === key);
}
function parseListItems(markdown) {
  const items = [];
  let baseIndent;
  let open = false;
  let blankBefore = false;
  for (const line of scanLines(markdown).lines) {
    if (line.trim() === "") {
      blankBefore = true;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const marker = /^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/.exec(line);
    if (marker !== null && (baseIndent === void 0 || indent <= baseIndent + 1)) {
      baseIndent ??= indent;
      items.push([marker[1] ?? ""]);
      open = true;
    } else if (open && (!blankBefore || indent > (baseIndent ?? 0))) {
      items.at(-1)?.push(line.trim());
    } else {
      open = false;
    }
    blankBefore = false;
  }
  return items.map(
    (parts) => parts.map((part) => part.trim()).filter((part) => part !== "").join(" ")
  );
}
function scanLines(markdown) {
  const lines = markdown.split(/\r\n|\r|\n/);
  const headings = [];
  let fence;
  let inComment = false;
  for (const [index, raw] of lines.entries()) {
    if (fence !== void 0) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw);
      if (close?.[1] !== void 0 && close[1][0] === fence.char && close[1].length >= fence.length)
        fence = void 0;
      continue;
    }
    const { text, open } = stripComments(raw, inComment);
    inComment = open;
    lines[index] = text;
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (opening?.[1] !== void 0 && !(opening[1][0] === "`" && (opening[2] ?? "").includes("`"))) {
      fence = { char: opening[1][0] ?? "`", length: opening[1].length };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(text);
    if (heading?.[1] !== void 0) {
      const content = (heading[2] ?? "").replace(/(?:^|[ \t]+)#+$/, "").trim();
      headings.push({ index, level: heading[1].length, text: content, key: parseSectionKey(content) });
    }
  }
  return { lines, headings };
}
function stripComments(line, inComment) {
  let text = "";
  let rest = line;
  let open = inComment;
  for (; ; ) {
    if (open) {
      const end = rest.indexOf("-->");
      if (end < 0) return { text, open: true };
      rest = rest.slice(end + 3);
      open = false;
    }
    const start = rest.indexOf("<!--");
    if (start < 0) return { text: text + rest, open: false };
    text += rest.slice(0, start);
    rest = rest.slice(start + 4);
    open = true;
  }
}
function trimBlock(lines, firstIndex) {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start < 0) return void 0;
  const end = lines.findLastIndex((line) => line.trim() !== "");
  return {
    text: lines.slice(start, end + 1).join("\n").trimEnd(),
    start: firstIndex + start
  };
}

// src/core/request-options.ts
function parseOptionsSection(section) {
  return createOptions(
    parseListItems(section.text).map(parseOption).filter((option) => option.name !== "")
  );
}
function parseOption(text) {
  const label = /^(?:\*\*|__)?(?:\([a-z]\)|[a-z][.)])(?:\*\*|__)?\s+/i;
  const rest = text.trim().replace(label, "");
  const bold = /^(\*\*|__)(.+?)\1\s*(.*)$/.exec(rest);
  if (bold !== null) {
    return {
      name: cleanName((bold[2] ?? "").replace(label, "")),
      description: (bold[3] ?? "").replace(/^(?::|\s-|-|—|–)\s*/, "").trim()
    };
  }
  const separator = /:(?:\s+|$)|\s+-\s+|\s*[—–]\s*/.exec(rest);
  if (separator === null) return { name: cleanName(rest), description: "" };
  return {
    name: cleanName(rest.slice(0, separator.index)),
    description: rest.slice(separator.index + separator[0].length).trim()
  };
}
function createOptions(options) {
  return options.map((option, index) => ({ key: optionKey(index), ...option }));
}
function optionKey(index) {
  let key = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    key = String.fromCharCode(97 + (rest - 1) % 26) + key;
  }
  return key;
}
function cleanName(name) {
  return name.trim().replace(/:$/, "").replace(/^[*_`]+|[*_`]+$/g, "").trim();
}
function pickText(...candidates) {
  return candidates.find((candidate) => candidate !== void 0 && candidate.text.trim() !== "") ?? candidates.find((c) => c !== void 0);
}

export {
  parseSections,
  findSection,
  parseOptionsSection,
  parseOption,
  createOptions,
  pickText
};
