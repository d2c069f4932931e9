import { describe, expect, it } from 'vitest';
import { formatPolicyProblem, parsePolicy } from '../../src/core/policy.ts';
import { STARTER_POLICY_TEXT } from './shell/starter-policy.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

function problemsOf(text: string): string[] {
  const result = parsePolicy(text, { file: '.github/gatehouse.yml' });
  return result.ok ? [] : result.problems.map(formatPolicyProblem);
}

describe('the actions: key', () => {
  it('reads entries with every default applied', () => {
    const result = parsePolicy(
      lines(
        'actions:',
        '  - kind: db-migration',
        '    match: { command: ["psql *", "*migrate*"] }',
        '    risk: { reversibility: irreversible }',
        '    description: Changes the production schema.',
        '  - kind: credentials',
        '    match: { tool: [Write, Edit], path: .env }',
        '  - kind: unknown',
        '    risk: { precedent: first_time }',
      ),
      { file: '.github/gatehouse.yml' },
    );
    expect(result.ok && result.policy.actions).toEqual([
      {
        kind: 'db-migration',
        index: 0,
        match: { tool: ['Bash'], command: ['psql *', '*migrate*'] },
        risk: { reversibility: 'irreversible' },
        description: 'Changes the production schema.',
      },
      {
        kind: 'credentials',
        index: 1,
        match: { tool: ['Write', 'Edit'], path: ['.env'] },
        risk: {},
        description: null,
      },
      { kind: 'unknown', index: 2, risk: { precedent: 'first_time' }, description: null },
    ]);
  });

  it('is empty when the policy has none', () => {
    const result = parsePolicy('mode: ask\n', { file: '.github/gatehouse.yml' });
    expect(result.ok && result.policy.actions).toEqual([]);
  });

  it.each([
    [
      'an entry without match',
      lines('actions:', '  - kind: deploy', '    risk: { blast_radius: production }'),
      '.github/gatehouse.yml:2:5 actions[0]: missing "match" (tool, command, path or url): only kind: unknown may leave it out, to set the risk of what cannot be followed',
    ],
    [
      'an empty match',
      lines('actions:', '  - kind: deploy', '    match: {}'),
      '.github/gatehouse.yml:3:12 actions[0].match: give tool, command, path or url',
    ],
    [
      'a path without a tool',
      lines('actions:', '  - kind: secrets', '    match:', '      path: [.env]'),
      '.github/gatehouse.yml:4:7 actions[0].match: give tool (the tool names this applies to, such as [Write, Edit]): it defaults to Bash only when command is given',
    ],
    [
      'an unknown match key',
      lines('actions:', '  - kind: x', '    match: { tool: Bash, cmd: "psql *" }'),
      '.github/gatehouse.yml:3:26 actions[0].match: unknown key "cmd" (expected one of: tool, command, path, url)',
    ],
    [
      'a tool that is not a glob or a list',
      lines('actions:', '  - kind: x', '    match: { tool: 3 }'),
      '.github/gatehouse.yml:3:20 actions[0].match.tool: expected a glob or a non-empty list of tool-name globs',
    ],
    [
      'an invalid command glob',
      lines('actions:', '  - kind: x', '    match: { command: ["psql [a"] }'),
      '.github/gatehouse.yml:3:24 actions[0].match.command[0]: invalid glob "psql [a": missing closing "]" (write "\\]" to match it literally)',
    ],
    [
      'the kind Gatehouse keeps for itself',
      lines('actions:', '  - kind: gatehouse-config', '    match: { tool: Write }'),
      '.github/gatehouse.yml:2:11 actions[0].kind: "gatehouse-config" is Gatehouse\'s own kind (a call that touches the agent\'s hook or the policy), always at the approve tier: choose another name',
    ],
    [
      'a kind with spaces',
      lines('actions:', '  - kind: db migration', '    match: { command: psql }'),
      '.github/gatehouse.yml:2:11 actions[0].kind: expected a kind of letters, digits, `.`, `_` or `-`, got "db migration"',
    ],
    [
      'a risk level that does not exist',
      lines(
        'actions:',
        '  - kind: x',
        '    match: { command: psql }',
        '    risk: { reversibility: forever }',
      ),
      '.github/gatehouse.yml:4:28 actions[0].risk.reversibility: expected one of "revertible", "config" or "irreversible", got "forever"',
    ],
  ])('reports %s with its line and column', (_what, text, expected) => {
    expect(problemsOf(text)).toEqual([expected]);
  });

  it('accepts the starter policy in docs/examples/agents.yml', () => {
    expect(problemsOf(STARTER_POLICY_TEXT)).toEqual([]);
  });
});
