#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
} from "./chunk-KA63FPMM.mjs";
import "./chunk-DNZ37L6F.mjs";
import "./chunk-3645ZHL3.mjs";
import "./chunk-QWE5X3RQ.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
};
