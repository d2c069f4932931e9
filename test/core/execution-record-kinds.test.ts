import { describe, expect, it } from 'vitest';
import {
  createDeploymentExecutionRecord,
  createExecutionId,
  createExecutionKey,
  createExecutionRecordPath,
  createRequestExecutionRecord,
  parseExecutionRecord,
  readExecutionStart,
  renderExecutionCommitMessage,
  renderExecutionRecord,
} from '../../src/core/execution-record.ts';
import {
  hasExecutionMark,
  parseExecutionMark,
  renderExecutionMark,
} from '../../src/core/execution-report.ts';

const SHA = 'a'.repeat(40);
const DECISION = { id: 'd'.repeat(24), decision: 'approved' as const, sha: SHA };

const deployment = (environment = 'production', decision: typeof DECISION | null = DECISION) =>
  createDeploymentExecutionRecord({
    origin: 'workflow_run',
    repository: 'acme/shop',
    deployment: 42,
    environment,
    sha: SHA,
    ref: 'main',
    status: 'success',
    by: { id: 4, login: 'dave' },
    startedAt: '2026-03-02T11:00:00Z',
    completedAt: '2026-03-02T11:05:00Z',
    ...(decision === null ? {} : { decision }),
    links: { workflow_run: 'https://github.com/acme/shop/actions/runs/501' },
  });

const request = createRequestExecutionRecord({
  repository: 'acme/shop',
  issue: 12,
  request: 'e'.repeat(64),
  sha: SHA,
  comment: 1001,
  status: 'failed',
  by: { id: 900, login: 'claude_agent' },
  completedAt: '2026-03-02T11:00:00Z',
  decision: { ...DECISION, sha: 'b'.repeat(40) },
});

describe('the execution record of a deployment', () => {
  it('is front matter and a few readable lines, and reads back as it was', () => {
    const record = deployment();
    const text = renderExecutionRecord(record);
    expect(text.slice(text.lastIndexOf('---\n') + 4)).toMatchInlineSnapshot(`
      "
      # Deployed: production (success)

      - **Deployed:** commit \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\` (\`main\`), deployment 42
      - **Triggered by:** dave (id 4), in a workflow run
      - **Started:** 2026-03-02T11:00:00Z; **completed:** 2026-03-02T11:05:00Z
      - **Decision:** approved, \`dddddddddddddddddddddddd\`, for commit \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\`
      - **Approved commit deployed:** yes
      "
    `);
    expect(parseExecutionRecord(text)).toEqual({ record });
    expect(record.id).toBe(createExecutionId(createExecutionKey(record)));
    expect(readExecutionStart(record)).toBe('2026-03-02T11:00:00Z');
    expect(createExecutionRecordPath(record, 'decisions')).toBe(
      `decisions/2026/03/${record.id}.execution.md`,
    );
    expect(renderExecutionCommitMessage(record)).toBe(
      `gatehouse: deployed production (success) by dave\n\nGatehouse-Execution: deployment\nGatehouse-Execution-Id: ${record.id}\nGatehouse-Execution-Of: ${DECISION.id}\nGatehouse-Approved: true`,
    );
  });

  it("escapes an environment's name: Markdown, a comment and a bidi control are text", () => {
    const record = deployment('prod*<!--\u202E-->', null);
    const text = renderExecutionRecord(record);
    // The front matter keeps the value (a bidi control written as an escape); the body shows it as text.
    expect(text).toContain('environment: "prod*<!--\\u202E-->"');
    const body = text.slice(text.lastIndexOf('---\n') + 4);
    expect(body).toContain('# Deployed: prod\\*&lt;\\!\\-\\-\\-\\-&gt; (success)');
    expect(body).not.toContain('<!--');
    expect(text).not.toContain('\u202E');
    expect(text).toContain(
      '- **Decision:** none: no decision of the gate was recorded before the deployment',
    );
    expect(parseExecutionRecord(text)).toEqual({ record });
    expect(record.approved).toBe(false);
  });

  it('is named by the deployment alone: the same deployment, the same id, whatever its status', () => {
    const again = createDeploymentExecutionRecord({
      origin: 'workflow_run',
      repository: 'ACME/shop',
      deployment: 42,
      environment: 'production',
      sha: SHA,
      status: 'inactive',
      by: { id: 4, login: 'dave' },
      completedAt: '2026-03-09T00:00:00Z',
    });
    expect(again.id).toBe(deployment().id);
    expect(readExecutionStart(again)).toBe('2026-03-09T00:00:00Z');
    expect(renderExecutionRecord(again)).toContain(
      '- **Started:** not reported; **completed:** 2026-03-09T00:00:00Z',
    );
  });
});

