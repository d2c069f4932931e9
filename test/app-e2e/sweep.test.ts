// The periodic sweep through the real App against the GitHub simulator: the installations and
// repositories come from GitHub as the App sees them, and each repository's due gates are
// recomputed. Deadlines pass with no event: the simulator's clock is moved (`sim.advance`), which
// is the App's clock too (app-on-simulator.ts), and the sweep is what decides. Every move stays
// under the hour an installation token lives, so the token the App holds is one GitHub still
// honours, as it is when both clocks agree. Assertions are on what GitHub ends up holding, with
// the requests each sweep cost as budgets next to them.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SweepTimers } from '../../src/app/sweep.ts';
import { SimulatedApp } from '../simulator/app-installation.ts';
import { OWNER, REPO, REPOSITORY_ID, type RecordedRequest } from '../simulator/github.ts';
import { generateAppKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, type AppScene, BOT, startAppScene } from './app-on-simulator.ts';

type Json = Record<string, unknown>;

const MINUTE = 60_000;
const MIGRATION = {
  'db/migrations/20261120_drop_orders_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n',
};
const DESCRIPTION = '## Context\n\nUnused since March.\n\n## Rollback plan\n\nRestore from the snapshot.';

/** Migrations wait 15 minutes for platform; `onTimeout` says what happens then. */
function createPolicy(onTimeout: 'reject' | 'escalate'): string {
  return [
    'reviewers:',
    '  platform: [alice, bob]',
    '  backup: [carol]',
    'rules:',
    '  - name: migrations',
    '    if: { paths: ["db/migrations/**"] }',
    '    risk: { reversibility: irreversible, blast_radius: production }',
    '    reviewers: [platform]',
    '    timeout: 15m',
    `    on_timeout: ${onTimeout}`,
    ...(onTimeout === 'escalate' ? ['    escalate_to: [backup]'] : []),
    '',
  ].join('\n');
}

/** The schedule's timers, fired by hand: `fire()` is one interval passing. */
function createManualTimers(): SweepTimers & { fire(): void } {
  const intervals = new Map<number, () => void>();
  let next = 1;
  return {
    setInterval(callback) {
      intervals.set(next, callback);
      return next++;
    },
    clearInterval(handle) {
      intervals.delete(handle as number);
    },
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    fire() {
      for (const callback of intervals.values()) callback();
    },
  };
}

let scene: AppScene;
let timers: ReturnType<typeof createManualTimers>;

beforeEach(async () => {
  timers = createManualTimers();
  scene = await startAppScene({ sweepTimers: timers });
  scene.sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', 'carol', users.author.login]) scene.sim.setPermission(login, 'write');
});

afterEach(async () => {
  // Nothing the App asked was refused but what a scenario sets out to refuse (listed there), and
  // the log branch read before its first record, which GitHub answers 404.
  const refused = scene.sim.requests.filter(
    (request) => request.status >= 400 && !expectedRefusals.includes(request),
  );
  expectedRefusals = [];
  await scene.stop();
  for (const request of refused)
    expect(`${request.status} ${request.method} ${request.path} ${request.query.sha}`).toBe(
      '404 GET /repos/acme/shop/commits gatehouse-log',
    );
});
let expectedRefusals: RecordedRequest[] = [];

async function commitPolicy(text: string): Promise<void> {
  const commit = await scene.users.commit(users.dave, 'main', { '.github/gatehouse.yml': text }, 'Policy');
  expect(commit.delivery.status).toBe(200);
}

async function openMigration() {
  const pr = await scene.users.openPullRequest({
    by: users.author,
    title: 'Drop the legacy orders.status column',
    body: DESCRIPTION,
    files: MIGRATION,
  });
  expect(pr.delivery.status).toBe(200);
  return pr;
}

/** Runs one sweep; returns its report and the requests it made, as `status METHOD path`. */
async function sweep() {
  const before = scene.sim.requests.length;
  const report = await scene.app.sweep?.tick();
  const requests = scene.sim.requests.slice(before);
  return {
    report,
    requests,
    counted: requests.filter((request) => request.counted),
    lines: requests.map((request) => `${request.status} ${request.method} ${request.path}`),
  };
}

/** The App's newest `gatehouse` run on `sha`. */
function gateRunOn(sha: string): Json | undefined {
  return scene.sim.state.checkRuns
    .filter((run) => run.head_sha === sha && run.name === 'gatehouse' && (run.app as Json).id === APP.id)
    .at(-1);
}

