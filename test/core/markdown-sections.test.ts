import { describe, expect, it } from 'vitest';
import { parseListItems, parseSectionKey, parseSections } from '../../src/core/markdown-sections.ts';

describe('markdown sections', () => {
  describe('heading names', () => {
    it.each([
      ['Context', 'context'],
      ['context', 'context'],
      ['Risk Assessment', 'risk_assessment'],
      ['RISK ASSESSMENT:', 'risk_assessment'],
      ['Risk', 'risk_assessment'],
      ['Rollback Plan', 'rollback_plan'],
      ['Rollback  plan :', 'rollback_plan'],
      ['Rollback', 'rollback_plan'],
      ['**Rollback**', 'rollback_plan'],
      ['Recommendation', 'recommendation'],
      ['Options:', 'options'],
      ['Rollback steps', null],
      ['Risks and mitigations', null],
      ['Summary', null],
    ])('reads %j as %s', (heading, key) => {
      expect(parseSectionKey(heading)).toBe(key);
    });
  });

  it('splits a document into a title, a preamble and sections with their lines', () => {
    const markdown = [
      '# Drop users.legacy_email', // 1
      '', // 2
      'Runs after approval.', // 3
      '', // 4
      '## Context:', // 5
      '', // 6
      'Unused since April.', // 7
      '### Details', // 8
      'No reads in 60 days.', // 9
      '## Rollback Plan ##', // 10
      'Re-add the column.', // 11
      '##### Options', // 12
    ].join('\n');
    expect(parseSections(markdown)).toMatchInlineSnapshot(`
      {
        "preamble": {
          "line": 3,
          "text": "Runs after approval.",
        },
        "sections": [
          {
            "bodyLine": 7,
            "heading": "Context:",
            "key": "context",
            "level": 2,
            "line": 5,
            "text": "Unused since April.
      ### Details
      No reads in 60 days.",
          },
          {
            "bodyLine": 9,
            "heading": "Details",
            "key": null,
            "level": 3,
            "line": 8,
            "text": "No reads in 60 days.",
          },
          {
            "bodyLine": 11,
            "heading": "Rollback Plan",
            "key": "rollback_plan",
            "level": 2,
            "line": 10,
            "text": "Re-add the column.",
          },
          {
            "bodyLine": 12,
            "heading": "Options",
            "key": "options",
            "level": 5,
            "line": 12,
            "text": "",
          },
        ],
        "title": {
          "line": 1,
          "text": "Drop users.legacy_email",
        },
      }
    `);
  });

  it('adds the line offset to every line number', () => {
    const { title, preamble, sections } = parseSections('# Title\nIntro\n## Risk\nLocks the table.', 10);
    expect([title?.line, preamble?.line, sections[0]?.line, sections[0]?.bodyLine]).toEqual([11, 12, 13, 14]);
  });

  it('ends a known section at the next known heading, whatever its level', () => {
    const { sections } = parseSections('## Context\nWhy.\n#### Rollback\nRevert it.');
    expect(sections.map((section) => [section.key, section.text])).toEqual([
      ['context', 'Why.'],
      ['rollback_plan', 'Revert it.'],
    ]);
  });

  describe('headings that are not headings', () => {
    it.each([
      ['inside a backtick fence', '```sh\n# Rollback\npsql -c "select 1"\n```'],
      ['inside a tilde fence', '~~~\n## Rollback Plan\n~~~'],
      ['inside a longer fence closed only by as long a fence', '````\n```\n## Rollback\n```\n````'],
      ['inside an HTML comment', '<!--\n## Rollback Plan\n-->'],
      ['without a space after the hashes', '#Rollback'],
      ['indented four spaces (code)', '    ## Rollback'],
      ['with seven hashes', '####### Rollback'],
    ])('ignores a heading %s', (_, body) => {
      const { sections } = parseSections(`## Context\nWhy.\n${body}\n`);
      expect(sections.map((section) => section.key)).toEqual(['context']);
    });

    it('treats everything after an unclosed fence as code', () => {
      const { sections } = parseSections('## Context\n```\n## Rollback\nrevert');
      expect(sections.map((section) => section.key)).toEqual(['context']);
    });
  });

  it('removes HTML comments, so that a template section left as is stays empty', () => {
    const { sections } = parseSections(
      '## Rollback Plan\n<!-- How do we undo this? -->\n\n## Context\nA <!-- note --> reason.',
    );
    expect(sections.map((section) => [section.key, section.text, section.bodyLine])).toEqual([
      ['rollback_plan', '', 1],
      ['context', 'A  reason.', 5],
    ]);
  });

  describe('the title', () => {
    it.each([
      ['the first heading at level 1', '# Drop column\n## Context\nWhy.', 'Drop column'],
      ['absent when the first heading is level 2', '## Drop column\n# Other\n## Context\nWhy.', undefined],
      ['not a known section name', '# Context\nWhy.', undefined],
    ])('is %s', (_, markdown, title) => {
      expect(parseSections(markdown).title?.text).toBe(title);
    });

    it('is not a section, and a later level-1 heading is', () => {
      const { sections } = parseSections('# Drop column\n# Appendix\nNotes.');
      expect(sections.map((section) => section.heading)).toEqual(['Appendix']);
    });
  });

  describe('the preamble', () => {
    it.each([
      [
        'is the whole text when there are no headings',
        'Bumps lodash.\n\nNo behaviour change.',
        'Bumps lodash.\n\nNo behaviour change.',
      ],
      [
        'includes unknown headings before the first known one',
        '## Summary\nBumps lodash.\n## Risk\nNone.',
        '## Summary\nBumps lodash.',
      ],
      ['is absent when the text starts with a known heading', '## Context\nWhy.', undefined],
      ['leaves out the title', '# Title\n\nIntro.\n## Context\nWhy.', 'Intro.'],
      ['is absent for an empty text', '', undefined],
    ])('%s', (_, markdown, preamble) => {
      expect(parseSections(markdown).preamble?.text).toBe(preamble);
    });
  });

  it('reads Windows line endings', () => {
    const { sections } = parseSections('## Context\r\nWhy.\r\n## Rollback\r\nRevert.\r\n');
    expect(sections.map((section) => [section.text, section.line])).toEqual([
      ['Why.', 1],
      ['Revert.', 3],
    ]);
  });
});

describe('markdown list items', () => {
  it.each([
    ['dashes', '- Run now\n- Skip', ['Run now', 'Skip']],
    ['stars and pluses', '* Run now\n+ Skip', ['Run now', 'Skip']],
    ['numbers', '1. Run now\n2) Skip', ['Run now', 'Skip']],
    [
      'continuation lines',
      '- Run now: apply it\n  as soon as approved.\n- Skip',
      ['Run now: apply it as soon as approved.', 'Skip'],
    ],
    [
      'nested items, joined to their item',
      '- Delay:\n  - tonight\n  - or Sunday\n- Skip',
      ['Delay: - tonight - or Sunday', 'Skip'],
    ],
    ['text around the list, skipped', 'Pick one:\n\n- Run now\n- Skip\n\nThanks.', ['Run now', 'Skip']],
    ['no list at all', 'Run now or skip.', []],
    ['a thematic break, not an item', '---\n- Skip', ['Skip']],
  ])('reads %s', (_, markdown, items) => {
    expect(parseListItems(markdown)).toEqual(items);
  });
});
