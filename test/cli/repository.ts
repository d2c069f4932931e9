// Real git repositories in temporary folders for the CLI tests, with a fixed author, dates and
// config, so commit ids (and so the plan output) are the same on every machine and every run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Io } from '../../src/cli/run.ts';
import {
  createDecisionRecord,
  createDecisionRecordPath,
  renderDecisionRecord,
} from '../../src/core/decision-record.ts';
import { evaluateGate } from '../../src/core/gate.ts';
import type { Statement } from '../../src/core/model.ts';
import { parsePolicy } from '../../src/core/policy.ts';
import { createPullRequestRequest } from '../../src/core/request.ts';

export const NOW = new Date('2026-03-02T12:00:00Z');

export interface TestRepository {
  dir: string;
  env: Record<string, string | undefined>;
  git(args: string[], input?: string): string;
  write(path: string, text: string): void;
  /** Stages everything and commits with a fixed date. */
  commit(message: string): string;
  remove(): void;
}

const made: string[] = [];

/** A new folder under the OS temp dir, removed by `removeAll`. */
export function createTempDir(prefix = 'gatehouse-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function createRepository(): TestRepository {
  const dir = createTempDir();
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: dir,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(dir, '.no-global-gitconfig'),
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_AUTHOR_DATE: '2026-03-01T09:00:00Z',
    GIT_COMMITTER_DATE: '2026-03-01T09:00:00Z',
  };
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      env,
      encoding: 'utf8',
      input: input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  git(['init', '--quiet', '--initial-branch=main']);
  git(['config', 'user.name', 'ada']);
  git(['config', 'commit.gpgsign', 'false']);
  return {
    dir,
    env,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    commit(message) {
      git(['add', '--all']);
      git(['commit', '--quiet', '--no-verify', '--message', message]);
      return git(['rev-parse', 'HEAD']).trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CapturedIo extends Io {
  out: () => string;
  err: () => string;
}

export function createIo(cwd: string, env: Record<string, string | undefined> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd,
    env,
    now: () => NOW,
    out: () => out,
    err: () => err,
  };
}

// ---------------------------------------------------------------------------------------------
// The project the tests plan on: a shop whose policy gates migrations, with a feature branch
// that drops a column and describes it in a spec.

export const POLICY = `mode: ask
reviewers:
  platform: ["@acme/platform", alice]
  dba: [bob, carol]
defaults:
  timeout: 24h
rules:
  - name: migrations
    description: Schema changes cannot be undone by a revert.
    if: { paths: ["db/migrations/**"] }
    risk: { reversibility: irreversible, blast_radius: production }
    reviewers: [dba]
    approvals: 2
  - name: production-deploys
    if: { environments: [production] }
    risk: { blast_radius: production }
    reviewers: [platform]
environments:
  production: { reviewers: [platform] }
specs: { paths: ["docs/specs/**/*.md"] }
`;

export const SPEC = `---
action: Drop the users.legacy_email column in production
kind: migration
risk:
  sensitivity: customer_data
---

# Drop users.legacy_email

## Context

\`users.legacy_email\` has been unused since the identity service moved to \`user_emails\` in
release 2026.01. Nothing has read it for 60 days, and it still holds addresses we must delete
under the retention policy.

## Risk Assessment

The drop takes an ACCESS EXCLUSIVE lock on \`users\` for milliseconds; \`lock_timeout\` is 5s.
The data is gone once the migration commits.

## Rollback Plan

Take the snapshot \`pre-drop-legacy-email\` first. If anything still reads the column, re-add it
as nullable and restore the values from the snapshot.

## Options

- **Run now**: apply the migration as soon as this is approved.
- **Off-peak**: apply it at 02:00 UTC.
`;

export const MIGRATION = 'ALTER TABLE users DROP COLUMN legacy_email;\n';

/**
 * main: the policy, a README and the first migration. drop-legacy-email (checked out): the new
 * migration committed, the spec written but not committed yet.
 */
export function createProjectRepository(): TestRepository {
  const repo = createRepository();
  repo.git(['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
  repo.write('.github/gatehouse.yml', POLICY);
  repo.write('README.md', '# shop\n');
  repo.write('db/migrations/000_init.sql', 'CREATE TABLE users (id bigint, legacy_email text);\n');
  repo.write('.gitignore', 'node_modules/\n');
  repo.commit('Initial commit');
  repo.git(['checkout', '--quiet', '-b', 'drop-legacy-email']);
  repo.write('db/migrations/001.sql', MIGRATION);
  repo.commit('Drop users.legacy_email\n\nThe column has been unused since January.');
  repo.write('docs/specs/drop-column.md', SPEC);
  repo.write('node_modules/ignored.js', 'ignored\n');
  return repo;
}

/**
 * Commits files to a branch that shares no history with the others (as the decision log is),
 * through one `git fast-import`, so thousands of files cost one process.
 */
export function commitOrphanBranch(
  repo: TestRepository,
  branch: string,
  files: { path: string; text: string }[],
): void {
  // One commit per file, as Gatehouse's writer adds them: the offline audit reads the history.
  const chunks: string[] = [];
  for (const file of files) {
    const message = 'gatehouse: decision';
    chunks.push(
      `commit refs/heads/${branch}`,
      'committer Gatehouse <gatehouse@example.com> 1772355600 +0000',
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 100644 inline ${file.path}`,
      `data ${Buffer.byteLength(file.text)}`,
      file.text,
    );
  }
  repo.git(['fast-import', '--quiet'], `${chunks.join('\n')}\n`);
}

/**
 * The decision record Gatehouse would have written when bob and carol approved an earlier
 * migration (PR #41) under POLICY: made by the engine itself, not by hand.
 */
export function createApprovedMigrationRecord(baseRef = 'main'): { path: string; text: string } {
  return createApprovedPullRequestRecord({
    policy: POLICY,
    baseRef,
    paths: ['db/migrations/000_init.sql'],
    approvers: [
      { id: 2, login: 'bob', at: '2026-02-10T10:00:00Z' },
      { id: 3, login: 'carol', at: '2026-02-10T10:30:00Z' },
    ],
    requestedAt: '2026-02-10T09:00:00Z',
  });
}

export interface ApprovedPullRequest {
  /** The policy's YAML, as on the default branch. */
  policy: string;
  baseRef: string;
  paths: string[];
  /** Each approver's `/approve` comment; the last one decides. All have write permission. */
  approvers: { id: number; login: string; at: string }[];
  requestedAt: string;
  /** `org/team` → member ids, for a policy that names teams. */
  teams?: Record<string, number[]>;
}

/**
 * The record Gatehouse writes when the approvers' `/approve` comments open a migration pull
 * request's gate (PR #41 of acme/shop) under `policy`: evaluated and written by the engine itself.
 */
export function createApprovedPullRequestRecord(pr: ApprovedPullRequest): { path: string; text: string } {
  const parsed = parsePolicy(pr.policy, { file: '.github/gatehouse.yml' });
  if (!parsed.ok) throw new Error(`the policy is invalid: ${JSON.stringify(parsed.problems)}`);
  const sha = '1111111111111111111111111111111111111111';
  const requester = { id: 100, login: 'agent-author', type: 'User' };
  const request = createPullRequestRequest(
    {
      repository: 'acme/shop',
      number: 41,
      title: 'Add users.email_verified',
      body: '## Rollback Plan\n\nDrop the new column again; nothing writes to it yet.',
      author: requester,
      headSha: sha,
      baseRef: pr.baseRef,
      labels: [],
      files: { paths: pr.paths, complete: true },
    },
    [],
  );
  request.kind = 'migration';
  const statements = pr.approvers.map(
    ({ id, login, at }): Statement => ({
      source: 'comment',
      id: `c${id}`,
      author: { id, login, type: 'User' },
      body: '/approve',
      createdAt: at,
      updatedAt: at,
    }),
  );
  const decidedAt = pr.approvers.at(-1)?.at ?? pr.requestedAt;
  const result = evaluateGate(
    parsed.policy,
    request,
    {
      head: { sha, since: pr.requestedAt },
      statements,
      permissions: Object.fromEntries(pr.approvers.map(({ id }) => [id, 'write' as const])),
      teams: Object.fromEntries(Object.entries(pr.teams ?? {}).map(([team, members]) => [team, { members }])),
      selfIds: [],
      history: [],
      requestedAt: pr.requestedAt,
    },
    decidedAt,
  );
  if (result.state !== 'approved') throw new Error(`expected an approved gate, got ${result.state}`);
  const record = createDecisionRecord(request, result, { decidedAt, requestedAt: pr.requestedAt });
  return { path: createDecisionRecordPath(record, 'decisions'), text: renderDecisionRecord(record) };
}
