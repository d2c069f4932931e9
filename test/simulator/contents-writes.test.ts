// PUT …/contents/{path} on the stand-in, through the real client: one commit on the branch's tip,
// signed by GitHub for the caller's bot when it sends no author or committer, and never replacing
// a file unless the caller names the blob it replaces.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import { WEB_FLOW } from '../support/github-fixtures.ts';
import { moveUnderNextWrite } from './contents-writes.ts';
import { ACTIONS_BOT, type GitHubSimulator, startGitHubSimulator } from './github.ts';

const repo = { owner: 'acme', repo: 'shop' };
const BRANCH = 'gatehouse-log';
let standIn: GitHubSimulator;
let github: GitHubClient;

beforeAll(async () => {
  standIn = await startGitHubSimulator();
  github = createGitHubClient({ auth: 'token', baseUrl: standIn.url, spaceWrites: false, retries: 0 });
  // The branch, as the log writer starts it: an orphan commit through the Git Data API.
  const tree = await github.rest.git.createTree({
    ...repo,
    tree: [{ path: 'decisions/first.md', mode: '100644', type: 'blob', content: 'first\n' }],
  });
  const commit = await github.rest.git.createCommit({
    ...repo,
    message: 'first',
    tree: tree.data.sha,
    parents: [],
  });
  await github.rest.git.createRef({ ...repo, ref: `refs/heads/${BRANCH}`, sha: commit.data.sha });
});
afterAll(() => standIn.close());
afterEach(() => standIn.assertFaithful());

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function put(path: string, text: string, extra: { sha?: string; branch?: string } = {}) {
  return github.rest.repos.createOrUpdateFileContents({
    ...repo,
    path,
    message: `add ${path}\n\nTrailer: yes`,
    content: base64(text),
    branch: BRANCH,
    ...extra,
  });
}

describe('PUT /repos/{owner}/{repo}/contents/{path}', () => {
  it('adds the file in one commit on the tip, signed by GitHub as the caller’s bot', async () => {
    const tip = standIn.state.refs.get(BRANCH);
    const { status, data } = await put('decisions/second.md', 'second\n');
    expect(status).toBe(201);
    expect(standIn.state.refs.get(BRANCH)).toBe(data.commit.sha);
    expect(data.commit.parents?.map((parent) => parent.sha)).toEqual([tip]);
    expect(standIn.filesOnBranch(BRANCH)).toEqual({
      'decisions/first.md': 'first\n',
      'decisions/second.md': 'second\n',
    });
    const { data: listed } = await github.rest.repos.listCommits({ ...repo, sha: BRANCH });
    expect(listed[0]).toMatchObject({
      sha: data.commit.sha,
      author: { id: ACTIONS_BOT.id },
      committer: { login: WEB_FLOW.login },
      commit: {
        message: 'add decisions/second.md\n\nTrailer: yes',
        verification: { verified: true, reason: 'valid' },
      },
    });
  });

  it('refuses to replace a file without its sha (422), and nothing moves', async () => {
    const tip = standIn.state.refs.get(BRANCH);
    await expect(put('decisions/first.md', 'rewritten\n')).rejects.toMatchObject({ status: 422 });
    expect(standIn.state.refs.get(BRANCH)).toBe(tip);
    expect(standIn.filesOnBranch(BRANCH)['decisions/first.md']).toBe('first\n');
  });

  it('refuses a sha that is not the file’s (409), and replaces it given the right one (200)', async () => {
    await expect(put('decisions/first.md', 'x\n', { sha: '0'.repeat(40) })).rejects.toMatchObject({
      status: 409,
    });
    const { data: tree } = await github.rest.git.getTree({ ...repo, tree_sha: BRANCH });
    const blob = tree.tree.find((entry) => entry.path === 'decisions/first.md')?.sha;
    const { status } = await put('decisions/first.md', 'replaced\n', { sha: String(blob) });
    expect(status).toBe(200);
    expect(standIn.filesOnBranch(BRANCH)['decisions/first.md']).toBe('replaced\n');
  });

  it('refuses a write the branch moved under (409), once: nothing of it lands, the next one does', async () => {
    const tip = standIn.state.refs.get(BRANCH);
    moveUnderNextWrite(standIn, BRANCH);
    await expect(put('decisions/raced.md', 'raced\n')).rejects.toMatchObject({ status: 409 });
    expect(standIn.state.refs.get(BRANCH)).toBe(tip);
    expect(standIn.filesOnBranch(BRANCH)['decisions/raced.md']).toBeUndefined();
    expect((await put('decisions/raced.md', 'raced\n')).status).toBe(201);
  });

  it('answers 404 for a branch that does not exist', async () => {
    await expect(put('decisions/third.md', 'x\n', { branch: 'nowhere' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('does not sign a commit that names its own committer', async () => {
    const { data } = await github.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'decisions/fourth.md',
      message: 'fourth',
      content: base64('fourth\n'),
      branch: BRANCH,
      committer: { name: 'someone', email: 'someone@example.com' },
    });
    expect(data.commit.verification).toMatchObject({ verified: false, reason: 'unsigned' });
  });
});
