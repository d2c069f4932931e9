// GitHub's REST description (@octokit/openapi) as a validator for the simulator: which operation a
// request is, whether GitHub would accept its path, query and body, and whether a response has a
// status and a body that operation declares. A request that fails here is one GitHub would refuse
// or route nowhere; a response that fails is one GitHub would never send.
//
// The descriptions are read without dereferencing (api.github.com.json, 13 MB, parses in ~0.2 s;
// the .deref.json variant takes ~1 s and five times the heap) and registered with Ajv once per
// process: an operation's schemas reach the shared components through $refs that Ajv resolves when
// that operation is first checked, and the compiled validators are kept.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

type Schema = Record<string, unknown>;
type Ref = { $ref: string };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Content {
  content?: Record<string, { schema?: Schema }>;
}
interface OperationSpec {
  parameters?: (Parameter | Ref)[];
  requestBody?: Content & { required?: boolean };
  responses: Record<string, (Content & Partial<Ref>) | undefined>;
}
interface Description {
  paths: Record<string, Record<string, OperationSpec | (Parameter | Ref)[]>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, Content>;
  };
}

/** The REST descriptions the simulator speaks: github.com, and Enterprise Server under `/api/v3`. */
export type DescriptionName = 'api.github.com' | 'ghes-3.19';

const ENTERPRISE_PREFIX = '/api/v3';
/** GraphQL is outside the REST description; the simulator answers it on its own terms. */
const GRAPHQL_PATHS = new Set(['/graphql', '/api/graphql']);
/**
 * Statuses GitHub answers to any operation, listed in its description or not (docs.github.com,
 * "Troubleshooting the REST API", "Rate limits"): bad credentials, a token without the permission
 * or over a rate limit, its own failures. Their bodies must still be GitHub's basic error.
 */
// 404 included: GitHub answers it for anything missing or out of the token's sight, declared or
// not (GET …/environments/{name} declares only 200, yet a missing environment is a 404).
const ANY_OPERATION = new Set([401, 403, 404, 429, 500, 502, 503, 504]);
/**
 * Answers GitHub gives that its description leaves out, by operation, each with its source: the
 * error body is still checked. POST …/deployment_protection_rule declares only 204, yet GitHub
 * answers 422 to a second answer or to a run that no longer waits ("Review deployments with a
 * custom deployment protection rule": one answer per run and environment).
 */
const UNDECLARED: Record<string, ReadonlySet<number>> = {
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule': new Set([422]),
};
/** Enough to say what is wrong without burying it: a wrong root type would list every field. */
const MOST_ERRORS = 10;

type Segment = { literal: string } | { names: string[]; pattern: RegExp };

interface Template {
  path: string;
  segments: Segment[];
  /** Per segment, 2 for a literal, 1 for a mixed one (`{base}...{head}`), 0 for a parameter. */
  rank: number[];
  methods: Record<string, OperationSpec>;
  shared: (Parameter | Ref)[];
}

/** One operation of a description, as a request to the simulator matched it. */
export interface Operation {
  readonly description: LoadedDescription;
  /** `POST /repos/{owner}/{repo}/issues`: the method and the description's path. */
  readonly label: string;
  readonly spec: OperationSpec;
  readonly parameters: Parameter[];
  /** Path parameters as sent, percent-decoded. */
  readonly pathValues: Record<string, string>;
}

export interface CheckedRequest {
  /** What was sent, for messages: `POST /repos/acme/shop/issues`. */
  readonly sent: string;
  /** The operation, or undefined for GraphQL and for a route or method GitHub does not have. */
  readonly operation: Operation | undefined;
  /** No operation of the description has this path (GitHub answers 404). */
  readonly unknownRoute: boolean;
  readonly violations: string[];
}

export interface SentRequest {
  method: string;
  /** The request target as received: path (percent-encoded, maybe under `/api/v3`) and query. */
  url: string;
  /** The parsed JSON body (a string if it was not JSON); undefined or null when none was sent. */
  body?: unknown;
}

const loaded = new Map<DescriptionName, LoadedDescription>();

/** The description `name`, read, indexed and registered with Ajv on first use in this process. */
export function loadDescription(name: DescriptionName): LoadedDescription {
  let description = loaded.get(name);
  if (description === undefined) {
    description = new LoadedDescription(name);
    loaded.set(name, description);
  }
  return description;
}

