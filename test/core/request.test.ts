import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashRequest } from '../../src/core/decision-id.ts';
import type { Actor } from '../../src/core/model.ts';
import {
  createExplicitRequest,
  createPullRequestRequest,
  mergeRisk,
  type PullRequestInput,
  parseOptionList,
  renderDeploymentAction,
} from '../../src/core/request.ts';
import { type ParsedSpec, parseSpec } from '../../src/core/spec.ts';

const agent: Actor = { id: 198982749, login: 'Copilot', type: 'Bot' };
const alice: Actor = { id: 1, login: 'alice', type: 'User' };

function aPullRequest(overrides: Partial<PullRequestInput> = {}): PullRequestInput {
  return {
    repository: 'acme/shop',
    number: 42,
    title: 'Drop the users.legacy_email column',
    body: '',
    url: 'https://github.com/acme/shop/pull/42',
    author: agent,
    headSha: 'c0ffee0000000000000000000000000000000001',
    baseRef: 'main',
    labels: ['database'],
    files: { paths: ['db/migrations/20240611_drop_legacy_email.sql'], complete: true },
    ...overrides,
  };
}

function aSpec(path: string, overrides: Partial<ParsedSpec> = {}): ParsedSpec {
  return { path, declaredRisk: {}, options: [], ...overrides };
}

function fixtureSpec(name: string): ParsedSpec {
  const path = `docs/specs/${name}`;
  return parseSpec(readFileSync(new URL(`../fixtures/specs/${name}`, import.meta.url), 'utf8'), path).spec;
}

