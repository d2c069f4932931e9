import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Request, SourcedText } from '../../src/core/model.ts';
import {
  describeNotReady,
  evaluateReadiness,
  isPlaceholder,
  isRefusedAsNotReady,
} from '../../src/core/readiness.ts';
import { REQUIREMENTS, type Requirement } from '../../src/core/registry.ts';
import { createPullRequestRequest } from '../../src/core/request.ts';
import { parseSpec } from '../../src/core/spec.ts';

const SPEC = 'docs/specs/drop-column.md';

function aRequest(overrides: Partial<Request> = {}): Request {
  return {
    gate: { kind: 'pull_request' },
    repository: 'acme/shop',
    subject: { sha: 'c0ffee0000000000000000000000000000000001', targetBranch: 'main', pullRequest: 7 },
    action: { text: 'Drop the legacy orders.status column' },
    context: { text: 'The column has been unused since the March release.' },
    riskAssessment: { text: 'Locks orders for milliseconds; irreversible without a restore.' },
    rollbackPlan: { text: 'Restore the column from the nightly snapshot and redeploy the previous release.' },
    options: [],
    declaredRisk: {},
    files: { paths: ['db/migrations/0042_drop_status.sql'], complete: true },
    labels: [],
    requester: { id: 100, login: 'agent-author', type: 'User' },
    ...overrides,
  };
}

const FIELD: Record<Requirement, 'action' | 'context' | 'riskAssessment' | 'rollbackPlan'> = {
  action: 'action',
  context: 'context',
  risk_assessment: 'riskAssessment',
  rollback_plan: 'rollbackPlan',
};
const LABEL: Record<Requirement, string> = {
  action: 'action',
  context: 'context',
  risk_assessment: 'risk assessment',
  rollback_plan: 'rollback plan',
};

/** The request with one field set to `text` (or removed), from the spec file at line 12. */
function withField(requirement: Requirement, text: string | undefined): Request {
  const request = aRequest({ spec: { path: SPEC } });
  if (text === undefined) delete request[FIELD[requirement]];
  else request[FIELD[requirement]] = { text, source: { path: SPEC, line: 12 } } satisfies SourcedText;
  return request;
}

// For the action, a title, two words are enough (MIN_WORDS); the cases below mark where it differs.
const CASES: [string, string | undefined, (label: string) => string | undefined, number][] = [
  ['missing', undefined, (label) => `no ${label}`, 1],
  ['blank', '  \n\t', (label) => `no ${label}`, 12],
  ['"TBD"', 'TBD', (label) => `${label} is a placeholder ("TBD")`, 12],
  ['"tbd."', 'tbd.', (label) => `${label} is a placeholder ("tbd.")`, 12],
  ['"TODO"', 'TODO', (label) => `${label} is a placeholder ("TODO")`, 12],
  [
    '"TODO: write the steps"',
    'TODO: write the steps',
    (label) => `${label} is a placeholder ("TODO: write the steps")`,
    12,
  ],
  ['"TBA!"', 'TBA!', (label) => `${label} is a placeholder ("TBA!")`, 12],
  ['"N/A"', 'N/A', (label) => `${label} is a placeholder ("N/A")`, 12],
  ['"None."', 'None.', (label) => `${label} is a placeholder ("None.")`, 12],
  ['"nothing"', 'nothing', (label) => `${label} is a placeholder ("nothing")`, 12],
  ['"-"', '-', (label) => `${label} is a placeholder ("-")`, 12],
  ['"?"', '?', (label) => `${label} is a placeholder ("?")`, 12],
  ['"Later"', 'Later', (label) => `${label} is a placeholder ("Later")`, 12],
  ['"see above"', 'see above', (label) => `${label} is a placeholder ("see above")`, 12],
  ['"See below:"', 'See below:', (label) => `${label} is a placeholder ("See below:")`, 12],
  ['"Same as before."', 'Same as before.', (label) => `${label} is a placeholder ("Same as before.")`, 12],
  ['"**TBD**"', '**TBD**', (label) => `${label} is a placeholder ("**TBD**")`, 12],
  ['"- TBD"', '- TBD', (label) => `${label} is a placeholder ("- TBD")`, 12],
  ['one word', 'revert', (label) => `${label} is too short to act on ("revert")`, 12],
  [
    'two words',
    'git revert',
    (label) => (label === 'action' ? undefined : `${label} is too short to act on ("git revert")`),
    12,
  ],
  [
    'two words and punctuation',
    'Revert it — !',
    (label) => (label === 'action' ? undefined : `${label} is too short to act on ("Revert it — !")`),
    12,
  ],
  ['three words', 'Revert the merge.', () => undefined, 12],
  [
    'a plan that mentions TBD in passing',
    'Restore the snapshot; the exact window is TBD.',
    () => undefined,
    12,
  ],
];

