#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  nodeFs
} from "./cli-chunks/chunk-A2E3NPA3.mjs";
import "./cli-chunks/chunk-WQRVGDJH.mjs";

// src/cli/fd-stdio.ts
async function readStdinText() {
  const chunks = [];
  try {
    for (; ; ) {
      const chunk = Buffer.allocUnsafe(65536);
      const read = nodeFs().readSync(0, chunk);
      if (read === 0) return Buffer.concat(chunks).toString("utf8");
      chunks.push(chunk.subarray(0, read));
    }
  } catch (error) {
    if (errorCode(error) === "EBADF") return "";
    for await (const chunk of process.stdin)
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString("utf8");
  }
}
function createFdWriter(fd, failed) {
  return {
    write(text) {
      let rest = Buffer.from(text, "utf8");
      try {
        while (rest.length > 0) rest = rest.subarray(nodeFs().writeSync(fd, rest));
      } catch (error) {
        const code = errorCode(error);
        if (code === "EPIPE") return true;
        if (code === "EAGAIN") return (fd === 1 ? process.stdout : process.stderr).write(rest);
        if (fd === 1)
          createFdWriter(2, failed).write(
            `gatehouse: cannot write the output: ${error.message}
`
          );
        failed();
      }
      return true;
    }
  };
}
function errorCode(error) {
  return error?.code;
}

// src/cli/main.ts
var HELP_AND_DEBUG = ["--help", "-h", "--debug"];
var argv = process.argv.slice(2);
var hook = argv[0] === "hook" && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
var common = { cwd: process.cwd(), env: process.env, now: () => /* @__PURE__ */ new Date() };
if (hook) {
  let failed = false;
  const fail = () => {
    failed = true;
  };
  const io = {
    ...common,
    stdout: createFdWriter(1, fail),
    stderr: createFdWriter(2, fail),
    readStdin: readStdinText
  };
  const code = await (await import("./cli-chunks/hook-AQL7U262.mjs")).runHookCommand(argv.slice(1), io);
  process.exitCode = failed ? 1 : code;
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
    // Created when a command reads it (hook, mcp): a stream on stdin costs every other command.
    get stdin() {
      return process.stdin;
    }
  };
  process.exitCode = await (await import("./cli-chunks/run-RQJNU4A2.mjs")).run(argv, io);
}
