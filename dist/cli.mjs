#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/cli/main.ts
var HELP_AND_DEBUG = ["--help", "-h", "--debug"];
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") return;
    if (stream === process.stdout)
      process.stderr.write(`gatehouse: cannot write the output: ${error.message}
`);
    process.exitCode = 1;
  });
}
var argv = process.argv.slice(2);
var io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  now: () => /* @__PURE__ */ new Date()
};
var hook = argv[0] === "hook" && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
process.exitCode = hook ? await (await import("./cli-chunks/hook-SEHLRTLH.mjs")).runHookCommand(argv.slice(1), io) : await (await import("./cli-chunks/run-JNXJT6WE.mjs")).run(argv, io);
