// The approval request (DESIGN §5): the sticky comment and the check-run summary. It is built so
// an approver can decide from it alone: what is asked, why it is risky, how to undo it, who may
// decide and how. Everything the requester or the PR supplied goes through escape.ts.
import { createRequestMarker, hashRequest } from '../decision-id.ts';
import { formatDuration } from '../duration.ts';
import { escapeMarkdownInline, renderCode, renderUntrustedBlock } from '../escape.ts';
import type { GateOptions, GateResult, Policy, Request, RuleProgress, StatementVerdict } from '../model.ts';
import { type Level, type StatementSource, VERBS } from '../registry.ts';

/** GitHub refuses comments and check summaries over 65,536 characters; stay well below. */
export const APPROVAL_REQUEST_MAX_CHARS = 60_000;

/** How much of each list and text is shown. The compact budget is the fallback for huge requests. */
interface Budget {
  action: number;
  context: number;
  riskText: number;
  rollback: number;
  recommendation: number;
  reason: number;
  optionsShown: number;
  optionDescription: number;
  rulesShown: number;
  filesPerRule: number;
  filesTotal: number;
  pathChars: number;
  statementsShown: number;
  problemsShown: number;
  /** Requirements listed under "Who can approve", groups per requirement, entries per group. */
  progressShown: number;
  groupsShown: number;
  entriesShown: number;
  listEntry: number;
}

const FULL_BUDGET: Budget = {
  action: 1_000,
  context: 6_000,
  riskText: 3_000,
  rollback: 3_000,
  recommendation: 2_000,
  reason: 1_500,
  optionsShown: 10,
  optionDescription: 400,
  rulesShown: 15,
  filesPerRule: 20,
  filesTotal: 100,
  pathChars: 160,
  statementsShown: 50,
  problemsShown: 30,
  progressShown: 15,
  groupsShown: 5,
  entriesShown: 20,
  listEntry: 300,
};

const COMPACT_BUDGET: Budget = {
  action: 300,
  context: 1_500,
  riskText: 800,
  rollback: 800,
  recommendation: 500,
  reason: 500,
  optionsShown: 10,
  optionDescription: 150,
  rulesShown: 5,
  filesPerRule: 5,
  filesTotal: 25,
  pathChars: 100,
  statementsShown: 10,
  problemsShown: 10,
  progressShown: 5,
  groupsShown: 3,
  entriesShown: 5,
  listEntry: 150,
};

// ---------------------------------------------------------------------------------------------
// Small pieces shared with the check run.

/** Cuts text to `max` code points, with `…`, before it is escaped. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Inline text, escaped, at most `max` characters of Markdown. */
function inline(text: string, max: number): string {
  return escapeMarkdownInline(text, max);
}

/** `2026-03-02 14:00 UTC` (seconds only when there are any); anything else escaped as it came. */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return escapeMarkdownInline(iso, 80);
  const [date = '', clock = ''] = time.toISOString().split('T');
  const seconds = clock.slice(6, 8);
  return `${date} ${seconds === '00' ? clock.slice(0, 5) : clock.slice(0, 8)} UTC`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `platform`, `platform or backup`, or undefined when anyone with write permission may approve. */
function groupsText(reviewers: readonly string[]): string | undefined {
  if (reviewers.length === 0) return undefined;
  if (reviewers.length === 1) return reviewers[0];
  return `${reviewers.slice(0, -1).join(', ')} or ${reviewers.at(-1)}`;
}

/** Progress on one requirement as it stands: `1 of 2 approvals from platform`. Plain text. */
export function describeProgress(progress: RuleProgress): string {
  const from = groupsText(progress.reviewers);
  const suffix = from === undefined ? '' : ` from ${from}`;
  if (progress.level === 'acknowledge') {
    const by = progress.approvals.map((approval) => approval.approver.login);
    return by.length > 0 ? `acknowledged by ${by.join(', ')}` : `no acknowledgement yet${suffix}`;
  }
  return `${progress.approvals.length} of ${plural(progress.needed, 'approval')}${suffix}`;
}

