// README.md's "Five minutes with the CLI", followed as a user follows it: the package installed
// with the README's npm command (the packed tarball standing for the registry), then every step in
// a new git repository outside the clone, with the README's own code blocks written and run. The
// blocks and the outputs the prose quotes are read from README.md, never copied here, so that the
// README cannot drift from what works.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { parsePolicy } from '../../src/core/policy.ts';
import { type CodeBlock, parseConsoleBlock, parseMarkdownSection } from '../support/markdown-code-blocks.ts';
import {
  createCleanEnv,
  installPackage,
  PROJECT_NODE_PATH,
  type ProcessRun,
  packPackage,
  runProcess,
} from './packed-package.ts';
import {
  commitOrphanBranch,
  createApprovedPullRequestRecord,
  createRepository,
  createTempDir,
  removeAll,
  type TestRepository,
} from './repository.ts';

const quickStart = parseMarkdownSection(readFileSync('README.md', 'utf8'), 'Five minutes with the CLI');

function blocksOf(info: string): CodeBlock[] {
  return quickStart.blocks.filter((block) => block.info === info);
}

/** What the README's prose says, matched by `pattern`'s first groups; fails when it no longer says it. */
function readmeSays(pattern: RegExp): string[] {
  const found = pattern.exec(quickStart.prose);
  if (found === null) throw new Error(`README's CLI quick start no longer says ${pattern}`);
  return found.slice(1).map((group) => group ?? '');
}

const [installBlock] = blocksOf('sh');
const [policyBlock] = blocksOf('yaml');
const [specBlock] = blocksOf('markdown');
const [validateBlock, planBlock, auditBlock] = blocksOf('console');
const POLICY_FILE = '.github/gatehouse.yml';

/** The README's policy as Gatehouse reads it: what the plan's rule, approvals and approvers come from. */
const readmePolicy = (() => {
  const parsed = parsePolicy(policyBlock?.code ?? '', { file: POLICY_FILE });
  if (!parsed.ok) throw new Error("README's policy is invalid");
  const [rule] = parsed.policy.rules;
  const [group = ''] = rule?.reviewers ?? [];
  return { rule, group, members: parsed.policy.reviewers[group]?.join(', ') };
})();

let repo: TestRepository;
let origin: TestRepository;
let env: Record<string, string | undefined> = {};

/** Runs a command line as the README shows it (no quoting in them: words split on spaces). */
function run(command: string): Promise<ProcessRun> {
  const [program = '', ...args] = command.trim().split(/\s+/);
  return runProcess(program, args, repo.dir, env);
}

function commands(block: CodeBlock | undefined) {
  if (block === undefined) throw new Error("a code block of README's CLI quick start is gone");
  return parseConsoleBlock(block);
}

