// Which repository a clone's origin names, as `gatehouse ask` reads it without --repo.
import { describe, expect, it } from 'vitest';
import { parseRemoteUrl } from '../../src/agent/load-agent-context.ts';

describe('the repository of an origin remote', () => {
  it.each([
    ['git@github.com:acme/shop.git', { owner: 'acme', repo: 'shop' }],
    ['https://github.com/acme/shop', { owner: 'acme', repo: 'shop' }],
    ['https://github.com/acme/shop.git/', { owner: 'acme', repo: 'shop' }],
    ['ssh://git@ghe.example.com:2222/platform/deploy-tools.git', { owner: 'platform', repo: 'deploy-tools' }],
    ['/srv/git/shop', { owner: 'git', repo: 'shop' }],
  ])('%s is %o', (url, expected) => {
    expect(parseRemoteUrl(url)).toEqual(expected);
  });

  it('is nothing for a URL without an owner and a name', () => {
    expect(parseRemoteUrl('shop')).toBeUndefined();
  });
});
