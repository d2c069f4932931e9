#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-DRXA5CYM.mjs";
import "./chunk-LKAJF3JL.mjs";
import "./chunk-2MJZW7MU.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-KH6NV5AR.mjs";
import "./chunk-K2TYHETK.mjs";
import "./chunk-QPJAGJBK.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-3LYYOS6Y.mjs";
import "./chunk-LAKZVOID.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-CJLBWS5H.mjs";
import "./chunk-FSZBQIPP.mjs";
import "./chunk-KQKO6SA3.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
