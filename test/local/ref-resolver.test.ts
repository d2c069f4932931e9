import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadObjects } from '../../src/local/git.ts';
import { createRefResolver } from '../../src/local/ref-resolver.ts';
import { createRepository, removeAll } from '../cli/repository.ts';

afterAll(removeAll);

const POLICY_PATH = '.github/gatehouse.yml';

/** main with a policy, `bare` (a branch without one), a remote log branch and a tree-valued tag. */
function createRefs() {
  const repo = createRepository();
  repo.write('README', 'x\n');
  const bare = repo.commit('base');
  repo.git(['branch', 'bare']);
  repo.write(POLICY_PATH, 'mode: ask\n');
  repo.write('sub/dir/file.txt', 'y\n');
  const main = repo.commit('policy');
  repo.git(['update-ref', 'refs/remotes/origin/log', bare]);
  repo.git(['update-ref', 'refs/tags/tree', repo.git(['rev-parse', 'HEAD^{tree}']).trim()]);
  return { repo, main, bare, local: { dir: repo.dir, env: repo.env } };
}

describe('the ref resolver of plan', () => {
  it('resolves the refs asked up front and the policy at each, from one process', async () => {
    const { main, bare, local } = createRefs();
    const refs = createRefResolver(local, {
      refs: ['main', 'bare', 'nope', 'tree', 'main'],
      path: POLICY_PATH,
      commitsOnly: ['refs/heads/log', 'refs/remotes/origin/log', 'main'],
    });
    expect(await Promise.all(['main', 'bare', 'nope', 'tree'].map(refs.commit))).toEqual([
      main,
      bare,
      undefined,
      undefined,
    ]);
    expect(await refs.commit('refs/remotes/origin/log')).toBe(bare);
    expect(await refs.commit('refs/heads/log')).toBeUndefined();
    expect(refs.prefetched('refs/heads/log')).toBe(true);
    expect(refs.prefetched('main~1')).toBe(false);
    expect(await refs.file(main, POLICY_PATH)).toBe('mode: ask\n');
    expect(await refs.file(bare, POLICY_PATH)).toBeUndefined();
  });

  it('asks git on its own for other refs and files, which resolve the same', async () => {
    const { main, bare, local } = createRefs();
    const refs = createRefResolver(local, { refs: ['main'] });
    expect(await refs.commit('main~1')).toBe(bare);
    expect(await refs.commit('main~1')).toBe(bare);
    expect(await refs.commit('main')).toBe(main);
    expect(refs.prefetched('main~1')).toBe(false);
    // No path was asked up front: the file is read at the commit.
    expect(await refs.file(main, POLICY_PATH)).toBe('mode: ask\n');
    expect(await refs.file(main, 'sub/dir')).toBeUndefined();
    expect(await refs.branch('main')).toBe('main');
    expect(await refs.branch('main')).toBe('main');
  });

  it('asks a ref with a line break on its own, where it can never name an option or a second object', async () => {
    const { main, local } = createRefs();
    const refs = createRefResolver(local, {
      refs: ['main\nHEAD', '--all', 'main'],
      path: POLICY_PATH,
    });
    expect(refs.prefetched('main\nHEAD')).toBe(false);
    expect(await refs.commit('main\nHEAD')).toBeUndefined();
    expect(await refs.commit('--all')).toBeUndefined();
    expect(await refs.commit('main')).toBe(main);
  });

  it('works from any folder of the working tree', async () => {
    const { repo, main } = createRefs();
    const refs = createRefResolver(
      { dir: join(repo.dir, 'sub/dir'), env: repo.env },
      { refs: ['main'], path: POLICY_PATH },
    );
    expect(await refs.commit('main')).toBe(main);
    expect(await refs.file(main, POLICY_PATH)).toBe('mode: ask\n');
  });

  it('spawns nothing until asked, and nothing at all for an empty list', async () => {
    const { local } = createRefs();
    createRefResolver({ dir: '/nonexistent-gatehouse', env: local.env }, { refs: ['main'] });
    expect(await loadObjects(local, [])).toEqual([]);
  });

  it('reads objects by name, undefined for names with spaces or of no object', async () => {
    const { main, local } = createRefs();
    const found = await loadObjects(local, [`${main}:README`, 'no such ref^{commit}', 'main:missing file']);
    expect(found.map((object) => object?.type)).toEqual(['blob', undefined, undefined]);
    expect(found[0]?.data.toString('utf8')).toBe('x\n');
  });
});
