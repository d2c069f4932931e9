// Execution records (issue 12): what happened after a decision. A decision record is never
// edited (the log is append-only and anchored), so what ran is a record of its own on the log
// branch: `<log.path>/YYYY/MM/<id>.execution.md`, next to the decisions, naming the decision it
// followed. Three things run: a gated pull request is merged, a gated deployment completes, an
// agent reports that an approved request ran. The id is derived from what ran (the merge commit,
// the deployment, the report's comment), so a redelivered event names the same file and writes
// nothing new.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Document, Scalar, visit } from 'yaml';
import { z } from 'zod';
import { renderCanonicalJson } from './decision-id.ts';
import { parseRecordFile } from './decision-record.ts';
import { BIDI_CONTROLS, escapeMarkdownInline, renderCode, renderPlainText } from './escape.ts';
import { DECISIONS, type Decision, PASSING_DECISIONS } from './registry.ts';

export const EXECUTION_SCHEMA = 1;

/** How an execution record's file name ends: `<id>.execution.md`. */
export const EXECUTION_SUFFIX = '.execution.md';

/** What ran: a merge, a deployment, or an agent's approved request. */
export const EXECUTION_TYPES = ['merge', 'deployment', 'request'] as const;
export type ExecutionType = (typeof EXECUTION_TYPES)[number];

