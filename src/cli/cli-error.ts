// The CLI's expected failures, in a module of their own so that `gatehouse hook` (which must start
// fast) can throw them without loading node:util with the rest of command.ts.

/** An expected failure: one line for the user (without the `gatehouse: ` prefix) and an exit code. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Wrong arguments: exit 2, with the command's usage line. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, 2);
  }
}
