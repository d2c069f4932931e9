// What every CLI command is: a name, its usage and help, and a run function over the io the
// entry point passes in. A new command is one module exporting a `Command` and one entry (name, summary, loader) in run.ts.
import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { suggest } from '../core/suggest.ts';
import { CliError, UsageError } from './cli-error.ts';

export { CliError, UsageError } from './cli-error.ts';

/** Everything a command may touch outside itself, so a test can run the CLI in-process. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The process's stdin: what `hook claude-code` reads and `mcp` serves on. */
  stdin?: NodeJS.ReadableStream;
  /** All of stdin at once, when the binary can read it faster than through `stdin` (the hook). */
  readStdin?: () => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** How a command waits between polls (`--wait`); default real timers. Tests move a clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Command {
  name: string;
  /** `gatehouse validate [file] [--extends-file FILE]`. */
  usage: string;
  /** The full `--help` text, after the usage line. */
  help: string;
  /** The exit code: 0 done, 1 failed, 2 usage (ask and status: 3 still pending). */
  run(args: string[], io: Io): Promise<number>;
}

/**
 * node:util parseArgs (strict, as every command calls it) with its errors turned into short
 * usage errors. `--help` never gets here: run.ts answers it for every command.
 */
export function parseCommandArgs<const T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(config);
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(config.options ?? {})));
  }
}

/** At most `max` positional arguments. */
export function checkPositionals(positionals: readonly string[], max: number): void {
  if (positionals.length <= max) return;
  const extra = positionals.slice(max).join(' ');
  throw new UsageError(max === 0 ? `unexpected argument: ${extra}` : `too many arguments: ${extra}`);
}

/** parseArgs's errors in a line, with the closest option for a misspelt one (`--confg`). */
function describeParseError(error: unknown, options: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const close =
        quoted?.startsWith('--') === true
          ? suggest(quoted.slice(2), [...options, 'help', 'debug'])
          : undefined;
      return `unknown option ${quoted ?? message}${close === undefined ? '' : ` (did you mean --${close}?)`}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return quoted === undefined ? message : `option ${quoted.replace(/ <value>$/, '')} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument: ${quoted ?? message}`;
    default:
      return message;
  }
}

/** An option value that must be one of a few words. */
export function parseChoice<const T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
}

/** A non-empty option value, or undefined when the option was not given. */
export function parseText(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`--${name} needs a non-empty value`);
  return value;
}

/** A text file, or a one-line error naming it as the user wrote it. */
export async function loadTextFile(path: string, shownAs: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    switch (code) {
      case 'ENOENT':
      case 'ENOTDIR':
        throw new CliError(`${shownAs}: no such file`);
      case 'EISDIR':
        throw new CliError(`${shownAs}: is a directory, expected a file`);
      case 'EACCES':
      case 'EPERM':
        throw new CliError(`${shownAs}: permission denied`);
      default:
        throw new CliError(
          `${shownAs}: cannot read: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
  }
}

/** One line per call, prefixed like every message of the CLI. */
export function writeWarning(io: Io, message: string): void {
  io.stderr.write(`gatehouse: warning: ${message}\n`);
}
