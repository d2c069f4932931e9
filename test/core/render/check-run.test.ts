import { describe, expect, it } from 'vitest';
import { createDecisionId, hashRequest, parseRequestMarkers } from '../../../src/core/decision-id.ts';
import type { Actor, Approval, GateResult, Policy, Request, Rule } from '../../../src/core/model.ts';
import { renderCheckRun, renderInvalidConfigCheckRun } from '../../../src/core/render/check-run.ts';

const alice: Actor = { id: 1, login: 'alice', type: 'User' };
const bob: Actor = { id: 2, login: 'bob', type: 'User' };
const carol: Actor = { id: 3, login: 'carol', type: 'User' };
const mallory: Actor = { id: 66, login: 'mallory', type: 'User' };

const migrations: Rule = {
  name: 'migrations',
  index: 0,
  description: null,
  if: { paths: ['db/migrations/**'] },
  risk: { reversibility: 'irreversible' },
  riskImplied: false,
  level: 'approve',
  reviewers: ['platform'],
  require: ['action', 'rollback_plan'],
  approvals: 2,
  timeoutMs: 4 * 3_600_000,
  onTimeout: 'reject',
  escalateTo: [],
  safeDefault: null,
};

function aPolicy(rule: Partial<Rule> = {}): Policy {
  return {
    mode: 'ask',
    allow: [],
    reviewers: { platform: ['@acme/platform'], backup: ['carol'] },
    defaults: {
      approvals: 1,
      timeoutMs: null,
      onTimeout: 'reject',
      escalateTo: [],
      safeDefault: null,
      invalidateOnPush: true,
      allowSelfApproval: false,
      allowBots: false,
    },
    rules: [{ ...migrations, ...rule }],
    actions: [],
    environments: {},
    specs: { paths: [] },
    log: { branch: 'gatehouse-log', path: 'decisions', checkRuns: true },
    queue: { maxPending: 50 },
    thresholds: { cost: { notify: 0.1, approve: 100 } },
  };
}

function aRequest(): Request {
  return {
    gate: { kind: 'deployment', environment: 'production' },
    repository: 'acme/shop',
    subject: { sha: 'c0ffee0000000000000000000000000000000001', targetBranch: 'main' },
    kind: 'migration',
    action: { text: 'Run migration 0042 on production' },
    rollbackPlan: { text: 'Run 0042_down.sql, which drops the index.' },
    options: [
      { key: 'a', name: 'Now', description: 'Locks writes for two minutes.' },
      { key: 'b', name: 'Off-peak', description: 'At 02:00 UTC.' },
    ],
    declaredRisk: {},
    files: { paths: ['db/migrations/0042.sql'], complete: true },
    labels: [],
    requester: { id: 100, login: 'deploy-agent', type: 'Bot' },
  };
}

function approval(approver: Actor, extra: Partial<Approval> = {}): Approval {
  return {
    approver,
    at: '2026-03-02T10:20:00Z',
    statementId: `s${approver.id}`,
    source: 'comment',
    verb: 'approve',
    ...extra,
  };
}

/** A gate on the migrations rule with the given approvals; each case changes what it is about. */
function aResult(approvals: Approval[] = [], extra: Partial<GateResult> = {}): GateResult {
  return {
    state: 'pending',
    risk: {
      tier: 'approve',
      level: 'approve',
      factors: [{ factor: 'reversibility', value: 'irreversible', tier: 'approve', from: 'migrations' }],
      rules: [
        {
          name: 'migrations',
          tier: 'approve',
          level: 'approve',
          reasons: ['paths: 1 changed file matches'],
          files: ['db/migrations/0042.sql'],
          filesMatched: 1,
        },
      ],
      problems: [],
    },
    progress: [{ rule: 'migrations', level: 'approve', needed: 2, approvals, reviewers: ['platform'] }],
    statements: [],
    approvers: approvals,
    readiness: { ready: true, missing: [] },
    tampering: [],
    vetoes: [],
    problems: [],
    ...extra,
  };
}

