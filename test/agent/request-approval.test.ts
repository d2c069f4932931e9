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

  it('stays spent when the agent, with its own token, deletes the mark, removes the label and reopens the issue', async () => {
    const first = await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true });
    const issue = first.issueNumber ?? 0;
    sim.addComment(issue, users.alice, '/approve');
    expect(await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true })).toMatchObject({
      decision: 'approved',
    });
    expect(sim.state.issues.get(issue)?.labels).toContainEqual(
      expect.objectContaining({ name: 'gatehouse:used' }),
    );

    // Everything the agent's token wrote, undone with that token.
    const at = { owner: 'acme', repo: 'shop', issue_number: issue };
    for (const comment of sim.state.comments.get(issue) ?? [])
      if (String(comment.body).includes('"type":"used"'))
        await context.github.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner: 'acme',
          repo: 'shop',
          comment_id: Number(comment.id),
        });
    await context.github.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
      ...at,
      name: 'gatehouse:used',
    });
    await context.github.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...at,
      state: 'open',
    });
    expect(comments(issue).some((body) => body.includes('"type":"used"'))).toBe(false);
    expect(sim.state.issues.get(issue)).toMatchObject({ state: 'open', labels: [expect.anything()] });

    const again = await requestApproval(context, MIGRATION, { waitMs: 0, singleUse: true });
    expect(again).toMatchObject({ decision: 'pending', exitCode: 3 });
    expect(again.issueNumber).not.toBe(issue);
    expect(await readApproval(context, issue, { waitMs: 0, singleUse: true })).toMatchObject({
      decision: 'expired',
    });
    sim.assertFaithful();
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

describe("the issue's request record, replaced with the agent's token", () => {
  it("never lets the person the agent acts for approve a wait's recompute", async () => {
    const alice = { id: 1, login: 'alice', type: 'User' };
    let forged = false;
    const waiting: AgentContext = {
      ...context,
      onBehalfOf: alice,
      pollIntervalMs: 1_000,
      sleep: async (ms) => {
        sim.advance(ms);
        if (forged) return;
        forged = true;
        // Mid-wait: the record deleted and posted again without onBehalfOf, then alice approves.
        const issue = [...sim.state.issues.keys()][0] ?? 0;
        const [record] = sim.state.comments.get(issue) ?? [];
        const data = /request-data ([\w-]+)/.exec(String(record?.body))?.[1] ?? '';
        const request = JSON.parse(Buffer.from(data, 'base64url').toString()) as Record<string, unknown>;
        expect(request.onBehalfOf).toMatchObject({ login: 'alice' });
        delete request.onBehalfOf;
        await context.github.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner: 'acme',
          repo: 'shop',
          comment_id: Number(record?.id),
        });
        await context.github.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner: 'acme',
          repo: 'shop',
          issue_number: issue,
          body: `<!-- gatehouse:request-data ${Buffer.from(JSON.stringify(request)).toString('base64url')} -->`,
        });
        sim.addComment(issue, users.alice, '/approve');
      },
    };
    const answer = await requestApproval(waiting, MIGRATION, { waitMs: 10_000 });
    expect(forged).toBe(true);
    expect(answer).toMatchObject({ decision: 'pending', exitCode: 3 });
    // Without the caller's knowledge, the replaced record would let alice's /approve count.
    const { onBehalfOf: _dropped, ...unaware } = waiting;
    expect(await readApproval(unaware, answer.issueNumber ?? 0, { waitMs: 0 })).toMatchObject({
      decision: 'approved',
    });
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
