// The `gatehouse` check run on the head commit (DESIGN §5). A run in progress (a gate that waits)
// is updated in place until it is decided, and not at all when nothing changed; a completed run
// is never reopened: a later decision on the same commit is a new run, so the runs on a commit are
// its audit trail, one per decision. Older runs still in progress are completed as `neutral`,
// "superseded". A create whose
// answer was lost (502 after GitHub applied it: R3) is looked up by external id before trying again.
import { parseRecordAnchor } from '../core/record-anchor.ts';
import type { GitHubClient } from './client.ts';
import { createLeaseRef, createUnderLease, type ReplicaArbitration } from './creation-lease.ts';
import { type GateCheckRun, loadGateCheckRuns, parseCheckRunState } from './load-gate-check-runs.ts';
import { publishOnce } from './publish-once.ts';
import { NO_RETRY } from './request-error.ts';

/** GitHub's limit on a check run's summary and text. */
export const CHECK_OUTPUT_MAX_CHARS = 65_535;

/** The buttons of a pending gate (GitHub: label ≤ 20, identifier ≤ 20, description ≤ 40 chars). */
export const CHECK_ACTIONS = [
  { label: 'Approve', identifier: 'approve', description: 'Approve the request for this commit' },
  { label: 'Reject', identifier: 'reject', description: 'Reject the request: a veto' },
] as const;

/** A note on a line of a file in the pull request, e.g. where a spec lacks its rollback plan. */
export interface CheckRunAnnotation {
  path: string;
  line: number;
  level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

/**
 * A time as GitHub keeps it on a check run: to the whole second. A gate that counts from a run's
 * `started_at` counts from this, on its first evaluation as on every later one.
 */
export function toCheckRunTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}

/** GitHub takes at most this many annotations per request. */
export const CHECK_ANNOTATIONS_MAX = 50;

export interface CheckRunPublication {
  /** Sent when the run is created only: GitHub appends annotations on every update. */
  annotations?: CheckRunAnnotation[];
  name: string;
  status: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  /** Hidden state markers and, once decided, the decision record. */
  text: string;
  externalId: string;
  /**
   * When the evaluation that creates the run started, sent as its `started_at`: deadlines count
   * from the earliest run's, so it must be the time the gate used, not GitHub's a moment later.
   */
  startedAt?: string;
}

export interface PublishedCheckRun {
  id: number;
  url: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** Older in-progress runs completed as superseded. */
  superseded: number[];
}

function cut(text: string): string {
  return text.length <= CHECK_OUTPUT_MAX_CHARS ? text : `${text.slice(0, CHECK_OUTPUT_MAX_CHARS - 2)}\n…`;
}

function unchanged(run: GateCheckRun, publication: CheckRunPublication): boolean {
  return (
    run.status === publication.status &&
    (publication.status !== 'completed' || run.conclusion === publication.conclusion) &&
    run.title === publication.title &&
    run.summary === cut(publication.summary) &&
    run.text === cut(publication.text)
  );
}

/**
 * The newest run can take the new state in place: a completed run only its own decision again (it
 * is never reopened, and the decision it announced stays on the commit); a run in progress any
 * state of the request it showed, decision or not, unless it is a decision's own run (a decision
 * that waits, such as a delay: marked so, and anchoring its record when the log commit is known).
 * A pending run that turns green in place costs one request, not two. A run never takes another
 * request in place: its start is when the request it shows was first shown
 * (readRequestShownSince), and approvals count only after that.
 */
function updatable(run: GateCheckRun, publication: CheckRunPublication): boolean {
  if (run.status === 'completed')
    return run.externalId === publication.externalId && publication.status === 'completed';
  if (run.externalId === publication.externalId) return true;
  const shown = parseCheckRunState(run.text);
  return (
    shown.decision !== true &&
    parseRecordAnchor(run.text) === undefined &&
    shown.request === parseCheckRunState(publication.text).request
  );
}

function fields(publication: CheckRunPublication, withAnnotations = false) {
  const completed = publication.status === 'completed';
  const annotations = withAnnotations ? (publication.annotations ?? []).slice(0, CHECK_ANNOTATIONS_MAX) : [];
  return {
    status: publication.status,
    ...(completed && publication.conclusion !== undefined ? { conclusion: publication.conclusion } : {}),
    external_id: publication.externalId,
    output: {
      title: publication.title,
      summary: cut(publication.summary),
      text: cut(publication.text),
      ...(annotations.length === 0
        ? {}
        : {
            annotations: annotations.map((note) => ({
              path: note.path,
              start_line: note.line,
              end_line: note.line,
              annotation_level: note.level,
              title: note.title.slice(0, 255),
              message: note.message.slice(0, 64_000),
            })),
          }),
    },
    actions: completed ? [] : CHECK_ACTIONS.map((action) => ({ ...action })),
  };
}

