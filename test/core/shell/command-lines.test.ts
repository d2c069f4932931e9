import { describe, expect, it } from 'vitest';
import { assessToolCall } from '../../../src/core/classify-tool-call.ts';
import { COMMAND_LINES, NONE } from './command-lines.ts';
import { loadStarterPolicy } from './starter-policy.ts';

const policy = loadStarterPolicy();

describe('Bash command lines under the starter policy (docs/examples/agents.yml)', () => {
  for (const [group, lines] of Object.entries(COMMAND_LINES)) {
    describe(group, () => {
      it.each(lines)('%j is %s', (line, kind) => {
        const assessed = assessToolCall(policy, { tool: 'Bash', input: { command: line } });
        expect(assessed.kind ?? NONE).toBe(kind);
      });
    });
  }

  it('holds at least 300 lines', () => {
    expect(Object.values(COMMAND_LINES).flat().length).toBeGreaterThanOrEqual(300);
  });
});