/** What is still missing, for a check-run title: `1 of 2 approvals from platform`. Plain text. */
export function describeMissing(result: GateResult): string {
  const unmet = result.progress.filter((entry) => entry.approvals.length < entry.needed);
  if (unmet.length === 0) return 'a decision';
  const parts = unmet.map((entry) => {
    const from = groupsText(entry.reviewers);
    const suffix = from === undefined ? '' : ` from ${from}`;
    if (entry.level === 'acknowledge') return `an acknowledgement${suffix}`;
    const missing = entry.needed - entry.approvals.length;
    if (missing === entry.needed) return `${plural(entry.needed, 'approval')}${suffix}`;
    return `${missing} of ${plural(entry.needed, 'approval')}${suffix}`;
  });
  return parts.join('; ');
}

/** The gate options that govern a requirement: its rule's, or the policy defaults. */
export function gateOptionsOf(requirement: string, policy: Policy): GateOptions {
  return policy.rules.find((rule) => rule.name === requirement) ?? policy.defaults;
}

/** How long an expired gate waited: the timeout, twice over when it escalated first. */
export function describeExpiry(result: GateResult): string | undefined {
  return result.expiredAfterMs === undefined ? undefined : formatDuration(result.expiredAfterMs);
}

/** What a rule needs at its level: `one acknowledgement`, `one approval`, `2 approvals`. */
export function describeNeed(level: Level, needed: number): string {
  if (level === 'acknowledge') return 'one acknowledgement';
  return level === 'review' ? 'one approval' : plural(needed, 'approval');
}

/** Who approved, in the order they did, once each. */
export function approverLogins(result: GateResult): string[] {
  return [...new Set(result.approvers.map((approval) => approval.approver.login))];
}

const SOURCE_NAMES: Record<StatementSource, string> = {
  comment: 'comment',
  review: 'review',
  check_action: 'check-run button',
  deployment_review: 'deployment review',
};

// ---------------------------------------------------------------------------------------------
// Sections.

function renderStateLine(result: GateResult, budget: Budget): string[] {
  const [tampered] = result.tampering;
  if (tampered) {
    return [
      `**Blocked: an approval comment was edited** — comment ${inline(tampered.statementId, 80)} by ${inline(tampered.author.login, 80)} was edited by ${inline(tampered.editor.login, 80)}. A command comment edited by anyone but its author fails the gate.`,
    ];
  }
  const progress = result.progress.map(describeProgress);
  const waitingFor =
    progress.length > 0 ? inline(progress.join('; '), budget.listEntry) : 'waiting for a decision';
  switch (result.state) {
    case 'rejected': {
      const by = result.rejection ? ` by ${inline(result.rejection.by.login, 80)}` : '';
      const reason = renderUntrustedBlock(result.rejection?.reason ?? result.reason ?? '', budget.reason);
      return [`**Rejected**${by}.`, ...(reason ? ['', reason] : [])];
    }
    case 'expired': {
      const after = describeExpiry(result);
      return [`**Expired** — no decision${after === undefined ? '' : ` within ${after}`}.`];
    }
    case 'changes_requested': {
      const by = result.modification ? ` by ${inline(result.modification.by.login, 80)}` : '';
      const instructions = renderUntrustedBlock(result.modification?.instructions ?? '', budget.reason);
      return [
        `**Changes requested**${by}. The gate stays closed until the request is updated and approved.`,
        ...(instructions ? ['', instructions] : []),
      ];
    }
    default:
      break;
  }
  if (result.problems.length > 0)
    return [`**Blocked** — ${plural(result.problems.length, 'problem')}, see below.`];
  if (!result.readiness.ready && (result.state === 'pending' || result.state === 'escalated')) {
    const gaps = result.readiness.missing.map((gap) => inline(gap.problem, budget.listEntry)).join(', ');
    return [`**Not ready for approval** — ${gaps}.`];
  }
  const approvers = approverLogins(result).map((login) => inline(login, 80));
  const option = result.option
    ? ` — option ${inline(result.option.key, 20)}: ${inline(result.option.name, budget.listEntry)}`
    : '';
  switch (result.state) {
    case 'approved':
      return [`**Approved** by ${approvers.join(', ') || 'nobody'}${option}.`];
    case 'delayed':
      return [
        `**Approved, effective at ${result.effectiveAt === undefined ? 'a later time' : formatTime(result.effectiveAt)}** by ${approvers.join(', ')}${option}.`,
      ];
    case 'auto_approved':
      return [
        `**Auto-approved** — ${inline(result.reason ?? result.risk.waived ?? 'low risk', budget.listEntry)}${option}.`,
      ];
    case 'notified':
      return [
        '**Proceeding** — notify tier, recorded. Acknowledge with `/ack` if you like; nothing waits for it.',
      ];
    case 'escalated':
      return [
        `**Escalated** to ${inline(groupsText(result.escalation?.to ?? []) ?? 'the backup approvers', budget.listEntry)} — ${waitingFor}.`,
      ];
    default: {
      if (result.progress.length > 0 && result.progress.every((entry) => entry.level === 'acknowledge')) {
        const from = groupsText([...new Set(result.progress.flatMap((entry) => entry.reviewers))]);
        return [
          `**Waiting for an acknowledgement**${from === undefined ? '' : ` from ${inline(from, budget.listEntry)}`}.`,
        ];
      }
      return [`**Waiting for approval** — ${waitingFor}.`];
    }
  }
}

