import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { createIo, createRepository, createTempDir, POLICY, removeAll } from './repository.ts';

afterAll(removeAll);

async function validate(
  cwd: string,
  args: string[] = [],
  env: Record<string, string | undefined> = { PATH: process.env.PATH },
) {
  const io = createIo(cwd, env);
  const code = await run(['validate', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gatehouse validate', () => {
  describe('with a valid policy at the top of the repository', () => {
    it('says so in one line and exits 0', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', POLICY);
      expect(await validate(repo.dir, [], repo.env)).toEqual({
        code: 0,
        out: '.github/gatehouse.yml: valid (mode ask, 2 rules)\n',
        err: '',
      });
    });

    it('finds it from a subfolder and names it relative to where you are', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', POLICY);
      repo.write('src/app/index.ts', '');
      expect(await validate(join(repo.dir, 'src/app'), [], repo.env)).toMatchObject({
        code: 0,
        out: '../../.github/gatehouse.yml: valid (mode ask, 2 rules)\n',
      });
    });
  });

  describe('outside a git repository', () => {
    it('reads .github/gatehouse.yml in the current folder', async () => {
      const dir = createTempDir();
      mkdirSync(join(dir, '.github'));
      writeFileSync(join(dir, '.github/gatehouse.yml'), '');
      expect(await validate(dir)).toEqual({
        code: 0,
        out: '.github/gatehouse.yml: valid (mode ask, 0 rules)\n',
        err: '',
      });
    });
  });

  describe('with an invalid policy', () => {
    it('prints every problem as file:line:col path: message and exits 1', async () => {
      const dir = createTempDir();
      writeFileSync(
        join(dir, 'policy.yml'),
        [
          'mode: ask',
          'reviewers:',
          '  dba: [bob, "@carol"]',
          'defaults:',
          '  timeout: 4h',
          '  on_timeout: escalate',
          'rules:',
          '  - name: migrations',
          '    if: { paths: ["db/migrations/**"] }',
          '    reviewers: [dbas]',
          '',
        ].join('\n'),
      );
      const { code, out, err } = await validate(dir, ['policy.yml']);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toMatchInlineSnapshot(`
        "policy.yml:3:14 reviewers.dba[1]: "@carol" is neither a login nor a team: write a login without "@" (carol) or a team as @org/team
        policy.yml:6:15 defaults.on_timeout: "escalate" needs escalate_to (the backup reviewer groups) in defaults
        policy.yml:10:17 rules[0].reviewers[0]: unknown reviewer group "dbas" (did you mean "dba"?)
        "
      `);
    });
  });

  describe('with problems of shape and of meaning in one file', () => {
    it('reports an unknown key, an undefined group and an escalation without escalate_to in one run', async () => {
      const dir = createTempDir();
      writeFileSync(
        join(dir, 'policy.yml'),
        [
          'reviewers:',
          '  dba: [bob]',
          'defaults:',
          '  timeout: 4h',
          '  on_timeout: escalate',
          'rules:',
          '  - name: migrations',
          '    if: { paths: ["db/**"] }',
          '    reviewer: [dba]',
          '    reviewers: [dbas]',
          '',
        ].join('\n'),
      );
      const { code, out, err } = await validate(dir, ['policy.yml']);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toMatchInlineSnapshot(`
        "policy.yml:5:15 defaults.on_timeout: "escalate" needs escalate_to (the backup reviewer groups) in defaults
        policy.yml:9:5 rules[0]: unknown key "reviewer" (did you mean "reviewers"?)
        policy.yml:10:17 rules[0].reviewers[0]: unknown reviewer group "dbas" (did you mean "dba"?)
        "
      `);
    });
  });

  describe('with --config FILE', () => {
    it('checks that file, as plan --config reads it', async () => {
      const repo = createRepository();
      repo.write('.github/gatehouse.yml', POLICY);
      repo.write('next.yml', 'mode: always\n');
      expect(await validate(repo.dir, ['--config', 'next.yml'], repo.env)).toEqual({
        code: 0,
        out: 'next.yml: valid (mode always, 0 rules)\n',
        err: '',
      });
    });

    it('is a usage error together with a file argument', async () => {
      const dir = createTempDir();
      const { code, err } = await validate(dir, ['a.yml', '--config', 'b.yml']);
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe(
        'gatehouse validate: a.yml and --config b.yml both name the file: give it once',
      );
    });
  });

  describe('with a file that does not exist', () => {
    it('says so in one line and exits 1', async () => {
      const dir = createTempDir();
      expect(await validate(dir, ['nope.yml'])).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: nope.yml: no such file\n',
      });
      expect(await validate(dir)).toEqual({
        code: 1,
        out: '',
        err: 'gatehouse: .github/gatehouse.yml: no such file\n',
      });
    });
  });

  describe('with extends:', () => {
    const local =
      'extends: acme/.github\nrules:\n  - name: migrations\n    if: { paths: ["db/**"] }\n    reviewers: [dba]\n';
    const shared = 'reviewers:\n  dba: [bob, carol]\n';

    it('checks the file on its own and warns that the base was not merged', async () => {
      const dir = createTempDir();
      writeFileSync(join(dir, 'policy.yml'), local);
      expect(await validate(dir, ['policy.yml'])).toEqual({
        code: 1,
        out: '',
        err:
          'gatehouse: warning: extends: acme/.github was not merged (nothing is fetched offline): policy.yml is checked on its own; pass --extends-file FILE with a copy of it\n' +
          'policy.yml:5:17 rules[0].reviewers[0]: unknown reviewer group "dba": define it under reviewers:\n',
      });
    });

    it('merges a local copy given with --extends-file', async () => {
      const dir = createTempDir();
      writeFileSync(join(dir, 'policy.yml'), local);
      writeFileSync(join(dir, 'org.yml'), shared);
      expect(await validate(dir, ['policy.yml', '--extends-file', 'org.yml'])).toEqual({
        code: 0,
        out: 'policy.yml: valid (mode ask, 1 rule, merged with org.yml)\n',
        err: '',
      });
    });

    it('reports problems in the --extends-file copy at that file', async () => {
      const dir = createTempDir();
      writeFileSync(join(dir, 'policy.yml'), local);
      writeFileSync(join(dir, 'org.yml'), 'reviewers:\n  dba: bob\n');
      const { code, err } = await validate(dir, ['policy.yml', '--extends-file', 'org.yml']);
      expect(code).toBe(1);
      expect(err).toMatch(/^org\.yml:2:8 reviewers\.dba: /);
    });
  });

  describe('usage errors', () => {
    it('exits 2 with the usage line for an unknown option', async () => {
      const dir = createTempDir();
      expect(await validate(dir, ['--strict'])).toEqual({
        code: 2,
        out: '',
        err: 'gatehouse validate: unknown option --strict\nusage: gatehouse validate [FILE | --config FILE] [--extends-file FILE]\n',
      });
    });

    it('exits 2 for more than one file', async () => {
      const dir = createTempDir();
      expect(await validate(dir, ['a.yml', 'b.yml'])).toEqual({
        code: 2,
        out: '',
        err: 'gatehouse validate: too many arguments: b.yml\nusage: gatehouse validate [FILE | --config FILE] [--extends-file FILE]\n',
      });
    });

    it('exits 2 when --extends-file has no value', async () => {
      const dir = createTempDir();
      const { code, err } = await validate(dir, ['--extends-file']);
      expect(code).toBe(2);
      expect(err.split('\n')[0]).toBe('gatehouse validate: option --extends-file needs a value');
    });
  });
});
