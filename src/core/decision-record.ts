// The decision log (DESIGN §5): one Markdown file per decision, YAML front matter for machines
// (audits, precedent) and a readable body for people. The front matter is the record; the body
// is rendered from it and never read back.
import { Document, parseDocument, Scalar, visit } from 'yaml';
import { z } from 'zod';
import { createDecisionId, hashRequest } from './decision-id.ts';
import {
  BIDI_CONTROLS,
  escapeMarkdownInline,
  renderCode,
  renderPlainText,
  renderUntrustedBlock,
} from './escape.ts';
import type { GateResult, PriorDecision, Request } from './model.ts';
import { evaluateReadiness } from './readiness.ts';
import {
  createCheckName,
  DECISIONS,
  type Decision,
  GATE_KINDS,
  type GateKind,
  LEVELS,
  type Level,
  REQUIREMENTS,
  type Requirement,
  STATEMENT_SOURCES,
  type StatementSource,
  TIERS,
  type Tier,
} from './registry.ts';
import { parseYamlSubset } from './yaml-subset.ts';

/**
 * The front matter's version. 2 added the approvers' notes (`approvers[].note`); a record of
 * schema 1 carries none, so in schema 2 a missing note means the approver wrote none. Both parse.
 */
export const RECORD_SCHEMA = 2;

/** Characters of an approver's note kept in a record; the rest is cut and said to be. */
export const NOTE_MAX_CHARS = 2_000;

export interface DecisionRecord {
  schema: 1 | 2;
  id: string;
  repository: string;
  /** `into`: the pull request's base, when it is not the default branch (its check's name says so). */
  gate: { kind: GateKind; check: string; environment?: string; into?: string };
  subject: {
    sha: string;
    pull_request?: number;
    target_branch?: string;
    /** How many files the change touched, when GitHub listed all of them (audits: diff size). */
    changed_files?: number;
    url?: string;
  };
  request: {
    hash: string;
    action: string;
    kind?: string;
    spec?: string;
    /**
     * What the request lacked or left too vague, by the readiness standard, whether or not its
     * rules required it: `[rollback_plan]`. Empty when complete; absent in older records.
     */
    missing?: Requirement[];
  };
  tier: Tier;
  level: Level;
  rules: string[];
  decision: Decision;
  approvers: {
    id: number;
    login: string;
    at: string;
    via: StatementSource;
    option?: string;
    /** What the approver wrote with the approval (schema 2): `/approve b <note>`, a review's body. */
    note?: string;
  }[];
  rejected_by?: { id: number; login: string };
  /** Who asked for changes, when the decision is `changes_requested`. */
  modified_by?: { id: number; login: string };
  times: { requested_at: string; decided_at: string; effective_at?: string; deadline?: string };
  links: { check_run?: string; comment?: string; pull_request?: string; workflow_run?: string };
  reason?: string;
  /** The key of the option the decision picked (`b`). */
  option?: string;
  modifications?: string;
  requester: { id: number; login: string; type: string };
  on_behalf_of?: { id: number; login: string };
  /** The agent that asked (`gatehouse ask --agent`), as it named itself: provenance. */
  agent?: string;
}

// ---------------------------------------------------------------------------------------------
// Schema: strict, so an audit notices a hand-edited or foreign file instead of guessing.

// Patterns shared by the schema and the fast check below, so the two cannot drift apart.
const ID = /^[0-9a-f]{24}$/;
const HASH = /^[0-9a-f]{64}$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const hex = (pattern: RegExp, length: number) => z.string().regex(pattern, `expected ${length} hex digits`);
const text = z.string().min(1, 'expected a non-empty string');
const time = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 time such as 2026-03-02T10:00:00Z',
});
/**
 * An http(s) URL with a host, written as one: GitHub Enterprise Server may be at an IP address or
 * a one-label name, with a port, so the host is not required to look like a public domain (as
 * z.httpUrl requires). The scheme and `//` are checked on the text, since the URL parser forgives
 * `http:host` and backslashes; whitespace and control characters are refused, since it drops them.
 */
function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s\\\p{Cc}]+$/iu.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}
const link = z.string().refine(isHttpUrl, 'expected an http(s) URL');
const person = z.strictObject({ id: z.int().positive(), login: text });

