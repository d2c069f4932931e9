#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  GitError,
  findDecisionLogCommit,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadConfigValues,
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
  resolveCommit,
  resolveFullRefs
} from "./chunk-UH7RE5OO.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  GitError,
  findDecisionLogCommit,
  loadBlobs,
  loadChangedFiles,
  loadConfigValue,
  loadConfigValues,
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
  resolveCommit,
  resolveFullRefs
};
