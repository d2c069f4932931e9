// Bundles the CLI, the Action and the App into dist/ with esbuild, each with the licence notices
// of the packages it carries. dist/ is committed: an Action runs from git with no install step,
// the npm package is dist/cli.mjs as built here, and an App server needs dist/app.mjs and app.yml
// only (no npm install). Node 20 is the oldest runtime a bundle must run on (the Actions node20
// runner), so that is the target.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { listBundledPackageDirs, loadPackageNotice, renderThirdPartyNotices } from './third-party-notices.ts';

export const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  action: 'src/action/main.ts',
  app: 'src/app/main.ts',
} as const;

/** Where the CLI's chunks go: the hook loads only the chunks it needs (no Octokit). */
export const CLI_CHUNKS = 'cli-chunks';

/** The hook's path in the binary: one file, not a chunk and the chunks it shares (see below). */
export const HOOK_ENTRY = 'src/cli/hook-main.ts';

/**
 * zod's classic API re-exports every locale (`z.locales`, about 300 KB, a fifth of a bundle) and
 * uses English only unless told otherwise; Gatehouse writes its own messages and never loads
 * another locale. The bundles carry English alone, so that each process parses less at start.
 */
const ZOD_ENGLISH_ONLY: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const ZOD_PLUGINS = [ZOD_ENGLISH_ONLY];

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
    plugins: ZOD_PLUGINS,
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
  const hook = await flattenChunk(cli.metafile, HOOK_ENTRY, common);
  await writeCliBuildId(outdir, [...Object.keys(cli.metafile.outputs), ...Object.keys(hook.outputs)]);
  const runtimes = await build({
    ...common,
    entryPoints: { action: ENTRY_POINTS.action, app: ENTRY_POINTS.app },
  });
  const groups: Record<string, string[]> = { cli: [] };
  for (const [output, { inputs }] of [
    ...Object.entries(cli.metafile.outputs),
    ...Object.entries(hook.outputs),
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

/**
 * `cli-chunks/build-id.txt`: a hash of every file of the CLI's build, which tells one build from
 * another (`gatehouse plan` keeps the policies it parsed under it, and parses again after an upgrade).
 */
async function writeCliBuildId(outdir: string, outputs: string[]): Promise<void> {
  const hash = createHash('sha256');
  for (const output of [...new Set(outputs)].sort()) {
    hash.update(relative(outdir, output));
    hash.update(await readFile(output));
  }
  await writeFile(join(outdir, CLI_CHUNKS, 'build-id.txt'), `${hash.digest('hex').slice(0, 32)}\n`);
}

/**
 * Rebuilds the chunk of a dynamically imported module as one file holding every module it imports
 * statically; what it imports dynamically stays in the split build's chunks. Node's ESM loader
 * costs about a millisecond per file, and the hook ran through six (it runs before every tool call
 * of an agent). The modules it shares with the lazily loaded chunks are then instantiated twice
 * when both load: harmless for the hook, which passes those chunks plain data only.
 */
async function flattenChunk(
  split: Metafile,
  entry: string,
  common: { outdir: string; outExtension: unknown } & Record<string, unknown>,
): Promise<Metafile> {
  const chunks = new Map(
    Object.entries(split.outputs).flatMap(([output, { entryPoint }]) =>
      entryPoint === undefined ? [] : [[entryPoint, output] as const],
    ),
  );
  const outfile = chunks.get(entry);
  if (outfile === undefined) throw new Error(`${entry} is not a chunk of the CLI's build`);
  const lazyChunks: Plugin = {
    name: 'lazy-chunks',
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const source = relative(process.cwd(), resolve(args.resolveDir, args.path));
        const chunk = chunks.get(source);
        if (chunk === undefined)
          return { errors: [{ text: `${source}, imported dynamically, is not a chunk of the CLI` }] };
        return { path: `./${relative(dirname(outfile), chunk)}`, external: true };
      });
    },
  };
  const { outdir: _outdir, outExtension: _outExtension, ...options } = common;
  const flat = await build({
    ...options,
    entryPoints: [entry],
    outfile,
    allowOverwrite: true,
    metafile: true,
    plugins: [...ZOD_PLUGINS, lazyChunks],
  });
  return flat.metafile;
}

if (import.meta.main) {
  await buildBundles(process.argv[2] ?? 'dist');
}
