import { describe, expect, it } from 'vitest';
import { createDecisionId, hashRequest } from '../../src/core/decision-id.ts';
import {
  createDecisionRecord,
  createDecisionRecordPath,
  type DecisionRecord,
  parseDecisionCommitMessage,
  parseDecisionRecord,
  renderDecisionCommitMessage,
  renderDecisionRecord,
} from '../../src/core/decision-record.ts';
import type { Actor, Approval, GateResult, Request } from '../../src/core/model.ts';

const alice: Actor = { id: 1, login: 'alice', type: 'User' };
const bob: Actor = { id: 2, login: 'bob', type: 'User' };
const carol: Actor = { id: 3, login: 'carol', type: 'User' };
const SHA = 'c0ffee0000000000000000000000000000000001';

function aRequest(): Request {
  return {
    gate: { kind: 'deployment', environment: 'production' },
    repository: 'acme/shop',
    subject: { sha: SHA, targetBranch: 'main', pullRequest: 7, url: 'https://github.com/acme/shop/pull/7' },
    kind: 'migration',
    action: { text: 'Add an index on orders.created_at' },
    rollbackPlan: { text: 'Run 0042_down.sql.' },
    options: [
      { key: 'a', name: 'Now', description: 'Locks writes.' },
      { key: 'b', name: 'Concurrently', description: 'No lock.' },
    ],
    declaredRisk: {},
    files: { paths: ['db/migrations/0042.sql'], complete: true },
    labels: [],
    requester: { id: 100, login: 'deploy-agent', type: 'Bot' },
    onBehalfOf: { id: 4, login: 'dave', type: 'User' },
    spec: { path: 'docs/specs/orders-index.md' },
  };
}

function approval(approver: Actor, at: string, source: Approval['source'] = 'comment'): Approval {
  return { approver, at, statementId: `s${approver.id}`, source, verb: 'approve', option: 'b' };
}

function anApprovedResult(): GateResult {
  const approvals = [
    approval(alice, '2026-03-02T10:20:00Z'),
    approval(bob, '2026-03-02T10:40:00Z', 'review'),
  ];
  return {
    state: 'approved',
    risk: {
      tier: 'approve',
      level: 'approve',
      factors: [],
      rules: [
        { name: 'migrations', tier: 'approve', level: 'approve', reasons: [], files: [], filesMatched: 1 },
      ],
      problems: [],
    },
    progress: [{ rule: 'migrations', level: 'approve', needed: 2, approvals, reviewers: ['platform'] }],
    statements: [],
    approvers: approvals,
    option: { key: 'b', name: 'Concurrently', description: 'No lock.' },
    deadline: '2026-03-02T14:00:00Z',
    readiness: { ready: true, missing: [] },
    tampering: [],
    vetoes: [],
    problems: [],
  };
}

const links = {
  check_run: 'https://github.com/acme/shop/runs/555',
  comment: 'https://github.com/acme/shop/pull/7#issuecomment-9001',
  pull_request: 'https://github.com/acme/shop/pull/7',
};

function anApprovedRecord(): DecisionRecord {
  return createDecisionRecord(aRequest(), anApprovedResult(), {
    requestedAt: '2026-03-02T10:00:00Z',
    decidedAt: '2026-03-02T10:40:05Z',
    links,
  });
}

