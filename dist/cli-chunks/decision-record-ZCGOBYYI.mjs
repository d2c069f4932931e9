#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  NOTE_MAX_CHARS,
  RECORD_SCHEMA,
  boundNote,
  createDecisionPath,
  createDecisionRecord,
  createDecisionRecordPath,
  decisionRecordSchema,
  parseDecisionCommitMessage,
  parseDecisionRecord,
  parseRecordFile,
  readValidRecord,
  renderDecisionCommitMessage,
  renderDecisionRecord
} from "./chunk-7JBWST6E.mjs";
import "./chunk-DQSC6Z5E.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  NOTE_MAX_CHARS,
  RECORD_SCHEMA,
  boundNote,
  createDecisionPath,
  createDecisionRecord,
  createDecisionRecordPath,
  decisionRecordSchema,
  parseDecisionCommitMessage,
  parseDecisionRecord,
  parseRecordFile,
  readValidRecord,
  renderDecisionCommitMessage,
  renderDecisionRecord
};
