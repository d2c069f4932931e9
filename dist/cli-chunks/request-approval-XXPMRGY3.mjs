#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-BZST7LHD.mjs";
import "./chunk-BWRNVSBN.mjs";
import "./chunk-TDBTV2LI.mjs";
import "./chunk-HLQ7GHEG.mjs";
import "./chunk-M37EBWUR.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-JYQ2OBLQ.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-LLW5VIXE.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-XPUMRY4H.mjs";
import "./chunk-E57NZLIV.mjs";
import "./chunk-CVKEXHFZ.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-GF4WDRA5.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-LX23LT2W.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
