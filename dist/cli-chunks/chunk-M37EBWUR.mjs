#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  compileAcceptedGlob,
  matchGlob
} from "./chunk-U2RKVWYE.mjs";

// src/core/path-match.ts
var WILDCARD = /[*?[\]{}()!+@\\]/;
function compileGlob(source) {
  return compileAcceptedGlob(source);
}
function compileIncluding(source) {
  const glob = compileGlob(source) ?? compileGlob("**");
  if (glob === void 0) throw new Error('unreachable: "**" is a glob');
  return glob;
}
function baseOf(glob) {
  const segments = glob.split("/");
  if (!segments.some((segment) => WILDCARD.test(segment))) return glob;
  const literal = [];
  for (const segment of segments.slice(0, -1)) {
    if (WILDCARD.test(segment)) break;
    literal.push(segment);
  }
  return literal.join("/");
}
function basesOf(source, glob) {
  const prefixes = glob.shapes?.map((shape) => shape.prefix) ?? [baseOf(source)];
  const bases = [];
  for (const prefix of [...new Set(prefixes)].sort()) {
    if (!bases.some((base) => base === "" || prefix.startsWith(base) && (prefix[base.length] ?? "") < "0"))
      bases.push(prefix);
  }
  return bases;
}
function createPathRule(globs) {
  const rule = { positive: [], negative: [] };
  for (const glob of globs) {
    if (glob.startsWith("!")) {
      const excluded = compileGlob(glob.slice(1));
      if (excluded !== void 0) rule.negative.push(excluded);
      continue;
    }
    const last = glob.slice(glob.lastIndexOf("/") + 1);
    const compiled = compileIncluding(glob);
    const included = { bases: basesOf(glob, compiled), glob: compiled };
    if (!WILDCARD.test(last)) included.basename = last;
    else if (/^\*\.[^/]+$/.test(last) && !WILDCARD.test(last.slice(2)))
      included.extension = extensionOf(last);
    rule.positive.push(included);
  }
  return rule;
}
function extensionOf(name) {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
}
function createFileIndex(paths) {
  const sorted = isSorted(paths) ? [...paths] : [...paths].sort();
  const byBasename = /* @__PURE__ */ new Map();
  const byExtension = /* @__PURE__ */ new Map();
  const add = (map, key, i) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  sorted.forEach((path, i) => {
    const name = path.slice(path.lastIndexOf("/") + 1);
    add(byBasename, name, i);
    add(byExtension, extensionOf(name), i);
  });
  return { sorted, byBasename, byExtension };
}
function isSorted(paths) {
  for (let i = 1; i < paths.length; i++) if ((paths[i - 1] ?? "") > (paths[i] ?? "")) return false;
  return true;
}
function lowerBound(sorted, key) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if ((sorted[mid] ?? "") < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function forEachCandidate(glob, index, visit) {
  const { sorted } = index;
  const ranges = glob.bases.map(
    (base) => base === "" ? [0, sorted.length] : [lowerBound(sorted, base), lowerBound(sorted, `${base}0`)]
  );
  const size = ranges.reduce((total, [start = 0, end = 0]) => total + end - start, 0);
  const named = glob.basename !== void 0 ? index.byBasename.get(glob.basename) ?? [] : glob.extension !== void 0 ? index.byExtension.get(glob.extension) ?? [] : void 0;
  if (named !== void 0 && named.length < size) {
    for (const i of named) {
      if (ranges.some(([start = 0, end = 0]) => i >= start && i < end)) visit(i);
    }
  } else {
    for (const [start = 0, end = 0] of ranges) for (let i = start; i < end; i++) visit(i);
  }
}
function matchFiles(rule, index, meter) {
  const matched = [];
  const seen = rule.positive.length > 1 ? /* @__PURE__ */ new Set() : void 0;
  for (const glob of rule.positive) {
    forEachCandidate(glob, index, (i) => {
      const path = index.sorted[i] ?? "";
      if (seen?.has(i) || !matchGlob(glob.glob, path, meter)) return;
      for (const excluded of rule.negative) if (matchGlob(excluded, path, meter)) return;
      seen?.add(i);
      matched.push(i);
    });
  }
  if (seen) matched.sort((a, b) => a - b);
  return matched.map((i) => index.sorted[i] ?? "");
}
function matchesAnyGlob(name, globs, meter) {
  return globs.some((source) => {
    const negated = source.startsWith("!");
    const glob = compileGlob(negated ? source.slice(1) : source);
    return glob === void 0 || matchGlob(glob, name, meter) !== negated;
  });
}

// src/core/model.ts
function readReviewerGroup(policy, name) {
  return Object.hasOwn(policy.reviewers, name) ? policy.reviewers[name] : void 0;
}
function mergeActors(...lists) {
  const merged = [];
  for (const list of lists)
    for (const actor of list) if (!merged.some((known) => known.id === actor.id)) merged.push(actor);
  return merged;
}

export {
  readReviewerGroup,
  mergeActors,
  createPathRule,
  createFileIndex,
  matchFiles,
  matchesAnyGlob
};
