// README's "Action quick start", followed literally: its policy and its workflow are read from
// README.md (the step `uses: <owner>/gatehouse@v1`, its `with:` exactly, and the workflow's
// `permissions:`), and the bundled Action runs on the event that workflow runs on: a push to
// main, at main's head. A reviewer the policy names approves on the approval issue while the job
// waits, and the job goes on. If the README drifts from what works, this fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RecordedRequest } from '../simulator/github.ts';
import { users } from '../support/github-fixtures.ts';
import { anEvent, PROJECT } from './run-action.ts';
import { issueOf, useScenario } from './scenario.ts';

const README = readFileSync(join(PROJECT, 'README.md'), 'utf8');

/** The text of a `## heading` section of README.md, up to the next `## `. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${heading}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** The fenced yaml blocks of a section, in order, dedented (list items indent theirs). */
function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)].map((match) => {
    const indent = match[1] ?? '';
    return (match[2] ?? '')
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
  });
}

interface Workflow {
  on?: { push?: { branches?: string[] } };
  permissions?: Record<string, string>;
  jobs?: Record<string, { permissions?: Record<string, string>; steps?: { uses?: string; with?: Json }[] }>;
}
type Json = Record<string, unknown>;

const blocks = yamlBlocks(section('Action quick start'));
/** The quick start's workflow: the block with `jobs:`; its policy: the one with `rules:`. */
const workflowText = blocks.find((block) => 'jobs' in (parse(block) ?? {}));
const policy = blocks.find((block) => 'rules' in (parse(block) ?? {}));
if (workflowText === undefined || policy === undefined)
  throw new Error('README Action quick start: expected a policy block and a workflow block');
const workflow = parse(workflowText) as Workflow;
const job = Object.values(workflow.jobs ?? {})[0];
const step = job?.steps?.find((candidate) => candidate.uses === '<owner>/gatehouse@v1');
if (step === undefined) throw new Error('README Action quick start: no step uses <owner>/gatehouse@v1');
/** The step's inputs as the runner passes them: every value a string. */
const inputs = Object.fromEntries(
  Object.entries(step.with ?? {}).map(([name, value]) => [name, String(value)]),
);
const permissions = job?.permissions ?? workflow.permissions ?? {};
const branch = workflow.on?.push?.branches?.[0] ?? '';

const scenario = useScenario(policy);

/** main's head, the commit a push to main runs the deploy job on. */
const MAIN_HEAD = 'ba5eba11ba5eba11ba5eba11ba5eba11ba5eba11';

/** A poll of the wait: a conditional read of an approval issue's comments. */
const isPoll = (request: RecordedRequest) =>
  request.conditional && request.method === 'GET' && /\/issues\/\d+\/comments$/.test(request.path);

/**
 * Which `permissions:` scope a request of the run needs, and whether it writes, after GitHub's
 * "permissions required for GitHub Apps" (what GITHUB_TOKEN is). `metadata` is always granted;
 * `none` needs nothing. A route not listed here fails the test: classify it before relying on it.
 */
function scopeOf(request: RecordedRequest): { scope: string; write: boolean } {
  const write = request.method !== 'GET';
  const path = request.path.replace(/^\/repos\/[^/]+\/[^/]+/, '');
  const routes: [RegExp, string][] = [
    [/^$/, 'metadata'],
    [/^\/collaborators\/[^/]+\/permission$/, 'metadata'],
    [/^\/commits\/[^/]+\/pulls$/, 'pull-requests'],
    [/^\/commits\/[^/]+\/check-runs$/, 'checks'],
    [/^\/check-runs(\/\d+)?$/, 'checks'],
    [/^\/issues(\/\d+(\/(comments|labels|timeline))?)?$/, 'issues'],
    [/^\/issues\/comments\/\d+$/, 'issues'],
    [/^\/pulls(\/.*)?$/, 'pull-requests'],
    [/^\/contents\/.+$/, 'contents'],
    [/^\/commits(\/[^/]+)?$/, 'contents'],
    [/^\/git\/.+$/, 'contents'],
    [/^\/activity$/, 'contents'],
    [/^\/dispatches$/, 'contents'],
    [/^\/actions\/.+$/, 'actions'],
  ];
  if (request.path === '/rate_limit' || /^\/users\/[^/]+$/.test(request.path))
    return { scope: 'none', write };
  if (request.path.startsWith('/repos/'))
    for (const [pattern, scope] of routes) if (pattern.test(path)) return { scope, write };
  throw new Error(`${request.method} ${request.path}: no known permission for this route`);
}

function granted(scope: string, write: boolean): boolean {
  if (scope === 'none' || (scope === 'metadata' && !write)) return true;
  const level = permissions[scope];
  return level === 'write' || (!write && level === 'read');
}

describe('README’s Action quick start, followed literally', () => {
  it('reads a deploy job on push to main that waits for the production gate', () => {
    expect(branch).toBe('main');
    expect(inputs).toMatchObject({ environment: 'production', wait: 'true' });
    expect(Object.keys(permissions)).toEqual(
      expect.arrayContaining(['contents', 'issues', 'checks', 'pull-requests']),
    );
  });

  it('waits on an approval issue; a reviewer of the policy approves there, and the job goes on', async () => {
    const { github } = scenario;
    github.when(isPoll, 1, () => {
      const issue = [...github.state.issues.keys()][0];
      if (issue === undefined) throw new Error('no approval issue was opened');
      github.age(issue, 60_000);
      github.addComment(issue, users.alice, '/approve');
    });
    const run = await scenario.run({
      inputs,
      eventName: 'push',
      event: anEvent('push', undefined, {
        ref: `refs/heads/${branch}`,
        base_ref: null,
        after: MAIN_HEAD,
        created: false,
        deleted: false,
        head_commit: { id: MAIN_HEAD, message: 'Ship the new checkout', timestamp: github.clock },
      }),
      sha: MAIN_HEAD,
      actor: users.dave.login,
      actorId: users.dave.id,
    });

    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'approved', approvers: '["alice"]' });
    const issue = github.state.issues.get(issueOf(run));
    expect(issue).toMatchObject({
      title: `Gatehouse: Deploy ${MAIN_HEAD.slice(0, 12)} (main) to production`,
    });
    const check = github.state.checkRuns.find((entry) => String(entry.id) === run.outputs['check-run-id']);
    expect(check).toMatchObject({
      name: 'gatehouse: production',
      head_sha: MAIN_HEAD,
      conclusion: 'success',
    });

    // Every request the run made is one the README's `permissions:` allow.
    const refused = github.requests
      .map((request) => ({ request, ...scopeOf(request) }))
      .filter(({ scope, write }) => !granted(scope, write))
      .map(
        ({ request, scope, write }) =>
          `${request.method} ${request.path} needs ${scope}: ${write ? 'write' : 'read'}`,
      );
    expect(refused).toEqual([]);
  });
});
