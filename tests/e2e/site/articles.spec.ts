/**
 * The article apparatus in the built site: citation previews on keyboard focus and on
 * hover, the references list and its arXiv/DOI links, numbered figures and their cross
 * references, project numbers from model cards, and a Q&A page with its four parts,
 * answers revealed from the keyboard, and FAQPage structured data that the CSP leaves alone.
 */
import { readFileSync } from 'node:fs';
import { expect, STARTER_POST, STARTER_QA, test } from './fixtures.ts';

test.describe('citations', () => {
  test('a citation shows its preview on keyboard focus and describes its link', async ({ page }) => {
    await page.goto(STARTER_POST);
    const firstCite = page.locator('.post-body .cite').first();
    const preview = firstCite.locator('.cite-preview');
    await expect(preview).toBeHidden();
    // Tab through the page from the top until a citation link has the focus.
    let focused = '';
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() =>
        document.activeElement?.matches('.cite-link') ? (document.activeElement.getAttribute('data-cite-key') ?? '') : '',
      );
    }
    expect(focused, 'a citation link takes the keyboard focus').not.toBe('');
    const link = page.locator('.cite-link:focus');
    const focusedPreview = page.locator('.cite:focus-within .cite-preview');
    await expect(focusedPreview).toBeVisible();
    const describedBy = await link.getAttribute('aria-describedby');
    const entry = page.locator(`[id="${describedBy}"]`);
    await expect(entry).toBeVisible();
    await expect(entry).toHaveAttribute('role', 'tooltip');
    // The preview names the cited work; the references list has the same title.
    const title = (await entry.locator('cite').innerText()).trim();
    expect(title.length).toBeGreaterThan(5);
    await expect(link).toHaveAccessibleDescription(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(page.locator(`#ref-${focused} cite`)).toHaveText(title);
    // Escape dismisses it without moving the focus (WCAG 1.4.13).
    await page.keyboard.press('Escape');
    await expect(entry).toBeHidden();
    await expect(link).toBeFocused();
    // Moving the focus away hides it too.
    await page.keyboard.press('Shift+Tab');
    await expect(focusedPreview).toHaveCount(0);
  });

  test('a citation shows its preview on hover', async ({ page }) => {
    await page.goto(STARTER_POST);
    const cite = page.locator('.post-body .cite').nth(1);
    await expect(cite.locator('.cite-preview')).toBeHidden();
    await cite.locator('.cite-link').first().hover();
    await expect(cite.locator('.cite-preview')).toBeVisible();
  });

  test('numbers follow the order of first citation and link to the references list', async ({ page }) => {
    await page.goto(STARTER_POST);
    const keysInOrder = await page
      .locator('.post-body .cite-link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-cite-key') ?? ''));
    const firstSeen = [...new Set(keysInOrder)];
    const listed = await page
      .locator('section.references li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-ref-key') ?? ''));
    expect(listed).toEqual(firstSeen);
    for (const link of await page.locator('.post-body .cite-link').all()) {
      const key = await link.getAttribute('data-cite-key');
      await expect(link).toHaveText(String(firstSeen.indexOf(key ?? '') + 1));
      await expect(link).toHaveAttribute('href', `#ref-${key}`);
    }
    await page.locator('.post-body .cite-link').first().click();
    await expect(page.locator('section.references li:target')).toHaveCount(1);
  });

  test('every reference links to its arXiv page or DOI', async ({ page }) => {
    for (const path of [STARTER_POST, 'posts/live-samples/']) {
      await page.goto(path);
      const items = page.locator('section.references li');
      expect(await items.count(), path).toBeGreaterThanOrEqual(2);
      for (const item of await items.all()) {
        const hrefs = await item.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of hrefs) expect(href).toMatch(/^https:\/\/(arxiv\.org\/abs\/\d{4}\.\d{4,5}|doi\.org\/10\.\d{4,9}\/\S+)$/);
      }
    }
    await page.goto(STARTER_POST);
    await expect(page.locator('#ref-goodfellow2014 a')).toHaveAttribute('href', 'https://arxiv.org/abs/1406.2661');
  });
});

test.describe('figures and project numbers', () => {
  test('figures are numbered with captions, and references link to them', async ({ page }) => {
    await page.goto(STARTER_POST);
    const figures = page.locator('figure.article-figure');
    expect(await figures.count()).toBeGreaterThanOrEqual(1);
    const ids: string[] = [];
    for (const [i, figure] of (await figures.all()).entries()) {
      await expect(figure.locator('figcaption .figure-label')).toHaveText(`Figure ${i + 1}.`);
      ids.push((await figure.getAttribute('id')) ?? '');
    }
    const ref = page.locator('a.figref').first();
    const target = (await ref.getAttribute('href'))?.slice(1) ?? '';
    await expect(ref).toHaveText(`Figure ${ids.indexOf(target) + 1}`);
    await ref.click();
    await expect(page.locator(`figure.article-figure[id="${target}"]`)).toBeInViewport();
  });

  test('project numbers are rendered from the model card', async ({ page }) => {
    await page.goto('posts/live-samples/');
    // Every place the article quotes the distance (it does more than once) shows the card's value.
    const fd = page.locator('[data-card="dcgan:metrics.frechet.model"]');
    expect(await fd.count()).toBeGreaterThanOrEqual(1);
    const card = JSON.parse(readFileSync('models/dcgan/artifact/card.json', 'utf8')) as { metrics: { frechet: { model: number } } };
    for (const value of await fd.all()) {
      await expect(value).toHaveText(/^\d+\.\d{2}$/);
      await expect(value).toHaveText(card.metrics.frechet.model.toFixed(2));
    }
  });
});

test.describe('a Q&A page', () => {
  test('has its four parts, answers revealed from the keyboard, and FAQPage data', async ({ page }) => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(STARTER_QA);
    for (const kind of ['preview', 'explanation', 'keypoints', 'review']) {
      await expect(page.locator(`section.qa-section[data-kind="${kind}"]`)).toHaveCount(1);
    }
    const first = page.locator('.qa-review details').first();
    const answer = first.locator('p');
    await expect(answer).toBeHidden();
    await first.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(answer).toBeVisible();

    const json = await page.locator('script[type="application/ld+json"]').textContent();
    const data = JSON.parse(json ?? '{}') as { '@type': string; mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
    expect(data['@type']).toBe('FAQPage');
    const questions = page.locator('.qa-review summary');
    expect(data.mainEntity).toHaveLength(await questions.count());
    for (const question of data.mainEntity) {
      expect(question.name.length).toBeGreaterThan(10);
      expect(question.acceptedAnswer.text.length).toBeGreaterThan(5);
      expect(question.name).not.toContain('$');
    }
    expect(cspViolations).toEqual([]);
  });

  test('every Q&A page has its four parts and FAQPage data for its review questions', async ({ page }) => {
    await page.goto('qa/');
    const pages = await page.locator('main li a[href*="/qa/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const href of pages) {
      await page.goto(href);
      for (const kind of ['preview', 'explanation', 'keypoints', 'review']) {
        await expect(page.locator(`section.qa-section[data-kind="${kind}"]`), `${href} ${kind}`).toHaveCount(1);
      }
      const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
        mainEntity?: unknown[];
      };
      expect(data.mainEntity?.length, href).toBe(await page.locator('.qa-review details').count());
    }
  });
});
