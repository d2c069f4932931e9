import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import type { EvaluatedPlan, Plan } from '../../src/core/plan.ts';
import {
  commitOrphanBranch,
  createApprovedMigrationRecord,
  createIo,
  createProjectRepository,
  createRepository,
  createTempDir,
  POLICY,
  removeAll,
  type TestRepository,
} from './repository.ts';

afterAll(removeAll);

async function plan(repo: TestRepository, args: string[] = []) {
  const io = createIo(repo.dir, repo.env);
  const code = await run(['plan', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function planJson(repo: TestRepository, args: string[] = []): Promise<EvaluatedPlan> {
  const { code, out, err } = await plan(repo, [...args, '--format', 'json']);
  expect({
    code,
    err: err.split('\n').filter((line) => !line.startsWith('gatehouse: note:') && line !== ''),
  }).toEqual({
    code: 0,
    err: [],
  });
  const parsed = JSON.parse(out) as Plan;
  if (parsed.state === 'no_policy') throw new Error('expected a policy');
  return parsed;
}

describe('gatehouse plan', () => {
  describe('on a branch that adds a migration and writes a spec for it', () => {
    it('prints, as text by default, what would be gated, who must approve, and the request Gatehouse would post', async () => {
      const repo = createProjectRepository();
      const { code, out, err } = await plan(repo);
      expect(code).toBe(0);
      expect(err).toBe(
        'gatehouse: note: no local decision log: precedent counts as first_time (git fetch origin gatehouse-log:gatehouse-log)\n',
      );
      expect(out).toMatchInlineSnapshot(`
        "Gatehouse plan: gatehouse (pull request gate)
        =============================================

        - Base: main at 578e488; a pull request would target main
        - Head: 9260110, 2 changed files (commits, uncommitted edits and untracked files)
        - Policy: the default branch's policy (base:main): what Gatehouse would use; no branch can relax its own gate
        - Precedent: no local decision log, so precedent counts as first_time

        Tier: approve · Level: approve · State: pending · Check: in_progress: Waiting for 2 approvals from dba

        Matched rules
        -------------

        - migrations (approve tier, approve level): paths: 1 changed file matches
          - db/migrations/001.sql

        Risk factors
        ------------

        - reversibility: irreversible → approve (migrations)
        - blast_radius: production → approve (migrations)
        - sensitivity: customer_data → notify (declared by the requester)
        - precedent: first_time → notify (computed: the decision log could not be read)

        Who must approve
        ----------------

        - migrations (approve level) needs 2 approvals from dba (bob, carol)

        The request Gatehouse would post:

        Waiting for approval — 0 of 2 approvals from dba.

        Action requested

        Drop the users.legacy_email column in production

        Requested by ada · kind migration · commit 92601101d543 · into main · spec docs/specs/drop-column.md

        Context

        \`users.legacy_email\` has been unused since the identity service moved to \`user_emails\` in
        release 2026.01. Nothing has read it for 60 days, and it still holds addresses we must delete
        under the retention policy.

        Risk assessment

        Tier: approve · Level: approve

        Factor         Value          Tier     From
        -------------  -------------  -------  --------------------------------------------
        reversibility  irreversible   approve  migrations
        blast_radius   production     approve  migrations
        sensitivity    customer_data  notify   declared by the requester
        precedent      first_time     notify   computed: the decision log could not be read

        Matched rules

        - migrations (approve tier, approve level): Schema changes cannot be undone by a revert. Matched because paths: 1 changed file matches
          - db/migrations/001.sql

        The requester's assessment

        The drop takes an ACCESS EXCLUSIVE lock on \`users\` for milliseconds; \`lock_timeout\` is 5s.
        The data is gone once the migration commits.

        Rollback plan

        Take the snapshot \`pre-drop-legacy-email\` first. If anything still reads the column, re-add it
        as nullable and restore the values from the snapshot.

        Recommendation

        None given.

        Options

        - a — Run now: apply the migration as soon as this is approved. — pick with /approve a
        - b — Off-peak: apply it at 02:00 UTC. — pick with /approve b

        How to decide

        Who can approve

        - migrations needs 2 approvals from dba (bob, carol).

        The author of the change, the requester, whoever the request acts for and the last pusher cannot approve it. Bot accounts never count. People are counted once each, by account, with write permission checked when the gate is decided.

        Commands (comment on this pull request, the command on the first line of the comment)

        - /approve — approve; name an option to pick it: /approve a, /approve b
        - /approve cancel — withdraw your approval
        - /reject <reason> — reject; one rejection blocks the gate
        - /delay <when> — approve, effective later: /delay 2h or /delay 2026-03-02T22:00:00Z
        - /modify <instructions> — ask for changes; the gate stays closed

        A pull request review counts too: Approve as /approve, Request changes as /modify, for the commit it was given on.

        Deadline: 2026-03-03 12:00 UTC. Without a decision by then, the request is rejected.
        "
      `);
    });

    it('prints the same plan as Markdown with --format md', async () => {
      const repo = createProjectRepository();
      const { code, out, err } = await plan(repo, ['--format', 'md']);
      expect(code).toBe(0);
      expect(err).toMatchInlineSnapshot(`
        "gatehouse: note: no local decision log: precedent counts as first_time (git fetch origin gatehouse-log:gatehouse-log)
        "
      `);
      expect(out).toMatchInlineSnapshot(`
        "# Gatehouse plan: \`gatehouse\` (pull request gate)

        - **Base:** \`main\` at \`578e488\`; a pull request would target \`main\`
        - **Head:** \`9260110\`, 2 changed files (commits, uncommitted edits and untracked files)
        - **Policy:** the default branch's policy (\`base:main\`): what Gatehouse would use; no branch can relax its own gate
        - **Precedent:** no local decision log, so precedent counts as first_time

        **Tier:** approve · **Level:** approve · **State:** pending · **Check:** in_progress: Waiting for 2 approvals from dba

        ## Matched rules

        - **migrations** (approve tier, approve level): paths: 1 changed file matches
          - \`db/migrations/001.sql\`

        ## Risk factors

        - reversibility: irreversible → approve (migrations)
        - blast_radius: production → approve (migrations)
        - sensitivity: customer_data → notify (declared by the requester)
        - precedent: first_time → notify (computed: the decision log could not be read)

        ## Who must approve

        - **migrations** (approve level) needs 2 approvals from dba (bob, carol)

        The request Gatehouse would post:

        **Waiting for approval** — 0 of 2 approvals from dba.

        ### Action requested

        Drop the users.legacy\\_email column in production

        Requested by ada · kind \`migration\` · commit \`92601101d543\` · into \`main\` · spec \`docs/specs/drop-column.md\`

        ### Context

        \\\`users.legacy\\_email\\\` has been unused since the identity service moved to \\\`user\\_emails\\\` in\\
        release 2026.01. Nothing has read it for 60 days, and it still holds addresses we must delete\\
        under the retention policy.

        ### Risk assessment

        **Tier:** approve · **Level:** approve

        | Factor | Value | Tier | From |
        | --- | --- | --- | --- |
        | reversibility | irreversible | approve | migrations |
        | blast\\_radius | production | approve | migrations |
        | sensitivity | customer\\_data | notify | declared by the requester |
        | precedent | first\\_time | notify | computed: the decision log could not be read |

        **Matched rules**

        - **migrations** (approve tier, approve level): Schema changes cannot be undone by a revert. Matched because paths: 1 changed file matches
          - \`db/migrations/001.sql\`

        **The requester's assessment**

        The drop takes an ACCESS EXCLUSIVE lock on \\\`users\\\` for milliseconds; \\\`lock\\_timeout\\\` is 5s.\\
        The data is gone once the migration commits.

        ### Rollback plan

        Take the snapshot \\\`pre\\-drop\\-legacy\\-email\\\` first. If anything still reads the column, re\\-add it\\
        as nullable and restore the values from the snapshot.

        ### Recommendation

        _None given._

        ### Options

        - **a** — Run now: apply the migration as soon as this is approved. — pick with \`/approve a\`
        - **b** — Off\\-peak: apply it at 02:00 UTC. — pick with \`/approve b\`

        ### How to decide

        **Who can approve**

        - **migrations** needs 2 approvals from **dba** (\`bob\`, \`carol\`).

        The author of the change, the requester, whoever the request acts for and the last pusher cannot approve it. Bot accounts never count. People are counted once each, by account, with write permission checked when the gate is decided.

        **Commands** (comment on this pull request, the command on the first line of the comment)

        - \`/approve\` — approve; name an option to pick it: \`/approve a\`, \`/approve b\`
        - \`/approve cancel\` — withdraw your approval
        - \`/reject <reason>\` — reject; one rejection blocks the gate
        - \`/delay <when>\` — approve, effective later: \`/delay 2h\` or \`/delay 2026-03-02T22:00:00Z\`
        - \`/modify <instructions>\` — ask for changes; the gate stays closed

        A pull request review counts too: **Approve** as \`/approve\`, **Request changes** as \`/modify\`, for the commit it was given on.

        **Deadline:** 2026-03-03 12:00 UTC. Without a decision by then, the request is rejected.

        <!-- gatehouse:request 4465b9ec070d8b204328ba6482684e01b73ce959e87f2bf9c18c95dae9c876b8 -->
        "
      `);
    });

    it('gives the same plan as JSON, in the documented shape', async () => {
      const repo = createProjectRepository();
      const json = await planJson(repo);
      const markdown = (await plan(repo, ['--format', 'md'])).out;
      expect(markdown.endsWith(`The request Gatehouse would post:\n\n${json.request.markdown}\n`)).toBe(true);
      // The snapshot below sorts keys; the JSON itself keeps the documented order.
      expect(Object.keys(json)).toEqual([
        'version',
        'repository',
        'base',
        'head',
        'policy',
        'files',
        'specs',
        'log',
        'gate',
        'state',
        'tier',
        'level',
        'factors',
        'rules',
        'requirements',
        'readiness',
        'problems',
        'notes',
        'request',
        'check',
      ]);
      expect({
        ...json,
        request: { ...json.request, markdown: '(the approval request, as above)' },
      }).toMatchInlineSnapshot(`
        {
          "base": {
            "branch": "main",
            "mergeBase": "578e488c100f32c0c0f0913e798bf17fdfc321bf",
            "ref": "main",
            "sha": "578e488c100f32c0c0f0913e798bf17fdfc321bf",
          },
          "check": {
            "name": "gatehouse",
            "status": "in_progress",
            "title": "Waiting for 2 approvals from dba",
          },
          "factors": [
            {
              "factor": "reversibility",
              "from": "migrations",
              "tier": "approve",
              "value": "irreversible",
            },
            {
              "factor": "blast_radius",
              "from": "migrations",
              "tier": "approve",
              "value": "production",
            },
            {
              "factor": "sensitivity",
              "from": "declared by the requester",
              "tier": "notify",
              "value": "customer_data",
            },
            {
              "factor": "precedent",
              "from": "computed: the decision log could not be read",
              "tier": "notify",
              "value": "first_time",
            },
          ],
          "files": {
            "complete": true,
            "count": 2,
          },
          "gate": {
            "check": "gatehouse",
            "kind": "pull_request",
          },
          "head": {
            "sha": "92601101d543b4f9a3fb5bfc246efacaf94fb643",
          },
          "level": "approve",
          "log": null,
          "notes": [
            "no local decision log: precedent counts as first_time (git fetch origin gatehouse-log:gatehouse-log)",
          ],
          "policy": {
            "source": "base:main",
          },
          "problems": [],
          "readiness": {
            "missing": [],
            "ready": true,
          },
          "repository": "acme/shop",
          "request": {
            "action": "Drop the users.legacy_email column in production",
            "hash": "4465b9ec070d8b204328ba6482684e01b73ce959e87f2bf9c18c95dae9c876b8",
            "kind": "migration",
            "markdown": "(the approval request, as above)",
            "spec": "docs/specs/drop-column.md",
          },
          "requirements": [
            {
              "level": "approve",
              "needed": 2,
              "reviewers": [
                {
                  "entries": [
                    "bob",
                    "carol",
                  ],
                  "group": "dba",
                },
              ],
              "rule": "migrations",
            },
          ],
          "rules": [
            {
              "files": [
                "db/migrations/001.sql",
              ],
              "filesMatched": 1,
              "level": "approve",
              "name": "migrations",
              "reasons": [
                "paths: 1 changed file matches",
              ],
              "tier": "approve",
            },
          ],
          "specs": [
            {
              "path": "docs/specs/drop-column.md",
              "problems": [],
            },
          ],
          "state": "pending",
          "tier": "approve",
          "version": 1,
        }
      `);
    });
  });

  describe('with --config', () => {
    it('plans with the working-tree policy instead of the base branch, and says so', async () => {
      const repo = createProjectRepository();
      repo.write(
        'stricter.yml',
        POLICY.replace(
          '    reviewers: [dba]\n    approvals: 2',
          '    reviewers: [dba, platform]\n    approvals: 3',
        ),
      );
      const json = await planJson(repo, ['--config', 'stricter.yml']);
      expect(json.policy).toEqual({ source: 'file:stricter.yml' });
      expect(json.requirements).toEqual([
        {
          rule: 'migrations',
          level: 'approve',
          needed: 3,
          reviewers: [
            { group: 'dba', entries: ['bob', 'carol'] },
            { group: 'platform', entries: ['@acme/platform', 'alice'] },
          ],
        },
      ]);
      const { out } = await plan(repo, ['--config', 'stricter.yml', '--format', 'md']);
      expect(out).toContain('- **Policy:** `file:stricter.yml`: a working-tree file, given with --config');
      expect(out).toContain(
        '- **migrations** (approve level) needs 3 approvals from dba (bob, carol) or platform (@acme/platform, alice)',
      );
    });

    it('lists every problem of an invalid file and exits 1', async () => {
      const repo = createProjectRepository();
      repo.write(
        'broken.yml',
        'mode: sometimes\ntimout: 4h\nrules:\n  - name: migrations\n    paths: [db/**]\n',
      );
      const { code, out, err } = await plan(repo, ['--config', 'broken.yml']);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toMatchInlineSnapshot(`
        "broken.yml:1:7 mode: expected one of "auto", "ask-once", "ask" or "always", got "sometimes"
        broken.yml:2:1 (root): unknown key "timout" (expected one of: extends, mode, allow, reviewers, defaults, rules, actions, environments, specs, log, queue, thresholds)
        broken.yml:5:5 rules[0]: unknown key "paths" (did you mean "if.paths"?)
        "
      `);
    });
  });

  describe('on a branch that edits .github/gatehouse.yml itself', () => {
    it('keeps the default branch policy and gates the change at the top tier', async () => {
      const repo = createProjectRepository();
      repo.write('.github/gatehouse.yml', 'mode: auto\n');
      repo.commit('Let everything through');
      const json = await planJson(repo);
      expect(json.policy).toEqual({ source: 'base:main' });
      expect(json.state).toBe('pending');
      expect(json.tier).toBe('approve');
      expect(json.waived).toBeUndefined();
      expect(json.rules.map((rule) => rule.name)).toEqual(['migrations', 'gatehouse-config']);
      expect(json.rules[1]?.reasons).toEqual([
        'changes .github/gatehouse.yml: a change to the policy is always at the top tier',
      ]);
    });
  });

  describe('with --base naming a branch that holds a permissive policy of its own', () => {
    it('reads the default branch’s policy all the same, and names the check for the base', async () => {
      const repo = createProjectRepository();
      // A branch someone created, with a policy that lets everything through, holding the migration.
      repo.git(['checkout', '--quiet', '-b', 'staging', 'main']);
      repo.write('.github/gatehouse.yml', 'mode: auto\n');
      repo.commit('Let everything through');
      repo.git(['checkout', '--quiet', 'drop-legacy-email']);
      repo.git(['merge', '--quiet', '--no-edit', 'staging']);
      const json = await planJson(repo, ['--base', 'staging']);
      expect(json.policy).toEqual({ source: 'base:main' });
      expect(json.base.branch).toBe('staging');
      expect(json.state).toBe('pending');
      expect(json.rules.map((rule) => rule.name)).toEqual(['migrations']);
      expect(json.check.name).toBe('gatehouse (into staging)');
    });
  });

  describe('with --environment production', () => {
    it('plans the deployment gate, with the environment rule and its reviewers', async () => {
      const repo = createProjectRepository();
      const json = await planJson(repo, ['--environment', 'production']);
      expect(json.gate).toEqual({
        kind: 'deployment',
        check: 'gatehouse: production',
        environment: 'production',
      });
      expect(json.rules.map((rule) => [rule.name, rule.reasons])).toEqual([
        ['migrations', ['paths: 1 changed file matches']],
        ['production-deploys', ['environment: production']],
      ]);
      expect(json.requirements.map((requirement) => [requirement.rule, requirement.needed])).toEqual([
        ['migrations', 2],
        ['production-deploys', 1],
      ]);
      expect(json.check).toEqual({
        name: 'gatehouse: production',
        status: 'in_progress',
        title: 'Waiting for 2 approvals from dba; 1 approval from platform',
      });
    });
  });

  describe('with a local decision log', () => {
    it('counts a migration approved before as routine precedent', async () => {
      const repo = createProjectRepository();
      commitOrphanBranch(repo, 'gatehouse-log', [
        createApprovedMigrationRecord(),
        { path: 'decisions/2026/02/hand-written.md', text: '---\ndecision: approved\n---\n' },
      ]);
      const { code, err, out } = await plan(repo, ['--format', 'json']);
      expect(code).toBe(0);
      expect(err).toBe(
        'gatehouse: note: skipped 1 malformed decision record in gatehouse-log:decisions (first: decisions/2026/02/hand-written.md)\n',
      );
      const json = JSON.parse(out) as EvaluatedPlan;
      expect(json.log).toEqual({ ref: 'gatehouse-log', records: 1, malformed: 1 });
      expect(json.factors.find((factor) => factor.factor === 'precedent')).toEqual({
        factor: 'precedent',
        value: 'routine',
        tier: 'proceed',
        from: 'computed: approved before for main: rule migrations, kind migration',
      });
    });

    it('takes no precedent from a pull request into another branch', async () => {
      const repo = createProjectRepository();
      commitOrphanBranch(repo, 'gatehouse-log', [createApprovedMigrationRecord('release')]);
      const json = await planJson(repo);
      expect(json.factors.find((factor) => factor.factor === 'precedent')).toMatchObject({
        value: 'first_time',
        from: 'computed: never approved before for main: rule migrations, kind migration',
      });
    });

    it('reads origin/gatehouse-log when there is no local branch', async () => {
      const repo = createProjectRepository();
      commitOrphanBranch(repo, 'gatehouse-log', [createApprovedMigrationRecord()]);
      repo.git(['update-ref', 'refs/remotes/origin/gatehouse-log', 'refs/heads/gatehouse-log']);
      repo.git(['branch', '--quiet', '-D', 'gatehouse-log']);
      const json = await planJson(repo);
      expect(json.log).toEqual({ ref: 'origin/gatehouse-log', records: 1, malformed: 0 });
    });

    it('says precedent counts as first_time when there is no log at all', async () => {
      const repo = createProjectRepository();
      const { err } = await plan(repo);
      expect(err).toBe(
        'gatehouse: note: no local decision log: precedent counts as first_time (git fetch origin gatehouse-log:gatehouse-log)\n',
      );
    });
  });

  describe('reading the change', () => {
    it('includes staged, unstaged and untracked files but not ignored ones', async () => {
      const repo = createProjectRepository();
      repo.write('README.md', '# shop\n\nNow with fewer columns.\n');
      repo.write('db/migrations/002.sql', 'SELECT 1;\n');
      repo.git(['add', 'db/migrations/002.sql']);
      const json = await planJson(repo);
      // 001.sql (committed), 002.sql (staged), README.md (unstaged), the spec (untracked).
      expect(json.files).toEqual({ count: 4, complete: true });
      expect(json.rules[0]?.files).toEqual(['db/migrations/001.sql', 'db/migrations/002.sql']);
    });

    it('gates migrations whose names hold newlines, line separators and control characters', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', POLICY);
      repo.write('README.md', '# shop\n');
      repo.commit('Initial commit');
      repo.git(['checkout', '--quiet', '-b', 'sneaky']);
      const committed = [
        'db/migrations/002\n_drop.sql',
        'db/migrations/\r',
        'db/migrations/x\u0085/\u001b.sql',
      ];
      for (const name of committed) repo.write(name, 'DROP TABLE users;\n');
      repo.commit('Add data fixes');
      const untracked = ['db/migrations/003\u2028.sql', 'db/migrations/004.sql\n', 'db/migrations/\u2029'];
      for (const name of untracked) repo.write(name, 'DROP TABLE orders;\n');
      const json = await planJson(repo);
      expect(json.rules.map((rule) => [rule.name, rule.files])).toEqual([
        ['migrations', [...committed, ...untracked].sort()],
      ]);
      expect(json.tier).toBe('approve');
    });

    it('uses origin/HEAD as the base when the clone has one', async () => {
      const repo = createProjectRepository();
      repo.git(['update-ref', 'refs/remotes/origin/trunk', 'main']);
      repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
      const json = await planJson(repo);
      expect(json.base.ref).toBe('origin/trunk');
      expect(json.base.branch).toBe('trunk');
      expect(json.policy.source).toBe('base:origin/trunk');
    });

    it('fails clearly when no base branch can be found', async () => {
      const repo = createRepository();
      repo.write('README.md', 'hello\n');
      repo.commit('Initial commit');
      repo.git(['branch', '--quiet', '-m', 'trunk']);
      expect(await plan(repo)).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: no base branch: none of origin/HEAD, main, master exists here; name the branch the change would merge into with --base REF\n',
      });
      expect((await plan(repo, ['--base', 'release'])).err).toBe(
        'gatehouse: --base release: no such branch or commit here (fetch it, or name another with --base REF)\n',
      );
    });

    it('names a --base with a line break as missing, whole (it never reads as two refs)', async () => {
      const repo = createProjectRepository();
      expect(await plan(repo, ['--base', 'main\nHEAD'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: --base main\nHEAD: no such branch or commit here (fetch it, or name another with --base REF)\n',
      });
    });

    it('never lets a --base value act as a git option', async () => {
      const repo = createProjectRepository();
      const { code, err } = await plan(repo, ['--base=--output=/tmp/gatehouse-pwned']);
      expect(code).toBe(1);
      expect(err).toBe(
        'gatehouse: --base --output=/tmp/gatehouse-pwned: no such branch or commit here (fetch it, or name another with --base REF)\n',
      );
    });
  });

  describe('from a folder below the top level', () => {
    it('plans the whole change, untracked files anywhere included, as from the top', async () => {
      const repo = createProjectRepository();
      repo.write('db/migrations/009_fix.sql', 'select 1;\n');
      repo.write('docs/notes.md', 'untracked\n');
      const top = await planJson(repo);
      const io = createIo(join(repo.dir, 'db'), repo.env);
      expect(await run(['plan', '--format', 'json'], io)).toBe(0);
      // The committed migration, the untracked spec, migration and note: from the top as from db/.
      expect(top.files.count).toBe(4);
      expect(JSON.parse(io.out())).toEqual(top);
      expect(io.err()).toBe(await plan(repo, ['--format', 'json']).then(({ err }) => err));
    });

    it('says there is no repository outside one, before any other failure', async () => {
      const io = createIo(createTempDir(), { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: '/' });
      expect(await run(['plan', '--base', 'nope'], io)).toBe(1);
      expect(io.err()).toBe(
        'gatehouse: not inside a git repository: plan reads the changes of a local clone; run it there\n',
      );
    });
  });

  describe('without a policy on the base branch', () => {
    const NOT_COMMITTED =
      'gatehouse: note: .github/gatehouse.yml is in your working tree but not committed on main yet, and Gatehouse reads the policy from main: commit it and merge it into main, or try this copy now with --config .github/gatehouse.yml\n';

    it('says Gatehouse would do nothing and exits 0', async () => {
      const repo = createRepository();
      repo.write('README.md', 'hello\n');
      repo.commit('Initial commit');
      repo.git(['checkout', '--quiet', '-b', 'feature']);
      const { code, out, err } = await plan(repo, ['--format', 'md']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toContain(
        '**No policy: Gatehouse would do nothing.** There is no policy file on the default branch (`base:main`), so nothing is gated or recorded.',
      );
      const json = JSON.parse((await plan(repo, ['--format', 'json'])).out) as Plan;
      expect(json.state).toBe('no_policy');
      expect(json.policy).toEqual({ source: 'base:main' });
    });

    it('says when the policy is in the working tree but not committed on the base yet, and what to do', async () => {
      const repo = createRepository();
      repo.write('README.md', 'hello\n');
      repo.commit('Initial commit');
      repo.git(['checkout', '--quiet', '-b', 'feature']);
      repo.write('.github/gatehouse.yml', POLICY);
      const { code, out, err } = await plan(repo);
      expect({ code, err }).toEqual({ code: 0, err: NOT_COMMITTED });
      expect(out).toContain('No policy: Gatehouse would do nothing.');
      const json = JSON.parse((await plan(repo, ['--format', 'json'])).out) as Plan;
      expect(json.notes).toEqual([NOT_COMMITTED.slice('gatehouse: note: '.length, -1)]);
    });

    it('says the same when it is committed on the branch but not on the base', async () => {
      const repo = createRepository();
      repo.write('README.md', 'hello\n');
      repo.commit('Initial commit');
      repo.git(['checkout', '--quiet', '-b', 'feature']);
      repo.write('.github/gatehouse.yml', POLICY);
      repo.commit('Adopt Gatehouse');
      expect((await plan(repo)).err).toBe(NOT_COMMITTED);
    });
  });

  describe('when the working tree policy differs from the base', () => {
    it('notes in one line that the base policy is used, and plans with it', async () => {
      const repo = createProjectRepository();
      repo.write('.github/gatehouse.yml', POLICY.replace('mode: ask', 'mode: always'));
      const { code, err } = await plan(repo);
      expect(code).toBe(0);
      expect(err.split('\n').filter((line) => line.includes('differs'))).toEqual([
        "gatehouse: note: .github/gatehouse.yml in your working tree differs from main's; the plan uses main's, as Gatehouse would (try yours with --config .github/gatehouse.yml)",
      ]);
      expect((await plan(repo, ['--format', 'json'])).out).toContain('"source": "base:main"');
    });

    it('notes nothing with --config', async () => {
      const repo = createProjectRepository();
      repo.write('.github/gatehouse.yml', POLICY.replace('mode: ask', 'mode: always'));
      const { code, err } = await plan(repo, ['--config', '.github/gatehouse.yml']);
      expect(code).toBe(0);
      expect(err).not.toContain('differs');
    });
  });

  describe('with an invalid policy on the base branch', () => {
    it('prints every problem at the base file and exits 1', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', 'mode: ask\nrules:\n  - name: migrations\n    reviewers: [dba]\n');
      repo.commit('Initial commit');
      expect(await plan(repo)).toEqual({
        code: 1,
        out: '',
        err: 'main:.github/gatehouse.yml:4:17 rules[0].reviewers[0]: unknown reviewer group "dba": define it under reviewers:\n',
      });
    });
  });

  describe('with --spec and --kind', () => {
    it('uses the given spec, prints its problems and shows what keeps it from being ready', async () => {
      const repo = createProjectRepository();
      repo.git(['clean', '--quiet', '--force', '--', 'docs']);
      repo.write(
        'notes/drop.md',
        '---\naction: Drop the column\nowner: ada\n---\n\n## Rollback Plan\n\nTBD\n',
      );
      const { code, out, err } = await plan(repo, [
        '--spec',
        'notes/drop.md',
        '--kind',
        'schema-change',
        '--format',
        'md',
      ]);
      expect(code).toBe(0);
      expect(err.split('\n')[0]).toBe(
        'notes/drop.md:3:1 front matter: unknown key "owner"; expected one of action, kind, environment, risk, cost, rollback, recommendation, options',
      );
      expect(out).toContain(
        [
          '## Not ready for approval',
          '',
          '- notes/drop.md:8: rollback plan is a placeholder ("TBD"), required by rule **migrations**',
        ].join('\n'),
      );
      const json = JSON.parse(
        (await plan(repo, ['--spec', 'notes/drop.md', '--kind', 'schema-change', '--format', 'json'])).out,
      ) as EvaluatedPlan;
      expect(json.specs).toEqual([
        {
          path: 'notes/drop.md',
          problems: [
            {
              line: 3,
              column: 1,
              message:
                'front matter: unknown key "owner"; expected one of action, kind, environment, risk, cost, rollback, recommendation, options',
            },
          ],
        },
      ]);
      expect(json.request).toMatchObject({
        action: 'Drop the column',
        kind: 'schema-change',
        spec: 'notes/drop.md',
      });
      expect(json.check.conclusion).toBe('failure');
    });
  });

  describe('usage errors', () => {
    it('exits 2 for an unknown format, with the usage line', async () => {
      const repo = createProjectRepository();
      const { code, err } = await plan(repo, ['--format', 'xml']);
      expect(code).toBe(2);
      expect(err).toMatch(
        /^gatehouse plan: --format must be one of text, md, json, got "xml"\nusage: gatehouse plan \[--spec FILE\]/,
      );
    });

    it('fails with one line when --spec names a missing file', async () => {
      const repo = createProjectRepository();
      expect(await plan(repo, ['--spec', 'docs/specs/nope.md'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: docs/specs/nope.md: no such file\n',
      });
    });
  });
});
