// `gatehouse plan`: what Gatehouse would gate on this local change and the request it would post,
// offline. Load (git, files) → build the request and facts → evaluate with the engine → render.
// The policy comes from the default branch (origin/HEAD, else main, else master), exactly as the
// App reads it from the repository's default branch, whatever branch the change would merge into.
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { mayNameExtends } from '../../core/extends-mention.ts';
import type { Facts, Policy, PriorDecision } from '../../core/model.ts';
import type { Plan, PlanPolicySource } from '../../core/plan.ts';
import type { PolicyDocument, PolicyProblem } from '../../core/policy.ts';
import { DEFAULT_CONFIG_PATH, DEFAULT_LOG_BRANCH } from '../../core/registry.ts';
import type { ParsedSpec, SpecProblem } from '../../core/spec.ts';
import {
  decisionLogRefs,
  type LocalRepository,
  loadConfigValues,
  loadDecisionLog,
  loadDiffedFiles,
  loadHeadCommit,
  loadMergeBase,
  loadRepository,
  loadUntrackedFiles,
  mergeChangedFiles,
  pickDecisionLogCommit,
} from '../../local/git.ts';
import type { ParsedPolicyCache } from '../../local/parsed-policy-cache.ts';
import { createRefResolver, type RefResolver } from '../../local/ref-resolver.ts';
import {
  CliError,
  type Command,
  checkPositionals,
  type Io,
  loadTextFile,
  parseChoice,
  parseCommandArgs,
  parseText,
} from '../command.ts';

const FORMATS = ['text', 'md', 'json'] as const;

type Engine = typeof import('./plan-engine.ts');

const RENDERERS: Record<PlanOptions['format'], (plan: Plan, engine: Engine) => string> = {
  text: (plan, engine) => engine.renderPlanText(plan),
  md: (plan, engine) => engine.renderPlanMarkdown(plan),
  json: (plan) => `${JSON.stringify(plan, null, 2)}\n`,
};

/** Tried in order when --base is not given. */
const DEFAULT_BASES = ['origin/HEAD', 'main', 'master'] as const;

interface PlanOptions {
  spec?: string;
  base?: string;
  environment?: string;
  kind?: string;
  config?: string;
  extendsFile?: string;
  format: (typeof FORMATS)[number];
}

