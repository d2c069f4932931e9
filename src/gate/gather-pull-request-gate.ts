// Gather → evaluate for a pull-request gate: every list is read once per run (files, comments,
// reviews, Gatehouse's check runs on the head, the decision log), permissions once per distinct
// statement author, teams once each; then the engine decides. The trace of a button click or of
// an edit by someone else is written first, so that this run and every later one read the same
// timeline.

import { parseCommand } from '../core/commands.ts';
import { hashRequest } from '../core/decision-id.ts';
import { evaluateGate, parseDeletedVeto, restoreVetoes } from '../core/gate.ts';
import {
  type Facts,
  type GateResult,
  mergeActors,
  type Policy,
  type RecordedVeto,
  type Request,
} from '../core/model.ts';
import { createCheckName } from '../core/registry.ts';
import { createPullRequestRequest, type PullRequestInput } from '../core/request.ts';
import type { SpecProblem } from '../core/spec.ts';
import { type DecisionHistory, loadDecisionHistory } from '../github/load-decision-history.ts';
import {
  type CheckRunState,
  type GateCheckRun,
  loadGateCheckRuns,
  mergeVetoes,
  readRequestShownSince,
  summarizeGateCheckRuns,
} from '../github/load-gate-check-runs.ts';
import {
  type HeadHistory,
  loadDescriptionEdit,
  loadHeadActivity,
  readHeadHistory,
} from '../github/load-head-history.ts';
import type { LoadedPolicy } from '../github/load-policy.ts';
import {
  loadChangedFiles,
  type PullRequestSnapshot,
  type PullRequestTarget,
  readInto,
} from '../github/load-pull-request.ts';
import { loadSpecFiles } from '../github/load-spec-files.ts';
import {
  createStatements,
  type IssueComment,
  loadPullRequestTimeline,
  type Review,
} from '../github/load-timeline.ts';
import { toCheckRunTime } from '../github/publish-check-run.ts';
import { createTraceKey, publishTrace, readTraces, type Trace, type TraceComment } from '../github/traces.ts';
import { createPrecedentFacts } from './create-precedent-facts.ts';
import { loadAuthorization } from './load-authorization.ts';
import type { GateEnvironment, GateScope, PullRequestTrigger } from './run-pull-request-gate.ts';

export interface PullRequestGate {
  pr: PullRequestSnapshot;
  scope: GateScope;
  policy: Policy;
  request: Request;
  facts: Facts;
  result: GateResult;
  /** The evaluation time, ISO. */
  now: string;
  comments: IssueComment[];
  reviews: Review[];
  /** Gatehouse's runs on the head, oldest first, and what they record together. */
  runs: GateCheckRun[];
  runState: CheckRunState;
  traces: TraceComment[];
  traceKeys: Set<string>;
  history: DecisionHistory;
  specProblems: SpecProblem[];
  headHistory: HeadHistory;
  /** The hash of the pull request's own request, which the App's runs record as shown. */
  shownHash: string;
}

