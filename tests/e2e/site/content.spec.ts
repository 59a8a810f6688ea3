import { expect, STARTER_POST, STARTER_QA, test } from './fixtures.ts';

test.describe('a post', () => {
  test('renders maths with KaTeX at build time, without errors', async ({ page }) => {
    await page.goto(STARTER_POST);
    const article = page.locator('article');
    expect(await article.locator('.katex').count()).toBeGreaterThan(10);
    await expect(article.locator('.katex-display').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // MathML for assistive technology comes with the HTML rendering.
    expect(await article.locator('.katex math').count()).toBeGreaterThan(0);
    // KaTeX's own fonts are served by this site and actually used.
    const family = await article
      .locator('.katex .mord.mathnormal')
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toContain('KaTeX_Math');
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
    expect(loaded.some((f) => f.includes('KaTeX'))).toBe(true);
  });

  test('highlights code with titles, highlighted lines and both theme colours', async ({ page }) => {
    await page.goto(STARTER_POST);
    const blocks = page.locator('pre.astro-code');
    expect(await blocks.count()).toBeGreaterThanOrEqual(2);
    // Code comes from real source files by region (<SourceRegion>), titled by path.
    await expect(page.locator('figure.code-figure figcaption').first()).toHaveText('models/gan/losses.ts');
    // The worked example highlights its lines 4-6 (D*, C(G), the JSD check).
    await expect(page.locator('pre.astro-code .line.highlighted')).toHaveCount(3);
    const first = blocks.first();
    const tokenColours = await first
      .locator('.line span')
      .evaluateAll((spans) => [...new Set(spans.map((s) => getComputedStyle(s).color))]);
    expect(tokenColours.length, 'distinct token colours').toBeGreaterThan(3);
    const style = (await first.locator('.line span').first().getAttribute('style')) ?? '';
    expect(style).toMatch(/--shiki-light:#[0-9a-f]{6}/i);
    expect(style).toMatch(/--shiki-dark:#[0-9a-f]{6}/i);
  });

  test('copy buttons copy the code', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(STARTER_POST);
    const block = page.locator('.code-block').first();
    // Located by class: its accessible name changes from "Copy" to "Copied".
    const button = block.locator('button.copy-button');
    await expect(button).toHaveText('Copy');
    await button.click();
    await expect(button).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('export function minimaxDiscriminatorLoss');
    expect(copied).toBe(await block.locator('pre code').innerText());
  });

  test('shows title, dates, author, reading time, tags and a working table of contents', async ({ page }) => {
    await page.goto(STARTER_POST);
    await expect(page.locator('h1')).toHaveText('The minimax game behind GANs');
    const meta = page.locator('.post-header .meta');
    // Published and updated dates.
    await expect(meta.locator('time')).toHaveCount(2);
    for (const time of await meta.locator('time').all()) await expect(time).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
    await expect(meta.locator('.author')).toHaveText('Minimax team');
    await expect(meta.locator('.reading-time')).toHaveText(/^\d+ min read$/);
    await expect(page.locator('.post-header .tag-list a')).toHaveCount(3);
    const tocLinks = page.locator('nav.toc a');
    expect(await tocLinks.count()).toBeGreaterThanOrEqual(4);
    for (const href of await tocLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      await expect(page.locator(`[id="${href?.slice(1)}"]`)).toHaveCount(1);
    }
    await expect(page.locator('section.references h2')).toHaveText('References');
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', page.url());
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', page.url());
  });

  test('links its Q&A page and series', async ({ page }) => {
    await page.goto(STARTER_POST);
    await page.locator('.qa-callout a').click();
    await expect(page).toHaveURL(new RegExp(`${STARTER_QA}$`));
    await page.goto(STARTER_POST);
    await expect(page.locator('.series-box li[aria-current], .series-box [aria-current="page"]')).toHaveCount(1);
  });
});

test.describe('the Q&A page', () => {
  test('shows all four kinds in reading order with rendered maths', async ({ page }) => {
    await page.goto(STARTER_QA);
    const kinds = await page.locator('section.qa-section').evaluateAll((s) => s.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['preview', 'explanation', 'keypoints', 'review']);
    expect(await page.locator('.qa-preview li').count()).toBeGreaterThan(0);
    expect(await page.locator('.qa-keypoints li').count()).toBeGreaterThan(0);
    expect(await page.locator('.qa-explanation .katex-display').count()).toBeGreaterThan(0);
    expect(await page.locator('.qa-keypoints .katex').count()).toBeGreaterThan(0);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    const first = page.locator('.qa-review details').first();
    await expect(first.locator('p')).toBeHidden();
    await first.locator('summary').click();
    await expect(first.locator('p')).toBeVisible();
  });

  test('is listed on the Q&A index', async ({ page }) => {
    await page.goto('qa/');
    await page.getByRole('link', { name: 'The minimax game behind GANs' }).click();
    await expect(page.locator('h1')).toContainText('Q&A');
  });
});

test('home lists posts and series; about and 404 pages exist', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.post-list a', { hasText: 'The minimax game behind GANs' })).toBeVisible();
  await expect(page.locator('#series')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
  await expect(page.locator('h1')).toHaveText('About');
  await expect(page.getByRole('link', { name: 'About' }).first()).toHaveAttribute('aria-current', 'page');
  const response = await page.request.get('this/page/does/not/exist/');
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('Page not found');
});
