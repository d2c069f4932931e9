import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline } from '../../../src/core/escape.ts';
import { renderMarkdownAsText } from '../../../src/core/render/markdown-text.ts';

describe('Markdown as plain text', () => {
  it.each([
    [
      'a heading, underlined',
      '# Gatehouse plan: `gatehouse`',
      'Gatehouse plan: gatehouse\n=========================\n',
    ],
    ['a second-level heading', '## Matched rules', 'Matched rules\n-------------\n'],
    ['a third-level heading, as is', '### Action requested', 'Action requested\n'],
    ['strong emphasis', '**Tier:** approve · **Level:** approve', 'Tier: approve · Level: approve\n'],
    ['emphasis with underscores', '_None given._', 'None given.\n'],
    ['an underscore inside a word', 'precedent counts as first_time', 'precedent counts as first_time\n'],
    ['a lone star', 'costs 2 * 3', 'costs 2 * 3\n'],
    ['backslash escapes', 'users.legacy\\_email \\`x\\` re\\-add', 'users.legacy_email `x` re-add\n'],
    ['a hard line break', 'in\\\nrelease', 'in\nrelease\n'],
    ['a code span keeps its content as written', '`a\\_b` and `` a`b ``', 'a\\_b and a`b\n'],
    ['entities', 'a &lt;b&gt; &amp; c', 'a <b> & c\n'],
    ['a list keeps its bullets', '- **a** — Run now\n  - `db/x.sql`', '- a — Run now\n  - db/x.sql\n'],
    ['a hidden marker goes', 'text\n\n<!-- gatehouse:request abc -->\n', 'text\n'],
    [
      'details and summary',
      '<details>\n<summary>How (2)</summary>\n\n- one\n\n</details>',
      'How (2)\n\n- one\n',
    ],
  ])('renders %s', (_name, markdown, text) => {
    expect(renderMarkdownAsText(markdown)).toBe(text);
  });

  it('lines up a table in columns', () => {
    const markdown = [
      '| Factor | Value | Tier |',
      '| --- | --- | --- |',
      '| reversibility | irreversible | approve |',
      '| blast\\_radius | a \\| b | notify |',
    ].join('\n');
    expect(renderMarkdownAsText(markdown)).toBe(
      [
        'Factor         Value         Tier',
        '-------------  ------------  -------',
        'reversibility  irreversible  approve',
        'blast_radius   a | b         notify',
        '',
      ].join('\n'),
    );
  });

  it('gives back untrusted text as written, once escaped for Markdown', () => {
    const untrusted = 'Drop *all* `users` #12 @alice <b>x</b> 1. [a](b) _c_ \\ |';
    expect(renderMarkdownAsText(escapeMarkdownInline(untrusted))).toBe(`${untrusted}\n`);
  });

  it('never writes a control character to the terminal', () => {
    expect(renderMarkdownAsText('- `db/\u001b[31mred\u0007.sql`\u202e')).toBe(
      '- db/\uFFFD[31mred\uFFFD.sql\n',
    );
  });
});
