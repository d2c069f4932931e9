// The agent interface in-process against the GitHub simulator, as the hook and the MCP server
// call it: a single-use approval answers the asked call once, a declared risk only raises the
// tier, and an execution is recorded beside the decision, never in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAgentContext } from '../../src/agent/load-agent-context.ts';
import {
  type AgentContext,
  readApproval,
  recordExecution,
  requestApproval,
} from '../../src/agent/request-approval.ts';
import { POLICY } from '../action-e2e/scenario.ts';
import type { GitHubSimulator } from '../simulator/github.ts';
import { type AgentScene, startAgentScene } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const SHA = 'b'.repeat(40);
const MIGRATION = { title: 'Drop orders.status', kind: 'migration', rollback: 'Restore the column' };

let scene: AgentScene;
let sim: GitHubSimulator;
let context: AgentContext;

beforeEach(async () => {
  scene = await startAgentScene(POLICY);
  sim = scene.sim;
  context = await loadAgentContext({
    env: scene.env,
    cwd: '/',
    now: () => new Date(sim.clock),
    repo: { owner: 'acme', repo: 'shop' },
    sha: SHA,
    agent: 'claude-code',
  });
});

afterEach(async () => {
  await scene.stop();
});

const comments = (issue: number) => scene.comments(issue);

describe('a single-use approval (the hook)', () => {
  it('answers approved once, marks the issue used and closes it; the same call then opens a new issue', async () => {
    const first = await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true });
    expect(first).toMatchObject({ decision: 'pending', exitCode: 3 });
    const issue = first.issueNumber ?? 0;
    sim.addComment(issue, users.alice, '/approve');

    const approved = await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true });
    expect(approved).toMatchObject({ decision: 'approved', exitCode: 0, issueNumber: issue });
    expect(sim.state.issues.get(issue)).toMatchObject({ state: 'closed' });
    expect(comments(issue).at(-1)).toContain('<!-- gatehouse:issue {"type":"used"');

    const spent = await readApproval(context, issue, { waitMs: 0, singleUse: true });
    expect(spent).toMatchObject({ decision: 'expired', exitCode: 1 });

    const again = await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true });
    expect(again).toMatchObject({ decision: 'pending', exitCode: 3 });
    expect(again.issueNumber).not.toBe(issue);
    expect(sim.state.issues.size).toBe(2);
  });

  it('without single use, an approval stands for the same request asked again', async () => {
    const first = await requestApproval(context, MIGRATION, { waitMs: 0 });
    sim.addComment(first.issueNumber ?? 0, users.alice, '/approve');
    expect(await requestApproval(context, MIGRATION, { waitMs: 0 })).toMatchObject({ decision: 'approved' });
    expect(await requestApproval(context, MIGRATION, { waitMs: 0 })).toMatchObject({
      decision: 'approved',
      issueNumber: first.issueNumber,
    });
    expect(sim.state.issues.size).toBe(1);
  });
});

describe('declared risk', () => {
  it('raises the tier of a kind no rule names, and a lower one never lowers a rule', async () => {
    const flush = { title: 'Flush the CDN cache', kind: 'cache-flush', rollback: 'nothing to undo' };
    expect(await requestApproval(context, flush, { waitMs: 0 })).toMatchObject({ decision: 'auto_approved' });
    const raised = await requestApproval(
      context,
      { ...flush, declaredRisk: { sensitivity: 'credentials' } },
      { waitMs: 0 },
    );
    expect(raised).toMatchObject({ tier: 'approve', decision: 'pending' });
    const lowered = await requestApproval(
      context,
      {
        ...MIGRATION,
        declaredRisk: { reversibility: 'revertible', blast_radius: 'file', precedent: 'routine' },
      },
      { waitMs: 0 },
    );
    expect(lowered).toMatchObject({ tier: 'approve', decision: 'pending' });
  });
});

describe('recordExecution', () => {
  it('comments the execution on the approval issue and leaves the decision and its record as they were', async () => {
    const first = await requestApproval(context, MIGRATION, { waitMs: 0 });
    const issue = first.issueNumber ?? 0;
    sim.addComment(issue, users.alice, '/approve');
    await readApproval(context, issue, { waitMs: 0 });
    const log = sim.filesOnBranch('gatehouse-log');
    await recordExecution(context, issue, {
      status: 'succeeded',
      startedAt: '2026-12-07T05:00:00Z',
      completedAt: '2026-12-07T05:00:09Z',
      detail: 'exit 0',
    });
    expect(comments(issue).at(-1)).toContain('**Execution:** succeeded (exit 0)');
    expect(sim.filesOnBranch('gatehouse-log')).toEqual(log);
    expect(await readApproval(context, issue, { waitMs: 0 })).toMatchObject({ decision: 'approved' });
  });
});