describe('pull request requests', () => {
  describe('without a spec', () => {
    it('takes the title as the action and the sections of the description', () => {
      const body = [
        'Part of the email cleanup.',
        '',
        '## Risk',
        'Locks `users` briefly.',
        '',
        '## Rollback plan:',
        '<!-- How do we undo this? -->',
        'Re-add the column and redeploy.',
        '',
        '## Recommendation',
        'Merge off-peak.',
        '',
        '## Options',
        '- **Merge now**',
        '- **Merge tonight**: after 22:00 UTC',
      ].join('\n');
      expect(createPullRequestRequest(aPullRequest({ body }), [])).toMatchInlineSnapshot(`
        {
          "action": {
            "text": "Drop the users.legacy_email column",
          },
          "context": {
            "text": "Part of the email cleanup.",
          },
          "declaredRisk": {},
          "files": {
            "complete": true,
            "paths": [
              "db/migrations/20240611_drop_legacy_email.sql",
            ],
          },
          "gate": {
            "kind": "pull_request",
          },
          "labels": [
            "database",
          ],
          "options": [
            {
              "description": "",
              "key": "a",
              "name": "Merge now",
            },
            {
              "description": "after 22:00 UTC",
              "key": "b",
              "name": "Merge tonight",
            },
          ],
          "recommendation": {
            "text": "Merge off-peak.",
          },
          "repository": "acme/shop",
          "requester": {
            "id": 198982749,
            "login": "Copilot",
            "type": "Bot",
          },
          "riskAssessment": {
            "text": "Locks \`users\` briefly.",
          },
          "rollbackPlan": {
            "text": "Re-add the column and redeploy.",
          },
          "subject": {
            "pullRequest": 42,
            "sha": "c0ffee0000000000000000000000000000000001",
            "targetBranch": "main",
            "url": "https://github.com/acme/shop/pull/42",
          },
        }
      `);
    });

    it.each([
      [
        'a description without headings is all context',
        'Bumps lodash to 4.17.21.\n\nNo behaviour change.',
        'Bumps lodash to 4.17.21.\n\nNo behaviour change.',
      ],
      [
        'a Context section wins over text before it',
        'Hi!\n## Context\nThe column is unused.',
        'The column is unused.',
      ],
      ['an empty description gives no context', '', undefined],
      ['a description of template comments gives no context', '<!-- Describe the change -->\n', undefined],
    ])('%s', (_, body, context) => {
      expect(createPullRequestRequest(aPullRequest({ body }), []).context?.text).toBe(context);
    });

    it('has no action when the title is blank', () => {
      expect(createPullRequestRequest(aPullRequest({ title: '  ' }), []).action).toBeUndefined();
    });

    it('is a deployment gate when an environment is given', () => {
      expect(createPullRequestRequest(aPullRequest(), [], 'production').gate).toEqual({
        kind: 'deployment',
        environment: 'production',
      });
    });
  });

  describe('with a spec', () => {
    const spec = fixtureSpec('drop-legacy-email-column.md');
    const body = '## Context\nSee the spec.\n## Rollback\nRevert this PR.\n## Options\n- Merge';
    const request = createPullRequestRequest(aPullRequest({ body }), [spec]);

    it('takes the spec as the artifact: its fields, with their lines, win over the PR’s', () => {
      expect({
        spec: request.spec,
        kind: request.kind,
        action: request.action,
        context: request.context?.source,
        rollbackPlan: request.rollbackPlan?.source,
        options: request.options.map((option) => option.name),
      }).toMatchInlineSnapshot(`
        {
          "action": {
            "source": {
              "line": 2,
              "path": "docs/specs/drop-legacy-email-column.md",
            },
            "text": "Drop the users.legacy_email column in production",
          },
          "context": {
            "line": 19,
            "path": "docs/specs/drop-legacy-email-column.md",
          },
          "kind": "migration",
          "options": [
            "Run now",
            "Delay to off-peak",
            "Skip",
          ],
          "rollbackPlan": {
            "line": 35,
            "path": "docs/specs/drop-legacy-email-column.md",
          },
          "spec": {
            "path": "docs/specs/drop-legacy-email-column.md",
          },
        }
      `);
    });

    it('keeps the pull request as the gate and the PR’s files, labels and author', () => {
      expect([request.gate, request.files, request.labels, request.requester]).toEqual([
        { kind: 'pull_request' },
        { paths: ['db/migrations/20240611_drop_legacy_email.sql'], complete: true },
        ['database'],
        agent,
      ]);
    });

    it('fills what the spec lacks from the PR', () => {
      const withoutRollback = fixtureSpec('drop-column-no-rollback.md');
      const filled = createPullRequestRequest(aPullRequest({ body }), [withoutRollback]);
      expect([filled.rollbackPlan, filled.options.map((option) => option.name)]).toEqual([
        { text: 'Revert this PR.' },
        ['Merge'],
      ]);
    });
  });

  it('fills a field the spec left empty from the PR', () => {
    const spec = aSpec('docs/specs/drop.md', {
      rollbackPlan: { text: '', source: { path: 'docs/specs/drop.md', line: 14 } },
    });
    const body = '## Rollback\nRe-add the column and redeploy.';
    expect(createPullRequestRequest(aPullRequest({ body }), [spec]).rollbackPlan).toEqual({
      text: 'Re-add the column and redeploy.',
    });
  });

  describe('with several specs', () => {
    const specs = [
      aSpec('docs/specs/b-reindex.md', {
        kind: 'maintenance',
        action: { text: 'Reindex orders', source: { path: 'docs/specs/b-reindex.md', line: 1 } },
        declaredRisk: { reversibility: 'revertible', blast_radius: 'production', cost: 3, external: false },
      }),
      aSpec('docs/specs/a-readme.md', {
        declaredRisk: {
          reversibility: 'irreversible',
          blast_radius: 'file',
          sensitivity: 'payments',
          cost: 150,
        },
      }),
      aSpec('docs/specs/c-webhook.md', {
        kind: 'integration',
        declaredRisk: { precedent: 'novel', external: true, sensitivity: 'customer_data' },
      }),
    ];
    const request = createPullRequestRequest(aPullRequest(), specs);

    it('takes the first spec by path as the artifact, and the PR title when it gives no action', () => {
      expect([request.spec, request.action]).toEqual([
        { path: 'docs/specs/a-readme.md' },
        { text: 'Drop the users.legacy_email column' },
      ]);
    });

    it('takes the kind from the first spec that declares one', () => {
      expect(request.kind).toBe('maintenance');
    });

    it('declares the highest risk of each factor over all the specs', () => {
      expect(request.declaredRisk).toEqual({
        reversibility: 'irreversible',
        blast_radius: 'production',
        sensitivity: 'payments',
        precedent: 'novel',
        cost: 150,
        external: true,
      });
    });

    it('does not depend on the order the specs come in', () => {
      expect(createPullRequestRequest(aPullRequest(), [...specs].reverse())).toEqual(request);
    });
  });
});

describe('declared risk over several declarations', () => {
  it.each([
    ['nothing declared', [], {}],
    ['a single declaration', [{ blast_radius: 'module' as const }], { blast_radius: 'module' }],
    [
      'the higher reversibility',
      [{ reversibility: 'config' as const }, { reversibility: 'revertible' as const }],
      { reversibility: 'config' },
    ],
    [
      'the higher precedent',
      [{ precedent: 'routine' as const }, { precedent: 'first_time' as const }],
      { precedent: 'first_time' },
    ],
    [
      'payments over credentials',
      [{ sensitivity: 'payments' as const }, { sensitivity: 'credentials' as const }],
      { sensitivity: 'payments' },
    ],
    ['the max cost, zero included', [{ cost: 0 }, { cost: 0 }], { cost: 0 }],
    ['external when any says so', [{ external: true }, { external: false }], { external: true }],
    ['not external when all say no', [{ external: false }, {}], { external: false }],
  ])('keeps %s', (_, declarations, expected) => {
    expect(mergeRisk(declarations)).toEqual(expected);
  });
});

