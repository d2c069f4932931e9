// kill -9 at each write of a pull-request cycle, then a fresh App process with no redelivery: its
// first sweep (GATEHOUSE_SWEEP_DELAY=0) finishes the gate. The App runs as its own process
// (app-process.ts) against the GitHub simulator, which kills it from inside the write's request
// (`sim.when`): the write is applied, its answer never read, the work after it never done. What
// is asserted is what GitHub holds: the gate's check on the head, its records, one sticky comment.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAppYml } from '../../src/app/app-manifest.ts';
import { type GitHubSimulator, type RecordedRequest, startGitHubSimulator } from '../simulator/github.ts';
import { UserActions } from '../simulator/user-actions.ts';
import { WebhookSender } from '../simulator/webhooks.ts';
import { appKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { APP, BOT, SECRET } from './app-on-simulator.ts';
import { type AppProcess, startAppProcess } from './app-process.ts';

type Json = Record<string, unknown>;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POLICY = [
  'reviewers:',
  '  platform: [alice, bob]',
  'rules:',
  '  - name: migrations',
  '    if: { paths: ["db/migrations/**"] }',
  '    risk: { reversibility: irreversible, blast_radius: production }',
  '    reviewers: [platform]',
  '',
].join('\n');

const processes: AppProcess[] = [];
const sims: GitHubSimulator[] = [];
afterEach(async () => {
  for (const app of processes.splice(0)) await app.kill();
  for (const sim of sims.splice(0)) await sim.close();
});

const isWrite = (request: RecordedRequest) => request.method !== 'GET';

/**
 * Each write of the cycle, in the order the App makes it, and the phase it belongs to. The record
 * is written two ways: the log's first creates the branch (tree, commit, ref); on a log that
 * exists (an earlier pull request's record is there) it is one contents-API write.
 */
const STEPS: [string, 'opened' | 'approve' | 'approve, log exists', (request: RecordedRequest) => boolean][] =
  [
    ['the request comment', 'opened', (r) => r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path)],
    ['the first check run', 'opened', (r) => r.method === 'POST' && r.path.endsWith('/check-runs')],
    ['the record: its tree', 'approve', (r) => r.method === 'POST' && r.path.endsWith('/git/trees')],
    ['the record: its commit', 'approve', (r) => r.method === 'POST' && r.path.endsWith('/git/commits')],
    ['the log ref', 'approve', (r) => isWrite(r) && r.path.includes('/git/refs')],
    [
      'the record on a log that exists',
      'approve, log exists',
      (r) => r.method === 'PUT' && r.path.includes('/contents/'),
    ],
    ['the sticky comment', 'approve', (r) => r.method === 'PATCH' && r.path.includes('/issues/comments/')],
    // The waiting run, completed in place with the decision.
    ['the decided check run', 'approve', (r) => r.method === 'PATCH' && r.path.includes('/check-runs/')],
  ];

async function startScene() {
  const sim = await startGitHubSimulator();
  sims.push(sim);
  const privateKey = appKey();
  const manifest = loadAppYml(ROOT);
  sim.installApp({
    ...APP,
    privateKey,
    permissions: Object.fromEntries(manifest.permissions),
    events: [...manifest.events],
    bot: BOT,
  });
  sim.setPermission(users.dave.login, 'admin');
  for (const login of ['alice', 'bob', users.author.login]) sim.setPermission(login, 'write');
  const launch = async (env: Record<string, string>) => {
    const app = await startAppProcess(sim, privateKey, env);
    processes.push(app);
    const webhooks = new WebhookSender(sim, { url: `${app.url}/api/github/webhooks`, secret: SECRET });
    return { app, people: new UserActions(sim, webhooks) };
  };
  return { sim, launch };
}

/** A delivery to a process that dies while handling it is never answered: the App is gone. */
async function unanswered(action: () => Promise<unknown>): Promise<void> {
  await action().then(
    () => undefined,
    () => undefined,
  );
}

/** Resolves once `holds()` is true, looking every 20 ms (the test's timeout bounds it). */
async function until(holds: () => boolean): Promise<void> {
  while (!holds()) await new Promise((done) => setTimeout(done, 20));
}

