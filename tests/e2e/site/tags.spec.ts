import { expect, STARTER_POST, test } from './fixtures.ts';

test('every tag on a post leads to a tag page that lists the post', async ({ page }) => {
  await page.goto(STARTER_POST);
  const title = await page.locator('h1').innerText();
  const tagLinks = await page
    .locator('.post-header .tag-list a')
    .evaluateAll((links) => links.map((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' })));
  expect(tagLinks.length).toBeGreaterThan(0);
  for (const { href, text } of tagLinks) {
    await page.goto(href);
    await expect(page.locator('h1')).toContainText(text);
    await expect(page.locator('.post-list h2 a', { hasText: title })).toHaveCount(1);
  }
});

test('the tag index links every tag page with its post count', async ({ page }) => {
  await page.goto('tags/');
  const entries = page.locator('.tag-index li');
  expect(await entries.count()).toBeGreaterThanOrEqual(3);
  const first = entries.first();
  const count = Number((await first.locator('.muted').innerText()).replace(/\D/g, ''));
  await first.locator('a').click();
  await expect(page.locator('.post-list > li')).toHaveCount(count);
});
