// Fails when a generated file in git is not what the sources generate now: the bundles in dist/
// and the JSON Schema and configuration reference in docs/. Builds into a temporary folder and
// compares, so it works on a dirty working tree too.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from './build.ts';
import { listStaleDocs } from './generate-docs.ts';

async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

async function listStaleBundles(): Promise<string[]> {
  const fresh = await mkdtemp(join(tmpdir(), 'gatehouse-dist-'));
  await buildBundles(fresh);
  const [built, committed] = await Promise.all([listFiles(fresh), listFiles('dist')]);
  const stale: string[] = [];
  for (const file of new Set([...built, ...committed])) {
    const [a, b] = await Promise.all([
      readFile(join(fresh, file), 'utf8').catch(() => undefined),
      readFile(join('dist', file), 'utf8').catch(() => undefined),
    ]);
    if (a !== b)
      stale.push(
        `dist/${file} is ${b === undefined ? 'missing' : a === undefined ? 'not built any more' : 'stale'}: run npm run build`,
      );
  }
  return stale;
}

const stale = [...(await listStaleBundles()), ...(await listStaleDocs())];
for (const line of stale) console.error(line);
if (stale.length > 0) process.exit(1);
console.log('generated files are fresh: dist/, docs/gatehouse.schema.json, docs/configuration.md');
