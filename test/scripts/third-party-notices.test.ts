import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  listBundledPackageDirs,
  loadPackageNotice,
  renderThirdPartyNotices,
} from '../../scripts/third-party-notices.ts';
import { createTempDir, removeAll } from '../cli/repository.ts';

afterAll(removeAll);

function aPackage(files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const dir = join(createTempDir('gatehouse-notices-'), 'node_modules', 'left-pad');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'left-pad', version: '1.3.0', license: 'WTFPL', ...manifest }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('third-party notices', () => {
  it('find each bundled package once, scoped or not, nested or behind a relative path', () => {
    expect(
      listBundledPackageDirs([
        'src/cli/main.ts',
        'node_modules/zod/v4/core/core.js',
        'node_modules/zod/v4/classic/schemas.js',
        '../main/node_modules/@octokit/core/dist-src/index.js',
        'node_modules/probot/node_modules/@octokit/request/dist-bundle/index.js',
      ]),
    ).toEqual([
      'node_modules/zod',
      '../main/node_modules/@octokit/core',
      'node_modules/probot/node_modules/@octokit/request',
    ]);
  });

  it('read the licence and notice files of a package, with Windows line ends made plain', async () => {
    const dir = aPackage({ 'LICENSE.md': 'Copyright Steve\r\nDo what you want.\r\n', NOTICE: 'Thanks.\n' });
    const notice = await loadPackageNotice(dir);
    expect(notice).toEqual({
      name: 'left-pad',
      version: '1.3.0',
      license: 'WTFPL',
      texts: ['Copyright Steve\nDo what you want.', 'Thanks.'],
    });
    expect(renderThirdPartyNotices('cli.mjs', [notice])).toMatchInlineSnapshot(`
      "Third-party notices for cli.mjs

      cli.mjs is a bundle: it contains code from the npm packages below, under their own licences.
      Their copyright and licence notices follow, as those licences require.

      ------------------------------------------------------------------------
      left-pad 1.3.0 (WTFPL)
      ------------------------------------------------------------------------

      Copyright Steve
      Do what you want.

      Thanks.
      "
    `);
  });

  it('stop the build on a bundled package that ships no licence file', async () => {
    await expect(loadPackageNotice(aPackage({ 'README.md': 'no licence here' }))).rejects.toThrow(
      'left-pad@1.3.0 is bundled but ships no LICENSE file to copy its notice from: find its licence before bundling it',
    );
  });

  it('list a package without a licence file by what its package.json declares, for a licence SPDX names in full', async () => {
    const dir = aPackage({ 'README.md': 'no licence here' }, { license: 'ISC', author: { name: 'Steve' } });
    expect(await loadPackageNotice(dir)).toEqual({
      name: 'left-pad',
      version: '1.3.0',
      license: 'ISC',
      texts: [
        'This package ships no licence file. Its package.json declares the ISC licence and the author Steve (https://spdx.org/licenses/ISC.html).',
      ],
    });
  });
});
