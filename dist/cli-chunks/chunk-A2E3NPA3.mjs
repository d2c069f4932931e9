#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/agent/node-fs.ts
import { createRequire } from "node:module";
function nodeFs() {
  return typeof process.getBuiltinModule === "function" ? process.getBuiltinModule("node:fs") : createRequire(import.meta.url)("node:fs");
}

export {
  nodeFs
};
