// How people change a pull request's history, each as GitHub records and announces it: pushes to
// its branch (the new head, the branch's activity log with its pusher, the timeline, then
// `pull_request.synchronize`), force pushes (`force_push` activity, `head_ref_force_pushed`), a
// retarget (`base_ref_changed`, `pull_request.edited` with `changes.base`), edits of the title or
// description (`pull_request.edited` with `changes`), closing and reopening, and pushes to any
// other branch (the default branch's policy, the log branch: a `push` delivery). Commits pushed
// with git are unsigned and by whoever their e-mail addresses name (commit-verification.ts).
// The clock is the simulator's: `sim.advance(ms)` lets time pass between two actions.
import { createHash } from 'node:crypto';
import type { Actor } from '../../src/core/model.ts';
import { anActivity, aTimelineEvent } from '../support/github-fixtures.ts';
import { type CommitIdentity, pushedCommit } from './commit-verification.ts';
import type { GitHubSimulator } from './github.ts';
import type { SentDelivery, WebhookSender } from './webhooks.ts';

type Json = Record<string, unknown>;

const ZERO_SHA = '0000000000000000000000000000000000000000';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** What a push puts on a branch: a new commit of `files` over the tip, or an existing commit. */
export type PushedChange = { files: Record<string, string>; message: string } | { to: string };

export interface PushOptions {
  /** GitHub's delivery of it never reaches the App (the activity log still has it). */
  lost?: boolean;
}

export class HistoryActions {
  private readonly sim: GitHubSimulator;
  private readonly webhooks: WebhookSender;

  constructor(sim: GitHubSimulator, webhooks: WebhookSender) {
    this.sim = sim;
    this.webhooks = webhooks;
  }

  /**
   * `by` pushes a commit of `files` to `branch` (created if new): unsigned, its author and
   * committer `identity` (by default `by`, as their own git would say), then the `push` delivery.
   */
  async pushToBranch(
    by: Actor,
    branch: string,
    files: Record<string, string>,
    message: string,
    identity: CommitIdentity = pushedCommit(by),
  ): Promise<{ sha: string; delivery: SentDelivery }> {
    const { state } = this.sim;
    const before = state.refs.get(branch) ?? ZERO_SHA;
    const previous = state.contents[branch] ?? (before === ZERO_SHA ? {} : state.contents[before]) ?? {};
    const tree = { ...previous, ...files };
    const sha = this.writeCommit(before === ZERO_SHA ? [] : [before], tree, message, identity);
    this.moveBranch(branch, before, sha, by, before === ZERO_SHA ? 'branch_creation' : 'push');
    const added = Object.keys(files).filter((path) => previous[path] === undefined);
    const modified = Object.keys(files).filter((path) => previous[path] !== undefined);
    const delivery = await this.webhooks.deliver(
      'push',
      this.webhooks.push(
        `refs/heads/${branch}`,
        before,
        sha,
        [{ id: sha, message, added, modified, removed: [] }],
        by,
      ),
    );
    return { sha, delivery };
  }

  /** `by` pushes to the default branch: a policy change lands there. */
  pushToDefaultBranch(
    by: Actor,
    files: Record<string, string>,
    message: string,
  ): Promise<{ sha: string; delivery: SentDelivery }> {
    return this.pushToBranch(by, this.sim.state.defaultBranch, files, message);
  }

  /**
   * `by` pushes `change` to pull request `number`'s branch: the head moves, the activity log has
   * the push by `by`, the timeline the commit, then `pull_request.synchronize`.
   */
  push(number: number, by: Actor, change: PushedChange, options: PushOptions = {}) {
    return this.moveHead(number, by, change, 'push', options);
  }

  /** A force push: `force_push` in the activity log and `head_ref_force_pushed` on the timeline. */
  forcePush(number: number, by: Actor, change: PushedChange, options: PushOptions = {}) {
    return this.moveHead(number, by, change, 'force_push', options);
  }

