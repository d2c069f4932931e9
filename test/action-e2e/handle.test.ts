// `handle` (picked on issue_comment): an approval given on the approval issue or on the pull
// request is taken up by the workflow that the comment triggers; for a pull request gate, the
// deploy run that failed while the gate was pending is re-run.
import { describe, expect, it } from 'vitest';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import { anEvent } from './run-action.ts';
import { issueOf, OLDEST, POLICY, useScenario } from './scenario.ts';

const scenario = useScenario();

function aCommentEvent(issue: { number: number; pull?: boolean }, id: number, body: string) {
  const user = { login: users.alice.login, id: users.alice.id, type: 'User' };
  return anEvent('issue_comment', 'created', {
    issue: {
      number: issue.number,
      pull_request: issue.pull
        ? { url: `https://api.github.com/repos/acme/shop/pulls/${issue.number}` }
        : undefined,
    },
    comment: { id, body, user, updated_at: new Date().toISOString() },
    sender: user,
  });
}

describe('handle on an issue comment', () => {
  it('approves the request on its approval issue and announces the decision', async () => {
    const inputs = {
      mode: 'request',
      kind: 'migration',
      title: 'Drop the orders.status column',
      rollback: 'Restore the column',
    };
    const first = await scenario.run({ inputs });
    const issue = issueOf(first);
    scenario.github.age(issue, 60_000);
    const id = scenario.github.addComment(issue, users.alice, '/approve');
    const run = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent({ number: issue }, id, '/approve'),
      actor: 'alice',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    expect(JSON.parse(run.outputs.result ?? '{}')).toMatchObject({ mode: 'handle' });
    expect(scenario.github.state.dispatches.at(-1)).toMatchObject({ event_type: 'gatehouse-decision' });
    // The waiting job, run again, finds the decision.
    const again = await scenario.run({ inputs });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({
      decision: 'approved',
      'request-url': first.outputs['request-url'],
    });
  });

  it(`approves a pull request gate and re-runs the deploy run that failed while it was pending (${OLDEST.name})`, async () => {
    const { github } = scenario;
    github.setFile(
      '.github/gatehouse.yml',
      POLICY.replace('if: { kinds: [migration] }', 'if: { paths: ["db/migrations/**"] }'),
    );
    github.addPullRequest({ number: 7, headSha: HEAD_SHA }, ['db/migrations/001_drop_status.sql']);
    // The deploy job ran a minute ago: an approval right after the head is first seen is held stale.
    github.fixedClock = new Date(Date.now() - 60_000).toISOString();
    const deploy = await scenario.run({
      node: OLDEST.node,
      inputs: { mode: 'gate' },
      sha: HEAD_SHA,
      runId: 501,
    });
    github.fixedClock = undefined;
    expect(deploy.code).toBe(1);
    expect(deploy.outputs).toMatchObject({
      decision: 'pending',
      'request-url': 'https://github.com/acme/shop/pull/7',
    });
    github.addWorkflowRun({ id: 501, status: 'completed', conclusion: 'failure', headSha: HEAD_SHA });
    github.addWorkflowRun({ id: 502, status: 'in_progress', headSha: HEAD_SHA });
    const id = github.addComment(7, users.alice, '/approve');
    const run = await scenario.run({
      node: OLDEST.node,
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent({ number: 7, pull: true }, id, '/approve'),
      actor: 'alice',
      runId: 502,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('approved');
    expect(github.state.reruns).toEqual([{ runId: 501, kind: 'rerun-failed-jobs' }]);
    expect(run.stdout).toContain('re-ran the failed jobs of workflow run 501');
  });
});

describe('handle on a pull request into a branch its author created', () => {
  it('judges it by the default branch’s policy and publishes no `gatehouse` run on its head', async () => {
    const { github } = scenario;
    github.setFile(
      '.github/gatehouse.yml',
      POLICY.replace('if: { kinds: [migration] }', 'if: { paths: ["db/migrations/**"] }'),
    );
    // mallory's own branch lets everything through; the pull request into it touches a migration.
    github.setFile('.github/gatehouse.yml', 'mode: auto\n', 'mallory/staging');
    github.addPullRequest({ number: 7, headSha: HEAD_SHA, baseRef: 'mallory/staging' }, [
      'db/migrations/001_drop_status.sql',
    ]);
    const id = github.addComment(7, users.alice, '/recheck');
    const run = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent({ number: 7, pull: true }, id, '/recheck'),
      actor: 'alice',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('pending');
    expect(github.state.checkRuns.map((check) => [check.name, check.head_sha, check.status])).toEqual([
      ['gatehouse (into mallory/staging)', HEAD_SHA, 'in_progress'],
    ]);
  });
});
