import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/github/load-policy.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { aFile, aLargeFile, anError } from '../support/github-fixtures.ts';

useNock();

const CONFIG = '/repos/acme/shop/contents/.github%2Fgatehouse.yml';
const location = { owner: 'acme', repo: 'shop', defaultBranch: 'main', path: '.github/gatehouse.yml' };

const VALID = `reviewers:
  platform: [alice, "@acme/platform"]
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    reviewers: [platform]
`;

describe('loadPolicy', () => {
  it('reads the policy from the default branch, and names the file as the policy', async () => {
    const scope = github()
      .get(CONFIG)
      .query({ ref: 'main' })
      .reply(200, aFile('.github/gatehouse.yml', VALID));
    const loaded = await loadPolicy(aTestClient(), location);
    expect(loaded).toMatchObject({
      state: 'valid',
      files: ['.github/gatehouse.yml'],
      defaultBranch: 'main',
    });
    expect(loaded.state === 'valid' && loaded.policy.rules.map((rule) => rule.name)).toEqual(['migrations']);
    scope.done();
  });

  it('reads the default branch GitHub names, whatever it is called', async () => {
    const scope = github()
      .get(CONFIG)
      .query({ ref: 'trunk' })
      .reply(200, aFile('.github/gatehouse.yml', VALID));
    const loaded = await loadPolicy(aTestClient(), { ...location, defaultBranch: 'trunk' });
    expect(loaded).toMatchObject({ state: 'valid', defaultBranch: 'trunk' });
    scope.done();
  });

  describe('with log.branch on the default branch', () => {
    it('is invalid, at the key, so that no record is committed there', async () => {
      const text = `${VALID}log:\n  branch: main\n`;
      github().get(CONFIG).query({ ref: 'main' }).reply(200, aFile('.github/gatehouse.yml', text));
      expect(await loadPolicy(aTestClient(), location)).toEqual({
        state: 'invalid',
        file: '.github/gatehouse.yml',
        problems: [
          {
            file: '.github/gatehouse.yml',
            line: 8,
            column: 11,
            path: 'log.branch',
            message:
              'must not be the default branch "main": decision records would be committed to it; name a branch of its own, such as gatehouse-log',
          },
        ],
      });
    });

    it('is invalid whatever the case or a refs/heads/ prefix', async () => {
      const text = `${VALID}log: { branch: refs/heads/Trunk }\n`;
      github().get(CONFIG).query({ ref: 'trunk' }).reply(200, aFile('.github/gatehouse.yml', text));
      const loaded = await loadPolicy(aTestClient(), { ...location, defaultBranch: 'trunk' });
      expect(loaded.state === 'invalid' && loaded.problems.map((p) => p.path)).toEqual(['log.branch']);
    });

    it('is invalid when the base it extends names the default branch', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'extends: acme/.github\n'))
        .get('/repos/acme/.github/contents/.github%2Fgatehouse.yml')
        .reply(200, aFile('.github/gatehouse.yml', 'log: { branch: main }\n'));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded.state === 'invalid' && loaded.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
        'log.branch: must not be the default branch "main": decision records would be committed to it; name a branch of its own, such as gatehouse-log (from the base policy (extends: acme/.github))',
      ]);
    });
  });

  it('says absent when there is no policy file', async () => {
    github().get(CONFIG).query({ ref: 'main' }).reply(404, anError('Not Found'));
    expect(await loadPolicy(aTestClient(), location)).toEqual({ state: 'absent' });
  });

  it('says unreadable, with the reason, when GitHub fails (never a red check)', async () => {
    github().get(CONFIG).query({ ref: 'main' }).times(3).reply(500, anError('Server Error'));
    expect(await loadPolicy(aTestClient(), location)).toEqual({
      state: 'unreadable',
      error: '.github/gatehouse.yml on main: HTTP 500: Server Error',
    });
  });

  it('lists every problem of an invalid policy with its line and column', async () => {
    const text = 'mode: sometimes\nrules:\n  - name: x\n    approvals: 0\n';
    github().get(CONFIG).query({ ref: 'main' }).reply(200, aFile('.github/gatehouse.yml', text));
    const loaded = await loadPolicy(aTestClient(), location);
    expect(loaded).toMatchObject({ state: 'invalid', file: '.github/gatehouse.yml' });
    expect(
      loaded.state === 'invalid' && loaded.problems.map((p) => `${p.line}:${p.column} ${p.path}`),
    ).toEqual(['1:7 mode', '4:16 rules[0].approvals']);
  });

  it('refuses a policy file too large to be inlined', async () => {
    github().get(CONFIG).query({ ref: 'main' }).reply(200, aLargeFile('.github/gatehouse.yml', 2_000_000));
    const loaded = await loadPolicy(aTestClient(), location);
    expect(loaded).toEqual({
      state: 'invalid',
      file: '.github/gatehouse.yml',
      problems: [
        {
          file: '.github/gatehouse.yml',
          line: 1,
          column: 1,
          path: '(root)',
          message: '.github/gatehouse.yml: it is too large to read (2000000 bytes; at most 1000000 are read)',
        },
      ],
    });
  });

  describe('with extends:', () => {
    const LOCAL = `extends: acme/.github
rules:
  - name: docs
    if: { paths: ["docs/**"] }
    level: acknowledge
`;
    const BASE = `reviewers:
  platform: [alice]
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    reviewers: [platform]
`;
    const BASE_PATH = '/repos/acme/.github/contents/.github%2Fgatehouse.yml';

    it('merges the base read from the default branch of the named repository', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', LOCAL))
        .get(BASE_PATH)
        .reply(200, aFile('.github/gatehouse.yml', BASE));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded.state === 'valid' && loaded.policy.rules.map((rule) => rule.name)).toEqual([
        'migrations',
        'docs',
      ]);
      // The base lives in another repository: it is changed, and protected, there.
      expect(loaded).toMatchObject({ files: ['.github/gatehouse.yml'] });
    });

    it('names a base in this repository as policy too', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'extends: ACME/shop:policies/base.yml\n'))
        .get('/repos/ACME/shop/contents/policies%2Fbase.yml')
        .reply(200, aFile('policies/base.yml', BASE));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded).toMatchObject({
        state: 'valid',
        files: ['.github/gatehouse.yml', 'policies/base.yml'],
      });
    });

    it('is invalid, pointing at extends:, when the base does not exist', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', LOCAL))
        .get(BASE_PATH)
        .reply(404, anError('Not Found'));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded).toEqual({
        state: 'invalid',
        file: '.github/gatehouse.yml',
        problems: [
          {
            file: '.github/gatehouse.yml',
            line: 1,
            column: 10,
            path: 'extends',
            message:
              'acme/.github:.github/gatehouse.yml was not found on the default branch of acme/.github, or Gatehouse is not installed there; fix the name or install the App on that repository',
          },
        ],
      });
    });

    it('is unreadable when the base cannot be read now', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', LOCAL))
        .get(BASE_PATH)
        .times(3)
        .reply(503, anError('Service Unavailable'));
      expect(await loadPolicy(aTestClient(), location)).toEqual({
        state: 'unreadable',
        error: 'extends: acme/.github:.github/gatehouse.yml: HTTP 503: Service Unavailable',
      });
    });

    it('reports the problems of an invalid base in the base file', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', LOCAL))
        .get(BASE_PATH)
        .reply(200, aFile('.github/gatehouse.yml', 'mode: never\n'));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(
        loaded.state === 'invalid' && loaded.problems.map((p) => `${p.file}:${p.line} ${p.path}`),
      ).toEqual(['acme/.github:.github/gatehouse.yml:1 mode']);
    });

    it('reports a base that is a folder', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'extends: acme/.github:policies\n'))
        .get('/repos/acme/.github/contents/policies')
        .reply(200, [aFile('policies/a.yml', '')]);
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded.state === 'invalid' && loaded.problems.map((p) => p.message)).toEqual([
        'acme/.github:policies: it is a folder, not a file',
      ]);
    });

    it('leaves a malformed extends: to the policy’s own problems, without fetching', async () => {
      github()
        .get(CONFIG)
        .query({ ref: 'main' })
        .reply(200, aFile('.github/gatehouse.yml', 'extends: "not a repo"\n'));
      const loaded = await loadPolicy(aTestClient(), location);
      expect(loaded.state === 'invalid' && loaded.problems.map((p) => p.path)).toEqual(['extends']);
    });
  });
});
