import { defineConfig } from 'vitest/config';

export default defineConfig({
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
