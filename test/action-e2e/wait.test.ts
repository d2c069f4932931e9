// `wait: true`: the bundled Action blocks, polling the approval issue with conditional requests,
// until an approval arrives, the policy's deadline decides, or its own `timeout` runs out. The
// first test also measures what waiting costs in rate limit, against a naive poller.
import { describe, expect, it } from 'vitest';
import type { GitHubSimulator, RecordedRequest } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import { isCommentList, issueOf, OLDEST, POLICY, useScenario } from './scenario.ts';

const scenario = useScenario();
const migration = {
  mode: 'request',
  title: 'Drop orders.status',
  kind: 'migration',
  rollback: 'Restore the column',
};
const waiting = { ...migration, wait: 'true', 'poll-interval': '1s', timeout: '60s' };

/** The approval issue the first run opens (the first one created). */
function firstIssue(github: GitHubSimulator): number {
  const number = [...github.state.issues.keys()][0];
  if (number === undefined) throw new Error('no approval issue yet');
  return number;
}

/** A poll of the wait: a conditional read of the issue's comments. */
const isPoll = (request: RecordedRequest) =>
  request.conditional && request.method === 'GET' && /\/issues\/\d+\/comments$/.test(request.path);

describe('waiting for a decision', () => {
  it('sees an approval arrive and continues, polling with conditional requests that cost nothing', async () => {
    const { github } = scenario;
    // After the third conditional poll, a minute "passes" and alice approves.
    github.when(isPoll, 3, () => {
      const issue = firstIssue(github);
      github.age(issue, 60_000);
      github.addComment(issue, users.alice, '/approve');
    });
    const run = await scenario.run({ inputs: waiting });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    expect(run.stdout).toMatch(/waited \S+ over \d+ poll\(s\), 2 not modified/);

    const issue = issueOf(run);
    const polls = github.requests.filter(isPoll);
    const quiet = polls.filter((request) => request.status === 304);
    expect(quiet).toHaveLength(2);
    expect(quiet.every((request) => !request.counted)).toBe(true);
    // A full recompute of the gate: from reading the issue to the next poll.
    const start = github.requests.findIndex(
      (request) => request.method === 'GET' && request.path === `/repos/acme/shop/issues/${issue}`,
    );
    const end = github.requests.findIndex((request, index) => index > start && isPoll(request));
    const recompute = github.requests.slice(start, end).filter((request) => request.counted).length;
    expect(start).toBeGreaterThan(-1);
    expect(recompute).toBeGreaterThan(0);
    const perQuietPoll = quiet.filter((request) => request.counted).length / quiet.length;
    // Per minute of waiting once the ETag is held: 2 polls a minute at the default 30 s (fewer as
    // the interval backs off to 60 s), each a 304.
    const conditionalPerMinute = perQuietPoll * 2;
    const naivePerMinute = 6 * recompute;
    console.info(
      `rate limit per minute of waiting: ${conditionalPerMinute} with conditional polls at the default 30 s ` +
        `(${quiet.length} quiet polls measured, ${perQuietPoll} counted each; the first poll, without an ETag yet, ` +
        `costs one recompute of ${recompute}), versus ${naivePerMinute} polling every 10 s with full recomputes ` +
        `(${recompute} counted requests each). Whole run: ${github.counted().length} counted, ` +
        `${github.requests.length - github.counted().length} free.`,
    );
    expect(conditionalPerMinute).toBeLessThan(naivePerMinute);
    expect(github.requests.filter(isCommentList(issue)).length).toBeGreaterThanOrEqual(polls.length);
  });

  it(`fails with the link when its own timeout passes first (${OLDEST.name})`, async () => {
    const run = await scenario.run({ node: OLDEST.node, inputs: { ...waiting, timeout: '3s' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('pending');
    expect(run.stdout).toContain(`::error::still pending after 3s: ${run.outputs['request-url']}`);
  });
});

describe('when the policy deadline passes during the wait', () => {
  const withTimeout = (onTimeout: string) =>
    POLICY.replace('timeout: 1h', 'timeout: 3s').replace(
      'on_timeout: reject',
      `on_timeout: ${onTimeout}${onTimeout === 'escalate' ? '\n    escalate_to: [backup]' : ''}${onTimeout === 'proceed' ? '\n    safe_default: skip' : ''}`,
    );

  it('on_timeout reject: the request expires and the step fails', async () => {
    scenario.github.setFile('.github/gatehouse.yml', withTimeout('reject'));
    const run = await scenario.run({ inputs: { ...waiting, timeout: '30s' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('expired');
    expect(scenario.github.state.issues.get(issueOf(run))).toMatchObject({ state: 'closed' });
  });

  it('on_timeout escalate: the backup approvers are asked, and the wait goes on', async () => {
    scenario.github.setFile('.github/gatehouse.yml', withTimeout('escalate'));
    const run = await scenario.run({ inputs: { ...waiting, timeout: '5s' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('escalated');
    const comments = scenario.github.commentsOn(issueOf(run)).map((comment) => String(comment.body));
    expect(comments.some((body) => body.includes('@carol'))).toBe(true);
  });

  it('on_timeout proceed: the safe default option is taken and the step passes', async () => {
    scenario.github.setFile('.github/gatehouse.yml', withTimeout('proceed'));
    const run = await scenario.run({ inputs: { ...waiting, options: 'run, skip', timeout: '30s' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ option: 'skip' });
  });
});
