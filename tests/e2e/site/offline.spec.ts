/**
 * Offline reading (src/integrations/service-worker.ts): after one online visit, the island page
 * reloads offline and its island still generates with the cached TF.js, WASM and model files,
 * and a visited article reloads offline with its styles and maths.
 */
import type { Page } from '@playwright/test';
import { canvasPixels, meanAbsoluteDifference } from '../islands/helpers.ts';
import { expect, test } from './fixtures.ts';

// The project blocks service workers by default (tests/playwright.config.ts); these specs need it.
test.use({ serviceWorkers: 'allow' });

const ISLAND_PAGE = 'posts/live-samples/';
const ARTICLE = 'posts/gan-minimax-game/';

/** Whether the worker's caches hold `url` (any cache). */
const cached = (page: Page, url: string) => page.evaluate(async (u) => (await caches.match(u, { ignoreSearch: true })) !== undefined, url);

async function waitForControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

async function generateLive(page: Page) {
  const island = page.locator('#sample-grid');
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  return island;
}

test('after one visit, the island page and an article work offline, and the island generates again', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto(ISLAND_PAGE);
  await waitForControl(page);
  // The first visit loaded before the worker existed; the site script asks again once it controls.
  await expect.poll(() => cached(page, page.url()), { timeout: 20_000 }).toBe(true);
  await generateLive(page);
  const modelFiles = ['models/dcgan/card.json', 'models/dcgan/model.json', 'models/dcgan/group1-shard1of1.bin'].map(
    (f) => new URL(`../../${f}`, page.url()).href,
  );
  for (const url of modelFiles) await expect.poll(() => cached(page, url), { message: url }).toBe(true);
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames.filter((n) => n.startsWith('minimax-models-'))).toHaveLength(1);

  await page.goto(ARTICLE);
  // What the visit loaded is what is kept: let KaTeX's fonts finish loading first.
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await expect.poll(() => cached(page, page.url())).toBe(true);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // The article, offline: text, its stylesheet and KaTeX's.
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  expect(await page.locator('.katex').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.katex')!).fontFamily)).toMatch(/KaTeX/);

  // The island page, offline: a fresh worker loads TF.js, WASM and the model from the cache.
  await page.goto(ISLAND_PAGE);
  const island = await generateLive(page);
  await expect(island.locator('.mm-badge')).toHaveText(/^(webgpu|webgl|wasm|cpu) · \d+ ms$/);
  const before = await canvasPixels(page, 'sample-grid');
  await island.locator('[data-action="regenerate"]').click();
  await expect
    .poll(async () => meanAbsoluteDifference(before, await canvasPixels(page, 'sample-grid')), { timeout: 20_000 })
    .toBeGreaterThan(2);
  await context.setOffline(false);
});