function renderText(text: string | undefined, max: number, missing: string): string {
  return renderUntrustedBlock(text ?? '', max) || `_${missing}_`;
}

function renderActionSection(request: Request, budget: Budget): string[] {
  const lines = [
    '### Action requested',
    '',
    renderText(request.action?.text, budget.action, 'No action stated.'),
    '',
  ];
  const facts: string[] = [];
  const requester = inline(request.requester.login, 80);
  facts.push(
    `Requested by ${requester}${request.requester.type === 'User' ? '' : ` (${inline(request.requester.type, 40)})`}` +
      (request.onBehalfOf ? ` on behalf of ${inline(request.onBehalfOf.login, 80)}` : '') +
      (request.agent ? ` (agent ${inline(request.agent, 80)})` : ''),
  );
  if (request.kind !== undefined) facts.push(`kind ${renderCode(truncateText(request.kind, 80))}`);
  if (request.gate.environment !== undefined) {
    facts.push(`environment ${renderCode(truncateText(request.gate.environment, 120))}`);
  }
  facts.push(`commit ${renderCode(request.subject.sha.slice(0, 12))}`);
  if (request.subject.targetBranch !== undefined) {
    facts.push(`into ${renderCode(truncateText(request.subject.targetBranch, 120))}`);
  }
  if (request.spec !== undefined)
    facts.push(`spec ${renderCode(truncateText(request.spec.path, budget.pathChars))}`);
  lines.push(`${facts.join(' · ')}`, '');
  return lines;
}

