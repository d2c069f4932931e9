#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-LVAMWUZU.mjs";
import "./chunk-L3Q4S2JI.mjs";
import "./chunk-TDBTV2LI.mjs";
import "./chunk-SWAAPEVY.mjs";
import "./chunk-M37EBWUR.mjs";
import "./chunk-2WM4ALOQ.mjs";
import "./chunk-JYQ2OBLQ.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-LLW5VIXE.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-4EKPZWMN.mjs";
import "./chunk-IK6I7YUF.mjs";
import "./chunk-CVKEXHFZ.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-GF4WDRA5.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-UH7RE5OO.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
