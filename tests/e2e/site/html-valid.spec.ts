/**
 * Every page of the e2e build is valid HTML by the rules of src/lib/html-validity.ts (the W3C
 * Nu checker's errors, inline CSS included). The build is the one Playwright serves: the files
 * are read from its output folder, so 404.html and pages outside the sitemap count too.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, validateSite } from '../../../src/lib/html-validity.ts';
import { expect, test } from './fixtures.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// Resolved as playwright.config.ts does: relative to the repository (the webServer's cwd).
const outDir = resolve(repo, process.env['E2E_OUT_DIR'] || 'tests/.output/e2e-dist');

test('every built page is valid HTML', async () => {
  test.setTimeout(120_000);
  const { pages, invalid } = await validateSite(outDir);
  expect(formatReport(invalid), 'invalid pages').toBe('');
  // The home page, posts, tags, Q&A, about, 404 (and the guide): a build has at least these.
  expect(pages).toBeGreaterThan(10);
});
