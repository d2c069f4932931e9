// The `gatehouse` binary: wires the real process into run() and sets the exit code. Nothing else.

const HELP_AND_DEBUG: readonly string[] = ['--help', '-h', '--debug'];

// A reader that stops early (`gatehouse audit | head`) closes the pipe: the rest of the output has
// nowhere to go, which is the reader's choice, not a failure worth a stack trace. The exit code
// stays run()'s.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    if (stream === process.stdout)
      process.stderr.write(`gatehouse: cannot write the output: ${error.message}\n`);
    process.exitCode = 1;
  });
}

const argv = process.argv.slice(2);
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
};
// The hook runs before every tool call of an agent, so it loads only its own modules (a chunk of
// the bundle without Octokit); its --help and everything else go through run().
const hook = argv[0] === 'hook' && !argv.some((arg) => HELP_AND_DEBUG.includes(arg));
process.exitCode = hook
  ? await (await import('./commands/hook.ts')).runHookCommand(argv.slice(1), io)
  : await (await import('./run.ts')).run(argv, io);
