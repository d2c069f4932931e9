// A burst of comments on one pull request, as a busy discussion (or a bot) makes them: each comment
// is written to the simulator's GitHub first, then its signed issue_comment.created delivery is sent,
// `concurrency` at a time, and every answer is kept with how long it took. Used by the burst's
// end-to-end test and by bench/burst.ts, which also sends the same deliveries to a Probot app that
// does nothing.
import type { Actor } from '../../src/core/model.ts';
import type { GitHubSimulator } from '../simulator/github.ts';
import type { WebhookSender } from '../simulator/webhooks.ts';

type Json = Record<string, unknown>;

export interface BurstComment {
  by: Actor;
  body: string;
}

export interface BurstAnswer {
  status: number;
  ms: number;
}

export interface BurstOutcome {
  answers: BurstAnswer[];
  elapsedMs: number;
}

const PROSE = [
  'Looks good to me, one question on the rollback.',
  'Could we run this off-peak? The orders table is large.',
  '> Restore the column from the nightly snapshot.\n\nIs the snapshot tested?',
  'CI is green on my side.',
  'Nit: the migration name could say what it drops. `/approve` once that is fixed.',
  '```sql\nSELECT count(*) FROM orders WHERE status IS NULL;\n```\nreturns 0 here.',
];

/**
 * `size` comments by `people`, in turn: the comment at each index of `approvals` is an `/approve`
 * by `approver`; the others are conversation, with no command for Gatehouse.
 */
export function createCommentMix(
  size: number,
  people: readonly Actor[],
  approver: Actor,
  approvals: readonly number[],
): BurstComment[] {
  return Array.from({ length: size }, (_, index) =>
    approvals.includes(index)
      ? { by: approver, body: '/approve' }
      : { by: people[index % people.length] as Actor, body: PROSE[index % PROSE.length] as string },
  );
}

/** Writes each comment on pull request `number` and returns its issue_comment.created delivery. */
export function prepareBurst(
  sim: GitHubSimulator,
  webhooks: WebhookSender,
  number: number,
  comments: readonly BurstComment[],
): Json[] {
  return comments.map(({ by, body }) => {
    const id = sim.addComment(number, by, body);
    const comment = sim.commentsOn(number).find((entry) => entry.id === id);
    if (comment === undefined) throw new Error(`no comment ${id} on #${number}`);
    return webhooks.issueComment('created', number, comment, by);
  });
}

/** Sends the deliveries `concurrency` at a time, in order, and keeps every answer with its time. */
export async function sendBurst(
  webhooks: WebhookSender,
  payloads: readonly Json[],
  concurrency: number,
): Promise<BurstOutcome> {
  const answers: BurstAnswer[] = new Array(payloads.length);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < payloads.length; index = next++) {
      const sentAt = performance.now();
      const delivery = await webhooks.deliver('issue_comment', payloads[index] as Json);
      answers[index] = { status: delivery.status, ms: performance.now() - sentAt };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { answers, elapsedMs: performance.now() - started };
}

/** Deliveries a second, and the median and 99th percentile of the answer times. */
export function summarizeBurst(outcome: BurstOutcome): {
  perSecond: number;
  medianMs: number;
  p99Ms: number;
} {
  const times = outcome.answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const at = (quantile: number) =>
    times[Math.min(times.length - 1, Math.ceil(quantile * times.length) - 1)] ?? 0;
  return {
    perSecond: (outcome.answers.length / outcome.elapsedMs) * 1000,
    medianMs: at(0.5),
    p99Ms: at(0.99),
  };
}
