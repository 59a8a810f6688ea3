/**
 * The built site served as a static host would serve it: a plain file server
 * (tests/bench/static-server.ts) that applies the `_headers` file the build wrote
 * (src/integrations/static-hosting.ts). Checks that the headers arrive as specified and that
 * no page, worker or service worker reports a Content-Security-Policy violation under the
 * header policy and the pages' own meta policies together.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage } from '@playwright/test';
import { metaCsp, parseCsp, parseHeadersFile } from '../../../src/lib/headers-file.ts';
import { serveStatic, type StaticServer } from '../../bench/static-server.ts';
import { expect, test } from './fixtures.ts';

// The project blocks service workers by default (tests/playwright.config.ts); these specs need it.
test.use({ serviceWorkers: 'allow' });

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// The same build the other e2e specs use (tests/playwright.config.ts builds it first).
const dist = path.resolve(repoRoot, process.env['E2E_OUT_DIR'] || 'tests/.output/e2e-dist');
const basePath = process.env['E2E_BASE_PATH'] || '/minimax/';

/** Pages of each kind; the playground and the guide are checked when the build has them. */
const PAGES = ['', 'posts/gan-minimax-game/', 'qa/gan-minimax-game/', 'posts/live-samples/', '404.html'];
const OPTIONAL_PAGES = ['playground/', 'posts/playground/', 'guide/'];

let server: StaticServer;
test.beforeAll(async () => {
  server = await serveStatic(dist, { base: basePath });
});
test.afterAll(async () => {
  await server.close();
});

const get = (rel: string) => fetch(new URL(rel, server.url));
/** The build output's files below `dir` matching `pattern`, as paths relative to the output. */
const outputFiles = (dir: string, pattern: RegExp) =>
  readdirSync(path.join(dist, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .filter((f) => pattern.test(f));

test('the build writes a _headers file that parses, with a hash-based CSP that covers every page', async () => {
  const rules = parseHeadersFile(readFileSync(path.join(dist, '_headers'), 'utf8'));
  const global = rules.find((r) => r.pattern === `${basePath}*`);
  const csp = parseCsp(global?.headers.find(([name]) => name === 'Content-Security-Policy')?.[1] ?? '');
  expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  // Every source a page's meta policy allows is in the header policy, so the header never
  // blocks what Astro hashed for that page (and the meta policy still holds each page to its own).
  for (const rel of [...PAGES, ...OPTIONAL_PAGES.filter((p) => existsSync(path.join(dist, p, 'index.html')))]) {
    const file = path.join(dist, rel.endsWith('.html') ? rel : `${rel}index.html`);
    const meta = parseCsp(metaCsp(readFileSync(file, 'utf8')) ?? '');
    expect(meta.size, `${rel} has a meta CSP`).toBeGreaterThan(0);
    for (const [directive, sources] of meta)
      for (const source of sources) expect(csp.get(directive), `${directive} of /${rel}`).toContain(source);
  }
});

test('headers arrive as specified: CSP everywhere, no-cache pages, immutable hashed assets, typed WASM and shards', async () => {
  const home = await get('');
  expect(home.status).toBe(200);
  expect(home.headers.get('content-type')).toMatch(/^text\/html/);
  expect(home.headers.get('cache-control')).toBe('no-cache');
  expect(home.headers.get('content-security-policy')).toMatch(/script-src 'self' /);
  expect(home.headers.get('x-content-type-options')).toBe('nosniff');
  for (const rel of ['posts/gan-minimax-game/', '404.html', 'sw.js', 'sw-models.js']) {
    expect((await get(rel)).headers.get('cache-control'), rel).toBe('no-cache');
  }

  // The site script: a hashed asset every page links.
  const script = /src="([^"]*\/_astro\/[^"]+\.js)"/.exec(await home.text())?.[1] ?? '';
  expect(script).toMatch(/_astro\//);
  const assetResponse = await get(script.slice(basePath.length));
  expect(assetResponse.status).toBe(200);
  expect(assetResponse.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(assetResponse.headers.get('content-security-policy')).toBe(home.headers.get('content-security-policy'));

  const wasm = outputFiles('_astro', /\.wasm$/);
  expect(wasm.length).toBeGreaterThan(0);
  for (const file of wasm) {
    const response = await get(file);
    expect(response.headers.get('content-type'), file).toBe('application/wasm');
    expect(response.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
  }

  const shards = outputFiles('models', /\.bin$/);
  expect(shards.length).toBeGreaterThan(0);
  for (const file of shards) expect((await get(file)).headers.get('content-type'), file).toBe('application/octet-stream');
  for (const file of ['models/dcgan/model.json', 'models/dcgan/card.json', 'models/dcgan/group1-shard1of1.bin']) {
    const response = await get(file);
    expect(response.status, file).toBe(200);
    expect(response.headers.get('cache-control'), file).toBe('public, max-age=300, must-revalidate');
  }
  expect((await get('_headers')).status, 'the _headers file itself is not served').toBe(404);
});

test('no page logs a CSP violation under the header and meta policies, islands included', async ({ page, context }) => {
  const violations: string[] = [];
  const onConsole = (where: string) => (message: ConsoleMessage) => {
    if (/Content.Security.Policy|CSP/i.test(message.text())) violations.push(`${where}: ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  context.on('serviceworker', (worker) => worker.on('console', onConsole(`service worker ${worker.url()}`)));
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const pages = [...PAGES, ...OPTIONAL_PAGES.filter((p) => existsSync(path.join(dist, p, 'index.html')))];
  for (const rel of pages) {
    const response = await page.goto(new URL(rel, server.url).href, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy'], rel).toBeTruthy();
    // The site script registers the service worker on load; let it install under the header CSP.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    if (rel === 'posts/live-samples/') {
      // An island runs the TF.js worker (its own CSP comes from the header) and fetches models.
      const island = page.locator('#sample-grid');
      await island.scrollIntoViewIfNeeded();
      await expect(island).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    }
    await page.evaluate(() => document.fonts.ready.then(() => true));
  }
  expect(violations).toEqual([]);
});
