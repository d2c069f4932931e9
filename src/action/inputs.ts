// The Action's public contract (DESIGN §7) as one `as const` registry: every input and output,
// with the description and default action.yml shows. A test holds action.yml equal to it, and
// docs/action.md's tables too. `parseActionSettings` reads the inputs once, at the edge, into a
// typed settings object; nothing else looks at `INPUT_*`.
import { parseDuration } from '../core/duration.ts';

export interface InputSpec {
  readonly description: string;
  readonly default?: string;
  readonly required: boolean;
}

export const ACTION_INPUTS = {
  mode: {
    description:
      'What to do: `gate` (a deploy job waits for its approval), `request` (a workflow or an agent asks for approval), `handle` (recompute gates on pull request, comment and review events) or `sweep` (a schedule expires and wakes gates). Empty: `handle` on issue_comment, pull_request, pull_request_target and pull_request_review, `sweep` on schedule, `gate` otherwise.',
    default: '',
    required: false,
  },
  token: {
    description:
      'The token Gatehouse calls the GitHub API with. The default `github.token` works with the permissions documented for each mode.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an expression action.yml evaluates
    default: '${{ github.token }}',
    required: false,
  },
  config: {
    description:
      "Path of the policy file, read from the default branch (never from a pull request's head or base).",
    default: '.github/gatehouse.yml',
    required: false,
  },
  environment: {
    description: 'The environment the job deploys to or the request is about (e.g. `production`).',
    default: '',
    required: false,
  },
  title: {
    description: 'What is being asked, in one line: the action an approver approves.',
    default: '',
    required: false,
  },
  kind: {
    description:
      'The kind of action (e.g. `migration`, `agent-deploy`), matched by the policy rules and `allow`.',
    default: '',
    required: false,
  },
  spec: {
    description:
      'Path of a spec file in the checked-out workspace whose sections fill the request (inputs win over its fields).',
    default: '',
    required: false,
  },
  cost: {
    description: 'Estimated cost of the action, a non-negative number, compared with the policy cost rules.',
    default: '',
    required: false,
  },
  details: {
    description: 'Context for the approver: why, and what happens.',
    default: '',
    required: false,
  },
  rollback: {
    description: 'How to undo the action if it goes wrong.',
    default: '',
    required: false,
  },
  options: {
    description:
      'Choices an approver picks from, comma-separated or one per line, each `name` or `name: description`.',
    default: '',
    required: false,
  },
  wait: {
    description:
      'Block until the request is decided (or `timeout` passes) instead of failing while it is pending.',
    default: 'false',
    required: false,
  },
  timeout: {
    description: 'How long `wait` waits, as a duration such as `30m` or `4h`.',
    default: '1h',
    required: false,
  },
  'poll-interval': {
    description: 'How often `wait` asks GitHub again, as a duration such as `30s`.',
    default: '30s',
    required: false,
  },
  'human-in-loop': {
    description:
      '`false` lets the run proceed without a person only where the policy already allows autonomy for this kind; elsewhere it is ignored with a warning.',
    default: 'true',
    required: false,
  },
  'dry-run': {
    description: 'Compute and print the decision, publish nothing.',
    default: 'false',
    required: false,
  },
} as const satisfies Record<string, InputSpec>;

export const ACTION_OUTPUTS = {
  decision: {
    description:
      'The decision: pending, approved, rejected, expired, auto_approved, notified, delayed, changes_requested or escalated.',
  },
  tier: { description: 'The risk tier: proceed, notify or approve.' },
  approvers: { description: 'The logins that approved, as a JSON array.' },
  option: { description: 'The option the approver picked, when the request offered options.' },
  modifications: { description: 'The changes the approver asked for with `/modify`.' },
  reason: { description: 'Why the decision is what it is, in one line.' },
  'decision-id': { description: 'The id of the decision record.' },
  'log-commit': { description: 'The commit on the decision-log branch that records the decision.' },
  'check-run-id': { description: 'The id of the gatehouse check run.' },
  'request-url': { description: 'Where approvers answer: the approval issue or pull request.' },
  result: { description: 'Everything above, and the mode, as one JSON object.' },
} as const satisfies Record<string, { description: string }>;

export type InputName = keyof typeof ACTION_INPUTS;
export type OutputName = keyof typeof ACTION_OUTPUTS;

export const MODES = ['gate', 'request', 'handle', 'sweep'] as const;
export type ActionMode = (typeof MODES)[number];

