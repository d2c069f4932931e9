import { describe, expect, it } from 'vitest';
import type { PriorDecision } from '../../src/core/model.ts';
import type { RiskFactors } from '../../src/core/policy-schema.ts';
import type { Tier } from '../../src/core/registry.ts';
import {
  CONFIG_RULE_NAME,
  compilePathRules,
  evaluateRisk,
  MATCHED_FILES_SHOWN,
} from '../../src/core/risk.ts';
import { aRequest, policyFrom } from '../support/builders.ts';

const plain = policyFrom('mode: ask\n');

describe('risk evaluation', () => {
  describe('the factor table (DESIGN §2)', () => {
    const rows: [string, RiskFactors, Tier][] = [
      ['a revertible change proceeds', { reversibility: 'revertible' }, 'proceed'],
      ['a config change notifies', { reversibility: 'config' }, 'notify'],
      ['an irreversible change needs approval', { reversibility: 'irreversible' }, 'approve'],
      ['a one-file blast radius proceeds', { blast_radius: 'file' }, 'proceed'],
      ['a module blast radius notifies', { blast_radius: 'module' }, 'notify'],
      ['a production blast radius needs approval', { blast_radius: 'production' }, 'approve'],
      ['a cost under 0.10 USD proceeds', { cost: 0.09 }, 'proceed'],
      ['a cost of 0.10 USD notifies', { cost: 0.1 }, 'notify'],
      ['a cost under 100 USD notifies', { cost: 99.99 }, 'notify'],
      ['a cost of 100 USD needs approval', { cost: 100 }, 'approve'],
      ['internal data proceeds', { sensitivity: 'internal' }, 'proceed'],
      ['customer data notifies', { sensitivity: 'customer_data' }, 'notify'],
      ['credentials need approval', { sensitivity: 'credentials' }, 'approve'],
      ['payments need approval', { sensitivity: 'payments' }, 'approve'],
      ['routine work proceeds', { precedent: 'routine' }, 'proceed'],
      ['first-time work notifies', { precedent: 'first_time' }, 'notify'],
      ['novel work needs approval', { precedent: 'novel' }, 'approve'],
      ['work that stays inside proceeds', { external: false }, 'proceed'],
      ['work that reaches customers or outside APIs needs approval', { external: true }, 'approve'],
    ];
    it.each(rows)('%s', (_name, declaredRisk, tier) => {
      const risk = evaluateRisk(plain, aRequest({ declaredRisk }));
      expect(risk.tier).toBe(tier);
      expect(risk.factors).toHaveLength(1);
      expect(risk.factors[0]).toMatchObject({ tier, from: 'declared by the requester' });
    });

    it('uses the configured cost thresholds', () => {
      const policy = policyFrom('thresholds:\n  cost: { notify: 5, approve: 50 }\n');
      const tierFor = (cost: number) => evaluateRisk(policy, aRequest({ declaredRisk: { cost } })).tier;
      expect([tierFor(4.99), tierFor(5), tierFor(49), tierFor(50)]).toEqual([
        'proceed',
        'notify',
        'notify',
        'approve',
      ]);
    });

    it('takes the highest tier of all factors', () => {
      const risk = evaluateRisk(
        plain,
        aRequest({ declaredRisk: { blast_radius: 'module', sensitivity: 'payments' } }),
      );
      expect(risk.tier).toBe('approve');
    });
  });

  describe('rule predicates', () => {
    const policy = policyFrom(`
rules:
  - name: migrations
    if: { paths: ["db/migrations/**", "!db/migrations/README.md"] }
    risk: { reversibility: irreversible }
  - name: hotfix-label
    if: { labels: [hotfix] }
    risk: { blast_radius: module }
  - name: prod
    if: { environments: ["prod*"] }
  - name: release-branches
    if: { branches: ["release/*"] }
    risk: { blast_radius: module }
  - name: agents
    if: { authors: [bots] }
    risk: { precedent: first_time }
  - name: deploys
    if: { kinds: [deploy] }
    risk: { external: true }
  - name: expensive
    if: { cost_over: 20 }
    risk: { cost: 150 }
  - name: both
    if: { paths: ["infra/**"], labels: [infra] }
    risk: { blast_radius: production }
reviewers:
  bots: [renovate-agent, "@acme/agents"]
`);
    const noAgents = { teams: { 'acme/agents': { members: [] } } };
    const matched = (
      request: Parameters<typeof evaluateRisk>[1],
      context: Parameters<typeof evaluateRisk>[2] = noAgents,
    ) => evaluateRisk(policy, request, context).rules.map((rule) => rule.name);

    it('matches the same files with the paths compiled ahead of the evaluation', () => {
      const ahead = policyFrom(`
rules:
  - name: migrations
    if: { paths: ["db/migrations/**", "!db/migrations/README.md"] }
  - name: labelled
    if: { labels: [hotfix] }
`);
      compilePathRules(ahead);
      compilePathRules(ahead);
      const files = ['db/migrations/001.sql', 'db/migrations/README.md', 'src/app.ts'];
      const risk = evaluateRisk(ahead, aRequest({ files: { paths: files, complete: true } }));
      expect(risk.rules.map((rule) => [rule.name, rule.files])).toEqual([
        ['migrations', ['db/migrations/001.sql']],
      ]);
    });

    it.each([
      [
        'paths match a changed file',
        aRequest({ files: { paths: ['db/migrations/001.sql'], complete: true } }),
        ['migrations'],
      ],
      [
        'a negated path excludes a file',
        aRequest({ files: { paths: ['db/migrations/README.md'], complete: true } }),
        [],
      ],
      ['labels match case-insensitively', aRequest({ labels: ['HotFix'] }), ['hotfix-label']],
      [
        'environments match by glob',
        aRequest({ gate: { kind: 'deployment', environment: 'production' } }),
        ['prod'],
      ],
      ['a request without environment does not match environments', aRequest(), []],
      [
        'branches match the target branch',
        aRequest({ subject: { sha: 'a', targetBranch: 'release/1.2' } }),
        ['release-branches'],
      ],
      [
        'authors match a login in a group',
        aRequest({ requester: { id: 5, login: 'Renovate-Agent', type: 'User' } }),
        ['agents'],
      ],
      ['kinds match the declared kind', aRequest({ kind: 'deploy' }), ['deploys']],
      ['cost_over matches a higher cost', aRequest({ declaredRisk: { cost: 20.01 } }), ['expensive']],
      ['cost_over does not match an equal cost', aRequest({ declaredRisk: { cost: 20 } }), []],
      [
        'all predicates of a rule must hold',
        aRequest({ files: { paths: ['infra/main.tf'], complete: true } }),
        [],
      ],
      [
        'all predicates of a rule hold together',
        aRequest({ labels: ['infra'], files: { paths: ['infra/main.tf'], complete: true } }),
        ['both'],
      ],
    ])('%s', (_name, request, expected) => {
      expect(matched(request)).toEqual(expected);
    });

    it('matches team authors through the team facts', () => {
      const agent = { id: 77, login: 'some-agent', type: 'User' };
      expect(
        matched(aRequest({ requester: agent }), { teams: { 'acme/agents': { members: [77] } } }),
      ).toEqual(['agents']);
      expect(
        matched(aRequest({ requester: agent }), { teams: { 'acme/agents': { members: [78] } } }),
      ).toEqual([]);
    });

    it('applies an authors rule when the team cannot be read (fail closed)', () => {
      const agent = { id: 77, login: 'some-agent', type: 'User' };
      const risk = evaluateRisk(policy, aRequest({ requester: agent }), {
        teams: { 'acme/agents': { error: '403' } },
      });
      expect(risk.rules.map((rule) => rule.reasons)).toEqual([
        ['author: team membership of some-agent could not be read, so the rule applies (fail closed)'],
      ]);
    });

    it('lists the matched files, capped, with the full count', () => {
      const paths = Array.from({ length: 45 }, (_, i) => `db/migrations/${String(i).padStart(3, '0')}.sql`);
      const [rule] = evaluateRisk(policy, aRequest({ files: { paths, complete: true } }), noAgents).rules;
      expect(rule?.files).toHaveLength(MATCHED_FILES_SHOWN);
      expect(rule?.filesMatched).toBe(45);
      expect(rule?.reasons).toEqual(['paths: 45 changed files match']);
    });

    it('matches dot-folders with **', () => {
      const dotted = policyFrom('rules:\n  - name: all\n    if: { paths: ["**/*.yml"] }\n');
      const risk = evaluateRisk(
        dotted,
        aRequest({ files: { paths: ['.github/workflows/deploy.yml'], complete: true } }),
      );
      expect(risk.rules.map((rule) => rule.name)).toEqual(['all']);
    });

    it('treats path rules as matched when the file list is incomplete (fail closed)', () => {
      const risk = evaluateRisk(
        policy,
        aRequest({ files: { paths: ['src/a.ts'], complete: false } }),
        noAgents,
      );
      expect(risk.rules.map((rule) => rule.name)).toEqual(['migrations']);
      expect(risk.tier).toBe('approve');
      expect(risk.problems).toHaveLength(1);
    });

    it('gives a rule without risk the approve tier', () => {
      const risk = evaluateRisk(
        policy,
        aRequest({ gate: { kind: 'deployment', environment: 'prod' } }),
        noAgents,
      );
      expect(risk.rules[0]).toMatchObject({ name: 'prod', tier: 'approve', level: 'approve' });
    });
  });

  describe('a change to the policy file', () => {
    const request = aRequest({ files: { paths: ['.github/gatehouse.yml'], complete: true } });

    it.each(['auto', 'ask', 'ask-once', 'always'])(
      'is at the top tier and never waived in mode %s',
      (mode) => {
        const risk = evaluateRisk(policyFrom(`mode: ${mode}\nallow: [docs]\n`), { ...request, kind: 'docs' });
        expect(risk.tier).toBe('approve');
        expect(risk.rules.map((rule) => rule.name)).toContain(CONFIG_RULE_NAME);
        expect(risk.waived).toBeUndefined();
      },
    );

    it('follows a configured policy path', () => {
      const risk = evaluateRisk(
        plain,
        aRequest({ files: { paths: ['ops/gatehouse.yml'], complete: true } }),
        {
          policyFiles: ['ops/gatehouse.yml'],
        },
      );
      expect(risk.tier).toBe('approve');
    });

    it('gates a change to a file the policy extends in this repository like the policy itself', () => {
      const risk = evaluateRisk(
        plain,
        aRequest({ files: { paths: ['docs/readme.md', 'policies/base.yml'], complete: true } }),
        { policyFiles: ['.github/gatehouse.yml', 'policies/base.yml'] },
      );
      expect(risk.tier).toBe('approve');
      expect(risk.rules).toContainEqual(
        expect.objectContaining({
          name: CONFIG_RULE_NAME,
          tier: 'approve',
          level: 'approve',
          files: ['policies/base.yml'],
          reasons: ['changes policies/base.yml: a change to the policy is always at the top tier'],
        }),
      );
      expect(risk.waived).toBeUndefined();
    });

    it('does not take the default policy path for policy when the policy lives elsewhere', () => {
      const risk = evaluateRisk(
        plain,
        aRequest({ files: { paths: ['.github/gatehouse.yml'], complete: true } }),
        { policyFiles: ['ops/gatehouse.yml'] },
      );
      expect(risk.rules.map((rule) => rule.name)).not.toContain(CONFIG_RULE_NAME);
    });
  });

  describe('modes and allow', () => {
    const rules = `
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    risk: { reversibility: irreversible }
`;
    const migration = aRequest({ files: { paths: ['db/1.sql'], complete: true } });
    const approvedBefore: PriorDecision[] = [
      {
        id: 'x',
        decision: 'approved',
        rules: ['migrations'],
        kind: 'docs',
        target: 'main',
        at: '2026-01-01T00:00:00Z',
      },
    ];

    it('auto records the tier but waives it', () => {
      const risk = evaluateRisk(policyFrom(`mode: auto\n${rules}`), migration);
      expect(risk).toMatchObject({
        tier: 'approve',
        waived: 'mode auto: Gatehouse records but never blocks',
      });
    });

    it('always puts every request at the approve tier', () => {
      const risk = evaluateRisk(policyFrom('mode: always\n'), aRequest());
      expect(risk.tier).toBe('approve');
      expect(risk.factors).toContainEqual(expect.objectContaining({ factor: 'mode', tier: 'approve' }));
    });

    it('ask lets an allowed kind through on its own risk factors', () => {
      const risk = evaluateRisk(
        policyFrom('allow: [docs]\n'),
        aRequest({ kind: 'docs', declaredRisk: { blast_radius: 'production' } }),
      );
      expect(risk.waived).toBe('kind docs is allowed by the policy');
    });

    it('ask never lets an allowed kind past a matched rule', () => {
      const risk = evaluateRisk(policyFrom(`allow: [docs]\n${rules}`), { ...migration, kind: 'docs' });
      expect(risk.waived).toBeUndefined();
    });

    it('ask-once lets a change through whose rules were approved before', () => {
      const policy = policyFrom(`mode: ask-once\n${rules}`);
      expect(evaluateRisk(policy, migration, { history: approvedBefore }).waived).toBe(
        'mode ask-once: the same kind of change was approved before',
      );
      expect(evaluateRisk(policy, migration, { history: [] }).waived).toBeUndefined();
    });

    it('ask-once takes no precedent from the same pull request’s earlier decisions', () => {
      const policy = policyFrom(`mode: ask-once\n${rules}`);
      const ownEarlierHead: PriorDecision[] = [{ ...approvedBefore[0], pullRequest: 7 } as PriorDecision];
      expect(evaluateRisk(policy, migration, { history: ownEarlierHead }).waived).toBeUndefined();
      const otherPullRequest: PriorDecision[] = [{ ...approvedBefore[0], pullRequest: 6 } as PriorDecision];
      expect(evaluateRisk(policy, migration, { history: otherPullRequest }).waived).toBeDefined();
    });

    it('ask does not use precedent to waive', () => {
      expect(evaluateRisk(policyFrom(rules), migration, { history: approvedBefore }).waived).toBeUndefined();
    });

    describe('when the decision before was for another target', () => {
      const policy = policyFrom(`mode: ask-once\n${rules}`);
      const before = approvedBefore[0] as PriorDecision;
      const { target: _target, ...untargeted } = before;
      const { targetBranch: _branch, ...noTarget } = migration.subject;
      it.each<[string, PriorDecision[], typeof migration]>([
        ['a pull request into another branch', [{ ...before, target: 'release' }], migration],
        ['a branch that only looks like the target', [{ ...before, target: 'Main' }], migration],
        ['a record written before targets were (no target)', [untargeted], migration],
        ['a request without a target branch', approvedBefore, { ...migration, subject: noTarget }],
      ])('asks again: %s is no precedent', (_case, history, request) => {
        const risk = evaluateRisk(policy, request, { history });
        expect(risk.waived).toBeUndefined();
        expect(risk.factors).toContainEqual(
          expect.objectContaining({ factor: 'precedent', value: 'first_time' }),
        );
      });

      it('counts only the decisions for the same target, and says which target', () => {
        const risk = evaluateRisk(policy, migration, { history: [{ ...before, target: 'release' }, before] });
        expect(risk.waived).toBe('mode ask-once: the same kind of change was approved before');
        expect(risk.factors).toContainEqual(
          expect.objectContaining({
            factor: 'precedent',
            from: 'computed: approved before for main: rule migrations',
          }),
        );
      });
    });
  });

  describe('precedent from the decision log', () => {
    const policy = policyFrom(
      'rules:\n  - name: docs\n    if: { paths: ["docs/**"] }\n    risk: { blast_radius: file }\n',
    );
    const request = aRequest({ files: { paths: ['docs/a.md'], complete: true } });
    const precedentOf = (history?: PriorDecision[], historyNote?: string) =>
      evaluateRisk(policy, request, { history, historyNote }).factors.find(
        (factor) => factor.factor === 'precedent',
      );

    it('is routine when every matched rule was approved before', () => {
      const history: PriorDecision[] = [
        { id: 'a', decision: 'auto_approved', rules: ['docs'], target: 'main', at: '2026-01-01T00:00:00Z' },
      ];
      expect(precedentOf(history)).toMatchObject({ value: 'routine', tier: 'proceed' });
    });

    it('is first_time when a matched rule was only ever rejected', () => {
      const history: PriorDecision[] = [
        { id: 'a', decision: 'rejected', rules: ['docs'], target: 'main', at: '2026-01-01T00:00:00Z' },
      ];
      expect(precedentOf(history)).toMatchObject({ value: 'first_time', tier: 'notify' });
    });

    it('compares kinds whole, spaces and all', () => {
      const history: PriorDecision[] = [
        { id: 'a', decision: 'approved', rules: [], kind: 'db', target: 'main', at: '2026-01-01T00:00:00Z' },
      ];
      const risk = evaluateRisk(plain, aRequest({ kind: 'db drop' }), { history });
      expect(risk.factors).toContainEqual(
        expect.objectContaining({
          factor: 'precedent',
          value: 'first_time',
          from: 'computed: never approved before for main: kind db drop',
        }),
      );
    });

    it('is first_time, with the reason given, when the log is not trusted', () => {
      expect(precedentOf(undefined, 'the Action takes no precedent from the log')).toMatchObject({
        value: 'first_time',
        from: 'computed: the Action takes no precedent from the log',
      });
    });

    it('is first_time when the log could not be read', () => {
      expect(precedentOf(undefined)).toMatchObject({
        value: 'first_time',
        from: 'computed: the decision log could not be read',
      });
    });

    it('is not computed for a change no rule matched and no kind names', () => {
      expect(evaluateRisk(policy, aRequest(), { history: [] }).factors).toEqual([]);
    });

    it('is raised, never lowered, by what the requester declares', () => {
      const history: PriorDecision[] = [
        { id: 'a', decision: 'approved', rules: ['docs'], target: 'main', at: '2026-01-01T00:00:00Z' },
      ];
      const risk = evaluateRisk(policy, { ...request, declaredRisk: { precedent: 'novel' } }, { history });
      expect(risk.tier).toBe('approve');
      const lowered = evaluateRisk(policyFrom('rules:\n  - name: x\n    if: { paths: ["**"] }\n'), {
        ...request,
        declaredRisk: { reversibility: 'revertible', blast_radius: 'file' },
      });
      expect(lowered.tier).toBe('approve');
    });
  });
});
