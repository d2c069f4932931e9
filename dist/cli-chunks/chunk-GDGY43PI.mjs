#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import {
  locate,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  parseYaml,
  readExtends
} from "./chunk-VO2VAETL.mjs";

// src/github/load-file.ts
var MAX_FILE_BYTES = 1e6;
async function loadFile(github, file) {
  let data;
  try {
    const response = await github.rest.repos.getContent({
      owner: file.owner,
      repo: file.repo,
      path: file.path,
      ...file.ref === void 0 ? {} : { ref: file.ref }
    });
    data = response.data;
  } catch (error) {
    if (readStatus(error) === 404) return { kind: "missing" };
    return { kind: "error", error: describeRequestError(error) };
  }
  if (Array.isArray(data)) return { kind: "unusable", reason: "it is a folder, not a file" };
  const entry = data;
  if (entry.type !== "file") return { kind: "unusable", reason: `it is a ${String(entry.type)}, not a file` };
  const size = typeof entry.size === "number" ? entry.size : 0;
  if (size > MAX_FILE_BYTES || entry.encoding !== "base64" || typeof entry.content !== "string") {
    return {
      kind: "unusable",
      reason: `it is too large to read (${size} bytes; at most ${MAX_FILE_BYTES} are read)`
    };
  }
  return { kind: "file", text: Buffer.from(entry.content, "base64").toString("utf8") };
}

// src/github/load-policy.ts
async function loadPolicy(github, location) {
  const { path: file, defaultBranch } = location;
  const ref = location.ref ?? defaultBranch;
  const loaded = await loadFile(github, { owner: location.owner, repo: location.repo, path: file, ref });
  switch (loaded.kind) {
    case "missing":
      return { state: "absent" };
    case "error":
      return { state: "unreadable", error: `${file} on ${ref}: ${loaded.error}` };
    case "unusable":
      return {
        state: "invalid",
        file,
        problems: [problemAt(file, "", "(root)", `${file}: ${loaded.reason}`)]
      };
    case "file":
      break;
  }
  const text = loaded.text;
  const extended = readExtends(text);
  const target = extended === void 0 ? void 0 : parseExtendsTarget(extended);
  if (target === void 0 || "error" in target) return parsed(text, { file, defaultBranch }, [file]);
  const baseFile = `${target.owner}/${target.repo}:${target.path}`;
  const base = await loadFile(github, target);
  switch (base.kind) {
    case "error":
      return { state: "unreadable", error: `extends: ${baseFile}: ${base.error}` };
    case "missing":
      return {
        state: "invalid",
        file,
        problems: [
          problemAt(
            file,
            text,
            "extends",
            `${baseFile} was not found on the default branch of ${target.owner}/${target.repo}, or Gatehouse is not installed there; fix the name or install the App on that repository`
          )
        ]
      };
    case "unusable":
      return {
        state: "invalid",
        file,
        problems: [problemAt(file, text, "extends", `${baseFile}: ${base.reason}`)]
      };
    case "file":
      break;
  }
  const document = parsePolicyDocument(base.text, { file: baseFile });
  if (!document.ok) return { state: "invalid", file, problems: document.problems };
  const sameRepository = target.owner.toLowerCase() === location.owner.toLowerCase() && target.repo.toLowerCase() === location.repo.toLowerCase();
  const files = sameRepository && target.path !== file ? [file, target.path] : [file];
  return parsed(text, { file, base: document.document, defaultBranch }, files);
}
function parsed(text, options, files) {
  const result = parsePolicy(text, options);
  return result.ok ? {
    state: "valid",
    policy: result.policy,
    document: result.document,
    files,
    defaultBranch: options.defaultBranch
  } : { state: "invalid", file: options.file, problems: result.problems };
}
function problemAt(file, text, key, message) {
  const yaml = parseYaml(text);
  const { line, column } = yaml.ok && key !== "(root)" ? locate(yaml.source, [key]) : { line: 1, column: 1 };
  return { file, line, column, path: key, message };
}

export {
  loadFile,
  loadPolicy
};