describe('createDecisionRecord', () => {
  it('records who decided what, on which commit, identified by the decision id', () => {
    const record = anApprovedRecord();
    expect(record.id).toBe(
      createDecisionId({
        repository: 'acme/shop',
        gate: 'gatehouse: production',
        sha: SHA,
        requestHash: hashRequest(aRequest()),
        decision: 'approved',
      }),
    );
    expect(record.approvers).toEqual([
      { id: 1, login: 'alice', at: '2026-03-02T10:20:00Z', via: 'comment', option: 'b' },
      { id: 2, login: 'bob', at: '2026-03-02T10:40:00Z', via: 'review', option: 'b' },
    ]);
    expect(record.option).toBe('b');
    expect(record).not.toHaveProperty('reason');
    expect(record).not.toHaveProperty('rejected_by');
  });

  it('gives the reason of a rejection, a waiver and a timeout', () => {
    const rejected = anApprovedResult();
    rejected.state = 'rejected';
    rejected.rejection = {
      by: carol,
      at: '2026-03-02T11:00:00Z',
      reason: 'collides with the nightly export',
    };
    const waived: GateResult = { ...anApprovedResult(), state: 'auto_approved', approvers: [], progress: [] };
    waived.risk = { ...waived.risk, waived: 'kind docs is allowed by the policy' };
    const expired: GateResult = {
      ...anApprovedResult(),
      state: 'expired',
      approvers: [],
      reason: 'migrations: no decision within 4h',
    };
    const times = { requestedAt: '2026-03-02T10:00:00Z', decidedAt: '2026-03-02T14:00:00Z' };
    expect(createDecisionRecord(aRequest(), rejected, times)).toMatchObject({
      rejected_by: { id: 3, login: 'carol' },
      reason: 'collides with the nightly export',
    });
    expect(createDecisionRecord(aRequest(), waived, times).reason).toBe('kind docs is allowed by the policy');
    expect(createDecisionRecord(aRequest(), expired, times).reason).toBe('migrations: no decision within 4h');
  });

  it('records who asked for changes, and what', () => {
    const result: GateResult = {
      ...anApprovedResult(),
      state: 'changes_requested',
      approvers: [],
      modification: {
        by: carol,
        at: '2026-03-02T11:00:00Z',
        instructions: 'Build it concurrently.\nThen re-run.',
      },
    };
    const record = createDecisionRecord(aRequest(), result, {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T11:00:00Z',
    });
    expect(record).toMatchObject({
      modified_by: { id: 3, login: 'carol' },
      modifications: 'Build it concurrently.\nThen re-run.',
    });
  });
});

describe('the changed-file count', () => {
  it('is recorded when GitHub listed every changed file', () => {
    const request = aRequest();
    request.files = { paths: ['a.ts', 'b.ts', 'c.ts'], complete: true };
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:40:05Z',
    });
    expect(record.subject.changed_files).toBe(3);
    expect(renderDecisionRecord(record)).toContain(', into `main`, 3 changed files\n');
  });

  it('is left out when the list was cut off, since the count would be wrong', () => {
    const request = aRequest();
    request.files = { paths: ['a.ts'], complete: false };
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:40:05Z',
    });
    expect(record.subject).not.toHaveProperty('changed_files');
    expect(renderDecisionRecord(record)).not.toContain('changed_files');
  });

  it('is optional when reading, so records written before it still count', () => {
    const text = renderDecisionRecord(anApprovedRecord()).replace(/^ {2}changed_files: .*\n/m, '');
    expect(text).not.toContain('changed_files');
    const parsed = parseDecisionRecord(text);
    expect('record' in parsed && parsed.record.subject).toEqual({
      sha: SHA,
      pull_request: 7,
      target_branch: 'main',
      url: 'https://github.com/acme/shop/pull/7',
    });
  });

  it('must be a whole number of files', () => {
    const text = renderDecisionRecord(anApprovedRecord()).replace('changed_files: 1', 'changed_files: -1');
    expect(parseDecisionRecord(text)).toEqual({
      error: 'subject.changed_files: Too small: expected number to be >=0',
    });
  });
});

describe('what the request lacked', () => {
  it('is recorded by the readiness standard, whether or not a rule required it', () => {
    const request = aRequest();
    request.context = { text: 'TBD' };
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:40:05Z',
    });
    // A placeholder context, no risk assessment, and a two-word rollback plan: too short to act on.
    expect(record.request.missing).toEqual(['context', 'risk_assessment', 'rollback_plan']);
    expect(renderDecisionRecord(record)).toContain(
      '- **Missing:** context, risk assessment, rollback plan\n',
    );
  });

  it('is an empty list for a complete request, and no line in the body', () => {
    const request = aRequest();
    request.context = { text: 'The orders table has grown to 40 million rows.' };
    request.riskAssessment = { text: 'Locks writes for about a minute.' };
    request.rollbackPlan = { text: 'Run 0042_down.sql to drop the index.' };
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:40:05Z',
    });
    expect(record.request.missing).toEqual([]);
    const text = renderDecisionRecord(record);
    expect(text).toContain('\n  missing: []\n');
    expect(text).not.toContain('**Missing:**');
    expect(parseDecisionRecord(text)).toEqual({ record });
  });

  it('names only requirements Gatehouse knows', () => {
    const text = renderDecisionRecord(anApprovedRecord()).replace('    - context\n', '    - approval\n');
    expect(parseDecisionRecord(text)).toMatchObject({
      error: expect.stringMatching(/^request\.missing\.0: /),
    });
  });
});

