import { defineConfig } from 'vitest/config';

// Tests for mageprobe itself (the scan suites under suites/ are run by the CLI, not here).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/lab/global-setup.ts'],
  },
});
