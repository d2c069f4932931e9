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
  mayNameExtends
} from "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import {
  DEFAULT_CONFIG_PATH,
  DEFAULT_LOG_BRANCH
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
import { isAbsolute, join, relative, resolve, sep } from "node:path";

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
  text: (plan, engine) => engine.renderPlanText(plan),
  md: (plan, engine) => engine.renderPlanMarkdown(plan),
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
    const enginePromise = started(import("./plan-engine-5P5OCOIW.mjs"));
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
          await openPolicyCache(repo, io.env, await enginePromise),
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
    const configPromise = started(loadConfigValues(repo, ["user.name", "remote.origin.url"]));
    const { policyBase, loaded, history: historyPromise } = await policyPromise;
    const engine = await enginePromise;
    if ("policy" in loaded && loaded.policy !== void 0) engine.compilePathRules(loaded.policy);
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
      writePlan(engine.createPlan({ ...context, specs: [], notes, policy: void 0 }), options, io, engine);
      return 0;
    }
    const [specs, history] = await Promise.all([
      loadSpecs(repo, policy, paths, options.spec, io, engine),
      historyPromise ?? loadHistory(repo, refs, policy, notes)
    ]);
    const now = io.now().toISOString();
    const userName = (await configPromise)["user.name"];
    const author = { id: 0, login: userName ?? "you", type: "User" };
    const parsed = specs.map((entry) => entry.spec);
    const artifact = [...parsed].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)[0];
    const request = engine.createPullRequestRequest(
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
    const result = engine.evaluateGate(policy, request, facts, now);
    const plan = engine.createPlan({
      ...context,
      specs: specs.map(({ spec, problems }) => ({ path: spec.path, problems })),
      log: history.log,
      notes,
      policy,
      request,
      result,
      now
    });
    writePlan(plan, options, io, engine);
    return 0;
  }
};
async function openPolicyCache(repo, env, engine) {
  const build = await readFile(new URL("./build-id.txt", import.meta.url), "utf8").then(
    (text) => text.trim(),
    () => ""
  );
  const dir = engine.resolveCacheDir(env);
  const inside = dir !== void 0 && !relative(repo.dir, dir).startsWith("..") && !isAbsolute(relative(repo.dir, dir));
  return build === "" || dir === void 0 || inside ? void 0 : { build, parsed: engine.createParsedPolicyCache(dir, repo.dir) };
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
function writePlan(plan, options, io, engine) {
  for (const note of plan.notes) io.stderr.write(`gatehouse: note: ${note}
`);
  io.stdout.write(RENDERERS[options.format](plan, engine));
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
var loadPolicyParser = () => import("./policy-NFYF7RFG.mjs");
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
  const local = await readFile(join(repo.dir, DEFAULT_CONFIG_PATH), "utf8").catch(() => void 0);
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
async function loadSpecs(repo, policy, paths, forced, io, engine) {
  const texts = /* @__PURE__ */ new Map();
  for (const path of engine.matchFiles(
    engine.createPathRule(policy.specs.paths),
    engine.createFileIndex(paths)
  )) {
    const text = await readFile(join(repo.dir, path), "utf8").catch(() => void 0);
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
