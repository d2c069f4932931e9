// Bundles the CLI, the Action and the App into dist/ with esbuild, each with the licence notices
// of the packages it carries. dist/ is committed: an Action runs from git with no install step,
// the npm package is dist/cli.mjs as built here, and an App server needs dist/app.mjs and app.yml
// only (no npm install). Node 20 is the oldest runtime a bundle must run on (the Actions node20
// runner), so that is the target.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { listBundledPackageDirs, loadPackageNotice, renderThirdPartyNotices } from './third-party-notices.ts';

export const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  // `gatehouse mcp`'s server and the MCP SDK: a bundle of its own that the CLI imports only for
  // that command, so the others do not parse the SDK at every start.
  mcp: 'src/mcp/serve-gatehouse-mcp.ts',
  action: 'src/action/main.ts',
  app: 'src/app/main.ts',
} as const;

/** The CLI's `import()` of the MCP server's source becomes an import of the mcp bundle beside it. */
const mcpBundleImport: Plugin = {
  name: 'mcp-bundle-import',
  setup(context) {
    context.onResolve({ filter: /\/mcp\/serve-gatehouse-mcp\.ts$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './mcp.mjs', external: true } : undefined,
    );
  },
};

export async function buildBundles(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  const { metafile } = await build({
    entryPoints: ENTRY_POINTS,
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
    plugins: [mcpBundleImport],
    // Bundled CommonJS dependencies may call require() for Node built-ins.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __gatehouseCreateRequire } from 'node:module';\nconst require = __gatehouseCreateRequire(import.meta.url);",
    },
  });
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    const bundle = basename(output);
    const carried = Object.entries(inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    const notices = await Promise.all(
      listBundledPackageDirs(carried.map(([input]) => input)).map(loadPackageNotice),
    );
    const name = bundle.replace(/\.mjs$/, '');
    await writeFile(
      join(outdir, `THIRD-PARTY-NOTICES.${name}.txt`),
      renderThirdPartyNotices(bundle, notices),
    );
  }
}

if (import.meta.main) {
  await buildBundles(process.argv[2] ?? 'dist');
}
