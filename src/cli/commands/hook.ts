// `gatehouse hook claude-code [--post]`: Claude Code's PreToolUse (and PostToolUse) hook (DESIGN
// §10). Reads the hook JSON on stdin, answers Claude Code's hook JSON on stdout. It runs before
// every tool call, so its fast path (a proceed-tier call under a fresh cached policy) loads no
// GitHub client: Octokit and the request code are imported only when the network is needed.

import {
  answerPreToolUse,
  type HookDeps,
  type HookInput,
  type HookSettings,
  parseHookInput,
  recordPostToolUse,
  renderPreToolUse,
} from '../../agent/claude-code-hook.ts';
import { loadCachedPolicy, resolveCacheDir } from '../../agent/policy-cache.ts';
import type { AgentContext } from '../../agent/request-approval.ts';
import { assessToolCall } from '../../core/classify-tool-call.ts';
import { DEFAULT_CONFIG_PATH } from '../../core/registry.ts';
import { suggest } from '../../core/suggest.ts';
import type { GitHubClient } from '../../github/client.ts';
import { UsageError } from '../cli-error.ts';
import type { Command, Io } from '../command.ts';

/** Inside Claude Code's hook time limit (the settings below give the hook 60 s). */
export const DEFAULT_WAIT_MS = 50_000;
const DEFAULT_API = 'https://api.github.com';

export const hookCommand: Command = {
  name: 'hook',
  usage:
    'gatehouse hook claude-code [--post] [--repo OWNER/NAME] [--wait DURATION] [--agent NAME] [--on-behalf-of LOGIN]',
  help: `Reads Claude Code's hook JSON on stdin and answers it on stdout. The tool call is classified
under the actions: of ${DEFAULT_CONFIG_PATH} on the repository's default branch (read through the
API and cached under $XDG_CACHE_HOME/gatehouse, never from the working tree). Proceed tier: allow.
Notify tier: allow, recorded on GitHub. Approve tier: an approval issue is opened (or found) and
waited on up to --wait; approved: allow, once; otherwise deny with the reason and the request's
URL. See docs/agents.md#claude-code for the .claude/settings.json lines.

Needs GITHUB_TOKEN (or GH_TOKEN) for anything above the proceed tier, and to refresh the cached
policy; GITHUB_API_URL points at GitHub Enterprise Server.

Options:
  --post               the PostToolUse hook: record an approved call's outcome on its approval
                       issue (a call that needed no approval costs nothing)
  --repo OWNER/NAME    the repository whose policy and approval issues are used (default:
                       $GITHUB_REPOSITORY)
  --wait DURATION      how long to wait for a decision before denying as pending (default 50s;
                       keep it under the hook's timeout)
  --agent NAME         the agent named on requests (default: claude-code)
  --on-behalf-of LOGIN the person the agent acts for (who may not approve)

Exit codes: 0 with a decision on stdout (deny included), 2 usage error (Claude Code blocks the call).`,
  run: (args, io) => runClaudeCodeHook(args, io),
};

interface HookOptions extends HookSettings {
  post: boolean;
}

const VALUE_OPTIONS = ['repo', 'wait', 'agent', 'on-behalf-of'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * The hook's few options, parsed by hand: node:util (parseArgs) costs the hook's start about a
 * fifth of Node's own, and this runs before every tool call. Same messages as parseCommandArgs.
 */
function parseHookArgs(args: string[]): {
  values: Partial<Record<ValueOption, string>> & { post?: boolean };
  positionals: string[];
} {
  const values: Partial<Record<ValueOption, string>> & { post?: boolean } = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'post' && inline === undefined) {
      values.post = true;
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      const close = suggest(name, ['post', ...VALUE_OPTIONS, 'help', 'debug']);
      throw new UsageError(
        `unknown option --${name}${close === undefined ? '' : ` (did you mean --${close}?)`}`,
      );
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`option --${name} needs a value`);
    values[name as ValueOption] = value;
  }
  return { values, positionals };
}

function parseText(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`--${name} needs a non-empty value`);
  return value;
}

