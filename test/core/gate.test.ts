import { describe, expect, it } from 'vitest';
import { evaluateGate, listStatementAuthors, listTeamsNeeded } from '../../src/core/gate.ts';
import type { Facts, GateResult, Request, Statement } from '../../src/core/model.ts';
import { evaluateRisk } from '../../src/core/risk.ts';
import {
  aRequest,
  comment,
  HEAD,
  HEAD_SEEN,
  LATER,
  minutesAfterPush,
  OLD_HEAD,
  people,
  policyFrom,
  review,
  someFacts,
} from '../support/builders.ts';

const policyYaml = (extra = '', defaults = '') => `
reviewers:
  platform: [alice, bob, "@acme/dba"]
  backup: [carol]
defaults:
  approvals: 1
${defaults}
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    risk: { reversibility: irreversible }
    reviewers: [platform]
    approvals: 2
${extra}
`;
const policy = policyFrom(policyYaml());
const migration = aRequest({
  files: { paths: ['db/migrations/001_drop_status.sql'], complete: true },
  options: [
    { key: 'a', name: 'Drop now', description: 'Run the migration in this deploy.' },
    { key: 'b', name: 'Off-peak', description: 'Run it at 02:00 UTC.' },
  ],
});

function gate(
  statements: Statement[],
  overrides: { facts?: Partial<Facts>; request?: Request; now?: string; yaml?: string } = {},
) {
  const usedPolicy = overrides.yaml === undefined ? policy : policyFrom(overrides.yaml);
  return evaluateGate(
    usedPolicy,
    overrides.request ?? migration,
    someFacts({ statements, teams: { 'acme/dba': { members: [] } }, ...overrides.facts }),
    overrides.now ?? LATER,
  );
}

function reasons(result: GateResult): string[] {
  return result.statements.map(
    (verdict) => `${verdict.statement.author.login} /${verdict.verb}: ${verdict.reason}`,
  );
}