function renderRiskSection(request: Request, result: GateResult, policy: Policy, budget: Budget): string[] {
  const { risk } = result;
  const lines = ['### Risk assessment', '', `**Tier:** ${risk.tier} · **Level:** ${risk.level}`, ''];
  if (risk.factors.length > 0) {
    lines.push('| Factor | Value | Tier | From |', '| --- | --- | --- | --- |');
    for (const factor of risk.factors.slice(0, 20)) {
      lines.push(
        `| ${inline(factor.factor, 40)} | ${inline(factor.value, 80)} | ${factor.tier} | ${inline(factor.from, budget.listEntry)} |`,
      );
    }
    lines.push('');
  } else {
    lines.push('No risk factors were set or computed.', '');
  }

  if (risk.rules.length > 0) {
    lines.push('**Matched rules**', '');
    let filesLeft = budget.filesTotal;
    for (const rule of risk.rules.slice(0, budget.rulesShown)) {
      const description = policy.rules.find((candidate) => candidate.name === rule.name)?.description;
      const reasons = inline(rule.reasons.join('; '), 2 * budget.listEntry);
      lines.push(
        `- **${inline(rule.name, 100)}** (${rule.tier} tier, ${rule.level} level)` +
          (description ? `: ${inline(description.replace(/[.\s]+$/, ''), budget.listEntry)}` : '') +
          (reasons ? `. Matched because ${reasons}` : ''),
      );
      const shown = rule.files.slice(0, Math.min(budget.filesPerRule, filesLeft));
      filesLeft -= shown.length;
      for (const file of shown) lines.push(`  - ${renderCode(truncateText(file, budget.pathChars))}`);
      const more = Math.max(rule.filesMatched, rule.files.length) - shown.length;
      if (more > 0) lines.push(`  - and ${plural(more, 'more file')}`);
    }
    if (risk.rules.length > budget.rulesShown)
      lines.push(`- and ${plural(risk.rules.length - budget.rulesShown, 'more rule')}`);
    lines.push('');
  } else {
    lines.push('No rule matched.', '');
  }

  if (risk.waived !== undefined)
    lines.push(`**Proceeds without approval:** ${inline(risk.waived, budget.listEntry)}`, '');
  lines.push(
    "**The requester's assessment**",
    '',
    renderText(request.riskAssessment?.text, budget.riskText, 'None given.'),
    '',
  );
  return lines;
}

function renderOptionsSection(request: Request, result: GateResult, budget: Budget): string[] {
  if (request.options.length === 0) return [];
  const lines = ['### Options', ''];
  for (const option of request.options.slice(0, budget.optionsShown)) {
    const key = inline(option.key, 20);
    const chosen = result.option?.key === option.key ? ' **(chosen)**' : '';
    const description =
      option.description.trim() === '' ? '' : `: ${inline(option.description, budget.optionDescription)}`;
    lines.push(
      `- **${key}** — ${inline(option.name, budget.listEntry)}${description}${chosen} — pick with ${renderCode(`/approve ${truncateText(option.key, 20)}`)}`,
    );
  }
  if (request.options.length > budget.optionsShown) {
    lines.push(`- and ${plural(request.options.length - budget.optionsShown, 'more option')}`);
  }
  lines.push('');
  return lines;
}

function renderGroupEntries(group: string, policy: Policy, budget: Budget): string {
  const entries = policy.reviewers[group];
  if (entries === undefined) return `**${inline(group, 100)}** (not defined under \`reviewers:\`)`;
  const shown = entries.slice(0, budget.entriesShown).map((entry) => renderCode(truncateText(entry, 60)));
  const more = entries.length > shown.length ? `, and ${entries.length - shown.length} more` : '';
  return `**${inline(group, 100)}** (${shown.join(', ')}${more})`;
}

function renderGroups(groups: readonly string[], policy: Policy, budget: Budget): string {
  const shown = groups.slice(0, budget.groupsShown).map((group) => renderGroupEntries(group, policy, budget));
  if (groups.length > shown.length) shown.push(plural(groups.length - shown.length, 'more group'));
  return shown.join(' or ');
}