const cases: [string, GateResult, (Policy | undefined)?, string?][] = [
  ['nobody approved yet', aResult()],
  ['one of two approved', aResult([approval(alice)], { deadline: '2026-03-02T14:00:00Z' })],
  [
    'an acknowledgement is needed',
    {
      ...aResult(),
      progress: [{ rule: 'migrations', level: 'acknowledge', needed: 1, approvals: [], reviewers: [] }],
    },
  ],
  [
    'approved',
    aResult([approval(alice, { option: 'b' }), approval(bob, { option: 'b' })], {
      state: 'approved',
      option: { key: 'b', name: 'Off-peak', description: 'At 02:00 UTC.' },
    }),
  ],
  [
    'delayed, not yet effective',
    aResult([approval(alice), approval(bob, { verb: 'delay', effectiveAt: '2026-03-02T22:00:00Z' })], {
      state: 'delayed',
      effectiveAt: '2026-03-02T22:00:00Z',
    }),
    undefined,
    '2026-03-02T21:59:00Z',
  ],
  [
    'delayed, now effective',
    aResult([approval(alice), approval(bob, { verb: 'delay', effectiveAt: '2026-03-02T22:00:00Z' })], {
      state: 'delayed',
      effectiveAt: '2026-03-02T22:00:00Z',
    }),
    undefined,
    '2026-03-02T22:00:00Z',
  ],
  [
    'rejected',
    aResult([approval(alice)], {
      state: 'rejected',
      rejection: {
        by: bob,
        at: '2026-03-02T11:00:00Z',
        reason:
          'the index build will collide with the nightly export, which holds a lock on orders until 03:00; run it on Sunday instead, when the export is skipped',
      },
    }),
  ],
  [
    'changes requested',
    aResult([], {
      state: 'changes_requested',
      modification: { by: carol, at: '2026-03-02T11:00:00Z', instructions: 'Build it concurrently.' },
    }),
  ],
  [
    'not ready',
    aResult([], {
      readiness: {
        ready: false,
        missing: [{ requirement: 'rollback_plan', rule: 'migrations', problem: 'no rollback plan' }],
      },
    }),
  ],
  [
    'expired',
    aResult([approval(alice)], {
      state: 'expired',
      reason: 'migrations: no decision within 4h',
      expiredAfterMs: 4 * 3_600_000,
    }),
  ],
  [
    'escalated',
    aResult([], {
      state: 'escalated',
      escalation: { at: '2026-03-02T14:00:00Z', to: ['backup'], deadline: '2026-03-02T18:00:00Z' },
    }),
    aPolicy({ onTimeout: 'escalate', escalateTo: ['backup'] }),
  ],
  [
    'expired after an escalation',
    aResult([], { state: 'expired', expiredAfterMs: 8 * 3_600_000 }),
    aPolicy({ onTimeout: 'escalate', escalateTo: ['backup'] }),
  ],
  [
    'auto-approved',
    {
      ...aResult(),
      state: 'auto_approved',
      reason: 'low risk',
      progress: [],
      risk: { ...aResult().risk, tier: 'proceed' },
    },
  ],
  [
    'notified',
    {
      ...aResult(),
      state: 'notified',
      reason: 'notify tier: proceeds and is recorded',
      progress: [],
      risk: { ...aResult().risk, tier: 'notify' },
    },
  ],
  [
    'tampering',
    aResult([approval(alice)], {
      state: 'rejected',
      rejection: {
        by: mallory,
        at: '2026-03-02T11:00:00Z',
        reason: 'tampering: @mallory edited a command comment written by @bob',
      },
      tampering: [{ statementId: '9001', author: bob, editor: mallory }],
    }),
  ],
  [
    'a problem',
    aResult([], {
      problems: ['team acme/platform could not be read: its members were not counted (fail closed)'],
    }),
  ],
];

