/**
 * JavaScript and CSS bytes per page type, raw and gzip (-9, computed here from the decoded
 * bodies, so the figure does not depend on the server), counted from the browser's responses:
 * - "before": after load and network idle, nothing scrolled;
 * - "after": the first island scrolled into view and showing its first live sample (pages
 *   without an island: scrolled to the end), then network idle again.
 * Requests made by the islands' Web Worker are included (Playwright reports them on the page).
 * WebAssembly binaries of the TF.js wasm backend are counted apart from JS. CSS counts the
 * stylesheets fetched and the <style> elements of the page (Astro inlines the site's CSS into
 * each page: build.inlineStylesheets), each gzipped on its own like a file.
 */
import type { Browser, Page } from 'playwright-core';
import { gzipSync } from 'node:zlib';

export interface Bytes {
  raw: number;
  gzip: number;
  files: number;
}

export interface PageWeight {
  /** page type: home, post, qa, island */
  type: string;
  path: string;
  /** whether the page has an island ([data-island]) */
  hasIsland: boolean;
  /** island state after activation ('live' expected), when the page has one */
  islandState?: string;
  js: { before: Bytes; after: Bytes };
  wasm: { before: Bytes; after: Bytes };
  css: Bytes;
  /** everything transferred by "after" (HTML, JS, CSS, images, models, wasm), raw bytes */
  totalAfterRaw: number;
}

interface Transfer {
  kind: 'js' | 'wasm' | 'css' | 'other';
  raw: number;
  gzip: number;
}

function kindOf(url: string, resourceType: string): Transfer['kind'] {
  const pathname = new URL(url).pathname;
  if (/\.wasm$/.test(pathname)) return 'wasm';
  if (resourceType === 'script' || /\.m?js$/.test(pathname)) return 'js';
  if (resourceType === 'stylesheet' || /\.css$/.test(pathname)) return 'css';
  return 'other';
}

function record(page: Page): { transfers: Transfer[]; settled: () => Promise<void> } {
  const transfers: Transfer[] = [];
  const pending = new Set<Promise<void>>();
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const kind = kindOf(url, response.request().resourceType());
    const task = response
      .body()
      .then((body) => void transfers.push({ kind, raw: body.length, gzip: kind === 'other' ? 0 : gzipSync(body, { level: 9 }).length }))
      .catch(() => undefined) // redirects and aborted requests have no body
      .finally(() => pending.delete(task));
    pending.add(task);
  });
  return { transfers, settled: async () => void (await Promise.all([...pending])) };
}

function sum(list: readonly Transfer[], kind: Transfer['kind']): Bytes {
  const picked = list.filter((t) => t.kind === kind);
  return { raw: picked.reduce((a, t) => a + t.raw, 0), gzip: picked.reduce((a, t) => a + t.gzip, 0), files: picked.length };
}

/** Measures one page; `baseUrl` ends in '/', `path` is relative to it. */
export async function measurePage(
  browser: Browser,
  baseUrl: string,
  type: string,
  path: string,
  islandTimeoutMs = 120_000,
): Promise<PageWeight> {
  // No service worker: on a first visit it re-requests what the page loaded (from the HTTP
  // cache) to keep it offline, which would count those bytes twice here.
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const { transfers, settled } = record(page);
  await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await settled();
  const before = [...transfers];
  // Part of the HTML's bytes already: counted as CSS here, not added to the total.
  const inlineStyles: Transfer[] = (await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''))).map(
    (text) => {
      const body = Buffer.from(text, 'utf8');
      return { kind: 'css', raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    },
  );
  const island = page.locator('[data-island]').first();
  const hasIsland = (await island.count()) > 0;
  let islandState: string | undefined;
  if (hasIsland) {
    await island.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => /^(live|error)$/.test(document.querySelector('[data-island]')?.getAttribute('data-state') ?? ''),
      undefined,
      { timeout: islandTimeoutMs },
    );
    islandState = (await island.getAttribute('data-state')) ?? undefined;
  } else {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  }
  await page.waitForLoadState('networkidle');
  await settled();
  await context.close();
  const weight: PageWeight = {
    type,
    path,
    hasIsland,
    js: { before: sum(before, 'js'), after: sum(transfers, 'js') },
    wasm: { before: sum(before, 'wasm'), after: sum(transfers, 'wasm') },
    css: sum([...transfers, ...inlineStyles], 'css'),
    totalAfterRaw: transfers.reduce((a, t) => a + t.raw, 0),
  };
  if (islandState !== undefined) weight.islandState = islandState;
  return weight;
}
