// A request that lacks what its rules require (here a rollback plan) is not put to anyone
// (DESIGN §6): no approval issue, a failing check run that says what is missing, and the step
// fails at once with `decision: rejected`, as the App answers such a deployment. In `gate` and
// `request` mode, with and without `wait` (issue 11, defect 2).
import { describe, expect, it } from 'vitest';
import { ACTIONS_APP_ID } from '../simulator/github.ts';
import { useScenario } from './scenario.ts';

const POLICY = `mode: ask
reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { kinds: [migration] }
    risk: { reversibility: irreversible, blast_radius: production }
    reviewers: [platform]
  - name: production-deploys
    if: { environments: [production] }
    risk: { blast_radius: production }
    reviewers: [platform]
`;

const scenario = useScenario(POLICY);
const MISSING = 'not ready for approval: no rollback plan';

const cases = [
  { mode: 'request', inputs: { mode: 'request', title: 'Drop orders.status', kind: 'migration' } },
  { mode: 'gate', inputs: { mode: 'gate', environment: 'production' } },
];

for (const { mode, inputs } of cases) {
  for (const wait of [false, true]) {
    describe(`mode ${mode}${wait ? ' with wait' : ''}, without the rollback plan the rule requires`, () => {
      it('opens no approval issue and fails at once with what is missing', async () => {
        const { github } = scenario;
        const run = await scenario.run({
          inputs: wait ? { ...inputs, wait: 'true', timeout: '10s', 'poll-interval': '1s' } : inputs,
        });

        expect(run.code, run.stdout).toBe(1);
        expect(run.outputs).toMatchObject({ decision: 'rejected', reason: MISSING, 'request-url': '' });
        expect(run.stdout).toContain(`::error::${MISSING}`);
        expect(run.stdout).not.toContain('waiting for a decision');
        expect(github.state.issues.size).toBe(0);
        expect(github.state.comments.size).toBe(0);
        expect(github.state.dispatches).toEqual([]);
        // Nothing to wait for: no poll was made.
        expect(github.requests.filter((request) => request.conditional)).toEqual([]);
        expect(github.state.checkRuns).toHaveLength(1);
        expect(github.state.checkRuns[0]).toMatchObject({
          app: { id: ACTIONS_APP_ID },
          status: 'completed',
          conclusion: 'failure',
          output: { title: 'Not ready for approval: no rollback plan' },
        });
      });
    });
  }
}