describe('renderDecisionRecord', () => {
  it('writes YAML front matter in a fixed order and a readable body', () => {
    expect(renderDecisionRecord(anApprovedRecord())).toMatchInlineSnapshot(`
      "---
      schema: 2
      id: c46c4c5e15c8c257004d53a2
      repository: acme/shop
      gate:
        kind: deployment
        check: "gatehouse: production"
        environment: production
      subject:
        sha: c0ffee0000000000000000000000000000000001
        pull_request: 7
        target_branch: main
        changed_files: 1
        url: https://github.com/acme/shop/pull/7
      request:
        hash: b029b2f024b371c59e065c8cc8bda359ed17bb47caa9bce2859a7988bc28f1e4
        action: Add an index on orders.created_at
        kind: migration
        spec: docs/specs/orders-index.md
        missing:
          - context
          - risk_assessment
          - rollback_plan
      tier: approve
      level: approve
      rules:
        - migrations
      decision: approved
      option: b
      approvers:
        - id: 1
          login: alice
          at: 2026-03-02T10:20:00Z
          via: comment
          option: b
        - id: 2
          login: bob
          at: 2026-03-02T10:40:00Z
          via: review
          option: b
      times:
        requested_at: 2026-03-02T10:00:00Z
        decided_at: 2026-03-02T10:40:05Z
        deadline: 2026-03-02T14:00:00Z
      links:
        check_run: https://github.com/acme/shop/runs/555
        comment: https://github.com/acme/shop/pull/7#issuecomment-9001
        pull_request: https://github.com/acme/shop/pull/7
      requester:
        id: 100
        login: deploy-agent
        type: Bot
      on_behalf_of:
        id: 4
        login: dave
      ---

      # Approved: Add an index on orders.created\\_at

      ## Request

      - **Action:** Add an index on orders.created\\_at
      - **Kind:** migration
      - **Gate:** \`gatehouse: production\` (deployment) in \`acme/shop\`
      - **Subject:** commit \`c0ffee0000000000000000000000000000000001\`, pull request #7, into \`main\`, 1 changed file
      - **Spec:** \`docs/specs/orders-index.md\`
      - **Missing:** context, risk assessment, rollback plan
      - **Requested by:** deploy\\-agent (id 100), Bot, on behalf of dave (id 4)
      - **Request hash:** \`b029b2f024b371c59e065c8cc8bda359ed17bb47caa9bce2859a7988bc28f1e4\`
      - **Risk:** tier approve, level approve; rules: migrations

      ## Approval

      - **Decision:** approved, option b
      - **Approved by:**
        - alice (id 1) at 2026-03-02T10:20:00Z via comment, option b
        - bob (id 2) at 2026-03-02T10:40:00Z via review, option b

      ## Execution

      - **Requested at:** 2026-03-02T10:00:00Z
      - **Decided at:** 2026-03-02T10:40:05Z
      - **Deadline:** 2026-03-02T14:00:00Z
      - **Links:** [check run](https://github.com/acme/shop/runs/555) · [comment](https://github.com/acme/shop/pull/7#issuecomment-9001) · [pull request](https://github.com/acme/shop/pull/7)
      "
    `);
  });

  it('shows the reason and the requested changes as text', () => {
    const result: GateResult = {
      ...anApprovedResult(),
      state: 'changes_requested',
      approvers: [],
      reason: 'carol asked for changes',
      modification: {
        by: carol,
        at: '2026-03-02T11:00:00Z',
        instructions: 'Build it *concurrently*.\n1. Then re-run.',
      },
    };
    delete result.option;
    const text = renderDecisionRecord(
      createDecisionRecord(aRequest(), result, {
        requestedAt: '2026-03-02T10:00:00Z',
        decidedAt: '2026-03-02T11:00:00Z',
      }),
    );
    expect(text.slice(text.indexOf('## Approval'))).toMatchInlineSnapshot(`
      "## Approval

      - **Decision:** changes_requested
      - **Changes requested by:** carol (id 3)

      **Reason**

      carol asked for changes

      **Requested changes**

      Build it \\*concurrently\\*.\\
      1\\. Then re\\-run.

      ## Execution

      - **Requested at:** 2026-03-02T10:00:00Z
      - **Decided at:** 2026-03-02T11:00:00Z
      - **Deadline:** 2026-03-02T14:00:00Z
      "
    `);
  });

  it('escapes untrusted text in the body and bidi controls in the front matter', () => {
    const request = aRequest();
    request.action = { text: 'Deploy <img src=x> @everyone #1 \u202Egnp.exe' };
    const result = anApprovedResult();
    result.state = 'rejected';
    result.rejection = {
      by: carol,
      at: '2026-03-02T11:00:00Z',
      reason: '<!-- gatehouse:request x -->\n# no',
    };
    const text = renderDecisionRecord(
      createDecisionRecord(request, result, {
        requestedAt: '2026-03-02T10:00:00Z',
        decidedAt: '2026-03-02T11:00:00Z',
      }),
    );
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(text).toContain('action: "Deploy <img src=x> @everyone #1 \\u202Egnp.exe"');
    const body = text.slice(text.indexOf('\n---\n') + 5);
    expect(body).not.toContain('<');
    expect(body).not.toMatch(/(^|[^\w\u200B])@[A-Za-z0-9]/m);
    expect(body).not.toMatch(/^# no/m);
  });
});

describe('parseDecisionRecord', () => {
  it('reads back exactly what was rendered', () => {
    const record = anApprovedRecord();
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({ record });
  });

  it('reads back the base of a gate into another branch than the default, in its check name too', () => {
    const request = aRequest();
    request.gate.into = 'release/1.x';
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T11:00:00Z',
    });
    expect(record.gate).toEqual({
      kind: 'deployment',
      check: 'gatehouse: production (into release/1.x)',
      environment: 'production',
      into: 'release/1.x',
    });
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({ record });
  });

  it('round-trips multi-line, quoted, bidi and YAML-looking text', () => {
    const result: GateResult = {
      ...anApprovedResult(),
      state: 'changes_requested',
      approvers: [],
      modification: {
        by: carol,
        at: '2026-03-02T11:00:00Z',
        instructions:
          '---\nkey: value\n  - "quoted" \'single\' \u202Eevil\u2066\n\n# not a heading\ntrailing space \n: colon',
      },
    };
    const request = aRequest();
    request.action = { text: 'yes' };
    request.kind = '0123';
    const record = createDecisionRecord(request, result, {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T11:00:00.123+01:00',
    });
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({ record });
  });

  it('accepts Windows line endings', () => {
    const text = renderDecisionRecord(anApprovedRecord()).replaceAll('\n', '\r\n');
    expect(parseDecisionRecord(text)).toEqual({ record: anApprovedRecord() });
  });

  it.each([
    [
      'no front matter',
      '# just a body\n',
      'expected the file to start with a `---` line (YAML front matter)',
    ],
    ['an unclosed front matter', '---\nschema: 1\n', 'expected a `---` line that closes the front matter'],
    ['broken YAML', '---\nid: [\n---\n', 'front matter is not valid YAML'],
    ['a duplicate key', '---\nschema: 1\nschema: 1\n---\n', 'front matter is not valid YAML'],
  ])('refuses %s', (_case, text, error) => {
    const parsed = parseDecisionRecord(text);
    expect('error' in parsed && parsed.error).toContain(error);
  });

  it('reads YAML written by hand, which the fast reader leaves to the full parser', () => {
    const text = renderDecisionRecord(anApprovedRecord())
      .replace('schema: 1\n', 'schema: 1 # written by hand\n')
      .replace(/^rules:\n {2}- migrations$/m, 'rules: [migrations]')
      .replace(/^ {2}kind: deployment$/m, '  kind: "deployment"');
    expect(parseDecisionRecord(text)).toEqual({ record: anApprovedRecord() });
  });

  it('finds the same problems whichever reader read the YAML', () => {
    const fast = renderDecisionRecord(anApprovedRecord()).replace(/^tier: .*$/m, 'tier: high');
    const slow = fast.replace('schema: 1\n', 'schema: 1 # by hand\n');
    expect(parseDecisionRecord(fast)).toEqual(parseDecisionRecord(slow));
    expect(parseDecisionRecord(fast)).toMatchObject({ error: expect.stringMatching(/^tier: /) });
  });

  // GitHub Enterprise Server may be reached at an IP address or a one-label name, with a port:
  // the links GitHub gives there are the records' links (issue 11, defect 4).
  it.each([
    ['an IPv4 address', 'http://10.0.0.5/acme/shop/pull/7'],
    ['a single-label name with a port', 'http://ghe:8080/acme/shop/pull/7'],
    ['an IPv6 address with a port', 'https://[fd00::5]:8443/acme/shop/pull/7'],
    ['a dotted name with a port', 'https://ghe.example.com:8443/acme/shop/pull/7'],
  ])('reads back links to a GitHub at %s', (_case, url) => {
    const request = aRequest();
    request.subject.url = url;
    const record = createDecisionRecord(request, anApprovedResult(), {
      requestedAt: '2026-03-02T10:00:00Z',
      decidedAt: '2026-03-02T10:40:05Z',
      links: { check_run: `${url.replace(/\/acme.*$/, '')}/acme/shop/runs/555`, pull_request: url },
    });
    expect(parseDecisionRecord(renderDecisionRecord(record))).toEqual({ record });
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file: URL', 'file:///etc/passwd'],
    ['an ftp: URL', 'ftp://ghe.example.com/acme'],
    ['a URL without a host', 'http://'],
    ['a scheme without its slashes', 'http:ghe.example.com/acme'],
    ['backslashes for slashes', 'http:\\\\ghe.example.com/acme'],
    ['a space in the host', 'http://ghe example.com/acme'],
    ['a line break', 'https://ghe.example.com/ac\nme'],
    ['words', 'the pull request'],
  ])('refuses %s as a link', (_case, url) => {
    const text = renderDecisionRecord(anApprovedRecord()).replace(
      /^ {2}url: .*$/m,
      `  url: ${JSON.stringify(url)}`,
    );
    expect(parseDecisionRecord(text)).toEqual({ error: 'subject.url: expected an http(s) URL' });
  });

  it('names every field that is wrong', () => {
    const text = renderDecisionRecord(anApprovedRecord())
      .replace(/^id: .*$/m, 'id: not-hex')
      .replace(/^decision: .*$/m, 'decision: maybe')
      .replace(/^tier: .*$/m, 'tier: approve\nextra: 1');
    expect(parseDecisionRecord(text)).toMatchInlineSnapshot(`
      {
        "error": "id: expected 24 hex digits; decision: Invalid option: expected one of "pending"|"approved"|"rejected"|"expired"|"auto_approved"|"notified"|"delayed"|"changes_requested"|"escalated"; (front matter): Unrecognized key: "extra"",
      }
    `);
  });
});

