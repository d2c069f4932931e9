// The binary's `gatehouse hook ...`: the hook on the process's file descriptors (fd-stdio.ts), with
// no stream objects. Bundled as one file of its own (scripts/build.ts): it runs before every tool
// call of an agent, and each module file Node loads costs it start time.
import type { Io } from './command.ts';
import { runHookCommand } from './commands/hook.ts';
import { createFdWriter, readStdinText } from './fd-stdio.ts';

/** The exit code; 1 when the answer could not be written (a closed pipe excepted). */
export async function runHookBinary(args: string[], io: Pick<Io, 'cwd' | 'env' | 'now'>): Promise<number> {
  let failed = false;
  const fail = () => {
    failed = true;
  };
  const code = await runHookCommand(args, {
    ...io,
    stdout: createFdWriter(1, fail),
    stderr: createFdWriter(2, fail),
    readStdin: readStdinText,
  });
  return failed ? 1 : code;
}
