#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  GitError,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadDecisionLog,
  loadDecisionLogFiles,
  loadFileAtCommit,
  loadHeadCommit,
  loadLogHistory,
  loadMergeBase,
  loadObjectRepository,
  loadRepository,
  loadTreeEntries,
  resolveBranchName,
  resolveCommit
} from "./chunk-TQVKTJNK.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-NVVDLLUC.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  GitError,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadDecisionLog,
  loadDecisionLogFiles,
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
