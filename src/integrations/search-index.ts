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
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { builtPages, keptPageFacts } from '../lib/page-facts.ts';
import { searchDocument } from '../lib/search-documents.ts';

/** Folder of the index below the output folder and the base URL; src/scripts/search.ts loads from it. */
export const SEARCH_INDEX_DIR = 'pagefind';

/** Classes of elements left out of the index: KaTeX's output and the islands' controls. */
export const EXCLUDED_CLASSES = ['katex', 'mm-controls'];

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

/** The index being written in the background, on globalThis (config and integrations may load this module twice). */
const PENDING = Symbol.for('minimax.search-index.pending');
const pending = globalThis as { [PENDING]?: Promise<void> | undefined };

/**
 * Resolves when the search index of this build is written (at once if none is being written);
 * rejects with Pagefind's error. static-hosting.ts awaits it before reading the output.
 */
export async function searchIndexWritten(): Promise<void> {
  const job = pending[PENDING];
  pending[PENDING] = undefined;
  await job;
}

/** The static-hosting integration, which awaits the index (`searchIndexWritten`) before it reads the output. */
const AWAITED_BY = 'minimax:static-hosting';

export default function searchIndex(): AstroIntegration {
  /** Whether an integration after this one awaits the index, so the hooks between run meanwhile. */
  let background = false;
  let root = '';
  return {
    name: 'minimax:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        const names = config.integrations.map((i) => i.name);
        background = names.indexOf(AWAITED_BY) > names.indexOf('minimax:search-index');
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        let handedOver: () => void = () => {};
        const started = new Promise<void>((resolve) => (handedOver = resolve));
        const job = writeIndex(fileURLToPath(dir), root, logger, handedOver);
        if (!background) return job;
        // Pagefind indexes in a process of its own: once it has the pages, the hooks after this
        // one (the link check, CPU in this process) run meanwhile.
        job.catch(() => {}); // reported by searchIndexWritten()
        pending[PENDING] = job;
        await Promise.race([started, job]);
      },
    },
  };
}

/** Pagefind's settings (also the comparison of tests/unit/site/search-documents.test.ts). */
export const PAGEFIND_OPTIONS = {
  forceLanguage: 'en',
  // KaTeX's HTML is glyphs and its MathML carries the TeX source: neither reads as words.
  excludeSelectors: EXCLUDED_CLASSES.map((c) => `.${c}`),
};

async function writeIndex(out: string, root: string, logger: { info: (message: string) => void }, handedOver: () => void): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
    if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join('; ')}`);
    // Pagefind gets each page's search document (src/lib/search-documents.ts), kept between
    // builds by page: an unchanged page is not parsed again, here or by Pagefind's HTML parser.
    const documents = keptPageFacts<string | null>(root, 'search-documents', {
      encode: (doc) => doc,
      decode: (raw) => (raw === null || typeof raw === 'string' ? raw : undefined),
    });
    const adding: Promise<{ errors: string[] }>[] = [];
    for (const file of builtPages(out)) {
      const sourcePath = relative(out, file).split(sep).join('/');
      if (sourcePath.startsWith(`${SEARCH_INDEX_DIR}/`)) continue; // a previous index's files
      const content = documents.get(file, (html) => searchDocument(html, EXCLUDED_CLASSES));
      if (content !== null) adding.push(index.addHTMLFile({ sourcePath, content }));
    }
    documents.save();
    handedOver();
    const addErrors = (await Promise.all(adding)).flatMap((r) => r.errors);
    if (addErrors.length) throw new SearchIndexError(`Pagefind could not index ${out}: ${addErrors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(out, SEARCH_INDEX_DIR) });
    if (written.errors.length) throw new SearchIndexError(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    // The site uses Pagefind's JS API with its own UI (src/scripts/search.ts): drop the stock UIs.
    for (const file of UNUSED_UI_FILES) rmSync(join(out, SEARCH_INDEX_DIR, file), { force: true });
    logger.info(`search index: ${adding.length} pages in ${SEARCH_INDEX_DIR}/`);
  } finally {
    await pagefind.close();
  }
}
