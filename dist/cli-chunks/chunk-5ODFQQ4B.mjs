#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import {
  parseDecisionCommitMessage,
  parseRecordFile
} from "./chunk-7JBWST6E.mjs";
import {
  bytesToHex,
  renderCanonicalJson,
  sha256,
  utf8ToBytes
} from "./chunk-DQSC6Z5E.mjs";
import {
  require_dist
} from "./chunk-QZTRVKXB.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  DECISIONS,
  PASSING_DECISIONS
} from "./chunk-5Q7N6AK2.mjs";
import {
  __toESM
} from "./chunk-WQRVGDJH.mjs";

// src/core/execution-record.ts
var import_yaml = __toESM(require_dist(), 1);
var EXECUTION_SUFFIX = ".execution.md";
var EXECUTION_TYPES = ["merge", "deployment", "request"];
var DEPLOYMENT_OUTCOMES = ["success", "failure", "error", "inactive"];
var REQUEST_OUTCOMES = ["succeeded", "failed"];
var DEPLOYMENT_ORIGINS = ["workflow_run", "api"];
var hex = (length) => external_exports.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} hex digits`);
var sha = external_exports.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "expected a commit SHA");
var time = external_exports.iso.datetime({
  offset: true,
  message: "expected an ISO-8601 time such as 2026-03-02T10:00:00Z"
});
var url = external_exports.string().regex(/^https?:\/\/[^\s\\\p{Cc}]+$/iu, "expected an http(s) URL").exactOptional();
var account = external_exports.strictObject({ id: external_exports.int().positive(), login: external_exports.string().min(1) });
var base = {
  schema: external_exports.literal(1),
  kind: external_exports.literal("execution"),
  id: hex(24),
  repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected owner/name"),
  decision: external_exports.strictObject({ id: hex(24), decision: external_exports.enum(DECISIONS), sha }).exactOptional(),
  approved: external_exports.boolean()
};
var mergeSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({
    pull_request: external_exports.int().positive(),
    sha,
    target_branch: external_exports.string().min(1).exactOptional()
  }),
  execution: external_exports.strictObject({ type: external_exports.literal("merge"), commit: sha, by: account, at: time }),
  links: external_exports.strictObject({ pull_request: url })
});
var deploymentSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({
    environment: external_exports.string().min(1),
    sha,
    ref: external_exports.string().min(1).exactOptional()
  }),
  execution: external_exports.strictObject({
    type: external_exports.literal("deployment"),
    deployment: external_exports.int().positive(),
    status: external_exports.enum(DEPLOYMENT_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time,
    origin: external_exports.enum(DEPLOYMENT_ORIGINS).exactOptional()
  }),
  links: external_exports.strictObject({ deployment: url, log: url, workflow_run: url })
});
var requestSchema = external_exports.strictObject({
  ...base,
  subject: external_exports.strictObject({ issue: external_exports.int().positive(), request: hex(64), sha }),
  execution: external_exports.strictObject({
    type: external_exports.literal("request"),
    comment: external_exports.int().positive(),
    status: external_exports.enum(REQUEST_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time
  }),
  links: external_exports.strictObject({ issue: url, comment: url })
});
var executionSchema = external_exports.object({ execution: external_exports.looseObject({ type: external_exports.enum(EXECUTION_TYPES) }) });
var SCHEMAS = { merge: mergeSchema, deployment: deploymentSchema, request: requestSchema };
function createExecutionKey(record) {
  const { repository } = record;
  switch (record.execution.type) {
    case "merge":
      return {
        type: "merge",
        repository,
        pullRequest: record.subject.pull_request,
        commit: record.execution.commit
      };
    case "deployment":
      return { type: "deployment", repository, deployment: record.execution.deployment };
    case "request":
      return {
        type: "request",
        repository,
        issue: record.subject.issue,
        comment: record.execution.comment
      };
  }
}
function createExecutionId(key) {
  const input = "type" in key ? key : { type: "merge", ...key };
  const repository = input.repository.toLowerCase();
  const canonical = input.type === "merge" ? {
    execution: "merge",
    repository,
    pull_request: input.pullRequest,
    commit: input.commit.toLowerCase()
  } : input.type === "deployment" ? { execution: "deployment", repository, deployment: input.deployment } : { execution: "request", repository, issue: input.issue, comment: input.comment };
  return bytesToHex(sha256(utf8ToBytes(renderCanonicalJson(canonical)))).slice(0, 24);
}
function createExecutionRecordPath(record, logPath) {
  const at = new Date(record.execution.at);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${record.execution.at}`);
  if (!/^[0-9a-f]{24}$/.test(record.id)) throw new RangeError(`not an execution id: ${record.id}`);
  const year = String(at.getUTCFullYear()).padStart(4, "0");
  const month = String(at.getUTCMonth() + 1).padStart(2, "0");
  const base2 = logPath.replace(/\/+$/, "");
  return `${base2 === "" ? "" : `${base2}/`}${year}/${month}/${record.id}${EXECUTION_SUFFIX}`;
}
function isExecutionRecordPath(path) {
  return path.endsWith(EXECUTION_SUFFIX);
}
function isApprovedMerge(decision, head) {
  return decision !== void 0 && PASSING_DECISIONS.includes(decision.decision) && decision.sha.toLowerCase() === head.toLowerCase();
}
function readExecutionStart(record) {
  const { execution } = record;
  return execution.type !== "merge" && execution.started_at !== void 0 ? execution.started_at : execution.at;
}
function parseExecutionRecord(source) {
  const typed = parseRecordFile(source, executionSchema);
  if ("error" in typed) return typed;
  const schema = SCHEMAS[typed.data.execution.type];
  const read = parseRecordFile(source, schema);
  return "error" in read ? read : { record: read.data };
}

