// runAction in-process: a runner-like environment, files in memory, GitHub mocked with nock (the
// network disabled, every mock used) and the request-gate orchestration faked, so that each test
// is about what the Action does with what it gets. The bundled Action runs as a process against a
// stand-in of GitHub in test/action-e2e.
import { describe, expect, it, vi } from 'vitest';
import type { RequestGateRun, RequestGates, WaitedRun } from '../../src/action/request-gates.ts';
import {
  type ActionIo,
  explainError,
  explainForbidden,
  readDeployers,
  renderLogLine,
  runAction,
} from '../../src/action/run.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { anIssueComment, aPullRequest, HEAD_SHA, OWNER, REPO, users } from '../support/github-fixtures.ts';

useNock();

const ISSUE_URL = `https://github.com/${OWNER}/${REPO}/issues/12`;

function anIo(env: Record<string, string>, files: Record<string, string> = {}) {
  const lines: string[] = [];
  const written: Record<string, string> = {};
  const io: ActionIo = {
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: HEAD_SHA,
      GITHUB_ACTOR: 'deployer',
      GITHUB_ACTOR_ID: '901',
      GITHUB_OUTPUT: '/runner/output',
      GITHUB_STEP_SUMMARY: '/runner/summary',
      GITHUB_RUN_ID: '5000',
      INPUT_TOKEN: 'ghs_token',
      ...env,
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    appendFile: async (path, text) => {
      written[path] = (written[path] ?? '') + text;
    },
    now: () => new Date('2026-11-20T12:00:00Z'),
    stdout: (line) => lines.push(line),
    stderr: (line) => lines.push(line),
    sleep: async () => {},
  };
  const outputs = () => {
    const result: Record<string, string> = {};
    for (const match of (written['/runner/output'] ?? '').matchAll(/^([a-z-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
      result[match[1] ?? ''] = match[3] ?? '';
    return result;
  };
  return { io, lines, written, outputs };
}

function aRequestRun(overrides: Partial<RequestGateRun> = {}): RequestGateRun {
  return { policy: 'valid', approvers: [], expiredForQueue: [], requests: 3, ...overrides };
}

function someGates(overrides: Partial<RequestGates> = {}): RequestGates {
  return {
    runRequestGate: vi.fn(async () => aRequestRun()),
    runApprovalIssueGate: vi.fn(async () => undefined),
    waitForRequestDecision: vi.fn(async () => ({
      ...aRequestRun(),
      polls: 1,
      notModified: 0,
      timedOut: false,
    })),
    sweepRequestGates: vi.fn(async () => []),
    ...overrides,
  };
}

const pending = aRequestRun({
  state: 'pending',
  tier: 'approve',
  issueNumber: 12,
  issueUrl: ISSUE_URL,
  reason: 'waiting for 1 approval from platform',
  waitingFor: '1 approval from platform',
});

describe('mode request', () => {
  it('fails while pending without wait, with the approval request link', async () => {
    const gates = someGates({ runRequestGate: vi.fn(async () => pending) });
    const { io, lines, outputs, written } = anIo({
      INPUT_MODE: 'request',
      INPUT_TITLE: 'Delete orphaned rows',
      INPUT_KIND: 'data-cleanup',
      INPUT_OPTIONS: 'delete now, skip',
      INPUT_COST: '12',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
    });
    expect(await runAction(io, gates)).toBe(1);
    expect(lines.at(-1)).toBe(
      `::error::waiting for approval: ${ISSUE_URL} (waiting for 1 approval from platform)`,
    );
    const [, target, request, options] = vi.mocked(gates.runRequestGate).mock.calls[0] ?? [];
    expect(target).toEqual({ owner: OWNER, repo: REPO });
    expect(options).toEqual({ checkRun: true, dispatch: true });
    expect(request).toMatchObject({
      gate: { kind: 'request' },
      repository: `${OWNER}/${REPO}`,
      subject: { sha: HEAD_SHA },
      kind: 'data-cleanup',
      action: { text: 'Delete orphaned rows' },
      options: [
        { key: 'a', name: 'delete now' },
        { key: 'b', name: 'skip' },
      ],
      declaredRisk: { cost: 12 },
      requester: { id: 901, login: 'deployer', type: 'User' },
    });
    expect(outputs()).toMatchObject({
      decision: 'pending',
      tier: 'approve',
      approvers: '[]',
      'request-url': ISSUE_URL,
    });
    expect(JSON.parse(outputs().result ?? '{}')).toMatchObject({ mode: 'request', decision: 'pending' });
    expect(written['/runner/summary']).toContain('### Gatehouse: pending (request)');
  });

  it('waits with wait: true and outputs the option and modifications', async () => {
    const decided: WaitedRun = {
      ...aRequestRun({
        state: 'approved',
        tier: 'approve',
        approvers: [users.alice],
        option: { key: 'b', name: 'delete off-peak', description: 'after 22:00' },
        modifications: 'only rows before 2021',
        decisionId: 'gh-42',
        logCommit: 'abc123',
        checkRunId: 77,
        issueUrl: ISSUE_URL,
      }),
      polls: 4,
      notModified: 3,
      timedOut: false,
    };
    const gates = someGates({
      waitForRequestDecision: vi.fn(async (_env, _target, _request, options) => {
        options.onProgress?.(pending, 60_000);
        const { waitingFor: _waiting, ...rest } = pending;
        options.onProgress?.({ ...rest, approvers: [users.alice] }, 90_000);
        return decided;
      }),
    });
    const { io, lines, outputs } = anIo({
      INPUT_MODE: 'request',
      INPUT_TITLE: 'Delete rows',
      INPUT_WAIT: 'true',
      INPUT_TIMEOUT: '2h',
      INPUT_POLL_INTERVAL: '10s',
    });
    expect(await runAction(io, gates)).toBe(0);
    expect(vi.mocked(gates.waitForRequestDecision).mock.calls[0]?.[3]).toMatchObject({
      timeoutMs: 7_200_000,
      pollIntervalMs: 10_000,
      checkRun: true,
      dispatch: true,
    });
    expect(lines).toContain('pending · no approvals yet · waiting for 1 approval from platform · 1h59m left');
    expect(lines).toContain(`pending · approved by @${users.alice.login} · 1h58m30s left`);
    expect(outputs()).toMatchObject({
      decision: 'approved',
      approvers: JSON.stringify([users.alice.login]),
      option: 'delete off-peak',
      modifications: 'only rows before 2021',
      'decision-id': 'gh-42',
      'log-commit': 'abc123',
      'check-run-id': '77',
    });
  });

  it('fails when the wait times out while pending', async () => {
    const gates = someGates({
      waitForRequestDecision: vi.fn(async () => ({ ...pending, polls: 9, notModified: 8, timedOut: true })),
    });
    const { io, lines } = anIo({
      INPUT_MODE: 'request',
      INPUT_TITLE: 'x',
      INPUT_WAIT: 'true',
      INPUT_TIMEOUT: '5m',
    });
    expect(await runAction(io, gates)).toBe(1);
    expect(lines.at(-1)).toBe(`::error::still pending after 5m: ${ISSUE_URL}`);
  });

  it('fails on a rejection with its reason', async () => {
    const gates = someGates({
      runRequestGate: vi.fn(async () => aRequestRun({ state: 'rejected', reason: 'not during the freeze' })),
    });
    const { io, lines } = anIo({ INPUT_MODE: 'request', INPUT_TITLE: 'x' });
    expect(await runAction(io, gates)).toBe(1);
    expect(lines.at(-1)).toBe('::error::rejected: not during the freeze');
  });

  it('reads the spec from the workspace and refuses a path out of it', async () => {
    const gates = someGates({ runRequestGate: vi.fn(async () => aRequestRun({ state: 'auto_approved' })) });
    const spec =
      '---\nkind: migration\nenvironment: staging\n---\n# Drop the column\n\n## Rollback Plan\n\nRestore it.\n';
    const { io } = anIo(
      { INPUT_MODE: 'request', INPUT_SPEC: 'specs/drop.md', GITHUB_WORKSPACE: '/w' },
      { '/w/specs/drop.md': spec },
    );
    expect(await runAction(io, gates)).toBe(0);
    expect(vi.mocked(gates.runRequestGate).mock.calls[0]?.[2]).toMatchObject({
      kind: 'migration',
      gate: { environment: 'staging' },
      spec: { path: 'specs/drop.md' },
    });

    const outside = anIo({ INPUT_MODE: 'request', INPUT_SPEC: '../secrets.md' });
    expect(await runAction(outside.io, gates)).toBe(1);
    expect(outside.lines.at(-1)).toBe(
      '::error::input spec: ../secrets.md leaves the workspace; give a path inside it',
    );

    const missing = anIo({ INPUT_MODE: 'request', INPUT_SPEC: 'nope.md' });
    expect(await runAction(missing.io, gates)).toBe(1);
    expect(missing.lines.at(-1)).toMatch(/input spec: nope.md was not found in the workspace/);
  });

  it('ignores human-in-loop: false with a warning where the policy does not allow autonomy', async () => {
    const gates = someGates({ runRequestGate: vi.fn(async () => pending) });
    const { io, lines } = anIo({ INPUT_MODE: 'request', INPUT_KIND: 'deploy', INPUT_HUMAN_IN_LOOP: 'false' });
    expect(await runAction(io, gates)).toBe(1);
    expect(lines).toContain(
      '::warning::human-in-loop: false is ignored: the policy does not allow autonomy for kind deploy here; a workflow cannot turn its own gate off',
    );
  });

  it('proceeds without a person where the policy allows it', async () => {
    const gates = someGates({
      runRequestGate: vi.fn(async () => aRequestRun({ state: 'auto_approved', reason: 'docs is allowed' })),
    });
    const { io, lines } = anIo({ INPUT_MODE: 'request', INPUT_KIND: 'docs', INPUT_HUMAN_IN_LOOP: 'false' });
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain(
      'human-in-loop: false: the policy lets docs proceed without a person (docs is allowed)',
    );
  });

  it('does not fail a pending dry run', async () => {
    const gates = someGates({ runRequestGate: vi.fn(async () => pending) });
    const { io, lines } = anIo({ INPUT_MODE: 'request', INPUT_TITLE: 'x', INPUT_DRY_RUN: 'true' });
    expect(await runAction(io, gates)).toBe(0);
    expect(vi.mocked(gates.runRequestGate).mock.calls[0]?.[0].dryRun).toBe(true);
    expect(lines).toContain(
      `dry run: the job would fail: waiting for approval: ${ISSUE_URL} (waiting for 1 approval from platform)`,
    );
  });
});

describe('mode gate', () => {
  it('gates a deployment of a merged commit as a request naming its pull request', async () => {
    github()
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`)
      .reply(200, [aPullRequest({ number: 7, state: 'closed', merged: true })]);
    const gates = someGates({ runRequestGate: vi.fn(async () => aRequestRun({ state: 'approved' })) });
    const { io } = anIo({
      INPUT_ENVIRONMENT: 'production',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF_NAME: 'main',
    });
    expect(await runAction(io, gates)).toBe(0);
    expect(vi.mocked(gates.runRequestGate).mock.calls[0]?.[2]).toMatchObject({
      gate: { kind: 'deployment', environment: 'production' },
      subject: { sha: HEAD_SHA, targetBranch: 'main', pullRequest: 7 },
      context: { text: 'Pull request: #7' },
    });
  });

  it('without a pull request, fails while pending and names the missing permission on a 403', async () => {
    github().get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`).reply(200, []);
    const gates = someGates({ runRequestGate: vi.fn(async () => pending) });
    const { io, lines } = anIo({ INPUT_ENVIRONMENT: 'production' });
    expect(await runAction(io, gates)).toBe(1);
    expect(lines.at(-1)).toBe(
      `::error::waiting for approval: ${ISSUE_URL} (waiting for 1 approval from platform)`,
    );

    github()
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const refused = anIo({ INPUT_ENVIRONMENT: 'production' });
    expect(await runAction(refused.io, gates)).toBe(1);
    expect(refused.lines.at(-1)).toBe(
      `::error::GitHub refused GET /repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls: add \`pull-requests: read\` to the job's permissions`,
    );
  });
});

describe('mode handle', () => {
  it('recomputes the pull request gate on a comment, as the App does', async () => {
    github()
      .get(`/repos/${OWNER}/${REPO}/pulls/7`)
      .reply(200, aPullRequest({ number: 7 }));
    github()
      .get(/\/repos\/acme\/shop\/contents\/.*/)
      .query(true)
      .reply(404, { message: 'Not Found' });
    const comment = anIssueComment({ id: 55, user: users.alice, body: '/approve' });
    const event = {
      action: 'created',
      issue: { number: 7, pull_request: { url: 'x' } },
      comment,
      sender: comment.user,
      repository: { name: REPO, owner: { login: OWNER } },
    };
    const gates = someGates();
    const { io, lines, outputs } = anIo(
      { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: '/runner/event.json' },
      { '/runner/event.json': JSON.stringify(event) },
    );
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain(`no .github/gatehouse.yml on main: Gatehouse does nothing here`);
    expect(outputs()).toMatchObject({
      decision: '',
      reason: 'no policy on the default branch',
      'request-url': `https://github.com/${OWNER}/${REPO}/pull/7`,
    });
    expect(gates.runApprovalIssueGate).not.toHaveBeenCalled();
  });

  it('reads the policy of the default branch the pull request names, not a stale one in the event', async () => {
    github()
      .get(`/repos/${OWNER}/${REPO}/pulls/7`)
      .reply(200, aPullRequest({ number: 7 }));
    // Read beside the gate: the event names the head and a default branch (here since renamed).
    github()
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    github()
      .get(`/repos/${OWNER}/${REPO}/contents/.github%2Fgatehouse.yml`)
      .query({ ref: 'master' })
      .reply(200, {
        type: 'file',
        encoding: 'base64',
        size: 9,
        content: Buffer.from('rules: [').toString('base64'),
      });
    github()
      .get(`/repos/${OWNER}/${REPO}/contents/.github%2Fgatehouse.yml`)
      .query({ ref: 'main' })
      .reply(404, { message: 'Not Found' });
    const event = {
      action: 'opened',
      number: 7,
      pull_request: { number: 7, head: { sha: HEAD_SHA } },
      sender: users.author,
      repository: { name: REPO, owner: { login: OWNER }, default_branch: 'master' },
    };
    const { io, lines, outputs } = anIo(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/runner/event.json' },
      { '/runner/event.json': JSON.stringify(event) },
    );
    expect(await runAction(io, someGates())).toBe(0);
    // master's broken policy would have failed the check; main, where the pull request says the
    // default branch is now, has none.
    expect(lines).toContain(`no .github/gatehouse.yml on main: Gatehouse does nothing here`);
    expect(outputs()).toMatchObject({ decision: '', reason: 'no policy on the default branch' });
  });

  it('recomputes an approval issue on a comment on it', async () => {
    const gates = someGates({
      runApprovalIssueGate: vi.fn(async () => aRequestRun({ state: 'approved', issueUrl: ISSUE_URL })),
    });
    const event = {
      action: 'created',
      issue: { number: 12 },
      comment: anIssueComment({ id: 56, user: users.alice, body: '/approve' }),
      sender: { id: users.alice.id, login: users.alice.login, type: 'User' },
    };
    const { io, outputs } = anIo(
      { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: '/e' },
      { '/e': JSON.stringify(event) },
    );
    expect(await runAction(io, gates)).toBe(0);
    expect(vi.mocked(gates.runApprovalIssueGate).mock.calls[0]?.[1]).toEqual({
      owner: OWNER,
      repo: REPO,
      issueNumber: 12,
    });
    expect(outputs()).toMatchObject({ decision: 'approved', 'request-url': ISSUE_URL });
  });

  it('does nothing on an issue that is no approval issue, or on an event it does not handle', async () => {
    const event = {
      action: 'created',
      issue: { number: 3 },
      comment: anIssueComment({ id: 1, user: users.alice, body: 'hi' }),
      sender: { id: 1, login: 'a' },
    };
    const plain = anIo(
      { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: '/e' },
      { '/e': JSON.stringify(event) },
    );
    expect(await runAction(plain.io, someGates())).toBe(0);
    expect(plain.lines).toContain('nothing to do: #3 is not a Gatehouse approval issue');

    const closed = anIo(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/e' },
      { '/e': JSON.stringify({ action: 'closed', number: 7 }) },
    );
    expect(await runAction(closed.io, someGates())).toBe(0);
    expect(closed.lines).toContain('nothing to do: pull_request.closed does not change a gate');
  });
});

describe('mode sweep', () => {
  it('sweeps pull request gates and request gates', async () => {
    github().get(`/repos/${OWNER}/${REPO}/pulls`).query(true).reply(200, []);
    const gates = someGates({ sweepRequestGates: vi.fn(async () => [aRequestRun({ state: 'expired' })]) });
    const { io, lines } = anIo({ GITHUB_EVENT_NAME: 'schedule' });
    expect(await runAction(io, gates)).toBe(0);
    expect(lines).toContain('sweep: 0 pull request gate(s) and 1 request gate(s) recomputed');
  });
});

describe('the edge', () => {
  it('fails on bad inputs with one line each, before any request', async () => {
    const { io, lines } = anIo({ INPUT_TIMEOUT: 'soon', INPUT_WAIT: 'maybe' });
    expect(await runAction(io, someGates())).toBe(1);
    expect(lines).toEqual([
      '::error::input wait: expected true or false, got "maybe"',
      '::error::input timeout: expected a duration such as 30m or 4h, got "soon"',
    ]);
  });

  it('needs GITHUB_REPOSITORY and a readable event file', async () => {
    const noRepo = anIo({ GITHUB_REPOSITORY: '' });
    expect(await runAction(noRepo.io, someGates())).toBe(1);
    const badEvent = anIo({ GITHUB_EVENT_PATH: '/missing' });
    expect(await runAction(badEvent.io, someGates())).toBe(1);
    expect(badEvent.lines.at(-1)).toMatch(/^::error::could not read the event file \/missing/);
  });

  it('writes a reason holding newlines, a fake delimiter and a workflow command as one value', async () => {
    const gates = someGates({
      runRequestGate: vi.fn(async () =>
        aRequestRun({
          state: 'approved',
          reason: 'ok\ndecision<<EOF\nrejected\nEOF\n::set-output name=x::y',
        }),
      ),
    });
    const { io, outputs } = anIo({ INPUT_MODE: 'request', INPUT_TITLE: 'x' });
    expect(await runAction(io, gates)).toBe(0);
    expect(outputs().decision).toBe('approved');
    expect(outputs().reason).toBe('ok\ndecision<<EOF\nrejected\nEOF\n::set-output name=x::y');
  });

  it('explains a refusal by the permission to add', () => {
    expect(explainForbidden('POST', 'https://api.github.com/repos/a/b/issues')).toBe(
      "GitHub refused POST /repos/a/b/issues: add `issues: write` to the job's permissions",
    );
    expect(explainForbidden('POST', 'https://ghe.example/api/v3/repos/a/b/check-runs')).toMatch(
      /`checks: write`/,
    );
    expect(
      explainForbidden('POST', 'https://api.github.com/repos/a/b/actions/runs/1/rerun-failed-jobs'),
    ).toMatch(/`actions: write`/);
    expect(explainForbidden('POST', 'https://api.github.com/repos/a/b/git/refs')).toMatch(
      /`contents: write`/,
    );
    expect(explainError(new Error('boom'))).toBe('boom');
    expect(explainError('text')).toBe('text');
  });

  it('keeps log lines from becoming workflow commands', () => {
    expect(renderLogLine('::set-output name=x::y')).toBe(' ::set-output name=x::y');
    expect(renderLogLine('a\n::error::b')).toBe('a ::error::b');
  });
});

describe('who deployed, and may not approve the deployment (D4)', () => {
  it('is the workflow’s actor, and the one who re-ran it, whose id is read from the API', async () => {
    github()
      .get('/users/bob')
      .reply(200, { ...users.bob, node_id: 'U_bob' });
    const env = {
      GITHUB_ACTOR: 'alice',
      GITHUB_ACTOR_ID: String(users.alice.id),
      GITHUB_TRIGGERING_ACTOR: 'bob',
    };
    expect(await readDeployers(env, aTestClient())).toEqual([
      { id: users.alice.id, login: 'alice', type: 'User' },
      { id: users.bob.id, login: 'bob', type: 'User' },
    ]);
  });

  it('is the actor alone when the actor ran it: no request', async () => {
    const env = {
      GITHUB_ACTOR: 'alice',
      GITHUB_ACTOR_ID: String(users.alice.id),
      GITHUB_TRIGGERING_ACTOR: 'Alice',
    };
    expect(await readDeployers(env, aTestClient())).toEqual([
      { id: users.alice.id, login: 'alice', type: 'User' },
    ]);
  });
});
