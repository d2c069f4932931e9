// Gate evaluation (DESIGN §3, §4): the state of a gate as a pure function of the policy, the
// request, the GitHub timeline and the time. Every statement seen gets a verdict saying why it
// counted or not, so the same facts always give the same answer and the answer explains itself.
import { type CommandParse, parseCommand } from './commands.ts';
import { formatDuration } from './duration.ts';
import {
  type Actor,
  type Approval,
  type Facts,
  type GateResult,
  type Policy,
  type RecordedVeto,
  type Request,
  type RequestOption,
  type RiskAssessment,
  type RuleProgress,
  readReviewerGroup,
  type Statement,
  type StatementVerdict,
} from './model.ts';
import { evaluateReadiness } from './readiness.ts';
import { type Level, PERMISSIONS, type Permission, type Requirement } from './registry.ts';
import { CONFIG_RULE_NAME, evaluateRisk } from './risk.ts';

/** A comment within this long after Gatehouse first saw a new head does not count for it. */
export const PUSH_GUARD_MS = 30_000;

/** What a person asked for in one statement. */
type Intent =
  | { kind: 'approve'; verb: 'approve' | 'ack' | 'delay'; args: string; note: string; effectiveAt?: string }
  | { kind: 'cancel' }
  | { kind: 'reject'; reason: string }
  | { kind: 'modify'; instructions: string }
  | { kind: 'invalid'; verb: string; error: string };

/** An approve-tier requirement: one per matched rule, or the policy defaults. */
interface GateRequirement {
  name: string;
  level: Level;
  needed: number;
  groups: string[];
  require: Requirement[];
  timeoutMs: number | null;
  onTimeout: 'reject' | 'escalate' | 'proceed';
  escalateTo: string[];
  safeDefault: string | null;
}

