// The agent commands run in-process (`run(argv, io)`) against the GitHub simulator: an agent's
// account with a personal token that can write, a policy on the default branch, alice, bob and
// carol as writers, and an Io whose clock is the simulator's, so `sim.advance` moves both.
// What the tests assert on is what the commands print and what GitHub ends up holding.
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Io, run } from '../../src/cli/run.ts';
import type { Actor } from '../../src/core/model.ts';
import { pushedCommit } from '../simulator/commit-verification.ts';
import { type GitHubSimulator, startGitHubSimulator } from '../simulator/github.ts';
import { HistoryActions } from '../simulator/history-actions.ts';
import { WebhookSender } from '../simulator/webhooks.ts';
import { generateAppKey } from './app-key.ts';
import { users } from './github-fixtures.ts';

/** The agent's account: it asks, it holds the token, it can never approve. */
export const AGENT: Actor = { id: 900, login: 'deploy-agent', type: 'User' };

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AgentScene {
  sim: GitHubSimulator;
  /** The agent's personal token (issues and contents: write). */
  token: string;
  /** A temporary folder: the working directory (not a clone) and the hook's cache under it. */
  dir: string;
  /** The environment every command gets: the token, the simulator's API, the cache folder. */
  env: Record<string, string | undefined>;
  /** An Io on the simulator's clock; `stdin` is the text the command reads. */
  io(options?: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string }): Io & {
    out: () => string;
    err: () => string;
  };
  /** `gatehouse <args>` in-process. */
  gatehouse(
    args: string[],
    options?: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string },
  ): Promise<Ran>;
  issues(): Record<string, unknown>[];
  /** The decision records on the log branch: [path, text]. */
  logRecords(): [string, string][];
  comments(issue: number): string[];
  /** Every wait's sleep, in ms: the commands sleep on the simulator's clock, which moves that much. */
  slept: number[];
  /** What happens while a command sleeps (its nth sleep, from 1): a reviewer answers, say. */
  whileAsleep: (nth: number) => void;
  stop(): Promise<void>;
}

/**
 * The simulator as every agent test needs it: the App installed (whose bot is not the agent), the
 * agent's account, reviewers with write permission and a personal token of the agent that writes.
 */
export async function startAgentSimulator(
  options: { agent?: Actor; writers?: readonly string[] } = {},
): Promise<{ sim: GitHubSimulator; token: string }> {
  const agent = options.agent ?? AGENT;
  const sim = await startGitHubSimulator();
  sim.installApp({
    id: 1_048_576,
    slug: 'gatehouse',
    name: 'Gatehouse',
    privateKey: generateAppKey(),
    installationId: 4242,
    permissions: { issues: 'write' },
    events: [],
    bot: { id: 187_423_551, login: 'gatehouse[bot]', type: 'Bot' },
  });
  sim.state.users[agent.login] = agent;
  for (const login of [...(options.writers ?? ['alice', 'bob', 'carol']), agent.login])
    sim.setPermission(login, 'write');
  return { sim, token: sim.app?.issuePersonalToken(agent, 'write') ?? '' };
}

export async function startAgentScene(policy: string): Promise<AgentScene> {
  const { sim, token } = await startAgentSimulator();
  sim.setFile('.github/gatehouse.yml', policy);
  // A commit on the default branch, which a request without --sha binds to (the hook's). No
  // App listens here, so the push is announced to nobody.
  new HistoryActions(sim, new WebhookSender(sim, { url: 'http://127.0.0.1:9', secret: '' })).writeToBranch(
    sim.state.defaultBranch,
    { '.github/gatehouse.yml': policy },
    'Add a policy',
    pushedCommit(users.dave),
  );
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-agent-'));
  const env = {
    PATH: process.env.PATH,
    GITHUB_TOKEN: token,
    GITHUB_API_URL: `${sim.url}/api/v3`,
    XDG_CACHE_HOME: join(dir, 'cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(dir, '.no-global-gitconfig'),
  };
  const io: AgentScene['io'] = (options = {}) => {
    let out = '';
    let err = '';
    return {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
      cwd: options.cwd ?? dir,
      env: { ...env, ...options.env },
      now: () => new Date(sim.clock),
      sleep: async (ms: number) => {
        sim.advance(ms);
        scene.slept.push(ms);
        scene.whileAsleep(scene.slept.length);
      },
      out: () => out,
      err: () => err,
    };
  };
  const scene: AgentScene = {
    sim,
    token,
    dir,
    env,
    io,
    async gatehouse(args, options) {
      const given = io(options);
      const code = await run(args, given);
      return { code, stdout: given.out(), stderr: given.err() };
    },
    issues: () => [...sim.state.issues.values()],
    logRecords: () =>
      Object.entries(sim.filesOnBranch('gatehouse-log')).filter(
        ([path]) => path.endsWith('.md') && path.startsWith('decisions/'),
      ),
    comments: (issue) => (sim.state.comments.get(issue) ?? []).map((comment) => String(comment.body)),
    slept: [],
    whileAsleep: () => {},
    async stop() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return scene;
}

/** An API URL nothing listens on: a port that was free a moment ago, closed again. */
export async function closedApiUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}/api/v3`;
}