/** How a deployment ended, as GitHub's deployment statuses say it (the terminal states). */
export const DEPLOYMENT_OUTCOMES = ['success', 'failure', 'error', 'inactive'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

/** How an agent's approved call ended, as the agent reported it. */
export const REQUEST_OUTCOMES = ['succeeded', 'failed'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

type Account = { id: number; login: string };
type DecisionRef = { id: string; decision: Decision; sha: string };

interface ExecutionBase {
  schema: 1;
  kind: 'execution';
  id: string;
  repository: string;
  /** The newest decision of the gate recorded before it ran; absent: none. */
  decision?: DecisionRef;
  /** Whether that decision let the gate pass, for the commit that ran. */
  approved: boolean;
}

export interface MergeExecutionRecord extends ExecutionBase {
  /** What ran: the pull request, and the head commit GitHub merged. */
  subject: { pull_request: number; sha: string; target_branch?: string };
  /** The merge, as GitHub's API tells it (never the webhook's payload). */
  execution: { type: 'merge'; commit: string; by: Account; at: string };
  links: { pull_request?: string };
}

export const DEPLOYMENT_ORIGINS = ['workflow_run', 'api'] as const;
export type DeploymentOrigin = (typeof DEPLOYMENT_ORIGINS)[number];

export interface DeploymentExecutionRecord extends ExecutionBase {
  /** The environment and the commit GitHub deployed (the deployment's `sha` and `ref`). */
  subject: { environment: string; sha: string; ref?: string };
  /**
   * The deployment as GitHub's API tells it: who created it, its first `in_progress` status
   * (`started_at`), and its first terminal status (`status`, at `at`).
   */
  execution: {
    type: 'deployment';
    deployment: number;
    status: DeploymentOutcome;
    by: Account;
    started_at?: string;
    at: string;
    /**
     * Who created it, as GitHub's API ties it: `workflow_run`, the job of a workflow run that
     * waited for the environment's protection rules (its statuses are GitHub Actions' own, and the
     * run is this repository's, of this commit, started by the deployment's creator); `api`, anyone
     * with write access through the REST API, which no protection rule holds: no decision covers
     * it. Absent in records written before it was recorded.
     */
    origin?: DeploymentOrigin;
  };
  /** The deployment (API), its run's log as its final status links it, and the workflow run. */
  links: { deployment?: string; log?: string; workflow_run?: string };
}

export interface RequestExecutionRecord extends ExecutionBase {
  /** The approval issue, its request's hash, and the commit the request was bound to. */
  subject: { issue: number; request: string; sha: string };
  /** The requester's own report on the approval issue: its comment, who wrote it, what it says. */
  execution: {
    type: 'request';
    comment: number;
    status: RequestOutcome;
    by: Account;
    started_at?: string;
    at: string;
  };
  links: { issue?: string; comment?: string };
}

export type ExecutionRecord = MergeExecutionRecord | DeploymentExecutionRecord | RequestExecutionRecord;

const hex = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} hex digits`);
const sha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'expected a commit SHA');
const time = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 time such as 2026-03-02T10:00:00Z',
});

const url = z
  .string()
  .regex(/^https?:\/\/[^\s\\\p{Cc}]+$/iu, 'expected an http(s) URL')
  .exactOptional();
const account = z.strictObject({ id: z.int().positive(), login: z.string().min(1) });
const base = {
  schema: z.literal(1),
  kind: z.literal('execution'),
  id: hex(24),
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name'),
  decision: z.strictObject({ id: hex(24), decision: z.enum(DECISIONS), sha }).exactOptional(),
  approved: z.boolean(),
};

const mergeSchema = z.strictObject({
  ...base,
  subject: z.strictObject({
    pull_request: z.int().positive(),
    sha,
    target_branch: z.string().min(1).exactOptional(),
  }),
  execution: z.strictObject({ type: z.literal('merge'), commit: sha, by: account, at: time }),
  links: z.strictObject({ pull_request: url }),
}) satisfies z.ZodType<MergeExecutionRecord>;

const deploymentSchema = z.strictObject({
  ...base,
  subject: z.strictObject({
    environment: z.string().min(1),
    sha,
    ref: z.string().min(1).exactOptional(),
  }),
  execution: z.strictObject({
    type: z.literal('deployment'),
    deployment: z.int().positive(),
    status: z.enum(DEPLOYMENT_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time,
    origin: z.enum(DEPLOYMENT_ORIGINS).exactOptional(),
  }),
  links: z.strictObject({ deployment: url, log: url, workflow_run: url }),
}) satisfies z.ZodType<DeploymentExecutionRecord>;

const requestSchema = z.strictObject({
  ...base,
  subject: z.strictObject({ issue: z.int().positive(), request: hex(64), sha }),
  execution: z.strictObject({
    type: z.literal('request'),
    comment: z.int().positive(),
    status: z.enum(REQUEST_OUTCOMES),
    by: account,
    started_at: time.exactOptional(),
    at: time,
  }),
  links: z.strictObject({ issue: url, comment: url }),
}) satisfies z.ZodType<RequestExecutionRecord>;

// Read by `execution.type` first, so a problem is reported against the one shape it claims.
const executionSchema = z.object({ execution: z.looseObject({ type: z.enum(EXECUTION_TYPES) }) });
const SCHEMAS = { merge: mergeSchema, deployment: deploymentSchema, request: requestSchema } as const;

/** What an execution's id is derived from: the one thing that ran, whatever is redelivered. */
export type ExecutionKey =
  | { type: 'merge'; repository: string; pullRequest: number; commit: string }
  | { type: 'deployment'; repository: string; deployment: number }
  | { type: 'request'; repository: string; issue: number; comment: number };

/** The key of a record: what its id must be derived from. */
export function createExecutionKey(record: ExecutionRecord): ExecutionKey {
  const { repository } = record;
  switch (record.execution.type) {
    case 'merge':
      return {
        type: 'merge',
        repository,
        pullRequest: (record as MergeExecutionRecord).subject.pull_request,
        commit: record.execution.commit,
      };
    case 'deployment':
      return { type: 'deployment', repository, deployment: record.execution.deployment };
    case 'request':
      return {
        type: 'request',
        repository,
        issue: (record as RequestExecutionRecord).subject.issue,
        comment: record.execution.comment,
      };
  }
}

/** The id of one execution: 24 hex characters of a SHA-256, like a decision's. */
export function createExecutionId(
  key: ExecutionKey | Omit<Extract<ExecutionKey, { type: 'merge' }>, 'type'>,
): string {
  const input: ExecutionKey = 'type' in key ? key : { type: 'merge', ...key };
  const repository = input.repository.toLowerCase();
  // The merge's canonical form is the one the first records were written with: unchanged.
  const canonical =
    input.type === 'merge'
      ? {
          execution: 'merge',
          repository,
          pull_request: input.pullRequest,
          commit: input.commit.toLowerCase(),
        }
      : input.type === 'deployment'
        ? { execution: 'deployment', repository, deployment: input.deployment }
        : { execution: 'request', repository, issue: input.issue, comment: input.comment };
  return bytesToHex(sha256(utf8ToBytes(renderCanonicalJson(canonical)))).slice(0, 24);
}

/** Where an execution record lives: `<logPath>/YYYY/MM/<id>.execution.md`, by the UTC time it ran. */
export function createExecutionRecordPath(record: ExecutionRecord, logPath: string): string {
  const at = new Date(record.execution.at);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${record.execution.at}`);
  if (!/^[0-9a-f]{24}$/.test(record.id)) throw new RangeError(`not an execution id: ${record.id}`);
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const base = logPath.replace(/\/+$/, '');
  return `${base === '' ? '' : `${base}/`}${year}/${month}/${record.id}${EXECUTION_SUFFIX}`;
}

