#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  MAX_VETO_REASON,
  createExplicitRequest,
  describeMissing,
  evaluateGate,
  listStatementAuthors,
  listTeamsNeeded,
  mergeRisk,
  parseCommand,
  parseDeletedVeto,
  renderCheckRun,
  renderInvalidConfigCheckRun,
  restoreVetoes
} from "./chunk-P5QDFYLV.mjs";
import {
  evaluateRisk
} from "./chunk-PRWA52GV.mjs";
import {
  REQUEST_OUTCOMES,
  createRecordDigest,
  loadDecisionHistory,
  parseRecordAnchor,
  prependRecordAnchor
} from "./chunk-5ODFQQ4B.mjs";
import {
  mergeActors,
  readReviewerGroup
} from "./chunk-M37EBWUR.mjs";
import {
  RETRIES,
  createGitHubClient,
  sleep
} from "./chunk-KV42ITB5.mjs";
import {
  loadPolicy
} from "./chunk-GDGY43PI.mjs";
import {
  NO_RETRY,
  describeRequestError,
  isTransient,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import {
  formatPolicyProblem,
  isSameBranch
} from "./chunk-VO2VAETL.mjs";
import {
  createDecisionRecord,
  createDecisionRecordPath,
  renderDecisionCommitMessage,
  renderDecisionRecord
} from "./chunk-7JBWST6E.mjs";
import {
  describeNotReady,
  escapeMarkdownInline,
  hashRequest,
  parseCommentJson,
  renderCode,
  renderCommentJson,
  renderMention,
  renderPlainText
} from "./chunk-DQSC6Z5E.mjs";
import {
  parseSpec
} from "./chunk-AHN5MYWX.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  CHECK_NAME,
  DEFAULT_CONFIG_PATH,
  PASSING_DECISIONS,
  PERMISSIONS,
  STATEMENT_SOURCES,
  createCheckName
} from "./chunk-5Q7N6AK2.mjs";
import {
  loadConfigValue,
  loadHeadCommit,
  loadRepository
} from "./chunk-OM3FWS3N.mjs";

// src/agent/request-approval.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

// src/core/execution-report.ts
var time = external_exports.iso.datetime({ offset: true });
var markSchema = external_exports.strictObject({
  status: external_exports.enum(REQUEST_OUTCOMES),
  startedAt: time.exactOptional(),
  completedAt: time
});
function renderExecutionMark(mark) {
  const json = renderCommentJson({
    status: mark.status,
    ...mark.startedAt === void 0 ? {} : { startedAt: mark.startedAt },
    completedAt: mark.completedAt
  });
  return `<!-- gatehouse:execution ${json} -->`;
}

// src/github/count-requests.ts
async function countRequests(github, run) {
  let requests = 0;
  const count = () => {
    requests++;
  };
  github.hook.before("request", count);
  try {
    const value = await run();
    return { value, requests };
  } finally {
    github.hook.remove("request", count);
  }
}

// src/github/load-pull-request.ts
function createActor(user) {
  return { id: user.id, login: user.login, type: user.type ?? "User" };
}

// src/github/load-approval-issues.ts
var RECORD = /<!-- gatehouse:request-data ([A-Za-z0-9_-]+) -->/;
var MARK = /<!-- gatehouse:issue (\{[^<>]*\}) -->/;
var BODY_HASH = /<!-- gatehouse:request ([0-9a-f]{64}) -->/g;
function renderRequestRecord(request) {
  const data = Buffer.from(JSON.stringify(request), "utf8").toString("base64url");
  return `Gatehouse recorded this request; decisions on this issue apply to exactly this request.

<!-- gatehouse:request-data ${data} -->`;
}
function isActor(value) {
  const actor2 = value;
  return typeof actor2 === "object" && actor2 !== null && typeof actor2.id === "number" && typeof actor2.login === "string" && typeof actor2.type === "string";
}
function parseRequestRecord(body) {
  const match = RECORD.exec(body);
  if (match?.[1] === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    return void 0;
  }
  const request = value;
  if (typeof request !== "object" || request === null) return void 0;
  if (typeof request.repository !== "string" || typeof request.subject?.sha !== "string") return void 0;
  if (typeof request.gate?.kind !== "string" || !Array.isArray(request.options)) return void 0;
  if (!Array.isArray(request.labels) || !Array.isArray(request.files?.paths)) return void 0;
  if (typeof request.declaredRisk !== "object" || !isActor(request.requester)) return void 0;
  if (request.onBehalfOf !== void 0 && !isActor(request.onBehalfOf)) return void 0;
  return request;
}
function readRequestRecord(comments, botId, repository) {
  const first = [...comments].sort((a, b) => a.id - b.id)[0];
  if (first?.author?.id !== botId || first.updatedAt !== first.createdAt) return void 0;
  const request = parseRequestRecord(first.body);
  if (request === void 0 || request.repository.toLowerCase() !== repository.toLowerCase())
    return void 0;
  return request;
}
function renderIssueMark(mark) {
  return `<!-- gatehouse:issue ${renderCommentJson(mark)} -->`;
}
function parseIssueMark(body) {
  const match = MARK.exec(body);
  if (match?.[1] === void 0) return void 0;
  try {
    const value = JSON.parse(match[1]);
    if (value.type === "decided" && typeof value.id === "string" && typeof value.dispatched === "boolean")
      return { type: "decided", id: value.id, dispatched: value.dispatched };
    if (value.type === "queue_expired" && typeof value.maxPending === "number" && typeof value.at === "string")
      return { type: "queue_expired", maxPending: value.maxPending, at: value.at };
    if (value.type === "used" && typeof value.id === "string" && typeof value.at === "string")
      return { type: "used", id: value.id, at: value.at };
  } catch {
    return void 0;
  }
  return void 0;
}
function readIssueMarks(comments, botId) {
  const marks = [];
  for (const comment of comments) {
    if (comment.author?.id !== botId) continue;
    const mark = parseIssueMark(comment.body);
    if (mark === void 0) continue;
    if (mark.type === "queue_expired" && comment.updatedAt !== comment.createdAt) continue;
    marks.push(mark);
  }
  return marks;
}
function renderWakeMarker(wake) {
  return `<!-- gatehouse:wake ${wake} -->`;
}
async function loadApprovalIssues(github, target, options) {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner: target.owner,
    repo: target.repo,
    state: options.state,
    labels: options.labels.join(","),
    sort: "created",
    direction: "asc",
    per_page: 100
  });
  return issues.filter((issue) => issue.pull_request === void 0 && issue.user?.id === options.botId).map((issue) => ({
    number: issue.number,
    url: issue.html_url,
    open: issue.state === "open",
    title: issue.title,
    body: issue.body ?? "",
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    bodyHashes: Array.from((issue.body ?? "").matchAll(BODY_HASH), (match) => match[1] ?? ""),
    labels: issue.labels.map((label) => typeof label === "string" ? label : label.name ?? "")
  })).sort((a, b) => a.number - b.number);
}
async function loadApprovalIssue(github, target, botId) {
  let data;
  try {
    ({ data } = await github.rest.issues.get({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber
    }));
  } catch (error) {
    if (error.status === 404 || error.status === 410)
      return void 0;
    throw error;
  }
  if (data.pull_request !== void 0 && data.pull_request !== null) return void 0;
  if (data.user === null || createActor(data.user).id !== botId) return void 0;
  const body = data.body ?? "";
  return {
    number: data.number,
    url: data.html_url,
    open: data.state === "open",
    title: data.title,
    body,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    bodyHashes: Array.from(body.matchAll(BODY_HASH), (match) => match[1] ?? ""),
    labels: data.labels.map((label) => typeof label === "string" ? label : label.name ?? "")
  };
}

