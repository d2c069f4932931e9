#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-GQLGEMEA.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-OKDCQHHN.mjs";
import "./chunk-TQVKTJNK.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-7BJKTZYL.mjs";
import "./chunk-M5LWBTWZ.mjs";
import "./chunk-OR7DPDQB.mjs";
import "./chunk-NVVDLLUC.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
