import { describe, expect, it } from 'vitest';
import { createExecutionTables } from '../../../src/core/audit/create-audit-tables.ts';
import { type AuditEntry, createAuditReport } from '../../../src/core/audit/index.ts';
import type { DecisionRecord } from '../../../src/core/decision-record.ts';
import {
  createDeploymentExecutionRecord,
  createExecutionRecordPath,
  createRequestExecutionRecord,
  type ExecutionRecord,
  renderExecutionRecord,
} from '../../../src/core/execution-record.ts';
import { anEntry, aRecord, people } from './audit-log.ts';

const NOW = '2026-04-01T00:00:00Z';
const APPROVED_SHA = 'a'.repeat(40);
const OTHER_SHA = 'b'.repeat(40);

function audit(entries: AuditEntry[]) {
  return createAuditReport(entries, { filters: {}, now: NOW, source: 'test' });
}

function entryOf(record: ExecutionRecord, text = renderExecutionRecord(record)): AuditEntry {
  return { path: createExecutionRecordPath(record, 'decisions'), text };
}

const ref = (record: DecisionRecord) => ({
  id: record.id,
  decision: record.decision,
  sha: record.subject.sha,
});

function deployApproval(sha: string, decidedAt = '2026-03-02T10:30:00Z', environment = 'production') {
  return aRecord({
    decision: 'approved',
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt,
    sha,
    environment,
    approvers: [[people.alice, decidedAt]],
  });
}

function deployment(
  sha: string,
  options: {
    decision?: DecisionRecord;
    id?: number;
    startedAt?: string;
    status?: 'success' | 'failure';
    origin?: 'workflow_run' | 'api';
  } = {},
) {
  return createDeploymentExecutionRecord({
    origin: options.origin ?? 'workflow_run',
    repository: 'acme/shop',
    deployment: options.id ?? 42,
    environment: 'production',
    sha,
    ref: 'main',
    status: options.status ?? 'success',
    by: { id: 4, login: 'dave' },
    ...(options.startedAt === null ? {} : { startedAt: options.startedAt ?? '2026-03-02T11:00:00Z' }),
    completedAt: '2026-03-02T11:05:00Z',
    ...(options.decision === undefined ? {} : { decision: ref(options.decision) }),
  });
}

function requestDecision(
  decision: 'approved' | 'rejected',
  decidedAt = '2026-03-02T10:30:00Z',
  agent = 'claude-code',
) {
  return aRecord({
    decision,
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt,
    sha: APPROVED_SHA,
    pullRequest: null,
    agent,
    kind: 'db-migration',
    ...(decision === 'approved' ? { approvers: [[people.alice, decidedAt]] } : { rejectedBy: people.bob }),
  });
}

function requestRun(decision: DecisionRecord, status: 'succeeded' | 'failed' = 'succeeded') {
  return createRequestExecutionRecord({
    repository: 'acme/shop',
    issue: 12,
    request: decision.request.hash,
    sha: decision.subject.sha,
    comment: 1001,
    status,
    by: { id: 900, login: 'claude-agent' },
    completedAt: '2026-03-02T11:00:00Z',
    decision: ref(decision),
  });
}

