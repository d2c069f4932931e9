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
