#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
} from "./chunk-3P7AHUNR.mjs";
import "./chunk-IUAWMKOS.mjs";
import "./chunk-NS3FGUY7.mjs";
import "./chunk-3645ZHL3.mjs";
import "./chunk-QWE5X3RQ.mjs";
import "./chunk-DXJGGXFO.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  AgentSetupError,
  readApproval,
  recordExecution,
  renderExecution,
  requestApproval
};
