// The `gatehouse` binary: wires the real process into run() and sets the exit code. Nothing else.
import { run } from './run.ts';

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

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
});