/** Whether a log file is an execution record by its name (the audit parses it as one). */
export function isExecutionRecordPath(path: string): boolean {
  return path.endsWith(EXECUTION_SUFFIX);
}

/** Whether `head` ran approved: the newest decision before it passed, for that commit. */
export function isApprovedMerge(decision: ExecutionRecord['decision'], head: string): boolean {
  return (
    decision !== undefined &&
    PASSING_DECISIONS.includes(decision.decision) &&
    decision.sha.toLowerCase() === head.toLowerCase()
  );
}

/** The merge record of a pull request, from what GitHub says of the merge and the log's decision. */
export function createExecutionRecord(input: {
  repository: string;
  pullRequest: number;
  headSha: string;
  targetBranch?: string;
  mergeCommit: string;
  mergedBy: { id: number; login: string };
  mergedAt: string;
  decision?: { id: string; decision: Decision; sha: string };
  url?: string;
}): MergeExecutionRecord {
  const record: MergeExecutionRecord = {
    schema: EXECUTION_SCHEMA,
    kind: 'execution',
    id: createExecutionId({
      repository: input.repository,
      pullRequest: input.pullRequest,
      commit: input.mergeCommit,
    }),
    repository: input.repository,
    subject: {
      pull_request: input.pullRequest,
      sha: input.headSha,
      ...(input.targetBranch === undefined ? {} : { target_branch: input.targetBranch }),
    },
    execution: {
      type: 'merge',
      commit: input.mergeCommit,
      by: { id: input.mergedBy.id, login: input.mergedBy.login },
      at: input.mergedAt,
    },
    approved: isApprovedMerge(input.decision, input.headSha),
    links: input.url === undefined ? {} : { pull_request: input.url },
  };
  if (input.decision !== undefined) record.decision = { ...input.decision };
  return record;
}

/** The record of a completed deployment, from GitHub's API and the decision of its gate. */
export function createDeploymentExecutionRecord(input: {
  repository: string;
  deployment: number;
  environment: string;
  sha: string;
  ref?: string;
  status: DeploymentOutcome;
  by: Account;
  startedAt?: string;
  completedAt: string;
  origin: DeploymentOrigin;
  decision?: DecisionRef;
  links?: DeploymentExecutionRecord['links'];
}): DeploymentExecutionRecord {
  // A deployment created through the API ran under no decision, whatever its gate decided.
  const decision = input.origin === 'workflow_run' ? input.decision : undefined;
  const record: DeploymentExecutionRecord = {
    schema: EXECUTION_SCHEMA,
    kind: 'execution',
    id: createExecutionId({ type: 'deployment', repository: input.repository, deployment: input.deployment }),
    repository: input.repository,
    subject: {
      environment: input.environment,
      sha: input.sha,
      ...(input.ref === undefined ? {} : { ref: input.ref }),
    },
    execution: {
      type: 'deployment',
      deployment: input.deployment,
      status: input.status,
      by: { id: input.by.id, login: input.by.login },
      ...(input.startedAt === undefined ? {} : { started_at: input.startedAt }),
      at: input.completedAt,
      origin: input.origin,
    },
    approved: isApprovedMerge(decision, input.sha),
    links: { ...input.links },
  };
  if (decision !== undefined) record.decision = { ...decision };
  return record;
}

