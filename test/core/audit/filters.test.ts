import { describe, expect, it } from 'vitest';
import { type AuditFilters, createAuditReport } from '../../../src/core/audit/index.ts';
import { aLog, aRecord, people } from './audit-log.ts';

const log = aLog(
  aRecord({
    decision: 'approved',
    action: 'pr-approved',
    rules: ['migrations'],
    requestedAt: '2026-01-31T23:00:00Z',
    decidedAt: '2026-01-31T23:59:59Z',
    approvers: [[people.alice, '2026-01-31T23:59:59Z']],
  }),
  aRecord({
    decision: 'approved',
    action: 'prod-approved',
    environment: 'Production',
    rules: ['production-deploys', 'migrations'],
    requestedAt: '2026-02-01T00:00:00Z',
    decidedAt: '2026-02-01T00:00:00Z',
    approvers: [
      [people.bob, '2026-02-01T00:00:00Z'],
      [people.carol, '2026-02-01T00:00:00Z'],
    ],
  }),
  aRecord({
    decision: 'rejected',
    action: 'staging-rejected',
    environment: 'staging',
    rules: ['staging-deploys'],
    requestedAt: '2026-02-10T10:00:00Z',
    decidedAt: '2026-02-10T11:00:00Z',
    rejectedBy: people.alice,
  }),
  aRecord({
    decision: 'expired',
    action: 'prod-expired',
    environment: 'production-eu',
    rules: ['production-deploys'],
    requestedAt: '2026-03-01T10:00:00Z',
    decidedAt: '2026-03-02T10:00:00Z',
  }),
);

function shown(filters: AuditFilters): string[] {
  return createAuditReport(log, { filters, now: '2026-04-01T00:00:00Z', source: 'test' }).records.map(
    (row) => row.action,
  );
}

describe('audit filters', () => {
  it('show every record when none is set, oldest first', () => {
    expect(shown({})).toEqual(['pr-approved', 'prod-approved', 'staging-rejected', 'prod-expired']);
  });

  it.each<[string, AuditFilters, string[]]>([
    [
      'since, inclusive',
      { since: '2026-02-01T00:00:00Z' },
      ['prod-approved', 'staging-rejected', 'prod-expired'],
    ],
    ['until, inclusive', { until: '2026-02-01T00:00:00.000Z' }, ['pr-approved', 'prod-approved']],
    [
      'since with an offset',
      { since: '2026-02-01T01:00:00+01:00' },
      ['prod-approved', 'staging-rejected', 'prod-expired'],
    ],
    ['a period', { since: '2026-02-01T00:00:01Z', until: '2026-02-28T23:59:59.999Z' }, ['staging-rejected']],
    ['a check name', { gate: 'gatehouse: production' }, ['prod-approved']],
    ['a check name in other case', { gate: 'GATEHOUSE' }, ['pr-approved']],
    ['a gate kind', { gate: 'deployment' }, ['prod-approved', 'staging-rejected', 'prod-expired']],
    ['a check-name glob', { gate: 'gatehouse: prod*' }, ['prod-approved', 'prod-expired']],
    ['an environment, case-insensitive', { environment: 'production' }, ['prod-approved']],
    ['an environment glob', { environment: '*-eu' }, ['prod-expired']],
    ['a one-character wildcard', { environment: 'stagin?' }, ['staging-rejected']],
    ['a decision', { decision: 'approved' }, ['pr-approved', 'prod-approved']],
    ['an approver', { approver: 'CAROL' }, ['prod-approved']],
    ['an approver written as a mention', { approver: '@alice' }, ['pr-approved']],
    ['a rule', { rule: 'migrations' }, ['pr-approved', 'prod-approved']],
    ['a rule glob', { rule: '*-deploys' }, ['prod-approved', 'staging-rejected', 'prod-expired']],
    ['several at once', { rule: 'production-deploys', decision: 'expired' }, ['prod-expired']],
    ['a name with regex characters, literally', { rule: 'migrations.' }, []],
  ])('match %s', (_case, filters, expected) => {
    expect(shown(filters)).toEqual(expected);
  });

  it('count an approver only where they approved, not where they rejected', () => {
    expect(shown({ approver: 'alice' })).not.toContain('staging-rejected');
  });

  it('are written into the report in a fixed order', () => {
    const report = createAuditReport(log, {
      filters: { rule: 'migrations', since: '2026-01-01T00:00:00Z', decision: 'approved' },
      now: '2026-04-01T00:00:00Z',
      source: 'test',
    });
    expect(Object.keys(report.filters)).toEqual(['since', 'decision', 'rule']);
    expect(report.totals).toMatchObject({ records: 4, shown: 2 });
  });

  it('refuse a time that is not one', () => {
    expect(() =>
      createAuditReport(log, {
        filters: { until: 'last week' },
        now: '2026-04-01T00:00:00Z',
        source: 'test',
      }),
    ).toThrow('audit filter until: not an ISO time: last week');
  });
});
