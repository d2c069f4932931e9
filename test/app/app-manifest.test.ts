// app.yml, the App's manifest, agrees with the code that handles its events and with docs/app.md,
// and asks for no more than the permissions this test pins (least privilege: widening is a choice).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAppYml } from '../../src/app/app-manifest.ts';
import { HANDLED_EVENTS } from '../../src/app/delivery.ts';

const manifest = parse(readFileSync('app.yml', 'utf8')) as {
  name: string;
  public: boolean;
  hook_attributes: { url: string; active: boolean };
  redirect_url?: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};
const docs = readFileSync('docs/app.md', 'utf8');

describe('the App manifest', () => {
  it('is private to its owner', () => {
    expect(manifest.public).toBe(false);
  });

  it('subscribes to every event the App handles, except installation, which GitHub sends unasked', () => {
    expect([...manifest.default_events].sort()).toEqual(
      HANDLED_EVENTS.filter((event) => event !== 'installation').sort(),
    );
  });

  it('asks for these permissions and no others', () => {
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      pull_requests: 'write',
      issues: 'write',
      contents: 'write',
      members: 'read',
      metadata: 'read',
      actions: 'read',
      deployments: 'write',
    });
  });

  it("sends webhooks to Probot's webhook path, and leaves redirect_url to the registration page", () => {
    expect(manifest.hook_attributes).toEqual({
      url: expect.stringMatching(/\/api\/github\/webhooks$/),
      active: true,
    });
    expect(manifest.redirect_url).toBeUndefined();
  });

  it('has each event and permission explained in docs/app.md', () => {
    for (const event of [...manifest.default_events, 'installation'])
      expect(docs).toContain(`| \`${event}\` |`);
    const documented: Record<string, string> = {
      checks: 'Checks',
      pull_requests: 'Pull requests',
      issues: 'Issues',
      contents: 'Contents',
      members: 'Members (organisation)',
      metadata: 'Metadata',
      actions: 'Actions',
      deployments: 'Deployments',
    };
    for (const [permission, access] of Object.entries(manifest.default_permissions))
      expect(docs).toContain(`| ${documented[permission]} | ${access} |`);
  });
});

describe('app.yml as the registration page reads it', () => {
  it.each([
    ['name: [', 'app.yml is not valid YAML: '],
    ['- a list', "app.yml: expected a mapping of the App's settings"],
    ['description: x', "app.yml name: expected the App's name, as GitHub will show it"],
    ['name: G\ndescription: [1]', 'app.yml description: expected one text'],
    [
      'name: G\ndefault_permissions: [checks]',
      'app.yml default_permissions: expected a mapping such as `checks: write`',
    ],
    [
      'name: G\ndefault_permissions: { checks: 1 }',
      'app.yml default_permissions.checks: expected read or write',
    ],
    ['name: G\ndefault_events: [1]', 'app.yml default_events: expected a list of event names'],
    [
      'name: G\nhook_attributes: { active: true }',
      'app.yml hook_attributes.url: expected the URL GitHub sends webhooks to',
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parseAppYml(text)).toThrow(message);
  });
});
