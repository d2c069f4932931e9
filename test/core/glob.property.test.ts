import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileAcceptedGlob, matchGlob, parseGlob } from '../../src/core/glob.ts';

// picomatch was the matcher before glob.ts: on names without line terminators or control
// characters, where its regular expressions saw every character, the two agree.
const PICOMATCH = { dot: true, strictBrackets: true } as const;
const RUNS = { numRuns: 2_000 };

const letter = fc.constantFrom('a', 'b', 'c', '.', '-', '_', 'é', 'ü');
const segment = fc
  .array(letter, { minLength: 1, maxLength: 4 })
  .map((chars) => chars.join(''))
  // picomatch's `*.*` does not match `a.` (though `x/*.*` matches `x/a.`): no segment ends in a dot.
  .filter((text) => text !== '.' && text !== '..' && !text.endsWith('.'));
const name = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));

// No `..`: picomatch reads `{..,a}` as a range; the policy refuses `./` and `../` anyway.
const literal = fc
  .array(fc.constantFrom('a', 'b', 'c', '.', '-'), { minLength: 1, maxLength: 2 })
  .map((c) => c.join(''))
  .filter((text) => !text.includes('..'));
const piece = fc.oneof(
  { weight: 4, arbitrary: literal },
  { weight: 2, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.constant('?') },
  // No POSIX classes: picomatch reads `ca.[[:alpha:]]` with `.` as any character.
  { weight: 1, arbitrary: fc.constantFrom('[ab]', '[a-c]', '[^a]') },
  { weight: 1, arbitrary: fc.tuple(literal, literal).map(([x, y]) => `{${x},${y}}`) },
  { weight: 1, arbitrary: fc.tuple(literal, literal).map(([x, y]) => `@(${x}|${y})`) },
);
const globSegment = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(piece, { minLength: 1, maxLength: 3 })
      .map((p) => p.join(''))
      // picomatch reads `@(a|b)?` as a regular expression's optional group, not as `?`.
      .filter((text) => !text.includes('**') && text !== '.' && !/\)[?*]/.test(text)),
  },
  { weight: 1, arbitrary: fc.constant('**') },
);
const glob = fc
  .array(globSegment, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'))
  // picomatch matches `aa/aa` with `**/?/**`: a one-character segment between globstars is left out.
  .filter((text) => !text.includes('**/**') && !/(^|\/)\?(\/|$)/.test(text));

/**
 * The one place the two differ on such names, on purpose: `x/**` matches the folder `x` itself
 * for every `x` here, where picomatch does so only when `x` has no wildcard (`db/**` matches `db`,
 * a star then a slash then `**` does not). Matching more can only ask for more approval.
 */
function expected(pattern: string, candidate: string): boolean {
  if (picomatch.isMatch(candidate, pattern, PICOMATCH)) return true;
  return pattern.endsWith('/**') && picomatch.isMatch(candidate, pattern.slice(0, -3), PICOMATCH);
}

describe('glob matching, against picomatch on ordinary names', () => {
  it('agrees on every glob and name without line terminators', () => {
    fc.assert(
      fc.property(glob, fc.array(name, { minLength: 1, maxLength: 8 }), (pattern, names) => {
        const parsed = parseGlob(pattern);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        for (const candidate of names) {
          expect([pattern, candidate, matchGlob(parsed.glob, candidate)]).toEqual([
            pattern,
            candidate,
            expected(pattern, candidate),
          ]);
        }
      }),
      RUNS,
    );
  });

  it('agrees on the names each glob is built to match', () => {
    // Random names rarely match deep globs; a name made from the glob itself often does.
    const instance = (pattern: string, fill: string) =>
      pattern
        .replace(/\*\*/g, `${fill}/${fill}`)
        .replace(/\{([^,]*),[^}]*\}/g, '$1')
        .replace(/@\(([^|]*)\|[^)]*\)/g, '$1')
        .replace(/\[\[:alpha:\]\]|\[[^\]]*\]/g, 'b')
        .replace(/[*?]/g, fill);
    fc.assert(
      fc.property(glob, segment, (pattern, fill) => {
        const parsed = parseGlob(pattern);
        if (!parsed.ok) return;
        const candidate = instance(pattern, fill.replace(/\//g, ''));
        expect([pattern, candidate, matchGlob(parsed.glob, candidate)]).toEqual([
          pattern,
          candidate,
          expected(pattern, candidate),
        ]);
      }),
      RUNS,
    );
  });
});

