#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/agent/policy-cache.ts
import { dirname, join } from "node:path";

// src/agent/node-fs.ts
import { createRequire } from "node:module";
function nodeFs() {
  return typeof process.getBuiltinModule === "function" ? process.getBuiltinModule("node:fs") : createRequire(import.meta.url)("node:fs");
}

// src/agent/policy-cache.ts
var POLICY_FRESH_MS = 5 * 6e4;
var CACHE_VERSION = 1;
function resolveCacheDir(env) {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg?.startsWith("/")) return join(xdg, "gatehouse");
  const home = env.HOME;
  return home === void 0 || home === "" ? void 0 : join(home, ".cache", "gatehouse");
}
function policyCachePath(location) {
  const host = new URL(location.api).host.replace(/[^\w.-]/g, "_");
  return join(location.dir, "policy", host, location.owner, `${location.repo}.json`);
}
async function loadCachedPolicy(location, deps) {
  const path = policyCachePath(location);
  const cached = readCache(path, location, deps.warn);
  const now = deps.now().getTime();
  if (cached !== void 0) {
    const age = now - Date.parse(cached.fetchedAt);
    if (age >= 0 && age < POLICY_FRESH_MS) return { load: cached.policy, fresh: true };
  }
  const github = await deps.connect();
  if ("unavailable" in github) return { load: void 0, why: github.unavailable };
  const fetched = await deps.fetch(github, location, cached, deps.now());
  if ("error" in fetched) {
    if (cached === void 0) return { load: void 0, why: fetched.error };
    return { load: cached.policy, fresh: false, why: fetched.error };
  }
  if (fetched.file !== void 0) writeCache(path, fetched.file);
  return { load: fetched.load, fresh: true };
}
function writeCache(path, file) {
  const { mkdirSync, renameSync, rmSync, writeFileSync } = nodeFs();
  mkdirSync(dirname(path), { recursive: true, mode: 448 });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(file), { mode: 384 });
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
  }
}
function readCache(path, location, warn) {
  let text;
  try {
    text = nodeFs().readFileSync(path, "utf8");
  } catch {
    return void 0;
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = void 0;
  }
  const repository = `${location.owner}/${location.repo}`;
  if (isCacheFile(value) && value.api === location.api && value.repository === repository) return value;
  warn(`the policy cache ${path} is not one Gatehouse wrote; fetching the policy again`);
  return void 0;
}
function isCacheFile(value) {
  if (!isRecord(value)) return false;
  return value.version === CACHE_VERSION && typeof value.api === "string" && typeof value.repository === "string" && typeof value.fetchedAt === "string" && !Number.isNaN(Date.parse(value.fetchedAt)) && typeof value.defaultBranch === "string" && isRecord(value.policy) && (value.policy.state === "absent" || value.policy.state === "valid" && isPolicyShape(value.policy.policy)) && isRecord(value.responses) && Object.values(value.responses).every(
    (entry) => isRecord(entry) && typeof entry.etag === "string" && isRecord(entry.response)
  );
}
function isPolicyShape(value) {
  if (!isRecord(value)) return false;
  const { mode, allow, reviewers, defaults, rules, environments, specs, log, queue, thresholds } = value;
  return typeof mode === "string" && isStringList(allow) && isRecord(reviewers) && Object.values(reviewers).every(isStringList) && isRecord(defaults) && Array.isArray(rules) && rules.every((rule) => isRecord(rule) && typeof rule.name === "string" && isRecord(rule.if)) && isRecord(environments) && isRecord(specs) && isStringList(specs.paths) && isRecord(log) && typeof log.branch === "string" && isRecord(queue) && isRecord(thresholds) && isRecord(thresholds.cost);
}
function isStringList(value) {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export {
  nodeFs,
  CACHE_VERSION,
  resolveCacheDir,
  loadCachedPolicy
};
