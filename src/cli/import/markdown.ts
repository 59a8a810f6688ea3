/**
 * The Markdown side of an import: parse the cleaned body (CommonMark + GFM +
 * `$…$` maths, as the site renders it), fix what MDX would reject or the site
 * would show badly, and write it back as MDX (or Markdown, for Q&A files) with
 * the serialiser escaping `{` and `<` where MDX needs it.
 */
import { compile } from '@mdx-js/mdx';
import type { Heading, Html, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Finding } from './clean-text.ts';
import { ImportError } from './header.ts';

/** Parses Markdown the way the site's pipeline reads it. `firstLine` shifts positions to source lines. */
export function parseMarkdown(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(text);
}

/** The source line of a node, given the line its text started on. */
export function lineOf(node: { position?: { start: { line: number } } | undefined }, firstLine: number): { line?: number } {
  return node.position ? { line: node.position.start.line + firstLine - 1 } : {};
}

/** The plain text of a node and its children (for titles and descriptions). */
export function plainText(node: RootContent | Root): string {
  let text = '';
  visit(node, (child) => {
    if (child.type === 'text' || child.type === 'inlineCode' || child.type === 'inlineMath') text += child.value;
    else if (child.type === 'break') text += ' ';
  });
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Raw HTML is not valid MDX as written in Markdown (comments, unclosed `<br>`):
 * comments are dropped, line breaks become Markdown breaks, anything else is kept
 * as visible text for the writer to review.
 */
export function neutraliseHtml(tree: Root, firstLine: number, findings: Finding[]): void {
  visit(tree, 'html', (node: Html, index, parent) => {
    if (!parent || index === undefined) return;
    const at = lineOf(node, firstLine);
    if (/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      findings.push({ kind: 'changed', message: 'removed an HTML comment', ...at });
      const before = parent.children[index - 1];
      if (before?.type === 'text') before.value = before.value.trimEnd();
      parent.children.splice(index, 1);
      return index;
    }
    if (/^<br\s*\/?>$/i.test(node.value.trim())) {
      parent.children.splice(index, 1, { type: 'break' });
      return index + 1;
    }
    findings.push({ kind: 'review', message: `raw HTML \`${node.value.trim().slice(0, 40)}\` kept as text`, ...at });
    parent.children.splice(index, 1, { type: 'text', value: node.value });
    return index + 1;
  });
}

/** Re-levels headings so the shallowest is H2 (the page's H1 is the post title). */
export function relevelHeadings(tree: Root, findings: Finding[]): void {
  const headings: Heading[] = [];
  visit(tree, 'heading', (node: Heading) => {
    headings.push(node);
  });
  if (headings.length === 0) return;
  const shift = 2 - Math.min(...headings.map((h) => h.depth));
  if (shift === 0) return;
  for (const heading of headings) heading.depth = Math.min(6, Math.max(2, heading.depth + shift)) as Heading['depth'];
  findings.push({
    kind: 'changed',
    message: `re-levelled ${headings.length} heading(s) by ${shift > 0 ? '+' : ''}${shift} so sections start at H2`,
  });
}

/** Headings directly followed by another heading of the same or a higher level, or by nothing. */
export function emptySections(tree: Root, firstLine: number, findings: Finding[]): void {
  const nodes = tree.children;
  nodes.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const next = nodes[i + 1];
    if (next === undefined || (next.type === 'heading' && next.depth <= node.depth)) {
      findings.push({ kind: 'review', message: `section "${plainText(node)}" has no content`, ...lineOf(node, firstLine) });
    }
  });
}

/** Serialises a tree as MDX (for posts) or plain Markdown (for Q&A bodies and strings). */
export function toMarkdown(tree: Root, flavour: 'mdx' | 'md'): string {
  const processor = unified().use(remarkStringify, { bullet: '-', fences: true, emphasis: '*', rule: '-' }).use(remarkGfm).use(remarkMath);
  if (flavour === 'mdx') processor.use(remarkMdx);
  return processor.stringify(tree);
}

/** Fails with the line and message when the site's MDX compiler would reject `source`. */
export async function assertCompilesAsMdx(source: string): Promise<void> {
  try {
    await compile(source, { remarkPlugins: [remarkGfm, remarkMath] });
  } catch (error) {
    const place = (error as { line?: number }).line;
    const where = place ? ` (line ${place} of the converted post)` : '';
    throw new ImportError(`the converted post does not compile as MDX${where}: ${(error as Error).message}`);
  }
}
