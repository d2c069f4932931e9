// The one orchestration of a pull-request gate, shared by every runtime (STYLE: one core, thin
// adapters): load the policy from the default branch → gather the facts from GitHub → evaluate with
// the engine → publish. Nothing here knows which runtime called it; the App and the Action pass
// a client, a clock, Gatehouse's identity and a logger.
//
// State is recomputed, never stored (DESIGN §4): every event, replayed or not, reads GitHub
// again and publishes what the engine says, and every write is idempotent, so a lost, repeated
// or reordered delivery cannot leave a gate wrong.

import { type Actor, mergeActors } from '../core/model.ts';
import { formatPolicyProblem } from '../core/policy.ts';
import { describeNotReady, isRefusedAsNotReady } from '../core/readiness.ts';
import { createCheckName, DEFAULT_CONFIG_PATH, type Decision, type Tier } from '../core/registry.ts';
import { describeMissing } from '../core/render/approval-request.ts';
import { renderInvalidConfigCheckRun } from '../core/render/check-run.ts';
import type { GitHubClient } from '../github/client.ts';
import { countRequests } from '../github/count-requests.ts';
import type { ReplicaArbitration } from '../github/creation-lease.ts';
import {
  loadGateCheckRuns,
  parseCheckRunState,
  renderCheckRunState,
} from '../github/load-gate-check-runs.ts';
import { loadPolicy, type PolicyState } from '../github/load-policy.ts';
import { type PullRequestTarget, readInto } from '../github/load-pull-request.ts';
import { publishCheckRun } from '../github/publish-check-run.ts';
import { gatherPullRequestGate } from './gather-pull-request-gate.ts';
import { loadPullRequestAfterPush } from './load-pull-request-after-push.ts';
import { publishPullRequestGate, wakeTime } from './publish-pull-request-gate.ts';
import { isFinal } from './publish-request-gate.ts';
import { createReconciledGates, type ReconciledGates } from './reconciled-gates.ts';
import { type WaitOptions, type WaitOutcome, waitForDecision } from './wait-for-decision.ts';

export interface GateLog {
  debug: (fields: unknown, message?: string) => void;
  info: (fields: unknown, message?: string) => void;
  warn: (fields: unknown, message?: string) => void;
  error: (fields: unknown, message?: string) => void;
}

export interface GateEnvironment {
  github: GitHubClient;
  now: () => Date;
  /**
   * Gatehouse's own identity: its App id (check runs) and its bot user (comments, commits).
   * `sharedIdentity`: other workflows write as the same account (the Action's
   * `github-actions[bot]`), so nothing is trusted because Gatehouse's account wrote it (DESIGN §11).
   */
  self: { appId: number; botId: number; botLogin: string; sharedIdentity?: boolean };
  log: GateLog;
  /** Waits between reads again (a stale read after a push); a real timer by default. */
  pause?: (ms: number) => Promise<void>;
  /** Where the policy lives; `.github/gatehouse.yml` by default. */
  configPath?: string;
  /** Read and evaluate, log what would be written, write nothing. */
  dryRun?: boolean;
  /**
   * The workflow run this evaluation is part of (the Action's own run), linked from the decision
   * records it writes as `links.workflow_run`.
   */
  workflowRun?: string;
  /**
   * Set where the decision log cannot be trusted as precedent (the Action: every workflow of the
   * repository writes as `github-actions[bot]`, DESIGN §11). No log commit counts then, `reason`
   * is shown as the precedent's source, and `onIgnored` is called whenever an `ask-once` policy is
   * left without precedent by it (the Action says so once, in its log and summary).
   */
  untrustedLog?: { reason: string; onIgnored?: () => void };
  /**
   * Runs work on the same gate one at a time (the App's per-process queue, X3): two deliveries
   * for one pull request would otherwise both find no sticky comment and both post one.
   */
  serialize?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /**
   * The same queue, batching (the App, src/app/serialize-by-key.ts): inputs of the batch named
   * `batch` that wait behind the work on `key` are served by one run. Without it, each input runs
   * on its own.
   */
  coalesce?: <I, T>(
    key: string,
    batch: string,
    input: I,
    run: (inputs: readonly I[]) => Promise<T>,
  ) => Promise<T>;
  /**
   * The client that answers deployments (D6): the App passes one whose token holds only
   * `deployments: write` for the repository. Without one, `github` answers.
   */
  deploymentClient?: (repository: { owner: string; repo: string }) => Promise<GitHubClient>;
  /**
   * Set where several processes may publish the same gate at once (the App's replicas, DESIGN §8):
   * check runs are created under a lease, sticky comments converge on the oldest
   * (src/github/creation-lease.ts). Unset, a process is alone, and pays nothing for it.
   */
  replicas?: ReplicaArbitration;
}

