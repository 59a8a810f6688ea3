/**
 * KaTeX writes `height:-0.6106em` on a `.vlist` for some sub/superscripts (e.g. a subscripted
 * integral). A negative height is invalid CSS: browsers drop the declaration, and the W3C
 * checker reports the page. Removing those declarations at build keeps the rendering exactly as
 * it was (the browser ignored them anyway) and makes the HTML valid.
 */
import type { Element, Root } from 'hast';

const NEGATIVE_HEIGHT = /(^|;)\s*height\s*:\s*-[\d.]+[a-z]*\s*(?=;|$)/gi;

/** A style attribute's text without negative `height` declarations. */
export function withoutNegativeHeights(style: string): string {
  return style.replace(NEGATIVE_HEIGHT, '$1').replace(/^;+/, '').replace(/;{2,}/g, ';');
}

/** The same, over an HTML string (KaTeX's `renderToString` output). */
export function htmlWithoutNegativeHeights(html: string): string {
  return html.replace(/ style="([^"]*)"/g, (_all, style: string) => {
    const fixed = withoutNegativeHeights(style);
    return fixed === '' ? '' : ` style="${fixed}"`;
  });
}

/**
 * Drops negative `height` declarations from the style of every element below `parent`, in
 * place. A plain loop rather than unist-util-visit: KaTeX's output is most of a post's nodes,
 * and this runs over all of them (every node with children, MDX components' included).
 */
export function dropNegativeHeights(parent: { children?: unknown }): void {
  const children = parent.children;
  if (!Array.isArray(children)) return;
  for (const node of children as (Element | { type: string; children?: unknown })[]) {
    if (node.type === 'element') {
      const properties = (node as Element).properties;
      const style = properties['style'];
      if (typeof style === 'string' && style.includes('-') && /height\s*:\s*-/i.test(style)) {
        const fixed = withoutNegativeHeights(style);
        if (fixed === '') delete properties['style'];
        else properties['style'] = fixed;
      }
    }
    dropNegativeHeights(node);
  }
}

/** Rehype step, after rehype-katex. */
export function rehypeKatexHeights() {
  return (tree: Root) => dropNegativeHeights(tree);
}
