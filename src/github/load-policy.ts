// The policy of a repository, read from GitHub (DESIGN §2): from the base branch of a pull
// request, never its head, with `extends:` resolved from the named repository's default branch.
// Four states stay distinct: absent (do nothing), unreadable (transient: retry, never a red
// check), invalid (a failing check listing every problem), valid.
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
  /** `document`: the policy as written (extends merged), before defaults fill it in. */
  | { state: 'valid'; policy: Policy; document: PolicyDocument };

export type PolicyState = PolicyLoad['state'];

export async function loadPolicy(
  github: GitHubClient,
  location: { owner: string; repo: string; ref: string; path: string },
): Promise<PolicyLoad> {
  const { path: file } = location;
  const loaded = await loadFile(github, location);
  switch (loaded.kind) {
    case 'missing':
      return { state: 'absent' };
    case 'error':
      return { state: 'unreadable', error: `${file} on ${location.ref}: ${loaded.error}` };
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
  if (target === undefined || 'error' in target) return parsed(text, { file });

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
  return parsed(text, { file, base: document.document });
}

function parsed(text: string, options: { file: string; base?: PolicyDocument }): PolicyLoad {
  const result = parsePolicy(text, options);
  return result.ok
    ? { state: 'valid', policy: result.policy, document: result.document }
    : { state: 'invalid', file: options.file, problems: result.problems };
}

/** A problem at a top-level key of the file (its value's line and column), or at line 1. */
function problemAt(file: string, text: string, key: string, message: string): PolicyProblem {
  const yaml = parseYaml(text);
  const { line, column } = yaml.ok && key !== '(root)' ? locate(yaml.source, [key]) : { line: 1, column: 1 };
  return { file, line, column, path: key, message };
}
