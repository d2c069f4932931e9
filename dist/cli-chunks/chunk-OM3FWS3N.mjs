#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/local/git.ts
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
var GitError = class extends Error {
  name = "GitError";
};
var MAX_BUFFER = 512 * 1024 * 1024;
function describeFailure(args, stderr, code) {
  const first = stderr.split("\n").map((line) => line.trim()).find((line) => line !== "");
  return `git ${args[0] ?? ""} failed${first === void 0 ? ` (exit ${code})` : `: ${first.replace(/^(?:fatal|error): /, "")}`}`;
}
function isMissingGit(error) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}
function execGit(cwd, env, args) {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...args],
      { cwd, env, encoding: "buffer", maxBuffer: MAX_BUFFER, windowsHide: true },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(
            new GitError(
              isMissingGit(error) ? existsSync(cwd) ? "git is not installed or not on PATH: gatehouse reads the local repository with git" : `${cwd}: no such folder` : describeFailure(args, stderr.toString("utf8"), String(error.code ?? error.message))
            )
          );
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr: stderr.toString("utf8") });
      }
    );
  });
}
async function git(repo, args) {
  const output = await execGit(repo.dir, repo.env, args);
  if (output.code !== 0) throw new GitError(describeFailure(args, output.stderr, output.code));
  return output.stdout;
}
function splitNul(output) {
  const records = output.toString("utf8").split("\0");
  if (records.at(-1) === "") records.pop();
  return records;
}
function firstLine(output) {
  return output.toString("utf8").split("\n", 1)[0] ?? "";
}
async function loadRepository(cwd, env) {
  const output = await execGit(cwd, env, ["rev-parse", "--show-toplevel"]);
  if (output.code !== 0) return void 0;
  const dir = firstLine(output.stdout);
  return dir === "" ? void 0 : { dir, env };
}
async function loadObjectRepository(cwd, env) {
  const worktree = await loadRepository(cwd, env);
  if (worktree !== void 0) return worktree;
  const output = await execGit(cwd, env, ["rev-parse", "--absolute-git-dir"]);
  const dir = firstLine(output.stdout);
  return output.code !== 0 || dir === "" ? void 0 : { dir, env };
}
async function resolveCommit(repo, ref) {
  const output = await execGit(repo.dir, repo.env, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${ref}^{commit}`
  ]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : void 0;
}
async function resolveFullRefs(repo, refs) {
  const output = await execGit(repo.dir, repo.env, [
    "for-each-ref",
    "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)",
    "--",
    ...refs
  ]);
  const found = /* @__PURE__ */ new Map();
  if (output.code === 0) {
    for (const line of output.stdout.toString("utf8").split("\n")) {
      const [name = "", type, sha, peeledType, peeled] = line.split("\0");
      const commit = type === "commit" ? sha : peeledType === "commit" ? peeled : void 0;
      if (commit !== void 0 && commit !== "") found.set(name, commit);
    }
  }
  return refs.map((ref) => found.get(ref));
}
async function resolveBranchName(repo, ref) {
  const output = await execGit(repo.dir, repo.env, [
    "rev-parse",
    "--verify",
    "--symbolic-full-name",
    "--end-of-options",
    ref
  ]);
  const full = output.code === 0 ? firstLine(output.stdout) : "";
  const branch = /^refs\/heads\/(.+)$/.exec(full)?.[1] ?? /^refs\/remotes\/[^/]+\/(.+)$/.exec(full)?.[1];
  return branch ?? ref;
}
async function loadMergeBase(repo, a, b) {
  const output = await execGit(repo.dir, repo.env, ["merge-base", a, b]);
  const sha = firstLine(output.stdout);
  return output.code === 0 && sha !== "" ? sha : void 0;
}
async function loadChangedFiles(repo, since) {
  const [changed, untracked] = await Promise.all([loadDiffedFiles(repo, since), loadUntrackedFiles(repo)]);
  return mergeChangedFiles(changed, untracked);
}
async function loadDiffedFiles(repo, since) {
  return splitNul(
    await git(repo, [
      "-c",
      "core.quotePath=false",
      "diff",
      "--name-only",
      "-z",
      "--no-renames",
      "--no-ext-diff",
      since,
      "--"
    ])
  );
}
async function loadUntrackedFiles(repo) {
  return splitNul(
    await git(repo, ["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", ":/"])
  );
}
function mergeChangedFiles(changed, untracked) {
  return [.../* @__PURE__ */ new Set([...changed, ...untracked])].sort();
}
async function loadHeadCommit(repo) {
  const output = await execGit(repo.dir, repo.env, [
    "log",
    "-1",
    "--no-show-signature",
    "--format=%H%x00%s%x00%b",
    "HEAD",
    "--"
  ]);
  if (output.code !== 0) return void 0;
  const [sha = "", subject = "", body = ""] = output.stdout.toString("utf8").split("\0");
  return { sha: sha.trim(), subject, body: body.trimEnd() };
}
async function loadFileAtCommit(repo, commit, path) {
  if (!/[\r\n]/.test(path) && /^[0-9a-f]{40,64}$/.test(commit)) {
    const [blob] = await loadBlobs(repo, [`${commit}:${path}`]);
    return blob?.toString("utf8");
  }
  const [entry] = await loadTreeEntries(repo, commit, path, { recursive: false });
  if (entry === void 0 || entry.type !== "blob") return void 0;
  return (await git(repo, ["cat-file", "blob", entry.object])).toString("utf8");
}
async function loadConfigValue(repo, key) {
  const output = await execGit(repo.dir, repo.env, ["config", "--get", key]);
  const value = firstLine(output.stdout).trim();
  return output.code === 0 && value !== "" ? value : void 0;
}
async function loadConfigValues(repo, keys) {
  const values = Object.fromEntries(keys.map((key) => [key, void 0]));
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const output = await execGit(repo.dir, repo.env, [
    "config",
    "-z",
    "--get-regexp",
    `^(${escaped.join("|")})$`
  ]);
  if (output.code !== 0) return values;
  for (const record of splitNul(output.stdout)) {
    const newline = record.indexOf("\n");
    const name = newline < 0 ? record : record.slice(0, newline);
    const value = newline < 0 ? "" : (record.slice(newline + 1).split("\n", 1)[0] ?? "").trim();
    const key = keys.find((candidate) => candidate === name);
    if (key !== void 0) values[key] = value === "" ? void 0 : value;
  }
  return values;
}
async function loadTreeEntries(repo, commit, path, options) {
  const args = ["ls-tree", "-z", "--full-tree", ...options.recursive ? ["-r"] : [], commit, "--", path];
  const entries = [];
  for (const record of splitNul(await git(repo, args))) {
    const tab = record.indexOf("	");
    const [mode = "", type = "", object = ""] = record.slice(0, tab).split(" ");
    if (tab > 0) entries.push({ mode, type, object, path: record.slice(tab + 1) });
  }
  return entries;
}
async function loadBlobs(repo, objects) {
  const found = await loadObjects(repo, objects);
  return found.map((object) => object?.type === "blob" ? object.data : void 0);
}
async function loadObjects(repo, names) {
  if (names.length === 0) return [];
  const stdout = await new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch", "--buffer"], {
      cwd: repo.dir,
      env: repo.env,
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on(
      "error",
      (error) => reject(
        isMissingGit(error) ? new GitError("git is not installed or not on PATH") : new GitError(error.message)
      )
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(describeFailure(["cat-file"], Buffer.concat(err).toString("utf8"), code ?? "signal"))
        );
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(`${names.join("\n")}
`);
  });
  return parseBatchOutput(stdout, names.length);
}
var BATCH_HEADER = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;
function parseBatchOutput(output, count) {
  const objects = [];
  let at = 0;
  while (objects.length < count) {
    const end = output.indexOf(10, at);
    if (end === -1) throw new GitError("git cat-file --batch ended early");
    const header = BATCH_HEADER.exec(output.toString("utf8", at, end));
    at = end + 1;
    if (header === null) {
      objects.push(void 0);
      continue;
    }
    const size = Number(header[3]);
    if (!Number.isSafeInteger(size) || at + size > output.length)
      throw new GitError("git cat-file --batch: unexpected output");
    objects.push({ object: header[1] ?? "", type: header[2] ?? "", data: output.subarray(at, at + size) });
    at += size + 1;
  }
  return objects;
}
async function findDecisionLogCommit(repo, branch) {
  const [local, remote] = await resolveFullRefs(repo, decisionLogRefs(branch));
  return pickDecisionLogCommit(branch, local, remote);
}
function decisionLogRefs(branch) {
  return [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`];
}
function pickDecisionLogCommit(branch, local, remote) {
  if (local !== void 0) return { ref: branch, commit: local };
  return remote === void 0 ? void 0 : { ref: `origin/${branch}`, commit: remote };
}
async function loadDecisionLogFilesAt(repo, commit, path, options = { markdownOnly: false }) {
  const folder = path.replace(/^\/+|\/+$/g, "");
  const entries = (await loadTreeEntries(repo, commit, folder === "" ? "." : folder, { recursive: true })).filter((entry) => entry.type === "blob" && (!options.markdownOnly || entry.path.endsWith(".md")));
  const blobs = await loadBlobs(
    repo,
    entries.map((entry) => entry.object)
  );
  return entries.map((entry, index) => ({ path: entry.path, text: blobs[index]?.toString("utf8") }));
}
async function loadDecisionLogFiles(repo, log, options = { markdownOnly: false }) {
  const found = await findDecisionLogCommit(repo, log.branch);
  if (found === void 0) return void 0;
  return { ...found, files: await loadDecisionLogFilesAt(repo, found.commit, log.path, options) };
}
async function loadDecisionLog(repo, log, find = (branch) => findDecisionLogCommit(repo, branch)) {
  const found = await find(log.branch);
  if (found === void 0) return void 0;
  const loaded = {
    ...found,
    files: await loadDecisionLogFilesAt(repo, found.commit, log.path, { markdownOnly: true })
  };
  if (loaded.files.length === 0) return { ref: loaded.ref, records: [], malformed: [] };
  const { parseDecisionRecord } = await import("./decision-record-ZCGOBYYI.mjs");
  const records = [];
  const malformed = [];
  for (const file of loaded.files) {
    const parsed = file.text === void 0 ? { error: "git could not read it" } : parseDecisionRecord(file.text);
    if ("record" in parsed) records.push(parsed.record);
    else malformed.push({ path: file.path, error: parsed.error });
  }
  return { ref: loaded.ref, records, malformed };
}
var STATUSES = {
  A: "added",
  M: "modified",
  T: "modified",
  D: "removed",
  R: "renamed",
  C: "copied"
};
async function loadLogHistory(repo, commit, options = {}) {
  const signed = options.gnupgHome !== void 0;
  const env = signed ? { ...repo.env, GNUPGHOME: options.gnupgHome } : repo.env;
  const format = signed ? "%x01%H %G?" : "%x01%H";
  const output = await git({ dir: repo.dir, env }, [
    "-c",
    "log.showRoot=true",
    "log",
    "-z",
    "--reverse",
    "--first-parent",
    "-m",
    "-M",
    "--no-color",
    "--name-status",
    `--format=${format}`,
    commit,
    "--"
  ]);
  const tokens = splitNul(output).map((token) => token.replace(/^\n+/, ""));
  const commits = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? "";
    if (token.startsWith("")) {
      const [sha = "", signature] = token.slice(1).split(" ");
      commits.push({ sha, ...signed ? { signature: signature ?? "N" } : {}, files: [] });
      continue;
    }
    const current = commits.at(-1);
    if (current === void 0 || token === "") continue;
    const status = STATUSES[token[0] ?? ""] ?? "modified";
    if (status === "renamed" || status === "copied") {
      const previousPath = tokens[++index] ?? "";
      current.files.push({ path: tokens[++index] ?? "", status, previousPath });
    } else current.files.push({ path: tokens[++index] ?? "", status });
  }
  return commits;
}

export {
  GitError,
  loadRepository,
  loadObjectRepository,
  resolveCommit,
  resolveFullRefs,
  resolveBranchName,
  loadMergeBase,
  loadChangedFiles,
  loadDiffedFiles,
  loadUntrackedFiles,
  mergeChangedFiles,
  loadHeadCommit,
  loadFileAtCommit,
  loadConfigValue,
  loadConfigValues,
  loadTreeEntries,
  loadBlobs,
  loadObjects,
  findDecisionLogCommit,
  decisionLogRefs,
  pickDecisionLogCommit,
  loadDecisionLogFilesAt,
  loadDecisionLogFiles,
  loadDecisionLog,
  loadLogHistory
};
