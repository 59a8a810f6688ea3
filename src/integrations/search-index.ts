/**
 * Indexes the built site for search with Pagefind's Node API at `astro:build:done`, writing the
 * index into `<outDir>/pagefind/` (served at `<base>pagefind/`). Pages mark what is indexed
 * with `data-pagefind-body` (article bodies, Q&A topics, the guide); pages without it, such as
 * the home page and tag lists, are left out, so results are the writing itself. The browser
 * side is src/scripts/search.ts, loaded only when a reader uses the search box.
 *
 * List it before the hooks that read the finished output (the service worker, `_headers`).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Folder of the index below the output folder and the base URL; src/scripts/search.ts loads from it. */
export const SEARCH_INDEX_DIR = 'pagefind';

/** Pagefind's ready-made interfaces (~430 KB), which the site does not load. */
const UNUSED_UI_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'minimax:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({
            forceLanguage: 'en',
            // KaTeX's HTML is glyphs and its MathML carries the TeX source: neither reads as words.
            excludeSelectors: ['.katex', '.mm-controls'],
          });
          if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: out });
          if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${out}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(out, SEARCH_INDEX_DIR) });
          if (written.errors.length) throw new SearchIndexError(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          // The site uses Pagefind's JS API with its own UI (src/scripts/search.ts): drop the stock UIs.
          for (const file of UNUSED_UI_FILES) rmSync(join(out, SEARCH_INDEX_DIR, file), { force: true });
          logger.info(`search index: ${added.page_count} pages in ${SEARCH_INDEX_DIR}/`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
