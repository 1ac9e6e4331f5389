import { defineConfig } from 'vitest/config';

// Tests of the production build: the bundle budget, and browser tests where playwright-core drives
// Debian's chromium against the demo EHR served over HTTP.
export default defineConfig({
  test: {
    include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
