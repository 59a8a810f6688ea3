import { expect, STARTER_POST, test } from './fixtures.ts';

const theme = (page: import('@playwright/test').Page) => page.evaluate(() => document.documentElement.dataset['theme']);
const background = (page: import('@playwright/test').Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(13, 17, 23)';

test('follows prefers-color-scheme when no choice is stored', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);
  // The site script follows OS changes while nothing is stored.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(page)).toBe('light');
});

test('the toggle switches the theme and the choice persists across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(STARTER_POST);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await background(page)).toBe(LIGHT_BG);
  const codeColourLight = await page
    .locator('pre.astro-code .line span')
    .nth(1)
    .evaluate((s) => getComputedStyle(s).color);

  await toggle.click();
  expect(await theme(page)).toBe('dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background(page)).toBe(DARK_BG);
  const codeColourDark = await page
    .locator('pre.astro-code .line span')
    .nth(1)
    .evaluate((s) => getComputedStyle(s).color);
  expect(codeColourDark).not.toBe(codeColourLight);
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('dark');

  await page.reload();
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.goto('./'); // another page: still dark, even though the OS says light
  expect(await theme(page)).toBe('dark');

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.reload();
  expect(await theme(page)).toBe('light');
});

test('the theme is set by a classic inline script in <head>, before the body exists (no flash)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  // Record the theme at the moment the parser reaches <body>: a blocking script in
  // <head> has run by then; a deferred/module script has not.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.body) {
        (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.getAttribute('data-theme');
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto('./');
  expect(await page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');
  const inHead = await page.evaluate(() =>
    [...document.head.querySelectorAll('script:not([src])')].map((s) => ({
      type: s.getAttribute('type'),
      text: s.textContent ?? '',
    })),
  );
  expect(inHead.some((s) => s.type === null && s.text.includes('prefers-color-scheme'))).toBe(true);
});