describe('createDecisionRecordPath', () => {
  it('files the record by the UTC month it was decided in', () => {
    const record = anApprovedRecord();
    expect(createDecisionRecordPath(record, 'decisions')).toBe(`decisions/2026/03/${record.id}.md`);
    expect(createDecisionRecordPath(record, 'audit/log/')).toBe(`audit/log/2026/03/${record.id}.md`);
    const newYear = { ...record, times: { ...record.times, decided_at: '2027-01-01T00:30:00+01:00' } };
    expect(createDecisionRecordPath(newYear, 'decisions')).toBe(`decisions/2026/12/${record.id}.md`);
  });
});

describe('renderDecisionCommitMessage', () => {
  it('names the decision, the gate and who decided, with trailers for the log reader', () => {
    const record = anApprovedRecord();
    expect(
      renderDecisionCommitMessage(record).replace(record.id, '<id>').replace(record.request.hash, '<hash>'),
    ).toMatchInlineSnapshot(`
      "gatehouse: approved gatehouse: production by alice, bob

      Gatehouse-Decision: approved
      Gatehouse-Rules: migrations
      Gatehouse-Kind: migration
      Gatehouse-Pull-Request: 7
      Gatehouse-Target: main
      Gatehouse-Decided-At: 2026-03-02T10:40:05Z
      Gatehouse-Request: <hash>
      Gatehouse-Decision-Id: <id>"
    `);
  });

  it('leaves out the kind when the request has none', () => {
    const record = anApprovedRecord();
    const { kind: _kind, ...request } = record.request;
    const message = renderDecisionCommitMessage({ ...record, request, rules: [] });
    expect(message).not.toContain('Gatehouse-Kind');
    expect(message).toContain('\nGatehouse-Rules: \n');
  });

  it('says "policy" when nobody decided', () => {
    const record: DecisionRecord = { ...anApprovedRecord(), decision: 'expired', approvers: [] };
    expect(renderDecisionCommitMessage(record).split('\n')[0]).toBe(
      'gatehouse: expired gatehouse: production by policy',
    );
  });

  it('names the person who rejected', () => {
    const record: DecisionRecord = {
      ...anApprovedRecord(),
      decision: 'rejected',
      approvers: [],
      rejected_by: { id: 3, login: 'carol' },
    };
    expect(renderDecisionCommitMessage(record).split('\n')[0]).toBe(
      'gatehouse: rejected gatehouse: production by carol',
    );
  });

  // Precedent compares kinds and targets as written: a value changed to fit a trailer could pose
  // as another (`ma<U+202E>in` as `main`), so it is left out, and the decision is no precedent.
  it('leaves out a kind with line breaks and bidi controls, so that it cannot pose as another', () => {
    const record = anApprovedRecord();
    const message = renderDecisionCommitMessage({
      ...record,
      request: { ...record.request, kind: 'deploy\nGatehouse-Decision: approved\u202E' },
    });
    expect(message).not.toContain('Gatehouse-Kind');
    expect(message).not.toContain('deploy');
    expect(parseDecisionCommitMessage(message)?.kind).toBeUndefined();
  });

  it('leaves out a target branch that a trailer would change', () => {
    const record = anApprovedRecord();
    for (const branch of ['ma\u202Ein', 'main\nGatehouse-Target: main', 'x'.repeat(201)]) {
      const message = renderDecisionCommitMessage({
        ...record,
        subject: { ...record.subject, target_branch: branch },
      });
      expect(message).not.toContain('Gatehouse-Target');
      expect(parseDecisionCommitMessage(message)).not.toHaveProperty('target');
    }
  });

  it('leaves out the target when the request has none', () => {
    const record = anApprovedRecord();
    const { target_branch: _target, ...subject } = record.subject;
    expect(renderDecisionCommitMessage({ ...record, subject })).not.toContain('Gatehouse-Target');
  });
});

