// Replicas of the App (DESIGN §8) arbitrate through GitHub itself: a creation that cannot be
// undone (a check run cannot be deleted) is made by the replica that takes its lease, a ref whose
// name says what is created. Creating a ref is a compare-and-swap: GitHub answers 422 to every
// replica but the first. The others wait for the winner's creation and take it; if it does not
// appear within the wait (the winner crashed between its lease and its creation), they create it
// themselves, so a lease never blocks a gate for good. The refs live under refs/gatehouse/, which
// no clone fetches by default (only refs/heads and refs/tags) and no branch list shows.
import { createHash } from 'node:crypto';
import type { GitHubClient } from './client.ts';
import { isTransient, NO_RETRY, readStatus } from './request-error.ts';

/** How replicas wait for a creation another replica holds the lease of. */
export interface ReplicaArbitration {
  /** Looks for the creation this many times… */
  polls: number;
  /** …this many milliseconds apart. */
  pollMs: number;
}

/**
 * In production: 6 looks over 1.5 s, longer than a creation takes after its lease; at most three
 * generations of a lease (LEASE_GENERATIONS) keep the worst wait near 4.5 s, inside GitHub's 10 s.
 */
export const REPLICA_ARBITRATION: ReplicaArbitration = { polls: 6, pollMs: 250 };

/** The ref of a lease: `refs/gatehouse/leases/<commit>/<digest of what is created>`. */
export function createLeaseRef(sha: string, parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  return `refs/gatehouse/leases/${sha}/${digest}`;
}

/**
 * Takes the lease `ref` (pointing at `sha`, a commit of the repository). False when another
 * replica holds it, or when whether this one does is unknown (its answer was lost): both wait.
 * True when GitHub refuses the ref for another reason: the creation goes on unarbitrated, as
 * one process makes it, rather than not at all.
 */
export async function takeLease(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string },
  ref: string,
): Promise<boolean> {
  try {
    await github.rest.git.createRef({ owner: at.owner, repo: at.repo, ref, sha: at.sha, ...NO_RETRY });
    return true;
  } catch (error) {
    // Held, or lost or refused for a moment: it may be ours, so look for the creation first.
    return !(readStatus(error) === 422 || isTransient(error));
  }
}

/** Leases tried in turn before creating unarbitrated: a lease whose taker lost its answer is retried. */
export const LEASE_GENERATIONS = 3;

/**
 * Creates through the lease: `create` when this replica takes it; otherwise what `find` finds
 * within the wait. When nothing appears (the holder died, or lost the answer to its own lease and
 * waits too), the next generation of the lease (`ref` + `/2`, `/3`) is contended the same way,
 * and after the last, `create` runs unarbitrated.
 */
export async function createUnderLease<T>(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string },
  ref: string,
  arbitration: ReplicaArbitration,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Promise<{ value: T; found: boolean }> {
  for (let generation = 1; generation <= LEASE_GENERATIONS; generation++) {
    const lease = generation === 1 ? ref : `${ref}/${generation}`;
    if (await takeLease(github, at, lease)) return { value: await create(), found: false };
    for (let poll = 0; poll < arbitration.polls; poll++) {
      const found = await find();
      if (found !== undefined) return { value: found, found: true };
      await sleep(arbitration.pollMs);
    }
  }
  return { value: await create(), found: false };
}
