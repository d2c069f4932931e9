// `gate` with only an `environment` (no `title`), for a commit that is no open pull request's
// head (a push to main): the deployment states its own action, `Deploy <commit> (<branch>) to
// <environment>`, in the same words as the App's deployments, so a rule that requires an action
// can be approved (issue 11, defect 1: it was "not ready: no action" and waited until timeout).
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import { issueOf, useScenario } from './scenario.ts';

const POLICY = `mode: ask
reviewers:
  platform: [alice, bob]
rules:
  - name: production-deploys
    if: { environments: [production] }
    risk: { blast_radius: production }
    reviewers: [platform]
    require: [action]
`;

const scenario = useScenario(POLICY);
const SHA = 'decade00decade00decade00decade00decade00';

const isPoll = (request: RecordedRequest) =>
  request.conditional && request.method === 'GET' && /\/issues\/\d+\/comments$/.test(request.path);

describe('a deploy job without a title, of a commit already on main', () => {
  it('asks to deploy that commit, and goes on when a reviewer approves', async () => {
    const { github } = scenario;
    github.when(isPoll, 1, () => {
      const issue = [...github.state.issues.keys()][0];
      if (issue === undefined) throw new Error('no approval issue was opened');
      github.age(issue, 60_000);
      github.addComment(issue, users.alice, '/approve');
    });
    const run = await scenario.run({
      inputs: { environment: 'production', wait: 'true', timeout: '10s', 'poll-interval': '1s' },
      sha: SHA,
    });

    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    expect(github.state.issues.get(issueOf(run))).toMatchObject({
      title: 'Gatehouse: Deploy decade00deca (main) to production',
      state: 'closed',
    });
    const check = github.state.checkRuns.find((entry) => String(entry.id) === run.outputs['check-run-id']);
    expect(check).toMatchObject({ name: 'gatehouse: production', head_sha: SHA, conclusion: 'success' });
    expect(run.stdout).not.toContain('not ready');
  });
});
