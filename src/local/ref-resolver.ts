// The refs `gatehouse plan` resolves (the base and the default-branch candidates), each asked once,
// and the policy file at them. The candidates known up front go to git together: one `git cat-file
// --batch` answers every `<ref>^{commit}` and `<ref>^{commit}:<path>` (a process each would cost a
// spawn and a round trip); a ref that line-based input cannot carry is asked on its own.
import {
  type LocalRepository,
  loadFileAtCommit,
  loadObjects,
  resolveBranchName,
  resolveCommit,
} from './git.ts';

export interface RefResolver {
  /** The commit a ref names, or undefined when it names none. */
  commit(ref: string): Promise<string | undefined>;
  /** The branch a ref stands for (see resolveBranchName). */
  branch(ref: string): Promise<string>;
  /** Whether the ref is among those asked up front (its commit then costs no process of its own). */
  prefetched(ref: string): boolean;
  /** A file's text at a commit (one a ref resolved to), or undefined when it has none there. */
  file(commit: string, path: string): Promise<string | undefined>;
}

interface Prefetched {
  commit: string | undefined;
  file: Buffer | undefined;
}

/**
 * A resolver for `repo` (any folder of its working tree) that asks git about `refs` at once, with
 * `path` at each when given; other refs are asked when needed.
 */
export function createRefResolver(
  repo: LocalRepository,
  prefetch: { refs: readonly string[]; path?: string | undefined; commitsOnly?: readonly string[] },
): RefResolver {
  const path = prefetch.path !== undefined && !/[\r\n]/.test(prefetch.path) ? prefetch.path : undefined;
  // Each ref once, with the file when it is among `refs`; a line break cannot go through stdin.
  const batched: { ref: string; file: boolean }[] = [];
  const lists = [
    [prefetch.refs, path !== undefined],
    [prefetch.commitsOnly ?? [], false],
  ] as const;
  for (const [refs, file] of lists) {
    for (const ref of refs) {
      if (ref !== '' && !/[\r\n]/.test(ref) && !batched.some((entry) => entry.ref === ref))
        batched.push({ ref, file });
    }
  }
  const names = batched.flatMap(({ ref, file }) =>
    file ? [`${ref}^{commit}`, `${ref}^{commit}:${path}`] : [`${ref}^{commit}`],
  );
  let loading: Promise<Map<string, Prefetched>> | undefined;
  // Started on first use, so that a caller who needs nothing spawns nothing.
  const loaded = () => {
    loading ??= loadObjects(repo, names).then((objects) => {
      const found = new Map<string, Prefetched>();
      let at = 0;
      for (const { ref, file } of batched) {
        const commit = objects[at++];
        const blob = file ? objects[at++] : undefined;
        found.set(ref, {
          commit: commit?.type === 'commit' ? commit.object : undefined,
          file: blob?.type === 'blob' ? blob.data : undefined,
        });
      }
      return found;
    });
    return loading;
  };
  const isBatched = (ref: string) => batched.some((entry) => entry.ref === ref);
  const commits = new Map<string, Promise<string | undefined>>();
  const branches = new Map<string, Promise<string>>();
  const once = <T>(map: Map<string, Promise<T>>, ref: string, load: () => Promise<T>): Promise<T> => {
    const known = map.get(ref);
    if (known !== undefined) return known;
    const started = load();
    map.set(ref, started);
    return started;
  };
  return {
    commit: (ref) =>
      once(commits, ref, async () =>
        isBatched(ref) ? (await loaded()).get(ref)?.commit : resolveCommit(repo, ref),
      ),
    prefetched: isBatched,
    branch: (ref) => once(branches, ref, () => resolveBranchName(repo, ref)),
    async file(commit, wanted) {
      if (wanted === path) {
        // Read in the same process as the commit the ref resolved to: the same file.
        for (const entry of (await loaded()).values()) {
          if (entry.commit === commit) return entry.file?.toString('utf8');
        }
      }
      return loadFileAtCommit(repo, commit, wanted);
    },
  };
}
