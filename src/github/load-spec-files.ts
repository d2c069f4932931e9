// The spec files a pull request adds or changes (DESIGN §6), read at its head commit from the
// base repository: the contents API serves a fork's commits there too, so nothing is fetched from
// the fork itself (S7). A spec that cannot be read is a problem that fails the gate closed: its
// declared risk is unknown.
import type { Policy } from '../core/model.ts';
import { createFileIndex, createPathRule, matchFiles } from '../core/path-match.ts';
import { type ParsedSpec, parseSpec, type SpecProblem } from '../core/spec.ts';
import type { GitHubClient } from './client.ts';
import { loadFile } from './load-file.ts';
import type { ChangedFile } from './load-pull-request.ts';

/** Spec files read per pull request; more is a problem rather than one request each. */
export const MAX_SPEC_FILES = 20;

export interface SpecFiles {
  specs: ParsedSpec[];
  /** Problems inside spec files, with lines (for annotations and logs). */
  specProblems: SpecProblem[];
  /** Spec files that could not be used at all, one line each: the gate fails closed on them. */
  problems: string[];
}

export async function loadSpecFiles(
  github: GitHubClient,
  at: { owner: string; repo: string; sha: string },
  policy: Policy,
  files: ChangedFile[],
): Promise<SpecFiles> {
  const present = files.filter((file) => file.status !== 'removed' && file.status !== 'renamed_from');
  const paths = matchFiles(
    createPathRule(policy.specs.paths),
    createFileIndex(present.map((file) => file.path)),
  ).sort();
  const result: SpecFiles = { specs: [], specProblems: [], problems: [] };
  if (paths.length > MAX_SPEC_FILES) {
    result.problems.push(
      `the pull request changes ${paths.length} spec files; Gatehouse reads at most ${MAX_SPEC_FILES}: split it`,
    );
  }
  const loaded = await Promise.all(
    paths
      .slice(0, MAX_SPEC_FILES)
      .map(async (path) => ({ path, file: await loadFile(github, { ...at, path, ref: at.sha }) })),
  );
  for (const { path, file } of loaded) {
    switch (file.kind) {
      case 'file': {
        const { spec, problems } = parseSpec(file.text, path);
        result.specs.push(spec);
        result.specProblems.push(...problems);
        break;
      }
      case 'missing':
        // Listed as changed but gone at the head: the PR moved on since the listing.
        break;
      case 'unusable':
        result.problems.push(`spec file ${path} could not be used: ${file.reason}`);
        break;
      case 'error':
        throw new Error(`spec file ${path} could not be read: ${file.error}`);
    }
  }
  return result;
}
