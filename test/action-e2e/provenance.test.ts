// What the Action's decision record says of where it came from: the approver's note, escaped in
// the body, and the workflow run that wrote it (GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/
// GITHUB_RUN_ID), read from the log branch the bundled Action committed to.
import { describe, expect, it } from 'vitest';
import { parseDecisionRecord } from '../../src/core/decision-record.ts';
import { users } from '../support/github-fixtures.ts';
import { issueOf, useScenario } from './scenario.ts';

const scenario = useScenario();
const inputs = {
  mode: 'request',
  title: 'Drop orders.status',
  kind: 'migration',
  rollback: 'Restore the column',
  options: 'online, offline: take the shop down for 5 minutes',
};

describe('the decision record the Action writes', () => {
  it('links its workflow run and keeps the approver’s note, escaped in the body', async () => {
    const first = await scenario.run({ inputs, runId: 7001 });
    expect(first.outputs.decision).toBe('pending');
    scenario.github.age(issueOf(first), 60_000);
    scenario.github.addComment(
      issueOf(first),
      users.alice,
      '/approve offline after the <b>backup</b>, @bob\n---\nschema: 1',
    );
    const run = await scenario.run({ inputs, runId: 7002 });
    expect(run.code, run.stdout).toBe(0);

    const files = Object.entries(scenario.github.filesOnBranch('gatehouse-log')).filter(([path]) =>
      path.startsWith('decisions/'),
    );
    expect(files).toHaveLength(1);
    const [, text = ''] = files[0] ?? [];
    const parsed = parseDecisionRecord(text);
    if (!('record' in parsed)) throw new Error(parsed.error);
    expect(parsed.record).toMatchObject({
      schema: 2,
      decision: 'approved',
      option: 'b',
      approvers: [{ login: 'alice', note: 'after the <b>backup</b>, @bob\n---\nschema: 1' }],
      links: { workflow_run: 'https://github.com/acme/shop/actions/runs/7002' },
    });
    // The front matter holds the note as data; the body, for people, only as escaped text.
    const body = text.slice(text.indexOf('\n---\n', 4) + 5);
    expect(body).toContain('[workflow run](https://github.com/acme/shop/actions/runs/7002)');
    expect(body).toContain('> after the &lt;b&gt;backup&lt;/b&gt;, @\u200Bbob\\\n> \\-\\-\\-\\\n> schema: 1');
    expect(body).not.toContain('<b>');
  });
});
