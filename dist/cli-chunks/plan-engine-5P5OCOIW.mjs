#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  resolveCacheDir
} from "./chunk-MHDVFN3P.mjs";
import {
  createPullRequestRequest,
  describeNeed,
  evaluateGate,
  renderApprovalRequest,
  renderCheckRunHead
} from "./chunk-P5QDFYLV.mjs";
import {
  compilePathRules
} from "./chunk-PRWA52GV.mjs";
import {
  createFileIndex,
  createPathRule,
  matchFiles
} from "./chunk-M37EBWUR.mjs";
import "./chunk-U2RKVWYE.mjs";
import {
  BIDI_CONTROLS,
  hashRequest
} from "./chunk-DQSC6Z5E.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-HJOLEIQ3.mjs";
import {
  createCheckName
} from "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/core/render/markdown-text.ts
var ESCAPABLE = /[!-/:-@[-`{-~]/;
var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
var HEADING = /^(#{1,6})\s+(.*?)\s*$/;
var TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
var ZERO_WIDTH_SPACE = /\u200B/g;
var CONTROLS = new RegExp("\\p{Cc}", "gu");
function renderMarkdownAsText(markdown) {
  const lines = markdown.split("\n");
  const out = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (/^\s*<!--.*-->\s*$/.test(line) || /^\s*<\/?details>\s*$/.test(line)) continue;
    const summary = /^\s*<summary>(.*)<\/summary>\s*$/.exec(line);
    if (summary !== null) {
      out.push(renderInline(summary[1] ?? ""));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const text2 = renderInline(heading[2] ?? "");
      const level = heading[1]?.length ?? 1;
      out.push(text2);
      if (level <= 2) out.push((level === 1 ? "=" : "-").repeat(Array.from(text2).length));
      continue;
    }
    if (line.startsWith("|") && TABLE_DELIMITER.test(lines[index + 1] ?? "")) {
      const rows = [splitRow(line)];
      index += 2;
      while (index < lines.length && (lines[index] ?? "").startsWith("|"))
        rows.push(splitRow(lines[index++] ?? ""));
      index--;
      out.push(...renderTable(rows));
      continue;
    }
    out.push(renderInline(line.replace(/(?:\\| {2,})$/, "")));
  }
  const text = out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  return `${text.replace(ZERO_WIDTH_SPACE, "").replace(BIDI_CONTROLS, "").replace(CONTROLS, (char) => char === "\n" ? char : "\uFFFD")}
`;
}
function splitRow(line) {
  const cells = [];
  let cell = "";
  const body = line.trim().replace(/^\|/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === "\\" && body[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (char === "|") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  if (cell.trim() !== "") cells.push(cell);
  return cells.map((text) => renderInline(text.trim()));
}
function renderTable(rows) {
  const widths = [];
  for (const row of rows)
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Array.from(cell).length);
    });
  const render = (row) => widths.map((width, column) => {
    const cell = row[column] ?? "";
    return cell + " ".repeat(width - Array.from(cell).length);
  }).join("  ").trimEnd();
  const [header = [], ...body] = rows;
  return [render(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(render)];
}
function renderInline(text) {
  const parts = [];
  const delimiters = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (char === "\\" && ESCAPABLE.test(text[i + 1] ?? "")) {
      parts.push(text[i + 1] ?? "");
      i += 2;
    } else if (char === "`") {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const end = findClosingRun(text, i + run.length, run.length);
      if (end === -1) {
        parts.push(run);
        i += run.length;
      } else {
        const content = text.slice(i + run.length, end);
        parts.push(/^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content);
        i = end + run.length;
      }
    } else if (char === "&") {
      const entity = /^&(amp|lt|gt|quot|#39);/.exec(text.slice(i));
      parts.push(entity === null ? "&" : ENTITIES[entity[1] ?? ""] ?? "&");
      i += entity === null ? 1 : entity[0].length;
    } else if (char === "*" || char === "_") {
      const run = char === "*" ? /^\*+/.exec(text.slice(i))?.[0] ?? "*" : /^_+/.exec(text.slice(i))?.[0] ?? "_";
      const before = text[i - 1] ?? " ";
      const after = text[i + run.length] ?? " ";
      const left = !/\s/.test(after) && (char === "*" || !/[\p{L}\p{N}]/u.test(before));
      const right = !/\s/.test(before) && (char === "*" || !/[\p{L}\p{N}]/u.test(after));
      delimiters.push({ part: parts.length, char, length: run.length, open: left, close: right });
      parts.push(run);
      i += run.length;
    } else {
      parts.push(char);
      i++;
    }
  }
  const openers = [];
  for (const delimiter of delimiters) {
    const opener = delimiter.close ? openers.findLast((candidate) => candidate.char === delimiter.char) : void 0;
    if (opener !== void 0) {
      openers.splice(openers.indexOf(opener), 1);
      parts[opener.part] = "";
      parts[delimiter.part] = "";
    } else if (delimiter.open) openers.push(delimiter);
  }
  return parts.join("");
}
function findClosingRun(text, from, length) {
  let i = text.indexOf("`", from);
  while (i !== -1) {
    const run = /^`+/.exec(text.slice(i))?.[0].length ?? 1;
    if (run === length) return i;
    i = text.indexOf("`", i + run);
  }
  return -1;
}

