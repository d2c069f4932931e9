// Risk evaluation (DESIGN §2): which rules match a request, the factor levels they and the
// requester give, and the resulting tier and approval level. The tier is the highest any factor or
// matched rule gives; the mode, `allow` and precedent can let a request proceed below it.
import {
  type Actor,
  type FactorVerdict,
  type MatchedRule,
  type Policy,
  type PriorDecision,
  type Request,
  type RiskAssessment,
  type Rule,
  readReviewerGroup,
  type TeamMembers,
} from './model.ts';
import {
  createFileIndex,
  createPathRule,
  type FileIndex,
  matchesAnyGlob,
  matchFiles,
  type PathRule,
} from './path-match.ts';
import type { RiskFactors } from './policy-schema.ts';
import {
  BLAST_RADIUS,
  DEFAULT_CONFIG_PATH,
  LEVELS,
  type Level,
  PASSING_DECISIONS,
  PRECEDENT,
  REVERSIBILITY,
  TIERS,
  type Tier,
} from './registry.ts';

/** Matched files listed per rule; the rest are counted. */
export const MATCHED_FILES_SHOWN = 20;

/** The rule Gatehouse adds itself when a change touches a policy file: never waived. */
export const CONFIG_RULE_NAME = 'gatehouse-config';

export interface RiskContext {
  /** Decisions already in the log; undefined when the log could not be read or is not trusted. */
  history?: readonly PriorDecision[] | undefined;
  /** Why there is no history, shown as the precedent's source; default: the log could not be read. */
  historyNote?: string | undefined;
  /** Team members, for `authors:` entries naming `@org/team`. */
  teams?: Readonly<Record<string, TeamMembers>> | undefined;
  /**
   * The paths in this repository that are policy: the policy file and a same-repository file it
   * extends. Default: `.github/gatehouse.yml`.
   */
  policyFiles?: readonly string[] | undefined;
}

const FACTOR_TIERS = {
  reversibility: tiersOf(REVERSIBILITY),
  blast_radius: tiersOf(BLAST_RADIUS),
  sensitivity: { internal: 'proceed', customer_data: 'notify', credentials: 'approve', payments: 'approve' },
  precedent: tiersOf(PRECEDENT),
} as const satisfies Record<string, Record<string, Tier>>;

function tiersOf<const T extends readonly [string, string, string]>(levels: T): Record<T[number], Tier> {
  return Object.fromEntries(levels.map((level, i) => [level, TIERS[i]])) as Record<T[number], Tier>;
}

export function compareTiers(a: Tier, b: Tier): number {
  return TIERS.indexOf(a) - TIERS.indexOf(b);
}

export function maxTier(...tiers: Tier[]): Tier {
  return tiers.reduce((high, tier) => (compareTiers(tier, high) > 0 ? tier : high), 'proceed' as Tier);
}

function maxLevel(levels: Level[]): Level | undefined {
  return levels.reduce<Level | undefined>(
    (high, level) => (high === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(high) ? level : high),
    undefined,
  );
}

/** The tier of every factor a risk object sets, with the value as text. */
export function evaluateFactors(risk: RiskFactors, policy: Policy, from: string): FactorVerdict[] {
  const verdicts: FactorVerdict[] = [];
  const add = (factor: string, value: string, tier: Tier) => verdicts.push({ factor, value, tier, from });
  if (risk.reversibility)
    add('reversibility', risk.reversibility, FACTOR_TIERS.reversibility[risk.reversibility]);
  if (risk.blast_radius) add('blast_radius', risk.blast_radius, FACTOR_TIERS.blast_radius[risk.blast_radius]);
  if (risk.cost !== undefined) {
    const { notify, approve } = policy.thresholds.cost;
    const tier = risk.cost >= approve ? 'approve' : risk.cost >= notify ? 'notify' : 'proceed';
    add('cost', `${risk.cost} USD`, tier);
  }
  if (risk.sensitivity) add('sensitivity', risk.sensitivity, FACTOR_TIERS.sensitivity[risk.sensitivity]);
  if (risk.precedent) add('precedent', risk.precedent, FACTOR_TIERS.precedent[risk.precedent]);
  if (risk.external !== undefined)
    add('external', String(risk.external), risk.external ? 'approve' : 'proceed');
  return verdicts;
}

// Compiled `paths:` per policy, so a policy reused across many requests compiles once.
const compiledPaths = new WeakMap<Rule, PathRule>();

/**
 * Compiles every rule's `paths:` now (kept per rule for evaluation), so that a caller waiting for
 * the changed files (`gatehouse plan`, while git lists them) spends that time on it.
 */
export function compilePathRules(policy: Policy): void {
  for (const rule of policy.rules) pathRuleOf(rule);
}

function pathRuleOf(rule: Rule): PathRule | undefined {
  const globs = rule.if.paths;
  if (!globs) return undefined;
  let compiled = compiledPaths.get(rule);
  if (!compiled) {
    compiled = createPathRule(globs);
    compiledPaths.set(rule, compiled);
  }
  return compiled;
}

