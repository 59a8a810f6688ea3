import { basePath, expect, sitemapPages, test } from './fixtures.ts';

test('every internal link and asset on every page stays under the base path and resolves', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const checked = new Map<string, number>();
  for (const path of await sitemapPages(page)) {
    await page.goto(path);
    const urls = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      ...[...document.querySelectorAll('link[href]')].map((l) => (l as HTMLLinkElement).href),
      ...[...document.querySelectorAll('script[src], img[src]')].map((e) => (e as HTMLScriptElement).src),
    ]);
    for (const raw of urls) {
      const url = new URL(raw);
      if (url.origin !== origin) continue; // external citations are links, never loaded
      expect(url.pathname, `link on ${path}`).toMatch(new RegExp(`^${basePath}`));
      url.hash = '';
      if (!checked.has(url.href)) checked.set(url.href, (await page.request.get(url.href)).status());
    }
  }
  const broken = [...checked].filter(([, status]) => status !== 200);
  expect(broken).toEqual([]);
  expect(checked.size).toBeGreaterThan(10);
});
