import { describe, expect, it } from 'vitest';
import { createCheckName, parseCheckName } from '../../src/core/registry.ts';

describe('check names', () => {
  describe('a gate of a pull request into the default branch, or with no pull request', () => {
    it('has the names branch protection requires', () => {
      expect(createCheckName()).toBe('gatehouse');
      expect(createCheckName('production')).toBe('gatehouse: production');
    });
  });

  describe('a gate of a pull request into another base', () => {
    it('carries the base, so it never satisfies the default branch’s required check', () => {
      expect(createCheckName(undefined, 'release/1.x')).toBe('gatehouse (into release/1.x)');
      expect(createCheckName('production', 'release/1.x')).toBe('gatehouse: production (into release/1.x)');
      expect(createCheckName(undefined, 'main-copy')).not.toBe(createCheckName());
    });
  });

  it.each<[string, { environment?: string; into?: string }]>([
    ['gatehouse', {}],
    ['gatehouse: production', { environment: 'production' }],
    ['gatehouse (into release/1.x)', { into: 'release/1.x' }],
    ['gatehouse: production (into release/1.x)', { environment: 'production', into: 'release/1.x' }],
    // An environment may hold parentheses; a branch holds no space, so the last ` (into ` is the base.
    ['gatehouse: eu (west) (into hotfix)', { environment: 'eu (west)', into: 'hotfix' }],
    ['gatehouse: eu (into west', { environment: 'eu (into west' }],
  ])('reads %s back as the gate it names', (name, gate) => {
    expect(parseCheckName(name)).toEqual(gate);
    expect(createCheckName(gate.environment, gate.into)).toBe(name);
  });

  it.each([
    'gatehouse environments',
    'gatehouse:',
    'gatehouse: ',
    'Gatehouse',
    'ci (into main)',
    'gatehouse (into )',
    'gatehouse (into a b)',
  ])('reads %s as no Gatehouse gate', (name) => {
    expect(parseCheckName(name)).toBeNull();
  });
});
