// Review bodies have one meaning (issue 10, class 8): every review state × body, judged by the
// engine the way a comment is, with the review's state only ever adding caution.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/core/gate.ts';
import type { GateResult, Statement } from '../../src/core/model.ts';
import {
  aRequest,
  comment,
  HEAD,
  minutesAfterPush,
  people,
  policyFrom,
  review,
  someFacts,
} from '../support/builders.ts';

const policy = policyFrom(`
reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    reviewers: [platform]
    approvals: 1
`);
const migration = aRequest({
  files: { paths: ['db/migrations/001_drop_status.sql'], complete: true },
  options: [
    { key: 'a', name: 'Drop now', description: 'Run the migration in this deploy.' },
    { key: 'b', name: 'Off-peak', description: 'Run it at 02:00 UTC.' },
  ],
});
const NOW = minutesAfterPush(30);

function gate(statements: Statement[]): GateResult {
  return evaluateGate(policy, migration, someFacts({ statements }), NOW);
}

/** alice's review on the head, with these fields. */
function aliceReviews(
  state: NonNullable<Statement['reviewState']>,
  body: string,
  extra: Partial<Statement> = {},
): Statement {
  return { ...review(people.alice, state, HEAD, minutesAfterPush(6), body), ...extra };
}

/** What a review's statement comes to, given alice approved by comment just before it. */
type Outcome =
  | 'approves'
  | 'withdraws'
  | 'rejects'
  | 'requests changes'
  | 'acknowledges only'
  | 'delays'
  | 'is unusable'
  | 'is dismissed'
  | 'says nothing';

/** The review's verdict (verb: reason) and the gate's state, for each outcome. */
const EXPECTED: Record<Outcome, { verdict: string | undefined; state: GateResult['state'] }> = {
  approves: { verdict: '/approve: counted for migrations', state: 'approved' },
  withdraws: { verdict: '/approve cancel: counted: withdraws earlier statements', state: 'pending' },
  rejects: { verdict: '/reject: counted: a rejection blocks the gate', state: 'rejected' },
  'requests changes': { verdict: '/modify: counted: changes requested', state: 'changes_requested' },
  'acknowledges only': {
    verdict: '/ack: ignored: /ack acknowledges; migrations needs /approve',
    state: 'pending',
  },
  delays: { verdict: '/delay: counted for migrations', state: 'delayed' },
  // Ignored, so alice's earlier /approve comment still stands, as after an unusable comment.
  'is unusable': {
    verdict:
      '/delay: ignored: could not read "soon" as a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)',
    state: 'approved',
  },
  'is dismissed': { verdict: '/review: ignored: the review was dismissed', state: 'approved' },
  'says nothing': { verdict: undefined, state: 'approved' },
};

