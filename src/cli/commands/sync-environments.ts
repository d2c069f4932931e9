// `gatehouse sync-environments`: the policy's `environments:` applied to GitHub (DESIGN §2, §9).
// Load the policy (the repository's default branch through the API, or a local file) → plan the
// changes against what GitHub has → print them → apply them unless --dry-run.
import { resolve } from 'node:path';
import type { Policy } from '../../core/model.ts';
import {
  formatPolicyProblem,
  type PolicyDocument,
  type PolicyProblem,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends,
} from '../../core/policy.ts';
import { DEFAULT_CONFIG_PATH } from '../../core/registry.ts';
import { createGitHubClient, type GitHubClient } from '../../github/client.ts';
import { applyEnvironmentSync } from '../../github/environment-sync/apply.ts';
import { EnvironmentSyncError } from '../../github/environment-sync/errors.ts';
import {
  type EnvironmentSyncPlan,
  planEnvironmentSync,
  type RepositoryName,
} from '../../github/environment-sync/plan.ts';
import { countEnvironmentChanges, renderEnvironmentSyncPlan } from '../../github/environment-sync/render.ts';
import { loadFile } from '../../github/load-file.ts';
import { loadPolicy } from '../../github/load-policy.ts';
import { describeRequestError, readStatus } from '../../github/request-error.ts';
import {
  CliError,
  type Command,
  checkPositionals,
  type Io,
  loadTextFile,
  parseChoice,
  parseCommandArgs,
  parseText,
  UsageError,
  writeWarning,
} from '../command.ts';
import { parseRepositoryName, readApiUrls, readToken } from '../github-access.ts';

const FORMATS = ['md', 'json'] as const;

interface SyncOptions {
  repository: RepositoryName;
  config?: string;
  ref?: string;
  app?: number | string;
  dryRun: boolean;
  format: (typeof FORMATS)[number];
}

/** What a policy load gives the sync: the policy, and its `environments:` as written when known. */
interface LoadedPolicy {
  policy: Policy;
  declared?: PolicyDocument['environments'];
  shownAs: string;
}

export const syncEnvironmentsCommand: Command = {
  name: 'sync-environments',
  usage:
    'gatehouse sync-environments --repo OWNER/NAME [--config FILE] [--ref REF] [--app SLUG|ID] [--dry-run] [--format md|json]',
  help: `Compares the protection of each environment under environments: in the policy with what GitHub
has, prints the changes (+ added, - removed, ~ changed), and applies them. Only what the policy
sets is managed; a setting it leaves out stays as it is. Required reviewers are the environment's
reviewers: groups plus the reviewers of every rule whose if.environments matches it, so GitHub's
"Review deployments" button asks the same people as /approve. See docs/environment-sync.md.

Needs GITHUB_TOKEN (or GH_TOKEN): a fine-grained token with the Administration permission on the
repository (read for --dry-run, write to apply), and Members: read on the organization when the
policy names teams. GITHUB_API_URL points at GitHub Enterprise Server.

Options:
  --repo OWNER/NAME    the repository whose environments are synced (required)
  --config FILE        use this local policy file instead of the repository's ${DEFAULT_CONFIG_PATH}
  --ref REF            read ${DEFAULT_CONFIG_PATH} from this branch, tag or SHA (default: the
                       repository's default branch)
  --app SLUG|ID        Gatehouse's GitHub App, enabled as the custom deployment protection rule
                       where gate: true (and disabled where gate: false); required by gate: true
  --dry-run            print the changes and apply nothing
  --format md|json     the changes as lines for people (default) or as JSON

Exit codes: 0 synced (or nothing to change), 1 invalid policy or a request GitHub refused,
2 usage error.`,
  async run(args, io) {
    const options = parseSyncOptions(args);
    const name = `${options.repository.owner}/${options.repository.repo}`;
    const github = createClient(io, name);
    const loaded = await loadSyncPolicy(github, options, io);
    if (loaded === undefined) return 1;
    if (Object.keys(loaded.policy.environments).length === 0) {
      io.stderr.write(`gatehouse: ${loaded.shownAs} has no environments: nothing to sync\n`);
      return 0;
    }

    const plan = await synced(() =>
      planEnvironmentSync(github, options.repository, loaded.policy, {
        ...(options.app === undefined ? {} : { app: options.app }),
        ...(loaded.declared === undefined ? {} : { declared: loaded.declared }),
      }),
    );
    const changes = countEnvironmentChanges(plan);
    io.stdout.write(
      options.format === 'json' ? renderJson(name, plan, options.dryRun) : renderEnvironmentSyncPlan(plan),
    );
    if (changes === 0) return 0;
    if (options.dryRun) {
      io.stderr.write(`gatehouse: dry run: ${count(changes, 'change')} to ${name} not applied\n`);
      return 0;
    }
    const result = await synced(() => applyEnvironmentSync(github, options.repository, plan));
    io.stderr.write(
      `gatehouse: applied ${count(result.applied, 'change')} to ${count(result.environments, 'environment')} of ${name}\n`,
    );
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// Options.

function parseSyncOptions(args: string[]): SyncOptions {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      repo: { type: 'string' },
      config: { type: 'string' },
      ref: { type: 'string' },
      app: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  checkPositionals(positionals, 0);
  const repo = parseText('repo', values.repo);
  if (repo === undefined) throw new UsageError('--repo OWNER/NAME is required: the repository to sync');
  const config = parseText('config', values.config);
  const ref = parseText('ref', values.ref);
  if (config !== undefined && ref !== undefined)
    throw new UsageError('--config and --ref exclude each other: read the policy from a file or from a ref');
  const app = parseApp(parseText('app', values.app));
  const options: SyncOptions = {
    repository: parseRepository(repo),
    dryRun: values['dry-run'] === true,
    format: parseChoice('format', values.format, FORMATS) ?? 'md',
  };
  if (config !== undefined) options.config = config;
  if (ref !== undefined) options.ref = ref;
  if (app !== undefined) options.app = app;
  return options;
}

function parseRepository(value: string): RepositoryName {
  const name = parseRepositoryName(value);
  if (name === undefined)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}

/** An App id (digits) or slug (as in github.com/apps/SLUG). */
function parseApp(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (/^[1-9]\d{0,11}$/.test(value)) return Number(value);
  if (/^[a-z0-9][a-z0-9-]*$/i.test(value)) return value;
  throw new UsageError(
    `--app must be the App's slug (as in github.com/apps/SLUG) or numeric id, got "${value}"`,
  );
}

// ---------------------------------------------------------------------------------------------
// GitHub.

function createClient(io: Io, name: string): GitHubClient {
  const token = readToken(io.env);
  if (token === undefined) {
    throw new CliError(
      `sync-environments changes ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token with the Administration permission on it (read for --dry-run, write to apply)`,
    );
  }
  const { baseUrl } = readApiUrls(io.env);
  const warn = (message: string) => writeWarning(io, message);
  return createGitHubClient({
    auth: token,
    // A sync makes a handful of writes, one after another; spacing each a second apart (GitHub's
    // advice for bulk writes) would only slow it down. Rate limits are still waited out (capped).
    spaceWrites: false,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    // Rate-limit waits and give-ups are worth a line on stderr; request chatter is not.
    log: { debug: ignore, info: ignore, warn, error: warn },
  });
}

function ignore(): void {}

/** Library refusals as one CLI line each; the last line carries the exit. */
async function synced<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EnvironmentSyncError) throw new CliError(error.problems.join('\ngatehouse: '));
    throw error;
  }
}