describe('renderCheckRun', () => {
  it('says where the gate stands in each state', () => {
    const table = cases.map(([name, result, policy, now]) => {
      const view = renderCheckRun(aRequest(), result, policy ?? aPolicy(), now === undefined ? {} : { now });
      const outcome = `${view.status}${view.conclusion === undefined ? '' : `/${view.conclusion}`}`;
      return `${name.padEnd(28)} ${outcome.padEnd(20)} ${view.title}`;
    });
    expect(table.join('\n')).toMatchInlineSnapshot(`
      "nobody approved yet          in_progress          Waiting for 2 approvals from platform
      one of two approved          in_progress          Waiting for 1 of 2 approvals from platform
      an acknowledgement is needed in_progress          Waiting for an acknowledgement
      approved                     completed/success    Approved by alice, bob (option b)
      delayed, not yet effective   in_progress          Approved by alice, bob, effective at 2026-03-02 22:00 UTC
      delayed, now effective       completed/success    Approved by alice, bob, effective at 2026-03-02 22:00 UTC
      rejected                     completed/failure    Rejected by bob: the index build will collide with the nightly export, which holds a lock on orders until 03:00; run it…
      changes requested            in_progress          Changes requested by carol
      not ready                    completed/failure    Not ready for approval: no rollback plan
      expired                      completed/failure    Expired after 4h without a decision
      escalated                    in_progress          Escalated to backup
      expired after an escalation  completed/failure    Expired after 8h without a decision
      auto-approved                completed/success    Auto-approved: low risk
      notified                     completed/success    Proceeding: notify tier, recorded
      tampering                    completed/failure    Edited approval comment: tampering by mallory
      a problem                    completed/failure    Blocked: team acme/platform could not be read: its members were not counted (fail closed)"
    `);
  });

  it('opens the summary with the same state, in words', () => {
    const table = cases.map(([name, result, policy, now]) => {
      const view = renderCheckRun(aRequest(), result, policy ?? aPolicy(), now === undefined ? {} : { now });
      return `${name.padEnd(28)} ${view.summary.split('\n')[0]}`;
    });
    expect(table.join('\n').replaceAll('\u200B', '[zwsp]')).toMatchInlineSnapshot(`
      "nobody approved yet          **Waiting for approval** — 0 of 2 approvals from platform.
      one of two approved          **Waiting for approval** — 1 of 2 approvals from platform.
      an acknowledgement is needed **Waiting for an acknowledgement**.
      approved                     **Approved** by alice, bob — option b: Off\\-peak.
      delayed, not yet effective   **Approved, effective at 2026-03-02 22:00 UTC** by alice, bob.
      delayed, now effective       **Approved, effective at 2026-03-02 22:00 UTC** by alice, bob.
      rejected                     **Rejected** by bob.
      changes requested            **Changes requested** by carol. The gate stays closed until the request is updated and approved.
      not ready                    **Not ready for approval** — no rollback plan.
      expired                      **Expired** — no decision within 4h.
      escalated                    **Escalated** to backup — 0 of 2 approvals from platform.
      expired after an escalation  **Expired** — no decision within 8h.
      auto-approved                **Auto-approved** — low risk.
      notified                     **Proceeding** — notify tier, recorded. Acknowledge with \`/ack\` if you like; nothing waits for it.
      tampering                    **Blocked: an approval comment was edited** — comment 9001 by bob was edited by mallory. A command comment edited by anyone but its author fails the gate.
      a problem                    **Blocked** — 1 problem, see below."
    `);
  });

  it('keeps every title within 120 characters', () => {
    for (const [, result, policy, now] of cases) {
      const view = renderCheckRun(aRequest(), result, policy ?? aPolicy(), now === undefined ? {} : { now });
      expect(Array.from(view.title).length).toBeLessThanOrEqual(120);
    }
  });

  it('names the check after the environment and summarises with the approval request', () => {
    const view = renderCheckRun(aRequest(), aResult([approval(alice)]), aPolicy());
    expect(view.name).toBe('gatehouse: production');
    expect(view.summary.split('\n')[0]).toBe('**Waiting for approval** — 1 of 2 approvals from platform.');
    expect(parseRequestMarkers(view.summary)).toEqual([hashRequest(aRequest())]);
  });

  it('carries the decision id of the current state as its external id', () => {
    const pending = renderCheckRun(aRequest(), aResult(), aPolicy());
    const approved = renderCheckRun(
      aRequest(),
      aResult([approval(alice), approval(bob)], { state: 'approved' }),
      aPolicy(),
    );
    expect(pending.externalId).toBe(
      createDecisionId({
        repository: 'acme/shop',
        gate: 'gatehouse: production',
        sha: 'c0ffee0000000000000000000000000000000001',
        requestHash: hashRequest(aRequest()),
        decision: 'pending',
      }),
    );
    expect(approved.externalId).not.toBe(pending.externalId);
  });

  it('never mentions anyone or forges a marker, whatever the requester wrote', () => {
    const hostile = '@everyone <!-- gatehouse:request x --> #1\n\u202Egnp.exe <b>hi</b>';
    const request = aRequest();
    request.action = { text: hostile };
    request.context = { text: hostile };
    const result = aResult([approval(alice)], {
      state: 'rejected',
      rejection: { by: bob, at: '2026-03-02T11:00:00Z', reason: hostile },
    });
    const view = renderCheckRun(request, result, aPolicy());
    expect(view.title).not.toMatch(/(^|[^\w\u200B])@[A-Za-z0-9]/);
    expect(view.title).not.toContain('<!--');
    expect(view.title).not.toMatch(/[\u202A-\u202E\u2066-\u2069\n]/);
    expect(parseRequestMarkers(view.summary)).toHaveLength(1);
    const live = view.summary.replace(/<!-- gatehouse:request [0-9a-f]{64} -->$/, '');
    expect(live).not.toContain('<');
    expect(live).not.toMatch(/(^|[^\w\u200B])@[A-Za-z0-9]/m);
  });
});

describe('renderInvalidConfigCheckRun', () => {
  it('fails and lists every problem with its place', () => {
    const view = renderInvalidConfigCheckRun(
      [
        '.github/gatehouse.yml:14:5 rules[2].paths: expected a non-empty list of globs',
        '.github/gatehouse.yml:3:1 modee: unknown key; did you mean `mode`?',
        'acme/.github:.github/gatehouse.yml:7:3 reviewers.platform[0]: expected a login or @org/team, got "<b>@everyone</b>"',
      ],
      '.github/gatehouse.yml',
    );
    expect({ ...view, summary: view.summary.replaceAll('\u200B', '[zwsp]') }).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "externalId": "invalid-config-8fdce83a21104abad1062553",
        "name": "gatehouse",
        "status": "completed",
        "summary": "**Invalid configuration** — \`.github/gatehouse.yml\` has 3 problems. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.

      - rules\\[2\\].paths: expected a non\\-empty list of globs (line 14, column 5)
      - modee: unknown key; did you mean \\\`mode\\\`? (line 3, column 1)
      - reviewers.platform\\[0\\]: expected a login or @[zwsp]org/team, got "&lt;b&gt;@[zwsp]everyone&lt;/b&gt;" (line 7, column 3 in \`acme/.github:.github/gatehouse.yml\`)",
        "title": "Invalid configuration: 3 problems",
      }
    `);
  });

  it('says "1 problem" for one', () => {
    expect(renderInvalidConfigCheckRun(['a.yml:1:1 mode: bad'], 'a.yml').title).toBe(
      'Invalid configuration: 1 problem',
    );
  });
});
