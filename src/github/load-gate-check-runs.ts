// Gatehouse's own `gatehouse` check runs on a commit, and the little state they carry. Only this
// App can create or change its runs, so what they say is trustworthy (unlike comments, which
// admins can edit): when Gatehouse first saw the commit (the earliest `started_at`, never a commit
// date: S3), who pushed it, whether reviewers were asked, and when the gate next needs a look
// (the sweep's wake-up time). The state is kept in hidden markers in the run's `output.text`.
import { z } from 'zod';
import { type Actor, mergeActors } from '../core/model.ts';
import { CHECK_NAME } from '../core/registry.ts';
import type { GitHubClient } from './client.ts';

export interface GateCheckRun {
  id: number;
  externalId: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  title: string;
  summary: string;
  text: string;
  url: string;
}

export interface CheckRunState {
  /** Who pushed the commit, from the `synchronize` (or `opened`) event that brought it. */
  pusher?: Actor;
  /** When the sweep should look at the gate again: a deadline, an escalation, a delay. */
  wake?: string;
  /** Reviewers were requested for this commit: not again (DESIGN §5, "once"). */
  reviewersRequested: boolean;
  /** Deployment gates: who created the deployment or started its run, who may not approve it. */
  deployers: Actor[];
}

const actorSchema = z.strictObject({
  id: z.int().positive(),
  login: z.string().min(1),
  type: z.string().min(1),
});

const PUSHER = /<!-- gatehouse:pusher (\{[^<>]*\}) -->/;
const WAKE = /<!-- gatehouse:wake (\d{4}-\d\d-\d\dT[\d:.]+Z) -->/;
const REQUESTED = '<!-- gatehouse:reviewers-requested -->';
const DEPLOYERS = /<!-- gatehouse:deployers (\[[^<>]*\]) -->/;

function renderActorJson(actors: Actor | Actor[]): string {
  const strip = ({ id, login, type }: Actor) => ({ id, login, type });
  return JSON.stringify(Array.isArray(actors) ? actors.map(strip) : strip(actors)).replace(/[<>&]/g, '');
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A malformed marker says nothing.
    return undefined;
  }
}

export function renderCheckRunState(
  state: Omit<CheckRunState, 'deployers'> & { deployers?: Actor[] },
): string {
  const lines: string[] = [];
  if (state.pusher) lines.push(`<!-- gatehouse:pusher ${renderActorJson(state.pusher)} -->`);
  if (state.deployers !== undefined && state.deployers.length > 0)
    lines.push(`<!-- gatehouse:deployers ${renderActorJson(state.deployers)} -->`);
  if (state.wake !== undefined) lines.push(`<!-- gatehouse:wake ${new Date(state.wake).toISOString()} -->`);
  if (state.reviewersRequested) lines.push(REQUESTED);
  return lines.join('\n');
}

export function parseCheckRunState(text: string): CheckRunState {
  const state: CheckRunState = { reviewersRequested: text.includes(REQUESTED), deployers: [] };
  const pusher = actorSchema.safeParse(parseJson(PUSHER.exec(text)?.[1]));
  if (pusher.success) state.pusher = pusher.data;
  const deployers = z
    .array(actorSchema)
    .max(20)
    .safeParse(parseJson(DEPLOYERS.exec(text)?.[1]));
  if (deployers.success) state.deployers = deployers.data;
  const wake = WAKE.exec(text)?.[1];
  if (wake !== undefined && !Number.isNaN(Date.parse(wake))) state.wake = wake;
  return state;
}

/** This App's runs of a gate's check (`gatehouse` by default) on the commit, oldest first. */
export async function loadGateCheckRuns(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string },
  appId: number,
  name: string = CHECK_NAME,
): Promise<GateCheckRun[]> {
  const runs = await github.paginate(github.rest.checks.listForRef, {
    owner: at.owner,
    repo: at.repo,
    ref: at.sha,
    check_name: name,
    app_id: appId,
    filter: 'all',
    per_page: 100,
  });
  return runs
    .filter((run) => run.app?.id === appId && run.name === name && run.head_sha === at.sha)
    .map((run) => ({
      id: run.id,
      externalId: run.external_id ?? '',
      status: run.status,
      conclusion: run.conclusion,
      startedAt: run.started_at,
      title: run.output.title ?? '',
      summary: run.output.summary ?? '',
      text: run.output.text ?? '',
      url: run.html_url ?? '',
    }))
    .sort((a, b) => a.id - b.id);
}

/** What all runs on the commit say together: the earliest start, the latest pusher and wake-up. */
export function summarizeGateCheckRuns(runs: readonly GateCheckRun[]): CheckRunState & { seenAt?: string } {
  const summary: CheckRunState & { seenAt?: string } = { reviewersRequested: false, deployers: [] };
  for (const run of runs) {
    const state = parseCheckRunState(run.text);
    if (state.pusher) summary.pusher = state.pusher;
    summary.deployers = mergeActors(summary.deployers, state.deployers);
    if (state.wake !== undefined) summary.wake = state.wake;
    else delete summary.wake;
    if (state.reviewersRequested) summary.reviewersRequested = true;
    const started = run.startedAt === null ? Number.NaN : Date.parse(run.startedAt);
    if (!Number.isNaN(started) && (summary.seenAt === undefined || started < Date.parse(summary.seenAt)))
      summary.seenAt = new Date(started).toISOString();
  }
  return summary;
}
