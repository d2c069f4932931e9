#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  parseRepositoryName
} from "./chunk-E2NGQWWR.mjs";
import {
  writeWarning
} from "./chunk-KJCRXWLB.mjs";
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  AgentSetupError,
  loadAgentContext
} from "./chunk-UOLUW5BT.mjs";
import {
  parseDuration
} from "./chunk-HJOLEIQ3.mjs";

// src/cli/agent-answer.ts
var ANSWER_FORMATS = ["text", "json"];
var DEFAULT_WAIT_MS = 60 * 6e4;
function parseWait(wait, timeout) {
  if (timeout !== void 0 && wait !== true) throw new UsageError("--timeout needs --wait");
  if (wait !== true) return 0;
  if (timeout === void 0) return DEFAULT_WAIT_MS;
  const ms = parseDuration(timeout);
  if (ms === void 0 || ms <= 0)
    throw new UsageError(`--timeout must be a duration such as 30s, 15m or 2h, got "${timeout}"`);
  return ms;
}
function parseRepo(value) {
  if (value === void 0) return void 0;
  const name = parseRepositoryName(value);
  if (name === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}
async function loadCliAgentContext(io, options) {
  return asSetup(
    () => loadAgentContext({
      env: io.env,
      cwd: io.cwd,
      now: io.now,
      warn: (message) => writeWarning(io, message),
      ...io.sleep === void 0 ? {} : { sleep: io.sleep },
      ...options.repo === void 0 ? {} : { repo: options.repo },
      ...options.onBehalfOf === void 0 ? {} : { onBehalfOf: options.onBehalfOf },
      ...options.agent === void 0 ? {} : { agent: options.agent },
      ...options.sha === void 0 ? {} : { sha: options.sha }
    })
  );
}
async function asSetup(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw new CliError(error.message, 2);
    throw error;
  }
}
function writeAnswer(answer, format, io) {
  if (format === "json") {
    const { exitCode: _exit, ...fields } = answer;
    io.stdout.write(`${JSON.stringify(fields, null, 2)}
`);
    return answer.exitCode;
  }
  const lines = [`${answer.decision}${answer.tier === void 0 ? "" : ` (tier ${answer.tier})`}`];
  if (answer.option !== void 0) lines.push(`option: ${answer.option}`);
  if (answer.modifications !== void 0) lines.push(`modifications: ${answer.modifications}`);
  if (answer.reason !== void 0) lines.push(`reason: ${answer.reason}`);
  if (answer.requestUrl !== void 0) lines.push(`request: ${answer.requestUrl}`);
  if (answer.resume !== void 0) lines.push(`resume: ${answer.resume}`);
  io.stdout.write(`${lines.join("\n")}
`);
  return answer.exitCode;
}

export {
  ANSWER_FORMATS,
  parseWait,
  parseRepo,
  loadCliAgentContext,
  asSetup,
  writeAnswer
};