/** The repository's default branch, which also tells a missing repository from a missing environment. */
async function loadDefaultBranch(github: GitHubClient, repository: RepositoryName): Promise<string> {
  const name = `${repository.owner}/${repository.repo}`;
  try {
    const { data } = await github.request('GET /repos/{owner}/{repo}', { ...repository });
    return data.default_branch;
  } catch (error) {
    const status = readStatus(error);
    if (status === 404)
      throw new CliError(
        `${name}: no such repository, or the token cannot read it (GitHub answers 404 for both)`,
      );
    if (status === 401)
      throw new CliError(`GitHub refused the token (401): set GITHUB_TOKEN to a token that can read ${name}`);
    throw new CliError(`reading ${name} from GitHub failed: ${describeRequestError(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The policy.

/** The policy to sync; undefined when it is invalid or absent (already said on stderr). */
async function loadSyncPolicy(
  github: GitHubClient,
  options: SyncOptions,
  io: Io,
): Promise<LoadedPolicy | undefined> {
  const defaultBranch = await loadDefaultBranch(github, options.repository);
  if (options.config !== undefined) return loadLocalPolicy(github, options.config, io);
  const ref = options.ref ?? defaultBranch;
  const name = `${options.repository.owner}/${options.repository.repo}`;
  const loaded = await loadPolicy(github, {
    ...options.repository,
    defaultBranch,
    ref,
    path: DEFAULT_CONFIG_PATH,
  });
  switch (loaded.state) {
    case 'absent':
      io.stderr.write(
        `gatehouse: ${name} has no ${DEFAULT_CONFIG_PATH} on ${ref}: nothing to sync (or pass --config FILE)\n`,
      );
      return undefined;
    case 'unreadable':
      throw new CliError(`cannot read the policy of ${name}: ${loaded.error}`);
    case 'invalid':
      return printProblems(loaded.problems, io);
    case 'valid':
      return {
        policy: loaded.policy,
        ...(loaded.document.environments === undefined ? {} : { declared: loaded.document.environments }),
        shownAs: `${name}:${DEFAULT_CONFIG_PATH}@${ref}`,
      };
  }
}

/** A local policy file; its `extends:` is read through the API, as Gatehouse would read it. */
async function loadLocalPolicy(
  github: GitHubClient,
  config: string,
  io: Io,
): Promise<LoadedPolicy | undefined> {
  const text = await loadTextFile(resolve(io.cwd, config), config);
  const extended = readExtends(text);
  const target = extended === undefined ? undefined : parseExtendsTarget(extended);
  let base: PolicyDocument | undefined;
  if (target !== undefined && !('error' in target)) {
    const baseFile = `${target.owner}/${target.repo}:${target.path}`;
    const file = await loadFile(github, target);
    if (file.kind !== 'file') {
      const why = file.kind === 'missing' ? 'not found' : file.kind === 'error' ? file.error : file.reason;
      throw new CliError(`${config}: extends: ${baseFile}: ${why}`);
    }
    const document = parsePolicyDocument(file.text, { file: baseFile });
    if (!document.ok) return printProblems(document.problems, io);
    base = document.document;
  }
  const parsed = parsePolicy(text, base === undefined ? { file: config } : { file: config, base });
  if (!parsed.ok) return printProblems(parsed.problems, io);
  return {
    policy: parsed.policy,
    shownAs: config,
    ...(parsed.document.environments === undefined ? {} : { declared: parsed.document.environments }),
  };
}

function printProblems(problems: PolicyProblem[], io: Io): undefined {
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}\n`);
  io.stderr.write(
    `gatehouse: the policy is invalid (${count(problems.length, 'problem')}): nothing was synced\n`,
  );
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Output.

function renderJson(repository: string, plan: EnvironmentSyncPlan, dryRun: boolean): string {
  return `${JSON.stringify({ repository, dryRun, changes: countEnvironmentChanges(plan), ...plan }, null, 2)}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
