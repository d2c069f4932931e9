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

/** The check-run name of a gate: `gatehouse` for a PR, `gatehouse: <environment>` for a deployment. */
export function createCheckName(environment?: string): string {
  return environment === undefined ? CHECK_NAME : `${CHECK_NAME}: ${environment}`;
}

/**
 * The environment of a Gatehouse check name: undefined for the pull request's own `gatehouse`,
 * the name after `gatehouse: ` for a deployment gate, null for any other check.
 */
export function readCheckEnvironment(name: string): string | undefined | null {
  if (name === CHECK_NAME) return undefined;
  const prefix = `${CHECK_NAME}: `;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : null;
}