export const decisionRecordSchema = z
  .strictObject({
    schema: z.union([z.literal(1), z.literal(2)]),
    id: hex(ID, 24),
    repository: z.string().regex(REPOSITORY, 'expected owner/name'),
    gate: z.strictObject({
      kind: z.enum(GATE_KINDS),
      check: text,
      environment: text.exactOptional(),
      into: text.exactOptional(),
    }),
    subject: z.strictObject({
      sha: z.string().regex(COMMIT_SHA, 'expected a commit SHA'),
      pull_request: z.int().positive().exactOptional(),
      target_branch: text.exactOptional(),
      changed_files: z.int().nonnegative().exactOptional(),
      url: link.exactOptional(),
    }),
    request: z.strictObject({
      hash: hex(HASH, 64),
      action: z.string(),
      kind: text.exactOptional(),
      spec: text.exactOptional(),
      missing: z.array(z.enum(REQUIREMENTS)).exactOptional(),
    }),
    tier: z.enum(TIERS),
    level: z.enum(LEVELS),
    rules: z.array(text),
    decision: z.enum(DECISIONS),
    approvers: z.array(
      z.strictObject({
        id: z.int().positive(),
        login: text,
        at: time,
        via: z.enum(STATEMENT_SOURCES),
        option: text.exactOptional(),
        note: text.exactOptional(),
      }),
    ),
    rejected_by: person.exactOptional(),
    modified_by: person.exactOptional(),
    times: z.strictObject({
      requested_at: time,
      decided_at: time,
      effective_at: time.exactOptional(),
      deadline: time.exactOptional(),
    }),
    links: z.strictObject({
      check_run: link.exactOptional(),
      comment: link.exactOptional(),
      pull_request: link.exactOptional(),
      workflow_run: link.exactOptional(),
    }),
    reason: z.string().exactOptional(),
    option: text.exactOptional(),
    modifications: z.string().exactOptional(),
    requester: z.strictObject({ id: z.int().positive(), login: text, type: text }),
    on_behalf_of: person.exactOptional(),
    agent: text.exactOptional(),
  })
  .superRefine((record, context) => {
    // A field newer than the record's schema is a hand edit or a foreign writer, not a record.
    if (record.schema !== 1) return;
    record.approvers.forEach((approver, index) => {
      if (approver.note !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['approvers', index, 'note'],
          message: 'not a field of schema 1 (notes came with schema 2)',
        });
    });
  }) satisfies z.ZodType<DecisionRecord>;

// Both directions, so the interface and the schema cannot drift apart.
const recordTypeCheck: z.infer<typeof decisionRecordSchema> extends DecisionRecord ? true : never = true;
void recordTypeCheck;

// ---------------------------------------------------------------------------------------------
// A fast check. zod stays the source of truth and of every error message, but it is a good part
// of an audit of 10,000 records. This accepts only front matter it is certain the schema accepts,
// and builds what zod would return (new objects, keys in the schema's order); on anything else it
// returns undefined and zod decides. A property test compares both over damaged records.

type Data = Record<string, unknown>;

/** The pattern zod checks times against, read from the schema itself (undefined: no fast check). */
const TIME = (time as unknown as { _zod?: { def?: { pattern?: unknown } } })._zod?.def?.pattern;

const isPlain = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isPositiveInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && TIME instanceof RegExp && TIME.test(value);
const isLink = (value: unknown): value is string => typeof value === 'string' && isHttpUrl(value);
const matches = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const isOneOf = (list: readonly string[]) => (value: unknown) =>
  typeof value === 'string' && list.includes(value);

/** An array of valid items; every index is visited, so a hole counts as `undefined` (as zod reads it). */
function isListOf(value: unknown, valid: (item: unknown) => boolean): value is unknown[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!valid(value[index])) return false;
  return true;
}

/** Every key of `value` is one of `keys`, as a strict object wants. */
function hasOnly(value: Data, keys: readonly string[]): boolean {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}

/** Copies `key` when present and valid; false when present and not. */
function copyOptional(from: Data, to: Data, key: string, valid: (value: unknown) => boolean): boolean {
  if (!Object.hasOwn(from, key)) return true;
  if (!valid(from[key])) return false;
  to[key] = from[key];
  return true;
}

/** A strict object of optional fields only (times, links), else undefined. */
function readFields(value: unknown, fields: Record<string, (value: unknown) => boolean>): Data | undefined {
  if (!isPlain(value) || !hasOnly(value, Object.keys(fields))) return undefined;
  const out: Data = {};
  for (const [key, valid] of Object.entries(fields))
    if (!copyOptional(value, out, key, valid)) return undefined;
  return out;
}