export const planCommand: Command = {
  name: 'plan',
  usage:
    'gatehouse plan [--spec FILE] [--base REF] [--environment ENV] [--kind KIND] [--config FILE] [--extends-file FILE] [--format text|md|json]',
  help: `Evaluates the gate a pull request from this working tree would get, offline: the changed
files are everything that differs from the merge base with the base ref (commits, staged and
unstaged edits) plus untracked files that are not ignored, so you can plan before committing.

The policy is read from the default branch (origin/HEAD, else main, else master:
${DEFAULT_CONFIG_PATH} as committed there), as Gatehouse reads it from the repository's default
branch whatever the base, so no branch can relax its own gate or another's. Spec files are the changed
files under the policy's specs.paths, read from the working tree. Precedent comes from the local
gatehouse-log branch (or origin/gatehouse-log). Nothing is fetched; no token is needed.

Options:
  --base REF           the branch the change would merge into (default: origin/HEAD, else main,
                       else master)
  --spec FILE          read this spec file too (any path), as if the change added it; with
                       several specs the request is built from the first by path, as Gatehouse does
  --environment ENV    plan the deployment gate for this environment instead of the PR gate
  --kind KIND          the action kind (deploy, migration, docs, …); overrides a spec's kind:
  --config FILE        use this policy file instead of the default branch's, to try a policy change
  --extends-file FILE  a local copy of the policy that extends: names (nothing is fetched)
  --format F           text (default: plain text to read in a terminal), md (the same as
                       Markdown, for a job summary or a comment) or json (described in
                       docs/cli.md)

Exit codes: 0 planned (whatever the tier), 1 invalid policy or a file that cannot be read,
2 usage error.`,
  async run(args, io) {
    const options = parsePlanOptions(args);
    // Each git command is a process: those that need no other's answer start at once, from the
    // current folder, while the top level resolves (an error there still comes first). Errors
    // surface in the order a reader expects (the repository, HEAD, the base, their merge base).
    const here: LocalRepository = { dir: io.cwd, env: io.env };
    const repoPromise = loadRepository(io.cwd, io.env);
    const untrackedPromise = started(loadUntrackedFiles(here));
    const headPromise = started(loadHeadCommit(here));
    const refs = createRefResolver(here, {
      refs: options.base === undefined ? DEFAULT_BASES : [options.base, ...DEFAULT_BASES],
      // The policy of each candidate in the same process: one of them is the default branch.
      path: options.config === undefined ? DEFAULT_CONFIG_PATH : undefined,
      // And the decision log's refs, as most policies name it: the log is read with no wait for them.
      commitsOnly: decisionLogRefs(DEFAULT_LOG_BRANCH),
    });
    const baseCommitPromise = started(findBaseCommit(refs, options.base));
    const basePromise = started(baseCommitPromise.then((found) => nameBase(refs, found)));
    // The engine loads while git answers (the processes above started first).
    const enginePromise = started(import('./plan-engine.ts'));
    const repo = await repoPromise;
    if (repo === undefined) {
      throw new CliError(
        'not inside a git repository: plan reads the changes of a local clone; run it there',
      );
    }
    // The default branch is looked for while the base resolves (with --base they often differ).
    const policyPromise = started(
      resolveDefaultBase(refs, basePromise, options.base).then(async (policyBase) => {
        const loaded = await loadPolicy(
          repo,
          policyBase,
          options,
          io.cwd,
          await openPolicyCache(repo, io.env, await enginePromise),
          refs,
        );
        // The decision log is read as soon as the policy names it, while git lists the changes.
        const history =
          'policy' in loaded && loaded.policy !== undefined
            ? started(loadHistory(repo, refs, loaded.policy, loaded.notes))
            : undefined;
        return { policyBase, loaded, history };
      }),
    );
    const head = await headPromise;
    if (head === undefined)
      throw new CliError('HEAD has no commit yet: commit something (or check out a branch) first');
    // The merge base is asked while git names the base's branch.
    const mergeBasePromise = started(
      baseCommitPromise.then((found) => loadMergeBase(repo, found.sha, head.sha)),
    );
    const base = await basePromise;
    const mergeBase = await mergeBasePromise;
    if (mergeBase === undefined)
      throw new CliError(`${base.ref} and HEAD have no commit in common: name the base with --base REF`);
    const changedPromise = started(loadDiffedFiles(repo, mergeBase));
    // Needed last: spawned after the processes the diff waited on, so as not to delay them.
    const configPromise = started(loadConfigValues(repo, ['user.name', 'remote.origin.url']));
    const { policyBase, loaded, history: historyPromise } = await policyPromise;
    // While git lists the changes: the rules' globs, which the evaluation would compile after.
    const engine = await enginePromise;
    if ('policy' in loaded && loaded.policy !== undefined) engine.compilePathRules(loaded.policy);
    const [changed, untracked] = await Promise.all([changedPromise, untrackedPromise]);
    const paths = mergeChangedFiles(changed, untracked);
    if ('problems' in loaded) return printProblems(loaded.problems, io);
    const { source, policy, notes } = loaded;
    const context = {
      repository: repositoryName(repo, (await configPromise)['remote.origin.url']),
      base: { ref: base.ref, branch: base.branch, sha: base.sha, mergeBase },
      head: { sha: head.sha },
      policySource: source,
      files: { paths, complete: true },
    };
    if (policy === undefined) {
      writePlan(engine.createPlan({ ...context, specs: [], notes, policy: undefined }), options, io, engine);
      return 0;
    }

    const [specs, history] = await Promise.all([
      loadSpecs(repo, policy, paths, options.spec, io, engine),
      historyPromise ?? loadHistory(repo, refs, policy, notes),
    ]);
    const now = io.now().toISOString();
    const userName = (await configPromise)['user.name'];
    const author = { id: 0, login: userName ?? 'you', type: 'User' };
    const parsed = specs.map((entry) => entry.spec);
    const artifact = [...parsed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
    const request = engine.createPullRequestRequest(
      {
        repository: context.repository,
        // No pull request exists yet; the number is not part of what is asked or hashed.
        number: 0,
        title: artifact?.action?.text ?? head.subject,
        body: head.body,
        author,
        headSha: head.sha,
        baseRef: base.branch,
        // Into another base than the default branch: the check Gatehouse would publish is named for it.
        ...(base.branch === policyBase.branch ? {} : { into: base.branch }),
        labels: [],
        files: { paths, complete: true },
      },
      parsed,
      options.environment,
    );
    if (options.kind !== undefined) request.kind = options.kind;
    const facts: Facts = {
      head: { sha: head.sha, since: now },
      statements: [],
      permissions: {},
      teams: {},
      selfIds: [],
      requestedAt: now,
      ...(history.decisions === undefined ? {} : { history: history.decisions }),
    };
    const result = engine.evaluateGate(policy, request, facts, now);
    const plan = engine.createPlan({
      ...context,
      specs: specs.map(({ spec, problems }) => ({ path: spec.path, problems })),
      log: history.log,
      notes,
      policy,
      request,
      result,
      now,
    });
    writePlan(plan, options, io, engine);
    return 0;
  },
};

interface PolicyCache {
  build: string;
  parsed: ParsedPolicyCache;
}

/**
 * The cache of parsed policies (src/local/parsed-policy-cache.ts), for a build that says which it
 * is (the bundle carries build-id.txt beside its chunks; the sources do not, and parse each time)
 * and a cache folder outside the working tree.
 */
async function openPolicyCache(
  repo: LocalRepository,
  env: Io['env'],
  engine: Engine,
): Promise<PolicyCache | undefined> {
  const build = await readFile(new URL('./build-id.txt', import.meta.url), 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  const dir = engine.resolveCacheDir(env);
  // A cache inside the working tree would be an untracked file, and so a change of the next plan.
  const inside =
    dir !== undefined && !relative(repo.dir, dir).startsWith('..') && !isAbsolute(relative(repo.dir, dir));
  return build === '' || dir === undefined || inside
    ? undefined
    : { build, parsed: engine.createParsedPolicyCache(dir, repo.dir) };
}

/** The promise itself, marked as handled: it is awaited later, after others that may fail first. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function parsePlanOptions(args: string[]): PlanOptions {
  const { values, positionals } = parseCommandArgs({
    args,
    options: {
      spec: { type: 'string' },
      base: { type: 'string' },
      environment: { type: 'string' },
      kind: { type: 'string' },
      config: { type: 'string' },
      'extends-file': { type: 'string' },
      format: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  checkPositionals(positionals, 0);
  const options: PlanOptions = { format: parseChoice('format', values.format, FORMATS) ?? 'text' };
  const texts = {
    spec: parseText('spec', values.spec),
    base: parseText('base', values.base),
    environment: parseText('environment', values.environment),
    kind: parseText('kind', values.kind),
    config: parseText('config', values.config),
    extendsFile: parseText('extends-file', values['extends-file']),
  };
  for (const [key, value] of Object.entries(texts) as [keyof typeof texts, string | undefined][]) {
    if (value !== undefined) options[key] = value;
  }
  return options;
}

/** Notes on stderr, the plan on stdout (so `--format json` output is only JSON). */
function writePlan(plan: Plan, options: PlanOptions, io: Io, engine: Engine): void {
  for (const note of plan.notes) io.stderr.write(`gatehouse: note: ${note}\n`);
  io.stdout.write(RENDERERS[options.format](plan, engine));
}

interface Base {
  /** As the user named it, or the default that resolved. */
  ref: string;
  /** The branch a pull request would target. */
  branch: string;
  sha: string;
}

async function resolveBase(refs: RefResolver, given: string | undefined): Promise<Base> {
  return nameBase(refs, await findBaseCommit(refs, given));
}

/** The first candidate that names a commit (the merge base needs no more than its commit). */
async function findBaseCommit(
  refs: RefResolver,
  given: string | undefined,
): Promise<{ ref: string; sha: string }> {
  const candidates = given === undefined ? DEFAULT_BASES : [given];
  for (const ref of candidates) {
    const sha = await refs.commit(ref);
    if (sha !== undefined) return { ref, sha };
  }
  throw new CliError(
    given === undefined
      ? `no base branch: none of ${DEFAULT_BASES.join(', ')} exists here; name the branch the change would merge into with --base REF`
      : `--base ${given}: no such branch or commit here (fetch it, or name another with --base REF)`,
  );
}

/** The branch of a ref that exists: asked beside the commit, a missing origin/HEAD would cost a process. */
async function nameBase(refs: RefResolver, found: { ref: string; sha: string }): Promise<Base> {
  const branch = await refs.branch(found.ref);
  return { ref: found.ref === 'origin/HEAD' ? `origin/${branch}` : found.ref, branch, sha: found.sha };
}

/**
 * The default branch, where the policy is read: the base itself unless --base named another; then
 * origin/HEAD, main or master, or --base's when the clone has none of them.
 */
async function resolveDefaultBase(
  refs: RefResolver,
  base: Promise<Base>,
  given: string | undefined,
): Promise<Base> {
  if (given === undefined) return base;
  try {
    return await resolveBase(refs, undefined);
  } catch {
    return base;
  }
}

function describeSource(source: PlanPolicySource): string {
  return source.kind === 'base' ? `${source.ref}:${source.path}` : source.path;
}

type LoadedPolicy = { source: PlanPolicySource; policy: Policy | undefined; notes: string[] };
type PolicyProblems = { problems: PolicyProblem[] };

// The policy parser and the spec parser (with the YAML and schema libraries under them) are loaded
// only when there is something to parse: a plan whose policy is cached starts without them.
const loadPolicyParser = () => import('../../core/policy.ts');
const loadSpecParser = () => import('../../core/spec.ts');

/** The default branch's policy (or --config's), parsed, or its problems for the caller to print. */
async function loadPolicy(
  repo: LocalRepository,
  base: Base,
  options: PlanOptions,
  cwd: string,
  cache: PolicyCache | undefined,
  refs: RefResolver,
): Promise<LoadedPolicy | PolicyProblems> {
  const source: PlanPolicySource =
    options.config === undefined
      ? { kind: 'base', ref: base.ref, path: DEFAULT_CONFIG_PATH }
      : { kind: 'file', path: options.config };
  const text =
    options.config === undefined
      ? await refs.file(base.sha, DEFAULT_CONFIG_PATH)
      : await loadTextFile(resolve(cwd, options.config), options.config);
  const notes: string[] = [];
  if (options.config === undefined) {
    const note = await compareWorkingTreePolicy(repo, base, text);
    if (note !== undefined) notes.push(note);
  }
  if (text === undefined) return { source, policy: undefined, notes };

  const file = describeSource(source);
  const target = mayNameExtends(text) ? (await loadPolicyParser()).readExtends(text) : undefined;
  let baseDocument: PolicyDocument | undefined;
  if (target !== undefined && options.extendsFile !== undefined) {
    const { parsePolicyDocument } = await loadPolicyParser();
    const extended = parsePolicyDocument(
      await loadTextFile(resolve(cwd, options.extendsFile), options.extendsFile),
      {
        file: options.extendsFile,
      },
    );
    if (!extended.ok) return { problems: extended.problems };
    baseDocument = extended.document;
  } else if (target !== undefined) {
    notes.push(
      `extends: ${target} was not merged (nothing is fetched offline): the plan uses ${file} on its own; pass --extends-file FILE with a copy of it`,
    );
  }
  // A policy merged with its extends: base is parsed each time (the base file is not in the key).
  const key = { text, file, defaultBranch: base.branch, build: cache?.build ?? '' };
  const cached = baseDocument === undefined ? cache?.parsed.load(key) : undefined;
  if (cached !== undefined) return { source, policy: cached, notes };
  const { parsePolicy } = await loadPolicyParser();
  const parsed = parsePolicy(
    text,
    baseDocument === undefined
      ? { file, defaultBranch: base.branch }
      : { file, base: baseDocument, defaultBranch: base.branch },
  );
  if (!parsed.ok) return { problems: parsed.problems };
  if (baseDocument === undefined) cache?.parsed.save(key, parsed.policy);
  return { source, policy: parsed.policy, notes };
}

/**
 * A note when the working tree's policy is not the one the plan reads: not committed on the
 * default branch yet (the usual first hour), or edited. The default branch's is used either way.
 */
async function compareWorkingTreePolicy(
  repo: LocalRepository,
  base: Base,
  committed: string | undefined,
): Promise<string | undefined> {
  const local = await readFile(join(repo.dir, DEFAULT_CONFIG_PATH), 'utf8').catch(() => undefined);
  if (local === undefined || local === committed) return undefined;
  const tryIt = `--config ${DEFAULT_CONFIG_PATH}`;
  return committed === undefined
    ? `${DEFAULT_CONFIG_PATH} is in your working tree but not committed on ${base.ref} yet, and Gatehouse reads the policy from ${base.ref}: commit it and merge it into ${base.branch}, or try this copy now with ${tryIt}`
    : `${DEFAULT_CONFIG_PATH} in your working tree differs from ${base.ref}'s; the plan uses ${base.ref}'s, as Gatehouse would (try yours with ${tryIt})`;
}

/** Every problem of an invalid policy on stderr; exit code 1. */
async function printProblems(problems: PolicyProblems['problems'], io: Io): Promise<number> {
  const { formatPolicyProblem } = await loadPolicyParser();
  for (const problem of problems) io.stderr.write(`${formatPolicyProblem(problem)}\n`);
  return 1;
}

/** Changed files under `specs.paths`, from the working tree, and the --spec file. */
async function loadSpecs(
  repo: LocalRepository,
  policy: Policy,
  paths: readonly string[],
  forced: string | undefined,
  io: Io,
  engine: Engine,
): Promise<{ spec: ParsedSpec; problems: SpecProblem[] }[]> {
  const texts = new Map<string, string>();
  for (const path of engine.matchFiles(
    engine.createPathRule(policy.specs.paths),
    engine.createFileIndex(paths),
  )) {
    const text = await readFile(join(repo.dir, path), 'utf8').catch(() => undefined);
    // A deleted spec (or one that is not a file) asks for nothing.
    if (text !== undefined) texts.set(path, text);
  }
  if (forced !== undefined) {
    const absolute = resolve(io.cwd, forced);
    const text = await loadTextFile(absolute, forced);
    texts.set(await toRepositoryPath(repo, absolute, forced), text);
  }
  const { parseSpec } = texts.size === 0 ? { parseSpec: undefined } : await loadSpecParser();
  const specs = parseSpec === undefined ? [] : [...texts].map(([path, text]) => parseSpec(text, path));
  for (const { problems } of specs) {
    for (const problem of problems)
      io.stderr.write(`${problem.path}:${problem.line}:${problem.column} ${problem.message}\n`);
  }
  return specs;
}

/** A path relative to the repository top level when the file is inside it, else as given. */
async function toRepositoryPath(repo: LocalRepository, absolute: string, given: string): Promise<string> {
  const real = await realpath(absolute).catch(() => absolute);
  const inside = relative(repo.dir, real);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? given : inside.split(sep).join('/');
}

interface History {
  decisions: PriorDecision[] | undefined;
  log: { ref: string; records: number; malformed: number } | undefined;
}

/** Prior decisions from the local decision log; undefined (precedent `first_time`) without one. */
async function loadHistory(
  repo: LocalRepository,
  refs: RefResolver,
  policy: Policy,
  notes: string[],
): Promise<History> {
  const [local, remote] = decisionLogRefs(policy.log.branch);
  // The default log branch was asked with the base: no process of its own.
  const prefetched = refs.prefetched(local) && refs.prefetched(remote);
  const log = await loadDecisionLog(
    repo,
    policy.log,
    prefetched
      ? async (branch) => pickDecisionLogCommit(branch, await refs.commit(local), await refs.commit(remote))
      : undefined,
  );
  if (log === undefined) {
    notes.push(
      `no local decision log: precedent counts as first_time (git fetch origin ${policy.log.branch}:${policy.log.branch})`,
    );
    return { decisions: undefined, log: undefined };
  }
  if (log.malformed.length > 0) {
    const count = log.malformed.length;
    notes.push(
      `skipped ${count} malformed decision ${count === 1 ? 'record' : 'records'} in ${log.ref}:${policy.log.path} (first: ${log.malformed[0]?.path})`,
    );
  }
  const decisions = log.records.map((record): PriorDecision => {
    const prior: PriorDecision = {
      id: record.id,
      decision: record.decision,
      rules: [...record.rules],
      at: record.times.decided_at,
      requestHash: record.request.hash,
    };
    if (record.request.kind !== undefined) prior.kind = record.request.kind;
    if (record.subject.pull_request !== undefined) prior.pullRequest = record.subject.pull_request;
    if (record.subject.target_branch !== undefined) prior.target = record.subject.target_branch;
    return prior;
  });
  return { decisions, log: { ref: log.ref, records: log.records.length, malformed: log.malformed.length } };
}

/** `https://host/owner/name(.git)`, `ssh://git@host/owner/name`, `git@host:owner/name.git`. */
const REMOTE_URL =
  /^(?:[a-z][\w+.-]*:\/\/(?:[^@/]+@)?[^/]+\/|[^@/:]+@[^:/]+:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i;

/** `owner/name` from the origin remote's URL, else `local/<folder>`. */
function repositoryName(repo: LocalRepository, url: string | undefined): string {
  const match = url === undefined ? null : REMOTE_URL.exec(url);
  if (match?.[1] !== undefined && match[2] !== undefined) return `${match[1]}/${match[2]}`;
  const folder = repo.dir.split(/[\\/]/).at(-1) ?? 'repository';
  return `local/${folder.replace(/[^\w.-]/g, '-') || 'repository'}`;
}