beforeAll(async () => {
  const home = createTempDir('gatehouse-quick-start-');
  const { tarball } = await packPackage(home);
  const prefix = join(home, 'prefix');
  const [installLine = ''] = installBlock?.code.split('\n') ?? [];
  const install = await installPackage(
    installLine.replace(/#.*/, '').trim().split(/\s+/),
    tarball,
    prefix,
    createCleanEnv(PROJECT_NODE_PATH, home),
  );
  if (install.code !== 0) throw new Error(`${installLine}: ${install.err}`);

  origin = createRepository();
  repo = createRepository();
  repo.git(['remote', 'add', 'origin', origin.dir]);
  env = { ...repo.env, PATH: `${join(prefix, 'bin')}:${PROJECT_NODE_PATH}` };
});
afterAll(removeAll);

describe("README's five minutes with the CLI", () => {
  it('installs the command gatehouse with npm install -g gatehouse-cli', async () => {
    expect(installBlock?.code).toMatch(/^npm install -g gatehouse-cli\s/);
    expect(await run('gatehouse --version')).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
  });

  it('1. takes its policy in .github/gatehouse.yml, committed on main', () => {
    expect(readmeSays(/Write a policy\*\* in `([^`]+)`/)).toEqual([POLICY_FILE]);
    repo.write(POLICY_FILE, policyBlock?.code ?? '');
    repo.commit('Gate migrations with Gatehouse');
    expect(repo.git(['branch', '--show-current']).trim()).toBe('main');
  });

  it('2. validates it with the output shown, and reports the typo the README quotes with exit 1', async () => {
    for (const { command, output } of commands(validateBlock))
      expect(await run(command)).toEqual({ code: 0, out: output, err: '' });

    // The typo the message describes: the key `paths` written where `if.paths` belongs, on that line.
    const [message = '', exitCode] = readmeSays(/A typo gives `([^`]+)` and exit code (\d+)/);
    const [, file, line, column, key, parent] =
      /^(\S+):(\d+):(\d+) \S+: unknown key "(\w+)" \(did you mean "(\w+)\.\4"\?\)$/.exec(message) ?? [];
    expect(file).toBe(POLICY_FILE);
    const lines = (policyBlock?.code ?? '').split('\n');
    const typed = lines[Number(line) - 1] ?? '';
    const nested = new RegExp(`^(\\s*)${parent}: \\{ ${key}: (.*) \\}$`).exec(typed);
    expect(nested, `line ${line} of the README's policy holds ${parent}: { ${key}: … }`).not.toBeNull();
    expect(nested?.[1]?.length).toBe(Number(column) - 1);
    lines[Number(line) - 1] = `${nested?.[1]}${key}: ${nested?.[2]}`;
    repo.write(POLICY_FILE, lines.join('\n'));

    expect(await run('gatehouse validate')).toEqual({ code: Number(exitCode), out: '', err: `${message}\n` });
    repo.git(['checkout', '--', POLICY_FILE]);
  });

  it('3. plans a branch that adds the migration: tier, rule and file, approvers, what is missing, the request', async () => {
    const [migration = ''] = readmeSays(/On a branch with a commit that adds `([^`]+)`/);
    repo.git(['checkout', '--quiet', '-b', 'drop-status']);
    repo.write(migration, 'ALTER TABLE orders DROP COLUMN status;\n');
    const subject = 'Drop the orders.status column';
    repo.commit(subject);

    const [plan] = commands(planBlock);
    const { code, out } = await run(plan?.command ?? '');
    expect(code).toBe(0);
    expect(out).toMatch(/^Tier: approve · Level: approve · /m);

    const { rule, group, members } = readmePolicy;
    expect(out).toContain(
      `\n- ${rule?.name} (approve tier, approve level): paths: 1 changed file matches\n  - ${migration}\n`,
    );
    expect(out).toContain(
      `\nWho must approve\n----------------\n\n- ${rule?.name} (approve level) needs ${rule?.approvals} approvals from ${group} (${members})\n`,
    );
    const [lacking = ''] = readmeSays(/what the request still lacks \("([^"]+)"\)/);
    expect(out).toContain(lacking);
    const request = out.split('\nThe request Gatehouse would post:\n\n')[1] ?? '';
    const opening = `Not ready for approval — no rollback plan.\n\nAction requested\n\n${subject}\n`;
    expect(request.slice(0, opening.length)).toBe(opening);

    expect(readmeSays(/The policy comes from `(\w+)`/)).toEqual(['main']);
    expect(out).toContain("- Policy: the default branch's policy (base:main)");
    const [, config] = readmeSays(/(`(--config [^`]+)` tries your edited copy)/);
    const edited = await run(`${plan?.command} ${config}`);
    expect(edited.out).toContain(`- Policy: file:${POLICY_FILE}: a working-tree file, given with --config`);
    const [format] = readmeSays(/`(--format json)` gives a stable, documented shape/);
    const json = await run(`${plan?.command} ${format}`);
    expect(JSON.parse(json.out)).toMatchObject({ version: 1, gate: { check: 'gatehouse' } });
  });

  it('4. plans again with the spec added: its context, rollback plan and options, /approve b for the second', async () => {
    const [specFile = ''] = readmeSays(/Add `([^`]+)`: and plan again/);
    const spec = specBlock?.code ?? '';
    repo.write(specFile, spec);

    const [plan] = commands(planBlock);
    const { code, out } = await run(plan?.command ?? '');
    expect(code).toBe(0);
    const request = out.split('\nThe request Gatehouse would post:\n\n')[1] ?? '';
    const { rule, group } = readmePolicy;
    const action = /^action: (.*)$/m.exec(spec)?.[1];
    const opening = `Waiting for approval — 0 of ${rule?.approvals} approvals from ${group}.\n\nAction requested\n\n${action}\n`;
    expect(request.slice(0, opening.length)).toBe(opening);
    expect(out).not.toContain('Not ready');

    const section = (heading: string) => new RegExp(`^## ${heading}\\n([^#]*)`, 'm').exec(spec)?.[1]?.trim();
    expect(request).toContain(`\nContext\n\n${section('Context')}\n`);
    expect(request).toContain(`\nRollback plan\n\n${section('Rollback Plan')}\n`);
    const options = (section('Options') ?? '').split('\n').map((item) => item.replace(/^- /, ''));
    expect(options).toHaveLength(2);
    const [pick] = readmeSays(/\(`(\/approve b)` picks the second\)/);
    expect(request).toContain(
      `\n- a — ${options[0]} — pick with /approve a\n- b — ${options[1]} — pick with ${pick}\n`,
    );
  });

  it('5. prints the JSON Schema', async () => {
    const [command = ''] = readmeSays(/\*\*`(gatehouse schema)`\*\* prints the JSON Schema/);
    const { code, out, err } = await run(command);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Gatehouse policy',
    });
  });

  it('6. audits: before the first decision, says none are recorded yet and exits 0', async () => {
    const [said, exitCode] = readmeSays(/the audit says "([^"]+)" and exits (\d)/);
    const audits = commands(auditBlock).filter(({ command }) => command.startsWith('gatehouse '));
    expect(audits).toHaveLength(2);
    for (const { command } of audits) {
      const { code, err } = await run(command);
      expect(code).toBe(Number(exitCode));
      expect(err).toContain(`gatehouse: ${said} (no gatehouse-log branch in ${repo.dir})`);
    }
  });

  it('6. audits the decisions once recorded: fetched from origin, found by approver, written as HTML', async () => {
    // What the App commits when alice and a member of @acme/platform approve a migration, in October.
    const record = createApprovedPullRequestRecord({
      policy: policyBlock?.code ?? '',
      baseRef: 'main',
      paths: ['db/migrations/001_orders.sql'],
      approvers: [
        { id: 1, login: 'alice', at: '2026-10-05T10:00:00Z' },
        { id: 4, login: 'dave', at: '2026-10-05T10:30:00Z' },
      ],
      requestedAt: '2026-10-05T09:00:00Z',
      teams: { 'acme/platform': [4] },
    });
    commitOrphanBranch(origin, 'gatehouse-log', [record]);
    const [fetch, byApprover, html] = commands(auditBlock);

    expect((await run(fetch?.command ?? '')).code).toBe(0);

    const found = await run(byApprover?.command ?? '');
    expect({ code: found.code, err: found.err }).toEqual({ code: 0, err: '' });
    // Who approved what, when, on which commit.
    expect(found.out).toContain('- **Decisions:** 1 decision: 1 approved.');
    expect(found.out).toContain(
      '| 2026-10-05T10:30:00Z | approved | `gatehouse` | `111111111111` | #41 | `migrations` | `alice`, `dave` |',
    );

    const written = await run(html?.command ?? '');
    expect(written).toEqual({
      code: 0,
      out: '',
      err: 'gatehouse: wrote the audit of 1 file (0 findings) to audit.html\n',
    });
    expect(existsSync(join(repo.dir, 'audit.html'))).toBe(true);
    expect(readFileSync(join(repo.dir, 'audit.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});
