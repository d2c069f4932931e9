// Execution records (issue 12): what happened after a decision. A decision record is never
// edited (the log is append-only and anchored), so the merge of a gated pull request is a record
// of its own on the log branch: `<log.path>/YYYY/MM/<id>.execution.md`, next to the decisions,
// naming the decision it followed. Its id is derived from the repository, the pull request and
// the merge commit, so a redelivered event names the same file and writes nothing new.
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

export interface ExecutionRecord {
  schema: 1;
  kind: 'execution';
  id: string;
  repository: string;
  /** What ran: the pull request, and the head commit GitHub merged. */
  subject: { pull_request: number; sha: string; target_branch?: string };
  /** The merge, as GitHub's API tells it (never the webhook's payload). */
  execution: { type: 'merge'; commit: string; by: { id: number; login: string }; at: string };
  /** The newest decision of the pull request's gate recorded before the merge; absent: none. */
  decision?: { id: string; decision: Decision; sha: string };
  /** Whether that decision let the gate pass, for the commit that was merged. */
  approved: boolean;
  links: { pull_request?: string };
}

const hex = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} hex digits`);
const sha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'expected a commit SHA');
const time = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 time such as 2026-03-02T10:00:00Z',
});

const executionSchema = z.strictObject({
  schema: z.literal(1),
  kind: z.literal('execution'),
  id: hex(24),
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name'),
  subject: z.strictObject({
    pull_request: z.int().positive(),
    sha,
    target_branch: z.string().min(1).exactOptional(),
  }),
  execution: z.strictObject({
    type: z.literal('merge'),
    commit: sha,
    by: z.strictObject({ id: z.int().positive(), login: z.string().min(1) }),
    at: time,
  }),
  decision: z.strictObject({ id: hex(24), decision: z.enum(DECISIONS), sha }).exactOptional(),
  approved: z.boolean(),
  links: z.strictObject({
    pull_request: z
      .string()
      .regex(/^https?:\/\/[^\s\\\p{Cc}]+$/iu, 'expected an http(s) URL')
      .exactOptional(),
  }),
}) satisfies z.ZodType<ExecutionRecord>;

/** The id of one merge of one pull request: 24 hex characters of a SHA-256, like a decision's. */
export function createExecutionId(input: {
  repository: string;
  pullRequest: number;
  commit: string;
}): string {
  return bytesToHex(
    sha256(
      utf8ToBytes(
        renderCanonicalJson({
          execution: 'merge',
          repository: input.repository.toLowerCase(),
          pull_request: input.pullRequest,
          commit: input.commit.toLowerCase(),
        }),
      ),
    ),
  ).slice(0, 24);
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

/** Whether a merge of `head` was approved: the newest decision before it passed, for that commit. */
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
}): ExecutionRecord {
  const record: ExecutionRecord = {
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
  const { subject, execution, decision } = record;
  const lines = [
    `# Merged: pull request #${subject.pull_request}`,
    '',
    `- **Merged head:** commit ${renderCode(subject.sha)}${subject.target_branch === undefined ? '' : ` into ${renderCode(subject.target_branch)}`}`,
    `- **Merge commit:** ${renderCode(execution.commit)}`,
    `- **Merged by:** ${escapeMarkdownInline(execution.by.login)} (id ${execution.by.id}) at ${execution.at}`,
    decision === undefined
      ? '- **Decision:** none: no decision of the gate was recorded before the merge'
      : `- **Decision:** ${decision.decision}, ${renderCode(decision.id)}, for commit ${renderCode(decision.sha)}`,
    `- **Approved commit merged:** ${record.approved ? 'yes' : 'no'}`,
  ];
  return `---\n${front}---\n\n${lines.join('\n')}\n`;
}

/** An execution file read back: the front matter, validated strictly. The body is ignored. */
export function parseExecutionRecord(source: string): { record: ExecutionRecord } | { error: string } {
  const read = parseRecordFile(source, executionSchema);
  return 'error' in read ? read : { record: read.data };
}

/**
 * `gatehouse: merged #7 by dave`, then trailers. No `Gatehouse-Decision` trailer: the readers of
 * decision commits (precedent, the log writer) pass over an execution commit.
 */
export function renderExecutionCommitMessage(record: ExecutionRecord): string {
  const subject = renderPlainText(
    `gatehouse: merged #${record.subject.pull_request} by ${record.execution.by.login}`,
    200,
  );
  const trailers = [
    'Gatehouse-Execution: merge',
    `Gatehouse-Execution-Id: ${record.id}`,
    ...(record.decision === undefined ? [] : [`Gatehouse-Execution-Of: ${record.decision.id}`]),
    `Gatehouse-Approved: ${record.approved}`,
  ];
  return `${subject}\n\n${trailers.join('\n')}`;
}
