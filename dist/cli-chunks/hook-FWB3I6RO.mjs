#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
} from "./chunk-J77PAEDQ.mjs";
import "./chunk-3UNXBC3P.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
};
