/**
 * Search (Pagefind, indexed at build): the box in the header finds a word taken from a post and
 * the result links to that post; it opens from the keyboard; nothing of it loads before use;
 * and no Content-Security-Policy violation happens on the way (the fixture also fails on any
 * console error, which is where Chromium reports blocked resources).
 */
import type { Page } from '@playwright/test';
import { basePath, expect, firstPostPath, test } from './fixtures.ts';

/** Records CSP violations in the page from its first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { __csp?: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (globalThis as { __csp?: string[] }).__csp ?? []);
}

/** A long word from the post's first paragraph: something only the post's own text contains. */
async function wordFrom(page: Page): Promise<string> {
  const text = await page.locator('.post-body > p').first().innerText();
  const word = text.match(/\b[A-Za-z]{9,}\b/)?.[0];
  expect(word, `a long word in: ${text}`).toBeTruthy();
  return word ?? '';
}

test('the header search finds a word from a post and links to it, without CSP violations', async ({ page }) => {
  const violations = await watchCsp(page);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));

  await page.goto('');
  const postPath = await firstPostPath(page);
  await page.goto(postPath);
  const word = await wordFrom(page);
  const loadedBeforeUse = requested.filter((path) => /pagefind|search-entry/.test(path));
  expect(loadedBeforeUse, 'search code loaded before the reader used search').toEqual([]);

  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search posts' });
  await expect(box).toBeFocused();
  await box.fill(word);

  const results = page.getByRole('list', { name: 'Search results' });
  const hit = results.locator(`a[href="${basePath}${postPath}"]`);
  await expect(hit).toHaveCount(1);
  // The result shows the post's title and an excerpt with the word marked.
  await expect(hit).toHaveText(await page.locator('h1').first().innerText());
  await expect(hit.locator('xpath=..').locator('mark').first()).toHaveText(new RegExp(word, 'i'));
  await expect(page.getByRole('status').filter({ hasText: /result/ })).toContainText(word);

  await hit.click();
  await expect(page).toHaveURL(new RegExp(`${basePath}${postPath}$`));
  expect(await violations()).toEqual([]);
});

test('Ctrl+K opens the search box from anywhere, and Escape closes the results', async ({ page }) => {
  await page.goto('about/');
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search posts' });
  await expect(box).toBeFocused();
  await box.fill('generator');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(results).toBeHidden();
  await expect(box).toBeFocused();
});

test('the search page runs the query from its address (the form without JavaScript lands there)', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('search/?q=discriminator');
  await expect(page.getByRole('searchbox', { name: 'Search posts' })).toHaveValue('discriminator');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toHaveAttribute(
    'href',
    new RegExp(`^${basePath}`),
  );
  expect(await violations()).toEqual([]);
});
