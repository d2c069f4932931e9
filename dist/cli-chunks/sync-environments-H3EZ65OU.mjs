#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  parseRepositoryName,
  readApiUrls,
  readToken
} from "./chunk-E2NGQWWR.mjs";
import {
  checkPositionals,
  loadTextFile,
  parseChoice,
  parseCommandArgs,
  parseText,
  writeWarning
} from "./chunk-KJCRXWLB.mjs";
import {
  CliError,
  UsageError
} from "./chunk-LE7G67SP.mjs";
import {
  matchesAnyGlob,
  readReviewerGroup
} from "./chunk-M37EBWUR.mjs";
import {
  createGitHubClient
} from "./chunk-KV42ITB5.mjs";
import {
  loadFile,
  loadPolicy
} from "./chunk-GDGY43PI.mjs";
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import {
  MAX_ENVIRONMENT_REVIEWERS,
  formatPolicyProblem,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends
} from "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/cli/commands/sync-environments.ts
import { resolve } from "node:path";

// src/github/environment-sync/errors.ts
var EnvironmentSyncError = class extends Error {
  name = "EnvironmentSyncError";
  problems;
  constructor(problems) {
    super(problems.join("\n"));
    this.problems = problems;
  }
};
async function guard(doing, need, request, notFound) {
  try {
    return await request();
  } catch (error) {
    if (notFound !== void 0 && readStatus(error) === 404)
      throw new EnvironmentSyncError([`${doing}: ${notFound}`]);
    throw refusal(error, doing, need);
  }
}
var PERMISSION = {
  read: "the Administration repository permission (read to plan, write to apply)",
  write: "the Administration repository permission with write access (a classic token: the repo scope, and admin on the repository)",
  user: "read access to public user profiles",
  team: "the Members organization permission (read)"
};
function refusal(error, doing, need) {
  const status = readStatus(error);
  if (status === 401)
    return new EnvironmentSyncError([
      `${doing}: GitHub refused the token (401): set GITHUB_TOKEN to a valid token`
    ]);
  if (status === 403 || status === 404) {
    const asked = acceptedPermissions(error);
    return new EnvironmentSyncError([
      `${doing}: GitHub denied it (${describeRequestError(error)}): the token needs ${PERMISSION[need]}${asked === void 0 ? "" : ` (GitHub asks for ${asked})`}`
    ]);
  }
  return new EnvironmentSyncError([`${doing}: ${describeRequestError(error)}`]);
}
function acceptedPermissions(error) {
  const response = error.response;
  const header = response?.headers?.["x-accepted-github-permissions"];
  return typeof header === "string" && header !== "" ? header : void 0;
}
function quote(name) {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
}

