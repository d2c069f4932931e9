// Every machine string users can see or write (config values, decisions, check names, reason
// codes) lives here once, as `as const` unions, so a rename is one change and a typo a type error.

export const DECISIONS = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'auto_approved',
  'notified',
  'delayed',
  'changes_requested',
  'escalated',
] as const;
export type Decision = (typeof DECISIONS)[number];

/** Decisions after which the subject may go ahead. */
export const PASSING_DECISIONS: readonly Decision[] = ['approved', 'auto_approved', 'notified', 'delayed'];

/** Risk tiers, lowest first: proceed on its own, proceed and tell, wait for a person. */
export const TIERS = ['proceed', 'notify', 'approve'] as const;
export type Tier = (typeof TIERS)[number];

/** How much approval an approve-tier gate needs. */
export const LEVELS = ['acknowledge', 'review', 'approve'] as const;
export type Level = (typeof LEVELS)[number];

export const MODES = ['auto', 'ask-once', 'ask', 'always'] as const;
export type Mode = (typeof MODES)[number];

export const GATE_KINDS = ['pull_request', 'deployment', 'request'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const ON_TIMEOUT = ['reject', 'escalate', 'proceed'] as const;
export type OnTimeout = (typeof ON_TIMEOUT)[number];

/** What a request must contain before anyone is asked to approve it. */
export const REQUIREMENTS = ['action', 'context', 'risk_assessment', 'rollback_plan'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** Repository permissions, lowest first, as the collaborator-permission API reports them. */
export const PERMISSIONS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const REVERSIBILITY = ['revertible', 'config', 'irreversible'] as const;
export const BLAST_RADIUS = ['file', 'module', 'production'] as const;
export const SENSITIVITY = ['internal', 'customer_data', 'credentials', 'payments'] as const;
export const PRECEDENT = ['routine', 'first_time', 'novel'] as const;
export type Reversibility = (typeof REVERSIBILITY)[number];
export type BlastRadius = (typeof BLAST_RADIUS)[number];
export type Sensitivity = (typeof SENSITIVITY)[number];
export type Precedent = (typeof PRECEDENT)[number];

export const FACTORS = [
  'reversibility',
  'blast_radius',
  'cost',
  'sensitivity',
  'precedent',
  'external',
] as const;
export type Factor = (typeof FACTORS)[number];

export const VERBS = ['approve', 'reject', 'delay', 'modify', 'ack', 'recheck'] as const;
export type Verb = (typeof VERBS)[number];

/** Where a statement (a command, in whatever form) came from. */
export const STATEMENT_SOURCES = ['comment', 'review', 'check_action', 'deployment_review'] as const;
export type StatementSource = (typeof STATEMENT_SOURCES)[number];

export const CHECK_NAME = 'gatehouse';
export const DEFAULT_CONFIG_PATH = '.github/gatehouse.yml';

/** The branch of the decision log when the policy names none (`log.branch`). */
export const DEFAULT_LOG_BRANCH = 'gatehouse-log';

/**
 * The check-run name of a gate. A pull request into the repository's default branch (and a
 * deployment or request without a pull request) gets the names branch protection requires:
 * `gatehouse`, `gatehouse: <environment>`. A pull request into any other branch gets a name that
 * carries its base, `gatehouse (into release/1.x)`, `gatehouse: production (into release/1.x)`:
 * check runs belong to a commit, not to a pull request, so a gate judged against a base the
 * author chose must never turn the default branch's required check green on a shared head
 * (DESIGN §11, "one check protects the default branch").
 */
export function createCheckName(environment?: string, into?: string): string {
  const name = environment === undefined ? CHECK_NAME : `${CHECK_NAME}: ${environment}`;
  return into === undefined ? name : `${name}${INTO_PREFIX}${into}${INTO_SUFFIX}`;
}

const INTO_PREFIX = ' (into ';
const INTO_SUFFIX = ')';

/**
 * The gate a Gatehouse check name stands for, or null for any other check. A branch name holds
 * no space (git refuses one), so the last ` (into ` starts the base.
 */
export function parseCheckName(name: string): { environment?: string; into?: string } | null {
  let rest = name;
  let into: string | undefined;
  const at = name.lastIndexOf(INTO_PREFIX);
  if (at !== -1 && name.endsWith(INTO_SUFFIX)) {
    const base = name.slice(at + INTO_PREFIX.length, -INTO_SUFFIX.length);
    if (base !== '' && !/\s/.test(base)) {
      into = base;
      rest = name.slice(0, at);
    }
  }
  const gate = into === undefined ? {} : { into };
  if (rest === CHECK_NAME) return gate;
  const prefix = `${CHECK_NAME}: `;
  return rest.startsWith(prefix) && rest.length > prefix.length
    ? { environment: rest.slice(prefix.length), ...gate }
    : null;
}
