import { describe, expect, it } from 'vitest';
import { createFileIndex, createPathRule, matchesAnyGlob, matchFiles } from '../../src/core/path-match.ts';

const files = createFileIndex([
  'db/migrations/001.sql',
  'db/migrations/README.md',
  'db/migrations-old/002.sql',
  'db/schema.rb',
  'app/models/schema.rb',
  '.github/workflows/deploy.yml',
  'src/a.ts',
  'src/types.d.ts',
  'src/sub/b.ts',
]);

describe('path matching', () => {
  it.each([
    [
      'a folder glob stays inside its folder',
      ['db/migrations/**'],
      ['db/migrations/001.sql', 'db/migrations/README.md'],
    ],
    ['a negation removes files', ['db/migrations/**', '!**/*.md'], ['db/migrations/001.sql']],
    ['a literal base name found anywhere', ['**/schema.rb'], ['app/models/schema.rb', 'db/schema.rb']],
    ['an extension anywhere, dot-folders included', ['**/*.yml'], ['.github/workflows/deploy.yml']],
    ['a single star does not cross folders', ['src/*.ts'], ['src/a.ts', 'src/types.d.ts']],
    ['an exact path', ['db/schema.rb'], ['db/schema.rb']],
    ['a compound extension', ['src/**/*.d.ts'], ['src/types.d.ts']],
    ['braces', ['{db,src}/**/*.sql'], ['db/migrations-old/002.sql', 'db/migrations/001.sql']],
    [
      'several globs, each file once and in order',
      ['src/**', 'src/*.ts'],
      ['src/a.ts', 'src/sub/b.ts', 'src/types.d.ts'],
    ],
    [
      'brace alternatives where one starts with another',
      ['db/{migrations,migrations-old}/*.sql'],
      ['db/migrations-old/002.sql', 'db/migrations/001.sql'],
    ],
    ['brace alternatives that share their first letters', ['src/{s,sub}/*.ts'], ['src/sub/b.ts']],
    [
      'a brace alternative that is a file',
      ['db/{schema.rb,migrations}/**'],
      ['db/migrations/001.sql', 'db/migrations/README.md', 'db/schema.rb'],
    ],
    ['nothing', ['lib/**'], []],
  ])('matches %s', (_name, globs, expected) => {
    expect(matchFiles(createPathRule(globs), files)).toEqual(expected);
  });

  it('matches branch and environment names with globs', () => {
    expect(matchesAnyGlob('release/1.2', ['release/*'])).toBe(true);
    expect(matchesAnyGlob('release/1.2/hotfix', ['release/*'])).toBe(false);
    expect(matchesAnyGlob('production', ['prod*'])).toBe(true);
  });
});

describe('path matching of names with line terminators and control characters', () => {
  const TERMINATORS = [
    '\n',
    '\r',
    '\r\n',
    '\u000b',
    '\u000c',
    '\u0085',
    '\u2028',
    '\u2029',
    '\u0000',
    '\u001b',
  ];

  it.each(TERMINATORS.map((c) => [JSON.stringify(c), c] as const))(
    'gates a migration whose name holds %s, wherever it is',
    (_shown, c) => {
      const names = [
        `db/migrations/a${c}b.sql`,
        `db/migrations/${c}`,
        `db/migrations/a.sql${c}`,
        `db/migrations/${c}/a.sql`,
        `db/migrations/${c}a.sql`,
      ];
      const index = createFileIndex([...names, `db/migrations${c}/x.sql`, 'README.md']);
      expect(matchFiles(createPathRule(['db/migrations/**']), index)).toEqual([...names].sort());
      expect(matchFiles(createPathRule(['**/*.sql']), index)).toEqual(
        [...names, `db/migrations${c}/x.sql`].filter((name) => name.endsWith('.sql')).sort(),
      );
      expect(matchFiles(createPathRule(['db/migrations/**', `!**/*${c}*.sql`]), index)).toEqual(
        names
          .filter((name) => !(name.endsWith('.sql') && name.slice(name.lastIndexOf('/')).includes(c)))
          .sort(),
      );
    },
  );

  it('matches branch and environment names with line terminators', () => {
    expect(matchesAnyGlob('release/1.2\n', ['release/*'])).toBe(true);
    expect(matchesAnyGlob('prod\u2028', ['prod*'])).toBe(true);
    expect(matchesAnyGlob('main\n', ['!main'])).toBe(true);
  });
});

describe('the cost of path matching per evaluation', () => {
  it('stays within files × characters × states for adversarial names and globs', () => {
    const names = Array.from({ length: 300 }, (_, i) => `${'a/'.repeat(i % 40)}${'a'.repeat(200 + i)}\n`);
    const globs = [
      '**/*a*a*a*a*a*a*a*a*a*b',
      '**/**/**/**/**/x',
      '*(a|aa|aaa)*(a|aa)b',
      '{a,aa}{a,aa}{a,aa}**/*b',
      'a/**/*a*a*a*a*.sql',
    ];
    const meter = { steps: 0 };
    const index = createFileIndex(names);
    for (const glob of globs) expect(matchFiles(createPathRule([glob]), index, meter)).toEqual([]);
    const characters = names.reduce((sum, name) => sum + name.length + 1, 0);
    const states = Math.max(...globs.map((glob) => glob.length * 3 + 4));
    expect(meter.steps).toBeLessThanOrEqual(globs.length * characters * (2 * states + 1));
  });
});