/** Runs the work through the environment's queue under the key, or at once without one. */
export function serialized<T>(env: GateEnvironment, key: string, work: () => Promise<T>): Promise<T> {
  return env.serialize === undefined ? work() : env.serialize(key.toLowerCase(), work);
}

/** Runs `run` for the input through the environment's batching queue, or alone without one. */
export function coalesced<I, T>(
  env: GateEnvironment,
  key: string,
  batch: string,
  input: I,
  run: (inputs: readonly I[]) => Promise<T>,
): Promise<T> {
  const queueKey = key.toLowerCase();
  return env.coalesce === undefined
    ? serialized(env, queueKey, () => run([input]))
    : env.coalesce(queueKey, `${queueKey} ${batch}`, input, run);
}

/** Actions that can change a pull request gate; others (assigned, closed, …) change nothing. */
export const PULL_REQUEST_ACTIONS = [
  'opened',
  'synchronize',
  'reopened',
  'ready_for_review',
  'labeled',
  'unlabeled',
  'edited',
] as const;
export const COMMENT_ACTIONS = ['created', 'edited', 'deleted'] as const;
export const REVIEW_ACTIONS = ['submitted', 'edited', 'dismissed'] as const;

export type PullRequestTrigger =
  /**
   * synchronize: the sender is the pusher, recorded on the new head's check run (A3). `headSha`:
   * the head the delivery names, which a read of the pull request right after may not show yet.
   */
  | { kind: 'pull_request'; action: string; sender: Actor; headSha?: string }
  | {
      kind: 'comment';
      action: 'created' | 'edited' | 'deleted';
      commentId: number;
      commentAuthorId: number;
      sender: Actor;
      updatedAt: string;
      /** `edited`: the body before the edit (`changes.body.from`), when the delivery has it. */
      previousBody?: string;
      /** `deleted`: the comment as GitHub's delivery last showed it (a /reject there still stands). */
      deleted?: { body: string; createdAt: string; author: Actor };
    }
  | { kind: 'review'; action: string; sender: Actor }
  | {
      kind: 'check_action';
      /** The button's identifier: `approve` or `reject`. */
      action: string;
      sender: Actor;
      headSha: string;
      checkRunId: number;
      /**
       * The clicked run's `output.summary` from the payload: what the clicker saw. It makes a click
       * after the run changed a new statement, while a replay of the same delivery stays one.
       */
      runSummary?: string;
    }
  /** `/recheck` or check_run.rerequested (K2): recompute from the API; the click approves nothing. */
  | { kind: 'recheck'; sender?: Actor }
  /** A deployment of the head waits for the gate (a protection rule, a deploy job). */
  | { kind: 'deployment' }
  | { kind: 'sweep' };

/**
 * Which gate of the pull request: its own (`gatehouse`), or the deployment of its head to an
 * environment (`gatehouse: <environment>`), which shares the PR's timeline: a `/approve` on the
 * PR given for the head counts for both, where the approver may approve each.
 */
export interface GateScope {
  environment?: string;
  /**
   * Deployment gates: the deployment's creator and the waiting run's actors, who may not approve
   * it (D4). They are kept on the gate's check run, so every later recompute knows them too.
   */
  deployers?: Actor[];
  /**
   * The repository's default branch as the event names it: the policy there is read beside the
   * pull request rather than after it, and read again when the pull request names another.
   */
  defaultBranch?: string;
}

