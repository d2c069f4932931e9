import { afterAll, describe, expect, it } from 'vitest';
import {
  type LocalRepository,
  loadBlobs,
  loadChangedFiles,
  loadConfigValues,
  loadDecisionLog,
  loadFileAtCommit,
  loadRepository,
  loadTreeEntries,
  resolveBranchName,
  resolveCommit,
  resolveFullRefs,
} from '../../src/local/git.ts';
import {
  commitOrphanBranch,
  createApprovedMigrationRecord,
  createRepository,
  createTempDir,
  removeAll,
  type TestRepository,
} from '../cli/repository.ts';

afterAll(removeAll);

async function open(repo: TestRepository): Promise<LocalRepository> {
  const local = await loadRepository(repo.dir, repo.env);
  if (local === undefined) throw new Error('not a repository');
  return local;
}

describe('the local git adapter', () => {
  it('finds no repository outside a git working tree', async () => {
    expect(
      await loadRepository(createTempDir(), { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: '/' }),
    ).toBeUndefined();
  });

  describe('listing the changed files', () => {
    it('includes commits, staged, unstaged, deleted and untracked files, and skips ignored ones', async () => {
      const repo = createRepository();
      repo.write('keep.txt', 'a\n');
      repo.write('gone.txt', 'a\n');
      repo.write('edit.txt', 'a\n');
      repo.write('.gitignore', 'build/\n');
      const base = repo.commit('base');
      repo.write('committed.txt', 'b\n');
      repo.commit('feature');
      repo.write('staged.txt', 'c\n');
      repo.git(['add', 'staged.txt']);
      repo.write('edit.txt', 'changed\n');
      repo.git(['rm', '--quiet', 'gone.txt']);
      repo.write('untracked/new.txt', 'd\n');
      repo.write('build/out.js', 'ignored\n');
      expect(await loadChangedFiles(await open(repo), base)).toEqual([
        'committed.txt',
        'edit.txt',
        'gone.txt',
        'staged.txt',
        'untracked/new.txt',
      ]);
    });

    it('reads any file name safely: spaces, quotes, newlines and non-ASCII', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      const base = repo.commit('base');
      const names = [
        'with space.txt',
        'quote"d.txt',
        'new\nline.txt',
        'ünïcødé/ファイル.md',
        '-starts-with-dash.txt',
      ];
      for (const name of names) repo.write(name, 'x\n');
      repo.git(['add', '--', names[0] ?? '', names[1] ?? '']);
      expect(await loadChangedFiles(await open(repo), base)).toEqual([...names].sort());
    });

    it('lists both paths of a rename', async () => {
      const repo = createRepository();
      repo.write('db/old.sql', 'SELECT 1;\n');
      const base = repo.commit('base');
      repo.git(['mv', 'db/old.sql', 'db/new.sql']);
      repo.commit('rename');
      expect(await loadChangedFiles(await open(repo), base)).toEqual(['db/new.sql', 'db/old.sql']);
    });
  });

  describe('resolving refs', () => {
    it('never passes a ref to git as an option', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      repo.commit('base');
      const local = await open(repo);
      expect(await resolveCommit(local, '--all')).toBeUndefined();
      expect(await resolveCommit(local, '--output=/tmp/x')).toBeUndefined();
      expect(await resolveCommit(local, 'main')).toMatch(/^[0-9a-f]{40}$/);
    });

    it('names the branch a remote-tracking ref stands for', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      const sha = repo.commit('base');
      repo.git(['update-ref', 'refs/remotes/origin/trunk', sha]);
      const local = await open(repo);
      expect(await resolveBranchName(local, 'origin/trunk')).toBe('trunk');
      expect(await resolveBranchName(local, 'main')).toBe('main');
      expect(await resolveBranchName(local, sha)).toBe(sha);
    });

    it('resolves several full ref names at once, a tag to its commit, undefined for the others', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      const sha = repo.commit('base');
      repo.git(['update-ref', 'refs/remotes/origin/log', sha]);
      repo.git(['update-ref', 'refs/heads/log/nested', sha]);
      repo.git(['tag', '-a', '-m', 'annotated', 'v1']);
      const tree = repo.git(['rev-parse', 'HEAD^{tree}']).trim();
      repo.git(['update-ref', 'refs/tags/tree', tree]);
      const local = await open(repo);
      expect(
        await resolveFullRefs(local, [
          'refs/heads/log',
          'refs/remotes/origin/log',
          'refs/tags/v1',
          'refs/tags/tree',
          'refs/heads/main',
        ]),
      ).toEqual([undefined, sha, sha, undefined, sha]);
    });
  });

  describe('reading the configuration', () => {
    it('reads several keys in one go, the last value set of each, undefined when unset or empty', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      repo.commit('base');
      repo.git(['config', 'user.name', 'First Name']);
      repo.git(['config', '--add', 'user.name', 'Second Name']);
      repo.git(['config', 'Remote.origin.URL', 'git@github.com:acme/shop.git']);
      repo.git(['config', 'remote.Origin.url', 'https://example.com/not/origin']);
      repo.git(['config', 'user.email', '']);
      const local = await open(repo);
      expect(
        await loadConfigValues(local, ['user.name', 'remote.origin.url', 'user.email', 'core.nothing']),
      ).toEqual({
        'user.name': 'Second Name',
        'remote.origin.url': 'git@github.com:acme/shop.git',
        'user.email': undefined,
        'core.nothing': undefined,
      });
      expect(await loadConfigValues(local, ['core.nothing'])).toEqual({ 'core.nothing': undefined });
    });
  });

  describe('reading files at a commit', () => {
    it('returns the text, or undefined for a missing file or a folder', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', 'mode: ask\n');
      const sha = repo.commit('base');
      const local = await open(repo);
      expect(await loadFileAtCommit(local, sha, '.github/gatehouse.yml')).toBe('mode: ask\n');
      expect(await loadFileAtCommit(local, sha, '.github/missing.yml')).toBeUndefined();
      expect(await loadFileAtCommit(local, sha, '.github')).toBeUndefined();
      expect(await loadFileAtCommit(local, 'main', '.github/gatehouse.yml')).toBe('mode: ask\n');
    });

    it('reads a name with spaces or a line break, and no submodule', async () => {
      const repo = createRepository();
      repo.write('two words.yml', 'spaces\n');
      repo.write('line\nbreak.yml', 'break\n');
      const sha = repo.commit('base');
      repo.git(['update-index', '--add', '--cacheinfo', `160000,${sha},vendor/lib`]);
      repo.git(['commit', '--quiet', '--no-verify', '--message', 'submodule']);
      const withSubmodule = repo.git(['rev-parse', 'HEAD']).trim();
      const local = await open(repo);
      expect(await loadFileAtCommit(local, sha, 'two words.yml')).toBe('spaces\n');
      expect(await loadFileAtCommit(local, sha, 'line\nbreak.yml')).toBe('break\n');
      expect(await loadFileAtCommit(local, withSubmodule, 'vendor/lib')).toBeUndefined();
    });
  });

  describe('reading many blobs', () => {
    it('returns each in the order asked, binary-safe, with undefined for a missing object', async () => {
      const repo = createRepository();
      const texts = Array.from({ length: 300 }, (_, index) => `record ${index}\n${'x'.repeat(index)}\0\n`);
      commitOrphanBranch(
        repo,
        'blobs',
        texts.map((text, index) => ({ path: `${String(index).padStart(3, '0')}.bin`, text })),
      );
      const local = await open(repo);
      const entries = await loadTreeEntries(local, 'blobs', '.', { recursive: true });
      const objects = entries.map((entry) => entry.object);
      const missing = '0123456789012345678901234567890123456789';
      const blobs = await loadBlobs(local, [...objects, missing, objects[0] ?? '']);
      expect(blobs.map((blob) => blob?.toString('utf8'))).toEqual([...texts, undefined, texts[0]]);
    });
  });

  describe('reading the decision log', () => {
    it('parses every record and lists the files that are not records', async () => {
      const repo = createRepository();
      const record = createApprovedMigrationRecord();
      commitOrphanBranch(repo, 'gatehouse-log', [
        record,
        { path: 'decisions/README.txt', text: 'not a record, not .md\n' },
        { path: 'decisions/2026/02/broken.md', text: 'no front matter\n' },
        { path: 'elsewhere/2026/02/other.md', text: record.text },
      ]);
      const log = await loadDecisionLog(await open(repo), { branch: 'gatehouse-log', path: 'decisions' });
      expect(log?.ref).toBe('gatehouse-log');
      expect(log?.records.map((entry) => [entry.decision, entry.rules])).toEqual([
        ['approved', ['migrations']],
      ]);
      expect(log?.malformed).toEqual([
        {
          path: 'decisions/2026/02/broken.md',
          error: 'expected the file to start with a `---` line (YAML front matter)',
        },
      ]);
    });

    it('is undefined when neither the branch nor origin/<branch> exists', async () => {
      const repo = createRepository();
      repo.write('README', 'x\n');
      repo.commit('base');
      expect(
        await loadDecisionLog(await open(repo), { branch: 'gatehouse-log', path: 'decisions' }),
      ).toBeUndefined();
    });
  });
});
