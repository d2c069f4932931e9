#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-S4OOD6D6.mjs";
import "./chunk-3QC474SC.mjs";
import "./chunk-7NDAHLL7.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-BO74JZJG.mjs";
import "./chunk-65E2QT7E.mjs";
import "./chunk-DJWZC3TL.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-QLEKURRB.mjs";
import "./chunk-SGWREIY2.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-NVVDLLUC.mjs";
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