function parseHookOptions(args: string[], io: Io): HookOptions {
  const { values, positionals } = parseHookArgs(args);
  if (positionals[0] !== 'claude-code')
    throw new UsageError(
      positionals[0] === undefined
        ? 'name the agent: hook claude-code'
        : `unknown agent "${positionals[0]}": hook claude-code`,
    );
  if (positionals.length > 1) throw new UsageError(`too many arguments: ${positionals.slice(1).join(' ')}`);
  const repository = parseText('repo', values.repo) ?? io.env.GITHUB_REPOSITORY;
  if (repository === undefined || repository === '')
    throw new UsageError(
      '--repo OWNER/NAME is required (or GITHUB_REPOSITORY): the repository whose policy gates the agent',
    );
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || repository.split('/').some((part) => /^\.+$/.test(part)))
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${repository}"`);
  const wait = parseText('wait', values.wait);
  const waitMs = wait === undefined ? DEFAULT_WAIT_MS : parseWait(wait);
  const onBehalfOf = parseText('on-behalf-of', values['on-behalf-of']);
  return {
    post: values.post === true,
    repository,
    waitMs,
    agent: parseText('agent', values.agent) ?? 'claude-code',
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
  };
}

/**
 * The hook as the binary runs it without run(): the same usage line on a usage error (exit 2,
 * which Claude Code takes as "block the call and tell the agent").
 */
export async function runHookCommand(args: string[], io: Io): Promise<number> {
  try {
    return await runClaudeCodeHook(args, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    io.stderr.write(
      usage
        ? `gatehouse hook: ${error.message}\nusage: ${hookCommand.usage}\n`
        : `gatehouse: unexpected error: ${firstLine(error)}\n`,
    );
    return 2;
  }
}

/**
 * `50s`, `2m`, `0`, or seconds. Parsed here rather than by core/duration.ts, whose pattern lives
 * with the policy schema: the hook's fast path does not load the schema library.
 */
function parseWait(text: string): number {
  const match = /^(\d{1,5})(s|m)?$/.exec(text);
  if (match?.[1] === undefined)
    throw new UsageError(`--wait must be a duration such as 50s or 2m, got "${text}"`);
  return Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000);
}

/** The hook, with every outside effect injectable (tests pass fakes). */
export async function runClaudeCodeHook(
  args: string[],
  io: Io,
  overrides: Partial<HookDeps> = {},
): Promise<number> {
  const options = parseHookOptions(args, io);
  const warn = (message: string) => io.stderr.write(`gatehouse: ${message}\n`);
  const text = await readStdin(io);
  const input = parseHookInput(text);
  if ('problem' in input) {
    warn(input.problem);
    // PostToolUse cannot block: a line for the user is all there is to say.
    if (options.post) return 1;
    io.stdout.write(`${JSON.stringify(renderPreToolUse('deny', `Gatehouse: ${input.problem}`))}\n`);
    return 0;
  }
  const deps = { ...createDeps(options, io, warn), ...overrides };
  return options.post ? post(input, options, deps, warn) : pre(input, options, deps, io, warn);
}

async function pre(
  input: HookInput,
  options: HookOptions,
  deps: HookDeps,
  io: Io,
  warn: (m: string) => void,
) {
  let answer: { decision: 'allow' | 'deny' | 'ask'; reason: string };
  try {
    answer = await answerPreToolUse(input, options, deps);
  } catch (error) {
    // Never a stack trace and never an error exit: Claude Code runs the call when a hook fails.
    answer = { decision: 'deny', reason: `Gatehouse: unexpected error: ${firstLine(error)}` };
  }
  if (answer.decision === 'deny') warn(answer.reason.replace(/^Gatehouse: /, `denied ${input.call.tool}: `));
  io.stdout.write(`${JSON.stringify(renderPreToolUse(answer.decision, answer.reason))}\n`);
  return 0;
}

async function post(input: HookInput, options: HookOptions, deps: HookDeps, warn: (m: string) => void) {
  try {
    const result = await recordPostToolUse(input, {
      ...deps,
      takeToolUse: async (id) => {
        const approval = await deps.takeToolUse(id);
        return approval?.repository === options.repository ? approval : undefined;
      },
    });
    if ('problem' in result) {
      warn(result.problem);
      return 1;
    }
    return 0;
  } catch (error) {
    warn(`cannot record the execution: ${firstLine(error)}`);
    return 1;
  }
}