// src/github/environment-sync/plan.ts
function createEnvironmentTargets(policy, options = {}) {
  const targets = [];
  const problems = [];
  for (const [name, environment] of Object.entries(policy.environments)) {
    const written = options.declared?.[name];
    const isSet = (key, isDefault) => written === void 0 ? !isDefault : written[key] !== void 0;
    const target = { name };
    const rules = policy.rules.filter(
      (rule) => rule.if.environments !== void 0 && matchesAnyGlob(name, rule.if.environments)
    );
    const groups = [...environment.reviewers, ...rules.flatMap((rule) => rule.reviewers)];
    const entries = [
      ...new Set(groups.flatMap((group) => readReviewerGroup(policy, group) ?? []).map(lower))
    ];
    if (entries.length > MAX_ENVIRONMENT_REVIEWERS) {
      const from = [
        ...environment.reviewers.length > 0 ? [`environments.${quote(name)}.reviewers`] : [],
        ...rules.map((rule) => `rule ${rule.name}`)
      ];
      problems.push(
        `${quote(name)}: ${entries.length} required reviewers (${entries.join(", ")}) from ${from.join(" and ")}; GitHub allows at most ${MAX_ENVIRONMENT_REVIEWERS} per environment: name a team instead of its members, or fewer people`
      );
    }
    if (entries.length > 0) target.reviewers = entries;
    if (isSet("prevent_self_review", !environment.preventSelfReview))
      target.preventSelfReview = environment.preventSelfReview;
    if (isSet("wait_timer", environment.waitTimer === 0)) target.waitTimer = environment.waitTimer;
    if (environment.branches.length > 0) target.branches = [...new Set(environment.branches)];
    if (isSet("gate", !environment.gate)) {
      target.gate = environment.gate;
      if (environment.gate && options.app === void 0) {
        problems.push(
          `${quote(name)}: gate is true, so Gatehouse's App must be enabled as its custom protection rule: pass --app SLUG|ID to name the App`
        );
      }
    }
    targets.push(target);
  }
  return { targets, problems };
}
async function planEnvironmentSync(github, repository, policy, options = {}) {
  const { targets, problems } = createEnvironmentTargets(policy, options);
  if (problems.length > 0) throw new EnvironmentSyncError(problems);
  const reviewers = await loadReviewers(github, [
    ...new Set(targets.flatMap((target) => target.reviewers ?? []))
  ]);
  const environments = [];
  for (const target of targets) {
    const current = await loadEnvironment(github, repository, target);
    environments.push(
      await planEnvironment(github, repository, target, current, {
        reviewers,
        ...options.app === void 0 ? {} : { app: options.app }
      })
    );
  }
  return { environments };
}
var ENVIRONMENT = "/repos/{owner}/{repo}/environments/{environment_name}";
async function loadEnvironment(github, repository, target) {
  const where = { ...repository, environment_name: target.name };
  const read = `reading environment ${quote(target.name)} of ${repository.owner}/${repository.repo}`;
  let data;
  try {
    data = (await github.request(`GET ${ENVIRONMENT}`, where)).data;
  } catch (error) {
    if (readStatus(error) === 404) return void 0;
    throw refusal(error, read, "read");
  }
  const current = readEnvironment(data);
  if (target.branches !== void 0 && current.branchPolicy?.custom_branch_policies === true) {
    const policies = await guard(
      read,
      "read",
      () => github.paginate(`GET ${ENVIRONMENT}/deployment-branch-policies`, { ...where, per_page: 100 })
    );
    current.branchPolicies = policies.filter((policy) => policy.type !== "tag" && typeof policy.id === "number").map((policy) => ({ id: policy.id, name: policy.name ?? "" }));
  }
  if (target.gate !== void 0) {
    const { data: rules } = await guard(
      read,
      "read",
      () => github.request(`GET ${ENVIRONMENT}/deployment_protection_rules`, where)
    );
    current.protectionRules = (rules.custom_deployment_protection_rules ?? []).map((rule) => ({
      id: rule.id,
      app: { id: rule.app.id, slug: rule.app.slug }
    }));
  }
  return current;
}
function readEnvironment(data) {
  const environment = data ?? {};
  const current = {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: readBranchPolicySetting(environment.deployment_branch_policy),
    branchPolicies: [],
    protectionRules: []
  };
  const rules = Array.isArray(environment.protection_rules) ? environment.protection_rules : [];
  for (const rule of rules) {
    if (rule.type === "wait_timer" && typeof rule.wait_timer === "number")
      current.waitTimer = rule.wait_timer;
    if (rule.type !== "required_reviewers") continue;
    current.preventSelfReview = rule.prevent_self_review === true;
    const reviewers = Array.isArray(rule.reviewers) ? rule.reviewers : [];
    for (const { type, reviewer } of reviewers) {
      const account = reviewer ?? {};
      if (type !== "User" && type !== "Team" || typeof account.id !== "number") continue;
      current.reviewers.push({ type, id: account.id, name: reviewerName(type, account) });
    }
  }
  return current;
}
function readBranchPolicySetting(value) {
  if (value === null || typeof value !== "object") return null;
  const setting = value;
  return {
    protected_branches: setting.protected_branches === true,
    custom_branch_policies: setting.custom_branch_policies === true
  };
}
function reviewerName(type, account) {
  if (type === "User") return typeof account.login === "string" ? account.login : `user ${account.id}`;
  const url = typeof account.html_url === "string" ? account.html_url : "";
  const team = /\/orgs\/([^/]+)\/teams\/([^/]+)$/.exec(url);
  if (team) return `@${team[1]}/${team[2]}`;
  return typeof account.slug === "string" ? `@${account.slug}` : `team ${account.id}`;
}
async function loadReviewers(github, entries) {
  const reviewers = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    if (entry.startsWith("@")) {
      const [org = "", slug = ""] = entry.slice(1).split("/");
      const team = await guard(
        `reading team ${entry}`,
        "team",
        () => github.request("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug }),
        `there is no team ${entry}, or the token cannot see it: the token needs the Members: read organization permission on ${org}`
      );
      reviewers.set(entry, { type: "Team", id: team.data.id, name: entry });
    } else {
      const user = await guard(
        `reading user ${entry}`,
        "user",
        () => github.request("GET /users/{username}", { username: entry }),
        `there is no GitHub account ${entry}: fix the login in the policy's reviewers`
      );
      if (user.data.type === "Organization")
        throw new EnvironmentSyncError([
          `${entry} is an organization, not a person: name a team of it as @${entry}/team instead`
        ]);
      reviewers.set(entry, { type: "User", id: Number(user.data.id), name: entry });
    }
  }
  return reviewers;
}
async function planEnvironment(github, repository, target, current, known) {
  const changes = [];
  const settings = current ? {
    wait_timer: current.waitTimer,
    prevent_self_review: current.preventSelfReview,
    reviewers: current.reviewers.map(({ type, id }) => ({ type, id })),
    deployment_branch_policy: current.branchPolicy
  } : {};
  if (current === void 0) changes.push({ kind: "create_environment" });
  const was = current ?? {
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: null,
    branchPolicies: [],
    protectionRules: []
  };
  let settingsChanged = current === void 0;
  if (target.waitTimer !== void 0) {
    settings.wait_timer = target.waitTimer;
    if (target.waitTimer !== was.waitTimer) {
      changes.push({ kind: "wait_timer", from: was.waitTimer, to: target.waitTimer });
      settingsChanged = true;
    }
  }
  if (target.preventSelfReview !== void 0) {
    settings.prevent_self_review = target.preventSelfReview;
    if (target.preventSelfReview !== was.preventSelfReview) {
      changes.push({
        kind: "prevent_self_review",
        from: was.preventSelfReview,
        to: target.preventSelfReview
      });
      settingsChanged = true;
    }
  }
  if (target.reviewers !== void 0) {
    const wanted = uniqueReviewers(
      target.reviewers.map((entry) => known.reviewers.get(entry)).filter((reviewer) => reviewer !== void 0)
    );
    const key = (reviewer) => `${reviewer.type}:${reviewer.id}`;
    const have = new Set(was.reviewers.map(key));
    const keep = new Set(wanted.map(key));
    const removed = was.reviewers.filter((reviewer) => !keep.has(key(reviewer)));
    const added = wanted.filter((reviewer) => !have.has(key(reviewer)));
    for (const reviewer of removed) changes.push({ kind: "remove_reviewer", reviewer });
    for (const reviewer of added) changes.push({ kind: "add_reviewer", reviewer });
    settings.reviewers = wanted.map(({ type, id }) => ({ type, id }));
    if (removed.length > 0 || added.length > 0) settingsChanged = true;
  }
  if (target.branches !== void 0) {
    const custom = { protected_branches: false, custom_branch_policies: true };
    settings.deployment_branch_policy = custom;
    if (was.branchPolicy?.custom_branch_policies !== true) {
      changes.push({ kind: "deployment_branch_policy", from: was.branchPolicy, to: custom });
      settingsChanged = true;
    }
    const wanted = new Set(target.branches);
    for (const policy of was.branchPolicies)
      if (!wanted.has(policy.name))
        changes.push({ kind: "remove_branch_policy", name: policy.name, id: policy.id });
    const have = new Set(was.branchPolicies.map((policy) => policy.name));
    for (const name of target.branches)
      if (!have.has(name)) changes.push({ kind: "add_branch_policy", name });
  }
  if (target.gate !== void 0) {
    const change = await planProtectionRule(
      github,
      repository,
      target,
      was,
      current !== void 0,
      known.app
    );
    if (change !== void 0) changes.push(change);
  }
  return {
    name: target.name,
    exists: current !== void 0,
    changes,
    ...settingsChanged ? { settings } : {}
  };
}
async function planProtectionRule(github, repository, target, was, exists, app) {
  const ours = was.protectionRules.find((rule) => app !== void 0 && isApp(rule.app, app));
  if (target.gate === true) {
    if (ours !== void 0 || app === void 0) return void 0;
    if (typeof app === "number") return { kind: "enable_protection_rule", app: { id: app } };
    const identity = exists ? await loadApp(github, repository, target.name, app) : { slug: app };
    return { kind: "enable_protection_rule", app: identity };
  }
  if (was.protectionRules.length === 0) return void 0;
  if (app === void 0) {
    const apps = was.protectionRules.map((rule) => rule.app.slug).join(", ");
    throw new EnvironmentSyncError([
      `${quote(target.name)}: gate is false and the environment has custom protection rules (${apps}): pass --app SLUG|ID to say which of them is Gatehouse's`
    ]);
  }
  return ours === void 0 ? void 0 : { kind: "disable_protection_rule", app: ours.app, ruleId: ours.id };
}
function isApp(candidate, app) {
  return typeof app === "number" ? candidate.id === app : candidate.slug.toLowerCase() === app.toLowerCase();
}
async function loadApp(github, repository, environment, slug) {
  const apps = await guard(
    `listing the protection rule apps of environment ${quote(environment)}`,
    "write",
    () => github.paginate(`GET ${ENVIRONMENT}/deployment_protection_rules/apps`, {
      ...repository,
      environment_name: environment,
      per_page: 100
    })
  );
  const found = apps.find((candidate) => isApp({ id: candidate.id ?? 0, slug: candidate.slug ?? "" }, slug));
  if (found?.id === void 0) {
    const offered = apps.map((candidate) => candidate.slug).join(", ") || "none";
    throw new EnvironmentSyncError([
      `--app ${slug}: no such App can protect environment ${quote(environment)} of ${repository.owner}/${repository.repo} (available: ${offered}); install the App on the repository, or pass its numeric id`
    ]);
  }
  return { id: found.id, slug: found.slug ?? slug };
}
function uniqueReviewers(reviewers) {
  const seen = /* @__PURE__ */ new Set();
  return reviewers.filter((reviewer) => {
    const key = `${reviewer.type}:${reviewer.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function lower(entry) {
  return entry.toLowerCase();
}

// src/github/environment-sync/render.ts
function countEnvironmentChanges(plan) {
  return plan.environments.reduce((sum, environment) => sum + environment.changes.length, 0);
}
function renderEnvironmentSyncPlan(plan) {
  const lines = plan.environments.flatMap(
    (environment) => environment.changes.map((change) => renderChange(change, quote(environment.name)))
  );
  return lines.length === 0 ? "nothing to change\n" : `${lines.join("\n")}
`;
}
function renderChange(change, name) {
  switch (change.kind) {
    case "create_environment":
      return `+ ${name}: create environment`;
    case "wait_timer":
      return `~ ${name}: wait_timer ${change.from} \u2192 ${change.to}`;
    case "prevent_self_review":
      return `~ ${name}: prevent_self_review ${change.from} \u2192 ${change.to}`;
    case "add_reviewer":
      return `+ ${name}: required reviewer ${change.reviewer.name}`;
    case "remove_reviewer":
      return `- ${name}: required reviewer ${change.reviewer.name}`;
    case "deployment_branch_policy":
      return `~ ${name}: deployment branches ${describeBranchPolicy(change.from)} \u2192 ${describeBranchPolicy(change.to)}`;
    case "add_branch_policy":
      return `+ ${name}: deployment branch ${change.name}`;
    case "remove_branch_policy":
      return `- ${name}: deployment branch ${change.name}`;
    case "enable_protection_rule":
      return `+ ${name}: custom protection rule ${describeApp(change.app)}`;
    case "disable_protection_rule":
      return `- ${name}: custom protection rule ${describeApp(change.app)}`;
  }
}
function describeBranchPolicy(setting) {
  if (setting === null) return "all";
  return setting.custom_branch_policies ? "selected" : "protected";
}
function describeApp(app) {
  if (app.slug !== void 0 && app.id !== void 0) return `${app.slug} (app ${app.id})`;
  return app.slug ?? `app ${app.id}`;
}

// src/github/environment-sync/apply.ts
async function applyEnvironmentSync(github, repository, plan) {
  const result = { applied: 0, environments: 0 };
  const total = countEnvironmentChanges(plan);
  for (const environment of plan.environments) {
    if (environment.changes.length === 0) continue;
    try {
      await applyEnvironment(github, repository, environment, (done) => {
        result.applied += done;
      });
    } catch (error) {
      const problems = error instanceof EnvironmentSyncError ? error.problems : [String(error)];
      throw new EnvironmentSyncError([
        ...problems,
        `${result.applied} of ${total} changes were applied before this; run the sync again to finish`
      ]);
    }
    result.environments += 1;
  }
  return result;
}
async function applyEnvironment(github, repository, plan, onApplied) {
  const where = { ...repository, environment_name: plan.name };
  const name = quote(plan.name);
  const settingsChanges = plan.changes.filter((change) => SETTINGS_CHANGES.has(change.kind)).length;
  if (plan.settings !== void 0) {
    const settings = plan.settings;
    await guard(
      `updating environment ${name}`,
      "write",
      () => github.request(`PUT ${ENVIRONMENT}`, { ...where, ...settings })
    );
    onApplied(settingsChanges);
  }
  for (const change of plan.changes) {
    switch (change.kind) {
      case "remove_branch_policy":
        await guard(
          `removing branch policy ${change.name} of ${name}`,
          "write",
          () => github.request(`DELETE ${ENVIRONMENT}/deployment-branch-policies/{branch_policy_id}`, {
            ...where,
            branch_policy_id: change.id
          })
        );
        break;
      case "add_branch_policy":
        await guard(
          `adding branch policy ${change.name} to ${name}`,
          "write",
          () => github.request(`POST ${ENVIRONMENT}/deployment-branch-policies`, {
            ...where,
            name: change.name,
            type: "branch"
          })
        );
        break;
      case "enable_protection_rule": {
        const app = change.app.id === void 0 ? await loadApp(github, repository, plan.name, change.app.slug ?? "") : change.app;
        await guard(
          `enabling ${describeApp(app)} on ${name}`,
          "write",
          () => github.request(`POST ${ENVIRONMENT}/deployment_protection_rules`, {
            ...where,
            integration_id: app.id
          })
        );
        break;
      }
      case "disable_protection_rule":
        await guard(
          `disabling ${describeApp(change.app)} on ${name}`,
          "write",
          () => github.request(`DELETE ${ENVIRONMENT}/deployment_protection_rules/{protection_rule_id}`, {
            ...where,
            protection_rule_id: change.ruleId
          })
        );
        break;
      default:
        continue;
    }
    onApplied(1);
  }
}
var SETTINGS_CHANGES = /* @__PURE__ */ new Set([
  "create_environment",
  "wait_timer",
  "prevent_self_review",
  "add_reviewer",
  "remove_reviewer",
  "deployment_branch_policy"
]);

// src/cli/commands/sync-environments.ts
var FORMATS = ["md", "json"];
var syncEnvironmentsCommand = {
  name: "sync-environments",
  usage: "gatehouse sync-environments --repo OWNER/NAME [--config FILE] [--ref REF] [--app SLUG|ID] [--dry-run] [--format md|json]",
  help: `Compares the protection of each environment under environments: in the policy with what GitHub
has, prints the changes (+ added, - removed, ~ changed), and applies them. Only what the policy
sets is managed; a setting it leaves out stays as it is. Required reviewers are the environment's
reviewers: groups plus the reviewers of every rule whose if.environments matches it, so GitHub's
"Review deployments" button asks the same people as /approve. See docs/environment-sync.md.

Needs GITHUB_TOKEN (or GH_TOKEN): a fine-grained token with the Administration permission on the
repository (read for --dry-run, write to apply), and Members: read on the organization when the
policy names teams. GITHUB_API_URL points at GitHub Enterprise Server.

Options:
  --repo OWNER/NAME    the repository whose environments are synced (required)
  --config FILE        use this local policy file instead of the repository's ${DEFAULT_CONFIG_PATH}
  --ref REF            read ${DEFAULT_CONFIG_PATH} from this branch, tag or SHA (default: the
                       repository's default branch)
  --app SLUG|ID        Gatehouse's GitHub App, enabled as the custom deployment protection rule
                       where gate: true (and disabled where gate: false); required by gate: true
  --dry-run            print the changes and apply nothing
  --format md|json     the changes as lines for people (default) or as JSON

Exit codes: 0 synced (or nothing to change), 1 invalid policy or a request GitHub refused,
2 usage error.`,
  async run(args, io) {
    const options = parseSyncOptions(args);
    const name = `${options.repository.owner}/${options.repository.repo}`;
    const github = createClient(io, name);
    const loaded = await loadSyncPolicy(github, options, io);
    if (loaded === void 0) return 1;
    if (Object.keys(loaded.policy.environments).length === 0) {
      io.stderr.write(`gatehouse: ${loaded.shownAs} has no environments: nothing to sync
`);
      return 0;
    }
    const plan = await synced(
      () => planEnvironmentSync(github, options.repository, loaded.policy, {
        ...options.app === void 0 ? {} : { app: options.app },
        ...loaded.declared === void 0 ? {} : { declared: loaded.declared }
      })
    );
    const changes = countEnvironmentChanges(plan);
    io.stdout.write(
      options.format === "json" ? renderJson(name, plan, options.dryRun) : renderEnvironmentSyncPlan(plan)
    );
    if (changes === 0) return 0;
    if (options.dryRun) {
      io.stderr.write(`gatehouse: dry run: ${count(changes, "change")} to ${name} not applied
`);
      return 0;
    }
    const result = await synced(() => applyEnvironmentSync(github, options.repository, plan));
    io.stderr.write(
      `gatehouse: applied ${count(result.applied, "change")} to ${count(result.environments, "environment")} of ${name}
`
    );
    return 0;
  }
};
function parseSyncOptions(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      repo: { type: "string" },
      config: { type: "string" },
      ref: { type: "string" },
      app: { type: "string" },
      "dry-run": { type: "boolean" },
      format: { type: "string" }
    },
    allowPositionals: true,
    strict: true
  });
  checkPositionals(positionals, 0);
  const repo = parseText("repo", values.repo);
  if (repo === void 0) throw new UsageError("--repo OWNER/NAME is required: the repository to sync");
  const config = parseText("config", values.config);
  const ref = parseText("ref", values.ref);
  if (config !== void 0 && ref !== void 0)
    throw new UsageError("--config and --ref exclude each other: read the policy from a file or from a ref");
  const app = parseApp(parseText("app", values.app));
  const options = {
    repository: parseRepository(repo),
    dryRun: values["dry-run"] === true,
    format: parseChoice("format", values.format, FORMATS) ?? "md"
  };
  if (config !== void 0) options.config = config;
  if (ref !== void 0) options.ref = ref;
  if (app !== void 0) options.app = app;
  return options;
}
function parseRepository(value) {
  const name = parseRepositoryName(value);
  if (name === void 0)
    throw new UsageError(`--repo must be OWNER/NAME, such as acme/shop, got "${value}"`);
  return name;
}
function parseApp(value) {
  if (value === void 0) return void 0;
  if (/^[1-9]\d{0,11}$/.test(value)) return Number(value);
  if (/^[a-z0-9][a-z0-9-]*$/i.test(value)) return value;
  throw new UsageError(
    `--app must be the App's slug (as in github.com/apps/SLUG) or numeric id, got "${value}"`
  );
}
function createClient(io, name) {
  const token = readToken(io.env);
  if (token === void 0) {
    throw new CliError(
      `sync-environments changes ${name} through the GitHub API: set GITHUB_TOKEN (or GH_TOKEN) to a token with the Administration permission on it (read for --dry-run, write to apply)`
    );
  }
  const { baseUrl } = readApiUrls(io.env);
  const warn = (message) => writeWarning(io, message);
  return createGitHubClient({
    auth: token,
    // A sync makes a handful of writes, one after another; spacing each a second apart (GitHub's
    // advice for bulk writes) would only slow it down. Rate limits are still waited out (capped).
    spaceWrites: false,
    ...baseUrl === void 0 ? {} : { baseUrl },
    // Rate-limit waits and give-ups are worth a line on stderr; request chatter is not.
    log: { debug: ignore, info: ignore, warn, error: warn }
  });
}
function ignore() {
}
async function synced(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EnvironmentSyncError) throw new CliError(error.problems.join("\ngatehouse: "));
    throw error;
  }
}
async function loadDefaultBranch(github, repository) {
  const name = `${repository.owner}/${repository.repo}`;
  try {
    const { data } = await github.request("GET /repos/{owner}/{repo}", { ...repository });
    return data.default_branch;
  } catch (error) {
    const status = readStatus(error);
    if (status === 404)
      throw new CliError(
        `${name}: no such repository, or the token cannot read it (GitHub answers 404 for both)`
      );
    if (status === 401)
      throw new CliError(`GitHub refused the token (401): set GITHUB_TOKEN to a token that can read ${name}`);
    throw new CliError(`reading ${name} from GitHub failed: ${describeRequestError(error)}`);
  }
}
async function loadSyncPolicy(github, options, io) {
  const defaultBranch = await loadDefaultBranch(github, options.repository);
  if (options.config !== void 0) return loadLocalPolicy(github, options.config, io);
  const ref = options.ref ?? defaultBranch;
  const name = `${options.repository.owner}/${options.repository.repo}`;
  const loaded = await loadPolicy(github, {
    ...options.repository,
    defaultBranch,
    ref,
    path: DEFAULT_CONFIG_PATH
  });
  switch (loaded.state) {
    case "absent":
      io.stderr.write(
        `gatehouse: ${name} has no ${DEFAULT_CONFIG_PATH} on ${ref}: nothing to sync (or pass --config FILE)
`
      );
      return void 0;
    case "unreadable":
      throw new CliError(`cannot read the policy of ${name}: ${loaded.error}`);
    case "invalid":
      return printProblems(loaded.problems, io);
    case "valid":
      return {
        policy: loaded.policy,
        ...loaded.document.environments === void 0 ? {} : { declared: loaded.document.environments },
        shownAs: `${name}:${DEFAULT_CONFIG_PATH}@${ref}`
      };
  }
}
async function loadLocalPolicy(github, config, io) {
  const text = await loadTextFile(resolve(io.cwd, config), config);
  const extended = readExtends(text);
  const target = extended === void 0 ? void 0 : parseExtendsTarget(extended);
  let base;
  if (target !== void 0 && !("error" in target)) {
    const baseFile = `${target.owner}/${target.repo}:${target.path}`;
    const file = await loadFile(github, target);
    if (file.kind !== "file") {
      const why = file.kind === "missing" ? "not found" : file.kind === "error" ? file.error : file.reason;
      throw new CliError(`${config}: extends: ${baseFile}: ${why}`);
    }
    const document = parsePolicyDocument(file.text, { file: baseFile });
    if (!document.ok) return printProblems(document.problems, io);
    base = document.document;
  }
  const parsed = parsePolicy(text, base === void 0 ? { file: config } : { file: config, base });
  if (!parsed.ok) return printProblems(parsed.problems, io);
  return {
    policy: parsed.policy,
    shownAs: config,
    ...parsed.document.environments === void 0 ? {} : { declared: parsed.document.environments }
  };
}
function printProblems(problems, io) {
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}
`);
  io.stderr.write(
    `gatehouse: the policy is invalid (${count(problems.length, "problem")}): nothing was synced
`
  );
  return void 0;
}
function renderJson(repository, plan, dryRun) {
  return `${JSON.stringify({ repository, dryRun, changes: countEnvironmentChanges(plan), ...plan }, null, 2)}
`;
}
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
export {
  syncEnvironmentsCommand
};