// Each scene starts a Probot server and the App's first delivery; on a loaded 2-core machine
// that takes seconds (no assertion here depends on time).
describe('a sweep', { timeout: 20_000 }, () => {
  it('recomputes the due gates of every repository of every active installation, skipping archived ones', async () => {
    const { sim } = scene;
    const app = sim.app as SimulatedApp;
    app.otherInstallations.push({ id: 8, account: 'suspended-org', suspended: true });
    app.otherRepositories.push({ name: 'attic', archived: true });
    await commitPolicy(createPolicy('reject'));
    const pr = await openMigration();
    expect(gateRunOn(pr.headSha)).toMatchObject({ status: 'in_progress', conclusion: null });
    // A pull request into another base, opened while the App was down: its gate's check is named
    // for that base, and it has none yet: the first sweep gives it one (a lost `opened`).
    sim.addPullRequest({ number: 8, headSha: 'c0ffee'.padEnd(40, '0'), baseRef: 'release/1.x' }, [
      'README.md',
    ]);
    const pending = gateRunOn(pr.headSha);

    // The first sweep of a process reconciles every gate that is not settled: both are recomputed,
    // the pending one to the same run.
    const early = await sweep();
    expect(early.report).toEqual({ installations: 1, repositories: 1, gates: 2, failures: 0 });
    expect(gateRunOn(pr.headSha)).toEqual(pending);
    expect(
      sim.state.checkRuns.filter((run) => run.head_sha === 'c0ffee'.padEnd(40, '0')).map((run) => run.name),
    ).toEqual(['gatehouse (into release/1.x)']);
    const quiet = await sweep();
    expect(quiet.report).toEqual({ installations: 1, repositories: 1, gates: 0, failures: 0 });

    // The deadline passes with no event: the next sweep decides.
    sim.advance(15 * MINUTE + 1000);
    const due = await sweep();
    expect(due.report).toEqual({ installations: 1, repositories: 1, gates: 1, failures: 0 });
    expect(gateRunOn(pr.headSha)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      app: { id: APP.id },
    });

    for (const { lines } of [early, quiet, due]) {
      // The suspended installation is not entered, the archived repository not read.
      expect(
        lines.filter((line) => line.includes('/app/installations/8') || line.includes('/attic')),
      ).toEqual([]);
    }
    // The sweep's own look at each pull request (20 runs of its gate: an older one may have been
    // left in progress beside the newest), by the name for its base.
    const checkNames = early.requests
      .filter((request) => request.path.endsWith('/check-runs') && String(request.query.per_page) === '20')
      .map((request) => request.query.check_name);
    expect(checkNames.sort()).toEqual(['gatehouse', 'gatehouse (into release/1.x)']);
    // Nothing due and nothing changed since: the App's listing of its installations, and 304s but
    // for the newest run on #8's head, which the first sweep created after reading it.
    expect(quiet.counted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /app/installations',
      `GET /repos/acme/shop/commits/${'c0ffee'.padEnd(40, '0')}/check-runs`,
    ]);
  });

  it('escalates a gate nobody decided at its deadline, and expires it at the second', async () => {
    const { sim } = scene;
    await commitPolicy(createPolicy('escalate'));
    const pr = await openMigration();

    sim.advance(15 * MINUTE + 1000);
    const escalation = await sweep();
    expect(escalation.report).toMatchObject({ gates: 1, failures: 0 });
    const escalated = gateRunOn(pr.headSha);
    expect(escalated).toMatchObject({ status: 'in_progress', output: { title: 'Escalated to backup' } });
    const requested = (sim.pull(pr.number)?.requested_reviewers ?? []) as { login: string }[];
    expect(requested.map((user) => user.login).sort()).toEqual(['alice', 'bob', 'carol']);
    // The request comment says so, and a new one mentions the backup, who is asked to review.
    const [request, notice, ...more] = sim.commentsOn(pr.number);
    expect(more).toEqual([]);
    expect(String(request?.body)).toContain('**Escalated** at ');
    expect(String(request?.body)).toContain('to **backup** (`carol`): they can approve too.');
    expect(notice).toMatchObject({ user: { id: BOT.id, login: BOT.login } });
    expect(String(notice?.body)).toContain(
      '**Escalated:** no decision before the deadline. @carol: you can approve this request too',
    );

    sim.advance(15 * MINUTE + 1000);
    const expiry = await sweep();
    expect(expiry.report).toMatchObject({ gates: 1, failures: 0 });
    expect(gateRunOn(pr.headSha)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Expired after 30m without a decision' },
    });
    // The sweep's own reads (installations, repositories, open pull requests, the gate's newest
    // run, approval issues: 5; the runs waiting for a deployment are a 304), then the gate's: 4
    // reads (the policy, the files and the activity log are 304s: the opening's delivery read them,
    // and the sweep shares its cache), the log commit (tree, commit, ref), the request comment
    // edited, the waiting run updated in place, the escalation comment and the backup's review
    // request (11).
    expect(escalation.counted).toHaveLength(16);
    // At the second deadline, what did not change since the last sweep is a 304 (the repository
    // list, the policy, the files, the activity log, the approval issues, the waiting runs).
    expect(expiry.counted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /app/installations',
      'GET /repos/acme/shop/pulls',
      `GET /repos/acme/shop/commits/${pr.headSha}/check-runs`,
      `GET /repos/acme/shop/pulls/${pr.number}`,
      `GET /repos/acme/shop/issues/${pr.number}/timeline`,
      `GET /repos/acme/shop/commits/${pr.headSha}/check-runs`,
      'GET /repos/acme/shop/commits',
      expect.stringMatching(/^PUT \/repos\/acme\/shop\/contents\/decisions\/\d{4}\/\d{2}\/[0-9a-f]{24}\.md$/),
      `PATCH /repos/acme/shop/issues/comments/${String(request?.id)}`,
      'POST /repos/acme/shop/check-runs',
      `PATCH /repos/acme/shop/check-runs/${String(escalated?.id)}`,
    ]);
    // The decision is logged: the expiry is the log branch's newest record.
    const records = Object.values(sim.filesOnBranch('gatehouse-log'));
    expect(records.some((record) => record.includes(pr.headSha) && record.includes('expired'))).toBe(true);
  });

  it('opens a gate approved with /delay at its time, and not before', async () => {
    const { sim, users: people } = scene;
    await commitPolicy(createPolicy('reject'));
    const pr = await openMigration();
    const delayed = await people.comment(pr.number, users.alice, '/delay 10m');
    expect(delayed.delivery.status).toBe(200);
    const effective = new Date(Date.parse(sim.clock) + 10 * MINUTE)
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ');
    const waiting = gateRunOn(pr.headSha);
    expect(waiting).toMatchObject({
      status: 'in_progress',
      output: { title: expect.stringMatching(`^Approved by alice, effective at ${effective}`) },
    });

    // The first sweep reconciles the gate: recomputed, it still waits.
    expect((await sweep()).report).toMatchObject({ gates: 1, failures: 0 });
    sim.advance(9 * MINUTE);
    expect((await sweep()).report).toMatchObject({ gates: 0, failures: 0 });
    expect(gateRunOn(pr.headSha)).toMatchObject({ status: 'in_progress' });

    sim.advance(MINUTE + 1000);
    const opening = await sweep();
    expect(opening.report).toMatchObject({ gates: 1, failures: 0 });
    expect(gateRunOn(pr.headSha)).toMatchObject({ status: 'completed', conclusion: 'success' });
    const records = Object.values(sim.filesOnBranch('gatehouse-log'));
    expect(records.some((record) => record.includes('alice') && record.includes(pr.headSha))).toBe(true);
    // Every read is a 304 since the sweep that reconciled the gate (the gate's own reads too,
    // alice's permission included); what is paid for is the decision: the record (one
    // contents-API write: the log branch exists already), the request comment, the new run and
    // the superseded one (the waiting run anchors the delay's own record, so it stays that decision's).
    expect(opening.counted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /app/installations',
      expect.stringMatching(/^PUT \/repos\/acme\/shop\/contents\/decisions\/\d{4}\/\d{2}\/[0-9a-f]{24}\.md$/),
      `PATCH /repos/acme/shop/issues/comments/${String(sim.commentsOn(pr.number)[0]?.id)}`,
      'POST /repos/acme/shop/check-runs',
      `PATCH /repos/acme/shop/check-runs/${String(waiting?.id)}`,
    ]);
  });

  it('goes on past a repository that fails, and counts it', async () => {
    // A repository the installation lists but that is gone when the sweep reads it.
    (scene.sim.app as SimulatedApp).otherRepositories.push({ name: 'broken', archived: false });
    await commitPolicy(createPolicy('reject'));
    const pr = await openMigration();
    scene.sim.advance(15 * MINUTE + 1000);

    const { report, requests } = await sweep();

    expect(report).toEqual({ installations: 1, repositories: 2, gates: 1, failures: 1 });
    // shop's due gate was still decided.
    expect(gateRunOn(pr.headSha)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expectedRefusals = requests.filter((request) => request.path.startsWith('/repos/acme/broken/'));
    expect(expectedRefusals.map((request) => `${request.status} ${request.method} ${request.path}`)).toEqual([
      '404 GET /repos/acme/broken/pulls',
    ]);
  });

  it('goes on past an installation whose repositories cannot be listed', async () => {
    // Uninstalled from `gone` after GitHub listed it: no token is minted for it.
    (scene.sim.app as SimulatedApp).otherInstallations.unshift({ id: 9, account: 'gone', suspended: false });
    await commitPolicy(createPolicy('reject'));

    const { report, requests } = await sweep();

    expect(report).toEqual({ installations: 2, repositories: 1, gates: 0, failures: 1 });
    expectedRefusals = requests.filter((request) => request.status >= 400);
    expect(expectedRefusals.map((request) => `${request.status} ${request.method} ${request.path}`)).toEqual([
      '404 POST /app/installations/9/access_tokens',
    ]);
  });

  it('that cannot list the installations fails as a whole and is logged, leaving the schedule running', async () => {
    const { sim } = scene;
    await commitPolicy(createPolicy('reject'));
    // The App's key deleted on GitHub: its JWT is refused.
    const installed = sim.app as SimulatedApp;
    const privateKey = generateAppKey();
    sim.app = new SimulatedApp(
      { ...installed.registration, privateKey },
      { owner: OWNER, repo: REPO, id: REPOSITORY_ID },
    );

    const failed = await sweep();

    expect(failed.report).toBeUndefined();
    expectedRefusals = failed.requests;
    expect(failed.lines).toEqual(['401 GET /app/installations']);

    // A key that GitHub knows again: the schedule's next interval sweeps as usual.
    sim.app = installed;
    const before = sim.requests.length;
    timers.fire();
    await vi.waitFor(() =>
      expect(
        sim.requests.slice(before).map((request) => `${request.status} ${request.method} ${request.path}`),
      ).toContain('200 GET /repos/acme/shop/pulls'),
    );
    await scene.app.sweep?.tick();
  });

  it('reconciles a gate that is not settled once, then reads what did not change as 304s, which cost no rate limit', async () => {
    await commitPolicy(createPolicy('reject'));
    const pr = await openMigration();
    const pending = gateRunOn(pr.headSha);
    const comments = structuredClone(scene.sim.commentsOn(pr.number));

    const first = await sweep();
    const second = await sweep();
    const third = await sweep();

    // The first sweep of a process recomputes the pending gate (nothing was missed: it writes
    // nothing), the next ones find it unchanged.
    expect(first.report).toEqual({ installations: 1, repositories: 1, gates: 1, failures: 0 });
    expect(first.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(gateRunOn(pr.headSha)).toEqual(pending);
    expect(scene.sim.commentsOn(pr.number)).toEqual(comments);
    expect(second.report).toEqual({ installations: 1, repositories: 1, gates: 0, failures: 0 });
    expect(third.report).toEqual(second.report);
    for (const later of [second, third]) {
      // The same answers, from the cache: every read of the installation's repositories was a 304.
      const reads = later.requests.filter(
        (request) => request.path.startsWith('/repos/') || request.path.startsWith('/installation/'),
      );
      expect(reads).toHaveLength(5);
      expect(
        reads.filter((request) => request.status !== 304 || request.counted || !request.conditional),
      ).toEqual([]);
      // A sweep where nothing changed costs one request: the App's own listing of its installations.
      expect(later.counted.map((request) => `${request.method} ${request.path}`)).toEqual([
        'GET /app/installations',
      ]);
    }
    // The first: the sweep's listings (installations, repositories, open pull requests, the
    // gate's newest run, approval issues) and the gate's reads of what changed since the opening's
    // delivery read it: the sweep shares the deliveries' cache, so the policy, the files, the
    // activity log and the repository's runs waiting for a deployment are 304s.
    expect(first.counted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /app/installations',
      'GET /installation/repositories',
      'GET /repos/acme/shop/pulls',
      `GET /repos/acme/shop/commits/${pr.headSha}/check-runs`,
      `GET /repos/acme/shop/pulls/${pr.number}`,
      `GET /repos/acme/shop/issues/${pr.number}/timeline`,
      `GET /repos/acme/shop/commits/${pr.headSha}/check-runs`,
      'GET /repos/acme/shop/commits',
      'GET /repos/acme/shop/issues',
    ]);
  });
});
