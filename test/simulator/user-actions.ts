// What people do on GitHub, each as GitHub does it: the change to the simulator's state (commits,
// the pull request with its timeline and the branch's activity log, comments, reviews) and then
// the webhook delivery the installed App receives for it. Each action resolves once the App has
// answered its delivery; the answer is returned so that a test can see it was accepted.

import type { Actor } from '../../src/core/model.ts';
import { aTimelineEvent } from '../support/github-fixtures.ts';
import { pushedCommit } from './commit-verification.ts';
import type { GitHubSimulator } from './github.ts';
import { HistoryActions } from './history-actions.ts';
import type { SentDelivery, WebhookSender } from './webhooks.ts';

type Json = Record<string, unknown>;

const ZERO_SHA = '0000000000000000000000000000000000000000';

export interface OpenedPullRequest {
  number: number;
  headSha: string;
  branch: string;
  delivery: SentDelivery;
}

export class UserActions {
  private readonly sim: GitHubSimulator;
  private readonly webhooks: WebhookSender;

  constructor(sim: GitHubSimulator, webhooks: WebhookSender) {
    this.sim = sim;
    this.webhooks = webhooks;
  }

  /**
   * A commit of `files` on `branch` by `by`, pushed: the branch's contents and git objects, its
   * activity log, then the `push` delivery. Returns the commit's SHA and the delivery.
   */
  async commit(
    by: Actor,
    branch: string,
    files: Record<string, string>,
    message: string,
  ): Promise<{ sha: string; delivery: SentDelivery }> {
    return new HistoryActions(this.sim, this.webhooks).pushToBranch(by, branch, files, message);
  }

