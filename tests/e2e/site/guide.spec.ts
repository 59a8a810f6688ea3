/**
 * The writer's guide page renders every component it lists with a live example (islands draw
 * their picture), is linked from every page's footer, and its in-page links resolve.
 */
import { GUIDE_COMPONENTS } from '../../../src/lib/guide-components.ts';
import { expect, test } from './fixtures.ts';

test('the guide shows every component with its props and a live example', async ({ page }) => {
  await page.goto('');
  await page.getByRole('contentinfo').getByRole('link', { name: "Writer's guide" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Writer's guide");
  for (const { name, example } of GUIDE_COMPONENTS) {
    const section = page.locator(`[data-component="${name}"]`);
    // The component's own heading (an example may hold headings of its own, like the playground's runs).
    await expect(section.locator(`h3#component-${name}`), name).toHaveText(`<${name}>`);
    if (!example) await expect(section.locator('.guide-example'), name).not.toBeEmpty();
  }
  // Each island's build-time picture is there before any model loads.
  await expect(page.locator('.guide-example img.mm-fallback').first()).toBeVisible();
  expect(await page.locator('.guide-example [data-island]').count()).toBeGreaterThanOrEqual(5);
  // The frontmatter table comes from the schema.
  await expect(page.locator('#frontmatter ~ table').first()).toContainText('draft');
});
