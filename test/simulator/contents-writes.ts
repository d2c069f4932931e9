// PUT /repos/{owner}/{repo}/contents/{path} ("Create or update file contents") on the branches the
// git data side holds (the decision log), as GitHub answers it: one commit on the branch's tip
// with the file added or replaced. Without `sha` a file already at the path is not replaced: 422
// `"sha" wasn't supplied`; a `sha` that is not the blob at the path is a conflict, 409. A branch
// that does not exist is a 404. The commit is GitHub's account of what the caller sent
// (commit-verification.ts): with no author or committer, GitHub signs it as the caller's bot.
// Branches only the flat `contents` map holds (the default branch) are not written here.
// `moveUnderNextWrite` has a branch move while GitHub writes on it, between its read of the tip
// and its update of the ref: the write is refused, 409, and nothing of it lands.
import { createHash } from 'node:crypto';
import { aFile, anError, OWNER, REPO } from '../support/github-fixtures.ts';
import { noReplyEmail, verifyApiCommit } from './commit-verification.ts';
import type { Answer, GitHubSimulator, Router } from './github.ts';

type Json = Record<string, unknown>;

const CONTENTS = new RegExp(`^/repos/${OWNER}/${REPO}/contents/(.+)$`);

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The same ids the simulator's git data routes give blobs and trees. */
function blobId(content: string): string {
  return sha1(`blob ${content}`);
}
function treeId(entries: Record<string, string>): string {
  return sha1(`tree ${JSON.stringify(Object.entries(entries).sort())}`);
}

const racing = new WeakMap<GitHubSimulator, Set<string>>();

/** The next contents write on `branch` finds it moved under it (another writer landed): 409. */
export function moveUnderNextWrite(simulator: GitHubSimulator, branch: string): void {
  const branches = racing.get(simulator) ?? new Set();
  branches.add(branch);
  racing.set(simulator, branches);
}

export const contentsWrites: Router = ({ method, path, body, caller, simulator }) => {
  const match = CONTENTS.exec(path);
  if (method !== 'PUT' || match === null) return undefined;
  const file = (match[1] ?? '').split('/').map(decodeURIComponent).join('/');
  return putFile(simulator, file, body, caller.actor);
};

function putFile(
  simulator: GitHubSimulator,
  path: string,
  body: Json,
  caller: Parameters<typeof verifyApiCommit>[0],
): Answer | undefined {
  const { state } = simulator;
  const branch = typeof body.branch === 'string' ? body.branch : state.defaultBranch;
  const tip = state.refs.get(branch);
  const parent = tip === undefined ? undefined : state.commits.get(tip);
  // A branch held only as files (a scene's default branch) is not this module's.
  if (parent === undefined)
    return state.contents[branch] !== undefined ? undefined : [404, anError(`Branch ${branch} not found`)];
  const entries = { ...(state.trees.get(parent.tree) ?? {}) };
  const existing = entries[path];
  if (existing !== undefined && body.sha === undefined)
    return [422, anError('Invalid request.\n\n"sha" wasn\'t supplied.')];
  if (body.sha !== undefined && body.sha !== existing)
    return [409, anError(`${path} does not match ${String(body.sha)}`)];
  if (racing.get(simulator)?.delete(branch) === true)
    return [409, anError(`is at ${tip} but expected ${parent.sha}`)];

  const content = Buffer.from(String(body.content), 'base64').toString('utf8');
  const blob = blobId(content);
  state.blobs.set(blob, content);
  entries[path] = blob;
  const tree = treeId(entries);
  state.trees.set(tree, entries);
  const message = String(body.message);
  const sha = sha1(`commit ${tree} ${tip} ${message} ${state.nextId++}`);
  const identity = verifyApiCommit(caller, body, state.users);
  state.commits.set(sha, { sha, tree, parents: [tip as string], message, ...identity });
  state.refs.set(branch, sha);
  // A branch someone pushed (test/simulator/history-actions.ts) is read as files too: keep them.
  const files = state.contents[branch];
  if (files !== undefined) {
    state.contents[branch] = { ...files, [path]: content };
    state.contents[sha] = state.contents[branch];
  }

  const at = simulator.clock;
  const person = (actor: Parameters<typeof noReplyEmail>[0] | null) => ({
    name: actor?.login ?? 'unknown',
    email: actor === null ? 'unknown@example.com' : noReplyEmail(actor),
    date: at,
  });
  const signed = identity.verification.verified;
  const base = `https://github.com/${OWNER}/${REPO}`;
  const api = `https://api.github.com/repos/${OWNER}/${REPO}`;
  const { content: _text, encoding: _encoding, ...shown } = aFile(path, content);
  return [
    existing === undefined ? 201 : 200,
    {
      content: { ...shown, sha: blob, size: Buffer.byteLength(content) },
      commit: {
        sha,
        node_id: `C_${sha}`,
        url: `${api}/git/commits/${sha}`,
        html_url: `${base}/commit/${sha}`,
        author: person(identity.author),
        committer: person(identity.committer),
        message,
        tree: { sha: tree, url: `${api}/git/trees/${tree}` },
        parents: [{ sha: tip, url: `${api}/git/commits/${tip}`, html_url: `${base}/commit/${tip}` }],
        verification: {
          ...identity.verification,
          signature: signed ? '-----BEGIN PGP SIGNATURE-----\n…\n-----END PGP SIGNATURE-----\n' : null,
          payload: signed ? `tree ${tree}` : null,
          verified_at: signed ? at : null,
        },
      },
    },
  ];
}
