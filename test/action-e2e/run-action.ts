// Runs the bundled Action as a child process, the way a runner runs the composite step of
// action.yml: the step's `env:` mapping is read from action.yml itself and its `${{ inputs.x }}`
// resolved from the scenario's inputs (or action.yml's defaults), next to the variables a runner
// sets (event file, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, …). No shell anywhere: execFile with an
// argument array, so an input reaches the Action only as data. Outputs are parsed from
// GITHUB_OUTPUT exactly as the runner parses that file.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const PROJECT = resolve(import.meta.dirname, '../..');
export const NODE_24 = join(PROJECT, 'node_modules/.bin/node');
export const NODE_20 = '/usr/bin/node';
export const HAS_NODE_20 = existsSync(NODE_20);
/** The default speed-up of the Action's timers in these runs: a 1 s write spacing takes 20 ms. */
export const FAST_TIMERS = 50;
const RUNNER_CLOCK = pathToFileURL(join(import.meta.dirname, 'runner-clock.mjs')).href;

type Json = Record<string, unknown>;

interface ActionYml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value?: string }>;
  runs?: {
    using?: string;
    steps?: { id?: string; run?: string; shell?: string; env?: Record<string, string> }[];
  };
}

export function readActionYml(path = join(PROJECT, 'action.yml')): ActionYml {
  return parse(readFileSync(path, 'utf8')) as ActionYml;
}

/** The one composite step that runs the bundle. */
export function bundleStep(action: ActionYml) {
  const steps = action.runs?.steps ?? [];
  const step = steps.find((candidate) => candidate.run?.includes('dist/action.mjs'));
  if (action.runs?.using !== 'composite' || step === undefined)
    throw new Error('action.yml: expected a composite action with a step that runs dist/action.mjs');
  return step;
}

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * The values the runner would give an expression of the step's `env:`: `inputs.<name>` from the
 * scenario or the input's default (whose own `github.token` is the scenario's token), and the
 * `github.*` contexts the Action may map. Anything else is an error: this test knows no more.
 */
export function resolveStepEnv(
  action: ActionYml,
  inputs: Record<string, string>,
  github: Record<string, string>,
): Record<string, string> {
  const declared = action.inputs ?? {};
  for (const name of Object.keys(inputs))
    if (!(name in declared)) throw new Error(`input ${name} is not declared in action.yml`);
  const evaluate = (expression: string, depth: number): string => {
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression);
    if (input) {
      const name = input[1] ?? '';
      if (!(name in declared)) throw new Error(`\${{ ${expression} }}: no such input in action.yml`);
      if (name in inputs) return inputs[name] ?? '';
      const fallback = declared[name]?.default ?? '';
      return depth > 0 ? '' : substitute(String(fallback), depth + 1);
    }
    const context = /^github\.([A-Za-z0-9_]+)$/.exec(expression);
    if (context && (context[1] ?? '') in github) return github[context[1] ?? ''] ?? '';
    throw new Error(`\${{ ${expression} }}: not an expression this runner stand-in evaluates`);
  };
  const substitute = (text: string, depth: number) =>
    text.replace(EXPRESSION, (_whole, expression: string) => evaluate(expression, depth));
  return Object.fromEntries(
    Object.entries(bundleStep(action).env ?? {}).map(([name, value]) => [name, substitute(String(value), 0)]),
  );
}

/**
 * GITHUB_OUTPUT as the runner reads it (FileCommandManager): `NAME=VALUE` lines, or
 * `NAME<<DELIMITER` followed by lines up to one that is exactly the delimiter; a later value
 * of a name replaces an earlier one. Throws where the runner fails the step.
 */
export function parseOutputFile(text: string): { outputs: Record<string, string>; names: string[] } {
  const outputs: Record<string, string> = {};
  const names: string[] = [];
  let index = 0;
  const readLine = (): { line: string; newline: string } | undefined => {
    if (index >= text.length) return undefined;
    const end = text.indexOf('\n', index);
    if (end === -1) {
      const line = text.slice(index);
      index = text.length;
      return { line, newline: '' };
    }
    const crlf = end > index && text[end - 1] === '\r';
    const line = text.slice(index, crlf ? end - 1 : end);
    index = end + 1;
    return { line, newline: crlf ? '\r\n' : '\n' };
  };
  for (let next = readLine(); next !== undefined; next = readLine()) {
    const { line } = next;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    let key: string;
    let value: string;
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      key = line.slice(0, equals);
      value = line.slice(equals + 1);
    } else if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
      key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (key === '' || delimiter === '') throw new Error(`Invalid format '${line}'`);
      const start = index;
      let end = index;
      let inner = readLine();
      while (inner?.line !== delimiter) {
        if (inner === undefined)
          throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
        if (inner.newline === '') throw new Error('Invalid value. EOF marker missing new line.');
        end = index - inner.newline.length;
        inner = readLine();
      }
      value = end > start ? text.slice(start, end) : '';
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
    if (key === '') throw new Error(`Invalid format '${line}'`);
    names.push(key);
    outputs[key] = value;
  }
  return { outputs, names };
}

