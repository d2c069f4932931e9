import { describe, expect, it } from 'vitest';
import {
  escapeMarkdownInline,
  renderCode,
  renderMention,
  renderPlainText,
  renderUntrustedBlock,
} from '../../src/core/escape.ts';

/** Zero-width spaces shown as `⁠[zwsp]` so the snapshots can be read. */
const show = (text: string) => text.replaceAll('\u200B', '[zwsp]');

describe('escapeMarkdownInline', () => {
  it.each([
    ['plain words', 'Add an index to orders', 'Add an index to orders'],
    ['emphasis', '*bold* and _it_ and ~~gone~~', '\\*bold\\* and \\_it\\_ and \\~\\~gone\\~\\~'],
    ['a link', '[link](http://x)', '\\[link\\]\\(http://x\\)'],
    ['an image', '![x](http://x/a.png)', '\\!\\[x\\]\\(http://x/a.png\\)'],
    ['an HTML tag', '<img src=x onerror=alert(1)>', '&lt;img src\\=x onerror\\=alert\\(1\\)&gt;'],
    ['a forged marker', '<!-- gatehouse:request fake -->', '&lt;\\!\\-\\- gatehouse:request fake \\-\\-&gt;'],
    ['an entity', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['@everyone', 'ping @everyone', 'ping @[zwsp]everyone'],
    ['a team mention', 'cc @org/team', 'cc @[zwsp]org/team'],
    ['an issue reference', 'fixes #123 and acme/shop#4', 'fixes \\#[zwsp]123 and acme/shop\\#[zwsp]4'],
    ['a GH- reference', 'see GH-12', 'see GH[zwsp]\\-12'],
    ['an email address', 'mail alice@example.com', 'mail alice@[zwsp]example.com'],
    ['backticks', 'run `rm -rf /`', 'run \\`rm \\-rf /\\`'],
    ['a backslash', 'C:\\temp\\', 'C:\\\\temp\\\\'],
    ['bidi overrides', 'safe\u202Etxt.exe\u2066x\u2069', 'safetxt.exex'],
    ['newlines', 'one\ntwo\r\n\r\nthree', 'one two three'],
    ['a heading marker', '# Title', '\\#[zwsp] Title'],
    ['a list marker', '- item', '\\- item'],
    ['an ordered list marker', '1. first', '1\\. first'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['math', '$x^2$', '\\$x^2\\$'],
    ['control characters', 'a\u0000b\u0007c\tz', 'abc z'],
  ])('escapes %s', (_name, input, expected) => {
    expect(show(escapeMarkdownInline(input))).toBe(expected);
  });

  it('cuts the escaped text to maxChars, never inside an escape', () => {
    const escaped = escapeMarkdownInline('<<<<<<<<<<', 10);
    expect(escaped).toBe('&lt;&lt;…');
    expect(escapeMarkdownInline('short', 10)).toBe('short');
  });
});

describe('renderUntrustedBlock', () => {
  it('keeps line breaks as hard breaks and blank lines as paragraphs, escaping each line', () => {
    const text = [
      '# Steps',
      '1. Run `rollback.sh`',
      '    indented code?',
      '> quoted',
      '',
      '',
      'Then tell @oncall in #42.',
      '===',
    ].join('\n');
    expect(show(renderUntrustedBlock(text))).toMatchInlineSnapshot(`
      "\\#[zwsp] Steps\\
      1\\. Run \\\`rollback.sh\\\`\\
      indented code?\\
      &gt; quoted

      Then tell @[zwsp]oncall in \\#[zwsp]42.\\
      \\=\\=\\="
    `);
  });

  it('is empty for blank text', () => {
    expect(renderUntrustedBlock(' \n\t\n ')).toBe('');
  });

  it('truncates and says how much was left out', () => {
    const rendered = renderUntrustedBlock(`${'a'.repeat(30)}\n${'b'.repeat(30)}`, 40);
    expect(rendered).toMatchInlineSnapshot(`
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\
      bbbbbbbb

      … (truncated, 22 more characters)"
    `);
  });

  it('counts what is left out in characters, not UTF-16 units', () => {
    expect(renderUntrustedBlock('😀😀😀😀', 4)).toBe('😀😀\n\n… (truncated, 2 more characters)');
  });
});

describe('renderMention', () => {
  it.each([
    ['alice', '@alice'],
    ['a-b-c', '@a-b-c'],
    ['acme/platform', '@acme/platform'],
    ['@acme/platform', '@acme/platform'],
  ])('mentions the valid name %s', (login, expected) => {
    expect(renderMention({ login })).toBe(expected);
  });

  it.each([
    ['github-actions[bot]', 'github\\-actions\\[bot\\]'],
    ['-alice', '\\-alice'],
    ['a--b', 'a\\-\\-b'],
    ['alice bob', 'alice bob'],
    ['@everyone <b>', '@[zwsp]everyone &lt;b&gt;'],
    ['acme/team/extra', 'acme/team/extra'],
    ['x'.repeat(40), 'x'.repeat(40)],
  ])('renders the invalid name %s escaped, without a mention', (login, expected) => {
    expect(show(renderMention({ login }))).toBe(expected);
  });
});

describe('renderCode', () => {
  it.each([
    ['db/migrations/0042.sql', '`db/migrations/0042.sql`'],
    ['a`b', '``a`b``'],
    ['`start', '`` `start ``'],
    ['has ``` three', '````has ``` three````'],
    [' both ', '`  both  `'],
    ['   ', '`   `'],
    ['', '` `'],
    ['line\nbreak', '`line break`'],
    ['rtl\u202Eexe', '`rtlexe`'],
    ['<!-- gatehouse:request x -->', '`<[zwsp]!-- gatehouse:request x --[zwsp]>`'],
  ])('renders %j as a code span', (text, expected) => {
    expect(show(renderCode(text))).toBe(expected);
  });
});

describe('renderPlainText', () => {
  it('is one line without bidi controls or live mentions, cut with an ellipsis', () => {
    expect(show(renderPlainText('Rejected by bob:\n @alice see #12 \u202Etxt', 200))).toBe(
      'Rejected by bob: @[zwsp]alice see #[zwsp]12 txt',
    );
    expect(renderPlainText('abcdefghij', 5)).toBe('abcd…');
  });
});
