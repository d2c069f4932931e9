import { describe, expect, it } from 'vitest';
import { type AuditEntry, createAuditReport } from '../../../src/core/audit/index.ts';
import {
  createExecutionRecord,
  createExecutionRecordPath,
  type ExecutionRecord,
  parseExecutionRecord,
  renderExecutionRecord,
} from '../../../src/core/execution-record.ts';
import { anEntry, aRecord, people } from './audit-log.ts';

const NOW = '2026-04-01T00:00:00Z';
const APPROVED_SHA = 'a'.repeat(40);
const PUSHED_SHA = 'b'.repeat(40);
const MERGE_SHA = 'c'.repeat(40);

function audit(entries: AuditEntry[]) {
  return createAuditReport(entries, { filters: {}, now: NOW, source: 'test' });
}

function approval(sha: string, pullRequest = 7, decidedAt = '2026-03-02T10:30:00Z') {
  return aRecord({
    decision: 'approved',
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt,
    sha,
    pullRequest,
    approvers: [[people.alice, decidedAt]],
  });
}

function merge(head: string, decision?: ReturnType<typeof approval>): ExecutionRecord {
  return createExecutionRecord({
    repository: 'acme/shop',
    pullRequest: 7,
    headSha: head,
    targetBranch: 'main',
    mergeCommit: MERGE_SHA,
    mergedBy: { id: 4, login: 'dave' },
    mergedAt: '2026-03-02T11:00:00Z',
    ...(decision === undefined
      ? {}
      : { decision: { id: decision.id, decision: decision.decision, sha: decision.subject.sha } }),
  });
}

function executionEntry(record: ExecutionRecord, text = renderExecutionRecord(record)): AuditEntry {
  return { path: createExecutionRecordPath(record, 'decisions'), text };
}

describe('execution records in the audit', () => {
  it('counts a merge of the approved commit as what was approved and ran: no finding, nothing to list', () => {
    const approved = approval(APPROVED_SHA);
    const report = audit([anEntry(approved), executionEntry(merge(APPROVED_SHA, approved))]);
    expect(report.findings).toEqual([]);
    expect(report.totals).toMatchObject({ records: 1, malformed: 0, findings: 0 });
    expect(report.executions).toEqual({
      records: 1,
      byType: { merge: 1, deployment: 0, request: 0 },
      ranWithoutApproval: [],
      approvedNeverRan: [],
    });
  });

  it('finds a merge of a commit pushed after the approval: merged_unapproved, and lists it as run without an approval', () => {
    const approved = approval(APPROVED_SHA);
    const execution = merge(PUSHED_SHA, approved);
    const path = createExecutionRecordPath(execution, 'decisions');
    const report = audit([anEntry(approved), executionEntry(execution)]);
    expect(report.findings).toEqual([
      {
        code: 'merged_unapproved',
        path,
        id: execution.id,
        checkRunId: null,
        message: `pull request #7 was merged with head bbbbbbbbbbbb by dave at 2026-03-02T11:00:00Z, but the newest decision of its gate before that (${approved.id}, approved) is for aaaaaaaaaaaa: a commit nobody approved was merged`,
      },
    ]);
    expect(report.executions.ranWithoutApproval).toEqual([
      {
        type: 'merge',
        id: execution.id,
        path,
        repository: 'acme/shop',
        pull_request: 7,
        environment: null,
        issue: null,
        sha: PUSHED_SHA,
        status: null,
        merge_commit: MERGE_SHA,
        ran_by: 'dave',
        ran_at: '2026-03-02T11:00:00Z',
        approved_sha: APPROVED_SHA,
        decision_id: approved.id,
      },
    ]);
  });

  it('judges by the log, not by what the execution record says of itself', () => {
    // A merge whose record names no decision, while the log has the approval of its head: fine.
    const approved = approval(APPROVED_SHA);
    expect(audit([anEntry(approved), executionEntry(merge(APPROVED_SHA))]).findings).toEqual([]);
    // A merge with no passing decision in the log at all.
    const alone = merge(APPROVED_SHA);
    const report = audit([executionEntry(alone)]);
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'merged_unapproved',
        'pull request #7 was merged with head aaaaaaaaaaaa by dave at 2026-03-02T11:00:00Z, and the log has no decision of its gate before that',
      ],
    ]);
  });

  it('counts the newest decision before the merge: an approval a later rejection overrode lets nothing through', () => {
    const approved = approval(APPROVED_SHA);
    const rejected = aRecord({
      decision: 'rejected',
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:45:00Z',
      sha: APPROVED_SHA,
      rejectedBy: people.carol,
      reason: 'not during the freeze',
    });
    const execution = merge(APPROVED_SHA, rejected);
    expect(execution.approved).toBe(false);
    const report = audit([anEntry(approved), anEntry(rejected), executionEntry(execution)]);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `pull request #7 was merged with head aaaaaaaaaaaa by dave at 2026-03-02T11:00:00Z, but the newest decision of its gate before that (${rejected.id}) is rejected for aaaaaaaaaaaa: it was merged against its gate`,
    ]);
    expect(report.executions.ranWithoutApproval[0]).toMatchObject({
      approved_sha: APPROVED_SHA,
      decision_id: approved.id,
    });
    // Not merged, the rejected pull request is no approval waiting to run either.
    expect(audit([anEntry(approved), anEntry(rejected)]).executions.approvedNeverRan).toEqual([]);
  });

  it('lists the approved pull requests no merge followed', () => {
    const merged = approval(APPROVED_SHA);
    const open = approval(PUSHED_SHA, 8, '2026-03-03T09:00:00Z');
    const report = audit([anEntry(merged), anEntry(open), executionEntry(merge(APPROVED_SHA, merged))]);
    expect(report.executions.approvedNeverRan).toEqual([
      {
        type: 'merge',
        id: open.id,
        path: anEntry(open).path,
        repository: 'acme/shop',
        pull_request: 8,
        environment: null,
        sha: PUSHED_SHA,
        decision: 'approved',
        decided_at: '2026-03-03T09:00:00Z',
      },
    ]);
  });

  it('checks an execution record like a decision: an edited one, a moved one, an unreadable one', () => {
    const approved = approval(APPROVED_SHA);
    const execution = merge(APPROVED_SHA, approved);
    const entry = executionEntry(execution);
    const flipped = entry.text.replace('approved: true', 'approved: false');
    expect(flipped).not.toBe(entry.text);
    const moved = { ...entry, path: entry.path.replace('2026/03', '2026/02') };
    const report = audit([
      anEntry(approved),
      { ...entry, text: flipped },
      { path: 'decisions/2026/03/notes.execution.md', text: 'hello' },
    ]);
    expect(report.findings.map((finding) => [finding.code, finding.path])).toEqual([
      ['inconsistent', entry.path],
      ['malformed', 'decisions/2026/03/notes.execution.md'],
    ]);
    expect(audit([anEntry(approved), moved]).findings.map((finding) => finding.code)).toEqual([
      'path_mismatch',
    ]);
    const commit = entry.text.replace(MERGE_SHA, 'd'.repeat(40));
    expect(audit([anEntry(approved), { ...entry, text: commit }]).findings.map((f) => f.code)).toEqual([
      'id_mismatch',
    ]);
  });
});