interface Deadline {
  /** The first deadline, and the second one after an escalation. */
  first: number;
  final: number;
  escalated: boolean;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function isBot(actor: Actor): boolean {
  return actor.type === 'Bot' || actor.login.toLowerCase().endsWith('[bot]');
}

function hasWrite(permission: Permission): boolean {
  return PERMISSIONS.indexOf(permission) >= PERMISSIONS.indexOf('write');
}

function intentOfCommand(parsed: CommandParse, createdAt: string): Intent | undefined {
  if (parsed === null) return undefined;
  if (!parsed.ok) return { kind: 'invalid', verb: parsed.verb, error: parsed.error };
  const { command } = parsed;
  switch (command.verb) {
    case 'approve':
      return command.cancel
        ? { kind: 'cancel' }
        : { kind: 'approve', verb: 'approve', args: command.args, note: command.note };
    case 'ack':
      return { kind: 'approve', verb: 'ack', args: '', note: command.note };
    case 'delay':
      return {
        kind: 'approve',
        verb: 'delay',
        args: '',
        note: command.note,
        // A duration counts from the statement.
        effectiveAt:
          'at' in command.until
            ? command.until.at
            : new Date(Date.parse(createdAt) + command.until.durationMs).toISOString(),
      };
    case 'reject':
      return { kind: 'reject', reason: command.reason };
    case 'modify':
      return { kind: 'modify', instructions: command.instructions };
    case 'recheck':
      return undefined;
  }
}

/** What a statement asks for, or undefined when it says nothing to the gate. */
function readIntent(statement: Statement): Intent | undefined {
  switch (statement.source) {
    case 'comment':
      return intentOfCommand(parseCommand(statement.body), statement.createdAt);
    case 'review':
      return readReviewIntent(statement);
    case 'check_action':
    case 'deployment_review':
      if (statement.action === 'approve')
        return { kind: 'approve', verb: 'approve', args: '', note: statement.body };
      if (statement.action === 'reject') {
        const reason =
          statement.body.trim() ||
          `rejected with the ${statement.source === 'check_action' ? 'check-run button' : 'deployment review'}`;
        return { kind: 'reject', reason };
      }
      return undefined;
  }
}

/**
 * A review's body has the meaning a comment's has, and its state can only add caution: a
 * commenting review is a comment; in a review that approves, requests changes or was dismissed,
 * a `/reject` or a withdrawal on any line of the body is read (commands.ts rule 7). A veto stands
 * whatever the review's state, dismissed included (vetoes are durable, DESIGN §11). An approving
 * review approves only when its body holds no command or an `/approve`; its other commands (a
 * withdrawal, `/modify`, `/ack`, `/delay`, an unusable one) mean what they mean in a comment. A
 * request for changes stays one, whatever else its body says.
 */
function readReviewIntent(statement: Statement): Intent | undefined {
  const state = statement.reviewState;
  if (state === 'COMMENTED') return intentOfCommand(parseCommand(statement.body), statement.createdAt);
  if (state !== 'APPROVED' && state !== 'CHANGES_REQUESTED' && state !== 'DISMISSED') return undefined;
  const said = intentOfCommand(parseCommand(statement.body, { approving: true }), statement.createdAt);
  if (said?.kind === 'reject') return said;
  switch (state) {
    case 'APPROVED':
      if (said === undefined || (said.kind === 'approve' && said.verb === 'approve'))
        return {
          kind: 'approve',
          verb: 'approve',
          args: said?.args ?? '',
          // An `/approve` in the body: what follows it, as in a comment; else the whole body.
          note: said?.kind === 'approve' ? said.note : statement.body.trim(),
        };
      return said;
    case 'CHANGES_REQUESTED':
      return {
        kind: 'modify',
        instructions: said?.kind === 'modify' ? said.instructions : statement.body.trim(),
      };
    case 'DISMISSED':
      return { kind: 'invalid', verb: 'review', error: 'the review was dismissed' };
  }
}

function verbOf(intent: Intent): string {
  switch (intent.kind) {
    case 'approve':
      return intent.verb;
    case 'cancel':
      return 'approve cancel';
    case 'invalid':
      return intent.verb;
    default:
      return intent.kind;
  }
}

/** Resolves `/approve b …` or `/approve Drop the column …` against the request's options. */
export function resolveOption(args: string, options: readonly RequestOption[]): RequestOption | undefined {
  const text = args.trim().toLowerCase();
  if (text === '') return undefined;
  const firstToken = text.split(/\s+/, 1)[0] ?? '';
  const byKey = options.find((option) => option.key.toLowerCase() === firstToken.replace(/[).:,]$/, ''));
  if (byKey) return byKey;
  return options.find((option) => {
    const name = option.name.toLowerCase();
    return text === name || (text.startsWith(name) && /^[\s.,:;!)-]/.test(text.slice(name.length)));
  });
}

/**
 * The note of `/approve b ship it after 6pm`: `ship it after 6pm`. The option's key (or name) at
 * the start of the args names the choice; only what follows is the approver's note.
 */
export function removeOptionFromNote(note: string, args: string, option: RequestOption): string {
  const text = args.trim();
  const first = text.split(/\s+/, 1)[0] ?? '';
  const name = option.name.toLowerCase();
  // As resolveOption reads it: the key as the first word, else the name at the start.
  let said: string | undefined;
  if (first.replace(/[).:,]$/, '').toLowerCase() === option.key.toLowerCase()) said = first;
  else if (text.slice(0, name.length).toLowerCase() === name) said = text.slice(0, name.length);
  if (said === undefined || !note.startsWith(said)) return note;
  return note.slice(said.length).replace(/^[\s.,:;!)-]+/, '');
}

