import { describe, expect, it } from 'vitest';
import {
  formatPolicyProblem,
  mergePolicyDocuments,
  type PolicyDocument,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends,
} from '../../src/core/policy.ts';

const FILE = '.github/gatehouse.yml';

/** YAML written line by line, so that line numbers are easy to read off. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function problemsOf(text: string, base: PolicyDocument): string[] {
  const result = parsePolicy(text, { file: FILE, base });
  return result.ok ? [] : result.problems.map(formatPolicyProblem);
}

function documentOf(text: string): PolicyDocument {
  const result = parsePolicyDocument(text, { file: 'acme/.github:.github/gatehouse.yml' });
  if (!result.ok) throw new Error(result.problems.map(formatPolicyProblem).join('\n'));
  return result.document;
}

describe('extends', () => {
  describe('merging a policy over its base', () => {
    const rows: [string, PolicyDocument, PolicyDocument, PolicyDocument][] = [
      ['a scalar here wins', { mode: 'always' }, { mode: 'ask' }, { mode: 'ask' }],
      ['a scalar only in the base is kept', { mode: 'always' }, {}, { mode: 'always' }],
      [
        'allow here replaces the base list',
        { allow: ['docs', 'tests'] },
        { allow: ['docs'] },
        { allow: ['docs'] },
      ],
      ['an empty allow here empties it', { allow: ['docs'] }, { allow: [] }, { allow: [] }],
      ['allow only in the base is kept', { allow: ['docs'] }, {}, { allow: ['docs'] }],
      [
        'reviewer groups merge by name, a group here replacing the base group',
        { reviewers: { platform: ['alice'], backup: ['carol'] } },
        { reviewers: { platform: ['bob'], web: ['erin'] } },
        { reviewers: { platform: ['bob'], backup: ['carol'], web: ['erin'] } },
      ],
      [
        'environments merge by name, an environment here replacing the base one whole',
        { environments: { production: { reviewers: ['platform'], wait_timer: 5 }, staging: { gate: true } } },
        { environments: { production: { gate: true } } },
        { environments: { production: { gate: true }, staging: { gate: true } } },
      ],
      [
        'defaults merge key by key',
        { defaults: { approvals: 2, timeout: '1d', on_timeout: 'escalate' } },
        { defaults: { timeout: '4h', allow_bots: true } },
        { defaults: { approvals: 2, timeout: '4h', on_timeout: 'escalate', allow_bots: true } },
      ],
      [
        'specs, log and queue merge key by key',
        {
          specs: { paths: ['specs/**'] },
          log: { branch: 'audit', path: 'records' },
          queue: { max_pending: 10 },
        },
        { log: { path: 'decisions', check_runs: false } },
        {
          specs: { paths: ['specs/**'] },
          log: { branch: 'audit', path: 'decisions', check_runs: false },
          queue: { max_pending: 10 },
        },
      ],
      [
        'thresholds merge key by key, down into cost',
        { thresholds: { cost: { notify: 1, approve: 500 } } },
        { thresholds: { cost: { approve: 50 } } },
        { thresholds: { cost: { notify: 1, approve: 50 } } },
      ],
      [
        'base rules come first, a rule here replaces the base rule of the same name in place, the others follow',
        { rules: [{ name: 'a', level: 'review' }, { name: 'b', level: 'review' }, { name: 'c' }] },
        { rules: [{ name: 'd' }, { name: 'b', level: 'approve', approvals: 2 }] },
        {
          rules: [
            { name: 'a', level: 'review' },
            { name: 'b', level: 'approve', approvals: 2 },
            { name: 'c' },
            { name: 'd' },
          ],
        },
      ],
      ['rules only here', {}, { rules: [{ name: 'a' }] }, { rules: [{ name: 'a' }] }],
      [
        'extends is followed one level only: neither file’s survives',
        { extends: 'acme/root', mode: 'always' },
        { extends: 'acme/.github' },
        { mode: 'always' },
      ],
      ['two empty policies give an empty one', {}, {}, {}],
    ];
    it.each(rows)('%s', (_name, base, local, expected) => {
      expect(mergePolicyDocuments(base, local)).toEqual(expected);
    });

    it('changes neither input', () => {
      const base: PolicyDocument = { defaults: { approvals: 2 }, rules: [{ name: 'a' }] };
      const local: PolicyDocument = { defaults: { timeout: '1h' }, rules: [{ name: 'a', level: 'review' }] };
      const before = structuredClone({ base, local });
      mergePolicyDocuments(base, local);
      expect({ base, local }).toEqual(before);
    });
  });

  describe('parsing a policy with its base', () => {
    const base = documentOf(
      lines(
        'mode: ask',
        'reviewers: { platform: ["@acme/platform"], backup: [carol] }',
        'defaults: { timeout: 1d }',
        'rules:',
        '  - name: secrets',
        '    if: { paths: [".github/secrets/**"] }',
        '  - name: migrations',
        '    if: { paths: ["db/**"] }',
        '    reviewers: [platform]',
      ),
    );

    it('lets this file use groups and defaults that only the base defines', () => {
      const result = parsePolicy(
        lines(
          'extends: acme/.github',
          'rules:',
          '  - name: web',
          '    reviewers: [platform]',
          '    on_timeout: reject',
        ),
        { file: FILE, base },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.document).not.toHaveProperty('extends');
      expect(result.policy.rules.map((rule) => [rule.name, rule.index, rule.timeoutMs])).toEqual([
        ['secrets', 0, 86_400_000],
        ['migrations', 1, 86_400_000],
        ['web', 2, 86_400_000],
      ]);
    });

    it('points a problem in a rule of this file at its line, though the merged rule comes later', () => {
      const text = lines('extends: acme/.github', 'rules:', '  - name: web', '    reviewers: [frontend]');
      expect(problemsOf(text, base)).toEqual([
        '.github/gatehouse.yml:4:17 rules[0].reviewers[0]: unknown reviewer group "frontend": define it under reviewers: (defined: platform, backup)',
      ]);
    });

    it('points a problem in a rule that replaces a base rule at this file', () => {
      const text = lines('extends: acme/.github', 'rules:', '  - name: migrations', '    reviewers: [dba]');
      expect(problemsOf(text, base)).toEqual([
        '.github/gatehouse.yml:4:17 rules[0].reviewers[0]: unknown reviewer group "dba": define it under reviewers: (defined: platform, backup)',
      ]);
    });

    it('reports a problem that lies in the base at line 1, column 1, saying so', () => {
      const broken = documentOf(lines('rules:', '  - name: a', '  - name: deploy', '    reviewers: [ops]'));
      expect(problemsOf(lines('extends: acme/.github', 'mode: ask'), broken)).toEqual([
        '.github/gatehouse.yml:1:1 rules[1].reviewers[0]: unknown reviewer group "ops": define it under reviewers: (from the base policy (extends: acme/.github))',
      ]);
    });

    it('lets this file fix what the base leaves open', () => {
      const proceeding = documentOf(lines('defaults: { timeout: 1h, on_timeout: proceed }'));
      expect(
        problemsOf(lines('extends: acme/.github', 'defaults: { safe_default: skip }'), proceeding),
      ).toEqual([]);
      expect(problemsOf(lines('extends: acme/.github'), proceeding)).toEqual([
        '.github/gatehouse.yml:1:1 defaults.on_timeout: "proceed" needs safe_default (the option taken when nobody answers) in defaults (from the base policy (extends: acme/.github))',
      ]);
    });

    it('points a conflict between a base value and one here at the value here', () => {
      const thresholds = documentOf(lines('thresholds: { cost: { notify: 50 } }'));
      expect(
        problemsOf(lines('extends: acme/.github', 'thresholds:', '  cost: { approve: 10 }'), thresholds),
      ).toEqual([
        '.github/gatehouse.yml:3:20 thresholds.cost.approve: expected at least thresholds.cost.notify (50), got 10',
      ]);
    });

    it('checks this file’s shape before merging', () => {
      expect(
        problemsOf(lines('extends: acme/.github', 'rules:', '  - name: a', '    reviewer: [platform]'), base),
      ).toEqual(['.github/gatehouse.yml:4:5 rules[0]: unknown key "reviewer" (did you mean "reviewers"?)']);
    });
  });

  describe('reading the extends value before parsing', () => {
    it.each([
      ['a valid policy', lines('extends: acme/.github', 'mode: ask'), 'acme/.github'],
      [
        'a policy with a path',
        lines('extends: "acme/policies:teams/web.yml"'),
        'acme/policies:teams/web.yml',
      ],
      [
        'a policy with other problems',
        lines('extends: acme/.github', 'mode: sometimes', 'colour: blue'),
        'acme/.github',
      ],
      ['a policy whose YAML breaks later', lines('extends: acme/.github', 'allow: [docs'), 'acme/.github'],
      ['no extends', lines('mode: ask'), undefined],
      ['a key spelt with escapes', lines('"\\x65xtends": acme/.github'), 'acme/.github'],
      ['a key spelt with a Unicode escape', lines('"ext\\u0065nds": acme/.github'), 'acme/.github'],
      ['a flow mapping', '{ extends: acme/.github, mode: ask }', 'acme/.github'],
      ['the word only in a comment', lines('# extends: acme/.github', 'mode: ask'), undefined],
      ['an extends that is not a string', lines('extends: [acme/.github]'), undefined],
      ['an empty extends', lines('extends:'), undefined],
      ['a top level that is a list', lines('- extends: acme/.github'), undefined],
      ['an empty file', '', undefined],
      ['text that is not YAML at all', ':\n\t- ]]', undefined],
    ])('reads it from %s', (_name, text, expected) => {
      expect(readExtends(text)).toBe(expected);
    });
  });

  describe('the extends target', () => {
    it.each([
      ['acme/.github', { owner: 'acme', repo: '.github', path: '.github/gatehouse.yml' }],
      ['acme-corp/policies:teams/web.yml', { owner: 'acme-corp', repo: 'policies', path: 'teams/web.yml' }],
      ['Acme/my_repo.v2:gatehouse.yml', { owner: 'Acme', repo: 'my_repo.v2', path: 'gatehouse.yml' }],
    ])('reads %j', (value, expected) => {
      expect(parseExtendsTarget(value)).toEqual(expected);
    });

    it.each([
      ['acme', 'expected owner/repo or owner/repo:path/to/policy.yml, got "acme"'],
      ['acme/a/b', 'expected owner/repo or owner/repo:path/to/policy.yml, got "acme/a/b"'],
      [
        '-acme/.github',
        '"-acme" is not a GitHub account name (letters, digits and single hyphens): expected owner/repo or owner/repo:path/to/policy.yml',
      ],
      [
        'acme/',
        '"" is not a repository name (letters, digits, ".", "_" and "-"): expected owner/repo or owner/repo:path/to/policy.yml',
      ],
      [
        'acme/..',
        '".." is not a repository name (letters, digits, ".", "_" and "-"): expected owner/repo or owner/repo:path/to/policy.yml',
      ],
      [
        'acme/my repo',
        '"my repo" is not a repository name (letters, digits, ".", "_" and "-"): expected owner/repo or owner/repo:path/to/policy.yml',
      ],
      [
        'acme/.github:',
        'nothing after ":" in "acme/.github:": expected owner/repo or owner/repo:path/to/policy.yml',
      ],
      [
        'acme/.github:/etc/passwd',
        '"/etc/passwd" must be a plain path inside the repository, such as .github/gatehouse.yml',
      ],
      [
        'acme/.github:../x.yml',
        '"../x.yml" must be a plain path inside the repository, such as .github/gatehouse.yml',
      ],
      [
        'acme/.github:a//b.yml',
        '"a//b.yml" must be a plain path inside the repository, such as .github/gatehouse.yml',
      ],
    ])('refuses %j', (value, error) => {
      expect(parseExtendsTarget(value)).toEqual({ error });
    });
  });
});
