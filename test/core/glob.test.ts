import { describe, expect, it } from 'vitest';
import { type Glob, type MatchMeter, matchGlob, parseGlob } from '../../src/core/glob.ts';

function glob(source: string): Glob {
  const parsed = parseGlob(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.problem}`);
  return parsed.glob;
}

const matches = (source: string, name: string) => matchGlob(glob(source), name);

/** Every line terminator, every C0 and C1 control character, and a few other odd characters. */
const ODD_CHARACTERS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(0x80 + code)),
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\ufffd',
  '\ud800', // a lone surrogate, as an invalid UTF-8 byte may be reported
  '\udfff',
  '😀',
];
const show = (text: string) => JSON.stringify(text);

describe('glob syntax', () => {
  it.each([
    ['*', 'a.ts', true],
    ['*', '.env', true],
    ['*', 'a/b', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/sub/a.ts', false],
    ['**', 'a/b/c', true],
    ['db/**', 'db', true],
    ['db/**', 'db/a/b.sql', true],
    ['db/**', 'dbx/a.sql', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/.y/b', true],
    ['**/schema.rb', 'schema.rb', true],
    ['**/schema.rb', '.a/b/schema.rb', true],
    ['a**b', 'axxb', true],
    ['a**b', 'a/b', false],
    ['?', 'a', true],
    ['?', 'ab', false],
    ['?', '/', false],
    ['?', '😀', true],
    ['[abc]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[!a]x', 'bx', true],
    ['[!a]x', 'ax', false],
    ['[^a]x', 'ax', false],
    ['[]a]', ']', true],
    ['[[:digit:]]', '7', true],
    ['[[:digit:]]', 'x', false],
    ['[!a]', '/', false],
    ['{db,src}/**', 'src/a', true],
    ['{db/migrations,schema}/*.sql', 'db/migrations/1.sql', true],
    ['a{b,c{d,e}}', 'ace', true],
    ['a{b}', 'a{b}', true],
    ['f{1..3}', 'f2', true],
    ['f{1..3}', 'f4', false],
    ['f{01..10}', 'f07', true],
    ['f{a..c}', 'fb', true],
    ['(a|b)/c', 'b/c', true],
    ['@(a|b)/c', 'a/c', true],
    ['x?(a)', 'x', true],
    ['x*(ab)', 'xababab', true],
    ['x+(ab)', 'x', false],
    ['x+(ab)', 'xabab', true],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['a|b', 'a|b', true],
    ['a,b', 'a,b', true],
    ['a}', 'a}', true],
    ['a+b', 'a+b', true],
  ])('%s on %s: %s', (source, name, expected) => {
    expect(matches(source, name)).toBe(expected);
  });

  it.each([
    ['[a', 'missing closing "]" (write "\\]" to match it literally)'],
    ['a]', 'missing opening "[" (write "\\[" to match it literally)'],
    ['{a,b', 'missing closing "}" (write "\\}" to match it literally)'],
    ['(a', 'missing closing ")" (write "\\)" to match it literally)'],
    ['a)', 'missing opening "(" (write "\\(" to match it literally)'],
    ['!(a)', '"!(…)" is not supported: exclude files with a "!" entry in paths'],
    ['[z-a]', 'range "z-a" is out of order'],
    ['f{1..5000}', 'range {1..5000} has more than 1000 values'],
    [
      'f{1..999}{1..999}{1..999}',
      'too large: it expands to 11663 states, at most 10000 (split it into several globs, or use fewer ranges)',
    ],
  ])('refuses %s', (source, problem) => {
    expect(parseGlob(source)).toEqual({ ok: false, problem });
  });
});

describe('every character of a name is a character', () => {
  describe.each(ODD_CHARACTERS.map((c) => [show(c), c] as const))('%s', (_shown, c) => {
    it.each([
      ['db/migrations/**', `db/migrations/a${c}b.sql`, true],
      ['db/migrations/**', `db/migrations/${c}`, true],
      ['db/migrations/**', `db/migrations/a.sql${c}`, true],
      ['db/migrations/**', `db/migrations/${c}a.sql`, true],
      ['db/migrations/**', `db/migrations/${c}/a.sql`, true],
      ['db/migrations/**', `db/migrations/a${c}/b${c}/c.sql`, true],
      ['db/migrations/**', `db/migrations${c}/a.sql`, false],
      ['db/migrations/**', `${c}db/migrations/a.sql`, false],
      ['**/*.sql', `db/a${c}b.sql`, true],
      ['**/*.sql', `${c}/a.sql`, true],
      ['**/*.sql', `a.sql${c}`, false],
      ['**', c, true],
      ['*', c, true],
      ['?', c, true],
      ['[!a]', c, true],
      ['a?b', `a${c}b`, true],
      ['a*b', `a${c}${c}b`, true],
      ['**/x', `${c}/${c}/x`, true],
      [`a${c}b`, `a${c}b`, true],
      [`a${c}*`, `a${c}b`, true],
      [`a${c}*`, 'ab', false],
    ])('%s on the name', (source, name, expected) => {
      expect([source, name, matches(source, name)]).toEqual([source, name, expected]);
    });
  });

  it('reads a name that is only a newline, and names that end in one', () => {
    expect(matches('**', '\n')).toBe(true);
    expect(matches('db/**', 'db/\n')).toBe(true);
    expect(matches('db/**/*.sql', 'db/\n/\n.sql')).toBe(true);
    expect(matches('db/*.sql', 'db/a.sql\n')).toBe(false);
  });
});

describe('the cost of matching', () => {
  /** At most one step per character read, plus two visits of every state on a new transition. */
  const bound = (g: Glob, name: string) => (name.length + 1) * (2 * g.states.length + 1);

  // Globs and names built to make a backtracking matcher take exponential or high-polynomial time.
  const adversarial: [string, string][] = [
    ['**/*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(3_000)],
    ['**/*a*a*a*a*a*a*a*a*a*a*b', `${'a/'.repeat(1_500)}`],
    ['**/**/**/**/**/**/**/**/x', 'a/'.repeat(1_500)],
    ['*(a|aa|aaa)*(a|aa)+(a)b', 'a'.repeat(3_000)],
    ['{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}*{a,aa}*b', 'a'.repeat(3_000)],
    ['**/?*?*?*?*?*?*?*?*.sql', `${'x'.repeat(3_000)}.sq`],
    ['db/**/*\n*\n*\n*\n*.sql', `db/${'\n'.repeat(3_000)}`],
    ['**/*\u2028*\u2028*\u2028*\u2028*x', '\u2028'.repeat(3_000)],
  ];

  it.each(adversarial.map(([source, name]) => [show(source), source, name] as const))(
    '%s stays within characters × states',
    (_shown, source, name) => {
      const g = glob(source);
      const meter: MatchMeter = { steps: 0 };
      expect(matchGlob(g, name, meter)).toBe(false);
      expect(meter.steps).toBeLessThanOrEqual(bound(g, name));
    },
  );

  it('costs one step per character once the transitions are known', () => {
    const g = glob('**/*a*a*a*a*a*a*a*a*a*a*b');
    const name = 'a'.repeat(3_000);
    matchGlob(g, name);
    const meter: MatchMeter = { steps: 0 };
    matchGlob(g, name, meter);
    expect(meter.steps).toBeLessThanOrEqual(name.length + 2 * g.states.length);
  });

  it('keeps its memory of transitions bounded, and its cost, for names of every character', () => {
    const g = glob('**/*[!x]*[!y]*[!z]*.sql');
    const meter: MatchMeter = { steps: 0 };
    let characters = 0;
    for (let code = 0; code < 0x3000; code += 1) {
      const name = `a/${String.fromCharCode(code).repeat(20)}${code}`;
      characters += name.length + 1;
      matchGlob(g, name, meter);
    }
    expect(g.cache.transitions).toBeLessThanOrEqual(8_192);
    expect(g.cache.byKey.size).toBeLessThanOrEqual(512);
    expect(meter.steps).toBeLessThanOrEqual(characters * (2 * g.states.length + 1));
  });
});