/** The record of an agent's report that an approved request ran, and the decision it followed. */
export function createRequestExecutionRecord(input: {
  repository: string;
  issue: number;
  request: string;
  sha: string;
  comment: number;
  status: RequestOutcome;
  by: Account;
  startedAt?: string;
  completedAt: string;
  decision?: DecisionRef;
  links?: RequestExecutionRecord['links'];
}): RequestExecutionRecord {
  const record: RequestExecutionRecord = {
    schema: EXECUTION_SCHEMA,
    kind: 'execution',
    id: createExecutionId({
      type: 'request',
      repository: input.repository,
      issue: input.issue,
      comment: input.comment,
    }),
    repository: input.repository,
    subject: { issue: input.issue, request: input.request, sha: input.sha },
    execution: {
      type: 'request',
      comment: input.comment,
      status: input.status,
      by: { id: input.by.id, login: input.by.login },
      ...(input.startedAt === undefined ? {} : { started_at: input.startedAt }),
      at: input.completedAt,
    },
    approved: isApprovedMerge(input.decision, input.sha),
    links: { ...input.links },
  };
  if (input.decision !== undefined) record.decision = { ...input.decision };
  return record;
}

/** When it ran, for ordering against decisions: when it started, when known, else when it ended. */
export function readExecutionStart(record: ExecutionRecord): string {
  const { execution } = record;
  return execution.type !== 'merge' && execution.started_at !== undefined
    ? execution.started_at
    : execution.at;
}

const KEY_ORDER: readonly (keyof ExecutionRecord)[] = [
  'schema',
  'kind',
  'id',
  'repository',
  'subject',
  'execution',
  'decision',
  'approved',
  'links',
];

