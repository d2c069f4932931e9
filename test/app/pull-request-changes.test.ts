// Pull-request gates end to end, part 3: what is left here of pushes, replays, reviews and
// check-run buttons (the rest runs on the simulator: test/app-e2e/pull-request-changes.test.ts).
//
// K2 stays on nock: here the check run's started_at is the App's own clock, as it would be if
// the App sent it. On the simulator, as on GitHub, started_at is GitHub's time of creation, a
// moment after the App's `now`; the first run's deadline counts from the App's `now`, every
// recompute from started_at, so a Re-run with nothing new rewrites the run's wake-up time (a
// PATCH of the check run, and a deadline that can move by a second). Reported; once the App
// sends `started_at` when it creates a run, this moves to the simulator too.

import { describe, expect, it } from 'vitest';
import { APP_ID, users } from '../support/github-fixtures.ts';
import { aWorld, mockReads, runsOf } from '../support/github-world.ts';
import { checkRunEvent, openPullRequest, step, useAppWorlds } from './app-world.ts';

const apps = useAppWorlds();

describe('the check run', () => {
  it('Re-run recomputes from GitHub and, with nothing new, changes nothing (K2)', async () => {
    const world = aWorld();
    const app = await apps.start(world);
    await openPullRequest(app);
    const [pending] = runsOf(world);
    const before = structuredClone(runsOf(world));
    const rerun = checkRunEvent('rerequested', { id: pending?.id as number, appId: APP_ID }, users.alice);
    const run = await step(app, '2026-11-20T10:05:00Z', rerun, (scope) => mockReads(world, scope));
    expect(run).toMatchObject({ state: 'pending' });
    expect(runsOf(world)).toEqual(before);
  });
});
