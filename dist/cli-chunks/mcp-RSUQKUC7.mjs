#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  checkPositionals,
  parseCommandArgs,
  parseText
} from "./chunk-KJCRXWLB.mjs";
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  loadAgentContext,
  readApproval,
  requestApproval
} from "./chunk-UOLUW5BT.mjs";
import "./chunk-P5QDFYLV.mjs";
import "./chunk-PRWA52GV.mjs";
import "./chunk-5ODFQQ4B.mjs";
import "./chunk-M37EBWUR.mjs";
import "./chunk-KV42ITB5.mjs";
import "./chunk-GDGY43PI.mjs";
import "./chunk-GKYVHM3Y.mjs";
import "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-7JBWST6E.mjs";
import "./chunk-DQSC6Z5E.mjs";
import "./chunk-AHN5MYWX.mjs";
import "./chunk-3Z6X4TJG.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-OM3FWS3N.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/commands/mcp.ts
var mcpCommand = {
  name: "mcp",
  usage: "gatehouse mcp [--repo OWNER/NAME] [--agent NAME]",
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
      options: { repo: { type: "string" }, agent: { type: "string" } },
      allowPositionals: true,
      strict: true
    });
    checkPositionals(positionals, 0);
    const repo = parseText("repo", values.repo);
    const repository = repo === void 0 ? void 0 : parseRepository(repo);
    const agent = parseText("agent", values.agent);
    if (io.stdin === void 0) throw new CliError("mcp serves on stdin, and this process has none");
    const log = (line) => {
      io.stderr.write(`${line}
`);
    };
    const { serveGatehouseMcp } = await import("./serve-gatehouse-mcp-QSQDKWO4.mjs");
    await serveGatehouseMcp(
      {
        version: "1.0.0",
        loadContext: () => loadAgentContext({
          env: io.env,
          cwd: io.cwd,
          now: io.now,
          ...repository === void 0 ? {} : { repo: repository },
          ...io.sleep === void 0 ? {} : { sleep: io.sleep },
          warn: (message) => io.stderr.write(`gatehouse mcp: ${message}
`)
        }),
        requestApproval,
        readApproval,
        ...agent === void 0 ? {} : { agent },
        log
      },
      io.stdin,
      io.stdout
    );
    return 0;
  }
};
function parseRepository(value) {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (match === null) throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}
export {
  mcpCommand
};
