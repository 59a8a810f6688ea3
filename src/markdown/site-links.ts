/**
 * Lets a post link to another page of the site by its path from the site root, as a writer
 * thinks of it (`[the game](/posts/gan-minimax-game/#the-value-function)`), wherever the site
 * is deployed: the build prefixes the base path (`BASE_PATH=/minimax/` gives
 * `/minimax/posts/gan-minimax-game/…`). Relative links and links already under the base are
 * left alone. Whether the target exists is checked after the build (src/integrations/check-links.ts).
 */
import type { Element, Root } from 'hast';
import { joinBase } from '../lib/urls.ts';

const LINKING: Record<string, string> = { a: 'href', img: 'src', source: 'src', video: 'src', audio: 'src' };

/** `/posts/x/` -> `<base>posts/x/`; `//host/…`, relative and already-based paths are kept. */
export function withBase(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//') || base === '/' || url.startsWith(base)) return url;
  return joinBase(base, url.slice(1));
}

/** The root of a formula rendered by KaTeX: `<span class="katex">`. */
function isKatex(element: Element): boolean {
  if (element.tagName !== 'span') return false;
  const value: unknown = element.properties['className'];
  return Array.isArray(value) ? value.includes('katex') : value === 'katex';
}

export function rehypeSiteLinks(options: { base: string }) {
  // Descends through every node with children, MDX components' (mdxJsx*) included.
  const visit = (node: { children?: unknown[] }) => {
    for (const child of (node.children ?? []) as (Element | { type: string; children?: unknown[] })[]) {
      if (child.type === 'element') {
        const element = child as Element;
        // A formula KaTeX rendered has no links or media (its \href and \includegraphics need
        // KaTeX's `trust`, which the site leaves off), and is most of a post's nodes: skip it.
        if (isKatex(element)) continue;
        const attribute = LINKING[element.tagName];
        const value = attribute ? element.properties[attribute] : undefined;
        if (attribute && typeof value === 'string') element.properties[attribute] = withBase(value, options.base);
      }
      visit(child);
    }
  };
  return (tree: Root) => visit(tree);
}
