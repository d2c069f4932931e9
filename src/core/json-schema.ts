// The JSON Schema of `.github/gatehouse.yml` (docs/gatehouse.schema.json, for editors) and the
// configuration reference in docs/configuration.md, both generated from policy-schema.ts so the
// docs cannot drift from what Gatehouse accepts. scripts/generate-docs.ts writes them.
import { z } from 'zod';
import { POLICY_DEFAULTS } from './policy.ts';
import { DURATION_PATTERN, policySchema } from './policy-schema.ts';

/** Where the schema is published; also what `# yaml-language-server: $schema=…` points at. */
export const POLICY_SCHEMA_ID =
  'https://raw.githubusercontent.com/gatehouse/gatehouse/main/docs/gatehouse.schema.json';

export const REFERENCE_START = '<!-- reference:start -->';
export const REFERENCE_END = '<!-- reference:end -->';

type JsonSchema = Record<string, unknown>;

/**
 * Defaults as JSON Schema `default` annotations, by path: `[]` steps into list items, `*` into
 * the entries of a mapping of names.
 */
const SCHEMA_DEFAULTS: readonly [string, unknown][] = [
  ['mode', POLICY_DEFAULTS.mode],
  ['allow', POLICY_DEFAULTS.allow],
  ['defaults.approvals', POLICY_DEFAULTS.defaults.approvals],
  ['defaults.on_timeout', POLICY_DEFAULTS.defaults.on_timeout],
  ['defaults.invalidate_on_push', POLICY_DEFAULTS.defaults.invalidate_on_push],
  ['defaults.allow_self_approval', POLICY_DEFAULTS.defaults.allow_self_approval],
  ['defaults.allow_bots', POLICY_DEFAULTS.defaults.allow_bots],
  ['rules.[].level', POLICY_DEFAULTS.rule.level],
  ['specs.paths', POLICY_DEFAULTS.specs.paths],
  ['log.branch', POLICY_DEFAULTS.log.branch],
  ['log.path', POLICY_DEFAULTS.log.path],
  ['log.check_runs', POLICY_DEFAULTS.log.check_runs],
  ['queue.max_pending', POLICY_DEFAULTS.queue.max_pending],
  ['thresholds.cost.notify', POLICY_DEFAULTS.thresholds.cost.notify],
  ['thresholds.cost.approve', POLICY_DEFAULTS.thresholds.cost.approve],
];

/**
 * Descriptions for the sections that policy-schema.ts leaves undescribed, added to the JSON
 * Schema so editors show them too. A `.meta({ description })` there takes precedence.
 */
const SCHEMA_DESCRIPTIONS: readonly [string, string][] = [
  [
    'rules',
    'Risk rules, in order. Every rule whose predicates match applies; see docs/configuration.md#rules.',
  ],
  ['environments', 'Environments by name, with the protection Gatehouse keeps in sync with GitHub.'],
  ['specs', 'Spec files: approval artifacts that a PR adds or changes.'],
  ['log', 'The decision log: one Markdown file per decision, committed to its own branch.'],
  ['queue', 'Limits on pending requests.'],
  ['thresholds.cost', 'Where the cost factor (USD) moves from proceed to notify to approve.'],
];

/** Defaults that are not one value, for the reference only (keys as the reference shows them). */
const DEFAULT_NOTES: Record<string, string> = {
  extends: 'none',
  'defaults.timeout': 'none: no deadline',
  'defaults.escalate_to': 'none',
  'defaults.safe_default': 'none',
  'rules[].name': 'required',
  'rules[].reviewers': 'anyone with write permission',
  'rules[].require': '`[action, rollback_plan]` at level `approve`, else `[]`',
  'rules[].approvals': 'from `defaults`',
  'rules[].timeout': 'from `defaults`',
  'rules[].on_timeout': 'from `defaults`',
  'rules[].escalate_to': 'from `defaults`',
  'rules[].safe_default': 'from `defaults`',
  // Environment sync manages only the keys the policy sets (docs/environment-sync.md).
  'environments.<name>.reviewers': 'left as GitHub has it',
  'environments.<name>.prevent_self_review': 'left as GitHub has it',
  'environments.<name>.wait_timer': 'left as GitHub has it',
  'environments.<name>.branches': 'left as GitHub has it',
  'environments.<name>.gate': 'left as GitHub has it',
};

/** The JSON Schema of the policy file, with Gatehouse's defaults as annotations. */
export function createPolicyJsonSchema(): JsonSchema {
  const { $schema, title, description, ...rest } = z.toJSONSchema(policySchema, {
    io: 'input',
  }) as JsonSchema;
  const schema: JsonSchema = { $schema, $id: POLICY_SCHEMA_ID, title, description, ...rest };
  for (const [path, value] of SCHEMA_DEFAULTS) schemaAt(schema, path).default = value;
  for (const [path, description] of SCHEMA_DESCRIPTIONS) {
    const node = schemaAt(schema, path);
    node.description ??= description;
  }
  return schema;
}

/** The file docs/gatehouse.schema.json: pretty JSON with a trailing newline. */
export function renderPolicyJsonSchema(schema: JsonSchema = createPolicyJsonSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function schemaAt(schema: JsonSchema, path: string): JsonSchema {
  let node: JsonSchema | undefined = schema;
  for (const segment of path.split('.')) {
    if (segment === '[]') node = asSchema(node?.items);
    else if (segment === '*') node = asSchema(node?.additionalProperties);
    else node = asSchema(asSchema(node?.properties)?.[segment]);
  }
  if (node === undefined) throw new Error(`no key ${path} in the policy schema`);
  return node;
}

function asSchema(value: unknown): JsonSchema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonSchema)
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// The reference section of docs/configuration.md.

