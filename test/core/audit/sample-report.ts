// A small audit for the renderer tests: two decisions, one of them approved faster than it could
// have been read, a file that is not a record, and untrusted text where the log allows it.
import { type AuditReport, createAuditReport } from '../../../src/core/audit/index.ts';
import type { Actor } from '../../../src/core/model.ts';
import { aLog, aRecord, people } from './audit-log.ts';

export const HOSTILE = '<img src=x onerror=alert(1)>';

export function aSmallReport(options: { hostile?: boolean } = {}): AuditReport {
  const approver: Actor = options.hostile ? { id: 66, login: HOSTILE, type: 'User' } : people.alice;
  const approved = aRecord({
    decision: 'approved',
    environment: 'production',
    rules: ['migrations'],
    sha: 'c0ffee0000000000000000000000000000000001',
    pullRequest: 7,
    action: options.hostile
      ? `=HYPERLINK("https://evil.example") ${HOSTILE}`
      : 'Add an index on orders.created_at',
    files: 12,
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt: '2026-03-02T10:01:30Z',
    approvers: [[approver, '2026-03-02T10:01:30Z']],
  });
  const rejected = aRecord({
    decision: 'rejected',
    rules: ['gatehouse-config'],
    sha: 'c0ffee0000000000000000000000000000000002',
    pullRequest: 8,
    action: 'Relax the production rule',
    requestedAt: '2026-03-10T09:00:00Z',
    decidedAt: '2026-03-10T09:45:00Z',
    rejectedBy: people.carol,
    reason: options.hostile ? `${HOSTILE} | @everyone\n-2+3` : 'collides with the nightly export | see #12',
  });
  return createAuditReport(
    [...aLog(approved, rejected), { path: 'decisions/2026/03/notes.md', text: '# notes\n' }],
    {
      filters: { since: '2026-03-01T00:00:00.000Z' },
      now: '2026-04-01T08:00:00Z',
      source: 'gatehouse-log@1a2b3c4d5e6f:decisions in /src/shop',
    },
  );
}