function renderHowToDecide(request: Request, result: GateResult, policy: Policy, budget: Budget): string[] {
  if (result.state === 'notified') return [];
  const open = ['pending', 'escalated', 'changes_requested', 'delayed'].includes(result.state);
  if (!open) return [];
  const lines = ['### How to decide', '', '**Who can approve**', ''];
  for (const progress of result.progress.slice(0, budget.progressShown)) {
    const needs = describeNeed(progress.level, progress.needed);
    const from =
      progress.reviewers.length === 0
        ? 'anyone with write permission'
        : renderGroups(progress.reviewers, policy, budget);
    const given = progress.approvals.map(
      (approval) =>
        `${inline(approval.approver.login, 80)}${approval.option === undefined ? '' : ` (option ${inline(approval.option, 20)})`}`,
    );
    const sofar = given.length === 0 ? '' : ` So far: ${given.join(', ')}.`;
    lines.push(`- **${inline(progress.rule, 100)}** needs ${needs} from ${from}.${sofar}`);
  }
  if (result.progress.length > budget.progressShown) {
    lines.push(`- and ${plural(result.progress.length - budget.progressShown, 'more rule')}`);
  }
  if (result.progress.length === 0) lines.push('- Anyone with write permission.');
  lines.push(
    '',
    [
      policy.defaults.allowSelfApproval
        ? undefined
        : 'The author of the change, the requester, whoever the request acts for and the last pusher cannot approve it.',
      policy.defaults.allowBots ? undefined : 'Bot accounts never count.',
      'People are counted once each, by account, with write permission checked when the gate is decided.',
    ]
      .filter((sentence) => sentence !== undefined)
      .join(' '),
    '',
  );

  const acknowledgeOnly =
    result.progress.length > 0 && result.progress.every((entry) => entry.level === 'acknowledge');
  const where = request.subject.pullRequest === undefined ? 'here' : 'on this pull request';
  lines.push(`**Commands** (comment ${where}, the command on the first line of the comment)`, '');
  if (acknowledgeOnly) {
    lines.push('- `/ack` — acknowledge; one acknowledgement is enough');
  } else {
    const picks = request.options
      .slice(0, budget.optionsShown)
      .map((option) => renderCode(`/approve ${truncateText(option.key, 20)}`));
    lines.push(
      `- \`/approve\` — approve${picks.length > 0 ? `; name an option to pick it: ${picks.join(', ')}` : ''}`,
      '- `/approve cancel` — withdraw your approval',
    );
  }
  lines.push('- `/reject <reason>` — reject; one rejection blocks the gate');
  if (!acknowledgeOnly) {
    lines.push(
      '- `/delay <when>` — approve, effective later: `/delay 2h` or `/delay 2026-03-02T22:00:00Z`',
      '- `/modify <instructions>` — ask for changes; the gate stays closed',
    );
  }
  if (result.progress.some((entry) => entry.level === 'acknowledge') && !acknowledgeOnly) {
    lines.push('- `/ack` — acknowledge, where a rule asks only for an acknowledgement');
  }
  lines.push('');
  if (request.subject.pullRequest !== undefined && !acknowledgeOnly) {
    lines.push(
      'A pull request review counts too: **Approve** as `/approve`, **Request changes** as `/modify`, for the commit it was given on.',
      '',
    );
  }
  lines.push(...renderDeadline(result, policy, budget));
  return lines;
}

function renderDeadline(result: GateResult, policy: Policy, budget: Budget): string[] {
  const lines: string[] = [];
  if (result.escalation) {
    const to = renderGroups(result.escalation.to, policy, budget);
    lines.push(
      `**Escalated** at ${formatTime(result.escalation.at)} to ${to || 'nobody'}: they can approve too.` +
        (result.escalation.deadline === undefined
          ? ''
          : ` Final deadline: ${formatTime(result.escalation.deadline)}.`),
      '',
    );
    return lines;
  }
  if (result.deadline === undefined) return lines;
  const unmet = result.progress.find((entry) => entry.approvals.length < entry.needed);
  const options = gateOptionsOf(unmet?.rule ?? '', policy);
  let then: string;
  switch (options.onTimeout) {
    case 'escalate': {
      const to = renderGroups(options.escalateTo, policy, budget);
      then = to ? `the request escalates to ${to}` : 'the request escalates';
      break;
    }
    case 'proceed':
      then =
        options.safeDefault === null
          ? 'the request expires'
          : `it proceeds with the safe default, option ${inline(options.safeDefault, 80)}`;
      break;
    default:
      then = 'the request is rejected';
  }
  lines.push(`**Deadline:** ${formatTime(result.deadline)}. Without a decision by then, ${then}.`, '');
  return lines;
}

function renderReadiness(result: GateResult, budget: Budget): string[] {
  if (result.readiness.ready || result.readiness.missing.length === 0) return [];
  const lines = ['### Not ready for approval', ''];
  for (const gap of result.readiness.missing.slice(0, 20)) {
    const where = gap.source
      ? ` (${renderCode(truncateText(gap.source.path, budget.pathChars))} line ${gap.source.line})`
      : '';
    lines.push(
      `- ${inline(gap.problem, budget.listEntry)}${where}, required by rule **${inline(gap.rule, 100)}**`,
    );
  }
  lines.push('', 'Add what is missing to the request; nobody is asked to approve it until then.', '');
  return lines;
}

