import { describe, expect, it } from 'vitest';
import { createActionGlob, matchActionGlob } from '../../src/core/action-glob.ts';
import {
  assessToolCall,
  classifyToolCall,
  GATEHOUSE_CONFIG_KIND,
  type ToolCall,
} from '../../src/core/classify-tool-call.ts';
import type { MatchMeter } from '../../src/core/glob.ts';
import type { Policy } from '../../src/core/model.ts';
import { formatPolicyProblem, parsePolicy } from '../../src/core/policy.ts';
import { loadStarterPolicy } from './shell/starter-policy.ts';

const starter = loadStarterPolicy();
const bash = (command: string): ToolCall => ({ tool: 'Bash', input: { command } });

function policyOf(...text: string[]): Policy {
  const result = parsePolicy(`${text.join('\n')}\n`, { file: '.github/gatehouse.yml' });
  if (!result.ok) throw new Error(result.problems.map(formatPolicyProblem).join('\n'));
  return result.policy;
}

describe('tool-call classification', () => {
  describe('tools other than Bash, under the starter policy', () => {
    it.each([
      [{ tool: 'Read', input: { file_path: '/repo/src/a.ts' } }, 'read-only', 'proceed'],
      [{ tool: 'Grep', input: { pattern: 'TODO' } }, 'read-only', 'proceed'],
      [{ tool: 'Write', input: { file_path: '/repo/src/a.ts', content: 'x' } }, 'file-edit', 'proceed'],
      [{ tool: 'Edit', input: { file_path: 'src/a.ts' } }, 'file-edit', 'proceed'],
      [{ tool: 'Write', input: { file_path: '.env' } }, 'credentials', 'approve'],
      [{ tool: 'Write', input: { file_path: '/repo/.env' }, cwd: '/repo' }, 'credentials', 'approve'],
      [{ tool: 'Edit', input: { file_path: '/home/me/.aws/credentials' } }, 'credentials', 'approve'],
      [{ tool: 'MultiEdit', input: { file_path: '/repo/config/.env.production' } }, 'credentials', 'approve'],
      [{ tool: 'WebFetch', input: { url: 'https://api.stripe.com/v1/charges' } }, 'payments-api', 'approve'],
      [{ tool: 'WebFetch', input: { url: 'https://docs.stripe.com/api' } }, 'read-only', 'proceed'],
      [{ tool: 'mcp__postgres__query', input: { sql: 'drop table x' } }, 'unknown', 'approve'],
      [{ tool: 'SomeNewTool', input: {} }, 'unknown', 'approve'],
      [{ tool: 'TodoWrite', input: { todos: [] } }, 'read-only', 'proceed'],
      [{ tool: 'KillShell', input: { shell_id: '1' } }, undefined, 'proceed'],
    ] as [ToolCall, string | undefined, string][])('%j is %s at %s', (call, kind, tier) => {
      const assessed = assessToolCall(starter, call);
      expect([assessed.kind, assessed.tier]).toEqual([kind, tier]);
    });

    it('says why an unknown tool is unknown', () => {
      expect(classifyToolCall(starter, { tool: 'mcp__db__exec', input: {} }).parts[0]?.reason).toBe(
        "mcp__db__exec is not one of Claude Code's built-in tools and no actions: entry matches it",
      );
    });

    it('matches an MCP tool that an entry names', () => {
      const policy = policyOf(
        'actions:',
        '  - kind: db-read',
        '    match: { tool: "mcp__postgres__*" }',
        '    risk: { sensitivity: customer_data }',
      );
      expect(assessToolCall(policy, { tool: 'mcp__postgres__query', input: {} })).toMatchObject({
        kind: 'db-read',
        tier: 'notify',
      });
    });
  });

  describe("the agent's own guard (gatehouse-config)", () => {
    it.each([
      { tool: 'Write', input: { file_path: '.claude/settings.json' } },
      { tool: 'Edit', input: { file_path: '/repo/.claude/settings.local.json' } },
      { tool: 'Write', input: { file_path: '/repo/.claude/hooks/pre.sh' } },
      { tool: 'Write', input: { file_path: '/home/me/.claude/settings.json' } },
      { tool: 'Edit', input: { file_path: '/repo/.mcp.json' } },
      { tool: 'Edit', input: { file_path: '/repo/.github/gatehouse.yml' } },
      { tool: 'Write', input: { file_path: '/home/me/.cache/gatehouse/policy.json' } },
      { tool: 'Write', input: { file_path: '/repo/.Claude/Settings.json' } },
      { tool: 'Write', input: { file_path: '/repo/.claude//./settings.json' } },
      { tool: 'mcp__fs__write', input: { path: '.claude/settings.json', content: '{}' } },
      bash('echo {} > .claude/settings.json'),
      bash("echo {} > .cla''ude/settings.json"),
      bash('rm -rf .claude'),
      bash('mv .claude /tmp/x'),
      bash('sed -i s/gatehouse// .claude/settings.local.json'),
      bash('rm .claude/hooks/gate.sh'),
      bash('cat .mcp.json'),
      bash('git checkout HEAD~1 -- .github/gatehouse.yml'),
      bash('cd .github && rm gatehouse.yml'),
      bash('rm -rf ~/.cache/gatehouse'),
      bash('rm -rf "$XDG_CACHE_HOME/gatehouse"'),
      bash('npm test && jq . .claude/settings.json > x'),
      bash("python3 -c \"open('.claude/settings.json','w')\""),
    ] as ToolCall[])('%j is gatehouse-config at the approve tier', (call) => {
      const assessed = assessToolCall(starter, call);
      expect([assessed.kind, assessed.tier]).toEqual([GATEHOUSE_CONFIG_KIND, 'approve']);
    });

    it('stays at the approve tier in mode auto, whatever allow and the entries say', () => {
      const policy = policyOf(
        'mode: auto',
        'allow: [edits]',
        'actions:',
        '  - kind: edits',
        '    match: { tool: [Write, Edit] }',
      );
      expect(
        assessToolCall(policy, { tool: 'Write', input: { file_path: '.claude/settings.json' } }).tier,
      ).toBe('approve');
      expect(assessToolCall(policy, { tool: 'Write', input: { file_path: 'src/a.ts' } }).tier).toBe(
        'proceed',
      );
    });

    it('guards the policy path and the cache directory the hook names', () => {
      const options = { policyFiles: ['policies/agents.yml'], cacheDir: '/var/cache/gh-gate' };
      expect(assessToolCall(starter, bash('vi policies/agents.yml'), options).kind).toBe(
        GATEHOUSE_CONFIG_KIND,
      );
      expect(assessToolCall(starter, bash('rm -rf /var/cache/gh-gate'), options).kind).toBe(
        GATEHOUSE_CONFIG_KIND,
      );
    });

    it('lets the agent read its settings', () => {
      expect(
        assessToolCall(starter, { tool: 'Read', input: { file_path: '.claude/settings.json' } }).kind,
      ).toBe('read-only');
    });
  });

  describe('semantics', () => {
    const policy = policyOf(
      'actions:',
      '  - kind: shell',
      '    match: { tool: Bash }',
      '    risk: { reversibility: revertible }',
      '  - kind: db',
      '    match: { command: "psql *" }',
      '    risk: { blast_radius: production, cost: 5 }',
      '  - kind: notes',
      '    match: { command: "echo *" }',
      '    risk: { sensitivity: customer_data }',
    );

    it('lets the riskiest matching entry win, whatever its place in the list', () => {
      expect(classifyToolCall(policy, bash('psql -c x')).kind).toBe('db');
    });

    it("gives the call the kind of its riskiest part and every part's risk merged", () => {
      const classified = classifyToolCall(policy, bash('echo a; psql -c x; ls'));
      expect(classified.kind).toBe('db');
      expect(classified.risk).toEqual({
        reversibility: 'revertible',
        blast_radius: 'production',
        cost: 5,
        sensitivity: 'customer_data',
      });
      expect(classified.parts.map((part) => [part.text, part.kind, part.tier])).toEqual([
        ['echo a', 'notes', 'notify'],
        ['psql -c x', 'db', 'approve'],
        ['ls', 'shell', 'proceed'],
      ]);
      expect(classified.summary).toBe('Bash: echo a; psql -c x; ls');
    });

    const anything = policyOf('actions:', '  - kind: any-command', '    match: { command: "*" }');

    it.each([
      ['exec 3>x', '> x'],
      ['> out.log', '> out.log'],
      ['exec >log 2>&1', '> log'],
    ])('matches no command glob on %j: a redirection alone runs no command', (line, text) => {
      const classified = classifyToolCall(anything, bash(line));
      expect([classified.kind, classified.parts.map((part) => part.text)]).toEqual([undefined, [text]]);
    });

    it('matches the command an exec with a redirection runs', () => {
      expect(classifyToolCall(anything, bash('exec 3>x psql')).kind).toBe('any-command');
    });

    it('gives what cannot be followed precedent novel (approve) without a kind: unknown entry', () => {
      const assessed = assessToolCall(policy, bash('$CMD'));
      expect([assessed.kind, assessed.risk, assessed.tier]).toEqual([
        'unknown',
        { precedent: 'novel' },
        'approve',
      ]);
      expect(assessed.parts[0]?.reason).toBe('the command name comes from a variable or substitution ($CMD)');
    });

    it('gives what cannot be followed the risk of the kind: unknown entry', () => {
      const lenient = policyOf('actions:', '  - kind: unknown', '    risk: { precedent: first_time }');
      expect(assessToolCall(lenient, bash('bash x.sh')).tier).toBe('notify');
    });

    it('applies rules with if.kinds, allow and the mode to each part', () => {
      const base = [
        'actions:',
        '  - kind: tests',
        '    match: { command: "npm test*" }',
        '    risk: { precedent: novel }',
      ];
      expect(assessToolCall(policyOf(...base), bash('npm test')).tier).toBe('approve');
      expect(assessToolCall(policyOf('allow: [tests]', ...base), bash('npm test')).tier).toBe('proceed');
      const ruled = [
        'allow: [tests]',
        'rules:',
        '  - name: tests-need-a-look',
        '    if: { kinds: [tests] }',
        '    risk: { blast_radius: module }',
        ...base,
      ];
      expect(assessToolCall(policyOf(...ruled), bash('npm test')).tier).toBe('approve');
      expect(assessToolCall(policyOf('mode: auto', ...base), bash('npm test')).tier).toBe('proceed');
      expect(assessToolCall(policyOf('mode: always'), bash('ls')).tier).toBe('approve');
    });

    it('applies a rule on kind unknown', () => {
      const ruled = policyOf(
        'rules:',
        '  - name: unknown-commands',
        '    if: { kinds: [unknown] }',
        '    risk: { blast_radius: module }',
        'actions:',
        '  - kind: unknown',
        '    risk: { precedent: routine }',
      );
      expect(assessToolCall(ruled, bash('eval "$X"')).tier).toBe('notify');
    });

    it('matches the command name with and without its folder', () => {
      const named = policyOf(
        'actions:',
        '  - kind: db',
        '    match: { command: ["psql *", "/opt/pg/bin/psql *"] }',
      );
      expect(classifyToolCall(named, bash('/usr/bin/psql -c x')).kind).toBe('db');
      expect(classifyToolCall(named, bash('/opt/pg/bin/psql -c x')).kind).toBe('db');
    });
  });

  describe('command globs compiled only when needed', () => {
    it('match only commands that start with their literal head, and compile no other', () => {
      const publish = createActionGlob('npm publish*', true);
      const rooted = createActionGlob('/opt/pg/bin/psql *', true);
      expect(matchActionGlob(publish, 'git status')).toBe(false);
      expect(publish.compiled).toBeUndefined();
      expect(matchActionGlob(publish, 'npm publish --tag next')).toBe(true);
      expect(matchActionGlob(publish, 'npm publisher')).toBe(true);
      expect(matchActionGlob(rooted, '/opt/pg/bin/psql -c x')).toBe(true);
      expect(matchActionGlob(rooted, '/usr/bin/psql -c x')).toBe(false);
      expect(matchActionGlob(createActionGlob('*migrate*', true), 'npm run migrate')).toBe(true);
      expect(matchActionGlob(createActionGlob('{p,}sql *', true), 'sql x')).toBe(true);
    });
  });

  describe('bounded cost', () => {
    it('matches a pathological command glob against a long line in at most (characters) × (states) steps', () => {
      const glob = createActionGlob(`${'*a'.repeat(30)}*b`, true);
      for (const length of [1_000, 10_000, 60_000]) {
        const meter: MatchMeter = { steps: 0 };
        expect(matchActionGlob(glob, `psql ${'a/'.repeat(length / 2)}`, meter)).toBe(false);
        const states = glob.compiled?.states.length ?? Number.NaN;
        expect(meter.steps).toBeLessThanOrEqual((length + 6) * (states + 1) * 2);
      }
    });

    it('classifies a line of many commands under many entries', () => {
      const entries = Array.from({ length: 50 }, (_, i) => [
        `  - kind: k${i}`,
        `    match: { command: ["${'*x'.repeat(10)}*${i}", "a${i} *"] }`,
      ]).flat();
      const policy = policyOf('actions:', ...entries);
      const line = Array.from({ length: 900 }, (_, i) => `a${i % 50} ${'x'.repeat(30)}`).join('; ');
      const classified = classifyToolCall(policy, bash(line));
      expect(classified.parts).toHaveLength(900);
    });
  });
});
