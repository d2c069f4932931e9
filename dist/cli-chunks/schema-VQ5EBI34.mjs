#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  checkPositionals,
  parseCommandArgs
} from "./chunk-KJCRXWLB.mjs";
import "./chunk-LE7G67SP.mjs";
import {
  POLICY_DEFAULTS
} from "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import {
  policySchema
} from "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/core/json-schema.ts
var POLICY_SCHEMA_ID = "https://raw.githubusercontent.com/gatehouse/gatehouse/main/docs/gatehouse.schema.json";
var SCHEMA_DEFAULTS = [
  ["mode", POLICY_DEFAULTS.mode],
  ["allow", POLICY_DEFAULTS.allow],
  ["defaults.approvals", POLICY_DEFAULTS.defaults.approvals],
  ["defaults.on_timeout", POLICY_DEFAULTS.defaults.on_timeout],
  ["defaults.invalidate_on_push", POLICY_DEFAULTS.defaults.invalidate_on_push],
  ["defaults.allow_self_approval", POLICY_DEFAULTS.defaults.allow_self_approval],
  ["defaults.allow_bots", POLICY_DEFAULTS.defaults.allow_bots],
  ["rules.[].level", POLICY_DEFAULTS.rule.level],
  ["specs.paths", POLICY_DEFAULTS.specs.paths],
  ["log.branch", POLICY_DEFAULTS.log.branch],
  ["log.path", POLICY_DEFAULTS.log.path],
  ["log.check_runs", POLICY_DEFAULTS.log.check_runs],
  ["queue.max_pending", POLICY_DEFAULTS.queue.max_pending],
  ["thresholds.cost.notify", POLICY_DEFAULTS.thresholds.cost.notify],
  ["thresholds.cost.approve", POLICY_DEFAULTS.thresholds.cost.approve]
];
var SCHEMA_DESCRIPTIONS = [
  [
    "rules",
    "Risk rules, in order. Every rule whose predicates match applies; see docs/configuration.md#rules."
  ],
  ["environments", "Environments by name, with the protection Gatehouse keeps in sync with GitHub."],
  ["specs", "Spec files: approval artifacts that a PR adds or changes."],
  ["log", "The decision log: one Markdown file per decision, committed to its own branch."],
  ["queue", "Limits on pending requests."],
  ["thresholds.cost", "Where the cost factor (USD) moves from proceed to notify to approve."]
];
function createPolicyJsonSchema() {
  const { $schema, title, description, ...rest } = external_exports.toJSONSchema(policySchema, {
    io: "input"
  });
  const schema = { $schema, $id: POLICY_SCHEMA_ID, title, description, ...rest };
  for (const [path, value] of SCHEMA_DEFAULTS) schemaAt(schema, path).default = value;
  for (const [path, description2] of SCHEMA_DESCRIPTIONS) {
    const node = schemaAt(schema, path);
    node.description ??= description2;
  }
  return schema;
}
function renderPolicyJsonSchema(schema = createPolicyJsonSchema()) {
  return `${JSON.stringify(schema, null, 2)}
`;
}
function schemaAt(schema, path) {
  let node = schema;
  for (const segment of path.split(".")) {
    if (segment === "[]") node = asSchema(node?.items);
    else if (segment === "*") node = asSchema(node?.additionalProperties);
    else node = asSchema(asSchema(node?.properties)?.[segment]);
  }
  if (node === void 0) throw new Error(`no key ${path} in the policy schema`);
  return node;
}
function asSchema(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}

// src/cli/commands/schema.ts
var schemaCommand = {
  name: "schema",
  usage: "gatehouse schema",
  help: `Prints the JSON Schema of .github/gatehouse.yml, generated from the same
schema that validate, the App and the Action use. Point an editor at it for completion:

  gatehouse schema > gatehouse.schema.json
  # yaml-language-server: $schema=./gatehouse.schema.json   (first line of the policy file)

Exit codes: 0 printed, 2 usage error.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs({ args, options: {}, allowPositionals: true, strict: true });
    checkPositionals(positionals, 0);
    io.stdout.write(renderPolicyJsonSchema());
    return 0;
  }
};
export {
  schemaCommand
};
