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
import "./chunk-E2NGQWWR.mjs";
import {
  checkPositionals,
  parseChoice,
  parseCommandArgs,
  parseText
} from "./chunk-KJCRXWLB.mjs";
import {
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
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

// src/cli/commands/ask.ts
var askCommand = {
  name: "ask",
  usage: "gatehouse ask --title TEXT [--kind K] [--environment E] [--details T] [--rollback T] [--recommendation T] [--option O]... [--cost USD] [--spec FILE] [--on-behalf-of LOGIN] [--agent NAME] [--repo OWNER/NAME] [--sha SHA] [--wait [--timeout D]] [--format text|json]",
  help: `Asks for approval of one action under the policy of the repository's default branch. A kind the
policy lets through (allow:, a proceed or notify tier) is answered at once, with no issue. Otherwise
Gatehouse opens an approval issue (the same request again finds the same issue) and the people
the policy names decide there with /approve, /reject, /modify or /delay. The token's account is the
requester and can never approve, nor can --on-behalf-of; what is declared can raise the risk,
never lower it.

  --title TEXT          the action asked for, in one line (required)
  --kind K              the action kind the policy's rules and allow: list match
  --environment E       the environment the action targets
  --details T           the context: why, what it touches
  --rollback T          how to undo it (required by approve-level rules)
  --recommendation T    what the requester recommends
  --option O            an option the approver can pick (repeat it; "name: description")
  --cost USD            the cost in US dollars, for the cost factor
  --spec FILE           a spec file (front matter and sections) from the working tree
  --on-behalf-of LOGIN  the person the agent acts for: recorded, and never an approver
  --agent NAME          the agent's name, recorded on the issue and in the decision record
  --repo OWNER/NAME     the repository (default: the clone's origin)
  --sha SHA             the commit the request binds to (default: the clone's HEAD, else the
                        default branch's head); another commit asks again
  --wait                wait for a decision, with conditional requests (304s cost no rate limit)
  --timeout D           how long --wait waits (30s, 15m, 2h; default 1h)
  --format text|json    text (default), or JSON: decision, tier, option, modifications, reason,
                        requestUrl, issueNumber, decisionId, resume (the command that waits on)

Needs GITHUB_TOKEN (or GH_TOKEN) with issues: write on the repository; GITHUB_API_URL for
Enterprise Server. Exit codes: 0 approved or auto-approved, 1 rejected, expired or not ready for
approval, 3 pending (the output names the issue and the command that resumes), 2 usage or setup
error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: false,
      options: {
        title: { type: "string" },
        kind: { type: "string" },
        environment: { type: "string" },
        details: { type: "string" },
        rollback: { type: "string" },
        recommendation: { type: "string" },
        option: { type: "string", multiple: true },
        cost: { type: "string" },
        spec: { type: "string" },
        "on-behalf-of": { type: "string" },
        agent: { type: "string" },
        repo: { type: "string" },
        sha: { type: "string" },
        wait: { type: "boolean" },
        timeout: { type: "string" },
        format: { type: "string" }
      }
    });
    checkPositionals(positionals, 0);
    const title = parseText("title", values.title);
    if (title === void 0) throw new UsageError("--title is required: what do you ask to do?");
    const waitMs = parseWait(values.wait, values.timeout);
    const format = parseChoice("format", values.format, ANSWER_FORMATS) ?? "text";
    const repo = parseRepo(values.repo);
    const sha = parseSha(values.sha);
    const onBehalfOf = parseText("on-behalf-of", values["on-behalf-of"]);
    const agent = parseText("agent", values.agent);
    const input = {
      title,
      ...texts({
        kind: parseText("kind", values.kind),
        environment: parseText("environment", values.environment),
        details: parseText("details", values.details),
        rollback: parseText("rollback", values.rollback),
        recommendation: parseText("recommendation", values.recommendation),
        spec: parseText("spec", values.spec)
      }),
      ...values.option === void 0 ? {} : { options: values.option },
      ...values.cost === void 0 ? {} : { cost: parseCost(values.cost) },
      ...onBehalfOf === void 0 ? {} : { onBehalfOf },
      ...agent === void 0 ? {} : { agent }
    };
    const context = await loadCliAgentContext(io, {
      ...repo === void 0 ? {} : { repo },
      ...onBehalfOf === void 0 ? {} : { onBehalfOf },
      ...agent === void 0 ? {} : { agent },
      ...sha === void 0 ? {} : { sha }
    });
    const answer = await asSetup(() => requestApproval(context, input, { waitMs }));
    return writeAnswer(answer, format, io);
  }
};
function texts(fields) {
  return Object.fromEntries(
    Object.entries(fields).filter((entry) => entry[1] !== void 0)
  );
}
function parseCost(value) {
  const cost = Number(value);
  if (value.trim() === "" || !Number.isFinite(cost) || cost < 0)
    throw new UsageError(`--cost must be an amount in US dollars such as 12.50, got "${value}"`);
  return cost;
}
function parseSha(value) {
  if (value === void 0) return void 0;
  if (!/^[0-9a-f]{40}$/i.test(value))
    throw new UsageError(`--sha must be a full 40-digit commit SHA, got "${value}"`);
  return value.toLowerCase();
}
export {
  askCommand
};
