import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __GATEHOUSE_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      // A floor, not a target: a drop below it means new code arrived without its tests.
      thresholds: { lines: 95, statements: 95, functions: 95, branches: 85 },
    },
  },
});
