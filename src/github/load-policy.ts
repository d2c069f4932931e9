// The policy of a repository, read from GitHub (DESIGN §2, §11): from the repository's DEFAULT
// branch only, never from a pull request's head or base (a writer can create any other branch,
// with any policy in it, and send a pull request there), with `extends:` resolved from the named
// repository's default branch. Every file the policy is made of is listed, so that a pull request
// changing one is gated as a policy change. Four states stay distinct: absent (do nothing),
// unreadable (transient: retry, never a red check), invalid (a failing check listing every
// problem), valid.
import type { Policy } from '../core/model.ts';
import {
  type PolicyDocument,
  type PolicyProblem,
  parseExtendsTarget,
  parsePolicy,
  parsePolicyDocument,
  readExtends,
} from '../core/policy.ts';
import { locate, parseYaml } from '../core/policy-locations.ts';
import type { GitHubClient } from './client.ts';
import { loadFile } from './load-file.ts';

export type PolicyLoad =
  | { state: 'absent' }
  | { state: 'unreadable'; error: string }
  | { state: 'invalid'; file: string; problems: PolicyProblem[] }
  | LoadedPolicy;

/**
 * A valid policy. `document`: as written (extends merged), before defaults fill it in. `files`:
 * the paths in this repository that are policy (the file itself, and the file it extends when
 * that is in this repository too): a change to any of them is a policy change. `defaultBranch`:
 * where it was read.
 */
export interface LoadedPolicy {
  state: 'valid';
  policy: Policy;
  document: PolicyDocument;
  files: string[];
  defaultBranch: string;
}

export type PolicyState = PolicyLoad['state'];

/**
 * The policy at `path` on the repository's default branch. `defaultBranch` is GitHub's
 * `default_branch` of the repository (from the pull request's `base.repo`, or the repository):
 * never a pull request's base or head ref. `ref` reads one commit of it instead (the commit a
 * push to the default branch brought), or, in the CLI only, a ref its operator names; gates never
 * pass one.
 */
export async function loadPolicy(
  github: GitHubClient,
  location: { owner: string; repo: string; path: string; defaultBranch: string; ref?: string },
): Promise<PolicyLoad> {
  const { path: file, defaultBranch } = location;
  const ref = location.ref ?? defaultBranch;
  const loaded = await loadFile(github, { owner: location.owner, repo: location.repo, path: file, ref });
  switch (loaded.kind) {
    case 'missing':
      return { state: 'absent' };
    case 'error':
      return { state: 'unreadable', error: `${file} on ${ref}: ${loaded.error}` };
    case 'unusable':
      return {
        state: 'invalid',
        file,
        problems: [problemAt(file, '', '(root)', `${file}: ${loaded.reason}`)],
      };
    case 'file':
      break;
  }
  const text = loaded.text;
  const extended = readExtends(text);
  const target = extended === undefined ? undefined : parseExtendsTarget(extended);
  // A malformed `extends:` is reported by parsePolicy itself, with the rest of the file's problems.
  if (target === undefined || 'error' in target) return parsed(text, { file, defaultBranch }, [file]);

  const baseFile = `${target.owner}/${target.repo}:${target.path}`;
  const base = await loadFile(github, target);
  switch (base.kind) {
    case 'error':
      return { state: 'unreadable', error: `extends: ${baseFile}: ${base.error}` };
    case 'missing':
      return {
        state: 'invalid',
        file,
        problems: [
          problemAt(
            file,
            text,
            'extends',
            `${baseFile} was not found on the default branch of ${target.owner}/${target.repo}, or Gatehouse is not installed there; fix the name or install the App on that repository`,
          ),
        ],
      };
    case 'unusable':
      return {
        state: 'invalid',
        file,
        problems: [problemAt(file, text, 'extends', `${baseFile}: ${base.reason}`)],
      };
    case 'file':
      break;
  }
  const document = parsePolicyDocument(base.text, { file: baseFile });
  if (!document.ok) return { state: 'invalid', file, problems: document.problems };
  // A base in this repository is policy too: a pull request could change it on the default
  // branch. A base in another repository is changed there, and protected there (docs/security.md).
  const sameRepository =
    target.owner.toLowerCase() === location.owner.toLowerCase() &&
    target.repo.toLowerCase() === location.repo.toLowerCase();
  const files = sameRepository && target.path !== file ? [file, target.path] : [file];
  return parsed(text, { file, base: document.document, defaultBranch }, files);
}

function parsed(
  text: string,
  options: { file: string; base?: PolicyDocument; defaultBranch: string },
  files: string[],
): PolicyLoad {
  const result = parsePolicy(text, options);
  return result.ok
    ? {
        state: 'valid',
        policy: result.policy,
        document: result.document,
        files,
        defaultBranch: options.defaultBranch,
      }
    : { state: 'invalid', file: options.file, problems: result.problems };
}

/** A problem at a top-level key of the file (its value's line and column), or at line 1. */
function problemAt(file: string, text: string, key: string, message: string): PolicyProblem {
  const yaml = parseYaml(text);
  const { line, column } = yaml.ok && key !== '(root)' ? locate(yaml.source, [key]) : { line: 1, column: 1 };
  return { file, line, column, path: key, message };
}
