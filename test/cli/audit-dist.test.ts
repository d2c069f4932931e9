// `gatehouse audit` as users run it: the bundle built the way `npm run build` builds dist/cli.mjs,
// run as a process under Node 24 and Node 20 on a clone with a real log branch.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../../scripts/build.ts';
import type { AuditReport } from '../../src/core/audit/index.ts';
import { createAuditFiles } from './audit-log.ts';
import {
  commitOrphanBranch,
  createRepository,
  createTempDir,
  removeAll,
  type TestRepository,
} from './repository.ts';

let bundle = '';
let repo: TestRepository;

beforeAll(async () => {
  const outdir = createTempDir('gatehouse-dist-');
  await buildBundles(outdir);
  bundle = join(outdir, 'cli.mjs');
  repo = createRepository();
  repo.write('README.md', '# shop\n');
  repo.commit('Initial commit');
  commitOrphanBranch(repo, 'gatehouse-log', createAuditFiles());
});
afterAll(removeAll);

function runBundle(node: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(
      node,
      [bundle, ...args],
      { cwd: repo.dir, env: repo.env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        done({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          out: stdout,
          err: stderr,
        });
      },
    );
  });
}

const runtimes = [
  { name: 'Node 24', node: resolve('node_modules/.bin/node') },
  { name: 'Node 20', node: '/usr/bin/node' },
];

for (const runtime of runtimes) {
  describe(`gatehouse audit, bundled, under ${runtime.name}`, () => {
    it.skipIf(!existsSync(runtime.node))(
      'audits the local log as JSON, and exits 1 with --strict because of its findings',
      async () => {
        const { code, out, err } = await runBundle(runtime.node, ['audit', '--format', 'json']);
        expect(code).toBe(0);
        expect(err).toMatch(
          /^gatehouse: warning: decisions\/2026\/02\/notes\.md: not a readable decision record: /,
        );
        const report = JSON.parse(out) as AuditReport;
        expect(report.totals).toMatchObject({ records: 5, malformed: 1, findings: 3 });
        expect(report.findings.map((finding) => finding.code)).toEqual([
          'path_mismatch',
          'id_mismatch',
          'malformed',
        ]);

        const strict = await runBundle(runtime.node, ['audit', '--strict', '--format', 'csv']);
        expect(strict.code).toBe(1);
        expect(strict.out.split('\r\n')).toHaveLength(7);
        expect(strict.err.split('\n')[1]).toMatch(/^gatehouse: 3 integrity findings \(--strict\): /);
      },
    );
  });
}