describe('explicit requests', () => {
  const base = { repository: 'acme/shop', sha: 'abc123', requester: agent };

  it('builds an agent’s request from its inputs', () => {
    expect(
      createExplicitRequest({
        ...base,
        targetBranch: 'main',
        environment: 'production',
        kind: 'migration',
        title: 'Run migration 20240611 on production',
        details: 'Drops users.legacy_email, unused since April.',
        rollback: 'Re-add the column and restore from the snapshot.',
        recommendation: 'Run off-peak.',
        options: ['Run now', 'Delay: to 02:00 UTC'],
        cost: 12,
        onBehalfOf: alice,
      }),
    ).toMatchInlineSnapshot(`
      {
        "action": {
          "text": "Run migration 20240611 on production",
        },
        "context": {
          "text": "Drops users.legacy_email, unused since April.",
        },
        "declaredRisk": {
          "cost": 12,
        },
        "files": {
          "complete": true,
          "paths": [],
        },
        "gate": {
          "environment": "production",
          "kind": "request",
        },
        "kind": "migration",
        "labels": [],
        "onBehalfOf": {
          "id": 1,
          "login": "alice",
          "type": "User",
        },
        "options": [
          {
            "description": "",
            "key": "a",
            "name": "Run now",
          },
          {
            "description": "to 02:00 UTC",
            "key": "b",
            "name": "Delay",
          },
        ],
        "recommendation": {
          "text": "Run off-peak.",
        },
        "repository": "acme/shop",
        "requester": {
          "id": 198982749,
          "login": "Copilot",
          "type": "Bot",
        },
        "rollbackPlan": {
          "text": "Re-add the column and restore from the snapshot.",
        },
        "subject": {
          "sha": "abc123",
          "targetBranch": "main",
        },
      }
    `);
  });

  describe('the gate', () => {
    it.each([
      ['a request with neither environment, kind nor title', {}, { kind: 'request' }],
      [
        'a deployment when only an environment is given',
        { environment: 'staging' },
        { kind: 'deployment', environment: 'staging' },
      ],
      [
        'a request aimed at the environment when a kind is given',
        { environment: 'staging', kind: 'migration' },
        { kind: 'request', environment: 'staging' },
      ],
      [
        'a request aimed at the environment when a title is given',
        { environment: 'staging', title: 'Flush the CDN' },
        { kind: 'request', environment: 'staging' },
      ],
      [
        'a deployment when the kind and title are blank',
        { environment: 'staging', kind: '', title: ' ' },
        { kind: 'deployment', environment: 'staging' },
      ],
      [
        'a request for the spec’s environment',
        { spec: fixtureSpec('drop-legacy-email-column.md') },
        { kind: 'request', environment: 'production' },
      ],
    ])('is %s', (_, input, gate) => {
      expect(createExplicitRequest({ ...base, ...input }).gate).toEqual(gate);
    });
  });

  describe('the action of a deployment that states none', () => {
    it.each([
      [
        'names the commit, its branch and the environment',
        { targetBranch: 'main' },
        'Deploy abc123 (main) to staging',
      ],
      ['names the commit and the environment without a branch', {}, 'Deploy abc123 to staging'],
      [
        'keeps the first 12 characters of a full commit',
        { sha: 'c0ffee0000000000000000000000000000000001' },
        'Deploy c0ffee000000 to staging',
      ],
    ])('%s', (_, input, action) => {
      expect(createExplicitRequest({ ...base, environment: 'staging', ...input }).action).toEqual({
        text: action,
      });
    });

    it('is the same words as renderDeploymentAction', () => {
      expect(
        createExplicitRequest({ ...base, environment: 'production', targetBranch: 'v2.3' }).action?.text,
      ).toBe(renderDeploymentAction('abc123', 'production', 'v2.3'));
    });

    it('is not given to a request that says what it does', () => {
      expect(
        createExplicitRequest({ ...base, environment: 'staging', kind: 'migration' }).action,
      ).toBeUndefined();
    });
  });

  describe('the action of a deployment that states none', () => {
    it.each([
      [
        'names the commit, its branch and the environment',
        { targetBranch: 'main' },
        'Deploy abc123 (main) to staging',
      ],
      ['names the commit and the environment without a branch', {}, 'Deploy abc123 to staging'],
      [
        'keeps the first 12 characters of a full commit',
        { sha: 'c0ffee0000000000000000000000000000000001' },
        'Deploy c0ffee000000 to staging',
      ],
    ])('%s', (_, input, action) => {
      expect(createExplicitRequest({ ...base, environment: 'staging', ...input }).action).toEqual({
        text: action,
      });
    });

    it('is the same words as renderDeploymentAction', () => {
      expect(
        createExplicitRequest({ ...base, environment: 'production', targetBranch: 'v2.3' }).action?.text,
      ).toBe(renderDeploymentAction('abc123', 'production', 'v2.3'));
    });

    it('is not given to a request that says what it does', () => {
      expect(
        createExplicitRequest({ ...base, environment: 'staging', kind: 'migration' }).action,
      ).toBeUndefined();
    });
  });

  describe('with a spec', () => {
    const spec = fixtureSpec('drop-legacy-email-column.md');

    it('takes the spec’s fields and its path', () => {
      const request = createExplicitRequest({ ...base, spec });
      expect([
        request.spec,
        request.kind,
        request.action?.source,
        request.options.length,
        request.declaredRisk.cost,
      ]).toEqual([
        { path: 'docs/specs/drop-legacy-email-column.md' },
        'migration',
        { path: 'docs/specs/drop-legacy-email-column.md', line: 2 },
        3,
        12.5,
      ]);
    });

    it('lets inputs given for this run win, blank ones not', () => {
      const request = createExplicitRequest({
        ...base,
        spec,
        environment: 'staging',
        title: 'Rehearse the drop on staging',
        rollback: '',
        options: ['', ' '],
        cost: 2,
      });
      expect([
        request.gate,
        request.action,
        request.rollbackPlan?.source?.line,
        request.options.length,
      ]).toEqual([
        { kind: 'request', environment: 'staging' },
        { text: 'Rehearse the drop on staging' },
        35,
        3,
      ]);
    });

    it('keeps the higher of the spec’s cost and the input’s', () => {
      expect(createExplicitRequest({ ...base, spec, cost: 500 }).declaredRisk.cost).toBe(500);
      expect(createExplicitRequest({ ...base, spec, cost: 1 }).declaredRisk.cost).toBe(12.5);
    });
  });
});

