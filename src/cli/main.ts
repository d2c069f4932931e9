// The `gatehouse` binary: wires the real process into run() and sets the exit code. Nothing else.
import type { Io } from './command.ts';

// V8's compile cache for the bundle's files (Node 22.1+; Node manages it under the temporary
// directory, NODE_DISABLE_COMPILE_CACHE turns it off): a hook call then skips most of compiling its
// file. Node 20 has none, hence the checks; a cache that cannot be enabled is not an error.
process.getBuiltinModule?.('node:module').enableCompileCache?.();

const HELP_AND_DEBUG: readonly string[] = ['--help', '-h', '--debug'];

const argv = process.argv.slice(2);
const common = { cwd: process.cwd(), env: process.env, now: () => new Date() };
// The hook runs before every tool call of an agent, so it loads only its own file of the bundle
// (no Octokit) and touches no stream object; its --help and everything else go through run().
const hook = argv[0] === 'hook' && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
if (hook) {
  process.exitCode = await (await import('./hook-main.ts')).runHookBinary(argv.slice(1), common);
} else {
  // A reader that stops early (`gatehouse audit | head`) closes the pipe: the rest of the output
  // has nowhere to go, which is the reader's choice, not a failure worth a stack trace. The exit
  // code stays run()'s.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      if (stream === process.stdout)
        process.stderr.write(`gatehouse: cannot write the output: ${error.message}\n`);
      process.exitCode = 1;
    });
  }
  const io: Io = {
    ...common,
    stdout: process.stdout,
    stderr: process.stderr,
    // Created when a command reads it (mcp): a stream on stdin costs every other command.
    get stdin() {
      return process.stdin;
    },
  };
  process.exitCode = await (await import('./run.ts')).run(argv, io);
}