type State = NonNullable<Statement['reviewState']>;
const STATES: State[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

/** The outcomes of the table below, one letter each. */
const CODES = {
  A: 'approves',
  W: 'withdraws',
  R: 'rejects',
  M: 'requests changes',
  K: 'acknowledges only',
  D: 'delays',
  U: 'is unusable',
  X: 'is dismissed',
  '-': 'says nothing',
} as const satisfies Record<string, Outcome>;
type Code = keyof typeof CODES;

/**
 * Body → what it comes to in a review that is APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED.
 * A PENDING review (not submitted) is never read, whatever its body.
 */
// biome-ignore format: a table reads best as a table
const MATRIX: [body: string, approved: Code, changesRequested: Code, commented: Code, dismissed: Code][] = [
  ['',                                          'A', 'M', '-', 'X'],
  ['Looks good',                                'A', 'M', '-', 'X'],
  ['/approve',                                  'A', 'M', 'A', 'X'],
  ['/approve b',                                'A', 'M', 'A', 'X'],
  ['/recheck',                                  'A', 'M', '-', 'X'],
  ['/approve cancel',                           'W', 'M', 'W', 'X'],
  ['/approve cancelled',                        'W', 'M', 'W', 'X'],
  ['/approve CANCELED',                         'W', 'M', 'W', 'X'],
  ['/remove-approve',                           'W', 'M', 'W', 'X'],
  ['/approve\n/approve cancel',                 'W', 'M', 'W', 'X'],
  ['Oops, wrong pull request.\n/approve cancel', 'W', 'M', '-', 'X'],
  ['/reject too risky',                         'R', 'R', 'R', 'R'],
  ['/approve b\n/reject too risky',             'R', 'R', 'R', 'R'],
  ['/approve cancel\n/reject too risky',        'R', 'R', 'R', 'R'],
  ['Looks good.\n\n/reject too risky',          'R', 'R', '-', 'R'],
  ['Looks good.\n> /reject too risky',          'A', 'M', '-', 'X'],
  ['/modify add an index first',                'M', 'M', 'M', 'X'],
  ['/ack',                                      'K', 'M', 'K', 'X'],
  ['/delay 4h',                                 'D', 'M', 'D', 'X'],
  ['/delay soon',                               'U', 'M', 'U', 'X'],
];

const CASES = MATRIX.flatMap(([body, ...codes]) =>
  STATES.map((state, column) => [state, body, CODES[codes[column] ?? '-']] as const),
);

function verdictOf(result: GateResult, statement: Statement): string | undefined {
  const verdict = result.statements.find((entry) => entry.statement.id === statement.id);
  return verdict && `/${verdict.verb}: ${verdict.reason}`;
}

describe('review statements', () => {
  describe('every state × body, after the reviewer approved by comment', () => {
    it.each(CASES)('a %s review with body %j %s', (state, body, outcome) => {
      const approval = comment(people.alice, '/approve', minutesAfterPush(5));
      const statement = aliceReviews(state, body);
      const result = gate([approval, statement]);
      expect({ verdict: verdictOf(result, statement), state: result.state }).toEqual(EXPECTED[outcome]);
    });

    it('reads the reason of a veto in an approving review from its /reject line', () => {
      const result = gate([aliceReviews('APPROVED', 'LGTM overall.\n/reject too risky\nthe lock is long')]);
      expect(result.rejection).toEqual({
        by: people.alice,
        at: minutesAfterPush(6),
        reason: 'too risky\nthe lock is long',
      });
    });

    it('keeps the option an approving review picks, and what follows it as the note, as a comment’s', () => {
      const result = gate([aliceReviews('APPROVED', '/approve b\nOff-peak is safer')]);
      expect(result).toMatchObject({ state: 'approved', option: { key: 'b' } });
      expect(result.approvers[0]?.note).toBe('Off-peak is safer');
    });

    it('takes the instructions of a request for changes from its /modify line', () => {
      expect(
        gate([aliceReviews('CHANGES_REQUESTED', '/modify add an index first')]).modification,
      ).toMatchObject({
        instructions: 'add an index first',
      });
      expect(gate([aliceReviews('CHANGES_REQUESTED', 'Please split it')]).modification).toMatchObject({
        instructions: 'Please split it',
      });
    });

    it('keeps a veto in a dismissed review until its author withdraws it', () => {
      const veto = aliceReviews('DISMISSED', '/reject too risky');
      expect(gate([veto]).state).toBe('rejected');
      const withdrawn = comment(people.alice, '/approve cancel', minutesAfterPush(7));
      expect(gate([veto, withdrawn]).state).toBe('pending');
    });
  });

  describe('for any body', () => {
    const words = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.!?]{0,30}$/);
    const lines = fc.array(
      fc.oneof(words, fc.constantFrom('/approve', '/approve b', '/ack', '/delay 4h', '')),
      {
        maxLength: 4,
      },
    );

    it('an approving, changes-requesting or dismissed review with a /reject line rejects the gate', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<State>('APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'),
          lines,
          words,
          lines,
          (state, before, reason, after) => {
            const body = [...before, `/reject ${reason}`, ...after].join('\n');
            const bob = comment(people.bob, '/approve', minutesAfterPush(5));
            expect(gate([bob, aliceReviews(state, body)]).state).toBe('rejected');
          },
        ),
        { numRuns: 300 },
      );
    });

    it('an approving review with a withdrawal line never approves', () => {
      const withdrawal = fc.constantFrom(
        '/approve cancel',
        '/approve cancelled',
        '/approve Canceled',
        '/remove-approve',
      );
      fc.assert(
        fc.property(lines, withdrawal, lines, (before, line, after) => {
          const body = [...before, line, ...after].join('\n');
          const result = gate([aliceReviews('APPROVED', body)]);
          expect(result.state).not.toBe('approved');
          expect(result.approvers).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('edited reviews, like edited comments (L1, L2)', () => {
    const EDITED = { updatedAt: minutesAfterPush(20) };

    it.each([
      ['an approving review', 'APPROVED', ''],
      ['an approving review that says /approve', 'APPROVED', '/approve b'],
      ['a commenting review that says /approve', 'COMMENTED', '/approve'],
      ['a commenting review that says /delay', 'COMMENTED', '/delay 1h'],
    ] as const)('never counts %s edited by its author after it was submitted', (_name, state, body) => {
      const statement = aliceReviews(state, body, EDITED);
      const result = gate([statement]);
      expect(result.state).toBe('pending');
      expect(result.approvers).toEqual([]);
      expect(result.statements[0]?.reason).toBe(
        'ignored: an edited approval never counts; submit a new review',
      );
    });

    it('judges an edited approving review as it judges an edited /approve comment', () => {
      const asReview = gate([aliceReviews('COMMENTED', '/approve', EDITED)]).statements[0];
      const asComment = gate([comment(people.alice, '/approve', minutesAfterPush(6), EDITED)]).statements[0];
      expect(asReview?.counted).toBe(false);
      expect(asComment?.counted).toBe(false);
      expect(asReview?.reason.replace('submit a new review', 'post a new comment')).toBe(asComment?.reason);
    });

    it('counts an approving review whose update time is its submit time, or unknown', () => {
      expect(gate([aliceReviews('APPROVED', '', { updatedAt: minutesAfterPush(6) })]).state).toBe('approved');
      expect(gate([aliceReviews('APPROVED', '')]).state).toBe('approved');
    });

    it.each([
      ['an approving review edited to hold a /reject', 'APPROVED', '/reject too risky', 'rejected'],
      ['a request for changes', 'CHANGES_REQUESTED', 'split it', 'changes_requested'],
      ['a withdrawal', 'APPROVED', '/approve cancel', 'pending'],
    ] as const)('still counts %s when its author edited it', (_name, state, body, expected) => {
      const approval = comment(people.alice, '/approve', minutesAfterPush(5));
      expect(gate([approval, aliceReviews(state, body, EDITED)]).state).toBe(expected);
    });

    it('keeps an earlier approval of the same reviewer when their approving review was edited', () => {
      const approval = comment(people.alice, '/approve', minutesAfterPush(5));
      expect(gate([approval, aliceReviews('APPROVED', '', EDITED)]).state).toBe('approved');
    });

    it.each([
      ['an approving review', 'APPROVED', 'LGTM'],
      ['an approving review edited into a /reject', 'APPROVED', '/reject'],
      ['a commenting review whose command was edited away', 'COMMENTED', 'nothing to see'],
      ['a request for changes', 'CHANGES_REQUESTED', ''],
    ] as const)('fails the gate as tampering when someone else edited %s', (_name, state, body) => {
      const statement = aliceReviews(state, body, { ...EDITED, editors: [people.mallory] });
      const result = gate([statement, comment(people.bob, '/approve', minutesAfterPush(7))]);
      expect(result).toMatchObject({
        state: 'rejected',
        tampering: [{ statementId: statement.id, author: people.alice, editor: people.mallory }],
        reason: 'tampering: @mallory edited a command comment written by @alice',
      });
      expect(result.statements[0]?.reason).toBe('tampering: edited by @mallory, who did not write it');
    });
  });
});