/** Which operation `request` is and everything in its path, query and body GitHub would refuse. */
export function checkRequest(request: SentRequest): CheckedRequest {
  const method = request.method.toUpperCase();
  const target = new URL(request.url, 'http://simulator');
  const sent = `${method} ${target.pathname}`;
  if (method === 'POST' && GRAPHQL_PATHS.has(target.pathname))
    return { sent, operation: undefined, unknownRoute: false, violations: [] };
  const enterprise =
    target.pathname === ENTERPRISE_PREFIX || target.pathname.startsWith(`${ENTERPRISE_PREFIX}/`);
  const description = loadDescription(enterprise ? 'ghes-3.19' : 'api.github.com');
  const path = enterprise ? target.pathname.slice(ENTERPRISE_PREFIX.length) || '/' : target.pathname;
  const found = description.match(method, path);
  if ('refusal' in found)
    return {
      sent,
      operation: undefined,
      unknownRoute: found.unknownRoute,
      violations: [`${sent}: ${found.refusal}`],
    };
  const violations = [
    ...description.checkParameters(found, target.searchParams),
    ...description.checkBody(found, request.body ?? undefined),
  ].map((violation) => `${sent}: ${violation}`);
  return { sent, operation: found, unknownRoute: false, violations };
}

/** What in a response with `status` and JSON `body` the request's operation does not declare. */
export function checkResponse(request: CheckedRequest, status: number, body: unknown): string[] {
  const operation = request.operation;
  if (operation === undefined) return [];
  return operation.description
    .checkResponse(operation, status, body)
    .map((violation) => `${request.sent} ${status}: ${violation}`);
}

export class LoadedDescription {
  readonly name: DescriptionName;
  private readonly document: Description;
  private readonly templates = new Map<number, Template[]>();
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(name: DescriptionName) {
    this.name = name;
    const require = createRequire(import.meta.url);
    const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
    this.document = JSON.parse(readFileSync(file, 'utf8')) as Description;
    allowNull(this.document.components.schemas);
    // validateSchema: off, the description is OpenAPI 3.0 (nullable, example), not a JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: { schemas: this.document.components.schemas } }, 'github');
    for (const [path, item] of Object.entries(this.document.paths)) {
      const template = parseTemplate(path, item);
      const list = this.templates.get(template.segments.length) ?? [];
      list.push(template);
      this.templates.set(template.segments.length, list);
    }
  }

  /** The operation for `method` on the percent-encoded `path`, or why there is none. */
  match(method: string, path: string): Operation | { refusal: string; unknownRoute: boolean } {
    const raw = path.split('/').slice(1);
    const candidates: { template: Template; values: Record<string, string> }[] = [];
    for (const template of this.templates.get(raw.length) ?? []) {
      const values = matchSegments(template.segments, raw);
      if (values !== undefined) candidates.push({ template, values });
    }
    if (candidates.length === 0)
      return { refusal: `no such route in GitHub's REST description (${this.name})`, unknownRoute: true };
    // Literal segments win over parameters: /issues/comments is not issue number "comments".
    candidates.sort((a, b) => compareRank(b.template.rank, a.template.rank));
    const chosen = candidates.find((candidate) => candidate.template.methods[method.toLowerCase()]);
    if (chosen === undefined) {
      const best = candidates[0]?.template;
      const methods = Object.keys(best?.methods ?? {}).map((entry) => entry.toUpperCase());
      return {
        refusal: `GitHub has no ${method} on ${best?.path} (only ${methods.join(', ')})`,
        unknownRoute: false,
      };
    }
    const spec = chosen.template.methods[method.toLowerCase()] as OperationSpec;
    const parameters = [...chosen.template.shared, ...(spec.parameters ?? [])].map((entry) =>
      this.parameter(entry),
    );
    return {
      description: this,
      label: `${method} ${chosen.template.path}`,
      spec,
      parameters,
      pathValues: chosen.values,
    };
  }

  /** Path parameters of the declared type and enum; only declared query parameters, typed, required ones present. */
  checkParameters(operation: Operation, search: URLSearchParams): string[] {
    const violations: string[] = [];
    const values: { path: Record<string, unknown>; query: Record<string, unknown> } = { path: {}, query: {} };
    for (const [name, text] of Object.entries(operation.pathValues)) {
      const parameter = operation.parameters.find((entry) => entry.in === 'path' && entry.name === name);
      values.path[name] = typed([text], this.resolve(parameter?.schema));
    }
    const names = new Set([...search.keys()].map((name) => name.replace(/\[\]$/, '')));
    for (const name of names) {
      const parameter = operation.parameters.find((entry) => entry.in === 'query' && entry.name === name);
      if (parameter === undefined) {
        violations.push(`query.${name}: not a parameter of ${operation.label}`);
        continue;
      }
      values.query[name] = typed(
        [...search.getAll(name), ...search.getAll(`${name}[]`)],
        this.resolve(parameter.schema),
      );
    }
    const validate = this.validator(`${operation.label} parameters`, () =>
      parametersSchema(operation.parameters),
    );
    if (!validate(values)) violations.push(...render('', validate.errors));
    return violations;
  }

