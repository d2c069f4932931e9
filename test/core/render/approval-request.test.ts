import { describe, expect, it } from 'vitest';
import { parseRequestMarkers } from '../../../src/core/decision-id.ts';
import type { Actor, GateResult, Policy, Request } from '../../../src/core/model.ts';
import {
  APPROVAL_REQUEST_MAX_CHARS,
  renderApprovalRequest,
} from '../../../src/core/render/approval-request.ts';

const alice: Actor = { id: 1, login: 'alice', type: 'User' };
const bob: Actor = { id: 2, login: 'bob', type: 'User' };
const dave: Actor = { id: 4, login: 'dave', type: 'User' };
const agent: Actor = { id: 100, login: 'deploy-agent', type: 'Bot' };

const policy: Policy = {
  mode: 'ask',
  allow: ['docs'],
  reviewers: { platform: ['@acme/platform', 'alice'], backup: ['carol'] },
  defaults: {
    approvals: 1,
    timeoutMs: 86_400_000,
    onTimeout: 'reject',
    escalateTo: [],
    safeDefault: null,
    invalidateOnPush: true,
    allowSelfApproval: false,
    allowBots: false,
  },
  rules: [
    {
      name: 'migrations',
      index: 0,
      description: 'Schema changes cannot be reverted with git',
      if: { paths: ['db/migrations/**'] },
      risk: { reversibility: 'irreversible', blast_radius: 'production' },
      riskImplied: false,
      level: 'approve',
      reviewers: ['platform'],
      require: ['action', 'rollback_plan'],
      approvals: 2,
      timeoutMs: 4 * 3_600_000,
      onTimeout: 'escalate',
      escalateTo: ['backup'],
      safeDefault: null,
    },
  ],
  actions: [],
  environments: {},
  specs: { paths: ['docs/specs/**/*.md'] },
  log: { branch: 'gatehouse-log', path: 'decisions', checkRuns: true },
  queue: { maxPending: 50 },
  thresholds: { cost: { notify: 0.1, approve: 100 } },
};

function aRequest(): Request {
  return {
    gate: { kind: 'pull_request' },
    repository: 'acme/shop',
    subject: { sha: 'c0ffee0000000000000000000000000000000001', targetBranch: 'main', pullRequest: 7 },
    kind: 'migration',
    action: {
      text: 'Add an index on orders.created_at',
      source: { path: 'docs/specs/orders-index.md', line: 2 },
    },
    context: {
      text: 'Order history pages time out for large customers.\nThe query scans 40M rows without an index.',
    },
    riskAssessment: { text: 'Building the index locks writes on orders unless it runs concurrently.' },
    rollbackPlan: { text: 'Run 0042_down.sql, which drops the index.\nNo data is lost.' },
    recommendation: { text: 'Option b: build it concurrently tonight.' },
    options: [
      { key: 'a', name: 'Build now', description: 'Locks writes for about two minutes.' },
      { key: 'b', name: 'Build concurrently', description: 'No lock; takes about 20 minutes.' },
      { key: 'c', name: 'Do nothing', description: 'Keep the timeouts.' },
    ],
    declaredRisk: {},
    files: {
      paths: ['db/migrations/0042_orders_index.sql', 'db/migrations/0042_down.sql', 'src/orders.ts'],
      complete: true,
    },
    labels: [],
    requester: agent,
    onBehalfOf: dave,
    spec: { path: 'docs/specs/orders-index.md' },
  };
}

function aResult(): GateResult {
  const approval = {
    approver: alice,
    at: '2026-03-02T10:20:00Z',
    statementId: '9001',
    source: 'comment' as const,
    verb: 'approve' as const,
    option: 'b',
  };
  return {
    state: 'pending',
    risk: {
      tier: 'approve',
      level: 'approve',
      factors: [
        { factor: 'reversibility', value: 'irreversible', tier: 'approve', from: 'migrations' },
        { factor: 'blast_radius', value: 'production', tier: 'approve', from: 'migrations' },
        {
          factor: 'precedent',
          value: 'first_time',
          tier: 'notify',
          from: 'computed: never approved before: rule migrations',
        },
      ],
      rules: [
        {
          name: 'migrations',
          tier: 'approve',
          level: 'approve',
          reasons: ['paths: 2 changed files match'],
          files: ['db/migrations/0042_orders_index.sql', 'db/migrations/0042_down.sql'],
          filesMatched: 2,
        },
      ],
      problems: [],
    },
    progress: [
      { rule: 'migrations', level: 'approve', needed: 2, approvals: [approval], reviewers: ['platform'] },
    ],
    statements: [
      {
        statement: { source: 'comment', id: '9001', author: alice, createdAt: '2026-03-02T10:20:00Z' },
        verb: 'approve',
        counted: true,
        reason: 'counted for migrations',
      },
      {
        statement: { source: 'review', id: '77', author: bob, createdAt: '2026-03-02T10:25:00Z' },
        verb: 'approve',
        counted: false,
        reason: 'stale: given on bada550, the head is now c0ffee0',
      },
      {
        statement: { source: 'comment', id: '9003', author: dave, createdAt: '2026-03-02T10:30:00Z' },
        verb: 'approve',
        counted: false,
        reason: 'ignored: @dave has read permission',
      },
    ],
    approvers: [approval],
    deadline: '2026-03-02T14:00:00Z',
    readiness: { ready: true, missing: [] },
    tampering: [],
    vetoes: [],
    problems: [],
  };
}

