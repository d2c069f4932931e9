#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  matchGlob,
  parseGlob
} from "./chunk-U2RKVWYE.mjs";

// src/core/action-glob.ts
var SLASH_STAND_IN = "\uE000";
var STAND_IN_STAND_IN = "\uE001";
var GLOB_SYNTAX = /[*?[\]{}()|,\\!@+]/;
function commandForm(text) {
  return text.replaceAll(SLASH_STAND_IN, STAND_IN_STAND_IN).replaceAll("/", SLASH_STAND_IN);
}
function checkActionGlob(source, command) {
  const parsed = parseGlob(command ? commandForm(source) : source);
  return parsed.ok ? void 0 : parsed.problem;
}
function createActionGlob(source, command) {
  if (!command) return { source, command, head: "" };
  const form = commandForm(source);
  const syntax = form.search(GLOB_SYNTAX);
  return { source, command, head: syntax === -1 ? form : form.slice(0, syntax) };
}
function matchActionGlob(glob, text, meter) {
  const form = glob.command ? commandForm(text) : text;
  if (!form.startsWith(glob.head)) return false;
  glob.compiled ??= compile(glob);
  return matchGlob(glob.compiled, form, meter);
}
function compile(glob) {
  const parsed = parseGlob(glob.command ? commandForm(glob.source) : glob.source);
  if (parsed.ok) return parsed.glob;
  const everything = parseGlob("**");
  if (!everything.ok) throw new Error('unreachable: "**" is a glob');
  return everything.glob;
}

export {
  checkActionGlob,
  createActionGlob,
  matchActionGlob
};
