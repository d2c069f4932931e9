// Where an execution record is not written, whatever ran: no policy, a policy that cannot be
// read (the delivery fails, so GitHub's redelivery records it later), an invalid one, a log on the
// default branch; and a dry run, which says what it would write.
import { describe, expect, it } from 'vitest';
import { createDeploymentExecutionRecord } from '../../src/core/execution-record.ts';
import { publishExecutionRecord } from '../../src/gate/publish-execution-record.ts';
import { aGateEnvironment, github, useNock } from '../support/github-client.ts';
import { aFile } from '../support/github-fixtures.ts';

useNock();

const CONFIG = '/repos/acme/shop/contents/.github%2Fgatehouse.yml';
const repository = { owner: 'acme', repo: 'shop' };
const record = createDeploymentExecutionRecord({
  origin: 'workflow_run',
  repository: 'acme/shop',
  deployment: 42,
  environment: 'production',
  sha: 'a'.repeat(40),
  status: 'success',
  by: { id: 4, login: 'dave' },
  completedAt: '2026-11-20T10:05:00Z',
});
const build = async () => record;

function policy(text: string) {
  github().get(CONFIG).query({ ref: 'main' }).reply(200, aFile('.github/gatehouse.yml', text));
}

describe('an execution record is not written', () => {
  it('without a policy: nothing was gated', async () => {
    github().get(CONFIG).query({ ref: 'main' }).reply(404, { message: 'Not Found' });
    expect(
      await publishExecutionRecord(aGateEnvironment().env, repository, { defaultBranch: 'main' }, build),
    ).toEqual({
      outcome: 'skipped',
      reason: 'no policy: nothing was gated',
    });
  });

  it('when the policy cannot be read: the delivery fails, to be redelivered', async () => {
    github().persist().get(CONFIG).query({ ref: 'main' }).reply(502, { message: 'Bad Gateway' });
    await expect(
      publishExecutionRecord(aGateEnvironment().env, repository, { defaultBranch: 'main' }, build),
    ).rejects.toThrow(/^the policy could not be read/);
  });

  it('when the policy is invalid: it names no log', async () => {
    policy('rules: 7\n');
    expect(
      await publishExecutionRecord(aGateEnvironment().env, repository, { defaultBranch: 'main' }, build),
    ).toEqual({
      outcome: 'skipped',
      reason: 'the policy is invalid: it names no log to write to',
    });
  });

  it('when the log would be the default branch: that policy is invalid', async () => {
    policy('log: { branch: main }\nrules: []\n');
    expect(
      await publishExecutionRecord(aGateEnvironment().env, repository, { defaultBranch: 'main' }, build),
    ).toEqual({
      outcome: 'skipped',
      reason: 'the policy is invalid: it names no log to write to',
    });
  });

  it('on a dry run, which says where it would be', async () => {
    policy('rules: []\n');
    github().get('/repos/acme/shop/commits').query(true).reply(404, { message: 'Not Found' });
    const { env, log } = aGateEnvironment({ dryRun: true });
    expect(await publishExecutionRecord(env, repository, { defaultBranch: 'main' }, build)).toEqual({
      outcome: 'dry_run',
      path: `decisions/2026/11/${record.id}.execution.md`,
      record,
    });
    expect(log.messages('info')).toEqual(['dry run: would commit the execution record']);
  });
});
