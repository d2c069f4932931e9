// Starts the App: Probot's server with Gatehouse's application and the periodic sweep, or, before
// the App is registered, Gatehouse's registration page built from app.yml. Everything the process
// environment says arrives here once, as `env`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type ApplicationFunction, type Probot, run } from 'probot';
import { createReconciledGates } from '../gate/reconciled-gates.ts';
import { runPullRequestGate, sweepPullRequestGates } from '../gate/run-pull-request-gate.ts';
import { type ClientTuning, createGitHubClient, gitHubClientDefaults } from '../github/client.ts';
import { createConditionalCache } from '../github/conditional-cache.ts';
import { REPLICA_ARBITRATION, type ReplicaArbitration } from '../github/creation-lease.ts';
import { type BudgetTimers, createAnswerBudget } from './answer-budget.ts';
import { createGatehouseApp, findIgnoreReason, type LateRetry, type RunPullRequestGate } from './app.ts';
import { loadAppYml } from './app-manifest.ts';
import { createBotIdentityCache } from './bot-identity.ts';
import { createDeploymentSweep } from './deployments.ts';
import { saveEnvFile } from './env-file.ts';
import { createAppOctokit } from './octokit.ts';
import { type SetupLog, startRegistrationServer } from './registration-server.ts';
import { createCoalescer, createKeyedQueue } from './serialize-by-key.ts';
import { AppSettingsError, type Env, LOG_LEVELS, type LogLevel, loadAppSettings } from './settings.ts';
import { createStatusHandler } from './status-page.ts';
import {
  type SweepPullRequestGates,
  type SweepSchedule,
  type SweepTimers,
  startSweepSchedule,
  sweepInstallations,
} from './sweep.ts';
import { createWebhookFront } from './webhook-front.ts';

export interface AppHandle {
  mode: 'app' | 'setup';
  /** `http://<host>:<port>`. */
  url: string;
  port: number;
  /** The periodic sweep (app mode); `tick()` runs one now. */
  sweep: SweepSchedule | undefined;
  /** Resolves when the work of every delivery received so far has ended, answered 202 or not. */
  idle(): Promise<void>;
  /** Stops the sweep, waits for a running one, closes the server and waits for the work it accepted. */
  stop(): Promise<void>;
}

/** What tests replace; production uses the defaults. */
export interface StartOptions {
  cwd?: string;
  now?: () => Date;
  runPullRequestGate?: RunPullRequestGate;
  sweepPullRequestGates?: SweepPullRequestGates;
  sweepTimers?: SweepTimers;
  clientTuning?: ClientTuning;
  /** How replicas wait for each other's creations (GATEHOUSE_REPLICAS above 1); tests make it quick. */
  replicaArbitration?: ReplicaArbitration;
  /** How long a delivery's work may run before it is answered 202 (default ANSWER_BUDGET_MS). */
  answerBudgetMs?: number;
  answerTimers?: BudgetTimers;
  /** How work answered 202 is retried when it fails (default: app.ts LATE_RETRY_DELAYS_MS). */
  lateRetry?: LateRetry;
  /** Where the registration page puts the new App's credentials; default `.env` in `cwd`. */
  saveCredentials?: (values: Record<string, string | undefined>) => void;
}

/**
 * GitHub gives up on an answer after 10 s, counted from its side: the network, TLS, a proxy or
 * load balancer and a busy event loop all come out of it. Every delivery is answered within a
 * second (security case W9: "ack 2xx in under 1 s"): work that ends sooner (most comment
 * deliveries, a recompute on a fast link) is answered with its true outcome, longer work 202 and
 * finished by the process, its retries and, after a crash, the sweep.
 */
export const ANSWER_BUDGET_MS = 800;

/** Probot's own settings, passed through as they are (see docs/app.md). */
const PROBOT_SETTINGS = [
  'LOG_FORMAT',
  'LOG_LEVEL_IN_STRING',
  'LOG_MESSAGE_KEY',
  'SENTRY_DSN',
  'GHE_HOST',
  'GHE_PROTOCOL',
  'WEBHOOK_PATH',
  'WEBHOOK_PROXY_URL',
  'NODE_ENV',
] as const;

/** The registration server's few lines, on stdout and stderr as main.ts writes its own. */
function createSetupLog(level: LogLevel): SetupLog {
  const rank = LOG_LEVELS.indexOf(level);
  return {
    info: (message) => {
      if (rank <= LOG_LEVELS.indexOf('info')) console.info(message);
    },
    error: (message) => {
      if (rank <= LOG_LEVELS.indexOf('error')) console.error(message);
    },
  };
}

/**
 * Probot's `run` stops the server on SIGINT and exits; main.ts handles the signals instead, so
 * that the sweep stops with the server.
 */
async function withoutNewSigintListeners<T>(start: () => Promise<T>): Promise<T> {
  const before = new Set(process.listeners('SIGINT'));
  try {
    return await start();
  } finally {
    for (const listener of process.listeners('SIGINT')) {
      if (!before.has(listener)) process.removeListener('SIGINT', listener);
    }
  }
}

/** Probot loads `ioredis` at run time when REDIS_URL is set; it is not installed with Gatehouse. */
function checkRedisClient(cwd: string): void {
  try {
    createRequire(join(cwd, 'package.json')).resolve('ioredis');
  } catch {
    throw new AppSettingsError(
      'REDIS_URL is set but the ioredis package is not installed: run `npm install ioredis@5` next to Gatehouse, or unset REDIS_URL',
    );
  }
}