describe('the execution record', () => {
  it('counts a copy of an execution record once, and finds the copy: misplaced and a duplicate', () => {
    const approved = approval(APPROVED_SHA);
    const execution = merge(APPROVED_SHA, approved);
    const copy = { path: 'decisions/copies/merge.execution.md', text: renderExecutionRecord(execution) };
    const report = audit([anEntry(approved), executionEntry(execution), copy]);
    expect(report.executions.records).toBe(1);
    expect(report.findings.map((found) => [found.code, found.path])).toEqual([
      ['path_mismatch', copy.path],
      ['duplicate_id', copy.path],
    ]);
  });

  it('names the field an execution record lacks, and skips it: malformed', () => {
    const approved = approval(APPROVED_SHA);
    const execution = merge(APPROVED_SHA, approved);
    const text = renderExecutionRecord(execution).replace(/\n {2}at: .*\n/, '\n');
    expect(text).not.toBe(renderExecutionRecord(execution));
    const report = audit([anEntry(approved), executionEntry(execution, text)]);
    expect(report.executions.records).toBe(0);
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'malformed', message: expect.stringContaining('execution.at') }),
    ]);
  });

  it('writes a bidi control of a branch name as an escape, and reads it back as it was', () => {
    const record = createExecutionRecord({
      repository: 'acme/shop',
      pullRequest: 7,
      headSha: APPROVED_SHA,
      targetBranch: 'ma\u202Ein',
      mergeCommit: MERGE_SHA,
      mergedBy: { id: 4, login: 'dave' },
      mergedAt: '2026-03-02T11:00:00Z',
    });
    const text = renderExecutionRecord(record);
    expect(text).toContain('target_branch: "ma\\u202Ein"');
    expect(text).not.toMatch(/\u202E/);
    expect(parseExecutionRecord(text)).toEqual({ record });
  });

  it('is a file with YAML front matter and a readable body', () => {
    const approved = approval(APPROVED_SHA);
    const execution = merge(PUSHED_SHA, approved);
    expect(createExecutionRecordPath(execution, 'decisions')).toBe(
      `decisions/2026/03/${execution.id}.execution.md`,
    );
    expect(renderExecutionRecord(execution).replaceAll(approved.id, '<decision id>')).toMatchInlineSnapshot(`
      "---
      schema: 1
      kind: execution
      id: 8f06ae7b6a08811c512c7b12
      repository: acme/shop
      subject:
        pull_request: 7
        sha: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
        target_branch: main
      execution:
        type: merge
        commit: cccccccccccccccccccccccccccccccccccccccc
        by:
          id: 4
          login: dave
        at: 2026-03-02T11:00:00Z
      decision:
        id: <decision id>
        decision: approved
        sha: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      approved: false
      links: {}
      ---

      # Merged: pull request #7

      - **Merged head:** commit \`bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\` into \`main\`
      - **Merge commit:** \`cccccccccccccccccccccccccccccccccccccccc\`
      - **Merged by:** dave (id 4) at 2026-03-02T11:00:00Z
      - **Decision:** approved, \`<decision id>\`, for commit \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\`
      - **Approved commit merged:** no
      "
    `);
  });
});
