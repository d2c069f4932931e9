// The App as a user runs it, against the GitHub simulator: registered there (its id, key and
// webhook secret) and installed on the simulator's repository, then started the way `npm start`
// starts it (src/app/main.ts → startApp) with the environment a user sets for a GitHub
// Enterprise Server at the simulator's address. People act through `users`: each action changes
// the simulator's state and delivers the signed webhook to the App's server.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadAppYml } from '../../src/app/app-manifest.ts';
import { type AppHandle, startApp } from '../../src/app/start-app.ts';
import type { SweepTimers } from '../../src/app/sweep.ts';
import type { Actor } from '../../src/core/model.ts';
import type { ReplicaArbitration } from '../../src/github/creation-lease.ts';
import { type GitHubSimulator, startGitHubSimulator } from '../simulator/github.ts';
import { HistoryActions } from '../simulator/history-actions.ts';
import { UserActions } from '../simulator/user-actions.ts';
import { WebhookSender } from '../simulator/webhooks.ts';
import { appKey } from '../support/app-key.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The App as GitHub registered it: ids of the size github.com hands out today. */
export const APP = { id: 1_048_576, slug: 'gatehouse', name: 'Gatehouse', installationId: 58_213_907 };
export const BOT: Actor = { id: 187_423_551, login: `${APP.slug}[bot]`, type: 'Bot' };
/** The webhook secret the App was registered with: deliveries are signed with it. */
export const SECRET = 'a3f9c0d27e514b68b1e4c9d0f2a7b635';

export interface AppScene {
  sim: GitHubSimulator;
  app: AppHandle;
  webhooks: WebhookSender;
  users: UserActions;
  /** Pushes, force pushes, retargets, edits, reopening (test/simulator/history-actions.ts). */
  history: HistoryActions;
  /** Stops the App and starts a fresh process: it knows only what GitHub holds. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on, for PORT (Probot cannot be told to pick one). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Timers that never fire: the periodic sweep (10 s after the start) stays out of these scenes. */
const NO_SWEEP = {
  setInterval: () => undefined,
  clearInterval: () => undefined,
  setTimeout: () => undefined,
  clearTimeout: () => undefined,
};

export interface SceneOptions {
  /** Permissions the installation was granted beyond app.yml's (an owner can add Administration). */
  extraPermissions?: Record<string, string>;
  /** The sweep's timers (src/app/sweep.ts); by default they never fire. */
  sweepTimers?: SweepTimers;
  /** A restart (a fresh process) against this running scene's GitHub, instead of a new simulator. */
  running?: GitHubSimulator;
  /** More of the environment a user sets (GATEHOUSE_REPLICAS…). */
  env?: Record<string, string>;
  /** How replicas wait for each other's creations (src/github/creation-lease.ts). */
  replicaArbitration?: ReplicaArbitration;
  /**
   * The answer budget (src/app/answer-budget.ts). Scenes assert on GitHub once a delivery is
   * answered, so by default they keep the 9 s Probot waited: a step on a busy machine then still
   * ends before its answer. Scenes that test the budget pass the App's own, and wait for `app.idle()`.
   */
  answerBudgetMs?: number;
}

/** The App started against a new simulator, or (a restart) against `options.running`'s GitHub. */
export async function startAppScene(options: SceneOptions = {}): Promise<AppScene> {
  const { running } = options;
  const sim = running ?? (await startGitHubSimulator());
  const privateKey = appKey();
  const manifest = loadAppYml(ROOT);
  if (running === undefined)
    sim.installApp({
      ...APP,
      privateKey,
      permissions: { ...Object.fromEntries(manifest.permissions), ...options.extraPermissions },
      events: [...manifest.events],
      bot: BOT,
    });
  // Each start on a port of its own: a fresh process at a new address (a connection kept alive to
  // the stopped one is not reused).
  const launch = async () =>
    startApp(
      {
        APP_ID: String(APP.id),
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: SECRET,
        GHE_HOST: new URL(sim.url).host,
        GHE_PROTOCOL: 'http',
        HOST: '127.0.0.1',
        PORT: String(await findFreePort()),
        LOG_LEVEL: process.env.GATEHOUSE_TEST_LOG_LEVEL ?? 'silent',
        ...options.env,
      },
      {
        cwd: ROOT,
        // Unspaced writes keep a scene in milliseconds; GitHub's 1 s / 3 s spacing of writes is
        // covered by the client's own tests. No sweep timer: scenes deliver every event themselves.
        clientTuning: { spaceWrites: false, retryAfterBaseValue: 1 },
        sweepTimers: options.sweepTimers ?? NO_SWEEP,
        answerBudgetMs: options.answerBudgetMs ?? 9_000,
        // The App's clock is GitHub's (a server's clock is kept in time): `sim.advance` and
        // `sim.fixedClock` move both, as they do for the Action.
        now: () => new Date(sim.clock),
        ...(options.replicaArbitration === undefined
          ? {}
          : { replicaArbitration: options.replicaArbitration }),
      },
    );
  let app = await launch();
  const connect = () => {
    const webhooks = new WebhookSender(sim, { url: `${app.url}/api/github/webhooks`, secret: SECRET });
    return { webhooks, users: new UserActions(sim, webhooks), history: new HistoryActions(sim, webhooks) };
  };
  let people = connect();
  return {
    sim,
    get app() {
      return app;
    },
    get webhooks() {
      return people.webhooks;
    },
    get users() {
      return people.users;
    },
    get history() {
      return people.history;
    },
    async restart() {
      await app.stop();
      app = await launch();
      people = connect();
    },
    /** Stops both, then fails the test if anything the App sent is a request GitHub would not accept. */
    async stop() {
      await app.stop();
      await sim.close();
      sim.assertFaithful();
    },
  };
}
