// Matching changed files against `paths:` globs, fast enough for 3,000 files × 500 rules: files are
// sorted once, and each glob only tests the files under its literal base folder (`db/migrations`
// for `db/migrations/**`), found by binary search. Globs use picomatch with `dot: true`, so `**`
// also covers `.github/…`: a gate must not be sidestepped by a dot-folder.
import picomatch from 'picomatch';

const GLOB_OPTIONS = { dot: true, strictBrackets: true } as const;

interface CompiledGlob {
  base: string;
  test: (path: string) => boolean;
}

export interface PathRule {
  positive: CompiledGlob[];
  negative: ((path: string) => boolean)[];
}

/** Compiles a `paths:` list: entries starting with `!` exclude what the others include. */
export function createPathRule(globs: readonly string[]): PathRule {
  const rule: PathRule = { positive: [], negative: [] };
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      rule.negative.push(picomatch(glob.slice(1), GLOB_OPTIONS));
    } else {
      const { base, isGlob } = picomatch.scan(glob);
      // A literal path is its own base; a glob's base is the folder before its first wildcard.
      rule.positive.push({ base: isGlob ? base : glob, test: picomatch(glob, GLOB_OPTIONS) });
    }
  }
  return rule;
}

/** Changed files, sorted for prefix look-ups. */
export interface FileIndex {
  sorted: readonly string[];
}

export function createFileIndex(paths: readonly string[]): FileIndex {
  return { sorted: [...paths].sort() };
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The files under `base` (the base itself, or anything in the folder `base/`). */
function* filesUnder(index: FileIndex, base: string): Generator<string> {
  if (base === '') {
    yield* index.sorted;
    return;
  }
  const { sorted } = index;
  for (let i = lowerBound(sorted, base); i < sorted.length; i++) {
    const path = sorted[i] ?? '';
    if (!path.startsWith(base)) break;
    if (path.length === base.length || path[base.length] === '/') yield path;
  }
}

/** The files a rule matches, in path order. */
export function matchFiles(rule: PathRule, index: FileIndex): string[] {
  const matched = new Set<string>();
  for (const glob of rule.positive) {
    for (const path of filesUnder(index, glob.base)) {
      if (!matched.has(path) && glob.test(path) && !rule.negative.some((excluded) => excluded(path))) {
        matched.add(path);
      }
    }
  }
  return [...matched].sort();
}

/** Whether one name (a branch, an environment) matches any of the globs. */
export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => picomatch.isMatch(name, glob, GLOB_OPTIONS));
}