  /** `by` changes the base branch of pull request `number` to `base`: `base_ref_changed`, `edited`. */
  async retarget(number: number, by: Actor, base: string): Promise<SentDelivery> {
    const pull = this.pullOf(number);
    const from = pull.shape.baseRef ?? this.sim.state.defaultBranch;
    pull.shape = { ...pull.shape, baseRef: base };
    this.addEvent(number, 'base_ref_changed', by);
    return this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest('edited', number, by, {
        changes: {
          base: { ref: { from }, sha: { from: this.sim.state.refs.get(from) ?? ZERO_SHA } },
        },
      }),
    );
  }

  /** `by` edits the title and/or description: `renamed` on the timeline for a title, then `edited`. */
  async edit(number: number, by: Actor, edit: { title?: string; body?: string }): Promise<SentDelivery> {
    const pull = this.pullOf(number);
    const changes: Json = {};
    if (edit.title !== undefined) {
      changes.title = { from: pull.shape.title ?? '' };
      this.addEvent(number, 'renamed', by, { rename: { from: pull.shape.title ?? '', to: edit.title } });
      pull.shape = { ...pull.shape, title: edit.title };
    }
    if (edit.body !== undefined) {
      changes.body = { from: pull.shape.body ?? '' };
      pull.shape = { ...pull.shape, body: edit.body };
    }
    return this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest('edited', number, by, { changes }),
    );
  }

  /** `by` closes pull request `number` without merging it: `closed`. */
  close(number: number, by: Actor): Promise<SentDelivery> {
    return this.setState(number, by, 'closed');
  }

  /** `by` reopens pull request `number`: `reopened` on the timeline and as the delivery. */
  reopen(number: number, by: Actor): Promise<SentDelivery> {
    return this.setState(number, by, 'open');
  }

  /** GitHub's "Redeliver": the same delivery, with the same id, once more. */
  redeliver(sent: SentDelivery): Promise<SentDelivery> {
    return this.webhooks.deliver(sent.event, sent.payload, sent.id);
  }

  /**
   * A commit of `files` on `branch` with no delivery, right now (say, inside `sim.when`, while the
   * App is between two requests): another writer of the branch.
   */
  writeToBranch(
    branch: string,
    files: Record<string, string>,
    message: string,
    identity: CommitIdentity,
  ): string {
    const { state } = this.sim;
    const before = state.refs.get(branch) ?? ZERO_SHA;
    const tip = before === ZERO_SHA ? undefined : state.commits.get(before);
    const entries = tip === undefined ? {} : (state.trees.get(tip.tree) ?? {});
    const tree = Object.fromEntries(
      Object.entries(entries).map(([path, blob]) => [path, state.blobs.get(blob) ?? '']),
    );
    const sha = this.writeCommit(
      before === ZERO_SHA ? [] : [before],
      { ...tree, ...files },
      message,
      identity,
    );
    state.refs.set(branch, sha);
    return sha;
  }

  private async moveHead(
    number: number,
    by: Actor,
    change: PushedChange,
    type: 'push' | 'force_push',
    options: PushOptions,
  ): Promise<{ sha: string; delivery: SentDelivery | undefined }> {
    const { state } = this.sim;
    const pull = this.pullOf(number);
    const branch = pull.shape.headRef ?? 'drop-status';
    const before = pull.shape.headSha ?? state.refs.get(branch) ?? ZERO_SHA;
    let sha: string;
    if ('to' in change) {
      sha = change.to;
    } else {
      const tree = { ...(state.contents[before] ?? state.contents[branch] ?? {}), ...change.files };
      sha = this.writeCommit([before], tree, change.message, pushedCommit(by));
      pull.files = [...new Set([...pull.files, ...Object.keys(change.files)])];
    }
    pull.shape = { ...pull.shape, headSha: sha };
    state.commitPulls[before] = (state.commitPulls[before] ?? []).filter((entry) => entry !== number);
    state.commitPulls[sha] = [...(state.commitPulls[sha] ?? []), number];
    this.moveBranch(branch, before, sha, by, type);
    if (type === 'force_push') this.addEvent(number, 'head_ref_force_pushed', by);
    else {
      // GitHub's `committed` entries carry no created_at or actor (the commit's own dates are inside).
      const {
        created_at: _at,
        actor: _actor,
        ...committed
      } = aTimelineEvent({
        id: state.nextId++,
        event: 'committed',
        at: this.sim.clock,
        actor: by,
      });
      const message = state.commits.get(sha)?.message ?? '';
      state.events.set(number, [...(state.events.get(number) ?? []), { ...committed, sha, message }]);
    }
    if (options.lost === true) return { sha, delivery: undefined };
    const delivery = await this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest('synchronize', number, by, { before, after: sha }),
    );
    return { sha, delivery };
  }

  private async setState(number: number, by: Actor, to: 'open' | 'closed'): Promise<SentDelivery> {
    const pull = this.pullOf(number);
    pull.shape = { ...pull.shape, state: to };
    const action = to === 'open' ? 'reopened' : 'closed';
    this.addEvent(number, action, by);
    return this.webhooks.deliver('pull_request', this.webhooks.pullRequest(action, number, by));
  }

  private pullOf(number: number) {
    const pull = this.sim.state.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    return pull;
  }

  private addEvent(number: number, event: string, by: Actor, extra: Json = {}): void {
    const { state } = this.sim;
    const entry = aTimelineEvent({ id: state.nextId++, event, at: this.sim.clock, actor: by });
    state.events.set(number, [...(state.events.get(number) ?? []), { ...entry, ...extra }]);
  }

  /** The branch's tip and contents move to `sha`, and its activity log says who moved it. */
  /** Points `branch` at `sha`, with the activity log's entry for it (pushed by `by`). */
  moveBranch(
    branch: string,
    before: string,
    sha: string,
    by: Actor,
    type: 'push' | 'force_push' | 'branch_creation',
  ): void {
    const { state } = this.sim;
    const ref = `refs/heads/${branch}`;
    const tree = state.contents[sha];
    if (tree !== undefined) state.contents[branch] = tree;
    state.refs.set(branch, sha);
    state.activity.set(ref, [
      anActivity({ before, after: sha, at: this.sim.clock, actor: by, type, ref }),
      ...(state.activity.get(ref) ?? []),
    ]);
  }

  /** A commit object in the git data store with its tree of `files`; its contents readable by SHA. */
  writeCommit(
    parents: string[],
    files: Record<string, string>,
    message: string,
    identity: CommitIdentity,
  ): string {
    const { state } = this.sim;
    const entries: Record<string, string> = {};
    for (const [path, text] of Object.entries(files)) {
      const blob = sha1(`blob ${text}`);
      state.blobs.set(blob, text);
      entries[path] = blob;
    }
    const tree = sha1(`tree ${JSON.stringify(Object.entries(entries).sort())}`);
    state.trees.set(tree, entries);
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${message} ${state.nextId++}`);
    state.commits.set(sha, {
      sha,
      tree,
      parents,
      message,
      author: identity.author,
      committer: identity.committer,
      verification: identity.verification,
    });
    state.contents[sha] = files;
    return sha;
  }
}