/** A webhook payload from @octokit/webhooks-examples, copied, with `overrides` merged in at the top. */
export function anEvent(name: string, action: string | undefined, overrides: Json = {}): Json {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Json[];
  }[];
  const examples = all.find((entry) => entry.name === name)?.examples ?? [];
  const found = examples.find((entry) => action === undefined || entry.action === action);
  if (found === undefined) throw new Error(`no webhook example for ${name}.${action ?? ''}`);
  const copy = structuredClone(found);
  for (const [key, value] of Object.entries(overrides)) {
    const current = copy[key];
    copy[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object'
        ? { ...(current as Json), ...(value as Json) }
        : value;
  }
  return copy;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** Output names in the order written (a name twice would show an injection attempt). */
  outputNames: string[];
  summary: string;
  /** The environment the process ran with (for assertions about the mapping). */
  env: Record<string, string>;
}

export interface ActionInvocation {
  bundle: string;
  apiUrl: string;
  inputs: Record<string, string>;
  eventName: string;
  event: Json;
  node?: string;
  sha?: string;
  actor?: string;
  /** GITHUB_ACTOR_ID: 100 unless given. */
  actorId?: number;
  runId?: number;
  timeoutMs?: number;
  /**
   * Run the composite step's `run:` script with bash as the runner does (`bash --noprofile
   * --norc -eo pipefail <file>`), `node` first on PATH, instead of starting the bundle directly.
   * GITHUB_ACTION_PATH is then the directory above the bundle's `dist/`.
   */
  viaStepScript?: boolean;
  /** Where GITHUB_WORKSPACE points: a temp dir by default. */
  workspace?: string;
  /**
   * How many times sooner the process's timers fire (runner-clock.mjs): write spacing and polls
   * shrink, the clock does not move. Default {@link FAST_TIMERS}; 1 runs with real waits.
   */
  fastTimers?: number;
  /** How far ahead of the real time the process's clock reads: the stand-in's `clockOffsetMs`. */
  clockOffsetMs?: number;
  actionYml?: ActionYml;
}

export async function runAction(invocation: ActionInvocation): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-action-e2e-'));
  try {
    const eventPath = join(dir, 'event.json');
    const outputPath = join(dir, 'github_output');
    const summaryPath = join(dir, 'step_summary');
    writeFileSync(eventPath, JSON.stringify(invocation.event));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const token = 'ghs_standin0000000000000000000000000000';
    const actionPath = invocation.viaStepScript ? resolve(dirname(invocation.bundle), '..') : PROJECT;
    const github = {
      token,
      action_path: actionPath,
      workspace: invocation.workspace ?? dir,
      event_name: invocation.eventName,
      repository: 'acme/shop',
      sha: invocation.sha ?? 'c0ffee0000000000000000000000000000000001',
      api_url: invocation.apiUrl,
      server_url: 'https://github.com',
    };
    const stepEnv = resolveStepEnv(invocation.actionYml ?? readActionYml(), invocation.inputs, github);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: dir,
      GITHUB_EVENT_NAME: invocation.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_OWNER: 'acme',
      GITHUB_SHA: github.sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_ACTOR: invocation.actor ?? 'agent-author',
      GITHUB_ACTOR_ID: String(invocation.actorId ?? 100),
      GITHUB_RUN_ID: String(invocation.runId ?? 9001),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKSPACE: github.workspace,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_API_URL: invocation.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_GRAPHQL_URL: `${invocation.apiUrl}/graphql`,
      ...stepEnv,
    };
    const fastTimers = invocation.fastTimers ?? FAST_TIMERS;
    const clockOffsetMs = invocation.clockOffsetMs ?? 0;
    if (fastTimers !== 1 || clockOffsetMs !== 0) {
      env.NODE_OPTIONS = `--import=${RUNNER_CLOCK}`;
      env.FAST_TIMERS = String(fastTimers);
      env.CLOCK_OFFSET_MS = String(clockOffsetMs);
    }
    const node = invocation.node ?? NODE_24;
    let command = node;
    let args = [invocation.bundle];
    if (invocation.viaStepScript) {
      const script = join(dir, 'step.sh');
      writeFileSync(script, bundleStep(invocation.actionYml ?? readActionYml()).run ?? '');
      env.PATH = `${dirname(node)}:${env.PATH}`;
      command = 'bash';
      args = ['--noprofile', '--norc', '-eo', 'pipefail', script];
    }
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (done) => {
        execFile(
          command,
          args,
          { cwd: github.workspace, env, encoding: 'utf8', timeout: invocation.timeoutMs ?? 30_000 },
          (error, out, err) => {
            const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
            done({ code: status, stdout: out, stderr: err });
          },
        );
      },
    );
    const { outputs, names } = parseOutputFile(readFileSync(outputPath, 'utf8'));
    return {
      code,
      stdout,
      stderr,
      outputs,
      outputNames: names,
      summary: readFileSync(summaryPath, 'utf8'),
      env,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