export async function publishCheckRun(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string; appId: number },
  publication: CheckRunPublication,
  existing: readonly GateCheckRun[],
  options: { replicas?: ReplicaArbitration | undefined } = {},
): Promise<PublishedCheckRun> {
  const latest = existing.at(-1);
  if (latest && updatable(latest, publication)) {
    const outcome = await bringUpToDate(github, at, latest, publication);
    // An evaluation that created this run may have failed before it superseded the older ones.
    const superseded = await supersede(github, at, existing, latest.id);
    return { id: latest.id, url: latest.url, outcome, superseded };
  }

  const created = await createRun(github, at, publication, latest?.id ?? 0, options.replicas);
  const superseded = await supersede(github, at, existing, created.id);
  if (created.found === undefined)
    return { id: created.id, url: created.url, outcome: 'created', superseded };
  // Another replica created it: from its own reading of the gate, which may be older than this one's.
  const outcome = await bringUpToDate(github, at, created.found, publication);
  return { id: created.id, url: created.url, outcome, superseded };
}

/** Updates `run` to say what `publication` says, unless it says that already. */
async function bringUpToDate(
  github: GitHubClient,
  at: { owner: string; repo: string },
  run: GateCheckRun,
  publication: CheckRunPublication,
): Promise<'updated' | 'unchanged'> {
  if (unchanged(run, publication)) return 'unchanged';
  await github.rest.checks.update({
    owner: at.owner,
    repo: at.repo,
    check_run_id: run.id,
    ...fields(publication),
  });
  return 'updated';
}

/** Completes every run still in progress but `kept` as `neutral`, "superseded": only the newest waits. */
async function supersede(
  github: GitHubClient,
  at: { owner: string; repo: string },
  existing: readonly GateCheckRun[],
  kept: number,
): Promise<number[]> {
  const superseded: number[] = [];
  for (const run of existing) {
    if (run.status === 'completed' || run.id === kept) continue;
    await github.rest.checks.update({
      owner: at.owner,
      repo: at.repo,
      check_run_id: run.id,
      status: 'completed',
      conclusion: 'neutral',
      output: {
        title: 'Superseded by a newer evaluation of this gate',
        summary: cut(run.summary || 'A newer evaluation of this gate replaced this one.'),
        text: run.text,
      },
      actions: [],
    });
    superseded.push(run.id);
  }
  return superseded;
}

async function createRun(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string; appId: number },
  publication: CheckRunPublication,
  newerThan: number,
  replicas: ReplicaArbitration | undefined,
): Promise<{ id: number; url: string; found?: GateCheckRun }> {
  const post = async () => {
    const { data } = await github.rest.checks.create({
      owner: at.owner,
      repo: at.repo,
      name: publication.name,
      head_sha: at.sha,
      ...(publication.startedAt === undefined ? {} : { started_at: publication.startedAt }),
      ...fields(publication, true),
      ...NO_RETRY,
    });
    return { id: data.id, url: data.html_url ?? '' };
  };
  const find = async () => {
    const runs = await loadGateCheckRuns(github, at, at.appId, publication.name);
    return runs.find((run) => run.id > newerThan && run.externalId === publication.externalId);
  };
  // GitHub may have created the run and lost the answer: look before creating another.
  const create = () =>
    publishOnce(post, async () => {
      const found = await find();
      return found === undefined ? undefined : { id: found.id, url: found.url };
    });
  if (replicas === undefined) return create();
  // Replicas: one creates the run after the newest one seen (R-replicas, creation-lease.ts).
  const ref = createLeaseRef(at.sha, ['check-run', publication.name, publication.externalId, newerThan]);
  const leased = await createUnderLease<{ id: number; url: string; found?: GateCheckRun }>(
    github,
    at,
    ref,
    replicas,
    create,
    async () => {
      const found = await find();
      return found === undefined ? undefined : { id: found.id, url: found.url, found };
    },
  );
  return leased.value;
}
