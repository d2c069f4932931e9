// What the App does not record as run, and why: each refusal costs only the reads that show it.
// (What is recorded: test/app-e2e/deployment-execution-records.test.ts and
// request-execution-records.test.ts.)
import { describe, expect, it } from 'vitest';
import { recordDeploymentExecution } from '../../src/gate/record-deployment-execution.ts';
import { recordRequestExecution } from '../../src/gate/record-request-execution.ts';
import { renderRequestRecord } from '../../src/github/load-approval-issues.ts';
import { aGateEnvironment, github, useNock } from '../support/github-client.ts';
import { aUser, SELF, users } from '../support/github-fixtures.ts';
import { aMigrationRequest } from '../support/request-world.ts';

useNock();

const REPO = '/repos/acme/shop';
const SHA = 'a'.repeat(40);
const T = '2026-11-20T10:00:00Z';

function aDeployment(creator: unknown = aUser(users.author)) {
  return {
    id: 42,
    sha: SHA,
    ref: 'main',
    environment: 'production',
    url: 'https://api.github.com/repos/acme/shop/deployments/42',
    creator,
  };
}

const ACTIONS = { id: 41898282, login: 'github-actions[bot]', type: 'Bot' };
const RUN_LOG = 'https://github.com/acme/shop/actions/runs/501/job/5010';

const status = (id: number, state: string, at: string, creator = ACTIONS, log = '') => ({
  id,
  state,
  created_at: at,
  log_url: log,
  target_url: log,
  creator: aUser(creator),
});

describe('a deployment is not recorded as run', () => {
  const record = () =>
    recordDeploymentExecution(aGateEnvironment().env, { owner: 'acme', repo: 'shop', deploymentId: 42 });

  it('when GitHub has no such deployment', async () => {
    github().get(`${REPO}/deployments/42`).reply(404, { message: 'Not Found' });
    expect(await record()).toEqual({ outcome: 'skipped', reason: 'GitHub has no such deployment' });
  });

  it('while it has not ended', async () => {
    github().get(`${REPO}/deployments/42`).reply(200, aDeployment());
    github()
      .get(`${REPO}/deployments/42/statuses`)
      .query(true)
      .reply(200, [status(2, 'in_progress', T), status(1, 'queued', T)]);
    expect(await record()).toEqual({ outcome: 'skipped', reason: 'the deployment has not ended' });
  });

  it('when it ended without having started (a rejection)', async () => {
    github().get(`${REPO}/deployments/42`).reply(200, aDeployment());
    github()
      .get(`${REPO}/deployments/42/statuses`)
      .query(true)
      .reply(200, [status(2, 'failure', T), status(1, 'waiting', T)]);
    expect(await record()).toEqual({
      outcome: 'skipped',
      reason: 'the deployment ended failure without having started',
    });
  });

  it('when GitHub names no creator', async () => {
    github().get(`${REPO}/deployments/42`).reply(200, aDeployment(null));
    github()
      .get(`${REPO}/deployments/42/statuses`)
      .query(true)
      .reply(200, [status(1, 'success', T)]);
    expect(await record()).toEqual({
      outcome: 'skipped',
      reason: 'GitHub names no creator of the deployment',
    });
  });

  it('when Gatehouse is no protection rule of its environment', async () => {
    github().get(`${REPO}/deployments/42`).reply(200, aDeployment());
    github()
      .get(`${REPO}/deployments/42/statuses`)
      .query(true)
      .reply(200, [status(2, 'success', '2026-11-20T10:05:00Z'), status(1, 'in_progress', T)]);
    github()
      .get(`${REPO}/environments/production/deployment_protection_rules`)
      .reply(200, { total_count: 0, custom_deployment_protection_rules: [] });
    expect(await record()).toEqual({
      outcome: 'skipped',
      reason: 'Gatehouse is no protection rule of production',
    });
  });
});