// src/github/load-gate-check-runs.ts
var actorSchema = external_exports.strictObject({
  id: external_exports.int().positive(),
  login: external_exports.string().min(1),
  type: external_exports.string().min(1)
});
var PUSHER = /<!-- gatehouse:pusher (\{[^<>]*\}) -->/;
var WAKE = /<!-- gatehouse:wake (\d{4}-\d\d-\d\dT[\d:.]+Z) -->/;
var REQUESTED = "<!-- gatehouse:reviewers-requested -->";
var DEPLOYERS = /<!-- gatehouse:deployers (\[[^<>]*\]) -->/;
var VETOES = /<!-- gatehouse:vetoes (\[[^<>]*\]) -->/;
var REQUEST = /<!-- gatehouse:request-shown ([0-9a-f]{64}) -->/;
var DECISION = "<!-- gatehouse:decision -->";
var MAX_VETOES = 20;
var vetoSchema = external_exports.strictObject({
  source: external_exports.enum(STATEMENT_SOURCES),
  statementId: external_exports.string().min(1).max(40),
  author: actorSchema,
  reason: external_exports.string().max(MAX_VETO_REASON),
  at: external_exports.iso.datetime({ offset: true }),
  issue: external_exports.int().positive().exactOptional()
});
function renderActorJson(actors) {
  const strip = ({ id, login, type }) => ({ id, login, type });
  return JSON.stringify(Array.isArray(actors) ? actors.map(strip) : strip(actors)).replace(/[<>&]/g, "");
}
function parseJson(text) {
  if (text === void 0) return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function renderCheckRunState(state) {
  const lines = [];
  if (state.pusher) lines.push(`<!-- gatehouse:pusher ${renderActorJson(state.pusher)} -->`);
  if (state.deployers !== void 0 && state.deployers.length > 0)
    lines.push(`<!-- gatehouse:deployers ${renderActorJson(state.deployers)} -->`);
  if (state.vetoes !== void 0 && state.vetoes.length > 0) {
    const vetoes = state.vetoes.slice(0, MAX_VETOES).map(({ source, statementId, author, reason, at, issue }) => ({
      source,
      statementId,
      author: { id: author.id, login: author.login, type: author.type },
      reason,
      at,
      ...issue === void 0 ? {} : { issue }
    }));
    lines.push(`<!-- gatehouse:vetoes ${renderCommentJson(vetoes)} -->`);
  }
  if (state.request !== void 0) lines.push(`<!-- gatehouse:request-shown ${state.request} -->`);
  if (state.wake !== void 0) lines.push(`<!-- gatehouse:wake ${new Date(state.wake).toISOString()} -->`);
  if (state.reviewersRequested) lines.push(REQUESTED);
  if (state.decision === true) lines.push(DECISION);
  return lines.join("\n");
}
function parseCheckRunState(text) {
  const state = { reviewersRequested: text.includes(REQUESTED), deployers: [], vetoes: [] };
  const pusher = actorSchema.safeParse(parseJson(PUSHER.exec(text)?.[1]));
  if (pusher.success) state.pusher = pusher.data;
  const deployers = external_exports.array(actorSchema).max(20).safeParse(parseJson(DEPLOYERS.exec(text)?.[1]));
  if (deployers.success) state.deployers = deployers.data;
  const vetoes = external_exports.array(vetoSchema).max(MAX_VETOES).safeParse(parseJson(VETOES.exec(text)?.[1]));
  if (vetoes.success) state.vetoes = vetoes.data;
  const request = REQUEST.exec(text)?.[1];
  if (request !== void 0) state.request = request;
  const wake = WAKE.exec(text)?.[1];
  if (wake !== void 0 && !Number.isNaN(Date.parse(wake))) state.wake = wake;
  if (text.includes(DECISION)) state.decision = true;
  return state;
}
async function loadGateCheckRuns(github, at, appId, name = CHECK_NAME) {
  const runs = await github.paginate(github.rest.checks.listForRef, {
    owner: at.owner,
    repo: at.repo,
    ref: at.sha,
    check_name: name,
    app_id: appId,
    filter: "all",
    per_page: 100
  });
  return runs.filter((run) => run.app?.id === appId && run.name === name && run.head_sha === at.sha).map((run) => ({
    id: run.id,
    externalId: run.external_id ?? "",
    status: run.status,
    conclusion: run.conclusion,
    startedAt: run.started_at,
    title: run.output.title ?? "",
    summary: run.output.summary ?? "",
    text: run.output.text ?? "",
    url: run.html_url ?? ""
  })).sort((a, b) => a.id - b.id);
}
function summarizeGateCheckRuns(runs, scope = {}) {
  const summary = {
    reviewersRequested: false,
    deployers: [],
    vetoes: []
  };
  for (const run of runs) {
    const state = parseCheckRunState(run.text);
    if (state.pusher) summary.pusher = state.pusher;
    summary.deployers = mergeActors(summary.deployers, state.deployers);
    summary.vetoes = mergeVetoes(
      summary.vetoes,
      state.vetoes.filter((veto) => veto.issue === scope.issue)
    );
    if (state.wake !== void 0) summary.wake = state.wake;
    else delete summary.wake;
    if (state.reviewersRequested) summary.reviewersRequested = true;
    const started = run.startedAt === null ? Number.NaN : Date.parse(run.startedAt);
    if (!Number.isNaN(started) && (summary.seenAt === void 0 || started < Date.parse(summary.seenAt)))
      summary.seenAt = new Date(started).toISOString();
  }
  return summary;
}
function mergeVetoes(...lists) {
  const merged = [];
  for (const list of lists)
    for (const veto of list)
      if (!merged.some((known) => known.source === veto.source && known.statementId === veto.statementId))
        merged.push(veto);
  return merged;
}

// src/github/load-spent-approval.ts
var USED_LABEL = "gatehouse:used";
async function loadSpentApproval(github, target, issue, marks) {
  if (issue.labels?.includes(USED_LABEL) === true || marks.some((mark) => mark.type === "used")) return true;
  const events = await github.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
    owner: target.owner,
    repo: target.repo,
    issue_number: issue.number,
    per_page: 100
  });
  return events.some(
    (event) => event.event === "labeled" && "label" in event && event.label?.name === USED_LABEL
  );
}

// src/github/load-timeline.ts
async function loadIssueComments(github, target) {
  const data = await github.paginate(github.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100
  });
  return data.map((comment) => {
    const entry = {
      id: comment.id,
      body: comment.body ?? "",
      createdAt: comment.created_at,
      updatedAt: comment.updated_at,
      url: comment.html_url
    };
    if (comment.user) entry.author = createActor(comment.user);
    const app = comment.performed_via_github_app;
    if (app) entry.viaApp = app.slug ?? app.name;
    return entry;
  });
}
var REVIEW_STATES = /* @__PURE__ */ new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]);
function createStatements(input) {
  const editors = /* @__PURE__ */ new Map();
  for (const { trace } of input.traces) {
    if (trace.type !== "edit") continue;
    const list = editors.get(trace.comment) ?? [];
    if (!list.some((editor) => editor.id === trace.editor.id)) list.push(trace.editor);
    editors.set(trace.comment, list);
  }
  const statements = [];
  for (const comment of input.comments) {
    if (comment.author === void 0 || comment.author.id === input.botId) continue;
    const statement = {
      source: "comment",
      id: String(comment.id),
      author: comment.author,
      body: comment.body,
      createdAt: comment.createdAt,
      updatedAt: comment.updatedAt
    };
    const edited = editors.get(comment.id);
    if (edited) statement.editors = edited;
    if (comment.viaApp !== void 0) statement.viaApp = comment.viaApp;
    statements.push(statement);
  }
  for (const review of input.reviews) {
    if (review.author === void 0 || review.submittedAt === void 0 || !REVIEW_STATES.has(review.state))
      continue;
    const statement = {
      source: "review",
      id: String(review.id),
      author: review.author,
      body: review.body,
      createdAt: review.submittedAt,
      reviewState: review.state,
      commitId: review.commitId
    };
    if (review.updatedAt !== void 0) statement.updatedAt = review.updatedAt;
    statements.push(statement);
  }
  for (const { commentId, createdAt, trace } of input.traces) {
    if (trace.type !== "check_action" && trace.type !== "deployment_review") continue;
    if (trace.environment !== input.environment) continue;
    statements.push({
      source: trace.type,
      id: String(commentId),
      author: trace.actor,
      body: "",
      createdAt,
      commitId: trace.sha,
      action: trace.action
    });
  }
  return statements;
}

// src/github/keep-oldest-comment.ts
async function keepOldestComment(github, target, created, same, since) {
  const { data } = await github.rest.issues.listComments({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    since,
    per_page: 100
  });
  const [oldest, ...copies] = data.filter(same).sort((a, b) => a.id - b.id);
  await deleteComments(
    github,
    target,
    copies.map((copy) => copy.id)
  );
  return oldest === void 0 || oldest.id === created ? void 0 : oldest;
}
async function deleteComments(github, target, ids) {
  for (const id of ids) {
    try {
      await github.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
    } catch (error) {
      if (readStatus(error) !== 404) throw error;
    }
  }
}

// src/github/publish-once.ts
async function publishOnce(post, find, attempts = RETRIES + 1) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw error;
      const found = await find();
      if (found !== void 0) return found;
    }
  }
}

// src/github/publish-approval-issue.ts
async function publishApprovalIssue(github, target, issue, authorId) {
  const data = await publishOnce(
    async () => (await github.rest.issues.create({
      owner: target.owner,
      repo: target.repo,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      ...NO_RETRY
    })).data,
    () => findOpenIssue(github, target, issue, authorId)
  );
  await publishIssueComment(
    github,
    { ...target, issueNumber: data.number },
    renderRequestRecord(issue.request),
    authorId
  );
  return {
    number: data.number,
    url: data.html_url,
    open: true,
    title: data.title,
    body: data.body ?? issue.body,
    createdAt: data.created_at,
    bodyHashes: []
  };
}
async function findOpenIssue(github, target, issue, authorId) {
  const { data } = await github.rest.issues.listForRepo({
    owner: target.owner,
    repo: target.repo,
    state: "open",
    labels: issue.labels.join(","),
    sort: "created",
    direction: "desc",
    per_page: 100
  });
  return data.find(
    (found) => found.user?.id === authorId && found.title === issue.title && found.body === issue.body
  );
}
async function publishApprovalIssueBody(github, target, current, body) {
  if (current === body) return false;
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body
  });
  return true;
}
async function publishIssueComment(github, target, body, authorId, converge) {
  const issue = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber };
  const id = await publishOnce(
    async () => (await github.rest.issues.createComment({ ...issue, body, ...NO_RETRY })).data.id,
    async () => {
      const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });
      return comments.findLast((comment) => comment.user?.id === authorId && comment.body === body)?.id;
    }
  );
  if (converge === void 0) return id;
  const kept = await keepOldestComment(
    github,
    target,
    id,
    (comment) => comment.user?.id === authorId && comment.body === body,
    converge.since
  );
  return kept?.id ?? id;
}
async function closeApprovalIssue(github, target, reason) {
  await github.rest.issues.update({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    state: "closed",
    state_reason: reason
  });
}
async function publishIssueLabels(github, target, labels) {
  await github.rest.issues.addLabels({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    labels
  });
}

// src/github/creation-lease.ts
import { createHash } from "node:crypto";
function createLeaseRef(sha2, parts) {
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
  return `refs/gatehouse/leases/${sha2}/${digest}`;
}
async function takeLease(github, at, ref) {
  try {
    await github.rest.git.createRef({ owner: at.owner, repo: at.repo, ref, sha: at.sha, ...NO_RETRY });
    return true;
  } catch (error) {
    return !(readStatus(error) === 422 || isTransient(error));
  }
}
var LEASE_GENERATIONS = 3;
async function createUnderLease(github, at, ref, arbitration, create, find, sleep2 = (ms) => new Promise((done) => setTimeout(done, ms))) {
  for (let generation = 1; generation <= LEASE_GENERATIONS; generation++) {
    const lease = generation === 1 ? ref : `${ref}/${generation}`;
    if (await takeLease(github, at, lease)) return { value: await create(), found: false };
    for (let poll = 0; poll < arbitration.polls; poll++) {
      const found = await find();
      if (found !== void 0) return { value: found, found: true };
      await sleep2(arbitration.pollMs);
    }
  }
  return { value: await create(), found: false };
}

