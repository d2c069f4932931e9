#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  DURATION_PATTERN
} from "./chunk-HJOLEIQ3.mjs";
import {
  external_exports
} from "./chunk-ICXAT5LR.mjs";
import {
  BLAST_RADIUS,
  LEVELS,
  MODES,
  ON_TIMEOUT,
  PRECEDENT,
  REQUIREMENTS,
  REVERSIBILITY,
  SENSITIVITY
} from "./chunk-5Q7N6AK2.mjs";

// src/core/policy-schema.ts
var duration = external_exports.string().regex(DURATION_PATTERN, "expected a duration such as 30m, 4h, 2d or 1h30m").meta({
  description: "A duration: a number and a unit (s, m, h, d, w), combinable: `30m`, `4h`, `1h30m`."
});
var nonEmptyString = external_exports.string().min(1, "expected a non-empty string");
var stringList = (what) => external_exports.array(nonEmptyString).min(1, `expected a non-empty list of ${what}`);
var groupList = stringList("reviewer group names").meta({
  description: "Names of groups defined under `reviewers:`."
});
var riskSchema = external_exports.strictObject({
  reversibility: external_exports.enum(REVERSIBILITY).optional().meta({
    description: "`revertible` (a git revert undoes it) proceeds, `config` notifies, `irreversible` (a migration) needs approval."
  }),
  blast_radius: external_exports.enum(BLAST_RADIUS).optional().meta({
    description: "`file` proceeds, `module` notifies, `production` needs approval."
  }),
  cost: external_exports.number().nonnegative().optional().meta({
    description: "Estimated cost in USD, tiered by `thresholds.cost`."
  }),
  sensitivity: external_exports.enum(SENSITIVITY).optional().meta({
    description: "`internal` proceeds, `customer_data` notifies, `credentials` and `payments` need approval."
  }),
  precedent: external_exports.enum(PRECEDENT).optional().meta({
    description: "`routine` proceeds, `first_time` notifies, `novel` needs approval. Gatehouse also computes it from the decision log."
  }),
  external: external_exports.boolean().optional().meta({
    description: "`true` when the action affects customers or outside APIs: needs approval."
  })
}).meta({ description: "Risk factor levels. The tier is the highest any factor gives." });
var predicatesSchema = external_exports.strictObject({
  paths: stringList("globs").optional().meta({
    description: "Changed files, as globs (`**` crosses folders, `!` excludes; every character of a path counts, newlines included). Matches when any changed file matches."
  }),
  labels: stringList("labels").optional().meta({ description: "Matches when the PR has any of these labels." }),
  environments: stringList("environment names").optional().meta({ description: "Matches deployment gates for any of these environments (globs)." }),
  branches: stringList("branch globs").optional().meta({
    description: "Matches when the target branch (the PR base, or the deployed ref) matches any of these globs."
  }),
  authors: stringList("logins or reviewer groups").optional().meta({
    description: "Matches when the PR author or requester is one of these logins or group members."
  }),
  kinds: stringList("action kinds").optional().meta({ description: "Matches requests of these action kinds." }),
  cost_over: external_exports.number().nonnegative().optional().meta({
    description: "Matches when the request states a cost (USD) above this."
  })
}).meta({ description: "Predicates. All given predicates must match; within a list, any entry matches." });
var gateOptionsShape = {
  approvals: external_exports.int().min(1).max(20).optional().meta({ description: "Distinct approvers needed (by user id)." }),
  timeout: duration.optional().meta({ description: "How long the gate waits for a decision." }),
  on_timeout: external_exports.enum(ON_TIMEOUT).optional().meta({
    description: "What happens at the deadline: `reject`, `escalate` (to `escalate_to`, with a second deadline), or `proceed` (only with `safe_default`)."
  }),
  escalate_to: groupList.optional().meta({ description: "Backup approver groups, asked when the deadline passes." }),
  safe_default: nonEmptyString.optional().meta({
    description: "The option (key or name) taken when nobody answers before the deadline. Required by `on_timeout: proceed`."
  })
};
var ruleSchema = external_exports.strictObject({
  name: external_exports.string().regex(/^[A-Za-z0-9][\w.-]*$/, "expected a name of letters, digits, `.`, `_` or `-`").meta({ description: "Unique name, shown to reviewers and written to decision records." }),
  description: nonEmptyString.optional().meta({ description: "Why this rule exists, shown in the request." }),
  if: predicatesSchema.optional(),
  risk: riskSchema.optional(),
  level: external_exports.enum(LEVELS).optional().meta({
    description: "`acknowledge` (one `/ack` from anyone allowed), `review` (one approval), `approve` (the full quorum). Default `approve`."
  }),
  reviewers: groupList.optional().meta({
    description: "Who may approve. Default: anyone with write permission."
  }),
  require: external_exports.array(external_exports.enum(REQUIREMENTS)).optional().meta({
    description: "What the request must contain before approval is asked. Default for level `approve`: `[action, rollback_plan]`."
  }),
  ...gateOptionsShape
}).meta({
  description: "A risk rule: when its predicates match, the request gets its risk, level and reviewers."
});
var globs = (what) => external_exports.union([nonEmptyString, stringList(what)], { error: `expected a glob or a non-empty list of ${what}` });
var actionMatchSchema = external_exports.strictObject({
  tool: globs("tool-name globs").optional().meta({
    description: "Globs on the tool's name (`Bash`, `Write`, `mcp__server__tool`). Default `Bash` when `command` is given."
  }),
  command: globs("command globs").optional().meta({
    description: "Globs on each simple command of a shell line, after quotes and prefixes (`sudo`, `env`, \u2026) are removed; `*` matches anything, spaces and `/` included: `psql *`, `git push *--force*`."
  }),
  path: globs("path globs").optional().meta({
    description: "Globs on the file the call writes or reads (`file_path`, `path`, `notebook_path`) and on shell redirection targets: `.env`, `**/.env`."
  }),
  url: globs("URL globs").optional().meta({ description: "Globs on the URL the call fetches: `https://api.stripe.com/**`." })
}).meta({
  description: "What the entry matches. All given keys must match; within a list, any glob matches."
});
var actionSchema = external_exports.strictObject({
  kind: external_exports.string().regex(/^[A-Za-z0-9][\w.-]*$/, "expected a kind of letters, digits, `.`, `_` or `-`").meta({
    description: "The action kind a matching tool call gets, as rules (`if.kinds`) and `allow` see it. `unknown` sets the risk of what cannot be followed."
  }),
  match: actionMatchSchema.optional(),
  risk: riskSchema.optional(),
  description: nonEmptyString.optional().meta({ description: "Shown to approvers." })
}).meta({
  description: "An agent action: tool calls that match get this kind and risk. A shell line's every simple command is matched; the riskiest wins."
});
var environmentSchema = external_exports.strictObject({
  reviewers: groupList.optional().meta({ description: "Required reviewers of the environment (GitHub allows 6)." }),
  prevent_self_review: external_exports.boolean().optional().meta({ description: "The person who started the run cannot approve." }),
  wait_timer: external_exports.int().min(0).max(43200).optional().meta({ description: "Minutes to wait before the job starts." }),
  branches: stringList("branch patterns").optional().meta({ description: "Branches (GitHub name patterns) allowed to deploy here." }),
  gate: external_exports.boolean().optional().meta({
    description: "Enable Gatehouse as the environment\u2019s custom deployment protection rule."
  })
}).meta({ description: "Environment protection that Gatehouse keeps in sync with GitHub." });
var policySchema = external_exports.strictObject({
  extends: nonEmptyString.optional().meta({
    description: "A policy to start from: `owner/repo` (reads `.github/gatehouse.yml` there) or `owner/repo:path`, read from that repository\u2019s default branch. Keys here override it; see docs/configuration.md#extends."
  }),
  mode: external_exports.enum(MODES).optional().meta({
    description: "`auto` never blocks (still records), `ask` gates by tier, `ask-once` is `ask` but skips kinds approved before for the same target branch (the App only: in the Action it works like `ask`), `always` gates everything. Default `ask`."
  }),
  allow: external_exports.array(nonEmptyString).optional().meta({
    description: "Action kinds that proceed in `ask` and `ask-once` mode (never past a matched rule)."
  }),
  reviewers: external_exports.record(
    external_exports.string().regex(/^[A-Za-z0-9][\w.-]*$/, "expected a group name of letters, digits, `.`, `_` or `-`"),
    stringList("logins or @org/team entries")
  ).optional().meta({ description: "Named reviewer groups: GitHub logins and `@org/team` entries." }),
  defaults: external_exports.strictObject({
    ...gateOptionsShape,
    invalidate_on_push: external_exports.boolean().optional().meta({
      description: "Approvals bind to the commit they were given for. Default `true`."
    }),
    allow_self_approval: external_exports.boolean().optional().meta({
      description: "Let the author, requester, deployment creator or last pusher approve. Default `false`."
    }),
    allow_bots: external_exports.boolean().optional().meta({ description: "Count approvals from Bot accounts. Default `false`." })
  }).optional().meta({ description: "Gate options that apply unless a rule overrides them." }),
  rules: external_exports.array(ruleSchema).optional(),
  actions: external_exports.array(actionSchema).optional().meta({
    description: "How coding agents' tool calls map to action kinds and risk (docs/agents.md#how-tool-calls-are-classified)."
  }),
  environments: external_exports.record(nonEmptyString, environmentSchema).optional(),
  specs: external_exports.strictObject({
    paths: stringList("globs").optional().meta({ description: "Where spec files live. Default `docs/specs/**/*.md`." })
  }).optional(),
  log: external_exports.strictObject({
    branch: nonEmptyString.optional().meta({
      description: "The decision-log branch. Default `gatehouse-log`. Never the default branch: a policy that names it is invalid."
    }),
    path: nonEmptyString.optional().meta({ description: "Folder of decision records. Default `decisions`." }),
    check_runs: external_exports.boolean().optional().meta({ description: "Also record decisions as check runs. Default `true`." })
  }).optional(),
  queue: external_exports.strictObject({
    max_pending: external_exports.int().min(1).max(1e3).optional().meta({
      description: "Pending requests per repository; beyond it the oldest expires. Default 50."
    })
  }).optional(),
  thresholds: external_exports.strictObject({
    cost: external_exports.strictObject({
      notify: external_exports.number().nonnegative().optional().meta({ description: "USD from which cost notifies. Default 0.10." }),
      approve: external_exports.number().nonnegative().optional().meta({
        description: "USD from which cost needs approval. Default 100."
      })
    }).optional()
  }).optional().meta({ description: "Factor thresholds." })
}).meta({ title: "Gatehouse policy", description: "The policy in `.github/gatehouse.yml`." });

export {
  riskSchema,
  policySchema
};