function lower(values: readonly string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}

/** Whether an actor is one of `entries`: logins, reviewer group names, or `@org/team`. */
function isAuthorIn(
  actor: Actor,
  entries: readonly string[],
  policy: Policy,
  context: RiskContext,
): boolean | 'unknown' {
  let unknown = false;
  const check = (entry: string): boolean => {
    if (entry.startsWith('@')) {
      const team = context.teams?.[entry.slice(1).toLowerCase()];
      if (!team || 'error' in team) {
        unknown = true;
        return false;
      }
      return team.members.includes(actor.id);
    }
    return entry.toLowerCase() === actor.login.toLowerCase();
  };
  const found = entries.some((entry) => {
    const group = readReviewerGroup(policy, entry);
    return group ? group.some(check) : check(entry);
  });
  return found ? true : unknown ? 'unknown' : false;
}

interface RuleMatch {
  reasons: string[];
  files: string[];
}

/** Whether every predicate of a rule holds; undefined when one does not. */
function matchRule(
  rule: Rule,
  request: Request,
  files: FileIndex,
  policy: Policy,
  context: RiskContext,
): RuleMatch | undefined {
  const predicates = rule.if;
  const reasons: string[] = [];
  let files_: string[] = [];
  const pathRule = pathRuleOf(rule);
  if (pathRule) {
    if (!request.files.complete) {
      reasons.push('paths: the changed-file list is incomplete, so the rule applies (fail closed)');
    } else {
      files_ = matchFiles(pathRule, files);
      if (files_.length === 0) return undefined;
      reasons.push(`paths: ${files_.length} changed ${files_.length === 1 ? 'file matches' : 'files match'}`);
    }
  }
  if (predicates.labels) {
    const wanted = lower(predicates.labels);
    const found = request.labels.filter((label) => wanted.has(label.toLowerCase()));
    if (found.length === 0) return undefined;
    reasons.push(`labels: ${found.join(', ')}`);
  }
  if (predicates.environments) {
    const environment = request.gate.environment;
    if (environment === undefined || !matchesAnyGlob(environment, predicates.environments)) return undefined;
    reasons.push(`environment: ${environment}`);
  }
  if (predicates.branches) {
    const branch = request.subject.targetBranch;
    if (branch === undefined || !matchesAnyGlob(branch, predicates.branches)) return undefined;
    reasons.push(`branch: ${branch}`);
  }
  if (predicates.authors) {
    const match = isAuthorIn(request.requester, predicates.authors, policy, context);
    if (match === false) return undefined;
    reasons.push(
      match === true
        ? `author: ${request.requester.login}`
        : `author: team membership of ${request.requester.login} could not be read, so the rule applies (fail closed)`,
    );
  }
  if (predicates.kinds) {
    if (request.kind === undefined || !predicates.kinds.includes(request.kind)) return undefined;
    reasons.push(`kind: ${request.kind}`);
  }
  if (predicates.cost_over !== undefined) {
    const cost = request.declaredRisk.cost;
    if (cost === undefined || !(cost > predicates.cost_over)) return undefined;
    reasons.push(`cost: ${cost} USD is over ${predicates.cost_over} USD`);
  }
  if (reasons.length === 0) reasons.push('the rule has no conditions: it applies to every request');
  return { reasons, files: files_ };
}

function ruleTier(rule: Rule, policy: Policy): Tier {
  if (rule.riskImplied) return 'approve';
  return maxTier(...evaluateFactors(rule.risk, policy, rule.name).map((verdict) => verdict.tier));
}

function approvedBefore(
  history: readonly PriorDecision[],
  test: (decision: PriorDecision) => boolean,
): boolean {
  return history.some((decision) => PASSING_DECISIONS.includes(decision.decision) && test(decision));
}

/**
 * The decisions that can be precedent for a request: those for the same target (a pull request
 * into another branch, or a deployment of another ref, is none for the default branch; a request
 * or decision without a target has none), and none of the request's own pull request (approving a
 * harmless first version must not waive the gate for whatever is pushed next, in ask-once).
 */
export function selectPrecedents(history: readonly PriorDecision[], request: Request): PriorDecision[] {
  const { pullRequest, targetBranch } = request.subject;
  if (targetBranch === undefined) return [];
  return history.filter(
    (decision) =>
      decision.target === targetBranch && (pullRequest === undefined || decision.pullRequest !== pullRequest),
  );
}

/**
 * `routine` when every rule and the kind were approved before for the request's target, else
 * `first_time`.
 */
