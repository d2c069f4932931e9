import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/policy.ts';
import { createParsedPolicyCache, type PolicyCacheKey } from '../../src/local/parsed-policy-cache.ts';

const TEXT =
  'reviewers:\n  platform: [alice]\nrules:\n  - name: migrations\n    if: { paths: ["db/**"] }\n    reviewers: [platform]\n';
const KEY: PolicyCacheKey = {
  text: TEXT,
  file: 'base:main:.github/gatehouse.yml',
  defaultBranch: 'main',
  build: 'b1',
};

function parsed(text = TEXT) {
  const result = parsePolicy(text, { file: KEY.file, defaultBranch: 'main' });
  if (!result.ok) throw new Error('invalid test policy');
  return result.policy;
}

const dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-policy-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the parsed policy cache of plan', () => {
  it('gives back the policy saved under the same key, as the parser made it', () => {
    const dir = cacheDir();
    const cache = createParsedPolicyCache(dir, '/work/shop');
    expect(cache.load(KEY)).toBeUndefined();
    cache.save(KEY, parsed());
    expect(cache.load(KEY)).toEqual(parsed());
    // Another process reads the same file.
    expect(createParsedPolicyCache(dir, '/work/shop').load(KEY)).toEqual(parsed());
    const [folder] = readdirSync(join(dir, 'plan'), { withFileTypes: true });
    expect(statSync(join(dir, 'plan', String(folder?.name))).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['the text', { text: `${TEXT}# edited\n` }],
    ['where it was read', { file: 'file:next.yml' }],
    ['the default branch', { defaultBranch: 'trunk' }],
    ['the build', { build: 'b2' }],
  ])('misses when %s differs', (_name, change) => {
    const cache = createParsedPolicyCache(cacheDir(), '/work/shop');
    cache.save(KEY, parsed());
    expect(cache.load({ ...KEY, ...change })).toBeUndefined();
  });

  it('keeps one file per repository: another repository misses, and a new key replaces the old', () => {
    const dir = cacheDir();
    const shop = createParsedPolicyCache(dir, '/work/shop');
    shop.save(KEY, parsed());
    expect(createParsedPolicyCache(dir, '/work/billing').load(KEY)).toBeUndefined();
    const next = { ...KEY, text: `${TEXT}mode: ask\n` };
    shop.save(next, parsed(next.text));
    expect(shop.load(KEY)).toBeUndefined();
    expect(shop.load(next)).toEqual(parsed(next.text));
    expect(readdirSync(join(dir, 'plan'))).toHaveLength(1);
  });

  it('misses on a damaged file and saves nothing where it cannot write, without an error', () => {
    const dir = cacheDir();
    const cache = createParsedPolicyCache(dir, '/work/shop');
    cache.save(KEY, parsed());
    const [name] = readdirSync(join(dir, 'plan'));
    writeFileSync(join(dir, 'plan', String(name)), '{"key": ');
    expect(cache.load(KEY)).toBeUndefined();
    // A file where its folder would go: nothing can be written there.
    const blocked = cacheDir();
    writeFileSync(join(blocked, 'plan'), '');
    const unwritable = createParsedPolicyCache(blocked, '/work/shop');
    expect(() => unwritable.save(KEY, parsed())).not.toThrow();
    expect(unwritable.load(KEY)).toBeUndefined();
  });
});
