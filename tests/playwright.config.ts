/**
 * Playwright runs every e2e spec (tests/e2e/**) against ONE production build,
 * served by `astro preview` on 127.0.0.1. The build uses a sub-path base
 * (/minimax/ unless E2E_BASE_PATH says otherwise), so every test also checks
 * that links honour `base`. In specs, navigate with relative paths
 * (`page.goto('posts/x/')`, no leading slash) so they resolve under baseURL.
 *
 * The browser is Debian's chromium (/usr/bin/chromium); Playwright never
 * downloads one. WebGL runs on SwiftShader.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

// The config is evaluated in the runner and again in each worker; workers inherit
// the runner's environment, so they all see the port chosen here once.
process.env['E2E_PORT'] ||= String(await freePort());
process.env['E2E_BASE_PATH'] ||= '/minimax/';
const port = Number(process.env['E2E_PORT']);
const basePath = process.env['E2E_BASE_PATH'];
const origin = `http://127.0.0.1:${port}`;
// Overridable so two e2e runs in one checkout do not rebuild each other's site or
// wipe each other's results.
const outDir = process.env['E2E_OUT_DIR'] || 'tests/.output/e2e-dist';
const resultsDir = process.env['E2E_RESULTS'] || '../test-results';

export default defineConfig({
  testDir: './e2e',
  outputDir: resultsDir,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    // JSON for tests/summarise-results.ts (the CI summary line).
    ['json', { outputFile: `${repoRoot}tests/.output/playwright.json` }],
    ...(process.env['CI'] ? [['html', { open: 'never', outputFolder: `${repoRoot}playwright-report` }] as const] : []),
  ],
  use: {
    baseURL: `${origin}${basePath}`,
    trace: 'retain-on-failure',
    // The site registers an offline service worker; Playwright's page.route (the islands'
    // fault injection) does not see requests a service worker answers. Specs about the worker
    // opt in with test.use({ serviceWorkers: 'allow' }) (tests/e2e/site/offline.spec.ts).
    serviceWorkers: 'block',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // Own outDir, and --ignore-lock: other people's `astro preview` servers in this
    // checkout (Astro 7 keeps one per project by default) must not block or clash.
    command: `astro build --outDir ${outDir} && astro preview --ignore-lock --outDir ${outDir} --host 127.0.0.1 --port ${port}`,
    cwd: repoRoot,
    url: `${origin}${basePath}`,
    env: { BASE_PATH: basePath, SITE_URL: origin, ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
