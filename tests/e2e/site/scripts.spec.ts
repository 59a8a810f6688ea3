import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect, sitemapPages, STARTER_POST, test } from './fixtures.ts';

// Bytes, minified, uncompressed: theme toggle, copy buttons, service-worker registration, the
// citation previews' Escape key and the search shortcuts (1948 B, 968 B gzip at 2 Dec 2026;
// the gzip budget that binds is page.home.js.before.gzip in tests/bench/budgets.json).
const SITE_SCRIPT_BUDGET = 2304;

test('pages without an island load only the site script, which stays under 2 KB', async ({ page }) => {
  test.setTimeout(240_000); // every page of the site, uncached, each until the network is idle
  const pages = await sitemapPages(page);
  // Blink's memory cache serves a script the previous page loaded without a network request, so
  // Playwright would sometimes see none: every page load here goes to the server.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let checked = 0;
  for (const path of pages) {
    const scripts: string[] = [];
    const onRequest = (request: import('@playwright/test').Request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    };
    page.on('request', onRequest);
    await page.goto(path, { waitUntil: 'networkidle' });
    page.off('request', onRequest);
    // Islands (src/islands) mark their root with data-island, the playground with data-playground;
    // Astro's own use <astro-island>.
    if ((await page.locator('astro-island, [data-island], [data-playground]').count()) > 0) continue;
    checked++;
    expect(scripts, `scripts loaded by ${path}`).toHaveLength(1);
    const src = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
    expect(src).toEqual(scripts);
    const body = await (await page.request.get(scripts[0] ?? '')).body();
    expect(body.length, 'site script bytes').toBeLessThan(SITE_SCRIPT_BUDGET);
    test.info().annotations.push({ type: 'site script', description: `${body.length} B, ${gzipSync(body).length} B gzip` });
    // JSON-LD (the Q&A pages' FAQPage data) is a data block the browser never executes.
    const inline = await page.locator('script:not([src]):not([type="application/ld+json"])').count();
    expect(inline, `inline scripts on ${path}`).toBe(1);
  }
  expect(checked).toBeGreaterThanOrEqual(5);
});

test('the CSP meta comes first, allows the inline script by hash, and never unsafe-inline scripts', async ({ page }) => {
  await page.goto('./');
  const { csp, inline, cspBeforeScripts } = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="content-security-policy"]');
    const scripts = [...document.querySelectorAll('script')];
    return {
      csp: meta?.getAttribute('content') ?? '',
      inline: scripts.filter((s) => !s.src).map((s) => s.textContent ?? ''),
      cspBeforeScripts: scripts.every((s) => meta !== null && (meta.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0),
    };
  });
  const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(cspBeforeScripts).toBe(true);
  expect(inline.length).toBe(1);
  for (const text of inline) {
    const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(scriptSrc).toContain(hash);
  }
});

test("an article's first paint waits for no stylesheet request: its CSS is inline, each <style> allowed by hash", async ({ page }) => {
  const stylesheets: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'stylesheet') stylesheets.push(request.url());
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(STARTER_POST, { waitUntil: 'networkidle' });
  expect(stylesheets).toEqual([]);
  const { csp, styles, katexFont, contentVisibility } = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('.post-body > *')];
    return {
      csp: document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '',
      styles: [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''),
      katexFont: getComputedStyle(document.querySelector('.katex')!).fontFamily,
      contentVisibility: [blocks[0], blocks.at(-1)].map((b) => (b ? getComputedStyle(b).contentVisibility : '')),
    };
  });
  // Site CSS and KaTeX's, inline: the stylesheet is applied (KaTeX's font family) and permitted.
  expect(katexFont).toMatch(/KaTeX/);
  const styleSrc = /style-src ([^;]+)/.exec(csp)?.[1] ?? '';
  expect(styles.length).toBeGreaterThan(0);
  for (const text of styles) expect(styleSrc).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  expect(violations).toEqual([]);
  // The body's blocks below the first screen are laid out when they come near the viewport.
  expect(contentVisibility).toEqual(['visible', 'auto']);
});
