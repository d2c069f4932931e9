// Gatehouse as a custom deployment protection rule (DESIGN §8): which workflow runs wait for it,
// for which environments, who started them, and the one answer per (run, environment) GitHub
// accepts. GitHub holds the deployment job while it waits (up to 30 days); nothing here keeps
// state, so a restart or a second replica reads the same waiting runs again.
import { type Actor, mergeActors } from '../core/model.ts';
import type { GitHubClient } from './client.ts';
import { readStatus } from './request-error.ts';

type Repository = { owner: string; repo: string };

/** A workflow run that waits for the protection rules of one or more environments. */
export interface WaitingRun {
  id: number;
  sha: string;
  /** The branch (or tag) the run is for: what a rule's `branches` predicate matches. */
  ref?: string;
  /** The environments it waits for (all rules, not only Gatehouse's). */
  environments: string[];
  /** Who started and who (re-)ran it: they may not approve its deployment (D4). */
  actors: Actor[];
  url: string;
}

/** GitHub keeps at most this much of an answer's or a status report's comment. */
export const PROTECTION_COMMENT_MAX_CHARS = 1024;

/** Cut to GitHub's limit, on a character boundary, with an ellipsis when cut. */
export function fitProtectionComment(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= PROTECTION_COMMENT_MAX_CHARS) return text;
  return `${chars.slice(0, PROTECTION_COMMENT_MAX_CHARS - 1).join('')}…`;
}

function toActor(user: { id: number | bigint; login: string; type: string } | null | undefined): Actor[] {
  return user == null ? [] : [{ id: Number(user.id), login: user.login, type: user.type }];
}

/**
 * The run id of a `deployment_callback_url`, only when the URL is this repository's run's
 * protection-rule callback: the repository in the URL must be the payload's own, so a payload
 * cannot point Gatehouse at another repository's run.
 */
export function parseCallbackRunId(url: string, repository: Repository): number | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match =
    /^(?:\/api\/v3)?\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(path);
  if (match === null) return undefined;
  const [, owner = '', repo = '', id = ''] = match;
  const same =
    decodeURIComponent(owner).toLowerCase() === repository.owner.toLowerCase() &&
    decodeURIComponent(repo).toLowerCase() === repository.repo.toLowerCase();
  const runId = Number(id);
  return same && Number.isSafeInteger(runId) && runId > 0 ? runId : undefined;
}

/** The environments a run waits for, from GitHub's pending deployments of the run. */
async function loadPendingEnvironments(github: GitHubClient, repository: Repository, runId: number) {
  const { data } = await github.request(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
    {
      ...repository,
      run_id: runId,
    },
  );
  return data.flatMap((pending) =>
    pending.environment.name === undefined ? [] : [pending.environment.name],
  );
}

interface RunItem {
  id: number;
  head_sha: string;
  head_branch?: string | null;
  html_url: string;
  status: string | null;
  repository: { id: number };
  actor?: { id: number; login: string; type: string } | null;
  triggering_actor?: { id: number; login: string; type: string } | null;
}

async function describeRun(github: GitHubClient, repository: Repository, run: RunItem): Promise<WaitingRun> {
  const actors = mergeActors(toActor(run.actor), toActor(run.triggering_actor));
  return {
    id: run.id,
    sha: run.head_sha,
    ...(run.head_branch == null || run.head_branch === '' ? {} : { ref: run.head_branch }),
    environments: await loadPendingEnvironments(github, repository, run.id),
    actors,
    url: run.html_url,
  };
}

/**
 * The runs that wait now, optionally for one commit: one listing, and one look at each waiting
 * run's pending deployments. The listing is the repository's, whatever the commit, and the commit
 * is picked here: every delivery and every sweep of a repository asks GitHub the same question, so
 * a conditional read of it is a 304 until a run starts or stops waiting (most repositories have
 * none waiting most of the time), where one listing per commit would be a paid read per new head.
 */
