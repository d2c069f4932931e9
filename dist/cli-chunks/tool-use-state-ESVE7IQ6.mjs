#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import "./chunk-WQRVGDJH.mjs";

// src/agent/tool-use-state.ts
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
function toolUsePath(dir, toolUseId) {
  return join(dir, "tool-uses", `${createHash("sha256").update(toolUseId).digest("hex")}.json`);
}
async function saveToolUse(dir, toolUseId, approval) {
  await mkdir(join(dir, "tool-uses"), { recursive: true, mode: 448 });
  await writeFile(toolUsePath(dir, toolUseId), JSON.stringify(approval), { mode: 384 });
}
async function takeToolUse(dir, toolUseId) {
  const path = toolUsePath(dir, toolUseId);
  let value;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return void 0;
  } finally {
    await rm(path, { force: true });
  }
  if (typeof value !== "object" || value === null) return void 0;
  const { repository, issueNumber } = value;
  if (typeof repository !== "string" || typeof issueNumber !== "number" || !Number.isInteger(issueNumber))
    return void 0;
  return { repository, issueNumber };
}
export {
  saveToolUse,
  takeToolUse
};