export async function gatherPullRequestGate(
  env: GateEnvironment,
  target: PullRequestTarget,
  pr: PullRequestSnapshot,
  loaded: LoadedPolicy,
  /** What asked for this evaluation: one delivery, or the deliveries that waited for it together. */
  triggers: readonly PullRequestTrigger[],
  scope: GateScope = {},
): Promise<PullRequestGate> {
  const { github, self } = env;
  const { policy } = loaded;
  const { environment } = scope;
  // A pull request into another base than the default branch has its own check names (DESIGN §11).
  const into = readInto(pr);
  const repository = { owner: target.owner, repo: target.repo };
  const head = { ...repository, sha: pr.head.sha };
  const now = env.now().toISOString();
  const [
    [files, specs, descriptionEdit],
    { comments, reviews, events },
    runs,
    pullRequestRuns,
    history,
    activity,
  ] = await Promise.all([
    loadChangedFiles(github, target, pr.changedFiles).then(async (changed) => {
      const loaded = await loadSpecFiles(github, head, policy, changed.files);
      // Where Gatehouse's runs cannot vouch for what they showed (the Action), GitHub's time of
      // the description's last edit, when the description is the request (no spec file).
      const edited =
        self.sharedIdentity === true && loaded.specs.length === 0
          ? await loadDescriptionEdit(github, target, env.log)
          : undefined;
      return [changed, loaded, edited] as const;
    }),
    loadPullRequestTimeline(github, target),
    loadGateCheckRuns(github, head, self.appId, createCheckName(environment, into)),
    // A deployment gate is newer than the head: when the pull request's own gate first saw it,
    // and who pushed it, are on that gate's runs.
    environment === undefined
      ? Promise.resolve([])
      : loadGateCheckRuns(github, head, self.appId, createCheckName(undefined, into)),
    loadDecisionHistory(github, { ...repository, branch: policy.log.branch }, self.botId, env.log),
    loadHeadActivity(github, pr, self.appId),
  ]);
  const headHistory = readHeadHistory(pr, events, activity, {
    now,
    labels: policy.rules.flatMap((rule) => rule.if.labels ?? []),
  });
  if (specs.specProblems.length > 0)
    env.log.info(
      { problems: specs.specProblems },
      'spec files have problems; the request shows what was read',
    );
  if (headHistory.problem !== undefined)
    env.log.info(
      { problem: headHistory.problem },
      'the head’s arrival is not in GitHub’s records yet: earlier statements wait',
    );

  const request = createPullRequestRequest(toPullRequestInput(pr, files), specs.specs, environment);

  const { trusted, keys } = readTraces(comments, self);
  const traces = [...trusted];
  for (const trigger of triggers) {
    const trace = await createTriggerTrace(env, repository, trigger, { pr, runs, comments, scope });
    if (trace === undefined || keys.has(trace.trace.key)) continue;
    keys.add(trace.trace.key);
    if (env.dryRun) {
      env.log.info({ trace: trace.trace }, 'dry run: would record a trace comment');
      traces.push({ commentId: 0, createdAt: now, trace: trace.trace });
    } else {
      const posted = await publishTrace(github, target, trace.trace, trace.context);
      traces.push({ commentId: posted.id, createdAt: posted.createdAt, trace: trace.trace });
    }
  }

  // The gate's own earlier decisions are no precedent for itself: counting them would change the
  // risk (and in ask-once mode the state) of the very request they decided.
  const requestHash = hashRequest(request);
  const precedent = createPrecedentFacts(env, policy, history, requestHash);

  // Who pushed, as Gatehouse's runs recorded it, is trusted only where only Gatehouse can write
  // them (the App's runs, not the Action's: DESIGN §11).
  const runState = summarizeGateCheckRuns(runs);
  const headState = summarizeGateCheckRuns([...pullRequestRuns, ...runs]);
  const recordedPusher = self.sharedIdentity === true ? undefined : (runState.pusher ?? headState.pusher);
  // The pusher by GitHub's activity log; where it cannot be read, by the (last) push delivery
  // itself or what the App recorded from it.
  const pushedBy = triggers.findLast(
    (trigger) =>
      trigger.kind === 'pull_request' && (trigger.action === 'synchronize' || trigger.action === 'opened'),
  );
  const lastPusher =
    headHistory.pusher ?? (pushedBy?.kind === 'pull_request' ? pushedBy.sender : recordedPusher);
  if (lastPusher !== undefined) runState.pusher = lastPusher;
  else delete runState.pusher;
  runState.deployers = mergeActors(runState.deployers, scope.deployers ?? []);
  // Deadlines count from when this gate was first asked for this head (for a deployment, its own
  // first run), and never from before GitHub's time for the head: a run any workflow can create
  // (the Action's) can move a deadline no earlier than that.
  // A first evaluation counts from the time its run will carry (publish-pull-request-gate).
  const firstAsked = runState.seenAt ?? toCheckRunTime(now);
  const requestedAt = Date.parse(firstAsked) > Date.parse(headHistory.since) ? firstAsked : headHistory.since;
  // What the approval was for. The App's runs record the request they showed, and GitHub stamps
  // when each was created: an approval counts only after the request as it is now was first
  // shown (the pull request's own gate says it for a deployment of its head too, whose request
  // is the pull request's plus its environment). The Action's runs prove nothing; there, GitHub's
  // time of the description's last edit does.
  const shownHash = hashRequest({ ...request, gate: withoutEnvironment(request.gate) });
  const shownSince =
    self.sharedIdentity === true
      ? undefined
      : (readRequestShownSince(environment === undefined ? runs : pullRequestRuns, shownHash) ?? now);
  const requestChange = latestChange([
    shownSince === undefined
      ? undefined
      : { at: shownSince, what: 'this version of the request was first shown' },
    headHistory.labelChange,
    ...(specs.specs.length === 0
      ? [
          headHistory.titleChangedAt === undefined
            ? undefined
            : { at: headHistory.titleChangedAt, what: 'the title was changed' },
          descriptionEdit === undefined
            ? undefined
            : { at: descriptionEdit, what: 'the description was edited' },
        ]
      : []),
  ]);

  const statements = createStatements({ comments, reviews, traces, botId: self.botId, environment });
  const recordedVetoes =
    self.sharedIdentity === true
      ? []
      : mergeVetoes(
          runState.vetoes,
          await loadCarriedVetoes(
            env,
            head,
            runs,
            headHistory.previousHeads,
            createCheckName(environment, into),
          ),
          triggers.flatMap((trigger) => readDeletedVeto(trigger, self.botId)),
        );
  const { permissions, teams } = await loadAuthorization(github, repository, {
    policy,
    request,
    // The authors of vetoes that vanished are judged too: their permission is read like anyone's.
    statements: restoreVetoes(statements, recordedVetoes),
    botId: self.botId,
    history: precedent.history,
    policyFiles: loaded.files,
  });

  const facts: Facts = {
    head: {
      sha: pr.head.sha,
      since: headHistory.since,
      sinceEvent: headHistory.sinceEvent,
      pushed: headHistory.pushed,
    },
    ...(requestChange === undefined ? {} : { requestChange }),
    ...(recordedVetoes.length === 0 ? {} : { recordedVetoes }),
    statements,
    permissions,
    teams,
    author: pr.author,
    selfIds: [self.botId],
    requestedAt,
    policyFiles: loaded.files,
    ...(lastPusher === undefined ? {} : { lastPusher }),
    ...(runState.deployers.length === 0 ? {} : { deployers: runState.deployers }),
    ...precedent,
  };
  const result = evaluateGate(policy, request, facts, now);
  // A spec that could not be read may declare risk nobody saw: fail closed.
  result.problems.push(...specs.problems);
  return {
    pr,
    scope,
    policy,
    request,
    facts,
    result,
    now,
    comments,
    reviews,
    runs,
    runState,
    traces,
    traceKeys: keys,
    history,
    specProblems: specs.specProblems,
    headHistory,
    shownHash,
  };
}

