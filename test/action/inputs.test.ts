import { describe, expect, it } from 'vitest';
import {
  ACTION_INPUTS,
  createInputVariable,
  type InputName,
  parseActionSettings,
  selectMode,
} from '../../src/action/inputs.ts';

const TOKEN = { INPUT_TOKEN: 'ghs_token' };

function settingsOf(env: Record<string, string>, event?: string) {
  const result = parseActionSettings({ ...TOKEN, ...env }, event);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.settings;
}

function problemsOf(env: Record<string, string>, event?: string): string[] {
  const result = parseActionSettings({ ...TOKEN, ...env }, event);
  return result.ok ? [] : result.problems;
}

describe('input variables', () => {
  it('turns dashes into underscores, as action.yml sets them', () => {
    expect(createInputVariable('poll-interval')).toBe('INPUT_POLL_INTERVAL');
    expect(createInputVariable('dry-run')).toBe('INPUT_DRY_RUN');
    expect(Object.keys(ACTION_INPUTS).map((name) => createInputVariable(name as InputName))).toContain(
      'INPUT_HUMAN_IN_LOOP',
    );
  });
});

describe('mode selection', () => {
  it.each([
    ['issue_comment', 'handle'],
    ['pull_request', 'handle'],
    ['pull_request_target', 'handle'],
    ['pull_request_review', 'handle'],
    ['schedule', 'sweep'],
    ['push', 'gate'],
    ['workflow_dispatch', 'gate'],
    [undefined, 'gate'],
  ] as const)('on %s it is %s', (event, mode) => {
    expect(selectMode(event)).toBe(mode);
    expect(settingsOf({}, event).mode).toBe(mode);
  });

  it('lets an explicit mode win over the event', () => {
    expect(settingsOf({ INPUT_MODE: 'request' }, 'issue_comment').mode).toBe('request');
    expect(settingsOf({ INPUT_MODE: ' gate ' }, 'schedule').mode).toBe('gate');
  });
});

describe('settings', () => {
  it('takes the defaults of blank inputs', () => {
    expect(settingsOf({ INPUT_WAIT: '', INPUT_TIMEOUT: '  ' })).toEqual({
      mode: 'gate',
      token: 'ghs_token',
      config: '.github/gatehouse.yml',
      options: [],
      wait: false,
      timeoutMs: 3_600_000,
      pollIntervalMs: 30_000,
      humanInLoop: true,
      dryRun: false,
    });
  });

  it('reads every input', () => {
    expect(
      settingsOf({
        INPUT_MODE: 'request',
        INPUT_CONFIG: 'ops/gatehouse.yml',
        INPUT_ENVIRONMENT: 'production',
        INPUT_TITLE: 'Drop a table',
        INPUT_KIND: 'migration',
        INPUT_SPEC: 'specs/drop.md',
        INPUT_COST: '12.5',
        INPUT_DETAILS: 'why',
        INPUT_ROLLBACK: 'restore',
        INPUT_OPTIONS: '- now\n- later: after 22:00\n\n',
        INPUT_WAIT: 'TRUE',
        INPUT_TIMEOUT: '4h',
        INPUT_POLL_INTERVAL: '1m',
        INPUT_HUMAN_IN_LOOP: 'false',
        INPUT_DRY_RUN: 'true',
      }),
    ).toEqual({
      mode: 'request',
      token: 'ghs_token',
      config: 'ops/gatehouse.yml',
      environment: 'production',
      title: 'Drop a table',
      kind: 'migration',
      spec: 'specs/drop.md',
      cost: 12.5,
      details: 'why',
      rollback: 'restore',
      options: ['now', 'later: after 22:00'],
      wait: true,
      timeoutMs: 14_400_000,
      pollIntervalMs: 60_000,
      humanInLoop: false,
      dryRun: true,
    });
  });

  it('splits comma-separated options', () => {
    expect(settingsOf({ INPUT_OPTIONS: 'approve, delay,  skip ,' }).options).toEqual([
      'approve',
      'delay',
      'skip',
    ]);
  });

  it.each([
    [{ INPUT_TIMEOUT: 'soon' }, 'input timeout: expected a duration such as 30m or 4h, got "soon"'],
    [{ INPUT_TIMEOUT: '0s' }, 'input timeout: expected a duration such as 30m or 4h, got "0s"'],
    [{ INPUT_POLL_INTERVAL: '30' }, 'input poll-interval: expected a duration such as 30m or 4h, got "30"'],
    [{ INPUT_WAIT: 'yes' }, 'input wait: expected true or false, got "yes"'],
    [{ INPUT_DRY_RUN: '1' }, 'input dry-run: expected true or false, got "1"'],
    [{ INPUT_MODE: 'approve' }, 'input mode: expected one of gate, request, handle, sweep, got "approve"'],
    [{ INPUT_COST: '-3' }, 'input cost: expected a non-negative number such as 120 or 9.5, got "-3"'],
    [{ INPUT_COST: '1e999' }, 'input cost: expected a non-negative number such as 120 or 9.5, got "1e999"'],
    [
      { INPUT_WAIT: 'true', INPUT_TIMEOUT: '1m', INPUT_POLL_INTERVAL: '5m' },
      'input poll-interval: longer than timeout; shorten poll-interval or lengthen timeout',
    ],
  ])('rejects %o with a clear message', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('reports an empty token', () => {
    expect(parseActionSettings({ INPUT_TOKEN: ' ' })).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^input token: empty/)],
    });
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ INPUT_WAIT: 'maybe', INPUT_TIMEOUT: 'x', INPUT_HUMAN_IN_LOOP: 'no' })).toHaveLength(
      3,
    );
  });

  it('never reads anything but INPUT_ variables', () => {
    expect(settingsOf({ TITLE: 'x', GITHUB_TOKEN: 'y', ENVIRONMENT: 'prod' })).not.toHaveProperty('title');
  });
});