describe('the shortcut for common shapes', () => {
  const word = fc.constantFrom('db', 'migrations', 'a', 'schema.rb', 'x.sql', '.github');
  const odd = fc.constantFrom('a', '.', '/', '\n', '\u2028', '\r', 'x.sql', 'db', 'migrations');
  const shaped = fc.oneof(
    fc.tuple(word, word).map(([a, b]) => `${a}/${b}/**`),
    word.map((w) => `**/${w}`),
    fc.tuple(word, word).map(([a, b]) => `**/${a}/${b}`),
    word.map((w) => `**/*.${w}`),
    fc.tuple(word, word).map(([a, b]) => `${a}/*${b}`),
    fc.tuple(word, word, word).map(([a, b, c]) => `${a}/**/${b}/*${c}`),
    fc.tuple(word, word, word).map(([a, b, c]) => `${a}/{${b},${c}}/**/*.sql`),
  );
  const anyName = fc.array(odd, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));

  it('agrees with the automaton on every name, odd characters included', () => {
    fc.assert(
      fc.property(shaped, fc.array(anyName, { minLength: 1, maxLength: 8 }), (pattern, names) => {
        const parsed = parseGlob(pattern);
        if (!parsed.ok) throw new Error(parsed.problem);
        expect(parsed.glob.shapes).toBeDefined();
        const automaton = { ...parsed.glob, shapes: undefined, literal: undefined };
        for (const candidate of [...names, ...names.map((n) => `${pattern.replace(/\*+/g, n)}`)]) {
          expect([pattern, candidate, matchGlob(parsed.glob, candidate)]).toEqual([
            pattern,
            candidate,
            matchGlob(automaton, candidate),
          ]);
        }
      }),
      RUNS,
    );
  });
});

describe('an accepted glob compiled for matching', () => {
  // Every character the Parser reads specially, and plain ones, in any order: most sources are
  // refused or have no shapes, many are literals or shapes (the ones compiled later).
  const source = fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('a', 'db', '.', '-', 'é', ',', '/', '**/', '/**', '*.') },
        { weight: 2, arbitrary: fc.constantFrom('*', '{a,b}', '{,x}', '{a}', '{1..3}') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('?', '[a]', '(', ')', '[', ']', '{', '}', '!', '+', '@', '\\'),
        },
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join(''));

  it('is the glob parseGlob gives, automaton included, and matches the same names', () => {
    fc.assert(
      fc.property(source, fc.array(name, { minLength: 1, maxLength: 4 }), (pattern, names) => {
        const parsed = parseGlob(pattern);
        const compiled = compileAcceptedGlob(pattern);
        expect(compiled === undefined).toBe(!parsed.ok);
        if (!parsed.ok || compiled === undefined) return;
        for (const candidate of [...names, pattern, pattern.replace(/\*+/g, 'a')])
          expect([pattern, candidate, matchGlob(compiled, candidate)]).toEqual([
            pattern,
            candidate,
            matchGlob(parsed.glob, candidate),
          ]);
        const { cache: _a, ...fromParse } = parsed.glob;
        const { cache: _b, ...accepted } = compiled;
        expect({ ...accepted, states: compiled.states, start: compiled.start }).toEqual(fromParse);
      }),
      RUNS,
    );
  });

  it('takes a long source through parseGlob: refused when too large, else the same glob', () => {
    const tooLarge = `**/${'{a,b}'.repeat(4_000)}`;
    expect(parseGlob(tooLarge).ok).toBe(false);
    expect(compileAcceptedGlob(tooLarge)).toBeUndefined();
    const long = `${'a'.repeat(1_001)}/**`;
    const parsed = parseGlob(long);
    expect(parsed.ok && compileAcceptedGlob(long)?.shapes).toEqual(parsed.ok && parsed.glob.shapes);
  });
});
