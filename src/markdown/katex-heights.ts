/**
 * KaTeX writes `height:-0.6106em` on a `.vlist` for some sub/superscripts (e.g. a subscripted
 * integral). A negative height is invalid CSS: browsers drop the declaration, and the W3C
 * checker reports the page. Removing those declarations at build keeps the rendering exactly as
 * it was (the browser ignored them anyway) and makes the HTML valid.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

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

/** Rehype step, after rehype-katex. */
export function rehypeKatexHeights() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const style = node.properties['style'];
      if (typeof style !== 'string' || !/height\s*:\s*-/i.test(style)) return;
      const fixed = withoutNegativeHeights(style);
      if (fixed === '') delete node.properties['style'];
      else node.properties['style'] = fixed;
    });
  };
}
