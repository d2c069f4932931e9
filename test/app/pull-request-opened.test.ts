// Pull-request gates end to end, part 1: what opening a pull request leads to under each state
// of the policy. Signed deliveries go into the real App; the shared orchestration recomputes each
// gate from a simulated GitHub (test/support/github-world.ts); every request is declared and made.

import { describe, expect, it } from 'vitest';
import { APP_ID, HEAD_SHA, users } from '../support/github-fixtures.ts';
import { aWorld, mockCreateCheckRun, mockLogWrite, mockReads, runsOf } from '../support/github-world.ts';
import { OPENED_AT, openPullRequest, pullRequestEvent, step, useAppWorlds } from './app-world.ts';

const apps = useAppWorlds();

describe('a pull request opened', () => {
  it('in a repository without a policy gets no check and no comment', async () => {
    const app = await apps.start(aWorld({ policy: null }));
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) =>
      mockReads(app.world, scope),
    );
    expect(run).toMatchObject({ policy: 'absent', requests: 2 });
    expect(runsOf(app.world)).toEqual([]);
  });

  it('under an invalid policy gets a failing check that lists every problem', async () => {
    const app = await apps.start(
      aWorld({ policy: 'mode: sometimes\nrules:\n  - name: x\n    paths: [a]\n' }),
    );
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope, { gather: false });
      scope
        .get(`/repos/acme/shop/commits/${HEAD_SHA}/check-runs`)
        .query({ check_name: 'gatehouse', app_id: APP_ID, filter: 'all', per_page: 100 })
        .reply(200, { total_count: 0, check_runs: [] });
      mockCreateCheckRun(app.world, scope);
    });
    expect(run).toMatchObject({ policy: 'invalid' });
    const [check] = runsOf(app.world);
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect((check?.output as { summary?: string } | undefined)?.summary).toMatchInlineSnapshot(`
      "**Invalid configuration** — \`.github/gatehouse.yml\` has 2 problems. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.

      - mode: expected one of "auto", "ask\\-once", "ask" or "always", got "sometimes" (line 1, column 7)
      - rules\\[0\\]: unknown key "paths" \\(did you mean "if.paths"?\\) (line 4, column 5)"
    `);
  });

  it('that changes nothing risky is approved on its own and recorded', async () => {
    const app = await apps.start(aWorld({ files: ['docs/readme.md'] }));
    const run = await step(app, OPENED_AT, pullRequestEvent('opened', users.author), (scope) => {
      mockReads(app.world, scope);
      mockLogWrite(app.world, scope);
      mockCreateCheckRun(app.world, scope);
    });
    expect(run).toMatchObject({ policy: 'valid', state: 'auto_approved' });
    expect(runsOf(app.world)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(app.world.comments).toEqual([]);
    expect(app.world.log).toHaveLength(1);
  });

  it('that changes a migration waits: a request comment, review requests and a pending check', async () => {
    const app = await apps.start(aWorld());
    const run = await openPullRequest(app);
    expect(run).toMatchObject({ policy: 'valid', state: 'pending' });
    expect(runsOf(app.world)).toMatchObject([
      { status: 'in_progress', output: { title: 'Waiting for 1 approval from platform' } },
    ]);
    expect(app.world.comments).toHaveLength(1);
  });
});
