// The check run of a gate (DESIGN §5): its status, conclusion and one-line title say where the
// gate stands; its summary is the full approval request; its external id is the decision id, so
// publishing the same state twice is recognisable.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createDecisionId, hashRequest, renderCanonicalJson } from '../decision-id.ts';
import { escapeMarkdownInline, renderCode, renderPlainText } from '../escape.ts';
import type { GateResult, Policy, Request } from '../model.ts';
import { CHECK_NAME, createCheckName } from '../registry.ts';
import {
  approverLogins,
  describeExpiry,
  describeMissing,
  formatTime,
  renderApprovalRequest,
} from './approval-request.ts';

export interface CheckRunView {
  name: string;
  status: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  externalId: string;
}

/** GitHub shows about this much of a title; longer ones are cut with `…`. */
export const CHECK_TITLE_MAX_CHARS = 120;

type Outcome = Pick<CheckRunView, 'status' | 'conclusion'>;

const IN_PROGRESS: Outcome = { status: 'in_progress' };
const SUCCESS: Outcome = { status: 'completed', conclusion: 'success' };
const FAILURE: Outcome = { status: 'completed', conclusion: 'failure' };

/**
 * Where the gate stands, most conservative first: tampering, a rejection, expiry and problems
 * fail it whatever else happened; an unready request fails rather than ask anyone.
 */
function evaluateOutcome(result: GateResult, now: string | undefined): Outcome & { title: string } {
  const tamperers = [...new Set(result.tampering.map((entry) => entry.editor.login))];
  if (tamperers.length > 0)
    return { ...FAILURE, title: `Edited approval comment: tampering by ${tamperers.join(', ')}` };
  switch (result.state) {
    case 'rejected': {
      const by = result.rejection ? ` by ${result.rejection.by.login}` : '';
      const reason = result.rejection?.reason ?? result.reason;
      return { ...FAILURE, title: `Rejected${by}${reason ? `: ${reason}` : ''}` };
    }
    case 'expired': {
      const after = describeExpiry(result);
      return {
        ...FAILURE,
        title:
          after === undefined ? 'Expired without a decision' : `Expired after ${after} without a decision`,
      };
    }
    default:
      break;
  }
  const [problem, ...more] = result.problems;
  if (problem !== undefined) {
    return { ...FAILURE, title: `Blocked: ${problem}${more.length > 0 ? ` (and ${more.length} more)` : ''}` };
  }
  const undecided = result.state === 'pending' || result.state === 'escalated';
  if (undecided && !result.readiness.ready) {
    return {
      ...FAILURE,
      title: `Not ready for approval: ${result.readiness.missing.map((gap) => gap.problem).join(', ')}`,
    };
  }
  const approvers = approverLogins(result).join(', ');
  const option = result.option ? ` (option ${result.option.key})` : '';
  switch (result.state) {
    case 'approved':
      return { ...SUCCESS, title: `Approved by ${approvers}${option}` };
    case 'delayed': {
      const effectiveAt = result.effectiveAt;
      const effective =
        effectiveAt !== undefined && now !== undefined && Date.parse(now) >= Date.parse(effectiveAt);
      const when = effectiveAt === undefined ? 'later' : `at ${formatTime(effectiveAt)}`;
      return {
        ...(effective ? SUCCESS : IN_PROGRESS),
        title: `Approved by ${approvers}, effective ${when}${option}`,
      };
    }
    case 'auto_approved':
      return { ...SUCCESS, title: `Auto-approved: ${result.reason ?? result.risk.waived ?? 'low risk'}` };
    case 'notified':
      return { ...SUCCESS, title: 'Proceeding: notify tier, recorded' };
    case 'changes_requested':
      return {
        ...IN_PROGRESS,
        title: `Changes requested${result.modification ? ` by ${result.modification.by.login}` : ''}`,
      };
    case 'escalated':
      return {
        ...IN_PROGRESS,
        title: `Escalated to ${result.escalation?.to.join(', ') || 'the backup approvers'}`,
      };
    default:
      return { ...IN_PROGRESS, title: `Waiting for ${describeMissing(result)}` };
  }
}

/** What a check run shows before its summary: its name, status, conclusion and title. */
export type CheckRunHead = Pick<CheckRunView, 'name' | 'status' | 'conclusion' | 'title'>;

/**
 * The check run's name, status, conclusion and title, without rendering its summary: what
 * `gatehouse plan` prints of the check (it renders the request once, for itself).
 */
export function renderCheckRunHead(
  request: Request,
  result: GateResult,
  options: { now?: string } = {},
): CheckRunHead {
  const outcome = evaluateOutcome(result, options.now);
  const head: CheckRunHead = {
    name: createCheckName(request.gate.environment, request.gate.into),
    status: outcome.status,
    title: renderPlainText(outcome.title, CHECK_TITLE_MAX_CHARS),
  };
  if (outcome.conclusion !== undefined) head.conclusion = outcome.conclusion;
  return head;
}

/**
 * The check run for a gate as it stands. `now` decides whether a delayed approval is in effect
 * yet; without it a delayed gate stays in progress (the sweep renders it again later).
 */
export function renderCheckRun(
  request: Request,
  result: GateResult,
  policy: Policy,
  options: { now?: string } = {},
): CheckRunView {
  const { conclusion, ...head } = renderCheckRunHead(request, result, options);
  const view: CheckRunView = {
    ...head,
    summary: renderApprovalRequest(request, result, policy),
    externalId: createDecisionId({
      repository: request.repository,
      gate: head.name,
      sha: request.subject.sha,
      requestHash: hashRequest(request),
      decision: result.state,
    }),
  };
  if (conclusion !== undefined) view.conclusion = conclusion;
  return view;
}

/** Problems listed in an invalid-configuration summary; the rest are counted. */
const CONFIG_PROBLEMS_SHOWN = 100;

/** `file:line:col path: message` → `path: message (line L, column C)`, naming a different file. */
function renderConfigProblem(problem: string, file: string): string {
  const match = /^(?<where>.+?):(?<line>\d+):(?<column>\d+) (?<rest>.*)$/s.exec(problem);
  if (!match?.groups) return escapeMarkdownInline(problem, 500);
  const { where = '', line = '', column = '', rest = '' } = match.groups;
  const elsewhere = where === file ? '' : ` in ${renderCode(where)}`;
  return `${escapeMarkdownInline(rest, 500)} (line ${line}, column ${column}${elsewhere})`;
}

/**
 * The failing check for a policy file that does not validate. `problems` come preformatted as
 * `file:line:col path: message`; each is listed as `path: message (line L, column C)`.
 */
export function renderInvalidConfigCheckRun(problems: string[], file: string): CheckRunView {
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  const lines = [
    `**Invalid configuration** — ${renderCode(file)} has ${count}. Every gate fails until it is fixed; \`npx gatehouse validate\` checks a fix locally.`,
    '',
    ...problems.slice(0, CONFIG_PROBLEMS_SHOWN).map((problem) => `- ${renderConfigProblem(problem, file)}`),
  ];
  if (problems.length > CONFIG_PROBLEMS_SHOWN)
    lines.push(`- and ${problems.length - CONFIG_PROBLEMS_SHOWN} more`);
  return {
    name: CHECK_NAME,
    status: 'completed',
    conclusion: 'failure',
    title: `Invalid configuration: ${count}`,
    summary: lines.join('\n'),
    externalId: `invalid-config-${bytesToHex(sha256(utf8ToBytes(renderCanonicalJson({ file, problems })))).slice(0, 24)}`,
  };
}
