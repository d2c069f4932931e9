// The registration page explains every permission and event app.yml asks for: a permission or an
// event added to app.yml without its reason in src/app/manifest-reasons.ts fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAppYml } from '../../src/app/app-manifest.ts';
import { EVENT_REASONS, PERMISSION_REASONS } from '../../src/app/manifest-reasons.ts';

const appYml = parseAppYml(readFileSync('app.yml', 'utf8'));

describe("the reasons for app.yml's requests", () => {
  it('cover every permission', () => {
    const unexplained = appYml.permissions
      .map(([permission]) => permission)
      .filter((p) => !(p in PERMISSION_REASONS));
    expect(unexplained, 'add a reason to PERMISSION_REASONS').toEqual([]);
  });

  it('cover every event', () => {
    const unexplained = appYml.events.filter((event) => !(event in EVENT_REASONS));
    expect(unexplained, 'add a reason to EVENT_REASONS').toEqual([]);
  });

  it('are one line each', () => {
    for (const reason of [...Object.values(PERMISSION_REASONS), ...Object.values(EVENT_REASONS)])
      expect(reason).toMatch(/^[^\n]{10,140}$/);
  });
});
