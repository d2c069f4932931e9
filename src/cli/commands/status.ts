// `gatehouse status`: the decision on an agent's approval issue, now or after waiting (DESIGN §10).
import { readApproval } from '../../agent/request-approval.ts';
import {
  ANSWER_FORMATS,
  asSetup,
  loadCliAgentContext,
  parseRepo,
  parseWait,
  writeAnswer,
} from '../agent-answer.ts';
import {
  type Command,
  checkPositionals,
  type Io,
  parseChoice,
  parseCommandArgs,
  UsageError,
} from '../command.ts';
import { parseRepositoryName } from '../github-access.ts';

export const statusCommand: Command = {
  name: 'status',
  usage:
    'gatehouse status <url|number> [--repo OWNER/NAME] [--on-behalf-of LOGIN] [--wait [--timeout D]] [--format text|json]',
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
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        repo: { type: 'string' },
        'on-behalf-of': { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        format: { type: 'string' },
      },
    });
    checkPositionals(positionals, 1);
    const [given] = positionals;
    if (given === undefined) throw new UsageError('which request? give its issue URL or number');
    const { issueNumber, repo: fromUrl } = parseIssue(given);
    const repo = parseRepo(values.repo) ?? fromUrl;
    const waitMs = parseWait(values.wait, values.timeout);
    const format = parseChoice('format', values.format, ANSWER_FORMATS) ?? 'text';
    const onBehalfOf = values['on-behalf-of']?.trim();
    const context = await loadCliAgentContext(io, {
      ...(repo === undefined ? {} : { repo }),
      ...(onBehalfOf === undefined || onBehalfOf === '' ? {} : { onBehalfOf }),
    });
    const answer = await asSetup(() => readApproval(context, issueNumber, { waitMs }));
    return writeAnswer(answer, format, io);
  },
};

/** `42`, `#42` or `https://github.com/acme/shop/issues/42`. */
function parseIssue(text: string): { issueNumber: number; repo?: { owner: string; repo: string } } {
  const plain = /^#?(\d+)$/.exec(text);
  if (plain?.[1] !== undefined) return { issueNumber: Number(plain[1]) };
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/issues\/(\d+)(?:[/?#].*)?$/.exec(text);
  const repo = url?.[1] === undefined ? undefined : parseRepositoryName(url[1]);
  if (url?.[2] !== undefined && repo !== undefined) return { issueNumber: Number(url[2]), repo };
  throw new UsageError(`expected an issue number or URL, got "${text}"`);
}
