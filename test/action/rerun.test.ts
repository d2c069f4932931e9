// handle re-runs the failed jobs of the head commit's workflow runs once a pull request gate is
// approved: a `gate` job without `wait` that failed while pending passes on the re-run.
import { describe, expect, it, vi } from 'vitest';
import type { RequestGates } from '../../src/action/request-gates.ts';
import { runAction } from '../../src/action/run.ts';
import { github, useNock } from '../support/github-client.ts';
import { HEAD_SHA, OWNER, REPO } from '../support/github-fixtures.ts';

vi.mock('../../src/gate/run-pull-request-gate.ts', async (original) => ({
  ...(await original<typeof import('../../src/gate/run-pull-request-gate.ts')>()),
  runPullRequestGate: vi.fn(async () => ({
    policy: 'valid',
    state: 'approved',
    final: true,
    headSha: HEAD_SHA,
    decisionId: 'gh-1',
    requests: 5,
  })),
}));

useNock();

const gates = {} as RequestGates;
const event = {
  action: 'submitted',
  pull_request: { number: 7 },
  sender: { id: 1, login: 'alice', type: 'User' },
};

function anIo(env: Record<string, string> = {}) {
  const lines: string[] = [];
  return {
    lines,
    io: {
      env: {
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_EVENT_NAME: 'pull_request_review',
        GITHUB_EVENT_PATH: '/e',
        GITHUB_RUN_ID: '10',
        INPUT_TOKEN: 't',
        ...env,
      },
      readFile: async () => JSON.stringify(event),
      appendFile: async () => {},
      now: () => new Date('2026-11-20T12:00:00Z'),
      stdout: (line: string) => lines.push(line),
      stderr: (line: string) => lines.push(line),
    },
  };
}

/** The head's check runs of the Actions app: no deploy job's gate is open on it. */
function noOpenDeploymentGates() {
  github()
    .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/check-runs`)
    .query({ app_id: 15368, filter: 'latest', per_page: 100 })
    .reply(200, { total_count: 0, check_runs: [] });
}

const runs = {
  total_count: 4,
  workflow_runs: [
    { id: 10, name: 'gatehouse', status: 'in_progress', conclusion: null },
    { id: 11, name: 'deploy', status: 'completed', conclusion: 'failure' },
    { id: 12, name: 'ci', status: 'completed', conclusion: 'success' },
    { id: 13, name: 'release', status: 'waiting', conclusion: null },
    { id: 14, name: 'other', status: 'completed', conclusion: 'failure' },
  ],
};

describe('when a pull request gate becomes approved', () => {
  it('re-runs the failed jobs of the head commit’s runs', async () => {
    noOpenDeploymentGates();
    github()
      .get(`/repos/${OWNER}/${REPO}/actions/runs`)
      .query({ head_sha: HEAD_SHA, per_page: 100 })
      .reply(200, runs);
    github().post(`/repos/${OWNER}/${REPO}/actions/runs/11/rerun-failed-jobs`).reply(201, {});
    github()
      .post(`/repos/${OWNER}/${REPO}/actions/runs/14/rerun-failed-jobs`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const { io, lines } = anIo();
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain(
      `re-ran the failed jobs of workflow run 11 (deploy): the gate of ${HEAD_SHA} is approved`,
    );
    expect(lines).toContain('workflow run 13 (release) is waiting: its reviewers approve it in GitHub');
    expect(lines).toContain(
      `::warning::could not re-run workflow run 14: GitHub refused POST /repos/${OWNER}/${REPO}/actions/runs/14/rerun-failed-jobs: add \`actions: write\` to the job's permissions`,
    );
  });

  it('only says what it would re-run in a dry run', async () => {
    noOpenDeploymentGates();
    github()
      .get(`/repos/${OWNER}/${REPO}/actions/runs`)
      .query(true)
      .reply(200, { total_count: 1, workflow_runs: [runs.workflow_runs[1]] });
    const { io, lines } = anIo({ INPUT_DRY_RUN: 'true' });
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain('dry run: would re-run the failed jobs of workflow run 11');
  });

  it('does nothing on the Actions bot’s own events', async () => {
    const { io, lines } = anIo();
    io.readFile = async () =>
      JSON.stringify({ ...event, sender: { id: 41898282, login: 'github-actions[bot]', type: 'Bot' } });
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain('nothing to do: the event is Gatehouse’s own');
  });
});

describe('mode gate on an open pull request without an environment', () => {
  it('passes on the pull request’s own approved gate for exactly GITHUB_SHA', async () => {
    github()
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`)
      .reply(200, [{ number: 7, state: 'open', head: { sha: HEAD_SHA } }]);
    const { io } = anIo({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: HEAD_SHA, GITHUB_EVENT_PATH: '' });
    expect(await runAction(io, gates)).toBe(0);
  });
});
