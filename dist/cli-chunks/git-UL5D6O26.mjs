#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  GitError,
  findDecisionLogCommit,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadDecisionLog,
  loadDecisionLogFiles,
  loadDecisionLogFilesAt,
  loadFileAtCommit,
  loadHeadCommit,
  loadLogHistory,
  loadMergeBase,
  loadObjectRepository,
  loadRepository,
  loadTreeEntries,
  resolveBranchName,
  resolveCommit
} from "./chunk-LAKZVOID.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  GitError,
  findDecisionLogCommit,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadDecisionLog,
  loadDecisionLogFiles,
  loadDecisionLogFilesAt,
  loadFileAtCommit,
  loadHeadCommit,
  loadLogHistory,
  loadMergeBase,
  loadObjectRepository,
  loadRepository,
  loadTreeEntries,
  resolveBranchName,
  resolveCommit
};