/** The log file: YAML front matter, then a few readable lines. The front matter is the record. */
export function renderExecutionRecord(record: ExecutionRecord): string {
  const ordered = Object.fromEntries(
    KEY_ORDER.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  );
  // As in decision records: a bidi control (a branch name may hold one) is written as `\u202E`
  // inside a double-quoted scalar, so the file cannot reorder itself on screen.
  const document = new Document(ordered, { aliasDuplicateObjects: false });
  const unsafe = new RegExp(BIDI_CONTROLS.source);
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && unsafe.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const front = document
    .toString({ lineWidth: 0 })
    .replace(BIDI_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `---\n${front}---\n\n${renderExecutionBody(record).join('\n')}\n`;
}

function renderDecisionLine(decision: ExecutionRecord['decision'], before: string): string {
  return decision === undefined
    ? `- **Decision:** none: no decision of the gate was recorded before ${before}`
    : `- **Decision:** ${decision.decision}, ${renderCode(decision.id)}, for commit ${renderCode(decision.sha)}`;
}

/** A few readable lines under the front matter; every value from outside is escaped. */
function renderExecutionBody(record: ExecutionRecord): string[] {
  const by = (account: Account) => `${escapeMarkdownInline(account.login)} (id ${account.id})`;
  switch (record.execution.type) {
    case 'merge': {
      const { subject, execution } = record as MergeExecutionRecord;
      return [
        `# Merged: pull request #${subject.pull_request}`,
        '',
        `- **Merged head:** commit ${renderCode(subject.sha)}${subject.target_branch === undefined ? '' : ` into ${renderCode(subject.target_branch)}`}`,
        `- **Merge commit:** ${renderCode(execution.commit)}`,
        `- **Merged by:** ${by(execution.by)} at ${execution.at}`,
        renderDecisionLine(record.decision, 'the merge'),
        `- **Approved commit merged:** ${record.approved ? 'yes' : 'no'}`,
      ];
    }
    case 'deployment': {
      const { subject, execution } = record as DeploymentExecutionRecord;
      return [
        `# Deployed: ${escapeMarkdownInline(subject.environment, 200)} (${execution.status})`,
        '',
        `- **Deployed:** commit ${renderCode(subject.sha)}${subject.ref === undefined ? '' : ` (${renderCode(subject.ref)})`}, deployment ${execution.deployment}`,
        `- **Triggered by:** ${by(execution.by)}${execution.origin === 'api' ? ', through the REST API (no protection rule held it)' : execution.origin === 'workflow_run' ? ', in a workflow run' : ''}`,
        `- **Started:** ${execution.started_at ?? 'not reported'}; **completed:** ${execution.at}`,
        renderDecisionLine(record.decision, 'the deployment'),
        `- **Approved commit deployed:** ${record.approved ? 'yes' : 'no'}`,
      ];
    }
    case 'request': {
      const { subject, execution } = record as RequestExecutionRecord;
      return [
        `# Ran: the request of approval issue #${subject.issue} (${execution.status})`,
        '',
        `- **Request:** ${renderCode(subject.request)}, for commit ${renderCode(subject.sha)}`,
        `- **Reported by:** ${by(execution.by)} in comment ${execution.comment}`,
        `- **Started:** ${execution.started_at ?? 'not reported'}; **completed:** ${execution.at}`,
        renderDecisionLine(record.decision, 'it ran'),
        `- **Approved request ran:** ${record.approved ? 'yes' : 'no'}`,
      ];
    }
  }
}

/** An execution file read back: the front matter, validated strictly. The body is ignored. */
export function parseExecutionRecord(source: string): { record: ExecutionRecord } | { error: string } {
  const typed = parseRecordFile(source, executionSchema);
  if ('error' in typed) return typed;
  const schema = SCHEMAS[typed.data.execution.type] as unknown as z.ZodType<ExecutionRecord>;
  const read = parseRecordFile(source, schema);
  return 'error' in read ? read : { record: read.data };
}

/** The subject line of the commit that writes an execution record. */
function renderExecutionSubject(record: ExecutionRecord): string {
  const by = record.execution.by.login;
  switch (record.execution.type) {
    case 'merge':
      return `gatehouse: merged #${(record as MergeExecutionRecord).subject.pull_request} by ${by}`;
    case 'deployment':
      return `gatehouse: deployed ${(record as DeploymentExecutionRecord).subject.environment} (${record.execution.status}) by ${by}`;
    case 'request':
      return `gatehouse: ran the request of #${(record as RequestExecutionRecord).subject.issue} (${record.execution.status}) by ${by}`;
  }
}

/**
 * `gatehouse: merged #7 by dave` (`deployed production (success) by dave`, `ran the request of
 * #12 (succeeded) by claude-agent`), then trailers. No `Gatehouse-Decision` trailer: the readers
 * of decision commits (precedent, the log writer) pass over an execution commit.
 */
export function renderExecutionCommitMessage(record: ExecutionRecord): string {
  const subject = renderPlainText(renderExecutionSubject(record), 200);
  const trailers = [
    `Gatehouse-Execution: ${record.execution.type}`,
    `Gatehouse-Execution-Id: ${record.id}`,
    ...(record.decision === undefined ? [] : [`Gatehouse-Execution-Of: ${record.decision.id}`]),
    `Gatehouse-Approved: ${record.approved}`,
  ];
  return `${subject}\n\n${trailers.join('\n')}`;
}
