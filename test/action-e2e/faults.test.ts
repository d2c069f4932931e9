// The bundled Action when GitHub fails: a `mode: request` run with `wait: true`, where alice
// approves after the third poll, must end as it ends on a GitHub that never fails (approved, one
// approval issue, one decision record, the check run concluded, nothing posted twice), whether
// (a) a fifth of all requests get a 502 or a secondary rate limit, or (b) a write GitHub applied
// loses its answer. Retry-after and backoff run 50x fast with the Action's timers (FAST_TIMERS).
import { describe, expect, it } from 'vitest';
import type { Fault, RequestMatch } from '../simulator/faults.ts';
import { ACTIONS_BOT, type GitHubSimulator, type RecordedRequest } from '../simulator/github.ts';
import { HEAD_SHA, users } from '../support/github-fixtures.ts';
import type { ActionRun } from './run-action.ts';
import { useScenario } from './scenario.ts';

const scenario = useScenario();
const waiting = {
  mode: 'request',
  title: 'Drop orders.status',
  kind: 'migration',
  rollback: 'Restore the column',
  wait: 'true',
  'poll-interval': '1s',
  timeout: '60s',
};
const LOG_BRANCH = 'gatehouse-log';

const isPoll = (request: RecordedRequest) =>
  request.conditional && request.method === 'GET' && /\/issues\/\d+\/comments$/.test(request.path);

/** After the third poll a minute "passes" and alice approves, as in wait.test.ts. */
function approveAfterThirdPoll(github: GitHubSimulator): void {
  github.when(isPoll, 3, () => {
    const issue = [...github.state.issues.keys()][0];
    if (issue === undefined) throw new Error('no approval issue yet');
    github.age(issue, 60_000);
    github.addComment(issue, users.alice, '/approve');
  });
}

/** What GitHub holds after the run, and what the run said: the things a fault must not change. */
function outcomeOf(run: ActionRun, github: GitHubSimulator) {
  const issues = [...github.state.issues.values()];
  const botComments = issues.flatMap((issue) =>
    github
      .commentsOn(Number(issue.number))
      .filter((comment) => (comment.user as { login: string }).login === ACTIONS_BOT.login),
  );
  return {
    code: run.code,
    decision: run.outputs.decision,
    approvers: run.outputs.approvers,
    issues: issues.map((issue) => issue.state),
    requestRecords: botComments.filter((comment) => String(comment.body).includes('gatehouse:request-data'))
      .length,
    otherBotComments: botComments.filter(
      (comment) => !String(comment.body).includes('gatehouse:request-data'),
    ).length,
    decisionRecords: Object.keys(github.filesOnBranch(LOG_BRANCH)).filter((path) =>
      path.startsWith('decisions/'),
    ).length,
    checkRuns: github.state.checkRuns
      .filter((checkRun) => checkRun.head_sha === HEAD_SHA)
      .map((checkRun) => `${checkRun.status} ${checkRun.conclusion}`),
    dispatches: github.state.dispatches.length,
  };
}

/** The fault-free run's outcome (the first test shows it): every faulted run must end the same. */
const FAULT_FREE = {
  code: 0,
  decision: 'approved',
  approvers: '["alice"]',
  issues: ['closed'],
  requestRecords: 1,
  otherBotComments: 1,
  decisionRecords: 1,
  checkRuns: ['completed success'],
  dispatches: 1,
};

const faultsOf = (github: GitHubSimulator) =>
  github.requests.flatMap((request) =>
    request.fault === undefined ? [] : [`${request.method} ${request.path}: ${request.fault}`],
  );

describe('when GitHub never fails', () => {
  it('the approved request ends with one issue, one record, one concluded check run', async () => {
    approveAfterThirdPoll(scenario.github);
    const run = await scenario.run({ inputs: waiting });
    expect(outcomeOf(run, scenario.github)).toEqual(FAULT_FREE);
  });
});

describe('when a fifth of all requests fail with a 502 or a secondary rate limit', () => {
  const FAULTS: Fault[] = [
    { kind: 'status', status: 502 },
    { kind: 'secondary', retryAfterSeconds: 5 },
  ];

  it.each([1, 2])('(seed %i) the outcome is the same', async (seed) => {
    const { github } = scenario;
    approveAfterThirdPoll(github);
    github.faults.random({ seed, rate: 0.2, faults: FAULTS });
    const run = await scenario.run({ inputs: waiting });
    const faults = faultsOf(github);
    console.info(
      `seed ${seed}: ${faults.length} faults of ${github.requests.length} requests\n${faults.join('\n')}`,
    );
    expect(faults.length).toBeGreaterThan(0);
    expect(outcomeOf(run, github), run.stdout).toEqual(FAULT_FREE);
    const secondary = faults.filter((fault) => fault.endsWith('secondary')).length;
    expect(run.stdout.match(/::warning::secondary rate limit on /g) ?? []).toHaveLength(secondary);
  });
});

