#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import "./chunk-KJCRXWLB.mjs";
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  suggest
} from "./chunk-PIRSD7FP.mjs";
import {
  GitError
} from "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/run.ts
var COMMANDS = [
  {
    name: "validate",
    summary: "check a policy file offline",
    load: async () => (await import("./validate-DX5QQ4X7.mjs")).validateCommand
  },
  {
    name: "plan",
    summary: "show what would be gated on the local change, and the request Gatehouse would post",
    load: async () => (await import("./plan-QIAUPAEI.mjs")).planCommand
  },
  {
    name: "audit",
    summary: "check and summarise the decision records of the gatehouse-log branch",
    load: async () => (await import("./audit-J4H7HOWQ.mjs")).auditCommand
  },
  {
    name: "sync-environments",
    summary: "apply the policy's environments: (reviewers, wait timer, branches, gate) to GitHub",
    load: async () => (await import("./sync-environments-H3EZ65OU.mjs")).syncEnvironmentsCommand
  },
  {
    name: "ask",
    summary: "ask for approval on GitHub before doing something (an agent or a script)",
    load: async () => (await import("./ask-J6SSDYOS.mjs")).askCommand
  },
  {
    name: "status",
    summary: "read (or wait for) the decision on an agent's approval request",
    load: async () => (await import("./status-TKDZRUWL.mjs")).statusCommand
  },
  {
    name: "hook",
    summary: "Claude Code's PreToolUse/PostToolUse hook: gate an agent's tool calls on GitHub",
    load: async () => (await import("./hook-YWNEX3NN.mjs")).hookCommand
  },
  {
    name: "mcp",
    summary: "serve request_approval and get_approval to an agent (an MCP server on stdio)",
    load: async () => (await import("./mcp-RSUQKUC7.mjs")).mcpCommand
  },
  {
    name: "schema",
    summary: "print the JSON Schema of .github/gatehouse.yml",
    load: async () => (await import("./schema-VQ5EBI34.mjs")).schemaCommand
  }
];
var VERSION = "1.0.0";
function renderUsage() {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "usage: gatehouse <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run gatehouse <command> --help (or gatehouse help <command>) for its options.",
    "Global options: --help (-h), --version (-V), --debug (the stack trace of an unexpected error).",
    "validate, plan, schema and audit --git run offline from the local repository (no network, no",
    "token); audit --repo, sync-environments, ask, status, hook and mcp use the GitHub API",
    "(GITHUB_TOKEN).",
    ""
  ].join("\n");
}
var VERSION_FLAGS = ["--version", "-V", "-v", "version"];
var GLOBAL_OPTIONS = ["--help", "--version", "--debug"];
function takeGlobalFlags(argv) {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  return {
    args: [...flags.filter((arg) => arg !== "--debug" && arg !== "--help" && arg !== "-h"), ...rest],
    debug: flags.includes("--debug"),
    help: flags.includes("--help") || flags.includes("-h")
  };
}
async function run(argv, io) {
  const { args, debug, help } = takeGlobalFlags(argv);
  const [name, ...rest] = args;
  if (name === void 0 || name === "help") {
    const asked = name === "help" ? rest[0] : void 0;
    if (asked !== void 0) {
      const topic = COMMANDS.find((command2) => command2.name === asked);
      return topic === void 0 ? writeUnknown(asked, io) : writeHelp(await topic.load(), io);
    }
    if (help || name === "help") {
      io.stdout.write(renderUsage());
      return 0;
    }
    io.stderr.write(renderUsage());
    return 2;
  }
  if (VERSION_FLAGS.includes(name)) {
    io.stdout.write(`${VERSION}
`);
    return 0;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (entry === void 0) return writeUnknown(name, io);
  const command = await entry.load();
  if (help) return writeHelp(command, io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`gatehouse ${command.name}: ${error.message}
usage: ${command.usage}
`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    const expected = error instanceof CliError || error instanceof GitError;
    io.stderr.write(`gatehouse: ${expected ? message : `unexpected error: ${message.split("\n")[0]}`}
`);
    if (debug && error instanceof Error && error.stack !== void 0) io.stderr.write(`${error.stack}
`);
    else if (!expected) io.stderr.write("gatehouse: run again with --debug for the stack trace\n");
    return error instanceof CliError ? error.exitCode : 1;
  }
}
function writeUnknown(name, io) {
  const option = name.startsWith("-");
  const candidates = option ? GLOBAL_OPTIONS.filter((flag) => flag.startsWith("--")) : COMMANDS.map((command) => command.name);
  const close = suggest(option ? name.replace(/^-+/, "") : name, candidates.map(bare));
  const what = option ? `unknown option ${name}${close === void 0 ? "" : ` (did you mean --${close}?)`}` : `unknown command "${name}"${close === void 0 ? "" : ` (did you mean "${close}"?)`}`;
  io.stderr.write(`gatehouse: ${what}
${renderUsage()}`);
  return 2;
}
function bare(flag) {
  return flag.replace(/^-+/, "");
}
function writeHelp(command, io) {
  io.stdout.write(`usage: ${command.usage}

${command.help}
`);
  return 0;
}
export {
  COMMANDS,
  VERSION,
  run
};