function readPerson(value: unknown): Data | undefined {
  if (!isPlain(value) || !hasOnly(value, ['id', 'login'])) return undefined;
  return isPositiveInt(value.id) && isText(value.login) ? { id: value.id, login: value.login } : undefined;
}

const RECORD_KEYS = Object.keys(decisionRecordSchema.shape);
const isGateKind = isOneOf(GATE_KINDS);
const isVia = isOneOf(STATEMENT_SOURCES);
const isRequirement = isOneOf(REQUIREMENTS);
const TIMES = { requested_at: isTime, decided_at: isTime, effective_at: isTime, deadline: isTime };
const LINKS = { check_run: isLink, comment: isLink, pull_request: isLink, workflow_run: isLink };

function readApprover(value: unknown, schema: unknown): Data | undefined {
  if (!isPlain(value) || !hasOnly(value, ['id', 'login', 'at', 'via', 'option', 'note'])) return undefined;
  if (!isPositiveInt(value.id) || !isText(value.login) || !isTime(value.at) || !isVia(value.via))
    return undefined;
  const out: Data = { id: value.id, login: value.login, at: value.at, via: value.via };
  if (!copyOptional(value, out, 'option', isText)) return undefined;
  // Notes came with schema 2: the schema's refinement refuses one in a schema 1 record.
  if (schema === 1 && Object.hasOwn(value, 'note')) return undefined;
  return copyOptional(value, out, 'note', isText) ? out : undefined;
}

/** The record exactly as `decisionRecordSchema` would return it, or undefined: ask zod. */
export function readValidRecord(data: unknown): DecisionRecord | undefined {
  if (!isPlain(data) || !hasOnly(data, RECORD_KEYS)) return undefined;
  const { schema, gate, subject, request, rules, approvers } = data;
  if (schema !== 1 && schema !== 2) return undefined;
  if (!matches(ID)(data.id) || !matches(REPOSITORY)(data.repository)) return undefined;
  if (!isPlain(gate) || !hasOnly(gate, ['kind', 'check', 'environment', 'into'])) return undefined;
  if (!isGateKind(gate.kind) || !isText(gate.check)) return undefined;
  const outGate: Data = { kind: gate.kind, check: gate.check };
  if (!copyOptional(gate, outGate, 'environment', isText) || !copyOptional(gate, outGate, 'into', isText))
    return undefined;
  if (
    !isPlain(subject) ||
    !hasOnly(subject, ['sha', 'pull_request', 'target_branch', 'changed_files', 'url'])
  )
    return undefined;
  if (!matches(COMMIT_SHA)(subject.sha)) return undefined;
  const outSubject: Data = { sha: subject.sha };
  if (
    !copyOptional(subject, outSubject, 'pull_request', isPositiveInt) ||
    !copyOptional(subject, outSubject, 'target_branch', isText) ||
    !copyOptional(subject, outSubject, 'changed_files', isCount) ||
    !copyOptional(subject, outSubject, 'url', isLink)
  )
    return undefined;
  if (!isPlain(request) || !hasOnly(request, ['hash', 'action', 'kind', 'spec', 'missing'])) return undefined;
  if (!matches(HASH)(request.hash) || typeof request.action !== 'string') return undefined;
  const outRequest: Data = { hash: request.hash, action: request.action };
  if (
    !copyOptional(request, outRequest, 'kind', isText) ||
    !copyOptional(request, outRequest, 'spec', isText)
  )
    return undefined;
  if (Object.hasOwn(request, 'missing')) {
    const { missing } = request;
    if (!isListOf(missing, isRequirement)) return undefined;
    outRequest.missing = [...missing];
  }
  if (!isOneOf(TIERS)(data.tier) || !isOneOf(LEVELS)(data.level) || !isOneOf(DECISIONS)(data.decision))
    return undefined;
  if (!isListOf(rules, isText) || !Array.isArray(approvers)) return undefined;
  const outApprovers: Data[] = [];
  for (let index = 0; index < approvers.length; index++) {
    const read = readApprover(approvers[index], schema);
    if (read === undefined) return undefined;
    outApprovers.push(read);
  }
  const out: Data = {
    schema,
    id: data.id,
    repository: data.repository,
    gate: outGate,
    subject: outSubject,
    request: outRequest,
    tier: data.tier,
    level: data.level,
    rules: [...rules],
    decision: data.decision,
    approvers: outApprovers,
  };
  for (const key of ['rejected_by', 'modified_by'] as const) {
    if (!Object.hasOwn(data, key)) continue;
    const person = readPerson(data[key]);
    if (person === undefined) return undefined;
    out[key] = person;
  }
  const times = readFields(data.times, TIMES);
  if (times === undefined || !Object.hasOwn(times, 'requested_at') || !Object.hasOwn(times, 'decided_at'))
    return undefined;
  const links = readFields(data.links, LINKS);
  if (links === undefined) return undefined;
  out.times = times;
  out.links = links;
  if (
    !copyOptional(data, out, 'reason', (value) => typeof value === 'string') ||
    !copyOptional(data, out, 'option', isText) ||
    !copyOptional(data, out, 'modifications', (value) => typeof value === 'string')
  )
    return undefined;
  const { requester } = data;
  if (!isPlain(requester) || !hasOnly(requester, ['id', 'login', 'type'])) return undefined;
  if (!isPositiveInt(requester.id) || !isText(requester.login) || !isText(requester.type)) return undefined;
  out.requester = { id: requester.id, login: requester.login, type: requester.type };
  if (Object.hasOwn(data, 'on_behalf_of')) {
    const person = readPerson(data.on_behalf_of);
    if (person === undefined) return undefined;
    out.on_behalf_of = person;
  }
  if (!copyOptional(data, out, 'agent', isText)) return undefined;
  return out as unknown as DecisionRecord;
}

