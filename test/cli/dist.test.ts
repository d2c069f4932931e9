// The bundle users run: built from the sources the way `npm run build` builds dist/, then run as
// a process under Node 24 (the project's own) and Node 20 (the oldest supported, as on Actions
// runners). check:fresh separately proves the committed dist/ is this same build.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { buildBundles } from '../../scripts/build.ts';
import { renderPolicyJsonSchema } from '../../src/core/json-schema.ts';
import { createProjectRepository, createTempDir, removeAll, type TestRepository } from './repository.ts';

const NODE_24 = resolve('node_modules/.bin/node');
const NODE_20 = '/usr/bin/node';

let bundle = '';
let repo: TestRepository;

beforeAll(async () => {
  const outdir = createTempDir('gatehouse-dist-');
  await buildBundles(outdir);
  bundle = join(outdir, 'cli.mjs');
  repo = createProjectRepository();
  repo.write('bad.yml', 'mode: sometimes\n');
});
afterAll(removeAll);

function runBundle(
  node: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(node, [bundle, ...args], { cwd, env: repo.env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, out: stdout, err: stderr });
    });
  });
}

function nodeVersion(node: string): Promise<string> {
  return new Promise((done, fail) =>
    execFile(node, ['--version'], (error, stdout) => (error === null ? done(stdout.trim()) : fail(error))),
  );
}

const runtimes = [
  { name: 'Node 24', node: NODE_24, major: 'v24.', present: existsSync(NODE_24) },
  { name: 'Node 20', node: NODE_20, major: 'v20.', present: existsSync(NODE_20) },
];

for (const runtime of runtimes) {
  if (!runtime.present) {
    describe(`the bundled CLI under ${runtime.name}`, () => {
      it.skip(`is not tested: ${runtime.node} is not installed on this machine`, () => {});
    });
    continue;
  }
  describe(`the bundled CLI under ${runtime.name}`, () => {
    it(`runs on ${runtime.name}`, async () => {
      expect(await nodeVersion(runtime.node)).toMatch(new RegExp(`^${runtime.major.replace('.', '\\.')}`));
    });

    it('prints its version', async () => {
      expect(await runBundle(runtime.node, ['--version'], repo.dir)).toEqual({
        code: 0,
        out: `${packageJson.version}\n`,
        err: '',
      });
    });

    it('validates the policy: exit 0 when valid, 1 with file:line:col when not, 2 on usage errors', async () => {
      expect(await runBundle(runtime.node, ['validate'], repo.dir)).toEqual({
        code: 0,
        out: '.github/gatehouse.yml: valid (mode ask, 2 rules)\n',
        err: '',
      });
      const invalid = await runBundle(runtime.node, ['validate', 'bad.yml'], repo.dir);
      expect(invalid.code).toBe(1);
      expect(invalid.err).toMatch(/^bad\.yml:1:7 mode: /);
      expect((await runBundle(runtime.node, ['validate', '--nope'], repo.dir)).code).toBe(2);
    });

    it('plans the gate of the local change as JSON', async () => {
      const { code, out, err } = await runBundle(runtime.node, ['plan', '--format', 'json'], repo.dir);
      expect(code).toBe(0);
      expect(err).toContain('gatehouse: note: no local decision log');
      expect(JSON.parse(out)).toMatchObject({
        version: 1,
        repository: 'acme/shop',
        policy: { source: 'base:main' },
        state: 'pending',
        tier: 'approve',
        check: { name: 'gatehouse', status: 'in_progress', title: 'Waiting for 2 approvals from dba' },
      });
    });

    it('suggests the command meant by a typo, exit 2', async () => {
      const { code, out, err } = await runBundle(runtime.node, ['valdate'], repo.dir);
      expect({ code, out }).toEqual({ code: 2, out: '' });
      expect(err.split('\n')[0]).toBe('gatehouse: unknown command "valdate" (did you mean "validate"?)');
    });

    it('prints the plan as plain text by default', async () => {
      const { code, out } = await runBundle(runtime.node, ['plan'], repo.dir);
      expect(code).toBe(0);
      expect(out.split('\n').slice(0, 2)).toEqual([
        'Gatehouse plan: gatehouse (pull request gate)',
        '=============================================',
      ]);
    });

    it('stops quietly when the reader of its output goes away (gatehouse schema | head)', async () => {
      const child = spawn(runtime.node, [bundle, 'schema'], { cwd: repo.dir, env: repo.env });
      child.stdout.destroy();
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        err += chunk;
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect({ code, err }).toEqual({ code: 0, err: '' });
    });

    it('prints the JSON Schema', async () => {
      expect(await runBundle(runtime.node, ['schema'], repo.dir)).toEqual({
        code: 0,
        out: renderPolicyJsonSchema(),
        err: '',
      });
    });
  });
}
