// The periodic sweep: every few minutes, every gate of every repository the App is installed on
// that is due is recomputed, and every deployment waiting for Gatehouse is evaluated and answered
// when decided. Deadlines pass without any event, and a delivery can be lost while the App is
// down; the sweep is what turns both into a decision. Sweeps never overlap, and the
// schedule stops with the server.
import type { Logger, Probot } from 'probot';
import type { ReconciledGates } from '../gate/reconciled-gates.ts';
import type { GateEnvironment, GateRun } from '../gate/run-pull-request-gate.ts';
import type { ClientTuning } from '../github/client.ts';
import type { ConditionalCache } from '../github/conditional-cache.ts';
import type { BotIdentityCache } from './bot-identity.ts';
import { createDeploymentClientFactory } from './deployment-token.ts';
import type { SweepDeployments } from './deployments.ts';

export type SweepPullRequestGates = (
  env: GateEnvironment,
  repo: { owner: string; repo: string },
  reconciled?: ReconciledGates,
) => Promise<GateRun[]>;

export interface SweepReport {
  installations: number;
  repositories: number;
  gates: number;
  /** Repositories (or installations) whose sweep failed; each is logged. */
  failures: number;
}

export interface SweepDependencies {
  app: Pick<Probot, 'auth'>;
  identity: BotIdentityCache;
  sweepPullRequestGates: SweepPullRequestGates;
  /** Approval issues that are due, and deployments that wait for Gatehouse (the reconcile). */
  sweepDeployments: SweepDeployments;
  now: () => Date;
  log: Logger;
  configPath?: string;
  /** The per-process queue that deliveries use: a sweep's work on a gate waits its turn too. */
  serialize?: GateEnvironment['serialize'];
  /** The GitHub client's tuning, for the narrowed clients that answer deployments (D6). */
  clientTuning?: ClientTuning;
  /** Other processes serve the same installations: arbitrate through GitHub (creation-lease.ts). */
  replicas?: GateEnvironment['replicas'];
  /**
   * Conditional reads across sweeps: what did not change since the last sweep is a 304, which
   * costs no rate limit. Kept by the schedule for the life of the process.
   */
  cache?: ConditionalCache;
  /**
   * The gates reconciled by earlier sweeps, at which version of their subject: only what changed
   * since is recomputed. Without it, every gate not settled is recomputed (a first sweep).
   */
  reconciled?: ReconciledGates;
}

interface InstallationItem {
  id: number;
  account?: { login?: string } | null;
  suspended_at?: string | null;
}

interface RepositoryItem {
  name: string;
  owner: { login: string };
  archived?: boolean;
}

/** One sweep over every installation and repository. A failing repository does not stop the rest. */
export async function sweepInstallations(deps: SweepDependencies): Promise<SweepReport> {
  const { app, log } = deps;
  const report: SweepReport = { installations: 0, repositories: 0, gates: 0, failures: 0 };
  const asApp = await app.auth();
  const installations = (await asApp.paginate('GET /app/installations', {
    per_page: 100,
  })) as InstallationItem[];
  for (const installation of installations) {
    if (installation.suspended_at != null) continue;
    report.installations += 1;
    try {
      const octokit = await app.auth(installation.id);
      deps.cache?.attach(octokit, `installation ${installation.id}`);
      const repositories = (await octokit.paginate('GET /installation/repositories', {
        per_page: 100,
      })) as RepositoryItem[];
      const self = await deps.identity.load(() => app.auth(), octokit);
      for (const repository of repositories) {
        if (repository.archived === true) continue;
        report.repositories += 1;
        const name = `${repository.owner.login}/${repository.name}`;
        const env: GateEnvironment = {
          github: octokit,
          now: deps.now,
          self,
          log: log.child({ repository: name }),
          ...(deps.configPath === undefined ? {} : { configPath: deps.configPath }),
          ...(deps.serialize === undefined ? {} : { serialize: deps.serialize }),
          ...(deps.replicas === undefined ? {} : { replicas: deps.replicas }),
          deploymentClient: createDeploymentClientFactory(app, installation.id, deps.clientTuning),
        };
        try {
          const repo = { owner: repository.owner.login, repo: repository.name };
          const runs = await deps.sweepPullRequestGates(env, repo, deps.reconciled);
          report.gates += runs.length + (await deps.sweepDeployments(env, repo, deps.reconciled));
        } catch (error) {
          report.failures += 1;
          log.error({ err: error, repository: name }, `sweep of ${name} failed; the next sweep tries again`);
        }
      }
    } catch (error) {
      report.failures += 1;
      log.error(
        { err: error, installation: installation.id },
        `sweep of installation ${installation.id} failed; the next sweep tries again`,
      );
    }
  }
  return report;
}

/** How the schedule waits: real timers in production, a hand-driven clock in tests. */
export interface SweepTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: SweepTimers = {
  setInterval(callback, ms) {
    // The HTTP server keeps the process alive; the sweep alone should not.
    return setInterval(callback, ms).unref();
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
  setTimeout(callback, ms) {
    return setTimeout(callback, ms).unref();
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * The first sweep comes this long after the start rather than a whole interval later: it is the
 * reconcile of what was missed while the App was down (deliveries are not redelivered, D3/W12).
 * GATEHOUSE_SWEEP_DELAY changes it.
 */
export const STARTUP_SWEEP_DELAY_MS = 10_000;

export interface SweepSchedule {
  /**
   * Runs a sweep now and resolves with its report (undefined when it failed, or after stop()).
   * While one runs, no other starts: a tick then resolves with the running one's report.
   */
  tick(): Promise<SweepReport | undefined>;
  /** No sweep starts after this; resolves when the running one (if any) has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs`, and once `firstDelayMs` after the start (the
 * reconcile of what was missed while the App was down).
 */
export function startSweepSchedule(options: {
  intervalMs: number;
  /** How long after the start the first sweep runs; STARTUP_SWEEP_DELAY_MS by default. */
  firstDelayMs?: number | undefined;
  sweep: () => Promise<SweepReport>;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  timers?: SweepTimers | undefined;
}): SweepSchedule {
  const { intervalMs, sweep, log } = options;
  const timers = options.timers ?? SYSTEM_TIMERS;
  let running: Promise<SweepReport | undefined> | undefined;
  let stopped = false;

  const tick = (): Promise<SweepReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    if (running !== undefined) {
      log.warn('the previous sweep is still running: this one is skipped');
      return running;
    }
    const started = Date.now();
    running = sweep()
      .then(
        (report) => {
          log.info({ ...report, ms: Date.now() - started }, 'sweep done');
          return report;
        },
        (error: unknown) => {
          log.error({ err: error }, 'sweep failed; the next one tries again');
          return undefined;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const handle = intervalMs > 0 ? timers.setInterval(() => void tick(), intervalMs) : undefined;
  const first =
    intervalMs > 0
      ? timers.setTimeout(() => void tick(), options.firstDelayMs ?? STARTUP_SWEEP_DELAY_MS)
      : undefined;
  return {
    tick,
    async stop() {
      stopped = true;
      if (handle !== undefined) timers.clearInterval(handle);
      if (first !== undefined) timers.clearTimeout(first);
      await running;
    },
  };
}
