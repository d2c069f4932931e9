// The shell-aware classifier of an agent's tool calls (DESIGN §10). A call is cut into parts:
// every simple command of a Bash line (shell/), or the single call of any other tool. Each part is
// matched against every `actions:` entry, and the entry that gives the highest tier wins, so the
// order of entries never hides a risky one. The call's kind is that of its highest-tier part
// (ties: the first, preferring a part with a kind), its risk every part's risk merged. What cannot
// be followed is kind `unknown`; a call that touches the agent's own guard (its hook settings, the
// policy, Gatehouse's cache) is kind `gatehouse-config` at the approve tier whatever the policy says.
import { type ActionGlob, createActionGlob, matchActionGlob } from './action-glob.ts';
import type { ActionEntry, Policy, Request } from './model.ts';
import type { RiskFactors } from './policy-schema.ts';
import {
  BLAST_RADIUS,
  DEFAULT_CONFIG_PATH,
  PRECEDENT,
  REVERSIBILITY,
  SENSITIVITY,
  type Tier,
} from './registry.ts';
import { CONFIG_RULE_NAME, compareTiers, evaluateRisk, maxTier } from './risk.ts';
import { parseShellCommands } from './shell/resolve-command.ts';

/** One tool call as an agent makes it: Claude Code's `tool_name` and `tool_input`. */
export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
  /** The agent's working directory (Claude Code's `cwd`): absolute paths under it are matched relative to it. */
  cwd?: string;
}

/** One simple command of a shell line (or the whole call for other tools), classified. */
export interface ClassifiedPart {
  /** What was classified, as a person reads it: `psql -c 'drop table users'`, `Write .env`. */
  text: string;
  /** The `actions:` kind it matched; `unknown` when it could not be followed; undefined: no entry matched. */
  kind: string | undefined;
  /** The entry's risk (empty when none). */
  risk: RiskFactors;
  /** Why it is `unknown`: `the command name is a variable ($CMD)`. */
  reason?: string;
  /** The part's tier under the policy (mode, `allow` and rules with `if.kinds` applied). */
  tier?: Tier;
}

export interface ToolCallClassification {
  /** The kind of the part whose tier is highest: the request's kind. */
  kind: string | undefined;
  /** Every part's risk merged: each factor at the highest any part reaches. */
  risk: RiskFactors;
  parts: ClassifiedPart[];
  /** One line for the approver and for the request's action: `Bash: terraform apply -auto-approve`. */
  summary: string;
}

export interface ToolCallAssessment extends ToolCallClassification {
  /**
   * What the call needs, offline: the highest part's tier after the mode and `allow` (`proceed`,
   * `notify` or `approve`). The precedent Gatehouse computes from the decision log is left out:
   * it needs the log; a `precedent` an entry declares counts.
   */
  tier: Tier;
}

export interface ClassifyOptions {
  /** The policy files, when not only `.github/gatehouse.yml`: writing them is `gatehouse-config`. */
  policyFiles?: readonly string[];
  /** The hook's cache directory, absolute (default places are always guarded, see GUARD_MARKERS). */
  cacheDir?: string;
}

/** The kind of a call that could switch the agent's own gate off. Never waived, never lowered. */
export const GATEHOUSE_CONFIG_KIND = CONFIG_RULE_NAME;
export const UNKNOWN_KIND = 'unknown';
/** The hook's cache folder name under `$XDG_CACHE_HOME` or `~/.cache`. */
export const CACHE_DIR_NAME = 'gatehouse';
/** The risk of what cannot be followed when the policy has no `kind: unknown` entry. */
export const DEFAULT_UNKNOWN_RISK: RiskFactors = { precedent: 'novel' };
const GATEHOUSE_CONFIG_RISK: RiskFactors = { blast_radius: 'production', precedent: 'novel' };

/**
 * Claude Code's built-in tools: a tool not in this list that no entry matches is `unknown` (an
 * MCP server's `mcp__server__tool` can do anything).
 */
export const BUILT_IN_TOOLS = [
  'Agent',
  'AskUserQuestion',
  'Bash',
  'BashOutput',
  'Edit',
  'EnterPlanMode',
  'ExitPlanMode',
  'Glob',
  'Grep',
  'KillBash',
  'KillShell',
  'LS',
  'ListMcpResourcesTool',
  'LSP',
  'MultiEdit',
  'NotebookEdit',
  'NotebookRead',
  'Read',
  'ReadMcpResourceTool',
  'SlashCommand',
  'Skill',
  'Task',
  'TodoRead',
  'TodoWrite',
  'WebFetch',
  'WebSearch',
] as const;

