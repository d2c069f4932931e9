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
} from "./chunk-LX23LT2W.mjs";
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
