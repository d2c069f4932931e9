// Prints the release notes of one version: its section of CHANGELOG.md (Keep a Changelog headings,
// `## [1.0.0] - 2026-12-07`), with relative links made absolute so they work on the release page.
// The release workflow runs it before anything is released; it exits 1, saying what to write, when
// the section is missing, empty or still marked Unreleased.
//   node scripts/release-notes.ts <version> [--changelog CHANGELOG.md] [--link-base <url>/]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

export type ReleaseNotes = { notes: string } | { error: string };

const HEADING = /^## \[([^\]]+)\](?: - (.*))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A link target that is not a URL, an anchor or a root path: a file of the repository. */
const RELATIVE_LINK = /\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi;
const LINK_DEFINITION = /^\[[^\]]+\]:\s+\S+/;

/** The section of `changelog` for `version`, or what is wrong with it (`file` names it in messages). */
export function parseReleaseNotes(
  changelog: string,
  version: string,
  options: { file?: string; linkBase?: string } = {},
): ReleaseNotes {
  const file = options.file ?? 'CHANGELOG.md';
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => HEADING.exec(line)?.[1] === version);
  if (start === -1)
    return {
      error: `${file} has no section for ${version}: add "## [${version}] - YYYY-MM-DD" above the previous release, with the changes it ships (docs/releasing.md)`,
    };
  const date = HEADING.exec(lines[start] ?? '')?.[2]?.trim() ?? '';
  if (!DATE.test(date))
    return {
      error: `${file}: the section for ${version} is dated "${date || 'nothing'}": write the release date, "## [${version}] - YYYY-MM-DD", in the commit you tag`,
    };
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines.slice(start + 1, next === -1 ? undefined : next);
  while (body.length > 0 && (body.at(-1)?.trim() === '' || LINK_DEFINITION.test(body.at(-1) ?? '')))
    body.pop();
  const notes = body.join('\n').trim();
  if (notes === '')
    return { error: `${file}: the section for ${version} is empty: say what the release changes` };
  const linkBase = options.linkBase;
  return {
    notes:
      linkBase === undefined
        ? notes
        : notes.replace(RELATIVE_LINK, (_all, target) => `](${linkBase}${target})`),
  };
}

async function main(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { changelog: { type: 'string', default: 'CHANGELOG.md' }, 'link-base': { type: 'string' } },
  });
  const [version] = positionals;
  if (version === undefined || positionals.length > 1) {
    console.error(
      'usage: node scripts/release-notes.ts <version> [--changelog CHANGELOG.md] [--link-base <url>/]',
    );
    return 2;
  }
  const file = values.changelog;
  const changelog = await readFile(file, 'utf8').catch(() => undefined);
  if (changelog === undefined) {
    console.error(`${file} cannot be read: run this from the repository root or pass --changelog <path>`);
    return 1;
  }
  const linkBase = values['link-base'];
  const result = parseReleaseNotes(
    changelog,
    version,
    linkBase === undefined ? { file } : { file, linkBase },
  );
  if ('error' in result) {
    console.error(result.error);
    return 1;
  }
  console.log(result.notes);
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
