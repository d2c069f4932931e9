// The bundled Action under `mode: ask-once`: its decision log is written as github-actions[bot],
// which every workflow of the repository can commit as, so nothing read back from it is precedent
// (DESIGN §11, docs/security.md "the Action's trust boundary"). A kind approved before asks again,
// and the job says why, once, in its log and its summary.
import { describe, expect, it } from 'vitest';
import { users } from '../support/github-fixtures.ts';
import { issueOf, POLICY, useScenario } from './scenario.ts';

const scenario = useScenario(POLICY.replace('mode: ask', 'mode: ask-once'));
const migration = {
  mode: 'request',
  title: 'Drop orders.status',
  kind: 'migration',
  rollback: 'Restore the column',
};
const NOTICE = 'mode ask-once works like ask in the Action';

describe('the bundled Action with mode ask-once', () => {
  it('asks again for a kind approved before, and says once why', async () => {
    const first = await scenario.run({ inputs: migration });
    expect(first.outputs.decision).toBe('pending');
    scenario.github.age(issueOf(first), 60_000);
    scenario.github.addComment(issueOf(first), users.alice, '/approve');
    const approved = await scenario.run({ inputs: migration });
    expect(approved.outputs).toMatchObject({ decision: 'approved' });
    expect(approved.outputs['log-commit']).not.toBe('');

    // The same kind again, on the same branch: with precedent from the log it would proceed.
    const next = await scenario.run({ inputs: { ...migration, title: 'Drop orders.note' } });
    expect(next.code).toBe(1);
    expect(next.outputs).toMatchObject({ decision: 'pending', tier: 'approve' });
    expect(next.stdout.split('\n').filter((line) => line.includes(NOTICE))).toHaveLength(1);
    expect(next.stdout).toContain(`::notice::${NOTICE}`);
    // The summary is Markdown: its escapes removed, the note is there once.
    expect(next.summary.replace(/\\(.)/g, '$1').split(NOTICE)).toHaveLength(2);
    const issue = scenario.github.state.issues.get(issueOf(next));
    expect(issue?.body).toContain('the Action takes no precedent from the decision log');
  });
});
