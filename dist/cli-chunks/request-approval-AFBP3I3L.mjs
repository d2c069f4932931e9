#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-UOLUW5BT.mjs";
import "./chunk-P5QDFYLV.mjs";
import "./chunk-PRWA52GV.mjs";
import "./chunk-5ODFQQ4B.mjs";
import "./chunk-M37EBWUR.mjs";
import "./chunk-KV42ITB5.mjs";
import "./chunk-GDGY43PI.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-7JBWST6E.mjs";
import "./chunk-DQSC6Z5E.mjs";
import "./chunk-AHN5MYWX.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
