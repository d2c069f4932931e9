import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/core/model.ts';
import { decisionTime, isDecided } from '../../src/gate/publish-pull-request-gate.ts';
import { people, someFacts } from '../support/builders.ts';

const NOW = '2026-11-20T12:00:00.000Z';
const base: GateResult = {
  state: 'pending',
  risk: { tier: 'approve', level: 'approve', factors: [], rules: [], problems: [] },
  progress: [],
  statements: [],
  approvers: [],
  readiness: { ready: true, missing: [] },
  tampering: [],
  vetoes: [],
  problems: [],
};
const facts = someFacts({ requestedAt: '2026-11-20T10:00:00Z' });
const approval = (at: string) => ({
  approver: people.alice,
  at,
  statementId: 'c1',
  source: 'comment' as const,
  verb: 'approve' as const,
});

function timeOf(
  result: Partial<GateResult>,
  traces: Parameters<typeof decisionTime>[0]['traces'] = [],
): string {
  return decisionTime({ result: { ...base, ...result }, facts, traces, now: NOW });
}

describe('decisionTime', () => {
  it.each<[string, Partial<GateResult>, string]>([
    [
      'approved: the approval that completed the quorum',
      { state: 'approved', approvers: [approval('2026-11-20T10:20:00Z'), approval('2026-11-20T10:10:00Z')] },
      '2026-11-20T10:20:00.000Z',
    ],
    ['approved with no approver named: the clock', { state: 'approved' }, NOW],
    [
      'rejected: the rejection',
      { state: 'rejected', rejection: { by: people.bob, at: '2026-11-20T10:30:00Z', reason: 'no' } },
      '2026-11-20T10:30:00.000Z',
    ],
    [
      'changes requested: the request for changes',
      {
        state: 'changes_requested',
        modification: { by: people.bob, at: '2026-11-20T10:40:00Z', instructions: 'x' },
      },
      '2026-11-20T10:40:00.000Z',
    ],
    [
      'expired: the final deadline',
      { state: 'expired', expiredAfterMs: 8 * 3_600_000 },
      '2026-11-20T18:00:00.000Z',
    ],
    ['expired without a wait: the clock', { state: 'expired' }, NOW],
    [
      'escalated: the first deadline',
      { state: 'escalated', escalation: { at: '2026-11-20T14:00:00Z', to: ['backup'] } },
      '2026-11-20T14:00:00.000Z',
    ],
    ['auto-approved: the request', { state: 'auto_approved' }, '2026-11-20T10:00:00.000Z'],
    ['notified: the request', { state: 'notified' }, '2026-11-20T10:00:00.000Z'],
    [
      'proceeded on timeout with a safe default: the clock',
      { state: 'auto_approved', option: { key: 'a', name: 'Skip', description: '' } },
      NOW,
    ],
  ])('%s', (_case, result, expected) => {
    expect(timeOf(result)).toBe(expected);
  });

  it('dates tampering by the edit that was recorded, else by the clock', () => {
    const tampered: Partial<GateResult> = {
      state: 'rejected',
      rejection: { by: people.mallory, at: NOW, reason: 'tampering' },
      tampering: [{ statementId: '31', author: people.alice, editor: people.mallory }],
    };
    const edit = {
      commentId: 90,
      createdAt: '2026-11-20T10:09:00Z',
      trace: {
        type: 'edit' as const,
        comment: 31,
        editor: people.mallory,
        at: '2026-11-20T10:08:00Z',
        key: '0123456789abcdef01234567',
      },
    };
    expect(timeOf(tampered, [edit])).toBe('2026-11-20T10:08:00.000Z');
    expect(timeOf(tampered)).toBe(NOW);
  });
});

describe('isDecided', () => {
  it.each<[Partial<GateResult>, boolean]>([
    [{ state: 'pending' }, false],
    [{ state: 'approved' }, true],
    [{ state: 'approved', problems: ['team @acme/x could not be read'] }, false],
    [{ state: 'rejected', problems: ['team @acme/x could not be read'] }, true],
    [{ state: 'escalated' }, true],
  ])('%j → %s', (result, decided) => {
    expect(isDecided({ ...base, ...result })).toBe(decided);
  });
});
