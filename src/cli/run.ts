// The CLI: dispatch to one command module, usage and help, and the one place errors become exit
// codes. Expected failures are one line `gatehouse: …`; a stack trace only with --debug.
import { suggest } from '../core/suggest.ts';
import { GitError } from '../local/git.ts';
import { CliError, type Command, type Io, UsageError } from './command.ts';

export type { Io } from './command.ts';

/** A command's line in `gatehouse --help`, and its module, loaded only when it runs. */
interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load: () => Promise<Command>;
}

/**
 * Every command, in the order `gatehouse --help` lists them. Each module is imported only when
 * its command runs, so a command pays for its own dependencies only: `plan` and `validate` load
 * no Octokit, no MCP server, no agent code.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check a policy file offline',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  {
    name: 'plan',
    summary: 'show what would be gated on the local change, and the request Gatehouse would post',
    load: async () => (await import('./commands/plan.ts')).planCommand,
  },
  {
    name: 'audit',
    summary: 'check and summarise the decision records of the gatehouse-log branch',
    load: async () => (await import('./commands/audit.ts')).auditCommand,
  },
  {
    name: 'sync-environments',
    summary: "apply the policy's environments: (reviewers, wait timer, branches, gate) to GitHub",
    load: async () => (await import('./commands/sync-environments.ts')).syncEnvironmentsCommand,
  },
  {
    name: 'ask',
    summary: 'ask for approval on GitHub before doing something (an agent or a script)',
    load: async () => (await import('./commands/ask.ts')).askCommand,
  },
  {
    name: 'status',
    summary: "read (or wait for) the decision on an agent's approval request",
    load: async () => (await import('./commands/status.ts')).statusCommand,
  },
  {
    name: 'hook',
    summary: "Claude Code's PreToolUse/PostToolUse hook: gate an agent's tool calls on GitHub",
    load: async () => (await import('./commands/hook.ts')).hookCommand,
  },
  {
    name: 'mcp',
    summary: 'serve request_approval and get_approval to an agent (an MCP server on stdio)',
    load: async () => (await import('./commands/mcp.ts')).mcpCommand,
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of .github/gatehouse.yml',
    load: async () => (await import('./commands/schema.ts')).schemaCommand,
  },
];

// Inlined by the bundler and by vitest from package.json, so the bundle carries only the version.
declare const __GATEHOUSE_VERSION__: string;
export const VERSION: string = __GATEHOUSE_VERSION__;

function renderUsage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'usage: gatehouse <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run gatehouse <command> --help (or gatehouse help <command>) for its options.',
    'Global options: --help (-h), --version (-V), --debug (the stack trace of an unexpected error).',
    'validate, plan, schema and audit --git run offline from the local repository (no network, no',
    'token); audit --repo, sync-environments, ask, status, hook and mcp use the GitHub API',
    '(GITHUB_TOKEN).',
    '',
  ].join('\n');
}

const VERSION_FLAGS: readonly string[] = ['--version', '-V', '-v', 'version'];
/** What `gatehouse` takes without a command, for "did you mean". */
const GLOBAL_OPTIONS: readonly string[] = ['--help', '--version', '--debug'];

/** Options that work anywhere before `--`: `--debug` and `--help`/`-h`. */
function takeGlobalFlags(argv: readonly string[]): { args: string[]; debug: boolean; help: boolean } {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  return {
    args: [...flags.filter((arg) => arg !== '--debug' && arg !== '--help' && arg !== '-h'), ...rest],
    debug: flags.includes('--debug'),
    help: flags.includes('--help') || flags.includes('-h'),
  };
}

/** Runs `gatehouse <argv>` and returns the exit code: 0 done, 1 failed, 2 usage error (ask and status: 3 pending). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { args, debug, help } = takeGlobalFlags(argv);
  const [name, ...rest] = args;
  if (name === undefined || name === 'help') {
    const asked = name === 'help' ? rest[0] : undefined;
    if (asked !== undefined) {
      const topic = COMMANDS.find((command) => command.name === asked);
      return topic === undefined ? writeUnknown(asked, io) : writeHelp(await topic.load(), io);
    }
    if (help || name === 'help') {
      io.stdout.write(renderUsage());
      return 0;
    }
    io.stderr.write(renderUsage());
    return 2;
  }
  if (VERSION_FLAGS.includes(name)) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (entry === undefined) return writeUnknown(name, io);
  const command = await entry.load();
  if (help) return writeHelp(command, io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`gatehouse ${command.name}: ${error.message}\nusage: ${command.usage}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    const expected = error instanceof CliError || error instanceof GitError;
    io.stderr.write(`gatehouse: ${expected ? message : `unexpected error: ${message.split('\n')[0]}`}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    else if (!expected) io.stderr.write('gatehouse: run again with --debug for the stack trace\n');
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** `gatehouse valdate`: the usage, after the closest command or global option if one is close. */
function writeUnknown(name: string, io: Io): number {
  const option = name.startsWith('-');
  const candidates = option
    ? GLOBAL_OPTIONS.filter((flag) => flag.startsWith('--'))
    : COMMANDS.map((command) => command.name);
  const close = suggest(option ? name.replace(/^-+/, '') : name, candidates.map(bare));
  const what = option
    ? `unknown option ${name}${close === undefined ? '' : ` (did you mean --${close}?)`}`
    : `unknown command "${name}"${close === undefined ? '' : ` (did you mean "${close}"?)`}`;
  io.stderr.write(`gatehouse: ${what}\n${renderUsage()}`);
  return 2;
}

function bare(flag: string): string {
  return flag.replace(/^-+/, '');
}

function writeHelp(command: Command, io: Io): number {
  io.stdout.write(`usage: ${command.usage}\n\n${command.help}\n`);
  return 0;
}
