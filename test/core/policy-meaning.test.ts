import { describe, expect, it } from 'vitest';
import { formatPolicyProblem, parsePolicy } from '../../src/core/policy.ts';

const FILE = '.github/gatehouse.yml';

/** YAML written line by line, so that line numbers are easy to read off. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function problemsOf(text: string): string[] {
  const result = parsePolicy(text, { file: FILE });
  return result.ok ? [] : result.problems.map(formatPolicyProblem);
}

describe('policy meaning checks', () => {
  describe('when a reviewer group is used but not defined', () => {
    const rows: [string, string, string[]][] = [
      [
        'in a rule’s reviewers (close to a defined group)',
        lines('reviewers: { platform: [alice] }', 'rules:', '  - name: a', '    reviewers: [platfrom]'),
        [
          '.github/gatehouse.yml:4:17 rules[0].reviewers[0]: unknown reviewer group "platfrom" (did you mean "platform"?)',
        ],
      ],
      [
        'in a rule’s escalate_to',
        lines(
          'reviewers: { platform: [alice], backup: [carol] }',
          'rules:',
          '  - name: a',
          '    timeout: 1h',
          '    on_timeout: escalate',
          '    escalate_to: [oncall]',
        ),
        [
          '.github/gatehouse.yml:6:19 rules[0].escalate_to[0]: unknown reviewer group "oncall": define it under reviewers: (defined: platform, backup)',
        ],
      ],
      [
        'in defaults.escalate_to',
        lines('defaults:', '  timeout: 1h', '  on_timeout: escalate', '  escalate_to: [backup]'),
        [
          '.github/gatehouse.yml:4:17 defaults.escalate_to[0]: unknown reviewer group "backup": define it under reviewers:',
        ],
      ],
      [
        'in an environment’s reviewers',
        lines(
          'reviewers: { platform: [alice] }',
          'environments:',
          '  "prod/eu": { reviewers: [platform, sre] }',
        ),
        [
          '.github/gatehouse.yml:3:38 environments["prod/eu"].reviewers[1]: unknown reviewer group "sre": define it under reviewers: (defined: platform)',
        ],
      ],
    ];
    it.each(rows)('reports it %s, at the name', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual(expected);
    });

    it('does not mistake a built-in object property for a group', () => {
      expect(problemsOf(lines('rules:', '  - name: a', '    reviewers: [constructor]'))).toEqual([
        '.github/gatehouse.yml:3:17 rules[0].reviewers[0]: unknown reviewer group "constructor": define it under reviewers:',
      ]);
    });
  });

  describe('reviewer group entries', () => {
    const valid = [
      'alice',
      'Alice-Smith',
      'a1',
      'x'.repeat(39),
      '@acme/platform',
      '@acme-corp/sre_team.eu',
      'deploy-bot[bot]',
    ];
    it.each(valid)('accepts %j', (entry) => {
      expect(problemsOf(lines('reviewers:', `  group: ["${entry}"]`))).toEqual([]);
    });

    const invalid: [string, string][] = [
      [
        'al ice',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "al ice"',
      ],
      [
        '-alice',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "-alice"',
      ],
      [
        'alice-',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "alice-"',
      ],
      [
        'al--ice',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "al--ice"',
      ],
      [
        'x'.repeat(40),
        `expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "${'x'.repeat(40)}"`,
      ],
      [
        '@alice',
        '"@alice" is neither a login nor a team: write a login without "@" (alice) or a team as @org/team',
      ],
      ['acme/platform', '"acme/platform" looks like a team: write it as @acme/platform'],
      [
        '@acme/',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "@acme/"',
      ],
      [
        '@acme/a/b',
        'expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "@acme/a/b"',
      ],
    ];
    it.each(invalid)('refuses %j', (entry, message) => {
      expect(problemsOf(lines('reviewers:', '  group:', '    - alice', `    - "${entry}"`))).toEqual([
        `.github/gatehouse.yml:4:7 reviewers.group[1]: ${message}`,
      ]);
    });
  });

  describe('when two rules share a name', () => {
    it('reports the second one', () => {
      const text = lines('rules:', '  - name: deploy', '  - name: migrations', '  - name: deploy');
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:4:11 rules[2].name: duplicate rule name "deploy": rule names must be unique',
      ]);
    });
  });

  describe('globs', () => {
    const valid = [
      'db/migrations/**',
      '!docs/**',
      '**/*.{sql,rb}',
      'src/[a-z]*.ts',
      '@(a|b)/**',
      'release/*',
      '\\[literal\\]',
    ];
    it.each(valid)('accepts %j', (glob) => {
      const text = lines(
        'rules:',
        '  - name: a',
        `    if: { paths: ["${glob.replaceAll('\\', '\\\\')}"], branches: ["${glob.replaceAll('\\', '\\\\')}"] }`,
      );
      expect(problemsOf(text)).toEqual([]);
    });

    const invalid: [string, string, string][] = [
      [
        'if.paths',
        '/db/**',
        'expected a glob relative to the repository root, without a leading "/" or "./": write "db/**"',
      ],
      [
        'if.paths',
        './db/**',
        'expected a glob relative to the repository root, without a leading "/" or "./": write "db/**"',
      ],
      [
        'if.paths',
        '!/db/seed/**',
        'expected a glob relative to the repository root, without a leading "/" or "./": write "!db/seed/**"',
      ],
      ['if.paths', '!', 'expected a glob after "!"'],
      [
        'if.paths',
        'db/[abc',
        'invalid glob "db/[abc": missing closing "]" (write "\\]" to match it literally)',
      ],
      [
        'if.paths',
        '!db/{a,b',
        'invalid glob "!db/{a,b": missing closing "}" (write "\\}" to match it literally)',
      ],
      [
        'if.branches',
        'release/(x',
        'invalid glob "release/(x": missing closing ")" (write "\\)" to match it literally)',
      ],
      ['if.branches', 'x)', 'invalid glob "x)": missing opening "(" (write "\\(" to match it literally)'],
      [
        'if.environments',
        '/prod',
        'expected a glob relative to the repository root, without a leading "/" or "./": write "prod"',
      ],
    ];
    it.each(invalid)('refuses %s %j at the glob', (key, glob, message) => {
      const [, predicate] = key.split('.');
      const text = lines(
        'rules:',
        '  - name: a',
        '    if:',
        `      ${predicate}:`,
        '        - main',
        `        - "${glob}"`,
      );
      expect(problemsOf(text)).toEqual([`.github/gatehouse.yml:6:11 rules[0].${key}[1]: ${message}`]);
    });

    it('checks specs.paths too', () => {
      expect(problemsOf(lines('specs:', '  paths: ["docs/specs/[x.md"]'))).toEqual([
        '.github/gatehouse.yml:2:11 specs.paths[0]: invalid glob "docs/specs/[x.md": missing closing "]" (write "\\]" to match it literally)',
      ]);
    });
  });

  describe('timeouts', () => {
    const rows: [string, string, string[]][] = [
      [
        'on_timeout proceed on a rule with no safe default anywhere',
        lines('rules:', '  - name: a', '    timeout: 1h', '    on_timeout: proceed'),
        [
          '.github/gatehouse.yml:4:17 rules[0].on_timeout: "proceed" needs safe_default (the option taken when nobody answers) on this rule or in defaults',
        ],
      ],
      [
        'on_timeout proceed in defaults with no safe default (reported once, not per rule)',
        lines('defaults:', '  timeout: 1h', '  on_timeout: proceed', 'rules:', '  - name: a', '  - name: b'),
        [
          '.github/gatehouse.yml:3:15 defaults.on_timeout: "proceed" needs safe_default (the option taken when nobody answers) in defaults',
        ],
      ],
      [
        'on_timeout proceed in defaults with a safe default only on the rule (gates that match no rule have none)',
        lines(
          'defaults:',
          '  timeout: 1h',
          '  on_timeout: proceed',
          'rules:',
          '  - name: a',
          '    safe_default: skip',
        ),
        [
          '.github/gatehouse.yml:3:15 defaults.on_timeout: "proceed" needs safe_default (the option taken when nobody answers) in defaults',
        ],
      ],
      [
        'on_timeout escalate on a rule with no escalate_to anywhere',
        lines('rules:', '  - name: a', '    timeout: 1h', '    on_timeout: escalate'),
        [
          '.github/gatehouse.yml:4:17 rules[0].on_timeout: "escalate" needs escalate_to (the backup reviewer groups) on this rule or in defaults',
        ],
      ],
      [
        'on_timeout escalate in defaults with no escalate_to',
        lines('defaults:', '  timeout: 1h', '  on_timeout: escalate'),
        [
          '.github/gatehouse.yml:3:15 defaults.on_timeout: "escalate" needs escalate_to (the backup reviewer groups) in defaults',
        ],
      ],
      [
        'on_timeout, escalate_to and safe_default on a rule with no timeout in effect',
        lines(
          'reviewers: { backup: [carol] }',
          'rules:',
          '  - name: a',
          '    on_timeout: reject',
          '    escalate_to: [backup]',
          '    safe_default: skip',
        ),
        [
          '.github/gatehouse.yml:4:17 rules[0].on_timeout: has no effect without timeout: set timeout on this rule or in defaults',
          '.github/gatehouse.yml:5:18 rules[0].escalate_to: has no effect without timeout: set timeout on this rule or in defaults',
          '.github/gatehouse.yml:6:19 rules[0].safe_default: has no effect without timeout: set timeout on this rule or in defaults',
        ],
      ],
      [
        'on_timeout in defaults with no timeout anywhere',
        lines('defaults:', '  on_timeout: reject', 'rules:', '  - name: a'),
        [
          '.github/gatehouse.yml:2:15 defaults.on_timeout: has no effect without timeout: set timeout in defaults or on the rules that use it',
        ],
      ],
      [
        'on_timeout in defaults that every rule with a timeout overrides',
        lines(
          'defaults:',
          '  on_timeout: reject',
          'rules:',
          '  - name: a',
          '    timeout: 1h',
          '    on_timeout: reject',
        ),
        [
          '.github/gatehouse.yml:2:15 defaults.on_timeout: has no effect without timeout: set timeout in defaults or on the rules that use it',
        ],
      ],
      [
        'on_timeout proceed with no timeout and no safe default (both problems at once)',
        lines('rules:', '  - name: a', '    on_timeout: proceed'),
        [
          '.github/gatehouse.yml:3:17 rules[0].on_timeout: "proceed" needs safe_default (the option taken when nobody answers) on this rule or in defaults',
          '.github/gatehouse.yml:3:17 rules[0].on_timeout: has no effect without timeout: set timeout on this rule or in defaults',
        ],
      ],
      [
        'a zero timeout',
        lines('defaults:', '  timeout: 0s'),
        [
          '.github/gatehouse.yml:2:12 defaults.timeout: expected a timeout above zero (leave timeout out for no deadline)',
        ],
      ],
      [
        'a timeout over a year',
        lines('rules:', '  - name: a', '    timeout: 53w'),
        ['.github/gatehouse.yml:3:14 rules[0].timeout: expected a timeout of at most 365d, got "53w"'],
      ],
      [
        'a timeout too large to compute',
        lines('defaults:', '  timeout: 99999999999999999999w'),
        [
          '.github/gatehouse.yml:2:12 defaults.timeout: expected a timeout of at most 365d, got "99999999999999999999w"',
        ],
      ],
    ];
    it.each(rows)('reports %s', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual(expected);
    });

    const fine: [string, string][] = [
      [
        'proceed on a rule with the safe default in defaults',
        lines(
          'defaults: { timeout: 1h, safe_default: skip }',
          'rules:',
          '  - name: a',
          '    on_timeout: proceed',
        ),
      ],
      [
        'proceed in defaults with its safe default, inherited by a rule',
        lines('defaults: { timeout: 1h, on_timeout: proceed, safe_default: a }', 'rules:', '  - name: a'),
      ],
      [
        'escalate on a rule with escalate_to in defaults',
        lines(
          'reviewers: { backup: [carol] }',
          'defaults: { escalate_to: [backup] }',
          'rules:',
          '  - name: a',
          '    timeout: 4h',
          '    on_timeout: escalate',
        ),
      ],
      [
        'on_timeout in defaults used by a rule with its own timeout',
        lines('defaults: { on_timeout: reject }', 'rules:', '  - name: a', '    timeout: 4h'),
      ],
      [
        'on_timeout on a rule with the timeout in defaults',
        lines('defaults: { timeout: 1d }', 'rules:', '  - name: a', '    on_timeout: reject'),
      ],
      ['the longest timeout', lines('defaults: { timeout: 365d }')],
    ];
    it.each(fine)('accepts %s', (_name, text) => {
      expect(problemsOf(text)).toEqual([]);
    });
  });

  describe('cost thresholds', () => {
    it.each([
      [
        'notify above approve',
        lines('thresholds:', '  cost: { notify: 200, approve: 150 }'),
        '.github/gatehouse.yml:2:19 thresholds.cost.notify: expected at most thresholds.cost.approve (150), got 200',
      ],
      [
        'notify above the default approve',
        lines('thresholds:', '  cost: { notify: 200 }'),
        '.github/gatehouse.yml:2:19 thresholds.cost.notify: expected at most thresholds.cost.approve (100), got 200',
      ],
      [
        'approve below the default notify',
        lines('thresholds:', '  cost: { approve: 0.05 }'),
        '.github/gatehouse.yml:2:20 thresholds.cost.approve: expected at least thresholds.cost.notify (0.1), got 0.05',
      ],
    ])('reports %s', (_name, text, expected) => {
      expect(problemsOf(text)).toEqual([expected]);
    });

    it('accepts notify equal to approve', () => {
      expect(problemsOf(lines('thresholds:', '  cost: { notify: 5, approve: 5 }'))).toEqual([]);
    });
  });

  describe('environment reviewers', () => {
    const groups = 'reviewers: { a: [ann, bob, cat, "@acme/ops"], b: [dan, eve], c: [BOB, fay] }';

    it('accepts six logins and teams', () => {
      expect(problemsOf(lines(groups, 'environments:', '  production: { reviewers: [a, b] }'))).toEqual([]);
    });

    it('counts an entry in two groups once, whatever its case', () => {
      expect(problemsOf(lines(groups, 'environments:', '  production: { reviewers: [a, c] }'))).toEqual([]);
    });

    it('reports more than six, at the environment’s reviewers', () => {
      expect(problemsOf(lines(groups, 'environments:', '  production: { reviewers: [a, b, c] }'))).toEqual([
        '.github/gatehouse.yml:3:28 environments.production.reviewers: expands to 7 logins and teams; GitHub allows at most 6 required reviewers per environment',
      ]);
    });
  });

  describe('log.branch', () => {
    const problemsOn = (text: string, defaultBranch: string) => {
      const result = parsePolicy(text, { file: FILE, defaultBranch });
      return result.ok ? [] : result.problems.map(formatPolicyProblem);
    };

    it.each([
      ['the default branch', 'main', 'main'],
      ['the default branch in another case', 'Main', 'main'],
      ['the default branch as a full ref', 'refs/heads/trunk', 'trunk'],
    ])('refuses %s, at the key’s value, saying why', (_, branch, defaultBranch) => {
      expect(problemsOn(lines('mode: ask', 'log:', `  branch: ${branch}`), defaultBranch)).toEqual([
        `.github/gatehouse.yml:3:11 log.branch: must not be the default branch "${defaultBranch}": decision records would be committed to it; name a branch of its own, such as gatehouse-log`,
      ]);
    });

    it('refuses the default log branch when the repository’s default branch has its name', () => {
      expect(problemsOn(lines('mode: ask'), 'gatehouse-log')).toEqual([
        '.github/gatehouse.yml:1:1 log.branch: must not be the default branch "gatehouse-log": decision records would be committed to it; name a branch of its own, such as gatehouse-log',
      ]);
    });

    it('accepts any other branch', () => {
      expect(problemsOn(lines('log:', '  branch: audit/decisions'), 'main')).toEqual([]);
    });

    it('is not checked without a default branch (offline validation)', () => {
      expect(problemsOf(lines('log:', '  branch: main'))).toEqual([]);
    });
  });

  describe('extends', () => {
    it('reports a value that names no repository, at the value', () => {
      expect(problemsOf(lines('mode: ask', 'extends: acme'))).toEqual([
        '.github/gatehouse.yml:2:10 extends: expected owner/repo or owner/repo:path/to/policy.yml, got "acme"',
      ]);
    });
  });

  describe('when problems of shape and of meaning are in one file', () => {
    it('reports an unknown key, an undefined reviewer group and an escalation without escalate_to at once', () => {
      const text = lines(
        'reviewers:',
        '  dba: [bob]',
        'defaults:',
        '  timeout: 4h',
        '  on_timeout: escalate',
        '  aprovals: 2',
        'rules:',
        '  - name: migrations',
        '    reviewers: [dbas]',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:5:15 defaults.on_timeout: "escalate" needs escalate_to (the backup reviewer groups) in defaults',
        '.github/gatehouse.yml:6:3 defaults: unknown key "aprovals" (did you mean "approvals"?)',
        '.github/gatehouse.yml:9:17 rules[0].reviewers[0]: unknown reviewer group "dbas" (did you mean "dba"?)',
      ]);
    });

    it('checks meaning beside an unknown key of a rule', () => {
      const text = lines('rules:', '  - name: deploy', '    paths: ["deploy/**"]', '  - name: deploy');
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:3:5 rules[0]: unknown key "paths" (did you mean "if.paths"?)',
        '.github/gatehouse.yml:4:11 rules[1].name: duplicate rule name "deploy": rule names must be unique',
      ]);
    });

    it('leaves meaning for later when a value has the wrong type, as it could hide or invent a problem', () => {
      const text = lines(
        'reviewers:',
        '  dba: bob',
        'rules:',
        '  - name: migrations',
        '    reviewers: [dba]',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:2:8 reviewers.dba: expected a non-empty list of logins or @org/team entries, got "bob" (a list of one is written [bob])',
      ]);
    });
  });

  describe('when a policy has many problems of meaning', () => {
    it('reports all of them at once, in file order', () => {
      const text = lines(
        'extends: acme/.github:/etc/passwd',
        'reviewers:',
        '  platform: ["@alice"]',
        'defaults:',
        '  on_timeout: proceed',
        'rules:',
        '  - name: deploy',
        '    if: { paths: ["/deploy/**"] }',
        '    reviewers: [ops]',
        '  - name: deploy',
        'thresholds: { cost: { notify: 500 } }',
      );
      expect(problemsOf(text)).toEqual([
        '.github/gatehouse.yml:1:10 extends: "/etc/passwd" must be a plain path inside the repository, such as .github/gatehouse.yml',
        '.github/gatehouse.yml:3:14 reviewers.platform[0]: "@alice" is neither a login nor a team: write a login without "@" (alice) or a team as @org/team',
        '.github/gatehouse.yml:5:15 defaults.on_timeout: "proceed" needs safe_default (the option taken when nobody answers) in defaults',
        '.github/gatehouse.yml:5:15 defaults.on_timeout: has no effect without timeout: set timeout in defaults or on the rules that use it',
        '.github/gatehouse.yml:8:19 rules[0].if.paths[0]: expected a glob relative to the repository root, without a leading "/" or "./": write "deploy/**"',
        '.github/gatehouse.yml:9:17 rules[0].reviewers[0]: unknown reviewer group "ops": define it under reviewers: (defined: platform)',
        '.github/gatehouse.yml:10:11 rules[1].name: duplicate rule name "deploy": rule names must be unique',
        '.github/gatehouse.yml:11:31 thresholds.cost.notify: expected at most thresholds.cost.approve (100), got 500',
      ]);
    });
  });
});