// src/core/plan.ts
var PLAN_VERSION = 1;
function formatPolicySource(source) {
  return source.kind === "base" ? `base:${source.ref}` : `file:${source.path}`;
}
function createPlan(input) {
  const common = {
    version: PLAN_VERSION,
    repository: input.repository,
    base: { ...input.base },
    head: { ...input.head },
    policy: { source: formatPolicySource(input.policySource) },
    files: { count: input.files.paths.length, complete: input.files.complete },
    specs: input.specs.map((spec) => ({
      path: spec.path,
      problems: spec.problems.map(({ line, column, message }) => ({ line, column, message }))
    })),
    log: input.log === void 0 ? null : { ...input.log },
    notes: [...input.notes]
  };
  if (input.policy === void 0) {
    const { notes: notes2, ...before2 } = common;
    return { ...before2, state: "no_policy", notes: notes2 };
  }
  const { policy, request, result, now } = input;
  const check = renderCheckRunHead(request, result, { now });
  const gate = {
    kind: request.gate.kind,
    check: createCheckName(request.gate.environment, request.gate.into)
  };
  if (request.gate.environment !== void 0) gate.environment = request.gate.environment;
  const summary = {
    hash: hashRequest(request),
    markdown: renderApprovalRequest(request, result, policy)
  };
  if (request.action !== void 0) summary.action = request.action.text;
  if (request.kind !== void 0) summary.kind = request.kind;
  if (request.spec !== void 0) summary.spec = request.spec.path;
  const { notes, ...before } = common;
  return {
    ...before,
    gate,
    state: result.state,
    tier: result.risk.tier,
    level: result.risk.level,
    ...result.risk.waived === void 0 ? {} : { waived: result.risk.waived },
    factors: result.risk.factors.map((factor) => ({ ...factor })),
    rules: result.risk.rules.map((rule) => ({ ...rule, reasons: [...rule.reasons], files: [...rule.files] })),
    requirements: result.progress.map((progress) => ({
      rule: progress.rule,
      level: progress.level,
      needed: progress.needed,
      reviewers: progress.reviewers.map((group) => ({
        group,
        entries: [...policy.reviewers[group] ?? []]
      }))
    })),
    readiness: {
      ready: result.readiness.ready,
      missing: result.readiness.missing.map((gap) => ({ ...gap }))
    },
    problems: [...result.problems],
    notes,
    request: summary,
    check
  };
}
function code(text) {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}
function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
function describePolicySource(plan) {
  const source = plan.policy.source;
  if (source.startsWith("base:")) {
    return `the default branch's policy (${code(source)}): what Gatehouse would use; no branch can relax its own gate`;
  }
  return `${code(source)}: a working-tree file, given with --config (Gatehouse would read the default branch's)`;
}
function renderHeader(plan) {
  const merge = plan.base.mergeBase === plan.base.sha ? "" : `, merge base ${code(plan.base.mergeBase.slice(0, 7))}`;
  const files = plan.files.count === 0 ? "no changed files" : plural(plan.files.count, "changed file");
  const lines = [
    `- **Base:** ${code(plan.base.ref)} at ${code(plan.base.sha.slice(0, 7))}${merge}; a pull request would target ${code(plan.base.branch)}`,
    `- **Head:** ${code(plan.head.sha.slice(0, 7))}, ${files} (commits, uncommitted edits and untracked files)`,
    `- **Policy:** ${describePolicySource(plan)}`
  ];
  if (plan.state === "no_policy") return lines;
  const { log } = plan;
  lines.push(
    log === null ? "- **Precedent:** no local decision log, so precedent counts as first_time" : `- **Precedent:** ${plural(log.records, "decision record")} on ${code(log.ref)}` + (log.malformed === 0 ? "" : ` (${log.malformed} malformed, skipped)`)
  );
  return lines;
}
function renderRequirement(requirement) {
  const needs = describeNeed(requirement.level, requirement.needed);
  const from = requirement.reviewers.length === 0 ? "anyone with write permission" : requirement.reviewers.map(
    ({ group, entries }) => `${group} (${entries.length === 0 ? "not defined" : entries.join(", ")})`
  ).join(" or ");
  return `- **${requirement.rule}** (${requirement.level} level) needs ${needs} from ${from}`;
}
function renderRule(rule) {
  const lines = [`- **${rule.name}** (${rule.tier} tier, ${rule.level} level): ${rule.reasons.join("; ")}`];
  for (const file of rule.files) lines.push(`  - ${code(file)}`);
  const more = rule.filesMatched - rule.files.length;
  if (more > 0) lines.push(`  - and ${plural(more, "more file")}`);
  return lines;
}
function renderPlanMarkdown(plan) {
  if (plan.state === "no_policy") {
    return [
      "# Gatehouse plan",
      "",
      ...renderHeader(plan),
      "",
      plan.policy.source.startsWith("base:") ? `**No policy: Gatehouse would do nothing.** There is no policy file on the default branch (${code(plan.policy.source)}), so nothing is gated or recorded.` : "**No policy: Gatehouse would do nothing.** There is no policy file, so nothing is gated or recorded.",
      ""
    ].join("\n");
  }
  const lines = [`# Gatehouse plan: ${code(plan.gate.check)} (${plan.gate.kind.replace("_", " ")} gate)`, ""];
  lines.push(...renderHeader(plan), "");
  lines.push(
    `**Tier:** ${plan.tier} \xB7 **Level:** ${plan.level} \xB7 **State:** ${plan.state} \xB7 **Check:** ${plan.check.status}${plan.check.conclusion === void 0 ? "" : ` (${plan.check.conclusion})`}: ${plan.check.title}`,
    ""
  );
  if (plan.waived !== void 0) lines.push(`Proceeds without approval: ${plan.waived}`, "");
  lines.push("## Matched rules", "");
  lines.push(...plan.rules.length === 0 ? ["No rule matched."] : plan.rules.flatMap(renderRule), "");
  if (plan.factors.length > 0) {
    lines.push("## Risk factors", "");
    for (const factor of plan.factors)
      lines.push(`- ${factor.factor}: ${factor.value} \u2192 ${factor.tier} (${factor.from})`);
    lines.push("");
  }
  lines.push("## Who must approve", "");
  if (plan.requirements.length === 0) {
    lines.push(`Nobody: the change would proceed (${plan.state}).`);
  } else {
    lines.push(...plan.requirements.map(renderRequirement));
  }
  lines.push("");
  if (!plan.readiness.ready) {
    lines.push("## Not ready for approval", "");
    for (const gap of plan.readiness.missing) {
      const where = gap.source === void 0 ? "" : `${gap.source.path}:${gap.source.line}: `;
      lines.push(`- ${where}${gap.problem}, required by rule **${gap.rule}**`);
    }
    lines.push("");
  }
  if (plan.problems.length > 0) {
    lines.push("## Problems", "");
    for (const problem of plan.problems) lines.push(`- ${problem}`);
    lines.push("");
  }
  lines.push("The request Gatehouse would post:", "", plan.request.markdown, "");
  return lines.join("\n");
}
function renderPlanText(plan) {
  return renderMarkdownAsText(renderPlanMarkdown(plan));
}

// src/local/parsed-policy-cache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
function hash(parts) {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
function createParsedPolicyCache(cacheDir, repositoryDir) {
  const path = join(cacheDir, "plan", `${hash([repositoryDir]).slice(0, 32)}.json`);
  const keyOf = (key) => hash([key.build, key.file, key.defaultBranch, key.text]);
  return {
    load(key) {
      try {
        const file = JSON.parse(readFileSync(path, "utf8"));
        return file.key === keyOf(key) && typeof file.policy === "object" && file.policy !== null ? file.policy : void 0;
      } catch {
        return void 0;
      }
    },
    save(key, policy) {
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 448 });
        writeFileSync(temporary, JSON.stringify({ key: keyOf(key), policy }), {
          mode: 384
        });
        renameSync(temporary, path);
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
        }
      }
    }
  };
}
export {
  compilePathRules,
  createFileIndex,
  createParsedPolicyCache,
  createPathRule,
  createPlan,
  createPullRequestRequest,
  evaluateGate,
  matchFiles,
  renderPlanMarkdown,
  renderPlanText,
  resolveCacheDir
};
