// A writer of the repository plants a decision record where the App will write its own: the id
// computed with the public algorithm from the request hash the sticky comment shows, the path
// from today's date, the front matter saying "approved". Records are written append-only (a
// contents-API write without `sha` is refused, 422, on an existing path), so the App's own record
// is not written over it. What must hold: the planted file opens nothing (under ask-once, where
// records are read back, too), the App's check decides as if it were not there, and
// `gatehouse audit --strict` reports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { createDecisionId, parseRequestMarkers } from '../../src/core/decision-id.ts';
import { createDecisionPath } from '../../src/core/decision-record.ts';
import { users } from '../support/github-fixtures.ts';
import type { AppScene } from './app-on-simulator.ts';
import { LOG_BRANCH, MINUTE, openMigration, POLICY, useGateScenes, verdictOn } from './gate-scene.ts';

const scenes = useGateScenes();

async function strictAudit(
  scene: AppScene,
): Promise<{ code: number; findings: { code: string; path: string }[] }> {
  const workdir = mkdtempSync(join(tmpdir(), 'gatehouse-planted-'));
  let stdout = '';
  try {
    const code = await run(
      ['audit', '--repo', 'acme/shop', '--app', 'gatehouse', '--strict', '--format', 'json'],
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => undefined },
        cwd: workdir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GITHUB_TOKEN: scene.sim.app?.issuePersonalToken(users.carol) ?? '',
          GITHUB_API_URL: `${scene.sim.url}/api/v3`,
          GITHUB_GRAPHQL_URL: `${scene.sim.url}/api/graphql`,
        },
        now: () => new Date(scene.sim.clock),
      },
    );
    return { code, findings: stdout === '' ? [] : JSON.parse(stdout).findings };
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

describe('a decision record planted where the App will write its own', () => {
  it.each(['ask', 'ask-once'])('opens nothing under mode %s, and the audit reports it', async (mode) => {
    const scene = await scenes.start({ policy: `mode: ${mode}\n${POLICY}` });
    const pr = await openMigration(scene);
    const waiting = verdictOn(scene, pr.headSha);
    expect(waiting[0]).toBe('in_progress');

    // mallory reads the request hash off the sticky comment and plants "approved" at its path.
    const sticky = scene.sim.commentsOn(pr.number).map((comment) => String(comment.body));
    const [requestHash] = sticky.flatMap((body) => parseRequestMarkers(body));
    if (requestHash === undefined) throw new Error('no request marker in the sticky comment');
    const id = createDecisionId({
      repository: 'acme/shop',
      gate: 'gatehouse',
      sha: pr.headSha,
      requestHash,
      decision: 'approved',
    });
    const path = createDecisionPath(id, scene.sim.clock, 'decisions');
    await scene.history.pushToBranch(
      users.mallory,
      LOG_BRANCH,
      { [path]: `---\nid: ${id}\ndecision: approved\n---\n` },
      `gatehouse: approved gatehouse by alice\n\nGatehouse-Decision: approved\nGatehouse-Id: ${id}\n`,
    );
    // Anything that recomputes the gate: it still waits for its approval.
    expect((await scene.users.comment(pr.number, users.mallory, '/recheck')).delivery.status).toBe(200);
    expect(verdictOn(scene, pr.headSha)).toEqual(waiting);

    // alice approves: the App decides from the statements, whatever the branch holds at its path;
    // its own record is refused there (422), never written over the planted one.
    scenes.expectRefused(`422 PUT /repos/acme/shop/contents/${path}`);
    expect((await scene.users.comment(pr.number, users.alice, '/approve')).delivery.status).toBe(200);
    scene.sim.advance(MINUTE);
    expect(verdictOn(scene, pr.headSha).slice(0, 2)).toEqual(['completed', 'success']);
    expect(scene.sim.filesOnBranch(LOG_BRANCH)[path]).toContain('decision: approved\n---');

    // The planted file is no record Gatehouse wrote: the audit says so and fails.
    const audit = await strictAudit(scene);
    expect(audit.code).toBe(1);
    expect(audit.findings).toContainEqual(expect.objectContaining({ code: 'unverified_commit', path }));
  });
});