/** Tools that write the file they name: writing a guard file with them is `gatehouse-config`. */
const WRITING_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
/** Tools that only read: naming a guard file with them is harmless. */
const READING_TOOLS = new Set(['Read', 'NotebookRead', 'Glob', 'Grep', 'LS', 'WebSearch', 'WebFetch']);

/**
 * What, in a path or a command word (lower case, `\` as `/`, `//` and `/./` collapsed), marks the
 * agent's guard: Claude Code's settings and hooks, the MCP servers, the policy, the hook's cache.
 */
export const GUARD_MARKERS = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.claude/hooks',
  'claude-code/managed-settings.json',
  '.mcp.json',
  `.cache/${CACHE_DIR_NAME}`,
  'xdg_cache_home',
] as const;

// ---------------------------------------------------------------------------------------------

interface CompiledEntry {
  entry: ActionEntry;
  tool: ActionGlob[];
  command?: ActionGlob[];
  path?: ActionGlob[];
  url?: ActionGlob[];
}

const compiled = new WeakMap<ActionEntry, CompiledEntry>();

function compileList(globs: readonly string[], command: boolean): ActionGlob[] {
  return globs.map((glob) => createActionGlob(glob, command));
}

function compileEntry(entry: ActionEntry): CompiledEntry | undefined {
  const match = entry.match;
  if (match === undefined) return undefined;
  let found = compiled.get(entry);
  if (!found) {
    found = { entry, tool: compileList(match.tool, false) };
    if (match.command) found.command = compileList(match.command, true);
    if (match.path) found.path = compileList(match.path, false);
    if (match.url) found.url = compileList(match.url, false);
    compiled.set(entry, found);
  }
  return found;
}

/** A part before classification: a command, another tool's call, or something unfollowable. */
interface RawPart {
  text: string;
  /** Command texts to match `command` globs on: as written, and with the command name's folder taken off. */
  commands?: string[];
  paths: string[];
  url?: string;
  unfollowable?: string;
  guard?: string;
}

const MAX_TEXT = 200;

function shorten(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
}