describe('gate evaluation', () => {
  describe('the commands of DESIGN §3', () => {
    it('opens with the full quorum of distinct reviewers', () => {
      const result = gate([comment(people.alice, '/approve'), comment(people.bob, '/approve LGTM')]);
      expect(result.state).toBe('approved');
      expect(result.approvers.map((approval) => approval.approver.id)).toEqual([1, 2]);
      expect(result.progress).toMatchObject([{ rule: 'migrations', needed: 2 }]);
    });

    it('waits while the quorum is short and says who counted', () => {
      const result = gate([comment(people.alice, '/approve')]);
      expect(result.state).toBe('pending');
      expect(reasons(result)).toEqual(['alice /approve: counted for migrations']);
    });

    it('reads an option from /approve by key or by name', () => {
      const byKey = gate([comment(people.alice, '/approve b'), comment(people.bob, '/approve')]);
      expect(byKey.option?.key).toBe('b');
      const byName = gate([
        comment(people.alice, '/approve off-peak please'),
        comment(people.bob, '/approve b'),
      ]);
      expect(byName.option?.key).toBe('b');
    });

    it('keeps the gate closed when approvers pick different options', () => {
      const result = gate([comment(people.alice, '/approve a'), comment(people.bob, '/approve b')]);
      expect(result.state).toBe('pending');
      expect(result.problems).toEqual([
        'approvers chose different options (a, b): agree on one, then approve again',
      ]);
    });

    it('withdraws an approval with /approve cancel', () => {
      const result = gate([
        comment(people.alice, '/approve', minutesAfterPush(5)),
        comment(people.bob, '/approve', minutesAfterPush(6)),
        comment(people.alice, '/approve cancel', minutesAfterPush(7)),
      ]);
      expect(result.state).toBe('pending');
      expect(reasons(result)).toEqual([
        'alice /approve: superseded: @alice said /approve cancel later',
        'bob /approve: counted for migrations',
        'alice /approve cancel: counted: withdraws earlier statements',
      ]);
    });

    it('rejects with the reason given', () => {
      const result = gate([comment(people.bob, '/reject the backfill is not done')]);
      expect(result).toMatchObject({
        state: 'rejected',
        rejection: { by: people.bob, reason: 'the backfill is not done' },
      });
    });

    it('delays an approval to a later time, then opens', () => {
      const statements = [
        comment(people.alice, '/approve', minutesAfterPush(5)),
        comment(people.bob, '/delay 2h', minutesAfterPush(10)),
      ];
      const waiting = gate(statements, { now: minutesAfterPush(60) });
      expect(waiting).toMatchObject({ state: 'delayed', effectiveAt: minutesAfterPush(130) });
      const open = gate(statements, { now: minutesAfterPush(131) });
      expect(open).toMatchObject({ state: 'approved', effectiveAt: minutesAfterPush(130) });
    });

    it('asks for changes with /modify and says what to change', () => {
      const result = gate([comment(people.alice, '/modify run it in two steps')]);
      expect(result).toMatchObject({
        state: 'changes_requested',
        modification: { instructions: 'run it in two steps' },
      });
    });

    it('takes /ack for an acknowledge-level rule but not for an approve-level one', () => {
      const ackRule = policyYaml(`
  - name: dependency-bumps
    if: { paths: ["package.json"] }
    reviewers: [platform]
    level: acknowledge`);
      const bump = aRequest({ files: { paths: ['package.json'], complete: true } });
      expect(gate([comment(people.alice, '/ack')], { yaml: ackRule, request: bump }).state).toBe('approved');
      const result = gate([comment(people.alice, '/ack'), comment(people.bob, '/approve')]);
      expect(result.state).toBe('pending');
      expect(reasons(result)[0]).toBe('alice /ack: ignored: /ack acknowledges; migrations needs /approve');
    });

    it('needs one approval at the review level whatever the quorum', () => {
      const yaml = policyYaml().replace('approvals: 2', 'approvals: 2\n    level: review');
      expect(gate([comment(people.alice, '/approve')], { yaml }).state).toBe('approved');
    });

    it('ignores /recheck as a statement', () => {
      expect(gate([comment(people.alice, '/recheck')]).statements).toEqual([]);
    });

    it('reports an unusable command instead of guessing', () => {
      const result = gate([comment(people.alice, '/delay whenever')]);
      expect(result.statements[0]?.reason).toMatch(/^ignored: could not read "whenever"/);
    });

    it('counts an approving PR review on the head as /approve and changes requested as /modify', () => {
      expect(gate([review(people.alice, 'APPROVED'), review(people.bob, 'APPROVED')]).state).toBe('approved');
      expect(gate([review(people.alice, 'CHANGES_REQUESTED', HEAD, LATER, 'split it')]).state).toBe(
        'changes_requested',
      );
    });
  });

  describe('who counts (A1–A9)', () => {
    it.each([
      ['a read-only user (A1)', people.dave, 'ignored: @dave has read permission (write or more needed)'],
      [
        'a user whose permission could not be read',
        { id: 55, login: 'stranger', type: 'User' },
        "ignored: @stranger's permission could not be read",
      ],
      ['github-actions[bot] (A4)', people.actionsBot, 'ignored: @github-actions[bot] is a bot account'],
      ['Copilot, a Bot without the suffix (A4)', people.copilot, 'ignored: @Copilot is a bot account'],
      [
        'the PR author (A3)',
        people.author,
        'ignored: @agent-author is the PR author and the requester (self-approval is off)',
      ],
      ['a writer outside the reviewer groups', people.mallory, 'ignored: @mallory is not in platform'],
    ])('ignores %s', (_name, actor, reason) => {
      const result = gate([comment(actor, '/approve')]);
      expect(result.statements.map((verdict) => verdict.reason)).toEqual([reason]);
      expect(result.approvers).toEqual([]);
    });

    it('ignores an approving review by a read-only user (A2)', () => {
      expect(gate([review(people.dave, 'APPROVED')]).statements[0]?.reason).toBe(
        'ignored: @dave has read permission (write or more needed)',
      );
    });

    it('never reads Gatehouse’s own comments as statements', () => {
      expect(gate([comment(people.gatehouse, '/approve')]).statements).toEqual([]);
    });

    it('counts bots only when allow_bots is on, and never Gatehouse itself', () => {
      const yaml = policyYaml('', '  allow_bots: true').replace(
        'platform: [alice',
        'platform: [Copilot, alice',
      );
      const result = gate([comment(people.copilot, '/approve'), comment(people.gatehouse, '/approve')], {
        yaml,
      });
      expect(result.approvers.map((approval) => approval.approver.login)).toEqual(['Copilot']);
    });

    it.each([
      [
        'the last pusher',
        { lastPusher: people.alice },
        'ignored: @alice is the last pusher (self-approval is off)',
      ],
      [
        'the deployment creator',
        { deployers: [people.alice] },
        'ignored: @alice is the deployer (self-approval is off)',
      ],
    ])('ignores %s (A3)', (_name, facts, reason) => {
      expect(gate([comment(people.alice, '/approve')], { facts }).statements[0]?.reason).toBe(reason);
    });

    it('ignores the person an agent acts for (A3)', () => {
      const request = { ...migration, onBehalfOf: people.bob };
      expect(gate([comment(people.bob, '/approve')], { request }).statements[0]?.reason).toBe(
        'ignored: @bob is the person the requester acts for (self-approval is off)',
      );
    });

    it('lets the author approve when allow_self_approval is on', () => {
      const yaml = policyYaml('', '  allow_self_approval: true').replace(
        'platform: [alice',
        'platform: [agent-author, alice',
      );
      expect(
        gate([comment(people.author, '/approve'), comment(people.alice, '/approve')], { yaml }).state,
      ).toBe('approved');
    });

    it('ignores comments posted through an app on someone’s behalf (A5)', () => {
      const result = gate([comment(people.alice, '/approve', LATER, { viaApp: 'some-integration' })]);
      expect(result.statements[0]?.reason).toBe(
        "ignored: posted through the app some-integration on @alice's behalf",
      );
    });

    it('counts one person once across comments, reviews and login spellings (A7)', () => {
      const aliceShouting = { ...people.alice, login: 'ALICE' };
      const result = gate([
        comment(people.alice, '/approve', minutesAfterPush(5)),
        comment(aliceShouting, '/approve', minutesAfterPush(6)),
        review(people.alice, 'APPROVED', HEAD, minutesAfterPush(7)),
      ]);
      expect(result.state).toBe('pending');
      expect(result.approvers.map((approval) => approval.approver.id)).toEqual([1]);
    });

    it('counts a team member through the team facts, by id', () => {
      const dba = { id: 31, login: 'dbadmin', type: 'User' };
      const result = gate([comment(dba, '/approve'), comment(people.alice, '/approve')], {
        facts: { teams: { 'acme/dba': { members: [31] } }, permissions: { 31: 'write', 1: 'write' } },
      });
      expect(result.state).toBe('approved');
    });

    it('fails closed and says so when a team cannot be read (A8)', () => {
      const dba = { id: 31, login: 'dbadmin', type: 'User' };
      const result = gate([comment(dba, '/approve')], {
        facts: { teams: { 'acme/dba': { error: 'HTTP 403' } }, permissions: { 31: 'write' } },
      });
      expect(result.approvers).toEqual([]);
      expect(result.statements[0]?.reason).toBe(
        "ignored: @dbadmin's membership could not be confirmed: @acme/dba (HTTP 403)",
      );
      expect(result.problems).toEqual([
        'team @acme/dba (HTTP 403) could not be read: its members were not counted (fail closed)',
      ]);
    });

    it('drops an approval when the approver lost write access before the decision (A9)', () => {
      const result = gate([comment(people.alice, '/approve'), comment(people.bob, '/approve')], {
        facts: { permissions: { 1: 'read', 2: 'write' } },
      });
      expect(result.state).toBe('pending');
    });
  });

  describe('rejections (C5)', () => {
    it('treats a comment holding /approve and /reject as a rejection', () => {
      expect(gate([comment(people.alice, '/approve\n/reject wait for the backup')]).state).toBe('rejected');
    });

    it('lets one valid rejection block any number of approvals', () => {
      const result = gate(
        [
          comment(people.alice, '/approve'),
          comment(people.bob, '/approve'),
          comment(people.carol, '/reject not during the sale'),
        ],
        { yaml: policyYaml().replace('platform: [alice, bob', 'platform: [alice, bob, carol') },
      );
      expect(result).toMatchObject({ state: 'rejected', rejection: { by: people.carol } });
    });

    it('does not let someone without standing block the gate', () => {
      expect(gate([comment(people.dave, '/reject no')]).state).toBe('pending');
      expect(gate([comment(people.mallory, '/reject no')]).statements[0]?.reason).toBe(
        'ignored: @mallory is not among the reviewers of this gate (platform)',
      );
    });

    it('keeps a rejection across a push until its author withdraws it', () => {
      const early = comment(people.alice, '/reject no', minutesAfterPush(-10));
      expect(gate([early]).state).toBe('rejected');
      expect(gate([early, comment(people.alice, '/approve cancel', minutesAfterPush(5))]).state).toBe(
        'pending',
      );
    });
  });

  describe('edits (L1, L2)', () => {
    it('fails the gate when someone else edited a command comment into place (L1)', () => {
      const forged = comment(people.alice, '/approve', minutesAfterPush(5), {
        updatedAt: minutesAfterPush(50),
        editors: [people.mallory],
      });
      const result = gate([forged, comment(people.bob, '/approve')]);
      expect(result.state).toBe('rejected');
      expect(result.tampering).toEqual([
        { statementId: forged.id, author: people.alice, editor: people.mallory },
      ]);
      expect(result.reason).toBe('tampering: @mallory edited a command comment written by @alice');
    });

    it('fails the gate when someone else edited a command away, e.g. a /reject', () => {
      const erased = comment(people.alice, 'fine by me', minutesAfterPush(5), {
        updatedAt: minutesAfterPush(50),
        editors: [people.mallory],
      });
      const result = gate([erased]);
      expect(result).toMatchObject({
        state: 'rejected',
        tampering: [{ statementId: erased.id, editor: people.mallory }],
      });
    });

    it('names the editor of a recorded veto edited away, and keeps the veto recorded (class 4)', () => {
      const erased = comment(people.alice, 'fine by me', minutesAfterPush(5), {
        updatedAt: minutesAfterPush(50),
        editors: [people.mallory],
      });
      const veto = {
        source: 'comment' as const,
        statementId: erased.id,
        author: people.alice,
        reason: 'no',
        at: erased.createdAt,
      };
      const result = gate([erased], { facts: { recordedVetoes: [veto] } });
      expect(result).toMatchObject({
        state: 'rejected',
        reason: 'tampering: @mallory edited a command comment written by @alice',
        tampering: [{ statementId: erased.id, editor: people.mallory }],
        // Recorded again, so that it outlives the trace of the edit.
        vetoes: [veto],
      });
    });

    it('keeps a Reject button click whose trace comment a writer deleted: the veto stands (class 4)', () => {
      // A click leaves only Gatehouse's trace comment, which any writer can delete; the run's
      // record of the veto is what Gatehouse reads back.
      const veto = {
        source: 'check_action' as const,
        statementId: '4711',
        author: people.alice,
        reason: 'rejected with the check-run button',
        at: minutesAfterPush(5),
      };
      const result = gate([comment(people.bob, '/approve', minutesAfterPush(6))], {
        facts: { recordedVetoes: [veto] },
      });
      expect(result).toMatchObject({ state: 'rejected', vetoes: [veto] });
      expect(result.problems).toContain(
        `tampering: the rejection by @alice of ${minutesAfterPush(5)} was deleted; it still blocks (DESIGN §11)`,
      );
    });

    it('never counts an approval its author edited in later (L2)', () => {
      const edited = comment(people.alice, '/approve', minutesAfterPush(5), {
        updatedAt: minutesAfterPush(500),
      });
      expect(gate([edited]).statements[0]?.reason).toBe(
        'ignored: an edited approval never counts; post a new comment',
      );
    });

    it('still counts an edited rejection', () => {
      const edited = comment(people.alice, '/reject no', minutesAfterPush(5), {
        updatedAt: minutesAfterPush(6),
      });
      expect(gate([edited]).state).toBe('rejected');
    });
  });

  describe('newest statement per person (L4)', () => {
    it('lets changes requested after an approval win', () => {
      const result = gate([
        review(people.alice, 'APPROVED', HEAD, minutesAfterPush(5)),
        review(people.alice, 'CHANGES_REQUESTED', HEAD, minutesAfterPush(6), 'no'),
      ]);
      expect(result.state).toBe('changes_requested');
      expect(result.approvers).toEqual([]);
    });

    it('lets an approval after a rejection win', () => {
      const result = gate([
        comment(people.alice, '/reject no', minutesAfterPush(5)),
        comment(people.alice, '/approve', minutesAfterPush(6)),
        comment(people.bob, '/approve', minutesAfterPush(7)),
      ]);
      expect(result.state).toBe('approved');
    });

    it('ignores a dismissed review', () => {
      expect(gate([review(people.alice, 'DISMISSED')]).statements[0]?.reason).toBe(
        'ignored: the review was dismissed',
      );
    });
  });

  describe('state comments (L5)', () => {
    it('reads nothing from a comment that imitates Gatehouse', () => {
      const fake = comment(
        people.mallory,
        '**Approved** by alice, bob\n<!-- gatehouse:request abc -->\n/approve',
      );
      expect(gate([fake]).state).toBe('pending');
      expect(gate([fake]).approvers).toEqual([]);
    });
  });

  describe('binding to the head (S1, S4) and to the request (DESIGN §11)', () => {
    const pushed = { head: { sha: HEAD, since: HEAD_SEEN, sinceEvent: 'pushed', pushed: true } };

    it('drops a comment approval given before the push (S1)', () => {
      const result = gate([comment(people.alice, '/approve', minutesAfterPush(-1))], { facts: pushed });
      expect(result.statements[0]?.reason).toBe(
        `stale: given before c0ffee0 became the head of this request (pushed ${HEAD_SEEN}); approve again`,
      );
    });

    it('drops a comment approval given within the guard window after a push', () => {
      const result = gate([comment(people.alice, '/approve', minutesAfterPush(0.25))], { facts: pushed });
      expect(result.statements[0]?.reason).toBe(
        'stale: given within 30s of the push of c0ffee0, before it could be reviewed; approve again',
      );
    });

    it('has no guard window on the first head: nothing was pushed after the opening', () => {
      const opened = { head: { sha: HEAD, since: HEAD_SEEN, sinceEvent: 'opened', pushed: false } };
      const result = gate(
        [
          comment(people.alice, '/approve', minutesAfterPush(0.25)),
          comment(people.bob, '/approve', minutesAfterPush(0.3)),
        ],
        { facts: opened },
      );
      expect(result.state).toBe('approved');
    });

    it('drops a review for the head given before a force-push back to it (class 2)', () => {
      // The review names the head's commit, but was given before the head came back to it.
      const result = gate([review(people.alice, 'APPROVED', HEAD, minutesAfterPush(-30))], {
        facts: { head: { sha: HEAD, since: HEAD_SEEN, sinceEvent: 'force-pushed', pushed: true } },
      });
      expect(result.statements[0]?.reason).toBe(
        `stale: given before c0ffee0 became the head of this request (force-pushed ${HEAD_SEEN}); approve again`,
      );
    });

    it('drops an approval given before the base changed (a retargeted pull request asks again)', () => {
      const result = gate([comment(people.alice, '/approve', minutesAfterPush(-2))], {
        facts: { head: { sha: HEAD, since: HEAD_SEEN, sinceEvent: 'base ref changed', pushed: false } },
      });
      expect(result.statements[0]?.reason).toContain('(base ref changed');
    });

    it('drops an approval given before the request changed (class 3)', () => {
      const result = gate(
        [
          comment(people.alice, '/approve', minutesAfterPush(5)),
          review(people.bob, 'APPROVED', HEAD, minutesAfterPush(6)),
        ],
        { facts: { requestChange: { at: minutesAfterPush(10), what: 'the description was edited' } } },
      );
      expect(result.state).toBe('pending');
      expect(result.statements.map((verdict) => verdict.reason)).toEqual([
        `stale: given before the request changed (the description was edited at ${minutesAfterPush(10)}); approve again`,
        `stale: given before the request changed (the description was edited at ${minutesAfterPush(10)}); approve again`,
      ]);
    });

    it('counts approvals given after the request changed', () => {
      const result = gate(
        [
          comment(people.alice, '/approve', minutesAfterPush(11)),
          review(people.bob, 'APPROVED', HEAD, minutesAfterPush(12)),
        ],
        { facts: { requestChange: { at: minutesAfterPush(10), what: 'the description was edited' } } },
      );
      expect(result.state).toBe('approved');
    });

    it('drops a review given for another commit (S4)', () => {
      const result = gate([review(people.alice, 'APPROVED', OLD_HEAD)]);
      expect(result.statements[0]?.reason).toBe('stale: given for bada550, the head is now c0ffee0');
    });

    it('keeps approvals across pushes when invalidate_on_push is off', () => {
      const yaml = policyYaml('', '  invalidate_on_push: false');
      const result = gate(
        [comment(people.alice, '/approve', minutesAfterPush(-60)), review(people.bob, 'APPROVED', OLD_HEAD)],
        { yaml },
      );
      expect(result.state).toBe('approved');
    });

    it('treats a request for changes as answered by a later push', () => {
      const result = gate([comment(people.alice, '/modify split it', minutesAfterPush(-5))]);
      expect(result.state).toBe('pending');
      expect(result.statements[0]?.reason).toBe(
        'addressed: the head moved to c0ffee0 after the request for changes',
      );
    });
  });

  describe('deadlines', () => {
    const timed = (onTimeout: string, extra = '') =>
      policyYaml().replace(
        'approvals: 2',
        `approvals: 2\n    timeout: 4h\n    on_timeout: ${onTimeout}${extra}`,
      );

    it('shows the deadline while pending', () => {
      expect(gate([], { yaml: timed('reject') })).toMatchObject({
        state: 'pending',
        deadline: minutesAfterPush(240),
      });
    });

    it('expires at the deadline, and a late approval does not revive it', () => {
      const late = [
        comment(people.alice, '/approve', minutesAfterPush(241)),
        comment(people.bob, '/approve', minutesAfterPush(242)),
      ];
      const result = gate(late, { yaml: timed('reject'), now: minutesAfterPush(243) });
      expect(result).toMatchObject({
        state: 'expired',
        reason: 'migrations: no decision within 4h',
        expiredAfterMs: 4 * 3_600_000,
      });
    });

    it('escalates to the backup approvers, who can then approve', () => {
      const yaml = timed('escalate', '\n    escalate_to: [backup]');
      const escalated = gate([comment(people.alice, '/approve')], { yaml, now: minutesAfterPush(300) });
      expect(escalated).toMatchObject({
        state: 'escalated',
        escalation: { at: minutesAfterPush(240), to: ['backup'], deadline: minutesAfterPush(480) },
      });
      const approved = gate(
        [comment(people.alice, '/approve'), comment(people.carol, '/approve', minutesAfterPush(301))],
        {
          yaml,
          now: minutesAfterPush(302),
        },
      );
      expect(approved.state).toBe('approved');
      expect(gate([], { yaml, now: minutesAfterPush(481) })).toMatchObject({
        state: 'expired',
        expiredAfterMs: 8 * 3_600_000,
      });
    });

    it('does not let backup approvers approve before the escalation', () => {
      const yaml = timed('escalate', '\n    escalate_to: [backup]');
      const result = gate([comment(people.carol, '/approve')], { yaml, now: minutesAfterPush(60) });
      expect(result.approvers).toEqual([]);
    });

    it('proceeds with the safe default when nobody answers', () => {
      const yaml = timed('proceed', '\n    safe_default: off-peak');
      const result = gate([], { yaml, now: minutesAfterPush(241) });
      expect(result).toMatchObject({ state: 'auto_approved', option: { key: 'b' } });
      expect(result.reason).toBe(
        'migrations: no decision before the deadline; proceeding with the safe default "Off-peak"',
      );
    });

    it('expires instead when the safe default is not one of the options', () => {
      const yaml = timed('proceed', '\n    safe_default: skip');
      const result = gate([], { yaml, now: minutesAfterPush(241) });
      expect(result.state).toBe('expired');
      expect(result.problems).toEqual([
        'migrations: the safe default "skip" is not one of the request\'s options, so the gate expires',
      ]);
    });
  });

  describe('readiness', () => {
    it('keeps the gate closed while the request has no rollback plan', () => {
      const { rollbackPlan: _dropped, ...withoutRollback } = migration;
      const result = gate([comment(people.alice, '/approve'), comment(people.bob, '/approve')], {
        request: withoutRollback,
      });
      expect(result.state).toBe('pending');
      expect(result.readiness.ready).toBe(false);
      expect(result.readiness.missing.map((gap) => gap.requirement)).toEqual(['rollback_plan']);
    });
  });

  describe('tiers below approve', () => {
    const notifyYaml =
      'rules:\n  - name: deps\n    if: { paths: ["package.json"] }\n    risk: { blast_radius: module }\n';
    const bump = aRequest({ files: { paths: ['package.json'], complete: true } });

    it('auto-approves a low-risk change', () => {
      expect(gate([], { request: aRequest() })).toMatchObject({ state: 'auto_approved', reason: 'low risk' });
    });

    it('notifies at the notify tier and records an /ack', () => {
      const result = gate([comment(people.alice, '/ack')], { yaml: notifyYaml, request: bump });
      expect(result.state).toBe('notified');
      expect(reasons(result)).toEqual(['alice /ack: counted: acknowledged']);
    });

    it('still lets a rejection block a notify-tier change', () => {
      expect(
        gate([comment(people.alice, '/reject not now')], { yaml: notifyYaml, request: bump }).state,
      ).toBe('rejected');
    });

    it('never blocks in mode auto', () => {
      const result = gate([comment(people.alice, '/reject no')], { yaml: `mode: auto\n${policyYaml()}` });
      expect(result).toMatchObject({
        state: 'auto_approved',
        reason: 'mode auto: Gatehouse records but never blocks',
      });
    });

    it('still gates a change to the policy file in mode auto', () => {
      const request = aRequest({ files: { paths: ['.github/gatehouse.yml'], complete: true } });
      const result = gate([], { yaml: `mode: auto\n${policyYaml()}`, request });
      expect(result.state).toBe('pending');
      expect(result.progress).toMatchObject([{ rule: 'gatehouse-config', needed: 1 }]);
    });

    it('lets only the people the policy names approve a change to the policy', () => {
      const request = aRequest({ files: { paths: ['.github/gatehouse.yml'], complete: true } });
      const byMallory = gate([comment(people.mallory, '/approve')], { request });
      expect(byMallory.state).toBe('pending');
      expect(byMallory.progress).toMatchObject([{ rule: 'gatehouse-config', needed: 1 }]);
      expect(gate([comment(people.alice, '/approve')], { request }).state).toBe('approved');
    });

    it('asks for approval from anyone with write access when only declared risk gates the request', () => {
      const request = aRequest({ declaredRisk: { sensitivity: 'credentials' } });
      const result = gate([comment(people.mallory, '/approve')], { request });
      expect(result.state).toBe('approved');
      expect(result.progress).toMatchObject([{ rule: 'defaults', needed: 1, reviewers: [] }]);
    });
  });

  it('gives the same answer whatever order the timeline arrives in (W11)', () => {
    const statements = [
      comment(people.alice, '/approve', minutesAfterPush(5)),
      comment(people.bob, '/reject no', minutesAfterPush(6)),
      comment(people.bob, '/approve', minutesAfterPush(7)),
    ];
    const forward = gate(statements);
    const backward = gate([...statements].reverse());
    expect(backward).toEqual(forward);
    expect(forward.state).toBe('approved');
  });
});

describe('the facts an adapter must gather', () => {
  it('lists the teams of the gate’s reviewers and of authors predicates', () => {
    const yaml = `${policyYaml()}
  - name: agents
    if: { authors: ["@Acme/Agents"] }
    risk: { blast_radius: module }`;
    const withAgents = policyFrom(yaml);
    expect(listTeamsNeeded(withAgents)).toEqual(['acme/agents']);
    expect(listTeamsNeeded(withAgents, evaluateRisk(withAgents, migration, { teams: {} }))).toEqual([
      'acme/agents',
      'acme/dba',
    ]);
  });

  it('lists the authors of statements whose permission must be read, once each', () => {
    const statements = [
      comment(people.alice, '/approve'),
      comment(people.alice, '/reject no'),
      comment(people.bob, 'just chatting'),
      comment(people.gatehouse, '/approve'),
      review(people.carol, 'APPROVED'),
    ];
    expect(listStatementAuthors(statements, [people.gatehouse.id]).map((actor) => actor.login)).toEqual([
      'alice',
      'carol',
    ]);
  });
});
