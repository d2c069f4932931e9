// The runner stand-in itself: outputs are read back exactly as the runner reads GITHUB_OUTPUT, and
// the step's environment comes from action.yml, so an input the file forgets to map is caught.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_INPUTS, createInputVariable, type InputName } from '../../src/action/inputs.ts';
import {
  anEvent,
  bundleStep,
  parseOutputFile,
  readActionYml,
  resolveStepEnv,
  runAction,
} from './run-action.ts';

describe('reading GITHUB_OUTPUT as the runner does', () => {
  it('reads NAME=VALUE lines and heredoc values, the last value of a name winning', () => {
    const text = 'a=1\nb<<EOF\nline one\nline two\nEOF\n\nc<<X\n\nX\na=2\n';
    expect(parseOutputFile(text)).toEqual({
      outputs: { a: '2', b: 'line one\nline two', c: '' },
      names: ['a', 'b', 'c', 'a'],
    });
  });

  it('reads CRLF files', () => {
    expect(parseOutputFile('x<<D\r\nv\r\nD\r\n').outputs).toEqual({ x: 'v' });
  });

  it('fails where the runner fails the step', () => {
    expect(() => parseOutputFile('x<<D\nnever closed\n')).toThrow(/Matching delimiter not found/);
    expect(() => parseOutputFile('no separator\n')).toThrow(/Invalid format/);
    expect(() => parseOutputFile('<<D\nv\nD\n')).toThrow(/Invalid format/);
  });

  it('ends a value at the first line equal to its delimiter, which is why a value must never hold it', () => {
    const injected = 'decision<<D\nx\nD\ndecision<<E\napproved\nE\n';
    expect(parseOutputFile(injected).outputs.decision).toBe('approved');
  });
});

describe('the step environment built from action.yml', () => {
  const action = readActionYml();
  const github = { token: 'the-token' };

  it('has one composite step that runs dist/action.mjs through GITHUB_ACTION_PATH, no expression in run', () => {
    const step = bundleStep(action);
    expect(step.run).toContain('$GITHUB_ACTION_PATH/dist/action.mjs');
    expect(step.run).not.toContain('${{');
  });

  it('maps every input of the Action to the variable the Action reads', () => {
    const inputs = Object.fromEntries(Object.keys(ACTION_INPUTS).map((name) => [name, `value of ${name}`]));
    const env = resolveStepEnv(action, inputs, github);
    for (const name of Object.keys(ACTION_INPUTS) as InputName[])
      expect(env[createInputVariable(name)], name).toBe(`value of ${name}`);
  });

  it('gives unset inputs their action.yml defaults, the token defaulting to github.token', () => {
    const env = resolveStepEnv(action, {}, github);
    expect(env.INPUT_TOKEN).toBe('the-token');
    expect(env.INPUT_CONFIG).toBe('.github/gatehouse.yml');
    expect(env.INPUT_WAIT).toBe('false');
  });

  it('refuses an input action.yml does not declare', () => {
    expect(() => resolveStepEnv(action, { nope: 'x' }, github)).toThrow(/not declared/);
  });
});

describe('event payloads', () => {
  it('come from @octokit/webhooks-examples with the scenario’s fields merged in', () => {
    const event = anEvent('issue_comment', 'created', { comment: { body: '/approve' } });
    expect(event).toMatchObject({ action: 'created', comment: { body: '/approve' } });
    expect((event.comment as { user: { login: string } }).user.login).toEqual(expect.any(String));
  });
});

describe('the step script run through bash', () => {
  it('would catch an injection: a step that interpolates an input into its script runs the command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-control-'));
    try {
      const marker = join(dir, 'pwned');
      // A vulnerable composite step, the kind G1 forbids: the input is evaluated by the shell.
      const vulnerable = {
        inputs: { title: {} },
        runs: {
          using: 'composite',
          steps: [
            {
              run: 'eval "$INPUT_TITLE" # instead of node dist/action.mjs',
              env: { INPUT_TITLE: `\${{ inputs.title }}` },
            },
          ],
        },
      };
      const run = await runAction({
        bundle: join(dir, 'dist', 'action.mjs'),
        apiUrl: 'http://127.0.0.1:9',
        inputs: { title: `touch ${marker}` },
        eventName: 'workflow_dispatch',
        event: {},
        viaStepScript: true,
        actionYml: vulnerable,
      });
      expect(run.code).toBe(0);
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