describe("the execution record of an agent's request", () => {
  it('is front matter and a few readable lines, and reads back as it was', () => {
    const text = renderExecutionRecord(request);
    expect(text.slice(text.lastIndexOf('---\n') + 4)).toMatchInlineSnapshot(`
      "
      # Ran: the request of approval issue #12 (failed)

      - **Request:** \`eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\`, for commit \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\`
      - **Reported by:** claude\\_agent (id 900) in comment 1001
      - **Started:** not reported; **completed:** 2026-03-02T11:00:00Z
      - **Decision:** approved, \`dddddddddddddddddddddddd\`, for commit \`bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\`
      - **Approved request ran:** no
      "
    `);
    expect(parseExecutionRecord(text)).toEqual({ record: request });
    expect(renderExecutionCommitMessage(request).split('\n')[0]).toBe(
      'gatehouse: ran the request of #\u200B12 (failed) by claude_agent',
    );
    expect(request.id).not.toBe(deployment().id);
  });

  it('is malformed with a field of another kind: checked against the shape its type names', () => {
    const text = renderExecutionRecord(request).replace('  comment: 1001\n', '  deployment: 1001\n');
    expect(parseExecutionRecord(text)).toEqual({ error: expect.stringContaining('execution') });
    const unknown = renderExecutionRecord(request).replace('type: request', 'type: rollback');
    expect(parseExecutionRecord(unknown)).toEqual({ error: expect.stringContaining('execution.type') });
  });
});

describe("an agent's execution mark", () => {
  it('reads back what it says, and no value can end the comment', () => {
    const mark = {
      status: 'succeeded' as const,
      startedAt: '2026-03-02T10:59:00Z',
      completedAt: '2026-03-02T11:00:00Z',
    };
    const line = renderExecutionMark(mark);
    expect(line).toBe(
      '<!-- gatehouse:execution {"status":"succeeded","startedAt":"2026-03-02T10:59:00Z","completedAt":"2026-03-02T11:00:00Z"} -->',
    );
    expect(hasExecutionMark(`**Execution:** succeeded\n\n${line}`)).toBe(true);
    expect(parseExecutionMark(`text\n\n${line}`)).toEqual(mark);
  });

  it('is no mark when it does not say how the call ended, or when', () => {
    const wrap = (json: string) => `<!-- gatehouse:execution ${json} -->`;
    expect(parseExecutionMark('no mark')).toBeUndefined();
    expect(parseExecutionMark(wrap('{"status":"succeeded"'))).toBeUndefined();
    expect(parseExecutionMark(wrap('{not json}'))).toBeUndefined();
    expect(
      parseExecutionMark(wrap('{"status":"approved","completedAt":"2026-03-02T11:00:00Z"}')),
    ).toBeUndefined();
    expect(parseExecutionMark(wrap('{"status":"failed","completedAt":"yesterday"}'))).toBeUndefined();
    expect(
      parseExecutionMark(wrap('{"status":"failed","completedAt":"2026-03-02T11:00:00Z","by":"alice"}')),
    ).toBeUndefined();
  });
});
