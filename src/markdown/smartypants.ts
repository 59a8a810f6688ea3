/**
 * SmartyPants for Markdown and MDX: remark-smartypants 3.0.3 (MIT, Matei Ciobanu), the plugin
 * Astro adds when `smartypants` is on, with two shortcuts that leave its output the same.
 * astro.config.mjs turns Astro's off and lists this one first among the remark plugins, where
 * Astro puts its own.
 *
 * The plugin joins a document's text and runs retext-smartypants over it for quotes, then over
 * every text node again for ellipses, dashes and backticks. Each retext run parses the text
 * into a syntax tree, which was the largest part of a post's Markdown stage (5.5 s of a
 * 1,000-post build). A retext run changes nothing when its text has none of the characters it
 * rewrites, and retext writes back exactly the text it parsed, so such runs are skipped: the
 * quotes pass without `"` or `'` in the document, a node's pass without `--`, double backticks,
 * two straight single quotes or two dots (with or without space between).
 */
import type { Root } from 'mdast';
import { retext } from 'retext';
import smartypants, { type Options } from 'retext-smartypants';
import { visit } from 'unist-util-visit';

const VISITED_NODES = new Set(['text', 'inlineCode', 'paragraph', 'heading', 'tableCell']);
const IGNORED_HTML_ELEMENTS = new Set(['style', 'script']);
// Nodes whose text starts fresh (see remark-smartypants): a synthetic space in the joined text.
const BLOCK_NODES = new Set(['paragraph', 'heading', 'tableCell']);

/** What the quotes pass rewrites. */
const QUOTE = /["']/;
/** What the second pass rewrites: `--`, ``` `` ```, `''`, `...` and `. . .` (a superset). */
const DASH_ELLIPSIS_BACKTICK = /--|``|''|\.\s*\./;

interface AnyNode {
  type: string;
  value?: unknown;
  name?: unknown;
  children?: AnyNode[];
}

const isLiteral = (node: AnyNode): node is AnyNode & { value: string } => 'value' in node && typeof node.value === 'string';
const isBlock = (node: AnyNode) => BLOCK_NODES.has(node.type);

const check = (node: AnyNode, _index: number | undefined, parent: AnyNode | undefined) =>
  Boolean(
    parent &&
    (parent.type !== 'mdxJsxTextElement' || (typeof parent.name === 'string' && !IGNORED_HTML_ELEMENTS.has(parent.name))) &&
    VISITED_NODES.has(node.type) &&
    (isLiteral(node) || isBlock(node)),
  );

export function remarkSmartypantsFast(options: Options = {}) {
  const quotes = retext().use(smartypants, { ...options, ellipses: false, dashes: false, backticks: false });
  const rest = retext().use(smartypants, { ...options, quotes: false });
  return (tree: Root) => {
    let allText = '';
    let startIndex = 0;
    const nodes: AnyNode[] = [];
    visit(tree as unknown as AnyNode, check as never, (node: AnyNode) => {
      if (isLiteral(node)) allText += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      else if (isBlock(node)) allText += ' ';
      nodes.push(node);
    });
    if (QUOTE.test(allText)) allText = quotes.processSync(allText).toString();
    for (const node of nodes) {
      if (isLiteral(node)) {
        const endIndex = startIndex + node.value.length;
        if (node.type === 'text') {
          const text = allText.slice(startIndex, endIndex);
          node.value = DASH_ELLIPSIS_BACKTICK.test(text) ? rest.processSync(text).toString() : text;
        }
        startIndex = endIndex;
      } else if (isBlock(node)) {
        startIndex += 1;
      }
    }
  };
}
