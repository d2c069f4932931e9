#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/cli/main.ts
process.getBuiltinModule?.("node:module").enableCompileCache?.();
var HELP_AND_DEBUG = ["--help", "-h", "--debug"];
var argv = process.argv.slice(2);
var common = { cwd: process.cwd(), env: process.env, now: () => /* @__PURE__ */ new Date() };
var hook = argv[0] === "hook" && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
if (hook) {
  process.exitCode = await (await import("./cli-chunks/hook-main-XY27Q7RT.mjs")).runHookBinary(argv.slice(1), common);
} else {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE") return;
      if (stream === process.stdout)
        process.stderr.write(`gatehouse: cannot write the output: ${error.message}
`);
      process.exitCode = 1;
    });
  }
  const io = {
    ...common,
    stdout: process.stdout,
    stderr: process.stderr,
    // Created when a command reads it (mcp): a stream on stdin costs every other command.
    get stdin() {
      return process.stdin;
    }
  };
  process.exitCode = await (await import("./cli-chunks/run-E2XNL3W2.mjs")).run(argv, io);
}
