// Pull-request gates end to end on the simulator, part 3: pushes, replays, reviews, check-run
// buttons and a concurrent writer of the decision log. The real App; assertions on what GitHub
// ends up holding, with what each step cost next to them.
import { describe, expect, it } from 'vitest';
import { pushedCommit } from '../simulator/commit-verification.ts';
import { moveUnderNextWrite } from '../simulator/contents-writes.ts';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import {
  countRequests,
  LOG_BRANCH,
  logMessages,
  logRecords,
  MINUTE,
  openMigration,
  runsOn,
  useGateScenes,
  verdictOn,
} from './gate-scene.ts';

const scenes = useGateScenes();

/** alice approves with a comment; the gate turns green. */
async function approve(scene: AppScene, number: number, headSha: string) {
  const approval = await scene.users.comment(number, users.alice, '/approve');
  expect(approval.delivery.status).toBe(200);
  expect(verdictOn(scene, headSha)).toEqual(['completed', 'success', expect.any(String)]);
  scene.sim.advance(MINUTE);
  return approval;
}

describe('a push after the approval', () => {
  it('puts the gate back to pending on the new head: the approval was for the old one (S1)', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    await approve(scene, pr.number, pr.headSha);
    const { result: pushed, counted } = await countRequests(scene, () =>
      scene.history.push(pr.number, users.author, {
        files: { 'db/migrations/002_index.sql': 'CREATE INDEX orders_created ON orders (created_at);\n' },
        message: 'Add an index',
      }),
    );
    expect(pushed.delivery?.status).toBe(200);
    expect(verdictOn(scene, pushed.sha)).toEqual([
      'in_progress',
      null,
      'Waiting for 1 approval from platform',
    ]);
    // The old head keeps its green run: only the new head is gated again.
    expect(verdictOn(scene, pr.headSha)[1]).toBe('success');
    const requested = (scene.sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
    expect(Object.keys(logRecords(scene))).toHaveLength(1);
    // 7 reads (the runs of both heads; the policy, alice's permission and the repository's listing
    // of runs waiting for a deployment are 304s: as the App read them for the approval), the sticky
    // comment's update and the new run; alice and bob are still asked, so no review request.
    expect(counted.filter((request) => !request.startsWith('GET '))).toEqual([
      expect.stringMatching(/^PATCH \/repos\/acme\/shop\/issues\/comments\/\d+$/),
      'POST /repos/acme/shop/check-runs',
    ]);
    expect(counted).toHaveLength(9);
  });
});

describe('a replayed delivery', () => {
  it('of the approval, with the same delivery id, writes nothing: no second comment, check run or log commit (W7)', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const approval = await approve(scene, pr.number, pr.headSha);
    const before = {
      comments: structuredClone(scene.sim.commentsOn(pr.number)),
      runs: structuredClone(scene.sim.state.checkRuns),
      log: logMessages(scene),
    };
    const { result: replay, counted } = await countRequests(scene, () =>
      scene.history.redeliver(approval.delivery),
    );
    expect(replay.status).toBe(200);
    expect(replay.id).toBe(approval.delivery.id);
    expect({
      comments: scene.sim.commentsOn(pr.number),
      runs: scene.sim.state.checkRuns,
      log: logMessages(scene),
    }).toEqual(before);
    expect(counted.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });

  it('of the approval under a new delivery id writes nothing either (W8)', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const approval = await approve(scene, pr.number, pr.headSha);
    const before = { runs: structuredClone(scene.sim.state.checkRuns), log: logMessages(scene) };
    const { result: again, counted } = await countRequests(scene, () =>
      scene.webhooks.deliver(approval.delivery.event, approval.delivery.payload),
    );
    expect(again.status).toBe(200);
    expect(verdictOn(scene, pr.headSha)[1]).toBe('success');
    expect({ runs: scene.sim.state.checkRuns, log: logMessages(scene) }).toEqual(before);
    expect(counted.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });
});

describe('an approving review', () => {
  it('for the head approves like /approve', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const delivery = await scene.users.review(pr.number, users.alice, 'APPROVED');
    expect(delivery.status).toBe(200);
    expect(verdictOn(scene, pr.headSha)).toEqual(['completed', 'success', expect.any(String)]);
    const records = Object.values(logRecords(scene));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain('alice');
  });
});

