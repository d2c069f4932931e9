// Spec files as approval artifacts (DESIGN §6): YAML front matter for the short, structured parts
// and Markdown sections for the prose an approver reads. Every problem points at a line, so the
// check can annotate the spec file where it is wrong.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import { z } from 'zod';
import { findSection, parseSections, type SectionKey } from './markdown-sections.ts';
import type { RequestOption, SourcedText } from './model.ts';
import { type RiskFactors, riskSchema } from './policy-schema.ts';
import { createOptions, parseOption, parseOptionsSection, pickText } from './request-options.ts';

export { createOptions, parseOption, parseOptionsSection, pickText };

export interface SpecProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedSpec {
  path: string;
  action?: SourcedText;
  kind?: string;
  environment?: string;
  /** `risk:` from the front matter, with `cost:` folded in as `cost`. */
  declaredRisk: RiskFactors;
  cost?: number;
  context?: SourcedText;
  riskAssessment?: SourcedText;
  rollbackPlan?: SourcedText;
  recommendation?: SourcedText;
  options: RequestOption[];
}

const nonEmptyString = z.string('expected text').trim().min(1, 'expected a non-empty string');

const optionSchema = z.union(
  [nonEmptyString, z.strictObject({ name: nonEmptyString, description: z.string().optional() })],
  { error: 'expected an option name, or {name, description}' },
);

/** Front-matter keys, each validated on its own so that one bad value does not lose the others. */
const FRONT_MATTER = {
  action: nonEmptyString,
  kind: nonEmptyString,
  environment: nonEmptyString,
  risk: riskSchema,
  cost: z.number('expected a number of USD').nonnegative('expected a cost of 0 or more (USD)'),
  rollback: nonEmptyString,
  recommendation: nonEmptyString,
  options: z.array(optionSchema, 'expected a list of options'),
} as const;
type FrontMatterKey = keyof typeof FRONT_MATTER;
const FRONT_MATTER_KEYS = Object.keys(FRONT_MATTER) as FrontMatterKey[];

type FrontMatter = { [K in FrontMatterKey]?: z.infer<(typeof FRONT_MATTER)[K]> };

/**
 * Reads a spec file: front matter between a first line `---` and the next `---` line, then
 * Markdown. Sections win over the short front-matter forms (`Rollback Plan` over `rollback:`,
 * `Recommendation` over `recommendation:`, `Options` over `options:`); the action is the
 * front-matter `action`, else the `#` title; text before the first known section is the context
 * when there is no `Context` section. Never throws: problems come back with lines.
 */
