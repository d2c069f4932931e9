import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/core/model.ts';
import { formatPolicyProblem, parsePolicy, parsePolicyDocument } from '../../src/core/policy.ts';

const FILE = '.github/gatehouse.yml';

/** YAML written line by line, so that line numbers are easy to read off. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function problemsOf(text: string): string[] {
  const result = parsePolicy(text, { file: FILE });
  return result.ok ? [] : result.problems.map(formatPolicyProblem);
}

function policyOf(text: string): Policy {
  const result = parsePolicy(text, { file: FILE });
  if (!result.ok) throw new Error(result.problems.map(formatPolicyProblem).join('\n'));
  return result.policy;
}

const DEFAULT_POLICY: Policy = {
  mode: 'ask',
  allow: [],
  reviewers: {},
  defaults: {
    approvals: 1,
    timeoutMs: null,
    onTimeout: 'reject',
    escalateTo: [],
    safeDefault: null,
    invalidateOnPush: true,
    allowSelfApproval: false,
    allowBots: false,
  },
  rules: [],
  actions: [],
  environments: {},
  specs: { paths: ['docs/specs/**/*.md'] },
  log: { branch: 'gatehouse-log', path: 'decisions', checkRuns: true },
  queue: { maxPending: 50 },
  thresholds: { cost: { notify: 0.1, approve: 100 } },
};