// src/github/publish-check-run.ts
var CHECK_OUTPUT_MAX_CHARS = 65535;
var CHECK_ACTIONS = [
  { label: "Approve", identifier: "approve", description: "Approve the request for this commit" },
  { label: "Reject", identifier: "reject", description: "Reject the request: a veto" }
];
var CHECK_ANNOTATIONS_MAX = 50;
function cut(text) {
  return text.length <= CHECK_OUTPUT_MAX_CHARS ? text : `${text.slice(0, CHECK_OUTPUT_MAX_CHARS - 2)}
\u2026`;
}
function unchanged(run, publication) {
  return run.status === publication.status && (publication.status !== "completed" || run.conclusion === publication.conclusion) && run.title === publication.title && run.summary === cut(publication.summary) && run.text === cut(publication.text);
}
function updatable(run, publication) {
  if (run.status === "completed")
    return run.externalId === publication.externalId && publication.status === "completed";
  if (run.externalId === publication.externalId) return true;
  const shown = parseCheckRunState(run.text);
  return shown.decision !== true && parseRecordAnchor(run.text) === void 0 && shown.request === parseCheckRunState(publication.text).request;
}
function fields(publication, withAnnotations = false) {
  const completed = publication.status === "completed";
  const annotations = withAnnotations ? (publication.annotations ?? []).slice(0, CHECK_ANNOTATIONS_MAX) : [];
  return {
    status: publication.status,
    ...completed && publication.conclusion !== void 0 ? { conclusion: publication.conclusion } : {},
    external_id: publication.externalId,
    output: {
      title: publication.title,
      summary: cut(publication.summary),
      text: cut(publication.text),
      ...annotations.length === 0 ? {} : {
        annotations: annotations.map((note) => ({
          path: note.path,
          start_line: note.line,
          end_line: note.line,
          annotation_level: note.level,
          title: note.title.slice(0, 255),
          message: note.message.slice(0, 64e3)
        }))
      }
    },
    actions: completed ? [] : CHECK_ACTIONS.map((action) => ({ ...action }))
  };
}
async function publishCheckRun(github, at, publication, existing, options = {}) {
  const latest2 = existing.at(-1);
  if (latest2 && updatable(latest2, publication)) {
    const outcome2 = await bringUpToDate(github, at, latest2, publication);
    const superseded2 = await supersede(github, at, existing, latest2.id);
    return { id: latest2.id, url: latest2.url, outcome: outcome2, superseded: superseded2 };
  }
  const created = await createRun(github, at, publication, latest2?.id ?? 0, options.replicas);
  const superseded = await supersede(github, at, existing, created.id);
  if (created.found === void 0)
    return { id: created.id, url: created.url, outcome: "created", superseded };
  const outcome = await bringUpToDate(github, at, created.found, publication);
  return { id: created.id, url: created.url, outcome, superseded };
}
async function bringUpToDate(github, at, run, publication) {
  if (unchanged(run, publication)) return "unchanged";
  await github.rest.checks.update({
    owner: at.owner,
    repo: at.repo,
    check_run_id: run.id,
    ...fields(publication)
  });
  return "updated";
}
async function supersede(github, at, existing, kept) {
  const superseded = [];
  for (const run of existing) {
    if (run.status === "completed" || run.id === kept) continue;
    await github.rest.checks.update({
      owner: at.owner,
      repo: at.repo,
      check_run_id: run.id,
      status: "completed",
      conclusion: "neutral",
      output: {
        title: "Superseded by a newer evaluation of this gate",
        summary: cut(run.summary || "A newer evaluation of this gate replaced this one."),
        text: run.text
      },
      actions: []
    });
    superseded.push(run.id);
  }
  return superseded;
}
async function createRun(github, at, publication, newerThan, replicas) {
  const post = async () => {
    const { data } = await github.rest.checks.create({
      owner: at.owner,
      repo: at.repo,
      name: publication.name,
      head_sha: at.sha,
      ...publication.startedAt === void 0 ? {} : { started_at: publication.startedAt },
      ...fields(publication, true),
      ...NO_RETRY
    });
    return { id: data.id, url: data.html_url ?? "" };
  };
  const find = async () => {
    const runs = await loadGateCheckRuns(github, at, at.appId, publication.name);
    return runs.find((run) => run.id > newerThan && run.externalId === publication.externalId);
  };
  const create = () => publishOnce(post, async () => {
    const found = await find();
    return found === void 0 ? void 0 : { id: found.id, url: found.url };
  });
  if (replicas === void 0) return create();
  const ref = createLeaseRef(at.sha, ["check-run", publication.name, publication.externalId, newerThan]);
  const leased = await createUnderLease(
    github,
    at,
    ref,
    replicas,
    create,
    async () => {
      const found = await find();
      return found === void 0 ? void 0 : { id: found.id, url: found.url, found };
    }
  );
  return leased.value;
}

// src/github/traces.ts
import { createHash as createHash2 } from "node:crypto";
var actor = external_exports.strictObject({
  id: external_exports.int().positive(),
  login: external_exports.string().min(1).max(100),
  type: external_exports.string().min(1).max(40)
});
var key = external_exports.string().regex(/^[0-9a-f]{24}$/);
var time2 = external_exports.iso.datetime({ offset: true });
var sha = external_exports.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);
var environment = external_exports.string().min(1).max(255);
var traceSchema = external_exports.discriminatedUnion("type", [
  external_exports.strictObject({
    type: external_exports.literal("check_action"),
    action: external_exports.enum(["approve", "reject"]),
    actor,
    sha,
    /** The deployment gate whose run was clicked; absent for the pull request's own gate. */
    environment: environment.optional(),
    at: time2,
    key
  }),
  // A review in GitHub's own "Review deployments" dialog (the deployment_review event): GitHub
  // keeps no time for it in its API, so Gatehouse writes it into the timeline when it happens.
  external_exports.strictObject({
    type: external_exports.literal("deployment_review"),
    action: external_exports.enum(["approve", "reject"]),
    actor,
    sha,
    environment,
    at: time2,
    key
  }),
  external_exports.strictObject({ type: external_exports.literal("edit"), comment: external_exports.int().positive(), editor: actor, at: time2, key }),
  external_exports.strictObject({
    type: external_exports.literal("escalation"),
    to: external_exports.array(external_exports.string().min(1).max(200)).max(50),
    at: time2,
    key
  })
]);
var MARKER = /<!-- gatehouse:trace (\{[^<>]*\}) -->/;
function createTraceKey(parts) {
  return createHash2("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24);
}
function renderTraceMarker(trace) {
  return `<!-- gatehouse:trace ${renderCommentJson(trace)} -->`;
}
function parseTraceMarker(body) {
  return parseCommentJson(body, MARKER, traceSchema);
}
function readTraces(comments, self) {
  const trusted = [];
  const keys = /* @__PURE__ */ new Set();
  for (const comment of comments) {
    if (comment.author?.id !== self.botId) continue;
    const trace = parseTraceMarker(comment.body);
    if (trace === void 0) continue;
    keys.add(trace.key);
    if (comment.updatedAt === comment.createdAt && self.sharedIdentity !== true)
      trusted.push({ commentId: comment.id, createdAt: comment.createdAt, trace });
  }
  return { trusted, keys };
}
function describeActor(who) {
  return escapeMarkdownInline(who.login, 80);
}
function renderTraceComment(trace, context = {}) {
  let line;
  switch (trace.type) {
    case "check_action": {
      const button = trace.action === "approve" ? "Approve" : "Reject";
      line = `Recorded: ${describeActor(trace.actor)} clicked **${button}** on the ${renderCode(createCheckName(trace.environment))} check run of commit ${renderCode(trace.sha.slice(0, 12))}. It counts as a ${renderCode(`/${trace.action}`)} given for that commit${trace.environment === void 0 ? "" : " and that environment"}.`;
      break;
    }
    case "deployment_review": {
      const verb = trace.action === "approve" ? "approved" : "rejected";
      line = `Recorded: ${describeActor(trace.actor)} ${verb} the deployment of commit ${renderCode(trace.sha.slice(0, 12))} to ${renderCode(trace.environment)} in GitHub's **Review deployments**. It counts as a ${renderCode(`/${trace.action}`)} for that deployment gate.`;
      break;
    }
    case "edit": {
      const author = context.commentAuthor === void 0 ? "" : ` by ${escapeMarkdownInline(context.commentAuthor, 80)}`;
      line = `Recorded: ${describeActor(trace.editor)} edited comment ${trace.comment}${author}. A command comment edited by anyone but its author fails the gate.`;
      break;
    }
    case "escalation": {
      const mentions = trace.to.map((entry) => renderMention({ login: entry })).join(", ");
      line = `**Escalated:** no decision before the deadline. ${mentions || "The backup approvers"}: you can approve this request too; see the request above.`;
      break;
    }
  }
  return `${line}

${renderTraceMarker(trace)}`;
}
async function publishTrace(github, target, trace, context = {}) {
  const body = renderTraceComment(trace, context);
  const { data } = await github.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
    ...NO_RETRY
  });
  const { converge } = context;
  if (converge === void 0) return { id: data.id, createdAt: data.created_at };
  const kept = await keepOldestComment(
    github,
    { owner: target.owner, repo: target.repo, issueNumber: target.number },
    data.id,
    (comment) => comment.user?.id === converge.authorId && comment.body === body,
    converge.since
  );
  return kept === void 0 ? { id: data.id, createdAt: data.created_at } : { id: kept.id, createdAt: data.created_at };
}

// src/gate/create-precedent-facts.ts
function createPrecedentFacts(env, policy, history, requestHash) {
  if (history.skipped !== void 0)
    env.log.info(
      { skipped: history.skipped, branch: policy.log.branch },
      `${history.skipped} decision commit(s) on ${policy.log.branch} are not signed by GitHub as Gatehouse's and count as no precedent`
    );
  if (env.untrustedLog !== void 0) {
    if (policy.mode === "ask-once") env.untrustedLog.onIgnored?.();
    return { historyNote: env.untrustedLog.reason };
  }
  if (history.error !== void 0)
    env.log.warn(
      { error: history.error },
      "the decision log could not be read: precedent counts as first time"
    );
  const decisions = history.decisions?.filter((decision) => decision.requestHash !== requestHash);
  return decisions === void 0 ? {} : { history: decisions };
}

