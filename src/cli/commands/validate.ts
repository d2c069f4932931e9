// `gatehouse validate [FILE | --config FILE]`: the same parsing and checks as the App and the Action, offline.
// `extends:` names a policy in another repository, which is not fetched: `--extends-file` merges a
// local copy of it; without one the file is checked on its own and a warning says so.
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  formatPolicyProblem,
  type PolicyDocument,
  parsePolicy,
  parsePolicyDocument,
  readExtends,
} from '../../core/policy.ts';
import { DEFAULT_CONFIG_PATH } from '../../core/registry.ts';
import { loadRepository } from '../../local/git.ts';
import {
  type Command,
  checkPositionals,
  type Io,
  loadTextFile,
  parseCommandArgs,
  parseText,
  UsageError,
  writeWarning,
} from '../command.ts';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'gatehouse validate [FILE | --config FILE] [--extends-file FILE]',
  help: `Checks a policy file with the same code the App and the Action use, and prints every
problem as file:line:column path: message, all of them in one run. The file is FILE (or
--config FILE, as plan takes it); it defaults to ${DEFAULT_CONFIG_PATH} at the top of the git
repository (or of the current folder outside git).

Options:
  --config FILE        the policy file to check (the same as naming it as an argument)
  --extends-file FILE  a local copy of the policy that extends: names, merged under the file as
                       Gatehouse would merge it. Without it a file with extends: is checked on
                       its own (nothing is fetched) and a warning says so.

Exit codes: 0 valid, 1 invalid or unreadable, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { config: { type: 'string' }, 'extends-file': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    checkPositionals(positionals, 1);
    const config = parseText('config', values.config);
    if (config !== undefined && positionals[0] !== undefined)
      throw new UsageError(`${positionals[0]} and --config ${config} both name the file: give it once`);
    const file = await locatePolicyFile(config ?? positionals[0], io);
    const text = await loadTextFile(file.path, file.shownAs);
    const target = readExtends(text);

    let base: PolicyDocument | undefined;
    const extendsFile = values['extends-file'];
    if (extendsFile !== undefined && target === undefined) {
      writeWarning(io, `${file.shownAs} has no extends:, so --extends-file ${extendsFile} was not merged`);
    } else if (extendsFile !== undefined) {
      const parsed = parsePolicyDocument(await loadTextFile(resolve(io.cwd, extendsFile), extendsFile), {
        file: extendsFile,
      });
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.stderr.write(`${formatPolicyProblem(problem)}\n`);
        return 1;
      }
      base = parsed.document;
    } else if (target !== undefined) {
      writeWarning(
        io,
        `extends: ${target} was not merged (nothing is fetched offline): ${file.shownAs} is checked on its own; pass --extends-file FILE with a copy of it`,
      );
    }

    const result = parsePolicy(
      text,
      base === undefined ? { file: file.shownAs } : { file: file.shownAs, base },
    );
    if (!result.ok) {
      for (const problem of result.problems) io.stderr.write(`${formatPolicyProblem(problem)}\n`);
      return 1;
    }
    const { policy } = result;
    const rules = `${policy.rules.length} ${policy.rules.length === 1 ? 'rule' : 'rules'}`;
    const merged = base === undefined ? '' : `, merged with ${extendsFile}`;
    io.stdout.write(`${file.shownAs}: valid (mode ${policy.mode}, ${rules}${merged})\n`);
    return 0;
  },
};

/** The file named on the command line, or the policy at the top of the repository. */
async function locatePolicyFile(
  given: string | undefined,
  io: Io,
): Promise<{ path: string; shownAs: string }> {
  if (given !== undefined) return { path: resolve(io.cwd, given), shownAs: given };
  // git reports the top level with symlinks resolved: compare it with the real current folder.
  const cwd = await realpath(io.cwd).catch(() => io.cwd);
  const repository = await loadRepository(io.cwd, io.env);
  const path = join(repository?.dir ?? cwd, DEFAULT_CONFIG_PATH);
  const shownAs = relative(cwd, path);
  return { path, shownAs: shownAs === '' || isAbsolute(shownAs) ? path : shownAs };
}
