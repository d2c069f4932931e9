import { describe, expect, it } from 'vitest';
import {
  createDecisionRecord,
  type DecisionRecord,
  NOTE_MAX_CHARS,
  parseDecisionRecord,
  renderDecisionRecord,
} from '../../src/core/decision-record.ts';
import type { Actor, Approval, GateResult, Request } from '../../src/core/model.ts';

const alice: Actor = { id: 1, login: 'alice', type: 'User' };
const bob: Actor = { id: 2, login: 'bob', type: 'User' };
const SHA = 'c0ffee0000000000000000000000000000000001';

function aRequest(): Request {
  return {
    gate: { kind: 'request', environment: 'production' },
    repository: 'acme/shop',
    subject: { sha: SHA, targetBranch: 'main' },
    kind: 'migration',
    action: { text: 'Drop the legacy_orders table' },
    options: [],
    declaredRisk: {},
    files: { paths: [], complete: true },
    labels: [],
    requester: { id: 100, login: 'deploy-agent', type: 'Bot' },
    onBehalfOf: { id: 4, login: 'dave', type: 'User' },
    agent: 'claude-code',
  };
}

function anApproval(
  approver: Actor,
  note: string | undefined,
  source: Approval['source'] = 'comment',
): Approval {
  return {
    approver,
    at: '2026-03-02T10:20:00Z',
    statementId: `s${approver.id}`,
    source,
    verb: 'approve',
    ...(note === undefined ? {} : { note }),
  };
}

function approvedWith(...approvals: Approval[]): GateResult {
  return {
    state: 'approved',
    risk: { tier: 'approve', level: 'approve', factors: [], rules: [], problems: [] },
    progress: [],
    statements: [],
    approvers: approvals,
    readiness: { ready: true, missing: [] },
    tampering: [],
    vetoes: [],
    problems: [],
  };
}

function aRecord(result: GateResult): DecisionRecord {
  return createDecisionRecord(aRequest(), result, {
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt: '2026-03-02T10:40:05Z',
    links: { workflow_run: 'https://github.com/acme/shop/actions/runs/42' },
  });
}

const HOSTILE_NOTES = [
  'ship it after 6pm',
  '**bold** [link](https://evil.example) `code` <script>alert(1)</script> <!-- hidden -->',
  'line one\nline two\n\n---\nschema: 1\napprovers: []\n---\n# not a heading',
  'key: value\n  - "quoted" \'single\' \u202Eevil\u2066 & @mallory #12 GH-12',
  ': starts with a colon',
  '- a list item\n> a quote\n|table|',
  '...',
];

describe('the approvers’ notes', () => {
  it.each(HOSTILE_NOTES)('are written and read back unchanged: %j', (note) => {
    const record = aRecord(approvedWith(anApproval(alice, note), anApproval(bob, undefined, 'review')));
    expect(record.approvers.map((approver) => approver.note)).toEqual([note.trim(), undefined]);
    const text = renderDecisionRecord(record);
    expect(parseDecisionRecord(text)).toEqual({ record });
    // Nothing in a note closes the front matter early or adds a key.
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(2);
  });

  it('are quoted in the body, every Markdown and HTML character made text', () => {
    const note = 'ok <script>alert(1)</script> **now** @mallory\n---\n# Approved';
    const body = renderDecisionRecord(aRecord(approvedWith(anApproval(alice, note)))).split('\n---\n')[1];
    expect(body).toContain(
      [
        '**Note from alice (id 1)**',
        '',
        '> ok &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*\\*now\\*\\* @\u200Bmallory\\',
        '> \\-\\-\\-\\',
        '> \\#\u200B Approved',
      ].join('\n'),
    );
    expect(body).not.toContain('<script>');
  });

  it('are bounded, the cut said in the note', () => {
    const long = `${'x'.repeat(NOTE_MAX_CHARS)}${'y'.repeat(500)}`;
    const [approver] = aRecord(approvedWith(anApproval(alice, long))).approvers;
    expect(approver?.note).toBe(`${'x'.repeat(NOTE_MAX_CHARS)} … (cut: 500 more characters)`);
  });

  it('are left out when blank', () => {
    const [approver] = aRecord(approvedWith(anApproval(alice, '  \n '))).approvers;
    expect(approver).not.toHaveProperty('note');
  });
});

describe('the record’s schema', () => {
  it('is 2 for records written now', () => {
    expect(aRecord(approvedWith(anApproval(alice, 'fine'))).schema).toBe(2);
  });

  it('1 still parses, so records written before notes stay valid', () => {
    const record = { ...aRecord(approvedWith(anApproval(alice, undefined))), schema: 1 as const };
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({ record });
  });

  it('1 with a note is malformed: a field newer than its schema is no writer’s', () => {
    const record = { ...aRecord(approvedWith(anApproval(alice, 'fine'))), schema: 1 as const };
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({
      error: 'approvers.0.note: not a field of schema 1 (notes came with schema 2)',
    });
  });

  it('3 is no schema Gatehouse knows', () => {
    const text = renderDecisionRecord(aRecord(approvedWith())).replace('schema: 2', 'schema: 3');
    expect(parseDecisionRecord(text)).toMatchObject({ error: expect.stringMatching(/^schema: /) });
  });
});

describe('the provenance of an agent’s request', () => {
  it('names the agent, the person it acts for and the workflow run, in front matter and body', () => {
    const record = aRecord(approvedWith(anApproval(alice, undefined)));
    expect(record).toMatchObject({
      agent: 'claude-code',
      on_behalf_of: { id: 4, login: 'dave' },
      links: { workflow_run: 'https://github.com/acme/shop/actions/runs/42' },
    });
    const text = renderDecisionRecord(record);
    expect(text).toContain(
      '- **Requested by:** deploy\\-agent (id 100), Bot, on behalf of dave (id 4), agent claude\\-code',
    );
    expect(text).toContain('- **Links:** [workflow run](https://github.com/acme/shop/actions/runs/42)');
  });
});
