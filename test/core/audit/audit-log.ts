// Decision logs for the audit tests, written the way Gatehouse writes them: a request and a gate
// result turned into a record by createDecisionRecord, rendered by renderDecisionRecord and filed
// at createDecisionRecordPath. Each test states only what it is about.
import type { AuditEntry } from '../../../src/core/audit/index.ts';
import {
  createDecisionRecord,
  createDecisionRecordPath,
  type DecisionRecord,
  renderDecisionRecord,
} from '../../../src/core/decision-record.ts';
import type { Actor, GateResult, Request } from '../../../src/core/model.ts';
import type { Decision, Level, Tier } from '../../../src/core/registry.ts';

export const people = {
  agent: { id: 100, login: 'deploy-agent', type: 'Bot' },
  alice: { id: 1, login: 'alice', type: 'User' },
  bob: { id: 2, login: 'bob', type: 'User' },
  carol: { id: 3, login: 'carol', type: 'User' },
} satisfies Record<string, Actor>;

export interface DecisionSpec {
  decision: Decision;
  requestedAt: string;
  decidedAt: string;
  /** A deployment gate for this environment; a pull-request gate without one. */
  environment?: string;
  /** An explicit request's gate (`gate.kind: request`), asked by the agent of this name (null: by a workflow). */
  agent?: string | null;
  rules?: string[];
  tier?: Tier;
  level?: Level;
  /** Distinguishes requests: a different commit, so a different id. */
  sha?: string;
  /** The pull request (7 unless said); null for a request gate outside any pull request. */
  pullRequest?: number | null;
  kind?: string;
  action?: string;
  /** Changed files (3 unless said), or `unknown` when GitHub cut the listing off. */
  files?: number | 'unknown';
  approvers?: [Actor, string][];
  rejectedBy?: Actor;
  modifiedBy?: Actor;
  reason?: string;
}

let nextSha = 1;

/** A fresh commit SHA for each record that does not name one. */
export function aSha(): string {
  // Padded with zeros after an `f`: padding with a hex digit would make 0x1 and 0xa1 the same.
  return `f${(nextSha++).toString(16).padStart(39, '0')}`;
}

export function aRecord(spec: DecisionSpec): DecisionRecord {
  const tier = spec.tier ?? 'approve';
  const level = spec.level ?? 'approve';
  const files = spec.files === 'unknown' ? 3000 : (spec.files ?? 3);
  const request: Request = {
    gate:
      spec.agent !== undefined
        ? { kind: 'request' }
        : spec.environment === undefined
          ? { kind: 'pull_request' }
          : { kind: 'deployment', environment: spec.environment },
    ...(spec.agent === undefined || spec.agent === null ? {} : { agent: spec.agent }),
    repository: 'acme/shop',
    subject: {
      sha: spec.sha ?? aSha(),
      targetBranch: 'main',
      ...(spec.pullRequest === null ? {} : { pullRequest: spec.pullRequest ?? 7 }),
    },
    ...(spec.kind === undefined ? {} : { kind: spec.kind }),
    action: { text: spec.action ?? 'Ship the orders service' },
    rollbackPlan: { text: 'Redeploy the previous release.' },
    options: [],
    declaredRisk: {},
    files: {
      paths: Array.from({ length: files }, (_, index) => `src/file-${index}.ts`),
      complete: spec.files !== 'unknown',
    },
    labels: [],
    requester: people.agent,
  };
  const approvals = (spec.approvers ?? []).map(([approver, at], index) => ({
    approver,
    at,
    statementId: `s${index}`,
    source: 'comment' as const,
    verb: 'approve' as const,
  }));
  const result: GateResult = {
    state: spec.decision,
    risk: {
      tier,
      level,
      factors: [],
      rules: (spec.rules ?? []).map((name) => ({
        name,
        tier,
        level,
        reasons: [],
        files: [],
        filesMatched: 1,
      })),
      problems: [],
    },
    progress: [],
    statements: [],
    approvers: approvals,
    readiness: { ready: true, missing: [] },
    tampering: [],
    vetoes: [],
    problems: [],
  };
  if (spec.rejectedBy)
    result.rejection = { by: spec.rejectedBy, at: spec.decidedAt, reason: spec.reason ?? 'no' };
  else if (spec.reason !== undefined) result.reason = spec.reason;
  if (spec.modifiedBy)
    result.modification = { by: spec.modifiedBy, at: spec.decidedAt, instructions: 'Change it.' };
  return createDecisionRecord(request, result, { requestedAt: spec.requestedAt, decidedAt: spec.decidedAt });
}

/** The record as a file of the log, where Gatehouse files it (or where the test says). */
export function anEntry(record: DecisionRecord, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    path: createDecisionRecordPath(record, 'decisions'),
    text: renderDecisionRecord(record),
    ...overrides,
  };
}

/** Several records as files. */
export function aLog(...records: DecisionRecord[]): AuditEntry[] {
  return records.map((record) => anEntry(record));
}

/** An ISO time `minutes` after a base time. */
export function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}
