// `sweep` (picked on schedule): pending approval issues whose deadline has passed are decided
// without anyone commenting: one expires, the other escalates to its backup approvers.
import { describe, expect, it } from 'vitest';
import { issueOf, OLDEST, useScenario } from './scenario.ts';

const POLICY = `mode: ask
reviewers:
  platform: [alice, bob]
  backup: [carol]
rules:
  - name: migrations
    if: { kinds: [migration] }
    risk: { reversibility: irreversible }
    level: approve
    reviewers: [platform]
    timeout: 2s
    on_timeout: reject
  - name: deploys
    if: { kinds: [deploy] }
    risk: { blast_radius: production }
    level: approve
    reviewers: [platform]
    timeout: 10s
    on_timeout: escalate
    escalate_to: [backup]
`;

const scenario = useScenario(POLICY);
const rollback = 'Restore from the nightly snapshot';

describe('sweep on schedule', () => {
  it(`expires one request and escalates the other once their deadlines pass (sweep under ${OLDEST.name})`, async () => {
    const deploy = await scenario.run({
      inputs: { mode: 'request', kind: 'deploy', title: 'Deploy the checkout service', rollback },
    });
    const migration = await scenario.run({
      inputs: { mode: 'request', kind: 'migration', title: 'Drop the orders.status column', rollback },
    });
    expect([migration.outputs.decision, deploy.outputs.decision]).toEqual(['pending', 'pending']);
    // 11 s pass: both deadlines (2 s and 10 s) are behind the requests, the escalation's (20 s) is not.
    const { github } = scenario;
    github.advance(11_000);
    const run = await scenario.run({
      node: OLDEST.node,
      inputs: {},
      eventName: 'schedule',
      event: { schedule: '*/15 * * * *', workflow: '.github/workflows/gatehouse.yml' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('sweep: 0 pull request gate(s) and 2 request gate(s) recomputed');
    expect(JSON.parse(run.outputs.result ?? '{}')).toMatchObject({ mode: 'sweep' });
    expect(github.state.issues.get(issueOf(migration))).toMatchObject({ state: 'closed' });
    const escalated = github.state.issues.get(issueOf(deploy));
    expect(escalated).toMatchObject({ state: 'open' });
    const said = github.commentsOn(issueOf(deploy)).map((comment) => String(comment.body));
    expect(said.some((body) => body.includes('@carol'))).toBe(true);
    const decisions = github.state.dispatches.map(
      (dispatch) => (dispatch.client_payload as { decision?: string }).decision,
    );
    expect(decisions).toContain('expired');
  });
});
