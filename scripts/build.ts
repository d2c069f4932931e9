// Bundles the CLI, the Action and the App into dist/ with esbuild, each with the licence notices
// of the packages it carries. dist/ is committed: an Action runs from git with no install step,
// the npm package is dist/cli.mjs as built here, and an App server needs dist/app.mjs and app.yml
// only (no npm install). Node 20 is the oldest runtime a bundle must run on (the Actions node20
// runner), so that is the target.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { listBundledPackageDirs, loadPackageNotice, renderThirdPartyNotices } from './third-party-notices.ts';

export const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  action: 'src/action/main.ts',
  app: 'src/app/main.ts',
} as const;

/** Where the CLI's chunks go: the hook loads only the chunks it needs (no Octokit). */
export const CLI_CHUNKS = 'cli-chunks';

export async function buildBundles(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  const common = {
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    // The notices are written in full beside each bundle (below), from the packages' LICENSE files.
    legalComments: 'none',
    metafile: true,
    define: { __GATEHOUSE_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    // node_modules may be a link to another checkout's (a worktree): paths stay as in the repository.
    preserveSymlinks: true,
    // Bundled CommonJS dependencies may call require() for Node built-ins.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);",
    },
  } as const;
  // The CLI is split: `gatehouse hook` runs before every tool call of an agent and must start
  // about as fast as Node itself, so its entry loads the rest (Octokit among it) only on demand.
  const cli = await build({
    ...common,
    entryPoints: { cli: ENTRY_POINTS.cli },
    splitting: true,
    chunkNames: `${CLI_CHUNKS}/[name]-[hash]`,
  });
  const runtimes = await build({
    ...common,
    entryPoints: { action: ENTRY_POINTS.action, app: ENTRY_POINTS.app },
  });
  const groups: Record<string, string[]> = { cli: [] };
  for (const [output, { inputs }] of [
    ...Object.entries(cli.metafile.outputs),
    ...Object.entries(runtimes.metafile.outputs),
  ]) {
    const carried = Object.entries(inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input);
    // Every chunk of the CLI is part of the CLI's one notice file.
    const name = output.includes(`/${CLI_CHUNKS}/`) ? 'cli' : basename(output).replace(/\.mjs$/, '');
    groups[name] = [...(groups[name] ?? []), ...carried];
  }
  for (const [name, inputs] of Object.entries(groups)) {
    const notices = await Promise.all(listBundledPackageDirs(inputs).map(loadPackageNotice));
    await writeFile(
      join(outdir, `THIRD-PARTY-NOTICES.${name}.txt`),
      renderThirdPartyNotices(`${name}.mjs`, notices),
    );
  }
}

if (import.meta.main) {
  await buildBundles(process.argv[2] ?? 'dist');
}
