#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  readApproval,
  recordExecution,
  requestApproval
} from "./chunk-72PQZNOP.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  readApproval,
  recordExecution,
  requestApproval
};
