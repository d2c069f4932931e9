// The `gatehouse` binary: wires the real process into run() and sets the exit code. Nothing else.
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
});
