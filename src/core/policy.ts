// Reading `.github/gatehouse.yml`: YAML → shape (the zod schema) → meaning (cross-references,
// globs, timeouts) → the normalized Policy with every default applied. Every problem is a value
// with a file, line, column and path, so that a PR shows all of them at once.
import { z } from 'zod';
import { checkActionGlob } from './action-glob.ts';
import { parseDuration } from './duration.ts';
import { parseGlob } from './glob.ts';
import type { ActionEntry, EnvironmentPolicy, Policy, Rule } from './model.ts';
import {
  formatPath,
  hasPath,
  type LocatedProblem,
  locate,
  locateKey,
  type PathSegment,
  type PolicySource,
  parseYaml,
  sortProblems,
} from './policy-locations.ts';
import { mergeWithOrigins, parseExtendsTarget, type RuleOrigin } from './policy-merge.ts';
import { type PolicyDocument, policySchema } from './policy-schema.ts';
import { DEFAULT_LOG_BRANCH, type Requirement } from './registry.ts';
import { suggest } from './suggest.ts';

export { mergePolicyDocuments, parseExtendsTarget, readExtends } from './policy-merge.ts';
export type { PolicyDocument } from './policy-schema.ts';

export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  /** Where in the policy: `rules[2].paths`, `environments["prod/eu"]`, `(root)`, `(syntax)`. */
  path: string;
  message: string;
}

export type PolicyResult =
  | { ok: true; policy: Policy; document: PolicyDocument }
  | { ok: false; problems: PolicyProblem[] };

export type PolicyDocumentResult =
  | { ok: true; document: PolicyDocument }
  | { ok: false; problems: PolicyProblem[] };

/** What Gatehouse assumes for every key a policy leaves out, spelled as in the file. */
export const POLICY_DEFAULTS = {
  mode: 'ask',
  allow: [] as string[],
  defaults: {
    approvals: 1,
    on_timeout: 'reject',
    invalidate_on_push: true,
    allow_self_approval: false,
    allow_bots: false,
  },
  rule: {
    level: 'approve',
    /** For level `approve`; the other levels require nothing by default. */
    require: ['action', 'rollback_plan'] as Requirement[],
  },
  environment: { prevent_self_review: false, wait_timer: 0, gate: false },
  specs: { paths: ['docs/specs/**/*.md'] },
  log: { branch: DEFAULT_LOG_BRANCH, path: 'decisions', check_runs: true },
  queue: { max_pending: 50 },
  thresholds: { cost: { notify: 0.1, approve: 100 } },
} as const;

/** GitHub allows at most this many required reviewers on an environment. */
export const MAX_ENVIRONMENT_REVIEWERS = 6;
/** The longest timeout a policy may set, so that deadlines stay real dates. */
export const MAX_TIMEOUT_MS = 365 * 86_400_000;