function collectRequirements(policy: Policy, risk: RiskAssessment): GateRequirement[] {
  if (risk.tier !== 'approve' || risk.waived !== undefined) return [];
  const defaults = policy.defaults;
  const fromDefaults = (name: string, require: Requirement[]): GateRequirement => ({
    name,
    level: 'approve',
    needed: defaults.approvals,
    groups: [],
    require,
    timeoutMs: defaults.timeoutMs,
    onTimeout: defaults.onTimeout,
    escalateTo: defaults.escalateTo,
    safeDefault: defaults.safeDefault,
  });
  const requirements: GateRequirement[] = [];
  for (const matched of risk.rules) {
    if (matched.tier !== 'approve') continue;
    if (matched.name === CONFIG_RULE_NAME) {
      // A policy change is reviewed like any approve-level change; its rollback is the revert.
      // Only by people the default branch's policy names (DESIGN §2, §11): a member of any of its
      // reviewer groups; by anyone with write access only when it names none.
      requirements.push({
        ...fromDefaults(CONFIG_RULE_NAME, ['action']),
        groups: Object.keys(policy.reviewers),
      });
      continue;
    }
    const rule = policy.rules.find((candidate) => candidate.name === matched.name);
    if (!rule) continue;
    requirements.push({
      name: rule.name,
      level: rule.level,
      needed: rule.level === 'approve' ? rule.approvals : 1,
      groups: rule.reviewers,
      require: rule.require,
      timeoutMs: rule.timeoutMs,
      onTimeout: rule.onTimeout,
      escalateTo: rule.escalateTo,
      safeDefault: rule.safeDefault,
    });
  }
  // The tier came from declared risk, precedent or the mode alone: the policy defaults apply.
  if (requirements.length === 0) requirements.push(fromDefaults('defaults', ['action', 'rollback_plan']));
  return requirements;
}

function deadlineOf(requirement: GateRequirement, requestedAt: number, now: number): Deadline | undefined {
  if (requirement.timeoutMs === null) return undefined;
  const first = requestedAt + requirement.timeoutMs;
  const escalates = requirement.onTimeout === 'escalate';
  return {
    first,
    final: escalates ? first + requirement.timeoutMs : first,
    escalated: escalates && now >= first,
  };
}

/** Whether a person belongs to one of the groups; `unknown` names the team that could not be read. */
function membership(
  actor: Actor,
  groups: readonly string[],
  policy: Policy,
  facts: Facts,
): { member: boolean; unknown: string[] } {
  const unknown: string[] = [];
  for (const group of groups) {
    for (const entry of readReviewerGroup(policy, group) ?? []) {
      if (!entry.startsWith('@')) {
        if (entry.toLowerCase() === actor.login.toLowerCase()) return { member: true, unknown: [] };
        continue;
      }
      const team = facts.teams[entry.slice(1).toLowerCase()];
      if (team === undefined || 'error' in team)
        unknown.push(`${entry} (${team ? team.error : 'not looked up'})`);
      else if (team.members.includes(actor.id)) return { member: true, unknown: [] };
    }
  }
  return { member: false, unknown };
}

/** The roles that make someone a party to the request, who may not approve it themselves. */
function selfRoles(actor: Actor, request: Request, facts: Facts): string[] {
  const roles: [Actor | undefined, string][] = [
    [facts.author, 'the PR author'],
    [request.requester, 'the requester'],
    [request.onBehalfOf, 'the person the requester acts for'],
    [facts.lastPusher, 'the last pusher'],
    ...(facts.deployers ?? []).map((deployer): [Actor, string] => [deployer, 'the deployer']),
  ];
  return [...new Set(roles.filter(([party]) => party?.id === actor.id).map(([, role]) => role))];
}

function givenForEarlierHead(statement: Statement, facts: Facts): boolean {
  return (
    (statement.commitId !== undefined && statement.commitId !== facts.head.sha) ||
    Date.parse(statement.createdAt) < Date.parse(facts.head.since)
  );
}

/**
 * Why an approval does not count for the current head and request, if it does not. A statement
 * counts for the head it was made on: a review or button click names its commit, and every
 * statement must come after GitHub's time for the head's arrival (a force-push back to an earlier
 * commit, a retarget or a push after the statement all ask again) and after the request's last
 * change (what was approved is what is asked now).
 */
