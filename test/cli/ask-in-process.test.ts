// `gatehouse ask` and `gatehouse status` run in-process (`run(argv, io)`) with an agent's token
// against the GitHub simulator: every decision path, its exit code and output in both formats,
// and what GitHub ends up holding. The process-level suite (ask-on-simulator.test.ts) proves the
// bundle does the same; this one walks the branches.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY } from '../action-e2e/scenario.ts';
import { AGENT, type AgentScene, closedApiUrl, type Ran, startAgentScene } from '../support/agent-scene.ts';
import { users } from '../support/github-fixtures.ts';

const SHA = 'a'.repeat(40);
const MIGRATION = [
  '--title',
  'Drop orders.status',
  '--kind',
  'migration',
  '--rollback',
  'Restore the column',
];

let scene: AgentScene;

beforeEach(async () => {
  scene = await startAgentScene(POLICY);
});

afterEach(async () => {
  await scene.stop();
});

const ask = (args: string[], env?: Record<string, string | undefined>) =>
  scene.gatehouse(['ask', '--repo', 'acme/shop', '--sha', SHA, ...args], env === undefined ? {} : { env });
const status = (issue: number | string, args: string[] = []) =>
  scene.gatehouse(['status', String(issue), '--repo', 'acme/shop', ...args]);

function json(ran: Ran): Record<string, unknown> {
  expect(ran.stderr).toBe('');
  return JSON.parse(ran.stdout) as Record<string, unknown>;
}

async function pending(extra: string[] = []): Promise<number> {
  const ran = await ask([...MIGRATION, '--format', 'json', ...extra]);
  expect(ran.code).toBe(3);
  return Number(json(ran).issueNumber);
}

describe('gatehouse ask, in-process', () => {
  it('lets an allowed kind through at once with exit 0 and no issue, in text', async () => {
    const ran = await ask(['--title', 'Fix a typo', '--kind', 'docs']);
    expect(ran).toEqual({
      code: 0,
      stdout: 'auto_approved (tier notify)\nreason: kind docs is allowed by the policy\n',
      stderr: '',
    });
    expect(scene.issues()).toEqual([]);
  });

  it('opens an approval issue for an approve-tier request: exit 3, its URL and the command that resumes', async () => {
    const ran = await ask([
      ...MIGRATION,
      '--environment',
      'production',
      '--details',
      'The column is unused since January.',
      '--recommendation',
      'Run it off-peak',
      '--option',
      'now: right away',
      '--option',
      'tonight: at 02:00 UTC',
      '--cost',
      '12.50',
      '--agent',
      'claude-code',
    ]);
    expect(ran.code).toBe(3);
    const [issue] = scene.issues();
    const url = `https://github.com/acme/shop/issues/${issue?.number}`;
    expect(ran.stdout).toBe(
      [
        'pending (tier approve)',
        'reason: waiting for 1 approval from platform',
        `request: ${url}`,
        `resume: gatehouse status ${issue?.number} --repo acme/shop --wait`,
        '',
      ].join('\n'),
    );
    expect(issue).toMatchObject({
      state: 'open',
      title: 'Gatehouse: Drop orders.status',
      user: { login: AGENT.login },
    });
    const body = String(issue?.body);
    for (const line of [
      'Requested by deploy\\-agent (agent claude\\-code) · kind `migration` · environment `production` · commit `aaaaaaaaaaaa`',
      'The column is unused since January.',
      '| cost | 12\\.5 USD | notify | declared by the requester |',
      'Run it off\\-peak',
      '- **b** — tonight: at 02:00 UTC — pick with `/approve b`',
    ])
      expect(body.split('\n')).toContain(line);
  });

  it('refuses a request not ready for approval (no rollback plan): exit 1, no issue', async () => {
    const ran = await ask(['--title', 'Drop orders.status', '--kind', 'migration', '--format', 'json']);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ decision: 'not_ready', reason: expect.stringContaining('rollback') });
    expect(scene.issues()).toEqual([]);
  });

  it('with --wait answers at once when the decision is already there (approved: exit 0)', async () => {
    const issue = await pending();
    scene.sim.addComment(issue, users.alice, '/approve');
    const ran = await ask([...MIGRATION, '--wait', '--timeout', '10m', '--format', 'json']);
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({ decision: 'approved', issueNumber: issue });
    expect(scene.logRecords()).toHaveLength(1);
  });

  it('with --wait, waits on the clock until a reviewer approves: exit 0', async () => {
    scene.whileAsleep = (nth) => {
      if (nth === 2) scene.sim.addComment(Number(scene.issues()[0]?.number), users.alice, '/approve');
    };
    const ran = await ask([...MIGRATION, '--wait', '--format', 'json']);
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({ decision: 'approved', tier: 'approve' });
    expect(scene.slept.length).toBeGreaterThanOrEqual(2);
    expect(scene.logRecords()).toHaveLength(1);
  });

  it('with --wait --timeout, answers pending with exit 3 once the timeout passes, having polled with 304s', async () => {
    const ran = await ask([...MIGRATION, '--wait', '--timeout', '10m', '--format', 'json']);
    expect(ran.code).toBe(3);
    const answer = json(ran);
    expect(answer).toMatchObject({
      decision: 'pending',
      resume: `gatehouse status ${answer.issueNumber} --repo acme/shop --wait`,
    });
    const polls = scene.sim.requests.filter((request) => request.conditional);
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.slice(1).every((request) => request.status === 304 && !request.counted)).toBe(true);
  });

  it('reads a spec file from the working tree: its declared risk cannot lower the rule', async () => {
    writeFileSync(
      join(scene.dir, 'spec.md'),
      '---\nkind: migration\nrisk: { reversibility: revertible, blast_radius: file }\n---\n\n# Drop the column\n',
    );
    const ran = await ask([...MIGRATION, '--spec', 'spec.md', '--format', 'json']);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({ decision: 'pending', tier: 'approve' });
  });

  it('answers auto_approved, naming why, in a repository without a policy', async () => {
    delete scene.sim.state.contents.main?.['.github/gatehouse.yml'];
    const ran = await ask([...MIGRATION, '--format', 'json']);
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({
      decision: 'auto_approved',
      reason: expect.stringContaining('no .github/gatehouse.yml'),
    });
  });
});

