import { describe, expect, it } from 'vitest';
import {
  answerPreToolUse,
  type HookDeps,
  parseHookInput,
  recordPostToolUse,
  type ToolUseApproval,
} from '../../src/agent/claude-code-hook.ts';
import type { AgentAnswer, ExecutionReport } from '../../src/agent/request-approval.ts';
import type { ToolCallClassification } from '../../src/core/classify-tool-call.ts';
import type { Policy } from '../../src/core/model.ts';
import type { Tier } from '../../src/core/registry.ts';

const policy = { mode: 'ask' } as unknown as Policy;
const SETTINGS = { repository: 'acme/shop', agent: 'claude-code', waitMs: 50_000 };
const MIGRATE = {
  event: 'PreToolUse' as const,
  call: { tool: 'Bash', input: { command: 'npm run migrate' } },
  toolUseId: 'toolu_1',
};

function classification(summary: string): ToolCallClassification {
  return {
    kind: 'db-migration',
    risk: { reversibility: 'irreversible' },
    parts: [{ text: summary, kind: 'db-migration', risk: {} }],
    summary: `Bash: ${summary}`,
  };
}

function fakes(tier: Tier, answer?: AgentAnswer, overrides: Partial<HookDeps> = {}) {
  const asked: { waitMs: number; singleUse?: boolean; title: string }[] = [];
  const saved: [string, ToolUseApproval][] = [];
  const deps: HookDeps = {
    now: () => new Date('2026-12-07T06:00:00Z'),
    warn: () => {},
    loadPolicy: async () => ({ load: { state: 'valid', policy }, fresh: true }),
    assess: (_policy, call) => ({ ...classification(String(call.input.command)), tier }),
    connect: async () => ({ github: {} as never, owner: 'acme', repo: 'shop', now: () => new Date() }),
    requestApproval: async (_context, input, wait) => {
      asked.push({ ...wait, title: input.title });
      if (answer === undefined) throw new Error('no request expected');
      return answer;
    },
    recordExecution: async () => {},
    saveToolUse: async (id, approval) => {
      saved.push([id, approval]);
    },
    takeToolUse: async () => undefined,
    ...overrides,
  };
  return { deps, asked, saved };
}

const URL = 'https://github.com/acme/shop/issues/7';