  /** The JSON body against the operation's request body schema; a body where none is declared. */
  checkBody(operation: Operation, body: unknown): string[] {
    const declared = operation.spec.requestBody;
    const json = jsonContent(declared);
    if (declared === undefined) {
      const empty = body === undefined || body === '' || (isObject(body) && Object.keys(body).length === 0);
      return empty ? [] : [`body: ${operation.label} takes no body`];
    }
    if (json === undefined) return []; // text/plain, octet-stream: not ours to parse.
    if (body === undefined) return declared.required === true ? ['body: is required'] : [];
    const schema = json.schema ?? {};
    const validate = this.validator(`${operation.label} body`, () => schema);
    const violations = validate(body) ? [] : render('body', validate.errors);
    // GitHub ignores a field it does not know, so a sender that relies on one is mistaken.
    const fields = this.resolve(schema);
    if (isObject(body) && isPlainObjectSchema(fields)) {
      const known = fields.properties as Schema;
      for (const key of Object.keys(body))
        if (!(key in known)) violations.push(`body.${key}: not a field of ${operation.label}`);
    }
    return violations;
  }

  /** The status is declared (or a `default` is), and a JSON body matches that status's schema. */
  checkResponse(operation: Operation, status: number, body: unknown): string[] {
    const responses = operation.spec.responses;
    let response = responses[String(status)] ?? responses.default;
    if (response === undefined && UNDECLARED[operation.label]?.has(status)) {
      const validate = this.validator('validation-error', () => ({
        $ref: '#/components/schemas/validation-error-simple',
      }));
      return validate(body) ? [] : render('body', validate.errors);
    }
    if (response === undefined && ANY_OPERATION.has(status)) {
      const validate = this.validator('basic-error', () => ({ $ref: '#/components/schemas/basic-error' }));
      return validate(body) ? [] : render('body', validate.errors);
    }
    if (response === undefined) {
      const declared = Object.keys(responses).join(', ');
      return [`not a status of ${operation.label} (it declares ${declared})`];
    }
    if (response.$ref !== undefined)
      response = this.document.components.responses[refName(response.$ref)] ?? {};
    if (status === 204 || status === 304) return [];
    const json = jsonContent(response);
    if (json?.schema === undefined) return [];
    if (body === undefined) return ['body: missing, a JSON body is declared'];
    // An error body that may be one of several error schemas (409 of PUT …/contents: `basic-error`
    // or `repository-rule-violation-error`) matches them all, their fields being optional: any
    // one of them is what GitHub means, not exactly one.
    const declared = json.schema;
    const schema = status >= 400 && declared.oneOf !== undefined ? { anyOf: declared.oneOf } : declared;
    const validate = this.validator(`${operation.label} ${status}`, () => schema);
    return validate(body) ? [] : render('body', validate.errors);
  }

  private validator(key: string, schema: () => Schema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const local = structuredClone(schema());
      allowNull(local);
      validate = this.ajv.compile(pointRefsAtComponents(local) as Schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private parameter(entry: Parameter | Ref): Parameter {
    if ('$ref' in entry) {
      const found = this.document.components.parameters[refName(entry.$ref)];
      if (found === undefined) throw new Error(`${this.name}: no parameter ${entry.$ref}`);
      return found;
    }
    return entry;
  }

  /** A schema with its top-level $ref followed into the components (for its type and fields). */
  private resolve(schema: Schema | undefined): Schema | undefined {
    let current = schema;
    for (let depth = 0; typeof current?.$ref === 'string' && depth < 10; depth++)
      current = this.document.components.schemas[refName(current.$ref)];
    return current;
  }
}

function parseTemplate(path: string, item: Record<string, OperationSpec | (Parameter | Ref)[]>): Template {
  const segments: Segment[] = path
    .split('/')
    .slice(1)
    .map((segment) => {
      const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((found) => found[1] as string);
      if (names.length === 0) return { literal: segment };
      const source = segment
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('([^/]+?)');
      return { names, pattern: new RegExp(`^${source}$`) };
    });
  const methods: Record<string, OperationSpec> = {};
  for (const [key, value] of Object.entries(item))
    if (key !== 'parameters' && !Array.isArray(value)) methods[key] = value;
  return {
    path,
    segments,
    rank: segments.map((segment) =>
      'literal' in segment ? 2 : segment.pattern.source === '^([^/]+?)$' ? 0 : 1,
    ),
    methods,
    shared: Array.isArray(item.parameters) ? item.parameters : [],
  };
}

/** Path parameters as sent: one percent-encoded segment each. */
function matchSegments(segments: Segment[], raw: string[]): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const text = raw[index] ?? '';
    if ('literal' in segment) {
      if (segment.literal !== text) return undefined;
      continue;
    }
    const found = segment.pattern.exec(text);
    if (found === null) return undefined;
    for (const [n, name] of segment.names.entries()) values[name] = safeDecode(found[n + 1] ?? '');
  }
  return values;
}