function normalizeForGuard(text: string): string {
  let out = text.toLowerCase().replaceAll('\\', '/');
  for (let i = 0; i < 8 && /\/\.\/|\/\//.test(out); i++)
    out = out.replaceAll('/./', '/').replaceAll('//', '/');
  return out;
}

/** Which guard a text mentions, if any. */
function findGuard(text: string, options: ClassifyOptions): string | undefined {
  const normalized = normalizeForGuard(text);
  for (const marker of GUARD_MARKERS) if (normalized.includes(marker)) return marker;
  // The `.claude` folder itself: moving or deleting it drops the hook.
  if (/(?:^|[/\s=])\.claude\/?(?:$|[\s;'"])/.test(normalized)) return '.claude';
  for (const file of options.policyFiles ?? [DEFAULT_CONFIG_PATH]) {
    const wanted = normalizeForGuard(file);
    if (normalized.includes(wanted)) return file;
    // `cd .github && vi gatehouse.yml`.
    const name = wanted.slice(wanted.lastIndexOf('/') + 1);
    if (name.length > 0 && new RegExp(`(?:^|[/\\s=])${escapeRegExp(name)}(?:$|[\\s;'"])`).test(normalized))
      return file;
  }
  if (options.cacheDir !== undefined && normalized.includes(normalizeForGuard(options.cacheDir)))
    return options.cacheDir;
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stringsOf(value: unknown, out: string[], budget = { left: 1000 }): string[] {
  if (budget.left-- <= 0) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out, budget);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value as Record<string, unknown>)) stringsOf(item, out, budget);
  return out;
}

function rawParts(call: ToolCall, options: ClassifyOptions): RawPart[] {
  const input = call.input;
  if (call.tool === 'Bash') {
    const command = input.command;
    if (typeof command !== 'string')
      return [{ text: 'Bash', paths: [], unfollowable: 'the call has no command text' }];
    const lineGuard = findGuard(command, options);
    return parseShellCommands(command).map((part): RawPart => {
      if (part.type === 'unfollowable')
        return { text: shorten(part.source), paths: [], unfollowable: part.reason, ...guardOf(lineGuard) };
      const text = part.words.join(' ');
      // A redirection alone (`exec 3>x`, `> out.log`) runs no command: no command glob matches it.
      const commands = part.words.length === 0 ? undefined : [text];
      const name = part.words[0];
      if (name?.includes('/'))
        commands?.push([name.slice(name.lastIndexOf('/') + 1), ...part.words.slice(1)].join(' '));
      const guard = part.mentions
        .map((mention) => findGuard(mention, options))
        .find((found) => found !== undefined);
      const shown = [text, ...part.paths.map((path) => `> ${path}`)].filter((item) => item !== '').join(' ');
      return {
        text: shorten(shown),
        ...(commands ? { commands } : {}),
        paths: part.paths,
        ...guardOf(guard ?? lineGuard),
      };
    });
  }
  const paths = ['file_path', 'path', 'notebook_path']
    .map((key) => input[key])
    .filter((value): value is string => typeof value === 'string');
  const url = typeof input.url === 'string' ? input.url : undefined;
  const shown = paths[0] ?? url ?? (typeof input.pattern === 'string' ? input.pattern : undefined);
  const part: RawPart = { text: shorten(shown === undefined ? call.tool : `${call.tool} ${shown}`), paths };
  if (url !== undefined) part.url = url;
  // Writing a guard file, or any call of a tool that is not known to only read and names one.
  const guardTexts = WRITING_TOOLS.has(call.tool)
    ? paths
    : READING_TOOLS.has(call.tool)
      ? []
      : stringsOf(input, []);
  const guard = guardTexts.map((text) => findGuard(text, options)).find((found) => found !== undefined);
  if (guard !== undefined) part.guard = guard;
  return [part];
}

function guardOf(guard: string | undefined): { guard?: string } {
  return guard === undefined ? {} : { guard };
}

/** The forms of a path to match globs on: as given, relative to the working directory, without a leading `/`. */
function pathForms(path: string, cwd: string | undefined): string[] {
  const forms = new Set<string>();
  const clean = path.replace(/\/{2,}/g, '/').replace(/(^|\/)(?:\.\/)+/g, '$1');
  forms.add(clean);
  if (cwd !== undefined && cwd !== '') {
    const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
    if (clean.startsWith(base)) forms.add(clean.slice(base.length));
  }
  if (clean.startsWith('/')) forms.add(clean.replace(/^\/+/, ''));
  return [...forms];
}

function entryMatches(entry: CompiledEntry, tool: string, part: RawPart, cwd: string | undefined): boolean {
  if (!entry.tool.some((glob) => matchActionGlob(glob, tool))) return false;
  if (entry.command) {
    const commands = part.commands;
    if (!commands || !entry.command.some((glob) => commands.some((text) => matchActionGlob(glob, text))))
      return false;
  }
  if (entry.path) {
    const forms = part.paths.flatMap((path) => pathForms(path, cwd));
    if (!entry.path.some((glob) => forms.some((form) => matchActionGlob(glob, form)))) return false;
  }
  if (entry.url) {
    const url = part.url;
    if (url === undefined || !entry.url.some((glob) => matchActionGlob(glob, url))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tiers.

const NOBODY = { id: 0, login: 'agent', type: 'User' };

/** A part's tier: its risk and kind through the policy's rules, mode and `allow`, as evaluateRisk sees them. */
export function evaluatePartTier(policy: Policy, kind: string | undefined, risk: RiskFactors): Tier {
  if (kind === GATEHOUSE_CONFIG_KIND) return 'approve';
  const request: Request = {
    gate: { kind: 'request' },
    repository: '',
    subject: { sha: '' },
    options: [],
    declaredRisk: risk,
    files: { paths: [], complete: true },
    labels: [],
    requester: NOBODY,
  };
  if (kind !== undefined) request.kind = kind;
  const assessment = evaluateRisk(policy, request);
  // Offline there is no decision log: the computed precedent is left out (see ToolCallAssessment).
  const tier = maxTier(
    ...assessment.factors
      .filter((factor) => !factor.from.startsWith('computed'))
      .map((factor) => factor.tier),
    ...assessment.rules.map((rule) => rule.tier),
  );
  return assessment.waived !== undefined ? 'proceed' : tier;
}

/** Each factor at its highest: the risk of several parts together. */
export function mergeRisk(risks: readonly RiskFactors[]): RiskFactors {
  const merged: RiskFactors = {};
  const higher = <T extends string>(
    order: readonly T[],
    a: T | undefined,
    b: T | undefined,
  ): T | undefined =>
    a === undefined ? b : b === undefined ? a : order.indexOf(b) > order.indexOf(a) ? b : a;
  for (const risk of risks) {
    const reversibility = higher(REVERSIBILITY, merged.reversibility, risk.reversibility);
    if (reversibility) merged.reversibility = reversibility;
    const blast = higher(BLAST_RADIUS, merged.blast_radius, risk.blast_radius);
    if (blast) merged.blast_radius = blast;
    const sensitivity = higher(SENSITIVITY, merged.sensitivity, risk.sensitivity);
    if (sensitivity) merged.sensitivity = sensitivity;
    const precedent = higher(PRECEDENT, merged.precedent, risk.precedent);
    if (precedent) merged.precedent = precedent;
    if (risk.cost !== undefined) merged.cost = Math.max(merged.cost ?? 0, risk.cost);
    if (risk.external !== undefined) merged.external = merged.external === true || risk.external;
  }
  return merged;
}

function unknownRisk(policy: Policy): RiskFactors {
  const entries = policy.actions.filter((entry) => entry.kind === UNKNOWN_KIND && entry.match === undefined);
  return entries.length === 0 ? { ...DEFAULT_UNKNOWN_RISK } : mergeRisk(entries.map((entry) => entry.risk));
}

function isBuiltIn(tool: string): boolean {
  return (BUILT_IN_TOOLS as readonly string[]).includes(tool);
}

function classifyPart(policy: Policy, call: ToolCall, part: RawPart): ClassifiedPart {
  const base = { text: part.text };
  if (part.guard !== undefined) {
    return {
      ...base,
      kind: GATEHOUSE_CONFIG_KIND,
      risk: { ...GATEHOUSE_CONFIG_RISK },
      reason: `it touches ${part.guard}, part of the agent's own gate: a person decides`,
      tier: 'approve',
    };
  }
  if (part.unfollowable !== undefined) {
    const risk = unknownRisk(policy);
    return {
      ...base,
      kind: UNKNOWN_KIND,
      risk,
      reason: part.unfollowable,
      tier: evaluatePartTier(policy, UNKNOWN_KIND, risk),
    };
  }
  let best: ClassifiedPart | undefined;
  for (const entry of policy.actions) {
    const compiledEntry = compileEntry(entry);
    if (!compiledEntry || !entryMatches(compiledEntry, call.tool, part, call.cwd)) continue;
    const tier = evaluatePartTier(policy, entry.kind, entry.risk);
    if (best === undefined || compareTiers(tier, best.tier ?? 'proceed') > 0)
      best = { ...base, kind: entry.kind, risk: { ...entry.risk }, tier };
  }
  if (best) return best;
  if (!isBuiltIn(call.tool)) {
    const risk = unknownRisk(policy);
    return {
      ...base,
      kind: UNKNOWN_KIND,
      risk,
      reason: `${call.tool} is not one of Claude Code's built-in tools and no actions: entry matches it`,
      tier: evaluatePartTier(policy, UNKNOWN_KIND, risk),
    };
  }
  return { ...base, kind: undefined, risk: {}, tier: evaluatePartTier(policy, undefined, {}) };
}

/** Classifies a tool call under the policy's `actions:` and tells its tier; pure, no I/O. */
export function assessToolCall(
  policy: Policy,
  call: ToolCall,
  options: ClassifyOptions = {},
): ToolCallAssessment {
  const parts = rawParts(call, options).map((part) => classifyPart(policy, call, part));
  let top: ClassifiedPart | undefined;
  for (const part of parts) {
    if (top === undefined) {
      top = part;
      continue;
    }
    const order = compareTiers(part.tier ?? 'proceed', top.tier ?? 'proceed');
    if (order > 0 || (order === 0 && top.kind === undefined && part.kind !== undefined)) top = part;
  }
  const tier = top?.tier ?? evaluatePartTier(policy, undefined, {});
  return {
    kind: top?.kind,
    risk: mergeRisk(parts.map((part) => part.risk)),
    parts,
    summary: summarize(call),
    tier,
  };
}

/** Classifies a tool call under the policy's `actions:`; pure, no I/O. */
export function classifyToolCall(
  policy: Policy,
  call: ToolCall,
  options: ClassifyOptions = {},
): ToolCallClassification {
  const { tier: _tier, ...classification } = assessToolCall(policy, call, options);
  return classification;
}

function summarize(call: ToolCall): string {
  const input = call.input;
  const first = [
    input.command,
    input.file_path,
    input.notebook_path,
    input.path,
    input.url,
    input.pattern,
    input.query,
  ].find((value): value is string => typeof value === 'string');
  if (first !== undefined) return `${call.tool}: ${shorten(first)}`;
  let json = '';
  try {
    json = JSON.stringify(input) ?? '';
  } catch {
    json = '';
  }
  return json === '' || json === '{}' ? call.tool : `${call.tool}: ${shorten(json)}`;
}
