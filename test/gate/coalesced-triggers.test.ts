// Deliveries that waited for one gate are served by one recompute: what each of them carried
// (a deleted /reject, who pushed, an edit by someone else) is kept, and GitHub is read once.
import { describe, expect, it } from 'vitest';
import type { GateEnvironment, PullRequestTrigger } from '../../src/gate/run-pull-request-gate.ts';
import { runPullRequestGate } from '../../src/gate/run-pull-request-gate.ts';
import { aGateClient, aGateEnvironment, github, useNock } from '../support/github-client.ts';
import { users } from '../support/github-fixtures.ts';
import {
  addComment,
  aWorld,
  commented,
  mockLogWrite,
  mockReads,
  mockUpdateCheckRun,
  mockUpdateComment,
  openPullRequest,
  runsOf,
  target,
} from '../support/github-world.ts';

useNock();

/** A batching queue that serves the first `size` inputs with one run, once all have arrived. */
function aBatchOf(size: number): NonNullable<GateEnvironment['coalesce']> {
  const inputs: unknown[] = [];
  let release: (run: Promise<unknown>) => void = () => undefined;
  const result = new Promise<unknown>((resolve) => {
    release = resolve;
  });
  return <I, T>(_key: string, _batch: string, input: I, run: (inputs: readonly I[]) => Promise<T>) => {
    inputs.push(input);
    if (inputs.length === size) release(run(inputs as I[]));
    return result as Promise<T>;
  };
}

describe('one recompute for the deliveries that waited for a gate', () => {
  it('keeps a /reject that one of them says was deleted, with the /approve another brought', async () => {
    const world = aWorld({ permissions: { alice: ['write', 'write'], bob: ['write', 'write'] } });
    await openPullRequest(world);
    const [pending] = runsOf(world);
    const sticky = world.comments[0]?.id as number;
    const approval = addComment(world, users.alice, '/approve', '2026-11-20T10:04:00Z');
    // bob's /reject was made and deleted before Gatehouse read the timeline: only the delivery says it.
    const deletedVeto: PullRequestTrigger = {
      kind: 'comment',
      action: 'deleted',
      commentId: 9_001,
      commentAuthorId: users.bob.id,
      sender: users.bob,
      updatedAt: '2026-11-20T10:03:00Z',
      deleted: { body: '/reject not during the sale', createdAt: '2026-11-20T10:03:00Z', author: users.bob },
    };
    world.clock = '2026-11-20T10:05:00Z';
    const scope = github();
    mockReads(world, scope, { permissions: ['alice', 'bob'] });
    mockLogWrite(world, scope);
    mockUpdateComment(world, scope, sticky, (body) => body.includes('Rejected'));
    mockUpdateCheckRun(world, scope, pending?.id as number, (body) => body.conclusion === 'failure');
    const { env } = aGateEnvironment({ at: world.clock, github: aGateClient(), coalesce: aBatchOf(2) });
    const [first, second] = await Promise.all([
      runPullRequestGate(env, target, commented(approval)),
      runPullRequestGate(env, target, deletedVeto),
    ]);
    scope.done();
    expect(first).toMatchObject({ state: 'rejected', reason: 'not during the sale' });
    // One run, one answer: both deliveries get it.
    expect(second).toBe(first);
  });
});