describe('deployments in the audit', () => {
  it('counts a deployment of the commit its gate approved as approved and run', () => {
    const approved = deployApproval(APPROVED_SHA);
    const report = audit([anEntry(approved), entryOf(deployment(APPROVED_SHA, { decision: approved }))]);
    expect(report.findings).toEqual([]);
    expect(report.executions).toEqual({
      records: 1,
      byType: { merge: 0, deployment: 1, request: 0 },
      ranWithoutApproval: [],
      approvedNeverRan: [],
    });
  });

  it('finds a deployment created through the API of the approved commit: deployed_unapproved, no decision covers it', () => {
    const approved = deployApproval(APPROVED_SHA);
    const rest = deployment(APPROVED_SHA, { id: 44, origin: 'api', decision: approved });
    // The App records no decision for it, whatever its gate decided.
    expect(rest.approved).toBe(false);
    expect(rest.decision).toBeUndefined();
    const report = audit([anEntry(approved), entryOf(rest)]);
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'deployed_unapproved',
        "deployment 44 of aaaaaaaaaaaa to production (success), created by dave, ran at 2026-03-02T11:00:00Z, but it was created through the API by dave, not by a workflow run the environment's protection rule held: no decision covers it",
      ],
    ]);
    expect(report.executions.ranWithoutApproval).toEqual([
      expect.objectContaining({ id: rest.id, sha: APPROVED_SHA, approved_sha: APPROVED_SHA }),
    ]);
  });

  it('finds a deployment of another commit than the approved one: deployed_unapproved, naming the approved commit', () => {
    const approved = deployApproval(APPROVED_SHA);
    const other = deployment(OTHER_SHA, { id: 43 });
    const report = audit([anEntry(approved), entryOf(other)]);
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'deployed_unapproved',
        'deployment 43 of bbbbbbbbbbbb to production (success), created by dave, ran at 2026-03-02T11:00:00Z, and the log has no decision of its gate before that',
      ],
    ]);
    expect(report.executions.ranWithoutApproval).toEqual([
      {
        type: 'deployment',
        id: other.id,
        path: createExecutionRecordPath(other, 'decisions'),
        repository: 'acme/shop',
        pull_request: null,
        environment: 'production',
        issue: null,
        sha: OTHER_SHA,
        status: 'success',
        merge_commit: null,
        ran_by: 'dave',
        ran_at: '2026-03-02T11:00:00Z',
        approved_sha: APPROVED_SHA,
        decision_id: approved.id,
      },
    ]);
    // The approved commit never ran: with a deployment recorded, that is asked of this log.
    expect(report.executions.approvedNeverRan).toEqual([
      expect.objectContaining({
        type: 'deployment',
        environment: 'production',
        sha: APPROVED_SHA,
        pull_request: null,
      }),
    ]);
  });

  it('judges by when it started: an approval after the start does not cover it', () => {
    const late = deployApproval(APPROVED_SHA, '2026-03-02T11:01:00Z');
    const report = audit([anEntry(late), entryOf(deployment(APPROVED_SHA, { decision: late }))]);
    expect(report.findings.map((finding) => finding.code)).toEqual(['deployed_unapproved']);
  });

  it('lists no deployment as never run while the log records none', () => {
    const report = audit([anEntry(deployApproval(APPROVED_SHA))]);
    expect(report.executions.approvedNeverRan).toEqual([]);
    expect(createExecutionTables(report)[0]?.empty).toMatch(/^Nothing is recorded as run in this log/);
  });

  it('finds an edited deployment record: id_mismatch', () => {
    const approved = deployApproval(APPROVED_SHA);
    const entry = entryOf(deployment(APPROVED_SHA, { decision: approved }));
    const edited = { ...entry, text: entry.text.replace('deployment: 42', 'deployment: 44') };
    expect(
      audit([anEntry(approved), edited]).findings.map((finding) => [finding.code, finding.message]),
    ).toEqual([['id_mismatch', expect.stringContaining('(repository, deployment)')]]);
  });
});

describe("agents' requests in the audit", () => {
  it('counts a reported run of an approved request as approved and run, and one after a rejection as ran_unapproved', () => {
    const approved = requestDecision('approved');
    expect(audit([anEntry(approved), entryOf(requestRun(approved))]).findings).toEqual([]);
    const rejected = requestDecision('rejected');
    const report = audit([anEntry(rejected), entryOf(requestRun(rejected, 'failed'))]);
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'ran_unapproved',
        `the request of approval issue #12 ran (failed, reported by claude-agent) at 2026-03-02T11:00:00Z, but the newest decision of its gate before that (${rejected.id}) is rejected for aaaaaaaaaaaa: it was run against its gate`,
      ],
    ]);
    expect(report.executions.ranWithoutApproval[0]).toMatchObject({
      type: 'request',
      issue: 12,
      status: 'failed',
      approved_sha: null,
    });
  });

  it("lists an agent's approved request nobody reported as never run, and a workflow's request (no agent) never", () => {
    const ran = requestDecision('approved');
    const unreported = aRecord({
      decision: 'approved',
      requestedAt: '2026-03-03T10:00:00Z',
      decidedAt: '2026-03-03T10:30:00Z',
      sha: OTHER_SHA,
      pullRequest: null,
      agent: 'claude-code',
      approvers: [[people.alice, '2026-03-03T10:30:00Z']],
    });
    const workflow = aRecord({
      decision: 'approved',
      requestedAt: '2026-03-03T10:00:00Z',
      decidedAt: '2026-03-03T10:40:00Z',
      sha: OTHER_SHA,
      pullRequest: null,
      agent: null,
      approvers: [[people.bob, '2026-03-03T10:40:00Z']],
    });
    expect(workflow.gate.kind).toBe('request');
    const report = audit([anEntry(ran), anEntry(unreported), anEntry(workflow), entryOf(requestRun(ran))]);
    expect(report.executions.approvedNeverRan).toEqual([
      expect.objectContaining({
        type: 'request',
        id: unreported.id,
        sha: OTHER_SHA,
        pull_request: null,
        environment: null,
      }),
    ]);
  });
});

describe('the executions tables', () => {
  it('say what ran in a few words, for every kind, and which kinds the log cannot answer for', () => {
    const approved = deployApproval(APPROVED_SHA);
    const rejected = requestDecision('rejected');
    const report = audit([
      anEntry(approved),
      anEntry(rejected),
      entryOf(deployment(OTHER_SHA, { id: 43, startedAt: '2026-03-02T10:55:00Z' })),
      entryOf(requestRun(rejected)),
    ]);
    const [ran, never] = createExecutionTables(report);
    expect(ran?.intro).toContain('0 merges, 1 deployment, 1 agent request recorded');
    expect(ran?.rows.map((row) => row[0])).toEqual([
      { name: 'production (success)' },
      { name: 'request of #12 (succeeded)' },
    ]);
    expect(never?.intro).toContain('Not answered for merges: this log records none.');
    expect(never?.rows.map((row) => row[0])).toEqual([{ name: 'deploy to production' }]);
  });
});