  /**
   * `by` pushes a branch with one commit adding `files` to the default branch's, and opens a pull
   * request from it: the head commit, the branch's creation in the activity log, the pull request
   * (with its `committed` timeline entry), then `pull_request.opened`.
   */
  async openPullRequest(shape: {
    by: Actor;
    title: string;
    body: string;
    files: Record<string, string>;
    branch?: string;
    /** The branch it asks to merge into; default the repository's default branch. */
    base?: string;
  }): Promise<OpenedPullRequest> {
    const { state } = this.sim;
    const number = state.nextId++;
    const branch = shape.branch ?? `change-${number}`;
    const base = shape.base ?? state.defaultBranch;
    const baseTip = state.refs.get(base);
    const tree = { ...(state.contents[base] ?? {}), ...shape.files };
    const history = new HistoryActions(this.sim, this.webhooks);
    const headSha = history.writeCommit(
      baseTip === undefined ? [] : [baseTip],
      tree,
      shape.title,
      pushedCommit(shape.by),
    );
    history.moveBranch(branch, ZERO_SHA, headSha, shape.by, 'branch_creation');
    state.pulls.set(number, {
      shape: {
        number,
        title: shape.title,
        body: shape.body,
        user: shape.by,
        headSha,
        headRef: branch,
        baseRef: base,
        defaultBranch: state.defaultBranch,
        createdAt: this.sim.clock,
        requestedReviewers: [],
      },
      files: Object.keys(shape.files),
      reviews: [],
    });
    state.commitPulls[headSha] = [...(state.commitPulls[headSha] ?? []), number];
    // GitHub's `committed` entries carry no created_at (the commit's own dates are inside).
    const {
      created_at: _at,
      actor: _actor,
      ...committed
    } = aTimelineEvent({
      id: state.nextId++,
      event: 'committed',
      at: this.sim.clock,
      actor: shape.by,
    });
    state.events.set(number, [
      ...(state.events.get(number) ?? []),
      { ...committed, sha: headSha, message: shape.title },
    ]);
    const delivery = await this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest('opened', number, shape.by),
    );
    return { number, headSha, branch, delivery };
  }

  /** `by` comments `body` on issue or pull request `number`: `issue_comment.created`. */
  async comment(number: number, by: Actor, body: string): Promise<{ id: number; delivery: SentDelivery }> {
    const id = this.sim.addComment(number, by, body);
    const delivery = await this.webhooks.deliver(
      'issue_comment',
      this.webhooks.issueComment('created', number, this.findComment(number, id), by),
    );
    return { id, delivery };
  }

  /** `by` edits comment `id` to `body`: `issue_comment.edited` with the former body in `changes`. */
  async editComment(number: number, id: number, by: Actor, body: string): Promise<SentDelivery> {
    const comment = this.findComment(number, id);
    const from = comment.body;
    comment.body = body;
    comment.updated_at = this.sim.clock;
    return this.webhooks.deliver(
      'issue_comment',
      this.webhooks.issueComment('edited', number, comment, by, { changes: { body: { from } } }),
    );
  }

  /** `by` deletes comment `id`: gone from the conversation, then `issue_comment.deleted`. */
  async deleteComment(number: number, id: number, by: Actor): Promise<SentDelivery> {
    const comment = this.findComment(number, id);
    this.sim.state.comments.set(
      number,
      this.sim.commentsOn(number).filter((entry) => entry.id !== id),
    );
    return this.webhooks.deliver('issue_comment', this.webhooks.issueComment('deleted', number, comment, by));
  }

  /**
   * `by` submits a review (`APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`) of the head:
   * `pull_request_review.submitted`. The delivery's `payload.review.id` names the review.
   */
  async review(number: number, by: Actor, reviewState: string, body = ''): Promise<SentDelivery> {
    const headSha = String((this.sim.pull(number)?.head as Json | undefined)?.sha ?? '');
    const id = this.sim.addReview(number, by, reviewState, headSha);
    const review = this.sim.state.pulls.get(number)?.reviews.find((entry) => entry.id === id) as Json;
    review.body = body;
    return this.webhooks.deliver(
      'pull_request_review',
      this.webhooks.pullRequestReview('submitted', number, review, by),
    );
  }

  /**
   * `by` edits the body of review `id` to `body`: the review as GitHub lists it, its edit time on
   * the timeline, then `pull_request_review.edited` with the former body in `changes`.
   */
  async editReview(number: number, id: number, by: Actor, body: string): Promise<SentDelivery> {
    const review = this.findReview(number, id);
    const from = review.body;
    review.body = body;
    this.sim.state.reviewEditedAt.set(id, this.sim.clock);
    return this.webhooks.deliver(
      'pull_request_review',
      this.webhooks.pullRequestReview('edited', number, review, by, { changes: { body: { from } } }),
    );
  }

  /**
   * `by` (a maintainer) dismisses review `id` with `message`: its state becomes DISMISSED, a
   * `review_dismissed` entry joins the timeline, then `pull_request_review.dismissed`.
   */
  async dismissReview(number: number, id: number, by: Actor, message: string): Promise<SentDelivery> {
    const review = this.findReview(number, id);
    const state = String(review.state);
    review.state = 'DISMISSED';
    const { state: repository } = this.sim;
    const entry = {
      ...aTimelineEvent({
        id: repository.nextId++,
        event: 'review_dismissed',
        at: this.sim.clock,
        actor: by,
      }),
      dismissed_review: { state: state.toLowerCase(), review_id: id, dismissal_message: message },
    };
    repository.events.set(number, [...(repository.events.get(number) ?? []), entry]);
    return this.webhooks.deliver(
      'pull_request_review',
      this.webhooks.pullRequestReview('dismissed', number, review, by),
    );
  }

  /**
   * `by` adds the label `name` to pull request `number`: on the pull request, a `labeled` entry on
   * its timeline, then `pull_request.labeled` with the label.
   */
  async label(number: number, name: string, by: Actor): Promise<SentDelivery> {
    return this.changeLabel(number, name, by, 'labeled');
  }

  /** `by` removes the label `name` from pull request `number`: `unlabeled` on the timeline, `pull_request.unlabeled`. */
  async unlabel(number: number, name: string, by: Actor): Promise<SentDelivery> {
    return this.changeLabel(number, name, by, 'unlabeled');
  }

  private async changeLabel(
    number: number,
    name: string,
    by: Actor,
    action: 'labeled' | 'unlabeled',
  ): Promise<SentDelivery> {
    const pull = this.sim.state.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    const labels = pull.shape.labels ?? [];
    if ((action === 'labeled') === labels.includes(name))
      throw new Error(`#${number} ${action === 'labeled' ? 'already has' : 'has no'} label ${name}`);
    pull.shape.labels = action === 'labeled' ? [...labels, name] : labels.filter((label) => label !== name);
    const { state } = this.sim;
    const entry = aTimelineEvent({
      id: state.nextId++,
      event: action,
      at: this.sim.clock,
      actor: by,
      label: name,
    });
    state.events.set(number, [...(state.events.get(number) ?? []), entry]);
    return this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest(action, number, by, { label: entry.label }),
    );
  }

  /** `by` clicks the button `action` (its identifier: approve, reject) on check run `checkRunId`. */
  async clickButton(checkRunId: number, action: string, by: Actor): Promise<SentDelivery> {
    const run = this.sim.state.checkRuns.find((entry) => entry.id === checkRunId);
    if (run === undefined) throw new Error(`no check run ${checkRunId}`);
    return this.webhooks.deliver('check_run', this.webhooks.checkRunAction(run, action, by));
  }

  private findReview(number: number, id: number): Json {
    const review = this.sim.state.pulls.get(number)?.reviews.find((entry) => entry.id === id);
    if (review === undefined) throw new Error(`no review ${id} of #${number}`);
    return review;
  }

  private findComment(number: number, id: number): Json {
    const comment = this.sim.commentsOn(number).find((entry) => entry.id === id);
    if (comment === undefined) throw new Error(`no comment ${id} on #${number}`);
    return comment;
  }

  /** A commit object in the git data store: its tree of `files`, by `by`. */
}
