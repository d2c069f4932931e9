// The hook's stdin and stdout as file descriptors, without Node's stream objects: creating
// process.stdin or process.stdout on a pipe loads net and the streams library, which cost the hook
// (run before every tool call of an agent) about a fifth of Node's own start. Whatever the
// descriptors cannot do synchronously (a non-blocking pipe, EAGAIN) goes through the streams.
import { nodeFs } from '../agent/node-fs.ts';

/** All of stdin, read at once (Claude Code writes the hook JSON and closes the pipe). */
export function readStdinText(): Promise<string> {
  return readFdText(0, process.stdin);
}

/** All of a descriptor; `fallback` is its stream, for what cannot be read synchronously. */
export async function readFdText(
  fd: number,
  fallback: AsyncIterable<unknown> | Iterable<unknown>,
): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(65_536);
      const read = nodeFs().readSync(fd, chunk);
      if (read === 0) return Buffer.concat(chunks).toString('utf8');
      chunks.push(chunk.subarray(0, read));
    }
  } catch (error) {
    // No stdin at all: as process.stdin, an empty input.
    if (errorCode(error) === 'EBADF') return '';
    // EAGAIN (a non-blocking pipe) and the like: the rest through the stream, after what was read.
    for await (const chunk of fallback)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
}

/**
 * A writer on fd 1 or 2 that behaves as process.stdout and process.stderr do in main.ts: a reader
 * that closed the pipe (EPIPE) is its choice; any other failure is said on stderr and calls
 * `failed` (the binary then exits 1).
 */
export function createFdWriter(fd: number, failed: () => void): { write(text: string): boolean } {
  return {
    write(text) {
      let rest = Buffer.from(text, 'utf8');
      try {
        while (rest.length > 0) rest = rest.subarray(nodeFs().writeSync(fd, rest));
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EPIPE') return true;
        if (code === 'EAGAIN') return (fd === 1 ? process.stdout : process.stderr).write(rest);
        if (fd === 1)
          createFdWriter(2, failed).write(
            `gatehouse: cannot write the output: ${(error as Error).message}\n`,
          );
        failed();
      }
      return true;
    },
  };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
