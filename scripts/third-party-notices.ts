// The licence notices of the npm packages a bundle carries. Their licences (MIT, ISC,
// Apache-2.0) ask that the notice travel with the code, and most of these packages keep it only in
// a LICENSE file, not in a comment esbuild could keep: so the notices are gathered from the
// LICENSE files of exactly the packages whose modules esbuild put in the bundle.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PackageNotice {
  name: string;
  version: string;
  license: string;
  texts: string[];
}

const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;
/**
 * Licences whose terms a package.json declaration names in full: a package under one of them
 * that ships no licence file is listed with what its package.json declares.
 */
const DECLARED_ONLY = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0']);

/** The folders of the npm packages that the bundle's input modules come from, each once. */
export function listBundledPackageDirs(inputs: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [scope = '', name = ''] = input.slice(at + 'node_modules/'.length).split('/');
    dirs.add(
      input.slice(0, at) +
        (scope.startsWith('@') ? `node_modules/${scope}/${name}` : `node_modules/${scope}`),
    );
  }
  return [...dirs];
}

export async function loadPackageNotice(dir: string): Promise<PackageNotice> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    author?: string | { name?: string };
  };
  const files = (await readdir(dir)).filter((file) => NOTICE_FILE.test(file)).sort();
  if (files.length === 0 && manifest.license !== undefined && DECLARED_ONLY.has(manifest.license)) {
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    return {
      name: manifest.name,
      version: manifest.version,
      license: manifest.license,
      texts: [
        `This package ships no licence file. Its package.json declares the ${manifest.license} licence` +
          `${author === undefined ? '' : ` and the author ${author}`} (https://spdx.org/licenses/${manifest.license}.html).`,
      ],
    };
  }
  if (files.length === 0)
    throw new Error(
      `${manifest.name}@${manifest.version} is bundled but ships no LICENSE file to copy its notice from: find its licence before bundling it`,
    );
  const texts = await Promise.all(
    files.map(async (file) => (await readFile(join(dir, file), 'utf8')).replaceAll('\r\n', '\n').trim()),
  );
  return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'see below', texts };
}

export function renderThirdPartyNotices(bundle: string, notices: readonly PackageNotice[]): string {
  const rule = '-'.repeat(72);
  const sorted = [...notices].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
  const sections = sorted.map(
    (notice) =>
      `${rule}\n${notice.name} ${notice.version} (${notice.license})\n${rule}\n\n${notice.texts.join('\n\n')}\n`,
  );
  return [
    `Third-party notices for ${bundle}\n`,
    `${bundle} is a bundle: it contains code from the npm packages below, under their own licences.`,
    'Their copyright and licence notices follow, as those licences require.\n',
    ...sections,
  ].join('\n');
}