function gateRuns(sim: GitHubSimulator, sha: string): Json[] {
  return sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && run.name === 'gatehouse' && (run.app as Json).id === APP.id,
  );
}

describe('after a kill -9 at a write and a restart with no redelivery, the first sweep', {
  timeout: 60_000,
}, () => {
  it.each(STEPS)('finishes the gate when the App died at %s', async (_name, phase, matches) => {
    const { sim, launch } = await startScene();
    // No sweep in the process that dies: only the deliveries act.
    const first = await launch({ GATEHOUSE_SWEEP_INTERVAL: '0' });
    const policy = await first.people.commit(
      users.dave,
      'main',
      { '.github/gatehouse.yml': POLICY },
      'Policy',
    );
    // Answered within the App's 3 s budget, or 202 while its work goes on (docs/app.md).
    expect([200, 202]).toContain(policy.delivery.status);
    let killedAtTheWrite = false;
    const arm = () =>
      sim.when(matches, 1, () => {
        killedAtTheWrite = true;
        first.app.child.kill('SIGKILL');
      });
    const open = () =>
      first.people.openPullRequest({
        by: users.author,
        title: 'Drop the legacy orders.status column',
        body: '## Context\n\nUnused since March.\n\n## Rollback plan\n\nRestore from the snapshot.',
        files: {
          'db/migrations/20261120_drop_orders_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n',
        },
      });
    if (phase === 'approve, log exists') {
      // bob approves an earlier pull request: its record starts the log.
      const earlier = await open();
      await until(() => gateRuns(sim, earlier.headSha).length > 0);
      await first.people.comment(earlier.number, users.bob, '/approve');
      await until(() => gateRuns(sim, earlier.headSha).at(-1)?.conclusion === 'success');
      expect(Object.keys(sim.filesOnBranch('gatehouse-log'))).toHaveLength(1);
    }
    let number: number;
    if (phase === 'opened') {
      arm();
      await unanswered(open);
      number = [...sim.state.pulls.keys()].at(-1) as number;
    } else {
      const pr = await open();
      expect([200, 202]).toContain(pr.delivery.status);
      number = pr.number;
      // A 202 leaves the work running: arm the kill only once the pending check is on the head.
      await until(() => gateRuns(sim, pr.headSha).length > 0);
      arm();
      await unanswered(() => first.people.comment(number, users.alice, '/approve'));
    }
    // The delivery may be answered 202 before the work reaches the step: wait for the death (the
    // bound only keeps a step the App never takes from using up the test's timeout).
    await Promise.race([first.app.exited, new Promise((done) => setTimeout(done, 20_000))]);
    // The step is one the App takes: the process died there, not after a finished cycle.
    expect(killedAtTheWrite).toBe(true);
    await first.app.kill();
    const head = String(((sim.pull(number)?.head ?? {}) as Json).sha);

    const second = await launch({ GATEHOUSE_SWEEP_INTERVAL: '1h', GATEHOUSE_SWEEP_DELAY: '0' });
    await second.app.logged('sweep done');

    const requestComments = sim
      .commentsOn(number)
      .filter(
        (comment) =>
          (comment.user as Json).id === BOT.id && !String(comment.body).includes('gatehouse:trace'),
      );
    expect(requestComments).toHaveLength(1);
    const records = Object.entries(sim.filesOnBranch('gatehouse-log')).filter(([, text]) =>
      text.includes(head),
    );
    const newest = gateRuns(sim, head).at(-1);
    if (phase === 'opened') {
      expect(newest).toMatchObject({ status: 'in_progress', conclusion: null });
      expect(records).toEqual([]);
    } else {
      expect(newest).toMatchObject({ status: 'completed', conclusion: 'success' });
      expect(records).toHaveLength(1);
      const stillPending = gateRuns(sim, head).filter((run) => run.status !== 'completed');
      expect(stillPending).toEqual([]);
      expect(String(requestComments[0]?.body)).toContain('Approved');
    }
    sim.assertFaithful();
  });
});
