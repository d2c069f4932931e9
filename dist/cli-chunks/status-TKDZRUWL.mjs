#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  ANSWER_FORMATS,
  asSetup,
  loadCliAgentContext,
  parseRepo,
  parseWait,
  writeAnswer
} from "./chunk-YF2VPOCP.mjs";
import {
  parseRepositoryName
} from "./chunk-E2NGQWWR.mjs";
import {
  checkPositionals,
  parseChoice,
  parseCommandArgs
} from "./chunk-KJCRXWLB.mjs";
import {
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  readApproval
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

// src/cli/commands/status.ts
var statusCommand = {
  name: "status",
  usage: "gatehouse status <url|number> [--repo OWNER/NAME] [--on-behalf-of LOGIN] [--wait [--timeout D]] [--format text|json]",
  help: `Reads the decision on an approval issue that gatehouse ask (or an agent's hook or MCP server)
opened, recomputed from GitHub now: the authorised people's comments, the deadline, the policy
of the default branch. It is the command gatehouse ask prints to resume a wait.

  <url|number>        the issue: its URL, or its number in --repo
  --repo OWNER/NAME   the repository (default: the one in the URL, else the clone's origin)
  --on-behalf-of LOGIN  the person the agent acts for: never an approver, whatever the issue
                      records (the issue is written with the agent's token)
  --wait              wait for a decision, with conditional requests (304s cost no rate limit)
  --timeout D         how long --wait waits (30s, 15m, 2h; default 1h)
  --format text|json  text (default), or JSON: decision, tier, option, modifications, reason,
                      requestUrl, issueNumber, decisionId, resume

Needs GITHUB_TOKEN (or GH_TOKEN); GITHUB_API_URL for Enterprise Server.
Exit codes: 0 approved or auto-approved, 1 rejected, expired or not ready, 3 still pending,
2 usage or setup error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        repo: { type: "string" },
        "on-behalf-of": { type: "string" },
        wait: { type: "boolean" },
        timeout: { type: "string" },
        format: { type: "string" }
      }
    });
    checkPositionals(positionals, 1);
    const [given] = positionals;
    if (given === void 0) throw new UsageError("which request? give its issue URL or number");
    const { issueNumber, repo: fromUrl } = parseIssue(given);
    const repo = parseRepo(values.repo) ?? fromUrl;
    const waitMs = parseWait(values.wait, values.timeout);
    const format = parseChoice("format", values.format, ANSWER_FORMATS) ?? "text";
    const onBehalfOf = values["on-behalf-of"]?.trim();
    const context = await loadCliAgentContext(io, {
      ...repo === void 0 ? {} : { repo },
      ...onBehalfOf === void 0 || onBehalfOf === "" ? {} : { onBehalfOf }
    });
    const answer = await asSetup(() => readApproval(context, issueNumber, { waitMs }));
    return writeAnswer(answer, format, io);
  }
};
function parseIssue(text) {
  const plain = /^#?(\d+)$/.exec(text);
  if (plain?.[1] !== void 0) return { issueNumber: Number(plain[1]) };
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/issues\/(\d+)(?:[/?#].*)?$/.exec(text);
  const repo = url?.[1] === void 0 ? void 0 : parseRepositoryName(url[1]);
  if (url?.[2] !== void 0 && repo !== void 0) return { issueNumber: Number(url[2]), repo };
  throw new UsageError(`expected an issue number or URL, got "${text}"`);
}
export {
  statusCommand
};
