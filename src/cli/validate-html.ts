/**
 * `tsx src/cli/validate-html.ts <built site folder>`: validates every page of a build (see
 * src/lib/html-validity.ts) and exits non-zero, listing page, line, rule and message, if any
 * page is invalid. Part of `npm run check`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatReport, validateSite } from '../lib/html-validity.ts';

const dir = resolve(process.argv[2] ?? 'dist');
if (!existsSync(dir)) {
  console.error(`validate-html: ${dir} does not exist; build the site first (npx astro build --outDir ${process.argv[2] ?? 'dist'}).`);
  process.exit(2);
}
const { pages, invalid } = await validateSite(dir);
if (invalid.length > 0) {
  console.error(`${invalid.length} of ${pages} pages are not valid HTML:\n${formatReport(invalid)}`);
  process.exit(1);
}
console.log(`validate-html: all ${pages} pages in ${dir} are valid HTML`);