/** How many earlier heads are searched for the vetoes recorded on the last one Gatehouse evaluated. */
const VETO_HEADS_SEARCHED = 3;

/**
 * The vetoes recorded on the gate's runs of an earlier head, carried to a head Gatehouse has not
 * published on yet: a rejection stands across pushes, and its record must too. Costs one listing
 * per earlier head searched, only on a head's first evaluation.
 */
async function loadCarriedVetoes(
  env: GateEnvironment,
  head: { owner: string; repo: string; sha: string },
  runs: readonly GateCheckRun[],
  previousHeads: readonly string[],
  checkName: string,
): Promise<RecordedVeto[]> {
  if (runs.length > 0) return [];
  for (const sha of previousHeads.slice(0, VETO_HEADS_SEARCHED)) {
    const earlier = await loadGateCheckRuns(env.github, { ...head, sha }, env.self.appId, checkName);
    if (earlier.length > 0) return summarizeGateCheckRuns(earlier).vetoes;
  }
  return [];
}

/** A /reject in a comment this delivery says was deleted: GitHub's signed word that it was made. */
function readDeletedVeto(trigger: PullRequestTrigger, botId: number): RecordedVeto[] {
  if (trigger.kind !== 'comment' || trigger.deleted === undefined) return [];
  return parseDeletedVeto({ id: trigger.commentId, ...trigger.deleted }, [botId]);
}

/** The pull request's own gate of a deployment gate: the same request without the environment. */
function withoutEnvironment(gate: Request['gate']): Request['gate'] {
  const { environment: _environment, ...rest } = gate;
  return { ...rest, kind: 'pull_request' };
}

/** The newest of the request's changes, if any. */
function latestChange(
  changes: readonly ({ at: string; what: string } | undefined)[],
): { at: string; what: string } | undefined {
  let newest: { at: string; what: string } | undefined;
  for (const change of changes)
    if (change !== undefined && (newest === undefined || Date.parse(change.at) > Date.parse(newest.at)))
      newest = change;
  return newest;
}

