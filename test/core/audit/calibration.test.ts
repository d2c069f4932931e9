import { describe, expect, it } from 'vitest';
import { type AuditEntry, type AuditOptions, createAuditReport } from '../../../src/core/audit/index.ts';
import type { DecisionRecord } from '../../../src/core/decision-record.ts';
import { aLog, aRecord, type DecisionSpec, minutesAfter, people } from './audit-log.ts';

const T = '2026-03-02T10:00:00Z';

function calibrate(entries: AuditEntry[], options: Partial<AuditOptions> = {}) {
  return createAuditReport(entries, { filters: {}, now: '2026-04-01T00:00:00Z', source: 'test', ...options })
    .calibration;
}

/** A decision `minutes` after its request, approved (if it was) by alice at that moment. */
function decided(spec: Partial<DecisionSpec> & { minutes: number; start?: string }): DecisionRecord {
  const start = spec.start ?? T;
  const at = minutesAfter(start, spec.minutes);
  const decision = spec.decision ?? 'approved';
  return aRecord({
    requestedAt: start,
    decidedAt: at,
    ...(decision === 'approved' || decision === 'delayed' ? { approvers: [[people.alice, at]] } : {}),
    ...(decision === 'rejected' ? { rejectedBy: people.carol } : {}),
    ...(decision === 'changes_requested' ? { modifiedBy: people.carol } : {}),
    ...spec,
    decision,
  });
}