function renderProblems(result: GateResult, budget: Budget): string[] {
  const problems = [
    ...result.tampering.map(
      (entry) =>
        `edited approval comment: comment ${entry.statementId} by ${entry.author.login} was edited by ${entry.editor.login}`,
    ),
    ...result.problems,
    ...result.risk.problems,
  ];
  if (problems.length === 0) return [];
  const lines = ['### Problems', ''];
  for (const problem of problems.slice(0, budget.problemsShown))
    lines.push(`- ${inline(problem, budget.listEntry)}`);
  if (problems.length > budget.problemsShown) {
    lines.push(`- and ${plural(problems.length - budget.problemsShown, 'more problem')}`);
  }
  lines.push('');
  return lines;
}

function renderVerb(verb: string | undefined): string {
  if (verb === undefined) return 'no command';
  return (VERBS as readonly string[]).includes(verb) || verb === 'approve cancel'
    ? `\`/${verb}\``
    : inline(verb, 40);
}

function renderStatement(verdict: StatementVerdict, budget: Budget): string {
  const { statement } = verdict;
  return (
    `- ${SOURCE_NAMES[statement.source]} ${inline(statement.id, 40)} by ${inline(statement.author.login, 80)}, ` +
    `${formatTime(statement.createdAt)}: ${renderVerb(verdict.verb)} — ${inline(verdict.reason, budget.listEntry)}`
  );
}

function renderStatements(result: GateResult, budget: Budget): string[] {
  if (result.statements.length === 0) return [];
  const lines = [
    '<details>',
    `<summary>How each statement was counted (${result.statements.length})</summary>`,
    '',
  ];
  for (const verdict of result.statements.slice(0, budget.statementsShown))
    lines.push(renderStatement(verdict, budget));
  if (result.statements.length > budget.statementsShown) {
    lines.push(`- and ${plural(result.statements.length - budget.statementsShown, 'more statement')}`);
  }
  lines.push('', '</details>', '');
  return lines;
}

function renderWithBudget(
  request: Request,
  result: GateResult,
  policy: Policy,
  budget: Budget,
  marker: string,
): string {
  const lines = [
    ...renderStateLine(result, budget),
    '',
    ...renderActionSection(request, budget),
    '### Context',
    '',
    renderText(request.context?.text, budget.context, 'None given.'),
    '',
    ...renderRiskSection(request, result, policy, budget),
    '### Rollback plan',
    '',
    renderText(request.rollbackPlan?.text, budget.rollback, 'None given.'),
    '',
    '### Recommendation',
    '',
    renderText(request.recommendation?.text, budget.recommendation, 'None given.'),
    '',
    ...renderOptionsSection(request, result, budget),
    ...renderHowToDecide(request, result, policy, budget),
    ...renderReadiness(result, budget),
    ...renderProblems(result, budget),
    ...renderStatements(result, budget),
    marker,
  ];
  return lines.join('\n');
}

/**
 * The approval request in Markdown, ending with the hidden request marker. Long texts and lists
 * are cut so the whole stays under APPROVAL_REQUEST_MAX_CHARS; a request too big even then is
 * rendered with a compact budget.
 */
export function renderApprovalRequest(request: Request, result: GateResult, policy: Policy): string {
  const marker = createRequestMarker(hashRequest(request));
  const full = renderWithBudget(request, result, policy, FULL_BUDGET, marker);
  if (full.length <= APPROVAL_REQUEST_MAX_CHARS) return full;
  const compact = renderWithBudget(request, result, policy, COMPACT_BUDGET, marker);
  if (compact.length <= APPROVAL_REQUEST_MAX_CHARS) return compact;
  // Not reached with the budgets above (the worst case is about half the limit); kept so the limit
  // holds whatever changes.
  const cut = compact.slice(0, APPROVAL_REQUEST_MAX_CHARS - marker.length - 100);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n… (truncated)\n\n${marker}`;
}