describe('gatehouse status, in-process', () => {
  it('is approved once alice says /approve: exit 0, recorded on the log branch, the issue closed', async () => {
    const issue = await pending();
    scene.sim.addComment(issue, users.alice, '/approve');
    const ran = await status(issue);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(
      `approved (tier approve)\nrequest: https://github.com/acme/shop/issues/${issue}\n`,
    );
    const records = scene.logRecords();
    expect(records).toHaveLength(1);
    expect(records[0]?.[1]).toMatch(/decision: approved/);
    expect(scene.sim.state.issues.get(issue)).toMatchObject({ state: 'closed' });
  });

  it('with --wait answers at once when the decision is already there', async () => {
    const issue = await pending();
    scene.sim.addComment(issue, users.bob, '/approve');
    const ran = await status(issue, ['--wait', '--format', 'json']);
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({
      decision: 'approved',
      decisionId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
  });

  it('is rejected by /reject: exit 1 with the reason', async () => {
    const issue = await pending();
    scene.sim.addComment(issue, users.bob, '/reject not during the sale');
    const ran = await status(issue);
    expect(ran.code).toBe(1);
    expect(ran.stdout.split('\n')[0]).toBe('rejected (tier approve)');
    expect(ran.stdout).toContain('reason: ');
    expect(ran.stdout).toContain('not during the sale');
  });

  it('asks for changes on /modify: exit 1 with the modifications', async () => {
    const issue = await pending();
    scene.sim.addComment(issue, users.alice, '/modify run it behind a feature flag');
    const ran = await status(issue);
    expect(ran.code).toBe(1);
    expect(ran.stdout.split('\n')[0]).toBe('changes_requested (tier approve)');
    expect(ran.stdout).toContain('modifications: run it behind a feature flag');
  });

  it('expires when nobody answers before the deadline: exit 1, recorded', async () => {
    const issue = await pending();
    scene.sim.advance(2 * 60 * 60_000);
    const ran = await status(issue, ['--format', 'json']);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ decision: 'expired' });
    expect(scene.logRecords()[0]?.[1]).toMatch(/decision: expired/);
  });

  it('with --wait, sees the deadline pass while it waits: expired, exit 1', async () => {
    const issue = await pending();
    const ran = await status(issue, ['--wait', '--timeout', '2h']);
    expect(ran.code).toBe(1);
    expect(ran.stdout.split('\n')[0]).toBe('expired (tier approve)');
    expect(scene.logRecords()[0]?.[1]).toMatch(/decision: expired/);
  });

  it('reads an issue by its URL (the repository from the URL) and says pending with exit 3', async () => {
    const issue = await pending();
    const ran = await scene.gatehouse([
      'status',
      `https://github.com/acme/shop/issues/${issue}`,
      '--format',
      'json',
    ]);
    expect(ran.code).toBe(3);
    expect(json(ran)).toMatchObject({
      decision: 'pending',
      issueNumber: issue,
      resume: `gatehouse status ${issue} --repo acme/shop --wait`,
    });
  });

  it('exits 2 in one line for an issue that is not an approval request', async () => {
    const plain = scene.sim.addIssue({ title: 'A bug report' });
    const line = `gatehouse: #${plain} in acme/shop is not an approval issue of this account's requests\n`;
    expect(await status(`#${plain}`)).toEqual({ code: 2, stdout: '', stderr: line });
    expect(await status(plain, ['--wait'])).toEqual({ code: 2, stdout: '', stderr: line });
    expect(scene.slept).toEqual([]);
  });
});

