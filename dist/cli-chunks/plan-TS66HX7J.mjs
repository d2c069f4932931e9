#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  checkPositionals,
  loadTextFile,
  parseChoice,
  parseCommandArgs,
  parseText
} from "./chunk-KJCRXWLB.mjs";
import {
  CliError
} from "./chunk-LE7G67SP.mjs";
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
import {
  mayNameExtends
} from "./chunk-7TLEHQL6.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-PIRSD7FP.mjs";
import {
  BIDI_CONTROLS,
  hashRequest
} from "./chunk-DQSC6Z5E.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-HJOLEIQ3.mjs";
import {
  DEFAULT_CONFIG_PATH,
  DEFAULT_LOG_BRANCH,
  createCheckName
} from "./chunk-5Q7N6AK2.mjs";
import {
  decisionLogRefs,
  loadConfigValues,
  loadDecisionLog,
  loadDiffedFiles,
  loadFileAtCommit,
  loadHeadCommit,
  loadMergeBase,
  loadObjects,
  loadRepository,
  loadUntrackedFiles,
  mergeChangedFiles,
  pickDecisionLogCommit,
  resolveBranchName,
  resolveCommit
} from "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/commands/plan.ts
import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, join as join2, relative, resolve, sep } from "node:path";

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

// src/local/ref-resolver.ts
function createRefResolver(repo, prefetch) {
  const path = prefetch.path !== void 0 && !/[\r\n]/.test(prefetch.path) ? prefetch.path : void 0;
  const batched = [];
  const lists = [
    [prefetch.refs, path !== void 0],
    [prefetch.commitsOnly ?? [], false]
  ];
  for (const [refs, file] of lists) {
    for (const ref of refs) {
      if (ref !== "" && !/[\r\n]/.test(ref) && !batched.some((entry) => entry.ref === ref))
        batched.push({ ref, file });
    }
  }
  const names = batched.flatMap(
    ({ ref, file }) => file ? [`${ref}^{commit}`, `${ref}^{commit}:${path}`] : [`${ref}^{commit}`]
  );
  let loading;
  const loaded = () => {
    loading ??= loadObjects(repo, names).then((objects) => {
      const found = /* @__PURE__ */ new Map();
      let at = 0;
      for (const { ref, file } of batched) {
        const commit = objects[at++];
        const blob = file ? objects[at++] : void 0;
        found.set(ref, {
          commit: commit?.type === "commit" ? commit.object : void 0,
          file: blob?.type === "blob" ? blob.data : void 0
        });
      }
      return found;
    });
    return loading;
  };
  const isBatched = (ref) => batched.some((entry) => entry.ref === ref);
  const commits = /* @__PURE__ */ new Map();
  const branches = /* @__PURE__ */ new Map();
  const once = (map, ref, load) => {
    const known = map.get(ref);
    if (known !== void 0) return known;
    const started2 = load();
    map.set(ref, started2);
    return started2;
  };
  return {
    commit: (ref) => once(
      commits,
      ref,
      async () => isBatched(ref) ? (await loaded()).get(ref)?.commit : resolveCommit(repo, ref)
    ),
    prefetched: isBatched,
    branch: (ref) => once(branches, ref, () => resolveBranchName(repo, ref)),
    async file(commit, wanted) {
      if (wanted === path) {
        for (const entry of (await loaded()).values()) {
          if (entry.commit === commit) return entry.file?.toString("utf8");
        }
      }
      return loadFileAtCommit(repo, commit, wanted);
    }
  };
}

