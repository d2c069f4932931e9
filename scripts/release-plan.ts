// What the release workflow does for a pushed tag, decided before it does anything: the tag must
// be `v` + package.json's version; a prerelease (v1.1.0-rc.1) neither moves the major tag nor
// becomes npm's `latest`; a patch of an older line (v1.2.1 after v1.3.0) moves neither backwards.
//   git tag --list 'v*' | node scripts/release-plan.ts <tag>
// Prints the plan as key=value lines, appends them to $GITHUB_OUTPUT when set, and exits 1 with
// what to fix when the tag cannot be released.
import { appendFile, readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';

export interface ReleasePlan {
  version: string;
  /** `v1` for 1.x.y: the tag users pin to. */
  majorTag: string;
  prerelease: boolean;
  /** False for a prerelease and for a version below a stable release of the same major. */
  moveMajorTag: boolean;
  /** `latest`; `latest-<major>` below a newer stable release; `next` for a prerelease. */
  npmTag: string;
}

interface Version {
  numbers: [number, number, number];
  prerelease: string | undefined;
}

const RELEASE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function parseReleaseTag(tag: string): Version | undefined {
  const match = RELEASE_TAG.exec(tag);
  if (match === null) return undefined;
  return { numbers: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] };
}

function compareNumbers(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a.numbers[index] ?? 0) - (b.numbers[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The plan for `tag`, given package.json's version and the release tags that exist (the pushed one may be among them). */
export function planRelease(
  tag: string,
  packageVersion: string,
  existingTags: readonly string[],
): ReleasePlan | { error: string } {
  const version = parseReleaseTag(tag);
  if (version === undefined)
    return {
      error: `tag ${tag} is not a release tag: expected v<major>.<minor>.<patch>, optionally -<prerelease> (v1.0.0, v1.1.0-rc.1)`,
    };
  if (tag !== `v${packageVersion}`)
    return {
      error: `tag ${tag} does not match package.json's version ${packageVersion}: tag v${packageVersion}, or set "version" to ${tag.slice(1)} and run npm run build (docs/releasing.md)`,
    };
  const stable = existingTags.flatMap((existing) => {
    const parsed = parseReleaseTag(existing.trim());
    return parsed === undefined || parsed.prerelease !== undefined ? [] : [parsed];
  });
  const [major] = version.numbers;
  const newerInMajor = stable.some(
    (other) => other.numbers[0] === major && compareNumbers(other, version) > 0,
  );
  const newerAnywhere = stable.some((other) => compareNumbers(other, version) > 0);
  const prerelease = version.prerelease !== undefined;
  return {
    version: packageVersion,
    majorTag: `v${major}`,
    prerelease,
    moveMajorTag: !prerelease && !newerInMajor,
    npmTag: prerelease ? 'next' : newerAnywhere ? `latest-${major}` : 'latest',
  };
}

/** The plan as the workflow's step outputs. */
export function renderReleasePlan(plan: ReleasePlan): string {
  return [
    `version=${plan.version}`,
    `major-tag=${plan.majorTag}`,
    `prerelease=${plan.prerelease}`,
    `move-major-tag=${plan.moveMajorTag}`,
    `npm-tag=${plan.npmTag}`,
    '',
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const [tag] = args;
  if (tag === undefined || args.length > 1) {
    console.error("usage: git tag --list 'v*' | node scripts/release-plan.ts <tag>");
    return 2;
  }
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  const existingTags = process.stdin.isTTY ? [] : (await text(process.stdin)).split('\n');
  const plan = planRelease(tag, version, existingTags);
  if ('error' in plan) {
    console.error(plan.error);
    return 1;
  }
  const output = renderReleasePlan(plan);
  process.stdout.write(output);
  const githubOutput = process.env.GITHUB_OUTPUT;
  if (githubOutput !== undefined && githubOutput !== '') await appendFile(githubOutput, output);
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
