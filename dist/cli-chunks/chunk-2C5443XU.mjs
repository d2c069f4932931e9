#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import {
  bytesToHex,
  parseDecisionCommitMessage,
  sha256,
  utf8ToBytes
} from "./chunk-E7TX5VCE.mjs";

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
    if (status === 404 || status === 409) return { decisions: [], tip: null, complete: true };
    return { error: describeRequestError(error) };
  }
  const decisions = [];
  const written = /* @__PURE__ */ new Map();
  let skipped = 0;
  let others = 0;
  for (const commit of commits) {
    const decision = parseDecisionCommitMessage(commit.commit.message);
    if (decision === void 0) {
      others++;
      continue;
    }
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
  const rootListed = (commits.at(-1)?.parents?.length ?? 0) === 0;
  return {
    decisions,
    commits: written,
    tip: newest === void 0 ? null : { commit: newest.sha, tree: newest.commit.tree.sha },
    ...skipped === 0 ? {} : { skipped },
    complete: rootListed && skipped === 0 && others === 0
  };
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

export {
  checkLogCommit,
  loadDecisionHistory,
  createRecordDigest,
  parseRecordAnchor,
  prependRecordAnchor
};
