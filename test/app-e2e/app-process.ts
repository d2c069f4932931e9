// The App as its own process (`npm start`'s command, src/app/main.ts), pointed at the GitHub
// simulator as a GitHub Enterprise Server: for what only a real process shows, such as a kill -9
// in the middle of a write. Its log (pino's JSON lines, LOG_LEVEL=info) is kept to wait on.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GitHubSimulator } from '../simulator/github.ts';
import { APP, SECRET } from './app-on-simulator.ts';

const NODE_24 = resolve('node_modules/.bin/node');
/** Preloaded so that timers (the client's 1 s spacing of writes) fire FAST_TIMERS times sooner (not so much sooner that the webhook middleware's 9 s answer of 202 comes before the work). */
const FAST_CLOCK = pathToFileURL(resolve('test/action-e2e/runner-clock.mjs')).href;

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when a line of the App's log contains `text` (no timer: the test's timeout bounds it). */
  logged(text: string): Promise<void>;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  /** kill -9, and resolves when it is gone. */
  kill(): Promise<void>;
}

function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export async function startAppProcess(
  sim: GitHubSimulator,
  privateKey: string,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = await findFreePort();
  const child = spawn(NODE_24, ['--import', FAST_CLOCK, resolve('dist/app.mjs')], {
    cwd: resolve('.'),
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      APP_ID: String(APP.id),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: new URL(sim.url).host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      FAST_TIMERS: '4',
      ...env,
    },
  });
  let output = '';
  const waiting: { text: string; done: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wait of waiting.splice(0)) {
      if (output.includes(wait.text)) wait.done();
      else waiting.push(wait);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  const logged = (text: string) =>
    output.includes(text) ? Promise.resolve() : new Promise<void>((done) => waiting.push({ text, done }));
  await logged('Listening on');
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logged,
    exited: gone,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await gone;
    },
  };
}