// src/github/load-permissions.ts
function readPermission(answer) {
  const role = answer.role_name?.toLowerCase();
  if (role !== void 0 && PERMISSIONS.includes(role)) return role;
  const base = answer.permission?.toLowerCase();
  return base !== void 0 && PERMISSIONS.includes(base) ? base : "none";
}
async function loadPermissions(github, repository, people) {
  const entries = await Promise.all(
    people.map(async (person) => {
      try {
        const { data } = await github.rest.repos.getCollaboratorPermissionLevel({
          owner: repository.owner,
          repo: repository.repo,
          username: person.login
        });
        if (data.user !== null && data.user.id !== person.id) return [person.id, "none"];
        return [person.id, readPermission(data)];
      } catch (error) {
        if (readStatus(error) === 404) return [person.id, "none"];
        throw error;
      }
    })
  );
  return Object.fromEntries(entries);
}
async function loadTeams(github, teams) {
  const entries = await Promise.all(
    teams.map(async (team) => {
      const [org, slug, ...rest] = team.split("/");
      if (org === void 0 || slug === void 0 || rest.length > 0 || org === "" || slug === "")
        return [team, { error: `"${team}" is not an org/team name` }];
      try {
        const members = await github.paginate(github.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100
        });
        return [team, { members: members.map((member) => member.id) }];
      } catch (error) {
        return [team, { error: describeRequestError(error) }];
      }
    })
  );
  return Object.fromEntries(entries);
}

// src/gate/load-authorization.ts
async function loadAuthorization(github, repository, gate) {
  const { policy } = gate;
  const authorTeams = listTeamsNeeded(policy);
  const [permissions, teamsForAuthors] = await Promise.all([
    loadPermissions(
      github,
      repository,
      listStatementAuthors(gate.statements, [gate.botId], { allowBots: policy.defaults.allowBots })
    ),
    loadTeams(github, authorTeams)
  ]);
  const risk = evaluateRisk(policy, gate.request, {
    history: gate.history,
    teams: teamsForAuthors,
    policyFiles: gate.policyFiles
  });
  const teams = {
    ...teamsForAuthors,
    ...await loadTeams(
      github,
      listTeamsNeeded(policy, risk).filter((team) => !authorTeams.includes(team))
    )
  };
  return { permissions, teams };
}

// src/gate/gather-request-gate.ts
async function gatherRequestGate(env, target, loaded, request, issue, options) {
  const { github, self } = env;
  const { policy } = loaded;
  const comments = issue?.comments ?? [];
  const [runs, history] = await Promise.all([
    options.checkRun ? loadGateCheckRuns(
      github,
      { ...target, sha: request.subject.sha },
      self.appId,
      createCheckName(request.gate.environment)
    ) : Promise.resolve([]),
    loadDecisionHistory(github, { ...target, branch: policy.log.branch }, self.botId, env.log)
  ]);
  const now = env.now().toISOString();
  const requestHash = hashRequest(request);
  const precedent = createPrecedentFacts(env, policy, history, requestHash);
  const { trusted, keys } = readTraces(comments, self);
  const statements = createStatements({
    comments,
    reviews: [],
    traces: trusted,
    botId: self.botId,
    environment: request.gate.environment
  });
  const runState = summarizeGateCheckRuns(runs, issue === void 0 ? {} : { issue: issue.issue.number });
  const recordedVetoes = self.sharedIdentity === true || issue === void 0 ? [] : mergeVetoes(
    runState.vetoes,
    options.deletion === void 0 ? [] : parseDeletedVeto({ id: options.deletion.commentId, ...options.deletion }, [self.botId])
  );
  const { permissions, teams } = await loadAuthorization(github, target, {
    policy,
    request,
    // The authors of vetoes that vanished are judged too: their permission is read like anyone's.
    statements: restoreVetoes(statements, recordedVetoes),
    botId: self.botId,
    history: precedent.history,
    policyFiles: loaded.files
  });
  const requestedAt = issue?.issue.createdAt ?? now;
  const deployers = mergeActors(runState.deployers, options.deployers ?? []);
  const facts = {
    head: { sha: request.subject.sha, since: requestedAt, sinceEvent: "requested" },
    statements,
    permissions,
    teams,
    selfIds: [self.botId],
    requestedAt,
    policyFiles: loaded.files,
    ...precedent,
    ...deployers.length === 0 ? {} : { deployers },
    ...recordedVetoes.length === 0 ? {} : { recordedVetoes }
  };
  const marks = readIssueMarks(comments, self.botId);
  const gate = {
    policy,
    defaultBranch: loaded.defaultBranch,
    request,
    requestHash,
    facts,
    result: evaluateGate(policy, request, facts, now),
    now,
    comments,
    runs,
    deployers,
    traces: trusted,
    traceKeys: keys,
    marks,
    history
  };
  if (issue !== void 0) gate.issue = issue.issue;
  return reevaluateRequestGate(gate);
}
function reevaluateRequestGate(gate, issue) {
  const next = { ...gate };
  if (issue !== void 0) {
    next.issue = issue;
    next.facts = {
      ...gate.facts,
      head: { ...gate.facts.head, since: issue.createdAt },
      requestedAt: issue.createdAt
    };
  }
  const result = evaluateGate(next.policy, next.request, next.facts, next.now);
  const expiry = next.marks.find((mark) => mark.type === "queue_expired");
  if (expiry !== void 0 && expiry.type === "queue_expired" && isOpenState(result.state)) {
    const waited = Date.parse(expiry.at) - Date.parse(next.facts.requestedAt);
    next.result = {
      ...result,
      state: "expired",
      reason: `the pending queue is full (max_pending ${expiry.maxPending})`,
      expiredAfterMs: Math.max(0, waited)
    };
  } else {
    next.result = result;
  }
  return next;
}
function isOpenState(state) {
  return state === "pending" || state === "escalated" || state === "changes_requested";
}