export function parseSpec(text: string, path: string): { spec: ParsedSpec; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let bodyStart = 0;
  let frontMatter: FrontMatter = {};
  let lineOf: (key: FrontMatterKey) => number = () => 1;

  if (lines[0]?.trimEnd() === '---') {
    const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
    if (close < 0) {
      problems.push({
        path,
        line: 1,
        column: 1,
        message: 'front matter: no closing `---` line; end the front matter with a line of three dashes',
      });
    } else {
      bodyStart = close + 1;
      const read = parseFrontMatter(lines.slice(1, close).join('\n'), path);
      problems.push(...read.problems);
      frontMatter = read.values;
      lineOf = read.lineOf;
    }
  }

  const body = parseSections(lines.slice(bodyStart).join('\n'), bodyStart);
  const section = (key: SectionKey): SourcedText | undefined => {
    const found = findSection(body.sections, key);
    return found === undefined ? undefined : { text: found.text, source: { path, line: found.bodyLine } };
  };
  const fromFrontMatter = (key: 'action' | 'rollback' | 'recommendation'): SourcedText | undefined => {
    const value = frontMatter[key];
    return value === undefined ? undefined : { text: value, source: { path, line: lineOf(key) } };
  };

  const spec: ParsedSpec = { path, declaredRisk: { ...frontMatter.risk }, options: [] };
  const title =
    body.title === undefined ? undefined : { text: body.title.text, source: { path, line: body.title.line } };
  const preamble =
    body.preamble === undefined
      ? undefined
      : { text: body.preamble.text, source: { path, line: body.preamble.line } };
  // An empty section (a template heading nobody filled in) gives way to the other forms, but is
  // kept when there is nothing else, so that "no rollback plan" points at its heading.
  const action = pickText(fromFrontMatter('action'), title);
  const context = pickText(section('context'), preamble);
  const riskAssessment = section('risk_assessment');
  const rollbackPlan = pickText(section('rollback_plan'), fromFrontMatter('rollback'));
  const recommendation = pickText(section('recommendation'), fromFrontMatter('recommendation'));
  if (action !== undefined) spec.action = action;
  if (frontMatter.kind !== undefined) spec.kind = frontMatter.kind;
  if (frontMatter.environment !== undefined) spec.environment = frontMatter.environment;
  if (context !== undefined) spec.context = context;
  if (riskAssessment !== undefined) spec.riskAssessment = riskAssessment;
  if (rollbackPlan !== undefined) spec.rollbackPlan = rollbackPlan;
  if (recommendation !== undefined) spec.recommendation = recommendation;

  const cost = maxCost(frontMatter.cost, frontMatter.risk?.cost);
  if (cost !== undefined) {
    spec.cost = cost;
    spec.declaredRisk.cost = cost;
  }

  const optionsSection = findSection(body.sections, 'options');
  const sectionOptions = optionsSection === undefined ? [] : parseOptionsSection(optionsSection);
  if (optionsSection !== undefined && sectionOptions.length === 0) {
    problems.push({
      path,
      line: optionsSection.line,
      column: 1,
      message: 'Options: no options found; list them as `- **Name**: description`',
    });
  }
  spec.options =
    sectionOptions.length > 0
      ? sectionOptions
      : createOptions(
          (frontMatter.options ?? []).map((option) =>
            typeof option === 'string'
              ? parseOption(option)
              : { name: option.name, description: option.description ?? '' },
          ),
        );
  return { spec, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

function maxCost(...costs: (number | undefined)[]): number | undefined {
  const given = costs.filter((cost) => cost !== undefined);
  return given.length === 0 ? undefined : Math.max(...given);
}

/** Front matter YAML (file lines 2 onwards): the values that are valid, and a problem for the rest. */
function parseFrontMatter(
  yaml: string,
  path: string,
): { values: FrontMatter; problems: SpecProblem[]; lineOf: (key: FrontMatterKey) => number } {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, prettyErrors: false });
  // The YAML starts on the file's second line, after the opening `---`.
  const at = (offset: number | undefined) => {
    const position = counter.linePos(offset ?? 0);
    return { line: position.line + 1, column: position.col };
  };
  const problem = (offset: number | undefined, where: string, message: string): SpecProblem => ({
    path,
    ...at(offset),
    message: `front matter${where === '' ? '' : ` ${where}`}: ${message}`,
  });

  if (doc.errors.length > 0) {
    return {
      values: {},
      problems: doc.errors.map((error) => problem(error.pos[0], '', error.message)),
      lineOf: () => 1,
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { values: {}, problems: [], lineOf: () => 1 };
  }
  if (!isMap(doc.contents)) {
    return {
      values: {},
      problems: [problem(doc.contents.range[0], '', `expected keys such as ${FRONT_MATTER_KEYS.join(', ')}`)],
      lineOf: () => 1,
    };
  }

  const values: Record<string, unknown> = {};
  const problems: SpecProblem[] = [];
  const valueLines = new Map<string, number>();
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : undefined;
    const key = keyNode === undefined ? undefined : String(keyNode.value);
    const keyOffset = keyNode?.range?.[0] ?? (pair.key as Node | null)?.range?.[0];
    if (key === undefined || !isFrontMatterKey(key)) {
      problems.push(
        problem(
          keyOffset,
          '',
          `unknown key ${JSON.stringify(key ?? String(pair.key))}; expected one of ${FRONT_MATTER_KEYS.join(', ')}`,
        ),
      );
      continue;
    }
    const valueNode = pair.value as Node | null;
    valueLines.set(key, startLine(valueNode, at) ?? at(keyOffset).line);
    const raw: unknown = valueNode === null ? null : valueNode.toJSON();
    const parsed = FRONT_MATTER[key].safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const issuePath: (string | number)[] = [
        key,
        ...issue.path.map((segment) => indexOrKey(String(segment))),
      ];
      if (issue.code === 'unrecognized_keys') {
        for (const unknown of issue.keys) {
          const node = findKeyNode(doc.contents, [...issuePath, unknown]);
          problems.push(
            problem(
              node?.range?.[0] ?? keyOffset,
              formatPath(issuePath),
              `unknown key ${JSON.stringify(unknown)}`,
            ),
          );
        }
        continue;
      }
      const node = doc.getIn(issuePath, true) as Node | undefined;
      problems.push(
        problem(node?.range?.[0] ?? keyOffset, formatPath(issuePath), describeIssue(issue, node)),
      );
    }
    // Declared risk can only raise the tier: keep the factors that are valid, so that a typo in
    // one factor does not hide the others.
    if (key === 'risk') {
      const valid = salvageRisk(raw);
      if (valid !== undefined) values[key] = valid;
    }
  }
  return {
    values: values as FrontMatter,
    problems,
    lineOf: (key) => valueLines.get(key) ?? 1,
  };
}

function isFrontMatterKey(key: string): key is FrontMatterKey {
  return Object.hasOwn(FRONT_MATTER, key);
}

function salvageRisk(raw: unknown): RiskFactors | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const valid: Record<string, unknown> = {};
  for (const [factor, value] of Object.entries(raw)) {
    const schema = riskSchema.shape[factor as keyof typeof riskSchema.shape] as z.ZodType | undefined;
    const parsed = schema?.safeParse(value);
    if (parsed?.success === true && parsed.data !== undefined) valid[factor] = parsed.data;
  }
  return valid as RiskFactors;
}

/** `risk.reversibility`, `options[1].name`: the style of policy messages. */
function formatPath(path: (string | number)[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue, node: Node | undefined): string {
  if (issue.code === 'invalid_value') {
    const got = isScalar(node) ? ` (got ${JSON.stringify(node.value)})` : '';
    return `expected one of ${issue.values.map(String).join(', ')}${got}`;
  }
  return issue.message;
}

function indexOrKey(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

/** The line a value's text starts on: for `|` and `>` block scalars, the line after the indicator. */
function startLine(node: Node | null, at: (offset: number) => { line: number }): number | undefined {
  if (node?.range === undefined || node.range === null) return undefined;
  const line = at(node.range[0]).line;
  const block = isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
  return block ? line + 1 : line;
}

/** The key node at a path of mapping keys and sequence indexes, for pointing at an unknown key. */
function findKeyNode(root: unknown, path: (string | number)[]): Node | undefined {
  let node: unknown = root;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) return undefined;
      if (index === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return undefined;
}
