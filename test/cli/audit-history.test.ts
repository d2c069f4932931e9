// `gatehouse audit --git DIR`: what the log's history proves offline (rewritten), and with
// --trusted-key, which commits the trusted key signed (unverified_commit).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import type { AuditReport } from '../../src/core/audit/index.ts';
import { createLogRecords } from './audit-log.ts';
import { createIo, createRepository, createTempDir, removeAll, type TestRepository } from './repository.ts';

afterAll(removeAll);

const records = createLogRecords();
function pick(index: number) {
  const record = records[index];
  if (record === undefined) throw new Error(`the audit log has no record ${index}`);
  return record;
}
const [first, second, third] = [pick(0), pick(1), pick(2)];

/** A clone whose gatehouse-log branch has one commit per record, as Gatehouse writes it. */
function createLog(options: { sign?: (repo: TestRepository) => string[] } = {}): TestRepository {
  const repo = createRepository();
  repo.write('README.md', '# shop\n');
  repo.commit('Initial commit');
  repo.git(['checkout', '--quiet', '--orphan', 'gatehouse-log']);
  repo.git(['rm', '--quiet', '-r', '-f', '.']);
  for (const record of [first, second]) {
    repo.write(record.path, record.text);
    repo.git(['add', '--all']);
    repo.git([
      'commit',
      '--quiet',
      '--no-verify',
      ...(options.sign?.(repo) ?? []),
      '-m',
      'gatehouse: decision',
    ]);
  }
  return repo;
}