// src/github/publish-decision-record.ts
var MAX_LOG_ATTEMPTS = 5;
function createDecisionLogEntry(repository, record, log, defaultBranch) {
  if (isSameBranch(log.branch, defaultBranch))
    throw new DecisionLogError(
      `log.branch: must not be the default branch "${defaultBranch}": the decision record ${record.id} was not committed`
    );
  return {
    owner: repository.owner,
    repo: repository.repo,
    branch: log.branch,
    path: createDecisionRecordPath(record, log.path),
    content: renderDecisionRecord(record),
    message: renderDecisionCommitMessage(record)
  };
}
var DecisionLogError = class extends Error {
  name = "DecisionLogError";
};
async function readTip(github, entry) {
  try {
    const { data } = await github.rest.git.getRef({
      owner: entry.owner,
      repo: entry.repo,
      ref: `heads/${entry.branch}`
    });
    return data.object.sha;
  } catch (error) {
    if (readStatus(error) === 404) return null;
    throw error;
  }
}
async function fileExists(github, entry, commit) {
  try {
    await github.rest.repos.getContent({
      owner: entry.owner,
      repo: entry.repo,
      path: entry.path,
      ref: commit
    });
    return true;
  } catch (error) {
    if (readStatus(error) === 404) return false;
    throw error;
  }
}
async function createOrphanBranch(github, entry) {
  const { owner, repo } = entry;
  const tree = await github.rest.git.createTree({
    owner,
    repo,
    tree: [{ path: entry.path, mode: "100644", type: "blob", content: entry.content }]
  });
  const commit = await github.rest.git.createCommit({
    owner,
    repo,
    message: entry.message,
    tree: tree.data.sha,
    parents: []
  });
  try {
    await github.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${entry.branch}`,
      sha: commit.data.sha,
      ...NO_RETRY
    });
    return commit.data.sha;
  } catch (error) {
    if (readStatus(error) === 422 || isTransient(error)) return null;
    throw error;
  }
}
async function addFile(github, entry, attempt) {
  try {
    const { data } = await github.rest.repos.createOrUpdateFileContents({
      owner: entry.owner,
      repo: entry.repo,
      path: entry.path,
      branch: entry.branch,
      message: entry.message,
      content: Buffer.from(entry.content, "utf8").toString("base64")
    });
    if (data.commit.sha === void 0) throw new DecisionLogError(`GitHub named no commit for ${entry.path}`);
    return { commit: data.commit.sha, outcome: "created", attempts: attempt };
  } catch (error) {
    const status = readStatus(error);
    if (status === 422) {
      const tip = await readTip(github, entry);
      if (tip === null) return "no-branch";
      if (await fileExists(github, entry, tip))
        return { commit: tip, outcome: "unchanged", attempts: attempt };
      throw error;
    }
    if (status === 404) return "no-branch";
    if (status === 409 || isTransient(error)) return "again";
    throw error;
  }
}
async function publishDecisionRecord(github, entry, options = {}) {
  let exists = options.tip === void 0 ? void 0 : options.tip !== null;
  for (let attempt = 1; attempt <= MAX_LOG_ATTEMPTS; attempt++) {
    if (exists === void 0) exists = await readTip(github, entry) !== null;
    if (!exists) {
      const commit = await createOrphanBranch(github, entry);
      if (commit !== null) return { commit, outcome: "created", attempts: attempt };
      exists = void 0;
      continue;
    }
    const result = await addFile(github, entry, attempt);
    if (result === "no-branch") exists = false;
    else if (result !== "again") return result;
  }
  throw new DecisionLogError(
    `the decision record ${entry.path} could not be committed to ${entry.branch} after ${MAX_LOG_ATTEMPTS} attempts: the branch kept moving; the next event for this gate tries again`
  );
}

// src/github/publish-dispatch.ts
var DISPATCH_EVENT = "gatehouse-decision";
async function publishDispatch(github, target, payload) {
  await github.rest.repos.createDispatchEvent({
    owner: target.owner,
    repo: target.repo,
    event_type: DISPATCH_EVENT,
    client_payload: { ...payload }
  });
}

// src/gate/publish-pull-request-gate.ts
function isDecided(result) {
  if (result.state === "pending") return false;
  return !(PASSING_DECISIONS.includes(result.state) && result.problems.length > 0);
}
function latest(times) {
  return times.length === 0 ? void 0 : times.reduce((a, b) => Date.parse(b) > Date.parse(a) ? b : a);
}
function decisionTime(gate) {
  const { result, facts, now } = gate;
  const requestedAt = Date.parse(facts.requestedAt);
  let time3;
  switch (result.state) {
    case "approved":
    case "delayed":
      time3 = latest(result.approvers.map((approval) => approval.at));
      break;
    case "rejected": {
      const tampered = result.tampering[0];
      time3 = tampered ? latest(
        gate.traces.flatMap(
          ({ trace }) => trace.type === "edit" && String(trace.comment) === tampered.statementId ? [trace.at] : []
        )
      ) : result.rejection?.at;
      break;
    }
    case "changes_requested":
      time3 = result.modification?.at;
      break;
    case "expired":
      time3 = result.expiredAfterMs === void 0 ? void 0 : new Date(requestedAt + result.expiredAfterMs).toISOString();
      break;
    case "escalated":
      time3 = result.escalation?.at;
      break;
    case "auto_approved":
    case "notified":
      time3 = result.option === void 0 ? facts.requestedAt : void 0;
      break;
    default:
      break;
  }
  return time3 === void 0 || Number.isNaN(Date.parse(time3)) ? now : new Date(time3).toISOString();
}
function recently(env) {
  return new Date(env.now().getTime() - 6e4).toISOString();
}

// src/gate/publish-request-gate.ts
function isFinal(result, now) {
  switch (result.state) {
    case "approved":
    case "rejected":
    case "expired":
    case "auto_approved":
    case "notified":
      return result.problems.length === 0 || result.state === "rejected" || result.state === "expired";
    case "delayed":
      return result.effectiveAt !== void 0 && Date.parse(result.effectiveAt) <= Date.parse(now);
    default:
      return false;
  }
}
function wakeTime(result, now) {
  const times = [result.deadline, result.escalation?.deadline, result.effectiveAt].filter(
    (time3) => time3 !== void 0 && Date.parse(time3) > Date.parse(now)
  );
  if (times.length === 0) return void 0;
  return new Date(Math.min(...times.map((time3) => Date.parse(time3)))).toISOString();
}
function renderApprovalIssueBody(gate, summary) {
  const wake = isFinal(gate.result, gate.now) ? void 0 : wakeTime(gate.result, gate.now);
  return wake === void 0 ? summary : `${summary}
${renderWakeMarker(wake)}`;
}
function recordBody(record) {
  const text = renderDecisionRecord(record);
  const end = text.indexOf("\n---\n", 4);
  return end === -1 ? text : text.slice(end + 5).trimStart();
}
function renderClosing(gate, decisionId, dispatched) {
  const { result } = gate;
  const by = result.approvers.map((approval) => escapeMarkdownInline(approval.approver.login, 80)).join(", ");
  let line;
  switch (result.state) {
    case "approved":
    case "delayed":
      line = `**Approved** by ${by || "the approvers"}.`;
      break;
    case "rejected":
      line = `**Rejected**${result.rejection ? ` by ${escapeMarkdownInline(result.rejection.by.login, 80)}` : ""}.`;
      break;
    case "expired":
      line = `**Expired**: ${escapeMarkdownInline(result.reason ?? "no decision before the deadline", 300)}.`;
      break;
    case "changes_requested":
      line = `**Changes requested**${result.modification ? ` by ${escapeMarkdownInline(result.modification.by.login, 80)}` : ""}; the request stays open.`;
      break;
    default:
      line = `**${result.state.replace("_", "-")}**.`;
  }
  const announced = dispatched ? " Announced as `gatehouse-decision`." : "";
  return `${line} Decision ${renderCode(decisionId)}.${announced}

${renderIssueMark({ type: "decided", id: decisionId, dispatched })}`;
}
async function publishRequestGate(env, target, gate, options) {
  const { github, log, self } = env;
  const { policy, request, result, facts, issue } = gate;
  const dryRun = env.dryRun === true;
  const view = renderCheckRun(request, result, policy, { now: gate.now });
  const published = { decisionId: view.externalId };
  const issueTarget = issue === void 0 ? void 0 : { ...target, issueNumber: issue.number };
  let record;
  let anchor;
  if (isDecided(result)) {
    const links = issue === void 0 ? {} : { comment: issue.url };
    if (env.workflowRun !== void 0) links.workflow_run = env.workflowRun;
    record = createDecisionRecord(request, result, {
      decidedAt: decisionTime(gate),
      requestedAt: facts.requestedAt,
      links
    });
    const logged = gate.history.decisions?.some((decision) => decision.id === record?.id) === true;
    const entry = createDecisionLogEntry(target, record, policy.log, gate.defaultBranch);
    if (logged) log.debug({ id: record.id }, "the decision is in the log already");
    else if (dryRun) log.info({ id: record.id }, "dry run: would commit the decision record");
    else {
      const written = await publishDecisionRecord(
        github,
        entry,
        gate.history.tip === void 0 ? {} : { tip: gate.history.tip }
      );
      published.logCommit = written.commit;
    }
    const commit = published.logCommit ?? gate.history.commits?.get(record.id);
    if (commit !== void 0)
      anchor = { path: entry.path, sha256: createRecordDigest(entry.content), commit };
  }
  if (issueTarget !== void 0 && issue !== void 0) {
    const body = renderApprovalIssueBody(gate, view.summary);
    if (dryRun) log.info({ issue: issue.number }, "dry run: would update the approval issue");
    else await publishApprovalIssueBody(github, issueTarget, issue.body, body);
  }
  if (options.checkRun) {
    const state = renderCheckRunState({
      ...view.status === "in_progress" ? optional("wake", wakeTime(result, gate.now)) : {},
      reviewersRequested: false,
      deployers: gate.deployers,
      // Where only Gatehouse writes its runs (the App), the vetoes that count now stand from here
      // on, each with its issue: only this issue's gate reads them back.
      ...env.self.sharedIdentity === true || issue === void 0 ? {} : { vetoes: result.vetoes.map((veto) => ({ ...veto, issue: issue.number })) },
      ...record === void 0 ? {} : { decision: true }
    });
    const text = prependRecordAnchor(
      record !== void 0 && policy.log.checkRuns ? `${state}

${recordBody(record)}` : state,
      anchor
    );
    if (dryRun) log.info({ title: view.title }, "dry run: would publish the check run");
    else {
      const run = await publishCheckRun(
        github,
        { ...target, sha: request.subject.sha, appId: self.appId },
        {
          name: view.name,
          status: view.status,
          ...view.conclusion === void 0 ? {} : { conclusion: view.conclusion },
          title: view.title,
          summary: view.summary,
          text,
          externalId: view.externalId
        },
        gate.runs,
        { replicas: env.replicas }
      );
      published.checkRunId = run.id;
    }
  }
  if (issueTarget === void 0 || issue === void 0 || dryRun) return published;
  if (result.state === "escalated" && result.escalation !== void 0) {
    const key2 = createTraceKey([
      "escalation",
      request.repository,
      issue.number,
      gate.requestHash,
      result.escalation.at
    ]);
    if (!gate.traceKeys.has(key2)) {
      const backups = [
        ...new Set(result.escalation.to.flatMap((group) => readReviewerGroup(policy, group) ?? []))
      ];
      await publishTrace(
        github,
        { ...target, number: issue.number },
        { type: "escalation", to: backups, at: result.escalation.at, key: key2 }
      );
    }
  }
  const final = isFinal(result, gate.now);
  if (final || result.state === "changes_requested") {
    const marked = gate.marks.filter((mark) => mark.type === "decided" && mark.id === view.externalId);
    const sent = marked.some((mark) => mark.type === "decided" && mark.dispatched);
    if (marked.length === 0 || options.dispatch && !sent) {
      if (options.dispatch) {
        await publishDispatch(github, target, {
          decision: result.state,
          option: result.option?.name ?? null,
          modifications: result.modification?.instructions ?? null,
          decision_id: view.externalId,
          request_hash: gate.requestHash,
          issue: issue.number,
          sha: request.subject.sha,
          environment: request.gate.environment ?? null
        });
        published.dispatched = true;
      }
      await publishIssueComment(
        github,
        issueTarget,
        renderClosing(gate, view.externalId, options.dispatch),
        self.botId,
        env.replicas === void 0 ? void 0 : { since: recently(env) }
      );
    }
  }
  if (final && issue.open) {
    await closeApprovalIssue(
      github,
      issueTarget,
      result.state === "rejected" || result.state === "expired" ? "not_planned" : "completed"
    );
    published.closed = true;
  }
  return published;
}
function optional(key2, value) {
  return value === void 0 ? {} : { [key2]: value };
}

// src/gate/wait-for-decision.ts
var MAX_POLL_INTERVAL_MS = 6e4;
async function waitForDecision(github, clock, options) {
  const pause = options.sleep ?? sleep;
  const start = clock().getTime();
  const elapsed = () => clock().getTime() - start;
  let run = await options.first();
  let requests = run.requests;
  let polls = 0;
  let notModified = 0;
  options.onProgress?.(run, elapsed());
  let watched = options.watch(run);
  const done = (timedOut) => ({ run, requests, polls, notModified, timedOut });
  if (options.isSettled(run, clock().getTime()) || watched.length === 0) return done(false);
  const etags = /* @__PURE__ */ new Map();
  let interval = Math.max(1, options.pollIntervalMs);
  let wake = options.wakeOf(run);
  let computedAt = clock().getTime();
  for (; ; ) {
    const left = options.timeoutMs - elapsed();
    if (left <= 0) return done(true);
    await pause(Math.min(interval, left));
    polls++;
    const polled = await countRequests(github, () => pollLists(github, watched, etags));
    requests += polled.requests;
    const now = clock().getTime();
    const due = wake !== void 0 && Date.parse(wake) <= now && Date.parse(wake) > computedAt;
    if (polled.value || due) {
      computedAt = clock().getTime();
      const next = await options.recompute();
      if (next === void 0) return done(false);
      requests += next.requests;
      run = next;
      watched = options.watch(run);
      wake = options.wakeOf(run);
      interval = Math.max(1, options.pollIntervalMs);
    } else {
      notModified++;
      interval = Math.min(Math.max(interval * 1.5, 1), MAX_POLL_INTERVAL_MS);
    }
    options.onProgress?.(run, elapsed());
    if (options.isSettled(run, clock().getTime())) return done(false);
  }
}
async function pollLists(github, lists, etags) {
  let changed = false;
  for (const list of lists) {
    const key2 = JSON.stringify([list.route, list.parameters]);
    const etag = etags.get(key2);
    try {
      const response = await github.request(list.route, {
        ...list.parameters,
        headers: etag === void 0 ? {} : { "if-none-match": etag }
      });
      changed = true;
      const full = Array.isArray(response.data) && response.data.length >= 100;
      const next = response.headers.etag;
      if (next === void 0 || full) etags.delete(key2);
      else etags.set(key2, next);
    } catch (error) {
      if (readStatus(error) !== 304) throw error;
    }
  }
  return changed;
}

// src/gate/run-request-gate.ts
var DEFAULT_ISSUE_LABELS = ["gatehouse"];
function labelsOf(options) {
  return options.labels !== void 0 && options.labels.length > 0 ? options.labels : DEFAULT_ISSUE_LABELS;
}
async function loadRequestPolicy(env, target) {
  let defaultBranch;
  try {
    ({
      data: { default_branch: defaultBranch }
    } = await env.github.rest.repos.get({ ...target }));
  } catch (error) {
    return {
      state: "unreadable",
      error: `the repository could not be read (HTTP ${readStatus(error) ?? "?"})`
    };
  }
  return loadPolicy(env.github, { ...target, defaultBranch, path: env.configPath ?? DEFAULT_CONFIG_PATH });
}
function notValid(loaded, env) {
  const run = { policy: loaded.state, approvers: [], expiredForQueue: [] };
  if (loaded.state === "unreadable") run.error = loaded.error;
  if (loaded.state === "invalid") run.error = loaded.problems.map(formatPolicyProblem).join("\n");
  if (loaded.state === "absent")
    env.log.info({}, `no ${env.configPath ?? DEFAULT_CONFIG_PATH}: Gatehouse does nothing here`);
  return run;
}
function describe(gate, published) {
  const { result, issue } = gate;
  const run = {
    policy: "valid",
    state: result.state,
    final: isFinal(result, gate.now),
    ready: result.readiness.ready,
    title: renderCheckRun(gate.request, result, gate.policy, { now: gate.now }).title,
    sha: gate.request.subject.sha,
    ...gate.request.gate.environment === void 0 ? {} : { environment: gate.request.gate.environment },
    tier: result.risk.tier,
    decisionId: published.decisionId,
    approvers: result.approvers.map((approval) => approval.approver),
    expiredForQueue: []
  };
  if (published.logCommit !== void 0) run.logCommit = published.logCommit;
  if (published.checkRunId !== void 0) run.checkRunId = published.checkRunId;
  if (issue !== void 0) {
    run.issueNumber = issue.number;
    run.issueUrl = issue.url;
  }
  if (result.option !== void 0) run.option = result.option;
  if (result.modification !== void 0) run.modifications = result.modification.instructions;
  const reason = result.rejection?.reason ?? result.reason;
  if (reason !== void 0) run.reason = reason;
  if (result.problems.length > 0 && run.reason === void 0) run.reason = result.problems.join("; ");
  if (!result.readiness.ready) {
    run.notReady = describeNotReady(result.readiness);
    run.reason ??= run.notReady;
  }
  if (!isFinal(result, gate.now)) {
    run.waitingFor = result.state === "delayed" ? `the delay until ${result.effectiveAt ?? "?"}` : describeMissing(result);
    const deadline = wakeTime(result, gate.now) ?? result.deadline;
    if (deadline !== void 0) run.deadline = deadline;
  }
  return run;
}
async function readIssue(env, target, issue, seen) {
  const known = seen?.get(issue.number);
  if (known !== void 0) return known;
  const read = await readComments(env, target, issue);
  seen?.set(issue.number, read);
  return read;
}
async function readComments(env, target, issue) {
  const comments = await loadIssueComments(env.github, { ...target, number: issue.number });
  return { comments, request: readRequestRecord(comments, env.self.botId, `${target.owner}/${target.repo}`) };
}
async function findIssue(env, target, issues, hash, seen, passed = /* @__PURE__ */ new Set()) {
  for (const issue of issues) {
    if (!issue.bodyHashes.includes(hash) || passed.has(issue.number)) continue;
    if (issue.labels?.includes(USED_LABEL) === true) continue;
    const { comments, request } = await readIssue(env, target, issue, seen);
    if (readIssueMarks(comments, env.self.botId).some((mark) => mark.type === "used")) continue;
    if (request !== void 0 && hashRequest(request) === hash) return { issue, comments };
    env.log.warn({ issue: issue.number }, "an approval issue without a genuine request record: ignored");
  }
  return void 0;
}
async function runRequestGate(env, target, request, options) {
  const { value, requests } = await countRequests(
    env.github,
    () => evaluateRequest(env, target, request, options)
  );
  const run = { ...value, requests };
  env.log.info({ ...target, ...run }, `request gate ${target.owner}/${target.repo}`);
  return run;
}
async function evaluateRequest(env, target, request, options) {
  const loaded = await loadRequestPolicy(env, target);
  if (loaded.state !== "valid") {
    const run2 = notValid(loaded, env);
    if (loaded.state === "invalid" && options.checkRun && !env.dryRun) {
      const view2 = renderInvalidConfigCheckRun(loaded.problems.map(formatPolicyProblem), loaded.file);
      const name = createCheckName(request.gate.environment);
      const at = { ...target, sha: request.subject.sha };
      const { conclusion } = view2;
      const published = await publishCheckRun(
        env.github,
        { ...at, appId: env.self.appId },
        {
          name,
          status: view2.status,
          ...conclusion === void 0 ? {} : { conclusion },
          title: view2.title,
          summary: view2.summary,
          text: renderCheckRunState({ reviewersRequested: false }),
          externalId: view2.externalId
        },
        await loadGateCheckRuns(env.github, at, env.self.appId, name),
        { replicas: env.replicas }
      );
      run2.checkRunId = published.id;
    }
    return run2;
  }
  const { policy } = loaded;
  const labels = labelsOf(options);
  const hash = hashRequest(request);
  const open = await loadApprovalIssues(env.github, target, { state: "open", labels, botId: env.self.botId });
  const seen = /* @__PURE__ */ new Map();
  const spent = /* @__PURE__ */ new Set();
  for (; ; ) {
    const pending = await findIssue(env, target, open, hash, seen, spent);
    if (pending === void 0) break;
    const gate2 = await gatherRequestGate(env, target, loaded, request, pending, options);
    if (await isSpent(env, target, gate2, options)) {
      spent.add(pending.issue.number);
      continue;
    }
    return describe(gate2, await publishRequestGate(env, target, gate2, options));
  }
  const closed = await loadApprovalIssues(env.github, target, {
    state: "closed",
    labels,
    botId: env.self.botId
  });
  const newestFirst = [...closed].reverse();
  for (; ; ) {
    const decided = await findIssue(env, target, newestFirst, hash, seen, spent);
    if (decided === void 0) break;
    const gate2 = await gatherRequestGate(env, target, loaded, request, decided, options);
    if (await isSpent(env, target, gate2, options)) {
      spent.add(decided.issue.number);
      continue;
    }
    if (isFinal(gate2.result, gate2.now) || gate2.result.state === "changes_requested")
      return describe(gate2, await publishRequestGate(env, target, gate2, options));
    env.log.info(
      { issue: decided.issue.number },
      "a closed approval issue without a decision: a new one is opened"
    );
    break;
  }
  const first = await gatherRequestGate(env, target, loaded, request, void 0, options);
  const proceeds = first.result.state === "auto_approved" && first.result.problems.length === 0;
  if (proceeds || !first.result.readiness.ready)
    return describe(first, await publishRequestGate(env, target, first, options));
  if (env.dryRun) {
    env.log.info({ hash }, "dry run: would open an approval issue");
    return describe(first, { decisionId: renderCheckRun(request, first.result, policy).externalId });
  }
  const expiredForQueue = await expireForQueue(env, target, loaded, open, seen, options);
  const view = renderCheckRun(request, first.result, policy, { now: first.now });
  const title = renderPlainText(`Gatehouse: ${request.action?.text ?? describeGate(request)}`, 200).replace(
    /\s+/g,
    " "
  );
  const issue = await publishApprovalIssue(
    env.github,
    target,
    { title, body: renderApprovalIssueBody(first, view.summary), labels, request },
    env.self.botId
  );
  const gate = reevaluateRequestGate(first, issue);
  const run = describe(gate, await publishRequestGate(env, target, gate, options));
  run.expiredForQueue = expiredForQueue;
  return run;
}
async function isSpent(env, target, gate, options) {
  if (options.singleUse !== true || gate.issue === void 0) return false;
  const { state } = gate.result;
  if (state !== "approved" && state !== "delayed") return false;
  return loadSpentApproval(env.github, target, gate.issue, gate.marks);
}
function describeGate(request) {
  const environment2 = request.gate.environment;
  if (request.gate.kind === "deployment" && environment2 !== void 0)
    return `deploy ${request.subject.sha.slice(0, 12)} to ${environment2}`;
  return `${request.kind ?? "request"} on ${request.subject.sha.slice(0, 12)}`;
}
async function expireForQueue(env, target, loaded, open, seen, options) {
  const maxPending = loaded.policy.queue.maxPending;
  const candidates = open.filter((issue) => issue.bodyHashes.length > 0);
  if (maxPending <= 0 || candidates.length < maxPending) return [];
  let excess = candidates.length - maxPending + 1;
  const expired = [];
  for (const issue of candidates) {
    if (excess <= 0) break;
    const read = await readIssue(env, target, issue, seen);
    if (read.request === void 0) continue;
    excess--;
    const at = env.now().toISOString();
    const issueTarget = { ...target, issueNumber: issue.number };
    const notice = `**Expired:** the pending queue is full (max_pending ${maxPending}); this is the oldest pending request. Ask again to get a new approval issue.

${renderIssueMark({ type: "queue_expired", maxPending, at })}`;
    const id = await publishIssueComment(env.github, issueTarget, notice, env.self.botId);
    const comments = [
      ...read.comments,
      {
        id,
        body: notice,
        author: { id: env.self.botId, login: env.self.botLogin, type: "Bot" },
        createdAt: at,
        updatedAt: at,
        url: ""
      }
    ];
    const gate = await gatherRequestGate(env, target, loaded, read.request, { issue, comments }, options);
    await publishRequestGate(env, target, gate, options);
    expired.push(issue.number);
  }
  return expired;
}
async function runApprovalIssueGate(env, target, options, edit, deletion) {
  const { value, requests } = await countRequests(
    env.github,
    () => evaluateIssue(env, target, options, edit, deletion)
  );
  if (value === void 0) return void 0;
  const run = { ...value, requests };
  env.log.info({ ...target, ...run }, `approval issue ${target.owner}/${target.repo}#${target.issueNumber}`);
  return run;
}
async function evaluateIssue(env, target, options, edit, deletion) {
  const repository = { owner: target.owner, repo: target.repo };
  const issue = await loadApprovalIssue(env.github, target, env.self.botId);
  if (issue === void 0) return void 0;
  const { comments, request: recorded } = await readIssue(env, repository, issue);
  if (recorded === void 0) return void 0;
  const known = resolveKnownRequest(recorded, options.known);
  if ("tampered" in known)
    return { policy: "valid", tampered: known.tampered, approvers: [], expiredForQueue: [] };
  const { request } = known;
  const loaded = await loadRequestPolicy(env, repository);
  if (loaded.state !== "valid") return notValid(loaded, env);
  if (edit !== void 0) comments.push(...await recordEdit(env, target, comments, edit));
  const gathering = deletion === void 0 ? options : { ...options, deletion };
  const gate = await gatherRequestGate(env, repository, loaded, request, { issue, comments }, gathering);
  if (!issue.open && !isFinal(gate.result, gate.now))
    return describe(gate, { decisionId: renderCheckRun(request, gate.result, loaded.policy).externalId });
  return describe(gate, await publishRequestGate(env, repository, gate, options));
}
function resolveKnownRequest(recorded, known) {
  if (known === void 0) return { request: recorded };
  if (known.request !== void 0 && hashRequest(known.request) !== hashRequest(recorded))
    return { tampered: "its request record is not the request asked (it was replaced)" };
  const request = { ...known.request ?? recorded };
  if (known.requester !== void 0 && recorded.requester.id !== known.requester.id)
    return {
      tampered: `its request record names ${recorded.requester.login}, not this token's account, as requester`
    };
  if (known.onBehalfOf !== void 0) request.onBehalfOf = known.onBehalfOf;
  return { request };
}
async function recordEdit(env, target, comments, edit) {
  const { self } = env;
  const comment = comments.find((entry) => entry.id === edit.commentId);
  if (comment?.author === void 0) return [];
  if (edit.editor.id === comment.author.id || comment.author.id === self.botId || edit.editor.id === self.botId)
    return [];
  const heldCommand = edit.previousBody !== void 0 && parseCommand(edit.previousBody) !== null;
  if (parseCommand(comment.body) === null && !heldCommand) return [];
  const key2 = createTraceKey(["edit", edit.commentId, edit.updatedAt, edit.editor.id]);
  if (readTraces(comments, self).keys.has(key2)) return [];
  const at = Number.isNaN(Date.parse(edit.updatedAt)) ? env.now().toISOString() : new Date(edit.updatedAt).toISOString();
  const { id, login, type } = edit.editor;
  const trace = { type: "edit", comment: edit.commentId, editor: { id, login, type }, at, key: key2 };
  if (env.dryRun) {
    env.log.info({ trace }, "dry run: would record a trace comment");
    return [];
  }
  const context = { commentAuthor: comment.author.login };
  const posted = await publishTrace(
    env.github,
    { owner: target.owner, repo: target.repo, number: target.issueNumber },
    trace,
    context
  );
  return [
    {
      id: posted.id,
      body: renderTraceComment(trace, context),
      author: { id: self.botId, login: self.botLogin, type: "Bot" },
      createdAt: posted.createdAt,
      updatedAt: posted.createdAt,
      url: ""
    }
  ];
}
function isSettled(run, now) {
  if (run.policy !== "valid" || run.state === void 0) return true;
  if (run.state === "pending" || run.state === "escalated" || run.state === "changes_requested") return false;
  if (run.state === "delayed") return run.deadline === void 0 || Date.parse(run.deadline) <= now;
  return true;
}
async function waitForRequestDecision(env, target, request, options) {
  let issueNumber;
  const known = { ...options.known, request };
  const waited = await waitForDecision(env.github, env.now, {
    ...options,
    first: async () => {
      const run = await runRequestGate(env, target, request, options);
      issueNumber = run.issueNumber;
      return run;
    },
    recompute: () => issueNumber === void 0 ? Promise.resolve(void 0) : runApprovalIssueGate(env, { ...target, issueNumber }, { ...options, known }),
    watch: () => issueNumber === void 0 ? [] : [
      {
        route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
        parameters: { ...target, issue_number: issueNumber, per_page: 100 }
      }
    ],
    isSettled: (run, now) => run.tampered !== void 0 || (options.isSettled ?? isSettled)(run, now),
    wakeOf: (run) => run.deadline
  });
  return {
    ...waited.run,
    requests: waited.requests,
    polls: waited.polls,
    notModified: waited.notModified,
    timedOut: waited.timedOut
  };
}

// src/agent/load-agent-context.ts
var AgentSetupError = class extends Error {
  name = "AgentSetupError";
};
var ACTIONS_USER = { id: 41898282, login: "github-actions[bot]", type: "Bot" };
async function loadAgentContext(input) {
  const token = input.env.GITHUB_TOKEN || input.env.GH_TOKEN;
  if (token === void 0 || token === "")
    throw new AgentSetupError(
      "set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository"
    );
  const local = await loadRepository(input.cwd, input.env);
  const target = input.repo ?? (local === void 0 ? void 0 : await readOrigin(local));
  if (target === void 0)
    throw new AgentSetupError(
      "which repository? give --repo OWNER/NAME, or run inside a clone whose origin is on GitHub"
    );
  const baseUrl = input.env.GITHUB_API_URL?.replace(/\/+$/, "");
  const warn = input.warn ?? (() => {
  });
  const github = createGitHubClient({
    auth: token,
    // An agent's request makes a handful of writes; spacing each a second apart buys nothing.
    spaceWrites: false,
    ...baseUrl === void 0 || baseUrl === "" ? {} : { baseUrl },
    ...input.fetch === void 0 ? {} : { fetch: input.fetch },
    log: { debug: () => {
    }, info: () => {
    }, warn, error: warn }
  });
  const requester = await loadRequester(github, input.env);
  const context = { github, ...target, now: input.now, requester, cwd: input.cwd };
  if (input.onBehalfOf !== void 0) context.onBehalfOf = await loadPerson(github, input.onBehalfOf);
  if (input.agent !== void 0) context.agent = input.agent;
  if (input.sleep !== void 0) context.sleep = input.sleep;
  const sha2 = input.sha ?? (local === void 0 ? void 0 : (await loadHeadCommit(local))?.sha);
  if (sha2 !== void 0 && sha2 !== "") context.sha = sha2;
  return context;
}
function parseRemoteUrl(url) {
  const match = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match?.[1] === void 0 || match[2] === void 0 ? void 0 : { owner: match[1], repo: match[2] };
}
async function readOrigin(local) {
  const url = await loadConfigValue(local, "remote.origin.url");
  return url === void 0 ? void 0 : parseRemoteUrl(url);
}
async function loadRequester(github, env) {
  try {
    const { data } = await github.request("GET /user");
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    const status = readStatus(error);
    if (status === 403 && env.GITHUB_ACTIONS === "true") return ACTIONS_USER;
    throw setupError("reading the token's account (GET /user)", error);
  }
}
async function loadPerson(github, login) {
  try {
    const { data } = await github.request("GET /users/{username}", { username: login });
    return createActor({ id: Number(data.id), login: data.login, type: data.type });
  } catch (error) {
    if (readStatus(error) === 404) throw new AgentSetupError(`--on-behalf-of ${login}: no such GitHub user`);
    throw setupError(`looking up --on-behalf-of ${login}`, error);
  }
}
function setupError(what, error) {
  const status = readStatus(error);
  if (status === 401)
    return new AgentSetupError(`GitHub refused the token (401) ${what}: set GITHUB_TOKEN to a valid token`);
  if (status === void 0 || status === 500 && !hasResponse(error))
    return new AgentSetupError(
      `GitHub could not be reached ${what}: ${describeRequestError(error)} (check GITHUB_API_URL and the network)`
    );
  return new AgentSetupError(`GitHub answered ${status} ${what}: ${describeRequestError(error)}`);
}
function hasResponse(error) {
  return typeof error === "object" && error !== null && "response" in error && error.response !== void 0;
}

// src/agent/request-approval.ts
var GATE_OPTIONS = { checkRun: false, dispatch: false };
var DEFAULT_POLL_MS = 5e3;
var SILENT = { debug: () => {
}, info: () => {
}, warn: () => {
}, error: () => {
} };
async function requestApproval(context, input, wait) {
  const env = await createGateEnvironment(context);
  const request = await createAgentRequest(context, env, input);
  const target = { owner: context.owner, repo: context.repo };
  const options = {
    ...GATE_OPTIONS,
    ...wait.singleUse === true ? { singleUse: true } : {}
  };
  const run = await guarded(
    "asking for approval",
    () => wait.waitMs > 0 ? waitForRequestDecision(env, target, request, {
      ...options,
      timeoutMs: wait.waitMs,
      pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
      ...context.sleep === void 0 ? {} : { sleep: context.sleep },
      isSettled: isSettled2
    }) : runRequestGate(env, target, request, options)
  );
  return spend(context, env, run, wait);
}
async function readApproval(context, issueNumber, wait) {
  const env = await createGateEnvironment(context);
  const target = { owner: context.owner, repo: context.repo, issueNumber };
  const known = {
    requester: { id: env.self.botId, login: env.self.botLogin, type: "User" },
    ...context.onBehalfOf === void 0 ? {} : { onBehalfOf: context.onBehalfOf }
  };
  const read = () => runApprovalIssueGate(env, target, { ...GATE_OPTIONS, known });
  const run = await guarded(`reading #${issueNumber}`, async () => {
    if (wait.waitMs <= 0) return read();
    const waited = await waitForDecision(env.github, env.now, {
      timeoutMs: wait.waitMs,
      pollIntervalMs: context.pollIntervalMs ?? DEFAULT_POLL_MS,
      ...context.sleep === void 0 ? {} : { sleep: context.sleep },
      first: async () => await read() ?? { requests: 0, missing: true },
      recompute: async () => await read() ?? void 0,
      watch: () => [
        {
          route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
          parameters: { owner: context.owner, repo: context.repo, issue_number: issueNumber, per_page: 100 }
        }
      ],
      isSettled: (run2, now) => "missing" in run2 || run2.tampered !== void 0 || isSettled2(run2, now),
      wakeOf: (run2) => "missing" in run2 ? void 0 : run2.deadline
    });
    return "missing" in waited.run ? void 0 : waited.run;
  });
  if (run === void 0)
    throw new AgentSetupError(
      `#${issueNumber} in ${context.owner}/${context.repo} is not an approval issue of this account's requests`
    );
  if (run.issueNumber === void 0) {
    run.issueNumber = issueNumber;
  }
  if (wait.singleUse === true && await isSpent2(context, env, run))
    return {
      ...answerOf(context, run),
      decision: "expired",
      reason: "this approval was used already: ask again for a new one",
      exitCode: 1
    };
  return spend(context, env, run, wait);
}
async function recordExecution(context, issueNumber, report) {
  const env = await createGateEnvironment(context);
  const body = renderExecution(report);
  await guarded(
    `recording the execution on #${issueNumber}`,
    () => publishIssueComment(
      env.github,
      { owner: context.owner, repo: context.repo, issueNumber },
      body,
      env.self.botId
    )
  );
}
function renderExecution(report) {
  const detail = report.detail?.replace(/[\r\n\u2028\u2029]+/g, " ").slice(0, 300);
  const lines = [
    `**Execution:** ${report.status}${detail === void 0 || detail === "" ? "" : ` (${escapeInline(detail)})`}`,
    "",
    ...report.startedAt === void 0 ? [] : [`- Started: ${escapeInline(report.startedAt)}`],
    `- Completed: ${escapeInline(report.completedAt)}`
  ];
  const mark = renderExecutionMark({
    status: report.status,
    ...report.startedAt === void 0 ? {} : { startedAt: report.startedAt },
    completedAt: report.completedAt
  });
  return `${lines.join("\n")}

${mark}`;
}
function escapeInline(text) {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~@&]/g, (character) => `\\${character}`);
}
async function createGateEnvironment(context) {
  const requester = context.requester ?? await guarded("reading the token's account (GET /user)", async () => {
    const { data } = await context.github.request("GET /user");
    return { id: Number(data.id), login: data.login, type: data.type ?? "User" };
  });
  context.requester = requester;
  return {
    github: context.github,
    now: context.now,
    // The token's account writes Gatehouse's issues, comments and records, and the agent holds
    // that token: nothing is trusted because this account wrote it (DESIGN §11).
    self: { appId: 0, botId: requester.id, botLogin: requester.login, sharedIdentity: true },
    log: context.log ?? SILENT,
    untrustedLog: { reason: "the decision log is written with the agent's own token" }
  };
}
async function createAgentRequest(context, env, input) {
  const repository = `${context.owner}/${context.repo}`;
  const sha2 = context.sha ?? await loadDefaultHead(context);
  const spec = input.spec === void 0 ? void 0 : await loadSpec(input.spec, context.cwd);
  const requester = context.requester ?? { id: env.self.botId, login: env.self.botLogin, type: "User" };
  const onBehalfOf = context.onBehalfOf ?? (input.onBehalfOf === void 0 ? void 0 : await loadPerson(context.github, input.onBehalfOf));
  const request = createExplicitRequest({
    repository,
    sha: sha2,
    ...definedText({
      environment: input.environment,
      kind: input.kind,
      title: input.title,
      details: input.details,
      rollback: input.rollback,
      recommendation: input.recommendation
    }),
    ...input.options === void 0 ? {} : { options: input.options },
    ...input.cost === void 0 ? {} : { cost: input.cost },
    requester,
    ...onBehalfOf === void 0 ? {} : { onBehalfOf },
    ...spec === void 0 ? {} : { spec }
  });
  if (input.declaredRisk !== void 0)
    request.declaredRisk = mergeRisk([request.declaredRisk, input.declaredRisk]);
  const agent = input.agent ?? context.agent;
  if (agent !== void 0 && agent.trim() !== "") request.agent = agent.trim().slice(0, 100);
  return request;
}
function definedText(fields2) {
  return Object.fromEntries(
    Object.entries(fields2).filter((entry) => entry[1] !== void 0)
  );
}
async function loadSpec(path, cwd) {
  let text;
  try {
    text = await readFile(resolve(cwd ?? ".", path), "utf8");
  } catch {
    throw new AgentSetupError(`--spec ${path}: no such file, or it cannot be read`);
  }
  return parseSpec(text, path).spec;
}
async function loadDefaultHead(context) {
  return guarded(`reading ${context.owner}/${context.repo}`, async () => {
    const { data: repository } = await context.github.request("GET /repos/{owner}/{repo}", {
      owner: context.owner,
      repo: context.repo
    });
    const { data: commit } = await context.github.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner: context.owner,
      repo: context.repo,
      ref: repository.default_branch
    });
    return commit.sha;
  });
}
async function guarded(what, work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw error;
    if (readStatus(error) === 404)
      throw new AgentSetupError(
        `${what}: not found, or the token cannot read it (GitHub answers 404 for both)`
      );
    if (typeof error === "object" && error !== null && ("status" in error || isNetworkError(error)))
      throw setupError(what, error);
    throw error;
  }
}
function isNetworkError(error) {
  return error instanceof TypeError || error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message);
}
function isSettled2(run, now) {
  if (run.policy !== "valid" || run.state === void 0) return true;
  if (run.state === "pending" || run.state === "escalated") return false;
  if (run.state === "delayed") return run.deadline === void 0 || Date.parse(run.deadline) <= now;
  return true;
}
async function isSpent2(context, env, run) {
  if (run.state !== "approved" && run.state !== "delayed") return false;
  const issue = { number: run.issueNumber ?? 0, url: "", open: false, title: "", body: "", createdAt: "" };
  return loadSpentApproval(
    env.github,
    { owner: context.owner, repo: context.repo },
    { ...issue, bodyHashes: [] },
    []
  );
}
async function spend(context, env, run, wait) {
  const answer = answerOf(context, run);
  if (wait.singleUse !== true || answer.decision !== "approved" || run.issueNumber === void 0)
    return answer;
  const target = { owner: context.owner, repo: context.repo, issueNumber: run.issueNumber };
  const mark = renderIssueMark({ type: "used", id: run.decisionId ?? "", at: context.now().toISOString() });
  await guarded(`marking #${run.issueNumber} used`, async () => {
    await publishIssueLabels(env.github, target, [USED_LABEL]);
    await publishIssueComment(
      env.github,
      target,
      `**Used:** the approved call was answered once; the same call again asks for a new approval.

${mark}`,
      env.self.botId
    );
    await closeApprovalIssue(env.github, target, "completed");
  });
  return answer;
}
function answerOf(context, run) {
  if (run.tampered !== void 0)
    throw new AgentSetupError(
      `#${run.issueNumber ?? "?"} in ${context.owner}/${context.repo} answers nothing: ${run.tampered}. Ask again for a new approval`
    );
  if (run.policy === "absent")
    return {
      decision: "auto_approved",
      reason: "no .github/gatehouse.yml on the default branch: Gatehouse gates nothing here",
      exitCode: 0
    };
  if (run.policy !== "valid")
    throw new AgentSetupError(
      `the policy of ${context.owner}/${context.repo} is ${run.policy}: ${(run.error ?? "").split("\n").join("; ")}`
    );
  const answer = { decision: "pending", exitCode: 3 };
  if (run.tier !== void 0) answer.tier = run.tier;
  if (run.option !== void 0) answer.option = run.option.name;
  if (run.modifications !== void 0) answer.modifications = run.modifications;
  if (run.reason !== void 0) answer.reason = run.reason;
  if (run.issueUrl !== void 0) answer.requestUrl = run.issueUrl;
  if (run.issueNumber !== void 0) answer.issueNumber = run.issueNumber;
  if (run.decisionId !== void 0) answer.decisionId = run.decisionId;
  if (run.ready === false) return { ...answer, decision: "not_ready", exitCode: 1 };
  switch (run.state) {
    case "approved":
      return { ...answer, decision: "approved", exitCode: 0 };
    case "auto_approved":
    case "notified":
      return { ...answer, decision: "auto_approved", exitCode: 0 };
    case "delayed":
      if (run.deadline === void 0 || Date.parse(run.deadline) <= context.now().getTime())
        return { ...answer, decision: "approved", exitCode: 0 };
      return withResume(context, { ...answer, decision: "delayed", exitCode: 3 });
    case "rejected":
      return { ...answer, decision: "rejected", exitCode: 1 };
    case "expired":
      return { ...answer, decision: "expired", exitCode: 1 };
    case "changes_requested":
      return { ...answer, decision: "changes_requested", exitCode: 1 };
    default:
      if (run.waitingFor !== void 0 && answer.reason === void 0)
        answer.reason = `waiting for ${run.waitingFor}`;
      return withResume(context, answer);
  }
}
function withResume(context, answer) {
  if (answer.issueNumber === void 0) return answer;
  return {
    ...answer,
    // Whom the agent acts for goes with it: the issue's record, which the token wrote, cannot drop it.
    resume: `gatehouse status ${answer.issueNumber} --repo ${context.owner}/${context.repo}${context.onBehalfOf === void 0 ? "" : ` --on-behalf-of ${context.onBehalfOf.login}`} --wait`
  };
}

export {
  AgentSetupError,
  loadAgentContext,
  requestApproval,
  readApproval,
  recordExecution,
  renderExecution
};