describe('readiness', () => {
  for (const requirement of REQUIREMENTS) {
    describe(`when ${LABEL[requirement]} is required`, () => {
      it.each(CASES)('and it is %s', (_, text, problem, line) => {
        const readiness = evaluateReadiness(withField(requirement, text), [
          { requirement, rule: 'migrations' },
        ]);
        const expected = problem(LABEL[requirement]);
        expect(readiness).toEqual(
          expected === undefined
            ? { ready: true, missing: [] }
            : {
                ready: false,
                missing: [
                  { requirement, rule: 'migrations', problem: expected, source: { path: SPEC, line } },
                ],
              },
        );
      });
    });
  }

  it('is ready when nothing is required, however vague the request', () => {
    expect(evaluateReadiness(aRequest({ action: { text: 'TBD' } }), [])).toEqual({
      ready: true,
      missing: [],
    });
  });

  it('has no source when the request came from no file', () => {
    const request = aRequest();
    delete request.rollbackPlan;
    expect(
      evaluateReadiness(request, [{ requirement: 'rollback_plan', rule: 'migrations' }]).missing,
    ).toEqual([{ requirement: 'rollback_plan', rule: 'migrations', problem: 'no rollback plan' }]);
  });

  it('reports a requirement several rules demand once, for the first rule, in requirement order', () => {
    const request = aRequest({ action: { text: 'Deploy' }, context: { text: 'n/a' } });
    delete request.rollbackPlan;
    const readiness = evaluateReadiness(request, [
      { requirement: 'rollback_plan', rule: 'migrations' },
      { requirement: 'action', rule: 'production' },
      { requirement: 'rollback_plan', rule: 'production' },
      { requirement: 'context', rule: 'payments' },
      { requirement: 'action', rule: 'migrations' },
    ]);
    expect(readiness.missing.map((gap) => `${gap.requirement} (${gap.rule}): ${gap.problem}`)).toEqual([
      'action (production): action is too short to act on ("Deploy")',
      'context (payments): context is a placeholder ("n/a")',
      'rollback_plan (migrations): no rollback plan',
    ]);
  });

  it('quotes a long placeholder shortened to one line', () => {
    const readiness = evaluateReadiness(
      aRequest({
        rollbackPlan: {
          text: 'TODO: ask the DBA team\nwhich snapshot to restore and how long the restore takes',
        },
      }),
      [{ requirement: 'rollback_plan', rule: 'migrations' }],
    );
    expect(readiness.missing[0]?.problem).toBe(
      'rollback plan is a placeholder ("TODO: ask the DBA team which snapshot to restore and how lo…")',
    );
  });

  describe('placeholders', () => {
    it.each([
      ['TBD', true],
      ['tbd - ask the DBA', true],
      ['FIXME', true],
      ['...', true],
      ['—', true],
      ['`N/A`', true],
      ['(none)', true],
      ['To be decided with the DBA team', false],
      ['Todos are tracked in JIRA-12', false],
      ['None of the rows are deleted; revert the deploy.', false],
      ['Later releases read the new column only.', false],
    ])('%j is a placeholder: %s', (text, expected) => {
      expect(isPlaceholder(text)).toBe(expected);
    });
  });

  describe('of the example specs', () => {
    const rules = [
      { requirement: 'action' as const, rule: 'migrations' },
      { requirement: 'context' as const, rule: 'migrations' },
      { requirement: 'risk_assessment' as const, rule: 'migrations' },
      { requirement: 'rollback_plan' as const, rule: 'migrations' },
    ];
    const readinessOf = (name: string) => {
      const path = `docs/specs/${name}`;
      const { spec } = parseSpec(
        readFileSync(new URL(`../fixtures/specs/${name}`, import.meta.url), 'utf8'),
        path,
      );
      const pr = {
        repository: 'acme/shop',
        number: 7,
        title: 'Add a migration',
        body: '',
        author: { id: 100, login: 'agent-author', type: 'User' },
        headSha: 'c0ffee0000000000000000000000000000000001',
        baseRef: 'main',
        labels: [],
        files: { paths: [path], complete: true },
      };
      return evaluateReadiness(createPullRequestRequest(pr, [spec]), rules);
    };

    it('finds the complete migration spec ready', () => {
      expect(readinessOf('drop-legacy-email-column.md')).toEqual({ ready: true, missing: [] });
    });

    it('points at line 1 of a spec without a rollback plan', () => {
      expect(readinessOf('drop-column-no-rollback.md').missing).toEqual([
        {
          requirement: 'rollback_plan',
          rule: 'migrations',
          problem: 'no rollback plan',
          source: { path: 'docs/specs/drop-column-no-rollback.md', line: 1 },
        },
      ]);
    });

    it('points at each placeholder’s line, even where the front matter has a real rollback plan', () => {
      expect(
        readinessOf('drop-column-tbd.md').missing.map((gap) => `${gap.source?.line}: ${gap.problem}`),
      ).toEqual([
        '15: context is a placeholder ("TBD")',
        '19: risk assessment is a placeholder ("todo")',
        '23: rollback plan is a placeholder ("TBD.")',
      ]);
    });
  });
});

describe('a request not ready for approval', () => {
  it('says what it lacks in one line', () => {
    const { rollbackPlan: _none, ...request } = aRequest({ action: { text: 'Deploy' } });
    const readiness = evaluateReadiness(request, [
      { requirement: 'action', rule: 'deploys' },
      { requirement: 'rollback_plan', rule: 'deploys' },
    ]);
    expect(describeNotReady(readiness)).toBe(
      'not ready for approval: action is too short to act on ("Deploy"), no rollback plan',
    );
  });

  it.each([
    ['pending', false, true],
    ['escalated', false, true],
    ['pending', true, false],
    ['pending', undefined, false],
    ['rejected', false, false],
    ['auto_approved', false, false],
  ] as const)('in state %s with ready %s is refused: %s', (state, ready, refused) => {
    expect(isRefusedAsNotReady(state, ready)).toBe(refused);
  });
});
