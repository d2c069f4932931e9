// Gatehouse's own `gatehouse` check runs on a commit, and the little state they carry. Only this
// App can create or change its runs, so what they say is trustworthy (unlike comments, which
// admins can edit): when Gatehouse first saw the commit (the earliest `started_at`, never a commit
// date: S3), who pushed it, whether reviewers were asked, and when the gate next needs a look
// (the sweep's wake-up time). The state is kept in hidden markers in the run's `output.text`.
import { z } from 'zod';
import { renderCommentJson } from '../core/escape.ts';
import { MAX_VETO_REASON } from '../core/gate.ts';
import { type Actor, mergeActors, type RecordedVeto } from '../core/model.ts';
import { CHECK_NAME, STATEMENT_SOURCES } from '../core/registry.ts';
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
  /** The hash of the request the run showed (DESIGN §4): what an approval given after it was for. */
  request?: string;
  /** The rejections counted when the run was published: they stand if their comment vanishes. */
  vetoes: CheckRunVeto[];
  /**
   * The run announces a decision (its record's run), even while in progress (a delay, a request
   * for changes): it is never rewritten into another state, anchored or not.
   */
  decision?: true;
}

/**
 * A veto as a run records it: on an approval issue's gate, with the issue it was made on, so that
 * only that issue's gate reads it back (a pull request's gate and other requests of the same commit
 * and check name share the runs); on a pull request's gate, without one.
 */
export type CheckRunVeto = RecordedVeto & { issue?: number };

const actorSchema = z.strictObject({
  id: z.int().positive(),
  login: z.string().min(1),
  type: z.string().min(1),
});

const PUSHER = /<!-- gatehouse:pusher (\{[^<>]*\}) -->/;
const WAKE = /<!-- gatehouse:wake (\d{4}-\d\d-\d\dT[\d:.]+Z) -->/;
const REQUESTED = '<!-- gatehouse:reviewers-requested -->';
const DEPLOYERS = /<!-- gatehouse:deployers (\[[^<>]*\]) -->/;
const VETOES = /<!-- gatehouse:vetoes (\[[^<>]*\]) -->/;
const REQUEST = /<!-- gatehouse:request-shown ([0-9a-f]{64}) -->/;
const DECISION = '<!-- gatehouse:decision -->';

/** A run records at most this many vetoes; more rejections than that block the gate anyway. */
const MAX_VETOES = 20;

const vetoSchema = z.strictObject({
  source: z.enum(STATEMENT_SOURCES),
  statementId: z.string().min(1).max(40),
  author: actorSchema,
  reason: z.string().max(MAX_VETO_REASON),
  at: z.iso.datetime({ offset: true }),
  issue: z.int().positive().exactOptional(),
});

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
  state: Omit<CheckRunState, 'deployers' | 'vetoes'> & { deployers?: Actor[]; vetoes?: CheckRunVeto[] },
): string {
  const lines: string[] = [];
  if (state.pusher) lines.push(`<!-- gatehouse:pusher ${renderActorJson(state.pusher)} -->`);
  if (state.deployers !== undefined && state.deployers.length > 0)
    lines.push(`<!-- gatehouse:deployers ${renderActorJson(state.deployers)} -->`);
  if (state.vetoes !== undefined && state.vetoes.length > 0) {
    const vetoes = state.vetoes
      .slice(0, MAX_VETOES)
      .map(({ source, statementId, author, reason, at, issue }) => ({
        source,
        statementId,
        author: { id: author.id, login: author.login, type: author.type },
        reason,
        at,
        ...(issue === undefined ? {} : { issue }),
      }));
    lines.push(`<!-- gatehouse:vetoes ${renderCommentJson(vetoes)} -->`);
  }
  if (state.request !== undefined) lines.push(`<!-- gatehouse:request-shown ${state.request} -->`);
  if (state.wake !== undefined) lines.push(`<!-- gatehouse:wake ${new Date(state.wake).toISOString()} -->`);
  if (state.reviewersRequested) lines.push(REQUESTED);
  if (state.decision === true) lines.push(DECISION);
  return lines.join('\n');
}

export function parseCheckRunState(text: string): CheckRunState {
  const state: CheckRunState = { reviewersRequested: text.includes(REQUESTED), deployers: [], vetoes: [] };
  const pusher = actorSchema.safeParse(parseJson(PUSHER.exec(text)?.[1]));
  if (pusher.success) state.pusher = pusher.data;
  const deployers = z
    .array(actorSchema)
    .max(20)
    .safeParse(parseJson(DEPLOYERS.exec(text)?.[1]));
  if (deployers.success) state.deployers = deployers.data;
  const vetoes = z
    .array(vetoSchema)
    .max(MAX_VETOES)
    .safeParse(parseJson(VETOES.exec(text)?.[1]));
  if (vetoes.success) state.vetoes = vetoes.data;
  const request = REQUEST.exec(text)?.[1];
  if (request !== undefined) state.request = request;
  const wake = WAKE.exec(text)?.[1];
  if (wake !== undefined && !Number.isNaN(Date.parse(wake))) state.wake = wake;
  if (text.includes(DECISION)) state.decision = true;
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

/**
 * What all runs on the commit say together: the earliest start, the latest pusher and wake-up, and
 * the vetoes of one gate: a pull request's (no `issue`), or the approval issue's that `scope` names.
 */
export function summarizeGateCheckRuns(
  runs: readonly GateCheckRun[],
  scope: { issue?: number } = {},
): CheckRunState & { seenAt?: string } {
  const summary: CheckRunState & { seenAt?: string } = {
    reviewersRequested: false,
    deployers: [],
    vetoes: [],
  };
  for (const run of runs) {
    const state = parseCheckRunState(run.text);
    if (state.pusher) summary.pusher = state.pusher;
    summary.deployers = mergeActors(summary.deployers, state.deployers);
    summary.vetoes = mergeVetoes(
      summary.vetoes,
      state.vetoes.filter((veto) => veto.issue === scope.issue),
    );
    if (state.wake !== undefined) summary.wake = state.wake;
    else delete summary.wake;
    if (state.reviewersRequested) summary.reviewersRequested = true;
    const started = run.startedAt === null ? Number.NaN : Date.parse(run.startedAt);
    if (!Number.isNaN(started) && (summary.seenAt === undefined || started < Date.parse(summary.seenAt)))
      summary.seenAt = new Date(started).toISOString();
  }
  return summary;
}

/** The vetoes of all the lists, each (by source and statement id) once, the first seen kept. */
export function mergeVetoes<T extends RecordedVeto>(...lists: readonly (readonly T[])[]): T[] {
  const merged: T[] = [];
  for (const list of lists)
    for (const veto of list)
      if (!merged.some((known) => known.source === veto.source && known.statementId === veto.statementId))
        merged.push(veto);
  return merged;
}

/**
 * GitHub's time from which the App's runs have shown the request with this hash without a break:
 * the start of the newest unbroken series of runs that carry it (GitHub stamps a run's start when
 * the App creates it, and only the App can create its runs). Undefined when the newest run shows
 * another request, or none of them says: the request is new now.
 */
export function readRequestShownSince(
  runs: readonly GateCheckRun[],
  requestHash: string,
): string | undefined {
  let since: string | undefined;
  for (const run of [...runs].sort((a, b) => a.id - b.id)) {
    if (parseCheckRunState(run.text).request !== requestHash) since = undefined;
    else since ??= run.startedAt ?? undefined;
  }
  return since;
}