describe('option lists', () => {
  it.each([
    ['comma-separated', 'approve, delay to off-peak, skip', ['a=approve', 'b=delay to off-peak', 'c=skip']],
    ['one per line', 'approve\ndelay to off-peak\n\nskip\n', ['a=approve', 'b=delay to off-peak', 'c=skip']],
    ['one per line with commas inside', 'Approve, as is\nSkip', ['a=Approve, as is', 'b=Skip']],
    [
      'a Markdown list',
      '- **Approve**: now\n- Delay — tonight\n1. Skip',
      ['a=Approve: now', 'b=Delay: tonight', 'c=Skip'],
    ],
    ['lettered lines, keyed by position', 'b) Delay\na) Approve', ['a=Delay', 'b=Approve']],
    ['names with descriptions', 'approve: now, delay: at 02:00', ['a=approve: now', 'b=delay: at 02:00']],
    ['empty entries dropped', ' , approve,, ', ['a=approve']],
    ['nothing', '   ', []],
  ])('reads %s', (_, text, expected) => {
    expect(
      parseOptionList(text).map((option) =>
        option.description === ''
          ? `${option.key}=${option.name}`
          : `${option.key}=${option.name}: ${option.description}`,
      ),
    ).toEqual(expected);
  });

  it('keys the 27th option `aa`', () => {
    const options = parseOptionList(
      Array.from({ length: 28 }, (_, index) => `option ${index + 1}`).join(', '),
    );
    expect(options.slice(24).map((option) => option.key)).toEqual(['y', 'z', 'aa', 'ab']);
  });
});

describe('the gate of a pull request into another base than the default branch', () => {
  it('is named for its base, and asks anew under another base', () => {
    const into = createPullRequestRequest(aPullRequest({ baseRef: 'release/1.x', into: 'release/1.x' }), []);
    expect(into.gate).toEqual({ kind: 'pull_request', into: 'release/1.x' });
    const deployment = createPullRequestRequest(
      aPullRequest({ baseRef: 'release/1.x', into: 'release/1.x' }),
      [],
      'production',
    );
    expect(deployment.gate).toEqual({ kind: 'deployment', environment: 'production', into: 'release/1.x' });
    const main = createPullRequestRequest(aPullRequest(), []);
    expect(main.gate).toEqual({ kind: 'pull_request' });
    expect(hashRequest(into)).not.toBe(hashRequest({ ...into, gate: { kind: 'pull_request' } }));
  });
});
