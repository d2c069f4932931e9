// The runner's file commands, written by hand (the Actions toolkit is not a dependency): an
// output is `name<<DELIMITER\nvalue\nDELIMITER` appended to $GITHUB_OUTPUT, with a random
// delimiter per value. A value (or name) containing the delimiter is refused: it could end the
// value early and inject more outputs (security-cases G2).
import { randomBytes } from 'node:crypto';

export class FileCommandError extends Error {
  override name = 'FileCommandError';
}

/** `ghadelimiter_<hex>`, as the toolkit spells it. */
export function createDelimiter(random: (size: number) => Buffer = randomBytes): string {
  return `ghadelimiter_${random(16).toString('hex')}`;
}

/** One `name<<delimiter` record for $GITHUB_OUTPUT or $GITHUB_ENV. */
export function renderFileCommand(
  name: string,
  value: string,
  delimiter: string = createDelimiter(),
): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
    throw new FileCommandError(`unexpected output name ${JSON.stringify(name)}`);
  if (value.includes(delimiter))
    throw new FileCommandError(`the value of ${name} contains its delimiter; it was not written`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/**
 * A workflow-command property or message escaped as the runner expects (`%`, CR, LF), so that a
 * login or a comment can never start a second command on the line (`::set-output` and the like).
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
