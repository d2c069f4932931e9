// Is the request ready for approval (DESIGN §6)? A request that lacks what its rules `require` is
// not put to anyone: the check fails and says what is missing, on the spec file's lines.
import type { Readiness, ReadinessGap, Request, SourcedText } from './model.ts';
import { type Decision, REQUIREMENTS, type Requirement } from './registry.ts';

const FIELDS = {
  action: { label: 'action', read: (request) => request.action },
  context: { label: 'context', read: (request) => request.context },
  risk_assessment: { label: 'risk assessment', read: (request) => request.riskAssessment },
  rollback_plan: { label: 'rollback plan', read: (request) => request.rollbackPlan },
} as const satisfies Record<
  Requirement,
  { label: string; read: (request: Request) => SourcedText | undefined }
>;

/**
 * Fewer words than this is too short to act on. An action is a title: two words can name it
 * exactly (`Drop orders.coupon_code`, `Deploy v2.3.1`); one cannot (`Deploy`).
 */
export const MIN_WORDS: Record<Requirement, number> = {
  action: 2,
  context: 3,
  risk_assessment: 3,
  rollback_plan: 3,
};

// Text that stands in for content nobody wrote yet. Matched on the whole text, case-insensitive,
// after Markdown emphasis, a list marker and trailing punctuation are removed.
const PLACEHOLDER =
  /^(?:tbd|todo|tba|fixme|n\/a|none|nothing|-+|—|–|\?+|\.{3}|…|later|see above|see below|same as before)$/;
// Text that opens with a placeholder marker: `TODO: write the steps`, `TBD - ask the DBA`.
const PLACEHOLDER_PREFIX = /^(?:tbd|todo|tba|fixme)(?:\s*[:(\-—–]|$)/;

/**
 * Which of the required fields the request lacks or states too vaguely to act on. `required` is
 * every rule's `require` list; a requirement demanded by several rules is reported once, for the
 * first of them, in the order action, context, risk assessment, rollback plan.
 */
export function evaluateReadiness(
  request: Request,
  required: { requirement: Requirement; rule: string }[],
): Readiness {
  const missing: ReadinessGap[] = [];
  for (const requirement of REQUIREMENTS) {
    const demand = required.find((entry) => entry.requirement === requirement);
    if (demand === undefined) continue;
    const field = FIELDS[requirement];
    const value = field.read(request);
    const problem = evaluateText(field.label, value?.text, MIN_WORDS[requirement]);
    if (problem === undefined) continue;
    const gap: ReadinessGap = { requirement, rule: demand.rule, problem };
    const source =
      value?.source ?? (request.spec === undefined ? undefined : { path: request.spec.path, line: 1 });
    if (source !== undefined) gap.source = source;
    missing.push(gap);
  }
  return { ready: missing.length === 0, missing };
}

/** What a request not ready for approval lacks, in one line: `not ready for approval: no rollback plan`. */
export function describeNotReady(readiness: Readiness): string {
  return `not ready for approval: ${readiness.missing.map((gap) => gap.problem).join(', ')}`;
}

/**
 * Whether a gate is refused as not ready (DESIGN §6): undecided, and lacking what its rules
 * require. Nobody is asked, and no deadline would end the wait: the App answers such a deployment
 * `rejected`, and the Action's step fails at once with the same decision.
 */
export function isRefusedAsNotReady(state: Decision | undefined, ready: boolean | undefined): boolean {
  return ready === false && (state === 'pending' || state === 'escalated');
}

/** What is wrong with one field's text, in words, or undefined when it is fine. */
function evaluateText(label: string, text: string | undefined, minWords: number): string | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return `no ${label}`;
  if (isPlaceholder(trimmed)) return `${label} is a placeholder (${quote(trimmed)})`;
  if (countWords(trimmed) < minWords) return `${label} is too short to act on (${quote(trimmed)})`;
  return undefined;
}

export function isPlaceholder(text: string): boolean {
  const plain = text
    .trim()
    .replace(/^(?:[-*+>]\s+)+/, '')
    .replace(/^[*_`"'([]+|[*_`"')\]]+$/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  if (PLACEHOLDER_PREFIX.test(plain)) return true;
  const bare = plain.replace(/(?<=.)[.!?:;]+$/, '');
  return PLACEHOLDER.test(bare) || PLACEHOLDER.test(plain);
}

/** Words: runs of non-space characters with a letter or a digit in them. */
function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 59)}…` : line);
}
