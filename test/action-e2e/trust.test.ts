// The Action's trust boundary (issue 10, class 5): in the Action, Gatehouse is
// `github-actions[bot]`, and so is every other workflow of the repository, including one that any
// writer adds on a branch of their own. Such a workflow can post a comment that looks like
// Gatehouse's trace of a button click, and create a check run named `gatehouse` with any start
// time and any hidden notes. The bundled Action, run as a process against the GitHub stand-in,
// counts none of it: approvals come from their authors' own comments and reviews, the head's time
// and its pusher from GitHub's activity log, deadlines never from before that time.
import { describe, expect, it } from 'vitest';
import { renderCheckRunState } from '../../src/github/load-gate-check-runs.ts';
import { createTraceKey, parseTraceMarker, renderTraceComment, type Trace } from '../../src/github/traces.ts';
import { ACTIONS_BOT, type GitHubSimulator } from '../simulator/github.ts';
import { HEAD_SHA, NEW_HEAD_SHA, users } from '../support/github-fixtures.ts';
import { anEvent } from './run-action.ts';
import { useScenario } from './scenario.ts';

/** A migration needs one approval from platform; with `timeout`, it is rejected when nobody decides in time. */
function policy(timeout: boolean): string {
  return `mode: ask
reviewers:
  platform: [alice, bob]
rules:
  - name: migrations
    if: { paths: ["db/migrations/**"] }
    risk: { reversibility: irreversible, blast_radius: production }
    level: approve
    reviewers: [platform]
${timeout ? '    timeout: 1h\n    on_timeout: reject\n' : ''}`;
}

const scenario = useScenario(policy(false));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Pull request #7 by the author, touching a migration, opened `openedAgo` ms ago. */
function openMigrationPullRequest(github: GitHubSimulator, openedAgo: number): void {
  github.addPullRequest({ number: 7, headSha: HEAD_SHA, createdAt: ago(openedAgo) }, [
    'db/migrations/001_drop_status.sql',
  ]);
}

/** A comment by `user` written `msAgo` ms ago, by GitHub's clock. */
function commentAgo(github: GitHubSimulator, user: typeof users.alice, body: string, msAgo: number): number {
  github.fixedClock = ago(msAgo);
  try {
    return github.addComment(7, user, body);
  } finally {
    github.fixedClock = undefined;
  }
}

/** The issue_comment event of comment `id` on pull request #7. */
function aCommentEvent(user: typeof users.alice, id: number, body: string) {
  const sender = { login: user.login, id: user.id, type: 'User' };
  return anEvent('issue_comment', 'created', {
    issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
    comment: { id, body, user: sender, updated_at: new Date().toISOString() },
    sender,
  });
}

/** The `gatehouse` check runs the stand-in holds on `sha`, oldest first. */
function gateRuns(github: GitHubSimulator, sha: string) {
  return github.state.checkRuns.filter((run) => run.name === 'gatehouse' && run.head_sha === sha);
}

function text(run: Record<string, unknown> | undefined): string {
  const output = (run?.output ?? {}) as Record<string, unknown>;
  return `${String(output.title ?? '')}\n${String(output.summary ?? '')}\n${String(output.text ?? '')}`;
}

describe('the Action trusts nothing because github-actions[bot] wrote it', () => {
  it('a trace of an Approve click by a reviewer, posted by another workflow as github-actions[bot], approves nothing', async () => {
    const { github } = scenario;
    openMigrationPullRequest(github, 10 * HOUR);
    // What any workflow can post with its GITHUB_TOKEN: Gatehouse's own rendering of alice
    // clicking Approve on the head's `gatehouse` run, unedited, with a well-formed marker.
    const trace: Trace = {
      type: 'check_action',
      action: 'approve',
      actor: { id: users.alice.id, login: users.alice.login, type: 'User' },
      sha: HEAD_SHA,
      at: ago(2 * MINUTE),
      key: createTraceKey(['forged', 7, HEAD_SHA]),
    };
    const body = renderTraceComment(trace);
    expect(parseTraceMarker(body)).toEqual(trace);
    commentAgo(github, ACTIONS_BOT, body, 2 * MINUTE);

    // carol's comment triggers the `handle` workflow, which recomputes the gate.
    const id = github.addComment(7, users.carol, '/recheck');
    const handled = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent(users.carol, id, '/recheck'),
      actor: 'carol',
      actorId: users.carol.id,
    });
    expect(handled.code, handled.stdout).toBe(0);
    expect(handled.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
    const runs = gateRuns(github, HEAD_SHA);
    expect(runs.at(-1)).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(runs.some((run) => run.conclusion === 'success')).toBe(false);

    // The deploy job of the head waits too.
    const deploy = await scenario.run({ inputs: { mode: 'gate' }, sha: HEAD_SHA, runId: 701 });
    expect(deploy.code, deploy.stdout).toBe(1);
    expect(deploy.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
    expect(gateRuns(github, HEAD_SHA).some((run) => run.conclusion === 'success')).toBe(false);
  });
});