function staleness(statement: Statement, facts: Facts): string | undefined {
  const head = facts.head;
  if (statement.commitId !== undefined && statement.commitId !== head.sha)
    return `stale: given for ${shortSha(statement.commitId)}, the head is now ${shortSha(head.sha)}`;
  const given = Date.parse(statement.createdAt);
  const since = Date.parse(head.since);
  if (given < since) {
    const event = head.sinceEvent === undefined ? '' : ` (${head.sinceEvent} ${head.since})`;
    return `stale: given before ${shortSha(head.sha)} became the head of this request${event}; approve again`;
  }
  if (statement.commitId === undefined && head.pushed === true && given < since + PUSH_GUARD_MS) {
    return `stale: given within ${formatDuration(PUSH_GUARD_MS)} of the push of ${shortSha(head.sha)}, before it could be reviewed; approve again`;
  }
  const change = facts.requestChange;
  if (change !== undefined && given < Date.parse(change.at))
    return `stale: given before the request changed (${change.what} at ${change.at}); approve again`;
  return undefined;
}

/** Recorded reasons are cut to this length: the record keeps who vetoed and when, and the gist. */
export const MAX_VETO_REASON = 200;

/**
 * The statements with every recorded veto that vanished put back (DESIGN §11: vetoes are
 * durable): a rejection Gatehouse counted whose statement is gone, or no longer rejects, stands
 * as it was made. Its author can still withdraw it with a newer statement.
 */
export function restoreVetoes(
  statements: readonly Statement[],
  vetoes: readonly RecordedVeto[],
): Statement[] {
  const restored = [...statements];
  for (const veto of vetoes) {
    const index = restored.findIndex(
      (statement) => statement.source === veto.source && statement.id === veto.statementId,
    );
    const present = restored[index];
    if (present !== undefined && readIntent(present)?.kind === 'reject') continue;
    const statement: Statement = {
      source: veto.source,
      id: veto.statementId,
      author: veto.author,
      body: veto.source === 'comment' || veto.source === 'review' ? `/reject ${veto.reason}` : veto.reason,
      createdAt: veto.at,
      restored: present === undefined ? 'deleted' : 'edited',
    };
    if (veto.source === 'review') statement.reviewState = 'COMMENTED';
    if (veto.source === 'check_action' || veto.source === 'deployment_review') statement.action = 'reject';
    // Who edited it away stays known: a foreign edit is tampering (L1) as well as a veto restored.
    if (present?.editors !== undefined) statement.editors = present.editors;
    if (present === undefined) restored.push(statement);
    else restored[index] = statement;
  }
  return restored;
}

/**
 * The veto a deleted comment held, from GitHub's signed `issue_comment.deleted` delivery (the
 * comment as GitHub last held it): a /reject Gatehouse sees only there still counts as made.
 */
export function parseDeletedVeto(
  comment: { id: number; body: string; createdAt: string; author: Actor },
  selfIds: readonly number[],
): RecordedVeto[] {
  const parsed = parseCommand(comment.body);
  if (selfIds.includes(comment.author.id) || !parsed?.ok || parsed.command.verb !== 'reject') return [];
  return [
    {
      source: 'comment',
      statementId: String(comment.id),
      author: comment.author,
      reason: parsed.command.reason.slice(0, MAX_VETO_REASON),
      at: comment.createdAt,
    },
  ];
}

function describeStatement(statement: Statement): StatementVerdict['statement'] {
  const { source, id, author, createdAt } = statement;
  return { source, id, author, createdAt };
}

