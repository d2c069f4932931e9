import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { COMMANDS, run } from '../../src/cli/run.ts';
import { createPolicyJsonSchema } from '../../src/core/json-schema.ts';
import { createIo, createProjectRepository, createTempDir, removeAll } from './repository.ts';

/** Every command's module, loaded as `gatehouse <command>` loads it. */
const LOADED = await Promise.all(COMMANDS.map((entry) => entry.load()));

afterAll(removeAll);

async function gatehouse(args: string[]) {
  const io = createIo(createTempDir(), { PATH: process.env.PATH });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('the gatehouse command line', () => {
  it.each([['--version'], ['-v'], ['-V'], ['version']])(
    'prints the package version with %s',
    async (flag) => {
      expect(await gatehouse([flag])).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
    },
  );

  it('lists the commands with --help and exits 0', async () => {
    const { code, out } = await gatehouse(['--help']);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "usage: gatehouse <command> [options]

      Commands:
        validate           check a policy file offline
        plan               show what would be gated on the local change, and the request Gatehouse would post
        audit              check and summarise the decision records of the gatehouse-log branch
        sync-environments  apply the policy's environments: (reviewers, wait timer, branches, gate) to GitHub
        ask                ask for approval on GitHub before doing something (an agent or a script)
        status             read (or wait for) the decision on an agent's approval request
        hook               Claude Code's PreToolUse/PostToolUse hook: gate an agent's tool calls on GitHub
        mcp                serve request_approval and get_approval to an agent (an MCP server on stdio)
        schema             print the JSON Schema of .github/gatehouse.yml

      Run gatehouse <command> --help (or gatehouse help <command>) for its options.
      Global options: --help (-h), --version (-V), --debug (the stack trace of an unexpected error).
      validate, plan, schema and audit --git run offline from the local repository (no network, no
      token); audit --repo, sync-environments, ask, status, hook and mcp use the GitHub API
      (GITHUB_TOKEN).
      "
    `);
  });

  it('prints the usage on stderr and exits 2 without a command', async () => {
    const { code, out, err } = await gatehouse([]);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.split('\n')[0]).toBe('usage: gatehouse <command> [options]');
  });

  it('exits 2 for an unknown command, naming it', async () => {
    const { code, err } = await gatehouse(['aprove']);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('gatehouse: unknown command "aprove"');
  });

  describe('when a command is mistyped', () => {
    it('suggests the closest command and exits 2', async () => {
      const { code, out, err } = await gatehouse(['valdate']);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.split('\n')[0]).toBe('gatehouse: unknown command "valdate" (did you mean "validate"?)');
    });

    it('suggests the closest command for help <command> too', async () => {
      const { code, out, err } = await gatehouse(['help', 'adit']);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.split('\n')[0]).toBe('gatehouse: unknown command "adit" (did you mean "audit"?)');
    });

    it('suggests the closest global option', async () => {
      const { code, err } = await gatehouse(['--verison']);
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe('gatehouse: unknown option --verison (did you mean --version?)');
    });
  });

  describe('when an option of a command is mistyped', () => {
    it('suggests the closest option of that command, with its usage, and exits 2', async () => {
      expect(await gatehouse(['plan', '--confg', 'x.yml'])).toEqual({
        code: 2,
        out: '',
        err: `gatehouse plan: unknown option --confg (did you mean --config?)\nusage: ${LOADED[1]?.usage}\n`,
      });
    });

    it('suggests nothing when no option is close', async () => {
      const { code, err } = await gatehouse(['audit', '--everything']);
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe('gatehouse audit: unknown option --everything');
    });
  });

  it('lists each command under the name its module answers to', () => {
    expect(LOADED.map((command) => command.name)).toEqual(COMMANDS.map((entry) => entry.name));
  });

  it.each(COMMANDS.map((command) => [command.name]))(
    'prints the help of %s with --help and with help <command>',
    async (name) => {
      const command = LOADED.find((candidate) => candidate.name === name);
      const expected = `usage: ${command?.usage}\n\n${command?.help}\n`;
      expect(await gatehouse([name, '--help'])).toEqual({ code: 0, out: expected, err: '' });
      expect(await gatehouse(['help', name])).toEqual({ code: 0, out: expected, err: '' });
    },
  );

  describe.each(LOADED.map((command) => [command.name, command] as const))(
    'the help of %s',
    (_name, command) => {
      const options = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g));

      it('describes every option its usage line names, and names no other', () => {
        const described = [...options(command.help)].filter((option) => !option.startsWith('--help'));
        expect(new Set(described)).toEqual(options(command.usage));
      });

      it.each([...new Set(command.usage.match(/--[a-z][a-z-]*/g))].map((option) => [option]))(
        'takes %s',
        async (option) => {
          const { err } = await gatehouse([command.name, option]);
          expect(err).not.toMatch(/unknown option/);
        },
      );
    },
  );

  describe('gatehouse schema', () => {
    it('prints the JSON Schema of the policy, pretty, with a trailing newline', async () => {
      const { code, out, err } = await gatehouse(['schema']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toBe(`${JSON.stringify(createPolicyJsonSchema(), null, 2)}\n`);
      expect(JSON.parse(out)).toMatchObject({ title: 'Gatehouse policy', type: 'object' });
    });

    it('takes no arguments', async () => {
      expect(await gatehouse(['schema', 'extra'])).toEqual({
        code: 2,
        out: '',
        err: 'gatehouse schema: unexpected argument: extra\nusage: gatehouse schema\n',
      });
    });
  });

  describe('when something fails', () => {
    it('says so in one line when the folder does not exist', async () => {
      const io = createIo('/nonexistent/gatehouse-test-folder', { PATH: process.env.PATH });
      expect(await run(['plan'], io)).toBe(1);
      expect(io.err()).toBe('gatehouse: /nonexistent/gatehouse-test-folder: no such folder\n');
    });

    it('prints an unexpected error in one line without a stack trace, and the stack with --debug', async () => {
      const repo = createProjectRepository();
      const broken = (args: string[]) => {
        const io = createIo(repo.dir, repo.env);
        io.now = () => {
          throw new Error('the clock broke');
        };
        return run(args, io).then((code) => ({ code, out: io.out(), err: io.err() }));
      };
      expect(await broken(['plan'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: unexpected error: the clock broke\ngatehouse: run again with --debug for the stack trace\n',
      });
      const debug = await broken(['plan', '--debug']);
      expect(debug.code).toBe(1);
      expect(debug.err).toMatch(
        /^gatehouse: unexpected error: the clock broke\nError: the clock broke\n\s+at /,
      );
    });
  });
});
