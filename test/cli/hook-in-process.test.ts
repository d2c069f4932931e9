// `gatehouse hook claude-code` run in-process (`run(argv, io)`) with Claude Code's real hook JSON
// on stdin, against the GitHub simulator: what Claude Code is told on stdout, the one line on
// stderr, the policy cache and its conditional revalidation (ETags, 304s), and what GitHub ends
// up holding (approval issues, the used mark, the execution comment).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHookCommand } from '../../src/cli/commands/hook.ts';
import { type AgentScene, closedApiUrl, type Ran, startAgentScene } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const POLICY = `mode: ask
allow: [read-only]
reviewers:
  platform: [alice, bob]
rules:
  - name: agent-database
    if: { kinds: [database] }
    level: approve
    reviewers: [platform]
    require: [action]
actions:
  - kind: read-only
    match: { command: [ls, "ls *", "cat *"] }
  - kind: database
    match: { command: ["psql *"] }
    risk: { reversibility: irreversible, blast_radius: production }
`;

const DROP = "psql -c 'drop table users'";
const FIVE_MINUTES = 5 * 60_000;

let scene: AgentScene;

beforeEach(async () => {
  scene = await startAgentScene(POLICY);
});

afterEach(async () => {
  await scene.stop();
});

function preToolUse(command: string, toolUseId = 'toolu_1'): string {
  return JSON.stringify({
    session_id: 'session-1',
    transcript_path: '/tmp/transcript.jsonl',
    cwd: '/work/shop',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'a command' },
    tool_use_id: toolUseId,
  });
}

function postToolUse(command: string, toolUseId: string, response: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 'session-1',
    hook_event_name: 'PostToolUse',
    tool_name: 'Bash',
    tool_input: { command },
    tool_response: response,
    tool_use_id: toolUseId,
  });
}

const hook = (stdin: string, args: string[] = [], env?: Record<string, string | undefined>) =>
  scene.gatehouse(['hook', 'claude-code', '--repo', 'acme/shop', '--wait', '0', ...args], {
    stdin,
    ...(env === undefined ? {} : { env }),
  });

