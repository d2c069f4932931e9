// Which comment deliveries cost nothing: those where no body the gate could read holds a command,
// read by the same parser as the gate. Every shape that hides a command from a person but not from
// the parser (and the reverse) must land on the gate's side.
import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../src/app/delivery.ts';
import { type DeliveryPlan, planDelivery } from '../../src/app/plan-delivery.ts';
import { evaluateGate } from '../../src/core/gate.ts';
import { renderApprovalRequest } from '../../src/core/render/approval-request.ts';
import { renderTraceComment } from '../../src/github/traces.ts';
import { aRequest, comment, minutesAfterPush, people, policyFrom, someFacts } from '../support/builders.ts';
import { accounts, examplePayload } from './payloads.ts';

type Where = 'pull request' | 'approval issue';
const ISSUES: Record<Where, Record<string, unknown>> = {
  'pull request': { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
  'approval issue': { number: 12, pull_request: null, labels: [{ name: 'gatehouse' }] },
};

function plan(where: Where, action: string, comment: Record<string, unknown>, extra = {}): DeliveryPlan {
  const payload = examplePayload('issue_comment', 'created', {
    action,
    issue: ISSUES[where],
    comment: { id: 31, user: accounts.bob, created_at: '2026-11-20T10:00:00Z', ...comment },
    ...extra,
  });
  if (action === 'created') delete (payload as { changes?: unknown }).changes;
  const delivery = parseDelivery('issue_comment', payload);
  if (delivery === undefined) throw new Error('issue_comment is not handled');
  return planDelivery(delivery);
}

const LONG = 'x'.repeat(65_536);

/** Bodies the gate reads no command from. */
const WITHOUT_COMMAND: [string, string][] = [
  ['prose', 'Looks good to me'],
  ['an empty body', ''],
  ['prose, then a command (rule 3)', 'Looks good\n/approve'],
  ['a command in inline code', '`/approve`'],
  ['a command in a fenced block', '```\n/approve\n```'],
  ['a command in indented code', '    /approve'],
  ['a quoted command', '> /approve'],
  ['a command in an HTML comment', '<!-- /approve -->'],
  ['a command split by an HTML comment', '/appr<!-- -->ove'],
  ['a zero-width space in the verb', '/appr\u200Bove'],
  ['a bidi control on the line', '\u202E/approve'],
  ['fullwidth letters', '／ａｐｐｒｏｖｅ'],
  ['a Cyrillic а', '/\u0430pprove'],
  ['an unknown verb', '/deploy now'],
  ['a verb run on', '/approved'],
  ['a command past GitHub’s 65,536 characters', `${LONG}\n/approve`],
  ['a no-break space after the verb', '/approve\u00A0now'],
];

/** Bodies the gate reads a command (usable or not) from. */
const WITH_COMMAND: [string, string][] = [
  ['/approve', '/approve'],
  ['upper case', '/APPROVE'],
  ['three spaces first', '   /approve'],
  ['after blank lines and CRLF', '\r\n\r\n/approve'],
  ['after a lone CR', '\r/reject'],
  ['after a quote', '> earlier words\n/approve'],
  ['after a fenced block', '```\nlog\n```\n/approve'],
  ['after an HTML comment block', '<!--\nhidden\n-->\n/approve'],
  ['after a NUL-bearing quote', '> a\u0000b\n/reject'],
  ['a withdrawal', '/approve cancel'],
  ["Prow's withdrawal", '/remove-approve'],
  ['a /reject', '/reject not during the sale'],
  ['/recheck', '/recheck'],
  ['an unusable /delay', '/delay someday'],
  ['an unusable /modify', '/modify'],
  ['/ack', '/ack'],
  ['a tab after the verb', '/approve\tfast'],
];

describe('the bodies of the table, as the gate reads them', () => {
  const policy = policyFrom(`
reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    reviewers: [platform]
    approvals: 1
`);
  const request = aRequest({ files: { paths: ['db/migrations/001.sql'], complete: true } });
  const verdicts = (body: string) =>
    evaluateGate(
      policy,
      request,
      someFacts({ statements: [comment(people.alice, body, minutesAfterPush(5))] }),
      minutesAfterPush(10),
    ).statements;

  it.each(WITHOUT_COMMAND)('%s: the gate reads no statement from it', (_, body) => {
    expect(verdicts(body)).toEqual([]);
  });
  it.each(WITH_COMMAND.filter(([name]) => name !== '/recheck'))(
    '%s: the gate reads a statement from it',
    (_, body) => {
      expect(verdicts(body)).toHaveLength(1);
    },
  );
});

describe('planning a comment delivery', () => {
  describe.each(['pull request', 'approval issue'] as const)('on a %s', (where) => {
    describe('created', () => {
      it.each(WITHOUT_COMMAND)('with %s costs nothing', (_, body) => {
        expect(plan(where, 'created', { body })).toMatchObject({ kind: 'ignore' });
      });
      it.each(WITH_COMMAND)('with %s recomputes the gate', (_, body) => {
        expect(plan(where, 'created', { body }).kind).not.toBe('ignore');
      });
      it('without a body in the delivery recomputes the gate', () => {
        expect(plan(where, 'created', { body: undefined }).kind).not.toBe('ignore');
      });
      it('with a body that is not text is refused: it does not fit the event', () => {
        expect(() => plan(where, 'created', { body: 42 })).toThrow(/comment\.body/);
      });
    });

    describe('edited', () => {
      const edit = (from: unknown, to: string) =>
        plan(
          where,
          'edited',
          { body: to },
          from === undefined ? { changes: {} } : { changes: { body: { from } } },
        );
      it('from prose to prose costs nothing', () => {
        expect(edit('Looks good', 'Looks great')).toMatchObject({ kind: 'ignore' });
      });
      it.each(WITH_COMMAND)('from %s to prose recomputes the gate (a command edited away)', (_, body) => {
        expect(edit(body, 'never mind').kind).not.toBe('ignore');
      });
      it.each(WITH_COMMAND)('from prose to %s recomputes the gate', (_, body) => {
        expect(edit('never mind', body).kind).not.toBe('ignore');
      });
      it('without the body before the edit recomputes the gate', () => {
        expect(edit(undefined, 'Looks great').kind).not.toBe('ignore');
      });
      it('with a body before the edit that is not text recomputes the gate', () => {
        expect(edit(7, 'Looks great').kind).not.toBe('ignore');
      });
    });

    describe('deleted', () => {
      it.each(WITHOUT_COMMAND)('with %s costs nothing', (_, body) => {
        expect(plan(where, 'deleted', { body })).toMatchObject({ kind: 'ignore' });
      });
      it.each(WITH_COMMAND)('with %s recomputes the gate (a /reject there still stands)', (_, body) => {
        expect(plan(where, 'deleted', { body }).kind).not.toBe('ignore');
      });
    });
  });

  describe('by Gatehouse itself', () => {
    const policy = policyFrom(`
reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    reviewers: [platform]
    approvals: 1
`);
    const request = aRequest({ files: { paths: ['db/migrations/001.sql'], complete: true } });
    const requestComment = (statements: ReturnType<typeof comment>[]) =>
      renderApprovalRequest(
        request,
        evaluateGate(policy, request, someFacts({ statements }), minutesAfterPush(10)),
        policy,
      );
    const bodies: [string, string][] = [
      ['the request comment, waiting', requestComment([])],
      [
        'the request comment, approved',
        requestComment([comment(people.alice, '/approve', minutesAfterPush(5))]),
      ],
      [
        'the request comment, rejected',
        requestComment([comment(people.bob, '/reject no', minutesAfterPush(5))]),
      ],
      [
        'a trace of a click',
        renderTraceComment({
          type: 'check_action',
          action: 'approve',
          actor: people.alice,
          sha: 'c0ffee',
          at: minutesAfterPush(5),
          key: 'k1',
        }),
      ],
      [
        'a trace of an edit',
        renderTraceComment(
          { type: 'edit', comment: 31, editor: people.mallory, at: minutesAfterPush(5), key: 'k2' },
          { commentAuthor: 'alice' },
        ),
      ],
    ];
    it.each(bodies)('%s holds no command, so its deliveries cost nothing', (_, body) => {
      expect(plan('pull request', 'created', { body, user: accounts.gatehouse })).toMatchObject({
        kind: 'ignore',
      });
      expect(
        plan(
          'pull request',
          'edited',
          { body, user: accounts.gatehouse },
          { changes: { body: { from: body } } },
        ),
      ).toMatchObject({ kind: 'ignore' });
    });
  });
});