describe('a status not posted by the runner', () => {
  const record = () =>
    recordDeploymentExecution(aGateEnvironment().env, { owner: 'acme', repo: 'shop', deploymentId: 42 });

  it('does not end a workflow job’s deployment: only GitHub Actions’ statuses count', async () => {
    github().get(`${REPO}/deployments/42`).reply(200, aDeployment());
    github()
      .get(`${REPO}/deployments/42/statuses`)
      .query(true)
      .reply(200, [
        status(3, 'success', '2026-11-20T10:02:00Z', users.mallory, RUN_LOG),
        status(2, 'in_progress', '2026-11-20T10:01:00Z', ACTIONS, RUN_LOG),
        status(1, 'waiting', T),
      ]);
    github()
      .get(`${REPO}/environments/production/deployment_protection_rules`)
      .reply(200, {
        total_count: 1,
        custom_deployment_protection_rules: [
          { id: 3, enabled: true, app: { id: SELF.appId, slug: 'gatehouse' } },
        ],
      });
    github()
      .get(`${REPO}/actions/runs/501`)
      .reply(200, {
        id: 501,
        head_sha: SHA,
        actor: aUser(users.author),
        triggering_actor: aUser(users.author),
      });
    expect(await record()).toEqual({ outcome: 'skipped', reason: 'the deployment has not ended' });
  });
});

describe("an agent's report is not recorded", () => {
  const AGENT = { id: 900, login: 'claude-agent', type: 'User' };
  const request = { ...aMigrationRequest(), repository: 'acme/shop', requester: AGENT };
  const mark = `**Execution:** succeeded\n\n<!-- gatehouse:execution {"status":"succeeded","completedAt":"${T}"} -->`;
  const comment = (id: number, body: string, user: unknown = aUser(AGENT), updated = T) => ({
    id,
    body,
    user,
    created_at: T,
    updated_at: updated,
    html_url: `https://github.com/acme/shop/issues/12#issuecomment-${id}`,
  });
  const issue = (change: Record<string, unknown> = {}) => ({
    number: 12,
    user: aUser(AGENT),
    html_url: 'https://github.com/acme/shop/issues/12',
    ...change,
  });
  const record = (env = aGateEnvironment()) =>
    recordRequestExecution(env.env, { owner: 'acme', repo: 'shop', issueNumber: 12, commentId: 2 });

  it('when there is no such issue', async () => {
    github().get(`${REPO}/issues/12`).reply(404, { message: 'Not Found' });
    expect(await record()).toEqual({ outcome: 'skipped', reason: 'no such issue' });
  });

  it('on a pull request', async () => {
    github()
      .get(`${REPO}/issues/12`)
      .reply(200, issue({ pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/12' } }));
    expect(await record()).toEqual({ outcome: 'skipped', reason: 'not an approval issue' });
  });

  it.each([
    ['the comment is gone', [comment(1, renderRequestRecord(request))]],
    [
      'the comment holds no execution report',
      [comment(1, renderRequestRecord(request)), comment(2, 'thanks')],
    ],
    [
      "the issue holds no request record of its author's",
      [comment(1, renderRequestRecord(request), aUser(users.mallory)), comment(2, mark)],
    ],
  ])('when %s', async (reason, comments) => {
    github().get(`${REPO}/issues/12`).reply(200, issue());
    github().get(`${REPO}/issues/12/comments`).query(true).reply(200, comments);
    expect(await record()).toEqual({ outcome: 'skipped', reason });
  });

  it('when anyone but the requester wrote it: ignored, and logged', async () => {
    github().get(`${REPO}/issues/12`).reply(200, issue());
    github()
      .get(`${REPO}/issues/12/comments`)
      .query(true)
      .reply(200, [comment(1, renderRequestRecord(request)), comment(2, mark, aUser(users.mallory))]);
    const env = aGateEnvironment();
    expect(await record(env)).toEqual({ outcome: 'skipped', reason: 'the report is not the requester’s' });
    expect(env.log.messages('warn')).toEqual([
      `an execution report on #12 by ${users.mallory.login}, not the requester: ignored`,
    ]);
  });
});