/**
 * What the engine reads of a pull request for its request. `headSha` and `baseRef` default to the
 * pull request's own; a deployment of its merge commit binds the request to that commit instead.
 */
export function toPullRequestInput(
  pr: PullRequestSnapshot,
  files: { files: { path: string }[]; complete: boolean },
  bind: { headSha?: string; baseRef?: string } = {},
): PullRequestInput {
  return {
    repository: pr.repository,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    url: pr.url,
    author: pr.author,
    headSha: bind.headSha ?? pr.head.sha,
    baseRef: bind.baseRef ?? pr.base.ref,
    // A deployment of a merged commit is not the pull request's gate: it keeps its own name.
    ...(bind.headSha === undefined && readInto(pr) !== undefined ? { into: pr.base.ref } : {}),
    labels: pr.labels,
    files: { paths: [...new Set(files.files.map((file) => file.path))], complete: files.complete },
  };
}

/** The trace this delivery calls for, if any: a button click, or an edit by someone else. */
async function createTriggerTrace(
  env: GateEnvironment,
  repository: { owner: string; repo: string },
  trigger: PullRequestTrigger,
  seen: { pr: PullRequestSnapshot; runs: GateCheckRun[]; comments: IssueComment[]; scope: GateScope },
): Promise<{ trace: Trace; context: { commentAuthor?: string } } | undefined> {
  const { self, log } = env;
  const at = env.now().toISOString();
  if (trigger.kind === 'check_action') {
    const action = trigger.action;
    if (action !== 'approve' && action !== 'reject') {
      log.warn({ action }, 'a check-run button Gatehouse does not offer: ignored');
      return undefined;
    }
    if (trigger.sender.id === self.botId) return undefined;
    const sha = await readClickedHead(env, repository, trigger.checkRunId, seen);
    if (sha === undefined) return undefined;
    const key = createTraceKey([
      'check_action',
      trigger.checkRunId,
      action,
      trigger.sender.id,
      sha,
      trigger.runSummary === undefined ? '' : createTraceKey([trigger.runSummary]),
    ]);
    const { id, login, type } = trigger.sender;
    const { environment } = seen.scope;
    const trace: Trace = { type: 'check_action', action, actor: { id, login, type }, sha, at, key };
    if (environment !== undefined) trace.environment = environment;
    return { trace, context: {} };
  }
  if (trigger.kind === 'comment' && trigger.action === 'edited') {
    const { sender, commentAuthorId, commentId } = trigger;
    if (sender.id === commentAuthorId || commentAuthorId === self.botId || sender.id === self.botId)
      return undefined;
    const comment = seen.comments.find((entry) => entry.id === commentId);
    // Only edits of a comment that holds a command, or held one before the edit, matter to the
    // gate (and fail it: L1): editing a /reject away must not lift the veto quietly.
    const heldCommand = trigger.previousBody !== undefined && parseCommand(trigger.previousBody) !== null;
    if (comment === undefined || (parseCommand(comment.body) === null && !heldCommand)) return undefined;
    const key = createTraceKey(['edit', commentId, trigger.updatedAt, sender.id]);
    const { id, login, type } = sender;
    const editAt = Number.isNaN(Date.parse(trigger.updatedAt))
      ? at
      : new Date(trigger.updatedAt).toISOString();
    return {
      trace: { type: 'edit', comment: commentId, editor: { id, login, type }, at: editAt, key },
      context: comment.author === undefined ? {} : { commentAuthor: comment.author.login },
    };
  }
  return undefined;
}

/**
 * The commit a clicked run is on: the head when the run is one of the head's (no request), else
 * read from GitHub, and only for this App's runs of this gate's check.
 */
async function readClickedHead(
  env: GateEnvironment,
  repository: { owner: string; repo: string },
  checkRunId: number,
  seen: { pr: PullRequestSnapshot; runs: GateCheckRun[]; scope: GateScope },
): Promise<string | undefined> {
  if (seen.runs.some((run) => run.id === checkRunId)) return seen.pr.head.sha;
  const { data } = await env.github.rest.checks.get({ ...repository, check_run_id: checkRunId });
  if (
    data.app?.id !== env.self.appId ||
    data.name !== createCheckName(seen.scope.environment, readInto(seen.pr))
  ) {
    env.log.warn({ checkRunId }, 'a button click on a check run that is not Gatehouse’s: ignored');
    return undefined;
  }
  return data.head_sha;
}
