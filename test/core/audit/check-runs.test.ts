import { describe, expect, it } from 'vitest';
import { type CheckRunEvidence, createAuditReport } from '../../../src/core/audit/index.ts';
import { evaluateGate } from '../../../src/core/gate.ts';
import { renderCheckRun } from '../../../src/core/render/check-run.ts';
import { aRequest, people as builderPeople, comment, policyFrom, someFacts } from '../../support/builders.ts';
import { aLog, aRecord, people } from './audit-log.ts';

const NOW = '2026-04-01T00:00:00Z';
const HEAD = 'c0ffee0000000000000000000000000000000001';
const OTHER = 'bada550000000000000000000000000000000002';

const approved = aRecord({
  decision: 'approved',
  sha: HEAD,
  requestedAt: '2026-03-02T10:00:00Z',
  decidedAt: '2026-03-02T10:30:00Z',
  approvers: [[people.alice, '2026-03-02T10:30:00Z']],
});
const rejected = aRecord({
  decision: 'rejected',
  environment: 'production',
  sha: HEAD,
  requestedAt: '2026-03-02T11:00:00Z',
  decidedAt: '2026-03-02T11:20:00Z',
  rejectedBy: people.carol,
});
const elsewhere = aRecord({
  decision: 'approved',
  sha: OTHER,
  requestedAt: '2026-03-03T10:00:00Z',
  decidedAt: '2026-03-03T10:30:00Z',
  approvers: [[people.bob, '2026-03-03T10:30:00Z']],
});

let nextRun = 1;
function aRun(overrides: Partial<CheckRunEvidence>): CheckRunEvidence {
  return {
    id: nextRun++,
    name: 'gatehouse',
    headSha: HEAD,
    status: 'completed',
    conclusion: 'success',
    externalId: null,
    completedAt: '2026-03-02T10:30:05Z',
    ...overrides,
  };
}

function crossCheck(checkRuns: CheckRunEvidence[], checkedCommits?: string[]) {
  const report = createAuditReport(aLog(approved, rejected, elsewhere), {
    filters: {},
    now: NOW,
    source: 'test',
    checkRuns,
    ...(checkedCommits === undefined ? {} : { checkedCommits }),
  });
  return report;
}