function createDeps(options: HookOptions, io: Io, warn: (message: string) => void): HookDeps {
  const [owner = '', repo = ''] = options.repository.split('/');
  const api = (io.env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, '');
  const dir = resolveCacheDir(io.env);
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  let client: Promise<GitHubClient> | undefined;
  const connectClient = async (shared = true): Promise<GitHubClient | { unavailable: string }> => {
    if (token === undefined || token === '')
      return {
        unavailable:
          'set GITHUB_TOKEN (or GH_TOKEN) for the hook: a token that can read the policy and open issues',
      };
    if (shared && client !== undefined) return client;
    const created = import('../../github/client.ts').then(({ createGitHubClient }) =>
      createGitHubClient({
        auth: token,
        ...(api === DEFAULT_API ? {} : { baseUrl: api }),
        spaceWrites: false,
        // The hook answers inside Claude Code's time limit: one retry, no long rate-limit waits.
        retries: 1,
        maxWaitSeconds: 5,
        log: { debug: ignore, info: ignore, warn, error: warn },
      }),
    );
    if (!shared) return created;
    client ??= created;
    return client;
  };
  const noCache = () => Promise.reject(new Error('no cache directory: set XDG_CACHE_HOME or HOME'));
  return {
    now: io.now,
    warn,
    loadPolicy: () =>
      dir === undefined
        ? Promise.resolve({ load: undefined, why: 'no cache directory: set XDG_CACHE_HOME or HOME' })
        : loadCachedPolicy(
            { dir, api, owner, repo },
            {
              now: io.now,
              // Its own client: the ETags of the policy's reads apply to those reads only.
              connect: () => connectClient(false),
              fetch: async (...args) => (await import('../../agent/fetch-policy.ts')).fetchPolicy(...args),
              warn,
            },
          ),
    assess: (policy, call) => assessToolCall(policy, call, dir === undefined ? {} : { cacheDir: dir }),
    connect: async (cwd?: string): Promise<AgentContext | { unavailable: string }> => {
      const github = await connectClient();
      if ('unavailable' in github) return github;
      const sha = cwd === undefined ? undefined : await loadCheckoutHead(cwd, io.env);
      return {
        github,
        owner,
        repo,
        now: io.now,
        ...(sha === undefined ? {} : { sha }),
        ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
      };
    },
    requestApproval: async (context, input, wait) =>
      (await import('../../agent/request-approval.ts')).requestApproval(context, input, wait),
    recordExecution: async (context, issueNumber, report) =>
      (await import('../../agent/request-approval.ts')).recordExecution(context, issueNumber, report),
    saveToolUse: async (id, approval) =>
      dir === undefined
        ? noCache()
        : (await import('../../agent/tool-use-state.ts')).saveToolUse(dir, id, approval),
    takeToolUse: async (id) =>
      dir === undefined ? undefined : (await import('../../agent/tool-use-state.ts')).takeToolUse(dir, id),
  };
}

/**
 * The HEAD of the clone Claude Code works in: an approval is for the command on that commit, so
 * what lands on the default branch meanwhile neither opens a second request nor spends the
 * approval, and other work (a new commit) asks again. Outside a clone, or without git: undefined
 * (the request binds to the default branch's head).
 */
async function loadCheckoutHead(cwd: string, env: Io['env']): Promise<string | undefined> {
  try {
    const { loadRepository, loadHeadCommit } = await import('../../local/git.ts');
    const local = await loadRepository(cwd, env);
    const sha = local === undefined ? undefined : (await loadHeadCommit(local))?.sha;
    return sha === undefined || sha === '' ? undefined : sha;
  } catch {
    return undefined;
  }
}

async function readStdin(io: Io): Promise<string> {
  if (io.readStdin !== undefined) return io.readStdin();
  if (io.stdin === undefined) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function ignore(): void {}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
