// Building the request (DESIGN §1, §6): what an approver is asked to approve, from a pull request
// and the spec files it changes, or from an explicit "may I?" of a workflow or an agent.
import { findSection, parseSections, type SectionKey } from './markdown-sections.ts';
import type { Actor, Request, RequestOption, SourcedText } from './model.ts';
import type { RiskFactors } from './policy-schema.ts';
import { BLAST_RADIUS, PRECEDENT, REVERSIBILITY, SENSITIVITY } from './registry.ts';
import { createOptions, parseOption, parseOptionsSection, pickText } from './request-options.ts';
import type { ParsedSpec } from './spec.ts';

export interface PullRequestInput {
  /** `owner/name`. */
  repository: string;
  number: number;
  title: string;
  body: string;
  url?: string;
  author: Actor;
  headSha: string;
  baseRef: string;
  /** The base, when it is not the repository's default branch: the gate is named for it. */
  into?: string;
  labels: string[];
  files: { paths: string[]; complete: boolean };
}

/** The request text a pull request carries: its title, and its description's sections. */
type RequestText = Pick<
  Request,
  'action' | 'context' | 'riskAssessment' | 'rollbackPlan' | 'recommendation'
> & {
  options: RequestOption[];
};

/**
 * The request for a pull request gate. The PR is its own artifact: its title is the action and
 * its description's sections give the rest (text before the first known heading is the context
 * when there is no `Context` section). With changed spec files, the first by path is the
 * artifact: each of its fields wins over the PR's. The declared risk is the highest each factor
 * reaches over all the specs, so that one benign spec cannot hide a risky one. With an
 * environment, the gate is that environment's deployment of the PR's head.
 */
export function createPullRequestRequest(
  pr: PullRequestInput,
  specs: ParsedSpec[],
  environment?: string,
): Request {
  const sorted = [...specs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const artifact = sorted[0];
  const fromPr = parsePullRequestText(pr);
  const request: Request = {
    gate: {
      ...(environment === undefined
        ? { kind: 'pull_request' as const }
        : { kind: 'deployment' as const, environment }),
      ...(pr.into === undefined ? {} : { into: pr.into }),
    },
    repository: pr.repository,
    subject: {
      sha: pr.headSha,
      targetBranch: pr.baseRef,
      pullRequest: pr.number,
      ...(pr.url === undefined ? {} : { url: pr.url }),
    },
    ...mergeText(artifact, fromPr),
    declaredRisk: mergeRisk(sorted.map((spec) => spec.declaredRisk)),
    files: { paths: [...pr.files.paths], complete: pr.files.complete },
    labels: [...pr.labels],
    requester: pr.author,
  };
  const kind = sorted.find((spec) => spec.kind !== undefined)?.kind;
  if (kind !== undefined) request.kind = kind;
  if (artifact !== undefined) request.spec = { path: artifact.path };
  return request;
}

export interface ExplicitRequestInput {
  repository: string;
  /** The commit the decision binds to: the workflow's SHA. */
  sha: string;
  targetBranch?: string;
  environment?: string;
  kind?: string;
  title?: string;
  details?: string;
  rollback?: string;
  recommendation?: string;
  options?: string[];
  cost?: number;
  requester: Actor;
  onBehalfOf?: Actor;
  spec?: ParsedSpec;
}

/**
 * The request of a workflow or an agent asking "may I?" (Action inputs, `gatehouse plan`).
 * Inputs given for this run win over the spec's fields, which fill the rest; blank inputs count
 * as not given (Actions pass unset inputs as `''`). The environment defaults to the spec's.
 *
 * The gate is a `deployment` of the environment when one is set and neither a kind nor a title
 * says what else is being done (a plain deploy job); otherwise it is a `request`, aimed at the
 * environment when there is one. A deployment that states no action asks to deploy its commit
 * ({@link renderDeploymentAction}): what is asked is plain from the deployment itself.
 */
export function createExplicitRequest(input: ExplicitRequestInput): Request {
  const { spec } = input;
  const environment = given(input.environment) ?? spec?.environment;
  const kind = given(input.kind) ?? spec?.kind;
  const title = given(input.title);
  const inputOptions = createOptions(
    (input.options ?? []).filter((option) => given(option)).map(parseOption),
  );
  const fromInputs: RequestText = { options: inputOptions };
  setText(fromInputs, 'action', title);
  setText(fromInputs, 'context', given(input.details));
  setText(fromInputs, 'rollbackPlan', given(input.rollback));
  setText(fromInputs, 'recommendation', given(input.recommendation));

  const kindOfGate =
    environment !== undefined && kind === undefined && title === undefined ? 'deployment' : 'request';
  const declaredRisk = mergeRisk([
    spec?.declaredRisk ?? {},
    input.cost === undefined ? {} : { cost: input.cost },
  ]);
  const request: Request = {
    gate: environment === undefined ? { kind: kindOfGate } : { kind: kindOfGate, environment },
    repository: input.repository,
    subject: {
      sha: input.sha,
      ...(input.targetBranch === undefined ? {} : { targetBranch: input.targetBranch }),
    },
    ...mergeText(fromInputs, spec ?? { options: [] }),
    declaredRisk,
    files: { paths: [], complete: true },
    labels: [],
    requester: input.requester,
  };
  if (kindOfGate === 'deployment' && environment !== undefined && request.action === undefined)
    request.action = { text: renderDeploymentAction(input.sha, environment, input.targetBranch) };
  if (kind !== undefined) request.kind = kind;
  if (input.onBehalfOf !== undefined) request.onBehalfOf = input.onBehalfOf;
  if (spec !== undefined) request.spec = { path: spec.path };
  return request;
}

/**
 * The action of a deployment that says nothing else: `Deploy <commit> (<ref>) to <environment>`.
 * The one wording for the App's deployments and the Action's deploy jobs alike.
 */
export function renderDeploymentAction(sha: string, environment: string, ref?: string): string {
  return `Deploy ${sha.slice(0, 12)}${ref === undefined ? '' : ` (${ref})`} to ${environment}`;
}

/**
 * Options as an Action input or CLI flag gives them: comma-separated (`approve, delay to
 * off-peak, skip`) or one per line (list markers allowed), each `name` or `name: description`.
 * Keys `a`, `b`, `c`, … in order.
 */
export function parseOptionList(text: string): RequestOption[] {
  const parts = text.trim().includes('\n') ? text.split(/\r?\n/) : text.split(',');
  return createOptions(
    parts
      .map((part) => part.trim().replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, ''))
      .filter((part) => part !== '')
      .map(parseOption)
      .filter((option) => option.name !== ''),
  );
}