export async function loadWaitingRuns(
  github: GitHubClient,
  repository: Repository,
  options: { sha?: string } = {},
): Promise<WaitingRun[]> {
  const runs = (await github.paginate('GET /repos/{owner}/{repo}/actions/runs', {
    ...repository,
    status: 'waiting',
    per_page: 100,
  })) as RunItem[];
  const sha = options.sha?.toLowerCase();
  const waiting: WaitingRun[] = [];
  for (const run of runs) {
    if (run.status !== 'waiting') continue;
    if (sha !== undefined && run.head_sha.toLowerCase() !== sha) continue;
    waiting.push(await describeRun(github, repository, run));
  }
  return waiting;
}

/**
 * One run, read from GitHub, when it belongs to this repository and still waits; undefined when
 * it is gone, finished, or someone else's.
 */
export async function loadWaitingRun(
  github: GitHubClient,
  repository: Repository & { id: number },
  runId: number,
): Promise<WaitingRun | undefined> {
  let run: RunItem;
  try {
    ({ data: run } = (await github.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
      owner: repository.owner,
      repo: repository.repo,
      run_id: runId,
    })) as { data: RunItem });
  } catch (error) {
    if (readStatus(error) === 404) return undefined;
    throw error;
  }
  if (run.repository.id !== repository.id || run.status !== 'waiting') return undefined;
  // Only owner and repo: the repository's id is no parameter of the request (it would be sent).
  return describeRun(github, { owner: repository.owner, repo: repository.repo }, run);
}

/**
 * Whether Gatehouse (this App) is a custom protection rule of the environment: only then is a
 * waiting deployment to it Gatehouse's to answer. Asked once per environment and caller.
 */
export function createRuleLookup(
  github: GitHubClient,
  repository: Repository,
  appId: number,
): (environment: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (environment) => {
    let answer = known.get(environment);
    if (answer === undefined) {
      answer = github
        .request('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules', {
          ...repository,
          environment_name: environment,
        })
        .then(
          ({ data }) =>
            (data.custom_deployment_protection_rules ?? []).some(
              (rule) => rule.enabled && rule.app.id === appId,
            ),
          (error: unknown) => {
            if (readStatus(error) === 404) return false;
            throw error;
          },
        );
      known.set(environment, answer);
    }
    return answer;
  };
}

/** The creators of the commit's deployments to the environment (re-runs make several). */
export async function loadDeploymentCreators(
  github: GitHubClient,
  repository: Repository,
  at: { sha: string; environment: string },
): Promise<Actor[]> {
  const { data } = await github.request('GET /repos/{owner}/{repo}/deployments', {
    ...repository,
    sha: at.sha,
    environment: at.environment,
    per_page: 100,
  });
  return mergeActors(...data.map((deployment) => toActor(deployment.creator)));
}

export type ProtectionAnswer =
  /** GitHub took the answer (204). */
  | { outcome: 'answered' }
  /**
   * GitHub refused it for good (D2): the run was cancelled, re-run, or answered already (4xx
   * other than rate limits). Nothing to retry; the next sweep sees the run no longer waits.
   */
  | { outcome: 'refused'; status: number; message: string };

/**
 * Answers the protection rule of one environment of one run: `approved` or `rejected`, with a
 * comment GitHub shows on the run, or a status report (no state) while it still waits. The body
 * is exactly `{environment_name, state?, comment}`; the environment's name goes in the body as
 * it is, and only path parameters are URL-encoded (D5).
 */
export async function answerProtectionRule(
  github: GitHubClient,
  repository: Repository,
  answer: { runId: number; environment: string; state?: 'approved' | 'rejected'; comment: string },
): Promise<ProtectionAnswer> {
  try {
    await github.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule', {
      ...repository,
      run_id: answer.runId,
      environment_name: answer.environment,
      ...(answer.state === undefined ? {} : { state: answer.state }),
      comment: fitProtectionComment(answer.comment),
      // A 4xx is final, and a write GitHub applied must not be sent twice.
      request: { retries: 0 },
    } as Parameters<
      typeof github.request<'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule'>
    >[1]);
    return { outcome: 'answered' };
  } catch (error) {
    const status = readStatus(error);
    if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 401)
      return {
        outcome: 'refused',
        status,
        message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      };
    throw error;
  }
}
