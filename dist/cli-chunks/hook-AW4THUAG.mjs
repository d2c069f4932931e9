#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
} from "./chunk-2U75KEJ5.mjs";
import "./chunk-LE7G67SP.mjs";
import "./chunk-MHDVFN3P.mjs";
import "./chunk-CJLBWS5H.mjs";
import "./chunk-FSZBQIPP.mjs";
import "./chunk-KQKO6SA3.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
};
