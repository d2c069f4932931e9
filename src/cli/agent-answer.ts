// What `gatehouse ask` and `gatehouse status` share: the wait options, the repository option,
// the agent context from the environment, and the answer printed as text or JSON with the exit
// code of DESIGN §10 (0 approved, 1 rejected/expired/not ready, 3 pending, 2 setup).
import { AgentSetupError, loadAgentContext } from '../agent/load-agent-context.ts';
import type { AgentAnswer, AgentContext } from '../agent/request-approval.ts';
import { parseDuration } from '../core/duration.ts';
import { CliError, type Io, UsageError, writeWarning } from './command.ts';
import { parseRepositoryName } from './github-access.ts';

export const ANSWER_FORMATS = ['text', 'json'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** How long `--wait` waits without `--timeout`: an hour, in case nobody ever answers. */
export const DEFAULT_WAIT_MS = 60 * 60_000;

export function parseWait(wait: boolean | undefined, timeout: string | undefined): number {
  if (timeout !== undefined && wait !== true) throw new UsageError('--timeout needs --wait');
  if (wait !== true) return 0;
  if (timeout === undefined) return DEFAULT_WAIT_MS;
  const ms = parseDuration(timeout);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`--timeout must be a duration such as 30s, 15m or 2h, got "${timeout}"`);
  return ms;
}

export function parseRepo(value: string | undefined): { owner: string; repo: string } | undefined {
  if (value === undefined) return undefined;
  const name = parseRepositoryName(value);
  if (name === undefined)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}

/** The agent's context, setup problems as one line with exit 2. */
export async function loadCliAgentContext(
  io: Io,
  options: { repo?: { owner: string; repo: string }; onBehalfOf?: string; agent?: string; sha?: string },
): Promise<AgentContext> {
  return asSetup(() =>
    loadAgentContext({
      env: io.env,
      cwd: io.cwd,
      now: io.now,
      warn: (message) => writeWarning(io, message),
      ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
      ...(options.repo === undefined ? {} : { repo: options.repo }),
      ...(options.onBehalfOf === undefined ? {} : { onBehalfOf: options.onBehalfOf }),
      ...(options.agent === undefined ? {} : { agent: options.agent }),
      ...(options.sha === undefined ? {} : { sha: options.sha }),
    }),
  );
}

/** Runs agent work; its setup errors become the CLI's exit 2. */
export async function asSetup<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentSetupError) throw new CliError(error.message, 2);
    throw error;
  }
}

export function writeAnswer(answer: AgentAnswer, format: AnswerFormat, io: Io): number {
  if (format === 'json') {
    const { exitCode: _exit, ...fields } = answer;
    io.stdout.write(`${JSON.stringify(fields, null, 2)}\n`);
    return answer.exitCode;
  }
  const lines = [`${answer.decision}${answer.tier === undefined ? '' : ` (tier ${answer.tier})`}`];
  if (answer.option !== undefined) lines.push(`option: ${answer.option}`);
  if (answer.modifications !== undefined) lines.push(`modifications: ${answer.modifications}`);
  if (answer.reason !== undefined) lines.push(`reason: ${answer.reason}`);
  if (answer.requestUrl !== undefined) lines.push(`request: ${answer.requestUrl}`);
  if (answer.resume !== undefined) lines.push(`resume: ${answer.resume}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return answer.exitCode;
}
