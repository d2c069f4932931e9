#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  suggest
} from "./chunk-PIRSD7FP.mjs";

// src/cli/command.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
function parseCommandArgs(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(config.options ?? {})));
  }
}
function checkPositionals(positionals, max) {
  if (positionals.length <= max) return;
  const extra = positionals.slice(max).join(" ");
  throw new UsageError(max === 0 ? `unexpected argument: ${extra}` : `too many arguments: ${extra}`);
}
function describeParseError(error, options) {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const close = quoted?.startsWith("--") === true ? suggest(quoted.slice(2), [...options, "help", "debug"]) : void 0;
      return `unknown option ${quoted ?? message}${close === void 0 ? "" : ` (did you mean --${close}?)`}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return quoted === void 0 ? message : `option ${quoted.replace(/ <value>$/, "")} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument: ${quoted ?? message}`;
    default:
      return message;
  }
}
function parseChoice(name, value, choices) {
  if (value === void 0) return void 0;
  if (choices.includes(value)) return value;
  throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`);
}
function parseText(name, value) {
  if (value === void 0) return void 0;
  if (value.trim() === "") throw new UsageError(`--${name} needs a non-empty value`);
  return value;
}
async function loadTextFile(path, shownAs) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : void 0;
    switch (code) {
      case "ENOENT":
      case "ENOTDIR":
        throw new CliError(`${shownAs}: no such file`);
      case "EISDIR":
        throw new CliError(`${shownAs}: is a directory, expected a file`);
      case "EACCES":
      case "EPERM":
        throw new CliError(`${shownAs}: permission denied`);
      default:
        throw new CliError(
          `${shownAs}: cannot read: ${error instanceof Error ? error.message : String(error)}`
        );
    }
  }
}
function writeWarning(io, message) {
  io.stderr.write(`gatehouse: warning: ${message}
`);
}

export {
  parseCommandArgs,
  checkPositionals,
  parseChoice,
  parseText,
  loadTextFile,
  writeWarning
};
