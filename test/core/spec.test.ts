import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOption, parseSpec } from '../../src/core/spec.ts';

const PATH = 'docs/specs/drop-column.md';

function fixture(name: string): { text: string; path: string } {
  const path = `test/fixtures/specs/${name}`;
  return { text: readFileSync(new URL(`../fixtures/specs/${name}`, import.meta.url), 'utf8'), path };
}

function spec(text: string) {
  return parseSpec(text, PATH);
}

describe('spec files', () => {
  describe('a complete migration spec', () => {
    const { text, path } = fixture('drop-legacy-email-column.md');
    const { spec: parsed, problems } = parseSpec(text, path);

    it('has no problems', () => {
      expect(problems).toEqual([]);
    });

    it('reads the front matter', () => {
      expect({
        kind: parsed.kind,
        environment: parsed.environment,
        cost: parsed.cost,
        risk: parsed.declaredRisk,
      }).toMatchInlineSnapshot(`
          {
            "cost": 12.5,
            "environment": "production",
            "kind": "migration",
            "risk": {
              "blast_radius": "production",
              "cost": 12.5,
              "precedent": "first_time",
              "reversibility": "irreversible",
              "sensitivity": "customer_data",
            },
          }
        `);
    });

    it('points every text at the line where it starts', () => {
      const lines = text.split('\n');
      const fields = [
        parsed.action,
        parsed.context,
        parsed.riskAssessment,
        parsed.rollbackPlan,
        parsed.recommendation,
      ];
      expect(fields.map((field) => [field?.source?.line, lines[(field?.source?.line ?? 0) - 1]])).toEqual([
        [2, 'action: Drop the users.legacy_email column in production'],
        [19, '`users.legacy_email` has been unused since the identity service moved to `user_emails` in'],
        [
          26,
          '- The `ALTER TABLE users DROP COLUMN legacy_email` takes an `ACCESS EXCLUSIVE` lock on `users`.',
        ],
        [35, '1. Before the migration, the deploy job takes an RDS snapshot `pre-drop-legacy-email`.'],
        [43, 'Approve option b: run it off-peak, when the lock cannot queue behind the nightly reports.'],
      ]);
      expect(fields.every((field) => field?.source?.path === path)).toBe(true);
    });

    it('reads the rollback plan and the recommendation in full', () => {
      expect(parsed.rollbackPlan?.text).toMatchInlineSnapshot(`
        "1. Before the migration, the deploy job takes an RDS snapshot \`pre-drop-legacy-email\`.
        2. If anything reads the column after the drop, re-add it as nullable:
           \`ALTER TABLE users ADD COLUMN legacy_email text;\` and redeploy the previous release.
        3. If the data itself is needed, restore the snapshot to a side instance and copy the column
           back with \`db/scripts/restore_column.sql\` (about 40 minutes for 4.2M rows)."
      `);
      expect(parsed.recommendation?.text).toBe(
        'Approve option b: run it off-peak, when the lock cannot queue behind the nightly reports.',
      );
    });

    it('lists the options a, b and c', () => {
      expect(parsed.options).toMatchInlineSnapshot(`
        [
          {
            "description": "apply the migration as soon as this is approved.",
            "key": "a",
            "name": "Run now",
          },
          {
            "description": "apply it at 02:00 UTC, after the nightly reporting jobs finish.",
            "key": "b",
            "name": "Delay to off-peak",
          },
          {
            "description": "close this change and keep the column until next quarter's cleanup.",
            "key": "c",
            "name": "Skip",
          },
        ]
      `);
    });
  });

  describe('a spec without a rollback plan', () => {
    const { text, path } = fixture('drop-column-no-rollback.md');
    const { spec: parsed, problems } = parseSpec(text, path);

    it('takes the title as the action and has no rollback plan', () => {
      expect(problems).toEqual([]);
      expect(parsed.action).toEqual({ text: 'Drop orders.coupon_code', source: { path, line: 9 } });
      expect(parsed.rollbackPlan).toBeUndefined();
      expect(parsed.options).toEqual([]);
    });
  });

  describe('a spec with placeholders', () => {
    const { text, path } = fixture('drop-column-tbd.md');
    const { spec: parsed } = parseSpec(text, path);

    it('keeps the placeholder text, with its lines, for the readiness check to flag', () => {
      expect([parsed.context, parsed.riskAssessment, parsed.rollbackPlan]).toEqual([
        { text: 'TBD', source: { path, line: 15 } },
        { text: 'todo', source: { path, line: 19 } },
        { text: 'TBD.', source: { path, line: 23 } },
      ]);
    });

    it('reads lettered options', () => {
      expect(parsed.options.map((option) => `${option.key}=${option.name}`)).toEqual([
        'a=Approve',
        'b=Reject',
      ]);
    });
  });

  describe('a spec with bad front matter', () => {
    const { text, path } = fixture('bad-front-matter.md');
    const { spec: parsed, problems } = parseSpec(text, path);

    it('reports every problem with its line and column', () => {
      expect(
        problems.map((problem) => `${problem.path}:${problem.line}:${problem.column} ${problem.message}`),
      ).toMatchInlineSnapshot(`
          [
            "test/fixtures/specs/bad-front-matter.md:4:1 front matter: unknown key "owner"; expected one of action, kind, environment, risk, cost, rollback, recommendation, options",
            "test/fixtures/specs/bad-front-matter.md:6:18 front matter risk.reversibility: expected one of revertible, config, irreversible (got "maybe")",
            "test/fixtures/specs/bad-front-matter.md:9:3 front matter risk: unknown key "urgency"",
            "test/fixtures/specs/bad-front-matter.md:10:7 front matter cost: expected a cost of 0 or more (USD)",
            "test/fixtures/specs/bad-front-matter.md:14:5 front matter options[1]: unknown key "when"",
          ]
        `);
    });

    it('keeps the valid values, and the valid risk factors so that a typo cannot lower the risk', () => {
      expect([parsed.action?.text, parsed.kind, parsed.declaredRisk, parsed.options]).toEqual([
        'Rotate the Stripe webhook secret',
        'secret-rotation',
        { blast_radius: 'production', sensitivity: 'payments' },
        [],
      ]);
    });
  });

  describe('front matter keys', () => {
    it.each([
      [
        'action',
        'action: Drop the column',
        { action: { text: 'Drop the column', source: { path: PATH, line: 2 } } },
      ],
      ['kind', 'kind: migration', { kind: 'migration' }],
      ['environment', 'environment: production', { environment: 'production' }],
      [
        'risk',
        'risk: { reversibility: config, external: true }',
        { declaredRisk: { reversibility: 'config', external: true } },
      ],
      ['cost', 'cost: 250', { cost: 250, declaredRisk: { cost: 250 } }],
      [
        'cost and risk.cost, the higher',
        'cost: 5\nrisk: { cost: 80 }',
        { cost: 80, declaredRisk: { cost: 80 } },
      ],
      [
        'rollback',
        'rollback: Revert the deploy commit.',
        { rollbackPlan: { text: 'Revert the deploy commit.', source: { path: PATH, line: 2 } } },
      ],
      [
        'rollback as a block scalar, from the line after the `|`',
        'kind: migration\nrollback: |\n  Restore the snapshot.',
        {
          kind: 'migration',
          rollbackPlan: { text: 'Restore the snapshot.', source: { path: PATH, line: 4 } },
        },
      ],
      [
        'recommendation',
        'recommendation: Approve off-peak.',
        { recommendation: { text: 'Approve off-peak.', source: { path: PATH, line: 2 } } },
      ],
      [
        'options as strings',
        'options: [Run now, "Delay: to 02:00 UTC"]',
        {
          options: [
            { key: 'a', name: 'Run now', description: '' },
            { key: 'b', name: 'Delay', description: 'to 02:00 UTC' },
          ],
        },
      ],
      [
        'options as names and descriptions',
        'options:\n  - name: Run now\n    description: Apply at once.\n  - name: Skip',
        {
          options: [
            { key: 'a', name: 'Run now', description: 'Apply at once.' },
            { key: 'b', name: 'Skip', description: '' },
          ],
        },
      ],
    ])('reads %s', (_, yaml, expected) => {
      const { spec: parsed, problems } = spec(`---\n${yaml}\n---\n`);
      expect(problems).toEqual([]);
      expect(parsed).toEqual({ path: PATH, declaredRisk: {}, options: [], ...expected });
    });

    it.each([
      [
        'an unknown key',
        'title: Drop it',
        2,
        1,
        'front matter: unknown key "title"; expected one of action, kind, environment, risk, cost, rollback, recommendation, options',
      ],
      ['an empty action', 'action: ""', 2, 9, 'front matter action: expected a non-empty string'],
      ['a number as kind', 'kind: 3', 2, 7, 'front matter kind: expected text'],
      ['a negative cost', 'kind: x\ncost: -1', 3, 7, 'front matter cost: expected a cost of 0 or more (USD)'],
      ['a cost in words', 'cost: lots', 2, 7, 'front matter cost: expected a number of USD'],
      [
        'an unknown risk level',
        'risk:\n  blast_radius: planet',
        3,
        17,
        'front matter risk.blast_radius: expected one of file, module, production (got "planet")',
      ],
      [
        'risk as a list',
        'risk: [irreversible]',
        2,
        7,
        'front matter risk: Invalid input: expected object, received array',
      ],
      ['options as a string', 'options: a, b', 2, 10, 'front matter options: expected a list of options'],
      [
        'an option of the wrong shape',
        'options:\n  - Run now\n  - 42',
        4,
        5,
        'front matter options[1]: expected an option name, or {name, description}',
      ],
      [
        'a list instead of keys',
        '- action',
        2,
        1,
        'front matter: expected keys such as action, kind, environment, risk, cost, rollback, recommendation, options',
      ],
      ['a YAML syntax error', 'action: [unclosed', 2, 18, expect.stringMatching(/^front matter: /)],
      ['a duplicate key', 'kind: a\nkind: b', 3, 1, 'front matter: Map keys must be unique'],
    ])('reports %s at its line and column', (_, yaml, line, column, message) => {
      expect(spec(`---\n${yaml}\n---\n# Title\n`).problems).toEqual([{ path: PATH, line, column, message }]);
    });

    it('reports front matter that is never closed, and reads the file as Markdown', () => {
      const { spec: parsed, problems } = spec('---\nkind: migration\n\n# Drop column\n');
      expect(problems).toEqual([
        {
          path: PATH,
          line: 1,
          column: 1,
          message: 'front matter: no closing `---` line; end the front matter with a line of three dashes',
        },
      ]);
      expect(parsed.action).toEqual({ text: 'Drop column', source: { path: PATH, line: 4 } });
    });

    it('accepts empty front matter and a file without any', () => {
      expect(spec('---\n---\n# Drop column\n').problems).toEqual([]);
      expect(spec('# Drop column\n').spec.action).toEqual({
        text: 'Drop column',
        source: { path: PATH, line: 1 },
      });
    });

    it('does not take a `---` line later in the file for front matter', () => {
      const { spec: parsed, problems } = spec('# Drop column\n\n---\nkind: migration\n---\n');
      expect([problems, parsed.kind]).toEqual([[], undefined]);
    });
  });

  describe('sections and front matter', () => {
    const both = [
      '---',
      'action: Drop users.legacy_email in production',
      'rollback: Restore the snapshot.',
      'recommendation: Approve.',
      'options: [Run now, Skip]',
      '---',
      '# Drop the column',
      '## Rollback Plan',
      'Re-add the column as nullable and redeploy the previous release.',
      '## Recommendation',
      'Run it off-peak.',
      '## Options',
      '- **Off-peak**: at 02:00 UTC',
    ].join('\n');

    it('lets each section win over its front-matter form, and front-matter `action` win over the title', () => {
      const { spec: parsed } = spec(both);
      expect([parsed.action, parsed.rollbackPlan, parsed.recommendation, parsed.options]).toEqual([
        { text: 'Drop users.legacy_email in production', source: { path: PATH, line: 2 } },
        {
          text: 'Re-add the column as nullable and redeploy the previous release.',
          source: { path: PATH, line: 9 },
        },
        { text: 'Run it off-peak.', source: { path: PATH, line: 11 } },
        [{ key: 'a', name: 'Off-peak', description: 'at 02:00 UTC' }],
      ]);
    });

    it('lets an empty section give way to the front matter, and keeps it at its heading when there is none', () => {
      const emptyRollback = '## Rollback Plan\n<!-- How do we undo this? -->\n\n## Recommendation\n';
      expect(spec(`---\nrollback: Restore the snapshot.\n---\n${emptyRollback}`).spec.rollbackPlan).toEqual({
        text: 'Restore the snapshot.',
        source: { path: PATH, line: 2 },
      });
      expect(spec(`---\nkind: migration\n---\n${emptyRollback}`).spec.rollbackPlan).toEqual({
        text: '',
        source: { path: PATH, line: 4 },
      });
    });

    it('takes the front-matter options when the Options section lists none, and says so', () => {
      const { spec: parsed, problems } = spec('---\noptions: [Run now]\n---\n## Options\nJust run it.\n');
      expect(parsed.options).toEqual([{ key: 'a', name: 'Run now', description: '' }]);
      expect(problems).toEqual([
        {
          path: PATH,
          line: 4,
          column: 1,
          message: 'Options: no options found; list them as `- **Name**: description`',
        },
      ]);
    });

    it('takes the text before the first section as the context when there is no Context section', () => {
      const { spec: parsed } = spec(
        '---\nkind: migration\n---\n# Drop column\n\nUnused since April.\n\n## Rollback\nRe-add it.\n',
      );
      expect(parsed.context).toEqual({ text: 'Unused since April.', source: { path: PATH, line: 6 } });
    });
  });
});

describe('option items', () => {
  it.each([
    ['**Approve**: run it now', 'Approve', 'run it now'],
    ['**Approve:** run it now', 'Approve', 'run it now'],
    ['**Approve** — run it now', 'Approve', 'run it now'],
    ['__Approve__ - run it now', 'Approve', 'run it now'],
    ['Approve — run it now', 'Approve', 'run it now'],
    ['Approve – run it now', 'Approve', 'run it now'],
    ['Approve - run it now', 'Approve', 'run it now'],
    ['Approve: run it now', 'Approve', 'run it now'],
    ['a) Approve: run it now', 'Approve', 'run it now'],
    ['(b) Delay — until 02:00', 'Delay', 'until 02:00'],
    ['c. Skip', 'Skip', ''],
    ['**a) Approve**: run it now', 'Approve', 'run it now'],
    ['**a)** Approve: run it now', 'Approve', 'run it now'],
    ['Delay to off-peak: run at 02:00 UTC', 'Delay to off-peak', 'run at 02:00 UTC'],
    ['Skip', 'Skip', ''],
    ['`skip`', 'skip', ''],
  ])('reads %j as %j with description %j', (text, name, description) => {
    expect(parseOption(text)).toEqual({ name, description });
  });
});
