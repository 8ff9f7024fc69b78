import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // test/reliability/concurrency.test.ts collects garbage while it samples, to see live memory only.
    execArgv: ['--expose-gc'],
  },
});
