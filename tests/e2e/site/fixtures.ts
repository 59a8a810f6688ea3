/**
 * Helpers of the site's e2e specs. `test` and `expect` are the shared watchdog's
 * (tests/e2e/watchdog.ts): every test fails on a page error, a console error or a request
 * outside 127.0.0.1.
 */
import type { Page } from '@playwright/test';

export { expect, isLocal, test, type PageProblems } from '../watchdog.ts';

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
