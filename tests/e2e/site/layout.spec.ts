import { expect, STARTER_POST, test } from './fixtures.ts';

test('article lines are about 65-75 characters long on a desktop screen', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(STARTER_POST);
  const charsPerLine = await page.evaluate(() => {
    // Count the characters on each rendered line of the prose paragraphs without
    // maths, leaving out each paragraph's last (partial) line; return the mean.
    const counts: number[] = [];
    const range = document.createRange();
    for (const p of document.querySelectorAll<HTMLParagraphElement>('.post-body > p')) {
      if (p.querySelector('.katex')) continue;
      const perLine = new Map<number, number>();
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < (node.textContent ?? '').length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          perLine.set(top, (perLine.get(top) ?? 0) + 1);
        }
      }
      counts.push(...[...perLine.values()].slice(0, -1));
    }
    return counts.reduce((sum, n) => sum + n, 0) / counts.length;
  });
  test.info().annotations.push({ type: 'characters per line', description: charsPerLine.toFixed(1) });
  expect(charsPerLine).toBeGreaterThanOrEqual(62);
  expect(charsPerLine).toBeLessThanOrEqual(78);
});

test('a phone-sized screen never scrolls sideways; wide maths and code scroll in their own box', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['./', STARTER_POST, 'qa/gan-minimax-game/', 'tags/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('print: no navigation or buttons, black on white, code in the light palette', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(STARTER_POST);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(page.locator('.site-nav')).toBeHidden();
  await expect(page.locator('.theme-toggle')).toBeHidden();
  await expect(page.locator('.copy-button').first()).toBeHidden();
  await expect(page.locator('.toc')).toBeHidden();
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).color,
    background: getComputedStyle(document.body).backgroundColor,
    code: getComputedStyle(document.querySelector('pre.astro-code')!).backgroundColor,
  }));
  expect(colours).toEqual({ body: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)', code: 'rgb(255, 255, 255)' });
});

test('system fonts only: no font files except KaTeX maths fonts from this site', async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fonts.push(new URL(r.url()).pathname);
  });
  await page.goto('./', { waitUntil: 'networkidle' });
  expect(fonts).toEqual([]);
  await page.goto(STARTER_POST, { waitUntil: 'networkidle' });
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font).toMatch(/\/_astro\/KaTeX_[\w-]+\.[\w-]+\.woff2$/);
});
