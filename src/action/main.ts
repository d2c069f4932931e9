// The Action's entry (STYLE: the entry only calls run): the real process environment, files,
// clock and console go in; the exit code comes out.
import { appendFile, readFile } from 'node:fs/promises';
import * as requestGates from '../gate/run-request-gate.ts';
import { runAction } from './run.ts';

process.exitCode = await runAction(
  {
    env: process.env,
    readFile: (path) => readFile(path, 'utf8'),
    appendFile: (path, text) => appendFile(path, text, 'utf8'),
    now: () => new Date(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
  requestGates,
);
