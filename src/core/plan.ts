// `gatehouse plan` (DESIGN §9): what Gatehouse would do with a change, before anything is pushed.
// The adapter gathers the policy, the request and the facts from a local clone and evaluates the
// gate; this module turns that into the plan's stable JSON shape (version 1, documented in
// docs/cli.md) and its Markdown view. Pure: no git, no files, no clock.
import { hashRequest } from './decision-id.ts';
import type { FactorVerdict, GateResult, MatchedRule, Policy, ReadinessGap, Request } from './model.ts';
import { createCheckName, type Decision, type GateKind, type Level, type Tier } from './registry.ts';
import { describeNeed, renderApprovalRequest } from './render/approval-request.ts';
import { type CheckRunHead, renderCheckRunHead } from './render/check-run.ts';
import { renderMarkdownAsText } from './render/markdown-text.ts';
import type { SpecProblem } from './spec.ts';

export const PLAN_VERSION = 1;

/** Where the policy came from: the base ref, as Gatehouse reads it, or a working-tree file. */
export type PlanPolicySource = { kind: 'base'; ref: string; path: string } | { kind: 'file'; path: string };

interface PlanContext {
  repository: string;
  /** The ref the change would merge into, the branch a PR would target, and the commits. */
  base: { ref: string; branch: string; sha: string; mergeBase: string };
  head: { sha: string };
  policySource: PlanPolicySource;
  files: { paths: readonly string[]; complete: boolean };
  specs: readonly { path: string; problems: readonly SpecProblem[] }[];
  /** The decision log precedent was computed from; undefined when there is none locally. */
  log?: { ref: string; records: number; malformed: number } | undefined;
  /** What the plan could not know offline, each one line. */
  notes: readonly string[];
}

export type PlanInput =
  | (PlanContext & { policy: undefined })
  | (PlanContext & { policy: Policy; request: Request; result: GateResult; now: string });

interface PlanCommon {
  version: typeof PLAN_VERSION;
  repository: string;
  base: { ref: string; branch: string; sha: string; mergeBase: string };
  head: { sha: string };
  policy: { source: string };
  files: { count: number; complete: boolean };
  specs: { path: string; problems: { line: number; column: number; message: string }[] }[];
  /** Where precedent came from: the log branch read, or null when there is none locally. */
  log: { ref: string; records: number; malformed: number } | null;
  notes: string[];
}

export interface PlanRequirement {
  rule: string;
  level: Level;
  needed: number;
  /** Groups whose members may approve, with their entries; empty means anyone with write permission. */
  reviewers: { group: string; entries: string[] }[];
}

export interface NoPolicyPlan extends PlanCommon {
  state: 'no_policy';
}

export interface EvaluatedPlan extends PlanCommon {
  state: Decision;
  gate: { kind: GateKind; check: string; environment?: string };
  tier: Tier;
  level: Level;
  waived?: string;
  factors: FactorVerdict[];
  rules: MatchedRule[];
  requirements: PlanRequirement[];
  readiness: { ready: boolean; missing: ReadinessGap[] };
  problems: string[];
  request: { hash: string; action?: string; kind?: string; spec?: string; markdown: string };
  check: CheckRunHead;
}

export type Plan = NoPolicyPlan | EvaluatedPlan;

/** `base:main` or `file:policy.yml`, as the plan's JSON writes it. */
export function formatPolicySource(source: PlanPolicySource): string {
  return source.kind === 'base' ? `base:${source.ref}` : `file:${source.path}`;
}