function parsePullRequestText(pr: PullRequestInput): RequestText {
  const body = parseSections(pr.body);
  const section = (key: SectionKey) => {
    const found = findSection(body.sections, key);
    return found === undefined ? undefined : found.text;
  };
  const optionsSection = findSection(body.sections, 'options');
  const text: RequestText = {
    options: optionsSection === undefined ? [] : parseOptionsSection(optionsSection),
  };
  setText(text, 'action', given(pr.title));
  const context = section('context');
  setText(
    text,
    'context',
    context === undefined || context.trim() === '' ? (body.preamble?.text ?? context) : context,
  );
  setText(text, 'riskAssessment', section('risk_assessment'));
  setText(text, 'rollbackPlan', section('rollback_plan'));
  setText(text, 'recommendation', section('recommendation'));
  return text;
}

/** Field by field, the first text that is not blank; options from the first that has any. */
function mergeText(first: RequestText | undefined, second: RequestText): RequestText {
  const merged: RequestText = {
    options: first !== undefined && first.options.length > 0 ? first.options : second.options,
  };
  for (const field of ['action', 'context', 'riskAssessment', 'rollbackPlan', 'recommendation'] as const) {
    const value = pickText(first?.[field], second[field]);
    if (value !== undefined) merged[field] = value;
  }
  return merged;
}

function setText(
  target: RequestText,
  field: 'action' | 'context' | 'riskAssessment' | 'rollbackPlan' | 'recommendation',
  text: string | undefined,
): void {
  if (text !== undefined) target[field] = { text } satisfies SourcedText;
}

function given(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** The highest level of each factor over several declarations: the max cost, `external` if any says so. */
export function mergeRisk(declarations: RiskFactors[]): RiskFactors {
  const merged: RiskFactors = {};
  for (const risk of declarations) {
    if (risk.reversibility !== undefined)
      merged.reversibility = higher(REVERSIBILITY, merged.reversibility, risk.reversibility);
    if (risk.blast_radius !== undefined)
      merged.blast_radius = higher(BLAST_RADIUS, merged.blast_radius, risk.blast_radius);
    if (risk.sensitivity !== undefined)
      merged.sensitivity = higher(SENSITIVITY, merged.sensitivity, risk.sensitivity);
    if (risk.precedent !== undefined) merged.precedent = higher(PRECEDENT, merged.precedent, risk.precedent);
    if (risk.cost !== undefined) merged.cost = Math.max(merged.cost ?? 0, risk.cost);
    if (risk.external !== undefined) merged.external = (merged.external ?? false) || risk.external;
  }
  return merged;
}

function higher<T extends string>(order: readonly T[], current: T | undefined, next: T): T {
  return current === undefined || order.indexOf(next) > order.indexOf(current) ? next : current;
}
