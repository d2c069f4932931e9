import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __GATEHOUSE_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Most of the suite's time is end-to-end scenes waiting on real servers and processes (the App,
    // the bundled Action, the CLI, the GitHub simulator), not on a core: twice as many workers as
    // the 2-core CI machine has overlap those waits (measured: the e2e folders take 94 s instead of
    // 227 s). A first scene of a file, which starts servers while others run, gets 30 s.
    maxWorkers: 4,
    testTimeout: 30_000,
    // The same for set-ups (servers, a packed package): 10 s, the default, ran out on a loaded machine.
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      // A floor, not a target: a drop below it means new code arrived without its tests.
      thresholds: { lines: 95, statements: 95, functions: 95, branches: 85 },
    },
  },
});