/** Claude Code's answer: the decision and its reason, from the one JSON line on stdout. */
function decided(ran: Ran): { decision: string; reason: string } {
  expect(ran.code).toBe(0);
  const lines = ran.stdout.split('\n');
  expect(lines).toHaveLength(2);
  const output = JSON.parse(lines[0] ?? '') as {
    hookSpecificOutput: {
      hookEventName: string;
      permissionDecision: string;
      permissionDecisionReason: string;
    };
  };
  expect(output.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  return {
    decision: output.hookSpecificOutput.permissionDecision,
    reason: output.hookSpecificOutput.permissionDecisionReason,
  };
}

describe('the PreToolUse hook, in-process against GitHub', () => {
  it('allows a read from the policy it fetched, then from its fresh cache without a request', async () => {
    expect(decided(await hook(preToolUse('ls -la')))).toEqual({
      decision: 'allow',
      reason: 'Gatehouse: proceed tier (read-only: Bash: ls -la)',
    });
    expect(scene.sim.requests.length).toBeGreaterThan(0);
    const served = scene.sim.requests.length;
    const again = await hook(preToolUse('cat README.md'));
    expect(decided(again).decision).toBe('allow');
    expect(again.stderr).toBe('');
    expect(scene.sim.requests).toHaveLength(served);
    expect(scene.issues()).toEqual([]);
  });

  it('revalidates a stale cache with conditional requests (304s), and takes a changed policy', async () => {
    await hook(preToolUse('ls'));
    const fetched = scene.sim.requests.length;
    scene.sim.advance(FIVE_MINUTES + 1000);
    expect(decided(await hook(preToolUse('ls'))).decision).toBe('allow');
    const revalidation = scene.sim.requests.slice(fetched);
    expect(revalidation.length).toBeGreaterThan(0);
    expect(revalidation.map((request) => [request.conditional, request.status])).toEqual(
      revalidation.map(() => [true, 304]),
    );

    // `ls` is a database command now: the next revalidation reads the new file and asks.
    scene.sim.setFile(
      '.github/gatehouse.yml',
      POLICY.replace('[ls, "ls *", "cat *"]', '["cat *"]').replace('["psql *"]', '["psql *", ls]'),
    );
    scene.sim.advance(FIVE_MINUTES + 1000);
    const served = scene.sim.requests.length;
    const changed = decided(await hook(preToolUse('ls')));
    expect(changed.decision).toBe('deny');
    expect(changed.reason).toMatch(
      /^Gatehouse: waiting for approval of Bash: ls \(https:\/\/github\.com\/acme\/shop\/issues\/\d+\)/,
    );
    expect(
      scene.sim.requests
        .slice(served)
        .some(
          (request) => request.path.endsWith('/contents/.github/gatehouse.yml') && request.status === 200,
        ),
    ).toBe(true);
  });

  it('denies an approve-tier call with the URL of the approval issue it opened, and says so on stderr', async () => {
    const ran = await hook(preToolUse(DROP));
    const { decision, reason } = decided(ran);
    const [issue] = scene.issues();
    const url = `https://github.com/acme/shop/issues/${issue?.number}`;
    expect(decision).toBe('deny');
    expect(reason).toBe(
      `Gatehouse: waiting for approval of Bash: ${DROP} (${url}). Do not try another way; once a person has approved it, retry exactly the same command (an approval allows that command once).`,
    );
    expect(ran.stderr).toBe(
      `gatehouse: denied Bash: waiting for approval of Bash: ${DROP} (${url}). Do not try another way; once a person has approved it, retry exactly the same command (an approval allows that command once).\n`,
    );
    expect(issue).toMatchObject({ state: 'open', title: `Gatehouse: Bash: ${DROP}` });
    expect(String(issue?.body)).toContain('(agent claude\\-code)');
  });

  it('allows the same call once after /approve, records its execution with --post, then asks again', async () => {
    await hook(preToolUse(DROP));
    const issue = Number(scene.issues()[0]?.number);
    scene.sim.addComment(issue, users.alice, '/approve');

    const approved = decided(await hook(preToolUse(DROP, 'toolu_2')));
    expect(approved).toEqual({
      decision: 'allow',
      reason: `Gatehouse: approved (https://github.com/acme/shop/issues/${issue})`,
    });
    expect(scene.sim.state.issues.get(issue)).toMatchObject({ state: 'closed' });
    expect(scene.logRecords()).toHaveLength(1);

    const post = await hook(
      postToolUse(DROP, 'toolu_2', { stdout: 'DROP TABLE', stderr: '', interrupted: false }),
      ['--post'],
    );
    expect(post).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(scene.comments(issue).at(-1)).toMatch(/^\*\*Execution:\*\* succeeded \(the tool call completed\)/);
    // Recorded once: the same PostToolUse again writes nothing.
    const comments = scene.comments(issue).length;
    expect(await hook(postToolUse(DROP, 'toolu_2', {}), ['--post'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(scene.comments(issue)).toHaveLength(comments);

    const again = decided(await hook(preToolUse(DROP, 'toolu_3')));
    expect(again.decision).toBe('deny');
    expect(scene.issues()).toHaveLength(2);
  });

  it('with --wait, waits on the clock for the decision and allows the call approved meanwhile', async () => {
    scene.whileAsleep = (nth) => {
      if (nth === 1) scene.sim.addComment(Number(scene.issues()[0]?.number), users.bob, '/approve');
    };
    const ran = await scene.gatehouse(['hook', 'claude-code', '--repo', 'acme/shop', '--wait', '50s'], {
      stdin: preToolUse(DROP),
    });
    expect(decided(ran).decision).toBe('allow');
    expect(scene.slept.length).toBeGreaterThan(0);
  });

  it('records a failed call as failed', async () => {
    await hook(preToolUse(DROP));
    const issue = Number(scene.issues()[0]?.number);
    scene.sim.addComment(issue, users.bob, '/approve');
    expect(decided(await hook(preToolUse(DROP, 'toolu_9'))).decision).toBe('allow');
    expect((await hook(postToolUse(DROP, 'toolu_9', { exitCode: 3 }), ['--post'])).code).toBe(0);
    expect(scene.comments(issue).at(-1)).toMatch(/^\*\*Execution:\*\* failed \(exit 3\)/);
  });

  it('does not let the person the agent acts for approve its call', async () => {
    await hook(preToolUse(DROP), ['--on-behalf-of', 'alice']);
    const issue = Number(scene.issues()[0]?.number);
    expect(String(scene.issues()[0]?.body)).toContain('on behalf of alice');
    scene.sim.addComment(issue, users.alice, '/approve');
    expect(decided(await hook(preToolUse(DROP, 'toolu_2'), ['--on-behalf-of', 'alice'])).decision).toBe(
      'deny',
    );
    scene.sim.addComment(issue, users.bob, '/approve');
    expect(decided(await hook(preToolUse(DROP, 'toolu_3'), ['--on-behalf-of', 'alice'])).decision).toBe(
      'allow',
    );
  });

  it('denies with the changes a reviewer asks for (/modify), and with the reason of a /reject', async () => {
    await hook(preToolUse(DROP));
    const issue = Number(scene.issues()[0]?.number);
    scene.sim.addComment(issue, users.alice, '/modify drop it in a transaction');
    const modified = decided(await hook(preToolUse(DROP, 'toolu_2')));
    expect(modified).toEqual({
      decision: 'deny',
      reason: `Gatehouse: the approver asked for changes to Bash: ${DROP} (https://github.com/acme/shop/issues/${issue}): drop it in a transaction. Change the command accordingly; the changed command is a new request.`,
    });
    scene.sim.addComment(issue, users.bob, '/reject not on a Friday');
    const rejected = decided(await hook(preToolUse(DROP, 'toolu_3')));
    expect(rejected.decision).toBe('deny');
    expect(rejected.reason).toMatch(/^Gatehouse: rejected: .*not on a Friday.*\. Do not run Bash: psql/);
  });

  it('denies a call approved with /delay until the delay is over, then allows it once', async () => {
    await hook(preToolUse(DROP));
    const issue = Number(scene.issues()[0]?.number);
    scene.sim.addComment(issue, users.alice, '/delay 30m');
    const early = decided(await hook(preToolUse(DROP, 'toolu_2')));
    expect(early.decision).toBe('deny');
    expect(early.reason).toMatch(
      /^Gatehouse: approved, but not yet in effect.*Retry exactly the same command later\.$/,
    );
    scene.sim.advance(31 * 60_000);
    expect(decided(await hook(preToolUse(DROP, 'toolu_3'))).decision).toBe('allow');
  });

  it('denies every call while the default branch policy is invalid, naming the problem', async () => {
    scene.sim.setFile('.github/gatehouse.yml', 'rules: 12\nmode: sometimes\n');
    const { decision, reason } = decided(await hook(preToolUse('ls')));
    expect(decision).toBe('deny');
    expect(reason).toMatch(/\(and 1 more\)$/);
    expect(reason).toMatch(
      /^Gatehouse: the policy on the default branch is invalid, so every gated call is denied until it is fixed: \.github\/gatehouse\.yml:1:\d+ rules: /,
    );
  });

  it('allows everything in a repository without a policy', async () => {
    delete scene.sim.state.contents.main?.['.github/gatehouse.yml'];
    expect(decided(await hook(preToolUse(DROP)))).toEqual({
      decision: 'allow',
      reason: 'Gatehouse: acme/shop has no .github/gatehouse.yml on its default branch; nothing is gated',
    });
  });
});

describe('what the hook cannot decide: a deny (or for --post, exit 1) and one line', () => {
  it('input that is not hook JSON', async () => {
    expect(decided(await hook('not json'))).toEqual({
      decision: 'deny',
      reason: 'Gatehouse: the hook input is not JSON (expected Claude Code hook JSON on stdin)',
    });
    expect(await hook('[]', ['--post'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'gatehouse: the hook input is not a JSON object (expected Claude Code hook JSON on stdin)\n',
    });
    expect(scene.sim.requests).toEqual([]);
  });

  it('without a token: no policy to decide by; with a cached policy, reads proceed and the rest is denied', async () => {
    const bare = decided(await hook(preToolUse('ls'), [], { GITHUB_TOKEN: undefined }));
    expect(bare).toEqual({
      decision: 'deny',
      reason:
        'Gatehouse: no policy to decide by: set GITHUB_TOKEN (or GH_TOKEN) for the hook: a token that can read the policy and open issues',
    });
    await hook(preToolUse('ls'));
    expect(decided(await hook(preToolUse('ls'), [], { GITHUB_TOKEN: undefined })).decision).toBe('allow');
    expect(decided(await hook(preToolUse(DROP), [], { GITHUB_TOKEN: undefined }))).toEqual({
      decision: 'deny',
      reason: `Gatehouse: Bash: ${DROP} is approve tier: set GITHUB_TOKEN (or GH_TOKEN) for the hook: a token that can read the policy and open issues`,
    });
    expect(scene.issues()).toEqual([]);
  });

  it('when GitHub cannot be reached: nothing without a cache; from a stale cache, reads only', async () => {
    const down = decided(await hook(preToolUse('ls'), [], { GITHUB_API_URL: await closedApiUrl() }));
    expect(down.decision).toBe('deny');
    expect(down.reason).toMatch(/^Gatehouse: no policy to decide by: cannot read acme\/shop from GitHub: /);

    await hook(preToolUse('ls'));
    scene.sim.advance(FIVE_MINUTES + 1000);
    await scene.sim.close();
    expect(decided(await hook(preToolUse('ls'))).decision).toBe('allow');
    const risky = decided(await hook(preToolUse(DROP)));
    expect(risky.decision).toBe('deny');
    expect(risky.reason).toMatch(
      new RegExp(
        `^Gatehouse: Bash: ${DROP} needs GitHub, which cannot be reached \\(cannot read acme/shop from GitHub: `,
      ),
    );
  });

  it('without a cache directory (no HOME, no XDG_CACHE_HOME): no policy to decide by', async () => {
    const ran = await hook(preToolUse('ls'), [], { XDG_CACHE_HOME: undefined, HOME: undefined });
    expect(decided(ran)).toEqual({
      decision: 'deny',
      reason: 'Gatehouse: no policy to decide by: no cache directory: set XDG_CACHE_HOME or HOME',
    });
  });

  it('without stdin: the input is not hook JSON', async () => {
    const io = scene.io();
    expect(await runHookCommand(['claude-code', '--repo', 'acme/shop'], io)).toBe(0);
    expect(io.out()).toContain('the hook input is not JSON');
  });

  it('the PostToolUse of an approved call without a token: exit 1, naming the issue', async () => {
    await hook(preToolUse(DROP));
    const issue = Number(scene.issues()[0]?.number);
    scene.sim.addComment(issue, users.alice, '/approve');
    expect(decided(await hook(preToolUse(DROP, 'toolu_2'))).decision).toBe('allow');
    const post = await hook(postToolUse(DROP, 'toolu_2', {}), ['--post'], { GITHUB_TOKEN: undefined });
    expect(post).toEqual({
      code: 1,
      stdout: '',
      stderr: `gatehouse: cannot record the execution on issue #${issue}: set GITHUB_TOKEN (or GH_TOKEN) for the hook: a token that can read the policy and open issues\n`,
    });
  });

  it('the PostToolUse of a call that needed no approval costs nothing', async () => {
    expect(await hook(postToolUse('ls', 'toolu_7', {}), ['--post'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(scene.sim.requests).toEqual([]);
  });
});

describe('usage errors: exit 2 (Claude Code blocks the call)', () => {
  it.each([
    [['hook'], 'gatehouse hook: name the agent: hook claude-code'],
    [['hook', 'codex'], 'gatehouse hook: unknown agent "codex": hook claude-code'],
    [['hook', 'claude-code', 'extra'], 'gatehouse hook: too many arguments: extra'],
    [
      ['hook', 'claude-code'],
      'gatehouse hook: --repo OWNER/NAME is required (or GITHUB_REPOSITORY): the repository whose policy gates the agent',
    ],
    [
      ['hook', 'claude-code', '--repo', '../shop'],
      'gatehouse hook: --repo must be OWNER/NAME, such as acme/shop, got "../shop"',
    ],
    [
      ['hook', 'claude-code', '--repo', 'acme/shop', '--wait', 'forever'],
      'gatehouse hook: --wait must be a duration such as 50s or 2m, got "forever"',
    ],
    [
      ['hook', 'claude-code', '--repo', 'acme/shop', '--agent', ''],
      'gatehouse hook: --agent needs a non-empty value',
    ],
    [['hook', 'claude-code', '--repo'], 'gatehouse hook: option --repo needs a value'],
    [['hook', 'claude-code', '--pots'], 'gatehouse hook: unknown option --pots (did you mean --post?)'],
    [['hook', 'claude-code', '-p'], 'gatehouse hook: unknown option -p'],
  ])('%j', async (args, line) => {
    const ran = await scene.gatehouse(args, { stdin: preToolUse('ls') });
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n')[0]).toBe(line);
    // The binary's own entry (main.ts calls runHookCommand, not run) says the same.
    const io = scene.io({ stdin: preToolUse('ls') });
    expect(await runHookCommand(args.slice(1), io)).toBe(2);
    expect(io.err()).toBe(
      `${line}\nusage: gatehouse hook claude-code [--post] [--repo OWNER/NAME] [--wait DURATION] [--agent NAME] [--on-behalf-of LOGIN]\n`,
    );
    expect(scene.sim.requests).toEqual([]);
  });

  it('takes the repository from GITHUB_REPOSITORY, and --wait in minutes or after =', async () => {
    const ran = await scene.gatehouse(['hook', 'claude-code', '--wait=1m'], {
      stdin: preToolUse('ls'),
      env: { GITHUB_REPOSITORY: 'acme/shop' },
    });
    expect(decided(ran).decision).toBe('allow');
  });
});
