/**
 * rehype-katex never throws: on bad TeX it renders a red `.katex-error` span and
 * logs a warning that is easy to miss. This plugin, run after it, turns that into
 * a build error naming the file and the offending TeX.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

const classes = (node: Element): string[] => {
  const value: unknown = node.properties['className'];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(' ') : [];
};

export function rehypeFailOnMathError() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node) => {
      const names = classes(node);
      // A rendered formula (`.katex`) holds no error: rehype-katex writes `.katex-error` in
      // place of the whole formula. Its thousands of nodes need not be searched.
      if (names.includes('katex')) return SKIP;
      if (!names.includes('katex-error')) return;
      const tex = node.children.map((c) => ('value' in c ? c.value : '')).join('');
      const reason = typeof node.properties['title'] === 'string' ? node.properties['title'] : '';
      throw new Error(`${file.path}: invalid TeX "${tex}" ${reason}`.trim());
    });
  };
}
