#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  MAX_ENVIRONMENT_REVIEWERS,
  MAX_TIMEOUT_MS,
  POLICY_DEFAULTS,
  formatPolicyProblem,
  isSameBranch,
  mergePolicyDocuments,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends
} from "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  MAX_ENVIRONMENT_REVIEWERS,
  MAX_TIMEOUT_MS,
  POLICY_DEFAULTS,
  formatPolicyProblem,
  isSameBranch,
  mergePolicyDocuments,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends
};
