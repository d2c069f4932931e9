#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  checkPositionals,
  loadTextFile,
  parseCommandArgs,
  parseText,
  writeWarning
} from "./chunk-KJCRXWLB.mjs";
import {
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  formatPolicyProblem,
  parsePolicy,
  parsePolicyDocument,
  readExtends
} from "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-5Q7N6AK2.mjs";
import {
  loadRepository
} from "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/commands/validate.ts
import { realpath } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
var validateCommand = {
  name: "validate",
  usage: "gatehouse validate [FILE | --config FILE] [--extends-file FILE]",
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
      options: { config: { type: "string" }, "extends-file": { type: "string" } },
      allowPositionals: true,
      strict: true
    });
    checkPositionals(positionals, 1);
    const config = parseText("config", values.config);
    if (config !== void 0 && positionals[0] !== void 0)
      throw new UsageError(`${positionals[0]} and --config ${config} both name the file: give it once`);
    const file = await locatePolicyFile(config ?? positionals[0], io);
    const text = await loadTextFile(file.path, file.shownAs);
    const target = readExtends(text);
    let base;
    const extendsFile = values["extends-file"];
    if (extendsFile !== void 0 && target === void 0) {
      writeWarning(io, `${file.shownAs} has no extends:, so --extends-file ${extendsFile} was not merged`);
    } else if (extendsFile !== void 0) {
      const parsed = parsePolicyDocument(await loadTextFile(resolve(io.cwd, extendsFile), extendsFile), {
        file: extendsFile
      });
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
        return 1;
      }
      base = parsed.document;
    } else if (target !== void 0) {
      writeWarning(
        io,
        `extends: ${target} was not merged (nothing is fetched offline): ${file.shownAs} is checked on its own; pass --extends-file FILE with a copy of it`
      );
    }
    const result = parsePolicy(
      text,
      base === void 0 ? { file: file.shownAs } : { file: file.shownAs, base }
    );
    if (!result.ok) {
      for (const problem of result.problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
      return 1;
    }
    const { policy } = result;
    const rules = `${policy.rules.length} ${policy.rules.length === 1 ? "rule" : "rules"}`;
    const merged = base === void 0 ? "" : `, merged with ${extendsFile}`;
    io.stdout.write(`${file.shownAs}: valid (mode ${policy.mode}, ${rules}${merged})
`);
    return 0;
  }
};
async function locatePolicyFile(given, io) {
  if (given !== void 0) return { path: resolve(io.cwd, given), shownAs: given };
  const cwd = await realpath(io.cwd).catch(() => io.cwd);
  const repository = await loadRepository(io.cwd, io.env);
  const path = join(repository?.dir ?? cwd, DEFAULT_CONFIG_PATH);
  const shownAs = relative(cwd, path);
  return { path, shownAs: shownAs === "" || isAbsolute(shownAs) ? path : shownAs };
}
export {
  validateCommand
};