describe('policy parsing', () => {
  describe('formatting a problem', () => {
    it('reads file:line:column path: message', () => {
      const problem = {
        file: FILE,
        line: 12,
        column: 9,
        path: 'rules[2].paths',
        message: 'expected a non-empty list of globs',
      };
      expect(formatPolicyProblem(problem)).toBe(
        '.github/gatehouse.yml:12:9 rules[2].paths: expected a non-empty list of globs',
      );
    });
  });

  describe('when the file has no settings', () => {
    it.each([
      ['empty', ''],
      ['only comments', '# nothing here yet\n# or here\n'],
      ['only a document marker', '---\n'],
    ])('treats a file that is %s as valid, with every default', (_name, text) => {
      const result = parsePolicy(text, { file: FILE });
      expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY, document: {} });
    });
  });

  describe('when the YAML does not parse', () => {
    const rows: [string, string, string[]][] = [
      [
        'an unclosed flow list',
        lines('allow: [docs, tests', 'mode: ask'),
        [
          '.github/gatehouse.yml:2:1 (syntax): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        ],
      ],
      [
        'an unclosed quote',
        lines('mode: "ask'),
        ['.github/gatehouse.yml:2:1 (syntax): invalid YAML: Missing closing "quote'],
      ],
      [
        'a tab used for indentation (one problem per line)',
        lines('allow:', '  - docs', '\t- tests'),
        ['.github/gatehouse.yml:3:1 (syntax): invalid YAML: Tabs are not allowed as indentation'],
      ],
      [
        'two documents',
        lines('mode: ask', '---', 'mode: auto'),
        [
          '.github/gatehouse.yml:2:1 (syntax): invalid YAML: a second document starts here (---): expected one',
        ],
      ],
      [
        'an alias without its anchor',
        lines('reviewers:', '  platform: *team'),
        ['.github/gatehouse.yml:2:13 reviewers.platform: invalid YAML: no anchor &team before this alias'],
      ],
      [
        'an unknown tag',
        lines('mode: !mode ask'),
        ['.github/gatehouse.yml:1:7 (syntax): invalid YAML: Unresolved tag: !mode'],
      ],
    ];
    it.each(rows)('reports %s with its line and column', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual(expected);
    });

    it('refuses aliases that expand exponentially (a billion laughs)', () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (const [previous, name] of [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'f'],
        ['f', 'g'],
      ]) {
        levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
      }
      expect(problemsOf(lines(...levels))).toEqual([
        '.github/gatehouse.yml:1:1 (syntax): invalid YAML: Excessive alias count indicates a resource exhaustion attack',
      ]);
    });
  });

  describe('when a key appears twice', () => {
    it('reports the second one, at its path', () => {
      const text = lines(
        'mode: ask',
        'rules:',
        '  - name: one',
        '    level: review',
        '    level: approve',
        'mode: auto',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:5:5 rules[0]: duplicate key "level": each key may appear once',
        '.github/gatehouse.yml:6:1 (root): duplicate key "mode": each key may appear once',
      ]);
    });
  });

  describe('when a key is not plain text', () => {
    it.each([
      [
        'a list as a key',
        lines('? [a, b]', ': 1'),
        '.github/gatehouse.yml:1:3 (root): expected a plain key, got a list or mapping as a key',
      ],
      [
        '__proto__',
        lines('reviewers:', '  __proto__: [alice]'),
        '.github/gatehouse.yml:2:3 reviewers: the key "__proto__" is not allowed',
      ],
    ])('refuses %s', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual([expected]);
    });
  });

  describe('when the top level is not a mapping', () => {
    it.each([
      [
        'a list',
        lines('- mode: ask'),
        '.github/gatehouse.yml:1:1 (root): expected a mapping of settings (key: value), got a list',
      ],
      [
        'a string',
        lines('mode ask'),
        '.github/gatehouse.yml:1:1 (root): expected a mapping of settings (key: value), got "mode ask"',
      ],
      [
        'a number',
        lines('42'),
        '.github/gatehouse.yml:1:1 (root): expected a mapping of settings (key: value), got 42',
      ],
    ])('reports one problem at (root) for %s', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual([expected]);
    });
  });

  describe('when the shape is wrong', () => {
    const rows: [string, string, string[]][] = [
      [
        'an unknown key close to a known one',
        lines('defaults:', '  timout: 4h'),
        ['.github/gatehouse.yml:2:3 defaults: unknown key "timout" (did you mean "timeout"?)'],
      ],
      [
        'an unknown key at the top level',
        lines('mdoe: ask'),
        ['.github/gatehouse.yml:1:1 (root): unknown key "mdoe" (did you mean "mode"?)'],
      ],
      [
        'an unknown key like nothing known',
        lines('log:', '  retention: 90d'),
        [
          '.github/gatehouse.yml:2:3 log: unknown key "retention" (expected one of: branch, path, check_runs)',
        ],
      ],
      [
        'a predicate written on the rule instead of under if',
        lines('rules:', '  - name: migrations', '    paths: ["db/**"]'),
        ['.github/gatehouse.yml:3:5 rules[0]: unknown key "paths" (did you mean "if.paths"?)'],
      ],
      [
        'a risk factor written on the rule instead of under risk',
        lines('rules:', '  - name: migrations', '    reversibility: irreversible'),
        [
          '.github/gatehouse.yml:3:5 rules[0]: unknown key "reversibility" (did you mean "risk.reversibility"?)',
        ],
      ],
      [
        'a value outside an enumeration',
        lines('mode: sometimes'),
        [
          '.github/gatehouse.yml:1:7 mode: expected one of "auto", "ask-once", "ask" or "always", got "sometimes"',
        ],
      ],
      [
        'a misspelt enumeration value',
        lines('mode: ask_once'),
        [
          '.github/gatehouse.yml:1:7 mode: expected one of "auto", "ask-once", "ask" or "always", got "ask_once" (did you mean "ask-once"?)',
        ],
      ],
      [
        'a rule without a name',
        lines('rules:', '  - level: review', '    description: no name'),
        ['.github/gatehouse.yml:2:5 rules[0]: missing required key "name"'],
      ],
      [
        'a rule name with spaces',
        lines('rules:', '  - name: db migrations'),
        [
          '.github/gatehouse.yml:2:11 rules[0].name: expected a name of letters, digits, `.`, `_` or `-`, got "db migrations"',
        ],
      ],
      [
        'an empty list of globs',
        lines('rules:', '  - name: a', '  - name: b', '  - name: c', '    if:', '      paths: []'),
        ['.github/gatehouse.yml:6:14 rules[2].if.paths: expected a non-empty list of globs'],
      ],
      [
        'one string where a list belongs',
        lines('rules:', '  - name: migrations', '    reviewers: platform'),
        [
          '.github/gatehouse.yml:3:16 rules[0].reviewers: expected a non-empty list of reviewer group names, got "platform" (a list of one is written [platform])',
        ],
      ],
      [
        'one team where a list belongs',
        lines('reviewers:', '  platform: "@acme/platform"'),
        [
          '.github/gatehouse.yml:2:13 reviewers.platform: expected a non-empty list of logins or @org/team entries, got "@acme/platform" (a list of one is written ["@acme/platform"])',
        ],
      ],
      [
        'a number in a list of logins',
        lines('reviewers:', '  platform: [alice, 42]'),
        ['.github/gatehouse.yml:2:21 reviewers.platform[1]: expected a string, got 42'],
      ],
      [
        'a group name with a space',
        lines('reviewers:', '  "on call": [alice]'),
        [
          '.github/gatehouse.yml:2:3 reviewers["on call"]: invalid name "on call": expected a group name of letters, digits, `.`, `_` or `-`',
        ],
      ],
      [
        'a fraction where a whole number belongs',
        lines('defaults:', '  approvals: 1.5'),
        ['.github/gatehouse.yml:2:14 defaults.approvals: expected a whole number, got 1.5'],
      ],
      [
        'a number below the minimum',
        lines('defaults:', '  approvals: 0'),
        ['.github/gatehouse.yml:2:14 defaults.approvals: expected at least 1, got 0'],
      ],
      [
        'a number above the maximum',
        lines('queue:', '  max_pending: 5000'),
        ['.github/gatehouse.yml:2:16 queue.max_pending: expected at most 1000, got 5000'],
      ],
      [
        'an infinite number',
        lines('thresholds:', '  cost:', '    approve: .inf'),
        ['.github/gatehouse.yml:3:14 thresholds.cost.approve: expected a number, got .inf'],
      ],
      [
        'a quoted number',
        lines('rules:', '  - name: big', '    approvals: "2"'),
        ['.github/gatehouse.yml:3:16 rules[0].approvals: expected a whole number, got "2"'],
      ],
      [
        'a YAML 1.1 boolean',
        lines('defaults:', '  allow_bots: yes'),
        ['.github/gatehouse.yml:2:15 defaults.allow_bots: expected true or false, got "yes"'],
      ],
      [
        'a duration in upper case',
        lines('defaults:', '  timeout: 4H'),
        [
          '.github/gatehouse.yml:2:12 defaults.timeout: expected a duration such as 30m, 4h, 2d or 1h30m, got "4H"',
        ],
      ],
      [
        'a duration without a unit',
        lines('defaults:', '  timeout: 4'),
        ['.github/gatehouse.yml:2:12 defaults.timeout: expected a string, got 4'],
      ],
      [
        'a section left empty',
        lines('log:', 'mode: ask'),
        ['.github/gatehouse.yml:1:1 log: expected a mapping (key: value), got an empty value'],
      ],
      [
        'a list where a mapping belongs',
        lines('environments:', '  - production'),
        ['.github/gatehouse.yml:2:3 environments: expected a mapping (name: value), got a list'],
      ],
      [
        'a wrong value in an environment whose name is not an identifier',
        lines('environments:', '  prod/eu:', '    wait_timer: -1'),
        ['.github/gatehouse.yml:3:17 environments["prod/eu"].wait_timer: expected at least 0, got -1'],
      ],
      [
        'a requirement that does not exist',
        lines('rules:', '  - name: deploy', '    require: [action, rollback]'),
        [
          '.github/gatehouse.yml:3:23 rules[0].require[1]: expected one of "action", "context", "risk_assessment" or "rollback_plan", got "rollback"',
        ],
      ],
      [
        'a negative cost in a risk',
        lines('rules:', '  - name: spend', '    risk: { cost: -5 }'),
        ['.github/gatehouse.yml:3:19 rules[0].risk.cost: expected at least 0, got -5'],
      ],
    ];
    it.each(rows)('reports %s', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual(expected);
    });

    it('reports each unknown key on its own line', () => {
      const text = lines('defaults:', '  timout: 4h', '  aprovals: 2', '  approvals: 1');
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:2:3 defaults: unknown key "timout" (did you mean "timeout"?)',
        '.github/gatehouse.yml:3:3 defaults: unknown key "aprovals" (did you mean "approvals"?)',
      ]);
    });

    it('reports every problem at once, in file order', () => {
      const text = lines(
        'mode: sometimes',
        'reviewers:',
        '  platform: alice',
        'defaults:',
        '  timeout: soon',
        'rules:',
        '  - name: migrations',
        '    paths: ["db/**"]',
        '    level: urgent',
        '  - description: unnamed',
        'environments:',
        '  production: { wait_timer: -1 }',
        'colour: blue',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:1:7 mode: expected one of "auto", "ask-once", "ask" or "always", got "sometimes"',
        '.github/gatehouse.yml:3:13 reviewers.platform: expected a non-empty list of logins or @org/team entries, got "alice" (a list of one is written [alice])',
        '.github/gatehouse.yml:5:12 defaults.timeout: expected a duration such as 30m, 4h, 2d or 1h30m, got "soon"',
        '.github/gatehouse.yml:8:5 rules[0]: unknown key "paths" (did you mean "if.paths"?)',
        '.github/gatehouse.yml:9:12 rules[0].level: expected one of "acknowledge", "review" or "approve", got "urgent"',
        '.github/gatehouse.yml:10:5 rules[1]: missing required key "name"',
        '.github/gatehouse.yml:12:29 environments.production.wait_timer: expected at least 0, got -1',
        '.github/gatehouse.yml:13:1 (root): unknown key "colour" (expected one of: extends, mode, allow, reviewers, defaults, rules, actions, environments, specs, log, queue, thresholds)',
      ]);
    });

    it('reports the value of an alias at the alias', () => {
      const text = lines(
        'x-anchors:',
        '  groups: &groups platform',
        'rules:',
        '  - name: a',
        '    reviewers: *groups',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:1:1 (root): unknown key "x-anchors" (expected one of: extends, mode, allow, reviewers, defaults, rules, actions, environments, specs, log, queue, thresholds)',
        '.github/gatehouse.yml:5:16 rules[0].reviewers: expected a non-empty list of reviewer group names, got "platform" (a list of one is written [platform])',
      ]);
    });
  });

  describe('normalizing', () => {
    it('applies every default to what a rule and an environment leave out', () => {
      const policy = policyOf(
        lines(
          'reviewers: { platform: [alice] }',
          'rules:',
          '  - name: migrations',
          '    if: { paths: ["db/**"] }',
          'environments:',
          '  production: {}',
        ),
      );
      expect(policy).toEqual({
        ...DEFAULT_POLICY,
        reviewers: { platform: ['alice'] },
        rules: [
          {
            name: 'migrations',
            index: 0,
            description: null,
            if: { paths: ['db/**'] },
            risk: {},
            riskImplied: true,
            level: 'approve',
            reviewers: [],
            require: ['action', 'rollback_plan'],
            approvals: 1,
            timeoutMs: null,
            onTimeout: 'reject',
            escalateTo: [],
            safeDefault: null,
          },
        ],
        actions: [],
        environments: {
          production: { reviewers: [], preventSelfReview: false, waitTimer: 0, branches: [], gate: false },
        },
      });
    });

    it('lets rules inherit gate options from defaults and override them', () => {
      const policy = policyOf(
        lines(
          'reviewers: { backup: [carol], oncall: [dave] }',
          'defaults:',
          '  approvals: 2',
          '  timeout: 1d',
          '  on_timeout: escalate',
          '  escalate_to: [backup]',
          '  safe_default: skip',
          'rules:',
          '  - name: inherits',
          '  - name: overrides',
          '    approvals: 3',
          '    timeout: 1h30m',
          '    on_timeout: proceed',
          '    escalate_to: [oncall]',
          '    safe_default: b',
        ),
      );
      const options = policy.rules.map(
        ({ name, approvals, timeoutMs, onTimeout, escalateTo, safeDefault }) => ({
          name,
          approvals,
          timeoutMs,
          onTimeout,
          escalateTo,
          safeDefault,
        }),
      );
      expect(options).toEqual([
        {
          name: 'inherits',
          approvals: 2,
          timeoutMs: 86_400_000,
          onTimeout: 'escalate',
          escalateTo: ['backup'],
          safeDefault: 'skip',
        },
        {
          name: 'overrides',
          approvals: 3,
          timeoutMs: 5_400_000,
          onTimeout: 'proceed',
          escalateTo: ['oncall'],
          safeDefault: 'b',
        },
      ]);
    });

    it.each([
      ['approve', undefined, ['action', 'rollback_plan']],
      ['review', undefined, []],
      ['acknowledge', undefined, []],
      ['approve', '[context]', ['context']],
      ['review', '[]', []],
    ])('requires, at level %s with require %s, %j', (level, require, expected) => {
      const text = lines(
        'rules:',
        '  - name: r',
        `    level: ${level}`,
        ...(require ? [`    require: ${require}`] : []),
      );
      expect(policyOf(text).rules[0]?.require).toEqual(expected);
    });

    it.each([
      ['no risk key', [], true, {}],
      ['a risk', ['    risk: { blast_radius: module }'], false, { blast_radius: 'module' }],
      ['an empty risk', ['    risk: {}'], false, {}],
    ])('marks the risk as implied only for a rule with %s', (_name, extra, riskImplied, risk) => {
      const rule = policyOf(lines('rules:', '  - name: r', ...extra)).rules[0];
      expect(rule).toMatchObject({ riskImplied, risk });
    });

    it('keeps reviewer groups where a name such as "constructor" finds no built-in property', () => {
      const policy = policyOf(lines('reviewers: { platform: [alice] }'));
      expect(policy.reviewers.constructor).toBeUndefined();
      expect(policy.reviewers.platform).toEqual(['alice']);
    });

    it('numbers rules by their position', () => {
      const policy = policyOf(lines('rules:', '  - name: a', '  - name: b', '  - name: c'));
      expect(policy.rules.map((rule) => [rule.name, rule.index])).toEqual([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]);
    });
  });

  describe('the example in docs/examples/gatehouse.yml (DESIGN §2)', () => {
    const text = readFileSync(new URL('../../docs/examples/gatehouse.yml', import.meta.url), 'utf8');

    it('is valid and normalizes to the policy it describes', () => {
      expect(policyOf(text)).toEqual({
        mode: 'ask',
        allow: ['docs', 'tests'],
        reviewers: { platform: ['@acme/platform', 'alice'], backup: ['carol'] },
        defaults: {
          approvals: 1,
          timeoutMs: 24 * 3_600_000,
          onTimeout: 'reject',
          escalateTo: [],
          safeDefault: null,
          invalidateOnPush: true,
          allowSelfApproval: false,
          allowBots: false,
        },
        rules: [
          {
            name: 'migrations',
            index: 0,
            description: null,
            if: { paths: ['db/migrations/**'] },
            risk: { reversibility: 'irreversible', blast_radius: 'production' },
            riskImplied: false,
            level: 'approve',
            reviewers: ['platform'],
            require: ['rollback_plan'],
            approvals: 2,
            timeoutMs: 4 * 3_600_000,
            onTimeout: 'escalate',
            escalateTo: ['backup'],
            safeDefault: null,
          },
        ],
        actions: [],
        environments: {
          production: {
            reviewers: ['platform'],
            preventSelfReview: true,
            waitTimer: 0,
            branches: ['main'],
            gate: true,
          },
        },
        specs: { paths: ['docs/specs/**/*.md'] },
        log: { branch: 'gatehouse-log', path: 'decisions', checkRuns: true },
        queue: { maxPending: 50 },
        thresholds: { cost: { notify: 0.1, approve: 100 } },
      } satisfies Policy);
    });
  });

  describe('parsing the document only (for a base policy)', () => {
    it('checks syntax and shape', () => {
      const result = parsePolicyDocument(lines('mode: sometimes'), {
        file: 'acme/.github:.github/gatehouse.yml',
      });
      expect(result.ok ? [] : result.problems.map(formatPolicyProblem)).toEqual([
        'acme/.github:.github/gatehouse.yml:1:7 mode: expected one of "auto", "ask-once", "ask" or "always", got "sometimes"',
      ]);
    });

    it('leaves meaning to the merged policy', () => {
      const result = parsePolicyDocument(
        lines('rules:', '  - name: a', '    reviewers: [defined-by-the-repository]'),
        {
          file: FILE,
        },
      );
      expect(result).toEqual({
        ok: true,
        document: { rules: [{ name: 'a', reviewers: ['defined-by-the-repository'] }] },
      });
    });
  });
});
