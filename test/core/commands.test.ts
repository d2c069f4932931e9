import { describe, expect, it } from 'vitest';
import { describeCommandText, MAX_COMMENT_LENGTH, parseCommand } from '../../src/core/commands.ts';

const approveB = { ok: true, command: { verb: 'approve', cancel: false, args: 'b', note: 'b' } };

describe('command parsing', () => {
  describe('the forms of DESIGN §3', () => {
    it('reads a bare /approve', () => {
      expect(parseCommand('/approve')).toMatchInlineSnapshot(`
        {
          "command": {
            "args": "",
            "cancel": false,
            "note": "",
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });

    it('reads /approve with an option', () => {
      expect(parseCommand('/approve b')).toEqual(approveB);
    });

    it('reads /approve with an option and a note over several lines', () => {
      expect(parseCommand('/approve b  looks fine\nchecked the migration\n\n')).toMatchInlineSnapshot(`
        {
          "command": {
            "args": "b  looks fine",
            "cancel": false,
            "note": "b  looks fine
        checked the migration",
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });

    it('keeps code blocks and quotes after the command in the note', () => {
      expect(parseCommand('/approve\n> the plan\n```\nterraform plan\n```')).toMatchInlineSnapshot(`
        {
          "command": {
            "args": "",
            "cancel": false,
            "note": "> the plan
        \`\`\`
        terraform plan
        \`\`\`",
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });

    it('reads /approve cancel as withdrawing an approval', () => {
      expect(parseCommand('/approve cancel')).toMatchInlineSnapshot(`
        {
          "command": {
            "cancel": true,
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });

    it.each([
      ['upper case', '/approve CANCEL'],
      ['trailing spaces', '/approve cancel   '],
      ['a reason after a comma', '/approve cancel, wrong PR'],
      ['a reason on the next line', '/approve cancel\nwrong PR'],
    ])('reads /approve cancel with %s as withdrawing', (_name, body) => {
      expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'approve', cancel: true } });
    });

    it.each([
      ['cancelled', '/approve cancelled'],
      ['canceled', '/approve canceled'],
      ['Cancelled in title case', '/approve Cancelled'],
      ['CANCELED in upper case', '/approve CANCELED, wrong PR'],
      ['cancel in bold', '/approve **cancel**'],
      ['cancelled in inline code', '/approve `cancelled`'],
      ['cancel after a dash', '/approve - cancel that'],
    ])('reads /approve %s as withdrawing', (_name, body) => {
      expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'approve', cancel: true } });
    });

    it.each([
      ['bare', '/remove-approve'],
      ['in any case', '/Remove-Approve'],
      ['with text after it, which is ignored', '/remove-approve wrong PR'],
      ['with a reason on the next line', '/remove-approve\nI looked at the wrong diff'],
    ])('reads Prow’s /remove-approve, %s, as /approve cancel', (_name, body) => {
      expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'approve', cancel: true } });
    });

    it.each([
      ['/remove-approved', '/remove-approved'],
      ['/remove-approve-now', '/remove-approve-now'],
      ['/remove approve', '/remove approve'],
      ['/remove-', '/remove-'],
      ['/approve-cancel', '/approve-cancel'],
    ])('reads %s as no command', (_name, body) => {
      expect(parseCommand(body)).toBeNull();
    });

    it('reads /approve cancellation-plan as an approval with that option, not a withdrawal', () => {
      expect(parseCommand('/approve cancellation-plan')).toMatchInlineSnapshot(`
        {
          "command": {
            "args": "cancellation-plan",
            "cancel": false,
            "note": "cancellation-plan",
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });

    it('reads /reject with a reason over several lines', () => {
      expect(
        parseCommand('/reject this drops the users table\nuse a migration instead\r\n'),
      ).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "this drops the users table
        use a migration instead",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it('reads a /reject without a reason as a rejection', () => {
      expect(parseCommand('/reject')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it('reads /delay with a duration and a note', () => {
      expect(parseCommand('/delay 4h after the peak\nping me if it fails')).toMatchInlineSnapshot(`
        {
          "command": {
            "note": "after the peak
        ping me if it fails",
            "until": {
              "durationMs": 14400000,
            },
            "verb": "delay",
          },
          "ok": true,
        }
      `);
    });

    it('reads /delay with a UTC time', () => {
      expect(parseCommand('/delay 2026-11-22T02:00:00Z')).toMatchInlineSnapshot(`
        {
          "command": {
            "note": "",
            "until": {
              "at": "2026-11-22T02:00:00.000Z",
            },
            "verb": "delay",
          },
          "ok": true,
        }
      `);
    });

    it('reads /delay with an offset as the same instant in UTC', () => {
      expect(parseCommand('/delay 2026-11-22T02:00:00+02:00')).toMatchInlineSnapshot(`
        {
          "command": {
            "note": "",
            "until": {
              "at": "2026-11-22T00:00:00.000Z",
            },
            "verb": "delay",
          },
          "ok": true,
        }
      `);
    });

    it('reads /modify with instructions over several lines', () => {
      expect(parseCommand('/modify split the migration\ninto two steps')).toMatchInlineSnapshot(`
        {
          "command": {
            "instructions": "split the migration
        into two steps",
            "verb": "modify",
          },
          "ok": true,
        }
      `);
    });

    it('reads /modify without instructions as unusable', () => {
      expect(parseCommand('/modify   \n\n')).toMatchInlineSnapshot(`
        {
          "error": "say what to change after /modify",
          "ok": false,
          "verb": "modify",
        }
      `);
    });

    it('reads /modify with instructions on the next line only', () => {
      expect(parseCommand('/modify\nuse a feature flag')).toMatchInlineSnapshot(`
        {
          "command": {
            "instructions": "use a feature flag",
            "verb": "modify",
          },
          "ok": true,
        }
      `);
    });

    it('reads /ack with and without a note', () => {
      expect(parseCommand('/ack')).toMatchInlineSnapshot(`
        {
          "command": {
            "note": "",
            "verb": "ack",
          },
          "ok": true,
        }
      `);
      expect(parseCommand('/ack seen, thanks')).toMatchInlineSnapshot(`
        {
          "command": {
            "note": "seen, thanks",
            "verb": "ack",
          },
          "ok": true,
        }
      `);
    });

    it('reads /recheck and ignores what follows it', () => {
      expect(parseCommand('/recheck please\nthe team changed')).toMatchInlineSnapshot(`
        {
          "command": {
            "verb": "recheck",
          },
          "ok": true,
        }
      `);
    });
  });

  describe('case, whitespace and line endings (C2)', () => {
    it.each([
      ['upper case', '/APPROVE b'],
      ['mixed case', '/ApPrOvE b'],
      ['trailing spaces', '/approve b   '],
      ['a tab after the verb', '/approve\tb'],
      ['up to 3 spaces before it', '   /approve b'],
      ['CRLF line endings', '/approve b\r\n\r\n'],
      ['CR line endings', '\r/approve b\r'],
      ['blank lines before it', '\n  \n\t\n/approve b'],
    ])('reads %s the same', (_name, body) => {
      expect(parseCommand(body)).toEqual(approveB);
    });

    it('joins a multi-line note with LF whatever the line endings', () => {
      expect(parseCommand('/ack one\r\ntwo\rthree\nfour')).toEqual({
        ok: true,
        command: { verb: 'ack', note: 'one\ntwo\nthree\nfour' },
      });
    });
  });

  describe('what may come before the command', () => {
    it.each([
      ['a reply quote', '> you said\n> this\n/approve b'],
      ['a quote after up to 3 spaces', '   > quoted\n/approve b'],
      ['a closed fenced code block', '```\nlog\n```\n/approve b'],
      ['a fence closed by a longer fence', '~~~\nlog\n~~~~~\n/approve b'],
      ['indented code', '    log line\n/approve b'],
      ['a tab-indented line', '\tlog line\n/approve b'],
      ['an HTML comment', '<!-- template -->\n/approve b'],
      ['a multi-line HTML comment', '<!--\nLooks good\n/reject\n-->\n/approve b'],
      ['an HTML comment on the same line', '<!-- x --> /approve b'],
    ])('reads a command after %s', (_name, body) => {
      expect(parseCommand(body)).toEqual(approveB);
    });
  });

  describe('what is not a command (C1)', () => {
    it.each([
      ['an empty comment', ''],
      ['a blank comment', ' \n\t\r\n'],
      ['a fenced code block', '```\n/approve\n```'],
      ['a tilde fenced code block', '~~~\n/approve\n~~~'],
      ['an unclosed code fence', '```\n/approve'],
      ['a fence not closed by a shorter fence', '````\n```\n/approve'],
      ['a fence not closed by the other character', '```\n~~~\n/approve'],
      ['inline code', '`/approve`'],
      ['a blockquote', '> /approve'],
      ['a nested blockquote', '> > /approve'],
      ['indented code', '    /approve'],
      ['tab-indented code', '\t/approve'],
      ['an HTML comment', '<!-- /approve -->'],
      ['a multi-line HTML comment', '<!--\n/approve\n-->'],
      ['an unclosed HTML comment', '<!--\n/approve'],
      ['mid-sentence', 'I would /approve this'],
      ['after a sentence', 'Looks good\n/approve'],
      ['a list item', '- /approve'],
      ['a heading', '# /approve'],
      ['/approvex', '/approvex'],
      ['/approved-by-me', '/approved-by-me'],
      ['/approve.', '/approve.'],
      ['/approve!', '/approve!'],
      ['/approve2', '/approve2'],
      ['a space after the slash', '/ approve'],
      ['a double slash', '//approve'],
      ['an unknown verb', '/deploy'],
      ['a no-break space after the verb', '/approve\u00a0b'],
      ['an HTML comment inside the verb', '/appr<!-- -->ove'],
      ['an HTML comment joining a letter to the verb', '/approve<!-- -->x'],
      ['a line of only a zero-width space first', '\u200b\n/approve'],
    ])('ignores /approve in %s', (_name, body) => {
      expect(parseCommand(body)).toBeNull();
    });

    it('reads a command right after an HTML comment that ends the verb', () => {
      expect(parseCommand('/approve<!-- note -->')).toMatchInlineSnapshot(`
        {
          "command": {
            "args": "",
            "cancel": false,
            "note": "",
            "verb": "approve",
          },
          "ok": true,
        }
      `);
    });
  });

  describe('invisible and look-alike characters (C3)', () => {
    it.each([
      ['a zero-width space inside the verb', '/appr\u200bove'],
      ['a zero-width space after the verb', '/approve\u200b'],
      ['a zero-width space in the note', '/approve looks good\u200b'],
      ['a zero-width joiner', '/approve\u200d'],
      ['a word joiner', '/\u2060approve'],
      ['a byte order mark first', '\ufeff/approve'],
      ['a soft hyphen', '/ap\u00adprove'],
      ['a right-to-left override', '/approve \u202eevorppa'],
      ['a right-to-left isolate', '\u2067/approve\u2069'],
      ['a fullwidth command', '／ａｐｐｒｏｖｅ'],
      ['a fullwidth slash', '／approve'],
      ['a Cyrillic а', '/\u0430pprove'],
      ['a Cyrillic е', '/approv\u0435'],
      ['a Greek ο', '/appr\u03bfve'],
      ['a mathematical bold a', '/\u{1d41a}pprove'],
      ['a Kelvin sign for k (which Unicode case folding would accept)', '/ac\u212a'],
      ['a combining accent after the verb', '/approve\u0301'],
      ['a line separator after the verb', '/approve\u2028b'],
      ['an escape character', '/approve \u001b[8m'],
      ['a lone surrogate', '/approve \ud800'],
    ])('ignores a command with %s', (_name, body) => {
      expect(parseCommand(body)).toBeNull();
    });

    it('keeps a zero-width space that sits inside a removed HTML comment out of the reading', () => {
      expect(parseCommand('/approve b <!-- \u200b -->')).toEqual(approveB);
    });
  });

  describe('regular-expression text is taken literally (C4)', () => {
    it.each(['/ok|.*', '/approv.', '/.*', '/approve|.*', '/(approve)', '/[a-z]+', '/approve*'])(
      'ignores %s',
      (body) => {
        expect(parseCommand(body)).toBeNull();
      },
    );
  });

  describe('approval and rejection in one comment (C5)', () => {
    it('reads /approve then a /reject line as a rejection with that line as the reason', () => {
      expect(parseCommand('/approve b\nwait\n/reject the plan is stale\nre-run it')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "the plan is stale
        re-run it",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it.each([
      ['/ack', '/ack\n/reject no'],
      ['/delay', '/delay 4h\n/reject no'],
      ['an unusable /delay', '/delay soon\n/reject no'],
      ['/approve cancel', '/approve cancel\n/reject no'],
      ['/modify', '/modify add tests\n/reject no'],
      ['/recheck', '/recheck\n/reject no'],
      ['a /reject in upper case after up to 3 spaces', '/approve\n   /REJECT no'],
    ])('reads %s then a /reject line as a rejection', (_name, body) => {
      expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'reject', reason: 'no' } });
    });

    it('reads the first of several /reject lines', () => {
      expect(parseCommand('/approve\n/reject first\n/reject second')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "first
        /reject second",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it('reads a /reject whose `<!--` sits in inline code as visible', () => {
      expect(parseCommand('/approve `<!--`\n/reject no')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "no",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it('reads a /reject after an inline `<!--` left unclosed on its line as visible', () => {
      expect(parseCommand('/approve <!--\n/reject no\n-->')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "no
        -->",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });

    it.each([
      ['a fenced code block', '/approve b\n```\n/reject\n```'],
      ['a blockquote', '/approve b\n> /reject'],
      ['indented code', '/approve b\n    /reject'],
      ['an HTML comment', '/approve b\n<!--\n/reject\n-->'],
      ['an HTML comment on its line', '/approve b\n<!-- /reject -->'],
      ['mid-sentence', '/approve b\nI will not /reject'],
      ['a zero-width space', '/approve b\n/rej\u200bect'],
      ['/rejected', '/approve b\n/rejected'],
    ])('keeps the approval when the later /reject is in %s', (_name, body) => {
      const result = parseCommand(body);
      expect(result?.ok && result.command.verb).toBe('approve');
    });

    it('reads the first of /reject then /approve as the rejection it is', () => {
      expect(parseCommand('/reject not now\n/approve')).toMatchInlineSnapshot(`
        {
          "command": {
            "reason": "not now
        /approve",
            "verb": "reject",
          },
          "ok": true,
        }
      `);
    });
  });

  describe('an approval and a withdrawal in one comment', () => {
    it.each([
      ['/approve', '/approve b\n/approve cancel'],
      ['/approve', '/approve\nsorry, wrong PR\n/remove-approve'],
      ['/ack', '/ack\n/approve cancelled'],
      ['/delay', '/delay 4h\n/approve canceled'],
      ['an unusable /delay', '/delay soon\n/remove-approve'],
    ])('reads %s then a withdrawal line as a withdrawal', (_name, body) => {
      expect(parseCommand(body)).toEqual({ ok: true, command: { verb: 'approve', cancel: true } });
    });

    it('reads a /reject anywhere after it as the rejection, before any withdrawal', () => {
      expect(parseCommand('/approve\n/approve cancel\n/reject no')).toEqual({
        ok: true,
        command: { verb: 'reject', reason: 'no' },
      });
    });

    it.each([
      ['/modify', '/modify add tests\n/approve cancel', 'modify'],
      ['/recheck', '/recheck\n/remove-approve', 'recheck'],
    ])('keeps %s first: it approves nothing a withdrawal must undo', (_name, body, verb) => {
      const result = parseCommand(body);
      expect(result?.ok && result.command.verb).toBe(verb);
    });

    it.each([
      ['a blockquote', '/approve\n> /approve cancel'],
      ['a code block', '/approve\n```\n/remove-approve\n```'],
      ['mid-sentence', '/approve\nno need to /approve cancel'],
    ])('keeps the approval when the later withdrawal is in %s', (_name, body) => {
      const result = parseCommand(body);
      expect(result?.ok && result.command.verb === 'approve' && result.command.cancel).toBe(false);
    });
  });

  describe('a body that holds a verdict of its own (rule 7: approving reviews)', () => {
    const approving = { approving: true };

    it.each([
      ['a first line of prose', 'Looks good.\n\n/reject the rollback plan is untested'],
      ['an /approve first', '/approve\n/reject the rollback plan is untested'],
      ['the /reject first', '/reject the rollback plan is untested'],
      ['a list first', '- checked the SQL\n/REJECT the rollback plan is untested'],
    ])('reads a /reject line after %s as the rejection', (_name, body) => {
      expect(parseCommand(body, approving)).toEqual({
        ok: true,
        command: { verb: 'reject', reason: 'the rollback plan is untested' },
      });
    });

    it.each([
      ['after prose', 'Oops, wrong pull request.\n/approve cancel'],
      ['cancelled, after prose', 'Oops.\n/approve cancelled'],
      ['as /remove-approve after prose', 'Oops.\n/remove-approve'],
      ['as the first line', '/approve canceled'],
    ])('reads a withdrawal %s as the withdrawal', (_name, body) => {
      expect(parseCommand(body, approving)).toEqual({ ok: true, command: { verb: 'approve', cancel: true } });
    });

    it('reads prose alone as no command', () => {
      expect(parseCommand('Looks good, ship it.\nThanks!', approving)).toBeNull();
    });

    it('reads the first line as in a comment when no veto or withdrawal follows', () => {
      expect(parseCommand('/approve b\nchecked the plan', approving)).toEqual(
        parseCommand('/approve b\nchecked the plan'),
      );
      expect(parseCommand('Nice\n/delay 4h', approving)).toBeNull();
    });

    it.each([
      ['a blockquote', 'Looks good\n> /reject no'],
      ['a code block', 'Looks good\n```\n/reject no\n```'],
      ['an HTML comment', 'Looks good\n<!-- /reject no -->'],
      ['mid-sentence', 'Looks good, I will not /reject it'],
      ['a zero-width space', 'Looks good\n/rej\u200bect no'],
    ])('skips a /reject in %s, as everywhere', (_name, body) => {
      expect(parseCommand(body, approving)).toBeNull();
    });

    it('leaves a comment with prose first without a command (rule 3)', () => {
      expect(parseCommand('Looks good.\n/reject no')).toBeNull();
    });
  });

  describe('/delay times', () => {
    it.each([
      ['30s', { durationMs: 30_000 }],
      ['1h30m', { durationMs: 5_400_000 }],
      ['2d', { durationMs: 172_800_000 }],
      ['2026-11-22T02:00:00Z', { at: '2026-11-22T02:00:00.000Z' }],
      ['2026-11-22T02:00:00+02:00', { at: '2026-11-22T00:00:00.000Z' }],
      ['2026-11-22T02:00:00-05:30', { at: '2026-11-22T07:30:00.000Z' }],
      ['2026-11-22T02:00Z', { at: '2026-11-22T02:00:00.000Z' }],
      ['2026-11-22T02:00:00.25Z', { at: '2026-11-22T02:00:00.250Z' }],
      ['2026-11-22t02:00:00z', { at: '2026-11-22T02:00:00.000Z' }],
      ['2028-02-29T23:30:00-01:00', { at: '2028-03-01T00:30:00.000Z' }],
    ])('reads %s', (when, until) => {
      expect(parseCommand(`/delay ${when}`)).toEqual({
        ok: true,
        command: { verb: 'delay', until, note: '' },
      });
    });

    it.each([
      ['a word', 'soon'],
      ['a duration in upper case', '4H'],
      ['a bare number', '4'],
      ['a date alone', '2026-11-22'],
      ['an offset without a colon', '2026-11-22T02:00:00+0200'],
      ['a time with a space in it', '2026-11-22 02:00:00Z'],
    ])('refuses %s, saying what it expects', (_name, when) => {
      expect(parseCommand(`/delay ${when}`)).toEqual({
        ok: false,
        verb: 'delay',
        error: expect.stringMatching(/^could not read ".*" as a duration \(e\.g\. 4h\) or an ISO-8601 time/),
      });
    });

    it('refuses /delay soon with the message users see', () => {
      expect(parseCommand('/delay soon')).toMatchInlineSnapshot(`
        {
          "error": "could not read "soon" as a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)",
          "ok": false,
          "verb": "delay",
        }
      `);
    });

    it('refuses a time without a zone, saying how to add one', () => {
      expect(parseCommand('/delay 2026-11-22T02:00:00')).toMatchInlineSnapshot(`
        {
          "error": ""2026-11-22T02:00:00" has no time zone: add Z for UTC or an offset such as +02:00",
          "ok": false,
          "verb": "delay",
        }
      `);
    });

    it.each([
      ['30 February', '2026-02-30T02:00:00Z'],
      ['29 February of a common year', '2026-02-29T02:00:00Z'],
      ['month 13', '2026-13-01T02:00:00Z'],
      ['hour 24', '2026-11-22T24:00:00Z'],
      ['a leap second', '2026-12-31T23:59:60Z'],
      ['an offset of 24 hours', '2026-11-22T02:00:00+24:00'],
    ])('refuses an impossible time (%s)', (_name, when) => {
      expect(parseCommand(`/delay ${when}`)).toEqual({
        ok: false,
        verb: 'delay',
        error: `"${when}" is not a real date and time`,
      });
    });

    it('refuses /delay without a time, even when the next line has one', () => {
      expect(parseCommand('/delay\n4h')).toMatchInlineSnapshot(`
        {
          "error": "say when after /delay: a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)",
          "ok": false,
          "verb": "delay",
        }
      `);
    });

    it('shortens a very long unreadable time in the message', () => {
      const result = parseCommand(`/delay ${'x'.repeat(500)}`);
      expect(result?.ok === false && result.error).toBe(
        `could not read "${'x'.repeat(64)}…" as a duration (e.g. 4h) or an ISO-8601 time with a zone (e.g. 2026-11-22T02:00:00Z)`,
      );
    });
  });

  describe('limits', () => {
    it(`reads only the first ${MAX_COMMENT_LENGTH} characters`, () => {
      expect(MAX_COMMENT_LENGTH).toBe(65_536);
      expect(parseCommand(`${'\n'.repeat(MAX_COMMENT_LENGTH)}/approve`)).toBeNull();
      expect(parseCommand(`/approve\n${' '.repeat(MAX_COMMENT_LENGTH)}\n/reject`)).toMatchObject({
        command: { verb: 'approve' },
      });
    });

    it.each([
      ['backticks', '`'.repeat(1_000_000)],
      ['unclosed comments', '/approve '.concat('<!--'.repeat(250_000))],
      [
        'backtick runs that never close',
        Array.from({ length: 400 }, (_, run) => '`'.repeat(run + 1)).join(' '),
      ],
      ['letters after the slash', '/'.concat('a'.repeat(1_000_000), '!')],
      ['lines', '/approve\n'.repeat(200_000)],
    ])(
      'reads a huge comment of %s without backtracking (a quadratic reader would outlive the timeout)',
      { timeout: 10_000 },
      (_name, body) => {
        const command = parseCommand(body);
        expect(command === null || typeof command.ok === 'boolean').toBe(true);
      },
    );

    it('reads a body that is not a string (a review without a body) as no command', () => {
      expect(parseCommand(null as unknown as string)).toBeNull();
    });

    it('reads a NUL as a replacement character, not as a gap', () => {
      expect(parseCommand('/appr\0ove')).toBeNull();
      expect(parseCommand('/approve b\0')).toEqual({
        ok: true,
        command: { verb: 'approve', cancel: false, args: 'b\ufffd', note: 'b\ufffd' },
      });
    });
  });
});

describe('describing command text for logs', () => {
  it('shows zero-width, bidi and look-alike characters as escapes', () => {
    expect(describeCommandText('/appr\u200bove \u202eok ／ａ \u0430')).toMatchInlineSnapshot(
      `"/appr\\u{200B}ove \\u{202E}ok \\u{FF0F}\\u{FF41} \\u{0430}"`,
    );
  });

  it('shows newlines and backslashes as escapes, so a comment cannot forge a log line', () => {
    expect(describeCommandText('/approve\n::error::forged \\u{41}')).toMatchInlineSnapshot(
      `"/approve\\u{000A}::error::forged \\u{005C}u{41}"`,
    );
  });

  it('shows a lone surrogate and an astral character each as one escape', () => {
    expect(describeCommandText('\ud800 \u{1d41a}')).toMatchInlineSnapshot(`"\\u{D800} \\u{1D41A}"`);
  });

  it('leaves printable ASCII as it is', () => {
    const ascii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index))
      .join('')
      .replace('\\', '');
    expect(describeCommandText(ascii)).toBe(ascii);
  });

  it('truncates a huge text', () => {
    const shown = describeCommandText('a'.repeat(MAX_COMMENT_LENGTH + 1));
    expect(shown).toBe(`${'a'.repeat(MAX_COMMENT_LENGTH)} [truncated]`);
  });
});