export interface GateRun {
  /** The policy's state; `not_loaded` when the run stopped before reading it. */
  policy: PolicyState | 'not_loaded';
  /** Why nothing was done: the number is not a pull request, or it is closed or merged. */
  skipped?: 'not_a_pull_request' | 'closed';
  /** The unreadable policy's error, or another reason the run could not finish. */
  error?: string;
  headSha?: string;
  /** The deployment gate's environment; absent for the pull request's own gate. */
  environment?: string;
  /** The pull request's base when it is not the default branch: its check is named for it. */
  into?: string;
  state?: Decision;
  /** Decided for good: a deployment waiting for this gate can be answered. */
  final?: boolean;
  /** Whether the request has what its rules require; false: refused as not ready (DESIGN §6). */
  ready?: boolean;
  /** What a request not ready for approval lacks: `not ready for approval: no rollback plan`. */
  notReady?: string;
  /** Where the gate stands, in one line (the check run's title). */
  title?: string;
  /** Where people decide: the request comment, or the pull request. */
  requestUrl?: string;
  tier?: Tier;
  /** Logins of the approvals that count. */
  approvers?: string[];
  option?: string;
  modifications?: string;
  reason?: string;
  /** What is still missing, e.g. "1 of 2 approvals from platform". */
  waitingFor?: string;
  /** The next moment the gate changes by itself: a deadline, an escalation, a delay's end. */
  wake?: string;
  decisionId?: string;
  checkRunId?: number;
  commentId?: number;
  logCommit?: string;
  /** GitHub API requests this run made (each page of a listing counts; plugin retries do not). */
  requests: number;
}

export async function runPullRequestGate(
  env: GateEnvironment,
  target: PullRequestTarget,
  trigger: PullRequestTrigger,
  scope: GateScope = {},
): Promise<GateRun> {
  // Deliveries that wait for the same gate share one recompute (each reads all of GitHub), which
  // keeps what every one of them carries: their traces, deleted vetoes, pusher and deployers.
  return coalesced(
    env,
    `${target.owner}/${target.repo}#${target.number}`,
    scope.environment ?? '',
    { trigger, scope },
    async (joined) => {
      const triggers = joined.map((entry) => entry.trigger);
      const merged = mergeScopes(joined.map((entry) => entry.scope));
      const { value, requests } = await countRequests(env.github, () =>
        evaluateAndPublish(env, target, triggers, merged),
      );
      const run: GateRun = { ...value, requests };
      if (merged.environment !== undefined) run.environment = merged.environment;
      env.log.info(
        { ...target, trigger: triggers.map((entry) => entry.kind).join(','), ...run },
        `${createCheckName(merged.environment, run.into)} ${target.owner}/${target.repo}#${target.number}`,
      );
      return run;
    },
  );
}

/** One scope for a batch of the same gate: its environment, with every deployer any of them named. */
function mergeScopes(scopes: readonly GateScope[]): GateScope {
  const first = scopes[0] ?? {};
  const deployers = mergeActors(...scopes.map((scope) => scope.deployers ?? []));
  return { ...first, ...(deployers.length === 0 ? {} : { deployers }) };
}