/** `.github/gatehouse.yml:12:9 rules[2].paths: expected a non-empty list of globs` */
export function formatPolicyProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.path}: ${problem.message}`;
}

/**
 * Parses and checks a policy. With `base` (the policy its `extends:` names, from
 * {@link parsePolicyDocument}), this file's shape is checked, the two are merged and the meaning
 * checks run on the result; problems that come from the base are reported at line 1, column 1.
 * `document` is the merged document. Without `base` the file is checked on its own. With
 * `defaultBranch` (the repository's, where the policy was read), a `log.branch` naming it is a
 * problem: Gatehouse would commit its decision records to the branch the policy protects.
 */
export function parsePolicy(
  text: string,
  options: { file: string; base?: PolicyDocument; defaultBranch?: string },
): PolicyResult {
  const shaped = parseShape(text);
  // Meaning is checked whenever the shape gives a document to check, even with unknown keys
  // (which carry no meaning), so that one run reports every problem it can.
  const readable = shaped.ok ? shaped : shaped.withoutUnknownKeys;
  const shapeProblems = shaped.ok ? [] : shaped.problems;
  if (readable === undefined) return { ok: false, problems: withFile(shapeProblems, options.file) };
  const { source, document: local } = readable;
  const merged =
    options.base === undefined
      ? { document: local, ruleOrigins: undefined }
      : mergeWithOrigins(options.base, local);
  const findings = [
    ...checkExtends(local),
    ...checkMeaning(merged.document),
    ...checkLogBranch(merged.document, options.defaultBranch),
  ];
  if (findings.length > 0 || shapeProblems.length > 0) {
    const place = {
      source,
      ruleOrigins: merged.ruleOrigins,
      base: options.base !== undefined,
      extends: local.extends,
    };
    const problems = sortProblems([
      ...shapeProblems,
      ...findings.map((finding) => placeFinding(finding, place)),
    ]);
    return { ok: false, problems: withFile(problems, options.file) };
  }
  return { ok: true, policy: normalizePolicy(merged.document), document: merged.document };
}

/** Syntax and shape only: what an adapter parses a base policy with before passing it as `base`. */
export function parsePolicyDocument(text: string, options: { file: string }): PolicyDocumentResult {
  const shaped = parseShape(text);
  return shaped.ok
    ? { ok: true, document: shaped.document }
    : { ok: false, problems: withFile(shaped.problems, options.file) };
}

function withFile(problems: LocatedProblem[], file: string): PolicyProblem[] {
  return problems.map((problem) => ({ file, ...problem }));
}

// ---------------------------------------------------------------------------------------------
// Stage 1: shape.

type Shaped =
  | { ok: true; source: PolicySource; document: PolicyDocument }
  | {
      ok: false;
      problems: LocatedProblem[];
      /** The document with its unknown keys left out, when they were the only problems. */
      withoutUnknownKeys?: { source: PolicySource; document: PolicyDocument };
    };

function parseShape(text: string): Shaped {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const { source, value } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const { line, column } = locate(source, []);
    return {
      ok: false,
      problems: [
        {
          line,
          column,
          path: '(root)',
          message: `expected a mapping of settings (key: value), got ${describeValue(value)}`,
        },
      ],
    };
  }
  const result = policySchema.safeParse(value, { error: describeIssue });
  if (result.success) return { ok: true, source, document: result.data };
  const { issues } = result.error;
  const problems = sortProblems(issues.flatMap((issue) => issueProblems(issue, source, value)));
  // Any other wrong value could hide a problem of meaning or invent one (a group that is not a
  // list is no group): then meaning waits until the shape is fixed.
  if (!issues.every((issue) => issue.code === 'unrecognized_keys')) return { ok: false, problems };
  const stripped = policySchema.safeParse(withoutKeys(value, issues), { error: describeIssue });
  return stripped.success
    ? { ok: false, problems, withoutUnknownKeys: { source, document: stripped.data } }
    : { ok: false, problems };
}

/** A copy of the parsed YAML without the keys zod reported as unknown. */
function withoutKeys(value: object, issues: z.core.$ZodIssueUnrecognizedKeys[]): unknown {
  const copy = structuredClone(value);
  for (const issue of issues) {
    const parent = valueAt(copy, issue.path as PathSegment[]);
    if (parent === null || typeof parent !== 'object') continue;
    for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
  }
  return copy;
}

function issueProblems(issue: z.core.$ZodIssue, source: PolicySource, input: unknown): LocatedProblem[] {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      ...locateKey(source, [...path, key]),
      path: formatPath(path),
      message: unknownKeyMessage(path, key),
    }));
  }
  if (issue.code === 'invalid_key') {
    return [{ ...locateKey(source, path), path: formatPath(path), message: issue.message }];
  }
  const parent = path.slice(0, -1);
  const last = path.at(-1);
  if (issue.code === 'invalid_type' && typeof last === 'string' && valueAt(input, path) === undefined) {
    return [
      { ...locate(source, parent), path: formatPath(parent), message: `missing required key "${last}"` },
    ];
  }
  // The schema's own pattern messages (`expected a duration such as …`) do not show the value.
  const got = issue.code === 'invalid_format' ? `, got ${describeValue(valueAt(input, path))}` : '';
  return [{ ...locate(source, path), path: formatPath(path), message: issue.message + got }];
}

/** A string as a YAML flow scalar: plain when that reads back the same, else quoted. */
function yamlScalar(text: string): string {
  const plain = /^[A-Za-z_][\w./-]*$/.test(text) && !/^(?:true|false|null)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** zod's messages rewritten for a PR reader. Schema-level messages (policy-schema.ts) win over these. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const got = describeValue(issue.input);
      if (issue.expected === 'array') {
        const hint =
          typeof issue.input === 'string' ? ` (a list of one is written [${yamlScalar(issue.input)}])` : '';
        return `${expectedList(issue.inst)}, got ${got}${hint}`;
      }
      const whole = issue.inst instanceof z.ZodNumber && issue.inst.isInt;
      return `expected ${whole ? EXPECTED.int : (EXPECTED[issue.expected] ?? issue.expected)}, got ${got}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      const options =
        values.length === 1 ? values[0] : `one of ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
      const candidates = issue.values.filter((value): value is string => typeof value === 'string');
      const suggestion = typeof issue.input === 'string' ? suggest(issue.input, candidates) : undefined;
      return `expected ${options}, got ${describeValue(issue.input)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${issue.minimum} entries`;
      if (issue.origin === 'string') return 'expected a non-empty string';
      return `expected ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, got ${describeValue(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} entries`;
      return `expected ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, got ${describeValue(issue.input)}`;
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'expected a different name';
      return `invalid name ${describeValue(issue.input)}: ${inner}`;
    }
    case 'invalid_format':
      return `expected text matching ${issue.pattern ?? issue.format}`;
    default:
      return `${describeValue(issue.input)} is not valid here`;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  record: 'a mapping (name: value)',
  array: 'a list',
};

/** The schema's own wording for an empty list (`expected a non-empty list of globs`), if it has one. */
function expectedList(schema: unknown): string {
  if (schema instanceof z.ZodType) {
    const probe = schema.safeParse([], { error: describeIssue });
    const message = probe.success ? undefined : probe.error.issues[0]?.message;
    if (message?.startsWith('expected a non-empty list')) return message;
  }
  return 'expected a list';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function unknownKeyMessage(parent: readonly PathSegment[], key: string): string {
  const known = knownKeys(parent);
  const close = suggest(key, known);
  if (close !== undefined) return `unknown key "${key}" (did you mean "${close}"?)`;
  // `paths` written on a rule instead of under `if:`, `reversibility` instead of under `risk:`.
  for (const child of known) {
    if (knownKeys([...parent, child]).includes(key))
      return `unknown key "${key}" (did you mean "${child}.${key}"?)`;
  }
  return known.length > 0
    ? `unknown key "${key}" (expected one of: ${known.join(', ')})`
    : `unknown key "${key}"`;
}

/** The keys the schema allows in the mapping at `path`. */
function knownKeys(path: readonly PathSegment[]): string[] {
  let schema: unknown = policySchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(segment)];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: unknown): unknown {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema;
}

// ---------------------------------------------------------------------------------------------
// Stage 2: meaning. Checks run on the merged document and report paths in it; placeFinding maps
// them back to this file, or to line 1 when they come from the base.

interface Finding {
  path: PathSegment[];
  message: string;
  /** The same problem told from another node, used when `path` came from the base. */
  alternatives?: { path: PathSegment[]; message: string }[];
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function checkExtends(local: PolicyDocument): Finding[] {
  if (local.extends === undefined) return [];
  const target = parseExtendsTarget(local.extends);
  return 'error' in target ? [{ path: ['extends'], message: target.error }] : [];
}

/**
 * `log.branch` may not be the default branch (DESIGN §5, §11): the App would commit there, and a
 * policy read from any branch a writer controls could aim it there. Compared without case, as
 * GitHub treats two branch names that differ only in case as one on many paths.
 */
function checkLogBranch(document: PolicyDocument, defaultBranch: string | undefined): Finding[] {
  if (defaultBranch === undefined) return [];
  const branch = document.log?.branch ?? POLICY_DEFAULTS.log.branch;
  if (!isSameBranch(branch, defaultBranch)) return [];
  return [
    {
      path: ['log', 'branch'],
      message: `must not be the default branch "${defaultBranch}": decision records would be committed to it; name a branch of its own, such as ${POLICY_DEFAULTS.log.branch}`,
    },
  ];
}

/** Whether two branch names name one branch: equal without case, `refs/heads/` or not. */
export function isSameBranch(a: string, b: string): boolean {
  const plain = (name: string) => name.replace(/^refs\/heads\//, '').toLowerCase();
  return plain(a) === plain(b);
}

function checkMeaning(document: PolicyDocument): Finding[] {
  return [
    ...checkGroups(document),
    ...checkGroupReferences(document),
    ...checkRuleNames(document),
    ...checkGlobs(document),
    ...checkTimeouts(document),
    ...checkThresholds(document),
    ...checkEnvironmentReviewers(document),
    ...checkActions(document),
  ];
}

/** Kinds Gatehouse gives itself: a policy cannot define them (it could then lower their risk). */
const RESERVED_KINDS = ['gatehouse-config'];

/** `actions:` (DESIGN §10): what each entry matches, and that its globs are globs. */
function checkActions(document: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  (document.actions ?? []).forEach((action, index) => {
    const at = ['actions', index];
    if (RESERVED_KINDS.includes(action.kind)) {
      findings.push({
        path: [...at, 'kind'],
        message: `"${action.kind}" is Gatehouse's own kind (a call that touches the agent's hook or the policy), always at the approve tier: choose another name`,
      });
    }
    const match = action.match;
    if (match === undefined) {
      if (action.kind !== 'unknown')
        findings.push({
          path: at,
          message:
            'missing "match" (tool, command, path or url): only kind: unknown may leave it out, to set the risk of what cannot be followed',
        });
      return;
    }
    if (Object.keys(match).length === 0) {
      findings.push({ path: [...at, 'match'], message: 'give tool, command, path or url' });
      return;
    }
    if (match.tool === undefined && match.command === undefined) {
      findings.push({
        path: [...at, 'match'],
        message:
          'give tool (the tool names this applies to, such as [Write, Edit]): it defaults to Bash only when command is given',
      });
    }
    for (const key of ['tool', 'command', 'path', 'url'] as const) {
      const value = match[key];
      if (value === undefined) continue;
      const list = typeof value === 'string' ? [value] : value;
      list.forEach((glob, position) => {
        const problem = checkActionGlob(glob, key === 'command');
        if (problem === undefined) return;
        const path = typeof value === 'string' ? [...at, 'match', key] : [...at, 'match', key, position];
        findings.push({ path, message: `invalid glob "${glob}": ${problem}` });
      });
    }
  });
  return findings;
}

function checkGroups(document: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  for (const [group, entries] of Object.entries(document.reviewers ?? {})) {
    entries.forEach((entry, index) => {
      const message = reviewerEntryProblem(entry);
      if (message !== undefined) findings.push({ path: ['reviewers', group, index], message });
    });
  }
  return findings;
}

function reviewerEntryProblem(entry: string): string | undefined {
  if (LOGIN.test(entry) || TEAM.test(entry)) return undefined;
  if (entry.startsWith('@') && !entry.includes('/') && LOGIN.test(entry.slice(1))) {
    return `"${entry}" is neither a login nor a team: write a login without "@" (${entry.slice(1)}) or a team as @org/team`;
  }
  if (!entry.startsWith('@') && TEAM.test(`@${entry}`))
    return `"${entry}" looks like a team: write it as @${entry}`;
  return `expected a GitHub login (letters, digits and single hyphens, at most 39 characters) or @org/team, got "${entry}"`;
}

/** Every place a policy names reviewer groups. */
function groupReferences(document: PolicyDocument): { path: PathSegment[]; groups: string[] }[] {
  const references: { path: PathSegment[]; groups: string[] }[] = [];
  if (document.defaults?.escalate_to) {
    references.push({ path: ['defaults', 'escalate_to'], groups: document.defaults.escalate_to });
  }
  (document.rules ?? []).forEach((rule, index) => {
    if (rule.reviewers) references.push({ path: ['rules', index, 'reviewers'], groups: rule.reviewers });
    if (rule.escalate_to)
      references.push({ path: ['rules', index, 'escalate_to'], groups: rule.escalate_to });
  });
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    if (environment.reviewers)
      references.push({ path: ['environments', name, 'reviewers'], groups: environment.reviewers });
  }
  return references;
}

function checkGroupReferences(document: PolicyDocument): Finding[] {
  const defined = Object.keys(document.reviewers ?? {});
  const findings: Finding[] = [];
  for (const { path, groups } of groupReferences(document)) {
    groups.forEach((group, index) => {
      if (defined.includes(group)) return;
      const close = suggest(group, defined);
      const hint =
        close !== undefined
          ? ` (did you mean "${close}"?)`
          : defined.length > 0
            ? `: define it under reviewers: (defined: ${defined.join(', ')})`
            : ': define it under reviewers:';
      findings.push({ path: [...path, index], message: `unknown reviewer group "${group}"${hint}` });
    });
  }
  return findings;
}

function checkRuleNames(document: PolicyDocument): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  (document.rules ?? []).forEach((rule, index) => {
    if (seen.has(rule.name)) {
      findings.push({
        path: ['rules', index, 'name'],
        message: `duplicate rule name "${rule.name}": rule names must be unique`,
      });
    }
    seen.add(rule.name);
  });
  return findings;
}

function checkGlobs(document: PolicyDocument): Finding[] {
  const lists: { path: PathSegment[]; globs: string[] }[] = [];
  (document.rules ?? []).forEach((rule, index) => {
    for (const key of ['paths', 'branches', 'environments'] as const) {
      const globs = rule.if?.[key];
      if (globs) lists.push({ path: ['rules', index, 'if', key], globs });
    }
  });
  if (document.specs?.paths) lists.push({ path: ['specs', 'paths'], globs: document.specs.paths });
  const findings: Finding[] = [];
  for (const { path, globs } of lists) {
    globs.forEach((glob, index) => {
      const message = globProblem(glob);
      if (message !== undefined) findings.push({ path: [...path, index], message });
    });
  }
  return findings;
}

function globProblem(glob: string): string | undefined {
  const pattern = glob.startsWith('!') ? glob.slice(1) : glob;
  if (pattern === '') return 'expected a glob after "!"';
  const relative = pattern.replace(/^(?:\.?\/)+/, '');
  if (relative !== pattern) {
    return `expected a glob relative to the repository root, without a leading "/" or "./": write "${glob.startsWith('!') ? '!' : ''}${relative}"`;
  }
  const parsed = parseGlob(pattern);
  return parsed.ok ? undefined : `invalid glob "${glob}": ${parsed.problem}`;
}

type TimeoutKey = 'on_timeout' | 'escalate_to' | 'safe_default';
const TIMEOUT_KEYS: readonly TimeoutKey[] = ['on_timeout', 'escalate_to', 'safe_default'];

function checkTimeouts(document: PolicyDocument): Finding[] {
  const defaults = document.defaults ?? {};
  const rules = document.rules ?? [];
  const findings: Finding[] = [];
  const durations: { path: PathSegment[]; text: string }[] = [];
  if (defaults.timeout !== undefined)
    durations.push({ path: ['defaults', 'timeout'], text: defaults.timeout });
  rules.forEach((rule, index) => {
    if (rule.timeout !== undefined) durations.push({ path: ['rules', index, 'timeout'], text: rule.timeout });
  });
  for (const { path, text } of durations) {
    const ms = parseDuration(text);
    if (ms === undefined || ms > MAX_TIMEOUT_MS) {
      findings.push({ path, message: `expected a timeout of at most 365d, got "${text}"` });
    } else if (ms === 0) {
      findings.push({ path, message: 'expected a timeout above zero (leave timeout out for no deadline)' });
    }
  }

  // Defaults also govern gates that match no rule, so they must make sense on their own.
  if (defaults.on_timeout === 'proceed' && defaults.safe_default === undefined) {
    findings.push({
      path: ['defaults', 'on_timeout'],
      message: '"proceed" needs safe_default (the option taken when nobody answers) in defaults',
    });
  }
  if (defaults.on_timeout === 'escalate' && defaults.escalate_to === undefined) {
    findings.push({
      path: ['defaults', 'on_timeout'],
      message: '"escalate" needs escalate_to (the backup reviewer groups) in defaults',
    });
  }
  rules.forEach((rule, index) => {
    if (rule.on_timeout === 'proceed' && (rule.safe_default ?? defaults.safe_default) === undefined) {
      findings.push({
        path: ['rules', index, 'on_timeout'],
        message:
          '"proceed" needs safe_default (the option taken when nobody answers) on this rule or in defaults',
      });
    }
    if (rule.on_timeout === 'escalate' && (rule.escalate_to ?? defaults.escalate_to) === undefined) {
      findings.push({
        path: ['rules', index, 'on_timeout'],
        message: '"escalate" needs escalate_to (the backup reviewer groups) on this rule or in defaults',
      });
    }
    if ((rule.timeout ?? defaults.timeout) !== undefined) return;
    for (const key of TIMEOUT_KEYS) {
      if (rule[key] !== undefined) {
        findings.push({
          path: ['rules', index, key],
          message: 'has no effect without timeout: set timeout on this rule or in defaults',
        });
      }
    }
  });
  if (defaults.timeout === undefined) {
    for (const key of TIMEOUT_KEYS) {
      if (defaults[key] === undefined) continue;
      // A rule with its own timeout that leaves `key` out inherits it from defaults.
      if (rules.some((rule) => rule.timeout !== undefined && rule[key] === undefined)) continue;
      findings.push({
        path: ['defaults', key],
        message: 'has no effect without timeout: set timeout in defaults or on the rules that use it',
      });
    }
  }
  return findings;
}

function checkThresholds(document: PolicyDocument): Finding[] {
  const cost = document.thresholds?.cost;
  const notify = cost?.notify ?? POLICY_DEFAULTS.thresholds.cost.notify;
  const approve = cost?.approve ?? POLICY_DEFAULTS.thresholds.cost.approve;
  if (notify <= approve) return [];
  const atNotify = {
    path: ['thresholds', 'cost', 'notify'],
    message: `expected at most thresholds.cost.approve (${approve}), got ${notify}`,
  };
  const atApprove = {
    path: ['thresholds', 'cost', 'approve'],
    message: `expected at least thresholds.cost.notify (${notify}), got ${approve}`,
  };
  if (cost?.notify === undefined) return [atApprove];
  return [cost.approve === undefined ? atNotify : { ...atNotify, alternatives: [atApprove] }];
}

function checkEnvironmentReviewers(document: PolicyDocument): Finding[] {
  const groups = document.reviewers ?? {};
  const findings: Finding[] = [];
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    const entries = new Set<string>();
    for (const group of environment.reviewers ?? []) {
      if (!Object.hasOwn(groups, group)) continue;
      for (const entry of groups[group] ?? []) entries.add(entry.toLowerCase());
    }
    if (entries.size > MAX_ENVIRONMENT_REVIEWERS) {
      findings.push({
        path: ['environments', name, 'reviewers'],
        message: `expands to ${entries.size} logins and teams; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} required reviewers per environment`,
      });
    }
  }
  return findings;
}

interface Placement {
  source: PolicySource;
  ruleOrigins: RuleOrigin[] | undefined;
  base: boolean;
  extends: string | undefined;
}

/** A finding in the merged document, pointed at this file, or at line 1 when it comes from the base. */
function placeFinding(finding: Finding, place: Placement): LocatedProblem {
  if (!place.base) {
    return {
      ...locate(place.source, finding.path),
      path: formatPath(finding.path),
      message: finding.message,
    };
  }
  for (const candidate of [finding, ...(finding.alternatives ?? [])]) {
    const { from, path } = toLocalPath(candidate.path, place.ruleOrigins);
    if (from === 'local' && hasPath(place.source, path)) {
      return { ...locate(place.source, path), path: formatPath(path), message: candidate.message };
    }
  }
  const { path } = toLocalPath(finding.path, place.ruleOrigins);
  const base =
    place.extends !== undefined ? `the base policy (extends: ${place.extends})` : 'the base policy';
  return { line: 1, column: 1, path: formatPath(path), message: `${finding.message} (from ${base})` };
}

/** A merged path as a path in the file it came from: merged rule indexes differ from either file's. */
function toLocalPath(
  path: PathSegment[],
  ruleOrigins: RuleOrigin[] | undefined,
): { from: 'base' | 'local'; path: PathSegment[] } {
  const [head, index, ...rest] = path;
  if (ruleOrigins === undefined || head !== 'rules' || typeof index !== 'number')
    return { from: 'local', path };
  const origin = ruleOrigins[index];
  return origin === undefined
    ? { from: 'local', path }
    : { from: origin.from, path: ['rules', origin.index, ...rest] };
}

// ---------------------------------------------------------------------------------------------
// Normalization: the Policy the engine works on, every default applied.

function normalizePolicy(document: PolicyDocument): Policy {
  const d = document.defaults ?? {};
  const defaults: Policy['defaults'] = {
    approvals: d.approvals ?? POLICY_DEFAULTS.defaults.approvals,
    timeoutMs: timeoutMs(d.timeout) ?? null,
    onTimeout: d.on_timeout ?? POLICY_DEFAULTS.defaults.on_timeout,
    escalateTo: d.escalate_to ?? [],
    safeDefault: d.safe_default ?? null,
    invalidateOnPush: d.invalidate_on_push ?? POLICY_DEFAULTS.defaults.invalidate_on_push,
    allowSelfApproval: d.allow_self_approval ?? POLICY_DEFAULTS.defaults.allow_self_approval,
    allowBots: d.allow_bots ?? POLICY_DEFAULTS.defaults.allow_bots,
  };
  const rules = (document.rules ?? []).map((rule, index): Rule => {
    const level = rule.level ?? POLICY_DEFAULTS.rule.level;
    return {
      name: rule.name,
      index,
      description: rule.description ?? null,
      if: rule.if ?? {},
      risk: rule.risk ?? {},
      riskImplied: rule.risk === undefined,
      level,
      reviewers: rule.reviewers ?? [],
      require: rule.require ?? (level === 'approve' ? [...POLICY_DEFAULTS.rule.require] : []),
      approvals: rule.approvals ?? defaults.approvals,
      timeoutMs: rule.timeout !== undefined ? (timeoutMs(rule.timeout) ?? null) : defaults.timeoutMs,
      onTimeout: rule.on_timeout ?? defaults.onTimeout,
      escalateTo: rule.escalate_to ?? defaults.escalateTo,
      safeDefault: rule.safe_default ?? defaults.safeDefault,
    };
  });
  const actions = (document.actions ?? []).map((action, index): ActionEntry => {
    const entry: ActionEntry = {
      kind: action.kind,
      index,
      risk: action.risk ?? {},
      description: action.description ?? null,
    };
    const match = action.match;
    if (match !== undefined) {
      const list = (value: string | string[] | undefined) =>
        value === undefined ? undefined : typeof value === 'string' ? [value] : value;
      entry.match = { tool: list(match.tool) ?? ['Bash'] };
      for (const key of ['command', 'path', 'url'] as const) {
        const globs = list(match[key]);
        if (globs !== undefined) entry.match[key] = globs;
      }
    }
    return entry;
  });
  const environments: Record<string, EnvironmentPolicy> = {};
  for (const [name, environment] of Object.entries(document.environments ?? {})) {
    environments[name] = {
      reviewers: environment.reviewers ?? [],
      preventSelfReview: environment.prevent_self_review ?? POLICY_DEFAULTS.environment.prevent_self_review,
      waitTimer: environment.wait_timer ?? POLICY_DEFAULTS.environment.wait_timer,
      branches: environment.branches ?? [],
      gate: environment.gate ?? POLICY_DEFAULTS.environment.gate,
    };
  }
  return {
    mode: document.mode ?? POLICY_DEFAULTS.mode,
    allow: document.allow ?? [...POLICY_DEFAULTS.allow],
    // Without a prototype, a look-up such as reviewers['constructor'] finds nothing.
    reviewers: Object.assign(Object.create(null) as Record<string, string[]>, document.reviewers),
    defaults,
    rules,
    actions,
    environments,
    specs: { paths: document.specs?.paths ?? [...POLICY_DEFAULTS.specs.paths] },
    log: {
      branch: document.log?.branch ?? POLICY_DEFAULTS.log.branch,
      path: document.log?.path ?? POLICY_DEFAULTS.log.path,
      checkRuns: document.log?.check_runs ?? POLICY_DEFAULTS.log.check_runs,
    },
    queue: { maxPending: document.queue?.max_pending ?? POLICY_DEFAULTS.queue.max_pending },
    thresholds: {
      cost: {
        notify: document.thresholds?.cost?.notify ?? POLICY_DEFAULTS.thresholds.cost.notify,
        approve: document.thresholds?.cost?.approve ?? POLICY_DEFAULTS.thresholds.cost.approve,
      },
    },
  };
}

function timeoutMs(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text);
}
