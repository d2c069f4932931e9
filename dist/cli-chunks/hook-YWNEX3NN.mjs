#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
} from "./chunk-IXTM2I5F.mjs";
import "./chunk-LE7G67SP.mjs";
import "./chunk-MHDVFN3P.mjs";
import "./chunk-PRWA52GV.mjs";
import "./chunk-M37EBWUR.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DEFAULT_WAIT_MS,
  hookCommand,
  runClaudeCodeHook,
  runHookCommand
};
