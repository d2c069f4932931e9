import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.ts';
import { VERBS } from '../../src/core/registry.ts';

const RUNS = { numRuns: 1_000 };

/** Every format character (Unicode Cf) this engine knows, found by scanning all code points. */
const FORMAT_CHARACTERS = Array.from({ length: 0x110000 }, (_, code) => code)
  .filter((code) => (code < 0xd800 || code > 0xdfff) && /^\p{Cf}$/u.test(String.fromCodePoint(code)))
  .map((code) => String.fromCodePoint(code));

/** Hand-picked Cyrillic, Greek and symbol look-alikes, by the ASCII character they imitate. */
const SCRIPT_LOOK_ALIKES: Record<string, string> = {
  '/': '／∕⁄⧸',
  a: 'аαАΑ',
  c: 'сϲСϹ',
  d: 'ԁ',
  e: 'еЕΕ',
  h: 'һНΗ',
  i: 'іιІΙ',
  j: 'јЈ',
  k: 'κкКΚ\u212a', // \u212a is the Kelvin sign
  l: 'ӏⅼ',
  m: 'мМΜ',
  o: 'оοОΟ',
  p: 'рρРΡ',
  r: 'гᴦ',
  t: 'тТΤ',
  v: 'νѵⅴ',
  y: 'уγУΥ',
  f: 'ꬵϝ',
};

/** Fullwidth, then mathematical bold, sans-serif and monospace forms of a letter. */
function styledLetters(letter: string): string[] {
  const offset = letter.charCodeAt(0) - 0x61;
  return [0xff41, 0x1d41a, 0x1d5ba, 0x1d68a].map((base) => String.fromCodePoint(base + offset));
}

function lookAlikes(char: string): string[] {
  const scripts = Array.from(SCRIPT_LOOK_ALIKES[char] ?? '');
  return char === '/' ? scripts : [...scripts, ...styledLetters(char)];
}

const verb = fc.constantFrom(...VERBS);
const verbInAnyCase = verb.chain((name) => fc.mixedCase(fc.constant(name)));
const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index));
/** Printable ASCII text, on one line. */
const safeText = fc.string({ unit: fc.constantFrom(...printable), maxLength: 40 });
/** The same without `<` and `>`, so it can neither open nor close an HTML comment nor quote. */
const plainText = fc.string({
  unit: fc.constantFrom(...printable.filter((char) => char !== '<' && char !== '>')),
  maxLength: 40,
});
/** A sentence a person might write: a letter first, then plain text. */
const sentence = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), plainText)
  .map(([first, rest]) => first + rest);
/** A valid command line: the verb in any case, maybe text after it. */
const commandLine = fc
  .tuple(verbInAnyCase, plainText)
  .map(([name, text]) => ({ name, line: text === '' ? `/${name}` : `/${name} ${text}` }));

function assertNeverACommand(attack: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(attack, (body) => {
      expect(parseCommand(body)).toBeNull();
    }),
    RUNS,
  );
}