describe('the cross-check with check runs', () => {
  it('finds nothing when every decision has its run and every run its record', () => {
    const report = crossCheck([
      aRun({ externalId: approved.id, title: 'Approved by alice' }),
      aRun({
        name: 'gatehouse: production',
        externalId: rejected.id,
        conclusion: 'failure',
        title: 'Rejected by carol',
      }),
    ]);
    expect(report.findings).toEqual([]);
    expect(report.integrity.crossCheck).toEqual({ checkRuns: 2, commits: 1 });
  });

  it('says when no check runs were compared', () => {
    const report = createAuditReport(aLog(approved), { filters: {}, now: NOW, source: 'test' });
    expect(report.integrity.crossCheck).toBeNull();
  });

  describe('when a run announced a decision the log does not have', () => {
    it('reports a successful run', () => {
      const missing = 'abcdef0123456789abcdef01';
      const report = crossCheck([
        aRun({ externalId: approved.id }),
        aRun({ id: 77, externalId: missing }),
        aRun({
          name: 'gatehouse: production',
          externalId: rejected.id,
          conclusion: 'failure',
          title: 'Rejected',
        }),
      ]);
      expect(report.findings).toEqual([
        {
          code: 'check_run_without_record',
          path: null,
          id: missing,
          checkRunId: 77,
          message: `check run 77 (gatehouse, success on c0ffee000000) announced decision ${missing}, but the log has no record of it: the record was deleted, or the run was not written by Gatehouse`,
        },
      ]);
    });

    it('reports a failed run of a decided gate, when its title is known', () => {
      const deleted = 'fedcba9876543210fedcba98';
      const report = crossCheck([
        aRun({ externalId: approved.id }),
        aRun({
          name: 'gatehouse: production',
          externalId: rejected.id,
          conclusion: 'failure',
          title: 'Rejected',
        }),
        aRun({ externalId: deleted, conclusion: 'failure', title: 'Expired after 24h without a decision' }),
        // Without a title a failed run could be an undecided gate: not counted against the log.
        aRun({ externalId: 'aaaaaaaaaaaaaaaaaaaaaaaa', conclusion: 'failure' }),
      ]);
      expect(report.findings.map((finding) => [finding.code, finding.id])).toEqual([
        ['check_run_without_record', deleted],
      ]);
    });

    it('ignores runs that decided nothing: undecided gates, superseded and pending runs, other checks', () => {
      const policy = policyFrom(
        'reviewers:\n  platform: ["@acme/platform"]\nrules:\n  - name: app\n    if: { paths: ["src/**"] }\n    reviewers: [platform]\n    require: [rollback_plan]\n',
      );
      const now = '2026-11-20T10:10:00Z';
      const { rollbackPlan: _none, ...unready } = aRequest();
      const notReady = renderCheckRun(unready, evaluateGate(policy, unready, someFacts(), now), policy, {
        now,
      });
      const blockedFacts = someFacts({
        teams: { 'acme/platform': { error: 'boom' } },
        statements: [comment(builderPeople.alice, '/approve')],
      });
      const blocked = renderCheckRun(
        aRequest(),
        evaluateGate(policy, aRequest(), blockedFacts, now),
        policy,
        { now },
      );
      // The titles the check-run renderer really writes for gates that decided nothing.
      expect([notReady.conclusion, notReady.title]).toEqual([
        'failure',
        'Not ready for approval: no rollback plan',
      ]);
      expect([blocked.conclusion, blocked.title.slice(0, 14)]).toEqual(['failure', 'Blocked: team ']);

      const report = crossCheck([
        aRun({ externalId: approved.id }),
        aRun({
          name: 'gatehouse: production',
          externalId: rejected.id,
          conclusion: 'failure',
          title: 'Rejected',
        }),
        aRun({ externalId: notReady.externalId, conclusion: 'failure', title: notReady.title }),
        aRun({ externalId: blocked.externalId, conclusion: 'failure', title: blocked.title }),
        aRun({ externalId: '111111111111111111111111', conclusion: 'neutral', title: 'Superseded' }),
        aRun({ externalId: '222222222222222222222222', status: 'in_progress', conclusion: null }),
        aRun({
          externalId: 'invalid-config-0123456789abcdef01234567',
          conclusion: 'failure',
          title: 'Invalid configuration: 1 problem',
        }),
        aRun({ name: 'ci', externalId: '333333333333333333333333' }),
      ]);
      expect(report.findings).toEqual([]);
      expect(report.integrity.crossCheck).toEqual({ checkRuns: 7, commits: 1 });
    });
  });

  describe('when a record of an audited commit has no run', () => {
    it('reports it, and only for the commits whose runs were read', () => {
      const report = crossCheck([aRun({ externalId: approved.id })]);
      expect(report.findings).toEqual([
        {
          code: 'record_without_check_run',
          path: `decisions/2026/03/${rejected.id}.md`,
          id: rejected.id,
          checkRunId: null,
          message:
            "no gatehouse: production check run on c0ffee000000 carries this record's id: the decision was never published on the commit, or the record was added to the log afterwards",
        },
      ]);
      // `elsewhere` is on a commit whose runs were not read: nothing expected of it.
      expect(report.records.find((row) => row.id === rejected.id)?.findings).toEqual([
        'record_without_check_run',
      ]);
    });

    it('checks a listed commit that has no runs at all', () => {
      const report = crossCheck([], [OTHER.toUpperCase()]);
      expect(report.findings.map((finding) => [finding.code, finding.id])).toEqual([
        ['record_without_check_run', elsewhere.id],
      ]);
      expect(report.integrity.crossCheck).toEqual({ checkRuns: 0, commits: 1 });
    });

    it('accepts a run that still shows the decision in progress', () => {
      const delayed = aRun({
        externalId: rejected.id,
        name: 'gatehouse: production',
        status: 'in_progress',
        conclusion: null,
      });
      expect(crossCheck([aRun({ externalId: approved.id }), delayed]).findings).toEqual([]);
    });
  });
});
