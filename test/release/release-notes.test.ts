// The notes a release gets: its CHANGELOG.md section, found by version; the script run as the
// workflow runs it, printing the notes or saying what to write and exiting 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReleaseNotes } from '../../scripts/release-notes.ts';

const CHANGELOG = `# Changelog

What changed for users, newest first.

## [Unreleased]

- Something not yet released.

## [1.1.0-rc.1] - 2026-12-20

- A candidate.

## [1.0.0] - 2026-12-07

Trust: no writer can open a gate.

### The Action

- **Changed:** see [docs/action.md](docs/action.md#pinning) and [GitHub](https://github.com).

## [0.9.0] - Unreleased

- Never dated.

## [0.8.0] - 2026-01-02

## [0.1.0] - 2025-06-01

- The first.

[1.0.0]: https://example.com/releases/v1.0.0
`;

describe('release notes from the changelog', () => {
  it('are the version’s section, up to the next release heading', () => {
    expect(parseReleaseNotes(CHANGELOG, '1.0.0')).toEqual({
      notes: [
        'Trust: no writer can open a gate.',
        '',
        '### The Action',
        '',
        '- **Changed:** see [docs/action.md](docs/action.md#pinning) and [GitHub](https://github.com).',
      ].join('\n'),
    });
  });

  it('work for a prerelease and for the last section, without the link definitions below it', () => {
    expect(parseReleaseNotes(CHANGELOG, '1.1.0-rc.1')).toEqual({ notes: '- A candidate.' });
    expect(parseReleaseNotes(CHANGELOG, '0.1.0')).toEqual({ notes: '- The first.' });
  });

  it('link files of the repository absolutely, so they work on the release page', () => {
    const result = parseReleaseNotes(CHANGELOG, '1.0.0', {
      linkBase: 'https://github.com/acme/gatehouse/blob/v1.0.0/',
    });
    expect('notes' in result && result.notes.split('\n').at(-1)).toBe(
      '- **Changed:** see [docs/action.md](https://github.com/acme/gatehouse/blob/v1.0.0/docs/action.md#pinning) and [GitHub](https://github.com).',
    );
  });

  it.each([
    [
      '2.0.0',
      'CHANGELOG.md has no section for 2.0.0: add "## [2.0.0] - YYYY-MM-DD" above the previous release, with the changes it ships (docs/releasing.md)',
    ],
    [
      '1.0',
      'CHANGELOG.md has no section for 1.0: add "## [1.0] - YYYY-MM-DD" above the previous release, with the changes it ships (docs/releasing.md)',
    ],
    [
      '0.9.0',
      'CHANGELOG.md: the section for 0.9.0 is dated "Unreleased": write the release date, "## [0.9.0] - YYYY-MM-DD", in the commit you tag',
    ],
    [
      'Unreleased',
      'CHANGELOG.md: the section for Unreleased is dated "nothing": write the release date, "## [Unreleased] - YYYY-MM-DD", in the commit you tag',
    ],
    ['0.8.0', 'CHANGELOG.md: the section for 0.8.0 is empty: say what the release changes'],
  ])('refuse version %s: %s', (version, error) => {
    expect(parseReleaseNotes(CHANGELOG, version)).toEqual({ error });
  });
});

describe('node scripts/release-notes.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-release-notes-'));
  writeFileSync(join(dir, 'CHANGELOG.md'), CHANGELOG);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[]): { code: number | null; out: string; err: string } {
    const result = spawnSync(
      resolve('node_modules/.bin/node'),
      [resolve('scripts/release-notes.ts'), ...args],
      { cwd: dir, encoding: 'utf8' },
    );
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('prints the notes of a version and exits 0', () => {
    const result = run(['1.1.0-rc.1', '--link-base', 'https://github.com/acme/gatehouse/blob/v1.1.0-rc.1/']);
    expect(result).toEqual({ code: 0, out: '- A candidate.\n', err: '' });
  });

  it('exits 1 and says what to add when the changelog has no section for the version', () => {
    expect(run(['3.0.0'])).toEqual({
      code: 1,
      out: '',
      err: 'CHANGELOG.md has no section for 3.0.0: add "## [3.0.0] - YYYY-MM-DD" above the previous release, with the changes it ships (docs/releasing.md)\n',
    });
  });

  it('exits 1 when the changelog cannot be read', () => {
    expect(run(['1.0.0', '--changelog', 'MISSING.md'])).toEqual({
      code: 1,
      out: '',
      err: 'MISSING.md cannot be read: run this from the repository root or pass --changelog <path>\n',
    });
  });

  it('exits 2 with its usage when no version is given', () => {
    expect(run([])).toMatchObject({ code: 2, out: '', err: expect.stringContaining('usage:') });
  });
});

describe('this repository’s CHANGELOG.md', () => {
  it('has a section for package.json’s version', () => {
    // Dated in the commit that is tagged; "Unreleased" until then.
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const heading = `## [${version}] - `;
    const line = readFileSync('CHANGELOG.md', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith(heading));
    expect(line?.slice(heading.length)).toMatch(/^(\d{4}-\d{2}-\d{2}|Unreleased)$/);
  });
});