export function createPlan(input: PlanInput): Plan {
  const common: PlanCommon = {
    version: PLAN_VERSION,
    repository: input.repository,
    base: { ...input.base },
    head: { ...input.head },
    policy: { source: formatPolicySource(input.policySource) },
    files: { count: input.files.paths.length, complete: input.files.complete },
    specs: input.specs.map((spec) => ({
      path: spec.path,
      problems: spec.problems.map(({ line, column, message }) => ({ line, column, message })),
    })),
    log: input.log === undefined ? null : { ...input.log },
    notes: [...input.notes],
  };
  if (input.policy === undefined) {
    const { notes, ...before } = common;
    return { ...before, state: 'no_policy', notes };
  }

  const { policy, request, result, now } = input;
  // The check's head only: its summary is the request below, rendered once (the slow part of a plan).
  const check = renderCheckRunHead(request, result, { now });
  const gate: EvaluatedPlan['gate'] = {
    kind: request.gate.kind,
    check: createCheckName(request.gate.environment, request.gate.into),
  };
  if (request.gate.environment !== undefined) gate.environment = request.gate.environment;
  const summary: EvaluatedPlan['request'] = {
    hash: hashRequest(request),
    markdown: renderApprovalRequest(request, result, policy),
  };
  if (request.action !== undefined) summary.action = request.action.text;
  if (request.kind !== undefined) summary.kind = request.kind;
  if (request.spec !== undefined) summary.spec = request.spec.path;

  // Keys in the documented order, so the JSON reads top-down.
  const { notes, ...before } = common;
  return {
    ...before,
    gate,
    state: result.state,
    tier: result.risk.tier,
    level: result.risk.level,
    ...(result.risk.waived === undefined ? {} : { waived: result.risk.waived }),
    factors: result.risk.factors.map((factor) => ({ ...factor })),
    rules: result.risk.rules.map((rule) => ({ ...rule, reasons: [...rule.reasons], files: [...rule.files] })),
    requirements: result.progress.map((progress) => ({
      rule: progress.rule,
      level: progress.level,
      needed: progress.needed,
      reviewers: progress.reviewers.map((group) => ({
        group,
        entries: [...(policy.reviewers[group] ?? [])],
      })),
    })),
    readiness: {
      ready: result.readiness.ready,
      missing: result.readiness.missing.map((gap) => ({ ...gap })),
    },
    problems: [...result.problems],
    notes,
    request: summary,
    check,
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown.

function code(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function describePolicySource(plan: Plan): string {
  const source = plan.policy.source;
  if (source.startsWith('base:')) {
    return `the default branch's policy (${code(source)}): what Gatehouse would use; no branch can relax its own gate`;
  }
  return `${code(source)}: a working-tree file, given with --config (Gatehouse would read the default branch's)`;
}

function renderHeader(plan: Plan): string[] {
  const merge =
    plan.base.mergeBase === plan.base.sha ? '' : `, merge base ${code(plan.base.mergeBase.slice(0, 7))}`;
  const files = plan.files.count === 0 ? 'no changed files' : plural(plan.files.count, 'changed file');
  const lines = [
    `- **Base:** ${code(plan.base.ref)} at ${code(plan.base.sha.slice(0, 7))}${merge}; a pull request would target ${code(plan.base.branch)}`,
    `- **Head:** ${code(plan.head.sha.slice(0, 7))}, ${files} (commits, uncommitted edits and untracked files)`,
    `- **Policy:** ${describePolicySource(plan)}`,
  ];
  if (plan.state === 'no_policy') return lines;
  const { log } = plan;
  lines.push(
    log === null
      ? '- **Precedent:** no local decision log, so precedent counts as first_time'
      : `- **Precedent:** ${plural(log.records, 'decision record')} on ${code(log.ref)}` +
          (log.malformed === 0 ? '' : ` (${log.malformed} malformed, skipped)`),
  );
  return lines;
}

function renderRequirement(requirement: PlanRequirement): string {
  const needs = describeNeed(requirement.level, requirement.needed);
  const from =
    requirement.reviewers.length === 0
      ? 'anyone with write permission'
      : requirement.reviewers
          .map(
            ({ group, entries }) => `${group} (${entries.length === 0 ? 'not defined' : entries.join(', ')})`,
          )
          .join(' or ');
  return `- **${requirement.rule}** (${requirement.level} level) needs ${needs} from ${from}`;
}

function renderRule(rule: MatchedRule): string[] {
  const lines = [`- **${rule.name}** (${rule.tier} tier, ${rule.level} level): ${rule.reasons.join('; ')}`];
  for (const file of rule.files) lines.push(`  - ${code(file)}`);
  const more = rule.filesMatched - rule.files.length;
  if (more > 0) lines.push(`  - and ${plural(more, 'more file')}`);
  return lines;
}

/** The plan for a person: what would be gated and why, who must approve, and the request itself. */
export function renderPlanMarkdown(plan: Plan): string {
  if (plan.state === 'no_policy') {
    return [
      '# Gatehouse plan',
      '',
      ...renderHeader(plan),
      '',
      plan.policy.source.startsWith('base:')
        ? `**No policy: Gatehouse would do nothing.** There is no policy file on the default branch (${code(plan.policy.source)}), so nothing is gated or recorded.`
        : '**No policy: Gatehouse would do nothing.** There is no policy file, so nothing is gated or recorded.',
      '',
    ].join('\n');
  }
  const lines = [`# Gatehouse plan: ${code(plan.gate.check)} (${plan.gate.kind.replace('_', ' ')} gate)`, ''];
  lines.push(...renderHeader(plan), '');
  lines.push(
    `**Tier:** ${plan.tier} · **Level:** ${plan.level} · **State:** ${plan.state} · **Check:** ${plan.check.status}` +
      `${plan.check.conclusion === undefined ? '' : ` (${plan.check.conclusion})`}: ${plan.check.title}`,
    '',
  );
  if (plan.waived !== undefined) lines.push(`Proceeds without approval: ${plan.waived}`, '');

  lines.push('## Matched rules', '');
  lines.push(...(plan.rules.length === 0 ? ['No rule matched.'] : plan.rules.flatMap(renderRule)), '');

  if (plan.factors.length > 0) {
    lines.push('## Risk factors', '');
    for (const factor of plan.factors)
      lines.push(`- ${factor.factor}: ${factor.value} → ${factor.tier} (${factor.from})`);
    lines.push('');
  }

  lines.push('## Who must approve', '');
  if (plan.requirements.length === 0) {
    lines.push(`Nobody: the change would proceed (${plan.state}).`);
  } else {
    lines.push(...plan.requirements.map(renderRequirement));
  }
  lines.push('');

  if (!plan.readiness.ready) {
    lines.push('## Not ready for approval', '');
    for (const gap of plan.readiness.missing) {
      const where = gap.source === undefined ? '' : `${gap.source.path}:${gap.source.line}: `;
      lines.push(`- ${where}${gap.problem}, required by rule **${gap.rule}**`);
    }
    lines.push('');
  }

  if (plan.problems.length > 0) {
    lines.push('## Problems', '');
    for (const problem of plan.problems) lines.push(`- ${problem}`);
    lines.push('');
  }

  lines.push('The request Gatehouse would post:', '', plan.request.markdown, '');
  return lines.join('\n');
}

/** The same plan as plain text for a terminal: the Markdown view without its markup. */
export function renderPlanText(plan: Plan): string {
  return renderMarkdownAsText(renderPlanMarkdown(plan));
}