describe('the PreToolUse hook', () => {
  it('allows a proceed-tier call without asking GitHub', async () => {
    const { deps, asked } = fakes('proceed', undefined, {
      connect: async () => ({ unavailable: 'no token' }),
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toMatchObject({ decision: 'allow' });
    expect(asked).toEqual([]);
  });

  it('allows a notify-tier call and records it with a request that does not wait', async () => {
    const { deps, asked } = fakes('notify', {
      decision: 'auto_approved',
      exitCode: 0,
      requestUrl: URL,
      issueNumber: 7,
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toMatchObject({ decision: 'allow' });
    expect(asked).toEqual([{ waitMs: 0, title: 'Bash: npm run migrate' }]);
  });

  it('asks for an approve-tier call, once-only, waiting up to --wait, and allows it when approved', async () => {
    const { deps, asked, saved } = fakes('approve', {
      decision: 'approved',
      exitCode: 0,
      requestUrl: URL,
      issueNumber: 7,
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toEqual({
      decision: 'allow',
      reason: `Gatehouse: approved (${URL})`,
    });
    expect(asked).toEqual([{ waitMs: 50_000, singleUse: true, title: 'Bash: npm run migrate' }]);
    expect(saved).toEqual([['toolu_1', { repository: 'acme/shop', issueNumber: 7 }]]);
  });

  it('denies a pending call with the request URL and asks the agent to retry the same command', async () => {
    const { deps } = fakes('approve', { decision: 'pending', exitCode: 3, requestUrl: URL, issueNumber: 7 });
    const answer = await answerPreToolUse(MIGRATE, SETTINGS, deps);
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(URL);
    expect(answer.reason).toContain('retry exactly the same command');
  });

  it.each([
    ['rejected', 'rejected: not on a Friday'],
    ['expired', 'the request expired without a decision: not on a Friday'],
    ['not_ready', 'the request is not ready to be decided: not on a Friday'],
  ] as const)('denies a %s call with the reason', async (decision, text) => {
    const { deps } = fakes('approve', { decision, exitCode: 1, requestUrl: URL, reason: 'not on a Friday' });
    const answer = await answerPreToolUse(MIGRATE, SETTINGS, deps);
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(text);
  });

  it('denies a call with changes requested, naming them', async () => {
    const { deps } = fakes('approve', {
      decision: 'changes_requested',
      exitCode: 1,
      modifications: 'run it on staging first',
    });
    const answer = await answerPreToolUse(MIGRATE, SETTINGS, deps);
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain('run it on staging first');
  });

  it('denies anything above proceed without a token', async () => {
    const { deps } = fakes('notify', undefined, {
      connect: async () => ({ unavailable: 'set GITHUB_TOKEN' }),
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toMatchObject({
      decision: 'deny',
      reason: expect.stringContaining('set GITHUB_TOKEN'),
    });
  });

  it('denies anything above proceed when the policy comes from a stale cache (GitHub unreachable), and allows a read', async () => {
    const stale = {
      loadPolicy: async () => ({
        load: { state: 'valid' as const, policy },
        fresh: false as const,
        why: 'connect ECONNREFUSED',
      }),
    };
    expect(await answerPreToolUse(MIGRATE, SETTINGS, fakes('approve', undefined, stale).deps)).toMatchObject({
      decision: 'deny',
      reason: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, fakes('proceed', undefined, stale).deps)).toMatchObject({
      decision: 'allow',
    });
  });

  it('denies everything when there is no policy to decide by', async () => {
    const { deps } = fakes('proceed', undefined, {
      loadPolicy: async () => ({ load: undefined, why: 'set GITHUB_TOKEN' }),
    });
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toMatchObject({ decision: 'deny' });
  });

  it('denies with the problem when the default branch policy is invalid', async () => {
    const invalid = {
      state: 'invalid' as const,
      file: '.github/gatehouse.yml',
      problems: [
        {
          file: '.github/gatehouse.yml',
          line: 3,
          column: 7,
          path: 'mode',
          message: 'expected one of auto, ask',
        },
      ],
    };
    const { deps } = fakes('proceed', undefined, {
      loadPolicy: async () => ({ load: invalid, fresh: true }),
    });
    const answer = await answerPreToolUse(MIGRATE, SETTINGS, deps);
    expect(answer).toMatchObject({ decision: 'deny' });
    expect(answer.reason).toContain('.github/gatehouse.yml:3:7 mode: expected one of auto, ask');
  });

  it('denies when the call cannot be classified, and when the request fails', async () => {
    const throws = fakes('approve', undefined, {
      assess: () => {
        throw new Error('boom');
      },
    }).deps;
    expect(await answerPreToolUse(MIGRATE, SETTINGS, throws)).toMatchObject({
      decision: 'deny',
      reason: expect.stringContaining('boom'),
    });
    const { deps } = fakes('approve', undefined);
    expect(await answerPreToolUse(MIGRATE, SETTINGS, deps)).toMatchObject({
      decision: 'deny',
      reason: expect.stringContaining('no request expected'),
    });
  });
});

describe('the hook input', () => {
  it.each([
    ['not json', 'the hook input is not JSON (expected Claude Code hook JSON on stdin)'],
    ['[]', 'the hook input is not a JSON object (expected Claude Code hook JSON on stdin)'],
    ['{"hook_event_name":"PreToolUse","tool_input":{}}', 'the hook input has no tool_name'],
    ['{"tool_name":"Bash","tool_input":"ls"}', 'tool_input of Bash is not an object'],
    [
      '{"hook_event_name":"Stop","tool_name":"Bash"}',
      'hook_event_name is "Stop": this hook answers PreToolUse and PostToolUse',
    ],
  ])('says what is wrong with %s', (text, problem) => {
    expect(parseHookInput(text)).toEqual({ problem });
  });

  it('reads a PostToolUse with its tool_use_id and response', () => {
    expect(
      parseHookInput(
        JSON.stringify({
          session_id: 's',
          cwd: '/w',
          hook_event_name: 'PostToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'ls' },
          tool_use_id: 'toolu_9',
          tool_response: { stdout: '' },
        }),
      ),
    ).toEqual({
      event: 'PostToolUse',
      call: { tool: 'Bash', input: { command: 'ls' } },
      toolUseId: 'toolu_9',
      cwd: '/w',
      response: { stdout: '' },
    });
  });
});

describe('the PostToolUse hook', () => {
  const POST = {
    event: 'PostToolUse' as const,
    call: MIGRATE.call,
    toolUseId: 'toolu_1',
    response: { stdout: 'ok', exitCode: 0 },
  };

  it('records the execution of an approved call on its approval issue', async () => {
    const reports: [number, ExecutionReport][] = [];
    const { deps } = fakes('approve', undefined, {
      takeToolUse: async () => ({ repository: 'acme/shop', issueNumber: 7 }),
      recordExecution: async (_c, issue, report) => {
        reports.push([issue, report]);
      },
    });
    expect(await recordPostToolUse(POST, deps)).toEqual({ recorded: 7 });
    expect(reports).toEqual([
      [
        7,
        { status: 'succeeded', completedAt: '2026-12-07T06:00:00.000Z', detail: 'the tool call completed' },
      ],
    ]);
  });

  it('records a failed call as failed', async () => {
    const reports: ExecutionReport[] = [];
    const { deps } = fakes('approve', undefined, {
      takeToolUse: async () => ({ repository: 'acme/shop', issueNumber: 7 }),
      recordExecution: async (_c, _i, report) => {
        reports.push(report);
      },
    });
    await recordPostToolUse({ ...POST, response: { exitCode: 2 } }, deps);
    expect(reports.map((report) => [report.status, report.detail])).toEqual([['failed', 'exit 2']]);
  });

  it('does nothing, and asks nothing, for a call that needed no approval', async () => {
    const { deps } = fakes('proceed', undefined, {
      connect: async () => {
        throw new Error('no network expected');
      },
    });
    expect(await recordPostToolUse(POST, deps)).toEqual({ nothing: true });
  });
});
