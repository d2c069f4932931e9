// The stand-in itself, through the real client factory the Action uses: each endpoint answers
// with GitHub's shapes, writes are read back, conditional requests cost nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { users } from '../support/github-fixtures.ts';
import {
  ACTIONS_APP_ID,
  ACTIONS_BOT,
  type GitHubSimulator,
  RATE_LIMIT,
  startGitHubSimulator,
} from './github.ts';

const repo = { owner: 'acme', repo: 'shop' };
let standIn: GitHubSimulator;
let github: GitHubClient;

beforeAll(async () => {
  standIn = await startGitHubSimulator();
  github = createGitHubClient({ auth: 'token', baseUrl: standIn.url, spaceWrites: false, retries: 0 });
});
afterAll(() => standIn.close());
// Every exchange below, requests and responses, must be one GitHub's REST description allows.
afterEach(() => standIn.assertFaithful());

describe('the GitHub stand-in', () => {
  it('serves files by ref, base64 as the contents API does, and 404 for a missing one', async () => {
    standIn.setFile('.github/gatehouse.yml', 'reviewers: {}\n');
    const { data } = await github.rest.repos.getContent({
      ...repo,
      path: '.github/gatehouse.yml',
      ref: 'main',
    });
    expect(data).toMatchObject({ type: 'file', encoding: 'base64', path: '.github/gatehouse.yml' });
    const content = (data as { content: string }).content;
    expect(Buffer.from(content, 'base64').toString('utf8')).toBe('reviewers: {}\n');
    await expect(github.rest.repos.getContent({ ...repo, path: 'nope.yml' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('serves pull requests, their files and the pull requests of a commit', async () => {
    standIn.addPullRequest({ number: 7 }, ['db/migrations/001.sql']);
    const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(pull).toMatchObject({
      number: 7,
      state: 'open',
      head: { sha: 'c0ffee0000000000000000000000000000000001' },
    });
    const { data: files } = await github.rest.pulls.listFiles({ ...repo, pull_number: 7, per_page: 100 });
    expect(files.map((file) => file.filename)).toEqual(['db/migrations/001.sql']);
    const { data: pulls } = await github.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
      ...repo,
      commit_sha: 'c0ffee0000000000000000000000000000000001',
    });
    expect(pulls.map((entry) => entry.number)).toEqual([7]);
  });

  it('creates, lists (by label) and updates issues', async () => {
    const { data: created } = await github.rest.issues.create({
      ...repo,
      title: 'Approve: deploy',
      body: 'please',
      labels: ['gatehouse'],
    });
    expect(created).toMatchObject({
      title: 'Approve: deploy',
      state: 'open',
      user: { login: ACTIONS_BOT.login },
    });
    const { data: listed } = await github.rest.issues.listForRepo({
      ...repo,
      labels: 'gatehouse',
      state: 'open',
    });
    expect(listed.map((issue) => issue.number)).toContain(created.number);
    await github.rest.issues.update({ ...repo, issue_number: created.number, state: 'closed' });
    const { data: open } = await github.rest.issues.listForRepo({ ...repo, labels: 'gatehouse' });
    expect(open.map((issue) => issue.number)).not.toContain(created.number);
  });

  it('lists comments with an ETag, and answers a matching If-None-Match with a 304 that costs nothing', async () => {
    const issue = standIn.addIssue({ title: 'Approve', labels: ['gatehouse'] });
    standIn.addComment(issue, users.alice, '/approve');
    const first = await github.rest.issues.listComments({ ...repo, issue_number: issue, per_page: 100 });
    expect(first.data.map((comment) => [comment.user?.login, comment.body])).toEqual([['alice', '/approve']]);
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^W\/"/);
    const before = standIn.counted().length;
    await expect(
      github.rest.issues.listComments({
        ...repo,
        issue_number: issue,
        per_page: 100,
        headers: { 'if-none-match': etag },
      }),
    ).rejects.toMatchObject({ status: 304 });
    expect(standIn.counted().length).toBe(before);
    expect(standIn.requests.at(-1)).toMatchObject({ status: 304, counted: false });
    standIn.addComment(issue, users.bob, '/reject no');
    const changed = await github.rest.issues.listComments({
      ...repo,
      issue_number: issue,
      per_page: 100,
      headers: { 'if-none-match': etag },
    });
    expect(changed.data).toHaveLength(2);
    const { data: posted } = await github.rest.issues.createComment({
      ...repo,
      issue_number: issue,
      body: 'state',
    });
    const { data: edited } = await github.rest.issues.updateComment({
      ...repo,
      comment_id: posted.id,
      body: 'new',
    });
    expect(edited).toMatchObject({ id: posted.id, body: 'new', user: { login: ACTIONS_BOT.login } });
  });

  it('pages lists with a link header', async () => {
    const issue = standIn.addIssue({ title: 'Many' });
    for (let n = 0; n < 5; n++) standIn.addComment(issue, users.carol, `c${n}`);
    const all = await github.paginate(github.rest.issues.listComments, {
      ...repo,
      issue_number: issue,
      per_page: 2,
    });
    expect(all.map((comment) => comment.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
  });

  it('creates, updates and finds check runs as the GitHub Actions app', async () => {
    const sha = 'c0ffee0000000000000000000000000000000009';
    const { data: run } = await github.rest.checks.create({
      ...repo,
      name: 'gatehouse: production',
      head_sha: sha,
      status: 'in_progress',
      external_id: 'd1',
      output: { title: 'Waiting', summary: 'request' },
    });
    await github.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: 'success' });
    const { data } = await github.rest.checks.listForRef({
      ...repo,
      ref: sha,
      check_name: 'gatehouse: production',
      app_id: ACTIONS_APP_ID,
      filter: 'all',
    });
    expect(data.check_runs).toHaveLength(1);
    expect(data.check_runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      external_id: 'd1',
      output: { title: 'Waiting' },
    });
  });

  it('lists only the newest run of each name unless filter=all is asked, as GitHub does', async () => {
    const sha = 'c0ffee000000000000000000000000000000000a';
    const first = await github.rest.checks.create({
      ...repo,
      name: 'gatehouse',
      head_sha: sha,
      status: 'in_progress',
    });
    await github.rest.checks.update({ ...repo, check_run_id: first.data.id, conclusion: 'neutral' });
    const second = await github.rest.checks.create({
      ...repo,
      name: 'gatehouse',
      head_sha: sha,
      status: 'in_progress',
    });
    const latest = await github.rest.checks.listForRef({ ...repo, ref: sha, filter: 'latest', per_page: 1 });
    expect(latest.data.check_runs.map((run) => run.id)).toEqual([second.data.id]);
    const all = await github.rest.checks.listForRef({ ...repo, ref: sha, filter: 'all' });
    expect(all.data.check_runs.map((run) => run.id)).toEqual([first.data.id, second.data.id]);
  });

  it('reports permissions as the collaborator API does, and users', async () => {
    standIn.setPermission('alice', 'maintain');
    const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' });
    expect(data).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { login: 'alice', id: 1 },
    });
    const { data: mallory } = await github.rest.repos.getCollaboratorPermissionLevel({
      ...repo,
      username: 'mallory',
    });
    expect(mallory.permission).toBe('none');
    const { data: user } = await github.request('GET /users/{username}', { username: 'bob' });
    expect(user).toMatchObject({ login: 'bob', id: 2, type: 'User' });
  });

  it('keeps a log branch through the git data API, fast-forward only', async () => {
    await expect(github.rest.git.getRef({ ...repo, ref: 'heads/gatehouse-log' })).rejects.toMatchObject({
      status: 404,
    });
    const { data: tree } = await github.rest.git.createTree({
      ...repo,
      tree: [{ path: 'decisions/2026/11/d1.md', mode: '100644', type: 'blob', content: 'one' }],
    });
    const { data: commit } = await github.rest.git.createCommit({
      ...repo,
      message: 'first',
      tree: tree.sha,
      parents: [],
    });
    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/gatehouse-log', sha: commit.sha });
    const { data: tree2 } = await github.rest.git.createTree({
      ...repo,
      base_tree: tree.sha,
      tree: [{ path: 'decisions/2026/11/d2.md', mode: '100644', type: 'blob', content: 'two' }],
    });
    const { data: second } = await github.rest.git.createCommit({
      ...repo,
      message: 'second',
      tree: tree2.sha,
      parents: [commit.sha],
    });
    await expect(
      github.rest.git.updateRef({ ...repo, ref: 'heads/gatehouse-log', sha: commit.sha, force: false }),
    ).rejects.toMatchObject({ status: 422 });
    await github.rest.git.updateRef({ ...repo, ref: 'heads/gatehouse-log', sha: second.sha, force: false });
    expect(standIn.filesOnBranch('gatehouse-log')).toEqual({
      'decisions/2026/11/d1.md': 'one',
      'decisions/2026/11/d2.md': 'two',
    });
    const { data: log } = await github.rest.repos.listCommits({
      ...repo,
      sha: 'gatehouse-log',
      per_page: 100,
    });
    expect(log.map((entry) => entry.commit.message)).toEqual(['second', 'first']);
    const { data: listing } = await github.rest.git.getTree({
      ...repo,
      tree_sha: 'gatehouse-log',
      recursive: '1',
    });
    const blob = listing.tree.find((entry) => entry.path === 'decisions/2026/11/d2.md');
    const { data: read } = await github.rest.git.getBlob({ ...repo, file_sha: blob?.sha ?? '' });
    expect(Buffer.from(read.content, 'base64').toString()).toBe('two');
  });

  it('takes repository dispatches, filters workflow runs by status and re-runs completed ones', async () => {
    await github.rest.repos.createDispatchEvent({
      ...repo,
      event_type: 'gatehouse-decision',
      client_payload: { a: 1 },
    });
    expect(standIn.state.dispatches).toEqual([
      { event_type: 'gatehouse-decision', client_payload: { a: 1 } },
    ]);
    standIn.addWorkflowRun({ id: 31, status: 'completed', conclusion: 'failure' });
    standIn.addWorkflowRun({ id: 32, status: 'in_progress' });
    const { data } = await github.rest.actions.listWorkflowRunsForRepo({ ...repo, status: 'failure' });
    expect(data.workflow_runs.map((run) => run.id)).toEqual([31]);
    await github.rest.actions.reRunWorkflowFailedJobs({ ...repo, run_id: 31 });
    await expect(github.rest.actions.reRunWorkflow({ ...repo, run_id: 32 })).rejects.toMatchObject({
      status: 403,
    });
    expect(standIn.state.reruns).toEqual([{ runId: 31, kind: 'rerun-failed-jobs' }]);
  });

  it('sends x-ratelimit headers that count down with each counted request', async () => {
    const response = await github.rest.repos.get(repo);
    expect(response.headers['x-ratelimit-limit']).toBe(String(RATE_LIMIT));
    expect(Number(response.headers['x-ratelimit-remaining'])).toBe(RATE_LIMIT - standIn.counted().length);
  });

  it('runs a hook before the nth matching request, so a comment can arrive during a wait', async () => {
    const issue = standIn.addIssue({ title: 'Wait' });
    standIn.when(
      (request) => request.method === 'GET' && request.path.endsWith(`/issues/${issue}/comments`),
      2,
      () => standIn.addComment(issue, users.alice, '/approve'),
    );
    const list = () => github.rest.issues.listComments({ ...repo, issue_number: issue });
    expect((await list()).data).toHaveLength(0);
    expect((await list()).data).toHaveLength(1);
  });
});
