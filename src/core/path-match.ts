// Matching changed files against `paths:` globs, fast enough for 3,000 files × 500 rules. Files
// are sorted and indexed once per request by base name and extension; each glob then tests only
// its candidates: the files under its literal base folder (`db/migrations` for
// `db/migrations/**`), or with its literal file name (`**/schema.rb`) or extension (`**/*.sql`),
// whichever set is smaller. Globs are our own (glob.ts): `**` also covers `.github/…`, so a gate
// is not sidestepped by a dot-folder, every character of a name is a character (a newline or
// U+2028 in a file name does not hide it from `db/migrations/**`), and a match never backtracks,
// so its cost is bounded whatever the glob and the name.
import { type Glob, type MatchMeter, matchGlob, parseGlob } from './glob.ts';

const WILDCARD = /[*?[\]{}()!+@\\]/;

interface CompiledGlob {
  base: string;
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
  const parsed = parseGlob(source);
  return parsed.ok ? parsed.glob : undefined;
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
    const compiled: CompiledGlob = { base: baseOf(glob), glob: compileIncluding(glob) };
    if (!WILDCARD.test(last)) compiled.basename = last;
    else if (/^\*\.[^/]+$/.test(last) && !WILDCARD.test(last.slice(2)))
      compiled.extension = extensionOf(last);
    rule.positive.push(compiled);
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
  const sorted = [...paths].sort();
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

function isUnder(path: string, base: string): boolean {
  return base === '' || (path.startsWith(base) && (path.length === base.length || path[base.length] === '/'));
}

/** Calls `visit` with the index of every file a glob could match. */
function forEachCandidate(glob: CompiledGlob, index: FileIndex, visit: (i: number) => void): void {
  const { sorted } = index;
  let start = 0;
  let end = sorted.length;
  if (glob.base !== '') {
    start = lowerBound(sorted, glob.base);
    end = lowerBound(sorted, `${glob.base}\uffff`);
  }
  const named =
    glob.basename !== undefined
      ? (index.byBasename.get(glob.basename) ?? [])
      : glob.extension !== undefined
        ? (index.byExtension.get(glob.extension) ?? [])
        : undefined;
  if (named !== undefined && named.length < end - start) {
    for (const i of named) if (i >= start && i < end) visit(i);
  } else {
    for (let i = start; i < end; i++) visit(i);
  }
}

/** The files a rule matches, in path order; `meter` counts the matching work. */
export function matchFiles(rule: PathRule, index: FileIndex, meter?: MatchMeter): string[] {
  const matched: number[] = [];
  const seen = rule.positive.length > 1 ? new Set<number>() : undefined;
  for (const glob of rule.positive) {
    forEachCandidate(glob, index, (i) => {
      const path = index.sorted[i] ?? '';
      if (seen?.has(i) || !isUnder(path, glob.base) || !matchGlob(glob.glob, path, meter)) return;
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
