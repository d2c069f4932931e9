// A scene of the App's gate on the simulator for a scenario: the policy committed to the default
// branch by a maintainer, the people writers of the repository, and what a test reads of what
// GitHub holds (the App's runs on a commit, the log branch's commits) and of what a step cost.
import { afterEach, beforeAll, expect, vi } from 'vitest';
import type { RecordedRequest } from '../simulator/github.ts';
import { appKey } from '../support/app-key.ts';
import { users } from '../support/github-fixtures.ts';
import { POLICY } from '../support/github-world.ts';
import { APP, type AppScene, startAppScene } from './app-on-simulator.ts';

export { POLICY };
export const CONFIG_PATH = '.github/gatehouse.yml';
export const LOG_BRANCH = 'gatehouse-log';
export const MINUTE = 60_000;

export interface GateSceneOptions {
  /** The policy on the default branch; default test/support/github-world.ts's POLICY. */
  policy?: string;
  /** More files of the default branch. */
  files?: Record<string, string>;
  defaultBranch?: string;
}

/**
 * Scenes started by `start` are stopped after each test, which then fails on any request GitHub
 * would not accept, or any the App sent and GitHub refused other than those `expected` allows
 * (reading the log branch before its first record is a 404 on GitHub too).
 */
export function useGateScenes(): {
  start(options?: GateSceneOptions): Promise<AppScene>;
  /** Refusals this test expects, as `status METHOD path` (or a pattern of it). */
  expectRefused(...answers: (string | RegExp)[]): void;
} {
  let current: AppScene | undefined;
  let allowed: (string | RegExp)[] = [];
  // The App's key, made once for the file outside any test's time; a scene runs a real server
  // and the file's first pays for loading it, which on a busy 2-core machine can take seconds.
  beforeAll(() => void appKey(), 30_000);
  vi.setConfig({ testTimeout: 30_000 });
  afterEach(async () => {
    const scene = current;
    current = undefined;
    if (scene === undefined) return;
    const refused = scene.sim.requests
      .filter((request) => request.status >= 400)
      .map((request) => `${request.status} ${request.method} ${request.path}`);
    await scene.stop();
    const unexpected = refused.filter(
      (answer) =>
        answer !== `404 GET /repos/acme/shop/commits` &&
        !allowed.some((entry) => (typeof entry === 'string' ? entry === answer : entry.test(answer))),
    );
    allowed = [];
    expect(unexpected, 'requests GitHub refused').toEqual([]);
  });
  return {
    async start(options = {}) {
      const scene = await startAppScene();
      current = scene;
      const { sim, history } = scene;
      if (options.defaultBranch !== undefined) {
        sim.state.defaultBranch = options.defaultBranch;
        sim.state.contents = { [options.defaultBranch]: {} };
      }
      sim.setPermission(users.dave.login, 'admin');
      for (const person of [users.alice, users.bob, users.carol, users.mallory, users.author])
        sim.setPermission(person.login, 'write');
      const commit = await history.pushToDefaultBranch(
        users.dave,
        { [CONFIG_PATH]: options.policy ?? POLICY, ...options.files },
        'Add a Gatehouse policy',
      );
      expect(commit.delivery.status).toBe(200);
      sim.advance(MINUTE);
      return scene;
    },
    expectRefused(...answers) {
      allowed.push(...answers);
    },
  };
}

/** The App's runs named `name` on `sha`, oldest first, the newest, and the buttons GitHub shows on it. */
export function runsOn(scene: AppScene, sha: string, name = 'gatehouse') {
  const runs = scene.sim.state.checkRuns.filter(
    (run) => run.head_sha === sha && run.name === name && (run.app as { id: number }).id === APP.id,
  );
  const newest = runs.at(-1);
  const buttons = (scene.sim.state.checkRunActions.get(Number(newest?.id)) ?? []).map(
    (action) => action.label,
  );
  return { runs, newest, buttons };
}

/** A run's output as strings (empty where absent). */
export function outputOf(run: Record<string, unknown> | undefined): {
  title: string;
  summary: string;
  text: string;
} {
  const output = (run?.output ?? {}) as { title?: unknown; summary?: unknown; text?: unknown };
  return {
    title: String(output.title ?? ''),
    summary: String(output.summary ?? ''),
    text: String(output.text ?? ''),
  };
}

/** Status, conclusion and title of the newest run named `name` on `sha`. */
export function verdictOn(scene: AppScene, sha: string, name = 'gatehouse'): [unknown, unknown, unknown] {
  const { newest } = runsOn(scene, sha, name);
  return [newest?.status, newest?.conclusion, (newest?.output as { title?: string } | undefined)?.title];
}

/** Every run of any app on `sha` as [name, status, conclusion]. */
export function everyRunOn(scene: AppScene, sha: string): [unknown, unknown, unknown][] {
  return scene.sim.state.checkRuns
    .filter((run) => run.head_sha === sha)
    .map((run) => [run.name, run.status, run.conclusion]);
}

/** The log branch's commit messages, newest first (first parents). */
export function logMessages(scene: AppScene): string[] {
  const { state } = scene.sim;
  const messages: string[] = [];
  for (let sha = state.refs.get(LOG_BRANCH); sha !== undefined; ) {
    const commit = state.commits.get(sha);
    if (commit === undefined) break;
    messages.push(commit.message);
    sha = commit.parents[0];
  }
  return messages;
}

/** The decision records on the log branch's tip, path → text. */
export function logRecords(scene: AppScene): Record<string, string> {
  return scene.sim.filesOnBranch(LOG_BRANCH);
}

/** The requests `step` made that count against the rate limit, as `METHOD path`. */
export async function countRequests<T>(
  scene: AppScene,
  step: () => Promise<T>,
): Promise<{ result: T; counted: string[] }> {
  const before = scene.sim.requests.length;
  const result = await step();
  const counted = scene.sim.requests
    .slice(before)
    .filter((request: RecordedRequest) => request.counted)
    .map((request) => `${request.method} ${request.path}`);
  return { result, counted };
}

/** Rendered text without its Markdown escapes and the zero-width spaces that break mentions. */
export function readable(markdown: unknown): string {
  return String(markdown)
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');
}

export const MIGRATION = { 'db/migrations/001_drop_status.sql': 'ALTER TABLE orders DROP COLUMN status;\n' };
export const DESCRIPTION =
  '## Context\n\nThe column is unused.\n\n## Rollback plan\n\nRestore the column from the nightly snapshot.';

/** The author opens a pull request adding a migration (or `files`), into `base`. */
export async function openMigration(
  scene: AppScene,
  shape: { files?: Record<string, string>; base?: string; by?: typeof users.author; body?: string } = {},
) {
  const opened = await scene.users.openPullRequest({
    by: shape.by ?? users.author,
    title: 'Drop the legacy orders.status column',
    body: shape.body ?? DESCRIPTION,
    files: shape.files ?? MIGRATION,
    ...(shape.base === undefined ? {} : { base: shape.base }),
  });
  expect(opened.delivery.status, opened.delivery.body).toBe(200);
  scene.sim.advance(MINUTE);
  return opened;
}