describe('parseDecisionCommitMessage', () => {
  it('reads back what renderDecisionCommitMessage wrote', () => {
    const record = anApprovedRecord();
    expect(parseDecisionCommitMessage(renderDecisionCommitMessage(record))).toEqual({
      id: record.id,
      decision: 'approved',
      rules: ['migrations'],
      kind: 'migration',
      pullRequest: 7,
      target: 'main',
      at: '2026-03-02T10:40:05Z',
      requestHash: record.request.hash,
    });
  });

  it('reads messages with Windows line endings', () => {
    const record = anApprovedRecord();
    const message = renderDecisionCommitMessage(record).replaceAll('\n', '\r\n');
    expect(parseDecisionCommitMessage(message)?.id).toBe(record.id);
  });

  it.each([
    ['a commit that is not a decision', 'Fix the README\n\nSigned-off-by: alice'],
    ['a subject line alone', 'Gatehouse-Decision-Id: 0123456789abcdef01234567'],
    [
      'trailers in the subject paragraph only',
      'Gatehouse-Decision: approved\nGatehouse-Decided-At: 2026-03-02T10:00:00Z\nGatehouse-Decision-Id: 0123456789abcdef01234567\n\nbody',
    ],
    [
      'an unknown decision',
      'gatehouse: x\n\nGatehouse-Decision: maybe\nGatehouse-Decided-At: 2026-03-02T10:00:00Z\nGatehouse-Decision-Id: 0123456789abcdef01234567',
    ],
    [
      'a malformed id',
      'gatehouse: x\n\nGatehouse-Decision: approved\nGatehouse-Decided-At: 2026-03-02T10:00:00Z\nGatehouse-Decision-Id: 42',
    ],
    [
      'no decision time',
      'gatehouse: x\n\nGatehouse-Decision: approved\nGatehouse-Decision-Id: 0123456789abcdef01234567',
    ],
  ])('ignores %s', (_case, message) => {
    expect(parseDecisionCommitMessage(message)).toBeUndefined();
  });

  it('drops a request hash that is not one', () => {
    const message =
      'gatehouse: approved gatehouse by alice\n\nGatehouse-Decision: approved\nGatehouse-Rules: a, b\nGatehouse-Decided-At: 2026-03-02T10:00:00Z\nGatehouse-Request: nope\nGatehouse-Decision-Id: 0123456789abcdef01234567';
    expect(parseDecisionCommitMessage(message)).toEqual({
      id: '0123456789abcdef01234567',
      decision: 'approved',
      rules: ['a', 'b'],
      at: '2026-03-02T10:00:00Z',
    });
  });
});