export async function startApp(env: Env, options: StartOptions = {}): Promise<AppHandle> {
  const cwd = options.cwd ?? process.cwd();
  const settings = loadAppSettings(env, cwd);
  const probotEnv: Record<string, string | undefined> = {};
  for (const name of PROBOT_SETTINGS) if (env[name] !== undefined) probotEnv[name] = env[name];
  probotEnv.PORT = String(settings.port);
  probotEnv.LOG_LEVEL = settings.logLevel;
  if (settings.host !== undefined) probotEnv.HOST = settings.host;

  if (settings.mode === 'setup') {
    const envFile = join(cwd, '.env');
    const log = createSetupLog(settings.logLevel);
    const server = await startRegistrationServer({
      settings,
      appYml: loadAppYml(cwd),
      appYmlPath: join(cwd, 'app.yml'),
      savedTo: envFile,
      save: options.saveCredentials ?? ((values) => saveEnvFile(envFile, values)),
      // One write per registration: nothing to space out.
      client: createGitHubClient({ baseUrl: settings.baseUrl, ...options.clientTuning, spaceWrites: false }),
      log,
    });
    const url = `http://${server.host}:${server.port}`;
    log.info(`gatehouse: no APP_ID yet: open ${url} to register the App on GitHub`);
    return {
      mode: 'setup',
      url,
      port: server.port,
      sweep: undefined,
      idle: async () => undefined,
      stop: () => server.stop(),
    };
  }

  if (settings.redisUrl !== undefined) {
    checkRedisClient(cwd);
    probotEnv.REDIS_URL = settings.redisUrl;
  }
  probotEnv.APP_ID = String(settings.appId);
  probotEnv.PRIVATE_KEY = settings.privateKey;
  probotEnv.WEBHOOK_SECRET = settings.webhookSecret;

  const now = options.now ?? (() => new Date());
  const identity = createBotIdentityCache();
  const serialize = createKeyedQueue();
  const replicas =
    settings.replicas > 1 ? { replicas: options.replicaArbitration ?? REPLICA_ARBITRATION } : {};
  const budget = createAnswerBudget({
    budgetMs: options.answerBudgetMs ?? ANSWER_BUDGET_MS,
    ...(options.answerTimers === undefined ? {} : { timers: options.answerTimers }),
  });
  // One cache for deliveries and the sweep: what either read last, the other reads conditionally.
  const cache = createConditionalCache();
  const gatehouse = createGatehouseApp({
    answered: budget.answered,
    track: budget.track,
    ...(options.lateRetry === undefined ? {} : { lateRetry: options.lateRetry }),
    runPullRequestGate: options.runPullRequestGate ?? runPullRequestGate,
    identity,
    now,
    serialize,
    ...replicas,
    coalesce: createCoalescer(serialize),
    cache,
    ...(options.clientTuning === undefined ? {} : { clientTuning: options.clientTuning }),
  });
  let probot: Probot | undefined;
  const application: ApplicationFunction = async (app, appOptions) => {
    probot = app;
    // Probot's server asks for the webhook middleware when it starts, after this function.
    const original = app.getNodeMiddleware.bind(app);
    app.getNodeMiddleware = async (middlewareOptions = {}) => {
      const path = middlewareOptions.path ?? app.webhookPath;
      // Deliveries that change no gate are answered by the front; the rest run by the budget.
      return createWebhookFront(budget.wrap(await original(middlewareOptions), { path }), {
        path,
        secret: settings.webhookSecret,
        ...(settings.previousWebhookSecret === undefined
          ? {}
          : { previousSecret: settings.previousWebhookSecret }),
        triage: findIgnoreReason,
        log: app.log.child({ name: 'webhooks' }),
      });
    };
    appOptions.addHandler(createStatusHandler(env.WEBHOOK_PATH ?? '/api/github/webhooks'));
    await gatehouse(app, appOptions);
  };
  const server = await withoutNewSigintListeners(() =>
    run(application, {
      env: probotEnv,
      Octokit: createAppOctokit(gitHubClientDefaults(undefined, options.clientTuning)),
    }),
  );
  const app = probot as Probot;
  const reconcile = createDeploymentSweep(now);
  const reconciled = createReconciledGates();
  const sweep = startSweepSchedule({
    intervalMs: settings.sweepIntervalMs,
    firstDelayMs: settings.sweepDelayMs,
    timers: options.sweepTimers,
    log: app.log.child({ name: 'sweep' }),
    sweep: () =>
      sweepInstallations({
        app,
        identity,
        sweepPullRequestGates: options.sweepPullRequestGates ?? sweepPullRequestGates,
        sweepDeployments: reconcile,
        serialize,
        ...replicas,
        cache,
        reconciled,
        ...(options.clientTuning === undefined ? {} : { clientTuning: options.clientTuning }),
        now,
        log: app.log.child({ name: 'sweep' }),
      }),
  });
  return {
    mode: 'app',
    url: `http://${server.host}:${server.port}`,
    port: server.port,
    sweep,
    idle: () => budget.idle(),
    async stop() {
      await sweep.stop();
      await server.stop();
      // Work answered 202 is the process's to finish.
      await budget.idle();
    },
  };
}
