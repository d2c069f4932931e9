// What the release workflow does for a tag: released only when it is package.json's version; the
// major tag and npm's `latest` move only forward and never to a prerelease. The script run as the
// workflow runs it: existing tags on stdin, the plan printed and appended to $GITHUB_OUTPUT.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRelease } from '../../scripts/release-plan.ts';

describe('the release plan', () => {
  it.each([
    // tag, existing tags, major tag moves, npm dist-tag
    ['v1.0.0', [], true, 'latest'],
    ['v1.0.0', ['v1.0.0', 'v0.9.0', 'v1', 'not-a-tag'], true, 'latest'],
    ['v1.2.1', ['v1.3.0', 'v1.2.0'], false, 'latest-1'],
    ['v1.4.0', ['v1.3.0', 'v1.4.0-rc.1', 'v1.10.0-rc.1'], true, 'latest'],
    ['v1.10.0', ['v1.9.0', 'v1.2.0'], true, 'latest'],
    ['v1.5.0', ['v2.0.0', 'v1.4.0'], true, 'latest-1'],
    ['v1.1.0-rc.1', ['v1.0.0'], false, 'next'],
    ['v2.0.0-beta.2', [], false, 'next'],
  ] as const)(
    'for %s among %j: moves the major tag %s, publishes under %s',
    (tag, existing, moves, npmTag) => {
      const version = tag.slice(1);
      expect(planRelease(tag, version, existing)).toEqual({
        version,
        majorTag: `v${version.split('.')[0]}`,
        prerelease: version.includes('-'),
        moveMajorTag: moves,
        npmTag,
      });
    },
  );

  it.each([
    [
      'v1.0.1',
      '1.0.0',
      'tag v1.0.1 does not match package.json\'s version 1.0.0: tag v1.0.0, or set "version" to 1.0.1 and run npm run build (docs/releasing.md)',
    ],
    [
      'v1.0',
      '1.0.0',
      'tag v1.0 is not a release tag: expected v<major>.<minor>.<patch>, optionally -<prerelease> (v1.0.0, v1.1.0-rc.1)',
    ],
    [
      'v01.0.0',
      '1.0.0',
      'tag v01.0.0 is not a release tag: expected v<major>.<minor>.<patch>, optionally -<prerelease> (v1.0.0, v1.1.0-rc.1)',
    ],
  ])('refuses %s when package.json says %s', (tag, version, error) => {
    expect(planRelease(tag, version, [])).toEqual({ error });
  });
});

describe('node scripts/release-plan.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-release-plan-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'gatehouse-cli', version: '1.1.0-rc.1' }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(tag: string, tags: string, env: Record<string, string> = {}) {
    const result = spawnSync(resolve('node_modules/.bin/node'), [resolve('scripts/release-plan.ts'), tag], {
      cwd: dir,
      input: tags,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('prints the plan for a prerelease and appends it to $GITHUB_OUTPUT', () => {
    const output = join(dir, 'github-output');
    writeFileSync(output, 'earlier=1\n');
    const plan = 'version=1.1.0-rc.1\nmajor-tag=v1\nprerelease=true\nmove-major-tag=false\nnpm-tag=next\n';
    expect(run('v1.1.0-rc.1', 'v1\nv1.0.0\n', { GITHUB_OUTPUT: output })).toEqual({
      code: 0,
      out: plan,
      err: '',
    });
    expect(readFileSync(output, 'utf8')).toBe(`earlier=1\n${plan}`);
  });

  it('exits 1, writing nothing, when the tag is not package.json’s version', () => {
    const output = join(dir, 'refused-output');
    writeFileSync(output, '');
    expect(run('v1.1.0', '', { GITHUB_OUTPUT: output })).toEqual({
      code: 1,
      out: '',
      err: 'tag v1.1.0 does not match package.json\'s version 1.1.0-rc.1: tag v1.1.0-rc.1, or set "version" to 1.1.0 and run npm run build (docs/releasing.md)\n',
    });
    expect(readFileSync(output, 'utf8')).toBe('');
  });
});
