/**
 * Vitest: unit tests of pure code (schemas, helpers, models on the CPU backend)
 * plus the build-failure fixtures. Every area adds its own folder under tests/unit.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Two cores are shared with model training: two workers at most.
    maxWorkers: 2,
    // JSON for tests/summarise-results.ts (the CI summary line).
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/.output/vitest.json' },
  },
});
