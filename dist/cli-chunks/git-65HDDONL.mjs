#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  GitError,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadConfigValues,
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
  resolveCommit,
  resolveFullRefs
} from "./chunk-U54EKT45.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-XQ6YNGI2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  GitError,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadConfigValues,
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
  resolveCommit,
  resolveFullRefs
};
