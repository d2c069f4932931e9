#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
} from "./chunk-PWNRWQUP.mjs";
import "./chunk-TPZQNM3M.mjs";
import "./chunk-JA7WA2U2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
};
