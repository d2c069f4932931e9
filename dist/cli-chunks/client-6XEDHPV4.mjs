#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DO_NOT_RETRY,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  RETRIES,
  createGitHubClient,
  gitHubClientDefaults
} from "./chunk-KV42ITB5.mjs";
import "./chunk-WQRVGDJH.mjs";
export {
  DO_NOT_RETRY,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  RETRIES,
  createGitHubClient,
  gitHubClientDefaults
};
