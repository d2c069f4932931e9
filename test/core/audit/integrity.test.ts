import { describe, expect, it } from 'vitest';
import { type AuditEntry, createAuditReport } from '../../../src/core/audit/index.ts';
import { aLog, anEntry, aRecord, people } from './audit-log.ts';

const NOW = '2026-04-01T00:00:00Z';

function audit(entries: AuditEntry[], filters = {}) {
  return createAuditReport(entries, { filters, now: NOW, source: 'test' });
}

function approved(decidedAt = '2026-03-02T10:30:00Z') {
  return aRecord({
    decision: 'approved',
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt,
    rules: ['migrations'],
    approvers: [[people.alice, decidedAt]],
  });
}

describe('the integrity of the log', () => {
  describe('when every record is as Gatehouse wrote it', () => {
    it('has no findings', () => {
      const report = audit(aLog(approved(), approved('2026-03-03T09:00:00Z')));
      expect(report.findings).toEqual([]);
      expect(report.totals).toMatchObject({ records: 2, shown: 2, malformed: 0, findings: 0 });
    });
  });

  describe('when a record was edited after it was written', () => {
    it('finds that the record no longer matches its id', () => {
      const record = aRecord({
        decision: 'rejected',
        requestedAt: '2026-03-02T10:00:00Z',
        decidedAt: '2026-03-02T11:00:00Z',
        rejectedBy: people.carol,
        reason: 'collides with the nightly export',
      });
      const entry = anEntry(record);
      const tampered = {
        ...entry,
        text: entry.text.replace('\ndecision: rejected\n', '\ndecision: approved\n'),
      };
      expect(tampered.text).not.toBe(entry.text);

      const report = audit([tampered]);
      expect(report.findings).toEqual([
        {
          code: 'id_mismatch',
          path: entry.path,
          id: record.id,
          checkRunId: null,
          message: expect.stringMatching(
            /^the id does not match what the record says \(repository, gate, commit, request, decision: approved\); it was changed after Gatehouse wrote it, or written by something else \(expected id [0-9a-f]{24}\)$/,
          ),
        },
      ]);
      // Still listed, and marked, so the auditor sees what it claims.
      expect(report.records.map((row) => [row.decision, row.findings])).toEqual([
        ['approved', ['id_mismatch']],
      ]);
    });

    it('finds a check name that contradicts the environment', () => {
      const record = aRecord({
        decision: 'approved',
        environment: 'production',
        requestedAt: '2026-03-02T10:00:00Z',
        decidedAt: '2026-03-02T10:30:00Z',
      });
      const entry = anEntry(record);
      const moved = { ...entry, text: entry.text.replace('environment: production', 'environment: staging') };
      expect(audit([moved]).findings.map((finding) => [finding.code, finding.message])).toEqual([
        [
          'inconsistent',
          'gate.check is "gatehouse: production" but its environment and base make it "gatehouse: staging": one of them was changed',
        ],
      ]);
    });
  });

  describe('when a file is not a valid record', () => {
    it('reports it with the reason and still counts the others', () => {
      const good = approved();
      const entries = [
        ...aLog(good),
        { path: 'decisions/2026/03/broken.md', text: '---\nschema: 1\nid: [\n---\n' },
        { path: 'decisions/2026/03/empty.md', text: '' },
        {
          path: 'decisions/2026/03/wrong.md',
          text: anEntry(good).text.replace(/^tier: approve$/m, 'tier: extreme'),
        },
      ];
      const report = audit(entries);
      expect(report.findings.map((finding) => [finding.code, finding.path, finding.message])).toEqual([
        [
          'malformed',
          'decisions/2026/03/broken.md',
          'not a readable decision record: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        ],
        [
          'malformed',
          'decisions/2026/03/empty.md',
          'not a readable decision record: expected the file to start with a `---` line (YAML front matter)',
        ],
        [
          'malformed',
          'decisions/2026/03/wrong.md',
          'not a readable decision record: tier: Invalid option: expected one of "proceed"|"notify"|"approve"',
        ],
      ]);
      expect(report.totals).toMatchObject({ records: 1, shown: 1, malformed: 3, findings: 3 });
    });
  });

  describe('when a record is filed in the wrong place', () => {
    it('names where it belongs', () => {
      const record = approved();
      const report = audit([anEntry(record, { path: `decisions/2026/02/${record.id}.md` })]);
      expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
        [
          'path_mismatch',
          `a record with id ${record.id} decided at 2026-03-02T10:30:00Z is filed as …/2026/03/${record.id}.md, not here: it was moved, renamed or its time changed`,
        ],
      ]);
    });

    it('accepts any log folder, and none', () => {
      const record = approved();
      const report = audit([
        anEntry(record, { path: `audit/log/2026/03/${record.id}.md` }),
        anEntry(approved('2026-03-05T00:00:00Z'), { path: '' }),
      ]);
      expect(report.findings.map((finding) => finding.code)).toEqual(['path_mismatch']);
      const bare = approved('2026-03-06T00:00:00Z');
      expect(audit([anEntry(bare, { path: `2026/03/${bare.id}.md` })]).findings).toEqual([]);
    });
  });

  describe('when two files hold the same decision', () => {
    it('counts one and reports the other', () => {
      const record = approved();
      const entry = anEntry(record);
      const copy = { ...entry, path: `decisions/2026/03/copy-of-${record.id}.md` };
      const report = audit([copy, entry]);
      expect(report.totals.records).toBe(1);
      expect(report.records.map((row) => row.path)).toEqual([entry.path]);
      expect(report.findings.map((finding) => [finding.code, finding.path])).toEqual([
        // The copy is also misplaced; the original, filed where it belongs, is the one that counts.
        ['path_mismatch', copy.path],
        ['duplicate_id', copy.path],
      ]);
      expect(report.findings[1]?.message).toBe(
        `another file has the same id: ${entry.path}; only that one counts (each decision is written once)`,
      );
    });
  });

  describe('when filters are set', () => {
    it('still reports findings about records the filters hide', () => {
      const hidden = approved('2026-01-10T10:00:00Z');
      const entry = anEntry(hidden);
      const tampered = {
        ...entry,
        text: entry.text.replace('\ndecision: approved\n', '\ndecision: rejected\n'),
      };
      const report = audit([tampered, ...aLog(approved())], { since: '2026-03-01T00:00:00Z' });
      expect(report.totals).toMatchObject({ records: 2, shown: 1, findings: 1 });
      expect(report.records.map((row) => row.id)).not.toContain(hidden.id);
      expect(report.findings.map((finding) => [finding.code, finding.id])).toEqual([
        ['id_mismatch', hidden.id],
      ]);
      expect(report.integrity.scope).toBe('all_records');
    });
  });

  it('reads records written before changed_files and missing existed', () => {
    const record = approved();
    const entry = anEntry(record);
    const old = {
      ...entry,
      text: entry.text
        .replace(/^ {2}changed_files: .*\n/m, '')
        .replace(/^ {2}missing:\n(?: {4}- .*\n)*/m, ''),
    };
    expect(old.text).not.toMatch(/changed_files|missing/);
    const report = audit([old]);
    expect(report.findings).toEqual([]);
    expect(report.records.map((row) => [row.changed_files, row.missing])).toEqual([[null, null]]);
    expect(audit([entry]).records.map((row) => [row.changed_files, row.missing])).toEqual([
      [3, ['context', 'risk_assessment']],
    ]);
  });

  it('keeps the commit each file was read from', () => {
    const record = approved();
    const report = audit([anEntry(record, { commit: 'f'.repeat(40) })]);
    expect(report.records[0]?.commit).toBe('f'.repeat(40));
    expect(audit(aLog(record)).records[0]?.commit).toBeNull();
  });
});