// ---------------------------------------------------------------------------------------------
// Building a record.

/**
 * The words for why a gate ended where it did: a rejection's reason, else the evaluator's own
 * reason (waiver, timeout outcome), else one derived from the result.
 */
function describeReason(result: GateResult): string | undefined {
  if (result.rejection) return result.rejection.reason;
  if (result.reason !== undefined) return result.reason;
  const [tampered] = result.tampering;
  if (tampered) {
    return `edited approval comment: comment ${tampered.statementId} by ${tampered.author.login} was edited by ${tampered.editor.login}`;
  }
  if (result.problems.length > 0) return result.problems.join('; ');
  switch (result.state) {
    case 'expired':
      return result.deadline === undefined
        ? 'no decision before the deadline'
        : `no decision before ${result.deadline}`;
    case 'escalated':
      return `no decision before the deadline: escalated to ${result.escalation?.to.join(', ') ?? 'the backup approvers'}`;
    case 'auto_approved':
      return result.risk.waived ?? `${result.risk.tier} tier: low risk`;
    case 'notified':
      return result.risk.waived ?? `${result.risk.tier} tier: proceeds and is recorded`;
    case 'pending':
      return result.readiness.ready
        ? undefined
        : `not ready for approval: ${result.readiness.missing.map((gap) => gap.problem).join(', ')}`;
    default:
      return undefined;
  }
}

/** Every requirement, asked of every request, so the record says what each one lacked. */
const EVERY_REQUIREMENT = REQUIREMENTS.map((requirement) => ({ requirement, rule: '' }));

