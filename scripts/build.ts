// Bundles the CLI and the Action into dist/ with esbuild. dist/ is committed: an Action
// runs from git with no install step, and `npx gatehouse` needs no build. Node 20 is the oldest
// runtime a bundle must run on (the Actions node20 runner), so that is the target.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

export const ENTRY_POINTS = { cli: 'src/cli/main.ts', action: 'src/action/main.ts' } as const;

export async function buildBundles(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  await build({
    entryPoints: ENTRY_POINTS,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    legalComments: 'none',
    define: { __GATEHOUSE_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    // Bundled CommonJS dependencies may call require() for Node built-ins.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);",
    },
  });
}

if (import.meta.main) {
  await buildBundles(process.argv[2] ?? 'dist');
}