// src/core/record-anchor.ts
function createRecordDigest(text) {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
var PATH = /^[A-Za-z0-9._\-/]{1,300}$/;
var ANCHOR = /^Decision record: `([A-Za-z0-9._\-/]{1,300})`, SHA-256 `([0-9a-f]{64})`, log commit `([0-9a-f]{40}(?:[0-9a-f]{24})?)`$/;
function renderRecordAnchor(anchor) {
  if (!PATH.test(anchor.path)) return void 0;
  return `Decision record: \`${anchor.path}\`, SHA-256 \`${anchor.sha256}\`, log commit \`${anchor.commit}\``;
}
function parseRecordAnchor(text) {
  if (text === null || text === void 0) return void 0;
  const end = text.indexOf("\n");
  const match = ANCHOR.exec(end === -1 ? text : text.slice(0, end));
  if (match === null) return void 0;
  const [, path = "", digest = "", commit = ""] = match;
  return { path, sha256: digest, commit };
}
function prependRecordAnchor(text, anchor) {
  const line = anchor === void 0 ? void 0 : renderRecordAnchor(anchor);
  if (line === void 0) return text;
  return text === "" ? line : `${line}

${text}`;
}

// src/github/load-decision-history.ts
var WEB_FLOW_LOGIN = "web-flow";
function checkLogCommit(commit, botId) {
  const verification = commit.commit.verification;
  if (verification?.verified !== true || verification.reason !== "valid")
    return `not verified by GitHub (${verification?.reason ?? "no verification"})`;
  if (commit.author?.id !== botId) return `authored by ${commit.author?.login ?? "no GitHub account"}`;
  const committer = commit.committer;
  if (committer?.id !== botId && committer?.login !== WEB_FLOW_LOGIN)
    return `committed by ${committer?.login ?? "no GitHub account"}`;
  if ((commit.parents?.length ?? 0) > 1) return "a merge commit";
  return void 0;
}
async function loadDecisionHistory(github, log, botId, logger) {
  let commits;
  try {
    ({ data: commits } = await github.rest.repos.listCommits({
      owner: log.owner,
      repo: log.repo,
      sha: log.branch,
      per_page: 100
    }));
  } catch (error) {
    const status = readStatus(error);
    if (status === 404 || status === 409) return { decisions: [], tip: null };
    return { error: describeRequestError(error) };
  }
  const decisions = [];
  const written = /* @__PURE__ */ new Map();
  let skipped = 0;
  for (const commit of commits) {
    const decision = parseDecisionCommitMessage(commit.commit.message);
    if (decision === void 0) continue;
    const problem = checkLogCommit(commit, botId);
    if (problem !== void 0) {
      skipped++;
      logger?.debug(
        { commit: commit.sha, decision: decision.id, problem },
        `log commit ${commit.sha} is no record of Gatehouse's: ${problem}`
      );
      continue;
    }
    decisions.push(decision);
    written.set(decision.id, commit.sha);
  }
  const newest = commits[0];
  return {
    decisions,
    commits: written,
    tip: newest === void 0 ? null : { commit: newest.sha, tree: newest.commit.tree.sha },
    ...skipped === 0 ? {} : { skipped }
  };
}

export {
  REQUEST_OUTCOMES,
  createExecutionKey,
  createExecutionId,
  createExecutionRecordPath,
  isExecutionRecordPath,
  isApprovedMerge,
  readExecutionStart,
  parseExecutionRecord,
  createRecordDigest,
  parseRecordAnchor,
  prependRecordAnchor,
  checkLogCommit,
  loadDecisionHistory
};