describe('the check run', () => {
  it('Approve button, clicked by a reviewer, is recorded as a statement and approves', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const pending = runsOn(scene, pr.headSha);
    expect(pending.buttons).toEqual(['Approve', 'Reject']);
    const { result: click, counted } = await countRequests(scene, () =>
      scene.users.clickButton(Number(pending.newest?.id), 'approve', users.alice),
    );
    expect(click.status).toBe(200);
    // The click is kept as a trace comment by Gatehouse, so every later run reads it too.
    const traces = scene.sim
      .commentsOn(pr.number)
      .filter((comment) => String(comment.body).includes('gatehouse:trace'));
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ user: { login: 'gatehouse[bot]' } });
    expect(verdictOn(scene, pr.headSha)).toEqual(['completed', 'success', expect.any(String)]);
    expect(Object.values(logRecords(scene))[0]).toContain('alice');
    // 4 reads and the permission (the policy, files, activity and deployment listing are 304s:
    // as the opening read them); the trace, the log commit, the sticky comment, and the waiting
    // run completed in place.
    expect(counted.filter((request) => !request.startsWith('GET '))).toEqual([
      expect.stringMatching(/^POST \/repos\/acme\/shop\/issues\/\d+\/comments$/),
      'POST /repos/acme/shop/git/trees',
      'POST /repos/acme/shop/git/commits',
      'POST /repos/acme/shop/git/refs',
      expect.stringMatching(/^PATCH \/repos\/acme\/shop\/issues\/comments\/\d+$/),
      expect.stringMatching(/^PATCH \/repos\/acme\/shop\/check-runs\/\d+$/),
    ]);
    expect(counted).toHaveLength(11);
  });

  it('Re-run recomputes from GitHub and, with nothing new, changes nothing (K2)', async () => {
    const scene = await scenes.start();
    const pr = await openMigration(scene);
    const before = structuredClone(scene.sim.state.checkRuns);
    const run = runsOn(scene, pr.headSha).newest;
    if (run === undefined) throw new Error('no run');
    // GitHub's check_run.rerequested carries the run as a requested action's delivery does,
    // without the action.
    const { requested_action: _action, ...payload } = scene.webhooks.checkRunAction(
      run,
      'approve',
      users.alice,
    );
    const { result: rerun, counted } = await countRequests(scene, () =>
      scene.webhooks.deliver('check_run', { ...payload, action: 'rerequested' }),
    );
    expect(rerun.status).toBe(200);
    expect(scene.sim.state.checkRuns).toEqual(before);
    // Reads only: the deadline counts from the run's started_at, which the App set when it made it.
    expect(counted.filter((request) => !request.startsWith('GET '))).toEqual([]);
  });
});

describe('two writers of the decision log at once', () => {
  it("both land once: the App's record goes on the other writer's commit (R8)", async () => {
    const scene = await scenes.start();
    const { sim, history } = scene;
    history.writeToBranch(LOG_BRANCH, {}, 'chore: start the decision log', pushedCommit(users.dave));
    const pr = await openMigration(scene);
    // As the App's record is written, another writer lands a commit: GitHub refuses the write
    // (409, the branch moved under it) and the App writes again, on the other writer's commit.
    let other = '';
    sim.when(
      (request) =>
        request.method === 'PUT' && request.path.startsWith('/repos/acme/shop/contents/decisions/'),
      1,
      () => {
        other = history.writeToBranch(
          LOG_BRANCH,
          { 'decisions/other.md': 'another record\n' },
          'gatehouse: another decision',
          pushedCommit(users.dave),
        );
        moveUnderNextWrite(sim, LOG_BRANCH);
      },
    );
    scenes.expectRefused(/^409 PUT \/repos\/acme\/shop\/contents\/decisions\/\d{4}\/\d{2}\/[0-9a-f]+\.md$/);
    await approve(scene, pr.number, pr.headSha);
    const tip = sim.state.commits.get(sim.state.refs.get(LOG_BRANCH) ?? '');
    expect(tip?.parents).toEqual([other]);
    const records = logRecords(scene);
    expect(records['decisions/other.md']).toBe('another record\n');
    const mine = Object.keys(records).filter((path) => path !== 'decisions/other.md');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/^decisions\/\d{4}\/\d{2}\/.+\.md$/);
    expect(records[mine[0] ?? '']).toContain(pr.headSha);
    expect(logMessages(scene)).toHaveLength(3);
  });
});