describe('calibration', () => {
  describe('approval latency', () => {
    // migrations, timed: 10m, 0.5m, 60m, 20m → sorted 30s, 600s, 1200s, 3600s:
    // median (600 + 1200) / 2 = 900 s; p90 by nearest rank: ⌈0.9 × 4⌉ = 4th = 3600 s.
    const log = aLog(
      decided({ rules: ['migrations'], environment: 'production', minutes: 10 }),
      decided({ rules: ['migrations'], environment: 'production', minutes: 0.5 }),
      decided({ rules: ['migrations'], environment: 'production', minutes: 60, decision: 'rejected' }),
      decided({ rules: ['migrations'], minutes: 20, decision: 'changes_requested' }),
      decided({ rules: ['migrations'], environment: 'production', minutes: 240, decision: 'expired' }),
      decided({ minutes: 5 }),
    );

    it('is measured per rule over the decisions people made', () => {
      expect(calibrate(log).latency.byRule).toEqual([
        {
          rule: 'migrations',
          decisions: 5,
          count: 4,
          medianSeconds: 900,
          p90Seconds: 3600,
          approvals: 2,
          rubberStamps: 1,
        },
        {
          rule: null,
          decisions: 1,
          count: 1,
          medianSeconds: 300,
          p90Seconds: 300,
          approvals: 1,
          rubberStamps: 0,
        },
      ]);
    });

    it('is measured per environment, pull request gates apart', () => {
      // production, timed: 600, 30, 3600 → median 600, p90 ⌈2.7⌉ = 3rd = 3600.
      expect(calibrate(log).latency.byEnvironment).toEqual([
        { environment: 'production', decisions: 4, count: 3, medianSeconds: 600, p90Seconds: 3600 },
        { environment: null, decisions: 2, count: 2, medianSeconds: 750, p90Seconds: 1200 },
      ]);
    });
  });

  describe('rubber stamps', () => {
    it('are approvals faster than the larger of the minimum and the time per changed file', () => {
      // 20 s per file, at least 60 s: 3 files → 60 s; 10 files → 200 s; unknown → 60 s.
      const fast = decided({ rules: ['app'], files: 3, minutes: 0.9 }); // 54 s < 60 s
      const read = decided({ rules: ['app'], files: 3, minutes: 1 }); // 60 s: not under
      const big = decided({ rules: ['app'], files: 10, minutes: 3 }); // 180 s < 200 s
      const unknown = decided({ rules: ['app'], files: 'unknown', minutes: 0.5 }); // 30 s < 60 s
      const stamps = calibrate(aLog(fast, read, big, unknown)).rubberStamps;
      expect(
        stamps.map((stamp) => [stamp.id, stamp.seconds, stamp.thresholdSeconds, stamp.changedFiles]),
      ).toEqual([
        [unknown.id, 30, 60, null],
        [fast.id, 54, 60, 3],
        [big.id, 180, 200, 10],
      ]);
      expect(stamps[0]).toEqual({
        id: unknown.id,
        path: `decisions/2026/03/${unknown.id}.md`,
        login: 'alice',
        userId: 1,
        at: '2026-03-02T10:00:30Z',
        seconds: 30,
        thresholdSeconds: 60,
        changedFiles: null,
        rules: ['app'],
        environment: null,
      });
    });

    it('are judged against the thresholds given', () => {
      const record = decided({ rules: ['app'], files: 10, minutes: 3 });
      const options = { rubberStamp: { secondsPerFile: 10, minimumSeconds: 30 } };
      expect(calibrate(aLog(record), options).rubberStamps).toEqual([]);
      expect(calibrate(aLog(record), options).thresholds.rubberStamp).toEqual(options.rubberStamp);
    });

    it('leave out acknowledgements and gates below the approve tier, which are meant to be quick', () => {
      const ack = decided({ rules: ['app'], level: 'acknowledge', minutes: 0.1 });
      const notify = decided({ rules: ['app'], tier: 'notify', minutes: 0.1 });
      const calibration = calibrate(aLog(ack, notify));
      expect(calibration.rubberStamps).toEqual([]);
      expect(calibration.latency.byRule[0]).toMatchObject({ approvals: 0, rubberStamps: 0 });
    });

    it('count an approval given before Gatehouse asked, with its negative time', () => {
      const early = aRecord({
        decision: 'approved',
        rules: ['app'],
        requestedAt: T,
        decidedAt: T,
        approvers: [[people.bob, minutesAfter(T, -2)]],
      });
      expect(calibrate(aLog(early)).rubberStamps.map((stamp) => stamp.seconds)).toEqual([-120]);
    });
  });

  describe('rules that always pass', () => {
    it('are suggested for a lower level after five decisions passed as asked', () => {
      // Approvals after 2, 4, 6, 8 and 10 minutes of a 10-file change: the 2-minute one (120 s) is
      // under 200 s, a rubber stamp.
      const log = aLog(
        ...[2, 4, 6, 8, 10].map((minutes) => decided({ rules: ['docs'], files: 10, minutes })),
        decided({ rules: ['docs'], decision: 'auto_approved', tier: 'proceed', minutes: 0 }),
      );
      expect(calibrate(log).alwaysApproved).toEqual([
        {
          rule: 'docs',
          decisions: 6,
          approved: 5,
          autoApproved: 1,
          level: 'approve',
          rubberStamps: 1,
          suggestion:
            'all 6 decisions passed as asked, none rejected or sent back; 1 approval came faster than the request could be read: lower its level to review or acknowledge, or its tier to notify',
        },
      ]);
    });

    it('name the next lower step for each level', () => {
      const review = [1, 2, 3, 4, 5].map((minutes) =>
        decided({ rules: ['r'], level: 'review', minutes: minutes * 10 }),
      );
      const ack = [1, 2, 3, 4, 5].map((minutes) => decided({ rules: ['a'], level: 'acknowledge', minutes }));
      expect(
        calibrate(aLog(...review, ...ack)).alwaysApproved.map((row) => [row.rule, row.suggestion]),
      ).toEqual([
        [
          'a',
          'all 5 decisions passed as asked, none rejected or sent back: lower its tier to notify (proceed, and record who was told)',
        ],
        [
          'r',
          'all 5 decisions passed as asked, none rejected or sent back: lower its level to acknowledge, or its tier to notify',
        ],
      ]);
    });

    it.each<[string, DecisionRecord[]]>([
      ['four decisions', [1, 2, 3, 4].map((minutes) => decided({ rules: ['x'], minutes: minutes * 10 }))],
      [
        'one rejection among them',
        [
          ...[1, 2, 3, 4, 5].map((minutes) => decided({ rules: ['x'], minutes: minutes * 10 })),
          decided({ rules: ['x'], minutes: 30, decision: 'rejected' }),
        ],
      ],
      [
        'one request for changes among them',
        [
          ...[1, 2, 3, 4, 5].map((minutes) => decided({ rules: ['x'], minutes: minutes * 10 })),
          decided({ rules: ['x'], minutes: 30, decision: 'changes_requested' }),
        ],
      ],
      [
        'nobody ever asked',
        [1, 2, 3, 4, 5].map((minutes) =>
          decided({ rules: ['x'], minutes, decision: 'auto_approved', tier: 'proceed' }),
        ),
      ],
    ])('are not called so with %s', (_case, records) => {
      expect(calibrate(aLog(...records)).alwaysApproved).toEqual([]);
    });
  });

  describe('rules often expired, escalated or bypassed', () => {
    const timeout = 'flaky: no decision before the deadline; proceeding with the safe default "Later"';

    it('are flagged from a quarter of the decisions and at least three, with what to look at', () => {
      const log = aLog(
        decided({ rules: ['flaky'], decision: 'expired', minutes: 60 }),
        decided({ rules: ['flaky'], decision: 'escalated', minutes: 60 }),
        decided({ rules: ['flaky'], decision: 'auto_approved', reason: timeout, minutes: 60 }),
        decided({ rules: ['flaky'], minutes: 5 }),
        ...[1, 2, 3].map((minutes) =>
          decided({
            rules: ['waived'],
            decision: 'auto_approved',
            reason: 'mode ask-once: approved before',
            minutes,
          }),
        ),
        decided({ rules: ['waived'], minutes: 5 }),
      );
      expect(calibrate(log).frequentlyBypassed).toEqual([
        {
          rule: 'flaky',
          decisions: 4,
          expired: 1,
          escalated: 1,
          proceededOnTimeout: 1,
          waived: 0,
          share: 0.75,
          suggestion:
            'its requests often go unanswered: check that its reviewers and escalate_to reach people who can decide, and that its timeout fits how fast they answer',
        },
        {
          rule: 'waived',
          decisions: 4,
          expired: 0,
          escalated: 0,
          proceededOnTimeout: 0,
          waived: 3,
          share: 0.75,
          suggestion:
            'it is often waived (mode, allow or ask-once): if that is intended, lower its tier; if not, narrow allow or change the mode',
        },
      ]);
    });

    it('say so when the gate mostly proceeds on timeout', () => {
      const log = aLog(
        ...[1, 2, 3].map((minutes) =>
          decided({ rules: ['slow'], decision: 'auto_approved', reason: timeout, minutes }),
        ),
      );
      expect(calibrate(log).frequentlyBypassed[0]?.suggestion).toBe(
        'it often proceeds on timeout with its safe default, so nobody decides: make it a notify-tier rule, or make sure it reaches its reviewers',
      );
    });

    it.each<[string, DecisionRecord[]]>([
      [
        'two of four',
        [
          decided({ rules: ['x'], decision: 'expired', minutes: 1 }),
          decided({ rules: ['x'], decision: 'expired', minutes: 1 }),
          decided({ rules: ['x'], minutes: 1 }),
          decided({ rules: ['x'], minutes: 1 }),
        ],
      ],
      [
        'three of thirteen',
        [
          ...[1, 2, 3].map((minutes) => decided({ rules: ['x'], decision: 'expired', minutes })),
          ...Array.from({ length: 10 }, (_, index) => decided({ rules: ['x'], minutes: index + 1 })),
        ],
      ],
      [
        'low-risk gates that proceed on their own',
        [1, 2, 3].map((minutes) =>
          decided({ rules: ['x'], decision: 'auto_approved', tier: 'proceed', minutes }),
        ),
      ],
    ])('are not flagged at %s', (_case, records) => {
      expect(calibrate(aLog(...records)).frequentlyBypassed).toEqual([]);
    });
  });

  describe('first-time and routine decisions', () => {
    it('follow precedent as the risk evaluation computes it', () => {
      const records = [
        decided({ rules: ['migrations'], pullRequest: 1, minutes: 10, start: '2026-03-02T10:00:00Z' }), // first
        decided({ rules: ['migrations'], pullRequest: 1, minutes: 1, start: '2026-03-02T11:00:00Z' }), // own PR: first
        decided({
          rules: ['migrations'],
          pullRequest: 2,
          minutes: 30,
          start: '2026-03-02T12:00:00Z',
          decision: 'rejected',
        }), // routine
        decided({
          rules: ['migrations'],
          kind: 'deploy',
          pullRequest: 3,
          minutes: 20,
          start: '2026-03-02T13:00:00Z',
        }), // new kind: first
        decided({ kind: 'deploy', pullRequest: 4, minutes: 2, start: '2026-03-02T14:00:00Z' }), // routine
        decided({ pullRequest: 5, minutes: 3, start: '2026-03-02T15:00:00Z' }), // neither
        decided({ rules: ['new'], pullRequest: 6, minutes: 4, start: '2026-03-02T16:00:00Z' }), // first
        decided({ rules: ['new'], pullRequest: 7, minutes: 4, start: '2026-03-02T16:00:00Z' }), // same moment: first
      ];
      const report = createAuditReport(aLog(...records), { filters: {}, now: T, source: 'test' });
      expect(report.records.map((row) => row.precedent)).toEqual([
        'first_time',
        'first_time',
        'routine',
        'first_time',
        'routine',
        null,
        'first_time',
        'first_time',
      ]);
      // First-time latencies 600, 60, 1200, 240, 240 s → median 240, p90 ⌈4.5⌉ = 5th = 1200.
      // Routine: 1800 (rejected) and 120 s → median 960; p90 ⌈1.8⌉ = 2nd = 1800.
      expect(report.calibration.firstTime).toEqual({
        decisions: 5,
        count: 5,
        medianSeconds: 240,
        p90Seconds: 1200,
        rejected: 0,
        rubberStamps: 0,
      });
      expect(report.calibration.routine).toEqual({
        decisions: 2,
        count: 2,
        medianSeconds: 960,
        p90Seconds: 1800,
        rejected: 1,
        rubberStamps: 0,
      });
    });

    it('count a decision outside any pull request as precedent for all, and take one as routine', () => {
      const request = decided({
        rules: ['backup'],
        pullRequest: null,
        minutes: 5,
        start: '2026-03-02T10:00:00Z',
      });
      const inPullRequest = decided({
        rules: ['backup'],
        pullRequest: 3,
        minutes: 5,
        start: '2026-03-02T11:00:00Z',
      });
      const another = decided({
        rules: ['backup'],
        pullRequest: null,
        minutes: 5,
        start: '2026-03-02T12:00:00Z',
      });
      const report = createAuditReport(aLog(request, inPullRequest, another), {
        filters: {},
        now: T,
        source: 'test',
      });
      expect(report.records.map((row) => [row.pull_request, row.precedent])).toEqual([
        [null, 'first_time'],
        [3, 'routine'],
        [null, 'routine'],
      ]);
    });

    it('count history the filters hide', () => {
      const first = decided({
        rules: ['migrations'],
        pullRequest: 1,
        minutes: 10,
        start: '2026-01-05T10:00:00Z',
      });
      const later = decided({
        rules: ['migrations'],
        pullRequest: 2,
        minutes: 10,
        start: '2026-03-02T10:00:00Z',
      });
      const report = createAuditReport(aLog(first, later), {
        filters: { since: '2026-03-01T00:00:00Z' },
        now: T,
        source: 'test',
      });
      expect(report.records.map((row) => row.precedent)).toEqual(['routine']);
    });
  });

  describe('decisions over time', () => {
    it('are counted per ISO week, with the empty weeks between', () => {
      const weeks = calibrate(
        aLog(
          decided({ minutes: 1, start: '2026-03-02T10:00:00Z' }), // Monday of 2026-W10
          decided({ minutes: 1, start: '2026-03-08T23:00:00Z', decision: 'rejected' }), // its Sunday
          decided({ minutes: 1, start: '2026-03-17T10:00:00Z' }), // 2026-W12
        ),
      ).overTime;
      expect(
        weeks.map((week) => [
          week.week,
          week.start,
          week.total,
          week.byDecision.approved,
          week.byDecision.rejected,
        ]),
      ).toEqual([
        ['2026-W10', '2026-03-02', 2, 1, 1],
        ['2026-W11', '2026-03-09', 0, 0, 0],
        ['2026-W12', '2026-03-16', 1, 1, 0],
      ]);
      expect(Object.keys(weeks[0]?.byDecision ?? {})).toHaveLength(9);
    });

    it('follow ISO week years across the new year', () => {
      const weeks = calibrate(
        aLog(
          decided({ minutes: 1, start: '2026-12-31T10:00:00Z' }), // Thursday: 2026-W53
          decided({ minutes: 1, start: '2027-01-03T10:00:00Z' }), // Sunday: still 2026-W53
          decided({ minutes: 1, start: '2027-01-04T10:00:00Z' }), // Monday: 2027-W01
          decided({ minutes: 1, start: '2025-12-29T10:00:00Z' }), // Monday: 2026-W01
        ),
      ).overTime;
      expect(weeks.at(0)?.week).toBe('2026-W01');
      expect(weeks.slice(-2).map((week) => [week.week, week.start, week.total])).toEqual([
        ['2026-W53', '2026-12-28', 2],
        ['2027-W01', '2027-01-04', 1],
      ]);
      expect(weeks).toHaveLength(54);
    });

    it('leave out empty weeks when the dates are ten years apart', () => {
      const weeks = calibrate(
        aLog(
          decided({ minutes: 1, start: '2016-03-02T10:00:00Z' }),
          decided({ minutes: 1, start: '2026-03-02T10:00:00Z' }),
        ),
      ).overTime;
      expect(weeks.map((week) => week.week)).toEqual(['2016-W09', '2026-W10']);
    });
  });

  describe('by reviewer', () => {
    it('counts what each person decided and how long they took to answer', () => {
      const renamed = { ...people.alice, login: 'alice-new' };
      const calibration = calibrate(
        aLog(
          decided({ rules: ['app'], minutes: 10 }),
          decided({ rules: ['app'], minutes: 0.5, start: '2026-03-03T10:00:00Z' }),
          aRecord({
            decision: 'approved',
            requestedAt: '2026-03-04T10:00:00Z',
            decidedAt: '2026-03-04T11:00:00Z',
            approvers: [
              [renamed, '2026-03-04T10:20:00Z'],
              [people.bob, '2026-03-04T11:00:00Z'],
            ],
          }),
          decided({ minutes: 30, decision: 'rejected' }),
          decided({ minutes: 45, decision: 'changes_requested' }),
        ),
      );
      // alice: 600, 30, 1200 s → median 600, p90 1200; one rubber stamp (30 s). Her newest login shows.
      // carol: 1800 and 2700 s → median 2250.
      expect(calibration.byReviewer).toEqual([
        {
          login: 'alice-new',
          id: 1,
          approvals: 3,
          rejections: 0,
          changesRequested: 0,
          count: 3,
          medianSeconds: 600,
          p90Seconds: 1200,
          rubberStamps: 1,
        },
        {
          login: 'carol',
          id: 3,
          approvals: 0,
          rejections: 1,
          changesRequested: 1,
          count: 2,
          medianSeconds: 2250,
          p90Seconds: 2700,
          rubberStamps: 0,
        },
        {
          login: 'bob',
          id: 2,
          approvals: 1,
          rejections: 0,
          changesRequested: 0,
          count: 1,
          medianSeconds: 3600,
          p90Seconds: 3600,
          rubberStamps: 0,
        },
      ]);
    });
  });
});