/** Assigns only the values that are defined, as `exactOptionalPropertyTypes` wants. */
function defined<T extends object>(values: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A note as the record keeps it: trimmed, at most NOTE_MAX_CHARS characters (code points, so no
 * pair is split), the cut said in the text; undefined when nothing is left.
 */
export function boundNote(note: string | undefined): string | undefined {
  const trimmed = note?.trim() ?? '';
  if (trimmed === '') return undefined;
  const chars = Array.from(trimmed);
  if (chars.length <= NOTE_MAX_CHARS) return trimmed;
  return `${chars.slice(0, NOTE_MAX_CHARS).join('').trimEnd()} … (cut: ${chars.length - NOTE_MAX_CHARS} more characters)`;
}

export function createDecisionRecord(
  request: Request,
  result: GateResult,
  context: { decidedAt: string; requestedAt: string; links?: DecisionRecord['links'] },
): DecisionRecord {
  const check = createCheckName(request.gate.environment, request.gate.into);
  const requestHash = hashRequest(request);
  const id = createDecisionId({
    repository: request.repository,
    gate: check,
    sha: request.subject.sha,
    requestHash,
    decision: result.state,
  });
  const modifier = result.state === 'changes_requested' ? result.modification?.by : undefined;
  return defined<DecisionRecord>({
    schema: RECORD_SCHEMA,
    id,
    repository: request.repository,
    gate: defined<DecisionRecord['gate']>({
      kind: request.gate.kind,
      check,
      environment: request.gate.environment,
      into: request.gate.into,
    }),
    subject: defined<DecisionRecord['subject']>({
      sha: request.subject.sha,
      pull_request: request.subject.pullRequest,
      target_branch: request.subject.targetBranch,
      changed_files: request.files.complete ? request.files.paths.length : undefined,
      url: request.subject.url,
    }),
    request: defined<DecisionRecord['request']>({
      hash: requestHash,
      action: request.action?.text ?? '',
      kind: request.kind,
      spec: request.spec?.path,
      missing: evaluateReadiness(request, EVERY_REQUIREMENT).missing.map((gap) => gap.requirement),
    }),
    tier: result.risk.tier,
    level: result.risk.level,
    rules: result.risk.rules.map((rule) => rule.name),
    decision: result.state,
    approvers: result.approvers.map((approval) =>
      defined<DecisionRecord['approvers'][number]>({
        id: approval.approver.id,
        login: approval.approver.login,
        at: approval.at,
        via: approval.source,
        option: approval.option,
        note: boundNote(approval.note),
      }),
    ),
    rejected_by: result.rejection
      ? { id: result.rejection.by.id, login: result.rejection.by.login }
      : undefined,
    modified_by: modifier ? { id: modifier.id, login: modifier.login } : undefined,
    times: defined<DecisionRecord['times']>({
      requested_at: context.requestedAt,
      decided_at: context.decidedAt,
      effective_at: result.effectiveAt,
      deadline: result.deadline,
    }),
    links: defined<DecisionRecord['links']>({ ...context.links }),
    reason: describeReason(result),
    option: result.option?.key,
    modifications: result.modification?.instructions,
    requester: { id: request.requester.id, login: request.requester.login, type: request.requester.type },
    on_behalf_of: request.onBehalfOf
      ? { id: request.onBehalfOf.id, login: request.onBehalfOf.login }
      : undefined,
    agent: request.agent,
  });
}

// ---------------------------------------------------------------------------------------------
// The file.

/** Front matter keys in this order, always, so diffs between records stay readable. */
const KEY_ORDER: readonly (keyof DecisionRecord)[] = [
  'schema',
  'id',
  'repository',
  'gate',
  'subject',
  'request',
  'tier',
  'level',
  'rules',
  'decision',
  'option',
  'approvers',
  'rejected_by',
  'modified_by',
  'reason',
  'modifications',
  'times',
  'links',
  'requester',
  'on_behalf_of',
  'agent',
];

// Escaped in YAML (`\u202E`) rather than written raw, so the file cannot reorder itself on screen.
const UNSAFE_IN_YAML = new RegExp(BIDI_CONTROLS.source);

function renderFrontMatter(record: DecisionRecord): string {
  const ordered = Object.fromEntries(
    KEY_ORDER.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  );
  const document = new Document(ordered, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && UNSAFE_IN_YAML.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Bidi controls now sit only inside double-quoted scalars, where `\uXXXX` is an escape.
  return document
    .toString({ lineWidth: 0 })
    .replace(BIDI_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const DECISION_HEADINGS: Record<Decision, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  auto_approved: 'Auto-approved',
  notified: 'Proceeded (notify tier)',
  delayed: 'Approved with a delay',
  changes_requested: 'Changes requested',
  escalated: 'Escalated',
};

function renderLink(label: string, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (!/^https?:\/\//.test(url)) return `${label}: ${renderCode(url)}`;
  return `[${label}](${url.replace(/[\s<>()\\[\]`]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`)})`;
}

/** An ISO time as it is (nothing in one can form Markdown mid-line); anything else escaped. */
function renderTime(time: string): string {
  return /^[\dT:.+Z-]+$/.test(time) ? time : escapeMarkdownInline(time);
}

function renderPerson(person: { id: number; login: string }): string {
  return `${escapeMarkdownInline(person.login)} (id ${person.id})`;
}

function renderBody(record: DecisionRecord): string {
  const lines: string[] = [];
  const item = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') lines.push(`- **${label}:** ${value}`);
  };
  const action = escapeMarkdownInline(record.request.action);
  lines.push(`# ${DECISION_HEADINGS[record.decision]}: ${action === '' ? 'no action stated' : action}`, '');

  lines.push('## Request', '');
  item('Action', action || '_not stated_');
  item('Kind', record.request.kind === undefined ? undefined : escapeMarkdownInline(record.request.kind));
  item(
    'Gate',
    `${renderCode(record.gate.check)} (${record.gate.kind.replace('_', ' ')}) in ${renderCode(record.repository)}`,
  );
  const subject = [`commit ${renderCode(record.subject.sha)}`];
  if (record.subject.pull_request !== undefined) subject.push(`pull request #${record.subject.pull_request}`);
  if (record.subject.target_branch !== undefined)
    subject.push(`into ${renderCode(record.subject.target_branch)}`);
  const files = record.subject.changed_files;
  if (files !== undefined) subject.push(`${files} changed ${files === 1 ? 'file' : 'files'}`);
  item('Subject', subject.join(', '));
  item('Spec', record.request.spec === undefined ? undefined : renderCode(record.request.spec));
  const missing = record.request.missing ?? [];
  item(
    'Missing',
    missing.length === 0 ? undefined : missing.map((name) => name.replace('_', ' ')).join(', '),
  );
  item(
    'Requested by',
    `${renderPerson(record.requester)}, ${escapeMarkdownInline(record.requester.type)}` +
      (record.on_behalf_of ? `, on behalf of ${renderPerson(record.on_behalf_of)}` : '') +
      (record.agent ? `, agent ${escapeMarkdownInline(record.agent)}` : ''),
  );
  item('Request hash', renderCode(record.request.hash));
  item(
    'Risk',
    `tier ${record.tier}, level ${record.level}; rules: ${
      record.rules.length === 0
        ? 'none matched'
        : record.rules.map((rule) => escapeMarkdownInline(rule)).join(', ')
    }`,
  );
  lines.push('');

  lines.push('## Approval', '');
  item(
    'Decision',
    `${record.decision}${record.option === undefined ? '' : `, option ${escapeMarkdownInline(record.option)}`}`,
  );
  if (record.approvers.length > 0) {
    lines.push('- **Approved by:**');
    for (const approver of record.approvers) {
      lines.push(
        `  - ${renderPerson(approver)} at ${renderTime(approver.at)} via ${approver.via.replace('_', ' ')}` +
          (approver.option === undefined ? '' : `, option ${escapeMarkdownInline(approver.option)}`),
      );
    }
  }
  // Each approver's own words, quoted and escaped: Markdown, HTML, mentions and `---` stay text.
  for (const approver of record.approvers) {
    if (approver.note === undefined) continue;
    const quoted = renderUntrustedBlock(approver.note, NOTE_MAX_CHARS * 5)
      .split('\n')
      .map((line) => (line === '' ? '>' : `> ${line}`))
      .join('\n');
    lines.push('', `**Note from ${renderPerson(approver)}**`, '', quoted);
  }
  if (record.approvers.some((approver) => approver.note !== undefined)) lines.push('');
  item('Rejected by', record.rejected_by && renderPerson(record.rejected_by));
  item('Changes requested by', record.modified_by && renderPerson(record.modified_by));
  if (record.reason !== undefined)
    lines.push('', '**Reason**', '', renderUntrustedBlock(record.reason, 20_000) || '_none given_');
  if (record.modifications !== undefined) {
    lines.push(
      '',
      '**Requested changes**',
      '',
      renderUntrustedBlock(record.modifications, 20_000) || '_none given_',
    );
  }
  lines.push('');

  lines.push('## Execution', '');
  item('Requested at', renderTime(record.times.requested_at));
  item('Decided at', renderTime(record.times.decided_at));
  item('Effective at', record.times.effective_at && renderTime(record.times.effective_at));
  item('Deadline', record.times.deadline && renderTime(record.times.deadline));
  const links = [
    renderLink('check run', record.links.check_run),
    renderLink('comment', record.links.comment),
    renderLink('pull request', record.links.pull_request),
    renderLink('workflow run', record.links.workflow_run),
  ].filter((entry) => entry !== undefined);
  item('Links', links.length === 0 ? undefined : links.join(' · '));
  return `${lines.join('\n')}\n`;
}

/** The log file: `---`, YAML front matter in a fixed key order, `---`, then a readable body. */
export function renderDecisionRecord(record: DecisionRecord): string {
  return `---\n${renderFrontMatter(record)}---\n\n${renderBody(record)}`;
}

/**
 * The front matter as data: the fast reader for the YAML renderDecisionRecord writes, else the
 * full `yaml` parser (any other YAML, and every error message).
 */
function parseFrontMatter(text: string): { data: unknown } | { error: string } {
  const fast = parseYamlSubset(text);
  if (fast !== undefined) return { data: fast };
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const [yamlError] = document.errors;
  if (yamlError) {
    const position = yamlError.linePos?.[0];
    const where = position ? ` (line ${position.line + 1}, column ${position.col})` : '';
    return { error: `front matter is not valid YAML: ${yamlError.message}${where}` };
  }
  return { data: document.toJS() };
}

/**
 * Where the first `---` line after the opening one starts, less one (the line break before it),
 * or -1: found by search, so the body of a large record is never split into lines.
 */
function findClosingLine(text: string): number {
  for (let at = text.indexOf('\n---', 3); at !== -1; at = text.indexOf('\n---', at + 1)) {
    const after = at + 4;
    if (after === text.length || text.charCodeAt(after) === 10) return at;
  }
  return -1;
}

/**
 * A log file's front matter, validated strictly by `schema` (decision and execution records alike).
 * The body is ignored.
 */
export function parseRecordFile<T>(
  source: string,
  schema: z.ZodType<T>,
  /** A check that returns what `schema` would, when it is certain the data is valid; else undefined. */
  readValid?: (data: unknown) => T | undefined,
): { data: T } | { error: string } {
  const text = source.includes('\r\n') ? source.replace(/\r\n/g, '\n') : source;
  if (text !== '---' && !text.startsWith('---\n'))
    return { error: 'expected the file to start with a `---` line (YAML front matter)' };
  const end = findClosingLine(text);
  if (end === -1) return { error: 'expected a `---` line that closes the front matter' };
  const frontMatter = parseFrontMatter(text.slice(4, end));
  if ('error' in frontMatter) return frontMatter;
  const valid = readValid?.(frontMatter.data);
  if (valid !== undefined) return { data: valid };
  const parsed = schema.safeParse(frontMatter.data);
  if (!parsed.success) {
    return {
      error: parsed.error.issues
        .map(
          (issue) => `${issue.path.length === 0 ? '(front matter)' : issue.path.join('.')}: ${issue.message}`,
        )
        .join('; '),
    };
  }
  return { data: parsed.data };
}

/** A log file read back: the front matter, validated strictly. The body is ignored. */
export function parseDecisionRecord(source: string): { record: DecisionRecord } | { error: string } {
  const read = parseRecordFile(source, decisionRecordSchema, readValidRecord);
  return 'error' in read ? read : { record: read.data };
}

/** Where a record lives in the log: `<logPath>/YYYY/MM/<id>.md`, by the UTC decision time. */
export function createDecisionRecordPath(record: DecisionRecord, logPath: string): string {
  return createDecisionPath(record.id, record.times.decided_at, logPath);
}

/** The same place from a decision's id and time alone (a log commit's trailers name both). */
export function createDecisionPath(id: string, decidedAtTime: string, logPath: string): string {
  const decidedAt = new Date(decidedAtTime);
  if (Number.isNaN(decidedAt.getTime())) throw new RangeError(`not a time: ${decidedAtTime}`);
  if (!/^[0-9a-f]{24}$/.test(id)) throw new RangeError(`not a decision id: ${id}`);
  const year = String(decidedAt.getUTCFullYear()).padStart(4, '0');
  const month = String(decidedAt.getUTCMonth() + 1).padStart(2, '0');
  const base = logPath.replace(/\/+$/, '');
  return `${base === '' ? '' : `${base}/`}${year}/${month}/${id}.md`;
}

/** Trailer keys of a decision commit, in the order they are written. */
const TRAILERS = {
  decision: 'Gatehouse-Decision',
  rules: 'Gatehouse-Rules',
  kind: 'Gatehouse-Kind',
  pullRequest: 'Gatehouse-Pull-Request',
  target: 'Gatehouse-Target',
  decidedAt: 'Gatehouse-Decided-At',
  request: 'Gatehouse-Request',
  id: 'Gatehouse-Decision-Id',
} as const;

/** A trailer value on one line: line breaks and controls would end the trailer block. */
function trailerValue(text: string): string {
  return Array.from(
    text
      .replace(/[\p{Cc}\u2028\u2029\u0085]/gu, ' ')
      .replace(BIDI_CONTROLS, '')
      .trim(),
  )
    .slice(0, 200)
    .join('');
}

/**
 * `gatehouse: approved gatehouse: production by alice, bob`, then trailers a reader of the log
 * branch's commit list can use without opening the files (precedent needs one API call):
 *
 * ```
 * Gatehouse-Decision: approved
 * Gatehouse-Rules: migrations, gatehouse-config
 * Gatehouse-Kind: migration
 * Gatehouse-Pull-Request: 42
 * Gatehouse-Target: main
 * Gatehouse-Decided-At: 2026-03-02T10:00:00Z
 * Gatehouse-Request: <request hash>
 * Gatehouse-Decision-Id: <id>
 * ```
 *
 * `Gatehouse-Kind`, `Gatehouse-Pull-Request` and `Gatehouse-Target` (the pull request's base
 * branch, or the deployed ref) are left out when the request has none; the kind and the target
 * also when they would not fit a trailer unchanged (a line break, a bidi control, over 200
 * characters). Precedent counts a decision only for requests with the same target, so a record
 * without one is no precedent.
 */
export function renderDecisionCommitMessage(record: DecisionRecord): string {
  const people =
    record.approvers.length > 0
      ? record.approvers.map((approver) => approver.login)
      : record.rejected_by
        ? [record.rejected_by.login]
        : record.modified_by
          ? [record.modified_by.login]
          : [];
  const by = people.length === 0 ? 'policy' : people.join(', ');
  const subject = renderPlainText(`gatehouse: ${record.decision} ${record.gate.check} by ${by}`, 200);
  // Precedent compares the kind and the target: only values that fit a trailer unchanged are
  // written, so that a branch `ma<U+202E>in` is never recorded as `main`.
  const exact = (text: string | undefined) =>
    text !== undefined && trailerValue(text) === text ? text : undefined;
  const kind = exact(record.request.kind);
  const target = exact(record.subject.target_branch);
  const trailers = [
    `${TRAILERS.decision}: ${record.decision}`,
    `${TRAILERS.rules}: ${record.rules.join(', ')}`,
    ...(kind === undefined ? [] : [`${TRAILERS.kind}: ${kind}`]),
    ...(record.subject.pull_request === undefined
      ? []
      : [`${TRAILERS.pullRequest}: ${record.subject.pull_request}`]),
    ...(target === undefined ? [] : [`${TRAILERS.target}: ${target}`]),
    `${TRAILERS.decidedAt}: ${trailerValue(record.times.decided_at)}`,
    `${TRAILERS.request}: ${record.request.hash}`,
    `${TRAILERS.id}: ${record.id}`,
  ];
  return `${subject}\n\n${trailers.join('\n')}`;
}

/**
 * The decision a log commit records, read from its trailers (see
 * {@link renderDecisionCommitMessage}); undefined for any other commit, or one whose id,
 * decision or time is missing or malformed. Only the last paragraph is read, so nothing in the
 * subject line can pose as a trailer.
 */
export function parseDecisionCommitMessage(message: string): PriorDecision | undefined {
  const paragraphs = message
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split(/\n\s*\n/);
  if (paragraphs.length < 2) return undefined;
  const values = new Map<string, string>();
  for (const line of (paragraphs.at(-1) ?? '').split('\n')) {
    const match = /^(Gatehouse-[A-Za-z-]+): ?(.*)$/.exec(line);
    if (match?.[1] !== undefined && !values.has(match[1])) values.set(match[1], (match[2] ?? '').trim());
  }
  const id = values.get(TRAILERS.id) ?? '';
  const decision = values.get(TRAILERS.decision) ?? '';
  const at = values.get(TRAILERS.decidedAt) ?? '';
  if (!/^[0-9a-f]{24}$/.test(id) || !(DECISIONS as readonly string[]).includes(decision)) return undefined;
  if (Number.isNaN(Date.parse(at))) return undefined;
  const prior: PriorDecision = {
    id,
    decision: decision as Decision,
    rules: (values.get(TRAILERS.rules) ?? '')
      .split(',')
      .map((rule) => rule.trim())
      .filter((rule) => rule !== ''),
    at,
  };
  const kind = values.get(TRAILERS.kind);
  if (kind !== undefined && kind !== '') prior.kind = kind;
  const request = values.get(TRAILERS.request);
  if (request !== undefined && /^[0-9a-f]{64}$/.test(request)) prior.requestHash = request;
  const pullRequest = values.get(TRAILERS.pullRequest);
  if (pullRequest !== undefined && /^[1-9]\d{0,9}$/.test(pullRequest))
    prior.pullRequest = Number(pullRequest);
  const target = values.get(TRAILERS.target);
  if (target !== undefined && target !== '') prior.target = target;
  return prior;
}
