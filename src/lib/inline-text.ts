/**
 * Render a short frontmatter string (Q&A questions, key points) to HTML at build:
 * text is escaped, `$…$` becomes KaTeX (same output as rehype-katex, so the same
 * CSS applies), and `` `code` `` becomes <code>. No client JavaScript is involved.
 */
import katex from 'katex';
import { htmlWithoutNegativeHeights } from '../markdown/katex-heights.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Bad TeX throws, which fails the build rather than shipping a `.katex-error`. */
export function renderInlineText(text: string): string {
  return text
    .split(/(\$[^$\n]+\$|`[^`\n]+`)/g)
    .map((part) => {
      if (part.length > 2 && part.startsWith('$') && part.endsWith('$')) {
        return htmlWithoutNegativeHeights(katex.renderToString(part.slice(1, -1), { throwOnError: true, output: 'htmlAndMathml' }));
      }
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      return escapeHtml(part);
    })
    .join('');
}