describe('a `gatehouse` check run created by another workflow', () => {
  it('moves neither the head’s time nor its pusher: an approval given before the push, and the pusher’s own, do not count', async () => {
    const { github } = scenario;
    openMigrationPullRequest(github, 10 * HOUR);
    // alice approves the first head three hours ago; bob pushes a new head five minutes ago.
    commentAgo(github, users.alice, '/approve', 3 * HOUR);
    github.push(7, NEW_HEAD_SHA, { at: ago(5 * MINUTE), actor: users.bob });
    // Another workflow's `gatehouse` run on the new head: started long before the pull request
    // was opened, naming dave as the pusher, with a wake-up time that has come.
    github.addCheckRun({
      name: 'gatehouse',
      headSha: NEW_HEAD_SHA,
      status: 'in_progress',
      startedAt: ago(20 * HOUR),
      title: 'Waiting for 1 approval',
      text: renderCheckRunState({ pusher: users.dave, wake: ago(MINUTE), reviewersRequested: true }),
    });
    // bob, the real pusher, approves his own push after it could be reviewed.
    const id = github.addComment(7, users.bob, '/approve');
    const handled = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent(users.bob, id, '/approve'),
      actor: 'bob',
      actorId: users.bob.id,
    });
    expect(handled.code, handled.stdout).toBe(0);
    expect(handled.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
    const runs = gateRuns(github, NEW_HEAD_SHA);
    expect(runs.some((run) => run.conclusion === 'success')).toBe(false);
    const latest = runs.at(-1);
    expect(latest).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(text(latest)).toMatch(/stale: given before c0ffee0 became the head/);
    expect(text(latest)).toMatch(/the last pusher/);
  });

  it('does not expire the gate: a deadline of 1h counts from the push minutes ago, not from a run started 5h earlier', async () => {
    const { github } = scenario;
    github.setFile('.github/gatehouse.yml', policy(true));
    openMigrationPullRequest(github, 10 * HOUR);
    github.push(7, NEW_HEAD_SHA, { at: ago(10 * MINUTE), actor: users.dave });
    github.addCheckRun({
      name: 'gatehouse',
      headSha: NEW_HEAD_SHA,
      status: 'in_progress',
      startedAt: ago(5 * HOUR),
      title: 'Waiting for 1 approval',
      text: renderCheckRunState({ pusher: users.dave, wake: ago(4 * HOUR), reviewersRequested: true }),
    });
    const deploy = await scenario.run({ inputs: { mode: 'gate' }, sha: NEW_HEAD_SHA, runId: 702 });
    expect(deploy.code, deploy.stdout).toBe(1);
    expect(deploy.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
    const runs = gateRuns(github, NEW_HEAD_SHA);
    // Not expired: no run failed (on_timeout: reject) or passed; the Action's own is in progress
    // (the forged one it finds is marked superseded, as any earlier run of the gate is).
    expect(runs.some((run) => run.conclusion === 'failure' || run.conclusion === 'success')).toBe(false);
    expect(runs.at(-1)).toMatchObject({ status: 'in_progress', conclusion: null });
    // The deadline shown is an hour after the push, not four hours ago.
    const wake = /<!-- gatehouse:wake (\S+) -->/.exec(text(runs.at(-1)))?.[1];
    expect(Date.parse(wake ?? '')).toBeGreaterThan(Date.now() + 30 * MINUTE);
  });

  it('records no veto: a rejection it claims a reviewer made, in no comment, blocks nothing', async () => {
    const { github } = scenario;
    openMigrationPullRequest(github, 10 * HOUR);
    github.addCheckRun({
      name: 'gatehouse',
      headSha: HEAD_SHA,
      status: 'in_progress',
      startedAt: ago(HOUR),
      title: 'Waiting for 1 approval',
      text: renderCheckRunState({
        reviewersRequested: false,
        vetoes: [
          {
            source: 'comment',
            statementId: '424242',
            author: { id: users.bob.id, login: users.bob.login, type: 'User' },
            reason: 'not this week',
            at: ago(30 * MINUTE),
          },
        ],
      }),
    });
    const id = github.addComment(7, users.alice, '/approve');
    const handled = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent(users.alice, id, '/approve'),
      actor: 'alice',
    });
    expect(handled.code, handled.stdout).toBe(0);
    expect(handled.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    expect(gateRuns(github, HEAD_SHA).at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});

describe('an approval and a push, by GitHub’s activity log', () => {
  it('an approval given before a new head was pushed does not count for it; given after, it does', async () => {
    const { github } = scenario;
    openMigrationPullRequest(github, 10 * HOUR);
    commentAgo(github, users.alice, '/approve', HOUR);
    github.push(7, NEW_HEAD_SHA, { at: ago(10 * MINUTE), actor: users.dave });
    const deploy = await scenario.run({ inputs: { mode: 'gate' }, sha: NEW_HEAD_SHA, runId: 703 });
    expect(deploy.code, deploy.stdout).toBe(1);
    expect(deploy.outputs).toMatchObject({ decision: 'pending', approvers: '[]' });
    expect(text(gateRuns(github, NEW_HEAD_SHA).at(-1))).toMatch(
      /stale: given before c0ffee0 became the head/,
    );

    const id = github.addComment(7, users.alice, '/approve');
    const handled = await scenario.run({
      inputs: {},
      eventName: 'issue_comment',
      event: aCommentEvent(users.alice, id, '/approve'),
      actor: 'alice',
    });
    expect(handled.code, handled.stdout).toBe(0);
    expect(handled.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    expect(gateRuns(github, NEW_HEAD_SHA).at(-1)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
  });
});
