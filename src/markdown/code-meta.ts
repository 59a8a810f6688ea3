/**
 * Shiki transformer for fenced-code meta strings:
 *
 *     ```ts title="losses.ts" {2,4-5}
 *
 * - `{…}` marks lines (1-based, ranges allowed) with the class `highlighted`;
 * - `title="…"` wraps the block in <figure class="code-figure"> with a <figcaption>.
 *
 * Every block is written as <div class="code-block"><pre>…</pre><button class="copy-button"
 * hidden>, so the site script only reveals and wires the button: wrapping each block at load
 * changed a long article's DOM after its first layout and laid the page out again.
 *
 * Written here rather than taken from @shikijs/transformers because only these two
 * features are needed and their markup must match the site's CSS and copy button.
 */
import type { Element } from 'hast';
import type { ShikiTransformer } from 'shiki';

export interface CodeMeta {
  title: string | undefined;
  highlightedLines: Set<number>;
}

/** Parse a fenced-code meta string such as `title="a.ts" {1,3-4}`. */
export function parseCodeMeta(raw: string | undefined): CodeMeta {
  const meta = raw ?? '';
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/.exec(meta);
  const highlightedLines = new Set<number>();
  // Ranges live in braces outside the quoted title.
  const withoutStrings = meta.replace(/"[^"]*"|'[^']*'/g, '');
  for (const group of withoutStrings.matchAll(/\{([\d,\s-]+)\}/g)) {
    for (const part of (group[1] ?? '').split(',')) {
      const [from, to] = part.split('-').map((n) => Number.parseInt(n.trim(), 10));
      if (from === undefined || Number.isNaN(from)) continue;
      const last = to === undefined || Number.isNaN(to) ? from : to;
      for (let line = Math.min(from, last); line <= Math.max(from, last); line++) {
        if (line > 0) highlightedLines.add(line);
      }
    }
  }
  return { title: title ? (title[1] ?? title[2]) : undefined, highlightedLines };
}

/** Hidden until the site script wires it (a button that does nothing without JavaScript is not shown). */
function copyButton(): Element {
  return {
    type: 'element',
    tagName: 'button',
    properties: { type: 'button', className: ['copy-button'], hidden: true, ariaLive: 'polite', dataPagefindIgnore: '' },
    children: [{ type: 'text', value: 'Copy' }],
  };
}

export function transformerCodeMeta(): ShikiTransformer {
  return {
    name: 'minimax:code-meta',
    // Shiki stops tokenizing a line after 500 ms (`tokenizeTimeLimit`) and writes the rest of it
    // in one colour, so on a loaded machine a build could highlight a line wrongly (seen once in
    // a 200-post build at load 7.7). No limit: the same page whatever the load.
    preprocess(code, options) {
      options.tokenizeTimeLimit = 0;
      return code;
    },
    line(node, line) {
      const { highlightedLines } = parseCodeMeta(this.options.meta?.__raw);
      if (highlightedLines.has(line)) this.addClassToHast(node, 'highlighted');
    },
    pre(node) {
      if (parseCodeMeta(this.options.meta?.__raw).highlightedLines.size > 0) {
        this.addClassToHast(node, 'has-highlighted');
      }
    },
    root(root) {
      const { title } = parseCodeMeta(this.options.meta?.__raw);
      const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
      if (!pre) return;
      const block: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block'] },
        children: [pre, copyButton()],
      };
      root.children = [
        title === undefined
          ? block
          : {
              type: 'element',
              tagName: 'figure',
              properties: { className: ['code-figure'] },
              children: [
                {
                  type: 'element',
                  tagName: 'figcaption',
                  properties: { className: ['code-title'] },
                  children: [{ type: 'text', value: title }],
                },
                block,
              ],
            },
      ];
    },
  };
}
