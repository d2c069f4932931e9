// Merging a pull request, as GitHub does it and announces it: a merge commit on the base branch
// (parents: the base's tip and the head; signed by GitHub, committed by `web-flow`), the pull
// request closed and merged (merged_at, merged_by, merge_commit_sha), `merged` and `closed` on
// its timeline, then `pull_request.closed` with `merged: true`. Nothing is enforced: it is the
// merge an admin can make whatever the checks say. GitHub's `push` delivery for the base branch
// is not sent (nothing here needs it).
import type { Actor } from '../../src/core/model.ts';
import { aTimelineEvent, WEB_FLOW } from '../support/github-fixtures.ts';
import type { GitHubSimulator } from './github.ts';
import { HistoryActions } from './history-actions.ts';
import type { SentDelivery, WebhookSender } from './webhooks.ts';

const ZERO_SHA = '0000000000000000000000000000000000000000';

export class MergeActions {
  private readonly sim: GitHubSimulator;
  private readonly webhooks: WebhookSender;

  constructor(sim: GitHubSimulator, webhooks: WebhookSender) {
    this.sim = sim;
    this.webhooks = webhooks;
  }

  /** `by` merges pull request `number` now: its head as it stands, into its base. */
  async merge(number: number, by: Actor): Promise<{ commit: string; head: string; delivery: SentDelivery }> {
    const { state } = this.sim;
    const pull = state.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    if (pull.shape.state === 'closed') throw new Error(`#${number} is closed`);
    const base = pull.shape.baseRef ?? state.defaultBranch;
    const head = pull.shape.headSha;
    if (head === undefined) throw new Error(`#${number} has no head commit in the simulator`);
    const history = new HistoryActions(this.sim, this.webhooks);
    const tip = state.refs.get(base);
    const tree = { ...(state.contents[base] ?? {}), ...(state.contents[head] ?? {}) };
    const commit = history.writeCommit(
      tip === undefined ? [head] : [tip, head],
      tree,
      `Merge pull request #${number} from ${pull.shape.headRef ?? 'drop-status'}`,
      { author: by, committer: WEB_FLOW, verification: { verified: true, reason: 'valid' } },
    );
    history.moveBranch(base, tip ?? ZERO_SHA, commit, by, 'push');
    pull.shape = { ...pull.shape, state: 'closed', merge: { at: this.sim.clock, by, commit } };
    for (const event of ['merged', 'closed']) {
      const entry = aTimelineEvent({ id: state.nextId++, event, at: this.sim.clock, actor: by });
      state.events.set(number, [...(state.events.get(number) ?? []), { ...entry, commit_id: commit }]);
    }
    const delivery = await this.webhooks.deliver(
      'pull_request',
      this.webhooks.pullRequest('closed', number, by),
    );
    return { commit, head, delivery };
  }
}