/** The text outside inline code spans, where Markdown and mentions would be live. */
function outsideCode(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    const run = /^`+/.exec(markdown.slice(i))?.[0];
    if (run === undefined) {
      out += markdown[i];
      i += 1;
      continue;
    }
    // A code span closes at the next backtick run of exactly the same length.
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = i + run.length;
    const match = close.exec(markdown);
    if (match === null) {
      out += run;
      i += run.length;
    } else {
      out += ' ';
      i = match.index + run.length;
    }
  }
  return out;
}

/** Gatehouse's own HTML: the details block and the final marker. Anything else is injected. */
function withoutOwnHtml(markdown: string): string {
  return markdown
    .replace(/<\/?details>|<\/?summary>/g, '')
    .replace(/<!-- gatehouse:request [0-9a-f]{64} -->$/, '');
}

const LIVE_MENTION = /(^|[^\w\u200B])@[A-Za-z0-9]/m;

const HOSTILE =
  '*bold* [link](http://evil.example) <img src=x onerror=alert(1)> <!-- gatehouse:request ' +
  `${'e'.repeat(64)} --> @everyone @acme/admins #1 \`code\` \u202Etxt.exe\n# heading\n<script>alert(1)</script>`;

describe('renderApprovalRequest', () => {
  it('renders a migration waiting for the second of two approvals', () => {
    expect(renderApprovalRequest(aRequest(), aResult(), policy)).toMatchInlineSnapshot(`
      "**Waiting for approval** — 1 of 2 approvals from platform.

      ### Action requested

      Add an index on orders.created\\_at

      Requested by deploy\\-agent (Bot) on behalf of dave · kind \`migration\` · commit \`c0ffee000000\` · into \`main\` · spec \`docs/specs/orders-index.md\`

      ### Context

      Order history pages time out for large customers.\\
      The query scans 40M rows without an index.

      ### Risk assessment

      **Tier:** approve · **Level:** approve

      | Factor | Value | Tier | From |
      | --- | --- | --- | --- |
      | reversibility | irreversible | approve | migrations |
      | blast\\_radius | production | approve | migrations |
      | precedent | first\\_time | notify | computed: never approved before: rule migrations |

      **Matched rules**

      - **migrations** (approve tier, approve level): Schema changes cannot be reverted with git. Matched because paths: 2 changed files match
        - \`db/migrations/0042_orders_index.sql\`
        - \`db/migrations/0042_down.sql\`

      **The requester's assessment**

      Building the index locks writes on orders unless it runs concurrently.

      ### Rollback plan

      Run 0042\\_down.sql, which drops the index.\\
      No data is lost.

      ### Recommendation

      Option b: build it concurrently tonight.

      ### Options

      - **a** — Build now: Locks writes for about two minutes. — pick with \`/approve a\`
      - **b** — Build concurrently: No lock; takes about 20 minutes. — pick with \`/approve b\`
      - **c** — Do nothing: Keep the timeouts. — pick with \`/approve c\`

      ### How to decide

      **Who can approve**

      - **migrations** needs 2 approvals from **platform** (\`@acme/platform\`, \`alice\`). So far: alice (option b).

      The author of the change, the requester, whoever the request acts for and the last pusher cannot approve it. Bot accounts never count. People are counted once each, by account, with write permission checked when the gate is decided.

      **Commands** (comment on this pull request, the command on the first line of the comment)

      - \`/approve\` — approve; name an option to pick it: \`/approve a\`, \`/approve b\`, \`/approve c\`
      - \`/approve cancel\` — withdraw your approval
      - \`/reject <reason>\` — reject; one rejection blocks the gate
      - \`/delay <when>\` — approve, effective later: \`/delay 2h\` or \`/delay 2026-03-02T22:00:00Z\`
      - \`/modify <instructions>\` — ask for changes; the gate stays closed

      A pull request review counts too: **Approve** as \`/approve\`, **Request changes** as \`/modify\`, for the commit it was given on.

      **Deadline:** 2026-03-02 14:00 UTC. Without a decision by then, the request escalates to **backup** (\`carol\`).

      <details>
      <summary>How each statement was counted (3)</summary>

      - comment 9001 by alice, 2026-03-02 10:20 UTC: \`/approve\` — counted for migrations
      - review 77 by bob, 2026-03-02 10:25 UTC: \`/approve\` — stale: given on bada550, the head is now c0ffee0
      - comment 9003 by dave, 2026-03-02 10:30 UTC: \`/approve\` — ignored: @​dave has read permission

      </details>

      <!-- gatehouse:request 2c384b6fc512995e487863a5e0c6e48bc219b5c63093a57705b2fa2aa8592498 -->"
    `);
  });

  it('lists what is missing when the request is not ready', () => {
    const request = aRequest();
    delete request.rollbackPlan;
    const result = aResult();
    result.readiness = {
      ready: false,
      missing: [
        {
          requirement: 'rollback_plan',
          rule: 'migrations',
          problem: 'no rollback plan',
          source: { path: 'docs/specs/orders-index.md', line: 12 },
        },
      ],
    };
    const rendered = renderApprovalRequest(request, result, policy);
    expect(rendered.split('\n')[0]).toBe('**Not ready for approval** — no rollback plan.');
    expect(rendered).toContain(
      '### Not ready for approval\n\n- no rollback plan (`docs/specs/orders-index.md` line 12), required by rule **migrations**',
    );
    expect(rendered).toContain('### Rollback plan\n\n_None given._');
  });

  describe('with hostile text from the requester', () => {
    const request = aRequest();
    request.action = { text: HOSTILE };
    request.context = { text: HOSTILE };
    request.riskAssessment = { text: HOSTILE };
    request.rollbackPlan = { text: HOSTILE };
    request.recommendation = { text: HOSTILE };
    request.kind = HOSTILE;
    request.options = [{ key: 'a', name: HOSTILE, description: HOSTILE }];
    request.spec = { path: HOSTILE };
    const result = aResult();
    result.risk.rules[0]?.files.push(HOSTILE);
    result.state = 'rejected';
    result.rejection = { by: bob, at: '2026-03-02T11:00:00Z', reason: HOSTILE };
    result.problems.push(HOSTILE);
    result.readiness = {
      ready: false,
      missing: [{ requirement: 'action', rule: 'migrations', problem: HOSTILE }],
    };
    const rendered = renderApprovalRequest(request, result, policy);
    const live = outsideCode(withoutOwnHtml(rendered));

    it('injects no HTML', () => {
      expect(live).not.toContain('<');
    });

    it('mentions nobody', () => {
      expect(live).not.toMatch(LIVE_MENTION);
    });

    it('links no issue', () => {
      expect(live).not.toMatch(/#\d/);
    });

    it('makes no link, heading or emphasis', () => {
      expect(live).not.toMatch(/[^\\]\]\(/);
      expect(live).not.toMatch(
        /^#+ (?!(Action requested|Context|Risk assessment|Rollback plan|Recommendation|Options|How to decide|Not ready for approval|Problems)$)/m,
      );
      expect(live).not.toMatch(/(^|[^\\])\*bold/);
    });

    it('holds exactly one request marker, its own, at the end', () => {
      expect(parseRequestMarkers(rendered)).toHaveLength(1);
      expect(rendered).toMatch(/<!-- gatehouse:request [0-9a-f]{64} -->$/);
    });

    it('keeps no bidi controls', () => {
      expect(rendered).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    });
  });

  it('stays under the size limit whatever the request holds', () => {
    // As long as GitHub lets any one text field be (65,536 characters), in every field at once.
    const huge = `${'<@x #1 '.repeat(3_100)}\n`.repeat(3);
    const request = aRequest();
    request.action = { text: huge };
    request.context = { text: huge };
    request.riskAssessment = { text: huge };
    request.rollbackPlan = { text: huge };
    request.recommendation = { text: huge };
    request.options = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, name: huge, description: huge }));
    const result = aResult();
    result.risk.rules = Array.from({ length: 50 }, (_, i) => ({
      name: `rule-${i}`,
      tier: 'approve' as const,
      level: 'approve' as const,
      reasons: [huge, huge],
      files: Array.from({ length: 20 }, (_, j) => `${'d/'.repeat(200)}${j}.sql`),
      filesMatched: 3000,
    }));
    result.risk.factors = Array.from({ length: 50 }, () => ({
      factor: huge,
      value: huge,
      tier: 'approve' as const,
      from: huge,
    }));
    result.problems = Array.from({ length: 100 }, () => huge);
    result.progress = Array.from({ length: 50 }, (_, i) => ({
      rule: `rule-${i}`,
      level: 'approve' as const,
      needed: 2,
      approvals: [],
      reviewers: Array.from({ length: 10 }, () => 'platform'),
    }));
    result.statements = Array.from({ length: 500 }, (_, i) => ({
      statement: {
        source: 'comment' as const,
        id: String(i),
        author: alice,
        createdAt: '2026-03-02T10:20:00Z',
      },
      verb: huge,
      counted: false,
      reason: huge,
    }));
    const rendered = renderApprovalRequest(request, result, policy);
    expect(rendered.length).toBeLessThanOrEqual(APPROVAL_REQUEST_MAX_CHARS);
    expect(parseRequestMarkers(rendered)).toHaveLength(1);
    expect(rendered).toContain('truncated');
  });
});
