/**
 * What Pagefind reads of a built page, cut out before it reads it. Pagefind indexes only the
 * elements marked `data-pagefind-body` (src/integrations/search-index.ts) and skips the ones
 * its `excludeSelectors` name (KaTeX's glyphs and MathML), yet it parses every byte of every
 * page: at 1,000 posts about 150 MB of HTML, nine tenths of it inline CSS, KaTeX and the page's
 * chrome, which took it 10-12 s on one core. The search document of a page is the page's
 * marked elements, byte for byte, without the excluded subtrees: about a tenth of the bytes,
 * and the same index (tests/unit/site/search-documents.test.ts compares Pagefind's output for
 * both). Documents are kept between builds by page (src/lib/page-facts.ts), so a warm rebuild
 * cuts out only the pages that changed.
 */
import { Parser } from 'htmlparser2';

/** The marker of an indexed element (Pagefind's default). */
const BODY_ATTRIBUTE = 'data-pagefind-body';

/**
 * The page's `data-pagefind-body` elements without the elements carrying one of
 * `excludedClasses`, in a minimal document; null when the page marks no element (Pagefind
 * then skips it, since other pages of the site do).
 */
export function searchDocument(html: string, excludedClasses: readonly string[]): string | null {
  const kept: string[] = [];
  /** Open elements (depth only: htmlparser2 closes implied and void elements for us). */
  let depth = 0;
  let bodyDepth = -1;
  let excludedDepth = -1;
  /** Where the next kept slice inside the current body element starts. */
  let from = 0;
  /** The page's `lang` (Pagefind files the page under it unless a language is forced). */
  let lang = '';
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        if (name === 'html') lang = attributes['lang'] ?? '';
        if (bodyDepth < 0) {
          if (BODY_ATTRIBUTE in attributes) {
            bodyDepth = depth;
            from = parser.startIndex;
          }
          return;
        }
        if (excludedDepth >= 0) return;
        const classes = (attributes['class'] ?? '').split(/\s+/);
        if (excludedClasses.some((c) => classes.includes(c))) {
          excludedDepth = depth;
          kept.push(html.slice(from, parser.startIndex));
        }
      },
      onclosetag() {
        if (depth === excludedDepth) {
          excludedDepth = -1;
          from = parser.endIndex + 1;
        } else if (depth === bodyDepth) {
          kept.push(html.slice(from, parser.endIndex + 1));
          bodyDepth = -1;
          from = 0;
        }
        depth--;
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  if (kept.length === 0) return null;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${kept.join('')}</body></html>`;
}