function compareRank(a: number[], b: number[]): number {
  for (const [index, rank] of a.entries()) if (rank !== b[index]) return rank - (b[index] ?? 0);
  return 0;
}

function parametersSchema(parameters: Parameter[]): Schema {
  const part = (where: 'path' | 'query'): Schema => {
    const own = parameters.filter((parameter) => parameter.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(own.map((parameter) => [parameter.name, parameter.schema ?? {}])),
      required: own.filter((parameter) => parameter.required === true).map((parameter) => parameter.name),
    };
  };
  return { type: 'object', properties: { path: part('path'), query: part('query') } };
}

/** Query and path values are text: read them as the declared type, so Ajv checks them as GitHub would. */
function typed(values: string[], schema: Schema | undefined): unknown {
  const type = schema?.type;
  if (type === 'array') {
    const items = (schema?.items ?? {}) as Schema;
    return values.flatMap((value) => value.split(',')).map((value) => scalar(value, items.type));
  }
  return scalar(values.at(-1) ?? '', type);
}

function scalar(text: string, type: unknown): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function jsonContent(declared: Content | undefined): { schema?: Schema } | undefined {
  const content = declared?.content ?? {};
  const type = Object.keys(content).find((key) => key === 'application/json' || /[+/]json$/.test(key));
  return type === undefined ? undefined : content[type];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object schema whose fields are all listed (no combinators, no additionalProperties). */
function isPlainObjectSchema(schema: Schema | undefined): schema is Schema & { properties: Schema } {
  return (
    schema !== undefined &&
    isObject(schema.properties) &&
    schema.additionalProperties === undefined &&
    schema.oneOf === undefined &&
    schema.anyOf === undefined &&
    schema.allOf === undefined
  );
}

/**
 * OpenAPI 3.0's `nullable: true` lets null through. Ajv honours it only beside `type` and not past
 * an `enum` without null, and GitHub's description has both (`account`, `conclusion`): so null is
 * added to such enums, and an untyped nullable schema becomes `anyOf: [null, the schema]`.
 */
function allowNull(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNull(item);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node))
    if (key !== 'example' && key !== 'examples' && key !== 'default' && key !== 'enum') allowNull(value);
  if (node.nullable !== true) return;
  if (node.type === undefined) {
    const { nullable: _nullable, ...rest } = node;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [{ type: 'null' }, rest];
  } else if (Array.isArray(node.enum) && !node.enum.includes(null)) {
    node.enum = [...node.enum, null];
  }
}

/** An operation's own schemas point at `#/components/…` of the document, registered as `github`. */
function pointRefsAtComponents(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefsAtComponents);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? [key, `github${value}`]
        : [key, pointRefsAtComponents(value)],
    ),
  );
}

function render(root: string, errors: ErrorObject[] | null | undefined): string[] {
  const all = errors ?? [];
  // A value of none of a oneOf's types reads as one line, `must be string or integer`, not three.
  const alternatives = new Map<ErrorObject, string[]>();
  const folded = new Set<ErrorObject>();
  for (const choice of all.filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')) {
    const branches = all.filter(
      (error) =>
        error.keyword === 'type' &&
        error.instancePath === choice.instancePath &&
        error.schemaPath.startsWith(`${choice.schemaPath}/`),
    );
    for (const branch of branches) folded.add(branch);
    alternatives.set(
      choice,
      branches.map((branch) => String((branch.params as { type: unknown }).type)),
    );
  }
  const messages = all
    .filter((error) => !folded.has(error))
    .map((error) => {
      const path = [
        root,
        ...error.instancePath
          .split('/')
          .slice(1)
          .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')),
      ]
        .filter((part) => part !== '')
        .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
        .join('');
      const where = path === '' ? root || 'value' : path;
      const params = error.params as Record<string, unknown>;
      const types = alternatives.get(error) ?? [];
      if (types.length > 0 && types.length === (error.schema as unknown[]).length)
        return `${where}: must be ${types.join(' or ')}`;
      if (error.keyword === 'required') return `${where}.${String(params.missingProperty)}: is required`;
      if (error.keyword === 'enum')
        return `${where}: must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')} (got ${JSON.stringify(error.data)})`;
      return `${where}: ${error.message}`;
    });
  const unique = [...new Set(messages)];
  return unique.length > MOST_ERRORS
    ? [...unique.slice(0, MOST_ERRORS), `… and ${unique.length - MOST_ERRORS} more`]
    : unique;
}

function refName(ref: string): string {
  return ref.split('/').at(-1) ?? '';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// ajv-formats is CommonJS: under Node's ESM loader its plugin is the default export itself.
function addFormats(ajv: Ajv): void {
  const plugin = formatsPlugin as unknown as { default?: typeof formatsPlugin } & typeof formatsPlugin;
  (plugin.default ?? plugin)(ajv);
}
