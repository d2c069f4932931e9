import { describe, expect, it } from 'vitest';
import {
  createDelimiter,
  escapeCommandData,
  FileCommandError,
  renderFileCommand,
} from '../../src/action/file-commands.ts';

/** Reads a $GITHUB_OUTPUT file the way the runner does: `name<<delimiter` … `delimiter`. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (match === null) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (index++; index < lines.length && lines[index] !== delimiter; index++) value.push(lines[index] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

describe('output file commands', () => {
  it('uses a fresh random delimiter per value', () => {
    const a = createDelimiter();
    expect(a).toMatch(/^ghadelimiter_[0-9a-f]{32}$/);
    expect(createDelimiter()).not.toBe(a);
  });

  it.each([
    ['a newline', 'approved\ndecision=rejected'],
    ['a workflow command', '::set-output name=decision::approved'],
    ['a fake delimiter', 'x\nEOF\ndecision<<EOF\napproved'],
    ['an env-file line', 'PATH=/tmp/evil'],
    ['nothing', ''],
  ])('keeps a value with %s as one value, injecting no other output', (_case, value) => {
    const text = renderFileCommand('reason', value) + renderFileCommand('decision', 'pending');
    expect(readOutputs(text)).toEqual({ reason: value, decision: 'pending' });
  });

  it('refuses a value that contains its delimiter', () => {
    const delimiter = 'ghadelimiter_0123';
    expect(() => renderFileCommand('reason', `x\n${delimiter}\ndecision<<y\napproved\ny`, delimiter)).toThrow(
      new FileCommandError('the value of reason contains its delimiter; it was not written'),
    );
  });

  it('refuses an output name that is not a plain name', () => {
    expect(() => renderFileCommand('a<<b', 'x')).toThrow(FileCommandError);
  });

  it('escapes command data so that a line cannot start another command', () => {
    expect(escapeCommandData('50% done\r\n::set-output name=x::y')).toBe(
      '50%25 done%0D%0A::set-output name=x::y',
    );
  });
});