async function evaluateAndPublish(
  env: GateEnvironment,
  target: PullRequestTarget,
  triggers: readonly PullRequestTrigger[],
  scope: GateScope,
): Promise<Omit<GateRun, 'requests'>> {
  const { github, log } = env;
  // The policy of the default branch, whatever the pull request's base (DESIGN §2, §11): a writer
  // can create a branch with a policy of their own and send a pull request there.
  const path = env.configPath ?? DEFAULT_CONFIG_PATH;
  const readPolicy = (defaultBranch: string) =>
    loadPolicy(github, { owner: target.owner, repo: target.repo, defaultBranch, path });
  const early = scope.defaultBranch === undefined ? undefined : readPolicy(scope.defaultBranch);
  // Awaited only when the pull request confirms the branch; a closed one leaves it unread.
  early?.catch(() => undefined);
  const pr = await loadPullRequestAfterPush(env, target, triggers);
  if (pr === undefined) return { policy: 'not_loaded', skipped: 'not_a_pull_request' };
  if (!pr.open) return { policy: 'not_loaded', skipped: 'closed', headSha: pr.head.sha };

  const ref = pr.base.defaultBranch;
  const loaded = early !== undefined && scope.defaultBranch === ref ? await early : await readPolicy(ref);
  const head = { owner: target.owner, repo: target.repo, sha: pr.head.sha, appId: env.self.appId };
  const into = readInto(pr);
  switch (loaded.state) {
    case 'absent':
      log.info({ path, ref }, `no ${path} on ${ref}: Gatehouse does nothing here`);
      return { policy: 'absent', headSha: pr.head.sha };
    case 'unreadable':
      // Transient: no check run (a red check would block merges for GitHub's hiccup); retry later.
      log.warn({ error: loaded.error }, 'the policy could not be read; nothing was published');
      return { policy: 'unreadable', error: loaded.error, headSha: pr.head.sha };
    case 'invalid': {
      const view = renderInvalidConfigCheckRun(loaded.problems.map(formatPolicyProblem), loaded.file);
      if (env.dryRun) {
        log.info({ view: { title: view.title } }, 'dry run: would publish the invalid-configuration check');
        return { policy: 'invalid', headSha: pr.head.sha };
      }
      const name = createCheckName(scope.environment, into);
      const runs = await loadGateCheckRuns(github, head, env.self.appId, name);
      const { conclusion } = view;
      const published = await publishCheckRun(
        github,
        head,
        {
          name,
          status: view.status,
          ...(conclusion === undefined ? {} : { conclusion }),
          title: view.title,
          summary: view.summary,
          text: renderCheckRunState({ reviewersRequested: false }),
          externalId: view.externalId,
        },
        runs,
        { replicas: env.replicas },
      );
      return {
        policy: 'invalid',
        headSha: pr.head.sha,
        checkRunId: published.id,
        ...(into === undefined ? {} : { into }),
      };
    }
    case 'valid':
      break;
  }
  const gate = await gatherPullRequestGate(env, target, pr, loaded, triggers, scope);
  const { commentUrl, ...published } = await publishPullRequestGate(env, target, gate);
  const { result } = gate;
  const final = isFinal(result, gate.now);
  const run: Omit<GateRun, 'requests'> = {
    policy: 'valid',
    headSha: pr.head.sha,
    ...(into === undefined ? {} : { into }),
    state: result.state,
    final,
    ready: result.readiness.ready,
    requestUrl: commentUrl ?? pr.url,
    tier: result.risk.tier,
    approvers: result.approvers.map((approval) => approval.approver.login),
    ...published,
  };
  if (result.option !== undefined) run.option = result.option.name;
  if (result.modification !== undefined) run.modifications = result.modification.instructions;
  const reason = result.rejection?.reason ?? result.reason ?? result.problems[0];
  if (reason !== undefined) run.reason = reason;
  if (!result.readiness.ready) {
    run.notReady = describeNotReady(result.readiness);
    run.reason ??= run.notReady;
  }
  if (!final) {
    run.waitingFor =
      result.state === 'delayed' ? `the delay until ${result.effectiveAt ?? '?'}` : describeMissing(result);
    const wake = wakeTime(result, gate.now);
    if (wake !== undefined) run.wake = wake;
  }
  return run;
}

/** The wake-up time of the newest run, if it is in progress: a deadline, an escalation, a delay. */
function readWake(run: { status: string; output: { text?: string | null } }): string | undefined {
  return run.status === 'completed' ? undefined : parseCheckRunState(run.output.text ?? '').wake;
}

/**
 * Recomputes the pull-request gates of the repository that are due or not reconciled (their
 * gate's check is `gatehouse`, or `gatehouse (into <base>)` for another base than the default
 * branch, the newest run of this App on the head):
 * - a run in progress whose wake-up time (a deadline, an escalation, a delay's end) has passed;
 * - a pull request with no run on its head (its `opened` or `synchronize` was lost, or the App
 *   crashed before the check), or a run still in progress, unless `reconciled` holds it at the
 *   same head and `updated_at`: a comment or review (a lost `/approve`) changes `updated_at`, and
 *   a crash between the decision record and the check leaves the run in progress.
 * A completed run is settled: a decided gate stays decided until its head moves. Every read is
 * conditional where the client caches (src/github/conditional-cache.ts), so a repository where
 * nothing changed costs 304s only. A gate that fails is logged, not remembered (the next sweep
 * tries again), and the others go on.
 */
