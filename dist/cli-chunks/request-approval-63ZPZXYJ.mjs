#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-N6VXGGFZ.mjs";
import "./chunk-QWLCEEHH.mjs";
import "./chunk-OPMQ25G6.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-4NQCSSHS.mjs";
import "./chunk-GLWYVGCB.mjs";
import "./chunk-QPJAGJBK.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-3LYYOS6Y.mjs";
import "./chunk-U54EKT45.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-QBO76XQ4.mjs";
import "./chunk-E5ZNCKCQ.mjs";
import "./chunk-LDXNCBSW.mjs";
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