// src/cli/commands/plan.ts
var FORMATS = ["text", "md", "json"];
var RENDERERS = {
  text: renderPlanText,
  md: renderPlanMarkdown,
  json: (plan) => `${JSON.stringify(plan, null, 2)}
`
};
var DEFAULT_BASES = ["origin/HEAD", "main", "master"];
var planCommand = {
  name: "plan",
  usage: "gatehouse plan [--spec FILE] [--base REF] [--environment ENV] [--kind KIND] [--config FILE] [--extends-file FILE] [--format text|md|json]",
  help: `Evaluates the gate a pull request from this working tree would get, offline: the changed
files are everything that differs from the merge base with the base ref (commits, staged and
unstaged edits) plus untracked files that are not ignored, so you can plan before committing.

The policy is read from the default branch (origin/HEAD, else main, else master:
${DEFAULT_CONFIG_PATH} as committed there), as Gatehouse reads it from the repository's default
branch whatever the base, so no branch can relax its own gate or another's. Spec files are the changed
files under the policy's specs.paths, read from the working tree. Precedent comes from the local
gatehouse-log branch (or origin/gatehouse-log). Nothing is fetched; no token is needed.

Options:
  --base REF           the branch the change would merge into (default: origin/HEAD, else main,
                       else master)
  --spec FILE          read this spec file too (any path), as if the change added it; with
                       several specs the request is built from the first by path, as Gatehouse does
  --environment ENV    plan the deployment gate for this environment instead of the PR gate
  --kind KIND          the action kind (deploy, migration, docs, \u2026); overrides a spec's kind:
  --config FILE        use this policy file instead of the default branch's, to try a policy change
  --extends-file FILE  a local copy of the policy that extends: names (nothing is fetched)
  --format F           text (default: plain text to read in a terminal), md (the same as
                       Markdown, for a job summary or a comment) or json (described in
                       docs/cli.md)

Exit codes: 0 planned (whatever the tier), 1 invalid policy or a file that cannot be read,
2 usage error.`,
  async run(args, io) {
    const options = parsePlanOptions(args);
    const here = { dir: io.cwd, env: io.env };
    const repoPromise = loadRepository(io.cwd, io.env);
    const untrackedPromise = started(loadUntrackedFiles(here));
    const configPromise = started(loadConfigValues(here, ["user.name", "remote.origin.url"]));
    const headPromise = started(loadHeadCommit(here));
    const refs = createRefResolver(here, {
      refs: options.base === void 0 ? DEFAULT_BASES : [options.base, ...DEFAULT_BASES],
      // The policy of each candidate in the same process: one of them is the default branch.
      path: options.config === void 0 ? DEFAULT_CONFIG_PATH : void 0,
      // And the decision log's refs, as most policies name it: the log is read with no wait for them.
      commitsOnly: decisionLogRefs(DEFAULT_LOG_BRANCH)
    });
    const baseCommitPromise = started(findBaseCommit(refs, options.base));
    const basePromise = started(baseCommitPromise.then((found) => nameBase(refs, found)));
    const repo = await repoPromise;
    if (repo === void 0) {
      throw new CliError(
        "not inside a git repository: plan reads the changes of a local clone; run it there"
      );
    }
    const policyPromise = started(
      resolveDefaultBase(refs, basePromise, options.base).then(async (policyBase2) => {
        const loaded2 = await loadPolicy(
          repo,
          policyBase2,
          options,
          io.cwd,
          await openPolicyCache(repo, io.env),
          refs
        );
        const history2 = "policy" in loaded2 && loaded2.policy !== void 0 ? started(loadHistory(repo, refs, loaded2.policy, loaded2.notes)) : void 0;
        return { policyBase: policyBase2, loaded: loaded2, history: history2 };
      })
    );
    const head = await headPromise;
    if (head === void 0)
      throw new CliError("HEAD has no commit yet: commit something (or check out a branch) first");
    const mergeBasePromise = started(
      baseCommitPromise.then((found) => loadMergeBase(repo, found.sha, head.sha))
    );
    const base = await basePromise;
    const mergeBase = await mergeBasePromise;
    if (mergeBase === void 0)
      throw new CliError(`${base.ref} and HEAD have no commit in common: name the base with --base REF`);
    const changedPromise = started(loadDiffedFiles(repo, mergeBase));
    const { policyBase, loaded, history: historyPromise } = await policyPromise;
    if ("policy" in loaded && loaded.policy !== void 0) compilePathRules(loaded.policy);
    const [changed, untracked] = await Promise.all([changedPromise, untrackedPromise]);
    const paths = mergeChangedFiles(changed, untracked);
    if ("problems" in loaded) return printProblems(loaded.problems, io);
    const { source, policy, notes } = loaded;
    const context = {
      repository: repositoryName(repo, (await configPromise)["remote.origin.url"]),
      base: { ref: base.ref, branch: base.branch, sha: base.sha, mergeBase },
      head: { sha: head.sha },
      policySource: source,
      files: { paths, complete: true }
    };
    if (policy === void 0) {
      writePlan(createPlan({ ...context, specs: [], notes, policy: void 0 }), options, io);
      return 0;
    }
    const [specs, history] = await Promise.all([
      loadSpecs(repo, policy, paths, options.spec, io),
      historyPromise ?? loadHistory(repo, refs, policy, notes)
    ]);
    const now = io.now().toISOString();
    const userName = (await configPromise)["user.name"];
    const author = { id: 0, login: userName ?? "you", type: "User" };
    const parsed = specs.map((entry) => entry.spec);
    const artifact = [...parsed].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)[0];
    const request = createPullRequestRequest(
      {
        repository: context.repository,
        // No pull request exists yet; the number is not part of what is asked or hashed.
        number: 0,
        title: artifact?.action?.text ?? head.subject,
        body: head.body,
        author,
        headSha: head.sha,
        baseRef: base.branch,
        // Into another base than the default branch: the check Gatehouse would publish is named for it.
        ...base.branch === policyBase.branch ? {} : { into: base.branch },
        labels: [],
        files: { paths, complete: true }
      },
      parsed,
      options.environment
    );
    if (options.kind !== void 0) request.kind = options.kind;
    const facts = {
      head: { sha: head.sha, since: now },
      statements: [],
      permissions: {},
      teams: {},
      selfIds: [],
      requestedAt: now,
      ...history.decisions === void 0 ? {} : { history: history.decisions }
    };
    const result = evaluateGate(policy, request, facts, now);
    const plan = createPlan({
      ...context,
      specs: specs.map(({ spec, problems }) => ({ path: spec.path, problems })),
      log: history.log,
      notes,
      policy,
      request,
      result,
      now
    });
    writePlan(plan, options, io);
    return 0;
  }
};
async function openPolicyCache(repo, env) {
  const build = await readFile(new URL("./build-id.txt", import.meta.url), "utf8").then(
    (text) => text.trim(),
    () => ""
  );
  const dir = resolveCacheDir(env);
  const inside = dir !== void 0 && !relative(repo.dir, dir).startsWith("..") && !isAbsolute(relative(repo.dir, dir));
  return build === "" || dir === void 0 || inside ? void 0 : { build, parsed: createParsedPolicyCache(dir, repo.dir) };
}
function started(promise) {
  promise.catch(() => void 0);
  return promise;
}
function parsePlanOptions(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      spec: { type: "string" },
      base: { type: "string" },
      environment: { type: "string" },
      kind: { type: "string" },
      config: { type: "string" },
      "extends-file": { type: "string" },
      format: { type: "string" }
    },
    allowPositionals: true,
    strict: true
  });
  checkPositionals(positionals, 0);
  const options = { format: parseChoice("format", values.format, FORMATS) ?? "text" };
  const texts = {
    spec: parseText("spec", values.spec),
    base: parseText("base", values.base),
    environment: parseText("environment", values.environment),
    kind: parseText("kind", values.kind),
    config: parseText("config", values.config),
    extendsFile: parseText("extends-file", values["extends-file"])
  };
  for (const [key, value] of Object.entries(texts)) {
    if (value !== void 0) options[key] = value;
  }
  return options;
}
function writePlan(plan, options, io) {
  for (const note of plan.notes) io.stderr.write(`gatehouse: note: ${note}
`);
  io.stdout.write(RENDERERS[options.format](plan));
}
async function resolveBase(refs, given) {
  return nameBase(refs, await findBaseCommit(refs, given));
}
async function findBaseCommit(refs, given) {
  const candidates = given === void 0 ? DEFAULT_BASES : [given];
  for (const ref of candidates) {
    const sha = await refs.commit(ref);
    if (sha !== void 0) return { ref, sha };
  }
  throw new CliError(
    given === void 0 ? `no base branch: none of ${DEFAULT_BASES.join(", ")} exists here; name the branch the change would merge into with --base REF` : `--base ${given}: no such branch or commit here (fetch it, or name another with --base REF)`
  );
}
async function nameBase(refs, found) {
  const branch = await refs.branch(found.ref);
  return { ref: found.ref === "origin/HEAD" ? `origin/${branch}` : found.ref, branch, sha: found.sha };
}
async function resolveDefaultBase(refs, base, given) {
  if (given === void 0) return base;
  try {
    return await resolveBase(refs, void 0);
  } catch {
    return base;
  }
}
function describeSource(source) {
  return source.kind === "base" ? `${source.ref}:${source.path}` : source.path;
}
var loadPolicyParser = () => import("./policy-N3XSD7FE.mjs");
var loadSpecParser = () => import("./spec-W4IDKZXB.mjs");
async function loadPolicy(repo, base, options, cwd, cache, refs) {
  const source = options.config === void 0 ? { kind: "base", ref: base.ref, path: DEFAULT_CONFIG_PATH } : { kind: "file", path: options.config };
  const text = options.config === void 0 ? await refs.file(base.sha, DEFAULT_CONFIG_PATH) : await loadTextFile(resolve(cwd, options.config), options.config);
  const notes = [];
  if (options.config === void 0) {
    const note = await compareWorkingTreePolicy(repo, base, text);
    if (note !== void 0) notes.push(note);
  }
  if (text === void 0) return { source, policy: void 0, notes };
  const file = describeSource(source);
  const target = mayNameExtends(text) ? (await loadPolicyParser()).readExtends(text) : void 0;
  let baseDocument;
  if (target !== void 0 && options.extendsFile !== void 0) {
    const { parsePolicyDocument } = await loadPolicyParser();
    const extended = parsePolicyDocument(
      await loadTextFile(resolve(cwd, options.extendsFile), options.extendsFile),
      {
        file: options.extendsFile
      }
    );
    if (!extended.ok) return { problems: extended.problems };
    baseDocument = extended.document;
  } else if (target !== void 0) {
    notes.push(
      `extends: ${target} was not merged (nothing is fetched offline): the plan uses ${file} on its own; pass --extends-file FILE with a copy of it`
    );
  }
  const key = { text, file, defaultBranch: base.branch, build: cache?.build ?? "" };
  const cached = baseDocument === void 0 ? cache?.parsed.load(key) : void 0;
  if (cached !== void 0) return { source, policy: cached, notes };
  const { parsePolicy } = await loadPolicyParser();
  const parsed = parsePolicy(
    text,
    baseDocument === void 0 ? { file, defaultBranch: base.branch } : { file, base: baseDocument, defaultBranch: base.branch }
  );
  if (!parsed.ok) return { problems: parsed.problems };
  if (baseDocument === void 0) cache?.parsed.save(key, parsed.policy);
  return { source, policy: parsed.policy, notes };
}
async function compareWorkingTreePolicy(repo, base, committed) {
  const local = await readFile(join2(repo.dir, DEFAULT_CONFIG_PATH), "utf8").catch(() => void 0);
  if (local === void 0 || local === committed) return void 0;
  const tryIt = `--config ${DEFAULT_CONFIG_PATH}`;
  return committed === void 0 ? `${DEFAULT_CONFIG_PATH} is in your working tree but not committed on ${base.ref} yet, and Gatehouse reads the policy from ${base.ref}: commit it and merge it into ${base.branch}, or try this copy now with ${tryIt}` : `${DEFAULT_CONFIG_PATH} in your working tree differs from ${base.ref}'s; the plan uses ${base.ref}'s, as Gatehouse would (try yours with ${tryIt})`;
}
async function printProblems(problems, io) {
  const { formatPolicyProblem } = await loadPolicyParser();
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
  return 1;
}
async function loadSpecs(repo, policy, paths, forced, io) {
  const texts = /* @__PURE__ */ new Map();
  for (const path of matchFiles(createPathRule(policy.specs.paths), createFileIndex(paths))) {
    const text = await readFile(join2(repo.dir, path), "utf8").catch(() => void 0);
    if (text !== void 0) texts.set(path, text);
  }
  if (forced !== void 0) {
    const absolute = resolve(io.cwd, forced);
    const text = await loadTextFile(absolute, forced);
    texts.set(await toRepositoryPath(repo, absolute, forced), text);
  }
  const { parseSpec } = texts.size === 0 ? { parseSpec: void 0 } : await loadSpecParser();
  const specs = parseSpec === void 0 ? [] : [...texts].map(([path, text]) => parseSpec(text, path));
  for (const { problems } of specs) {
    for (const problem of problems)
      io.stderr.write(`${problem.path}:${problem.line}:${problem.column} ${problem.message}
`);
  }
  return specs;
}
async function toRepositoryPath(repo, absolute, given) {
  const real = await realpath(absolute).catch(() => absolute);
  const inside = relative(repo.dir, real);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? given : inside.split(sep).join("/");
}
async function loadHistory(repo, refs, policy, notes) {
  const [local, remote] = decisionLogRefs(policy.log.branch);
  const prefetched = refs.prefetched(local) && refs.prefetched(remote);
  const log = await loadDecisionLog(
    repo,
    policy.log,
    prefetched ? async (branch) => pickDecisionLogCommit(branch, await refs.commit(local), await refs.commit(remote)) : void 0
  );
  if (log === void 0) {
    notes.push(
      `no local decision log: precedent counts as first_time (git fetch origin ${policy.log.branch}:${policy.log.branch})`
    );
    return { decisions: void 0, log: void 0 };
  }
  if (log.malformed.length > 0) {
    const count = log.malformed.length;
    notes.push(
      `skipped ${count} malformed decision ${count === 1 ? "record" : "records"} in ${log.ref}:${policy.log.path} (first: ${log.malformed[0]?.path})`
    );
  }
  const decisions = log.records.map((record) => {
    const prior = {
      id: record.id,
      decision: record.decision,
      rules: [...record.rules],
      at: record.times.decided_at,
      requestHash: record.request.hash
    };
    if (record.request.kind !== void 0) prior.kind = record.request.kind;
    if (record.subject.pull_request !== void 0) prior.pullRequest = record.subject.pull_request;
    if (record.subject.target_branch !== void 0) prior.target = record.subject.target_branch;
    return prior;
  });
  return { decisions, log: { ref: log.ref, records: log.records.length, malformed: log.malformed.length } };
}
var REMOTE_URL = /^(?:[a-z][\w+.-]*:\/\/(?:[^@/]+@)?[^/]+\/|[^@/:]+@[^:/]+:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i;
function repositoryName(repo, url) {
  const match = url === void 0 ? null : REMOTE_URL.exec(url);
  if (match?.[1] !== void 0 && match[2] !== void 0) return `${match[1]}/${match[2]}`;
  const folder = repo.dir.split(/[\\/]/).at(-1) ?? "repository";
  return `local/${folder.replace(/[^\w.-]/g, "-") || "repository"}`;
}
export {
  planCommand
};