export async function sweepPullRequestGates(
  env: GateEnvironment,
  repo: { owner: string; repo: string },
  reconciled: ReconciledGates = createReconciledGates(),
): Promise<GateRun[]> {
  const { github, log } = env;
  const now = env.now().getTime();
  const pulls = await github.paginate(github.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  const runs: GateRun[] = [];
  for (const pull of pulls) {
    const { data } = await github.rest.checks.listForRef({
      ...repo,
      ref: pull.head.sha,
      check_name: createCheckName(
        undefined,
        pull.base.ref === pull.base.repo.default_branch ? undefined : pull.base.ref,
      ),
      app_id: env.self.appId,
      // Every run, not only the newest, in the same one request: a crash between creating the
      // decided run and completing the pending one leaves the older run in progress beside it.
      filter: 'all',
      per_page: 20,
    });
    const ours = data.check_runs.filter((run) => run.app?.id === env.self.appId);
    const latest = ours.reduce<(typeof ours)[number] | undefined>(
      (newest, run) => (newest === undefined || run.id > newest.id ? run : newest),
      undefined,
    );
    const leftInProgress = ours.some((run) => run !== latest && run.status !== 'completed');
    const key = `${repo.owner}/${repo.repo}#${pull.number}`;
    const version = `${pull.head.sha} ${pull.updated_at}`;
    const wake = latest === undefined ? undefined : readWake(latest);
    const due = wake !== undefined && Date.parse(wake) <= now;
    const settled = (latest?.status === 'completed' && !leftInProgress) || reconciled.has(key, version);
    if (!due && settled) continue;
    try {
      const run = await runPullRequestGate(env, { ...repo, number: pull.number }, { kind: 'sweep' });
      runs.push(run);
      // An unreadable policy is GitHub's hiccup: the next sweep tries again.
      if (run.policy !== 'unreadable') reconciled.remember(key, version);
    } catch (error) {
      log.error({ err: error, number: pull.number }, `sweep: the gate of #${pull.number} failed`);
    }
  }
  return runs;
}

/**
 * Waits until the gate of the pull request (its own, or a deployment of its head) is decided for
 * good, asks for changes, or the pull request moves on from `sha`: a deploy job with `wait: true`.
 * Between recomputes it reads the timeline (comments, reviews, pushes) and the pull request conditionally
 * (src/gate/wait-for-decision.ts), so an unchanged gate costs no rate limit.
 */
export async function waitForPullRequestGate(
  env: GateEnvironment,
  target: PullRequestTarget,
  scope: GateScope & { sha: string },
  options: WaitOptions & { onProgress?: (run: GateRun, elapsedMs: number) => void },
): Promise<WaitOutcome<GateRun>> {
  const trigger: PullRequestTrigger =
    scope.environment === undefined ? { kind: 'recheck' } : { kind: 'deployment' };
  const evaluate = () => runPullRequestGate(env, target, trigger, scope);
  const at = { owner: target.owner, repo: target.repo };
  return waitForDecision(env.github, env.now, {
    ...options,
    first: evaluate,
    recompute: evaluate,
    watch: () => [
      {
        route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
        parameters: { ...at, issue_number: target.number, per_page: 100 },
      },
      {
        route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        parameters: { ...at, pull_number: target.number },
      },
    ],
    // A request not ready for approval is refused at once, as the App refuses its deployment.
    isSettled: (run) =>
      run.policy !== 'valid' ||
      run.final === true ||
      isRefusedAsNotReady(run.state, run.ready) ||
      run.state === 'changes_requested' ||
      run.headSha !== scope.sha,
    wakeOf: (run) => run.wake,
  });
}
