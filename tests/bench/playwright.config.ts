/**
 * Runs the islands' own benchmark spec (tests/e2e/islands/benchmark.spec.ts) against a site
 * the benchmark has already built and serves itself: no build and no web server here, one
 * worker so that nothing else shares the CPU while a batch is timed.
 * `npm run bench` sets BENCH_BASE_URL; the spec writes $MINIMAX_BENCH_OUT.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './machine.ts';

const baseURL = process.env['BENCH_BASE_URL'];
if (!baseURL) throw new Error('BENCH_BASE_URL is not set; run this through `npm run bench`');

export default defineConfig({
  testDir: '../e2e/islands',
  testMatch: /benchmark\.spec\.ts$/,
  outputDir: './.work/playwright-output',
  workers: 1,
  retries: 0,
  timeout: 600_000,
  expect: { timeout: 60_000 },
  reporter: 'line',
  use: {
    baseURL,
    viewport: { width: 1000, height: 700 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
