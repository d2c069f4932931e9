#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/core/extends-mention.ts
function mayNameExtends(text) {
  return text.includes("extends") || text.includes("\\");
}

export {
  mayNameExtends
};
