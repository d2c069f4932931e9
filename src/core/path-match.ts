// Matching changed files against `paths:` globs, fast enough for 3,000 files × 500 rules. Files
// are sorted and indexed once per request by base name and extension; each glob then tests only
// its candidates: the files under its literal base folders (`db/migrations` for
// `db/migrations/**`), or with its literal file name (`**/schema.rb`) or extension (`**/*.sql`),
// whichever set is smaller. Globs are our own (glob.ts): `**` also covers `.github/…`, so a gate
// is not sidestepped by a dot-folder, every character of a name is a character (a newline or
// U+2028 in a file name does not hide it from `db/migrations/**`), and a match never backtracks,
// so its cost is bounded whatever the glob and the name.
import { compileAcceptedGlob, type Glob, type MatchMeter, matchGlob } from './glob.ts';

const WILDCARD = /[*?[\]{}()!+@\\]/;

interface CompiledGlob {
  /**
   * Literal folders every match is under, none a prefix of another: one for most globs, one for
   * each brace alternative of `services/api/{billing,auth}/**`.
   */
  bases: string[];
  /** The glob's last segment when it is a literal file name. */
  basename?: string;
  /** The extension when the last segment is `*.<ext>`. */
  extension?: string;
  glob: Glob;
}

export interface PathRule {
  positive: CompiledGlob[];
  negative: Glob[];
}

/**
 * A glob the policy check has already accepted. An invalid one (reachable only by skipping that
 * check) includes every name and excludes none, so a broken glob can only ask for more approval.
 */
function compileGlob(source: string): Glob | undefined {
  return compileAcceptedGlob(source);
}

function compileIncluding(source: string): Glob {
  const glob = compileGlob(source) ?? compileGlob('**');
  if (glob === undefined) throw new Error('unreachable: "**" is a glob');
  return glob;
}

/** The literal folder a glob's matches are all under: `db/migrations` for `db/migrations/**`. */
function baseOf(glob: string): string {
  const segments = glob.split('/');
  if (!segments.some((segment) => WILDCARD.test(segment))) return glob;
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (WILDCARD.test(segment)) break;
    literal.push(segment);
  }
  return literal.join('/');
}

/**
 * The folders a glob's candidates are read from: each shape's literal prefix when the glob has
 * shapes (its braces expanded), else the literal folder before the first wildcard. A prefix whose
 * names all fall in another's range (`a/b-c` in `a/b`'s, see forEachCandidate) is dropped, so
 * that no file is visited twice.
 */
function basesOf(source: string, glob: Glob): string[] {
  const prefixes = glob.shapes?.map((shape) => shape.prefix) ?? [baseOf(source)];
  const bases: string[] = [];
  for (const prefix of [...new Set(prefixes)].sort()) {
    if (!bases.some((base) => base === '' || (prefix.startsWith(base) && (prefix[base.length] ?? '') < '0')))
      bases.push(prefix);
  }
  return bases;
}

/** Compiles a `paths:` list: entries starting with `!` exclude what the others include. */
export function createPathRule(globs: readonly string[]): PathRule {
  const rule: PathRule = { positive: [], negative: [] };
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      const excluded = compileGlob(glob.slice(1));
      if (excluded !== undefined) rule.negative.push(excluded);
      continue;
    }
    const last = glob.slice(glob.lastIndexOf('/') + 1);
    const compiled = compileIncluding(glob);
    const included: CompiledGlob = { bases: basesOf(glob, compiled), glob: compiled };
    if (!WILDCARD.test(last)) included.basename = last;
    else if (/^\*\.[^/]+$/.test(last) && !WILDCARD.test(last.slice(2)))
      included.extension = extensionOf(last);
    rule.positive.push(included);
  }
  return rule;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** Changed files, sorted, with indexes for picking candidates. */
export interface FileIndex {
  sorted: readonly string[];
  byBasename: ReadonlyMap<string, number[]>;
  byExtension: ReadonlyMap<string, number[]>;
}

export function createFileIndex(paths: readonly string[]): FileIndex {
  // git lists changed files in order already: checking costs a pass, sorting many comparisons.
  const sorted = isSorted(paths) ? [...paths] : [...paths].sort();
  const byBasename = new Map<string, number[]>();
  const byExtension = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  sorted.forEach((path, i) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    add(byBasename, name, i);
    add(byExtension, extensionOf(name), i);
  });
  return { sorted, byBasename, byExtension };
}

function isSorted(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++) if ((paths[i - 1] ?? '') > (paths[i] ?? '')) return false;
  return true;
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

/** Calls `visit` with the index of every file a glob could match. */
function forEachCandidate(glob: CompiledGlob, index: FileIndex, visit: (i: number) => void): void {
  const { sorted } = index;
  // The names from `base` up to `base0` ('0' follows '/'): `base` itself and `base/…` (with a few
  // such as `base-x/…` that the glob then refuses), not `base1/…`.
  const ranges = glob.bases.map((base) =>
    base === '' ? [0, sorted.length] : [lowerBound(sorted, base), lowerBound(sorted, `${base}0`)],
  );
  const size = ranges.reduce((total, [start = 0, end = 0]) => total + end - start, 0);
  const named =
    glob.basename !== undefined
      ? (index.byBasename.get(glob.basename) ?? [])
      : glob.extension !== undefined
        ? (index.byExtension.get(glob.extension) ?? [])
        : undefined;
  if (named !== undefined && named.length < size) {
    for (const i of named) {
      if (ranges.some(([start = 0, end = 0]) => i >= start && i < end)) visit(i);
    }
  } else {
    for (const [start = 0, end = 0] of ranges) for (let i = start; i < end; i++) visit(i);
  }
}

/** The files a rule matches, in path order; `meter` counts the matching work. */
export function matchFiles(rule: PathRule, index: FileIndex, meter?: MatchMeter): string[] {
  const matched: number[] = [];
  const seen = rule.positive.length > 1 ? new Set<number>() : undefined;
  for (const glob of rule.positive) {
    forEachCandidate(glob, index, (i) => {
      const path = index.sorted[i] ?? '';
      if (seen?.has(i) || !matchGlob(glob.glob, path, meter)) return;
      for (const excluded of rule.negative) if (matchGlob(excluded, path, meter)) return;
      seen?.add(i);
      matched.push(i);
    });
  }
  if (seen) matched.sort((a, b) => a - b);
  return matched.map((i) => index.sorted[i] ?? '');
}

/**
 * Whether one name (a branch, an environment) matches any of the globs. A glob starting with `!`
 * matches every name its rest does not match.
 */
export function matchesAnyGlob(name: string, globs: readonly string[], meter?: MatchMeter): boolean {
  return globs.some((source) => {
    const negated = source.startsWith('!');
    const glob = compileGlob(negated ? source.slice(1) : source);
    return glob === undefined || matchGlob(glob, name, meter) !== negated;
  });
}
