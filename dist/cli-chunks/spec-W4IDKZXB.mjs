#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  parseSpec
} from "./chunk-AHN5MYWX.mjs";
import {
  createOptions,
  parseOption,
  parseOptionsSection,
  pickText
} from "./chunk-3Z6X4TJG.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  createOptions,
  parseOption,
  parseOptionsSection,
  parseSpec,
  pickText
};