describe('when a write GitHub applied loses its answer (502)', () => {
  const WRITES: { route: string; match: RequestMatch; nth?: number; logBranchExists?: boolean }[] = [
    { route: 'the approval issue creation', match: { method: 'POST', path: '/repos/acme/shop/issues' } },
    {
      route: 'the request record comment',
      match: { method: 'POST', path: /^\/repos\/acme\/shop\/issues\/\d+\/comments$/ },
    },
    {
      route: 'the closing comment',
      match: { method: 'POST', path: /^\/repos\/acme\/shop\/issues\/\d+\/comments$/ },
      nth: 2,
    },
    {
      route: 'the pending check run creation',
      match: { method: 'POST', path: '/repos/acme/shop/check-runs' },
    },
    {
      // The waiting run, completed in place with the decision.
      route: 'the decided check run',
      match: { method: 'PATCH', path: /^\/repos\/acme\/shop\/check-runs\/\d+$/ },
    },
    { route: 'the log branch creation', match: { method: 'POST', path: '/repos/acme/shop/git/refs' } },
    {
      // One contents-API write: its retry is refused (422, the file is there), and the record found.
      route: 'the record on a log branch that exists',
      match: { method: 'PUT', path: /^\/repos\/acme\/shop\/contents\/decisions\// },
      logBranchExists: true,
    },
  ];

  it.each(WRITES)('on $route, the outcome is the same', async ({ match, nth, logBranchExists }) => {
    const { github } = scenario;
    if (logBranchExists) seedLogBranch(github);
    approveAfterThirdPoll(github);
    github.faults.inject(match, { kind: 'applied', answer: 502 }, { nth: nth ?? 1 });
    const run = await scenario.run({ inputs: waiting });
    expect(faultsOf(github)).toEqual([expect.stringMatching(/: applied, then 502$/)]);
    expect(outcomeOf(run, github), run.stdout).toEqual(FAULT_FREE);
  });

  it("does not take a look-alike issue someone else opened for its own lost one (the creation's answer lost before GitHub applied it)", async () => {
    const { github } = scenario;
    // While Gatehouse's creation fails, mallory opens an issue with exactly its title, body and labels.
    let sent: Record<string, unknown> = {};
    const isIssueCreation = (request: RecordedRequest) => {
      const matches = request.method === 'POST' && request.path === '/repos/acme/shop/issues';
      if (matches && sent.title === undefined) sent = request.body as Record<string, unknown>;
      return matches;
    };
    github.when(isIssueCreation, 1, () => {
      github.addIssue(
        { title: String(sent.title), body: String(sent.body), labels: sent.labels as string[] },
        users.mallory,
      );
    });
    github.faults.inject(
      { method: 'POST', path: '/repos/acme/shop/issues' },
      { kind: 'status', status: 502 },
    );
    github.when(isPoll, 3, () => {
      const own = [...github.state.issues.values()].find(
        (issue) => (issue.user as { login: string }).login === ACTIONS_BOT.login,
      );
      if (own === undefined) throw new Error('Gatehouse opened no approval issue of its own');
      github.age(Number(own.number), 60_000);
      github.addComment(Number(own.number), users.alice, '/approve');
    });
    const run = await scenario.run({ inputs: waiting });
    expect(run.code, run.stdout).toBe(0);
    const issues = [...github.state.issues.values()].map((issue) => [
      (issue.user as { login: string }).login,
      issue.state,
    ]);
    expect(issues).toEqual([
      ['mallory', 'open'],
      [ACTIONS_BOT.login, 'closed'],
    ]);
    expect(run.outputs['request-url']).toMatch(new RegExp(`/issues/${[...github.state.issues.keys()][1]}$`));
  });

  it('with the connection destroyed instead, on the approval issue creation, the outcome is the same', async () => {
    const { github } = scenario;
    approveAfterThirdPoll(github);
    github.faults.inject(
      { method: 'POST', path: '/repos/acme/shop/issues' },
      { kind: 'applied', answer: 'destroy' },
    );
    const run = await scenario.run({ inputs: waiting });
    expect(faultsOf(github)).toEqual(['POST /repos/acme/shop/issues: applied, then destroyed']);
    expect(outcomeOf(run, github), run.stdout).toEqual(FAULT_FREE);
  });

  // Known bug (issue 15): the gatehouse-decision dispatch is sent at least once, not exactly once.
  // GitHub keeps no list of repository_dispatch events to look a lost send up in, so the client
  // sends it again and the workflow listening gets two events with the same decision_id (which
  // it can tell apart). Before the client retried it, the step failed instead, and the next run
  // sent it again anyway.
  it.fails('on the decision dispatch, the outcome is the same', async () => {
    const { github } = scenario;
    approveAfterThirdPoll(github);
    github.faults.inject(
      { method: 'POST', path: '/repos/acme/shop/dispatches' },
      { kind: 'applied', answer: 502 },
    );
    const run = await scenario.run({ inputs: waiting });
    expect(faultsOf(github)).toEqual(['POST /repos/acme/shop/dispatches: applied, then 502']);
    expect(outcomeOf(run, github), run.stdout).toEqual(FAULT_FREE);
  });
});

/** An orphan commit on the log branch, as an earlier decision leaves it: the run updates the ref. */
function seedLogBranch(github: GitHubSimulator): void {
  const tree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
  const commit = '1111111111111111111111111111111111111111';
  github.state.trees.set(tree, {});
  github.state.commits.set(commit, { sha: commit, tree, parents: [], message: 'Start the decision log' });
  github.state.refs.set(LOG_BRANCH, commit);
}
