/**
 * Shared e2e fixtures. Every test that imports `test` from here automatically
 * fails if the page logged a console error, threw, or requested anything outside
 * 127.0.0.1 (such requests are also aborted, so a CDN or web font cannot slip in).
 */
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:']);

export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return LOCAL_PROTOCOLS.has(parsed.protocol) || parsed.hostname === '127.0.0.1';
}

export interface PageProblems {
  consoleErrors: string[];
  externalRequests: string[];
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const problems: PageProblems = { consoleErrors: [], externalRequests: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') problems.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => problems.consoleErrors.push(String(error)));
      page.on('request', (request) => {
        if (!isLocal(request.url())) problems.externalRequests.push(request.url());
      });
      await page.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
      await use(problems);
      expect(problems.externalRequests, 'requests that left 127.0.0.1').toEqual([]);
      expect(problems.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** The base path the e2e build was made with, e.g. "/minimax/". */
export const basePath = process.env['E2E_BASE_PATH'] ?? '/minimax/';

/** Paths (relative to the base) of every page listed in the sitemap. */
export async function sitemapPages(page: Page): Promise<string[]> {
  const index = await (await page.request.get('sitemap-index.xml')).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
  const pages: string[] = [];
  for (const sitemap of sitemaps) {
    const xml = await (await page.request.get(sitemap)).text();
    for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) {
      pages.push(new URL(m[1] ?? '').pathname.slice(basePath.length));
    }
  }
  return pages;
}

/** The first post linked from the home page, as a path relative to the base. */
export async function firstPostPath(page: Page): Promise<string> {
  await page.goto('./');
  const href = await page.locator('.post-list a[href*="/posts/"]').first().getAttribute('href');
  return (href ?? '').slice(basePath.length);
}

export const STARTER_POST = 'posts/gan-minimax-game/';
export const STARTER_QA = 'qa/gan-minimax-game/';