function computePrecedent(
  ruleNames: string[],
  request: Request,
  history: readonly PriorDecision[] | undefined,
  historyNote = 'the decision log could not be read',
) {
  const subjects = [
    ...ruleNames.map((name) => ({
      label: `rule ${name}`,
      test: (d: PriorDecision) => d.rules.includes(name),
    })),
    ...(request.kind === undefined
      ? []
      : [{ label: `kind ${request.kind}`, test: (d: PriorDecision) => d.kind === request.kind }]),
  ];
  if (subjects.length === 0) return undefined;
  if (history === undefined) return { value: 'first_time' as const, note: historyNote };
  const target = request.subject.targetBranch;
  if (target === undefined)
    return { value: 'first_time' as const, note: 'the request has no target branch to have a precedent for' };
  const precedents = selectPrecedents(history, request);
  const firstTime = subjects.filter((subject) => !approvedBefore(precedents, subject.test));
  const labels = (list: typeof subjects) => list.map((subject) => subject.label).join(', ');
  return firstTime.length === 0
    ? { value: 'routine' as const, note: `approved before for ${target}: ${labels(subjects)}` }
    : { value: 'first_time' as const, note: `never approved before for ${target}: ${labels(firstTime)}` };
}

export function evaluateRisk(policy: Policy, request: Request, context: RiskContext = {}): RiskAssessment {
  const files = createFileIndex(request.files.paths);
  const problems: string[] = [];
  const rules: MatchedRule[] = [];
  const matchedRules: Rule[] = [];

  for (const rule of policy.rules) {
    const match = matchRule(rule, request, files, policy, context);
    if (!match) continue;
    matchedRules.push(rule);
    rules.push({
      name: rule.name,
      tier: ruleTier(rule, policy),
      level: rule.level,
      reasons: match.reasons,
      files: match.files.slice(0, MATCHED_FILES_SHOWN),
      filesMatched: match.files.length,
    });
  }

  const policyFiles = context.policyFiles ?? [DEFAULT_CONFIG_PATH];
  const touched = policyFiles.filter((file) => request.files.paths.includes(file));
  if (touched.length > 0) {
    rules.push({
      name: CONFIG_RULE_NAME,
      tier: 'approve',
      level: 'approve',
      reasons: [`changes ${touched.join(', ')}: a change to the policy is always at the top tier`],
      files: touched,
      filesMatched: touched.length,
    });
  }
  if (!request.files.complete) {
    problems.push(
      'GitHub listed only part of the changed files (it stops at 3,000): rules with paths apply as if they matched.',
    );
  }

  const factors: FactorVerdict[] = [
    ...matchedRules.flatMap((rule) => evaluateFactors(rule.risk, policy, rule.name)),
    ...evaluateFactors(request.declaredRisk, policy, 'declared by the requester'),
  ];
  const precedent = computePrecedent(
    matchedRules.map((rule) => rule.name),
    request,
    context.history,
    context.historyNote,
  );
  if (precedent) {
    factors.push({
      factor: 'precedent',
      value: precedent.value,
      tier: FACTOR_TIERS.precedent[precedent.value],
      from: `computed: ${precedent.note}`,
    });
  }
  if (policy.mode === 'always') {
    factors.push({
      factor: 'mode',
      value: 'always',
      tier: 'approve',
      from: 'policy: every request needs approval',
    });
  }

  const tier = maxTier(...factors.map((factor) => factor.tier), ...rules.map((rule) => rule.tier));
  const approveRules = rules.filter((rule) => rule.tier === 'approve');
  const level = maxLevel(approveRules.map((rule) => rule.level)) ?? 'approve';
  const assessment: RiskAssessment = { tier, level, factors: strongestPerFactor(factors), rules, problems };

  const waived = evaluateWaiver(policy, request, rules, precedent?.value, touched.length > 0);
  if (waived !== undefined && tier !== 'proceed') assessment.waived = waived;
  return assessment;
}

/** One verdict per factor: the highest tier, the first source on a tie. */
function strongestPerFactor(factors: FactorVerdict[]): FactorVerdict[] {
  const strongest = new Map<string, FactorVerdict>();
  for (const verdict of factors) {
    const current = strongest.get(verdict.factor);
    if (!current || compareTiers(verdict.tier, current.tier) > 0) strongest.set(verdict.factor, verdict);
  }
  return [...strongest.values()];
}

/** Why a request proceeds below its tier, if the mode lets it. The policy-file rule is never waived. */
function evaluateWaiver(
  policy: Policy,
  request: Request,
  rules: MatchedRule[],
  precedent: 'routine' | 'first_time' | undefined,
  touchesConfig: boolean,
): string | undefined {
  if (touchesConfig) return undefined;
  if (policy.mode === 'auto') return 'mode auto: Gatehouse records but never blocks';
  if (policy.mode === 'always') return undefined;
  // `allow` lets a kind through on its own risk factors, never past a rule that matched it.
  const gatingRules = rules.filter((rule) => rule.tier !== 'proceed');
  if (request.kind !== undefined && policy.allow.includes(request.kind) && gatingRules.length === 0) {
    return `kind ${request.kind} is allowed by the policy`;
  }
  if (policy.mode === 'ask-once' && precedent === 'routine') {
    return 'mode ask-once: the same kind of change was approved before';
  }
  return undefined;
}