describe('usage errors: exit 2, the problem and the usage', () => {
  it.each([
    [['ask', '--repo', 'acme/shop'], 'gatehouse ask: --title is required: what do you ask to do?'],
    [['ask', '--title', ' '], 'gatehouse ask: --title needs a non-empty value'],
    [
      ['ask', '--title', 'x', '--sha', 'abc'],
      'gatehouse ask: --sha must be a full 40-digit commit SHA, got "abc"',
    ],
    [
      ['ask', '--title', 'x', '--cost', 'lots'],
      'gatehouse ask: --cost must be an amount in US dollars such as 12.50, got "lots"',
    ],
    [['ask', '--title', 'x', '--timeout', '1m'], 'gatehouse ask: --timeout needs --wait'],
    [
      ['ask', '--title', 'x', '--wait', '--timeout', 'soon'],
      'gatehouse ask: --timeout must be a duration such as 30s, 15m or 2h, got "soon"',
    ],
    [
      ['ask', '--title', 'x', '--format', 'xml'],
      'gatehouse ask: --format must be one of text, json, got "xml"',
    ],
    [
      ['ask', '--title', 'x', '--repo', 'shop'],
      'gatehouse ask: --repo must be OWNER/NAME, such as acme/shop, got "shop"',
    ],
    [['ask', '--title', 'x', 'extra'], 'gatehouse ask: unexpected argument: extra'],
    [['status'], 'gatehouse status: which request? give its issue URL or number'],
    [['status', 'the-last-one'], 'gatehouse status: expected an issue number or URL, got "the-last-one"'],
    [['status', '1', '2'], 'gatehouse status: too many arguments: 2'],
  ])('%j', async (args, line) => {
    const ran = await scene.gatehouse(args);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const [first, usage, rest] = ran.stderr.split('\n');
    expect(first).toBe(line);
    expect(usage).toMatch(/^usage: gatehouse (ask|status) /);
    expect(rest).toBe('');
    expect(scene.sim.requests).toEqual([]);
  });
});

describe('setup errors: exit 2, one line', () => {
  it('without a token', async () => {
    const ran = await ask(MIGRATION, { GITHUB_TOKEN: undefined, GH_TOKEN: '' });
    expect(ran).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gatehouse: set GITHUB_TOKEN (or GH_TOKEN) to a token that can open issues and comment on the repository\n',
    });
  });

  it('when the API cannot be reached', async () => {
    const ran = await scene.gatehouse(['status', '1', '--repo', 'acme/shop'], {
      env: { GITHUB_API_URL: await closedApiUrl() },
    });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /^gatehouse: GitHub could not be reached reading the token's account \(GET \/user\): .*\(check GITHUB_API_URL and the network\)\n$/,
    );
  });

  it('when GitHub refuses the token', async () => {
    const ran = await ask(MIGRATION, { GITHUB_TOKEN: 'github_pat_revoked' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      "gatehouse: GitHub refused the token (401) reading the token's account (GET /user): set GITHUB_TOKEN to a valid token\n",
    );
  });

  it('when the person the agent acts for is no GitHub user', async () => {
    const ran = await ask([...MIGRATION, '--on-behalf-of', 'nobody-here']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('gatehouse: --on-behalf-of nobody-here: no such GitHub user\n');
    expect(scene.issues()).toEqual([]);
  });

  it('when the spec file is missing', async () => {
    const ran = await ask([...MIGRATION, '--spec', 'nowhere.md']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('gatehouse: --spec nowhere.md: no such file, or it cannot be read\n');
  });

  it('when the token cannot open issues (read-only)', async () => {
    const readOnly = scene.sim.app?.issuePersonalToken(AGENT, 'read');
    const ran = await ask(MIGRATION, { GITHUB_TOKEN: readOnly });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^gatehouse: GitHub answered 403 asking for approval: .*\n$/);
    expect(scene.issues()).toEqual([]);
  });

  it('when the repository cannot be read', async () => {
    const ran = await scene.gatehouse(['ask', '--repo', 'acme/elsewhere', ...MIGRATION]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^gatehouse: reading acme\/elsewhere: not found, or the token cannot read it/);
  });

  it('when the policy on the default branch is invalid', async () => {
    scene.sim.setFile('.github/gatehouse.yml', 'rules: 12\n');
    const ran = await ask(MIGRATION);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^gatehouse: the policy of acme\/shop is invalid: .*rules/);
    expect(ran.stderr.split('\n')).toHaveLength(2);
  });

  it('outside a clone without --repo', async () => {
    const ran = await scene.gatehouse(['ask', ...MIGRATION]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      'gatehouse: which repository? give --repo OWNER/NAME, or run inside a clone whose origin is on GitHub\n',
    );
  });
});