function byTime(a: Statement, b: Statement): number {
  return a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

interface Standing {
  statement: Statement;
  intent: Intent;
  verdict: StatementVerdict;
}

export function evaluateGate(policy: Policy, request: Request, facts: Facts, now: string): GateResult {
  const nowMs = Date.parse(now);
  const risk = evaluateRisk(policy, request, {
    history: facts.history,
    historyNote: facts.historyNote,
    teams: facts.teams,
    policyFiles: facts.policyFiles,
  });
  const requirements = collectRequirements(policy, risk);
  const requestedAt = Date.parse(facts.requestedAt);
  const deadlines = new Map(requirements.map((req) => [req.name, deadlineOf(req, requestedAt, nowMs)]));
  const groupsOf = (req: GateRequirement) =>
    deadlines.get(req.name)?.escalated ? [...req.groups, ...req.escalateTo] : req.groups;

  const verdicts: StatementVerdict[] = [];
  const tampering: GateResult['tampering'] = [];
  const problems = [...risk.problems];
  const standing = new Map<number, Standing>();

  // 1. Who said what: identity, edits and permission decide whether a statement is admissible.
  const statements = restoreVetoes(facts.statements, facts.recordedVetoes ?? []);
  for (const statement of statements.sort(byTime)) {
    if (facts.selfIds.includes(statement.author.id)) continue;
    const foreignEditor = statement.editors?.find((editor) => editor.id !== statement.author.id);
    // A foreign edit is recorded only for comments that held a command before or after it (L1),
    // so it is tampering whatever the comment says now.
    const intent =
      readIntent(statement) ??
      (foreignEditor ? { kind: 'invalid' as const, verb: 'edited', error: '' } : undefined);
    if (!intent) continue;
    const verdict: StatementVerdict = {
      statement: describeStatement(statement),
      verb: verbOf(intent),
      counted: false,
      reason: '',
    };
    verdicts.push(verdict);
    const who = `@${statement.author.login}`;
    const edited = statement.updatedAt !== undefined && statement.updatedAt !== statement.createdAt;
    const permission = facts.permissions[statement.author.id];
    if (foreignEditor) {
      tampering.push({ statementId: statement.id, author: statement.author, editor: foreignEditor });
      verdict.reason = `tampering: edited by @${foreignEditor.login}, who did not write it`;
      // A recorded veto edited away by someone else is both: the edit is tampering, and the veto
      // is judged as it was made, so that it is recorded again and outlives the trace of the edit.
      if (statement.restored === undefined) continue;
    }
    if (isBot(statement.author) && !policy.defaults.allowBots) {
      verdict.reason = `ignored: ${who} is a bot account`;
    } else if (statement.viaApp !== undefined) {
      verdict.reason = `ignored: posted through the app ${statement.viaApp} on ${who}'s behalf`;
    } else if (intent.kind === 'invalid') {
      verdict.reason = `ignored: ${intent.error}`;
    } else if (edited && intent.kind === 'approve') {
      verdict.reason = `ignored: an edited approval never counts; ${statement.source === 'review' ? 'submit a new review' : 'post a new comment'}`;
    } else if (permission === undefined) {
      verdict.reason = `ignored: ${who}'s permission could not be read`;
    } else if (!hasWrite(permission)) {
      verdict.reason = `ignored: ${who} has ${permission} permission (write or more needed)`;
    } else {
      const previous = standing.get(statement.author.id);
      if (previous) previous.verdict.reason = `superseded: ${who} said /${verdict.verb} later`;
      standing.set(statement.author.id, { statement, intent, verdict });
    }
  }

  // 2. Each person's newest admissible statement stands; judge it against the gate.
  const anyoneWithWrite = requirements.length === 0 || requirements.some((req) => req.groups.length === 0);
  const isGateReviewer = (actor: Actor) =>
    anyoneWithWrite || requirements.some((req) => membership(actor, groupsOf(req), policy, facts).member);
  const allGroups = [...new Set(requirements.flatMap(groupsOf))];

  const approvals: Approval[] = [];
  const progress: RuleProgress[] = requirements.map((req) => ({
    rule: req.name,
    level: req.level,
    needed: req.needed,
    approvals: [],
    reviewers: groupsOf(req),
  }));
  const rejections: Standing[] = [];
  const modifications: Standing[] = [];
  const unreadableTeams = new Set<string>();

  for (const entry of standing.values()) {
    const { statement, intent, verdict } = entry;
    const who = `@${statement.author.login}`;
    if (intent.kind === 'cancel') {
      verdict.counted = true;
      verdict.reason = 'counted: withdraws earlier statements';
      continue;
    }
    if (intent.kind !== 'approve') {
      if (!isGateReviewer(statement.author)) {
        verdict.reason = `ignored: ${who} is not among the reviewers of this gate (${allGroups.join(', ')})`;
        continue;
      }
      // A request for changes is answered by a push; a rejection stands until its author withdraws it.
      if (
        intent.kind === 'modify' &&
        policy.defaults.invalidateOnPush &&
        givenForEarlierHead(statement, facts)
      ) {
        verdict.reason = `addressed: the head moved to ${shortSha(facts.head.sha)} after the request for changes`;
        continue;
      }
      verdict.counted = true;
      verdict.reason =
        intent.kind === 'reject' ? 'counted: a rejection blocks the gate' : 'counted: changes requested';
      if (statement.restored !== undefined) {
        const what = statement.restored === 'deleted' ? 'deleted' : 'edited away';
        verdict.reason = `counted: a rejection blocks the gate; its ${statement.source === 'comment' ? 'comment' : statement.source} was ${what} after Gatehouse saw it, and the veto stands until ${who} withdraws it`;
        problems.push(
          `tampering: the rejection by ${who} of ${statement.createdAt} was ${what}; it still blocks (DESIGN §11)`,
        );
      }
      (intent.kind === 'reject' ? rejections : modifications).push(entry);
      continue;
    }
    const roles = policy.defaults.allowSelfApproval ? [] : selfRoles(statement.author, request, facts);
    if (roles.length > 0) {
      verdict.reason = `ignored: ${who} is ${roles.join(' and ')} (self-approval is off)`;
      continue;
    }
    const stale = policy.defaults.invalidateOnPush ? staleness(statement, facts) : undefined;
    if (stale) {
      verdict.reason = stale;
      continue;
    }
    const option = resolveOption(intent.args, request.options);
    const approval: Approval = {
      approver: statement.author,
      at: statement.createdAt,
      statementId: statement.id,
      source: statement.source,
      verb: intent.verb,
    };
    if (option) approval.option = option.key;
    const note = option ? removeOptionFromNote(intent.note, intent.args, option) : intent.note;
    if (note) approval.note = note;
    if (intent.effectiveAt) approval.effectiveAt = intent.effectiveAt;

    if (requirements.length === 0) {
      verdict.counted = true;
      verdict.reason = risk.tier === 'notify' ? 'counted: acknowledged' : 'counted: noted';
      approvals.push(approval);
      continue;
    }
    const countedFor: string[] = [];
    const reasons: string[] = [];
    requirements.forEach((req, i) => {
      const deadline = deadlines.get(req.name);
      if (deadline && Date.parse(statement.createdAt) >= deadline.final) {
        reasons.push(`after the deadline of ${req.name}`);
        return;
      }
      if (req.level !== 'acknowledge' && intent.verb === 'ack') {
        reasons.push(`/ack acknowledges; ${req.name} needs /approve`);
        return;
      }
      if (req.groups.length > 0) {
        const { member, unknown } = membership(statement.author, groupsOf(req), policy, facts);
        if (!member) {
          for (const team of unknown) unreadableTeams.add(team);
          reasons.push(
            unknown.length > 0
              ? `${who}'s membership could not be confirmed: ${unknown.join(', ')}`
              : `${who} is not in ${groupsOf(req).join(', ')}`,
          );
          return;
        }
      }
      progress[i]?.approvals.push(approval);
      countedFor.push(req.name);
    });
    if (countedFor.length > 0) {
      verdict.counted = true;
      verdict.reason = `counted for ${countedFor.join(', ')}`;
      approvals.push(approval);
    } else {
      verdict.reason = `ignored: ${[...new Set(reasons)].join('; ')}`;
    }
  }
  for (const team of unreadableTeams)
    problems.push(`team ${team} could not be read: its members were not counted (fail closed)`);

  const readiness = evaluateReadiness(
    request,
    requirements.flatMap((req) => req.require.map((requirement) => ({ requirement, rule: req.name }))),
  );
  const result: GateResult = {
    state: 'pending',
    risk,
    progress,
    statements: verdicts,
    approvers: approvals,
    readiness,
    tampering,
    problems,
    vetoes: rejections.flatMap(({ statement, intent }) =>
      intent.kind === 'reject'
        ? [
            {
              source: statement.source,
              statementId: statement.id,
              author: statement.author,
              reason: intent.reason.slice(0, MAX_VETO_REASON),
              at: statement.createdAt,
            },
          ]
        : [],
    ),
  };
  decideState(result, {
    policy,
    request,
    requirements,
    deadlines,
    rejections,
    modifications,
    nowMs,
    requestedAt,
  });
  return result;
}

interface Decided {
  policy: Policy;
  request: Request;
  requirements: GateRequirement[];
  deadlines: Map<string, Deadline | undefined>;
  rejections: Standing[];
  modifications: Standing[];
  nowMs: number;
  requestedAt: number;
}

/** Sets the state from what was counted, most conservative outcome first. */
function decideState(result: GateResult, decided: Decided): void {
  const { policy, request, requirements, deadlines, rejections, modifications, nowMs, requestedAt } = decided;
  const { risk } = result;
  const firstTampering = result.tampering[0];
  if (firstTampering) {
    result.state = 'rejected';
    result.rejection = {
      by: firstTampering.editor,
      at: new Date(nowMs).toISOString(),
      reason: `tampering: @${firstTampering.editor.login} edited a command comment written by @${firstTampering.author.login}`,
    };
    result.reason = result.rejection.reason;
    return;
  }
  // Mode auto waives every tier but the policy file's own gate, and ignores vetoes.
  if (policy.mode === 'auto' && risk.waived !== undefined) {
    result.state = risk.tier === 'notify' ? 'notified' : 'auto_approved';
    result.reason = risk.waived;
    return;
  }
  const rejection = rejections[0];
  if (rejection?.intent.kind === 'reject') {
    result.state = 'rejected';
    result.rejection = {
      by: rejection.statement.author,
      at: rejection.statement.createdAt,
      reason: rejection.intent.reason,
    };
    result.reason = rejection.intent.reason;
    return;
  }
  if (requirements.length === 0) {
    result.state = risk.tier === 'notify' && risk.waived === undefined ? 'notified' : 'auto_approved';
    result.reason =
      risk.waived ?? (risk.tier === 'notify' ? 'notify tier: proceeds and is recorded' : 'low risk');
    return;
  }
  if (!result.readiness.ready) return;
  const modification = modifications[0];
  if (modification?.intent.kind === 'modify') {
    result.state = 'changes_requested';
    result.modification = {
      by: modification.statement.author,
      at: modification.statement.createdAt,
      instructions: modification.intent.instructions,
    };
    return;
  }

  // Per requirement: met by people, proceeding on timeout, expired, escalated, or waiting.
  let proceededOnTimeout: { rule: string; option: RequestOption } | undefined;
  let pendingDeadline: number | undefined;
  requirements.forEach((req, i) => {
    const met = (result.progress[i]?.approvals.length ?? 0) >= req.needed;
    const deadline = deadlines.get(req.name);
    if (met || !deadline) return;
    if (nowMs < deadline.final) {
      const next = deadline.escalated ? deadline.final : deadline.first;
      pendingDeadline = Math.min(pendingDeadline ?? next, next);
      if (deadline.escalated) {
        result.escalation = {
          at: new Date(deadline.first).toISOString(),
          to: req.escalateTo,
          deadline: new Date(deadline.final).toISOString(),
        };
      }
      return;
    }
    const waited = deadline.final - requestedAt;
    if (req.onTimeout === 'proceed') {
      const option = req.safeDefault === null ? undefined : resolveOption(req.safeDefault, request.options);
      if (option) {
        proceededOnTimeout ??= { rule: req.name, option };
        return;
      }
      result.problems.push(
        `${req.name}: the safe default "${req.safeDefault}" is not one of the request's options, so the gate expires`,
      );
    }
    result.state = 'expired';
    result.expiredAfterMs ??= waited;
    result.reason ??= `${req.name}: no decision within ${formatDuration(waited)}`;
  });
  if (result.state === 'expired') return;
  if (pendingDeadline !== undefined) result.deadline = new Date(pendingDeadline).toISOString();

  const unmet = requirements.some((req, i) => {
    const met = (result.progress[i]?.approvals.length ?? 0) >= req.needed;
    return (
      !met && !(proceededOnTimeout && nowMs >= (deadlines.get(req.name)?.final ?? Number.POSITIVE_INFINITY))
    );
  });
  if (unmet) {
    if (result.escalation) result.state = 'escalated';
    return;
  }

  // Every requirement is met. Approvers who picked an option must agree on it.
  const counted = result.progress.flatMap((entry) => entry.approvals);
  const chosen = [...new Set(counted.flatMap((approval) => (approval.option ? [approval.option] : [])))];
  if (chosen.length > 1) {
    result.problems.push(
      `approvers chose different options (${chosen.join(', ')}): agree on one, then approve again`,
    );
    return;
  }
  const option =
    request.options.find((candidate) => candidate.key === chosen[0]) ?? proceededOnTimeout?.option;
  if (option) result.option = option;
  if (proceededOnTimeout && counted.length === 0) {
    result.state = 'auto_approved';
    result.reason = `${proceededOnTimeout.rule}: no decision before the deadline; proceeding with the safe default "${proceededOnTimeout.option.name}"`;
    return;
  }
  const effectiveAt = counted
    .flatMap((approval) => (approval.effectiveAt ? [approval.effectiveAt] : []))
    .sort()
    .at(-1);
  if (effectiveAt !== undefined) result.effectiveAt = effectiveAt;
  result.state = effectiveAt !== undefined && Date.parse(effectiveAt) > nowMs ? 'delayed' : 'approved';
}

/**
 * The users whose repository permission the adapter must look up: authors of statements, less
 * Gatehouse itself and, unless the policy counts them, bots.
 */
export function listStatementAuthors(
  statements: readonly Statement[],
  selfIds: readonly number[] = [],
  options: { allowBots?: boolean } = {},
): Actor[] {
  const authors = new Map<number, Actor>();
  for (const statement of statements) {
    if (selfIds.includes(statement.author.id) || authors.has(statement.author.id)) continue;
    // Bots never count unless the policy says so: their permission need not be read.
    if (isBot(statement.author) && options.allowBots !== true) continue;
    if (readIntent(statement)) authors.set(statement.author.id, statement.author);
  }
  return [...authors.values()];
}

/**
 * The `org/team` slugs (lower case) the adapter must expand: the reviewers and backups of this
 * gate, and every team an `authors:` predicate names (needed before risk can be evaluated).
 */
export function listTeamsNeeded(policy: Policy, risk?: RiskAssessment): string[] {
  const entries = [
    ...policy.rules.flatMap((rule) => rule.if.authors ?? []),
    ...(risk ? collectRequirements(policy, risk).flatMap((req) => [...req.groups, ...req.escalateTo]) : []),
  ].flatMap((entry) => readReviewerGroup(policy, entry) ?? [entry]);
  return [
    ...new Set(entries.filter((entry) => entry.startsWith('@')).map((entry) => entry.slice(1).toLowerCase())),
  ].sort();
}
