#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/github/request-error.ts
function readStatus(error) {
  if (typeof error !== "object" || error === null || !("status" in error)) return void 0;
  return typeof error.status === "number" ? error.status : void 0;
}
function describeRequestError(error) {
  const status = readStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n")[0]?.replace(/ - https:\/\/docs\.github\.com\S*$/, "") ?? "";
  return status === void 0 ? line : `HTTP ${status}: ${line}`;
}
function isTransient(error) {
  const status = readStatus(error);
  return status === void 0 || status >= 500;
}
var NO_RETRY = { request: { retries: 0 } };

export {
  readStatus,
  describeRequestError,
  isTransient,
  NO_RETRY
};