async function audit(repo: TestRepository, args: string[], env = repo.env) {
  const io = createIo(repo.dir, env);
  const code = await run(['audit', '--git', repo.dir, '--format', 'json', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

function findingsOf(out: string) {
  return (JSON.parse(out) as AuditReport).findings.map(({ code, path }) => ({ code, path }));
}

describe('gatehouse audit --git: the log’s history', () => {
  it('finds nothing in a log of one added record per commit, and says what only API mode proves', async () => {
    const repo = createLog();
    const { code, out, err } = await audit(repo, ['--strict']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect((JSON.parse(out) as AuditReport).integrity.provenance).toEqual({
      checked: false,
      why: "offline: 2 log commits checked for rewritten records; anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG",
    });
  });

  it('reports a commit that changed a record as rewritten, though the file now reads well', async () => {
    const repo = createLog();
    // A record rewritten with another record's valid text under its own name would pass the file
    // checks as a misfiled record; an edit of a field the id does not cover passes them all.
    repo.write(first.path, first.text.replace('\n---\n', '\n---\nEdited after the fact.\n'));
    repo.commit('fix typo');
    const { code, out, err } = await audit(repo, ['--strict']);
    expect(code).toBe(1);
    expect(findingsOf(out)).toContainEqual({ code: 'rewritten', path: first.path });
    expect(err).toMatch(
      /^gatehouse: 1 integrity finding \(--strict\): .*: changed by log commit [0-9a-f]{12}: a record is never changed after it is written\n$/,
    );
  });

  it('reports a deleted record, a moved one and a commit adding two at once', async () => {
    const repo = createLog();
    repo.git(['rm', '--quiet', first.path]);
    repo.commit('drop one');
    repo.git(['mv', second.path, second.path.replace('.md', '-old.md')]);
    repo.commit('rename one');
    repo.write(third.path, third.text);
    repo.write('decisions/2026/03/extra.md', third.text);
    repo.commit('two at once');
    const { code, out } = await audit(repo, []);
    expect(code).toBe(0);
    expect(findingsOf(out).filter((finding) => finding.code === 'rewritten')).toEqual(
      expect.arrayContaining([
        { code: 'rewritten', path: first.path },
        { code: 'rewritten', path: second.path },
        // git lists a commit's files by path: the second of the two is the one too many.
        { code: 'rewritten', path: [third.path, 'decisions/2026/03/extra.md'].sort()[1] },
      ]),
    );
    expect(findingsOf(out).filter((finding) => finding.code === 'rewritten')).toHaveLength(3);
  });
});

const GPG = ['/usr/bin/gpg', '/usr/local/bin/gpg'].some((path) => existsSync(path));

describe.skipIf(!GPG)(
  GPG
    ? 'gatehouse audit --git --trusted-key'
    : 'gatehouse audit --git --trusted-key: SKIPPED, gpg is not installed',
  () => {
    /** A throwaway key pair in its own GnuPG home; its public key exported to a file. */
    function createKey(name: string): { home: string; fingerprint: string; file: string } {
      const repo = createRepository();
      const home = join(repo.dir, '.gnupg');
      mkdirSync(home, { mode: 0o700 });
      const env = { ...repo.env, GNUPGHOME: home };
      const gpg = (args: string[]) =>
        execFileSync('gpg', ['--batch', ...args], {
          env,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      gpg([
        '--passphrase',
        '',
        '--quick-gen-key',
        `${name} <${name}@example.com>`,
        'ed25519',
        'sign',
        'never',
      ]);
      const fingerprint =
        (gpg(['--with-colons', '--list-secret-keys']).match(/^fpr:+([0-9A-F]+):/m) ?? [])[1] ?? '';
      const file = join(repo.dir, `${name}.asc`);
      writeFileSync(file, gpg(['--armor', '--export', fingerprint]));
      return { home, fingerprint, file };
    }
    const webFlow = createKey('web-flow');
    const mallory = createKey('mallory');
    const signWith = (key: typeof webFlow) => (repo: TestRepository) => {
      repo.env.GNUPGHOME = key.home;
      return ['-S', `--gpg-sign=${key.fingerprint}`];
    };

    it('passes a log whose every commit the trusted key signed', async () => {
      const repo = createLog({ sign: signWith(webFlow) });
      const { code, out, err } = await audit(repo, ['--strict', '--trusted-key', webFlow.file]);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect((JSON.parse(out) as AuditReport).integrity.provenance.why).toMatch(
        /^offline: 2 log commits checked for rewritten records and for a signature by the trusted key; /,
      );
    });

    it('reports the records of an unsigned commit, and of one signed by another key, as unverified_commit', async () => {
      const repo = createLog({ sign: signWith(webFlow) });
      delete repo.env.GNUPGHOME;
      repo.write(third.path, third.text);
      repo.commit('pushed by hand, unsigned');
      repo.env.GNUPGHOME = mallory.home;
      repo.write('decisions/2026/03/forged.md', third.text);
      repo.git(['add', '--all']);
      repo.git([
        'commit',
        '--quiet',
        '--no-verify',
        `--gpg-sign=${mallory.fingerprint}`,
        '-m',
        'signed by mallory',
      ]);
      const { code, out, err } = await audit(repo, ['--strict', '--trusted-key', webFlow.file]);
      expect(code).toBe(1);
      const report = JSON.parse(out) as AuditReport;
      expect(
        report.findings
          .filter((finding) => finding.code === 'unverified_commit')
          .map((f) => [f.path, f.message.replace(/[0-9a-f]{12}/, 'SHA')]),
      ).toEqual([
        [third.path, "added by log commit SHA, which is not Gatehouse's: not signed"],
        [
          'decisions/2026/03/forged.md',
          "added by log commit SHA, which is not Gatehouse's: not signed by the trusted key",
        ],
      ]);
      expect(err).toMatch(/--strict/);
    });

    it('says in one line that gpg is missing (exit 2)', async () => {
      const repo = createLog();
      const bin = createTempDir('gatehouse-bin-');
      symlinkSync(execFileSync('which', ['git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
      const { code, out, err } = await audit(repo, ['--trusted-key', webFlow.file], {
        ...repo.env,
        PATH: bin,
      });
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err).toBe(
        'gatehouse: --trusted-key: gpg is not installed or not on PATH: --trusted-key checks signatures with it\n',
      );
    });
  },
);
