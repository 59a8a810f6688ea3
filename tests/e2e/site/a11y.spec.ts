import AxeBuilder from '@axe-core/playwright';
import { expect, STARTER_POST, STARTER_QA, test } from './fixtures.ts';

const PAGES = [
  ['home', './'],
  ['post', STARTER_POST],
  ['Q&A', STARTER_QA],
  ['tags', 'tags/'],
] as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [name, path] of PAGES) {
    test(`${name} has no WCAG 2.1 AA violations in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(colorScheme);
      // Open the review answers so their text is checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
      expect(summary).toEqual([]);
      // Guard against a vacuous pass: colour contrast was actually evaluated.
      expect(results.passes.some((p) => p.id === 'color-contrast')).toBe(true);
    });
  }
}
