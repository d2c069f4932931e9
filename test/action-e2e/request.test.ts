// The bundled Action asked once (no `wait`), as a workflow step on workflow_dispatch: an allowed
// kind proceeds, a risky one fails the step with the approval issue's link, and the answers given
// on that issue decide the next run: a rejection, an option, an approver who does not count.
import { describe, expect, it } from 'vitest';
import { ACTIONS_APP_ID } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import { issueOf, RUNTIMES, useScenario } from './scenario.ts';

const scenario = useScenario();
const migration = {
  mode: 'request',
  title: 'Drop orders.status',
  kind: 'migration',
  rollback: 'Restore the column',
};

for (const runtime of RUNTIMES) {
  describe(`the bundled Action under ${runtime.name}`, () => {
    describe('when the kind is one the policy allows', () => {
      it('passes without asking anyone, and records the decision', async () => {
        const run = await scenario.run({
          node: runtime.node,
          inputs: { mode: 'request', title: 'Fix a typo', kind: 'docs' },
        });
        expect(run.code, run.stdout).toBe(0);
        expect(run.outputs).toMatchObject({ decision: 'auto_approved', approvers: '[]' });
        expect(run.outputs['decision-id']).toMatch(/^[0-9a-f]{24}$/);
        expect(run.summary).toContain('auto_approved');
        expect(scenario.github.state.issues.size).toBe(0);
        expect(JSON.parse(run.outputs.result ?? '{}')).toMatchObject({
          mode: 'request',
          decision: 'auto_approved',
        });
      });
    });

    describe('when the request needs an approval', () => {
      it('fails the step with the link to the approval issue, and shows the pending check run', async () => {
        const run = await scenario.run({ node: runtime.node, inputs: migration });
        expect(run.code).toBe(1);
        const url = run.outputs['request-url'] ?? '';
        expect(url).toMatch(/^https:\/\/github\.com\/acme\/shop\/issues\/\d+$/);
        expect(run.stdout).toContain(`::error::waiting for approval: ${url}`);
        expect(run.outputs).toMatchObject({ decision: 'pending', tier: 'approve' });
        const issue = scenario.github.state.issues.get(issueOf(run));
        expect(issue).toMatchObject({ state: 'open', title: 'Gatehouse: Drop orders.status' });
        const check = scenario.github.state.checkRuns.find(
          (entry) => String(entry.id) === run.outputs['check-run-id'],
        );
        expect(check).toMatchObject({ status: 'in_progress', app: { id: ACTIONS_APP_ID } });
        expect(run.summary).toContain(url);
      });
    });
  });
}

describe('the answers on the approval issue, read by the next run', () => {
  it('a rejection fails the step with its reason', async () => {
    const first = await scenario.run({ inputs: migration });
    scenario.github.addComment(issueOf(first), users.alice, '/reject not during the sale');
    const run = await scenario.run({ inputs: migration });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'rejected', reason: 'not during the sale' });
    expect(run.stdout).toContain('::error::rejected: not during the sale');
    expect(run.outputs['request-url']).toBe(first.outputs['request-url']);
  });

  it('an approver without write permission, or not listed, is ignored', async () => {
    const first = await scenario.run({ inputs: migration });
    scenario.github.age(issueOf(first), 60_000);
    scenario.github.setPermission('bob', 'read');
    scenario.github.setPermission('mallory', 'admin');
    scenario.github.addComment(issueOf(first), users.bob, '/approve');
    scenario.github.addComment(issueOf(first), users.mallory, '/approve');
    const run = await scenario.run({ inputs: migration });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
  });

  it('returns the option the approver chose', async () => {
    const inputs = { ...migration, options: 'online, offline: take the shop down for 5 minutes' };
    const first = await scenario.run({ inputs });
    expect(first.outputs.decision).toBe('pending');
    // Approvals within 30 s of the request are held stale (the push guard): a minute has passed.
    scenario.github.age(issueOf(first), 60_000);
    scenario.github.addComment(issueOf(first), users.alice, '/approve offline');
    const run = await scenario.run({ inputs });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'approved', option: 'offline', approvers: '["alice"]' });
    expect(scenario.github.state.dispatches.at(-1)).toMatchObject({
      event_type: 'gatehouse-decision',
      client_payload: expect.objectContaining({ decision: 'approved' }),
    });
  });
});
