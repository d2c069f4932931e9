// `extends:`: a repository's policy on top of a shared one (DESIGN §2), merged the way
// policy-bot users expect. The rules are written down in docs/configuration.md#extends.
import { isMap, parseDocument } from 'yaml';
import { mayNameExtends } from './extends-mention.ts';
import type { PolicyDocument } from './policy-schema.ts';
import { DEFAULT_CONFIG_PATH } from './registry.ts';

export type ExtendsTarget = { owner: string; repo: string; path: string };

/** Where each merged rule came from, so a problem can be pointed at the right file. */
export type RuleOrigin = { from: 'base' | 'local'; index: number };

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The `extends:` value of a policy, read leniently (a file with other problems still names its
 * base), so an adapter can fetch the base before parsing in full. Undefined when there is none.
 */
export function readExtends(text: string): string | undefined {
  if (!mayNameExtends(text)) return undefined;
  try {
    const contents = parseDocument(text).contents;
    if (!isMap(contents)) return undefined;
    const value = contents.get('extends');
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `owner/repo` (its `.github/gatehouse.yml`) or `owner/repo:path/to/policy.yml`. */
export function parseExtendsTarget(value: string): ExtendsTarget | { error: string } {
  const expected = 'expected owner/repo or owner/repo:path/to/policy.yml';
  const colon = value.indexOf(':');
  const repository = colon === -1 ? value : value.slice(0, colon);
  const path = colon === -1 ? DEFAULT_CONFIG_PATH : value.slice(colon + 1);
  const [owner, repo, ...rest] = repository.split('/');
  if (owner === undefined || repo === undefined || rest.length > 0) {
    return { error: `${expected}, got "${value}"` };
  }
  if (!LOGIN.test(owner)) {
    return {
      error: `"${owner}" is not a GitHub account name (letters, digits and single hyphens): ${expected}`,
    };
  }
  if (!REPOSITORY.test(repo) || repo === '.' || repo === '..') {
    return { error: `"${repo}" is not a repository name (letters, digits, ".", "_" and "-"): ${expected}` };
  }
  if (path === '') return { error: `nothing after ":" in "${value}": ${expected}` };
  if (path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    return { error: `"${path}" must be a plain path inside the repository, such as .github/gatehouse.yml` };
  }
  return { owner, repo, path };
}

/** `local` over `base`; see {@link mergeWithOrigins}. The result has no `extends`. */
export function mergePolicyDocuments(base: PolicyDocument, local: PolicyDocument): PolicyDocument {
  return mergeWithOrigins(base, local).document;
}

/**
 * Merges two policies: scalars, `allow` and `actions` from `local` win (each as a whole); `reviewers` and `environments`
 * merge by name (a local entry replaces the base entry whole); `defaults`, `specs`, `log`,
 * `queue` and `thresholds` merge key by key; base rules come first, a local rule with the same
 * name replaces the base rule in place and the other local rules follow. `extends` is followed
 * one level only: neither file's `extends` survives.
 */
export function mergeWithOrigins(
  base: PolicyDocument,
  local: PolicyDocument,
): { document: PolicyDocument; ruleOrigins: RuleOrigin[] } {
  const document: PolicyDocument = {};
  const mode = local.mode ?? base.mode;
  if (mode !== undefined) document.mode = mode;
  const allow = local.allow ?? base.allow;
  if (allow !== undefined) document.allow = allow;
  const actions = local.actions ?? base.actions;
  if (actions !== undefined) document.actions = actions;
  const reviewers = mergeEntries(base.reviewers, local.reviewers);
  if (reviewers !== undefined) document.reviewers = reviewers;
  const defaults = mergeEntries(base.defaults, local.defaults);
  if (defaults !== undefined) document.defaults = defaults;
  const { rules, origins } = mergeRules(base.rules, local.rules);
  if (rules !== undefined) document.rules = rules;
  const environments = mergeEntries(base.environments, local.environments);
  if (environments !== undefined) document.environments = environments;
  const specs = mergeEntries(base.specs, local.specs);
  if (specs !== undefined) document.specs = specs;
  const log = mergeEntries(base.log, local.log);
  if (log !== undefined) document.log = log;
  const queue = mergeEntries(base.queue, local.queue);
  if (queue !== undefined) document.queue = queue;
  const thresholds = mergeThresholds(base.thresholds, local.thresholds);
  if (thresholds !== undefined) document.thresholds = thresholds;
  return { document, ruleOrigins: origins };
}

/** Key by key, local over base; undefined when neither has the section. */
function mergeEntries<T extends object>(base: T | undefined, local: T | undefined): T | undefined {
  if (base === undefined) return local;
  if (local === undefined) return base;
  return { ...base, ...local };
}

function mergeThresholds(
  base: PolicyDocument['thresholds'],
  local: PolicyDocument['thresholds'],
): PolicyDocument['thresholds'] {
  const merged = mergeEntries(base, local);
  if (merged === undefined) return undefined;
  const cost = mergeEntries(base?.cost, local?.cost);
  return cost === undefined ? merged : { ...merged, cost };
}

function mergeRules(
  base: PolicyDocument['rules'],
  local: PolicyDocument['rules'],
): { rules: PolicyDocument['rules']; origins: RuleOrigin[] } {
  const rules: NonNullable<PolicyDocument['rules']> = [];
  const origins: RuleOrigin[] = [];
  (base ?? []).forEach((rule, index) => {
    rules.push(rule);
    origins.push({ from: 'base', index });
  });
  (local ?? []).forEach((rule, index) => {
    const at = rules.findIndex(
      (candidate, position) => origins[position]?.from === 'base' && candidate.name === rule.name,
    );
    if (at !== -1) {
      rules[at] = rule;
      origins[at] = { from: 'local', index };
    } else {
      rules.push(rule);
      origins.push({ from: 'local', index });
    }
  });
  return { rules: base === undefined && local === undefined ? undefined : rules, origins };
}
