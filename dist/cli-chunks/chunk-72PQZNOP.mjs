#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/agent/request-approval.ts
async function requestApproval(_context, _input, _wait) {
  throw new Error("requestApproval is not implemented yet");
}
async function readApproval(_context, _issueNumber, _wait) {
  throw new Error("readApproval is not implemented yet");
}
async function recordExecution(_context, _issueNumber, _report) {
  throw new Error("recordExecution is not implemented yet");
}

export {
  requestApproval,
  readApproval,
  recordExecution
};