/** Events on which `mode` defaults to `handle`. */
export const HANDLE_EVENTS = [
  'issue_comment',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
] as const;

export interface ActionSettings {
  mode: ActionMode;
  token: string;
  config: string;
  environment?: string;
  title?: string;
  kind?: string;
  spec?: string;
  cost?: number;
  details?: string;
  rollback?: string;
  options: string[];
  wait: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
  humanInLoop: boolean;
  dryRun: boolean;
}

/** Settings, or the problems of the inputs, one line each. */
export type SettingsResult = { ok: true; settings: ActionSettings } | { ok: false; problems: string[] };

/**
 * `poll-interval` → `INPUT_POLL_INTERVAL`: the variable action.yml's step sets in `env:`. Dashes
 * become underscores so that every shell passes the variable on (a name with `-` is not a valid
 * shell identifier, and some shells drop such variables).
 */
export function createInputVariable(name: InputName): string {
  return `INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`;
}

/** The input's value, trimmed, or its default when unset or blank. */
function readInput(env: Record<string, string | undefined>, name: InputName): string {
  const value = env[createInputVariable(name)]?.trim() ?? '';
  if (value !== '') return value;
  const fallback: string = ACTION_INPUTS[name].default;
  return fallback.startsWith('${{') ? '' : fallback;
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** The mode an event implies when the `mode` input is empty. */
export function selectMode(eventName: string | undefined): ActionMode {
  if (eventName === 'schedule') return 'sweep';
  if (eventName !== undefined && (HANDLE_EVENTS as readonly string[]).includes(eventName)) return 'handle';
  return 'gate';
}

export function parseActionSettings(
  env: Record<string, string | undefined>,
  eventName?: string,
): SettingsResult {
  const problems: string[] = [];

  const modeText = readInput(env, 'mode');
  let mode = selectMode(eventName);
  if (modeText !== '') {
    if ((MODES as readonly string[]).includes(modeText)) mode = modeText as ActionMode;
    else problems.push(`input mode: expected one of ${MODES.join(', ')}, got ${JSON.stringify(modeText)}`);
  }

  const boolean = (name: InputName): boolean => {
    const text = readInput(env, name).toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    problems.push(`input ${name}: expected true or false, got ${JSON.stringify(readInput(env, name))}`);
    return ACTION_INPUTS[name].default === 'true';
  };
  const duration = (name: InputName): number => {
    const text = readInput(env, name);
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      problems.push(`input ${name}: expected a duration such as 30m or 4h, got ${JSON.stringify(text)}`);
      return parseDuration(ACTION_INPUTS[name].default) ?? 0;
    }
    return ms;
  };

  const costText = readInput(env, 'cost');
  let cost: number | undefined;
  if (costText !== '') {
    const value = Number(costText);
    if (/^\d+(?:\.\d+)?$/.test(costText) && Number.isFinite(value)) cost = value;
    else
      problems.push(
        `input cost: expected a non-negative number such as 120 or 9.5, got ${JSON.stringify(costText)}`,
      );
  }

  const token = readInput(env, 'token');
  if (token === '')
    problems.push(
      'input token: empty; leave the input unset for github.token, or pass a token with the permissions of docs/action.md',
    );

  const settings: ActionSettings = {
    mode,
    token,
    config: readInput(env, 'config'),
    options: splitOptions(readInput(env, 'options')),
    wait: boolean('wait'),
    timeoutMs: duration('timeout'),
    pollIntervalMs: duration('poll-interval'),
    humanInLoop: boolean('human-in-loop'),
    dryRun: boolean('dry-run'),
  };
  for (const name of ['environment', 'title', 'kind', 'spec', 'details', 'rollback'] as const) {
    const value = optional(readInput(env, name));
    if (value !== undefined) settings[name] = value;
  }
  if (cost !== undefined) settings.cost = cost;
  if (
    (settings.mode === 'gate' || settings.mode === 'request') &&
    settings.wait &&
    settings.pollIntervalMs > settings.timeoutMs
  )
    problems.push('input poll-interval: longer than timeout; shorten poll-interval or lengthen timeout');
  return problems.length === 0 ? { ok: true, settings } : { ok: false, problems };
}

/** Options as `options` gives them: comma-separated or one per line. */
function splitOptions(text: string): string[] {
  if (text === '') return [];
  const parts = text.includes('\n') ? text.split(/\r?\n/) : text.split(',');
  return parts
    .map((part) => part.trim().replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, ''))
    .filter((part) => part !== '');
}
