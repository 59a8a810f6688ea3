import { basePath, expect, sitemapPages, test } from './fixtures.ts';

test('RSS parses as XML and lists every post on the home page', async ({ page, baseURL }) => {
  const response = await page.request.get('rss.xml');
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toMatch(/xml/);
  const xml = await response.text();
  await page.goto('./');
  const homePosts = await page.locator('.post-list h3 a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return {
      parseError: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      channelLink: doc.querySelector('channel > link')?.textContent,
      links: [...doc.querySelectorAll('item > link')].map((l) => l.textContent),
      titles: [...doc.querySelectorAll('item > title')].map((t) => t.textContent),
      dates: [...doc.querySelectorAll('item > pubDate')].map((d) => d.textContent),
    };
  }, xml);
  expect(feed.parseError).toBeNull();
  expect(feed.root).toBe('rss');
  expect(feed.channelLink).toBe(baseURL);
  expect(feed.links.length).toBeGreaterThan(0);
  expect(feed.links).toEqual(homePosts);
  expect(feed.titles).toContain('The minimax game behind GANs');
  for (const date of feed.dates) expect(Number.isNaN(Date.parse(date ?? ''))).toBe(false);
});

test('the sitemap lists every page under the base path, and no 404 page', async ({ page }) => {
  const pages = await sitemapPages(page);
  for (const expected of ['', 'about/', 'tags/', 'qa/', 'posts/gan-minimax-game/', 'qa/gan-minimax-game/', 'tags/gans/']) {
    expect(pages).toContain(expected);
  }
  expect(pages.some((p) => p.includes('404'))).toBe(false);
  await page.goto('./');
  await expect(page.locator('link[rel="sitemap"]')).toHaveAttribute('href', `${basePath}sitemap-index.xml`);
});
