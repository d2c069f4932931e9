import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/core/gate.ts';
import { createPlan, type Plan, renderPlanMarkdown } from '../../src/core/plan.ts';
import { aRequest, HEAD, LATER, policyFrom, someFacts } from '../support/builders.ts';

const BASE_SHA = 'ba5e000000000000000000000000000000000001';

const context = {
  repository: 'acme/shop',
  base: { ref: 'origin/main', branch: 'main', sha: BASE_SHA, mergeBase: BASE_SHA },
  head: { sha: HEAD },
  policySource: { kind: 'base', ref: 'origin/main', path: '.github/gatehouse.yml' } as const,
  files: { paths: ['db/migrations/001.sql', 'src/app.ts'], complete: true },
  specs: [],
  notes: [],
};

const POLICY = `
reviewers:
  dba: [bob, carol]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    risk: { reversibility: irreversible }
    reviewers: [dba]
    approvals: 2
  - name: docs
    if: { paths: ["docs/**"] }
    risk: { reversibility: config }
`;

function planFor(yaml: string, request = aRequest({ files: context.files })): Plan {
  const policy = policyFrom(yaml);
  const result = evaluateGate(policy, request, someFacts({ history: [] }), LATER);
  return createPlan({ ...context, policy, request, result, now: LATER });
}

describe('the plan', () => {
  describe('without a policy', () => {
    it('says Gatehouse would do nothing, in JSON and in Markdown', () => {
      const plan = createPlan({ ...context, policy: undefined });
      expect(plan).toEqual({
        version: 1,
        repository: 'acme/shop',
        base: context.base,
        head: context.head,
        policy: { source: 'base:origin/main' },
        files: { count: 2, complete: true },
        specs: [],
        log: null,
        state: 'no_policy',
        notes: [],
      });
      expect(renderPlanMarkdown(plan)).toContain('**No policy: Gatehouse would do nothing.**');
    });
  });

  describe('for a change a rule gates', () => {
    it('lists who must approve each rule, with the entries of each group', () => {
      const plan = planFor(POLICY);
      if (plan.state === 'no_policy') throw new Error('expected a policy');
      expect(plan.requirements).toEqual([
        {
          rule: 'migrations',
          level: 'approve',
          needed: 2,
          reviewers: [{ group: 'dba', entries: ['bob', 'carol'] }],
        },
      ]);
      expect(renderPlanMarkdown(plan)).toContain(
        '- **migrations** (approve level) needs 2 approvals from dba (bob, carol)\n',
      );
    });

    it('points every readiness gap at its file and line', () => {
      const request = aRequest({
        files: context.files,
        spec: { path: 'docs/specs/drop.md' },
        rollbackPlan: { text: 'TBD', source: { path: 'docs/specs/drop.md', line: 14 } },
      });
      const plan = planFor(POLICY, request);
      expect(renderPlanMarkdown(plan)).toContain(
        '## Not ready for approval\n\n- docs/specs/drop.md:14: rollback plan is a placeholder ("TBD"), required by rule **migrations**\n',
      );
    });

    it('shows twenty matched files per rule and counts the rest', () => {
      const paths = Array.from(
        { length: 23 },
        (_, index) => `db/migrations/${String(index).padStart(3, '0')}.sql`,
      );
      const markdown = renderPlanMarkdown(planFor(POLICY, aRequest({ files: { paths, complete: true } })));
      expect(markdown).toContain('  - `db/migrations/019.sql`\n  - and 3 more files\n');
      expect(markdown).not.toContain('020.sql');
    });

    it('quotes file names that hold backticks so the Markdown stays intact', () => {
      const markdown = renderPlanMarkdown(
        planFor(POLICY, aRequest({ files: { paths: ['db/migrations/`x`.sql'], complete: true } })),
      );
      expect(markdown).toContain('  - `` db/migrations/`x`.sql ``\n');
    });
  });

  describe('for a change that proceeds', () => {
    it('says why and that nobody needs to approve', () => {
      const plan = planFor(`mode: auto\n${POLICY}`);
      if (plan.state === 'no_policy') throw new Error('expected a policy');
      expect(plan.state).toBe('auto_approved');
      expect(plan.waived).toBe('mode auto: Gatehouse records but never blocks');
      expect(Object.keys(plan).slice(9, 13)).toEqual(['state', 'tier', 'level', 'waived']);
      const markdown = renderPlanMarkdown(plan);
      expect(markdown).toContain(
        'Proceeds without approval: mode auto: Gatehouse records but never blocks\n',
      );
      expect(markdown).toContain(
        '## Who must approve\n\nNobody: the change would proceed (auto_approved).\n',
      );
    });
  });

  describe('for a working-tree policy given with --config', () => {
    it('says the App would read the default branch policy instead', () => {
      const policy = policyFrom(POLICY);
      const request = aRequest({ files: context.files });
      const result = evaluateGate(policy, request, someFacts(), LATER);
      const plan = createPlan({
        ...context,
        policySource: { kind: 'file', path: 'try.yml' },
        policy,
        request,
        result,
        now: LATER,
      });
      expect(plan.policy).toEqual({ source: 'file:try.yml' });
      expect(renderPlanMarkdown(plan)).toContain(
        "- **Policy:** `file:try.yml`: a working-tree file, given with --config (Gatehouse would read the default branch's)\n",
      );
    });
  });
});
