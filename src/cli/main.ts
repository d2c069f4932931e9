// The `gatehouse` binary: wires the real process into run() and sets the exit code. Nothing else.
import type { Io } from './command.ts';
import { createFdWriter, readStdinText } from './fd-stdio.ts';

const HELP_AND_DEBUG: readonly string[] = ['--help', '-h', '--debug'];

const argv = process.argv.slice(2);
// The hook runs before every tool call of an agent, so it loads only its own modules (a chunk of
// the bundle without Octokit) and reads and writes the file descriptors directly (Node's stream
// objects for a pipe cost it a fifth of Node's start); its --help and everything else go through
// run().
const hook = argv[0] === 'hook' && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
const common = { cwd: process.cwd(), env: process.env, now: () => new Date() };
if (hook) {
  let failed = false;
  const fail = () => {
    failed = true;
  };
  const io: Io = {
    ...common,
    stdout: createFdWriter(1, fail),
    stderr: createFdWriter(2, fail),
    readStdin: readStdinText,
  };
  const code = await (await import('./commands/hook.ts')).runHookCommand(argv.slice(1), io);
  process.exitCode = failed ? 1 : code;
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
    // Created when a command reads it (hook, mcp): a stream on stdin costs every other command.
    get stdin() {
      return process.stdin;
    },
  };
  process.exitCode = await (await import('./run.ts')).run(argv, io);
}
