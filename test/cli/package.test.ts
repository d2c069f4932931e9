// The npm package as a user gets it: `npm pack` of this checkout, installed with
// `npm install -g` into a temporary prefix, then the `gatehouse` bin found on the PATH and run
// from a folder that is not the clone. Once with the system Node 20 (the oldest supported, and
// its npm a user would have) and once with the project's Node 24. Offline: the package has no
// dependencies, so the tarball is all npm needs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import {
  createCleanEnv,
  installPackage,
  PROJECT_NODE_PATH,
  type ProcessRun,
  packPackage,
  runProcess,
  SYSTEM_PATH,
} from './packed-package.ts';
import { createTempDir, removeAll } from './repository.ts';

const PACKAGE_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'SECURITY.md',
  'dist/THIRD-PARTY-NOTICES.cli.txt',
  'dist/cli.mjs',
  // The CLI's chunks, which `gatehouse hook` and `gatehouse mcp` load on demand (scripts/build.ts).
  ...readdirSync('dist/cli-chunks').map((chunk) => `dist/cli-chunks/${chunk}`),
  'package.json',
].sort();

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The folder of the system's Node 20, as `which -a node` would find it outside npm scripts. */
function findSystemNode20(): string | undefined {
  return SYSTEM_PATH.split(':').find((dir) => {
    const node = join(dir, 'node');
    return existsSync(node) && execFileSync(node, ['--version'], { encoding: 'utf8' }).startsWith('v20.');
  });
}

const node20 = findSystemNode20();
const runtimes = [
  {
    name: 'the project’s Node 24',
    path: PROJECT_NODE_PATH,
    major: 'v24.',
    present: true,
  },
  {
    name: 'the system Node 20',
    path: `${node20}:${SYSTEM_PATH}`,
    major: 'v20.',
    present: node20 !== undefined,
  },
];

let tarball = '';
let packed: string[] = [];

beforeAll(async () => {
  ({ tarball, files: packed } = await packPackage(createTempDir('gatehouse-pack-')));
});
afterAll(removeAll);

describe('npm pack', () => {
  it('packs the bundle, its notices, the licence, the security policy, the readme and the changelog, and nothing else', () => {
    expect(packed).toEqual(PACKAGE_FILES);
  });

  it('declares no dependency to install', () => {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies'])
      expect(Object.keys(packageJson)).not.toContain(field);
    expect(packageJson.bin).toEqual({ gatehouse: 'dist/cli.mjs' });
  });
});

for (const runtime of runtimes) {
  if (!runtime.present) {
    describe(`the package installed with npm install -g under ${runtime.name}`, () => {
      it.skip(`is not tested: no Node 20 in ${SYSTEM_PATH}`, () => {});
    });
    continue;
  }
  describe(`the package installed with npm install -g under ${runtime.name}`, () => {
    let env: Record<string, string> = {};
    let npxEnv: Record<string, string> = {};
    let prefix = '';
    let folder = '';
    let install: ProcessRun = { code: -1, out: '', err: '' };
    let nodeVersion = '';

    beforeAll(async () => {
      const home = createTempDir('gatehouse-install-');
      prefix = join(home, 'prefix');
      folder = join(home, 'shop');
      mkdirSync(join(folder, '.github'), { recursive: true });
      writeFileSync(
        join(folder, '.github', 'gatehouse.yml'),
        'reviewers:\n  platform: [alice, bob]\nrules:\n  - name: migrations\n    if: { paths: ["db/migrations/**"] }\n    risk: { reversibility: irreversible }\n    reviewers: [platform]\n',
      );
      const npmEnv = createCleanEnv(runtime.path, home);
      nodeVersion = (await runProcess('node', ['--version'], home, npmEnv)).out.trim();
      install = await installPackage(
        ['npm', 'install', '--global', 'gatehouse-cli'],
        tarball,
        prefix,
        npmEnv,
      );
      env = { ...npmEnv, PATH: `${join(prefix, 'bin')}:${runtime.path}` };
      npxEnv = npmEnv;
    });

    const gatehouse = (args: string[]) => runProcess('gatehouse', args, folder, env);

    it(`runs on Node ${runtime.major.slice(1, -1)}`, () => {
      expect(nodeVersion.startsWith(runtime.major)).toBe(true);
    });

    it('installs with no warning, and nothing but the package', () => {
      expect(install.err).toBe('');
      expect(install.out).toMatch(/^added 1 package in /m);
      const installed = join(prefix, 'lib', 'node_modules', 'gatehouse-cli');
      expect(listFiles(installed)).toEqual(PACKAGE_FILES);
      expect(realpathSync(join(prefix, 'bin', 'gatehouse'))).toBe(
        realpathSync(join(installed, 'dist', 'cli.mjs')),
      );
    });

    it('prints its version', async () => {
      expect(await gatehouse(['--version'])).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
    });

    it('serves the MCP tools from the bundle installed beside it', async () => {
      const client = new Client({ name: 'package-test', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: 'gatehouse',
          args: ['mcp', '--repo', 'acme/shop'],
          cwd: folder,
          env,
          stderr: 'pipe',
        }),
      );
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(['request_approval', 'get_approval']);
        expect(await client.callTool({ name: 'get_approval', arguments: { id: 1 } })).toMatchObject({
          isError: true,
          content: [
            { type: 'text', text: expect.stringMatching(/^set GITHUB_TOKEN \(or GH_TOKEN\) to a token/) },
          ],
        });
      } finally {
        await client.close();
      }
    });

    it('prints the JSON Schema', async () => {
      const { code, out, err } = await gatehouse(['schema']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(JSON.parse(out)).toMatchObject({ title: 'Gatehouse policy' });
    });

    it('validates the policy of the folder it runs in', async () => {
      expect(await gatehouse(['validate'])).toEqual({
        code: 0,
        out: '.github/gatehouse.yml: valid (mode ask, 1 rule)\n',
        err: '',
      });
    });

    it('runs with npx and no bin name, the package having one bin', async () => {
      const npx = await runProcess(
        'npx',
        ['--offline', '--yes', `file:${tarball}`, '--version'],
        folder,
        npxEnv,
      );
      expect(npx).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
    });

    it('explains plan', async () => {
      const { code, out, err } = await gatehouse(['plan', '--help']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toMatch(/^usage: gatehouse plan /);
    });
  });
}

describe('the notices in the package', () => {
  it('carry a notice for every npm package whose code is in the bundle', () => {
    const bundle = [
      'dist/cli.mjs',
      ...readdirSync('dist/cli-chunks').map((chunk) => `dist/cli-chunks/${chunk}`),
    ]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const carried = new Set(
      [...bundle.matchAll(/^\/\/ (?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map(([, name]) => name),
    );
    const notices = readFileSync(`dist/THIRD-PARTY-NOTICES.cli.txt`, 'utf8');
    const headings = new Set([...notices.matchAll(/^(\S+) \S+ \(.+\)$/gm)].map(([, name]) => name));
    expect(carried.size).toBeGreaterThan(0);
    expect([...headings].sort()).toEqual([...carried].sort());
  });
});
