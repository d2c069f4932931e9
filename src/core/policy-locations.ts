// Where things are in `.github/gatehouse.yml`: YAML parsing with positions, readable paths
// (`rules[2].paths`, `environments["prod/eu"]`) and the line and column of the node at a path.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';

export type PathSegment = string | number;

/** A problem before it is given a file: what is wrong, where in the document. */
export interface LocatedProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** A parsed YAML file with what it takes to find a path's line and column again. */
export interface PolicySource {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type YamlParseResult =
  | { ok: true; source: PolicySource; value: unknown }
  | { ok: false; problems: LocatedProblem[] };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `rules[2].if.paths`, `environments["prod/eu"].reviewers`; `(root)` for the whole file. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Parses YAML text. Syntax errors, duplicate keys and keys that are not plain scalars are
 * problems; a file that is empty or only comments is the empty mapping.
 */
export function parseYaml(text: string): YamlParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const source: PolicySource = { document, lineCounter };
  const problems: LocatedProblem[] = [];
  const lines = new Set<number>();
  for (const error of [...document.errors, ...document.warnings]) {
    // Duplicate keys are found again below, with the path and the key's name.
    if (error.code === 'DUPLICATE_KEY') continue;
    const { line, column } = positionAt(source, error.pos[0]);
    // One broken line often yields several errors; the first says what is wrong.
    if (lines.has(line)) continue;
    lines.add(line);
    const message =
      error.code === 'MULTIPLE_DOCS' ? 'a second document starts here (---): expected one' : error.message;
    problems.push({ line, column, path: '(syntax)', message: describeYamlError(message) });
  }
  if (problems.length === 0) checkNodes(source, document.contents, [], problems);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  try {
    return { ok: true, source, value: document.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (error) {
    // Unresolved aliases and alias bombs surface only when the document is converted.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ line: 1, column: 1, path: '(syntax)', message: describeYamlError(message) }],
    };
  }
}

/** The line and column of the node at `path`, or of the nearest ancestor that exists. */
export function locate(source: PolicySource, path: readonly PathSegment[]): { line: number; column: number } {
  const found = walk(source, path);
  const value = found.node;
  // An empty value (`log:`) has no text of its own: point at its key.
  const range = value?.range;
  const empty = isScalar(value) && range !== undefined && range !== null && range[0] === range[1];
  const target = found.alias ?? (found.complete && empty && found.key ? found.key : (value ?? found.key));
  return positionAt(source, target?.range?.[0] ?? 0);
}

/** The line and column of the key that ends `path` (for unknown and invalid keys). */
export function locateKey(
  source: PolicySource,
  path: readonly PathSegment[],
): { line: number; column: number } {
  const found = walk(source, path);
  if (found.complete && found.key && !found.alias) return positionAt(source, found.key.range?.[0] ?? 0);
  return locate(source, path);
}

/** Whether the document has a node at `path` (a key present, even with an empty value). */
export function hasPath(source: PolicySource, path: readonly PathSegment[]): boolean {
  return walk(source, path).complete;
}

export function sortProblems<T extends { line: number; column: number }>(problems: T[]): T[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order,
    )
    .map(({ problem }) => problem);
}

interface Walked {
  /** The node at the path, or the deepest ancestor found. */
  node: YamlNode | undefined;
  /** The key node of the last map entry walked through. */
  key: YamlNode | undefined;
  /** The first alias walked through: its target lives elsewhere, so point at the alias. */
  alias: YamlNode | undefined;
  complete: boolean;
}

function walk(source: PolicySource, path: readonly PathSegment[]): Walked {
  let node: YamlNode | undefined = source.document.contents ?? undefined;
  let key: YamlNode | undefined;
  let alias: YamlNode | undefined;
  for (const segment of path) {
    if (isAlias(node)) {
      alias ??= node;
      node = node.resolve(source.document) ?? undefined;
    }
    let next: YamlNode | undefined;
    let nextKey: YamlNode | undefined;
    if (isMap(node)) {
      // The last of duplicate keys wins, as when the document is converted.
      for (const pair of node.items) {
        if (isScalar(pair.key) && String(pair.key.value) === String(segment)) {
          nextKey = pair.key;
          next = (pair.value as YamlNode | null) ?? undefined;
          if (next === undefined) next = pair.key;
        }
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = (node.items[segment] as YamlNode | undefined) ?? undefined;
    }
    if (next === undefined) return { node, key, alias, complete: false };
    node = next;
    key = nextKey;
  }
  return { node, key, alias, complete: true };
}

function positionAt(source: PolicySource, offset: number): { line: number; column: number } {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}

/** Keys must be plain scalars and unique; `__proto__` is refused outright; aliases must resolve. */
function checkNodes(
  source: PolicySource,
  node: YamlNode | null | undefined,
  path: PathSegment[],
  problems: LocatedProblem[],
): void {
  if (isAlias(node) && node.resolve(source.document) === undefined) {
    const at = positionAt(source, node.range?.[0] ?? 0);
    problems.push({
      ...at,
      path: formatPath(path),
      message: `invalid YAML: no anchor &${node.source} before this alias`,
    });
  } else if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const at = positionAt(source, key?.range?.[0] ?? node.range?.[0] ?? 0);
      if (!isScalar(key)) {
        problems.push({
          ...at,
          path: formatPath(path),
          message: 'expected a plain key, got a list or mapping as a key',
        });
        continue;
      }
      const name = String(key.value);
      if (name === '__proto__') {
        problems.push({ ...at, path: formatPath(path), message: 'the key "__proto__" is not allowed' });
      } else if (seen.has(name)) {
        problems.push({
          ...at,
          path: formatPath(path),
          message: `duplicate key "${name}": each key may appear once`,
        });
      }
      seen.add(name);
      checkNodes(source, pair.value as YamlNode | null, [...path, name], problems);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      checkNodes(source, item as YamlNode | null, [...path, index], problems);
    });
  }
}

/** yaml's messages without the position it appends (we report positions separately). */
function describeYamlError(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  return `invalid YAML: ${first}`;
}