describe('command parsing, for any input', () => {
  describe('attacks never form a command', () => {
    it('when a letter of the verb or the slash is replaced by a look-alike', () => {
      const attack = commandLine.chain(({ name, line }) =>
        fc
          .integer({ min: 0, max: name.length })
          .chain((index) =>
            fc
              .constantFrom(...lookAlikes((line[index] ?? '').toLowerCase()))
              .map((lookAlike) => line.slice(0, index) + lookAlike + line.slice(index + 1)),
          ),
      );
      assertNeverACommand(attack);
    });

    it('when a format character is inserted anywhere on the line', () => {
      const attack = commandLine.chain(({ line }) =>
        fc
          .tuple(fc.integer({ min: 0, max: line.length }), fc.constantFrom(...FORMAT_CHARACTERS))
          .map(([index, format]) => line.slice(0, index) + format + line.slice(index)),
      );
      assertNeverACommand(attack);
    });

    it('when the line is quoted', () => {
      const attack = fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('>', '> ', '>>', '> > '), commandLine)
        .map(([spaces, marker, { line }]) => ' '.repeat(spaces) + marker + line);
      assertNeverACommand(attack);
    });

    it('when the line is indented as code', () => {
      const attack = fc
        .tuple(fc.constantFrom('    ', '      ', '\t', ' \t', '   \t', '\t\t'), commandLine)
        .map(([indent, { line }]) => indent + line);
      assertNeverACommand(attack);
    });

    it('when the line is inside a fenced code block, closed or not', () => {
      const attack = fc
        .tuple(
          fc.constantFrom('`', '~'),
          fc.integer({ min: 3, max: 6 }),
          fc.stringMatching(/^[a-z]{0,6}$/),
          fc.constantFrom('', '\n', '\nsome code\n'),
          commandLine,
          fc.boolean(),
        )
        .map(([char, length, info, before, { line }, closed]) => {
          const fence = char.repeat(length);
          return `${fence}${info}${before}\n${line}\n${closed ? fence : ''}`;
        });
      assertNeverACommand(attack);
    });

    it('when the line is inside an HTML comment, closed or not', () => {
      const attack = fc
        .tuple(
          fc.constantFrom(['<!--', '-->'], ['<!-- ', ' -->'], ['<!--\n', '\n-->'], ['<!--\n', '']),
          commandLine,
        )
        .map(([[open, close], { line }]) => open + line + close);
      assertNeverACommand(attack);
    });

    it('when a sentence comes first, on the line before or on the same line', () => {
      const attack = fc
        .tuple(sentence, fc.constantFrom(' ', '\n', '\r\n', '\n\n'), commandLine)
        .map(([words, separator, { line }]) => words + separator + line);
      assertNeverACommand(attack);
    });

    it('when a letter, digit, `-` or `.` follows the verb directly', () => {
      const attack = fc
        .tuple(verbInAnyCase, fc.constantFrom(...'abcxyzABCXYZ0129-.'), plainText)
        .map(([name, extra, text]) => `/${name}${extra}${text}`);
      assertNeverACommand(attack);
    });
  });

  describe('a well-formed command', () => {
    it('parses as its verb whatever text follows it on its line or the next', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3 }),
          verbInAnyCase,
          safeText,
          fc.option(sentence, { nil: undefined }),
          (spaces, name, text, nextLine) => {
            const body = `${' '.repeat(spaces)}/${name} ${text}${nextLine === undefined ? '' : `\n${nextLine}`}`;
            const result = parseCommand(body);
            expect(result).not.toBeNull();
            if (result?.ok === true) expect(result.command.verb).toBe(name.toLowerCase());
            else expect(result?.verb).toBe(name.toLowerCase());
            if (result?.ok === false) expect(['delay', 'modify']).toContain(result.verb);
          },
        ),
        RUNS,
      );
    });

    it('keeps the text after /approve as its args and note, but for surrounding spaces', () => {
      const args = safeText.filter(
        (text) => !text.includes('<!--') && !/^[^A-Za-z0-9]*cancel(?:l?ed)?(?![A-Za-z0-9_])/i.test(text),
      );
      fc.assert(
        fc.property(args, (text) => {
          expect(parseCommand(`/approve ${text}`)).toEqual({
            ok: true,
            command: { verb: 'approve', cancel: false, args: text.trim(), note: text.trim() },
          });
        }),
        RUNS,
      );
    });

    it('reads a /delay duration as the sum of its parts', () => {
      const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
      const part = fc.tuple(
        fc.integer({ min: 0, max: 9_999 }),
        fc.constantFrom('s', 'm', 'h', 'd', 'w') as fc.Arbitrary<keyof typeof unitMs>,
      );
      fc.assert(
        fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), plainText, (parts, note) => {
          const when = parts.map(([amount, unit]) => `${amount}${unit}`).join('');
          const durationMs = parts.reduce((total, [amount, unit]) => total + amount * unitMs[unit], 0);
          expect(parseCommand(`/delay ${when} ${note}`)).toEqual({
            ok: true,
            command: { verb: 'delay', until: { durationMs }, note: note.trim() },
          });
        }),
        RUNS,
      );
    });

    it('reads a /delay time with any offset as the same instant in UTC', () => {
      const instant = fc.date({
        min: new Date('1000-01-01T00:00:00Z'),
        max: new Date('9000-12-31T00:00:00Z'),
        noInvalidDate: true,
      });
      const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
      fc.assert(
        fc.property(instant, offsetMinutes, (date, offset) => {
          const wall = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
          const size = Math.abs(offset);
          const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
          expect(parseCommand(`/delay ${wall}${zone}`)).toEqual({
            ok: true,
            command: { verb: 'delay', until: { at: date.toISOString() }, note: '' },
          });
        }),
        RUNS,
      );
    });

    it('reads the same after anything that is skipped: blank lines, quotes, code and HTML comments', () => {
      const words = fc.stringMatching(/^[a-z0-9 ]{0,12}$/);
      const skipped = fc.oneof(
        fc.constantFrom('\n', '  \n', '\t\n'),
        words.map((text) => `> ${text}\n`),
        words.map((text) => `    ${text}\n`),
        fc
          .tuple(fc.constantFrom('```', '~~~~'), words)
          .map(([fence, text]) => `${fence}\n/reject ${text}\n${fence}\n`),
        words.map((text) => `<!-- /reject ${text} -->\n`),
        words.map((text) => `<!--\n/reject\n${text}\n-->\n`),
      );
      fc.assert(
        fc.property(fc.array(skipped, { maxLength: 5 }), commandLine, (prefix, { line }) => {
          expect(parseCommand(prefix.join('') + line)).toEqual(parseCommand(line));
        }),
        RUNS,
      );
    });

    it('is read as a rejection when a /reject line follows it (C5)', () => {
      const first = fc.oneof(
        plainText.map((text) => `/approve ${text}`),
        plainText.map((text) => `/ack ${text}`),
        plainText.map((text) => `/delay 4h ${text}`),
      );
      const reason = safeText.filter((text) => !text.includes('<!--'));
      fc.assert(
        fc.property(first, fc.array(sentence, { maxLength: 3 }), reason, (line, filler, why) => {
          const body = [line, ...filler, `/reject ${why}`].join('\n');
          expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'reject', reason: why.trim() } });
        }),
        RUNS,
      );
    });
  });

  describe('a withdrawal', () => {
    const WITHDRAWN = { ok: true, command: { verb: 'approve', cancel: true } };
    /** `cancel`, `canceled` or `cancelled` in any case, maybe after punctuation, then maybe more. */
    const cancelArgs = fc
      .tuple(
        fc.stringMatching(/^[ *_`~"'([#-]{0,3}$/),
        fc.constantFrom('cancel', 'canceled', 'cancelled').chain((word) => fc.mixedCase(fc.constant(word))),
        fc.oneof(
          fc.constant(''),
          fc.tuple(fc.constantFrom(' ', ',', '.', '!', ':', '*', '`', '-'), plainText).map(([a, b]) => a + b),
        ),
      )
      .map(([before, word, after]) => before + word + after);
    const withdrawalLine = fc.oneof(
      fc.tuple(fc.mixedCase(fc.constant('approve')), cancelArgs).map(([name, args]) => `/${name} ${args}`),
      fc
        .tuple(fc.mixedCase(fc.constant('remove-approve')), plainText)
        .map(([name, text]) => `/${name} ${text}`),
    );

    it('is never read as an approval: /approve cancel, canceled, cancelled in any case, or /remove-approve', () => {
      fc.assert(
        fc.property(withdrawalLine, fc.option(sentence, { nil: undefined }), (line, next) => {
          const body = next === undefined ? line : `${line}\n${next}`;
          expect(parseCommand(body)).toEqual(WITHDRAWN);
          expect(parseCommand(body, { approving: true })).toEqual(WITHDRAWN);
        }),
        RUNS,
      );
    });

    it('after an approving first line withdraws it', () => {
      const first = fc.oneof(
        plainText.map((text) => `/approve ${text}`),
        plainText.map((text) => `/ack ${text}`),
        plainText.map((text) => `/delay 4h ${text}`),
      );
      fc.assert(
        fc.property(
          first,
          fc.array(sentence, { maxLength: 3 }),
          withdrawalLine,
          (line, filler, withdrawal) => {
            expect(parseCommand([line, ...filler, withdrawal].join('\n'))).toEqual(WITHDRAWN);
          },
        ),
        RUNS,
      );
    });
  });

  describe('a body that holds a verdict of its own (an approving review)', () => {
    /** Lines of a review body: sentences and commands, none of them a /reject. */
    const filler = fc.array(
      fc.oneof(
        sentence,
        commandLine.filter(({ name }) => name.toLowerCase() !== 'reject').map(({ line }) => line),
      ),
      { maxLength: 4 },
    );
    const reason = safeText.filter((text) => !text.includes('<!--'));

    it('is a rejection whenever any prose line of it is a /reject, whatever comes before', () => {
      fc.assert(
        fc.property(
          filler,
          fc.mixedCase(fc.constant('reject')),
          reason,
          filler,
          (before, name, why, after) => {
            const body = [...before, `/${name} ${why}`, ...after].join('\n');
            const result = parseCommand(body, { approving: true });
            expect(result?.ok && result.command.verb).toBe('reject');
            if (result?.ok && result.command.verb === 'reject')
              expect(result.command.reason).toBe([why.trim(), ...after].join('\n').trim());
          },
        ),
        RUNS,
      );
    });

    it('reads the same as a comment when it holds no /reject and no withdrawal', () => {
      fc.assert(
        fc.property(filler, (lines) => {
          const body = lines.join('\n');
          const plain = parseCommand(body);
          const verdict = parseCommand(body, { approving: true });
          const withdraws =
            verdict?.ok === true && verdict.command.verb === 'approve' && verdict.command.cancel;
          if (!withdraws) expect(verdict).toEqual(plain);
        }),
        RUNS,
      );
    });
  });

  describe('robustness', () => {
    /** Text that stresses the grammar: markdown syntax, commands, and the characters attacks use. */
    const token = fc.oneof(
      fc.constantFrom(
        ...VERBS.map((name) => `/${name}`),
        '/approve cancel',
        '/delay 4h',
        '/delay 2026-11-22T02:00:00Z',
        '```',
        '~~~',
        '`',
        '<!--',
        '-->',
        '> ',
        '    ',
        '\t',
        ' ',
        '\n',
        '\\',
        '\0',
        '\u200b',
        '\u202e',
        '\ufeff',
        '\u2028',
        '\ud800',
        '\udfff',
        'а',
        '／',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const soup = fc.array(token, { maxLength: 30 }).map((tokens) => tokens.join(''));
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
      soup,
    );

    it('never throws, answers with a well-formed result, and answers the same twice', () => {
      fc.assert(
        fc.property(anyText, (body) => {
          const result = parseCommand(body);
          if (result !== null) {
            const verb = result.ok ? result.command.verb : result.verb;
            expect(VERBS).toContain(verb);
            if (!result.ok) expect(result.error).not.toBe('');
          }
          expect(parseCommand(body)).toEqual(result);
        }),
        RUNS,
      );
    });

    it('reads CRLF, CR and LF line endings alike (C2)', () => {
      const withoutCr = soup.map((body) => body.replaceAll('\r', ''));
      fc.assert(
        fc.property(withoutCr, (body) => {
          const result = parseCommand(body);
          expect(parseCommand(body.replaceAll('\n', '\r\n'))).toEqual(result);
          expect(parseCommand(body.replaceAll('\n', '\r'))).toEqual(result);
        }),
        RUNS,
      );
    });
  });
});
