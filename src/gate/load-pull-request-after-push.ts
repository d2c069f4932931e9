// A read of a pull request right after a push may come from a GitHub replica that has not seen
// the push yet, and name the previous head (security case R5). Statements are bound to the head
// that is read, so a stale read never lets an approval count for new code; but the new head would
// go ungated until the next event or sweep. So when the delivery announced a head (`opened`,
// `synchronize`…) and the read shows another, the pull request is read again, 1 s and then 2 s
// later. Still another head after that, GitHub's answer stands: most likely a newer push.
import {
  loadPullRequest,
  type PullRequestSnapshot,
  type PullRequestTarget,
} from '../github/load-pull-request.ts';
import { sleep } from '../github/sleep.ts';
import type { GateEnvironment, PullRequestTrigger } from './run-pull-request-gate.ts';

/** The waits before each read again. */
export const STALE_READ_WAITS_MS = [1_000, 2_000] as const;

/** The actions that bring a head: their head is the newest one (a label's may be older). */
const PUSHES = new Set(['opened', 'reopened', 'synchronize']);

/** The head the newest of the deliveries that brought one announced, when one did. */
function findAnnouncedHead(triggers: readonly PullRequestTrigger[]): string | undefined {
  let announced: string | undefined;
  for (const trigger of triggers)
    if (trigger.kind === 'pull_request' && PUSHES.has(trigger.action) && trigger.headSha)
      announced = trigger.headSha;
  return announced;
}

export async function loadPullRequestAfterPush(
  env: Pick<GateEnvironment, 'github' | 'log' | 'pause'>,
  target: PullRequestTarget,
  triggers: readonly PullRequestTrigger[],
): Promise<PullRequestSnapshot | undefined> {
  const announced = findAnnouncedHead(triggers);
  let pr = await loadPullRequest(env.github, target);
  for (const ms of STALE_READ_WAITS_MS) {
    if (announced === undefined || pr === undefined || !pr.open || pr.head.sha === announced) return pr;
    env.log.info(
      { ...target, announced, read: pr.head.sha },
      `GitHub shows another head than the delivery announced: reading the pull request again in ${ms} ms`,
    );
    await (env.pause ?? sleep)(ms);
    pr = await loadPullRequest(env.github, target);
  }
  return pr;
}
