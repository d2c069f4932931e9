// `gatehouse mcp`: the approval tools served to an MCP client on stdio (DESIGN §10). The SDK is
// loaded only here, with a dynamic import (its own chunks), so no other command pays for it.
import type { Readable, Writable } from 'node:stream';
import { loadAgentContext } from '../../agent/load-agent-context.ts';
import { readApproval, requestApproval } from '../../agent/request-approval.ts';
import {
  CliError,
  type Command,
  checkPositionals,
  parseCommandArgs,
  parseText,
  UsageError,
} from '../command.ts';

declare const __GATEHOUSE_VERSION__: string;

export const mcpCommand: Command = {
  name: 'mcp',
  usage: 'gatehouse mcp [--repo OWNER/NAME] [--agent NAME]',
  help: `Serves the Model Context Protocol on stdin and stdout until stdin closes, for agents that ask
on their own initiative. An MCP client (Claude Code, an IDE, your own agent) starts it as a
command. Tools:
  request_approval   opens (or finds) the approval issue for an action and answers its decision:
                     approved, auto_approved, pending (with the issue's URL), rejected, expired,
                     not_ready; waits up to wait_seconds (at most 50, inside clients' timeouts)
  get_approval       reads the decision of a request by its number or URL, waiting the same way

Requests are decided on GitHub under the policy on the repository's default branch, never the
policy in the working tree. Needs GITHUB_TOKEN (or GH_TOKEN) of the account the agent asks as,
which can open issues on the repository; GITHUB_API_URL points at GitHub Enterprise Server. A
missing token or an unreachable API is answered as a tool error, and the server keeps serving.
Only protocol goes to stdout; diagnostics go to stderr. See docs/agents.md.

Options:
  --repo OWNER/NAME    the repository the requests are opened in (default: the GitHub repository of
                       the clone's origin remote, in the current directory)
  --agent NAME         the agent's name on every request (default: the name the tool call gives,
                       else the MCP client's own name)

Exit codes: 0 stdin closed, 2 usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { repo: { type: 'string' }, agent: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    checkPositionals(positionals, 0);
    const repo = parseText('repo', values.repo);
    const repository = repo === undefined ? undefined : parseRepository(repo);
    const agent = parseText('agent', values.agent);
    if (io.stdin === undefined) throw new CliError('mcp serves on stdin, and this process has none');
    const log = (line: string) => {
      io.stderr.write(`${line}\n`);
    };
    // The SDK is in its own chunks (dist/cli-chunks/), loaded by this command only.
    const { serveGatehouseMcp } = await import('../../mcp/serve-gatehouse-mcp.ts');
    await serveGatehouseMcp(
      {
        version: __GATEHOUSE_VERSION__,
        loadContext: () =>
          loadAgentContext({
            env: io.env,
            cwd: io.cwd,
            now: io.now,
            ...(repository === undefined ? {} : { repo: repository }),
            ...(io.sleep === undefined ? {} : { sleep: io.sleep }),
            warn: (message) => io.stderr.write(`gatehouse mcp: ${message}\n`),
          }),
        requestApproval,
        readApproval,
        ...(agent === undefined ? {} : { agent }),
        log,
      },
      io.stdin as Readable,
      io.stdout as Writable,
    );
    return 0;
  },
};

interface RepositoryName {
  owner: string;
  repo: string;
}

function parseRepository(value: string): RepositoryName {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (match === null) throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { owner: match[1] ?? '', repo: match[2] ?? '' };
}
