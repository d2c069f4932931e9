import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchGlob, parseGlob } from '../../src/core/glob.ts';
import { createFileIndex, createPathRule, matchFiles } from '../../src/core/path-match.ts';

// The index only narrows which files a glob is tried on: whatever the files and the globs, a rule
// matches exactly the files that its globs match one by one.
const word = fc
  .array(fc.constantFrom('a', 'b', 'ab', '-', '.', '0', '/'), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))
  .filter((text) => !text.startsWith('/') && !text.endsWith('/') && !text.includes('//'));
const file = fc
  .array(word, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'))
  .filter((path) => !path.includes('//'));
const alternatives = fc
  .uniqueArray(fc.constantFrom('a', 'ab', 'a-b', 'a.b', 'b', 'a0'), { minLength: 2, maxLength: 3 })
  .map((words) => `{${words.join(',')}}`);
const segment = fc.oneof(fc.constantFrom('a', 'ab', 'a-b', 'b', '*', '*.b', '**'), alternatives);
const glob = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'))
  .filter((source) => parseGlob(source).ok);

describe('path matching with the index', () => {
  it('matches what each glob matches on its own', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(file, { maxLength: 30 }),
        fc.array(glob, { minLength: 1, maxLength: 3 }),
        (files, globs) => {
          const compiled = globs.map((source) => {
            const parsed = parseGlob(source);
            if (!parsed.ok) throw new Error(parsed.problem);
            return parsed.glob;
          });
          const expected = [...files].sort().filter((path) => compiled.some((one) => matchGlob(one, path)));
          expect(matchFiles(createPathRule(globs), createFileIndex(files))).toEqual(expected);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