interface Section {
  title: string;
  description: string | undefined;
  rows: string[];
}

/** Markdown tables, one per mapping in the policy, each key with type, allowed values, default and description. */
export function renderPolicyReference(schema: JsonSchema = createPolicyJsonSchema()): string {
  const sections: Section[] = [];
  collectSection(sections, 'Top level', '', schema);
  const lines = [
    '<!-- Generated by `npm run generate` from src/core/policy-schema.ts: do not edit by hand. -->',
    '',
  ];
  for (const section of sections) {
    lines.push(`### ${section.title}`, '');
    if (section.description) lines.push(section.description, '');
    lines.push('| key | type | allowed values | default | description |', '| --- | --- | --- | --- | --- |');
    lines.push(...section.rows, '');
  }
  return lines.join('\n');
}

/** Replaces what is between the reference markers of a Markdown file. */
export function replaceReferenceSection(markdown: string, reference: string): string {
  const start = markdown.indexOf(REFERENCE_START);
  const end = markdown.indexOf(REFERENCE_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`expected ${REFERENCE_START} and then ${REFERENCE_END} in the Markdown`);
  }
  return `${markdown.slice(0, start + REFERENCE_START.length)}\n${reference}${markdown.slice(end)}`;
}

function collectSection(sections: Section[], title: string, prefix: string, schema: JsonSchema): void {
  const section: Section = { title, description: text(schema.description), rows: [] };
  sections.push(section);
  const children: [string, string, JsonSchema][] = [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const [key, value] of Object.entries(asSchema(schema.properties) ?? {})) {
    const property = asSchema(value) ?? {};
    const path = `${prefix}${key}`;
    const items = asSchema(property.items);
    const entries = asSchema(property.additionalProperties);
    const description =
      text(property.description) ?? text(items?.description) ?? text(entries?.description) ?? '';
    let type = describeType(property);
    if (asSchema(property.properties)) {
      children.push([`\`${path}\``, `${path}.`, property]);
      type = `mapping, see [\`${path}\`](#${anchor(path)})`;
    } else if (items && asSchema(items.properties)) {
      children.push([`\`${path}[]\``, `${path}[].`, items]);
      type = `list of mappings, see [\`${path}[]\`](#${anchor(`${path}[]`)})`;
    } else if (entries && asSchema(entries.properties)) {
      children.push([`\`${path}.<name>\``, `${path}.<name>.`, entries]);
      type = `mapping of names to mappings, see [\`${path}.<name>\`](#${anchor(`${path}.<name>`)})`;
    }
    const fallback = required.includes(key) ? 'required' : '—';
    const defaultText =
      property.default !== undefined ? formatDefault(property.default) : (DEFAULT_NOTES[path] ?? fallback);
    section.rows.push(
      `| \`${path}\` | ${cell(type)} | ${cell(describeAllowed(property))} | ${cell(defaultText)} | ${cell(description)} |`,
    );
  }
  for (const [childTitle, childPrefix, child] of children)
    collectSection(sections, childTitle, childPrefix, child);
}

function formatDefault(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** GitHub's heading anchor for a section titled with the code span `path`. */
function anchor(path: string): string {
  return path.toLowerCase().replace(/[^\w\- ]/g, '');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function cell(value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function describeType(schema: JsonSchema): string {
  if (schema.type === 'string' && schema.pattern === DURATION_PATTERN.source) return 'duration';
  if (schema.type === 'array') return `list of ${plural(describeType(asSchema(schema.items) ?? {}))}`;
  if (schema.type === 'object') {
    const entries = asSchema(schema.additionalProperties);
    return entries ? `mapping of names to ${plural(describeType(entries))}` : 'mapping';
  }
  if (Array.isArray(schema.anyOf)) {
    const types = schema.anyOf.map((option) => describeType(asSchema(option) ?? {}));
    if (!types.includes('any')) return types.join(' or ');
  }
  return typeof schema.type === 'string' ? schema.type : 'any';
}

function plural(type: string): string {
  if (type.startsWith('list of')) return type.replace('list', 'lists');
  if (type.startsWith('mapping of')) return type.replace('mapping', 'mappings');
  return `${type}s`;
}

function describeAllowed(schema: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map((value) => `\`${String(value)}\``).join(', '));
  if (schema.type === 'string' && schema.pattern === DURATION_PATTERN.source)
    parts.push('`30s`, `15m`, `4h`, `2d`, `1w`, `1h30m`');
  else if (typeof schema.pattern === 'string') parts.push(`matches \`${schema.pattern}\``);
  if (schema.minLength === 1) parts.push('non-empty');
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
    parts.push(`${schema.minimum} to ${schema.maximum}`);
  } else if (typeof schema.minimum === 'number') {
    parts.push(`≥ ${schema.minimum}`);
  }
  if (schema.type === 'array') {
    if (schema.minItems === 1) parts.push('at least one');
    const items = asSchema(schema.items) ?? {};
    const each = describeAllowed(items);
    if (each !== '' && !asSchema(items.properties)) parts.push(`each ${each}`);
  }
  if (Array.isArray(schema.anyOf)) {
    const each = schema.anyOf
      .map((option) => describeAllowed(asSchema(option) ?? {}))
      .filter((part) => part !== '');
    if (each.length > 0) parts.push([...new Set(each)].join(' / '));
  }
  const names = asSchema(schema.propertyNames);
  if (names && typeof names.pattern === 'string') parts.push(`names match \`${names.pattern}\``);
  const entries = asSchema(schema.additionalProperties);
  if (entries && !asSchema(entries.properties)) {
    const each = describeAllowed(entries);
    if (each !== '') parts.push(`values: ${each}`);
  }
  return parts.join('; ');
}
