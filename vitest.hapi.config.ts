import { defineConfig } from 'vitest/config';

// The suite against a real HAPI FHIR server: run by `npm run test:hapi` (test/hapi/run.ts), which
// starts the server, loads the demo patients and names its base in HAPI_FHIR_BASE.
export default defineConfig({
  test: {
    include: ['test/hapi/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
