#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/core/registry.ts
var DECISIONS = [
  "pending",
  "approved",
  "rejected",
  "expired",
  "auto_approved",
  "notified",
  "delayed",
  "changes_requested",
  "escalated"
];
var PASSING_DECISIONS = ["approved", "auto_approved", "notified", "delayed"];
var TIERS = ["proceed", "notify", "approve"];
var LEVELS = ["acknowledge", "review", "approve"];
var MODES = ["auto", "ask-once", "ask", "always"];
var GATE_KINDS = ["pull_request", "deployment", "request"];
var ON_TIMEOUT = ["reject", "escalate", "proceed"];
var REQUIREMENTS = ["action", "context", "risk_assessment", "rollback_plan"];
var PERMISSIONS = ["none", "read", "triage", "write", "maintain", "admin"];
var REVERSIBILITY = ["revertible", "config", "irreversible"];
var BLAST_RADIUS = ["file", "module", "production"];
var SENSITIVITY = ["internal", "customer_data", "credentials", "payments"];
var PRECEDENT = ["routine", "first_time", "novel"];
var VERBS = ["approve", "reject", "delay", "modify", "ack", "recheck"];
var STATEMENT_SOURCES = ["comment", "review", "check_action", "deployment_review"];
var CHECK_NAME = "gatehouse";
var DEFAULT_CONFIG_PATH = ".github/gatehouse.yml";
var DEFAULT_LOG_BRANCH = "gatehouse-log";
function createCheckName(environment, into) {
  const name = environment === void 0 ? CHECK_NAME : `${CHECK_NAME}: ${environment}`;
  return into === void 0 ? name : `${name}${INTO_PREFIX}${into}${INTO_SUFFIX}`;
}
var INTO_PREFIX = " (into ";
var INTO_SUFFIX = ")";
function parseCheckName(name) {
  let rest = name;
  let into;
  const at = name.lastIndexOf(INTO_PREFIX);
  if (at !== -1 && name.endsWith(INTO_SUFFIX)) {
    const base = name.slice(at + INTO_PREFIX.length, -INTO_SUFFIX.length);
    if (base !== "" && !/\s/.test(base)) {
      into = base;
      rest = name.slice(0, at);
    }
  }
  const gate = into === void 0 ? {} : { into };
  if (rest === CHECK_NAME) return gate;
  const prefix = `${CHECK_NAME}: `;
  return rest.startsWith(prefix) && rest.length > prefix.length ? { environment: rest.slice(prefix.length), ...gate } : null;
}

export {
  DECISIONS,
  PASSING_DECISIONS,
  TIERS,
  LEVELS,
  MODES,
  GATE_KINDS,
  ON_TIMEOUT,
  REQUIREMENTS,
  PERMISSIONS,
  REVERSIBILITY,
  BLAST_RADIUS,
  SENSITIVITY,
  PRECEDENT,
  VERBS,
  STATEMENT_SOURCES,
  CHECK_NAME,
  DEFAULT_CONFIG_PATH,
  DEFAULT_LOG_BRANCH,
  createCheckName,
  parseCheckName
};
