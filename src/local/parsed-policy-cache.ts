// The default branch's policy as `gatehouse plan` parsed it last time, kept on disk: parsing a
// large policy (500 rules) costs more than everything else a plan does, and the policy rarely
// changes between two plans. One file per repository, 0600 in a 0700 folder, written whole (a
// rename). It holds the key its policy was parsed under: a hash of the policy's text, where it was
// read, the default branch and the build of Gatehouse that parsed it (a new build parses again).
// Any other key, or a file that cannot be read, is a miss. Only a valid policy is kept.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Policy } from '../core/model.ts';

export interface PolicyCacheKey {
  text: string;
  /** Where the policy was read, as problems name it: `base:main:.github/gatehouse.yml`. */
  file: string;
  defaultBranch: string;
  /** The build of Gatehouse: its parser's output may differ from another build's. */
  build: string;
}

export interface ParsedPolicyCache {
  load(key: PolicyCacheKey): Policy | undefined;
  /** Best effort: a cache that cannot be written is no error. */
  save(key: PolicyCacheKey, policy: Policy): void;
}

interface CacheFile {
  key: string;
  policy: Policy;
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The cache of the repository at `repositoryDir`, under `cacheDir` (`~/.cache/gatehouse`). */
export function createParsedPolicyCache(cacheDir: string, repositoryDir: string): ParsedPolicyCache {
  const path = join(cacheDir, 'plan', `${hash([repositoryDir]).slice(0, 32)}.json`);
  const keyOf = (key: PolicyCacheKey) => hash([key.build, key.file, key.defaultBranch, key.text]);
  return {
    load(key) {
      try {
        const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
        return file.key === keyOf(key) && typeof file.policy === 'object' && file.policy !== null
          ? file.policy
          : undefined;
      } catch {
        return undefined;
      }
    },
    save(key, policy) {
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(temporary, JSON.stringify({ key: keyOf(key), policy } satisfies CacheFile), {
          mode: 0o600,
        });
        renameSync(temporary, path);
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}
