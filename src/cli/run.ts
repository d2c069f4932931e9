// The CLI: dispatch to one command module, usage and help, and the one place errors become exit
// codes. Expected failures are one line `gatehouse: …`; a stack trace only with --debug.
import { suggest } from '../core/suggest.ts';
import { GitError } from '../local/git.ts';
import { CliError, type Command, type Io, UsageError } from './command.ts';
import { askCommand } from './commands/ask.ts';
import { auditCommand } from './commands/audit.ts';
import { hookCommand } from './commands/hook.ts';
import { mcpCommand } from './commands/mcp.ts';
import { planCommand } from './commands/plan.ts';
import { schemaCommand } from './commands/schema.ts';
import { statusCommand } from './commands/status.ts';
import { syncEnvironmentsCommand } from './commands/sync-environments.ts';
import { validateCommand } from './commands/validate.ts';

export type { Io } from './command.ts';

/** Every command, in the order `gatehouse --help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  planCommand,
  auditCommand,
  syncEnvironmentsCommand,
  askCommand,
  statusCommand,
  hookCommand,
  mcpCommand,
  schemaCommand,
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
      return topic === undefined ? writeUnknown(asked, io) : writeHelp(topic, io);
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
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) return writeUnknown(name, io);
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
