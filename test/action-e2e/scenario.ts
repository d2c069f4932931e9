// What every end-to-end scenario shares: the Action bundled from the current sources (once per
// file, into a temp dir, as `npm run build` bundles dist/; check:fresh proves dist/ is that same
// build), a fresh GitHub stand-in per test, a policy on its default branch, and the runs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { buildBundles } from '../../scripts/build.ts';
import { type GitHubSimulator, type RecordedRequest, startGitHubSimulator } from '../simulator/github.ts';
import {
  type ActionInvocation,
  type ActionRun,
  anEvent,
  HAS_NODE_20,
  NODE_20,
  NODE_24,
  runAction,
} from './run-action.ts';

export const POLICY = `mode: ask
allow: [docs]
reviewers:
  platform: [alice, bob]
  backup: [carol]
rules:
  - name: migrations
    if: { kinds: [migration] }
    risk: { reversibility: irreversible, blast_radius: production }
    level: approve
    reviewers: [platform]
    timeout: 1h
    on_timeout: reject
`;

/** The runtimes a scenario runs on: Node 24 always, Node 20 where the machine has it. */
export const RUNTIMES = [
  { name: 'Node 24', node: NODE_24 },
  ...(HAS_NODE_20 ? [{ name: 'Node 20', node: NODE_20 }] : []),
];

/** The oldest runtime present (Node 20 on this machine when /usr/bin/node is there), for one scenario per mode. */
export const OLDEST = RUNTIMES.at(-1) ?? { name: 'Node 24', node: NODE_24 };

export interface Scenario {
  /** The stand-in of the running test, with `policy` on its default branch and alice, bob and carol writers. */
  readonly github: GitHubSimulator;
  run: (options: Partial<ActionInvocation> & { inputs: Record<string, string> }) => Promise<ActionRun>;
}

/** Builds the bundle before the file's tests, and gives each test a fresh stand-in. */
export function useScenario(policy = POLICY): Scenario {
  // A run's timers fire FAST_TIMERS times sooner, but a slow machine still takes seconds per run.
  vi.setConfig({ testTimeout: 90_000 });
  let bundleDir = '';
  let current: GitHubSimulator | undefined;
  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'gatehouse-action-bundle-'));
    await buildBundles(join(bundleDir, 'dist'));
    if (!existsSync(join(bundleDir, 'dist', 'action.mjs')))
      throw new Error('scripts/build.ts built no action.mjs');
  }, 60_000);
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
  beforeEach(async () => {
    current = await startGitHubSimulator();
    current.setFile('.github/gatehouse.yml', policy);
    for (const login of ['alice', 'bob', 'carol']) current.setPermission(login, 'write');
  });
  afterEach(async () => {
    const finished = current;
    current = undefined;
    await finished?.close();
    // A request GitHub would refuse, or an answer it would never give, fails the test that caused it.
    finished?.assertFaithful();
  });
  const github = (): GitHubSimulator => {
    if (current === undefined) throw new Error('no stand-in outside a test');
    return current;
  };
  return {
    get github() {
      return github();
    },
    run: (options) =>
      runAction({
        bundle: join(bundleDir, 'dist', 'action.mjs'),
        apiUrl: github().url,
        clockOffsetMs: github().clockOffsetMs,
        eventName: 'workflow_dispatch',
        event: anEvent('workflow_dispatch', undefined),
        ...options,
      }),
  };
}

export const isCommentList = (issue: number) => (request: RecordedRequest) =>
  request.method === 'GET' && request.path === `/repos/acme/shop/issues/${issue}/comments`;

/** The issue number at the end of a request URL output. */
export function issueOf(run: ActionRun): number {
  const match = /\/issues\/(\d+)$/.exec(run.outputs['request-url'] ?? '');
  if (match === null) throw new Error(`no approval issue in request-url: ${run.outputs['request-url']}`);
  return Number(match[1]);
}
